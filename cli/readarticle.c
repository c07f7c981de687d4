/* readarticle: the command-line reader, a thin layer over include/readarticle.h. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "readarticle.h"
#include "timings.h"

#define INPUT_MAX (256u << 20) /* refuse inputs above 256 MiB rather than exhaust memory */
#define MAX_LEXICONS 32

enum { EXIT_USAGE = 2 };
enum { MODE_AUDIO, MODE_NORMALIZE, MODE_SENTENCES };

typedef struct {
    int mode;
    const char *input;   /* NULL or "-" = stdin */
    const char *output;  /* "-" = stdout */
    const char *format;
    int progress;
    const char *timings;     /* --timings FILE */
    const char *lexicons[MAX_LEXICONS + 1];
    size_t nlexicons;
    ra_options opts;
} cli_args;

static void usage(FILE *f)
{
    fputs("usage: readarticle [OPTIONS] [INPUT|-] -o OUTPUT|-\n"
          "Reads a Vietnamese article (UTF-8 text) aloud into an audio file.\n\n"
          "  -o, --output FILE     audio file to write (.wav .flac .ogg .mp3); - for WAV on stdout\n"
          "      --format NAME     wav, flac, ogg or mp3 (default: from the file name, else wav)\n"
          "      --normalize       print the spoken form, one sentence per line; no audio\n"
          "      --sentences       print the sentences as segmented, one per line; no audio\n"
          "      --voice NAME      voice name or profile file (default: north)\n"
          "      --list-voices     list the built-in voices\n"
          "      --lexicon FILE    add a user lexicon (TSV: form<TAB>reading[<TAB>context]); repeatable,\n"
          "                        its entries win over the built-in ones\n"
          "      --timings FILE    also write when each sentence and word is spoken, with its byte\n"
          "                        offsets in the input: WebVTT (.vtt) or JSON (.json)\n"
          "      --pause-sentence MS   silence after a sentence (default: the voice's)\n"
          "      --pause-paragraph MS  silence after a paragraph, heading or list item\n"
          "      --rate WPM        speaking rate, 80..450 words per minute\n"
          "      --pitch N         pitch, 0..100\n"
          "      --progress        report progress on stderr (default when stderr is a terminal)\n"
          "  -h, --help            show this help\n"
          "  -V, --version         show the version\n\n"
          "INPUT defaults to standard input. Exit status: 0 success, 1 failure, 2 usage error.\n", f);
}

__attribute__((format(printf, 1, 2))) static int fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("readarticle: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return EXIT_FAILURE;
}

static int parse_int(const char *s, const char *what, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) {
        fprintf(stderr, "readarticle: %s must be a number from %d to %d, not '%s'\n", what, lo, hi, s);
        return -1;
    }
    *out = (int)v;
    return 0;
}

static int list_voices(void)
{
    for (size_t i = 0; i < ra_voice_count(); i++) {
        const char *name, *desc;
        if (ra_voice_info(i, &name, &desc) == RA_OK)
            printf("%-16s %s\n", name, desc);
    }
    return EXIT_SUCCESS;
}

enum { O_NORMALIZE = 256, O_SENTENCES, O_VOICE, O_LIST, O_RATE, O_PITCH, O_FORMAT, O_PROGRESS, O_LEXICON,
       O_TIMINGS, O_PAUSE_S, O_PAUSE_P };

static const struct option longopts[] = {
    { "output", required_argument, NULL, 'o' },        { "normalize", no_argument, NULL, O_NORMALIZE },
    { "sentences", no_argument, NULL, O_SENTENCES },   { "voice", required_argument, NULL, O_VOICE },
    { "list-voices", no_argument, NULL, O_LIST },      { "rate", required_argument, NULL, O_RATE },
    { "pitch", required_argument, NULL, O_PITCH },     { "format", required_argument, NULL, O_FORMAT },
    { "progress", no_argument, NULL, O_PROGRESS },     { "help", no_argument, NULL, 'h' },
    { "lexicon", required_argument, NULL, O_LEXICON }, { "timings", required_argument, NULL, O_TIMINGS },
    { "pause-sentence", required_argument, NULL, O_PAUSE_S },
    { "pause-paragraph", required_argument, NULL, O_PAUSE_P },
    { "version", no_argument, NULL, 'V' },             { NULL, 0, NULL, 0 },
};

/* Returns -1 to continue, or an exit status. */
static int parse_args(int argc, char **argv, cli_args *a)
{
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': a->output = optarg; break;
        case O_NORMALIZE: a->mode = MODE_NORMALIZE; break;
        case O_SENTENCES: a->mode = MODE_SENTENCES; break;
        case O_VOICE: a->opts.voice = optarg; break;
        case O_LIST: return list_voices();
        case O_RATE: if (parse_int(optarg, "--rate", 80, 450, &a->opts.rate)) return EXIT_USAGE; break;
        case O_PITCH: if (parse_int(optarg, "--pitch", 0, 100, &a->opts.pitch)) return EXIT_USAGE; break;
        case O_FORMAT: a->format = optarg; break;
        case O_PROGRESS: a->progress = 1; break;
        case O_TIMINGS: a->timings = optarg; break;
        case O_PAUSE_S: if (parse_int(optarg, "--pause-sentence", 0, 10000, &a->opts.pause_sentence)) return EXIT_USAGE; break;
        case O_PAUSE_P: if (parse_int(optarg, "--pause-paragraph", 0, 10000, &a->opts.pause_paragraph)) return EXIT_USAGE; break;
        case O_LEXICON:
            if (a->nlexicons == MAX_LEXICONS) {
                fail("at most %d --lexicon files", MAX_LEXICONS);
                return EXIT_USAGE;
            }
            a->lexicons[a->nlexicons++] = optarg;
            a->opts.lexicons = a->lexicons;
            break;
        case 'h': usage(stdout); return EXIT_SUCCESS;
        case 'V': printf("readarticle %s\n", ra_version_string()); return EXIT_SUCCESS;
        case ':': fail("option '%s' needs a value", argv[optind - 1]); return EXIT_USAGE;
        default: fail("unknown option '%s' (see --help)", argv[optind - 1]); return EXIT_USAGE;
        }
    }
    if (optind + 1 < argc) {
        fail("more than one input named ('%s', '%s')", argv[optind], argv[optind + 1]);
        return EXIT_USAGE;
    }
    a->input = optind < argc ? argv[optind] : NULL;
    if (a->timings && a->mode != MODE_AUDIO) {
        fail("--timings needs audio output (-o), not --normalize or --sentences");
        return EXIT_USAGE;
    }
    if ((a->output && !a->output[0]) || (a->timings && !a->timings[0])) {
        fail("an empty file name was given");
        return EXIT_USAGE;
    }
    if (a->mode == MODE_AUDIO && !a->output) {
        fail("no output named: use -o FILE (or -o - for stdout, or --normalize / --sentences)");
        return EXIT_USAGE;
    }
    return -1;
}

static int read_all(FILE *f, char **data, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
        if (n == cap) {
            char *nb = cap >= INPUT_MAX ? NULL : realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                return errno = EFBIG, -1;
            }
            buf = nb;
            cap *= 2;
        }
    }
    if (!buf || ferror(f)) {
        free(buf);
        return -1;
    }
    *data = buf;
    *len = n;
    return 0;
}

static int load_input(const char *path, char **data, size_t *len)
{
    int use_stdin = !path || !strcmp(path, "-");
    FILE *f = use_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return fail("cannot open '%s': %s", path, strerror(errno));
    int r = read_all(f, data, len);
    int saved = errno;
    if (!use_stdin)
        fclose(f);
    if (r != 0)
        return fail("cannot read '%s': %s", use_stdin ? "<stdin>" : path, strerror(saved ? saved : EIO));
    return EXIT_SUCCESS;
}

/* Set by SIGINT, SIGTERM and SIGHUP: the next progress report stops the synthesis, so the
 * library removes its temporary file before the program exits. */
static volatile sig_atomic_t interrupted;
static int progress_shown;

static void on_signal(int sig)
{
    interrupted = sig;
}

static void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

static int on_progress(void *user, size_t done, size_t total)
{
    if (*(const int *)user) {
        fprintf(stderr, "\rreadarticle: %3u%%", total ? (unsigned)(done * 100 / total) : 100u);
        progress_shown = 1;
    }
    return interrupted != 0;
}

static const char *input_name(const cli_args *a)
{
    return a->input && strcmp(a->input, "-") != 0 ? a->input : "<stdin>";
}

static int parse_format(const char *name, ra_format *f)
{
    static const char *const names[] = { "auto", "wav", "flac", "ogg", "mp3" };
    for (int i = 0; i < 5; i++)
        if (!strcmp(name, names[i])) {
            *f = (ra_format)i;
            return 0;
        }
    return -1;
}

static int write_stdout(const void *data, size_t n)
{
    if (fwrite(data, 1, n, stdout) != n || fflush(stdout) != 0)
        return fail("cannot write to standard output: %s", strerror(errno));
    return EXIT_SUCCESS;
}

static ra_status run_text(const cli_args *a, ra_engine *e, const char *text, size_t len, int *exit_code)
{
    char *out = NULL;
    ra_status st = a->mode == MODE_NORMALIZE ? ra_normalize(e, text, len, &out) : ra_sentences(e, text, len, &out);
    if (st == RA_OK)
        *exit_code = write_stdout(out, strlen(out));
    ra_free(out);
    return st;
}

static ra_status run_audio(const cli_args *a, ra_engine *e, const char *text, size_t len, ra_format fmt,
                           int *exit_code)
{
    if (strcmp(a->output, "-") != 0)
        return ra_synth_to_file(e, text, len, a->output, fmt);
    void *data = NULL;
    size_t n = 0;
    ra_status st = ra_synth_to_memory(e, text, len, fmt, &data, &n);
    if (st == RA_OK)
        *exit_code = write_stdout(data, n);
    ra_free(data);
    return st;
}

/* Written after the audio; if it cannot be, the run failed and its audio file goes too. */
static int write_timings(const cli_args *a, const timings *t)
{
    if (timings_write(t, a->timings) == 0)
        return EXIT_SUCCESS;
    int saved = errno;
    if (strcmp(a->output, "-") != 0)
        unlink(a->output);
    return fail("cannot write '%s': %s", a->timings, strerror(saved));
}

static int run(cli_args *a, const char *text, size_t len)
{
    ra_format fmt = RA_FORMAT_AUTO;
    if (a->format && parse_format(a->format, &fmt) != 0) {
        fail("unknown format '%s' (wav, flac, ogg, mp3)", a->format);
        return EXIT_USAGE;
    }
    timings *tm = NULL;
    if (a->timings) {
        if (!(tm = timings_new(text, len)))
            return fail("out of memory");
        a->opts.on_event = timings_collect;
        a->opts.event_user = tm;
    }
    ra_engine *e = NULL;
    ra_status st = ra_engine_new(&e, &a->opts);
    if (st != RA_OK) {
        timings_free(tm);
        return fail("%s", ra_errmsg(NULL));
    }
    int code = EXIT_SUCCESS;
    st = a->mode == MODE_AUDIO ? run_audio(a, e, text, len, fmt, &code) : run_text(a, e, text, len, &code);
    if (progress_shown)
        fputc('\n', stderr);
    if (interrupted)
        code = fail("interrupted; no output written");
    else if (st == RA_ERR_UTF8)
        code = fail("%s: %s", input_name(a), ra_errmsg(e));
    else if (st != RA_OK) {
        const char *msg = ra_errmsg(e)[0] ? ra_errmsg(e) : ra_strerror(st);
        const char *what = a->mode == MODE_AUDIO ? a->output : input_name(a);
        code = strstr(msg, what) ? fail("%s", msg) : fail("%s: %s", what, msg);
    }
    if (st == RA_OK && code == EXIT_SUCCESS && tm)
        code = write_timings(a, tm);
    timings_free(tm);
    ra_engine_free(e);
    return code;
}

int main(int argc, char **argv)
{
    cli_args a;
    memset(&a, 0, sizeof a);
    ra_options_init(&a.opts);
    int r = parse_args(argc, argv, &a);
    if (r >= 0)
        return r;
    if (a.mode == MODE_AUDIO) {
        a.progress = a.progress || (isatty(STDERR_FILENO) && strcmp(a.output, "-") != 0);
        a.opts.progress = on_progress;
        a.opts.progress_user = &a.progress;
        catch_signals();
    }
    char *text = NULL;
    size_t len = 0;
    if ((r = load_input(a.input, &text, &len)) != EXIT_SUCCESS)
        return r;
    r = run(&a, text, len);
    free(text);
    if (interrupted)
        return 128 + interrupted;
    return r;
}
