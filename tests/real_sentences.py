#!/usr/bin/env python3
"""Real sentences through `readarticle --normalize`, compared with hand-written readings.

usage: real_sentences.py READARTICLE FILE.tsv [--report]

Each case is `category<TAB>sentence<TAB>reading`. A reading may offer choices where newsreaders
differ: {a|b} is a or b ({a|} makes a optional), and <ABC> is the letters A, B, C said with any
of their usual Vietnamese names. Readings are compared word by word after folding what does not
change the sound: case, punctuation, ngàn/nghìn, lẻ/linh, tỉ/tỷ, mồng/mùng, "tư" after "mươi"
and the two placements of a tone mark (hoà/hòa).

Every case must pass (exit 1 otherwise): the file holds behaviour the project promises. With
--report, prints the pass rate by category and every miss, and exits 0.
"""
import re
import subprocess
import sys
import unicodedata

SAME = {"ngàn": "nghìn", "lẻ": "linh", "tỉ": "tỷ", "mồng": "mùng"}
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
LETTER_NAMES = {
    "A": "a", "B": "bê|bờ", "C": "xê|cờ", "D": "dê|dờ", "Đ": "đê|đờ", "E": "e", "F": "ép|ép phờ|phờ",
    "G": "giê|gờ", "H": "hát|hờ", "I": "i", "J": "gi", "K": "ca|cờ", "L": "e lờ|lờ", "M": "em mờ|mờ|em",
    "N": "en nờ|nờ|en", "O": "o", "P": "pê|pờ", "Q": "quy|cu", "R": "e rờ|rờ", "S": "ét xì|sờ|ét",
    "T": "tê|tờ", "U": "u", "V": "vê|vờ", "W": "vê kép|đắp liu", "X": "ích xì|xờ|ích", "Y": "i dài|i",
    "Z": "dét|dờ",
}


def tone_first(word):
    """oà, oè, uỳ at the end of a word: the mark moves to the first vowel (hoà -> hòa)."""
    d = unicodedata.normalize("NFD", word)
    marks = [ch for ch in d if ch in TONE_MARKS]
    base = "".join(ch for ch in d if ch not in TONE_MARKS)
    m = re.search(r"(o[ae]|uy)$", base)
    if len(marks) != 1 or not m or base.endswith("quy"):
        return word
    k = m.start() + 1
    return unicodedata.normalize("NFC", base[:k] + marks[0] + base[k:])


def words(text):
    text = unicodedata.normalize("NFC", text).lower()
    text = "".join(ch if unicodedata.category(ch)[0] in "LN" else " " for ch in text)
    out = [tone_first(SAME.get(w, w)) for w in text.split()]
    return ["bốn" if w == "tư" and i and out[i - 1] == "mươi" else w for i, w in enumerate(out)]


def expand(reading):
    """The reading as a regular expression over its folded words joined by single spaces."""
    parts, i = [], 0
    while i < len(reading):
        if reading[i] == "{":
            j = reading.index("}", i)
            options = [" ".join(words(o)) for o in reading[i + 1:j].split("|")]
            parts.append("(?:" + "|".join(re.escape(o) + (" " if o else "") for o in options) + ")")
            i = j + 1
        elif reading[i] == "<":
            j = reading.index(">", i)
            for letter in reading[i + 1:j]:
                names = [" ".join(words(n)) for n in LETTER_NAMES[letter].split("|")]
                parts.append("(?:" + "|".join(re.escape(n) + " " for n in names) + ")")
            i = j + 1
        else:
            j = i
            while j < len(reading) and reading[j] not in "{<":
                j += 1
            said = " ".join(words(reading[i:j]))
            parts.append(re.escape(said) + " " if said else "")
            i = j
    return "".join(parts)


def matches(got, reading):
    return re.fullmatch(expand(reading), " ".join(words(got)) + " ") is not None


def load(path):
    cases = []
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        if line.strip() and not line.startswith("#"):
            category, sentence, reading = line.rstrip("\n").split("\t")[:3]
            cases.append((n, category, sentence, reading))
    return cases


def normalize(program, sentences):
    """All sentences in one run, one per paragraph, so that each keeps its own line."""
    text = "\n\n".join(s.replace("\n", " ") for s in sentences) + "\n"
    out = subprocess.run([program, "--normalize"], input=text, capture_output=True, text=True, check=True).stdout
    return out


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    program, path, report = sys.argv[1], sys.argv[2], "--report" in sys.argv
    cases = load(path)
    misses, totals = [], {}
    for n, category, sentence, reading in cases:
        got = normalize(program, [sentence]).replace("\n", " ")
        ok = matches(got, reading)
        totals.setdefault(category, [0, 0])
        totals[category][0] += ok
        totals[category][1] += 1
        if not ok:
            misses.append(f"{path}:{n} [{category}]\n  input: {sentence}\n  got:   {got}\n  want:  {reading}")
    passed = sum(t[0] for t in totals.values())
    if report:
        for category, (p, t) in sorted(totals.items()):
            print(f"{category:10} {p:4}/{t:<4}")
    print("\n".join(misses))
    print(f"{passed}/{len(cases)} real sentences read as written down ({path})")
    return 0 if report or not misses else 1


if __name__ == "__main__":
    sys.exit(main())
