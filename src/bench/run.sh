#!/bin/sh
# Runs the benchmarks on the classpath: src/bench/run.sh [roundtrip|decode|detection|checkpoints|autofail|fulllab|failoverserving|reprotect|perf|ingest|uiflood|hugeflood|all] [extra args]
# perf = ingest then uiflood (see src/bench/PERF.md); uiflood runs under xvfb-run.
# JAVA_OPTS is passed to the round-trip JVM, e.g. to record a profile:
#   JAVA_OPTS='-XX:+FlightRecorder -XX:StartFlightRecording=filename=target/rt.jfr,settings=profile' src/bench/run.sh roundtrip
set -eu
cd "$(dirname "$0")/../.."
what="${1:-all}"
[ $# -gt 0 ] && shift

mvn -B -q -o -Pbench test-compile
mvn -B -q -o -Pbench dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"

roundtrip() {
    # shellcheck disable=SC2086
    java ${JAVA_OPTS:-} -cp "$CP" org.coloconsole.bench.RoundTripBench "$@"
}
detection() {
    java -cp "$CP" org.coloconsole.bench.DetectionBench "$@"
}
ingest() {
    # shellcheck disable=SC2086
    java ${JAVA_OPTS:-} -cp "$CP" org.coloconsole.bench.IngestBench "$@"
}
uiflood() {
    # shellcheck disable=SC2086
    xvfb-run -a -s "-screen 0 1280x800x24" java ${JAVA_OPTS:-} -cp "$CP" org.coloconsole.bench.UiFloodBench "$@"
}
fulllab() {
    java -cp "$CP" org.coloconsole.bench.FullLabBench "$@"
}
failoverserving() {
    java -cp "$CP" org.coloconsole.bench.FailoverServingBench "$@"
}
reprotect() {
    java -cp "$CP" org.coloconsole.bench.ReprotectBench "$@"
}
hugeflood() {
    # shellcheck disable=SC2086
    java ${JAVA_OPTS:-} -cp "$CP" org.coloconsole.bench.HugeEventFloodBench "$@"
}
autofail() {
    java -cp "$CP" org.coloconsole.bench.AutoFailoverBench "$@"
}
checkpoints() {
    java -cp "$CP" org.coloconsole.bench.CheckpointBench "$@"
}
decode() {
    java -cp "$CP" org.openjdk.jmh.Main 'org.coloconsole.bench.EventDecodeBench' "$@"
}

case "$what" in
    roundtrip) roundtrip "$@" ;;
    decode) decode "$@" ;;
    hugeflood) hugeflood "$@" ;;
    detection) detection "$@" ;;
    checkpoints) checkpoints "$@" ;;
    autofail) autofail "$@" ;;
    fulllab) fulllab "$@" ;;
    failoverserving) failoverserving "$@" ;;
    reprotect) reprotect "$@" ;;
    ingest) ingest "$@" ;;
    uiflood) uiflood "$@" ;;
    perf) ingest && uiflood ;;
    all) roundtrip && decode ;;
    *) echo "usage: $0 [roundtrip|decode|detection|checkpoints|autofail|fulllab|failoverserving|reprotect|perf|ingest|uiflood|hugeflood|all] [args]" >&2; exit 2 ;;
esac
