/* Audio output through libsndfile: blocks written as they arrive (large Vorbis writes crash
 * libsndfile), files written to a temporary name and renamed, memory through virtual I/O. */
#define _POSIX_C_SOURCE 200809L
#include "audio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sndfile.h>

#define WRITE_BLOCK 4096 /* samples per sf_write call */

typedef struct {
    unsigned char *p;
    sf_count_t len, cap, pos;
    int oom;
} membuf;

struct audio_out {
    SNDFILE *sf;
    char *path;  /* final name (file output) */
    char *tmp;   /* temporary name (file output) */
    membuf mem;  /* memory output */
    int failed;
};

ra_format audio_format_for(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (!dot)
        return RA_FORMAT_WAV;
    if (!strcasecmp(dot, ".flac"))
        return RA_FORMAT_FLAC;
    if (!strcasecmp(dot, ".ogg") || !strcasecmp(dot, ".oga"))
        return RA_FORMAT_OGG;
    if (!strcasecmp(dot, ".mp3"))
        return RA_FORMAT_MP3;
    return RA_FORMAT_WAV;
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
    default: return 0;
    }
}

static ra_status make_info(SF_INFO *info, ra_format fmt, int rate, char *err, size_t errcap)
{
    memset(info, 0, sizeof *info);
    info->samplerate = rate;
    info->channels = 1;
    info->format = sf_format(fmt);
    if (!info->format || !sf_format_check(info)) {
        snprintf(err, errcap, "this libsndfile cannot write the requested audio format");
        return RA_ERR_FORMAT;
    }
    return RA_OK;
}

/* Creates ".NAME.XXXXXX" beside path with the umask's permissions (mkstemp would force 0600);
 * a short name, so a path near the length limit still gets a temporary file. */
static int open_temp(const char *path, char **tmp)
{
    static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    const char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) + 1 : 0, n = strlen(path) + 16;
    const char *base = path + dir;
    char *t = malloc(n);
    if (!t)
        return errno = ENOMEM, -1;
    unsigned long seed = (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 16) ^ (unsigned long)(uintptr_t)t;
    for (int attempt = 0; attempt < 100; attempt++) {
        char rnd[7];
        for (int k = 0; k < 6; k++) {
            seed = seed * 6364136223846793005ul + 1442695040888963407ul;
            rnd[k] = digits[(seed >> 33) % (sizeof digits - 1)];
        }
        rnd[6] = '\0';
        snprintf(t, n, "%.*s.%.*s.%s", (int)dir, path, strlen(base) > 200 ? 8 : (int)strlen(base), base, rnd);
        int fd = open(t, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            *tmp = t;
            return fd;
        }
        if (errno != EEXIST)
            break;
    }
    int saved = errno;
    free(t);
    return errno = saved, -1;
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    return d ? memcpy(d, s, n) : NULL;
}

ra_status audio_open_file(audio_out **out, const char *path, ra_format fmt, int rate, char *err, size_t errcap)
{
    SF_INFO info;
    if (fmt == RA_FORMAT_AUTO)
        fmt = audio_format_for(path);
    ra_status st = make_info(&info, fmt, rate, err, errcap);
    if (st != RA_OK)
        return st;
    audio_out *o = calloc(1, sizeof *o);
    if (!o || !(o->path = dup_str(path))) {
        audio_abort(o);
        return RA_ERR_NOMEM;
    }
    int fd = open_temp(path, &o->tmp);
    if (fd < 0) {
        snprintf(err, errcap, "cannot write '%s': %s", path, strerror(errno));
        audio_abort(o);
        return errno == ENOMEM ? RA_ERR_NOMEM : RA_ERR_IO;
    }
    o->sf = sf_open_fd(fd, SFM_WRITE, &info, 1);
    if (!o->sf) {
        close(fd);
        snprintf(err, errcap, "cannot encode '%s': %s", path, sf_strerror(NULL));
        audio_abort(o);
        return RA_ERR_FORMAT;
    }
    *out = o;
    return RA_OK;
}

static sf_count_t vio_len(void *u) { return ((membuf *)u)->len; }
static sf_count_t vio_tell(void *u) { return ((membuf *)u)->pos; }

static sf_count_t vio_seek(sf_count_t off, int whence, void *u)
{
    membuf *m = u;
    sf_count_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? m->pos : m->len;
    if (base + off < 0)
        return -1;
    m->pos = base + off;
    return m->pos;
}

static sf_count_t vio_read(void *ptr, sf_count_t n, void *u)
{
    membuf *m = u;
    sf_count_t avail = m->pos < m->len ? m->len - m->pos : 0;
    if (n > avail)
        n = avail;
    memcpy(ptr, m->p + m->pos, (size_t)n);
    m->pos += n;
    return n;
}

static sf_count_t vio_write(const void *ptr, sf_count_t n, void *u)
{
    membuf *m = u;
    if (m->pos + n > m->cap) {
        sf_count_t cap = m->cap ? m->cap : 65536;
        while (cap < m->pos + n)
            cap *= 2;
        unsigned char *p = realloc(m->p, (size_t)cap);
        if (!p) {
            m->oom = 1;
            return 0;
        }
        m->p = p;
        m->cap = cap;
    }
    if (m->pos > m->len)
        memset(m->p + m->len, 0, (size_t)(m->pos - m->len));
    memcpy(m->p + m->pos, ptr, (size_t)n);
    m->pos += n;
    if (m->pos > m->len)
        m->len = m->pos;
    return n;
}

ra_status audio_open_memory(audio_out **out, ra_format fmt, int rate, char *err, size_t errcap)
{
    static SF_VIRTUAL_IO vio = { vio_len, vio_seek, vio_read, vio_write, vio_tell };
    SF_INFO info;
    ra_status st = make_info(&info, fmt == RA_FORMAT_AUTO ? RA_FORMAT_WAV : fmt, rate, err, errcap);
    if (st != RA_OK)
        return st;
    audio_out *o = calloc(1, sizeof *o);
    if (!o)
        return RA_ERR_NOMEM;
    o->sf = sf_open_virtual(&vio, SFM_WRITE, &info, &o->mem);
    if (!o->sf) {
        snprintf(err, errcap, "cannot start the encoder: %s", sf_strerror(NULL));
        audio_abort(o);
        return RA_ERR_FORMAT;
    }
    *out = o;
    return RA_OK;
}

int audio_write(audio_out *o, const int16_t *pcm, size_t n)
{
    while (n > 0 && !o->failed) {
        size_t k = n < WRITE_BLOCK ? n : WRITE_BLOCK;
        if (sf_write_short(o->sf, pcm, (sf_count_t)k) != (sf_count_t)k || o->mem.oom)
            o->failed = 1;
        pcm += k;
        n -= k;
    }
    return o->failed ? -1 : 0;
}

ra_status audio_finish(audio_out *o, void **data, size_t *size, char *err, size_t errcap)
{
    int bad = o->failed || sf_close(o->sf) != 0 || o->mem.oom;
    o->sf = NULL;
    if (bad) {
        snprintf(err, errcap, "writing the audio failed%s%s", o->path ? ": " : "", o->path ? o->path : "");
        audio_abort(o);
        return RA_ERR_IO;
    }
    if (o->tmp) {
        if (rename(o->tmp, o->path) != 0) {
            snprintf(err, errcap, "cannot write '%s': %s", o->path, strerror(errno));
            audio_abort(o);
            return RA_ERR_IO;
        }
        free(o->tmp);
        o->tmp = NULL;
    } else {
        *data = o->mem.p;
        *size = (size_t)o->mem.len;
        o->mem.p = NULL;
    }
    audio_abort(o);
    return RA_OK;
}

void audio_abort(audio_out *o)
{
    if (!o)
        return;
    if (o->sf)
        sf_close(o->sf);
    if (o->tmp) {
        unlink(o->tmp);
        free(o->tmp);
    }
    free(o->path);
    free(o->mem.p);
    free(o);
}
