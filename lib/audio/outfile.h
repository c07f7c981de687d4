/* Output paths: a regular file appears whole or not at all; anything else is written through. */
#ifndef RA_OUTFILE_H
#define RA_OUTFILE_H

#include <stddef.h>

#include "readarticle.h"

typedef struct {
    char *path;  /* as given, for messages */
    char *final; /* the file that receives the output: symbolic links followed */
    char *tmp;   /* the temporary file beside it; NULL when written in place */
    int fd;
    int seekable;
    int unnamed; /* fd is an O_TMPFILE file, named (tmp) only at commit */
} outfile;

/* Opens path for writing:
 *  - a regular file, new or existing (also through symbolic links, dangling ones included):
 *    a temporary file in the same directory, renamed over it by outfile_commit; an existing
 *    file's permissions are kept, a new one gets the umask's;
 *    a file that is not writable is refused;
 *  - a device or FIFO: opened (never truncated) and written in place;
 *  - a name of one of the process's descriptors (/dev/stdout, /dev/stderr, /dev/fd/N,
 *    /proc/self/fd/N): written through a copy of that descriptor, whatever it is (a pipe, a
 *    socket, a file opened for appending).
 * On failure err names the path and the reason. */
ra_status outfile_open(outfile *o, const char *path, char *err, size_t errcap);
/* Makes the output final: renames the temporary file into place, or closes the descriptor. */
ra_status outfile_commit(outfile *o, char *err, size_t errcap);
/* Abandons the output: removes the temporary file. Accepts an outfile never opened (zeroed). */
void outfile_abort(outfile *o);

#endif
