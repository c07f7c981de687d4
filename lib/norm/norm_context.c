/* Context for the normalizer: the words before a token (from lib/data/contexts.tsv) and the
 * unit table (lib/data/units.tsv). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "norm_int.h"
#include "vnchar.h"


long norm_digits_value(const char *s, size_t n)
{
    if (n == 0 || n > 9)
        return -1;
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Does the phrase (lowercase words, single spaces) end right before token i? A colon between
 * them is allowed: "Hotline: 1900 1234". */
static int phrase_before(const nctx *c, size_t i, const char *phrase)
{
    size_t end = strlen(phrase);
    if (i > 0 && c->t[i - 1].kind == TK_PUNCT && (tok_text(c, i - 1)[0] == ':' || tok_text(c, i - 1)[0] == '('))
        i--; /* Hotline: 1900 1234; đêm nay (6/9) */
    while (end > 0) {
        size_t start = end;
        while (start > 0 && phrase[start - 1] != ' ')
            start--;
        if (i == 0 || c->t[i - 1].kind != TK_WORD)
            return 0;
        i--;
        if (!lex_word_eq(tok_text(c, i), c->t[i].len, phrase + start, end - start))
            return 0;
        end = start ? start - 1 : 0;
    }
    return 1;
}

/* The context rows grouped by role, built once: a lookup scans one role's phrases only. */
#define ROLES_MAX 64
#define PHRASES_MAX 1024
static struct {
    const char *role;
    size_t first, n; /* in by_role */
} roles[ROLES_MAX];
static size_t nroles;
static const char *by_role[PHRASES_MAX];
static pthread_once_t roles_once = PTHREAD_ONCE_INIT;

static void group_roles(void)
{
    size_t used = 0;
    for (size_t k = 0; k < gen_contexts_count && nroles < ROLES_MAX; k++) {
        size_t r = 0;
        while (r < nroles && strcmp(roles[r].role, gen_contexts[k][1]) != 0)
            r++;
        if (r == nroles)
            roles[nroles++].role = gen_contexts[k][1];
    }
    for (size_t r = 0; r < nroles; r++) {
        roles[r].first = used;
        for (size_t k = 0; k < gen_contexts_count && used < PHRASES_MAX; k++)
            if (!strcmp(gen_contexts[k][1], roles[r].role))
                by_role[used++] = gen_contexts[k][0];
        roles[r].n = used - roles[r].first;
    }
}

int ctx_before(const nctx *c, size_t i, const char *role)
{
    size_t j = i;
    if (j > 0 && c->t[j - 1].kind == TK_PUNCT && (tok_text(c, j - 1)[0] == ':' || tok_text(c, j - 1)[0] == '('))
        j--;
    if (j == 0 || c->t[j - 1].kind != TK_WORD)
        return 0; /* no word before it: no phrase ends there */
    pthread_once(&roles_once, group_roles);
    for (size_t r = 0; r < nroles; r++) {
        if (strcmp(roles[r].role, role) != 0)
            continue;
        for (size_t k = roles[r].first; k < roles[r].first + roles[r].n; k++)
            if (phrase_before(c, i, by_role[k]))
                return 1;
        return 0;
    }
    return 0;
}

int ctx_near(const nctx *c, size_t i, const char *role, size_t window)
{
    for (size_t j = i; j > 0 && j + window > i; j--)
        if (ctx_before(c, j, role))
            return 1;
    return 0;
}


/* a-b with digits on both sides (a score, a range): 6-4, 7-6(5 */
static int digit_pair(const nctx *c, size_t j)
{
    if (c->t[j].kind != TK_WORD)
        return 0;
    const char *w = tok_text(c, j);
    size_t n = c->t[j].len, k = 0;
    while (k < n && vn_is_digit((unsigned char)w[k]))
        k++;
    return k > 0 && k + 1 < n && w[k] == '-' && vn_is_digit((unsigned char)w[k + 1]);
}

static int capitalised(const nctx *c, size_t j)
{
    int32_t cp;
    if (c->t[j].kind != TK_WORD)
        return 0;
    vn_decode(tok_text(c, j), c->t[j].len, &cp);
    return vn_is_upper(cp);
}

/* A score word within five tokens before i, but not one that begins a name (Hòa Bình). */
static int score_word_near(const nctx *c, size_t i)
{
    for (size_t j = i; j > 0 && j + 5 > i; j--)
        if (ctx_before(c, j, "score") && !(j < i && capitalised(c, j - 1) && capitalised(c, j)))
            return 1;
    return 0;
}

int norm_score_context(const nctx *c, size_t i)
{
    size_t j = i;
    for (;;) { /* 6-4, 3-6, 7-6 or 6-1 7-6 6-4: the list goes back to its first score */
        if (j >= 2 && c->t[j - 1].kind == TK_PUNCT && tok_text(c, j - 1)[0] == ',' && digit_pair(c, j - 2))
            j -= 2;
        else if (j >= 1 && digit_pair(c, j - 1))
            j -= 1;
        else
            break;
    }
    return score_word_near(c, j);
}
