#!/bin/sh
# Runs the gated pipeline against the AddressSanitizer build of espeak-ng (build.sh): the
# speak-harness corpus replay, a sweep of every syllable gen_text.py spells, and N random
# gate-shaped texts through build/readarticle. Prints the counts; exits 1 if any ASan report
# came from the pipeline's worker, 2 if the control (run-together syllables straight to
# espeak-ng) is not caught, 0 otherwise (also "skipped" when the ASan build is missing).
#   usage: tests/espeak-asan/run.sh [N [SEED]]      (N random texts, default 2000)
set -u
N=${1:-2000}
SEED=${2:-1}
HERE=$(cd "$(dirname "$0")" && pwd)
: "${ESPEAK_ASAN:=/work/espeak-asan}"
: "${RA_BUILD:=$HERE/../../build}"
PREFIX=$ESPEAK_ASAN/prefix
ESPEAK="$PREFIX/bin/espeak-ng"
if [ ! -x "$ESPEAK" ]; then echo "skipped: no ASan espeak-ng in $PREFIX (run build.sh)"; exit 0; fi
for p in readarticle readarticle-worker; do
  [ -x "$RA_BUILD/$p" ] || { echo "no $RA_BUILD/$p: run make first"; exit 2; }
done

# the shim that lets ASan live with the worker's RLIMIT_AS and RLIMIT_FSIZE
gcc -shared -fPIC -O2 -o "$ESPEAK_ASAN/nolimits.so" "$HERE/nolimits.c" -ldl || exit 2

RUN=$(mktemp -d "$ESPEAK_ASAN/run.XXXXXX")
mkdir -p "$RUN/log" "$RUN/text" "$RUN/bin"
# copies of the programs: a rebuild of the tree during the run does not disturb it
for p in readarticle readarticle-worker fuzz-replay-speak; do
  [ -x "$RA_BUILD/$p" ] && cp "$RA_BUILD/$p" "$RUN/bin/"
done
BIN=$RUN/bin
export ESPEAK_ASAN RA_REAL_WORKER="$BIN/readarticle-worker"
export READARTICLE_WORKER="$HERE/asan-worker"
export WORKER_ASAN_OPTIONS="log_path=$RUN/log/report:detect_leaks=0:abort_on_error=1"
export ESPEAK_ASAN_TEXTLOG="$RUN/text/t"

# control: the known over-read in CalcLengths, straight into the instrumented espeak-ng
if ESPEAK_DATA_PATH=$PREFIX/share ASAN_OPTIONS=detect_leaks=0 "$ESPEAK" -v vi -q "mộtngười" 2>&1 |
   grep -q 'AddressSanitizer: global-buffer-overflow'; then
  echo "control: espeak-ng -v vi \"mộtngười\" -> ASan global-buffer-overflow (caught)"
else
  echo "control: NOT caught: the ASan build does not see the known over-read"; exit 2
fi

runs=0 failed=0
run() { # one pipeline run; a failure is counted, the ASan logs tell why
  runs=$((runs + 1))
  "$@" >/dev/null 2>"$RUN/err" || failed=$((failed + 1))
}
if [ -x "$BIN/fuzz-replay-speak" ]; then
  for f in "$HERE"/../fuzz-corpus/*; do run "$BIN/fuzz-replay-speak" "$f"; done
fi
echo "corpus replay: $runs runs"
python3 "$HERE/gen_text.py" sweep "$RUN/sweep" > "$RUN/syllables.txt"
for f in "$RUN"/sweep/*.txt; do run "$BIN/readarticle" --text "$f" -o "$RUN/out.wav"; done
echo "syllable sweep: $(wc -l < "$RUN/syllables.txt") syllables"
python3 "$HERE/gen_text.py" random "$N" "$SEED" "$RUN/random"
for f in "$RUN"/random/*.txt; do run "$BIN/readarticle" --text "$f" -o "$RUN/out.wav"; done
echo "random texts: $N (seed $SEED)"

reports=$(grep -l 'ERROR: AddressSanitizer' "$RUN"/log/report.* 2>/dev/null | wc -l)
echo "pipeline runs: $runs, failed: $failed, ASan reports from the worker: $reports"
echo "texts handed to espeak-ng: $(cat "$RUN"/text/t.* 2>/dev/null | wc -l)  (logs in $RUN)"
[ "$reports" -eq 0 ] && exit 0
# the reports by top frame, with the text each worker was speaking (its last line in text/t.PID)
python3 - "$RUN" <<'PY'
import collections, glob, os, re, sys
groups = collections.defaultdict(list)
for r in sorted(glob.glob(sys.argv[1] + "/log/report.*")):
    rep = open(r, errors="replace").read()
    if "ERROR: AddressSanitizer" not in rep:
        continue
    top = re.search(r"#0 0x\w+ in (.*)", rep).group(1)
    t = sys.argv[1] + "/text/t." + r.rsplit(".", 1)[1]
    lines = open(t, errors="replace").read().splitlines() if os.path.exists(t) else []
    groups[top].append(lines[-1] if lines else "?")
for top, texts in groups.items():
    print("  %d x #0 %s; e.g. espeak-ng was reading:" % (len(texts), top))
    for x in texts[:3]:
        print("     " + x[:160])
PY
exit 1
