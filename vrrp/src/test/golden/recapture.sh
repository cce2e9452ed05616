#!/bin/bash
# Re-captures the IPv4 golden adverts of vrrp/src/test/resources/io/jkeepalived/vrrp/packet/ (v2-pass-term.hex,
# v3-adv1-term.hex, v3-adv0.1-term.hex) from Debian's keepalived 2.2.7, as root, in namespaces jk-garp-g* that
# reach nothing else: jk-garp-gbr holds a bridge, jk-garp-g1/-g2 one veth each (198.51.100.1/.2, MACs
# 02:00:00:00:00:01/02). Scenario (as the reference lab's "term" captures): h2 (prio 100) starts and becomes
# master, h1 (prio 150) starts and preempts, h1 gets SIGTERM (priority 0, h2 takes over), h1 starts again and
# preempts, then h1 and h2 get SIGTERM. VIP 198.51.100.100/24, VRID 51.
# Usage: recapture.sh MODE OUTDIR    MODE = v2-pass | v3-adv1 | v3-adv0.1
# Writes OUTDIR/MODE.pcap (VRRP and ARP as dumpcap saw them on the bridge) and the keepalived logs.
set -euo pipefail
MODE=$1
OUT=$(realpath "$2")
mkdir -p "$OUT"
BR=jk-garp-gbr
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill -KILL -- "-$p" 2>/dev/null || true; done
    for ns in jk-garp-g1 jk-garp-g2 $BR; do ip netns del $ns 2>/dev/null || true; done
}
trap cleanup EXIT
case $MODE in
    v2-pass) VER=2; ADV=1; AUTH='    authentication {
        auth_type PASS
        auth_pass labpass1
    }'; STEP=4 ;;
    v3-adv1) VER=3; ADV=1; AUTH=''; STEP=4 ;;
    v3-adv0.1) VER=3; ADV=0.1; AUTH=''; STEP=1 ;;
    *) echo "unknown mode $MODE" >&2; exit 2 ;;
esac
ip netns add $BR
ip -n $BR link add br0 type bridge
ip -n $BR link set br0 up
for i in 1 2; do
    ns=jk-garp-g$i
    ip netns add $ns
    ip -n $ns link set lo up
    ip -n $ns link add eth0 type veth peer name p$i netns $BR
    ip -n $ns link set eth0 address 02:00:00:00:00:0$i
    ip -n $BR link set p$i master br0 up
    ip -n $ns addr add 198.51.100.$i/24 dev eth0
    ip -n $ns link set eth0 up
    prio=$((i == 1 ? 150 : 100))
    cat > "$OUT/h$i.conf" <<CONF
global_defs {
    router_id lab_h$i
    vrrp_version $VER
    vrrp_garp_master_delay 5
}
vrrp_instance VI_1 {
    state $([ $i = 1 ] && echo MASTER || echo BACKUP)
    interface eth0
    virtual_router_id 51
    priority $prio
    advert_int $ADV
$AUTH
    virtual_ipaddress {
        198.51.100.100/24 dev eth0
    }
}
CONF
done
rm -f "$OUT/$MODE.pcap"
ip netns exec $BR setsid dumpcap -q -i br0 -f "vrrp or arp" -P -w "$OUT/$MODE.pcap" > "$OUT/dumpcap.log" 2>&1 &
PIDS+=($!)
sleep 1
start() { # host tag
    ip netns exec jk-garp-g$1 setsid /usr/sbin/keepalived -n -l -D -P -f "$OUT/h$1.conf" -p "$OUT/h$1-$2.pid" \
        -r "$OUT/h$1-$2-vrrp.pid" -c "$OUT/h$1-$2-chk.pid" > "$OUT/h$1-$2.log" 2>&1 &
    PIDS+=($!)
    LAST=$!
}
start 2 a; H2=$LAST
sleep $((STEP + 1))
start 1 a; H1=$LAST
sleep $((STEP + 1))
kill -TERM -- -$H1; sleep $STEP
start 1 b; H1=$LAST
sleep $((STEP + 1))
kill -TERM -- -$H1; sleep 1
kill -TERM -- -$H2; sleep 2
kill -INT -- -${PIDS[0]}; sleep 1
grep -h "STATE" "$OUT"/h*.log || true
