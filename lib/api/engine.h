/* The engine object and the error reporting shared by the public entry points. */
#ifndef RA_ENGINE_H
#define RA_ENGINE_H

#include "norm.h"
#include "readarticle.h"
#include "segment.h"
#include "pool.h"
#include "text.h"
#include "html.h"
#include "pagecheck.h"
#include "voice.h"

struct ra_engine {
    voice_profile voice;   /* with the options' rate and pitch applied */
    normcfg ncfg;
    ra_progress_fn progress;
    void *progress_user;
    ra_event_fn on_event;
    void *event_user;
    speech_pool *pool;
    ulexicon *ulex;        /* also referenced by ncfg */
    int input_format;      /* ra_input_format */
    char *selector;        /* HTML: the article element, or NULL */
    int whole_page;        /* HTML: read every visible text */
    unsigned max_duration_ms, timeout_ms; /* per synthesis; 0 = none */
    char encoding[16];     /* text input: "" (auto), utf-8, utf-16, cp1258, tcvn3, vni, viscii */
    int strict;            /* input exactly as declared: nothing replaced, detected or repaired */
    unsigned jobs;         /* workers one synthesis may use at once (the pool's size) */
    int out_rate;          /* encoded audio's sample rate; 0 = the format's default */
    int quality;           /* lossy formats: 0..10, -1 = the encoder's default */
};

/* Records a failure for ra_errmsg (per thread) and returns st. */
ra_status api_fail(const ra_engine *e, ra_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Forgets the calling thread's message and warning at the start of a call. */
void api_clear(const ra_engine *e);
/* Records what the call had to guess or repair, for ra_warning (per thread). */
void api_warn(const ra_engine *e, const char *msg);

/* The input as cleaned text and its sentences. */
typedef struct {
    rtext text;
    sentlist sents;
    unsigned *flags;   /* per sentence: NORM_* flags from the text around it */
    const char *input; /* the caller's text, for source spans */
    size_t input_len;
} document;

ra_status doc_prepare(const ra_engine *e, const char *in, size_t len, document *d);
/* The same, also gathering the accessibility check's notes on an HTML page's article. */
ra_status doc_prepare_noted(const ra_engine *e, const char *in, size_t len, document *d, pagenotes *notes);
/* The cleaned text alone (for an HTML page, its article), mapped to in. */
ra_status doc_text(const ra_engine *e, const char *in, size_t len, rtext *t);
ra_status doc_text_noted(const ra_engine *e, const char *in, size_t len, rtext *t, pagenotes *notes);
void doc_free(document *d);

/* Where synthesized audio goes: begin is told the sample rate before the first block, and is
 * not called at all when there is nothing to read. */
typedef struct {
    ra_status (*begin)(void *user, int rate);
    int (*pcm)(void *user, const int16_t *samples, size_t n);
    void *user;
} audio_sink;

/* One call's callbacks (ra_hooks without its version field). */
typedef struct {
    ra_event_fn on_event;
    void *event_user;
    ra_progress_fn progress;
    void *progress_user;
} call_hooks;

/* Reads text into sink, sentence by sentence. RA_ERR_EMPTY when nothing was speakable. */
ra_status api_speak(ra_engine *e, const char *text, size_t len, const audio_sink *sink, const call_hooks *hooks);

/* The callbacks of one call: its own hooks (checked), or the engine's when hooks is NULL. */
ra_status api_hooks(const ra_engine *e, const ra_hooks *hooks, call_hooks *out);

#endif
