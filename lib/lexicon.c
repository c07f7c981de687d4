/* Lexicon look-ups over the generated tables: binary search, then context among readings. */
#include "lexicon.h"

#include <pthread.h>
#include <string.h>

#include "vnchar.h"

/* A quick "certainly absent" test before the binary search: which (first byte, length) pairs
 * occur among the forms of a table. Most words of a text are in neither table. */
#define SHAPE_LEN 32
typedef struct {
    unsigned char seen[256][SHAPE_LEN];
} shapes;

static shapes acronym_shapes, loanword_shapes;
static pthread_once_t shapes_once = PTHREAD_ONCE_INIT;

static void add_shapes(shapes *sh, const char *const *rows, size_t stride, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const char *f = rows[i * stride];
        size_t n = strlen(f);
        sh->seen[(unsigned char)f[0]][n < SHAPE_LEN ? n : SHAPE_LEN - 1] = 1;
    }
}

static void build_shapes(void)
{
    add_shapes(&acronym_shapes, &gen_acronyms[0][0], 4, gen_acronyms_count);
    add_shapes(&loanword_shapes, &gen_loanwords[0][0], 2, gen_loanwords_count);
}

static int maybe_in(const shapes *sh, const char *key, size_t n)
{
    pthread_once(&shapes_once, build_shapes);
    return n > 0 && sh->seen[(unsigned char)key[0]][n < SHAPE_LEN ? n : SHAPE_LEN - 1];
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

/* 1 when one of the space-separated words of ctx_words occurs in context. */
static int context_matches(const char *ctx_words, const char *context)
{
    const char *p = ctx_words;
    while (*p) {
        const char *e = strchr(p, ' ');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char w[64];
        if (n && n < sizeof w) {
            memcpy(w, p, n);
            w[n] = '\0';
            if (has_word(context, w, n))
                return 1;
        }
        p += n + (e != NULL);
    }
    return 0;
}

const char *lex_acronym(const char *form, size_t n, lex_context_fn context, void *user)
{
    if (!maybe_in(&acronym_shapes, form, n))
        return NULL;
    const char *const *rows = &gen_acronyms[0][0];
    size_t i = find_first(rows, 4, gen_acronyms_count, form, n);
    if (i == gen_acronyms_count)
        return NULL;
    size_t end = i + 1;
    while (end < gen_acronyms_count && !strcmp(gen_acronyms[end][0], gen_acronyms[i][0]))
        end++;
    if (end == i + 1)
        return gen_acronyms[i][1];
    char words[512] = "";
    if (context)
        context(user, words, sizeof words);
    const char *fallback = NULL;
    for (size_t j = i; j < end; j++) {
        const char *ctx = gen_acronyms[j][2];
        if (!ctx[0]) {
            if (!fallback)
                fallback = gen_acronyms[j][1];
        } else if (context_matches(ctx, words)) {
            return gen_acronyms[j][1];
        }
    }
    return fallback ? fallback : gen_acronyms[i][1];
}

int lex_dotted(const char *form, size_t n, int *may_end)
{
    if (n == 0 || form[n - 1] != '.' || !maybe_in(&acronym_shapes, form, n))
        return 0;
    size_t i = find_first(&gen_acronyms[0][0], 4, gen_acronyms_count, form, n);
    if (i == gen_acronyms_count)
        return 0;
    *may_end = strstr(gen_acronyms[i][3], "end") != NULL;
    return 1;
}

const char *lex_loanword(const char *word, size_t n)
{
    char low[128];
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += vn_decode(word + i, n - i, &cp);
        if (k + 4 >= sizeof low)
            return NULL;
        k += vn_encode(vn_lower(cp), low + k);
    }
    if (!maybe_in(&loanword_shapes, low, k))
        return NULL;
    size_t r = find_first(&gen_loanwords[0][0], 2, gen_loanwords_count, low, k);
    return r < gen_loanwords_count ? gen_loanwords[r][1] : NULL;
}

const char *lex_letter(const char *letter, size_t n)
{
    size_t r = find_first(&gen_letters[0][0], 2, gen_letters_count, letter, n);
    return r < gen_letters_count ? gen_letters[r][1] : NULL;
}
