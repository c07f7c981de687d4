/* Number words: cardinals below 10^18 (nghìn/triệu/tỷ, nghìn tỷ), decimals, digit strings. */
#include "number.h"

static const char *const digit_names[10] = {
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
};

const char *num_digit_name(int digit)
{
    return digit >= 0 && digit <= 9 ? digit_names[digit] : "";
}

/* Tens and units of a group: mười lăm, hai mươi mốt, hai mươi tư, linh năm. */
static void read_tens(rbuf *out, unsigned t, unsigned u, int after_hundred, dialect dl)
{
    if (t == 0) {
        if (u == 0)
            return;
        if (after_hundred)
            rbuf_word(out, dl == DIALECT_SOUTH ? "lẻ" : "linh");
        rbuf_word(out, digit_names[u]);
        return;
    }
    if (t == 1) {
        rbuf_word(out, "mười");
        if (u == 5)
            rbuf_word(out, "lăm");
        else if (u)
            rbuf_word(out, digit_names[u]);
        return;
    }
    rbuf_word(out, digit_names[t]);
    rbuf_word(out, "mươi");
    if (u == 1)
        rbuf_word(out, "mốt");
    else if (u == 4)
        rbuf_word(out, "tư");
    else if (u == 5)
        rbuf_word(out, "lăm");
    else if (u)
        rbuf_word(out, digit_names[u]);
}

/* A group of three digits; full = it follows a higher group, so hundreds are always said. */
static void read_group(rbuf *out, unsigned g, int full, dialect dl)
{
    unsigned h = g / 100, t = g / 10 % 10, u = g % 10;
    if (h || full) {
        rbuf_word(out, digit_names[h]);
        rbuf_word(out, "trăm");
    }
    read_tens(out, t, u, h || full, dl);
}

/* Below one billion: triệu, nghìn, units; zero groups are skipped. */
static void read_below_billion(rbuf *out, uint64_t v, int full, dialect dl)
{
    static const char *const scale[3] = { "triệu", NULL, NULL };
    unsigned groups[3] = { (unsigned)(v / 1000000), (unsigned)(v / 1000 % 1000), (unsigned)(v % 1000) };
    for (int i = 0; i < 3; i++) {
        if (groups[i] == 0)
            continue;
        read_group(out, groups[i], full, dl);
        if (i == 0)
            rbuf_word(out, scale[0]);
        else if (i == 1)
            rbuf_word(out, dl == DIALECT_SOUTH ? "ngàn" : "nghìn");
        full = 1;
    }
}

static void read_value(rbuf *out, uint64_t v, int full, dialect dl)
{
    if (v >= 1000000000ull) {
        read_value(out, v / 1000000000ull, full, dl);
        rbuf_word(out, "tỷ");
        read_below_billion(out, v % 1000000000ull, 1, dl);
        return;
    }
    read_below_billion(out, v, full, dl);
}

void num_cardinal_u64(rbuf *out, uint64_t v, dialect dl)
{
    if (v == 0) {
        rbuf_word(out, digit_names[0]);
        return;
    }
    read_value(out, v, 0, dl);
}

void num_cardinal(rbuf *out, const char *d, size_t n, dialect dl)
{
    while (n > 1 && d[0] == '0') {
        d++;
        n--;
    }
    if (n > NUM_MAX_DIGITS) {
        num_digits(out, d, n);
        return;
    }
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (uint64_t)(d[i] - '0');
    num_cardinal_u64(out, v, dl);
}

void num_digits(rbuf *out, const char *d, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (d[i] >= '0' && d[i] <= '9')
            rbuf_word(out, digit_names[d[i] - '0']);
}

void num_fraction(rbuf *out, const char *d, size_t n, dialect dl)
{
    size_t z = 0;
    while (z < n && d[z] == '0')
        rbuf_word(out, digit_names[0]), z++;
    if (z == n)
        return;
    if (n - z <= 3)
        num_cardinal(out, d + z, n - z, dl);
    else
        num_digits(out, d + z, n - z);
}
