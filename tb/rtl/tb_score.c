/* tb_score.c: end-of-run scoreboard, conservation law, verdict and the
 * command-line options shared by the RTL tests (see tb_env.h). */
#include "tb_env.h"

#include <stdlib.h>
#include <string.h>

#include "vnic_hostmem.h"
#include "vnic_regs.h"

/* Registers whose value moves with traffic: compared only by the
 * scoreboard after the run has drained, not on every read. */
int tb_reg_volatile(uint32_t addr)
{
    uint32_t off = addr & (VNIC_PAGE_SIZE - 1);
    if (addr < VNIC_PAGE_SIZE)
        return off == VNIC_PF_G_INT_STATUS || off == VNIC_PF_G_FAULT_VEC ||
               off == VNIC_PF_G_CMD_STATUS || (off >= VNIC_PF_VSTAT_STATUS && off < 0x300) ||
               off >= VNIC_PF_GSTAT_RX_FRAMES_LO;
    return off == VNIC_VF_STATUS || off == VNIC_VF_INT_STATUS || off == VNIC_VF_RXR_HEAD ||
           off == VNIC_VF_TXR_HEAD || off >= VNIC_VF_STAT_RX_IN_LO;
}

/* Compare host-memory images over [base, base+size). */
static unsigned cmp_mem(struct tb_env *e, int v, uint64_t base, uint64_t size)
{
    static const size_t chunk = 4096;
    uint8_t a[4096], b[4096];
    for (uint64_t off = 0; off < size; off += chunk) {
        size_t n = size - off < chunk ? (size_t)(size - off) : chunk;
        int ra = vnic_hostmem_read(e->host, base + off, a, n);
        int rb = vnic_hostmem_read(e->mhost, base + off, b, n);
        if (ra || rb || memcmp(a, b, n) != 0) {
            size_t i = 0;
            while (!ra && !rb && i < n && a[i] == b[i])
                i++;
            char who[16] = "";
            if (v >= 0)
                snprintf(who, sizeof who, "vNIC %d ", v);
            tb_mon_mismatch(&e->mon, "end: %shost memory differs at 0x%llx (RTL 0x%02x, "
                            "model 0x%02x)", who, (unsigned long long)(base + off + i),
                            ra ? 0 : a[i < n ? i : 0], rb ? 0 : b[i < n ? i : 0]);
            return 1;
        }
    }
    return 0;
}

/* Without declared ranges (vnic-sim's engines): every page either side's
 * device or CPU wrote, in both images. */
struct cmp_pages {
    struct tb_env *e;
    struct vnic_hostmem *other;
    unsigned fails;
};

static int cmp_page(void *ctx, uint64_t addr, const uint8_t *page)
{
    struct cmp_pages *c = ctx;
    uint8_t b[4096];
    if (vnic_hostmem_read(c->other, addr, b, sizeof b) == 0 && memcmp(page, b, sizeof b) == 0)
        return 0;
    c->fails += cmp_mem(c->e, -1, addr, 4096);
    return c->fails >= 8;   /* enough to debug with */
}

static unsigned cmp_all_pages(struct tb_env *e)
{
    struct cmp_pages c = {e, e->mhost, 0};
    vnic_hostmem_foreach_page(e->host, cmp_page, &c);
    if (!c.fails) {
        c.other = e->host;
        vnic_hostmem_foreach_page(e->mhost, cmp_page, &c);
    }
    return c.fails;
}

/* Read a register on the RTL; compare with the model's answer. */
static uint32_t rd_cmp(struct tb_env *e, uint32_t addr, const char *what, unsigned *fails)
{
    uint32_t v = tb_env_rd(e, addr);
    if (e->model && v != e->last_model_read) {
        tb_mon_mismatch(&e->mon, "end: %s (0x%05x) is 0x%08x on the RTL, 0x%08x on the model",
                        what, addr, v, e->last_model_read);
        (*fails)++;
    }
    return v;
}

static uint64_t rd64_cmp(struct tb_env *e, uint32_t addr, const char *what, unsigned *fails)
{
    uint64_t lo = tb_env_rd(e, addr);
    uint32_t mlo = e->last_model_read;
    uint64_t hi = tb_env_rd(e, addr + 4);
    uint32_t mhi = e->last_model_read;
    uint64_t rv = lo | hi << 32, mv = mlo | (uint64_t)mhi << 32;
    if (e->model && rv != mv) {
        tb_mon_mismatch(&e->mon, "end: counter %s is %llu on the RTL, %llu on the model", what,
                        (unsigned long long)rv, (unsigned long long)mv);
        (*fails)++;
    }
    return rv;
}

#define X_GSTAT_NAME(name, off) #name,
static const char *const gstat_names[] = {VNIC_PF_GSTAT_COUNTERS(X_GSTAT_NAME)};
#define X_GSTAT_OFF(name, off) off,
static const uint32_t gstat_offs[] = {VNIC_PF_GSTAT_COUNTERS(X_GSTAT_OFF)};
#define X_VSTAT_NAME(name, off) #name,
static const char *const vstat_names[] = {VNIC_VF_STAT_COUNTERS(X_VSTAT_NAME)};
#define X_VSTAT_OFF(name, off) off,
static const uint32_t vstat_offs[] = {VNIC_VF_STAT_COUNTERS(X_VSTAT_OFF)};
#define NGSTAT (sizeof gstat_offs / sizeof gstat_offs[0])
#define NVSTAT (sizeof vstat_offs / sizeof vstat_offs[0])

static uint64_t gval(const uint64_t *g, uint32_t off)
{
    for (unsigned i = 0; i < NGSTAT; i++)
        if (gstat_offs[i] == off)
            return g[i];
    return 0;
}
static uint64_t vval(const uint64_t *s, uint32_t off)
{
    for (unsigned i = 0; i < NVSTAT; i++)
        if (vstat_offs[i] == off)
            return s[i];
    return 0;
}

static unsigned conservation(struct tb_env *e, const uint64_t *g, uint64_t (*vs)[NVSTAT],
                             const uint32_t *rx_used)
{
    unsigned f = 0;
    const struct tb_mon_counts *n = &e->mon.n;
#define LAW(cond, ...) do { if (!(cond)) { tb_mon_mismatch(&e->mon, __VA_ARGS__); f++; } } while (0)
    uint64_t rx = gval(g, VNIC_PF_GSTAT_RX_FRAMES_LO);
    uint64_t drops = gval(g, VNIC_PF_GSTAT_DROP_FIFO_LO) + gval(g, VNIC_PF_GSTAT_DROP_RXOFF_LO) +
                     gval(g, VNIC_PF_GSTAT_DROP_MACERR_LO) + gval(g, VNIC_PF_GSTAT_DROP_TKEEP_LO) +
                     gval(g, VNIC_PF_GSTAT_DROP_RUNT_LO) + gval(g, VNIC_PF_GSTAT_DROP_OVERSIZE_LO) +
                     gval(g, VNIC_PF_GSTAT_DROP_FCS_LO) + gval(g, VNIC_PF_GSTAT_DROP_NOMATCH_LO);
    LAW(rx == e->src.frames_sent, "law: GSTAT.RX_FRAMES %llu != %llu frames sent on the wire",
        (unsigned long long)rx, (unsigned long long)e->src.frames_sent);
    LAW(rx == drops + n->classified, "law: RX_FRAMES %llu != wire drops %llu + classified %llu",
        (unsigned long long)rx, (unsigned long long)drops, (unsigned long long)n->classified);
    uint64_t sum_in = 0;
    for (unsigned v = 0; v < e->num_vnic; v++) {
        const uint64_t *s = vs[v];
        uint64_t in = vval(s, VNIC_VF_STAT_RX_IN_LO), fr = vval(s, VNIC_VF_STAT_RX_FRAMES_LO),
                 pol = vval(s, VNIC_VF_STAT_DROP_POLICER_LO), nob = vval(s, VNIC_VF_STAT_DROP_NOBUF_LO),
                 hal = vval(s, VNIC_VF_STAT_DROP_HALTED_LO), bl = vval(s, VNIC_VF_STAT_DROP_BUFLEN_LO);
        sum_in += in;
        /* stored_v from the trace: accepted copies not completed and not
         * flushed (halted drops beyond those decided at admission) */
        int64_t stored = (int64_t)n->outcome[v][0] - (int64_t)n->cpl[v] -
                         ((int64_t)hal - (int64_t)n->outcome[v][1]);
        LAW(in == n->in[v], "law: vNIC %u STAT.RX_IN %llu != %llu copies in the trace", v,
            (unsigned long long)in, (unsigned long long)n->in[v]);
        LAW(pol == n->outcome[v][2] && nob == n->outcome[v][3],
            "law: vNIC %u DROP_POLICER/NOBUF %llu/%llu != trace %llu/%llu", v,
            (unsigned long long)pol, (unsigned long long)nob,
            (unsigned long long)n->outcome[v][2], (unsigned long long)n->outcome[v][3]);
        LAW(stored >= 0, "law: vNIC %u more completions/flushes than accepted copies", v);
        LAW(rx_used[v] != 0 || stored == 0,
            "law: vNIC %u RX_USED is 0 but %lld accepted copies are neither completed nor "
            "flushed", v, (long long)stored);
        LAW(in == fr + pol + nob + hal + bl + (uint64_t)(stored > 0 ? stored : 0),
            "law: vNIC %u RX_IN %llu != RX_FRAMES %llu + POLICER %llu + NOBUF %llu + HALTED %llu "
            "+ BUFLEN %llu + stored %lld", v, (unsigned long long)in, (unsigned long long)fr,
            (unsigned long long)pol, (unsigned long long)nob, (unsigned long long)hal,
            (unsigned long long)bl, (long long)stored);
    }
    LAW(gval(g, VNIC_PF_GSTAT_RX_COPIES_LO) == sum_in, "law: RX_COPIES %llu != sum of RX_IN %llu",
        (unsigned long long)gval(g, VNIC_PF_GSTAT_RX_COPIES_LO), (unsigned long long)sum_in);
#undef LAW
    return f;
}

static unsigned read_counters(struct tb_env *e, uint64_t *g, uint64_t (*vs)[NVSTAT],
                              uint32_t *rx_used, int cmp)
{
    unsigned f = 0, *fp = cmp ? &f : &(unsigned){0};
    char what[64];
    for (unsigned i = 0; i < NGSTAT; i++) {
        snprintf(what, sizeof what, "GSTAT.%s", gstat_names[i]);
        g[i] = cmp ? rd64_cmp(e, VNIC_PF_BASE + gstat_offs[i], what, fp)
                   : tb_env_rd64(e, VNIC_PF_BASE + gstat_offs[i]);
    }
    for (unsigned v = 0; v < e->num_vnic; v++) {
        for (unsigned i = 0; i < NVSTAT; i++) {
            snprintf(what, sizeof what, "vNIC %u STAT.%s", v, vstat_names[i]);
            vs[v][i] = cmp ? rd64_cmp(e, VNIC_VF_BASE(v) + vstat_offs[i], what, fp)
                           : tb_env_rd64(e, VNIC_VF_BASE(v) + vstat_offs[i]);
        }
        tb_env_wr(e, VNIC_PF_BASE + VNIC_PF_G_VSEL, v);
        snprintf(what, sizeof what, "vNIC %u VSTAT.RX_USED", v);
        rx_used[v] = rd_cmp(e, VNIC_PF_BASE + VNIC_PF_VSTAT_RX_USED, what, fp);
        if (cmp) {
            snprintf(what, sizeof what, "vNIC %u VSTAT.TX_USED", v);
            rd_cmp(e, VNIC_PF_BASE + VNIC_PF_VSTAT_TX_USED, what, fp);
            snprintf(what, sizeof what, "vNIC %u VSTAT.STATUS", v);
            rd_cmp(e, VNIC_PF_BASE + VNIC_PF_VSTAT_STATUS, what, fp);
            snprintf(what, sizeof what, "vNIC %u VSTAT.FAULT_ADDR_LO", v);
            rd_cmp(e, VNIC_PF_BASE + VNIC_PF_VSTAT_FAULT_ADDR_LO, what, fp);
            snprintf(what, sizeof what, "vNIC %u RXR.HEAD", v);
            rd_cmp(e, VNIC_VF_BASE(v) + VNIC_VF_RXR_HEAD, what, fp);
            snprintf(what, sizeof what, "vNIC %u TXR.HEAD", v);
            rd_cmp(e, VNIC_VF_BASE(v) + VNIC_VF_TXR_HEAD, what, fp);
            snprintf(what, sizeof what, "vNIC %u INT_STATUS", v);
            rd_cmp(e, VNIC_VF_BASE(v) + VNIC_VF_INT_STATUS, what, fp);
        }
    }
    if (cmp) {
        rd_cmp(e, VNIC_PF_BASE + VNIC_PF_G_FAULT_VEC, "G.FAULT_VEC", fp);
        rd_cmp(e, VNIC_PF_BASE + VNIC_PF_G_INT_STATUS, "G.INT_STATUS", fp);
    }
    return f;
}

unsigned tb_env_conservation(struct tb_env *e)
{
    uint64_t g[NGSTAT], (*vs)[NVSTAT] = calloc(TB_MON_MAX_VNIC, sizeof *vs);
    uint32_t rx_used[TB_MON_MAX_VNIC];
    if (!vs)
        return 1;
    read_counters(e, g, vs, rx_used, 0);
    unsigned f = conservation(e, g, vs, rx_used);
    free(vs);
    return f;
}

unsigned tb_env_scoreboard(struct tb_env *e)
{
    unsigned f = 0;
    uint64_t g[NGSTAT], (*vs)[NVSTAT] = calloc(TB_MON_MAX_VNIC, sizeof *vs);
    uint32_t rx_used[TB_MON_MAX_VNIC];
    if (!vs)
        return 1;
    /* 1. host memory of every vNIC's declared ranges */
    if (e->model) {
        for (unsigned i = 0; i < e->mem.nlegal; i++)
            f += cmp_mem(e, e->mem.legal[i].owner, e->mem.legal[i].base, e->mem.legal[i].size);
        if (!e->mem.nlegal)
            f += cmp_all_pages(e);
    }
    /* 2. counters and status, RTL (AXI4-Lite) against the model */
    f += read_counters(e, g, vs, rx_used, e->model != NULL);
    /* 3. conservation law */
    f += conservation(e, g, vs, rx_used);
    /* 4. TX frames left unmatched on either side */
    if (e->model)
        for (unsigned v = 0; v < e->num_vnic; v++)
            if (e->tx_rtl[v].n || e->tx_model[v].n) {
                tb_mon_mismatch(&e->mon, "end: vNIC %u sent %zu TX frames the model did not and "
                                "the model %zu the RTL did not", v, e->tx_rtl[v].n,
                                e->tx_model[v].n);
                f++;
            }
    free(vs);
    return f;
}

int tb_env_report(struct tb_env *e, const char *name, unsigned check_fails)
{
    uint64_t mis = tb_env_mismatches(e);
    int failed = e->sim.failed || mis != 0 || check_fails != 0;
    if (e->sim.failed)
        printf("  %s: harness check failed: %s\n", name, e->sim.fail_msg);
    if (mis) {
        printf("  %s: %llu mismatches (first 20):\n", name, (unsigned long long)mis);
        tb_mon_print_mismatches(&e->mon, 20, stdout);
    }
    struct tb_sim_stats st;
    tb_sim_stats(&e->sim, &st);
    printf("  %s: %s (%llu cycles, %llu frames in, %llu copies decided, %u failed checks, "
           "%llu mismatches; %.2f s, %.0f cycles/s)\n", name, failed ? "FAIL" : "PASS",
           (unsigned long long)e->sim.cycle, (unsigned long long)e->src.frames_sent,
           (unsigned long long)e->mon.n.copies, check_fails, (unsigned long long)mis, st.wall_s,
           st.cycles_per_s);
    return failed;
}

int tb_opts_parse(struct tb_opts *o, int argc, char **argv, const char *prog)
{
    memset(o, 0, sizeof *o);
    o->seed = 1;
    const char *ev = getenv("SEED");
    if (ev && *ev)
        o->seed = strtoull(ev, NULL, 0);
    ev = getenv("WAVES");
    if (ev && strcmp(ev, "1") == 0) {
        snprintf(o->waves_buf, sizeof o->waves_buf, "build/tb/%s.fst", prog);
        o->waves = o->waves_buf;
    }
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--seed") && i + 1 < argc)
            o->seed = strtoull(argv[++i], NULL, 0);
        else if (!strcmp(argv[i], "--waves") && i + 1 < argc)
            o->waves = argv[++i];
        else if (!strcmp(argv[i], "-v"))
            o->verbose = 1;
        else if (!strcmp(argv[i], "--case") && i + 1 < argc)
            o->only = argv[++i];
        else if (!strcmp(argv[i], "--quick"))
            o->quick = 1;
        else if (argv[i][0] != '-' && !o->arg)
            o->arg = argv[i];
        else {
            fprintf(stderr, "usage: %s [--seed N] [--waves FILE.fst] [-v] [--quick] [--case NAME] [ARG]\n"
                    "  WAVES=1 in the environment writes build/tb/%s.fst\n", prog, prog);
            return -1;
        }
    }
    return 0;
}
