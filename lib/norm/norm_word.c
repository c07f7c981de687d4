/* Word tokens: whole-token acronyms (KT-XH, TP.HCM), dotted prefixes (Q.1), word/word slashes,
 * and the fallback that reads any leftover string piece by piece so nothing raw reaches espeak-ng. */
#include <string.h>

#include "lexicon.h"
#include "norm_int.h"
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

typedef enum { RUN_LETTER, RUN_DIGIT, RUN_OTHER } run_kind;

static run_kind kind_of(int32_t cp)
{
    return vn_is_digit(cp) ? RUN_DIGIT : vn_is_letter(cp) ? RUN_LETTER : RUN_OTHER;
}

/* The end of the run of one kind starting at i (a symbol run is one character). */
static size_t run_end(const char *s, size_t n, size_t i, run_kind *k)
{
    int32_t cp;
    size_t j = i + vn_decode(s + i, n - i, &cp);
    *k = kind_of(cp);
    while (*k != RUN_OTHER && j < n) {
        size_t m = vn_decode(s + j, n - j, &cp);
        if (kind_of(cp) != *k)
            break;
        j += m;
    }
    return j;
}

static int digit_at(const char *s, size_t n, size_t i)
{
    return i < n && vn_is_digit((unsigned char)s[i]);
}

/* Start of the code point that ends at i. */
static size_t prev_cp_start(const char *s, size_t i)
{
    size_t p = i - 1;
    while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80)
        p--;
    return p;
}

/* Is the code point at p (before end) a symbol, not a letter, digit or space? */
static int symbol_at(const char *s, size_t end, size_t p)
{
    int32_t cp;
    vn_decode(s + p, end - p, &cp);
    return cp != ' ' && kind_of(cp) == RUN_OTHER;
}

/* Between two digit runs: 2.5 in PM2.5 is "chấm", 10x20 is "nhân"; a symbol next to another
 * symbol (>>, =>) is decoration and says nothing. */
static void read_between(nctx *c, const char *s, size_t n, size_t i, size_t j, run_kind k)
{
    int digits_around = i > 0 && vn_is_digit((unsigned char)s[i - 1]) && digit_at(s, n, j);
    if (digits_around && j == i + 1 && (s[i] == '.' || s[i] == ',' || s[i] == 'x' || s[i] == 'X')) {
        rbuf_word(c->out, s[i] == '.' ? "chấm" : s[i] == ',' ? "phẩy" : "nhân");
        return;
    }
    const char *pos, *unit = k == RUN_LETTER && i > 0 && vn_is_digit((unsigned char)s[i - 1])
                                 ? lex_unit(s + i, j - i, &pos) : NULL;
    if (unit) {
        rbuf_word(c->out, unit); /* 2x622MW: the unit after the last number */
        return;
    }
    if (k == RUN_LETTER) {
        c->glued_digits = digit_at(s, n, j);
        norm_letters(c, s + i, j - i, c->cur);
        c->glued_digits = 0;
        return;
    }
    int neighbour_symbol = (i > 0 && symbol_at(s, i, prev_cp_start(s, i))) || (j < n && symbol_at(s, n, j));
    const char *sym = neighbour_symbol ? NULL : norm_symbol(s + i, j - i);
    if (sym)
        rbuf_word(c->out, sym);
}

void norm_fallback(nctx *c, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        run_kind k;
        size_t j = run_end(s, n, i, &k);
        if (k == RUN_DIGIT && s[i] == '0' && j - i > 1)
            num_digits(c->out, s + i, j - i);
        else if (k == RUN_DIGIT)
            num_cardinal(c->out, s + i, j - i, c->cfg->dl);
        else
            read_between(c, s, n, i, j, k);
        i = j;
    }
}

static int all_letters(const char *w, size_t n)
{
    for (size_t p = 0; p < n;) {
        int32_t cp;
        if ((unsigned char)w[p] < 0x80) { /* an ASCII letter, or not a word of letters */
            if (((w[p] | 0x20) < 'a' || (w[p] | 0x20) > 'z'))
                return 0;
            p++;
            continue;
        }
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
    const char *r = norm_acronym(c, s, n, tok_index, 0);
    if (r)
        norm_put_reading(c->out, r);
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
    const char *r = lex_dotted(c->cfg->ulex, w, a, &may_end) ? norm_acronym(c, w, a, i, 0) : NULL;
    if (!r)
        return 0;
    norm_put_reading(c->out, r);
    norm_piece(c, w + a, n - a, i);
    return 1;
}

/* One side of word/word: a unit after a number (tấn/ha), else a word. */
#define MAX_SLASHED 4

/* One part of a/b/c: a unit after an amount (tấn/ha, m3/ngày), else words; 0 if neither. */
static int slash_part_ok(const char *s, size_t n, int amount)
{
    const char *pos;
    return n > 0 && ((amount && (lex_unit(s, n, &pos) || norm_digits_value(s, n) >= 0)) || all_letters(s, n));
}

static void slash_part(nctx *c, size_t i, const char *s, size_t n, int amount)
{
    const char *pos, *unit = amount ? lex_unit(s, n, &pos) : NULL;
    if (unit)
        rbuf_word(c->out, unit);
    else if (amount && norm_digits_value(s, n) >= 0)
        num_cardinal(c->out, s, n, c->cfg->dl); /* 1.900 đại biểu/75 điểm cầu */
    else
        norm_letters(c, s, n, i);
}

/* a/b[/c]: "trên" (per) after an amount (đồng/người/tháng, µg/m3, 20 triệu đồng /m2), else the
 * words one after another (và/hoặc). */
static int read_slashed(nctx *c, size_t i, const char *w, size_t n)
{
    size_t cut[MAX_SLASHED + 1], parts = 0, start = 0;
    int amount = number_before(c, i);
    if (!memchr(w, '/', n))
        return 0;
    int open_end = amount && n > 1 && w[n - 1] == '/' && i + 1 < c->n && c->t[i + 1].kind == TK_WORD;
    if (open_end)
        n--; /* đồng/ lượng: the slash, then a space, then what it is per */
    if (w[0] == '/' && amount)
        start = 1; /* a leading slash: what an amount is per */
    for (size_t k = start; k <= n; k++)
        if (k == n || w[k] == '/') {
            if (parts == MAX_SLASHED || !slash_part_ok(w + start, k - start, amount))
                return 0;
            cut[parts++] = k;
            start = k + 1;
        }
    start = w[0] == '/' ? 1 : 0;
    for (size_t k = 0; k < parts; k++) {
        long year = norm_digits_value(w + start, cut[k] - start);
        if (amount && (k > 0 || w[0] == '/'))
            rbuf_word(c->out, year >= 1900 && year <= 2199 ? "năm" : "trên"); /* 7 tháng/2017 */
        slash_part(c, i, w + start, cut[k] - start, amount);
        start = cut[k] + 1;
    }
    if (open_end)
        rbuf_word(c->out, "trên");
    return 1;
}

static int scale_word(const char *s, size_t n)
{
#define SCALE(w) { w, sizeof w - 1 }
    static const struct {
        const char *w;
        size_t n;
    } scales[] = { SCALE("trăm"), SCALE("nghìn"), SCALE("ngàn"), SCALE("triệu"), SCALE("tỷ"), SCALE("tỉ") };
#undef SCALE
    for (size_t k = 0; k < sizeof scales / sizeof scales[0]; k++) /* lengths first: asked of every word */
        if (scales[k].n == n && !memcmp(scales[k].w, s, n))
            return 1;
    return 0;
}

/* A unit after an amount written with a scale word or in another form: 5 triệu m3, 10x20 m. */
static int read_unit_after_amount(nctx *c, size_t i, const char *w, size_t n)
{
    if (i == 0 || c->t[i - 1].kind != TK_WORD)
        return 0;
    const char *p = tok_text(c, i - 1), *pos, *unit;
    size_t pn = c->t[i - 1].len;
    if (!vn_is_digit((unsigned char)p[0]) && !vn_is_digit((unsigned char)p[pn - 1]) &&
        !(scale_word(p, pn) && number_before(c, i - 1)))
        return 0; /* checked first: most words follow no amount */
    if (!(unit = lex_unit(w, n, &pos)) || strcmp(pos, "after") != 0)
        return 0;
    rbuf_word(c->out, unit);
    return 1;
}

static int number_token(const nctx *c, size_t j)
{
    return j < c->n && c->t[j].kind == TK_WORD && vn_is_digit((unsigned char)tok_text(c, j)[0]);
}

/* 2 x 3 m: a times sign between two numbers. */
static int read_times(nctx *c, size_t i, const char *w, size_t n)
{
    if (!((n == 1 && (w[0] == 'x' || w[0] == 'X')) || (n == 2 && !memcmp(w, "\xC3\x97", 2))) ||
        i == 0 || !number_token(c, i - 1) || !number_token(c, i + 1))
        return 0;
    rbuf_word(c->out, "nhân");
    return 1;
}

/* Vehicle plates, 29B-123.45 or 51F1-12345: the province number, the series letters, then the
 * serial as written, with no "chấm" for its dot. */
static int read_plate(nctx *c, const char *w, size_t n)
{
    size_t i = 0;
    while (i < n && i < 2 && vn_is_digit((unsigned char)w[i]))
        i++;
    size_t letters = i;
    while (i < n && w[i] >= 'A' && w[i] <= 'Z')
        i++;
    if (letters != 2 || i == letters || i - letters > 2)
        return 0;
    if (i < n && vn_is_digit((unsigned char)w[i]))
        i++;
    if (i >= n || w[i] != '-')
        return 0;
    size_t dash = i++, serial = 0;
    for (; i < n; i++) {
        if (vn_is_digit((unsigned char)w[i]))
            serial++;
        else if (w[i] != '.' || i + 3 != n)
            return 0;
    }
    if (serial < 4 || serial > 5)
        return 0;
    norm_fallback(c, w, dash);
    if (!memchr(w + dash, '.', n - dash)) {
        num_digits(c->out, w + dash + 1, n - dash - 1); /* 12345: digit by digit */
        return 1;
    }
    for (size_t a = dash + 1; a < n;) { /* 123.45: as two numbers */
        size_t b = a;
        while (b < n && w[b] != '.')
            b++;
        num_cardinal(c->out, w + a, b - a, c->cfg->dl);
        a = b + 1;
    }
    return 1;
}

size_t norm_code_letters(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && ((s[k] >= 'A' && s[k] <= 'Z') || (k + 1 < n && !memcmp(s + k, "Đ", 2))))
        k += (unsigned char)s[k] >= 0x80 ? 2 : 1; /* Đ is two bytes */
    if (k == 0 || k > 8 || k == n)
        return 0;
    for (size_t d = k; d < n; d++)
        if (!vn_is_digit((unsigned char)s[d]))
            return 0;
    return n - k <= 6 ? k : 0;
}

void norm_read_code(nctx *c, const char *s, size_t n)
{
    size_t k = norm_code_letters(s, n);
    if (k == 1 && (s[0] == 'A' || s[0] == 'E' || s[0] == 'I' || s[0] == 'O' || s[0] == 'U'))
        norm_letters(c, s, 1, c->cur); /* U30: u */
    else
        norm_spell(c->out, s, k);
    if (s[k] == '0' && n - k > 1)
        num_digits(c->out, s + k, n - k);
    else
        num_cardinal(c->out, s + k, n - k, c->cfg->dl);
}

/* P.T.T, N.B.P.T.: a person's initials, letters said one by one (never P. for phường). */
static int read_initials(nctx *c, const char *w, size_t n)
{
    size_t letters = 0;
    for (size_t k = 0; k < n; letters++) {
        int32_t cp;
        size_t m = vn_decode(w + k, n - k, &cp);
        if (!vn_is_upper(cp) || (k + m < n && w[k + m] != '.'))
            return 0;
        k += m + 1;
    }
    if (letters < 2 || !memchr(w, '.', n))
        return 0;
    for (size_t k = 0; k < n;) {
        int32_t cp;
        size_t m = vn_decode(w + k, n - k, &cp);
        norm_spell(c->out, w + k, m);
        k += m + 1;
    }
    return 1;
}

/* KH001-KH050: a range of codes of one series. */
static int read_code_range(nctx *c, const char *w, size_t n)
{
    const char *dash = memchr(w, '-', n);
    size_t a = dash ? (size_t)(dash - w) : 0, la = a ? norm_code_letters(w, a) : 0;
    if (!la || norm_code_letters(dash + 1, n - a - 1) != la || memcmp(w, dash + 1, la) != 0)
        return 0;
    norm_read_code(c, w, a);
    rbuf_word(c->out, "đến");
    norm_read_code(c, dash + 1, n - a - 1);
    return 1;
}

size_t norm_word(nctx *c, size_t i)
{
    const char *w = tok_text(c, i);
    size_t n = c->t[i].len;
    if (read_unit_after_amount(c, i, w, n) || read_times(c, i, w, n) || read_plate(c, w, n) ||
        read_code_range(c, w, n))
        return 1;
    if (all_letters(w, n)) {
        norm_letters(c, w, n, i);
        return 1;
    }
    const char *r = norm_acronym(c, w, n, i, 0);
    if (!r)
        r = lex_loanword(w, n); /* V-League, Wi-Fi */
    if (r) {
        norm_put_reading(c->out, r);
        return 1;
    }
    c->quiet++; /* a web address is read by its own rules: its pieces are not guesses to report */
    int url = norm_url(c, i);
    c->quiet--;
    return url || read_initials(c, w, n) || read_dotted_prefix(c, i, w, n) || read_slashed(c, i, w, n);
}
