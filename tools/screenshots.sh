#!/usr/bin/env bash
# Takes the README's screenshots from the shaded jar, in a real X server (Xvfb) under a real window manager
# (openbox), at 1366x768 and at 1024x600, driving the window with xdotool as a CSR would with the keyboard.
# It also checks what a window manager does to the dialogs: the main window stays maximised while a dialog is
# open and after it closes, and a dialog is not the 200x200 window in the top left corner that JavaFX's GTK glass
# first shows; a failed check makes the script exit 1.
#
#   tools/screenshots.sh [--jar target/hookdesk.jar] [--out src/docs/screenshots] [--sizes "1366x768 1024x600"]
#
# Needs: apt-get install -y xvfb libgtk-3-0 openbox xdotool imagemagick (and the jar and the test classes:
# mvn -o package -DskipTests).
# The 1366x768 shots keep the README's names; the others get the size appended (main-account-search-1024x600.png).
set -euo pipefail
cd "$(dirname "$0")/.."

jar=target/hookdesk.jar
out=src/docs/screenshots
sizes="1366x768 1024x600"
while [ $# -gt 0 ]; do
    case "$1" in
        --jar) jar=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --sizes) sizes=$2; shift 2 ;;
        *) echo "usage: $0 [--jar JAR] [--out DIR] [--sizes \"WxH ...\"]" >&2; exit 2 ;;
    esac
done
for tool in Xvfb openbox xdotool import xprop; do
    if ! command -v "$tool" >/dev/null; then
        echo "screenshots: $tool is missing: apt-get install -y xvfb libgtk-3-0 openbox xdotool imagemagick x11-utils" >&2
        exit 2
    fi
done
[ -f "$jar" ] || { echo "screenshots: no $jar; build it with mvn -o package -DskipTests" >&2; exit 2; }
mkdir -p "$out"

work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
failures=0
fail() { echo "screenshots: FAIL: $*" >&2; failures=$((failures + 1)); }

# A hooks directory of its own: the demo hooks, writing their demo files here rather than into the checkout.
cp -r local "$work/hooks"
export HOOKDESK_HOOKS_DIR=$work/hooks HOOKDESK_HOME=$work/home LC_ALL=C.UTF-8 LANG=C.UTF-8

# Waits until a window whose name matches $1 is visible; prints its id.
window() {
    local id=""
    for _ in $(seq 1 120); do
        id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | tail -1 || true)
        [ -n "$id" ] && { echo "$id"; return 0; }
        sleep 0.25
    done
    return 1
}
gone() {
    for _ in $(seq 1 40); do
        xdotool search --onlyvisible --name "$1" >/dev/null 2>&1 || return 0
        sleep 0.25
    done
    return 1
}
maximised() { xprop -id "$1" _NET_WM_STATE | grep -q _NET_WM_STATE_MAXIMIZED_HORZ; }
# x y width height of a window's client area, from the X server.
geometry() {
    xdotool getwindowgeometry "$1" | awk '/Position/ {split($2, p, ","); x = p[1]; y = p[2]}
        /Geometry/ {split($2, g, "x"); print x, y, g[1], g[2]}'
}
# Waits until the probe has printed its N-th HOOKDESK_FORM_READY line.
form_ready() {
    for _ in $(seq 1 120); do
        [ "$(grep -c HOOKDESK_FORM_READY "$work/hookdesk-$size.log" || true)" -ge "$1" ] && return 0
        sleep 0.5
    done
    return 1
}
shot() { sleep "${2:-1}"; import -window root "$1"; echo "screenshots: $1"; }
keys() { xdotool key --delay 60 "$@"; }
type_text() { xdotool type --delay 40 "$1"; }

# A dialog must be bigger than glass's guess, inside the screen, and the main window still maximised; with a fifth
# argument, at least that tall (a dialog with room for its content opens whole, not at its least size).
check_dialog() {
    local name=$1 main=$2 sw=$3 sh=$4 least=${5:-0} d x y w h
    d=$(window "$name") || { fail "no dialog '$name'"; return; }
    sleep 1
    read -r x y w h < <(geometry "$d")
    if [ "$w" -le 200 ] && [ "$h" -le 200 ]; then fail "dialog '$name' is ${w}x${h} at $x,$y"; fi
    if [ "$h" -lt "$least" ]; then fail "dialog '$name' opened ${h} px tall, not its content's ${least} or more"; fi
    if [ "$x" -lt 0 ] || [ "$y" -lt 0 ] || [ $((x + w)) -gt "$sw" ] || [ $((y + h)) -gt "$sh" ]; then
        fail "dialog '$name' ${w}x${h} at $x,$y is not inside the ${sw}x${sh} screen"
    fi
    maximised "$main" || fail "the main window is no longer maximised while '$name' is open"
}

display=90
for size in $sizes; do
    sw=${size%x*}
    sh=${size#*x}
    suffix=""
    [ "$size" = 1366x768 ] || suffix="-$size"
    tall=$((sh - 100 < 640 ? sh - 100 : 640))
    display=$((display + 1))
    export DISPLAY=:$display
    Xvfb ":$display" -screen 0 "${size}x24" -nolisten tcp >"$work/xvfb.log" 2>&1 &
    pids+=($!)
    sleep 1
    openbox >"$work/openbox.log" 2>&1 &
    pids+=($!)
    sleep 1
    # The jar as a user starts it; its start-up probe (app.StartupProbe, on with -Dhookdesk.startupProbe=true) says
    # when the list and each form are ready.
    java -Dhookdesk.startupProbe=true -jar "$jar" >"$work/hookdesk-$size.log" 2>&1 &
    app=$!
    pids+=($app)

    main=$(window "HookDesk —") || { fail "no main window at $size"; cat "$work/hookdesk-$size.log" >&2; continue; }
    # The first list: give the (possibly first-start) demo database time to come up.
    for _ in $(seq 1 120); do
        grep -q HOOKDESK_READY "$work/hookdesk-$size.log" 2>/dev/null && break
        sleep 0.5
    done
    sleep 2
    maximised "$main" || fail "the main window did not open maximised at $size"

    # Accounts: search by last name.
    xdotool windowactivate --sync "$main" >/dev/null 2>&1 || true
    keys ctrl+1
    sleep 0.5
    keys ctrl+f
    type_text "son"
    keys Return
    shot "$out/main-account-search$suffix.png" 2

    # Open the first account found: the master-detail view.
    keys Tab Down Return
    form_ready 1 || fail "the account form did not load at $size"
    shot "$out/account-master-detail$suffix.png" 1

    # A dialog (File > Connect to a database…): placed over the window, main window still maximised.
    keys ctrl+shift+o
    check_dialog "Connect to a database" "$main" "$sw" "$sh"
    shot "$work/connect$suffix.png" 0.5
    keys Escape
    gone "Connect to a database" || fail "the connect dialog did not close"
    sleep 0.5
    maximised "$main" || fail "the main window is no longer maximised after a dialog at $size"

    # A service: Ctrl+3 (the cursor lands in the Services search box), every service, open the first one.
    keys ctrl+3
    sleep 0.5
    type_text "%"
    keys Return
    sleep 2
    forms=$(grep -c HOOKDESK_FORM_READY "$work/hookdesk-$size.log" || true)
    keys Tab Down Return
    # Keys typed before the form has loaded go nowhere: wait for the probe's line.
    form_ready $((forms + 1)) || fail "the service form did not load at $size"
    sleep 1
    # The cursor starts in Product (the first field a CSR edits, not the User number); eight Tabs reach the
    # login (d01). The environment panel follows typing.
    # One Tab at a time: a Tab that lands while a code box still handles the one before is lost under load.
    xdotool key --delay 300 Tab Tab Tab Tab Tab Tab Tab Tab
    sleep 0.5
    type_text "nlovelace-renamed"
    if [ "$sw" -lt 1280 ]; then
        # On a narrow screen the form starts with the whole width; Ctrl+E brings the panel (remembered).
        shot "$out/service-form$suffix.png" 2
        keys ctrl+e
    fi
    shot "$out/service-form-environment$suffix.png" 2

    # An empty login: the demo hook refuses it, and the failure dialog shows its output.
    keys ctrl+a BackSpace ctrl+s
    if d=$(window "service_hook failed"); then
        # Whole: the output, the environment's title and the closing hint in sight without scrolling (the content
        # asks for about 690 px; a small screen gives it all but the frame).
        check_dialog "service_hook failed" "$main" "$sw" "$sh" "$tall"
        shot "$out/hook-failure-dialog$suffix.png" 0.5
        # "Environment it was given", opened from the keyboard (Shift+Tab from Close reaches Run hook again, then its
        # title; Space opens it): the dialog keeps its size and its buttons, the content scrolls to the variables.
        keys shift+Tab shift+Tab space
        check_dialog "service_hook failed" "$main" "$sw" "$sh"
        shot "$out/hook-failure-environment$suffix.png" 1
        keys Escape
        gone "service_hook failed" || fail "the hook failure dialog did not close"
    else
        fail "no hook failure dialog at $size"
        shot "$work/no-failure$suffix.png" 0
    fi
    sleep 0.5
    maximised "$main" || fail "the main window is no longer maximised after the failure dialog at $size"

    # The run just recorded, opened from the supervisor's Hook runs, newest first: a click on the navigation's
    # last section, then a double click on the first row (the navigation and the rows, below the filter bar and the
    # column headers, are at the same place at both sizes).
    xdotool windowactivate --sync "$main" >/dev/null 2>&1 || true
    xdotool mousemove 73 438 click 1
    sleep 3
    xdotool mousemove 400 191 click --repeat 2 --delay 80 1
    if window "Hook run " >/dev/null; then
        check_dialog "Hook run " "$main" "$sw" "$sh" "$tall"
        shot "$out/hook-run-dialog$suffix.png" 0.5
        keys Escape
        gone "Hook run " || fail "the hook run dialog did not close"
    else
        fail "no hook run dialog at $size"
        shot "$work/no-hook-run$suffix.png" 0
    fi

    kill "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
done

if [ "$failures" -gt 0 ]; then
    echo "screenshots: $failures check(s) failed; logs and extra shots in $work (kept)" >&2
    trap - EXIT
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    exit 1
fi
echo "screenshots: done, checks passed"
