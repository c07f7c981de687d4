#!/usr/bin/env python3
"""Gate-shaped Vietnamese text, built from the spelling rules: onsets x rimes x tones.

  gen_text.py syllables            every syllable, one a line (all six tones on every rime,
                                   also on p/t/c/ch rimes; both tone placements of oa/oe/uy)
  gen_text.py sweep DIR            the same, also as texts DIR/s000.txt...: 400 syllables each,
                                   a full stop after every 8
  gen_text.py random N SEED DIR    N random texts DIR/r00000.txt...: sentences of syllables,
                                   some run together ("mộtngười"), a few non-syllables,
                                   punctuation , . ? ! ; : and single spaces
"""
import os, random, sys, unicodedata

ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "gi", "h", "k", "kh", "l", "m", "n", "ng", "nh",
          "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"]
RIMES = """a ai ao au ay am an ang anh ap at ac ach ăm ăn ăng ăp ăt ăc âm ân âng âp ât âc âu ây
e em en eng ep et ec eo ê êm ên ênh êp êt êch êu i ia im in inh ip it ich iu iêm iên iêng iêp
iêt iêc iêu o oa oai oam oan oang oanh oap oat oac oach oay oăm oăn oăng oăt oăc oe oen oet oeo
oi om on ong op ot oc oong ooc ô ôi ôm ôn ông ôp ôt ôc ơ ơi ơm ơn ơp ơt u ua uân uâng uât uây
uê uênh uêch ui um un ung up ut uc uy uya uyên uyêt uyn uynh uyt uych uyu uơ uôi uôm uôn uông
uôt uôc ư ưa ưi ưu ưm ưng ưt ưc ươi ươu ươm ươn ương ươp ươt ươc y yêm yên yêng yêt yêu""".split()
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # ngang huyền sắc hỏi ngã nặng
VOWELS = "aăâeêioôơuưy"
MARKED = "ăâêôơư"
STOPS = ("p", "t", "c", "ch")


def spell(onset, rime):
    """onset + rime as written (c/k/q, g/gh, ng/ngh, gi, y), or None when the pair is not written."""
    front = rime[0] in "ieêy"
    if rime[0] == "y" and onset not in ("", "qu"):
        return None
    if onset == "" and rime.startswith("iê"):
        rime = "y" + rime[1:]  # yên, yêu
    if onset in ("c", "k"):
        onset = "k" if front else "c"
        if rime[0] in "uo" and len(rime) > 1 and rime[1] in "aăâeêyơ" and rime[:2] not in ("ua", "uô", "ươ"):
            return None  # the glide after c is written qu
    if onset in ("g", "ng") and front:
        onset += "h"
    if onset == "gi" and rime[0] == "i":
        rime = rime[1:] or "i"
    if onset == "qu":
        if rime[0] in "uo":
            return None  # qu already has its glide
    if onset == "p" and rime[0] not in "iê":
        return None  # p is mostly a loan onset: pin, pê
    return onset + rime


def toned(word, tone, new_style):
    """Puts the tone mark where Vietnamese spelling puts it (old style, or new: hoà, thuỷ)."""
    if not tone:
        return word
    start = 2 if word[:2] in ("qu", "gi") and len(word) > 2 and word[2] in VOWELS else 0
    idx = [i for i in range(start, len(word)) if word[i] in VOWELS]
    if not idx:
        return None
    at = None
    for i in idx:
        if word[i] in MARKED:
            at = i  # the last vowel with a hat or a horn (ươ: the ơ)
    if at is None:
        if idx[-1] < len(word) - 1 or len(idx) == 1:
            at = idx[-1]
        elif len(idx) == 3:
            at = idx[1]
        elif new_style and word[idx[0]:idx[0] + 2] in ("oa", "oe", "uy"):
            at = idx[1]
        else:
            at = idx[0]
    return unicodedata.normalize("NFC", word[:at + 1] + tone + word[at + 1:])


def syllables():
    out = []
    for o in ONSETS:
        for r in RIMES:
            w = spell(o, r)
            if not w:
                continue
            for t in TONES:
                for style in (False, True):
                    s = toned(w, t, style)
                    if s and s not in out[-2:]:
                        out.append(s)
    return out


def written(s):
    """Drops the tone combinations the written language never has (for most of the random text)."""
    base = unicodedata.normalize("NFD", s)
    tone = [c for c in base if c in "\u0300\u0309\u0303"]
    return not (tone and s.endswith(STOPS))


def random_text(rng, pool):
    sentences = []
    for _ in range(rng.randint(1, 6)):
        words, n = [], rng.randint(1, 25)
        while len(words) < n:
            k = rng.choices([1, 2, 3], [80, 17, 3])[0]  # 2 or 3 syllables run together
            w = "".join(rng.choice(pool) for _ in range(k))
            if rng.random() < 0.02:  # a letter run that is no syllable
                w = "".join(rng.choice("bcdghklmnpqrstvxyzfjwaeiou") for _ in range(rng.randint(2, 8)))
            if rng.random() < 0.05:
                w = w.upper()
            elif rng.random() < 0.1:
                w = w[:1].upper() + w[1:]
            words.append(w)
            if rng.random() < 0.1 and len(words) < n:
                words[-1] += rng.choice(",,,;:")
        sentences.append(" ".join(words) + rng.choice(".....??!!"))
    return " ".join(sentences) + "\n"


def main():
    if sys.argv[1] in ("syllables", "sweep"):
        every = syllables()
        sys.stdout.write("\n".join(every) + "\n")
        if sys.argv[1] == "sweep":
            os.makedirs(sys.argv[2], exist_ok=True)
            for c in range(0, len(every), 400):
                part = every[c:c + 400]
                with open(os.path.join(sys.argv[2], "s%03d.txt" % (c // 400)), "w", encoding="utf-8") as f:
                    f.write(" ".join(" ".join(part[i:i + 8]) + "." for i in range(0, len(part), 8)) + "\n")
        return
    n, seed, outdir = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    rng = random.Random(seed)
    every = syllables()
    pool = [s for s in every if written(s)]
    pool += rng.sample(every, len(every) // 20)  # a few the language never writes
    os.makedirs(outdir, exist_ok=True)
    for i in range(n):
        with open(os.path.join(outdir, "r%05d.txt" % i), "w", encoding="utf-8") as f:
            f.write(random_text(rng, pool))


if __name__ == "__main__":
    main()
