#!/usr/bin/env python3
"""The player page (examples/player/) in a real browser: renders an article with the CLI, serves
the page over HTTP (with byte ranges, as a portal's server does), opens it in headless Chromium and
drives it through the DevTools protocol with real key presses and mouse clicks. It checks that the
text and layout come from the timings, that the sentence and word highlighted are the ones being
read while the audio plays and after every kind of seek, the speed control, keyboard operation,
Vietnamese accessible names, and WCAG 2.1 AA contrast and focus rings.

usage: player.py READARTICLE ARTICLE [--screenshot PNG]"""

import argparse
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402

PLAYER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples", "player")
SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2]
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)
    return ok


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with single byte ranges: the browser seeks in audio only through them."""

    extensions_map = dict(http.server.SimpleHTTPRequestHandler.extensions_map,
                          **{".opus": "audio/ogg", ".json": "application/json", ".js": "text/javascript"})

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.translate_path(self.path)
        rng = self.headers.get("Range", "")
        if not rng.startswith("bytes=") or not os.path.isfile(path):
            return super().do_GET()
        size = os.path.getsize(path)
        first, _, last = rng[6:].split(",")[0].partition("-")
        if first == "":
            start, end = max(0, size - int(last)), size - 1
        else:
            start, end = int(first), min(int(last) if last else size - 1, size - 1)
        if start >= size or start > end:
            self.send_response(416)
            self.send_header("Content-Range", "bytes */%d" % size)
            self.end_headers()
            return
        with open(path, "rb") as f:
            f.seek(start)
            body = f.read(end - start + 1)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Range", "bytes %d-%d/%d" % (start, end, size))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(directory):
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(RangeHandler, directory=directory))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def shown(item):
    return item.get("shown", item["text"])


class Expect:
    """What the page should highlight at a time, worked out from the timings file alone."""

    def __init__(self, timings):
        self.sentences = timings["sentences"]
        self.words = timings["words"]

    def sentence(self, t):
        found = -1
        for i, s in enumerate(self.sentences):
            if s["start"] <= t:
                found = i
        return found

    def word(self, t):
        """The text of the word spoken at t, or None in a pause."""
        found = None
        for w in self.words:
            if w["start"] <= t < w["end"]:
                found = shown(w)
        return found


STATE = """(() => {
  const a = document.querySelector('.ra-audio');
  const s = document.querySelector('.ra-s.ra-current');
  const w = document.querySelector('.ra-w.ra-current');
  return {t: a.currentTime, paused: a.paused, rate: a.playbackRate,
          s: s ? Number(s.dataset.index) : -1, w: w ? w.textContent : null,
          play: document.querySelector('.ra-play').getAttribute('aria-label'),
          active: document.activeElement ? document.activeElement.className : ''};
})()"""


def state(page):
    return page.js(STATE)


def wait_for(page, expression, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if page.js(expression):
            return True
        time.sleep(0.05)
    return False


def check_layout(page, timings):
    got = page.js("""(() => ({
      sentences: [...document.querySelectorAll('.ra-s')].map(e => e.textContent),
      words: document.querySelectorAll('.ra-w').length,
      h2: document.querySelectorAll('.ra-text h2').length,
      p: document.querySelectorAll('.ra-text p').length,
      li: document.querySelectorAll('.ra-text li').length,
      titles: [...document.querySelectorAll('.ra-w[title]')].map(e => e.textContent + '=' + e.title)
    }))()""")
    sent = timings["sentences"]
    check(got["sentences"] == [shown(s) for s in sent],
          "the page shows each of the %d sentences with its text" % len(sent))
    ends = [s["ends"] for s in sent]
    paragraphs = ends.count("paragraph") + (1 if ends and ends[-1] in ("sentence", "none") else 0)
    check((got["h2"], got["p"], got["li"]) == (ends.count("heading"), paragraphs, ends.count("list")),
          "layout from the timings: %d headings, %d paragraphs, %d list items (page: %d, %d, %d)"
          % (ends.count("heading"), paragraphs, ends.count("list"), got["h2"], got["p"], got["li"]))
    nwords = len(timings["words"])
    check(got["words"] == nwords, "%d of %d words have a place to highlight" % (got["words"], nwords))
    expanded = [w for w in timings["words"] if w["spoken"].lower() != shown(w).lower()]
    check(len(got["titles"]) >= 0.9 * len(expanded) and (got["titles"] or not expanded),
          "words read otherwise than written say how (%d of %d), e.g. %s"
          % (len(got["titles"]), len(expanded), got["titles"][:1]))


def seek_with_slider(page, t):
    """Moves the position slider to t as a drag does (input event), then waits for the seek."""
    return page.js("""new Promise(done => {
      const a = document.querySelector('.ra-audio'), r = document.querySelector('.ra-seek');
      a.addEventListener('seeked', () => requestAnimationFrame(() => done(true)), {once: true});
      r.value = String(%r);
      r.dispatchEvent(new Event('input', {bubbles: true}));
      setTimeout(() => done(false), 5000);
    })""" % t)


def check_seeks(page, exp):
    """Paused: the highlight after a seek is exactly the sentence and word at that time."""
    words, sent = exp.words, exp.sentences
    times = [(words[k]["start"] + words[k]["end"]) / 2 for k in range(0, len(words), max(1, len(words) // 10))
             if words[k]["end"] - words[k]["start"] > 0.05]
    times += [(a["end"] + b["start"]) / 2 for a, b in zip(sent, sent[1:]) if b["start"] - a["end"] > 0.2][:3]
    wrong = []
    for t in times:
        if not seek_with_slider(page, t):
            wrong.append("%.3f: no seek" % t)
            continue
        st = state(page)
        if (st["s"], st["w"]) != (exp.sentence(t), exp.word(t)):
            wrong.append("%.3f: sentence %d word %r, want %d %r" % (t, st["s"], st["w"], exp.sentence(t), exp.word(t)))
    check(not wrong, "after %d seeks with the slider (in words and in pauses) the highlight is exact%s"
          % (len(times), ": " + "; ".join(wrong[:3]) if wrong else ""))


def focus_ring(page):
    return page.js("""(() => {
      const e = document.activeElement, cs = getComputedStyle(e);
      return {cls: e.className, style: cs.outlineStyle, width: parseFloat(cs.outlineWidth),
              color: cs.outlineColor, bg: getComputedStyle(document.body).backgroundColor};
    })()""")


def check_keyboard(page, exp):
    """Tab reaches every control in order, each with a visible focus ring; Space plays and pauses."""
    page.js("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    order, rings = [], []
    for _ in range(5):
        page.key("Tab", "Tab", 9)
        ring = focus_ring(page)
        order.append(ring["cls"].split()[0] if ring["cls"] else "")
        contrast = ratio(parse_rgb(ring["color"]), parse_rgb(ring["bg"]))
        if ring["style"] in ("none", "hidden") or ring["width"] < 2 or contrast < 3:
            rings.append("%s: %s %.0fpx %.1f:1" % (order[-1], ring["style"], ring["width"], contrast))
    check(order == ["ra-prev", "ra-play", "ra-next", "ra-speed", "ra-seek"], "Tab order: %s" % " → ".join(order))
    check(not rings, "every control shows a focus ring of at least 2 px and 3:1%s"
          % (": " + "; ".join(rings) if rings else ""))
    page.key("Tab", "Tab", 9)
    for _ in range(4):
        page.key("Tab", "Tab", 9, modifiers=8)  # Shift+Tab
    check(state(page)["active"].startswith("ra-play"), "Shift+Tab comes back to the play button")
    seek_with_slider(page, exp.sentences[1]["start"])  # read from the second sentence on
    page.key(" ", "Space", 32, " ")
    playing = wait_for(page, "!document.querySelector('.ra-audio').paused && "
                             "document.querySelector('.ra-play').getAttribute('aria-label') === 'Tạm dừng đọc'", 5)
    st = state(page)
    check(playing and st["play"] == "Tạm dừng đọc", "Space on the play button plays; its name becomes %r" % st["play"])


def check_playback(page, exp, shot_paths):
    """While playing, the highlight follows the audio clock word by word."""
    samples, wrong = [], []
    shot_taken = False
    for k in range(14):
        time.sleep(0.25)
        st = state(page)
        samples.append(st)
        near = {exp.word(st["t"] - d / 100.0) for d in range(0, 13)} | {exp.word(st["t"] + 0.02)}
        if st["w"] not in near or exp.sentence(st["t"] + 0.02) != st["s"] and exp.sentence(st["t"] - 0.12) != st["s"]:
            wrong.append("t=%.3f sentence %d word %r, want %d %r" % (st["t"], st["s"], st["w"],
                                                                     exp.sentence(st["t"]), exp.word(st["t"])))
        if k >= 6 and not shot_taken and st["w"]:
            shot = page.send("Page.captureScreenshot", {"format": "png"})["data"]
            import base64
            for path in shot_paths:
                with open(path, "wb") as f:
                    f.write(base64.b64decode(shot))
            shot_taken = True
    times = [s["t"] for s in samples]
    check(all(b > a for a, b in zip(times, times[1:])), "playback time advances (%.2f s → %.2f s)" % (times[0], times[-1]))
    distinct = len({(s["s"], s["w"]) for s in samples if s["w"]})
    check(distinct >= 5, "the highlighted word moves on with the audio (%d different words in 14 samples)" % distinct)
    check(not wrong, "every sample highlights the word being spoken%s" % (": " + "; ".join(wrong[:3]) if wrong else ""))
    check(shot_taken, "a screenshot of the player mid-playback")


def measured_rate(page, seconds=1.5):
    return page.js("""new Promise(done => {
      const a = document.querySelector('.ra-audio');
      const t0 = a.currentTime, p0 = performance.now();
      setTimeout(() => done((a.currentTime - t0) / ((performance.now() - p0) / 1000)), %d);
    })""" % int(seconds * 1000))


def check_speed(page):
    values = page.js("[...document.querySelectorAll('.ra-speed option')].map(o => Number(o.value))")
    check(values == SPEEDS, "speeds offered: %s" % values)
    page.js("document.querySelector('.ra-speed').focus()")
    page.key("End", "End", 35)
    st = state(page)
    check(st["rate"] == 2, "the End key on the speed list picks 2× (playback rate %s)" % st["rate"])
    rate = measured_rate(page)
    check(1.6 <= rate <= 2.4, "at 2× the audio runs %.2f× the wall clock" % rate)
    page.key("Home", "Home", 36)
    st = state(page)
    check(st["rate"] == 0.75, "Home picks 0.75× (playback rate %s)" % st["rate"])
    rate = measured_rate(page)
    check(0.55 <= rate <= 0.95, "at 0.75× the audio runs %.2f× the wall clock" % rate)
    page.key("ArrowDown", "ArrowDown", 40)
    check(state(page)["rate"] == 1, "ArrowDown goes on to 1×")


def check_click(page, exp):
    """A mouse click on a sentence seeks to it and reads on from there."""
    k = max(1, len(exp.sentences) - 3)
    box = page.js("""(() => {
      const e = document.querySelector('.ra-s[data-index="%d"]');
      e.scrollIntoView({block: 'center'});
      const r = e.getClientRects()[0];
      return {x: r.left + Math.min(r.width / 2, 40), y: r.top + r.height / 2};
    })()""" % k)
    page.click(box["x"], box["y"])
    wait_for(page, "document.querySelector('.ra-s.ra-current') && "
                   "document.querySelector('.ra-s.ra-current').dataset.index === '%d'" % k, 3)
    st = state(page)
    start = exp.sentences[k]["start"]
    check(st["s"] == k and start <= st["t"] < start + 1.5 and not st["paused"],
          "clicking sentence %d seeks to its start %.3f s and plays (at %.3f s, sentence %d)" % (k, start, st["t"], st["s"]))
    return k


def check_buttons(page, exp, k):
    """Câu sau / Câu trước by keyboard, paused: exact sentence starts."""
    page.js("document.querySelector('.ra-play').focus()")
    page.key(" ", "Space", 32, " ")
    check(wait_for(page, "document.querySelector('.ra-audio').paused", 3), "Space pauses")
    page.js("document.querySelector('.ra-next').focus()")
    page.key("Enter", "Enter", 13, "\r")
    wait_for(page, "document.querySelector('.ra-audio').currentTime === %r" % exp.sentences[k + 1]["start"], 3)
    st = state(page)
    check(st["s"] == k + 1 and abs(st["t"] - exp.sentences[k + 1]["start"]) < 1e-3,
          "Enter on Câu sau goes to sentence %d (%.3f s)" % (st["s"], st["t"]))
    page.js("document.querySelector('.ra-prev').focus()")
    page.key("Enter", "Enter", 13, "\r")
    wait_for(page, "document.querySelector('.ra-audio').currentTime === %r" % exp.sentences[k]["start"], 3)
    st = state(page)
    check(st["s"] == k and abs(st["t"] - exp.sentences[k]["start"]) < 1e-3,
          "Enter on Câu trước right after a sentence began goes back one (sentence %d)" % st["s"])


def check_names(page):
    tree = page.send("Accessibility.getFullAXTree")["nodes"]
    named = {}
    for n in tree:
        role = n.get("role", {}).get("value")
        if role in ("button", "slider", "combobox", "region", "article", "group", "status"):
            named.setdefault(role, []).append(n.get("name", {}).get("value", ""))
    controls = named.get("button", []) + named.get("slider", []) + named.get("combobox", [])
    check(len(controls) == 5 and all(name and any(ord(c) > 127 for c in name) for name in controls),
          "the 5 controls have Vietnamese accessible names: %s" % controls)
    check("Trình đọc bài viết" in named.get("region", []) and "Nội dung bài viết" in named.get("article", []),
          "the player and the article text are labelled regions")
    check(page.js("document.documentElement.lang") == "vi", "the page declares lang=vi")
    mismatched = page.js("""[...document.querySelectorAll('.ra-controls button')].filter(b =>
      !b.getAttribute('aria-label').toLowerCase().includes(
        [...b.childNodes].filter(n => !(n.getAttribute && n.getAttribute('aria-hidden')))
          .map(n => n.textContent).join('').trim().toLowerCase())).map(b => b.className)""")
    check(not mismatched, "every button's name contains its visible text (WCAG 2.5.3)%s" % (mismatched or ""))


def parse_rgb(css):
    inner = css[css.index("(") + 1:css.index(")")].replace("/", " ").replace(",", " ").split()
    vals = [float(v) for v in inner]
    return vals[:3] + [vals[3] if len(vals) > 3 else 1.0]


def luminance(rgb):
    def chan(c):
        c /= 255.0
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * chan(rgb[0]) + 0.7152 * chan(rgb[1]) + 0.0722 * chan(rgb[2])


def ratio(a, b):
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def check_contrast(page):
    """Every kind of text on the page, highlighted or not, against the background behind it."""
    seen = page.js("""(() => {
      const bg = e => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
                          if (!/rgba\\(.*, 0\\)$/.test(c) && c !== 'transparent') return c; } return 'rgb(255, 255, 255)'; };
      const kinds = {'text': '.ra-s:not(.ra-current)', 'sentence being read': '.ra-s.ra-current',
        'word being read': '.ra-w.ra-current', 'heading': '.ra-text h2', 'title': 'h1',
        'play button': '.ra-play', 'sentence buttons': '.ra-prev', 'speed list': '.ra-speed',
        'speed label': '.ra-speed-label', 'time': '.ra-time', 'hint': '.ra-hint', 'status': '.ra-status'};
      const out = {};
      for (const [k, sel] of Object.entries(kinds)) {
        const e = document.querySelector(sel);
        if (!e) { out[k] = null; continue; }
        const cs = getComputedStyle(e);
        out[k] = {fg: cs.color, bg: bg(e), size: parseFloat(cs.fontSize), bold: Number(cs.fontWeight) >= 700,
                  border: cs.borderTopColor, borderWidth: parseFloat(cs.borderTopWidth), around: bg(e.parentElement)};
      }
      return out;
    })()""")
    low, borders = [], []
    for kind, v in seen.items():
        if v is None:
            low.append(kind + ": not on the page")
            continue
        need = 3.0 if v["size"] >= 24 or (v["bold"] and v["size"] >= 18.66) else 4.5
        r = ratio(parse_rgb(v["fg"]), parse_rgb(v["bg"]))
        if r < need:
            low.append("%s %.2f:1 (needs %.1f)" % (kind, r, need))
        if v["borderWidth"] > 0 and kind.endswith(("button", "buttons", "list")):
            b = ratio(parse_rgb(v["border"]), parse_rgb(v["around"]))
            if b < 3:
                borders.append("%s border %.2f:1" % (kind, b))
    check(not low, "text contrast meets WCAG AA for %d kinds of text, highlights included%s"
          % (len(seen), ": " + "; ".join(low) if low else ""))
    check(not borders, "control borders stand out 3:1 from the page%s" % (": " + "; ".join(borders) if borders else ""))


LIST_TEXT = ("Hướng dẫn đăng ký\n\nNgười dân làm theo các bước sau:\n- Bước một, điền tờ khai.\n"
             "- Bước hai, nộp hồ sơ. Chờ tin nhắn.\n\nMọi thắc mắc xin gọi tổng đài.")


def check_list_layout(browser, base, work, readarticle):
    """A text with a heading, a list of two items (one of two sentences) and paragraphs."""
    r = subprocess.run([readarticle, "-q", "-t", LIST_TEXT, "-o", os.path.join(work, "list.opus"),
                        "--timings", os.path.join(work, "list.json")], capture_output=True, text=True)
    if not check(r.returncode == 0, "the CLI renders a text with a list"):
        return
    with open(os.path.join(work, "list.json"), encoding="utf-8") as f:
        timings = json.load(f)
    page = browser.open_page(base + "/index.html?audio=list.opus&timings=list.json")
    wait_for(page, "document.querySelector('.ra-player').classList.contains('ra-ready')", 10)
    check_layout(page, timings)
    items = page.js("[...document.querySelectorAll('.ra-text ul > li')].map(e => e.textContent)")
    check(items == ["- Bước một, điền tờ khai.", "- Bước hai, nộp hồ sơ. Chờ tin nhắn."],
          "list items keep their sentences together in one list, as written: %s" % items)
    style = page.js("getComputedStyle(document.querySelector('.ra-text ul')).listStyleType")
    check(style == "none", "the list adds no marker of its own to the one written (%s)" % style)


def check_missing_timings(browser, base):
    page = browser.open_page(base + "/index.html?timings=missing.json")
    ok = wait_for(page, "document.querySelector('.ra-status').classList.contains('ra-error')", 5)
    st = page.js("({msg: document.querySelector('.ra-status').textContent, "
                 "disabled: document.querySelector('.ra-play').disabled})")
    check(ok and st["msg"].startswith("Không tải được") and st["disabled"],
          "a missing timings file gives a Vietnamese error in the status line and no play button (%r)" % st["msg"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("readarticle")
    ap.add_argument("article")
    ap.add_argument("--screenshot", help="also save the mid-playback screenshot here")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="ra-player-")
    browser = None
    try:
        for name in ("index.html", "player.css", "player.js"):
            shutil.copy(os.path.join(PLAYER, name), work)
        r = subprocess.run([args.readarticle, args.article, "-q", "-o", os.path.join(work, "article.opus"),
                            "--timings", os.path.join(work, "article.json")], capture_output=True, text=True)
        if r.returncode != 0:
            print("readarticle failed: " + r.stderr)
            return 1
        with open(os.path.join(work, "article.json"), encoding="utf-8") as f:
            exp = Expect(json.load(f))
        srv = serve(work)
        base = "http://127.0.0.1:%d" % srv.server_port
        browser = cdp.Browser(os.path.join(work, "profile"))
        page = browser.open_page(base + "/index.html")
        check(wait_for(page, "document.querySelector('.ra-player').classList.contains('ra-ready') && "
                             "document.querySelector('.ra-audio').readyState >= 1", 15),
              "the page loads the timings and the audio's metadata")
        check_layout(page, {"sentences": exp.sentences, "words": exp.words})
        check_names(page)
        check_seeks(page, exp)
        w = exp.words[len(exp.words) // 2]
        seek_with_slider(page, (w["start"] + w["end"]) / 2)  # a sentence and a word highlighted
        check_contrast(page)
        check_keyboard(page, exp)
        shots = [os.path.join(os.path.dirname(os.path.abspath(args.readarticle)), "player-test.png")]
        if args.screenshot:
            shots.append(args.screenshot)
        check_playback(page, exp, shots)
        check_speed(page)
        k = check_click(page, exp)
        check_buttons(page, exp, k)
        check_list_layout(browser, base, work, args.readarticle)
        check_missing_timings(browser, base)
        srv.shutdown()
    except cdp.BrowserError as e:
        check(False, "browser: %s" % e)
    finally:
        if browser:
            browser.close()
        shutil.rmtree(work, ignore_errors=True)
    print("player: %s" % ("%d check(s) failed" % len(failures) if failures else "all checks passed"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
