/* Source offsets kept per run instead of per byte: where each character of a derived text (the
 * cleaned text of an input) came from. A run says that from byte `at` on, byte at + k came from
 * source byte src + k; a new run starts only where that stops being true (an entity decoded, a
 * character dropped, marks composed), so text that cleaning leaves alone costs one run. Only
 * the first byte of each character is recorded: the others follow their run. */
#ifndef RA_SRCMAP_H
#define RA_SRCMAP_H

#include <stddef.h>

typedef struct {
    size_t at, src;
} srcrun;

typedef struct {
    srcrun *v;
    size_t n, cap;
    int oom; /* sticky */
} srcmap;

/* Records that the character starting at byte at (at least the last one recorded) came from
 * source byte src. */
static inline void srcmap_put(srcmap *m, size_t at, size_t src);
/* Forgets what was recorded for bytes at and after (they are about to be written again). */
void srcmap_cut(srcmap *m, size_t at);
/* The source byte of byte at (a character's first byte, or the end). */
size_t srcmap_at(const srcmap *m, size_t at);
/* srcmap_at for increasing offsets: *run remembers where the last lookup was (start it at 0). */
size_t srcmap_next(const srcmap *m, size_t *run, size_t at);
void srcmap_free(srcmap *m);

int srcmap_grow(srcmap *m);

static inline void srcmap_put(srcmap *m, size_t at, size_t src)
{
    if (m->n) {
        const srcrun *r = &m->v[m->n - 1];
        if (r->src + (at - r->at) == src)
            return; /* the run goes on */
    }
    if (m->n == m->cap && srcmap_grow(m) != 0)
        return;
    m->v[m->n++] = (srcrun){ at, src };
}

#endif
