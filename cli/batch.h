/* Batch rendering: every article of a directory tree or a list, each to its own audio file in an
 * output tree, on all workers, skipping what is already rendered with the same options. */
#ifndef RA_CLI_BATCH_H
#define RA_CLI_BATCH_H

#include <signal.h>

#include "readarticle.h"

typedef struct {
    const char *in;            /* a directory, a file listing paths (one a line), or "-" */
    const char *outdir;
    ra_format format;          /* RA_FORMAT_AUTO = WAV */
    const char *timings;       /* NULL, "json", "vtt" or "srt" */
    int force;                 /* render even what is up to date */
    unsigned shard, shards;    /* render only the inputs whose share is shard (0..shards-1) */
    unsigned jobs;             /* articles at once, and workers */
    ra_options opts;           /* voice, rate, pauses, lexicons ...; input_format is set per file */
    const char *fingerprint;   /* the options as text: an output made with others is redone */
    int quiet;                 /* log only the failures, then the summary */
    volatile sig_atomic_t *interrupted;
} batch_args;

/* Renders, printing one line per input and a summary to standard output. Returns the exit
 * status: 0 when nothing failed, 1 otherwise (2 for an unusable IN or OUTDIR). */
int batch_run(const batch_args *b);

#endif
