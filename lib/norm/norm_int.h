/* Internal to the normalizer: the context its handlers share and the helpers between them. */
#ifndef RA_NORM_INT_H
#define RA_NORM_INT_H

#include "norm.h"
#include "token.h"

typedef struct {
    const normcfg *cfg;
    unsigned flags;     /* NORM_* */
    const char *s;      /* the sentence */
    const tok *t;       /* its tokens */
    size_t n;
    rbuf *out;
    size_t cur;         /* the token being read */
    int glued_digits;   /* the letters being read have digits glued after them (ĐT741) */
    normnotes *notes;   /* the accessibility check's guesses, or NULL */
    int quiet;          /* reading a web address: its pieces are not guesses worth telling */
} nctx;

/* Records a guess about the token being read (c->cur); fix may be NULL (the check suggests a
 * lexicon entry for spelled and foreign words). Nothing without notes, and the same kind is
 * told once per token. */
void norm_note(nctx *c, note_kind kind, const char *fix, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The same for a choice between readings; cued says that a context word decided it. */
void norm_note_choice(nctx *c, int cued, const char *fix, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* lex_acronym_why for the token at tok_index, noting a choice among several readings. */
const char *norm_acronym(nctx *c, const char *s, size_t n, size_t tok_index, int need_context);
/* Notes a word of the sentence whose letters come from more than one alphabet. */
void norm_note_scripts(nctx *c, size_t i);

/* Each handler looks at token i; when it recognises it, it appends the reading and returns the
 * number of tokens it consumed, else 0 with nothing appended. */
size_t norm_number(nctx *c, size_t i);
size_t norm_word(nctx *c, size_t i);
size_t norm_roman(nctx *c, size_t i);
/* A token too long to read as it is (a number of over 30 digits, a run of over 40 letters, a
 * code blob, one unit repeated), summarized: 1 when it was, else 0. */
size_t norm_bounded(nctx *c, size_t i);
size_t norm_url(nctx *c, size_t i);

/* Reads a foreign word no table knows as Vietnamese syllables approximating it (Sinner: xin
 * nơ); 0 when it is not a Latin-script word. */
int norm_foreign(nctx *c, const char *s, size_t n);
/* A word of Vietnamese words run together without marks (Toquoc, Thanhnien): read as them when
 * it splits wholly into the words and syllables of lib/data/vn-words.tsv, one of several
 * syllables at least; 0 (nothing said) otherwise. */
int norm_plain_words(nctx *c, const char *s, size_t n);
/* An unknown word in capitals that is said as a word (YAGI), not spelled (BIDV). */
int norm_foreign_caps_word(const char *s, size_t n);
/* Reads an arbitrary string with no recognised form: letters, digits and symbols in turn. */
void norm_fallback(nctx *c, const char *s, size_t n);
/* A look-up's view of the sentence: which token the form stands at. */
typedef struct {
    const nctx *c;
    size_t i;
} ctx_req;

/* lex_context_fn over a ctx_req: the words around token i. */
void norm_context_words(void *user, char *buf, size_t cap);
/* Appends a lexicon reading without repeating the word just said (Đài VOV is not
 * "đài đài ..."). */
void norm_put_reading(rbuf *out, const char *r);

/* Reads a piece of a token: the lexicon's reading of the whole piece (NĐ-CP), else piece by piece. */
void norm_piece(nctx *c, const char *s, size_t n, size_t tok_index);
/* Reads a run of letters: lexicon, loanword, syllable, or spelled letter by letter. */
void norm_letters(nctx *c, const char *s, size_t n, size_t tok_index);
/* Letters said one by one with their Vietnamese names. */
void norm_spell(rbuf *out, const char *s, size_t n);
/* A code of capitals and digits (U30, KH001): the letters' length, or 0 when s[0..n) is not one. */
size_t norm_code_letters(const char *s, size_t n);
/* Reads such a code: the letters spelled (a lone vowel said as itself), the digits as a number
 * (digit by digit after a leading 0). */
void norm_read_code(nctx *c, const char *s, size_t n);
/* The symbol table's reading for one symbol, or NULL. */
const char *norm_symbol(const char *s, size_t n);

/* Dates and times written as one token (16/01/2023, 4/2024, 30-4-1975, 14h30, 8:15); 1 if read. */
int norm_read_date(nctx *c, size_t i, const char *s, size_t n);
int norm_read_time(nctx *c, const char *s, size_t n);
/* A number of day (d), month (m, 4 = tư) or year in a date. */
void norm_say_month(nctx *c, unsigned m);

/* Does a phrase of the contexts table with this role end just before token i? */
int ctx_before(const nctx *c, size_t i, const char *role);
/* Does such a phrase end before one of the window tokens up to i (thắng Thái Lan 2-1)? */
int ctx_near(const nctx *c, size_t i, const char *role, size_t window);
/* Is a-b at token i a sports score: after a score word (within five words), or the next item of
 * a list of scores that follows one (thắng 6-4, 3-6, 7-6)? */
int norm_score_context(const nctx *c, size_t i);

/* Digits s[0..n) as an unsigned value; -1 if not all digits or too long. */
long norm_digits_value(const char *s, size_t n);

/* The length of a dash at s (- or an en dash, em dash or minus sign), or 0. */
static inline size_t norm_dash_len(const char *s, size_t n)
{
    if (n >= 1 && s[0] == '-')
        return 1;
    if (n >= 3 && (unsigned char)s[0] == 0xE2 &&
        (((unsigned char)s[1] == 0x80 && ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94)) ||
         ((unsigned char)s[1] == 0x88 && (unsigned char)s[2] == 0x92)))
        return 3;
    return 0;
}

/* Dates written across tokens: ngày 20 - 6 - 2025. Returns the tokens read, or 0. */
size_t norm_spaced_date(nctx *c, size_t i);

static inline const char *tok_text(const nctx *c, size_t i)
{
    return c->s + c->t[i].start;
}

#endif
