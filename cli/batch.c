/* Batch rendering of an archive: inputs collected and sorted, split into deterministic shares,
 * rendered by a pool of threads on two engines (text and HTML), each output written whole with
 * a hidden sidecar recording the options that made it. */
#define _XOPEN_SOURCE 700
#include "batch.h"

#include "input.h"

#include <errno.h>
#include <ftw.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "input.h"

typedef struct {
    char *path; /* as opened */
    char *rel;  /* relative to IN (or as listed): the output keeps it */
} entry;

typedef struct {
    entry *v;
    size_t n, cap;
} entries;

enum { DONE, SKIPPED, FAILED };

typedef struct {
    const batch_args *b;
    ra_engine *text, *html;
    entries *list;
    size_t next;                /* the next entry to take */
    size_t count[3];
    double audio_seconds;
    pthread_mutex_t lock;       /* next, count, audio_seconds and the log */
} batch;

static int add_entry(entries *l, const char *path, const char *rel)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        entry *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    entry e = { strdup(path), strdup(rel) };
    if (!e.path || !e.rel) {
        free(e.path);
        free(e.rel);
        return -1;
    }
    l->v[l->n++] = e;
    return 0;
}

static const char *extension(const char *path)
{
    const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
    return dot && (!slash || dot > slash) ? dot : "";
}

static int ext_is(const char *path, const char *const *exts)
{
    const char *x = extension(path);
    for (; *exts; exts++) {
        size_t n = strlen(*exts);
        int same = strlen(x) == n;
        for (size_t i = 0; same && i < n; i++)
            same = (x[i] | 0x20) == (*exts)[i];
        if (same)
            return 1;
    }
    return 0;
}

static const char *const html_exts[] = { ".html", ".htm", ".xhtml", NULL };
static const char *const input_exts[] = { ".txt", ".html", ".htm", ".xhtml", NULL };

/* nftw's callback has no user pointer: the walk in progress. */
static entries *walk_list;
static size_t walk_root;
static int walk_failed;

static int visit(const char *path, const struct stat *st, int flag, struct FTW *f)
{
    (void)st;
    (void)f;
    if (flag == FTW_F && ext_is(path, input_exts) && add_entry(walk_list, path, path + walk_root) != 0)
        return walk_failed = 1;
    return 0;
}

/* A listed path as a relative output path: no leading / or ./, no .. component. NULL if none. */
static const char *relative(const char *p)
{
    while (*p == '/' || (p[0] == '.' && p[1] == '/'))
        p += *p == '/' ? 1 : 2;
    for (const char *c = p; *c; c = strchr(c, '/') ? strchr(c, '/') + 1 : c + strlen(c))
        if (c[0] == '.' && c[1] == '.' && (c[2] == '/' || c[2] == '\0'))
            return NULL;
    return *p ? p : NULL;
}

static int read_list(FILE *f, entries *l)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int bad = 0;
    while (!bad && (n = getline(&line, &cap, f)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        const char *rel = n ? relative(line) : NULL;
        if (n && !rel)
            fprintf(stderr, "readarticle: --batch: '%s' skipped: it would be written outside OUTDIR\n", line);
        else if (n && add_entry(l, line, rel) != 0)
            bad = 1;
    }
    free(line);
    return bad || ferror(f) ? -1 : 0;
}

/* The inputs of IN, sorted by their relative path. */
static int collect(const char *in, entries *l)
{
    struct stat st;
    if (!strcmp(in, "-"))
        return read_list(stdin, l);
    if (stat(in, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        FILE *f = fopen(in, "r");
        int r = f ? read_list(f, l) : -1;
        if (f)
            fclose(f);
        return r;
    }
    walk_list = l;
    walk_root = strlen(in) + (in[strlen(in) - 1] != '/');
    walk_failed = 0;
    return nftw(in, visit, 32, FTW_PHYS) != 0 || walk_failed ? -1 : 0;
}

static int by_rel(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->rel, ((const entry *)b)->rel);
}

/* The share of a relative path: FNV-1a, the same on every machine. */
static unsigned share_of(const char *rel, unsigned shards)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (const unsigned char *p = (const unsigned char *)rel; *p; p++)
        h = (h ^ *p) * 0x100000001b3u;
    return (unsigned)(h % shards);
}

static const char *format_ext(ra_format f)
{
    static const char *const ext[] = { ".wav", ".wav", ".flac", ".ogg", ".mp3", ".opus" };
    return ext[f >= RA_FORMAT_AUTO && f <= RA_FORMAT_OPUS ? f : 0];
}

/* OUTDIR/rel with its extension replaced by ext (malloc'd). */
static char *out_path(const char *outdir, const char *rel, const char *ext)
{
    size_t stem = strlen(rel) - strlen(extension(rel));
    size_t n = strlen(outdir) + 1 + stem + strlen(ext) + 1;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%.*s%s", outdir, (int)stem, rel, ext);
    return p;
}

/* The hidden sidecar beside an output: DIR/.NAME.readarticle (malloc'd). */
static char *sidecar_path(const char *out)
{
    const char *slash = strrchr(out, '/');
    size_t dir = slash ? (size_t)(slash - out) + 1 : 0, n = strlen(out) + 16;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%.*s.%s.readarticle", (int)dir, out, out + dir);
    return p;
}

static int newer_or_same(const struct stat *a, const struct stat *b)
{
    return a->st_mtim.tv_sec > b->st_mtim.tv_sec ||
           (a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec >= b->st_mtim.tv_nsec);
}

/* 1 when out (and its timings) are newer than the input and were made with these options. */
static int up_to_date(const batch_args *b, const char *in, const char *out, const char *tim, const char *side)
{
    struct stat si, so, st;
    if (stat(in, &si) != 0 || stat(out, &so) != 0 || !newer_or_same(&so, &si))
        return 0;
    if (tim && (stat(tim, &st) != 0 || !newer_or_same(&st, &si)))
        return 0;
    FILE *f = fopen(side, "r");
    if (!f)
        return 0;
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return strcmp(buf, b->fingerprint) == 0;
}

/* mkdir -p of the directory part of path. */
static int make_parents(char *path)
{
    for (char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
        *p = '\0';
        int r = mkdir(path, 0777);
        *p = '/';
        if (r != 0 && errno != EEXIST)
            return -1;
    }
    return 0;
}

static int write_sidecar(const char *side, const char *text)
{
    size_t n = strlen(side) + 8;
    char *tmp = malloc(n);
    if (!tmp)
        return -1;
    snprintf(tmp, n, "%s.tmp", side);
    FILE *f = fopen(tmp, "w");
    int ok = f && fputs(text, f) >= 0;
    ok = f && fclose(f) == 0 && ok && rename(tmp, side) == 0;
    if (!ok)
        unlink(tmp);
    free(tmp);
    return ok ? 0 : -1;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    int r = f ? read_all(f, &data, len) : -1;
    if (f)
        fclose(f);
    return r == 0 ? data : NULL;
}

/* One file's events: its audio length, and its timings when asked for. */
typedef struct {
    double end;
    ra_timings *t;
    volatile sig_atomic_t *interrupted;
} file_events;

static int on_event(void *user, const ra_event *ev)
{
    file_events *fe = user;
    if (ev->end > fe->end)
        fe->end = ev->end;
    return fe->t ? ra_timings_collect(fe->t, ev) : 0;
}

static int on_progress(void *user, size_t done, size_t total)
{
    (void)done;
    (void)total;
    return *((file_events *)user)->interrupted != 0;
}

/* Renders one input; returns DONE or FAILED with why in msg. */
static int render(batch *bt, const entry *en, const char *out, const char *tim, char *msg, size_t cap, double *secs)
{
    const batch_args *b = bt->b;
    size_t len = 0;
    char *text = read_file(en->path, &len);
    if (!text)
        return snprintf(msg, cap, "cannot read it: %s", strerror(errno)), FAILED;
    ra_engine *e = ext_is(en->path, html_exts) ? bt->html : bt->text;
    file_events fe = { 0, NULL, b->interrupted };
    ra_hooks h;
    ra_hooks_init(&h);
    h.on_event = on_event;
    h.event_user = &fe;
    h.progress = on_progress;
    h.progress_user = &fe;
    ra_status st = tim ? ra_timings_new(&fe.t, text, len) : RA_OK;
    if (st == RA_OK)
        st = ra_synth_to_file_with(e, text, len, out, b->format, &h);
    if (st == RA_OK && fe.t && (st = ra_timings_write(fe.t, tim, RA_TIMINGS_AUTO)) != RA_OK)
        snprintf(msg, cap, "%s", ra_errmsg(NULL));
    else if (st != RA_OK)
        snprintf(msg, cap, "%s", ra_errmsg(e)[0] ? ra_errmsg(e) : ra_strerror(st));
    else if (ra_warning(e)[0])
        snprintf(msg, cap, "warning: %s", ra_warning(e));
    ra_timings_free(fe.t);
    free(text);
    *secs = fe.end;
    if (st != RA_OK && tim)
        unlink(out); /* an output without the timings asked for is not done */
    return st == RA_OK ? DONE : FAILED;
}

static void log_line(batch *bt, int kind, const entry *en, const char *out, const char *msg, double secs)
{
    static const char *const word[] = { "done", "skip", "FAIL" };
    pthread_mutex_lock(&bt->lock);
    bt->count[kind]++;
    bt->audio_seconds += secs;
    if (kind == FAILED)
        printf("%s %s: %s\n", word[kind], en->path, msg);
    else if (bt->b->quiet)
        ; /* only failures and the summary */
    else if (kind == DONE)
        printf("%s %s -> %s (%.1f s%s%s)\n", word[kind], en->path, out, secs, msg[0] ? "; " : "", msg);
    else
        printf("%s %s -> %s\n", word[kind], en->path, out);
    fflush(stdout);
    pthread_mutex_unlock(&bt->lock);
}

static void one(batch *bt, const entry *en)
{
    const batch_args *b = bt->b;
    char msg[600] = "";
    double secs = 0;
    char *out = out_path(b->outdir, en->rel, format_ext(b->format));
    char *tim = b->timings ? out_path(b->outdir, en->rel, !strcmp(b->timings, "json") ? ".json"
                                                          : !strcmp(b->timings, "vtt") ? ".vtt" : ".srt")
                           : NULL;
    char *side = out ? sidecar_path(out) : NULL;
    int kind = FAILED;
    if (!out || !side || (b->timings && !tim))
        snprintf(msg, sizeof msg, "out of memory");
    else if (!b->force && up_to_date(b, en->path, out, tim, side))
        kind = SKIPPED;
    else if (make_parents(out) != 0)
        snprintf(msg, sizeof msg, "cannot create the directory of '%s': %s", out, strerror(errno));
    else if ((kind = render(bt, en, out, tim, msg, sizeof msg, &secs)) == DONE && write_sidecar(side, b->fingerprint) != 0)
        snprintf(msg, sizeof msg, "warning: cannot record its options beside it (it will be redone)");
    log_line(bt, kind, en, out ? out : "", msg, secs);
    free(out);
    free(tim);
    free(side);
}

static void *worker(void *user)
{
    batch *bt = user;
    for (;;) {
        pthread_mutex_lock(&bt->lock);
        size_t i = *bt->b->interrupted ? bt->list->n : bt->next++;
        pthread_mutex_unlock(&bt->lock);
        if (i >= bt->list->n)
            return NULL;
        one(bt, &bt->list->v[i]);
    }
}

static ra_status engines(batch *bt)
{
    ra_options o = bt->b->opts;
    o.max_instances = bt->b->jobs;
    o.input_format = RA_INPUT_TEXT;
    ra_status st = ra_engine_new(&bt->text, &o);
    if (st != RA_OK)
        return st;
    o.input_format = RA_INPUT_HTML;
    return ra_engine_new(&bt->html, &o);
}

/* Keeps this machine's share of the inputs, in place. */
static void keep_share(entries *l, unsigned shard, unsigned shards)
{
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (share_of(l->v[i].rel, shards) == shard) {
            l->v[k++] = l->v[i];
        } else {
            free(l->v[i].path);
            free(l->v[i].rel);
        }
    }
    l->n = k;
}

static void free_entries(entries *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].path);
        free(l->v[i].rel);
    }
    free(l->v);
}

static void summary(const batch *bt, double wall, int interrupted)
{
    printf("batch: %zu done, %zu skipped, %zu failed%s; %.2f h of audio (%.0f s) in %.1f s\n", bt->count[DONE],
           bt->count[SKIPPED], bt->count[FAILED], interrupted ? ", interrupted" : "", bt->audio_seconds / 3600,
           bt->audio_seconds, wall);
}

int batch_run(const batch_args *b)
{
    entries list = { 0 };
    if (collect(b->in, &list) != 0) {
        fprintf(stderr, "readarticle: --batch: cannot read '%s': %s\n", b->in, strerror(errno ? errno : EIO));
        free_entries(&list);
        return 2;
    }
    qsort(list.v, list.n, sizeof *list.v, by_rel);
    if (b->shards > 1)
        keep_share(&list, b->shard, b->shards);
    batch bt = { .b = b, .list = &list };
    pthread_mutex_init(&bt.lock, NULL);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int code = 0;
    if (mkdir(b->outdir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "readarticle: --batch: cannot create '%s': %s\n", b->outdir, strerror(errno));
        code = 2;
    } else if (engines(&bt) != RA_OK) {
        fprintf(stderr, "readarticle: %s\n", ra_errmsg(NULL));
        code = 2;
    } else {
        pthread_t th[64];
        unsigned n = b->jobs < 1 ? 1 : b->jobs > 64 ? 64 : b->jobs, started = 0;
        while (started < n && pthread_create(&th[started], NULL, worker, &bt) == 0)
            started++;
        if (started == 0)
            worker(&bt);
        for (unsigned k = 0; k < started; k++)
            pthread_join(th[k], NULL);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        summary(&bt, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, *b->interrupted != 0);
        code = bt.count[FAILED] || *b->interrupted ? 1 : 0;
    }
    ra_engine_free(bt.text);
    ra_engine_free(bt.html);
    pthread_mutex_destroy(&bt.lock);
    free_entries(&list);
    return code;
}
