#!/usr/bin/env bash
# Regenerates the PNG sizes of the application icon from the SVG sources next to this script.
# 16 px comes from colo-console-16.svg (drawn on the pixel grid); every other size from colo-console.svg.
# Also writes colo-console.ico (Windows, for an .msi) with ImageMagick's convert and colo-console.icns (macOS, for a
# .dmg) with png2icns, when those tools exist.
# Needs rsvg-convert (Debian: apt-get install librsvg2-bin); optional: imagemagick, icnsutils.
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

if command -v convert >/dev/null 2>&1; then
    convert "$here"/colo-console-{16,32,48,64,128,256}.png "$here/colo-console.ico"
    echo "$here/colo-console.ico"
else
    echo "render.sh: no ImageMagick convert: colo-console.ico not refreshed" >&2
fi
if command -v png2icns >/dev/null 2>&1; then
    png2icns "$here/colo-console.icns" "$here"/colo-console-{16,32,128,256,512}.png >/dev/null
    echo "$here/colo-console.icns"
else
    echo "render.sh: no png2icns (apt-get install icnsutils): colo-console.icns not refreshed" >&2
fi
