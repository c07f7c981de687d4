/* Output paths as the CLI sees them before it writes: which file a name stands for. */
#ifndef RA_CLI_PATHS_H
#define RA_CLI_PATHS_H

#include <sys/stat.h>

/* stat() of what a name stands for; "-" is standard output. 0, or -1 when it does not exist. */
int path_stat(const char *path, struct stat *st);
/* 1 when two output names stand for one file: the same inode when both exist, else the same
 * place once symbolic links (dangling ones too) and the directory are resolved. */
int path_same(const char *a, const char *b);
/* 0 when path looks writable before any work is done (an existing file we may write, or a name
 * in a directory we may create files in), else -1 with errno set. "-" is always writable. */
int path_writable(const char *path);

#endif
