/* Roman numerals, read as numbers only after the words that take them (Đại hội XIII, thế kỷ
 * XXI, quý IV, lần thứ IX), so that a stray capital I or V is never a number. */
#include <string.h>

#include "norm_int.h"
#include "syllable.h"
#include "vnchar.h"

static int roman_digit(char ch)
{
    switch (ch) {
    case 'I': return 1;
    case 'V': return 5;
    case 'X': return 10;
    case 'L': return 50;
    case 'C': return 100;
    case 'D': return 500;
    case 'M': return 1000;
    default: return 0;
    }
}

/* Writes the canonical roman form of v (1..3999) into out. */
static void to_roman(int v, char *out)
{
    static const int val[] = { 1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1 };
    static const char *const sym[] = { "M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I" };
    out[0] = '\0';
    for (int k = 0; k < 13; k++)
        while (v >= val[k]) {
            strcat(out, sym[k]);
            v -= val[k];
        }
}

/* The value of a canonical roman numeral s[0..n), or 0. */
static int roman_value(const char *s, size_t n)
{
    if (n == 0 || n > 15)
        return 0;
    int v = 0;
    for (size_t k = 0; k < n; k++) {
        int d = roman_digit(s[k]);
        if (!d)
            return 0;
        int next = k + 1 < n ? roman_digit(s[k + 1]) : 0;
        v += d < next ? -d : d;
    }
    char canon[32];
    if (v <= 0 || v > 3999 || (n == 1 && v >= 50))
        return 0; /* a lone L, C, D or M is a letter: hạng C, khối D */
    to_roman(v, canon);
    return strlen(canon) == n && !memcmp(canon, s, n) ? v : 0;
}

/* I. MỤC ĐÍCH, II) NỘI DUNG: a roman numeral opening a heading or list item. */
static int heading_number(const nctx *c, size_t i)
{
    return i == 0 && i + 1 < c->n && c->t[i + 1].kind == TK_PUNCT &&
           (tok_text(c, i + 1)[0] == '.' || tok_text(c, i + 1)[0] == ')');
}

/* Elizabeth II, Napoleon III: a numeral of two letters or more after a capitalised foreign
 * name (a Vietnamese word before it, as in "Phòng IV", is no such name). */
static int after_name(const nctx *c, size_t i)
{
    if (i == 0 || c->t[i - 1].kind != TK_WORD)
        return 0;
    const char *w = tok_text(c, i - 1);
    size_t n = c->t[i - 1].len;
    return n > 1 && w[0] >= 'A' && w[0] <= 'Z' && w[1] >= 'a' && w[1] <= 'z' && !vn_is_syllable(w, n);
}

static int32_t first_cp(const nctx *c, size_t j)
{
    int32_t cp;
    vn_decode(tok_text(c, j), c->t[j].len, &cp);
    return cp;
}

static int is_word(const nctx *c, size_t j, const char *w)
{
    return c->t[j].kind == TK_WORD && c->t[j].len == strlen(w) && !memcmp(tok_text(c, j), w, c->t[j].len);
}

/* Token j is a bare roman numeral. */
static int roman_token(const nctx *c, size_t j)
{
    return c->t[j].kind == TK_WORD && roman_value(tok_text(c, j), c->t[j].len) > 0;
}

/* thế kỷ XVII, XVIII và XIX: a numeral after a comma or "và", "hoặc", "đến" that follows
 * another one goes back to the first, whose context decides. */
static size_t list_start(const nctx *c, size_t i)
{
    size_t j = i;
    while (j >= 2 && roman_token(c, j - 2) &&
           ((c->t[j - 1].kind == TK_PUNCT && tok_text(c, j - 1)[0] == ',') || is_word(c, j - 1, "và") ||
            is_word(c, j - 1, "hoặc") || is_word(c, j - 1, "đến")))
        j -= 2;
    return j;
}

/* Hà Nội II, Kỹ Nghệ II: two capitalised Vietnamese syllables or more make a name a numeral of
 * I, V and X can end (checked by the caller through plain_roman). */
static int after_vietnamese_name(const nctx *c, size_t j, size_t names)
{
    if (names < 2)
        return 0;
    for (size_t k = j; k < j + names; k++)
        if (!vn_is_syllable(tok_text(c, k), c->t[k].len))
            return 0;
    return 1;
}

/* khu công nghiệp Nam Cấm II, nhà máy thủy điện Hòa Bình II: a numeral ending a proper name
 * (capitalised words) that follows a word naming a place or a work. */
static int ends_named_place(const nctx *c, size_t i)
{
    size_t j = i, names = 0;
    while (j > 0 && names < 4 && c->t[j - 1].kind == TK_WORD && vn_is_upper(first_cp(c, j - 1))) {
        j--;
        names++;
    }
    return names > 0 && (ctx_before(c, j, "named") || after_vietnamese_name(c, j, names));
}

/* II, VII, XIV: a numeral of I, V and X only, of two letters or more (a lone I or V, or a
 * numeral of L, C, D or M, is more often a letter or an acronym). */
static int plain_roman(const char *s, size_t n)
{
    if (n < 2)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (s[k] != 'I' && s[k] != 'V' && s[k] != 'X')
            return 0;
    return 1;
}

/* XVII-XVIII after its context: "mười bảy đến mười tám". */
static int read_roman_range(nctx *c, size_t i, const char *s, size_t n)
{
    const char *dash = memchr(s, '-', n);
    size_t a = dash ? (size_t)(dash - s) : 0;
    int v1 = a ? roman_value(s, a) : 0, v2 = v1 ? roman_value(dash + 1, n - a - 1) : 0;
    if (!v2 || v2 <= v1 || !ctx_before(c, i, "roman"))
        return 0;
    num_cardinal_u64(c->out, (uint64_t)v1, c->cfg->dl);
    rbuf_word(c->out, "đến");
    num_cardinal_u64(c->out, (uint64_t)v2, c->cfg->dl);
    return 1;
}

size_t norm_roman(nctx *c, size_t i)
{
    if (c->t[i].kind != TK_WORD || !c->t[i].len || !roman_digit(tok_text(c, i)[0]))
        return 0; /* a numeral (and a range of them) starts with one of its digits */
    if (read_roman_range(c, i, tok_text(c, i), c->t[i].len))
        return 1;
    const char *s = tok_text(c, i);
    size_t n = c->t[i].len;
    const char *slash = memchr(s, '/', n); /* quý II/2021 */
    size_t rn = slash ? (size_t)(slash - s) : n;
    long year = slash ? norm_digits_value(slash + 1, n - rn - 1) : -1;
    int v = roman_value(s, rn), v2 = slash ? roman_value(slash + 1, n - rn - 1) : 0; /* vùng I/II */
    size_t first = list_start(c, i);
    if (!v || (slash && year < 1000 && !v2) ||
        !(ctx_before(c, first, "roman") || heading_number(c, i) || (rn >= 2 && after_name(c, i)) ||
          (plain_roman(s, rn) && ends_named_place(c, first))))
        return 0;
    if ((v == 1 || v == 4) && ctx_before(c, i, "ordinal"))
        rbuf_word(c->out, v == 1 ? "nhất" : "tư");
    else
        num_cardinal_u64(c->out, (uint64_t)v, c->cfg->dl);
    if (v2) {
        rbuf_putc(c->out, ',');
        num_cardinal_u64(c->out, (uint64_t)v2, c->cfg->dl);
    } else if (slash) {
        rbuf_word(c->out, "năm");
        num_cardinal_u64(c->out, (uint64_t)year, c->cfg->dl);
    }
    return 1;
}
