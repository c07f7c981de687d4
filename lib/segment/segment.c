/* Segmentation: lines into blocks, blocks into sentences; aware of dotted abbreviations,
 * initials, numbers (4.0, 1.298.673), ellipses, closing quotes and URLs. */
#include "segment.h"

#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "vec.h"
#include "vnchar.h"

#define WRAP_MIN_LINE 60 /* a shorter line without a final mark is a heading, not wrapped prose */

static void push_one(sentlist *l, const char *s, size_t a, size_t b, brk_kind brk)
{
    while (a < b && (s[a] == ' ' || s[a] == '\n'))
        a++;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\n'))
        b--;
    int speakable = 0;
    for (size_t i = a; i < b && !speakable;) {
        int32_t cp;
        i += vn_decode(s + i, b - i, &cp);
        speakable = vn_is_letter(cp) || vn_is_digit(cp);
    }
    if (!speakable && l->n && l->v[l->n - 1].brk == BRK_NONE)
        l->v[l->n - 1].brk = brk; /* the last piece of a sentence had nothing to read */
    if (!speakable || l->oom)
        return;
    if (vec_room((void **)&l->v, &l->cap, l->n, sizeof *l->v) != 0) {
        l->oom = 1;
        return;
    }
    l->v[l->n++] = (sentence){ a, b, brk };
}

/* Where a piece of s[a..b) (longer than SEG_PIECE_MAX) ends: after the last clause mark and
 * space in its second half, else at its last space there, else at the first space after it (a
 * word is never cut: a 100,000-digit number is one word, summarized), else at b. */
static size_t piece_end(const char *s, size_t a, size_t b)
{
    size_t limit = a + SEG_PIECE_MAX, space = 0;
    for (size_t i = limit; i > a + SEG_PIECE_MAX / 2; i--) {
        if (s[i] != ' ' && s[i] != '\n')
            continue;
        if (strchr(",;:", s[i - 1]))
            return i;
        if (!space)
            space = i;
    }
    if (space)
        return space;
    while (limit < b && s[limit] != ' ' && s[limit] != '\n')
        limit++;
    return limit;
}

static void push(sentlist *l, const char *s, size_t a, size_t b, brk_kind brk)
{
    for (size_t cut; b - a > SEG_PIECE_MAX && (cut = piece_end(s, a, b)) < b; a = cut)
        push_one(l, s, a, cut, BRK_NONE);
    push_one(l, s, a, b, brk);
}

static int is_final(int32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

static int is_closing(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019 || cp == 0xBB;
}

/* Where the word ending at end begins (after the last space or line break from `from`). */
static size_t word_start(const char *s, size_t from, size_t end)
{
    while (end > from && s[end - 1] != ' ' && s[end - 1] != '\n')
        end--;
    return end;
}

/* The word before position a, spaces skipped: its span [*w, *e), or 0 when there is none. */
static int previous_word(const char *s, size_t from, size_t a, size_t *w, size_t *e)
{
    while (a > from && s[a - 1] == ' ')
        a--;
    *e = a;
    *w = word_start(s, from, a);
    return *w < *e;
}

/* The word ending at the dot s[dot] (inclusive), without leading brackets or quotes. */
static size_t word_before(const char *s, size_t from, size_t dot)
{
    size_t a = word_start(s, from, dot);
    while (a < dot && (s[a] == '(' || s[a] == '"' || s[a] == '\'' || s[a] == '['))
        a++;
    if (a < dot && ((unsigned char)s[a] == 0xE2)) /* “ ‘ « and the like: 3-byte openers */
        a += 3;
    return a;
}

/* PGS.TS. and the like: every dotted part is a known abbreviation that does not end sentences. */
static int dotted_parts(const ulexicon *u, const char *w, size_t n)
{
    size_t a = 0;
    int any = 0;
    while (a < n) {
        const char *dot = memchr(w + a, '.', n - a);
        if (!dot)
            return 0;
        size_t e = (size_t)(dot - w) + 1;
        int may_end = 0;
        if (!lex_dotted(u, w + a, e - a, &may_end) || may_end)
            return 0;
        any = 1;
        a = e;
    }
    return any;
}

/* Does a capitalised word stand right before position a (skipping spaces)? */
static int after_name(const char *s, size_t from, size_t a)
{
    size_t w, e;
    int32_t cp;
    return previous_word(s, from, a, &w, &e) && (vn_decode(s + w, e - w, &cp), vn_is_upper(cp));
}

/* "Điều 1." "Chương 2.": a number after a label word opens a heading; its dot ends nothing. */
static int labelled_number(const char *s, size_t from, size_t a, size_t n)
{
    for (size_t k = a; k + 1 < a + n; k++)
        if (!vn_is_digit((unsigned char)s[k]))
            return 0;
    size_t w, e;
    return n > 1 && previous_word(s, from, a, &w, &e) && lex_word_role(s + w, e - w, "label");
}

/* Does a single '.' at s[dot] close an abbreviation or an initial rather than a sentence? */
static int abbreviation_dot(const ulexicon *u, const char *s, size_t from, size_t dot)
{
    size_t a = word_before(s, from, dot);
    size_t n = dot + 1 - a;
    int may_end = 0;
    if (lex_dotted(u, s + a, n, &may_end))
        return !may_end;
    if (labelled_number(s, from, a, n))
        return 1;
    int32_t cp;
    size_t m = vn_decode(s + a, n, &cp);
    if (m + 1 == n && vn_is_upper(cp) && after_name(s, from, a))
        return 1; /* an initial after a name: Nguyễn V. An (but "38 độ C." ends) */
    return dotted_parts(u, s + a, n);
}

/* Length of a list marker at the start of a line (- • * + or 1. 2) a) followed by a space), or 0. */
static size_t list_marker(const char *s, size_t a, size_t b)
{
    int32_t cp;
    size_t i = a, m = vn_decode(s + i, b - i, &cp);
    if (cp == '-' || cp == 0x2013 || cp == 0x2022 || cp == '*' || cp == '+' || cp == 0xB7)
        return i + m < b && s[i + m] == ' ' ? m + 1 : 0;
    while (i < b && i < a + 3 && vn_is_digit((unsigned char)s[i]))
        i++;
    if (i == a) { /* a roman numeral (I. II. IV.) or one letter (a. b.) */
        while (i < b && i < a + 5 && (s[i] == 'I' || s[i] == 'V' || s[i] == 'X'))
            i++;
        if (i == a && i < b && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
            i++;
    }
    if (i == a || i + 1 >= b || (s[i] != '.' && s[i] != ')') || s[i + 1] != ' ')
        return 0;
    return i + 2 - a;
}

/* If a sentence ends in the final-mark run starting at i, returns where it ends, else 0. */
static size_t boundary_at(const ulexicon *u, const char *s, size_t from, size_t end, size_t i)
{
    size_t j = i, marks = 0;
    int ellipsis = 0;
    int32_t cp;
    while (j < end) {
        size_t m = vn_decode(s + j, end - j, &cp);
        if (!is_final(cp))
            break;
        ellipsis |= cp == 0x2026;
        marks++;
        j += m;
    }
    ellipsis |= marks >= 3 && s[i] == '.';
    while (j < end && (vn_decode(s + j, end - j, &cp), is_closing(cp)))
        j += vn_decode(s + j, end - j, &cp);
    if (j >= end)
        return end;
    vn_decode(s + j, end - j, &cp);
    if (cp != ' ' && cp != '\n')
        return ellipsis && vn_is_upper(cp) ? j : 0; /* "công...Sự": no space, still a stop */
    size_t k = j;
    while (k < end && (s[k] == ' ' || s[k] == '\n'))
        k++;
    if (k >= end)
        return end;
    size_t m = vn_decode(s + k, end - k, &cp);
    if ((cp == '-' || cp == 0x2013 || cp == 0x2014) && k + m < end && s[k + m] == ' ')
        vn_decode(s + k + m + 1, end - k - m - 1, &cp); /* “Đi!” – bà dặn: the speech goes on */
    if (vn_is_lower(cp))
        return 0;
    if (marks == 1 && s[i] == '.' && abbreviation_dot(u, s, from, i))
        return 0;
    return j;
}

static void split_block(const ulexicon *u, const char *s, size_t a, size_t b, brk_kind last, sentlist *out)
{
    size_t start = a;
    while (a < b && s[a] == ' ')
        a++;
    size_t marker = list_marker(s, a, b);
    if (marker)
        last = BRK_LIST;
    for (size_t i = a + marker; i < b;) {
        int32_t cp;
        size_t m = vn_decode(s + i, b - i, &cp);
        if (!is_final(cp)) {
            i += m;
            continue;
        }
        size_t e = boundary_at(u, s, a, b, i);
        if (e && e < b) {
            push(out, s, start, e, BRK_SENTENCE);
            start = e;
            i = e;
            continue;
        }
        while (i < b && (vn_decode(s + i, b - i, &cp), is_final(cp)))
            i += vn_decode(s + i, b - i, &cp);
    }
    push(out, s, start, b, last);
}

/* The final non-space code point of s[a..b), or 0. */
static int32_t last_char(const char *s, size_t a, size_t b)
{
    while (b > a && (s[b - 1] == ' '))
        b--;
    if (b == a)
        return 0;
    size_t p = b - 1;
    while (p > a && ((unsigned char)s[p] & 0xC0) == 0x80)
        p--;
    int32_t cp;
    vn_decode(s + p, b - p, &cp);
    return cp;
}

static int32_t first_char(const char *s, size_t a, size_t b)
{
    while (a < b && s[a] == ' ')
        a++;
    int32_t cp = 0;
    if (a < b)
        vn_decode(s + a, b - a, &cp);
    return cp;
}

/* A line that runs on into the next one: long, no final mark, next starts in lower case. */
static int wrapped(const char *s, size_t a, size_t b, size_t next_end)
{
    int32_t last = last_char(s, a, b);
    if (b - a < WRAP_MIN_LINE || is_final(last) || is_closing(last) || last == ':' || b >= next_end)
        return 0;
    return vn_is_lower(first_char(s, b + 1, next_end));
}

static size_t line_end(const char *s, size_t i, size_t len)
{
    const char *nl = memchr(s + i, '\n', len - i);
    return nl ? (size_t)(nl - s) : len;
}

int seg_split(const char *s, size_t len, const ulexicon *ulex, sentlist *out)
{
    size_t i = 0;
    while (i < len) {
        size_t a = i, b = line_end(s, i, len);
        while (b < len && wrapped(s, a, b, line_end(s, b + 1, len)))
            b = line_end(s, b + 1, len);
        int32_t last = last_char(s, a, b);
        brk_kind brk = (is_final(last) || is_closing(last)) ? BRK_PARAGRAPH : BRK_HEADING;
        split_block(ulex, s, a, b, brk, out);
        i = b + 1;
    }
    return out->oom ? -1 : 0;
}

void seg_list_free(sentlist *l)
{
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}
