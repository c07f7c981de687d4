/* Fuzz harness for the text entry points (ra_normalize, ra_sentences): any bytes in, no crash,
 * no digit in the spoken form. Built with libFuzzer by `make fuzz` where clang has it; otherwise
 * (or with files as arguments) it replays a corpus: `build/fuzz-replay tests/fuzz-corpus/`. */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readarticle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Strict UTF-8: no overlong forms, surrogates or code points past U+10FFFF. */
static int valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned c = *p++, n = c < 0x80 ? 0 : c >= 0xC2 && c < 0xE0 ? 1 : c >= 0xE0 && c < 0xF0 ? 2 : c >= 0xF0 && c < 0xF5 ? 3 : 9;
        if (n == 9)
            return 0;
        unsigned cp = n == 0 ? c : n == 1 ? c & 0x1F : n == 2 ? c & 0x0F : c & 0x07;
        for (unsigned k = 0; k < n; k++, p++) {
            if ((*p & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (*p & 0x3F);
        }
        if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp < 0xE000))) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return 0;
    }
    return 1;
}

#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ra_engine *engine;
    if (!engine && ra_engine_new(&engine, NULL) != RA_OK)
        abort();
    char *out = NULL;
    if (ra_normalize(engine, (const char *)data, size, &out) == RA_OK) {
        for (const char *p = out; *p; p++)
            if (*p >= '0' && *p <= '9')
                abort(); /* a digit would reach espeak-ng */
        if (!valid_utf8(out))
            abort(); /* bad bytes are replaced or decoded, never passed on */
        ra_free(out);
    }
    out = NULL;
    if (ra_sentences(engine, (const char *)data, size, &out) == RA_OK)
        ra_free(out);
    fuzz_check(engine, (const char *)data, size);
    return 0;
}

#include "fuzz_replay.h"
