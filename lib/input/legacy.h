/* The Vietnamese font encodings of the 1990s that government documents still come in: TCVN3
 * (ABC) and VNI-Windows. Their letters are glyphs of Windows-1252 positions (lib/data/tcvn3.tsv,
 * lib/data/vni.tsv), so the same tables read a file's bytes and repair text whose glyphs reached
 * UTF-8 as the Windows-1252 characters ("ViÖt Nam", "Vieät Nam": mojibake). */
#ifndef RA_LEGACY_H
#define RA_LEGACY_H

#include <stddef.h>

#include "mtext.h"

typedef enum { LEGACY_TCVN3 = 0, LEGACY_VNI = 1, LEGACY_COUNT } legacy_enc;

/* The encoding's name as callers give it ("tcvn3", "vni"). */
const char *legacy_name(legacy_enc e);
/* Appends in[0..len) read as encoding e to m (as UTF-8), each output byte mapped to the offset
 * of the input byte it came from. */
void legacy_decode(legacy_enc e, const char *in, size_t len, size_t skip, mtext *m);
/* Appends UTF-8 text s[0..n) to m with e's glyphs read as the letters they stand for; the bytes
 * of s map to src[i] (or base + i when src is NULL). */
void legacy_glyphs(legacy_enc e, const char *s, size_t n, const size_t *src, size_t base, mtext *m);

/* What a run of legacy_run holds. */
enum {
    RUN_WORD = 1,   /* word characters (else the others) */
    RUN_LATIN = 2,  /* a character of U+00A1..U+00FF, where every TCVN3 and VNI glyph lies */
    RUN_HIGH = 4,   /* a character beyond ASCII */
    RUN_LETTER = 8, /* an ASCII letter */
    RUN_ODD = 16    /* a character of U+00A1..U+00FF that Vietnamese does not write (µ, Ö, ø) */
};
/* Past the run that starts at s[i] (valid UTF-8) of word characters (ASCII letters and digits,
 * and characters beyond ASCII other than spaces, general punctuation and U+FFFD) or of others;
 * *kind receives its RUN_* flags. */
size_t legacy_run(const char *s, size_t n, size_t i, unsigned *kind);

/* What a mojibake repair would do to a text: per encoding, the words it would mend. */
typedef struct {
    size_t words[LEGACY_COUNT];
} legacy_counts;

/* Repairs the lines of UTF-8 text s[0..n) that carry TCVN3 or VNI glyphs: a line is read in the
 * encoding that turns more of its words that are not Vietnamese syllables into syllables than
 * it spoils, and then every word of it that the encoding turns into a syllable is replaced.
 * Lines without such evidence are copied as they are. Returns 0 and leaves m untouched when
 * nothing needs repair; 1 when m holds the repaired text (bytes mapped through src/base as in
 * legacy_glyphs); counts (may be NULL) receives the words mended. */
int legacy_repair(const char *s, size_t n, const size_t *src, size_t base, mtext *m, legacy_counts *counts);

#endif
