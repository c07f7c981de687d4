/* Utterance: the gate applied word by word so every spoken word keeps its place, and long
 * sentences cut at clause marks (espeak-ng reads a 1,000-character sentence in one breath). */
#include "utter.h"

#include <stdlib.h>
#include <string.h>

#include "gate.h"

static size_t count_cps(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* Gates s[0..n) onto the text, keeping the code point count. */
static void add_piece(utterance *u, const char *s, size_t n, size_t *cps)
{
    size_t before = u->text.len;
    gate_text(s, n, &u->text);
    *cps += count_cps(u->text.p ? u->text.p + before : "", u->text.len - before);
}

static int is_clause_mark(char ch)
{
    return ch == ',' || ch == ';' || ch == ':' || ch == '.' || ch == '!' || ch == '?';
}

static int add_cut(utterance *u, size_t byte, size_t cp)
{
    ucut *c = realloc(u->cut, (u->ncut + 2) * sizeof *c);
    if (!c)
        return -1;
    u->cut = c;
    u->cut[u->ncut++] = (ucut){ byte, cp };
    return 0;
}

/* Chunks: a cut after the first clause mark past UTTER_CHUNK bytes, or after any word past
 * twice that when no mark comes. */
static int make_cuts(utterance *u)
{
    if (add_cut(u, 0, 0) != 0)
        return -1;
    size_t start = 0, cps = 0;
    const char *t = u->text.p ? u->text.p : "";
    for (size_t i = 0; i < u->text.len; i++) {
        cps += ((unsigned char)t[i] & 0xC0) != 0x80;
        size_t since = i + 1 - start;
        int at_space = i + 1 < u->text.len && t[i + 1] == ' ';
        if (at_space && ((since > UTTER_CHUNK && is_clause_mark(t[i])) || since > 2 * UTTER_CHUNK)) {
            if (add_cut(u, i + 2, cps + 1) != 0)
                return -1;
            start = i + 2;
        }
    }
    u->cut[u->ncut] = (ucut){ u->text.len, count_cps(t, u->text.len) };
    return 0;
}

int utter_build(utterance *u, const char *spoken, size_t len, const normspans *sp)
{
    memset(u, 0, sizeof *u);
    u->w = malloc((sp->n ? sp->n : 1) * sizeof *u->w);
    if (!u->w)
        return -1;
    size_t pos = 0, cps = 0;
    for (size_t k = 0; k < sp->n; k++) {
        const normspan *s = &sp->v[k];
        add_piece(u, spoken + pos, s->out_start - pos, &cps); /* marks between words */
        if (u->text.len && u->text.p[u->text.len - 1] != ' ')
            rbuf_putc(&u->text, ' '), cps++;
        uword *w = &u->w[u->nw];
        w->cp_start = cps;
        add_piece(u, spoken + s->out_start, s->out_end - s->out_start, &cps);
        w->cp_end = cps;
        w->src_start = s->src_start;
        w->src_end = s->src_end;
        w->out_start = s->out_start;
        w->out_end = s->out_end;
        u->nw += w->cp_end > w->cp_start;
        pos = s->out_end;
    }
    add_piece(u, spoken + pos, len - pos, &cps);
    while (u->text.len && u->text.p[u->text.len - 1] == ' ')
        u->text.p[--u->text.len] = '\0';
    if (u->text.oom || make_cuts(u) != 0)
        return -1;
    return 0;
}

size_t utter_word_at(const utterance *u, size_t cp)
{
    size_t lo = 0, hi = u->nw;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (u->w[mid].cp_end <= cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < u->nw && u->w[lo].cp_start <= cp ? lo : u->nw;
}

void utter_free(utterance *u)
{
    rbuf_free(&u->text);
    free(u->w);
    free(u->cut);
    memset(u, 0, sizeof *u);
}
