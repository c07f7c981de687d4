/* Timings files: events collected in order, written to a temporary file and renamed. */
#define _POSIX_C_SOURCE 200809L
#include "timings.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

typedef struct {
    ra_event_kind kind;
    double start, end;
    size_t byte_start, byte_end;
    char *text;    /* cleaned source text */
    char *spoken;
} item;

struct timings {
    const char *input;
    size_t len;
    item *v;
    size_t n, cap;
    int oom;
};

timings *timings_new(const char *input, size_t len)
{
    timings *t = calloc(1, sizeof *t);
    if (t) {
        t->input = input;
        t->len = len;
    }
    return t;
}

void timings_free(timings *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++) {
        free(t->v[i].text);
        free(t->v[i].spoken);
    }
    free(t->v);
    free(t);
}

int timings_collect(void *user, const ra_event *ev)
{
    timings *t = user;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        item *v = realloc(t->v, cap * sizeof *v);
        if (!v)
            return t->oom = 1;
        t->v = v;
        t->cap = cap;
    }
    item *it = &t->v[t->n];
    it->kind = ev->kind;
    it->start = ev->start;
    it->end = ev->end;
    it->byte_start = ev->byte_start;
    it->byte_end = ev->byte_end;
    it->text = strdup(ev->text);
    it->spoken = strdup(ev->spoken);
    if (!it->text || !it->spoken) {
        free(it->text);
        free(it->spoken);
        return t->oom = 1;
    }
    t->n++;
    return 0;
}

static void json_string(FILE *f, const char *s, size_t n)
{
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static void json_items(FILE *f, const timings *t, ra_event_kind kind)
{
    const char *sep = "\n";
    for (size_t i = 0; i < t->n; i++) {
        const item *it = &t->v[i];
        if (it->kind != kind)
            continue;
        fprintf(f, "%s    {\"start\": %.3f, \"end\": %.3f, \"byte_start\": %zu, \"byte_end\": %zu, \"text\": ",
                sep, it->start, it->end, it->byte_start, it->byte_end);
        json_string(f, t->input + it->byte_start, it->byte_end - it->byte_start);
        if (kind == RA_EVENT_WORD) {
            fputs(", \"spoken\": ", f);
            json_string(f, it->spoken, strlen(it->spoken));
        }
        fputc('}', f);
        sep = ",\n";
    }
    fputs("\n  ]", f);
}

static void write_json(FILE *f, const timings *t)
{
    fputs("{\n  \"sentences\": [", f);
    json_items(f, t, RA_EVENT_SENTENCE);
    fputs(",\n  \"words\": [", f);
    json_items(f, t, RA_EVENT_WORD);
    fputs("\n}\n", f);
}

static void vtt_time(FILE *f, double s)
{
    long ms = (long)(s * 1000.0 + 0.5);
    fprintf(f, "%02ld:%02ld:%02ld.%03ld", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
}

/* Cue text: one line, with & < > escaped so that a cue never holds markup or "-->". */
static void vtt_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '&')
            fputs("&amp;", f);
        else if (*s == '<')
            fputs("&lt;", f);
        else if (*s == '>')
            fputs("&gt;", f);
        else
            fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
    }
}

static void write_vtt(FILE *f, const timings *t)
{
    fputs("WEBVTT\n", f);
    size_t cue = 0;
    for (size_t i = 0; i < t->n; i++) {
        const item *it = &t->v[i];
        if (it->kind != RA_EVENT_SENTENCE)
            continue;
        fprintf(f, "\n%zu\n", ++cue);
        vtt_time(f, it->start);
        fputs(" --> ", f);
        vtt_time(f, it->end);
        fputc('\n', f);
        vtt_text(f, it->text);
        fputc('\n', f);
    }
}

int timings_write(const timings *t, const char *path)
{
    if (t->oom)
        return errno = ENOMEM, -1;
    size_t n = strlen(path);
    char *tmp = malloc(n + 16);
    if (!tmp)
        return -1;
    snprintf(tmp, n + 16, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(tmp);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        int saved = errno;
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        free(tmp);
        return errno = saved, -1;
    }
    const char *dot = strrchr(path, '.');
    if (dot && !strcasecmp(dot, ".vtt"))
        write_vtt(f, t);
    else
        write_json(f, t);
    int bad = ferror(f);
    bad |= fclose(f) != 0;
    int saved = errno;
    if (bad || rename(tmp, path) != 0) {
        saved = bad ? (saved ? saved : EIO) : errno;
        unlink(tmp);
        free(tmp);
        return errno = saved, -1;
    }
    free(tmp);
    return 0;
}
