/* Vietnamese letters: tone marks apart from base letters, letter classes, case. */
#ifndef RA_VNCHAR_H
#define RA_VNCHAR_H

#include <stddef.h>
#include <stdint.h>

enum { VN_TONE_NONE = 0, VN_TONE_HUYEN, VN_TONE_SAC, VN_TONE_HOI, VN_TONE_NGA, VN_TONE_NANG };

/* Splits a precomposed letter into its base (vowel quality kept: ơ, â, ư ...) and its tone. */
void vn_split_tone(int32_t cp, int32_t *base, int *tone);
/* The precomposed letter for base + tone (base itself when there is no such letter). */
int32_t vn_join_tone(int32_t base, int tone);
int vn_is_letter(int32_t cp);
int vn_is_upper(int32_t cp);
int vn_is_lower(int32_t cp);
int32_t vn_lower(int32_t cp);
int32_t vn_upper(int32_t cp);
size_t vn_decode_multibyte(const char *s, size_t len, int32_t *cp);
/* The byte length of the valid UTF-8 character at s, or 0 when s does not start with one. */
size_t utf8_char_len(const char *s, size_t len);
/* The offset of the first byte of s that is not valid UTF-8, or len. */
size_t utf8_first_invalid(const char *s, size_t len);
/* The longest prefix of UTF-8 s[0..n) of at most max bytes that cuts no character. */
size_t utf8_fit(const char *s, size_t n, size_t max);
size_t vn_encode_multibyte(int32_t cp, char *out);

/* The alphabets whose letters look alike (a/а/α, o/о/ο, p/р/ρ): a word mixing them is a
 * look-alike typed by mistake or on purpose. VN_SCRIPT_NONE for anything else. */
typedef enum { VN_SCRIPT_NONE = 0, VN_SCRIPT_LATIN, VN_SCRIPT_GREEK, VN_SCRIPT_CYRILLIC } vn_script;
vn_script vn_script_of(int32_t cp);
const char *vn_script_name(vn_script s);

static inline int vn_is_digit(int32_t cp)
{
    return cp >= '0' && cp <= '9';
}

/* The length of the character at u when it is one of the common valid ones: ASCII, two bytes
 * (à, é, đ, ơ, ư), or three bytes led by E1..EC (ạ, ế: no overlong form or surrogate starts
 * so); 0 for anything else, which the full check handles. */
static inline size_t utf8_common_len(const unsigned char *u, size_t len)
{
    if (u[0] < 0x80)
        return 1;
    if (u[0] >= 0xC2 && u[0] < 0xE0 && len >= 2 && (u[1] & 0xC0) == 0x80)
        return 2;
    if (u[0] >= 0xE1 && u[0] < 0xED && len >= 3 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80)
        return 3;
    return 0;
}

/* Decodes one code point of valid UTF-8 at s (len > 0); returns its byte length. */
static inline size_t vn_decode(const char *s, size_t len, int32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    switch (utf8_common_len(u, len)) {
    case 1: *cp = u[0]; return 1;
    case 2: *cp = (int32_t)(((u[0] & 0x1F) << 6) | (u[1] & 0x3F)); return 2;
    case 3: *cp = (int32_t)(((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F)); return 3;
    default: return vn_decode_multibyte(s, len, cp);
    }
}

/* Encodes cp into out (4 bytes room); returns the byte length. */
static inline size_t vn_encode(int32_t cp, char *out)
{
    if (cp >= 0 && cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    return vn_encode_multibyte(cp, out);
}

#endif
