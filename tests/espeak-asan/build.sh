#!/bin/sh
# Builds Debian bookworm's espeak-ng (1.51+dfsg-10+deb12u2: upstream 1.51 and Debian's patches)
# with AddressSanitizer into $ESPEAK_ASAN/prefix, data included (vi_dict). Idempotent: does
# nothing when prefix/bin/espeak-ng already runs. Needs root for apt-get; prints "skipped: no
# deb-src" and exits 0 when the source package cannot be had.
set -eu
: "${ESPEAK_ASAN:=/work/espeak-asan}"
PREFIX=$ESPEAK_ASAN/prefix
check() {
  ESPEAK_DATA_PATH=$PREFIX/share ASAN_OPTIONS=detect_leaks=0 "$PREFIX/bin/espeak-ng" -v vi -q -x "xin chào"
}
if [ -x "$PREFIX/bin/espeak-ng" ] && check >/dev/null 2>&1; then
  echo "already built: $PREFIX"; check; exit 0
fi
mkdir -p "$ESPEAK_ASAN"
cd "$ESPEAK_ASAN"

# deb-src beside the deb lines of debian.sources (same URIs, suites, components, key)
SRC=/etc/apt/sources.list.d/debian-src.sources
if [ ! -f "$SRC" ] && [ -f /etc/apt/sources.list.d/debian.sources ]; then
  sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$SRC"
  apt-get update -qq || true
fi
command -v dpkg-source >/dev/null || apt-get install -y -qq dpkg-dev
command -v autoreconf >/dev/null || apt-get install -y -qq autoconf automake libtool pkg-config

DIR=$(ls -d espeak-ng-1.51*/ 2>/dev/null | head -1 || true)
if [ -z "$DIR" ]; then
  if ! apt-get source espeak-ng >source.log 2>&1; then
    # the .dsc and the Debian patches may come without the orig tarball (a mirror that lacks
    # it): then upstream's tag 1.51 from a git clone in $ESPEAK_NG_GIT, patched as Debian does
    DEB=$(ls espeak-ng_1.51*.debian.tar.xz 2>/dev/null | head -1 || true)
    if [ -n "$DEB" ] && [ -d "${ESPEAK_NG_GIT:-/nonexistent}" ]; then
      DIR=espeak-ng-1.51/
      mkdir -p "$DIR"
      # dictsource/extra/ru_listx may be missing from a partial clone: not built (no extdict-ru)
      GIT_INDEX_FILE=$ESPEAK_ASAN/git-index git -C "$ESPEAK_NG_GIT" read-tree 1.51
      GIT_INDEX_FILE=$ESPEAK_ASAN/git-index git -C "$ESPEAK_NG_GIT" --work-tree="$ESPEAK_ASAN/$DIR" \
        rm -q --cached dictsource/extra/ru_listx || true
      GIT_INDEX_FILE=$ESPEAK_ASAN/git-index git -C "$ESPEAK_NG_GIT" --work-tree="$ESPEAK_ASAN/$DIR" checkout-index -a
      tar -xJf "$DEB" -C "$DIR"
      for p in $(cat "$DIR/debian/patches/series"); do patch -d "$DIR" -p1 -s < "$DIR/debian/patches/$p"; done
    else
      echo "skipped: no deb-src (apt-get source espeak-ng failed; see $ESPEAK_ASAN/source.log)"
      exit 0
    fi
  else
    DIR=$(ls -d espeak-ng-1.51*/ | head -1)
  fi
fi

cd "$DIR"
[ -x configure ] || ./autogen.sh
SAN="-fsanitize=address -fno-omit-frame-pointer -g -O1"
# as Debian's rules (no speechPlayer), without audio output, sonic, MBROLA and the async thread
./configure --prefix="$PREFIX" --without-pcaudiolib --without-sonic --without-mbrola \
  --without-async --without-speechplayer --with-extdict-ru=no \
  CFLAGS="$SAN" CXXFLAGS="$SAN" LDFLAGS="-fsanitize=address" >configure.log
export ASAN_OPTIONS=detect_leaks=0 # the data is compiled by the instrumented espeak-ng
make -j2 >make.log 2>&1
make install >install.log 2>&1
check
echo "built: $PREFIX (data: $PREFIX/share/espeak-ng-data)"
