#!/usr/bin/env python3
"""readarticle --batch as a portal would run it over its archive: a tree, a list file and a
list on stdin; what is up to date skipped, and redone when its input or its options change;
--force; shares that split the archive with no overlap and nothing left out; one bad article
failing alone; timings beside the audio; paths that would leave OUTDIR refused; a stop that
leaves no partial file.

usage: batch.py READARTICLE EXAMPLE_ARTICLE
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import wave

failures = 0


def check(ok, what):
    global failures
    print(("ok   " if ok else "FAIL ") + what)
    failures += 0 if ok else 1


def run(exe, *args, stdin=None, cwd=None):
    r = subprocess.run([exe, *args], input=stdin, capture_output=True, text=True, cwd=cwd)
    return r.returncode, r.stdout, r.stderr


def lines(out, word):
    return sorted(m.group(1) for m in re.finditer(rf"^{word} (\S+)", out, re.M))


def seconds(path):
    with wave.open(path) as w:
        return w.getnframes() / w.getframerate()


def make_archive(root, article):
    with open(article, encoding="utf-8") as f:
        text = f.read()
    files = {
        "2024/01/a.txt": text,
        "2024/b.txt": "Sáng 16/01/2025, UBND huyện họp. Tỷ lệ đạt 97,8%.\n",
        "2025/c.html": "<!doctype html><html><body><article><h1>Tin huyện</h1><p>Xã có 1.250 hộ dân.</p>"
                       "</article></body></html>",
        "2025/empty.txt": "   \n",
        "notes.md": "not an article",
    }
    for k in range(6):
        files[f"2023/d{k}.txt"] = f"Tin số {k + 1}. Huyện có {k + 2} xã.\n"
    for rel, body in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(body)
    return sorted(r for r in files if r.endswith((".txt", ".html")))


def outputs(outdir, ext=".wav"):
    found = []
    for d, _, names in os.walk(outdir):
        found += [os.path.relpath(os.path.join(d, n), outdir) for n in names if n.endswith(ext)]
    return sorted(found)


def main():
    exe, article = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp(prefix="ra-batch-")
    try:
        arch, out = os.path.join(work, "arch"), os.path.join(work, "out")
        inputs = make_archive(arch, article)
        good = [r for r in inputs if "empty" not in r]
        want = sorted(os.path.splitext(r)[0] + ".wav" for r in good)

        code, log, err = run(exe, "--batch", arch, "-o", out, "--timings-format", "json", "-j", "2")
        check(code == 1, f"a batch with one bad article exits 1 (got {code}; {err.strip()!r})")
        check(outputs(out) == want, f"every good article is rendered, paths kept: {outputs(out)}")
        check(outputs(out, ".json") == sorted(w[:-4] + ".json" for w in want), "timings beside each output")
        check(lines(log, "FAIL") == [os.path.join(arch, "2025/empty.txt") + ":"], "the empty article fails alone, with its reason")
        check(re.search(r"^batch: 9 done, 0 skipped, 1 failed; [\d.]+ h of audio \(\d+ s\) in [\d.]+ s$", log, re.M)
              is not None, "a summary line: done, skipped, failed, audio hours, wall time")
        check(abs(seconds(os.path.join(out, "2024/01/a.wav")) - float(re.search(r"01/a.wav \(([\d.]+) s", log).group(1))) < 0.5,
              "the log gives each output's audio length")
        check(not any(n.endswith(".tmp") or n.startswith(".ra") for _, _, ns in os.walk(out) for n in ns),
              "no temporary file left behind")

        code, log, _ = run(exe, "--batch", arch, "-o", out, "--timings-format", "json")
        check(len(lines(log, "skip")) == 9 and not lines(log, "done"), "a second run skips all that is up to date")

        time.sleep(0.02)
        os.utime(os.path.join(arch, "2024/b.txt"))
        code, log, _ = run(exe, "--batch", arch, "-o", out, "--timings-format", "json")
        check(lines(log, "done") == [os.path.join(arch, "2024/b.txt")], "an article edited since is redone, alone")

        code, log, _ = run(exe, "--batch", arch, "-o", out, "--timings-format", "json", "--rate", "200")
        check(len(lines(log, "done")) == 9, "other options redo everything (they are recorded beside each output)")
        code, log, _ = run(exe, "--batch", arch, "-o", out, "--timings-format", "json", "--rate", "200", "--force")
        check(len(lines(log, "done")) == 9, "--force renders even what is up to date")

        shares = []
        for k in range(3):
            o = os.path.join(work, f"shard{k}")
            code, log, _ = run(exe, "--batch", arch, "-o", o, "--shard", f"{k}/3")
            shares.append(outputs(o))
        union = sorted(sum(shares, []))
        check(union == want and all(shares), f"three shares split the archive, no overlap, nothing left out: {[len(s) for s in shares]}")
        again = []
        o = os.path.join(work, "shard-again")
        run(exe, "--batch", arch, "-o", o, "--shard", "1/3")
        check(outputs(o) == shares[1], "a share is the same on every run (and every machine)")

        listfile = os.path.join(work, "list.txt")
        with open(listfile, "w") as f:
            f.write(os.path.join(arch, "2024/b.txt") + "\n../escape.txt\n")
        o = os.path.join(work, "listed")
        code, log, err = run(exe, "--batch", listfile, "-o", o)
        check(code == 0 and "outside OUTDIR" in err, f"a list file; a path that would leave OUTDIR is refused: {err.strip()!r}")
        check(outputs(o) == [os.path.join(arch, "2024/b.wav").lstrip("/")], f"a listed absolute path keeps its path under OUTDIR: {outputs(o)}")
        o = os.path.join(work, "stdin")
        code, log, _ = run(os.path.abspath(exe), "--batch", "-", "-o", o, stdin="2024/b.txt\n./2023/d1.txt\n", cwd=arch)
        check(code == 0 and outputs(o) == ["2023/d1.wav", "2024/b.wav"], f"a list on standard input: {outputs(o)}")

        o = os.path.join(work, "srt")
        code, _, _ = run(exe, "--batch", arch, "-o", o, "--timings-format", "srt", "--shard", "0/3")
        subs = outputs(o, ".srt")
        with open(os.path.join(o, subs[0]), encoding="utf-8") as f:
            first = f.read().split("\n")
        check(code == 0 and subs == [w[:-4] + ".srt" for w in shares[0]] and first[0] == "1" and
              re.match(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", first[1]) is not None,
              f"--timings-format srt writes SubRip beside each output: {first[:2]}")

        code, _, err = run(exe, "--batch", arch, "-o", out, "--shard", "3/3")
        check(code == 2 and "--shard" in err, "a share out of range is a usage error")
        code, _, err = run(exe, "--batch", arch, "-o", out, "x.txt")
        check(code == 2, "an input besides --batch is a usage error")
        code, _, err = run(exe, "--batch", os.path.join(work, "missing"), "-o", out)
        check(code == 2 and "cannot read" in err, "a missing IN exits 2 with a message")

        big = os.path.join(work, "big")
        os.makedirs(big)
        with open(article, encoding="utf-8") as f:
            text = f.read()
        for k in range(8):
            with open(os.path.join(big, f"a{k}.txt"), "w", encoding="utf-8") as f:
                f.write(text * 6)
        o = os.path.join(work, "stopped")
        p = subprocess.Popen([exe, "--batch", big, "-o", o, "-j", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(1.0)
        p.send_signal(signal.SIGINT)
        p.wait(timeout=60)
        done = outputs(o)
        whole = all(seconds(os.path.join(o, d)) > 100 for d in done)
        check(p.returncode == 130 and len(done) < 8 and whole,
              f"^C stops the batch (exit {p.returncode}): {len(done)} finished outputs, no partial one")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"# {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
