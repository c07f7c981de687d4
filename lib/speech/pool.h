/* The speech workers of one engine: espeak-ng in processes of their own, started on demand,
 * reused across calls and replaced when one fails. */
#ifndef RA_POOL_H
#define RA_POOL_H

#include <stddef.h>
#include <stdint.h>

#include "readarticle.h"
#include "proc.h"
#include "voice.h"

#define POOL_MAX 64 /* workers per engine at most */

typedef struct speech_pool speech_pool;

typedef struct {
    size_t pos;  /* code point where a word starts, 0-based, in the text of the request */
    unsigned ms; /* where its audio starts, from the start of the request's audio */
} speech_word;

/* What one request produced. The buffers are reused from request to request. */
typedef struct {
    int16_t *pcm;
    size_t n, cap;
    speech_word *words;
    size_t nwords, wcap;
    int rate; /* samples per second */
} speech_result;

/* A pool of at most max workers speaking with voice v, under lim. No process starts here. */
ra_status speech_pool_new(speech_pool **out, unsigned max, const voice_profile *v, const worker_limits *lim);
/* Stops every worker and reaps it. No request may be running. Accepts NULL. */
void speech_pool_free(speech_pool *p);

/* Speaks gated text[0..n) on an idle worker (starting one if the pool has room, else waiting
 * for one) and returns with the worker released: no worker is held, and no lock, when the
 * caller goes on to its callbacks. A worker that dies, hangs past the timeout or answers
 * nonsense is stopped and forgotten, and the request fails with RA_ERR_SYNTH; the next request
 * starts a fresh one. err receives a message on failure. */
ra_status speech_say(speech_pool *p, const char *text, size_t n, speech_result *r, const worker_cancel *cancel,
                     char *err, size_t errcap);

void speech_result_free(speech_result *r);

#endif
