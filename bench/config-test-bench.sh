#!/usr/bin/env bash
# Times `jkeepalived -t` against `keepalived -t` on one generated config (VS virtual servers x RS real
# servers each, TCP_CHECK on every real server; 1000 x 10 gives about 97k lines) and prints the ratio.
# Both run inside a throw-away network namespace (jk-bench-*) so keepalived sees a quiet machine.
# Usage: sudo bench/config-test-bench.sh [VS] [RS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
vs=${1:-1000} rs=${2:-10} runs=${3:-5}
launcher=packaging/bin/jkeepalived
command -v keepalived >/dev/null || { echo "keepalived is not installed (apt-get install keepalived)"; exit 2; }
[ "$(id -u)" = 0 ] || { echo "needs root for the network namespace"; exit 2; }
[ -e daemon/target/jkeepalived-daemon.jar ] || { echo "build first: ./mvnw -q -DskipTests package"; exit 2; }

work=$(mktemp -d /tmp/jk-bench.XXXXXX)
ns=jk-bench-$$
cleanup() { ip netns del "$ns" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
ip netns add "$ns"
ip -n "$ns" link set lo up

conf=$work/keepalived.conf
python3 - "$vs" "$rs" > "$conf" <<'PY'
import sys
vs, rs = int(sys.argv[1]), int(sys.argv[2])
print("global_defs {\n    router_id bench\n}\n")
for v in range(vs):
    # 250 addresses x 4 ports covers 1000 virtual servers inside 198.51.100.0/24
    vip, port = f"198.51.100.{v % 250 + 1}", 80 + v // 250
    print(f"virtual_server {vip} {port} {{\n    delay_loop 6\n    lb_algo wlc\n    lb_kind DR\n"
          f"    persistence_timeout 50\n    protocol TCP\n")
    for r in range(rs):
        rip = f"203.0.113.{(v * rs + r) % 250 + 1}"
        rport = 8000 + (v * rs + r) // 250
        print(f"    real_server {rip} {rport} {{\n        weight 1\n        TCP_CHECK {{\n"
              f"            connect_port {rport}\n            connect_timeout 3\n            retry 3\n"
              f"            delay_before_retry 3\n        }}\n    }}")
    print("}\n")
PY
lines=$(wc -l < "$conf")

# Prints "median_seconds max_rss_mb" over $runs runs of the command (exit code ignored: -t exits 0/5).
measure() {
  local t=() m=() out
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$work/time" -f '%e %M' ip netns exec "$ns" "$@" -t -f "$conf" >/dev/null 2>&1 || true
    out=$(tail -1 "$work/time")
    t+=("${out% *}"); m+=("${out#* }")
  done
  printf '%s\n' "${t[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%s ", a[int((NR+1)/2)]}'
  printf '%s\n' "${m[@]}" | sort -n | tail -1 | awk '{printf "%.1f\n", $1/1024}'
}

read -r kt km < <(measure keepalived)
read -r jt jm < <(measure "$launcher")
echo "config: $vs virtual servers x $rs real servers, $lines lines; median of $runs runs"
printf '%-12s %8s s %8s MB\n' keepalived "$kt" "$km" jkeepalived "$jt" "$jm"
awk -v j="$jt" -v k="$kt" -v jm="$jm" -v km="$km" 'BEGIN {printf "ratio (jkeepalived/keepalived): time %.2f, memory %.2f\n", j/k, jm/km}'
