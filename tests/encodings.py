#!/usr/bin/env python3
"""Legacy encodings through the CLI: the sample article in UTF-16, Windows-1258, TCVN3, VNI and
VISCII reads like the UTF-8 one, detected from its bytes or named with --input-encoding; TCVN3
and VNI text that reached UTF-8 as Windows-1252 characters (mojibake) is repaired; --strict
refuses what is not UTF-8; timings point into the legacy bytes.

usage: encodings.py READARTICLE ARTICLE.txt

TCVN3 and VNI have no codec in Python: the texts are encoded here with lib/data/tcvn3.tsv and
lib/data/vni.tsv, so those tables are checked on their own first, against glibc's TCVN5712-1
converter and against strings published by others (cited where used).
"""

import difflib
import json
import os
import subprocess
import sys
import tempfile
import unicodedata

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
failures = 0


def check(ok, what):
    global failures
    print(("ok   " if ok else "FAIL ") + what)
    failures += 0 if ok else 1


def table(name):
    """glyphs (as Windows-1252 shows the bytes) -> letter"""
    rows = {}
    with open(os.path.join(ROOT, "lib", "data", name + ".tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            glyphs, letter = line.rstrip("\n").split("\t")
            rows[glyphs] = letter
    return rows


def encoder(name):
    """NFC text -> bytes of the legacy encoding (letters it lacks, TCVN3's capitals with tone
    marks, are written in lower case, as VN3 writers did)."""
    inverse = {unicodedata.normalize("NFC", letter): glyphs for glyphs, letter in table(name).items()}

    def encode(text):
        out = []
        for ch in unicodedata.normalize("NFC", text):
            if ch in inverse:
                out.append(inverse[ch])
            elif ord(ch) < 128:
                out.append(ch)
            elif ch.lower() in inverse:
                out.append(inverse[ch.lower()])
            else:
                out.append({"\u201c": '"', "\u201d": '"'}.get(ch, "?"))
        return "".join(out).encode("cp1252")
    return encode


def iconv(to, text):
    plain = text.replace("\u201c", '"').replace("\u201d", '"')  # VISCII has no curly quotes
    return subprocess.run(["iconv", "-f", "UTF-8", "-t", to], input=plain.encode(), check=True,
                          capture_output=True).stdout


def run(exe, data, *args):
    with tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as f:
        f.write(data)
    try:
        r = subprocess.run([exe, *args, f.name], capture_output=True)
    finally:
        os.unlink(f.name)
    return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")


def similarity(a, b):
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def check_tables():
    tcvn3 = table("tcvn3")
    same = 0
    for glyphs, letter in tcvn3.items():
        byte = glyphs.encode("cp1252")
        glibc = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=byte,
                               capture_output=True).stdout.decode()
        same += unicodedata.normalize("NFC", glibc) == unicodedata.normalize("NFC", letter)
    check(same == len(tcvn3) == 95, f"tcvn3.tsv: {same}/{len(tcvn3)} bytes read as glibc's TCVN5712-1 reads them")
    vni = table("vni")
    letters = {unicodedata.normalize("NFC", v) for v in vni.values()}
    check(len(vni) == 134 and len(letters) == 134, f"vni.tsv: {len(letters)} distinct letters (Vietnamese has 134 beyond ASCII)")


def check_known(exe):
    # Published examples of each encoding shown as Windows-1252: the README of the npm package
    # vietnamese-conversion (VNI "Xin chaøo caùc baïn"), the example of a TCVN3 converter
    # (convertTcvn3ToUnicode: "B¶o Th¾ng", "B¸t X¸t", and "Mêng Kh¬ng" for Mường Khương, whose
    # ư, byte 0xAD, a soft hyphen in Windows-1252, was lost on the way), and the classic "ViÖt Nam".
    cases = [("Xin chaøo caùc baïn.", "Xin chào các bạn.", "vni"),
             ("B¶o Th¾ng vµ B¸t X¸t.", "Bảo Thắng và Bát Xát.", "tcvn3"),
             ("Mêng Kh¬ng, r­îu.", "Mường Khương, rượu.", "tcvn3"),
             ("ViÖt Nam.", "Việt Nam.", "tcvn3")]
    for shown, meant, enc in cases:
        code, out, err = run(exe, shown.encode(), "--extract")
        check(code == 0 and out.strip() == meant and "repaired" in err, f"mojibake {shown!r} reads {meant!r} (got {out.strip()!r})")
        if shown.startswith("Mêng"):
            continue  # a lost soft hyphen is a mishap of text, not of a file's bytes
        code, out, _ = run(exe, shown.encode("cp1252"), "--extract", "--input-encoding", enc)
        check(code == 0 and out.strip() == meant, f"bytes of {shown!r} named {enc} read {meant!r} (got {out.strip()!r})")
        # detection wants three words of evidence: fewer high bytes are taken for stray ones
        code, out, err = run(exe, shown.encode("cp1252"), "--extract")
        detected = shown.count(" ") >= 2
        check(code == 0 and (out.strip() == meant if detected else "invalid UTF-8" in err),
              f"bytes of {shown!r}: {'detected' if detected else 'too few words to detect, replaced'} ({err.strip()!r})")
    for plain in ("Đóng ×", "Đóng × Đóng ×", "Ông nói « Bá ơi » rồi đi.", "Ông Bá ở lại."):
        code, out, err = run(exe, plain.encode(), "--extract")
        check(code == 0 and out.strip() == plain and not err, f"{plain!r}: symbols that are TCVN3 letters stay symbols")
    code, out, err = run(exe, "Bạn có khỏe không? Café, Pelé, José và Müller đều đến.".encode(), "--extract")
    check(code == 0 and "repair" not in err and "Café, Pelé, José và Müller" in out,
          "Unicode text with foreign names is left alone")


def check_article(exe, article):
    with open(article, encoding="utf-8") as f:
        text = f.read()
    code, reference, _ = run(exe, text.encode(), "--normalize")
    check(code == 0 and len(reference.split()) > 200, f"UTF-8 article reads ({len(reference.split())} words)")
    versions = [("utf-16", text.encode("utf-16"), None),
                ("cp1258", iconv("WINDOWS-1258", text), "cp1258"),
                ("tcvn3", encoder("tcvn3")(text), "tcvn3"),
                ("vni", encoder("vni")(text), "vni"),
                ("viscii", iconv("VISCII", text), "viscii")]
    for name, data, detected in versions:
        code, out, err = run(exe, data, "--normalize")
        score = similarity(reference, out)
        said = detected is None or f"read as {detected}" in err
        check(code == 0 and score >= 0.97 and said, f"{name}, detected: {score:.1%} of spoken words the same; warning: {err.strip()!r}")
        code, out, err = run(exe, data, "--normalize", "--input-encoding", name)
        score = similarity(reference, out)
        check(code == 0 and score >= 0.97 and not err, f"{name}, named: {score:.1%} of spoken words the same")
        if name != "utf-16":
            code, out, err = run(exe, data, "--normalize", "--strict")
            check(code == 1 and not out and "invalid UTF-8" in err, f"{name} with --strict is refused: {err.strip()!r}")
    for name in ("tcvn3", "vni"):
        shown = encoder(name)(text).decode("cp1252").encode("utf-8")
        code, out, err = run(exe, shown, "--normalize")
        score = similarity(reference, out)
        check(code == 0 and score >= 0.97 and f"of {name} text" in err, f"{name} mojibake in UTF-8: {score:.1%} the same; {err.strip()!r}")
        code, out, _ = run(exe, shown, "--normalize", "--strict")
        check(code == 0 and similarity(reference, out) < 0.8, f"{name} mojibake with --strict is read as it is")


def check_unsure_and_stray(exe):
    code, out, err = run(exe, b"l\xe0 l\xe0 l\xe0 m\xe0 l\xe0.", "--normalize")
    check(code == 1 and not out and "reads about as well as" in err and "--input-encoding" in err,
          f"bytes two encodings read alike are refused, naming them: {err.strip()!r}")
    code, out, err = run(exe, "Xin chào \xff các bạn.".encode("utf-8").replace(b"\xc3\xbf", b"\xff"), "--normalize")
    check(code == 0 and out.strip() == "Xin chào các bạn." and "at byte 10" in err and "1 run" in err,
          f"a stray byte in UTF-8 reads as nothing, with a warning naming its offset: {err.strip()!r}")
    code, out, err = run(exe, b"Xin ch\xc3\xa0o \xff c\xc3\xa1c b\xe1\xba\xa1n.", "--normalize", "--input-encoding", "utf-8")
    check(code == 0 and "at byte 10" in err, "named UTF-8 with a stray byte: replaced too (the name is no guess)")


def check_offsets(exe):
    text = "Hà Nội là thủ đô của Việt Nam."
    for name in ("tcvn3", "vni"):
        data = encoder(name)(text)
        with tempfile.TemporaryDirectory() as d:
            src = os.path.join(d, "t.txt")
            with open(src, "wb") as f:
                f.write(data)
            r = subprocess.run([exe, src, "-o", os.path.join(d, "t.wav"), "--timings", os.path.join(d, "t.json")],
                               capture_output=True)
            if r.returncode != 0:
                check(False, f"{name}: synthesis failed: {r.stderr.decode()}")
                continue
            with open(os.path.join(d, "t.json"), encoding="utf-8") as f:
                timings = json.load(f)
        words = timings["words"]
        sliced = [data[w["byte_start"]:w["byte_end"]] for w in words]
        expect = [encoder(name)(w) for w in text.rstrip(".").split()]
        check(sliced == expect, f"{name}: word offsets slice the legacy bytes ({len(words)} words)")


def main():
    exe, article = sys.argv[1], sys.argv[2]
    check_tables()
    check_known(exe)
    check_article(exe, article)
    check_unsure_and_stray(exe)
    check_offsets(exe)
    print(f"# {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
