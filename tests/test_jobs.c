/* Several workers for one text, and many callers on one engine: the audio and the timings are
 * those of a serial reading (apart from espeak-ng's own variation of a few samples per
 * sentence), delivered in order, and the first audio still leaves after the first sentence. */
#include "testutil.h"

#include <dirent.h>
#include <math.h>
#include <pthread.h>
#include <unistd.h>

#include "readarticle.h"

#define MAX_WORDS 4096

typedef struct {
    size_t samples;          /* audio received */
    size_t first_block_done; /* progress reported before the first audio (SIZE_MAX: none) */
    size_t progress_done;    /* the last progress report */
    size_t nwords, nsentences;
    double word_start[MAX_WORDS];
    size_t word_byte[MAX_WORDS];
    double last_end;         /* events come in order: each starts no earlier than the last */
    int out_of_order;
} reading;

static int on_pcm(void *user, const int16_t *pcm, size_t n)
{
    (void)pcm;
    reading *r = user;
    if (r->samples == 0)
        r->first_block_done = r->progress_done;
    r->samples += n;
    return 0;
}

static int on_event(void *user, const ra_event *ev)
{
    reading *r = user;
    if (ev->start + 1e-9 < r->last_end && ev->kind == RA_EVENT_SENTENCE)
        r->out_of_order = 1;
    if (ev->kind == RA_EVENT_SENTENCE) {
        r->nsentences++;
        r->last_end = ev->end;
    } else if (r->nwords < MAX_WORDS) {
        r->word_start[r->nwords] = ev->start;
        r->word_byte[r->nwords++] = ev->byte_start;
    }
    return 0;
}

static int on_progress(void *user, size_t done, size_t total)
{
    (void)total;
    ((reading *)user)->progress_done = done;
    return 0;
}

static char *article(size_t *len, int times)
{
    FILE *f = fopen("tests/data/example-article.txt", "rb");
    assert_non_null(f);
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return fill_repeat("", buf, (size_t)times, "", len);
}

static ra_engine *engine_with(unsigned jobs)
{
    ra_options o;
    ra_options_init(&o);
    o.max_instances = jobs;
    ra_engine *e = NULL;
    assert_int_equal(ra_engine_new(&e, &o), RA_OK);
    return e;
}

static void read_with(ra_engine *e, const char *text, size_t len, reading *r)
{
    memset(r, 0, sizeof *r);
    r->first_block_done = SIZE_MAX;
    ra_hooks h;
    ra_hooks_init(&h);
    h.on_event = on_event;
    h.event_user = r;
    h.progress = on_progress;
    h.progress_user = r;
    assert_int_equal(ra_synth_to_sink_with(e, text, len, on_pcm, r, &h), RA_OK);
}

/* Same words at the same source bytes, each starting within 1% of the reading's length (and
 * 0.3 s) of where the serial reading starts it; total length within 1% (and 0.2 s: a worker's
 * espeak-ng varies by a few tens of milliseconds with what it spoke before). */
static void assert_same_reading(const reading *a, const reading *b)
{
    double total = (double)a->samples / 22050;
    if (fabs((double)a->samples - (double)b->samples) > fmax(0.01 * (double)a->samples, 0.2 * 22050))
        fail_msg("%zu samples serially, %zu in parallel", a->samples, b->samples);
    assert_int_equal(a->nsentences, b->nsentences);
    assert_int_equal(a->nwords, b->nwords);
    for (size_t k = 0; k < a->nwords; k++) {
        assert_int_equal(a->word_byte[k], b->word_byte[k]);
        if (fabs(a->word_start[k] - b->word_start[k]) > fmax(0.3, 0.01 * total))
            fail_msg("word %zu (byte %zu) starts at %.3f s serially, %.3f s in parallel", k, a->word_byte[k],
                     a->word_start[k], b->word_start[k]);
    }
    assert_false(b->out_of_order);
}

typedef struct {
    unsigned long *ticks;
    size_t n, cap;
} tick_list;

static void add_ticks(void *user, pid_t pid, const char *fields)
{
    (void)pid;
    tick_list *t = user;
    unsigned long ut, st;
    if (t->n < t->cap && sscanf(fields, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) == 2)
        t->ticks[t->n++] = ut + st;
}

/* CPU ticks used so far by each speech worker of this process (/proc/PID/stat). */
static size_t worker_ticks(unsigned long *ticks, size_t cap)
{
    tick_list t = { ticks, 0, cap };
    each_worker_child(add_ticks, &t);
    return t.n;
}

/* With two workers for one long text, both speak: each does a fair share of the work. */
static void test_jobs_use_every_worker(void **state)
{
    (void)state;
    size_t len;
    char *text = article(&len, 6);
    ra_engine *two = engine_with(2);
    reading *r = calloc(1, sizeof *r);
    read_with(two, text, len, r);
    unsigned long ticks[8];
    size_t n = worker_ticks(ticks, 8);
    assert_int_equal(n, 2);
    unsigned long total = ticks[0] + ticks[1];
    if (total >= 20 && (ticks[0] * 4 < total || ticks[1] * 4 < total))
        fail_msg("the workers used %lu and %lu ticks: one did nearly all the work", ticks[0], ticks[1]);
    free(r);
    ra_engine_free(two);
    free(text);
}

static void test_jobs_read_like_one(void **state)
{
    (void)state;
    size_t len;
    char *text = article(&len, 3);
    ra_engine *one = engine_with(1), *four = engine_with(4);
    reading *serial = calloc(1, sizeof *serial), *parallel = calloc(1, sizeof *parallel);
    read_with(one, text, len, serial);
    read_with(four, text, len, parallel);
    assert_true(serial->nwords > 500 && serial->nsentences > 20);
    assert_same_reading(serial, parallel);
    /* the first audio left before the first progress report: after the first sentence */
    assert_int_equal(parallel->first_block_done, 0);
    free(serial);
    free(parallel);
    ra_engine_free(one);
    ra_engine_free(four);
    free(text);
}

/* A stop request reaches a call whose sentences helpers are speaking ahead: asked once the
 * audio has begun, at the third report after that. */
typedef struct {
    reading *r;
    int calls;
} stopper;

static int stop_at_third(void *user, size_t done, size_t total)
{
    (void)done;
    (void)total;
    stopper *s = user;
    return s->r->samples > 0 && ++s->calls >= 3;
}

static void test_jobs_stop(void **state)
{
    (void)state;
    size_t len;
    char *text = article(&len, 3);
    ra_engine *e = engine_with(4);
    reading r;
    memset(&r, 0, sizeof r);
    stopper stop = { &r, 0 };
    ra_hooks h;
    ra_hooks_init(&h);
    h.progress = stop_at_third;
    h.progress_user = &stop;
    assert_int_equal(ra_synth_to_sink_with(e, text, len, on_pcm, &r, &h), RA_ERR_ABORTED);
    assert_true(r.samples > 0);
    reading whole;
    read_with(e, text, len, &whole); /* the engine is whole after a stop */
    assert_true(r.samples < whole.samples / 2);
    ra_engine_free(e);
    free(text);
}

typedef struct {
    ra_engine *e;
    const char *text[3];
    size_t len[3];
    reading got[3];
} caller;

static void *call_three(void *user)
{
    caller *c = user;
    for (int k = 0; k < 3; k++)
        read_with(c->e, c->text[k], c->len[k], &c->got[k]);
    return NULL;
}

/* Four threads, three texts each, one engine of three workers: every result is the serial one. */
static void test_many_callers(void **state)
{
    (void)state;
    size_t len[3];
    char *texts[3] = { article(&len[0], 1), article(&len[1], 2), NULL };
    texts[2] = strdup("Sáng 16/01/2025, UBND huyện họp. Tỷ lệ đạt 97,8%. Ông Nguyễn Văn A phát biểu.");
    len[2] = strlen(texts[2]);
    ra_engine *e = engine_with(3);
    reading *serial = calloc(3, sizeof *serial);
    for (int k = 0; k < 3; k++)
        read_with(e, texts[k], len[k], &serial[k]);
    caller *c = calloc(4, sizeof *c);
    pthread_t th[4];
    for (int i = 0; i < 4; i++) {
        c[i].e = e;
        for (int k = 0; k < 3; k++) { /* each thread its own order */
            c[i].text[k] = texts[(k + i) % 3];
            c[i].len[k] = len[(k + i) % 3];
        }
        assert_int_equal(pthread_create(&th[i], NULL, call_three, &c[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        for (int k = 0; k < 3; k++)
            assert_same_reading(&serial[(k + i) % 3], &c[i].got[k]);
    }
    free(c);
    free(serial);
    ra_engine_free(e);
    for (int k = 0; k < 3; k++)
        free(texts[k]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jobs_read_like_one),
        cmocka_unit_test(test_jobs_use_every_worker),
        cmocka_unit_test(test_jobs_stop),
        cmocka_unit_test(test_many_callers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
