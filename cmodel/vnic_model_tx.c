/* vNIC model: the transmit path (§5) — TX descriptors in ring order, TXLEN
 * and anti-spoof checks, TX partitions with back-pressure, the TX scheduler
 * (DRR with shaper), padding and FCS, completions and moderation. */
#include <stdlib.h>
#include <string.h>

#include "vnic_model_int.h"

static uint32_t S_tx(const struct vnic_model *m, uint32_t n) { return wwords(m, n) << m->W_log2; }

static uint32_t wire_len(uint32_t n) { return (n > 60 ? n : 60) + 4; }

static bool tx_fault_lookahead(struct vnic_model *m, unsigned v, unsigned reason, uint64_t addr);

/* ------------------------------------------------------------ TX records */

static struct txrec *txr_push(struct fifo *q) { return fifo_push(q, sizeof(struct txrec), 16); }

static void txr_remove(struct fifo *q, uint32_t i) { fifo_remove(q, sizeof(struct txrec), i); }

static void txr_release(struct vnic_model *m, unsigned v, struct txrec *r)
{
    if (r->reserved) {
        m->v[v].tx_used -= S_tx(m, r->n);
        r->reserved = 0;
    }
}

static struct txcpl *txc_push(struct fifo *q) { return fifo_push(q, sizeof(struct txcpl), 16); }

/* A TX descriptor's outcome is decided (st: the counter it adds to, -1
 * none). Stand-alone it completes now: bytes 8..15 written, HEAD advanced.
 * Lockstep it completes at its TX_CPL, the RTL's write-back timing. */
static void tx_desc_complete(struct vnic_model *m, unsigned v, uint32_t idx, uint64_t dg,
                             uint16_t buflen, uint16_t status, int st)
{
    struct vnic_state *s = &m->v[v];
    struct txcpl *c = txc_push(&s->txc);
    if (!c)
        return;
    c->desc_g = dg;
    c->idx = idx;
    c->buflen = buflen;
    c->status = status;
    c->st = st;
    if (standalone(m)) /* written back; HEAD visible from the next cycle */
        sched(m, VNIC_EV_TX_CPL, m->now + 1, v, 0, 0, s->gen);
}

/* TX_CPL (lockstep): the oldest decided completion is written back. */
void apply_tx_cpl(struct vnic_model *m, struct vnic_ev *ev, bool ext)
{
    unsigned v = ev->vnic;
    if (v >= m->p.num_vnic) {
        mismatch(m, ev->cycle, -1, (long)v, "TX_CPL for a vNIC that does not exist");
        return;
    }
    struct vnic_state *s = &m->v[v];
    if (!ext && ev->err != s->gen)
        return; /* scheduled before a RESET */
    if (!s->txc.n) {
        if (ext)
            mismatch(m, ev->cycle, -1, (long)v, "TX_CPL but the model has no TX completion decided");
        return;
    }
    struct txcpl c = *txc_at(&s->txc, 0);
    fifo_pop(&s->txc);
    unsigned reason = desc_writeback(m, v, 1, c.desc_g, c.buflen, 0, c.status);
    if (c.st >= 0)
        s->stat[c.st]++;
    if (reason && !ext) { /* stand-alone: the write-back faults, nothing later completes */
        s->txc.n = 0;
        sched_fault(m, v, reason, c.desc_g, m->now);
        cmd_reset_check(m, v);
        return;
    }
    if (reason)
        mismatch(m, ev->cycle, -1, (long)v, "TX_CPL for descriptor %u, whose write-back faults "
                 "(reason %u)", c.idx, reason);
    uint32_t size = ring_size(m, v, 1);
    ring_set_head(m, v, 1, size ? (c.idx + 1) & (size - 1) : 0);
    report(m, ev);
    if (!ext)
        cmd_reset_check(m, v);
}

static bool spoofed(const struct vnic_state *s, const uint8_t *d)
{
    if (!s->cfg.antispoof)
        return false;
    uint64_t sa = ((uint64_t)d[6] << 40) | ((uint64_t)d[7] << 32) | ((uint64_t)d[8] << 24) |
                  ((uint64_t)d[9] << 16) | ((uint64_t)d[10] << 8) | d[11];
    return sa != s->cfg.mac;
}

static bool txlen_bad(const struct vnic_model *m, uint32_t n)
{
    return n < 14 || (int64_t)n > (int64_t)gmaxframe(m) - 4;
}

static uint8_t *txpend(struct vnic_model *m, unsigned v)
{
    struct vnic_state *s = &m->v[v];
    if (!s->txpend)
        s->txpend = malloc(m->p.max_frame + 64u);
    return s->txpend;
}

/* ------------------------------------------------------------ lockstep: descriptors in ring order */

/* Lockstep: process v's posted TX descriptors in ring order up to the next
 * frame that must wait for the RTL's TX_QUEUED (or a fault it must report).
 * Descriptors that fail TXLEN or anti-spoof complete here. */
void tx_lockstep_advance(struct vnic_model *m, unsigned v)
{
    if (standalone(m))
        return;
    struct vnic_state *s = &m->v[v];
    for (;;) {
        if (s->halted || s->reset_pending || !s->cfg.enable || s->txr.n)
            return;
        uint32_t size = ring_size(m, v, 1);
        if (!size)
            return;
        uint32_t mask = size - 1;
        struct ring *g = &s->ring[1];
        if ((g->use & mask) == (ring_tail(m, v, 1) & mask))
            return;
        uint32_t idx = g->use & mask;
        uint64_t dg = ring_base(m, v, 1) + (uint64_t)VNIC_DESC_OFF_SIZE * idx;
        struct vdesc d;
        unsigned reason;
        if (desc_read(m, v, 1, dg, &d, &reason)) {
            struct txrec *r = txr_push(&s->txr);
            if (r) {
                r->kind = TXE_FAULT;
                r->reason = (uint8_t)reason;
                r->faddr = dg;
            }
            return;
        }
        g->use = (idx + 1) & mask;
        if (txlen_bad(m, d.len)) {
            tx_desc_complete(m, v, idx, dg, d.len, VNIC_DESC_STATUS_DD | VNIC_DESC_STATUS_EOP | VNIC_DESC_STATUS_ERR_TXLEN,
                             ST_DROP_TXLEN);
            continue;
        }
        uint64_t h;
        uint8_t *buf = txpend(m, v);
        unsigned fr = 0;
        if (!xlate(m, v, d.addr, d.len, &h))
            fr = VNIC_FAULT_REASON_TX_BUF_ADDR;
        else if (!buf || m->host.read(m->host.ctx, h, buf, d.len))
            fr = VNIC_FAULT_REASON_TX_AXI_ERR;
        if (fr) {
            struct txrec *r = txr_push(&s->txr);
            if (r) {
                r->kind = TXE_FAULT;
                r->reason = (uint8_t)fr;
                r->faddr = d.addr;
            }
            return;
        }
        if (spoofed(s, buf)) {
            tx_desc_complete(m, v, idx, dg, d.len, VNIC_DESC_STATUS_DD | VNIC_DESC_STATUS_EOP | VNIC_DESC_STATUS_ERR_SPOOF,
                             ST_DROP_SPOOF);
            continue;
        }
        struct txrec *r = txr_push(&s->txr);
        if (!r)
            return;
        r->kind = TXE_WAIT;
        r->idx = idx;
        r->desc_g = dg;
        r->buf_g = d.addr;
        r->n = d.len;
        r->buflen = d.len;
        return;
    }
}

/* ------------------------------------------------------------ stand-alone TX DMA engine */

void txdma_wake(struct vnic_model *m, uint64_t c)
{
    if (!standalone(m) || c >= m->txdma_wake_at)
        return;
    m->txdma_wake_at = c;
    sched(m, EVI_TX_DMA, c, 0, 0, 0, 0);
}

/* Complete, in ring order, the records at the head that are ready. */
static void tx_retire(struct vnic_model *m, unsigned v)
{
    struct vnic_state *s = &m->v[v];
    while (s->txr.n) {
        struct txrec *r = txr_at(&s->txr, 0);
        struct txrec c = *r;
        if (c.kind == TXE_TXLEN) {
            txr_remove(&s->txr, 0);
            tx_desc_complete(m, v, c.idx, c.desc_g, c.buflen,
                             VNIC_DESC_STATUS_DD | VNIC_DESC_STATUS_EOP | VNIC_DESC_STATUS_ERR_TXLEN,
                             ST_DROP_TXLEN);
        } else if (c.kind == TXE_SPOOF) {
            txr_release(m, v, r);
            txr_remove(&s->txr, 0);
            tx_desc_complete(m, v, c.idx, c.desc_g, c.buflen,
                             VNIC_DESC_STATUS_DD | VNIC_DESC_STATUS_EOP | VNIC_DESC_STATUS_ERR_SPOOF,
                             ST_DROP_SPOOF);
        } else if (c.kind == TXE_GOOD && c.arrived) {
            struct vnic_ev ev;
            ev_zero(&ev);
            ev.cycle = m->now;
            ev.type = VNIC_EV_TX_QUEUED;
            ev.vnic = v;
            dispatch_own(m, &ev);
        } else {
            return;
        }
    }
}

/* One descriptor per cycle, round robin over vNICs with an on-chip TX
 * descriptor; reads pipelined on the host read channel. */
void apply_tx_dma(struct vnic_model *m, struct vnic_ev *ev)
{
    if (ev->cycle != m->txdma_wake_at)
        return;
    m->txdma_wake_at = NOCYC;
    if (m->tx_reads >= m->p.host_outstanding)
        return;
    const unsigned N = m->p.num_vnic;
    for (unsigned i = 0; i < N; i++) {
        unsigned v = (m->txdma_rr + i) % N;
        struct vnic_state *s = &m->v[v];
        if (s->halted || s->reset_pending || !s->cfg.enable)
            continue;
        uint32_t size = ring_size(m, v, 1);
        if (!size)
            continue;
        uint32_t mask = size - 1;
        struct ring *g = &s->ring[1];
        if (!((g->onchip - g->use) & mask))
            continue;
        uint32_t idx = g->use;
        struct vdesc d = g->cache[idx & 7u];
        uint64_t dg = ring_base(m, v, 1) + (uint64_t)VNIC_DESC_OFF_SIZE * idx;
        uint64_t h = 0;
        bool bad_len = txlen_bad(m, d.len);
        bool bad_addr = !bad_len && !xlate(m, v, d.addr, d.len, &h);
        if (!bad_len && !bad_addr && s->cfg.tx_size - s->tx_used < S_tx(m, d.len))
            continue; /* back-pressure: wait for space in v's TX partition */
        struct txrec *r = txr_push(&s->txr);
        if (!r)
            return;
        g->use = (idx + 1) & mask;
        r->idx = idx;
        r->desc_g = dg;
        r->buf_g = d.addr;
        r->n = d.len;
        r->buflen = d.len;
        r->h = h;
        if (bad_len) {
            r->kind = TXE_TXLEN;
        } else if (bad_addr) {
            r->kind = TXE_FAULT;
            r->reason = VNIC_FAULT_REASON_TX_BUF_ADDR;
            r->faddr = d.addr;
            sched_fault(m, v, VNIC_FAULT_REASON_TX_BUF_ADDR, d.addr, m->now);
        } else {
            r->kind = TXE_GOOD;
            r->reserved = 1;
            s->tx_used += S_tx(m, d.len);
            uint64_t dcy = bw_cycles(m, d.len);
            uint64_t start = umax64(m->now + m->p.host_lat, m->rch);
            m->rch = start + dcy;
            sched(m, EVI_TX_DATA, start + dcy - 1, v, 0, 0, s->gen);
            s->tx_reads++;
            m->tx_reads++;
        }
        tx_retire(m, v);
        m->txdma_rr = (v + 1) % N;
        ring_prefetch(m, v, 1, m->now + 1);
        txdma_wake(m, m->now + 1);
        return;
    }
}

void apply_tx_data(struct vnic_model *m, struct vnic_ev *ev)
{
    unsigned v = ev->vnic;
    struct vnic_state *s = &m->v[v];
    s->tx_reads--;
    m->tx_reads--;
    struct txrec *r = NULL;
    uint32_t ri = 0;
    for (uint32_t i = 0; i < s->txr.n; i++) {
        struct txrec *c = txr_at(&s->txr, i);
        if (c->kind == TXE_GOOD && !c->arrived) {
            r = c;
            ri = i;
            break;
        }
    }
    if (r && s->halted) { /* halted while in flight: the data is dropped */
        txr_release(m, v, r);
        txr_remove(&s->txr, ri);
        r = NULL;
    }
    if (r && ev->err == s->gen) {
        uint8_t *buf = txpend(m, v);
        if (!buf || m->host.read(m->host.ctx, r->h, buf, r->n)) {
            txr_release(m, v, r);
            r->kind = TXE_FAULT;
            r->reason = VNIC_FAULT_REASON_TX_AXI_ERR;
            r->faddr = r->buf_g;
            sched_fault(m, v, VNIC_FAULT_REASON_TX_AXI_ERR, r->buf_g, m->now);
        } else if (spoofed(s, buf)) {
            r->kind = TXE_SPOOF;
        } else {
            r->arrived = 1;
        }
        tx_retire(m, v);
    }
    txdma_wake(m, m->now + 1);
    cmd_reset_check(m, v);
}

/* ------------------------------------------------------------ TX_QUEUED */

void apply_tx_queued(struct vnic_model *m, struct vnic_ev *ev, bool ext)
{
    unsigned v = ev->vnic;
    if (v >= m->p.num_vnic) {
        mismatch(m, ev->cycle, -1, (long)v, "TX_QUEUED for a vNIC that does not exist");
        return;
    }
    struct vnic_state *s = &m->v[v];
    if (ext)
        tx_lockstep_advance(m, v);
    struct txrec *r = s->txr.n ? txr_at(&s->txr, 0) : NULL;
    if (!r || r->kind != (ext ? TXE_WAIT : TXE_GOOD)) {
        mismatch(m, ev->cycle, -1, (long)v, "TX_QUEUED but the model has no TX frame ready");
        return;
    }
    struct txrec c = *r;
    uint32_t S = S_tx(m, c.n);
    if (!c.reserved) {
        if (s->cfg.tx_size - s->tx_used < S || s->tx_used > s->cfg.tx_size)
            mismatch(m, ev->cycle, -1, (long)v, "TX_QUEUED: %u bytes needed, %u free in the TX partition",
                     S, s->cfg.tx_size - s->tx_used);
        s->tx_used += S;
    }
    txr_remove(&s->txr, 0);
    struct pframe *pf = fr_push(&s->txq);
    if (pf && s->cfg.tx_size) {
        pf->off = s->tx_wp;
        pf->len = c.n;
        pf->flags = 0;
        part_write(m->txbuf, s->cfg.tx_base, s->cfg.tx_size, s->tx_wp, txpend(m, v), c.n);
        s->tx_wp = wrap_add(s->tx_wp, S, s->cfg.tx_size);
    }
    report(m, ev);
    tx_desc_complete(m, v, c.idx, c.desc_g, c.buflen, VNIC_DESC_STATUS_DD | VNIC_DESC_STATUS_EOP, -1);
    if (ext)
        tx_lockstep_advance(m, v);
    else
        tx_wake(m, m->now + 1);
}

/* ------------------------------------------------------------ TX scheduler */

void tx_wake(struct vnic_model *m, uint64_t c)
{
    if (!standalone(m))
        return;
    c = umax64(c, m->tx_out_free);
    if (c >= m->tx_wake_at)
        return;
    m->tx_wake_at = c;
    sched(m, VNIC_EV_TX_GRANT, c, 0, 0, 0, 0);
}

static uint32_t tx_elig(const struct vnic_model *m)
{
    if (!(gctrl(m) & VNIC_PF_G_CTRL_TX_EN_MASK))
        return 0;
    uint32_t E = 0;
    for (unsigned v = 0; v < m->p.num_vnic; v++) {
        const struct vnic_state *s = &m->v[v];
        if (s->txq.n > s->tx_ngranted && !s->halted)
            E |= 1u << v;
    }
    return E;
}

static uint32_t tx_head_wire(struct vnic_model *m, unsigned v)
{
    struct vnic_state *s = &m->v[v];
    return wire_len(fr_at(&s->txq, s->tx_ngranted)->len);
}

/* §5: the tier-2 rule of §4.7 over vNICs with a queued frame whose shaper
 * is not empty, quantum 64*TX_WEIGHT. */
static int tx_decide(struct vnic_model *m, uint32_t E, uint64_t t, int *tier)
{
    uint32_t idle = m->dtx_pos & ~E;
    for (uint32_t rest = idle; rest; rest &= rest - 1)
        m->v[__builtin_ctz(rest)].d_tx = 0;
    m->dtx_pos &= ~idle;
    uint32_t E2 = 0;
    for (uint32_t rest = E; rest; rest &= rest - 1) {
        unsigned v = (unsigned)__builtin_ctz(rest);
        if (!m->v[v].cfg.shp_en || shaper_at(m, v, t) > 0)
            E2 |= 1u << v;
    }
    if (!E2) {
        *tier = 0;
        return -1;
    }
    *tier = 2;
    unsigned p = m->tp2;
    if (((E2 >> p) & 1u) && m->v[p].d_tx > 0) {
        m->v[p].d_tx -= tx_head_wire(m, p);
        if (m->v[p].d_tx <= 0)
            m->dtx_pos &= ~(1u << p);
        return (int)p;
    }
    unsigned v = first_after(E2, p);
    struct vnic_state *s = &m->v[v];
    m->tp2 = v;
    s->d_tx += 64 * (int64_t)s->cfg.tx_weight;
    if (s->d_tx > 0) {
        s->d_tx -= tx_head_wire(m, v);
        if (s->d_tx > 0)
            m->dtx_pos |= 1u << v;
        else
            m->dtx_pos &= ~(1u << v);
        return (int)v;
    }
    m->dtx_pos &= ~(1u << v);
    return -1;
}

void apply_tx_grant(struct vnic_model *m, struct vnic_ev *ev, bool ext)
{
    const uint64_t t = ev->cycle;
    uint32_t E;
    if (!ext) {
        if (t != m->tx_wake_at)
            return;
        m->tx_wake_at = NOCYC;
        if (t < m->tx_out_free) {
            tx_wake(m, m->tx_out_free);
            return;
        }
        E = tx_elig(m);
        if (!E)
            return;
    } else {
        uint32_t sup = tx_elig(m);
        if (ev->elig & ~sup)
            mismatch(m, t, -1, -1, "TX_GRANT eligible set 0x%x includes 0x%x, not eligible in the model",
                     ev->elig, ev->elig & ~sup);
        E = ev->elig & sup;
    }
    int tier = 0;
    int v = E ? tx_decide(m, E, t, &tier) : -1;
    uint32_t got = v < 0 ? VNIC_EV_NO_VNIC : (uint32_t)v;
    if (ext) {
        if (ev->vnic != got)
            mismatch(m, t, -1, (long)ev->vnic, "TX_GRANT expected %s%d, got %s",
                     v < 0 ? "no grant" : "vnic ", v < 0 ? 0 : v,
                     ev->vnic == VNIC_EV_NO_VNIC ? "no grant" : "this vnic");
    } else {
        ev->vnic = got;
        ev->elig = E;
    }
    report(m, ev);
    if (v >= 0) {
        struct vnic_state *s = &m->v[v];
        uint32_t Lw = tx_head_wire(m, (unsigned)v);
        if (s->cfg.shp_en)
            shaper_charge(m, (unsigned)v, t, Lw);
        s->tx_ngranted++;
        if (m->txg_n < sizeof(m->txg) / sizeof(m->txg[0])) {
            unsigned k = (m->txg_head + m->txg_n++) % (unsigned)(sizeof(m->txg) / sizeof(m->txg[0]));
            m->txg[k].vnic = (uint32_t)v;
            m->txg[k].len = Lw;
        }
        if (!standalone(m))
            return;
        /* the MAC paces frames at W bytes per cycle plus 20 bytes of
         * preamble and gap, exactly on average (a frame may start up to one
         * beat early, the ideal start keeps the fraction). The scheduler
         * may pick the next frame as soon as this one starts on the wire. */
        uint64_t c = umax64(t + 1, umax64(m->tx_bt >> m->W_log2, m->last_sent_cyc + 1));
        uint64_t start = umax64(m->tx_bt, c * m->W);
        m->tx_bt = start + Lw + 20;
        uint64_t sent = c + wwords(m, Lw) - 1;
        m->last_sent_cyc = sent;
        sched(m, VNIC_EV_TX_SENT, sent, (uint32_t)v, 0, 0, 0);
        m->tx_out_free = c;
        tx_wake(m, c);
        return;
    }
    if (!standalone(m))
        return;
    if (tier == 2) {
        tx_wake(m, t + 1);
        return;
    }
    /* every eligible vNIC held by its shaper: wake when the first refills */
    uint64_t best = first_refill_at(m, E, t, true);
    if (best != NOCYC)
        tx_wake(m, umax64(best, t + 1));
}

/* ------------------------------------------------------------ TX_SENT */

void apply_tx_sent(struct vnic_model *m, struct vnic_ev *ev, bool ext)
{
    const unsigned cap = (unsigned)(sizeof(m->txg) / sizeof(m->txg[0]));
    if (!m->txg_n) {
        mismatch(m, ev->cycle, -1, (long)ev->vnic, "TX_SENT but no frame was granted");
        return;
    }
    unsigned v = m->txg[m->txg_head].vnic;
    if (ext && ev->vnic != v)
        mismatch(m, ev->cycle, -1, (long)ev->vnic, "TX_SENT expected vnic %u", v);
    m->txg_head = (m->txg_head + 1) % cap;
    m->txg_n--;
    struct vnic_state *s = &m->v[v];
    if (!s->tx_ngranted)
        return;
    struct pframe *pf = fr_at(&s->txq, 0);
    uint32_t n = pf->len, Lw = wire_len(n);
    uint8_t *b = m->scratch;
    part_read(m->txbuf, s->cfg.tx_base, s->cfg.tx_size, pf->off, b, n);
    if (n < 60)
        memset(b + n, 0, 60 - n);
    uint32_t fcs = vnic_crc32(&m->crc, 0, b, Lw - 4);
    b[Lw - 4] = (uint8_t)fcs;
    b[Lw - 3] = (uint8_t)(fcs >> 8);
    b[Lw - 2] = (uint8_t)(fcs >> 16);
    b[Lw - 1] = (uint8_t)(fcs >> 24);
    s->tx_used -= S_tx(m, n);
    fifo_pop(&s->txq);
    s->tx_ngranted--;
    s->stat[ST_TX_FRAMES]++;
    s->stat[ST_TX_BYTES] += Lw;
    m->gstat[GS_TX_FRAMES]++;
    m->gstat[GS_TX_BYTES] += Lw;
    if (!ext)
        ev->vnic = v;
    report(m, ev);
    if (m->host.tx)
        m->host.tx(m->host.ctx, v, b, Lw, m->now);
    mod_complete(m, v, 1);
    if (standalone(m))
        txdma_wake(m, m->now + 1);
}

/* ------------------------------------------------------------ faults and RESET */

/* A TX fault: consume the record the model expected it for. Lockstep also
 * accepts the prefetch of a posted descriptor that cannot be read. */
bool tx_fault_candidate(struct vnic_model *m, unsigned v, unsigned reason, uint64_t addr)
{
    struct vnic_state *s = &m->v[v];
    if (!standalone(m) && s->txc.n && txc_at(&s->txc, 0)->desc_g == addr &&
        reason != VNIC_FAULT_REASON_TX_BUF_ADDR) {
        /* the write-back of the oldest decided completion: its counter
         * counts (decided), nothing later of the vNIC completes */
        struct txcpl c = *txc_at(&s->txc, 0);
        if (desc_writeback(m, v, 1, c.desc_g, c.buflen, 0, c.status) == reason) {
            if (c.st >= 0)
                s->stat[c.st]++;
            s->txc.n = 0;
            return true;
        }
    }
    for (uint32_t i = 0; i < s->txr.n; i++) {
        struct txrec *r = txr_at(&s->txr, i);
        if (r->kind == TXE_FAULT && r->reason == reason && r->faddr == addr) {
            txr_release(m, v, r);
            txr_remove(&s->txr, i);
            if (standalone(m))
                tx_retire(m, v);
            return true;
        }
    }
    if (!standalone(m))
        return tx_fault_lookahead(m, v, reason, addr);
    return false;
}

/* A vNIC halted: TX descriptors it has in flight never complete (their
 * data is dropped when it arrives); only expected faults stay. */
void tx_halt_cleanup(struct vnic_model *m, unsigned v)
{
    struct vnic_state *s = &m->v[v];
    for (uint32_t i = 0; i < s->txr.n;) {
        struct txrec *r = txr_at(&s->txr, i);
        if (r->kind == TXE_FAULT) {
            i++;
            continue;
        }
        txr_release(m, v, r);
        txr_remove(&s->txr, i);
    }
}

/* Lockstep: a TX fault the RTL met on a descriptor beyond the one the model
 * is waiting for (the RTL had more in flight). Descriptors between are not
 * completed: after the halt, nothing on the ring completes. */
static bool tx_fault_lookahead(struct vnic_model *m, unsigned v, unsigned reason, uint64_t addr)
{
    struct vnic_state *s = &m->v[v];
    uint32_t size = ring_size(m, v, 1);
    if (!size)
        return false;
    uint32_t mask = size - 1, tail = ring_tail(m, v, 1) & mask;
    uint64_t base = ring_base(m, v, 1);
    uint8_t *buf = txpend(m, v) ? m->scratch : NULL;
    for (uint32_t i = s->ring[1].use & mask; i != tail; i = (i + 1) & mask) {
        uint64_t g = base + (uint64_t)VNIC_DESC_OFF_SIZE * i;
        struct vdesc d;
        unsigned r;
        if (desc_read(m, v, 1, g, &d, &r))
            return r == reason && g == addr;
        if (txlen_bad(m, d.len))
            continue;
        uint64_t h;
        if (!xlate(m, v, d.addr, d.len, &h))
            return reason == VNIC_FAULT_REASON_TX_BUF_ADDR && d.addr == addr;
        if (buf && m->host.read(m->host.ctx, h, buf, d.len))
            return reason == VNIC_FAULT_REASON_TX_AXI_ERR && d.addr == addr;
    }
    return false;
}

/* RESET: queued TX frames (not on the wire yet) are discarded. */
void tx_discard(struct vnic_model *m, unsigned v)
{
    struct vnic_state *s = &m->v[v];
    while (s->txq.n > s->tx_ngranted) {
        struct pframe *f = fr_at(&s->txq, s->txq.n - 1);
        s->tx_used -= S_tx(m, f->len);
        s->tx_wp = f->off;
        s->txq.n--;
    }
    while (s->txr.n) {
        txr_release(m, v, txr_at(&s->txr, 0));
        txr_remove(&s->txr, 0);
    }
    s->txc.n = 0;
}
