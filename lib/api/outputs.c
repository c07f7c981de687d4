/* The synthesis entry points: audio to a callback of PCM, or encoded to a file, to memory or to
 * a write callback, always as it is produced. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "audio.h"
#include "engine.h"
#include "outfile.h"

typedef struct {
    ra_pcm_fn fn;
    void *user;
} user_sink;

static int user_pcm(void *u, const int16_t *pcm, size_t n)
{
    user_sink *s = u;
    return s->fn(s->user, pcm, n);
}

ra_status api_hooks(const ra_engine *e, const ra_hooks *hooks, call_hooks *out)
{
    if (hooks && hooks->version != RA_HOOKS_VERSION)
        return api_fail(e, RA_ERR_ARG, "hooks not initialised with ra_hooks_init");
    if (hooks)
        *out = (call_hooks){ hooks->on_event, hooks->event_user, hooks->progress, hooks->progress_user };
    else
        *out = (call_hooks){ e->on_event, e->event_user, e->progress, e->progress_user };
    return RA_OK;
}

RA_API ra_status ra_hooks_init(ra_hooks *hooks)
{
    if (!hooks)
        return RA_ERR_ARG;
    memset(hooks, 0, sizeof *hooks);
    hooks->version = RA_HOOKS_VERSION;
    return RA_OK;
}

RA_API ra_status ra_synth_to_sink_with(ra_engine *engine, const char *text, size_t len, ra_pcm_fn sink,
                                       void *user, const ra_hooks *hooks)
{
    api_clear(engine);
    if (!engine || !text || !sink)
        return api_fail(engine, RA_ERR_ARG, "NULL argument");
    call_hooks h;
    ra_status st = api_hooks(engine, hooks, &h);
    if (st != RA_OK)
        return st;
    user_sink us = { sink, user };
    audio_sink s = { NULL, user_pcm, &us };
    return api_speak(engine, text, len, &s, &h);
}

RA_API ra_status ra_synth_to_sink(ra_engine *engine, const char *text, size_t len, ra_pcm_fn sink, void *user)
{
    return ra_synth_to_sink_with(engine, text, len, sink, user, NULL);
}

RA_API int ra_format_supported(ra_format f)
{
    return audio_format_supported(f);
}

/* An encoder over a byte stream, started on the first audio. */
typedef struct {
    ra_engine *e;
    bstream bs;
    ra_format fmt;
    audio_out *out;
    const char *what; /* the output's name for messages */
    int failed;       /* the encoder or the stream failed */
} encoded_sink;

static ra_status enc_begin(void *u, int rate)
{
    encoded_sink *s = u;
    char err[256] = "";
    audio_params ap = { rate, s->e->out_rate, s->e->quality };
    ra_status st = audio_begin(&s->out, &s->bs, s->fmt, &ap, err, sizeof err);
    return st == RA_OK ? st : api_fail(s->e, st, "%s", err[0] ? err : ra_strerror(st));
}

static int enc_pcm(void *u, const int16_t *pcm, size_t n)
{
    encoded_sink *s = u;
    s->failed = audio_write(s->out, pcm, n) != 0;
    return s->failed;
}

/* A failed write says more than "stopped by the audio sink". */
static ra_status write_failure(encoded_sink *s)
{
    if (s->bs.stopped)
        return api_fail(s->e, RA_ERR_ABORTED, "stopped by the write callback");
    if (s->bs.err == ENOMEM)
        return api_fail(s->e, RA_ERR_NOMEM, "out of memory");
    return api_fail(s->e, RA_ERR_IO, "cannot write '%s': %s", s->what,
                    s->bs.err ? strerror(s->bs.err) : "the encoder failed");
}

/* Reads text into the encoder; on success the stream holds the whole encoded audio. */
static ra_status encode(encoded_sink *es, const char *text, size_t len, const ra_hooks *hooks)
{
    call_hooks h;
    ra_status st = api_hooks(es->e, hooks, &h);
    if (st != RA_OK)
        return st;
    audio_sink s = { enc_begin, enc_pcm, es };
    st = api_speak(es->e, text, len, &s, &h);
    if (st == RA_ERR_ABORTED && es->failed)
        st = write_failure(es);
    if (st != RA_OK) {
        audio_discard(es->out);
        return st;
    }
    char err[256] = "";
    st = audio_end(es->out, err, sizeof err);
    return st == RA_OK ? st : write_failure(es);
}

/* Checks what every encoded output needs, and the format (AUTO resolved from path if any). */
static ra_status check_encoded(ra_engine *e, const char *text, int have_dest, const char *path, ra_format *fmt)
{
    if (!e || !text || !have_dest)
        return api_fail(e, RA_ERR_ARG, "NULL argument");
    if (*fmt < RA_FORMAT_AUTO || *fmt > RA_FORMAT_OPUS)
        return api_fail(e, RA_ERR_ARG, "unknown audio format %d", (int)*fmt);
    if (*fmt == RA_FORMAT_AUTO)
        *fmt = path ? audio_format_for(path) : RA_FORMAT_WAV;
    if (*fmt == RA_FORMAT_AUTO)
        return api_fail(e, RA_ERR_FORMAT, "cannot tell an audio format this build writes from the name '%s' "
                        "(it writes %s)", path, audio_format_list());
    if (!audio_format_supported(*fmt))
        return api_fail(e, RA_ERR_FORMAT, "this build cannot write that audio format (it writes %s)",
                        audio_format_list());
    return RA_OK;
}

RA_API ra_status ra_synth_to_file_with(ra_engine *engine, const char *text, size_t len, const char *path,
                                       ra_format format, const ra_hooks *hooks)
{
    api_clear(engine);
    ra_status st = check_encoded(engine, text, path != NULL, path, &format);
    if (st != RA_OK)
        return st;
    if (!*path)
        return api_fail(engine, RA_ERR_ARG, "empty file name");
    outfile of;
    char err[512] = "";
    if ((st = outfile_open(&of, path, err, sizeof err)) != RA_OK)
        return api_fail(engine, st, "%s", err);
    encoded_sink es = { engine, { 0 }, format, NULL, path, 0 };
    if (of.seekable)
        stream_fd_buffered(&es.bs, of.fd); /* a file: 64 KB writes, not the encoder's few KB */
    else
        stream_fd(&es.bs, of.fd, 0);       /* a pipe or device: each block as it comes */
    st = encode(&es, text, len, hooks);
    stream_free(&es.bs);
    if (st == RA_OK && (st = outfile_commit(&of, err, sizeof err)) != RA_OK)
        return api_fail(engine, st, "%s", err);
    if (st != RA_OK)
        outfile_abort(&of);
    return st;
}

RA_API ra_status ra_synth_to_file(ra_engine *engine, const char *text, size_t len, const char *path, ra_format format)
{
    return ra_synth_to_file_with(engine, text, len, path, format, NULL);
}

RA_API ra_status ra_synth_to_memory_with(ra_engine *engine, const char *text, size_t len, ra_format format,
                                         void **data, size_t *size, const ra_hooks *hooks)
{
    api_clear(engine);
    ra_status st = check_encoded(engine, text, data && size, NULL, &format);
    if (st != RA_OK)
        return st;
    encoded_sink es = { engine, { 0 }, format, NULL, "memory", 0 };
    stream_memory(&es.bs);
    st = encode(&es, text, len, hooks);
    if (st == RA_OK)
        stream_take(&es.bs, data, size);
    stream_free(&es.bs);
    return st;
}

RA_API ra_status ra_synth_to_memory(ra_engine *engine, const char *text, size_t len, ra_format format,
                                    void **data, size_t *size)
{
    return ra_synth_to_memory_with(engine, text, len, format, data, size, NULL);
}

RA_API ra_status ra_synth_to_writer_with(ra_engine *engine, const char *text, size_t len, ra_format format,
                                         ra_write_fn write, void *user, const ra_hooks *hooks)
{
    api_clear(engine);
    ra_status st = check_encoded(engine, text, write != NULL, NULL, &format);
    if (st != RA_OK)
        return st;
    encoded_sink es = { engine, { 0 }, format, NULL, "the write callback", 0 };
    stream_callback(&es.bs, write, user);
    return encode(&es, text, len, hooks);
}

RA_API ra_status ra_synth_to_writer(ra_engine *engine, const char *text, size_t len, ra_format format,
                                    ra_write_fn write, void *user)
{
    return ra_synth_to_writer_with(engine, text, len, format, write, user, NULL);
}
