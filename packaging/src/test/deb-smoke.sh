#!/bin/sh
# Inspects the .deb and the tarball built by ./mvnw -Ppackage and runs them from extracted roots:
#   sh packaging/src/test/deb-smoke.sh packaging/target
# Checks: the control fields (Depends on a Java 17 runtime), the file list, `jkeepalived --version`, `--help`,
# `-t` on the example configuration, the man page (man -l), `systemd-analyze verify` of the unit, and a real
# `dpkg --root` install and removal in an empty root. Exits 0 when all pass; a missing dpkg-deb is a skip (exit 0
# with a message), as are the optional tools (dpkg, man, systemd-analyze). Runs nothing as a daemon and touches no network.
set -eu
target=${1:?usage: deb-smoke.sh TARGET_DIR}
here=$(cd "$(dirname "$0")" && pwd)
project=$(cd "$here/../../.." && pwd)
fail() { echo "deb-smoke: FAIL: $*" >&2; exit 1; }
say() { echo "deb-smoke: $*"; }

if ! command -v dpkg-deb >/dev/null 2>&1; then
    say "SKIP: dpkg-deb is not installed"
    exit 0
fi
deb=$(ls "$target"/jkeepalived_*_all.deb 2>/dev/null | head -n 1)
tarball=$(ls "$target"/jkeepalived-*.tar.gz 2>/dev/null | head -n 1)
[ -n "$deb" ] || fail "no jkeepalived_*_all.deb in $target (build with ./mvnw -Ppackage package)"
[ -n "$tarball" ] || fail "no jkeepalived-*.tar.gz in $target"

work=$(mktemp -d "${TMPDIR:-/tmp}/jk-ops-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# --- control fields --------------------------------------------------------------------------------------------
info=$(dpkg-deb -I "$deb")
for want in "Package: jkeepalived" "Architecture: all" "Depends: openjdk-17-jre-headless | java17-runtime-headless"; do
    echo "$info" | grep -qF "$want" || fail "control lacks '$want'"
done
for script in postinst prerm postrm; do
    echo "$info" | grep -q " $script" || fail "control lacks the $script script"
done

# --- file list ------------------------------------------------------------------------------------------------
contents=$(dpkg-deb -c "$deb")
for path in ./usr/sbin/jkeepalived ./usr/share/jkeepalived/jkeepalived-daemon.jar ./lib/systemd/system/jkeepalived.service \
        ./usr/share/man/man8/jkeepalived.8 ./usr/share/bash-completion/completions/jkeepalived \
        ./usr/share/doc/jkeepalived/examples/keepalived.service.d/jkeepalived.conf ./usr/share/doc/jkeepalived/cli.md; do
    echo "$contents" | grep -q " $path\$" || fail "$path is not in the package"
done
echo "$contents" | grep -q "^-rwxr-xr-x root/root .* ./usr/sbin/jkeepalived\$" || fail "/usr/sbin/jkeepalived is not root-owned 0755"
for jar in picocli logback-classic slf4j-api jnr-ffi jffi; do
    echo "$contents" | grep -q "./usr/share/jkeepalived/lib/$jar-" || fail "lib/$jar is not in the package"
done

# --- run from an extracted root ---------------------------------------------------------------------------------
root="$work/root"
dpkg-deb -x "$deb" "$root"
version=$("$root/usr/sbin/jkeepalived" --version) || fail "jkeepalived --version exited $?"
case "$version" in jkeepalived*) ;; *) fail "unexpected --version output: $version" ;; esac
say "installed files run: $version"
"$root/usr/sbin/jkeepalived" --help | grep -q -- "--log-facility" || fail "--help lacks --log-facility"
"$root/usr/sbin/jkeepalived" -t -f "$project/examples/keepalived.conf" || fail "-t on examples/keepalived.conf exited $?"
if "$root/usr/sbin/jkeepalived" -t -f "$project/examples/broken.conf" 2>/dev/null; then
    fail "-t on examples/broken.conf exited 0"
fi
[ "$("$root/usr/sbin/jkeepalived" --signum=RELOAD)" = 1 ] || fail "--signum=RELOAD is not 1"

if command -v man >/dev/null 2>&1; then
    MANWIDTH=80 man -l "$root/usr/share/man/man8/jkeepalived.8" 2>&1 | grep -q "dont-release-vrrp" || fail "man -l does not render the page"
fi
if command -v bash >/dev/null 2>&1; then
    bash -c ". '$root/usr/share/bash-completion/completions/jkeepalived' && complete -p jkeepalived" >/dev/null \
        || fail "the bash completion does not load"
fi
if command -v systemd-analyze >/dev/null 2>&1; then
    # Verified outside the extracted root (a --root needs a whole system, sysinit.target and all), with only
    # ExecStart pointed at the extracted launcher, which is what the check of the program's presence needs.
    sed "s|/usr/sbin/jkeepalived|$root/usr/sbin/jkeepalived|" "$root/lib/systemd/system/jkeepalived.service" \
        > "$work/jkeepalived.service"
    out=$(systemd-analyze verify --man=no "$work/jkeepalived.service" 2>&1) || fail "systemd-analyze verify: $out"
    # it reports problems on stderr without failing for some of them: accept only silence about our unit
    if echo "$out" | grep -q "jkeepalived"; then
        fail "systemd-analyze verify: $out"
    fi
    say "systemd-analyze verify accepts jkeepalived.service"
fi

# --- a real dpkg install into an empty root ----------------------------------------------------------------------
# dpkg --root with its own database: unpack, configure (the maintainer scripts run outside the root, with
# $DPKG_ROOT set, and so leave the host's systemd alone), then remove. The Java dependency is the host's.
if command -v dpkg >/dev/null 2>&1; then
    droot="$work/dpkg-root"
    mkdir -p "$droot/var/lib/dpkg/info" "$droot/var/lib/dpkg/updates" "$droot/var/lib/dpkg/triggers"
    : > "$droot/var/lib/dpkg/status"
    : > "$droot/var/lib/dpkg/available"
    dpkg --root="$droot" --log=/dev/null --force-script-chrootless --force-depends -i "$deb" >"$work/dpkg.log" 2>&1 \
        || fail "dpkg --root -i: $(cat "$work/dpkg.log")"
    dpkg --root="$droot" -s jkeepalived | grep -q "^Status: install ok installed" || fail "dpkg does not list jkeepalived as installed"
    [ "$("$droot/usr/sbin/jkeepalived" --version)" = "$version" ] || fail "the dpkg-installed jkeepalived --version differs"
    "$droot/usr/sbin/jkeepalived" -t -f "$project/examples/keepalived.conf" || fail "the dpkg-installed -t exited $?"
    dpkg --root="$droot" --log=/dev/null --force-script-chrootless -r jkeepalived >"$work/dpkg.log" 2>&1 \
        || fail "dpkg --root -r: $(cat "$work/dpkg.log")"
    [ ! -e "$droot/usr/sbin/jkeepalived" ] || fail "dpkg -r left /usr/sbin/jkeepalived behind"
    say "dpkg --root installs, runs and removes the package"
fi

# --- the tarball ------------------------------------------------------------------------------------------------
mkdir "$work/tar"
tar -xzf "$tarball" -C "$work/tar"
tv=$("$work"/tar/jkeepalived-*/bin/jkeepalived --version) || fail "tarball's bin/jkeepalived --version exited $?"
[ "$tv" = "$version" ] || fail "tarball version '$tv' differs from the .deb's '$version'"
[ -f "$work"/tar/jkeepalived-*/share/man/man8/jkeepalived.8 ] || fail "tarball lacks the man page"
say "OK: $(basename "$deb") and $(basename "$tarball")"
