#!/usr/bin/env bash
# blocks.sh: synthesis, place and route of device blocks one at a time, out
# of context (fpga/scripts/ooc_block.py wraps each: inputs from a shift
# chain, outputs registered and XOR-reduced), and one table of their area
# and fmax. Run from the repository root:
#   BLOCK_FILES="<the files of rtl/vnic_top.f>" fpga/scripts/blocks.sh [--params "NUM_VNIC=2"] OUTDIR MODULE...
# (make fpga-block / fpga-blocks set BLOCK_FILES from the file list)
# Writes OUTDIR/MODULE/{ooc_MODULE.v,target.conf,out/report.txt} and
# OUTDIR/summary.md (one row per block: LUT4, logic cells, FFs, fmax of clk,
# critical path length, levels, start and end register), and prints the
# table. The parameters are applied to the blocks that declare them.
# Exits non-zero if a block fails to build.
set -euo pipefail

PARAMS="NUM_VNIC=2"
while [ $# -gt 0 ]; do
    case "$1" in
        --params) PARAMS="$2"; shift 2 ;;
        -*) echo "blocks.sh: unknown option $1" >&2; exit 2 ;;
        *) break ;;
    esac
done
if [ $# -lt 2 ]; then
    echo "usage: fpga/scripts/blocks.sh [--params \"NAME=VALUE ...\"] OUTDIR MODULE..." >&2
    exit 2
fi
OUT="$1"; shift
mkdir -p "$OUT"
SUM="$OUT/summary.md"
{
    echo "| block | parameters | LUT4 (Yosys) | logic cells (nextpnr) | FFs | fmax clk (MHz) | critical path | from | to |"
    echo "|---|---|---:|---:|---:|---:|---|---|---|"
} > "$SUM.tmp"
rc=0
for m in "$@"; do
    d="$OUT/${m#vnic_}"
    if ! ${PYTHON:-python3} fpga/scripts/ooc_block.py --module "$m" --params "$PARAMS" \
            --files "${BLOCK_FILES:?set BLOCK_FILES to the files of rtl/vnic_top.f}" "$d" >/dev/null; then
        echo "blocks.sh: $m: no wrapper" >&2; rc=1; continue
    fi
    if ! fpga/scripts/flow.sh --no-bitstream "$d" "$d/out" > "$d/flow.log" 2>&1; then
        echo "blocks.sh: $m: build failed, see $d/flow.log" >&2; tail -n 5 "$d/flow.log" >&2; rc=1; continue
    fi
    r="$d/out/report.txt"
    p=$(sed -n 's/^DESCRIPTION=".* alone, \([^,]*\), out of context.*/\1/p' "$d/target.conf")
    lut=$(sed -n 's/^synthesis   \([0-9]*\) LUT4.*/\1/p' "$r")
    cells=$(sed -n 's/^  logic cells (LUT4\/carry) *\([0-9]*\) .*/\1/p' "$r")
    ffs=$(sed -n 's/^  flip-flops *\([0-9]*\) .*/\1/p' "$r")
    fmax=$(sed -n 's/^  clk *\([0-9.]*\) MHz.*/\1/p' "$r")
    cp=$(sed -n 's/^critical path clk: \(.*\)/\1/p' "$r")
    from=$(grep -A2 '^critical path clk:' "$r" | sed -n 's/^  from \([^ ]*\).*/\1/p')
    to=$(grep -A2 '^critical path clk:' "$r" | sed -n 's/^  to   \([^ ]*\).*/\1/p')
    echo "| \`$m\` | ${p:--} | $lut | $cells | $ffs | $fmax | $cp | \`$from\` | \`$to\` |" >> "$SUM.tmp"
    echo "blocks.sh: $m: clk $fmax MHz, $cells logic cells ($r)"
done
mv "$SUM.tmp" "$SUM"
echo
cat "$SUM"
exit $rc
