/* --check: the accessibility report, like a compiler's (FILE:LINE:COL: kind: message), or JSON. */
#include "check.h"

#include <stdio.h>
#include <string.h>

int check_level_mask(const char *spec, unsigned *mask)
{
    static const char *const levels[] = { "info", "warning", "error" };
    *mask = 0;
    for (int l = 0; l < 3; l++)
        if (!strcmp(spec, levels[l])) {
            for (int k = 1; k <= RA_FINDING_KINDS; k++)
                if ((int)ra_finding_kind_level((ra_finding_kind)k) >= l)
                    *mask |= 1u << k;
            return 0;
        }
    for (const char *p = spec; *p;) { /* spelled,foreign,... */
        size_t n = strcspn(p, ",");
        int found = 0;
        for (int k = 1; k <= RA_FINDING_KINDS && !found; k++) {
            const char *name = ra_finding_kind_name((ra_finding_kind)k);
            if (strlen(name) == n && !strncmp(p, name, n)) {
                *mask |= 1u << k;
                found = 1;
            }
        }
        if (!found)
            return -1;
        p += n + (p[n] == ',');
    }
    return *mask ? 0 : -1;
}

static void print_finding(FILE *out, const char *name, const ra_finding *f)
{
    fprintf(out, "%s:%u:%u: %s: %s", name, f->line, f->column, ra_finding_kind_name(f->kind), f->message);
    if (f->reading[0])
        fprintf(out, " (reading: %s)", f->reading);
    fprintf(out, " [%s]\n", ra_level_name(f->level));
    if (f->fix[0])
        fprintf(out, "    fix: %s\n", f->fix);
}

/* "98.3%" with a decimal point whatever the locale */
static void print_share(FILE *out, size_t words, size_t guesses)
{
    unsigned permille = !words ? 1000 : guesses >= words ? 0 : (unsigned)((words - guesses) * 1000 / words);
    fprintf(out, "%u.%u%%", permille / 10, permille % 10);
}

static long print_text(FILE *out, const char *name, const ra_check_result *r, unsigned mask)
{
    size_t counted[3] = { 0, 0, 0 }, words, guesses;
    for (size_t i = 0; i < ra_check_count(r); i++) {
        const ra_finding *f = ra_check_get(r, i);
        if (mask & (1u << f->kind)) {
            print_finding(out, name, f);
            counted[f->level]++;
        }
    }
    ra_check_summary(r, &words, &guesses);
    long total = (long)(counted[0] + counted[1] + counted[2]);
    fprintf(out, "%s: %zu word%s, %zu guess%s, ", name, words, words == 1 ? "" : "s", guesses, guesses == 1 ? "" : "es");
    print_share(out, words, guesses);
    fprintf(out, " read with confidence; %ld finding%s (%zu error%s, %zu warning%s, %zu info)\n", total,
            total == 1 ? "" : "s", counted[2], counted[2] == 1 ? "" : "s", counted[1], counted[1] == 1 ? "" : "s",
            counted[0]);
    return total;
}

long check_report(const char *name, const ra_check_result *r, unsigned mask, int json, size_t printed, int array)
{
    long total = 0;
    if (!json) {
        total = print_text(stdout, name, r, mask);
    } else {
        char *doc = NULL;
        if (ra_check_json(r, name, mask, &doc) != RA_OK)
            return -1;
        for (size_t i = 0; i < ra_check_count(r); i++)
            total += (mask & (1u << ra_check_get(r, i)->kind)) != 0;
        size_t n = strlen(doc);
        if (array) { /* an array of the documents: [\n{...},\n{...}\n]\n */
            fputs(printed == 0 ? "[\n" : ",\n", stdout);
            n -= n > 0 && doc[n - 1] == '\n';
        }
        fwrite(doc, 1, n, stdout);
        ra_free(doc);
    }
    return fflush(stdout) == 0 && !ferror(stdout) ? total : -1;
}

int check_report_end(int json, size_t printed, int array)
{
    if (json && array)
        fputs(printed ? "\n]\n" : "[]\n", stdout);
    return fflush(stdout) == 0 && !ferror(stdout) ? 0 : -1;
}
