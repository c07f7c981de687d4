/* Public entry points: argument checks, engine life cycle, per-thread error messages. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "charset.h"
#include "engine.h"

#define DEFAULT_MAX_INSTANCES 8
#define DEFAULT_TIMEOUT_MS 30000
#define DEFAULT_MEMORY_MB 1024
#define CPU_SECONDS_PER_TEXT 60 /* one chunk of a sentence takes milliseconds */

static _Thread_local struct {
    const ra_engine *engine;
    char msg[512];
} last_error, last_warning;

ra_status api_fail(const ra_engine *e, ra_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    last_error.engine = e;
    vsnprintf(last_error.msg, sizeof last_error.msg, fmt, ap);
    va_end(ap);
    return st;
}

void api_warn(const ra_engine *e, const char *msg)
{
    last_warning.engine = e;
    snprintf(last_warning.msg, sizeof last_warning.msg, "%s", msg);
}

void api_clear(const ra_engine *e)
{
    if (last_error.engine == e)
        last_error.msg[0] = '\0';
    last_warning.msg[0] = '\0';
}

RA_API const char *ra_errmsg(const ra_engine *engine)
{
    return last_error.engine == engine ? last_error.msg : "";
}

RA_API const char *ra_warning(const ra_engine *engine)
{
    return last_warning.engine == engine ? last_warning.msg : "";
}

RA_API const char *ra_version_string(void)
{
    return RA_VERSION_STRING;
}

RA_API const char *ra_strerror(ra_status status)
{
    switch (status) {
    case RA_OK: return "success";
    case RA_ERR_ARG: return "invalid argument";
    case RA_ERR_NOMEM: return "out of memory";
    case RA_ERR_UTF8: return "input is not valid UTF-8";
    case RA_ERR_IO: return "input/output error";
    case RA_ERR_VOICE: return "voice not found or invalid";
    case RA_ERR_SYNTH: return "speech synthesis failed";
    case RA_ERR_FORMAT: return "unsupported audio format";
    case RA_ERR_ABORTED: return "stopped by a callback";
    case RA_ERR_LEXICON: return "invalid lexicon";
    case RA_ERR_EMPTY: return "nothing to read";
    case RA_ERR_LIMIT: return "a duration or time limit was reached";
    }
    return "unknown status";
}

/* The bytes of an ra_options of each version: a caller's struct may be an older, shorter one. */
static size_t options_size(unsigned version)
{
    return version == 1 ? offsetof(ra_options, worker_timeout_ms)
         : version == 2 ? offsetof(ra_options, input_format)
         : version == 3 ? offsetof(ra_options, input_strict)
         : version == 4 ? offsetof(ra_options, sample_rate) : sizeof(ra_options);
}

RA_API ra_status(ra_options_init)(ra_options *opts)
{
    return ra_options_init_version(opts, 2);
}

RA_API ra_status ra_options_init_version(ra_options *opts, unsigned version)
{
    if (!opts || version < 1 || version > RA_OPTIONS_VERSION)
        return RA_ERR_ARG;
    memset(opts, 0, options_size(version));
    opts->version = version;
    opts->pitch = -1;
    opts->pause_sentence = -1;
    opts->pause_paragraph = -1;
    if (version >= 5)
        opts->quality = -1;
    return RA_OK;
}

static unsigned default_instances(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > DEFAULT_MAX_INSTANCES ? DEFAULT_MAX_INSTANCES : (unsigned)n;
}

/* A tag name, #id or .class: letters, digits, - _ : after the optional sign, nothing else. */
static int selector_valid(const char *sel)
{
    const char *p = sel + (*sel == '#' || *sel == '.');
    if (!*p || strlen(sel) > 256)
        return 0;
    for (; *p; p++)
        if (!(((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z') || (*p >= '0' && *p <= '9') || strchr("-_:", *p)))
            return 0;
    return 1;
}


static ra_status check_options(const ra_options *o)
{
    if (o->version < 1 || o->version > RA_OPTIONS_VERSION)
        return api_fail(NULL, RA_ERR_ARG, "options not initialised with ra_options_init");
    if (o->rate != 0 && (o->rate < 80 || o->rate > 450))
        return api_fail(NULL, RA_ERR_ARG, "rate %d is outside 80..450 words per minute", o->rate);
    if (o->pitch != -1 && (o->pitch < 0 || o->pitch > 100))
        return api_fail(NULL, RA_ERR_ARG, "pitch %d is outside 0..100", o->pitch);
    if (o->pause_sentence < -1 || o->pause_sentence > 10000 || o->pause_paragraph < -1 || o->pause_paragraph > 10000)
        return api_fail(NULL, RA_ERR_ARG, "pauses must be 0..10000 milliseconds");
    if (o->version >= 2 && (o->worker_timeout_ms > 3600000 || o->worker_memory_mb > 1048576))
        return api_fail(NULL, RA_ERR_ARG, "worker_timeout_ms is at most 3600000 and worker_memory_mb at most 1048576");
    if (o->version >= 3 && (o->input_format < RA_INPUT_TEXT || o->input_format > RA_INPUT_AUTO))
        return api_fail(NULL, RA_ERR_ARG, "input_format %d is not an ra_input_format", o->input_format);
    if (o->version >= 3 && o->input_encoding && !text_encoding_known(o->input_encoding))
        return api_fail(NULL, RA_ERR_ARG, "unknown input encoding \"%.32s\" (auto, utf-8, utf-16, cp1258, tcvn3, vni or viscii)",
                        o->input_encoding);
    if (o->version >= 5 && (o->quality < -1 || o->quality > 10))
        return api_fail(NULL, RA_ERR_ARG, "quality %d is outside 0..10 (or -1)", o->quality);
    if (o->version >= 5 && o->sample_rate && (o->sample_rate < 8000 || o->sample_rate > 48000))
        return api_fail(NULL, RA_ERR_ARG, "sample_rate %u is outside 8000..48000 Hz", o->sample_rate);
    if (o->version >= 3 && o->html_selector && !selector_valid(o->html_selector))
        return api_fail(NULL, RA_ERR_ARG, "selector \"%.64s\" is not a tag name, #id or .class", o->html_selector);
    return RA_OK;
}

/* The voice with the options' rate, pitch and pauses applied. */
static void apply_voice_options(voice_profile *v, const ra_options *o)
{
    if (o->rate)
        v->rate = o->rate;
    if (o->pitch >= 0)
        v->pitch = o->pitch;
    if (o->pause_sentence >= 0)
        v->pause_sentence = o->pause_sentence;
    if (o->pause_paragraph >= 0) /* a paragraph ends a heading and a list item too */
        v->pause_paragraph = v->pause_heading = v->pause_list = o->pause_paragraph;
}

/* The workers' limits; the fields exist only in options of version 2 and later. */
static worker_limits limits_from(const ra_options *o)
{
    worker_limits lim = { DEFAULT_TIMEOUT_MS, CPU_SECONDS_PER_TEXT, DEFAULT_MEMORY_MB };
    if (o->version >= 2 && o->worker_timeout_ms)
        lim.timeout_ms = o->worker_timeout_ms;
    if (o->version >= 2 && o->worker_memory_mb)
        lim.address_space_mb = o->worker_memory_mb;
    return lim;
}

RA_API ra_status ra_engine_new(ra_engine **out, const ra_options *opts)
{
    ra_options defaults;
    api_clear(NULL);
    if (!out)
        return api_fail(NULL, RA_ERR_ARG, "ra_engine_new: out is NULL");
    if (!opts) {
        ra_options_init(&defaults);
        opts = &defaults;
    }
    ra_status st = check_options(opts);
    if (st != RA_OK)
        return st;
    ra_engine *e = calloc(1, sizeof *e);
    if (!e)
        return api_fail(NULL, RA_ERR_NOMEM, "out of memory");
    char err[256] = "";
    if ((st = voice_load(opts->voice, &e->voice, err, sizeof err)) != RA_OK)
        goto fail;
    apply_voice_options(&e->voice, opts);
    e->on_event = opts->on_event;
    e->event_user = opts->event_user;
    e->progress = opts->progress;
    e->progress_user = opts->progress_user;
    e->ncfg.dl = e->voice.dl;
    if ((st = ulex_load(&e->ulex, opts->lexicons, err, sizeof err)) != RA_OK)
        goto fail;
    e->ncfg.ulex = e->ulex;
    if (opts->version >= 3) {
        e->input_format = opts->input_format;
        e->whole_page = opts->html_whole_page != 0;
        e->max_duration_ms = opts->max_duration_ms;
        if (opts->input_encoding)
            snprintf(e->encoding, sizeof e->encoding, "%s", opts->input_encoding);
        e->timeout_ms = opts->timeout_ms;
        size_t n = opts->html_selector ? strlen(opts->html_selector) + 1 : 0;
        if (n && (e->selector = malloc(n)) != NULL)
            memcpy(e->selector, opts->html_selector, n);
        if (n && !e->selector) {
            st = RA_ERR_NOMEM;
            goto fail;
        }
    }
    e->strict = opts->version < 4 || opts->input_strict; /* older callers were promised RA_ERR_UTF8 */
    e->out_rate = opts->version >= 5 ? opts->sample_rate : 0;
    e->quality = opts->version >= 5 ? opts->quality : -1;
    worker_limits lim = limits_from(opts);
    e->jobs = opts->max_instances ? opts->max_instances : default_instances();
    st = speech_pool_new(&e->pool, e->jobs, &e->voice, &lim);
    if (st != RA_OK)
        goto fail;
    *out = e;
    return RA_OK;
fail:
    ulex_free(e->ulex);
    free(e->selector);
    free(e);
    return api_fail(NULL, st, "%s", err[0] ? err : ra_strerror(st));
}

RA_API void ra_engine_free(ra_engine *engine)
{
    if (!engine)
        return;
    speech_pool_free(engine->pool);
    ulex_free(engine->ulex);
    free(engine->selector);
    free(engine);
}

RA_API int ra_sample_rate(const ra_engine *engine)
{
    (void)engine;
    return 22050; /* espeak-ng's output rate, fixed in its engine (files use the rate it reports) */
}

RA_API size_t ra_voice_count(void)
{
    return gen_voices_count;
}

#define MAX_VOICES 64
static voice_profile voice_list[MAX_VOICES];
static pthread_once_t voice_list_once = PTHREAD_ONCE_INIT;

static void parse_voice_list(void)
{
    char err[128];
    for (size_t i = 0; i < gen_voices_count && i < MAX_VOICES; i++)
        if (voice_parse(gen_voices[i][1], gen_voices[i][0], &voice_list[i], err, sizeof err) != RA_OK)
            voice_list[i].name[0] = '\0';
}

RA_API ra_status ra_voice_info(size_t i, const char **name, const char **description)
{
    if (i >= gen_voices_count || i >= MAX_VOICES || !name || !description)
        return RA_ERR_ARG;
    pthread_once(&voice_list_once, parse_voice_list);
    if (!voice_list[i].name[0])
        return RA_ERR_VOICE;
    *name = voice_list[i].name;
    *description = voice_list[i].description;
    return RA_OK;
}

RA_API void ra_free(void *p)
{
    free(p);
}
