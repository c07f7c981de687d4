<?php
/*
 * Tests of the PHP binding. Run from the repository root after `make`:
 *   php bindings/php/tests/test_readarticle.php
 * The library is found as ReadArticle.php finds it ($READARTICLE_LIB, else $RA_BUILD or build/
 * above the binding); the CLI used for comparison is taken from the same build directory.
 * Prints TAP-like "ok N - ..." lines; exits 1 if any test failed.
 */

declare(strict_types=1);

require __DIR__ . '/../ReadArticle.php';

use ReadArticle\Error;
use ReadArticle\Reader;

$failed = 0;
$count = 0;

/** Records one result; $detail is printed on failure to show what was seen. */
function check(bool $ok, string $name, string $detail = ''): void
{
    global $failed, $count;
    $count++;
    echo ($ok ? "ok" : "not ok") . " $count - $name\n";
    if (!$ok) {
        $failed++;
        if ($detail !== '') {
            echo "#   " . str_replace("\n", "\n#   ", $detail) . "\n";
        }
    }
}

/** Reports a test that cannot run with this build as passed, marked SKIP. */
function skip(string $name, string $why): void
{
    global $count;
    $count++;
    echo "ok $count - $name # SKIP $why\n";
}

// an exception nobody expected (the library missing, a call failing) ends the run as a failure
set_exception_handler(function (\Throwable $e): void {
    echo "Bail out! " . get_class($e) . ": " . $e->getMessage() . "\n";
    exit(1);
});

/** Runs $fn and checks it throws $class (and, for Error, $status and $needle in the message). */
function checkThrows(string $name, callable $fn, string $class, ?int $status = null, string $needle = ''): void
{
    try {
        $fn();
        check(false, $name, "nothing was thrown");
    } catch (\Throwable $e) {
        $ok = $e instanceof $class
            && ($status === null || ($e instanceof Error && $e->getStatus() === $status))
            && ($needle === '' || strpos($e->getMessage(), $needle) !== false);
        $seen = get_class($e) . ($e instanceof Error ? " status " . $e->getStatus() : '') . ": " . $e->getMessage();
        check($ok, $name, "got $seen");
    }
}

/** Parses a WAV file's fmt and data chunks: [rate, channels, bits, data bytes, data offset]. */
function wavInfo(string $wav): ?array
{
    if (strlen($wav) < 12 || substr($wav, 0, 4) !== 'RIFF' || substr($wav, 8, 4) !== 'WAVE') {
        return null;
    }
    $fmt = null;
    for ($pos = 12; $pos + 8 <= strlen($wav); $pos += 8 + $len + ($len & 1)) {
        $id = substr($wav, $pos, 4);
        $len = unpack('V', $wav, $pos + 4)[1];
        if ($id === 'fmt ') {
            $fmt = unpack('vtag/vchannels/Vrate/Vbyterate/valign/vbits', $wav, $pos + 8);
        } elseif ($id === 'data' && $fmt !== null) {
            $len = min($len, strlen($wav) - $pos - 8); // a streamed header may overstate it
            return [$fmt['rate'], $fmt['channels'], $fmt['bits'], $len, $pos + 8];
        }
    }
    return null;
}

/** Seconds of 22050 Hz mono 16-bit audio in a WAV. */
function wavSeconds(string $wav): float
{
    $info = wavInfo($wav);
    return $info === null ? -1.0 : $info[3] / 44100.0;
}

/** Largest |sample| of the WAV's 16-bit data. */
function wavPeak(string $wav): int
{
    [, , , $len, $off] = wavInfo($wav);
    $peak = 0;
    foreach (unpack('s*', substr($wav, $off, $len)) as $v) {
        $peak = max($peak, abs($v));
    }
    return $peak;
}

/** An ID3 tag or an MPEG frame sync (11 set bits). */
function isMp3(string $b): bool
{
    return substr($b, 0, 3) === 'ID3'
        || (strlen($b) >= 2 && ord($b[0]) === 0xFF && (ord($b[1]) & 0xE0) === 0xE0);
}

function near(float $a, float $b, float $relative): bool
{
    return abs($a - $b) <= $relative * max(abs($a), abs($b));
}

function removeTree(string $dir): void
{
    foreach (glob("$dir/*") ?: [] as $f) {
        unlink($f);
    }
    rmdir($dir);
}

$root = dirname(__DIR__, 3);
$article = file_get_contents("$root/tests/data/example-article.txt");
$tmp = sys_get_temp_dir() . '/readarticle-php-' . getmypid();
mkdir($tmp);
register_shutdown_function(fn() => removeTree($tmp));
$started = microtime(true);

// ---- library and text ----------------------------------------------------------------------

check(preg_match('/^\d+\.\d+\.\d+$/', Reader::version()) === 1, "version() is MAJOR.MINOR.PATCH", Reader::version());
$voices = Reader::voices();
check(isset($voices['north'], $voices['south']) && count($voices) >= 2 && is_string($voices['north'])
    && $voices['north'] !== '', "voices() maps names to descriptions", var_export($voices, true));

$r = new Reader();
$got = $r->normalize("UBND xã có 21 thôn. Tỷ lệ đạt 97,8%.");
$want = "ủy ban nhân dân xã có hai mươi mốt thôn.\nTỷ lệ đạt chín mươi bảy phẩy tám phần trăm.\n";
check($got === $want, "normalize expands acronyms, numbers and percentages", var_export($got, true));
check($r->normalize("") === "", "normalize of nothing is empty");
$got = $r->sentences("TP. Huế đẹp. Tôi đi học.");
check($got === ["TP. Huế đẹp.", "Tôi đi học."], "sentences keeps the abbreviation TP. inside", var_export($got, true));
$got = (new Reader("south"))->normalize("1.005");
check($got === "một ngàn không trăm lẻ năm\n", "the south voice says ngàn and lẻ", var_export($got, true));
checkThrows("invalid UTF-8 is ERR_UTF8", fn() => $r->normalize("a\xff b"), Error::class, Error::ERR_UTF8);

// ---- audio ---------------------------------------------------------------------------------

$wav = $r->synthesize($article);
$info = wavInfo($wav);
check(substr($wav, 0, 4) === 'RIFF' && substr($wav, 8, 4) === 'WAVE', "WAV starts with RIFF....WAVE");
check($info !== null && array_slice($info, 0, 3) === [22050, 1, 16], "WAV is 22050 Hz mono 16 bit",
    var_export($info, true));
$seconds = wavSeconds($wav);

// the CLI from the build directory the binding loaded (else from PATH)
$cli = dirname(Reader::libraryPath()) . '/readarticle';
$cli = is_executable($cli) ? $cli : 'readarticle';
exec(escapeshellarg($cli) . ' ' . escapeshellarg("$root/tests/data/example-article.txt")
    . ' -o ' . escapeshellarg("$tmp/cli.wav") . ' 2>&1', $output, $rc);
$cliSeconds = $rc === 0 ? wavSeconds(file_get_contents("$tmp/cli.wav")) : -1.0;
check($seconds > 10 && near($seconds, $cliSeconds, 0.02), "article duration matches the CLI's within 2%",
    sprintf("php %.3f s, cli %.3f s (rc %d: %s)", $seconds, $cliSeconds, $rc, implode(' ', $output)));
$peak = $info === null ? 0 : wavPeak($wav);
check($peak > 1000, "the audio is not silent", "peak $peak");

$short = "Hôm nay trời đẹp. UBND xã có 21 thôn.";
$hasMp3 = Reader::formatSupported("mp3"); // needs libsndfile >= 1.1 with LAME
if ($hasMp3) {
    $mp3 = $r->synthesize($short, "mp3");
    check(isMp3($mp3), "mp3 starts with ID3 or a frame sync", bin2hex(substr($mp3, 0, 4)));
} else {
    skip("mp3 starts with ID3 or a frame sync", "this libsndfile cannot write MP3");
}
check(substr($r->synthesize($short, "ogg"), 0, 4) === 'OggS', "ogg starts with OggS");
check(substr($r->synthesize($short, "FLAC"), 0, 4) === 'fLaC', "flac starts with fLaC (format names in any case)");

$slow = wavSeconds((new Reader("north", 100))->synthesize($short));
$fast = wavSeconds((new Reader("north", 400))->synthesize($short));
check($fast > 0 && $fast < 0.6 * $slow, "rate 400 reads faster than rate 100", "$fast s vs $slow s");
$low = (new Reader("north", null, 0))->synthesize($short);
$high = (new Reader("north", null, 100))->synthesize($short);
check($low !== $high && near(wavSeconds($low), wavSeconds($high), 0.1), "pitch changes the voice, not the pace");

// ---- timings -------------------------------------------------------------------------------

[$audio, $timings] = $r->synthesize($article, "wav", true);
$words = $timings['words'] ?? [];
check(count($timings['sentences'] ?? []) === 11, "timings have the article's 11 sentences",
    (string)count($timings['sentences'] ?? []));
$ordered = count($words) > 100;
for ($i = 1; $i < count($words); $i++) {
    $ordered = $ordered && $words[$i]['start'] >= $words[$i - 1]['start'];
}
check($ordered, "word start times never go back", count($words) . " words");
$ubnd = array_values(array_filter($words, fn($w) => $w['text'] === 'UBND'));
check(($ubnd[0]['spoken'] ?? null) === "ủy ban nhân dân", "UBND is spoken as ủy ban nhân dân",
    var_export($ubnd[0] ?? null, true));
$lastEnd = $words ? end($words)['end'] : -1;
check(abs($lastEnd - wavSeconds($audio)) <= 0.05, "the last word ends with the audio",
    sprintf("last word ends %.3f s, audio %.3f s", $lastEnd, wavSeconds($audio)));
check(near(wavSeconds($audio), $seconds, 0.02), "audio with timings is the same length as without");

// ---- files ---------------------------------------------------------------------------------

$r->synthesizeToFile($short, "$tmp/a.wav", null, "$tmp/a.json");
$fileWav = (string)@file_get_contents("$tmp/a.wav");
check(wavInfo($fileWav) !== null && wavSeconds($fileWav) > 1, "synthesizeToFile writes a WAV for .wav");
if ($hasMp3) {
    $r->synthesizeToFile($short, "$tmp/a.mp3");
    $fileMp3 = (string)@file_get_contents("$tmp/a.mp3");
    check(isMp3($fileMp3), "synthesizeToFile writes MP3 for .mp3", bin2hex(substr($fileMp3, 0, 4)));
} else {
    skip("synthesizeToFile writes MP3 for .mp3", "this libsndfile cannot write MP3");
}
$json = json_decode((string)@file_get_contents("$tmp/a.json"), true);
check(is_array($json) && count($json['sentences'] ?? []) === 2 && count($json['words'] ?? []) > 5,
    "the timings file is JSON with sentences and words");
$r->synthesizeToFile($short, "$tmp/b.audio", "ogg");
check(substr((string)@file_get_contents("$tmp/b.audio"), 0, 4) === 'OggS', "an explicit format beats the extension");

// ---- errors --------------------------------------------------------------------------------

checkThrows("an unknown voice is ERR_VOICE naming it", fn() => new Reader("klingon"),
    Error::class, Error::ERR_VOICE, "klingon");
checkThrows("a rate out of range is ERR_ARG", fn() => new Reader("north", 9999), Error::class, Error::ERR_ARG);
checkThrows("a missing lexicon is ERR_LEXICON naming it", fn() => new Reader("north", null, null, ["$tmp/none.tsv"]),
    Error::class, Error::ERR_LEXICON, "none.tsv");
checkThrows("blank text is ERR_EMPTY", fn() => $r->synthesize("   "), Error::class, Error::ERR_EMPTY);
checkThrows("an unwritable path is ERR_IO naming it", fn() => $r->synthesizeToFile($short, "/nonexistent-dir/x.wav"),
    Error::class, Error::ERR_IO, "/nonexistent-dir/x.wav");
checkThrows("a .m4a path is ERR_FORMAT", fn() => $r->synthesizeToFile($short, "$tmp/x.m4a"),
    Error::class, Error::ERR_FORMAT);
check(!file_exists("$tmp/x.m4a"), "a refused file is not created");
checkThrows("format aac is an InvalidArgumentException", fn() => $r->synthesize($short, "aac"),
    \InvalidArgumentException::class);
check(substr($r->synthesize($short, "opus"), 0, 4) === "OggS", "format opus gives Ogg Opus");
check(Error::ERR_EMPTY === 10 && Error::OK === 0 && Error::ERR_LEXICON === 9, "status constants are the C values");

// ---- lexicons ------------------------------------------------------------------------------

file_put_contents("$tmp/lex.tsv", "PHPX\tpê hát pê ích\n");
$lex = new Reader("north", null, null, ["$tmp/lex.tsv"]);
check(strpos($lex->normalize("PHPX chạy."), "pê hát pê ích") !== false, "a user lexicon's entries are used",
    $lex->normalize("PHPX chạy."));
$lex->close();

// ---- process hygiene and reuse -------------------------------------------------------------

$maps = file_get_contents('/proc/self/maps');
$mapped = array_filter(['libespeak-ng', 'libpcaudio', 'libpulse'], fn($l) => strpos($maps, $l) !== false);
check($mapped === [] && strpos($maps, 'libreadarticle') !== false, "espeak-ng is never mapped into PHP",
    implode(', ', $mapped));

$lengths = [];
for ($i = 0; $i < 20; $i++) {
    $lengths[] = strlen($r->synthesize($short));
}
check(min($lengths) > 0 && near((float)min($lengths), (float)max($lengths), 0.02),
    "20 calls on one Reader give the same length", implode(' ', array_unique($lengths)));

$r->close();
$r->close();
checkThrows("a closed Reader refuses work", fn() => $r->normalize("a"), \LogicException::class);

printf("# %d tests, %d failed, %.1f s\n", $count, $failed, microtime(true) - $started);
exit($failed === 0 ? 0 : 1);
