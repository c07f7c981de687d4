/* Fuzz harness for HTML input (ra_extract, ra_sentences, ra_normalize on pages): any bytes in,
 * no crash, no hang; the article's text is valid UTF-8 and the spoken form has no digit. Built
 * with libFuzzer by `make fuzz`; otherwise (or with files as arguments) it replays a corpus:
 * `build/fuzz-replay-html tests/fuzz-corpus-html/`. */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readarticle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int valid_utf8(const unsigned char *s)
{
    while (*s) {
        size_t n = *s < 0x80 ? 1 : (*s & 0xE0) == 0xC0 ? 2 : (*s & 0xF0) == 0xE0 ? 3 : (*s & 0xF8) == 0xF0 ? 4 : 0;
        if (!n)
            return 0;
        for (size_t k = 1; k < n; k++)
            if ((s[k] & 0xC0) != 0x80)
                return 0;
        s += n;
    }
    return 1;
}

#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ra_engine *engine;
    if (!engine) {
        ra_options o;
        ra_options_init(&o);
        o.input_format = RA_INPUT_HTML;
        if (ra_engine_new(&engine, &o) != RA_OK)
            abort();
    }
    char *out = NULL;
    if (ra_extract(engine, (const char *)data, size, &out) == RA_OK) {
        if (!valid_utf8((const unsigned char *)out))
            abort();
        ra_free(out);
    }
    out = NULL;
    if (ra_normalize(engine, (const char *)data, size, &out) == RA_OK) {
        for (const char *p = out; *p; p++)
            if (*p >= '0' && *p <= '9')
                abort(); /* a digit would reach espeak-ng */
        ra_free(out);
    }
    out = NULL;
    if (ra_sentences(engine, (const char *)data, size, &out) == RA_OK)
        ra_free(out);
    fuzz_check(engine, (const char *)data, size);
    return 0;
}

#include "fuzz_replay.h"
