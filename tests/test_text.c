/* Text stage, syllable check and gate: cleanup, NFC, tone placement, offset map, what passes. */
#include "testutil.h"

#include "gate.h"
#include "norm.h"
#include "utter.h"
#include "syllable.h"
#include "text.h"

static char *clean(const char *in)
{
    rtext t;
    size_t bad = 0;
    assert_int_equal(rtext_prepare(in, strlen(in), &t, &bad), RA_OK);
    char *s = strdup(t.s);
    rtext_free(&t);
    return s;
}

static void expect_clean(const char *in, const char *want)
{
    char *got = clean(in);
    if (strcmp(got, want) != 0)
        fail_msg("clean('%s') = '%s', want '%s'", in, got, want);
    free(got);
}

static void test_nfc_and_tones(void **state)
{
    (void)state;
    expect_clean("Vie\xCC\xA3\xCC\x82t Nam", "Việt Nam");        /* decomposed: e + dot below + circumflex */
    expect_clean("ho\xC3\xA0 b\xC3\xACnh", "hòa bình");          /* hoà -> hòa */
    expect_clean("thu\xe1\xbb\xb7 l\xe1\xbb\xa3i", "thủy lợi");    /* thuỷ -> thủy */
    expect_clean("kho\xe1\xba\xbb", "khỏe");                     /* khoẻ -> khỏe */
    expect_clean("HO\xC3\x80", "HÒA");
    expect_clean("qu\xc3\xbd", "quý");                            /* qu + ý stays */
    expect_clean("ho\xC3\xA0n", "hoàn");                          /* closed syllable stays */
    expect_clean("\xC3\x90\xe1\xba\xa3ng", "Đảng");               /* Ð (eth) -> Đ */
}

static void test_cleanup(void **state)
{
    (void)state;
    expect_clean("a\xE2\x80\x8B" "b", "a b");                      /* a zero-width space parts words */
    expect_clean("a\xE2\x80\x8D" "b", "ab");                       /* a zero-width joiner does not */
    expect_clean("x\xC2\xADy", "xy");                              /* soft hyphen */
    expect_clean("a\x01" "b\x1B" "c", "abc");                      /* controls */
    expect_clean("a\xC2\xA0" "b\tc", "a b c");                     /* NBSP, tab */
    expect_clean("a\r\nb\rc", "a\nb\nc");
    expect_clean("&amp;&lt;&#7845;&#x1EA5;&bogus;", "&<ấấ&bogus;");
    expect_clean("<p>Một</p><p>Hai</p>", "\nMột\n\nHai\n");
    expect_clean("<a href=\"x\">Ảnh</a> và <script>var a = '<b>';</script>x", "Ảnh và x");
    expect_clean("3 < 5 và a<b", "3 < 5 và a<b");
    expect_clean("thẻ <script> trong bài", "thẻ <script> trong bài"); /* unclosed: prose, kept */
    expect_clean("a<!-- x", "a<!-- x");
    expect_clean("&#x80000000;&#99999999;&#xD800;", "&#x80000000;&#99999999;&#xD800;");
    expect_clean("mo\xCC\x82\xCC\xA3t mo\xCC\xA3\xCC\x82t", "một một");  /* marks in either order */
    expect_clean("\xCC\x81" "a \xCC\x81", "a ");                         /* marks with no letter */
    expect_clean("\xEF\xBB\xBFXin", "Xin");                        /* BOM */
}

/* Markup cut off at the very end of an input that is not NUL-terminated (ASan checks reads). */
static void test_truncated_markup(void **state)
{
    (void)state;
    static const char *const tails[] = { "ab <!-", "ab <!--", "ab <scr", "ab &#x1E", "ab &am", "<", "&" };
    for (size_t k = 0; k < sizeof tails / sizeof tails[0]; k++) {
        size_t n = strlen(tails[k]);
        char *exact = malloc(n);
        memcpy(exact, tails[k], n);
        rtext t;
        size_t bad;
        assert_int_equal(rtext_prepare(exact, n, &t, &bad), RA_OK);
        rtext_free(&t);
        free(exact);
    }
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    rtext t;
    size_t bad = 0;
    const char in[] = "Xin ch\xC3 o";
    assert_int_equal(rtext_prepare(in, sizeof in - 1, &t, &bad), RA_ERR_UTF8);
    assert_int_equal(bad, 6);
    const char over[] = "ab\xC0\xAF";                              /* overlong '/' */
    assert_int_equal(rtext_prepare(over, sizeof over - 1, &t, &bad), RA_ERR_UTF8);
    assert_int_equal(bad, 2);
}

static void test_offset_map(void **state)
{
    (void)state;
    const char in[] = "<b>Ho\xC3\xA0</b> &amp; x";
    rtext t;
    size_t bad;
    assert_int_equal(rtext_prepare(in, sizeof in - 1, &t, &bad), RA_OK);
    assert_string_equal(t.s, "Hòa & x");
    assert_int_equal(rtext_src(&t, 0), 3);          /* H */
    assert_int_equal(rtext_src(&t, 1), 4);          /* ò: the tone moved onto the o at byte 4 */
    assert_int_equal(rtext_src(&t, 3), 5);          /* a: its source character was the toned à */
    assert_int_equal(rtext_src(&t, 4), 11);         /* the space after </b> */
    assert_int_equal(rtext_src(&t, 5), 12);         /* & from &amp; */
    assert_int_equal(rtext_src(&t, t.len), sizeof in - 1);
    assert_true(t.map.n <= 6); /* a run per change, not an offset per byte */
    rtext_free(&t);
    /* text that cleaning leaves alone is one run, however long */
    const char plain[] = "Hà Nội là thủ đô của Việt Nam. Người dân đến đông.";
    assert_int_equal(rtext_prepare(plain, sizeof plain - 1, &t, &bad), RA_OK);
    assert_int_equal(t.map.n, 1);
    assert_int_equal(rtext_src(&t, 3), 3); /* the space after Hà */
    rtext_free(&t);
}

static void test_syllables(void **state)
{
    (void)state;
    static const char *const yes[] = { "nâng", "CAO", "Ý", "thức", "trách", "nhiệm", "hòa", "hoà",
                                       "thủy", "thuỷ", "quốc", "nghiêng", "giữa", "gì", "khuya",
                                       "người", "xoong", "Hiệp", "oanh", "uống", "ĐẢNG" };
    static const char *const no[] = { "VTV", "GDP", "ATM", "WTO", "UBND", "Facebook", "internet",
                                      "ka", "ce", "ghá", "ăn5", "hàà", "", "abcdefghijk", "USD" };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (!vn_is_syllable(yes[i], strlen(yes[i])))
            fail_msg("'%s' should be a syllable", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (vn_is_syllable(no[i], strlen(no[i])))
            fail_msg("'%s' should not be a syllable", no[i]);
}

static void expect_gate(const char *in, const char *want)
{
    rbuf b = { 0 };
    gate_text(in, strlen(in), &b);
    const char *got = b.p ? b.p : "";
    if (strcmp(got, want) != 0)
        fail_msg("gate('%s') = '%s', want '%s'", in, got, want);
    rbuf_free(&b);
}

static void test_gate(void **state)
{
    (void)state;
    expect_gate("xin \x01" "chào", "xin chào");          /* U+0001 would start an embedded command */
    expect_gate("a [[h@l]] <b>x</b> 12", "a"); /* no word but syllables: stray letters go */
    expect_gate("mộtngười, thànhphốhồchíminh", "một người, thành phố hồ chí minh"); /* split apart */
    expect_gate("Đắk Lắk, Krông Búk, Kon Tum, Bắc Kạn", "Đắk Lắk, Búk, Kon Tum, Bắc Kạn"); /* k read as c */
    expect_gate("xin Xyzqw chào", "xin chào");
    expect_gate("một,, hai... ba?!", "một, hai. ba?");
    expect_gate(", đầu", "đầu");
    expect_gate("Việt Nam 中国", "Việt Nam");
    /* gi + u + â/ô + ng made espeak-ng 1.51 read past a table (tests/espeak-asan): split */
    expect_gate("Giuông giuâng GIUỐNG, giuộc", "Gi uông gi uâng GI UỐNG, giuộc");
}

/* A long sentence is cut at clause marks for espeak-ng; every word keeps its place. */
static void test_utterance_chunks(void **state)
{
    (void)state;
    char sentence[4096] = "";
    for (int k = 0; k < 40; k++)
        strcat(sentence, "xã Hòa Sơn có 5 thôn, ");
    strcat(sentence, "hết.");
    normcfg cfg = { DIALECT_NORTH, NULL };
    rbuf spoken = { 0 };
    normspans spans = { 0 };
    assert_int_equal(norm_sentence(&cfg, 0, sentence, strlen(sentence), &spoken, &spans), 0);
    utterance u;
    assert_int_equal(utter_build(&u, spoken.p, spoken.len, &spans), 0);
    assert_int_equal(u.nw, 40 * 6 + 1);
    assert_true(u.ncut >= 3);
    for (size_t k = 0; k < u.ncut; k++) {
        size_t len = u.cut[k + 1].byte - u.cut[k].byte;
        assert_true(len <= 2 * UTTER_CHUNK + 20);
        if (k + 1 < u.ncut)
            assert_int_equal(u.text.p[u.cut[k + 1].byte - 2], ','); /* cut after a clause mark */
    }
    /* the word at each word's first code point is that word */
    for (size_t w = 0; w < u.nw; w++)
        assert_int_equal(utter_word_at(&u, u.w[w].cp_start), w);
    assert_string_equal(u.text.p + u.text.len - strlen("hết."), "hết.");
    utter_free(&u);
    normspans_free(&spans);
    rbuf_free(&spoken);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nfc_and_tones), cmocka_unit_test(test_cleanup),
        cmocka_unit_test(test_truncated_markup),
        cmocka_unit_test(test_invalid_utf8),  cmocka_unit_test(test_offset_map),
        cmocka_unit_test(test_syllables),     cmocka_unit_test(test_gate),
        cmocka_unit_test(test_utterance_chunks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
