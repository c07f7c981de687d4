/* readarticle-worker: one espeak-ng instance in a process of its own, serving the library over
 * the socket it gets as standard input and output (lib/speech/wire.h). espeak-ng keeps its
 * state in globals, may abort on odd input and calls exit() when it cannot start: here that
 * costs one worker, never the host. This is the only code that includes espeak-ng's header. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <espeak-ng/speak_lib.h>

#include "readarticle.h"
#include "wire.h"

#define OUT_CAP 65536
#define WORDS_MAX 256

static struct {
    unsigned char buf[OUT_CAP];
    size_t len;
} out;

static rlim_t cpu_budget = 60;   /* seconds of CPU per SPEAK; 0 = no limit */
static rlim_t address_mb = 0;    /* address-space limit; 0 = none */

static void write_all(const void *p, size_t n)
{
    const char *c = p;
    while (n > 0) {
        ssize_t k = write(STDOUT_FILENO, c, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            _exit(3); /* the library is gone */
        c += k;
        n -= (size_t)k;
    }
}

static void flush_out(void)
{
    write_all(out.buf, out.len);
    out.len = 0;
}

static void put_msg(uint32_t type, const void *p, size_t n)
{
    wire_head h = { type, (uint32_t)n };
    if (out.len + sizeof h + n > OUT_CAP)
        flush_out();
    if (sizeof h + n > OUT_CAP) {
        write_all(&h, sizeof h);
        write_all(p, n);
        return;
    }
    memcpy(out.buf + out.len, &h, sizeof h);
    memcpy(out.buf + out.len + sizeof h, p, n);
    out.len += sizeof h + n;
}

static void put_status(uint32_t type, uint32_t status, const char *msg)
{
    unsigned char p[260];
    size_t n = strlen(msg) < 256 ? strlen(msg) : 256;
    memcpy(p, &status, 4);
    memcpy(p + 4, msg, n);
    put_msg(type, p, 4 + n);
    flush_out();
}

/* Returns 1 when n bytes were read, 0 at a clean end of input, -1 on a broken one. */
static int read_full(void *p, size_t n)
{
    char *c = p;
    size_t got = 0;
    while (got < n) {
        ssize_t k = read(STDIN_FILENO, c + got, n - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return got == 0 && k == 0 ? 0 : -1;
        got += (size_t)k;
    }
    return 1;
}

static int on_audio(short *wav, int n, espeak_EVENT *ev)
{
    uint32_t words[2 * WORDS_MAX];
    size_t k = 0;
    /* WORD events: 1-based code point positions; their length is unreliable, so unused */
    for (; ev && ev->type != espeakEVENT_LIST_TERMINATED; ev++)
        if (ev->type == espeakEVENT_WORD && ev->text_position > 0 && ev->audio_position >= 0 && k < 2 * WORDS_MAX) {
            words[k++] = (uint32_t)ev->text_position - 1;
            words[k++] = (uint32_t)ev->audio_position;
        }
    if (k)
        put_msg(WIRE_WORDS, words, k * sizeof words[0]);
    if (wav && n > 0)
        put_msg(WIRE_PCM, wav, (size_t)n * sizeof *wav);
    return 0;
}

/* SSML <audio src> would run a URI handler: refuse every URI, though no SSML is ever sent. */
static int refuse_uri(int type, const char *uri, const char *base)
{
    (void)type, (void)uri, (void)base;
    return 1;
}

/* READARTICLE_TEST_WORKER_FAULT=crash:WORD, hang:WORD or exit:WORD makes the worker fail that
 * way on a text holding WORD: the library's tests use it to see a failing worker contained. */
static void test_fault(const char *text)
{
    const char *f = getenv("READARTICLE_TEST_WORKER_FAULT");
    const char *colon = f ? strchr(f, ':') : NULL;
    if (!colon || !colon[1] || !strstr(text, colon + 1))
        return;
    if (!strncmp(f, "crash:", 6))
        abort();
    if (!strncmp(f, "exit:", 5))
        _exit(0);
    if (!strncmp(f, "hang:", 5)) {
        pid_t parent = getppid();
        while (getppid() == parent) /* hung, but not beyond the life of its host */
            usleep(50000);
        _exit(4);
    }
}

/* CPU time is counted over the worker's life: each text gets cpu_budget more seconds. */
static void limit_cpu(void)
{
    struct rusage ru;
    struct rlimit rl;
    if (!cpu_budget || getrusage(RUSAGE_SELF, &ru) != 0 || getrlimit(RLIMIT_CPU, &rl) != 0)
        return;
    rlim_t soft = (rlim_t)ru.ru_utime.tv_sec + (rlim_t)ru.ru_stime.tv_sec + 1 + cpu_budget;
    rl.rlim_cur = rl.rlim_max != RLIM_INFINITY && soft > rl.rlim_max ? rl.rlim_max : soft;
    setrlimit(RLIMIT_CPU, &rl);
}

static void speak(const char *payload, uint32_t len)
{
    char *text = malloc((size_t)len + 1);
    if (!text) {
        put_status(WIRE_DONE, RA_ERR_NOMEM, "the speech worker ran out of memory");
        return;
    }
    memcpy(text, payload, len);
    text[len] = '\0';
    test_fault(text);
    limit_cpu();
    /* plain UTF-8 only: no SSML, no [[phoneme]] input, whatever the text holds */
    espeak_ERROR e = espeak_Synth(text, (size_t)len + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, NULL);
    free(text);
    put_status(WIRE_DONE, e == EE_OK ? RA_OK : RA_ERR_SYNTH, e == EE_OK ? "" : "espeak-ng failed");
}

static void hello(const unsigned char *p, uint32_t len)
{
    uint32_t version;
    int32_t rate, pitch;
    char voice[128];
    if (len < WIRE_HELLO_FIXED || len - WIRE_HELLO_FIXED >= sizeof voice) {
        put_status(WIRE_FAIL, RA_ERR_SYNTH, "malformed HELLO");
        _exit(2);
    }
    memcpy(&version, p, 4);
    memcpy(&rate, p + 4, 4);
    memcpy(&pitch, p + 8, 4);
    memcpy(voice, p + WIRE_HELLO_FIXED, len - WIRE_HELLO_FIXED);
    voice[len - WIRE_HELLO_FIXED] = '\0';
    if (version != WIRE_VERSION) {
        put_status(WIRE_FAIL, RA_ERR_SYNTH, "the speech worker is of another version than the library");
        _exit(2);
    }
    /* DONT_EXIT: by default a failed initialisation calls exit() */
    int hz = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, espeakINITIALIZE_DONT_EXIT);
    if (hz <= 0) {
        put_status(WIRE_FAIL, RA_ERR_SYNTH, "espeak-ng failed to initialise (is espeak-ng-data installed?)");
        _exit(2);
    }
    espeak_SetSynthCallback(on_audio);
    espeak_SetUriCallback(refuse_uri);
    if (espeak_SetVoiceByName(voice) != EE_OK) {
        char msg[200];
        snprintf(msg, sizeof msg, "espeak-ng has no voice '%s'", voice);
        put_status(WIRE_FAIL, RA_ERR_VOICE, msg);
        _exit(2);
    }
    espeak_SetParameter(espeakRATE, rate, 0);
    espeak_SetParameter(espeakPITCH, pitch, 0);
    uint32_t ready[2] = { WIRE_VERSION, (uint32_t)hz };
    put_msg(WIRE_READY, ready, sizeof ready);
    flush_out();
}

static void set_limit(int resource, rlim_t value)
{
    struct rlimit rl = { value, value };
    setrlimit(resource, &rl);
}

/* Options from the library: --cpu-seconds N (per text) and --address-space-mb N. */
static void parse_args(int argc, char **argv)
{
    for (int i = 1; i + 1 < argc; i += 2) {
        unsigned long v = strtoul(argv[i + 1], NULL, 10);
        if (!strcmp(argv[i], "--cpu-seconds"))
            cpu_budget = (rlim_t)v;
        else if (!strcmp(argv[i], "--address-space-mb"))
            address_mb = (rlim_t)v;
    }
}

static void confine(void)
{
    closefrom(STDERR_FILENO + 1); /* whatever the host left open without close-on-exec */
    set_limit(RLIMIT_CORE, 0);
    set_limit(RLIMIT_FSIZE, 0); /* it writes no file; the socket is not a file */
#if !defined(__SANITIZE_ADDRESS__)
    if (address_mb)
        set_limit(RLIMIT_AS, address_mb << 20);
#endif
}

int main(int argc, char **argv)
{
    parse_args(argc, argv);
    confine();
    signal(SIGPIPE, SIG_DFL);
    static unsigned char payload[WIRE_MAX];
    int ready = 0;
    for (;;) {
        wire_head h;
        int r = read_full(&h, sizeof h);
        if (r == 0)
            return 0; /* the library closed the socket: done */
        if (r < 0 || h.len > WIRE_MAX || read_full(payload, h.len) != 1)
            return 2;
        if (h.type == WIRE_HELLO && !ready) {
            hello(payload, h.len);
            ready = 1;
        } else if (h.type == WIRE_SPEAK && ready) {
            speak((const char *)payload, h.len);
        } else {
            return 2;
        }
    }
}
