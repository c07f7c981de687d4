/* HTML input: charset, parse, article, text. */
#include "html.h"

#include <string.h>

#include "article.h"
#include "ascii.h"
#include "dom.h"

html_status html_extract(const char *in, size_t len, const html_opts *o, mtext *out, size_t *bad, char *name,
                         size_t cap)
{
    memset(out, 0, sizeof *out);
    dom d;
    dom_status ds = dom_parse(in, len, &d, bad, name, cap);
    if (ds != DOM_OK)
        return ds == DOM_NOMEM ? HTML_NOMEM : ds == DOM_UTF8 ? HTML_UTF8 : HTML_CHARSET;
    article_status as = article_extract(&d, o && o->whole_page, o ? o->selector : NULL, out);
    dom_free(&d);
    if (as != ARTICLE_FOUND || out->oom) {
        mtext_free(out);
        return as == ARTICLE_NO_MATCH ? HTML_NO_MATCH : HTML_NOMEM;
    }
    return HTML_OK;
}

int html_sniff(const char *in, size_t len)
{
    static const char *const starts[] = { "<!doctype html", "<html", "<head", "<body", "<?xml" };
    size_t i = len >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    for (size_t k = 0; i < len && k < 4096; i++, k++) {
        char c = in[i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f')
            break;
    }
    for (;;) {
        if (i + 4 <= len && memcmp(in + i, "<!--", 4) == 0) { /* comments before the doctype */
            const char *e = NULL;
            for (size_t k = i + 4; k + 3 <= len && k < i + 4096 && !e; k++)
                if (memcmp(in + k, "-->", 3) == 0)
                    e = in + k;
            if (!e)
                return 0;
            i = (size_t)(e - in) + 3;
            while (i < len && strchr(" \t\n\r\f", in[i]))
                i++;
            continue;
        }
        break;
    }
    for (size_t k = 0; k < sizeof starts / sizeof starts[0]; k++) {
        size_t n = strlen(starts[k]);
        if (len - i >= n && ascii_ncasecmp(in + i, starts[k], n) == 0)
            return 1;
    }
    return 0;
}
