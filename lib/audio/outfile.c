/* Output paths. A regular file is written to a temporary name beside it and renamed, so a
 * failed run leaves the old file untouched; a device, FIFO or socket is written through in
 * place (renaming over /dev/full would replace the device node with a file). */
#define _GNU_SOURCE
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define LINK_HOPS 40

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    return d ? memcpy(d, s, n) : NULL;
}

/* Creates ".NAME.XXXXXX" beside path (mode 0666 less the umask: mkstemp would force 0600); a
 * short name, so that a path near the length limit still gets one. */
static int open_temp(const char *path, char **tmp)
{
    static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    const char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) + 1 : 0, n = strlen(path) + 16;
    const char *base = path + dir;
    char *t = malloc(n);
    if (!t)
        return errno = ENOMEM, -1;
    unsigned long seed = (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 16) ^ (unsigned long)(uintptr_t)t;
    for (int attempt = 0; attempt < 100; attempt++) {
        char rnd[7];
        for (int k = 0; k < 6; k++) {
            seed = seed * 6364136223846793005ul + 1442695040888963407ul;
            rnd[k] = digits[(seed >> 33) % (sizeof digits - 1)];
        }
        rnd[6] = '\0';
        snprintf(t, n, "%.*s.%.*s.%s", (int)dir, path, strlen(base) > 200 ? 8 : (int)strlen(base), base, rnd);
        int fd = open(t, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            *tmp = t;
            return fd;
        }
        if (errno != EEXIST)
            break;
    }
    int saved = errno;
    free(t);
    return errno = saved, -1;
}

/* Follows a chain of symbolic links that ends at a name that does not exist yet. Returns the
 * final name (malloc'd) or NULL with errno set. */
static char *follow_dangling(const char *path)
{
    char *cur = dup_str(path);
    for (int hop = 0; cur && hop < LINK_HOPS; hop++) {
        struct stat st;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
            return cur;
        char target[PATH_MAX];
        ssize_t n = readlink(cur, target, sizeof target - 1);
        if (n <= 0) {
            free(cur);
            return NULL;
        }
        target[n] = '\0';
        const char *slash = strrchr(cur, '/');
        size_t dir = target[0] == '/' || !slash ? 0 : (size_t)(slash - cur) + 1;
        char *next = malloc(dir + (size_t)n + 1);
        if (next) {
            memcpy(next, cur, dir);
            memcpy(next + dir, target, (size_t)n + 1);
        }
        free(cur);
        cur = next;
    }
    if (cur)
        errno = ELOOP;
    free(cur);
    return NULL;
}

static ra_status fail_errno(outfile *o, const char *path, char *err, size_t errcap)
{
    int e = errno;
    snprintf(err, errcap, "cannot write '%s': %s", path, strerror(e));
    outfile_abort(o);
    return e == ENOMEM ? RA_ERR_NOMEM : RA_ERR_IO;
}

/* In place: a device or FIFO, opened without truncation, written as a stream. */
static ra_status open_in_place(outfile *o, char *err, size_t errcap)
{
    o->fd = open(o->path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (o->fd < 0)
        return fail_errno(o, o->path, err, errcap);
    return RA_OK;
}

/* A name for one of this process's descriptors (/dev/stdout, /dev/fd/3, /proc/self/fd/3):
 * its number, or -1. Such a name is written through a copy of the descriptor, whatever it is
 * (a file opened with >> keeps appending, a socket works), and never reopened or truncated. */
static int descriptor_name(const char *path)
{
    char self[40];
    snprintf(self, sizeof self, "/proc/%ld/fd/", (long)getpid());
    if (!strcmp(path, "/dev/stdout"))
        return STDOUT_FILENO;
    if (!strcmp(path, "/dev/stderr"))
        return STDERR_FILENO;
    const char *num = !strncmp(path, "/dev/fd/", 8) ? path + 8 : !strncmp(path, "/proc/self/fd/", 14) ? path + 14
                      : !strncmp(path, self, strlen(self)) ? path + strlen(self) : NULL;
    if (!num || *num < '0' || *num > '9')
        return -1;
    char *end;
    long fd = strtol(num, &end, 10);
    return *end || fd > 65535 ? -1 : (int)fd;
}

static ra_status open_descriptor(outfile *o, int fd, char *err, size_t errcap)
{
    o->fd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    return o->fd < 0 ? fail_errno(o, o->path, err, errcap) : RA_OK;
}

/* An unnamed file in path's directory (O_TMPFILE): nothing is left behind if the process is
 * killed, even by SIGKILL. -1 where the filesystem or kernel has none, or /proc (needed to
 * give it a name at the end) is missing. */
static int open_unnamed(const char *path)
{
#ifdef O_TMPFILE
    if (access("/proc/self/fd", X_OK) != 0)
        return -1;
    const char *slash = strrchr(path, '/');
    char *dir = slash ? malloc((size_t)(slash - path) + 2) : NULL;
    if (slash && !dir)
        return -1;
    if (dir) {
        memcpy(dir, path, (size_t)(slash - path) + 1);
        dir[slash - path + 1] = '\0';
    }
    int fd = open(dir ? dir : ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    free(dir);
    return fd;
#else
    (void)path;
    return -1;
#endif
}

/* Gives the unnamed file a temporary name beside the final one (then renamed over it). */
static int name_unnamed(outfile *o)
{
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", o->fd);
    for (int attempt = 0; attempt < 100; attempt++) {
        int probe = open_temp(o->final, &o->tmp); /* a free name: created, removed, then linked */
        if (probe < 0)
            return -1;
        close(probe);
        unlink(o->tmp);
        if (linkat(AT_FDCWD, proc, AT_FDCWD, o->tmp, AT_SYMLINK_FOLLOW) == 0)
            return 0;
        free(o->tmp);
        o->tmp = NULL;
        if (errno != EEXIST)
            return -1;
    }
    return -1;
}

static ra_status open_atomic(outfile *o, const struct stat *existing, char *err, size_t errcap)
{
    if (existing && access(o->final, W_OK) != 0) /* a write-protected file stays protected */
        return fail_errno(o, o->path, err, errcap);
    o->fd = open_unnamed(o->final);
    o->unnamed = o->fd >= 0;
    if (o->fd < 0)
        o->fd = open_temp(o->final, &o->tmp);
    if (o->fd < 0)
        return fail_errno(o, o->path, err, errcap);
    if (existing) { /* a replaced file keeps its permissions, and its owners where we may */
        if (fchown(o->fd, existing->st_uid, existing->st_gid) != 0)
            (void)!fchown(o->fd, (uid_t)-1, existing->st_gid); /* not root: the group, if it is ours */
        fchmod(o->fd, existing->st_mode & 07777);
    }
    o->seekable = 1;
    return RA_OK;
}

ra_status outfile_open(outfile *o, const char *path, char *err, size_t errcap)
{
    memset(o, 0, sizeof *o);
    o->fd = -1;
    if (!(o->path = dup_str(path)))
        return RA_ERR_NOMEM;
    int fd = descriptor_name(path);
    if (fd >= 0)
        return open_descriptor(o, fd, err, errcap);
    struct stat st;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return errno = EISDIR, fail_errno(o, path, err, errcap);
        if (!S_ISREG(st.st_mode))
            return open_in_place(o, err, errcap);
        if (!(o->final = realpath(path, NULL)))
            return fail_errno(o, path, err, errcap);
        return open_atomic(o, &st, err, errcap);
    }
    if (errno != ENOENT || !(o->final = follow_dangling(path)))
        return fail_errno(o, path, err, errcap);
    return open_atomic(o, NULL, err, errcap);
}

ra_status outfile_commit(outfile *o, char *err, size_t errcap)
{
    /* the data reaches the disk before the name does: a crash never leaves an empty file */
    if ((o->tmp || o->unnamed) && fsync(o->fd) != 0)
        return fail_errno(o, o->path, err, errcap);
    if (o->unnamed && name_unnamed(o) != 0)
        return fail_errno(o, o->path, err, errcap);
    int fd = o->fd;
    o->fd = -1;
    if (close(fd) != 0 && errno != EINTR)
        return fail_errno(o, o->path, err, errcap);
    if (o->tmp && rename(o->tmp, o->final) != 0)
        return fail_errno(o, o->path, err, errcap);
    free(o->tmp);
    o->tmp = NULL;
    outfile_abort(o);
    return RA_OK;
}

void outfile_abort(outfile *o)
{
    if (o->fd >= 0)
        close(o->fd);
    o->fd = -1;
    if (o->tmp)
        unlink(o->tmp);
    free(o->tmp);
    free(o->final);
    free(o->path);
    o->tmp = o->final = o->path = NULL;
}
