/* HTML tags inside scraped text: skipped, with a line break where the tag ends a block. */
#ifndef RA_MARKUP_H
#define RA_MARKUP_H

#include <stddef.h>
#include <stdint.h>

/* What earlier searches proved absent from the rest of the text, so that a text full of
 * unclosed "<!--" or "<script>" costs linear time, not quadratic. Start zeroed. */
typedef struct {
    int no_comment_end, no_script_end, no_style_end;
} markup_state;

/* If s starts with an HTML tag, a closed comment, or a closed script/style element, returns
 * the number of bytes to skip and sets *cp to '\n' when it separates blocks (p, div, br, li,
 * h1..h6, tr ...) or to 0 when it is inline. Returns 0 when s does not start with markup
 * ("a < b" stays text, and so does an unclosed "<script>" written in prose). */
size_t markup_tag(const char *s, size_t len, int32_t *cp, markup_state *st);

/* The same for a tag written with character references (&lt;p&gt;), a page escaped twice. */
size_t markup_escaped_tag(const char *s, size_t len, int32_t *cp);

#endif
