/* Finding the article in a page: its headline, its lead (sapo) and its body, readability-style
 * (paragraph scores carried up to their containers, class and id hints, link density), then
 * reading the body without the boxes of links, comments and furniture inside it. */
#ifndef RA_ARTICLE_H
#define RA_ARTICLE_H

#include "dom.h"
#include "mtext.h"

typedef enum { ARTICLE_FOUND = 0, ARTICLE_NOMEM, ARTICLE_NO_MATCH } article_status;

/* Appends the article's text to m. With whole_page, all visible text of the body instead;
 * with a selector ("tag", "#id" or ".class"), the first element it matches, read without the
 * boxes of links inside it (ARTICLE_NO_MATCH when nothing matches). */
article_status article_extract(dom *d, int whole_page, const char *selector, mtext *m);

#endif
