/* Encodings of HTML pages: BOM and <meta charset> sniffing, and conversion through iconv with
 * a map back to the page's own bytes. */
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "mtext.h"
#include "vnchar.h"

#define PRESCAN 1024

static int isalnum_ascii(char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static const char *find_ci(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (ascii_ncasecmp(s + i, needle, n) == 0)
            return s + i;
    return NULL;
}

/* The value after "charset" inside one <meta ...> tag: charset="x", content="...; charset=x". */
static size_t meta_charset(const char *tag, size_t n, char *name, size_t cap)
{
    const char *c = find_ci(tag, n, "charset");
    if (!c)
        return 0;
    size_t i = (size_t)(c - tag) + 7;
    while (i < n && (tag[i] == ' ' || tag[i] == '='))
        i++;
    while (i < n && (tag[i] == '"' || tag[i] == '\''))
        i++;
    size_t k = 0;
    while (i < n && k + 1 < cap && (isalnum_ascii(tag[i]) || strchr("-_:.", tag[i])))
        name[k++] = tag[i++];
    name[k] = '\0';
    return k;
}

static size_t declared_charset(const char *s, size_t len, char *name, size_t cap)
{
    size_t n = len < PRESCAN ? len : PRESCAN;
    for (const char *m = find_ci(s, n, "<meta"); m; m = find_ci(m + 5, n - (size_t)(m + 5 - s), "<meta")) {
        size_t rest = n - (size_t)(m - s);
        const char *end = memchr(m, '>', rest);
        size_t k = meta_charset(m, end ? (size_t)(end - m) : rest, name, cap);
        if (k)
            return k;
    }
    return 0;
}

static int is_utf8_name(const char *name)
{
    return (ascii_casecmp(name, "utf-8") == 0) || (ascii_casecmp(name, "utf8") == 0) || (ascii_casecmp(name, "unicode-1-1-utf-8") == 0)
        || ascii_ncasecmp(name, "utf-16", 6) == 0; /* a page that says UTF-16 without a BOM is read as UTF-8 */
}

/* HTML's rule: the Latin-1 and ASCII labels mean windows-1252. */
static const char *iconv_name(const char *name)
{
    static const char *const latin[] = { "iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "cp819" };
    for (size_t i = 0; i < sizeof latin / sizeof latin[0]; i++)
        if ((ascii_casecmp(name, latin[i]) == 0))
            return "WINDOWS-1252";
    return name;
}

static page_status check_utf8(const char *s, size_t len, size_t skip, size_t *bad)
{
    size_t at = utf8_first_invalid(s, len);
    if (at == len)
        return PAGE_OK;
    *bad = skip + at;
    return PAGE_UTF8;
}

/* Converts one input character at a time, so that each output byte knows where it came from. */
static page_status convert(iconv_t cd, const char *in, size_t len, size_t skip, mtext *m)
{
    size_t pending = skip;
    for (size_t i = skip; i < len; i++) {
        char out[64], *op = out, *ip = (char *)in + pending;
        size_t inleft = i + 1 - pending, outleft = sizeof out;
        size_t r = iconv(cd, &ip, &inleft, &op, &outleft);
        if (r == (size_t)-1 && errno == EINVAL && i + 1 - pending < 8)
            continue; /* an incomplete character: take one more byte */
        if (r == (size_t)-1 && errno != E2BIG) {
            mtext_put(m, "\xEF\xBF\xBD", 3, pending); /* a byte the encoding lacks */
            iconv(cd, NULL, NULL, NULL, NULL);
        } else if (op > out) {
            mtext_put(m, out, (size_t)(op - out), pending);
        }
        pending = i + 1;
    }
    char out[64], *op = out;
    size_t outleft = sizeof out;
    iconv(cd, NULL, NULL, &op, &outleft);
    if (op > out)
        mtext_put(m, out, (size_t)(op - out), pending);
    return m->oom ? PAGE_NOMEM : PAGE_OK;
}

static page_status decode_with(const char *enc, const char *in, size_t len, size_t skip, page_text *out)
{
    iconv_t cd = iconv_open("UTF-8", enc);
    if (cd == (iconv_t)-1)
        return PAGE_CHARSET;
    mtext m = { 0 };
    page_status st = convert(cd, in, len, skip, &m);
    iconv_close(cd);
    if (st == PAGE_OK && mtext_terminate(&m) != 0)
        st = PAGE_NOMEM;
    if (st != PAGE_OK) {
        mtext_free(&m);
        return st;
    }
    out->owned = m.s;
    out->s = m.s;
    out->len = m.len;
    out->src = m.src;
    return PAGE_OK;
}

page_status page_decode(const char *in, size_t len, page_text *out, size_t *bad, char *name, size_t cap)
{
    memset(out, 0, sizeof *out);
    const unsigned char *u = (const unsigned char *)in;
    if (len >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) || (u[0] == 0xFF && u[1] == 0xFE)))
        return decode_with(u[0] == 0xFE ? "UTF-16BE" : "UTF-16LE", in, len, 2, out);
    size_t skip = len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF ? 3 : 0;
    name[0] = '\0';
    int declared = !skip && declared_charset(in, len, name, cap) && !is_utf8_name(name);
    if (declared) {
        page_status st = decode_with(iconv_name(name), in, len, 0, out);
        if (st != PAGE_CHARSET)
            return st; /* an encoding iconv does not know: the page may still be UTF-8 */
    }
    out->s = in + skip;
    out->len = len - skip;
    out->skip = skip;
    page_status st = check_utf8(out->s, out->len, skip, bad);
    return st == PAGE_UTF8 && declared ? PAGE_CHARSET : st;
}

/* The names a caller may give a text's encoding, and what iconv calls them (NULL: UTF-8, or
 * UTF-16 when a BOM says so). */
static const struct {
    const char *name, *iconv;
} encodings[] = { { "", NULL }, { "auto", NULL }, { "utf-8", NULL }, { "utf-16", "UTF-16LE" },
                  { "cp1258", "WINDOWS-1258" }, { "windows-1258", "WINDOWS-1258" }, { "viscii", "VISCII" } };

static int encoding_index(const char *name)
{
    for (size_t i = 0; i < sizeof encodings / sizeof encodings[0]; i++)
        if (ascii_casecmp(name ? name : "", encodings[i].name) == 0)
            return (int)i;
    return -1;
}

int text_encoding_known(const char *name)
{
    return encoding_index(name) >= 0;
}

page_status text_decode(const char *in, size_t len, const char *encoding, page_text *out)
{
    memset(out, 0, sizeof *out);
    int e = encoding_index(encoding);
    if (e < 0)
        return PAGE_CHARSET;
    const unsigned char *u = (const unsigned char *)in;
    int bom16 = len >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) || (u[0] == 0xFF && u[1] == 0xFE));
    int may_be_16 = !encodings[e].iconv ? ascii_casecmp(encodings[e].name, "utf-8") != 0
                                        : !strcmp(encodings[e].iconv, "UTF-16LE");
    if (bom16 && may_be_16)
        return decode_with(u[0] == 0xFE ? "UTF-16BE" : "UTF-16LE", in, len, 2, out);
    if (encodings[e].iconv)
        return decode_with(encodings[e].iconv, in, len, 0, out);
    out->s = in;
    out->len = len;
    return PAGE_OK;
}

size_t page_source(const page_text *p, size_t off)
{
    if (!p->src)
        return off + p->skip;
    return off < p->len ? p->src[off] : (p->len ? p->src[p->len - 1] + 1 : 0);
}

void page_free(page_text *p)
{
    free(p->owned);
    free(p->src);
    memset(p, 0, sizeof *p);
}
