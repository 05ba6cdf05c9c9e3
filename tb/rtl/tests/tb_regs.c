/* tb_regs.c: register-block tests on the RTL: reset values, access types
 * and masks from the generated map, unmapped space, VF page isolation, and
 * the configuration commands through the driver (libvnic on the RTL bus):
 * create/LOAD round trip, every COMMIT refusal, function-level reset. */
#include "tb_test.h"

#include "vnic_regs.h"

#define A_RO  0
#define A_RW  1
#define A_W1C 2
#define A_WO  3
#define ACC(a) A_##a

struct reg_desc {
    const char *name;
    uint32_t off, reset, rmask, wmask;
    int access;
};

#define X_PF(path, off, rst, acc, rm, wm, w1c) {#path, off, rst, rm, wm, ACC(acc)},
static const struct reg_desc pf_regs[] = {VNIC_PF_REGS_EXT(X_PF)};
static const struct reg_desc vf_regs[] = {VNIC_VF_REGS_EXT(X_PF)};
#define NPF (sizeof pf_regs / sizeof pf_regs[0])
#define NVF (sizeof vf_regs / sizeof vf_regs[0])

static uint32_t pf_expected_reset(const struct tb_env *e, const struct reg_desc *r)
{
    const struct vnic_dut_params *p = e->sim.par;
    if (r->off == VNIC_PF_G_CAPS)
        return p->num_vnic | (p->data_w / 8) << 8 | p->num_win << 16;
    if (r->off == VNIC_PF_G_BUFCAPS)
        return (p->rx_buf_bytes / 1024) | (p->tx_buf_bytes / 1024) << 16;
    return r->reset & r->rmask;
}

static void reset_values(struct tb_t *t)
{
    struct tb_env *e = t->env;
    for (unsigned i = 0; i < NPF; i++) {
        uint32_t v = tb_env_rd(e, VNIC_PF_BASE + pf_regs[i].off);
        uint32_t x = pf_regs[i].access == A_WO ? 0 : pf_expected_reset(e, &pf_regs[i]);
        TB_CHECK(t, v == x, "PF %s (0x%03x) resets to 0x%08x, expected 0x%08x", pf_regs[i].name,
                 pf_regs[i].off, v, x);
    }
    for (unsigned n = 0; n < e->num_vnic; n++)
        for (unsigned i = 0; i < NVF; i++) {
            uint32_t v = tb_env_rd(e, VNIC_VF_BASE(n) + vf_regs[i].off);
            uint32_t x = vf_regs[i].reset & vf_regs[i].rmask;
            if (vf_regs[i].off == VNIC_VF_ID)
                x |= n;
            if (vf_regs[i].access == A_WO)
                x = 0;
            TB_CHECK(t, v == x, "VF %u %s (0x%03x) resets to 0x%08x, expected 0x%08x", n,
                     vf_regs[i].name, vf_regs[i].off, v, x);
        }
}

/* RW registers keep exactly their writable bits; RO registers ignore writes. */
static int skip_rw(uint32_t page_off, int vf)
{
    if (!vf)
        return page_off == VNIC_PF_G_CMD || page_off == VNIC_PF_G_INT_STATUS;
    /* doorbells act on the ring (BAD_TAIL); W1C has its own test */
    return page_off == VNIC_VF_RXR_TAIL || page_off == VNIC_VF_TXR_TAIL ||
           page_off == VNIC_VF_INT_STATUS;
}

static void rw_masks(struct tb_t *t)
{
    struct tb_env *e = t->env;
    static const uint32_t pat[] = {0xffffffffu, 0x00000000u, 0xa5a5a5a5u, 0x5a5a5a5au};
    for (unsigned i = 0; i < NPF; i++) {
        const struct reg_desc *r = &pf_regs[i];
        if (skip_rw(r->off, 0))
            continue;
        uint32_t before = tb_env_rd(e, r->off);
        for (unsigned k = 0; k < 4; k++) {
            tb_env_wr(e, r->off, pat[k]);
            uint32_t v = tb_env_rd(e, r->off);
            uint32_t x = r->access == A_RW ? ((pat[k] & r->wmask) | (before & ~r->wmask)) & r->rmask
                                           : before;
            if (r->off == VNIC_PF_G_MAX_FRAME) {
                /* clamped to [64, MAX_FRAME] (docs/architecture.md §7) */
                uint32_t mf = e->sim.par->max_frame;
                x = x < 64 ? 64 : x > mf ? mf : x;
            }
            TB_CHECK(t, v == x, "PF %s: wrote 0x%08x, read 0x%08x, expected 0x%08x", r->name,
                     pat[k], v, x);
        }
        if (r->access == A_RW)
            tb_env_wr(e, r->off, before);
    }
    unsigned vlist[2] = {0, e->num_vnic - 1};
    for (unsigned j = 0; j < 2; j++) {
        unsigned n = vlist[j];
        for (unsigned i = 0; i < NVF; i++) {
            const struct reg_desc *r = &vf_regs[i];
            if (skip_rw(r->off, 1))
                continue;
            uint32_t a = VNIC_VF_BASE(n) + r->off;
            uint32_t before = tb_env_rd(e, a);
            for (unsigned k = 0; k < 4; k++) {
                tb_env_wr(e, a, pat[k]);
                uint32_t v = tb_env_rd(e, a);
                uint32_t x = r->access == A_RW
                                 ? ((pat[k] & r->wmask) | (before & ~r->wmask)) & r->rmask
                                 : before;
                TB_CHECK(t, v == x, "VF %u %s: wrote 0x%08x, read 0x%08x, expected 0x%08x", n,
                         r->name, pat[k], v, x);
            }
            if (r->access == A_RW)
                tb_env_wr(e, a, before);
        }
    }
}

static int mapped(const struct reg_desc *regs, unsigned n, uint32_t off)
{
    for (unsigned i = 0; i < n; i++)
        if (regs[i].off == off)
            return 1;
    return 0;
}

/* Unmapped offsets read 0 and ignore writes; so do pages of absent vNICs. */
static void unmapped(struct tb_t *t)
{
    struct tb_env *e = t->env;
    for (uint32_t off = 0; off < VNIC_PAGE_SIZE; off += 4) {
        if (!mapped(pf_regs, NPF, off)) {
            tb_env_wr(e, off, 0xffffffffu);
            uint32_t v = tb_env_rd(e, off);
            TB_CHECK(t, v == 0, "PF offset 0x%03x unmapped but reads 0x%08x", off, v);
        }
        if (!mapped(vf_regs, NVF, off)) {
            tb_env_wr(e, VNIC_VF_BASE(0) + off, 0xffffffffu);
            uint32_t v = tb_env_rd(e, VNIC_VF_BASE(0) + off);
            TB_CHECK(t, v == 0, "VF 0 offset 0x%03x unmapped but reads 0x%08x", off, v);
        }
    }
    for (unsigned n = e->num_vnic; n < VNIC_MAX_VNIC; n++)
        for (unsigned i = 0; i < NVF; i++) {
            uint32_t a = VNIC_VF_BASE(n) + vf_regs[i].off;
            tb_env_wr(e, a, 0xffffffffu);
            uint32_t v = tb_env_rd(e, a);
            TB_CHECK(t, v == 0, "page of absent vNIC %u offset 0x%03x reads 0x%08x", n,
                     vf_regs[i].off, v);
        }
    /* beyond the last page of the address map */
    uint32_t v = tb_env_rd(e, VNIC_ADDR_SPAN);
    TB_CHECK(t, v == 0, "address 0x%05x beyond the map reads 0x%08x", VNIC_ADDR_SPAN, v);
    /* nothing above changed a mapped register */
    TB_CHECK(t, tb_env_rd(e, VNIC_PF_G_CTRL) == 0, "G.CTRL changed by writes to unmapped space");
    TB_CHECK(t, tb_env_rd(e, VNIC_PF_STAGE_FLAGS) == 0, "STAGE.FLAGS changed by writes to unmapped "
             "space");
}

/* A VF page reaches only its own vNIC's registers. */
static void vf_isolation(struct tb_t *t)
{
    struct tb_env *e = t->env;
    if (e->num_vnic < 2) {
        t->skip = 1;
        return;
    }
    uint32_t pf_before[NPF];
    for (unsigned i = 0; i < NPF; i++)
        pf_before[i] = tb_env_rd(e, pf_regs[i].off);
    for (unsigned i = 0; i < NVF; i++)
        if (vf_regs[i].access != A_RO && !skip_rw(vf_regs[i].off, 1))
            tb_env_wr(e, VNIC_VF_BASE(1) + vf_regs[i].off, 0xffffffffu);
    for (unsigned n = 0; n < e->num_vnic; n++) {
        if (n == 1)
            continue;
        for (unsigned i = 0; i < NVF; i++) {
            uint32_t v = tb_env_rd(e, VNIC_VF_BASE(n) + vf_regs[i].off);
            uint32_t x = (vf_regs[i].reset & vf_regs[i].rmask) | (vf_regs[i].off == VNIC_VF_ID ? n : 0);
            TB_CHECK(t, v == x, "VF %u %s changed to 0x%08x by writes to VF 1's page", n,
                     vf_regs[i].name, v);
        }
    }
    for (unsigned i = 0; i < NPF; i++) {
        uint32_t v = tb_env_rd(e, pf_regs[i].off);
        TB_CHECK(t, v == pf_before[i], "PF %s changed to 0x%08x by writes to VF 1's page",
                 pf_regs[i].name, v);
    }
}

/* ------------------------------------------------------------ driver */

static struct vnic_dev *open_dev(struct tb_t *t)
{
    char err[256];
    struct vnic_dev *d = NULL;
    int rc = vnic_dev_open(&t->env->bus, TB_CLK_HZ, &d, err, sizeof err);
    TB_CHECK(t, rc == 0, "vnic_dev_open: %s", err);
    return rc == 0 ? d : NULL;
}

static void driver_open(struct tb_t *t)
{
    struct vnic_dev *d = open_dev(t);
    if (!d)
        return;
    const struct vnic_dev_info *in = vnic_dev_info(d);
    const struct vnic_dut_params *p = t->env->sim.par;
    TB_CHECK(t, in->num_vnic == p->num_vnic, "CAPS.num_vnic %u, built with %u", in->num_vnic,
             p->num_vnic);
    TB_CHECK(t, in->data_bytes == p->data_w / 8, "CAPS.data_bytes %u", in->data_bytes);
    TB_CHECK(t, in->num_win == p->num_win, "CAPS.num_win %u", in->num_win);
    TB_CHECK(t, in->rx_buf_bytes == p->rx_buf_bytes && in->tx_buf_bytes == p->tx_buf_bytes,
             "BUFCAPS %u/%u", in->rx_buf_bytes, in->tx_buf_bytes);
    vnic_dev_close(d);
}

static void create_all(struct tb_t *t, struct vnic_dev *d, struct vnic_qos_spec *spec)
{
    struct tb_env *e = t->env;
    for (unsigned v = 0; v < e->num_vnic; v++) {
        vnic_qos_spec_init(&spec[v]);
        tb_sys_mac(v, spec[v].mac);
        spec[v].flags = VNIC_QOS_BCAST | (v & 1 ? VNIC_QOS_MCAST : 0);
        spec[v].nwin = 1;
        spec[v].win[0].gbase = TB_GUEST_BASE;
        spec[v].win[0].hbase = tb_sys_host_base(v);
        spec[v].win[0].size = 0x40000;
        spec[v].weight = 1 + v;
        spec[v].guar_bps = 100000000ull;
        spec[v].ceil_bps = 2000000000ull;
        int rc = vnic_dev_create(d, v, &spec[v]);
        TB_CHECK(t, rc == 0, "create vNIC %u: %s", v, vnic_dev_error(d));
    }
}

static void create_load(struct tb_t *t)
{
    struct tb_env *e = t->env;
    struct vnic_dev *d = open_dev(t);
    if (!d)
        return;
    struct vnic_qos_spec spec[32];
    create_all(t, d, spec);
    for (unsigned v = 0; v < e->num_vnic; v++) {
        struct vnic_qos_spec placed;
        struct vnic_hw_cfg got;
        TB_CHECK(t, vnic_dev_get_spec(d, v, &placed) == 0, "get_spec %u: %s", v, vnic_dev_error(d));
        TB_CHECK(t, vnic_dev_load_raw(d, v, &got) == 0, "LOAD vNIC %u: %s", v, vnic_dev_error(d));
        uint32_t mhi, mlo;
        vnic_mac_to_regs(spec[v].mac, &mhi, &mlo);
        uint32_t fl = VNIC_PF_STAGE_FLAGS_ENABLE_MASK | VNIC_PF_STAGE_FLAGS_BCAST_MASK |
                      (v & 1 ? VNIC_PF_STAGE_FLAGS_MCAST_MASK : 0);
        TB_CHECK(t, (got.flags & 7) == fl, "vNIC %u: LOAD FLAGS 0x%x, expected enable/bcast/mcast 0x%x",
                 v, got.flags, fl);
        TB_CHECK(t, got.mac_hi == mhi && got.mac_lo == mlo, "vNIC %u: LOAD MAC 0x%04x%08x", v,
                 got.mac_hi, got.mac_lo);
        TB_CHECK(t, got.rx_base == placed.rx_base && got.rx_size == placed.rx_size &&
                 got.tx_base == placed.tx_base && got.tx_size == placed.tx_size,
                 "vNIC %u: LOAD partitions rx %u+%u tx %u+%u, created with rx %u+%u tx %u+%u", v,
                 got.rx_base, got.rx_size, got.tx_base, got.tx_size, placed.rx_base, placed.rx_size,
                 placed.tx_base, placed.tx_size);
        TB_CHECK(t, got.sch_weight == 1 + v, "vNIC %u: LOAD SCH_WEIGHT %u", v, got.sch_weight);
        TB_CHECK(t, got.win[0].gbase == TB_GUEST_BASE && got.win[0].hbase == tb_sys_host_base(v) &&
                 got.win[0].size == 0x40000, "vNIC %u: LOAD window 0 g 0x%llx h 0x%llx s 0x%x", v,
                 (unsigned long long)got.win[0].gbase, (unsigned long long)got.win[0].hbase,
                 got.win[0].size);
        TB_CHECK(t, got.sch_guar != 0 && got.pol_rate != 0, "vNIC %u: LOAD SCH_GUAR %u POL_RATE %u",
                 v, got.sch_guar, got.pol_rate);
        uint32_t hi = tb_env_rd(e, VNIC_VF_BASE(v) + VNIC_VF_MAC_HI);
        uint32_t lo = tb_env_rd(e, VNIC_VF_BASE(v) + VNIC_VF_MAC_LO);
        uint32_t xhi, xlo;
        vnic_mac_to_regs(spec[v].mac, &xhi, &xlo);
        TB_CHECK(t, hi == xhi && lo == xlo, "vNIC %u VF MAC 0x%04x%08x, expected 0x%04x%08x", v, hi,
                 lo, xhi, xlo);
        struct vnic_status st;
        vnic_dev_vnic_status(d, v, &st);
        TB_CHECK(t, st.enabled && !st.halted, "vNIC %u status enabled=%d halted=%d", v, st.enabled,
                 st.halted);
    }
    TB_CHECK(t, t->env->mon.n.cmd >= 2 * e->num_vnic, "only %" PRIu64 " CMD trace events",
             t->env->mon.n.cmd);
    vnic_dev_close(d);
}

/* COMMIT refusals, in the order of docs/architecture.md §3; a refused
 * configuration changes nothing. */
static void commit_refusals(struct tb_t *t)
{
    struct tb_env *e = t->env;
    struct vnic_dev *d = open_dev(t);
    if (!d)
        return;
    struct vnic_qos_spec spec[32];
    create_all(t, d, spec);
    struct vnic_hw_cfg base0, c;
    vnic_dev_load_raw(d, 0, &base0);
    /* each refusal built by hand: a base configuration, one edit */
    struct vnic_hw_cfg other;
    int have_other = e->num_vnic > 1 && vnic_dev_load_raw(d, 1, &other) == 0;
#define REFUSE(name, code, stmt)                                                         \
    do {                                                                                 \
        c = base0;                                                                       \
        stmt;                                                                            \
        int rc_ = vnic_dev_commit_raw(d, 0, &c);                                         \
        unsigned err_ = vnic_dev_last_cmd_err(d);                                        \
        TB_CHECK(t, rc_ != 0 && err_ == (code), "%s: COMMIT gave rc %d err %u, expected err %u", \
                 name, rc_, err_, (unsigned)(code));                                     \
        struct vnic_hw_cfg now_;                                                         \
        vnic_dev_load_raw(d, 0, &now_);                                                  \
        TB_CHECK(t, memcmp(&now_, &base0, sizeof now_) == 0,                             \
                 "%s: the refused COMMIT changed the active configuration", name);       \
    } while (0)
    REFUSE("RX_BASE not a multiple of 64", VNIC_CMD_ERR_RANGE, c.rx_base += 32);
    REFUSE("RX partition beyond the buffer", VNIC_CMD_ERR_RANGE,
           c.rx_base = e->sim.par->rx_buf_bytes - 64);
    REFUSE("RX_SIZE below MAX_FRAME", VNIC_CMD_ERR_RANGE, c.rx_size = 512);
    REFUSE("SCH_WEIGHT 0", VNIC_CMD_ERR_RANGE, c.sch_weight = 0);
    REFUSE("window HBASE not 4 KiB aligned", VNIC_CMD_ERR_RANGE, c.win[0].hbase += 0x800);
    REFUSE("overlapping windows", VNIC_CMD_ERR_WIN_OVERLAP,
           (c.win[1] = c.win[0], c.win[1].hbase += 0x100000));
    REFUSE("policer burst below 64", VNIC_CMD_ERR_RATE,
           (c.flags |= VNIC_PF_STAGE_FLAGS_POL_EN_MASK, c.pol_burst = 32));
    REFUSE("guarantee above ceiling", VNIC_CMD_ERR_RATE,
           (c.flags |= VNIC_PF_STAGE_FLAGS_CEIL_EN_MASK, c.sch_ceil = 1, c.sch_guar = 2));
    REFUSE("RX DMA bucket depth below 64 with a guarantee", VNIC_CMD_ERR_RATE,
           (c.sch_guar = 1u << 20, c.sch_burst = 63));
    REFUSE("RX DMA bucket depth 0 with a ceiling", VNIC_CMD_ERR_RATE,
           (c.flags |= VNIC_PF_STAGE_FLAGS_CEIL_EN_MASK, c.sch_ceil = 1u << 24, c.sch_guar = 0, c.sch_burst = 0));
    REFUSE("sum of guarantees above the link", VNIC_CMD_ERR_RATE,
           c.sch_guar = (uint32_t)((e->sim.par->data_w / 8) << 24));
    if (have_other) {
        REFUSE("duplicate MAC", VNIC_CMD_ERR_MAC_DUP, (c.mac_lo = other.mac_lo, c.mac_hi = other.mac_hi));
        REFUSE("RX partition overlap", VNIC_CMD_ERR_RX_OVERLAP, c.rx_base = other.rx_base);
        REFUSE("TX partition overlap", VNIC_CMD_ERR_TX_OVERLAP, c.tx_base = other.tx_base);
    }
#undef REFUSE
    /* BAD_VNIC and BAD_OP straight on the registers */
    if (e->num_vnic < 32) {
        tb_env_wr(e, VNIC_PF_G_VSEL, e->num_vnic);
        tb_env_wr(e, VNIC_PF_G_CMD, VNIC_CMD_OP_LOAD);
        tb_env_run(e, 64);
        uint32_t st = tb_env_rd(e, VNIC_PF_G_CMD_STATUS);
        TB_CHECK(t, (st & VNIC_PF_G_CMD_STATUS_ERR_MASK) >> VNIC_PF_G_CMD_STATUS_ERR_LSB ==
                        VNIC_CMD_ERR_BAD_VNIC, "LOAD of vNIC %u: CMD_STATUS 0x%08x", e->num_vnic, st);
    }
    tb_env_wr(e, VNIC_PF_G_VSEL, 0);
    tb_env_wr(e, VNIC_PF_G_CMD, 0xf);
    tb_env_run(e, 64);
    uint32_t st = tb_env_rd(e, VNIC_PF_G_CMD_STATUS);
    TB_CHECK(t, (st & VNIC_PF_G_CMD_STATUS_ERR_MASK) >> VNIC_PF_G_CMD_STATUS_ERR_LSB ==
                    VNIC_CMD_ERR_BAD_OP, "opcode 15: CMD_STATUS 0x%08x", st);
    vnic_dev_close(d);
}

/* Function-level reset: VF registers back to reset values, configuration
 * and the other vNICs untouched. */
static void flr(struct tb_t *t)
{
    struct tb_env *e = t->env;
    struct vnic_dev *d = open_dev(t);
    if (!d)
        return;
    struct vnic_qos_spec spec[32];
    create_all(t, d, spec);
    unsigned last = e->num_vnic - 1;
    for (unsigned v = 0; v <= last; v += last ? last : 1) {
        tb_env_wr(e, VNIC_VF_BASE(v) + VNIC_VF_RXR_BASE_LO, 0x1000 + 16 * v);
        tb_env_wr(e, VNIC_VF_BASE(v) + VNIC_VF_RXR_ITR_COUNT, 7);
        tb_env_wr(e, VNIC_VF_BASE(v) + VNIC_VF_INT_MASK, 3);
    }
    struct vnic_hw_cfg before, after;
    vnic_dev_load_raw(d, 0, &before);
    TB_CHECK(t, vnic_dev_reset(d, 0) == 0, "reset vNIC 0: %s", vnic_dev_error(d));
    for (unsigned i = 0; i < NVF; i++) {
        if (vf_regs[i].off >= VNIC_VF_STAT_RX_IN_LO || vf_regs[i].off == VNIC_VF_STATUS ||
            vf_regs[i].off == VNIC_VF_MAC_LO || vf_regs[i].off == VNIC_VF_MAC_HI)
            continue;
        uint32_t v = tb_env_rd(e, VNIC_VF_BASE(0) + vf_regs[i].off);
        uint32_t x = vf_regs[i].reset & vf_regs[i].rmask;
        TB_CHECK(t, v == x, "after RESET VF 0 %s is 0x%08x, expected 0x%08x", vf_regs[i].name, v, x);
    }
    vnic_dev_load_raw(d, 0, &after);
    TB_CHECK(t, memcmp(&before, &after, sizeof before) == 0, "RESET changed vNIC 0's configuration");
    if (last) {
        TB_CHECK(t, tb_env_rd(e, VNIC_VF_BASE(last) + VNIC_VF_RXR_BASE_LO) == 0x1000 + 16 * last,
                 "RESET of vNIC 0 changed vNIC %u's ring base", last);
        TB_CHECK(t, tb_env_rd(e, VNIC_VF_BASE(last) + VNIC_VF_INT_MASK) == 3,
                 "RESET of vNIC 0 changed vNIC %u's interrupt mask", last);
    }
    uint32_t is = tb_env_rd(e, VNIC_PF_G_INT_STATUS);
    TB_CHECK(t, is & VNIC_PF_G_INT_STATUS_CMD_DONE_MASK, "G.INT_STATUS.cmd_done not set (0x%x)", is);
    vnic_dev_close(d);
}

static const struct tb_case cases[] = {
    {"reset_values", reset_values, 0, NULL},
    {"rw_masks", rw_masks, 0, NULL},
    {"unmapped", unmapped, 0, NULL},
    {"vf_isolation", vf_isolation, 0, NULL},
    {"driver_open", driver_open, 0, NULL},
    {"create_load", create_load, 0, NULL},
    {"commit_refusals", commit_refusals, 0, NULL},
    {"flr", flr, 0, NULL},
};

int main(int argc, char **argv)
{
    return tb_run_cases("tb_regs", cases, sizeof cases / sizeof cases[0], argc, argv);
}
