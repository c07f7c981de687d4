/* Growable byte buffer: sticky out-of-memory flag so callers check once at the end. */
#include "buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int rbuf_reserve(rbuf *b, size_t extra)
{
    if (b->oom)
        return -1;
    if (extra > SIZE_MAX - b->len - 1) {
        b->oom = 1;
        return -1;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        b->oom = 1;
        return -1;
    }
    b->p = p;
    b->cap = cap;
    b->p[b->len] = '\0';
    return 0;
}

void rbuf_put(rbuf *b, const char *s, size_t n)
{
    if (rbuf_reserve(b, n) != 0)
        return;
    if (n)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void rbuf_puts(rbuf *b, const char *s)
{
    rbuf_put(b, s, strlen(s));
}

void rbuf_putc(rbuf *b, char c)
{
    rbuf_put(b, &c, 1);
}

/* 1 when the text so far ends in a word, which a space must separate from the next. */
static int wants_space(const rbuf *b)
{
    return b->len && b->p[b->len - 1] != ' ' && b->p[b->len - 1] != '\n';
}

void rbuf_space(rbuf *b)
{
    if (wants_space(b))
        rbuf_putc(b, ' ');
}

void rbuf_wordn(rbuf *b, const char *s, size_t n)
{
    if (!n || rbuf_reserve(b, n + 1) != 0)
        return; /* one reservation for the space and the word: the normalizer's commonest call */
    if (wants_space(b))
        b->p[b->len++] = ' ';
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void rbuf_word(rbuf *b, const char *s)
{
    rbuf_wordn(b, s, strlen(s));
}

void rbuf_free(rbuf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}

char *rbuf_take(rbuf *b)
{
    if (b->oom) {
        rbuf_free(b);
        return NULL;
    }
    if (!b->p && rbuf_reserve(b, 0) != 0)
        return NULL;
    char *p = b->p;
    b->p = NULL;
    b->len = b->cap = 0;
    return p;
}

void rbuf_json(rbuf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    rbuf_putc(b, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            rbuf_putc(b, '\\');
            rbuf_putc(b, (char)c);
        } else if (c == '\n') {
            rbuf_puts(b, "\\n");
        } else if (c < 0x20) {
            rbuf_puts(b, "\\u00");
            rbuf_putc(b, hex[c >> 4]);
            rbuf_putc(b, hex[c & 15]);
        } else {
            rbuf_putc(b, (char)c);
        }
    }
    rbuf_putc(b, '"');
}

char *buf_strndup(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}
