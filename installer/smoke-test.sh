#!/usr/bin/env bash
# Proves that the app image built by installer/build.sh runs: its launcher starts the bundled Java
# runtime and HookDesk answers on the command line against the embedded demo database, in a
# throw-away HookDesk home. Run after build.sh:
#
#   installer/smoke-test.sh            the app image in target/installer/hookdesk
#   installer/smoke-test.sh --gui      also start the desktop window under Xvfb (needs xvfb-run)
#   installer/smoke-test.sh --deb      also install the .deb with apt-get, check /usr/bin/hookdesk,
#                                      the menu entry and the hook account the package makes (a save by
#                                      a CSR account through hook.runner=account:hookdesk-hooks), and
#                                      purge it again (root only, on a machine that may be changed)
#
# Checked, per the command line contract:
#   hookdesk --home DIR --db-url URL hooks list
#                                     exit 0; a line per table naming <table>_hook in the default
#                                     hooks directory of a workstation, <image>/lib/app/local, where
#                                     no hook is active
#   hookdesk --home DIR hooks list    on the embedded demo database the default is DIR/demo-hooks,
#                                     unpacked from the jar by the first start: the demo hooks are found,
#                                     and nothing is written under the image
#   hookdesk --home DIR env service 1 exit 0; KEY=VALUE lines with HOOK_TABLE=service, NEW_number=1
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
image=$repo/target/installer/hookdesk
gui=no
deb=no
for arg in "$@"; do
    case $arg in
        --gui) gui=yes ;;
        --deb) deb=yes ;;
        -h | --help) sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "smoke-test.sh: unknown option $arg" >&2; exit 2 ;;
    esac
done

failures=0
pass() { printf 'ok    %s\n' "$*"; }
fail() { printf 'FAIL  %s\n' "$*"; failures=$((failures + 1)); }

launcher=$image/bin/hookdesk
[ -x "$launcher" ] || { echo "smoke-test.sh: no $launcher; run installer/build.sh first" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
home=$work/home
mkdir -p "$home"
# Run from an empty directory, so that HookDesk's last resort (./local) cannot find a checkout's hooks.
cd "$work"

run() { # name, command...: runs it with a time limit, keeps output in $work/<name>.out
    local name=$1
    shift
    local status=0
    timeout 300 "$@" >"$work/$name.out" 2>&1 || status=$?
    echo "$status" >"$work/$name.status"
    return 0
}
output() { cat "$work/$1.out"; }
status() { cat "$work/$1.status"; }
show() { sed -n '1,40s/^/      | /p' "$work/$1.out"; }

# ---- hooks list in the default hooks directory of a workstation pointed at a central database
# (hooks list needs no database, so the URL is never dialled)
central=jdbc:postgresql://central.invalid:5432/billmax
run list "$launcher" --home "$home" --db-url "$central" hooks list
if [ "$(status list)" = 0 ]; then pass "hooks list exits 0"; else fail "hooks list exits $(status list)"; show list; fi

# ---- the hook runner's launcher (account: and ssh://): started as HookDesk starts it, it says hello and ends with its stdin
mkdir -m 0700 "$work/runner-hooks"
run runner "$image/bin/hookdesk-runner" runhook --serve "$work/runner-hooks" </dev/null
if [ "$(status runner)" = 0 ] && grep -aq '"type":"hello"' "$work/runner.out"; then
    pass "bin/hookdesk-runner starts the runner, which says hello and ends when its stdin closes"
else
    fail "bin/hookdesk-runner runhook --serve: exit $(status runner)"
    show runner
fi
missing=''
for table in account user service efpstate efpdata payhist queue ticket message datacall; do
    grep -q "$image/lib/app/local/${table}_hook" "$work/list.out" || missing="$missing $table"
done
if [ -z "$missing" ]; then
    pass "hooks list names <table>_hook in $image/lib/app/local for all ten tables"
else
    fail "hooks list does not name a hook in $image/lib/app/local for:$missing (is -Dhookdesk.appDir used?)"
    show list
fi
active=$(find "$image/lib/app/local" -maxdepth 1 -name '*_hook')
if [ -z "$active" ]; then pass "no active hook in the default hooks directory"; else fail "active hooks in the default hooks directory: $active"; fi

# ---- the environment of service 1 from the embedded demo database
run env "$launcher" --home "$home" env service 1
if [ "$(status env)" = 0 ] && grep -qx 'HOOK_TABLE=service' "$work/env.out" && grep -qx 'NEW_number=1' "$work/env.out"; then
    pass "env service 1 prints the hook environment ($(grep -c '=' "$work/env.out") lines)"
else
    fail "env service 1: exit $(status env), expected HOOK_TABLE=service and NEW_number=1"
    show env
fi
if grep -q '^NEW_d02=' "$work/env.out" && ! grep -qx 'NEW_d02=\(\*\*\*\*\*\*\*\*\)\{0,1\}' "$work/env.out"; then
    fail "env service 1 shows the password without --reveal"
fi

# ---- the demo hooks: the default on the embedded demo database, so a trial shows both outcomes;
# they travel in the jar and the first start (env above) unpacked them into the home
run demo "$launcher" --home "$home" hooks list
if [ "$(status demo)" = 0 ] && grep -q "$home/demo-hooks/service_hook" "$work/demo.out" &&
    grep -q "$home/demo-hooks/account_hook" "$work/demo.out" && [ -x "$home/demo-hooks/service_hook" ]; then
    pass "on the embedded demo database the demo hooks are unpacked into the home and are the default"
else
    fail "hooks list on the embedded database: exit $(status demo), expected $home/demo-hooks"
    show demo
fi
written=$(find "$image" -newer "$work" -not -type d 2>/dev/null | head -5)
if [ -z "$written" ]; then pass "nothing written under the image"; else fail "written under the image: $written"; fi

# ---- the desktop window
if [ "$gui" = yes ]; then
    if ! command -v xvfb-run >/dev/null; then
        fail "--gui needs xvfb-run (apt-get install xvfb xauth)"
    else
        # The window is up if the client is still running after a while; a broken runtime or a
        # missing GTK library ends it within seconds.
        setsid xvfb-run -a "$launcher" --home "$home" >"$work/gui.out" 2>&1 &
        gui_pid=$!
        sleep 20
        if kill -0 "$gui_pid" 2>/dev/null; then
            pass "the desktop client is still running after 20 s under Xvfb"
            kill -TERM -- "-$gui_pid" 2>/dev/null || true # its own process group: Xvfb and the client
            wait "$gui_pid" 2>/dev/null || true
            # The desktop and its display ended together: no embedded server may be left on the home
            # (the client's shutdown, or failing that the server's guard, stops it within seconds).
            for _ in $(seq 1 100); do [ -e "$home/pgdata/postmaster.pid" ] || break; sleep 0.1; done
            if [ -e "$home/pgdata/postmaster.pid" ]; then
                fail "the desktop left its embedded server running (pid $(head -1 "$home/pgdata/postmaster.pid"))"
            else
                pass "no embedded server left behind by the desktop"
            fi
        else
            wait "$gui_pid" && code=0 || code=$?
            fail "the desktop client ended within 20 s (exit $code)"
            show gui
        fi
    fi
fi

# ---- the Debian package
# hook.runner=account:hookdesk-hooks as the package sets it up (administration.md, "Where hooks run"): the account,
# its 0700 hooks directory and markers directory, the sudoers drop-in, and a save by a CSR account (a member of
# hookdesk-csr) whose hook runs as hookdesk-hooks through sudo and the installed runner, from a directory the CSR
# cannot read.
account_runner_checks() {
    if [ -n "$account_before" ]; then
        pass "hookdesk-hooks existed before the install (${account_before}); the package kept it"
    elif [ "$(getent passwd hookdesk-hooks | cut -d: -f6,7)" = /var/lib/hookdesk:/usr/sbin/nologin ]; then
        pass "the package made the system account hookdesk-hooks (home /var/lib/hookdesk, no login shell)"
    else
        fail "hookdesk-hooks: $(getent passwd hookdesk-hooks || echo 'no such account')"
    fi
    local d
    for d in /var/lib/hookdesk/hooks /var/lib/hookdesk/.hookdesk; do
        if [ "$(stat -c '%U %a' "$d" 2>/dev/null)" = "hookdesk-hooks 700" ]; then
            pass "$d is hookdesk-hooks's alone (0700)"
        else
            fail "$d: $(stat -c '%U %a' "$d" 2>&1)"
        fi
    done
    if [ "$(stat -c '%U %a' /etc/sudoers.d/hookdesk 2>/dev/null)" = "root 440" ] && visudo -c -q -f /etc/sudoers.d/hookdesk; then
        pass "sudoers drop-in /etc/sudoers.d/hookdesk (root, 0440) passes visudo -c"
    else
        fail "sudoers drop-in: $(stat -c '%U %a' /etc/sudoers.d/hookdesk 2>&1)"
        return
    fi
    if grep -qxF '%hookdesk-csr ALL=(hookdesk-hooks) NOPASSWD: /usr/bin/hookdesk-runner runhook --serve /var/lib/hookdesk/hooks' \
        /etc/sudoers.d/hookdesk; then
        pass "the drop-in lets hookdesk-csr start /usr/bin/hookdesk-runner runhook --serve /var/lib/hookdesk/hooks$(
            [ "$earlier_dropin" = yes ] && echo ' (an earlier build'"'"'s unchanged drop-in, brought up to date)')"
    else
        fail "the drop-in does not name /usr/bin/hookdesk-runner: $(grep -v '^#' /etc/sudoers.d/hookdesk)"
    fi
    if [ "$(readlink /usr/bin/hookdesk-runner)" = /opt/hookdesk/bin/hookdesk-runner ] &&
        runuser -u hookdesk-hooks -- /usr/bin/hookdesk-runner --version >"$work/runner_version.out" 2>&1; then
        pass "/usr/bin/hookdesk-runner runs as hookdesk-hooks: $(head -1 "$work/runner_version.out")"
    else
        fail "/usr/bin/hookdesk-runner: $(ls -l /usr/bin/hookdesk-runner 2>&1); $(head -3 "$work/runner_version.out" 2>/dev/null)"
    fi
    if [ -e /var/lib/hookdesk/hooks/service_hook ]; then
        fail "/var/lib/hookdesk/hooks/service_hook exists already: not replaced, the save through the hook account not tried"
        return
    fi
    local csr=hookdesk-smoke-csr csr_home
    csr_home=$(mktemp -d /tmp/hookdesk-smoke-csr.XXXXXX)
    getent passwd "$csr" >/dev/null || useradd --no-create-home --home-dir "$csr_home" --shell /bin/sh -G hookdesk-csr "$csr"
    chown "$csr" "$csr_home"
    # shellcheck disable=SC2016 # the hook's own expansions, written as they are
    printf '#!/bin/sh\nprintf "%%s %%s\\n" "$(id -un)" "$NEW_d01" >>/var/lib/hookdesk/hooks/provisioned\n' \
        >"$work/service_hook"
    install -o hookdesk-hooks -g hookdesk-hooks -m 0700 "$work/service_hook" /var/lib/hookdesk/hooks/service_hook
    run account_save runuser -u "$csr" -- env HOME="$csr_home" hookdesk --home "$csr_home/home" \
        --hook-runner account:hookdesk-hooks apply service 1 --set d01=smoke-account
    if [ "$(status account_save)" = 0 ] && grep -q 'service_hook succeeded' "$work/account_save.out" &&
        grep -qx 'hookdesk-hooks smoke-account' /var/lib/hookdesk/hooks/provisioned 2>/dev/null; then
        pass "a CSR's save ran service_hook as hookdesk-hooks through sudo and the installed runner"
    else
        fail "save through account:hookdesk-hooks: exit $(status account_save); the hook wrote: $(cat /var/lib/hookdesk/hooks/provisioned 2>&1)"
        show account_save
    fi
    if runuser -u "$csr" -- cat /var/lib/hookdesk/hooks/service_hook >/dev/null 2>&1; then
        fail "the CSR account can read the hook account's hooks"
    else
        pass "the CSR account cannot read /var/lib/hookdesk/hooks"
    fi
    if [ -z "$account_before" ]; then
        if [ -d /var/lib/hookdesk/.hookdesk/runhook-running ]; then
            pass "the runner keeps its markers of runs in /var/lib/hookdesk/.hookdesk/runhook-running"
        else
            fail "no /var/lib/hookdesk/.hookdesk/runhook-running after a run: the runner kept no markers"
        fi
    fi
    rm -f /var/lib/hookdesk/hooks/service_hook /var/lib/hookdesk/hooks/provisioned
    userdel "$csr" 2>/dev/null || true
    rm -rf "$csr_home"
}

if [ "$deb" = yes ]; then
    # One install at a time on this machine: two smoke tests at once (two CI runs) would meet in dpkg's lock and in
    # each other's checks.
    exec 9>/run/lock/hookdesk-smoke-deb
    flock 9
    package=$(find "$repo/target/installer" -maxdepth 1 -name 'hookdesk_*_amd64.deb' -print -quit)
    if [ "$(id -u)" != 0 ]; then
        fail "--deb must run as root"
    elif [ -z "$package" ]; then
        fail "no target/installer/hookdesk_*_amd64.deb; run installer/build.sh without --app-image-only"
    elif dpkg-query -W hookdesk >/dev/null 2>&1; then
        fail "hookdesk is already installed here; remove it first (apt-get remove hookdesk)"
    else
        account_before=$(getent passwd hookdesk-hooks || true)
        # As an earlier build left it: a drop-in naming /usr/bin/hookdesk, recorded as written by the package and not
        # changed since. The install must bring it up to date (the runner is /usr/bin/hookdesk-runner now).
        earlier_dropin=no
        if [ -d /etc/sudoers.d ] && [ ! -e /etc/sudoers.d/hookdesk ]; then
            mkdir -p /var/lib/hookdesk
            printf '%s\n' '# HookDesk: CSRs (group hookdesk-csr) may start the hook runner as hookdesk-hooks, and nothing else.' \
                '%hookdesk-csr ALL=(hookdesk-hooks) NOPASSWD: /usr/bin/hookdesk runhook --serve /var/lib/hookdesk/hooks' \
                >/etc/sudoers.d/hookdesk
            chmod 0440 /etc/sudoers.d/hookdesk
            sha256sum /etc/sudoers.d/hookdesk >/var/lib/hookdesk/sudoers.sha256
            earlier_dropin=yes
        fi
        if DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >"$work/install.out" 2>&1; then
            pass "apt-get installs $(basename "$package")"
            run installed hookdesk --home "$home" --db-url "$central" hooks list
            if [ "$(status installed)" = 0 ] && grep -q '/opt/hookdesk/lib/app/local/service_hook' "$work/installed.out"; then
                pass "/usr/bin/hookdesk runs, hooks directory /opt/hookdesk/lib/app/local"
            else
                fail "/usr/bin/hookdesk hooks list: exit $(status installed)"
                show installed
            fi
            if [ -f /usr/share/applications/hookdesk-hookdesk.desktop ] || ls /usr/share/applications/*hookdesk*.desktop >/dev/null 2>&1; then
                pass "menu entry installed"
            else
                fail "no menu entry in /usr/share/applications"
            fi
            run installed_demo hookdesk --home "$work/installed-home" apply service 1 --set d01=smoke-demo
            if [ "$(status installed_demo)" = 0 ] && grep -q 'service_hook succeeded' "$work/installed_demo.out" &&
                [ -d "$work/installed-home/demo-hooks/demo-provisioned" ]; then
                pass "the installed app runs the demo hooks from its jar, keeping their files in the home"
            else
                fail "installed demo save: exit $(status installed_demo)"
                show installed_demo
            fi
            account_runner_checks
            perms=$(find /opt/hookdesk/lib/app/local -perm /022 ! -type l)
            if [ -z "$perms" ]; then pass "hooks directories are not group/other-writable"; else fail "writable by group/others: $perms"; fi
            if DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq hookdesk >"$work/remove.out" 2>&1 &&
                [ ! -e /usr/bin/hookdesk ] && [ ! -L /usr/bin/hookdesk ] && [ ! -L /usr/bin/hookdesk-runner ] &&
                [ ! -e /opt/hookdesk ]; then
                pass "apt-get purge takes /usr/bin/hookdesk, /usr/bin/hookdesk-runner and the whole /opt/hookdesk tree away"
                if [ ! -e /etc/sudoers.d/hookdesk ] && [ -d /var/lib/hookdesk/hooks ]; then
                    pass "purge removes the sudoers drop-in and keeps /var/lib/hookdesk/hooks (the ISP's hooks and secrets)"
                else
                    fail "after purge: sudoers drop-in $(ls /etc/sudoers.d/hookdesk 2>/dev/null || echo gone), hooks directory $(ls -d /var/lib/hookdesk/hooks 2>/dev/null || echo gone)"
                fi
            else
                fail "apt-get purge left files behind: $(find /opt/hookdesk 2>/dev/null | head -5 | tr '\n' ' ')"
                show remove
            fi
        else
            fail "apt-get install $package"
            show install
            if [ "$earlier_dropin" = yes ] && sha256sum --status -c /var/lib/hookdesk/sudoers.sha256 2>/dev/null; then
                rm -f /etc/sudoers.d/hookdesk /var/lib/hookdesk/sudoers.sha256
            fi
        fi
    fi
fi

echo
if [ "$failures" -eq 0 ]; then
    echo "smoke test passed"
else
    echo "smoke test: $failures failed"
    exit 1
fi
