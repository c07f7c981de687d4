/* Normalizer: one sentence of clean text -> its spoken form (words only). */
#ifndef RA_NORM_H
#define RA_NORM_H

#include <stddef.h>

#include "buf.h"
#include "number.h"

typedef struct {
    dialect dl;
} normcfg;

/* Appends the spoken form of sentence s[0..len) to out: words separated by single spaces,
 * commas and the final mark kept. Returns 0, or -1 when memory ran out. */
int norm_sentence(const normcfg *cfg, const char *s, size_t len, rbuf *out);

#endif
