/* HTML input: a page -> the text of its article (or of the whole page), each byte mapped to
 * the page's own bytes. */
#ifndef RA_HTML_H
#define RA_HTML_H

#include <stddef.h>

#include "mtext.h"

typedef struct {
    int whole_page;        /* read all visible text, not only the article */
    const char *selector;  /* "tag", "#id" or ".class": the article element; NULL to find it */
} html_opts;

typedef enum { HTML_OK = 0, HTML_NOMEM, HTML_UTF8, HTML_CHARSET, HTML_NO_MATCH } html_status;

/* On HTML_OK out->s is the text (NUL-terminated, "" for an empty page). On HTML_UTF8 *bad is the offset of the first invalid byte; on HTML_CHARSET name (cap bytes)
 * holds the declared encoding, which neither iconv nor UTF-8 reads. */
html_status html_extract(const char *in, size_t len, const html_opts *o, mtext *out, size_t *bad, char *name,
                         size_t cap);
/* 1 when the bytes look like an HTML document (a doctype, <html>, <head> or <body> early on). */
int html_sniff(const char *in, size_t len);

#endif
