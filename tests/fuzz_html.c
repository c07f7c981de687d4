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
