/* Bytes that are not valid UTF-8: UTF-8 with stray bytes, or text in one of the legacy
 * Vietnamese encodings (Windows-1258, TCVN3, VNI-Windows, VISCII), told apart by which of them
 * turns the most words into Vietnamese syllables. */
#ifndef RA_ENCGUESS_H
#define RA_ENCGUESS_H

#include "charset.h"

/* Decodes in[skip..len), which is not valid UTF-8: as UTF-8 with each run of invalid bytes
 * replaced by U+FFFD when it is mostly UTF-8 or no legacy encoding reads it; else in the legacy
 * encoding that reads clearly the most words (info->detected names it); PAGE_UNSURE, with the
 * candidates in info->name, when two read about as well. */
page_status guess_decode(const char *in, size_t len, size_t skip, page_text *out, decode_info *info);
/* in[skip..len) as UTF-8, each run of invalid bytes replaced by U+FFFD (counted in info). */
page_status utf8_replace(const char *in, size_t len, size_t skip, page_text *out, decode_info *info);

#endif
