/* HTML tags inside scraped text: recognised conservatively so that "a < b" stays text. */
#include "markup.h"

#include <string.h>

#include "ascii.h"

#define TAG_MAX 4096 /* a longer "<..." run is not treated as a tag */

static const char *const block_tags[] = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
    "table", "section", "article", "header", "footer", "nav", "blockquote", "hr", "figcaption",
    "title", "dt", "dd", "pre",
};

static size_t name_len(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && (((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') || (s[i] >= '0' && s[i] <= '9')))
        i++;
    return i;
}

static int is_block(const char *name, size_t n)
{
    for (size_t i = 0; i < sizeof block_tags / sizeof block_tags[0]; i++)
        if (strlen(block_tags[i]) == n && ascii_ncasecmp(block_tags[i], name, n) == 0)
            return 1;
    return 0;
}

static size_t find(const char *s, size_t len, size_t from, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = from; i + n <= len; i++)
        if (ascii_ncasecmp(s + i, needle, n) == 0)
            return i + n;
    return 0;
}

/* <script> and <style> hold code, not text: skip to the closing tag; without one the "tag" is
 * prose about HTML and stays text. */
static size_t skip_raw_element(const char *s, size_t len, size_t open_end, const char *name, int *absent)
{
    char close[16];
    size_t n = strlen(name);
    close[0] = '<';
    close[1] = '/';
    memcpy(close + 2, name, n + 1);
    size_t end = *absent ? 0 : find(s, len, open_end, close);
    size_t gt = end ? find(s, len, end, ">") : 0;
    if (!gt)
        *absent = 1;
    return gt;
}

/* A tag escaped once more, as pages scraped twice show it: &lt;p&gt; or &lt;/a&gt;. */
size_t markup_escaped_tag(const char *s, size_t len, int32_t *cp)
{
    *cp = 0;
    if (len < 8 || memcmp(s, "&lt;", 4) != 0)
        return 0;
    size_t off = 4 + (s[4] == '/'), n = name_len(s + off, len - off);
    if (n == 0 || !(((s[off] | 0x20) >= 'a') && ((s[off] | 0x20) <= 'z')))
        return 0;
    for (size_t i = off + n; i + 4 <= len && i < TAG_MAX; i++) {
        if (s[i] == '<' || s[i] == '\n' || (s[i] == '&' && !memcmp(s + i, "&lt;", 4)))
            return 0;
        if (s[i] == '&' && !memcmp(s + i, "&gt;", 4)) {
            if (is_block(s + off, n))
                *cp = '\n';
            return i + 4;
        }
    }
    return 0;
}

size_t markup_tag(const char *s, size_t len, int32_t *cp, markup_state *st)
{
    *cp = 0;
    if (len < 3 || s[0] != '<')
        return 0;
    if (len >= 4 && memcmp(s, "<!--", 4) == 0) {
        size_t end = st->no_comment_end ? 0 : find(s, len, 4, "-->");
        st->no_comment_end = !end;
        return end;
    }
    size_t off = (s[1] == '/' || s[1] == '!' || s[1] == '?') ? 2 : 1;
    size_t n = name_len(s + off, len - off);
    if (n == 0 || !(((s[off] | 0x20) >= 'a') && ((s[off] | 0x20) <= 'z')))
        return 0;
    size_t i = off + n;
    if (i < len && s[i] != '>' && s[i] != ' ' && s[i] != '/' && s[i] != '\n' && s[i] != '\t')
        return 0;
    while (i < len && i < TAG_MAX && s[i] != '>' && s[i] != '<')
        i++;
    if (i >= len || s[i] != '>')
        return 0;
    i++;
    if (off == 1 && n == 6 && ascii_ncasecmp(s + 1, "script", 6) == 0)
        return skip_raw_element(s, len, i, "script", &st->no_script_end);
    if (off == 1 && n == 5 && ascii_ncasecmp(s + 1, "style", 5) == 0)
        return skip_raw_element(s, len, i, "style", &st->no_style_end);
    if (is_block(s + off, n))
        *cp = '\n';
    return i;
}
