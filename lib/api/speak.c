/* Reading a text aloud: sentences normalized, gated, spoken chunk by chunk by the engine's
 * workers and handed to a sink as each chunk comes back, with the voice's pauses between them
 * and the timings of every sentence and word. No worker is held while the sink or a callback
 * runs. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ahead.h"
#include "engine.h"

#define SILENCE_BLOCK 1024

typedef struct {
    const audio_sink *sink;
    int begun;         /* the sink was told the rate: something was spoken */
    int stopped;       /* the sink asked to stop */
    size_t samples;    /* handed to the sink so far: the output timeline */
    int rate;
    int pause_owed;    /* milliseconds of silence before the next spoken sentence */
    call_hooks hooks;
    speech_result res; /* one request's answer, reused */
    prepared own;      /* a sentence the calling thread speaks itself, reused */
    ahead *ahead;      /* helpers speaking later sentences, or NULL */
    size_t max_samples;  /* the duration limit in samples; SIZE_MAX for none */
    struct timespec deadline;
    int timed;           /* a deadline is set */
    int limited;         /* a limit stopped the call */
    size_t done, total;  /* progress so far, for calls made while a worker speaks */
} speak_state;

static int past(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > t->tv_sec || (now.tv_sec == t->tv_sec && now.tv_nsec >= t->tv_nsec);
}

/* Which limit stopped the call, as its error. */
static ra_status limit_failure(ra_engine *e, const speak_state *s)
{
    if (s->timed && past(&s->deadline))
        return api_fail(e, RA_ERR_LIMIT, "the synthesis ran longer than its time limit (%u ms)", e->timeout_ms);
    return api_fail(e, RA_ERR_LIMIT, "the audio would be longer than its limit (%u ms)", e->max_duration_ms);
}

/* Hands a block to the sink, as far as the limits allow. */
static int forward_pcm(speak_state *s, const int16_t *pcm, size_t n)
{
    if (n == 0 || s->stopped)
        return s->stopped;
    if ((s->timed && past(&s->deadline)) || s->samples >= s->max_samples) {
        s->limited = s->stopped = 1;
        return 1;
    }
    int over = n > s->max_samples - s->samples;
    if (over)
        n = s->max_samples - s->samples; /* the audio up to the limit, then the call fails */
    if (s->sink->pcm(s->sink->user, pcm, n) != 0)
        s->stopped = 1;
    s->samples += n;
    if (over)
        s->limited = s->stopped = 1;
    return s->stopped;
}

static void silence(speak_state *s, int ms)
{
    static const int16_t zeros[SILENCE_BLOCK];
    size_t left = (size_t)s->rate * (size_t)ms / 1000;
    while (left > 0 && !s->stopped) {
        size_t k = left < SILENCE_BLOCK ? left : SILENCE_BLOCK;
        forward_pcm(s, zeros, k);
        left -= k;
    }
}

static int pause_ms(const voice_profile *v, brk_kind brk)
{
    switch (brk) {
    case BRK_HEADING: return v->pause_heading;
    case BRK_PARAGRAPH: return v->pause_paragraph;
    case BRK_LIST: return v->pause_list;
    case BRK_NONE: return 0;
    default: return v->pause_sentence;
    }
}

static ra_break break_after(brk_kind brk)
{
    switch (brk) {
    case BRK_HEADING: return RA_BREAK_HEADING;
    case BRK_PARAGRAPH: return RA_BREAK_PARAGRAPH;
    case BRK_LIST: return RA_BREAK_LIST;
    case BRK_NONE: return RA_BREAK_NONE;
    default: return RA_BREAK_SENTENCE;
    }
}

/* One sentence on its way through the workers: where each of its words started. */
typedef struct {
    const utterance *u;
    size_t start;       /* output sample where the sentence's audio starts */
    size_t *word_start; /* per word: output sample, or SIZE_MAX before its event */
} sentence_run;

/* The first audio of the call opens the sink; the first of a sentence pays the pause owed. */
static ra_status before_audio(speak_state *s, sentence_run *run, size_t chunk, int rate)
{
    if (!s->begun) {
        s->rate = rate;
        ra_status st = s->sink->begin ? s->sink->begin(s->sink->user, s->rate) : RA_OK;
        if (st != RA_OK)
            return st;
        s->begun = 1;
    }
    if (chunk == 0) {
        silence(s, s->pause_owed);
        s->pause_owed = 0;
        run->start = s->samples;
    }
    return RA_OK;
}

/* Hands one chunk's answer to the sink and places its words on the output timeline. */
static void deliver_chunk(speak_state *s, sentence_run *run, const speech_result *r, size_t chunk_cp)
{
    size_t at = s->samples;
    for (size_t k = 0; run->word_start && k < r->nwords; k++) {
        size_t w = utter_word_at(run->u, chunk_cp + r->words[k].pos);
        if (w < run->u->nw && run->word_start[w] == SIZE_MAX)
            run->word_start[w] = at + (size_t)r->words[k].ms * (size_t)s->rate / 1000;
    }
    forward_pcm(s, r->pcm, r->n);
}

/* Asked while a worker speaks: the deadline, and the progress callback with the figures of the
 * sentence being spoken (so that a caller's "stop" takes effect mid-sentence). */
static int should_stop(void *user)
{
    speak_state *s = user;
    if (s->timed && past(&s->deadline))
        return s->limited = 1;
    const call_hooks *h = &s->hooks;
    return h->progress && h->progress(h->progress_user, s->done, s->total) != 0;
}

static ra_status stopped_by_caller(ra_engine *e, const speak_state *s)
{
    return s->limited ? limit_failure(e, s) : api_fail(e, RA_ERR_ABORTED, "stopped by the progress callback");
}

/* Speaks the sentence chunk by chunk (or hands over the chunks a helper spoke ahead). */
static ra_status speak_chunks(ra_engine *e, const prepared *p, speak_state *s, sentence_run *run)
{
    const utterance *u = &p->u;
    for (size_t k = 0; k < u->ncut && !s->stopped; k++) {
        const speech_result *r = &s->res;
        if (p->chunk) {
            r = &p->chunk[k];
        } else {
            size_t from = u->cut[k].byte, to = u->cut[k + 1].byte;
            char err[256] = "";
            worker_cancel cancel = { should_stop, s };
            ra_status st = speech_say(e->pool, u->text.p + from, to - from, &s->res, &cancel, err, sizeof err);
            if (st == RA_ERR_ABORTED)
                return stopped_by_caller(e, s);
            if (st != RA_OK)
                return api_fail(e, st, "%s", err);
        }
        ra_status st = before_audio(s, run, k, r->rate);
        if (st != RA_OK)
            return st;
        deliver_chunk(s, run, r, u->cut[k].cp);
    }
    return RA_OK;
}

static int emit_event(const call_hooks *h, const document *d, ra_event_kind kind, size_t from, size_t to,
                      size_t s0, size_t s1, const char *spoken, int rate, ra_break ends)
{
    ra_event ev;
    ev.kind = kind;
    ev.ends = ends;
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

/* The sentence event, then one event per word: a word lasts until the next one starts.
 * Returns 0, 1 when the callback asked to stop, -1 when memory ran out. */
static int emit_timings(const speak_state *st, const document *d, const sentence *s, const prepared *p,
                        size_t *ws, size_t s0, size_t s1)
{
    const call_hooks *h = &st->hooks;
    const rbuf *spoken = &p->spoken;
    const utterance *u = &p->u;
    int r = emit_event(h, d, RA_EVENT_SENTENCE, s->start, s->end, s0, s1, spoken->p ? spoken->p : "", st->rate,
                       break_after(s->brk));
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
                                  ws[w], end, word.p, st->rate, RA_BREAK_NONE);
    }
    rbuf_free(&word);
    return r;
}

/* What a sentence's speaking and events came to, as the call's status. */
static ra_status sentence_status(ra_engine *e, const speak_state *s, ra_status spoke, int events)
{
    if (spoke != RA_OK)
        return spoke;
    if (events < 0)
        return api_fail(e, RA_ERR_NOMEM, "out of memory");
    if (events)
        return api_fail(e, RA_ERR_ABORTED, "stopped by the event callback");
    if (s->limited)
        return limit_failure(e, s);
    if (s->stopped)
        return api_fail(e, RA_ERR_ABORTED, "stopped by the audio sink");
    return RA_OK;
}

/* Sentence i ready to speak: spoken ahead by a helper, or prepared here. NULL on failure (the
 * error is recorded). */
static const prepared *sentence_ready(ra_engine *e, const document *d, size_t i, speak_state *s, ra_status *st)
{
    int stopped;
    const prepared *p = ahead_take(s->ahead, i, should_stop, s, &stopped);
    if (stopped) {
        *st = stopped_by_caller(e, s);
        return NULL;
    }
    if (p && p->st != RA_OK) {
        *st = p->st == RA_ERR_NOMEM ? api_fail(e, RA_ERR_NOMEM, "out of memory") : api_fail(e, p->st, "%s", p->err);
        return NULL;
    }
    if (!p && prepare_sentence(e, d, i, &s->own) != 0) {
        *st = api_fail(e, RA_ERR_NOMEM, "out of memory");
        return NULL;
    }
    *st = RA_OK;
    return p ? p : &s->own;
}

/* Speaks sentence i of d: normalize, gate, synthesize, timings; its pause is owed to the next. */
static ra_status speak_sentence(ra_engine *e, const document *d, size_t i, speak_state *s)
{
    const sentence *sn = &d->sents.v[i];
    ra_status st;
    const prepared *p = sentence_ready(e, d, i, s, &st);
    if (!p)
        return st;
    const utterance *u = &p->u;
    sentence_run run = { u, s->samples, NULL };
    if (s->hooks.on_event && u->nw && !(run.word_start = malloc(u->nw * sizeof *run.word_start)))
        return api_fail(e, RA_ERR_NOMEM, "out of memory");
    for (size_t w = 0; run.word_start && w < u->nw; w++)
        run.word_start[w] = SIZE_MAX;
    int silent = u->text.len == 0; /* 中文。: nothing espeak-ng could say, so no events, no pause */
    st = silent ? RA_OK : speak_chunks(e, p, s, &run);
    int events = st == RA_OK && !silent && !s->stopped && s->hooks.on_event
                     ? emit_timings(s, d, sn, p, run.word_start, run.start, s->samples)
                     : 0;
    free(run.word_start);
    ahead_done(s->ahead, i);
    if (!silent)
        s->pause_owed = pause_ms(&e->voice, sn->brk);
    return sentence_status(e, s, st, events);
}

static ra_status report_progress(ra_engine *e, const speak_state *s, const document *d, size_t i)
{
    const call_hooks *h = &s->hooks;
    size_t done = i + 1 == d->sents.n ? d->input_len : rtext_src(&d->text, d->sents.v[i].end);
    if (h->progress && h->progress(h->progress_user, done, d->input_len) != 0)
        return api_fail(e, RA_ERR_ABORTED, "stopped by the progress callback");
    return RA_OK;
}

static void set_limits(const ra_engine *e, speak_state *s)
{
    s->max_samples = e->max_duration_ms ? (size_t)((uint64_t)e->max_duration_ms * 22050u / 1000u) : SIZE_MAX;
    if (!e->timeout_ms)
        return;
    clock_gettime(CLOCK_MONOTONIC, &s->deadline);
    s->deadline.tv_sec += (time_t)(e->timeout_ms / 1000);
    s->deadline.tv_nsec += (long)(e->timeout_ms % 1000) * 1000000L;
    if (s->deadline.tv_nsec >= 1000000000L) {
        s->deadline.tv_sec++;
        s->deadline.tv_nsec -= 1000000000L;
    }
    s->timed = 1;
}

ra_status api_speak(ra_engine *e, const char *text, size_t len, const audio_sink *sink, const call_hooks *hooks)
{
    document d;
    ra_status st = doc_prepare(e, text, len, &d);
    if (st != RA_OK)
        return st;
    speak_state s;
    memset(&s, 0, sizeof s);
    s.sink = sink;
    s.hooks = *hooks;
    set_limits(e, &s);
    s.total = d.input_len;
    if ((st = ahead_start(&s.ahead, e, &d, e->jobs)) != RA_OK)
        st = api_fail(e, st, "out of memory");
    for (size_t i = 0; st == RA_OK && i < d.sents.n; i++) {
        s.done = i ? rtext_src(&d.text, d.sents.v[i - 1].end) : 0;
        st = speak_sentence(e, &d, i, &s);
        if (st == RA_OK)
            st = report_progress(e, &s, &d, i);
    }
    if (st == RA_OK && !s.begun)
        st = api_fail(e, RA_ERR_EMPTY, "nothing to read: the text has no words to speak");
    ahead_end(s.ahead);
    speech_result_free(&s.res);
    prepared_free(&s.own);
    doc_free(&d);
    return st;
}
