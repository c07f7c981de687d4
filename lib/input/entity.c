/* HTML character references: the named ones that occur in Vietnamese pages, and numeric ones. */
#include "entity.h"

#include <string.h>

typedef struct {
    const char *name;
    int32_t cp;
} named_ref;

/* A short list: a linear scan costs nothing next to synthesis. */
static const named_ref refs[] = {
    { "Aacute", 0xC1 }, { "Acirc", 0xC2 }, { "Agrave", 0xC0 }, { "Atilde", 0xC3 },
    { "Eacute", 0xC9 }, { "Ecirc", 0xCA }, { "Egrave", 0xC8 }, { "Iacute", 0xCD },
    { "Igrave", 0xCC }, { "Oacute", 0xD3 }, { "Ocirc", 0xD4 }, { "Ograve", 0xD2 },
    { "Otilde", 0xD5 }, { "Uacute", 0xDA }, { "Ugrave", 0xD9 }, { "Yacute", 0xDD },
    { "aacute", 0xE1 }, { "acirc", 0xE2 }, { "agrave", 0xE0 }, { "amp", '&' },
    { "apos", '\'' }, { "atilde", 0xE3 }, { "bull", 0x2022 }, { "deg", 0xB0 },
    { "eacute", 0xE9 }, { "ecirc", 0xEA }, { "egrave", 0xE8 }, { "gt", '>' },
    { "hellip", 0x2026 }, { "iacute", 0xED }, { "igrave", 0xEC }, { "laquo", 0xAB },
    { "ldquo", 0x201C }, { "lsquo", 0x2018 }, { "lt", '<' }, { "mdash", 0x2014 },
    { "middot", 0xB7 }, { "nbsp", 0xA0 }, { "ndash", 0x2013 }, { "oacute", 0xF3 },
    { "ocirc", 0xF4 }, { "ograve", 0xF2 }, { "otilde", 0xF5 }, { "quot", '"' },
    { "raquo", 0xBB }, { "rdquo", 0x201D }, { "rsquo", 0x2019 }, { "uacute", 0xFA },
    { "ugrave", 0xF9 }, { "yacute", 0xFD },
    { "cent", 0xA2 }, { "copy", 0xA9 }, { "divide", 0xF7 }, { "euro", 0x20AC },
    { "frac12", 0xBD }, { "frac14", 0xBC }, { "frac34", 0xBE }, { "micro", 0xB5 },
    { "plusmn", 0xB1 }, { "pound", 0xA3 }, { "reg", 0xAE }, { "sect", 0xA7 },
    { "sup2", 0xB2 }, { "sup3", 0xB3 }, { "times", 0xD7 }, { "trade", 0x2122 },
    { "yen", 0xA5 }, { "shy", 0xAD }, { "zwj", 0x200D }, { "zwnj", 0x200C },
    { "ensp", 0x2002 }, { "emsp", 0x2003 }, { "thinsp", 0x2009 }, { "bdquo", 0x201E },
    { "sbquo", 0x201A }, { "prime", 0x2032 }, { "Prime", 0x2033 }, { "rarr", 0x2192 },

};

static size_t numeric_ref(const char *s, size_t len, int32_t *cp)
{
    size_t i = 2;
    int hex = i < len && (s[i] == 'x' || s[i] == 'X');
    i += (size_t)hex;
    uint32_t v = 0;
    size_t start = i;
    for (; i < len && i < start + (hex ? 6 : 7); i++) { /* at most 0x10FFFF: no overflow */
        char c = s[i];
        int d = c >= '0' && c <= '9' ? c - '0'
              : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
        if (d < 0)
            break;
        v = v * (hex ? 16u : 10u) + (uint32_t)d;
    }
    if (i == start || i >= len || s[i] != ';' || v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = (int32_t)v;
    return i + 1;
}

size_t entity_decode(const char *s, size_t len, int32_t *cp)
{
    if (len < 3 || s[0] != '&')
        return 0;
    if (s[1] == '#')
        return numeric_ref(s, len, cp);
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
        size_t n = strlen(refs[i].name);
        if (n + 2 <= len && memcmp(s + 1, refs[i].name, n) == 0 && s[n + 1] == ';') {
            *cp = refs[i].cp;
            return n + 2;
        }
    }
    return 0;
}
