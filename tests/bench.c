/* make bench: readarticle against the espeak-ng program on the same article, in one run so that
 * a busy machine affects both: CPU time (ours includes the speech workers), how soon the first
 * audio byte leaves on a long article, peak memory of the host process and of its workers for
 * the article and for ten copies of it (streaming to a pipe and encoding MP3), and the
 * normalizer's and the accessibility check's throughput. It reports, it does not judge: it fails
 * only when a run fails. */
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <pthread.h>
#include <sndfile.h>

#include "readarticle.h"

#define RUNS 5
#define NORM_TARGET 30.0  /* the aim: at least 30 MB/s */

static double seconds(const struct timeval *a, const struct timeval *b)
{
    return (double)a->tv_sec + a->tv_usec / 1e6 + (double)b->tv_sec + b->tv_usec / 1e6;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static pid_t spawn(char *const argv[], int out_fd)
{
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(out_fd >= 0 ? out_fd : null, 1);
        dup2(null, 2);
        execvp(argv[0], argv);
        _exit(127);
    }
    return pid;
}

/* Milliseconds until a program's standard output yields its first byte. */
static double first_byte_ms(char *const argv[])
{
    int fd[2];
    if (pipe(fd) != 0)
        return -1;
    double t0 = now();
    pid_t pid = spawn(argv, fd[1]);
    close(fd[1]);
    char c;
    double ms = read(fd[0], &c, 1) == 1 ? (now() - t0) * 1000 : -1;
    char buf[65536];
    while (read(fd[0], buf, sizeof buf) > 0) {
    }
    close(fd[0]);
    waitpid(pid, NULL, 0);
    return ms;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

static int write_copies(const char *path, const char *text, size_t len, int copies)
{
    FILE *f = fopen(path, "wb");
    for (int i = 0; f && i < copies; i++)
        fprintf(f, "%.*s\n\n", (int)len, text);
    return f && fclose(f) == 0 ? 0 : -1;
}

static int discard(void *user, const void *data, size_t n)
{
    (void)user, (void)data, (void)n;
    return 0;
}

typedef struct {
    long host_kb, workers_kb;
} peak;

/* Reads the file in a process of its own through the library (to a stream when out is NULL,
 * else to the file out) and reports that process's peak memory and its workers'. */
static int measure_peak(const char *path, const char *out, peak *p)
{
    int fd[2];
    if (pipe(fd) != 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        size_t len;
        char *text = slurp(path, &len);
        ra_engine *e = NULL;
        int ok = text && ra_engine_new(&e, NULL) == RA_OK &&
                 (out ? ra_synth_to_file(e, text, len, out, RA_FORMAT_AUTO)
                      : ra_synth_to_writer(e, text, len, RA_FORMAT_WAV, discard, NULL)) == RA_OK;
        ra_engine_free(e); /* reaps the workers: their peak joins RUSAGE_CHILDREN */
        struct rusage self, kids;
        getrusage(RUSAGE_SELF, &self);
        getrusage(RUSAGE_CHILDREN, &kids);
        peak r = { ok ? self.ru_maxrss : -1, kids.ru_maxrss };
        ssize_t w = write(fd[1], &r, sizeof r);
        _exit(w == sizeof r ? 0 : 1);
    }
    close(fd[1]);
    ssize_t got = read(fd[0], p, sizeof *p);
    close(fd[0]);
    waitpid(pid, NULL, 0);
    return got == sizeof *p && p->host_kb > 0 ? 0 : -1;
}

/* ra_normalize, or the accessibility check (ra_check), on 8 MB of the article repeated. */
static ra_status run_text_pass(ra_engine *e, const char *text, size_t len, int check)
{
    if (!check) {
        char *out = NULL;
        ra_status st = ra_normalize(e, text, len, &out);
        ra_free(out);
        return st;
    }
    ra_check_result *r = NULL;
    ra_status st = ra_check(e, text, len, &r);
    ra_check_free(r);
    return st;
}

static double text_mb_per_s(const char *article, size_t len, int check)
{
    size_t copies = (8u << 20) / (len + 2) + 1, total = copies * (len + 2);
    char *big = malloc(total + 1);
    for (size_t i = 0; i < copies; i++) {
        memcpy(big + i * (len + 2), article, len);
        memcpy(big + i * (len + 2) + len, "\n\n", 2);
    }
    ra_engine *e = NULL;
    ra_engine_new(&e, NULL);
    clock_t t0 = clock();
    ra_status st = run_text_pass(e, big, total, check);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    ra_engine_free(e);
    free(big);
    return st == RA_OK && secs > 0 ? (double)total / (1 << 20) / secs : 0;
}

/* HTML extraction (parse, find the article, clean text) over saved pages, each read again until
 * 16 MB of page bytes went through; MB of page per second of CPU. */
static double extraction_mb_per_s(const char *dir, int *pages)
{
    ra_options o;
    ra_options_init(&o);
    o.input_format = RA_INPUT_HTML;
    ra_engine *e = NULL;
    DIR *d = opendir(dir);
    if (!d || ra_engine_new(&e, &o) != RA_OK) {
        if (d)
            closedir(d);
        return 0;
    }
    double bytes = 0, secs = 0;
    *pages = 0;
    for (struct dirent *ent; (ent = readdir(d)) != NULL;) {
        size_t n = strlen(ent->d_name), len;
        char path[4096];
        if (n < 6 || strcmp(ent->d_name + n - 5, ".html") != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
        char *page = slurp(path, &len);
        if (!page)
            continue;
        (*pages)++;
        clock_t t0 = clock();
        for (size_t done = 0; done < (16u << 20) / 16; done += len) {
            char *out = NULL;
            if (ra_extract(e, page, len, &out) == RA_OK)
                bytes += (double)len;
            ra_free(out);
        }
        secs += (double)(clock() - t0) / CLOCKS_PER_SEC;
        free(page);
    }
    closedir(d);
    ra_engine_free(e);
    return secs > 0 ? bytes / (1 << 20) / secs : 0;
}

typedef struct {
    double wall, cpu; /* seconds */
    long rss_kb;      /* the largest process of the run (host or worker) */
    double audio;     /* seconds of audio it wrote */
} run_cost;

static double wav_seconds(const char *path)
{
    SF_INFO info = { 0 };
    SNDFILE *sf = sf_open(path, SFM_READ, &info);
    if (!sf)
        return 0;
    sf_close(sf);
    return info.samplerate ? (double)info.frames / info.samplerate : 0;
}

/* One run: wall and CPU time, peak memory, audio written to wav; the best of the runs so far
 * (least disturbed by other work) stays in best. */
static int timed_run(char *const argv[], const char *wav, run_cost *best)
{
    double t0 = now();
    pid_t pid = spawn(argv, -1);
    int status;
    struct rusage ru;
    if (pid < 0 || wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    run_cost c = { now() - t0, seconds(&ru.ru_utime, &ru.ru_stime), ru.ru_maxrss, wav_seconds(wav) };
    unlink(wav);
    if (best->wall == 0 || c.wall < best->wall)
        best->wall = c.wall;
    if (best->cpu == 0 || c.cpu < best->cpu)
        best->cpu = c.cpu;
    if (best->rss_kb == 0 || c.rss_kb < best->rss_kb)
        best->rss_kb = c.rss_kb;
    best->audio = c.audio;
    return 0;
}

typedef struct {
    ra_engine *e;
    const char *text;
    size_t len;
    ra_status st;
} api_call;

static void *api_read(void *user)
{
    api_call *c = user;
    c->st = ra_synth_to_writer(c->e, c->text, c->len, RA_FORMAT_WAV, discard, NULL);
    return NULL;
}

/* Wall time of two API calls on one engine of two workers: one after the other, then on two
 * threads at once. */
static int api_threads(const char *path, double *serial, double *threads)
{
    size_t len;
    char *text = slurp(path, &len);
    ra_options o;
    ra_options_init(&o);
    o.max_instances = 2;
    ra_engine *e = NULL;
    if (!text || ra_engine_new(&e, &o) != RA_OK)
        return free(text), -1;
    api_call c[2] = { { e, text, len, RA_OK }, { e, text, len, RA_OK } };
    api_read(&c[0]); /* starts the workers */
    double t0 = now();
    api_read(&c[0]);
    api_read(&c[1]);
    *serial = now() - t0;
    pthread_t th[2];
    t0 = now();
    for (int i = 0; i < 2; i++)
        pthread_create(&th[i], NULL, api_read, &c[i]);
    for (int i = 0; i < 2; i++)
        pthread_join(th[i], NULL);
    *threads = now() - t0;
    ra_engine_free(e);
    free(text);
    return c[0].st == RA_OK && c[1].st == RA_OK ? 0 : -1;
}

static void print_row(const char *name, const run_cost *c, const run_cost *base)
{
    double per_audio = c->audio > 0 && base->audio > 0 ? (c->cpu / c->audio) / (base->cpu / base->audio) : 0;
    printf("  %-22s %7.2f s %7.2f s %7ld kB %7.0f s   %5.2f %5.2f %5.2f   %5.2f\n", name, c->wall, c->cpu, c->rss_kb,
           c->audio, c->wall / base->wall, c->cpu / base->cpu, (double)c->rss_kb / base->rss_kb, per_audio);
}

/* espeak-ng on the raw text against readarticle with one worker and with all, runs interleaved
 * so that a busy machine weighs on each alike. */
static int engines_section(const char *label, const char *path, const char *bin, unsigned jobs)
{
    char theirs_wav[] = "/tmp/ra-bench-espeak.wav", one_wav[] = "/tmp/ra-bench-j1.wav", n_wav[] = "/tmp/ra-bench-jn.wav";
    char jn[16];
    snprintf(jn, sizeof jn, "%u", jobs);
    char *theirs[] = { "espeak-ng", "-v", "vi", "-w", theirs_wav, "-f", (char *)path, NULL };
    char *one[] = { (char *)bin, "-j", "1", (char *)path, "-o", one_wav, NULL };
    char *all[] = { (char *)bin, "-j", jn, (char *)path, "-o", n_wav, NULL };
    run_cost a = { 0 }, b = { 0 }, c = { 0 };
    for (int i = 0; i < RUNS; i++)
        if (timed_run(theirs, theirs_wav, &a) || timed_run(one, one_wav, &b) || timed_run(all, n_wav, &c))
            return -1;
    double serial, threads;
    if (api_threads(path, &serial, &threads) != 0)
        return -1;
    printf("%s, best of %d interleaved runs:         wall      cpu  peak rss    audio   ratios to espeak-ng:\n"
           "                                                                      wall   cpu   rss   cpu per audio s\n",
           label, RUNS);
    print_row("espeak-ng -v vi -w", &a, &a);
    print_row("readarticle -j 1", &b, &a);
    char name[32];
    snprintf(name, sizeof name, "readarticle -j %u", jobs);
    print_row(name, &c, &a);
    printf("  two API calls on one engine: %.2f s one after the other, %.2f s on two threads (%.2f)\n", serial,
           threads, threads / serial);
    return 0;
}

/* The smallest of the times seen; once a run failed (-1), -1. */
static void keep_best(double *best, double t)
{
    if (t < 0 || *best < 0)
        *best = -1;
    else if (t < *best)
        *best = t;
}

/* Wall-clock milliseconds of a whole run. */
static double run_ms(char *const argv[])
{
    double t0 = now();
    pid_t pid = spawn(argv, -1);
    int status;
    return waitpid(pid, &status, 0) == pid && WIFEXITED(status) && !WEXITSTATUS(status) ? (now() - t0) * 1000 : -1;
}

/* The article's first sentence alone, in a file: what the first audio byte may cost at most. */
static int first_sentence_file(const char *text, size_t len, const char *path)
{
    ra_engine *e = NULL;
    char *lines = NULL;
    int ok = ra_engine_new(&e, NULL) == RA_OK && ra_sentences(e, text, len, &lines) == RA_OK;
    FILE *f = ok ? fopen(path, "w") : NULL;
    if (f)
        fprintf(f, "%.*s\n", (int)strcspn(lines, "\n"), lines);
    ok = f && fclose(f) == 0;
    ra_free(lines);
    ra_engine_free(e);
    return ok ? 0 : -1;
}

static int latency_section(const char *text, size_t len, const char *longer, const char *ours_bin)
{
    char first[] = "/tmp/ra-bench-first.txt";
    char *ours[] = { (char *)ours_bin, (char *)longer, "-o", "-", NULL };
    char *theirs[] = { "espeak-ng", "-v", "vi", "--stdout", "-f", (char *)longer, NULL };
    char *alone[] = { (char *)ours_bin, first, "-o", "/dev/null", NULL };
    if (first_sentence_file(text, len, first) != 0)
        return -1;
    double a = 1e9, b = 1e9, c = 1e9;
    for (int i = 0; i < RUNS; i++) { /* the best of RUNS, as for CPU time */
        keep_best(&a, first_byte_ms(theirs));
        keep_best(&b, first_byte_ms(ours));
        keep_best(&c, run_ms(alone));
    }
    unlink(first);
    if (a < 0 || b < 0 || c < 0)
        return -1;
    printf("first audio byte on the article x10, to a pipe (best of %d):\n", RUNS);
    printf("  espeak-ng --stdout : %.0f ms\n  readarticle -o -   : %.0f ms\n", a, b);
    printf("  (readarticle on the first sentence alone, start to end: %.0f ms; the difference is the\n"
           "  whole text's cleaning and segmentation, which come first: number style is per document)\n", c);
    return 0;
}

static int memory_section(const char *article, const char *longer)
{
    peak s1, s10, m1, m10;
    if (measure_peak(article, NULL, &s1) || measure_peak(longer, NULL, &s10) ||
        measure_peak(article, "/tmp/ra-bench.mp3", &m1) || measure_peak(longer, "/tmp/ra-bench.mp3", &m10))
        return -1;
    unlink("/tmp/ra-bench.mp3");
    printf("peak memory, host process (largest worker):        article      x10    ratio\n");
    double rs = (double)s10.host_kb / s1.host_kb, rm = (double)m10.host_kb / m1.host_kb;
    printf("  to a stream (-o -)   %8ld kB (%ld) %8ld kB (%ld)  %.2f\n", s1.host_kb, s1.workers_kb, s10.host_kb,
           s10.workers_kb, rs);
    printf("  to an MP3 file       %8ld kB (%ld) %8ld kB (%ld)  %.2f\n", m1.host_kb, m1.workers_kb, m10.host_kb,
           m10.workers_kb, rm);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench ARTICLE.txt PATH/TO/readarticle [SAVED-PAGES-DIR]\n");
        return 2;
    }
    size_t len;
    char *text = slurp(argv[1], &len);
    char longer[] = "/tmp/ra-bench-x10.txt";
    if (!text || write_copies(longer, text, len, 10) != 0) {
        fprintf(stderr, "bench: cannot read %s or write %s\n", argv[1], longer);
        return 1;
    }
    printf("article: %s (%zu bytes; x10: %s)\n", argv[1], len, longer);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned jobs = cpus < 2 ? 2 : cpus > 8 ? 8 : (unsigned)cpus;
    int bad = engines_section("the article", argv[1], argv[2], jobs) || engines_section("the article x10", longer, argv[2], jobs) ||
              latency_section(text, len, longer, argv[2]) || memory_section(argv[1], longer);
    double mbs = text_mb_per_s(text, len, 0);
    printf("normalizer throughput: %.1f MB/s on an 8 MB article (the aim: %.0f)\n", mbs, NORM_TARGET);
    printf("accessibility check throughput: %.1f MB/s on the same\n", text_mb_per_s(text, len, 1));
    if (argc > 3) {
        int pages = 0;
        double x = extraction_mb_per_s(argv[3], &pages);
        printf("HTML extraction throughput: %.1f MB/s of page over %d saved pages (%s)\n", x, pages, argv[3]);
    }
    free(text);
    unlink(longer);
    if (bad)
        fprintf(stderr, "bench: a run failed (is espeak-ng installed, is %s built?)\n", argv[2]);
    return bad || mbs <= 0;
}
