/* Internal to the normalizer: the context its handlers share. */
#ifndef RA_NORM_INT_H
#define RA_NORM_INT_H

#include "norm.h"
#include "token.h"

typedef struct {
    const normcfg *cfg;
    const char *s;      /* the sentence */
    const tok *t;       /* its tokens */
    size_t n;
    rbuf *out;
} nctx;

/* Each handler looks at token i; when it recognises it, it appends the reading and returns the
 * number of tokens it consumed, else 0 with nothing appended. */
size_t norm_number(nctx *c, size_t i);
size_t norm_word(nctx *c, size_t i);

/* Reads an arbitrary string with no recognised form: letters, digits and symbols in turn. */
void norm_fallback(nctx *c, const char *s, size_t n);
/* Reads a run of letters: lexicon, loanword, syllable, or spelled letter by letter. */
void norm_letters(nctx *c, const char *s, size_t n, size_t tok_index);
/* The symbol table's reading for one symbol, or NULL. */
const char *norm_symbol(const char *s, size_t n);

static inline const char *tok_text(const nctx *c, size_t i)
{
    return c->s + c->t[i].start;
}

#endif
