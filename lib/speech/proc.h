/* One speech worker process: found, started with posix_spawn, talked to, stopped. */
#ifndef RA_PROC_H
#define RA_PROC_H

#include <stddef.h>
#include <sys/types.h>

#include "readarticle.h"

/* Limits a worker runs under. */
typedef struct {
    unsigned timeout_ms;       /* silence from a busy worker longer than this: it is hung */
    unsigned cpu_seconds;      /* CPU time per text */
    unsigned address_space_mb; /* 0 = no limit */
} worker_limits;

#define WORKER_INBUF 65536

/* Asked every CANCEL_POLL_MS while waiting for a worker: non-zero gives up the wait (the
 * worker is then killed: it is mid-sentence). */
typedef struct {
    int (*fn)(void *user);
    void *user;
} worker_cancel;

#define CANCEL_POLL_MS 40

typedef struct {
    pid_t pid;   /* 0: no process */
    int fd;      /* our end of its socket */
    pid_t owner; /* the process that started it (a fork()ed child must not use it) */
    unsigned char *in; /* what was received and not yet taken: in[pos..len) */
    size_t pos, len;
    const worker_cancel *cancel; /* during one request, or NULL */
} worker_proc;

/* Finds the worker executable: $READARTICLE_WORKER, else readarticle-worker beside the library
 * (the build tree, or a program linked statically), else the compiled-in RA_WORKER_PATH.
 * Writes the path to buf; on failure err lists where it looked. */
ra_status worker_find(char *buf, size_t cap, char *err, size_t errcap);

/* Starts the executable at path with limits; the socket becomes its standard input and output,
 * /dev/null its standard error, and it runs in a process group of its own (a terminal's ^C is
 * for the host to handle). */
ra_status worker_start(worker_proc *w, const char *path, const worker_limits *lim, char *err, size_t errcap);

/* Ends the worker: closes the socket (it exits on end of input), waits briefly, then kills it,
 * and reaps it, so that no zombie stays. kill_now skips the wait (a hung or broken worker). A
 * worker started by another process (before a fork) is only let go of. Accepts an empty w. */
void worker_stop(worker_proc *w, int kill_now);

/* Closes the socket (after a shutdown that reaches the worker even if a fork()ed child holds a
 * copy); the process is not waited for. A worker of another process is only forgotten. */
void worker_let_go(worker_proc *w);
/* worker_stop for n workers at once, with one shared wait. */
void worker_stop_all(worker_proc *w, size_t n);

/* 0 when the worker has exited or was killed since its last use (it is then reaped). */
int worker_alive(worker_proc *w);

/* Sends one message; -1 (errno set) when the worker is gone. Never raises SIGPIPE. */
int worker_send(const worker_proc *w, unsigned type, const void *payload, size_t n);

/* Reads exactly n bytes, waiting at most timeout_ms for each part of them (received in blocks
 * of up to WORKER_INBUF: an answer is many small messages). Returns 0, or -1 with errno
 * ETIMEDOUT (hung), EPIPE (closed) or another error. */
int worker_recv(worker_proc *w, void *buf, size_t n, unsigned timeout_ms);

/* Why the worker ended, for a message ("killed by signal 9", "exited with status 2"); reaps it.
 * Call only after it failed to answer. */
void worker_describe_end(worker_proc *w, char *buf, size_t cap);

#endif
