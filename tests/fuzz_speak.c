/* Fuzz harness for the whole pipeline to PCM: any bytes in (text or, when they begin like one,
 * an HTML page), synthesized by the speech workers with a short audio cap. No crash, no hang,
 * and never more audio than the cap. Built with libFuzzer by `make fuzz`; otherwise it replays
 * a corpus: `build/fuzz-replay-speak tests/fuzz-corpus/`. Needs READARTICLE_WORKER or an
 * installed worker. */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readarticle.h"

#define CAP_MS 3000

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int count(void *user, const int16_t *pcm, size_t n)
{
    (void)pcm;
    *(size_t *)user += n;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ra_engine *engine;
    if (!engine) {
        ra_options o;
        ra_options_init(&o);
        o.input_format = RA_INPUT_AUTO;
        o.max_duration_ms = CAP_MS;
        o.max_instances = 1;
        if (ra_engine_new(&engine, &o) != RA_OK)
            abort();
    }
    size_t samples = 0;
    ra_status st = ra_synth_to_sink(engine, (const char *)data, size, count, &samples);
    if (st == RA_ERR_SYNTH)
        abort(); /* a worker crashed or hung on what the gate let through */
    if (samples > (size_t)ra_sample_rate(engine) * CAP_MS / 1000)
        abort();
    return 0;
}

#include "fuzz_replay.h"
