/* Dates and times written as one token: 16/01/2023, 4/2024, 2/9, 30-4-1975, 15.8.2024, 14h30,
 * 7h, 8:15. A d/m that reads better as a fraction (2/3 số hộ) is read as one. */
#include <stdio.h>
#include <string.h>

#include "norm_int.h"

typedef struct {
    const char *g[3];
    size_t gn[3];
    long v[3];
    size_t ng;
    char sep;
} dparts;

/* Up to three digit groups joined by one separator out of / - . ; 0 if s is not that shape. */
static int split_parts(const char *s, size_t n, dparts *d)
{
    size_t i = 0;
    d->ng = 0;
    d->sep = 0;
    while (i < n) {
        size_t st = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == st || d->ng == 3)
            return 0;
        d->g[d->ng] = s + st;
        d->gn[d->ng] = i - st;
        d->v[d->ng] = norm_digits_value(s + st, i - st);
        d->ng++;
        if (i == n)
            break;
        size_t dash = norm_dash_len(s + i, n - i); /* 20–6–2025 with en dashes reads as with - */
        char sep = dash ? '-' : s[i];
        if ((sep != '/' && sep != '-' && sep != '.') || (d->sep && sep != d->sep))
            return 0;
        d->sep = sep;
        i += dash ? dash : 1;
        if (i == n)
            return 0;
    }
    return d->ng >= 2;
}

static int is_day(const dparts *d, size_t k) { return d->gn[k] <= 2 && d->v[k] >= 1 && d->v[k] <= 31; }
static int is_month(const dparts *d, size_t k) { return d->gn[k] <= 2 && d->v[k] >= 1 && d->v[k] <= 12; }
static int is_year(const dparts *d, size_t k) { return d->gn[k] == 4 && d->v[k] >= 1000; }

void norm_say_month(nctx *c, unsigned m)
{
    if (m == 4)
        rbuf_word(c->out, "tư");
    else
        num_cardinal_u64(c->out, m, c->cfg->dl);
}

static void say_year(nctx *c, long y)
{
    rbuf_word(c->out, "năm");
    num_cardinal_u64(c->out, (uint64_t)y, c->cfg->dl);
}

/* d tháng m [năm y]; y < 0 leaves the year out */
static void say_date(nctx *c, long d, long m, long y)
{
    num_cardinal_u64(c->out, (uint64_t)d, c->cfg->dl);
    rbuf_word(c->out, "tháng");
    norm_say_month(c, (unsigned)m);
    if (y >= 0)
        say_year(c, y);
}

static void say_fraction(nctx *c, long a, long b)
{
    num_cardinal_u64(c->out, (uint64_t)a, c->cfg->dl);
    rbuf_word(c->out, "phần");
    if (b == 4)
        rbuf_word(c->out, "tư");
    else
        num_cardinal_u64(c->out, (uint64_t)b, c->cfg->dl);
}

/* a/b is a fraction after "chiếm", "khoảng" ..., or when proper with a small or round
 * denominator (2/3, 1/100); never in an address (số 12/34). */
static int is_fraction(const nctx *c, size_t i, const dparts *d)
{
    if (ctx_before(c, i, "address"))
        return 0;
    if (ctx_before(c, i, "fraction"))
        return 1;
    return d->v[0] < d->v[1] && (d->v[1] <= 10 || d->v[1] == 100 || d->v[1] == 1000);
}

static void say_over(nctx *c, long a, long b)
{
    num_cardinal_u64(c->out, (uint64_t)a, c->cfg->dl);
    rbuf_word(c->out, "trên");
    num_cardinal_u64(c->out, (uint64_t)b, c->cfg->dl);
}

/* A word for a day or a date before token i (ngày, sáng, quốc khánh, hôm qua), or before the
 * first member of a range that ends at i (từ 20 - 21.6). */
static int date_words_before(const nctx *c, size_t i, int dotted)
{
    if (ctx_before(c, i, "day") || (!dotted && ctx_before(c, i, "date")))
        return 1; /* "và 2.5 tỷ" is a number: a dotted date needs a day word (ngày 2.9, lễ 2.9) */
    if (i < 2 || c->t[i - 1].kind != TK_DASH || c->t[i - 2].kind != TK_WORD || c->t[i - 2].len > 2 ||
        norm_digits_value(tok_text(c, i - 2), c->t[i - 2].len) < 1)
        return 0;
    return ctx_before(c, i - 2, "date") || ctx_before(c, i - 2, "day");
}

/* d/m: a date after "ngày", "sáng" ... or when written with a leading zero or as d > m;
 * a proper fraction otherwise (2/3, 1/2). */
static int day_month_is_date(const nctx *c, size_t i, const dparts *d)
{
    if (date_words_before(c, i, 0))
        return 1;
    if (ctx_before(c, i, "fraction"))
        return 0;
    return d->g[0][0] == '0' || d->g[1][0] == '0' || d->v[0] > d->v[1];
}

/* d-m written with a dash: token j's shape. */
static int dash_day_month(const nctx *c, size_t j)
{
    dparts d;
    return c->t[j].kind == TK_WORD && split_parts(tok_text(c, j), c->t[j].len, &d) && d.ng == 2 && d.sep == '-' &&
           is_day(&d, 0) && is_month(&d, 1);
}

/* A day word before d-m (sáng 19-8, dịp 2-9), also through a list of them: dịp 30-4 và 1-5. */
static int day_context(const nctx *c, size_t i)
{
    size_t j = i;
    while (j >= 2 && dash_day_month(c, j - 2) &&
           ((c->t[j - 1].kind == TK_PUNCT && tok_text(c, j - 1)[0] == ',') ||
            (c->t[j - 1].kind == TK_WORD && c->t[j - 1].len == 3 && !memcmp(tok_text(c, j - 1), "và", 3))))
        j -= 2;
    return ctx_before(c, j, "day");
}

/* For the check: d/m or d-m read as a date or as a fraction, and what decided it. */
static void note_day_month(nctx *c, size_t i, const dparts *d, int date)
{
    int cued = date ? date_words_before(c, i, 0) || day_context(c, i) : ctx_before(c, i, "fraction");
    if (!c->notes || (date && cued))
        return; /* ngày 2/9 is a date by convention: nothing to tell */
    char fix[96];
    const char *why = date ? (d->g[0][0] == '0' || d->g[1][0] == '0' ? "it is written with a leading zero"
                                                                       : "its first number is the larger")
                           : (cued ? "a word for a fraction comes before it" : "no day word comes before it");
    if (date)
        snprintf(fix, sizeof fix, "if it is not a date, write it in words (%ld phần %ld)", d->v[0], d->v[1]);
    else
        snprintf(fix, sizeof fix, "if it is a date, write \"ngày %ld/%ld\"", d->v[0], d->v[1]);
    norm_note_choice(c, cued, fix, "\"%.*s\" read as %s because %s", (int)c->t[i].len, tok_text(c, i),
                     date ? "a date (day and month)" : "a fraction", why);
}

int norm_read_date(nctx *c, size_t i, const char *s, size_t n)
{
    dparts d;
    if (!split_parts(s, n, &d))
        return 0;
    int after_month_word = ctx_before(c, i, "month");
    if (d.ng == 3 && is_day(&d, 0) && is_month(&d, 1) && is_year(&d, 2)) {
        say_date(c, d.v[0], d.v[1], d.v[2]);
        return 1;
    }
    if (d.ng == 3 && d.sep != '.' && is_year(&d, 0) && is_month(&d, 1) && is_day(&d, 2)) {
        say_date(c, d.v[2], d.v[1], d.v[0]); /* ISO 2025-08-19 */
        return 1;
    }
    if (d.ng == 2 && d.sep == '-' && is_year(&d, 0) && d.gn[1] == 2 && is_month(&d, 1) &&
        (d.g[1][0] == '0' || d.v[1] != (d.v[0] + 1) % 100)) {
        if (!after_month_word) /* 2018-07: ISO year and month; 2011-12 is a season, a range */
            rbuf_word(c->out, "tháng");
        norm_say_month(c, (unsigned)d.v[1]);
        say_year(c, d.v[0]);
        return 1;
    }
    if (d.ng == 2 && d.sep == '-' && is_day(&d, 0) && is_month(&d, 1) &&
        (day_context(c, i) || (!norm_score_context(c, i) && (d.v[0] > 12 || d.g[1][0] == '0')))) {
        /* ngày 6-1 is a date; 6-1 alone is a score; sáng 19-8: a range would climb (5-7) */
        note_day_month(c, i, &d, 1);
        say_date(c, d.v[0], d.v[1], -1);
        return 1;
    }
    if (d.ng == 2 && d.sep == '.' && is_day(&d, 0) && is_month(&d, 1) && date_words_before(c, i, 1)) {
        say_date(c, d.v[0], d.v[1], -1); /* chiều 14.10: a date, not fourteen point ten */
        return 1;
    }
    if (d.ng == 2 && d.sep == '-' && is_month(&d, 0) && is_year(&d, 1) &&
        (after_month_word || ctx_before(c, i, "day"))) {
        if (!after_month_word)
            rbuf_word(c->out, "tháng");
        norm_say_month(c, (unsigned)d.v[0]); /* tháng 3-2019: a month and its year */
        say_year(c, d.v[1]);
        return 1;
    }
    if (d.ng != 2 || d.sep != '/')
        return 0;
    if (d.v[0] >= 1 && d.v[0] <= 4 && is_year(&d, 1) && ctx_before(c, i, "quarter")) {
        num_cardinal_u64(c->out, (uint64_t)d.v[0], c->cfg->dl); /* quý 1/2024 */
        say_year(c, d.v[1]);
        return 1;
    }
    if (is_year(&d, 0) && d.gn[1] == 2 && d.v[1] == (d.v[0] + 1) % 100) {
        num_cardinal_u64(c->out, (uint64_t)d.v[0], c->cfg->dl); /* mùa giải 2024/25 */
        rbuf_word(c->out, "đến");
        num_cardinal_u64(c->out, (uint64_t)d.v[0] + 1, c->cfg->dl);
        return 1;
    }
    if (is_month(&d, 0) && is_year(&d, 1)) {
        if (!after_month_word)
            rbuf_word(c->out, "tháng");
        norm_say_month(c, (unsigned)d.v[0]);
        say_year(c, d.v[1]);
        return 1;
    }
    if (is_day(&d, 0) && is_month(&d, 1) && day_month_is_date(c, i, &d)) {
        note_day_month(c, i, &d, 1);
        say_date(c, d.v[0], d.v[1], -1);
        return 1;
    }
    if (d.v[0] < 0 || d.v[1] <= 0 || d.gn[0] > 4 || d.gn[1] > 4 || d.g[1][0] == '0')
        return 0;
    if (is_fraction(c, i, &d)) {
        if (is_day(&d, 0) && is_month(&d, 1))
            note_day_month(c, i, &d, 0); /* 2/3: also day 2 of March */
        say_fraction(c, d.v[0], d.v[1]);
    } else
        say_over(c, d.v[0], d.v[1]); /* 140/90, số 12/34 */
    return 1;
}

static long small_number(const nctx *c, size_t j, size_t max_digits)
{
    if (j >= c->n || c->t[j].kind != TK_WORD || c->t[j].len > max_digits)
        return -1;
    return norm_digits_value(tok_text(c, j), c->t[j].len);
}

size_t norm_spaced_date(nctx *c, size_t i)
{
    long d = small_number(c, i, 2), m = small_number(c, i + 2, 2), y = small_number(c, i + 4, 4);
    if (d < 1 || d > 31 || m < 1 || m > 12 || c->t[i + 1].kind != TK_DASH)
        return 0;
    int year = y >= 1000 && c->t[i + 4].len == 4 && c->t[i + 3].kind == TK_DASH;
    if (!(year ? ctx_before(c, i, "date") : ctx_before(c, i, "day")))
        return 0; /* "từ 5 - 7" is a range; "ngày 20 - 6" and "từ 20 - 6 - 2025" are dates */
    say_date(c, d, m, year ? y : -1);
    return year ? 5 : 3;
}

/* 14h30, 7h, 9h00, 14g30, 8:15, 8:15:30 */
int norm_read_time(nctx *c, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && i < 2 && s[i] >= '0' && s[i] <= '9')
        i++;
    long h = norm_digits_value(s, i);
    if (h < 0 || h > 24 || i == n)
        return 0;
    char mark = s[i];
    if (mark != 'h' && mark != 'H' && mark != 'g' && mark != ':')
        return 0;
    size_t m0 = i + 1;
    long m = m0 == n && mark != ':' ? 0 : (n - m0 >= 2 ? norm_digits_value(s + m0, 2) : -1);
    size_t after = m0 == n ? n : m0 + 2;
    if (mark != ':' && after < n && (s[after] == 'p' || s[after] == '\''))
        after += (after + 1 < n && s[after] == 'p' && s[after + 1] == 'h') ? 2 : 1; /* 12h10p, 12h10' */
    long sec = -1;
    if (mark == ':' && after + 3 == n && s[after] == ':') {
        sec = norm_digits_value(s + after + 1, 2);
        if (sec < 0)
            return 0; /* 8:15:ab is no time */
        after = n;
    }
    if (m < 0 || m > 59 || after != n || sec > 59 || (h == 24 && (m > 0 || sec > 0)))
        return 0;
    num_cardinal_u64(c->out, (uint64_t)h, c->cfg->dl);
    rbuf_word(c->out, "giờ");
    if (m > 0) {
        num_cardinal_u64(c->out, (uint64_t)m, c->cfg->dl);
        rbuf_word(c->out, "phút");
    }
    if (sec > 0) {
        num_cardinal_u64(c->out, (uint64_t)sec, c->cfg->dl);
        rbuf_word(c->out, "giây");
    }
    return 1;
}
