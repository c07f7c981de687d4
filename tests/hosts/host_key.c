/* A host like Python, PHP or the JVM: it has used pthread keys before it calls the library, and
 * it synthesizes from two threads at once. Synthesis must work, and none of espeak-ng,
 * libpcaudio or libpulse may be mapped into this process afterwards.
 * usage: host_key ARTICLE OUT1.wav OUT2.wav; prints "maps clean" and the two durations. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readarticle.h"

typedef struct {
    ra_engine *e;
    const char *text;
    const char *out;
    ra_status st;
} job;

static pthread_key_t key;

static void *work(void *arg)
{
    job *j = arg;
    pthread_setspecific(key, malloc(48)); /* this thread's own key data, freed at its exit */
    j->st = ra_synth_to_file(j->e, j->text, strlen(j->text), j->out, RA_FORMAT_AUTO);
    return NULL;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = calloc(1, 1 << 20);
    if (buf)
        fread(buf, 1, (1 << 20) - 1, f);
    fclose(f);
    return buf;
}

static int maps_clean(void)
{
    char *maps = slurp("/proc/self/maps");
    int clean = maps && !strstr(maps, "libespeak-ng") && !strstr(maps, "libpcaudio") && !strstr(maps, "libpulse");
    free(maps);
    return clean;
}

int main(int argc, char **argv)
{
    if (argc != 4)
        return 2;
    pthread_key_create(&key, free);
    pthread_setspecific(key, malloc(32));
    char *text = slurp(argv[1]);
    ra_options o;
    ra_options_init(&o);
    o.max_instances = 2;
    ra_engine *e = NULL;
    if (!text || ra_engine_new(&e, &o) != RA_OK)
        return 1;
    job jobs[2] = { { e, text, argv[2], RA_OK }, { e, text, argv[3], RA_OK } };
    pthread_t th[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&th[i], NULL, work, &jobs[i]);
    for (int i = 0; i < 2; i++)
        pthread_join(th[i], NULL);
    for (int i = 0; i < 2; i++)
        if (jobs[i].st != RA_OK) {
            fprintf(stderr, "host_key: %s\n", ra_strerror(jobs[i].st));
            return 1;
        }
    printf("%s\n", maps_clean() ? "maps clean" : "maps hold espeak-ng");
    ra_engine_free(e);
    free(text);
    return 0;
}
