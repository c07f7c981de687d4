/* Text stage: validation, cleanup and NFC of input bytes, keeping a map of source offsets. */
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "entity.h"
#include "markup.h"
#include "vnchar.h"

#define CLUSTER_MAX 16

typedef struct {
    char *s;
    srcmap map;
    size_t len, cap;
    int oom;
    int32_t cl[CLUSTER_MAX];  /* pending starter + combining marks, composed when complete */
    size_t ncl, cl_src;
} tbuf;

static void reserve(tbuf *t, size_t want)
{
    if (t->oom || want <= t->cap)
        return;
    size_t cap = t->cap ? t->cap * 2 : 256;
    while (cap < want)
        cap *= 2;
    char *s = realloc(t->s, cap);
    if (!s) {
        t->oom = 1;
        return;
    }
    t->s = s;
    t->cap = cap;
}

/* Appends one character (n bytes) that came from source byte src. */
static void emit(tbuf *t, const char *b, size_t n, size_t src)
{
    reserve(t, t->len + n + 1);
    if (t->oom)
        return;
    srcmap_put(&t->map, t->len, src);
    memcpy(t->s + t->len, b, n);
    t->len += n;
}

static void emit_cp(tbuf *t, int32_t cp, size_t src)
{
    char b[4];
    emit(t, b, vn_encode(cp, b), src);
}

/* hoà -> hòa, thuỷ -> thủy, khoẻ -> khỏe: in an open syllable ending in oa/oe/uy the tone
 * goes on the first vowel (the placement most Vietnamese news text uses). */
static void fix_tone_tail(tbuf *t, size_t word_start)
{
    if (t->len < word_start + 2)
        return;
    size_t p2 = t->len - 1;
    while (p2 > word_start && ((unsigned char)t->s[p2] & 0xC0) == 0x80)
        p2--;
    if (p2 == word_start)
        return;
    size_t p1 = p2 - 1;
    while (p1 > word_start && ((unsigned char)t->s[p1] & 0xC0) == 0x80)
        p1--;
    char c1 = t->s[p1];
    if ((unsigned char)t->s[p2] < 0x80 || !memchr("oOuU", c1, 4))
        return; /* the last letter carries no tone mark, or the one before is no plain o or u */
    int32_t c2, b2;
    int t2;
    vn_decode(t->s + p2, t->len - p2, &c2);
    vn_split_tone(c2, &b2, &t2);
    int32_t l1 = c1 | 0x20, l2 = vn_lower(b2);
    if (t2 == VN_TONE_NONE || !((l1 == 'o' && (l2 == 'a' || l2 == 'e')) || (l1 == 'u' && l2 == 'y')))
        return;
    if (l1 == 'u' && p1 > word_start && (t->s[p1 - 1] | 0x20) == 'q')
        return; /* quý: u belongs to the onset qu */
    size_t s1 = srcmap_at(&t->map, p1), s2 = srcmap_at(&t->map, p2);
    t->len = p1;
    srcmap_cut(&t->map, p1);
    emit_cp(t, vn_join_tone(c1, t2), s1);
    emit_cp(t, b2, s2);
}

/* Unicode canonical ordering: a stable sort of each run of marks by combining class. */
static void canonical_order(utf8proc_int32_t *d, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        utf8proc_int32_t cp = d[i];
        int cc = utf8proc_get_property(cp)->combining_class;
        size_t j = i;
        while (cc && j > 0 && utf8proc_get_property(d[j - 1])->combining_class > cc) {
            d[j] = d[j - 1];
            j--;
        }
        d[j] = cp;
    }
}

/* NFC of a letter with its marks, in any order: decomposed, reordered, composed. */
static void compose_cluster(tbuf *t)
{
    utf8proc_int32_t d[CLUSTER_MAX * 4];
    utf8proc_ssize_t n = 0;
    for (size_t i = 0; i < t->ncl; i++) {
        int last = 0;
        utf8proc_ssize_t k = utf8proc_decompose_char(t->cl[i], d + n, (utf8proc_ssize_t)(CLUSTER_MAX * 4) - n,
                                                     UTF8PROC_DECOMPOSE, &last);
        if (k < 0 || n + k > (utf8proc_ssize_t)(CLUSTER_MAX * 4))
            return;
        n += k;
    }
    canonical_order(d, (size_t)n);
    n = utf8proc_normalize_utf32(d, n, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (n < 1 || (size_t)n > CLUSTER_MAX)
        return;
    memcpy(t->cl, d, (size_t)n * sizeof *d);
    t->ncl = (size_t)n;
}

static void flush_cluster(tbuf *t)
{
    if (t->ncl == 1 && t->cl[0] < 0x80 && t->len + 1 < t->cap) {
        srcmap_put(&t->map, t->len, t->cl_src); /* the common case: one ASCII character */
        t->s[t->len++] = (char)t->cl[0];
        t->ncl = 0;
        return;
    }
    if (t->ncl == 0)
        return;
    if (t->ncl > 1)
        compose_cluster(t);
    for (size_t i = 0; i < t->ncl; i++)
        emit_cp(t, t->cl[i], t->cl_src);
    t->ncl = 0;
}

typedef struct {
    tbuf b;
    size_t word_start;  /* offset in b where the current run of letters began */
    int in_word;
    markup_state markup;
} tstate;

static void end_word(tstate *st)
{
    flush_cluster(&st->b);
    if (st->in_word)
        fix_tone_tail(&st->b, st->word_start);
    st->in_word = 0;
}

static int32_t clean_cp(int32_t cp)
{
    if ((cp >= 0x20 && cp < 0x7F) || (cp >= 0x1E00 && cp <= 0x1EFF))
        return cp; /* printable ASCII and Vietnamese letters, the bulk of any text */
    if (cp == '\t' || cp == '\v' || cp == '\f' || cp == 0xA0 || cp == 0x1680 || cp == 0x202F ||
        cp == 0x205F || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200A))
        return ' ';
    if (cp == 0x2028 || cp == 0x2029 || cp == 0x85)
        return '\n';
    if (cp == 0x200B)
        return ' '; /* a zero-width space still separates words */
    if (cp == '\n')
        return cp;
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xAD || (cp >= 0x200B && cp <= 0x200F) ||
        (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF ||
        (cp >= 0xFE00 && cp <= 0xFE0F))
        return -1;
    if (cp == 0xD0)
        return 0x110; /* Ð (eth) typed for Đ */
    if (cp == 0xF0)
        return 0x111;
    return cp;
}

/* A character that is no mark: the one before is written out, a word starts or ends, and it
 * waits for the marks that may follow it. */
static inline void start_char(tstate *st, int32_t cp, size_t src, int letter)
{
    if (letter) {
        flush_cluster(&st->b);
        if (!st->in_word) {
            st->in_word = 1;
            st->word_start = st->b.len;
        }
    } else {
        end_word(st);
    }
    st->b.cl[0] = cp;
    st->b.ncl = 1;
    st->b.cl_src = src;
}

static void add_cp(tstate *st, int32_t cp, size_t src)
{
    cp = clean_cp(cp);
    if (cp < 0)
        return;
    int combining = cp >= 0x300 && !(cp >= 0x1E00 && cp <= 0x1EFF) && cp != 0x1A1 && cp != 0x1B0 &&
                    utf8proc_get_property(cp)->combining_class != 0; /* precomposed Vietnamese, ơ, ư: no */
    if (combining) {
        if (st->b.ncl > 0 && st->b.ncl < CLUSTER_MAX && vn_is_letter(st->b.cl[0]))
            st->b.cl[st->b.ncl++] = cp;
        return; /* a mark with no letter to sit on says nothing */
    }
    start_char(st, cp, src, vn_is_letter(cp));
}

/* add_cp for the commonest case: a printable ASCII character (not < or &), which cleaning
 * leaves as it is and which is no mark. Returns 0 when the case does not apply. */
static inline int plain_ascii(tstate *st, unsigned char c, size_t src)
{
    if (c < 0x20 || c >= 0x7F || c == '<' || c == '&')
        return 0;
    start_char(st, c, src, (c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    return 1;
}

ra_status rtext_prepare(const char *in, size_t len, rtext *out, size_t *bad_offset)
{
    size_t bad = utf8_first_invalid(in, len); /* in markup too: <b class="\xff"> would reach the timings */
    if (bad < len) {
        if (bad_offset)
            *bad_offset = bad;
        return RA_ERR_UTF8;
    }
    return rtext_prepare_valid(in, len, out);
}

ra_status rtext_prepare_valid(const char *in, size_t len, rtext *out)
{
    tstate st;
    memset(&st, 0, sizeof st);
    size_t i = 0;
    if (len < SIZE_MAX / 16)
        reserve(&st.b, len + len / 8 + 16); /* cleanup rarely grows text: one allocation */
    if (len >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len) {
        unsigned char c = (unsigned char)in[i];
        if (plain_ascii(&st, c, i)) {
            i++;
            continue;
        }
        size_t skip = 0;
        int32_t cp = 0;
        if (c == '<' && (skip = markup_tag(in + i, len - i, &cp, &st.markup)) > 0) {
            if (cp)
                add_cp(&st, cp, i);
        } else if (c == '&' && (skip = markup_escaped_tag(in + i, len - i, &cp)) > 0) {
            if (cp)
                add_cp(&st, cp, i);
        } else if (c == '&' && (skip = entity_decode(in + i, len - i, &cp)) > 0) {
            add_cp(&st, cp, i);
        } else if (c == '\r') {
            skip = (i + 1 < len && in[i + 1] == '\n') ? 2 : 1;
            add_cp(&st, '\n', i);
        } else if (c < 0x80) {
            skip = 1;
            add_cp(&st, c, i);
        } else {
            skip = vn_decode(in + i, len - i, &cp); /* valid: checked before */
            add_cp(&st, cp, i);
        }
        i += skip;
    }
    end_word(&st);
    emit(&st.b, "", 1, len); /* NUL terminator, mapped to the end of input */
    if (st.b.oom || st.b.map.oom) {
        rtext_free(&(rtext){ st.b.s, 0, st.b.map, 0 });
        return RA_ERR_NOMEM;
    }
    out->s = st.b.s;
    out->map = st.b.map;
    out->len = st.b.len - 1;
    out->converted = 0;
    return RA_OK;
}

size_t rtext_src(const rtext *t, size_t at)
{
    return srcmap_at(&t->map, at);
}

void rtext_free(rtext *t)
{
    if (!t)
        return;
    free(t->s);
    srcmap_free(&t->map);
    t->s = NULL;
    t->len = 0;
}

/* End of the source character (an entity, or a code point with its combining marks) at at. */
static size_t source_char_end(const char *in, size_t len, size_t at)
{
    int32_t cp;
    if (at >= len)
        return len;
    size_t n = in[at] == '&' ? entity_decode(in + at, len - at, &cp) : 0;
    if (n)
        return at + n;
    size_t e = at + vn_decode(in + at, len - at, &cp);
    while (e < len) {
        size_t m = vn_decode(in + e, len - e, &cp);
        if (cp < 0x300 || utf8proc_get_property(cp)->combining_class == 0)
            break;
        e += m;
    }
    return e;
}

static int ascii_blank(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* End of the source character of clean byte last, in text converted from another encoding: where
 * the next clean character's source begins, less the blanks and tags dropped between them. */
static size_t converted_end(const rtext *t, const char *in, size_t len, size_t last)
{
    size_t start = rtext_src(t, last), k = last + 1;
    while (k < t->len && (((unsigned char)t->s[k] & 0xC0) == 0x80 || rtext_src(t, k) == start))
        k++; /* past the character, and past others made from the same source character */
    size_t next = rtext_src(t, k);
    /* the next character's source may come before this one's (a page's parts read out of
     * order): then this one ends a byte after it starts */
    size_t b = next > start && next <= len ? next : start < len ? start + 1 : len;
    while (b > start + 1 && ascii_blank(in[b - 1]))
        b--;
    if (b > 0 && in[b - 1] == '>') { /* a tag dropped after the character */
        size_t lt = b - 1;
        while (lt > start + 1 && in[lt] != '<')
            lt--;
        if (in[lt] == '<')
            b = lt;
    }
    return b;
}

void rtext_source_span(const rtext *t, const char *in, size_t len, size_t from, size_t to, size_t *a, size_t *b)
{
    size_t last = to - 1;
    while (last > from && ((unsigned char)t->s[last] & 0xC0) == 0x80)
        last--;
    *a = rtext_src(t, from);
    *b = t->converted ? converted_end(t, in, len, last) : source_char_end(in, len, rtext_src(t, last));
    if (*b < *a)
        *b = *a;
}
