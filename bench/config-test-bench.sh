#!/usr/bin/env bash
# Times `jkeepalived -t` against `keepalived -t` on one generated config (VS virtual servers x RS real
# servers each, TCP_CHECK on every real server; 1000 x 10 gives about 97k lines) and prints the ratio.
# Both run inside a throw-away network namespace (jk-bench-*) so keepalived sees a quiet machine.
# Usage: sudo bench/config-test-bench.sh [VS] [RS] [RUNS]
# JAVA25_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64) adds a row for Java 25 with its AOT cache.
set -euo pipefail
cd "$(dirname "$0")/.."
vs=${1:-1000} rs=${2:-10} runs=${3:-5}
launcher=packaging/bin/jkeepalived
command -v keepalived >/dev/null || { echo "keepalived is not installed (apt-get install keepalived)"; exit 2; }
[ "$(id -u)" = 0 ] || { echo "needs root for the network namespace"; exit 2; }
[ -e daemon/target/jkeepalived-daemon.jar ] || { echo "build first: ./mvnw -q -DskipTests package"; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 2; }

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

# The commands compared; each run takes one turn of each, so a load that drifts while the benchmark runs
# (a shared machine) affects them alike. Java 25 with its AOT cache is added when that JDK is present.
names=(keepalived "jkeepalived java17")
cmds=("keepalived" "env JAVA_HOME=${JAVA17_HOME:-} $launcher")
java25=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ -x "$java25/bin/java" ]; then
  # remade when the jar is newer: the JVM ignores a cache whose jar has changed
  [ daemon/target/jkeepalived.aot -nt daemon/target/jkeepalived-daemon.jar ] || bench/aot-cache.sh "$java25" >/dev/null
  names+=("jkeepalived java25")
  cmds+=("env JAVA_HOME=$java25 $launcher")
fi

# Per run and command: wall seconds, CPU seconds (user + system), peak RSS in kB (exit code ignored: -t
# exits 0 to 6 depending on what it finds).
for r in $(seq "$runs"); do
  for i in "${!cmds[@]}"; do
    # shellcheck disable=SC2086
    /usr/bin/time -o "$work/time" -f '%e %U %S %M' ip netns exec "$ns" ${cmds[$i]} -t -f "$conf" >/dev/null 2>&1 || true
    tail -1 "$work/time" | awk -v i="$i" '{printf "%d %s %.2f %s\n", i, $1, $2 + $3, $4}' >> "$work/all"
  done
done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "config: $vs virtual servers x $rs real servers, $lines lines; median of $runs runs (max RSS)"
printf '%-20s %8s %8s %9s %12s %11s\n' "" "wall s" "cpu s" "RSS MB" "ratio wall" "ratio RSS"
read -r kt < <(awk '$1 == 0 {print $2}' "$work/all" | median)
read -r km < <(awk '$1 == 0 {print $4}' "$work/all" | sort -n | tail -1)
for i in "${!cmds[@]}"; do
  t=$(awk -v i="$i" '$1 == i {print $2}' "$work/all" | median)
  c=$(awk -v i="$i" '$1 == i {print $3}' "$work/all" | median)
  m=$(awk -v i="$i" '$1 == i {print $4}' "$work/all" | sort -n | tail -1)
  awk -v n="${names[$i]}" -v t="$t" -v c="$c" -v m="$m" -v kt="$kt" -v km="$km" \
    'BEGIN {printf "%-20s %8.2f %8.2f %9.1f %12.2f %11.2f\n", n, t, c, m / 1024, t / kt, m / km}'
done
