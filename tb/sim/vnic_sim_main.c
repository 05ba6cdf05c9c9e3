/* vnic_sim_main.c: vnic-sim, the scenario runner.
 *
 *   vnic-sim [--engine model|rtl|both] [--seed N] [--cycles N | --frames N]
 *            [--pcap-out DIR] [--set KEY=VALUE]... [--dat FILE] [--quiet]
 *            [--progress] SCENARIO_FILE
 *
 * Prints the configuration and the seed, runs the scenario (every value of
 * its sweep), prints a per-vNIC table per run, a summary of the sweep, the
 * checks and the scenario's expectations, and ends with PASS or FAIL.
 * Exit status: 0 PASS, 1 FAIL, 2 bad usage, bad scenario or engine not built.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vnic_engine.h"
#include "vnic_pcap.h"
#include "vnic_scn.h"
#include "vnic_simrun.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: vnic-sim [options] SCENARIO_FILE\n"
            "  --engine model|rtl|both  device engine (default model; rtl/both need the Verilator harness)\n"
            "  --seed N                 traffic seed (default: the scenario's [run] seed, else 1)\n"
            "  --cycles N               traffic duration in cycles (overrides [run] cycles)\n"
            "  --frames N               stop the traffic after N frames (overrides [run] frames)\n"
            "  --pcap-out DIR           write DIR/rx-<vnic>.pcap (what each VM received) and DIR/tx.pcap\n"
            "                           (sweeps: DIR/<row>/...)\n"
            "  --set KEY=VALUE          override a scenario value, e.g. --set vnic.vm2.ceiling=2Gb/s,\n"
            "                           --set host.service=4Gb/s, --set run.warmup=1000 (repeatable)\n"
            "  --dat FILE               write the sweep (or single run) as a whitespace-separated data file\n"
            "  --quiet                  no configuration print-out; sweeps: only the summary table;\n"
            "                           checks on one line when they pass\n"
            "  --progress               progress on stderr even when it is not a terminal\n"
            "  --help                   this text\n"
            "Scenario format: docs/scenarios.md. Exit status: 0 PASS, 1 FAIL, 2 usage or setup error.\n");
}

struct trace_cache {
    char path[VNIC_SCN_PATH];
    int raw_unused;
    struct vnic_pcap_trace t;
};

/* ---------------------------------------------------------------- metrics */
static int vnic_metric(const struct vnic_simrun_vnic *v, const char *f, double *out)
{
    if (!strcmp(f, "offered")) *out = v->offered;
    else if (!strcmp(f, "accepted")) *out = v->accepted;
    else if (!strcmp(f, "delivered")) *out = v->delivered;
    else if (!strcmp(f, "ceiling")) *out = v->ceil;
    else if (!strcmp(f, "guarantee")) *out = v->guar;
    else if (!strcmp(f, "frames")) *out = (double)v->got_frames;
    else if (!strcmp(f, "expected")) *out = (double)v->expected_copies;
    else if (!strcmp(f, "rx_in")) *out = (double)v->st.c[VNIC_VSTAT_RX_IN];
    else if (!strcmp(f, "rx_frames")) *out = (double)v->st.c[VNIC_VSTAT_RX_FRAMES];
    else if (!strcmp(f, "drop_policer")) *out = (double)v->st.c[VNIC_VSTAT_DROP_POLICER];
    else if (!strcmp(f, "drop_nobuf")) *out = (double)v->st.c[VNIC_VSTAT_DROP_NOBUF];
    else if (!strcmp(f, "drop_halted")) *out = (double)v->st.c[VNIC_VSTAT_DROP_HALTED];
    else if (!strcmp(f, "drop_buflen")) *out = (double)v->st.c[VNIC_VSTAT_DROP_BUFLEN];
    else if (!strcmp(f, "lat_p50")) *out = v->lat_p50;
    else if (!strcmp(f, "lat_p99")) *out = v->lat_p99;
    else if (!strcmp(f, "tx")) *out = v->tx;
    else if (!strcmp(f, "tx_queued")) *out = (double)v->tx_posted;
    else if (!strcmp(f, "tx_frames")) *out = (double)v->st.c[VNIC_VSTAT_TX_FRAMES];
    else if (!strcmp(f, "drop_spoof")) *out = (double)v->st.c[VNIC_VSTAT_DROP_SPOOF];
    else if (!strcmp(f, "drop_txlen")) *out = (double)v->st.c[VNIC_VSTAT_DROP_TXLEN];
    else return -1;
    return 0;
}

static int metric(const struct vnic_simrun_res *r, const char *name, double *out)
{
    char buf[64];
    snprintf(buf, sizeof(buf), "%s", name);
    char *dot = strchr(buf, '.');
    if (!dot)
        return -1;
    *dot = 0;
    const char *scope = buf, *f = dot + 1;
    if (!strcmp(scope, "total")) {
        struct vnic_simrun_vnic sum;
        memset(&sum, 0, sizeof(sum));
        for (unsigned i = 0; i < r->nvnic; i++) {
            const struct vnic_simrun_vnic *v = &r->v[i];
            sum.offered += v->offered, sum.accepted += v->accepted, sum.delivered += v->delivered;
            sum.got_frames += v->got_frames, sum.expected_copies += v->expected_copies;
            sum.tx += v->tx, sum.tx_posted += v->tx_posted;
            for (unsigned k = 0; k < VNIC_VSTAT_COUNT; k++)
                sum.st.c[k] += v->st.c[k];
        }
        return vnic_metric(&sum, f, out);
    }
    if (!strcmp(scope, "host")) {
        if (strcmp(f, "capacity"))
            return -1;
        *out = r->host_capacity;
        return 0;
    }
    if (!strcmp(scope, "global")) {
        for (unsigned k = 0; k < VNIC_GSTAT_COUNT; k++) {
            char n[40];
            const char *g = vnic_gstat_name(k);
            if (!strncmp(g, "DROP_", 5))
                g += 5;
            size_t j = 0;
            for (; g[j] && j < sizeof(n) - 1; j++)
                n[j] = (char)(g[j] >= 'A' && g[j] <= 'Z' ? g[j] - 'A' + 'a' : g[j]);
            n[j] = 0;
            if (!strcmp(n, f)) {
                *out = (double)r->g.c[k];
                return 0;
            }
        }
        return -1;
    }
    if (!strcmp(scope, "injected")) {
        if (!strcmp(f, "frames")) {
            *out = (double)r->injected;
            return 0;
        }
        for (unsigned k = 1; k < VNIC_GEN_ERR_KINDS; k++)
            if (!strcmp(f, vnic_gen_err_name((enum vnic_gen_err)k))) {
                *out = (double)r->injected_err[k];
                return 0;
            }
        return -1;
    }
    if (!strcmp(scope, "errors")) {
        if (!strcmp(f, "class")) *out = (double)r->class_errors;
        else if (!strcmp(f, "data")) *out = (double)r->data_errors;
        else if (!strcmp(f, "order")) *out = (double)r->order_errors;
        else if (!strcmp(f, "mismatch")) *out = (double)r->mismatches;
        else if (!strcmp(f, "tx")) *out = (double)r->tx_errors;
        else return -1;
        return 0;
    }
    for (unsigned i = 0; i < r->nvnic; i++)
        if (!strcmp(r->v[i].name, scope))
            return vnic_metric(&r->v[i], f, out);
    return -1;
}

/* ---------------------------------------------------------------- printing */
static void print_table(FILE *f, const struct vnic_scn *s, const struct vnic_simrun_res *r)
{
    fprintf(f, "%-10s %3s %9s %9s %9s %9s %9s %9s %9s %8s %8s\n", "vNIC", "#", "offered", "accepted",
            "delivered", "policer", "nobuf", "halted", "buflen", "lat p50", "lat p99");
    fprintf(f, "%-10s %3s %9s %9s %9s %9s %9s %9s %9s %8s %8s\n", "", "", "Gb/s", "Gb/s", "Gb/s", "frames",
            "frames", "frames", "frames", "cycles", "cycles");
    uint64_t d[4] = {0};
    for (unsigned i = 0; i < r->nvnic; i++) {
        const struct vnic_simrun_vnic *v = &r->v[i];
        const uint64_t *c = v->st.c;
        fprintf(f, "%-10s %3u %9.3f %9.3f %9.3f %9llu %9llu %9llu %9llu %8.0f %8.0f\n", v->name, v->index,
                v->offered, v->accepted, v->delivered, (unsigned long long)c[VNIC_VSTAT_DROP_POLICER],
                (unsigned long long)c[VNIC_VSTAT_DROP_NOBUF], (unsigned long long)c[VNIC_VSTAT_DROP_HALTED],
                (unsigned long long)c[VNIC_VSTAT_DROP_BUFLEN], v->lat_p50, v->lat_p99);
        d[0] += c[VNIC_VSTAT_DROP_POLICER], d[1] += c[VNIC_VSTAT_DROP_NOBUF];
        d[2] += c[VNIC_VSTAT_DROP_HALTED], d[3] += c[VNIC_VSTAT_DROP_BUFLEN];
    }
    fprintf(f, "%-10s %3s %9.3f %9.3f %9.3f %9llu %9llu %9llu %9llu\n", "total", "", r->offered, r->accepted,
            r->delivered, (unsigned long long)d[0], (unsigned long long)d[1], (unsigned long long)d[2],
            (unsigned long long)d[3]);
    const uint64_t *g = r->g.c;
    fprintf(f, "wire: %llu frames injected (%.3f Gb/s over the run); global drops: FIFO %llu RXOFF %llu MACERR %llu "
               "TKEEP %llu RUNT %llu OVERSIZE %llu FCS %llu NOMATCH %llu; copies %llu\n",
            (unsigned long long)r->injected,
            (double)r->injected_bytes / (double)(r->cycles ? r->cycles : 1) * 1.25,
            (unsigned long long)g[VNIC_GSTAT_DROP_FIFO], (unsigned long long)g[VNIC_GSTAT_DROP_RXOFF],
            (unsigned long long)g[VNIC_GSTAT_DROP_MACERR], (unsigned long long)g[VNIC_GSTAT_DROP_TKEEP],
            (unsigned long long)g[VNIC_GSTAT_DROP_RUNT], (unsigned long long)g[VNIC_GSTAT_DROP_OVERSIZE],
            (unsigned long long)g[VNIC_GSTAT_DROP_FCS], (unsigned long long)g[VNIC_GSTAT_DROP_NOMATCH],
            (unsigned long long)g[VNIC_GSTAT_RX_COPIES]);
    if (r->has_tx) {
        fprintf(f, "%-10s %3s %9s %9s %9s %9s %9s\n", "TX vNIC", "#", "queued", "on wire", "Gb/s", "spoof", "txlen");
        for (unsigned i = 0; i < r->nvnic; i++) {
            const struct vnic_simrun_vnic *v = &r->v[i];
            if (!v->tx_posted)
                continue;
            fprintf(f, "%-10s %3u %9llu %9llu %9.3f %9llu %9llu\n", v->name, v->index,
                    (unsigned long long)v->tx_posted, (unsigned long long)v->tx_wire, v->tx,
                    (unsigned long long)v->st.c[VNIC_VSTAT_DROP_SPOOF],
                    (unsigned long long)v->st.c[VNIC_VSTAT_DROP_TXLEN]);
        }
    }
    (void)s;
    if (r->host_capacity > 0)
        fprintf(f, "host: capacity %.3f Gb/s, delivered %.3f Gb/s (%.2f%%)\n", r->host_capacity, r->delivered,
                100.0 * r->delivered / r->host_capacity);
    if (r->replay_frames)
        fprintf(f, "replay: %llu capture frames (%llu truncated by the capture's snap length, replayed as captured)\n",
                (unsigned long long)r->replay_frames, (unsigned long long)r->replay_truncated);
}

/* always-on checks; returns the number failed */
static unsigned print_checks_full(FILE *f, const struct vnic_simrun_res *r, const char *engine);

/* quiet: one line when every check passed, every line otherwise */
static unsigned print_checks(FILE *f, const struct vnic_simrun_res *r, const char *engine, int quiet,
                             const char *label)
{
    if (!quiet)
        return print_checks_full(f, r, engine);
    FILE *null = fopen("/dev/null", "w");
    unsigned bad = print_checks_full(null ? null : f, r, engine);
    if (null)
        fclose(null);
    if (bad)
        return print_checks_full(f, r, engine);
    fprintf(f, "checks%s%s: conservation, wire errors, classification, byte-exact delivery, event order%s%s: PASS\n",
            *label ? " " : "", label, r->has_tx ? ", TX" : "", strcmp(engine, "model") ? ", RTL vs model" : "");
    return 0;
}

static unsigned print_checks_full(FILE *f, const struct vnic_simrun_res *r, const char *engine)
{
    unsigned bad = 0;
    fprintf(f, "check conservation (docs/architecture.md §8): %s — %s\n", r->conservation_ok ? "PASS" : "FAIL",
            r->conservation_msg);
    bad += !r->conservation_ok;
    fprintf(f, "check wire errors counted by reason: %s — %s\n", r->wire_errors_ok ? "PASS" : "FAIL",
            r->wire_errors_msg);
    bad += !r->wire_errors_ok;
    fprintf(f, "check classification vs independent classifier: %s — %llu disagreements\n",
            r->class_errors ? "FAIL" : "PASS", (unsigned long long)r->class_errors);
    bad += r->class_errors != 0;
    fprintf(f, "check delivered bytes (byte-exact): %s — %llu frames differ\n", r->data_errors ? "FAIL" : "PASS",
            (unsigned long long)r->data_errors);
    bad += r->data_errors != 0;
    fprintf(f, "check event order: %s — %llu unexpected events\n", r->order_errors ? "FAIL" : "PASS",
            (unsigned long long)r->order_errors);
    bad += r->order_errors != 0;
    if (r->has_tx) {
        fprintf(f, "check TX wire frames (byte-exact, per-vNIC order): %s — %llu frames differ\n",
                r->tx_errors ? "FAIL" : "PASS", (unsigned long long)r->tx_errors);
        bad += r->tx_errors != 0;
    }
    if (strcmp(engine, "model")) {
        fprintf(f, "check RTL vs model: %s — %llu mismatches\n", r->mismatches ? "FAIL" : "PASS",
                (unsigned long long)r->mismatches);
        for (unsigned i = 0; i < r->nmismatch_msg; i++)
            fprintf(f, "  mismatch %u: %s\n", i + 1, r->mismatch_msg[i]);
        bad += r->mismatches != 0;
    }
    if (!r->drained)
        fprintf(f, "note: traffic had not drained after %llu cycles (it stops after 1000000 cycles without progress; "
                   "frames left in partitions are counted as stored)\n",
                (unsigned long long)r->drain_cycles);
    return bad;
}

static const char *op_str(enum vnic_scn_op op)
{
    static const char *const s[] = {"<", "<=", ">", ">=", "==", "~", "stable", ""};
    return s[op];
}

static int compare(enum vnic_scn_op op, double a, double b, double tol)
{
    switch (op) {
    case VNIC_OP_LT: return a < b;
    case VNIC_OP_LE: return a <= b;
    case VNIC_OP_GT: return a > b;
    case VNIC_OP_GE: return a >= b;
    case VNIC_OP_EQ: return fabs(a - b) <= 1e-9 * fmax(1.0, fabs(b));
    case VNIC_OP_WITHIN: return fabs(a - b) <= fabs(b) * tol / 100.0;
    default: return 0;
    }
}

/* evaluates every expectation over the rows; returns the number failed */
static unsigned check_expect(FILE *f, const struct vnic_scn *s, const struct vnic_simrun_res *rows, unsigned nrows)
{
    unsigned bad = 0;
    for (unsigned i = 0; i < s->nexpect; i++) {
        const struct vnic_scn_expect *x = &s->expect[i];
        if (x->op == VNIC_OP_TRUE) {
            int ok = 1;
            for (unsigned k = 0; k < nrows; k++) {
                if (!strcmp(x->metric, "conservation")) ok &= rows[k].conservation_ok;
                else if (!strcmp(x->metric, "wire_errors")) ok &= rows[k].wire_errors_ok;
                else ok &= rows[k].mismatches == 0;
            }
            fprintf(f, "expect %-44s %s\n", x->text, ok ? "PASS" : "FAIL");
            bad += !ok;
            continue;
        }
        if (x->op == VNIC_OP_STABLE) {
            double lo = INFINITY, hi = -INFINITY, v;
            int ok = 1;
            for (unsigned k = 0; k < nrows; k++) {
                if (metric(&rows[k], x->metric, &v)) {
                    ok = -1;
                    break;
                }
                lo = fmin(lo, v), hi = fmax(hi, v);
            }
            if (ok < 0) {
                fprintf(f, "expect %-44s FAIL (line %u: unknown metric '%s')\n", x->text, x->line, x->metric);
                bad++;
                continue;
            }
            double spread = hi > 0 ? 100.0 * (hi - lo) / hi : 0;
            ok = spread < x->tol_pct;
            fprintf(f, "expect %-44s %s (min %.4f, max %.4f over %u runs: %.3f%%)\n", x->text, ok ? "PASS" : "FAIL", lo,
                    hi, nrows, spread);
            bad += !ok;
            continue;
        }
        int ok = 1;
        char detail[256] = "";
        for (unsigned k = 0; k < nrows; k++) {
            double a, b = x->value, m;
            if (metric(&rows[k], x->metric, &a) || (x->rhs_metric[0] && metric(&rows[k], x->rhs_metric, &m))) {
                snprintf(detail, sizeof(detail), "(line %u: unknown metric)", x->line);
                ok = 0;
                break;
            }
            if (x->rhs_metric[0])
                b *= m;
            if (!compare(x->op, a, b, x->tol_pct)) {
                ok = 0;
                snprintf(detail, sizeof(detail), "(%s%s%s: %.6g %s %.6g is false)", nrows > 1 ? "run " : "",
                         nrows > 1 ? s->sweep_value[k] : "", nrows > 1 ? "" : "got", a, op_str(x->op), b);
                break;
            }
            if (nrows == 1)
                snprintf(detail, sizeof(detail), "(%.6g %s %.6g)", a, op_str(x->op), b);
        }
        if (ok && nrows > 1)
            snprintf(detail, sizeof(detail), "(all %u runs)", nrows);
        fprintf(f, "expect %-44s %s %s\n", x->text, ok ? "PASS" : "FAIL", detail);
        bad += !ok;
    }
    return bad;
}

static double leading_number(const char *s)
{
    char *end;
    double v = strtod(s, &end);
    return end == s ? NAN : v;
}

/* ---------------------------------------------------------------- main */
int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0); /* results and errors interleave in order */
    const char *engine = "model", *pcap_out = NULL, *dat = NULL, *path = NULL;
    const char *sets[64];
    unsigned nsets = 0;
    int quiet = 0, progress = isatty(2);
    char seed_set[64] = "", cycles_set[64] = "", frames_set[64] = "";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
#define NEED_ARG()                                                                                                 \
    do {                                                                                                           \
        if (!next) {                                                                                               \
            fprintf(stderr, "vnic-sim: %s needs a value\n", a);                                                    \
            return 2;                                                                                              \
        }                                                                                                          \
        i++;                                                                                                       \
    } while (0)
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--engine")) {
            NEED_ARG();
            engine = next;
        } else if (!strcmp(a, "--seed")) {
            NEED_ARG();
            snprintf(seed_set, sizeof(seed_set), "run.seed=%s", next);
        } else if (!strcmp(a, "--cycles")) {
            NEED_ARG();
            snprintf(cycles_set, sizeof(cycles_set), "run.cycles=%s", next);
        } else if (!strcmp(a, "--frames")) {
            NEED_ARG();
            snprintf(frames_set, sizeof(frames_set), "run.frames=%s", next);
        } else if (!strcmp(a, "--pcap-out")) {
            NEED_ARG();
            pcap_out = next;
        } else if (!strcmp(a, "--dat")) {
            NEED_ARG();
            dat = next;
        } else if (!strcmp(a, "--set")) {
            NEED_ARG();
            if (nsets == 64) {
                fprintf(stderr, "vnic-sim: at most 64 --set\n");
                return 2;
            }
            sets[nsets++] = next;
        } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
            quiet = 1;
        } else if (!strcmp(a, "--progress")) {
            progress = 1;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "vnic-sim: unknown option %s\n", a);
            usage(stderr);
            return 2;
        } else if (!path) {
            path = a;
        } else {
            fprintf(stderr, "vnic-sim: one scenario file only (got %s and %s)\n", path, a);
            return 2;
        }
    }
    if (!path) {
        usage(stderr);
        return 2;
    }
    if (strcmp(engine, "model") && strcmp(engine, "rtl") && strcmp(engine, "both")) {
        fprintf(stderr, "vnic-sim: --engine %s: must be model, rtl or both\n", engine);
        return 2;
    }
    /* an engine that is not built is reported before anything runs */
    {
        struct vnic_engine_params mp;
        struct vnic_engine probe;
        char perr[512];
        vnic_engine_params_default(&mp);
        if (strcmp(engine, "model")) {
            int prc = vnic_engine_open(engine, &mp, &probe, perr, sizeof(perr));
            if (prc == -2) {
                fprintf(stderr, "vnic-sim: %s\n", perr);
                return 2;
            }
            if (prc == 0)
                vnic_engine_close(&probe);
        }
    }

    char err[1024];
    struct vnic_scn_text text;
    if (vnic_scn_load(path, &text, err, sizeof(err))) {
        fprintf(stderr, "vnic-sim: %s\n", err);
        return 2;
    }
    const char *cli[] = {seed_set, cycles_set, frames_set};
    for (unsigned i = 0; i < 3; i++)
        if (cli[i][0] && vnic_scn_override(&text, cli[i], err, sizeof(err))) {
            fprintf(stderr, "vnic-sim: %s\n", err);
            return 2;
        }
    for (unsigned i = 0; i < nsets; i++)
        if (vnic_scn_override(&text, sets[i], err, sizeof(err))) {
            fprintf(stderr, "vnic-sim: --set %s\n", err);
            return 2;
        }

    struct vnic_scn *s = calloc(1, sizeof(*s));
    struct vnic_simrun_res *rows = NULL;
    struct trace_cache *tc = NULL;
    unsigned ntc = 0;
    int exit_code = 2;
    if (!s) {
        fprintf(stderr, "vnic-sim: out of memory\n");
        return 2;
    }
    if (vnic_scn_build(&text, s, err, sizeof(err))) {
        fprintf(stderr, "vnic-sim: %s\n", err);
        goto done;
    }
    unsigned nrows = s->nsweep ? s->nsweep : 1;
    char sweep_param[128];
    snprintf(sweep_param, sizeof(sweep_param), "%s", s->sweep_param);
    rows = calloc(nrows, sizeof(*rows));
    tc = calloc(VNIC_GEN_MAX_STREAMS, sizeof(*tc));
    if (!rows || !tc) {
        fprintf(stderr, "vnic-sim: out of memory\n");
        goto done;
    }
    FILE *out = stdout;
    unsigned failed = 0;
    for (unsigned row = 0; row < nrows; row++) {
        if (s->nsweep || row) {
            char ov[256];
            char vals[VNIC_SCN_MAX_SWEEP][64];
            unsigned nv = s->nsweep;
            memcpy(vals, s->sweep_value, sizeof(vals));
            snprintf(ov, sizeof(ov), "%s=%s", sweep_param, vals[row]);
            if (vnic_scn_override(&text, ov, err, sizeof(err)) || vnic_scn_build(&text, s, err, sizeof(err))) {
                fprintf(stderr, "vnic-sim: sweep %s: %s\n", ov, err);
                goto done;
            }
            if (s->nsweep != nv) {
                fprintf(stderr, "vnic-sim: the sweep must not change itself\n");
                goto done;
            }
        }
        /* captures (loaded once) and MACs from their frequent destinations */
        const struct vnic_pcap_trace *traces[VNIC_GEN_MAX_STREAMS] = {0};
        struct vnic_pcap_trace all;
        vnic_pcap_trace_init(&all);
        for (unsigned k = 0; k < s->nstream; k++) {
            if (!s->stream[k].pcap[0])
                continue;
            unsigned c;
            for (c = 0; c < ntc; c++)
                if (!strcmp(tc[c].path, s->stream[k].pcap))
                    break;
            if (c == ntc) {
                snprintf(tc[c].path, sizeof(tc[c].path), "%s", s->stream[k].pcap);
                vnic_pcap_trace_init(&tc[c].t);
                if (vnic_pcap_load_path(&tc[c].t, tc[c].path, err, sizeof(err)) < 0) {
                    fprintf(stderr, "vnic-sim: [stream %s]: %s\n", s->stream[k].name, err);
                    vnic_pcap_trace_free(&tc[c].t);
                    goto done;
                }
                ntc++;
            }
            traces[k] = &tc[c].t;
        }
        /* the top destinations over every capture of the scenario */
        uint8_t top[64][6];
        unsigned ntop = 0;
        if (ntc) {
            size_t total = 0;
            for (unsigned c = 0; c < ntc; c++)
                total += tc[c].t.n;
            all.pkt = calloc(total ? total : 1, sizeof(*all.pkt));
            if (!all.pkt) {
                fprintf(stderr, "vnic-sim: out of memory\n");
                goto done;
            }
            for (unsigned c = 0; c < ntc; c++)
                for (size_t k = 0; k < tc[c].t.n; k++)
                    all.pkt[all.n++] = tc[c].t.pkt[k];
            ntop = vnic_pcap_top_unicast(&all, 64, top);
            free(all.pkt);
        }
        if (vnic_scn_finish(s, (const uint8_t(*)[6])top, ntop, err, sizeof(err))) {
            fprintf(stderr, "vnic-sim: %s\n", err);
            goto done;
        }
        if (row == 0) {
            fprintf(out, "vnic-sim: engine %s, seed %llu\n", engine, (unsigned long long)s->seed);
            if (!quiet)
                vnic_scn_print(s, out);
        }
        if (s->nsweep && !quiet)
            fprintf(out, "\n== run %u/%u: %s = %s\n", row + 1, nrows, sweep_param, s->sweep_value[row]);
        char rowdir[VNIC_SCN_PATH + 80];
        const char *pdir = pcap_out;
        if (pcap_out && s->nsweep) {
            snprintf(rowdir, sizeof(rowdir), "%s/run%02u", pcap_out, row);
            pdir = rowdir;
        }
        struct vnic_simrun_opts o = {.engine = engine, .pcap_out = pdir, .progress = progress, .quiet = quiet,
                                     .log = out};
        int rc = vnic_simrun(s, traces, &o, &rows[row], err, sizeof(err));
        if (rc) {
            fprintf(stderr, "vnic-sim: %s\n", err);
            goto done;
        }
        const struct vnic_simrun_res *r = &rows[row];
        if (!quiet || !s->nsweep) {
            fprintf(out, "\n");
            print_table(out, s, r);
            fprintf(out, "speed: %llu cycles + %llu drain in %.2f s (%.2f Mcycles/s, %.0f frames/s)\n",
                    (unsigned long long)r->cycles, (unsigned long long)r->drain_cycles, r->wall_s,
                    (double)(r->cycles + r->drain_cycles) / r->wall_s / 1e6, (double)r->injected / r->wall_s);
        }
        char label[96] = "";
        if (s->nsweep)
            snprintf(label, sizeof(label), "(%s)", s->sweep_value[row]);
        unsigned b = print_checks(out, r, engine, quiet, label);
        if (b && s->nsweep)
            fprintf(out, "(run %s = %s)\n", sweep_param, s->sweep_value[row]);
        failed += b;
    }
    if (s->nsweep) {
        fprintf(out, "\nsweep of %s (delivered Gb/s per vNIC, window [%llu, %llu) cycles):\n", sweep_param,
                (unsigned long long)s->warmup, (unsigned long long)s->cycles);
        fprintf(out, "%-14s", "value");
        for (unsigned i = 0; i < rows[0].nvnic; i++)
            fprintf(out, " %10s", rows[0].v[i].name);
        fprintf(out, " %10s %10s %8s\n", "total", "host cap", "total %");
        for (unsigned row = 0; row < nrows; row++) {
            const struct vnic_simrun_res *r = &rows[row];
            fprintf(out, "%-14s", s->sweep_value[row]);
            for (unsigned i = 0; i < r->nvnic; i++)
                fprintf(out, " %10.3f", r->v[i].delivered);
            if (r->host_capacity > 0)
                fprintf(out, " %10.3f %10.3f %7.2f%%\n", r->delivered, r->host_capacity,
                        100.0 * r->delivered / r->host_capacity);
            else
                fprintf(out, " %10.3f %10s %8s\n", r->delivered, "unlimited", "-");
        }
    }
    if (dat) {
        FILE *df = fopen(dat, "w");
        if (!df) {
            fprintf(stderr, "vnic-sim: %s: %s\n", dat, strerror(errno));
            goto done;
        }
        fprintf(df, "# vnic-sim %s, engine %s, seed %llu; delivered/offered/accepted in Gb/s (frame bytes incl. FCS "
                    "at 156.25 MHz)\n# value",
                path, engine, (unsigned long long)s->seed);
        for (unsigned i = 0; i < rows[0].nvnic; i++)
            fprintf(df, " %s_delivered", rows[0].v[i].name);
        fprintf(df, " total host_capacity");
        for (unsigned i = 0; i < rows[0].nvnic; i++)
            fprintf(df, " %s_offered %s_accepted", rows[0].v[i].name, rows[0].v[i].name);
        fprintf(df, "\n");
        for (unsigned row = 0; row < nrows; row++) {
            const struct vnic_simrun_res *r = &rows[row];
            fprintf(df, "%g", s->nsweep ? leading_number(s->sweep_value[row]) : 0.0);
            for (unsigned i = 0; i < r->nvnic; i++)
                fprintf(df, " %.6f", r->v[i].delivered);
            fprintf(df, " %.6f %.6f", r->delivered, r->host_capacity);
            for (unsigned i = 0; i < r->nvnic; i++)
                fprintf(df, " %.6f %.6f", r->v[i].offered, r->v[i].accepted);
            fprintf(df, "\n");
        }
        if (fclose(df)) {
            fprintf(stderr, "vnic-sim: writing %s failed\n", dat);
            goto done;
        }
    }
    if (s->nexpect)
        fprintf(out, "\n");
    failed += check_expect(out, s, rows, nrows);
    fprintf(out, "\n%s: %s (%u check%s failed)\n", path, failed ? "FAIL" : "PASS", failed, failed == 1 ? "" : "s");
    exit_code = failed ? 1 : 0;
done:
    for (unsigned c = 0; c < ntc; c++)
        vnic_pcap_trace_free(&tc[c].t);
    free(tc);
    free(rows);
    free(s);
    vnic_scn_text_free(&text);
    return exit_code;
}
