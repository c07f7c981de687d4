/* Synthesis: the only code that talks to espeak-ng. A pool of private espeak-ng copies. */
#ifndef RA_SYNTH_H
#define RA_SYNTH_H

#include <stddef.h>
#include <stdint.h>

#include "readarticle.h"
#include "voice.h"

typedef struct synth_pool synth_pool;
typedef struct synth_inst synth_inst;

/* Receives audio; returns non-zero to stop. */
typedef int (*synth_pcm_fn)(void *user, const int16_t *pcm, size_t n);
/* Told that the word at code point pos (0-based, in the text given to synth_speak) starts
 * ms milliseconds into the audio of that call. */
typedef void (*synth_word_fn)(void *user, size_t pos, unsigned ms);

/* A pool of at most max instances, all speaking with voice v at rate and pitch. Instances are
 * loaded on first use. */
ra_status synth_pool_new(synth_pool **out, unsigned max, const voice_profile *v);
void synth_pool_free(synth_pool *p);
/* Takes an idle instance (loading one if needed), waiting while all are busy. */
ra_status synth_acquire(synth_pool *p, synth_inst **out, char *err, size_t errcap);
void synth_release(synth_pool *p, synth_inst *inst);
int synth_sample_rate(const synth_inst *inst);
/* Speaks NUL-terminated text that has passed the gate. word may be NULL. Returns
 * RA_ERR_ABORTED when cb stopped. */
ra_status synth_speak(synth_inst *inst, const char *text, synth_pcm_fn cb, synth_word_fn word, void *user);

#endif
