#!/bin/sh
# make install into a staging DESTDIR, for two prefixes in turn, each from its own build: the
# installed readarticle.pc names that prefix, a program compiled through pkg-config against it
# runs (normalizing and speaking through the installed worker), the CLI runs, and make
# uninstall leaves no file behind.   usage: tests/install.sh  (from the top of the tree)
set -eu
root=$(mktemp -d /tmp/ra-install-XXXXXX)
trap 'rm -rf "$root"' EXIT
cat > "$root/prog.c" <<'C'
#include <stdio.h>
#include <string.h>
#include <readarticle.h>
int main(void)
{
    ra_engine *e = NULL;
    char *out = NULL;
    void *wav = NULL;
    size_t n = 0;
    if (ra_engine_new(&e, NULL) != RA_OK || ra_normalize(e, "UBND xã.", 9, &out) != RA_OK ||
        ra_synth_to_memory(e, "Xin chào.", strlen("Xin chào."), RA_FORMAT_WAV, &wav, &n) != RA_OK || n < 1000) {
        fprintf(stderr, "%s\n", ra_errmsg(e));
        return 1;
    }
    printf("%s", out);
    ra_free(out);
    ra_free(wav);
    ra_engine_free(e);
    return 0;
}
C
for prefix in /opt/ra-one /usr/local/ra-two; do
    build="$root/build$(echo "$prefix" | tr / _)"
    make -s install SAN= BUILD="$build" DESTDIR="$root/stage" PREFIX="$prefix" >/dev/null  # as a packager builds it
    pc="$root/stage$prefix/lib/pkgconfig"
    grep -qx "prefix=$prefix" "$pc/readarticle.pc" || { echo "FAIL $prefix: readarticle.pc names another prefix"; exit 1; }
    flags=$(PKG_CONFIG_PATH="$pc" PKG_CONFIG_SYSROOT_DIR="$root/stage" pkg-config --cflags --libs readarticle)
    cc -o "$root/prog" "$root/prog.c" $flags
    got=$(LD_LIBRARY_PATH="$root/stage$prefix/lib" \
          READARTICLE_WORKER="$root/stage$prefix/libexec/readarticle/readarticle-worker" "$root/prog")
    [ "$got" = "ủy ban nhân dân xã." ] || { echo "FAIL $prefix: the program printed '$got'"; exit 1; }
    "$root/stage$prefix/bin/readarticle" --version | grep -q '^readarticle ' || { echo "FAIL $prefix: CLI"; exit 1; }
    [ -f "$root/stage$prefix/share/man/man1/readarticle.1" ] &&
        [ -f "$root/stage$prefix/share/bash-completion/completions/readarticle" ] &&
        [ -f "$root/stage$prefix/share/zsh/site-functions/_readarticle" ] ||
        { echo "FAIL $prefix: no man page or completion installed"; exit 1; }
    make -s uninstall SAN= BUILD="$build" DESTDIR="$root/stage" PREFIX="$prefix" >/dev/null
    left=$(find "$root/stage$prefix" -type f -o -type l)
    [ -z "$left" ] || { echo "FAIL $prefix: uninstall left $left"; exit 1; }
    echo "ok   install, pkg-config build and uninstall under $prefix"
done
