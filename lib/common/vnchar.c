/* Vietnamese letters: tone marks apart from base letters, letter classes, case (via utf8proc). */
#include "vnchar.h"

#include <pthread.h>
#include <string.h>
#include <utf8proc.h>

static int tone_of_mark(int32_t m)
{
    switch (m) {
    case 0x0300: return VN_TONE_HUYEN;
    case 0x0301: return VN_TONE_SAC;
    case 0x0309: return VN_TONE_HOI;
    case 0x0303: return VN_TONE_NGA;
    case 0x0323: return VN_TONE_NANG;
    default: return VN_TONE_NONE;
    }
}

static const int32_t tone_marks[] = { 0, 0x0300, 0x0301, 0x0309, 0x0303, 0x0323 };

static void split_slow(int32_t cp, int32_t *base, int *tone)
{
    utf8proc_int32_t d[8];
    int last = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE, &last);
    *base = cp;
    *tone = VN_TONE_NONE;
    if (n <= 1 || n > 8)
        return;
    utf8proc_int32_t keep[8];
    utf8proc_ssize_t k = 0;
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        int t = tone_of_mark(d[i]);
        if (t && i > 0)
            *tone = t;
        else
            keep[k++] = d[i];
    }
    if (*tone == VN_TONE_NONE)
        return;
    if (utf8proc_normalize_utf32(keep, k, UTF8PROC_COMPOSE | UTF8PROC_STABLE) >= 1)
        *base = keep[0];
}

/* The split of every letter Vietnamese writes (U+0080..U+01FF, U+1EA0..U+1EFF), worked out once:
 * the syllable check, the gate and the tone placement ask for it for every letter. */
#define SPLIT_LOW 0x200
#define SPLIT_VN 0x1EA0
static int32_t split_base[SPLIT_LOW + 0x60];
static unsigned char split_tone_of[SPLIT_LOW + 0x60];
static pthread_once_t split_once = PTHREAD_ONCE_INIT;

static void build_split(void)
{
    for (int32_t cp = 0; cp < SPLIT_LOW + 0x60; cp++) {
        int tone;
        split_slow(cp < SPLIT_LOW ? cp : SPLIT_VN + cp - SPLIT_LOW, &split_base[cp], &tone);
        split_tone_of[cp] = (unsigned char)tone;
    }
}

void vn_split_tone(int32_t cp, int32_t *base, int *tone)
{
    if (cp < 0x80) {
        *base = cp;
        *tone = VN_TONE_NONE;
        return;
    }
    int32_t k = cp < SPLIT_LOW ? cp : cp >= SPLIT_VN && cp < SPLIT_VN + 0x60 ? SPLIT_LOW + cp - SPLIT_VN : -1;
    if (k < 0) {
        split_slow(cp, base, tone);
        return;
    }
    pthread_once(&split_once, build_split);
    *base = split_base[k];
    *tone = split_tone_of[k];
}

int32_t vn_join_tone(int32_t base, int tone)
{
    if (tone <= VN_TONE_NONE || tone > VN_TONE_NANG)
        return base;
    utf8proc_int32_t d[8];
    int last = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(base, d, 6, UTF8PROC_DECOMPOSE, &last);
    if (n < 1 || n > 6)
        return base;
    d[n++] = tone_marks[tone];
    utf8proc_ssize_t m = utf8proc_normalize_utf32(d, n, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    return m == 1 ? d[0] : base;
}

int vn_is_letter(int32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    if (cp >= 0xC0 && cp <= 0x24F) /* Latin-1 letters and Latin Extended-A and -B: all letters */
        return cp != 0xD7 && cp != 0xF7; /* but × and ÷ */
    if ((cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x300 && cp <= 0x36F))
        return 1; /* Latin Extended Additional (ạ ế ộ ...), combining marks */
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME;
}

/* Case in the blocks Vietnamese letters come from, without utf8proc: Latin-1 (capitals
 * U+00C0..U+00DE but ×), and Latin Extended Additional from U+1EA0 (ạ ... ỹ: capitals even). */
static int fast_case(int32_t cp, int *upper)
{
    if (cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7 && cp != 0xDF) {
        *upper = cp <= 0xDE;
        return 1;
    }
    if (cp >= 0x1EA0 && cp <= 0x1EF9) {
        *upper = !(cp & 1);
        return 1;
    }
    return 0;
}

int vn_is_upper(int32_t cp)
{
    int upper;
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    if (fast_case(cp, &upper))
        return upper;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

int vn_is_lower(int32_t cp)
{
    int upper;
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    if (fast_case(cp, &upper))
        return !upper;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

int32_t vn_lower(int32_t cp)
{
    int upper;
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    if (fast_case(cp, &upper))
        return upper ? (cp < 0x100 ? cp + 0x20 : cp + 1) : cp;
    return utf8proc_tolower(cp);
}

int32_t vn_upper(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') ? cp - 32 : cp;
    return utf8proc_toupper(cp);
}

size_t vn_decode_multibyte(const char *s, size_t len, int32_t *cp)
{
    unsigned char c = (unsigned char)s[0];
    /* the text stage validated the input: decode without utf8proc's checks, but never read
     * past len or accept a truncated sequence */
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (n == 1 || n > len) {
        *cp = 0xFFFD;
        return 1;
    }
    int32_t v = c & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        if ((b & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (b & 0x3F);
    }
    *cp = v;
    return n;
}

size_t vn_encode_multibyte(int32_t cp, char *out)
{
    utf8proc_ssize_t n = utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
    return n > 0 ? (size_t)n : 0;
}

size_t utf8_char_len(const char *s, size_t len)
{
    if (len == 0)
        return 0;
    size_t common = utf8_common_len((const unsigned char *)s, len);
    if (common)
        return common;
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &cp);
    return n > 0 ? (size_t)n : 0;
}

size_t utf8_first_invalid(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint64_t w;
        if (i + 8 <= len && (memcpy(&w, s + i, 8), (w & UINT64_C(0x8080808080808080)) == 0)) {
            i += 8; /* eight ASCII bytes at once */
            continue;
        }
        size_t n = utf8_char_len(s + i, len - i);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

size_t utf8_fit(const char *s, size_t n, size_t max)
{
    if (n <= max)
        return n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

vn_script vn_script_of(int32_t cp)
{
    static const struct {
        int32_t lo, hi;
        vn_script s;
    } ranges[] = {
        { 'A', 'Z', VN_SCRIPT_LATIN },           { 'a', 'z', VN_SCRIPT_LATIN },
        { 0xC0, 0xD6, VN_SCRIPT_LATIN },         { 0xD8, 0xF6, VN_SCRIPT_LATIN },
        { 0xF8, 0x24F, VN_SCRIPT_LATIN },        { 0x370, 0x3FF, VN_SCRIPT_GREEK },
        { 0x400, 0x52F, VN_SCRIPT_CYRILLIC },    { 0x1D00, 0x1D2B, VN_SCRIPT_LATIN },
        { 0x1E00, 0x1EFF, VN_SCRIPT_LATIN },     { 0x1F00, 0x1FFF, VN_SCRIPT_GREEK },
        { 0x2C60, 0x2C7F, VN_SCRIPT_LATIN },     { 0x2DE0, 0x2DFF, VN_SCRIPT_CYRILLIC },
        { 0xA640, 0xA69F, VN_SCRIPT_CYRILLIC },  { 0xA720, 0xA7FF, VN_SCRIPT_LATIN },
        { 0xFF21, 0xFF3A, VN_SCRIPT_LATIN },     { 0xFF41, 0xFF5A, VN_SCRIPT_LATIN },
    };
    for (size_t k = 0; k < sizeof ranges / sizeof ranges[0]; k++)
        if (cp >= ranges[k].lo && cp <= ranges[k].hi)
            return ranges[k].s;
    return VN_SCRIPT_NONE;
}

const char *vn_script_name(vn_script s)
{
    static const char *const names[] = { "other", "Latin", "Greek", "Cyrillic" };
    return names[s];
}
