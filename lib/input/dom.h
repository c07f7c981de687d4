/* An HTML page parsed by gumbo and flattened into document order: what the article finder
 * scores and the text renderer walks. Invisible parts (script, style, template, noscript,
 * svg, math, form controls, [hidden], aria-hidden, display:none) are left out here, once. */
#ifndef RA_DOM_H
#define RA_DOM_H

#include <gumbo.h>
#include <stddef.h>

#include "charset.h"

enum { HINT_ARTICLE = 1, HINT_LEAD = 2, HINT_TITLE = 4, HINT_CHROME = 8 };

typedef struct {
    const GumboNode *g;  /* an element or a text node */
    size_t parent;       /* index of the parent element; SIZE_MAX for the first node */
    size_t end;          /* one past its last descendant */
    size_t text;         /* visible characters in its subtree */
    size_t links;        /* of those, characters inside links */
    unsigned commas;     /* commas in its subtree */
    unsigned nlinks;     /* links in its subtree */
    unsigned hint;       /* HINT_* from its class and id */
    double score;        /* content score, for the article finder */
} dnode;

typedef struct {
    dnode *v;
    size_t n, cap;
    page_text page;        /* the page as UTF-8, with its map to the input bytes */
    GumboOutput *out;
    void *arena;           /* every allocation of the parse, freed at once */
    const GumboNode *title_node, *og_node; /* <title> and <meta property="og:title"> */
} dom;

typedef enum { DOM_OK = 0, DOM_NOMEM, DOM_UTF8, DOM_CHARSET, DOM_UNSURE } dom_status;

/* Parses in[0..len), decoded under info (page_decode): its failures come back as DOM_UTF8,
 * DOM_CHARSET and DOM_UNSURE with info filled in. */
dom_status dom_parse(const char *in, size_t len, dom *d, decode_info *info);
void dom_free(dom *d);

GumboTag dom_tag(const dnode *n);
int dom_is_element(const dnode *n);
/* A tag that starts a new block of text (p, div, li, td, h1 ...). */
int dom_block_tag(GumboTag t);
const char *dom_attr(const GumboNode *g, const char *name);
/* HINT_* of a class/id string. */
unsigned dom_hint_of(const char *s);
/* 1 when head (n bytes, lowercase) begins with words that introduce links to other articles
 * ("xem thêm", "tin liên quan", ">>": the labels of lib/data/html-hints.tsv). */
int dom_is_label(const char *head, size_t n);
/* Characters of s that are not HTML white space: what dnode.text counts. */
size_t dom_visible_chars(const char *s);
/* The input offset where node i starts. */
size_t dom_source(const dom *d, size_t i);

#endif
