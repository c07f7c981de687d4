/* Timings files: sentence and word events collected in order, rendered as JSON, WebVTT or SubRip. */
#ifndef RA_TIMINGS_H
#define RA_TIMINGS_H

#include <stddef.h>

#include "buf.h"
#include "readarticle.h"

/* A collector for events of a synthesis of input[0..len); each item copies its slice. */
ra_timings *tim_new(const char *input, size_t len);
void tim_free(ra_timings *t);
/* Records an event; returns 0, or -1 when memory ran out (the collector then stays failed). */
int tim_collect(ra_timings *t, const ra_event *ev);
/* Appends the rendering to out; returns 0, or -1 when memory ran out now or while collecting. */
int tim_render(const ra_timings *t, ra_timings_format format, rbuf *out);
/* The format a file name asks for: WebVTT for .vtt, SubRip for .srt, else JSON. */
ra_timings_format tim_format_for(const char *path);

#endif
