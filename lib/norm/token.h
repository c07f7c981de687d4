/* Tokenizer: a sentence -> words (with their inner punctuation), punctuation and dashes. */
#ifndef RA_TOKEN_H
#define RA_TOKEN_H

#include <stddef.h>

#include "lexicon.h"

typedef enum {
    TK_WORD,   /* a run of non-space characters with outer punctuation peeled off: UBND, 16/01/2023, TP. */
    TK_PUNCT,  /* one punctuation character peeled off a word, or standing alone */
    TK_DASH    /* a dash standing alone between spaces: - – — */
} tok_kind;

typedef struct {
    tok_kind kind;
    size_t start; /* byte offset in the tokenized text */
    size_t len;
} tok;

typedef struct {
    tok *v;
    size_t n, cap;
    int oom;
} toklist;

/* Appends the tokens of s[0..len) to out. Dotted abbreviations known to the lexicon keep their
 * final dot (TP., v.v.). Returns 0, or -1 when memory ran out. */
int tok_split(const char *s, size_t len, const ulexicon *ulex, toklist *out);
void tok_list_free(toklist *l);

#endif
