/* vNIC model: the RX DMA side — descriptor rings and prefetch (§4.8), the
 * RX DMA scheduler (§4.7), completions, interrupt moderation (§4.9), DMA
 * windows and faults (§6). */
#include <stdlib.h>
#include <string.h>

#include "vnic_model_int.h"

/* ------------------------------------------------------------ rings */

void ring_reset(struct vnic_model *m, unsigned v, unsigned r)
{
    struct ring *g = &m->v[v].ring[r];
    memset(g, 0, sizeof(*g));
    g->itr_timer_at = NOCYC;
    g->head_cyc = NOCYC;
    m->v[v].ring_lock[r] = false;
    m->v[v].fetch_stop[r] = false;
    m->v[v].fetch_last_arr[r] = 0;
}

/* HEAD of ring r advances in the current cycle; the value before this
 * cycle's events is kept for the doorbell check (§4.8). */
void ring_set_head(struct vnic_model *m, unsigned v, unsigned r, uint32_t head)
{
    struct ring *g = &m->v[v].ring[r];
    if (g->head_cyc != m->now) {
        g->head_pre = g->head;
        g->head_cyc = m->now;
    }
    g->head = head;
}

/* Translate [g, g+n) through v's windows (§6). */
bool xlate(const struct vnic_model *m, unsigned v, uint64_t g, uint64_t n, uint64_t *h)
{
    const struct vcfg *c = &m->v[v].cfg;
    for (unsigned w = 0; w < m->p.num_win; w++) {
        uint64_t sz = c->win[w].size;
        if (!sz || n > sz || g < c->win[w].gbase)
            continue;
        uint64_t o = g - c->win[w].gbase;
        if (o <= sz - n) {
            *h = c->win[w].hbase + o;
            return true;
        }
    }
    return false;
}

/* Read the 16-byte descriptor at guest address g of ring r (0 RX, 1 TX). */
int desc_read(struct vnic_model *m, unsigned v, unsigned r, uint64_t g, struct vdesc *d,
              unsigned *reason)
{
    uint64_t h;
    uint8_t b[VNIC_DESC_OFF_SIZE];
    if (!xlate(m, v, g, VNIC_DESC_OFF_SIZE, &h)) {
        *reason = r ? VNIC_FAULT_REASON_TX_DESC_ADDR : VNIC_FAULT_REASON_RX_DESC_ADDR;
        return -1;
    }
    if (m->host.read(m->host.ctx, h, b, sizeof(b))) {
        *reason = r ? VNIC_FAULT_REASON_TX_AXI_ERR : VNIC_FAULT_REASON_RX_AXI_ERR;
        return -1;
    }
    d->addr = get64(b + VNIC_DESC_OFF_ADDR);
    d->len = get16(b + VNIC_DESC_OFF_BUFLEN);
    return 0;
}

/* Write bytes 8..15 of a descriptor (§4.8). Returns 0 or the fault reason. */
unsigned desc_writeback(struct vnic_model *m, unsigned v, unsigned r, uint64_t g, uint16_t buflen,
                        uint16_t len, uint16_t status)
{
    uint8_t wb[8];
    uint64_t h;
    put16(wb, buflen);
    put16(wb + 2, 0);
    put16(wb + 4, len);
    put16(wb + 6, status);
    if (!xlate(m, v, g + VNIC_DESC_OFF_BUFLEN, sizeof(wb), &h))
        return r ? VNIC_FAULT_REASON_TX_DESC_ADDR : VNIC_FAULT_REASON_RX_DESC_ADDR;
    if (m->host.write(m->host.ctx, h, wb, sizeof(wb)))
        return r ? VNIC_FAULT_REASON_TX_AXI_ERR : VNIC_FAULT_REASON_RX_AXI_ERR;
    return 0;
}

/* First posted descriptor at or after the engine's position whose read
 * faults (lockstep check of a prefetch fault). Returns the reason or 0. */
unsigned ring_first_bad(struct vnic_model *m, unsigned v, unsigned r, uint64_t *addr)
{
    uint32_t size = ring_size(m, v, r);
    if (!size)
        return 0;
    uint32_t mask = size - 1, tail = ring_tail(m, v, r) & mask;
    uint64_t base = ring_base(m, v, r);
    for (uint32_t i = m->v[v].ring[r].use & mask; i != tail; i = (i + 1) & mask) {
        struct vdesc d;
        unsigned reason;
        uint64_t g = base + (uint64_t)VNIC_DESC_OFF_SIZE * i;
        if (desc_read(m, v, r, g, &d, &reason)) {
            *addr = g;
            return reason;
        }
    }
    return 0;
}

void sched_fault(struct vnic_model *m, unsigned v, unsigned reason, uint64_t addr, uint64_t c)
{
    struct vnic_ev ev;
    ev_zero(&ev);
    ev.cycle = c;
    ev.type = VNIC_EV_FAULT;
    ev.vnic = v;
    ev.reason = reason;
    ev.addr = addr;
    ev.err = m->v[v].gen;
    evq_push(m, &ev);
}

/* Whether ring_prefetch() would issue a burst now as far as the counts go:
 * descriptors posted and not fetched, and room for a whole burst (the test
 * its loop starts with; when it fails, ring_prefetch() does nothing). */
static inline bool ring_can_fetch(const struct vnic_model *m, unsigned v, unsigned r)
{
    uint32_t size = ring_size(m, v, r);
    if (!size)
        return false;
    const struct ring *g = &m->v[v].ring[r];
    uint32_t mask = size - 1, tail = ring_tail(m, v, r) & mask;
    uint32_t unf = (tail - g->fetch) & mask, held = (g->fetch - g->use) & mask;
    return unf && held < 8 && 8 - held >= (unf < 4 ? unf : 4);
}

/* Stand-alone descriptor prefetch (§4.8): bursts of up to 4 descriptors
 * that never cross a 64-byte guest boundary, up to 8 held per ring. */
void ring_prefetch(struct vnic_model *m, unsigned v, unsigned r, uint64_t c)
{
    struct vnic_state *s = &m->v[v];
    if (!standalone(m) || s->halted || s->reset_pending || s->fetch_stop[r])
        return;
    uint32_t size = ring_size(m, v, r);
    if (!size)
        return;
    struct ring *g = &s->ring[r];
    uint32_t mask = size - 1, tail = ring_tail(m, v, r) & mask;
    uint64_t base = ring_base(m, v, r);
    for (;;) {
        uint32_t unf = (tail - g->fetch) & mask;
        uint32_t held = (g->fetch - g->use) & mask;
        if (!unf || held >= 8)
            break;
        uint32_t k = unf < 4 ? unf : 4;
        if (8 - held < k)
            break; /* wait until a whole burst fits */
        uint64_t g0 = base + (uint64_t)VNIC_DESC_OFF_SIZE * g->fetch;
        uint32_t blk = (uint32_t)(64u - (g0 & 63u)) / VNIC_DESC_OFF_SIZE;
        if (k > blk)
            k = blk ? blk : 1;
        if (k > size - g->fetch)
            k = size - g->fetch;
        uint64_t h;
        if (!xlate(m, v, g0, (uint64_t)VNIC_DESC_OFF_SIZE * k, &h)) {
            s->fetch_stop[r] = true;
            sched_fault(m, v, r ? VNIC_FAULT_REASON_TX_DESC_ADDR : VNIC_FAULT_REASON_RX_DESC_ADDR, g0, c);
            break;
        }
        uint64_t arr = c + m->p.host_lat + bw_cycles(m, VNIC_DESC_OFF_SIZE * k);
        arr = umax64(arr, s->fetch_last_arr[r]);
        s->fetch_last_arr[r] = arr;
        sched(m, r ? EVI_TX_DESC : EVI_RX_DESC, arr, v, g->fetch, k, s->gen);
        g->fetch = (g->fetch + k) & mask;
        g->inflight_fetch++;
    }
}

void apply_ring_desc(struct vnic_model *m, struct vnic_ev *ev, unsigned r)
{
    unsigned v = ev->vnic;
    struct vnic_state *s = &m->v[v];
    if (ev->err != s->gen)
        return;
    struct ring *g = &s->ring[r];
    g->inflight_fetch--;
    uint32_t size = ring_size(m, v, r);
    if (!size || s->halted)
        return;
    uint32_t mask = size - 1;
    uint64_t base = ring_base(m, v, r);
    bool had = ((g->onchip - g->use) & mask) != 0;
    /* one read for the burst; on an error, descriptor by descriptor to find
     * the first one that fails */
    uint8_t b[4 * VNIC_DESC_OFF_SIZE];
    uint64_t h, g0 = base + (uint64_t)VNIC_DESC_OFF_SIZE * (ev->seq & mask);
    uint32_t k = ev->op <= 4 ? ev->op : 4;
    bool whole = (ev->seq & mask) + k <= size && xlate(m, v, g0, VNIC_DESC_OFF_SIZE * k, &h) &&
                 !m->host.read(m->host.ctx, h, b, VNIC_DESC_OFF_SIZE * k);
    for (uint32_t i = 0; i < k; i++) {
        uint32_t idx = (ev->seq + i) & mask;
        struct vdesc d;
        if (whole) {
            d.addr = get64(b + VNIC_DESC_OFF_SIZE * i + VNIC_DESC_OFF_ADDR);
            d.len = get16(b + VNIC_DESC_OFF_SIZE * i + VNIC_DESC_OFF_BUFLEN);
        } else {
            uint64_t ga = base + (uint64_t)VNIC_DESC_OFF_SIZE * idx;
            unsigned reason;
            if (desc_read(m, v, r, ga, &d, &reason)) {
                s->fetch_stop[r] = true;
                sched_fault(m, v, reason, ga, m->now);
                break;
            }
        }
        g->cache[idx & 7u].addr = d.addr; /* by field: d was just stored by field */
        g->cache[idx & 7u].len = d.len;
        g->onchip = (idx + 1) & mask;
    }
    if (r == 1)
        txdma_wake(m, m->now + 1);
    else if (!had && s->rx_nstored)
        rx_wake(m, m->now + 1); /* a stored frame just got its descriptor */
    ring_prefetch(m, v, r, m->now + 1);
}

/* A TAIL write (doorbell). old is TAIL before the write, val the 32-bit
 * value written: the whole value is checked against the ring size (§6). */
void doorbell(struct vnic_model *m, unsigned v, unsigned r, uint32_t old, uint32_t val)
{
    struct vnic_state *s = &m->v[v];
    uint32_t l = (s->vreg[VIDX(RREG(r, SIZE))] & VNIC_VF_RXR_SIZE_LOG2_MASK) >>
                 VNIC_VF_RXR_SIZE_LOG2_LSB;
    uint64_t base = ring_base(m, v, r);
    bool bad = false;
    uint64_t addr = 0;
    if (l > VNIC_RING_LOG2_MAX || (base & 15u)) {
        bad = true;
        addr = base;
    } else {
        /* beyond the ring, or back over descriptors the device owns
         * [HEAD, TAIL), HEAD as the register reads in this cycle: an RX_CPL
         * of this cycle is visible from the next one, a TX_CPL in its own
         * (stand-alone, where a host may read HEAD and write TAIL in one
         * cycle: HEAD as the host read it) */
        const struct ring *g = &s->ring[r];
        uint32_t mask = (1u << l) - 1;
        uint32_t h = g->head_cyc == m->now && r == 0 && !standalone(m) ? g->head_pre : g->head;
        if (val >= (1u << l) || ((val - h) & mask) < ((old - h) & mask)) {
            bad = true;
            addr = val;
        }
    }
    if (bad) {
        s->vreg[VIDX(RREG(r, TAIL))] = old;
        if (standalone(m)) {
            struct vnic_ev ev;
            ev_zero(&ev);
            ev.cycle = m->now;
            ev.type = VNIC_EV_FAULT;
            ev.vnic = v;
            ev.reason = VNIC_FAULT_REASON_BAD_TAIL;
            ev.addr = addr;
            ev.err = s->gen;
            dispatch_own(m, &ev);
        } else if (!s->bad_tail.valid) {
            s->bad_tail.valid = 1;
            s->bad_tail.reason = VNIC_FAULT_REASON_BAD_TAIL;
            s->bad_tail.addr = addr;
        }
        return;
    }
    if (val)
        s->ring_lock[r] = true;
    if (standalone(m))
        ring_prefetch(m, v, r, m->now + 1);
    else if (r == 1)
        tx_lockstep_advance(m, v);
}

/* ------------------------------------------------------------ moderation (§4.9) */

static void mod_trigger(struct vnic_model *m, unsigned v, unsigned r)
{
    struct vnic_state *s = &m->v[v];
    struct ring *g = &s->ring[r];
    g->itr_n = 0;
    g->itr_timer_at = NOCYC;
    uint32_t bit = r ? VNIC_VF_INT_STATUS_TX_MASK : VNIC_VF_INT_STATUS_RX_MASK;
    uint32_t mbit = r ? VNIC_VF_INT_MASK_TX_MASK : VNIC_VF_INT_MASK_RX_MASK;
    unsigned vec = r ? VNIC_VEC_TX(v) : VNIC_VEC_RX(v);
    s->vreg[VIDX(VNIC_VF_INT_STATUS)] |= bit;
    irq_trigger(m, vec);
    if ((s->vreg[VIDX(VNIC_VF_INT_MASK)] & mbit) && m->host.irq)
        m->host.irq(m->host.ctx, vec, m->now);
}

static void mod_check(struct vnic_model *m, unsigned v, unsigned r)
{
    struct vnic_state *s = &m->v[v];
    struct ring *g = &s->ring[r];
    if (!g->itr_n)
        return;
    uint32_t cnt = (s->vreg[VIDX(RREG(r, ITR_COUNT))] & VNIC_VF_RXR_ITR_COUNT_VAL_MASK) >>
                   VNIC_VF_RXR_ITR_COUNT_VAL_LSB;
    uint32_t tmr = (s->vreg[VIDX(RREG(r, ITR_TIMER))] & VNIC_VF_RXR_ITR_TIMER_VAL_MASK) >>
                   VNIC_VF_RXR_ITR_TIMER_VAL_LSB;
    if (g->itr_n >= (cnt ? cnt : 1u)) {
        mod_trigger(m, v, r);
        return;
    }
    if (!tmr)
        return;
    uint64_t dl = g->itr_t0 + tmr;
    if (m->now >= dl) {
        mod_trigger(m, v, r);
        return;
    }
    if (g->itr_timer_at != dl) {
        g->itr_timer_at = dl;
        sched(m, EVI_IRQ_CHK, dl, v, r, 0, s->gen);
    }
}

/* One completion on ring r of v, counted at the current cycle. */
void mod_complete(struct vnic_model *m, unsigned v, unsigned r)
{
    struct ring *g = &m->v[v].ring[r];
    if (!g->itr_n)
        g->itr_t0 = m->now;
    g->itr_n++;
    mod_check(m, v, r);
}

/* ITR_COUNT / ITR_TIMER written: the new value applies from the next cycle. */
void itr_written(struct vnic_model *m, unsigned v, unsigned r)
{
    if (!m->v[v].ring[r].itr_n)
        return;
    sched(m, EVI_IRQ_CHK, m->now + 1, v, r, 1, m->v[v].gen);
}

void apply_irq_chk(struct vnic_model *m, struct vnic_ev *ev)
{
    unsigned v = ev->vnic, r = ev->seq;
    struct vnic_state *s = &m->v[v];
    if (ev->err != s->gen)
        return;
    if (ev->op == 0) {
        if (ev->cycle != s->ring[r].itr_timer_at)
            return;
        s->ring[r].itr_timer_at = NOCYC;
    }
    mod_check(m, v, r);
}

/* ------------------------------------------------------------ RX DMA records */

static struct rxrec *rxr_push(struct fifo *q) { return fifo_push(q, sizeof(struct rxrec), 16); }

static void rxr_retire(struct fifo *q)
{
    while (q->n && rxr_at(q, 0)->done)
        fifo_pop(q);
}

static struct rxrec *rxr_first_open(struct fifo *q)
{
    for (uint32_t i = 0; i < q->n; i++) {
        struct rxrec *r = rxr_at(q, i);
        if (!r->done)
            return r;
    }
    return NULL;
}

static void rxr_end(struct vnic_model *m, unsigned v, struct rxrec *r, bool dropped)
{
    struct vnic_state *s = &m->v[v];
    r->done = 1;
    if (dropped)
        s->stat[ST_DROP_HALTED]++;
    s->rx_inflight--;
    m->rx_inflight--;
    rxr_retire(&s->rxr);
}

/* RESET: frames still in the engine end as DROP_HALTED. */
void rx_end_inflight(struct vnic_model *m, unsigned v)
{
    struct vnic_state *s = &m->v[v];
    struct rxrec *r;
    while ((r = rxr_first_open(&s->rxr)) != NULL)
        rxr_end(m, v, r, true);
}

/* ------------------------------------------------------------ RX DMA scheduler (§4.7) */

static int64_t bkt_at(int64_t val, uint64_t cyc, uint32_t R, int64_t B, uint64_t t)
{
    if (val >= B)
        return B;
    if (t <= cyc || R == 0)
        return val;
    uint64_t need = (uint64_t)(B - val), k = t - cyc;
    if (k >= (need + R - 1) / R)
        return B;
    return val + (int64_t)(k * R);
}

/* Charge c at cycle t: value(t+1) = min(B, value(t) - c + R). */
static void bkt_charge(int64_t *val, uint64_t *cyc, uint32_t R, int64_t B, uint64_t t, int64_t c)
{
    int64_t x = bkt_at(*val, *cyc, R, B, t) - c + (int64_t)R;
    *val = x < B ? x : B;
    *cyc = t + 1;
}

/* An RX scheduler bucket with a charge c still to land at cycle pc (§4.7:
 * a grant at cycle pc - 1 is charged at cycle pc). Its value at the start
 * of cycle t: before pc + 1 without the charge, from pc + 1 on with it. */
static int64_t bkt_pend_at(int64_t val, uint64_t cyc, int64_t c, uint64_t pc, uint32_t R, int64_t B,
                           uint64_t t)
{
    if (c == 0 || t <= pc)
        return bkt_at(val, cyc, R, B, t);
    int64_t x = bkt_at(val, cyc, R, B, pc) - c + (int64_t)R;
    return bkt_at(x < B ? x : B, pc + 1, R, B, t);
}

/* A grant at cycle t: land any earlier charge (its cycle is <= t), then
 * leave c to land at t + 1. */
static void bkt_charge_next(int64_t *val, uint64_t *cyc, int64_t *pend, uint64_t *pend_cyc, uint32_t R,
                            int64_t B, uint64_t t, int64_t c)
{
    if (*pend != 0)
        bkt_charge(val, cyc, R, B, *pend_cyc, *pend);
    *pend = c;
    *pend_cyc = t + 1;
}

/* The first cycle after t at which a pending bucket that is <= 0 at t is
 * positive: on the uncharged refill up to the charge's cycle, then on the
 * charged one. */
static uint64_t bkt_pend_positive_at(int64_t val, uint64_t cyc, int64_t c, uint64_t pc, uint32_t R,
                                     int64_t B, uint64_t t)
{
    uint64_t at = bucket_positive_at(t, bkt_pend_at(val, cyc, c, pc, R, B, t), R);
    if (c == 0 || at <= pc || t > pc)
        return at;
    int64_t x = bkt_pend_at(val, cyc, c, pc, R, B, pc + 1);
    return x > 0 ? pc + 1 : bucket_positive_at(pc, x, R);
}

int64_t sched_g_at(const struct vnic_model *m, unsigned v, uint64_t t)
{
    const struct vnic_state *s = &m->v[v];
    return bkt_pend_at(s->g_val, s->g_cyc, s->g_pend, s->g_pend_cyc, s->cfg.sch_guar,
                       (int64_t)s->cfg.sch_burst << 24, t);
}

int64_t sched_c_at(const struct vnic_model *m, unsigned v, uint64_t t)
{
    const struct vnic_state *s = &m->v[v];
    return bkt_pend_at(s->c_val, s->c_cyc, s->c_pend, s->c_pend_cyc, s->cfg.sch_ceil,
                       (int64_t)s->cfg.sch_burst << 24, t);
}

int64_t shaper_at(const struct vnic_model *m, unsigned v, uint64_t t)
{
    const struct vnic_state *s = &m->v[v];
    return bkt_at(s->t_val, s->t_cyc, s->cfg.tx_rate, (int64_t)s->cfg.tx_burst << 24, t);
}

uint64_t first_refill_at(const struct vnic_model *m, uint32_t E, uint64_t t, bool tx)
{
    uint64_t best = NOCYC;
    for (uint32_t rest = E; rest; rest &= rest - 1) {
        unsigned u = (unsigned)__builtin_ctz(rest);
        const struct vcfg *c = &m->v[u].cfg;
        uint32_t rate = tx ? c->tx_rate : c->sch_ceil;
        if (!rate || !(tx ? c->tx_burst : c->sch_burst))
            continue;
        const struct vnic_state *s = &m->v[u];
        uint64_t at = tx ? bucket_positive_at(t, shaper_at(m, u, t), rate)
                         : bkt_pend_positive_at(s->c_val, s->c_cyc, s->c_pend, s->c_pend_cyc, rate,
                                                (int64_t)c->sch_burst << 24, t);
        if (at < best)
            best = at;
    }
    return best;
}

void shaper_charge(struct vnic_model *m, unsigned v, uint64_t t, uint32_t len)
{
    struct vnic_state *s = &m->v[v];
    bkt_charge(&s->t_val, &s->t_cyc, s->cfg.tx_rate, (int64_t)s->cfg.tx_burst << 24, t,
               (int64_t)len << 24);
}

/* First member of mask at or after p, circularly. */
unsigned first_at(uint32_t mask, unsigned p)
{
    uint32_t hi = p < 32 ? mask & ~((1u << p) - 1u) : 0;
    return (unsigned)__builtin_ctz(hi ? hi : mask);
}

/* First member of mask after p, circularly; p itself last. */
unsigned first_after(uint32_t mask, unsigned p)
{
    uint32_t hi = p < 31 ? mask & ~((2u << p) - 1u) : 0;
    return (unsigned)__builtin_ctz(hi ? hi : mask);
}

static uint32_t rx_head_len(const struct vnic_model *m, unsigned v)
{
    struct vnic_state *s = (struct vnic_state *)&m->v[v];
    return fr_at(&s->rxq, s->rx_ngranted)->len;
}

/* The tier-1 / tier-2 decision of §4.7 for eligible set E at cycle t.
 * Updates pointers and deficits; returns the granted vNIC or -1, and the
 * tier (1, 2, or 0 when E2 is empty). */
static int rx_decide(struct vnic_model *m, uint32_t E, uint64_t t, int *tier)
{
    const unsigned N = m->p.num_vnic;
    uint32_t idle = m->drx_pos & ~E;
    for (uint32_t rest = idle; rest; rest &= rest - 1)
        m->v[__builtin_ctz(rest)].d_rx = 0;
    m->drx_pos &= ~idle;
    uint32_t E1 = 0, E2 = 0;
    for (uint32_t rest = E; rest; rest &= rest - 1) {
        unsigned v = (unsigned)__builtin_ctz(rest);
        if (m->v[v].cfg.ceil_en && sched_c_at(m, v, t) <= 0)
            continue;
        E2 |= 1u << v;
        if (sched_g_at(m, v, t) > 0)
            E1 |= 1u << v;
    }
    if (E1) {
        unsigned v = first_at(E1, m->p1);
        m->p1 = (v + 1) % N;
        *tier = 1;
        return (int)v;
    }
    if (!E2) {
        *tier = 0;
        return -1;
    }
    *tier = 2;
    unsigned p2 = m->p2;
    if (((E2 >> p2) & 1u) && m->v[p2].d_rx > 0) {
        struct vnic_state *s = &m->v[p2];
        s->d_rx -= rx_head_len(m, p2);
        if (s->d_rx <= 0)
            m->drx_pos &= ~(1u << p2);
        return (int)p2;
    }
    unsigned v = first_after(E2, p2);
    struct vnic_state *s = &m->v[v];
    m->p2 = v;
    s->d_rx += 64 * (int64_t)s->cfg.sch_weight;
    if (s->d_rx > 0) {
        s->d_rx -= rx_head_len(m, v);
        if (s->d_rx > 0)
            m->drx_pos |= 1u << v;
        else
            m->drx_pos &= ~(1u << v);
        return (int)v;
    }
    m->drx_pos &= ~(1u << v);
    return -1;
}

/* Stand-alone eligible set: a stored frame and an on-chip descriptor. */
static uint32_t rx_elig_own(const struct vnic_model *m)
{
    uint32_t E = 0;
    for (uint32_t rest = m->stored_mask; rest; rest &= rest - 1) {
        unsigned v = (unsigned)__builtin_ctz(rest);
        const struct vnic_state *s = &m->v[v];
        if (s->halted || s->reset_pending)
            continue;
        uint32_t size = ring_size(m, v, 0);
        if (size && ((s->ring[0].onchip - s->ring[0].use) & (size - 1)))
            E |= 1u << v;
    }
    return E;
}

/* Lockstep: members of mask the model agrees are eligible (a stored frame
 * and a posted descriptor that can be read). */
static uint32_t rx_elig_super(struct vnic_model *m, uint32_t mask)
{
    uint32_t E = 0;
    for (uint32_t rest = mask; rest; rest &= rest - 1) {
        unsigned v = (unsigned)__builtin_ctz(rest);
        if (v >= m->p.num_vnic)
            continue;
        struct vnic_state *s = &m->v[v];
        if (!s->rx_nstored || s->halted || s->reset_pending)
            continue;
        uint32_t size = ring_size(m, v, 0);
        if (!size || !((ring_tail(m, v, 0) - s->ring[0].use) & (size - 1)))
            continue;
        struct vdesc d;
        unsigned reason;
        if (desc_read(m, v, 0, ring_base(m, v, 0) + (uint64_t)VNIC_DESC_OFF_SIZE * s->ring[0].use, &d,
                      &reason))
            continue;
        E |= 1u << v;
    }
    return E;
}

void rx_wake(struct vnic_model *m, uint64_t c)
{
    if (!standalone(m))
        return;
    c = umax64(c, m->rx_eng_free);
    if (c >= m->rx_wake_at)
        return;
    m->rx_wake_at = c;
    sched(m, VNIC_EV_RX_GRANT, c, 0, 0, 0, 0);
}

/* The granted frame enters the RX DMA engine: descriptor, length check,
 * translation and the data write (§4.8), then the stand-alone timing. */
static void rx_start(struct vnic_model *m, unsigned v, uint64_t t)
{
    struct vnic_state *s = &m->v[v];
    struct ring *g = &s->ring[0];
    uint32_t size = ring_size(m, v, 0);
    uint32_t mask = size ? size - 1 : 0;
    struct pframe *pf = fr_at(&s->rxq, s->rx_ngranted);
    s->rx_ngranted++;
    if (--s->rx_nstored == 0)
        m->stored_mask &= ~(1u << v);
    uint32_t idx = g->use;
    g->use = (g->use + 1) & mask;
    uint64_t dg = ring_base(m, v, 0) + (uint64_t)VNIC_DESC_OFF_SIZE * idx;
    struct rxrec *rec = rxr_push(&s->rxr);
    if (!rec)
        return;
    rec->desc_g = dg;
    rec->idx = idx;
    rec->L = pf->len;
    rec->flags = pf->flags;
    s->rx_inflight++;
    m->rx_inflight++;
    struct vdesc d = {0, 0};
    unsigned reason = 0;
    if (standalone(m)) {
        d = g->cache[idx & 7u];
    } else if (desc_read(m, v, 0, dg, &d, &reason)) {
        mismatch(m, t, -1, (long)v, "RX_GRANT with descriptor %u unreadable (reason %u)", idx, reason);
        rec->out = RXO_FAULT;
        rec->reason = (uint8_t)reason;
        rec->faddr = dg;
        return;
    }
    rec->buf_g = d.addr;
    rec->buflen = d.len;
    uint32_t n = pf->len - 4;
    uint64_t h;
    /* the outcome is kept in locals for the timing below (reading back the
     * bytes just stored with one wide load would stall) */
    unsigned out = RXO_OK, freason = 0;
    if (d.len < n) {
        out = RXO_BUFLEN;
    } else if (!xlate(m, v, d.addr, n, &h)) {
        out = RXO_FAULT;
        freason = VNIC_FAULT_REASON_RX_BUF_ADDR;
    } else {
        const uint8_t *src;
        if (pf->off + n <= s->cfg.rx_size) {
            src = m->rxbuf + s->cfg.rx_base + pf->off;
        } else {
            part_read(m->rxbuf, s->cfg.rx_base, s->cfg.rx_size, pf->off, m->scratch, n);
            src = m->scratch;
        }
        if (m->host.write(m->host.ctx, h, src, n)) {
            out = RXO_FAULT;
            freason = VNIC_FAULT_REASON_RX_AXI_ERR;
        }
    }
    rec->out = (uint8_t)out;
    if (out == RXO_FAULT) {
        rec->reason = (uint8_t)freason;
        rec->faddr = d.addr;
    }
    if (!standalone(m))
        return;

    /* stand-alone timing (§10.1) */
    uint64_t lat = m->p.host_lat, next;
    if (out == RXO_BUFLEN || (out == RXO_FAULT && freason == VNIC_FAULT_REASON_RX_BUF_ADDR)) {
        uint64_t fc = umax64(t, m->last_free_cyc + 1);
        m->last_free_cyc = fc;
        sched(m, VNIC_EV_RX_FREE, fc, v, 0, 0, 0);
        if (out == RXO_BUFLEN) {
            uint64_t cc = umax64(t + 1 + lat, m->last_cpl_cyc + 1);
            m->last_cpl_cyc = cc;
            sched(m, VNIC_EV_RX_CPL, cc, v, 0, 0, 0);
        } else {
            sched_fault(m, v, freason, rec->faddr, fc);
        }
        next = t + 1;
    } else {
        uint64_t dcy = bw_cycles(m, n);
        uint64_t a = umax64(t + 1, m->wch);
        m->wch = a + dcy;
        uint64_t lastw = a + dcy - 1;
        uint64_t fc = umax64(lastw, m->last_free_cyc + 1);
        m->last_free_cyc = fc;
        sched(m, VNIC_EV_RX_FREE, fc, v, 0, 0, 0);
        uint64_t resp = lastw + lat;
        if (out == RXO_FAULT) {
            sched_fault(m, v, freason, rec->faddr, umax64(resp, fc));
        } else {
            uint64_t cc = umax64(resp + 1 + lat, m->last_cpl_cyc + 1);
            m->last_cpl_cyc = cc;
            sched(m, VNIC_EV_RX_CPL, cc, v, 0, 0, 0);
        }
        next = a; /* one frame may wait behind the one in transfer */
    }
    m->rx_eng_free = umax64(next, t + 1);
    if (ring_can_fetch(m, v, 0))
        ring_prefetch(m, v, 0, t + 1);
}

void apply_rx_grant(struct vnic_model *m, struct vnic_ev *ev, bool ext)
{
    const uint64_t t = ev->cycle;
    uint32_t E;
    if (!ext) {
        if (t != m->rx_wake_at)
            return; /* superseded wake-up */
        m->rx_wake_at = NOCYC;
        if (t < m->rx_eng_free) {
            rx_wake(m, m->rx_eng_free);
            return;
        }
        if (m->rx_inflight >= m->p.host_outstanding)
            return; /* the next completion wakes the scheduler */
        E = rx_elig_own(m);
        if (!E)
            return; /* not a decision cycle */
    } else {
        uint32_t sup = rx_elig_super(m, ev->elig);
        if (ev->elig & ~sup)
            mismatch(m, t, -1, -1, "RX_GRANT eligible set 0x%x includes 0x%x, not eligible in the model",
                     ev->elig, ev->elig & ~sup);
        E = ev->elig & sup;
    }
    int tier = 0;
    int v = E ? rx_decide(m, E, t, &tier) : -1;
    uint32_t got = v < 0 ? VNIC_EV_NO_VNIC : (uint32_t)v;
    if (ext) {
        if (ev->vnic != got)
            mismatch(m, t, -1, (long)ev->vnic, "RX_GRANT expected %s%d (tier %d), got %s",
                     v < 0 ? "no grant" : "vnic ", v < 0 ? 0 : v, tier,
                     ev->vnic == VNIC_EV_NO_VNIC ? "no grant" : "this vnic");
    } else {
        ev->vnic = got;
        ev->elig = E;
    }
    report(m, ev);
    if (v >= 0) {
        struct vnic_state *s = &m->v[v];
        uint32_t L = rx_head_len(m, (unsigned)v);
        int64_t B = (int64_t)s->cfg.sch_burst << 24;
        if (tier == 1)
            bkt_charge_next(&s->g_val, &s->g_cyc, &s->g_pend, &s->g_pend_cyc, s->cfg.sch_guar, B, t,
                            (int64_t)L << 24);
        if (s->cfg.ceil_en)
            bkt_charge_next(&s->c_val, &s->c_cyc, &s->c_pend, &s->c_pend_cyc, s->cfg.sch_ceil, B, t,
                            (int64_t)L << 24);
        rx_start(m, (unsigned)v, t);
        if (standalone(m) && m->stored_mask)
            rx_wake(m, m->rx_eng_free); /* else the next RX_STORED wakes it */
        return;
    }
    if (!standalone(m))
        return;
    if (tier == 2) {
        rx_wake(m, t + 1); /* a DRR step without a grant: decide again */
        return;
    }
    /* every eligible vNIC held by its ceiling: wake when the first refills */
    uint64_t best = first_refill_at(m, E, t, false);
    if (best != NOCYC)
        rx_wake(m, umax64(best, t + 1));
}

/* ------------------------------------------------------------ RX_FREE, RX_CPL */

void apply_rx_free(struct vnic_model *m, struct vnic_ev *ev, bool ext)
{
    unsigned v = ev->vnic;
    (void)ext;
    if (v >= m->p.num_vnic || !m->v[v].rx_ngranted) {
        mismatch(m, ev->cycle, -1, (long)v, "RX_FREE but no granted frame holds partition space");
        return;
    }
    struct vnic_state *s = &m->v[v];
    struct pframe *f = fr_at(&s->rxq, 0);
    s->rx_used -= rx_S(m, f->len);
    fifo_pop(&s->rxq);
    s->rx_ngranted--;
    report(m, ev);
}

void apply_rx_cpl(struct vnic_model *m, struct vnic_ev *ev, bool ext)
{
    unsigned v = ev->vnic;
    if (v >= m->p.num_vnic) {
        mismatch(m, ev->cycle, -1, (long)v, "RX_CPL for a vNIC that does not exist");
        return;
    }
    struct vnic_state *s = &m->v[v];
    struct rxrec *rec = rxr_first_open(&s->rxr);
    if (!rec) {
        mismatch(m, ev->cycle, -1, (long)v, "RX_CPL but no frame is in the RX DMA engine");
        return;
    }
    if (rec->out == RXO_FAULT) {
        mismatch(m, ev->cycle, -1, (long)v,
                 "RX_CPL for descriptor %u, whose DMA faults (reason %u addr 0x%llx)", rec->idx,
                 rec->reason, (unsigned long long)rec->faddr);
        struct vnic_ev f;
        ev_zero(&f);
        f.cycle = m->now;
        f.type = VNIC_EV_FAULT;
        f.vnic = v;
        f.reason = rec->reason;
        f.addr = rec->faddr;
        f.err = s->gen;
        dispatch_own(m, &f);
        return;
    }
    uint16_t st = VNIC_DESC_STATUS_DD | VNIC_DESC_STATUS_EOP | rec->flags;
    if (rec->out == RXO_BUFLEN)
        st |= VNIC_DESC_STATUS_ERR_BUFLEN;
    unsigned reason = desc_writeback(m, v, 0, rec->desc_g, rec->buflen, (uint16_t)(rec->L - 4), st);
    if (reason) {
        if (ext)
            mismatch(m, ev->cycle, -1, (long)v,
                     "RX_CPL for descriptor %u, whose write-back faults (reason %u)", rec->idx, reason);
        rec->out = RXO_FAULT;
        rec->reason = (uint8_t)reason;
        rec->faddr = rec->desc_g;
        struct vnic_ev f;
        ev_zero(&f);
        f.cycle = m->now;
        f.type = VNIC_EV_FAULT;
        f.vnic = v;
        f.reason = reason;
        f.addr = rec->desc_g;
        f.err = s->gen;
        dispatch_own(m, &f);
        return;
    }
    uint32_t size = ring_size(m, v, 0);
    ring_set_head(m, v, 0, size ? (rec->idx + 1) & (size - 1) : 0);
    if (rec->out == RXO_BUFLEN) {
        s->stat[ST_DROP_BUFLEN]++;
    } else {
        s->stat[ST_RX_FRAMES]++;
        s->stat[ST_RX_BYTES] += rec->L - 4;
    }
    rxr_end(m, v, rec, false);
    report(m, ev);
    mod_complete(m, v, 0);
    if (standalone(m)) {
        if (m->rx_inflight + 1 == m->p.host_outstanding)
            rx_wake(m, m->now + 1); /* the engine waited for a transfer slot */
        cmd_reset_check(m, v);
    }
}

/* ------------------------------------------------------------ faults (§6) */

void fault_set(struct vnic_model *m, unsigned v, unsigned reason, uint64_t addr)
{
    struct vnic_state *s = &m->v[v];
    if (s->halted)
        return;
    s->halted = true;
    s->reason = (uint8_t)reason;
    s->fault_addr = addr;
    s->stat[ST_DMA_FAULTS]++;
    m->fault_vec |= 1u << v;
    pf_cause(m, VNIC_PF_G_INT_STATUS_FAULT_MASK);
}

static struct rxrec *rx_fault_rec(struct vnic_model *m, unsigned v, unsigned reason, uint64_t addr)
{
    struct fifo *q = &m->v[v].rxr;
    for (uint32_t i = 0; i < q->n; i++) {
        struct rxrec *r = rxr_at(q, i);
        if (!r->done && r->out == RXO_FAULT && r->reason == reason && r->faddr == addr)
            return r;
    }
    return NULL;
}

void apply_fault(struct vnic_model *m, struct vnic_ev *ev, bool ext)
{
    unsigned v = ev->vnic;
    if (v >= m->p.num_vnic) {
        mismatch(m, ev->cycle, -1, (long)v, "FAULT for a vNIC that does not exist");
        return;
    }
    struct vnic_state *s = &m->v[v];
    if (!ext) {
        if (ev->err != s->gen)
            return; /* scheduled before a RESET */
        ev->err = 0;
    }
    const unsigned reason = ev->reason;
    const uint64_t addr = ev->addr;
    bool matched = false;
    struct rxrec *rec = rx_fault_rec(m, v, reason, addr);
    if (rec) {
        rxr_end(m, v, rec, true);
        matched = true;
        if (standalone(m)) {
            rx_wake(m, m->now + 1);
            cmd_reset_check(m, v);
        }
    } else if (reason == VNIC_FAULT_REASON_TX_DESC_ADDR || reason == VNIC_FAULT_REASON_TX_BUF_ADDR ||
               reason == VNIC_FAULT_REASON_TX_AXI_ERR) {
        matched = tx_fault_candidate(m, v, reason, addr);
    } else if (reason == VNIC_FAULT_REASON_BAD_TAIL) {
        if (s->bad_tail.valid && s->bad_tail.addr == addr) {
            s->bad_tail.valid = 0;
            matched = true;
        }
    } else if (ext && (reason == VNIC_FAULT_REASON_RX_DESC_ADDR || reason == VNIC_FAULT_REASON_RX_AXI_ERR)) {
        /* the write-back of the oldest frame in the engine? */
        struct rxrec *r = rxr_first_open(&s->rxr);
        if (r && r->out != RXO_FAULT && r->desc_g == addr) {
            uint16_t st = VNIC_DESC_STATUS_DD | VNIC_DESC_STATUS_EOP | r->flags |
                          (r->out == RXO_BUFLEN ? VNIC_DESC_STATUS_ERR_BUFLEN : 0);
            if (desc_writeback(m, v, 0, r->desc_g, r->buflen, (uint16_t)(r->L - 4), st) == reason) {
                rxr_end(m, v, r, true);
                matched = true;
            }
        }
        /* or the prefetch of a posted descriptor */
        uint64_t a2 = 0;
        if (!matched && ring_first_bad(m, v, 0, &a2) == reason && a2 == addr)
            matched = true;
    }
    if (ext && !matched)
        mismatch(m, ev->cycle, -1, (long)v, "FAULT reason %u addr 0x%llx not expected by the model",
                 reason, (unsigned long long)addr);
    fault_set(m, v, reason, addr);
    tx_halt_cleanup(m, v);
    report(m, ev);
}
