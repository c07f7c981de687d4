/* The accessibility check's result: findings with the strings they own. */
#ifndef RA_CHECK_H
#define RA_CHECK_H

#include <stddef.h>

#include "readarticle.h"

typedef struct {
    ra_finding f;  /* its strings point into the four below */
    char *text, *reading, *message, *fix;
} check_item;

struct ra_check_result {
    check_item *v;
    size_t n, cap;
    size_t words, guesses;
    int oom;
};

/* Appends a finding (copying the strings; reading and fix may be NULL); on failure the result
 * is marked out of memory. */
void check_add(ra_check_result *r, ra_finding_kind kind, size_t byte_start, size_t byte_end, const char *text,
               size_t text_len, const char *reading, const char *message, const char *fix);
/* Sorts the findings by position and fills in their lines and columns in input[0..len). */
void check_place(ra_check_result *r, const char *input, size_t len);

#endif
