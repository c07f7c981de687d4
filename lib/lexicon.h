/* Lexicons: acronyms (with context), loanwords and letter names, built in and user-supplied. */
#ifndef RA_LEXICON_H
#define RA_LEXICON_H

#include <stddef.h>

/* Tables generated at build time from lib/data/ TSV files (see lib/gen/gentables.c). */
extern const char *const gen_acronyms[][4];
extern const size_t gen_acronyms_count;
extern const char *const gen_loanwords[][2];
extern const size_t gen_loanwords_count;
extern const char *const gen_letters[][2];
extern const size_t gen_letters_count;

/* Fills buf with the lowercase words around the form, space-separated (asked for only when the
 * form has several readings to choose from). */
typedef void (*lex_context_fn)(void *user, char *buf, size_t cap);

/* The reading of an acronym or abbreviation written exactly as form[0..n), or NULL. */
const char *lex_acronym(const char *form, size_t n, lex_context_fn context, void *user);
/* 1 when form (ending in '.') is a dotted abbreviation; *may_end says whether it can end a
 * sentence (v.v.). */
int lex_dotted(const char *form, size_t n, int *may_end);
/* The reading of a loanword or brand name (matched without regard to case), or NULL. */
const char *lex_loanword(const char *word, size_t n);
/* The Vietnamese name of an (uppercase) letter, or NULL. */
const char *lex_letter(const char *letter, size_t n);

#endif
