/* Audio encoding through libsndfile's virtual I/O over a byte stream, in blocks as they arrive
 * (large Vorbis writes crash libsndfile); WAV to a stream that cannot seek is written here. */
#define _POSIX_C_SOURCE 200809L
#include "audio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sndfile.h>
#include <soxr.h>

#include "ascii.h"

#define WRITE_BLOCK 4096            /* samples per sf_write call */
#define OPUS_RATE 48000             /* Opus takes 8, 12, 16, 24 or 48 kHz: espeak-ng's 22,050 is resampled */
#define WAV_STREAM_DATA 0x7ffff000u /* the data size sox and espeak-ng write when it is unknown */

struct audio_out {
    bstream *s;
    SNDFILE *sf;   /* NULL: raw WAV to a stream */
    soxr_t soxr;   /* resampling to the encoder's rate, or NULL */
    int failed;
};

static const struct {
    const char *ext;
    ra_format fmt;
} extensions[] = {
    { "wav", RA_FORMAT_WAV }, { "wave", RA_FORMAT_WAV }, { "flac", RA_FORMAT_FLAC },
    { "ogg", RA_FORMAT_OGG }, { "oga", RA_FORMAT_OGG },  { "mp3", RA_FORMAT_MP3 },
    { "opus", RA_FORMAT_OPUS },
};

ra_format audio_format_for(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base)
        return RA_FORMAT_WAV; /* "out", "/dev/stdout", ".hidden": nothing asks for a format */
    for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++)
        if (ascii_casecmp(dot + 1, extensions[i].ext) == 0)
            return audio_format_supported(extensions[i].fmt) ? extensions[i].fmt : RA_FORMAT_AUTO;
    return RA_FORMAT_AUTO;
}

static int sf_format(ra_format f)
{
    switch (f) {
    case RA_FORMAT_AUTO:
    case RA_FORMAT_WAV: return SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    case RA_FORMAT_FLAC: return SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
    case RA_FORMAT_OGG: return SF_FORMAT_OGG | SF_FORMAT_VORBIS;
#ifdef RA_HAVE_MP3
    case RA_FORMAT_MP3: return SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III;
#endif
    case RA_FORMAT_OPUS: return SF_FORMAT_OGG | SF_FORMAT_OPUS;
    default: return 0;
    }
}

static int make_info(SF_INFO *info, ra_format fmt, int rate)
{
    memset(info, 0, sizeof *info);
    info->samplerate = rate > 0 ? rate : 22050;
    info->channels = 1;
    info->format = sf_format(fmt);
    return info->format && sf_format_check(info);
}

int audio_format_supported(ra_format f)
{
    SF_INFO info;
    return f >= RA_FORMAT_WAV && f <= RA_FORMAT_OPUS && make_info(&info, f, f == RA_FORMAT_OPUS ? OPUS_RATE : 22050);
}

const char *audio_format_list(void)
{
    static const char *const lists[] = { "wav, flac, ogg", "wav, flac, ogg, mp3", "wav, flac, ogg, opus",
                                         "wav, flac, ogg, mp3, opus" };
    return lists[audio_format_supported(RA_FORMAT_MP3) + 2 * audio_format_supported(RA_FORMAT_OPUS)];
}

static sf_count_t vio_len(void *u)
{
    return ((bstream *)u)->len;
}

static sf_count_t vio_tell(void *u)
{
    return ((bstream *)u)->pos;
}

static sf_count_t vio_seek(sf_count_t off, int whence, void *u)
{
    return stream_seek(u, off, whence);
}

static sf_count_t vio_read(void *p, sf_count_t n, void *u)
{
    return n > 0 ? (sf_count_t)stream_read(u, p, (size_t)n) : 0;
}

static sf_count_t vio_write(const void *p, sf_count_t n, void *u)
{
    return n > 0 && stream_write(u, p, (size_t)n) == 0 ? n : 0;
}

static void put_le(unsigned char *p, uint32_t v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

/* The canonical 44-byte header of 16-bit mono PCM, with the sizes of a stream of unknown length. */
static int wav_stream_header(bstream *s, int rate)
{
    unsigned char h[44];
    memcpy(h, "RIFF", 4);
    put_le(h + 4, WAV_STREAM_DATA + 36, 4);
    memcpy(h + 8, "WAVEfmt ", 8);
    put_le(h + 16, 16, 4);
    put_le(h + 20, 1, 2);                  /* PCM */
    put_le(h + 22, 1, 2);                  /* mono */
    put_le(h + 24, (uint32_t)rate, 4);
    put_le(h + 28, (uint32_t)rate * 2, 4); /* bytes a second */
    put_le(h + 32, 2, 2);                  /* bytes a frame */
    put_le(h + 34, 16, 2);                 /* bits a sample */
    memcpy(h + 36, "data", 4);
    put_le(h + 40, WAV_STREAM_DATA, 4);
    return stream_write(s, h, sizeof h);
}

/* Quality 0..10 as libsndfile's compression level (0 best, 1 smallest) for the lossy formats. */
static void set_quality(SNDFILE *sf, ra_format fmt, int quality)
{
    if (quality < 0 || (fmt != RA_FORMAT_OGG && fmt != RA_FORMAT_MP3 && fmt != RA_FORMAT_OPUS))
        return;
    double level = 1.0 - quality / 10.0;
    sf_command(sf, SFC_SET_COMPRESSION_LEVEL, &level, sizeof level);
}

ra_status audio_begin(audio_out **out, bstream *s, ra_format fmt, const audio_params *p, char *err, size_t errcap)
{
    int rate = p->rate, out_rate = p->out_rate;
    static SF_VIRTUAL_IO vio = { vio_len, vio_seek, vio_read, vio_write, vio_tell };
    SF_INFO info;
    if (fmt == RA_FORMAT_AUTO)
        fmt = RA_FORMAT_WAV;
    if (!make_info(&info, fmt, out_rate ? out_rate : fmt == RA_FORMAT_OPUS ? OPUS_RATE : rate)) {
        if (out_rate && audio_format_supported(fmt))
            snprintf(err, errcap, "that audio format cannot be written at %d Hz%s", out_rate,
                     fmt == RA_FORMAT_OPUS ? " (Opus takes 8000, 12000, 16000, 24000 or 48000)" : "");
        else
            snprintf(err, errcap, "this build cannot write that audio format (it writes %s)", audio_format_list());
        return RA_ERR_FORMAT;
    }
    audio_out *o = calloc(1, sizeof *o);
    if (!o)
        return RA_ERR_NOMEM;
    o->s = s;
    if (info.samplerate != rate) {
        soxr_io_spec_t io = soxr_io_spec(SOXR_INT16_I, SOXR_INT16_I);
        soxr_quality_spec_t q = soxr_quality_spec(SOXR_HQ, 0);
        soxr_error_t e = NULL;
        o->soxr = soxr_create(rate, info.samplerate, 1, &e, &io, &q, NULL);
        if (e || !o->soxr) {
            snprintf(err, errcap, "cannot start the resampler: %s", e ? e : "out of memory");
            free(o);
            return RA_ERR_NOMEM;
        }
    }
    if (fmt == RA_FORMAT_WAV && !s->seekable) {
        o->failed = wav_stream_header(s, info.samplerate) != 0;
    } else if (!(o->sf = sf_open_virtual(&vio, SFM_WRITE, &info, s))) {
        snprintf(err, errcap, "cannot start the encoder: %s", sf_strerror(NULL));
        soxr_delete(o->soxr);
        free(o);
        return s->err == ENOMEM ? RA_ERR_NOMEM : RA_ERR_FORMAT;
    }
    if (o->sf)
        set_quality(o->sf, fmt, p->quality);
    *out = o;
    return RA_OK;
}

static int raw_write(audio_out *o, const int16_t *pcm, size_t n)
{
    unsigned char buf[2 * WRITE_BLOCK];
    while (n > 0) {
        size_t k = n < WRITE_BLOCK ? n : WRITE_BLOCK;
        for (size_t i = 0; i < k; i++)
            put_le(buf + 2 * i, (uint16_t)pcm[i], 2);
        if (stream_write(o->s, buf, 2 * k) != 0)
            return -1;
        pcm += k;
        n -= k;
    }
    return 0;
}

static void encode(audio_out *o, const int16_t *pcm, size_t n)
{
    if (!o->sf) { /* WAV to a stream that cannot seek: written here */
        o->failed = o->failed || raw_write(o, pcm, n) != 0;
        return;
    }
    while (n > 0 && !o->failed) {
        size_t k = n < WRITE_BLOCK ? n : WRITE_BLOCK;
        if (sf_write_short(o->sf, pcm, (sf_count_t)k) != (sf_count_t)k || o->s->err || o->s->stopped)
            o->failed = 1;
        pcm += k;
        n -= k;
    }
}

/* Through the resampler (pcm NULL: what it still holds), then to the encoder. */
static void resample(audio_out *o, const int16_t *pcm, size_t n)
{
    int16_t out[WRITE_BLOCK * 3];
    do {
        size_t used = 0, made = 0;
        size_t k = n < WRITE_BLOCK ? n : WRITE_BLOCK;
        if (soxr_process(o->soxr, pcm, k, &used, out, sizeof out / sizeof out[0], &made) != NULL)
            o->failed = 1;
        encode(o, out, made);
        if (!pcm && made == 0)
            break;
        if (pcm) {
            pcm += used;
            n -= used;
        }
    } while (!o->failed && (pcm ? n > 0 : 1));
}

int audio_write(audio_out *o, const int16_t *pcm, size_t n)
{
    if (o->soxr)
        resample(o, pcm, n);
    else
        encode(o, pcm, n);
    return o->failed ? -1 : 0;
}

ra_status audio_end(audio_out *o, char *err, size_t errcap)
{
    if (o->soxr && !o->failed)
        resample(o, NULL, 0); /* the resampler's tail */
    int bad = o->failed;
    soxr_delete(o->soxr);
    if (o->sf)
        bad |= sf_close(o->sf) != 0;
    bad |= stream_flush(o->s) != 0; /* the last block of a buffered file */
    bad |= o->s->err != 0 || o->s->stopped;
    ra_status st = RA_OK;
    if (o->s->stopped)
        st = RA_ERR_ABORTED;
    else if (o->s->err == ENOMEM)
        st = RA_ERR_NOMEM;
    else if (bad)
        st = RA_ERR_IO;
    if (st != RA_OK)
        snprintf(err, errcap, "%s", o->s->err ? strerror(o->s->err) : "the encoder failed");
    free(o);
    return st;
}

void audio_discard(audio_out *o)
{
    if (!o)
        return;
    soxr_delete(o->soxr);
    if (o->sf)
        sf_close(o->sf);
    free(o);
}
