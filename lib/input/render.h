/* Visible text of a flattened page, with block boundaries as paragraph breaks, <br> as a line
 * break, image alt text announced, and every byte mapped to the page's input bytes. */
#ifndef RA_RENDER_H
#define RA_RENDER_H

#include "dom.h"
#include "mtext.h"

/* Returns non-zero to leave node i (and its subtree) unread. */
typedef int (*render_skip_fn)(const void *user, const dom *d, size_t i);

/* Appends the text of node root's subtree to m. skip may be NULL. */
void render_subtree(const dom *d, size_t root, mtext *m, render_skip_fn skip, const void *user);
/* Appends a string attribute or a title: all of it mapped to src. */
void render_string(mtext *m, const char *s, size_t src);

#endif
