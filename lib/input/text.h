/* Text stage: raw UTF-8 bytes -> clean NFC text, with a map back to source byte offsets. */
#ifndef RA_TEXT_H
#define RA_TEXT_H

#include <stddef.h>

#include "readarticle.h"
#include "srcmap.h"

typedef struct {
    char *s;      /* clean text, NUL-terminated */
    size_t len;
    srcmap map;   /* the source byte of each character's first byte (rtext_src), and of len */
    int converted;/* src points into bytes of another encoding (set by the caller that mapped it):
                     a character there ends where the next one begins */
} rtext;

/* Validates and cleans text: NFC, one tone-mark placement (hòa, thủy), Ð read as Đ, HTML tags
 * and character references, control/zero-width/soft-hyphen characters removed, odd spaces made
 * plain, CR LF made LF. On RA_ERR_UTF8, *bad_offset is the offending byte's offset. */
ra_status rtext_prepare(const char *in, size_t len, rtext *out, size_t *bad_offset);
/* rtext_prepare for input already known to be valid UTF-8 (RA_OK or RA_ERR_NOMEM). */
ra_status rtext_prepare_valid(const char *in, size_t len, rtext *out);
void rtext_free(rtext *t);
/* The source byte offset of clean byte at (the first byte of a character, or len: the input's
 * length). */
size_t rtext_src(const rtext *t, size_t at);
/* The input bytes [*a, *b) that clean bytes [from, to) came from (to > from), valid UTF-8. */
void rtext_source_span(const rtext *t, const char *in, size_t len, size_t from, size_t to, size_t *a, size_t *b);

#endif
