/* Speech workers as a host sees them: nothing of espeak-ng in the host, confined workers, a
 * crash, a hang or a kill failing one call only, callbacks that synthesize, many engines. */
#include "testutil.h"

#include <dirent.h>
#include <pthread.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "readarticle.h"

static const char text[] = "Xin chào các bạn. Hôm nay là ngày 3 tháng 6.";
static const char marked[] = "Câu đầu tiên. Quả chuối chín vàng. Câu cuối cùng.";

/* ---- /proc helpers */

typedef struct {
    pid_t pid[64];
    size_t n, zombies;
} children;

static void add_child(void *user, pid_t pid, const char *fields)
{
    children *c = user;
    if (fields[0] == 'Z')
        c->zombies++;
    else if (c->n < 64)
        c->pid[c->n++] = pid;
}

/* This process's children that run readarticle-worker. */
static children worker_children(void)
{
    children c = { { 0 }, 0, 0 };
    each_worker_child(add_child, &c);
    return c;
}

static size_t count_entries(const char *dir)
{
    size_t k = 0;
    DIR *d = opendir(dir);
    struct dirent *de;
    while (d && (de = readdir(d)) != NULL)
        k += de->d_name[0] != '.';
    if (d)
        closedir(d);
    return k;
}

static long status_kb(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, field, strlen(field)))
            kb = atol(line + strlen(field) + 1);
    if (f)
        fclose(f);
    return kb;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    char *buf = calloc(1, 1 << 20);
    fread(buf, 1, (1 << 20) - 1, f);
    fclose(f);
    return buf;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- engines and sinks */

typedef struct {
    size_t samples;
    int blocks;
    ra_engine *nest;      /* synthesize on this engine from inside the callback */
    ra_status nested;
    size_t nested_size;
} collect;

static int on_pcm(void *user, const int16_t *s, size_t n)
{
    (void)s;
    collect *c = user;
    c->samples += n;
    if (c->nest && c->blocks++ == 0) {
        void *data = NULL;
        c->nested = ra_synth_to_memory(c->nest, "Một hai ba.", strlen("Một hai ba."), RA_FORMAT_WAV, &data,
                                       &c->nested_size);
        ra_free(data);
    }
    return 0;
}

static ra_engine *engine_with(unsigned instances, unsigned timeout_ms)
{
    ra_options o;
    ra_options_init(&o);
    o.max_instances = instances;
    o.worker_timeout_ms = timeout_ms;
    ra_engine *e = NULL;
    assert_int_equal(ra_engine_new(&e, &o), RA_OK);
    return e;
}

static ra_status speak(ra_engine *e, const char *t, collect *c)
{
    memset(c, 0, sizeof *c);
    return ra_synth_to_sink(e, t, strlen(t), on_pcm, c);
}

/* ---- tests */

static void test_host_never_maps_espeak(void **state)
{
    (void)state;
    ra_engine *e = engine_with(1, 0);
    collect c;
    assert_int_equal(speak(e, text, &c), RA_OK);
    assert_true(c.samples > 22050);
    char *maps = slurp("/proc/self/maps");
    assert_non_null(maps);
    assert_null(strstr(maps, "libespeak-ng"));
    assert_null(strstr(maps, "libpcaudio"));
    assert_null(strstr(maps, "libpulse"));
    free(maps);
    ra_engine_free(e);
}

/* Threads of pid not named like the worker: a PulseAudio client would start "threaded-ml". */
static int foreign_threads(pid_t pid)
{
    char dir[64];
    snprintf(dir, sizeof dir, "/proc/%d/task", (int)pid);
    DIR *d = opendir(dir);
    struct dirent *de;
    int k = 0;
    while (d && (de = readdir(d)) != NULL) {
        char path[400], *comm;
        snprintf(path, sizeof path, "%s/%s/comm", dir, de->d_name);
        if (de->d_name[0] != '.' && (comm = slurp(path)) != NULL) {
            k += strcmp(comm, "readarticle-wor\n") != 0;
            free(comm);
        }
    }
    if (d)
        closedir(d);
    return k;
}

/* A worker holds only its socket and /dev/null (it never connected to a sound server), runs no
 * thread of a sound library, lives in its own process group under its limits; ra_engine_free
 * leaves no process behind. */
static void test_worker_confined(void **state)
{
    (void)state;
    ra_engine *e = engine_with(1, 0);
    collect c;
    assert_int_equal(speak(e, text, &c), RA_OK);
    children w = worker_children();
    assert_int_equal(w.n, 1);
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/fd", (int)w.pid[0]);
    assert_int_equal(count_entries(path), 3);
    assert_int_equal(foreign_threads(w.pid[0]), 0);
    assert_int_equal(getpgid(w.pid[0]), w.pid[0]);
    snprintf(path, sizeof path, "/proc/%d/limits", (int)w.pid[0]);
    char *limits = slurp(path);
    assert_non_null(strstr(limits, "Max file size             0                    0"));
    assert_non_null(strstr(limits, "Max core file size        0                    0"));
#if !defined(__SANITIZE_ADDRESS__)
    assert_non_null(strstr(limits, "Max address space         1073741824"));
#endif
    free(limits);
    ra_engine_free(e);
    w = worker_children();
    assert_int_equal(w.n + w.zombies, 0);
}

/* A sound server that counts who calls: libpulse connects to $PULSE_SERVER when espeak-ng opens
 * its sound device, which a worker must never do. */
static void test_worker_never_calls_a_sound_server(void **state)
{
    (void)state;
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    snprintf(addr.sun_path, sizeof addr.sun_path, "/tmp/ra-pulse-%d.sock", (int)getpid());
    unlink(addr.sun_path);
    int srv = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_int_equal(bind(srv, (struct sockaddr *)&addr, sizeof addr), 0);
    assert_int_equal(listen(srv, 8), 0);
    fcntl(srv, F_SETFL, O_NONBLOCK);
    char server[160];
    snprintf(server, sizeof server, "unix:%s", addr.sun_path);
    setenv("PULSE_SERVER", server, 1);
    ra_engine *e = engine_with(1, 0);
    collect c;
    assert_int_equal(speak(e, text, &c), RA_OK);
    ra_engine_free(e);
    unsetenv("PULSE_SERVER");
    int caller = accept(srv, NULL, NULL);
    if (caller >= 0)
        close(caller);
    close(srv);
    unlink(addr.sun_path);
    assert_int_equal(caller, -1);
}

/* READARTICLE_TEST_WORKER_FAULT makes the worker fail on a text holding "chuối". */
static ra_engine *faulty_engine(const char *fault, unsigned timeout_ms)
{
    setenv("READARTICLE_TEST_WORKER_FAULT", fault, 1);
    ra_engine *e = engine_with(1, timeout_ms);
    return e;
}

static void expect_failed_then_fine(ra_engine *e, const char *why)
{
    collect c;
    assert_int_equal(speak(e, marked, &c), RA_ERR_SYNTH);
    if (!strstr(ra_errmsg(e), why))
        fail_msg("message '%s' does not say '%s'", ra_errmsg(e), why);
    assert_true(c.samples > 0); /* the first sentence was spoken before the failure */
    children w = worker_children();
    assert_int_equal(w.n + w.zombies, 0); /* the failed worker was reaped */
    assert_int_equal(speak(e, text, &c), RA_OK);
    assert_true(c.samples > 22050);
}

static void test_worker_crash(void **state)
{
    (void)state;
    ra_engine *e = faulty_engine("crash:chuối", 0);
    expect_failed_then_fine(e, "killed by signal 6");
    ra_engine_free(e);
    unsetenv("READARTICLE_TEST_WORKER_FAULT");
}

static void test_worker_exit(void **state)
{
    (void)state;
    ra_engine *e = faulty_engine("exit:chuối", 0);
    expect_failed_then_fine(e, "ended without answering");
    ra_engine_free(e);
    unsetenv("READARTICLE_TEST_WORKER_FAULT");
}

static void test_worker_hang(void **state)
{
    (void)state;
    ra_engine *e = faulty_engine("hang:chuối", 300);
    double t0 = now();
    expect_failed_then_fine(e, "did not answer within 300 ms");
    assert_true(now() - t0 < 10.0);
    ra_engine_free(e);
    unsetenv("READARTICLE_TEST_WORKER_FAULT");
}

typedef struct {
    ra_engine *e;
    ra_status st;
    collect c;
    char msg[256];
} call;

static void *speak_marked(void *arg)
{
    call *k = arg;
    k->st = speak(k->e, marked, &k->c);
    snprintf(k->msg, sizeof k->msg, "%s", ra_errmsg(k->e)); /* messages are per thread */
    return NULL;
}

/* Killed from outside while it is busy with a request (held there by the hang fault, with a long
 * timeout): the call fails at once, and the next one gets a new worker. */
static void test_worker_killed_mid_call(void **state)
{
    (void)state;
    ra_engine *e = faulty_engine("hang:chuối", 60000);
    call k = { e, RA_OK, { 0 }, "" };
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, speak_marked, &k), 0);
    children w = { { 0 }, 0, 0 };
    for (int i = 0; i < 200 && (w.n == 0 || k.c.samples == 0); i++) {
        usleep(20000);
        w = worker_children();
    }
    assert_int_equal(w.n, 1);
    usleep(100000); /* well inside the second sentence, where the worker hangs */
    double t0 = now();
    kill(w.pid[0], SIGKILL);
    pthread_join(th, NULL);
    assert_true(now() - t0 < 5.0);
    assert_int_equal(k.st, RA_ERR_SYNTH);
    assert_non_null(strstr(k.msg, "killed by signal 9"));
    unsetenv("READARTICLE_TEST_WORKER_FAULT");
    collect c;
    assert_int_equal(speak(e, text, &c), RA_OK);
    ra_engine_free(e);
}

static double stop_after; /* when the progress callback below starts asking to stop */

static int stop_later(void *user, size_t done, size_t total)
{
    (void)user, (void)done, (void)total;
    return now() > stop_after;
}

/* A stop request reaches a worker in the middle of a text it is speaking (held there by the
 * hang fault, with a minute's timeout): the progress callback is asked while the worker works,
 * and the call ends at once, not when the worker answers or times out. */
static void test_stop_reaches_busy_worker(void **state)
{
    (void)state;
    ra_engine *e = faulty_engine("hang:chuối", 60000);
    ra_hooks h;
    ra_hooks_init(&h);
    h.progress = stop_later;
    stop_after = now() + 0.5;
    collect c;
    memset(&c, 0, sizeof c);
    double t0 = now();
    assert_int_equal(ra_synth_to_sink_with(e, marked, strlen(marked), on_pcm, &c, &h), RA_ERR_ABORTED);
    double took = now() - t0;
    if (took > 2.0)
        fail_msg("the stop took %.2f s to reach the busy worker", took);
    unsetenv("READARTICLE_TEST_WORKER_FAULT");
    assert_int_equal(speak(e, text, &c), RA_OK); /* a new worker for the next call */
    ra_engine_free(e);
}

/* With one worker, a callback that synthesizes on the same engine neither deadlocks nor fails. */
static void test_callback_synthesizes(void **state)
{
    (void)state;
    ra_engine *e = engine_with(1, 0);
    collect c;
    memset(&c, 0, sizeof c);
    c.nest = e;
    assert_int_equal(ra_synth_to_sink(e, text, strlen(text), on_pcm, &c), RA_OK);
    assert_int_equal(c.nested, RA_OK);
    assert_true(c.nested_size > 22050);
    ra_engine_free(e);
}

static void test_missing_worker(void **state)
{
    (void)state;
    const char *saved = getenv("READARTICLE_WORKER");
    char *copy = saved ? strdup(saved) : NULL;
    setenv("READARTICLE_WORKER", "/nonexistent/readarticle-worker", 1);
    ra_engine *e = engine_with(1, 0);
    char *out = NULL;
    assert_int_equal(ra_normalize(e, text, strlen(text), &out), RA_OK); /* no worker needed */
    ra_free(out);
    collect c;
    assert_int_equal(speak(e, text, &c), RA_ERR_SYNTH);
    assert_non_null(strstr(ra_errmsg(e), "READARTICLE_WORKER"));
    ra_engine_free(e);
    if (copy)
        setenv("READARTICLE_WORKER", copy, 1);
    else
        unsetenv("READARTICLE_WORKER");
    free(copy);
}

/* A child of fork() gets workers of its own; the parent's go on serving the parent. */
static void test_fork(void **state)
{
    (void)state;
    ra_engine *e = engine_with(1, 0);
    collect c;
    assert_int_equal(speak(e, text, &c), RA_OK);
    pid_t pid = fork();
    if (pid == 0) {
        collect cc;
        int ok = speak(e, text, &cc) == RA_OK && cc.samples > 22050;
        ra_engine_free(e);
        _exit(ok ? 0 : 1);
    }
    int status = -1;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_int_equal(speak(e, text, &c), RA_OK);
    ra_engine_free(e);
}

static const char long_text[] =
    "Năm qua, tổng giá trị sản xuất trên địa bàn đạt 12.450 tỷ đồng, tăng 8,75% so với năm trước. "
    "Thu nhập bình quân đầu người đạt 76,5 triệu đồng. Tỷ lệ hộ nghèo giảm còn 1,2%. Toàn huyện có "
    "1.005 doanh nghiệp đang hoạt động, trong đó 105 doanh nghiệp mới thành lập.";

static void *speak_long(void *arg)
{
    call *k = arg;
    k->st = speak(k->e, long_text, &k->c);
    return NULL;
}

/* Points READARTICLE_WORKER at tests/hosts/bad_worker; returns the old value to restore. */
static char *use_bad_worker(void)
{
    char liar[300];
    const char *saved = getenv("READARTICLE_WORKER");
    char *copy = saved ? strdup(saved) : NULL;
    snprintf(liar, sizeof liar, "%s/tests/bad_worker", build_dir());
    setenv("READARTICLE_WORKER", liar, 1);
    return copy;
}

static void restore_worker(char *copy)
{
    if (copy)
        setenv("READARTICLE_WORKER", copy, 1);
    free(copy);
}

/* A worker that claims a 4 GB message is malformed: the call fails, nothing is allocated. */
static void test_lying_worker(void **state)
{
    (void)state;
    char *copy = use_bad_worker();
    ra_engine *e = engine_with(1, 2000);
    collect c;
    assert_int_equal(speak(e, text, &c), RA_ERR_SYNTH);
    assert_non_null(strstr(ra_errmsg(e), "malformed answer"));
    assert_true(status_kb("VmHWM:") < 300 * 1024);
    ra_engine_free(e);
    restore_worker(copy);
}

typedef struct {
    double sentence_end, worst;
    int words;
} late_log;

static int on_late(void *user, const ra_event *ev)
{
    late_log *l = user;
    if (ev->kind == RA_EVENT_SENTENCE)
        l->sentence_end = ev->end;
    else {
        l->words++;
        double over = ev->start > ev->end ? ev->start - ev->end : ev->end - l->sentence_end;
        if (over > l->worst)
            l->worst = over;
    }
    return 0;
}

/* Word times past the audio (a worker's bad report) are clamped to the sentence: no word
 * starts after it ends, none ends before it starts. */
static void test_word_times_clamped(void **state)
{
    (void)state;
    char *copy = use_bad_worker();
    setenv("BAD_WORKER_MODE", "late-words", 1);
    ra_engine *e = engine_with(1, 2000);
    late_log l = { 0, 0, 0 };
    ra_hooks h;
    ra_hooks_init(&h);
    h.on_event = on_late;
    h.event_user = &l;
    collect c;
    memset(&c, 0, sizeof c);
    assert_int_equal(ra_synth_to_sink_with(e, "xin chào các bạn", 20, on_pcm, &c, &h), RA_OK);
    assert_int_equal(l.words, 4);
    assert_true(l.worst <= 1e-9);
    ra_engine_free(e);
    unsetenv("BAD_WORKER_MODE");
    restore_worker(copy);
}

static void on_alarm(int sig)
{
    (void)sig;
}

/* A host with a periodic signal (a profiler's timer) still sees a hung worker on time. */
static void test_hang_under_timer_signals(void **state)
{
    (void)state;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm; /* no SA_RESTART: poll returns EINTR at every tick */
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval tick = { { 0, 100000 }, { 0, 100000 } }, off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &tick, NULL);
    ra_engine *e = faulty_engine("hang:chuối", 500);
    double t0 = now();
    collect c;
    ra_status st = speak(e, marked, &c);
    double took = now() - t0;
    setitimer(ITIMER_REAL, &off, NULL);
    unsetenv("READARTICLE_TEST_WORKER_FAULT");
    ra_engine_free(e);
    assert_int_equal(st, RA_ERR_SYNTH);
    assert_true(took < 10.0);
}

/* fork() while a thread is in the middle of a synthesis on the only worker: the child starts a
 * worker of its own instead of waiting for the parent's. */
static void test_fork_while_busy(void **state)
{
    (void)state;
    ra_engine *e = engine_with(1, 0);
    call k = { e, RA_OK, { 0 }, "" };
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, speak_marked, &k), 0);
    while (worker_children().n == 0)
        usleep(5000);
    pid_t pid = fork();
    if (pid == 0) {
        alarm(20);
        collect cc;
        _exit(speak(e, text, &cc) == RA_OK && cc.samples > 22050 ? 0 : 1);
    }
    int status = -1;
    waitpid(pid, &status, 0);
    pthread_join(th, NULL);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_int_equal(k.st, RA_OK);
    ra_engine_free(e);
}

/* A forked child that keeps copies of the workers' sockets does not hold up ra_engine_free. */
static void test_free_beside_a_forked_child(void **state)
{
    (void)state;
    ra_engine *e = engine_with(2, 0);
    call k[2] = { { e, RA_OK, { 0 }, "" }, { e, RA_OK, { 0 }, "" } };
    pthread_t th[2];
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&th[i], NULL, speak_marked, &k[i]), 0);
    for (int i = 0; i < 2; i++)
        pthread_join(th[i], NULL);
    pid_t pid = fork();
    if (pid == 0) {
        sleep(5);
        _exit(0);
    }
    double t0 = now();
    ra_engine_free(e);
    double took = now() - t0;
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    if (took > 0.5) /* told to stop, a worker exits in milliseconds; the fallback kill waits 1 s */
        fail_msg("freeing two workers took %.2f s", took);
}

/* The last of many engines: two threads synthesize at once. A second worker starts only when
 * the first is busy, so two workers afterwards mean the two calls were spoken side by side. */
static void parallel_pair(ra_engine *e)
{
    call k[2] = { { e, RA_OK, { 0 }, "" }, { e, RA_OK, { 0 }, "" } };
    pthread_t th[2];
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&th[i], NULL, speak_long, &k[i]), 0);
    for (int i = 0; i < 2; i++)
        pthread_join(th[i], NULL);
    children w = worker_children();
    assert_int_equal(w.n, 2);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(k[i].st, RA_OK);
        assert_true(k[i].c.samples > 3 * 22050);
    }
    double d = (double)k[0].c.samples - (double)k[1].c.samples;
    assert_true((d < 0 ? -d : d) < 0.02 * (double)k[0].c.samples);
}

/* Engines created, used and freed many times: memory, descriptors and processes stay flat. */
static void test_many_engines(void **state)
{
    (void)state;
    const char *env = getenv("RA_TEST_CYCLES");
    int cycles = env && atoi(env) > 100 ? atoi(env) : 1000;
    long rss_early = 0;
    size_t fds_before = count_entries("/proc/self/fd");
    for (int i = 1; i < cycles; i++) {
        ra_engine *e = engine_with(2, 0);
        collect c;
        assert_int_equal(speak(e, "Một.", &c), RA_OK);
        ra_engine_free(e);
        if (i == 100)
            rss_early = status_kb("VmRSS:");
    }
    long rss_late = status_kb("VmRSS:");
    assert_int_equal(count_entries("/proc/self/fd"), fds_before);
    children w = worker_children();
    assert_int_equal(w.n + w.zombies, 0);
#if !defined(__SANITIZE_ADDRESS__) /* AddressSanitizer holds freed memory in quarantine */
    if (rss_late > rss_early + 2048)
        fail_msg("RSS grew from %ld kB after 100 engines to %ld kB after %d", rss_early, rss_late, cycles);
#else
    (void)rss_early, (void)rss_late;
#endif
    ra_engine *e = engine_with(2, 0);
    parallel_pair(e);
    ra_engine_free(e);
    w = worker_children();
    assert_int_equal(w.n + w.zombies, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_host_never_maps_espeak), cmocka_unit_test(test_worker_confined),
        cmocka_unit_test(test_worker_never_calls_a_sound_server),
        cmocka_unit_test(test_worker_crash),           cmocka_unit_test(test_worker_exit),
        cmocka_unit_test(test_worker_hang),            cmocka_unit_test(test_worker_killed_mid_call),
        cmocka_unit_test(test_stop_reaches_busy_worker),
        cmocka_unit_test(test_callback_synthesizes),   cmocka_unit_test(test_missing_worker),
        cmocka_unit_test(test_fork),                   cmocka_unit_test(test_lying_worker),
        cmocka_unit_test(test_word_times_clamped),
        cmocka_unit_test(test_hang_under_timer_signals), cmocka_unit_test(test_fork_while_busy),
        cmocka_unit_test(test_free_beside_a_forked_child), cmocka_unit_test(test_many_engines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
