/* Number words: cardinals with nghìn/triệu/tỷ, linh/lẻ, mốt/tư/lăm, fractions, digit strings. */
#include "testutil.h"

#include "buf.h"
#include "number.h"

typedef struct {
    const char *digits;
    dialect dl;
    const char *want;
} card_case;

static const card_case cards[] = {
    { "0", DIALECT_NORTH, "không" },
    { "5", DIALECT_NORTH, "năm" },
    { "10", DIALECT_NORTH, "mười" },
    { "15", DIALECT_NORTH, "mười lăm" },
    { "21", DIALECT_NORTH, "hai mươi mốt" },
    { "24", DIALECT_NORTH, "hai mươi tư" },
    { "25", DIALECT_NORTH, "hai mươi lăm" },
    { "11", DIALECT_NORTH, "mười một" },
    { "14", DIALECT_NORTH, "mười bốn" },
    { "100", DIALECT_NORTH, "một trăm" },
    { "105", DIALECT_NORTH, "một trăm linh năm" },
    { "105", DIALECT_SOUTH, "một trăm lẻ năm" },
    { "110", DIALECT_NORTH, "một trăm mười" },
    { "1005", DIALECT_NORTH, "một nghìn không trăm linh năm" },
    { "2023", DIALECT_NORTH, "hai nghìn không trăm hai mươi ba" },
    { "2023", DIALECT_SOUTH, "hai ngàn không trăm hai mươi ba" },
    { "1250", DIALECT_NORTH, "một nghìn hai trăm năm mươi" },
    { "10000", DIALECT_NORTH, "mười nghìn" },
    { "3000450", DIALECT_NORTH, "ba triệu bốn trăm năm mươi" },
    { "1000005", DIALECT_NORTH, "một triệu không trăm linh năm" },
    { "17386680", DIALECT_NORTH, "mười bảy triệu ba trăm tám mươi sáu nghìn sáu trăm tám mươi" },
    { "2500000000", DIALECT_NORTH, "hai tỷ năm trăm triệu" },
    { "1000000000000", DIALECT_NORTH, "một nghìn tỷ" },
    { "1000000000000000", DIALECT_NORTH, "một triệu tỷ" },
    { "007", DIALECT_NORTH, "bảy" },
};

static void test_cardinals(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cards / sizeof cards[0]; i++) {
        rbuf b = { 0 };
        num_cardinal(&b, cards[i].digits, strlen(cards[i].digits), cards[i].dl);
        if (strcmp(b.p, cards[i].want) != 0)
            fail_msg("%s: got '%s', want '%s'", cards[i].digits, b.p, cards[i].want);
        rbuf_free(&b);
    }
}

static void test_fraction_and_digits(void **state)
{
    (void)state;
    rbuf b = { 0 };
    num_fraction(&b, "05", 2, DIALECT_NORTH);
    assert_string_equal(b.p, "không năm");
    b.len = 0;
    num_fraction(&b, "95", 2, DIALECT_NORTH);
    assert_string_equal(b.p, "chín mươi lăm");
    b.len = 0;
    num_digits(&b, "0912", 4);
    assert_string_equal(b.p, "không chín một hai");
    b.len = 0;
    num_cardinal(&b, "12345678901234567890", 20, DIALECT_NORTH); /* beyond 10^18: digit by digit */
    assert_non_null(strstr(b.p, "một hai ba bốn"));
    rbuf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cardinals),
        cmocka_unit_test(test_fraction_and_digits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
