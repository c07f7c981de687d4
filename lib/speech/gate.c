/* The final gate: whatever the normalizer missed, espeak-ng sees only letters and marks, and
 * every word is one Vietnamese syllable: espeak-ng reads past its tables on some strings that
 * are not (two syllables run together, "mộtngười", were enough). */
#include "gate.h"

#include <string.h>

#include "syllable.h"
#include "vnchar.h"

#define WORD_MAX 64        /* longer runs of letters are dropped: the normalizer summarizes them */
#define SYLLABLE_MAX 24    /* bytes of the longest syllable (nghiêng, with marks) */

static int latin_letter(int32_t cp)
{
    return vn_is_letter(cp) && (cp < 0x250 || (cp >= 0x1E00 && cp <= 0x1EFF)) &&
           !(cp >= 0x300 && cp < 0x370);
}

static int mark(int32_t cp)
{
    return cp == ',' || cp == '.' || cp == '!' || cp == '?' || cp == ';' || cp == ':';
}

/* Syllables espeak-ng 1.51 reads past a table on (CalcLengths, setlengths.c:680: it reads
 * them as two syllables and the final ng's length index runs past 100): gi + u + â or ô + ng,
 * in any tone and case. Found with an AddressSanitizer build of espeak-ng fed every syllable the
 * gate lets through (tests/espeak-asan); these twelve forms were the only ones. */
static int espeak_unsafe(const char *w, size_t n)
{
    static const char *const unsafe[] = { "giuâng", "giuông" };
    char base[SYLLABLE_MAX + 4];
    size_t k = 0;
    for (size_t i = 0; i < n && k + 4 < sizeof base;) {
        int32_t cp, b;
        int tone;
        i += vn_decode(w + i, n - i, &cp);
        vn_split_tone(vn_lower(cp), &b, &tone);
        k += vn_encode(b, base + k);
    }
    base[k] = '\0';
    for (size_t i = 0; i < sizeof unsafe / sizeof unsafe[0]; i++)
        if (!strcmp(base, unsafe[i]))
            return 1;
    return 0;
}

/* A word espeak-ng reads as one Vietnamese syllable, safely. */
static int safe_syllable(const char *w, size_t n)
{
    return vn_is_syllable(w, n) && !espeak_unsafe(w, n);
}

/* Splits w into the fewest syllables: cut[] receives the byte offsets of the cuts, and the
 * count of syllables is returned (0 when there is no split). */
static size_t split_syllables(const char *w, size_t n, size_t *cut)
{
    unsigned char best[WORD_MAX + 1];
    size_t from[WORD_MAX + 1];
    memset(best, 0, sizeof best);
    best[0] = 1; /* 1 + syllables to reach each offset; 0 = unreachable */
    for (size_t i = 1; i <= n; i++) {
        if (i < n && ((unsigned char)w[i] & 0xC0) == 0x80)
            continue; /* not a character boundary */
        for (size_t j = i > SYLLABLE_MAX ? i - SYLLABLE_MAX : 0; j < i; j++)
            if (best[j] && (!best[i] || best[j] + 1 < best[i]) && safe_syllable(w + j, i - j)) {
                best[i] = (unsigned char)(best[j] + 1);
                from[i] = j;
            }
    }
    if (!best[n])
        return 0;
    size_t k = (size_t)best[n] - 1;
    for (size_t i = n, m = k; m > 1; m--) {
        i = from[i];
        cut[m - 2] = i;
    }
    return k;
}

/* One word, as espeak-ng may see it: a syllable, or syllables split apart, or nothing. */
static void put_word(rbuf *out, const char *w, size_t n)
{
    size_t cut[WORD_MAX];
    if (n > WORD_MAX)
        return;
    if (safe_syllable(w, n) || vn_is_k_syllable(w, n, 1)) { /* Đắk Lắk, Kon Tum */
        rbuf_put(out, w, n);
        return;
    }
    size_t k = split_syllables(w, n, cut);
    for (size_t i = 0, at = 0; i < k; i++) {
        size_t end = i + 1 < k ? cut[i] : n;
        if (i)
            rbuf_putc(out, ' ');
        rbuf_put(out, w + at, end - at);
        at = end;
    }
}

void gate_text(const char *s, size_t n, rbuf *out)
{
    int pending_space = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t m = vn_decode(s + i, n - i, &cp);
        char last = out->len ? out->p[out->len - 1] : 0;
        if (latin_letter(cp)) {
            size_t j = i + m;
            while (j < n && (vn_decode(s + j, n - j, &cp), latin_letter(cp)))
                j += vn_decode(s + j, n - j, &cp);
            size_t before = out->len;
            if (pending_space && last && last != ' ')
                rbuf_putc(out, ' ');
            pending_space = 0;
            size_t at = out->len;
            put_word(out, s + i, j - i);
            if (out->len == at && !out->oom) { /* dropped: nor the space before it */
                out->len = before;
                if (out->p)
                    out->p[before] = '\0';
                pending_space = 1;
            }
            i = j;
            continue;
        }
        i += m;
        if (mark(cp)) {
            if (last && last != ' ' && !mark((unsigned char)last))
                rbuf_putc(out, (char)cp); /* one mark, and only after a word */
            pending_space = 1;
        } else {
            pending_space = 1;
        }
    }
}
