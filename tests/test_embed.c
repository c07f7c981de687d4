/* The library linked into other programs, as a backend links it: the static archive next to a
 * program's own tokenize() and segment(), the shared library exporting only ra_*, and a host
 * that uses pthread keys and two threads (the Python and PHP shape). */
#include "testutil.h"

#include <sndfile.h>
#include <unistd.h>

static char dir[256];

static char *run(const char *cmd, int *status)
{
    char full[1024];
    snprintf(full, sizeof full, "%s 2>&1", cmd);
    char *out = run_capture(full, status);
    assert_non_null(out);
    return out;
}

static void test_static_archive_keeps_its_names_to_itself(void **state)
{
    (void)state;
    char cmd[512];
    int st;
    snprintf(cmd, sizeof cmd, "%s/tests/host_names", build_dir());
    char *out = run(cmd, &st);
    assert_int_equal(st, 0);
    assert_string_equal(out, "4 42 2 own ủy ban nhân dân có hai mươi mốt thôn.\n");
    free(out);
    snprintf(cmd, sizeof cmd, "nm -g --defined-only %s/libreadarticle.a | awk 'NF == 3 && $3 !~ /^ra_/' | wc -l",
             build_dir());
    out = run(cmd, &st);
    assert_string_equal(out, "0\n");
    free(out);
}

static void test_shared_library_exports_only_ra(void **state)
{
    (void)state;
    char cmd[512];
    int st;
    snprintf(cmd, sizeof cmd, "nm -D --defined-only %s/libreadarticle.so | awk '$3 !~ /^ra_/ {print $3}'", build_dir());
    char *out = run(cmd, &st);
    assert_int_equal(st, 0);
    assert_string_equal(out, "");
    free(out);
    snprintf(cmd, sizeof cmd, "nm -D --defined-only %s/libreadarticle.so | grep -c ' T ra_'", build_dir());
    out = run(cmd, &st);
    assert_true(atoi(out) >= 25);
    free(out);
}

/* The host that crashed with the dlmopen copies: a pthread key set, two threads synthesizing
 * the sample article at once through the shared library, found through the build tree. */
static void test_host_with_pthread_keys(void **state)
{
    (void)state;
    char cmd[1024];
    int st;
    snprintf(cmd, sizeof cmd, "env -u READARTICLE_WORKER %s/tests/host_key tests/data/example-article.txt %s/a.wav %s/b.wav",
             build_dir(), dir, dir);
    char *out = run(cmd, &st);
    if (st != 0)
        fail_msg("host_key failed: %s", out);
    assert_string_equal(out, "maps clean\n");
    free(out);
    double secs[2];
    for (int i = 0; i < 2; i++) {
        char path[300];
        snprintf(path, sizeof path, "%s/%c.wav", dir, 'a' + i);
        SF_INFO info = { 0 };
        SNDFILE *sf = sf_open(path, SFM_READ, &info);
        assert_non_null(sf);
        sf_close(sf);
        secs[i] = (double)info.frames / info.samplerate;
    }
    assert_true(secs[0] > 60 && secs[1] > secs[0] * 0.98 && secs[1] < secs[0] * 1.02);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/ra-embed-XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_static_archive_keeps_its_names_to_itself),
        cmocka_unit_test(test_shared_library_exports_only_ra),
        cmocka_unit_test(test_host_with_pthread_keys),
    };
    int r = cmocka_run_group_tests(tests, NULL, NULL);
    char cmd[300];
    int st;
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    free(run_capture(cmd, &st));
    return r;
}
