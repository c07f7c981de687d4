"""A minimal Chrome DevTools Protocol client over --remote-debugging-pipe (no WebSocket, no
packages): Chromium reads commands from its fd 3 and writes replies and events to its fd 4, each
message JSON followed by a NUL byte."""

import fcntl
import json
import select
import os
import shutil
import subprocess
import time


class BrowserError(Exception):
    pass


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def high_fd(fd):
    """fd moved above 9, so that it never is the 3 or 4 the child's pipe ends go to."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


class Browser:
    def __init__(self, profile_dir, binary=None, extra_args=()):
        binary = binary or find_chromium()
        if not binary:
            raise BrowserError("no chromium: install Debian's chromium package")
        to_child_r, self._w = (high_fd(fd) for fd in os.pipe())
        self._r, from_child_w = (high_fd(fd) for fd in os.pipe())
        args = [binary, "--headless=new", "--remote-debugging-pipe", "--no-first-run",
                "--no-default-browser-check", "--disable-gpu", "--disable-extensions",
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                "--disable-dev-shm-usage",  # containers give /dev/shm 64 MB
                "--autoplay-policy=no-user-gesture-required", "--mute-audio",
                "--user-data-dir=" + profile_dir, "--window-size=1000,900"]
        # Chromium refuses its sandbox to root, and containers often lack the user namespaces it
        # needs otherwise; the test opens only its own page on 127.0.0.1
        args.append("--no-sandbox")
        args += list(extra_args)

        # bash (dash takes one-digit fds only) puts the pipe ends on fds 3 and 4, where Chromium reads
        move = 'exec "$0" "$@" 3<&%d 4>&%d %d<&- %d>&-' % (to_child_r, from_child_w, to_child_r, from_child_w)
        self.proc = subprocess.Popen(["bash", "-c", move] + args + ["about:blank"], stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     pass_fds=(to_child_r, from_child_w))
        os.close(to_child_r)
        os.close(from_child_w)
        self._next_id = 0
        self._buf = b""
        self.events = []

    def close(self):
        try:
            self.send("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._w, self._r):
            try:
                os.close(fd)
            except OSError:
                pass

    def _read_message(self, deadline):
        while b"\0" not in self._buf:
            if time.monotonic() > deadline:
                raise BrowserError("no answer from chromium in time")
            ready, _, _ = select.select([self._r], [], [], 0.2)
            if not ready:
                if self.proc.poll() is not None:
                    err = self.proc.stderr.read().decode("utf-8", "replace")[-2000:]
                    raise BrowserError("chromium exited (%s): %s" % (self.proc.returncode, err))
                continue
            chunk = os.read(self._r, 1 << 16)
            if not chunk:
                try:
                    self.proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    pass
                err = self.proc.stderr.read().decode("utf-8", "replace") if self.proc.poll() is not None else ""
                raise BrowserError("chromium closed its pipe " + err[-2000:])
            self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None, session=None, timeout=30):
        self._next_id += 1
        msg = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_event(self, method, session=None, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            for i, ev in enumerate(self.events):
                if ev["method"] == method and (session is None or ev.get("sessionId") == session):
                    return self.events.pop(i)
            self.events.append(self._read_message(deadline))

    def open_page(self, url):
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session)
        page.send("Page.enable")
        page.send("Runtime.enable")
        page.send("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired", session)
        return page


class Page:
    def __init__(self, browser, session):
        self.browser = browser
        self.session = session

    def send(self, method, params=None, timeout=30):
        return self.browser.send(method, params, self.session, timeout)

    def js(self, expression, timeout=30):
        """The value of a JavaScript expression (awaited when it is a promise)."""
        r = self.send("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                           "returnByValue": True}, timeout)
        if "exceptionDetails" in r:
            d = r["exceptionDetails"]
            raise BrowserError("in page: %s" % (d.get("exception", {}).get("description") or d.get("text")))
        return r["result"].get("value")

    def key(self, key, code, keycode, text=None, modifiers=0):
        """A real key press, as the keyboard makes it (the page sees trusted events); modifiers as
        in the protocol (8: Shift)."""
        down = {"type": "keyDown", "key": key, "code": code, "windowsVirtualKeyCode": keycode, "modifiers": modifiers}
        if text:
            down["text"] = text
        self.send("Input.dispatchKeyEvent", down)
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": key, "code": code,
                                             "windowsVirtualKeyCode": keycode, "modifiers": modifiers})

    def click(self, x, y):
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left",
                                                   "clickCount": 1 if kind != "mouseMoved" else 0})
