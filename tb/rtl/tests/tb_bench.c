/* tb_bench.c: RTL benchmarks (make bench): RX delivered throughput as a
 * fraction of the physical limit W*L/(L+20) for 64..9018-byte frames with 8
 * vNICs and 1 us (157-cycle) host latency, RX latency p50/p99 (last byte in
 * -> completion visible), and the simulation speed of the Verilated device
 * (cycles/s, frames/s). Writes a Markdown report.
 *
 * Usage: tb_bench [--quick] [--seed N] [REPORT.md] */
#include "tb_test.h"

#include <time.h>

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
    double w0 = tb_wall_seconds();
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
    double wall = tb_wall_seconds() - w0;
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
    row->cps = wall > 0 ? (double)cyc / wall : 0;
    row->fps = wall > 0 ? (double)n / wall : 0;
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
    double w0 = tb_wall_seconds();
    tb_env_run(e, n);
    double wall = tb_wall_seconds() - w0;
    idle_cps = wall > 0 ? (double)n / wall : 0;
    printf("  idle device: %" PRIu64 " cycles in %.2f s, %.0f cycles/s\n", n, wall, idle_cps);
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

static void bench_cfg(struct tb_env_cfg *c, const struct tb_opts *o)
{
    (void)o;
    c->lockstep = 0;     /* the RTL alone: speed of the Verilated device */
    c->timeout = 100000000;
}

static const struct tb_case cases[] = {
    {"rx_throughput", bench_all, 0, bench_cfg},
};

int main(int argc, char **argv)
{
    int rc = tb_run_cases("tb_bench", cases, 1, argc, argv);
    struct tb_opts o;
    if (tb_opts_parse(&o, argc, argv, "tb_bench"))
        return 2;
    const char *out = o.arg;
    if (!out || !nrows || rc)
        return rc;
    FILE *f = fopen(out, "w");
    if (!f) {
        perror(out);
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
               "W*L/(L+20).\n");
    fclose(f);
    printf("report written to %s\n", out);
    return rc;
}
