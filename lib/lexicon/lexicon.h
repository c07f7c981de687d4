/* Lexicons: acronyms (with context), loanwords and letter names, built in and user-supplied. */
#ifndef RA_LEXICON_H
#define RA_LEXICON_H

#include <stddef.h>

#include "buf.h"
#include "readarticle.h"

/* A user lexicon: rows in the layout of gen_acronyms, searched before the built-in table. */
typedef struct ulexicon ulexicon;

/* Loads the TSV files of the NULL-terminated list paths (none: *out = NULL). A later file wins
 * over an earlier one. On RA_ERR_LEXICON, err names the file and line. */
ra_status ulex_load(ulexicon **out, const char *const *paths, char *err, size_t errcap);
void ulex_free(ulexicon *u);
const char *const (*ulex_table(const ulexicon *u, size_t *count))[4];

/* Tables generated at build time from lib/data/ TSV files (see lib/gen/gentables.sh). */
extern const char *const gen_acronyms[][4];
extern const size_t gen_acronyms_count;
extern const char *const gen_loanwords[][2];
extern const size_t gen_loanwords_count;
extern const char *const gen_letters[][2];
extern const char *const gen_units[][3];
extern const size_t gen_units_count;
extern const size_t gen_letters_count;
extern const char *const gen_acronym_parts[][2];
extern const size_t gen_acronym_parts_count;
extern const char *const gen_vnwords[][3];
extern const size_t gen_vnwords_count;
extern const char *const gen_spelled[][2];   /* acronyms news reads letter by letter */
extern const size_t gen_spelled_count;
extern const char *const gen_contexts[][2];  /* word, role: the words that decide a reading */
extern const size_t gen_contexts_count;

/* Fills buf with the lowercase words around the form, space-separated (asked for only when the
 * form has several readings to choose from). */
typedef void (*lex_context_fn)(void *user, char *buf, size_t cap);

/* The reading of an acronym or abbreviation written exactly as form[0..n) (or, for a user
 * entry written in lower case, in any case), or NULL. The user lexicon u (may be NULL) wins. */
const char *lex_acronym(const ulexicon *u, const char *form, size_t n, lex_context_fn context, void *user);
/* The same, but only a reading whose context words are present (no default). */
const char *lex_acronym_in_context(const ulexicon *u, const char *form, size_t n, lex_context_fn context, void *user);
/* Why a form with several readings was read as it was: for the accessibility check. */
#define LEX_WHY_OTHERS 4
typedef struct {
    unsigned senses;                      /* readings the form has; 0 or 1: nothing was chosen */
    char cue[64];                         /* the context word that chose it; "" for the default */
    const char *others[LEX_WHY_OTHERS];   /* the readings not taken */
    unsigned nothers;
} lex_why;
/* lex_acronym (need_context 0) or lex_acronym_in_context (1), telling why (may be NULL). */
const char *lex_acronym_why(const ulexicon *u, const char *form, size_t n, lex_context_fn context, void *user,
                            int need_context, lex_why *why);
/* 1 when form (ending in '.') is a dotted abbreviation; *may_end says whether it can end a
 * sentence (v.v.). */
#define LEX_DOTTED_MAX 64 /* longer forms are never dotted abbreviations (in user lexicons too) */
int lex_dotted(const ulexicon *u, const char *form, size_t n, int *may_end);
/* 1 when form[0..n) (exact case) is an acronym that is read letter by letter by convention
 * (lib/data/spelled.tsv): spelling it is no guess. */
int lex_spelled(const char *form, size_t n);
/* The reading of a loanword or brand name (matched without regard to case), or NULL. */
const char *lex_loanword(const char *word, size_t n);
/* The Vietnamese name of an (uppercase) letter, or NULL. */
const char *lex_letter(const char *letter, size_t n);
/* The reading of a unit or currency symbol (km/h, đ, %), or NULL; *position says whether it
 * is read "after" the number (the default) or "before" it. */
const char *lex_unit(const char *unit, size_t n, const char **position);
/* Does w[0..n) equal the lowercase word p[0..pn), ignoring case? */
int lex_word_eq(const char *w, size_t n, const char *p, size_t pn);
/* Is w[0..n) (any case) listed in lib/data/contexts.tsv with this role ("label", ...)? */
int lex_word_role(const char *w, size_t n, const char *role);
/* An acronym no table holds, read as the pieces of lib/data/acronym-parts.tsv it splits into
 * wholly (TTDBKTTVQG: trung tâm dự báo khí tượng thủy văn quốc gia): appends the readings to out
 * and returns 1, or returns 0 (four letters at least, two pieces at least). */
int lex_compose(const char *form, size_t n, rbuf *out);
/* The written form of a Vietnamese word or syllable typed without marks in lowercase ASCII, as
 * in web addresses (thuvien: thư viện, luat: luật), from lib/data/vn-words.tsv, or NULL;
 * *several tells a word of several syllables from a single syllable. */
const char *lex_plain_word(const char *s, size_t n, int *several);

#endif
