/* Segmentation: clean text -> blocks (lines, paragraphs) -> sentences. */
#ifndef RA_SEGMENT_H
#define RA_SEGMENT_H

#include <stddef.h>

#include "lexicon.h"

typedef enum {
    BRK_SENTENCE,  /* ends a sentence inside a paragraph */
    BRK_PARAGRAPH, /* ends a paragraph (line or blank line after a final mark) */
    BRK_HEADING,   /* ends a line without a final mark: a heading, title or menu line */
    BRK_LIST,      /* ends a list item (a line starting with -, •, 1., a) ...) */
    BRK_NONE       /* ends a piece of a sentence too long to prepare at once (SEG_PIECE_MAX):
                      the sentence goes on, without a pause */
} brk_kind;

/* The longest sentence prepared at once: a longer one is cut into pieces at clause marks or
 * spaces, so that the work between two checks for a stop request stays small. */
#define SEG_PIECE_MAX 4096

typedef struct {
    size_t start, end; /* byte span in the segmented text, trimmed of spaces */
    brk_kind brk;      /* what follows this sentence */
} sentence;

typedef struct {
    sentence *v;
    size_t n, cap;
    int oom;
} sentlist;

/* Appends the sentences of s[0..len) to out. A line break ends a sentence unless the line is
 * plainly wrapped prose (no final mark, long, next line starts in lower case). Sentences with
 * nothing to read (no letter or digit) are left out. Returns 0, or -1 when memory ran out. */
int seg_split(const char *s, size_t len, const ulexicon *ulex, sentlist *out);
void seg_list_free(sentlist *l);

#endif
