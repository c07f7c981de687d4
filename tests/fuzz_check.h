/* The accessibility check under fuzzing: any bytes in, findings in order, inside the input, at
 * a real line and column, every string valid UTF-8, and JSON out. Used by fuzz_text.c and
 * fuzz_html.c, after their own valid_utf8. */
#ifndef RA_FUZZ_CHECK_H
#define RA_FUZZ_CHECK_H

static void fuzz_check(ra_engine *engine, const char *data, size_t size)
{
    ra_check_result *r = NULL;
    if (ra_check(engine, data, size, &r) != RA_OK)
        return;
    size_t last = 0;
    for (size_t i = 0; i < ra_check_count(r); i++) {
        const ra_finding *f = ra_check_get(r, i);
        if (f->byte_start < last || f->byte_start > f->byte_end || f->byte_end > size || f->line < 1 || f->column < 1)
            abort(); /* out of order, or outside the input */
        if (!valid_utf8((const void *)f->text) || !valid_utf8((const void *)f->reading) ||
            !valid_utf8((const void *)f->message) || !valid_utf8((const void *)f->fix))
            abort();
        if (f->level != ra_finding_kind_level(f->kind) || !ra_finding_kind_name(f->kind)[0])
            abort();
        last = f->byte_start;
    }
    size_t words, guesses;
    ra_check_summary(r, &words, &guesses);
    if (guesses > words)
        abort(); /* every guess is about a word that was counted */
    char *json = NULL;
    if (ra_check_json(r, "fuzz", 0, &json) != RA_OK || !valid_utf8((const void *)json))
        abort();
    ra_free(json);
    ra_check_free(r);
}

#endif
