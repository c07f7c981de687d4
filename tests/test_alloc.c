/* Allocation failure: every allocation made while normalizing (and while extracting a page) is
 * made to fail in turn. Each run must either succeed with the full result or fail with
 * RA_ERR_NOMEM: never a shorter result, never a crash. malloc, calloc and realloc are
 * interposed here (forwarding to glibc's own), so that the library, utf8proc and gumbo all see
 * the failure. Under AddressSanitizer, whose allocator cannot be interposed, it is skipped. */
#include "testutil.h"

#include "readarticle.h"

#if defined(__SANITIZE_ADDRESS__)
#define RA_NO_INTERPOSE 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RA_NO_INTERPOSE 1
#endif
#endif

#ifndef RA_NO_INTERPOSE
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

static long countdown = -1; /* the allocation that fails: 0 = the next one; -1 = none */
static long seen;           /* allocations since armed */

static int fails(void)
{
    if (countdown < 0)
        return 0;
    seen++;
    return countdown-- == 0;
}

void *malloc(size_t n)
{
    return fails() ? NULL : __libc_malloc(n);
}

void *calloc(size_t a, size_t b)
{
    return fails() ? NULL : __libc_calloc(a, b);
}

void *realloc(void *p, size_t n)
{
    return fails() ? NULL : __libc_realloc(p, n);
}

typedef ra_status (*text_call)(ra_engine *, const char *, size_t, char **);

/* Runs call with the k-th allocation failing; returns how many allocations it made. */
static long run_failing(text_call call, ra_engine *e, const char *text, const char *want, long k, int *nomem)
{
    char *out = NULL;
    seen = 0;
    countdown = k;
    ra_status st = call(e, text, strlen(text), &out);
    countdown = -1;
    if (st == RA_OK && strcmp(out, want) != 0)
        fail_msg("allocation %ld failed and the call still returned RA_OK with:\n%s\ninstead of:\n%s", k, out, want);
    if (st != RA_OK && st != RA_ERR_NOMEM)
        fail_msg("allocation %ld failed: status %d (%s), not RA_ERR_NOMEM", k, st, ra_errmsg(e));
    *nomem += st == RA_ERR_NOMEM;
    ra_free(out);
    return seen;
}

/* Fails each allocation of one call in turn; returns the number of allocation sites swept. */
static long sweep(text_call call, ra_engine *e, const char *text)
{
    char *want = NULL;
    assert_int_equal(call(e, text, strlen(text), &want), RA_OK);
    long k = 0, total = -1;
    int nomem = 0;
    for (; total < 0 || k < total; k++) {
        long made = run_failing(call, e, text, want, k, &nomem);
        if (made <= k) /* this run made fewer than k + 1 allocations: every one has failed once */
            total = k;
    }
    ra_free(want);
    print_message("    %ld allocations failed in turn, %d runs reported RA_ERR_NOMEM\n", k, nomem);
    assert_true(nomem > 0);
    return k;
}

static const char article[] =
    "Sáng 16/01/2023, UBND huyện Hiệp Hòa tổ chức hội nghị với 125 đại biểu. Tỷ lệ đạt 97,8%, "
    "tăng 2,5 điểm.\n\nThế kỷ XXI, Đại hội XIII. Gọi 0912 345 678 hoặc xem https://bacgiang.gov.vn.\n"
    "- Mục một: 10–15% (TTXVN).\n- Mục hai: Nghị định 100/2019/NĐ-CP, ông N.T.H nói \"được\".";

static const char page[] =
    "<!doctype html><html><head><title>Tin - Báo</title></head><body><nav class=menu><a href=/>Trang chủ</a>"
    "</nav><h1>UBND tỉnh họp báo</h1><p class=sapo>Sáng 16/01/2023, UBND tỉnh họp báo thường kỳ, "
    "với 50 phóng viên.</p><article class=content><p>Giá vàng tăng 1,5%, lên 76,95 triệu đồng mỗi lượng, "
    "cao nhất từ đầu năm.</p><div class=related><a href=/a>Tin khác</a></div></article></body></html>";

static void test_normalize_sweep(void **state)
{
    (void)state;
    ra_engine *e = NULL;
    assert_int_equal(ra_engine_new(&e, NULL), RA_OK);
    assert_true(sweep(ra_normalize, e, article) > 10);
    assert_true(sweep(ra_sentences, e, article) > 3);
    ra_engine_free(e);
}

static void test_html_sweep(void **state)
{
    (void)state;
    ra_options o;
    ra_options_init(&o);
    o.input_format = RA_INPUT_HTML;
    ra_engine *e = NULL;
    assert_int_equal(ra_engine_new(&e, &o), RA_OK);
    assert_true(sweep(ra_extract, e, page) > 10);
    assert_true(sweep(ra_normalize, e, page) > 10);
    ra_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize_sweep),
        cmocka_unit_test(test_html_sweep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
#else
int main(void)
{
    puts("test_alloc: skipped under AddressSanitizer (its allocator cannot be interposed)");
    return 0;
}
#endif
