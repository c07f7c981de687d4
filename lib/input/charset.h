/* The bytes of an HTML page as UTF-8: a BOM, else a <meta charset> (or http-equiv) among the
 * first 1024 bytes, names the encoding; without either the page must be UTF-8. */
#ifndef RA_CHARSET_H
#define RA_CHARSET_H

#include <stddef.h>

typedef struct {
    const char *s;   /* the page as UTF-8 (points into the input when it was UTF-8 already) */
    size_t len;
    size_t skip;     /* bytes of BOM skipped, for a UTF-8 page */
    size_t *src;     /* for a converted page: the input offset of each byte of s; else NULL */
    char *owned;     /* the converted text, freed with the page */
} page_text;

typedef enum { PAGE_OK = 0, PAGE_NOMEM, PAGE_UTF8, PAGE_CHARSET } page_status;

/* Decodes in[0..len). On PAGE_UTF8 *bad is the offset of the first invalid byte; on
 * PAGE_CHARSET name (cap bytes) holds the declared encoding that cannot be read. */
page_status page_decode(const char *in, size_t len, page_text *out, size_t *bad, char *name, size_t cap);
/* Plain text in a named encoding: NULL, "" or "auto" (UTF-16 when a BOM says so, else UTF-8),
 * "utf-8", "utf-16" (a BOM decides, else little-endian), "cp1258" (also "windows-1258") or
 * "viscii". UTF-8 is left in place (out->s is in; it is checked later). PAGE_CHARSET for a name
 * that is none of these. */
page_status text_decode(const char *in, size_t len, const char *encoding, page_text *out);
/* 1 when text_decode knows the name (NULL and "" are "auto"). */
int text_encoding_known(const char *name);
/* The input offset of byte off of the decoded page. */
size_t page_source(const page_text *p, size_t off);
void page_free(page_text *p);

#endif
