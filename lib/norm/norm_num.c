/* Numbers: integers with Vietnamese thousands dots (English comma groups where the shape or the
 * page proves them), decimal commas, versions (4.0), signs, percentages, units and currencies,
 * ranges (2021-2025, 5 - 7), ordinals after thứ/hạng, phone numbers digit by digit, and the
 * date and time forms of norm_date.c. */
#include <stdio.h>
#include <string.h>

#include "norm_int.h"
#include "vnchar.h"

#define MAX_GROUPS 8
#define PHONE_MIN_DIGITS 9

typedef struct {
    const char *g[MAX_GROUPS]; /* digit groups */
    size_t gn[MAX_GROUPS];
    char sep[MAX_GROUPS];      /* sep[k] stands before group k (k >= 1) */
    size_t ng;
    size_t end;                /* bytes consumed */
} numparse;

/* digits ([.,] digits)* at the start of s; 0 when s does not start with a digit. */
static int parse_groups(const char *s, size_t n, numparse *p)
{
    size_t i = 0;
    p->ng = 0;
    p->end = 0;
    while (i < n && p->ng < MAX_GROUPS) {
        size_t st = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == st)
            break;
        p->g[p->ng] = s + st;
        p->gn[p->ng++] = i - st;
        p->end = i;
        if (i + 1 < n && (s[i] == '.' || s[i] == ',') && s[i + 1] >= '0' && s[i + 1] <= '9' &&
            p->ng < MAX_GROUPS)
            p->sep[p->ng] = s[i++];
        else
            break;
    }
    return p->ng > 0;
}

static int groups_of_three(const numparse *p, size_t from, size_t to, char sep)
{
    if (p->gn[from] > 3 || p->gn[from] == 0)
        return 0;
    for (size_t k = from + 1; k < to; k++)
        if (p->sep[k] != sep || p->gn[k] != 3)
            return 0;
    return 1;
}

static size_t total_digits(const numparse *p)
{
    size_t t = 0;
    for (size_t k = 0; k < p->ng; k++)
        t += p->gn[k];
    return t;
}

/* Reads groups [from, to) joined as one integer. */
static void read_joined(nctx *c, const numparse *p, size_t from, size_t to)
{
    char d[64];
    size_t k = 0;
    for (size_t i = from; i < to; i++) {
        if (k + p->gn[i] >= sizeof d) {
            for (size_t j = from; j < to; j++)
                num_digits(c->out, p->g[j], p->gn[j]);
            return;
        }
        memcpy(d + k, p->g[i], p->gn[i]);
        k += p->gn[i];
    }
    num_cardinal(c->out, d, k, c->cfg->dl);
}

static void read_decimal(nctx *c, const numparse *p, const char *word)
{
    read_joined(c, p, 0, p->ng - 1);
    rbuf_word(c->out, word);
    num_fraction(c->out, p->g[p->ng - 1], p->gn[p->ng - 1], c->cfg->dl);
}

/* A whole number form: integer, grouped integer, decimal, version. 0 if the shape is not one. */
static int read_plain(nctx *c, const numparse *p)
{
    size_t ng = p->ng;
    char thousands = (c->flags & NORM_EN_GROUPS) ? ',' : '.', decimal = thousands == '.' ? ',' : '.';
    if (p->g[0][0] == '0' && p->gn[0] > 1 && ((ng > 1 && total_digits(p) >= PHONE_MIN_DIGITS - 1) ||
                                               (ng == 1 && p->gn[0] >= 3))) {
        for (size_t k = 0; k < ng; k++)
            num_digits(c->out, p->g[k], p->gn[k]); /* 0204.3854.123, 0987654321, mã 0123: digits */
        return 1;
    }
    if (ng == 1 || groups_of_three(p, 0, ng, thousands) || (ng >= 3 && groups_of_three(p, 0, ng, ','))) {
        read_joined(c, p, 0, ng);
        return 1;
    }
    if (p->sep[ng - 1] == decimal && (ng == 2 || groups_of_three(p, 0, ng - 1, thousands))) {
        read_decimal(c, p, "phẩy");
        return 1;
    }
    if (ng >= 3 && p->sep[ng - 1] == '.' && groups_of_three(p, 0, ng - 1, ',')) {
        read_decimal(c, p, "phẩy"); /* 1,234,567.89: the shape proves the English way */
        return 1;
    }
    if (ng == 2 && p->sep[1] == '.') {
        read_decimal(c, p, "chấm"); /* 4.0, 1.5 written the English way: said as written */
        return 1;
    }
    return 0;
}

/* 1 and 4 after thứ, hạng, giải are nhất and tư; 4 after tháng is tư. */
static int read_special_small(nctx *c, size_t i, const numparse *p)
{
    if (p->ng != 1 || p->gn[0] > 2)
        return 0;
    long v = norm_digits_value(p->g[0], p->gn[0]);
    if ((v == 1 || v == 4) && ctx_before(c, i, "ordinal")) {
        rbuf_word(c->out, v == 1 ? "nhất" : "tư");
        return 1;
    }
    if (v == 4 && ctx_before(c, i, "month")) {
        norm_say_month(c, 4);
        return 1;
    }
    return 0;
}

/* One part of what an amount is per: a unit, or a word (đ/người). */
static int per_part_ok(const char *s, size_t n)
{
    const char *pos;
    if (!n)
        return 0;
    if (lex_unit(s, n, &pos))
        return 1;
    for (size_t k = 0; k < n;) {
        int32_t cp;
        k += vn_decode(s + k, n - k, &cp);
        if (!vn_is_letter(cp))
            return 0;
    }
    return 1;
}

/* "trên" and what an amount is per, as far as the chain goes: km/h, tấn/ha, đ/m2/tháng. */
static int read_per(nctx *c, size_t i, const char *s, size_t n)
{
    for (size_t a = 0; a <= n;) { /* every part must be readable before anything is said */
        const char *slash = memchr(s + a, '/', n - a);
        size_t b = slash ? (size_t)(slash - s) : n;
        if (!per_part_ok(s + a, b - a))
            return 0;
        a = b + 1;
    }
    for (size_t a = 0; a <= n;) {
        const char *slash = memchr(s + a, '/', n - a), *pos, *unit;
        size_t b = slash ? (size_t)(slash - s) : n;
        rbuf_word(c->out, "trên");
        if ((unit = lex_unit(s + a, b - a, &pos)) != NULL)
            rbuf_word(c->out, unit);
        else
            norm_letters(c, s + a, b - a, i);
        a = b + 1;
    }
    return 1;
}

/* Token j is a unit, a unit per something (km/lít), or a scale word of an amount (34.70 triệu). */
static int unit_word(const nctx *c, size_t j)
{
    static const char *const scales[] = { "nghìn", "ngàn", "triệu", "tỷ", "tỉ" };
    const char *w = tok_text(c, j), *pos, *slash = memchr(w, '/', c->t[j].len);
    size_t n = slash ? (size_t)(slash - w) : c->t[j].len;
    for (size_t k = 0; k < sizeof scales / sizeof scales[0]; k++)
        if (n == strlen(scales[k]) && !memcmp(w, scales[k], n))
            return 1;
    return n && lex_unit(w, n, &pos) != NULL;
}

/* 2.5kg, 1.5 lít, 0.8%: a point before one, two or four digits, with a unit after it, is a
 * decimal point (three digits after it would be a thousands group). */
static int read_measure(nctx *c, size_t i, const numparse *p, const char *rest, size_t rn)
{
    const char *pos, *slash = rn ? memchr(rest, '/', rn) : NULL;
    size_t un = slash ? (size_t)(slash - rest) : rn;
    if (p->ng != 2 || p->sep[1] != '.' || p->gn[1] == 3 || (c->flags & NORM_EN_GROUPS))
        return 0;
    int unit = un ? (un == 1 && rest[0] == '%') || lex_unit(rest, un, &pos) != NULL
                  : i + 1 < c->n && c->t[i + 1].kind == TK_WORD && unit_word(c, i + 1);
    if (!unit)
        return 0;
    read_decimal(c, p, "phẩy");
    return 1;
}

/* A number with an optional sign, currency before it, and %, unit or currency glued after. */
static int read_amount(nctx *c, size_t i, const char *s, size_t n)
{
    size_t mark = c->out->len, k = 0;
    const char *pos, *before = NULL;
    if (n > 1 && (s[0] == '-' || s[0] == '+'))
        k = 1;
    else if (n >= 4 && !memcmp(s, "\xE2\x88\x92", 3))
        k = 3; /* U+2212 minus */
    for (size_t cur = 1; !k && cur < n && cur <= 3; cur++)
        if ((before = lex_unit(s, cur, &pos)) && !strcmp(pos, "before"))
            k = cur;
        else
            before = NULL;
    numparse p;
    if (!parse_groups(s + k, n - k, &p))
        return 0;
    if (k && !before)
        rbuf_word(c->out, s[0] == '+' ? "cộng" : "âm");
    const char *rest = s + k + p.end;
    size_t rn = n - k - p.end;
    if (!(k == 0 && read_special_small(c, i, &p)) && !read_measure(c, i, &p, rest, rn) && !read_plain(c, &p)) {
        c->out->len = mark;
        return 0;
    }
    const char *slash = rn ? memchr(rest, '/', rn) : NULL;
    size_t un = slash ? (size_t)(slash - rest) : rn; /* 50.000đ/người: the unit, then per what */
    const char *unit = un ? lex_unit(rest, un, &pos) : NULL;
    if (un == 1 && rest[0] == '%')
        rbuf_word(c->out, "phần trăm");
    else if (unit && !before)
        rbuf_word(c->out, unit); /* 15km, 20€ (a currency sign after the number too) */
    else if (un || (slash && !unit)) {
        c->out->len = mark;
        return 0;
    }
    if (slash && !read_per(c, i, slash + 1, rn - un - 1)) {
        c->out->len = mark;
        return 0;
    }
    if (before)
        rbuf_word(c->out, before);
    return 1;
}

#define PHONE_MAX_DIGITS 15 /* E.164: a phone number has at most 15 digits */

static int service_prefix(const char *s, size_t n)
{
    return n >= 4 && (!memcmp(s, "1800", 4) || !memcmp(s, "1900", 4));
}

/* One token shaped like a phone number: 0905-123-456, 0912.345.678, 1900.6868, 18001090,
 * +84912345678: digits (with . or - between groups) from a leading 0, +, 1800 or 1900. */
static int read_phone_token(nctx *c, const char *s, size_t n)
{
    size_t digits = 0, k = s[0] == '+' ? 1 : 0;
    for (size_t i = k; i < n; i++) {
        if (vn_is_digit((unsigned char)s[i]))
            digits++;
        else if ((s[i] != '.' && s[i] != '-') || i == k || i + 1 == n || !vn_is_digit((unsigned char)s[i + 1]))
            return 0;
    }
    int service = service_prefix(s, n) && digits >= 8 && digits <= 10;
    if (!service && !((s[0] == '0' || k) && digits >= PHONE_MIN_DIGITS && digits <= 12))
        return 0;
    if (k)
        rbuf_word(c->out, "cộng");
    for (size_t i = k; i < n; i++)
        if (vn_is_digit((unsigned char)s[i]))
            rbuf_word(c->out, num_digit_name(s[i] - '0'));
    return 1;
}

/* 0912 345 678, 1900 1234, or digit groups after "điện thoại", "hotline": digit by digit. */
static int digit_group(const nctx *c, size_t j, size_t first)
{
    const char *s = tok_text(c, j);
    size_t n = c->t[j].len, k = j == first && n > 1 && s[0] == '+' ? 1 : 0; /* +84 */
    return c->t[j].kind == TK_WORD && n - k <= 4 && (j == first || n >= 2) && norm_digits_value(s + k, n - k) >= 0;
}

static size_t read_phone(nctx *c, size_t i)
{
    size_t j = i, digits = 0;
    while (j < c->n && digit_group(c, j, i)) {
        digits += c->t[j].len;
        if (digits > PHONE_MAX_DIGITS)
            return 0; /* a list of numbers, not one phone number: and the scan stays short */
        j++;
        if (j == i + 1 && j + 1 < c->n && c->t[j].kind == TK_PUNCT && tok_text(c, j)[0] == ')')
            j++; /* (024) 3825 1234 */
    }
    const char *s = tok_text(c, i);
    int lead = s[0] == '0' || s[0] == '+';
    /* Vietnamese numbers: 0 and 9 to 11 digits, 1800/1900 and 8 to 10, +84 up to 15; a group
     * right after another number is a list ("1234 5678 1900 2345"), not the start of a phone */
    int listed = i > 0 && c->t[i - 1].kind == TK_WORD && norm_digits_value(tok_text(c, i - 1), c->t[i - 1].len) >= 0;
    int shaped = !listed && ((lead && c->t[i].len >= 2 && j - i >= 2 && digits >= PHONE_MIN_DIGITS && (s[0] == '+' || digits <= 11)) ||
                             (service_prefix(s, c->t[i].len) && j - i >= 2 && digits >= 8 && digits <= 10));
    int told = j > i && digits >= 3 && ctx_before(c, i, "phone"); /* tổng đài 1022 */
    if (!shaped && !told)
        return 0;
    if (s[0] == '+')
        rbuf_word(c->out, "cộng");
    for (size_t k = i; k < j; k++)
        num_digits(c->out, tok_text(c, k), c->t[k].len);
    return j - i;
}

/* 100/2019/NĐ-CP, 15/QĐ-UBND: a document number. The year part is announced with "năm" as
 * officials read it ("nghị định một trăm năm hai nghìn không trăm mười chín"), the issuer part
 * comes from the lexicon. */
static int read_docnum(nctx *c, size_t i, const char *s, size_t n)
{
    const char *slash = memchr(s, '/', n), *dash = memchr(s, '-', n);
    if (dash && (!slash || dash < slash) && norm_digits_value(s, (size_t)(dash - s)) >= 0)
        slash = dash; /* 05-CT/TU: the number, then the issuer */
    if (!slash || norm_digits_value(s, (size_t)(slash - s)) < 0)
        return 0;
    const char *p = slash + 1, *end = s + n;
    const char *year_end = memchr(p, '/', (size_t)(end - p));
    long year = year_end ? norm_digits_value(p, (size_t)(year_end - p)) : -1;
    const char *issuer = year >= 1900 && year <= 2999 ? year_end + 1 : p;
    if (issuer >= end || !vn_is_letter((unsigned char)*issuer))
        return 0;
    num_cardinal(c->out, s, (size_t)(slash - s), c->cfg->dl);
    if (issuer != p) {
        rbuf_word(c->out, "năm");
        num_cardinal_u64(c->out, (uint64_t)year, c->cfg->dl);
    }
    norm_piece(c, issuer, (size_t)(end - issuer), i);
    return 1;
}

/* A whole integer (thousands dots allowed) filling s[0..n). */
static int whole_integer(const nctx *c, const char *s, size_t n, numparse *p)
{
    char thousands = (c->flags & NORM_EN_GROUPS) ? ',' : '.';
    return parse_groups(s, n, p) && p->end == n && (p->ng == 1 || groups_of_three(p, 0, p->ng, thousands));
}

/* a:b or a/b of two whole numbers said "a trên b": a ratio (tỷ lệ 1:5, bản đồ 1:50.000) or a
 * count over a total (1.204/2.318). A colon needs a ratio word before it, or a right side no
 * clock could show. */
static int read_over(nctx *c, size_t i, const char *s, size_t n)
{
    const char *sep = memchr(s, ':', n);
    if (!sep)
        sep = memchr(s, '/', n);
    numparse a, b;
    size_t k = sep ? (size_t)(sep - s) : 0;
    if (!sep || !whole_integer(c, s, k, &a) || !whole_integer(c, sep + 1, n - k - 1, &b))
        return 0;
    if (*sep == ':' && !ctx_near(c, i, "ratio", 3) && b.ng == 1 && b.gn[0] <= 2)
        return 0;
    read_joined(c, &a, 0, a.ng);
    rbuf_word(c->out, "trên");
    read_joined(c, &b, 0, b.ng);
    return 1;
}

enum { READ_NONE, READ_DATE, READ_TIME, READ_AMOUNT, READ_DOCNUM, READ_OVER };

/* Reads one numeric form; returns which kind it was (READ_NONE if none). */
static int read_one(nctx *c, size_t i, const char *s, size_t n)
{
    if (memchr(s, ':', n) && ctx_near(c, i, "ratio", 3) && read_over(c, i, s, n))
        return READ_OVER;
    if (norm_read_date(c, i, s, n))
        return READ_DATE;
    if (norm_read_time(c, s, n))
        return READ_TIME;
    if (read_amount(c, i, s, n))
        return READ_AMOUNT;
    if (read_docnum(c, i, s, n))
        return READ_DOCNUM;
    return read_over(c, i, s, n) ? READ_OVER : READ_NONE;
}

/* Can a range join these two kinds? Two of a kind, or a day before a date (10-12/3: the
 * month is shared) or a month before a month and year (tháng 8-9/2024). */
static int same_kind(int left_kind, int right_kind, long left_value)
{
    return left_kind == right_kind ||
           (left_kind == READ_AMOUNT && right_kind == READ_DATE && left_value >= 1 && left_value <= 31);
}

/* For the check: a-b of two small numbers read as a score or as a range, and why. */
static void note_score_or_range(nctx *c, long left, long right, int score, int score_word)
{
    if (!c->notes || left > 99 || right > 10)
        return; /* 38-40 độ, 2021-2025: no score looks like that */
    char fix[96];
    const tok *t = &c->t[c->cur];
    if (score)
        snprintf(fix, sizeof fix, "if it is a range, write \"%ld đến %ld\"", left, right);
    else
        snprintf(fix, sizeof fix, "if it is a score, write \"tỷ số %ld-%ld\"", left, right);
    norm_note_choice(c, score_word, fix, "\"%.*s\" read as %s", (int)t->len, c->s + t->start,
                     !score ? "a range (đến): no score word (thắng, tỷ số ...) comes before it"
                     : score_word ? "a score: a score word comes before it"
                                  : "a score: its first number is not the smaller, as a range's would be");
}

/* 2021-2025, 7h30-11h, 25-30: both sides numbers, said with "đến". */
static int read_range(nctx *c, size_t i, const char *s, size_t n)
{
    size_t a = 1, dl = 0;
    while (a < n && !(dl = norm_dash_len(s + a, n - a)))
        a++; /* - or an en dash: 10–15% */
    if (!dl || a + dl >= n)
        return 0;
    const char *dash = s + a + dl - 1; /* the last byte of the dash: dash + 1 starts the right side */
    size_t mark = c->out->len;
    long left = norm_digits_value(s, a), right = norm_digits_value(dash + 1, n - a - dl);
    int score_word = left >= 0 && right >= 0 && norm_score_context(c, i);
    if (left >= 0 && right >= 0 && (left >= right || score_word)) {
        note_score_or_range(c, left, right, 1, score_word);
        num_cardinal_u64(c->out, (uint64_t)left, c->cfg->dl); /* 3-0, 2-1: a score, not a range */
        num_cardinal_u64(c->out, (uint64_t)right, c->cfg->dl);
        return 1;
    }
    if (vn_is_digit((unsigned char)s[a - 1]) || s[a - 1] == 'h') {
        int kind = read_one(c, i, s, a);
        if (kind && (rbuf_word(c->out, "đến"), same_kind(kind, read_one(c, i, dash + 1, n - a - dl), left))) {
            if (left >= 0 && right >= 0) /* 5-7 could be a score */
                note_score_or_range(c, left, right, 0, 0);
            return 1;
        }
    }
    c->out->len = mark;
    return 0;
}

/* A unit or currency word right after a number: 15 km, 100 USD. */
static size_t read_next_unit(nctx *c, size_t j)
{
    const char *pos;
    if (j >= c->n || c->t[j].kind != TK_WORD)
        return 0;
    const char *u = lex_unit(tok_text(c, j), c->t[j].len, &pos);
    if (!u || strcmp(pos, "after") != 0)
        return 0;
    rbuf_word(c->out, u);
    return 1;
}

static int starts_number(const char *s, size_t n)
{
    size_t k = (n > 1 && (s[0] == '-' || s[0] == '+' || s[0] == '$')) ? 1 : 0;
    if (n >= 4 && !memcmp(s, "\xE2\x88\x92", 3))
        k = 3;
    if (!k && n > 1 && ((unsigned char)s[0] >= 0xC2)) { /* € £ ¥ before a number */
        int32_t cp;
        k = vn_decode(s, n, &cp);
    }
    return k < n && vn_is_digit((unsigned char)s[k]);
}

/* 00 after "N giờ": the minutes of a full hour, which are not said. */
static int is_word(const nctx *c, size_t j, const char *w)
{
    return j < c->n && c->t[j].kind == TK_WORD && c->t[j].len == strlen(w) && !memcmp(tok_text(c, j), w, c->t[j].len);
}

/* 00 after "N giờ": the minutes of a full hour, which are not said (nor a "phút" after them).
 * Returns the tokens to skip. */
static size_t zero_minutes(const nctx *c, size_t i)
{
    if (!is_word(c, i, "00") || i < 2 || !is_word(c, i - 1, "giờ") || !vn_is_digit((unsigned char)tok_text(c, i - 2)[0]))
        return 0;
    return is_word(c, i + 1, "phút") ? 2 : 1;
}

/* The second member of a range written apart: "5 - 7", "36,250 –36,330" (the dash glued to the
 * right) or, when the left member ended in a dash, just the next number. Returns the tokens
 * read, 0 (and nothing said) when there is none of one kind with the left. */
static size_t range_tail(nctx *c, size_t j, int kind, long left, int left_dash)
{
    size_t mark = c->out->len, skip = 0, dl = 0;
    if (!left_dash && j < c->n && c->t[j].kind == TK_DASH)
        skip = 1;
    else if (!left_dash && j < c->n && c->t[j].kind == TK_WORD)
        dl = norm_dash_len(tok_text(c, j), c->t[j].len);
    if (!left_dash && !skip && !dl)
        return 0;
    size_t r = j + skip;
    if (r >= c->n || c->t[r].kind != TK_WORD || !starts_number(tok_text(c, r) + dl, c->t[r].len - dl))
        return 0;
    rbuf_word(c->out, "đến");
    if (!same_kind(kind, read_one(c, r, tok_text(c, r) + dl, c->t[r].len - dl), left)) {
        c->out->len = mark;
        return 0;
    }
    return skip + 1 + read_next_unit(c, r + 1);
}

size_t norm_number(nctx *c, size_t i)
{
    if (c->t[i].kind != TK_WORD)
        return 0;
    const char *s = tok_text(c, i);
    size_t n = c->t[i].len, used;
    if (!vn_is_digit((unsigned char)s[0]) && s[0] != '+' && !starts_number(s, n))
        return 0; /* a word: no phone number (they start with a digit or +), no number */
    if ((used = read_phone(c, i)) != 0)
        return used;
    if (read_phone_token(c, s, n))
        return 1;
    if (!starts_number(s, n))
        return 0;
    if ((used = norm_spaced_date(c, i)) != 0 || (used = zero_minutes(c, i)) != 0)
        return used; /* 7 giờ 00 is "bảy giờ", never "bảy giờ không" */
    size_t dl = n > 1 && (unsigned char)s[n - 1] >= 0x80 ? (n > 3 ? norm_dash_len(s + n - 3, 3) : 0)
                                                         : (s[n - 1] == '-' ? 1 : 0); /* 34.10– 34.70 */
    int kind = read_one(c, i, s, n - dl);
    if (!kind && (dl || !read_range(c, i, s, n)))
        return 0;
    used = 1 + read_next_unit(c, i + 1);
    size_t pl = strlen("phút");
    if (kind == READ_TIME && is_word(c, i + used, "phút") && c->out->len >= pl &&
        !memcmp(c->out->p + c->out->len - pl, "phút", pl))
        used++; /* 20h45 phút: said once */
    if (kind) /* 5 - 7 ngày, 2020 – 2025: a dash between two numbers of one kind */
        used += range_tail(c, i + used, kind, norm_digits_value(s, n), dl > 0);
    return used;
}

void norm_number_style(const char *s, size_t len, unsigned *english, unsigned *vietnamese)
{
    *english = *vietnamese = 0;
    for (size_t i = 0; i < len;) {
        if (!vn_is_digit((unsigned char)s[i]) || (i > 0 && (vn_is_digit((unsigned char)s[i - 1]) ||
                                                             s[i - 1] == '.' || s[i - 1] == ','))) {
            i++;
            continue;
        }
        numparse p;
        parse_groups(s + i, len - i, &p);
        if (p.ng >= 3 && groups_of_three(&p, 0, p.ng, ','))
            (*english)++;
        else if ((p.ng >= 3 && groups_of_three(&p, 0, p.ng, '.')) ||
                 (p.ng == 2 && p.sep[1] == ',' && p.gn[1] != 3))
            (*vietnamese)++;
        i += p.end ? p.end : 1;
    }
}
