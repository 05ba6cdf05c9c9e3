#!/usr/bin/env python3
"""Generate the vNIC register map outputs from regs/vnic.rdl.

    python3 scripts/regs_gen.py            write the three outputs
    python3 scripts/regs_gen.py --check    regenerate into a temp dir; exit 1
                                           listing every out-of-date output

Outputs (all committed, never edited by hand):
    sw/include/vnic_regs.h   C header: offsets, fields, X-macro tables
    rtl/vnic_regs.vh         Verilog-2005 localparams (same names)
    docs/registers.md        register document

Naming: every register gets VNIC_<PAGE>_<PATH>, PAGE being PF or VF and PATH
the regfile instance names and the register name joined by '_', upper case.
Offsets are page-relative. Registers inside arrays become function-like C
macros taking the index; the Verilog file unrolls them (WIN0, WIN1, ...).
See the banner of each output for the full convention.
"""

import argparse
import difflib
import os
import re
import sys
import tempfile
import textwrap

try:
    from systemrdl import RDLCompiler, RDLCompileError
    from systemrdl.node import AddrmapNode, FieldNode, MemNode, RegfileNode, RegNode
    from systemrdl.rdltypes import AccessType, OnWriteType, UserEnum
except ImportError:  # pragma: no cover - depends on the machine
    sys.stderr.write(
        "regs_gen.py: the Python package 'systemrdl-compiler' is missing.\n"
        "Run `make bootstrap` (or: python3 -m pip install systemrdl-compiler).\n")
    sys.exit(2)

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RDL_DEFAULT = "regs/vnic.rdl"
OUT_C = "sw/include/vnic_regs.h"
OUT_V = "rtl/vnic_regs.vh"
OUT_MD = "docs/registers.md"
OUTPUTS = (OUT_C, OUT_V, OUT_MD)

PREFIX = "VNIC"
PAGE_BITS_EXPECTED = 12
ACCESS_CODES = ("RO", "RW", "W1C", "WO")


class GenError(Exception):
    """A register description the generator refuses (with the reason)."""


# --------------------------------------------------------------------------
# Model: a flat list of registers per page, built from the elaborated RDL.
# --------------------------------------------------------------------------

class Array:
    """One arrayed regfile/register on the path of a register."""

    def __init__(self, path_name, param, count, stride, base):
        self.path_name = path_name  # e.g. "STAGE_WIN"
        self.param = param          # C macro parameter name, e.g. "w"
        self.count = count
        self.stride = stride
        self.base = base            # page-relative offset of element 0


class Field:
    def __init__(self, name, lsb, width, access, reset, desc):
        self.name = name
        self.lsb = lsb
        self.width = width
        self.access = access
        self.reset = reset
        self.desc = desc

    @property
    def mask(self):
        return ((1 << self.width) - 1) << self.lsb

    @property
    def msb(self):
        return self.lsb + self.width - 1


class Reg:
    def __init__(self, page, segs, offset, arrays, fields, desc, counter):
        self.page = page        # "PF" / "VF"
        self.segs = segs        # [(NAME, Array or None), ...], page-relative
        self.offset = offset    # page-relative offset with every index 0
        self.arrays = arrays    # [Array] outermost first
        self.fields = fields    # [Field] by lsb
        self.desc = desc
        self.counter = counter  # (group path, counter name, "LO"/"HI") or None

    @property
    def path(self):
        """PATH part of the name, array indices left out: STAGE_WIN_GBASE_LO."""
        return "_".join(s for s, _ in self.segs)

    @property
    def cname(self):
        return "%s_%s_%s" % (PREFIX, self.page, self.path)

    def unrolled(self):
        """Yield (path with indices, offset) for every array element."""
        combos = [([], self.offset)]
        for arr in self.arrays:
            combos = [(idx + [i], off + i * arr.stride)
                      for idx, off in combos for i in range(arr.count)]
        for idx, off in combos:
            it = iter(idx)
            parts = []
            for name, arr in self.segs:
                parts.append(name + (str(next(it)) if arr is not None else ""))
            yield "_".join(parts), off

    @property
    def reset(self):
        v = 0
        for f in self.fields:
            v |= (f.reset << f.lsb)
        return v

    def mask_of(self, pred):
        v = 0
        for f in self.fields:
            if pred(f):
                v |= f.mask
        return v

    @property
    def rd_mask(self):
        return self.mask_of(lambda f: f.access in ("RO", "RW", "W1C"))

    @property
    def wr_mask(self):
        return self.mask_of(lambda f: f.access in ("RW", "WO", "W1C"))

    @property
    def w1c_mask(self):
        return self.mask_of(lambda f: f.access == "W1C")

    @property
    def access(self):
        kinds = {f.access for f in self.fields}
        if len(kinds) == 1:
            return kinds.pop()
        if "W1C" in kinds:
            return "W1C"
        return "RW"

    @property
    def has_field_macros(self):
        """Fields get LSB/WIDTH/MASK/RESET unless the register is one 32-bit field."""
        return len(self.fields) > 1 or self.fields[0].width < 32


class Page:
    def __init__(self, name, node, base, count, stride):
        self.name = name
        self.node = node
        self.base = base
        self.count = count          # 1 for the PF page
        self.stride = stride
        self.regs = []
        self.arrays = []            # every Array, in address order
        self.counter_groups = []    # [(group path, [(name, offset, desc)])]
        self.blocks = []            # [(name, offset, size, desc)] top-level children

    @property
    def desc(self):
        return clean(self.node.get_property("desc") or "")


def clean(text):
    return " ".join((text or "").split())


def field_access(field):
    """RO / RW / W1C / WO of one field, refusing what the generator cannot express."""
    sw = field.get_property("sw")
    onwrite = field.get_property("onwrite")
    onread = field.get_property("onread")
    where = field.get_path()
    if onread is not None:
        raise GenError("%s: read side effects (onread=%s) are not supported" % (where, onread.name))
    if field.get_property("singlepulse"):
        raise GenError("%s: singlepulse is not supported" % where)
    if sw == AccessType.r:
        if onwrite is not None:
            raise GenError("%s: onwrite on a read-only field" % where)
        return "RO"
    if sw in (AccessType.w, AccessType.w1):
        if onwrite is not None:
            raise GenError("%s: onwrite=%s on a write-only field" % (where, onwrite.name))
        return "WO"
    if sw in (AccessType.rw, AccessType.rw1):
        if onwrite is None:
            return "RW"
        if onwrite == OnWriteType.woclr:
            return "W1C"
        raise GenError("%s: onwrite=%s is not supported" % (where, onwrite.name))
    raise GenError("%s: sw=%s is not supported" % (where, sw.name))


def trailing_comment(node):
    """The `// text` after an instance on its RDL line (used when desc is absent)."""
    try:
        text = node.inst.inst_src_ref.line_text
    except Exception:  # pylint: disable=broad-except
        return ""
    m = re.search(r"//\s*(.*)$", text or "")
    return m.group(1).strip() if m else ""


def node_desc(node):
    d = clean(node.get_property("desc"))
    if not d and not isinstance(node, FieldNode):
        d = trailing_comment(node)
    return d


def is_counter(node):
    """A 64-bit counter regfile: exactly registers `lo` @0 and `hi` @4."""
    if not isinstance(node, RegfileNode) or node.is_array:
        return False
    kids = list(node.children())
    return (len(kids) == 2 and all(isinstance(k, RegNode) for k in kids)
            and [k.inst_name.lower() for k in kids] == ["lo", "hi"]
            and [k.raw_address_offset for k in kids] == [0, 4])


def build_page(page, node, segs, offset, arrays, group):
    """Recursively add the registers under `node` to `page`."""
    for child in node.children():
        if isinstance(child, MemNode):
            raise GenError("%s: mem blocks are not supported" % child.get_path())
        name = child.inst_name.upper()
        if not re.match(r"^[A-Z][A-Z0-9_]*$", name):
            raise GenError("%s: instance name must be an identifier" % child.get_path())
        arr = None
        child_off = offset + child.raw_address_offset
        if child.is_array:
            if len(child.array_dimensions) != 1:
                raise GenError("%s: multi-dimensional arrays are not supported" % child.get_path())
            pname = name[0].lower()
            used = {a.param for a in arrays}
            n = 1
            base_pname = pname
            while pname in used:
                n += 1
                pname = "%s%d" % (base_pname, n)
            path_name = "_".join([s for s, _ in segs] + [name])
            arr = Array(path_name, pname, child.array_dimensions[0], child.array_stride, child_off)
            page.arrays.append(arr)
        new_segs = segs + [(name, arr)]
        new_arrays = arrays + ([arr] if arr else [])
        if isinstance(child, RegNode):
            if child.get_property("regwidth") != 32:
                raise GenError("%s: only 32-bit registers are supported" % child.get_path())
            fields = []
            for f in child.fields():
                reset = f.get_property("reset")
                if reset is None:
                    reset = 0
                if not isinstance(reset, int):
                    raise GenError("%s: reset must be a constant" % f.get_path())
                fields.append(Field(f.inst_name.upper(), f.lsb, f.width, field_access(f),
                                    reset, node_desc(f)))
            fields.sort(key=lambda f: f.lsb)
            counter = None
            if group is not None:
                counter = (group[0], group[1], name)
            page.regs.append(Reg(page.name, new_segs, child_off, new_arrays, fields,
                                 node_desc(child), counter))
        elif isinstance(child, (RegfileNode, AddrmapNode)):
            if is_counter(child):
                if arrays or arr:
                    raise GenError("%s: arrays of counters are not supported" % child.get_path())
                gpath = "_".join(s for s, _ in segs)
                for gp, lst in page.counter_groups:
                    if gp == gpath:
                        break
                else:
                    lst = []
                    page.counter_groups.append((gpath, lst))
                lst.append((name, child_off, node_desc(child)))
                build_page(page, child, new_segs, child_off, new_arrays, (gpath, name))
            else:
                build_page(page, child, new_segs, child_off, new_arrays, None)
        else:
            raise GenError("%s: unsupported component" % child.get_path())


def load(rdl_path):
    rdlc = RDLCompiler()
    try:
        rdlc.compile_file(rdl_path)
        root = rdlc.elaborate(top_def_name="vnic")
    except RDLCompileError as exc:
        raise GenError("RDL compilation failed: %s" % exc)
    top = root.top
    enums = load_enums(rdlc)
    pf = top.get_child_by_name("PF")
    vf = top.get_child_by_name("VF")
    if pf is None or vf is None:
        raise GenError("addrmap vnic must contain PF and VF")
    if pf.is_array or not vf.is_array or len(vf.array_dimensions) != 1:
        raise GenError("expected PF (single) and VF[N] (array)")
    page_size = vf.array_stride
    if page_size != 1 << PAGE_BITS_EXPECTED:
        raise GenError("VF stride 0x%x is not a 4 KiB page" % page_size)
    pages = [Page("PF", pf, pf.raw_address_offset, 1, page_size),
             Page("VF", vf, vf.raw_address_offset, vf.array_dimensions[0], page_size)]
    for page in pages:
        build_page(page, page.node, [], 0, [], None)
        page.regs.sort(key=lambda r: r.offset)
        for child in page.node.children():
            size = child.total_size if child.is_array else child.size
            page.blocks.append((child.inst_name.upper(), child.raw_address_offset, size,
                                node_desc(child)))
        taken = {}
        for reg in page.regs:
            for path, off in reg.unrolled():
                if off + 4 > page_size:
                    raise GenError("%s at 0x%x is outside its page" % (reg.cname, off))
                if off in taken:
                    raise GenError("%s_%s_%s and %s_%s_%s overlap at 0x%03x" % (
                        PREFIX, page.name, taken[off], PREFIX, page.name, path, off))
                taken[off] = path
    if pf.raw_address_offset + pf.size > vf.raw_address_offset:
        raise GenError("PF page overlaps the VF pages")
    return top, pages, enums


def load_enums(rdlc):
    """Every enum declared at the RDL's top level, in source order, as
    (NAME, [(MEMBER, value, desc)]). They become VNIC_<NAME>_<MEMBER>."""
    out = []
    for name, entry in rdlc.namespace.type_ns_stack[0].items():
        t = entry[0] if isinstance(entry, tuple) else entry
        if isinstance(t, type) and issubclass(t, UserEnum):
            members = [(m.name.upper(), m.value, clean(m.rdl_desc)) for m in t]
            out.append((name.upper(), members))
    return out


# --------------------------------------------------------------------------
# Checks common to all outputs
# --------------------------------------------------------------------------

def num_win(pages):
    pf = pages[0]
    wins = [a for a in pf.arrays if a.path_name == "STAGE_WIN"]
    if not wins:
        raise GenError("PF.STAGE.WIN[] not found (VNIC_NUM_WIN_MAX comes from it)")
    return wins[0].count


def check_unique(names):
    seen = set()
    for n in names:
        if n in seen:
            raise GenError("generated name %s is defined twice; rename in the RDL" % n)
        seen.add(n)


# --------------------------------------------------------------------------
# C header
# --------------------------------------------------------------------------

BANNER = "generated by scripts/regs_gen.py from regs/vnic.rdl \u2014 do not edit"


def c_hex3(v):
    return "0x%03Xu" % v


def c_hex8(v):
    return "0x%08Xu" % v


def cdefine(lines, name, value, comment=None, names=None):
    if names is not None:
        names.append(name.split("(")[0])
    s = "#define %-44s %s" % (name, value)
    comment = (comment or "").strip().replace("*/", "* /")
    if comment:
        s = "%-72s /* %s */" % (s, comment)
    lines.append(s.rstrip())


def xmacro(lines, name, rows):
    lines.append("#define %s(X) \\" % name)
    for r in rows:
        lines.append("    X(%s) \\" % r)
    lines.append("    /* end of %s */" % name)


def gen_c(top, pages, enums):
    L = []
    names = []
    vf = pages[1]
    L += [
        "/* vnic_regs.h: vNIC register map for C (driver, model, testbench).",
        " *",
        " * " + BANNER + ".",
        " * Regenerate with `make regs`; `make regs-check` fails when this file is stale.",
        " *",
        " * Naming (offsets are page-relative; the PF page is at VNIC_PF_BASE, the page",
        " * of vNIC i at VNIC_VF_BASE(i)):",
        " *   VNIC_<PAGE>_<PATH>              offset of a register; PAGE is PF or VF, PATH",
        " *                                   the regfile instances and the register joined",
        " *                                   by '_', e.g. VNIC_PF_G_CTRL, VNIC_VF_RXR_TAIL",
        " *   VNIC_<PAGE>_<ARRAY>(i)          registers inside an array take the index:",
        " *                                   VNIC_PF_STAGE_WIN_GBASE_LO(w); the array has",
        " *                                   <ARRAY>_STRIDE and <ARRAY>_COUNT",
        " *   <REG>_RESET                     reset value of the whole register",
        " *   <REG>_<FIELD>_LSB/_WIDTH/_MASK/_RESET  for each field, unless the register",
        " *                                   is a single 32-bit field",
        " *   <REG>_LO / <REG>_HI             the two words of a 64-bit counter (read LO",
        " *                                   first: it snapshots HI)",
        " *   VNIC_<PAGE>_<GROUP>_COUNTERS(X) X(NAME, base offset) per 64-bit counter",
        " *   VNIC_<PAGE>_REGS(X)             X(PATH, offset, reset, access) per register,",
        " *                                   arrays unrolled (STAGE_WIN0_GBASE_LO);",
        " *                                   access is RO, RW, W1C or WO",
        " *   VNIC_<PAGE>_REGS_EXT(X)         X(PATH, offset, reset, access, read mask,",
        " *                                   write mask, write-1-to-clear mask)",
        " */",
        "#ifndef VNIC_REGS_H",
        "#define VNIC_REGS_H",
        "",
        "#include <stdint.h>",
        "",
        "/* ---------------------------------------------------------------- address map */",
    ]
    cdefine(L, "VNIC_PAGE_SIZE", "0x%04Xu" % pages[0].stride, "one register page", names)
    cdefine(L, "VNIC_PAGE_SHIFT", "%du" % PAGE_BITS_EXPECTED, "log2(VNIC_PAGE_SIZE)", names)
    cdefine(L, "VNIC_PF_BASE", "0x%04Xu" % pages[0].base, "physical-function page", names)
    cdefine(L, "VNIC_VF_BASE(i)", "(0x%04Xu + (uint32_t)(i) * 0x%04Xu)" % (vf.base, vf.stride),
            "page of vNIC i", names)
    cdefine(L, "VNIC_MAX_VNIC", "%du" % vf.count, "VF pages in the address map", names)
    cdefine(L, "VNIC_NUM_WIN_MAX", "%du" % num_win(pages), "DMA windows per vNIC", names)
    cdefine(L, "VNIC_ADDR_SPAN", "0x%05Xu" % (vf.base + vf.count * vf.stride),
            "bytes of AXI4-Lite address space", names)
    L.append("")
    L.append("/* Software access codes used by the VNIC_*_REGS tables (VNIC_ACCESS_##acc). */")
    for i, a in enumerate(ACCESS_CODES):
        cdefine(L, "VNIC_ACCESS_%s" % a, "%du" % i, None, names)
    for ename, members in enums:
        L.append("")
        L.append("/* Encoding %s */" % ename.lower())
        for mname, val, desc in members:
            cdefine(L, "%s_%s_%s" % (PREFIX, ename, mname), "0x%Xu" % val, desc, names)

    for page in pages:
        L.append("")
        L.append("/* %s */" % ("=" * 72))
        title = "PF page" if page.name == "PF" else "VF page (one per vNIC)"
        for line in textwrap.wrap("%s: %s" % (title, page.desc), 74):
            L.append("/* %s */" % line.replace("*/", "* /"))
        arrays_done = set()
        for reg in page.regs:
            for arr in reg.arrays:
                if id(arr) in arrays_done:
                    continue
                arrays_done.add(id(arr))
                L.append("")
                L.append("/* %s_%s_%s[%s]: %d elements of 0x%X bytes from 0x%03X */" % (
                    PREFIX, page.name, arr.path_name, arr.param, arr.count, arr.stride, arr.base))
                cdefine(L, "%s_%s_%s_STRIDE" % (PREFIX, page.name, arr.path_name),
                        "0x%02Xu" % arr.stride, None, names)
                cdefine(L, "%s_%s_%s_COUNT" % (PREFIX, page.name, arr.path_name),
                        "%du" % arr.count, None, names)
            L.append("")
            if reg.arrays:
                params = ", ".join(a.param for a in reg.arrays)
                expr = c_hex3(reg.offset)
                for a in reg.arrays:
                    expr += " + (uint32_t)(%s) * 0x%02Xu" % (a.param, a.stride)
                cdefine(L, "%s(%s)" % (reg.cname, params), "(%s)" % expr,
                        "%s %s" % (reg.access, reg.desc), names)
            else:
                cdefine(L, reg.cname, c_hex3(reg.offset), "%s %s" % (reg.access, reg.desc), names)
            cdefine(L, reg.cname + "_RESET", c_hex8(reg.reset), None, names)
            if reg.has_field_macros:
                for f in reg.fields:
                    fn = "%s_%s" % (reg.cname, f.name)
                    cdefine(L, fn + "_LSB", "%du" % f.lsb, "%s %s" % (f.access, f.desc), names)
                    cdefine(L, fn + "_WIDTH", "%du" % f.width, None, names)
                    cdefine(L, fn + "_MASK", c_hex8(f.mask), None, names)
                    cdefine(L, fn + "_RESET", "0x%Xu" % f.reset, None, names)

        for gpath, counters in page.counter_groups:
            gname = "%s_%s_%s" % (PREFIX, page.name, gpath) if gpath else "%s_%s" % (PREFIX, page.name)
            L.append("")
            L.append("/* 64-bit counters of %s: X(NAME, offset of NAME_LO) */" % gname)
            cdefine(L, gname + "_NUM", "%du" % len(counters), None, names)
            names.append(gname + "_COUNTERS")
            cw = max(len(n) for n, _, _ in counters) + 1
            xmacro(L, gname + "_COUNTERS",
                   ["%-*s %s" % (cw, n + ",", c_hex3(o)) for n, o, _ in counters])

        rows = []
        rows_ext = []
        width = max(len(p) for r in page.regs for p, _ in r.unrolled())
        flat = sorted((off, path, reg) for reg in page.regs for path, off in reg.unrolled())
        for off, path, reg in flat:
            rows.append("%-*s %s, %s, %-3s" % (width + 1, path + ",", c_hex3(off),
                                              c_hex8(reg.reset), reg.access))
            rows_ext.append("%-*s %s, %s, %-4s %s, %s, %s" % (
                width + 1, path + ",", c_hex3(off), c_hex8(reg.reset), reg.access + ",",
                c_hex8(reg.rd_mask), c_hex8(reg.wr_mask), c_hex8(reg.w1c_mask)))
        L.append("")
        L.append("/* Every register of the %s page, in address order: */" % page.name)
        cdefine(L, "%s_%s_REGS_COUNT" % (PREFIX, page.name), "%du" % len(rows), None, names)
        names.append("%s_%s_REGS" % (PREFIX, page.name))
        xmacro(L, "%s_%s_REGS" % (PREFIX, page.name), [r.rstrip() for r in rows])
        L.append("")
        names.append("%s_%s_REGS_EXT" % (PREFIX, page.name))
        xmacro(L, "%s_%s_REGS_EXT" % (PREFIX, page.name), rows_ext)

    L += ["", "#endif /* VNIC_REGS_H */", ""]
    check_unique(names)
    return "\n".join(L)


# --------------------------------------------------------------------------
# Verilog include
# --------------------------------------------------------------------------

def vparam(lines, kind, name, value, comment=None, names=None):
    if names is not None:
        names.append(name)
    s = "localparam %-8s %-44s = %s;" % (kind, name, value)
    comment = (comment or "").strip()
    if comment:
        s += " // " + comment
    lines.append(s)


def gen_v(top, pages, enums):
    L = []
    names = []
    vf = pages[1]
    nwin = num_win(pages)
    L += [
        "// vnic_regs.vh: vNIC register map for the RTL (page-relative offsets).",
        "//",
        "// " + BANNER + ".",
        "// Regenerate with `make regs`; `make regs-check` fails when this file is stale.",
        "//",
        "// Include it inside each module body that decodes registers:",
        "//     `include \"vnic_regs.vh\"",
        "// The localparams are module-scoped, so every module that needs them includes",
        "// the file once. The VNIC_REGS_VH guard covers the `define constants only,",
        "// which are global and usable before a module body (parameter defaults).",
        "// Names follow sw/include/vnic_regs.h; array elements are unrolled",
        "// (VNIC_PF_STAGE_WIN0_GBASE_LO) and each array also has _BASE, _STRIDE,",
        "// _COUNT and a _REL offset per register inside one element.",
        "",
        "`ifndef VNIC_REGS_VH",
        "`define VNIC_REGS_VH",
        "`define VNIC_PAGE_BITS %d" % PAGE_BITS_EXPECTED,
        "`define VNIC_MAX_VNIC %d" % vf.count,
        "`define VNIC_NUM_WIN_MAX %d" % nwin,
        "`endif // VNIC_REGS_VH",
        "",
        "// A module uses a handful of these constants; unused ones are expected.",
        "/* verilator lint_save */",
        "/* verilator lint_off UNUSEDPARAM */",
        "",
        "// ---------------------------------------------------------------- address map",
    ]
    vparam(L, "integer", "VNIC_PAGE_BITS", "%d" % PAGE_BITS_EXPECTED, "log2 of the page size", names)
    for ename, members in enums:
        for mname, val, desc in members:
            vparam(L, "integer", "%s_%s_%s" % (PREFIX, ename, mname), "%d" % val, desc, names)
    vparam(L, "[31:0]", "VNIC_PAGE_SIZE", "32'h%08X" % vf.stride, None, names)
    vparam(L, "[31:0]", "VNIC_PF_BASE", "32'h%08X" % pages[0].base, None, names)
    vparam(L, "[31:0]", "VNIC_VF_BASE0", "32'h%08X" % vf.base,
           "page of vNIC i: VNIC_VF_BASE0 + i*VNIC_PAGE_SIZE", names)
    vparam(L, "integer", "VNIC_MAX_VNIC", "%d" % vf.count, "VF pages in the address map", names)
    vparam(L, "integer", "VNIC_NUM_WIN_MAX", "%d" % nwin, "DMA windows per vNIC", names)
    span = vf.base + vf.count * vf.stride
    vparam(L, "integer", "VNIC_ADDR_BITS", "%d" % (span - 1).bit_length(),
           "AXI4-Lite address bits for the whole map", names)

    for page in pages:
        L.append("")
        L.append("// " + "=" * 76)
        for line in textwrap.wrap("%s page: %s" % (page.name, page.desc), 76):
            L.append("// " + line)
        arrays_done = set()
        for reg in page.regs:
            for arr in reg.arrays:
                if id(arr) in arrays_done:
                    continue
                arrays_done.add(id(arr))
                an = "%s_%s_%s" % (PREFIX, page.name, arr.path_name)
                L.append("")
                vparam(L, "[11:0]", an + "_BASE", "12'h%03X" % arr.base, "element 0", names)
                vparam(L, "[11:0]", an + "_STRIDE", "12'h%03X" % arr.stride, None, names)
                vparam(L, "integer", an + "_COUNT", "%d" % arr.count, None, names)
            L.append("")
            for path, off in reg.unrolled():
                vparam(L, "[11:0]", "%s_%s_%s" % (PREFIX, page.name, path), "12'h%03X" % off,
                       "%s %s" % (reg.access, reg.desc), names)
            if reg.arrays:
                rel = reg.offset - reg.arrays[-1].base
                vparam(L, "[11:0]", reg.cname + "_REL", "12'h%03X" % rel,
                       "offset inside one element", names)
            vparam(L, "[31:0]", reg.cname + "_RESET", "32'h%08X" % reg.reset, None, names)
            if reg.has_field_macros:
                for f in reg.fields:
                    fn = "%s_%s" % (reg.cname, f.name)
                    vparam(L, "integer", fn + "_LSB", "%d" % f.lsb, "%s %s" % (f.access, f.desc), names)
                    vparam(L, "integer", fn + "_WIDTH", "%d" % f.width, None, names)
                    vparam(L, "[31:0]", fn + "_MASK", "32'h%08X" % f.mask, None, names)
                    vparam(L, "[%d:0]" % (f.width - 1), fn + "_RESET",
                           "%d'h%X" % (f.width, f.reset), None, names)

        for gpath, counters in page.counter_groups:
            gname = "%s_%s_%s" % (PREFIX, page.name, gpath) if gpath else "%s_%s" % (PREFIX, page.name)
            L.append("")
            L.append("// 64-bit counters of %s (LO at +0, HI at +4)" % gname)
            vparam(L, "integer", gname + "_NUM", "%d" % len(counters), None, names)
            base = counters[0][1]
            if all(o == base + 8 * i for i, (_, o, _) in enumerate(counters)):
                vparam(L, "[11:0]", gname + "_CNT_BASE", "12'h%03X" % base,
                       "counter k at _CNT_BASE + 8*k", names)
                for i, (n, _, _) in enumerate(counters):
                    vparam(L, "integer", "%s_%s_IDX" % (gname, n), "%d" % i, None, names)

    L += ["", "/* verilator lint_restore */", ""]
    check_unique(names)
    return "\n".join(L)


# --------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------

def md_escape(s):
    return s.replace("|", "\\|")


def gen_md(top, pages, enums):
    L = []
    vf = pages[1]
    L += [
        "<!-- " + BANNER + " -->",
        "",
        "# vNIC register map",
        "",
        "Generated from `regs/vnic.rdl` by `scripts/regs_gen.py` (`make regs`); the C",
        "header `sw/include/vnic_regs.h` and the RTL include `rtl/vnic_regs.vh` come",
        "from the same source and use the names shown here. `make regs-check` (part of",
        "`make test`) fails when any of the three is out of date.",
        "",
        clean(top.get_property("desc")),
        "",
        "## Address map",
        "",
        "| Address | Page | C base | Description |",
        "|---|---|---|---|",
        "| `0x%05X`..`0x%05X` | PF | `VNIC_PF_BASE` | %s |" % (
            pages[0].base, pages[0].base + pages[0].stride - 1, md_escape(pages[0].desc)),
        "| `0x%05X + i*0x%X` (i = 0..%d) | VF[i] | `VNIC_VF_BASE(i)` | %s |" % (
            vf.base, vf.stride, vf.count - 1, md_escape(vf.desc)),
        "",
        "The AXI4-Lite slave is 32-bit; offsets below are relative to the page. Unmapped",
        "offsets read `0x00000000` and ignore writes. 64-bit counters are read `_LO`",
        "first: that read snapshots the high word, which the next `_HI` read returns.",
        "",
        "Access: **RO** read-only, **RW** read/write, **W1C** write 1 to clear,",
        "**WO** write-only (reads return 0).",
        "",
    ]
    for page in pages:
        L.append("### %s page blocks" % page.name)
        L.append("")
        L.append("| Offset | Block | Size | Description |")
        L.append("|---|---|---|---|")
        for name, off, size, desc in page.blocks:
            L.append("| `0x%03X` | %s | 0x%X | %s |" % (off, name, size, md_escape(desc)))
        L.append("")

    for page in pages:
        L.append("## %s page" % page.name)
        L.append("")
        L.append(page.desc)
        L.append("")
        blocks = {name: (off, desc) for name, off, _, desc in page.blocks}
        groups = dict(page.counter_groups)
        cur_block = ()
        groups_done = set()
        for reg in page.regs:
            block = reg.segs[0][0] if len(reg.segs) > 1 else None
            if block != cur_block:
                cur_block = block
                if block is None:
                    L.append("### Page registers")
                    L.append("")
                else:
                    off, desc = blocks[block]
                    L.append("### %s (0x%03X)" % (block, off))
                    L.append("")
                    if desc:
                        L.append(desc)
                        L.append("")
            if reg.counter is not None:
                gpath = reg.counter[0]
                if gpath in groups_done:
                    continue
                groups_done.add(gpath)
                gname = "%s_%s_%s" % (PREFIX, page.name, gpath) if gpath else "%s_%s" % (PREFIX, page.name)
                L.append("#### %s counters" % (gpath or page.name))
                L.append("")
                L.append("64-bit counters, RO, reset 0; `_LO` at the offset, `_HI` at +4 "
                         "(read `_LO` first); listed in C by `%s_COUNTERS(X)`." % gname)
                L.append("")
                L.append("| Offset | Name (`_LO`, `_HI`) | Description |")
                L.append("|---|---|---|")
                for n, o, d in groups[gpath]:
                    L.append("| `0x%03X` | `%s_%s_LO`, `_HI` | %s |" % (
                        o, gname, n, md_escape(d)))
                L.append("")
                continue
            if reg.arrays:
                off = "0x%03X" % reg.offset + "".join(
                    " + %s*0x%X" % (a.param, a.stride) for a in reg.arrays)
                label = "_".join(n + ("[%s]" % a.param if a is not None else "")
                                 for n, a in reg.segs)
                cname = "%s(%s)" % (reg.cname, ", ".join(a.param for a in reg.arrays))
            else:
                off = "0x%03X" % reg.offset
                label = reg.path
                cname = reg.cname
            L.append("#### %s" % label)
            L.append("")
            L.append("| Offset | Name | Access | Reset | Description |")
            L.append("|---|---|---|---|---|")
            L.append("| `%s` | `%s` | %s | `0x%08X` | %s |" % (
                off, cname, reg.access, reg.reset, md_escape(reg.desc)))
            L.append("")
            if reg.has_field_macros or reg.fields[0].name != "VAL":
                L.append("| Bits | Field | Access | Reset | Description |")
                L.append("|---|---|---|---|---|")
                for f in reversed(reg.fields):
                    bits = "%d" % f.lsb if f.width == 1 else "%d:%d" % (f.msb, f.lsb)
                    L.append("| %s | `%s` | %s | `0x%X` | %s |" % (
                        bits, f.name.lower(), f.access, f.reset, md_escape(f.desc)))
                L.append("")
    while L and L[-1] == "":
        L.pop()
    L.append("")
    return "\n".join(L)


# --------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------

def generate(rdl_path):
    top, pages, enums = load(rdl_path)
    return {OUT_C: gen_c(top, pages, enums), OUT_V: gen_v(top, pages, enums),
            OUT_MD: gen_md(top, pages, enums) + gen_md_enums(enums)}


def gen_md_enums(enums):
    L = ["", "## Encodings", "",
         "Named values of encoded fields and of the descriptor layout; each is",
         "`VNIC_<ENCODING>_<NAME>` in C and in the RTL include.", ""]
    for ename, members in enums:
        L += ["### %s" % ename.lower(), "", "| Name | Value | Meaning |", "|---|---|---|"]
        for mname, val, desc in members:
            L.append("| `VNIC_%s_%s` | 0x%X | %s |" % (ename, mname, val, md_escape(desc)))
        L.append("")
    return "\n".join(L)


def write_if_changed(path, text):
    try:
        with open(path, encoding="utf-8") as fh:
            if fh.read() == text:
                return False
    except FileNotFoundError:
        pass
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    tmp = path + ".tmp%d" % os.getpid()
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)
    return True


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="regenerate into a temporary directory and exit 1 if any "
                         "committed output differs")
    ap.add_argument("--rdl", default=os.path.join(REPO, RDL_DEFAULT), help="RDL source")
    ap.add_argument("--outdir", default=REPO,
                    help="root under which the outputs are written (default: the repository)")
    ap.add_argument("-v", "--verbose", action="store_true", help="with --check, show diffs")
    args = ap.parse_args(argv)

    try:
        outputs = generate(args.rdl)
    except GenError as exc:
        sys.stderr.write("regs_gen.py: error: %s\n" % exc)
        return 2

    if args.check:
        stale = []
        with tempfile.TemporaryDirectory(prefix="vnic-regs-") as tmp:
            for rel, text in outputs.items():
                fresh = os.path.join(tmp, rel)
                write_if_changed(fresh, text)
                with open(fresh, encoding="utf-8") as fh:
                    fresh_text = fh.read()
                committed = os.path.join(args.outdir, rel)
                try:
                    with open(committed, encoding="utf-8") as fh:
                        old = fh.read()
                except FileNotFoundError:
                    old = None
                if old != fresh_text:
                    stale.append(rel)
                    if args.verbose and old is not None:
                        sys.stdout.writelines(difflib.unified_diff(
                            old.splitlines(True), fresh_text.splitlines(True),
                            rel + " (committed)", rel + " (from RDL)", n=1))
                    print("out of date: %s%s" % (rel, " (missing)" if old is None else ""))
        if stale:
            print("regs-check: FAIL: %d of %d generated file(s) differ from %s; run `make regs`"
                  % (len(stale), len(outputs), RDL_DEFAULT))
            return 1
        print("regs-check: OK: %s in sync with %s" % (", ".join(outputs), RDL_DEFAULT))
        return 0

    for rel, text in outputs.items():
        path = os.path.join(args.outdir, rel)
        changed = write_if_changed(path, text)
        print("%s %s" % ("wrote    " if changed else "unchanged", rel))
    return 0


if __name__ == "__main__":
    sys.exit(main())
