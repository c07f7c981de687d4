/* The Vietnamese syllable check: onset + rime matched against the phonotactic rules. */
#include "syllable.h"

#include <stdint.h>
#include <string.h>

#include "vnchar.h"

#define MAXL 8

/* Letters of a syllable as lowercase base letters, tones removed. Longest onsets first. */
static const char *const onsets[] = {
    "ngh", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "ch",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
};
/* ie, ye, uo: the same vowels typed without their marks (tien, tuoi in web addresses) */
static const char *const nuclei[] = {
    "iê", "yê", "uô", "ươ", "ưa", "ia", "ya", "ua", "oo", "uơ", "ie", "ye", "uo",
    "a", "ă", "â", "e", "ê", "i", "y", "o", "ô", "ơ", "u", "ư",
};
static const char *const codas[] = { "ch", "nh", "ng", "c", "m", "n", "p", "t", "i", "y", "o", "u", "" };

static size_t prefix(const char *s, const char *p)
{
    size_t n = strlen(p);
    return strncmp(s, p, n) == 0 ? n : 0;
}

static int front_vowel(const char *s)
{
    return prefix(s, "e") || prefix(s, "ê") || prefix(s, "i") || prefix(s, "y");
}

/* Spelling rules that tie the onset to the following letter: k/gh/ngh before e ê i, c/g/ng not. */
static int onset_fits(const char *on, const char *rest)
{
    int front = front_vowel(rest);
    if (!strcmp(on, "k") || !strcmp(on, "gh") || !strcmp(on, "ngh"))
        return front;
    if (!strcmp(on, "c") || !strcmp(on, "ng"))
        return !front;
    if (!strcmp(on, "g"))
        return !prefix(rest, "e") && !prefix(rest, "ê") && !prefix(rest, "i");
    return 1;
}

static int coda_fits(const char *nuc, const char *coda)
{
    int open = coda[0] == '\0';
    if (!strcmp(nuc, "ă") || !strcmp(nuc, "â") || !strcmp(nuc, "iê") || !strcmp(nuc, "yê") ||
        !strcmp(nuc, "uô") || !strcmp(nuc, "ươ") || !strcmp(nuc, "oo") || !strcmp(nuc, "ie") ||
        !strcmp(nuc, "ye") || !strcmp(nuc, "uo"))
        return !open;
    if (!strcmp(nuc, "ia") || !strcmp(nuc, "ya") || !strcmp(nuc, "ua") || !strcmp(nuc, "ưa"))
        return open;
    if (!strcmp(coda, "ch") || !strcmp(coda, "nh"))
        return !strcmp(nuc, "a") || !strcmp(nuc, "ê") || !strcmp(nuc, "i") || !strcmp(nuc, "y");
    if (!strcmp(coda, nuc))
        return 0;
    return 1;
}

static int rime_ok(const char *r, int after_qu)
{
    size_t g = 0;
    if (!after_qu && (prefix(r, "o") || prefix(r, "u"))) {
        const char *next = r + 1;
        if ((r[0] == 'o' && (prefix(next, "a") || prefix(next, "ă") || prefix(next, "e"))) ||
            (r[0] == 'u' && (prefix(next, "â") || prefix(next, "ê") || prefix(next, "y") || prefix(next, "ơ"))))
            g = 1;
    }
    for (int pass = 0; pass < 2; pass++, g = 0) {
        const char *body = r + g;
        for (size_t i = 0; i < sizeof nuclei / sizeof nuclei[0]; i++) {
            size_t n = prefix(body, nuclei[i]);
            if (!n)
                continue;
            for (size_t j = 0; j < sizeof codas / sizeof codas[0]; j++)
                if (!strcmp(body + n, codas[j]) && coda_fits(nuclei[i], codas[j]))
                    return 1;
        }
        if (g == 0)
            break;
    }
    return 0;
}

/* Lowercase, tone-free letters into buf; fails on non-letters, more than one tone, long words. */
static int base_letters(const char *s, size_t n, char *buf, size_t cap, int *tone_out)
{
    size_t i = 0, k = 0;
    int tones = 0;
    *tone_out = VN_TONE_NONE;
    while (i < n) {
        int32_t cp, base;
        int tone;
        i += vn_decode(s + i, n - i, &cp);
        if (!vn_is_letter(cp))
            return 0;
        vn_split_tone(vn_lower(cp), &base, &tone);
        tones += tone != VN_TONE_NONE;
        if (tone != VN_TONE_NONE)
            *tone_out = tone;
        if (k + 4 >= cap)
            return 0;
        k += vn_encode(base, buf + k);
    }
    buf[k] = '\0';
    return tones <= 1 && k > 0;
}

/* Answers already worked out, per thread: a text has a few thousand distinct syllables, each
 * checked over and over. Direct-mapped on a hash of the bytes. */
#define MEMO_SLOTS 4096
typedef struct {
    unsigned char len; /* 0: empty */
    char answer;
    char key[MAXL * 3];
} memo_slot;
static _Thread_local memo_slot memo[MEMO_SLOTS];

static memo_slot *memo_find(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return &memo[h & (MEMO_SLOTS - 1)];
}

static int check_syllable(const char *s, size_t n);

int vn_is_syllable(const char *s, size_t n)
{
    if (n == 0 || n > MAXL * 3)
        return 0;
    memo_slot *m = memo_find(s, n);
    if (m->len == n && memcmp(m->key, s, n) == 0)
        return m->answer;
    int answer = check_syllable(s, n);
    m->len = (unsigned char)n;
    m->answer = (char)answer;
    memcpy(m->key, s, n);
    return answer;
}

static int check_syllable(const char *s, size_t n)
{
    char w[MAXL * 3 + 4];
    int tone;
    if (!base_letters(s, n, w, sizeof w, &tone))
        return 0;
    for (size_t i = 0; i < sizeof onsets / sizeof onsets[0]; i++) {
        size_t on = prefix(w, onsets[i]);
        if (!on && onsets[i][0])
            continue;
        const char *rest = w + on;
        if (!strcmp(onsets[i], "gi") && (*rest == '\0' || !strcmp(rest, "n") || !strcmp(rest, "m") ||
                                          !strcmp(rest, "t") || !strcmp(rest, "p") || !strcmp(rest, "ng")))
            return 1; /* gì, gìn, gìm: the i of gi is the nucleus */
        if (!onset_fits(onsets[i], rest))
            continue;
        if (rime_ok(rest, !strcmp(onsets[i], "qu")))
            return 1;
    }
    return 0;
}

int vn_is_k_syllable(const char *s, size_t n, int final_k)
{
    char w[64];
    int first = n >= 2 && (s[0] | 0x20) == 'k', last = final_k && n >= 2 && (s[n - 1] | 0x20) == 'k';
    if ((!first && !last) || n > sizeof w)
        return 0;
    memcpy(w, s, n);
    if (first)
        w[0] = 'c';
    if (last)
        w[n - 1] = 'c';
    return vn_is_syllable(w, n);
}

static int ends_with(const char *w, size_t n, const char *tail)
{
    size_t t = strlen(tail);
    return n >= t && memcmp(w + n - t, tail, t) == 0;
}

/* Rimes the shape check lets through that Vietnamese spelling never writes: ơ closed by ng, c,
 * o or u without the ư of ương, ước, ươu; ă open or closed by a vowel; â closed by i or o; e
 * closed by i, y or u (êu is ê); o closed by u or y. */
static int rime_written(const char *w, size_t n)
{
    static const char *const never[] = { "ăi", "ăo", "ău", "ăy", "âi", "âo", "ei", "ey", "eu", "ou", "oy" };
    for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
        if (ends_with(w, n, never[i]))
            return 0;
    if (ends_with(w, n, "ă"))
        return 0;
    static const char *const after_o[] = { "ơng", "ơc", "ơo", "ơu" };
    for (size_t i = 0; i < sizeof after_o / sizeof after_o[0]; i++) {
        size_t t = strlen(after_o[i]);
        if (ends_with(w, n, after_o[i]) && !(n >= t + 2 && memcmp(w + n - t - 2, "ư", 2) == 0))
            return 0;
    }
    return 1;
}

int vn_is_written_syllable(const char *s, size_t n)
{
    char w[MAXL * 3 + 4];
    int tone;
    if (!vn_is_syllable(s, n) || !base_letters(s, n, w, sizeof w, &tone))
        return 0;
    size_t k = strlen(w);
    int stop = ends_with(w, k, "c") || ends_with(w, k, "ch") || ends_with(w, k, "p") || ends_with(w, k, "t");
    if (stop && tone != VN_TONE_SAC && tone != VN_TONE_NANG)
        return 0; /* a syllable closed by p, t, c or ch takes the rising or the heavy tone */
    return rime_written(w, k);
}
