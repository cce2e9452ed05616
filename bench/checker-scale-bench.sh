#!/bin/bash
# Checker scale benchmark (issue 6): TCP_N real servers under TCP_CHECK and HTTP_N under HTTP_GET, all at
# delay_loop 1, plus one VRRP instance (advert 0.1 s, VRRPv3) in the same daemon, run by keepalived 2.2.7 and by
# jkeepalived in turn on the same generated keepalived.conf, against listeners in a namespace. Prints, per daemon:
#   - CPU share of the checker process (keepalived: its checker child; jkeepalived: the one JVM, VRRP included)
#     over the measuring window, and its peak RSS (VmHWM);
#   - how late checks start against their schedule, measured outside both daemons by the listeners: the gap
#     between two connections to one real server minus delay_loop (ScaleListener);
#   - how late VRRP adverts are: the gap between two adverts on the wire minus advert_int (dumpcap in the
#     listeners' namespace);
# then the ratios jkeepalived / keepalived.
#   ./mvnw -o -q -pl daemon -am install -DskipTests && ./mvnw -o -q -pl healthcheck test-compile   # once
#   sudo bench/checker-scale-bench.sh [TCP_N HTTP_N]            # default 10000 2000
# Env: WARMUP (15 s), MEASURE (30 s; each at most 120), START_LIMIT (600 s for the first check to arrive),
# DAEMONS ("keepalived jkeepalived"), JAVA (java), KEEP_WORK=1 keeps the logs and the capture, VRRP_RT=N adds
# "vrrp_rt_priority N" to global_defs (both daemons: SCHED_RR for the VRRP process / thread), CHECKER_RT=N
# "checker_rt_priority N" and "checker_rlimit_rttime 5000000" (the checker's event loops under load), JK_BIN (the jkeepalived
# launcher, default packaging/bin/jkeepalived: point it at another checkout's to compare builds), NS_TAG (ib: the
# namespaces are jk-NS_TAG-d and jk-NS_TAG-r, so that two runs at once do not collide).
#
# This host's kernel has no IPVS, and keepalived's checker exits at start without it (check_daemon.c: "if any
# virtual server is configured, ipvs_start() or exit"). libipvs falls back to IPVS's setsockopt interface when the
# generic netlink family is missing, so keepalived runs here with bench/ipvs-sockopt-stub.c preloaded, which
# answers that interface without doing anything; jkeepalived runs with --dry-run (changes printed, not sent).
# Neither programs a kernel table, so both do the same work: checking. Namespaces: jk-ib-d (the daemon),
# jk-ib-r (listeners, capture), one veth pair; addresses in 198.51.100.0/24 only.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces)" >&2; exit 2; }
TCP_N=${1:-10000}
HTTP_N=${2:-2000}
WARMUP=${WARMUP:-15}
MEASURE=${MEASURE:-30}
START_LIMIT=${START_LIMIT:-600} # keepalived 2.2.7 takes minutes to activate 12,000 checkers on a loaded host
[ "$WARMUP" -le 120 ] && [ "$MEASURE" -le 120 ] || { echo "WARMUP and MEASURE are at most 120 s" >&2; exit 2; }
DAEMONS=${DAEMONS:-keepalived jkeepalived}
JAVA=${JAVA:-java}
TCP_BASE=20000
HTTP_BASE=40000
PER_VS=100
NS_TAG=${NS_TAG:-ib}
D=jk-$NS_TAG-d
R=jk-$NS_TAG-r
JK_BIN=${JK_BIN:-packaging/bin/jkeepalived}
VRRP_RT=${VRRP_RT:-}
CHECKER_RT=${CHECKER_RT:-}
RIP=198.51.100.10
[ -f daemon/target/jkeepalived-daemon.jar ] && [ -d healthcheck/target/test-classes/io/jkeepalived/healthcheck/bench ] \
    || { echo "build first: ./mvnw -o -q -pl daemon -am install -DskipTests && ./mvnw -o -q -pl healthcheck test-compile" >&2; exit 2; }
command -v keepalived >/dev/null || DAEMONS=${DAEMONS//keepalived /}
command -v dumpcap >/dev/null || { echo "needs dumpcap (tshark)" >&2; exit 2; }

WORK=$(mktemp -d /tmp/jk-ib-scale.XXXXXX)
LPID= CPID= DPID=
stop_pid() { # by PID only: the process and, for keepalived, its children (its own process group)
    local p=$1
    [ -n "$p" ] || return 0
    kill -TERM "$p" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
}
cleanup() {
    stop_pid "$DPID"; stop_pid "$CPID"; stop_pid "$LPID"
    [ -n "${KA_PIDS:-}" ] && for p in $KA_PIDS; do kill -KILL "$p" 2>/dev/null || true; done
    ip netns del "$D" 2>/dev/null || true
    ip netns del "$R" 2>/dev/null || true
    [ -n "${KEEP_WORK:-}" ] && echo "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

gcc -shared -fPIC -O2 -o "$WORK/ipvs-stub.so" bench/ipvs-sockopt-stub.c -ldl

# The listeners' class path: this checkout's classes, then the third-party jars.
./mvnw -o -q -pl healthcheck dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp" >/dev/null
CP=healthcheck/target/test-classes:$(tr ':' '\n' <"$WORK/cp" | grep -v '/io/jkeepalived/' | paste -sd: -)

# One configuration for both daemons.
{
    printf 'global_defs {\n    router_id jk-ib\n    script_user root\n'
    [ -n "$VRRP_RT" ] && printf '    vrrp_rt_priority %d\n' "$VRRP_RT"
    [ -n "$CHECKER_RT" ] && printf '    checker_rt_priority %d\n    checker_rlimit_rttime 5000000\n' "$CHECKER_RT"
    printf '}\n'
    printf 'vrrp_instance VI_1 {\n    state MASTER\n    interface ib0\n    virtual_router_id 51\n    priority 150\n'
    printf '    version 3\n    advert_int 0.1\n    virtual_ipaddress {\n        198.51.100.200/24\n    }\n}\n'
    vs=0
    emit() { # kind base count
        local kind=$1 base=$2 count=$3 i
        for ((i = 0; i < count; i++)); do
            if ((i % PER_VS == 0)); then
                ((i > 0)) && printf '}\n'
                printf 'virtual_server 198.51.100.%d %d {\n    delay_loop 1\n    lb_algo rr\n    lb_kind NAT\n    protocol TCP\n' \
                    $((100 + vs % 100)) $((1000 + vs))
                vs=$((vs + 1))
            fi
            if [ "$kind" = tcp ]; then
                printf '    real_server %s %d {\n        weight 1\n        TCP_CHECK {\n            connect_timeout 3\n            warmup 1\n        }\n    }\n' "$RIP" $((base + i))
            else
                printf '    real_server %s %d {\n        weight 1\n        HTTP_GET {\n            url {\n                path /\n                status_code 200\n            }\n            connect_timeout 3\n            warmup 1\n        }\n    }\n' "$RIP" $((base + i))
            fi
        done
        ((count > 0)) && printf '}\n'
        return 0
    }
    emit tcp $TCP_BASE "$TCP_N"
    emit http $HTTP_BASE "$HTTP_N"
} >"$WORK/keepalived.conf"

ip netns del "$D" 2>/dev/null || true
ip netns del "$R" 2>/dev/null || true
ip netns add "$D"
ip netns add "$R"
ip -n "$D" link add ib0 type veth peer name ib1 netns "$R"
ip -n "$D" addr add 198.51.100.1/24 dev ib0
ip -n "$R" addr add $RIP/24 dev ib1
for ns in "$D" "$R"; do ip -n "$ns" link set lo up; done
ip -n "$D" link set ib0 up
ip -n "$R" link set ib1 up
ulimit -n "$(ulimit -Hn)"

# CPU (user + system clock ticks) and VmHWM of a pid.
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
hwm() { awk '/^VmHWM/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
# Proportional set size (kB): what the process really occupies; VmHWM counts a page mapped three times (ZGC's
# multi-mapped heap on Java 17) three times.
pss() { awk '/^Pss:/ { print $2 }' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
HZ=$(getconf CLK_TCK)

echo "# $(date -u '+%F %H:%M') UTC, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $TCP_N TCP_CHECK + $HTTP_N HTTP_GET at delay_loop 1, VRRP advert 0.1 s${VRRP_RT:+, vrrp_rt_priority $VRRP_RT}${CHECKER_RT:+, checker_rt_priority $CHECKER_RT}; warm-up $WARMUP s, measured $MEASURE s"
declare -A CPU RSS PSS LATE LATE99 VLATE VLATE99 VLATE50 VLATE90 CHECKS MISSED
for daemon in $DAEMONS; do
    rm -f "$WORK"/*.pid "$WORK/cap.pcapng"
    ip netns exec "$R" "$JAVA" -Xmx512m -cp "$CP" io.jkeepalived.healthcheck.bench.ScaleListener \
        $RIP $TCP_BASE "$TCP_N" $HTTP_BASE "$HTTP_N" "$WARMUP" "$MEASURE" 1 "$START_LIMIT" >"$WORK/listen.$daemon" 2>&1 &
    LPID=$!
    for _ in $(seq 1 240); do grep -q '^listening' "$WORK/listen.$daemon" && break; sleep 0.5; done
    grep -q '^listening' "$WORK/listen.$daemon" || { echo "listeners did not start:"; cat "$WORK/listen.$daemon"; exit 1; }
    ip netns exec "$R" dumpcap -q -i ib1 -f 'ip proto 112' -w "$WORK/cap.pcapng" >/dev/null 2>&1 &
    CPID=$!
    if [ "$daemon" = keepalived ]; then
        ip netns exec "$D" env LD_PRELOAD="$WORK/ipvs-stub.so" keepalived -n -l -f "$WORK/keepalived.conf" \
            -p "$WORK/ka.pid" -r "$WORK/vrrp.pid" -c "$WORK/checkers.pid" >"$WORK/daemon.$daemon.log" 2>&1 &
        DPID=$!
        for _ in $(seq 1 100); do [ -s "$WORK/checkers.pid" ] && [ -s "$WORK/vrrp.pid" ] && break; sleep 0.2; done
        [ -s "$WORK/checkers.pid" ] || { echo "keepalived's checker did not start:"; tail -20 "$WORK/daemon.$daemon.log"; exit 1; }
        CHK=$(cat "$WORK/checkers.pid")
        KA_PIDS="$DPID $CHK $(cat "$WORK/vrrp.pid")"
    else
        ip netns exec "$D" "$JK_BIN" -n -l -f "$WORK/keepalived.conf" --dry-run \
            -p "$WORK/ka.pid" -r "$WORK/vrrp.pid" -c "$WORK/checkers.pid" >"$WORK/daemon.$daemon.log" 2>&1 &
        DPID=$!
        for _ in $(seq 1 150); do [ -s "$WORK/checkers.pid" ] && break; sleep 0.2; done
        [ -s "$WORK/checkers.pid" ] || { echo "jkeepalived did not start:"; tail -20 "$WORK/daemon.$daemon.log"; exit 1; }
        CHK=$(cat "$WORK/checkers.pid")
    fi
    # The listener opens its window WARMUP s after the first check arrives; sample the CPU time at both ends.
    for _ in $(seq 1 $(((WARMUP + START_LIMIT + 30) * 20))); do grep -q '^window-start\|^no check' "$WORK/listen.$daemon" && break; sleep 0.05; done
    grep -q '^window-start' "$WORK/listen.$daemon" || { echo "no checks arrived:"; cat "$WORK/listen.$daemon"; tail "$WORK/daemon.$daemon.log"; exit 1; }
    t0=$(ticks "$CHK"); s0=$(date +%s.%N)
    for _ in $(seq 1 $(((MEASURE + 30) * 20))); do grep -q '^window-end' "$WORK/listen.$daemon" && break; sleep 0.05; done
    t1=$(ticks "$CHK"); s1=$(date +%s.%N)
    CPU[$daemon]=$(awk -v a="$t0" -v b="$t1" -v s="$s0" -v e="$s1" -v hz="$HZ" 'BEGIN { printf "%.1f", 100 * (b - a) / hz / (e - s) }')
    RSS[$daemon]=$(( $(hwm "$CHK") / 1024 ))
    PSS[$daemon]=$(( $(pss "$CHK") / 1024 ))
    wait "$LPID" || true
    LPID=
    stop_pid "$CPID"; CPID=
    stop_pid "$DPID"; DPID=
    [ -n "${KA_PIDS:-}" ] && for p in $KA_PIDS; do stop_pid "$p"; done
    KA_PIDS=
    # VRRP: gaps between the adverts of the measuring window, minus advert_int.
    w0=$(sed -n 's/^window-start //p' "$WORK/listen.$daemon"); w1=$(sed -n 's/^window-end //p' "$WORK/listen.$daemon")
    read -r VLATE50[$daemon] VLATE90[$daemon] VLATE99[$daemon] VLATE[$daemon] VN < <(tshark -r "$WORK/cap.pcapng" -Y vrrp -T fields -e frame.time_epoch 2>/dev/null \
        | awk -v a="$w0" -v b="$w1" '$1 >= a && $1 <= b { if (p) print $1 - p; p = $1 }' | sort -n \
        | awk 'function q(f) { i = int(NR * f); if (i < 1) i = 1; return a[i] - 0.1 }
               { a[NR] = $1 } END { if (NR == 0) { print "nan nan nan nan 0"; exit } printf "%.5f %.5f %.5f %.5f %d\n", q(0.5), q(0.9), q(0.99), a[NR] - 0.1, NR }')
    tcp=$(grep '^tcp ' "$WORK/listen.$daemon" || echo "tcp none")
    http=$(grep '^http ' "$WORK/listen.$daemon" || echo "http none")
    echo "$daemon: checker CPU ${CPU[$daemon]} % of a core, peak RSS ${RSS[$daemon]} MB, Pss ${PSS[$daemon]} MB; VRRP adverts $VN, late p50 ${VLATE50[$daemon]} p90 ${VLATE90[$daemon]} p99 ${VLATE99[$daemon]} s, max ${VLATE[$daemon]} s"
    echo "  $tcp"
    echo "  $http"
    LATE[$daemon]="$(sed -n 's/.*late_max=\([-0-9.na]*\).*/\1/p' <<<"$tcp")/$(sed -n 's/.*late_max=\([-0-9.na]*\).*/\1/p' <<<"$http")"
    LATE99[$daemon]="$(sed -n 's/.*late_p99=\([-0-9.na]*\).*/\1/p' <<<"$tcp")/$(sed -n 's/.*late_p99=\([-0-9.na]*\).*/\1/p' <<<"$http")"
    CHECKS[$daemon]="$(sed -n 's/.*per_s=\([0-9]*\).*/\1/p' <<<"$tcp")/$(sed -n 's/.*per_s=\([0-9]*\).*/\1/p' <<<"$http")"
    MISSED[$daemon]="$(sed -n 's/.*missed=\([0-9]*\).*/\1/p' <<<"$tcp")/$(sed -n 's/.*missed=\([0-9]*\).*/\1/p' <<<"$http")"
done

echo
echo "| date | load | real servers | daemon | checker CPU | peak RSS | Pss | checks/s tcp/http | check late p99/max tcp | check late p99/max http | missed tcp/http | advert late p50/p90/p99/max |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for daemon in $DAEMONS; do
    printf '| %s | %s | %d TCP + %d HTTP%s | %s | %s %% | %s MB | %s MB | %s | %s / %s s | %s / %s s | %s | %s / %s / %s / %s s |\n' \
        "$(date -u +%F)" "$(cut -d' ' -f1 /proc/loadavg)" "$TCP_N" "$HTTP_N" "${VRRP_RT:+, vrrp_rt_priority $VRRP_RT}${CHECKER_RT:+, checker_rt_priority $CHECKER_RT}" "$daemon" "${CPU[$daemon]}" "${RSS[$daemon]}" "${PSS[$daemon]}" "${CHECKS[$daemon]}" \
        "${LATE99[$daemon]%%/*}" "${LATE[$daemon]%%/*}" "${LATE99[$daemon]##*/}" "${LATE[$daemon]##*/}" "${MISSED[$daemon]}" \
        "${VLATE50[$daemon]}" "${VLATE90[$daemon]}" "${VLATE99[$daemon]}" "${VLATE[$daemon]}"
done
if [[ " $DAEMONS " == *" keepalived "* && " $DAEMONS " == *" jkeepalived "* ]]; then
    awk -v j="${CPU[jkeepalived]}" -v k="${CPU[keepalived]}" -v jr="${RSS[jkeepalived]}" -v kr="${RSS[keepalived]}" \
        'BEGIN { printf "ratio jkeepalived/keepalived: CPU %.2f, RSS %.1f\n", (k > 0 ? j / k : 0), (kr > 0 ? jr / kr : 0) }'
fi
