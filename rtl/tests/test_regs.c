/* test_regs: vnic_regs — identification and build registers, reset values,
 * G.MAX_FRAME clamping, staging window read/write with byte strobes, LOAD,
 * every COMMIT error in its documented order (RANGE, WIN_OVERLAP, RATE,
 * MAC_DUP, RX_OVERLAP, TX_OVERLAP, NOT_QUIESCED) plus BAD_OP, BAD_VNIC and
 * BUSY, the CMD trace events and cmd_done, RESET waiting for the datapath
 * and for a cycle without an RX decision, 64-bit counters with the _LO/_HI
 * snapshot and CLEAR_STATS, VF page isolation and unmapped addresses, bad
 * doorbells and DMA faults (the first halts, every one is traced). */
#include <string.h>

#include "vnic_regs.h"
#include "tw_regs_pins.h"
#include "vtb.h"

#define NV 4

struct env {
    struct vtb *t;
    struct vtb_pins p;
    struct vtb_result r;
    unsigned cmd_events, last_op, last_vnic, last_err;
    unsigned fault_events, last_reason;
    uint64_t last_faddr;
    unsigned long ncyc, fault_cyc, wr_cyc; /* clock edges so far; at the last FAULT; at the last write's handshake */
    unsigned commits, resets, clears;
    unsigned long win_bad; /* cycles in which a window copy differed (tw_regs: win_copy_bad) */
    unsigned long ft_bad;  /* cycles in which fault_take differed from "a fault is taken" */
    unsigned long ft_seen; /* cycles with fault_take */
    unsigned long rd_ar_cyc; /* the cycle of the last read's AR handshake */
    /* background increments (bg_on): in cycle n, counter bg[n % NBG];
     * their values after each edge */
    int bg_on;
    uint32_t rng;
    uint64_t bg_ref[5], bg_hist[5][256];
};

/* Every increment of a counter is below the limit of its kind (vnic_regs:
 * the banks' ADD_S and ADD_B; GSTAT.RX_BYTES has none). */
#define LIM_S 4u           /* counts */
#define LIM_B (1u << 17)   /* byte counts */
#define LIM_W 0xFFFFFFFFu  /* GSTAT.RX_BYTES: any 32-bit length */

/* the background counters: one of each kind, per vNIC and global */
static const struct bg_cnt {
    unsigned g, v, k;
    uint32_t lim;
    uint32_t addr; /* its _LO word */
} bg[] = {
    {0, 1, 2, LIM_B, VNIC_VF_BASE(1) + VNIC_VF_STAT_RX_IN_LO + 8 * 2},       /* vNIC 1 RX_BYTES */
    {1, 0, 1, LIM_W, VNIC_PF_GSTAT_RX_FRAMES_LO + 8 * 1},                    /* RX_BYTES */
    {0, 3, 0, LIM_S, VNIC_VF_BASE(3) + VNIC_VF_STAT_RX_IN_LO},               /* vNIC 3 RX_IN */
    {1, 0, 9, LIM_S, VNIC_PF_GSTAT_RX_FRAMES_LO + 8 * 9},                    /* DROP_RXOFF */
    {1, 0, 12, LIM_B, VNIC_PF_GSTAT_RX_FRAMES_LO + 8 * 12},                  /* TX_BYTES */
};
#define NBG 5

static uint32_t rnd(struct env *e)
{
    e->rng ^= e->rng << 13;
    e->rng ^= e->rng >> 17;
    e->rng ^= e->rng << 5;
    return e->rng;
}

static void cycle(struct env *e)
{
    uint32_t amt = 0;
    unsigned s = (unsigned)(e->ncyc % NBG);
    if (e->bg_on) {
        /* a random increment below the limit, 0 one time in 8 */
        uint32_t r = rnd(e), r2 = rnd(e);
        amt = (r & 7) ? (uint32_t)((((uint64_t)r2 << 29) ^ (r >> 3)) % bg[s].lim) : 0;
        e->p.add_we = 1;
        e->p.add_g = bg[s].g;
        e->p.add_v = bg[s].v;
        e->p.add_k = bg[s].k;
        e->p.add_amt = amt;
    }
    vtb_cycle(e->t, &e->p);
    e->ncyc++;
    if (e->bg_on)
        e->bg_ref[s] += amt;
    for (unsigned i = 0; i < NBG; i++)
        e->bg_hist[i][e->ncyc % 256] = e->bg_ref[i];
    if (e->p.win_copy_bad)
        e->win_bad++;
    /* fault_take: a fault is taken (traced, or an RX request accepted) */
    if (e->p.fault_take != (e->p.trc_fault_valid || e->p.rx_fault_ready))
        e->ft_bad++;
    e->ft_seen += (unsigned long)e->p.fault_take;
    if (e->p.trc_cmd_valid) {
        e->cmd_events++;
        e->last_op = (unsigned)e->p.trc_cmd_op;
        e->last_vnic = (unsigned)e->p.trc_cmd_vnic;
        e->last_err = (unsigned)e->p.trc_cmd_err;
    }
    if (e->p.trc_fault_valid) {
        e->fault_events++;
        e->last_reason = (unsigned)e->p.trc_fault_reason;
        e->last_faddr = e->p.trc_fault_addr;
        e->fault_cyc = e->ncyc;
    }
    e->commits += (unsigned)e->p.cmd_commit;
    e->resets += (unsigned)e->p.cmd_reset;
    e->clears += (unsigned)e->p.cmd_clear;
    e->p.used_we = 0;
    e->p.add_we = 0;
    e->p.add_g = 0;
    e->p.rx_fault_valid = 0;
}

static void wr_strb(struct env *e, uint32_t a, uint32_t d, unsigned strb)
{
    e->p.awaddr = a;
    e->p.awvalid = 1;
    e->p.wdata = d;
    e->p.wstrb = strb;
    e->p.wvalid = 1;
    e->p.bready = 1;
    for (unsigned i = 0; i < 1000; i++) {
        vtb_eval(e->t, &e->p);
        int go = e->p.awready && e->p.wready;
        if (go)
            e->wr_cyc = e->ncyc;
        cycle(e);
        if (go)
            break;
    }
    e->p.awvalid = 0;
    e->p.wvalid = 0;
    cycle(e); /* B */
}

static void wr(struct env *e, uint32_t a, uint32_t d)
{
    wr_strb(e, a, d, 0xF);
}

static uint32_t rd(struct env *e, uint32_t a)
{
    e->p.araddr = a;
    e->p.arvalid = 1;
    e->p.rready = 1;
    for (unsigned i = 0; i < 1000; i++) {
        vtb_eval(e->t, &e->p);
        int go = e->p.arready;
        if (go)
            e->rd_ar_cyc = e->ncyc;
        cycle(e);
        if (go)
            break;
    }
    e->p.arvalid = 0;
    for (unsigned i = 0; i < 10; i++) {
        vtb_eval(e->t, &e->p);
        if (e->p.rvalid) {
            uint32_t v = (uint32_t)e->p.rdata;
            cycle(e);
            return v;
        }
        cycle(e);
    }
    VTB_CHECK(&e->r, 0, "read 0x%x: no response", a);
    return 0xDEADBEEFu;
}

/* Run a command on VSEL; wait until it is no longer busy; return err. */
static unsigned cmd(struct env *e, unsigned vsel, unsigned op)
{
    wr(e, VNIC_PF_G_VSEL, vsel);
    unsigned before = e->cmd_events;
    wr(e, VNIC_PF_G_CMD, op);
    for (unsigned i = 0; i < 200 && (rd(e, VNIC_PF_G_CMD_STATUS) & VNIC_PF_G_CMD_STATUS_BUSY_MASK); i++)
        ;
    uint32_t st = rd(e, VNIC_PF_G_CMD_STATUS);
    unsigned err = (st & VNIC_PF_G_CMD_STATUS_ERR_MASK) >> VNIC_PF_G_CMD_STATUS_ERR_LSB;
    VTB_CHECK(&e->r, e->cmd_events == before + 1, "op %u: %u CMD trace events", op, e->cmd_events - before);
    VTB_CHECK(&e->r, e->last_err == err && e->last_op == op, "op %u: trace err %u op %u, status err %u", op,
              e->last_err, e->last_op, err);
    return err;
}

/* A legal staged configuration for vNIC v: partitions of 2 KiB at v*2 KiB,
 * one 1 MiB window. */
static void stage_good(struct env *e, unsigned v, int enable)
{
    wr(e, VNIC_PF_STAGE_FLAGS, enable ? VNIC_PF_STAGE_FLAGS_ENABLE_MASK : 0);
    wr(e, VNIC_PF_STAGE_MAC_HI, 0x0200);
    wr(e, VNIC_PF_STAGE_MAC_LO, 0x10 + v);
    wr(e, VNIC_PF_STAGE_RX_BASE, v * 2048);
    wr(e, VNIC_PF_STAGE_RX_SIZE, 2048);
    wr(e, VNIC_PF_STAGE_TX_BASE, v * 2048);
    wr(e, VNIC_PF_STAGE_TX_SIZE, 2048);
    wr(e, VNIC_PF_STAGE_POL_BURST, 0);
    wr(e, VNIC_PF_STAGE_SCH_GUAR, 0);
    wr(e, VNIC_PF_STAGE_SCH_CEIL, 0);
    wr(e, VNIC_PF_STAGE_SCH_BURST, 4096);
    wr(e, VNIC_PF_STAGE_SCH_WEIGHT, 1);
    wr(e, VNIC_PF_STAGE_TX_WEIGHT, 1);
    for (unsigned w = 0; w < 2; w++) {
        wr(e, VNIC_PF_STAGE_WIN_GBASE_LO(w), w ? 0x00200000u : 0);
        wr(e, VNIC_PF_STAGE_WIN_GBASE_HI(w), 0);
        wr(e, VNIC_PF_STAGE_WIN_HBASE_LO(w), 0);
        wr(e, VNIC_PF_STAGE_WIN_HBASE_HI(w), 1 + v);
        wr(e, VNIC_PF_STAGE_WIN_SIZE(w), w ? 0 : 0x00100000u);
    }
}

static void reset(struct env *e)
{
    memset(&e->p, 0, sizeof(e->p));
    e->p.rst = 1;
    cycle(e);
    cycle(e);
    e->p.rst = 0;
    e->p.flr_ready = 1;
    cycle(e);
}

static void test_ids(struct env *e)
{
    reset(e);
    VTB_CHECK(&e->r, rd(e, VNIC_PF_G_ID) == 0x564E4943u, "G.ID");
    VTB_CHECK(&e->r, rd(e, VNIC_PF_G_VERSION) == 0x00010000u, "G.VERSION");
    VTB_CHECK(&e->r, rd(e, VNIC_PF_G_CAPS) == ((2u << 16) | (8u << 8) | 4u), "G.CAPS 0x%x",
              rd(e, VNIC_PF_G_CAPS));
    VTB_CHECK(&e->r, rd(e, VNIC_PF_G_BUFCAPS) == ((64u << 16) | 64u), "G.BUFCAPS");
    VTB_CHECK(&e->r, rd(e, VNIC_PF_G_MAX_FRAME) == 1522, "G.MAX_FRAME reset");
    VTB_CHECK(&e->r, rd(e, VNIC_PF_STAGE_SCH_WEIGHT) == 1 && rd(e, VNIC_PF_STAGE_TX_WEIGHT) == 1,
              "weights reset to 1");
    VTB_CHECK(&e->r, (rd(e, VNIC_VF_BASE(2) + VNIC_VF_ID) & 0xFFFF001Fu) == 0x56460002u, "VF 2 ID");
    /* clamping */
    wr(e, VNIC_PF_G_MAX_FRAME, 10);
    VTB_CHECK(&e->r, rd(e, VNIC_PF_G_MAX_FRAME) == 64, "MAX_FRAME clamped up to 64");
    wr(e, VNIC_PF_G_MAX_FRAME, 16000);
    VTB_CHECK(&e->r, rd(e, VNIC_PF_G_MAX_FRAME) == 9022 && e->p.g_max_frame == 9022,
              "MAX_FRAME clamped down to the parameter");
    wr(e, VNIC_PF_G_MAX_FRAME, 1522);
    /* staging with strobes; windows beyond NUM_WIN are unmapped */
    wr(e, VNIC_PF_STAGE_POL_RATE, 0x11223344u);
    wr_strb(e, VNIC_PF_STAGE_POL_RATE, 0xAABBCCDDu, 0x5);
    VTB_CHECK(&e->r, rd(e, VNIC_PF_STAGE_POL_RATE) == 0x11BB33DDu, "strobes: 0x%08x",
              rd(e, VNIC_PF_STAGE_POL_RATE));
    wr(e, VNIC_PF_STAGE_WIN_SIZE(1), 0x3000);
    wr(e, VNIC_PF_STAGE_WIN_SIZE(2), 0x3000);
    VTB_CHECK(&e->r, rd(e, VNIC_PF_STAGE_WIN_SIZE(1)) == 0x3000, "window 1 size");
    VTB_CHECK(&e->r, rd(e, VNIC_PF_STAGE_WIN_SIZE(2)) == 0, "window 2 is beyond NUM_WIN");
    wr(e, VNIC_PF_STAGE_POL_BURST, 0xFFFFFFFFu);
    VTB_CHECK(&e->r, rd(e, VNIC_PF_STAGE_POL_BURST) == 0x00FFFFFFu, "POL_BURST is 24 bits");
    /* unmapped addresses */
    VTB_CHECK(&e->r, rd(e, 0x0FC) == 0, "unmapped PF offset");
    VTB_CHECK(&e->r, rd(e, VNIC_VF_BASE(4) + VNIC_VF_ID) == 0, "VF page 4 >= NUM_VNIC");
    VTB_CHECK(&e->r, rd(e, VNIC_PF_G_CMD) == 0, "CMD reads 0");
}

/* LOAD of every vNIC right after reset gives the reset configuration (the
 * configuration copy's entries are written after reset, not reset). */
static void test_load_reset(struct env *e)
{
    reset(e);
    unsigned bad = 0;
    for (unsigned v = 0; v < NV; v++) {
        wr(e, VNIC_PF_STAGE_SCH_WEIGHT, 7);
        wr(e, VNIC_PF_STAGE_TX_WEIGHT, 9);
        wr(e, VNIC_PF_STAGE_MAC_LO, 0x55);
        wr(e, VNIC_PF_STAGE_RX_SIZE, 4096);
        if (cmd(e, v, VNIC_CMD_OP_LOAD) != VNIC_CMD_ERR_OK || rd(e, VNIC_PF_STAGE_SCH_WEIGHT) != 1
            || rd(e, VNIC_PF_STAGE_TX_WEIGHT) != 1 || rd(e, VNIC_PF_STAGE_MAC_LO) != 0
            || rd(e, VNIC_PF_STAGE_RX_SIZE) != 0)
            bad++;
    }
    VTB_CHECK(&e->r, bad == 0, "LOAD after reset: %u of %u vNICs not the reset configuration", bad, NV);
}

static void test_commit(struct env *e)
{
    reset(e);
    /* BAD_OP before BAD_VNIC; BAD_VNIC */
    VTB_CHECK(&e->r, cmd(e, 7, 9) == VNIC_CMD_ERR_BAD_OP, "BAD_OP with a bad VSEL too");
    VTB_CHECK(&e->r, cmd(e, 0, 0) == VNIC_CMD_ERR_BAD_OP, "opcode 0 is BAD_OP");
    VTB_CHECK(&e->r, cmd(e, 4, VNIC_CMD_OP_LOAD) == VNIC_CMD_ERR_BAD_VNIC, "BAD_VNIC");
    VTB_CHECK(&e->r, (rd(e, VNIC_PF_G_INT_STATUS) & VNIC_PF_G_INT_STATUS_CMD_DONE_MASK) != 0,
              "cmd_done set");
    wr(e, VNIC_PF_G_INT_STATUS, VNIC_PF_G_INT_STATUS_CMD_DONE_MASK);
    VTB_CHECK(&e->r, rd(e, VNIC_PF_G_INT_STATUS) == 0, "cmd_done is W1C");

    /* a good commit of vNIC 0 */
    stage_good(e, 0, 1);
    unsigned c0 = e->commits;
    VTB_CHECK(&e->r, cmd(e, 0, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_OK, "good COMMIT");
    VTB_CHECK(&e->r, e->commits == c0 + 1 && (e->p.cfg_flags & 0x7F) == 1, "vNIC 0 active and enabled");
    VTB_CHECK(&e->r, rd(e, VNIC_VF_BASE(0) + VNIC_VF_MAC_LO) == 0x10 && rd(e, VNIC_VF_BASE(0) + VNIC_VF_MAC_HI) == 0x0200,
              "VF page shows the MAC");

    /* RANGE cases, each alone */
    stage_good(e, 1, 1);
    wr(e, VNIC_PF_STAGE_RX_BASE, 2048 + 32);
    VTB_CHECK(&e->r, cmd(e, 1, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_RANGE, "RX_BASE not a multiple of 64");
    stage_good(e, 1, 1);
    wr(e, VNIC_PF_STAGE_RX_BASE, 65536 - 1024);
    VTB_CHECK(&e->r, cmd(e, 1, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_RANGE, "partition beyond the buffer");
    stage_good(e, 1, 1);
    wr(e, VNIC_PF_STAGE_RX_SIZE, 1472); /* < 1522 rounded up to 64 = 1536 */
    VTB_CHECK(&e->r, cmd(e, 1, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_RANGE, "enabled RX_SIZE < MAX_FRAME");
    stage_good(e, 1, 0);
    wr(e, VNIC_PF_STAGE_RX_SIZE, 1472);
    VTB_CHECK(&e->r, cmd(e, 1, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_OK, "a disabled vNIC may be small");
    stage_good(e, 1, 1);
    wr(e, VNIC_PF_STAGE_SCH_WEIGHT, 0);
    VTB_CHECK(&e->r, cmd(e, 1, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_RANGE, "weight 0");
    stage_good(e, 1, 1);
    wr(e, VNIC_PF_STAGE_WIN_HBASE_LO(0), 0x800);
    VTB_CHECK(&e->r, cmd(e, 1, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_RANGE, "window not 4 KiB aligned");
    stage_good(e, 1, 1);
    wr(e, VNIC_PF_STAGE_WIN_GBASE_HI(0), 0xFFFFFFFFu);
    wr(e, VNIC_PF_STAGE_WIN_GBASE_LO(0), 0xFFFFF000u);
    wr(e, VNIC_PF_STAGE_WIN_SIZE(0), 0x2000);
    VTB_CHECK(&e->r, cmd(e, 1, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_RANGE, "window beyond 2^64");
    wr(e, VNIC_PF_STAGE_WIN_SIZE(0), 0x1000);
    VTB_CHECK(&e->r, cmd(e, 1, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_OK, "window ending at 2^64");

    /* WIN_OVERLAP, and RANGE before it */
    stage_good(e, 1, 1);
    wr(e, VNIC_PF_STAGE_WIN_GBASE_LO(1), 0x000FF000u);
    wr(e, VNIC_PF_STAGE_WIN_SIZE(1), 0x2000);
    VTB_CHECK(&e->r, cmd(e, 1, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_WIN_OVERLAP, "windows overlap");
    wr(e, VNIC_PF_STAGE_SCH_WEIGHT, 0);
    VTB_CHECK(&e->r, cmd(e, 1, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_RANGE, "RANGE before WIN_OVERLAP");
    wr(e, VNIC_PF_STAGE_SCH_WEIGHT, 1);
    wr(e, VNIC_PF_STAGE_WIN_GBASE_LO(1), 0x00100000u);
    VTB_CHECK(&e->r, cmd(e, 1, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_OK, "adjacent windows do not overlap");

    /* RATE, and WIN_OVERLAP before it */
    stage_good(e, 2, 1);
    wr(e, VNIC_PF_STAGE_FLAGS, VNIC_PF_STAGE_FLAGS_ENABLE_MASK | VNIC_PF_STAGE_FLAGS_POL_EN_MASK);
    wr(e, VNIC_PF_STAGE_POL_BURST, 63);
    VTB_CHECK(&e->r, cmd(e, 2, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_RATE, "policer burst < 64");
    wr(e, VNIC_PF_STAGE_WIN_SIZE(1), 0x00200000u);
    wr(e, VNIC_PF_STAGE_WIN_GBASE_LO(1), 0);
    VTB_CHECK(&e->r, cmd(e, 2, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_WIN_OVERLAP, "WIN_OVERLAP before RATE");
    stage_good(e, 2, 1);
    wr(e, VNIC_PF_STAGE_FLAGS, VNIC_PF_STAGE_FLAGS_ENABLE_MASK | VNIC_PF_STAGE_FLAGS_CEIL_EN_MASK);
    wr(e, VNIC_PF_STAGE_SCH_GUAR, 0x01000001u);
    wr(e, VNIC_PF_STAGE_SCH_CEIL, 0x01000000u);
    VTB_CHECK(&e->r, cmd(e, 2, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_RATE, "guarantee above ceiling");
    /* the RX DMA buckets' depth, with a ceiling or a guarantee */
    wr(e, VNIC_PF_STAGE_SCH_GUAR, 0);
    wr(e, VNIC_PF_STAGE_SCH_BURST, 63);
    VTB_CHECK(&e->r, cmd(e, 2, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_RATE, "ceiling with SCH_BURST < 64");
    wr(e, VNIC_PF_STAGE_FLAGS, VNIC_PF_STAGE_FLAGS_ENABLE_MASK);
    wr(e, VNIC_PF_STAGE_SCH_GUAR, 0x00100000u);
    VTB_CHECK(&e->r, cmd(e, 2, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_RATE, "guarantee with SCH_BURST < 64");
    wr(e, VNIC_PF_STAGE_SCH_BURST, 64);
    VTB_CHECK(&e->r, cmd(e, 2, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_OK, "guarantee with SCH_BURST 64");
    /* guarantees: vNIC 0 holds 6 bytes/cycle; 2.5 more exceed W = 8 */
    stage_good(e, 0, 1);
    wr(e, VNIC_PF_STAGE_SCH_GUAR, 0x06000000u);
    VTB_CHECK(&e->r, cmd(e, 0, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_OK, "guarantee of 6 bytes/cycle");
    stage_good(e, 2, 1);
    wr(e, VNIC_PF_STAGE_SCH_GUAR, 0x02800000u);
    VTB_CHECK(&e->r, cmd(e, 2, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_RATE, "sum of guarantees above W");
    wr(e, VNIC_PF_STAGE_SCH_GUAR, 0x02000000u);
    VTB_CHECK(&e->r, cmd(e, 2, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_OK, "sum of guarantees = W");

    /* MAC_DUP, then RX_OVERLAP, then TX_OVERLAP */
    stage_good(e, 3, 1);
    wr(e, VNIC_PF_STAGE_MAC_LO, 0x10);            /* vNIC 0's MAC */
    wr(e, VNIC_PF_STAGE_RX_BASE, 0);              /* and its partitions */
    wr(e, VNIC_PF_STAGE_TX_BASE, 0);
    wr(e, VNIC_PF_STAGE_SCH_GUAR, 0x06000000u);   /* and a guarantee too many */
    VTB_CHECK(&e->r, cmd(e, 3, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_RATE, "RATE before MAC_DUP");
    wr(e, VNIC_PF_STAGE_SCH_GUAR, 0);
    VTB_CHECK(&e->r, cmd(e, 3, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_MAC_DUP, "MAC_DUP before RX_OVERLAP");
    wr(e, VNIC_PF_STAGE_MAC_LO, 0x13);
    VTB_CHECK(&e->r, cmd(e, 3, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_RX_OVERLAP, "RX_OVERLAP");
    wr(e, VNIC_PF_STAGE_RX_BASE, 3 * 2048);
    VTB_CHECK(&e->r, cmd(e, 3, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_TX_OVERLAP, "TX_OVERLAP");
    wr(e, VNIC_PF_STAGE_TX_BASE, 3 * 2048);
    VTB_CHECK(&e->r, cmd(e, 3, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_OK, "vNIC 3 commits");
    /* a disabled vNIC may share a MAC and overlap */
    stage_good(e, 1, 0);
    wr(e, VNIC_PF_STAGE_MAC_LO, 0x10);
    wr(e, VNIC_PF_STAGE_RX_BASE, 0);
    VTB_CHECK(&e->r, cmd(e, 1, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_OK, "disabled: no MAC_DUP, no overlap");

    /* NOT_QUIESCED: vNIC 3 holds RX bytes; moving its partition is refused,
     * enabled or not, other changes are fine */
    e->p.used_we = 1;
    e->p.used_sel = 3;
    e->p.used_val = 128;
    cycle(e);
    VTB_CHECK(&e->r, cmd(e, 3, VNIC_CMD_OP_LOAD) == VNIC_CMD_ERR_OK, "LOAD");
    VTB_CHECK(&e->r, rd(e, VNIC_PF_STAGE_RX_BASE) == 3 * 2048 && rd(e, VNIC_PF_STAGE_MAC_LO) == 0x13,
              "LOAD copies the active configuration");
    wr(e, VNIC_PF_STAGE_RX_BASE, 4 * 2048);
    VTB_CHECK(&e->r, cmd(e, 3, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_NOT_QUIESCED, "NOT_QUIESCED");
    wr(e, VNIC_PF_STAGE_FLAGS, 0);
    VTB_CHECK(&e->r, cmd(e, 3, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_NOT_QUIESCED, "NOT_QUIESCED when disabling");
    wr(e, VNIC_PF_STAGE_RX_BASE, 3 * 2048);
    VTB_CHECK(&e->r, cmd(e, 3, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_OK, "disable without moving");
    VTB_CHECK(&e->r, (e->p.cfg_flags >> 21 & 1) == 0, "vNIC 3 disabled");
    e->p.used_we = 1;
    e->p.used_sel = 3;
    e->p.used_val = 0;
    cycle(e);
    wr(e, VNIC_PF_STAGE_RX_BASE, 4 * 2048);
    VTB_CHECK(&e->r, cmd(e, 3, VNIC_CMD_OP_COMMIT) == VNIC_CMD_ERR_OK, "move once empty");

    /* a COMMIT waits for a cycle without an RX decision */
    e->p.dec_now = 1;
    wr(e, VNIC_PF_G_VSEL, 3);
    unsigned ev = e->cmd_events;
    wr(e, VNIC_PF_G_CMD, VNIC_CMD_OP_COMMIT);
    for (unsigned i = 0; i < 40; i++)
        cycle(e);
    VTB_CHECK(&e->r, e->cmd_events == ev, "COMMIT took effect during a decision");
    /* BUSY: dropped, err = BUSY, no event, no cmd_done */
    wr(e, VNIC_PF_G_INT_STATUS, 3);
    wr(e, VNIC_PF_G_CMD, VNIC_CMD_OP_LOAD);
    uint32_t st = rd(e, VNIC_PF_G_CMD_STATUS);
    VTB_CHECK(&e->r, (st & VNIC_PF_G_CMD_STATUS_BUSY_MASK) &&
                     ((st & VNIC_PF_G_CMD_STATUS_ERR_MASK) >> VNIC_PF_G_CMD_STATUS_ERR_LSB) == VNIC_CMD_ERR_BUSY,
              "BUSY: status 0x%x", st);
    VTB_CHECK(&e->r, e->cmd_events == ev && rd(e, VNIC_PF_G_INT_STATUS) == 0, "BUSY: no event, no cmd_done");
    /* a stage write offered while the command runs is not accepted (and the
     * stage's own write enable agrees: the RTL stops if it does not) */
    e->p.awaddr = VNIC_PF_STAGE_RX_BASE;
    e->p.wdata = 6 * 2048;
    e->p.wstrb = 0xF;
    e->p.awvalid = 1;
    e->p.wvalid = 1;
    e->p.bready = 1;
    unsigned taken = 0;
    for (unsigned i = 0; i < 20; i++) {
        vtb_eval(e->t, &e->p);
        taken += e->p.awready || e->p.wready;
        cycle(e);
    }
    e->p.awvalid = 0;
    e->p.wvalid = 0;
    VTB_CHECK(&e->r, taken == 0, "a stage write accepted in %u cycles of a running COMMIT", taken);
    e->p.dec_now = 0;
    for (unsigned i = 0; i < 5; i++)
        cycle(e);
    VTB_CHECK(&e->r, e->cmd_events == ev + 1 && e->last_op == VNIC_CMD_OP_COMMIT && e->last_err == 0,
              "the COMMIT completes after the decisions");
    st = rd(e, VNIC_PF_G_CMD_STATUS);
    VTB_CHECK(&e->r, st == (VNIC_CMD_OP_COMMIT << VNIC_PF_G_CMD_STATUS_OP_LSB), "its result overwrites BUSY: 0x%x",
              st);
    /* the stage write is accepted once no command runs; the COMMIT took the
     * stage without it */
    wr(e, VNIC_PF_STAGE_RX_BASE, 6 * 2048);
    VTB_CHECK(&e->r, rd(e, VNIC_PF_STAGE_RX_BASE) == 6 * 2048, "stage write after the COMMIT");
    VTB_CHECK(&e->r, cmd(e, 3, VNIC_CMD_OP_LOAD) == VNIC_CMD_ERR_OK && rd(e, VNIC_PF_STAGE_RX_BASE) == 4 * 2048,
              "the COMMIT took RX_BASE 0x%x, not the write that waited", 4 * 2048);
}

/* Add amt to counter k of vNIC v in each of n cycles. */
static void add_n(struct env *e, unsigned v, unsigned k, uint32_t amt, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        e->p.add_we = 1;
        e->p.add_v = v;
        e->p.add_k = k;
        e->p.add_amt = amt;
        cycle(e);
    }
}

/* Read a counter's _LO word (the 64-bit value of the cycle after its AR
 * handshake, HI snapshotted); return it with the snapshot's HI, read later. */
static uint64_t rd_lo(struct env *e, uint32_t a, unsigned long *at)
{
    uint32_t lo = rd(e, a);
    *at = e->rd_ar_cyc + 1;
    return lo;
}

/* 64-bit counters while they move: one counter of each kind and bank
 * (bg[]: a byte counter per vNIC and one global, GSTAT.RX_BYTES, a count
 * per vNIC and one global) takes random increments up to its limit, one
 * counter a cycle, until the byte counters are past 2^34 and the counts
 * past 2^16. Every LO read, with its page's HI snapshot read later (the
 * per-vNIC pages' after the global page's reads), must equal the counter's
 * value in the LO read's cycle: the low halves in flip-flops, the high
 * halves in the banks' memories with carries moved by their sweeps. */
static void test_counters_moving(struct env *e)
{
    unsigned reads = 0, bad = 0, hi_moves[NBG] = {0};
    uint32_t last_hi[NBG] = {0};
    reset(e);
    e->rng = 0x9E3779B9u;
    memset(e->bg_ref, 0, sizeof e->bg_ref);
    e->bg_on = 1;
    while (e->bg_ref[0] < (1ull << 34) || e->bg_ref[1] < (1ull << 34) || e->bg_ref[4] < (1ull << 34)
           || e->bg_ref[2] < (1ull << 16) || e->bg_ref[3] < (1ull << 16)) {
        unsigned gap = rnd(e) % 200;
        for (unsigned i = 0; i < gap; i++)
            cycle(e);
        unsigned long at[NBG];
        uint64_t val[NBG];
        /* per-vNIC LO words first, their HI words last */
        for (unsigned i = 0; i < NBG; i++)
            if (!bg[i].g)
                val[i] = rd_lo(e, bg[i].addr, &at[i]);
        for (unsigned i = 0; i < NBG; i++)
            if (bg[i].g) {
                val[i] = rd_lo(e, bg[i].addr, &at[i]);
                val[i] |= (uint64_t)rd(e, bg[i].addr + 4) << 32;
            }
        for (unsigned i = 0; i < NBG; i++)
            if (!bg[i].g)
                val[i] |= (uint64_t)rd(e, bg[i].addr + 4) << 32;
        for (unsigned i = 0; i < NBG; i++) {
            uint64_t exp = e->bg_hist[i][at[i] % 256];
            if (val[i] != exp && bad++ < 5)
                VTB_CHECK(&e->r, 0, "moving counters: counter %u read 0x%llx, expected 0x%llx", i,
                          (unsigned long long)val[i], (unsigned long long)exp);
            hi_moves[i] += (uint32_t)(val[i] >> 32) != last_hi[i];
            last_hi[i] = (uint32_t)(val[i] >> 32);
        }
        reads++;
    }
    e->bg_on = 0;
    VTB_CHECK(&e->r, bad == 0 && reads > 100 && hi_moves[0] >= 3 && hi_moves[1] >= 3 && hi_moves[4] >= 3,
              "moving counters: %u rounds of %u LO/HI pairs read at their cycle, %u wrong, HI moved %u/%u/%u times",
              reads, NBG, bad, hi_moves[0], hi_moves[1], hi_moves[4]);
}

static void test_reset_counters(struct env *e)
{
    reset(e);
    /* counters: vNIC 1 RX_BYTES (k = 2) above 2^32; LO then HI snapshots */
    const unsigned n32 = 1u << 15;            /* n32 * (LIM_B - 1) = 2^32 - 2^15 */
    add_n(e, 1, 2, LIM_B - 1, n32);
    add_n(e, 1, 2, 0x8010, 1);                /* 2^32 + 0x10 */
    uint32_t off = VNIC_VF_STAT_RX_IN_LO + 8 * 2;
    uint32_t lo = rd(e, VNIC_VF_BASE(1) + off);
    add_n(e, 1, 2, LIM_B - 1, n32 + 100);     /* HI moves after the LO read */
    uint32_t hi = rd(e, VNIC_VF_BASE(1) + off + 4);
    VTB_CHECK(&e->r, lo == 0x10 && hi == 1, "64-bit read: LO 0x%x HI 0x%x", lo, hi);
    VTB_CHECK(&e->r, rd(e, VNIC_VF_BASE(1) + off + 4) == 1, "HI repeats the snapshot");
    lo = rd(e, VNIC_VF_BASE(1) + off);
    hi = rd(e, VNIC_VF_BASE(1) + off + 4);
    uint64_t v = (1ull << 32) + 0x10 + (uint64_t)(n32 + 100) * (LIM_B - 1);
    VTB_CHECK(&e->r, lo == (uint32_t)v && hi == (uint32_t)(v >> 32), "then LO 0x%x HI 0x%x", lo, hi);
    VTB_CHECK(&e->r, rd(e, VNIC_VF_BASE(0) + off) == 0, "vNIC 0's counter untouched");
    VTB_CHECK(&e->r, cmd(e, 1, VNIC_CMD_OP_CLEAR_STATS) == 0, "CLEAR_STATS");
    VTB_CHECK(&e->r, rd(e, VNIC_VF_BASE(1) + off) == 0 && rd(e, VNIC_VF_BASE(1) + off + 4) == 0, "cleared");
    /* CLEAR_STATS right after a carry out of the low half (the sweep has not
     * moved it yet, or just has): the counter reads 0, then counts from 0 */
    add_n(e, 1, 2, LIM_B - 1, n32);
    add_n(e, 1, 2, 0x8100, 1);                /* 2^32 + 0x100 */
    VTB_CHECK(&e->r, cmd(e, 1, VNIC_CMD_OP_CLEAR_STATS) == 0, "CLEAR_STATS after a carry");
    VTB_CHECK(&e->r, rd(e, VNIC_VF_BASE(1) + off) == 0 && rd(e, VNIC_VF_BASE(1) + off + 4) == 0,
              "cleared with a carry pending");
    add_n(e, 1, 2, 7, 1);
    lo = rd(e, VNIC_VF_BASE(1) + off);
    hi = rd(e, VNIC_VF_BASE(1) + off + 4);
    VTB_CHECK(&e->r, lo == 7 && hi == 0, "counts from 0 after the clear: LO 0x%x HI 0x%x", lo, hi);
    add_n(e, 1, 2, LIM_B - 1, n32 + 1);
    lo = rd(e, VNIC_VF_BASE(1) + off);
    hi = rd(e, VNIC_VF_BASE(1) + off + 4);
    v = 7 + (uint64_t)(n32 + 1) * (LIM_B - 1);
    VTB_CHECK(&e->r, lo == (uint32_t)v && hi == 1, "and carries into a cleared high half: LO 0x%x HI 0x%x", lo, hi);

    /* VF isolation */
    wr(e, VNIC_VF_BASE(1) + VNIC_VF_INT_MASK, 3);
    VTB_CHECK(&e->r, rd(e, VNIC_VF_BASE(1) + VNIC_VF_INT_MASK) == 3 && rd(e, VNIC_VF_BASE(0) + VNIC_VF_INT_MASK) == 0 &&
                         e->p.vf_int_mask == 0x0C,
              "INT_MASK of vNIC 1 only");
    wr(e, VNIC_VF_BASE(1) + VNIC_VF_RXR_HEAD, 5);
    VTB_CHECK(&e->r, rd(e, VNIC_VF_BASE(1) + VNIC_VF_RXR_HEAD) == 0, "HEAD is read-only");
    e->p.ring_trig = 0x04;
    cycle(e);
    e->p.ring_trig = 0;
    VTB_CHECK(&e->r, rd(e, VNIC_VF_BASE(1) + VNIC_VF_INT_STATUS) == 1, "a ring trigger sets INT_STATUS.rx");

    /* bad doorbells: TAIL >= 2^SIZE reports the value; SIZE > 12 the base */
    wr(e, VNIC_VF_BASE(2) + VNIC_VF_RXR_BASE_LO, 0x1000);
    wr(e, VNIC_VF_BASE(2) + VNIC_VF_RXR_SIZE, 3);
    wr(e, VNIC_VF_BASE(2) + VNIC_VF_RXR_TAIL, 7);
    VTB_CHECK(&e->r, e->fault_events == 0 && (e->p.rxr_tail >> 32 & 0xFFFF) == 7, "a good doorbell");
    wr(e, VNIC_VF_BASE(2) + VNIC_VF_RXR_TAIL, 9);
    VTB_CHECK(&e->r, e->fault_events == 1 && e->last_reason == VNIC_FAULT_REASON_BAD_TAIL && e->last_faddr == 9,
              "TAIL beyond the ring: fault %u reason %u addr %llu", e->fault_events, e->last_reason,
              (unsigned long long)e->last_faddr);
    /* wr_cyc + 1 is the edge that ends the write's cycle w; the FAULT is
     * traced in w + 1 (architecture §10: a write of w follows w's events) */
    VTB_CHECK(&e->r, e->fault_cyc == e->wr_cyc + 2, "bad doorbell FAULT %lu cycles after the write, expected 1",
              e->fault_cyc - e->wr_cyc - 1);
    cycle(e); /* the FAULT is taken the cycle after the write, halted follows */
    VTB_CHECK(&e->r, (e->p.rxr_tail >> 32 & 0xFFFF) == 7 && e->p.halted == 0x4, "TAIL kept, vNIC 2 halted");
    VTB_CHECK(&e->r, rd(e, VNIC_PF_G_FAULT_VEC) == 0x4, "FAULT_VEC");
    wr(e, VNIC_PF_G_VSEL, 2);
    VTB_CHECK(&e->r, rd(e, VNIC_PF_VSTAT_STATUS) == (VNIC_FAULT_REASON_BAD_TAIL << 8 | 2) &&
                         rd(e, VNIC_PF_VSTAT_FAULT_ADDR_LO) == 9,
              "VSTAT status 0x%x", rd(e, VNIC_PF_VSTAT_STATUS));
    uint32_t dmaf = VNIC_VF_STAT_DMA_FAULTS_LO;
    VTB_CHECK(&e->r, rd(e, VNIC_VF_BASE(2) + dmaf) == 1, "DMA_FAULTS 1");
    /* a ring posted to keeps BASE and SIZE until RESET */
    wr(e, VNIC_VF_BASE(2) + VNIC_VF_RXR_SIZE, 13);
    wr(e, VNIC_VF_BASE(2) + VNIC_VF_RXR_BASE_LO, 0x2000);
    VTB_CHECK(&e->r, rd(e, VNIC_VF_BASE(2) + VNIC_VF_RXR_SIZE) == 3 &&
                         rd(e, VNIC_VF_BASE(2) + VNIC_VF_RXR_BASE_LO) == 0x1000,
              "RX ring locked: SIZE %u BASE_LO 0x%x", rd(e, VNIC_VF_BASE(2) + VNIC_VF_RXR_SIZE),
              rd(e, VNIC_VF_BASE(2) + VNIC_VF_RXR_BASE_LO));
    /* TAIL moved back over the device's descriptors (HEAD 0, TAIL 7) */
    wr(e, VNIC_VF_BASE(2) + VNIC_VF_RXR_TAIL, 1);
    VTB_CHECK(&e->r, e->fault_events == 2 && e->last_faddr == 1, "TAIL moved back: traced with the value");
    VTB_CHECK(&e->r, (e->p.rxr_tail >> 32 & 0xFFFF) == 7, "TAIL kept after moving back");
    wr(e, VNIC_VF_BASE(2) + VNIC_VF_RXR_TAIL, 7);
    VTB_CHECK(&e->r, e->fault_events == 2, "TAIL rewritten unchanged is a good doorbell");
    /* an unlocked ring (the TX ring, never posted to) with SIZE > 12 */
    wr(e, VNIC_VF_BASE(2) + VNIC_VF_TXR_BASE_LO, 0x3000);
    wr(e, VNIC_VF_BASE(2) + VNIC_VF_TXR_SIZE, 13);
    wr(e, VNIC_VF_BASE(2) + VNIC_VF_TXR_TAIL, 1);
    VTB_CHECK(&e->r, e->fault_events == 3 && e->last_faddr == 0x3000, "SIZE > 12: traced with the ring base");
    VTB_CHECK(&e->r, rd(e, VNIC_VF_BASE(2) + dmaf) == 1 && rd(e, VNIC_PF_VSTAT_FAULT_ADDR_LO) == 9,
              "a second fault does not count or overwrite");
    /* a DMA fault on vNIC 0 */
    e->p.rx_fault_valid = 1;
    e->p.rx_fault_vnic = 0;
    e->p.rx_fault_reason = VNIC_FAULT_REASON_RX_BUF_ADDR;
    e->p.rx_fault_addr = 0x123456789ull;
    vtb_eval(e->t, &e->p);
    VTB_CHECK(&e->r, e->p.rx_fault_ready && e->p.pf_trig, "DMA fault taken");
    cycle(e);
    vtb_eval(e->t, &e->p);
    VTB_CHECK(&e->r, e->p.halted == 0x5 && e->last_faddr == 0x123456789ull, "vNIC 0 halted: 0x%x",
              (unsigned)e->p.halted);

    /* RESET of vNIC 2 waits for the datapath and for a decision-free cycle */
    e->p.flr_ready = 0;
    wr(e, VNIC_PF_G_VSEL, 2);
    unsigned ev = e->cmd_events, rs = e->resets;
    wr(e, VNIC_PF_G_CMD, VNIC_CMD_OP_RESET);
    for (unsigned i = 0; i < 20; i++)
        cycle(e);
    vtb_eval(e->t, &e->p);
    VTB_CHECK(&e->r, e->p.flr_req && e->p.cmd_vnic == 2 && e->cmd_events == ev, "RESET waits (flr_req)");
    e->p.flr_ready = 1;
    e->p.dec_now = 1;
    for (unsigned i = 0; i < 5; i++)
        cycle(e);
    VTB_CHECK(&e->r, e->cmd_events == ev, "RESET waits for a cycle without a decision");
    e->p.dec_now = 0;
    cycle(e);
    VTB_CHECK(&e->r, e->cmd_events == ev + 1 && e->resets == rs + 1 && e->last_op == VNIC_CMD_OP_RESET,
              "RESET took effect");
    vtb_eval(e->t, &e->p);
    VTB_CHECK(&e->r, e->p.halted == 0x1 && rd(e, VNIC_PF_G_FAULT_VEC) == 0x1, "vNIC 2 no longer halted: 0x%x",
              (unsigned)e->p.halted);
    VTB_CHECK(&e->r, rd(e, VNIC_VF_BASE(2) + VNIC_VF_RXR_SIZE) == 0 && rd(e, VNIC_VF_BASE(2) + VNIC_VF_RXR_BASE_LO) == 0,
              "VF ring registers reset");
    VTB_CHECK(&e->r, rd(e, VNIC_VF_BASE(2) + dmaf) == 1, "statistics kept across RESET");
    VTB_CHECK(&e->r, rd(e, VNIC_PF_VSTAT_STATUS) == 0 && rd(e, VNIC_PF_VSTAT_FAULT_ADDR_LO) == 0,
              "reason and FAULT_ADDR clear");
}

int main(void)
{
    struct env e;
    memset(&e, 0, sizeof(e));
    e.t = vtb_new();
    test_ids(&e);
    test_load_reset(&e);
    test_commit(&e);
    test_reset_counters(&e);
    test_counters_moving(&e);
    /* the DMA engines' window copies (tw_regs: one vnic_win_ram written from
     * the COMMIT write port) showed the active windows in every cycle */
    VTB_CHECK(&e.r, e.win_bad == 0, "window copy differed from the active windows in %lu cycles", e.win_bad);
    VTB_CHECK(&e.r, e.ft_bad == 0 && e.ft_seen > 0, "fault_take differed from the faults taken in %lu of %lu cycles",
              e.ft_bad, e.ft_seen);
    vtb_free(e.t);
    return vtb_summary("test_regs", &e.r);
}
