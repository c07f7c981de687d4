/* The public API: status codes, messages, voices, sinks, files, memory, threads. */
#include "testutil.h"

#include <locale.h>
#include <pthread.h>
#include <sndfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "readarticle.h"

static const char text[] = "Xin chào các bạn. Hôm nay là ngày 3 tháng 6.";

/* espeak-ng's output length varies by a few milliseconds from call to call */
static int close_to(size_t a, size_t b)
{
    double d = (double)a - (double)b;
    return (d < 0 ? -d : d) <= 0.02 * (double)b;
}

typedef struct {
    size_t samples;
    int peak;
    int stop_after;   /* stop once this many blocks arrived; 0 = never */
    int blocks;
} collect;

static int on_pcm(void *user, const int16_t *s, size_t n)
{
    collect *c = user;
    for (size_t i = 0; i < n; i++) {
        int v = s[i] < 0 ? -s[i] : s[i];
        if (v > c->peak)
            c->peak = v;
    }
    c->samples += n;
    c->blocks++;
    return c->stop_after && c->blocks >= c->stop_after;
}

static ra_engine *engine(const char *voice)
{
    ra_options o;
    ra_options_init(&o);
    o.voice = voice;
    ra_engine *e = NULL;
    assert_int_equal(ra_engine_new(&e, &o), RA_OK);
    return e;
}

static void test_version_and_errors(void **state)
{
    (void)state;
    char v[32];
    snprintf(v, sizeof v, "%d.%d.%d", RA_VERSION_MAJOR, RA_VERSION_MINOR, RA_VERSION_PATCH);
    assert_string_equal(ra_version_string(), v);
    for (int s = RA_OK; s <= RA_ERR_EMPTY; s++)
        assert_true(strlen(ra_strerror((ra_status)s)) > 3);
    assert_string_equal(ra_strerror((ra_status)999), "unknown status");
    assert_int_equal(RA_ERR_UTF8, 3); /* pinned values */
    assert_int_equal(RA_ERR_LEXICON, 9);
    assert_int_equal(RA_ERR_EMPTY, 10);
    assert_string_equal(ra_strerror(RA_ERR_EMPTY), "nothing to read");
}

static void test_bad_arguments(void **state)
{
    (void)state;
    ra_options o;
    assert_int_equal(ra_options_init(NULL), RA_ERR_ARG);
    assert_int_equal(ra_engine_new(NULL, NULL), RA_ERR_ARG);
    ra_engine *e = NULL;
    ra_options_init(&o);
    o.voice = "klingon";
    assert_int_equal(ra_engine_new(&e, &o), RA_ERR_VOICE);
    assert_null(e);
    assert_non_null(strstr(ra_errmsg(NULL), "klingon"));
    ra_options_init(&o);
    o.rate = 5000;
    assert_int_equal(ra_engine_new(&e, &o), RA_ERR_ARG);
    o.rate = 0;
    o.version = 77;
    assert_int_equal(ra_engine_new(&e, &o), RA_ERR_ARG);
    ra_options_init(&o);
    o.worker_timeout_ms = 3600001;
    assert_int_equal(ra_engine_new(&e, &o), RA_ERR_ARG);
    assert_non_null(strstr(ra_errmsg(NULL), "worker_timeout_ms"));
    e = engine(NULL);
    char *out = NULL;
    assert_int_equal(ra_normalize(e, NULL, 3, &out), RA_ERR_ARG);
    assert_int_equal(ra_normalize(e, "abc", 3, NULL), RA_ERR_ARG);
    assert_int_equal(ra_synth_to_sink(e, "abc", 3, NULL, NULL), RA_ERR_ARG);
    assert_int_equal(ra_synth_to_file(e, "abc", 3, "x.wav", (ra_format)42), RA_ERR_ARG);
    /* a stray byte reads as nothing, and the warning names it; strict input refuses it, as do
     * callers built against options of version 3, to whom RA_ERR_UTF8 was promised */
    assert_int_equal(ra_normalize(e, "ba \xFF", 4, &out), RA_OK);
    assert_string_equal(out, "ba\n");
    assert_non_null(strstr(ra_warning(e), "byte 3"));
    ra_free(out);
    out = NULL;
    ra_engine_free(e);
    for (int v3 = 0; v3 < 2; v3++) {
        ra_options_init_version(&o, v3 ? 3 : RA_OPTIONS_VERSION);
        o.input_strict = !v3; /* past a version-3 struct: never read, whatever it holds */
        assert_int_equal(ra_engine_new(&e, &o), RA_OK);
        assert_int_equal(ra_normalize(e, "ab\xFF", 3, &out), RA_ERR_UTF8);
        assert_non_null(strstr(ra_errmsg(e), "byte 2"));
        assert_string_equal(ra_warning(e), "");
        assert_null(out);
        ra_engine_free(e);
    }
    ra_engine_free(NULL);
    ra_free(NULL);
}

static void test_voices(void **state)
{
    (void)state;
    const char *want[] = { "north", "north-female", "central", "central-female", "south", "south-female" };
    size_t found = 0;
    for (size_t i = 0; i < ra_voice_count(); i++) {
        const char *name, *desc;
        assert_int_equal(ra_voice_info(i, &name, &desc), RA_OK);
        assert_true(strlen(desc) > 10);
        for (size_t k = 0; k < 6; k++)
            found += strcmp(name, want[k]) == 0;
    }
    assert_int_equal(found, 6);
    const char *n, *d;
    assert_int_equal(ra_voice_info(ra_voice_count(), &n, &d), RA_ERR_ARG);
    /* a profile file works as well as a name */
    ra_engine *e = engine("voices/south.voice");
    char *out = NULL;
    assert_int_equal(ra_normalize(e, "1.005", 5, &out), RA_OK);
    assert_string_equal(out, "một ngàn không trăm lẻ năm\n");
    ra_free(out);
    ra_engine_free(e);
}

/* A profile may name only espeak-ng's Vietnamese voices and its standard variants: anything
 * else is refused before any worker starts. */
static void test_bad_espeak_voice(void **state)
{
    (void)state;
    static const char *const bad[] = { "espeak=zz-nosuch\n", "espeak=vi+zznosuch\n", "espeak=mb-vi1\n",
                                       "espeak=../../tmp/x\n", "espeak=vi+f9\n" };
    ra_options o;
    ra_options_init(&o);
    o.voice = "/tmp/ra-test-bad.voice";
    ra_engine *e = NULL;
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        FILE *f = fopen("/tmp/ra-test-bad.voice", "w");
        fputs(bad[k], f);
        fclose(f);
        assert_int_equal(ra_engine_new(&e, &o), RA_ERR_VOICE);
        assert_null(e);
    }
    FILE *f = fopen("/tmp/ra-test-bad.voice", "w");
    fputs("espeak=vi-vn-x-central+m3\n", f);
    fclose(f);
    assert_int_equal(ra_engine_new(&e, &o), RA_OK);
    ra_engine_free(e);
    remove("/tmp/ra-test-bad.voice");
}

static void test_sink(void **state)
{
    (void)state;
    ra_engine *e = engine(NULL);
    collect c = { 0 };
    assert_int_equal(ra_synth_to_sink(e, text, strlen(text), on_pcm, &c), RA_OK);
    double secs = (double)c.samples / ra_sample_rate(e);
    assert_true(secs > 1.5 && secs < 10.0);
    assert_true(c.peak > 1000); /* not silent */
    collect stop = { 0 };
    stop.stop_after = 2;
    assert_int_equal(ra_synth_to_sink(e, text, strlen(text), on_pcm, &stop), RA_ERR_ABORTED);
    assert_true(stop.samples < c.samples);
    ra_engine_free(e);
}

static int stop_progress(void *user, size_t done, size_t total)
{
    (void)user;
    return done < total; /* stop after the first sentence */
}

static int no_temp_files(const char *dir_prefix)
{
    char cmd[256];
    int st;
    snprintf(cmd, sizeof cmd, "ls %s* 2>/dev/null", dir_prefix);
    char *out = run_capture(cmd, &st);
    int none = out && out[0] == '\0';
    free(out);
    return none;
}

/* Entries of a directory, hidden ones (temporary files) included. */
static int dir_entries(const char *dir)
{
    char cmd[300];
    int st;
    snprintf(cmd, sizeof cmd, "ls -A %s | wc -l", dir);
    char *out = run_capture(cmd, &st);
    int n = out ? atoi(out) : -1;
    free(out);
    return n;
}

static void test_file_and_memory(void **state)
{
    (void)state;
    char path[] = "/tmp/ra-test-XXXXXX";
    assert_non_null(mkdtemp(path));
    char wav[64];
    snprintf(wav, sizeof wav, "%s/out.wav", path);
    ra_engine *e = engine(NULL);
    assert_int_equal(ra_synth_to_file(e, text, strlen(text), wav, RA_FORMAT_AUTO), RA_OK);
    SF_INFO info = { 0 };
    SNDFILE *sf = sf_open(wav, SFM_READ, &info);
    assert_non_null(sf);
    sf_close(sf);
    assert_int_equal(info.samplerate, 22050);
    assert_int_equal(info.channels, 1);
    collect c = { 0 };
    assert_int_equal(ra_synth_to_sink(e, text, strlen(text), on_pcm, &c), RA_OK);
    assert_true(close_to((size_t)info.frames, c.samples)); /* the file holds what a sink sees */

    void *data = NULL;
    size_t size = 0;
    assert_int_equal(ra_synth_to_memory(e, text, strlen(text), RA_FORMAT_WAV, &data, &size), RA_OK);
    assert_memory_equal(data, "RIFF", 4);
    assert_memory_equal((char *)data + 8, "WAVE", 4);
    assert_true(size > 44 && close_to((size - 44) / 2, c.samples));
    ra_free(data);

    assert_int_equal(ra_synth_to_file(e, text, strlen(text), "/nonexistent-dir/x.wav", RA_FORMAT_WAV), RA_ERR_IO);
    assert_non_null(strstr(ra_errmsg(e), "/nonexistent-dir/x.wav"));
    ra_engine_free(e);

    /* a synthesis stopped half-way leaves neither the file nor a temporary behind */
    ra_options o;
    ra_options_init(&o);
    o.progress = stop_progress;
    assert_int_equal(ra_engine_new(&e, &o), RA_OK);
    char wav2[64];
    snprintf(wav2, sizeof wav2, "%s/stopped.wav", path);
    assert_int_equal(ra_synth_to_file(e, text, strlen(text), wav2, RA_FORMAT_WAV), RA_ERR_ABORTED);
    assert_int_equal(access(wav2, F_OK), -1);
    assert_true(no_temp_files(wav2));
    ra_engine_free(e);
    unlink(wav);
    rmdir(path);
}

static void test_user_lexicon(void **state)
{
    (void)state;
    const char *files[] = { "tests/data/user-lexicon.tsv", NULL };
    ra_options o;
    ra_options_init(&o);
    o.lexicons = files;
    ra_engine *e = NULL;
    assert_int_equal(ra_engine_new(&e, &o), RA_OK);
    const char *in = "UBND và HĐND. ZALO, Zalo. HTX nông nghiệp. HTX công viên. Q. Ba Đình";
    char *out = NULL;
    assert_int_equal(ra_normalize(e, in, strlen(in), &out), RA_OK);
    /* user entries win, a built-in one still applies, lower-case forms match any case,
     * context picks among the user's readings, dotted forms keep the sentence whole */
    assert_string_equal(out, "ủy ban và hội đồng nhân dân.\ngiao lô, giao lô.\nhợp tác xã nông nghiệp.\n"
                             "hạ tầng xanh công viên.\nquận Ba Đình\n");
    ra_free(out);
    ra_engine_free(e);

    const char *bad[] = { "tests/data/user-lexicon.tsv", "tests/data/bad-lexicon.tsv", NULL };
    o.lexicons = bad;
    e = NULL;
    assert_int_equal(ra_engine_new(&e, &o), RA_ERR_LEXICON);
    assert_null(e);
    assert_non_null(strstr(ra_errmsg(NULL), "tests/data/bad-lexicon.tsv:2:"));
    /* a BOM, a form typed with the other tone placement, a context word in capitals */
    const char *second[] = { "tests/data/user-lexicon-2.tsv", NULL };
    o.lexicons = second;
    assert_int_equal(ra_engine_new(&e, &o), RA_OK);
    const char *in2 = "BQLDA, hòa và HTX công viên";
    assert_int_equal(ra_normalize(e, in2, strlen(in2), &out), RA_OK);
    assert_string_equal(out, "ban quản lý dự án, hoa thơm và hạ tầng xanh công viên\n");
    ra_free(out);
    ra_engine_free(e);
    e = NULL;
    const char *missing[] = { "tests/data/no-such-lexicon.tsv", NULL };
    o.lexicons = missing;
    assert_int_equal(ra_engine_new(&e, &o), RA_ERR_LEXICON);
    assert_non_null(strstr(ra_errmsg(NULL), "no-such-lexicon.tsv"));
}

/* Synthesizes t on a new engine made with options o; returns the samples produced. */
static size_t samples_for(const ra_options *o, const char *t)
{
    ra_engine *e = NULL;
    assert_int_equal(ra_engine_new(&e, o), RA_OK);
    collect c = { 0 };
    assert_int_equal(ra_synth_to_sink(e, t, strlen(t), on_pcm, &c), RA_OK);
    ra_engine_free(e);
    return c.samples;
}

static size_t samples_with(const char *t, int pause_sentence, int pause_paragraph)
{
    ra_options o;
    ra_options_init(&o);
    o.pause_sentence = pause_sentence;
    o.pause_paragraph = pause_paragraph;
    return samples_for(&o, t);
}

static void test_pauses(void **state)
{
    (void)state;
    const char *t = "Một hai ba. Bốn năm sáu. Bảy tám chín.\n\nMười một.";
    /* two sentence pauses inside the first paragraph, one paragraph pause after it */
    size_t base = samples_with(t, 0, 0);
    size_t sent = samples_with(t, 1000, 0);
    size_t para = samples_with(t, 0, 1500);
    double ds = (double)(sent - base) / 22050, dp = (double)(para - base) / 22050;
    if (ds < 1.9 || ds > 2.1)
        fail_msg("two sentence pauses of 1 s added %.3f s", ds);
    if (dp < 1.4 || dp > 1.6)
        fail_msg("one paragraph pause of 1.5 s added %.3f s", dp);
    ra_options o;
    ra_options_init(&o);
    o.pause_sentence = 20000;
    ra_engine *e = NULL;
    assert_int_equal(ra_engine_new(&e, &o), RA_ERR_ARG);
}

/* Gaps between sentences, from their events. */
typedef struct {
    double end[16], start[16];
    ra_break ends[16];
    int n;
} gaps;

static int on_sentence(void *user, const ra_event *ev)
{
    gaps *g = user;
    if (ev->kind == RA_EVENT_SENTENCE && g->n < 16) {
        g->start[g->n] = ev->start;
        g->ends[g->n] = ev->ends;
        g->end[g->n++] = ev->end;
    }
    return 0;
}

/* Each kind of break gets its own pause, measured as the silence between sentences: a
 * heading's, a sentence's, a paragraph's and a list item's, set to distinct values here. */
static void test_pause_kinds_by_silence(void **state)
{
    (void)state;
    FILE *f = fopen("/tmp/ra-test-pauses.voice", "w");
    fputs("espeak=vi\npause_heading=1500\npause_sentence=100\npause_paragraph=400\npause_list=900\n", f);
    fclose(f);
    ra_options o;
    ra_options_init(&o);
    o.voice = "/tmp/ra-test-pauses.voice";
    ra_engine *e = NULL;
    assert_int_equal(ra_engine_new(&e, &o), RA_OK);
    const char t[] = "Tiêu đề bài báo\n\nCâu một của đoạn văn. Câu hai của đoạn văn.\n\n- Mục thứ nhất\n"
                     "- Mục thứ hai\n\nĐoạn cuối cùng.";
    gaps g = { .n = 0 };
    ra_hooks h;
    ra_hooks_init(&h);
    h.on_event = on_sentence;
    h.event_user = &g;
    collect c = { 0 };
    assert_int_equal(ra_synth_to_sink_with(e, t, strlen(t), on_pcm, &c, &h), RA_OK);
    ra_engine_free(e);
    remove("/tmp/ra-test-pauses.voice");
    assert_int_equal(g.n, 6);
    static const double want[] = { 1.5, 0.1, 0.4, 0.9, 0.9 }; /* after: heading, sentence, paragraph, items */
    for (int k = 0; k + 1 < g.n; k++) {
        double gap = g.start[k + 1] - g.end[k];
        if (gap < want[k] - 0.06 || gap > want[k] + 0.06)
            fail_msg("pause after sentence %d: %.3f s, want %.3f s", k, gap, want[k]);
    }
    /* and each sentence event names the break after it, for pages that rebuild the layout */
    static const ra_break ends[] = { RA_BREAK_HEADING, RA_BREAK_SENTENCE, RA_BREAK_PARAGRAPH,
                                     RA_BREAK_LIST, RA_BREAK_LIST, RA_BREAK_PARAGRAPH };
    for (int k = 0; k < g.n; k++)
        assert_int_equal(g.ends[k], ends[k]);
}

typedef struct {
    const char *input;
    size_t n, words, sentences;
    double last_start, last_end, sentence_end;
    size_t last_byte;
    size_t longest_spoken;
    int ok;
    char seen[16][64];     /* "source=spoken" of the first words */
} event_log;

static int on_event(void *user, const ra_event *ev)
{
    event_log *l = user;
    if (ev->start < l->last_start - 1e-9 || ev->end < ev->start || ev->byte_end < ev->byte_start)
        l->ok = 0;
    if (ev->kind == RA_EVENT_SENTENCE) {
        l->sentences++;
        l->sentence_end = ev->end;
        l->last_start = ev->start;
        return 0;
    }
    if (ev->byte_start < l->last_byte || ev->end > l->sentence_end + 1e-9)
        l->ok = 0;
    l->last_byte = ev->byte_end;
    if (strlen(ev->spoken) > l->longest_spoken)
        l->longest_spoken = strlen(ev->spoken);
    l->last_start = ev->start;
    l->last_end = ev->end;
    if (l->words < 16)
        snprintf(l->seen[l->words], sizeof l->seen[0], "%.*s=%s", (int)(ev->byte_end - ev->byte_start),
                 l->input + ev->byte_start, ev->spoken);
    l->words++;
    return 0;
}

static void log_init(event_log *log, const char *input)
{
    memset(log, 0, sizeof *log);
    log->input = input;
    log->ok = 1;
}

/* Synthesizes t on an engine whose events go to *log; returns the samples produced. */
static size_t synth_logged(const char *t, event_log *log)
{
    log_init(log, t);
    ra_options o;
    ra_options_init(&o);
    o.on_event = on_event;
    o.event_user = log;
    return samples_for(&o, t);
}

static void test_timings(void **state)
{
    (void)state;
    const char *t = "<p>UBND có 2023 hộ.</p>\n<p>Ho\xC3\xA0 &amp; bình!</p>";
    event_log log;
    size_t samples = synth_logged(t, &log);
    assert_true(log.ok); /* ordered, non-decreasing, inside their sentence */
    assert_int_equal(log.sentences, 2);
    assert_int_equal(log.words, 7);
    /* byte offsets slice the input back to each word; an expanded word is one event */
    assert_string_equal(log.seen[0], "UBND=ủy ban nhân dân");
    assert_string_equal(log.seen[2], "2023=hai nghìn không trăm hai mươi ba");
    assert_string_equal(log.seen[4], "Ho\xC3\xA0=Hòa");
    assert_string_equal(log.seen[5], "&amp;=và");
    double total = (double)samples / 22050;
    assert_true(log.last_end > total - 0.01 && log.last_end <= total + 1e-9);
}

/* A sentence nothing can be said of makes no event and no pause; a long reading is whole. */
static void test_timings_edges(void **state)
{
    (void)state;
    char t[2048] = "Câu một.\n\xE4\xB8\xAD\xE6\x96\x87\xE3\x80\x82\nMã ";
    for (int k = 0; k < 30; k++)
        strcat(t, "7");
    strcat(t, " nhé.");
    event_log log;
    synth_logged(t, &log);
    assert_true(log.ok);
    assert_int_equal(log.sentences, 2); /* the Chinese line is not announced */
    assert_int_equal(log.words, 5);
    /* 30 digits (the most read as they are) are one word said digit by digit: "bảy" 30 times,
     * nothing cut */
    assert_int_equal(log.longest_spoken, 30 * strlen("bảy") + 29);
}

/* Per-call hooks: two threads on one engine each see only their own call's events. */
typedef struct {
    ra_engine *e;
    const char *text;
    event_log log;
    ra_status st;
} hooked_call;

static void *hooked_work(void *arg)
{
    hooked_call *h = arg;
    ra_hooks hooks;
    ra_hooks_init(&hooks);
    hooks.on_event = on_event;
    hooks.event_user = &h->log;
    collect c = { 0 };
    h->st = ra_synth_to_sink_with(h->e, h->text, strlen(h->text), on_pcm, &c, &hooks);
    return NULL;
}

static void test_call_hooks(void **state)
{
    (void)state;
    ra_options o;
    ra_options_init(&o);
    o.max_instances = 2;
    ra_engine *e = NULL;
    assert_int_equal(ra_engine_new(&e, &o), RA_OK);
    hooked_call calls[2] = { { e, "Một hai ba bốn năm sáu bảy.", { 0 }, RA_OK },
                             { e, "UBND xã. Hội nghị kết thúc lúc 14h30 hôm nay.", { 0 }, RA_OK } };
    pthread_t th[2];
    for (int i = 0; i < 2; i++) {
        log_init(&calls[i].log, calls[i].text);
        assert_int_equal(pthread_create(&th[i], NULL, hooked_work, &calls[i]), 0);
    }
    for (int i = 0; i < 2; i++)
        pthread_join(th[i], NULL);
    assert_int_equal(calls[0].st, RA_OK);
    assert_int_equal(calls[1].st, RA_OK);
    assert_true(calls[0].log.ok && calls[1].log.ok);
    assert_int_equal(calls[0].log.sentences, 1);
    assert_int_equal(calls[0].log.words, 7);
    assert_int_equal(calls[1].log.sentences, 2);
    assert_int_equal(calls[1].log.words, 10);
    assert_string_equal(calls[1].log.seen[7], "14h30=mười bốn giờ ba mươi phút");
    ra_hooks bad;
    memset(&bad, 0, sizeof bad);
    collect c = { 0 };
    assert_int_equal(ra_synth_to_sink_with(e, "a", 1, on_pcm, &c, &bad), RA_ERR_ARG);
    assert_int_equal(ra_hooks_init(NULL), RA_ERR_ARG);
    ra_engine_free(e);
}

typedef struct {
    ra_engine *e;
    collect c;
    ra_status st;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    w->st = ra_synth_to_sink(w->e, text, strlen(text), on_pcm, &w->c);
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    ra_options o;
    ra_options_init(&o);
    o.max_instances = 2;
    ra_engine *e = NULL;
    assert_int_equal(ra_engine_new(&e, &o), RA_OK);
    collect ref = { 0 };
    assert_int_equal(ra_synth_to_sink(e, text, strlen(text), on_pcm, &ref), RA_OK);
    worker w[4];
    pthread_t th[4];
    for (int i = 0; i < 4; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].e = e;
        assert_int_equal(pthread_create(&th[i], NULL, work, &w[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(w[i].st, RA_OK);
        assert_true(close_to(w[i].c.samples, ref.samples)); /* concurrent synthesis is not garbled */
        assert_true(w[i].c.peak > ref.peak / 2 && w[i].c.peak < ref.peak * 2);
    }
    ra_engine_free(e);
}


/* Nothing to read is an error of its own: no audio, no sink call, no file, no temporary. */
static void test_nothing_to_read(void **state)
{
    (void)state;
    static const char *const empty[] = { "", "  \n\t \n", "\xE4\xB8\xAD\xE6\x96\x87\xE3\x80\x82", "<p> </p>" };
    char dir[] = "/tmp/ra-empty-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/out.wav", dir);
    ra_engine *e = engine(NULL);
    for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++) {
        collect c = { 0 };
        assert_int_equal(ra_synth_to_sink(e, empty[i], strlen(empty[i]), on_pcm, &c), RA_ERR_EMPTY);
        assert_int_equal(c.blocks, 0);
        assert_non_null(strstr(ra_errmsg(e), "nothing to read"));
        assert_int_equal(ra_synth_to_file(e, empty[i], strlen(empty[i]), path, RA_FORMAT_AUTO), RA_ERR_EMPTY);
        void *data = NULL;
        size_t size = 0;
        assert_int_equal(ra_synth_to_memory(e, empty[i], strlen(empty[i]), RA_FORMAT_WAV, &data, &size), RA_ERR_EMPTY);
        assert_null(data);
    }
    assert_int_equal(dir_entries(dir), 0); /* neither out.wav nor .out.wav.XXXXXX */
    char *out = NULL;
    assert_int_equal(ra_normalize(e, "  ", 2, &out), RA_OK); /* a text entry point prints nothing */
    assert_string_equal(out, "");
    ra_free(out);
    ra_engine_free(e);
    rmdir(dir);
}

typedef struct {
    unsigned char *p;
    size_t n, cap;
    int calls;
    int stop_at;           /* return non-zero on this call; 0 = never */
    size_t done;           /* input bytes read, as the last progress report said */
    size_t done_at_first;  /* ... when the first bytes arrived */
} bytes_out;

static int on_write(void *user, const void *data, size_t n)
{
    bytes_out *b = user;
    if (b->calls++ == 0)
        b->done_at_first = b->done;
    if (b->n + n > b->cap) {
        b->cap = (b->n + n) * 2;
        b->p = realloc(b->p, b->cap);
    }
    memcpy(b->p + b->n, data, n);
    b->n += n;
    return b->stop_at && b->calls >= b->stop_at;
}

/* Reports come after each sentence, and every 40 ms while one is being spoken (with the figures
 * of the sentence before): what counts is how far the input has been read. */
static int count_progress(void *user, size_t done, size_t total)
{
    (void)total;
    ((bytes_out *)user)->done = done;
    return 0;
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static bytes_out write_stream(ra_engine *e, const char *t, ra_format f, int stop_at, ra_status want)
{
    bytes_out b = { 0 };
    b.stop_at = stop_at;
    ra_hooks h;
    ra_hooks_init(&h);
    h.progress = count_progress;
    h.progress_user = &b;
    assert_int_equal(ra_synth_to_writer_with(e, t, strlen(t), f, on_write, &b, &h), want);
    return b;
}

/* Encoded audio to a callback leaves sentence by sentence; WAV carries the stream sizes. */
static void test_writer(void **state)
{
    (void)state;
    const char *t = "Câu thứ nhất. Câu thứ hai. Câu thứ ba. Câu thứ tư.";
    ra_engine *e = engine(NULL);
    collect ref = { 0 };
    assert_int_equal(ra_synth_to_sink(e, t, strlen(t), on_pcm, &ref), RA_OK);
    bytes_out b = write_stream(e, t, RA_FORMAT_AUTO, 0, RA_OK);
    assert_true(b.n > 44);
    assert_memory_equal(b.p, "RIFF", 4);
    assert_memory_equal(b.p + 8, "WAVEfmt ", 8);
    assert_int_equal(le32(b.p + 4), 0x7ffff024u);
    assert_memory_equal(b.p + 36, "data", 4);
    assert_int_equal(le32(b.p + 40), 0x7ffff000u);
    assert_int_equal(le32(b.p + 24), 22050);
    assert_true(close_to((b.n - 44) / 2, ref.samples));
    assert_true(b.calls > 4);
    assert_int_equal(b.done_at_first, 0); /* the first bytes left before the first sentence was done */
    free(b.p);
    static const struct { ra_format f; const char *magic; } kinds[] = {
        { RA_FORMAT_FLAC, "fLaC" }, { RA_FORMAT_OGG, "OggS" }, { RA_FORMAT_MP3, "" } };
    for (size_t k = 0; k < 3; k++) {
        if (!ra_format_supported(kinds[k].f))
            continue;
        b = write_stream(e, t, kinds[k].f, 0, RA_OK);
        assert_true(b.n > 1000);
        if (kinds[k].magic[0])
            assert_memory_equal(b.p, kinds[k].magic, 4);
        else /* MP3: an ID3 tag or a frame sync */
            assert_true(!memcmp(b.p, "ID3", 3) || (b.p[0] == 0xFF && (b.p[1] & 0xE0) == 0xE0));
        free(b.p);
    }
    b = write_stream(e, t, RA_FORMAT_WAV, 2, RA_ERR_ABORTED);
    assert_non_null(strstr(ra_errmsg(e), "write callback"));
    assert_int_equal(b.calls, 2);
    free(b.p);
    ra_engine_free(e);
}

/* Synthesizes text into dir/name and reads the file back: its header, and its length in seconds.
 * The file is removed. */
static double render_and_read(ra_engine *e, const char *dir, const char *name, SF_INFO *in)
{
    char path[96];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(ra_synth_to_file(e, text, strlen(text), path, RA_FORMAT_AUTO), RA_OK);
    memset(in, 0, sizeof *in);
    SNDFILE *f = sf_open(path, SFM_READ, in);
    assert_non_null(f);
    sf_close(f);
    unlink(path);
    return (double)in->frames / in->samplerate;
}

static void test_formats(void **state)
{
    (void)state;
    char dir[] = "/tmp/ra-fmt-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    ra_engine *e = engine(NULL);
    assert_true(ra_format_supported(RA_FORMAT_WAV) && ra_format_supported(RA_FORMAT_OGG));
    assert_false(ra_format_supported((ra_format)9));
    snprintf(path, sizeof path, "%s/out.m4a", dir);
    assert_int_equal(ra_synth_to_file(e, text, strlen(text), path, RA_FORMAT_AUTO), RA_ERR_FORMAT);
    assert_non_null(strstr(ra_errmsg(e), "wav, flac, ogg"));
    assert_int_equal(access(path, F_OK), -1);
    /* Opus: Ogg Opus at 48 kHz, resampled, as long as the WAV (within 2%) */
    assert_true(ra_format_supported(RA_FORMAT_OPUS));
    double secs[2];
    static const char *const names[] = { "long.wav", "long.opus" };
    for (int k = 0; k < 2; k++) {
        SF_INFO in;
        secs[k] = render_and_read(e, dir, names[k], &in);
        assert_int_equal(in.samplerate, k ? 48000 : 22050);
        assert_int_equal(in.format, k ? (SF_FORMAT_OGG | SF_FORMAT_OPUS) : (SF_FORMAT_WAV | SF_FORMAT_PCM_16));
    }
    assert_true(secs[0] > 1 && secs[1] > secs[0] * 0.98 && secs[1] < secs[0] * 1.02);
    /* sample_rate: WAV, Opus and a WAV stream at 16 kHz, as long as at 22,050 Hz */
    ra_options o;
    ra_options_init(&o);
    o.sample_rate = 16000;
    ra_engine *e16 = NULL;
    assert_int_equal(ra_engine_new(&e16, &o), RA_OK);
    static const char *const names16[] = { "r16.wav", "r16.opus" };
    for (int k = 0; k < 2; k++) {
        SF_INFO in;
        double s16 = render_and_read(e16, dir, names16[k], &in);
        assert_int_equal(in.samplerate, 16000);
        assert_true(s16 > secs[0] * 0.98 && s16 < secs[0] * 1.02);
    }
    bytes_out b16 = write_stream(e16, text, RA_FORMAT_WAV, 0, RA_OK);
    assert_int_equal(le32(b16.p + 24), 16000);
    assert_true((double)(b16.n - 44) / 2 / 16000 > secs[0] * 0.98 && (double)(b16.n - 44) / 2 / 16000 < secs[0] * 1.02);
    free(b16.p);
    ra_engine_free(e16);
    o.sample_rate = 22050; /* no Opus at this rate: refused, no file */
    assert_int_equal(ra_engine_new(&e16, &o), RA_OK);
    snprintf(path, sizeof path, "%s/r22.opus", dir);
    assert_int_equal(ra_synth_to_file(e16, text, strlen(text), path, RA_FORMAT_AUTO), RA_ERR_FORMAT);
    assert_int_equal(access(path, F_OK), -1);
    ra_engine_free(e16);
    o.sample_rate = 7999;
    assert_int_equal(ra_engine_new(&e16, &o), RA_ERR_ARG);
    /* quality: 0 gives a smaller file than 10 in each lossy format */
    static const ra_format lossy[] = { RA_FORMAT_OGG, RA_FORMAT_OPUS, RA_FORMAT_MP3 };
    for (int k = 0; k < 3; k++) {
        size_t size[2];
        for (int q = 0; q < 2; q++) {
            ra_options_init(&o);
            o.quality = q ? 10 : 0;
            assert_int_equal(ra_engine_new(&e16, &o), RA_OK);
            void *data = NULL;
            if (!ra_format_supported(lossy[k])) {
                size[0] = 0, size[1] = 1;
                ra_engine_free(e16);
                break;
            }
            assert_int_equal(ra_synth_to_memory(e16, text, strlen(text), lossy[k], &data, &size[q]), RA_OK);
            ra_free(data);
            ra_engine_free(e16);
        }
        assert_true(size[0] < size[1]);
    }
    ra_options_init(&o);
    o.quality = 11;
    assert_int_equal(ra_engine_new(&e16, &o), RA_ERR_ARG);
    static const char *const wav_names[] = { "noext", "UPPER.WAV", "x.oga" };
    static const int wav_major[] = { SF_FORMAT_WAV, SF_FORMAT_WAV, SF_FORMAT_OGG };
    for (size_t k = 0; k < 3; k++) {
        SF_INFO info;
        render_and_read(e, dir, wav_names[k], &info);
        assert_int_equal(info.format & SF_FORMAT_TYPEMASK, wav_major[k]);
    }
    /* an explicit format wins over the name */
    snprintf(path, sizeof path, "%s/named.wav", dir);
    assert_int_equal(ra_synth_to_file(e, text, strlen(text), path, RA_FORMAT_FLAC), RA_OK);
    SF_INFO info = { 0 };
    SNDFILE *sf = sf_open(path, SFM_READ, &info);
    assert_non_null(sf);
    sf_close(sf);
    assert_int_equal(info.format & SF_FORMAT_TYPEMASK, SF_FORMAT_FLAC);
    unlink(path);
    ra_engine_free(e);
    rmdir(dir);
}

/* Renders timings collected through ra_timings_attach; returns the text (caller frees). */
static char *timings_of(ra_engine *e, const char *t, ra_timings_format f)
{
    ra_timings *tm = NULL;
    assert_int_equal(ra_timings_new(&tm, t, strlen(t)), RA_OK);
    ra_hooks h;
    ra_hooks_init(&h);
    assert_int_equal(ra_timings_attach(tm, &h), RA_OK);
    void *audio = NULL;
    size_t n = 0;
    assert_int_equal(ra_synth_to_memory_with(e, t, strlen(t), RA_FORMAT_WAV, &audio, &n, &h), RA_OK);
    ra_free(audio);
    char *out = NULL;
    size_t len = 0;
    assert_int_equal(ra_timings_render(tm, f, &out, &len), RA_OK);
    assert_int_equal(strlen(out), len);
    ra_timings_free(tm);
    return out;
}

static void test_timings_api(void **state)
{
    (void)state;
    const char *t = "<p>UBND có 2023 hộ.</p>\n<p>Ho\xC3\xA0 &amp; bình!</p>";
    ra_engine *e = engine(NULL);
    char *json = timings_of(e, t, RA_TIMINGS_JSON);
    assert_true(!strncmp(json, "{\n  \"sentences\": [\n    {\"start\": 0.000, \"end\": ", 46));
    assert_non_null(strstr(json, "\"text\": \"UBND\", \"spoken\": \"ủy ban nhân dân\"}"));
    assert_non_null(strstr(json, "\"text\": \"&amp;\", \"shown\": \"&\", \"spoken\": \"và\"}"));
    ra_free(json);
    char *vtt = timings_of(e, t, RA_TIMINGS_VTT);
    assert_true(!strncmp(vtt, "WEBVTT\n\n1\n00:00:00.000 --> 00:00:0", 34));
    assert_non_null(strstr(vtt, "\nUBND có 2023 hộ.\n\n2\n"));
    const char *last = "\nHòa &amp; bình!\n";
    assert_true(strlen(vtt) > strlen(last) && !strcmp(vtt + strlen(vtt) - strlen(last), last));
    ra_free(vtt);
    ra_timings *tm = NULL;
    char *out = NULL;
    size_t n;
    assert_int_equal(ra_timings_new(NULL, t, 1), RA_ERR_ARG);
    assert_int_equal(ra_timings_new(&tm, t, strlen(t)), RA_OK);
    assert_int_equal(ra_timings_write(tm, "/nonexistent-dir/t.json", RA_TIMINGS_AUTO), RA_ERR_IO);
    assert_non_null(strstr(ra_errmsg(NULL), "/nonexistent-dir/t.json"));
    assert_int_equal(ra_timings_render(tm, (ra_timings_format)7, &out, &n), RA_ERR_ARG);
    ra_timings_free(tm);
    ra_timings_free(NULL);
    ra_engine_free(e);
}

/* A host that called setlocale: Turkish folds 'I' to a dotless i (so a locale-following
 * strncasecmp misses <SCRIPT>) and writes a decimal comma (so %f would break the JSON). */
static void test_turkish_locale(void **state)
{
    (void)state;
    if (!setlocale(LC_ALL, "tr_TR.UTF-8")) {
        fprintf(stderr, "no tr_TR.UTF-8 locale (make check builds one with localedef): skipped\n");
        skip();
    }
    const char *t = "<SCRIPT>var GIA = 1;</SCRIPT><STYLE>I{}</STYLE>Xin chào. <TITLE>Tin</TITLE>";
    ra_engine *e = engine(NULL);
    char *out = NULL;
    assert_int_equal(ra_normalize(e, t, strlen(t), &out), RA_OK);
    assert_string_equal(out, "Xin chào.\nTin\n");
    ra_free(out);
    char *json = timings_of(e, "Xin chào.", RA_TIMINGS_JSON);
    assert_non_null(strstr(json, "{\"start\": 0.000, \"end\": "));
    assert_null(strstr(json, "0,000"));
    ra_free(json);
    ra_engine_free(e);
    setlocale(LC_ALL, "C");
}

/* A program built against version 1 of ra_options (without the worker fields) still works. */
static void test_options_version_1(void **state)
{
    (void)state;
    ra_options o;
    ra_options_init(&o);
    assert_int_equal(o.version, RA_OPTIONS_VERSION);
    o.version = 1;
    o.worker_timeout_ms = 1; /* not part of a version 1 struct: must be ignored */
    ra_engine *e = NULL;
    assert_int_equal(ra_engine_new(&e, &o), RA_OK);
    collect c = { 0 };
    assert_int_equal(ra_synth_to_sink(e, text, strlen(text), on_pcm, &c), RA_OK);
    ra_engine_free(e);
}

typedef struct {
    int fd;
    size_t got;
    char head[4];
} drain;

static void *drain_fd(void *arg)
{
    drain *d = arg;
    char buf[65536];
    ssize_t k;
    while ((k = read(d->fd, buf, sizeof buf)) > 0) {
        if (d->got < 4)
            memcpy(d->head + d->got, buf, (size_t)(4 - d->got < (size_t)k ? 4 - d->got : (size_t)k));
        d->got += (size_t)k;
    }
    return NULL;
}

/* Descriptor names are written through the descriptor: a socket works, a pipe whose reader is
 * gone fails the call with RA_ERR_IO and does not kill this process with SIGPIPE. */
static void test_descriptor_outputs(void **state)
{
    (void)state;
    ra_engine *e = engine(NULL);
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    drain d = { sv[1], 0, { 0 } };
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, drain_fd, &d), 0);
    char path[64];
    snprintf(path, sizeof path, "/dev/fd/%d", sv[0]);
    assert_int_equal(ra_synth_to_file(e, text, strlen(text), path, RA_FORMAT_AUTO), RA_OK);
    close(sv[0]);
    pthread_join(th, NULL);
    close(sv[1]);
    assert_memory_equal(d.head, "RIFF", 4);
    assert_true(d.got > 44 + 2 * 22050);
    int p[2];
    assert_int_equal(pipe(p), 0);
    close(p[0]); /* nobody will read */
    snprintf(path, sizeof path, "/proc/self/fd/%d", p[1]);
    assert_int_equal(ra_synth_to_file(e, text, strlen(text), path, RA_FORMAT_MP3), RA_ERR_IO);
    assert_non_null(strstr(ra_errmsg(e), "Broken pipe"));
    close(p[1]);
    ra_engine_free(e);
}

/* A regular file under /dev (a tmpfs like /dev/shm) is a file like any other: replaced whole
 * or not at all. */
static void test_file_under_dev(void **state)
{
    (void)state;
    if (access("/dev/shm", W_OK) != 0)
        skip();
    char path[64];
    snprintf(path, sizeof path, "/dev/shm/ra-test-%d.wav", (int)getpid());
    FILE *f = fopen(path, "w");
    fputs("keep me", f);
    fclose(f);
    ra_engine *e = engine(NULL);
    assert_int_equal(ra_synth_to_file(e, "  ", 2, path, RA_FORMAT_AUTO), RA_ERR_EMPTY);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_size, 7);
    assert_int_equal(ra_synth_to_file(e, text, strlen(text), path, RA_FORMAT_AUTO), RA_OK);
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size > 44 + 2 * 22050);
    unlink(path);
    ra_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version_and_errors), cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_voices),             cmocka_unit_test(test_sink),
        cmocka_unit_test(test_file_and_memory),    cmocka_unit_test(test_threads),
        cmocka_unit_test(test_user_lexicon),       cmocka_unit_test(test_pauses),
        cmocka_unit_test(test_timings),            cmocka_unit_test(test_bad_espeak_voice),
        cmocka_unit_test(test_pause_kinds_by_silence),
        cmocka_unit_test(test_timings_edges),     cmocka_unit_test(test_call_hooks),
        cmocka_unit_test(test_nothing_to_read),   cmocka_unit_test(test_writer),
        cmocka_unit_test(test_formats),           cmocka_unit_test(test_timings_api),
        cmocka_unit_test(test_turkish_locale),    cmocka_unit_test(test_options_version_1),
        cmocka_unit_test(test_descriptor_outputs), cmocka_unit_test(test_file_under_dev),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
