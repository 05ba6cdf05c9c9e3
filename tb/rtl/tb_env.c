/* tb_env.c: RTL test environment, libvnic backend on the RTL, scoreboard
 * (see tb_env.h). */
#include "tb_env.h"

#include <stdlib.h>
#include <string.h>

#include "vnic_hostmem.h"
#include "vnic_model.h"

/* ---------------------------------------------------------------- config */

void tb_env_cfg_default(struct tb_env_cfg *c)
{
    memset(c, 0, sizeof *c);
    c->seed = 1;
    tb_axi_mem_cfg_default(&c->mem);
    c->lockstep = 2;
    c->cmp_reads = 1;
}

/* ---------------------------------------------------------------- model host */

static int model_host_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
    struct tb_env *e = ctx;
    for (unsigned i = 0; i < e->mem.nerr; i++) {
        const struct tb_mem_range *r = &e->mem.err[i];
        if ((r->kinds & 1) && addr < r->base + r->size && addr + len > r->base)
            return -1;
    }
    return vnic_hostmem_read(e->mhost, addr, buf, len);
}

static int model_host_write(void *ctx, uint64_t addr, const void *buf, size_t len)
{
    struct tb_env *e = ctx;
    for (unsigned i = 0; i < e->mem.nerr; i++) {
        const struct tb_mem_range *r = &e->mem.err[i];
        if ((r->kinds & 2) && addr < r->base + r->size && addr + len > r->base)
            return -1;
    }
    return vnic_hostmem_write(e->mhost, addr, buf, len);
}

static int txq_push(struct tb_tx_q *q, const uint8_t *data, uint32_t len, uint64_t cycle)
{
    if (q->n == q->cap) {
        size_t ncap = q->cap ? q->cap * 2 : 16;
        struct tb_tx_frame *nf = malloc(ncap * sizeof *nf);
        if (!nf)
            return -1;
        for (size_t i = 0; i < q->n; i++)
            nf[i] = q->f[(q->head + i) % q->cap];
        free(q->f);
        q->f = nf;
        q->cap = ncap;
        q->head = 0;
    }
    struct tb_tx_frame *f = &q->f[(q->head + q->n) % q->cap];
    f->data = malloc(len ? len : 1);
    if (!f->data)
        return -1;
    memcpy(f->data, data, len);
    f->len = len;
    f->cycle = cycle;
    q->n++;
    return 0;
}

static void txq_pop(struct tb_tx_q *q)
{
    free(q->f[q->head].data);
    q->head = (q->head + 1) % q->cap;
    q->n--;
}

static void txq_free(struct tb_tx_q *q)
{
    while (q->n)
        txq_pop(q);
    free(q->f);
    memset(q, 0, sizeof *q);
}

/* Compare the oldest unmatched TX frames of vNIC v on both sides. */
static void tx_match(struct tb_env *e, unsigned v)
{
    struct tb_tx_q *a = &e->tx_rtl[v], *b = &e->tx_model[v];
    while (a->n && b->n) {
        const struct tb_tx_frame *fa = &a->f[a->head], *fb = &b->f[b->head];
        if (fa->len != fb->len || memcmp(fa->data, fb->data, fa->len) != 0) {
            uint32_t i = 0;
            while (i < fa->len && i < fb->len && fa->data[i] == fb->data[i])
                i++;
            tb_mon_mismatch(&e->mon, "cycle %llu vNIC %u: TX frame %llu on the wire differs from "
                            "the model's (RTL %u bytes, model %u bytes, first difference at "
                            "byte %u)", (unsigned long long)fa->cycle, v,
                            (unsigned long long)e->mon.n.tx_sent[v] - a->n, fa->len, fb->len, i);
        }
        e->tx_matched++;
        txq_pop(a);
        txq_pop(b);
    }
}

static void model_host_tx(void *ctx, unsigned vnic, const uint8_t *frame, uint32_t len,
                          uint64_t cycle)
{
    struct tb_env *e = ctx;
    if (vnic >= e->num_vnic)
        return;
    txq_push(&e->tx_model[vnic], frame, len, cycle);
    tx_match(e, vnic);
}

/* ---------------------------------------------------------------- hooks */

static void on_src_sof(void *ctx, uint64_t seq, const struct tb_src_frame *f, uint64_t cycle)
{
    struct tb_env *e = ctx;
    (void)seq;
    if (e->model) {
        struct vnic_wire_frame wf = {f->data, f->len, f->flags};
        vnic_model_rx(e->model, cycle, &wf);
    }
}

static void on_axil_write(void *ctx, uint32_t addr, uint32_t val, uint64_t cycle)
{
    struct tb_env *e = ctx;
    (void)cycle;
    tb_mon_reg_write(&e->mon, addr, val);
}

static void on_axil_read(void *ctx, uint32_t addr, uint32_t val, uint64_t cycle)
{
    struct tb_env *e = ctx;
    if (!e->model)
        return;
    vnic_model_run_until(e->model, cycle);
    uint32_t mv = vnic_model_reg_read(e->model, addr);
    e->last_model_read = mv;
    if (e->cfg.cmp_reads && !tb_reg_volatile(addr) && mv != val)
        tb_mon_mismatch(&e->mon, "cycle %llu: register 0x%05x reads 0x%08x on the RTL, 0x%08x "
                        "on the model", (unsigned long long)cycle, addr, val, mv);
}

static void on_sink_frame(void *ctx, const uint8_t *data, uint32_t len, uint64_t cycle)
{
    struct tb_env *e = ctx;
    if (e->tx_pend) {
        tb_mon_mismatch(&e->mon, "cycle %llu: TX frame on the wire without TX_SENT",
                        (unsigned long long)e->tx_cur.cycle);
        free(e->tx_cur.data);
    }
    e->tx_cur.data = malloc(len ? len : 1);
    if (!e->tx_cur.data)
        return;
    memcpy(e->tx_cur.data, data, len);
    e->tx_cur.len = len;
    e->tx_cur.cycle = cycle;
    e->tx_pend = 1;
}

/* Hand vNIC v's active DMA windows (the model's, host side) to the
 * host-memory checker, in force from cycle `from`. */
static void load_windows(struct tb_env *e, unsigned v, uint64_t from)
{
    uint64_t base[TB_MEM_WIN_MAX], size[TB_MEM_WIN_MAX], g;
    unsigned n = 0;
    while (n < TB_MEM_WIN_MAX && vnic_model_window(e->model, v, n, &g, &base[n], &size[n]) == 0)
        n++;
    tb_axi_mem_set_windows(&e->mem, v, from, base, size, n);
}

/* Runs after the monitor each cycle: pairs a TX frame with its TX_SENT;
 * after a command (its CMD event, already applied to the model) the vNIC's
 * windows as the model has them from the next cycle on. */
static void env_sample(void *ctx, struct tb_sim *s)
{
    struct tb_env *e = ctx;
    const struct vnic_dut_pins *p = &s->pins;
    if (e->model && p->trc_cmd_valid && p->trc_cmd_vnic < e->num_vnic)
        load_windows(e, p->trc_cmd_vnic, s->cycle + 1);
    if (p->trc_rx_sof_valid || p->trc_rx_dec_valid || p->trc_rx_fifo_rel_valid ||
        p->trc_rx_stored_valid || p->trc_rx_grant_valid || p->trc_rx_free_valid ||
        p->trc_rx_cpl_valid || p->trc_tx_queued_valid || p->trc_tx_grant_valid ||
        p->trc_tx_sent_valid || p->trc_cmd_valid || p->trc_fault_valid || p->trc_irq_valid ||
        p->m_axi_rvalid || p->m_axi_bvalid || p->m_axi_awvalid || p->m_axi_arvalid ||
        p->m_axis_tx_tvalid || p->s_axis_rx_tvalid)
        e->last_activity = s->cycle;
    if (e->mon.tx_sent_pending && e->mon.last_tx_sent_cycle == s->cycle) {
        e->mon.tx_sent_pending = 0;
        unsigned v = e->mon.tx_sent_vnic;
        if (!e->tx_pend || e->tx_cur.cycle != s->cycle) {
            tb_mon_mismatch(&e->mon, "cycle %llu: TX_SENT vNIC %u without a frame ending on the "
                            "wire in that cycle", (unsigned long long)s->cycle, v);
        } else if (v < e->num_vnic) {
            if (e->on_tx)
                e->on_tx(e->on_tx_ctx, v, e->tx_cur.data, e->tx_cur.len, e->tx_cur.cycle);
            txq_push(&e->tx_rtl[v], e->tx_cur.data, e->tx_cur.len, e->tx_cur.cycle);
            free(e->tx_cur.data);
            e->tx_cur.data = NULL;
            e->tx_pend = 0;
            if (e->model)
                tx_match(e, v);
        }
    } else if (e->tx_pend && e->tx_cur.cycle != s->cycle) {
        tb_mon_mismatch(&e->mon, "cycle %llu: TX frame on the wire without TX_SENT in its last "
                        "beat's cycle", (unsigned long long)e->tx_cur.cycle);
        free(e->tx_cur.data);
        e->tx_cur.data = NULL;
        e->tx_pend = 0;
    }
}

/* ---------------------------------------------------------------- bus ops */

static uint32_t bus_read32(void *ctx, uint32_t addr)
{
    return tb_env_rd(ctx, addr);
}

static void bus_write32(void *ctx, uint32_t addr, uint32_t val)
{
    tb_env_wr(ctx, addr, val);
}

static int bus_mem_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
    struct tb_env *e = ctx;
    return vnic_hostmem_read(e->host, addr, buf, len);
}

static int bus_mem_write(void *ctx, uint64_t addr, const void *buf, size_t len)
{
    struct tb_env *e = ctx;
    int r = vnic_hostmem_write(e->host, addr, buf, len);
    if (r == 0 && e->mhost)
        r = vnic_hostmem_write(e->mhost, addr, buf, len);
    return r;
}

static void bus_advance(void *ctx, uint64_t cycles)
{
    struct tb_env *e = ctx;
    tb_sim_run(&e->sim, cycles ? cycles : 1);
}

static unsigned bus_irq_take(void *ctx, unsigned vector)
{
    struct tb_env *e = ctx;
    if (vector >= TB_IRQ_VECTORS)
        return 0;
    unsigned n = e->irq.pending[vector];
    e->irq.pending[vector] = 0;
    return n;
}

static const struct vnic_bus_ops rtl_bus_ops = {
    bus_read32, bus_write32, bus_mem_read, bus_mem_write, bus_advance, bus_irq_take,
};

/* ---------------------------------------------------------------- life */

int tb_env_init(struct tb_env *e, const struct tb_env_cfg *c, char *err, size_t errlen)
{
    memset(e, 0, sizeof *e);
    e->cfg = *c;
    struct tb_sim_cfg sc;
    tb_sim_cfg_default(&sc);
    sc.timeout = c->timeout;
    sc.waves = c->waves;
    if (tb_sim_init(&e->sim, &sc, err, errlen))
        return -1;
    e->num_vnic = e->sim.par->num_vnic;
    e->w = e->sim.w;
    e->host = vnic_hostmem_new(0);
    if (!e->host) {
        snprintf(err, errlen, "out of memory (host memory)");
        goto fail;
    }
    if (c->lockstep) {
        e->mhost = vnic_hostmem_new(0);
        if (!e->mhost) {
            snprintf(err, errlen, "out of memory (model host memory)");
            goto fail;
        }
        struct vnic_model_params mp;
        vnic_model_params_default(&mp);
        const struct vnic_dut_params *dp = e->sim.par;
        mp.num_vnic = dp->num_vnic;
        mp.data_w = dp->data_w;
        mp.rx_buf_bytes = dp->rx_buf_bytes;
        mp.tx_buf_bytes = dp->tx_buf_bytes;
        mp.rx_fifo_bytes = dp->rx_fifo_bytes;
        mp.max_frame = dp->max_frame;
        mp.num_win = dp->num_win;
        struct vnic_host_ops ho;
        memset(&ho, 0, sizeof ho);
        ho.read = model_host_read;
        ho.write = model_host_write;
        ho.tx = model_host_tx;
        ho.ctx = e;
        char merr[256];
        if (vnic_model_new(&mp, &ho, &e->model, merr, sizeof merr)) {
            e->model = NULL;
            if (c->lockstep == 1) {
                snprintf(err, errlen, "model: %s", merr);
                goto fail;
            }
            snprintf(e->model_note, sizeof e->model_note, "%s", merr);
        } else {
            vnic_model_set_mode(e->model, VNIC_MODEL_LOCKSTEP);
        }
    }
    tb_axil_init(&e->axil, &e->sim);
    e->axil.on_write = on_axil_write;
    e->axil.on_read = on_axil_read;
    e->axil.hook_ctx = e;
    tb_axi_mem_init(&e->mem, &e->sim, &c->mem, e->host);
    if (tb_axis_src_init(&e->src, &e->sim) ||
        tb_axis_sink_init(&e->sink, &e->sim, c->p_tx_stall, c->seed) ||
        tb_mon_init(&e->mon, &e->sim)) {
        snprintf(err, errlen, "out of memory (BFMs)");
        goto fail;
    }
    e->src.on_sof = on_src_sof;
    e->src.hook_ctx = e;
    e->sink.on_frame = on_sink_frame;
    e->sink.hook_ctx = e;
    tb_irq_sink_init(&e->irq, &e->sim, c->p_irq_stall, c->seed);
    e->mon.model = e->model;
    e->mon.src = &e->src;
    for (unsigned v = 0; e->model && v < e->num_vnic; v++)
        load_windows(e, v, 0);
    e->mon.log = c->event_log;

    struct tb_agent ag[] = {
        tb_axil_agent(&e->axil), tb_axi_mem_agent(&e->mem), tb_axis_src_agent(&e->src),
        tb_axis_sink_agent(&e->sink), tb_irq_sink_agent(&e->irq), tb_mon_agent(&e->mon),
        {"env", NULL, env_sample, e},
    };
    for (unsigned i = 0; i < sizeof ag / sizeof ag[0]; i++)
        tb_sim_add_agent(&e->sim, &ag[i]);
    e->bus.ops = &rtl_bus_ops;
    e->bus.ctx = e;
    return 0;
fail:
    tb_env_fini(e);
    return -1;
}

void tb_env_fini(struct tb_env *e)
{
    tb_sim_fini(&e->sim);
    tb_axi_mem_fini(&e->mem);
    if (e->src.q)
        tb_axis_src_fini(&e->src);
    tb_axis_sink_fini(&e->sink);
    if (e->mon.sim)
        tb_mon_fini(&e->mon);
    if (e->model)
        vnic_model_free(e->model);
    if (e->host)
        vnic_hostmem_free(e->host);
    if (e->mhost)
        vnic_hostmem_free(e->mhost);
    for (unsigned v = 0; v < TB_MON_MAX_VNIC; v++) {
        txq_free(&e->tx_rtl[v]);
        txq_free(&e->tx_model[v]);
    }
    free(e->tx_cur.data);
    e->model = NULL;
    e->host = e->mhost = NULL;
}

int tb_env_declare_vm(struct tb_env *e, unsigned v, const struct vnic_vm *vm)
{
    for (unsigned i = 0; i < vm->nregions; i++)
        if (tb_axi_mem_add_legal(&e->mem, (int)v, vm->region[i].hbase, vm->region[i].size))
            return -1;
    return 0;
}

int tb_env_push_frame(struct tb_env *e, const uint8_t *data, uint32_t len, uint32_t flags,
                      uint64_t start)
{
    return tb_axis_src_push(&e->src, data, len, flags, start);
}

void tb_env_run(struct tb_env *e, uint64_t cycles)
{
    tb_sim_run(&e->sim, cycles);
}

int tb_env_run_idle(struct tb_env *e, uint64_t quiet, uint64_t max)
{
    uint64_t end = e->sim.cycle + max;
    while (!tb_sim_stopped(&e->sim) && e->sim.cycle < end) {
        if (!tb_axis_src_pending(&e->src) && !e->src.active && !tb_axi_mem_busy(&e->mem) &&
            e->sim.cycle >= e->last_activity + quiet)
            return 0;
        tb_sim_step(&e->sim);
    }
    return -1;
}

uint32_t tb_env_rd(struct tb_env *e, uint32_t addr)
{
    uint32_t v = 0;
    if (tb_axil_read32(&e->axil, addr, &v) > 0)
        tb_mon_mismatch(&e->mon, "cycle %llu: AXI4-Lite read of 0x%05x answered %u (must be "
                        "OKAY)", (unsigned long long)e->sim.cycle, addr, e->axil.resp);
    return v;
}

void tb_env_wr(struct tb_env *e, uint32_t addr, uint32_t val)
{
    if (tb_axil_write32(&e->axil, addr, val) > 0)
        tb_mon_mismatch(&e->mon, "cycle %llu: AXI4-Lite write of 0x%05x answered %u (must be "
                        "OKAY)", (unsigned long long)e->sim.cycle, addr, e->axil.resp);
}

uint64_t tb_env_rd64(struct tb_env *e, uint32_t addr_lo)
{
    uint64_t lo = tb_env_rd(e, addr_lo);
    uint64_t hi = tb_env_rd(e, addr_lo + 4);
    return lo | hi << 32;
}

uint64_t tb_env_mismatches(const struct tb_env *e)
{
    return tb_mon_mismatches(&e->mon);
}
