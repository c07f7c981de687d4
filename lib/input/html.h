/* HTML input: a page -> the text of its article (or of the whole page), each byte mapped to
 * the page's own bytes. */
#ifndef RA_HTML_H
#define RA_HTML_H

#include <stddef.h>

#include "charset.h"
#include "mtext.h"

typedef struct {
    int whole_page;        /* read all visible text, not only the article */
    const char *selector;  /* "tag", "#id" or ".class": the article element; NULL to find it */
    struct pagenotes *notes; /* the accessibility check's notes on the article, or NULL */
} html_opts;

typedef enum { HTML_OK = 0, HTML_NOMEM, HTML_UTF8, HTML_CHARSET, HTML_UNSURE, HTML_NO_MATCH } html_status;

/* On HTML_OK out->s is the text (NUL-terminated, "" for an empty page). The page is decoded
 * under info (page_decode), which tells what was repaired and, on HTML_UTF8 (the first invalid
 * byte), HTML_CHARSET (the declared encoding neither iconv nor UTF-8 reads) and HTML_UNSURE
 * (the encodings the bytes fit), why the page cannot be read. */
html_status html_extract(const char *in, size_t len, const html_opts *o, mtext *out, decode_info *info);
/* 1 when the bytes look like an HTML document (a doctype, <html>, <head> or <body> early on). */
int html_sniff(const char *in, size_t len);

#endif
