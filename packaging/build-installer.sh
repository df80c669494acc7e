#!/usr/bin/env bash
# Builds the COLO Console app-image and installer with the JDK's own jpackage.
#
#   packaging/build-installer.sh [VERSION]
#
# Run after `mvn -B -DskipTests package` (or as part of `mvn -B -Ppackage package`, which passes the pom's version).
# Without VERSION, the version is taken from the built jar's name (target/colo-console-VERSION.jar).
#
# Output (Linux):  target/jpackage/colo-console/                   the app-image (own runtime + launcher)
#                  target/installer/colo-console_VERSION-1_amd64.deb
#
# Environment:
#   COLO_PACKAGE_TYPE   the installer: deb on Linux (default), msi on Windows (Git Bash; needs WiX 3 on PATH),
#                       dmg on macOS; none for the app-image only. jpackage builds only for the system it runs on.
#   COLO_APPCDS=0|1     AppCDS archive trained at package time (default 1 on Linux, where it was measured;
#                       0 elsewhere). See README.md, "Installing COLO Console".
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
copyright="Copyright $(date +%Y) the COLO Console authors. Licensed under the Apache License 2.0."

# jpackage refuses to overwrite an existing image or package.
rm -rf "$image_dest" "$installer_dest"
mkdir -p "$image_dest" "$installer_dest"

jlink_options="--strip-debug --no-man-pages --no-header-files --compress=2"
if [[ "$appcds" == 1 ]]; then
    # The base CDS archive of the runtime; the app's dynamic archive sits on top of it. jlink makes it by running
    # the new runtime's bin/java, so the native commands stay in (a few hundred KB).
    jlink_options+=" --generate-cds-archive"
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

if [[ "$appcds" == 1 ]]; then
    # The base archive for heaps over 32 GB (no compressed oops): an operator console never runs one. 11 MB saved;
    # such a JVM would only start without CDS.
    rm -f "$image/lib/runtime/lib/server/classes_nocoops.jsa"
    start=$SECONDS
    "$script_dir/train-appcds.sh" "$image" "$name"
    if [[ -f "$image/lib/app/$name.jsa" ]]; then
        say "AppCDS archive trained in $((SECONDS - start)) s: $(du -h "$image/lib/app/$name.jsa" | cut -f1)"
    fi
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
            --resource-dir "$script_dir/linux"
            --linux-shortcut
            --linux-menu-group "System;Monitor;"
            --linux-app-category admin
            # jpackage cannot see JavaFX's native libraries inside the runtime image: name what they load.
            --linux-package-deps "libgtk-3-0, libxtst6, libxxf86vm1, libgl1"
            --linux-deb-maintainer "colo-console@localhost"
        )
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

start=$SECONDS
say "jpackage $package_type from the app-image"
"$jpackage" --type "$package_type" \
    --dest "$(native_path "$installer_dest")" \
    --app-image "$(native_path "$image")" \
    --name "$name" \
    --app-version "$version" \
    --icon "$(native_path "$icon")" \
    --license-file "$(native_path "$script_dir/LICENSE.txt")" \
    --description "$description" \
    --vendor "$vendor" \
    --copyright "$copyright" \
    "${installer_options[@]}"
installer=$(ls "$installer_dest"/* | head -n 1)
say "$package_type done in $((SECONDS - start)) s: $(du -h "$installer" | cut -f1) in $installer"
