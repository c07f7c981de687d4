/* Timings files: events collected in order (each with its copied source slice and spoken form)
 * and rendered as JSON (sentences and words), WebVTT or SubRip (one cue per sentence). Numbers are
 * formatted by hand: the C library's %f conversion would write a decimal comma under a
 * Vietnamese LC_NUMERIC. */
#include "timings.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "vec.h"
#include "vnchar.h"

typedef struct {
    ra_event_kind kind;
    ra_break ends;
    double start, end;
    size_t byte_start, byte_end;
    char *source;  /* the input's bytes [byte_start, byte_end); the cleaned source instead when
                      they are not UTF-8 (input in a legacy encoding), so that JSON stays valid */
    char *text;    /* the cleaned source */
    char *spoken;
} item;

struct ra_timings {
    const char *input;
    size_t len;
    item *v;
    size_t n, cap;
    int oom;
};

ra_timings *tim_new(const char *input, size_t len)
{
    ra_timings *t = calloc(1, sizeof *t);
    if (t) {
        t->input = input;
        t->len = len;
    }
    return t;
}

void tim_free(ra_timings *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++) {
        free(t->v[i].source);
        free(t->v[i].text);
        free(t->v[i].spoken);
    }
    free(t->v);
    free(t);
}

int tim_collect(ra_timings *t, const ra_event *ev)
{
    if (t->oom || vec_room((void **)&t->v, &t->cap, t->n, sizeof *t->v) != 0)
        return t->oom = 1, -1;
    size_t a = ev->byte_start <= t->len ? ev->byte_start : t->len;
    size_t b = ev->byte_end <= t->len && ev->byte_end >= a ? ev->byte_end : a;
    int utf8 = utf8_first_invalid(t->input + a, b - a) == b - a;
    item it = { ev->kind, ev->ends, ev->start, ev->end, ev->byte_start, ev->byte_end,
                utf8 ? buf_strndup(t->input + a, b - a) : buf_strndup(ev->text, strlen(ev->text)),
                buf_strndup(ev->text, strlen(ev->text)), buf_strndup(ev->spoken, strlen(ev->spoken)) };
    if (!it.source || !it.text || !it.spoken) {
        free(it.source);
        free(it.text);
        free(it.spoken);
        return t->oom = 1, -1;
    }
    t->v[t->n++] = it;
    return 0;
}

ra_timings_format tim_format_for(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (dot && ascii_casecmp(dot, ".vtt") == 0)
        return RA_TIMINGS_VTT;
    return dot && ascii_casecmp(dot, ".srt") == 0 ? RA_TIMINGS_SRT : RA_TIMINGS_JSON;
}

static void put_uint(rbuf *b, uint64_t v, int min_digits)
{
    char d[24];
    int k = 0;
    do {
        d[k++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0 || k < min_digits);
    while (k > 0)
        rbuf_putc(b, d[--k]);
}

static uint64_t millis(double s)
{
    return s <= 0 ? 0 : (uint64_t)(s * 1000.0 + 0.5);
}

/* Seconds with three decimals and a decimal point: 4.238 */
static void put_seconds(rbuf *b, double s)
{
    uint64_t ms = millis(s);
    put_uint(b, ms / 1000, 1);
    rbuf_putc(b, '.');
    put_uint(b, ms % 1000, 3);
}

static void json_item(rbuf *b, const item *it)
{
    rbuf_puts(b, "    {\"start\": ");
    put_seconds(b, it->start);
    rbuf_puts(b, ", \"end\": ");
    put_seconds(b, it->end);
    rbuf_puts(b, ", \"byte_start\": ");
    put_uint(b, it->byte_start, 1);
    rbuf_puts(b, ", \"byte_end\": ");
    put_uint(b, it->byte_end, 1);
    rbuf_puts(b, ", \"text\": ");
    rbuf_json(b, it->source);
    if (strcmp(it->source, it->text) != 0) { /* markup, entities or line breaks in the slice */
        rbuf_puts(b, ", \"shown\": ");
        rbuf_json(b, it->text);
    }
    if (it->kind == RA_EVENT_WORD) {
        rbuf_puts(b, ", \"spoken\": ");
        rbuf_json(b, it->spoken);
    } else {
        static const char *const ends[] = { "none", "sentence", "paragraph", "heading", "list" };
        rbuf_puts(b, ", \"ends\": \"");
        rbuf_puts(b, (unsigned)it->ends < sizeof ends / sizeof *ends ? ends[it->ends] : "sentence");
        rbuf_putc(b, '"');
    }
    rbuf_putc(b, '}');
}

static void json_items(rbuf *b, const ra_timings *t, ra_event_kind kind)
{
    const char *sep = "\n";
    for (size_t i = 0; i < t->n; i++) {
        if (t->v[i].kind != kind)
            continue;
        rbuf_puts(b, sep);
        json_item(b, &t->v[i]);
        sep = ",\n";
    }
    rbuf_puts(b, "\n  ]");
}

/* HH:MM:SS.mmm (WebVTT) or HH:MM:SS,mmm (SubRip). */
static void cue_time(rbuf *b, double s, char decimal)
{
    uint64_t ms = millis(s);
    put_uint(b, ms / 3600000, 2);
    rbuf_putc(b, ':');
    put_uint(b, ms / 60000 % 60, 2);
    rbuf_putc(b, ':');
    put_uint(b, ms / 1000 % 60, 2);
    rbuf_putc(b, decimal);
    put_uint(b, ms % 1000, 3);
}

/* Cue text: one line, with & < > escaped so that a cue never holds markup or "-->". */
static void vtt_text(rbuf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '&')
            rbuf_puts(b, "&amp;");
        else if (*s == '<')
            rbuf_puts(b, "&lt;");
        else if (*s == '>')
            rbuf_puts(b, "&gt;");
        else
            rbuf_putc(b, *s == '\n' || *s == '\r' ? ' ' : *s);
    }
}

/* One cue per sentence: WebVTT (a header, a blank line before each cue) or SubRip (numbered
 * cues, a blank line after each, a comma before the milliseconds). */
static void render_cues(rbuf *b, const ra_timings *t, int srt)
{
    if (!srt)
        rbuf_puts(b, "WEBVTT\n");
    uint64_t cue = 0;
    for (size_t i = 0; i < t->n; i++) {
        const item *it = &t->v[i];
        if (it->kind != RA_EVENT_SENTENCE)
            continue;
        if (!srt)
            rbuf_putc(b, '\n');
        put_uint(b, ++cue, 1);
        rbuf_putc(b, '\n');
        cue_time(b, it->start, srt ? ',' : '.');
        rbuf_puts(b, " --> ");
        cue_time(b, it->end, srt ? ',' : '.');
        rbuf_putc(b, '\n');
        vtt_text(b, it->text); /* escaped in SubRip too: players read <i> and <b> there */
        rbuf_puts(b, srt ? "\n\n" : "\n");
    }
}

int tim_render(const ra_timings *t, ra_timings_format format, rbuf *out)
{
    if (t->oom)
        return -1;
    if (format == RA_TIMINGS_VTT || format == RA_TIMINGS_SRT) {
        render_cues(out, t, format == RA_TIMINGS_SRT);
    } else {
        rbuf_puts(out, "{\n  \"sentences\": [");
        json_items(out, t, RA_EVENT_SENTENCE);
        rbuf_puts(out, ",\n  \"words\": [");
        json_items(out, t, RA_EVENT_WORD);
        rbuf_puts(out, "\n}\n");
    }
    return out->oom ? -1 : 0;
}
