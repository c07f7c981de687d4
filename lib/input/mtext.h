/* Mapped text: UTF-8 built piece by piece, each byte remembering the source offset it came
 * from. The HTML stage writes its extracted article into one; whitespace is collapsed as it
 * is written, and block boundaries become line breaks. */
#ifndef RA_MTEXT_H
#define RA_MTEXT_H

#include <stddef.h>

typedef struct {
    char *s;      /* NUL-terminated when non-NULL */
    size_t *src;  /* source offset of each byte */
    size_t len, cap;
    int oom;      /* sticky */
    int space;    /* a space is owed before the next visible character */
    int brk;      /* line breaks owed: 1 a line break, 2 a paragraph break */
    struct pagenotes *notes; /* the accessibility check's notes on what is rendered, or NULL */
} mtext;

/* Appends n bytes (one character or more) that came from source offset src, paying first any
 * space or break owed. */
void mtext_put(mtext *m, const char *s, size_t n, size_t src);
/* Owes a space (collapsed with others and with breaks; never at the start of a line). */
void mtext_space(mtext *m);
/* Owes a line break (level 1) or a paragraph break (level 2); the stronger one wins. */
void mtext_break(mtext *m, int level);
/* Appends text with whitespace collapsed, every byte mapped to src. */
void mtext_text(mtext *m, const char *s, size_t n, size_t src);
/* Makes sure s is allocated and NUL-terminated, even when nothing was written: 0, or -1 when
 * memory ran out. */
int mtext_terminate(mtext *m);
/* Offsets of the last byte written (or 0): where an owed break would point. */
size_t mtext_last_src(const mtext *m);
void mtext_free(mtext *m);

#endif
