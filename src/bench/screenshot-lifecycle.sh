#!/bin/sh
# Screenshots of the window's lifecycle actions on real lab pairs, under Xvfb (src/bench/java/.../WindowScreenshots):
#   11. the restore dialog with the expected command line, after "Start the new secondary in the lab" and the check
#   12. the flow running, its copy (resync) step done (the jobs pane's rate and time left cannot be pictured: the
#       lab's 16 MiB copy is ready in well under a second)   13. protected again (the dialog, then the window)
#   14. the automatic failover's countdown banner, "Promoting the secondary in 2 s — Cancel"   15. after it acted:
#       "Re-arm automatic failover"
# Usage: src/bench/screenshot-lifecycle.sh [restore|countdown|all] [OUT_DIR]   (default all, assets/screenshots; needs
# xvfb, QEMU). Its journal, profiles and labs live in temporary folders of its own.
set -eu
cd "$(dirname "$0")/../.."
what="${1:-all}"
out="${2:-assets/screenshots}"
mvn -B -q -o -Pbench test-compile
mvn -B -q -o -Pbench dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
RUN=$(mktemp -d /tmp/colo-lifecycle-shots.XXXXXX)
mkdir -m 700 "$RUN/runtime"
export XDG_DATA_HOME="$RUN/data" XDG_CONFIG_HOME="$RUN/config" XDG_RUNTIME_DIR="$RUN/runtime"
trap 'rm -rf "$RUN"' EXIT
shots() {
    xvfb-run -a -s "-screen 0 1280x800x24" java -cp "$CP" org.coloconsole.bench.WindowScreenshots "$1" "$out"
}
case "$what" in
    restore|countdown) shots "$what" ;;
    all) shots countdown && shots restore ;;
    *) echo "usage: $0 [restore|countdown|all] [OUT_DIR]" >&2; exit 2 ;;
esac
echo "Screenshots in $out:"; ls -1 "$out"
