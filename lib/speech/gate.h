/* The final gate before espeak-ng: only letters, spaces and single punctuation marks pass. */
#ifndef RA_GATE_H
#define RA_GATE_H

#include <stddef.h>

#include "buf.h"

/* Appends to out what espeak-ng may see of s[0..n): Latin (Vietnamese) letters, single spaces
 * and single marks , . ! ? ; : — never a digit, a control character (U+0001 starts espeak-ng's
 * embedded commands even in plain text), a bracket, or markup. A mark is kept only after a
 * word, so pieces may be appended one after another. */
void gate_text(const char *s, size_t n, rbuf *out);

#endif
