/* tb_bench.c: RTL benchmarks (make bench): RX delivered throughput as a
 * fraction of the physical limit W*L/(L+20) for 64..9018-byte frames with 8
 * vNICs and 1 us (157-cycle) host latency, RX latency p50/p99 (last byte in
 * -> completion visible), and the simulation speed of the Verilated device
 * (cycles/s, frames/s). Writes a Markdown report.
 *
 * Usage: tb_bench [--quick] [--seed N] [REPORT.md] */
#include "tb_test.h"

#include <time.h>

/* CPU seconds of this process: the simulation speed is CPU time per
 * simulated cycle, so other jobs sharing the machine do not skew it. */
static double bench_cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The "## History" section of an existing report (kept by hand: earlier
 * measurements with what changed), from its heading to the end; NULL when
 * there is none. The caller frees it. */
static char *bench_history(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    if (buf)
        n = fread(buf, 1, cap, f);
    fclose(f);
    if (!buf)
        return NULL;
    buf[n] = '\0';
    const char *h = strstr(buf, "\n## History\n");
    if (!h) {
        free(buf);
        return NULL;
    }
    memmove(buf, h + 1, strlen(h + 1) + 1);
    return buf;
}

static const uint32_t bench_sizes[] = {64, 65, 128, 256, 512, 1024, 1518, 9018};
#define NSIZES (sizeof bench_sizes / sizeof bench_sizes[0])

struct bench_row {
    uint32_t len;
    uint64_t frames, delivered, drops, cycles;
    double frac, p50, p99, cps, fps;
};

static void bench_one(struct tb_t *t, uint32_t len, struct bench_row *row)
{
    struct tb_env *e = t->env;
    memset(row, 0, sizeof *row);
    row->len = len;
    struct tb_sys s;
    struct tb_sys_cfg c;
    tb_sys_cfg_default(&c);
    c.nvnic = e->num_vnic < 8 ? e->num_vnic : 8;
    c.ring_log2 = len > 2048 ? 6 : 9;
    c.buf_size = len > 2048 ? 9216 : 2048;
    c.max_frame = len > 1522 ? 9022 : 0;
    char err[256];
    if (tb_sys_up(&s, e, &c, err, sizeof err)) {
        TB_CHECK(t, 0, "bring-up for %u-byte frames: %s", len, err);
        return;
    }
    /* frames at the physical limit, round robin over the vNICs */
    uint64_t target = t->o->quick ? 60000 : 400000;   /* cycles of wire time */
    uint64_t per = (len + 20 + e->w - 1) / e->w;
    uint64_t n = target / per;
    if (n < 40)
        n = 40;
    uint8_t *buf = malloc(len);
    uint64_t bt = (e->sim.cycle + 16) * e->w;   /* byte time */
    uint64_t cpl0[32];
    for (unsigned v = 0; v < s.n; v++)
        cpl0[v] = e->mon.n.cpl[v];
    uint64_t t_first = UINT64_MAX;
    double w0 = bench_cpu_seconds();
    uint64_t c0 = e->sim.cycle;
    for (uint64_t k = 0; k < n && !tb_sim_stopped(&e->sim); k++) {
        unsigned v = (unsigned)(k % s.n);
        tb_make_frame(buf, len, s.mac[v], k);
        uint64_t start = (bt + e->w - 1) / e->w;
        if (t_first == UINT64_MAX)
            t_first = start;
        tb_env_push_frame(e, buf, len, 0, start);
        bt += len + 20;
        while (tb_axis_src_pending(&e->src) > 32 && !tb_sim_stopped(&e->sim)) {
            tb_env_run(e, 100);
            tb_sys_poll(&s);
            if (e->src.frames_sent == 0 && e->sim.cycle - c0 > 200000) {
                TB_CHECK(t, 0, "the device accepted no frame in 200000 cycles (s_axis_rx_tready "
                         "low for %" PRIu64 " cycles)", e->src.stall_cycles);
                free(buf);
                tb_sys_down(&s);
                return;
            }
        }
    }
    tb_sys_drain(&s, 5000000);
    double cpu = bench_cpu_seconds() - w0;
    uint64_t cyc = e->sim.cycle - c0;
    uint64_t delivered = 0, drops = 0;
    for (unsigned v = 0; v < s.n; v++) {
        delivered += e->mon.n.cpl[v] - cpl0[v];
        drops += e->mon.n.outcome[v][1] + e->mon.n.outcome[v][2] + e->mon.n.outcome[v][3];
    }
    drops += e->mon.n.fifo_drop;
    /* delivered rate over the wire time of the offered frames: the limit is
     * reached when every frame is delivered (no drop) and the device kept up */
    uint64_t wire_cycles = bt / e->w - t_first;
    double limit = (double)e->w * len / (len + 20.0);
    double rate = (double)delivered * len / (double)wire_cycles;
    row->frames = n;
    row->delivered = delivered;
    row->drops = drops;
    row->cycles = cyc;
    row->frac = rate / limit;
    row->p50 = tb_mon_latency_pct(&e->mon, 50);
    row->p99 = tb_mon_latency_pct(&e->mon, 99);
    row->cps = cpu > 0 ? (double)cyc / cpu : 0;
    row->fps = cpu > 0 ? (double)n / cpu : 0;
    free(buf);
    tb_sys_down(&s);
}

static struct bench_row rows[NSIZES];
static unsigned nrows;
static double idle_cps;

/* Speed of the Verilated device itself: the configured device, no traffic. */
static void bench_idle(struct tb_t *t)
{
    struct tb_env *e = t->env;
    uint64_t n = t->o->quick ? 200000 : 2000000;
    double w0 = bench_cpu_seconds();
    tb_env_run(e, n);
    double cpu = bench_cpu_seconds() - w0;
    idle_cps = cpu > 0 ? (double)n / cpu : 0;
    printf("  idle device: %" PRIu64 " cycles in %.2f s (CPU), %.0f cycles/s\n", n, cpu, idle_cps);
}

static void bench_all(struct tb_t *t)
{
    /* each size on a fresh device: the runner gives one per case, so this
     * case runs them in sequence on new environments */
    for (unsigned i = 0; i < NSIZES && !t->fails; i++) {
        if (i > 0) {
            struct tb_env_cfg ec;
            tb_env_cfg_default(&ec);
            ec.seed = t->o->seed;
            ec.lockstep = 0;
            ec.timeout = 100000000;
            tb_env_fini(t->env);
            char err[256];
            if (tb_env_init(t->env, &ec, err, sizeof err)) {
                TB_CHECK(t, 0, "environment: %s", err);
                return;
            }
        }
        if (i == 0)
            bench_idle(t);
        bench_one(t, bench_sizes[i], &rows[i]);
        nrows = i + 1;
        printf("  %5u B: delivered %.4f of the physical limit, %" PRIu64 " frames, %" PRIu64
               " drops, latency p50 %.0f p99 %.0f cycles, %.0f cycles/s, %.0f frames/s\n",
               rows[i].len, rows[i].frac, rows[i].frames, rows[i].drops, rows[i].p50, rows[i].p99,
               rows[i].cps, rows[i].fps);
        fflush(stdout);
    }
}

/* ------------------------------------------------------------ TX and full duplex */

/* TX wire rate per frame size L (wire bytes with FCS; the drivers hand over
 * L-4 bytes) from 8 vNICs with equal weights, rings kept full by their VF
 * drivers, 1 us host latency, the MAC pacing the wire byte-exactly at W
 * bytes per cycle plus 20 bytes per frame. Full duplex: the same with RX
 * frames offered at the physical limit to the same vNICs at the same time. */
struct tx_row {
    uint32_t len;
    uint64_t frames, rx_frames, rx_drops;
    double frac, rx_frac;     /* TX wire / limit; RX delivered / limit (duplex) */
    double r_busy, w_busy;    /* host R / W data beats per cycle over the measured span */
};

struct tx_meter {
    uint64_t sent, k0, c0, c_last;
    const struct tb_axi_mem *mem;  /* host memory: beats at k0 and at the last frame */
    uint64_t r0, w0, r_last, w_last;
};

static void tx_meter_on_tx(void *ctx, unsigned v, const uint8_t *f, uint32_t len, uint64_t cycle)
{
    struct tx_meter *m = ctx;
    (void)v;
    (void)f;
    (void)len;
    if (++m->sent == m->k0) {
        m->c0 = cycle;
        m->r0 = m->mem->r_beats;
        m->w0 = m->mem->w_beats;
    }
    m->c_last = cycle;
    m->r_last = m->mem->r_beats;
    m->w_last = m->mem->w_beats;
}

static void tx_bench_one(struct tb_t *t, uint32_t len, int duplex, struct tx_row *row)
{
    struct tb_env *e = t->env;
    memset(row, 0, sizeof *row);
    row->len = len;
    e->sink.pace = 1;
    struct tb_sys s;
    struct tb_sys_cfg c;
    tb_sys_cfg_default(&c);
    c.nvnic = e->num_vnic < 8 ? e->num_vnic : 8;
    const struct vnic_dut_params *dp = e->sim.par;
    if (len > 1522 && (dp->rx_buf_bytes < c.nvnic * 9024u || dp->tx_buf_bytes < c.nvnic * 9024u)) {
        printf("  %5u B: skipped, the buffers of this build do not hold %u jumbo partitions\n",
               len, c.nvnic);
        return;
    }
    c.ring_log2 = len > 2048 ? 6 : 9;
    c.buf_size = len > 2048 ? 9216 : 2048;
    c.tx_log2 = len > 2048 ? 6 : 9;
    c.tx_buf_size = len > 2048 ? 9216 : 2048;
    c.max_frame = len > 1522 ? 9022 : 0;
    char err[256];
    if (tb_sys_up(&s, e, &c, err, sizeof err)) {
        TB_CHECK(t, 0, "bring-up for %u-byte TX frames: %s", len, err);
        tb_sys_down(&s);
        return;
    }
    uint64_t target = t->o->quick ? 60000 : 400000;   /* cycles of wire time */
    uint64_t per = (len + 20 + e->w - 1) / e->w;
    uint64_t n = target / per;
    if (n < 80)
        n = 80;
    struct tx_meter m = {0, n / 10, 0, 0, &e->mem, 0, 0, 0, 0};
    e->on_tx = tx_meter_on_tx;
    e->on_tx_ctx = &m;
    uint8_t *buf = malloc(len), (*frame)[16384] = malloc((size_t)s.n * 16384);
    if (!buf || !frame) {
        free(buf);
        free(frame);
        tb_sys_down(&s);
        return;
    }
    for (unsigned v = 0; v < s.n; v++)
        tb_make_tx_frame(frame[v], len - 4, s.mac[v], v, v + 1);
    uint64_t posted = 0, rx_k = 0, rx_n = duplex ? n : 0;
    uint64_t bt = (e->sim.cycle + 16) * e->w, t_first = UINT64_MAX;
    uint64_t cpl0[32];
    for (unsigned v = 0; v < s.n; v++)
        cpl0[v] = e->mon.n.cpl[v];
    uint64_t end = e->sim.cycle + 50 * target;
    while (!tb_sim_stopped(&e->sim) && e->sim.cycle < end && (m.sent < n || rx_k < rx_n)) {
        for (unsigned v = 0; v < s.n; v++) {
            vnic_vf_tx_reclaim(s.vf[v], NULL, 0);
            unsigned size = 1u << c.tx_log2;
            while (posted < n && vnic_vf_tx_pending(s.vf[v]) < size - 1 &&
                   vnic_vf_send(s.vf[v], frame[v], len - 4) == 1)
                posted++;
        }
        while (rx_k < rx_n && tb_axis_src_pending(&e->src) < 32) {
            unsigned v = (unsigned)(rx_k % s.n);
            tb_make_frame(buf, len, s.mac[v], rx_k);
            uint64_t start = (bt + e->w - 1) / e->w;
            if (t_first == UINT64_MAX)
                t_first = start;
            tb_env_push_frame(e, buf, len, 0, start);
            bt += len + 20;
            rx_k++;
        }
        tb_env_run(e, 200);
        if (duplex)
            tb_sys_poll(&s);
    }
    tb_sys_drain(&s, 5000000);
    TB_CHECK(t, m.sent == n, "%u-byte TX: %" PRIu64 " of %" PRIu64 " frames sent", len, m.sent, n);
    double limit = (double)e->w * len / (len + 20.0);
    if (m.c_last > m.c0) {
        row->frac = (double)(m.sent - m.k0) * len / (double)(m.c_last - m.c0) / limit;
        row->r_busy = (double)(m.r_last - m.r0) / (double)(m.c_last - m.c0);
        row->w_busy = (double)(m.w_last - m.w0) / (double)(m.c_last - m.c0);
    }
    row->frames = m.sent;
    if (duplex) {
        uint64_t delivered = 0;
        for (unsigned v = 0; v < s.n; v++) {
            delivered += e->mon.n.cpl[v] - cpl0[v];
            row->rx_drops += e->mon.n.outcome[v][1] + e->mon.n.outcome[v][2] +
                             e->mon.n.outcome[v][3];
        }
        row->rx_drops += e->mon.n.fifo_drop;
        row->rx_frames = delivered;
        uint64_t wire_cycles = bt / e->w - t_first;
        row->rx_frac = (double)delivered * len / (double)wire_cycles / limit;
    }
    e->on_tx = NULL;
    free(buf);
    free(frame);
    tb_sys_down(&s);
}

static struct tx_row tx_rows[NSIZES], dup_rows[NSIZES];
static unsigned ntx_rows, ndup_rows;

static int fresh_env(struct tb_t *t)
{
    struct tb_env_cfg ec;
    tb_env_cfg_default(&ec);
    ec.seed = t->o->seed;
    ec.lockstep = 0;
    ec.timeout = 100000000;
    ec.mem.max_rd = 64;    /* host memory at full speed: as many bursts in flight as */
    ec.mem.max_wr = 64;    /* the device issues (reads: TX 32 + RX 16; writes: RX 64 + TX 16) */
    ec.event_log = t->env->cfg.event_log;
    tb_env_fini(t->env);
    char err[256];
    if (tb_env_init(t->env, &ec, err, sizeof err)) {
        TB_CHECK(t, 0, "environment: %s", err);
        return -1;
    }
    return 0;
}

static void tx_bench_all(struct tb_t *t)
{
    for (int duplex = 0; duplex < 2; duplex++) {
        for (unsigned i = 0; i < NSIZES && !t->fails; i++) {
            if ((duplex || i > 0) && fresh_env(t))
                return;
            struct tx_row *r = duplex ? &dup_rows[i] : &tx_rows[i];
            tx_bench_one(t, bench_sizes[i], duplex, r);
            if (duplex) {
                ndup_rows = i + 1;
                printf("  %5u B full duplex: TX %.4f, RX delivered %.4f of the physical limit, "
                       "%" PRIu64 " TX frames, %" PRIu64 " RX frames, %" PRIu64 " RX drops, "
                       "host R %.3f W %.3f beats/cycle\n", r->len, r->frac, r->rx_frac,
                       r->frames, r->rx_frames, r->rx_drops, r->r_busy, r->w_busy);
            } else {
                ntx_rows = i + 1;
                printf("  %5u B TX: %.4f of the physical limit, %" PRIu64 " frames, "
                       "host R %.3f W %.3f beats/cycle\n", r->len, r->frac, r->frames, r->r_busy,
                       r->w_busy);
            }
            fflush(stdout);
        }
    }
}

static void bench_cfg(struct tb_env_cfg *c, const struct tb_opts *o)
{
    (void)o;
    c->lockstep = 0;     /* the RTL alone: speed of the Verilated device */
    c->timeout = 100000000;
}

static const struct tb_case cases[] = {
    {"rx_throughput", bench_all, 0, bench_cfg},
    {"tx_throughput", tx_bench_all, 0, bench_cfg},
};

int main(int argc, char **argv)
{
    int rc = tb_run_cases("tb_bench", cases, sizeof cases / sizeof cases[0], argc, argv);
    struct tb_opts o;
    if (tb_opts_parse(&o, argc, argv, "tb_bench"))
        return 2;
    const char *out = o.arg;
    if (!out || !nrows || rc)
        return rc;
    char *history = bench_history(out);
    FILE *f = fopen(out, "w");
    if (!f) {
        perror(out);
        free(history);
        return 1;
    }
    const struct vnic_dut_params *p = vnic_dut_params();
    time_t now = time(NULL);
    char date[32];
    strftime(date, sizeof date, "%Y-%m-%d", gmtime(&now));
    fprintf(f, "# RTL benchmark\n\nProduced by `make bench` (`build/tb/bench/tb_bench%s "
            "docs/bench-rtl.md`) on %s. Build `%s`: NUM_VNIC=%u DATA_W=%u RX_BUF=%u, Verilated "
            "with -O3 --x-assign fast, no tracing; the RTL alone (no model), 8 vNICs, frames "
            "round robin at the physical limit, host latency 157 cycles (1 us at 156.25 MHz) "
            "for reads and writes.\n\n", o.quick ? " --quick" : "", date, p->cfg_name,
            p->num_vnic, p->data_w, p->rx_buf_bytes);
    fprintf(f, "Simulation speed of the idle device (no traffic): %.0f cycles/s.\n\n", idle_cps);
    fprintf(f, "| frame (B) | frames | delivered / limit | drops | latency p50 (cycles) | "
               "latency p99 (cycles) | sim cycles/s | sim frames/s |\n");
    fprintf(f, "|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (unsigned i = 0; i < nrows; i++)
        fprintf(f, "| %u | %" PRIu64 " | %.4f | %" PRIu64 " | %.0f | %.0f | %.0f | %.0f |\n",
                rows[i].len, rows[i].frames, rows[i].frac, rows[i].drops, rows[i].p50, rows[i].p99,
                rows[i].cps, rows[i].fps);
    fprintf(f, "\nLatency is from the cycle of a frame's last beat on `s_axis_rx` to the cycle its "
               "completion is visible (RX_CPL on the trace port). Delivered / limit is the bytes "
               "of L completed to the hosts over the wire time of the offered frames, divided by "
               "W*L/(L+20). Simulation speed is simulated cycles (frames offered) per second "
               "of this process's CPU time, harness and driver included (target: 1 M cycles/s; "
               "docs/rtl.md, Simulation speed, has the profile).\n");
    if (ntx_rows) {
        fprintf(f, "\n## Transmit and full duplex\n\n8 vNICs with equal TX weights; each VF "
                   "driver keeps its TX ring of 512 descriptors (64 for 9018-byte frames) full "
                   "with frames of L-4 bytes; host latency 157 cycles, 64 read and 64 write bursts "
                   "outstanding (host memory at full speed; the device keeps up to 48 reads and 80 "
                   "writes in flight); the MAC takes the wire byte-exactly at W bytes per cycle plus 20 "
                   "bytes of preamble and gap per frame. TX / limit is the wire rate (after the "
                   "first tenth of the frames) divided by W*L/(L+20). Full duplex runs the same "
                   "TX load while RX frames of the same size are offered at the physical limit "
                   "to the same vNICs. Host R / W is the share of cycles with a data beat on the "
                   "host's R / W channel over the measured span: at 1.000 the shared DATA_W-bit "
                   "host bus, not the device, is the limit (full duplex reads every TX data beat "
                   "plus both directions' 16-byte descriptors on one R channel, and writes every RX "
                   "data beat plus both directions' completions on one W channel).\n\n");
        fprintf(f, "| frame L (B) | TX frames | TX / limit | host R | full duplex: TX / limit | RX "
                   "delivered / limit | RX drops | host R | host W |\n"
                   "|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (unsigned i = 0; i < ntx_rows; i++) {
            fprintf(f, "| %u | %" PRIu64 " | %.4f | %.3f |", tx_rows[i].len, tx_rows[i].frames,
                    tx_rows[i].frac, tx_rows[i].r_busy);
            if (i < ndup_rows)
                fprintf(f, " %.4f | %.4f | %" PRIu64 " | %.3f | %.3f |\n", dup_rows[i].frac,
                        dup_rows[i].rx_frac, dup_rows[i].rx_drops, dup_rows[i].r_busy,
                        dup_rows[i].w_busy);
            else
                fprintf(f, " | | | | |\n");
        }
    }
    if (history) {
        fprintf(f, "\n%s", history);
        free(history);
    }
    fclose(f);
    printf("report written to %s\n", out);
    return rc;
}
