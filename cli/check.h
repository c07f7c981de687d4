/* --check: printing the accessibility report. */
#ifndef RA_CLI_CHECK_H
#define RA_CLI_CHECK_H

#include <stddef.h>

#include "readarticle.h"

/* --check-level: "info", "warning" or "error" (the kinds of that level and above), or a
 * comma-separated list of kind names. The kinds as a mask of 1u << kind: 0, or -1 when spec
 * names none of them. */
int check_level_mask(const char *spec, unsigned *mask);
/* Prints the findings of r in mask and a summary line (or, with json, r as JSON: with array,
 * as an element of an array of which printed are out already) on standard output. Returns the
 * number of findings in mask, or -1 when the output could not be written. */
long check_report(const char *name, const ra_check_result *r, unsigned mask, int json, size_t printed, int array);
/* Closes the JSON array of the reports printed (an empty one when none was). 0, or -1 when the
 * output could not be written. */
int check_report_end(int json, size_t printed, int array);

#endif
