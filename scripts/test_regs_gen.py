#!/usr/bin/env python3
"""Self-test of scripts/regs_gen.py (run by `make test`).

Generates the register outputs into build/test_regs_gen/ and checks them
against regs/vnic.rdl by independent routes:
  1. a C program compiled with -Werror `_Static_assert`s offsets, fields and
     resets typed from the RDL, and cross-checks the X-macro tables;
  2. the header compiles as C++ too (the Verilator harness includes it);
  3. every row of the VNIC_<PAGE>_REGS tables equals what the RDL compiler
     says when it unrolls the map by itself (name, offset, reset, access);
  4. rtl/vnic_regs.vh included in two modules lints clean with
     `verilator --lint-only -Wall`, and Icarus prints the expected values;
  5. `regs_gen.py --check` passes on fresh outputs and fails, naming the
     file, when one output is stale.
Prints one line per check and exits 1 if any failed.
"""

import os
import re
import shutil
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(REPO, os.environ.get("BUILD_DIR", "build"), "test_regs_gen")
PYTHON = sys.executable
CC = os.environ.get("CC", "cc")
CXX = os.environ.get("CXX", "g++")
VERILATOR = os.environ.get("VERILATOR", "verilator")
IVERILOG = os.environ.get("IVERILOG", "iverilog")
VVP = os.environ.get("VVP", "vvp")

results = []


def check(name, ok, detail=""):
    results.append(ok)
    print("%s - %s" % ("ok" if ok else "not ok", name))
    if not ok and detail:
        for line in detail.rstrip().splitlines()[:40]:
            print("    " + line)


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           universal_newlines=True, **kw)


C_TEST = r"""
#include <stdio.h>
#include "vnic_regs.h"

/* Values typed from regs/vnic.rdl, not from the generator. */
_Static_assert(VNIC_PAGE_SIZE == 0x1000u, "page size");
_Static_assert(VNIC_PF_BASE == 0x0000u, "PF base");
_Static_assert(VNIC_VF_BASE(0) == 0x1000u && VNIC_VF_BASE(31) == 0x20000u, "VF base");
_Static_assert(VNIC_MAX_VNIC == 32u, "VF count");
_Static_assert(VNIC_CMD_OP_COMMIT == 2u && VNIC_CMD_ERR_MAC_DUP == 10u && VNIC_CMD_ERR_NOT_QUIESCED == 7u, "command encodings");
_Static_assert(VNIC_FAULT_REASON_RX_BUF_ADDR == 2u && VNIC_DESC_OFF_STATUS == 14u && VNIC_DESC_STATUS_ERR_TXLEN == 0x40u, "fault and descriptor encodings");
_Static_assert(VNIC_NUM_WIN_MAX == 4u, "windows");
_Static_assert(VNIC_PF_G_ID == 0x000u && VNIC_PF_G_ID_RESET == 0x564E4943u, "G.ID");
_Static_assert(VNIC_PF_G_VERSION_RESET == 0x00010000u, "G.VERSION reset");
_Static_assert(VNIC_PF_G_CTRL == 0x010u, "G.CTRL");
_Static_assert(VNIC_PF_G_CTRL_DEF_VNIC_LSB == 16u && VNIC_PF_G_CTRL_DEF_VNIC_WIDTH == 5u, "def_vnic");
_Static_assert(VNIC_PF_G_CTRL_DEF_VNIC_MASK == 0x001F0000u, "def_vnic mask");
_Static_assert(VNIC_PF_G_CTRL_DEF_EN_MASK == 0x00000100u, "def_en mask");
_Static_assert(VNIC_PF_G_MAX_FRAME_BYTES_RESET == 1522u && VNIC_PF_G_MAX_FRAME_RESET == 1522u, "max frame");
_Static_assert(VNIC_PF_G_CMD_STATUS == 0x048u, "CMD_STATUS");
_Static_assert(VNIC_PF_G_CMD_STATUS_ERR_MASK == 0x00FF0000u, "CMD_STATUS.err");
_Static_assert(VNIC_PF_STAGE_FLAGS == 0x100u && VNIC_PF_STAGE_MAC_LO == 0x104u, "STAGE");
_Static_assert(VNIC_PF_STAGE_FLAGS_SHP_EN_LSB == 6u, "FLAGS.shp_en");
_Static_assert(VNIC_PF_STAGE_SCH_WEIGHT_RESET == 1u, "SCH_WEIGHT reset");
_Static_assert(VNIC_PF_STAGE_WIN_GBASE_LO(0) == 0x140u, "WIN0");
_Static_assert(VNIC_PF_STAGE_WIN_GBASE_LO(1) == 0x160u, "WIN1");
_Static_assert(VNIC_PF_STAGE_WIN_SIZE(3) == 0x1B0u, "WIN3.SIZE");
_Static_assert(VNIC_PF_STAGE_WIN_STRIDE == 0x20u && VNIC_PF_STAGE_WIN_COUNT == 4u, "WIN array");
_Static_assert(VNIC_PF_VSTAT_STATUS == 0x200u, "VSTAT");
_Static_assert(VNIC_PF_GSTAT_RX_FRAMES_LO == 0x300u && VNIC_PF_GSTAT_RX_FRAMES_HI == 0x304u, "GSTAT");
_Static_assert(VNIC_PF_GSTAT_TX_BYTES_HI == 0x364u, "GSTAT last");
_Static_assert(VNIC_PF_GSTAT_NUM == 13u && VNIC_VF_STAT_NUM == 12u, "counter counts");
_Static_assert(VNIC_VF_ID == 0x000u && VNIC_VF_ID_MAGIC_RESET == 0x5646u, "VF.ID");
_Static_assert(VNIC_VF_ID_RESET == 0x56460000u, "VF.ID reset");
_Static_assert(VNIC_VF_INT_STATUS_TX_MASK == 0x2u, "VF.INT_STATUS.tx");
_Static_assert(VNIC_VF_RXR_TAIL == 0x050u && VNIC_VF_TXR_TAIL == 0x090u, "ring tails");
_Static_assert(VNIC_VF_RXR_SIZE_LOG2_WIDTH == 4u, "ring size");
_Static_assert(VNIC_VF_STAT_DROP_POLICER_LO == 0x118u, "DROP_POLICER");
_Static_assert(VNIC_VF_STAT_DMA_FAULTS_HI == 0x15Cu, "DMA_FAULTS");

struct row { const char *name; unsigned off, reset, acc, rd, wr, w1c; };
#define ROW(n, o, r, a, rd, wr, w1c) { #n, o, r, VNIC_ACCESS_##a, rd, wr, w1c },
static const struct row pf_rows[] = { VNIC_PF_REGS_EXT(ROW) };
static const struct row vf_rows[] = { VNIC_VF_REGS_EXT(ROW) };

static int failures;
#define EXPECT(c) do { if (!(c)) { printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #c); failures++; } } while (0)

static void check_rows(const char *page, const struct row *r, unsigned n, unsigned count)
{
    EXPECT(n == count);
    for (unsigned i = 0; i < n; i++) {
        EXPECT(r[i].off % 4u == 0u && r[i].off < VNIC_PAGE_SIZE);
        if (i > 0 && r[i].off <= r[i - 1].off)
            printf("FAIL %s: %s not in address order\n", page, r[i].name), failures++;
        EXPECT((r[i].reset & ~(r[i].rd | r[i].wr)) == 0u);
        EXPECT((r[i].w1c & ~r[i].wr) == 0u);
        EXPECT((r[i].acc == VNIC_ACCESS_RO) == (r[i].wr == 0u));
    }
}

int main(void)
{
    unsigned n = 0;
    check_rows("PF", pf_rows, (unsigned)(sizeof pf_rows / sizeof pf_rows[0]), VNIC_PF_REGS_COUNT);
    check_rows("VF", vf_rows, (unsigned)(sizeof vf_rows / sizeof vf_rows[0]), VNIC_VF_REGS_COUNT);
    /* The counter lists agree with the per-register macros and are 8 bytes apart. */
#define CNT_VF(name, off) EXPECT(VNIC_VF_STAT_##name##_LO == (off) && VNIC_VF_STAT_##name##_HI == (off) + 4u \
                                 && (off) == 0x100u + 8u * n); n++;
    VNIC_VF_STAT_COUNTERS(CNT_VF)
    EXPECT(n == VNIC_VF_STAT_NUM);
    n = 0;
#define CNT_PF(name, off) EXPECT(VNIC_PF_GSTAT_##name##_LO == (off) && (off) == 0x300u + 8u * n); n++;
    VNIC_PF_GSTAT_COUNTERS(CNT_PF)
    EXPECT(n == VNIC_PF_GSTAT_NUM);
    /* Field masks are consistent with LSB/WIDTH. */
    EXPECT(((((1u << VNIC_PF_G_CTRL_DEF_VNIC_WIDTH) - 1u)) << VNIC_PF_G_CTRL_DEF_VNIC_LSB) == VNIC_PF_G_CTRL_DEF_VNIC_MASK);
    EXPECT(pf_rows[0].reset == 0x564E4943u);
    if (failures)
        printf("%d failure(s)\n", failures);
    else
        printf("C header checks passed\n");
    return failures != 0;
}
"""

CXX_TEST = r"""
#include "vnic_regs.h"
static_assert(VNIC_PF_STAGE_WIN_GBASE_LO(1) == 0x160u, "WIN1");
#define NAME(n, o, r, a) #n,
static const char *const names[] = { VNIC_VF_REGS(NAME) };
int main() { return names[0][0] == 'I' ? 0 : 1; }
"""

V_MOD_A = """`default_nettype none
// Throwaway lint check of vnic_regs.vh: first module that includes it.
module vnic_regs_chk_a (
    input  wire [11:0] addr,
    output wire        hit
);
`include "vnic_regs.vh"
    assign hit = (addr == VNIC_VF_RXR_TAIL);
endmodule
`default_nettype wire
"""

V_MOD_TOP = """`default_nettype none
// Throwaway lint check of vnic_regs.vh: second module, uses a `define too.
module vnic_regs_chk_top #(
    parameter integer NUM_VNIC = `VNIC_MAX_VNIC
) (
    input  wire [11:0] addr,
    output wire [1:0]  hit,
    output wire [31:0] rst
);
`include "vnic_regs.vh"
    assign hit[0] = (addr == VNIC_PF_STAGE_WIN1_GBASE_LO) && (NUM_VNIC == VNIC_MAX_VNIC);
    assign rst = VNIC_PF_G_VERSION_RESET;
    vnic_regs_chk_a u_a (.addr(addr), .hit(hit[1]));
endmodule
`default_nettype wire
"""

V_SIM = """// Throwaway Icarus check of vnic_regs.vh values.
module vnic_regs_chk_sim;
`include "vnic_regs.vh"
    initial begin
        $display("WIN1_GBASE_LO=%h", VNIC_PF_STAGE_WIN1_GBASE_LO);
        $display("VF_RXR_TAIL=%h", VNIC_VF_RXR_TAIL);
        $display("DEF_VNIC_MASK=%h", VNIC_PF_G_CTRL_DEF_VNIC_MASK);
        $display("MAX_FRAME_RESET=%0d", VNIC_PF_G_MAX_FRAME_BYTES_RESET);
        $display("VF_STAT_DMA_FAULTS_IDX=%0d", VNIC_VF_STAT_DMA_FAULTS_IDX);
        $display("PAGE_BITS=%0d", `VNIC_PAGE_BITS);
    end
endmodule
"""

V_SIM_EXPECT = {
    "WIN1_GBASE_LO": "160",
    "VF_RXR_TAIL": "050",
    "DEF_VNIC_MASK": "001f0000",
    "MAX_FRAME_RESET": "1522",
    "VF_STAT_DMA_FAULTS_IDX": "11",
    "PAGE_BITS": "12",
}


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def rdl_expected():
    """(page, NAME, offset, reset, access) for every register, by the RDL compiler alone."""
    from systemrdl import RDLCompiler
    from systemrdl.node import RegNode
    from systemrdl.rdltypes import AccessType, OnWriteType
    rdlc = RDLCompiler()
    rdlc.compile_file(os.path.join(REPO, "regs", "vnic.rdl"))
    top = rdlc.elaborate(top_def_name="vnic").top
    def walk(node, prefix, rows, base):
        for c in node.children(unroll=True):
            name = c.inst_name.upper() + ("".join(str(i) for i in c.current_idx) if c.is_array else "")
            full = prefix + [name]
            if not isinstance(c, RegNode):
                walk(c, full, rows, base)
                continue
            reset = 0
            accs = set()
            for f in c.fields():
                reset |= (f.get_property("reset") or 0) << f.lsb
                sw = f.get_property("sw")
                if sw == AccessType.r:
                    accs.add("RO")
                elif sw == AccessType.w:
                    accs.add("WO")
                elif f.get_property("onwrite") == OnWriteType.woclr:
                    accs.add("W1C")
                else:
                    accs.add("RW")
            acc = accs.pop() if len(accs) == 1 else ("W1C" if "W1C" in accs else "RW")
            rows.append(("_".join(full), c.absolute_address - base, reset, acc))

    out = {}
    for page in top.children(unroll=True):
        if page.is_array and page.current_idx != [0]:
            continue
        rows = []
        walk(page, [], rows, page.absolute_address)
        out[page.inst_name] = sorted(rows, key=lambda r: r[1])
    return out


def header_rows(text, page):
    m = re.search(r"#define VNIC_%s_REGS\(X\) \\\n(.*?)/\* end of" % page, text, re.S)
    rows = []
    for line in m.group(1).splitlines():
        mm = re.match(r"\s*X\((\w+),\s*0x([0-9A-F]+)u,\s*0x([0-9A-F]+)u,\s*(\w+)\s*\)", line)
        if mm:
            rows.append((mm.group(1), int(mm.group(2), 16), int(mm.group(3), 16), mm.group(4)))
    return rows


def main():
    if os.path.isdir(BUILD):
        shutil.rmtree(BUILD)
    gen = os.path.join(BUILD, "gen")
    os.makedirs(gen)
    r = run([PYTHON, os.path.join(REPO, "scripts", "regs_gen.py"), "--outdir", gen])
    check("regs_gen.py generates the three outputs", r.returncode == 0, r.stdout)
    if r.returncode != 0:
        return 1
    inc = os.path.join(gen, "sw", "include")
    hdr = os.path.join(inc, "vnic_regs.h")
    with open(hdr, encoding="utf-8") as fh:
        htext = fh.read()

    # 1. C: static asserts and table consistency.
    csrc = os.path.join(BUILD, "regs_c_test.c")
    cexe = os.path.join(BUILD, "regs_c_test")
    write(csrc, C_TEST)
    r = run([CC, "-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic", "-O1",
             "-I" + inc, "-o", cexe, csrc])
    check("C header compiles with -std=c11 -Wall -Wextra -Werror -pedantic "
          "(static asserts on offsets/fields/resets)", r.returncode == 0, r.stdout)
    if r.returncode == 0:
        r = run([cexe])
        check("C X-macro tables are consistent (counters, order, masks)",
              r.returncode == 0, r.stdout)

    # 2. C++.
    cxxsrc = os.path.join(BUILD, "regs_cxx_test.cc")
    write(cxxsrc, CXX_TEST)
    r = run([CXX, "-std=c++11", "-Wall", "-Wextra", "-Werror", "-pedantic", "-fsyntax-only",
             "-I" + inc, cxxsrc])
    check("C header compiles as C++11", r.returncode == 0, r.stdout)

    # 3. Tables against the RDL compiler's own unrolled view.
    exp = rdl_expected()
    for page in ("PF", "VF"):
        got = header_rows(htext, page)
        diff = ["  header: %s\n  rdl:    %s" % (g, e) for g, e in zip(got, exp[page]) if g != e]
        if len(got) != len(exp[page]):
            diff.insert(0, "row count %d vs %d" % (len(got), len(exp[page])))
        check("VNIC_%s_REGS matches the RDL (%d registers: name, offset, reset, access)"
              % (page, len(exp[page])), not diff, "\n".join(diff))
    # ... and a sample of named macros against the same view.
    defines = dict(re.findall(r"^#define (VNIC_\w+)\s+(0x[0-9A-F]+)u", htext, re.M))
    bad = []
    for page in ("PF", "VF"):
        for name, off, reset, _ in exp[page]:
            macro = "VNIC_%s_%s" % (page, name)
            if macro in defines:
                if int(defines[macro], 16) != off:
                    bad.append("%s = %s, RDL says 0x%03X" % (macro, defines[macro], off))
                if int(defines.get(macro + "_RESET", "0x0"), 16) != reset:
                    bad.append("%s_RESET differs from the RDL" % macro)
            elif not re.search(r"\d", name):
                bad.append("%s missing" % macro)
    check("every non-array register macro and _RESET matches the RDL", not bad, "\n".join(bad))

    # 4. Verilog include.
    vdir = os.path.join(BUILD, "verilog")
    vinc = os.path.join(gen, "rtl")
    write(os.path.join(vdir, "vnic_regs_chk_a.v"), V_MOD_A)
    write(os.path.join(vdir, "vnic_regs_chk_top.v"), V_MOD_TOP)
    write(os.path.join(vdir, "vnic_regs_chk_sim.v"), V_SIM)
    if shutil.which(VERILATOR):
        r = run([VERILATOR, "--lint-only", "-Wall", "-I" + vinc, "--top-module", "vnic_regs_chk_top",
                 os.path.join(vdir, "vnic_regs_chk_a.v"), os.path.join(vdir, "vnic_regs_chk_top.v")])
        check("rtl/vnic_regs.vh in two modules: verilator --lint-only -Wall clean",
              r.returncode == 0 and "%Warning" not in r.stdout, r.stdout)
    else:
        check("verilator found (%s)" % VERILATOR, False, "run `make bootstrap`")
    if shutil.which(IVERILOG) and shutil.which(VVP):
        vvp = os.path.join(vdir, "chk.vvp")
        r = run([IVERILOG, "-g2005", "-Wall", "-I" + vinc, "-o", vvp,
                 os.path.join(vdir, "vnic_regs_chk_sim.v")])
        ok = r.returncode == 0
        out = r.stdout
        if ok:
            r = run([VVP, "-n", vvp])
            vals = dict(re.findall(r"^(\w+)=(\S+)$", r.stdout, re.M))
            ok = r.returncode == 0 and all(vals.get(k) == v for k, v in V_SIM_EXPECT.items())
            out += r.stdout + "expected %s" % V_SIM_EXPECT
        check("rtl/vnic_regs.vh values under Icarus Verilog (-g2005)", ok, out)
    else:
        check("iverilog found (%s)" % IVERILOG, False, "run `make bootstrap`")

    # 5. --check mode: fresh outputs pass, a stale one fails and is named.
    r = run([PYTHON, os.path.join(REPO, "scripts", "regs_gen.py"), "--check", "--outdir", gen])
    check("regs_gen.py --check passes on fresh outputs", r.returncode == 0, r.stdout)
    with open(os.path.join(gen, "rtl", "vnic_regs.vh"), "a", encoding="utf-8") as fh:
        fh.write("// hand edit\n")
    r = run([PYTHON, os.path.join(REPO, "scripts", "regs_gen.py"), "--check", "--outdir", gen])
    check("regs_gen.py --check exits 1 and names a stale output",
          r.returncode == 1 and "rtl/vnic_regs.vh" in r.stdout
          and "sw/include/vnic_regs.h" not in r.stdout.replace("regs-check", ""), r.stdout)

    failed = results.count(False)
    print("regs_gen self-test: %d checks, %d failed" % (len(results), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
