/* Reading an input whole, bounded. */
#include "input.h"

#include <errno.h>
#include <stdlib.h>

int read_all(FILE *f, char **data, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
        if (n == cap) {
            char *nb = cap >= INPUT_MAX ? NULL : realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                return errno = EFBIG, -1;
            }
            buf = nb;
            cap *= 2;
        }
    }
    if (!buf || ferror(f)) {
        free(buf);
        return -1;
    }
    *data = buf;
    *len = n;
    return 0;
}
