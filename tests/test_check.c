/* The accessibility check (ra_check): every kind of finding at its exact place, a clean report
 * for a clean article, the fixes it suggests working, and no alarm on what is fine. */
#include "testutil.h"

#include <pthread.h>

#include "readarticle.h"

static ra_engine *engine_with(int input_format, const char *const *lexicons)
{
    ra_options o;
    ra_options_init(&o);
    o.input_format = input_format;
    o.lexicons = lexicons;
    ra_engine *e = NULL;
    assert_int_equal(ra_engine_new(&e, &o), RA_OK);
    return e;
}

/* A file checked by an engine of its own: free it all with checked_free. */
typedef struct {
    ra_engine *e;
    char *in;
    size_t len;
    ra_check_result *r;
} checked;

static checked check_file(int input_format, const char *const *lexicons, const char *path)
{
    checked c = { engine_with(input_format, lexicons), read_file(path, NULL), 0, NULL };
    assert_non_null(c.in);
    c.len = strlen(c.in);
    assert_int_equal(ra_check(c.e, c.in, c.len, &c.r), RA_OK);
    return c;
}

static void checked_free(checked *c)
{
    ra_check_free(c->r);
    free(c->in);
    ra_engine_free(c->e);
}

typedef struct {
    ra_finding_kind kind;
    unsigned line, column;
    const char *text;    /* the finding's text starts with this */
    const char *reading; /* exact, or NULL: not checked */
} want;

static void expect_findings(const ra_check_result *r, const char *input, const want *w, size_t n)
{
    for (size_t i = 0; i < ra_check_count(r) && i < n; i++) {
        const ra_finding *f = ra_check_get(r, i);
        if (f->kind != w[i].kind || f->line != w[i].line || f->column != w[i].column ||
            strncmp(f->text, w[i].text, strlen(w[i].text)) != 0 || (w[i].reading && strcmp(f->reading, w[i].reading)))
            fail_msg("finding %zu: %s at %u:%u \"%s\" (reading \"%s\"); want %s at %u:%u \"%s\"", i,
                     ra_finding_kind_name(f->kind), f->line, f->column, f->text, f->reading,
                     ra_finding_kind_name(w[i].kind), w[i].line, w[i].column, w[i].text);
        assert_int_equal(f->level, ra_finding_kind_level(f->kind));
        assert_true(f->byte_start <= f->byte_end && f->message[0]);
        if (f->kind <= RA_FINDING_AMBIGUOUS || f->kind == RA_FINDING_MIXED_SCRIPT) /* a word: its own bytes */
            assert_memory_equal(input + f->byte_start, f->text, f->byte_end - f->byte_start);
    }
    assert_int_equal(ra_check_count(r), n);
    assert_null(ra_check_get(r, n));
}

/* tests/data/check-article.txt holds one of each finding a text can have. */
static void test_every_text_kind(void **state)
{
    (void)state;
    checked c = check_file(RA_INPUT_AUTO, NULL, "tests/data/check-article.txt");
    ra_check_result *r = c.r;
    size_t words, guesses;
    static const want w[] = {
        { RA_FINDING_SPELLED, 3, 63, "QZX", "quy dét ích xì" },
        { RA_FINDING_FOREIGN, 3, 89, "Lakeside", "la kê xít" },
        { RA_FINDING_SUMMARIZED, 4, 14, "123456789012345678901234567890123456", "một dãy số dài ba mươi sáu chữ số" },
        { RA_FINDING_AMBIGUOUS, 6, 10, "BTC", "ban tổ chức" },          /* no context: the default */
        { RA_FINDING_AMBIGUOUS, 6, 57, "BTC", "bộ tài chính" },         /* "thứ trưởng", "thuế" */
        { RA_FINDING_AMBIGUOUS, 7, 8, "2/3", "hai phần ba" },           /* a fraction, not 2 March */
        { RA_FINDING_AMBIGUOUS, 7, 47, "2-1", "hai một" },              /* a score after "thắng" */
        { RA_FINDING_AMBIGUOUS, 7, 66, "3-4", "ba đến bốn" },           /* a range, no score word */
        { RA_FINDING_LONG_SENTENCE, 9, 1, "Theo báo cáo, trong năm qua", "" },
        { RA_FINDING_MIXED_SCRIPT, 11, 25, "Nộі", NULL },
        { RA_FINDING_MOJIBAKE, 12, 1, "Së Gi¸o dôc", "Sở Giáo dục và Đào tạo tổ chức hội nghị tổng kết năm học" },
        { RA_FINDING_ALL_CAPS, 14, 1, "THÔNG BÁO KHẨN", "" },
    };
    expect_findings(r, c.in, w, sizeof w / sizeof w[0]);
    assert_non_null(strstr(ra_check_get(r, 4)->message, "because of \"trưởng\""));
    assert_non_null(strstr(ra_check_get(r, 0)->fix, "add \"QZX<TAB>its reading\" to a lexicon"));
    assert_non_null(strstr(ra_check_get(r, 8)->message, "107 words"));
    assert_non_null(strstr(ra_check_get(r, 9)->message, "U+0456"));
    ra_check_summary(r, &words, &guesses);
    assert_int_equal(words, 249);
    assert_int_equal(guesses, 5); /* QZX, Lakeside, the long number, BTC by default, 3-4 */
    checked_free(&c);
}

/* tests/data/check-page.html: what only a page can get wrong, inside its article; the footer's
 * image (not read), a decorative alt="" and a heading holding a logo with alt text are fine. */
static void test_every_page_kind(void **state)
{
    (void)state;
    checked c = check_file(RA_INPUT_HTML, NULL, "tests/data/check-page.html");
    ra_check_result *r = c.r;
    static const want w[] = {
        { RA_FINDING_EMPTY_HEADING, 9, 1, "<h2>", "" },
        { RA_FINDING_NO_ALT, 11, 1, "<img src=\"/anh/cau-moi.jpg\">", "" },
        { RA_FINDING_NO_ALT, 13, 1, "<img src=\"/anh/le-khanh-thanh.jpg\" alt=\"IMG_2041.jpg\">", "" },
        { RA_FINDING_URL_LINK, 16, 32, "https://example.gov.vn/qd-123", "" },
    };
    expect_findings(r, c.in, w, sizeof w / sizeof w[0]);
    assert_memory_equal(c.in + ra_check_get(r, 1)->byte_start, "<img src=\"/anh/cau-moi.jpg\">", 28);
    assert_non_null(strstr(ra_check_get(r, 2)->message, "file name"));
    checked_free(&c);
}

/* The project's example article reads with no finding at any level. */
static void test_example_article_is_clean(void **state)
{
    (void)state;
    checked c = check_file(RA_INPUT_AUTO, NULL, "tests/data/example-article.txt");
    ra_check_result *r = c.r;
    size_t words, guesses;
    for (size_t i = 0; i < ra_check_count(r); i++)
        fail_msg("example article: %s at %u:%u: %s", ra_finding_kind_name(ra_check_get(r, i)->kind),
                 ra_check_get(r, i)->line, ra_check_get(r, i)->column, ra_check_get(r, i)->message);
    ra_check_summary(r, &words, &guesses);
    assert_true(words > 200 && guesses == 0);
    checked_free(&c);
}

/* The fix it suggests works: with QZX and Lakeside in a user lexicon, they are no longer guesses. */
static void test_suggested_lexicon_fix(void **state)
{
    (void)state;
    FILE *f = fopen("/tmp/ra-check-lexicon.tsv", "w");
    fputs("QZX\tquy dét ích\nLakeside\tlây xai\n", f);
    fclose(f);
    const char *const lex[] = { "/tmp/ra-check-lexicon.tsv", NULL };
    checked c = check_file(RA_INPUT_AUTO, lex, "tests/data/check-article.txt");
    ra_check_result *r = c.r;
    size_t guesses;
    for (size_t i = 0; i < ra_check_count(r); i++)
        assert_true(ra_check_get(r, i)->kind != RA_FINDING_SPELLED && ra_check_get(r, i)->kind != RA_FINDING_FOREIGN);
    ra_check_summary(r, NULL, &guesses);
    assert_int_equal(guesses, 3);
    checked_free(&c);
    remove("/tmp/ra-check-lexicon.tsv");
}

static size_t count_kind(ra_engine *e, const char *text, ra_finding_kind kind)
{
    ra_check_result *r = NULL;
    assert_int_equal(ra_check(e, text, strlen(text), &r), RA_OK);
    size_t n = 0;
    for (size_t i = 0; i < ra_check_count(r); i++)
        n += !kind || ra_check_get(r, i)->kind == kind;
    ra_check_free(r);
    return n;
}

/* What is fine is not reported: established spelled acronyms, dates after a day word, years,
 * ranges with units, a Greek letter in a term, a single letter, a legal title in capitals. */
static void test_no_false_alarms(void **state)
{
    (void)state;
    ra_engine *e = engine_with(RA_INPUT_AUTO, NULL);
    assert_int_equal(count_kind(e, "GDP tăng, vốn FDI và ODA đổ về, VTV đưa tin lúc 7 giờ GMT.", 0), 0);
    assert_int_equal(count_kind(e, "Ngày 2/9 và sáng 19-8, giai đoạn 2021-2025, nhiệt độ 38-40 độ C.", 0), 0);
    assert_int_equal(count_kind(e, "Bổ sung vitamin A, tia α, tia β-γ và hàm n mũ hai cho Hà Nội.", 0), 0);
    assert_int_equal(count_kind(e, "Chất β-caroten có trong cà rốt.", RA_FINDING_MIXED_SCRIPT), 0);
    assert_int_equal(count_kind(e, "QUYẾT ĐỊNH\n\nBAN HÀNH CÁC NGUYÊN TẮC, TIÊU CHÍ VÀ ĐỊNH MỨC PHÂN BỔ VỐN ĐẦU TƯ PHÁT "
                                   "TRIỂN NGUỒN NGÂN SÁCH NHÀ NƯỚC TỈNH GIAI ĐOẠN 2016-2020\n\nỦY BAN NHÂN DÂN TỈNH\n",
                                0),
                     0);
    /* but a Cyrillic о in a Vietnamese word, and an unknown acronym, are */
    assert_int_equal(count_kind(e, "Thành phố Hồ Chí Minh cоn đường mới.", RA_FINDING_MIXED_SCRIPT), 1);
    assert_int_equal(count_kind(e, "Hợp tác xã XKQ ký hợp đồng.", RA_FINDING_SPELLED), 1);
    ra_engine_free(e);
}

/* A sentence over 4 KB is read in pieces: one finding for the whole sentence, saying so. */
static void test_chunked_sentence(void **state)
{
    (void)state;
    ra_engine *e = engine_with(RA_INPUT_AUTO, NULL);
    size_t len;
    char *text = fill_repeat("", "người dân tham gia giữ gìn an ninh trật tự, ", 200, "ở khu dân cư.", &len);
    ra_check_result *r = NULL;
    assert_int_equal(ra_check(e, text, len, &r), RA_OK);
    assert_int_equal(ra_check_count(r), 1);
    const ra_finding *f = ra_check_get(r, 0);
    assert_int_equal(f->kind, RA_FINDING_LONG_SENTENCE);
    assert_true(f->line == 1 && f->column == 1 && f->byte_start == 0 && f->byte_end == len);
    assert_non_null(strstr(f->message, "pieces"));
    ra_check_free(r);
    free(text);
    ra_engine_free(e);
}

/* JSON: the kinds asked for, with level, place, reading and fix, and the summary. */
static void test_json(void **state)
{
    (void)state;
    checked c = check_file(RA_INPUT_AUTO, NULL, "tests/data/check-article.txt");
    ra_check_result *r = c.r;
    char *json = NULL;
    assert_int_equal(ra_check_json(r, "bài \"mẫu\".txt", 1u << RA_FINDING_SPELLED | 1u << RA_FINDING_MOJIBAKE, &json),
                     RA_OK);
    assert_non_null(strstr(json, "\"file\": \"bài \\\"mẫu\\\".txt\""));
    assert_non_null(strstr(json, "{\"kind\": \"spelled\", \"level\": \"warning\", \"line\": 3, \"column\": 63, "));
    assert_non_null(strstr(json, "\"reading\": \"quy dét ích xì\", "));
    assert_non_null(strstr(json, "\"fix\": \"add \\\"QZX<TAB>its reading\\\" to a lexicon (--lexicon FILE)\"}"));
    assert_non_null(strstr(json, "\"kind\": \"mojibake\", \"level\": \"error\""));
    assert_null(strstr(json, "\"kind\": \"foreign\""));
    assert_non_null(strstr(json, "\"summary\": {\"words\": 249, \"guesses\": 5, \"confident\": 0.980, \"errors\": 1, "
                                 "\"warnings\": 1, \"infos\": 0}"));
    ra_free(json);
    assert_int_equal(ra_check_json(r, NULL, 0, &json), RA_OK); /* 0: every kind */
    assert_non_null(strstr(json, "\"file\": null"));
    assert_non_null(strstr(json, "\"errors\": 2, \"warnings\": 5, \"infos\": 5}"));
    ra_free(json);
    checked_free(&c);
}

/* Several threads checking with one engine at once each get the report a lone call gets. */
typedef struct {
    ra_engine *e;
    const char *text;
    size_t len;
    char *json;
} check_job;

static void *check_thread(void *arg)
{
    check_job *j = arg;
    for (int k = 0; k < 5; k++) {
        ra_check_result *r = NULL;
        char *json = NULL;
        if (ra_check(j->e, j->text, j->len, &r) != RA_OK || ra_check_json(r, NULL, 0, &json) != RA_OK)
            return NULL;
        ra_check_free(r);
        if (j->json && strcmp(j->json, json) != 0) {
            ra_free(json);
            return NULL;
        }
        ra_free(j->json);
        j->json = json;
    }
    return arg;
}

static void test_threads(void **state)
{
    (void)state;
    ra_engine *e = engine_with(RA_INPUT_AUTO, NULL);
    size_t len = 0;
    char *text = read_file("tests/data/check-article.txt", &len), *lone = NULL;
    ra_check_result *r = NULL;
    assert_int_equal(ra_check(e, text, len, &r), RA_OK);
    assert_int_equal(ra_check_json(r, NULL, 0, &lone), RA_OK);
    ra_check_free(r);
    pthread_t t[4];
    check_job jobs[4];
    for (int k = 0; k < 4; k++) {
        jobs[k] = (check_job){ e, text, len, NULL };
        assert_int_equal(pthread_create(&t[k], NULL, check_thread, &jobs[k]), 0);
    }
    for (int k = 0; k < 4; k++) {
        void *ok = NULL;
        pthread_join(t[k], &ok);
        assert_non_null(ok);
        assert_string_equal(jobs[k].json, lone);
        ra_free(jobs[k].json);
    }
    ra_free(lone);
    free(text);
    ra_engine_free(e);
}

static void test_names_and_arguments(void **state)
{
    (void)state;
    assert_string_equal(ra_finding_kind_name(RA_FINDING_SPELLED), "spelled");
    assert_string_equal(ra_finding_kind_name(RA_FINDING_ALL_CAPS), "all-caps");
    assert_string_equal(ra_finding_kind_name((ra_finding_kind)99), "");
    assert_int_equal(ra_finding_kind_level(RA_FINDING_AMBIGUOUS), RA_LEVEL_INFO);
    assert_int_equal(ra_finding_kind_level(RA_FINDING_NO_ALT), RA_LEVEL_ERROR);
    assert_string_equal(ra_level_name(RA_LEVEL_WARNING), "warning");
    for (int k = 1; k <= RA_FINDING_KINDS; k++)
        assert_true(ra_finding_kind_name((ra_finding_kind)k)[0]);
    ra_engine *e = engine_with(RA_INPUT_AUTO, NULL);
    ra_check_result *r = NULL;
    assert_int_equal(ra_check(e, NULL, 0, &r), RA_ERR_ARG);
    assert_int_equal(ra_check(e, "x", 1, NULL), RA_ERR_ARG);
    assert_int_equal(ra_check(NULL, "x", 1, &r), RA_ERR_ARG);
    assert_int_equal(ra_check(e, "a\xff\xfe b", 5, &r), RA_OK); /* stray bytes: mended, as when reading */
    ra_check_free(r);
    assert_int_equal(ra_check_count(NULL), 0);
    ra_check_free(NULL);
    ra_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_text_kind),  cmocka_unit_test(test_every_page_kind),
        cmocka_unit_test(test_example_article_is_clean), cmocka_unit_test(test_suggested_lexicon_fix),
        cmocka_unit_test(test_no_false_alarms),  cmocka_unit_test(test_chunked_sentence),
        cmocka_unit_test(test_json),             cmocka_unit_test(test_names_and_arguments),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
