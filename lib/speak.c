/* Synthesis entry points: sentences normalized, gated and spoken one by one, with the voice's
 * pauses between them, into a sink, a file or memory. */
#include <stdlib.h>
#include <string.h>

#include "audio.h"
#include "engine.h"
#include "gate.h"

#define SILENCE_BLOCK 1024

typedef struct {
    const audio_sink *sink;
    int stopped;
} speak_state;

static int forward_pcm(void *user, const int16_t *pcm, size_t n)
{
    speak_state *s = user;
    if (s->sink->pcm(s->sink->user, pcm, n) != 0)
        s->stopped = 1;
    return s->stopped;
}

static int silence(speak_state *s, int rate, int ms)
{
    static const int16_t zeros[SILENCE_BLOCK];
    size_t left = (size_t)rate * (size_t)ms / 1000;
    while (left > 0 && !s->stopped) {
        size_t k = left < SILENCE_BLOCK ? left : SILENCE_BLOCK;
        forward_pcm(s, zeros, k);
        left -= k;
    }
    return s->stopped;
}

static int pause_ms(const voice_profile *v, brk_kind brk)
{
    return brk == BRK_HEADING ? v->pause_heading : brk == BRK_PARAGRAPH ? v->pause_paragraph : v->pause_sentence;
}

/* Speaks sentence i of d: normalize, gate, synthesize, then its pause (none after the last). */
static ra_status speak_sentence(ra_engine *e, synth_inst *inst, const document *d, size_t i,
                                speak_state *st, rbuf *spoken, rbuf *gated)
{
    const sentence *s = &d->sents.v[i];
    spoken->len = gated->len = 0;
    if (norm_sentence(&e->ncfg, d->flags[i], d->text.s + s->start, s->end - s->start, spoken) != 0)
        return api_fail(e, RA_ERR_NOMEM, "out of memory");
    gate_text(spoken->p ? spoken->p : "", spoken->len, gated);
    if (gated->oom)
        return api_fail(e, RA_ERR_NOMEM, "out of memory");
    ra_status r = synth_speak(inst, gated->p ? gated->p : "", forward_pcm, st);
    if (r == RA_OK && i + 1 < d->sents.n)
        silence(st, synth_sample_rate(inst), pause_ms(&e->voice, s->brk));
    if (r == RA_ERR_ABORTED || st->stopped)
        return api_fail(e, RA_ERR_ABORTED, "stopped by the audio sink");
    if (r != RA_OK)
        return api_fail(e, r, "espeak-ng failed on sentence %zu", i + 1);
    if (e->progress && e->progress(e->progress_user, d->text.src[s->end], d->input_len) != 0)
        return api_fail(e, RA_ERR_ABORTED, "stopped by the progress callback");
    return RA_OK;
}

ra_status engine_speak(ra_engine *e, const char *text, size_t len, const audio_sink *sink)
{
    document d;
    ra_status st = doc_prepare(e, text, len, &d);
    if (st != RA_OK)
        return st;
    char err[256] = "";
    synth_inst *inst = NULL;
    st = synth_acquire(e->pool, &inst, err, sizeof err);
    if (st != RA_OK) {
        doc_free(&d);
        return api_fail(e, st, "%s", err);
    }
    st = sink->begin ? sink->begin(sink->user, synth_sample_rate(inst)) : RA_OK;
    speak_state ss = { sink, 0 };
    rbuf spoken = { 0 }, gated = { 0 };
    for (size_t i = 0; st == RA_OK && i < d.sents.n; i++)
        st = speak_sentence(e, inst, &d, i, &ss, &spoken, &gated);
    synth_release(e->pool, inst);
    rbuf_free(&spoken);
    rbuf_free(&gated);
    doc_free(&d);
    return st;
}

typedef struct {
    ra_pcm_fn fn;
    void *user;
} user_sink;

static int user_pcm(void *u, const int16_t *pcm, size_t n)
{
    user_sink *s = u;
    return s->fn(s->user, pcm, n);
}

RA_API ra_status ra_synth_to_sink(ra_engine *engine, const char *text, size_t len, ra_pcm_fn sink, void *user)
{
    api_clear(engine);
    if (!engine || !text || !sink)
        return api_fail(engine, RA_ERR_ARG, "NULL argument");
    user_sink us = { sink, user };
    audio_sink s = { NULL, user_pcm, &us };
    return engine_speak(engine, text, len, &s);
}

typedef struct {
    ra_engine *e;
    const char *path;     /* NULL for memory */
    ra_format fmt;
    audio_out *out;
    int io_failed;
} encoded_sink;

static ra_status enc_begin(void *u, int rate)
{
    encoded_sink *s = u;
    char err[256] = "";
    ra_status st = s->path ? audio_open_file(&s->out, s->path, s->fmt, rate, err, sizeof err)
                           : audio_open_memory(&s->out, s->fmt, rate, err, sizeof err);
    return st == RA_OK ? st : api_fail(s->e, st, "%s", err[0] ? err : ra_strerror(st));
}

static int enc_pcm(void *u, const int16_t *pcm, size_t n)
{
    encoded_sink *s = u;
    s->io_failed = audio_write(s->out, pcm, n) != 0;
    return s->io_failed;
}

static ra_status encode(ra_engine *e, const char *text, size_t len, encoded_sink *es, void **data, size_t *size)
{
    audio_sink s = { enc_begin, enc_pcm, es };
    ra_status st = engine_speak(e, text, len, &s);
    if (st != RA_OK) {
        if (es->io_failed)
            st = api_fail(e, RA_ERR_IO, "writing the audio failed (disk full?)");
        audio_abort(es->out);
        return st;
    }
    char err[256] = "";
    st = audio_finish(es->out, data, size, err, sizeof err);
    return st == RA_OK ? st : api_fail(e, st, "%s", err);
}

RA_API ra_status ra_synth_to_file(ra_engine *engine, const char *text, size_t len, const char *path, ra_format format)
{
    api_clear(engine);
    if (!engine || !text || !path || !*path)
        return api_fail(engine, RA_ERR_ARG, "NULL argument");
    if (format < RA_FORMAT_AUTO || format > RA_FORMAT_MP3)
        return api_fail(engine, RA_ERR_ARG, "unknown audio format %d", (int)format);
    encoded_sink es = { engine, path, format, NULL, 0 };
    void *unused = NULL;
    size_t n = 0;
    return encode(engine, text, len, &es, &unused, &n);
}

RA_API ra_status ra_synth_to_memory(ra_engine *engine, const char *text, size_t len, ra_format format,
                                    void **data, size_t *size)
{
    api_clear(engine);
    if (!engine || !text || !data || !size)
        return api_fail(engine, RA_ERR_ARG, "NULL argument");
    if (format < RA_FORMAT_AUTO || format > RA_FORMAT_MP3)
        return api_fail(engine, RA_ERR_ARG, "unknown audio format %d", (int)format);
    encoded_sink es = { engine, NULL, format, NULL, 0 };
    return encode(engine, text, len, &es, data, size);
}
