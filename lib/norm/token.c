/* Tokenizer: splits on spaces, then peels outer punctuation off each run (keeping the dot of
 * known abbreviations). Inner punctuation stays: the normalizer reads 16/01/2023 as a whole. */
#include "token.h"

#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "vec.h"
#include "vnchar.h"

static void push(toklist *l, tok_kind k, size_t start, size_t len)
{
    if (l->oom || len == 0)
        return;
    if (vec_room((void **)&l->v, &l->cap, l->n, sizeof *l->v) != 0) {
        l->oom = 1;
        return;
    }
    l->v[l->n++] = (tok){ k, start, len };
}

static int is_space(int32_t cp)
{
    return cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r';
}

static int is_lead_punct(int32_t cp)
{
    return cp == '(' || cp == '[' || cp == '{' || cp == '"' || cp == '\'' || cp == 0x201C ||
           cp == 0x2018 || cp == 0xAB || cp == '`' || cp == '*' || cp == 0x2022 || cp == 0xB7 ||
           cp == '|' || cp == 0x201E;
}

static int is_trail_punct(int32_t cp)
{
    return cp == ',' || cp == ';' || cp == ':' || cp == '.' || cp == '!' || cp == '?' ||
           cp == ')' || cp == ']' || cp == '}' || cp == '"' || cp == '\'' || cp == 0x201D ||
           cp == 0x2019 || cp == 0xBB || cp == 0x2026 || cp == '*' || cp == '|';
}

static int is_dash(int32_t cp)
{
    return cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == 0x2212;
}

/* Byte length of the code point that ends at s[end) */
static size_t last_cp(const char *s, size_t start, size_t end, int32_t *cp)
{
    size_t p = end - 1;
    while (p > start && ((unsigned char)s[p] & 0xC0) == 0x80)
        p--;
    vn_decode(s + p, end - p, cp);
    return end - p;
}

static void chunk(const char *s, size_t a, size_t b, const ulexicon *ulex, toklist *out)
{
    int32_t cp;
    size_t n = vn_decode(s + a, b - a, &cp);
    if (b - a == n && is_dash(cp)) {
        push(out, TK_DASH, a, n);
        return;
    }
    while (a < b && is_lead_punct(cp)) {
        push(out, TK_PUNCT, a, n);
        a += n;
        if (a < b)
            n = vn_decode(s + a, b - a, &cp);
    }
    size_t trail = b;
    int dummy;
    while (trail > a) {
        size_t m = last_cp(s, a, trail, &cp);
        if (!is_trail_punct(cp) || (cp == '.' && lex_dotted(ulex, s + a, trail - a, &dummy)))
            break;
        trail -= m;
    }
    push(out, TK_WORD, a, trail - a);
    while (trail < b) {
        size_t m = vn_decode(s + trail, b - trail, &cp);
        push(out, TK_PUNCT, trail, m);
        trail += m;
    }
}

int tok_split(const char *s, size_t len, const ulexicon *ulex, toklist *out)
{
    size_t i = 0;
    while (i < len) { /* the spaces are ASCII: bytes, not characters, are enough to find them */
        if (is_space((unsigned char)s[i])) {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < len && !is_space((unsigned char)s[j]))
            j++;
        chunk(s, i, j, ulex, out);
        i = j;
    }
    return out->oom ? -1 : 0;
}

void tok_list_free(toklist *l)
{
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}
