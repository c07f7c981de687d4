/* Encodings of pages and texts: BOM and <meta charset> sniffing, conversion (iconv, or the
 * TCVN3 and VNI tables) with a map back to the input's own bytes, and the repairs of UTF-8. */
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "encguess.h"
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

page_status page_take(mtext *m, page_text *out)
{
    memset(out, 0, sizeof *out);
    if (m->oom || mtext_terminate(m) != 0) {
        mtext_free(m);
        return PAGE_NOMEM;
    }
    out->owned = m->s;
    out->s = m->s;
    out->len = m->len;
    out->src = m->src;
    return PAGE_OK;
}

page_status charset_convert(const char *enc, const char *in, size_t len, size_t skip, page_text *out)
{
    memset(out, 0, sizeof *out);
    mtext m = { 0 };
    if (!strcmp(enc, "TCVN3") || !strcmp(enc, "VNI")) {
        legacy_decode(enc[0] == 'T' ? LEGACY_TCVN3 : LEGACY_VNI, in, len, skip, &m);
        return page_take(&m, out);
    }
    iconv_t cd = iconv_open("UTF-8", enc);
    if (cd == (iconv_t)-1)
        return PAGE_CHARSET;
    page_status st = convert(cd, in, len, skip, &m);
    iconv_close(cd);
    if (st != PAGE_OK) {
        mtext_free(&m);
        return st;
    }
    return page_take(&m, out);
}

/* Repairs TCVN3 or VNI mojibake in decoded text p, in place. */
static page_status repair(page_text *p, decode_info *info)
{
    mtext m = { 0 };
    if (!legacy_repair(p->s, p->len, p->src, p->skip, &m, &info->mended))
        return m.oom ? PAGE_NOMEM : PAGE_OK;
    page_text fixed;
    page_status st = page_take(&m, &fixed);
    if (st == PAGE_OK) {
        page_free(p);
        *p = fixed;
    }
    return st;
}

/* in[skip..len) as UTF-8: taken as it is when valid; else, not strict, its invalid bytes
 * replaced, or (may_guess) its encoding detected. Mojibake is then repaired. */
static page_status utf8_text(const char *in, size_t len, size_t skip, int may_guess, page_text *out,
                             decode_info *info)
{
    memset(out, 0, sizeof *out);
    size_t bad = utf8_first_invalid(in + skip, len - skip);
    if (bad < len - skip) {
        info->bad = skip + bad;
        if (info->strict)
            return PAGE_UTF8;
        page_status st = may_guess ? guess_decode(in, len, skip, out, info) : utf8_replace(in, len, skip, out, info);
        return st != PAGE_OK || info->detected ? st : repair(out, info);
    }
    out->s = in + skip;
    out->len = len - skip;
    out->skip = skip;
    return info->strict ? PAGE_OK : repair(out, info);
}

page_status page_decode(const char *in, size_t len, page_text *out, decode_info *info)
{
    memset(out, 0, sizeof *out);
    const unsigned char *u = (const unsigned char *)in;
    info->converted = 1;
    if (len >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) || (u[0] == 0xFF && u[1] == 0xFE)))
        return charset_convert(u[0] == 0xFE ? "UTF-16BE" : "UTF-16LE", in, len, 2, out);
    size_t skip = len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF ? 3 : 0;
    info->name[0] = '\0';
    int declared = !skip && declared_charset(in, len, info->name, sizeof info->name) && !is_utf8_name(info->name);
    if (declared) {
        page_status st = charset_convert(iconv_name(info->name), in, len, 0, out);
        if (st == PAGE_OK && !info->strict)
            st = repair(out, info); /* a TCVN3 page declared as windows-1252 */
        if (st != PAGE_CHARSET)
            return st; /* an encoding iconv does not know: the page may still be UTF-8 */
    }
    page_status st = utf8_text(in, len, skip, 1, out, info);
    info->converted = out->src != NULL;
    return st == PAGE_UTF8 && declared ? PAGE_CHARSET : st;
}

/* The names a caller may give a text's encoding, and what iconv calls them (NULL: UTF-8, or
 * UTF-16 when a BOM says so). */
static const struct {
    const char *name, *iconv;
} encodings[] = { { "", NULL },         { "auto", NULL },  { "utf-8", NULL },  { "utf-16", "UTF-16LE" },
                  { "cp1258", "WINDOWS-1258" }, { "windows-1258", "WINDOWS-1258" },
                  { "tcvn3", "TCVN3" }, { "vni", "VNI" }, { "viscii", "VISCII" } };

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

page_status text_decode(const char *in, size_t len, const char *encoding, page_text *out, decode_info *info)
{
    memset(out, 0, sizeof *out);
    int e = encoding_index(encoding);
    if (e < 0)
        return PAGE_CHARSET;
    const unsigned char *u = (const unsigned char *)in;
    int bom16 = len >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) || (u[0] == 0xFF && u[1] == 0xFE));
    int utf8 = !encodings[e].iconv, named_utf8 = utf8 && ascii_casecmp(encodings[e].name, "utf-8") == 0;
    int may_be_16 = utf8 ? !named_utf8 : !strcmp(encodings[e].iconv, "UTF-16LE");
    if (bom16 && may_be_16)
        return charset_convert(u[0] == 0xFE ? "UTF-16BE" : "UTF-16LE", in, len, 2, out);
    if (!utf8)
        return charset_convert(encodings[e].iconv, in, len, 0, out);
    return utf8_text(in, len, 0, !named_utf8, out, info);
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
