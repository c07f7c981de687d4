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
        ra_free(out);
    }
    out = NULL;
    if (ra_sentences(engine, (const char *)data, size, &out) == RA_OK)
        ra_free(out);
    return 0;
}

#include "fuzz_replay.h"
