/* Bounds on what an HTML page may make the parser do. gumbo scans its stack of open elements
 * for each new one and compares each attribute with those before it, so 100,000 nested <div>s
 * or one tag with 100,000 attributes cost minutes. Before parsing, start tags nested deeper
 * than GUARD_DEPTH and attributes after the GUARD_ATTRS-th of a tag are blanked with spaces:
 * the text is kept, byte offsets do not move, and real pages (nested 20 to 80 deep) are left
 * as they are, uncopied. */
#ifndef RA_GUARD_H
#define RA_GUARD_H

#include "charset.h"

#define GUARD_DEPTH 256
#define GUARD_ATTRS 256

/* Returns 0, or -1 when memory ran out. */
int guard_page(page_text *p);

#endif
