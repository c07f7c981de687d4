/* Text entry points that need no audio: the cleaned document, its sentences, its spoken form. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "engine.h"
#include "vec.h"

/* A section is a run of lines between blank lines: a visitor counter block written the English
 * way (12,411 / 1,298,673) keeps its style even when the article around it writes 76,95. */
static size_t section_end(const char *s, size_t len, size_t from)
{
    for (size_t i = from; i < len; i++) {
        if (s[i] != '\n')
            continue;
        size_t j = i + 1;
        while (j < len && s[j] == ' ')
            j++;
        if (j < len && s[j] == '\n')
            return i;
    }
    return len;
}

typedef struct {
    size_t end;
    unsigned en, vn;
} section_style;

/* One pass over the sections: each one's style, and the document's as their sum. */
static int number_flags(document *d)
{
    const char *s = d->text.s;
    size_t len = d->text.len, k = 0, n = 0, cap = 0;
    unsigned den = 0, dvn = 0;
    section_style *sec = NULL;
    d->flags = calloc(d->sents.n ? d->sents.n : 1, sizeof *d->flags);
    if (!d->flags)
        return -1;
    for (size_t a = 0; a < len; a = sec[n - 1].end + 1) {
        if (vec_room((void **)&sec, &cap, n, sizeof *sec) != 0) {
            free(sec);
            return -1;
        }
        section_style *x = &sec[n++];
        x->end = section_end(s, len, a);
        norm_number_style(s + a, x->end - a, &x->en, &x->vn);
        den += x->en;
        dvn += x->vn;
    }
    for (size_t j = 0; j < n; j++) {
        unsigned f = (sec[j].en && !sec[j].vn) || (den && !dvn) ? NORM_EN_GROUPS : 0;
        for (; k < d->sents.n && d->sents.v[k].start < sec[j].end; k++)
            d->flags[k] = f;
    }
    free(sec);
    return 0;
}

static int is_html(const ra_engine *e, const char *in, size_t len)
{
    return e->input_format == RA_INPUT_HTML || (e->input_format == RA_INPUT_AUTO && html_sniff(in, len));
}

/* Offsets into an intermediate text (an extracted article, a converted encoding) become
 * offsets into the caller's input through that text's own map. */
static int map_through(rtext *t, const size_t *src, size_t src_len, size_t input_len)
{
    srcmap m = { 0 };
    size_t run = 0;
    for (size_t k = 0; k <= t->len; k++) {
        if (k < t->len && ((unsigned char)t->s[k] & 0xC0) == 0x80)
            continue; /* within a character: only its first byte is mapped */
        size_t at = srcmap_next(&t->map, &run, k);
        srcmap_put(&m, k, at < src_len ? src[at] : input_len);
    }
    srcmap_free(&t->map);
    t->map = m;
    return m.oom ? -1 : 0;
}

#define ENCODING_NAMES "utf-8, utf-16, cp1258, tcvn3, vni or viscii"

/* The failure of a text that cannot be decoded. */
static ra_status undecodable(const ra_engine *e, page_status ps, const decode_info *info, const char *what)
{
    if (ps == PAGE_UTF8)
        return api_fail(e, RA_ERR_UTF8, "invalid UTF-8 at byte %zu%s (another encoding? --input-encoding names it)",
                        info->bad, what);
    if (ps == PAGE_UNSURE)
        return api_fail(e, RA_ERR_UTF8, "%s is not UTF-8 and reads about as well as %s: name its encoding with "
                        "--input-encoding (input_encoding: " ENCODING_NAMES ")", *what ? "the page" : "the text", info->name);
    if (ps == PAGE_CHARSET)
        return api_fail(e, RA_ERR_UTF8, "the page's charset \"%s\" is not one this system converts, and the page is not UTF-8",
                        info->name);
    return api_fail(e, RA_ERR_NOMEM, "out of memory");
}

/* What decoding had to guess or mend, for ra_warning. */
static void note_decoding(const ra_engine *e, const decode_info *info)
{
    char msg[256] = "";
    size_t n = 0;
    if (info->detected)
        n += (size_t)snprintf(msg + n, sizeof msg - n, "not UTF-8: read as %s, the encoding its bytes fit", info->detected);
    if (info->replaced && n < sizeof msg)
        n += (size_t)snprintf(msg + n, sizeof msg - n, "%sinvalid UTF-8 at byte %zu: %zu run%s of bad bytes read as "
                              "nothing (--strict refuses the text)", n ? "; " : "", info->first_bad, info->replaced,
                              info->replaced == 1 ? "" : "s");
    for (int k = 0; k < LEGACY_COUNT && n < sizeof msg; k++)
        if (info->mended.words[k])
            n += (size_t)snprintf(msg + n, sizeof msg - n, "%s%zu word%s of %s text shown as Windows-1252 repaired",
                                  n ? "; " : "", info->mended.words[k], info->mended.words[k] == 1 ? "" : "s",
                                  legacy_name((legacy_enc)k));
    if (n)
        api_warn(e, msg);
}

static ra_status html_text(const ra_engine *e, const char *in, size_t len, rtext *t, pagenotes *notes)
{
    html_opts o = { e->whole_page, e->selector, notes };
    mtext x;
    size_t bad = 0;
    decode_info info = { .strict = e->strict };
    html_status hs = html_extract(in, len, &o, &x, &info);
    if (hs == HTML_UTF8 || hs == HTML_CHARSET || hs == HTML_UNSURE)
        return undecodable(e, hs == HTML_UTF8 ? PAGE_UTF8 : hs == HTML_CHARSET ? PAGE_CHARSET : PAGE_UNSURE, &info,
                           " of the page");
    note_decoding(e, &info);
    if (hs == HTML_NO_MATCH)
        return api_fail(e, RA_ERR_EMPTY, "selector \"%s\" matches no element of the page", e->selector);
    if (hs != HTML_OK)
        return api_fail(e, RA_ERR_NOMEM, "out of memory");
    ra_status st = rtext_prepare(x.s, x.len, t, &bad);
    if (st == RA_OK && map_through(t, x.src, x.len, len) != 0) {
        rtext_free(t);
        st = RA_ERR_NOMEM;
    }
    t->converted = info.converted;
    mtext_free(&x);
    return st == RA_OK ? RA_OK : api_fail(e, st == RA_ERR_UTF8 ? RA_ERR_NOMEM : st, "out of memory");
}

/* Text in another encoding, converted: its offsets become the input's. */
static ra_status converted_text(const ra_engine *e, const page_text *p, size_t len, rtext *t)
{
    size_t bad = 0;
    ra_status st = rtext_prepare(p->s, p->len, t, &bad);
    if (st == RA_ERR_UTF8)
        return api_fail(e, st, "the text is not %s: a character near byte %zu cannot be read", e->encoding,
                        page_source(p, bad));
    if (st != RA_OK)
        return api_fail(e, st, "out of memory");
    if (map_through(t, p->src, p->len, len) != 0) { /* converted: p->src is set */
        rtext_free(t);
        return api_fail(e, RA_ERR_NOMEM, "out of memory");
    }
    t->converted = 1;
    return RA_OK;
}

ra_status doc_text_noted(const ra_engine *e, const char *in, size_t len, rtext *t, pagenotes *notes)
{
    memset(t, 0, sizeof *t);
    if (is_html(e, in, len))
        return html_text(e, in, len, t, notes);
    page_text p;
    decode_info info = { .strict = e->strict };
    page_status ps = text_decode(in, len, e->encoding, &p, &info);
    if (ps == PAGE_CHARSET)
        return api_fail(e, RA_ERR_ARG, "unknown input encoding \"%s\" (" ENCODING_NAMES ")", e->encoding);
    if (ps != PAGE_OK)
        return undecodable(e, ps, &info, "");
    note_decoding(e, &info);
    if (p.src) {
        ra_status st = converted_text(e, &p, len, t);
        page_free(&p);
        return st;
    }
    ra_status st = rtext_prepare_valid(p.s, p.len, t); /* text_decode checked it */
    if (st != RA_OK)
        return api_fail(e, st, "out of memory");
    return RA_OK;
}

ra_status doc_text(const ra_engine *e, const char *in, size_t len, rtext *t)
{
    return doc_text_noted(e, in, len, t, NULL);
}

ra_status doc_prepare_noted(const ra_engine *e, const char *in, size_t len, document *d, pagenotes *notes)
{
    memset(d, 0, sizeof *d);
    ra_status st = doc_text_noted(e, in, len, &d->text, notes);
    if (st != RA_OK)
        return st;
    d->input = in;
    d->input_len = len;
    if (seg_split(d->text.s, d->text.len, e->ncfg.ulex, &d->sents) != 0 || number_flags(d) != 0) {
        doc_free(d);
        return api_fail(e, RA_ERR_NOMEM, "out of memory");
    }
    return RA_OK;
}

ra_status doc_prepare(const ra_engine *e, const char *in, size_t len, document *d)
{
    return doc_prepare_noted(e, in, len, d, NULL);
}

void doc_free(document *d)
{
    rtext_free(&d->text);
    seg_list_free(&d->sents);
    free(d->flags);
    d->flags = NULL;
}

static ra_status check_text(const ra_engine *e, const char *text, const void *out)
{
    if (!e || !text || !out)
        return api_fail(e, RA_ERR_ARG, "NULL argument");
    return RA_OK;
}

static ra_status finish(const ra_engine *e, rbuf *b, char **out)
{
    char *s = rbuf_take(b);
    if (!s)
        return api_fail(e, RA_ERR_NOMEM, "out of memory");
    *out = s;
    return RA_OK;
}

/* Appends what a text entry point prints for sentence i of d: one line, or nothing. Returns
 * 0, or -1 when memory ran out (then the whole call fails: never a result with a sentence
 * missing). */
typedef int (*sentence_fn)(const ra_engine *e, const document *d, size_t i, rbuf *b);

static int spoken_line(const ra_engine *e, const document *d, size_t i, rbuf *b)
{
    const sentence *s = &d->sents.v[i];
    size_t before = b->len;
    if (norm_sentence(&e->ncfg, d->flags[i], d->text.s + s->start, s->end - s->start, b, NULL) != 0)
        return -1;
    if (b->len > before)
        rbuf_putc(b, s->brk == BRK_NONE ? ' ' : '\n'); /* a piece: its sentence goes on */
    return b->oom ? -1 : 0;
}

static int source_line(const ra_engine *e, const document *d, size_t i, rbuf *b)
{
    (void)e;
    const sentence *s = &d->sents.v[i];
    int space = 0;
    for (size_t k = s->start; k < s->end; k++) {
        char c = d->text.s[k];
        if (c == ' ' || c == '\n') {
            space = 1;
            continue;
        }
        if (space)
            rbuf_putc(b, ' ');
        space = 0;
        rbuf_putc(b, c);
    }
    rbuf_putc(b, s->brk == BRK_NONE ? ' ' : '\n');
    return b->oom ? -1 : 0;
}

static ra_status each_sentence(ra_engine *e, const char *text, size_t len, char **out, sentence_fn fn)
{
    api_clear(e);
    ra_status st = check_text(e, text, out);
    document d;
    if (st != RA_OK || (st = doc_prepare(e, text, len, &d)) != RA_OK)
        return st;
    rbuf b = { 0 };
    int failed = 0;
    for (size_t i = 0; i < d.sents.n && !failed; i++)
        failed = fn(e, &d, i, &b) != 0;
    doc_free(&d);
    if (failed) {
        rbuf_free(&b);
        return api_fail(e, RA_ERR_NOMEM, "out of memory");
    }
    return finish(e, &b, out);
}

RA_API ra_status ra_normalize(ra_engine *engine, const char *text, size_t len, char **out)
{
    return each_sentence(engine, text, len, out, spoken_line);
}

RA_API ra_status ra_sentences(ra_engine *engine, const char *text, size_t len, char **out)
{
    return each_sentence(engine, text, len, out, source_line);
}

RA_API ra_status ra_extract(ra_engine *engine, const char *input, size_t len, char **out)
{
    api_clear(engine);
    ra_status st = check_text(engine, input, out);
    rtext t;
    if (st != RA_OK || (st = doc_text(engine, input, len, &t)) != RA_OK)
        return st;
    *out = t.s; /* the cleaned text is already a NUL-terminated string of its own */
    srcmap_free(&t.map);
    return RA_OK;
}
