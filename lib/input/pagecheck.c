/* Accessibility notes on the elements of the article as it is rendered. */
#include "pagecheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "vec.h"
#include "vnchar.h"

int page_alt_is_file_name(const char *alt)
{
    static const char *const images[] = { "jpg", "jpeg", "png", "gif", "webp", "bmp", "svg", "avif", "tif", "tiff" };
    const char *dot = strrchr(alt, '.');
    for (size_t k = 0; dot && k < sizeof images / sizeof images[0]; k++)
        if (ascii_casecmp(dot + 1, images[k]) == 0)
            return 1;
    return 0;
}

/* Appends the text under node g (at most cap - 1 bytes in all) to buf at *n. */
static void node_text(const GumboNode *g, char *buf, size_t cap, size_t *n, unsigned depth)
{
    if (g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_CDATA) {
        size_t k = utf8_fit(g->v.text.text, strlen(g->v.text.text), cap - 1 - *n);
        memcpy(buf + *n, g->v.text.text, k);
        *n += k;
        buf[*n] = '\0';
        return;
    }
    if (g->type != GUMBO_NODE_ELEMENT || depth > 32)
        return;
    for (unsigned k = 0; k < g->v.element.children.length && *n + 1 < cap; k++)
        node_text(g->v.element.children.data[k], buf, cap, n, depth + 1);
}

/* An image with an alt text somewhere under g: a heading made of a logo is not empty. */
static int has_alt_image(const GumboNode *g, unsigned depth)
{
    if (g->type != GUMBO_NODE_ELEMENT || depth > 32)
        return 0;
    if (g->v.element.tag == GUMBO_TAG_IMG) {
        GumboAttribute *a = gumbo_get_attribute(&g->v.element.attributes, "alt");
        return a && a->value[0];
    }
    for (unsigned k = 0; k < g->v.element.children.length; k++)
        if (has_alt_image(g->v.element.children.data[k], depth + 1))
            return 1;
    return 0;
}

/* Web address text: http://, https:// or www. after spaces. */
static int is_address(const char *s)
{
    while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
        s++;
    return ascii_ncasecmp(s, "http://", 7) == 0 || ascii_ncasecmp(s, "https://", 8) == 0 ||
           ascii_ncasecmp(s, "www.", 4) == 0;
}

static void add(const dom *d, size_t i, pagenotes *p, page_note_kind kind, const char *text)
{
    if (p->oom || vec_room((void **)&p->v, &p->cap, p->n, sizeof *p->v) != 0) {
        p->oom = 1;
        return;
    }
    const GumboElement *e = &d->v[i].g->v.element;
    page_note *x = &p->v[p->n++];
    x->kind = kind;
    x->src_start = dom_source(d, i);
    x->src_end = page_source(&d->page, e->start_pos.offset + e->original_tag.length);
    if (x->src_end < x->src_start)
        x->src_end = x->src_start;
    size_t n = utf8_fit(text, strlen(text), sizeof x->text - 1);
    memcpy(x->text, text, n);
    x->text[n] = '\0';
}

/* The element's start tag as written, shortened: <h2 class="x"> */
static void start_tag(const GumboElement *e, char *buf, size_t cap)
{
    size_t n = e->original_tag.data ? utf8_fit(e->original_tag.data, e->original_tag.length, cap - 1) : 0;
    memcpy(buf, e->original_tag.data ? e->original_tag.data : "", n);
    buf[n] = '\0';
    for (size_t k = 0; k < n; k++)
        if (buf[k] == '\n' || buf[k] == '\r' || buf[k] == '\t')
            buf[k] = ' ';
}

/* <img src="…/cau-moi.jpg" alt="IMG_2041.jpg">: the image named by the end of its address. */
static void image_tag(const GumboNode *g, const char *alt, char *buf, size_t cap)
{
    const char *src = dom_attr(g, "src");
    size_t n = src ? strlen(src) : 0;
    if (src && !strncmp(src, "data:", 5))
        src = "data:…", n = strlen(src);
    else if (n > 60)
        src += n - 60, n = 60;
    while (n > 0 && src && ((unsigned char)*src & 0xC0) == 0x80)
        src++, n--; /* never start inside a character */
    size_t a = alt ? utf8_fit(alt, strlen(alt), 60) : 0;
    snprintf(buf, cap, "<img src=\"%s%s\"%s%.*s%s>", src && n == 60 ? "…" : "", src ? src : "", alt ? " alt=\"" : "",
             (int)a, alt ? alt : "", alt ? "\"" : "");
}

void pagecheck_element(const dom *d, size_t i, pagenotes *notes)
{
    const GumboNode *g = d->v[i].g;
    GumboTag t = g->v.element.tag;
    char text[160];
    size_t n = 0;
    if (t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6) {
        if (d->v[i].text == 0 && !has_alt_image(g, 0)) {
            start_tag(&g->v.element, text, sizeof text);
            add(d, i, notes, PAGE_EMPTY_HEADING, text);
        }
    } else if (t == GUMBO_TAG_IMG) {
        const char *alt = dom_attr(g, "alt");
        if (!alt || page_alt_is_file_name(alt)) {
            image_tag(g, alt, text, sizeof text);
            add(d, i, notes, PAGE_NO_ALT, text);
        }
    } else if (t == GUMBO_TAG_A) {
        text[0] = '\0';
        node_text(g, text, sizeof text, &n, 0);
        if (is_address(text))
            add(d, i, notes, PAGE_URL_LINK, text);
    }
}

void pagenotes_free(pagenotes *p)
{
    free(p->v);
    memset(p, 0, sizeof *p);
}
