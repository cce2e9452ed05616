#!/bin/bash
# IPVS programming benchmark (issue 5): inside ONE kernel-lab boot (Debian's kernel under qemu, the host has no
# IPVS), programs SERVICES TCP services x REALS real servers (default 1,000 x 10 = 10,000 destinations) twice:
#   (a) ipvsadm -R from the generated rules file, then ipvsadm -C;
#   (b) jkeepalived's apply path (IpvsApplier.read -> IpvsDiff.diff -> IpvsApplier.apply, what -C does at start)
#       through the plain main class io.jkeepalived.e2e.ipvs.IpvsProgramBench, then ipvsadm -C;
# times both (wall, and CPU = user + system), times a JVM that does nothing (JVM start and exit), checks that
# both leave the same ipvsadm -Ln table (counters aside), and prints the ratios jkeepalived / ipvsadm.
#   ./mvnw -o -q -pl daemon -am test-compile               # once
#   sudo bench/ipvs-program-bench.sh [SERVICES REALS]        # bounded: the guest is killed after BENCH_TIMEOUT
# Env: BENCH_TIMEOUT (540 s), JAVA (the java on PATH), JAVA_OPTS (-XX:TieredStopAtLevel=1 -Xmx512m, as the
# kernel-lab tests), BENCH_APPEND=1 appends a dated row to bench/README.md; BENCH_BEFORE_CP=DIRS (class directories
# of an older netlink + ipvs, put first on the class path) adds a run of the driver on them in the same boot, printed
# as "before" (a before/after comparison under the same load); JK_KLAB_* as run-in-kernel.sh
# (JK_KLAB_CACHE to reuse another checkout's prepared kernel). Addresses: 198.51.100.0/24 and 203.0.113.0/24.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
[ "$(id -u)" = 0 ] || { echo "needs root (the kernel lab shares / with the guest)" >&2; exit 2; }
SERVICES=${1:-1000}
REALS=${2:-10}
TIMEOUT=${BENCH_TIMEOUT:-540}
JAVA=${JAVA:-$(readlink -f "$(command -v java)")}
JAVA_OPTS=${JAVA_OPTS:--XX:TieredStopAtLevel=1 -Xmx512m}
BENCH_BEFORE_CP=${BENCH_BEFORE_CP:-}
[ -d daemon/target/test-classes/io/jkeepalived/e2e/ipvs ] && [ -d ipvs/target/classes ] \
    || { echo "build first: ./mvnw -o -q -pl daemon -am test-compile" >&2; exit 2; }

# The guest sees the host's / read-only (its /tmp included): the rules and the guest script live here.
WORK=$(mktemp -d /tmp/jk-ipvsbench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# this checkout's classes first, then the third-party jars (never another checkout's SNAPSHOT jars)
./mvnw -o -q -pl daemon dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp" >/dev/null
DEPS=$(tr ':' '\n' <"$WORK/cp" | grep -v '/io/jkeepalived/' | paste -sd: -)
CP=$REPO/daemon/target/test-classes:$REPO/ipvs/target/classes:$REPO/netlink/target/classes:$DEPS
MAIN=io.jkeepalived.e2e.ipvs.IpvsProgramBench

# One definition of the table: the driver prints the rules it programs itself.
"$JAVA" -cp "$CP" "$MAIN" rules "$SERVICES" "$REALS" >"$WORK/rules"
echo "rules: $(grep -c '^-A' "$WORK/rules") services, $(grep -c '^-a' "$WORK/rules") destinations"

cat >"$WORK/guest.sh" <<GUEST
set -u
TIMEFORMAT='%R %U %S'
JAVA=(${JAVA@Q} $JAVA_OPTS -cp ${CP@Q} $MAIN)
BEFORE=(${JAVA@Q} $JAVA_OPTS -cp ${BENCH_BEFORE_CP:+${BENCH_BEFORE_CP@Q}:}${CP@Q} $MAIN)
norm() { ipvsadm -Ln | awk '\$1 == "TCP" || \$1 == "->" && \$2 != "RemoteAddress:Port" { print \$1, \$2, \$3, \$4 }' | sort; }
count() { ipvsadm -Ln | awk '\$1 == "->" && \$2 != "RemoteAddress:Port"' | wc -l; }
# The kernel takes a NAT destination only when its address routes as unicast: give the namespace that route.
ip link add jk-ipvsbench type dummy && ip addr add 203.0.113.254/24 dev jk-ipvsbench && ip link set jk-ipvsbench up \
    || { echo "cannot set up the namespace's route"; exit 1; }
ipvsadm -C
{ time ipvsadm -R <$WORK/rules; } 2>/tmp/a.time || { echo "ipvsadm -R failed"; cat /tmp/a.time; exit 1; }
echo "ipvsadm \$(tail -n 1 /tmp/a.time) dests=\$(count)"
norm >/tmp/a.table
ipvsadm -C
{ time "\${JAVA[@]}" noop; } 2>/tmp/n.time
echo "jvmstart \$(tail -n 1 /tmp/n.time)"
{ time "\${JAVA[@]}" program $SERVICES $REALS >/tmp/b.out; } 2>/tmp/b.time || { echo "driver failed"; cat /tmp/b.out /tmp/b.time; exit 1; }
echo "jk \$(tail -n 1 /tmp/b.time) dests=\$(count)"
cat /tmp/b.out
norm >/tmp/b.table
ipvsadm -C
if [ -n ${BENCH_BEFORE_CP@Q} ]; then
    { time "\${BEFORE[@]}" program $SERVICES $REALS >/tmp/c.out; } 2>/tmp/c.time || { echo "before driver failed"; cat /tmp/c.out /tmp/c.time; }
    echo "before \$(tail -n 1 /tmp/c.time) dests=\$(count)"
    sed 's/^jk-inproc/before-inproc/' /tmp/c.out
    ipvsadm -C
fi
if cmp -s /tmp/a.table /tmp/b.table; then echo "tables same lines=\$(wc -l </tmp/a.table)"; else echo "tables DIFFER"; diff /tmp/a.table /tmp/b.table | head -n 20; fi
GUEST

# The whole guest script runs in a namespace of its own (IPVS tables are per namespace), so no command pays an
# ip netns exec.
OUT=$(JK_KLAB_CPUS=${JK_KLAB_CPUS:-1} src/test/scripts/kernel-lab/run-in-kernel.sh --timeout "$TIMEOUT" \
    "ip netns add jk-ipvsbench && ip netns exec jk-ipvsbench bash $WORK/guest.sh; rc=\$?; ip netns del jk-ipvsbench; exit \$rc") \
    || { echo "$OUT"; echo "the guest run failed" >&2; exit 1; }
echo "$OUT"
grep -q '^tables same' <<<"$OUT" || { echo "the two tables differ" >&2; exit 1; }

# Each timing line: NAME WALL USER SYS ...; jk-inproc wall=S cpu=S.
read -r _ A_W A_U A_S _ < <(grep '^ipvsadm ' <<<"$OUT")
read -r _ N_W N_U N_S < <(grep '^jvmstart ' <<<"$OUT")
read -r _ B_W B_U B_S _ < <(grep '^jk ' <<<"$OUT")
IN_W=$(sed -n 's/^jk-inproc wall=\([0-9.]*\).*/\1/p' <<<"$OUT")
IN_C=$(sed -n 's/^jk-inproc wall=[0-9.]* cpu=\([0-9.]*\).*/\1/p' <<<"$OUT")
OP_W=$(sed -n 's/^jk-inproc .*open-wall=\([0-9.]*\).*/\1/p' <<<"$OUT")
OP_C=$(sed -n 's/^jk-inproc .*open-cpu=\([0-9.]*\).*/\1/p' <<<"$OUT")
ROW=$(awk -v aw="$A_W" -v ac="$(echo "$A_U + $A_S" | bc)" -v nw="$N_W" -v nc="$(echo "$N_U + $N_S" | bc)" \
    -v bw="$B_W" -v bc="$(echo "$B_U + $B_S" | bc)" -v iw="$IN_W" -v ic="$IN_C" -v ow="$OP_W" -v oc="$OP_C" -v n="$((SERVICES * REALS))" \
    -v d="$(date -u +%F)" 'BEGIN {
  printf "| %s | %d | %.2f s (CPU %.2f s) | %.2f s (CPU %.2f s) | %.2f s (CPU %.2f s) | %.2f s (CPU %.2f s) | %.2f s (CPU %.2f s) | %.1f (CPU %.1f) | %.1f (CPU %.1f) |\n",
    d, n, aw, ac, nw, nc, bw, bc, iw, ic, ow, oc, bw / aw, bc / ac, iw / aw, ic / ac }')
echo
echo "| date | destinations | ipvsadm -R | JVM start (noop) | jkeepalived with JVM start | jkeepalived in-process | of which open | ratio with start | ratio in-process |"
echo "$ROW"
if [ "${BENCH_APPEND:-0}" = 1 ]; then echo "$ROW" >>bench/README.md; fi
