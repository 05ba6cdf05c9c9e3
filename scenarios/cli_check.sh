#!/usr/bin/env bash
# cli_check.sh VNIC_SIM rtl-absent|rtl-built: vnic-sim's command line:
# usage errors, the engine check, messages naming file and line, the seed
# print-out, and run-to-run determinism.
set -u
sim="$1"
rtl="${2:-rtl-absent}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "cli_check: ok: $*"; }
bad() { echo "cli_check: FAIL: $*"; fail=1; }

"$sim" --help >"$tmp/o" 2>&1 && grep -q -- "--engine" "$tmp/o" && ok "--help" || bad "--help"
"$sim" >"$tmp/o" 2>&1; [ $? -eq 2 ] && ok "no scenario: exit 2" || bad "no scenario: exit status"
"$sim" --bogus scenarios/default.scn >"$tmp/o" 2>&1; [ $? -eq 2 ] && grep -q "unknown option --bogus" "$tmp/o" \
    && ok "unknown option" || bad "unknown option"
"$sim" --engine warp scenarios/default.scn >"$tmp/o" 2>&1; [ $? -eq 2 ] && ok "bad engine name" || bad "bad engine name"
if [ "$rtl" = rtl-absent ]; then
    for e in rtl both; do
        "$sim" --engine $e scenarios/default.scn >"$tmp/o" 2>&1
        rc=$?
        [ $rc -eq 2 ] && grep -q "RTL engine not built yet" "$tmp/o" && ok "--engine $e: not built, exit 2" \
            || { bad "--engine $e: exit $rc"; cat "$tmp/o"; }
    done
fi
"$sim" "$tmp/missing.scn" >"$tmp/o" 2>&1; [ $? -eq 2 ] && grep -q "missing.scn" "$tmp/o" \
    && ok "missing file" || bad "missing file"
printf '[vnic a]\nmac = 02:00:00:00:00:01\n[stream s]\ndst = a\nrate = 7 parsecs\n' >"$tmp/bad.scn"
"$sim" "$tmp/bad.scn" >"$tmp/o" 2>&1; [ $? -eq 2 ] && grep -q "bad.scn:5:" "$tmp/o" \
    && ok "error names file and line" || { bad "error message"; cat "$tmp/o"; }
"$sim" --set vnic.nope.ceiling=1Gb/s scenarios/default.scn >"$tmp/o" 2>&1; [ $? -eq 2 ] \
    && ok "--set of a missing section" || bad "--set of a missing section"

# seed printed; same seed -> same table; other seed -> other table
run() { "$sim" --seed "$1" --cycles 60000 --set run.warmup=6000 scenarios/default.scn 2>/dev/null | grep -v '^speed:'; }
run 5 >"$tmp/a"; run 5 >"$tmp/b"; run 6 >"$tmp/c"
grep -q "seed 5" "$tmp/a" && ok "seed printed" || bad "seed not printed"
cmp -s "$tmp/a" "$tmp/b" && ok "same seed, same output" || { bad "same seed, different output"; diff "$tmp/a" "$tmp/b" | head; }
cmp -s "$tmp/a" "$tmp/c" && bad "another seed, same output" || ok "another seed, another output"
grep -q "^vNIC " "$tmp/a" && grep -q "^web " "$tmp/a" && ok "per-vNIC table" || bad "no per-vNIC table"
exit $fail
