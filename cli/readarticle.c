/* readarticle: the command-line reader, a thin layer over include/readarticle.h. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "check.h"
#include "input.h"
#include "paths.h"
#include "readarticle.h"

#define MAX_LEXICONS 32
#ifndef RA_ESPEAK_VERSION
#define RA_ESPEAK_VERSION "unknown"
#endif

enum { EXIT_USAGE = 2 };
enum { MODE_AUDIO, MODE_NORMALIZE, MODE_SENTENCES, MODE_EXTRACT, MODE_BATCH, MODE_CHECK };
enum { IN_GUESS, IN_HTML, IN_TEXT };

typedef struct {
    int mode;
    const char *input;   /* NULL or "-" = stdin */
    const char *output;  /* "-" = stdout */
    const char *format;
    int progress;
    int input_kind;          /* IN_*: --html, --text, or from the name and the bytes */
    const char *timings;     /* --timings FILE, or - for stdout */
    struct stat input_st;    /* the input file (or stdin), to refuse writing over it */
    int have_input_st;
    int output_existed;      /* a failed run may remove only an output file it created */
    const char *lexicons[MAX_LEXICONS + 1];
    size_t nlexicons;
    ra_options opts;
    const char *batch_in;    /* --batch IN */
    const char *inline_text; /* -t TEXT: the text itself, instead of INPUT */
    const char *timings_format; /* --timings-format json|vtt (batch) */
    int force;
    unsigned shard, shards;
    int quiet;               /* -q: no progress, no warnings; errors still */
    char **inputs;           /* --check: every INPUT named */
    size_t ninputs;
    const char *check_format; /* --check-format text|json */
    const char *check_level;  /* --check-level LEVEL|KINDS */
} cli_args;

static void usage(FILE *f)
{
    fputs("usage: readarticle [OPTIONS] [INPUT|-|-t TEXT] -o OUTPUT|-\n"
          "Reads a Vietnamese article (UTF-8 text or an HTML page) aloud into an audio file.\n\n"
          "  -o, --output FILE     audio file to write (.wav .flac .ogg .mp3 .opus); - streams to stdout\n"
          "  -f, --format NAME     wav, flac, ogg, mp3 or opus (default: from the file name, else wav)\n"
          "  -q, --quiet           no progress and no warnings (errors are still reported)\n"
          "      --sample-rate HZ  resample the audio to HZ, 8000..48000 (default 22050; Opus 48000)\n"
          "      --quality N       ogg, mp3, opus: 0 (smallest) to 10 (best; default: the encoder's)\n"
          "  -t, --text=TEXT       read TEXT itself instead of a file (e.g. -t \"UBND xã\" --normalize)\n"
          "      --normalize       print the spoken form, one sentence per line; no audio\n"
          "      --sentences       print the sentences as segmented, one per line; no audio\n"
          "      --extract         print the text that will be read (for a page, its article); no audio\n"
          "      --check           report what the reader will stumble on, as FILE:LINE:COL: kind:\n"
          "                        message (reading: ...), with a fix; several INPUTs may be named;\n"
          "                        exit 1 when something at --check-level was found; no audio\n"
          "      --check-format text|json  the report's form (default text)\n"
          "      --check-level L   what counts: info, warning (default) or error and the levels above,\n"
          "                        or kinds: spelled,foreign,summarized,ambiguous,long-sentence,\n"
          "                        empty-heading,no-alt,url-link,mojibake,mixed-script,all-caps\n"
          "      --input-encoding NAME  the text's encoding: utf-8, utf-16, cp1258 (windows-1258),\n"
          "                        tcvn3, vni or viscii (default: UTF-16 with a BOM, else UTF-8, else\n"
          "                        the encoding its bytes fit; a warning says what was detected)\n"
          "      --strict          refuse input that is not valid UTF-8 (or --input-encoding) rather\n"
          "                        than replace bad bytes, detect the encoding or repair TCVN3 or\n"
          "                        VNI text shown as Windows-1252 (\"ViÖt Nam\")\n"
          "      --html            the input is an HTML page (default for .html .htm .xhtml, and for\n"
          "                        input that begins with a doctype, <html>, <head> or <body>)\n"
          "      --text            (with no =TEXT) the input is text, whatever it looks like\n"
          "      --selector SEL    HTML: read the element SEL (a tag, #id or .class) as the article\n"
          "      --whole-page      HTML: read all visible text of the page, not only the article\n"
          , f);
    fputs("  -v, --voice NAME      voice name or profile file (default: north)\n"
          "      --list-voices     list the built-in voices\n"
          "      --lexicon FILE    add a user lexicon (TSV: form<TAB>reading[<TAB>context]); repeatable,\n"
          "                        its entries win over the built-in ones\n"
          "      --timings FILE    also write when each sentence and word is spoken, with its byte\n"
          "                        offsets in the input: WebVTT (.vtt), SubRip (.srt) or JSON;\n"
          "                        - writes JSON to stdout (when the audio goes to a file)\n"
          "      --pause-sentence MS   silence after a sentence (default: the voice's)\n"
          "      --pause-paragraph MS  silence after a paragraph, heading or list item\n"
          "      --max-duration S  fail (exit 1, no output) rather than write more than S seconds of audio\n"
          "      --timeout S       fail (exit 1, no output) when reading takes longer than S seconds\n"
          "  -j, --jobs N          speak with up to N workers at once (1..64; default: the number of\n"
          "                        CPUs, at most 8): later sentences are spoken ahead, in order\n"
          "  -s, --rate WPM        speaking rate, 80..450 words per minute (espeak-ng's -s)\n"
          "  -p, --pitch N         pitch, 0..100\n"
          "      --progress        report progress on stderr (default when stderr is a terminal)\n"
          "      --batch IN        render every .txt/.html of directory IN (recursively), of the\n"
          "                        list of paths in file IN, or of the list on stdin (-) into the\n"
          "                        directory -o OUTDIR, keeping relative paths; what is newer than\n"
          "                        its input and made with the same options is skipped\n"
          "      --force           batch: render even what is up to date\n"
          "      --shard K/N       batch: only the K-th (0..N-1) of N deterministic shares\n"
          "      --timings-format json|vtt|srt  batch: also write timings beside each output\n"
          "  -h, --help            show this help\n"
          "  -V, --version         show the version\n\n"
          "INPUT defaults to standard input. Exit status: 0 success, 1 failure (also: nothing to\n"
          "read; with --check: findings), 2 usage error, 128+N stopped by signal N.\n", f);
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

/* Seconds (decimals allowed) as milliseconds, 0.001 to 86400. */
static int parse_seconds(const char *s, const char *what, unsigned *ms)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= 0.001 && v <= 86400)) {
        fprintf(stderr, "readarticle: %s must be seconds from 0.001 to 86400, not '%s'\n", what, s);
        return -1;
    }
    *ms = (unsigned)(v * 1000 + 0.5);
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
       O_TIMINGS, O_PAUSE_S, O_PAUSE_P, O_HTML, O_TEXT, O_SELECTOR, O_WHOLE, O_EXTRACT,
       O_MAXDUR, O_TIMEOUT, O_ENCODING, O_STRICT, O_BATCH, O_FORCE, O_SHARD, O_TFORMAT, O_RATE_HZ, O_QUALITY,
       O_CHECK, O_CHECK_FORMAT, O_CHECK_LEVEL };

static const struct option longopts[] = {
    { "output", required_argument, NULL, 'o' },        { "normalize", no_argument, NULL, O_NORMALIZE },
    { "sentences", no_argument, NULL, O_SENTENCES },   { "voice", required_argument, NULL, O_VOICE },
    { "list-voices", no_argument, NULL, O_LIST },      { "rate", required_argument, NULL, O_RATE },
    { "pitch", required_argument, NULL, O_PITCH },     { "format", required_argument, NULL, O_FORMAT },
    { "progress", no_argument, NULL, O_PROGRESS },     { "help", no_argument, NULL, 'h' },
    { "lexicon", required_argument, NULL, O_LEXICON }, { "timings", required_argument, NULL, O_TIMINGS },
    { "pause-sentence", required_argument, NULL, O_PAUSE_S },
    { "pause-paragraph", required_argument, NULL, O_PAUSE_P },
    { "html", no_argument, NULL, O_HTML },             { "text", optional_argument, NULL, O_TEXT },
    { "selector", required_argument, NULL, O_SELECTOR }, { "whole-page", no_argument, NULL, O_WHOLE },
    { "extract", no_argument, NULL, O_EXTRACT },
    { "input-encoding", required_argument, NULL, O_ENCODING }, { "strict", no_argument, NULL, O_STRICT },
    { "jobs", required_argument, NULL, 'j' },               { "quiet", no_argument, NULL, 'q' },               { "batch", required_argument, NULL, O_BATCH },
    { "force", no_argument, NULL, O_FORCE },                 { "shard", required_argument, NULL, O_SHARD },
    { "timings-format", required_argument, NULL, O_TFORMAT }, { "sample-rate", required_argument, NULL, O_RATE_HZ },
    { "quality", required_argument, NULL, O_QUALITY },
    { "check", no_argument, NULL, O_CHECK },                 { "check-format", required_argument, NULL, O_CHECK_FORMAT },
    { "check-level", required_argument, NULL, O_CHECK_LEVEL },
    { "max-duration", required_argument, NULL, O_MAXDUR }, { "timeout", required_argument, NULL, O_TIMEOUT },
    { "version", no_argument, NULL, 'V' },             { NULL, 0, NULL, 0 },
};

static int is_stdout(const char *path)
{
    return path && !strcmp(path, "-");
}

/* --shard K/N: 0 <= K < N. */
static int parse_shard(const char *s, cli_args *a)
{
    char *end;
    errno = 0;
    unsigned long k = strtoul(s, &end, 10), n = 0;
    if (!errno && end != s && *end == '/' && s[0] != '-')
        n = strtoul(end + 1, &end, 10);
    if (errno || *end || n < 1 || n > 100000 || k >= n) {
        fprintf(stderr, "readarticle: --shard must be K/N with 0 <= K < N (N at most 100000), not '%s'\n", s);
        return -1;
    }
    a->shard = (unsigned)k;
    a->shards = (unsigned)n;
    return 0;
}

static int check_batch(const cli_args *a)
{
    if (!a->output || is_stdout(a->output))
        return fail("--batch needs -o OUTDIR, a directory"), EXIT_USAGE;
    if (a->input)
        return fail("--batch takes its inputs from IN, not from '%s'", a->input), EXIT_USAGE;
    if (a->timings)
        return fail("--batch writes timings beside each output: use --timings-format json|vtt|srt"), EXIT_USAGE;
    if (a->timings_format && strcmp(a->timings_format, "json") && strcmp(a->timings_format, "vtt") &&
        strcmp(a->timings_format, "srt"))
        return fail("--timings-format is json, vtt or srt, not '%s'", a->timings_format), EXIT_USAGE;
    return -1;
}

/* What the options say together; returns -1 to continue, or an exit status. */
static int check_args(const cli_args *a)
{
    if (a->mode == MODE_BATCH)
        return check_batch(a);
    if (a->force || a->shards || a->timings_format)
        return fail("--force, --shard and --timings-format go with --batch"), EXIT_USAGE;
    if ((a->check_format || a->check_level) && a->mode != MODE_CHECK)
        return fail("--check-format and --check-level go with --check"), EXIT_USAGE;
    if (a->mode == MODE_CHECK && a->output)
        return fail("--check prints its report on standard output: no -o"), EXIT_USAGE;
    if (a->check_format && strcmp(a->check_format, "text") && strcmp(a->check_format, "json"))
        return fail("--check-format is text or json, not '%s'", a->check_format), EXIT_USAGE;
    unsigned mask;
    if (a->check_level && check_level_mask(a->check_level, &mask) != 0)
        return fail("--check-level is info, warning, error or a list of kinds (see --help), not '%s'", a->check_level),
               EXIT_USAGE;
    if (a->timings && a->mode != MODE_AUDIO)
        return fail("--timings needs audio output (-o), not --normalize, --sentences, --extract or --check"), EXIT_USAGE;
    if (a->input_kind == IN_TEXT && (a->opts.html_selector || a->opts.html_whole_page))
        return fail("--selector and --whole-page read HTML, and --text says the input is not HTML"), EXIT_USAGE;
    if (a->opts.html_selector && a->opts.html_whole_page)
        return fail("--selector and --whole-page are two different choices: give one"), EXIT_USAGE;
    if ((a->output && !a->output[0]) || (a->timings && !a->timings[0]))
        return fail("an empty file name was given"), EXIT_USAGE;
    if (a->mode == MODE_AUDIO && !a->output)
        return fail("no output named: use -o FILE (or -o - for stdout, or --normalize / --sentences)"), EXIT_USAGE;
    if (a->timings && is_stdout(a->timings) && is_stdout(a->output))
        return fail("the audio and the timings cannot both go to standard output"), EXIT_USAGE;
    return -1;
}

/* Returns -1 to continue, or an exit status. */
static int parse_args(int argc, char **argv, cli_args *a)
{
    int c;
    opterr = 0;
    int jobs;
    while ((c = getopt_long(argc, argv, ":o:j:f:v:s:p:t:qhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': a->output = optarg; break;
        case O_NORMALIZE: a->mode = MODE_NORMALIZE; break;
        case O_SENTENCES: a->mode = MODE_SENTENCES; break;
        case O_EXTRACT: a->mode = MODE_EXTRACT; break;
        case O_CHECK: a->mode = MODE_CHECK; break;
        case O_CHECK_FORMAT: a->check_format = optarg; break;
        case O_CHECK_LEVEL: a->check_level = optarg; break;
        case O_HTML: a->input_kind = IN_HTML; break;
        case O_TEXT: /* --text: the input is text; --text=TEXT: this text is the input, as -t */
            a->input_kind = IN_TEXT;
            if (optarg)
                a->inline_text = optarg;
            break;
        case O_SELECTOR: a->opts.html_selector = optarg; break;
        case O_WHOLE: a->opts.html_whole_page = 1; break;
        case O_ENCODING: a->opts.input_encoding = optarg; break;
        case O_STRICT: a->opts.input_strict = 1; break;
        case O_BATCH: a->mode = MODE_BATCH; a->batch_in = optarg; break;
        case O_FORCE: a->force = 1; break;
        case O_SHARD: if (parse_shard(optarg, a)) return EXIT_USAGE; break;
        case O_TFORMAT: a->timings_format = optarg; break;
        case O_QUALITY: if (parse_int(optarg, "--quality", 0, 10, &a->opts.quality)) return EXIT_USAGE; break;
        case O_RATE_HZ: {
            int hz;
            if (parse_int(optarg, "--sample-rate", 8000, 48000, &hz))
                return EXIT_USAGE;
            a->opts.sample_rate = (unsigned)hz;
            break;
        }
        case 'j': if (parse_int(optarg, "--jobs", 1, 64, &jobs)) return EXIT_USAGE; a->opts.max_instances = (unsigned)jobs; break;
        case O_MAXDUR: if (parse_seconds(optarg, "--max-duration", &a->opts.max_duration_ms)) return EXIT_USAGE; break;
        case O_TIMEOUT: if (parse_seconds(optarg, "--timeout", &a->opts.timeout_ms)) return EXIT_USAGE; break;
        case 'v':
        case O_VOICE: a->opts.voice = optarg; break;
        case 'q': a->quiet = 1; break;
        case 't': a->inline_text = optarg; break;
        case O_LIST: return list_voices();
        case 's':
        case O_RATE: if (parse_int(optarg, "--rate", 80, 450, &a->opts.rate)) return EXIT_USAGE; break;
        case 'p':
        case O_PITCH: if (parse_int(optarg, "--pitch", 0, 100, &a->opts.pitch)) return EXIT_USAGE; break;
        case 'f':
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
        case 'V':
            printf("readarticle %s\nlibreadarticle %s\nespeak-ng %s (the version it was built with; its speech "
                   "worker runs the installed one)\n", RA_VERSION_STRING, ra_version_string(), RA_ESPEAK_VERSION);
            return EXIT_SUCCESS;
        case ':': fail("option '%s' needs a value", argv[optind - 1]); return EXIT_USAGE;
        default: fail("unknown option '%s' (see --help)", argv[optind - 1]); return EXIT_USAGE;
        }
    }
    if (optind + 1 < argc && a->mode != MODE_CHECK) {
        fail("more than one input named ('%s', '%s')", argv[optind], argv[optind + 1]);
        return EXIT_USAGE;
    }
    a->input = optind < argc ? argv[optind] : NULL;
    a->inputs = argv + optind;
    a->ninputs = (size_t)(argc - optind);
    if (a->inline_text && a->input)
        return fail("-t gives the text itself: no INPUT ('%s') besides it", a->input), EXIT_USAGE;
    return check_args(a);
}

static volatile sig_atomic_t interrupted;

static int load_input(cli_args *a, char **data, size_t *len)
{
    if (a->inline_text) {
        *len = strlen(a->inline_text);
        *data = malloc(*len + 1);
        if (!*data)
            return fail("out of memory");
        memcpy(*data, a->inline_text, *len + 1);
        return EXIT_SUCCESS;
    }
    const char *path = a->input;
    int use_stdin = !path || !strcmp(path, "-");
    FILE *f = use_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return fail("cannot open '%s': %s", path, strerror(errno));
    a->have_input_st = fstat(fileno(f), &a->input_st) == 0 && S_ISREG(a->input_st.st_mode);
    int r = read_all(f, data, len);
    int saved = errno;
    if (!use_stdin)
        fclose(f);
    if (r != 0 && interrupted)
        return 128 + interrupted; /* ^C while the input was still coming: stopped, as asked */
    if (r != 0)
        return fail("cannot read '%s': %s", use_stdin ? "<stdin>" : path, strerror(saved ? saved : EIO));
    return EXIT_SUCCESS;
}

static int is_input(const cli_args *a, const char *path)
{
    struct stat st;
    return a->have_input_st && path_stat(path, &st) == 0 && st.st_dev == a->input_st.st_dev &&
           st.st_ino == a->input_st.st_ino;
}

/* Refuses outputs that would destroy the input or each other, and a timings file that could
 * not be written once the audio is done. Returns -1 to go on, or an exit status. */
static int check_outputs(cli_args *a)
{
    if (a->mode != MODE_AUDIO)
        return -1;
    const char *clash = is_input(a, a->output) ? a->output : a->timings && is_input(a, a->timings) ? a->timings : NULL;
    if (clash)
        return fail("'%s' is the input file: refusing to write over it", !strcmp(clash, "-") ? "standard output" : clash),
               EXIT_USAGE;
    if (a->timings && path_same(a->output, a->timings))
        return fail("the audio and the timings would both be written to '%s'", a->output), EXIT_USAGE;
    if (a->timings && path_writable(a->timings) != 0)
        return fail("cannot write '%s': %s", a->timings, strerror(errno));
    struct stat st;
    a->output_existed = is_stdout(a->output) || lstat(a->output, &st) == 0;
    return -1;
}

/* Set by SIGINT, SIGTERM and SIGHUP: the next progress report stops the synthesis, so the
 * library removes its temporary file before the program exits. */
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
    sa.sa_flags = SA_RESETHAND; /* a second ^C ends the program at once */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    /* a closed pipe or FIFO is an error to report (exit 1), not a silent death */
    sa.sa_handler = SIG_IGN;
    sa.sa_flags = 0;
    sigaction(SIGPIPE, &sa, NULL);
    sigaction(SIGXFSZ, &sa, NULL); /* a file size limit too: the write fails (EFBIG), we report it */
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
    if (a->inline_text)
        return "<-t text>";
    return a->input && strcmp(a->input, "-") != 0 ? a->input : "<stdin>";
}

static int parse_format(const char *name, ra_format *f)
{
    static const char *const names[] = { "auto", "wav", "flac", "ogg", "mp3", "opus" };
    for (int i = 0; i < 6; i++)
        if (!strcmp(name, names[i]) && (i == 0 || ra_format_supported((ra_format)i))) {
            *f = (ra_format)i;
            return 0;
        }
    char list[64] = "";
    for (int i = 1; i < 6; i++)
        if (ra_format_supported((ra_format)i))
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", list[0] ? ", " : "", names[i]);
    fail("unknown format '%s' (this build writes %s)", name, list);
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
    ra_status st = a->mode == MODE_NORMALIZE ? ra_normalize(e, text, len, &out)
                 : a->mode == MODE_EXTRACT   ? ra_extract(e, text, len, &out)
                                             : ra_sentences(e, text, len, &out);
    if (st == RA_OK) {
        *exit_code = write_stdout(out, strlen(out));
        if (a->mode == MODE_EXTRACT && *exit_code == EXIT_SUCCESS && out[0])
            *exit_code = write_stdout("\n", 1);
    }
    ra_free(out);
    return st;
}

/* Audio to standard output, as it is produced; a failed write remembers why. */
static int stdout_errno;

static int to_stdout(void *user, const void *data, size_t n)
{
    (void)user;
    while (n > 0) {
        ssize_t k = write(STDOUT_FILENO, data, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            stdout_errno = k < 0 ? errno : EIO;
            return 1;
        }
        data = (const char *)data + k;
        n -= (size_t)k;
    }
    return 0;
}

static ra_status run_audio(const cli_args *a, ra_engine *e, const char *text, size_t len, ra_format fmt,
                           ra_timings *tm)
{
    ra_hooks hooks;
    ra_hooks_init(&hooks);
    hooks.progress = on_progress;
    hooks.progress_user = (void *)&a->progress;
    if (tm) {
        hooks.on_event = ra_timings_collect;
        hooks.event_user = tm;
    }
    if (is_stdout(a->output))
        return ra_synth_to_writer_with(e, text, len, fmt, to_stdout, NULL, &hooks);
    return ra_synth_to_file_with(e, text, len, a->output, fmt, &hooks);
}

/* Written after the audio; if it cannot be, the run failed, and an audio file the run created
 * goes too (never a device, a FIFO, a link, or a file that was there before). */
static int write_timings(const cli_args *a, const ra_timings *t)
{
    if (is_stdout(a->timings)) {
        char *json = NULL;
        size_t n = 0;
        if (ra_timings_render(t, RA_TIMINGS_JSON, &json, &n) != RA_OK)
            return fail("%s", ra_errmsg(NULL));
        int code = write_stdout(json, n);
        ra_free(json);
        return code;
    }
    if (ra_timings_write(t, a->timings, RA_TIMINGS_AUTO) == RA_OK)
        return EXIT_SUCCESS;
    struct stat st;
    if (!a->output_existed && lstat(a->output, &st) == 0 && S_ISREG(st.st_mode))
        unlink(a->output);
    return fail("%s", ra_errmsg(NULL));
}

/* The message for a failed call, naming what failed. */
static int report(const cli_args *a, ra_engine *e, ra_status st)
{
    if (interrupted && st == RA_ERR_ABORTED)
        return fail("interrupted%s", is_stdout(a->output) || a->mode != MODE_AUDIO ? "" : "; no output written");
    if (st == RA_ERR_ABORTED && stdout_errno)
        return fail("cannot write to standard output: %s", strerror(stdout_errno));
    if (st == RA_ERR_EMPTY)
        return fail("%s: nothing to read (the text is empty or has no words to speak)", input_name(a));
    const char *msg = ra_errmsg(e)[0] ? ra_errmsg(e) : ra_strerror(st);
    if (st == RA_ERR_UTF8 || a->mode != MODE_AUDIO)
        return fail("%s: %s", input_name(a), msg);
    return strstr(msg, a->output) || strstr(msg, "standard output") ? fail("%s", msg) : fail("%s: %s", a->output, msg);
}

/* --html and --text decide; else a .html/.htm/.xhtml name says HTML, and other input is HTML
 * when its bytes begin like a page. */
static int input_format(const cli_args *a)
{
    static const char *const exts[] = { ".html", ".htm", ".xhtml" };
    if (a->input_kind != IN_GUESS)
        return a->input_kind == IN_HTML ? RA_INPUT_HTML : RA_INPUT_TEXT;
    size_t n = a->input ? strlen(a->input) : 0;
    for (size_t k = 0; k < sizeof exts / sizeof exts[0]; k++) {
        size_t e = strlen(exts[k]);
        int same = n > e;
        for (size_t i = 0; same && i < e; i++) /* ASCII case only, whatever the locale */
            same = (a->input[n - e + i] | 0x20) == exts[k][i];
        if (same)
            return RA_INPUT_HTML;
    }
    return RA_INPUT_AUTO;
}

static int run(cli_args *a, const char *text, size_t len)
{
    ra_format fmt = RA_FORMAT_AUTO;
    a->opts.input_format = input_format(a);
    if (a->format && parse_format(a->format, &fmt) != 0)
        return EXIT_USAGE;
    ra_timings *tm = NULL;
    if (a->timings && ra_timings_new(&tm, text, len) != RA_OK)
        return fail("out of memory");
    ra_engine *e = NULL;
    ra_status st = ra_engine_new(&e, &a->opts);
    if (st != RA_OK) {
        ra_timings_free(tm);
        return fail("%s", ra_errmsg(NULL));
    }
    int code = EXIT_SUCCESS;
    st = a->mode == MODE_AUDIO ? run_audio(a, e, text, len, fmt, tm) : run_text(a, e, text, len, &code);
    if (progress_shown)
        fputc('\n', stderr);
    if (st != RA_OK)
        code = report(a, e, st);
    else if (ra_warning(e)[0] && !a->quiet)
        fprintf(stderr, "readarticle: %s: warning: %s\n", input_name(a), ra_warning(e));
    if (code == EXIT_SUCCESS && tm)
        code = write_timings(a, tm);
    ra_timings_free(tm);
    ra_engine_free(e);
    return code;
}

/* --check on each input: the report of each, exit 1 when something counted was found or an
 * input could not be read. */
static int run_check(cli_args *a)
{
    unsigned mask;
    check_level_mask(a->check_level ? a->check_level : "warning", &mask);
    int json = a->check_format && !strcmp(a->check_format, "json"), code = EXIT_SUCCESS;
    size_t count = a->ninputs ? a->ninputs : 1, printed = 0;
    for (size_t i = 0; i < count && !interrupted; i++) {
        a->input = a->ninputs ? a->inputs[i] : NULL;
        char *text = NULL;
        size_t len = 0;
        int r = load_input(a, &text, &len);
        if (r != EXIT_SUCCESS) {
            code = r;
            continue;
        }
        a->opts.input_format = input_format(a);
        ra_engine *e = NULL;
        ra_check_result *res = NULL;
        ra_status st = ra_engine_new(&e, &a->opts);
        if (st != RA_OK)
            code = fail("%s", ra_errmsg(NULL));
        else if ((st = ra_check(e, text, len, &res)) != RA_OK)
            code = report(a, e, st);
        else {
            if (ra_warning(e)[0] && !a->quiet)
                fprintf(stderr, "readarticle: %s: warning: %s\n", input_name(a), ra_warning(e));
            long found = check_report(input_name(a), res, mask, json, printed++, count > 1);
            if (found < 0)
                code = fail("cannot write to standard output: %s", strerror(errno));
            else if (found > 0 && code == EXIT_SUCCESS)
                code = EXIT_FAILURE;
        }
        ra_check_free(res);
        ra_engine_free(e);
        free(text);
    }
    if (check_report_end(json, printed, count > 1) != 0)
        code = fail("cannot write to standard output: %s", strerror(errno));
    return code;
}

/* A file the output depends on, as name, size and modification time. */
static void file_id(char *buf, size_t cap, const char *path)
{
    struct stat st;
    size_t n = strlen(buf);
    if (stat(path, &st) == 0)
        snprintf(buf + n, cap - n, " %s:%lld:%lld.%09ld", path, (long long)st.st_size, (long long)st.st_mtim.tv_sec,
                 st.st_mtim.tv_nsec);
    else
        snprintf(buf + n, cap - n, " %s", path);
}

/* Everything that shapes a batch output, as one line: an output recorded with another is redone. */
static void fingerprint(const cli_args *a, ra_format fmt, char *buf, size_t cap)
{
    const ra_options *o = &a->opts;
    snprintf(buf, cap, "readarticle %s; format %d; timings %s; voice %s; rate %d; pitch %d; pauses %d %d; "
             "encoding %s; strict %d; selector %s; whole-page %d; max %u ms; timeout %u ms; lexicons",
             ra_version_string(), (int)fmt, a->timings_format ? a->timings_format : "-", o->voice ? o->voice : "-",
             o->rate, o->pitch, o->pause_sentence, o->pause_paragraph, o->input_encoding ? o->input_encoding : "-",
             o->input_strict, o->html_selector ? o->html_selector : "-", o->html_whole_page, o->max_duration_ms,
             o->timeout_ms);
    for (size_t i = 0; i < a->nlexicons; i++)
        file_id(buf, cap, a->lexicons[i]);
    if (o->voice && strchr(o->voice, '/'))
        file_id(buf, cap, o->voice); /* a profile file */
    strncat(buf, "\n", cap - strlen(buf) - 1);
}

static int run_batch(cli_args *a)
{
    ra_format fmt = RA_FORMAT_WAV;
    if (a->format && parse_format(a->format, &fmt) != 0)
        return EXIT_USAGE;
    if (fmt == RA_FORMAT_AUTO)
        fmt = RA_FORMAT_WAV;
    static char print[4096];
    fingerprint(a, fmt, print, sizeof print);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    batch_args b = { a->batch_in, a->output, fmt, a->timings_format, a->force, a->shard, a->shards,
                     a->opts.max_instances ? a->opts.max_instances : cpus < 1 ? 1 : cpus > 8 ? 8 : (unsigned)cpus,
                     a->opts, print, a->quiet, &interrupted };
    return batch_run(&b);
}

int main(int argc, char **argv)
{
    cli_args a;
    memset(&a, 0, sizeof a);
    ra_options_init(&a.opts);
    int r = parse_args(argc, argv, &a);
    if (r >= 0)
        return r;
    if (a.mode == MODE_BATCH) {
        catch_signals();
        r = run_batch(&a);
        return interrupted && r != EXIT_SUCCESS ? 128 + interrupted : r;
    }
    if (a.mode == MODE_CHECK) {
        r = run_check(&a);
        return interrupted && r != EXIT_SUCCESS ? 128 + interrupted : r;
    }
    if (a.mode == MODE_AUDIO) {
        a.progress = !a.quiet && (a.progress || (isatty(STDERR_FILENO) && !is_stdout(a.output)));
        catch_signals();
    }
    char *text = NULL;
    size_t len = 0;
    if ((r = load_input(&a, &text, &len)) != EXIT_SUCCESS)
        return r;
    if ((r = check_outputs(&a)) < 0)
        r = run(&a, text, len);
    free(text);
    if (interrupted && r != EXIT_SUCCESS)
        return 128 + interrupted; /* a signal after the work was done changes nothing */
    return r;
}
