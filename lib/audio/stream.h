/* Byte streams the encoders write to: a file descriptor, memory, or the caller's callback.
 * Every write is checked; the first failure sticks and is reported when the output ends. */
#ifndef RA_STREAM_H
#define RA_STREAM_H

#include <stddef.h>
#include <stdint.h>

#include "readarticle.h"

typedef enum { STREAM_FD, STREAM_MEMORY, STREAM_CALLBACK } stream_kind;

typedef struct {
    stream_kind kind;
    int fd;              /* STREAM_FD */
    int seekable;        /* a regular file or memory: encoders may go back to fix headers */
    unsigned char *mem;  /* STREAM_MEMORY: len bytes used of cap */
    size_t cap;
    ra_write_fn fn;      /* STREAM_CALLBACK */
    void *user;
    int64_t pos, len;
    int err;             /* errno of the first failed write (ENOSPC, EPIPE, ENOMEM ...) */
    int stopped;         /* the callback asked to stop */
    unsigned char *wbuf; /* STREAM_FD, buffered: wlen bytes waiting to go to offset wpos */
    size_t wlen;
    int64_t wpos;
    int buffered;
} bstream;

void stream_fd(bstream *s, int fd, int seekable);
/* stream_fd for a regular file, writing in blocks of 64 KB (an encoder writes a few KB at a
 * time); stream_flush writes what waits, stream_free lets the buffer go. */
void stream_fd_buffered(bstream *s, int fd);
/* Writes what a buffered stream holds. Returns 0, or -1 once the stream has failed. */
int stream_flush(bstream *s);
void stream_memory(bstream *s);
void stream_callback(bstream *s, ra_write_fn fn, void *user);

/* Writes n bytes at the current position. Returns 0, or -1 once the stream has failed. */
int stream_write(bstream *s, const void *p, size_t n);
/* Moves the position (whence as lseek). A stream that is not seekable accepts only a move to
 * where it already is. Returns the new position or -1. */
int64_t stream_seek(bstream *s, int64_t off, int whence);
/* Reads back what was written (seekable streams only); returns the bytes read. */
size_t stream_read(bstream *s, void *p, size_t n);
/* Hands the memory over (*data freed with free) and empties the stream. */
void stream_take(bstream *s, void **data, size_t *size);
void stream_free(bstream *s);

#endif
