/* Foreign words no table knows (Sinner, Lakeside, YAGI, MoMo): said as Vietnamese syllables, the
 * way a newsreader approximates them, so that espeak-ng's Vietnamese voice reads them instead of
 * switching to English or spelling them. English spelling is mapped to sounds (sh, ph, c before
 * e, a silent final e), the sounds are grouped into syllables (a cluster gives a syllable of its
 * own: bờ lốc), and each syllable is written with a Vietnamese onset, vowel and final consonant,
 * a stop final taking the rising tone (pác, xít). */
#include <stdio.h>
#include <string.h>

#include "norm_int.h"
#include "syllable.h"
#include "vnchar.h"

#define WORD_MAX 24  /* letters of the longest word approximated */
#define UNITS_MAX 32

typedef struct {
    char c[4];  /* consonant sound in Vietnamese spelling (k, g, gi, đ, x, ph, ...), or "" */
    char v[4];  /* or a vowel group in plain letters (a, ee, ou, ...) */
} unit;

typedef struct {
    char onset[4], nucleus[8], coda[4];
    int schwa;  /* a consonant of a cluster said alone: bờ, xờ */
    int r;      /* an r closed it: -er, -ir, -ur are said ơ (Sinner: xin nơ) */
} syl;

/* The word as plain lowercase ASCII letters; 0 when it holds a letter that is not Latin, a
 * Vietnamese vowel or a tone mark (then it is Vietnamese spelt its own way: Bắc Kạn). */
static size_t plain_letters(const char *s, size_t n, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp, base;
        int tone;
        i += vn_decode(s + i, n - i, &cp);
        vn_split_tone(vn_lower(cp), &base, &tone);
        if (tone != VN_TONE_NONE)
            return 0;
        if (base == 0xF1 || base == 0xE7)
            base = base == 0xF1 ? 'n' : 'c'; /* ñ, ç */
        else if (base == 0xFC || base == 0xF6 || base == 0xE4)
            base = base == 0xFC ? 'u' : base == 0xF6 ? 'o' : 'a'; /* ü ö ä */
        if (base < 'a' || base > 'z' || k == WORD_MAX)
            return 0;
        out[k++] = (char)base;
    }
    out[k] = '\0';
    return k;
}

static int vowel(char ch)
{
    return ch && strchr("aeiouy", ch) != NULL;
}

static int front(char ch)
{
    return ch == 'e' || ch == 'i' || ch == 'y';
}

/* A final e after one consonant after a vowel is silent (lake, side, home); after two
 * consonants it is said (Conte: côn tê). */
static size_t drop_silent_e(char *w, size_t n)
{
    if (n < 4 || w[n - 1] != 'e' || vowel(w[n - 2]) || !vowel(w[n - 3]))
        return n;
    for (size_t k = 0; k + 2 < n; k++)
        if (vowel(w[k])) {
            w[--n] = '\0';
            return n;
        }
    return n;
}

static const struct {
    const char *spell, *sound;
} consonants[] = {
    { "tch", "ch" }, { "sch", "x" }, { "ch", "ch" }, { "sh", "x" }, { "th", "th" }, { "ph", "ph" },
    { "gh", "g" },   { "ck", "k" },  { "kh", "kh" }, { "wh", "w" }, { "qu", "qu" }, { "b", "b" },
    { "d", "đ" },    { "f", "ph" },  { "h", "h" },   { "j", "gi" }, { "k", "k" },   { "l", "l" },
    { "m", "m" },    { "n", "n" },   { "p", "p" },   { "q", "k" },  { "r", "r" },   { "s", "x" },
    { "t", "t" },    { "v", "v" },   { "w", "w" },   { "z", "d" },
};

/* The consonant sound at w[i] (c, g and x depend on their neighbours); its length in letters. */
static size_t consonant_at(const char *w, size_t i, char *sound)
{
    if (w[i] == 'c' && w[i + 1] == 'k') {
        strcpy(sound, "k"); /* jackpot: one k */
        return 2;
    }
    if (w[i] == 'c') {
        strcpy(sound, front(w[i + 1]) ? "x" : "k");
        return 1 + (w[i + 1] == 'c' && !front(w[i + 2])); /* soccer */
    }
    if (w[i] == 'g') {
        strcpy(sound, front(w[i + 1]) && i + 1 < strlen(w) ? "gi" : "g");
        return 1;
    }
    if (w[i] == 'n' && (w[i + 1] == 'g' || w[i + 1] == 'k') && !vowel(w[i + 2])) { /* long, bank */
        strcpy(sound, "ng");
        return 2;
    }
    for (size_t k = 0; k < sizeof consonants / sizeof consonants[0]; k++) {
        size_t n = strlen(consonants[k].spell);
        if (!strncmp(w + i, consonants[k].spell, n)) {
            strcpy(sound, consonants[k].sound);
            return n;
        }
    }
    return 0;
}

static int push_unit(unit *u, size_t *n, const char *c, const char *v, size_t vn)
{
    if (*n == UNITS_MAX)
        return -1;
    memset(&u[*n], 0, sizeof u[*n]);
    strcpy(u[*n].c, c);
    memcpy(u[*n].v, v, vn);
    (*n)++;
    return 0;
}

static int known_pair(const char *w);

/* Sounds of the word: consonants and vowel groups of one or two letters. y before a vowel at
 * the start of a syllable is a consonant (yagi: da); x inside a word is two sounds (k + x). */
static size_t units_of(const char *w, unit *u)
{
    size_t n = 0, len = strlen(w);
    for (size_t i = 0; i < len;) {
        char snd[4] = "";
        int y_consonant = w[i] == 'y' && vowel(w[i + 1]) && (i == 0 || !vowel(w[i - 1]));
        if (y_consonant || (w[i] == 'x' && i == 0)) {
            if (push_unit(u, &n, w[i] == 'y' ? "d" : "x", "", 0))
                return 0;
            i++;
        } else if (w[i] == 'x') {
            if (push_unit(u, &n, "k", "", 0) || push_unit(u, &n, "x", "", 0))
                return 0;
            i++;
        } else if (vowel(w[i])) {
            size_t k = vowel(w[i + 1]) && !(w[i + 1] == 'y' && vowel(w[i + 2])) && known_pair(w + i) ? 2 : 1;
            if (push_unit(u, &n, "", w + i, k))
                return 0;
            i += k;
        } else {
            size_t k = consonant_at(w, i, snd);
            if (!k || push_unit(u, &n, snd, "", 0))
                return 0;
            i += k;
        }
    }
    return n;
}

/* The final consonant a Vietnamese syllable can end in for a sound; "" when it cannot. */
static const char *coda_for(const char *c)
{
    static const char *const map[][2] = {
        { "k", "c" }, { "g", "c" },  { "qu", "c" }, { "ch", "ch" }, { "p", "p" }, { "b", "p" }, { "t", "t" },
        { "đ", "t" }, { "th", "t" }, { "d", "t" },  { "x", "t" },   { "gi", "t" }, { "m", "m" }, { "n", "n" },
        { "ng", "ng" }, { "l", "n" }, { "ph", "p" }, { "v", "p" },
    };
    for (size_t k = 0; k < sizeof map / sizeof map[0]; k++)
        if (!strcmp(c, map[k][0]))
            return map[k][1];
    return "";
}

/* Sounds an English final cluster loses in Vietnamese mouths: nd, nt, ks, ts. */
static int reduced(const char *c)
{
    return !strcmp(c, "x") || !strcmp(c, "đ") || !strcmp(c, "t") || !strcmp(c, "d");
}

static void add_schwa(syl *s, size_t *n, const char *c)
{
    if (!strcmp(c, "r") || !strcmp(c, "h") || !strcmp(c, "w") || *n == WORD_MAX)
        return; /* not said on their own */
    memset(&s[*n], 0, sizeof s[*n]);
    strcpy(s[*n].onset, c);
    s[*n].schwa = 1;
    (*n)++;
}

/* Consonants between vowel groups: the first closes the syllable before when it can, the
 * last opens the next, any between are said alone. */
static void place_consonants(syl *s, size_t *n, const unit *u, size_t from, size_t to, int final)
{
    size_t k = from;
    if (*n > 0 && to > from && (to - from >= 2 || final) && !s[*n - 1].schwa && !s[*n - 1].coda[0]) {
        while (k < to && (to - k >= 2 || final) && (!strcmp(u[k].c, "r") || !strcmp(u[k].c, "h"))) {
            s[*n - 1].r |= u[k].c[0] == 'r'; /* park: the r is not said, the k closes */
            k++;
        }
        const char *cd = k < to && (to - k >= 2 || final) ? coda_for(u[k].c) : "";
        if (cd[0]) {
            strcpy(s[*n - 1].coda, cd);
            k++;
        }
    }
    for (; k + (final ? 0 : 1) < to; k++)
        if (!(final && k + 1 == to && k > from && reduced(u[k].c)))
            add_schwa(s, n, u[k].c); /* index: in đéc, Poland: ba lan: a closing s, d or t goes */
}

static size_t syllables_of(const unit *u, size_t nu, syl *s)
{
    size_t n = 0, pending = 0;
    for (size_t i = 0; i < nu; i++) {
        if (!u[i].v[0])
            continue;
        place_consonants(s, &n, u, pending, i, 0);
        if (n == WORD_MAX)
            return n;
        memset(&s[n], 0, sizeof s[n]);
        if (i > pending)
            strcpy(s[n].onset, u[i - 1].c);
        strcpy(s[n].nucleus, u[i].v);
        n++;
        pending = i + 1;
    }
    place_consonants(s, &n, u, pending, nu, 1);
    return n;
}

/* Vietnamese vowels for a plain vowel group, open (no final) and closed. */
static const struct {
    const char *plain, *open, *closed;
} vowels[] = {
    { "a", "a", "a" },    { "e", "ê", "e" },    { "i", "i", "i" },    { "o", "ô", "ô" },   { "u", "u", "u" },
    { "y", "i", "i" },    { "ee", "i", "i" },   { "ea", "i", "i" },   { "ie", "i", "i" },  { "oo", "u", "u" },
    { "ou", "ao", "u" },  { "au", "ô", "o" },   { "ai", "ai", "a" },  { "ay", "ây", "ây" }, { "ei", "ây", "ê" },
    { "ey", "ây", "ê" },  { "oa", "oa", "oa" }, { "oi", "oi", "o" },  { "oy", "oi", "o" }, { "ui", "ui", "u" },
    { "ue", "u", "u" },   { "ua", "oa", "oa" }, { "ia", "ia", "i" },  { "io", "iô", "i" }, { "eu", "iu", "u" },
    { "ae", "e", "e" },   { "uo", "uô", "uô" }, { "eo", "êô", "ê" },  { "oe", "ô", "ô" },  { "iu", "iu", "i" },
};

static int known_pair(const char *w)
{
    for (size_t k = 0; k < sizeof vowels / sizeof vowels[0]; k++)
        if (strlen(vowels[k].plain) == 2 && !strncmp(w, vowels[k].plain, 2))
            return 1;
    return 0;
}

static const char *vowel_for(const char *plain, int closed)
{
    for (size_t k = 0; k < sizeof vowels / sizeof vowels[0]; k++)
        if (!strcmp(plain, vowels[k].plain))
            return closed ? vowels[k].closed : vowels[k].open;
    return closed ? "a" : "a";
}

/* Puts the rising tone on the last vowel of a closed syllable's vowel: pác, xít, oát. */
static void rising_tone(char *w)
{
    size_t n = strlen(w), last = n;
    for (size_t i = 0; i < n;) {
        int32_t cp, base;
        int tone;
        size_t k = vn_decode(w + i, n - i, &cp);
        vn_split_tone(cp, &base, &tone);
        if (strchr("aeiouy", (int)(base < 0x80 ? base : 'a')) || base == 0xEA || base == 0xF4 || base == 0xE2 ||
            base == 0x1A1 || base == 0x1B0 || base == 0x103)
            last = i;
        i += k;
    }
    if (last == n)
        return;
    int32_t cp;
    size_t k = vn_decode(w + last, n - last, &cp);
    char enc[4], rest[32];
    size_t m = vn_encode(vn_join_tone(cp, VN_TONE_SAC), enc);
    snprintf(rest, sizeof rest, "%s", w + last + k);
    memcpy(w + last, enc, m);
    strcpy(w + last + m, rest);
}

/* The onset spelt for the vowel after it: k/c, gh/g, ngh/ng, gi before i. */
static void spell_onset(const char *on, const char *vow, char *out)
{
    int fr = !strncmp(vow, "i", 1) || !strncmp(vow, "e", 1) || !strncmp(vow, "ê", 2);
    if (!strcmp(on, "k"))
        strcpy(out, fr ? "k" : "c");
    else if (!strcmp(on, "g"))
        strcpy(out, fr ? "gh" : "g");
    else if (!strcmp(on, "gi") && vow[0] == 'i')
        strcpy(out, "g");
    else if (!strcmp(on, "w"))
        strcpy(out, "u");
    else if (!strcmp(on, "qu") && vow[0] == 'u')
        strcpy(out, "c");
    else
        strcpy(out, on);
}

/* A w before the vowel joins it (v has room for 16 bytes): i -> uy, a -> oa, e -> oe, o -> uô,
 * else u before it. */
static void glide(char *v)
{
    char t[40];
    const char *pre = v[0] == 'i' ? "u" : v[0] == 'a' ? "o" : v[0] == 'e' ? "o" : "u";
    if (v[0] == 'i')
        snprintf(t, sizeof t, "uy%s", v + 1);
    else if (!strncmp(v, "ô", 2) || v[0] == 'o')
        snprintf(t, sizeof t, "uô%s", v + (v[0] == 'o' ? 1 : 2));
    else
        snprintf(t, sizeof t, "%s%s", pre, v);
    snprintf(v, 16, "%.15s", t);
}

static int stop(const char *coda)
{
    return !strcmp(coda, "c") || !strcmp(coda, "ch") || !strcmp(coda, "p") || !strcmp(coda, "t");
}

/* One syllable in Vietnamese spelling into out (room for 32 bytes); falls back to a simpler
 * shape until the syllable checker accepts it. */
static void write_syllable(const syl *s, char *out)
{
    char on[8];
    if (s->schwa) {
        spell_onset(s->onset, "ơ", on);
        snprintf(out, 32, "%sờ", on);
        return;
    }
    const char *coda = s->coda;
    if (!strcmp(coda, "ch") && strcmp(s->nucleus, "a") && strcmp(s->nucleus, "i") && strcmp(s->nucleus, "e"))
        coda = "t";
    for (int attempt = 0; attempt < 3; attempt++) {
        char v[16];
        snprintf(v, sizeof v, "%s", s->r && strchr("eiu", s->nucleus[0]) && !s->nucleus[1] ? "ơ"
                                    : vowel_for(s->nucleus, coda[0] != '\0'));
        if (!strcmp(coda, "c") && !strcmp(v, "e"))
            coda = "ch"; /* apec: a pếch, index: in đếch */
        if (!strcmp(coda, "ch") && !strcmp(v, "e"))
            snprintf(v, sizeof v, "ê");
        if (!strcmp(coda, "c") && !strcmp(v, "a") && !s->r)
            snprintf(v, sizeof v, "ă"); /* jack: giắc (but park: pác) */
        if (s->r && !strcmp(s->nucleus, "o") && coda[0])
            snprintf(v, sizeof v, "o"); /* port: pót, not pốt */
        if (!strcmp(coda, "ng") && !strcmp(v, "i"))
            coda = "nh"; /* phishing: phi sinh */
        const char *onset = attempt < 2 ? s->onset : "";
        if (!strcmp(onset, "w")) { /* win: uyn, wa: oa */
            glide(v);
            onset = "";
        }
        spell_onset(onset, v, on);
        snprintf(out, 32, "%s%s%s", on, v, coda);
        if (stop(coda))
            rising_tone(out);
        if (vn_is_syllable(out, strlen(out)))
            return;
        coda = ""; /* ainz: drop what cannot end a syllable, then the onset */
    }
    snprintf(out, 32, "ơ");
}

int norm_foreign(nctx *c, const char *s, size_t n)
{
    char w[WORD_MAX + 1];
    unit u[UNITS_MAX];
    syl sy[WORD_MAX];
    size_t len = plain_letters(s, n, w);
    if (len < 2)
        return 0;
    drop_silent_e(w, len);
    size_t nu = units_of(w, u), ns = nu ? syllables_of(u, nu, sy) : 0;
    if (!ns)
        return 0;
    norm_note(c, NOTE_FOREIGN, NULL, "\"%.*s\" is in no table: read by the rules for foreign words", (int)n, s);
    for (size_t k = 0; k < ns; k++) {
        char out[32];
        write_syllable(&sy[k], out);
        rbuf_word(c->out, out);
    }
    return 1;
}

/* An all-capital word said as a word rather than spelled: four letters or more, Latin only,
 * with vowels and no cluster a word could not hold (YAGI, NATO, COVID, SABECO; not BIDV, SLNA). */
int norm_foreign_caps_word(const char *s, size_t n)
{
    size_t run = 0, vowels_seen = 0;
    if (n < 4 || n > WORD_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = (char)(s[i] | 0x20);
        if (s[i] < 'A' || s[i] > 'Z')
            return 0;
        if (vowel(ch)) {
            vowels_seen++;
            run = 0;
        } else if (++run >= 3 || (i + 1 == n && run == 2 && !strchr("GHK", s[i])) || (i == 1 && run == 2)) {
            return 0; /* three consonants, a final pair but ng nh ch ck, or an opening pair */
        }
    }
    return vowels_seen >= 2;
}
