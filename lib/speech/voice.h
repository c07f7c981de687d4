/* Voice profiles: key=value files naming the espeak-ng voice, rate, pitch, pauses, dialect. */
#ifndef RA_VOICE_H
#define RA_VOICE_H

#include <stddef.h>

#include "number.h"
#include "readarticle.h"

typedef struct {
    char name[64];
    char description[160];
    char espeak[64];     /* espeak-ng voice name, e.g. "vi-vn-x-south+f2" */
    int rate;            /* words per minute */
    int pitch;           /* 0..100 */
    int pause_sentence;  /* milliseconds of silence after a sentence */
    int pause_paragraph;
    int pause_heading;
    int pause_list;
    dialect dl;
} voice_profile;

extern const char *const gen_voices[][2];
extern const size_t gen_voices_count;

/* Resolves a built-in voice name, or a path to a profile file (a name with '/' or ending in
 * ".voice"); NULL means "north". On failure writes a message to err. */
ra_status voice_load(const char *name, voice_profile *out, char *err, size_t errcap);
/* Parses profile text; the name is given by the caller. */
ra_status voice_parse(const char *text, const char *name, voice_profile *out, char *err, size_t errcap);

#endif
