/* tb_axi_mem.c: AXI4 host-memory slave BFM with protocol and address
 * checker (see tb_bfm.h).
 *
 * Reads: an accepted AR burst answers from cycle (accept + rlat) on, bursts in
 * the order accepted, one beat per cycle unless a random gap withholds RVALID.
 * Writes: W beats belong to the oldest AW burst still short of data (the
 * slave takes W only behind an accepted AW); the B response is ready wlat
 * cycles after the last W beat. A burst's data is held until its B response
 * is issued and lands in the vnic_hostmem then (the device may consider the
 * write done only at B); a burst answered with an error writes nothing.
 * Every burst records its requester (the user bits of its AR / AW); with the
 * window sets of tb_axi_mem_set_windows() the burst must lie inside one of
 * its requester's windows in force when its valid was first presented. */
#include "tb_bfm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vnic_hostmem.h"

void tb_axi_mem_cfg_default(struct tb_axi_mem_cfg *c)
{
    memset(c, 0, sizeof *c);
    c->rlat = 157;
    c->wlat = 157;
    c->max_rd = 32;
    c->max_wr = 32;
    c->seed = 1;
}

void tb_axi_mem_init(struct tb_axi_mem *m, struct tb_sim *s, const struct tb_axi_mem_cfg *c,
                     struct vnic_hostmem *mem)
{
    memset(m, 0, sizeof *m);
    m->sim = s;
    m->cfg = *c;
    if (m->cfg.max_rd == 0 || m->cfg.max_rd > TB_MEM_QDEPTH)
        m->cfg.max_rd = TB_MEM_QDEPTH;
    if (m->cfg.max_wr == 0 || m->cfg.max_wr > TB_MEM_QDEPTH)
        m->cfg.max_wr = TB_MEM_QDEPTH;
    m->mem = mem;
    m->check_legal = 1;
    m->win_horizon = TB_MEM_WIN_HORIZON;
    vnic_prng_seed_stream(&m->rng, c->seed, 0x41584934u);
}

int tb_axi_mem_add_legal(struct tb_axi_mem *m, int vnic, uint64_t base, uint64_t size)
{
    if (m->nlegal >= TB_MEM_MAX_RANGES)
        return -1;
    struct tb_mem_range r = {base, size, vnic, 0};
    m->legal[m->nlegal++] = r;
    return 0;
}

void tb_axi_mem_clear_legal(struct tb_axi_mem *m) { m->nlegal = 0; }

int tb_axi_mem_set_windows(struct tb_axi_mem *m, unsigned v, uint64_t from, const uint64_t *base,
                           const uint64_t *size, unsigned n)
{
    if (v >= TB_MEM_MAX_VNIC || n > TB_MEM_WIN_MAX)
        return -1;
    struct tb_mem_winset ws;
    memset(&ws, 0, sizeof ws);
    ws.from = from;
    for (unsigned i = 0; i < n; i++) {
        ws.base[i] = base[i];
        ws.size[i] = size[i];
    }
    m->check_win = 1;
    unsigned k = m->nwin[v];
    struct tb_mem_winset *set = m->win[v];
    if (k && !memcmp(set[k - 1].base, ws.base, sizeof ws.base) &&
        !memcmp(set[k - 1].size, ws.size, sizeof ws.size))
        return 0;
    if (k && set[k - 1].from >= from) {
        set[k - 1] = ws;            /* replaced before it came into force */
        return 0;
    }
    if (k == TB_MEM_WIN_SETS) {     /* the oldest set is forgotten */
        memmove(&set[0], &set[1], (TB_MEM_WIN_SETS - 1) * sizeof set[0]);
        k--;
    }
    set[k] = ws;
    m->nwin[v] = k + 1;
    return 0;
}

int tb_axi_mem_add_error(struct tb_axi_mem *m, uint64_t base, uint64_t size, unsigned resp,
                         unsigned kinds)
{
    if (m->nerr >= sizeof m->err / sizeof m->err[0] || size == 0)
        return -1;
    struct tb_mem_range r = {base, size, (int)resp, kinds};
    m->err[m->nerr++] = r;
    return 0;
}

void tb_axi_mem_fini(struct tb_axi_mem *m)
{
    for (unsigned i = 0; i < m->wq_n; i++) {
        struct tb_axi_burst *b = &m->wq[(m->wq_head + i) % TB_MEM_QDEPTH];
        free(b->stage);
        b->stage = NULL;
    }
    for (unsigned i = 0; i < m->bq_n; i++) {
        struct tb_axi_burst *b = &m->bq[(m->bq_head + i) % TB_MEM_QDEPTH];
        free(b->stage);
        b->stage = NULL;
    }
    m->wq_n = m->wq_data = m->bq_n = 0;
}

/* Write a burst's staged data (the strobed bytes, in runs) into the memory
 * as its B response is issued; a failing write turns the response to SLVERR. */
static void apply_burst(struct tb_axi_mem *m, struct tb_axi_burst *b)
{
    const uint8_t *data = b->stage, *strb = b->stage + b->span;
    uint32_t i = 0;
    while (!b->resp && i < b->span) {
        if (!strb[i]) {
            i++;
            continue;
        }
        uint32_t j = i;
        while (j < b->span && strb[j])
            j++;
        if (vnic_hostmem_write(m->mem, b->base + i, data + i, j - i) != 0) {
            b->resp = 2;
        } else {
            m->wr_bytes += j - i;
            if (m->on_write)
                m->on_write(m->hook_ctx, b->base + i, data + i, j - i);
        }
        i = j;
    }
    free(b->stage);
    b->stage = NULL;
}

int tb_axi_mem_busy(const struct tb_axi_mem *m)
{
    return m->rq_n || m->wq_n || m->bq_n;
}

static int chance(struct tb_axi_mem *m, double p)
{
    return p > 0 && vnic_prng_unit(&m->rng) < p;
}

/* End (exclusive) of the bytes an INCR burst covers. */
static uint64_t burst_end(uint64_t addr, unsigned len, unsigned size)
{
    uint64_t a = addr & ~(((uint64_t)1 << size) - 1);
    return a + ((uint64_t)(len + 1) << size);
}

static const char *legal_owner(const struct tb_axi_mem *m, uint64_t lo, uint64_t hi, int *owner)
{
    for (unsigned i = 0; i < m->nlegal; i++) {
        const struct tb_mem_range *r = &m->legal[i];
        if (lo >= r->base && hi <= r->base + r->size && hi >= lo) {
            *owner = r->owner;
            return NULL;
        }
    }
    return "outside every legal range";
}

/* Nonzero when host [lo, hi) lies inside one window of vNIC v in a set in
 * force at cycle t, or replaced at most win_horizon cycles before t. */
static int in_windows(const struct tb_axi_mem *m, unsigned v, uint64_t lo, uint64_t hi, uint64_t t)
{
    const struct tb_mem_winset *set = m->win[v];
    unsigned n = m->nwin[v];
    for (unsigned k = 0; k < n; k++) {
        if (set[k].from > t)
            break;
        /* set k was replaced at cycle set[k+1].from (in force until the cycle before) */
        if (k + 1 < n && set[k + 1].from <= t && set[k + 1].from + m->win_horizon <= t)
            continue;
        for (unsigned i = 0; i < TB_MEM_WIN_MAX; i++)
            if (set[k].size[i] && lo >= set[k].base[i] && hi >= lo &&
                hi - set[k].base[i] <= set[k].size[i])
                return 1;
    }
    return 0;
}

static uint8_t error_resp(const struct tb_axi_mem *m, uint64_t lo, uint64_t hi, unsigned kind)
{
    for (unsigned i = 0; i < m->nerr; i++) {
        const struct tb_mem_range *r = &m->err[i];
        if ((r->kinds & kind) && lo < r->base + r->size && hi > r->base)
            return (uint8_t)r->owner;
    }
    return 0;
}

/* Checks common to AW and AR at the handshake; returns 0 when the burst is
 * acceptable (a failure has been recorded otherwise). */
static int check_burst(struct tb_axi_mem *m, const char *ch, uint64_t addr, unsigned len,
                       unsigned size, unsigned burst, unsigned user, uint64_t since)
{
    struct tb_sim *s = m->sim;
    unsigned long long c = (unsigned long long)s->cycle;
    unsigned wlog = 0;
    while ((1u << wlog) < s->w)
        wlog++;
    if (burst != 1) {
        tb_sim_fail(s, "cycle %llu: AXI %s burst type %u at 0x%llx (only INCR allowed)", c, ch,
                    burst, (unsigned long long)addr);
        return -1;
    }
    if (size > wlog) {
        tb_sim_fail(s, "cycle %llu: AXI %s size %u wider than the %u-byte bus at 0x%llx", c, ch,
                    size, s->w, (unsigned long long)addr);
        return -1;
    }
    uint64_t end = burst_end(addr, len, size);
    if ((addr >> 12) != ((end - 1) >> 12)) {
        tb_sim_fail(s, "cycle %llu: AXI %s burst 0x%llx len %u size %u crosses a 4 KiB boundary",
                    c, ch, (unsigned long long)addr, len + 1, 1u << size);
        return -1;
    }
    int owner = -1;
    if (m->check_legal && legal_owner(m, addr, end, &owner)) {
        tb_sim_fail(s, "cycle %llu: AXI %s to host [0x%llx, 0x%llx) outside every range the test "
                    "declared legal", c, ch, (unsigned long long)addr, (unsigned long long)end);
        return -1;
    }
    if (m->check_win && (user >= s->par->num_vnic || user >= TB_MEM_MAX_VNIC ||
                         !in_windows(m, user, addr, end, since))) {
        m->win_errors++;
        tb_sim_fail(s, "cycle %llu: AXI %s by vNIC %u of host [0x%llx, 0x%llx) (%llu bytes, "
                    "issued at cycle %llu) outside every DMA window of vNIC %u", c, ch, user,
                    (unsigned long long)addr, (unsigned long long)end,
                    (unsigned long long)(end - addr), (unsigned long long)since, user);
        return -1;
    }
    return 0;
}

static void mem_drive(void *ctx, struct tb_sim *s)
{
    struct tb_axi_mem *m = ctx;
    struct vnic_dut_pins *p = &s->pins;

    p->m_axi_arready = (uint8_t)(m->rq_n < m->cfg.max_rd && !chance(m, m->cfg.p_ar_stall));
    p->m_axi_awready = (uint8_t)(m->wq_n + m->bq_n < m->cfg.max_wr && !chance(m, m->cfg.p_aw_stall));
    /* W only behind an AW still short of data */
    p->m_axi_wready = (uint8_t)(m->wq_data < m->wq_n && !chance(m, m->cfg.p_w_stall));

    /* R: keep a presented beat until taken */
    if (!p->m_axi_rvalid && m->rq_n) {
        struct tb_axi_burst *b = &m->rq[m->rq_head];
        if (b->ready <= s->cycle && !chance(m, m->cfg.p_r_gap)) {
            uint64_t a = (b->addr & ~(uint64_t)(s->w - 1)) + (uint64_t)b->beat * (1u << b->size);
            a &= ~(uint64_t)(s->w - 1);
            uint8_t buf[VNIC_DUT_MAX_W];
            memset(buf, 0, sizeof buf);
            uint8_t resp = b->resp;
            if (!resp && vnic_hostmem_read(m->mem, a, buf, s->w) != 0)
                resp = 2;
            if (resp)
                memset(buf, 0, sizeof buf);
            memcpy(p->m_axi_rdata, buf, sizeof p->m_axi_rdata);
            p->m_axi_rid = b->id;
            p->m_axi_rresp = resp;
            p->m_axi_rlast = (uint8_t)(b->beat == b->len);
            p->m_axi_rvalid = 1;
        }
    }
    if (!p->m_axi_bvalid && m->bq_n) {
        struct tb_axi_burst *b = &m->bq[m->bq_head];
        if (b->ready <= s->cycle && !chance(m, m->cfg.p_b_gap)) {
            if (b->stage)
                apply_burst(m, b);
            p->m_axi_bid = b->id;
            p->m_axi_bresp = b->resp;
            p->m_axi_bvalid = 1;
        }
    }
}

static void write_beat(struct tb_axi_mem *m, struct tb_axi_burst *b, const uint32_t *wdata,
                       uint32_t strb)
{
    struct tb_sim *s = m->sim;
    uint64_t base = (b->addr & ~(uint64_t)((1u << b->size) - 1)) + (uint64_t)b->beat * (1u << b->size);
    base &= ~(uint64_t)(s->w - 1);
    const uint8_t *bytes = (const uint8_t *)wdata;
    unsigned i = 0;
    while (i < s->w) {
        if (!(strb >> i & 1)) {
            i++;
            continue;
        }
        unsigned j = i;
        while (j < s->w && (strb >> j & 1))
            j++;
        uint64_t lo = base + i, hi = base + j;
        int owner;
        if (m->check_legal && legal_owner(m, lo, hi, &owner)) {
            tb_sim_fail(s, "cycle %llu: AXI write data to host [0x%llx, 0x%llx) outside every "
                        "range the test declared legal", (unsigned long long)s->cycle,
                        (unsigned long long)lo, (unsigned long long)hi);
            return;
        }
        if (!b->resp && b->stage && lo >= b->base && hi <= b->base + b->span) {
            memcpy(b->stage + (lo - b->base), bytes + i, j - i);
            memset(b->stage + b->span + (lo - b->base), 1, j - i);
        } else if (!b->resp) {
            b->resp = 2;   /* strobed bytes outside the burst's own span */
        }
        i = j;
    }
}

static void mem_sample(void *ctx, struct tb_sim *s)
{
    struct tb_axi_mem *m = ctx;
    const struct vnic_dut_pins *p = &s->pins;
    unsigned long long c = (unsigned long long)s->cycle;

    /* valid held with stable payload until ready */
    if (m->ar_pend && (!p->m_axi_arvalid || p->m_axi_araddr != m->ar_addr ||
                       p->m_axi_arlen != m->ar_len || p->m_axi_arid != m->ar_id ||
                       p->m_axi_aruser != m->ar_user)) {
        tb_sim_fail(s, "cycle %llu: AXI ARVALID dropped or AR changed before ARREADY", c);
        return;
    }
    if (m->aw_pend && (!p->m_axi_awvalid || p->m_axi_awaddr != m->aw_addr ||
                       p->m_axi_awlen != m->aw_len || p->m_axi_awid != m->aw_id ||
                       p->m_axi_awuser != m->aw_user)) {
        tb_sim_fail(s, "cycle %llu: AXI AWVALID dropped or AW changed before AWREADY", c);
        return;
    }
    if (m->w_pend && (!p->m_axi_wvalid || p->m_axi_wstrb != m->w_strb || p->m_axi_wlast != m->w_last ||
                      memcmp(p->m_axi_wdata, m->w_data, s->w) != 0)) {
        tb_sim_fail(s, "cycle %llu: AXI WVALID dropped or W changed before WREADY", c);
        return;
    }
    /* the cycle a request was first presented: its issue cycle */
    uint64_t ar_since = m->ar_pend ? m->ar_since : s->cycle;
    uint64_t aw_since = m->aw_pend ? m->aw_since : s->cycle;
    m->ar_pend = p->m_axi_arvalid && !p->m_axi_arready;
    m->ar_addr = p->m_axi_araddr; m->ar_len = p->m_axi_arlen; m->ar_id = p->m_axi_arid;
    m->ar_user = p->m_axi_aruser; m->ar_since = ar_since;
    m->aw_pend = p->m_axi_awvalid && !p->m_axi_awready;
    m->aw_addr = p->m_axi_awaddr; m->aw_len = p->m_axi_awlen; m->aw_id = p->m_axi_awid;
    m->aw_user = p->m_axi_awuser; m->aw_since = aw_since;
    m->w_pend = p->m_axi_wvalid && !p->m_axi_wready;
    if (m->w_pend) {
        memcpy(m->w_data, p->m_axi_wdata, sizeof m->w_data);
        m->w_strb = p->m_axi_wstrb;
        m->w_last = p->m_axi_wlast;
    }

    /* AR */
    if (p->m_axi_arvalid && p->m_axi_arready) {
        if (check_burst(m, "read", p->m_axi_araddr, p->m_axi_arlen, p->m_axi_arsize,
                        p->m_axi_arburst, p->m_axi_aruser, ar_since))
            return;
        struct tb_axi_burst *b = &m->rq[(m->rq_head + m->rq_n) % TB_MEM_QDEPTH];
        m->rq_n++;
        if (m->rq_n > m->max_rd_seen)
            m->max_rd_seen = m->rq_n;
        b->addr = p->m_axi_araddr;
        b->id = p->m_axi_arid;
        b->user = p->m_axi_aruser;
        b->len = p->m_axi_arlen;
        b->size = p->m_axi_arsize;
        b->beat = 0;
        b->ready = s->cycle + m->cfg.rlat;
        b->resp = error_resp(m, b->addr, burst_end(b->addr, b->len, b->size), 1);
        m->rd_bursts++;
        m->rd_by[b->user % TB_MEM_MAX_VNIC]++;
        m->rd_bytes += (uint64_t)(b->len + 1) << b->size;
    }
    /* R */
    if (p->m_axi_rvalid && p->m_axi_rready) {
        m->r_beats++;
        struct tb_axi_burst *b = &m->rq[m->rq_head];
        if (b->resp || p->m_axi_rresp)
            m->err_resp++;
        if (b->beat == b->len) {
            m->rq_head = (m->rq_head + 1) % TB_MEM_QDEPTH;
            m->rq_n--;
        } else {
            b->beat++;
        }
        s->pins.m_axi_rvalid = 0;
    }
    /* AW */
    if (p->m_axi_awvalid && p->m_axi_awready) {
        if (check_burst(m, "write", p->m_axi_awaddr, p->m_axi_awlen, p->m_axi_awsize,
                        p->m_axi_awburst, p->m_axi_awuser, aw_since))
            return;
        struct tb_axi_burst *b = &m->wq[(m->wq_head + m->wq_n) % TB_MEM_QDEPTH];
        m->wq_n++;
        b->addr = p->m_axi_awaddr;
        b->id = p->m_axi_awid;
        b->user = p->m_axi_awuser;
        b->len = p->m_axi_awlen;
        b->size = p->m_axi_awsize;
        b->beat = 0;
        b->ready = 0;
        b->resp = error_resp(m, b->addr, burst_end(b->addr, b->len, b->size), 2);
        b->base = b->addr & ~(uint64_t)(s->w - 1);
        b->span = (uint32_t)(burst_end(b->addr, b->len, b->size) - b->base + s->w);
        b->stage = b->resp ? NULL : calloc(2, b->span);
        if (!b->resp && !b->stage) {
            tb_sim_fail(s, "cycle %llu: out of memory staging an AXI write burst", c);
            return;
        }
        m->wr_bursts++;
        m->wr_by[b->user % TB_MEM_MAX_VNIC]++;
    }
    /* W (wready was only offered with an AW short of data) */
    if (p->m_axi_wvalid && p->m_axi_wready) {
        m->w_beats++;
        struct tb_axi_burst *b = &m->wq[(m->wq_head + m->wq_data) % TB_MEM_QDEPTH];
        int last = b->beat == b->len;
        if (!!p->m_axi_wlast != last) {
            tb_sim_fail(s, "cycle %llu: AXI WLAST=%u on beat %u of a %u-beat burst to 0x%llx", c,
                        p->m_axi_wlast, b->beat + 1, b->len + 1, (unsigned long long)b->addr);
            return;
        }
        write_beat(m, b, p->m_axi_wdata, p->m_axi_wstrb);
        if (last) {
            b->ready = s->cycle + m->cfg.wlat;
            m->wq_data++;
        } else {
            b->beat++;
        }
    }
    /* move complete write bursts (in order) to the B queue */
    while (m->wq_data > 0) {
        struct tb_axi_burst *b = &m->wq[m->wq_head];
        m->bq[(m->bq_head + m->bq_n) % TB_MEM_QDEPTH] = *b;
        m->bq_n++;
        m->wq_head = (m->wq_head + 1) % TB_MEM_QDEPTH;
        m->wq_n--;
        m->wq_data--;
    }
    /* B */
    if (p->m_axi_bvalid && p->m_axi_bready) {
        if (m->bq[m->bq_head].resp)
            m->err_resp++;
        m->bq_head = (m->bq_head + 1) % TB_MEM_QDEPTH;
        m->bq_n--;
        s->pins.m_axi_bvalid = 0;
    }
}

struct tb_agent tb_axi_mem_agent(struct tb_axi_mem *m)
{
    struct tb_agent ag = {"axi_mem", mem_drive, mem_sample, m};
    return ag;
}
