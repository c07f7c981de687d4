/* Web addresses and e-mail addresses, read briefly: the host without "www." and without the
 * path, each label as words where it splits into Vietnamese syllables (baonghean -> bao nghe an)
 * or is a known word, letters otherwise; "đường dẫn" (a link) when that would be long. */
#include <string.h>

#include "lexicon.h"
#include "norm_int.h"
#include "syllable.h"
#include "vnchar.h"

#define LABEL_MAX 40     /* a longer label is not worth reading out */
#define MAX_LABELS 5
#define SYL_MAX 7        /* bytes in the longest ASCII syllable (nghieng) */
#define WORD_MAX 24      /* the longest word or loanword looked for inside a label */

static const char *const tlds[] = { "vn", "com", "net", "org", "gov", "edu", "info", "io", "biz", "asia", "int" };

static int is_tld(const char *s, size_t n)
{
    for (size_t k = 0; k < sizeof tlds / sizeof tlds[0]; k++)
        if (strlen(tlds[k]) == n && !strncmp(tlds[k], s, n))
            return 1;
    return 0;
}

static int host_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-';
}

/* Length of the host at s (labels joined by dots), 0 if it ends in no known top-level domain. */
static size_t host_len(const char *s, size_t n, size_t *labels)
{
    size_t i = 0, last = 0;
    *labels = 0;
    while (i < n) {
        size_t st = i;
        while (i < n && host_char(s[i]))
            i++;
        if (i == st)
            return 0;
        (*labels)++;
        last = st;
        if (i + 1 < n && s[i] == '.' && host_char(s[i + 1]))
            i++;
        else
            break;
    }
    char low[8];
    size_t tn = i - last;
    if (*labels < 2 || tn >= sizeof low)
        return 0;
    for (size_t k = 0; k < tn; k++)
        low[k] = (char)(s[last + k] | 0x20);
    return is_tld(low, tn) ? i : 0;
}

/* What a piece of a label can be, and what it costs in the split: a word typed without its
 * marks (thuvien), a syllable (luat), a loanword (tv), a bare syllable shape, else letters. */
enum { PIECE_WORD = 2, PIECE_SYLLABLE = 3, PIECE_SHAPE = 4, PIECE_LETTER = 5 };

static unsigned piece_cost(const char *s, size_t n)
{
    int several = 0;
    char low[WORD_MAX + 1];
    for (size_t k = 0; k < n; k++)
        low[k] = (char)(s[k] | 0x20);
    if (lex_plain_word(low, n, &several))
        return several ? PIECE_WORD : PIECE_SYLLABLE;
    if (lex_loanword(s, n))
        return PIECE_SYLLABLE;
    return n <= SYL_MAX && vn_is_syllable(s, n) ? PIECE_SHAPE : 0;
}

static void read_piece(nctx *c, const char *s, size_t n)
{
    int several;
    char low[WORD_MAX + 1];
    for (size_t k = 0; k < n && n <= WORD_MAX; k++)
        low[k] = (char)(s[k] | 0x20);
    const char *w = n <= WORD_MAX ? lex_plain_word(low, n, &several) : NULL;
    if (w)
        rbuf_word(c->out, w);
    else if (n == 1 || (!vn_is_syllable(s, n) && !lex_loanword(s, n)))
        norm_fallback(c, s, n);
    else
        norm_letters(c, s, n, (size_t)-1);
}

/* The cheapest split of s[0..n) (n <= LABEL_MAX) into pieces: cuts[] receives the ends of
 * the pieces, last first; returns their number. *letters counts the letters that no piece
 * covers (spelled one by one) and *words the words of several syllables. */
static size_t split_label(const char *s, size_t n, size_t *cuts, size_t *letters, size_t *words)
{
    unsigned cost[LABEL_MAX + 1];
    unsigned char step[LABEL_MAX + 1], kind[LABEL_MAX + 1];
    cost[0] = 0;
    for (size_t e = 1; e <= n; e++) {
        cost[e] = cost[e - 1] + PIECE_LETTER;
        step[e] = 1;
        kind[e] = PIECE_LETTER;
        /* longest piece first: on a tie the later syllable takes the consonant (ha noi, not han oi) */
        for (size_t k = e < WORD_MAX ? e : WORD_MAX; k >= 2; k--) {
            unsigned pc = piece_cost(s + e - k, k);
            if (pc && cost[e - k] + pc < cost[e]) {
                cost[e] = cost[e - k] + pc;
                step[e] = (unsigned char)k;
                kind[e] = (unsigned char)pc;
            }
        }
    }
    size_t nc = 0;
    *letters = *words = 0;
    for (size_t e = n; e > 0; e -= step[e]) {
        cuts[nc++] = e;
        *letters += kind[e] == PIECE_LETTER && !vn_is_digit((unsigned char)s[e - 1]);
        *words += kind[e] == PIECE_WORD;
    }
    return nc;
}

/* Digits inside a label are a number (kenh14, muaban24), not digits to spell. */
static void read_pieces(nctx *c, const char *s, size_t *cuts, size_t nc)
{
    for (size_t st = 0; nc > 0; st = cuts[nc]) {
        size_t e = cuts[--nc];
        if (vn_is_digit((unsigned char)s[st])) {
            while (nc > 0 && vn_is_digit((unsigned char)s[cuts[nc - 1] - 1]))
                e = cuts[--nc]; /* a run of digits: one number */
            norm_fallback(c, s + st, e - st);
        } else {
            read_piece(c, s + st, e - st);
        }
    }
}

/* A vowel, and no three consonants in a row: a label a reading can say (zing; not vtv). */
static int pronounceable(const char *s, size_t n)
{
    size_t run = 0, vowels = 0;
    for (size_t k = 0; k < n; k++) {
        int v = strchr("aeiouyAEIOUY", s[k]) != NULL;
        vowels += v;
        run = v ? 0 : run + 1;
        if (run >= 3 || vn_is_digit((unsigned char)s[k]))
            return 0;
    }
    return n >= 4 && vowels > 0;
}

static int no_vowel(const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (strchr("aeiouyAEIOUY0123456789", s[k]))
            return 0;
    return 1;
}

/* A label: the cheapest split, or, when that would spell letters of a word that a foreign
 * reading can say (zing), that reading. */
static void read_label(nctx *c, const char *s, size_t n)
{
    const char *known = lex_loanword(s, n);
    if (known || n > LABEL_MAX) {
        rbuf_word(c->out, known ? known : "");
        return;
    }
    size_t cuts[LABEL_MAX + 1], letters, words, nc = split_label(s, n, cuts, &letters, &words);
    if (letters && pronounceable(s, n) && norm_foreign(c, s, n))
        return;
    if (no_vowel(s, n)) {
        norm_spell(c->out, s, n); /* vtv, gdt: letters */
        return;
    }
    read_pieces(c, s, cuts, nc);
}

int norm_plain_words(nctx *c, const char *s, size_t n)
{
    size_t cuts[LABEL_MAX + 1], letters, words;
    if (n > LABEL_MAX)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (!((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z'))
            return 0;
    size_t nc = split_label(s, n, cuts, &letters, &words);
    if (letters || !words)
        return 0;
    read_pieces(c, s, cuts, nc);
    return 1;
}

static void read_host(nctx *c, const char *s, size_t n)
{
    if (n > 4 && !strncmp(s, "www.", 4))
        s += 4, n -= 4;
    for (size_t i = 0; i < n;) {
        size_t e = i;
        while (e < n && s[e] != '.')
            e++;
        for (size_t a = i; a < e;) { /* a hyphen inside a label is only a separator */
            size_t b = a;
            while (b < e && s[b] != '-')
                b++;
            if (b > a)
                read_label(c, s + a, b - a);
            a = b + 1;
        }
        if (e < n)
            rbuf_word(c->out, "chấm");
        i = e + 1;
    }
}

static size_t skip_scheme(const char *s, size_t n)
{
    if (n > 8 && !strncmp(s, "https://", 8))
        return 8;
    if (n > 7 && !strncmp(s, "http://", 7))
        return 7;
    return 0;
}

size_t norm_url(nctx *c, size_t i)
{
    const char *s = tok_text(c, i);
    size_t n = c->t[i].len, labels = 0;
    const char *at = memchr(s, '@', n);
    if (at && at > s) {
        size_t local = (size_t)(at - s), h = host_len(at + 1, n - local - 1, &labels);
        if (!h || h != n - local - 1 || local > LABEL_MAX)
            return 0;
        for (size_t a = 0; a < local;) {
            size_t b = a;
            while (b < local && host_char(s[b]))
                b++;
            if (b > a)
                read_label(c, s + a, b - a);
            if (b < local && s[b] == '.')
                rbuf_word(c->out, "chấm"); /* hanoitv.online@: the dot is said */
            a = b + 1;
        }
        rbuf_word(c->out, "a còng");
        read_host(c, at + 1, h);
        return 1;
    }
    size_t k = skip_scheme(s, n), h = host_len(s + k, n - k, &labels);
    int web = k > 0 || (n - k > 4 && !strncmp(s + k, "www.", 4));
    if (!h || (!web && h != n - k && s[k + h] != '/'))
        return 0;
    if (labels > MAX_LABELS)
        rbuf_word(c->out, "đường dẫn");
    else
        read_host(c, s + k, h);
    return 1;
}
