/* Lexicon look-ups over the generated tables: binary search, then context among readings. */
#include "lexicon.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "vnchar.h"

/* A quick "certainly absent" test before the binary search: a small Bloom filter over the
 * forms of a table (two bits of a 64-bit hash each). Most words of a text are in no table. */
#define FILTER_BITS 65536u
typedef struct {
    unsigned char bits[FILTER_BITS / 8];
} filter;

static filter acronym_filter, loanword_filter;
static pthread_once_t filters_once = PTHREAD_ONCE_INIT;

static uint64_t hash_key(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static void filter_add(filter *f, const char *s, size_t n)
{
    uint64_t h = hash_key(s, n);
    f->bits[(h & 0xFFFF) >> 3] |= (unsigned char)(1u << (h & 7));
    f->bits[((h >> 16) & 0xFFFF) >> 3] |= (unsigned char)(1u << ((h >> 16) & 7));
}

static void add_forms(filter *f, const char *const *rows, size_t stride, size_t count)
{
    for (size_t i = 0; i < count; i++)
        filter_add(f, rows[i * stride], strlen(rows[i * stride]));
}

static int loanwords_ascii; /* every loanword form is ASCII: a word with any other byte is none */

static void build_filters(void)
{
    add_forms(&acronym_filter, &gen_acronyms[0][0], 4, gen_acronyms_count);
    add_forms(&loanword_filter, &gen_loanwords[0][0], 2, gen_loanwords_count);
    loanwords_ascii = 1;
    for (size_t i = 0; i < gen_loanwords_count; i++)
        for (const char *p = gen_loanwords[i][0]; *p; p++)
            loanwords_ascii &= (unsigned char)*p < 0x80;
}

static int maybe_in(const filter *f, const char *key, size_t n)
{
    pthread_once(&filters_once, build_filters);
    uint64_t h = hash_key(key, n);
    return (f->bits[(h & 0xFFFF) >> 3] >> (h & 7) & 1) && (f->bits[((h >> 16) & 0xFFFF) >> 3] >> ((h >> 16) & 7) & 1);
}

/* First row whose form equals key[0..n) in a table sorted by form (byte order), or count. */
static size_t find_first(const char *const *rows, size_t stride, size_t count, const char *key, size_t n)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *f = rows[mid * stride];
        int c = strncmp(f, key, n);
        if (c == 0 && f[n] != '\0')
            c = 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < count) {
        const char *f = rows[lo * stride];
        if (strncmp(f, key, n) == 0 && f[n] == '\0')
            return lo;
    }
    return count;
}

static int has_word(const char *text, const char *word, size_t n)
{
    for (const char *p = text; (p = strstr(p, word)) != NULL; p++) {
        int start = p == text || p[-1] == ' ';
        int end = p[n] == '\0' || p[n] == ' ';
        if (start && end)
            return 1;
    }
    return 0;
}

/* The first of the space-separated words of ctx_words that occurs in context, copied to cue
 * (cap bytes, may be NULL): 1 when there is one. */
static int context_matches(const char *ctx_words, const char *context, char *cue, size_t cap)
{
    const char *p = ctx_words;
    while (*p) {
        const char *e = strchr(p, ' ');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char w[64];
        if (n && n < sizeof w) {
            memcpy(w, p, n);
            w[n] = '\0';
            if (has_word(context, w, n)) {
                if (cue && cap > n)
                    memcpy(cue, w, n + 1);
                return 1;
            }
        }
        p += n + (e != NULL);
    }
    return 0;
}

typedef const char *const (*rows4)[4];

/* The rows [i, end) of one form; end == i when the form is absent. */
static size_t form_rows(rows4 rows, size_t count, const char *form, size_t n, size_t *end)
{
    size_t i = rows ? find_first(&rows[0][0], 4, count, form, n) : count;
    *end = i;
    while (*end < count && strncmp(rows[*end][0], form, n) == 0 && rows[*end][0][n] == '\0')
        (*end)++;
    return i;
}

/* Records in why (may be NULL) the readings of one form besides the one chosen. */
static void note_senses(rows4 rows, size_t i, size_t end, const char *chosen, lex_why *why)
{
    if (!why)
        return;
    why->senses = (unsigned)(end - i);
    for (size_t j = i; j < end && why->nothers < LEX_WHY_OTHERS; j++)
        if (rows[j][1] != chosen && strcmp(rows[j][1], chosen) != 0)
            why->others[why->nothers++] = rows[j][1];
}

/* Among the rows of one form: the first whose context words occur around it, else the first
 * without context. */
static const char *choose(rows4 rows, size_t i, size_t end, lex_context_fn context, void *user, int need_context,
                          lex_why *why)
{
    if (end == i + 1 && !need_context)
        return rows[i][1];
    char words[512] = "";
    if (context)
        context(user, words, sizeof words);
    const char *fallback = NULL, *chosen = NULL;
    for (size_t j = i; j < end && !chosen; j++) {
        const char *ctx = rows[j][2];
        if (!ctx[0]) {
            if (!fallback)
                fallback = rows[j][1];
        } else if (context_matches(ctx, words, why ? why->cue : NULL, why ? sizeof why->cue : 0)) {
            chosen = rows[j][1];
        }
    }
    if (!chosen && need_context)
        return NULL;
    if (!chosen)
        chosen = fallback ? fallback : rows[i][1];
    note_senses(rows, i, end, chosen, why);
    return chosen;
}

static size_t lower_key(const char *s, size_t n, char *buf, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        if (k + 4 >= cap)
            return 0;
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) { /* most of any key */
            buf[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
            continue;
        }
        int32_t cp;
        i += vn_decode(s + i, n - i, &cp);
        k += vn_encode(vn_lower(cp), buf + k);
    }
    return k;
}

/* The user rows of a form: exact, else a lower-case entry matching in any case. */
static size_t user_rows(const ulexicon *u, const char *form, size_t n, rows4 *rows, size_t *end)
{
    size_t count;
    *rows = ulex_table(u, &count);
    if (!count)
        return *end = 0;
    size_t i = form_rows(*rows, count, form, n, end);
    if (*end > i)
        return i;
    char low[128];
    size_t k = lower_key(form, n, low, sizeof low);
    return k ? form_rows(*rows, count, low, k, end) : (*end = 0);
}

const char *lex_acronym_why(const ulexicon *u, const char *form, size_t n, lex_context_fn context, void *user,
                            int need_context, lex_why *why)
{
    if (why)
        memset(why, 0, sizeof *why);
    rows4 rows;
    size_t end, i = user_rows(u, form, n, &rows, &end);
    if (end > i)
        return choose(rows, i, end, context, user, need_context, why);
    if (!maybe_in(&acronym_filter, form, n))
        return NULL;
    i = form_rows(gen_acronyms, gen_acronyms_count, form, n, &end);
    return end > i ? choose(gen_acronyms, i, end, context, user, need_context, why) : NULL;
}

const char *lex_acronym(const ulexicon *u, const char *form, size_t n, lex_context_fn context, void *user)
{
    return lex_acronym_why(u, form, n, context, user, 0, NULL);
}

const char *lex_acronym_in_context(const ulexicon *u, const char *form, size_t n, lex_context_fn context, void *user)
{
    return lex_acronym_why(u, form, n, context, user, 1, NULL);
}

int lex_dotted(const ulexicon *u, const char *form, size_t n, int *may_end)
{
    if (n == 0 || n > LEX_DOTTED_MAX || form[n - 1] != '.')
        return 0; /* bounded: a word followed by 100,000 dots is asked once per dot */
    rows4 rows;
    size_t end, i = user_rows(u, form, n, &rows, &end);
    if (end == i) {
        if (!maybe_in(&acronym_filter, form, n))
            return 0;
        rows = gen_acronyms;
        i = form_rows(rows, gen_acronyms_count, form, n, &end);
        if (end == i)
            return 0;
    }
    *may_end = strstr(rows[i][3], "end") != NULL;
    return 1;
}

const char *lex_loanword(const char *word, size_t n)
{
    pthread_once(&filters_once, build_filters);
    for (size_t i = 0; loanwords_ascii && i < n; i++)
        if ((unsigned char)word[i] >= 0x80)
            return NULL; /* Vietnamese letters: no loanword has one */
    char low[128];
    size_t k = lower_key(word, n, low, sizeof low);
    if (!k || !maybe_in(&loanword_filter, low, k))
        return NULL;
    size_t r = find_first(&gen_loanwords[0][0], 2, gen_loanwords_count, low, k);
    return r < gen_loanwords_count ? gen_loanwords[r][1] : NULL;
}

int lex_spelled(const char *form, size_t n)
{
    return find_first(&gen_spelled[0][0], 2, gen_spelled_count, form, n) < gen_spelled_count;
}

const char *lex_unit(const char *unit, size_t n, const char **position)
{
    size_t r = find_first(&gen_units[0][0], 3, gen_units_count, unit, n);
    if (r == gen_units_count)
        return NULL;
    *position = gen_units[r][2][0] ? gen_units[r][2] : "after";
    return gen_units[r][1];
}

const char *lex_letter(const char *letter, size_t n)
{
    size_t r = find_first(&gen_letters[0][0], 2, gen_letters_count, letter, n);
    return r < gen_letters_count ? gen_letters[r][1] : NULL;
}

/* Does w[0..n) equal the lowercase word p[0..pn), ignoring case? */
int lex_word_eq(const char *w, size_t n, const char *p, size_t pn)
{
    size_t i = 0, j = 0;
    while (i < n && j < pn) {
        int32_t a, b;
        i += vn_decode(w + i, n - i, &a);
        j += vn_decode(p + j, pn - j, &b);
        if (vn_lower(a) != b)
            return 0;
    }
    return i == n && j == pn;
}

int lex_word_role(const char *w, size_t n, const char *role)
{
    for (size_t k = 0; k < gen_contexts_count; k++)
        if (!strcmp(gen_contexts[k][1], role) && lex_word_eq(w, n, gen_contexts[k][0], strlen(gen_contexts[k][0])))
            return 1;
    return 0;
}

#define COMPOSE_MAX 40 /* bytes: the longest acronym tried as pieces */

static const char *part_reading(const char *s, size_t n)
{
    size_t i = find_first(&gen_acronym_parts[0][0], 2, gen_acronym_parts_count, s, n);
    return i < gen_acronym_parts_count ? gen_acronym_parts[i][1] : NULL;
}

int lex_compose(const char *form, size_t n, rbuf *out)
{
    unsigned char pieces[COMPOSE_MAX + 1], step[COMPOSE_MAX + 1];
    if (n < 4 || n > COMPOSE_MAX)
        return 0;
    pieces[0] = 0;
    for (size_t e = 1; e <= n; e++) { /* the fewest pieces that cover form[0..e) */
        pieces[e] = 255;
        for (size_t k = 2; k <= e && k <= 12; k++)
            if (pieces[e - k] < 255 && pieces[e - k] + 1 < pieces[e] && part_reading(form + e - k, k)) {
                pieces[e] = (unsigned char)(pieces[e - k] + 1);
                step[e] = (unsigned char)k;
            }
    }
    if (pieces[n] == 255 || pieces[n] < 2)
        return 0;
    size_t cut[COMPOSE_MAX], nc = 0;
    for (size_t e = n; e > 0; e -= step[e])
        cut[nc++] = e;
    for (size_t st = 0; nc > 0; st = cut[nc]) {
        nc--;
        rbuf_word(out, part_reading(form + st, cut[nc] - st));
    }
    return 1;
}

const char *lex_plain_word(const char *s, size_t n, int *several)
{
    size_t i = find_first(&gen_vnwords[0][0], 3, gen_vnwords_count, s, n);
    if (i >= gen_vnwords_count)
        return NULL;
    *several = gen_vnwords[i][2][0] == 'w';
    return gen_vnwords[i][1];
}
