/* User lexicons: TSV files in the format of lib/data/acronyms.tsv, loaded at engine creation,
 * checked line by line, and searched before the built-in tables. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "lexicon.h"
#include "text.h"
#include "vec.h"
#include "vnchar.h"

#define LINE_MAX_BYTES 4096
#define FILE_MAX_BYTES (16u << 20)
#define ENTRIES_MAX 200000

typedef struct {
    char *col[4];
    size_t file, line; /* later files first among rows of one form */
} urow;

struct ulexicon {
    urow *rows;
    size_t n, cap;
    const char *(*table)[4]; /* the sorted rows in the layout of the built-in tables */
};

static int fail(char *err, size_t cap, const char *path, size_t line, const char *why)
{
    snprintf(err, cap, "%s:%zu: %s", path, line, why);
    return -1;
}

/* A column cleaned the way input text is (NFC, one tone placement, Ð as Đ), so that a form
 * written "hoà" matches the text's "hòa"; lowercased too when lower is set (context words). */
static char *clean_dup(const char *s, int lower)
{
    rtext t;
    size_t bad;
    if (rtext_prepare(s, strlen(s), &t, &bad) != RA_OK)
        return NULL;
    char *out = t.s;
    srcmap_free(&t.map);
    for (size_t i = 0; lower && i < t.len;) {
        int32_t cp;
        char low[4];
        size_t m = vn_decode(out + i, t.len - i, &cp), k = vn_encode(vn_lower(cp), low);
        if (k == m) /* case pairs of different lengths do not occur in Vietnamese */
            memcpy(out + i, low, k);
        i += m;
    }
    return out;
}

/* A reading is Vietnamese words only: Latin letters and single spaces, so that everything in it
 * reaches espeak-ng (the gate drops other scripts). */
static int reading_ok(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += vn_decode(s + i, n - i, &cp);
        int latin = vn_is_letter(cp) && (cp < 0x250 || (cp >= 0x1E00 && cp <= 0x1EFF));
        if (!latin && cp != ' ')
            return 0;
    }
    return n > 0 && s[0] != ' ';
}

static int form_ok(const char *s)
{
    return *s && !strchr(s, ' ');
}

static int add_row(ulexicon *u, char **cols, size_t ncols, size_t file, size_t line)
{
    if (vec_room((void **)&u->rows, &u->cap, u->n, sizeof *u->rows) != 0)
        return -1;
    urow *r = &u->rows[u->n];
    memset(r, 0, sizeof *r);
    for (size_t k = 0; k < 4; k++)
        if (!(r->col[k] = clean_dup(k < ncols ? cols[k] : "", k == 2))) {
            for (size_t j = 0; j < k; j++)
                free(r->col[j]);
            return -1;
        }
    r->file = file;
    r->line = line;
    u->n++;
    return 0;
}

/* Parses one line (without its newline); returns 0 (added or blank), -1 with err set. */
static int parse_line(ulexicon *u, char *line, size_t len, const char *path, size_t file, size_t ln,
                      char *err, size_t cap)
{
    if (memchr(line, '\0', len))
        return fail(err, cap, path, ln, "contains a NUL byte");
    if (ln == 1 && len >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3))
        memmove(line, line + 3, (len -= 3) + 1); /* a byte-order mark opens the file */
    if (len && line[len - 1] == '\r')
        line[--len] = '\0';
    if (!len || (line[0] == '#' && line[1] != '\t'))
        return 0;
    if (utf8proc_decompose((const utf8proc_uint8_t *)line, (utf8proc_ssize_t)len, NULL, 0, 0) < 0)
        return fail(err, cap, path, ln, "not valid UTF-8");
    char *cols[5];
    size_t n = 0;
    for (char *p = line; p && n < 5; n++) {
        cols[n] = p;
        p = strchr(p, '\t');
        if (p)
            *p++ = '\0';
    }
    if (n < 2 || n > 4)
        return fail(err, cap, path, ln, "expected form<TAB>reading[<TAB>context[<TAB>flags]]");
    if (!form_ok(cols[0]))
        return fail(err, cap, path, ln, "the form is empty or contains a space");
    if (!reading_ok(cols[1]))
        return fail(err, cap, path, ln, "the reading must be Vietnamese words only (letters and spaces)");
    if (n == 4 && cols[3][0] && strcmp(cols[3], "end") != 0)
        return fail(err, cap, path, ln, "the only flag is \"end\"");
    if (add_row(u, cols, n, file, ln) != 0)
        return fail(err, cap, path, ln, "out of memory");
    return 0;
}

/* The whole file, at most FILE_MAX_BYTES: /dev/zero or a FIFO that never ends is refused, not
 * read until memory runs out. Returns the bytes (NUL-terminated) or NULL with err set. */
static char *read_bounded(FILE *f, const char *path, size_t *len, char *err, size_t cap)
{
    size_t n = 0, room = 1 << 16;
    char *buf = malloc(room + 1);
    while (buf) {
        size_t got = fread(buf + n, 1, room - n, f);
        n += got;
        if (got == 0 || n > FILE_MAX_BYTES)
            break;
        if (n == room) {
            char *p = room <= FILE_MAX_BYTES ? realloc(buf, room * 2 + 1) : NULL;
            if (!p)
                break;
            buf = p;
            room *= 2;
        }
    }
    if (!buf || n > FILE_MAX_BYTES || ferror(f) || n == room) {
        snprintf(err, cap, n > FILE_MAX_BYTES ? "lexicon '%s' is larger than 16 MiB"
                           : ferror(f) ? "cannot read lexicon '%s'" : "out of memory reading lexicon '%s'", path);
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static int load_file(ulexicon *u, const char *path, size_t file, char *err, size_t cap)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, cap, "cannot open lexicon '%s': %s", path, strerror(errno));
        return -1;
    }
    size_t len = 0, ln = 0;
    char *text = read_bounded(f, path, &len, err, cap);
    fclose(f);
    if (!text)
        return -1;
    int r = 0;
    for (char *line = text; r == 0 && line < text + len;) {
        char *nl = memchr(line, '\n', (size_t)(text + len - line));
        size_t n = nl ? (size_t)(nl - line) : (size_t)(text + len - line);
        ln++;
        if (n > LINE_MAX_BYTES)
            r = fail(err, cap, path, ln, "line longer than 4096 bytes");
        else if (u->n >= ENTRIES_MAX)
            r = fail(err, cap, path, ln, "more than 200000 entries in the lexicons");
        else {
            line[n] = '\0';
            r = parse_line(u, line, n, path, file, ln, err, cap);
        }
        line += n + 1;
    }
    free(text);
    return r;
}

static int cmp_rows(const void *a, const void *b)
{
    const urow *x = a, *y = b;
    int c = strcmp(x->col[0], y->col[0]);
    if (c)
        return c;
    if (x->file != y->file)
        return x->file > y->file ? -1 : 1; /* a later file wins */
    return x->line < y->line ? -1 : x->line > y->line;
}

ra_status ulex_load(ulexicon **out, const char *const *paths, char *err, size_t errcap)
{
    *out = NULL;
    if (!paths || !paths[0])
        return RA_OK;
    ulexicon *u = calloc(1, sizeof *u);
    if (!u)
        return RA_ERR_NOMEM;
    for (size_t i = 0; paths[i]; i++)
        if (load_file(u, paths[i], i, err, errcap) != 0) {
            ulex_free(u);
            return RA_ERR_LEXICON;
        }
    if (u->n)
        qsort(u->rows, u->n, sizeof *u->rows, cmp_rows); /* never qsort(NULL, 0): undefined */
    u->table = malloc((u->n ? u->n : 1) * sizeof *u->table);
    if (!u->table) {
        ulex_free(u);
        return RA_ERR_NOMEM;
    }
    for (size_t i = 0; i < u->n; i++)
        memcpy(u->table[i], u->rows[i].col, sizeof u->table[i]);
    *out = u;
    return RA_OK;
}

void ulex_free(ulexicon *u)
{
    if (!u)
        return;
    for (size_t i = 0; i < u->n; i++)
        for (size_t k = 0; k < 4; k++)
            free(u->rows[i].col[k]);
    free(u->rows);
    free(u->table);
    free(u);
}

const char *const (*ulex_table(const ulexicon *u, size_t *count))[4]
{
    *count = u ? u->n : 0;
    return u ? (const char *const (*)[4])u->table : NULL;
}
