/* A speech worker that lies: it greets properly, then answers a text with a PCM message that
 * claims 4 GB. The library must call it malformed, not try to allocate it.
 * With BAD_WORKER_MODE=late-words it answers every text with 0.1 s of audio and words said to
 * start at 0 ms and 5000 ms: word times past the audio, which the library must clamp. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wire.h"

static int read_full(void *p, size_t n)
{
    for (size_t got = 0; got < n;) {
        ssize_t k = read(0, (char *)p + got, n - got);
        if (k <= 0)
            return -1;
        got += (size_t)k;
    }
    return 0;
}

static void skip(uint32_t n)
{
    char buf[256];
    while (n > 0) {
        uint32_t k = n < sizeof buf ? n : (uint32_t)sizeof buf;
        if (read_full(buf, k) != 0)
            _exit(0);
        n -= k;
    }
}

static int late_words(void)
{
    static int16_t pcm[2205];
    wire_head h;
    while (read_full(&h, sizeof h) == 0) {
        skip(h.len);
        wire_head ph = { WIRE_PCM, sizeof pcm };
        struct {
            wire_head h;
            uint32_t pairs[4];
        } words = { { WIRE_WORDS, 16 }, { 0, 0, 4, 5000 } };
        struct {
            wire_head h;
            uint32_t status;
        } done = { { WIRE_DONE, 4 }, 0 };
        if (write(1, &ph, sizeof ph) != (ssize_t)sizeof ph || write(1, pcm, sizeof pcm) != (ssize_t)sizeof pcm ||
            write(1, &words, sizeof words) != (ssize_t)sizeof words || write(1, &done, sizeof done) != (ssize_t)sizeof done)
            return 1;
    }
    return 0;
}

int main(void)
{
    wire_head h;
    if (read_full(&h, sizeof h) != 0)
        return 0;
    skip(h.len);
    struct {
        wire_head h;
        uint32_t version, rate;
    } ready = { { WIRE_READY, 8 }, WIRE_VERSION, 22050 };
    if (write(1, &ready, sizeof ready) != (ssize_t)sizeof ready)
        return 1;
    const char *mode = getenv("BAD_WORKER_MODE");
    if (mode && !strcmp(mode, "late-words"))
        return late_words();
    if (read_full(&h, sizeof h) != 0)
        return 0;
    skip(h.len);
    wire_head huge = { WIRE_PCM, 0xFFFFFFF0u };
    if (write(1, &huge, sizeof huge) != (ssize_t)sizeof huge)
        return 1;
    pause();
    return 0;
}
