/* Normalizer: one sentence of clean text -> its spoken form (words only). */
#ifndef RA_NORM_H
#define RA_NORM_H

#include <stddef.h>

#include "buf.h"
#include "lexicon.h"
#include "number.h"

typedef struct {
    dialect dl;
    const ulexicon *ulex; /* the user's lexicon, or NULL */
} normcfg;

/* The text around the sentence writes thousands the English way (1,298,673): a lone ",ddd"
 * group is then a thousands group, not a decimal. */
#define NORM_EN_GROUPS 1u

/* Which spoken words came from which source words: out[out_start, out_end) was said for
 * s[src_start, src_end) (a token or a few, such as "5 - 7"). */
typedef struct {
    size_t out_start, out_end;
    size_t src_start, src_end;
} normspan;

typedef struct {
    normspan *v;
    size_t n, cap;
    int oom;
} normspans;

/* Appends the spoken form of sentence s[0..len) to out: words separated by single spaces,
 * commas and the final mark kept. When spans is not NULL, appends one span per spoken source
 * word. Returns 0, or -1 when memory ran out. */
int norm_sentence(const normcfg *cfg, unsigned flags, const char *s, size_t len, rbuf *out, normspans *spans);
void normspans_free(normspans *sp);

/* Where the normalizer had to guess, for the accessibility check (ra_check). */
typedef enum {
    NOTE_SPELLED,      /* an unknown acronym or string read letter by letter */
    NOTE_FOREIGN,      /* a word no table knows, read by the foreign-word fallback */
    NOTE_SUMMARIZED,   /* a token too long to read, summarized */
    NOTE_AMBIGUOUS,    /* one of several readings chosen (by a context word, a shape, a default) */
    NOTE_MIXED_SCRIPT  /* a word mixing Latin, Greek or Cyrillic letters */
} note_kind;

typedef struct {
    note_kind kind;
    size_t src_start, src_end; /* the token, in the sentence */
    char why[256];             /* what was decided and why (English) */
    char fix[192];             /* how an editor avoids the guess, or "" */
    int cued;                  /* NOTE_AMBIGUOUS: a context word decided, not a default or a shape */
} normnote;

typedef struct {
    normnote *v;
    size_t n, cap;
    size_t words;  /* tokens with a letter or digit read so far */
    int oom;
} normnotes;

/* norm_sentence, also appending to notes (not NULL) what it had to guess. */
int norm_sentence_checked(const normcfg *cfg, unsigned flags, const char *s, size_t len, rbuf *out,
                          normspans *spans, normnotes *notes);
void normnotes_free(normnotes *nn);

/* Evidence for the number style of a stretch of text: counts of numbers that can only be
 * English-grouped (1,298,673) and of numbers that can only be Vietnamese (1.298.673, 76,95). */
void norm_number_style(const char *s, size_t len, unsigned *english, unsigned *vietnamese);

#endif
