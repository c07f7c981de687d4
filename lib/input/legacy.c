/* TCVN3 and VNI-Windows: bytes and mojibake read through their glyph tables. */
#include "legacy.h"

#include <stdint.h>
#include <string.h>

#include "syllable.h"
#include "vnchar.h"

extern const char *const gen_tcvn3[][2];
extern const size_t gen_tcvn3_count;
extern const char *const gen_vni[][2];
extern const size_t gen_vni_count;

#define TOKEN_MAX 64 /* longer runs are no syllable in any encoding */

/* Windows-1252 at 0x80..0x9F (the rest of its upper half is Latin-1); 0xFFFD where undefined. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

const char *legacy_name(legacy_enc e)
{
    return e == LEGACY_VNI ? "vni" : "tcvn3";
}

/* The letter for glyphs g[0..n), or NULL: a binary search of the table sorted by its glyphs. */
static const char *lookup(legacy_enc e, const char *g, size_t n)
{
    const char *const(*t)[2] = e == LEGACY_VNI ? gen_vni : gen_tcvn3;
    size_t lo = 0, hi = e == LEGACY_VNI ? gen_vni_count : gen_tcvn3_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2, k = strlen(t[mid][0]);
        int c = memcmp(t[mid][0], g, k < n ? k : n);
        if (c == 0)
            c = k < n ? -1 : k > n;
        if (c == 0)
            return t[mid][1];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Where converted text goes: a mapped text, or a fixed buffer (a candidate word) with the
 * source offset of each byte. */
typedef struct {
    mtext *m;
    char *buf;
    size_t *at;
    size_t cap, len;
    int over;
} sink;

static void sink_put(sink *k, const char *s, size_t n, size_t src)
{
    if (k->m) {
        mtext_put(k->m, s, n, src);
    } else if (k->len + n < k->cap) {
        memcpy(k->buf + k->len, s, n);
        for (size_t i = 0; i < n; i++)
            k->at[k->len + i] = src;
        k->len += n;
    } else {
        k->over = 1;
    }
}

/* The glyph at s[i] as UTF-8 into g; *adv receives the input bytes it takes. Byte input reads a
 * byte through Windows-1252; text input takes one character. */
static size_t glyph_at(const char *s, size_t n, size_t i, int bytes, char *g, size_t *adv)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        g[0] = (char)c;
        *adv = 1;
        return 1;
    }
    if (bytes) {
        *adv = 1;
        return vn_encode(c < 0xA0 ? cp1252_high[c - 0x80] : c, g);
    }
    int32_t cp;
    *adv = vn_decode(s + i, n - i, &cp);
    memcpy(g, s + i, *adv);
    return *adv;
}

static void convert(legacy_enc e, const char *s, size_t n, int bytes, const size_t *src, size_t base, sink *k)
{
    for (size_t i = 0; i < n;) {
        if ((unsigned char)s[i] < 0x80 && (i + 1 == n || (unsigned char)s[i + 1] < 0x80)) {
            sink_put(k, s + i, 1, src ? src[i] : base + i);
            i++;
            continue;
        }
        char g[8];
        size_t a1, a2 = 0, l1 = glyph_at(s, n, i, bytes, g, &a1);
        size_t l2 = i + a1 < n ? glyph_at(s, n, i + a1, bytes, g + l1, &a2) : 0;
        const char *u = l2 ? lookup(e, g, l1 + l2) : NULL;
        size_t used = u ? a1 + a2 : a1;
        if (!u)
            u = lookup(e, g, l1);
        sink_put(k, u ? u : g, u ? strlen(u) : l1, src ? src[i] : base + i);
        i += used;
    }
}

void legacy_decode(legacy_enc e, const char *in, size_t len, size_t skip, mtext *m)
{
    sink k = { .m = m };
    convert(e, in + skip, len - skip, 1, NULL, skip, &k);
}

void legacy_glyphs(legacy_enc e, const char *s, size_t n, const size_t *src, size_t base, mtext *m)
{
    sink k = { .m = m };
    convert(e, s, n, 0, src, base, &k);
}

/* Words: runs of ASCII letters and digits and of characters beyond ASCII other
 * than no-break and general-punctuation spaces and marks (Windows-1252's quotes and dashes). */
static int word_char(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    return cp != 0xA0 && !(cp >= 0x2000 && cp <= 0x206F) && cp != 0x3000 && cp != 0xFEFF && cp != 0xFFFD;
}

/* 1 for the letters of U+00C0..U+00FF that Vietnamese writes: À Á Â Ã È É Ê Ì Í Ò Ó Ô Õ Ù Ú Ý and
 * their small forms. */
static int vietnamese_latin1(int32_t cp)
{
    const uint64_t letters = UINT64_C(0x263c370f263c370f);
    return cp >= 0xC0 && cp <= 0xFF && ((letters >> (cp - 0xC0)) & 1);
}

static unsigned run_flags(int32_t cp)
{
    unsigned latin = cp >= 0xA1 && cp <= 0xFF ? RUN_LATIN | (vietnamese_latin1(cp) ? 0 : RUN_ODD) : 0;
    return latin | (cp >= 0x80 ? RUN_HIGH : 0) | ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z' ? RUN_LETTER : 0);
}

size_t legacy_run(const char *s, size_t n, size_t i, unsigned *kind)
{
    int32_t cp;
    size_t k = i + vn_decode(s + i, n - i, &cp);
    int word = word_char(cp);
    *kind = (word ? RUN_WORD : 0) | run_flags(cp);
    while (k < n) {
        size_t step = vn_decode(s + k, n - k, &cp);
        if (word_char(cp) != word)
            break;
        *kind |= run_flags(cp);
        k += step;
    }
    return k;
}

/* TCVN3's ư is byte 0xAD, Windows-1252's soft hyphen, which web pages and editors drop: "Mêng"
 * then reads "Mờng". Puts an ư back before an ơ that Vietnamese never writes without one (before
 * ng, c, u or o) when an onset letter comes before it. */
static void restore_u(sink *k)
{
    for (size_t i = 1; i + 2 < k->len; i++) {
        int32_t cp, base;
        int tone;
        if (((unsigned char)k->buf[i] & 0xC0) == 0x80 || (unsigned char)k->buf[i - 1] >= 0x80)
            continue; /* not a character start, or no ASCII onset letter before it */
        size_t n = vn_decode(k->buf + i, k->len - i, &cp);
        vn_split_tone(vn_lower(cp), &base, &tone);
        const char *next = k->buf + i + n;
        size_t rest = k->len - i - n;
        if (base != 0x01A1 || !((rest == 2 && !memcmp(next, "ng", 2)) || (rest == 1 && strchr("cuo", *next))))
            continue;
        if (k->len + 2 >= k->cap)
            return;
        memmove(k->buf + i + 2, k->buf + i, k->len - i);
        memmove(k->at + i + 2, k->at + i, (k->len - i) * sizeof *k->at);
        memcpy(k->buf + i, vn_is_upper(cp) ? "\xC6\xAF" : "\xC6\xB0", 2); /* Ư, ư */
        k->at[i + 1] = k->at[i];
        k->len += 2;
        return;
    }
}

/* Word w read in encoding e into k; 1 when it is then a Vietnamese syllable. */
static int read_word(legacy_enc e, const char *w, size_t n, size_t src0, sink *k)
{
    if (n > TOKEN_MAX)
        return 0;
    convert(e, w, n, 0, NULL, src0, k);
    if (k->over)
        return 0;
    if (!vn_is_written_syllable(k->buf, k->len) && e == LEGACY_TCVN3)
        restore_u(k);
    return vn_is_written_syllable(k->buf, k->len);
}

static int reads_as_syllable(legacy_enc e, const char *w, size_t n)
{
    char buf[TOKEN_MAX * 2];
    size_t at[TOKEN_MAX * 2];
    sink k = { .buf = buf, .at = at, .cap = sizeof buf };
    return read_word(e, w, n, 0, &k);
}

/* Words that count as evidence: with an ASCII letter (a lone glyph is as likely a symbol: × is
 * TCVN3's ì, « its ô). */
#define EVIDENCE (RUN_WORD | RUN_LATIN | RUN_LETTER)

/* The encoding line s[0..n) is in, or -1: the one that mends more of its evidence words than the
 * other and more than it spoils. First asked of the words with a character Vietnamese never
 * writes (cheap: a Vietnamese line has few or none), then of all. */
static int line_encoding(const char *s, size_t n, unsigned evidence)
{
    long gain[LEGACY_COUNT] = { 0 };
    unsigned kind;
    for (size_t i = 0, k; i < n; i = k) {
        k = legacy_run(s, n, i, &kind);
        if ((kind & evidence) != evidence || k - i > TOKEN_MAX)
            continue;
        int before = vn_is_written_syllable(s + i, k - i);
        for (int e = 0; e < LEGACY_COUNT; e++)
            gain[e] += reads_as_syllable((legacy_enc)e, s + i, k - i) - before;
    }
    int best = gain[LEGACY_VNI] > gain[LEGACY_TCVN3] ? LEGACY_VNI : LEGACY_TCVN3;
    return gain[best] > 0 && gain[best] > gain[1 - best] ? best : -1;
}

static void copy_span(const char *s, size_t from, size_t to, const size_t *src, size_t base, mtext *m)
{
    for (size_t i = from; i < to; i++)
        mtext_put(m, s + i, 1, src ? src[i] : base + i);
}

/* Writes line s[a..b) with its words read in e where they then are syllables; returns how many. */
static size_t mend_line(legacy_enc e, const char *s, size_t a, size_t b, const size_t *src, size_t base, mtext *m)
{
    size_t mended = 0;
    unsigned kind;
    char buf[TOKEN_MAX * 2];
    size_t at[TOKEN_MAX * 2];
    for (size_t i = a, k; i < b; i = k) {
        k = legacy_run(s, b, i, &kind);
        sink w = { .buf = buf, .at = at, .cap = sizeof buf };
        if ((kind & (RUN_WORD | RUN_LATIN)) == (RUN_WORD | RUN_LATIN) && read_word(e, s + i, k - i, i, &w)) {
            for (size_t j = 0; j < w.len; j++) /* the word's bytes, each from its glyph */
                mtext_put(m, buf + j, 1, src ? src[at[j]] : base + at[j]);
            mended++;
        } else {
            copy_span(s, i, k, src, base, m);
        }
    }
    return mended;
}

/* 1 when the line has a character of U+00A1..U+00FF that Vietnamese does not write (µ, Ö, ø,
 * ï: every line of TCVN3 or VNI text shown as Windows-1252 has some): the only lines worth a
 * closer look, so that Vietnamese text costs one pass of this scan. */
static int has_odd_latin1(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] != '\xC2' && s[i] != '\xC3')
            continue;
        int32_t cp = (int32_t)((((unsigned char)s[i] & 0x1F) << 6) | ((unsigned char)s[i + 1] & 0x3F));
        if (cp >= 0xA1 && !vietnamese_latin1(cp))
            return 1;
    }
    return 0;
}

int legacy_repair(const char *s, size_t n, const size_t *src, size_t base, mtext *m, legacy_counts *counts)
{
    size_t copied = 0;
    legacy_counts c = { { 0 } };
    for (size_t a = 0; a < n;) {
        const char *nl = memchr(s + a, '\n', n - a);
        size_t b = nl ? (size_t)(nl - s) : n;
        int e = -1;
        if (has_odd_latin1(s + a, b - a) && line_encoding(s + a, b - a, EVIDENCE | RUN_ODD) >= 0)
            e = line_encoding(s + a, b - a, EVIDENCE); /* its odd words mend: now weigh them all */
        if (e >= 0) {
            copy_span(s, copied, a, src, base, m);
            c.words[e] += mend_line((legacy_enc)e, s, a, b, src, base, m);
            copied = b;
        }
        a = b + 1;
    }
    if (counts)
        *counts = c;
    if (!c.words[LEGACY_TCVN3] && !c.words[LEGACY_VNI])
        return 0;
    copy_span(s, copied, n, src, base, m);
    return 1;
}
