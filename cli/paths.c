/* Output paths for the CLI's checks: names compared by the file they stand for, so that
 * "-o a.wav --timings ./a.wav", a symbolic link to the input, or /dev/stdout with "-" are
 * caught before anything is read or written. */
#define _XOPEN_SOURCE 700
#include "paths.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LINK_HOPS 40

int path_stat(const char *path, struct stat *st)
{
    return !strcmp(path, "-") ? fstat(STDOUT_FILENO, st) : stat(path, st);
}

/* Follows symbolic links from path to a name that is not one (it may not exist). */
static int follow_links(const char *path, char *out, size_t cap)
{
    if (snprintf(out, cap, "%s", path) >= (int)cap)
        return -1;
    for (int hop = 0; hop < LINK_HOPS; hop++) {
        struct stat st;
        if (lstat(out, &st) != 0 || !S_ISLNK(st.st_mode))
            return 0;
        char target[PATH_MAX];
        ssize_t n = readlink(out, target, sizeof target - 1);
        if (n <= 0)
            return -1;
        target[n] = '\0';
        char *slash = strrchr(out, '/');
        if (target[0] == '/' || !slash)
            snprintf(out, cap, "%s", target);
        else if (snprintf(slash + 1, cap - (size_t)(slash + 1 - out), "%s", target) >= (int)(cap - (size_t)(slash + 1 - out)))
            return -1;
    }
    return -1;
}

/* The real path of the directory a name is in, and the name's last part. */
static int place_of(const char *path, char *dir, size_t cap, const char **base)
{
    char linked[PATH_MAX];
    if (follow_links(path, linked, sizeof linked) != 0)
        return -1;
    static _Thread_local char last[PATH_MAX];
    const char *slash = strrchr(linked, '/');
    snprintf(last, sizeof last, "%s", slash ? slash + 1 : linked);
    char parent[PATH_MAX];
    snprintf(parent, sizeof parent, "%.*s", slash ? (int)(slash - linked) + (slash == linked) : 1, slash ? linked : ".");
    char *real = realpath(parent, NULL);
    if (!real)
        return -1;
    snprintf(dir, cap, "%s", real);
    free(real);
    *base = last;
    return 0;
}

int path_same(const char *a, const char *b)
{
    struct stat sa, sb;
    int ea = path_stat(a, &sa) == 0, eb = path_stat(b, &sb) == 0;
    if (ea && eb)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    if (ea || eb || !strcmp(a, "-") || !strcmp(b, "-"))
        return 0;
    char da[PATH_MAX], db[PATH_MAX];
    const char *na, *nb;
    if (place_of(a, da, sizeof da, &na) != 0)
        return 0;
    char name_a[PATH_MAX];
    snprintf(name_a, sizeof name_a, "%s", na);
    return place_of(b, db, sizeof db, &nb) == 0 && !strcmp(da, db) && !strcmp(name_a, nb);
}

int path_writable(const char *path)
{
    struct stat st;
    if (!strcmp(path, "-"))
        return 0;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return errno = EISDIR, -1;
        return access(path, W_OK);
    }
    char dir[PATH_MAX];
    const char *base;
    if (errno != ENOENT || place_of(path, dir, sizeof dir, &base) != 0)
        return -1;
    return access(dir, W_OK | X_OK);
}
