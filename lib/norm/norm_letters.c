/* Runs of letters: a headline word, an acronym or abbreviation (with context), a loanword, a
 * Vietnamese word, or letters spelled with their Vietnamese names. */
#include <string.h>

#include "lexicon.h"
#include "norm_int.h"
#include "syllable.h"
#include "vnchar.h"

/* Lowercase words of the tokens around i (three each side), for choosing among readings, and
 * the marker "#số" when a number follows (ĐT: 024 ... is điện thoại) or "#mã" when digits are
 * glued to the letters (ĐT741 is đường tỉnh). */
void norm_context_words(void *user, char *buf, size_t cap)
{
    const nctx *c = ((const ctx_req *)user)->c;
    size_t i = ((const ctx_req *)user)->i, k = 0;
    buf[0] = '\0';
    if (i >= c->n)
        return;
    size_t from = i >= 3 ? i - 3 : 0, to = i + 4 < c->n ? i + 4 : c->n;
    for (size_t j = from; j < to; j++) {
        if (j == i || c->t[j].kind != TK_WORD)
            continue;
        const char *w = tok_text(c, j);
        for (size_t p = 0; p < c->t[j].len;) {
            int32_t cp;
            p += vn_decode(w + p, c->t[j].len - p, &cp);
            if (k + 12 >= cap) {
                buf[k] = '\0'; /* the context is cut, never left unterminated */
                return;
            }
            k += vn_encode(vn_lower(cp), buf + k);
        }
        buf[k++] = ' ';
        buf[k] = '\0';
    }
    size_t next = i + 1;
    while (next < c->n && next < i + 3 && c->t[next].kind == TK_PUNCT &&
           (tok_text(c, next)[0] == ':' || tok_text(c, next)[0] == '('))
        next++; /* ĐT: (028) 3829 5555 */
    if (next < c->n && c->t[next].kind == TK_WORD && vn_is_digit((unsigned char)tok_text(c, next)[0]))
        memcpy(buf + k, "#số ", sizeof "#số ");
    else if (c->glued_digits)
        memcpy(buf + k, "#mã ", sizeof "#mã ");
}

static void put_lower(rbuf *out, const char *s, size_t n)
{
    rbuf_space(out);
    for (size_t p = 0; p < n;) {
        int32_t cp;
        char enc[4];
        p += vn_decode(s + p, n - p, &cp);
        rbuf_put(out, enc, vn_encode(vn_lower(cp), enc));
    }
}

/* The last word already said equals the first word of the reading (Đài VOV, Bộ BCA): say it once. */
void norm_put_reading(rbuf *out, const char *r)
{
    const char *sp = strchr(r, ' ');
    size_t end = out->len, start = end;
    while (start > 0 && out->p[start - 1] != ' ' && out->p[start - 1] != '\n')
        start--;
    if (sp && end > start) {
        size_t i = start, j = 0, n = (size_t)(sp - r);
        while (i < end && j < n) {
            int32_t a, b;
            i += vn_decode(out->p + i, end - i, &a);
            j += vn_decode(r + j, n - j, &b);
            if (vn_lower(a) != vn_lower(b))
                break;
            if (i == end && j == n)
                r = sp + 1;
        }
    }
    rbuf_word(out, r);
}

/* Letter by letter with Vietnamese letter names; a letter without a name (a toned vowel such
 * as Ý) is said as itself. */
void norm_spell(rbuf *out, const char *s, size_t n)
{
    for (size_t p = 0; p < n;) {
        int32_t cp;
        char up[8];
        size_t m = vn_decode(s + p, n - p, &cp);
        size_t k = vn_encode(vn_upper(cp), up);
        const char *name = lex_letter(up, k);
        if (name)
            rbuf_word(out, name);
        else
            put_lower(out, s + p, m);
        p += m;
    }
}

/* Every Vietnamese syllable has a vowel; Vietnamese letters beyond ASCII are vowels but for đ. */
static int has_vowel(const char *s, size_t n)
{
    for (size_t p = 0; p < n;) {
        int32_t cp;
        p += vn_decode(s + p, n - p, &cp);
        if (cp >= 0x80 ? (cp != 0x110 && cp != 0x111) : strchr("aeiouyAEIOUY", (int)cp) != NULL)
            return 1;
    }
    return 0;
}

static int all_caps_token(const nctx *c, size_t j)
{
    if (j >= c->n || c->t[j].kind != TK_WORD || c->t[j].len < 2)
        return 0;
    const char *w = tok_text(c, j);
    int letters = 0;
    for (size_t p = 0; p < c->t[j].len;) {
        int32_t cp;
        p += vn_decode(w + p, c->t[j].len - p, &cp);
        if (vn_is_lower(cp))
            return 0;
        letters += vn_is_letter(cp);
    }
    return letters > 0;
}

/* A run of capitals: a neighbouring word is in capitals too (THÊM 500 CA MẮC MỚI). */
static int in_caps_run(const nctx *c, size_t i)
{
    return i < c->n && ((i > 0 && all_caps_token(c, i - 1)) || all_caps_token(c, i + 1) ||
                        (i > 1 && c->t[i - 1].kind == TK_WORD && vn_is_digit((unsigned char)tok_text(c, i - 1)[0]) &&
                         all_caps_token(c, i - 2)));
}

/* An all-caps syllable is a word when it carries Vietnamese marks (KHÔNG), is long, or stands
 * in a run of capitals (THÔNG BÁO KHẨN); a short bare one alone is an acronym (OA, AI). */
static int headline_word(const nctx *c, const char *s, size_t n, size_t i)
{
    for (size_t p = 0; p < n; p++)
        if ((unsigned char)s[p] >= 0x80)
            return 1;
    return n >= 4 || in_caps_run(c, i);
}

static int has_upper_after_first(const char *s, size_t n)
{
    int32_t cp;
    size_t p = vn_decode(s, n, &cp);
    while (p < n) {
        p += vn_decode(s + p, n - p, &cp);
        if (vn_is_upper(cp))
            return 1;
    }
    return 0;
}

/* Where a word of words run together (MoMo, ZaloPay, ARKit, TouchID) starts a new part: at
 * a capital after a small letter, or at the last capital of a run before a small letter. */
static int part_starts(const int32_t *cp, size_t n, size_t k)
{
    if (k == 0 || !vn_is_upper(cp[k]))
        return 0;
    return vn_is_lower(cp[k - 1]) || (vn_is_upper(cp[k - 1]) && k + 1 < n && vn_is_lower(cp[k + 1]));
}

/* Splits s into the parts of a word written in CamelCase; 0 when it is not one (no small
 * letter, or a single part). starts[] receives byte offsets. */
static size_t camel_parts(const char *s, size_t n, size_t *starts, size_t cap)
{
    int32_t cp[48];
    size_t off[48], m = 0, parts = 0, lower = 0;
    for (size_t p = 0; p < n; m++) {
        if (m == 48)
            return 0;
        off[m] = p;
        p += vn_decode(s + p, n - p, &cp[m]);
        lower += vn_is_lower(cp[m]);
    }
    for (size_t k = 0; k < m; k++)
        if ((k == 0 || part_starts(cp, m, k)) && parts < cap)
            starts[parts++] = off[k];
    return lower && parts >= 2 ? parts : 0;
}

static void read_word_part(nctx *c, const char *s, size_t n, size_t tok_index)
{
    const char *r = lex_loanword(s, n);
    int32_t second;
    size_t first = vn_decode(s, n, &second);
    if (!r && (first == n || vn_is_upper((vn_decode(s + first, n - first, &second), second)))) {
        norm_letters(c, s, n, tok_index); /* an acronym inside: AR, ID, TV */
        return;
    }
    if (r)
        norm_put_reading(c->out, r);
    else if (!norm_plain_words(c, s, n) && !norm_foreign(c, s, n)) /* HanoiTV: hà nội; else foreign */
        put_lower(c->out, s, n);
}

static void read_camel(nctx *c, const char *s, size_t n, size_t tok_index)
{
    size_t starts[16], parts = camel_parts(s, n, starts, 16);
    for (size_t k = 0; k < parts; k++) {
        size_t end = k + 1 < parts ? starts[k + 1] : n;
        read_word_part(c, s + starts[k], end - starts[k], tok_index);
    }
}

/* A letter beyond ASCII: a Vietnamese tone mark or vowel (or a foreign accent, left as it is). */
static int has_mark(const char *s, size_t n)
{
    for (size_t p = 0; p < n; p++)
        if ((unsigned char)s[p] >= 0x80)
            return 1;
    return 0;
}

/* Kon Plông, Krông Pắc, Đắk Glei: a consonant before a syllable is said on its own (pờ lông). */
static int cluster_name(nctx *c, const char *s, size_t n)
{
    static const char *const alone[][2] = { { "b", "bờ" }, { "c", "cờ" }, { "d", "đờ" }, { "g", "gờ" }, { "k", "cờ" },
                                            { "p", "pờ" }, { "s", "xờ" }, { "t", "tờ" }, { "v", "vờ" } };
    char first = (char)(s[0] | 0x20);
    if (n < 3 || !strchr("lr", s[1] | 0x20) || (first == 't' && (s[1] | 0x20) == 'r'))
        return 0; /* tr is a Vietnamese onset: trên, trường */
    if (!vn_is_syllable(s + 1, n - 1) || vn_is_syllable(s, n))
        return 0;
    for (size_t k = 0; k < sizeof alone / sizeof alone[0]; k++)
        if (alone[k][0][0] == first) {
            rbuf_word(c->out, alone[k][1]);
            put_lower(c->out, s + 1, n - 1);
            return 1;
        }
    return 0;
}

/* A unit written without its number after a "per" word of lib/data/contexts.tsv (mỗi, từng) or
 * a slash (đồng mỗi kg, đồng/ kg, đồng / kg): its reading, with "trên" first for a slash standing
 * alone (a slash glued to the word before has said it), else NULL. Only units of two letters or
 * more, none of them capital: a lone m or an MB (a bank) is no unit here. */
static const char *unit_alone(const nctx *c, const char *s, size_t n, size_t tok_index, int *say_per)
{
    const char *pos;
    *say_per = 0;
    if (n < 2 || tok_index == 0)
        return NULL;
    for (size_t k = 0; k < n; k++)
        if (s[k] < 'a' || s[k] > 'z')
            return NULL;
    const tok *prev = &c->t[tok_index - 1];
    if (tok_text(c, tok_index - 1)[prev->len - 1] == '/')
        *say_per = prev->len == 1;
    else if (!ctx_before(c, tok_index, "per"))
        return NULL;
    return lex_unit(s, n, &pos);
}

/* Letters no table knows, said one by one: a guess the check reports. */
static void spell_unknown(nctx *c, const char *s, size_t n)
{
    if (n > 1 && !lex_spelled(s, n)) /* GDP, VTV: spelled by convention; n²: a letter is a letter */
        norm_note(c, NOTE_SPELLED, NULL, "unknown acronym \"%.*s\" read letter by letter", (int)n, s);
    norm_spell(c->out, s, n);
}

void norm_letters(nctx *c, const char *s, size_t n, size_t tok_index)
{
    int caps = has_upper_after_first(s, n), syllable = caps && vn_is_syllable(s, n);
    /* in a headline a syllable is a word unless the context asks for the acronym: CA MẮC MỚI */
    int headline_syllable = syllable && in_caps_run(c, tok_index);
    const char *r = norm_acronym(c, s, n, tok_index, headline_syllable);
    if (!r && !headline_syllable)
        r = lex_loanword(s, n);
    if (r) {
        norm_put_reading(c->out, r);
        return;
    }
    int32_t first;
    size_t first_len = vn_decode(s, n, &first);
    if (caps) {
        if (syllable && headline_word(c, s, n, tok_index))
            put_lower(c->out, s, n); /* a headline word: NÂNG CAO */
        else if (camel_parts(s, n, (size_t[16]){ 0 }, 16))
            read_camel(c, s, n, tok_index); /* MoMo, ZaloPay, ARKit: words run together */
        else if (!lex_compose(s, n, c->out) && !(norm_foreign_caps_word(s, n) && norm_foreign(c, s, n)))
            spell_unknown(c, s, n);       /* an unknown acronym: VTV, Zalo OA */
    } else if (first_len == n && vn_is_upper(first)) {
        if (vn_is_syllable(s, n))
            put_lower(c->out, s, n); /* a vowel on its own is a word: Bộ Y tế */
        else
            norm_spell(c->out, s, n);     /* a single consonant: độ C, vitamin B */
    } else if (!has_vowel(s, n)) {
        int say_per;
        const char *unit = unit_alone(c, s, n, tok_index, &say_per);
        if (unit && say_per)
            rbuf_word(c->out, "trên");
        if (unit)
            rbuf_word(c->out, unit);      /* giá mỗi kg */
        else
            spell_unknown(c, s, n);       /* no vowel at all: ch, gmhkpd */
    } else if (has_mark(s, n)) {
        if (!cluster_name(c, s, n))  /* a word with Vietnamese marks is Vietnamese: no checks */
            rbuf_wordn(c->out, s, n);
    } else if (vn_is_syllable(s, n) || vn_is_k_syllable(s, n, 0)) {
        rbuf_wordn(c->out, s, n);    /* a Vietnamese word: Kon Tum, Bắc Kạn spell k before o, a */
    } else if (!cluster_name(c, s, n) && !norm_plain_words(c, s, n) && !norm_foreign(c, s, n)) {
        rbuf_wordn(c->out, s, n);    /* else a foreign word in Vietnamese syllables */
    }
}
