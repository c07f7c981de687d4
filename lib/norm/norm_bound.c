/* Bounded output: a token that would be read for minutes (a 100,000-digit number, 100 KB of
 * capitals, a base64 blob, a chain of "s's's'") is summarized in a few words, so that no input
 * makes the reader spend an hour of audio on it. */
#include <string.h>

#include "norm_int.h"
#include "number.h"
#include "vnchar.h"

#define BOUND_DIGITS 30   /* more digits in one number are a "dãy số" */
#define BOUND_LETTERS 40  /* more letters in one run are a "chuỗi chữ" */
#define STR_(x) #x
#define STR(x) STR_(x)
#define BOUND_BLOB 24     /* a code of letters and digits this long or longer is a "chuỗi mã" */
#define BOUND_REPEAT 24   /* a token this long that repeats one short unit */

typedef struct {
    size_t digits;   /* the most digits in one run of digits, dots and commas */
    size_t letters;  /* the most letters in one run */
    size_t chars;    /* code points */
    size_t ascii_digits, ascii_letters, other;  /* for blobs: [0-9], [A-Za-z], anything else */
} shape;

static int blob_char(char ch)
{
    return ch == '+' || ch == '/' || ch == '=' || ch == '_' || ch == '-';
}

static shape measure(const char *s, size_t n)
{
    shape sh = { 0 };
    size_t digits = 0, letters = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += vn_decode(s + i, n - i, &cp);
        sh.chars++;
        int digit = vn_is_digit(cp), letter = vn_is_letter(cp);
        digits = digit ? digits + 1 : (cp == '.' || cp == ',') ? digits : 0;
        letters = letter ? letters + 1 : 0;
        sh.digits = digits > sh.digits ? digits : sh.digits;
        sh.letters = letters > sh.letters ? letters : sh.letters;
        sh.ascii_digits += digit;
        sh.ascii_letters += letter && cp < 0x80;
        sh.other += !digit && !(letter && cp < 0x80) && !(cp < 0x80 && blob_char((char)cp));
    }
    return sh;
}

/* One short unit (1 to 4 bytes) repeated over the whole token: s's's's', =-=-=-, !!!!!!. */
static int repeats(const char *s, size_t n)
{
    size_t same = 1;
    while (same < n && s[same] == s[0])
        same++;
    if (same == n && n >= 8)
        return 1; /* MMMMMMMM, xxxxxxxx: one letter over and over */
    if (n < BOUND_REPEAT)
        return 0;
    for (size_t p = 1; p <= 4; p++) {
        size_t k = p;
        while (k < n && s[k] == s[k - p])
            k++;
        if (k == n)
            return 1;
    }
    return 0;
}

/* 16 or more hexadecimal digits: a hash, a colour table, a key. */
static int hex(const char *s, size_t n)
{
    if (n < 16)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') || (s[i] >= 'A' && s[i] <= 'F')))
            return 0;
    return 1;
}

static void say_count(nctx *c, const char *what, size_t count, const char *unit)
{
    rbuf_word(c->out, what);
    num_cardinal_u64(c->out, count, c->cfg->dl);
    rbuf_word(c->out, unit);
}

size_t norm_bounded(nctx *c, size_t i)
{
    const tok *t = &c->t[i];
    const char *s = tok_text(c, i);
    if (t->kind != TK_WORD || t->len < 8)
        return 0;
    shape sh = measure(s, t->len);
    const char *what;
    if (sh.digits > BOUND_DIGITS)
        say_count(c, "một dãy số dài", sh.digits, "chữ số"), what = "a number of more than " STR(BOUND_DIGITS) " digits";
    else if (sh.letters > BOUND_LETTERS)
        say_count(c, "một chuỗi chữ dài", sh.chars, "ký tự"), what = "a run of more than " STR(BOUND_LETTERS) " letters";
    else if (sh.ascii_digits < sh.chars && repeats(s, t->len)) /* digits: the rule above */
        rbuf_word(c->out, "một chuỗi ký tự lặp lại"), what = "the same characters repeated";
    else if (!sh.other && sh.ascii_digits >= 3 && sh.ascii_letters >= 3 && (sh.chars >= BOUND_BLOB || hex(s, t->len)))
        say_count(c, "một chuỗi mã dài", sh.chars, "ký tự"), what = "a code of letters and digits";
    else
        return 0;
    norm_note(c, NOTE_SUMMARIZED, sh.digits > BOUND_DIGITS ? "write the number out, or give it in a shorter form"
                                                           : "write it so that it can be read, or leave it out",
              "%s: summarized, not read", what);
    return 1;
}
