/* The Vietnamese syllable check: is a letter string one well-formed syllable? */
#ifndef RA_SYLLABLE_H
#define RA_SYLLABLE_H

#include <stddef.h>

/* 1 when s (n bytes of UTF-8, any case, tone marks in either placement) is one Vietnamese
 * syllable: onset, optional glide, nucleus, optional coda, at most one tone. "NÂNG", "hoà",
 * "thuỷ", "quốc" are; "VTV", "GDP", "ATM", "Facebook" are not. */
int vn_is_syllable(const char *s, size_t n);

/* 1 when s is a syllable as Vietnamese spelling writes one: vn_is_syllable, and a syllable
 * closed by p, t, c or ch has the sắc or nặng tone, and its rime is one the language has (not
 * "ơng" without its ư, not "ăi"). Typed text without tone marks ("tot") fails; it tells which of
 * several readings of legacy bytes is Vietnamese. */
int vn_is_written_syllable(const char *s, size_t n);

/* 1 when s is a syllable once the Central Highlands' spelling is read the usual way: a k
 * before a, o, u is c (Kon Tum, Bắc Kạn), and with final_k a final k too (Đắk Lắk, Búk). 0 when
 * s has no such k. */
int vn_is_k_syllable(const char *s, size_t n, int final_k);

#endif
