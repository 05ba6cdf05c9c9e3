#!/usr/bin/env python3
"""depth.py: logic depth of every register input in a synthesised ECP5 netlist.

Reads the JSON netlist Yosys writes for a target (build/fpga/<target>/synth.json;
ECP5 cells, and the iCE40's SB_LUT4 and SB_CARRY)
and, without placing anything, finds for each endpoint (a flip-flop's D, CE
or reset input, a LUT-RAM or block-RAM input, an output port) the longest
chain of logic in front of it. The unit is a *level*: one LUT4 (or a carry
cell entered through its LUT inputs, or a LUT-RAM read) counts 1, the
slice-internal muxes (PFUMX, L6MUX21) and a carry-chain step (CIN to COUT)
count 0.1. On the routed board most of a path's delay is the routing
between levels, so this ranks the paths a change must shorten minutes after
synthesis, without the hour of place and route; `report.py` gives the routed
truth for the one critical path.

Prints the deepest endpoints grouped by register (bits of one vector
together), each with its deepest path as a list of named nets, start first.

Usage:
  fpga/scripts/depth.py build/fpga/ecpix5/synth.json [--top 20] [--min LEVELS]
      [--match TEXT]
"""
import argparse
import json
import os
import re
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report import short_net  # noqa: E402  (the same net-name shortening as the routed report)

# (cell type, input port pattern, output port pattern, levels added)
ARCS = [
    ("LUT4", r"[ABCD]$", r"Z$", 1.0),
    ("PFUMX", r"(ALUT|BLUT)$", r"Z$", 0.1),
    ("PFUMX", r"C0$", r"Z$", 1.0),
    ("L6MUX21", r"D[01]$", r"Z$", 0.1),
    ("L6MUX21", r"SD$", r"Z$", 1.0),
    ("CCU2C", r"[ABCD]0$", r"(S0|S1|COUT)$", 1.0),
    ("CCU2C", r"[ABCD]1$", r"(S1|COUT)$", 1.0),
    ("CCU2C", r"CIN$", r"(S0|S1|COUT)$", 0.1),
    ("TRELLIS_DPR16X4", r"RAD\d$", r"DO\d$", 1.0),
    ("SB_LUT4", r"I[0-3]$", r"O$", 1.0),
    ("SB_CARRY", r"I[01]$", r"CO$", 1.0),
    ("SB_CARRY", r"CI$", r"CO$", 0.1),
]


def group_name(cell, port):
    """The register (or RAM) an endpoint belongs to: the cell name without
    the mapping suffix and bit numbers, and the port's kind (D, CE, reset)."""
    name = re.sub(r"_TRELLIS_.*$|\$.*$", "", cell)
    name = re.sub(r"\[\d+\]$|_DI[AB]\d+$|_DO[AB]\d+$", "", name)
    name = re.sub(r"\.(\d+)\.(\d+)$", "", name)       # block RAM tiles (mem.0.3)
    return name + "." + re.sub(r"\d+$", "", port)


def load(path):
    with open(path) as f:
        d = json.load(f)
    tops = [n for n, m in d["modules"].items() if m.get("attributes", {}).get("top")]
    if len(tops) != 1:
        sys.exit("depth.py: %s: expected one top module, found %d" % (path, len(tops)))
    return tops[0], d["modules"][tops[0]]


def net_names(mod):
    """Readable name per net bit: a public name if there is one, the shortest otherwise."""
    best = {}
    for name, n in mod["netnames"].items():
        hidden = n.get("hide_name", 0)
        for i, b in enumerate(n["bits"]):
            if isinstance(b, str):
                continue
            label = name if len(n["bits"]) == 1 else "%s[%d]" % (name, i)
            key = (hidden, len(label))
            if b not in best or key < best[b][0]:
                best[b] = (key, label)
    return {b: v[1] for b, v in best.items()}


def analyse(mod):
    """Longest level count to every net bit, and the arc that set it."""
    arcs_of = {}                         # cell type -> compiled arcs
    for t, i, o, w in ARCS:
        arcs_of.setdefault(t, []).append((re.compile(i), re.compile(o), w))
    fanin = defaultdict(list)            # out bit -> [(in bit, weight, cell)]
    endpoints = []                       # (bit, cell name, port)
    for cname, c in mod["cells"].items():
        t = c["type"]
        conns = c["connections"]
        dirs = c.get("port_directions", {})
        arcs = arcs_of.get(t)
        ins = [(p, b) for p, bits in conns.items() if dirs.get(p) == "input" for b in bits]
        outs = [(p, b) for p, bits in conns.items() if dirs.get(p) == "output" for b in bits]
        if arcs:
            for ip, ib in ins:
                if isinstance(ib, str):
                    continue
                for ire, ore, w in arcs:
                    if not ire.match(ip):
                        continue
                    for op, ob in outs:
                        if ore.match(op) and not isinstance(ob, str):
                            fanin[ob].append((ib, w, cname))
            if t == "TRELLIS_DPR16X4":   # write side: an endpoint
                endpoints += [(b, cname, p) for p, b in ins
                              if not isinstance(b, str) and not p.startswith(("RAD", "WCK"))]
        else:
            # a sequential or hard cell: its inputs end paths, its outputs start them
            endpoints += [(b, cname, p) for p, b in ins
                          if not isinstance(b, str) and p not in ("CLK", "CLKA", "CLKB", "CLKI")]
    for pname, p in mod["ports"].items():
        if p["direction"] == "output":
            endpoints += [(b, "port " + pname, pname) for b in p["bits"] if not isinstance(b, str)]

    level, via = {}, {}
    active = set()                       # on the DFS stack (a combinational loop is cut there)
    for start in list(fanin):
        if start in level:
            continue
        stack = [(start, 0)]
        active.add(start)
        while stack:
            b, k = stack.pop()
            srcs = fanin.get(b, [])
            if k < len(srcs):
                stack.append((b, k + 1))
                ib = srcs[k][0]
                if ib not in level and ib in fanin and ib not in active:
                    active.add(ib)
                    stack.append((ib, 0))
                continue
            best, arg = 0.0, None
            for ib, w, cname in srcs:
                v = level.get(ib, 0.0) + w
                if v > best:
                    best, arg = v, ib
            level[b] = best
            via[b] = arg
            active.discard(b)
    return level, via, endpoints


def path_of(bit, via, names, limit=60):
    """The deepest path into a bit, start first, as shortened net names
    (repeats of one name folded: 'x~ (3)')."""
    chain = []
    while bit is not None and len(chain) < limit:
        chain.append(short_net(names.get(bit, "net%d" % bit)))
        bit = via.get(bit)
    folded = []
    for n in reversed(chain):
        if folded and folded[-1][0] == n:
            folded[-1][1] += 1
        else:
            folded.append([n, 1])
    return ["%s (%d)" % (n, k) if k > 1 else n for n, k in folded]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("netlist")
    ap.add_argument("--top", type=int, default=20, help="registers to list (default 20)")
    ap.add_argument("--min", type=float, default=0.0, help="list only endpoints at least this deep")
    ap.add_argument("--match", default="", help="only endpoints whose cell or net name contains TEXT")
    a = ap.parse_args()

    top, mod = load(a.netlist)
    names = net_names(mod)
    level, via, endpoints = analyse(mod)

    groups = {}
    for b, cname, port in endpoints:
        lv = level.get(b, 0.0)
        if lv < a.min:
            continue
        key = cname if cname.startswith("port ") else group_name(cname, port)
        if a.match and a.match not in key and a.match not in cname:
            continue
        g = groups.get(key)
        if g is None or lv > g[0]:
            groups[key] = (lv, b, 1 if g is None else g[2] + 1)
        else:
            groups[key] = (g[0], g[1], g[2] + 1)
    ranked = sorted(groups.items(), key=lambda kv: -kv[1][0])
    total = len(endpoints)
    print("depth.py: %s (top %s): %d endpoints, %d registers/ports listed by logic depth"
          % (a.netlist, top, total, len(ranked)))
    for key, (lv, b, n) in ranked[:a.top]:
        print("%6.1f  %s  (%d bits)" % (lv, key, n))
        print("        " + " -> ".join(path_of(b, via, names)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
