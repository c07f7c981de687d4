/* ASCII case folding that ignores the host's locale: under tr_TR, strcasecmp("SCRIPT",
 * "script") is not 0 ('I' folds to dotless i), and a library must not read markup aloud
 * because its host called setlocale. */
#ifndef RA_ASCII_H
#define RA_ASCII_H

#include <stddef.h>

static inline int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* strncasecmp for ASCII letters only. */
static inline int ascii_ncasecmp(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int x = ascii_lower((unsigned char)a[i]), y = ascii_lower((unsigned char)b[i]);
        if (x != y || x == 0)
            return x - y;
    }
    return 0;
}

/* strcasecmp for ASCII letters only. */
static inline int ascii_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int x = ascii_lower((unsigned char)*a), y = ascii_lower((unsigned char)*b);
        if (x != y || x == 0)
            return x - y;
    }
}

/* HTML's white space: space, tab, line feed, carriage return, form feed (not NUL). */
static inline int html_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

#endif
