#!/usr/bin/env bash
# Runs a shell command as root inside Debian 12's own kernel (linux-image-6.1.0-*-amd64) under qemu, with
# the host's / as the guest's userspace (9p, read-only, under a tmpfs overlay). The host kernel has no IPVS;
# this one does. See README.md next to this script for usage, cache layout and timings.
#
#   run-in-kernel.sh [--timeout S] [--verbose] 'cmd...'   exit status: the command's, 124 on timeout,
#                                                          125 when the harness itself failed
#   run-in-kernel.sh --prepare                             fetch the kernel and build the cache only
#   run-in-kernel.sh --check                               say whether the tools are there (no download)
#
# Environment: JK_KLAB_CACHE (default <repo>/target/kernel-lab), JK_KLAB_TIMEOUT (180), JK_KLAB_MEM (MiB, 1024),
# JK_KLAB_CPUS (1), JK_KLAB_KERNEL (a package name to force), JK_KLAB_DEB (a local .deb to use instead of
# apt-get download), JK_KLAB_PRELOAD (modules insmod-ed at boot), JK_KLAB_APPEND (replaces "quiet loglevel=1"
# on the kernel command line), JK_KLAB_VERBOSE=1 (timed guest console on stderr).
set -euo pipefail

readonly SELF_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly REPO="$(cd "$SELF_DIR/../../../.." && pwd)"
readonly CACHE="${JK_KLAB_CACHE:-$REPO/target/kernel-lab}"
TIMEOUT="${JK_KLAB_TIMEOUT:-180}"
VERBOSE="${JK_KLAB_VERBOSE:-0}"
readonly MEM="${JK_KLAB_MEM:-1024}"
readonly CPUS="${JK_KLAB_CPUS:-1}"
readonly QEMU="${JK_KLAB_QEMU:-qemu-system-x86_64}"
readonly BUSYBOX="${JK_KLAB_BUSYBOX:-/bin/busybox}"

# What the guest needs at boot to reach its root: virtio-pci, 9p over virtio, overlayfs (dependencies follow).
readonly BOOT_MODULES="virtio_pci 9pnet_virtio 9p overlay"
# Loaded at boot as well, so tests need no modprobe for the usual IPVS work (modprobe works for the rest).
readonly PRELOAD="${JK_KLAB_PRELOAD:-ip_vs ip_vs_rr ip_vs_wrr ip_vs_lc ip_vs_wlc ip_vs_sh ip_vs_mh veth dummy}"
# The pruned module tree the guest can modprobe from: IPVS, netfilter/conntrack, what network namespace tests
# plug together (veth, dummy, bridge, vlan, macvlan for use_vmac, ipvlan, tunnels for IPVS-TUN, tc), and their
# dependencies. Entries ending in / are directories under kernel/.
readonly AVAILABLE="net/netfilter/ net/ipv4/ net/ipv6/ net/bridge/ net/8021q/ net/sched/ net/802/ net/llc/
  drivers/net/ipvlan/ drivers/net/vxlan/ veth dummy macvlan ifb vrf geneve tun"
# Bump when the layout of a prepared kernel directory changes (forces a rebuild of old caches).
readonly CACHE_FORMAT=1

log() { printf 'klab: %s\n' "$*" >&2; }
vlog() { if [ "$VERBOSE" = 1 ]; then log "$@"; fi; }
die() { log "$*"; exit 125; }

usage() {
  sed -n '2,/^set /p' "${BASH_SOURCE[0]}" | grep '^#' | sed 's/^# \{0,1\}//' >&2
  exit "${1:-125}"
}

# ---------------------------------------------------------------------------------------------- tool checks

check_tools() {
  local missing=()
  command -v "$QEMU" >/dev/null 2>&1 || missing+=("$QEMU (apt-get install qemu-system-x86)")
  if [ ! -x "$BUSYBOX" ]; then
    missing+=("$BUSYBOX (apt-get install busybox-static)")
  elif ldd "$BUSYBOX" >/dev/null 2>&1; then
    # The initramfs has no libc: its busybox must be the static one.
    missing+=("a static $BUSYBOX (apt-get install busybox-static)")
  fi
  local t
  for t in dpkg-deb xz flock sha256sum perl tar; do
    command -v "$t" >/dev/null 2>&1 || missing+=("$t")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "missing: ${missing[*]}"
    return 1
  fi
  if [ "$(id -u)" != 0 ]; then
    # The guest runs the host's / read-only; as non-root qemu could not read every file of it.
    log "must run as root (the guest's userspace is the host's /, shared over 9p)"
    return 1
  fi
  return 0
}

# ---------------------------------------------------------------------------------------- kernel selection

# The kernel package to use: forced, else one already prepared in the cache (no network needed), else the
# newest linux-image-6.1.0-N-amd64 apt knows about.
choose_kernel() {
  if [ -n "${JK_KLAB_KERNEL:-}" ]; then echo "$JK_KLAB_KERNEL"; return; fi
  if [ -n "${JK_KLAB_DEB:-}" ]; then
    dpkg-deb -f "$JK_KLAB_DEB" Package
    return
  fi
  local ready
  ready="$(ls -d "$CACHE"/linux-image-6.1.0-*-amd64 2>/dev/null | sort -V | while read -r d; do
    if [ -f "$d/ready" ]; then basename "$d"; fi; done | tail -n 1)"
  if [ -n "$ready" ]; then echo "$ready"; return; fi
  local pkg
  pkg="$(apt_newest)"
  if [ -z "$pkg" ] && [ "$(id -u)" = 0 ]; then
    log "apt knows no linux-image-6.1.0-*-amd64; running apt-get update"
    apt-get update -qq >&2 || true
    pkg="$(apt_newest)"
  fi
  [ -n "$pkg" ] || die "no linux-image-6.1.0-*-amd64 package known to apt (is this Debian 12 with bookworm sources?)"
  echo "$pkg"
}

apt_newest() {
  apt-cache pkgnames linux-image-6.1.0- 2>/dev/null | grep -E '^linux-image-6\.1\.0-[0-9]+-amd64$' | sort -V | tail -n 1
}

# ----------------------------------------------------------------------------------------- cache building

# Writes the uncompressed ELF vmlinux out of a bzImage: the payload is an xz stream somewhere after the setup
# code. qemu boots that ELF through its PVH entry point, skipping the in-guest decompression, which under TCG
# is a large share of the boot time.
extract_vmlinux() {
  local bz="$1" out="$2" off
  for off in $(LC_ALL=C grep -aboP '\xFD7zXZ\x00' "$bz" | cut -d: -f1); do
    # tail dies of SIGPIPE once xz has its stream: not a failure.
    if { tail -c "+$((off + 1))" "$bz" 2>/dev/null || true; } | xz -dc --single-stream >"$out" 2>/dev/null \
        && [ "$(head -c 4 "$out" | od -An -c | tr -d ' ')" = '177ELF' ]; then
      return 0
    fi
  done
  rm -f "$out"
  return 1
}

# Drops the appended signature of modules, in place: the kernel then skips the hash and RSA check it does for
# every signed module (slow under TCG) and only notes, once, that it is tainted; signatures are not enforced.
# Layout at the end of a signed module: signature, struct module_signature (12 bytes, big-endian signature
# length in its last 4), "~Module signature appended~\n".
strip_signatures() {
  [ "$#" -gt 0 ] || return 0
  perl -e '
    my $magic = "~Module signature appended~\n";
    for my $f (@ARGV) {
      open(my $fh, "+<", $f) or die "$f: $!"; binmode $fh;
      my $size = -s $fh;
      next if $size < 40;
      seek($fh, $size - 28, 0); read($fh, my $m, 28);
      next unless $m eq $magic;
      seek($fh, $size - 40, 0); read($fh, my $info, 12);
      my $len = unpack("N", substr($info, 8, 4));
      next if $len + 40 > $size;
      truncate($fh, $size - 40 - $len) or die "$f: $!";
      close($fh);
    }' "$@"
}

# For every module of a tree: name -> path (relative to the module directory), name -> what must be loaded
# before it (its depends= and its softdep pre:), plain alias -> providing modules; and the built-in names.
# Read with one grep over all modules: this machine may be loaded, and forks are what costs.
declare -A MOD_PATH=()
declare -A MOD_DEPS=()
declare -A MOD_ALIAS=()
declare -A MOD_BUILTIN=()
declare -A MOD_SEEN=()
MOD_ORDER=()

index_modules() {
  local kdir="$1" f n key val line pre
  MOD_PATH=(); MOD_DEPS=(); MOD_ALIAS=(); MOD_BUILTIN=()
  # .modinfo is NUL-separated key=value strings; every module has a (possibly empty) depends=. Aliases with
  # ':' or '*' are device matches, not names anything asks for.
  while IFS= read -r line; do
    f="${line%%:*}"; line="${line#*:}"; key="${line%%=*}"; val="${line#*=}"
    n="${f##*/}"; n="${n%.ko}"; n="${n//-/_}"
    case "$key" in
      depends) MOD_PATH[$n]="$f"; MOD_DEPS[$n]="${MOD_DEPS[$n]:-} ${val//,/ }" ;;
      softdep)
        pre="${val#*pre:}"
        if [ "$pre" != "$val" ]; then MOD_DEPS[$n]="${pre%%post:*} ${MOD_DEPS[$n]:-}"; fi ;;
      alias) MOD_ALIAS[$val]="${MOD_ALIAS[$val]:-} $n" ;;
    esac
  done < <(cd "$kdir" && find kernel -name '*.ko' -exec grep -a -H -o -P \
      '(?<=\x00)(?:depends=|softdep=|alias=(?=[^\x00:*]*\x00))[^\x00]*' {} +)
  [ "${#MOD_PATH[@]}" -gt 0 ] || die "no *.ko modules in $kdir"
  while IFS= read -r f; do
    n="${f##*/}"; n="${n%.ko}"; n="${n//-/_}"
    MOD_BUILTIN[$n]=1
  done <"$kdir/modules.builtin"
}

# Depth-first, what a module needs before the module: MOD_ORDER is an insmod order. A name that is no module
# is looked up as an alias (a softdep names "crc32c"), preferring the portable *_generic provider.
visit_module() {
  local n="${1//-/_}" d p
  [ -z "${MOD_SEEN[$n]:-}" ] || return 0
  MOD_SEEN[$n]=1
  if [ -z "${MOD_PATH[$n]:-}" ]; then
    [ -z "${MOD_BUILTIN[$n]:-}" ] || return 0
    [ -n "${MOD_ALIAS[$1]:-}" ] || die "module $1 is neither in the package nor built in"
    for p in ${MOD_ALIAS[$1]}; do
      if [[ "$p" == *_generic ]]; then visit_module "$p"; return 0; fi
    done
    for p in ${MOD_ALIAS[$1]}; do
      if [ -n "${MOD_BUILTIN[$p]:-}" ]; then return 0; fi
    done
    set -- ${MOD_ALIAS[$1]}
    visit_module "$1"
    return 0
  fi
  for d in ${MOD_DEPS[$n]}; do visit_module "$d"; done
  MOD_ORDER+=("$n")
}

# Resets the traversal and visits the given names (directories under kernel/ expand to their modules).
resolve_modules() {
  local item n
  MOD_SEEN=(); MOD_ORDER=()
  for item in "$@"; do
    if [[ "$item" == */ ]]; then
      for n in "${!MOD_PATH[@]}"; do
        if [[ "${MOD_PATH[$n]}" == "kernel/$item"* ]]; then visit_module "$n"; fi
      done
    else
      visit_module "$item"
    fi
  done
}

# /init of the initramfs (busybox sh): load the boot modules, mount the host's / read-only over 9p with a
# tmpfs overlay on top (so the host's /tmp, where JUnit's @TempDir lives, is seen too), a fresh /run with the
# run's exchange directory at /run/klab, the usual pseudo file systems and the pruned module tree; wire modprobe to busybox; then switch_root to run /run/klab-stage2 there as PID 1.
# Everything that can is done here, from the initramfs: under TCG every exec of a binary read over 9p costs.
init_script() {
  cat <<'EOF'
#!/bin/busybox sh
export PATH=/bin
/bin/busybox --install -s /bin
mkdir -p /proc /sys /dev /lower /ovl /newroot
mount -t proc proc /proc
mount -t devtmpfs devtmpfs /dev
echo 1 >/proc/sys/kernel/printk 2>/dev/null
say() { echo "klab-init: $* at $(cut -d' ' -f1 /proc/uptime) s (guest clock)" >/dev/console; }
fail() { echo "klab-init: $*" >/dev/console; sleep 1; reboot -f; }
say "initramfs"
for m in $(cat /modules.list); do insmod "/m/$m.ko" || echo "klab-init: insmod $m failed" >/dev/console; done
say "modules loaded"
mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=512000 hostroot /lower || fail "9p root"
mount -t tmpfs -o mode=0755 tmpfs /ovl
mkdir -p /ovl/upper /ovl/work
mount -t overlay -o lowerdir=/lower,upperdir=/ovl/upper,workdir=/ovl/work overlay /newroot || fail "overlay"
R=/newroot
mount -t tmpfs -o mode=0755 tmpfs $R/run
mkdir -p $R/run/klab
mount -t 9p -o trans=virtio,version=9p2000.L,cache=none,msize=512000 klabx $R/run/klab || fail "9p exchange"
. $R/run/klab/boot.env
mount --move /dev $R/dev
mount --move /proc $R/proc
mount -t sysfs sysfs $R/sys
mkdir -p $R/dev/pts $R/dev/shm
mount -t devpts -o gid=5,mode=620,ptmxmode=666 devpts $R/dev/pts
mount -t tmpfs -o mode=1777 tmpfs $R/dev/shm
[ -e $R/dev/fd ] || ln -s /proc/self/fd $R/dev/fd
# The pruned modules, and busybox's modprobe reading them: ipvsadm and the kernel's request_module run
# /sbin/modprobe. lsmod & co. only where the host has none (kmod).
mkdir -p "$R/lib/modules/$KLAB_KVER"
mount --bind "$R$KLAB_MODDIR" "$R/lib/modules/$KLAB_KVER" || fail "modules"
rm -f $R/sbin/modprobe
ln -s /bin/busybox $R/sbin/modprobe
for t in lsmod insmod rmmod modinfo; do [ -e $R/sbin/$t ] || ln -s /bin/busybox $R/sbin/$t; done
hostname klab
ip link set lo up
cp /stage2 $R/run/klab-stage2
echo "klab-init: root mounted" >/dev/console
exec switch_root $R /bin/sh /run/klab-stage2
EOF
}

# Runs as PID 1 in the overlay root: the command (stdout+stderr to /run/klab/out, its status to /run/klab/rc,
# read by the host only once qemu is gone), then an immediate reboot, which with qemu's -no-reboot ends qemu.
stage2_script() {
  cat <<'EOF'
. /run/klab/boot.env
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 TERM=dumb
cd "$KLAB_CWD" 2>/dev/null || cd /
echo "klab-init: command starts" >/dev/console
/bin/sh /run/klab/cmd </dev/null >/run/klab/out 2>&1
echo $? >/run/klab/rc
echo "klab-init: command ended" >/dev/console
/bin/busybox reboot -f
echo b >/proc/sysrq-trigger
EOF
}

# A hash of what an initramfs is built from, so editing this script rebuilds it (and only it).
initramfs_stamp() {
  { init_script; stage2_script; declare -f strip_signatures; echo "$BOOT_MODULES | $PRELOAD"; sha256sum <"$BUSYBOX"; } | sha256sum | cut -c1-16
}

build_initramfs() {
  local dir="$1" kver="$2" kdir="$1/modules/lib/modules/$2" ird m
  index_modules "$kdir"
  # shellcheck disable=SC2086
  resolve_modules $BOOT_MODULES $PRELOAD
  ird="$(mktemp -d "$dir/.initramfs.XXXXXX")"
  mkdir -p "$ird/bin" "$ird/m"
  cp "$BUSYBOX" "$ird/bin/busybox"
  init_script >"$ird/init"
  stage2_script >"$ird/stage2"
  chmod 755 "$ird/init"
  local paths=()
  for m in "${MOD_ORDER[@]}"; do paths+=("$kdir/${MOD_PATH[$m]}"); done
  cp "${paths[@]}" "$ird/m/"
  strip_signatures "$ird"/m/*.ko
  for m in "${MOD_ORDER[@]}"; do m="${MOD_PATH[$m]##*/}"; echo "${m%.ko}"; done >"$ird/modules.list"
  (cd "$ird" && find . | LC_ALL=C sort | "$BUSYBOX" cpio -o -H newc 2>/dev/null) >"$dir/initramfs.cpio.tmp"
  mv "$dir/initramfs.cpio.tmp" "$dir/initramfs.cpio"
  rm -rf "$ird"
  initramfs_stamp >"$dir/initramfs.stamp"
  vlog "initramfs: ${#MOD_ORDER[@]} modules, $(du -k "$dir/initramfs.cpio" | cut -f1) KiB"
}

# Downloads the package and builds <cache>/<pkg>/{vmlinux, modules/lib/modules/<kver>, kver, initramfs.cpio}.
build_kernel() {
  local pkg="$1" dir="$2" work deb kver kdir m out
  work="$(mktemp -d "$CACHE/.prepare.XXXXXX")"
  PREP_WORK="$work"
  if [ -n "${JK_KLAB_DEB:-}" ]; then
    deb="$JK_KLAB_DEB"
  else
    log "downloading $pkg (apt-get download, ~70 MB, once)"
    local aptopt=()
    # As root apt would drop to the _apt user, who cannot write into the work directory.
    if [ "$(id -u)" = 0 ]; then aptopt=(-o APT::Sandbox::User=root); fi
    (cd "$work" && apt-get -q "${aptopt[@]}" download "$pkg" >&2) || die "apt-get download $pkg failed"
    deb="$(ls "$work"/*.deb 2>/dev/null | head -n 1)"
    [ -n "$deb" ] || die "apt-get download $pkg produced no .deb"
  fi
  dpkg-deb -x "$deb" "$work/x" || die "cannot unpack $deb"
  kver="$(ls "$work/x/lib/modules" | head -n 1)"
  [ -n "$kver" ] && [ -f "$work/x/boot/vmlinuz-$kver" ] || die "$deb holds no kernel image"
  out="$work/out"
  mkdir -p "$out/modules/lib/modules/$kver"
  extract_vmlinux "$work/x/boot/vmlinuz-$kver" "$out/vmlinux" || die "no xz-compressed ELF kernel in vmlinuz-$kver"
  kdir="$work/x/lib/modules/$kver"
  index_modules "$kdir"
  # shellcheck disable=SC2086
  resolve_modules $BOOT_MODULES $PRELOAD $AVAILABLE
  for m in "${MOD_ORDER[@]}"; do echo "${MOD_PATH[$m]}"; done >"$work/keep"
  tar -C "$kdir" -cf - -T "$work/keep" | tar -C "$out/modules/lib/modules/$kver" -xf - || die "copying modules failed"
  (cd "$out/modules/lib/modules/$kver" && strip_signatures $(cat "$work/keep")) || die "stripping signatures failed"
  cp "$kdir/modules.builtin" "$kdir/modules.order" "$out/modules/lib/modules/$kver/"
  [ ! -f "$kdir/modules.builtin.modinfo" ] || cp "$kdir/modules.builtin.modinfo" "$out/modules/lib/modules/$kver/"
  "$BUSYBOX" depmod -b "$out/modules" "$kver" || die "depmod failed"
  cp "$work/x/boot/config-$kver" "$out/config" 2>/dev/null || true
  echo "$kver" >"$out/kver"
  vlog "kernel $kver: vmlinux $(du -k "$out/vmlinux" | cut -f1) KiB, ${#MOD_ORDER[@]} modules"
  rm -rf "$dir"
  mv "$out" "$dir"
  echo "$CACHE_FORMAT" >"$dir/ready"
  rm -rf "$work"
  PREP_WORK=""
}

PREP_WORK=""
prepare() {
  local pkg dir
  mkdir -p "$CACHE" || die "cannot create the cache directory $CACHE"
  pkg="$(choose_kernel)"
  dir="$CACHE/$pkg"
  if [ "$(cat "$dir/ready" 2>/dev/null)" != "$CACHE_FORMAT" ] \
      || [ "$(cat "$dir/initramfs.stamp" 2>/dev/null)" != "$(initramfs_stamp)" ]; then
    # One preparer at a time; the others wait for it and then find the cache ready.
    exec 9>"$CACHE/.lock"
    flock -w 900 9 || die "timed out waiting for another run preparing $CACHE"
    if [ "$(cat "$dir/ready" 2>/dev/null)" != "$CACHE_FORMAT" ]; then
      build_kernel "$pkg" "$dir"
    fi
    if [ "$(cat "$dir/initramfs.stamp" 2>/dev/null)" != "$(initramfs_stamp)" ]; then
      build_initramfs "$dir" "$(cat "$dir/kver")"
    fi
    flock -u 9
    exec 9>&-
  fi
  KDIR="$dir"
}

# ------------------------------------------------------------------------------------------------ running

# Seconds (one decimal) since a ${EPOCHREALTIME/./} microsecond stamp, without forking.
elapsed() {
  local us=$(( ${EPOCHREALTIME/./} - $1 ))
  printf '%d.%d' $(( us / 1000000 )) $(( us % 1000000 / 100000 ))
}

QEMU_PID=""
RUN_DIR=""
cleanup() {
  if [ -n "$QEMU_PID" ] && kill -0 "$QEMU_PID" 2>/dev/null; then
    kill "$QEMU_PID" 2>/dev/null || true
    sleep 0.5
    kill -9 "$QEMU_PID" 2>/dev/null || true
    wait "$QEMU_PID" 2>/dev/null || true
  fi
  if [ -n "$RUN_DIR" ]; then rm -rf "$RUN_DIR"; fi
  if [ -n "$PREP_WORK" ]; then rm -rf "$PREP_WORK"; fi
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

run() {
  local cmd="$1" kver rc timed_out=0
  kver="$(cat "$KDIR/kver")"
  RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/jk-klab.XXXXXX")"
  printf '%s\n' "$cmd" >"$RUN_DIR/cmd"
  {
    printf 'KLAB_KVER=%q\n' "$kver"
    printf 'KLAB_MODDIR=%q\n' "$KDIR/modules/lib/modules/$kver"
    printf 'KLAB_CWD=%q\n' "$PWD"
  } >"$RUN_DIR/boot.env"
  local append="console=ttyS0 ${JK_KLAB_APPEND:-quiet loglevel=1} panic=-1 acpi=off mitigations=off cryptomgr.notests
    initcall_blacklist=init_kprobe_trace,crypto_kdf108_init
    rcupdate.rcu_expedited=1 no_timer_check tsc=reliable i8042.noaux i8042.nokbd i8042.nopnp nowatchdog
    rdinit=/init"
  # TCG only: this host's /dev/kvm cannot run a stock kernel (see README.md), and a failing KVM guest pauses
  # instead of exiting.
  "$QEMU" -accel tcg -machine pc -cpu max -m "$MEM" -smp "$CPUS" \
    -nodefaults -no-user-config -display none -vga none -net none -no-reboot \
    -serial "file:$RUN_DIR/console.log" -monitor none \
    -kernel "$KDIR/vmlinux" -initrd "$KDIR/initramfs.cpio" -append "$(echo $append)" \
    -virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap" \
    -virtfs "local,path=$RUN_DIR,mount_tag=klabx,security_model=none" \
    </dev/null >"$RUN_DIR/qemu.log" 2>&1 &
  QEMU_PID=$!
  # Wait with bash builtins only (kill -0, read -t as the sleep, EPOCHREALTIME): on a loaded machine every
  # fork costs. In verbose mode, stamp each console line with the host time it arrived at.
  local tick deadline=$(( EPOCHSECONDS + TIMEOUT )) t0="${EPOCHREALTIME/./}" seen=0 lines=() stamped=() i
  exec {tick}<> <(:)
  while kill -0 "$QEMU_PID" 2>/dev/null; do
    if [ "$VERBOSE" = 1 ] && [ -s "$RUN_DIR/console.log" ]; then
      mapfile -t lines <"$RUN_DIR/console.log"
      for (( i = seen; i < ${#lines[@]}; i++ )); do
        stamped+=("$(elapsed "$t0") ${lines[i]%$'\r'}")
      done
      seen=${#lines[@]}
    fi
    if [ "$EPOCHSECONDS" -ge "$deadline" ]; then
      timed_out=1
      kill "$QEMU_PID" 2>/dev/null || true
      # qemu ends on SIGTERM; if it does not within 5 s, SIGKILL.
      for (( i = 0; i < 50; i++ )); do
        kill -0 "$QEMU_PID" 2>/dev/null || break
        read -r -t 0.1 -u "$tick" || true
      done
      kill -9 "$QEMU_PID" 2>/dev/null || true
      break
    fi
    read -r -t 0.1 -u "$tick" || true
  done
  exec {tick}<&-
  wait "$QEMU_PID" 2>/dev/null || true
  QEMU_PID=""
  local took
  took="$(elapsed "$t0")"
  if [ "$VERBOSE" = 1 ]; then
    log "console (host seconds since qemu started, then the line; a line seen only at exit shows no time):"
    mapfile -t lines <"$RUN_DIR/console.log"
    for (( i = seen; i < ${#lines[@]}; i++ )); do stamped+=("  -  ${lines[i]%$'\r'}"); done
    if [ "${#stamped[@]}" -gt 0 ]; then printf '  %s\n' "${stamped[@]}" >&2; fi
    log "qemu:"; cat "$RUN_DIR/qemu.log" >&2 || true
  fi
  echo "----- klab: output of the command in kernel $kver -----"
  [ ! -f "$RUN_DIR/out" ] || cat "$RUN_DIR/out"
  if [ -f "$RUN_DIR/rc" ]; then
    rc="$(cat "$RUN_DIR/rc")"
    echo "----- klab: exit code $rc (${took} s) -----"
    return "$rc"
  fi
  if [ "$timed_out" = 1 ]; then
    echo "----- klab: TIMEOUT after ${TIMEOUT} s, qemu killed -----"
    rc=124
  else
    echo "----- klab: the guest ended without an exit code (${took} s) -----"
    rc=125
  fi
  log "last console lines:"; tail -n 30 "$RUN_DIR/console.log" | sed 's/\r$//' >&2 || true
  cat "$RUN_DIR/qemu.log" >&2 || true
  return "$rc"
}

main() {
  local mode=run cmd=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --prepare) mode=prepare ;;
      --check) mode=check ;;
      --timeout) shift; TIMEOUT="${1:?--timeout needs seconds}" ;;
      --verbose|-v) VERBOSE=1 ;;
      -h|--help) usage 0 ;;
      --) shift; cmd="$*"; break ;;
      -*) usage ;;
      *) cmd="$*"; break ;;
    esac
    shift
  done
  [[ "$TIMEOUT" =~ ^[0-9]+$ ]] || die "timeout must be whole seconds: $TIMEOUT"
  check_tools || exit 125
  case "$mode" in
    check) echo "klab: tools present"; exit 0 ;;
    prepare) prepare; echo "klab: ready: $KDIR"; exit 0 ;;
  esac
  [ -n "$cmd" ] || usage
  prepare
  local rc=0
  run "$cmd" || rc=$?
  exit "$rc"
}

main "$@"
