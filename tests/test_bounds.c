/* Hostile input: what is read of it is bounded, and reading it costs linear time. */
#include "testutil.h"

#include <time.h>
#include <unistd.h>

#include "readarticle.h"

static ra_engine *eng;

static int setup(void **state)
{
    (void)state;
    return ra_engine_new(&eng, NULL) == RA_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ra_engine_free(eng);
    return 0;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static char *normalize(const char *text, size_t len)
{
    char *out = NULL;
    assert_int_equal(ra_normalize(eng, text, len, &out), RA_OK);
    return out;
}

static void assert_reads(const char *text, const char *want)
{
    char *got = normalize(text, strlen(text));
    if (strcmp(got, want) != 0)
        fail_msg("'%.80s': want '%s', got '%.300s'", text, want, got);
    ra_free(got);
}


static void assert_filled_reads(const char *head, const char *unit, size_t times, const char *tail, const char *want)
{
    size_t len = 0;
    char *s = fill_repeat(head, unit, times, tail, &len);
    assert_reads(s, want);
    free(s);
}

static void test_long_runs_are_summarized(void **state)
{
    (void)state;
    assert_filled_reads("Số ", "7", 100000, " là dài.", "Số một dãy số dài một trăm nghìn chữ số là dài.\n");
    assert_filled_reads("Mã ", "7", 31, ".", "Mã một dãy số dài ba mươi mốt chữ số.\n");
    assert_filled_reads("", "ABCDEFGHIJ", 10000, "", "một chuỗi chữ dài một trăm nghìn ký tự\n");
    assert_filled_reads("", "a", 1000000, "", "một chuỗi chữ dài một triệu ký tự\n");
    assert_filled_reads("", "s'", 5000, "", "một chuỗi ký tự lặp lại\n");
    assert_filled_reads("thế kỷ ", "M", 1800, "", "thế kỷ một chuỗi chữ dài một nghìn tám trăm ký tự\n");
    assert_filled_reads("thế kỷ ", "M", 20, "", "thế kỷ một chuỗi ký tự lặp lại\n");
    assert_reads("Khóa aGVsbG8gd29ybGQgdGhpcyBpcyBiYXNlNjQ= và 3f2a9c0d1e2b4f6a8c7d.",
                 "Khóa một chuỗi mã dài ba mươi sáu ký tự và một chuỗi mã dài hai mươi ký tự.\n");
    /* what stays as it was: numbers up to 30 digits, short codes, real words and roman numerals */
    assert_reads("Mã 123456789012345678901234567890.", "Mã một hai ba bốn năm sáu bảy tám chín không một hai ba "
                 "bốn năm sáu bảy tám chín không một hai ba bốn năm sáu bảy tám chín không.\n");
    assert_reads("Số 11111111, mã KH001, Đại hội XIII, hahahaha.", "Số mười một triệu một trăm mười một nghìn một "
                 "trăm mười một, mã kế hoạch không không một, Đại hội mười ba, ha ha ha ha.\n");
    assert_reads("1234 5678 1900 2345 6789", "một nghìn hai trăm ba mươi tư năm nghìn sáu trăm bảy mươi tám một "
                 "nghìn chín trăm hai nghìn ba trăm bốn mươi lăm sáu nghìn bảy trăm tám mươi chín\n");
}

/* A bad byte hidden in markup is bad input too: it would otherwise reach the timings' JSON. */
static void test_invalid_utf8_inside_markup(void **state)
{
    (void)state;
    const char text[] = "xin <b class=\"\xff\"> chào.";
    char *out = NULL;
    assert_int_equal(ra_normalize(eng, text, strlen(text), &out), RA_OK); /* replaced, then dropped */
    assert_string_equal(out, "xin chào.\n");
    assert_non_null(strstr(ra_warning(eng), "byte 14"));
    ra_free(out);
    out = NULL;
    ra_options o;
    ra_options_init(&o);
    o.input_strict = 1;
    ra_engine *strict = NULL;
    assert_int_equal(ra_engine_new(&strict, &o), RA_OK);
    assert_int_equal(ra_normalize(strict, text, strlen(text), &out), RA_ERR_UTF8);
    assert_non_null(strstr(ra_errmsg(strict), "byte 14"));
    assert_null(out);
    /* the next call that succeeds forgets the message: a stale one would mislead */
    assert_int_equal(ra_normalize(strict, "chào", 6, &out), RA_OK);
    assert_string_equal(ra_errmsg(strict), "");
    ra_free(out);
    ra_engine_free(strict);
    /* the next call that succeeds forgets the message: a stale one would mislead */
    assert_int_equal(ra_normalize(eng, "chào", 6, &out), RA_OK);
    assert_string_equal(ra_errmsg(eng), "");
    ra_free(out);
}

static char *normalize_with_lexicons(const char *const *lexicons, const char *text)
{
    ra_options o;
    ra_options_init(&o);
    o.lexicons = lexicons;
    ra_engine *e = NULL;
    assert_int_equal(ra_engine_new(&e, &o), RA_OK);
    char *out = NULL;
    assert_int_equal(ra_normalize(e, text, strlen(text), &out), RA_OK);
    ra_engine_free(e);
    return out;
}

/* A later lexicon wins over an earlier one, and both over the built-in table; in one file the
 * first line of a form wins. */
static void test_lexicon_precedence(void **state)
{
    (void)state;
    char dir[] = "/tmp/ra-lex-XXXXXX", a[64], b[64];
    assert_non_null(mkdtemp(dir));
    snprintf(a, sizeof a, "%s/a.tsv", dir);
    snprintf(b, sizeof b, "%s/b.tsv", dir);
    write_file(a, "UBND\tủy ban tỉnh\nXYZ\tmột\nXYZ\tba\n");
    write_file(b, "XYZ\thai\n");
    const char *ab[] = { a, b, NULL }, *ba[] = { b, a, NULL }, *only_a[] = { a, NULL };
    char *out = normalize_with_lexicons(ab, "XYZ và UBND.");
    assert_string_equal(out, "hai và ủy ban tỉnh.\n");
    ra_free(out);
    out = normalize_with_lexicons(ba, "XYZ và UBND.");
    assert_string_equal(out, "một và ủy ban tỉnh.\n");
    ra_free(out);
    out = normalize_with_lexicons(only_a, "XYZ.");
    assert_string_equal(out, "một.\n");
    ra_free(out);
    remove(a);
    remove(b);
    rmdir(dir);
}

static int count_pcm(void *user, const int16_t *pcm, size_t n)
{
    (void)pcm;
    *(size_t *)user += n;
    return 0;
}

/* Quotes and backslashes in the source are escaped in the timings' JSON; a tab too. */
static void test_timings_json_escapes(void **state)
{
    (void)state;
    const char text[] = "Ông nói \"được\" và C:\\thư\tmục.";
    ra_timings *t = NULL;
    assert_int_equal(ra_timings_new(&t, text, strlen(text)), RA_OK);
    ra_hooks h;
    ra_hooks_init(&h);
    h.on_event = ra_timings_collect;
    h.event_user = t;
    size_t samples = 0;
    assert_int_equal(ra_synth_to_sink_with(eng, text, strlen(text), count_pcm, &samples, &h), RA_OK);
    char *json = NULL;
    size_t n = 0;
    assert_int_equal(ra_timings_render(t, RA_TIMINGS_JSON, &json, &n), RA_OK);
    assert_non_null(strstr(json, "\"text\": \"Ông nói \\\"được\\\" và C:\\\\thư\\u0009mục.\""));
    assert_non_null(strstr(json, "\"text\": \"C:\\\\thư\", \"spoken\": \"xê thư\""));
    assert_null(strstr(json, "\t")); /* a raw tab is not JSON */
    ra_free(json);
    ra_timings_free(t);
}

/* SubRip: numbered cues from 1, "HH:MM:SS,mmm --> HH:MM:SS,mmm" with start before end and
 * after the cue before, the sentence's text on one line, a blank line after each cue. */
static void test_timings_subrip(void **state)
{
    (void)state;
    const char text[] = "Sáng 16/01/2025, UBND huyện họp.\nTỷ lệ đạt <97,8%>. Hết.";
    ra_timings *t = NULL;
    assert_int_equal(ra_timings_new(&t, text, strlen(text)), RA_OK);
    ra_hooks h;
    ra_hooks_init(&h);
    assert_int_equal(ra_timings_attach(t, &h), RA_OK);
    size_t samples = 0;
    assert_int_equal(ra_synth_to_sink_with(eng, text, strlen(text), count_pcm, &samples, &h), RA_OK);
    char *srt = NULL;
    size_t n = 0;
    assert_int_equal(ra_timings_render(t, RA_TIMINGS_SRT, &srt, &n), RA_OK);
    const char *p = srt;
    double last_end = 0;
    int cue = 0;
    while (*p) {
        int index, h1, m1, s1, ms1, h2, m2, s2, ms2, used = 0;
        assert_int_equal(sscanf(p, "%d\n%2d:%2d:%2d,%3d --> %2d:%2d:%2d,%3d\n%n", &index, &h1, &m1, &s1, &ms1, &h2,
                                &m2, &s2, &ms2, &used), 9);
        assert_int_equal(index, ++cue);
        assert_true(used > 0 && p[used - 1] == '\n');
        double a = h1 * 3600 + m1 * 60 + s1 + ms1 / 1000.0, b = h2 * 3600 + m2 * 60 + s2 + ms2 / 1000.0;
        assert_true(a >= last_end && b > a);
        last_end = b;
        const char *end = strstr(p + used, "\n\n");
        assert_non_null(end);
        assert_true(end > p + used && !memchr(p + used, '\n', (size_t)(end - p - used))); /* one line of text */
        p = end + 2;
    }
    assert_int_equal(cue, 3);
    assert_non_null(strstr(srt, "\n2\n")); /* numbered */
    assert_non_null(strstr(srt, "Tỷ lệ đạt &lt;97,8%&gt;.")); /* no markup for a player to read */
    assert_true(last_end <= (double)samples / 22050 + 0.01);
    ra_free(srt);
    ra_timings_free(t);
}

typedef struct {
    double start[64], sentence_start, sentence_end;
    int n;
} word_times;

static int on_word(void *user, const ra_event *ev)
{
    word_times *w = user;
    if (ev->kind == RA_EVENT_SENTENCE) {
        w->sentence_start = ev->start;
        w->sentence_end = ev->end;
    } else if (w->n < 64) {
        w->start[w->n++] = ev->start;
    }
    return 0;
}

/* Word times come from espeak-ng's own word events: in a sentence of twelve words, each word
 * starts later than the one before, and the last one well into the sentence. */
static void test_word_times_follow_speech(void **state)
{
    (void)state;
    const char text[] = "Hôm nay trời rất đẹp nên chúng tôi cùng nhau đi dạo quanh hồ.";
    word_times w = { .n = 0 };
    ra_hooks h;
    ra_hooks_init(&h);
    h.on_event = on_word;
    h.event_user = &w;
    size_t samples = 0;
    assert_int_equal(ra_synth_to_sink_with(eng, text, strlen(text), count_pcm, &samples, &h), RA_OK);
    assert_int_equal(w.n, 14);
    for (int k = 1; k < w.n; k++)
        if (!(w.start[k] > w.start[k - 1]))
            fail_msg("word %d starts at %.3f s, not after word %d (%.3f s)", k, w.start[k], k - 1, w.start[k - 1]);
    double span = w.sentence_end - w.sentence_start;
    assert_true(w.start[w.n - 1] - w.sentence_start > 0.7 * span);
}

/* A section with no clue of its own takes the page's number style: 9,815 is nine thousand on a
 * page of English-style counters (1,298,673), and nine point eight one five alone. */
static void test_page_number_style(void **state)
{
    (void)state;
    assert_reads("Tổng số truy cập: 1,298,673\n\nTrong tuần: 9,815\n",
                 "Tổng số truy cập, một triệu hai trăm chín mươi tám nghìn sáu trăm bảy mươi ba\n"
                 "Trong tuần, chín nghìn tám trăm mười lăm\n");
    assert_reads("Trong tuần: 9,815\n", "Trong tuần, chín phẩy tám trăm mười lăm\n");
}

static ra_engine *with_encoding(const char *name, int strict)
{
    ra_options o;
    ra_options_init(&o);
    o.input_encoding = name;
    o.input_strict = strict;
    ra_engine *e = NULL;
    assert_int_equal(ra_engine_new(&e, &o), RA_OK);
    return e;
}

/* UTF-16 with a BOM is read as it is; cp1258 when named, or told by its bytes unless input is
 * strict; TCVN3 and VNI likewise (tests/encodings.py reads whole articles in each). */
static void test_input_encodings(void **state)
{
    (void)state;
    const char want[] = "Hà Nội có mười hai quận.\n";
    /* UTF-16LE with its BOM: "Hà Nội có 12 quận." */
    const char u16[] = "\xFF\xFE\x48\x00\xE0\x00\x20\x00\x4E\x00\xD9\x1E\x69\x00\x20\x00\x63\x00\xF3\x00\x20\x00\x31\x00\x32\x00\x20\x00\x71\x00\x75\x00\xAD\x1E\x6E\x00\x2E\x00";
    char *out = NULL;
    assert_int_equal(ra_normalize(eng, u16, sizeof u16 - 1, &out), RA_OK);
    assert_string_equal(out, want);
    ra_free(out);
    /* windows-1258: à is E0, ộ is ô (F4) and a combining dot below (F2), ậ is â (E2) and F2 */
    const char cp[] = "H\xE0 N\xF4\xF2i c\xF3 12 qu\xE2\xF2n.";
    assert_int_equal(ra_normalize(eng, cp, strlen(cp), &out), RA_OK); /* not UTF-8, not named: detected */
    assert_string_equal(out, want);
    assert_non_null(strstr(ra_warning(eng), "read as cp1258"));
    ra_free(out);
    ra_engine *e = with_encoding(NULL, 1);
    assert_int_equal(ra_normalize(e, cp, strlen(cp), &out), RA_ERR_UTF8); /* strict: no guessing */
    assert_non_null(strstr(ra_errmsg(e), "--input-encoding"));
    ra_engine_free(e);
    e = with_encoding("cp1258", 1);
    assert_int_equal(ra_normalize(e, cp, strlen(cp), &out), RA_OK);
    assert_string_equal(out, want);
    assert_string_equal(ra_warning(e), ""); /* named: nothing was guessed */
    ra_free(out);
    ra_engine_free(e);
    /* TCVN3 "Hµ Néi cã 12 quËn." and VNI "Haø Noäi coù 12 quaän." */
    const char *legacy[][2] = { { "tcvn3", "H\xB5 N\xE9i c\xE3 12 qu\xCBn." }, { "vni", "Ha\xF8 No\xE4i co\xF9 12 qua\xE4n." } };
    for (int k = 0; k < 2; k++) {
        e = with_encoding(legacy[k][0], 1);
        assert_int_equal(ra_normalize(e, legacy[k][1], strlen(legacy[k][1]), &out), RA_OK);
        assert_string_equal(out, want);
        ra_free(out);
        ra_engine_free(e);
    }
    ra_options o;
    ra_options_init(&o);
    o.input_encoding = "klingon";
    assert_int_equal(ra_engine_new(&e, &o), RA_ERR_ARG); /* said so at once */
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double normalize_time(const char *head, const char *unit, size_t times)
{
    size_t len = 0;
    char *s = fill_repeat(head, unit, times, "", &len);
    double t0 = now();
    char *out = normalize(s, len), *sent = NULL;
    assert_int_equal(ra_sentences(eng, s, len, &sent), RA_OK);
    double t = now() - t0;
    ra_free(out);
    ra_free(sent);
    free(s);
    return t;
}

/* 8 times the input must cost well under 64 times the time (quadratic); 24 leaves room for
 * a noisy machine and still fails anything superlinear at this size. */
static void assert_linear(const char *head, const char *unit, size_t times)
{
    double a = normalize_time(head, unit, times), b = normalize_time(head, unit, 8 * times);
    if (b > 24 * a && b > 0.5)
        fail_msg("'%s' x %zu: %.3f s; x %zu: %.3f s", unit, times, a, 8 * times, b);
}

/* A run-on text of n bytes: Vietnamese words, a comma now and then, no sentence mark. */
static char *run_on(size_t n)
{
    static const char *const words[] = { "người", "dân", "huyện", "tỉnh", "một", "hai", "xã", "năm" };
    char *s = malloc(n + 16);
    assert_non_null(s);
    size_t len = 0;
    for (unsigned k = 0; len < n; k++) {
        const char *w = words[(k * 7 + k / 8) % 8];
        len += (size_t)sprintf(s + len, "%s%s ", w, k % 97 == 96 ? "," : "");
    }
    s[len] = '\0';
    return s;
}

static size_t first_done = SIZE_MAX;

static int stop_at_first(void *user, size_t done, size_t total)
{
    (void)user;
    (void)total;
    first_done = done;
    return 1;
}

static int count_sentences(void *user, const ra_event *ev)
{
    size_t *n = user;
    if (ev->kind == RA_EVENT_SENTENCE) {
        n[0]++;
        n[1] = ev->byte_end - ev->byte_start > n[1] ? ev->byte_end - ev->byte_start : n[1];
        n[2] += ev->ends == RA_BREAK_NONE; /* a piece whose rest follows */
    }
    return 0;
}

/* A sentence longer than SEG_PIECE_MAX (4096 bytes) is prepared and spoken in pieces cut at a
 * clause mark or a space, so a stop request waits for one piece, not for a megabyte. The text
 * entry points still print it as one sentence. */
static void test_run_on_sentence_in_pieces(void **state)
{
    (void)state;
    char *text = run_on(10000), *out = NULL;
    assert_int_equal(ra_sentences(eng, text, strlen(text), &out), RA_OK);
    assert_non_null(strchr(out, '\n'));
    assert_true(strchr(out, '\n')[1] == '\0'); /* one line */
    assert_int_equal(strlen(out), strlen(text)); /* every word, each once */
    ra_free(out);
    assert_int_equal(ra_normalize(eng, text, strlen(text), &out), RA_OK);
    assert_true(strchr(out, '\n')[1] == '\0');
    ra_free(out);
    size_t seen[3] = { 0, 0, 0 }, samples = 0;
    ra_hooks h;
    ra_hooks_init(&h);
    h.on_event = count_sentences;
    h.event_user = seen;
    assert_int_equal(ra_synth_to_sink_with(eng, text, 4500, count_pcm, &samples, &h), RA_OK);
    assert_true(seen[0] == 2 && seen[1] <= 4096); /* two pieces, cut after a comma */
    assert_int_equal(seen[2], 1);                 /* the first says that the second follows */
    free(text);
    text = run_on(1 << 20);
    ra_hooks_init(&h);
    h.progress = stop_at_first;
    assert_int_equal(ra_synth_to_sink_with(eng, text, strlen(text), count_pcm, &samples, &h), RA_ERR_ABORTED);
    assert_true(first_done <= 4096); /* the first report came after one piece of the megabyte */
    free(text);
}

/* The least of three timings of normalizing text: a busy machine delays runs, never speeds one. */
static double best_normalize_time(const char *text, size_t len)
{
    double best = 1e9;
    for (int k = 0; k < 3; k++) {
        double t0 = now();
        char *out = normalize(text, len);
        double t = now() - t0;
        ra_free(out);
        best = t < best ? t : best;
    }
    return best;
}

/* A line of short numbers (a table pasted as text) costs about what a line of words does: the
 * phone-number reader looks ahead at most a phone number's digits, not to the end of the line. */
static void test_numbers_cost_like_words(void **state)
{
    (void)state;
    size_t n = 1 << 20, a = 0, b = 0;
    char *nums = malloc(n + 16), *words = malloc(n + 16);
    assert_true(nums && words);
    for (unsigned k = 0; a < n; k++)
        a += (size_t)sprintf(nums + a, "%u ", 1000 + (k * 7919) % 9000);
    for (unsigned k = 0; b < n; k++)
        b += (size_t)sprintf(words + b, "%s ", k % 3 ? "người" : "dân");
    double tn = best_normalize_time(nums, a), tw = best_normalize_time(words, b);
    if (tn > 6 * tw + 0.05)
        fail_msg("1 MB of short numbers: %.3f s; 1 MB of words: %.3f s", tn, tw);
    free(nums);
    free(words);
}

static void test_pathological_inputs_cost_linear_time(void **state)
{
    (void)state;
    assert_linear("Chữ", ".", 12000);                 /* a word and many dots */
    assert_linear("", "12 ", 8000);                   /* a line of short numbers */
    assert_linear("", "1900 ", 5000);
    assert_linear("", "a.", 12000);                   /* dotted parts without end */
    assert_linear("", "TP. ", 6000);
    assert_linear("a", "\xCC\x81", 12000);            /* combining marks on one letter */
    assert_linear("", "ABCDEFGH", 3000);              /* a run of capitals */
    assert_linear("", "thànhphố", 3000);              /* syllables run together */
    assert_linear("", "chữ ", 6000);                  /* a line without a break */
    assert_linear("", "<b><i>x", 5000);               /* markup in text */
    assert_linear("", "&amp;&#x1EDD;&bogus", 4000);   /* references */
    assert_linear("", "s'", 12000);
    assert_linear("", "1.000.", 6000);
    assert_linear("", "(((", 8000);
}


/* Seconds of audio for text, or -1 when there was nothing to read. */
static double audio_seconds(ra_engine *e, const char *text, size_t len)
{
    size_t samples = 0;
    ra_status st = ra_synth_to_sink(e, text, len, count_pcm, &samples);
    if (st == RA_ERR_EMPTY)
        return -1;
    if (st != RA_OK)
        fail_msg("synthesis failed: %s", ra_errmsg(e));
    return (double)samples / ra_sample_rate(e);
}

/* The rule of thumb: no input gives more than 30 s + 0.4 s per character of audio. */
static void assert_bounded_audio(const char *head, const char *unit, size_t times, double at_most)
{
    size_t len = 0;
    char *s = fill_repeat(head, unit, times, "", &len);
    double secs = audio_seconds(eng, s, len);
    if (secs > 30 + 0.4 * (double)len || secs > at_most)
        fail_msg("'%s' x %zu: %.1f s of audio (at most %.1f)", unit, times, secs, at_most);
    free(s);
}

static void test_hostile_input_gives_short_audio(void **state)
{
    (void)state;
    assert_bounded_audio("Số ", "7", 100000, 10);
    assert_bounded_audio("", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4000, 10);
    assert_bounded_audio("", "s'", 5000, 10);
    assert_bounded_audio("", "a", 1000000, 10);
    assert_bounded_audio("thế kỷ ", "M", 1800, 10);
    assert_bounded_audio("Mã ", "aGVsbG8gd29ybGQ=", 3, 10);
    size_t len = 0;
    char *s = fill_repeat("", "\xEF\xBF\xBD", 30000, "", &len); /* U+FFFD flood: nothing to say */
    assert_true(audio_seconds(eng, s, len) < 0);
    free(s);
}

static void test_duration_and_time_limits(void **state)
{
    (void)state;
    const char text[] = "Sáng 16/01/2023, UBND huyện tổ chức hội nghị tổng kết công tác năm 2022 với 125 đại "
                        "biểu. Hội nghị đã thảo luận nhiều vấn đề quan trọng của địa phương trong năm tới.";
    ra_options o;
    ra_options_init(&o);
    o.max_duration_ms = 1500;
    ra_engine *e = NULL;
    assert_int_equal(ra_engine_new(&e, &o), RA_OK);
    size_t samples = 0;
    assert_int_equal(ra_synth_to_sink(e, text, strlen(text), count_pcm, &samples), RA_ERR_LIMIT);
    assert_true(samples > 0 && samples <= (size_t)ra_sample_rate(e) * 3 / 2);
    assert_non_null(strstr(ra_errmsg(e), "1500 ms"));
    ra_engine_free(e);
    ra_options_init(&o);
    o.timeout_ms = 1;
    assert_int_equal(ra_engine_new(&e, &o), RA_OK);
    assert_int_equal(ra_synth_to_sink(e, text, strlen(text), count_pcm, &samples), RA_ERR_LIMIT);
    assert_non_null(strstr(ra_errmsg(e), "time limit"));
    void *data = NULL;
    size_t size = 0;
    assert_int_equal(ra_synth_to_memory(e, text, strlen(text), RA_FORMAT_WAV, &data, &size), RA_ERR_LIMIT);
    assert_null(data);
    ra_engine_free(e);
    ra_options_init(&o);
    o.max_duration_ms = 60000;
    assert_int_equal(ra_engine_new(&e, &o), RA_OK);
    assert_true(audio_seconds(e, text, strlen(text)) > 3); /* a limit it does not reach changes nothing */
    ra_engine_free(e);
}

static ra_status engine_with(const char *voice, const char *lexicon, const char **msg)
{
    const char *lex[] = { lexicon, NULL };
    ra_options o;
    ra_options_init(&o);
    o.voice = voice;
    o.lexicons = lexicon ? lex : NULL;
    ra_engine *e = NULL;
    ra_status st = ra_engine_new(&e, &o);
    *msg = ra_errmsg(NULL);
    ra_engine_free(e);
    return st;
}


static void test_untrusted_profiles_and_lexicons(void **state)
{
    (void)state;
    const char *msg;
    char dir[] = "/tmp/ra-bounds-XXXXXX", path[128];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/shadow", dir);
    write_file(path, "root:$6$secrethash:19000:0:99999:7:::\n");
    assert_int_equal(engine_with(path, NULL, &msg), RA_ERR_VOICE);
    assert_null(strstr(msg, "secret")); /* a wrong path never shows the file */
    snprintf(path, sizeof path, "%s/mbrola.voice", dir);
    write_file(path, "espeak=mb-en1\n");
    assert_int_equal(engine_with(path, NULL, &msg), RA_ERR_VOICE);
    write_file(path, "espeak=/usr/share/evil\n");
    assert_int_equal(engine_with(path, NULL, &msg), RA_ERR_VOICE);
    write_file(path, "espeak=vi-vn-x-south+f2\ndialect=south\n");
    assert_int_equal(engine_with(path, NULL, &msg), RA_OK);
    assert_int_equal(engine_with(NULL, "/dev/zero", &msg), RA_ERR_LEXICON);
    assert_non_null(strstr(msg, "16 MiB"));
    assert_int_equal(engine_with(NULL, dir, &msg), RA_ERR_LEXICON); /* a directory is a read error */
    snprintf(path, sizeof path, "%s/empty.tsv", dir);
    write_file(path, "# nothing yet\n");
    assert_int_equal(engine_with(NULL, path, &msg), RA_OK);
    snprintf(path, sizeof path, "%s/many.tsv", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (int i = 0; i < 200001; i++)
        fprintf(f, "X%d\tích\n", i);
    fclose(f);
    assert_int_equal(engine_with(NULL, path, &msg), RA_ERR_LEXICON);
    assert_non_null(strstr(msg, "200000 entries"));
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_runs_are_summarized),
        cmocka_unit_test(test_invalid_utf8_inside_markup),
        cmocka_unit_test(test_input_encodings),
        cmocka_unit_test(test_run_on_sentence_in_pieces),
        cmocka_unit_test(test_timings_subrip),
        cmocka_unit_test(test_numbers_cost_like_words),
        cmocka_unit_test(test_lexicon_precedence),
        cmocka_unit_test(test_timings_json_escapes),
        cmocka_unit_test(test_word_times_follow_speech),
        cmocka_unit_test(test_page_number_style),
        cmocka_unit_test(test_pathological_inputs_cost_linear_time),
        cmocka_unit_test(test_hostile_input_gives_short_audio),
        cmocka_unit_test(test_duration_and_time_limits),
        cmocka_unit_test(test_untrusted_profiles_and_lexicons),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
