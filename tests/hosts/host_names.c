/* A program with functions of its own named like the library's internals (tokenize, segment,
 * norm_sentence, rbuf_put): it must link against the static libreadarticle.a, and both its
 * functions and the library must work. Prints the results for test_embed. */
#include <stdio.h>
#include <string.h>

#include "readarticle.h"

int tokenize(const char *s);
int segment(int x);
int norm_sentence(int x);
void rbuf_put(char *out, const char *s);

int tokenize(const char *s)
{
    return (int)strlen(s);
}

int segment(int x)
{
    return 2 * x;
}

int norm_sentence(int x)
{
    return x + 1;
}

void rbuf_put(char *out, const char *s)
{
    strcpy(out, s);
}

int main(void)
{
    const char *text = "UBND có 21 thôn.";
    ra_engine *e = NULL;
    char *spoken = NULL, mine[16];
    if (ra_engine_new(&e, NULL) != RA_OK || ra_normalize(e, text, strlen(text), &spoken) != RA_OK) {
        fprintf(stderr, "host_names: %s\n", ra_errmsg(e));
        return 1;
    }
    rbuf_put(mine, "own");
    printf("%d %d %d %s %s", tokenize("abcd"), segment(21), norm_sentence(1), mine, spoken);
    ra_free(spoken);
    ra_engine_free(e);
    return 0;
}
