/* Allocation failure: every allocation made while normalizing (and while extracting a page,
 * decoding legacy encodings, and synthesizing) is made to fail in turn. Each run must either
 * succeed with the full result or fail with RA_ERR_NOMEM: never a shorter result, never a crash.
 * malloc, calloc and realloc are interposed here, so that the library, utf8proc and gumbo all
 * see the failure. They forward to glibc's own, or under AddressSanitizer to its allocator
 * (found with dlsym; dlsym's own first calloc is served from a static buffer). */
#define _GNU_SOURCE
#include "testutil.h"

#include <dlfcn.h>
#include <execinfo.h>
#include <stdint.h>

#include "readarticle.h"

#if defined(__SANITIZE_ADDRESS__)
#define RA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RA_ASAN 1
#endif
#endif

static long countdown = -1; /* the allocation that fails: 0 = the next one; -1 = none */
static long seen;           /* allocations since armed */

/* RA_ALLOC_TRACE=1 prints where each failing allocation was made. */
static int fails(void)
{
    if (countdown < 0)
        return 0;
    seen++;
    if (countdown == 0 && getenv("RA_ALLOC_TRACE")) {
        void *bt[32];
        countdown = -2; /* fprintf and backtrace allocate too */
        fprintf(stderr, "-- allocation %ld fails:\n", seen - 1);
        backtrace_symbols_fd(bt, backtrace(bt, 32), 2);
        countdown = 0;
    }
    return countdown-- == 0;
}

#ifdef RA_ASAN
static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static _Alignas(16) char bootstrap[4096]; /* dlsym's calloc before real_calloc is known */
static size_t bootstrap_used;
static int resolving;

static void resolve(void)
{
    if (real_malloc || resolving)
        return;
    resolving = 1;
    /* POSIX's way to turn dlsym's object pointer into a function pointer */
    *(void **)&real_calloc = dlsym(RTLD_NEXT, "calloc");
    *(void **)&real_realloc = dlsym(RTLD_NEXT, "realloc");
    *(void **)&real_malloc = dlsym(RTLD_NEXT, "malloc");
    resolving = 0;
}

static void *from_bootstrap(size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (bootstrap_used + n > sizeof bootstrap)
        return NULL;
    void *p = bootstrap + bootstrap_used;
    bootstrap_used += n;
    return p;
}

void free(void *p)
{
    static void (*real_free)(void *);
    if ((char *)p >= bootstrap && (char *)p < bootstrap + sizeof bootstrap)
        return;
    if (!real_free)
        *(void **)&real_free = dlsym(RTLD_NEXT, "free");
    real_free(p);
}
#define LIBC_MALLOC(n) (resolve(), real_malloc ? real_malloc(n) : from_bootstrap(n))
#define LIBC_CALLOC(a, b) (resolve(), real_calloc ? real_calloc(a, b) : from_bootstrap((a) * (b)))
#define LIBC_REALLOC(p, n) (resolve(), real_realloc(p, n))
#else
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
#define LIBC_MALLOC(n) __libc_malloc(n)
#define LIBC_CALLOC(a, b) __libc_calloc(a, b)
#define LIBC_REALLOC(p, n) __libc_realloc(p, n)
#endif

void *malloc(size_t n)
{
    return fails() ? NULL : LIBC_MALLOC(n);
}

void *calloc(size_t a, size_t b)
{
    return fails() ? NULL : LIBC_CALLOC(a, b);
}

void *realloc(void *p, size_t n)
{
    return fails() ? NULL : LIBC_REALLOC(p, n);
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

/* TCVN3 bytes (detected), VNI glyphs shown as Windows-1252 (repaired), a stray byte (replaced). */
static void test_legacy_sweep(void **state)
{
    (void)state;
    ra_engine *e = NULL;
    assert_int_equal(ra_engine_new(&e, NULL), RA_OK);
    assert_true(sweep(ra_normalize, e, "H\xB5 N\xE9i c\xE3 12 qu\xCB" "n v\xB5 30 x\xB7.") > 5);
    assert_true(sweep(ra_normalize, e, "Xin cha\xC3\xB8o ca\xC3\xB9" "c ba\xC3\xAFn, Vie\xC3\xA4t Nam.") > 5);
    assert_true(sweep(ra_normalize, e, "Xin ch\xC3\xA0o \xFF c\xC3\xA1" "c b\xE1\xBA\xA1n.") > 5);
    ra_engine_free(e);
}

static ra_status to_memory(ra_engine *e, const char *text, void **data, size_t *size)
{
    return ra_synth_to_memory(e, text, strlen(text), RA_FORMAT_WAV, data, size);
}

/* One synthesis into memory, its workers already running: each allocation fails in turn. The
 * audio of every run that succeeds is as long as that of a run where nothing failed (within 1%:
 * espeak-ng itself varies by a few samples from run to run). */
static void test_synthesis_sweep(void **state)
{
    (void)state;
    const char text[] = "Sáng 16/01/2023, UBND huyện họp. Tỷ lệ đạt 97,8%.";
    ra_engine *e = NULL;
    assert_int_equal(ra_engine_new(&e, NULL), RA_OK);
    void *want = NULL, *got = NULL;
    size_t want_n = 0, got_n = 0;
    assert_int_equal(to_memory(e, text, &want, &want_n), RA_OK);
    long k = 0;
    int nomem = 0;
    for (;; k++) {
        seen = 0;
        countdown = k;
        ra_status st = to_memory(e, text, &got, &got_n);
        countdown = -1;
        long made = seen;
        /* espeak-ng's own variation is a few samples; a sentence lost would be a second */
        if (st == RA_OK && (got_n + want_n / 100 < want_n || got_n > want_n + want_n / 100))
            fail_msg("allocation %ld failed and the synthesis still returned RA_OK with %zu bytes, not %zu", k, got_n, want_n);
        if (st != RA_OK && st != RA_ERR_NOMEM)
            fail_msg("allocation %ld failed: status %d (%s), not RA_ERR_NOMEM", k, st, ra_errmsg(e));
        nomem += st == RA_ERR_NOMEM;
        ra_free(got);
        got = NULL;
        if (made <= k)
            break;
    }
    print_message("    %ld allocations of one synthesis failed in turn, %d runs reported RA_ERR_NOMEM\n", k, nomem);
    assert_true(k > 10 && nomem > 0);
    ra_free(want);
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

/* The accessibility check as its JSON report: a run that succeeds reports exactly what a run
 * with no failure does. */
static ra_status check_report(ra_engine *e, const char *text, size_t len, char **out)
{
    ra_check_result *r = NULL;
    ra_status st = ra_check(e, text, len, &r);
    if (st == RA_OK)
        st = ra_check_json(r, "x", 0, out);
    ra_check_free(r);
    return st;
}

static void test_check_sweep(void **state)
{
    (void)state;
    ra_engine *e = NULL;
    assert_int_equal(ra_engine_new(&e, NULL), RA_OK);
    assert_true(sweep(check_report, e, article) > 10);
    assert_true(sweep(check_report, e, "Công ty QZX và Lakeside, BTC họp.\nS\xC3\xAB Gi\xC2\xB8o d\xC3\xB4" "c v\xC2\xB5 "
                                       "\xC2\xA7\xC2\xB5o t\xC2\xB9o, H\xC3\xA0 N\xE1\xBB\x99\xD1\x96.") > 10);
    ra_engine_free(e);
    ra_options o;
    ra_options_init(&o);
    o.input_format = RA_INPUT_HTML;
    assert_int_equal(ra_engine_new(&e, &o), RA_OK);
    assert_true(sweep(check_report, e, "<article><h1>Tin</h1><h2></h2><p>Xem <a href=/x>https://x.vn/a</a> nhé.</p>"
                                       "<img src=a.jpg><p>Hết.</p></article>") > 10);
    ra_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_sweep),
        cmocka_unit_test(test_normalize_sweep),
        cmocka_unit_test(test_html_sweep),
        cmocka_unit_test(test_legacy_sweep),
        cmocka_unit_test(test_synthesis_sweep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
