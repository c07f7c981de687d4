/* Audio output: the only code that uses libsndfile. Files appear atomically; memory grows. */
#ifndef RA_AUDIO_H
#define RA_AUDIO_H

#include <stddef.h>
#include <stdint.h>

#include "readarticle.h"

typedef struct audio_out audio_out;

/* The format for a path's extension (.wav .flac .ogg .mp3), WAV when unknown. */
ra_format audio_format_for(const char *path);
/* Starts writing to a temporary file beside path; it becomes path only in audio_finish. */
ra_status audio_open_file(audio_out **out, const char *path, ra_format fmt, int rate, char *err, size_t errcap);
/* Starts writing an encoded file into memory. */
ra_status audio_open_memory(audio_out **out, ra_format fmt, int rate, char *err, size_t errcap);
/* Appends samples; returns 0, or -1 when the encoder or the disk failed. */
int audio_write(audio_out *o, const int16_t *pcm, size_t n);
/* Completes the output: renames the file into place, or hands over the memory (*data, *size,
 * freed with free). Frees o in every case; on failure nothing is left behind. */
ra_status audio_finish(audio_out *o, void **data, size_t *size, char *err, size_t errcap);
/* Abandons the output: removes the temporary file, frees memory. Accepts NULL. */
void audio_abort(audio_out *o);

#endif
