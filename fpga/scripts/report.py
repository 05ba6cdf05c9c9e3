#!/usr/bin/env python3
"""report.py: utilisation and timing summary of one FPGA build.

Reads Yosys's `stat` output and nextpnr's JSON report (--report) and prints a
plain-text report: resources used/available, fmax per clock domain against
that clock's own constraint (an LPF FREQUENCY, or one nextpnr derived from a
PLL's dividers; --freq for a clock with neither), the critical path of each clock (start and end flip-flop, every
net with its source line), and one Markdown table row for docs/fpga.md.
Called by fpga/scripts/flow.sh; usable by hand on a finished build.
"""
import argparse
import json
import re
import sys

# nextpnr utilisation keys per family: (label, key)
RESOURCES = {
    "ecp5": [
        ("logic cells (LUT4/carry)", "TRELLIS_COMB"),
        ("flip-flops", "TRELLIS_FF"),
        ("LUT RAM (16x4 blocks)", "TRELLIS_RAMW"),
        ("block RAM (DP16KD, 18 Kbit)", "DP16KD"),
        ("DSP multipliers (MULT18X18D)", "MULT18X18D"),
        ("DSP ALUs (ALU54B)", "ALU54B"),
        ("I/O pins", "TRELLIS_IO"),
        ("PLLs (EHXPLLL)", "EHXPLLL"),
        ("global clocks (DCCA)", "DCCA"),
    ],
    "ice40": [
        ("logic cells (LUT4+FF)", "ICESTORM_LC"),
        ("block RAM (4 Kbit)", "ICESTORM_RAM"),
        ("SPRAM (256 Kbit)", "ICESTORM_SPRAM"),
        ("DSP (SB_MAC16)", "ICESTORM_DSP"),
        ("I/O pins", "SB_IO"),
        ("PLLs", "ICESTORM_PLL"),
        ("global buffers", "SB_GB"),
    ],
}
DEVICE_NAMES = {
    ("ecp5", "85k"): "LFE5U-85F", ("ecp5", "45k"): "LFE5U-45F", ("ecp5", "25k"): "LFE5U-25F",
    ("ecp5", "12k"): "LFE5U-12F", ("ice40", "hx8k"): "iCE40HX8K", ("ice40", "up5k"): "iCE40UP5K",
    ("ice40", "hx4k"): "iCE40HX4K", ("ice40", "hx1k"): "iCE40HX1K",
}


def clock_name(raw):
    """'$glbnet$clk' -> 'clk'; 'posedge $glbnet$rgmii_rxc$TRELLIS_IO_IN' -> 'rgmii_rxc'."""
    name = raw.replace("posedge ", "").replace("negedge ", "")
    name = name.replace("$glbnet$", "")
    name = re.sub(r"\$TRELLIS_IO_IN$|\$SB_IO_IN(_\d+)?$|_\$glb_clk$", "", name)
    return name or raw


def yosys_cells(path):
    """Cell counts of the top module from Yosys `stat` (both old and new formats)."""
    cells = {}
    try:
        text = open(path, encoding="utf-8", errors="replace").read()
    except OSError:
        return cells
    for line in text.splitlines():
        m = re.match(r"^\s+(\d+)\s+([A-Za-z_$][\w$]*)\s*$", line)        # Yosys >= 0.50
        if not m:
            m2 = re.match(r"^\s+Number of cells:\s+(\d+)", line)
            if m2:
                cells["cells"] = int(m2.group(1))
            m3 = re.match(r"^\s+([A-Za-z_$][\w$]*)\s+(\d+)\s*$", line)  # Yosys 0.2x
            if m3:
                cells[m3.group(1)] = int(m3.group(2))
            continue
        cells[m.group(2)] = int(m.group(1))
    return cells


def short_net(name):
    """Cut the synthesis-generated suffix off a net name: keep the RTL signal it comes from."""
    m = re.search(r"_(TRELLIS_FF|TRELLIS_COMB|LUT4|CCU2C|L6MUX21|PFUMX|SB_LUT4|SB_CARRY|SB_DFF\w*|DP16KD|MULT18X18D)_", name)
    return name[:m.start()] + "~" if m else name


def path_summary(cp):
    """(from, to, total delay, logic levels, steps) of one nextpnr critical path.

    steps: the routing hops that cost time, as (net, source lines, delay),
    with carry-chain internals (0 ns) left out and generated names shortened.
    """
    steps = cp.get("path", [])
    total = sum(s.get("delay", 0.0) for s in steps)
    levels = sum(1 for s in steps if s.get("type") == "logic")
    start = steps[0]["from"] if steps else {}
    end = steps[-1]["to"] if steps else {}
    hops = []
    for s in steps:
        if s.get("type") == "routing" and s.get("net") and s.get("delay", 0.0) > 0.0:
            src = ", ".join(x for x in s.get("sources", []) if not x.startswith("/share/"))
            hops.append((short_net(s["net"]), src, s.get("delay", 0.0)))
    return start, end, total, levels, hops


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--target", required=True)
    ap.add_argument("--family", required=True, choices=["ecp5", "ice40"])
    ap.add_argument("--device", required=True)
    ap.add_argument("--package", default="")
    ap.add_argument("--freq", type=float, default=125.0)
    ap.add_argument("--params", default="")
    ap.add_argument("--description", default="")
    ap.add_argument("--synth-stat", required=True)
    ap.add_argument("--nextpnr-report", required=True)
    ap.add_argument("--bitstream", default="")
    ap.add_argument("--times", default="")
    ap.add_argument("--seed", default="", help="the nextpnr seed that placed this build")
    a = ap.parse_args()

    try:
        rep = json.load(open(a.nextpnr_report, encoding="utf-8"))
    except (OSError, ValueError) as e:
        print(f"report.py: cannot read nextpnr report {a.nextpnr_report}: {e}", file=sys.stderr)
        return 1
    util = rep.get("utilization", {})
    fmax = rep.get("fmax", {})
    cells = yosys_cells(a.synth_stat)
    dev = DEVICE_NAMES.get((a.family, a.device), a.device)

    out = []
    out.append(f"target      {a.target}: {a.description}")
    out.append(f"device      {dev} {a.package} ({a.family})")
    out.append(f"parameters  {a.params or '(defaults)'}")
    lut4 = cells.get("LUT4", cells.get("SB_LUT4"))
    ffs = sum(v for k, v in cells.items() if k.startswith("TRELLIS_FF") or k.startswith("SB_DFF"))
    if lut4 is not None:
        out.append(f"synthesis   {lut4} LUT4, {ffs} flip-flops (Yosys stat)")
    out.append("resources (nextpnr, used / available):")
    for label, key in RESOURCES[a.family]:
        if key in util:
            u, av = util[key]["used"], util[key]["available"]
            pct = 100.0 * u / av if av else 0.0
            out.append(f"  {label:32s} {u:7d} / {av:<7d} {pct:5.1f} %")
    def target(v):
        return v.get("constraint") or a.freq

    out.append(f"fmax (each clock against its constraint; {a.freq:g} MHz where none is set):")
    slow = []
    for clk, v in sorted(fmax.items()):
        ok = v["achieved"] >= target(v)
        if not ok:
            slow.append(f"{clock_name(clk)} ({v['achieved']:.2f} < {target(v):g} MHz)")
        out.append(f"  {clock_name(clk):24s} {v['achieved']:8.2f} MHz  {'PASS' if ok else 'FAIL'} at {target(v):g} MHz")
    for cp in rep.get("critical_paths", []):
        if clock_name(cp.get("from", "")) != clock_name(cp.get("to", "")):
            continue   # clock-domain crossings are synchronised, not timed
        start, end, total, levels, nets = path_summary(cp)
        out.append(f"critical path {clock_name(cp['from'])}: {total:.2f} ns, {levels} logic levels")
        out.append(f"  from {short_net(start.get('cell', '?'))} ({start.get('cell', '?')}.{start.get('port', '?')})")
        out.append(f"  to   {short_net(end.get('cell', '?'))} ({end.get('cell', '?')}.{end.get('port', '?')})")
        out.append("  routing hops (net ~ = generated suffix cut; delay; RTL source):")
        for net, src, d in nets[:40]:
            out.append(f"    {net}  {d:.2f} ns{'  ' + src if src else ''}")
        if len(nets) > 40:
            out.append(f"    ... {len(nets) - 40} more in report.json")
    if a.seed:
        out.append(f"seed        {a.seed}")
    if a.bitstream:
        out.append(f"bitstream   {a.bitstream}")
    if a.times:
        t = a.times.split(",")
        if len(t) == 3:
            out.append(f"run time    synthesis {t[0]} s, place and route {t[1]} s, bitstream {t[2]} s")

    # one row for docs/fpga.md
    def uv(key):
        return f"{util[key]['used']}/{util[key]['available']}" if key in util else "-"
    keys = {"ecp5": ("TRELLIS_COMB", "TRELLIS_FF", "DP16KD", "MULT18X18D"),
            "ice40": ("ICESTORM_LC", "ICESTORM_LC", "ICESTORM_RAM", "ICESTORM_DSP")}[a.family]
    fm = ", ".join(f"{clock_name(c)} {v['achieved']:.1f}" for c, v in sorted(fmax.items()))
    out.append("markdown    | target | device | LUT4 (yosys) | logic cells | FFs | block RAM | DSP | fmax MHz |")
    out.append(f"markdown    | {a.target} | {dev} | {lut4 if lut4 is not None else '-'} | {uv(keys[0])} | "
               f"{ffs if a.family == 'ice40' else uv(keys[1])} | {uv(keys[2])} | {uv(keys[3])} | {fm} |")
    out.append("timing      PASS: every clock reaches its constraint" if not slow else
               f"timing      FAIL: below its constraint: {', '.join(slow)}")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
