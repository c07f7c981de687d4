/* The corpus replayer every fuzz harness builds into when it is not built with libFuzzer:
 * `fuzz-replay-NAME FILE|DIR...` runs LLVMFuzzerTestOneInput on each file (1 MiB at most). */
#ifndef RA_FUZZ_REPLAY_H
#define RA_FUZZ_REPLAY_H
#ifndef RA_LIBFUZZER
static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t cap = 1 << 20, n;
    unsigned char *buf = malloc(cap);
    n = buf ? fread(buf, 1, cap, f) : 0;
    fclose(f);
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
    return 0;
}

static int replay(const char *path)
{
    DIR *d = opendir(path);
    if (!d)
        return replay_file(path) == 0 ? 1 : 0;
    int k = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char p[4096];
        if (e->d_name[0] == '.')
            continue;
        snprintf(p, sizeof p, "%s/%s", path, e->d_name);
        k += replay_file(p) == 0;
    }
    closedir(d);
    return k;
}

int main(int argc, char **argv)
{
    int k = 0;
    for (int i = 1; i < argc; i++)
        k += replay(argv[i]);
    printf("replayed %d inputs\n", k);
    return 0;
}
#endif

#endif
