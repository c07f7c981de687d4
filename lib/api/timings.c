/* Public entry points of timings collectors: argument checks, messages, files. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "engine.h"
#include "outfile.h"
#include "stream.h"
#include "timings.h"

RA_API ra_status ra_timings_new(ra_timings **out, const char *input, size_t len)
{
    api_clear(NULL);
    if (!out || (!input && len))
        return api_fail(NULL, RA_ERR_ARG, "NULL argument");
    ra_timings *t = tim_new(input ? input : "", len);
    if (!t)
        return api_fail(NULL, RA_ERR_NOMEM, "out of memory");
    *out = t;
    return RA_OK;
}

RA_API void ra_timings_free(ra_timings *t)
{
    tim_free(t);
}

RA_API int ra_timings_collect(void *user, const ra_event *event)
{
    return !user || !event || tim_collect(user, event) != 0;
}

RA_API ra_status ra_timings_attach(ra_timings *t, ra_hooks *hooks)
{
    if (!t || !hooks || hooks->version != RA_HOOKS_VERSION)
        return RA_ERR_ARG;
    hooks->on_event = ra_timings_collect;
    hooks->event_user = t;
    return RA_OK;
}

static ra_status render(const ra_timings *t, ra_timings_format format, rbuf *b)
{
    if (!t || format < RA_TIMINGS_AUTO || format > RA_TIMINGS_SRT)
        return api_fail(NULL, RA_ERR_ARG, "NULL argument or unknown timings format");
    if (tim_render(t, format, b) != 0) {
        rbuf_free(b);
        return api_fail(NULL, RA_ERR_NOMEM, "out of memory");
    }
    return RA_OK;
}

RA_API ra_status ra_timings_render(const ra_timings *t, ra_timings_format format, char **out, size_t *size)
{
    api_clear(NULL);
    if (!out || !size)
        return api_fail(NULL, RA_ERR_ARG, "NULL argument");
    rbuf b = { 0 };
    ra_status st = render(t, format == RA_TIMINGS_AUTO ? RA_TIMINGS_JSON : format, &b);
    if (st != RA_OK)
        return st;
    size_t n = b.len;
    char *s = rbuf_take(&b);
    if (!s)
        return api_fail(NULL, RA_ERR_NOMEM, "out of memory");
    *out = s;
    *size = n;
    return RA_OK;
}

RA_API ra_status ra_timings_write(const ra_timings *t, const char *path, ra_timings_format format)
{
    api_clear(NULL);
    if (!path || !*path)
        return api_fail(NULL, RA_ERR_ARG, "NULL argument or empty file name");
    rbuf b = { 0 };
    ra_status st = render(t, format == RA_TIMINGS_AUTO ? tim_format_for(path) : format, &b);
    if (st != RA_OK)
        return st;
    outfile of;
    char err[512] = "";
    bstream s;
    if ((st = outfile_open(&of, path, err, sizeof err)) == RA_OK) {
        stream_fd(&s, of.fd, of.seekable);
        if (stream_write(&s, b.p ? b.p : "", b.len) != 0) {
            snprintf(err, sizeof err, "cannot write '%s': %s", path, strerror(s.err));
            st = s.err == ENOMEM ? RA_ERR_NOMEM : RA_ERR_IO;
            outfile_abort(&of);
        } else {
            st = outfile_commit(&of, err, sizeof err);
        }
    }
    rbuf_free(&b);
    return st == RA_OK ? st : api_fail(NULL, st, "%s", err);
}
