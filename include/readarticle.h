/* readarticle.h — public API of libreadarticle, the offline Vietnamese article reader.
 *
 * The pipeline: UTF-8 text -> cleaned NFC text -> sentences -> spoken words -> espeak-ng -> audio.
 *
 * Conventions (they hold for every function below):
 *  - Every function returns an ra_status; results come back through out-parameters, which are
 *    left untouched on failure.
 *  - Text arguments are UTF-8 with an explicit byte length; they need not be NUL-terminated and
 *    may contain any bytes (invalid UTF-8 is reported as RA_ERR_UTF8, never read).
 *  - Strings and buffers the library returns are owned by the caller and freed with ra_free().
 *  - The library never prints, never exits and never aborts on bad input.
 *  - After a failure, ra_errmsg(engine) gives a one-line message for the calling thread.
 *
 * Thread safety: an ra_engine is immutable after ra_engine_new() except for its pool of
 * espeak-ng instances, which is guarded internally. Any number of threads may call any function
 * on the same engine at once. espeak-ng keeps its state in globals, so the engine loads one
 * private copy of libespeak-ng per concurrent synthesis (glibc dlmopen namespaces, up to
 * ra_options.max_instances); where a private copy cannot be loaded, synthesis calls on all engines
 * of the process are serialised by one lock instead. Callbacks run on the calling thread.
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
#define RA_VERSION_MINOR 1
#define RA_VERSION_PATCH 0
#define RA_VERSION_STRING "0.1.0"
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
    RA_ERR_LEXICON = 9    /* a user lexicon file is malformed (message names file and line) */
} ra_status;

/* Audio container formats. RA_FORMAT_AUTO picks one from the file name's extension
 * (.wav .flac .ogg .mp3), defaulting to WAV. */
typedef enum {
    RA_FORMAT_AUTO = 0,
    RA_FORMAT_WAV = 1,    /* 16-bit PCM */
    RA_FORMAT_FLAC = 2,
    RA_FORMAT_OGG = 3,    /* Ogg Vorbis */
    RA_FORMAT_MP3 = 4     /* needs libsndfile >= 1.1 built with LAME */
} ra_format;

typedef struct ra_engine ra_engine;

/* Receives synthesized audio: mono signed 16-bit PCM at ra_sample_rate() Hz, in blocks as they
 * are produced (silence for pauses included). Return 0 to continue, non-zero to stop the
 * synthesis, which then returns RA_ERR_ABORTED. */
typedef int (*ra_pcm_fn)(void *user, const int16_t *samples, size_t count);

/* Reports progress of a synthesis: bytes of input text read so far out of total. Return 0 to
 * continue, non-zero to stop (the call returns RA_ERR_ABORTED). */
typedef int (*ra_progress_fn)(void *user, size_t done, size_t total);

/* What was said when: a sentence, or one word of the input (a word the normalizer expanded,
 * "UBND" or "2023", is one event covering all its spoken words). Delivered in order, after the
 * sentence's audio has been handed to the output: the sentence first, then its words. */
typedef enum {
    RA_EVENT_SENTENCE = 1,
    RA_EVENT_WORD = 2
} ra_event_kind;

typedef struct {
    ra_event_kind kind;
    double start, end;          /* seconds in the output audio, pauses included */
    size_t byte_start, byte_end;/* the source: bytes [byte_start, byte_end) of the input text */
    const char *text;           /* the source cleaned (markup dropped, entities and line breaks
                                   resolved), NUL-terminated; valid during the call */
    const char *spoken;         /* what was said for it, NUL-terminated; valid during the call */
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
    unsigned max_instances;  /* espeak-ng copies for concurrent synthesis, at most 16; 0 = the
                                number of CPUs up to 8 */
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
} ra_options;

#define RA_OPTIONS_VERSION 1u

/* Returns the library version as "MAJOR.MINOR.PATCH". Static storage; never NULL. */
RA_API const char *ra_version_string(void);

/* Returns a static English description of a status code; never NULL. */
RA_API const char *ra_strerror(ra_status status);

/* Fills *opts with defaults. Returns RA_ERR_ARG if opts is NULL. */
RA_API ra_status ra_options_init(ra_options *opts);

/* Creates an engine. opts may be NULL for all defaults. The voice profile is resolved and
 * checked here; espeak-ng itself is loaded on first synthesis, so normalisation works even where
 * espeak-ng is not installed. The options struct and its strings are copied.
 * Errors: RA_ERR_ARG (out NULL, rate/pitch out of range, unknown options version),
 *         RA_ERR_VOICE (unknown name, unreadable or malformed profile),
 *         RA_ERR_LEXICON (a lexicon file is unreadable or has a malformed line: the message names
 *         the file and line), RA_ERR_NOMEM.
 * When engine creation fails, ra_errmsg(NULL) describes why. */
RA_API ra_status ra_engine_new(ra_engine **out, const ra_options *opts);

/* Frees an engine and its espeak-ng instances. Accepts NULL. No other call may be running on
 * the engine. */
RA_API void ra_engine_free(ra_engine *engine);

/* Returns the message of the last failed call made on this engine by the calling thread (or of
 * the last failed ra_engine_new on this thread when engine is NULL); "" when there is none.
 * The string stays valid until the calling thread's next call into the library. */
RA_API const char *ra_errmsg(const ra_engine *engine);

/* Output sample rate in Hz of the engine's audio (22050 for espeak-ng). */
RA_API int ra_sample_rate(const ra_engine *engine);

/* Normalises text to its spoken form: one line per sentence, words only (no digits, no
 * symbols, no acronyms left to guess), with commas and sentence marks kept for prosody.
 * *out receives a NUL-terminated string to free with ra_free().
 * Errors: RA_ERR_ARG, RA_ERR_UTF8, RA_ERR_NOMEM. */
RA_API ra_status ra_normalize(ra_engine *engine, const char *text, size_t len, char **out);

/* Splits text into sentences as they appear in the (cleaned, NFC) source: one line per
 * sentence, internal line breaks folded to spaces. *out is freed with ra_free().
 * Errors: RA_ERR_ARG, RA_ERR_UTF8, RA_ERR_NOMEM. */
RA_API ra_status ra_sentences(ra_engine *engine, const char *text, size_t len, char **out);

/* Synthesises text and hands the audio to sink as it is produced.
 * Errors: RA_ERR_ARG, RA_ERR_UTF8, RA_ERR_NOMEM, RA_ERR_SYNTH, RA_ERR_ABORTED. */
RA_API ra_status ra_synth_to_sink(ra_engine *engine, const char *text, size_t len,
                                  ra_pcm_fn sink, void *user);

/* Synthesises text into an audio file at path. The file appears only when the whole synthesis
 * succeeded (written to a temporary file in the same directory, then renamed); on any failure
 * nothing is left behind and an existing file at path is untouched.
 * Errors: as ra_synth_to_sink, plus RA_ERR_IO and RA_ERR_FORMAT. */
RA_API ra_status ra_synth_to_file(ra_engine *engine, const char *text, size_t len,
                                  const char *path, ra_format format);

/* Synthesises text into an encoded audio file held in memory. *data (free with ra_free) and
 * *size receive the file's bytes. RA_FORMAT_AUTO means WAV.
 * Errors: as ra_synth_to_sink, plus RA_ERR_FORMAT. */
RA_API ra_status ra_synth_to_memory(ra_engine *engine, const char *text, size_t len,
                                    ra_format format, void **data, size_t *size);

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
