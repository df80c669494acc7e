#!/usr/bin/env bash
# Fetches QEMU 10.0.x (bookworm-backports) and unpacks it beside the system's QEMU 7.2, which stays installed and
# stays the one on the PATH. The real-QEMU tests run against both: 10.0 changed the QMP schema and its COLO start
# is broken in 10.0.0-10.0.6 (the console must recognise that from what the sides report).
#
#   .ci/qemu-10.sh            # as root; unpacks into $COLO_QEMU10_DIR (default /opt/qemu-10.0)
#
# Idempotent: a second run with the same candidate version changes nothing. The binary runs as
#   QEMU_MODULE_DIR=$DIR/usr/lib/x86_64-linux-gnu/qemu $DIR/usr/bin/qemu-system-x86_64 -L $DIR/usr/share/qemu ...
# (the tests find it through COLO_QEMU10_DIR too; see src/test/java/org/coloconsole/testing/TestedQemu.java).
set -euo pipefail

dir=${COLO_QEMU10_DIR:-/opt/qemu-10.0}
suite=bookworm-backports
sources=/etc/apt/sources.list.d/bookworm-backports.sources
packages=(qemu-system-x86 qemu-system-common qemu-system-data)
export DEBIAN_FRONTEND=noninteractive

# The same mirror and key as the system's Debian sources (the first stanza that is not debian-security).
read -r uris signed_by < <(awk '
    /^[[:space:]]*$/ { if (u != "" && u !~ /security/) { print u, s; found = 1; exit } u = ""; s = "" }
    /^URIs:/ { u = $2 }
    /^Signed-By:/ { s = $2 }
    END { if (!found && u != "" && u !~ /security/) print u, s }
' /etc/apt/sources.list.d/debian.sources)
if [[ -z ${uris:-} || -z ${signed_by:-} ]]; then
    echo "qemu-10.sh: no Debian URIs/Signed-By in /etc/apt/sources.list.d/debian.sources" >&2
    exit 1
fi
wanted="Types: deb
URIs: $uris
Suites: $suite
Components: main
Signed-By: $signed_by"
if [[ ! -f $sources ]] || [[ "$(cat "$sources")" != "$wanted" ]]; then
    printf '%s\n' "$wanted" > "$sources"
fi
# Only the backports suite is enabled, and never installed from: apt-get download fetches .debs, nothing else.
apt-get update -o Dir::Etc::sourcelist="$sources" -o Dir::Etc::sourceparts=- -o APT::Get::List-Cleanup=0 >/dev/null

candidate=$(apt-cache madison qemu-system-x86 | awk -v s="$suite" '$0 ~ s"/" { print $3; exit }')
if [[ -z $candidate ]]; then
    echo "qemu-10.sh: qemu-system-x86 has no candidate in $suite" >&2
    exit 1
fi
stamp="$dir/.debian-version"
if [[ -x $dir/usr/bin/qemu-system-x86_64 && -f $stamp && "$(cat "$stamp")" == "$candidate" ]]; then
    echo "qemu-10.sh: $candidate already in $dir"
else
    work=$(mktemp -d)
    # apt-get download fetches as the _apt user where it exists
    chmod 755 "$work"
    if id _apt >/dev/null 2>&1; then chown _apt "$work"; fi
    trap 'rm -rf -- "$work"' EXIT
    (cd "$work" && apt-get download -t "$suite" "${packages[@]/%/=$candidate}" >/dev/null)
    mkdir -p "$work/root"
    for deb in "$work"/*.deb; do
        dpkg -x "$deb" "$work/root"
    done
    printf '%s\n' "$candidate" > "$work/root/.debian-version"
    # swap in whole, so that an interrupted run never leaves half a QEMU where the tests look
    rm -rf -- "$dir.old"
    [[ -e $dir ]] && mv -- "$dir" "$dir.old"
    mkdir -p "$(dirname -- "$dir")"
    mv -- "$work/root" "$dir"
    rm -rf -- "$dir.old"
fi

QEMU_MODULE_DIR="$dir/usr/lib/x86_64-linux-gnu/qemu" "$dir/usr/bin/qemu-system-x86_64" -L "$dir/usr/share/qemu" \
    --version | head -n 1
