/* Source offsets by runs. */
#include "srcmap.h"

#include <stdlib.h>

int srcmap_grow(srcmap *m)
{
    if (m->oom)
        return -1;
    size_t cap = m->cap ? m->cap * 2 : 16;
    srcrun *v = realloc(m->v, cap * sizeof *v);
    if (!v)
        return m->oom = 1, -1;
    m->v = v;
    m->cap = cap;
    return 0;
}

void srcmap_cut(srcmap *m, size_t at)
{
    while (m->n && m->v[m->n - 1].at >= at)
        m->n--;
}

size_t srcmap_at(const srcmap *m, size_t at)
{
    size_t lo = 0, hi = m->n; /* the last run starting at or before at */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->v[mid].at <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return at;
    const srcrun *r = &m->v[lo - 1];
    return r->src + (at - r->at);
}

size_t srcmap_next(const srcmap *m, size_t *run, size_t at)
{
    if (*run >= m->n || m->v[*run].at > at)
        *run = 0;
    while (*run + 1 < m->n && m->v[*run + 1].at <= at)
        (*run)++;
    if (m->n == 0 || m->v[*run].at > at)
        return at;
    return m->v[*run].src + (at - m->v[*run].at);
}

void srcmap_free(srcmap *m)
{
    free(m->v);
    m->v = NULL;
    m->n = m->cap = 0;
    m->oom = 0;
}
