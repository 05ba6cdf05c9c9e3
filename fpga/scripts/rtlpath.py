#!/usr/bin/env python3
"""rtlpath.py: the RTL source lines along the longest logic path between two registers.

Usage: fpga/scripts/rtlpath.py [options] FROM TO
  FROM   a register, by the name of the wire it drives in the flattened
         design (instance path with dots: u_regs.seq_q), or '*' for every
         register and memory read
  TO     a register whose inputs (D, enable, reset, memory write ports)
         end the paths
Options:
  --netlist FILE   a coarse netlist (Yosys JSON) to read instead of running Yosys
  --sources F      Verilog files or *.f lists (default rtl/vnic_top.f)
  --top M          top module (default vnic_top)
  --param N=V      a parameter of the top (repeatable), e.g. NUM_VNIC=2
  --out DIR        where the netlist goes (default build/fpga/rtlpath)
  --all            also list every cell on some path between them

depth.py ranks registers by logic depth in the mapped netlist, where the
LUTs carry names that synthesis merged across blocks. This tool answers
the next question, which RTL the path runs through: it elaborates the
design without mapping (Yosys: proc, flatten; every cell keeps its source
location), keeps the cells that are both reachable from FROM and reach
TO without passing a register, and prints the longest chain of them by
cell count, each with its source line, consecutive cells of one line
counted once. Counts are of coarse cells (a 48-bit add is one cell, a
priority chain of ifs one cell per branch), so the chain shows where a
path goes, not its delay. The tool for Yosys: $YOSYS, default yosys.
Run from the repository root.
"""
import argparse
import collections
import json
import os
import subprocess
import sys

# cells that end a combinational path (their outputs start one)
SEQ = {'$dff', '$adff', '$sdff', '$dffe', '$adffe', '$sdffe', '$sdffce', '$aldff', '$aldffe',
       '$dffsr', '$dffsre', '$dlatch', '$adlatch', '$memwr', '$memwr_v2', '$meminit',
       '$meminit_v2', '$print', '$check', '$assert', '$assume', '$cover'}


def read_list(path, out):
    """Verilog files of a .f list (one per line, relative to the list; +incdir+ skipped)."""
    base = os.path.dirname(path)
    for line in open(path):
        line = line.split('//')[0].strip()
        if not line or line.startswith('+'):
            continue
        f = os.path.join(base, line)
        (read_list if f.endswith('.f') else lambda p, o: o.append(p))(f, out)


def elaborate(args):
    files = []
    for s in args.sources:
        (read_list if s.endswith('.f') else lambda p, o: o.append(p))(s, files)
    incs = sorted({os.path.dirname(f) or '.' for f in files})
    os.makedirs(args.out, exist_ok=True)
    netlist = os.path.join(args.out, 'coarse.json')
    script = ['read_verilog -DSYNTHESIS ' + ' '.join('-I' + i for i in incs) + ' ' + ' '.join(files)]
    for p in args.param:
        name, value = p.split('=', 1)
        script.append(f'chparam -set {name} {value} {args.top}')
    script += [f'hierarchy -top {args.top}', 'proc', 'flatten', 'opt_clean', f'write_json {netlist}']
    ys = os.path.join(args.out, 'coarse.ys')
    with open(ys, 'w') as f:
        f.write('\n'.join(script) + '\n')
    log = os.path.join(args.out, 'yosys.log')
    r = subprocess.run([os.environ.get('YOSYS', 'yosys'), '-q', '-l', log, ys],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if r.returncode != 0:
        sys.exit(f'rtlpath.py: Yosys failed (see {log})')
    return netlist


class Netlist:
    def __init__(self, path):
        j = json.load(open(path))
        tops = [m for m in j['modules'].values() if m.get('attributes', {}).get('top')]
        if len(tops) != 1:
            sys.exit(f'rtlpath.py: {path}: expected one top module, found {len(tops)}')
        top = tops[0]
        self.cells = top['cells']
        self.names = top['netnames']
        self.drv = {}                                   # bit -> cell
        self.sinks = collections.defaultdict(list)      # bit -> [cell]
        for cn, c in self.cells.items():
            for p, bits in c['connections'].items():
                out = c['port_directions'].get(p) == 'output'
                for b in bits:
                    if isinstance(b, str):
                        continue
                    if out:
                        self.drv[b] = cn
                    else:
                        self.sinks[b].append(cn)

    def seq(self, cn):
        c = self.cells[cn]
        if c['type'].startswith('$memrd'):               # a clocked read is a register
            return str(c['parameters'].get('CLK_ENABLE', '0')).strip('0') != ''
        return c['type'] in SEQ

    def ports(self, cn, out):
        c = self.cells[cn]
        for p, bits in c['connections'].items():
            if (c['port_directions'].get(p) == 'output') == out:
                yield p, [b for b in bits if not isinstance(b, str)]

    def reach(self, bits, forward):
        """The logic cells reached from these bits (forward: the cells they
        feed, and on; else the cells driving them, and back), not passing a
        register."""
        cells, seen, stack = set(), set(bits), list(bits)
        while stack:
            b = stack.pop()
            for cn in (self.sinks[b] if forward else [self.drv[b]] if b in self.drv else []):
                if cn in cells or self.seq(cn):
                    continue
                cells.add(cn)
                for _, nbits in self.ports(cn, forward):
                    for nb in nbits:
                        if nb not in seen:
                            seen.add(nb)
                            stack.append(nb)
        return cells

    def wire_bits(self, name):
        if name not in self.names:
            near = sorted(n for n in self.names if n.endswith(name.split('.')[-1]))[:8]
            sys.exit(f'rtlpath.py: no wire {name}' + (f'; similar: {", ".join(near)}' if near else ''))
        return [b for b in self.names[name]['bits'] if not isinstance(b, str)]

    def src(self, cn):
        # A flattened cell's location lists the instantiations it sits in
        # besides its own; its own is the narrowest (an instantiation spans
        # the lines of its port list).
        def span(loc):
            try:
                a, b = loc.rsplit(':', 1)[1].split('-')
                (l1, c1), (l2, c2) = a.split('.'), b.split('.')
                return (int(l2) - int(l1), int(c2) - int(c1))
            except ValueError:
                return (1 << 30, 0)
        locs = self.cells[cn].get('attributes', {}).get('src', '?').split('|')
        return min(locs, key=span)


def main():
    ap = argparse.ArgumentParser(description='RTL source lines along the longest path between two registers')
    ap.add_argument('frm', metavar='FROM')
    ap.add_argument('to', metavar='TO')
    ap.add_argument('--netlist')
    ap.add_argument('--sources', nargs='+', default=['rtl/vnic_top.f'])
    ap.add_argument('--top', default='vnic_top')
    ap.add_argument('--param', action='append', default=[])
    ap.add_argument('--out', default='build/fpga/rtlpath')
    ap.add_argument('--all', action='store_true')
    args = ap.parse_args()
    n = Netlist(args.netlist or elaborate(args))

    if args.frm == '*':
        src_bits = {b for b, cn in n.drv.items() if n.seq(cn)}
    else:
        src_bits = set(n.wire_bits(args.frm))
    dst = {n.drv[b] for b in n.wire_bits(args.to) if b in n.drv}
    if not dst or not all(n.seq(c) for c in dst):
        sys.exit(f'rtlpath.py: {args.to} is not driven by a register')

    # forward from FROM's bits, backward from TO's inputs, through logic only
    fwd = n.reach(src_bits, forward=True)
    bwd = n.reach([b for d in dst for p, bits in n.ports(d, False) if p != 'CLK' for b in bits],
                  forward=False)
    on = fwd & bwd
    print(f'rtlpath.py: {args.frm} -> {args.to}: {len(on)} cells on paths '
          f'({len(fwd)} reachable from {args.frm}, {len(bwd)} reaching {args.to})')
    if not on:
        direct = any(b in src_bits for d in dst for p, bits in n.ports(d, False) for b in bits)
        print('  a direct connection, no logic' if direct else '  no path')
        return 0

    succ = {cn: {s for _, bits in n.ports(cn, True) for b in bits for s in n.sinks[b] if s in on}
            for cn in on}
    longest = {}                                        # cell -> (cells to the end, next cell)
    for root in on:                                     # iterative depth-first, post-order
        stack = [(root, False)]
        while stack:
            cn, done = stack.pop()
            if cn in longest:
                continue
            if done:
                nxt = max(succ[cn], key=lambda s: longest[s][0], default=None)
                longest[cn] = (1 + (longest[nxt][0] if nxt else 0), nxt)
            else:
                stack.append((cn, True))
                stack += [(s, False) for s in succ[cn] if s not in longest]
    starts = [cn for cn in on if any(b in src_bits for _, bits in n.ports(cn, False) for b in bits)]
    cn = max(starts, key=lambda c: (longest[c][0], c))
    print(f'  longest: {longest[cn][0]} cells')
    rows = []
    while cn:
        loc = n.src(cn)
        if rows and rows[-1][1] == loc:
            rows[-1][0] += 1
        else:
            rows.append([1, loc, n.cells[cn]['type']])
        cn = longest[cn][1]
    for k, loc, typ in rows:
        print(f'    {loc}  {typ}' + (f' (x{k})' if k > 1 else ''))
    if args.all:
        print('  every cell on a path:')
        for loc in sorted({n.src(c) for c in on}):
            print(f'    {loc}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
