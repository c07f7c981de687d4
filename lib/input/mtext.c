/* Mapped text: a byte buffer and a parallel array of source offsets. */
#include "mtext.h"

#include <stdint.h>
#include <stdlib.h>

#include "ascii.h"

static int reserve(mtext *m, size_t want)
{
    if (m->oom)
        return -1;
    if (want <= m->cap)
        return 0;
    size_t cap = m->cap ? m->cap : 256;
    while (cap < want) {
        if (cap > SIZE_MAX / 2 / sizeof *m->src) {
            m->oom = 1;
            return -1;
        }
        cap *= 2;
    }
    char *s = realloc(m->s, cap);
    if (s)
        m->s = s;
    size_t *src = s ? realloc(m->src, cap * sizeof *src) : NULL;
    if (!s || !src) {
        m->oom = 1;
        return -1;
    }
    m->src = src;
    m->cap = cap;
    return 0;
}

static void raw(mtext *m, const char *s, size_t n, size_t src)
{
    if (reserve(m, m->len + n + 1) != 0)
        return;
    for (size_t i = 0; i < n; i++) {
        m->s[m->len] = s[i];
        m->src[m->len++] = src;
    }
    m->s[m->len] = '\0';
}

int mtext_terminate(mtext *m)
{
    if (reserve(m, m->len + 1) != 0)
        return -1;
    m->s[m->len] = '\0';
    return 0;
}

size_t mtext_last_src(const mtext *m)
{
    return m->len ? m->src[m->len - 1] : 0;
}

void mtext_put(mtext *m, const char *s, size_t n, size_t src)
{
    if (m->len && m->brk) {
        size_t at = mtext_last_src(m);
        raw(m, "\n\n", (size_t)m->brk, at);
    } else if (m->len && m->space) {
        raw(m, " ", 1, src);
    }
    m->brk = 0;
    m->space = 0;
    raw(m, s, n, src);
}

void mtext_space(mtext *m)
{
    m->space = 1;
}

void mtext_break(mtext *m, int level)
{
    if (level > m->brk)
        m->brk = level;
    m->space = 0;
}


void mtext_text(mtext *m, const char *s, size_t n, size_t src)
{
    for (size_t i = 0; i < n;) {
        if (html_space(s[i])) {
            mtext_space(m);
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < n && !html_space(s[j]))
            j++;
        mtext_put(m, s + i, j - i, src);
        i = j;
    }
}

void mtext_free(mtext *m)
{
    free(m->s);
    free(m->src);
    *m = (mtext){ 0 };
}
