/* The bytes of an HTML page as UTF-8: a BOM, else a <meta charset> (or http-equiv) among the
 * first 1024 bytes, names the encoding; without either the page must be UTF-8. */
#ifndef RA_CHARSET_H
#define RA_CHARSET_H

#include <stddef.h>

#include "legacy.h"
#include "mtext.h"

typedef struct {
    const char *s;   /* the page as UTF-8 (points into the input when it was UTF-8 already) */
    size_t len;
    size_t skip;     /* bytes of BOM skipped, for a UTF-8 page */
    size_t *src;     /* for a converted page: the input offset of each byte of s; else NULL */
    char *owned;     /* the converted text, freed with the page */
} page_text;

typedef enum { PAGE_OK = 0, PAGE_NOMEM, PAGE_UTF8, PAGE_CHARSET, PAGE_UNSURE } page_status;

/* How a decoding went, for the caller's messages. */
typedef struct {
    int strict;                /* in: the bytes are UTF-8 (or what is declared) or the decoding
                                  fails: nothing is replaced, detected or repaired */
    size_t bad;                /* PAGE_UTF8: the offset of the first invalid byte */
    char name[64];             /* PAGE_CHARSET: the declared encoding that cannot be read;
                                  PAGE_UNSURE: the encodings the bytes fit about as well */
    const char *detected;      /* an encoding told by byte statistics, or NULL */
    size_t replaced, first_bad;/* runs of invalid UTF-8 replaced by U+FFFD; the first's offset */
    legacy_counts mended;      /* words of TCVN3 or VNI mojibake repaired */
    int converted;             /* the text was converted: out->src maps it to the input */
} decode_info;

/* Decodes a page in[0..len): its BOM, else its <meta charset>, else UTF-8 (not strict: else
 * the encoding the bytes are detected in, as text_decode). Not strict, mojibake is repaired. */
page_status page_decode(const char *in, size_t len, page_text *out, decode_info *info);
/* Plain text in a named encoding: NULL, "" or "auto" (a BOM, else UTF-8, else not strict the
 * encoding that byte statistics single out: PAGE_UNSURE when two fit), "utf-8", "utf-16" (a
 * BOM decides, else little-endian), "cp1258" (also "windows-1258"), "tcvn3", "vni" or "viscii".
 * UTF-8 that needs no repair is left in place (out->s is in). Invalid UTF-8 is PAGE_UTF8 when
 * strict, else replaced. PAGE_CHARSET for a name that is none of these. */
page_status text_decode(const char *in, size_t len, const char *encoding, page_text *out, decode_info *info);
/* 1 when text_decode knows the name (NULL and "" are "auto"). */
int text_encoding_known(const char *name);
/* The text m holds, as a page_text that owns it (m is emptied). PAGE_NOMEM when m ran out. */
page_status page_take(mtext *m, page_text *out);
/* in[skip..len) in encoding enc: an iconv name, "TCVN3" or "VNI"; every output byte mapped to
 * its input offset. PAGE_CHARSET when iconv does not know enc. */
page_status charset_convert(const char *enc, const char *in, size_t len, size_t skip, page_text *out);
/* The input offset of byte off of the decoded page. */
size_t page_source(const page_text *p, size_t off);
void page_free(page_text *p);

#endif
