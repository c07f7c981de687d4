/* Growable arrays: one place for the doubling and the overflow check. */
#ifndef RA_VEC_H
#define RA_VEC_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* Makes room for one more element in *v (n used of *cap, elem bytes each). Returns 0, or -1
 * when memory ran out (then *v is unchanged). */
static inline int vec_room(void **v, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 32;
    if (c < *cap || c > SIZE_MAX / elem)
        return -1;
    void *p = realloc(*v, c * elem);
    if (!p)
        return -1;
    *v = p;
    *cap = c;
    return 0;
}

#endif
