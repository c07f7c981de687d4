#!/bin/sh
# Outputs read back by decoders that are not ours: sox (soxi) for WAV, FLAC, Ogg Vorbis and MP3,
# opusinfo (opus-tools) for Ogg Opus, which Debian's sox cannot open. Each output of the example
# article, at the default rate and at --sample-rate 16000, must declare the rate asked for and
# last within 2% of the WAV at espeak-ng's own 22,050 Hz.
#
# usage: tests/decoders.sh READARTICLE ARTICLE
set -u
bin=$1 article=$2
for tool in soxi opusinfo; do
    command -v $tool >/dev/null 2>&1 || { echo "decoders: $tool missing (make test-deps installs it)"; exit 1; }
done
work=$(mktemp -d /tmp/ra-decoders-XXXXXX)
trap 'rm -rf "$work"' EXIT
failed=0

# seconds and sample rate of a file, as the independent decoder reports them
measure() {
    case $1 in
    *.opus) opusinfo "$1" | awk '/Playback length:/ { split($3, a, /m:|s/); printf "%.3f ", a[1] * 60 + a[2] }
                                 /Original sample rate:/ { r = $4 } END { print r }' ;;
    *) echo "$(soxi -D "$1") $(soxi -r "$1")" ;;
    esac
}

"$bin" -q "$article" -o "$work/ref.wav" || { echo "decoders: the reference WAV failed"; exit 1; }
set -- $(measure "$work/ref.wav")
ref=$1
[ "$2" = 22050 ] || { echo "FAIL the WAV is at $2 Hz, not 22050"; failed=1; }
for spec in opus:48000: wav:16000:16000 flac:16000:16000 ogg:16000:16000 mp3:16000:16000 opus:16000:16000; do
    ext=${spec%%:*} want=${spec#*:} want=${want%%:*} rate=${spec##*:}
    out="$work/x-$want.$ext"
    if ! "$bin" -q "$article" -o "$out" ${rate:+--sample-rate $rate}; then
        echo "FAIL .$ext ${rate:+at $rate Hz}: readarticle failed"; failed=1; continue
    fi
    set -- $(measure "$out")
    verdict=$(awk -v d="${1:-0}" -v r="$ref" 'BEGIN { x = (d - r) / r; if (x < 0) x = -x; print (x <= 0.02) ? "ok" : "FAIL" }')
    [ "${2:-}" = "$want" ] || verdict=FAIL
    printf '%-4s .%-4s %s Hz: %s s against %s s, declared %s Hz\n' "$verdict" "$ext" "$want" "${1:-?}" "$ref" "${2:-?}"
    [ "$verdict" = ok ] || failed=1
done
[ $failed = 0 ] && echo "decoders: every output decodes at the rate asked, within 2% of the WAV"
exit $failed
