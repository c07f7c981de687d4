/* Synthesis through libespeak-ng's C API, synchronous mode. espeak-ng keeps its state in
 * globals, so each instance is a private copy loaded with dlmopen into its own namespace; where
 * that is impossible, one shared copy in the default namespace is used under a process lock. */
#define _GNU_SOURCE
#include "synth.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <espeak-ng/speak_lib.h>

#define ESPEAK_SONAME "libespeak-ng.so.1"
#define POOL_MAX 16

struct synth_inst {
    void *lib;
    int rate_hz;
    int shared; /* the default-namespace copy: guarded by shared_lock */
    int (*initialize)(espeak_AUDIO_OUTPUT, int, const char *, int);
    void (*set_synth_callback)(t_espeak_callback *);
    void (*set_uri_callback)(int (*)(int, const char *, const char *));
    espeak_ERROR (*set_voice)(const char *);
    espeak_ERROR (*set_parameter)(espeak_PARAMETER, int, int);
    espeak_ERROR (*synth)(const void *, size_t, unsigned int, espeak_POSITION_TYPE, unsigned int,
                          unsigned int, unsigned int *, void *);
    espeak_ERROR (*terminate)(void);
};

struct synth_pool {
    pthread_mutex_t mu;
    pthread_cond_t idle;
    voice_profile voice;
    unsigned max;
    unsigned count;     /* slots loaded or being loaded */
    synth_inst *inst[POOL_MAX];
    int busy[POOL_MAX];
    int broken[POOL_MAX]; /* no private copy could be loaded here: never tried again */
    int use_shared;     /* private copies failed: use the shared one */
};

static pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;
static synth_inst *shared_inst;

typedef struct {
    synth_pcm_fn cb;
    synth_word_fn word;
    void *user;
    int stopped;
} speak_call;

static int on_audio(short *wav, int n, espeak_EVENT *ev)
{
    speak_call *call = NULL;
    /* every event, the list terminator included, carries the user_data of this synth call */
    for (espeak_EVENT *e = ev; e && !call; e++) {
        call = e->user_data;
        if (e->type == espeakEVENT_LIST_TERMINATED)
            break;
    }
    /* WORD events: 1-based code point positions; their length is unreliable, so unused */
    for (; call && call->word && ev && ev->type != espeakEVENT_LIST_TERMINATED; ev++)
        if (ev->type == espeakEVENT_WORD && ev->text_position > 0 && ev->audio_position >= 0)
            call->word(call->user, (size_t)ev->text_position - 1, (unsigned)ev->audio_position);
    if (!call || !wav || n <= 0 || call->stopped)
        return call && call->stopped;
    if (call->cb(call->user, (const int16_t *)wav, (size_t)n) != 0)
        call->stopped = 1;
    return call->stopped;
}

/* SSML <audio src> would run a URI handler: refuse every URI, even though no SSML is sent. */
static int refuse_uri(int type, const char *uri, const char *base)
{
    (void)type, (void)uri, (void)base;
    return 1;
}

static int bind(synth_inst *s)
{
    *(void **)&s->initialize = dlsym(s->lib, "espeak_Initialize");
    *(void **)&s->set_synth_callback = dlsym(s->lib, "espeak_SetSynthCallback");
    *(void **)&s->set_uri_callback = dlsym(s->lib, "espeak_SetUriCallback");
    *(void **)&s->set_voice = dlsym(s->lib, "espeak_SetVoiceByName");
    *(void **)&s->set_parameter = dlsym(s->lib, "espeak_SetParameter");
    *(void **)&s->synth = dlsym(s->lib, "espeak_Synth");
    *(void **)&s->terminate = dlsym(s->lib, "espeak_Terminate");
    return s->initialize && s->set_synth_callback && s->set_uri_callback && s->set_voice &&
           s->set_parameter && s->synth && s->terminate;
}

static void inst_free(synth_inst *s)
{
    if (!s)
        return;
    if (s->lib) {
        if (s->terminate && s->rate_hz > 0)
            s->terminate();
        dlclose(s->lib);
    }
    free(s);
}

static synth_inst *inst_load(int private_copy, char *err, size_t errcap)
{
    synth_inst *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->shared = !private_copy;
    s->lib = private_copy ? dlmopen(LM_ID_NEWLM, ESPEAK_SONAME, RTLD_NOW | RTLD_LOCAL)
                          : dlopen(ESPEAK_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!s->lib || !bind(s)) {
        const char *why = dlerror();
        snprintf(err, errcap, "cannot load %s: %s", ESPEAK_SONAME, why ? why : "missing symbols");
        inst_free(s);
        return NULL;
    }
    /* DONT_EXIT: by default a failed initialisation ends the whole process */
    s->rate_hz = s->initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, espeakINITIALIZE_DONT_EXIT);
    if (s->rate_hz <= 0) {
        snprintf(err, errcap, "espeak-ng failed to initialise (is espeak-ng-data installed?)");
        inst_free(s);
        return NULL;
    }
    s->set_synth_callback(on_audio);
    s->set_uri_callback(refuse_uri);
    return s;
}

static ra_status apply_voice(synth_inst *s, const voice_profile *v, char *err, size_t errcap)
{
    if (s->set_voice(v->espeak) != EE_OK) {
        snprintf(err, errcap, "espeak-ng has no voice '%s'", v->espeak);
        return RA_ERR_VOICE;
    }
    s->set_parameter(espeakRATE, v->rate, 0);
    s->set_parameter(espeakPITCH, v->pitch, 0);
    return RA_OK;
}

ra_status synth_pool_new(synth_pool **out, unsigned max, const voice_profile *v)
{
    synth_pool *p = calloc(1, sizeof *p);
    if (!p)
        return RA_ERR_NOMEM;
    if (pthread_mutex_init(&p->mu, NULL) != 0) {
        free(p);
        return RA_ERR_NOMEM;
    }
    if (pthread_cond_init(&p->idle, NULL) != 0) {
        pthread_mutex_destroy(&p->mu);
        free(p);
        return RA_ERR_NOMEM;
    }
    p->voice = *v;
    p->max = max < 1 ? 1 : max > POOL_MAX ? POOL_MAX : max;
#if defined(__SANITIZE_ADDRESS__)
    /* a second libc in a dlmopen namespace frees memory behind AddressSanitizer's back */
    p->use_shared = 1;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    p->use_shared = 1;
#endif
#endif
    *out = p;
    return RA_OK;
}

void synth_pool_free(synth_pool *p)
{
    if (!p)
        return;
    for (unsigned i = 0; i < p->count; i++)
        if (p->inst[i] && !p->inst[i]->shared)
            inst_free(p->inst[i]);
    pthread_cond_destroy(&p->idle);
    pthread_mutex_destroy(&p->mu);
    free(p);
}

static ra_status acquire_shared(synth_pool *p, synth_inst **out, char *err, size_t errcap)
{
    pthread_mutex_lock(&shared_lock);
    if (!shared_inst)
        shared_inst = inst_load(0, err, errcap);
    if (!shared_inst) {
        pthread_mutex_unlock(&shared_lock);
        return RA_ERR_SYNTH;
    }
    ra_status st = apply_voice(shared_inst, &p->voice, err, errcap);
    if (st != RA_OK) {
        pthread_mutex_unlock(&shared_lock);
        return st;
    }
    *out = shared_inst; /* released by synth_release, which unlocks */
    return RA_OK;
}

/* Loads slot i outside the pool lock (it takes tens of milliseconds). */
static ra_status load_slot(synth_pool *p, unsigned i, char *err, size_t errcap)
{
    pthread_mutex_unlock(&p->mu);
    synth_inst *s = inst_load(1, err, errcap);
    ra_status st = s ? apply_voice(s, &p->voice, err, errcap) : RA_ERR_SYNTH;
    if (s && st != RA_OK) {
        inst_free(s);
        s = NULL;
    }
    pthread_mutex_lock(&p->mu);
    p->inst[i] = s;
    if (!s) {
        p->busy[i] = 0; /* a dead slot: inst NULL and not busy */
        if (st == RA_ERR_SYNTH) {
            p->broken[i] = 1;
            p->max = p->count; /* no further private copies */
            int alive = 0;
            for (unsigned j = 0; j < p->count; j++)
                alive |= p->inst[j] != NULL || p->busy[j];
            p->use_shared = !alive;
        }
        pthread_cond_broadcast(&p->idle);
    }
    return st;
}

ra_status synth_acquire(synth_pool *p, synth_inst **out, char *err, size_t errcap)
{
    pthread_mutex_lock(&p->mu);
    for (;;) {
        if (p->use_shared) {
            pthread_mutex_unlock(&p->mu);
            return acquire_shared(p, out, err, errcap);
        }
        for (unsigned i = 0; i < p->count; i++)
            if (p->inst[i] && !p->busy[i]) {
                p->busy[i] = 1;
                *out = p->inst[i];
                pthread_mutex_unlock(&p->mu);
                return RA_OK;
            }
        unsigned i = 0;
        while (i < p->count && (p->inst[i] || p->busy[i] || p->broken[i]))
            i++; /* a slot whose voice failed to load is tried again */
        if (i < p->count || p->count < p->max) {
            if (i == p->count)
                p->count++;
            p->busy[i] = 1;
            ra_status st = load_slot(p, i, err, errcap);
            if (st == RA_OK) {
                *out = p->inst[i];
                pthread_mutex_unlock(&p->mu);
                return RA_OK;
            }
            if (st != RA_ERR_SYNTH) {
                pthread_mutex_unlock(&p->mu);
                return st;
            }
            continue; /* use the shared copy, or wait for a private one */
        }
        pthread_cond_wait(&p->idle, &p->mu);
    }
}

void synth_release(synth_pool *p, synth_inst *inst)
{
    if (!inst)
        return;
    if (inst->shared) {
        pthread_mutex_unlock(&shared_lock);
        return;
    }
    pthread_mutex_lock(&p->mu);
    for (unsigned i = 0; i < p->count; i++)
        if (p->inst[i] == inst)
            p->busy[i] = 0;
    pthread_cond_signal(&p->idle);
    pthread_mutex_unlock(&p->mu);
}

int synth_sample_rate(const synth_inst *inst)
{
    return inst->rate_hz;
}

ra_status synth_speak(synth_inst *inst, const char *text, synth_pcm_fn cb, synth_word_fn word, void *user)
{
    speak_call call = { cb, word, user, 0 };
    size_t n = strlen(text);
    if (n == 0)
        return RA_OK;
    /* plain UTF-8 only: no SSML, no [[phoneme]] input, whatever the text holds */
    espeak_ERROR e = inst->synth(text, n + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, &call);
    if (call.stopped)
        return RA_ERR_ABORTED;
    return e == EE_OK ? RA_OK : RA_ERR_SYNTH;
}
