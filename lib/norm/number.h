/* Number words: cardinals, decimals and digit strings read the Vietnamese way. */
#ifndef RA_NUMBER_H
#define RA_NUMBER_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

typedef enum { DIALECT_NORTH = 0, DIALECT_SOUTH = 1 } dialect;

/* Digits of the longest number read as one (values below 10^18); longer digit strings are
 * read digit by digit. */
#define NUM_MAX_DIGITS 18

/* Appends the cardinal reading of the decimal digit string d (n digits, leading zeros ignored).
 * 2023 -> hai nghìn không trăm hai mươi ba; 105 -> một trăm linh năm (lẻ in the South). */
void num_cardinal(rbuf *out, const char *d, size_t n, dialect dl);
void num_cardinal_u64(rbuf *out, uint64_t v, dialect dl);
/* Appends each digit's name: 0912 -> không chín một hai. */
void num_digits(rbuf *out, const char *d, size_t n);
/* Appends the reading of a fractional part after "phẩy": leading zeros one by one, then the
 * rest as a number when short (3,05 -> không năm; 76,95 -> chín mươi lăm), else digit by digit. */
void num_fraction(rbuf *out, const char *d, size_t n, dialect dl);
/* The name of digit 0..9. */
const char *num_digit_name(int digit);

#endif
