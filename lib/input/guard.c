/* A light scan of an HTML page's tags, enough to see depth and attribute counts. */
#include "guard.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"

typedef struct {
    const char *s;
    size_t len;
    char *w;        /* the copy being blanked, made on the first change */
    size_t depth;
} scan;

static int blank(scan *c, size_t from, size_t to)
{
    if (!c->w) {
        c->w = malloc(c->len ? c->len : 1);
        if (!c->w)
            return -1;
        memcpy(c->w, c->s, c->len);
    }
    memset(c->w + from, ' ', to - from);
    return 0;
}


static int name_char(char ch)
{
    return ch && !html_space(ch) && ch != '/' && ch != '>';
}

/* Elements that never hold others open: void ones, and those the parser closes by itself. */
static int no_nesting(const char *n, size_t k)
{
    static const char *const list[] = { "area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                                        "meta", "param", "source", "track", "wbr", "p", "li", "dt", "dd",
                                        "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "keygen" };
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
        if (strlen(list[i]) == k && ascii_ncasecmp(n, list[i], k) == 0)
            return 1;
    return 0;
}

/* Elements whose content is text up to their end tag. */
static const char *raw_text(const char *n, size_t k)
{
    static const char *const list[] = { "script", "style", "textarea", "title", "xmp", "iframe", "noembed",
                                        "noframes", "noscript", "plaintext" };
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
        if (strlen(list[i]) == k && ascii_ncasecmp(n, list[i], k) == 0)
            return list[i];
    return NULL;
}

/* Past the attributes of a tag from i; blanks those after the GUARD_ATTRS-th. Returns the
 * offset after '>' (or the end), and sets *self_closing for "/>". */
static size_t attributes(scan *c, size_t i, int *self_closing, int *err)
{
    size_t count = 0, cut = 0;
    *self_closing = 0;
    while (i < c->len && c->s[i] != '>') {
        char ch = c->s[i];
        if (html_space(ch) || ch == '/') {
            *self_closing = ch == '/';
            i++;
            continue;
        }
        if (++count == GUARD_ATTRS + 1)
            cut = i;
        size_t from = i;
        while (i < c->len && name_char(c->s[i]) && c->s[i] != '=')
            i++;
        if (i == from && c->s[i] != '=')
            i++; /* a NUL or other odd byte: one step, never a standstill */
        if (i < c->len && c->s[i] == '=') {
            i++;
            char q = i < c->len ? c->s[i] : 0;
            if (q == '"' || q == '\'') {
                const char *e = memchr(c->s + i + 1, q, c->len - i - 1);
                i = e ? (size_t)(e - c->s) + 1 : c->len;
            } else {
                while (i < c->len && !html_space(c->s[i]) && c->s[i] != '>')
                    i++;
            }
        }
        *self_closing = 0;
    }
    if (cut && blank(c, cut, i) != 0)
        *err = 1;
    return i < c->len ? i + 1 : c->len;
}

/* After a raw-text element's start tag: its end tag, or the end of the page. */
static size_t skip_raw(const scan *c, size_t i, const char *name)
{
    size_t k = strlen(name);
    if (!strcmp(name, "plaintext"))
        return c->len;
    for (const char *p = c->s + i; (p = memchr(p, '<', c->len - (size_t)(p - c->s))) != NULL; p++) {
        size_t at = (size_t)(p - c->s);
        if (at + 2 + k <= c->len && p[1] == '/' && ascii_ncasecmp(p + 2, name, k) == 0)
            return at;
    }
    return c->len;
}

static size_t skip_past(const scan *c, size_t i, const char *end)
{
    size_t k = strlen(end);
    const char *stop = c->s + c->len;
    for (const char *p = c->s + i; (p = memchr(p, end[0], (size_t)(stop - p))) != NULL; p++)
        if ((size_t)(stop - p) >= k && memcmp(p, end, k) == 0)
            return (size_t)(p - c->s) + k;
    return c->len;
}

/* One tag at i ('<'): returns where scanning goes on. */
static size_t tag(scan *c, size_t i, int *err)
{
    if (i + 4 <= c->len && memcmp(c->s + i, "<!--", 4) == 0)
        return skip_past(c, i + 4, "-->");
    if (i + 1 < c->len && (c->s[i + 1] == '!' || c->s[i + 1] == '?'))
        return skip_past(c, i + 1, ">");
    int end = i + 1 < c->len && c->s[i + 1] == '/';
    size_t n = i + 1 + (size_t)end, k = n;
    if (k >= c->len || !((c->s[k] | 0x20) >= 'a' && (c->s[k] | 0x20) <= 'z'))
        return i + 1; /* "a < b": text */
    while (k < c->len && name_char(c->s[k]))
        k++;
    int self_closing = 0;
    size_t after = attributes(c, k, &self_closing, err);
    if (end) {
        c->depth -= c->depth > 0;
        return after;
    }
    const char *raw = raw_text(c->s + n, k - n);
    if (raw)
        return skip_raw(c, after, raw);
    if (self_closing || no_nesting(c->s + n, k - n))
        return after;
    if (++c->depth > GUARD_DEPTH && blank(c, i, after) != 0)
        *err = 1;
    return after;
}

int guard_page(page_text *p)
{
    scan c = { p->s, p->len, NULL, 0 };
    int err = 0;
    for (size_t i = 0; i < c.len && !err;) {
        const char *lt = memchr(c.s + i, '<', c.len - i);
        if (!lt)
            break;
        i = tag(&c, (size_t)(lt - c.s), &err);
    }
    if (err) {
        free(c.w);
        return -1;
    }
    if (c.w) {
        if (p->owned) {
            memcpy(p->owned, c.w, c.len); /* a converted page: its copy is ours already */
            free(c.w);
        } else {
            p->owned = c.w;
        }
        p->s = p->owned;
    }
    return 0;
}
