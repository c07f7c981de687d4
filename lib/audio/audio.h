/* Audio encoding: the only code that uses libsndfile. PCM in, an encoded stream out. */
#ifndef RA_AUDIO_H
#define RA_AUDIO_H

#include <stddef.h>
#include <stdint.h>

#include "readarticle.h"
#include "stream.h"

typedef struct audio_out audio_out;

/* The format a file name asks for: RA_FORMAT_WAV when it has no extension; RA_FORMAT_AUTO
 * when its extension names no format this build writes. */
ra_format audio_format_for(const char *path);
/* 1 when this build (its libsndfile) can write f. */
int audio_format_supported(ra_format f);
/* "wav, flac, ogg, mp3": the formats this build writes, for messages. */
const char *audio_format_list(void);

/* Starts encoding mono 16-bit audio of p->rate Hz into s (which must outlive the encoder),
 * resampled to p->out_rate, at p->quality. On a stream that cannot seek, WAV gets
 * a header with the "length unknown" sizes that players of streams expect (as sox and
 * espeak-ng --stdout write). */
typedef struct {
    int rate;      /* of the PCM given */
    int out_rate;  /* of the encoded audio; 0: rate, or 48 kHz for Opus */
    int quality;   /* lossy formats: 0 (smallest) .. 10 (best); -1: the encoder's default */
} audio_params;
ra_status audio_begin(audio_out **out, bstream *s, ra_format fmt, const audio_params *p, char *err, size_t errcap);
/* Encodes samples; returns 0, or -1 when the encoder or the stream failed. */
int audio_write(audio_out *o, const int16_t *pcm, size_t n);
/* Flushes and closes the encoder; frees o. Fails when any write failed. */
ra_status audio_end(audio_out *o, char *err, size_t errcap);
/* Closes the encoder without caring for the result; frees o. Accepts NULL. */
void audio_discard(audio_out *o);

#endif
