#!/usr/bin/env bash
# Builds the COLO Console app-image and .deb with the JDK's own jpackage.
#
#   packaging/build-installer.sh [VERSION]
#
# Run after `mvn -B -DskipTests package` (or as part of `mvn -B -Ppackage package`, which passes the pom's version).
# Without VERSION, the version is taken from the built jar's name (target/colo-console-VERSION.jar).
#
# Output:  target/jpackage/colo-console/      the app-image (a self-contained runtime + launcher)
#          target/installer/colo-console_VERSION-1_amd64.deb
#
# Environment:
#   COLO_APPCDS=0       build without the AppCDS archive (default 1: train one at package time; see packaging/README-install.md)
#   COLO_PACKAGE_TYPE   deb (default), or none for the app-image only. On Windows/macOS the same jpackage calls
#                       make msi/dmg with the options listed in packaging/README-install.md.
set -euo pipefail

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd -- "$script_dir/.." && pwd)
target="$repo_root/target"
name=colo-console
main_module=org.coloconsole/org.coloconsole.Main
# The same flag as the checkout launcher and surefire: ControlsFX's AutoCompletion reaches into JavaFX internals.
app_java_option="--add-exports=javafx.base/com.sun.javafx.event=org.controlsfx.controls"

say() { printf '[build-installer] %s\n' "$*" >&2; }
fail() { printf '[build-installer] %s\n' "$*" >&2; exit 1; }

# jpackage comes with the JDK (17 or later); JAVA_HOME wins over PATH, as Maven does it.
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/jpackage" ]]; then
    jpackage="$JAVA_HOME/bin/jpackage"
elif command -v jpackage >/dev/null 2>&1; then
    jpackage=$(command -v jpackage)
else
    fail "jpackage was not found. It ships with a full JDK 17 (Debian: apt-get install openjdk-17-jdk); set JAVA_HOME to it."
fi

shopt -s nullglob
jars=("$target"/$name-*.jar)
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
# Debian and jpackage want a version of digits and dots; Maven's -SNAPSHOT is not one.
if [[ ! "$version" =~ ^[0-9]+(\.[0-9]+)*$ ]]; then
    fail "Version '$version' cannot name an installer: jpackage needs digits and dots (e.g. 0.1.0). Set a release version in pom.xml."
fi

package_type=${COLO_PACKAGE_TYPE:-deb}
appcds=${COLO_APPCDS:-1}
image_dest="$target/jpackage"
image="$image_dest/$name"
installer_dest="$target/installer"
icon="$repo_root/assets/icon/colo-console-256.png"
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

start=$SECONDS
say "jpackage app-image $name $version from $(basename "$app_jar") ($jpackage)"
"$jpackage" --type app-image \
    --dest "$image_dest" \
    --name "$name" \
    --app-version "$version" \
    --module-path "$target/modules:$app_jar" \
    --module "$main_module" \
    --icon "$icon" \
    --java-options "$app_java_option" \
    --jlink-options "$jlink_options" \
    --description "$description" \
    --vendor "$vendor" \
    --copyright "$copyright"
say "app-image done in $((SECONDS - start)) s"

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

case "$package_type" in
    none)
        ;;
    deb)
        start=$SECONDS
        say "jpackage deb from the app-image"
        "$jpackage" --type deb \
            --dest "$installer_dest" \
            --app-image "$image" \
            --name "$name" \
            --app-version "$version" \
            --icon "$icon" \
            --resource-dir "$script_dir/linux" \
            --linux-shortcut \
            --linux-menu-group "System;Monitor;" \
            --linux-app-category admin \
            --linux-package-deps "libgtk-3-0, libxtst6, libxxf86vm1, libgl1" \
            --linux-deb-maintainer "colo-console@localhost" \
            --license-file "$script_dir/LICENSE.txt" \
            --description "$description" \
            --vendor "$vendor" \
            --copyright "$copyright"
        deb=$(ls "$installer_dest"/*.deb)
        say ".deb done in $((SECONDS - start)) s: $(du -h "$deb" | cut -f1) in $deb"
        ;;
    *)
        fail "COLO_PACKAGE_TYPE=$package_type is not built by this script on Linux (deb or none)."
        ;;
esac
