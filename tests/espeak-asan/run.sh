#!/bin/sh
# Runs the gated pipeline against the AddressSanitizer build of espeak-ng (build.sh): the
# speak-harness corpus replay, the exhaustive syllable sweep, and N random gate-shaped texts
# through build/readarticle. Prints the counts; exits 1 if any ASan report came from the
# pipeline's worker, 2 if the control (run-together syllables straight to espeak-ng) is not
# caught, 0 otherwise (also when the ASan build is missing: "skipped").
#   usage: tests/espeak-asan/run.sh [N [SEED]]      (N random texts, default 2000)
set -u
N=${1:-2000}
SEED=${2:-1}
HERE=$(cd "$(dirname "$0")" && pwd)
: "${ESPEAK_ASAN:=/work/espeak-asan}"
: "${RA_BUILD:=$HERE/../../build}"
RA_BUILD=$(cd "$RA_BUILD" && pwd)
PREFIX=$ESPEAK_ASAN/prefix
ESPEAK="$PREFIX/bin/espeak-ng"
if [ ! -x "$ESPEAK" ]; then echo "skipped: no ASan espeak-ng in $PREFIX (run build.sh)"; exit 0; fi
for p in readarticle readarticle-worker; do
  [ -x "$RA_BUILD/$p" ] || { echo "no $RA_BUILD/$p: run make first"; exit 2; }
done

# the shim that lets ASan live with the worker's RLIMIT_AS and RLIMIT_FSIZE
gcc -shared -fPIC -O2 -o "$ESPEAK_ASAN/nolimits.so" "$HERE/nolimits.c" -ldl || exit 2

RUN=$(mktemp -d "$ESPEAK_ASAN/run.XXXXXX")
mkdir -p "$RUN/log" "$RUN/text"
export ESPEAK_ASAN RA_REAL_WORKER="$RA_BUILD/readarticle-worker"
export READARTICLE_WORKER="$HERE/asan-worker"
export WORKER_ASAN_OPTIONS="log_path=$RUN/log/report:detect_leaks=0:abort_on_error=1"
export ESPEAK_ASAN_TEXTLOG="$RUN/text/t"

# control: the over-read in CalcLengths, straight into the instrumented espeak-ng
if ESPEAK_DATA_PATH=$PREFIX/share ASAN_OPTIONS=detect_leaks=0 "$ESPEAK" -v vi -q "mộtngười" 2>&1 |
   grep -q 'AddressSanitizer: global-buffer-overflow'; then
  echo "control: espeak-ng -v vi \"mộtngười\" -> ASan global-buffer-overflow (caught)"
else
  echo "control: NOT caught: the ASan build does not see the known over-read"; exit 2
fi

runs=0 failed=0
run() { # one pipeline run; a failure is counted, the ASan logs tell why
  runs=$((runs + 1))
  "$@" >/dev/null 2>"$RUN/err" || { failed=$((failed + 1)); sed 's/^/  /' "$RUN/err" | head -1; }
}
if [ -x "$RA_BUILD/fuzz-replay-speak" ]; then
  for f in "$HERE"/../fuzz-corpus/*; do run "$RA_BUILD/fuzz-replay-speak" "$f"; done
fi
echo "corpus replay: $runs runs"
python3 "$HERE/gen_text.py" syllables > "$RUN/syllables.txt"
python3 - "$RUN/syllables.txt" "$RUN/sweep" <<'EOF'
import os, sys
syl = open(sys.argv[1], encoding="utf-8").read().split()
os.makedirs(sys.argv[2])
for c in range(0, len(syl), 400):
    part = syl[c:c + 400]
    with open(os.path.join(sys.argv[2], "s%03d.txt" % (c // 400)), "w", encoding="utf-8") as f:
        f.write(" ".join(" ".join(part[i:i + 8]) + "." for i in range(0, len(part), 8)) + "\n")
EOF
for f in "$RUN"/sweep/*.txt; do run "$RA_BUILD/readarticle" --text "$f" -o "$RUN/out.wav"; done
echo "syllable sweep: $(wc -l < "$RUN/syllables.txt") syllables"
python3 "$HERE/gen_text.py" random "$N" "$SEED" "$RUN/random"
for f in "$RUN"/random/*.txt; do run "$RA_BUILD/readarticle" --text "$f" -o "$RUN/out.wav"; done
echo "random texts: $N (seed $SEED)"

reports=$(grep -l 'ERROR: AddressSanitizer' "$RUN"/log/report.* 2>/dev/null | wc -l)
echo "pipeline runs: $runs, failed: $failed, ASan reports from the worker: $reports"
echo "texts handed to espeak-ng: $(cat "$RUN"/text/t.* 2>/dev/null | wc -l)  (logs in $RUN)"
[ "$reports" -eq 0 ] && exit 0
for r in $(grep -l 'ERROR: AddressSanitizer' "$RUN"/log/report.*); do
  pid=${r##*.}
  echo "  $(grep -m1 SUMMARY "$r")"
  echo "    espeak-ng was reading: $(tail -n 1 "$RUN/text/t.$pid" | cut -c1-200)"
done | head -20
exit 1
