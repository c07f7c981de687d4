/* Build-time generator: turns the TSV lexicons and voice profiles into C tables, so that the
 * library needs no data files at run time. Checks every line and fails the build on a bad one.
 *
 * usage: gentables OUT.c  [--tsv NAME NCOLS FILE...]...  [--files NAME FILE...]...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char **cols;
    size_t line;
} row;

static void die(const char *file, size_t line, const char *msg)
{
    if (line)
        fprintf(stderr, "%s:%zu: %s\n", file, line, msg);
    else
        fprintf(stderr, "%s: %s\n", file, msg);
    exit(1);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die(path, 0, "cannot open");
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    if (!buf)
        die(path, 0, "out of memory");
    buf[n] = '\0';
    *len = n;
    return buf;
}

static void put_c_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n\"\n    \"", out);
        else if (c < 0x20 || c >= 0x80)
            fprintf(out, "\\%03o", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

static int valid_utf8(const unsigned char *s)
{
    while (*s) {
        int n = *s < 0x80 ? 0 : (*s & 0xE0) == 0xC0 ? 1 : (*s & 0xF0) == 0xE0 ? 2 : (*s & 0xF8) == 0xF0 ? 3 : -1;
        if (n < 0)
            return 0;
        s++;
        for (int i = 0; i < n; i++, s++)
            if ((*s & 0xC0) != 0x80)
                return 0;
    }
    return 1;
}

static size_t split_line(char *line, char **cols, size_t ncols, const char *file, size_t ln)
{
    size_t k = 0;
    char *p = line;
    for (;;) {
        char *tab = strchr(p, '\t');
        if (k == ncols)
            die(file, ln, "too many columns");
        cols[k++] = p;
        if (!tab)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    return k;
}

static row *rows;
static size_t nrows, caprows;

static void load_tsv(const char *file, size_t ncols)
{
    size_t len;
    char *text = slurp(file, &len);
    if (!valid_utf8((const unsigned char *)text))
        die(file, 0, "not valid UTF-8");
    size_t ln = 0;
    for (char *line = text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        ln++;
        size_t l = strlen(line);
        if (l && line[l - 1] == '\r')
            line[--l] = '\0';
        if (l == 0 || (line[0] == '#' && line[1] != '\t'))
            continue; /* "#<TAB>..." is the row for the symbol # */
        if (nrows == caprows && !(rows = realloc(rows, (caprows = caprows ? caprows * 2 : 256) * sizeof *rows)))
            die(file, ln, "out of memory");
        char **cols = calloc(ncols, sizeof *cols);
        if (!cols)
            die(file, ln, "out of memory");
        size_t k = split_line(line, cols, ncols, file, ln);
        if (k < 2 || !cols[0][0] || !cols[1][0])
            die(file, ln, "need at least a form and a reading");
        for (size_t i = k; i < ncols; i++)
            cols[i] = "";
        rows[nrows].cols = cols;
        rows[nrows++].line = ln;
    }
}

static int cmp_rows(const void *a, const void *b)
{
    const row *x = a, *y = b;
    int c = strcmp(x->cols[0], y->cols[0]);
    if (c)
        return c;
    return x->line < y->line ? -1 : x->line > y->line;
}

static int emit_tsv(FILE *out, char **argv, int argc, int i)
{
    const char *name = argv[i + 1];
    size_t ncols = (size_t)atoi(argv[i + 2]);
    if (ncols < 2 || ncols > 8)
        die(name, 0, "NCOLS must be 2..8");
    nrows = 0;
    int j = i + 3;
    for (; j < argc && strncmp(argv[j], "--", 2) != 0; j++)
        load_tsv(argv[j], ncols);
    /* rows of one form keep their file order: the first is the default reading */
    qsort(rows, nrows, sizeof *rows, cmp_rows);
    fprintf(out, "const char *const %s[][%zu] = {\n", name, ncols);
    for (size_t r = 0; r < nrows; r++) {
        fputs("    { ", out);
        for (size_t c = 0; c < ncols; c++) {
            put_c_string(out, rows[r].cols[c]);
            fputs(c + 1 < ncols ? ", " : " },\n", out);
        }
    }
    if (nrows == 0)
        fputs("    { \"\" },\n", out);
    fprintf(out, "};\nconst size_t %s_count = %zu;\n\n", name, nrows);
    return j;
}

static int emit_files(FILE *out, char **argv, int argc, int i)
{
    const char *name = argv[i + 1];
    fprintf(out, "const char *const %s[][2] = {\n", name);
    size_t n = 0;
    int j = i + 2;
    for (; j < argc && strncmp(argv[j], "--", 2) != 0; j++, n++) {
        size_t len;
        char *text = slurp(argv[j], &len);
        if (strlen(text) != len || !valid_utf8((const unsigned char *)text))
            die(argv[j], 0, "not valid UTF-8 text");
        const char *base = strrchr(argv[j], '/');
        base = base ? base + 1 : argv[j];
        char stem[256];
        snprintf(stem, sizeof stem, "%s", base);
        char *dot = strrchr(stem, '.');
        if (dot)
            *dot = '\0';
        fputs("    { ", out);
        put_c_string(out, stem);
        fputs(", ", out);
        put_c_string(out, text);
        fputs(" },\n", out);
        free(text);
    }
    fprintf(out, "};\nconst size_t %s_count = %zu;\n\n", name, n);
    return j;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: gentables OUT.c [--tsv NAME NCOLS FILE...] [--files NAME FILE...]\n");
        return 2;
    }
    FILE *out = fopen(argv[1], "w");
    if (!out)
        die(argv[1], 0, "cannot create");
    fputs("/* Generated by lib/gen/gentables from lib/data and voices: do not edit. */\n"
          "#include <stddef.h>\n\n", out);
    for (int i = 2; i < argc;) {
        if (strcmp(argv[i], "--tsv") == 0 && i + 2 < argc)
            i = emit_tsv(out, argv, argc, i);
        else if (strcmp(argv[i], "--files") == 0 && i + 1 < argc)
            i = emit_files(out, argv, argc, i);
        else
            die(argv[i], 0, "unknown argument");
    }
    if (fclose(out) != 0)
        die(argv[1], 0, "write failed");
    return 0;
}
