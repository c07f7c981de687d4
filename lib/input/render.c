/* Visible text of a flattened page, mapped back to the page's bytes. */
#include "render.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "entity.h"
#include "pagecheck.h"
#include "vec.h"
#include "vnchar.h"

void render_string(mtext *m, const char *s, size_t src)
{
    mtext_text(m, s, strlen(s), src);
}

static size_t utf8_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/* One decoded character at dec, which came from raw source bytes at src. */
static void put_char(mtext *m, const char *dec, size_t n, size_t src)
{
    if (n == 1 && html_space(dec[0]))
        mtext_space(m);
    else
        mtext_put(m, dec, n, src);
}

/* The length of a character reference gumbo decoded that entity_decode does not know: the name
 * and its ';' (bounded: a reference is short). */
static size_t unknown_ref(const char *raw, size_t len)
{
    size_t k = 1;
    while (k < len && k < 40 && (raw[k] == '#' || ((raw[k] | 0x20) >= 'a' && (raw[k] | 0x20) <= 'z') || (raw[k] >= '0' && raw[k] <= '9')))
        k++;
    return k < len && raw[k] == ';' ? k + 1 : k;
}

/* Walks gumbo's decoded text beside the raw source it came from, so that each character keeps
 * its own offset; where the two cannot be matched, the rest maps to the last matched byte. */
static void put_text(const dom *d, const GumboText *t, mtext *m)
{
    const char *dec = t->text, *raw = t->original_text.data;
    size_t dlen = strlen(dec), rlen = raw ? t->original_text.length : 0, base = t->start_pos.offset;
    if (raw && (raw < d->page.s || raw + rlen > d->page.s + d->page.len))
        rlen = 0;
    size_t i = 0, j = 0;
    while (j < dlen) {
        size_t n = utf8_len(dec + j);
        if (j + n > dlen)
            n = dlen - j;
        size_t src = page_source(&d->page, base + (i < rlen ? i : rlen));
        if (i + 1 < rlen && raw[i] == '\r' && raw[i + 1] == '\n')
            i++; /* gumbo reads CR LF as LF */
        put_char(m, dec + j, n, src);
        if (i >= rlen) {
            j += n;
            continue;
        }
        int32_t cp;
        size_t r = raw[i] == '&' ? entity_decode(raw + i, rlen - i, &cp) : 0;
        if (r)
            i += r;
        else if (raw[i] == '&' && dec[j] != '&')
            i += unknown_ref(raw + i, rlen - i);
        else if (rlen - i >= n && memcmp(raw + i, dec + j, n) == 0)
            i += n;
        else if (raw[i] == '\r' && dec[j] == '\n')
            i++;
        else
            rlen = i; /* lost the thread: keep the last good offset */
        j += n;
    }
}

/* An alt text worth announcing: words, not a file name ("IMG 2023.jpg", "anh 1.webp"). */
static int speakable_alt(const char *alt)
{
    size_t len = strlen(alt), spaces = 0;
    for (size_t i = 0; i < len; i++)
        spaces += alt[i] == ' ';
    return len >= 3 && spaces >= 1 && !page_alt_is_file_name(alt);
}

static void put_alt(const dom *d, size_t i, mtext *m)
{
    const char *alt = dom_attr(d->v[i].g, "alt");
    if (!alt || !speakable_alt(alt))
        return;
    size_t src = dom_source(d, i);
    mtext_break(m, 2);
    mtext_put(m, "Ảnh:", strlen("Ảnh:"), src);
    mtext_space(m);
    render_string(m, alt, src);
    char last = m->len ? m->s[m->len - 1] : '.';
    if (!strchr(".!?…", last) && (unsigned char)last < 0x80)
        mtext_put(m, ".", 1, src);
    mtext_break(m, 2);
}

static int open_element(const dom *d, size_t i, mtext *m, size_t **ends, size_t *n, size_t *cap)
{
    GumboTag t = dom_tag(&d->v[i]);
    if (m->notes)
        pagecheck_element(d, i, m->notes);
    if (t == GUMBO_TAG_BR) {
        mtext_break(m, 1);
    } else if (t == GUMBO_TAG_IMG) {
        put_alt(d, i, m);
    } else if (dom_block_tag(t)) {
        mtext_break(m, 2);
        if (vec_room((void **)ends, cap, *n, sizeof **ends) != 0)
            return -1;
        (*ends)[(*n)++] = d->v[i].end;
    }
    return 0;
}

void render_subtree(const dom *d, size_t root, mtext *m, render_skip_fn skip, const void *user)
{
    size_t *ends = NULL, n = 0, cap = 0;
    for (size_t i = root; i < d->v[root].end && !m->oom;) {
        while (n && ends[n - 1] <= i) {
            n--;
            mtext_break(m, 2);
        }
        const dnode *x = &d->v[i];
        if (i != root && skip && skip(user, d, i)) {
            if (dom_is_element(x) && dom_block_tag(dom_tag(x)))
                mtext_break(m, 2);
            i = x->end;
            continue;
        }
        if (!dom_is_element(x))
            put_text(d, &x->g->v.text, m);
        else if (open_element(d, i, m, &ends, &n, &cap) != 0)
            m->oom = 1;
        i++;
    }
    free(ends);
    mtext_break(m, 2);
}
