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

#ifndef RA_LIBFUZZER
static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t cap = 1 << 20, n;
    unsigned char *buf = malloc(cap);
    n = buf ? fread(buf, 1, cap, f) : 0;
    fclose(f);
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
    return 0;
}

static int replay(const char *path)
{
    DIR *d = opendir(path);
    if (!d)
        return replay_file(path) == 0 ? 1 : 0;
    int k = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char p[4096];
        if (e->d_name[0] == '.')
            continue;
        snprintf(p, sizeof p, "%s/%s", path, e->d_name);
        k += replay_file(p) == 0;
    }
    closedir(d);
    return k;
}

int main(int argc, char **argv)
{
    int k = 0;
    for (int i = 1; i < argc; i++)
        k += replay(argv[i]);
    printf("replayed %d inputs\n", k);
    return 0;
}
#endif
