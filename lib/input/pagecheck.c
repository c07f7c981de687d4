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

/* The visible text under element i, at most cap - 1 bytes: its flattened subtree, where hidden
 * parts are already left out. */
static void subtree_text(const dom *d, size_t i, char *buf, size_t cap)
{
    size_t n = 0;
    for (size_t k = i + 1; k < d->v[i].end && n + 1 < cap; k++) {
        if (dom_is_element(&d->v[k]))
            continue;
        const char *t = d->v[k].g->v.text.text;
        size_t m = utf8_fit(t, strlen(t), cap - 1 - n);
        memcpy(buf + n, t, m);
        n += m;
    }
    buf[n] = '\0';
}

/* An image with an alt text under element i: a heading made of a logo is not empty. */
static int has_alt_image(const dom *d, size_t i)
{
    for (size_t k = i + 1; k < d->v[i].end; k++) {
        const char *alt = dom_is_element(&d->v[k]) && dom_tag(&d->v[k]) == GUMBO_TAG_IMG ? dom_attr(d->v[k].g, "alt")
                                                                                          : NULL;
        if (alt && alt[0])
            return 1;
    }
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
    src = !src ? "" : !strncmp(src, "data:", 5) ? "data:…" : src;
    size_t n = strlen(src);
    int cut = n > 60;
    if (cut)
        src += n - 60;
    while (cut && ((unsigned char)*src & 0xC0) == 0x80)
        src++; /* never start inside a character */
    size_t a = alt ? utf8_fit(alt, strlen(alt), 60) : 0;
    snprintf(buf, cap, "<img src=\"%s%s\"%s%.*s%s>", cut ? "…" : "", src, alt ? " alt=\"" : "", (int)a, alt ? alt : "",
             alt ? "\"" : "");
}

void pagecheck_element(const dom *d, size_t i, pagenotes *notes)
{
    const GumboNode *g = d->v[i].g;
    GumboTag t = g->v.element.tag;
    char text[160];
    if (t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6) {
        if (d->v[i].text == 0 && !has_alt_image(d, i)) {
            start_tag(&g->v.element, text, sizeof text);
            add(d, i, notes, PAGE_EMPTY_HEADING, text);
        }
    } else if (t == GUMBO_TAG_IMG) {
        const char *alt = dom_attr(g, "alt");
        if (!alt || page_alt_is_file_name(alt)) {
            image_tag(g, alt, text, sizeof text);
            add(d, i, notes, alt ? PAGE_ALT_FILE_NAME : PAGE_NO_ALT, text);
        }
    } else if (t == GUMBO_TAG_A) {
        subtree_text(d, i, text, sizeof text);
        if (is_address(text))
            add(d, i, notes, PAGE_URL_LINK, text);
    }
}

void pagenotes_free(pagenotes *p)
{
    free(p->v);
    memset(p, 0, sizeof *p);
}
