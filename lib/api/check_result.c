/* The accessibility check's findings: stored, placed at a line and column, read back, written
 * as JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "vec.h"
#include "vnchar.h"

static const struct {
    const char *name;
    ra_level level;
} kinds[RA_FINDING_KINDS + 1] = {
    { "", RA_LEVEL_INFO },
    [RA_FINDING_SPELLED] = { "spelled", RA_LEVEL_WARNING },
    [RA_FINDING_FOREIGN] = { "foreign", RA_LEVEL_WARNING },
    [RA_FINDING_SUMMARIZED] = { "summarized", RA_LEVEL_WARNING },
    [RA_FINDING_AMBIGUOUS] = { "ambiguous", RA_LEVEL_INFO },
    [RA_FINDING_LONG_SENTENCE] = { "long-sentence", RA_LEVEL_WARNING },
    [RA_FINDING_EMPTY_HEADING] = { "empty-heading", RA_LEVEL_ERROR },
    [RA_FINDING_NO_ALT] = { "no-alt", RA_LEVEL_ERROR },
    [RA_FINDING_URL_LINK] = { "url-link", RA_LEVEL_ERROR },
    [RA_FINDING_MOJIBAKE] = { "mojibake", RA_LEVEL_ERROR },
    [RA_FINDING_MIXED_SCRIPT] = { "mixed-script", RA_LEVEL_ERROR },
    [RA_FINDING_ALL_CAPS] = { "all-caps", RA_LEVEL_WARNING },
};

RA_API const char *ra_finding_kind_name(ra_finding_kind kind)
{
    return kind >= 1 && kind <= RA_FINDING_KINDS ? kinds[kind].name : "";
}

RA_API ra_level ra_finding_kind_level(ra_finding_kind kind)
{
    return kind >= 1 && kind <= RA_FINDING_KINDS ? kinds[kind].level : RA_LEVEL_INFO;
}

RA_API const char *ra_level_name(ra_level level)
{
    static const char *const names[] = { "info", "warning", "error" };
    return level <= RA_LEVEL_ERROR ? names[level] : "";
}

void check_add(ra_check_result *r, ra_finding_kind kind, size_t byte_start, size_t byte_end, const char *text,
               size_t text_len, const char *reading, const char *message, const char *fix)
{
    if (r->oom || vec_room((void **)&r->v, &r->cap, r->n, sizeof *r->v) != 0) {
        r->oom = 1;
        return;
    }
    reading = reading ? reading : "";
    fix = fix ? fix : "";
    check_item it = { { kind, ra_finding_kind_level(kind), byte_start, byte_end, 0, 0, NULL, NULL, NULL, NULL },
                      buf_strndup(text, text_len), buf_strndup(reading, strlen(reading)), buf_strndup(message, strlen(message)),
                      buf_strndup(fix, strlen(fix)) };
    if (!it.text || !it.reading || !it.message || !it.fix) {
        free(it.text);
        free(it.reading);
        free(it.message);
        free(it.fix);
        r->oom = 1;
        return;
    }
    r->v[r->n++] = it;
}

static int by_position(const void *a, const void *b)
{
    const check_item *x = a, *y = b;
    if (x->f.byte_start != y->f.byte_start)
        return x->f.byte_start < y->f.byte_start ? -1 : 1;
    return x->f.kind < y->f.kind ? -1 : x->f.kind > y->f.kind;
}

void check_place(ra_check_result *r, const char *input, size_t len)
{
    if (r->n > 1) /* qsort wants a real array even for none */
        qsort(r->v, r->n, sizeof *r->v, by_position);
    int utf8 = utf8_first_invalid(input, len) == len;
    unsigned line = 1, column = 1;
    size_t at = 0;
    for (size_t k = 0; k < r->n; k++) {
        check_item *it = &r->v[k];
        size_t to = it->f.byte_start < len ? it->f.byte_start : len;
        for (; at < to; at++) {
            unsigned char c = (unsigned char)input[at];
            if (c == '\n')
                line++, column = 1;
            else if (!utf8 || (c & 0xC0) != 0x80)
                column++; /* a character starts here */
        }
        it->f.line = line;
        it->f.column = column;
        it->f.text = it->text;
        it->f.reading = it->reading;
        it->f.message = it->message;
        it->f.fix = it->fix;
    }
}

RA_API size_t ra_check_count(const ra_check_result *result)
{
    return result ? result->n : 0;
}

RA_API const ra_finding *ra_check_get(const ra_check_result *result, size_t i)
{
    return result && i < result->n ? &result->v[i].f : NULL;
}

RA_API void ra_check_summary(const ra_check_result *result, size_t *words, size_t *guesses)
{
    if (words)
        *words = result ? result->words : 0;
    if (guesses)
        *guesses = result ? result->guesses : 0;
}

RA_API void ra_check_free(ra_check_result *result)
{
    if (!result)
        return;
    for (size_t i = 0; i < result->n; i++) {
        free(result->v[i].text);
        free(result->v[i].reading);
        free(result->v[i].message);
        free(result->v[i].fix);
    }
    free(result->v);
    free(result);
}

static void json_finding(rbuf *b, const ra_finding *f)
{
    char nums[160];
    snprintf(nums, sizeof nums, "\", \"line\": %u, \"column\": %u, \"byte_start\": %zu, \"byte_end\": %zu, \"text\": ",
             f->line, f->column, f->byte_start, f->byte_end);
    rbuf_puts(b, "    {\"kind\": \"");
    rbuf_puts(b, ra_finding_kind_name(f->kind));
    rbuf_puts(b, "\", \"level\": \"");
    rbuf_puts(b, ra_level_name(f->level));
    rbuf_puts(b, nums);
    rbuf_json(b, f->text);
    rbuf_puts(b, ", \"reading\": ");
    rbuf_json(b, f->reading);
    rbuf_puts(b, ", \"message\": ");
    rbuf_json(b, f->message);
    rbuf_puts(b, ", \"fix\": ");
    rbuf_json(b, f->fix);
    rbuf_putc(b, '}');
}

RA_API ra_status ra_check_json(const ra_check_result *result, const char *name, unsigned kinds_mask, char **out)
{
    if (!result || !out)
        return RA_ERR_ARG;
    rbuf b = { 0 };
    size_t per_level[3] = { 0, 0, 0 };
    rbuf_puts(&b, "{\n  \"file\": ");
    if (name)
        rbuf_json(&b, name);
    else
        rbuf_puts(&b, "null");
    rbuf_puts(&b, ",\n  \"findings\": [");
    const char *sep = "\n";
    for (size_t i = 0; i < result->n; i++) {
        const ra_finding *f = &result->v[i].f;
        if (kinds_mask && !(kinds_mask & (1u << f->kind)))
            continue;
        rbuf_puts(&b, sep);
        json_finding(&b, f);
        per_level[f->level]++;
        sep = ",\n";
    }
    char tail[256];
    double share = result->words > result->guesses ? 1.0 - (double)result->guesses / (double)result->words
                   : result->words ? 0.0 : 1.0;
    unsigned permille = (unsigned)(share * 1000.0 + 0.5); /* by hand: %f would follow LC_NUMERIC */
    snprintf(tail, sizeof tail,
             "\n  ],\n  \"summary\": {\"words\": %zu, \"guesses\": %zu, \"confident\": %u.%03u, "
             "\"errors\": %zu, \"warnings\": %zu, \"infos\": %zu}\n}\n",
             result->words, result->guesses, permille / 1000, permille % 1000, per_level[RA_LEVEL_ERROR],
             per_level[RA_LEVEL_WARNING], per_level[RA_LEVEL_INFO]);
    rbuf_puts(&b, tail);
    if (b.oom) {
        rbuf_free(&b);
        return RA_ERR_NOMEM;
    }
    *out = rbuf_take(&b);
    return RA_OK;
}
