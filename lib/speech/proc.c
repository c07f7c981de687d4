/* One speech worker process: found beside the library or at its installed path, started with
 * posix_spawn (never fork: the host may be threaded), fed through a socketpair, always reaped. */
#define _GNU_SOURCE
#include "proc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h" /* RA_WORKER_PATH, from the Makefile's LIBEXECDIR */
#include "wire.h"

#ifndef RA_WORKER_PATH
#define RA_WORKER_PATH "/usr/local/libexec/readarticle/readarticle-worker"
#endif
#define WORKER_NAME "readarticle-worker"
#define STOP_WAIT_MS 1000 /* a worker told to stop gets this long before it is killed */

extern char **environ;

typedef struct {
    uintptr_t addr;
    char path[PATH_MAX];
    int found;
} object_search;

/* dl_iterate_phdr callback: the object (library or program) whose segments hold addr. */
static int find_object(struct dl_phdr_info *info, size_t size, void *user)
{
    (void)size;
    object_search *s = user;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        uintptr_t lo = (uintptr_t)info->dlpi_addr + ph->p_vaddr;
        if (ph->p_type != PT_LOAD || s->addr < lo || s->addr >= lo + ph->p_memsz)
            continue;
        const char *name = info->dlpi_name;
        if (name && name[0]) {
            snprintf(s->path, sizeof s->path, "%s", name);
        } else { /* the main program */
            ssize_t n = readlink("/proc/self/exe", s->path, sizeof s->path - 1);
            s->path[n > 0 ? n : 0] = '\0';
        }
        s->found = s->path[0] != '\0';
        return 1;
    }
    return 0;
}

/* The directory of the object this code was linked into (the shared library, or a program
 * linked statically), found when it is loaded: a host that dlopen()s it by a relative name and
 * then changes directory must still find the worker beside it. */
static char home[PATH_MAX];

__attribute__((constructor)) static void remember_home(void)
{
    object_search s;
    memset(&s, 0, sizeof s);
    s.addr = (uintptr_t)&worker_find;
    dl_iterate_phdr(find_object, &s);
    char *real = s.found ? realpath(s.path, NULL) : NULL;
    char *slash = real ? strrchr(real, '/') : NULL;
    if (slash && (size_t)(slash - real) < sizeof home)
        snprintf(home, sizeof home, "%.*s", (int)(slash - real), real);
    free(real);
}

static int beside_library(char *buf, size_t cap)
{
    if (!home[0])
        return -1;
    int n = snprintf(buf, cap, "%s/%s", home, WORKER_NAME);
    return n > 0 && (size_t)n < cap ? 0 : -1;
}

ra_status worker_find(char *buf, size_t cap, char *err, size_t errcap)
{
    const char *env = getenv("READARTICLE_WORKER");
    if (env && env[0]) {
        if (access(env, X_OK) == 0 && strlen(env) < cap) {
            snprintf(buf, cap, "%s", env);
            return RA_OK;
        }
        snprintf(err, errcap, "READARTICLE_WORKER is '%s', which is not an executable program", env);
        return RA_ERR_SYNTH;
    }
    char near[PATH_MAX] = "";
    if (beside_library(near, sizeof near) == 0 && access(near, X_OK) == 0 && strlen(near) < cap) {
        snprintf(buf, cap, "%s", near);
        return RA_OK;
    }
    if (access(RA_WORKER_PATH, X_OK) == 0 && strlen(RA_WORKER_PATH) < cap) {
        snprintf(buf, cap, "%s", RA_WORKER_PATH);
        return RA_OK;
    }
    snprintf(err, errcap, "cannot find the speech worker %s (looked in %s%s%s; set READARTICLE_WORKER to its path)",
             WORKER_NAME, near[0] ? near : "", near[0] ? " and " : "", RA_WORKER_PATH);
    return RA_ERR_SYNTH;
}

static int spawn_setup(posix_spawn_file_actions_t *fa, posix_spawnattr_t *attr, int child_fd)
{
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    int bad = posix_spawn_file_actions_adddup2(fa, child_fd, STDIN_FILENO) ||
              posix_spawn_file_actions_adddup2(fa, child_fd, STDOUT_FILENO) ||
              posix_spawn_file_actions_addopen(fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0) ||
              posix_spawnattr_setsigmask(attr, &none) || posix_spawnattr_setsigdefault(attr, &all) ||
              posix_spawnattr_setpgroup(attr, 0) ||
              posix_spawnattr_setflags(attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
    return bad ? -1 : 0;
}

static ra_status spawn_child(worker_proc *w, const char *path, const worker_limits *lim, int child_fd,
                             char *err, size_t errcap)
{
    char cpu[16], as[16];
    snprintf(cpu, sizeof cpu, "%u", lim->cpu_seconds);
    snprintf(as, sizeof as, "%u", lim->address_space_mb);
    char *argv[] = { (char *)WORKER_NAME, (char *)"--cpu-seconds", cpu, (char *)"--address-space-mb", as, NULL };
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    if (posix_spawn_file_actions_init(&fa) != 0)
        return RA_ERR_NOMEM;
    if (posix_spawnattr_init(&attr) != 0) {
        posix_spawn_file_actions_destroy(&fa);
        return RA_ERR_NOMEM;
    }
    int e = spawn_setup(&fa, &attr, child_fd);
    e = e ? ENOMEM : posix_spawn(&w->pid, path, &fa, &attr, argv, environ);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&fa);
    if (e != 0) {
        w->pid = 0;
        snprintf(err, errcap, "cannot start the speech worker %s: %s", path, strerror(e));
        return e == ENOMEM ? RA_ERR_NOMEM : RA_ERR_SYNTH;
    }
    return RA_OK;
}

ra_status worker_start(worker_proc *w, const char *path, const worker_limits *lim, char *err, size_t errcap)
{
    int sv[2];
    memset(w, 0, sizeof *w);
    w->fd = -1;
    if (!(w->in = malloc(WORKER_INBUF)))
        return RA_ERR_NOMEM;
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
        int e = errno;
        snprintf(err, errcap, "cannot create a socket for the speech worker: %s", strerror(e));
        worker_stop(w, 1);
        return e == ENOMEM || e == ENOBUFS ? RA_ERR_NOMEM : RA_ERR_SYNTH;
    }
    ra_status st = spawn_child(w, path, lim, sv[1], err, errcap);
    close(sv[1]);
    if (st != RA_OK) {
        close(sv[0]);
        worker_stop(w, 1);
        return st;
    }
    w->fd = sv[0];
    w->owner = getpid();
    return RA_OK;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

/* Waits up to ms for the worker to exit; returns 1 once it is reaped (or was, by a host that
 * ignores SIGCHLD or reaps every child itself). */
static int reap_within(pid_t pid, long ms, int *status)
{
    for (long waited = 0;; waited++) {
        pid_t r = waitpid(pid, status, WNOHANG);
        if (r == pid || (r < 0 && errno == ECHILD))
            return 1;
        if (r < 0 && errno != EINTR)
            return 1;
        if (waited >= ms)
            return 0;
        sleep_ms(1);
    }
}

void worker_let_go(worker_proc *w)
{
    /* shutdown reaches the worker even when a fork()ed child of the host still holds a copy of
     * the socket; a child must not do it to its parent's workers */
    if (w->fd >= 0 && w->owner == getpid())
        shutdown(w->fd, SHUT_RDWR);
    if (w->fd >= 0)
        close(w->fd);
    w->fd = -1;
    free(w->in);
    w->in = NULL;
    w->pos = w->len = 0;
    if (w->owner != getpid())
        w->pid = 0;
}

static int end_process(worker_proc *w, int kill_now, long wait_ms)
{
    int status = 0;
    worker_let_go(w);
    if (w->pid > 0) {
        if (kill_now || !reap_within(w->pid, wait_ms, &status)) {
            kill(w->pid, SIGKILL);
            while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR) {
            }
        }
    }
    w->pid = 0;
    return status;
}

void worker_stop(worker_proc *w, int kill_now)
{
    if (w)
        end_process(w, kill_now, STOP_WAIT_MS);
}

void worker_stop_all(worker_proc *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        worker_let_go(&w[i]); /* all told at once: they exit side by side */
    double deadline = now_ms() + STOP_WAIT_MS;
    for (size_t i = 0; i < n; i++) {
        double left = deadline - now_ms();
        end_process(&w[i], 0, left > 0 ? (long)left : 0);
    }
}

int worker_alive(worker_proc *w)
{
    int status;
    if (w->pid <= 0 || w->owner != getpid())
        return 0;
    pid_t r = waitpid(w->pid, &status, WNOHANG);
    if (r == 0)
        return 1;
    if (r < 0 && errno == EINTR)
        return 1;
    w->pid = 0; /* reaped now, or by the host */
    return 0;
}

int worker_send(const worker_proc *w, unsigned type, const void *payload, size_t n)
{
    wire_head h = { type, (uint32_t)n };
    struct iovec iov[2] = { { &h, sizeof h }, { (void *)payload, n } };
    size_t total = sizeof h + n, sent = 0;
    while (sent < total) {
        struct msghdr m;
        memset(&m, 0, sizeof m);
        struct iovec part[2];
        size_t skip = sent, k = 0;
        for (int i = 0; i < 2; i++) {
            if (skip >= iov[i].iov_len) {
                skip -= iov[i].iov_len;
                continue;
            }
            part[k].iov_base = (char *)iov[i].iov_base + skip;
            part[k++].iov_len = iov[i].iov_len - skip;
            skip = 0;
        }
        m.msg_iov = part;
        m.msg_iovlen = k;
        ssize_t r = sendmsg(w->fd, &m, MSG_NOSIGNAL);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        sent += (size_t)r;
    }
    return 0;
}

/* Waits for bytes and takes what is there, up to the buffer's size. The wait is measured on the
 * clock, so a host's periodic signal (a profiler's SIGPROF) cannot keep it going for ever. */
static int refill(worker_proc *w, unsigned timeout_ms)
{
    double deadline = now_ms() + timeout_ms;
    for (;;) {
        double left = deadline - now_ms();
        struct pollfd pfd = { w->fd, POLLIN, 0 };
        int polling = w->cancel && left > CANCEL_POLL_MS; /* a short wait, then ask the caller */
        int r = left <= 0 ? 0 : poll(&pfd, 1, polling ? CANCEL_POLL_MS : (int)left + 1);
        if (w->cancel && r <= 0 && w->cancel->fn(w->cancel->user))
            return errno = ECANCELED, -1;
        if ((r < 0 && errno == EINTR) || (r == 0 && polling))
            continue;
        if (r == 0)
            return errno = ETIMEDOUT, -1;
        if (r < 0)
            return -1;
        ssize_t k = recv(w->fd, w->in, WORKER_INBUF, 0);
        if (k < 0 && errno == EINTR)
            continue;
        if (k == 0)
            return errno = EPIPE, -1;
        if (k < 0)
            return -1;
        w->pos = 0;
        w->len = (size_t)k;
        return 0;
    }
}

int worker_recv(worker_proc *w, void *buf, size_t n, unsigned timeout_ms)
{
    size_t got = 0;
    while (got < n) {
        if (w->pos == w->len && refill(w, timeout_ms) != 0)
            return -1;
        size_t k = w->len - w->pos < n - got ? w->len - w->pos : n - got;
        memcpy((char *)buf + got, w->in + w->pos, k);
        w->pos += k;
        got += k;
    }
    return 0;
}

void worker_describe_end(worker_proc *w, char *buf, size_t cap)
{
    int status = end_process(w, 0, STOP_WAIT_MS);
    if (WIFSIGNALED(status))
        snprintf(buf, cap, "the speech worker was killed by signal %d (%s)", WTERMSIG(status),
                 strsignal(WTERMSIG(status)));
    else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
        snprintf(buf, cap, "the speech worker exited with status %d", WEXITSTATUS(status));
    else
        snprintf(buf, cap, "the speech worker ended without answering");
}
