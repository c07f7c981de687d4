/* Plain numbers: integers with Vietnamese thousands dots (or English comma groups when the
 * shape proves it), decimal commas, versions (4.0), percentages. */
#include <string.h>

#include "norm_int.h"

#define MAX_GROUPS 8

typedef struct {
    const char *g[MAX_GROUPS]; /* digit groups */
    size_t gn[MAX_GROUPS];
    char sep[MAX_GROUPS];      /* sep[k] stands before group k (k >= 1) */
    size_t ng;
    size_t end;                /* bytes consumed */
} numparse;

/* digits ([.,] digits)* at the start of s; 0 when s does not start with a digit. */
static int parse_groups(const char *s, size_t n, numparse *p)
{
    size_t i = 0;
    p->ng = 0;
    while (i < n && p->ng < MAX_GROUPS) {
        size_t st = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == st)
            break;
        p->g[p->ng] = s + st;
        p->gn[p->ng++] = i - st;
        p->end = i;
        if (i + 1 < n && (s[i] == '.' || s[i] == ',') && s[i + 1] >= '0' && s[i + 1] <= '9' &&
            p->ng < MAX_GROUPS) {
            p->sep[p->ng] = s[i];
            i++;
        } else {
            break;
        }
    }
    return p->ng > 0;
}

static int groups_of_three(const numparse *p, size_t from, size_t to, char sep)
{
    if (p->gn[from] > 3 || p->gn[from] == 0)
        return 0;
    for (size_t k = from + 1; k < to; k++)
        if (p->sep[k] != sep || p->gn[k] != 3)
            return 0;
    return 1;
}

/* Reads groups [from, to) joined as one integer. */
static void read_joined(nctx *c, const numparse *p, size_t from, size_t to)
{
    char d[64];
    size_t k = 0;
    for (size_t i = from; i < to; i++) {
        if (k + p->gn[i] >= sizeof d) {
            num_digits(c->out, p->g[from], (size_t)(p->g[to - 1] + p->gn[to - 1] - p->g[from]));
            return;
        }
        memcpy(d + k, p->g[i], p->gn[i]);
        k += p->gn[i];
    }
    num_cardinal(c->out, d, k, c->cfg->dl);
}

/* A whole number form: integer, grouped integer, decimal, version. 0 if the shape is not one. */
static int read_plain(nctx *c, const numparse *p)
{
    size_t ng = p->ng;
    if (ng == 1 || groups_of_three(p, 0, ng, '.') || (ng >= 3 && groups_of_three(p, 0, ng, ','))) {
        read_joined(c, p, 0, ng);
        return 1;
    }
    if (p->sep[ng - 1] == ',' && (ng == 2 || groups_of_three(p, 0, ng - 1, '.'))) {
        read_joined(c, p, 0, ng - 1);
        rbuf_word(c->out, "phẩy");
        num_fraction(c->out, p->g[ng - 1], p->gn[ng - 1], c->cfg->dl);
        return 1;
    }
    if (ng == 2 && p->sep[1] == '.') {
        num_cardinal(c->out, p->g[0], p->gn[0], c->cfg->dl);
        rbuf_word(c->out, "chấm");
        num_fraction(c->out, p->g[1], p->gn[1], c->cfg->dl);
        return 1;
    }
    return 0;
}

size_t norm_number(nctx *c, size_t i)
{
    if (c->t[i].kind != TK_WORD)
        return 0;
    const char *s = tok_text(c, i);
    size_t n = c->t[i].len;
    numparse p;
    if (!parse_groups(s, n, &p))
        return 0;
    const char *rest = s + p.end;
    size_t rn = n - p.end;
    if (rn == 0 || (rn == 1 && rest[0] == '%')) {
        size_t mark = c->out->len;
        if (!read_plain(c, &p)) {
            c->out->len = mark;
            return 0;
        }
        if (rn == 1)
            rbuf_word(c->out, "phần trăm");
        return 1;
    }
    return 0;
}
