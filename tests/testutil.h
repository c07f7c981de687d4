/* Helpers shared by the test programs: golden TSV files, running the CLI, reading audio. */
#ifndef RA_TESTUTIL_H
#define RA_TESTUTIL_H

#define _DEFAULT_SOURCE

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>
#include <sys/types.h>
#include <unistd.h>

/* head, then unit times, then tail, in a new NUL-terminated string of *len bytes (free it). */
static inline char *fill_repeat(const char *head, const char *unit, size_t times, const char *tail, size_t *len)
{
    size_t h = strlen(head), u = strlen(unit), t = strlen(tail);
    char *s = malloc(h + u * times + t + 1);
    assert_non_null(s);
    memcpy(s, head, h);
    for (size_t i = 0; i < times; i++)
        memcpy(s + h + i * u, unit, u);
    memcpy(s + h + u * times, tail, t + 1);
    *len = h + u * times + t;
    return s;
}

/* The whole file at path, NUL-terminated (free it), its length in *len (may be NULL); NULL when
 * it cannot be opened. */
static inline char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, got;
    char *s = malloc(cap);
    assert_non_null(s);
    while ((got = fread(s + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n == 1) {
            s = realloc(s, cap *= 2);
            assert_non_null(s);
        }
    }
    fclose(f);
    s[n] = '\0';
    if (len)
        *len = n;
    return s;
}

/* Calls fn for each child of this process that runs readarticle-worker (/proc cuts the name to
 * 15 characters), with its pid and the fields of /proc/PID/stat after the name: its state, its
 * parent, and on (proc(5)). */
typedef void (*worker_child_fn)(void *user, pid_t pid, const char *fields);

static inline void each_worker_child(worker_child_fn fn, void *user)
{
    DIR *d = opendir("/proc");
    for (struct dirent *de; d && (de = readdir(d)) != NULL;) {
        char path[300], buf[1024];
        snprintf(path, sizeof path, "/proc/%s/stat", de->d_name);
        FILE *f = de->d_name[0] >= '1' && de->d_name[0] <= '9' ? fopen(path, "r") : NULL;
        size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
        if (f)
            fclose(f);
        buf[n] = '\0';
        char *open = strchr(buf, '('), *close = strrchr(buf, ')');
        int ppid;
        if (open && close && strncmp(open + 1, "readarticle-wor", 15) == 0 &&
            sscanf(close + 2, "%*c %d", &ppid) == 1 && ppid == getpid())
            fn(user, (pid_t)atoi(de->d_name), close + 2);
    }
    if (d)
        closedir(d);
}

/* One golden case: fields of a TSV line, with \n and \t escapes decoded. */
typedef struct {
    char *field[4];
    int nfields;
    int line;
} golden_case;

static inline void unescape(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        if (r[0] == '\\' && r[1] == 'n') {
            *w++ = '\n';
            r++;
        } else if (r[0] == '\\' && r[1] == 't') {
            *w++ = '\t';
            r++;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
}

/* Loads the cases of a golden TSV file (comment lines start with '#'). */
static inline golden_case *golden_load(const char *path, size_t *count)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        return NULL;
    }
    golden_case *v = NULL;
    size_t n = 0, cap = 0;
    char line[8192];
    int ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            v = realloc(v, cap * sizeof *v);
        }
        golden_case *c = &v[n++];
        memset(c, 0, sizeof *c);
        c->line = ln;
        char *p = strdup(line);
        for (char *tok = p; tok && c->nfields < 4;) {
            char *tab = strchr(tok, '\t');
            if (tab)
                *tab = '\0';
            unescape(tok);
            c->field[c->nfields++] = tok;
            tok = tab ? tab + 1 : NULL;
        }
    }
    fclose(f);
    *count = n;
    return v;
}

static inline void golden_free(golden_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(cases[i].field[0]); /* the line's copy: every field points into it */
    free(cases);
}

static inline const char *build_dir(void)
{
    const char *b = getenv("RA_BUILD");
    return b && *b ? b : "build";
}

/* Runs a shell command, captures its stdout (NUL-terminated, caller frees) and exit status. */
static inline char *run_capture(const char *cmd, int *status)
{
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    size_t cap = 4096, n = 0;
    char *out = malloc(cap);
    size_t got;
    while ((got = fread(out + n, 1, cap - n - 1, p)) > 0) {
        n += got;
        if (cap - n - 1 == 0)
            out = realloc(out, cap *= 2);
    }
    out[n] = '\0';
    int st = pclose(p);
    *status = st >= 0 && (st & 0x7f) == 0 ? (st >> 8) & 0xff : -1;
    return out;
}

#endif
