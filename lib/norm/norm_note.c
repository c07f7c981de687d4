/* The normalizer's guesses, recorded for the accessibility check: what it chose and why. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "norm_int.h"
#include "vec.h"
#include "vnchar.h"

/* Cuts a string that snprintf may have cut inside a UTF-8 character back to a whole one. */
static void whole_chars(char *s)
{
    size_t n = strlen(s);
    s[utf8_first_invalid(s, n)] = '\0';
}

static normnote *add_note(nctx *c, note_kind kind, const char *fix)
{
    normnotes *nn = c->notes;
    if (!nn || c->quiet || nn->oom)
        return NULL;
    const tok *t = &c->t[c->cur];
    if (nn->n && nn->v[nn->n - 1].kind == kind && nn->v[nn->n - 1].src_start == t->start)
        return NULL; /* ZaloPay: one note for the word, not one per part */
    if (vec_room((void **)&nn->v, &nn->cap, nn->n, sizeof *nn->v) != 0) {
        nn->oom = 1;
        return NULL;
    }
    normnote *x = &nn->v[nn->n++];
    memset(x, 0, sizeof *x);
    x->kind = kind;
    x->src_start = t->start;
    x->src_end = t->start + t->len;
    snprintf(x->fix, sizeof x->fix, "%s", fix ? fix : "");
    whole_chars(x->fix);
    return x;
}

static void set_why(normnote *x, const char *fmt, va_list ap)
{
    vsnprintf(x->why, sizeof x->why, fmt, ap);
    whole_chars(x->why);
}

void norm_note(nctx *c, note_kind kind, const char *fix, const char *fmt, ...)
{
    normnote *x = add_note(c, kind, fix);
    if (!x)
        return;
    va_list ap;
    va_start(ap, fmt);
    set_why(x, fmt, ap);
    va_end(ap);
}

void norm_note_choice(nctx *c, int cued, const char *fix, const char *fmt, ...)
{
    normnote *x = add_note(c, NOTE_AMBIGUOUS, fix);
    if (!x)
        return;
    x->cued = cued;
    va_list ap;
    va_start(ap, fmt);
    set_why(x, fmt, ap);
    va_end(ap);
}

/* "a", "a" or "b", "a", "b" or "c": the readings not taken. */
static void list_others(const lex_why *why, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    for (unsigned k = 0; k < why->nothers && n < cap; k++)
        n += (size_t)snprintf(buf + n, cap - n, "%s\"%s\"", k == 0 ? "" : k + 1 == why->nothers ? " or " : ", ",
                              why->others[k]);
}

const char *norm_acronym(nctx *c, const char *s, size_t n, size_t tok_index, int need_context)
{
    ctx_req req = { c, tok_index };
    lex_why why;
    const char *r = lex_acronym_why(c->cfg->ulex, s, n, norm_context_words, &req, need_context, c->notes ? &why : NULL);
    if (!r || !c->notes || why.senses < 2)
        return r;
    char others[192];
    list_others(&why, others, sizeof others);
    size_t saved = c->cur;
    c->cur = tok_index;
    if (why.cue[0])
        norm_note_choice(c, 1, "write the name in full where the context word does not settle it",
                         "\"%.*s\" read as \"%s\" because of \"%s\" nearby, not as %s", (int)n, s, r, why.cue, others);
    else
        norm_note_choice(c, 0, "write the name in full, or put one of its context words nearby",
                         "\"%.*s\" read as \"%s\", the default: no word nearby points to %s", (int)n, s, r, others);
    c->cur = saved;
    return r;
}

/* Letters of one run (between non-letters) counted per alphabet, with the first of each. */
typedef struct {
    unsigned count[4];
    int32_t first[4];
} script_run;

/* Notes the run when it mixes alphabets: the odd letter is the first of a minority one. */
static int mixed_run(nctx *c, size_t i, const script_run *r)
{
    int major = VN_SCRIPT_LATIN, odd = 0;
    for (int k = VN_SCRIPT_LATIN; k <= VN_SCRIPT_CYRILLIC; k++)
        major = r->count[k] > r->count[major] ? k : major;
    for (int k = VN_SCRIPT_LATIN; k <= VN_SCRIPT_CYRILLIC && !odd; k++)
        odd = k != major && r->count[k] ? k : 0;
    if (!odd)
        return 0;
    size_t saved = c->cur;
    c->cur = i;
    norm_note(c, NOTE_MIXED_SCRIPT, "retype the word in one alphabet",
              "a %s word with a %s letter in it, U+%04X: a look-alike typed by mistake?", vn_script_name((vn_script)major),
              vn_script_name((vn_script)odd), (unsigned)r->first[odd]);
    c->cur = saved;
    return 1;
}

void norm_note_scripts(nctx *c, size_t i)
{
    const tok *t = &c->t[i];
    const char *s = tok_text(c, i);
    script_run r = { { 0 }, { 0 } };
    for (size_t p = 0; p <= t->len;) {
        int32_t cp = 0;
        size_t k = p < t->len ? vn_decode(s + p, t->len - p, &cp) : 1;
        vn_script sc = p < t->len && vn_is_letter(cp) ? vn_script_of(cp) : VN_SCRIPT_NONE;
        if (sc == VN_SCRIPT_NONE && !(cp >= 0x300 && cp <= 0x36F)) { /* β-carotene: each run alone */
            if (mixed_run(c, i, &r))
                return;
            memset(&r, 0, sizeof r);
        } else if (sc != VN_SCRIPT_NONE && r.count[sc]++ == 0) {
            r.first[sc] = cp;
        }
        p += k ? k : 1;
    }
}
