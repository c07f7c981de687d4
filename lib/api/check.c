/* The accessibility check: the article read as ra_normalize reads it, with every guess of the
 * normalizer, every over-long or all-capital stretch, the page's empty headings, images without
 * alt text and bare-address links, and lines of legacy-encoding mojibake, each placed in the
 * input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine.h"
#include "legacy.h"
#include "vnchar.h"

#define LONG_SENTENCE_WORDS 80 /* more words in one sentence are hard to follow by ear */
#define CAPS_RUN_WORDS 30      /* more words in capitals in one block are longer than any headline
                                  (a legal document's title in capitals runs to 25 or so) */
#define EXCERPT 120            /* bytes of a long stretch quoted in a finding */

/* One check in progress: the document, and the runs of sentences being measured. */
typedef struct {
    const ra_engine *e;
    document d;
    ra_check_result *r;
    size_t sent_first, sent_words; /* the sentence (its pieces) being counted */
    size_t caps_first, caps_words; /* the run of sentences in capitals */
} checker;

/* The spoken words said for sentence bytes [a, b), from the spans of its reading. */
static void reading_of(const normspans *sp, const rbuf *spoken, size_t a, size_t b, rbuf *out)
{
    out->len = 0;
    if (out->p)
        out->p[0] = '\0';
    for (size_t k = 0; k < sp->n; k++)
        if (sp->v[k].src_start < b && sp->v[k].src_end > a)
            rbuf_wordn(out, spoken->p + sp->v[k].out_start, sp->v[k].out_end - sp->v[k].out_start);
}

static const ra_finding_kind note_kinds[] = { [NOTE_SPELLED] = RA_FINDING_SPELLED,
                                              [NOTE_FOREIGN] = RA_FINDING_FOREIGN,
                                              [NOTE_SUMMARIZED] = RA_FINDING_SUMMARIZED,
                                              [NOTE_AMBIGUOUS] = RA_FINDING_AMBIGUOUS,
                                              [NOTE_MIXED_SCRIPT] = RA_FINDING_MIXED_SCRIPT };

/* Clean text bytes [from, to) as the input bytes they came from. */
static void span_of(const checker *c, size_t from, size_t to, size_t *a, size_t *b)
{
    rtext_source_span(&c->d.text, c->d.input, c->d.input_len, from, to, a, b);
}

static void add_note(checker *c, const sentence *s, const normnote *x, const normspans *sp, const rbuf *spoken,
                     rbuf *tmp)
{
    size_t a, b;
    span_of(c, s->start + x->src_start, s->start + x->src_end, &a, &b);
    reading_of(sp, spoken, x->src_start, x->src_end, tmp);
    char fix[256];
    const char *form = c->d.text.s + s->start + x->src_start;
    int n = (int)(x->src_end - x->src_start);
    if (!x->fix[0] && (x->kind == NOTE_SPELLED || x->kind == NOTE_FOREIGN))
        snprintf(fix, sizeof fix, "add \"%.*s<TAB>its reading\" to a lexicon (--lexicon FILE)",
                 (int)utf8_fit(form, (size_t)n, 64), form);
    else
        snprintf(fix, sizeof fix, "%s", x->fix);
    check_add(c->r, note_kinds[x->kind], a, b, form, (size_t)n, tmp->p ? tmp->p : "", x->why, fix);
}

/* Guesses count once per word: a word both spelled and ambiguous is one guess. */
static void count_guesses(checker *c, const normnotes *nn)
{
    size_t last = (size_t)-1;
    for (size_t k = 0; k < nn->n; k++) {
        const normnote *x = &nn->v[k];
        if (x->kind == NOTE_MIXED_SCRIPT || (x->kind == NOTE_AMBIGUOUS && x->cued) || x->src_start == last)
            continue;
        c->r->guesses++;
        last = x->src_start;
    }
}

/* Words of sentence s, and how many of them are written in capitals (two letters or more, no
 * lower-case letter). */
static void count_caps(const checker *c, const sentence *s, size_t *words, size_t *caps)
{
    *words = *caps = 0;
    const char *t = c->d.text.s;
    for (size_t i = s->start; i < s->end;) {
        while (i < s->end && (t[i] == ' ' || t[i] == '\n'))
            i++;
        size_t letters = 0, lower = 0;
        while (i < s->end && t[i] != ' ' && t[i] != '\n') {
            int32_t cp;
            i += vn_decode(t + i, s->end - i, &cp);
            letters += vn_is_letter(cp);
            lower += vn_is_lower(cp);
        }
        *words += letters > 0;
        *caps += letters >= 2 && lower == 0;
    }
}

static void long_finding(checker *c, ra_finding_kind kind, size_t first, size_t last, const char *msg, const char *fix)
{
    const sentence *s0 = &c->d.sents.v[first], *s1 = &c->d.sents.v[last];
    const char *text = c->d.text.s + s0->start;
    size_t a, b;
    span_of(c, s0->start, s1->end, &a, &b);
    check_add(c->r, kind, a, b, text, utf8_fit(text, s1->end - s0->start, EXCERPT), NULL, msg, fix);
}

/* After sentence i (a whole sentence or a piece): a sentence too long to follow by ear, or cut
 * into pieces, once its last piece is read. */
static void measure_length(checker *c, size_t i, size_t words)
{
    const sentence *s = &c->d.sents.v[i];
    char msg[160];
    if (c->sent_words == 0)
        c->sent_first = i;
    c->sent_words += words;
    if (s->brk == BRK_NONE)
        return;
    size_t pieces = i - c->sent_first + 1;
    if (pieces > 1)
        snprintf(msg, sizeof msg, "a sentence of %zu words, too long to prepare at once: read in %zu pieces",
                 c->sent_words, pieces);
    else
        snprintf(msg, sizeof msg, "a sentence of %zu words: hard to follow by ear", c->sent_words);
    if (pieces > 1 || c->sent_words > LONG_SENTENCE_WORDS)
        long_finding(c, RA_FINDING_LONG_SENTENCE, c->sent_first, i, msg, "split it into shorter sentences");
    c->sent_words = 0;
}

/* Ends the run of sentences in capitals before sentence `end`: told when longer than a headline. */
static void end_caps_run(checker *c, size_t end)
{
    if (c->caps_words > CAPS_RUN_WORDS) {
        char msg[160];
        snprintf(msg, sizeof msg, "%zu words in capitals: longer than a headline, hard to read and to listen to",
                 c->caps_words);
        long_finding(c, RA_FINDING_ALL_CAPS, c->caps_first, end - 1, msg,
                     "write it in sentence case; keep capitals for acronyms");
    }
    c->caps_words = 0;
}

/* Sentence i in capitals (nine words in ten) goes on the run; another sentence, or the end of
 * its paragraph, heading or list item, ends it: a title over several lines is not one run. */
static void measure_caps(checker *c, size_t i)
{
    const sentence *s = &c->d.sents.v[i];
    size_t all, caps;
    count_caps(c, s, &all, &caps);
    if (all > 0 && caps * 10 < all * 9) {
        end_caps_run(c, i);
        return;
    }
    if (all > 0 && c->caps_words == 0)
        c->caps_first = i;
    c->caps_words += all;
    if (s->brk != BRK_SENTENCE && s->brk != BRK_NONE)
        end_caps_run(c, i + 1);
}

static int check_sentence(checker *c, size_t i, rbuf *spoken, rbuf *tmp)
{
    const sentence *s = &c->d.sents.v[i];
    normspans sp = { 0 };
    normnotes nn = { 0 };
    spoken->len = 0;
    int r = norm_sentence_checked(&c->e->ncfg, c->d.flags[i], c->d.text.s + s->start, s->end - s->start, spoken, &sp,
                                  &nn);
    for (size_t k = 0; r == 0 && k < nn.n; k++)
        add_note(c, s, &nn.v[k], &sp, spoken, tmp);
    if (r == 0) {
        c->r->words += nn.words;
        count_guesses(c, &nn);
        measure_length(c, i, nn.words);
        measure_caps(c, i);
    }
    normspans_free(&sp);
    normnotes_free(&nn);
    return r;
}

static void add_page_notes(checker *c, const pagenotes *pn)
{
    static const struct {
        ra_finding_kind kind;
        const char *msg, *fix;
    } says[] = {
        [PAGE_EMPTY_HEADING] = { RA_FINDING_EMPTY_HEADING,
                                 "a heading with no text: a screen reader announces an empty heading",
                                 "remove the empty heading, or give it text" },
        [PAGE_NO_ALT] = { RA_FINDING_NO_ALT, "an image without alt text: a listener is not told what it shows",
                          "add alt text that says what the image shows (alt=\"\" if it is only decoration)" },
        [PAGE_ALT_FILE_NAME] = { RA_FINDING_NO_ALT,
                                 "an image whose alt text is a file name: a listener is not told what it shows",
                                 "add alt text that says what the image shows (alt=\"\" if it is only decoration)" },
        [PAGE_URL_LINK] = { RA_FINDING_URL_LINK,
                            "a link whose text is a web address: it is read out piece by piece and does not say "
                            "where it leads",
                            "give the link words that say where it leads" },
    };
    for (size_t k = 0; k < pn->n; k++) {
        const page_note *x = &pn->v[k];
        check_add(c->r, says[x->kind].kind, x->src_start, x->src_end, x->text, strlen(x->text), NULL, says[x->kind].msg,
                  says[x->kind].fix);
    }
}

/* The finding for input line [a, b), whose repair m mended n words. */
static void add_mojibake(checker *c, size_t a, size_t b, mtext *m, const legacy_counts *n)
{
    char msg[192];
    const char *in = c->d.input;
    int e = n->words[LEGACY_VNI] > n->words[LEGACY_TCVN3] ? LEGACY_VNI : LEGACY_TCVN3;
    snprintf(msg, sizeof msg, "%zu word%s of %s text shown as Windows-1252 characters (mojibake); read as repaired",
             n->words[e], n->words[e] == 1 ? "" : "s", e == LEGACY_VNI ? "VNI" : "TCVN3");
    m->s[utf8_fit(m->s, m->len, EXCERPT)] = '\0';
    check_add(c->r, RA_FINDING_MOJIBAKE, a, b, in + a, utf8_fit(in + a, b - a, EXCERPT), m->s, msg,
              "convert the text to Unicode with a TCVN3/VNI converter and check it");
}

/* Lines of the input (UTF-8) that carry TCVN3 or VNI text shown as Windows-1252 characters. */
static void check_mojibake(checker *c)
{
    const char *in = c->d.input;
    size_t len = c->d.input_len;
    if (!c->d.text.converted || utf8_first_invalid(in, len) != len)
        return; /* nothing was repaired while reading, or the bytes were another encoding's */
    for (size_t a = 0; a < len && !c->r->oom;) {
        const char *nl = memchr(in + a, '\n', len - a);
        size_t b = nl ? (size_t)(nl - in) : len;
        mtext m = { 0 };
        legacy_counts n;
        if (legacy_repair(in + a, b - a, NULL, a, &m, &n) == 1) {
            if (m.oom || mtext_terminate(&m) != 0)
                c->r->oom = 1; /* never a report with a line missing */
            else
                add_mojibake(c, a, b, &m, &n);
        }
        mtext_free(&m);
        a = b + 1;
    }
}

RA_API ra_status ra_check(ra_engine *engine, const char *input, size_t len, ra_check_result **out)
{
    api_clear(engine);
    if (!engine || !input || !out)
        return api_fail(engine, RA_ERR_ARG, "NULL argument");
    checker c = { .e = engine, .r = calloc(1, sizeof(ra_check_result)) };
    pagenotes pn = { 0 };
    if (!c.r)
        return api_fail(engine, RA_ERR_NOMEM, "out of memory");
    ra_status st = doc_prepare_noted(engine, input, len, &c.d, &pn);
    if (st != RA_OK) {
        pagenotes_free(&pn);
        ra_check_free(c.r);
        return st;
    }
    rbuf spoken = { 0 }, tmp = { 0 };
    int failed = pn.oom;
    for (size_t i = 0; i < c.d.sents.n && !failed; i++)
        failed = check_sentence(&c, i, &spoken, &tmp) != 0 || tmp.oom;
    if (!failed)
        end_caps_run(&c, c.d.sents.n);
    add_page_notes(&c, &pn);
    check_mojibake(&c);
    rbuf_free(&spoken);
    rbuf_free(&tmp);
    pagenotes_free(&pn);
    doc_free(&c.d);
    if (failed || c.r->oom) {
        ra_check_free(c.r);
        return api_fail(engine, RA_ERR_NOMEM, "out of memory");
    }
    check_place(c.r, input, len);
    *out = c.r;
    return RA_OK;
}
