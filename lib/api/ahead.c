/* Helper threads that speak sentences ahead of delivery, in a bounded window. */
#define _POSIX_C_SOURCE 200809L
#include "ahead.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define WINDOW_PER_JOB 2 /* sentences in flight or waiting per worker: memory stays bounded */

enum { SLOT_FREE = 0, SLOT_BUSY, SLOT_READY };

typedef struct {
    size_t sentence; /* which sentence the slot holds */
    int state;
    prepared p;
} slot;

struct ahead {
    ra_engine *e;
    const document *d;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    slot *slots;           /* ring of `window` slots, by sentence index */
    size_t window;
    size_t next;           /* the next sentence nobody has claimed */
    size_t delivered;      /* sentences before this one are delivered */
    atomic_int called_off;
    pthread_t *threads;
    size_t nthreads;
};

int prepare_sentence(const ra_engine *e, const document *d, size_t i, prepared *p)
{
    const sentence *sn = &d->sents.v[i];
    utter_free(&p->u);
    p->spoken.len = 0;
    p->spans.n = 0;
    if (norm_sentence(&e->ncfg, d->flags[i], d->text.s + sn->start, sn->end - sn->start, &p->spoken, &p->spans) ||
        utter_build(&p->u, p->spoken.p ? p->spoken.p : "", p->spoken.len, &p->spans) != 0)
        return -1;
    return 0;
}

static void free_chunks(prepared *p)
{
    for (size_t k = 0; p->chunk && k < p->u.ncut; k++)
        speech_result_free(&p->chunk[k]);
    free(p->chunk);
    p->chunk = NULL;
}

void prepared_free(prepared *p)
{
    free_chunks(p);
    utter_free(&p->u);
    rbuf_free(&p->spoken);
    normspans_free(&p->spans);
}

static int called_off(void *user)
{
    return atomic_load(&((ahead *)user)->called_off);
}

/* What a helper does with sentence i: prepare it and speak every chunk into p->chunk. */
static void speak_ahead(ahead *a, size_t i, prepared *p)
{
    p->st = RA_OK;
    p->err[0] = '\0';
    if (prepare_sentence(a->e, a->d, i, p) != 0 ||
        (p->u.ncut && !(p->chunk = calloc(p->u.ncut, sizeof *p->chunk)))) {
        p->st = RA_ERR_NOMEM;
        return;
    }
    worker_cancel cancel = { called_off, a };
    for (size_t k = 0; k < p->u.ncut && p->u.text.len && p->st == RA_OK; k++) {
        const char *t = p->u.text.p + p->u.cut[k].byte;
        size_t n = p->u.cut[k + 1].byte - p->u.cut[k].byte;
        p->st = speech_say(a->e->pool, t, n, &p->chunk[k], &cancel, p->err, sizeof p->err);
    }
}

/* Claims the next sentence within the window, or returns 0 when there is none (yet). */
static int claim(ahead *a, size_t *i)
{
    if (a->next >= a->d->sents.n || a->next >= a->delivered + a->window)
        return 0;
    *i = a->next++;
    slot *s = &a->slots[*i % a->window];
    s->sentence = *i;
    s->state = SLOT_BUSY;
    return 1;
}

static void *helper(void *user)
{
    ahead *a = user;
    pthread_mutex_lock(&a->lock);
    while (!atomic_load(&a->called_off)) {
        size_t i;
        if (!claim(a, &i)) {
            if (a->next >= a->d->sents.n)
                break;
            pthread_cond_wait(&a->changed, &a->lock);
            continue;
        }
        slot *s = &a->slots[i % a->window];
        pthread_mutex_unlock(&a->lock);
        speak_ahead(a, i, &s->p);
        pthread_mutex_lock(&a->lock);
        s->state = SLOT_READY;
        pthread_cond_broadcast(&a->changed);
    }
    pthread_mutex_unlock(&a->lock);
    return NULL;
}

static void deadline_in(struct timespec *t, unsigned ms)
{
    clock_gettime(CLOCK_REALTIME, t);
    t->tv_nsec += (long)ms * 1000000L;
    t->tv_sec += t->tv_nsec / 1000000000L;
    t->tv_nsec %= 1000000000L;
}

prepared *ahead_take(ahead *a, size_t i, int (*stop)(void *), void *user, int *stopped)
{
    *stopped = 0;
    if (!a)
        return NULL;
    pthread_mutex_lock(&a->lock);
    slot *s = &a->slots[i % a->window];
    if (a->next <= i) { /* nobody has it: the caller speaks it (claimed so no helper will) */
        a->next = i + 1;
        s->sentence = i;
        s->state = SLOT_FREE;
        pthread_cond_broadcast(&a->changed);
        pthread_mutex_unlock(&a->lock);
        return NULL;
    }
    while (s->state == SLOT_BUSY && !*stopped) {
        struct timespec t;
        deadline_in(&t, CANCEL_POLL_MS);
        pthread_cond_timedwait(&a->changed, &a->lock, &t);
        if (s->state == SLOT_BUSY && stop(user))
            *stopped = 1;
    }
    pthread_mutex_unlock(&a->lock);
    return *stopped || s->state != SLOT_READY ? NULL : &s->p;
}

void ahead_done(ahead *a, size_t i)
{
    if (!a)
        return;
    pthread_mutex_lock(&a->lock);
    slot *s = &a->slots[i % a->window];
    free_chunks(&s->p);
    s->state = SLOT_FREE;
    a->delivered = i + 1;
    pthread_cond_broadcast(&a->changed);
    pthread_mutex_unlock(&a->lock);
}

void ahead_end(ahead *a)
{
    if (!a)
        return;
    pthread_mutex_lock(&a->lock);
    atomic_store(&a->called_off, 1);
    pthread_cond_broadcast(&a->changed);
    pthread_mutex_unlock(&a->lock);
    for (size_t k = 0; k < a->nthreads; k++)
        pthread_join(a->threads[k], NULL);
    for (size_t k = 0; k < a->window; k++)
        prepared_free(&a->slots[k].p);
    pthread_cond_destroy(&a->changed);
    pthread_mutex_destroy(&a->lock);
    free(a->slots);
    free(a->threads);
    free(a);
}

ra_status ahead_start(ahead **out, ra_engine *e, const document *d, unsigned jobs)
{
    *out = NULL;
    if (jobs < 2 || d->sents.n < 2)
        return RA_OK;
    ahead *a = calloc(1, sizeof *a);
    if (!a)
        return RA_ERR_NOMEM;
    a->e = e;
    a->d = d;
    a->window = (size_t)jobs * WINDOW_PER_JOB;
    atomic_init(&a->called_off, 0);
    a->slots = calloc(a->window, sizeof *a->slots);
    a->threads = calloc(jobs, sizeof *a->threads);
    if (!a->slots || !a->threads || pthread_mutex_init(&a->lock, NULL) != 0) {
        free(a->slots);
        free(a->threads);
        free(a);
        return RA_ERR_NOMEM;
    }
    pthread_cond_init(&a->changed, NULL);
    for (; a->nthreads < jobs; a->nthreads++) /* one per worker: the caller only delivers */
        if (pthread_create(&a->threads[a->nthreads], NULL, helper, a) != 0)
            break; /* fewer helpers: still correct, only slower */
    *out = a;
    return RA_OK;
}
