/* Timings files for the CLI: sentence and word events collected during synthesis, written as
 * WebVTT (.vtt, sentence cues for a player) or JSON (.json, sentences and words). */
#ifndef RA_CLI_TIMINGS_H
#define RA_CLI_TIMINGS_H

#include <stddef.h>

#include "readarticle.h"

typedef struct timings timings;

/* A collector for the input text (kept by reference: it must outlive the collector). */
timings *timings_new(const char *input, size_t len);
void timings_free(timings *t);
/* The ra_event_fn to install with the collector as its user pointer. */
int timings_collect(void *user, const ra_event *ev);
/* Writes the file (format from the extension: .vtt, anything else JSON) atomically.
 * Returns 0, or -1 with errno set. */
int timings_write(const timings *t, const char *path);

#endif
