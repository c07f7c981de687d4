/* The article finder. Scores follow Arc90's readability in outline; the thresholds were chosen
 * on Vietnamese news and portal pages (their sapo outside the body, boxes of related links
 * inside it). */
#include "article.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "render.h"
#include "vnchar.h"

#define NONE SIZE_MAX

typedef struct {
    const dom *d;
    size_t headline, lead;  /* read first, so skipped in the body; NONE when absent */
    char *said[2];          /* their text as read: a copy of either in the body is skipped */
    size_t said_chars[2];   /* and its count of visible characters, to compare cheaply */
} plan;


/* Remembers m's text from byte from on as something already read. */
static void remember(plan *p, int k, const mtext *m, size_t from)
{
    while (from < m->len && m->s[from] == '\n')
        from++; /* the break before it */
    if (m->oom || m->len <= from)
        return;
    p->said[k] = malloc(m->len - from + 1);
    if (!p->said[k])
        return; /* only a duplicate may be read: no failure */
    memcpy(p->said[k], m->s + from, m->len - from);
    p->said[k][m->len - from] = '\0';
    p->said_chars[k] = dom_visible_chars(p->said[k]);
}

/* Node i's subtree, rendered, is exactly text. */
static int reads_as(const dom *d, size_t i, const char *text)
{
    mtext t = { 0 };
    render_subtree(d, i, &t, NULL, NULL);
    int same = t.s && !strcmp(t.s, text);
    mtext_free(&t);
    return same;
}

/* Node i reads exactly as the headline or the lead did: a second copy (a print version's h1,
 * an image whose alt is the headline). */
static int already_said(const plan *p, const dom *d, size_t i)
{
    for (int k = 0; k < 2; k++)
        if (p->said[k] && d->v[i].text == p->said_chars[k] && reads_as(d, i, p->said[k]))
            return 1;
    return 0;
}

/* An image whose alt text begins with the headline ("Tiêu đề 1", "Tiêu đề 2" ...). */
static int alt_repeats_headline(const plan *p, const dom *d, size_t i)
{
    const char *alt = dom_attr(d->v[i].g, "alt");
    if (!alt || !p->said[0])
        return 0;
    while (*alt == ' ')
        alt++;
    return strncmp(alt, p->said[0], strlen(p->said[0])) == 0;
}

static double density(const dnode *n)
{
    return n->text ? (double)n->links / (double)n->text : 0.0;
}

static int has_tag(const dnode *n, GumboTag t)
{
    return dom_is_element(n) && dom_tag(n) == t;
}

/* A block that holds a paragraph of prose: p, pre, blockquote, or a container with text of
 * its own (old portals write paragraphs as text between <br>s in a div or a table cell). */
static int paragraph_like(const dom *d, size_t i, const size_t *direct)
{
    GumboTag t = dom_tag(&d->v[i]);
    if (t == GUMBO_TAG_P || t == GUMBO_TAG_PRE || t == GUMBO_TAG_BLOCKQUOTE)
        return 1;
    return (t == GUMBO_TAG_DIV || t == GUMBO_TAG_TD || t == GUMBO_TAG_SECTION || t == GUMBO_TAG_ARTICLE
            || t == GUMBO_TAG_SPAN || t == GUMBO_TAG_FONT) && direct[i] >= 25;
}

static void add_up(dom *d, size_t i, double ps)
{
    static const double share[] = { 1.0, 0.5, 1.0 / 3 };
    size_t p = d->v[i].parent;
    for (size_t k = 0; k < 3 && p != NONE; k++, p = d->v[p].parent)
        d->v[p].score += ps * share[k];
}

/* Gives each paragraph's score to its parent, half to its grandparent, a third above that. */
static int score_paragraphs(dom *d)
{
    size_t *direct = calloc(d->n ? d->n : 1, sizeof *direct);
    if (!direct)
        return -1;
    for (size_t i = 0; i < d->n; i++) {
        d->v[i].score = 0;
        if (!dom_is_element(&d->v[i]) && d->v[i].parent != NONE)
            direct[d->v[i].parent] += d->v[i].text;
    }
    for (size_t i = 0; i < d->n; i++) {
        const dnode *n = &d->v[i];
        if (!dom_is_element(n) || n->text < 25 || density(n) > 0.5 || !paragraph_like(d, i, direct))
            continue;
        size_t per100 = n->text / 100;
        add_up(d, i, 1.0 + n->commas + (double)(per100 < 3 ? per100 : 3));
    }
    free(direct);
    return 0;
}

static double hint_weight(unsigned h)
{
    return ((h & HINT_ARTICLE) ? 25.0 : 0.0) - ((h & HINT_CHROME) ? 25.0 : 0.0);
}

static double final_score(const dnode *n)
{
    return (n->score + hint_weight(n->hint)) * (1.0 - density(n));
}

static size_t top_candidate(const dom *d)
{
    size_t best = NONE;
    double top = 0;
    for (size_t i = 0; i < d->n; i++) {
        const dnode *n = &d->v[i];
        if (!dom_is_element(n) || n->score <= 0)
            continue;
        double s = final_score(n);
        if (s > top) {
            top = s;
            best = i;
        }
    }
    return best;
}

static size_t body_element(const dom *d)
{
    for (size_t i = 0; i < d->n; i++)
        if (has_tag(&d->v[i], GUMBO_TAG_BODY))
            return i;
    return 0;
}

static int ends_sentence(const dom *d, size_t i)
{
    /* the last text node of the subtree ends with . ! ? or a closing quote after one */
    for (size_t k = d->v[i].end; k-- > i;) {
        const dnode *n = &d->v[k];
        if (dom_is_element(n) || n->text == 0)
            continue;
        const char *s = n->g->v.text.text;
        size_t len = strlen(s);
        while (len && strchr(" \t\n\r\f\"”'’)", s[len - 1]))
            len--;
        return len && strchr(".!?:", s[len - 1]);
    }
    return 0;
}

/* A sibling of the top candidate that belongs to the article: scored well itself, or a plain
 * paragraph of prose. */
static int sibling_belongs(const dom *d, size_t s, size_t top)
{
    const dnode *n = &d->v[s], *t = &d->v[top];
    if (s == top)
        return 1;
    if (!dom_is_element(n) || (n->hint & HINT_CHROME) || n->text == 0)
        return 0;
    double bar = final_score(t) * 0.2;
    if (final_score(n) >= (bar > 10 ? bar : 10))
        return 1;
    if (has_tag(n, GUMBO_TAG_P) || (n->hint & HINT_LEAD))
        return (n->text >= 80 && density(n) < 0.25) || (n->text > 0 && n->links == 0 && ends_sentence(d, s));
    return 0;
}

static size_t h1_headline(const dom *d, size_t body);

/* Some ancestor (up to a few levels, below the one that also holds the body) is page
 * furniture: a sapo inside a related-news item, not one in a column that VnExpress happens to
 * call "sidebar-1" around its article. */
static int inside_chrome(const dom *d, size_t i, size_t body)
{
    for (size_t p = i, k = 0; p != NONE && k < 12; p = d->v[p].parent, k++) {
        if (body != NONE && p <= body && body < d->v[p].end)
            return 0;
        if ((d->v[p].hint & HINT_CHROME) && !(d->v[p].hint & HINT_ARTICLE))
            return 1;
    }
    return 0;
}

/* A <title> or og:title without the site's name after " - " or " | ". */
static void put_page_title(const char *t, size_t src, mtext *m)
{
    static const char *const seps[] = { " - ", " | ", " – ", " — ", " :: " };
    size_t cut = strlen(t);
    for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
        const char *at = strstr(t, seps[k]), *last = NULL;
        for (; at; at = strstr(at + 1, seps[k]))
            last = at;
        if (last && (size_t)(last - t) >= 10 && (size_t)(last - t) < cut)
            cut = (size_t)(last - t);
    }
    mtext_text(m, t, cut, src);
}

/* The page's own title (og:title, else <title> without the site's name), as it would be read;
 * NULL when the page has none. */
/* Appends the page's own title (og:title, else <title>) without the site's name, mapped to
 * where the page has it. */
static void put_title(const dom *d, mtext *m)
{
    const char *og = d->og_node ? dom_attr(d->og_node, "content") : NULL;
    const GumboNode *t = d->title_node;
    const GumboNode *c = t && t->v.element.children.length == 1 ? t->v.element.children.data[0] : NULL;
    if (og && *og)
        put_page_title(og, page_source(&d->page, d->og_node->v.element.start_pos.offset), m);
    else if (c && c->type == GUMBO_NODE_TEXT)
        put_page_title(c->v.text.text, page_source(&d->page, c->v.text.start_pos.offset), m);
}

/* The page's own title as text; NULL when the page has none. */
static char *page_title(const dom *d)
{
    mtext m = { 0 };
    put_title(d, &m);
    if (m.oom || !m.s) {
        mtext_free(&m);
        return NULL;
    }
    free(m.src);
    return m.s;
}

/* The first element whose whole text is the page's title, a heading (or, with headings 0, any
 * block that is not a link) outside the page's furniture: the headline where the h1 is the
 * site's name, or where an old portal sets it in a table cell. */
static size_t titled_element(const dom *d, const char *title, size_t body, int headings)
{
    size_t chars = dom_visible_chars(title);
    for (size_t i = 0; i < d->n; i++) {
        const dnode *n = &d->v[i];
        GumboTag t = dom_tag(n);
        int heading = t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6 && dom_is_element(n);
        if (!dom_is_element(n) || n->text != chars || chars < 8 || heading != headings || t == GUMBO_TAG_A ||
            n->links || t == GUMBO_TAG_TITLE || inside_chrome(d, i, body))
            continue;
        if (reads_as(d, i, title))
            return i;
    }
    return NONE;
}

/* The closest element before the body whose class or id says title (tieude, title-detail),
 * with text of its own and no link: an old portal's headline in a table cell. */
static size_t hinted_title(const dom *d, size_t body)
{
    for (size_t i = body != NONE ? body : 0; i-- > 0;) {
        const dnode *n = &d->v[i];
        if (dom_is_element(n) && (n->hint & HINT_TITLE) && !(n->hint & HINT_CHROME) && n->text >= 10 &&
            !n->links && n->end <= body && !inside_chrome(d, i, body))
            return i;
    }
    return NONE;
}

/* The headline: a heading with the page's title, else the h1 (the last one before the body,
 * else the first in it), else an element before the body whose class says title, else a block
 * with the page's title. */
static size_t find_headline(const dom *d, size_t body)
{
    char *title = page_title(d);
    size_t h = title ? titled_element(d, title, body, 1) : NONE;
    if (h == NONE)
        h = h1_headline(d, body);
    if (h == NONE && body != NONE)
        h = hinted_title(d, body);
    if (h == NONE && title)
        h = titled_element(d, title, body, 0);
    free(title);
    return h;
}

/* The h1 that heads the article: the last one before the body, else the first in it. */
static size_t h1_headline(const dom *d, size_t body)
{
    size_t best = NONE;
    for (size_t i = 0; i < d->n; i++) {
        const dnode *n = &d->v[i];
        /* not inside_chrome: VnExpress calls its main column "sidebar-1"; a logo h1 is a link */
        if (!has_tag(n, GUMBO_TAG_H1) || n->text < 8 || density(n) > 0.5 || (n->hint & HINT_CHROME))
            continue;
        if (body == NONE || i <= body || best == NONE)
            best = i;
        if (body != NONE && i > body)
            break;
    }
    return best;
}

/* A lead without a class that says so: the first block of prose between the headline and the
 * body ("(NLĐO) - Cho rằng ..." in an h3 right after the h1). */
static size_t unmarked_lead(const dom *d, size_t from, size_t body)
{
    for (size_t i = from; i < body; i++) {
        const dnode *n = &d->v[i];
        GumboTag t = dom_tag(n);
        int prose = t == GUMBO_TAG_P || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 || t == GUMBO_TAG_H4
                 || t == GUMBO_TAG_DIV || t == GUMBO_TAG_SPAN || t == GUMBO_TAG_STRONG || t == GUMBO_TAG_B;
        if (!dom_is_element(n) || !prose || n->text < 60 || n->links * 10 > n->text * 3)
            continue;
        if (body < n->end || inside_chrome(d, i, body))
            continue;
        return i;
    }
    return NONE;
}

/* The lead: the first element hinted sapo/lead/description after the headline, before the
 * body ends, and not itself holding the body. */
static size_t find_lead(const dom *d, size_t headline, size_t body)
{
    size_t from = headline != NONE ? d->v[headline].end : 0, to = body != NONE ? d->v[body].end : d->n;
    for (size_t i = from; i < to; i++) {
        const dnode *n = &d->v[i];
        if (!dom_is_element(n) || !(n->hint & HINT_LEAD) || n->text < 30 || n->text > 1500 || density(n) > 0.5)
            continue;
        if ((body != NONE && body >= i && body < n->end) || inside_chrome(d, i, body))
            continue;
        return i;
    }
    return headline != NONE && body != NONE ? unmarked_lead(d, from, body) : NONE;
}

/* The first characters of the block's text, lowercased (Vietnamese letters too). */
static size_t block_start(const dom *d, size_t i, char *out, size_t cap)
{
    for (size_t k = i + 1; k < d->v[i].end; k++) {
        const dnode *n = &d->v[k];
        if (dom_is_element(n) || n->text == 0)
            continue;
        const char *s = n->g->v.text.text;
        size_t len = strlen(s), o = 0;
        for (;;) { /* spaces, no-break spaces and bullets before the words */
            if (len >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
                s += 2, len -= 2;
            else if (len && strchr(" \t\n\r\f-|:", *s))
                s++, len--;
            else
                break;
        }
        for (size_t p = 0; p < len && o + 4 < cap;) {
            int32_t cp;
            p += vn_decode(s + p, len - p, &cp);
            o += vn_encode(vn_lower(cp), out + o);
        }
        out[o] = '\0';
        return o;
    }
    out[0] = '\0';
    return 0;
}

static int starts_with_label(const dom *d, size_t i)
{
    char head[96];
    size_t n = block_start(d, i, head, sizeof head);
    return dom_is_label(head, n);
}

/* The first words of block i are a link: the card of another article (a linked headline and
 * a line of its sapo) when the block is short. */
static int teaser_card(const dom *d, size_t i)
{
    const dnode *n = &d->v[i];
    if (n->text > 400 || n->links * 10 < n->text * 2)
        return 0;
    for (size_t k = i + 1; k < n->end; k++) {
        if (dom_is_element(&d->v[k]) || d->v[k].text == 0)
            continue;
        for (size_t p = d->v[k].parent; p != NONE && p != i; p = d->v[p].parent)
            if (has_tag(&d->v[p], GUMBO_TAG_A) && d->v[p].text >= 15)
                return 1;
        return 0;
    }
    return 0;
}

/* Inside the article: furniture, boxes of links, and blocks introduced by "Tin liên quan". */
static int skip_in_article(const void *user, const dom *d, size_t i)
{
    const plan *p = user;
    const dnode *n = &d->v[i];
    if (i == p->headline || i == p->lead)
        return 1;
    if (!dom_is_element(n))
        return 0;
    GumboTag t = dom_tag(n);
    if (t == GUMBO_TAG_IMG)
        return alt_repeats_headline(p, d, i);
    if (n->text && already_said(p, d, i))
        return 1;
    if ((n->hint & HINT_CHROME) && t != GUMBO_TAG_A)
        return 1; /* inside the article, furniture wins (RelatedNewsContent); a link in a sentence
                     stays, whatever its class (cms-relate) */
    if (t == GUMBO_TAG_A)
        return n->text && starts_with_label(d, i); /* ">> Công chức được nghỉ 9 ngày" */
    if (!dom_block_tag(t))
        return n->text && n->text <= 40 && starts_with_label(d, i); /* <span>Lượt xem: 2.418</span> */
    if (n->nlinks && density(n) > 0.5)
        return 1;
    if ((t == GUMBO_TAG_DIV || t == GUMBO_TAG_LI || t == GUMBO_TAG_SECTION || t == GUMBO_TAG_ARTICLE) && teaser_card(d, i))
        return 1;
    return n->text && (n->text <= 40 || n->links) && starts_with_label(d, i);
}

static void put_headline(const dom *d, const plan *p, mtext *m)
{
    if (p->headline != NONE) {
        render_subtree(d, p->headline, m, NULL, NULL);
        return;
    }
    put_title(d, m);
    mtext_break(m, 2);
}

static int class_has(const char *cls, const char *want)
{
    size_t n = strlen(want);
    for (const char *s = cls; (s = strstr(s, want)) != NULL; s++)
        if ((s == cls || strchr(" \t\n", s[-1])) && (s[n] == '\0' || strchr(" \t\n", s[n])))
            return 1;
    return 0;
}

static int selector_matches(const dnode *n, const char *sel)
{
    if (!dom_is_element(n))
        return 0;
    if (sel[0] == '#') {
        const char *id = dom_attr(n->g, "id");
        return id && !strcmp(id, sel + 1);
    }
    if (sel[0] == '.') {
        const char *cls = dom_attr(n->g, "class");
        return cls && sel[1] && class_has(cls, sel + 1);
    }
    return dom_tag(n) != GUMBO_TAG_UNKNOWN && dom_tag(n) == gumbo_tag_enum(sel);
}

static article_status by_selector(const dom *d, const char *sel, mtext *m)
{
    plan p = { d, NONE, NONE, { NULL, NULL }, { 0, 0 } };
    for (size_t i = 0; i < d->n; i++)
        if (selector_matches(&d->v[i], sel)) {
            render_subtree(d, i, m, skip_in_article, &p);
            return m->oom ? ARTICLE_NOMEM : ARTICLE_FOUND;
        }
    return ARTICLE_NO_MATCH;
}

/* The top candidate and the siblings that belong with it, in document order. */
static void put_body(const dom *d, size_t top, const plan *p, mtext *m)
{
    size_t parent = d->v[top].parent;
    if (parent == NONE) {
        render_subtree(d, top, m, skip_in_article, p);
        return;
    }
    for (size_t s = parent + 1; s < d->v[parent].end; s = d->v[s].end)
        if (sibling_belongs(d, s, top) && (s == top || !skip_in_article(p, d, s)))
            render_subtree(d, s, m, skip_in_article, p); /* the headline and lead were read first */
}

article_status article_extract(dom *d, int whole_page, const char *selector, mtext *m)
{
    if (d->n == 0)
        return ARTICLE_FOUND;
    if (selector && *selector)
        return by_selector(d, selector, m);
    size_t body = body_element(d);
    if (whole_page) {
        render_subtree(d, body, m, NULL, NULL);
        return m->oom ? ARTICLE_NOMEM : ARTICLE_FOUND;
    }
    if (score_paragraphs(d) != 0)
        return ARTICLE_NOMEM;
    size_t top = top_candidate(d);
    plan p = { d, find_headline(d, top), NONE, { NULL, NULL }, { 0, 0 } };
    p.lead = find_lead(d, p.headline, top);
    put_headline(d, &p, m);
    remember(&p, 0, m, 0);
    size_t lead_from = m->len;
    if (p.lead != NONE) {
        render_subtree(d, p.lead, m, skip_in_article, &p);
        remember(&p, 1, m, lead_from);
    }
    if (top == NONE)
        render_subtree(d, body, m, skip_in_article, &p);
    else
        put_body(d, top, &p, m);
    free(p.said[0]);
    free(p.said[1]);
    return m->oom ? ARTICLE_NOMEM : ARTICLE_FOUND;
}
