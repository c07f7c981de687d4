"""Tests of the Python binding: python3 bindings/python/tests/test_readarticle.py (from anywhere).

The library is found like any user would find it (READARTICLE_LIB, else the build tree named by
RA_BUILD, default "build"); nothing here needs installing.
"""

import array
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
import unittest
import wave

HERE = os.path.dirname(os.path.abspath(__file__))
BINDING = os.path.dirname(HERE)
ROOT = os.path.dirname(os.path.dirname(BINDING))
ARTICLE = os.path.join(ROOT, "tests", "data", "example-article.txt")


def _rerun_with_asan_runtime():
    """An ASan-built library (RA_BUILD=build/asan, as `make asan` runs this program) only loads
    into a process whose first library is the ASan runtime: run again with it preloaded."""
    lib = os.environ.get("READARTICLE_LIB") or os.path.join(ROOT, os.environ.get("RA_BUILD") or "build",
                                                            "libreadarticle.so.0")
    if "libasan" in os.environ.get("LD_PRELOAD", "") or not os.path.exists(lib):
        return
    with open(lib, "rb") as f:
        if b"libasan.so" not in f.read():
            return
    runtime = subprocess.run([os.environ.get("CC") or "cc", "-print-file-name=libasan.so"],
                             capture_output=True, text=True).stdout.strip()
    env = dict(os.environ, LD_PRELOAD=runtime,
               ASAN_OPTIONS="detect_leaks=0:" + os.environ.get("ASAN_OPTIONS", ""))
    os.execve(sys.executable, [sys.executable] + sys.argv, env)


_rerun_with_asan_runtime()
sys.path.insert(0, BINDING)

import readarticle  # noqa: E402
from readarticle import _native  # noqa: E402

# One long sentence each: a speech worker's audio for a sentence varies by up to ~65 ms with
# the sentence it spoke before (espeak-ng keeps state between texts, and concurrent calls share
# the workers sentence by sentence), which is within 2% only for sentences of several seconds.
THREAD_TEXTS = [
    "Hôm nay trời đẹp nên chúng tôi đi dạo quanh hồ Gươm, ghé thăm đền Ngọc Sơn rồi ăn phở ở phố Hàng Bông.",
    "UBND xã có 21 thôn, mỗi thôn có một nhà văn hóa, một sân thể thao và một tổ hòa giải hoạt động thường xuyên.",
    "Tỷ lệ hộ nghèo giảm còn 2,5% trong khi thu nhập bình quân đầu người tăng mạnh so với cùng kỳ năm trước.",
    "Sáng 16/01/2025, hội nghị tổng kết công tác năm khai mạc tại hội trường lớn của huyện với 125 đại biểu tham dự.",
    "Chúng tôi đi học lúc 7 giờ sáng, buổi chiều cả lớp về nhà sớm để ôn tập và chuẩn bị thật kỹ cho kỳ thi cuối năm.",
    "Đại hội XIII thành công tốt đẹp, các đại biểu phấn khởi ra về và nghị quyết được triển khai ngay trong tháng.",
    "Giá xăng tăng 500 đồng mỗi lít từ 15 giờ chiều nay nên người dân đổ xăng rất đông ở các cây xăng trong thành phố.",
    "Hội nghị kéo dài trong hai ngày, từ thứ Hai đến thứ Ba tuần sau, với sự tham gia của lãnh đạo các sở và ngành.",
]


def read_article():
    with open(ARTICLE, encoding="utf-8") as f:
        return f.read()


def wav_info(data):
    """(rate, channels, sample width, samples) of WAV bytes."""
    with wave.open(io.BytesIO(data)) as w:
        return w.getframerate(), w.getnchannels(), w.getsampwidth(), w.readframes(w.getnframes())


def duration(data):
    rate, _, width, frames = wav_info(data)
    return len(frames) / width / rate


def cli_duration(path):
    """Seconds of audio the C program makes from the file at path (None without the program)."""
    program = os.path.join(os.path.dirname(os.path.realpath(_native.path)), "readarticle")
    if not os.access(program, os.X_OK):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "x.wav")
        subprocess.run([program, path, "-o", out], check=True, capture_output=True)
        with open(out, "rb") as f:
            return duration(f.read())


class TextTests(unittest.TestCase):
    def setUp(self):
        self.reader = readarticle.Reader()

    def tearDown(self):
        self.reader.close()

    def test_normalize(self):
        self.assertEqual(self.reader.normalize("UBND xã có 21 thôn. Tỷ lệ đạt 97,8%."),
                         "ủy ban nhân dân xã có hai mươi mốt thôn.\n"
                         "Tỷ lệ đạt chín mươi bảy phẩy tám phần trăm.\n")

    def test_check(self):
        report = self.reader.check("Công ty QZX họp.\nĐại diện BTC phát biểu.")
        first = report["findings"][0]
        self.assertEqual((first["kind"], first["level"], first["line"], first["column"], first["text"]),
                         ("spelled", "warning", 1, 9, "QZX"))
        self.assertEqual(first["reading"], "quy dét ích xì")
        self.assertEqual(report["findings"][1]["kind"], "ambiguous")
        self.assertEqual(report["summary"]["guesses"], 2)
        self.assertEqual(self.reader.check("Xin chào.")["findings"], [])

    def test_normalize_nothing(self):
        self.assertEqual(self.reader.normalize(""), "")

    def test_sentences(self):
        self.assertEqual(self.reader.sentences("TP. Huế đẹp. Tôi đi học."), ["TP. Huế đẹp.", "Tôi đi học."])
        self.assertEqual(self.reader.sentences(""), [])

    def test_options_struct_matches_the_library(self):
        """ra_options_init_version writes exactly the binding's struct: no byte past it."""
        import ctypes
        from readarticle import _native
        size = ctypes.sizeof(_native.ra_options)
        buf = (ctypes.c_ubyte * (size + 64))(*([0xAB] * (size + 64)))
        self.assertEqual(readarticle.lib.ra_options_init_version(
            ctypes.cast(buf, ctypes.POINTER(_native.ra_options)), _native.RA_OPTIONS_VERSION), 0)
        self.assertEqual(buf[size - 1], 0)
        self.assertEqual(list(buf[size:]), [0xAB] * 64)

    def test_input_encodings(self):
        text = "Hà Nội có 12 quận."
        want = "Hà Nội có mười hai quận.\n"
        self.assertEqual(self.reader.normalize(text.encode("utf-16")), want)  # a BOM says UTF-16
        with readarticle.Reader(input_encoding="cp1258") as reader:
            legacy = subprocess.run(["iconv", "-f", "UTF-8", "-t", "WINDOWS-1258"], input=text.encode(),
                                    capture_output=True, check=True).stdout
            self.assertEqual(reader.normalize(legacy), want)
        tcvn3 = "Hµ Néi cã 12 quËn.".encode("cp1252")
        with self.assertRaises(readarticle.Error):
            self.reader.normalize(tcvn3)  # strict by default, as Python's codecs
        with readarticle.Reader(strict=False) as reader:
            with self.assertWarnsRegex(UnicodeWarning, "read as tcvn3"):
                self.assertEqual(reader.normalize(tcvn3), want)
        with self.assertRaises(readarticle.Error) as cm:
            readarticle.Reader(input_encoding="klingon")
        self.assertEqual(cm.exception.status, readarticle.ERR_ARG)

    def test_limits(self):
        with readarticle.Reader(max_duration_ms=500) as reader:
            with self.assertRaises(readarticle.Error) as cm:
                reader.synthesize("Sáng 16/01/2023, UBND huyện tổ chức hội nghị tổng kết với 125 đại biểu.")
            self.assertEqual(cm.exception.status, readarticle.ERR_LIMIT)

    def test_html_page_reads_its_article(self):
        page = ("<!doctype html><html><head><title>Tin - Báo</title></head><body>"
                "<nav class='menu'><a href='/'>Trang chủ</a> <a href='/x'>Thời sự</a></nav>"
                "<h1>UBND tỉnh họp báo</h1><article class='fck_detail'>"
                "<p>Sáng 16/01/2023, UBND tỉnh đã tổ chức họp báo thường kỳ về kinh tế &amp; xã hội.</p>"
                "<div class='related'><a href='/a'>Tin khác hôm nay của tòa soạn</a></div></article>"
                "<footer>Giấy phép số 1</footer></body></html>")
        with readarticle.Reader(html=True) as reader:
            self.assertEqual(reader.extract(page), "UBND tỉnh họp báo\n\nSáng 16/01/2023, UBND tỉnh đã tổ "
                             "chức họp báo thường kỳ về kinh tế & xã hội.")
            self.assertEqual(reader.sentences(page)[0], "UBND tỉnh họp báo")
        with readarticle.Reader(html=True, selector="footer") as reader:
            self.assertEqual(reader.extract(page), "Giấy phép số 1")
        with readarticle.Reader(html="auto") as reader:
            self.assertNotIn("Trang chủ", reader.extract(page))
        self.assertIn("Trang chủ", self.reader.extract(page))  # a text Reader reads the menu too
        with readarticle.Reader(html=True, selector=".missing") as reader:
            with self.assertRaises(readarticle.Error) as cm:
                reader.extract(page)
            self.assertEqual(cm.exception.status, readarticle.ERR_EMPTY)

    def test_south_voice(self):
        with readarticle.Reader(voice="south") as south:
            self.assertEqual(south.normalize("1.005"), "một ngàn không trăm lẻ năm\n")

    def test_bytes_are_utf8(self):
        self.assertEqual(self.reader.normalize("21".encode()), "hai mươi mốt\n")
        with self.assertRaises(readarticle.Error) as cm:
            self.reader.normalize(b"ab\xff")
        self.assertEqual(cm.exception.status, readarticle.ERR_UTF8)
        self.assertIn("byte 2", str(cm.exception))

    def test_user_lexicon(self):
        lexicon = os.path.join(ROOT, "tests", "data", "user-lexicon.tsv")
        with readarticle.Reader(lexicons=[lexicon]) as reader:
            self.assertEqual(reader.normalize("HTX"), "hợp tác xã\n")

    def test_bad_lexicon_names_file(self):
        bad = os.path.join(ROOT, "tests", "data", "bad-lexicon.tsv")
        with self.assertRaises(readarticle.Error) as cm:
            readarticle.Reader(lexicons=[bad])
        self.assertEqual(cm.exception.status, readarticle.ERR_LEXICON)
        self.assertIn("bad-lexicon.tsv", cm.exception.message)

    def test_closed_reader(self):
        self.reader.close()
        self.reader.close()
        with self.assertRaises(ValueError):
            self.reader.normalize("x")

    def test_version_and_voices(self):
        self.assertRegex(readarticle.version(), r"^\d+\.\d+\.\d+$")
        names = [name for name, _ in readarticle.voices()]
        self.assertIn("north", names)
        self.assertIn("south-female", names)
        self.assertTrue(all(description for _, description in readarticle.voices()))


class SynthesisTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.reader = readarticle.Reader()
        cls.article = read_article()
        cls.wav, cls.timings = cls.reader.synthesize(cls.article, timings=True)

    @classmethod
    def tearDownClass(cls):
        cls.reader.close()

    def test_wav(self):
        rate, channels, width, frames = wav_info(self.wav)
        self.assertEqual((rate, channels, width), (22050, 1, 2))
        self.assertEqual(self.reader.sample_rate, 22050)
        seconds = len(frames) / 2 / rate
        self.assertTrue(30 < seconds < 200, seconds)
        self.assertGreater(max(map(abs, array.array("h", frames))), 3000, "silent audio")

    def test_same_duration_as_cli(self):
        expected = cli_duration(ARTICLE)
        if expected is None:
            self.skipTest("no readarticle program beside the library")
        self.assertAlmostEqual(duration(self.wav), expected, delta=expected * 0.02)

    def test_without_timings(self):
        # not byte for byte: a speech worker's audio for a text varies slightly with what it
        # read before (espeak-ng keeps state between texts)
        self.assertAlmostEqual(duration(self.reader.synthesize(self.article)), duration(self.wav),
                               delta=duration(self.wav) * 0.01)

    def test_encoded_formats(self):
        text = "Xin chào các bạn."
        mp3 = self.reader.synthesize(text, format="mp3")
        self.assertTrue(mp3.startswith(b"ID3") or (mp3[0] == 0xFF and mp3[1] & 0xE0 == 0xE0), mp3[:4])
        self.assertEqual(self.reader.synthesize(text, format="ogg")[:4], b"OggS")
        self.assertEqual(self.reader.synthesize(text, format="flac")[:4], b"fLaC")

    def test_timings(self):
        self.assertEqual(set(self.timings), {"sentences", "words"})
        self.assertEqual(len(self.timings["sentences"]), 11)
        words = self.timings["words"]
        self.assertGreater(len(words), 100)
        starts = [w["start"] for w in words]
        self.assertEqual(starts, sorted(starts))
        offsets = [w["byte_start"] for w in words]
        self.assertEqual(offsets, sorted(offsets))
        ubnd = [w for w in words if w["text"] == "UBND"]
        self.assertTrue(ubnd)
        self.assertEqual(ubnd[0]["spoken"], "ủy ban nhân dân")
        data = self.article.encode()
        self.assertEqual(data[ubnd[0]["byte_start"]:ubnd[0]["byte_end"]], b"UBND")
        self.assertAlmostEqual(words[-1]["end"], duration(self.wav), delta=0.05)

    def test_to_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            wav_path, mp3_path = os.path.join(tmp, "a.wav"), os.path.join(tmp, "a.mp3")
            json_path, vtt_path = os.path.join(tmp, "a.json"), os.path.join(tmp, "a.vtt")
            self.assertIsNone(self.reader.synthesize_to_file(self.article, wav_path, timings_path=json_path))
            with open(wav_path, "rb") as f:
                self.assertAlmostEqual(duration(f.read()), duration(self.wav), delta=duration(self.wav) * 0.01)
            with open(json_path, encoding="utf-8") as f:
                self.assertEqual(len(json.load(f)["sentences"]), 11)
            found = self.reader.synthesize_to_file("Xin chào.", mp3_path, timings=True, timings_path=vtt_path)
            with open(mp3_path, "rb") as f:
                head = f.read(3)
            self.assertTrue(head == b"ID3" or (head[0] == 0xFF and head[1] & 0xE0 == 0xE0), head)
            self.assertEqual(len(found["sentences"]), 1)
            with open(vtt_path, encoding="utf-8") as f:
                self.assertTrue(f.read().startswith("WEBVTT"))

    def test_unknown_voice(self):
        with self.assertRaises(readarticle.Error) as cm:
            readarticle.Reader(voice="klingon")
        self.assertEqual(cm.exception.status, readarticle.ERR_VOICE)
        self.assertIn("klingon", cm.exception.message)
        self.assertIn("klingon", str(cm.exception))

    def test_nothing_to_read(self):
        with self.assertRaises(readarticle.Error) as cm:
            self.reader.synthesize("   ")
        self.assertEqual(cm.exception.status, readarticle.ERR_EMPTY)

    def test_unwritable_path(self):
        path = "/nonexistent-dir/x.wav"
        with self.assertRaises(readarticle.Error) as cm:
            self.reader.synthesize_to_file("Xin chào.", path)
        self.assertEqual(cm.exception.status, readarticle.ERR_IO)
        self.assertIn(path, cm.exception.message)

    def test_unknown_formats(self):
        with self.assertRaises(ValueError):
            self.reader.synthesize("Xin chào.", format="aac")
        self.assertEqual(self.reader.synthesize("Xin chào.", format="opus")[:4], b"OggS")
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "x.m4a")
            with self.assertRaises(readarticle.Error) as cm:
                self.reader.synthesize_to_file("Xin chào.", path)
            self.assertEqual(cm.exception.status, readarticle.ERR_FORMAT)
            self.assertFalse(os.path.exists(path))

    def test_espeak_never_in_process(self):
        self.reader.synthesize("Xin chào.")
        with open("/proc/self/maps") as f:
            maps = f.read()
        for name in ("libespeak-ng", "libpcaudio", "libpulse"):
            self.assertNotIn(name, maps)


class ThreadTests(unittest.TestCase):
    @staticmethod
    def synthesize(reader, text):
        """(samples, spoken words) of one call: the words show whose events a call received."""
        audio, timings = reader.synthesize(text, timings=True)
        return len(wav_info(audio)[3]) // 2, [(w["text"], w["spoken"]) for w in timings["words"]]

    def test_shared_reader(self):
        with readarticle.Reader(max_instances=4) as reader:
            expected = [self.synthesize(reader, text) for text in THREAD_TEXTS]
            results, errors = {}, []

            def work(i):
                try:
                    results[i] = [self.synthesize(reader, THREAD_TEXTS[i]) for _ in range(3)]
                except Exception as e:  # a thread's exception would otherwise be lost
                    errors.append(e)

            threads = [threading.Thread(target=work, args=(i,)) for i in range(len(THREAD_TEXTS))]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        self.assertEqual(errors, [])
        self.assertEqual(sorted(results), list(range(len(THREAD_TEXTS))))
        for i, runs in results.items():
            samples, words = expected[i]
            for got_samples, got_words in runs:
                self.assertAlmostEqual(got_samples, samples, delta=samples * 0.02)
                self.assertEqual(got_words, words)


class CommandLineTests(unittest.TestCase):
    def run_cli(self, *args, stdin=b""):
        env = dict(os.environ, PYTHONPATH=BINDING)
        return subprocess.run([sys.executable, "-m", "readarticle", *args], input=stdin,
                              capture_output=True, env=env, cwd=ROOT)

    def test_normalize(self):
        done = self.run_cli("--normalize", stdin="UBND xã có 21 thôn.\n".encode())
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.decode(), "ủy ban nhân dân xã có hai mươi mốt thôn.\n")

    def test_audio_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "out.wav")
            done = self.run_cli(ARTICLE, "-o", out)
            self.assertEqual(done.returncode, 0, done.stderr)
            with open(out, "rb") as f:
                rate, channels, width, frames = wav_info(f.read())
            self.assertEqual((rate, channels, width), (22050, 1, 2))
            self.assertGreater(len(frames), rate * 2 * 30)

    def test_audio_to_stdout(self):
        done = self.run_cli("-o", "-", stdin="Xin chào.".encode())
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout[:4], b"RIFF")

    def test_missing_input(self):
        with tempfile.TemporaryDirectory() as tmp:
            missing = os.path.join(tmp, "missing.txt")
            done = self.run_cli(missing, "-o", os.path.join(tmp, "x.wav"))
            self.assertEqual(done.returncode, 1)
            message = done.stderr.decode()
            self.assertTrue(message.startswith("readarticle: "), message)
            self.assertIn(missing, message)
            self.assertEqual(message.count("\n"), 1)
            self.assertEqual(os.listdir(tmp), [])

    def test_usage_errors(self):
        self.assertEqual(self.run_cli("--no-such-option").returncode, 2)
        self.assertEqual(self.run_cli(ARTICLE).returncode, 2)  # no -o, no --normalize
        self.assertEqual(self.run_cli("--rate", "10", "--normalize").returncode, 2)

    def test_version_and_voices(self):
        done = self.run_cli("--version")
        self.assertEqual(done.stdout.decode().strip(), "readarticle " + readarticle.version())
        self.assertIn("south-female", self.run_cli("--list-voices").stdout.decode())


if __name__ == "__main__":
    unittest.main()
