#!/usr/bin/env bash
# Failover times and idle cost of jkeepalived next to keepalived 2.2.7, in one run, inside network namespaces
# of its own (jk-fb*). For each implementation as the backup, for each (signal, advert interval): start a master
# (priority 150) and a backup (priority 100) of that implementation, signal the master, and measure on the wire
# (dumpcap on the lab bridge) the time from the signal to the backup's first advert as master.
# Then the RSS and CPU of an idle master with 1 and 200 instances.
#
#   sudo bench/failover-bench.sh [rounds]      (default 3 rounds per case; needs keepalived, tshark, a built tree)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
rounds=${1:-3}
[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 2; }
command -v keepalived >/dev/null && command -v tshark >/dev/null || { echo "needs keepalived and tshark" >&2; exit 2; }
[ -f daemon/target/jkeepalived-daemon.jar ] || ./mvnw -q -DskipTests package

ns=jk-fb$$
work=$(mktemp -d /tmp/jk-fb.XXXXXX)
# start() runs in $(...): its PIDs go to a file, so the cleanup sees them all
cleanup() {
    for p in $(cat "$work/pids" 2>/dev/null); do kill -KILL -- "-$p" 2>/dev/null || true; done
    for n in br h1 h2; do ip netns del "$ns-$n" 2>/dev/null || true; done
    if [ -n "${FB_KEEP:-}" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
for n in br h1 h2; do ip netns add "$ns-$n"; ip -n "$ns-$n" link set lo up; done
ip -n "$ns-br" link add br0 type bridge; ip -n "$ns-br" link set br0 up
for i in 1 2; do
    ip -n "$ns-h$i" link add eth0 type veth peer name p$i netns "$ns-br"
    ip -n "$ns-br" link set p$i master br0 up
    ip -n "$ns-h$i" link set eth0 up
    ip -n "$ns-h$i" addr add 198.51.100.$i/24 dev eth0
done

conf() { # file version advert priority instances
    {
        printf 'global_defs {\n    router_id bench\n    vrrp_version %s\n}\n' "$2"
        for ((k = 1; k <= $5; k++)); do
            cat <<CONF
vrrp_instance VI_$k {
    state BACKUP
    interface eth0
    virtual_router_id $k
    priority $4
    advert_int $3
    virtual_ipaddress {
        203.0.113.$k/32 dev eth0
    }
}
CONF
        done
    } > "$1"
}
start() { # host impl conf tag -> pid
    local bin=("$root/packaging/bin/jkeepalived")
    [ "$2" = keepalived ] && bin=(keepalived)
    ip netns exec "$ns-$1" setsid "${bin[@]}" -n -l -P -f "$3" -p "$work/$4.pid" -r "$work/$4-v.pid" \
        -c "$work/$4-c.pid" > "$work/$4.log" 2>&1 &
    local p=$!; disown $p; echo "$p" >> "$work/pids"; echo $p
}
await() { # log text seconds
    for ((k = 0; k < $3 * 20; k++)); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.05; done; return 1
}
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "n/a"; else print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

echo "== failover: time from the signal to the backup's first advert as master (median of $rounds)"
printf '%-12s %-8s %-6s %12s %12s %8s\n' case signal adv keepalived jkeepalived ratio
for adv in ${FB_ADVERTS:-2:1 3:0.1 3:0.01}; do   # version:advert_int pairs
    ver=${adv%%:*}; int=${adv#*:}
    conf "$work/m.conf" "$ver" "$int" 150 1; conf "$work/b.conf" "$ver" "$int" 100 1
    for sig in ${FB_SIGNALS:-TERM KILL}; do
        declare -A med=()
        for impl in keepalived jkeepalived; do
            times=()
            for ((r = 1; r <= rounds; r++)); do
                m=$(start h1 "$impl" "$work/m.conf" m)
                await "$work/m.log" "Entering MASTER STATE" 30 || { echo "master did not start" >&2; cat "$work/m.log" >&2; exit 1; }
                b=$(start h2 "$impl" "$work/b.conf" b)
                await "$work/b.log" "Entering BACKUP STATE" 30 || { echo "backup $impl did not start:" >&2; cat "$work/b.log" >&2; exit 1; }
                sleep 1
                ip netns exec "$ns-br" setsid dumpcap -q -i br0 -f vrrp -w "$work/cap.pcapng" > /dev/null 2>&1 &
                cap=$!; disown $cap; echo "$cap" >> "$work/pids"; sleep 1
                t0=$(date +%s.%N)
                kill -"$sig" -- "-$m" || echo "note: master $impl had already exited" >&2
                await "$work/b.log" "Entering MASTER STATE" 20 || true
                sleep 0.5
                kill -INT $cap; sleep 0.5
                first=$(tshark -r "$work/cap.pcapng" -Y "ip.src == 198.51.100.2 && vrrp.prio == 100 && frame.time_epoch > $t0" \
                    -T fields -e frame.time_epoch 2>/dev/null | head -1)
                [ -n "$first" ] && times+=("$(awk -v a="$first" -v b="$t0" 'BEGIN { printf "%.3f", a - b }')")
                kill -TERM -- "-$b" 2>/dev/null || true; kill -KILL -- "-$m" 2>/dev/null || true
                sleep 1; kill -KILL -- "-$b" 2>/dev/null || true
                ip -n "$ns-h1" addr flush dev eth0 scope global; ip -n "$ns-h1" addr add 198.51.100.1/24 dev eth0
                ip -n "$ns-h2" addr flush dev eth0 scope global; ip -n "$ns-h2" addr add 198.51.100.2/24 dev eth0
                # killed daemons whose parent is gone can linger as zombies, which a pid file check counts as
                # running ("daemon is already running"): start each round without the old pid files
                rm -f "$work"/*.log "$work"/*.pid "$work/cap.pcapng"
            done
            med[$impl]=$(printf '%s\n' "${times[@]}" | median)
        done
        ratio=$(awk -v a="${med[jkeepalived]}" -v b="${med[keepalived]}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
        printf '%-12s %-8s %-6s %11ss %11ss %8s\n' "v$ver" "$sig" "$int" "${med[keepalived]}" "${med[jkeepalived]}" "$ratio"
    done
done

echo
echo "== advert 0.01 s for 60 s, jkeepalived's JVM allocating 200 MB/s: the backup must never take over"
echo "   (keepalived itself flapped 8 times in 55 s in the reference lab, ../shared/reference)"
conf "$work/m.conf" 3 0.01 150 1; conf "$work/b.conf" 3 0.01 100 1
for impl in keepalived jkeepalived; do
    m=$(JKEEPALIVED_JAVA_OPTS="-Djk.bench.allocationMBps=200" start h1 "$impl" "$work/m.conf" m)
    await "$work/m.log" "Entering MASTER STATE" 30
    b=$(start h2 keepalived "$work/b.conf" b)
    await "$work/b.log" "Entering BACKUP STATE" 30
    sleep 60
    flaps=$(grep -c "Entering MASTER STATE" "$work/b.log" || true)
    printf '%-12s master, keepalived backup: %s spurious takeovers in 60 s\n' "$impl" "$flaps"
    kill -TERM -- "-$b" "-$m" 2>/dev/null || true; sleep 1
    kill -KILL -- "-$b" 2>/dev/null || true; kill -KILL -- "-$m" 2>/dev/null || true
    ip -n "$ns-h1" addr flush dev eth0 scope global; ip -n "$ns-h1" addr add 198.51.100.1/24 dev eth0
    ip -n "$ns-h2" addr flush dev eth0 scope global; ip -n "$ns-h2" addr add 198.51.100.2/24 dev eth0
    rm -f "$work"/*.log "$work"/*.pid
done

echo
echo "== idle master: resident memory (all processes of the daemon) and CPU over 20 s"
printf '%-10s %-12s %10s %8s\n' instances impl RSS_MB CPU_%
for n in 1 200; do
    conf "$work/i.conf" 2 1 150 "$n"
    for impl in keepalived jkeepalived; do
        m=$(start h1 "$impl" "$work/i.conf" i)
        sleep 8
        group=$(ps -o pid= -g "$m" | tr -s ' \n' ' ')
        t1=$(for p in $group; do awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null; done | awk '{ s += $1 } END { print s }')
        sleep 20
        t2=$(for p in $group; do awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null; done | awk '{ s += $1 } END { print s }')
        rss=$(for p in $group; do awk '/VmRSS/ { print $2 }' "/proc/$p/status" 2>/dev/null; done | awk '{ s += $1 } END { printf "%.1f", s / 1024 }')
        cpu=$(awk -v a="$t1" -v b="$t2" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", (b - a) / hz / 20 * 100 }')
        printf '%-10s %-12s %10s %8s\n' "$n" "$impl" "$rss" "$cpu"
        kill -TERM -- "-$m"; sleep 2; kill -KILL -- "-$m" 2>/dev/null || true
        rm -f "$work"/*.pid
        ip -n "$ns-h1" addr flush dev eth0 scope global; ip -n "$ns-h1" addr add 198.51.100.1/24 dev eth0
    done
done
