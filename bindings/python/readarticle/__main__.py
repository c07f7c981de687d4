"""python -m readarticle: the readarticle command line, through the Python binding.

Exit status: 0 on success, 1 on failure (one line on stderr, "readarticle: ..."), 2 on a usage
error.
"""

import argparse
import json
import os
import sys

from . import ERR_EMPTY, ERR_UTF8, Error, Reader, supported_formats, version, voices


def _int_in(low, high):
    """An argparse type: an integer within [low, high], so that a bad value is a usage error
    (exit 2) rather than a library failure (exit 1), as in the C program."""
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be a number from {low} to {high}, not '{text}'")
        return value
    return parse


def _parser():
    p = argparse.ArgumentParser(
        prog="readarticle", description="Reads a Vietnamese article (UTF-8 text) aloud into an audio file.",
        epilog="INPUT defaults to standard input. Exit status: 0 success, 1 failure, 2 usage error.")
    p.add_argument("input", nargs="?", default="-", metavar="INPUT", help="text file, or - for standard input")
    p.add_argument("-o", "--output", metavar="FILE", help="audio file to write; - writes the audio to stdout")
    p.add_argument("--format", metavar="NAME", help="wav, flac, ogg or mp3 (default: from the file name, else wav)")
    p.add_argument("--normalize", dest="mode", action="store_const", const="normalize",
                   help="print the spoken form, one sentence per line; no audio")
    p.add_argument("--sentences", dest="mode", action="store_const", const="sentences",
                   help="print the sentences as segmented, one per line; no audio")
    p.add_argument("--voice", default="north", metavar="NAME", help="voice name or profile file (default: north)")
    p.add_argument("--list-voices", action="store_true", help="list the built-in voices")
    p.add_argument("--lexicon", action="append", default=[], metavar="FILE", help="a user lexicon (repeatable)")
    p.add_argument("--timings", metavar="FILE",
                   help="also write when each sentence and word is spoken: WebVTT (.vtt) or JSON; "
                        "- writes JSON to stdout (when the audio goes to a file)")
    p.add_argument("--rate", type=_int_in(80, 450), metavar="WPM", help="speaking rate, 80..450 words per minute")
    p.add_argument("--pitch", type=_int_in(0, 100), metavar="N", help="pitch, 0..100")
    p.add_argument("--pause-sentence", type=_int_in(0, 10000), metavar="MS", help="silence after a sentence")
    p.add_argument("--pause-paragraph", type=_int_in(0, 10000), metavar="MS",
                   help="silence after a paragraph, heading or list item")
    p.add_argument("-V", "--version", action="version", version=f"readarticle {version()}")
    return p


def _same_file(a, b):
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _check_args(parser, a):
    """The combinations the C program refuses as usage errors; parser.error exits with 2."""
    if a.timings and a.mode:
        parser.error("--timings needs audio output (-o), not --normalize or --sentences")
    if a.output == "" or a.timings == "":
        parser.error("an empty file name was given")
    if not a.mode and not a.output:
        parser.error("no output named: use -o FILE (or -o - for stdout, or --normalize / --sentences)")
    if a.output == "-" and a.timings == "-":
        parser.error("the audio and the timings cannot both go to standard output")
    if a.format and a.format.lower() not in supported_formats():
        parser.error(f"unknown format '{a.format}' (this build writes {', '.join(supported_formats())})")
    for target in (a.output, a.timings):
        if not a.mode and target and target != "-" and a.input != "-" and _same_file(a.input, target):
            parser.error(f"'{target}' is the input file: refusing to write over it")


def _read_input(path):
    """The input as bytes, given to the library as is: its byte offsets and UTF-8 errors then
    refer to the file itself."""
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as f:
        return f.read()


def _fail(message):
    print(f"readarticle: {message}", file=sys.stderr)
    return 1


def _write_stdout(data):
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _run(reader, a, text):
    if a.mode == "normalize":
        _write_stdout(reader.normalize(text).encode("utf-8"))
    elif a.mode == "sentences":
        _write_stdout("".join(line + "\n" for line in reader.sentences(text)).encode("utf-8"))
    elif a.output == "-":
        _write_stdout(reader.synthesize(text, format=a.format or "wav", timings_path=a.timings))
    elif a.timings == "-":
        found = reader.synthesize_to_file(text, a.output, format=a.format, timings=True)
        _write_stdout((json.dumps(found, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    else:
        reader.synthesize_to_file(text, a.output, format=a.format, timings_path=a.timings)


def _describe(e, a):
    """The message for a failed call, naming what failed: the input for text and UTF-8
    problems, the output when the library's message does not already name it."""
    name = "<stdin>" if a.input == "-" else a.input
    if e.status == ERR_EMPTY:
        return f"{name}: nothing to read (the text is empty or has no words to speak)"
    if a.mode or e.status == ERR_UTF8:
        return f"{name}: {e.message}"
    if a.output in e.message or a.output == "-":
        return e.message
    return f"{a.output}: {e.message}"


def main(argv=None):
    parser = _parser()
    a = parser.parse_args(argv)
    if a.list_voices:
        for name, description in voices():
            print(f"{name:<16} {description}")
        return 0
    _check_args(parser, a)
    try:
        text = _read_input(a.input)
    except OSError as e:
        return _fail(f"cannot read '{a.input}': {e.strerror or e}")
    try:
        reader = Reader(voice=a.voice, rate=a.rate, pitch=a.pitch, lexicons=a.lexicon,
                        pause_sentence=a.pause_sentence, pause_paragraph=a.pause_paragraph)
    except Error as e:
        return _fail(e.message)
    with reader:
        try:
            _run(reader, a, text)
        except Error as e:
            return _fail(_describe(e, a))
        except OSError as e:
            return _fail(f"cannot write to standard output: {e.strerror or e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
