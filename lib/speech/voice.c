/* Voice profiles: parsed from the built-in copies of voices/ profiles or from a file. */
#include "voice.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROFILE_MAX 16384

static void defaults(voice_profile *v, const char *name)
{
    memset(v, 0, sizeof *v);
    snprintf(v->name, sizeof v->name, "%s", name);
    snprintf(v->espeak, sizeof v->espeak, "vi");
    v->rate = 165;
    v->pitch = 50;
    v->pause_sentence = 350;
    v->pause_paragraph = 700;
    v->pause_heading = 800;
    v->pause_list = 500;
    v->dl = DIALECT_NORTH;
}

static int parse_int(const char *s, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

/* espeak-ng's Vietnamese voices, optionally with one of its variants (vi+f2, vi+klatt):
 * nothing else, so that a profile can never start mbrola (mb-*) or load a voice from a path. */
static int espeak_name_ok(const char *s)
{
    static const char *const voices[] = { "vi", "vi-vn-x-central", "vi-vn-x-south" };
    const char *plus = strchr(s, '+');
    size_t n = plus ? (size_t)(plus - s) : strlen(s);
    int known = 0;
    for (size_t i = 0; i < sizeof voices / sizeof voices[0]; i++)
        known |= strlen(voices[i]) == n && !memcmp(voices[i], s, n);
    if (!known)
        return 0;
    if (!plus)
        return 1;
    static const char *const variants[] = { "klatt", "klatt2", "klatt3", "klatt4", "croak", "whisper", "whisperf" };
    const char *v = plus + 1;
    if ((v[0] == 'f' || v[0] == 'm') && v[1] >= '1' && v[1] <= '7' && !v[2])
        return 1; /* f1..f7, m1..m7 */
    for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++)
        if (!strcmp(v, variants[i]))
            return 1;
    return 0;
}

/* One key=value setting; returns 0 or -1 for an unknown key or a bad value. */
static int set_key(voice_profile *v, const char *key, const char *val)
{
    if (!strcmp(key, "description"))
        return snprintf(v->description, sizeof v->description, "%s", val) < 0 ? -1 : 0;
    if (!strcmp(key, "espeak")) {
        if (!espeak_name_ok(val) || strlen(val) >= sizeof v->espeak)
            return -1;
        snprintf(v->espeak, sizeof v->espeak, "%s", val);
        return 0;
    }
    if (!strcmp(key, "dialect")) {
        if (strcmp(val, "north") && strcmp(val, "south"))
            return -1;
        v->dl = !strcmp(val, "south") ? DIALECT_SOUTH : DIALECT_NORTH;
        return 0;
    }
    if (!strcmp(key, "rate"))
        return parse_int(val, 80, 450, &v->rate);
    if (!strcmp(key, "pitch"))
        return parse_int(val, 0, 100, &v->pitch);
    if (!strcmp(key, "pause_sentence"))
        return parse_int(val, 0, 10000, &v->pause_sentence);
    if (!strcmp(key, "pause_paragraph"))
        return parse_int(val, 0, 10000, &v->pause_paragraph);
    if (!strcmp(key, "pause_heading"))
        return parse_int(val, 0, 10000, &v->pause_heading);
    if (!strcmp(key, "pause_list"))
        return parse_int(val, 0, 10000, &v->pause_list);
    return -1;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

ra_status voice_parse(const char *text, const char *name, voice_profile *out, char *err, size_t errcap)
{
    voice_profile v;
    defaults(&v, name);
    size_t lineno = 0;
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char line[512];
        lineno++;
        if (n >= sizeof line) {
            snprintf(err, errcap, "voice '%s': line %zu is too long", name, lineno);
            return RA_ERR_VOICE;
        }
        memcpy(line, p, n);
        line[n] = '\0';
        p += n + (nl != NULL);
        char *l = trim(line);
        if (!*l || *l == '#')
            continue;
        char *eq = strchr(l, '=');
        if (eq)
            *eq = '\0';
        if (!eq || set_key(&v, trim(l), trim(eq + 1)) != 0) {
            /* the line itself is never echoed: a wrong path could name any file */
            snprintf(err, errcap, "voice '%s': line %zu is not a valid setting (key=value with a key of "
                     "description, espeak, dialect, rate, pitch, pause_*; espeak=vi, vi-vn-x-central or "
                     "vi-vn-x-south, optionally +f1..f7, +m1..m7, +klatt ...)", name, lineno);
            return RA_ERR_VOICE;
        }
    }
    *out = v;
    return RA_OK;
}

static ra_status load_file(const char *path, voice_profile *out, char *err, size_t errcap)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errcap, "cannot open voice profile '%s': %s", path, strerror(errno));
        return RA_ERR_VOICE;
    }
    char *text = malloc(PROFILE_MAX + 1);
    if (!text) {
        fclose(f);
        return RA_ERR_NOMEM;
    }
    size_t n = fread(text, 1, PROFILE_MAX + 1, f);
    int bad = ferror(f) || n > PROFILE_MAX || memchr(text, '\0', n) != NULL;
    fclose(f);
    text[n > PROFILE_MAX ? PROFILE_MAX : n] = '\0';
    ra_status st = RA_ERR_VOICE;
    if (bad)
        snprintf(err, errcap, "voice profile '%s' is unreadable or too large", path);
    else
        st = voice_parse(text, path, out, err, errcap);
    free(text);
    return st;
}

ra_status voice_load(const char *name, voice_profile *out, char *err, size_t errcap)
{
    if (!name || !*name)
        name = "north";
    size_t n = strlen(name);
    if (strchr(name, '/') || (n > 6 && !strcmp(name + n - 6, ".voice")))
        return load_file(name, out, err, errcap);
    for (size_t i = 0; i < gen_voices_count; i++)
        if (!strcmp(gen_voices[i][0], name))
            return voice_parse(gen_voices[i][1], name, out, err, errcap);
    /* the message lists the built-in names: a library's caller has no --list-voices */
    int k = snprintf(err, errcap, "unknown voice '%s' (built-in voices:", name);
    for (size_t i = 0; i < gen_voices_count && k > 0 && (size_t)k < errcap; i++)
        k += snprintf(err + k, errcap - (size_t)k, " %s", gen_voices[i][0]);
    if (k > 0 && (size_t)k < errcap)
        snprintf(err + k, errcap - (size_t)k, "; or a profile file's path)");
    return RA_ERR_VOICE;
}
