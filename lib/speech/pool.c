/* The worker pool: a request takes an idle worker (or starts one), speaks one chunk of text,
 * collects its audio and word positions, and gives the worker back before returning. */
#define _GNU_SOURCE
#include "pool.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wire.h"

enum { SLOT_EMPTY, SLOT_IDLE, SLOT_BUSY };

/* One request is a chunk of a sentence (a few hundred bytes of text): an hour of audio for it
 * can only be a runaway worker. */
#define REQUEST_MAX_SAMPLES ((size_t)22050 * 3600)

struct speech_pool {
    pthread_mutex_t mu;
    pthread_cond_t idle;
    voice_profile voice;
    worker_limits lim;
    unsigned max;
    worker_proc w[POOL_MAX];
    unsigned char state[POOL_MAX];
    int rate[POOL_MAX]; /* each worker's sample rate; read and written by the slot's holder */
    pid_t owner;        /* the process the workers belong to: a fork()ed child starts anew */
    char path[PATH_MAX]; /* the worker executable, found on first use */
};

ra_status speech_pool_new(speech_pool **out, unsigned max, const voice_profile *v, const worker_limits *lim)
{
    speech_pool *p = calloc(1, sizeof *p);
    if (!p)
        return RA_ERR_NOMEM;
    if (pthread_mutex_init(&p->mu, NULL) != 0) {
        free(p);
        return RA_ERR_NOMEM;
    }
    if (pthread_cond_init(&p->idle, NULL) != 0) {
        pthread_mutex_destroy(&p->mu);
        free(p);
        return RA_ERR_NOMEM;
    }
    p->voice = *v;
    p->lim = *lim;
    p->max = max < 1 ? 1 : max > POOL_MAX ? POOL_MAX : max;
    p->owner = getpid();
    for (unsigned i = 0; i < POOL_MAX; i++)
        p->w[i].fd = -1;
    *out = p;
    return RA_OK;
}

void speech_pool_free(speech_pool *p)
{
    if (!p)
        return;
    worker_stop_all(p->w, p->max);
    pthread_cond_destroy(&p->idle);
    pthread_mutex_destroy(&p->mu);
    free(p);
}

/* A transport failure: the worker is stopped; err says why. */
static ra_status broken(speech_pool *p, worker_proc *w, const char *doing, char *err, size_t errcap)
{
    char why[160];
    if (errno == ETIMEDOUT || errno == EPROTO) {
        int hung = errno == ETIMEDOUT;
        worker_stop(w, 1);
        if (hung)
            snprintf(why, sizeof why, "the speech worker did not answer within %u ms and was stopped",
                     p->lim.timeout_ms);
        else
            snprintf(why, sizeof why, "the speech worker sent a malformed answer and was stopped");
    } else {
        worker_describe_end(w, why, sizeof why);
    }
    snprintf(err, errcap, "%s %s", why, doing);
    return RA_ERR_SYNTH;
}

/* Reads a status payload (u32 status, message) of len bytes. */
static ra_status read_status(speech_pool *p, worker_proc *w, uint32_t len, char *msg, size_t cap, int *io_failed)
{
    unsigned char buf[300];
    uint32_t status = RA_ERR_SYNTH;
    *io_failed = len < 4 || len > sizeof buf || worker_recv(w, buf, len, p->lim.timeout_ms) != 0;
    if (*io_failed)
        return RA_ERR_SYNTH;
    memcpy(&status, buf, 4);
    snprintf(msg, cap, "%.*s", (int)(len - 4), (const char *)buf + 4);
    return status <= RA_ERR_LEXICON ? (ra_status)status : RA_ERR_SYNTH;
}

/* Introduces the engine's voice to a new worker and learns the sample rate. */
static ra_status hello(speech_pool *p, worker_proc *w, int *hz, char *err, size_t errcap)
{
    const voice_profile *v = &p->voice;
    unsigned char msg[WIRE_HELLO_FIXED + sizeof v->espeak];
    uint32_t version = WIRE_VERSION;
    int32_t rate = v->rate, pitch = v->pitch;
    size_t name = strlen(v->espeak);
    memcpy(msg, &version, 4);
    memcpy(msg + 4, &rate, 4);
    memcpy(msg + 8, &pitch, 4);
    memcpy(msg + WIRE_HELLO_FIXED, v->espeak, name);
    wire_head h;
    if (worker_send(w, WIRE_HELLO, msg, WIRE_HELLO_FIXED + name) != 0 ||
        worker_recv(w, &h, sizeof h, p->lim.timeout_ms) != 0)
        return broken(p, w, "while starting", err, errcap);
    if (h.type == WIRE_FAIL) {
        int io_failed;
        ra_status st = read_status(p, w, h.len, err, errcap, &io_failed);
        worker_stop(w, 0);
        return io_failed ? RA_ERR_SYNTH : st;
    }
    uint32_t ready[2];
    if (h.type != WIRE_READY || h.len != sizeof ready || worker_recv(w, ready, sizeof ready, p->lim.timeout_ms) != 0 ||
        ready[0] != WIRE_VERSION || ready[1] == 0) {
        worker_stop(w, 1);
        snprintf(err, errcap, "the speech worker %s does not speak this library's protocol", p->path);
        return RA_ERR_SYNTH;
    }
    *hz = (int)ready[1];
    return RA_OK;
}

static ra_status start_slot(speech_pool *p, unsigned i, char *err, size_t errcap)
{
    ra_status st = worker_start(&p->w[i], p->path, &p->lim, err, errcap);
    return st == RA_OK ? hello(p, &p->w[i], &p->rate[i], err, errcap) : st;
}

/* In a child of fork(), every slot is the parent's, busy ones too: forget them all. */
static void adopt_after_fork(speech_pool *p)
{
    pid_t me = getpid();
    if (p->owner == me)
        return;
    for (unsigned i = 0; i < p->max; i++) {
        worker_let_go(&p->w[i]);
        p->state[i] = SLOT_EMPTY;
    }
    p->owner = me;
}

/* Takes an idle live worker, or starts one in an empty slot, or waits. */
static ra_status acquire(speech_pool *p, unsigned *slot, char *err, size_t errcap)
{
    pthread_mutex_lock(&p->mu);
    adopt_after_fork(p);
    ra_status st = p->path[0] ? RA_OK : worker_find(p->path, sizeof p->path, err, errcap);
    while (st == RA_OK) {
        unsigned empty = p->max;
        for (unsigned i = 0; i < p->max; i++) {
            if (p->state[i] == SLOT_IDLE && !worker_alive(&p->w[i])) {
                worker_stop(&p->w[i], 1); /* died while idle, or belongs to the parent of a fork */
                p->state[i] = SLOT_EMPTY;
            }
            if (p->state[i] == SLOT_IDLE) {
                p->state[i] = SLOT_BUSY;
                *slot = i;
                pthread_mutex_unlock(&p->mu);
                return RA_OK;
            }
            if (p->state[i] == SLOT_EMPTY && empty == p->max)
                empty = i;
        }
        if (empty < p->max) {
            p->state[empty] = SLOT_BUSY;
            pthread_mutex_unlock(&p->mu); /* starting takes milliseconds: not under the lock */
            st = start_slot(p, empty, err, errcap);
            pthread_mutex_lock(&p->mu);
            if (st == RA_OK)
                *slot = empty;
            else
                p->state[empty] = SLOT_EMPTY;
            pthread_cond_broadcast(&p->idle);
            break;
        }
        pthread_cond_wait(&p->idle, &p->mu);
    }
    pthread_mutex_unlock(&p->mu);
    return st;
}

static void release(speech_pool *p, unsigned slot, int alive)
{
    pthread_mutex_lock(&p->mu);
    p->state[slot] = alive ? SLOT_IDLE : SLOT_EMPTY;
    pthread_cond_signal(&p->idle);
    pthread_mutex_unlock(&p->mu);
}

static int grow(void **v, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 4096;
    while (c < need)
        c *= 2;
    void *q = realloc(*v, c * elem);
    if (!q)
        return -1;
    *v = q;
    *cap = c;
    return 0;
}

/* Reads one PCM or WORDS payload into r. Returns 0, -1 (transport), -2 (out of memory). A
 * worker is not trusted with sizes: a message over WIRE_MAX, or more audio for one request
 * than REQUEST_MAX_SAMPLES, is a malformed answer. */
static int take_payload(speech_pool *p, worker_proc *w, const wire_head *h, speech_result *r)
{
    if (h->type == WIRE_PCM) {
        size_t k = h->len / 2;
        if (h->len > WIRE_MAX || r->n + k > REQUEST_MAX_SAMPLES)
            return errno = EPROTO, -1;
        if (h->len % 2 || grow((void **)&r->pcm, &r->cap, r->n + k, sizeof *r->pcm) != 0)
            return h->len % 2 ? (errno = EPROTO, -1) : -2;
        if (worker_recv(w, r->pcm + r->n, h->len, p->lim.timeout_ms) != 0)
            return -1;
        r->n += k;
        return 0;
    }
    uint32_t pairs[2 * 256];
    if (h->len % 8 || h->len > sizeof pairs)
        return errno = EPROTO, -1;
    if (worker_recv(w, pairs, h->len, p->lim.timeout_ms) != 0)
        return -1;
    size_t k = h->len / 8;
    if (grow((void **)&r->words, &r->wcap, r->nwords + k, sizeof *r->words) != 0)
        return -2;
    for (size_t i = 0; i < k; i++)
        r->words[r->nwords++] = (speech_word){ pairs[2 * i], pairs[2 * i + 1] };
    return 0;
}

/* The caller gave up waiting: the worker is mid-sentence, so it goes (a new one starts when
 * needed). */
static ra_status cancelled(worker_proc *w, char *err, size_t errcap)
{
    worker_stop(w, 1);
    snprintf(err, errcap, "stopped while speaking");
    return RA_ERR_ABORTED;
}

/* One SPEAK and its answer. *alive tells whether the worker can be used again. */
static ra_status request(speech_pool *p, worker_proc *w, const char *text, size_t n, speech_result *r, int *alive,
                         char *err, size_t errcap)
{
    *alive = 0;
    if (worker_send(w, WIRE_SPEAK, text, n) != 0)
        return broken(p, w, "before it was given the text", err, errcap);
    for (;;) {
        wire_head h;
        if (worker_recv(w, &h, sizeof h, p->lim.timeout_ms) != 0)
            return errno == ECANCELED ? cancelled(w, err, errcap) : broken(p, w, "while speaking", err, errcap);
        if (h.type == WIRE_DONE) {
            int io_failed;
            ra_status st = read_status(p, w, h.len, err, errcap, &io_failed);
            if (io_failed)
                return broken(p, w, "while finishing", err, errcap);
            *alive = 1;
            return st;
        }
        int k = h.type == WIRE_PCM || h.type == WIRE_WORDS ? take_payload(p, w, &h, r) : (errno = EPROTO, -1);
        if (k == -2) {
            worker_stop(w, 1); /* the rest of its answer is unread */
            snprintf(err, errcap, "out of memory");
            return RA_ERR_NOMEM;
        }
        if (k != 0)
            return errno == ECANCELED ? cancelled(w, err, errcap) : broken(p, w, "while speaking", err, errcap);
    }
}

ra_status speech_say(speech_pool *p, const char *text, size_t n, speech_result *r, const worker_cancel *cancel,
                     char *err, size_t errcap)
{
    r->n = 0;
    r->nwords = 0;
    if (n > WIRE_MAX) {
        snprintf(err, errcap, "a piece of text of %zu bytes is too long to speak", n);
        return RA_ERR_SYNTH;
    }
    unsigned slot = 0; /* set by acquire on success */
    ra_status st = acquire(p, &slot, err, errcap);
    if (st != RA_OK)
        return st;
    int alive;
    p->w[slot].cancel = cancel;
    st = request(p, &p->w[slot], text, n, r, &alive, err, errcap);
    p->w[slot].cancel = NULL;
    r->rate = p->rate[slot];
    release(p, slot, alive);
    return st;
}

void speech_result_free(speech_result *r)
{
    free(r->pcm);
    free(r->words);
    memset(r, 0, sizeof *r);
}
