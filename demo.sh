#!/usr/bin/env bash
# jkeepalived demo: seed 002's setup (two nginx directors sharing a VIP with VRRP) on one machine, in network
# namespaces of its own. Two directors each serve their host name on port 8000; a client polls the VIP every
# 100 ms; the master is killed (SIGKILL), the backup takes over, the master comes back and preempts. Every step
# is printed on a timeline with measured times. Exits 0 when the failover worked, 1 otherwise.
#
#   sudo ./demo.sh                    both directors run jkeepalived
#   sudo ./demo.sh --peer keepalived  the backup is Debian's keepalived 2.2.7 (interop)
#   ./demo.sh --config-test           only the config check: jkeepalived -t next to keepalived -t
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
peer=jkeepalived
case "${1:-}" in
    --peer) peer="${2:?--peer takes jkeepalived or keepalived}" ;;
    --config-test) exec "$root/src/test/scripts/config-test-demo.sh" ;;
    "") ;;
    *) echo "usage: $0 [--peer jkeepalived|keepalived] [--config-test]" >&2; exit 2 ;;
esac
if [ "$(id -u)" != 0 ]; then echo "demo.sh: run as root (it creates network namespaces): sudo $0 $*" >&2; exit 2; fi
if [ ! -f daemon/target/jkeepalived-daemon.jar ]; then
    echo "== building (./mvnw -q -DskipTests package)"
    ./mvnw -q -DskipTests package
fi
if [ "$peer" = keepalived ] && ! command -v keepalived >/dev/null; then
    echo "demo.sh: --peer keepalived needs Debian's keepalived (apt-get install keepalived)" >&2; exit 2
fi

ns=jk-demo$$
work=$(mktemp -d /tmp/jk-demo.XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -KILL -- "-$p" 2>/dev/null || kill -KILL "$p" 2>/dev/null || true; done
    for n in br d1 d2 client; do ip netns del "$ns-$n" 2>/dev/null || true; done
    if [ -n "${JK_DEMO_KEEP:-}" ]; then echo "logs kept in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

t0=$(date +%s.%N)
calc() { awk "BEGIN { print $* }"; }   # floating point without bc (not on every machine)
now() { awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { printf "%6.2f", a - b }'; }
say() { echo "[t=$(now) s] $*"; }

# --- the lab: a bridge in its own namespace, two directors and a client plugged into it -------------------------
for n in br d1 d2 client; do ip netns add "$ns-$n"; ip -n "$ns-$n" link set lo up; done
ip -n "$ns-br" link add br0 type bridge
ip -n "$ns-br" link set br0 up
i=0
for n in d1 d2 client; do
    i=$((i + 1))
    ip -n "$ns-$n" link add eth0 type veth peer name p$i netns "$ns-br"
    ip -n "$ns-br" link set p$i master br0 up
    ip -n "$ns-$n" link set eth0 up
    ip -n "$ns-$n" addr add 198.51.100.$i/24 dev eth0
done
VIP=198.51.100.100
say "lab up: director-1 198.51.100.1, director-2 198.51.100.2, client 198.51.100.3, VIP $VIP (namespaces $ns-*)"

# --- a web server on each director, answering its name -----------------------------------------------------------
for d in 1 2; do
    mkdir -p "$work/www$d"
    echo "director-$d" > "$work/www$d/index.html"
    if command -v busybox >/dev/null; then
        ip netns exec "$ns-d$d" setsid busybox httpd -f -p 8000 -h "$work/www$d" >/dev/null 2>&1 &
    else
        (cd "$work/www$d" && exec ip netns exec "$ns-d$d" setsid python3 -m http.server 8000 >/dev/null 2>&1) &
    fi
    pids+=($!)
    disown $!  # killed on purpose at the end: no "Killed" notice from the shell
done

# --- keepalived.conf as in seed 002 (VRID 172, PASS 1234, priorities 100 / 90, advert 1 s) -----------------------
conf() { # $1 director, $2 state, $3 priority
    cat > "$work/d$1.conf" <<CONF
global_defs {
    router_id director_$1
}
vrrp_instance VI_1 {
    state $2
    interface eth0
    virtual_router_id 172
    priority $3
    advert_int 1
    authentication {
        auth_type PASS
        auth_pass 1234
    }
    virtual_ipaddress {
        $VIP/24 dev eth0
    }
}
CONF
}
conf 1 MASTER 100
conf 2 BACKUP 90
start_director() { # $1 director, $2 implementation
    local bin=("$root/packaging/bin/jkeepalived")
    [ "$2" = keepalived ] && bin=(keepalived)
    ip netns exec "$ns-d$1" setsid "${bin[@]}" -n -l -P -f "$work/d$1.conf" -p "$work/d$1.pid" \
        -r "$work/d$1-vrrp.pid" -c "$work/d$1-checkers.pid" >> "$work/d$1.log" 2>&1 &
    local pid=$!
    disown $pid
    echo $pid
}

# --- the client: who answers on the VIP? -----------------------------------------------------------------------
ask() { ip netns exec "$ns-client" curl -s --max-time 0.3 "http://$VIP:8000/" 2>/dev/null || echo "-"; }
# Polls every 100 ms until the VIP is served by $1, at most $2 seconds; prints the outage it saw.
wait_for() {
    local want=$1 limit=$2 start last="" gap_start="" longest=0 answer t
    start=$(date +%s.%N)
    while :; do
        answer=$(ask)
        t=$(date +%s.%N)
        if [ "$answer" != "$last" ]; then
            if [ "$answer" = "-" ]; then say "client: no answer on the VIP"; else say "client: VIP answered by $answer"; fi
            last=$answer
        fi
        if [ "$answer" = "-" ]; then [ -z "$gap_start" ] && gap_start=$t
        elif [ -n "$gap_start" ]; then
            longest=$(calc "($t - $gap_start > $longest) ? $t - $gap_start : $longest"); gap_start=""
        fi
        if [ "$answer" = "$want" ]; then
            printf -v waited '%.2f' "$(calc "$t - $start")"
            printf -v outage '%.2f' "$longest"
            return 0
        fi
        if [ "$(calc "($t - $start > $limit) ? 1 : 0")" = 1 ]; then return 1; fi
        sleep 0.1
    done
}

ok=1
d1=$(start_director 1 jkeepalived); pids+=("$d1")
say "director-1: jkeepalived started (MASTER, priority 100)"
d2=$(start_director 2 "$peer"); pids+=("$d2")
say "director-2: $peer started (BACKUP, priority 90)"
if wait_for director-1 20; then say "director-1 holds the VIP ($waited s after start)"; else say "FAILED: director-1 never served the VIP"; ok=0; fi

if [ $ok = 1 ]; then
    sleep 2
    say "killing director-1's jkeepalived with SIGKILL (a crash: no goodbye advert)"
    kill -KILL -- "-$d1"
    if wait_for director-2 15; then
        say "director-2 took over: served $waited s after the kill (longest outage seen by the client $outage s;"
        say "   keepalived's master-down time here is 3 x 1 s + skew 0.65 s = 3.65 s after the last advert)"
    else say "FAILED: director-2 did not take over"; ok=0; fi
fi
if [ $ok = 1 ]; then
    sleep 2
    say "restarting jkeepalived on director-1 (higher priority: it preempts)"
    d1=$(start_director 1 jkeepalived); pids+=("$d1")
    if wait_for director-1 20; then say "director-1 is master again, $waited s after its restart"; else say "FAILED: director-1 did not preempt"; ok=0; fi
fi

echo
echo "--- director-1 log (jkeepalived) ---"; tail -15 "$work/d1.log" || true
echo "--- director-2 log ($peer) ---"; tail -15 "$work/d2.log" || true
echo
if [ $ok = 1 ]; then say "demo passed: the VIP failed over and back"; exit 0; else say "demo FAILED"; exit 1; fi
