#!/usr/bin/env bash
# Regenerates the PNG sizes of the application icon from the SVG sources next to this script.
# 16 px comes from colo-console-16.svg (drawn on the pixel grid); every other size from colo-console.svg.
# Needs rsvg-convert (Debian: apt-get install librsvg2-bin).
set -euo pipefail

here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
if ! command -v rsvg-convert >/dev/null 2>&1; then
    echo "render.sh: rsvg-convert is missing; install it with: apt-get install librsvg2-bin" >&2
    exit 2
fi

for size in 16 32 48 64 128 256 512; do
    source="$here/colo-console.svg"
    if [[ $size -eq 16 ]]; then
        source="$here/colo-console-16.svg"
    fi
    rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio "$source" \
        --output "$here/colo-console-$size.png"
    echo "$here/colo-console-$size.png"
done
