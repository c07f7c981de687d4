/* HTML input: charset, parse, article, text. */
#include "html.h"

#include <string.h>

#include "article.h"
#include "ascii.h"
#include "dom.h"

html_status html_extract(const char *in, size_t len, const html_opts *o, mtext *out, decode_info *info)
{
    memset(out, 0, sizeof *out);
    dom d;
    dom_status ds = dom_parse(in, len, &d, info);
    if (ds != DOM_OK) {
        static const html_status as_html[] = { HTML_OK, HTML_NOMEM, HTML_UTF8, HTML_CHARSET, HTML_UNSURE };
        return as_html[ds];
    }
    out->notes = o ? o->notes : NULL;
    article_status as = article_extract(&d, o && o->whole_page, o ? o->selector : NULL, out);
    dom_free(&d);
    if (as != ARTICLE_FOUND || mtext_terminate(out) != 0) {
        mtext_free(out);
        return as == ARTICLE_NO_MATCH ? HTML_NO_MATCH : HTML_NOMEM;
    }
    return HTML_OK;
}

static size_t skip_space(const char *in, size_t len, size_t i)
{
    while (i < len && html_space(in[i]))
        i++;
    return i;
}

/* Past a comment that starts at i and closes within 4 KB, or 0. */
static size_t skip_comment(const char *in, size_t len, size_t i)
{
    if (len - i < 4 || memcmp(in + i, "<!--", 4) != 0)
        return 0;
    for (size_t k = i + 4; k + 3 <= len && k < i + 4096; k++)
        if (memcmp(in + k, "-->", 3) == 0)
            return k + 3;
    return 0;
}

int html_sniff(const char *in, size_t len)
{
    static const char *const starts[] = { "<!doctype html", "<html", "<head", "<body", "<?xml" };
    size_t i = skip_space(in, len, len >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0);
    for (size_t past; (past = skip_comment(in, len, i)) != 0;)
        i = skip_space(in, len, past); /* comments before the doctype */
    for (size_t k = 0; k < sizeof starts / sizeof starts[0]; k++) {
        size_t n = strlen(starts[k]);
        if (len - i >= n && ascii_ncasecmp(in + i, starts[k], n) == 0)
            return 1;
    }
    return 0;
}
