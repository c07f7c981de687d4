/* Normalizer: one sentence of clean text -> its spoken form (words only). */
#ifndef RA_NORM_H
#define RA_NORM_H

#include <stddef.h>

#include "buf.h"
#include "lexicon.h"
#include "number.h"

typedef struct {
    dialect dl;
    const ulexicon *ulex; /* the user's lexicon, or NULL */
} normcfg;

/* The text around the sentence writes thousands the English way (1,298,673): a lone ",ddd"
 * group is then a thousands group, not a decimal. */
#define NORM_EN_GROUPS 1u

/* Which spoken words came from which source words: out[out_start, out_end) was said for
 * s[src_start, src_end) (a token or a few, such as "5 - 7"). */
typedef struct {
    size_t out_start, out_end;
    size_t src_start, src_end;
} normspan;

typedef struct {
    normspan *v;
    size_t n, cap;
    int oom;
} normspans;

/* Appends the spoken form of sentence s[0..len) to out: words separated by single spaces,
 * commas and the final mark kept. When spans is not NULL, appends one span per spoken source
 * word. Returns 0, or -1 when memory ran out. */
int norm_sentence(const normcfg *cfg, unsigned flags, const char *s, size_t len, rbuf *out, normspans *spans);
void normspans_free(normspans *sp);

/* Evidence for the number style of a stretch of text: counts of numbers that can only be
 * English-grouped (1,298,673) and of numbers that can only be Vietnamese (1.298.673, 76,95). */
void norm_number_style(const char *s, size_t len, unsigned *english, unsigned *vietnamese);

#endif
