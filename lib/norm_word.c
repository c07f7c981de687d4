/* Words: acronyms and abbreviations, loanwords, Vietnamese syllables, spelled letters, and the
 * fallback that reads any leftover string piece by piece so nothing raw reaches espeak-ng. */
#include <string.h>

#include "lexicon.h"
#include "norm_int.h"
#include "syllable.h"
#include "vnchar.h"

extern const char *const gen_symbols[][2];
extern const size_t gen_symbols_count;

const char *norm_symbol(const char *s, size_t n)
{
    for (size_t i = 0; i < gen_symbols_count; i++)
        if (strlen(gen_symbols[i][0]) == n && memcmp(gen_symbols[i][0], s, n) == 0)
            return gen_symbols[i][1];
    return NULL;
}

typedef struct {
    const nctx *c;
    size_t i;
} ctx_req;

/* Lowercase words of the tokens around i (three each side), for choosing among readings. */
static void context_words(void *user, char *buf, size_t cap)
{
    const nctx *c = ((const ctx_req *)user)->c;
    size_t i = ((const ctx_req *)user)->i;
    buf[0] = '\0';
    if (i >= c->n)
        return;
    size_t k = 0, from = i >= 3 ? i - 3 : 0, to = i + 4 < c->n ? i + 4 : c->n;
    for (size_t j = from; j < to; j++) {
        if (j == i || c->t[j].kind != TK_WORD)
            continue;
        const char *w = tok_text(c, j);
        for (size_t p = 0; p < c->t[j].len;) {
            int32_t cp;
            p += vn_decode(w + p, c->t[j].len - p, &cp);
            if (k + 6 >= cap) {
                buf[k] = '\0'; /* the context is cut, never left unterminated */
                return;
            }
            k += vn_encode(vn_lower(cp), buf + k);
        }
        buf[k++] = ' ';
        buf[k] = '\0';
    }
}

static void put_word(rbuf *out, const char *s, size_t n)
{
    if (out->len && out->p[out->len - 1] != ' ' && out->p[out->len - 1] != '\n')
        rbuf_putc(out, ' ');
    rbuf_put(out, s, n);
}

static void put_lower(rbuf *out, const char *s, size_t n)
{
    if (out->len && out->p[out->len - 1] != ' ' && out->p[out->len - 1] != '\n')
        rbuf_putc(out, ' ');
    for (size_t p = 0; p < n;) {
        int32_t cp;
        char enc[4];
        p += vn_decode(s + p, n - p, &cp);
        rbuf_put(out, enc, vn_encode(vn_lower(cp), enc));
    }
}

/* Letter by letter with Vietnamese letter names; a letter without a name (a toned vowel such
 * as Ý) is said as itself. */
static void spell(rbuf *out, const char *s, size_t n)
{
    for (size_t p = 0; p < n;) {
        int32_t cp;
        char up[8];
        size_t m = vn_decode(s + p, n - p, &cp);
        size_t k = vn_encode(vn_upper(cp), up);
        const char *name = lex_letter(up, k);
        if (name)
            rbuf_word(out, name);
        else
            put_lower(out, s + p, m);
        p += m;
    }
}

/* Every Vietnamese syllable has a vowel; Vietnamese letters beyond ASCII are vowels but for đ. */
static int has_vowel(const char *s, size_t n)
{
    for (size_t p = 0; p < n;) {
        int32_t cp;
        p += vn_decode(s + p, n - p, &cp);
        if (cp >= 0x80 ? (cp != 0x110 && cp != 0x111) : strchr("aeiouyAEIOUY", (int)cp) != NULL)
            return 1;
    }
    return 0;
}

static int all_caps_token(const nctx *c, size_t j)
{
    if (j >= c->n || c->t[j].kind != TK_WORD || c->t[j].len < 2)
        return 0;
    const char *w = tok_text(c, j);
    int32_t cp;
    for (size_t p = 0; p < c->t[j].len;) {
        p += vn_decode(w + p, c->t[j].len - p, &cp);
        if (vn_is_lower(cp))
            return 0;
    }
    return 1;
}

/* An all-caps syllable is a word when it carries Vietnamese marks (KHÔNG), is long, or stands
 * in a run of capitals (THÔNG BÁO KHẨN); a short bare one alone is an acronym (OA, AI). */
static int headline_word(const nctx *c, const char *s, size_t n, size_t i)
{
    for (size_t p = 0; p < n; p++)
        if ((unsigned char)s[p] >= 0x80)
            return 1;
    if (n >= 4)
        return 1;
    return i < c->n && ((i > 0 && all_caps_token(c, i - 1)) || all_caps_token(c, i + 1));
}

static int has_upper_after_first(const char *s, size_t n)
{
    int32_t cp;
    size_t p = vn_decode(s, n, &cp);
    while (p < n) {
        p += vn_decode(s + p, n - p, &cp);
        if (vn_is_upper(cp))
            return 1;
    }
    return 0;
}

void norm_letters(nctx *c, const char *s, size_t n, size_t tok_index)
{
    ctx_req req = { c, tok_index };
    const char *r = lex_acronym(c->cfg->ulex, s, n, context_words, &req);
    if (!r)
        r = lex_loanword(s, n);
    if (r) {
        rbuf_word(c->out, r);
        return;
    }
    int32_t first;
    size_t first_len = vn_decode(s, n, &first);
    if (has_upper_after_first(s, n)) {
        if (vn_is_syllable(s, n) && headline_word(c, s, n, tok_index))
            put_lower(c->out, s, n); /* a headline word: NÂNG CAO */
        else
            spell(c->out, s, n);     /* an unknown acronym: VTV, Zalo OA */
    } else if ((first_len == n && vn_is_upper(first)) || !has_vowel(s, n)) {
        spell(c->out, s, n);         /* a single capital (độ C, khu A), or no vowel at all (ch) */
    } else {
        put_word(c->out, s, n);
    }
}

typedef enum { RUN_LETTER, RUN_DIGIT, RUN_OTHER } run_kind;

static run_kind kind_of(int32_t cp)
{
    return vn_is_digit(cp) ? RUN_DIGIT : vn_is_letter(cp) ? RUN_LETTER : RUN_OTHER;
}

void norm_fallback(nctx *c, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        int32_t cp;
        size_t m = vn_decode(s + i, n - i, &cp);
        run_kind k = kind_of(cp);
        size_t j = i + m;
        while (k != RUN_OTHER && j < n) {
            size_t mm = vn_decode(s + j, n - j, &cp);
            if (kind_of(cp) != k)
                break;
            j += mm;
        }
        if (k == RUN_DIGIT) {
            if (s[i] == '0' && j - i > 1)
                num_digits(c->out, s + i, j - i);
            else
                num_cardinal(c->out, s + i, j - i, c->cfg->dl);
        } else if (k == RUN_LETTER) {
            norm_letters(c, s + i, j - i, (size_t)-1);
        } else {
            const char *sym = norm_symbol(s + i, j - i);
            if (sym)
                rbuf_word(c->out, sym);
        }
        i = j;
    }
}

static int all_letters(const char *w, size_t n)
{
    for (size_t p = 0; p < n;) {
        int32_t cp;
        p += vn_decode(w + p, n - p, &cp);
        if (!vn_is_letter(cp))
            return 0;
    }
    return n > 0;
}

/* A number among the three tokens before i: "2 triệu đồng/người" is per person. */
static int number_before(const nctx *c, size_t i)
{
    for (size_t k = i; k > 0 && k + 3 > i; k--)
        if (c->t[k - 1].kind == TK_WORD && vn_is_digit((unsigned char)tok_text(c, k - 1)[0]))
            return 1;
    return 0;
}

void norm_piece(nctx *c, const char *s, size_t n, size_t tok_index)
{
    ctx_req req = { c, tok_index };
    const char *r = lex_acronym(c->cfg->ulex, s, n, context_words, &req);
    if (r)
        rbuf_word(c->out, r);
    else
        norm_fallback(c, s, n);
}

/* Q.1, P.5, TX.Sơn Tây: a dotted abbreviation glued to what it abbreviates. */
static int read_dotted_prefix(nctx *c, size_t i, const char *w, size_t n)
{
    const char *dot = memchr(w, '.', n);
    int may_end;
    if (!dot || dot + 1 == w + n)
        return 0;
    size_t a = (size_t)(dot - w) + 1;
    ctx_req req = { c, i };
    const char *r = lex_dotted(c->cfg->ulex, w, a, &may_end) ? lex_acronym(c->cfg->ulex, w, a, context_words, &req) : NULL;
    if (!r)
        return 0;
    rbuf_word(c->out, r);
    norm_piece(c, w + a, n - a, i);
    return 1;
}

/* One side of word/word: a unit after a number (tấn/ha), else a word. */
static void slash_side(nctx *c, size_t i, const char *s, size_t n, int amount)
{
    const char *pos, *unit = amount ? unit_reading(s, n, &pos) : NULL;
    if (unit && strcmp(pos, "after") == 0)
        rbuf_word(c->out, unit);
    else
        norm_letters(c, s, n, i);
}

/* word/word: "trên" (per) after an amount (đồng/người, giờ/ngày), else the two words (và/hoặc). */
static int read_slashed(nctx *c, size_t i, const char *w, size_t n)
{
    const char *slash = memchr(w, '/', n);
    if (!slash)
        return 0;
    size_t a = (size_t)(slash - w);
    if (a == 0 && n > 1 && number_before(c, i)) { /* 20 triệu đồng /m2 */
        const char *pos, *unit = unit_reading(w + 1, n - 1, &pos);
        if (!unit && !all_letters(w + 1, n - 1))
            return 0;
        rbuf_word(c->out, "trên");
        if (unit)
            rbuf_word(c->out, unit);
        else
            norm_letters(c, w + 1, n - 1, i);
        return 1;
    }
    if (!all_letters(w, a) || !all_letters(slash + 1, n - a - 1))
        return 0;
    int amount = number_before(c, i);
    slash_side(c, i, w, a, amount);
    if (amount)
        rbuf_word(c->out, "trên");
    slash_side(c, i, slash + 1, n - a - 1, amount);
    return 1;
}

size_t norm_word(nctx *c, size_t i)
{
    const char *w = tok_text(c, i);
    size_t n = c->t[i].len;
    if (all_letters(w, n)) {
        norm_letters(c, w, n, i);
        return 1;
    }
    ctx_req req = { c, i };
    const char *r = lex_acronym(c->cfg->ulex, w, n, context_words, &req);
    if (r) {
        rbuf_word(c->out, r);
        return 1;
    }
    return norm_url(c, i) || read_dotted_prefix(c, i, w, n) || read_slashed(c, i, w, n);
}
