/* HTML tags inside scraped text: skipped, with a line break where the tag ends a block. */
#ifndef RA_MARKUP_H
#define RA_MARKUP_H

#include <stddef.h>
#include <stdint.h>

/* If s starts with an HTML tag, comment, or a script/style element, returns the number of bytes
 * to skip and sets *cp to '\n' when it separates blocks (p, div, br, li, h1..h6, tr ...) or to 0
 * when it is inline. Returns 0 when s does not start with markup ("a < b" stays text). */
size_t markup_tag(const char *s, size_t len, int32_t *cp);

#endif
