/* HTML input: what is read of a page, what is never read, offsets into the page's bytes,
 * encodings, selectors, and malformed pages that must cost linear time. */
#include "testutil.h"

#include <time.h>

#include "html.h"
#include "readarticle.h"

static ra_engine *html_engine(int format, const char *selector, int whole)
{
    ra_options o;
    ra_options_init(&o);
    o.input_format = format;
    o.html_selector = selector;
    o.html_whole_page = whole;
    ra_engine *e = NULL;
    assert_int_equal(ra_engine_new(&e, &o), RA_OK);
    return e;
}

/* The text read from page with these options. */
static char *extract_with(const char *page, size_t len, const char *selector, int whole)
{
    ra_engine *e = html_engine(RA_INPUT_HTML, selector, whole);
    char *out = NULL;
    assert_int_equal(ra_extract(e, page, len, &out), RA_OK);
    ra_engine_free(e);
    return out;
}

static char *extract(const char *page)
{
    return extract_with(page, strlen(page), NULL, 0);
}

static void assert_extract(const char *page, const char *want)
{
    char *got = extract(page);
    if (strcmp(got, want) != 0)
        fail_msg("want:\n%s\ngot:\n%s\n(page: %.60s ...)", want, got, page);
    ra_free(got);
}

static const char news[] =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Hà Nội mở đường - Báo Mẫu</title>"
    "<script>var a = 'mã nguồn';</script><style>p { color: red }</style></head><body>"
    "<nav class=\"main-nav\"><a href=\"/\">Trang chủ</a> <a href=\"/ts\">Thời sự</a></nav>"
    "<div class=\"breadcrumb\"><a href=\"/\">Trang chủ</a> &gt; <a href=\"/gt\">Giao thông</a></div>"
    "<h1 class=\"title-detail\">Hà Nội mở rộng đường vành đai</h1>"
    "<p class=\"description\">Sáng 16/01/2023, UBND thành phố khởi công dự án mở rộng đường vành đai.</p>"
    "<article class=\"fck_detail\">"
    "<p>Theo kế hoạch, dự án sẽ hoàn thành vào năm 2025, giúp giảm ùn tắc cho phía nam thành phố.</p>"
    "<div class=\"box-tinlienquan\"><h3>Tin liên quan</h3><ul><li><a href=\"/a\">Hà Nội cấm xe máy</a></li>"
    "<li><a href=\"/b\">Giá xăng tăng mạnh</a></li></ul></div>"
    "<p>Xem thêm: <a href=\"/c\">Người dân hào hứng với dự án mới</a></p>"
    "<h2>Giải phóng mặt bằng</h2>"
    "<p>Công tác giải phóng mặt bằng đã đạt 95%, với hơn 300 hộ dân đồng thuận bàn giao đất.</p>"
    "<ul class=\"list-news\"><li><a href=\"/d\">&gt;&gt; Bài trước: khảo sát tuyến đường</a></li></ul>"
    "<p><strong>Minh Anh</strong></p></article>"
    "<div class=\"comment-list\"><p>Bạn đọc Lan: dự án rất tốt, mong sớm hoàn thành đúng hạn nhé.</p></div>"
    "<aside><h3>Đọc nhiều</h3><a href=\"/x\">Bão số 3 đổ bộ vào miền Bắc</a></aside>"
    "<footer><p>Giấy phép số 548/GP-BTTTT. Địa chỉ: 17 Hàng Bài, Hà Nội.</p></footer>"
    "<div id=\"cookie-consent\">Chúng tôi dùng cookie để cải thiện trải nghiệm của bạn.</div>"
    "</body></html>";

static void test_article_headline_lead_body(void **state)
{
    (void)state;
    assert_extract(news, "Hà Nội mở rộng đường vành đai\n\n"
                         "Sáng 16/01/2023, UBND thành phố khởi công dự án mở rộng đường vành đai.\n\n"
                         "Theo kế hoạch, dự án sẽ hoàn thành vào năm 2025, giúp giảm ùn tắc cho phía nam "
                         "thành phố.\n\n"
                         "Giải phóng mặt bằng\n\n"
                         "Công tác giải phóng mặt bằng đã đạt 95%, với hơn 300 hộ dân đồng thuận bàn giao đất.\n\n"
                         "Minh Anh");
}

/* A print copy of the headline and lead inside the body, and an alt text that repeats the
 * headline, are read once; a sapo outside the body is found by its class (detail-sapo). */
static void test_headline_and_lead_read_once(void **state)
{
    (void)state;
    assert_extract("<!doctype html><body><div class=\"sidebar-1\"><h1>Tiêu đề bài báo hôm nay</h1>"
                   "<h2 class=\"detail-sapo\">Đây là đoạn mở đầu của bài báo, đủ dài để làm sapo.</h2>"
                   "<div class=\"content\"><h1>Tiêu đề bài báo hôm nay</h1>"
                   "<p class=\"sapo\">Đây là đoạn mở đầu của bài báo, đủ dài để làm sapo.</p>"
                   "<img alt=\"Tiêu đề bài báo hôm nay 1\"><p>Nội dung chính của bài báo, với nhiều chữ, dấu "
                   "phẩy, và câu dài.</p><p>Đoạn thứ hai của bài, cũng dài, cũng có dấu phẩy, để chắc chắn.</p>"
                   "</div></div><div class=\"sidebar\"><h1>Tin nổi bật</h1></div></body>",
                   "Tiêu đề bài báo hôm nay\n\nĐây là đoạn mở đầu của bài báo, đủ dài để làm sapo.\n\n"
                   "Nội dung chính của bài báo, với nhiều chữ, dấu phẩy, và câu dài.\n\n"
                   "Đoạn thứ hai của bài, cũng dài, cũng có dấu phẩy, để chắc chắn.");
}

/* Where the h1 is the site's name, the heading with the page's title is the headline; an old
 * portal's headline in a table cell is found by its class (tieude) and its lead by trichdan;
 * furniture inside the body goes even when its class also says content. */
static void test_headlines_of_other_shapes(void **state)
{
    (void)state;
    assert_extract("<html><head><title>Sinh viên giành giải Nhì Olympic Tin học</title></head><body>"
                   "<h1 class=\"site-title\">KHOA CÔNG NGHỆ THÔNG TIN</h1><div class=\"page-header\">"
                   "<h2>Sinh viên giành giải Nhì Olympic Tin học</h2></div><div class=\"item-page\">"
                   "<p>Đội tuyển của khoa vừa giành một giải Nhì, hai giải Khuyến khích tại kỳ thi năm nay.</p>"
                   "<p><span class=\"hits\">Lượt xem: 512</span></p></div></body></html>",
                   "Sinh viên giành giải Nhì Olympic Tin học\n\n"
                   "Đội tuyển của khoa vừa giành một giải Nhì, hai giải Khuyến khích tại kỳ thi năm nay.");
    assert_extract("<html><head><title>Cổng thông tin huyện - Tin tức</title></head><body><table><tr>"
                   "<td class=\"menuleft\"><a href=\"/\">Trang chủ</a></td><td><table>"
                   "<tr><td class=\"tieude\"><b>Huyện ra quân làm đường giao thông</b></td></tr>"
                   "<tr><td class=\"trichdan\"><b>Sáng 14/3, huyện tổ chức lễ ra quân làm đường giao thông nông "
                   "thôn.</b></td></tr><tr><td class=\"noidung\"><p>Hơn 500 người tham gia, gồm đoàn viên, "
                   "dân quân và người dân các xã, làm mới 12 km đường.</p><div class=\"RelatedNewsContent\">"
                   "<p>Tin tức mới về đường nông thôn của huyện trong năm nay, rất dài và đầy đủ.</p></div>"
                   "</td></tr></table></td></tr></table></body></html>",
                   "Huyện ra quân làm đường giao thông\n\n"
                   "Sáng 14/3, huyện tổ chức lễ ra quân làm đường giao thông nông thôn.\n\n"
                   "Hơn 500 người tham gia, gồm đoàn viên, dân quân và người dân các xã, làm mới 12 km đường.");
}

static void test_whole_page_reads_visible_text(void **state)
{
    (void)state;
    char *all = extract_with(news, strlen(news), NULL, 1);
    assert_non_null(strstr(all, "Trang chủ Thời sự"));
    assert_non_null(strstr(all, "Giấy phép số 548"));
    assert_non_null(strstr(all, "Hà Nội cấm xe máy"));
    assert_null(strstr(all, "mã nguồn"));
    assert_null(strstr(all, "color"));
    assert_null(strstr(all, "Báo Mẫu")); /* <title> is not page text */
    ra_free(all);
}

static void test_never_read(void **state)
{
    (void)state;
    assert_extract("<!doctype html><body><main><p>Một hai ba bốn năm sáu bảy tám chín mười, mười một.</p>"
                   "<template><p>Mẫu không đọc</p></template><noscript>Bật JavaScript</noscript>"
                   "<svg><text>biểu tượng</text></svg><math><mi>x</mi></math>"
                   "<form><label>Tên</label><input value=\"giá trị\"><select><option>Lựa chọn</option></select>"
                   "<textarea>Ghi chú</textarea><button>Gửi đi</button></form>"
                   "<p hidden>Ẩn thuộc tính</p><div aria-hidden=\"true\">Ẩn aria</div>"
                   "<p style=\"color:red; DISPLAY : none\">Ẩn kiểu</p><p style=\"visibility:hidden\">Ẩn nữa</p>"
                   "<amp-img alt=\"ảnh tùy biến\" src=\"a.jpg\" data-x=\"thuộc tính lạ\"></amp-img>"
                   "<say-as interpret-as=\"date\">Chữ trong thẻ lạ</say-as>"
                   "<form role=\"search\"><p>Tìm kiếm</p></form></main></body>",
                   "Một hai ba bốn năm sáu bảy tám chín mười, mười một.\n\nChữ trong thẻ lạ");
}

static void test_structure_breaks_and_cells(void **state)
{
    (void)state;
    const char page[] = "<!doctype html><body><div>Dòng một<br>dòng hai</div><table><tr><td>Ô một</td>"
                        "<td>Ô hai</td></tr><tr><th>Ô ba</th></tr></table><ul><li>Mục một</li>"
                        "<li>Mục <b>hai</b></li></ul><p>Chữ<span>liền</span> và   cách</p></body>";
    char *got = extract_with(page, strlen(page), NULL, 1);
    assert_string_equal(got, "Dòng một\ndòng hai\n\nÔ một\n\nÔ hai\n\nÔ ba\n\nMục một\n\nMục hai\n\n"
                             "Chữliền và cách");
    ra_free(got);
}

static void test_alt_text_announced_only_when_given(void **state)
{
    (void)state;
    const char page[] = "<!doctype html><body><img src=\"logo.png\"><img alt=\"\" src=\"x.png\">"
                        "<img alt=\"IMG_2023.jpg\"><img alt=\"anh cau 1.WEBP\"><p>Đoạn văn.</p><img alt=\"Cầu Long Biên lúc bình minh\">"
                        "</body>";
    char *got = extract_with(page, strlen(page), NULL, 1);
    assert_string_equal(got, "Đoạn văn.\n\nẢnh: Cầu Long Biên lúc bình minh.");
    ra_free(got);
}

static void test_headline_fallbacks(void **state)
{
    (void)state;
    assert_extract("<html><head><title>Giá vàng hôm nay tăng mạnh - VnExpress</title></head><body><div class=\"content\">"
                   "<p>Giá vàng SJC sáng nay tăng thêm 500.000 đồng mỗi lượng, lên mức cao nhất trong tháng.</p>"
                   "</div></body></html>",
                   "Giá vàng hôm nay tăng mạnh\n\n"
                   "Giá vàng SJC sáng nay tăng thêm 500.000 đồng mỗi lượng, lên mức cao nhất trong tháng.");
    assert_extract("<html><head><title>Trang - Báo</title><meta property=\"og:title\" content=\"Bão số 3 &amp; mưa lớn\">"
                   "</head><body><div class=\"content\"><p>Bão số 3 gây mưa lớn ở nhiều tỉnh miền Bắc trong hai ngày qua.</p>"
                   "</div></body></html>",
                   "Bão số 3 & mưa lớn\n\nBão số 3 gây mưa lớn ở nhiều tỉnh miền Bắc trong hai ngày qua.");
}

static void test_selector(void **state)
{
    (void)state;
    char *got = extract_with(news, strlen(news), "footer", 0);
    assert_string_equal(got, "Giấy phép số 548/GP-BTTTT. Địa chỉ: 17 Hàng Bài, Hà Nội.");
    ra_free(got);
    got = extract_with(news, strlen(news), "#cookie-consent", 0);
    assert_string_equal(got, "Chúng tôi dùng cookie để cải thiện trải nghiệm của bạn.");
    ra_free(got);
    got = extract_with(news, strlen(news), ".fck_detail", 0); /* the element, its link boxes left out */
    assert_non_null(strstr(got, "Theo kế hoạch"));
    assert_null(strstr(got, "Hà Nội cấm xe máy"));
    assert_null(strstr(got, "Sáng 16/01/2023"));
    ra_free(got);
    ra_engine *e = html_engine(RA_INPUT_HTML, ".khong-co", 0);
    char *out = NULL;
    assert_int_equal(ra_extract(e, news, strlen(news), &out), RA_ERR_EMPTY);
    assert_non_null(strstr(ra_errmsg(e), ".khong-co"));
    assert_int_equal(ra_synth_to_memory(e, news, strlen(news), RA_FORMAT_WAV, (void **)&out, &(size_t){ 0 }),
                     RA_ERR_EMPTY);
    ra_engine_free(e);
    ra_options o;
    ra_options_init(&o);
    o.html_selector = "div > p";
    assert_int_equal(ra_engine_new(&e, &o), RA_ERR_ARG);
    o.html_selector = NULL;
    o.input_format = 7;
    assert_int_equal(ra_engine_new(&e, &o), RA_ERR_ARG);
}

static void test_auto_detection(void **state)
{
    (void)state;
    assert_true(html_sniff("\xEF\xBB\xBF  <!-- lưu --> <!DOCTYPE HTML><p>", 33));
    assert_true(html_sniff("<html lang=vi>", 14));
    assert_false(html_sniff("Giá <b>tăng</b> mạnh", 21));
    assert_false(html_sniff("<p>Đoạn</p>", 12)); /* a fragment in a text is text */
    ra_engine *e = html_engine(RA_INPUT_AUTO, NULL, 0);
    char *out = NULL;
    assert_int_equal(ra_extract(e, news, strlen(news), &out), RA_OK);
    assert_null(strstr(out, "Trang chủ"));
    ra_free(out);
    const char text[] = "Xin <b>chào</b> &amp; tạm biệt";
    assert_int_equal(ra_extract(e, text, strlen(text), &out), RA_OK);
    assert_string_equal(out, "Xin chào & tạm biệt");
    ra_free(out);
    ra_engine_free(e);
}

/* Sentences and word events of a synthesis point into the page's bytes. */
typedef struct {
    const char *page;
    int words, sentences, bad;
} spans;

static int on_event(void *user, const ra_event *ev)
{
    spans *s = user;
    size_t n = ev->byte_end - ev->byte_start;
    const char *src = s->page + ev->byte_start;
    if (ev->kind == RA_EVENT_SENTENCE) {
        s->sentences++;
        return 0;
    }
    s->words++;
    if (!strcmp(ev->text, "Pháp") && !(n == 11 && !memcmp(src, "Ph&aacute;p", 11)))
        s->bad++;
    else if (!strcmp(ev->text, "Vân") && !(n == 4 && !memcmp(src, "V\xC3\xA2n", 4)))
        s->bad++;
    else if (strcmp(ev->text, "Pháp") && strcmp(ev->text, "Vân") && (n != strlen(ev->text) || memcmp(src, ev->text, n)))
        s->bad++;
    return 0;
}

static void test_offsets_point_into_the_page(void **state)
{
    (void)state;
    const char page[] = "<!doctype html>\r\n<body><h1>Nút giao\r\nPh&aacute;p Vân</h1>\n<nav><a href=\"/\">Trang"
                        "</a></nav><article class=\"content\"><p>Đường vành đai 3 dài\n 12 km, "
                        "qua <a href=\"/x\">Thanh Trì</a> và nhiều phường khác của Hà Nội.</p></article></body>";
    ra_engine *e = html_engine(RA_INPUT_HTML, NULL, 0);
    spans s = { page, 0, 0, 0 };
    ra_hooks h;
    ra_hooks_init(&h);
    h.on_event = on_event;
    h.event_user = &s;
    void *wav = NULL;
    size_t size = 0;
    assert_int_equal(ra_synth_to_memory_with(e, page, strlen(page), RA_FORMAT_WAV, &wav, &size, &h), RA_OK);
    ra_free(wav);
    ra_engine_free(e);
    assert_int_equal(s.sentences, 2);
    assert_true(s.words >= 18);
    assert_int_equal(s.bad, 0);
}

static void test_encodings(void **state)
{
    (void)state;
    /* windows-1258: "Hà Nội" is H, a + combining grave (0xCC), space, N, ô (0xF4) + dot below (0xF2), i */
    const char cp1258[] = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\">"
                          "</head><body><p>H\x61\xCC N\xF4\xF2i</p></body></html>";
    char *got = extract_with(cp1258, strlen(cp1258), NULL, 1);
    assert_string_equal(got, "Hà Nội");
    ra_free(got);
    /* an old portal page in TCVN3 (ABC fonts) that declares windows-1252 is repaired; without a
     * declaration its bytes are recognised; the offsets still point into the page's bytes */
    const char tcvn3[] = "<html><head><meta charset=\"windows-1252\"></head><body><p>H\xB5 N\xE9i l\xB5 th\xF1 \xAE"
                         "\xAB c\xF1" "a Vi\xD6t Nam.</p></body></html>";
    got = extract_with(tcvn3, strlen(tcvn3), NULL, 1);
    assert_string_equal(got, "Hà Nội là thủ đô của Việt Nam.");
    ra_free(got);
    const char *undeclared = strstr(tcvn3, "<body>");
    got = extract_with(undeclared, strlen(undeclared), NULL, 1);
    assert_string_equal(got, "Hà Nội là thủ đô của Việt Nam.");
    ra_free(got);
    const char bom8[] = "\xEF\xBB\xBF<!doctype html><p>Xin chào</p>";
    got = extract_with(bom8, strlen(bom8), NULL, 1);
    assert_string_equal(got, "Xin chào");
    ra_free(got);
    const char utf16[] = "\xFF\xFE<\0p\0>\0X\0i\0n\0 \0c\0h\0\xE0\0o\0";
    got = extract_with(utf16, sizeof utf16 - 1, NULL, 1);
    assert_string_equal(got, "Xin chào");
    ra_free(got);
    ra_engine *e = html_engine(RA_INPUT_HTML, NULL, 0);
    char *out = NULL;
    assert_int_equal(ra_extract(e, "<!doctype html><p>ab\xFFgh</p>", 26, &out), RA_OK);
    assert_string_equal(out, "ab\xEF\xBF\xBDgh"); /* U+FFFD, which reads as nothing */
    assert_non_null(strstr(ra_warning(e), "byte 20"));
    ra_free(out);
    out = NULL;
    ra_engine_free(e);
    ra_options o;
    ra_options_init(&o);
    o.input_format = RA_INPUT_HTML;
    o.input_strict = 1;
    assert_int_equal(ra_engine_new(&e, &o), RA_OK);
    assert_int_equal(ra_extract(e, "<!doctype html><p>ab\xFFgh</p>", 26, &out), RA_ERR_UTF8);
    assert_non_null(strstr(ra_errmsg(e), "byte 20"));
    assert_int_equal(ra_extract(e, "<meta charset=\"x-klingon\"><p>ab\xFF</p>", 36, &out), RA_ERR_UTF8);
    assert_non_null(strstr(ra_errmsg(e), "x-klingon"));
    assert_int_equal(ra_extract(e, "<meta charset=\"x-klingon\"><p>Chào</p>", 37, &out), RA_OK);
    assert_string_equal(out, "Chào");
    ra_free(out);
    ra_engine_free(e);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}


/* Seconds to extract a page of unit repeated n times. */
static double extract_time(const char *head, const char *unit, size_t n, const char *tail, const char *must)
{
    size_t len = 0;
    char *page = fill_repeat(head, unit, n, tail, &len);
    double t0 = now();
    char *got = extract_with(page, len, NULL, 0);
    double t = now() - t0;
    if (must && !strstr(got, must))
        fail_msg("'%s' was not read", must);
    ra_free(got);
    free(page);
    return t;
}

/* The least of three timings: a busy machine delays some runs, never speeds one up. */
static double best_time(const char *head, const char *unit, size_t n, const char *tail, const char *must)
{
    double best = 1e9;
    for (int k = 0; k < 3; k++) {
        double t = extract_time(head, unit, n, tail, must);
        best = t < best ? t : best;
    }
    return best;
}

/* Malformed pages: doubling the input must not quadruple the time (4x would be quadratic; a
 * linear cost stays near 2x, and the bound 3.2x leaves room for a noisy machine). */
static void assert_linear(const char *head, const char *unit, size_t n, const char *tail, const char *must)
{
    double a = best_time(head, unit, n, tail, must), b = best_time(head, unit, 2 * n, tail, must);
    if (b > 3.2 * a && b > 0.2)
        fail_msg("%zu units of '%.20s': %.3f s, twice as many: %.3f s", n, unit, a, b);
}

static void test_malformed_pages_cost_linear_time(void **state)
{
    (void)state;
    assert_linear("<!doctype html><body>", "<div>", 50000, "<p>Đoạn văn ở tận cùng, sâu năm vạn tầng.</p>",
                  "Đoạn văn ở tận cùng");
    assert_linear("<!doctype html><body>", "<b><i>", 40000, "<p>Chữ đậm.</p>", "Chữ đậm.");
    assert_linear("<!doctype html><body><div ", "a1=x b=\"y\" ", 50000, ">Nhiều thuộc tính.</div>",
                  "Nhiều thuộc tính.");
    assert_linear("<!doctype html><body>", "<p><span><b>Tin số một, hai và ba. <a href=x>Liên kết", 20000, "", "Tin số một");
    assert_linear("<!doctype html><body><p>", "&#xFFFFFFFF;&amp &#0; &bogus; &#55296; &#x1EDD", 20000, "</p>", NULL);
    assert_linear("<!doctype html><body>", "<table><td><tr><select><li><math><svg><template><form>", 5000, "",
                  NULL);
}

/* A 50 MB page (a long archive page of 60,000 stories) is read whole, to its last paragraph. */
static void test_fifty_megabyte_page(void **state)
{
    (void)state;
    const char unit[] = "<div class=\"item\"><h2>Tin trong ngày</h2><p>Ngày 16/01/2023, UBND tỉnh Bắc Giang đã tổ "
                        "chức hội nghị tổng kết công tác năm 2022, triển khai nhiệm vụ năm 2023 với sự tham dự của "
                        "đông đảo đại biểu, cán bộ và nhân dân các xã trong toàn tỉnh, cùng các cơ quan báo chí."
                        "</p><ul class=\"related\"><li><a href=\"/a\">Tin khác cùng chuyên mục</a></li></ul></div>\n";
    size_t times = (50u << 20) / (sizeof unit - 1) + 1, len = 0;
    char *page = fill_repeat("<!doctype html><html><head><title>Lưu trữ</title></head><body><article class=\"content\">",
                             unit, times, "<p>Đoạn cuối cùng của trang lưu trữ rất dài này.</p></article></body></html>",
                             &len);
    assert_non_null(page);
    assert_true(len > (50u << 20));
    char *got = extract_with(page, len, NULL, 0);
    assert_non_null(strstr(got, "Đoạn cuối cùng của trang lưu trữ rất dài này."));
    assert_null(strstr(got, "Tin khác cùng chuyên mục"));
    ra_free(got);
    free(page);
}

static void test_binary_junk_never_crashes(void **state)
{
    (void)state;
    unsigned seed = 7;
    ra_engine *e = html_engine(RA_INPUT_HTML, NULL, 0);
    static const char *const pieces[] = { "<", ">", "</", "<div", "<p>", "&", "&#", ";", "\"", "'", "=", "<!--",
                                          "-->", "<script>", "</script>", "\xC3\xA0", "\0", "<svg", " ", "x" };
    for (int round = 0; round < 200; round++) {
        char page[4096];
        size_t len = 0;
        while (len + 16 < sizeof page) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
            size_t n = *p ? strlen(p) : 1;
            memcpy(page + len, p, n);
            len += n;
        }
        char *out = NULL;
        ra_status st = ra_extract(e, page, len, &out);
        assert_true(st == RA_OK || st == RA_ERR_UTF8);
        ra_free(out);
    }
    ra_engine_free(e);
}

static void test_options_of_older_versions(void **state)
{
    (void)state;
    union {
        ra_options o;
        unsigned char b[sizeof(ra_options)];
    } u;
    memset(&u, 0xAB, sizeof u);
    assert_int_equal(ra_options_init_version(&u.o, 2), RA_OK);
    assert_int_equal(u.o.version, 2);
    for (size_t i = offsetof(ra_options, input_format); i < sizeof u; i++)
        assert_int_equal(u.b[i], 0xAB); /* an older program's struct ends here: nothing written past it */
    memset(&u, 0xAB, sizeof u);
    assert_int_equal((ra_options_init)(&u.o), RA_OK); /* the function older programs call */
    assert_int_equal(u.o.version, 2);
    assert_int_equal(u.b[sizeof u - 1], 0xAB);
    assert_int_equal(ra_options_init_version(&u.o, 0), RA_ERR_ARG);
    assert_int_equal(ra_options_init_version(&u.o, RA_OPTIONS_VERSION + 1), RA_ERR_ARG);
    assert_int_equal(ra_options_init_version(&u.o, 2), RA_OK);
    ra_engine *e = NULL;
    assert_int_equal(ra_engine_new(&e, &u.o), RA_OK); /* a version-2 struct reads text */
    char *out = NULL;
    assert_int_equal(ra_extract(e, news, strlen(news), &out), RA_OK);
    assert_non_null(strstr(out, "Trang chủ"));
    ra_free(out);
    ra_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_article_headline_lead_body),
        cmocka_unit_test(test_headline_and_lead_read_once),
        cmocka_unit_test(test_headlines_of_other_shapes),
        cmocka_unit_test(test_whole_page_reads_visible_text),
        cmocka_unit_test(test_never_read),
        cmocka_unit_test(test_structure_breaks_and_cells),
        cmocka_unit_test(test_alt_text_announced_only_when_given),
        cmocka_unit_test(test_headline_fallbacks),
        cmocka_unit_test(test_selector),
        cmocka_unit_test(test_auto_detection),
        cmocka_unit_test(test_offsets_point_into_the_page),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_malformed_pages_cost_linear_time),
        cmocka_unit_test(test_fifty_megabyte_page),
        cmocka_unit_test(test_binary_junk_never_crashes),
        cmocka_unit_test(test_options_of_older_versions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
