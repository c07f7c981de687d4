/* Preloaded into the speech worker (after libasan) by asan-worker: the worker's confine() sets
 * RLIMIT_AS (1 GiB) and RLIMIT_FSIZE (0), and AddressSanitizer can live with neither (its
 * shadow and allocator need terabytes of address space; its reports go to log files). Only
 * those two limits are ignored; the CPU limit and the rest stay. With ESPEAK_ASAN_TEXTLOG=PREFIX
 * it also writes each text handed to espeak_Synth, one a line, to PREFIX.PID. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

int setrlimit(__rlimit_resource_t resource, const struct rlimit *rl)
{
    static int (*real)(__rlimit_resource_t, const struct rlimit *);
    if (resource == RLIMIT_AS || resource == RLIMIT_FSIZE)
        return 0;
    if (!real)
        real = (int (*)(__rlimit_resource_t, const struct rlimit *))dlsym(RTLD_NEXT, "setrlimit");
    return real(resource, rl);
}

typedef int (*synth_fn)(const void *, size_t, unsigned, int, unsigned, unsigned, unsigned *, void *);

int espeak_Synth(const void *text, size_t size, unsigned pos, int pos_type, unsigned end,
                 unsigned flags, unsigned *id, void *user)
{
    static synth_fn real;
    static int fd = -2;
    if (!real)
        real = (synth_fn)dlsym(RTLD_NEXT, "espeak_Synth");
    if (fd == -2) {
        const char *p = getenv("ESPEAK_ASAN_TEXTLOG");
        char path[4096];
        fd = -1;
        if (p && *p && snprintf(path, sizeof path, "%s.%d", p, (int)getpid()) < (int)sizeof path)
            fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    }
    if (fd >= 0 && text) {
        size_t n = strnlen(text, size);
        if (write(fd, text, n) < 0 || write(fd, "\n", 1) < 0) {
        }
    }
    return real(text, size, pos, pos_type, end, flags, id, user);
}
