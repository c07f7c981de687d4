/* Growable byte buffer used by every stage to build strings without fixed limits. */
#ifndef RA_BUF_H
#define RA_BUF_H

#include <stddef.h>

typedef struct {
    char *p;      /* always NUL-terminated when non-NULL */
    size_t len;
    size_t cap;
    int oom;      /* sticky: set once an allocation failed, later writes are ignored */
} rbuf;

int rbuf_reserve(rbuf *b, size_t extra);
void rbuf_put(rbuf *b, const char *s, size_t n);
void rbuf_puts(rbuf *b, const char *s);
void rbuf_putc(rbuf *b, char c);
/* Appends a word, inserting one space first unless the buffer is empty or ends in a space. */
void rbuf_word(rbuf *b, const char *s);
void rbuf_wordn(rbuf *b, const char *s, size_t n);
/* The space rbuf_word would insert, alone: for a word appended piece by piece. */
void rbuf_space(rbuf *b);
void rbuf_free(rbuf *b);
/* A NUL-terminated copy of s[0..n) (free it), or NULL when memory ran out. */
char *buf_strndup(const char *s, size_t n);
/* Appends s (UTF-8, NUL-terminated) as a JSON string: quotes, backslashes and control
 * characters escaped. */
void rbuf_json(rbuf *b, const char *s);
/* Hands the string to the caller (to be freed with free) and resets the buffer. */
char *rbuf_take(rbuf *b);

#endif
