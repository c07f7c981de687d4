#!/usr/bin/env python3
"""Positive control: hands each argument, ungated, straight to one speech worker over its wire
protocol (lib/speech/wire.h), as the library would after the gate.  Prints one line per text:
'ok', or how the worker ended.  usage: wire_speak.py WORKER TEXT..."""
import socket, struct, subprocess, sys

HELLO, SPEAK, READY, FAIL, PCM, WORDS, DONE = 1, 2, 16, 17, 18, 19, 20

def recv_full(s, n):
    b = b""
    while len(b) < n:
        c = s.recv(n - len(b))
        if not c:
            raise EOFError
        b += c
    return b

def msg(s):
    t, n = struct.unpack("=II", recv_full(s, 8))
    return t, recv_full(s, n)

def run(worker, text):
    a, b = socket.socketpair()
    p = subprocess.Popen([worker, "--cpu-seconds", "60", "--address-space-mb", "1024"],
                         stdin=b, stdout=b, stderr=subprocess.DEVNULL)
    b.close()
    try:
        hello = struct.pack("=Iii", 1, 165, 50) + b"vi"
        a.sendall(struct.pack("=II", HELLO, len(hello)) + hello)
        t, _ = msg(a)
        if t != READY:
            return "no READY"
        body = text.encode()
        a.sendall(struct.pack("=II", SPEAK, len(body)) + body)
        while True:
            t, p_ = msg(a)
            if t in (DONE, FAIL):
                return "ok" if t == DONE else "FAIL"
    except EOFError:
        return "worker died: %s" % p.wait()
    finally:
        a.close()
        p.wait()

for text in sys.argv[2:]:
    print("%-30s %s" % (text, run(sys.argv[1], text)))
