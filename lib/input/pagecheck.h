/* What a page's article does to a listener that its text cannot show: headings with nothing in
 * them, images without a text alternative, links that are bare web addresses. Gathered while
 * the article is rendered, for the accessibility check (ra_check). */
#ifndef RA_PAGECHECK_H
#define RA_PAGECHECK_H

#include <stddef.h>

#include "dom.h"

typedef enum {
    PAGE_EMPTY_HEADING, /* <h1>..<h6> with no text and no image that has some */
    PAGE_NO_ALT,        /* <img> without alt */
    PAGE_ALT_FILE_NAME, /* <img> with a file name for alt */
    PAGE_URL_LINK       /* <a> whose text is a web address */
} page_note_kind;

typedef struct {
    page_note_kind kind;
    size_t src_start, src_end; /* the element's start tag, in the input */
    char text[160];            /* the tag's text, or the link's */
} page_note;

typedef struct pagenotes {
    page_note *v;
    size_t n, cap;
    int oom;
} pagenotes;

/* 1 when an image's alt text is a file name (IMG_2023.jpg), not a description. */
int page_alt_is_file_name(const char *alt);
/* Notes element i of d when it is one of the above. */
void pagecheck_element(const dom *d, size_t i, pagenotes *notes);
void pagenotes_free(pagenotes *p);

#endif
