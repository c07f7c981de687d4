"""ctypes declarations of libreadarticle (include/readarticle.h), and where the library is found.

Everything here mirrors the C header one to one; the Pythonic layer lives in __init__.py.
Every function used by the binding gets argtypes and restype, so that ctypes converts (and
checks) arguments instead of guessing, and 64-bit pointers and size_t are never truncated.
"""

import ctypes
import ctypes.util
import os

SONAME = "libreadarticle.so.0"


def _from_build_tree():
    """Walks up from this package to a repository root holding $RA_BUILD/libreadarticle.so.0.

    Lets the binding run straight from a checkout (tests, development) without installing, and
    picks the sanitizer builds (RA_BUILD=build/asan) the same way the C tests do.
    """
    build = os.environ.get("RA_BUILD") or "build"
    here = os.path.dirname(os.path.abspath(__file__))
    while True:
        candidate = os.path.join(here, build, SONAME)
        if os.path.exists(candidate):
            return candidate
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def _candidates():
    """Yields (where, what to load) in the order of precedence; what is None when not found."""
    explicit = os.environ.get("READARTICLE_LIB")
    if explicit:
        yield "READARTICLE_LIB", explicit
        return  # an explicit choice that fails must not silently load another library
    yield "build tree (%s/%s above %s)" % (os.environ.get("RA_BUILD") or "build", SONAME,
                                           os.path.dirname(os.path.abspath(__file__))), _from_build_tree()
    yield "ctypes.util.find_library('readarticle')", ctypes.util.find_library("readarticle")
    yield "the dynamic loader's path", SONAME


def _load():
    """Loads the first candidate that opens; the error names every place tried and why."""
    tried = []
    for where, name in _candidates():
        if name is None:
            tried.append(where + ": not found")
            continue
        try:
            return ctypes.CDLL(name), name
        except OSError as e:
            tried.append(f"{where}: {e}")
    raise ImportError("cannot load libreadarticle; tried " + "; ".join(tried)
                      + ". Build it with `make`, install it, or set READARTICLE_LIB to its path.")


# ---- types (same order, same C types as the header)

ra_progress_fn = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_size_t)


class ra_event(ctypes.Structure):
    _fields_ = [
        ("kind", ctypes.c_int),
        ("start", ctypes.c_double),
        ("end", ctypes.c_double),
        ("byte_start", ctypes.c_size_t),
        ("byte_end", ctypes.c_size_t),
        ("text", ctypes.c_char_p),
        ("spoken", ctypes.c_char_p),
    ]


ra_event_fn = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(ra_event))


class ra_options(ctypes.Structure):
    _fields_ = [
        ("version", ctypes.c_uint),
        ("voice", ctypes.c_char_p),
        ("rate", ctypes.c_int),
        ("pitch", ctypes.c_int),
        ("max_instances", ctypes.c_uint),
        ("progress", ra_progress_fn),
        ("progress_user", ctypes.c_void_p),
        ("on_event", ra_event_fn),
        ("event_user", ctypes.c_void_p),
        ("pause_sentence", ctypes.c_int),
        ("pause_paragraph", ctypes.c_int),
        ("lexicons", ctypes.POINTER(ctypes.c_char_p)),
        # since version 2
        ("worker_timeout_ms", ctypes.c_uint),
        ("worker_memory_mb", ctypes.c_uint),
        # since version 3
        ("input_format", ctypes.c_int),
        ("html_selector", ctypes.c_char_p),
        ("html_whole_page", ctypes.c_int),
        ("max_duration_ms", ctypes.c_uint),
        ("timeout_ms", ctypes.c_uint),
        ("input_encoding", ctypes.c_char_p),
        # since version 4
        ("input_strict", ctypes.c_int),
        # since version 5
        ("sample_rate", ctypes.c_uint),
        ("quality", ctypes.c_int),
    ]


RA_OPTIONS_VERSION = 5
RA_INPUT_TEXT, RA_INPUT_HTML, RA_INPUT_AUTO = 0, 1, 2


class ra_hooks(ctypes.Structure):
    _fields_ = [
        ("version", ctypes.c_uint),
        ("on_event", ra_event_fn),
        ("event_user", ctypes.c_void_p),
        ("progress", ra_progress_fn),
        ("progress_user", ctypes.c_void_p),
    ]


# ---- enums

RA_FORMAT_AUTO, RA_FORMAT_WAV, RA_FORMAT_FLAC, RA_FORMAT_OGG, RA_FORMAT_MP3, RA_FORMAT_OPUS = range(6)
RA_TIMINGS_AUTO, RA_TIMINGS_JSON, RA_TIMINGS_VTT, RA_TIMINGS_SRT = range(4)

# ---- functions

_c_int, _c_size_t, _c_void_p, _c_char_p = ctypes.c_int, ctypes.c_size_t, ctypes.c_void_p, ctypes.c_char_p
_P = ctypes.POINTER
# Opaque handles (ra_engine *, ra_timings *) travel as void pointers; out-parameters that
# receive memory to free are void ** so the address survives for ra_free().
_PROTOTYPES = {
    "ra_version_string": (_c_char_p, []),
    "ra_strerror": (_c_char_p, [_c_int]),
    "ra_options_init_version": (_c_int, [_P(ra_options), ctypes.c_uint]),
    "ra_engine_new": (_c_int, [_P(_c_void_p), _P(ra_options)]),
    "ra_engine_free": (None, [_c_void_p]),
    "ra_errmsg": (_c_char_p, [_c_void_p]),
    "ra_warning": (_c_char_p, [_c_void_p]),
    "ra_sample_rate": (_c_int, [_c_void_p]),
    "ra_normalize": (_c_int, [_c_void_p, _c_char_p, _c_size_t, _P(_c_void_p)]),
    "ra_sentences": (_c_int, [_c_void_p, _c_char_p, _c_size_t, _P(_c_void_p)]),
    "ra_extract": (_c_int, [_c_void_p, _c_char_p, _c_size_t, _P(_c_void_p)]),
    "ra_hooks_init": (_c_int, [_P(ra_hooks)]),
    "ra_synth_to_file_with": (_c_int, [_c_void_p, _c_char_p, _c_size_t, _c_char_p, _c_int, _P(ra_hooks)]),
    "ra_synth_to_memory_with": (_c_int, [_c_void_p, _c_char_p, _c_size_t, _c_int, _P(_c_void_p),
                                         _P(_c_size_t), _P(ra_hooks)]),
    "ra_format_supported": (_c_int, [_c_int]),
    "ra_timings_new": (_c_int, [_P(_c_void_p), _c_char_p, _c_size_t]),
    "ra_timings_free": (None, [_c_void_p]),
    "ra_timings_attach": (_c_int, [_c_void_p, _P(ra_hooks)]),
    "ra_timings_render": (_c_int, [_c_void_p, _c_int, _P(_c_void_p), _P(_c_size_t)]),
    "ra_timings_write": (_c_int, [_c_void_p, _c_char_p, _c_int]),
    "ra_check": (_c_int, [_c_void_p, _c_char_p, _c_size_t, _P(_c_void_p)]),
    "ra_check_json": (_c_int, [_c_void_p, _c_char_p, ctypes.c_uint, _P(_c_void_p)]),
    "ra_check_free": (None, [_c_void_p]),
    "ra_voice_count": (_c_size_t, []),
    "ra_voice_info": (_c_int, [_c_size_t, _P(_c_char_p), _P(_c_char_p)]),
    "ra_free": (None, [_c_void_p]),
}


def _declare(lib):
    for name, (restype, argtypes) in _PROTOTYPES.items():
        fn = getattr(lib, name)
        fn.restype, fn.argtypes = restype, argtypes


lib, path = _load()
_declare(lib)
