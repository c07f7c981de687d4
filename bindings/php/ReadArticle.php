<?php
/*
 * PHP binding of libreadarticle (include/readarticle.h), through PHP's FFI extension.
 *
 *   require 'bindings/php/ReadArticle.php';
 *   $r = new ReadArticle\Reader("south");
 *   file_put_contents("a.mp3", $r->synthesize($text, "mp3"));
 *
 * Speech runs in the library's worker processes, so nothing here needs a callback into PHP:
 * audio comes back as one buffer and timings through the library's own collector.
 */

declare(strict_types=1);

namespace ReadArticle;

use FFI;

/** A failed library call: getStatus() is the ra_status, the message is the library's. */
class Error extends \RuntimeException
{
    public const OK = 0;
    public const ERR_ARG = 1;
    public const ERR_NOMEM = 2;
    public const ERR_UTF8 = 3;
    public const ERR_IO = 4;
    public const ERR_VOICE = 5;
    public const ERR_SYNTH = 6;
    public const ERR_FORMAT = 7;
    public const ERR_ABORTED = 8;
    public const ERR_LEXICON = 9;
    public const ERR_EMPTY = 10;
    public const ERR_LIMIT = 11;

    private int $status;

    public function __construct(int $status, string $message)
    {
        parent::__construct($message, $status);
        $this->status = $status;
    }

    public function getStatus(): int
    {
        return $this->status;
    }
}

/** The shared library could not be found or loaded (or FFI is unavailable). */
class LibraryError extends \RuntimeException
{
}

final class Reader
{
    /* Only the declarations this file calls, in the header's shapes. Callback fields are
     * declared void *: PHP never sets them (timings are collected by ra_timings_attach). */
    private const CDEF = <<<'C'
typedef enum {
    RA_OK = 0, RA_ERR_ARG = 1, RA_ERR_NOMEM = 2, RA_ERR_UTF8 = 3, RA_ERR_IO = 4,
    RA_ERR_VOICE = 5, RA_ERR_SYNTH = 6, RA_ERR_FORMAT = 7, RA_ERR_ABORTED = 8,
    RA_ERR_LEXICON = 9, RA_ERR_EMPTY = 10, RA_ERR_LIMIT = 11
} ra_status;
typedef enum {
    RA_FORMAT_AUTO = 0, RA_FORMAT_WAV = 1, RA_FORMAT_FLAC = 2, RA_FORMAT_OGG = 3, RA_FORMAT_MP3 = 4,
    RA_FORMAT_OPUS = 5
} ra_format;
typedef enum { RA_TIMINGS_AUTO = 0, RA_TIMINGS_JSON = 1, RA_TIMINGS_VTT = 2 } ra_timings_format;
typedef struct ra_engine ra_engine;
typedef struct ra_timings ra_timings;
typedef struct {
    unsigned version;
    const char *voice;
    int rate;
    int pitch;
    unsigned max_instances;
    void *progress;
    void *progress_user;
    void *on_event;
    void *event_user;
    int pause_sentence;
    int pause_paragraph;
    const char *const *lexicons;
    unsigned worker_timeout_ms;
    unsigned worker_memory_mb;
    int input_format;
    const char *html_selector;
    int html_whole_page;
    unsigned max_duration_ms;
    unsigned timeout_ms;
    const char *input_encoding;
} ra_options;
typedef struct {
    unsigned version;
    void *on_event;
    void *event_user;
    void *progress;
    void *progress_user;
} ra_hooks;
const char *ra_version_string(void);
const char *ra_strerror(ra_status status);
ra_status ra_options_init_version(ra_options *opts, unsigned version);
ra_status ra_engine_new(ra_engine **out, const ra_options *opts);
void ra_engine_free(ra_engine *engine);
const char *ra_errmsg(const ra_engine *engine);
ra_status ra_normalize(ra_engine *engine, const char *text, size_t len, char **out);
ra_status ra_sentences(ra_engine *engine, const char *text, size_t len, char **out);
ra_status ra_hooks_init(ra_hooks *hooks);
ra_status ra_synth_to_file_with(ra_engine *engine, const char *text, size_t len, const char *path,
                                ra_format format, const ra_hooks *hooks);
ra_status ra_synth_to_memory_with(ra_engine *engine, const char *text, size_t len, ra_format format,
                                  void **data, size_t *size, const ra_hooks *hooks);
int ra_format_supported(ra_format f);
ra_status ra_timings_new(ra_timings **out, const char *input, size_t len);
void ra_timings_free(ra_timings *t);
ra_status ra_timings_attach(ra_timings *t, ra_hooks *hooks);
ra_status ra_timings_render(const ra_timings *t, ra_timings_format format, char **out, size_t *size);
ra_status ra_timings_write(const ra_timings *t, const char *path, ra_timings_format format);
size_t ra_voice_count(void);
ra_status ra_voice_info(size_t i, const char **name, const char **description);
void ra_free(void *p);
C;

    private const FORMATS = ['wav' => 1, 'flac' => 2, 'ogg' => 3, 'mp3' => 4, 'opus' => 5];
    private const FORMAT_AUTO = 0;
    private const TIMINGS_AUTO = 0;
    private const TIMINGS_JSON = 1;

    private static ?FFI $ffi = null;
    private static ?string $libraryPath = null;

    /** @var ?FFI\CData ra_engine*, null once closed */
    private $engine;

    /**
     * @param string   $voice    built-in voice name ("north", "south-female", ...) or a profile path
     * @param ?int     $rate     words per minute (80..450); null keeps the voice's
     * @param ?int     $pitch    0..100; null keeps the voice's
     * @param string[] $lexicons user lexicon files (TSV), later ones win
     */
    public function __construct(string $voice = "north", ?int $rate = null, ?int $pitch = null,
                                array $lexicons = [])
    {
        $ffi = self::ffi();
        $opts = $ffi->new('ra_options');
        self::check($ffi->ra_options_init_version(FFI::addr($opts), 3), null);
        // C strings for the struct: FFI passes PHP strings only as call arguments, not as fields.
        // These buffers must outlive ra_engine_new, which copies them.
        $voiceBuf = self::cString($voice);
        $opts->voice = FFI::addr($voiceBuf[0]);
        if ($rate !== null) {
            $opts->rate = $rate;
        }
        if ($pitch !== null) {
            $opts->pitch = $pitch;
        }
        // $lexBufs holds the strings $lexArray points to: both must live as long as $voiceBuf
        [$lexArray, $lexBufs] = self::cStringArray($lexicons);
        if ($lexArray !== null) {
            $opts->lexicons = FFI::addr($lexArray[0]);
        }
        $engine = $ffi->new('ra_engine*');
        self::check($ffi->ra_engine_new(FFI::addr($engine), FFI::addr($opts)), null);
        $this->engine = $engine;
    }

    public function __destruct()
    {
        $this->close();
    }

    /** Frees the engine and stops its speech workers. Safe to call more than once. */
    public function close(): void
    {
        if ($this->engine !== null) {
            self::ffi()->ra_engine_free($this->engine);
            $this->engine = null;
        }
    }

    /** The spoken form of $text: one line per sentence, each ending in "\n". */
    public function normalize(string $text): string
    {
        return $this->textCall('ra_normalize', $text);
    }

    /** The sentences of $text as segmented (cleaned source, line breaks folded). */
    public function sentences(string $text): array
    {
        $out = $this->textCall('ra_sentences', $text);
        return $out === '' ? [] : explode("\n", rtrim($out, "\n"));
    }

    /**
     * Encoded audio of $text in $format ("wav", "flac", "ogg", "mp3"); with $timings, returns
     * [audio, timings] where timings is the decoded JSON document ("sentences", "words").
     * @return string|array
     */
    public function synthesize(string $text, string $format = "wav", bool $timings = false)
    {
        $ffi = self::ffi();
        $code = self::formatCode($format);
        $engine = $this->engine();
        $data = $ffi->new('void*');
        $size = $ffi->new('size_t');
        // returns the audio at once, so it is freed even if rendering the timings fails
        $synth = function ($hooks) use ($ffi, $engine, $text, $code, $data, $size): string {
            self::check($ffi->ra_synth_to_memory_with($engine, $text, strlen($text), $code,
                FFI::addr($data), FFI::addr($size), $hooks), $engine);
            return self::takeBuffer($data, $size->cdata);
        };
        if (!$timings) {
            return $synth(null);
        }
        return self::withTimings($text, function ($hooks, $t) use ($ffi, $synth): array {
            $audio = $synth($hooks);
            $out = $ffi->new('char*');
            $len = $ffi->new('size_t');
            self::check($ffi->ra_timings_render($t, self::TIMINGS_JSON, FFI::addr($out), FFI::addr($len)), null);
            $json = self::takeBuffer($out, $len->cdata);
            return [$audio, json_decode($json, true, 512, JSON_THROW_ON_ERROR)];
        });
    }

    /**
     * Writes the audio of $text to $path; a regular file appears only when all went well.
     * $format null picks it from the extension. With $timingsPath, also writes the timings
     * there (WebVTT for .vtt, else JSON).
     */
    public function synthesizeToFile(string $text, string $path, ?string $format = null,
                                     ?string $timingsPath = null): void
    {
        $ffi = self::ffi();
        $code = $format === null ? self::FORMAT_AUTO : self::formatCode($format);
        $engine = $this->engine();
        self::rejectNul($path, 'path');
        $synth = function ($hooks) use ($ffi, $engine, $text, $path, $code): void {
            self::check($ffi->ra_synth_to_file_with($engine, $text, strlen($text), $path, $code, $hooks), $engine);
        };
        if ($timingsPath === null) {
            $synth(null);
            return;
        }
        self::rejectNul($timingsPath, 'timings path');
        self::withTimings($text, function ($hooks, $t) use ($ffi, $synth, $timingsPath): void {
            $synth($hooks);
            self::check($ffi->ra_timings_write($t, $timingsPath, self::TIMINGS_AUTO), null);
        });
    }

    /** The library version, "MAJOR.MINOR.PATCH". */
    public static function version(): string
    {
        return self::ffi()->ra_version_string();
    }

    /** Built-in voices: name => one-line description. */
    public static function voices(): array
    {
        $ffi = self::ffi();
        $voices = [];
        $count = $ffi->ra_voice_count();
        for ($i = 0; $i < $count; $i++) {
            $name = $ffi->new('const char*');
            $desc = $ffi->new('const char*');
            self::check($ffi->ra_voice_info($i, FFI::addr($name), FFI::addr($desc)), null);
            $voices[FFI::string($name)] = FFI::string($desc);
        }
        return $voices;
    }

    /** Whether this build of the library can write $format (MP3 needs libsndfile with LAME). */
    public static function formatSupported(string $format): bool
    {
        return self::ffi()->ra_format_supported(self::formatCode($format)) !== 0;
    }

    /** The path the shared library was loaded from (as given to dlopen). */
    public static function libraryPath(): string
    {
        self::ffi();
        return self::$libraryPath;
    }

    // ---- internals -------------------------------------------------------------------------

    /** Loads the library once per process: FFI::cdef parses the declarations each time. */
    private static function ffi(): FFI
    {
        if (self::$ffi !== null) {
            return self::$ffi;
        }
        if (!extension_loaded('ffi')) {
            throw new LibraryError('readarticle: the PHP FFI extension is not loaded (install php-cli >= 7.4 with FFI)');
        }
        $path = self::findLibrary();
        try {
            self::$ffi = FFI::cdef(self::CDEF, $path);
        } catch (\Throwable $e) {
            throw new LibraryError("readarticle: cannot load the library '$path': " . $e->getMessage()
                . ' (run make, or set READARTICLE_LIB to the path of libreadarticle.so.0;'
                . ' outside the CLI, FFI needs ffi.enable=true)', 0, $e);
        }
        self::$libraryPath = $path;
        return self::$ffi;
    }

    /** $READARTICLE_LIB, else the build tree above this file, else the installed soname. */
    private static function findLibrary(): string
    {
        $env = getenv('READARTICLE_LIB');
        if ($env !== false && $env !== '') {
            // absolute: the library looks for readarticle-worker beside the name it was loaded
            // by, and a relative one would break if the script later calls chdir()
            // (a bare soname has no slash: dlopen searches the system paths for it)
            $relative = $env[0] !== '/' && strpos($env, '/') !== false;
            return $relative ? getcwd() . '/' . $env : $env;
        }
        $build = getenv('RA_BUILD');
        $build = ($build === false || $build === '') ? 'build' : $build;
        for ($dir = __DIR__; ; $dir = $parent) {
            $lib = "$dir/$build/libreadarticle.so.0";
            if (is_file($lib)) {
                return $lib;
            }
            $parent = dirname($dir);
            if ($parent === $dir) {
                return 'libreadarticle.so.0';
            }
        }
    }

    /** The engine, or a LogicException after close(). */
    private function engine(): FFI\CData
    {
        if ($this->engine === null) {
            throw new \LogicException('readarticle: this Reader has been closed');
        }
        return $this->engine;
    }

    /** Runs ra_normalize or ra_sentences and returns its text. */
    private function textCall(string $fn, string $text): string
    {
        $ffi = self::ffi();
        $engine = $this->engine();
        $out = $ffi->new('char*');
        self::check($ffi->$fn($engine, $text, strlen($text), FFI::addr($out)), $engine);
        return self::takeBuffer($out, null);
    }

    /**
     * Runs $body($hooks, $collector) with a timings collector attached to fresh hooks, and frees
     * the collector whatever happens.
     */
    private static function withTimings(string $text, callable $body)
    {
        $ffi = self::ffi();
        $t = $ffi->new('ra_timings*');
        self::check($ffi->ra_timings_new(FFI::addr($t), $text, strlen($text)), null);
        try {
            $hooks = $ffi->new('ra_hooks');
            self::check($ffi->ra_hooks_init(FFI::addr($hooks)), null);
            // sets on_event = ra_timings_collect in C: FFI cannot take a C function's address
            self::check($ffi->ra_timings_attach($t, FFI::addr($hooks)), null);
            return $body(FFI::addr($hooks), $t);
        } finally {
            $ffi->ra_timings_free($t);
        }
    }

    /** Copies a library-owned buffer into a PHP string and frees it ($size null: NUL-terminated). */
    private static function takeBuffer(FFI\CData $ptr, ?int $size): string
    {
        if (FFI::isNull($ptr)) {
            return '';
        }
        try {
            return $size === null ? FFI::string($ptr) : FFI::string($ptr, $size);
        } finally {
            self::ffi()->ra_free($ptr);
        }
    }

    /** Throws Error for a non-OK status, with the message of the thread's last failure. */
    private static function check(int $status, ?FFI\CData $engine): void
    {
        if ($status === Error::OK) {
            return;
        }
        $ffi = self::ffi();
        // read at once: the message is only valid until the next library call
        $msg = $ffi->ra_errmsg($engine);
        if ($msg === null || $msg === '') {
            $msg = $ffi->ra_strerror($status);
        }
        throw new Error($status, $msg);
    }

    private static function formatCode(string $format): int
    {
        $code = self::FORMATS[strtolower($format)] ?? null;
        if ($code === null) {
            throw new \InvalidArgumentException("readarticle: unknown audio format '$format' (wav, flac, ogg, mp3)");
        }
        return $code;
    }

    /** C would silently stop at a NUL byte and use a different name. */
    private static function rejectNul(string $s, string $what): void
    {
        if (strpos($s, "\0") !== false) {
            throw new \InvalidArgumentException("readarticle: $what contains a NUL byte");
        }
    }

    /** A NUL-terminated copy of $s in C memory (freed with the returned CData). */
    private static function cString(string $s): FFI\CData
    {
        self::rejectNul($s, 'string');
        $buf = FFI::new('char[' . (strlen($s) + 1) . ']');
        FFI::memcpy($buf, $s, strlen($s));
        return $buf;
    }

    /**
     * A NULL-terminated const char*[] of copies of $strings, and the buffers it points into
     * (the caller keeps both alive). [null, []] for an empty list.
     */
    private static function cStringArray(array $strings): array
    {
        if ($strings === []) {
            return [null, []];
        }
        $strings = array_values($strings);
        $array = self::ffi()->new('const char*[' . (count($strings) + 1) . ']');
        $bufs = [];
        foreach ($strings as $i => $s) {
            $bufs[$i] = self::cString((string)$s);
            $array[$i] = FFI::addr($bufs[$i][0]);
        }
        $array[count($strings)] = null;
        return [$array, $bufs];
    }
}
