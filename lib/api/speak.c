/* Synthesis entry points: sentences normalized, gated and spoken one by one, with the voice's
 * pauses between them, into a sink, a file or memory. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "audio.h"
#include "engine.h"
#include "utter.h"

#define SILENCE_BLOCK 1024

typedef struct {
    const audio_sink *sink;
    int stopped;
    size_t samples;     /* handed to the sink so far: the output timeline */
    int rate;
    call_hooks hooks;
} speak_state;

static int forward_pcm(void *user, const int16_t *pcm, size_t n)
{
    speak_state *s = user;
    if (s->sink->pcm(s->sink->user, pcm, n) != 0)
        s->stopped = 1;
    s->samples += n;
    return s->stopped;
}

static int silence(speak_state *s, int ms)
{
    static const int16_t zeros[SILENCE_BLOCK];
    size_t left = (size_t)s->rate * (size_t)ms / 1000;
    while (left > 0 && !s->stopped) {
        size_t k = left < SILENCE_BLOCK ? left : SILENCE_BLOCK;
        forward_pcm(s, zeros, k);
        left -= k;
    }
    return s->stopped;
}

static int pause_ms(const voice_profile *v, brk_kind brk)
{
    switch (brk) {
    case BRK_HEADING: return v->pause_heading;
    case BRK_PARAGRAPH: return v->pause_paragraph;
    case BRK_LIST: return v->pause_list;
    default: return v->pause_sentence;
    }
}

/* One sentence on its way through espeak-ng: where each of its words started. */
typedef struct {
    speak_state *st;
    const utterance *u;
    size_t chunk_cp;     /* code point where the current chunk starts */
    size_t chunk_sample; /* output sample where the current chunk starts */
    size_t *word_start;  /* per word: output sample, or SIZE_MAX before its event */
} sentence_run;

static int run_pcm(void *user, const int16_t *pcm, size_t n)
{
    return forward_pcm(((sentence_run *)user)->st, pcm, n);
}

static void run_word(void *user, size_t pos, unsigned ms)
{
    sentence_run *r = user;
    size_t w = utter_word_at(r->u, r->chunk_cp + pos);
    if (w < r->u->nw && r->word_start[w] == SIZE_MAX)
        r->word_start[w] = r->chunk_sample + (size_t)ms * (size_t)r->st->rate / 1000;
}

/* Speaks the utterance chunk by chunk; the text is cut in place and restored. */
static ra_status speak_chunks(synth_inst *inst, utterance *u, sentence_run *r)
{
    for (size_t k = 0; k < u->ncut; k++) {
        char *text = u->text.p ? u->text.p : (char *)"";
        size_t end = u->cut[k + 1].byte;
        char saved = end < u->text.len ? text[end] : '\0';
        if (end < u->text.len)
            text[end] = '\0';
        r->chunk_cp = u->cut[k].cp;
        r->chunk_sample = r->st->samples;
        ra_status st = synth_speak(inst, text + u->cut[k].byte, run_pcm, r->word_start ? run_word : NULL, r);
        if (end < u->text.len)
            text[end] = saved;
        if (st != RA_OK)
            return st;
    }
    return RA_OK;
}

static int emit_event(const call_hooks *h, const document *d, ra_event_kind kind, size_t from, size_t to,
                      size_t s0, size_t s1, const char *spoken, int rate)
{
    ra_event ev;
    ev.kind = kind;
    ev.start = (double)s0 / rate;
    ev.end = (double)s1 / rate;
    rtext_source_span(&d->text, d->input, d->input_len, from, to, &ev.byte_start, &ev.byte_end);
    ev.spoken = spoken;
    char *text = malloc(to - from + 1);
    if (!text)
        return -1;
    for (size_t k = from; k < to; k++)
        text[k - from] = d->text.s[k] == '\n' ? ' ' : d->text.s[k];
    text[to - from] = '\0';
    ev.text = text;
    int r = h->on_event(h->event_user, &ev) != 0;
    free(text);
    return r;
}

/* The sentence event, then one event per word: a word lasts until the next one starts. */
/* Returns 0, 1 when the callback asked to stop, -1 when memory ran out. */
static int emit_timings(const call_hooks *h, const document *d, const sentence *s, const utterance *u,
                        const rbuf *spoken, size_t *ws, size_t s0, size_t s1, int rate)
{
    int r = emit_event(h, d, RA_EVENT_SENTENCE, s->start, s->end, s0, s1, spoken->p ? spoken->p : "", rate);
    if (r)
        return r;
    for (size_t w = 0; w < u->nw; w++) {
        if (ws[w] == SIZE_MAX || ws[w] < (w ? ws[w - 1] : s0))
            ws[w] = w ? ws[w - 1] : s0; /* no event for it: it starts with its neighbour */
        if (ws[w] > s1)
            ws[w] = s1;
    }
    rbuf word = { 0 };
    for (size_t w = 0; w < u->nw && !r; w++) {
        word.len = 0;
        rbuf_put(&word, spoken->p + u->w[w].out_start, u->w[w].out_end - u->w[w].out_start);
        size_t end = w + 1 < u->nw ? ws[w + 1] : s1;
        r = word.oom ? -1
                     : emit_event(h, d, RA_EVENT_WORD, s->start + u->w[w].src_start, s->start + u->w[w].src_end,
                                  ws[w], end, word.p, rate);
    }
    rbuf_free(&word);
    return r;
}

typedef struct {
    rbuf spoken;
    normspans spans;
} sentence_bufs;

/* Speaks sentence i of d: normalize, gate, synthesize, timings, then its pause (none after the
 * last). */
static ra_status speak_sentence(ra_engine *e, synth_inst *inst, const document *d, size_t i,
                                speak_state *st, sentence_bufs *b)
{
    const sentence *s = &d->sents.v[i];
    utterance u;
    memset(&u, 0, sizeof u);
    b->spoken.len = 0;
    b->spans.n = 0;
    if (norm_sentence(&e->ncfg, d->flags[i], d->text.s + s->start, s->end - s->start, &b->spoken, &b->spans) != 0 ||
        utter_build(&u, b->spoken.p ? b->spoken.p : "", b->spoken.len, &b->spans) != 0) {
        utter_free(&u);
        return api_fail(e, RA_ERR_NOMEM, "out of memory");
    }
    sentence_run run = { st, &u, 0, 0, NULL };
    const call_hooks *h = &st->hooks;
    if (h->on_event && u.nw && !(run.word_start = malloc(u.nw * sizeof *run.word_start))) {
        utter_free(&u);
        return api_fail(e, RA_ERR_NOMEM, "out of memory");
    }
    for (size_t w = 0; run.word_start && w < u.nw; w++)
        run.word_start[w] = SIZE_MAX;
    size_t s0 = st->samples;
    int silent = u.text.len == 0; /* 中文。: nothing espeak-ng could say, so no events, no pause */
    ra_status r = silent ? RA_OK : speak_chunks(inst, &u, &run);
    int stop = r == RA_OK && !silent && h->on_event &&
               emit_timings(h, d, s, &u, &b->spoken, run.word_start, s0, st->samples, st->rate);
    free(run.word_start);
    utter_free(&u);
    if (r == RA_OK && !stop && !silent && i + 1 < d->sents.n)
        silence(st, pause_ms(&e->voice, s->brk));
    if (stop < 0)
        return api_fail(e, RA_ERR_NOMEM, "out of memory");
    if (stop)
        return api_fail(e, RA_ERR_ABORTED, "stopped by the event callback");
    if (r == RA_ERR_ABORTED || st->stopped)
        return api_fail(e, RA_ERR_ABORTED, "stopped by the audio sink");
    if (r != RA_OK)
        return api_fail(e, r, "espeak-ng failed on sentence %zu", i + 1);
    size_t done = i + 1 == d->sents.n ? d->input_len : d->text.src[s->end];
    if (h->progress && h->progress(h->progress_user, done, d->input_len) != 0)
        return api_fail(e, RA_ERR_ABORTED, "stopped by the progress callback");
    return RA_OK;
}

ra_status api_speak(ra_engine *e, const char *text, size_t len, const audio_sink *sink, const call_hooks *hooks)
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
    speak_state ss = { sink, 0, 0, synth_sample_rate(inst), *hooks };
    sentence_bufs b;
    memset(&b, 0, sizeof b);
    for (size_t i = 0; st == RA_OK && i < d.sents.n; i++)
        st = speak_sentence(e, inst, &d, i, &ss, &b);
    synth_release(e->pool, inst);
    rbuf_free(&b.spoken);
    normspans_free(&b.spans);
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

/* The callbacks of one call: its own hooks, or the engine's. */
static ra_status resolve_hooks(const ra_engine *e, const ra_hooks *hooks, call_hooks *out)
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
    ra_status st = resolve_hooks(engine, hooks, &h);
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

static ra_status encode(ra_engine *e, const char *text, size_t len, encoded_sink *es, void **data, size_t *size,
                        const ra_hooks *hooks)
{
    call_hooks h;
    ra_status st = resolve_hooks(e, hooks, &h);
    if (st != RA_OK)
        return st;
    audio_sink s = { enc_begin, enc_pcm, es };
    st = api_speak(e, text, len, &s, &h);
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

RA_API ra_status ra_synth_to_file_with(ra_engine *engine, const char *text, size_t len, const char *path,
                                       ra_format format, const ra_hooks *hooks)
{
    api_clear(engine);
    if (!engine || !text || !path || !*path)
        return api_fail(engine, RA_ERR_ARG, "NULL argument");
    if (format < RA_FORMAT_AUTO || format > RA_FORMAT_MP3)
        return api_fail(engine, RA_ERR_ARG, "unknown audio format %d", (int)format);
    encoded_sink es = { engine, path, format, NULL, 0 };
    void *unused = NULL;
    size_t n = 0;
    return encode(engine, text, len, &es, &unused, &n, hooks);
}

RA_API ra_status ra_synth_to_file(ra_engine *engine, const char *text, size_t len, const char *path, ra_format format)
{
    return ra_synth_to_file_with(engine, text, len, path, format, NULL);
}

RA_API ra_status ra_synth_to_memory_with(ra_engine *engine, const char *text, size_t len, ra_format format,
                                         void **data, size_t *size, const ra_hooks *hooks)
{
    api_clear(engine);
    if (!engine || !text || !data || !size)
        return api_fail(engine, RA_ERR_ARG, "NULL argument");
    if (format < RA_FORMAT_AUTO || format > RA_FORMAT_MP3)
        return api_fail(engine, RA_ERR_ARG, "unknown audio format %d", (int)format);
    encoded_sink es = { engine, NULL, format, NULL, 0 };
    return encode(engine, text, len, &es, data, size, hooks);
}

RA_API ra_status ra_synth_to_memory(ra_engine *engine, const char *text, size_t len, ra_format format,
                                    void **data, size_t *size)
{
    return ra_synth_to_memory_with(engine, text, len, format, data, size, NULL);
}
