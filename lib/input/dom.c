/* Parsing with gumbo into an arena, and flattening the tree without recursion (a page may nest
 * elements 100,000 deep). */
#include "dom.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "guard.h"
#include "vec.h"

extern const char *const gen_html_hints[][2];
extern const size_t gen_html_hints_count;

/* ---- arena: gumbo allocates from big blocks, in power-of-two size classes so that what it
 * frees while parsing (token buffers, grown vectors) is reused; all of it goes at once after. */

#define CLASSES 48

typedef struct block {
    struct block *next;
    size_t used, cap;
    max_align_t data[];
} block;

typedef union cell {
    union cell *next_free; /* while free */
    max_align_t align;
} cell;

typedef struct {
    block *blocks;
    cell *free[CLASSES];
    jmp_buf out_of_memory; /* gumbo never checks an allocation: a failed one jumps back here */
} arena;

static unsigned size_class(size_t size)
{
    unsigned k = 4;
    while (((size_t)1 << k) < size && k + 1 < CLASSES)
        k++;
    return k;
}

static void *carve(arena *a, size_t size)
{
    block *b = a->blocks;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > ((size_t)1 << 20) ? size : (size_t)1 << 20;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->next = a->blocks;
        b->used = 0;
        b->cap = cap;
        a->blocks = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    return p;
}

/* Each allocation is preceded by one cell holding its size class. */
static void *arena_alloc(void *user, size_t size)
{
    arena *a = user;
    unsigned k = size_class(size);
    cell *c = a->free[k];
    if (c) {
        a->free[k] = c->next_free;
    } else if ((c = carve(a, sizeof(cell) + ((size_t)1 << k))) == NULL) {
        longjmp(a->out_of_memory, 1); /* all gumbo holds is in the arena, freed by the caller */
    }
    *(unsigned *)c = k;
    return c + 1;
}

static void arena_free(void *user, void *p)
{
    arena *a = user;
    if (!p)
        return;
    cell *c = (cell *)p - 1;
    unsigned k = *(unsigned *)c;
    c->next_free = a->free[k];
    a->free[k] = c;
}

static void arena_release(arena *a)
{
    if (!a)
        return;
    for (block *b = a->blocks; b;) {
        block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

/* ---- element properties */

GumboTag dom_tag(const dnode *n)
{
    return n->g->type == GUMBO_NODE_ELEMENT ? n->g->v.element.tag : GUMBO_TAG_UNKNOWN;
}

int dom_is_element(const dnode *n)
{
    return n->g->type == GUMBO_NODE_ELEMENT;
}

const char *dom_attr(const GumboNode *g, const char *name)
{
    if (g->type != GUMBO_NODE_ELEMENT)
        return NULL;
    const GumboAttribute *a = gumbo_get_attribute(&g->v.element.attributes, name);
    return a ? a->value : NULL;
}

int dom_block_tag(GumboTag t)
{
    static const GumboTag blocks[] = {
        GUMBO_TAG_P, GUMBO_TAG_DIV, GUMBO_TAG_SECTION, GUMBO_TAG_ARTICLE, GUMBO_TAG_HEADER, GUMBO_TAG_FOOTER,
        GUMBO_TAG_NAV, GUMBO_TAG_ASIDE, GUMBO_TAG_MAIN, GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4,
        GUMBO_TAG_H5, GUMBO_TAG_H6, GUMBO_TAG_UL, GUMBO_TAG_OL, GUMBO_TAG_LI, GUMBO_TAG_DL, GUMBO_TAG_DT,
        GUMBO_TAG_DD, GUMBO_TAG_TABLE, GUMBO_TAG_TR, GUMBO_TAG_TD, GUMBO_TAG_TH, GUMBO_TAG_CAPTION,
        GUMBO_TAG_THEAD, GUMBO_TAG_TBODY, GUMBO_TAG_TFOOT, GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_PRE,
        GUMBO_TAG_FIGURE, GUMBO_TAG_FIGCAPTION, GUMBO_TAG_ADDRESS, GUMBO_TAG_HR, GUMBO_TAG_CENTER,
        GUMBO_TAG_DETAILS, GUMBO_TAG_SUMMARY, GUMBO_TAG_FIELDSET, GUMBO_TAG_LEGEND, GUMBO_TAG_BODY,
        GUMBO_TAG_HTML, GUMBO_TAG_FORM, GUMBO_TAG_MENU, GUMBO_TAG_HGROUP, GUMBO_TAG_IMG,
    };
    for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
        if (blocks[i] == t)
            return 1;
    return 0;
}

/* Never read, whatever the mode: code, data, controls, and what the page hides. */
static int invisible_tag(GumboTag t)
{
    static const GumboTag hidden[] = {
        GUMBO_TAG_HEAD, GUMBO_TAG_SCRIPT, GUMBO_TAG_STYLE, GUMBO_TAG_TEMPLATE, GUMBO_TAG_NOSCRIPT,
        GUMBO_TAG_SVG, GUMBO_TAG_MATH, GUMBO_TAG_INPUT, GUMBO_TAG_SELECT, GUMBO_TAG_TEXTAREA,
        GUMBO_TAG_BUTTON, GUMBO_TAG_OPTION, GUMBO_TAG_LABEL, GUMBO_TAG_DATALIST, GUMBO_TAG_IFRAME, GUMBO_TAG_OBJECT,
        GUMBO_TAG_EMBED, GUMBO_TAG_CANVAS, GUMBO_TAG_AUDIO, GUMBO_TAG_VIDEO, GUMBO_TAG_MAP,
        GUMBO_TAG_TITLE, GUMBO_TAG_META, GUMBO_TAG_LINK, GUMBO_TAG_BASE,
    };
    for (size_t i = 0; i < sizeof hidden / sizeof hidden[0]; i++)
        if (hidden[i] == t)
            return 1;
    return 0;
}

/* "display : none" in an inline style, in any case and spacing. */
static int style_hides(const char *s)
{
    char flat[256];
    size_t k = 0;
    for (; *s && k + 1 < sizeof flat; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            flat[k++] = (char)ascii_lower((unsigned char)*s);
    flat[k] = '\0';
    return strstr(flat, "display:none") != NULL || strstr(flat, "visibility:hidden") != NULL;
}

static int hidden_element(const GumboNode *g)
{
    if (invisible_tag(g->v.element.tag) || dom_attr(g, "hidden"))
        return 1;
    const char *aria = dom_attr(g, "aria-hidden"), *style = dom_attr(g, "style"), *role = dom_attr(g, "role");
    if ((aria && ascii_casecmp(aria, "true") == 0) || (style && style_hides(style)))
        return 1;
    const char *href = g->v.element.tag == GUMBO_TAG_A ? dom_attr(g, "href") : NULL;
    if ((role && ascii_casecmp(role, "button") == 0) || (href && ascii_ncasecmp(href, "javascript:", 11) == 0))
        return 1; /* controls: "In bài viết", "Chia sẻ" */
    return g->v.element.tag == GUMBO_TAG_FORM && role && ascii_casecmp(role, "search") == 0;
}

/* ---- class and id hints */

static int part_boundary(const char *s, size_t at, size_t n, size_t len)
{
    int before = at == 0 || strchr(" -_", s[at - 1]);
    int after = at + n == len || strchr(" -_", s[at + n]);
    return before && after;
}

static int contains_word(const char *s, size_t len, const char *w)
{
    size_t n = strlen(w);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(s + i, w, n) == 0 && (n >= 5 || part_boundary(s, i, n, len)))
            return 1;
    return 0;
}

enum { ROLE_LABEL = 16 };

/* Each row's role as a HINT_* bit (or ROLE_LABEL), read from the table once (it has about 120
 * rows; room for 512). */
static unsigned row_role[512];
static pthread_once_t roles_once = PTHREAD_ONCE_INIT;

static void read_roles(void)
{
    static const struct {
        const char *name;
        unsigned bit;
    } roles[] = { { "article", HINT_ARTICLE }, { "lead", HINT_LEAD }, { "title", HINT_TITLE },
                  { "chrome", HINT_CHROME }, { "label", ROLE_LABEL } };
    for (size_t i = 0; i < gen_html_hints_count && i < sizeof row_role / sizeof row_role[0]; i++)
        for (size_t k = 0; k < sizeof roles / sizeof roles[0]; k++)
            if (!strcmp(gen_html_hints[i][1], roles[k].name))
                row_role[i] = roles[k].bit;
}

static size_t hint_rows(void)
{
    pthread_once(&roles_once, read_roles);
    size_t cap = sizeof row_role / sizeof row_role[0];
    return gen_html_hints_count < cap ? gen_html_hints_count : cap;
}

unsigned dom_hint_of(const char *attr)
{
    char low[512];
    size_t len = 0;
    for (; attr[len] && len + 1 < sizeof low; len++)
        low[len] = (char)ascii_lower((unsigned char)attr[len]);
    low[len] = '\0';
    unsigned hint = 0;
    for (size_t i = 0, n = hint_rows(); i < n; i++) {
        unsigned h = row_role[i] & (HINT_ARTICLE | HINT_LEAD | HINT_TITLE | HINT_CHROME);
        if (h && !(hint & h) && contains_word(low, len, gen_html_hints[i][0]))
            hint |= h;
    }
    return hint;
}

int dom_is_label(const char *head, size_t n)
{
    for (size_t i = 0, rows = hint_rows(); i < rows; i++) {
        const char *w = gen_html_hints[i][0];
        size_t wl = strlen(w);
        if (row_role[i] != ROLE_LABEL || n < wl || memcmp(head, w, wl) != 0)
            continue;
        unsigned char next = (unsigned char)head[wl];
        int word_ends = next < 0x80 && !((next | 0x20) >= 'a' && (next | 0x20) <= 'z');
        if (word_ends || (unsigned char)w[0] >= 0x80 || w[0] == '>')
            return 1; /* "Xem thêm:", ">>Bài trước", "»Tin khác" */
    }
    return 0;
}

static unsigned element_hint(const GumboNode *g)
{
    const char *cls = dom_attr(g, "class"), *id = dom_attr(g, "id");
    unsigned h = (cls ? dom_hint_of(cls) : 0) | (id ? dom_hint_of(id) : 0);
    GumboTag t = g->v.element.tag;
    if (t == GUMBO_TAG_NAV || t == GUMBO_TAG_ASIDE || t == GUMBO_TAG_FOOTER)
        h |= HINT_CHROME;
    if (t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_MAIN)
        h |= HINT_ARTICLE;
    const char *prop = dom_attr(g, "itemprop");
    if (prop && ascii_casecmp(prop, "articleBody") == 0)
        h |= HINT_ARTICLE;
    return h;
}

/* ---- flattening */

static const GumboVector *children_of(const GumboNode *g)
{
    if (g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE)
        return &g->v.element.children;
    if (g->type == GUMBO_NODE_DOCUMENT)
        return &g->v.document.children;
    return NULL;
}

static int wanted(const GumboNode *g)
{
    switch (g->type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_WHITESPACE:
    case GUMBO_NODE_CDATA:
        return 1;
    case GUMBO_NODE_ELEMENT:
        return !hidden_element(g);
    default:
        return 0; /* comments, templates' contents */
    }
}

size_t dom_visible_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80 && !html_space(*s))
            n++;
    return n;
}

static unsigned count_commas(const char *s)
{
    unsigned n = 0;
    for (; *s; s++)
        n += *s == ',';
    return n;
}

static int add_node(dom *d, const GumboNode *g, size_t parent)
{
    if (vec_room((void **)&d->v, &d->cap, d->n, sizeof *d->v) != 0)
        return -1;
    dnode *n = &d->v[d->n++];
    memset(n, 0, sizeof *n);
    n->g = g;
    n->parent = parent;
    n->end = d->n;
    if (g->type == GUMBO_NODE_ELEMENT) {
        n->hint = element_hint(g);
    } else if (g->type != GUMBO_NODE_WHITESPACE) {
        n->text = dom_visible_chars(g->v.text.text);
        n->commas = count_commas(g->v.text.text);
    }
    return 0;
}

/* The next node in document order after g's subtree, closing the subtrees it leaves. */
static const GumboNode *next_after(dom *d, const GumboNode *g, size_t *cur, const GumboNode *root)
{
    while (g != root) {
        const GumboNode *p = g->parent;
        const GumboVector *kids = children_of(p);
        for (size_t k = g->index_within_parent + 1; kids && k < kids->length; k++)
            if (wanted(kids->data[k]))
                return kids->data[k];
        g = p;
        if (*cur != SIZE_MAX && d->v[*cur].g == g) {
            d->v[*cur].end = d->n;
            *cur = d->v[*cur].parent;
        }
    }
    return NULL;
}

static int flatten(dom *d, const GumboNode *root)
{
    size_t cur = SIZE_MAX; /* the element whose children are being added */
    const GumboNode *g = root;
    while (g) {
        if (add_node(d, g, cur) != 0)
            return -1;
        const GumboVector *kids = g->type == GUMBO_NODE_ELEMENT ? children_of(g) : NULL;
        const GumboNode *first = NULL;
        for (size_t k = 0; kids && k < kids->length && !first; k++)
            if (wanted(kids->data[k]))
                first = kids->data[k];
        if (first) {
            cur = d->n - 1;
            g = first;
        } else {
            g = next_after(d, g, &cur, root);
        }
    }
    while (cur != SIZE_MAX) {
        d->v[cur].end = d->n;
        cur = d->v[cur].parent;
    }
    return 0;
}

/* Sums each subtree's text, links and commas into its ancestors (children come after parents). */
static void accumulate(dom *d)
{
    for (size_t i = d->n; i-- > 0;) {
        dnode *n = &d->v[i];
        if (dom_tag(n) == GUMBO_TAG_A && dom_attr(n->g, "href")) {
            n->links = n->text;
            n->nlinks++;
        }
        if (n->parent == SIZE_MAX)
            continue;
        dnode *p = &d->v[n->parent];
        p->text += n->text;
        p->links += n->links;
        p->commas += n->commas;
        p->nlinks += n->nlinks;
    }
}

static void find_head_titles(dom *d)
{
    const GumboVector *top = children_of(d->out->root);
    for (size_t i = 0; top && i < top->length; i++) {
        const GumboNode *h = top->data[i];
        if (h->type != GUMBO_NODE_ELEMENT || h->v.element.tag != GUMBO_TAG_HEAD)
            continue;
        for (size_t k = 0; k < h->v.element.children.length; k++) {
            const GumboNode *c = h->v.element.children.data[k];
            if (c->type != GUMBO_NODE_ELEMENT)
                continue;
            const char *prop = dom_attr(c, "property");
            if (c->v.element.tag == GUMBO_TAG_TITLE && !d->title_node)
                d->title_node = c;
            else if (c->v.element.tag == GUMBO_TAG_META && prop && !strcmp(prop, "og:title") && dom_attr(c, "content"))
                d->og_node = c;
        }
    }
}

/* gumbo's parse, or -1 when an allocation failed inside it. */
static int parse(dom *d, const GumboOptions *opt)
{
    arena *a = d->arena;
    if (setjmp(a->out_of_memory) != 0) {
        d->out = NULL;
        return -1;
    }
    d->out = gumbo_parse_with_options(opt, d->page.s, d->page.len);
    return d->out ? 0 : -1;
}

dom_status dom_parse(const char *in, size_t len, dom *d, decode_info *info)
{
    memset(d, 0, sizeof *d);
    page_status ps = page_decode(in, len, &d->page, info);
    if (ps != PAGE_OK)
        return ps == PAGE_NOMEM ? DOM_NOMEM : ps == PAGE_UTF8 ? DOM_UTF8 : ps == PAGE_UNSURE ? DOM_UNSURE : DOM_CHARSET;
    if (guard_page(&d->page) != 0) {
        dom_free(d);
        return DOM_NOMEM;
    }
    GumboOptions opt = kGumboDefaultOptions;
    opt.allocator = arena_alloc;
    opt.deallocator = arena_free;
    d->arena = calloc(1, sizeof(arena));
    if (!d->arena) {
        dom_free(d);
        return DOM_NOMEM;
    }
    opt.userdata = d->arena;
    opt.max_errors = 0;
    if (parse(d, &opt) != 0 || flatten(d, d->out->root) != 0) {
        dom_free(d);
        return DOM_NOMEM;
    }
    accumulate(d);
    find_head_titles(d);
    return DOM_OK;
}

size_t dom_source(const dom *d, size_t i)
{
    const GumboNode *g = d->v[i].g;
    size_t off = g->type == GUMBO_NODE_ELEMENT ? g->v.element.start_pos.offset : g->v.text.start_pos.offset;
    return page_source(&d->page, off);
}

void dom_free(dom *d)
{
    arena_release(d->arena);
    page_free(&d->page);
    free(d->v);
    memset(d, 0, sizeof *d);
}
