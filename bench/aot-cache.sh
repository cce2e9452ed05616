#!/bin/sh
# Makes daemon/target/jkeepalived.aot, the Java 25+ AOT cache (JEP 483/514) the launcher uses instead of
# the build's CDS archive when it runs on Java 25 or later. The build itself runs on Java 17, so this is a
# separate step: a config test of bench/cds-training.conf on the JDK that will run jkeepalived.
# Usage: bench/aot-cache.sh [JDK_HOME]      (default: $JAVA_HOME, else /usr/lib/jvm/temurin-25-jdk-amd64)
set -eu
cd "$(dirname "$0")/.."
jdk=${1:-${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}}
[ -x "$jdk/bin/java" ] || { echo "no java in $jdk" >&2; exit 2; }
home=$(cd daemon/target && pwd -P)
[ -f "$home/jkeepalived-daemon.jar" ] || { echo "build first: ./mvnw -q -DskipTests package" >&2; exit 2; }
rm -f "$home/jkeepalived.aot"
# Same collector and compiler as the launcher; the class path must be the one the launcher passes.
"$jdk/bin/java" -XX:AOTCacheOutput="$home/jkeepalived.aot" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -jar "$home/jkeepalived-daemon.jar" -t -f bench/cds-training.conf >"$home/aot-cache.log" 2>&1 || true
[ -f "$home/jkeepalived.aot" ] || { echo "no AOT cache made; see $home/aot-cache.log" >&2; exit 1; }
echo "made $home/jkeepalived.aot"
