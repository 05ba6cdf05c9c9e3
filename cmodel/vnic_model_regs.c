/* vNIC model: the register file (PF page, VF pages) and the PF commands
 * LOAD / COMMIT / RESET / CLEAR_STATS (docs/architecture.md §3, §7, §9).
 * Reset values, access types and masks come from the generated tables. */
#include <string.h>

#include "vnic_model_int.h"

struct racc {
    uint32_t reset, rd, wr, w1c;
    uint8_t mapped, acc;
};

#define CNT_LO 0x100u
#define CNT_HI 0x200u

static const struct racc pf_acc[PAGE_WORDS] = {
#define X(name, off, rst, acc, rd, wr, w1c) [(off) / 4u] = {rst, rd, wr, w1c, 1, VNIC_ACCESS_##acc},
    VNIC_PF_REGS_EXT(X)
#undef X
};
static const uint16_t pf_cnt[PAGE_WORDS] = {
#define X(name, off) [(off) / 4u] = CNT_LO | GS_##name, [(off) / 4u + 1u] = CNT_HI | GS_##name,
    VNIC_PF_GSTAT_COUNTERS(X)
#undef X
};
static const struct racc vf_acc[PAGE_WORDS] = {
#define X(name, off, rst, acc, rd, wr, w1c) [(off) / 4u] = {rst, rd, wr, w1c, 1, VNIC_ACCESS_##acc},
    VNIC_VF_REGS_EXT(X)
#undef X
};
static const uint16_t vf_cnt[PAGE_WORDS] = {
#define X(name, off) [(off) / 4u] = CNT_LO | ST_##name, [(off) / 4u + 1u] = CNT_HI | ST_##name,
    VNIC_VF_STAT_COUNTERS(X)
#undef X
};

#define FIELD(val, REG, F) (((val) & REG##_##F##_MASK) >> REG##_##F##_LSB)
#define PUT(REG, F, x) ((((uint32_t)(x)) << REG##_##F##_LSB) & REG##_##F##_MASK)

/* Window registers beyond NUM_WIN are unmapped. */
static bool win_hidden(const struct vnic_model *m, uint32_t o)
{
    return o >= VNIC_PF_STAGE_WIN_GBASE_LO(m->p.num_win) &&
           o < VNIC_PF_STAGE_WIN_GBASE_LO(0) + VNIC_PF_STAGE_WIN_COUNT * VNIC_PF_STAGE_WIN_STRIDE;
}

void cfg_decode(const struct vnic_model *m, const uint32_t *img, struct vcfg *c)
{
    uint32_t f = img[SIDX(VNIC_PF_STAGE_FLAGS)];
    memset(c, 0, sizeof(*c));
    c->enable = FIELD(f, VNIC_PF_STAGE_FLAGS, ENABLE);
    c->bcast = FIELD(f, VNIC_PF_STAGE_FLAGS, BCAST);
    c->mcast = FIELD(f, VNIC_PF_STAGE_FLAGS, MCAST);
    c->antispoof = FIELD(f, VNIC_PF_STAGE_FLAGS, ANTISPOOF);
    c->pol_en = FIELD(f, VNIC_PF_STAGE_FLAGS, POL_EN);
    c->ceil_en = FIELD(f, VNIC_PF_STAGE_FLAGS, CEIL_EN);
    c->shp_en = FIELD(f, VNIC_PF_STAGE_FLAGS, SHP_EN);
    c->mac = ((uint64_t)FIELD(img[SIDX(VNIC_PF_STAGE_MAC_HI)], VNIC_PF_STAGE_MAC_HI, VAL) << 32) |
             img[SIDX(VNIC_PF_STAGE_MAC_LO)];
    c->rx_base = img[SIDX(VNIC_PF_STAGE_RX_BASE)];
    c->rx_size = img[SIDX(VNIC_PF_STAGE_RX_SIZE)];
    c->tx_base = img[SIDX(VNIC_PF_STAGE_TX_BASE)];
    c->tx_size = img[SIDX(VNIC_PF_STAGE_TX_SIZE)];
    c->pol_rate = img[SIDX(VNIC_PF_STAGE_POL_RATE)];
    c->pol_burst = FIELD(img[SIDX(VNIC_PF_STAGE_POL_BURST)], VNIC_PF_STAGE_POL_BURST, VAL);
    c->sch_guar = img[SIDX(VNIC_PF_STAGE_SCH_GUAR)];
    c->sch_ceil = img[SIDX(VNIC_PF_STAGE_SCH_CEIL)];
    c->sch_burst = FIELD(img[SIDX(VNIC_PF_STAGE_SCH_BURST)], VNIC_PF_STAGE_SCH_BURST, VAL);
    c->sch_weight = FIELD(img[SIDX(VNIC_PF_STAGE_SCH_WEIGHT)], VNIC_PF_STAGE_SCH_WEIGHT, VAL);
    c->tx_weight = FIELD(img[SIDX(VNIC_PF_STAGE_TX_WEIGHT)], VNIC_PF_STAGE_TX_WEIGHT, VAL);
    c->tx_rate = img[SIDX(VNIC_PF_STAGE_TX_RATE)];
    c->tx_burst = FIELD(img[SIDX(VNIC_PF_STAGE_TX_BURST)], VNIC_PF_STAGE_TX_BURST, VAL);
    for (unsigned w = 0; w < m->p.num_win; w++) {
        c->win[w].gbase = ((uint64_t)img[SIDX(VNIC_PF_STAGE_WIN_GBASE_HI(w))] << 32) |
                          img[SIDX(VNIC_PF_STAGE_WIN_GBASE_LO(w))];
        c->win[w].hbase = ((uint64_t)img[SIDX(VNIC_PF_STAGE_WIN_HBASE_HI(w))] << 32) |
                          img[SIDX(VNIC_PF_STAGE_WIN_HBASE_LO(w))];
        c->win[w].size = img[SIDX(VNIC_PF_STAGE_WIN_SIZE(w))];
    }
}

/* Buckets and deficits as after COMMIT / RESET, effective from cycle t. */
static void buckets_init(struct vnic_model *m, unsigned v, uint64_t t)
{
    struct vnic_state *s = &m->v[v];
    s->pol_val = (uint64_t)s->cfg.pol_burst << 24;
    s->pol_cyc = t;
    s->g_val = 0;
    s->c_val = (int64_t)s->cfg.sch_burst << 24;
    s->g_cyc = t;
    s->c_cyc = t;
    s->g_pend = 0; /* a charge still to land is dropped (§4.7) */
    s->c_pend = 0;
    s->t_val = (int64_t)s->cfg.tx_burst << 24;
    s->t_cyc = t;
    s->d_rx = 0;
    s->d_tx = 0;
    m->drx_pos &= ~(1u << v);
    m->dtx_pos &= ~(1u << v);
}

void vf_regs_reset(struct vnic_model *m, unsigned v)
{
    struct vnic_state *s = &m->v[v];
    for (uint32_t w = 0; w < VF_WORDS; w++)
        s->vreg[w] = vf_acc[w].mapped ? vf_acc[w].reset : 0;
    ring_reset(m, v, 0);
    ring_reset(m, v, 1);
}

void regs_init(struct vnic_model *m)
{
    for (uint32_t w = 0; w < PAGE_WORDS; w++)
        m->pf[w] = pf_acc[w].mapped ? pf_acc[w].reset : 0;
    for (uint32_t i = 0; i < STAGE_WORDS; i++)
        m->stage[i] = pf_acc[VNIC_PF_STAGE_FLAGS / 4u + i].reset;
    for (unsigned v = 0; v < NVMAX; v++) {
        struct vnic_state *s = &m->v[v];
        memcpy(s->act, m->stage, sizeof(s->act));
        cfg_decode(m, s->act, &s->cfg);
        vf_regs_reset(m, v);
        buckets_init(m, v, 0);
    }
}

void pf_cause(struct vnic_model *m, uint32_t bits)
{
    m->pf[VNIC_PF_G_INT_STATUS / 4u] |= bits;
    irq_trigger(m, VNIC_VEC_PF);
    if ((m->pf[VNIC_PF_G_INT_MASK / 4u] & bits) && m->host.irq)
        m->host.irq(m->host.ctx, VNIC_VEC_PF, m->now);
}

/* ------------------------------------------------------------ COMMIT */

static bool ranges_overlap(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
    if (!as || !bs)
        return false;
    return b >= a ? b - a < as : a - b < bs;
}

static uint32_t commit(struct vnic_model *m, unsigned v)
{
    struct vnic_state *s = &m->v[v];
    struct vcfg c;
    cfg_decode(m, m->stage, &c);
    const unsigned N = m->p.num_vnic;

    /* RANGE */
    if ((c.rx_base | c.rx_size | c.tx_base | c.tx_size) & 63u)
        return VNIC_CMD_ERR_RANGE;
    if ((uint64_t)c.rx_base + c.rx_size > m->p.rx_buf_bytes ||
        (uint64_t)c.tx_base + c.tx_size > m->p.tx_buf_bytes)
        return VNIC_CMD_ERR_RANGE;
    uint32_t mf64 = (gmaxframe(m) + 63u) & ~63u;
    if (c.enable && (c.rx_size < mf64 || c.tx_size < mf64))
        return VNIC_CMD_ERR_RANGE;
    if (c.sch_weight == 0 || c.tx_weight == 0)
        return VNIC_CMD_ERR_RANGE;
    for (unsigned w = 0; w < m->p.num_win; w++) {
        if ((c.win[w].gbase | c.win[w].hbase | c.win[w].size) & 0xFFFu)
            return VNIC_CMD_ERR_RANGE;
        if (c.win[w].size && (c.win[w].gbase > (uint64_t)0 - c.win[w].size ||
                              c.win[w].hbase > (uint64_t)0 - c.win[w].size))
            return VNIC_CMD_ERR_RANGE;
    }
    /* WIN_OVERLAP */
    for (unsigned a = 0; a < m->p.num_win; a++)
        for (unsigned b = a + 1; b < m->p.num_win; b++)
            if (ranges_overlap(c.win[a].gbase, c.win[a].size, c.win[b].gbase, c.win[b].size))
                return VNIC_CMD_ERR_WIN_OVERLAP;
    /* RATE */
    if (c.pol_en && c.pol_burst < 64)
        return VNIC_CMD_ERR_RATE;
    if (c.ceil_en && c.sch_guar > c.sch_ceil)
        return VNIC_CMD_ERR_RATE;
    if ((c.ceil_en || c.sch_guar != 0) && c.sch_burst < 64)
        return VNIC_CMD_ERR_RATE;   /* G_v or C_v could never be positive */
    if (c.shp_en && c.tx_burst < 64)
        return VNIC_CMD_ERR_RATE;
    uint64_t gsum = c.enable ? c.sch_guar : 0;
    for (unsigned u = 0; u < N; u++)
        if (u != v && m->v[u].cfg.enable)
            gsum += m->v[u].cfg.sch_guar;
    if (gsum > ((uint64_t)m->W << 24))
        return VNIC_CMD_ERR_RATE;
    /* MAC_DUP, RX_OVERLAP, TX_OVERLAP */
    if (c.enable) {
        for (unsigned u = 0; u < N; u++)
            if (u != v && m->v[u].cfg.enable && m->v[u].cfg.mac == c.mac)
                return VNIC_CMD_ERR_MAC_DUP;
        for (unsigned u = 0; u < N; u++)
            if (u != v && m->v[u].cfg.enable &&
                ranges_overlap(c.rx_base, c.rx_size, m->v[u].cfg.rx_base, m->v[u].cfg.rx_size))
                return VNIC_CMD_ERR_RX_OVERLAP;
        for (unsigned u = 0; u < N; u++)
            if (u != v && m->v[u].cfg.enable &&
                ranges_overlap(c.tx_base, c.tx_size, m->v[u].cfg.tx_base, m->v[u].cfg.tx_size))
                return VNIC_CMD_ERR_TX_OVERLAP;
    }
    /* NOT_QUIESCED (also for a disabled vNIC still draining: see §3 note) */
    bool part = c.rx_base != s->cfg.rx_base || c.rx_size != s->cfg.rx_size ||
                c.tx_base != s->cfg.tx_base || c.tx_size != s->cfg.tx_size;
    if (part && (s->rx_used != 0 || s->tx_used != 0))
        return VNIC_CMD_ERR_NOT_QUIESCED;

    memcpy(s->act, m->stage, sizeof(s->act));
    s->cfg = c;
    if (part) {
        s->rx_wp = 0;
        s->tx_wp = 0;
    }
    buckets_init(m, v, m->now + 1);
    if (standalone(m)) {
        rx_wake(m, m->now + 1);
        tx_wake(m, m->now + 1);
        txdma_wake(m, m->now + 1);
        ring_prefetch(m, v, 0, m->now + 1);
        ring_prefetch(m, v, 1, m->now + 1);
    } else {
        tx_lockstep_advance(m, v);
    }
    return VNIC_CMD_ERR_OK;
}

/* ------------------------------------------------------------ RESET */

static bool dma_busy(const struct vnic_model *m, unsigned v)
{
    /* stand-alone also the TX completions decided, not yet written back */
    return m->v[v].rx_inflight != 0 || m->v[v].tx_reads != 0 ||
           (standalone(m) && m->v[v].txc.n != 0);
}

static void do_reset(struct vnic_model *m, unsigned v)
{
    struct vnic_state *s = &m->v[v];
    if (s->rx_inflight)
        mismatch(m, m->now, -1, (long)v, "RESET took effect with %u RX frame(s) still in the DMA engine",
                 s->rx_inflight);
    rx_end_inflight(m, v);
    rx_discard_stored(m, v);
    tx_discard(m, v);
    vf_regs_reset(m, v);
    s->halted = false;
    s->reason = 0;
    s->fault_addr = 0;
    m->fault_vec &= ~(1u << v);
    s->bad_tail.valid = 0;
    s->fetch_stop[0] = s->fetch_stop[1] = false;
    s->reset_pending = false;
    s->gen++;
    buckets_init(m, v, m->now + 1);
    if (standalone(m)) {
        rx_wake(m, m->now + 1);
        tx_wake(m, m->now + 1);
        txdma_wake(m, m->now + 1);
    }
}

/* Stand-alone: a pending RESET takes effect once v has nothing in flight. */
void cmd_reset_check(struct vnic_model *m, unsigned v)
{
    if (!standalone(m) || !m->cmd_busy || m->cmd_op != VNIC_CMD_OP_RESET || m->cmd_vnic != v ||
        dma_busy(m, v))
        return;
    sched(m, VNIC_EV_CMD, m->now, v, 0, VNIC_CMD_OP_RESET, 0);
}

static uint32_t cmd_exec(struct vnic_model *m, uint32_t op, uint32_t v)
{
    if (op < VNIC_CMD_OP_LOAD || op > VNIC_CMD_OP_CLEAR_STATS)
        return VNIC_CMD_ERR_BAD_OP;
    if (v >= m->p.num_vnic)
        return VNIC_CMD_ERR_BAD_VNIC;
    struct vnic_state *s = &m->v[v];
    switch (op) {
    case VNIC_CMD_OP_LOAD:
        memcpy(m->stage, s->act, sizeof(m->stage));
        return VNIC_CMD_ERR_OK;
    case VNIC_CMD_OP_COMMIT:
        return commit(m, v);
    case VNIC_CMD_OP_RESET:
        do_reset(m, v);
        return VNIC_CMD_ERR_OK;
    default:
        m->rx_in_cleared += s->stat[ST_RX_IN];
        memset(s->stat, 0, sizeof(s->stat));
        return VNIC_CMD_ERR_OK;
    }
}

void apply_cmd(struct vnic_model *m, struct vnic_ev *ev, bool ext)
{
    uint32_t op, v;
    if (ext) {
        if (!m->cmd_busy) {
            mismatch(m, ev->cycle, -1, (long)ev->vnic, "CMD op %u: no command was written", ev->op);
            op = ev->op;
            v = ev->vnic;
        } else {
            if (ev->op != m->cmd_op || ev->vnic != m->cmd_vnic)
                mismatch(m, ev->cycle, -1, (long)ev->vnic,
                         "CMD: expected op %u vnic %u, got op %u vnic %u", m->cmd_op, m->cmd_vnic,
                         ev->op, ev->vnic);
            op = m->cmd_op;
            v = m->cmd_vnic;
        }
    } else {
        if (!m->cmd_busy || ev->op != m->cmd_op || ev->vnic != m->cmd_vnic)
            return; /* stale */
        op = ev->op;
        v = ev->vnic;
    }
    uint32_t err = cmd_exec(m, op, v);
    if (ext && ev->err != err)
        mismatch(m, ev->cycle, -1, (long)v, "CMD op %u: err expected %u, got %u", op, err, ev->err);
    if (!ext) {
        ev->err = err;
        report(m, ev);
    } else {
        report(m, ev);
    }
    m->cmd_busy = false;
    m->cmd_last_op = op;
    m->cmd_err = err;
    pf_cause(m, VNIC_PF_G_INT_STATUS_CMD_DONE_MASK);
}

static void cmd_write(struct vnic_model *m, uint32_t op)
{
    if (m->cmd_busy) {
        m->cmd_err = VNIC_CMD_ERR_BUSY;
        return;
    }
    uint32_t vsel = FIELD(m->pf[VNIC_PF_G_VSEL / 4u], VNIC_PF_G_VSEL, VNIC);
    m->cmd_busy = true;
    m->cmd_op = op;
    m->cmd_vnic = vsel;
    if (op == VNIC_CMD_OP_RESET && vsel < m->p.num_vnic)
        m->v[vsel].reset_pending = true;
    if (!standalone(m))
        return;
    if (op == VNIC_CMD_OP_RESET && vsel < m->p.num_vnic && dma_busy(m, vsel))
        return; /* cmd_reset_check() completes it */
    struct vnic_ev ev;
    ev_zero(&ev);
    ev.cycle = m->now;
    ev.type = VNIC_EV_CMD;
    ev.op = op;
    ev.vnic = vsel;
    dispatch_own(m, &ev);
}

/* ------------------------------------------------------------ register access */

static uint32_t pf_read(struct vnic_model *m, uint32_t o)
{
    uint32_t w = o / 4u;
    const struct racc *a = &pf_acc[w];
    if (!a->mapped || win_hidden(m, o))
        return 0;
    if (pf_cnt[w] & CNT_LO) {
        uint64_t x = m->gstat[pf_cnt[w] & 0xFFu];
        m->pf_snap = (uint32_t)(x >> 32);
        return (uint32_t)x;
    }
    if (pf_cnt[w] & CNT_HI)
        return m->pf_snap;
    if (o >= VNIC_PF_STAGE_FLAGS && o < VNIC_PF_VSTAT_STATUS)
        return m->stage[SIDX(o)] & a->rd;
    uint32_t vsel = FIELD(m->pf[VNIC_PF_G_VSEL / 4u], VNIC_PF_G_VSEL, VNIC);
    const struct vnic_state *s = vsel < m->p.num_vnic ? &m->v[vsel] : NULL;
    switch (o) {
    case VNIC_PF_G_CAPS:
        return PUT(VNIC_PF_G_CAPS, NUM_VNIC, m->p.num_vnic) |
               PUT(VNIC_PF_G_CAPS, DATA_BYTES, m->W) | PUT(VNIC_PF_G_CAPS, NUM_WIN, m->p.num_win);
    case VNIC_PF_G_BUFCAPS:
        return PUT(VNIC_PF_G_BUFCAPS, RX_KIB, m->p.rx_buf_bytes / 1024u) |
               PUT(VNIC_PF_G_BUFCAPS, TX_KIB, m->p.tx_buf_bytes / 1024u);
    case VNIC_PF_G_FAULT_VEC:
        return m->fault_vec;
    case VNIC_PF_G_CMD_STATUS:
        return PUT(VNIC_PF_G_CMD_STATUS, BUSY, m->cmd_busy) |
               PUT(VNIC_PF_G_CMD_STATUS, OP, m->cmd_last_op) |
               PUT(VNIC_PF_G_CMD_STATUS, ERR, m->cmd_err);
    case VNIC_PF_VSTAT_STATUS:
        return s ? PUT(VNIC_PF_VSTAT_STATUS, ENABLED, s->cfg.enable) |
                       PUT(VNIC_PF_VSTAT_STATUS, HALTED, s->halted) |
                       PUT(VNIC_PF_VSTAT_STATUS, REASON, s->reason)
                 : 0;
    case VNIC_PF_VSTAT_FAULT_ADDR_LO:
        return s ? (uint32_t)s->fault_addr : 0;
    case VNIC_PF_VSTAT_FAULT_ADDR_HI:
        return s ? (uint32_t)(s->fault_addr >> 32) : 0;
    case VNIC_PF_VSTAT_RX_USED:
        return s ? s->rx_used : 0;
    case VNIC_PF_VSTAT_TX_USED:
        return s ? s->tx_used : 0;
    default:
        return m->pf[w] & a->rd;
    }
}

static void pf_write(struct vnic_model *m, uint32_t o, uint32_t val)
{
    uint32_t w = o / 4u;
    const struct racc *a = &pf_acc[w];
    if (!a->mapped || a->acc == VNIC_ACCESS_RO || win_hidden(m, o))
        return;
    if (o == VNIC_PF_G_CMD) {
        cmd_write(m, FIELD(val, VNIC_PF_G_CMD, OP));
        return;
    }
    if (o >= VNIC_PF_STAGE_FLAGS && o < VNIC_PF_VSTAT_STATUS) {
        m->stage[SIDX(o)] = val & a->wr;
        return;
    }
    uint32_t old = m->pf[w];
    uint32_t plain = a->wr & ~a->w1c;
    uint32_t nv = (old & ~plain) | (val & plain);
    nv &= ~(val & a->w1c);
    if (o == VNIC_PF_G_MAX_FRAME) { /* clamped to [64, MAX_FRAME] (§7) */
        uint32_t b = FIELD(nv, VNIC_PF_G_MAX_FRAME, BYTES);
        b = b < 64u ? 64u : b > m->p.max_frame ? m->p.max_frame : b;
        nv = (nv & ~VNIC_PF_G_MAX_FRAME_BYTES_MASK) | PUT(VNIC_PF_G_MAX_FRAME, BYTES, b);
    }
    m->pf[w] = nv;
    if (o == VNIC_PF_G_CTRL && standalone(m)) {
        if ((nv & ~old) & VNIC_PF_G_CTRL_TX_EN_MASK)
            tx_wake(m, m->now + 1);
    }
}

static uint32_t vf_read(struct vnic_model *m, unsigned v, uint32_t o)
{
    uint32_t w = o / 4u;
    const struct racc *a = &vf_acc[w];
    if (v >= m->p.num_vnic || !a->mapped)
        return 0;
    struct vnic_state *s = &m->v[v];
    if (vf_cnt[w] & CNT_LO) {
        uint64_t x = s->stat[vf_cnt[w] & 0xFFu];
        s->snap = (uint32_t)(x >> 32);
        return (uint32_t)x;
    }
    if (vf_cnt[w] & CNT_HI)
        return s->snap;
    switch (o) {
    case VNIC_VF_ID:
        return a->reset | PUT(VNIC_VF_ID, VNIC, v);
    case VNIC_VF_STATUS:
        return PUT(VNIC_VF_STATUS, ENABLED, s->cfg.enable) | PUT(VNIC_VF_STATUS, HALTED, s->halted) |
               PUT(VNIC_VF_STATUS, REASON, s->reason);
    case VNIC_VF_MAC_LO:
        return (uint32_t)s->cfg.mac;
    case VNIC_VF_MAC_HI:
        return (uint32_t)(s->cfg.mac >> 32) & a->rd;
    case VNIC_VF_RXR_HEAD:
        return s->ring[0].head & a->rd;
    case VNIC_VF_TXR_HEAD:
        return s->ring[1].head & a->rd;
    default:
        return w < VF_WORDS ? s->vreg[w] & a->rd : 0;
    }
}

static void vf_write(struct vnic_model *m, unsigned v, uint32_t o, uint32_t val)
{
    uint32_t w = o / 4u;
    const struct racc *a = &vf_acc[w];
    if (v >= m->p.num_vnic || !a->mapped || a->acc == VNIC_ACCESS_RO || w >= VF_WORDS)
        return;
    struct vnic_state *s = &m->v[v];
    if ((s->ring_lock[0] && (o == VNIC_VF_RXR_BASE_LO || o == VNIC_VF_RXR_BASE_HI || o == VNIC_VF_RXR_SIZE)) ||
        (s->ring_lock[1] && (o == VNIC_VF_TXR_BASE_LO || o == VNIC_VF_TXR_BASE_HI || o == VNIC_VF_TXR_SIZE)))
        return; /* a ring posted to: BASE and SIZE locked until RESET (§4.8) */
    uint32_t old = s->vreg[w];
    uint32_t plain = a->wr & ~a->w1c;
    uint32_t nv = (old & ~plain) | (val & plain);
    nv &= ~(val & a->w1c);
    s->vreg[w] = nv;
    switch (o) {
    case VNIC_VF_RXR_TAIL:
        doorbell(m, v, 0, old, val);
        break;
    case VNIC_VF_TXR_TAIL:
        doorbell(m, v, 1, old, val);
        break;
    case VNIC_VF_RXR_ITR_COUNT:
    case VNIC_VF_RXR_ITR_TIMER:
        itr_written(m, v, 0);
        break;
    case VNIC_VF_TXR_ITR_COUNT:
    case VNIC_VF_TXR_ITR_TIMER:
        itr_written(m, v, 1);
        break;
    default:
        break;
    }
}

uint32_t vnic_model_reg_read(struct vnic_model *m, uint32_t addr)
{
    addr &= ~3u;
    if (addr - VNIC_PF_BASE < VNIC_PAGE_SIZE)
        return pf_read(m, addr - VNIC_PF_BASE);
    if (addr < VNIC_VF_BASE(0) || addr >= VNIC_ADDR_SPAN)
        return 0;
    unsigned v = (addr - VNIC_VF_BASE(0)) / VNIC_PAGE_SIZE;
    return vf_read(m, v, (addr - VNIC_VF_BASE(0)) % VNIC_PAGE_SIZE);
}

void vnic_model_reg_write(struct vnic_model *m, uint32_t addr, uint32_t val)
{
    addr &= ~3u;
    m->last_rank = -1; /* events caused by this write may follow in this cycle */
    if (addr - VNIC_PF_BASE < VNIC_PAGE_SIZE) {
        pf_write(m, addr - VNIC_PF_BASE, val);
        return;
    }
    if (addr < VNIC_VF_BASE(0) || addr >= VNIC_ADDR_SPAN)
        return;
    unsigned v = (addr - VNIC_VF_BASE(0)) / VNIC_PAGE_SIZE;
    vf_write(m, v, (addr - VNIC_VF_BASE(0)) % VNIC_PAGE_SIZE, val);
}
