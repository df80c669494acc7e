#!/usr/bin/env bash
# Builds the COLO Console app-image and installer with the JDK's own jpackage.
#
#   packaging/build-installer.sh [VERSION]
#
# Run after `mvn -B -DskipTests package` (or as part of `mvn -B -Ppackage package`, which passes the pom's version).
# Without VERSION, the version is taken from the built jar's name (target/colo-console-VERSION.jar).
#
# Output (Linux):  target/jpackage/colo-console/                   the app-image (own runtime + launchers)
#                  target/installer/colo-console_VERSION-1_amd64.deb
#                  target/installer/docs/                           the man pages and bash completion it carries
#
# Environment:
#   COLO_PACKAGE_TYPE   the installer: deb on Linux (default), msi on Windows (Git Bash; needs WiX 3 on PATH),
#                       dmg on macOS; none for the app-image only. jpackage builds only for the system it runs on.
#   COLO_APPCDS=0|1     AppCDS archive trained at package time (default 1 on Linux, where it was measured;
#                       0 elsewhere). See docs/packaging.md.
#   SOURCE_DATE_EPOCH   the date every file, the copyright year and the man pages carry; default: the last commit's
#                       (so two builds of one commit carry the same dates: https://reproducible-builds.org/specs/)
set -euo pipefail

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd -- "$script_dir/.." && pwd)
target="$repo_root/target"
name=colo-console
main_module=org.coloconsole/org.coloconsole.Main
# The same flag as the checkout launcher and surefire: ControlsFX's AutoCompletion reaches into JavaFX internals.
app_java_option="--add-exports=javafx.base/com.sun.javafx.event=org.controlsfx.controls"
# Memory (measured with src/bench UiFloodBench, see src/bench/PERF.md): the live heap after 1,000,000 log events is
# ~80 MB; a Serial heap that starts at 48 MB and may grow to 200 MB (G1's own structures took 49 MB), a small young
# generation, a 64 MB code cache and a periodic trim of the C heap took RSS from 573 to 398 MB with pulse gaps better,
# not worse. The checkout launcher (packaging/colo-console) uses the same.
memory_java_options=(-Xms48m -Xmx200m -Xmn24m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m)

say() { printf '[build-installer] %s\n' "$*" >&2; }
fail() { printf '[build-installer] %s\n' "$*" >&2; exit 1; }

# Strips the symbol tables of every ELF file under $1 (they start with 0x7f 'E' 'L' 'F').
strip_elf() {
    local file count=0
    command -v strip >/dev/null 2>&1 || fail "strip is missing (Debian: apt-get install binutils)."
    while IFS= read -r -d '' file; do
        [[ $(head -c 4 "$file" | od -An -c | tr -d ' ') == '177ELF' ]] || continue
        strip --strip-unneeded --remove-section=.comment --remove-section=.note "$file"
        count=$((count + 1))
    done < <(find "$1" -type f -print0)
    say "stripped $count ELF files"
}

# Writes IMAGE/bin/NAME-cli: the same program as the native launcher bin/NAME, started by the runtime's bin/java with
# the options of the launcher's .cfg. Why a second launcher: JDK 17's jpackage launcher runs `rpm -qf`, `dpkg -S` and,
# once installed, `dpkg -L` on every start to find its own library, which cost 0.3-0.5 s of each one-shot call
# (docs/packaging.md). /usr/bin/NAME points here; the menu entry keeps the native launcher.
write_cli_launcher() {
    local image=$1 cfg="$1/lib/app/$name.cfg" cli="$1/bin/$name-cli" main option cli_archive
    main=$(sed -n 's/^app.mainmodule=//p' "$cfg")
    [[ -n "$main" ]] || fail "$cfg names no main module."
    {
        printf '#!/bin/sh\n'
        printf '# %s from the command line. Written by packaging/build-installer.sh from lib/app/%s.cfg:\n' "$name" "$name"
        printf '# the options of the native launcher bin/%s, without its package-manager queries at each start.\n' "$name"
        printf 'self=$(readlink -f -- "$0")\n'
        printf 'image=${self%%/bin/*}\n'
        # A subcommand (and --version, --help) maps the command line's own AppCDS archive when train-appcds.sh made
        # one: a JVM maps and relocates its whole archive at every start, and the window's JavaFX classes cost each
        # call about 45 ms. It also runs on C1 alone: a one-shot call ends before C2's compilations pay off, and C2
        # compiling meanwhile took the second core (about 30 ms of a `status`); `watch`, the long-running one, waits
        # on QEMU, not on the CPU. The window (no argument, or its options) keeps its archive and both compilers.
        cli_archive=$name.jsa
        [[ -f "$image/lib/app/$name-cli.jsa" ]] && cli_archive=$name-cli.jsa
        printf 'case "${1-}" in\n'
        printf '    -V|--version|-h|--help) archive=%s jit=-XX:TieredStopAtLevel=1 ;;\n' "$cli_archive"
        printf '    ""|-*) archive=%s.jsa jit= ;;\n' "$name"
        printf '    *) archive=%s jit=-XX:TieredStopAtLevel=1 ;;\n' "$cli_archive"
        printf 'esac\n'
        printf 'exec "$image/lib/runtime/bin/java"'
        while IFS= read -r option; do
            # the .cfg's $APPDIR is the image's lib/app; its archive is the one chosen above
            option=${option//\$APPDIR\/$name.jsa/\$image/lib/app/\$archive}
            option=${option//\$APPDIR/\$image/lib/app}
            printf ' \\\n    "%s"' "$option"
        done < <(sed -n 's/^java-options=//p' "$cfg")
        printf ' \\\n    ${jit:+"$jit"}'
        printf ' \\\n    -m "%s" "$@"\n' "$main"
    } >"$cli"
    chmod 0755 "$cli"
}

# Man pages (one per command) and bash completion from the picocli model, into $1/man1 and $1/completions/NAME.
# picocli-codegen writes AsciiDoc; asciidoctor's manpage backend turns it into troff.
generate_docs() {
    local out=$1 codegen classpath
    codegen=$(ls "$target"/packaging-tools/picocli-codegen-*.jar 2>/dev/null | head -n 1 || true)
    [[ -n "$codegen" ]] || fail "No picocli-codegen in target/packaging-tools: build with mvn -B -Ppackage package."
    command -v asciidoctor >/dev/null 2>&1 || fail "asciidoctor is missing (Debian: apt-get install asciidoctor)."
    classpath="$target/classes:$codegen:$(ls "$target"/modules/*.jar | tr '\n' ':')"
    rm -rf "$out"
    mkdir -p "$out/adoc" "$out/man1" "$out/completions"
    "$(dirname "$jpackage")/java" -cp "$classpath" "$script_dir/linux/GenerateDocs.java" "$out/adoc" "$out/completions/$name"
    asciidoctor -b manpage -a reproducible -a manmanual="COLO Console Manual" \
        -a docdate="$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)" -D "$out/man1" "$out"/adoc/*.adoc
    say "generated $(ls "$out/man1" | wc -l) man pages and bash completion"
}

# Turns jpackage's .deb into one Debian's tools accept: files outside /opt where Debian looks for them, no empty
# maintainer scripts, Debian's copyright and changelog, md5sums, and dates from SOURCE_DATE_EPOCH.
finish_deb() {
    local deb=$1 version=$2 root size
    root=$(mktemp -d "$target/deb-root.XXXXXX")
    dpkg-deb -R "$deb" "$root"
    local changelog_version
    changelog_version=$(dpkg-parsechangelog -l "$script_dir/linux/debian/changelog" -S Version)
    [[ "$changelog_version" == "$(sed -n 's/^Version: //p' "$root/DEBIAN/control")" ]] \
        || fail "packaging/linux/debian/changelog's newest entry is $changelog_version; add one for $version-1 first."
    # Without --linux-shortcut jpackage's maintainer scripts do nothing: lintian's maintainer-script-empty.
    local script
    for script in preinst postinst prerm postrm; do
        if [[ -f "$root/DEBIAN/$script" ]] && grep -v -E '^\s*(#|$)' "$root/DEBIAN/$script" \
            | grep -q -v -E '^\s*(set -e|case "\$1" in|[a-z|-]+\)|;;|esac|exit 0|\*\)|echo ".*called with unknown argument.*|exit 1)\s*$'; then
            fail "jpackage's $script does something now; look at it before dropping it."
        fi
        rm -f "$root/DEBIAN/$script"
    done
    # The license goes to /usr/share/doc/NAME/copyright, where Debian looks.
    rm -rf "$root/opt/$name/share"
    chmod 0644 "$root/opt/$name/lib/libapplauncher.so"

    install -d "$root/usr/bin"
    ln -s "/opt/$name/bin/$name-cli" "$root/usr/bin/$name"
    install -D -m 0644 "$script_dir/linux/debian/$name.desktop" "$root/usr/share/applications/$name.desktop"
    local png size
    for png in "$repo_root"/assets/icon/"$name"-[0-9]*.png; do
        size=${png##*-}
        size=${size%.png}
        install -D -m 0644 "$png" "$root/usr/share/icons/hicolor/${size}x${size}/apps/$name.png"
    done
    install -D -m 0644 "$repo_root/assets/icon/$name.svg" "$root/usr/share/icons/hicolor/scalable/apps/$name.svg"

    generate_docs "$installer_dest/docs"
    install -d "$root/usr/share/man/man1"
    local page
    for page in "$installer_dest"/docs/man1/*.1; do
        gzip -9n <"$page" >"$root/usr/share/man/man1/$(basename "$page").gz"
    done
    # bash-completion sources the file: picocli's #! line would only be lintian's bash-completion-with-hashbang
    install -d "$root/usr/share/bash-completion/completions"
    sed '1{/^#!/d}' "$installer_dest/docs/completions/$name" >"$root/usr/share/bash-completion/completions/$name"
    chmod 0644 "$root/usr/share/bash-completion/completions/$name"

    local doc="$root/usr/share/doc/$name"
    install -d "$doc"
    gzip -9n <"$script_dir/linux/debian/changelog" >"$doc/changelog.Debian.gz"
    {
        printf 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n'
        printf 'Upstream-Name: %s\n\n' "$name"
        printf 'Files: *\nCopyright: %s the COLO Console authors\nLicense: Apache-2.0\n' "$copyright_year"
        printf 'Comment: /opt/%s/lib/runtime is a jlink image of OpenJDK 17 and OpenJFX 21 (GPL-2 with the\n' "$name"
        printf ' Classpath Exception, their legal notices are in /opt/%s/lib/runtime/legal), with\n' "$name"
        printf ' ControlsFX (BSD-3-clause), AtlantaFX (MIT), Ikonli, Jackson and picocli (Apache-2.0).\n\n'
        printf 'License: Apache-2.0\n'
        printf ' On Debian systems the full text of the Apache License 2.0 is in\n'
        printf ' /usr/share/common-licenses/Apache-2.0.\n'
    } >"$doc/copyright"
    # Help ▸ Operator guide opens these (ui/OperatorGuide.java); the guide links to the other two by name
    local guide
    for guide in operator-guide.md qemu-setup.md troubleshooting.md colo-behaviour.md; do
        install -m 0644 "$repo_root/docs/$guide" "$doc/$guide"
    done
    install -D -m 0644 "$script_dir/linux/debian/lintian-overrides" "$root/usr/share/lintian/overrides/$name"

    # jpackage's own list and ours (--linux-package-deps) can name a library twice (libxtst6): once is enough
    local depends
    depends=$(sed -n 's/^Depends: //p' "$root/DEBIAN/control" | tr ',' '\n' | sed 's/^ *//; s/ *$//' | awk 'NF && !seen[$0]++' \
        | paste -sd, - | sed 's/,/, /g')
    sed -i "s/^Depends: .*/Depends: $depends/" "$root/DEBIAN/control"
    size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
    sed -i "s/^Installed-Size: .*/Installed-Size: $size/" "$root/DEBIAN/control"
    (cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) \
        >"$root/DEBIAN/md5sums"
    chmod 0644 "$root/DEBIAN/md5sums" "$root/DEBIAN/control"
    find "$root" -type d -exec chmod 0755 {} +
    find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
    rm -f "$deb"
    dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
    rm -rf "$root"
}

case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=mac ;;
    MINGW* | MSYS* | CYGWIN*) os=windows ;;
    *) fail "jpackage cannot build an installer on $(uname -s): use Linux, Windows or macOS." ;;
esac

# jpackage.exe wants Windows paths and ';' between module path entries; elsewhere paths pass as they are.
native_path() {
    if [[ $os == windows ]]; then cygpath -w "$1"; else printf '%s' "$1"; fi
}
path_separator=":"
[[ $os == windows ]] && path_separator=";"

# jpackage comes with the JDK (17 or later); JAVA_HOME wins over PATH, as Maven does it.
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/jpackage" ]]; then
    jpackage="$JAVA_HOME/bin/jpackage"
elif command -v jpackage >/dev/null 2>&1; then
    jpackage=$(command -v jpackage)
else
    fail "jpackage was not found. It ships with a full JDK 17 (Debian: apt-get install openjdk-17-jdk); set JAVA_HOME to it."
fi

shopt -s nullglob
jars=("$target"/"$name"-*.jar)
shopt -u nullglob
app_jar=""
for jar in "${jars[@]}"; do
    case "$jar" in *-sources.jar | *-javadoc.jar | *-tests.jar) continue ;; esac
    if [[ -z "$app_jar" || "$jar" -nt "$app_jar" ]]; then app_jar="$jar"; fi
done
[[ -n "$app_jar" && -d "$target/modules" ]] \
    || fail "Nothing is built yet. Build first with: (cd '$repo_root' && mvn -B -DskipTests package)"

version=${1:-}
if [[ -z "$version" ]]; then
    version=$(basename "$app_jar" .jar)
    version=${version#"$name"-}
fi
# Debian, WiX and macOS want a version of digits and dots; Maven's -SNAPSHOT is not one.
if [[ ! "$version" =~ ^[0-9]+(\.[0-9]+)*$ ]]; then
    fail "Version '$version' cannot name an installer: jpackage needs digits and dots (e.g. 0.1.0). Set a release version in pom.xml."
fi

case $os in
    linux) package_type=${COLO_PACKAGE_TYPE:-deb}; appcds=${COLO_APPCDS:-1}; icon=colo-console-256.png ;;
    windows) package_type=${COLO_PACKAGE_TYPE:-msi}; appcds=${COLO_APPCDS:-0}; icon=colo-console.ico ;;
    mac) package_type=${COLO_PACKAGE_TYPE:-dmg}; appcds=${COLO_APPCDS:-0}; icon=colo-console.icns ;;
esac
if [[ "$appcds" == 1 && $os != linux ]]; then
    fail "COLO_APPCDS=1 is only built on Linux (train-appcds.sh knows the Linux app-image layout)."
fi
icon="$repo_root/assets/icon/$icon"
image_dest="$target/jpackage"
installer_dest="$target/installer"
# One line: it is the .deb's synopsis and the menu entry's comment.
description="Failover operator console for QEMU COLO"
vendor="COLO Console project"
if [[ -z "${SOURCE_DATE_EPOCH:-}" ]]; then
    SOURCE_DATE_EPOCH=$(git -C "$repo_root" log -1 --format=%ct 2>/dev/null) \
        || fail "No SOURCE_DATE_EPOCH and no git history to take it from: set SOURCE_DATE_EPOCH (seconds since 1970)."
fi
export SOURCE_DATE_EPOCH
copyright_year=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y)
copyright="Copyright $copyright_year the COLO Console authors. Licensed under the Apache License 2.0."

# jpackage refuses to overwrite an existing image or package.
rm -rf "$image_dest" "$installer_dest"
mkdir -p "$image_dest" "$installer_dest"

jlink_options="--strip-debug --no-man-pages --no-header-files --compress=2"
if [[ $os == linux ]]; then
    # The native commands stay in (a few hundred KB): bin/colo-console-cli starts the runtime's bin/java.
    # With AppCDS, train-appcds.sh dumps one static archive that replaces the runtime's default one; without it,
    # jlink's default archive of JDK classes is still worth its 12 MB.
    [[ "$appcds" == 1 ]] || jlink_options+=" --generate-cds-archive"
else
    jlink_options+=" --strip-native-commands"
fi

image_options=()
case $os in
    windows)
        # A Windows GUI launcher has no console, so the subcommands' output would vanish: a second launcher,
        # colo-console-cli.exe, is a console program for them.
        image_options+=(--add-launcher "$name-cli=$(native_path "$script_dir/windows/colo-console-cli.properties")")
        ;;
    mac)
        image_options+=(--mac-package-identifier org.coloconsole.console --mac-package-name "COLO Console")
        ;;
esac

# glibc's malloc keeps what C2's compiler arenas freed; the trim (JDK 17.0.9 and later) hands it back: Linux only.
if [[ $os == linux ]]; then memory_java_options+=(-XX:TrimNativeHeapInterval=5000); fi
memory_java_flags=()
for option in "${memory_java_options[@]}"; do memory_java_flags+=(--java-options "$option"); done

start=$SECONDS
say "jpackage app-image $name $version from $(basename "$app_jar") ($jpackage)"
"$jpackage" --type app-image \
    --dest "$(native_path "$image_dest")" \
    --name "$name" \
    --app-version "$version" \
    --module-path "$(native_path "$target/modules")$path_separator$(native_path "$app_jar")" \
    --module "$main_module" \
    --icon "$(native_path "$icon")" \
    --java-options "$app_java_option" \
    "${memory_java_flags[@]}" \
    --jlink-options "$jlink_options" \
    --description "$description" \
    --vendor "$vendor" \
    --copyright "$copyright" \
    ${image_options[@]+"${image_options[@]}"}
say "app-image done in $((SECONDS - start)) s"
image=$(ls -d "$image_dest"/* | head -n 1)

if [[ $os == linux ]]; then
    # The base archive for heaps over 32 GB (no compressed oops): an operator console never runs one. 11 MB saved;
    # such a JVM would only start without CDS.
    rm -f "$image/lib/runtime/lib/server/classes_nocoops.jsa"
    # Symbol tables out of every ELF file (the runtime's libraries and commands, jpackage's launcher), as Debian's
    # dh_strip does: lintian's unstripped-binary-or-object, and 40 MB of libjvm.so symbols nobody reads here.
    # Before the AppCDS training, so the archive is made by the libjvm.so that ships.
    strip_elf "$image"
fi
if [[ "$appcds" == 1 ]]; then
    start=$SECONDS
    "$script_dir/train-appcds.sh" "$image" "$name"
    if [[ -f "$image/lib/app/$name.jsa" ]]; then
        say "AppCDS archive trained in $((SECONDS - start)) s: $(du -h "$image/lib/app/$name.jsa" | cut -f1)"
    fi
fi
if [[ $os == linux ]]; then
    write_cli_launcher "$image"
fi
say "app-image: $(du -sh "$image" | cut -f1) in $image"

installer_options=()
case "$package_type" in
    none)
        exit 0
        ;;
    deb | rpm)
        [[ $os == linux ]] || fail "A $package_type is built on Linux only."
        installer_options+=(
            # its control file: jpackage's fields plus Recommends: qemu-system-x86, qemu-utils, libnotify-bin and a long description
            --resource-dir "$script_dir/linux"
            --linux-app-category admin
            # jpackage cannot see JavaFX's native libraries inside the runtime image: name what they load.
            --linux-package-deps "libgtk-3-0, libxtst6, libxxf86vm1, libgl1"
        )
        # No --linux-shortcut: finish_deb installs the menu entry and icons where Debian looks for them
        # (/usr/share/applications, /usr/share/icons/hicolor) instead of jpackage's postinst calling xdg-utils.
        ;;
    msi | exe)
        [[ $os == windows ]] || fail "An $package_type is built on Windows only (with WiX 3 on PATH)."
        installer_options+=(
            --win-menu --win-menu-group "COLO Console" --win-shortcut --win-dir-chooser
            # fixed for the product's lifetime: it makes a newer .msi replace an older one
            --win-upgrade-uuid 6c2b7e4e-3f0a-4d8e-9a51-2f1c0c01c0c0
        )
        ;;
    dmg | pkg)
        [[ $os == mac ]] || fail "A $package_type is built on macOS only."
        installer_options+=(--mac-package-identifier org.coloconsole.console --mac-package-name "COLO Console")
        ;;
    *)
        fail "COLO_PACKAGE_TYPE=$package_type is not an installer type (deb, rpm, msi, exe, dmg, pkg or none)."
        ;;
esac

# A .deb gets no --icon: with one, jpackage adds its own menu entry through xdg-utils (finish_deb installs Debian's).
installer_icon=(--icon "$(native_path "$icon")")
[[ $package_type == deb ]] && installer_icon=()
start=$SECONDS
say "jpackage $package_type from the app-image"
"$jpackage" --type "$package_type" \
    --dest "$(native_path "$installer_dest")" \
    --app-image "$(native_path "$image")" \
    --name "$name" \
    --app-version "$version" \
    ${installer_icon[@]+"${installer_icon[@]}"} \
    --license-file "$(native_path "$script_dir/LICENSE.txt")" \
    --description "$description" \
    --vendor "$vendor" \
    --copyright "$copyright" \
    "${installer_options[@]}"
installer=$(ls "$installer_dest"/* | head -n 1)
if [[ $package_type == deb ]]; then
    finish_deb "$installer" "$version"
fi
say "$package_type done in $((SECONDS - start)) s: $(du -h "$installer" | cut -f1) in $installer"
