/* Normalizer driver: tokens in order, each read by the first handler that recognises it;
 * punctuation kept only where it shapes prosody (one mark at a time). */
#include "norm.h"

#include <stdlib.h>
#include <string.h>

#include "norm_int.h"
#include "vec.h"
#include "vnchar.h"

/* The mark a punctuation token leaves in the spoken form: ',' for clause marks, the sentence
 * mark for . ! ? …, nothing for quotes and the like. */
static char punct_mark(const char *p, size_t n)
{
    int32_t cp;
    vn_decode(p, n, &cp);
    switch (cp) {
    case ',': case ';': case ':': case '(': case ')': case '[': case ']':
        return ',';
    case '.': case 0x2026:
        return '.';
    case '!': case '?':
        return (char)cp;
    default:
        return 0;
    }
}

static void put_mark(rbuf *out, size_t sentence_start, char mark)
{
    if (!mark || out->len <= sentence_start)
        return;
    char last = out->p[out->len - 1];
    if (last == ',' || last == '.' || last == '!' || last == '?') {
        if (last == ',' && mark != ',')
            out->p[out->len - 1] = mark; /* a sentence mark wins over a pending comma */
        return;
    }
    if (last == ' ')
        out->len--;
    rbuf_putc(out, mark);
}

static int same_word(const nctx *c, size_t a, size_t b)
{
    return c->t[a].kind == TK_WORD && c->t[b].kind == TK_WORD && c->t[a].len == c->t[b].len &&
           !memcmp(tok_text(c, a), tok_text(c, b), c->t[a].len);
}

/* Codes of one series around a dash: U30 - U40. */
static int code_pair(const nctx *c, size_t a, size_t b)
{
    if (c->t[a].kind != TK_WORD || c->t[b].kind != TK_WORD)
        return 0;
    size_t la = norm_code_letters(tok_text(c, a), c->t[a].len);
    return la && norm_code_letters(tok_text(c, b), c->t[b].len) == la && !memcmp(tok_text(c, a), tok_text(c, b), la);
}

/* thứ 2 - thứ 6, tháng 3 - tháng 5, U30 - U40: a dash between "word number" and the same word,
 * or between two codes of one series, is "đến". */
static int dash_is_range(const nctx *c, size_t i)
{
    if (i >= 1 && i + 1 < c->n && code_pair(c, i - 1, i + 1))
        return 1;
    return i >= 2 && i + 2 < c->n && same_word(c, i - 2, i + 1) && c->t[i - 1].kind == TK_WORD &&
           vn_is_digit((unsigned char)tok_text(c, i - 1)[0]) && vn_is_digit((unsigned char)tok_text(c, i + 2)[0]);
}

/* A list bullet opening the sentence (+ * • >) is layout, not a word to say. */
static int bullet(const nctx *c, size_t i)
{
    int32_t cp;
    const tok *t = &c->t[i];
    return i == 0 && t->kind == TK_WORD && vn_decode(tok_text(c, i), t->len, &cp) == t->len &&
           (cp == '+' || cp == '*' || cp == '>' || cp == 0x2022 || cp == 0xB7 || cp == 0x25CF || cp == 0x25AA);
}

static size_t norm_token(nctx *c, size_t i, size_t sentence_start)
{
    const tok *t = &c->t[i];
    c->cur = i;
    if (bullet(c, i))
        return 1;
    if (t->kind == TK_DASH && dash_is_range(c, i)) {
        rbuf_word(c->out, "đến");
        return 1;
    }
    if (t->kind == TK_PUNCT) {
        put_mark(c->out, sentence_start, punct_mark(tok_text(c, i), t->len));
        return 1;
    }
    size_t k = norm_bounded(c, i);
    if (!k)
        k = norm_number(c, i);
    if (!k)
        k = norm_roman(c, i);
    if (k)
        return k;
    if (t->kind == TK_DASH) {
        put_mark(c->out, sentence_start, ',');
        return 1;
    }
    k = norm_word(c, i);
    if (k)
        return k;
    norm_fallback(c, tok_text(c, i), t->len);
    return 1;
}

static int has_letter(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += vn_decode(s + i, n - i, &cp);
        if (vn_is_letter(cp))
            return 1;
    }
    return 0;
}

static void push_span(normspans *sp, const rbuf *out, size_t from, const tok *first, const tok *last)
{
    while (from < out->len && out->p[from] == ' ')
        from++;
    if (sp->oom || from >= out->len || !has_letter(out->p + from, out->len - from))
        return;
    if (vec_room((void **)&sp->v, &sp->cap, sp->n, sizeof *sp->v) != 0) {
        sp->oom = 1;
        return;
    }
    sp->v[sp->n++] = (normspan){ from, out->len, first->start, last->start + last->len };
}

void normspans_free(normspans *sp)
{
    free(sp->v);
    memset(sp, 0, sizeof *sp);
}

/* A token with a letter or digit: a word the check counts. */
static int counts_as_word(const nctx *c, size_t i)
{
    const char *s = tok_text(c, i);
    for (size_t k = 0; k < c->t[i].len; k++)
        if (vn_is_digit((unsigned char)s[k]))
            return 1;
    return has_letter(s, c->t[i].len);
}

int norm_sentence_checked(const normcfg *cfg, unsigned flags, const char *s, size_t len, rbuf *out,
                          normspans *spans, normnotes *notes)
{
    toklist tl;
    memset(&tl, 0, sizeof tl);
    if (tok_split(s, len, cfg->ulex, &tl) != 0) {
        tok_list_free(&tl);
        return -1;
    }
    nctx c = { cfg, flags, s, tl.v, tl.n, out, 0, 0, notes, 0 };
    size_t start = out->len;
    for (size_t i = 0; i < tl.n;) {
        int counted = notes && tl.v[i].kind == TK_WORD && counts_as_word(&c, i);
        size_t noted = notes ? notes->n : 0;
        if (counted) {
            notes->words++;
            norm_note_scripts(&c, i);
        }
        size_t before = out->len, k = norm_token(&c, i, start);
        if (notes && !counted && notes->n > noted)
            notes->words++; /* "-------" summarized: a guess, so a word too */
        if (spans && tl.v[i].kind != TK_PUNCT)
            push_span(spans, out, before, &tl.v[i], &tl.v[i + k - 1]);
        for (size_t j = i + 1; notes && j < i + k; j++)
            notes->words += tl.v[j].kind == TK_WORD && counts_as_word(&c, j);
        i += k;
    }
    while (out->len > start && (out->p[out->len - 1] == ',' || out->p[out->len - 1] == ' '))
        out->p[--out->len] = '\0';
    tok_list_free(&tl);
    return out->oom || (spans && spans->oom) || (notes && notes->oom) ? -1 : 0;
}

int norm_sentence(const normcfg *cfg, unsigned flags, const char *s, size_t len, rbuf *out, normspans *spans)
{
    return norm_sentence_checked(cfg, flags, s, len, out, spans, NULL);
}

void normnotes_free(normnotes *nn)
{
    free(nn->v);
    memset(nn, 0, sizeof *nn);
}
