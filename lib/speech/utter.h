/* Utterance: a sentence's spoken form as espeak-ng will get it (gated, cut into chunks), with
 * each spoken word's place in that text and its source span. */
#ifndef RA_UTTER_H
#define RA_UTTER_H

#include <stddef.h>

#include "buf.h"
#include "norm.h"

/* A sentence longer than this (bytes of spoken text) is cut at clause marks for synthesis. */
#define UTTER_CHUNK 300

typedef struct {
    size_t cp_start, cp_end;   /* code points in the gated text */
    size_t src_start, src_end; /* byte span in the sentence's clean text */
    size_t out_start, out_end; /* byte span in the spoken text */
} uword;

typedef struct {
    size_t byte, cp;           /* where a chunk starts in the gated text */
} ucut;

typedef struct {
    rbuf text;                 /* gated: what espeak-ng reads */
    uword *w;
    size_t nw;
    ucut *cut;                 /* chunk starts; cut[ncut] is the end of the text */
    size_t ncut;
    int oom;
} utterance;

/* Builds u from the spoken form and its spans (as norm_sentence made them). Returns 0 or -1. */
int utter_build(utterance *u, const char *spoken, size_t len, const normspans *sp);
/* The word whose gated text holds code point cp (0-based), or nw when none does. */
size_t utter_word_at(const utterance *u, size_t cp);
void utter_free(utterance *u);

#endif
