/* Helpers shared by the model's unit tests (see tutil.h). */
#include "tutil.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* ------------------------------------------------------------ host memory */

static bool in_err(const struct hostmem *hm, uint64_t a, size_t len)
{
    for (unsigned i = 0; i < hm->nerr; i++)
        if (a < hm->err[i].a + hm->err[i].n && hm->err[i].a < a + len)
            return true;
    return false;
}

static int h_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
    struct hostmem *hm = ctx;
    if (addr >= HOSTMEM_BYTES || len > HOSTMEM_BYTES - addr || in_err(hm, addr, len))
        return -1;
    memcpy(buf, hm->mem + addr, len);
    return 0;
}

static int h_write(void *ctx, uint64_t addr, const void *buf, size_t len)
{
    struct hostmem *hm = ctx;
    if (addr >= HOSTMEM_BYTES || len > HOSTMEM_BYTES - addr || in_err(hm, addr, len))
        return -1;
    memcpy(hm->mem + addr, buf, len);
    return 0;
}

static void h_irq(void *ctx, unsigned vector, uint64_t cycle)
{
    struct hostmem *hm = ctx;
    if (hm->nirq < sizeof(hm->irq) / sizeof(hm->irq[0])) {
        hm->irq[hm->nirq].vec = vector;
        hm->irq[hm->nirq].cyc = cycle;
    }
    hm->nirq++;
}

static void h_tx(void *ctx, unsigned vnic, const uint8_t *frame, uint32_t len, uint64_t cycle)
{
    struct hostmem *hm = ctx;
    if (hm->ntx == hm->captx) {
        hm->captx = hm->captx ? 2 * hm->captx : 64;
        hm->tx = realloc(hm->tx, hm->captx * sizeof(*hm->tx));
    }
    struct txcap *c = &hm->tx[hm->ntx++];
    c->vnic = vnic;
    c->len = len;
    c->cycle = cycle;
    c->data = malloc(len);
    memcpy(c->data, frame, len);
}

void tenv_init(struct tenv *e, const struct vnic_model_params *p)
{
    memset(e, 0, sizeof(*e));
    if (p)
        e->p = *p;
    else
        vnic_model_params_default(&e->p);
    e->hm.mem = calloc(1, HOSTMEM_BYTES);
    ck_assert_ptr_nonnull(e->hm.mem);
    struct vnic_host_ops ops = {h_read, h_write, h_irq, h_tx, &e->hm};
    char err[256];
    int rc = vnic_model_new(&e->p, &ops, &e->m, err, sizeof(err));
    ck_assert_msg(rc == 0, "vnic_model_new: %s", err);
    e->W = e->p.data_w / 8;
}

void tenv_free(struct tenv *e)
{
    vnic_model_free(e->m);
    for (unsigned i = 0; i < e->hm.ntx; i++)
        free(e->hm.tx[i].data);
    free(e->hm.tx);
    free(e->hm.mem);
    e->m = NULL;
}

/* ------------------------------------------------------------ registers */

static struct op *op_new(struct oplog *l)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 4096;
        l->v = realloc(l->v, l->cap * sizeof(*l->v));
        ck_assert_ptr_nonnull(l->v);
    }
    struct op *o = &l->v[l->n++];
    memset(o, 0, sizeof(*o));
    return o;
}

static void twr(struct tenv *e, uint32_t addr, uint32_t val)
{
    if (e->log) {
        struct op *o = op_new(e->log);
        o->kind = OP_WR;
        o->cycle = vnic_model_now(e->m);
        o->addr = addr;
        o->val = val;
    }
    vnic_model_reg_write(e->m, addr, val);
}

uint32_t pfr(struct tenv *e, uint32_t off) { return vnic_model_reg_read(e->m, VNIC_PF_BASE + off); }
void pfw(struct tenv *e, uint32_t off, uint32_t val) { twr(e, VNIC_PF_BASE + off, val); }
uint32_t vfr(struct tenv *e, unsigned v, uint32_t off) { return vnic_model_reg_read(e->m, VNIC_VF_BASE(v) + off); }
void vfw(struct tenv *e, unsigned v, uint32_t off, uint32_t val) { twr(e, VNIC_VF_BASE(v) + off, val); }

uint64_t gstat(struct tenv *e, uint32_t off_lo)
{
    uint64_t lo = pfr(e, off_lo);
    return lo | ((uint64_t)pfr(e, off_lo + 4) << 32);
}

uint64_t vstat(struct tenv *e, unsigned v, uint32_t off_lo)
{
    uint64_t lo = vfr(e, v, off_lo);
    return lo | ((uint64_t)vfr(e, v, off_lo + 4) << 32);
}

unsigned tcmd(struct tenv *e, unsigned v, unsigned op)
{
    pfw(e, VNIC_PF_G_VSEL, v);
    pfw(e, VNIC_PF_G_CMD, op);
    for (int i = 0; i < 1000000 && (pfr(e, VNIC_PF_G_CMD_STATUS) & VNIC_PF_G_CMD_STATUS_BUSY_MASK); i++)
        vnic_model_run_until(e->m, vnic_model_now(e->m) + 10);
    uint32_t st = pfr(e, VNIC_PF_G_CMD_STATUS);
    ck_assert_uint_eq(st & VNIC_PF_G_CMD_STATUS_BUSY_MASK, 0);
    return (st & VNIC_PF_G_CMD_STATUS_ERR_MASK) >> VNIC_PF_G_CMD_STATUS_ERR_LSB;
}

uint64_t tmac(unsigned v) { return 0x020000000000ull | (uint64_t)(v + 1); }

void tcfg_default(struct tenv *e, struct tcfg *c, unsigned v, unsigned n)
{
    memset(c, 0, sizeof(*c));
    c->mac = tmac(v);
    c->flags = VNIC_PF_STAGE_FLAGS_ENABLE_MASK | VNIC_PF_STAGE_FLAGS_BCAST_MASK |
               VNIC_PF_STAGE_FLAGS_MCAST_MASK;
    uint32_t rxs = (e->p.rx_buf_bytes / n) & ~63u, txs = (e->p.tx_buf_bytes / n) & ~63u;
    c->rx_base = v * rxs;
    c->rx_size = rxs;
    c->tx_base = v * txs;
    c->tx_size = txs;
    c->weight = 1;
    c->tx_weight = 1;
    c->sch_burst = 4096;
    c->nwin = 1;
    c->win[0].g = T_GBASE(v);
    c->win[0].h = T_HBASE(v);
    c->win[0].size = T_WIN_SIZE;
}

void tcfg_write(struct tenv *e, const struct tcfg *c)
{
    pfw(e, VNIC_PF_STAGE_FLAGS, c->flags);
    pfw(e, VNIC_PF_STAGE_MAC_LO, (uint32_t)c->mac);
    pfw(e, VNIC_PF_STAGE_MAC_HI, (uint32_t)(c->mac >> 32));
    pfw(e, VNIC_PF_STAGE_RX_BASE, c->rx_base);
    pfw(e, VNIC_PF_STAGE_RX_SIZE, c->rx_size);
    pfw(e, VNIC_PF_STAGE_TX_BASE, c->tx_base);
    pfw(e, VNIC_PF_STAGE_TX_SIZE, c->tx_size);
    pfw(e, VNIC_PF_STAGE_POL_RATE, c->pol_rate);
    pfw(e, VNIC_PF_STAGE_POL_BURST, c->pol_burst);
    pfw(e, VNIC_PF_STAGE_SCH_GUAR, c->guar);
    pfw(e, VNIC_PF_STAGE_SCH_CEIL, c->ceil);
    pfw(e, VNIC_PF_STAGE_SCH_BURST, c->sch_burst);
    pfw(e, VNIC_PF_STAGE_SCH_WEIGHT, c->weight);
    pfw(e, VNIC_PF_STAGE_TX_WEIGHT, c->tx_weight);
    pfw(e, VNIC_PF_STAGE_TX_RATE, c->tx_rate);
    pfw(e, VNIC_PF_STAGE_TX_BURST, c->tx_burst);
    for (unsigned w = 0; w < 4; w++) {
        uint64_t g = w < c->nwin ? c->win[w].g : 0, h = w < c->nwin ? c->win[w].h : 0;
        uint32_t s = w < c->nwin ? c->win[w].size : 0;
        pfw(e, VNIC_PF_STAGE_WIN_GBASE_LO(w), (uint32_t)g);
        pfw(e, VNIC_PF_STAGE_WIN_GBASE_HI(w), (uint32_t)(g >> 32));
        pfw(e, VNIC_PF_STAGE_WIN_HBASE_LO(w), (uint32_t)h);
        pfw(e, VNIC_PF_STAGE_WIN_HBASE_HI(w), (uint32_t)(h >> 32));
        pfw(e, VNIC_PF_STAGE_WIN_SIZE(w), s);
    }
}

unsigned tcommit(struct tenv *e, unsigned v, const struct tcfg *c)
{
    ck_assert_uint_eq(tcmd(e, v, VNIC_CMD_OP_LOAD), VNIC_CMD_ERR_OK);
    tcfg_write(e, c);
    return tcmd(e, v, VNIC_CMD_OP_COMMIT);
}

void tsetup(struct tenv *e, unsigned n)
{
    pfw(e, VNIC_PF_G_CTRL, VNIC_PF_G_CTRL_RX_EN_MASK | VNIC_PF_G_CTRL_TX_EN_MASK);
    for (unsigned v = 0; v < n; v++) {
        struct tcfg c;
        tcfg_default(e, &c, v, n);
        ck_assert_uint_eq(tcommit(e, v, &c), VNIC_CMD_ERR_OK);
    }
}

/* ------------------------------------------------------------ memory and rings */

uint64_t g2h(unsigned v, uint64_t g) { return T_HBASE(v) + (g - T_GBASE(v)); }

uint8_t *hptr(struct tenv *e, uint64_t h)
{
    ck_assert_uint_lt(h, HOSTMEM_BYTES);
    return e->hm.mem + h;
}

void tmem(struct tenv *e, uint64_t h, const void *src, size_t n)
{
    ck_assert_uint_le(h + n, HOSTMEM_BYTES);
    memcpy(e->hm.mem + h, src, n);
    if (e->log) {
        struct op *o = op_new(e->log);
        o->kind = OP_MEM;
        o->h = h;
        o->len = (uint32_t)n;
        o->data = malloc(n);
        memcpy(o->data, src, n);
    }
}

void herr_add(struct tenv *e, uint64_t a, uint64_t n)
{
    if (e->log) {
        struct op *o = op_new(e->log);
        o->kind = OP_HERR;
        o->h = a;
        o->len = (uint32_t)n;
    }
    ck_assert_uint_lt(e->hm.nerr, 8);
    e->hm.err[e->hm.nerr].a = a;
    e->hm.err[e->hm.nerr].n = n;
    e->hm.nerr++;
}

static void put_le(uint8_t *p, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

uint64_t rx_desc_g(unsigned v, uint32_t idx) { return T_GBASE(v) + T_RING_OFF + 16ull * idx; }
uint64_t tx_desc_g(unsigned v, uint32_t idx) { return T_GBASE(v) + T_TXRING_OFF + 16ull * idx; }

uint64_t rx_buf_g(unsigned v, uint32_t idx)
{
    return T_GBASE(v) + T_BUF_OFF + (uint64_t)(idx % 256u) * 2048u; /* big rings share buffers */
}

void rx_ring(struct tenv *e, unsigned v, unsigned log2, uint32_t buflen, uint32_t count)
{
    uint32_t size = 1u << log2;
    for (uint32_t i = 0; i < size; i++) {
        uint8_t d[16];
        memset(d, 0, 16);
        put_le(d, rx_buf_g(v, i), 8);
        put_le(d + 8, buflen, 2);
        tmem(e, g2h(v, rx_desc_g(v, i)), d, 16);
    }
    e->rx_log2[v] = log2;
    e->rx_buflen[v] = buflen;
    e->rx_next[v] = 0;
    uint64_t b = rx_desc_g(v, 0);
    vfw(e, v, VNIC_VF_RXR_BASE_LO, (uint32_t)b);
    vfw(e, v, VNIC_VF_RXR_BASE_HI, (uint32_t)(b >> 32));
    vfw(e, v, VNIC_VF_RXR_SIZE, log2);
    vfw(e, v, VNIC_VF_RXR_TAIL, count & (size - 1));
}

void rx_repost(struct tenv *e, unsigned v)
{
    uint32_t size = 1u << e->rx_log2[v];
    uint32_t head = vfr(e, v, VNIC_VF_RXR_HEAD);
    vfw(e, v, VNIC_VF_RXR_TAIL, (head + size - 1) & (size - 1));
}

uint16_t rx_status(struct tenv *e, unsigned v, uint32_t idx)
{
    uint8_t *d = hptr(e, g2h(v, rx_desc_g(v, idx)));
    return (uint16_t)(d[14] | (d[15] << 8));
}

uint16_t rx_len(struct tenv *e, unsigned v, uint32_t idx)
{
    uint8_t *d = hptr(e, g2h(v, rx_desc_g(v, idx)));
    return (uint16_t)(d[12] | (d[13] << 8));
}

void tx_ring(struct tenv *e, unsigned v, unsigned log2)
{
    e->tx_log2[v] = log2;
    e->tx_next[v] = 0;
    uint64_t b = tx_desc_g(v, 0);
    vfw(e, v, VNIC_VF_TXR_BASE_LO, (uint32_t)b);
    vfw(e, v, VNIC_VF_TXR_BASE_HI, (uint32_t)(b >> 32));
    vfw(e, v, VNIC_VF_TXR_SIZE, log2);
    vfw(e, v, VNIC_VF_TXR_TAIL, 0);
}

uint32_t tx_post(struct tenv *e, unsigned v, const uint8_t *frame, uint32_t n)
{
    uint32_t size = 1u << e->tx_log2[v];
    uint32_t idx = e->tx_next[v];
    uint64_t bg = T_GBASE(v) + T_TXBUF_OFF + (uint64_t)idx * 16384u;
    if (n)
        tmem(e, g2h(v, bg), frame, n);
    uint8_t d[16];
    memset(d, 0, 16);
    put_le(d, bg, 8);
    put_le(d + 8, n, 2);
    tmem(e, g2h(v, tx_desc_g(v, idx)), d, 16);
    e->tx_next[v] = (idx + 1) & (size - 1);
    vfw(e, v, VNIC_VF_TXR_TAIL, e->tx_next[v]);
    return idx;
}

/* ------------------------------------------------------------ frames */

void fix_fcs(uint8_t *buf, uint32_t L)
{
    uint32_t c = (uint32_t)crc32(0L, buf, L - 4);
    put_le(buf + L - 4, c, 4);
}

uint32_t mkframe(uint8_t *buf, uint64_t da, uint64_t sa, uint32_t L, uint32_t seed)
{
    for (int i = 0; i < 6; i++) {
        buf[i] = (uint8_t)(da >> (40 - 8 * i));
        buf[6 + i] = (uint8_t)(sa >> (40 - 8 * i));
    }
    buf[12] = 0x08;
    buf[13] = 0x00;
    uint32_t x = seed * 2654435761u + 12345u;
    for (uint32_t i = 14; i + 4 < L + 0u && i < L; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (uint8_t)(x >> 16);
    }
    if (L >= 18)
        fix_fcs(buf, L);
    return L;
}

void trx(struct tenv *e, uint64_t sof, const uint8_t *buf, uint32_t L, uint32_t flags)
{
    if (e->log) {
        struct op *o = op_new(e->log);
        o->kind = OP_RX;
        o->h = sof;
        o->len = L;
        o->flags = flags;
        o->data = malloc(L ? L : 1);
        memcpy(o->data, buf, L);
    }
    struct vnic_wire_frame f = {buf, L, flags};
    vnic_model_rx(e->m, sof, &f);
}

void trx_to(struct tenv *e, uint64_t sof, unsigned v, uint32_t L, uint32_t seed)
{
    static uint8_t buf[16384];
    mkframe(buf, tmac(v), 0x0A0000000001ull, L, seed);
    trx(e, sof, buf, L, 0);
}

/* ------------------------------------------------------------ conservation */

void check_conservation(struct tenv *e)
{
    char err[512];
    int rc = vnic_model_check_conservation(e->m, err, sizeof(err));
    ck_assert_msg(rc == 0, "model conservation: %s", err);
    uint64_t wire = gstat(e, VNIC_PF_GSTAT_DROP_FIFO_LO) + gstat(e, VNIC_PF_GSTAT_DROP_RXOFF_LO) +
                    gstat(e, VNIC_PF_GSTAT_DROP_MACERR_LO) + gstat(e, VNIC_PF_GSTAT_DROP_TKEEP_LO) +
                    gstat(e, VNIC_PF_GSTAT_DROP_RUNT_LO) + gstat(e, VNIC_PF_GSTAT_DROP_OVERSIZE_LO) +
                    gstat(e, VNIC_PF_GSTAT_DROP_FCS_LO) + gstat(e, VNIC_PF_GSTAT_DROP_NOMATCH_LO);
    uint64_t frames = gstat(e, VNIC_PF_GSTAT_RX_FRAMES_LO);
    ck_assert_uint_ge(frames, wire);
    uint64_t copies = gstat(e, VNIC_PF_GSTAT_RX_COPIES_LO), in = 0;
    for (unsigned v = 0; v < e->p.num_vnic; v++) {
        uint64_t rin = vstat(e, v, VNIC_VF_STAT_RX_IN_LO);
        in += rin;
        uint64_t sum = vstat(e, v, VNIC_VF_STAT_RX_FRAMES_LO) + vstat(e, v, VNIC_VF_STAT_DROP_POLICER_LO) +
                       vstat(e, v, VNIC_VF_STAT_DROP_NOBUF_LO) + vstat(e, v, VNIC_VF_STAT_DROP_HALTED_LO) +
                       vstat(e, v, VNIC_VF_STAT_DROP_BUFLEN_LO) + vnic_model_rx_pending(e->m, v);
        ck_assert_msg(rin == sum, "vnic %u: RX_IN %llu != delivered + drops + stored %llu", v,
                      (unsigned long long)rin, (unsigned long long)sum);
    }
    ck_assert_msg(copies == in, "RX_COPIES %llu != sum RX_IN %llu", (unsigned long long)copies,
                  (unsigned long long)in);
    /* classified frames: at least one copy each, at most one per vNIC */
    uint64_t classified = frames - wire;
    ck_assert_uint_le(classified, copies);
    ck_assert_uint_le(copies, classified * e->p.num_vnic);
}

/* ------------------------------------------------------------ event log */

static void evlog_cb(void *ctx, const struct vnic_ev *ev)
{
    struct evlog *l = ctx;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 1024;
        l->ev = realloc(l->ev, l->cap * sizeof(*l->ev));
        ck_assert_ptr_nonnull(l->ev);
    }
    l->ev[l->n++] = *ev;
}

void evlog_attach(struct tenv *e, struct evlog *l)
{
    memset(l, 0, sizeof(*l));
    vnic_model_set_observer(e->m, evlog_cb, l);
}

void evlog_free(struct evlog *l)
{
    free(l->ev);
    memset(l, 0, sizeof(*l));
}

size_t evlog_count(const struct evlog *l, enum vnic_ev_type t, long vnic)
{
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++)
        if (l->ev[i].type == t && (vnic < 0 || l->ev[i].vnic == (uint32_t)vnic))
            k++;
    return k;
}

/* ------------------------------------------------------------ record and replay */

static void oplog_cb(void *ctx, const struct vnic_ev *ev)
{
    struct oplog *l = ctx;
    struct op *o = op_new(l);
    o->kind = OP_EV;
    o->cycle = ev->cycle;
    o->ev = *ev;
}

void oplog_attach(struct tenv *e, struct oplog *l)
{
    memset(l, 0, sizeof(*l));
    e->log = l;
    vnic_model_set_observer(e->m, oplog_cb, l);
}

void oplog_free(struct oplog *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].data);
    free(l->v);
    memset(l, 0, sizeof(*l));
}

unsigned oplog_replay(const struct oplog *l, struct tenv *b, uint64_t end_cycle,
                      bool (*corrupt)(struct vnic_ev *ev, size_t i, void *ctx), void *ctx)
{
    vnic_model_set_mode(b->m, VNIC_MODEL_LOCKSTEP);
    size_t nev = 0;
    for (size_t i = 0; i < l->n; i++) {
        const struct op *o = &l->v[i];
        switch (o->kind) {
        case OP_EV: {
            struct vnic_ev ev = o->ev;
            if (corrupt)
                corrupt(&ev, nev, ctx);
            nev++;
            vnic_model_event(b->m, &ev);
            break;
        }
        case OP_WR:
            vnic_model_run_until(b->m, o->cycle);
            vnic_model_reg_write(b->m, o->addr, o->val);
            break;
        case OP_RX: {
            struct vnic_wire_frame f = {o->data, o->len, o->flags};
            vnic_model_rx(b->m, o->h, &f);
            break;
        }
        case OP_MEM:
            memcpy(b->hm.mem + o->h, o->data, o->len);
            break;
        case OP_HERR:
            herr_add(b, o->h, o->len);
            break;
        default:
            break;
        }
    }
    vnic_model_run_until(b->m, end_cycle);
    vnic_model_finish(b->m);
    return vnic_model_mismatches(b->m);
}
