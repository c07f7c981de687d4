/* readarticle.h — public API of libreadarticle, the offline Vietnamese article reader.
 *
 * The pipeline: UTF-8 text -> cleaned NFC text -> sentences -> spoken words -> espeak-ng -> audio.
 *
 * Conventions (they hold for every function below):
 *  - Every function that can fail returns an ra_status; results come back through
 *    out-parameters, which are left untouched on failure.
 *  - Text arguments are UTF-8 (or ra_options.input_encoding) with an explicit byte length; they
 *    need not be NUL-terminated and may contain any bytes (invalid UTF-8 is mended or reported
 *    as RA_ERR_UTF8 as ra_options.input_strict says, never read past).
 *  - Strings and buffers the library returns are owned by the caller and freed with ra_free().
 *  - The library never prints, never exits and never aborts on bad input.
 *  - After a failure, ra_errmsg(engine) gives a one-line message for the calling thread.
 *
 * Thread safety: an ra_engine is immutable after ra_engine_new() except for its pool of
 * speech workers, which is guarded internally. Any number of threads may call any function on
 * the same engine at once; each synthesis call gets workers of its own (up to
 * ra_options.max_instances in all, then calls wait for one). No lock is held and no worker is reserved
 * while a callback of yours runs, so a callback may itself call the library, on any engine.
 * Callbacks run on the calling thread.
 *
 * Speech workers: espeak-ng keeps its state in globals, may abort on odd input and calls exit()
 * when it cannot start, so it never runs in your process. Each engine starts helper processes
 * (readarticle-worker, with posix_spawn, on first synthesis) that run espeak-ng and return
 * audio over a socket; they are reused across calls, run under limits (address space, CPU time
 * per text, no file output), and are stopped by ra_engine_free(). libespeak-ng, libpcaudio and
 * libpulse are never loaded into your process. A worker that crashes, is killed or hangs fails
 * only the call it was serving (RA_ERR_SYNTH) and is replaced for the next. The worker is found
 * through $READARTICLE_WORKER, else beside the library file (the build tree), else at the
 * installed path. After fork(), a child process starts workers of its own.
 */
#ifndef READARTICLE_H
#define READARTICLE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(RA_BUILDING) && defined(__GNUC__)
#define RA_API __attribute__((visibility("default")))
#else
#define RA_API
#endif

#define RA_VERSION_MAJOR 0
#define RA_VERSION_MINOR 2
#define RA_VERSION_PATCH 0
#define RA_VERSION_STRING "0.2.0"
/* One number for comparisons: MAJOR*10000 + MINOR*100 + PATCH. */
#define RA_VERSION_NUMBER (RA_VERSION_MAJOR * 10000 + RA_VERSION_MINOR * 100 + RA_VERSION_PATCH)

/* Status codes. The numeric values are pinned and will not change. */
typedef enum {
    RA_OK = 0,
    RA_ERR_ARG = 1,       /* a NULL pointer or an out-of-range value was passed */
    RA_ERR_NOMEM = 2,     /* an allocation failed */
    RA_ERR_UTF8 = 3,      /* the input text is not valid UTF-8 (message gives the byte offset) */
    RA_ERR_IO = 4,        /* a file could not be opened, read, written or renamed */
    RA_ERR_VOICE = 5,     /* unknown voice name, or a malformed voice profile */
    RA_ERR_SYNTH = 6,     /* espeak-ng could not be loaded, initialised or failed to synthesise */
    RA_ERR_FORMAT = 7,    /* unsupported audio format, or the encoder refused the audio */
    RA_ERR_ABORTED = 8,   /* a callback asked to stop */
    RA_ERR_LEXICON = 9,   /* a user lexicon file is malformed (message names file and line) */
    RA_ERR_EMPTY = 10,    /* nothing to read: the text is empty, blank, or has nothing speakable
                             (synthesis only: no audio and no output file is produced) */
    RA_ERR_LIMIT = 11     /* the synthesis reached ra_options.max_duration_ms or .timeout_ms
                             (no output file is left; a sink has received the audio up to it) */
} ra_status;

/* Audio container formats. RA_FORMAT_AUTO picks one from the file name's extension (.wav .flac
 * .ogg .oga .mp3 .opus, any case); a name without an extension gets WAV, and an extension of
 * any other format (.m4a ...) is refused with RA_ERR_FORMAT rather than given WAV data.
 * For memory and callback output, RA_FORMAT_AUTO means WAV. */
typedef enum {
    RA_FORMAT_AUTO = 0,
    RA_FORMAT_WAV = 1,    /* 16-bit PCM */
    RA_FORMAT_FLAC = 2,
    RA_FORMAT_OGG = 3,    /* Ogg Vorbis */
    RA_FORMAT_MP3 = 4,    /* needs libsndfile >= 1.1 built with LAME */
    RA_FORMAT_OPUS = 5    /* Ogg Opus at 48 kHz (resampled with soxr); needs libsndfile >= 1.0.29 */
} ra_format;

typedef struct ra_engine ra_engine;

/* Receives synthesized audio: mono signed 16-bit PCM at ra_sample_rate() Hz, in blocks as they
 * are produced (silence for pauses included). Return 0 to continue, non-zero to stop the
 * synthesis, which then returns RA_ERR_ABORTED. */
typedef int (*ra_pcm_fn)(void *user, const int16_t *samples, size_t count);

/* Receives encoded audio (a WAV, FLAC, Ogg or MP3 stream) as it is produced, in order. Return 0
 * to continue, non-zero to stop (the call returns RA_ERR_ABORTED). */
typedef int (*ra_write_fn)(void *user, const void *data, size_t size);

/* Reports progress of a synthesis: bytes of input text read so far out of total. Return 0 to
 * continue, non-zero to stop (the call returns RA_ERR_ABORTED). It is called after each
 * sentence, and also every 40 ms or so while a long sentence is being spoken (with the figures
 * of the sentence before): a stop takes effect mid-sentence, the worker speaking it is killed. */
typedef int (*ra_progress_fn)(void *user, size_t done, size_t total);

/* What was said when: a sentence, or one word of the input (a word the normalizer expanded,
 * "UBND" or "2023", is one event covering all its spoken words). Delivered in order, after the
 * sentence's audio has been handed to the output: the sentence first, then its words. */
typedef enum {
    RA_EVENT_SENTENCE = 1,
    RA_EVENT_WORD = 2
} ra_event_kind;

/* What follows a sentence in the article's layout, so that a page showing the text can rebuild
 * its paragraphs, headings and list items from the events alone. */
typedef enum {
    RA_BREAK_NONE = 0,      /* a word event; or a piece of a sentence too long to prepare at once,
                               whose next piece follows with no pause */
    RA_BREAK_SENTENCE = 1,  /* another sentence of the same paragraph follows */
    RA_BREAK_PARAGRAPH = 2, /* it ends a paragraph */
    RA_BREAK_HEADING = 3,   /* it ends a heading or title line (a line with no final mark) */
    RA_BREAK_LIST = 4       /* it ends a list item */
} ra_break;

typedef struct {
    ra_event_kind kind;
    double start, end;          /* seconds in the output audio, pauses included */
    size_t byte_start, byte_end;/* the source: bytes [byte_start, byte_end) of the input text */
    const char *text;           /* the source cleaned (markup dropped, entities and line breaks
                                   resolved), NUL-terminated; valid during the call */
    const char *spoken;         /* what was said for it, NUL-terminated; valid during the call */
    ra_break ends;              /* for a sentence: the break after it; for a word: RA_BREAK_NONE.
                                   New in 0.2.0: a program that may run with an older library
                                   checks ra_version_string() before reading it */
} ra_event;

/* Receives events; return 0 to continue, non-zero to stop (RA_ERR_ABORTED). Set in ra_options it
 * belongs to the engine: when several threads synthesize with one engine at once, it is called
 * from each of them (on the calling thread, for that call's text), so it must be thread-safe;
 * ra_hooks gives one call its own callbacks instead. */
typedef int (*ra_event_fn)(void *user, const ra_event *event);

/* Options for ra_engine_new(). Always initialise with ra_options_init() first so that fields
 * added by later versions get their defaults. */
typedef struct {
    unsigned version;        /* set by ra_options_init(); do not change */
    const char *voice;       /* built-in voice name ("north", "south-female", ...) or a path to a
                                voice profile file; NULL selects the default ("north") */
    int rate;                /* words per minute, 80..450; 0 keeps the voice's rate */
    int pitch;               /* 0..100; -1 keeps the voice's pitch */
    unsigned max_instances;  /* speech workers (processes) for concurrent synthesis, at most 64;
                                0 = the number of CPUs up to 8. One call also uses up to this
                                many at once: helper threads speak the sentences after the one
                                being delivered (at most two per worker ahead), and the audio and
                                events still come in order, the first as soon as it is spoken */
    ra_progress_fn progress; /* optional, called during synthesis */
    void *progress_user;
    ra_event_fn on_event;    /* optional: sentence and word timings during synthesis */
    void *event_user;
    int pause_sentence;      /* milliseconds of silence after a sentence; -1 keeps the voice's */
    int pause_paragraph;     /* after a paragraph, heading or list item; -1 keeps the voice's */
    const char *const *lexicons; /* optional NULL-terminated list of user lexicon files (UTF-8 TSV:
                                    form<TAB>reading[<TAB>context[<TAB>flags]], the format of
                                    lib/data/acronyms.tsv); their entries win over the built-in
                                    ones, a later file over an earlier one, and a form written in
                                    lower case matches in any case. Read once, here. */
    /* Since version 2 (a struct of version 1 is still accepted; these then take defaults): */
    unsigned worker_timeout_ms; /* a busy worker silent this long is hung: it is killed and the
                                   call fails; 0 = 30000; at most 3600000 */
    unsigned worker_memory_mb;  /* address-space limit of each worker; 0 = 1024 */
    /* Since version 3: */
    int input_format;           /* an ra_input_format: what the text arguments of every call are */
    const char *html_selector;  /* HTML: "tag", "#id" or ".class" naming the article element (the
                                   first match is read, without the boxes of links inside it);
                                   NULL finds the article; copied */
    int html_whole_page;        /* HTML: non-zero reads all visible text of the page in order */
    unsigned max_duration_ms;   /* a synthesis that would give more audio than this stops with
                                   RA_ERR_LIMIT; 0 = no limit */
    unsigned timeout_ms;        /* a synthesis still running this long after its call began stops
                                   with RA_ERR_LIMIT; 0 = no limit */
    const char *input_encoding; /* text input: NULL or "auto" (UTF-16 when it starts with a BOM,
                                   else UTF-8, else the legacy encoding its bytes fit: see
                                   input_strict), "utf-8", "utf-16", "cp1258", "tcvn3", "vni" or
                                   "viscii"; offsets still count the caller's bytes. (HTML: its
                                   BOM or meta charset, else as "auto".) */
    /* Since version 4 (structs of versions 1-3 behave as input_strict = 1): */
    int input_strict;           /* 0: input that is not valid UTF-8 is read as well as it can be:
                                   with "auto", bytes that read clearly as Windows-1258, TCVN3,
                                   VNI or VISCII (more Vietnamese words than any other) are
                                   decoded so, and two encodings that fit alike are RA_ERR_UTF8
                                   naming them; otherwise each run of invalid bytes reads as
                                   nothing. Words of TCVN3 or VNI text that reached UTF-8 as
                                   Windows-1252 characters ("ViÖt Nam", "Vieät Nam") are
                                   repaired. ra_warning() tells what was done.
                                   1: the input is exactly its encoding: invalid UTF-8 is
                                   RA_ERR_UTF8, nothing is detected or repaired. */
    /* Since version 5: */
    unsigned sample_rate;       /* encoded audio (files, memory, writers) resampled to this many
                                   Hz, 8000..48000 (Opus: 8000, 12000, 16000, 24000 or 48000);
                                   0 = espeak-ng's 22050 (Opus: 48000). PCM sinks always get
                                   ra_sample_rate(). */
    int quality;                /* lossy formats (Ogg Vorbis, MP3, Opus): 0 (smallest) to 10
                                   (best); -1 (ra_options_init's default) keeps the encoder's */
} ra_options;

#define RA_OPTIONS_VERSION 5u

/* What the text given to the engine's calls is. With HTML, the library parses the page (HTML5,
 * its <meta charset> or BOM honoured), finds the article (headline, lead, body; menus, boxes of
 * related links, comments and footers left out) and reads it; every byte offset it reports
 * (word and sentence timings, the byte of an encoding error) points into the page's own bytes. */
typedef enum {
    RA_INPUT_TEXT = 0,  /* UTF-8 text (stray tags and character references in it are cleaned) */
    RA_INPUT_HTML = 1,  /* an HTML page */
    RA_INPUT_AUTO = 2   /* HTML when the bytes begin like a page (a doctype, <html>, <head> or
                           <body>, after a BOM, spaces and comments), text otherwise */
} ra_input_format;

/* Returns the library version as "MAJOR.MINOR.PATCH". Static storage; never NULL. */
RA_API const char *ra_version_string(void);

/* Returns a static English description of a status code; never NULL. */
RA_API const char *ra_strerror(ra_status status);

/* Fills *opts with defaults for options of the given version (1 to RA_OPTIONS_VERSION),
 * writing only the fields that version has. Returns RA_ERR_ARG if opts is NULL or the version
 * is unknown. */
RA_API ra_status ra_options_init_version(ra_options *opts, unsigned version);
/* ra_options_init(opts) is ra_options_init_version(opts, RA_OPTIONS_VERSION): a program writes
 * only the fields its own header knows. The function of that name, which programs built against
 * headers of version 2 and earlier call, fills a version-2 struct. */
RA_API ra_status(ra_options_init)(ra_options *opts);
#define ra_options_init(opts) ra_options_init_version((opts), RA_OPTIONS_VERSION)

/* Creates an engine. opts may be NULL for all defaults. The voice profile is resolved and
 * checked here; speech workers start on first synthesis, so normalisation works even where
 * espeak-ng is not installed. The options struct and its strings are copied.
 * Errors: RA_ERR_ARG (out NULL, rate/pitch out of range, unknown options version),
 *         RA_ERR_VOICE (unknown name, unreadable or malformed profile),
 *         RA_ERR_LEXICON (a lexicon file is unreadable or has a malformed line: the message names
 *         the file and line), RA_ERR_NOMEM.
 * When engine creation fails, ra_errmsg(NULL) describes why. */
RA_API ra_status ra_engine_new(ra_engine **out, const ra_options *opts);

/* Frees an engine: its speech workers are told to exit (killed if they do not within a second)
 * and reaped. Accepts NULL. No other call may be running on the engine. */
RA_API void ra_engine_free(ra_engine *engine);

/* Returns the message of the last failed call made on this engine by the calling thread (or,
 * when engine is NULL, of the last failed call on this thread that takes no engine:
 * ra_engine_new, ra_timings_*); "" when there is none.
 * The string stays valid until the calling thread's next call into the library. */
RA_API const char *ra_errmsg(const ra_engine *engine);

/* Returns what the last successful call on this engine by the calling thread had to guess or
 * repair in its input (an encoding told by its bytes, invalid UTF-8 replaced, mojibake words
 * repaired), one line in English naming the first affected byte; "" when nothing. Valid until
 * the thread's next call into the library. */
RA_API const char *ra_warning(const ra_engine *engine);

/* Output sample rate in Hz of the engine's audio (22050 for espeak-ng). */
RA_API int ra_sample_rate(const ra_engine *engine);

/* Normalises text to its spoken form: one line per sentence, words only (no digits, no
 * symbols, no acronyms left to guess), with commas and sentence marks kept for prosody.
 * *out receives a NUL-terminated string to free with ra_free(); "" when nothing would be read.
 * Errors: RA_ERR_ARG, RA_ERR_UTF8, RA_ERR_NOMEM. */
RA_API ra_status ra_normalize(ra_engine *engine, const char *text, size_t len, char **out);

/* Splits text into sentences as they appear in the (cleaned, NFC) source: one line per
 * sentence, internal line breaks folded to spaces. *out is freed with ra_free().
 * Errors: RA_ERR_ARG, RA_ERR_UTF8, RA_ERR_NOMEM. */
RA_API ra_status ra_sentences(ra_engine *engine, const char *text, size_t len, char **out);

/* The text the engine reads from input, as it will be read: for an HTML page the article it
 * found (headline, lead, body, a blank line between blocks); for text the cleaned text. *out
 * is NUL-terminated; free it with ra_free. A backend can check what a page will say.
 * Errors: RA_ERR_ARG, RA_ERR_UTF8, RA_ERR_NOMEM, RA_ERR_EMPTY (a selector that matches
 * nothing). */
RA_API ra_status ra_extract(ra_engine *engine, const char *input, size_t len, char **out);

/* ---- Accessibility check: what the reader will stumble on, before the article is published.
 *
 * ra_check reads the input as ra_normalize would (text or HTML, the engine's lexicons, voice
 * and input options) and reports, with its place in the input, every point where the reading
 * is a guess or where the article fails a listener. Each kind has a fixed level. */
typedef enum {
    RA_FINDING_SPELLED = 1,       /* warning: an unknown acronym or string read letter by letter */
    RA_FINDING_FOREIGN = 2,       /* warning: a word in no table, read by the foreign-word rules */
    RA_FINDING_SUMMARIZED = 3,    /* warning: a number (or code, or run) too long to read, summarized */
    RA_FINDING_AMBIGUOUS = 4,     /* info: one of several readings chosen (BTC, 2/3, 5-7), with why */
    RA_FINDING_LONG_SENTENCE = 5, /* warning: a sentence too long to follow by ear, or chunked */
    RA_FINDING_EMPTY_HEADING = 6, /* error (HTML): a heading with no text */
    RA_FINDING_NO_ALT = 7,        /* error (HTML): an image without alt text, or a file name as alt */
    RA_FINDING_URL_LINK = 8,      /* error (HTML): a link whose text is a bare web address */
    RA_FINDING_MOJIBAKE = 9,      /* error: TCVN3 or VNI text shown as Windows-1252 characters */
    RA_FINDING_MIXED_SCRIPT = 10, /* error: a word mixing Latin, Greek or Cyrillic letters */
    RA_FINDING_ALL_CAPS = 11      /* warning: text in capitals longer than a headline */
} ra_finding_kind;
#define RA_FINDING_KINDS 11

typedef enum { RA_LEVEL_INFO = 0, RA_LEVEL_WARNING = 1, RA_LEVEL_ERROR = 2 } ra_level;

typedef struct {
    ra_finding_kind kind;
    ra_level level;
    size_t byte_start, byte_end; /* in the input */
    unsigned line, column;       /* 1-based; the column counts characters (bytes when the input
                                    is not UTF-8) */
    const char *text;            /* the text (or tag) in question, cleaned; never NULL */
    const char *reading;         /* what will be said for it; "" when nothing is */
    const char *message;         /* what happened, one line of English */
    const char *fix;             /* a suggested fix; "" when there is none */
} ra_finding;

typedef struct ra_check_result ra_check_result;

/* Checks input[0..len). On RA_OK, *out holds the findings in input order (free with
 * ra_check_free). Errors as ra_normalize. Thread-safe like it: any number of threads may
 * check with one engine at once. */
RA_API ra_status ra_check(ra_engine *engine, const char *input, size_t len, ra_check_result **out);
/* The number of findings, and finding i (NULL when i is out of range). Valid until ra_check_free. */
RA_API size_t ra_check_count(const ra_check_result *result);
RA_API const ra_finding *ra_check_get(const ra_check_result *result, size_t i);
/* Words read (tokens with a letter or digit) and, of those, the words read by a guess: spelled,
 * foreign, summarized, or one reading of several chosen with no context word to decide. */
RA_API void ra_check_summary(const ra_check_result *result, size_t *words, size_t *guesses);
/* The findings whose kind is in kinds (a bitmask of 1u << kind; 0 means every kind) as JSON,
 * with name (may be NULL) as the file, and the summary. Free *out with ra_free. */
RA_API ra_status ra_check_json(const ra_check_result *result, const char *name, unsigned kinds, char **out);
RA_API void ra_check_free(ra_check_result *result);
/* "spelled", "foreign", "summarized", "ambiguous", "long-sentence", "empty-heading", "no-alt",
 * "url-link", "mojibake", "mixed-script", "all-caps"; "" for an unknown kind. Static. */
RA_API const char *ra_finding_kind_name(ra_finding_kind kind);
/* The level of a kind: every finding of it has this level. */
RA_API ra_level ra_finding_kind_level(ra_finding_kind kind);
/* "info", "warning", "error". Static. */
RA_API const char *ra_level_name(ra_level level);

/* Synthesises text and hands the audio to sink sentence by sentence, as it is produced.
 * Errors: RA_ERR_ARG, RA_ERR_UTF8, RA_ERR_NOMEM, RA_ERR_SYNTH (no worker could be started, or
 * the worker serving this call died or hung), RA_ERR_VOICE (espeak-ng lacks the profile's
 * voice), RA_ERR_ABORTED, RA_ERR_EMPTY (nothing to read: sink never called). */
RA_API ra_status ra_synth_to_sink(ra_engine *engine, const char *text, size_t len,
                                  ra_pcm_fn sink, void *user);

/* Synthesises text into an audio file at path, encoding as the audio is produced (memory stays
 * flat however long the text).
 *  - A regular file (new or existing, also reached through symbolic links) appears only when the
 *    whole synthesis succeeded: it is written to a temporary file in the same directory and
 *    renamed; on any failure nothing is left behind and an existing file is untouched. A
 *    replaced file keeps its permissions; a new one gets the umask's.
 *    A write-protected file is refused (RA_ERR_IO).
 *  - A FIFO or a device is written through in place (never truncated), and /dev/stdout,
 *    /dev/stderr, /dev/fd/N and /proc/self/fd/N through a copy of that descriptor (a pipe, a
 *    socket, a file opened for appending), every write checked: a short write, a full device
 *    or a closed pipe fails the call with RA_ERR_IO (SIGPIPE is never raised).
 * Errors: as ra_synth_to_sink, plus RA_ERR_IO (the message names the path and the reason) and
 * RA_ERR_FORMAT (a format or extension this build cannot write; the message lists those it
 * can), both reported before any synthesis when they can be known then. */
RA_API ra_status ra_synth_to_file(ra_engine *engine, const char *text, size_t len,
                                  const char *path, ra_format format);

/* Synthesises text into an encoded audio file held in memory. *data (free with ra_free) and
 * *size receive the file's bytes. RA_FORMAT_AUTO means WAV.
 * Errors: as ra_synth_to_sink, plus RA_ERR_FORMAT. */
RA_API ra_status ra_synth_to_memory(ra_engine *engine, const char *text, size_t len,
                                    ra_format format, void **data, size_t *size);

/* Synthesises text into an encoded stream handed to write as it is produced (an HTTP response,
 * a pipe): the first bytes leave once the first sentence is spoken, and nothing holds the whole
 * audio. RA_FORMAT_AUTO means WAV, whose header then carries the "length unknown" sizes that
 * stream players accept (0x7ffff000, as sox and espeak-ng --stdout write); FLAC leaves its
 * total length unset; MP3 has no Xing header.
 * Errors: as ra_synth_to_sink, plus RA_ERR_FORMAT; RA_ERR_ABORTED when write returned non-zero. */
RA_API ra_status ra_synth_to_writer(ra_engine *engine, const char *text, size_t len, ra_format format,
                                    ra_write_fn write, void *user);

/* Callbacks for one synthesis call, replacing the engine's (ra_options.on_event, .progress) for
 * that call only: calls that share an engine each get their own events and progress. Initialise
 * with ra_hooks_init() (no callbacks), then set what you need. */
typedef struct {
    unsigned version;        /* set by ra_hooks_init(); do not change */
    ra_event_fn on_event;
    void *event_user;
    ra_progress_fn progress;
    void *progress_user;
} ra_hooks;

#define RA_HOOKS_VERSION 1u

/* Fills *hooks with no callbacks. Returns RA_ERR_ARG if hooks is NULL. */
RA_API ra_status ra_hooks_init(ra_hooks *hooks);

/* As ra_synth_to_sink / _to_file / _to_memory, with this call's own callbacks. hooks may be NULL
 * (the engine's callbacks are used). Errors: as the plain functions, plus RA_ERR_ARG for hooks
 * not initialised with ra_hooks_init(). */
RA_API ra_status ra_synth_to_sink_with(ra_engine *engine, const char *text, size_t len, ra_pcm_fn sink,
                                       void *user, const ra_hooks *hooks);
RA_API ra_status ra_synth_to_file_with(ra_engine *engine, const char *text, size_t len, const char *path,
                                       ra_format format, const ra_hooks *hooks);
RA_API ra_status ra_synth_to_memory_with(ra_engine *engine, const char *text, size_t len, ra_format format,
                                         void **data, size_t *size, const ra_hooks *hooks);
RA_API ra_status ra_synth_to_writer_with(ra_engine *engine, const char *text, size_t len, ra_format format,
                                         ra_write_fn write, void *user, const ra_hooks *hooks);

/* 1 when this build can write format f (MP3 needs libsndfile 1.1 or later built with LAME). */
RA_API int ra_format_supported(ra_format f);

/* Timings files: a collector of events, rendered as JSON (sentences and words, with their times,
 * byte offsets in the input and spoken form), WebVTT or SubRip (one cue per sentence). Install
 * ra_timings_collect as the on_event callback with the collector as its user pointer. A
 * collector is used by one call at a time. */
typedef struct ra_timings ra_timings;

typedef enum {
    RA_TIMINGS_AUTO = 0,  /* from the file name: .vtt is WebVTT, .srt SubRip, anything else JSON */
    RA_TIMINGS_JSON = 1,
    RA_TIMINGS_VTT = 2,
    RA_TIMINGS_SRT = 3    /* SubRip: numbered cues, one per sentence, HH:MM:SS,mmm */
} ra_timings_format;

/* Creates an empty collector for events of a synthesis of input[0..len) (the text given to the
 * synthesis call: each item's "text" is its slice of it, copied as events arrive, so input need
 * only live until the call returns). Errors: RA_ERR_ARG, RA_ERR_NOMEM. */
RA_API ra_status ra_timings_new(ra_timings **out, const char *input, size_t len);
/* Frees a collector. Accepts NULL. */
RA_API void ra_timings_free(ra_timings *t);
/* The ra_event_fn that collects: user is the ra_timings. Returns non-zero (stopping the
 * synthesis) only when memory runs out. */
RA_API int ra_timings_collect(void *user, const ra_event *event);
/* Sets hooks->on_event to ra_timings_collect and hooks->event_user to t, for callers that cannot
 * take the address of a C function (ctypes, PHP FFI). Errors: RA_ERR_ARG. */
RA_API ra_status ra_timings_attach(ra_timings *t, ra_hooks *hooks);
/* Renders what was collected. *out (NUL-terminated, free with ra_free) and *size receive the
 * text. Numbers are written with a decimal point whatever the locale.
 * Errors: RA_ERR_ARG, RA_ERR_NOMEM (also when collecting ran out of memory). */
RA_API ra_status ra_timings_render(const ra_timings *t, ra_timings_format format, char **out, size_t *size);
/* Writes the rendering to path under the rules of ra_synth_to_file (a regular file appears
 * whole or not at all; a FIFO or device is written through). Errors: as ra_timings_render, plus
 * RA_ERR_IO (ra_errmsg(NULL) names the path and the reason). */
RA_API ra_status ra_timings_write(const ra_timings *t, const char *path, ra_timings_format format);

/* Number of built-in voices, and the name and one-line description of voice i (static strings).
 * Returns RA_ERR_ARG when i is out of range or an out-parameter is NULL. */
RA_API size_t ra_voice_count(void);
RA_API ra_status ra_voice_info(size_t i, const char **name, const char **description);

/* Frees memory returned by the library. Accepts NULL. */
RA_API void ra_free(void *p);

#ifdef __cplusplus
}
#endif

#endif /* READARTICLE_H */
