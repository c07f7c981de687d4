/* Golden files: tests/golden/normalize.tsv through ra_normalize, segment.tsv through ra_sentences. */
#include "testutil.h"

#include "readarticle.h"

typedef ra_status (*text_fn)(ra_engine *, const char *, size_t, char **);

/* Runs every case of a golden file; the expected output is one line per sentence. */
static void run_golden(const char *path, text_fn fn, const char *voice)
{
    size_t n = 0;
    golden_case *cases = golden_load(path, &n);
    assert_non_null(cases);
    assert_true(n > 0);
    ra_options o;
    ra_options_init(&o);
    o.voice = voice;
    ra_engine *e = NULL;
    assert_int_equal(ra_engine_new(&e, &o), RA_OK);
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        const golden_case *c = &cases[i];
        char *out = NULL;
        assert_true(c->nfields >= 2);
        const char *want = c->nfields >= 3 ? c->field[2] : "";
        assert_int_equal(fn(e, c->field[1], strlen(c->field[1]), &out), RA_OK);
        size_t len = strlen(out);
        if (len && out[len - 1] == '\n')
            out[len - 1] = '\0';
        if (strcmp(out, want) != 0) {
            fprintf(stderr, "%s:%d [%s]\n  input: %s\n  got:   %s\n  want:  %s\n", path, c->line,
                    c->field[0], c->field[1], out, want);
            failed++;
        }
        ra_free(out);
    }
    ra_engine_free(e);
    golden_free(cases, n);
    if (failed)
        fail_msg("%d of %zu golden cases in %s failed", failed, n, path);
}

static void test_normalize(void **state)
{
    (void)state;
    run_golden("tests/golden/normalize.tsv", ra_normalize, NULL);
}

static void test_normalize_south(void **state)
{
    (void)state;
    run_golden("tests/golden/normalize-south.tsv", ra_normalize, "south");
}

static void test_segment(void **state)
{
    (void)state;
    run_golden("tests/golden/segment.tsv", ra_sentences, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize),
        cmocka_unit_test(test_normalize_south),
        cmocka_unit_test(test_segment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
