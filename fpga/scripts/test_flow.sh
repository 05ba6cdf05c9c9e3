#!/usr/bin/env bash
# test_flow.sh: tests of fpga/scripts/flow.sh with stand-in tools (no FPGA
# tools needed, a few seconds). Run from the repository root:
#   fpga/scripts/test_flow.sh WORKDIR
# Cases:
#   over-full   nextpnr reports TRELLIS_COMB above 100 % after packing and
#               then keeps running (as the real one does): flow.sh must stop
#               it at once, fail, and name the resource and the numbers;
#   fits        a run that fits: report.txt with the utilisation, fmax per
#               clock, the critical path and the bitstream, the target's
#               SEED passed to nextpnr; exit 0;
#   pnr-fails   nextpnr exits non-zero without an over-full report: flow.sh
#               fails and shows the end of nextpnr.log;
#   stall       router1 keeps logging progress lines without getting below
#               500 arcs left (PNR_STALL 3 s here): flow.sh stops it, fails
#               and says so with the seed; a router1 that gets closer at
#               every line, for longer than PNR_STALL, is left to finish;
#   seeds       a target with SEED="7 9" whose seed 7 stalls: flow.sh says
#               so, keeps that log, routes with seed 9 and reports seed 9;
#   no-tool     a tool missing from PATH: flow.sh fails naming it;
#   blocks      blocks.sh + ooc_block.py on vnic_irq: the generated wrapper
#               lints clean with Verilator -Wall and the summary row carries
#               the block's report (and only the parameters it declares);
#   depth       depth.py on a hand-made netlist (flip-flop -> LUT4 -> PFUMX
#               -> LUT4 -> two-cell carry chain -> flip-flop, beside a
#               one-LUT path): each register input's depth, the deepest
#               path's nets in order, the registers ranked;
#   rtlpath     rtlpath.py (with Yosys) on a two-module design: the longest
#               path's source lines in order (a flattened cell at its own
#               line), a direct wire, no path, a TO that is not a register.
# Prints one line per case and `N passed, N failed`; exits non-zero on any
# failure.
set -uo pipefail

W=${1:?usage: fpga/scripts/test_flow.sh WORKDIR}
FLOW=fpga/scripts/flow.sh
rm -rf "$W"
mkdir -p "$W/bin" "$W/tgt/flowtest"
W=$(cd "$W" && pwd)
passed=0
failed=0

ok()   { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

# ---------------------------------------------------------------- stand-in tools
# yosys: writes the `stat` output the flow's script asks for (tee -o PATH stat).
cat > "$W/bin/fake-yosys" <<'EOF'
#!/usr/bin/env bash
log="" script=""
while [ $# -gt 0 ]; do case "$1" in -l) log="$2"; shift 2;; -s) script="$2"; shift 2;; *) shift;; esac; done
: > "$log"
stat=$(sed -n 's/^tee -o \([^ ]*\) stat$/\1/p' "$script")
printf '   Number of cells:   1500\n     1000   LUT4\n      500   TRELLIS_FF\n' > "$stat"
EOF
# nextpnr, over-full: the packing report, then "placing" until killed.
cat > "$W/bin/fake-nextpnr-full" <<'EOF'
#!/usr/bin/env bash
log=""
while [ $# -gt 0 ]; do case "$1" in -l) log="$2"; shift 2;; *) shift;; esac; done
echo $$ > "$(dirname "$log")/fake-nextpnr.pid"
printf 'Info: Device utilisation:\nInfo: \t          TRELLIS_FF:   32722/  83640    39%%\nInfo: \t        TRELLIS_COMB:  108531/  83640   129%%\n' > "$log"
exec sleep 120
EOF
# nextpnr, fits: utilisation, fmax and one critical path in the JSON report.
cat > "$W/bin/fake-nextpnr-fit" <<'EOF'
#!/usr/bin/env bash
args="$*"
log="" rep="" cfg=""
while [ $# -gt 0 ]; do
    case "$1" in -l) log="$2"; shift 2;; --report) rep="$2"; shift 2;; --textcfg) cfg="$2"; shift 2;; *) shift;; esac
done
printf 'Info: Device utilisation:\nInfo: \t        TRELLIS_COMB:  1500/  83640     1%%\n' > "$log"
echo "config" > "$cfg"
echo "$args" > "$(dirname "$log")/nextpnr.args"
cat > "$rep" <<'JSON'
{"utilization": {"TRELLIS_COMB": {"used": 1500, "available": 83640},
                 "TRELLIS_FF": {"used": 500, "available": 83640}},
 "fmax": {"$glbnet$clk": {"achieved": 131.5, "constraint": 125.0},
          "$glbnet$rgmii_rxc$TRELLIS_IO_IN": {"achieved": 98.25, "constraint": 125.0},
          "$glbnet$u_core.clk": {"achieved": 67.5, "constraint": 50.0}},
 "critical_paths": [{"from": "posedge $glbnet$clk", "to": "posedge $glbnet$clk", "path": [
   {"type": "clk-to-q", "delay": 0.5, "from": {"cell": "u_regs.seq_q_TRELLIS_FF_Q", "port": "CLK"}, "to": {"cell": "u_regs.seq_q_TRELLIS_FF_Q", "port": "Q"}},
   {"type": "routing", "delay": 1.25, "net": "u_regs.cmd_fire_LUT4_Z", "sources": ["rtl/vnic_regs.v:812.5-812.40"], "from": {"cell": "a", "port": "Q"}, "to": {"cell": "b", "port": "A"}},
   {"type": "logic", "delay": 0.4, "from": {"cell": "b", "port": "A"}, "to": {"cell": "b", "port": "Z"}},
   {"type": "setup", "delay": 0.1, "from": {"cell": "u_regs.st_q_TRELLIS_FF_Q", "port": "DI"}, "to": {"cell": "u_regs.st_q_TRELLIS_FF_Q", "port": "DI"}}]}]}
JSON
EOF
# nextpnr that fails on its own (e.g. an unroutable design).
cat > "$W/bin/fake-nextpnr-err" <<'EOF'
#!/usr/bin/env bash
log=""
while [ $# -gt 0 ]; do case "$1" in -l) log="$2"; shift 2;; *) shift;; esac; done
printf 'Info: Routing..\nERROR: Failed to route arc 0 of net foo\n' > "$log"
exit 1
EOF
# router1 that stops getting closer: 900, 700, 500 arcs left, then 500 or
# more for ever (progress lines as nextpnr 0.11 prints them).
cat > "$W/bin/fake-nextpnr-stall" <<'EOF'
#!/usr/bin/env bash
log=""
while [ $# -gt 0 ]; do case "$1" in -l) log="$2"; shift 2;; *) shift;; esac; done
echo $$ > "$(dirname "$log")/fake-nextpnr.pid"
printf 'Info: Device utilisation:\nInfo: \t        TRELLIS_COMB:  1500/  83640     1%%\n' > "$log"
i=0
for left in 900 700 500 520 500 510 $(seq 1 200 | sed 's/.*/505/'); do
    i=$((i + 1000))
    printf 'Info: %10d | %8d %10d | %4d %5d | %9d| %10.2f %10.2f|\n' "$i" 10 "$i" 1 999 "$left" 0.5 "$i" >> "$log"
    sleep 0.5
done
EOF
# router1 that gets closer at every line for 8 s, then finishes as fake-nextpnr-fit.
cat > "$W/bin/fake-nextpnr-slow" <<EOF
#!/usr/bin/env bash
log="" prev=""
for a; do [ "\$prev" = -l ] && log="\$a"; prev="\$a"; done
: > "\$log"
for left in 800 700 600 500 400 300 200 100; do
    printf 'Info: %10d | %8d %10d | %4d %5d | %9d| %10.2f %10.2f|\n' 1000 10 990 1 999 "\$left" 0.5 1.0 >> "\$log"
    sleep 1
done
exec "$W/bin/fake-nextpnr-fit" "\$@"
EOF
# nextpnr whose seed 7 stalls (as fake-nextpnr-stall) and every other seed fits.
cat > "$W/bin/fake-nextpnr-seeds" <<EOF
#!/usr/bin/env bash
prev=""
for a; do [ "\$prev" = --seed ] && [ "\$a" = 7 ] && exec "$W/bin/fake-nextpnr-stall" "\$@"; prev="\$a"; done
exec "$W/bin/fake-nextpnr-fit" "\$@"
EOF
cat > "$W/bin/fake-ecppack" <<'EOF'
#!/usr/bin/env bash
for last; do :; done
echo "bitstream" > "$last"
EOF
chmod +x "$W"/bin/*

cat > "$W/tgt/flowtest/target.conf" <<'EOF'
DESCRIPTION="flow.sh test target"
FAMILY=ecp5
DEVICE=85k
PACKAGE=CABGA381
TOP=vnic_reset_sync
SOURCES="fpga/rtl/vnic_reset_sync.v"
FREQ=125
SEED=7
ABC9_D=30000
EOF

# run NEXTPNR OUTDIR: flow.sh with the stand-ins (router1 stall limit 3 s);
# sets rc, secs, out (stdout+stderr)
run() {
    local t0
    t0=$(date +%s)
    out=$(YOSYS_ECP5="$W/bin/fake-yosys" NEXTPNR_ECP5="$W/bin/$1" ECPPACK="$W/bin/fake-ecppack" \
          FLOW_PNR_STALL=3 timeout 100 "$FLOW" "$W/tgt/flowtest" "$W/$2" 2>&1)
    rc=$?
    secs=$(( $(date +%s) - t0 ))
}

# nextpnr_gone CASE OUTDIR: the stand-in nextpnr of that run (its pid file)
# was stopped; one still running is killed
nextpnr_gone() {
    local pid
    pid=$(cat "$W/$2/fake-nextpnr.pid" 2>/dev/null || echo "")
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
        ok "$1: nextpnr no longer running"
    else
        fail "$1: nextpnr (pid '${pid}') still running or never started"
        [ -n "$pid" ] && kill "$pid" 2>/dev/null
    fi
}

# ---------------------------------------------------------------- over-full
run fake-nextpnr-full full
if [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ]; then ok "over-full: flow.sh fails (rc $rc)"; else fail "over-full: rc $rc (124 = nextpnr not stopped)"; fi
if grep -q "the design does not fit 85k: TRELLIS_COMB: 108531/83640 129%" <<<"$out"; then
    ok "over-full: names the resource and the numbers"
else
    fail "over-full: message missing; output was: $out"
fi
if [ "$secs" -lt 30 ]; then ok "over-full: stopped after packing (${secs} s)"; else fail "over-full: took ${secs} s"; fi
nextpnr_gone over-full full
if grep -q "TRELLIS_FF" <<<"$out" && ! grep -q "does not fit.*TRELLIS_FF" <<<"$out"; then
    ok "over-full: a resource under 100 % is not blamed"
else
    fail "over-full: resource list wrong: $out"
fi

# ---------------------------------------------------------------- fits
run fake-nextpnr-fit fit
rep="$W/fit/report.txt"
if [ "$rc" -eq 0 ]; then ok "fits: exit 0"; else fail "fits: rc $rc: $out"; fi
if grep -Eq "logic cells \(LUT4/carry\) +1500 / 83640" "$rep" 2>/dev/null; then ok "fits: utilisation in report.txt"; else fail "fits: utilisation missing"; fi
if grep -Eq "^  clk +131.50 MHz  PASS at 125 MHz" "$rep" 2>/dev/null && grep -Eq "^  rgmii_rxc +98.25 MHz  FAIL at 125 MHz" "$rep"; then
    ok "fits: fmax per clock, PASS/FAIL against 125 MHz"
else
    fail "fits: fmax lines missing"
fi
if grep -Eq "^  u_core.clk +67.50 MHz  PASS at 50 MHz" "$rep" 2>/dev/null; then
    ok "fits: a clock with its own constraint (a PLL output at 50 MHz) is judged against it"
else
    fail "fits: per-clock constraint not used: $(grep u_core.clk "$rep" 2>/dev/null)"
fi
if grep -q "timing      FAIL: below its constraint: rgmii_rxc (98.25 < 125 MHz)$" "$rep" 2>/dev/null; then ok "fits: timing verdict names the slow clock, and only it"; else fail "fits: timing verdict wrong: $(grep timing "$rep" 2>/dev/null)"; fi
if grep -q "critical path clk: 2.25 ns, 1 logic levels" "$rep" 2>/dev/null && grep -q "u_regs.cmd_fire~  1.25 ns  rtl/vnic_regs.v:812" "$rep"; then
    ok "fits: critical path with its RTL source"
else
    fail "fits: critical path missing"
fi
if grep -Eq -- "--seed 7( |$)" "$W/fit/nextpnr.args" 2>/dev/null; then ok "fits: the target's SEED reaches nextpnr"; else fail "fits: seed not passed: $(cat "$W/fit/nextpnr.args" 2>/dev/null)"; fi
if grep -A1 "^scratchpad -set abc9.D 30000$" "$W/fit/synth.ys" 2>/dev/null | grep -q "^synth_ecp5 "; then
    ok "fits: the target's ABC9_D is set just before synthesis"
else
    fail "fits: ABC9_D not in synth.ys: $(cat "$W/fit/synth.ys" 2>/dev/null)"
fi
if [ -s "$W/fit/flowtest.bit" ] && grep -q "bitstream   $W/fit/flowtest.bit" "$rep"; then ok "fits: bitstream written and reported"; else fail "fits: no bitstream"; fi

# ---------------------------------------------------------------- nextpnr fails
run fake-nextpnr-err err
if [ "$rc" -ne 0 ] && grep -q "place and route failed" <<<"$out" && grep -q "ERROR: Failed to route arc" <<<"$out"; then
    ok "pnr-fails: fails with the end of nextpnr.log"
else
    fail "pnr-fails: rc $rc: $out"
fi
if [ ! -e "$W/err/report.txt" ] || [ ! -s "$W/err/report.txt" ]; then ok "pnr-fails: no report written"; else fail "pnr-fails: a report was written"; fi

# ---------------------------------------------------------------- router1 stall
run fake-nextpnr-stall stall
if [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] \
   && grep -q "router1 stalled with seed 7: no fewer than 500 arcs left for [0-9]* s" <<<"$out"; then
    ok "stall: stopped, fails naming the seed and the arcs left"
else
    fail "stall: rc $rc (124 = not stopped): $out"
fi
if [ "$secs" -lt 30 ]; then ok "stall: stopped ${secs} s after the start"; else fail "stall: took ${secs} s"; fi
nextpnr_gone stall stall
run fake-nextpnr-slow slow
if [ "$rc" -eq 0 ] && [ "$secs" -ge 8 ] && [ -s "$W/slow/flowtest.bit" ]; then
    ok "stall: a router1 getting closer for ${secs} s (limit 3 s) finishes"
else
    fail "stall: the progressing run was stopped or failed: rc $rc after ${secs} s: $out"
fi

# ---------------------------------------------------------------- seed list
mkdir -p "$W/tgt2/flowtest"
sed 's/^SEED=7$/SEED="7 9"/' "$W/tgt/flowtest/target.conf" > "$W/tgt2/flowtest/target.conf"
out=$(YOSYS_ECP5="$W/bin/fake-yosys" NEXTPNR_ECP5="$W/bin/fake-nextpnr-seeds" ECPPACK="$W/bin/fake-ecppack" \
      FLOW_PNR_STALL=3 timeout 100 "$FLOW" "$W/tgt2/flowtest" "$W/seeds" 2>&1)
rc=$?
if [ "$rc" -eq 0 ] && grep -q "router1 stalled with seed 7: no fewer than 500 arcs left for [0-9]* s; trying seed 9" <<<"$out" \
   && grep -q -- "--seed 9" "$W/seeds/nextpnr.args" 2>/dev/null && [ -s "$W/seeds/flowtest.bit" ]; then
    ok "seeds: seed 7 stalls, seed 9 routes and packs"
else
    fail "seeds: rc $rc: $out"
fi
if grep -q "^seed        9$" "$W/seeds/report.txt" 2>/dev/null && grep -q " 505|" "$W/seeds/nextpnr-seed7.log" 2>/dev/null; then
    ok "seeds: report.txt names seed 9, the stalled run's log is kept"
else
    fail "seeds: report or kept log wrong: $(grep seed "$W/seeds/report.txt" 2>/dev/null)"
fi

# ---------------------------------------------------------------- missing tool
run no-such-nextpnr none
if [ "$rc" -ne 0 ] && grep -q "'$W/bin/no-such-nextpnr' not found" <<<"$out"; then ok "no-tool: names the missing tool"; else fail "no-tool: rc $rc: $out"; fi

# ---------------------------------------------------------------- blocks.sh / ooc_block.py
# a real block (vnic_irq, NUM_VNIC=2) wrapped by ooc_block.py (ports read by
# the base Yosys), built by flow.sh with the stand-in tools, one table row
files=$(echo rtl/*.v)
out=$(YOSYS_ECP5="$W/bin/fake-yosys" NEXTPNR_ECP5="$W/bin/fake-nextpnr-fit" ECPPACK="$W/bin/fake-ecppack" \
      BLOCK_FILES="$files" timeout 100 fpga/scripts/blocks.sh --params "NUM_VNIC=2 NO_SUCH_PARAM=3" "$W/blocks" vnic_irq 2>&1)
rc=$?
row=$(grep '^| `vnic_irq`' "$W/blocks/summary.md" 2>/dev/null)
if [ "$rc" -eq 0 ] && grep -q '| NUM_VNIC=2 | 1000 | 1500 | 500 | 131.50 | 2.25 ns, 1 logic levels |' <<<"$row"; then
    ok "blocks: summary row from the block's report (parameters it declares only)"
else
    fail "blocks: rc $rc, row '$row': $out"
fi
wrap="$W/blocks/irq/ooc_vnic_irq.v"
if [ -f "$wrap" ] && ${VERILATOR:-verilator} --lint-only -Wall -Irtl --top-module ooc_vnic_irq \
       -Wno-PINCONNECTEMPTY "$wrap" rtl/vnic_irq.v fpga/rtl/vnic_reset_sync.v >"$W/blocks/lint.log" 2>&1; then
    ok "blocks: the generated wrapper connects every port at its width (verilator -Wall)"
else
    fail "blocks: wrapper lint: $(head -5 "$W/blocks/lint.log" 2>/dev/null)"
fi

# ---------------------------------------------------------------- depth.py
# q_a -(LUT4)-> n1 -(PFUMX via ALUT, 0.1)-> n2 -(LUT4)-> n3 -(CCU2C A0->COUT)-> c1
# -(CCU2C CIN->S0, 0.1)-> sum -> r_deep.DI: 3.2 levels; q_a -(LUT4)-> r_short.DI: 1
cat > "$W/depth.json" <<'EOF'
{"modules": {"t": {"attributes": {"top": "00000000000000000000000000000001"},
 "ports": {"clk": {"direction": "input", "bits": [2]}},
 "cells": {
  "q_a_TRELLIS_FF_Q": {"type": "TRELLIS_FF", "port_directions": {"CLK": "input", "DI": "input", "Q": "output"},
                       "connections": {"CLK": [2], "DI": ["0"], "Q": [10]}},
  "l1": {"type": "LUT4", "port_directions": {"A": "input", "B": "input", "C": "input", "D": "input", "Z": "output"},
         "connections": {"A": [10], "B": ["0"], "C": ["0"], "D": ["0"], "Z": [11]}},
  "m1": {"type": "PFUMX", "port_directions": {"ALUT": "input", "BLUT": "input", "C0": "input", "Z": "output"},
         "connections": {"ALUT": [11], "BLUT": ["0"], "C0": ["0"], "Z": [12]}},
  "l2": {"type": "LUT4", "port_directions": {"A": "input", "B": "input", "C": "input", "D": "input", "Z": "output"},
         "connections": {"A": [12], "B": ["0"], "C": ["0"], "D": ["0"], "Z": [13]}},
  "c0": {"type": "CCU2C", "port_directions": {"A0": "input", "CIN": "input", "COUT": "output", "S0": "output"},
         "connections": {"A0": [13], "CIN": ["0"], "COUT": [14], "S0": [20]}},
  "c1": {"type": "CCU2C", "port_directions": {"A0": "input", "CIN": "input", "COUT": "output", "S0": "output"},
         "connections": {"A0": ["0"], "CIN": [14], "COUT": [21], "S0": [15]}},
  "r_deep_TRELLIS_FF_Q": {"type": "TRELLIS_FF", "port_directions": {"CLK": "input", "DI": "input", "Q": "output"},
                          "connections": {"CLK": [2], "DI": [15], "Q": [16]}},
  "l3": {"type": "LUT4", "port_directions": {"A": "input", "B": "input", "C": "input", "D": "input", "Z": "output"},
         "connections": {"A": [10], "B": ["0"], "C": ["0"], "D": ["0"], "Z": [17]}},
  "r_short_TRELLIS_FF_Q": {"type": "TRELLIS_FF", "port_directions": {"CLK": "input", "DI": "input", "Q": "output"},
                           "connections": {"CLK": [2], "DI": [17], "Q": [18]}}},
 "netnames": {"q_a": {"bits": [10]}, "n1": {"bits": [11]}, "n2": {"bits": [12]}, "n3": {"bits": [13]},
              "sum": {"bits": [15]}, "clk": {"bits": [2]},
              "c1_gen": {"hide_name": 1, "bits": [14]}}}}}
EOF
out=$(${PYTHON:-python3} fpga/scripts/depth.py "$W/depth.json" 2>&1)
if grep -Eq '^ +3\.2  r_deep\.DI  \(1 bits\)$' <<<"$out" && grep -Eq '^ +1\.0  r_short\.DI  \(1 bits\)$' <<<"$out"; then
    ok "depth: each register input's depth (LUT 1, PFUMX and carry steps 0.1)"
else
    fail "depth: levels wrong: $out"
fi
if grep -q 'q_a -> n1 -> n2 -> n3 -> c1_gen -> sum$' <<<"$out"; then ok "depth: the deepest path's nets, start first"; else fail "depth: path wrong: $out"; fi
if [ "$(grep -Eo '^ +[0-9.]+  r_[a-z]+' <<<"$out" | awk '{print $2}' | tr '\n' ' ')" = "r_deep r_short " ]; then
    ok "depth: registers ranked deepest first"
else
    fail "depth: ranking wrong: $out"
fi

# ---------------------------------------------------------------- rtlpath.py
# a_q -> (sub: + 1) -> == 5 -> and with c_q -> b_q; beside it a_q -> d_q
# directly and c_q -> b_q through one AND: the longest path from a_q to b_q
# runs through the sub-block's add (its own line, not its instantiation's)
mkdir -p "$W/rp"
cat > "$W/rp/rp.v" <<'EOF'
module rp_sub (input wire [3:0] x, output wire [3:0] y);
assign y = x + 4'd1;
endmodule
module rp_top (input wire clk, input wire [3:0] in, input wire c_in, output reg b_q, output reg [3:0] d_q);
reg [3:0] a_q;
reg       c_q;
wire [3:0] s;
rp_sub u_sub (
    .x (a_q),
    .y (s)
);
wire hit = (s == 4'd5);
always @(posedge clk) begin
    a_q <= in;
    c_q <= c_in;
    b_q <= hit && c_q;
    d_q <= a_q;
end
endmodule
EOF
out=$(${PYTHON:-python3} fpga/scripts/rtlpath.py --sources "$W/rp/rp.v" --top rp_top --out "$W/rp" a_q b_q 2>&1)
rows=$(grep -Eo 'rp\.v:[0-9]+' <<<"$out" | tr '\n' ' ')
if grep -q 'longest: 3 cells' <<<"$out" && [ "$rows" = "rp.v:2 rp.v:12 rp.v:16 " ]; then
    ok "rtlpath: the longest path's source lines in order, through the sub-block's own line"
else
    fail "rtlpath: path wrong ($rows): $out"
fi
out=$(${PYTHON:-python3} fpga/scripts/rtlpath.py --netlist "$W/rp/coarse.json" a_q d_q 2>&1)
if grep -q 'a direct connection, no logic' <<<"$out"; then ok "rtlpath: a register to register wire"; else fail "rtlpath: direct wrong: $out"; fi
out=$(${PYTHON:-python3} fpga/scripts/rtlpath.py --netlist "$W/rp/coarse.json" c_q a_q 2>&1)
if grep -q '  no path' <<<"$out"; then ok "rtlpath: no path between unconnected registers"; else fail "rtlpath: no-path wrong: $out"; fi
out=$(${PYTHON:-python3} fpga/scripts/rtlpath.py --netlist "$W/rp/coarse.json" a_q hit 2>&1)
if grep -q 'is not driven by a register' <<<"$out"; then ok "rtlpath: TO must be a register"; else fail "rtlpath: TO check wrong: $out"; fi

echo "test_flow: flow.sh with stand-in tools"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
