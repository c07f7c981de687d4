/* Reading an input whole, bounded, for the command line and its batch mode. */
#ifndef RA_CLI_INPUT_H
#define RA_CLI_INPUT_H

#include <stddef.h>
#include <stdio.h>

#define INPUT_MAX (256u << 20) /* refuse inputs above 256 MiB rather than exhaust memory */

/* Reads f to its end into *data (malloc'd; free it). 0, or -1 with errno set (EFBIG past
 * INPUT_MAX). */
int read_all(FILE *f, char **data, size_t *len);

#endif
