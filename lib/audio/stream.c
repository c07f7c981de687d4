/* Byte streams: checked writes to a descriptor (libsndfile does not report a short write of its
 * MP3 or FLAC encoders), growable memory, or the caller's write callback. */
#define _POSIX_C_SOURCE 200809L
#include "stream.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void stream_fd(bstream *s, int fd, int seekable)
{
    memset(s, 0, sizeof *s);
    s->kind = STREAM_FD;
    s->fd = fd;
    s->seekable = seekable;
}

void stream_fd_buffered(bstream *s, int fd)
{
    stream_fd(s, fd, 1);
    s->buffered = 1;
}

void stream_memory(bstream *s)
{
    memset(s, 0, sizeof *s);
    s->kind = STREAM_MEMORY;
    s->fd = -1;
    s->seekable = 1;
}

void stream_callback(bstream *s, ra_write_fn fn, void *user)
{
    memset(s, 0, sizeof *s);
    s->kind = STREAM_CALLBACK;
    s->fd = -1;
    s->fn = fn;
    s->user = user;
}

/* Writing to a pipe, FIFO or socket whose reader has gone raises SIGPIPE, which would end the
 * host: the signal is blocked in this thread for the write, and one it caused is taken back
 * (a SIGPIPE already pending for other reasons is left alone). */
static int fd_write_all(bstream *s, const char *p, size_t n);

static int fd_write(bstream *s, const char *p, size_t n)
{
    sigset_t pipe_only, old, pending;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_only, &old);
    sigpending(&pending);
    int was_pending = sigismember(&pending, SIGPIPE) == 1;
    int r = fd_write_all(s, p, n);
    if (r != 0 && s->err == EPIPE && !was_pending) {
        struct timespec zero = { 0, 0 };
        while (sigtimedwait(&pipe_only, NULL, &zero) < 0 && errno == EINTR) {
        }
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return r;
}

static int fd_write_all(bstream *s, const char *p, size_t n)
{
    int64_t at = s->pos;
    while (n > 0) {
        ssize_t k = s->seekable ? pwrite(s->fd, p, n, (off_t)at) : write(s->fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            s->err = k < 0 ? errno : ENOSPC; /* a write of 0 bytes: the device is full */
            return -1;
        }
        p += k;
        n -= (size_t)k;
        at += k;
    }
    return 0;
}

static int mem_write(bstream *s, const void *p, size_t n)
{
    if ((uint64_t)s->pos + n > SIZE_MAX / 2)
        return s->err = ENOMEM, -1;
    size_t need = (size_t)s->pos + n;
    if (need > s->cap) {
        size_t cap = s->cap ? s->cap : 65536;
        while (cap < need)
            cap *= 2;
        unsigned char *q = realloc(s->mem, cap);
        if (!q)
            return s->err = ENOMEM, -1;
        s->mem = q;
        s->cap = cap;
    }
    if (s->pos > s->len)
        memset(s->mem + s->len, 0, (size_t)(s->pos - s->len));
    memcpy(s->mem + s->pos, p, n);
    return 0;
}

#define FD_BLOCK 65536

int stream_flush(bstream *s)
{
    if (!s->wlen || s->err)
        return s->err ? -1 : 0;
    int64_t pos = s->pos;
    s->pos = s->wpos;
    int r = fd_write_all(s, (const char *)s->wbuf, s->wlen); /* a regular file: no SIGPIPE */
    s->pos = pos;
    s->wlen = 0;
    return r;
}

/* A write to a buffered file: kept while it continues what waits, up to a block. 1 when taken,
 * 0 when it must go straight to the file, -1 on failure. */
static int buffer_write(bstream *s, const void *p, size_t n)
{
    if (s->wlen && (s->pos != s->wpos + (int64_t)s->wlen || s->wlen + n > FD_BLOCK) && stream_flush(s) != 0)
        return -1;
    if (n > FD_BLOCK / 2 || (!s->wbuf && !(s->wbuf = malloc(FD_BLOCK))))
        return 0;
    if (!s->wlen)
        s->wpos = s->pos;
    memcpy(s->wbuf + s->wlen, p, n);
    s->wlen += n;
    return 1;
}

int stream_write(bstream *s, const void *p, size_t n)
{
    if (s->err || s->stopped)
        return -1;
    if (n == 0)
        return 0;
    int r;
    int taken = s->buffered ? buffer_write(s, p, n) : 0;
    if (taken < 0)
        return -1;
    if (taken)
        r = 0;
    else if (s->kind == STREAM_FD)
        r = s->buffered ? fd_write_all(s, p, n) : fd_write(s, p, n);
    else if (s->kind == STREAM_MEMORY)
        r = mem_write(s, p, n);
    else if ((r = s->fn(s->user, p, n) != 0 ? -1 : 0) != 0)
        s->stopped = 1;
    if (r != 0)
        return -1;
    s->pos += (int64_t)n;
    if (s->pos > s->len)
        s->len = s->pos;
    return 0;
}

int64_t stream_seek(bstream *s, int64_t off, int whence)
{
    int64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? s->pos : s->len;
    int64_t to = base + off;
    if (to < 0 || (!s->seekable && to != s->pos))
        return -1;
    s->pos = to;
    return to;
}

size_t stream_read(bstream *s, void *p, size_t n)
{
    if (!s->seekable || s->pos >= s->len)
        return 0;
    size_t avail = (size_t)(s->len - s->pos);
    if (n > avail)
        n = avail;
    if (s->kind == STREAM_MEMORY) {
        memcpy(p, s->mem + s->pos, n);
    } else {
        if (stream_flush(s) != 0)
            return 0;
        ssize_t k;
        while ((k = pread(s->fd, p, n, (off_t)s->pos)) < 0 && errno == EINTR) {
        }
        n = k > 0 ? (size_t)k : 0;
    }
    s->pos += (int64_t)n;
    return n;
}

void stream_take(bstream *s, void **data, size_t *size)
{
    *data = s->mem;
    *size = (size_t)s->len;
    s->mem = NULL;
    s->cap = 0;
    s->len = s->pos = 0;
}

void stream_free(bstream *s)
{
    free(s->mem);
    free(s->wbuf);
    s->mem = NULL;
    s->wbuf = NULL;
    s->wlen = 0;
    s->cap = 0;
}
