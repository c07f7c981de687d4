/* The Vietnamese syllable check: is a letter string one well-formed syllable? */
#ifndef RA_SYLLABLE_H
#define RA_SYLLABLE_H

#include <stddef.h>

/* 1 when s (n bytes of UTF-8, any case, tone marks in either placement) is one Vietnamese
 * syllable: onset, optional glide, nucleus, optional coda, at most one tone. "NÂNG", "hoà",
 * "thuỷ", "quốc" are; "VTV", "GDP", "ATM", "Facebook" are not. */
int vn_is_syllable(const char *s, size_t n);

#endif
