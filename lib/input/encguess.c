/* Telling the encoding of bytes that are not UTF-8 by the Vietnamese words each reading gives. */
#include "encguess.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "syllable.h"
#include "vnchar.h"

#define SAMPLE (64 * 1024) /* bytes read in each candidate encoding to score it */
#define MOSTLY_UTF8 4      /* valid multi-byte characters per invalid run that make UTF-8 */
#define EVIDENCE 3         /* words an encoding must read (net) to be more than stray bytes */

static const struct {
    const char *name, *conv;
} candidates[] = { { "cp1258", "WINDOWS-1258" }, { "tcvn3", "TCVN3" }, { "vni", "VNI" }, { "viscii", "VISCII" } };
#define NCAND (sizeof candidates / sizeof candidates[0])

/* Past the run of invalid UTF-8 bytes that starts at s[i]. */
static size_t invalid_run_end(const char *s, size_t len, size_t i)
{
    while (i < len && utf8_char_len(s + i, len - i) == 0)
        i++;
    return i;
}

/* Valid multi-byte characters and runs of invalid bytes in s. */
static void census(const char *s, size_t len, size_t *chars, size_t *runs)
{
    *chars = *runs = 0;
    for (size_t i = 0; i < len;) {
        size_t n = utf8_char_len(s + i, len - i);
        if (n) {
            *chars += n > 1;
            i += n;
            continue;
        }
        (*runs)++;
        i = invalid_run_end(s, len, i);
    }
}

page_status utf8_replace(const char *in, size_t len, size_t skip, page_text *out, decode_info *info)
{
    mtext m = { 0 };
    for (size_t i = skip; i < len;) {
        size_t n = utf8_char_len(in + i, len - i);
        if (n) {
            mtext_put(&m, in + i, n, i);
            i += n;
            continue;
        }
        if (info->replaced++ == 0)
            info->first_bad = i;
        mtext_put(&m, "\xEF\xBF\xBD", 3, i);
        i = invalid_run_end(in, len, i);
    }
    return page_take(&m, out);
}

/* 1 when word w is written in lower case, in capitals, or capitalised: a wrong reading of legacy
 * bytes leaves capitals inside words ("quẺn" for the TCVN3 "quận" read as VISCII). */
static int case_plausible(const char *w, size_t n)
{
    size_t upper_after_first = 0, lower = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = vn_decode(w + i, n - i, &cp);
        upper_after_first += i > 0 && vn_is_upper(cp);
        lower += vn_is_lower(cp);
        i += k;
    }
    return upper_after_first == 0 || lower == 0;
}

/* Words with a letter beyond ASCII: +1 for each that is a Vietnamese syllable, -1 for others. */
static long score_words(const char *s, size_t n)
{
    long score = 0;
    unsigned kind;
    for (size_t i = 0, k; i < n; i = k) {
        k = legacy_run(s, n, i, &kind);
        if ((kind & (RUN_WORD | RUN_HIGH)) == (RUN_WORD | RUN_HIGH))
            score += vn_is_written_syllable(s + i, k - i) && case_plausible(s + i, k - i) ? 1 : -1;
    }
    return score;
}

/* The score of in[skip..end) read in candidate c (composed first: Windows-1258 writes tones as
 * combining marks); below any real score when it cannot be read, *nomem set when memory ran
 * out. */
static long score_in(size_t c, const char *in, size_t end, size_t skip, int *nomem)
{
    page_text p;
    page_status st = charset_convert(candidates[c].conv, in, end, skip, &p);
    *nomem = st == PAGE_NOMEM;
    if (st != PAGE_OK)
        return -(long)SAMPLE - 1;
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)p.s, (utf8proc_ssize_t)p.len, &nfc,
                                      UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    page_free(&p);
    if (n < 0) {
        *nomem = n == UTF8PROC_ERROR_NOMEM;
        return -(long)SAMPLE - 1;
    }
    long score = score_words((const char *)nfc, (size_t)n);
    free(nfc);
    return score;
}

/* The end of the sample: at most SAMPLE bytes, cut after a space or line break. */
static size_t sample_end(const char *in, size_t len, size_t skip)
{
    if (len - skip <= SAMPLE)
        return len;
    for (size_t k = skip + SAMPLE; k > skip + SAMPLE / 2; k--)
        if (in[k - 1] == ' ' || in[k - 1] == '\n')
            return k;
    return skip + SAMPLE;
}

page_status guess_decode(const char *in, size_t len, size_t skip, page_text *out, decode_info *info)
{
    size_t chars, runs, end = sample_end(in, len, skip), best = 0, second = NCAND;
    census(in + skip, len - skip, &chars, &runs);
    if (chars >= MOSTLY_UTF8 * runs)
        return utf8_replace(in, len, skip, out, info);
    long score[NCAND];
    for (size_t c = 0; c < NCAND; c++) {
        int nomem;
        score[c] = score_in(c, in, end, skip, &nomem);
        if (nomem)
            return PAGE_NOMEM;
        if (score[c] > score[best]) {
            second = best;
            best = c;
        } else if (c != best && (second == NCAND || score[c] > score[second])) {
            second = c;
        }
    }
    if (score[best] < EVIDENCE)
        return utf8_replace(in, len, skip, out, info); /* no encoding reads it: stray bytes */
    if (second < NCAND && score[second] > 0 && score[best] < 2 * score[second]) {
        snprintf(info->name, sizeof info->name, "%s or %s", candidates[best].name, candidates[second].name);
        return PAGE_UNSURE;
    }
    info->detected = candidates[best].name;
    return charset_convert(candidates[best].conv, in, len, skip, out);
}
