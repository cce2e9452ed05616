#!/bin/bash
# Checker engine benchmark: N real servers, one TCP_CHECK each at delay_loop 1, against listeners in a
# namespace; prints the engine process's CPU share, RSS and the worst lateness of a check (bench/README.md).
#   ./mvnw -o -q -pl healthcheck -am test-compile       # once
#   sudo bench/checker-bench.sh [N...]                  # default: 2000 5000 10000; each run is bounded (SECONDS)
# Env: SECONDS_PER_RUN (20, at most 60), LOOPS (2), JAVA (java), JAVA_OPTS (-Xmx512m).
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces)" >&2; exit 2; }
RUN=${SECONDS_PER_RUN:-20}
LOOPS=${LOOPS:-2}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(2000 5000 10000)
BASE=20000
D=jk-hce-bench-d
R=jk-hce-bench-r

CP_FILE=$(mktemp)
LPID=
cleanup() {
    [ -n "$LPID" ] && kill "$LPID" 2>/dev/null || true
    ip netns del "$D" 2>/dev/null || true
    ip netns del "$R" 2>/dev/null || true
    rm -f "$CP_FILE"
}
trap cleanup EXIT

# this checkout's classes first, then the third-party jars (never another checkout's SNAPSHOT jars)
./mvnw -o -q -pl healthcheck dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
DEPS=$(tr ':' '\n' < "$CP_FILE" | grep -v '/io/jkeepalived/' | paste -sd: -)
CP=healthcheck/target/test-classes:healthcheck/target/classes:conf-parser/target/classes:netlink/target/classes:$DEPS

ip netns del "$D" 2>/dev/null || true
ip netns del "$R" 2>/dev/null || true
ip netns add "$D"
ip netns add "$R"
ip -n "$D" link add hce0 type veth peer name hce1 netns "$R"
ip -n "$D" addr add 198.51.100.1/24 dev hce0
ip -n "$R" addr add 198.51.100.10/24 dev hce1
for ns in "$D" "$R"; do ip -n "$ns" link set lo up; done
ip -n "$D" link set hce0 up
ip -n "$R" link set hce1 up

echo "# $(date -u +%F) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $($JAVA -version 2>&1 | head -1)"
for N in "${SIZES[@]}"; do
    ulimit -n "$(ulimit -Hn)"
    ip netns exec "$R" "$JAVA" -Xmx256m -cp "$CP" io.jkeepalived.healthcheck.bench.CheckerBench listen "$N" $BASE "$RUN" \
        > /tmp/jk-hce-bench-listen.log 2>&1 &
    LPID=$!
    for _ in $(seq 1 120); do grep -q '^listening' /tmp/jk-hce-bench-listen.log && break; sleep 0.5; done
    grep -q '^listening' /tmp/jk-hce-bench-listen.log || { echo "listeners did not start:"; cat /tmp/jk-hce-bench-listen.log; exit 1; }
    ip netns exec "$D" "$JAVA" $JAVA_OPTS -Djk.check.level=WARN -cp "$CP" \
        io.jkeepalived.healthcheck.bench.CheckerBench engine "$N" $BASE "$RUN" "$LOOPS" 2>&1 | grep '^real_servers='
    kill "$LPID" 2>/dev/null || true
    wait "$LPID" 2>/dev/null || true
    LPID=
done
