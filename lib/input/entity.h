/* HTML character references (&amp; &#7901; &#x1EDD; ...) found in scraped article text. */
#ifndef RA_ENTITY_H
#define RA_ENTITY_H

#include <stddef.h>
#include <stdint.h>

/* If s (len bytes) starts with a character reference, stores its code point in *cp and returns
 * its length in bytes (including '&' and ';'); returns 0 otherwise. */
size_t entity_decode(const char *s, size_t len, int32_t *cp);

#endif
