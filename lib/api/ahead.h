/* Sentences spoken ahead: with more than one worker for a call, helper threads normalize, gate
 * and synthesize the sentences that follow the one being delivered, at most a window of them,
 * so that one long text uses several cores while its audio still leaves in order. */
#ifndef RA_AHEAD_H
#define RA_AHEAD_H

#include "engine.h"
#include "utter.h"

/* A sentence ready to be spoken or delivered. */
typedef struct {
    rbuf spoken;           /* its spoken form */
    normspans spans;
    utterance u;           /* gated and cut into chunks */
    speech_result *chunk;  /* spoken ahead: one answer per chunk (u.ncut), else NULL */
    ra_status st;          /* spoken ahead: how it went (RA_ERR_ABORTED when called off) */
    char err[256];
} prepared;

/* Normalizes and gates sentence i of d into p (whose buffers may be reused). 0, or -1 when
 * memory ran out. */
int prepare_sentence(const ra_engine *e, const document *d, size_t i, prepared *p);
void prepared_free(prepared *p);

typedef struct ahead ahead;

/* Starts jobs helper threads for d, one per worker, while the caller's thread delivers (none
 * when jobs < 2 or d has one sentence: *out is then NULL). RA_ERR_NOMEM when memory ran out. */
ra_status ahead_start(ahead **out, ra_engine *e, const document *d, unsigned jobs);
/* Sentence i spoken by a helper, waiting for it (stop(user) is asked every CANCEL_POLL_MS;
 * non-zero gives up: NULL with *stopped set); NULL when no helper has taken it yet: the caller
 * then speaks it itself. Sentences are taken in order, each once. */
prepared *ahead_take(ahead *a, size_t i, int (*stop)(void *), void *user, int *stopped);
/* Sentence i (taken) has been delivered: the window moves on. */
void ahead_done(ahead *a, size_t i);
/* Calls off what the helpers are doing, waits for them and frees everything. Accepts NULL. */
void ahead_end(ahead *a);

#endif
