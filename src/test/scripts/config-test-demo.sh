#!/usr/bin/env bash
# jkeepalived demo. Until the VRRP engine lands (issue: VRRP engine), the demo shows the part that works
# today: `jkeepalived -t` reading keepalived.conf files exactly as keepalived 2.2.7 does, side by side with
# keepalived itself when it is installed. Builds the project first if needed.
set -euo pipefail
cd "$(dirname "$0")/../../.."
if [ ! -f daemon/target/jkeepalived-daemon.jar ]; then
    echo "== building (./mvnw -q -DskipTests package)"
    ./mvnw -q -DskipTests package
fi
jk=packaging/bin/jkeepalived
run() {
    local f=$1
    echo
    echo "== jkeepalived -t -f $f"
    set +e
    "$jk" -t -f "$f"
    local rc=$?
    set -e
    echo "-- exit status $rc"
    if command -v keepalived >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v ip >/dev/null 2>&1; then
        # keepalived -t checks interfaces: run it in a namespace of ours with eth0/eth1, as the tests do.
        local ns="jk-demo-$$"
        ip netns add "$ns"
        trap 'ip netns del "'"$ns"'" 2>/dev/null || true' EXIT
        ip -n "$ns" link add eth0 type veth peer name eth1
        echo "== keepalived -t -f $f (Debian's keepalived, for comparison)"
        set +e
        ip netns exec "$ns" keepalived -t -f "$(readlink -f "$f")"
        local krc=$?
        set -e
        echo "-- exit status $krc"
        ip netns del "$ns"
        trap - EXIT
    fi
    return 0
}
run examples/keepalived.conf
run examples/broken.conf
echo
echo "jkeepalived reports what keepalived reports, on the same lines, with the same exit status;"
echo "unknown keywords also get a 'did you mean' hint."
