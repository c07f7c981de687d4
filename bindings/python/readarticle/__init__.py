"""Python binding of libreadarticle, the offline Vietnamese article reader.

    import readarticle
    with readarticle.Reader(voice="south") as reader:
        print(reader.normalize("UBND xã có 1.250 hộ."))
        wav = reader.synthesize("Xin chào.")

The library does the work: text normalisation in this process, speech in helper processes of
its own (espeak-ng is never loaded here). Calls release the GIL, and one Reader may serve many
threads at once.
"""

import contextlib
import ctypes
import json
import os
import threading
import warnings

from . import _native
from ._native import lib

__all__ = ["Reader", "Error", "version", "voices", "supported_formats"] + [
    "OK", "ERR_ARG", "ERR_NOMEM", "ERR_UTF8", "ERR_IO", "ERR_VOICE", "ERR_SYNTH", "ERR_FORMAT",
    "ERR_ABORTED", "ERR_LEXICON", "ERR_EMPTY"]

# ra_status: the numeric values are pinned by the header.
(OK, ERR_ARG, ERR_NOMEM, ERR_UTF8, ERR_IO, ERR_VOICE, ERR_SYNTH, ERR_FORMAT,
 ERR_ABORTED, ERR_LEXICON, ERR_EMPTY, ERR_LIMIT) = range(12)

_FORMATS = {
    "wav": _native.RA_FORMAT_WAV,
    "flac": _native.RA_FORMAT_FLAC,
    "ogg": _native.RA_FORMAT_OGG,
    "mp3": _native.RA_FORMAT_MP3,
    "opus": _native.RA_FORMAT_OPUS,
}


class Error(Exception):
    """A failed library call: .status is the ra_status code, .message the library's own words.

    The library's messages name what failed (the voice, the path and the reason, the byte offset
    of bad UTF-8), so they are worth more than the generic description of the status.
    """

    def __init__(self, status, message=""):
        self.status = status
        self.message = message or lib.ra_strerror(status).decode("utf-8", "replace")
        super().__init__(self.message)

    def __reduce__(self):
        """Keeps .status across pickling (multiprocessing, concurrent.futures)."""
        return Error, (self.status, self.message)


def _check(status, engine=None):
    """Raises Error for a failed call. Must run right after the call, on the same thread:
    ra_errmsg() is per thread and only lasts until that thread's next call into the library."""
    if status != OK:
        raise Error(status, lib.ra_errmsg(engine).decode("utf-8", "replace"))
    message = lib.ra_warning(engine) if engine is not None else b""
    if message:
        warnings.warn("readarticle: " + message.decode("utf-8", "replace"), UnicodeWarning, stacklevel=3)


def _utf8(text):
    """Text for the library: str is encoded; bytes pass through untouched, so that invalid UTF-8
    is reported by the library (with its byte offset) and timings' byte offsets match the
    caller's own bytes."""
    if isinstance(text, str):
        return text.encode("utf-8")
    if isinstance(text, bytes):
        return text
    raise TypeError(f"text must be str or bytes, not {type(text).__name__}")


def _format(name):
    """ra_format for a format name; None lets the library choose (file extension, else WAV)."""
    if name is None:
        return _native.RA_FORMAT_AUTO
    try:
        return _FORMATS[name.lower()]
    except (KeyError, AttributeError):
        raise ValueError(f"unknown audio format {name!r} (use one of {', '.join(_FORMATS)})") from None


def _take(pointer, size=-1):
    """Copies memory the library handed over (NUL-terminated when size is -1), then frees it
    with ra_free(): it comes from the library's allocator, not Python's."""
    try:
        return ctypes.string_at(pointer.value, size)
    finally:
        lib.ra_free(pointer)


def version():
    """The C library's version, "MAJOR.MINOR.PATCH"."""
    return lib.ra_version_string().decode("ascii")


def voices():
    """The built-in voices as a list of (name, description)."""
    found = []
    for i in range(lib.ra_voice_count()):
        name, description = ctypes.c_char_p(), ctypes.c_char_p()
        _check(lib.ra_voice_info(i, ctypes.byref(name), ctypes.byref(description)))
        found.append((name.value.decode("utf-8"), description.value.decode("utf-8")))
    return found


def supported_formats():
    """Format names this build of the library can write (MP3 depends on libsndfile)."""
    return [name for name, code in _FORMATS.items() if lib.ra_format_supported(code)]


class _Timings:
    """One synthesis call's hooks, and its timings collector when wanted.

    Each call gets hooks of its own (ra_*_with), never the engine's, so calls sharing a Reader
    never see each other's events. ra_timings_attach installs the C collector, so no Python
    callback runs during synthesis.
    """

    def __init__(self, data, wanted):
        self._data, self._wanted = data, wanted
        self._handle = None
        self.hooks = _native.ra_hooks()

    def __enter__(self):
        lib.ra_hooks_init(ctypes.byref(self.hooks))
        if self._wanted:
            handle = ctypes.c_void_p()
            _check(lib.ra_timings_new(ctypes.byref(handle), self._data, len(self._data)))
            self._handle = handle.value
            _check(lib.ra_timings_attach(self._handle, ctypes.byref(self.hooks)))
        return self

    def __exit__(self, *exc):
        lib.ra_timings_free(self._handle)

    def finish(self, parse, path):
        """Writes the timings to path (if given: .vtt WebVTT, else JSON) and returns them
        parsed (if parse), else None."""
        if path is not None:
            _check(lib.ra_timings_write(self._handle, os.fsencode(path), _native.RA_TIMINGS_AUTO))
        return json.loads(self._render()) if parse else None

    def _render(self):
        out, size = ctypes.c_void_p(), ctypes.c_size_t()
        _check(lib.ra_timings_render(self._handle, _native.RA_TIMINGS_JSON, ctypes.byref(out), ctypes.byref(size)))
        return _take(out, size.value).decode("utf-8")


def _lexicon_array(lexicons):
    """The NULL-terminated char *[] of ra_options.lexicons (None for no lexicons)."""
    if isinstance(lexicons, (str, bytes, os.PathLike)):
        lexicons = [lexicons]
    paths = [os.fsencode(p) for p in lexicons]
    return (ctypes.c_char_p * (len(paths) + 1))(*paths, None) if paths else None


class Reader:
    """An engine: a voice, its options and user lexicons, and a pool of speech workers.

    Safe to share between threads: the engine is immutable and every call keeps its state on
    its own stack. close() (or leaving a with block) stops the speech workers; it waits for
    calls still running on other threads.
    """

    def __init__(self, voice="north", rate=None, pitch=None, lexicons=(), max_instances=None, *,
                 pause_sentence=None, pause_paragraph=None, worker_timeout_ms=None, worker_memory_mb=None,
                 html=False, selector=None, whole_page=False, max_duration_ms=None, timeout_ms=None,
                 input_encoding=None, strict=True):
        """voice: a built-in name (see voices()) or a voice profile file; rate: words per minute
        (80..450); pitch: 0..100; lexicons: user lexicon files (TSV); max_instances: speech
        workers for concurrent calls (at most 64). None keeps the library's default.
        html: False reads text, True reads HTML pages (their article), "auto" decides by the
        bytes; selector ("tag", "#id", ".class") names the article element; whole_page reads
        all visible text of a page. max_duration_ms and timeout_ms bound each synthesis (it
        fails with ERR_LIMIT). input_encoding names the encoding of the text (utf-8, utf-16,
        cp1258, tcvn3, vni, viscii): with anything but UTF-8, pass bytes in that encoding, not
        str. strict=False reads bytes that are not valid UTF-8 as well as it can, as the CLI
        does (stray bytes dropped, a legacy encoding detected, TCVN3/VNI mojibake repaired),
        and tells what it did with a UnicodeWarning; strict=True (as Python's codecs) raises
        Error(ERR_UTF8) instead."""
        self._engine = None
        self._calls = 0
        self._idle = threading.Condition()
        opts = _native.ra_options()
        _check(lib.ra_options_init_version(ctypes.byref(opts), _native.RA_OPTIONS_VERSION))
        opts.input_format = (_native.RA_INPUT_AUTO if html == "auto" else
                             _native.RA_INPUT_HTML if html else _native.RA_INPUT_TEXT)
        opts.html_selector = None if selector is None else selector.encode("utf-8")
        opts.html_whole_page = 1 if whole_page else 0
        opts.input_encoding = None if input_encoding is None else input_encoding.encode("ascii")
        opts.input_strict = 1 if strict else 0
        opts.voice = None if voice is None else os.fsencode(voice)
        for field, value in (("rate", rate), ("pitch", pitch), ("max_instances", max_instances),
                             ("pause_sentence", pause_sentence), ("pause_paragraph", pause_paragraph),
                             ("worker_timeout_ms", worker_timeout_ms), ("worker_memory_mb", worker_memory_mb),
                             ("max_duration_ms", max_duration_ms), ("timeout_ms", timeout_ms)):
            if value is not None:
                setattr(opts, field, value)
        array = _lexicon_array(lexicons)  # kept alive by this frame until ra_engine_new copies it
        opts.lexicons = array
        engine = ctypes.c_void_p()
        _check(lib.ra_engine_new(ctypes.byref(engine), ctypes.byref(opts)))
        self._engine = engine.value

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()

    def close(self):
        """Frees the engine and stops its speech workers. Idempotent."""
        with self._idle:
            engine, self._engine = self._engine, None
            while self._calls:
                self._idle.wait()
        if engine:
            lib.ra_engine_free(engine)

    @contextlib.contextmanager
    def _use(self):
        """The engine for one call; close() cannot free it until the call is over."""
        with self._idle:
            if self._engine is None:
                raise ValueError("the Reader is closed")
            self._calls += 1
            engine = self._engine
        try:
            yield engine
        finally:
            with self._idle:
                self._calls -= 1
                self._idle.notify_all()

    @property
    def sample_rate(self):
        """Sample rate of the audio in Hz (22050 with espeak-ng)."""
        with self._use() as engine:
            return lib.ra_sample_rate(engine)

    def normalize(self, text):
        """The spoken form of text: one line per sentence, each ending in a newline."""
        return self._text_call(lib.ra_normalize, text)

    def extract(self, text):
        """The text that will be read: for an HTML page, the article found in it."""
        return self._text_call(lib.ra_extract, text)

    def sentences(self, text):
        """The sentences of text as they appear in the (cleaned) source."""
        # split("\n"), not splitlines(): a sentence may hold U+2028 or U+0085, which
        # splitlines() would also cut at; the library ends each sentence with "\n".
        lines = self._text_call(lib.ra_sentences, text).split("\n")
        return lines[:-1] if lines[-1] == "" else lines

    def check(self, text):
        """The accessibility check (readarticle --check): a dict with "findings", each a dict
        of kind, level, line, column, byte_start, byte_end, text, reading, message and fix,
        and "summary" (words, guesses, confident, errors, warnings, infos)."""
        data = _utf8(text)
        result, out = ctypes.c_void_p(), ctypes.c_void_p()
        with self._use() as engine:
            _check(lib.ra_check(engine, data, len(data), ctypes.byref(result)), engine)
        try:
            _check(lib.ra_check_json(result, None, 0, ctypes.byref(out)))
        finally:
            lib.ra_check_free(result)
        report = json.loads(_take(out).decode("utf-8"))
        del report["file"]
        return report

    def _text_call(self, function, text):
        data = _utf8(text)
        out = ctypes.c_void_p()
        with self._use() as engine:
            _check(function(engine, data, len(data), ctypes.byref(out)), engine)
        return _take(out).decode("utf-8")

    def synthesize(self, text, format="wav", timings=False, timings_path=None):
        """Reads text aloud into an encoded audio file held in memory (format: wav, flac, ogg
        or mp3) and returns its bytes, or (bytes, timings dict) when timings is true. The
        timings dict has "sentences" and "words", each item with start/end seconds and
        byte_start/byte_end in the UTF-8 text. timings_path also writes them to a file
        (.vtt WebVTT, anything else JSON)."""
        data = _utf8(text)
        code = _format(format)
        out, size = ctypes.c_void_p(), ctypes.c_size_t()
        with _Timings(data, timings or timings_path is not None) as collector:
            with self._use() as engine:
                _check(lib.ra_synth_to_memory_with(engine, data, len(data), code, ctypes.byref(out),
                                                   ctypes.byref(size), ctypes.byref(collector.hooks)), engine)
            audio = _take(out, size.value)
            parsed = collector.finish(timings, timings_path)
        return (audio, parsed) if timings else audio

    def synthesize_to_file(self, text, path, format=None, timings=False, timings_path=None):
        """Reads text aloud into the audio file at path, which appears only when the whole
        synthesis succeeded. format None picks it from the extension (.wav .flac .ogg .oga
        .mp3; none means WAV). Returns the timings dict when timings is true, else None;
        timings_path writes them to a file, as for synthesize()."""
        data = _utf8(text)
        code = _format(format)
        with _Timings(data, timings or timings_path is not None) as collector:
            with self._use() as engine:
                _check(lib.ra_synth_to_file_with(engine, data, len(data), os.fsencode(path), code,
                                                 ctypes.byref(collector.hooks)), engine)
            return collector.finish(timings, timings_path)
