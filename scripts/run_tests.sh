#!/usr/bin/env bash
# run_tests.sh: run the project's test executables and commands, count the
# test cases, end with one line "N passed, N failed".
#
# Usage: scripts/run_tests.sh [--list FILE] [--timeout SECS] [--logdir DIR] [--] [EXE...]
#   --list FILE   one test per line: NAME<TAB>SHELL COMMAND (blank lines and
#                 lines starting with # are ignored)
#   EXE...        test executables, each run as is (its path is its name)
#
# Each test runs with stdin from /dev/null, under a time limit (default 900 s,
# or $TEST_TIMEOUT), its output shown and kept in DIR/NAME.log (default
# build/test-logs). Counting:
#   - a program using the Check framework prints one summary line per suite
#     runner ("NN%: Checks: N, Failures: F, Errors: E"); each counts N cases,
#     F+E of them failed. A non-zero exit with no failure reported adds one
#     failed case.
#   - any other program is one case, passed iff it exits 0.
# Exits 0 only if nothing failed.

set -u

list=""
timeout_s="${TEST_TIMEOUT:-900}"
logdir="build/test-logs"
names=()
cmds=()

while [ $# -gt 0 ]; do
    case "$1" in
        --list) list="$2"; shift 2 ;;
        --timeout) timeout_s="$2"; shift 2 ;;
        --logdir) logdir="$2"; shift 2 ;;
        -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        --) shift; break ;;
        -*) echo "run_tests.sh: unknown option $1" >&2; exit 2 ;;
        *) break ;;
    esac
done

if [ -n "$list" ]; then
    if [ ! -r "$list" ]; then
        echo "run_tests.sh: cannot read test list $list" >&2
        exit 2
    fi
    tab=$'\t'
    while IFS= read -r line || [ -n "$line" ]; do
        case "$line" in ''|'#'*) continue ;; esac
        if [[ "$line" != *"$tab"* ]]; then
            echo "run_tests.sh: $list: line without a tab: $line" >&2
            exit 2
        fi
        name="${line%%"$tab"*}"
        name="${name#"${name%%[![:space:]]*}"}"   # trim leading blanks
        names+=("$name")
        cmds+=("${line#*"$tab"}")
    done < "$list"
fi
for exe in "$@"; do
    [ -n "$exe" ] || continue
    case "$exe" in */*) path="$exe" ;; *) path="./$exe" ;; esac
    names+=("$exe")
    cmds+=("$(printf '%q' "$path")")
done

total=${#names[@]}
passed=0
failed=0
failed_names=()
mkdir -p "$logdir"

have_timeout=0
command -v timeout >/dev/null 2>&1 && have_timeout=1

for ((i = 0; i < total; i++)); do
    name="${names[$i]}"
    cmd="${cmds[$i]}"
    log="$logdir/$(printf '%s' "$name" | tr -c 'A-Za-z0-9._-' '_').log"
    echo "=== [$((i + 1))/$total] $name"
    echo "    \$ $cmd"
    start=$(date +%s)
    if [ "$have_timeout" = 1 ]; then
        timeout -k 10 "$timeout_s" bash -c "$cmd" </dev/null 2>&1 | tee "$log"
        rc=${PIPESTATUS[0]}
    else
        bash -c "$cmd" </dev/null 2>&1 | tee "$log"
        rc=${PIPESTATUS[0]}
    fi
    secs=$(( $(date +%s) - start ))

    # Check framework summaries: "100%: Checks: 5, Failures: 0, Errors: 0".
    read -r n_checks n_bad n_suites < <(
        sed -n 's/^[0-9]\{1,3\}%: Checks: \([0-9]\{1,\}\), Failures: \([0-9]\{1,\}\), Errors: \([0-9]\{1,\}\).*/\1 \2 \3/p' "$log" |
        awk '{ c += $1; b += $2 + $3; n++ } END { printf "%d %d %d\n", c, b, n }')

    note=""
    if [ "$n_suites" -gt 0 ]; then
        t_pass=$((n_checks - n_bad))
        t_fail=$n_bad
        if [ "$rc" -ne 0 ] && [ "$n_bad" -eq 0 ]; then
            t_fail=$((t_fail + 1))
            note=" (exit status $rc although Check reported no failure)"
        fi
        kind="$n_checks Check case(s)"
    else
        if [ "$rc" -eq 0 ]; then t_pass=1; t_fail=0; else t_pass=0; t_fail=1; fi
        kind="1 case"
    fi
    if [ "$rc" -eq 124 ] && [ "$have_timeout" = 1 ]; then
        note=" (timed out after ${timeout_s}s)"
    fi
    passed=$((passed + t_pass))
    failed=$((failed + t_fail))
    if [ "$t_fail" -eq 0 ]; then
        echo "--- PASS $name: $kind, exit $rc, ${secs}s"
    else
        echo "--- FAIL $name: $t_fail of $((t_pass + t_fail)) failed, exit $rc, ${secs}s$note (log: $log)"
        failed_names+=("$name")
    fi
done

echo
if [ "$total" -eq 0 ]; then
    echo "run_tests.sh: no tests given"
fi
if [ ${#failed_names[@]} -gt 0 ]; then
    echo "failed: ${failed_names[*]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
