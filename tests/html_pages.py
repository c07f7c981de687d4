#!/usr/bin/env python3
"""Whole saved news and portal pages: is the article read, and nothing else?

usage: html_pages.py READARTICLE PAGES_DIR [--report] [--whole-page] [--known FILE]

Each PAGE.html in PAGES_DIR has PAGE.expect: `title: ` the headline, `+ ` phrases that must be
read (the lead and a phrase of every body paragraph), `- ` phrases that must not (menus, related
boxes, comments, footers, banners). The page is read with `READARTICLE --sentences PAGE.html`,
and phrases are matched by words in what it prints. Exit 1 when a page is not fully right,
unless --report (which only prints the figures: pages fully right, paragraphs read, chrome
lines read). --whole-page reads every visible text instead, as a baseline. --known FILE lists
misses, one per line as printed (`PAGE: read chrome: '...'`), that do not fail the run; one
that no longer happens fails it, so that the list only shrinks.
"""

import os
import re
import subprocess
import sys


def words(text):
    return " ".join(text.split())


def contains(text, phrase):
    """phrase occurs in text as whole words (punctuation may follow or precede it)."""
    pattern = r"(?<![\w])" + re.escape(words(phrase)) + r"(?![\w])"
    return re.search(pattern, text) is not None


def load_expect(path):
    title, plus, minus = None, [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("title: "):
                title = line[7:]
            elif line.startswith("+ "):
                plus.append(line[2:])
            elif line.startswith("- "):
                minus.append(line[2:])
    return title, plus, minus


def read_page(program, page, whole):
    cmd = [program, "--sentences", page] + (["--whole-page"] if whole else [])
    run = subprocess.run(cmd, capture_output=True, timeout=120)
    if run.returncode != 0:
        raise RuntimeError("%s exited %d: %s" % (page, run.returncode, run.stderr.decode("utf-8", "replace")))
    return run.stdout.decode("utf-8")


def check_page(program, page, expect, whole):
    title, plus, minus = load_expect(expect)
    out = read_page(program, page, whole)
    text = words(out)
    problems = []
    first = words(out.split("\n", 1)[0]) if out else ""
    if title and not (contains(text, title) and text.startswith(words(title)[: max(8, len(first) // 2)])):
        problems.append("headline not read first: %r (first sentence %r)" % (title, first))
    if title and len(re.findall(r"(?<![\w])" + re.escape(words(title)) + r"(?![\w])", text)) > 1:
        problems.append("headline read more than once: %r" % title)
    missing = [p for p in plus if not contains(text, p)]
    chrome = [m for m in minus if contains(text, m)]
    problems += ["not read: %r" % p for p in missing]
    problems += ["read chrome: %r" % m for m in chrome]
    return problems, len(plus) - len(missing), len(plus), len(chrome), len(minus)


def load_known(argv):
    if "--known" not in argv:
        return set()
    with open(argv[argv.index("--known") + 1], encoding="utf-8") as f:
        return {line.strip() for line in f if line.strip() and not line.startswith("#")}


def main(argv):
    known = load_known(argv)
    args = [a for i, a in enumerate(argv[1:], 1) if not a.startswith("--") and argv[i - 1] != "--known"]
    report, whole = "--report" in argv, "--whole-page" in argv
    if len(args) != 2:
        sys.exit(__doc__)
    program, folder = args
    pages = sorted(n[:-5] for n in os.listdir(folder) if n.endswith(".html"))
    right = read = paras = chrome_read = chrome = 0
    unexpected, seen = 0, set()
    for name in pages:
        base = os.path.join(folder, name)
        problems, r, p, cr, c = check_page(program, base + ".html", base + ".expect", whole)
        right += not problems
        read, paras, chrome_read, chrome = read + r, paras + p, chrome_read + cr, chrome + c
        status = "ok  " if not problems else "MISS"
        print("%s %-32s paragraphs %d/%d, chrome lines read %d/%d" % (status, name, r, p, cr, c))
        for problem in problems:
            key = "%s: %s" % (name, problem)
            seen.add(key)
            unexpected += key not in known
            print("       %s%s" % (problem, " (known)" if key in known else ""))
    print("%d/%d pages fully right; paragraphs read %d/%d (%.1f%%); chrome lines read %d/%d (%.1f%%)"
          % (right, len(pages), read, paras, 100.0 * read / max(paras, 1), chrome_read, chrome,
             100.0 * chrome_read / max(chrome, 1)))
    names = set(pages)
    for key in sorted(k for k in known - seen if k.split(":", 1)[0] in names):
        print("fixed, remove from the known misses: " + key)
    stale = [k for k in known - seen if k.split(":", 1)[0] in names]
    return 0 if report or (unexpected == 0 and not stale) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
