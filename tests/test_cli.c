/* The command line, run as a user would: exit codes, messages, printed text, audio files. */
#include "testutil.h"

#include <signal.h>
#include <sndfile.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char bin[256];
static char tmpdir[] = "/tmp/ra-cli-XXXXXX";

/* Runs `readarticle ARGS` through the shell with stderr folded into the captured output. */
static char *ra(const char *args, int *status)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s %s 2>&1", bin, args);
    char *out = run_capture(cmd, status);
    assert_non_null(out);
    return out;
}

static void expect(const char *args, int want_status, const char *want_in_output)
{
    int st;
    char *out = ra(args, &st);
    if (st != want_status || !strstr(out, want_in_output))
        fail_msg("readarticle %s\n  status %d (want %d)\n  output: %s\n  want it to contain: %s", args, st,
                 want_status, out, want_in_output);
    free(out);
}

static double wav_seconds(const char *path, int *rate)
{
    SF_INFO info = { 0 };
    SNDFILE *sf = sf_open(path, SFM_READ, &info);
    if (!sf)
        return -1;
    sf_close(sf);
    *rate = info.samplerate;
    return info.channels == 1 ? (double)info.frames / info.samplerate : -1;
}

/* Reads the example article with extra options into tmpdir/name; returns its length in seconds
 * (the file is removed) after checking the run succeeded at 22,050 Hz. */
static double example_seconds(const char *options, const char *name)
{
    char args[2048], path[700];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    snprintf(args, sizeof args, "%s tests/data/example-article.txt -o %s", options, path);
    expect(args, 0, "");
    int rate = 0;
    double secs = wav_seconds(path, &rate);
    assert_int_equal(rate, 22050);
    unlink(path);
    return secs;
}

static void test_info_options(void **state)
{
    (void)state;
    expect("--version", 0, "readarticle 0.2.0");
    expect("-V", 0, "\nespeak-ng 1."); /* and the espeak-ng it was built with */
    expect("--help", 0, "--normalize");
    expect("--list-voices", 0, "south-female");
    expect("--bogus", 2, "unknown option '--bogus'");
    expect("tests/data/example-article.txt", 2, "no output named");
    expect("--rate 9000 --normalize tests/data/example-article.txt", 2, "--rate must be a number from 80 to 450");
    expect("--voice klingon --normalize tests/data/example-article.txt", 1, "unknown voice 'klingon'");
}

static void test_text_modes(void **state)
{
    (void)state;
    expect("--normalize < /dev/null", 0, "");
    int st;
    char *out;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "echo 'UBND xã có 21 thôn. Tỷ lệ đạt 97,8%%.' | %s --normalize", bin);
    out = run_capture(cmd, &st);
    assert_int_equal(st, 0);
    assert_string_equal(out, "ủy ban nhân dân xã có hai mươi mốt thôn.\nTỷ lệ đạt chín mươi bảy phẩy tám phần trăm.\n");
    free(out);
    snprintf(cmd, sizeof cmd, "echo 'UBND xã' | %s --lexicon tests/data/user-lexicon.tsv --normalize", bin);
    out = run_capture(cmd, &st);
    assert_int_equal(st, 0);
    assert_string_equal(out, "ủy ban xã\n");
    free(out);
    snprintf(cmd, sizeof cmd, "printf 'TP. Huế đẹp. Tôi\\nđi học.' | %s --sentences -", bin);
    out = run_capture(cmd, &st);
    assert_int_equal(st, 0);
    assert_string_equal(out, "TP. Huế đẹp.\nTôi\nđi học.\n");
    free(out);
}

static void test_input_errors(void **state)
{
    (void)state;
    expect("--normalize no-such-file.txt", 1, "cannot open 'no-such-file.txt'");
    char bad[64];
    snprintf(bad, sizeof bad, "%s/bad.txt", tmpdir);
    FILE *f = fopen(bad, "wb");
    fputs("Xin ch\xC3 o", f);
    fclose(f);
    char args[160];
    snprintf(args, sizeof args, "--normalize %s", bad);
    expect(args, 0, "warning: invalid UTF-8 at byte 6");
    snprintf(args, sizeof args, "--strict --normalize %s", bad);
    expect(args, 1, "invalid UTF-8 at byte 6");
    snprintf(args, sizeof args, "--strict %s -o %s/bad.wav", bad, tmpdir);
    expect(args, 1, "invalid UTF-8 at byte 6");
    snprintf(args, sizeof args, "%s/bad.wav", tmpdir);
    assert_int_equal(access(args, F_OK), -1); /* no output file for a failed run */
    expect("--normalize /", 1, "cannot read '/'");
    expect("--lexicon tests/data/bad-lexicon.tsv --normalize tests/data/example-article.txt", 1,
           "tests/data/bad-lexicon.tsv:2: the reading must be Vietnamese words only");
}

static void test_audio(void **state)
{
    (void)state;
    double secs = example_seconds("", "a.wav");
    /* every spoken syllable is heard: at the default rate espeak-ng says about 3.8 Vietnamese
     * syllables a second, pauses included */
    int st;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "%s --normalize tests/data/example-article.txt | wc -w", bin);
    char *words = run_capture(cmd, &st);
    double wps = atof(words) / secs;
    free(words);
    if (wps < 2.8 || wps > 5.0)
        fail_msg("example article: %.1f s for its words, %.2f words a second", secs, wps);
    double fsecs = example_seconds("--rate 330", "fast.wav");
    assert_true(fsecs > 0 && fsecs < secs * 0.75); /* a faster rate gives shorter audio */

    expect("tests/data/example-article.txt -o /nonexistent-dir/a.wav", 1, "cannot write '/nonexistent-dir/a.wav'");
    snprintf(cmd, sizeof cmd, "echo 'Xin chào.' | %s -o - | head -c 4", bin);
    char *out = run_capture(cmd, &st);
    assert_string_equal(out, "RIFF");
    free(out);
}

static size_t count(const char *hay, const char *needle)
{
    size_t k = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
        k++;
    return k;
}

/* Reads the example article with --timings tmpdir/name; returns the timings file's text. */
static char *example_timings(const char *name)
{
    char args[512], path[128], wav[128];
    snprintf(wav, sizeof wav, "%s/t.wav", tmpdir);
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    snprintf(args, sizeof args, "tests/data/example-article.txt -o %s --timings %s", wav, path);
    expect(args, 0, "");
    char *text = read_file(path, NULL);
    assert_non_null(text);
    unlink(path);
    unlink(wav);
    return text;
}

static void test_timings_files(void **state)
{
    (void)state;
    char *j = example_timings("t.json");
    const char *head = "{\n  \"sentences\": [";
    assert_true(strncmp(j, head, strlen(head)) == 0);
    assert_int_equal(count(j, "\"spoken\": "), count(j, "\"byte_start\": ") - 11); /* 11 sentences */
    assert_non_null(strstr(j, "\"text\": \"UBND\", \"spoken\": \"ủy ban nhân dân\"}"));
    assert_non_null(strstr(j, "\"text\": \"16/01/2025\", \"spoken\": \"mười sáu tháng một năm hai nghìn"));
    /* the layout after each sentence: the title, four paragraph ends, six inside paragraphs */
    assert_int_equal(count(j, "\"ends\": \"heading\""), 1);
    assert_int_equal(count(j, "\"ends\": \"paragraph\""), 4);
    assert_int_equal(count(j, "\"ends\": \"sentence\""), 6);
    assert_null(strstr(j, "\"shown\"")); /* plain text: every slice is what is shown */
    free(j);
    /* HTML: the slice keeps the page's markup and entities, "shown" is the text a page displays */
    char page[128], pjson[128], pargs[512];
    snprintf(page, sizeof page, "%s/p.html", tmpdir);
    snprintf(pjson, sizeof pjson, "%s/p.json", tmpdir);
    FILE *pf = fopen(page, "w");
    fputs("<html><body><p>Công ty AT&amp;T và <b>Viettel</b> ký kết hợp tác.</p></body></html>", pf);
    fclose(pf);
    snprintf(pargs, sizeof pargs, "%s -o %s/p.wav --timings %s", page, tmpdir, pjson);
    expect(pargs, 0, "");
    j = read_file(pjson, NULL);
    assert_non_null(strstr(j, "\"text\": \"AT&amp;T\", \"shown\": \"AT&T\", \"spoken\": "));
    assert_non_null(strstr(j, "\"text\": \"Công ty AT&amp;T và <b>Viettel</b> ký kết hợp tác.\", "
                              "\"shown\": \"Công ty AT&T và Viettel ký kết hợp tác.\", \"ends\": \"paragraph\"}"));
    free(j);
    unlink(pjson);
    unlink(page);
    snprintf(pargs, sizeof pargs, "%s/p.wav", tmpdir);
    unlink(pargs);
    char *v = example_timings("t.vtt");
    const char *cue = "WEBVTT\n\n1\n00:00:00.000 --> 00:00:0";
    assert_true(strncmp(v, cue, strlen(cue)) == 0);
    assert_non_null(strstr(v, "\nHUYỆN MINH AN TỔNG KẾT CÔNG TÁC NĂM 2024\n"));
    assert_int_equal(count(v, " --> "), 11);
    free(v);
    /* a failed run writes neither audio nor timings */
    char args[512], json[128];
    snprintf(json, sizeof json, "%s/t.json", tmpdir);
    snprintf(args, sizeof args, "tests/data/example-article.txt -o /nonexistent-dir/x.wav --timings %s", json);
    expect(args, 1, "cannot write");
    assert_int_equal(access(json, F_OK), -1);
    expect("--timings x.json --normalize tests/data/example-article.txt", 2, "--timings needs audio output");
}

static void test_pause_options(void **state)
{
    (void)state;
    double d = example_seconds("--pause-sentence 500 --pause-paragraph 1000", "p1.wav") -
               example_seconds("--pause-sentence 0 --pause-paragraph 0", "p0.wav");
    /* 11 sentences: 4 paragraph or heading ends (1 s) and 6 sentence ends (0.5 s) before the last */
    if (d < 6.8 || d > 7.2)
        fail_msg("pauses added %.2f s, want 7.0", d);
    expect("--pause-sentence -4 tests/data/example-article.txt -o x.wav", 2, "--pause-sentence must be a number");
}

/* Every container libsndfile offers here, and file names the way a user gives them. */
static void test_formats_and_files(void **state)
{
    (void)state;
    static const char *const ext[] = { "wav", "flac", "ogg" };
    char args[2048], path[700];
    for (size_t k = 0; k < 3; k++) {
        snprintf(path, sizeof path, "%s/f.%s", tmpdir, ext[k]);
        snprintf(args, sizeof args, "tests/data/example-article.txt -o %s", path);
        expect(args, 0, "");
        int rate = 0;
        double secs = wav_seconds(path, &rate);
        if (secs < 60 || rate != 22050)
            fail_msg("%s: %.1f s at %d Hz", path, secs, rate);
        unlink(path);
    }
    /* a name at the length limit still gets its temporary file beside it */
    char name[256];
    memset(name, 'a', 250);
    memcpy(name + 250, ".wav", 5);
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    snprintf(args, sizeof args, "tests/data/example-article.txt -o %s", path);
    expect(args, 0, "");
    assert_int_equal(access(path, F_OK), 0);
    unlink(path);
    /* the umask decides the permissions, as for any file a program writes */
    snprintf(path, sizeof path, "%s/private.wav", tmpdir);
    snprintf(args, sizeof args, "sh -c 'umask 077; echo Xin chào | %s - -o %s' && stat -c %%a %s", bin, path, path);
    int st;
    char *mode = run_capture(args, &st);
    assert_string_equal(mode, "600\n");
    free(mode);
    unlink(path);
    expect("-o '' tests/data/example-article.txt", 2, "an empty file name");
}

/* Stopped by a signal half-way: no output file and no temporary file stay behind. */
static void test_interrupted(void **state)
{
    (void)state;
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "mkdir -p %s/sig && for i in $(seq 150); do cat tests/data/example-article.txt; done > %s/long.txt"
                              " && (%s %s/long.txt -o %s/sig/out.wav & p=$!; sleep 0.3; kill -TERM $p; wait $p; echo $?)"
                              " && ls -A %s/sig | wc -l", tmpdir, tmpdir, bin, tmpdir, tmpdir, tmpdir);
    int st;
    char *out = run_capture(cmd, &st);
    assert_string_equal(out, "143\n0\n");
    free(out);
}

static char *slurp_file(const char *path)
{
    char *s = read_file(path, NULL);
    assert_non_null(s);
    return s;
}

/* Every option of --help is in the man page (roff writes - as \-) and in the bash completion. */
static void test_docs_cover_every_option(void **state)
{
    (void)state;
    int st;
    char *help = ra("--help", &st), *man = slurp_file("cli/readarticle.1"),
         *comp = slurp_file("cli/readarticle.bash-completion"), *zsh = slurp_file("cli/readarticle.zsh-completion");
    size_t options = 0;
    for (char *p = strstr(help, "--"); p; p = strstr(p + 2, "--")) {
        char name[64] = "", roff[140] = "";
        size_t k = 0;
        while (k < sizeof name - 1 && (p[2 + k] == '-' || (p[2 + k] >= 'a' && p[2 + k] <= 'z')))
            name[k] = p[2 + k], k++;
        if (!k)
            continue;
        options++;
        for (size_t i = 0, j = 0; name[i]; i++) { /* strict-utf8 -> strict\-utf8 */
            if (name[i] == '-')
                roff[j++] = '\\';
            roff[j++] = name[i];
        }
        char want[160];
        snprintf(want, sizeof want, "\\-\\-%s", roff);
        if (!strstr(man, want))
            fail_msg("the man page lacks --%s", name);
        snprintf(want, sizeof want, "--%s", name);
        if (!strstr(comp, want))
            fail_msg("the bash completion lacks --%s", name);
        snprintf(want, sizeof want, "--%s[", name);
        char quoted[160], joined[160]; /* {-v,--voice}'[...' and --text=-[...] (--text=TEXT) */
        snprintf(quoted, sizeof quoted, ",--%s}'[", name);
        snprintf(joined, sizeof joined, "--%s=-[", name);
        if (!strstr(zsh, want) && !strstr(zsh, quoted) && !strstr(zsh, joined))
            fail_msg("the zsh completion lacks --%s", name);
    }
    assert_true(options >= 30);
    free(help);
    free(man);
    free(comp);
    free(zsh);
}

/* -q keeps warnings (and progress) off stderr but not errors; the short options mean what the
 * long ones do (-v -s -p as espeak-ng's voice, speed and pitch; -f the format). */
static void test_quiet_and_short_options(void **state)
{
    (void)state;
    char bad[64], args[256];
    snprintf(bad, sizeof bad, "%s/stray.txt", tmpdir);
    FILE *f = fopen(bad, "wb");
    fputs("Xin ch\xC3\xA0o \xFF c\xC3\xA1" "c b\xE1\xBA\xA1n.", f);
    fclose(f);
    snprintf(args, sizeof args, "--normalize %s", bad);
    expect(args, 0, "warning: invalid UTF-8 at byte 10");
    int st;
    snprintf(args, sizeof args, "-q --normalize %s", bad);
    char *out = ra(args, &st);
    assert_int_equal(st, 0);
    assert_string_equal(out, "Xin chào các bạn.\n"); /* the reading, and nothing on stderr */
    free(out);
    snprintf(args, sizeof args, "-q --strict --normalize %s", bad);
    expect(args, 1, "invalid UTF-8 at byte 10"); /* errors are still told */
    char *lng = ra("--voice south --normalize tests/data/example-article.txt", &st);
    char *shrt = ra("-v south --normalize tests/data/example-article.txt", &st);
    assert_int_equal(st, 0);
    assert_string_equal(lng, shrt);
    assert_non_null(strstr(shrt, "ngàn"));
    free(lng);
    free(shrt);
    snprintf(args, sizeof args, "-q -s 200 -p 40 -f flac tests/data/example-article.txt -o %s/short.x", tmpdir);
    expect(args, 0, "");
    snprintf(args, sizeof args, "%s/short.x", tmpdir);
    f = fopen(args, "rb");
    char magic[4] = "";
    assert_true(f && fread(magic, 1, 4, f) == 4 && !memcmp(magic, "fLaC", 4)); /* -f flac, whatever the name */
    fclose(f);
    expect("-s 20 --normalize tests/data/example-article.txt", 2, "--rate must be a number from 80 to 450");
    expect("-t 'UBND xã có 1.250 hộ' --normalize", 0, "ủy ban nhân dân xã có một nghìn hai trăm năm mươi hộ\n");
    expect("-t '   ' -o x.wav", 1, "<-t text>: nothing to read");
    expect("-t 'xin chào' tests/data/example-article.txt --normalize", 2, "no INPUT");
    /* --text=TEXT is its long form; a bare --text still says that INPUT is text */
    expect("--text='UBND xã có 1.250 hộ' --normalize", 0, "ủy ban nhân dân xã có một nghìn hai trăm năm mươi hộ\n");
    expect("--text tests/data/example-article.txt --normalize", 0, "huyện minh an tổng kết");
}

/* A stop request takes effect mid-sentence: a sentence of 80 KB takes seconds to speak, and a
 * SIGTERM half a second after its worker started ends the run within half a second, with no
 * file and no worker left. ^C while the input is still coming in is an interruption too (130), not a read error. */
static void test_stop_mid_sentence(void **state)
{
    (void)state;
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "mkdir -p %s/mid && python3 -c \"print('Câu rất dài, ' * 6000 + '.')\" > %s/sentence.txt"
             " && (%s %s/sentence.txt -o %s/mid/out.wav 2>/dev/null & p=$!;"
             " for i in $(seq 300); do pgrep -P $p >/dev/null && break; sleep 0.1; done; sleep 0.5;" /* speaking */
             " t0=$(date +%%s%%N); kill -TERM $p; wait $p; r=$?; t1=$(date +%%s%%N);"
             " ms=$(( (t1 - t0) / 1000000 )); [ $ms -lt 500 ] && echo $r fast || echo $r slow $ms)"
             " && ls -A %s/mid | wc -l && sleep 0.3 && pgrep -f 'readarticle-worker' -P $$ | wc -l"
             " && ((cat tests/data/example-article.txt; sleep 3) | %s - -o %s/mid/in.wav 2>/dev/null & p=$!;"
             " sleep 0.5; kill -INT $p; wait $p; echo $?) && ls -A %s/mid | wc -l",
             tmpdir, tmpdir, bin, tmpdir, tmpdir, tmpdir, bin, tmpdir, tmpdir);
    int st;
    char *out = run_capture(cmd, &st);
    assert_string_equal(out, "143 fast\n0\n0\n130\n0\n");
    free(out);
}

static int sh(const char *cmd, char **out);

/* A full disk (a file size limit, and a 1 MB tmpfs where we may mount one) fails every format
 * with exit 1 and keeps the previous output; a run killed with SIGKILL leaves no file at all. */
static void test_full_disk_keeps_previous_output(void **state)
{
    (void)state;
    static const char *const formats[] = { "wav", "mp3", "flac", "ogg", "opus" };
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "mkdir -p %s/full && for i in $(seq 20); do cat tests/data/example-article.txt; done"
             " > %s/full.txt", tmpdir, tmpdir);
    assert_int_equal(sh(cmd, NULL), 0);
    int mounted = getuid() == 0 &&
                  (snprintf(cmd, sizeof cmd, "mkdir -p %s/tiny && mount -t tmpfs -o size=1m tmpfs %s/tiny", tmpdir,
                            tmpdir),
                   sh(cmd, NULL) == 0);
    for (size_t k = 0; k < sizeof formats / sizeof formats[0]; k++) {
        char *out;
        snprintf(cmd, sizeof cmd, "echo OLD > %s/full/out.%s && (ulimit -f 300; %s %s/full.txt -o %s/full/out.%s 2>&1);"
                 " echo $? && cat %s/full/out.%s && ls -A %s/full | wc -l", tmpdir, formats[k], bin, tmpdir, tmpdir,
                 formats[k], tmpdir, formats[k], tmpdir);
        sh(cmd, &out);
        assert_non_null(strstr(out, "File too large\n1\nOLD\n"));
        free(out);
        snprintf(cmd, sizeof cmd, "rm -f %s/full/*", tmpdir);
        sh(cmd, NULL);
        if (!mounted)
            continue;
        snprintf(cmd, sizeof cmd, "echo OLD > %s/tiny/out.%s && %s %s/full.txt -o %s/tiny/out.%s 2>&1;"
                 " echo $? && cat %s/tiny/out.%s && ls -A %s/tiny | wc -l", tmpdir, formats[k], bin, tmpdir, tmpdir,
                 formats[k], tmpdir, formats[k], tmpdir);
        sh(cmd, &out);
        assert_non_null(strstr(out, "No space left on device\n1\nOLD\n1\n"));
        free(out);
        snprintf(cmd, sizeof cmd, "rm -f %s/tiny/*", tmpdir);
        sh(cmd, NULL);
    }
    if (mounted) {
        snprintf(cmd, sizeof cmd, "umount %s/tiny", tmpdir);
        sh(cmd, NULL);
    }
    char *out;
    snprintf(cmd, sizeof cmd, "%s %s/full.txt -o %s/full/killed.wav & p=$!; sleep 0.5; kill -KILL $p; wait $p;"
             " ls -A %s/full | wc -l", bin, tmpdir, tmpdir, tmpdir);
    sh(cmd, &out);
    assert_string_equal(out, "0\n");
    free(out);
}

/* Runs a shell command line; returns its exit status with stderr and stdout folded into *out. */
static int sh(const char *cmd, char **out)
{
    char full[4096];
    int st = -1;
    snprintf(full, sizeof full, "%s 2>&1", cmd);
    char *o = run_capture(full, &st);
    assert_non_null(o);
    if (out)
        *out = o;
    else
        free(o);
    return st;
}

static char *long_article(int copies)
{
    static char path[128];
    char cmd[512];
    snprintf(path, sizeof path, "%s/long%d.txt", tmpdir, copies);
    snprintf(cmd, sizeof cmd, "for i in $(seq %d); do cat tests/data/example-article.txt; done > %s", copies, path);
    assert_int_equal(sh(cmd, NULL), 0);
    return path;
}

/* -o - streams: the first audio arrives while the reader is still working on the rest. */
static void test_stream_stdout(void **state)
{
    (void)state;
    const char *in = long_article(40);
    int fd[2];
    assert_int_equal(pipe(fd), 0);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fd[1], 1);
        close(fd[0]);
        execl(bin, bin, in, "-o", "-", (char *)NULL);
        _exit(127);
    }
    close(fd[1]);
    unsigned char head[8192];
    size_t got = 0;
    while (got < sizeof head) {
        ssize_t k = read(fd[0], head + got, sizeof head - got);
        if (k <= 0)
            break;
        got += (size_t)k;
    }
    int status;
    assert_int_equal(got, sizeof head);
    assert_int_equal(waitpid(pid, &status, WNOHANG), 0); /* still reading the article */
    assert_memory_equal(head, "RIFF", 4);
    assert_true(head[40] == 0x00 && head[41] == 0xf0 && head[42] == 0xff && head[43] == 0x7f);
    kill(pid, SIGTERM);
    close(fd[0]);
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 143);
}

/* --format applies to standard output too; what arrives decodes to the same audio. */
static void test_stream_formats(void **state)
{
    (void)state;
    static const char *const fmt[] = { "flac", "ogg", "mp3" };
    char cmd[1024], path[256];
    snprintf(path, sizeof path, "%s/ref.wav", tmpdir);
    snprintf(cmd, sizeof cmd, "%s tests/data/example-article.txt -o %s", bin, path);
    assert_int_equal(sh(cmd, NULL), 0);
    int rate;
    double ref = wav_seconds(path, &rate);
    for (size_t k = 0; k < 3; k++) {
        snprintf(path, sizeof path, "%s/stream.%s", tmpdir, fmt[k]);
        snprintf(cmd, sizeof cmd, "%s --format %s tests/data/example-article.txt -o - | cat > %s", bin, fmt[k], path);
        assert_int_equal(sh(cmd, NULL), 0);
        SF_INFO info = { 0 };
        SNDFILE *sf = sf_open(path, SFM_READ, &info);
        if (!sf)
            fail_msg("%s does not decode: %s", path, sf_strerror(NULL));
        short buf[4096];
        sf_count_t frames = 0, n;
        while ((n = sf_read_short(sf, buf, 4096)) > 0)
            frames += n;
        sf_close(sf);
        double secs = (double)frames / 22050;
        if (secs < ref * 0.99 || secs > ref * 1.01 + 0.2)
            fail_msg("%s: %.2f s against %.2f s as a file", fmt[k], secs, ref);
        unlink(path);
    }
}

static char *file_type(const char *path)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "stat -c %%F %s", path);
    char *out;
    sh(cmd, &out);
    return out;
}

/* A full device fails the run and stays a device; a FIFO is written through and stays a FIFO,
 * and a FIFO whose reader goes away fails the run. */
static void test_devices_and_fifos(void **state)
{
    (void)state;
    char cmd[1024], *out;
    snprintf(cmd, sizeof cmd, "%s tests/data/example-article.txt -o /dev/full", bin);
    assert_int_equal(sh(cmd, &out), 1);
    assert_non_null(strstr(out, "cannot write '/dev/full': No space left on device"));
    free(out);
    out = file_type("/dev/full");
    assert_string_equal(out, "character special file\n");
    free(out);
    char fifo[128], got[128];
    snprintf(fifo, sizeof fifo, "%s/fifo", tmpdir);
    snprintf(got, sizeof got, "%s/from-fifo.wav", tmpdir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    snprintf(cmd, sizeof cmd, "(cat %s > %s &) ; %s tests/data/example-article.txt -o %s; r=$?; sleep 0.2; exit $r",
             fifo, got, bin, fifo);
    assert_int_equal(sh(cmd, NULL), 0);
    out = file_type(fifo);
    assert_string_equal(out, "fifo\n");
    free(out);
    char *wav = read_file(got, NULL);
    assert_true(wav && !memcmp(wav, "RIFF", 4) && !memcmp(wav + 8, "WAVE", 4));
    free(wav);
    snprintf(cmd, sizeof cmd, "(head -c 100 %s > /dev/null &) ; %s %s -o %s", fifo, bin, long_article(20), fifo);
    assert_int_equal(sh(cmd, &out), 1);
    assert_non_null(strstr(out, "Broken pipe"));
    free(out);
    out = file_type(fifo);
    assert_string_equal(out, "fifo\n");
    free(out);
}

/* Symbolic links are written through: the link stays, its target gets the audio (a dangling
 * link's target is created); a replaced file keeps its permissions. */
static void test_symlinks(void **state)
{
    (void)state;
    char cmd[4096], *out;
    char cwd[1024];
    assert_non_null(getcwd(cwd, sizeof cwd));
    char abs_bin[1400];
    snprintf(abs_bin, sizeof abs_bin, "%s%s%s", bin[0] == '/' ? "" : cwd, bin[0] == '/' ? "" : "/", bin);
    snprintf(cmd, sizeof cmd,
             "cd %s && echo old > target.wav && chmod 640 target.wav && ln -s target.wav link.wav && "
             "ln -s sub/new.wav dangling.wav && mkdir sub && %s %s/tests/data/example-article.txt -o link.wav && "
             "%s %s/tests/data/example-article.txt -o dangling.wav && "
             "stat -c '%%F %%a' link.wav target.wav dangling.wav sub/new.wav && head -c 4 target.wav sub/new.wav",
             tmpdir, abs_bin, cwd, abs_bin, cwd);
    assert_int_equal(sh(cmd, &out), 0);
    assert_non_null(strstr(out, "symbolic link 777\nregular file 640\nsymbolic link 777\nregular file "));
    assert_non_null(strstr(out, "==> target.wav <==\nRIFF"));
    assert_non_null(strstr(out, "==> sub/new.wav <==\nRIFF"));
    free(out);
}

/* Runs readarticle INPUT OPTIONS with standard output redirected (REDIRECT is "> name" for a
 * file in tmpdir, or any redirection): the usage error must name the clash. */
static void expect_stdout_to(const char *options, const char *input, const char *redirect, const char *want)
{
    char cmd[1024], *msg;
    char target[512];
    if (redirect[0] == '>')
        snprintf(target, sizeof target, "%s", redirect);
    else
        snprintf(target, sizeof target, "> %s/%s", tmpdir, redirect);
    snprintf(cmd, sizeof cmd, "%s %s %s 2>%s/err %s; r=$?; cat %s/err; exit $r", bin, input, options, tmpdir, target,
             tmpdir);
    int st = sh(cmd, &msg);
    if (st != 2 || !strstr(msg, want))
        fail_msg("%s\n  status %d (want 2), said: %s (want: %s)", cmd, st, msg, want);
    free(msg);
}

/* Outputs that would destroy the input, or each other, are refused before anything is read. */
static void test_refused_outputs(void **state)
{
    (void)state;
    char in[128], cmd[1024], *before, *after;
    snprintf(in, sizeof in, "%s/in.txt", tmpdir);
    snprintf(cmd, sizeof cmd, "cp tests/data/example-article.txt %s && ln -sf in.txt %s/alias.txt", in, tmpdir);
    assert_int_equal(sh(cmd, NULL), 0);
    before = read_file(in, NULL);
    snprintf(cmd, sizeof cmd, "%s %s -o %s", bin, in, in);
    expect(cmd + strlen(bin) + 1, 2, "is the input file: refusing to write over it");
    snprintf(cmd, sizeof cmd, "%s/alias.txt -o %s", tmpdir, in);
    expect(cmd, 2, "is the input file");
    snprintf(cmd, sizeof cmd, "- -o %s < %s", in, in);
    expect(cmd, 2, "is the input file");
    snprintf(cmd, sizeof cmd, "%s -o %s/a.wav --timings %s", in, tmpdir, in);
    expect(cmd, 2, "is the input file");
    after = read_file(in, NULL);
    assert_string_equal(before, after);
    free(before);
    free(after);
    snprintf(cmd, sizeof cmd, "%s -o %s/same.wav --timings %s/same.wav", in, tmpdir, tmpdir);
    expect(cmd, 2, "would both be written to");
    snprintf(cmd, sizeof cmd, "%s -o %s/same.wav --timings %s/../%s/same.wav", in, tmpdir, tmpdir, strrchr(tmpdir, '/') + 1);
    expect(cmd, 2, "would both be written to");
    snprintf(cmd, sizeof cmd, "%s -o - --timings -", in);
    expect(cmd, 2, "cannot both go to standard output");
    /* standard output under another name, and a dangling link to the audio */
    expect_stdout_to("-o /dev/stdout --timings -", in, "o.wav", "would both be written to");
    expect_stdout_to("-o - --timings /dev/stdout", in, "o.wav", "would both be written to");
    snprintf(cmd, sizeof cmd, "%s -o %s/new1.wav --timings %s/tl.json", in, tmpdir, tmpdir);
    char link[256];
    snprintf(link, sizeof link, "ln -sf new1.wav %s/tl.json", tmpdir);
    assert_int_equal(sh(link, NULL), 0);
    expect(cmd, 2, "would both be written to");
    snprintf(cmd, sizeof cmd, ">> %s", in);
    expect_stdout_to("-o -", in, cmd, "'standard output' is the input file");
    after = read_file(in, NULL);
    before = read_file("tests/data/example-article.txt", NULL);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

/* A timings file that cannot be written is found out before any work, and nothing that was
 * there (a FIFO, a link, a file) is removed. */
static void test_timings_unwritable(void **state)
{
    (void)state;
    char cmd[1024], *out;
    snprintf(cmd, sizeof cmd, "cd %s && mkfifo tfifo && echo old > told.wav && ln -sf told.wav tlink.wav", tmpdir);
    assert_int_equal(sh(cmd, NULL), 0);
    static const char *const outs[] = { "tfifo", "told.wav", "tlink.wav" };
    for (size_t k = 0; k < 3; k++) {
        snprintf(cmd, sizeof cmd, "%s tests/data/example-article.txt -o %s/%s --timings /nonexistent-dir/t.json", bin,
                 tmpdir, outs[k]);
        assert_int_equal(sh(cmd, &out), 1);
        assert_non_null(strstr(out, "cannot write '/nonexistent-dir/t.json': No such file or directory"));
        free(out);
    }
    snprintf(cmd, sizeof cmd, "cd %s && stat -c %%F tfifo told.wav tlink.wav && cat told.wav", tmpdir);
    assert_int_equal(sh(cmd, &out), 0);
    assert_string_equal(out, "fifo\nregular file\nsymbolic link\nold\n");
    free(out);
}

static void test_timings_to_stdout(void **state)
{
    (void)state;
    char cmd[512], *out;
    snprintf(cmd, sizeof cmd, "%s tests/data/example-article.txt -o %s/t.wav --timings - 2>/dev/null", bin, tmpdir);
    int st;
    out = run_capture(cmd, &st);
    assert_int_equal(st, 0);
    assert_true(!strncmp(out, "{\n  \"sentences\": [\n", 19));
    assert_int_equal(count(out, "\"spoken\": "), count(out, "\"byte_start\": ") - 11);
    free(out);
    snprintf(cmd, sizeof cmd, "%s/-", tmpdir);
    assert_int_equal(access(cmd, F_OK), -1); /* no file named "-" */
    /* timings files honour the umask */
    snprintf(cmd, sizeof cmd, "sh -c 'umask 077; %s tests/data/example-article.txt -o %s/u.wav --timings %s/u.json' "
             "&& stat -c %%a %s/u.json", bin, tmpdir, tmpdir, tmpdir);
    out = run_capture(cmd, &st);
    assert_string_equal(out, "600\n");
    free(out);
}

static void test_nothing_to_read(void **state)
{
    (void)state;
    char args[256], path[128];
    snprintf(path, sizeof path, "%s/empty.wav", tmpdir);
    snprintf(args, sizeof args, "- -o %s < /dev/null", path);
    expect(args, 1, "<stdin>: nothing to read");
    char cmd[512];
    snprintf(cmd, sizeof cmd, "printf '  \\n\\t\\n' | %s - -o %s", bin, path);
    char *out;
    assert_int_equal(sh(cmd, &out), 1);
    assert_non_null(strstr(out, "nothing to read"));
    free(out);
    assert_int_equal(access(path, F_OK), -1);
}

static void test_unwritable_formats(void **state)
{
    (void)state;
    char args[256];
    snprintf(args, sizeof args, "tests/data/example-article.txt -o %s/x.m4a", tmpdir);
    expect(args, 1, "(it writes wav, flac, ogg");
    expect("--format aac tests/data/example-article.txt -o -", 2, "unknown format 'aac' (this build writes wav, flac, ogg");
    snprintf(args, sizeof args, "tests/data/example-article.txt -o %s/x.opus", tmpdir);
    expect(args, 0, ""); /* Ogg Opus (test_api checks its length) */
}

/* --check: a compiler-style report, the exit status a portal's CI gates on, and JSON. */
static void test_check(void **state)
{
    (void)state;
    const char *art = "tests/data/check-article.txt";
    char args[512];
    snprintf(args, sizeof args, "--check %s", art);
    expect(args, 1, "tests/data/check-article.txt:3:63: spelled: unknown acronym \"QZX\" read letter by letter "
                    "(reading: quy dét ích xì) [warning]\n    fix: add \"QZX<TAB>its reading\" to a lexicon (--lexicon FILE)\n");
    expect(args, 1, "tests/data/check-article.txt: 249 words, 5 guesses, 97.9% read with confidence; 7 findings "
                    "(2 errors, 5 warnings, 0 info)\n");
    int st;
    char *out = ra(args, &st);
    assert_null(strstr(out, ": ambiguous: ")); /* info is below the default level */
    free(out);
    snprintf(args, sizeof args, "--check --check-level info %s", art);
    expect(args, 1, "7:66: ambiguous: \"3-4\" read as a range (đến)");
    snprintf(args, sizeof args, "--check --check-level spelled,foreign %s", art);
    expect(args, 1, "2 findings (0 errors, 2 warnings, 0 info)");
    expect("--check tests/data/example-article.txt", 0, "0 findings");
    expect("--check --check-level error -t 'Công ty QZX ký hợp đồng.'", 0, "1 guess, ");
    expect("--check -t 'Công ty QZX ký hợp đồng.'", 1, "<-t text>:1:9: spelled: ");
    /* several inputs: each reported, one that cannot be read fails alone */
    snprintf(args, sizeof args, "-q --check --check-format json tests/data/check-page.html %s", art);
    out = ra(args, &st);
    assert_int_equal(st, 1);
    const char *head = "[\n{\n  \"file\": \"tests/data/check-page.html\",";
    assert_true(strncmp(out, head, strlen(head)) == 0);
    assert_non_null(strstr(out, "},\n{\n  \"file\": \"tests/data/check-article.txt\","));
    assert_true(strlen(out) > 3 && strcmp(out + strlen(out) - 3, "}\n]") != 0 && strstr(out, "\n}\n]\n"));
    free(out);
    expect("--check /nonexistent.txt tests/data/example-article.txt", 1, "0 findings");
    out = ra("--check --check-format json /nonexistent.txt tests/data/example-article.txt", &st);
    assert_int_equal(st, 1); /* the array holds the one report there is */
    assert_true(strstr(out, "[\n{\n  \"file\": \"tests/data/example-article.txt\"") && strstr(out, "\n}\n]\n") &&
                !strstr(out, ",\n{\n"));
    free(out);
    expect("--check /nonexistent.txt tests/data/example-article.txt", 1, "cannot open '/nonexistent.txt'");
    /* usage */
    expect("--check --check-level loud tests/data/example-article.txt", 2, "--check-level is info, warning, error");
    expect("--check --check-format xml tests/data/example-article.txt", 2, "--check-format is text or json");
    expect("--check -o x.wav tests/data/example-article.txt", 2, "no -o");
    expect("--check-level error tests/data/example-article.txt -o x.wav", 2, "go with --check");
    expect("tests/data/example-article.txt tests/data/check-article.txt -o x.wav", 2, "more than one input");
}

/* The CLI finds its worker beside itself; a wrong override is named in the message. */
static void test_worker_lookup(void **state)
{
    (void)state;
    char cmd[512], *out;
    snprintf(cmd, sizeof cmd, "READARTICLE_WORKER=/nonexistent/w %s tests/data/example-article.txt -o %s/w.wav", bin,
             tmpdir);
    assert_int_equal(sh(cmd, &out), 1);
    assert_non_null(strstr(out, "READARTICLE_WORKER is '/nonexistent/w'"));
    free(out);
}

int main(void)
{
    snprintf(bin, sizeof bin, "%s/readarticle", build_dir());
    unsetenv("READARTICLE_WORKER"); /* the CLI must find the worker beside itself */
    if (!mkdtemp(tmpdir))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_info_options), cmocka_unit_test(test_text_modes),
        cmocka_unit_test(test_input_errors), cmocka_unit_test(test_audio),
        cmocka_unit_test(test_quiet_and_short_options),
        cmocka_unit_test(test_docs_cover_every_option),
        cmocka_unit_test(test_timings_files), cmocka_unit_test(test_pause_options),
        cmocka_unit_test(test_formats_and_files), cmocka_unit_test(test_interrupted), cmocka_unit_test(test_stop_mid_sentence),
        cmocka_unit_test(test_full_disk_keeps_previous_output),
        cmocka_unit_test(test_stream_stdout),     cmocka_unit_test(test_stream_formats),
        cmocka_unit_test(test_devices_and_fifos), cmocka_unit_test(test_symlinks),
        cmocka_unit_test(test_refused_outputs),   cmocka_unit_test(test_timings_to_stdout),
        cmocka_unit_test(test_nothing_to_read),   cmocka_unit_test(test_unwritable_formats),
        cmocka_unit_test(test_worker_lookup),     cmocka_unit_test(test_timings_unwritable),
        cmocka_unit_test(test_check),
    };
    int r = cmocka_run_group_tests(tests, NULL, NULL);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    int st;
    free(run_capture(cmd, &st));
    return r;
}
