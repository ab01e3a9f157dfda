# common.sh: shared by the example resource scripts (radius, mailbox; radius-sql and mailbox-dovecot use its
# messages, login check and settings reader). Sourced, not run.
# shellcheck shell=sh disable=SC2154 # $resource and $file are set by the script that sources this
#
# Each resource keeps one file with one line per login, fields separated by ':':
#     login:service:status:password-hash[:more fields of the resource]
# status is "active" or "suspended"; a closed login has no line. The password is stored only as a
# SHA-256 hash ("-" when empty). Logins are compared without regard to case, as mail and most RADIUS
# servers do. These files stand in for an ISP's real systems; replace the scripts, keep the actions.
#
# The calling script sets $resource (its name), $file (its data file) and defines
#     format_line LOGIN SERVICE STATUS HASH    prints the line to store
# The caller (service_hook-example) holds the provisioning lock, so a lookup and the write that
# follows it cannot interleave with another run.

die() {
    printf '%s: %s\n' "$resource" "$*" >&2
    exit 1
}

say() {
    printf '%s: %s\n' "$resource" "$*"
}

lower() {
    printf '%s' "$1" | tr '[:upper:]' '[:lower:]'
}

# Logins end up in files, mail addresses and RADIUS requests: refuse anything that could break them.
check_login() {
    case $1 in
        '') die "the login (d01) is empty; fill in the login name" ;;
        *[!A-Za-z0-9._@-]* | [!A-Za-z0-9]*)
            die "login '$1' is not valid; use letters, digits, '.', '_', '-' or '@', starting with a letter or digit" ;;
    esac
}

# setting FILE KEY [DEFAULT]: the value of the last "KEY = value" line of FILE, blanks around it removed,
# else DEFAULT. The file is read, never sourced, so a settings file cannot run commands; and read by the
# shell itself, without starting a program per key. Keys are fixed words chosen by the scripts.
setting() {
    value=''
    while IFS= read -r line || [ -n "$line" ]; do
        line=${line#"${line%%[![:space:]]*}"}
        case $line in
            "$2"*)
                rest=${line#"$2"}
                rest=${rest#"${rest%%[![:space:]]*}"}
                case $rest in
                    =*) rest=${rest#=}; value=${rest#"${rest%%[![:space:]]*}"} ;;
                esac
                ;;
        esac
    done <"$1" || die "cannot read $1"
    value=${value%"${value##*[![:space:]]}"}
    printf '%s' "${value:-${3-}}"
}

# A settings file that says how to reach a system: missing, it is a set-up fault to say plainly.
check_settings() { # FILE
    [ -r "$1" ] || die "cannot read its settings file $1; create it as README.md (next to the hooks) shows"
}

password_hash() {
    if [ -z "${RESOURCE_PASSWORD:-}" ]; then
        printf '%s' -
    else
        printf '%s' "$RESOURCE_PASSWORD" | sha256sum | cut -d' ' -f1
    fi
}

# find_entry LOGIN: sets entry_login, entry_service, entry_status, entry_hash; fails when there is none.
# awk does the search: a shell loop starting a program per line takes seconds on a file of some thousand lines.
find_entry() {
    [ -f "$file" ] || return 1
    entry=$(WANTED=$1 awk -F: 'BEGIN { w = tolower(ENVIRON["WANTED"]) } tolower($1) == w { print; exit }' "$file") ||
        die "cannot read $file"
    [ -n "$entry" ] || return 1
    # shellcheck disable=SC2034 # entry_rest takes the resource's own fields, which no action needs
    IFS=: read -r entry_login entry_service entry_status entry_hash entry_rest <<ENTRY
$entry
ENTRY
    return 0
}

# replace_entry LOGIN [LINE]: rewrites the file without LOGIN's line, putting LINE in its place
# (or at the end when LOGIN had none). Written to a temporary file and renamed over the old one, so a
# reader, or a run killed half-way, never sees half a file.
replace_entry() {
    tmp=$(mktemp "$file.XXXXXX") || die "cannot create a temporary file next to $file"
    source_file=$file
    [ -f "$file" ] || source_file=/dev/null
    WANTED=$1 NEW_LINE=${2-} awk -F: '
        BEGIN { w = tolower(ENVIRON["WANTED"]); n = ENVIRON["NEW_LINE"] }
        tolower($1) == w { if (n != "" && !placed) { print n; placed = 1 } next }
        { print }
        END { if (n != "" && !placed) print n }' "$source_file" >"$tmp" || { rm -f "$tmp"; die "cannot write $tmp"; }
    mv -f "$tmp" "$file" || { rm -f "$tmp"; die "cannot replace $file"; }
}

# A login of another service is never touched: that is the other service's provisioning.
check_owner() { # LOGIN SERVICE
    if [ "$entry_service" != "$2" ]; then
        die "login '$1' is already used by service $entry_service; choose another login"
    fi
}

# Make LOGIN present with STATUS. A new line gets the password from $RESOURCE_PASSWORD; an existing
# one keeps its password (the password action changes it). Running it twice does no harm.
set_status() { # LOGIN SERVICE STATUS VERB
    check_login "$1"
    if find_entry "$1"; then
        check_owner "$1" "$2"
        if [ "$entry_status" = "$3" ] && [ "$entry_login" = "$1" ]; then
            say "login '$1' of service $2 was already $3"
            return 0
        fi
        replace_entry "$1" "$(format_line "$1" "$2" "$3" "$entry_hash")"
    else
        replace_entry "$1" "$(format_line "$1" "$2" "$3" "$(password_hash)")"
    fi
    say "$4 login '$1' for service $2"
}

close_login() { # LOGIN SERVICE
    if ! find_entry "$1"; then
        say "login '$1' of service $2 was already closed"
        return 0
    fi
    check_owner "$1" "$2"
    replace_entry "$1"
    say "closed login '$1' of service $2"
}

# The demo's files start empty while the demo database already has open services. With PROVISION_ADOPT=1
# (set by the demo service_hook only) a login these files do not know yet is taken on as the service now
# stands, instead of refused. A real resource script resynchronises by hand (Do Not Provision), as below.
adopt() { # LOGIN SERVICE
    case ${NEW_state:-} in
        0) set_status "$1" "$2" active adopted ;;
        2) set_status "$1" "$2" suspended adopted ;;
        *) say "login '$1' of service $2 is not provisioned; nothing to change" ;;
    esac
}

rename_login() { # OLD NEW SERVICE
    check_login "$2"
    if ! find_entry "$1"; then
        if find_entry "$2" && [ "$entry_service" = "$3" ]; then
            say "login '$1' of service $3 was already renamed to '$2'"
            return 0
        fi
        if [ "${PROVISION_ADOPT:-0}" = 1 ]; then
            adopt "$2" "$3"
            return 0
        fi
        die "has no login '$1' for service $3 to rename; if $resource and HookDesk disagree, fix $resource by hand or save the service with Do Not Provision set"
    fi
    check_owner "$1" "$3"
    old_status=$entry_status
    old_hash=$entry_hash
    # The new name must be free, unless it is this very line (a change of case only).
    if [ "$(lower "$1")" != "$(lower "$2")" ] && find_entry "$2"; then
        check_owner "$2" "$3"
        die "already has login '$2' for service $3 as well as '$1'; remove one of them by hand"
    fi
    replace_entry "$1" "$(format_line "$2" "$3" "$old_status" "$old_hash")"
    say "renamed login '$1' to '$2' for service $3"
}

change_password() { # LOGIN SERVICE
    if ! find_entry "$1"; then
        if [ "${PROVISION_ADOPT:-0}" = 1 ]; then
            adopt "$1" "$2"
            return 0
        fi
        die "has no login '$1' for service $2 to change the password of; if $resource and HookDesk disagree, fix $resource by hand or save the service with Do Not Provision set"
    fi
    check_owner "$1" "$2"
    replace_entry "$1" "$(format_line "$entry_login" "$2" "$entry_status" "$(password_hash)")"
    say "changed the password of login '$1' of service $2"
}

usage() {
    cat >&2 <<USAGE
usage: $resource open LOGIN SERVICE       make LOGIN active (new logins take \$RESOURCE_PASSWORD)
       $resource suspend LOGIN SERVICE    make LOGIN suspended (likewise)
       $resource close LOGIN SERVICE      remove LOGIN
       $resource rename OLD NEW SERVICE   rename a login, keeping its state and password
       $resource password LOGIN SERVICE   set LOGIN's password to \$RESOURCE_PASSWORD
It keeps its data in $file. The password comes from the environment, never the command line,
where other users could read it.
USAGE
    exit 2
}

resource_main() {
    [ $# -ge 1 ] || usage
    action=$1
    shift
    case $action in
        open) [ $# -eq 2 ] || usage; set_status "$1" "$2" active opened ;;
        suspend) [ $# -eq 2 ] || usage; set_status "$1" "$2" suspended suspended ;;
        close) [ $# -eq 2 ] || usage; close_login "$1" "$2" ;;
        rename) [ $# -eq 3 ] || usage; rename_login "$1" "$2" "$3" ;;
        password) [ $# -eq 2 ] || usage; change_password "$1" "$2" ;;
        *) usage ;;
    esac
}
