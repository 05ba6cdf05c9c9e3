/* test_tx_out.c: directed tests of vnic_tx_out (docs/architecture.md §5).
 *
 * The test owns the TX buffer (a C array answering the read port one cycle
 * later), writes frames into four circular partitions (some wrapping at the
 * partition end), grants them, and checks every frame on m_axis_tx against
 * its own construction: bytes 0..n-1, zeros up to 60, then zlib's crc32 of
 * those bytes little-endian; tkeep a run of ones from lane 0 on the last
 * beat and all ones elsewhere, tuser 0, sent_* in the cycle of the last beat,
 * in grant order.
 *
 * 1. every n from 14 to 1518 and 9014, random tready;
 * 2. the same with tready always high: the stream must have no idle cycle
 *    while granted frames wait (line rate at every size);
 * 3. random lengths 14..9018 with a MAC-like tready (a gap after each frame).
 * Usage: test_tx_out [seed]. Ends with "N passed, N failed".
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "tx_out_io.h"

#define NV   TXO_NV
#define W    (TXO_DW / 8)
#define BUFB TXO_BUF
#define PART (BUFB / NV)

struct gframe {
    unsigned vnic, n;
    uint8_t *wire; /* expected wire bytes */
    unsigned L;
};

struct env {
    struct dut *d;
    struct dut_pins p;
    uint64_t cyc, rng;
    uint8_t buf[BUFB];
    uint32_t wp[NV];             /* partition write offsets, words */
    /* read port */
    int rd_pend;
    uint32_t rd_addr;
    /* frames granted, in order */
    struct gframe *g;
    unsigned ng, cap, nrx, nsent;
    /* the frame on the stream */
    uint8_t rx[16400];
    unsigned rxlen;
    int sent_due;                /* a last beat was accepted last cycle */
    unsigned sent_due_idx;
    /* statistics */
    uint64_t beats, first_beat, last_beat, idle_waiting;
    unsigned errors;
    char first_err[240];
};

static unsigned g_pass, g_fail;

static uint64_t rnd(struct env *e)
{
    e->rng ^= e->rng << 13;
    e->rng ^= e->rng >> 7;
    e->rng ^= e->rng << 17;
    return e->rng;
}

static void err(struct env *e, const char *what, unsigned long long a, unsigned long long b)
{
    if (!e->errors) {
        char m[180];
        snprintf(m, sizeof(m), what, a, b);
        snprintf(e->first_err, sizeof(e->first_err), "%s (cycle %" PRIu64 ")", m, e->cyc);
    }
    e->errors++;
}

static void env_init(struct env *e, uint64_t seed)
{
    memset(e, 0, sizeof(*e));
    e->rng = seed ? seed : 1;
    e->d = dut_new();
    if (!e->d) {
        fprintf(stderr, "test_tx_out: out of memory creating the Verilated model\n");
        exit(2);
    }
    for (unsigned v = 0; v < NV; v++) {
        txg_set(e->p.cfg_tx_base, v * 32, 32, (uint64_t)v * PART);
        txg_set(e->p.cfg_tx_size, v * 32, 32, PART);
    }
    for (unsigned i = 0; i < BUFB; i++)
        e->buf[i] = (uint8_t)rnd(e);
    e->p.rst = 1;
    for (int i = 0; i < 4; i++) {
        dut_eval(e->d, &e->p);
        dut_tick(e->d);
    }
    e->p.rst = 0;
}

static void env_free(struct env *e)
{
    for (unsigned i = 0; i < e->ng; i++)
        free(e->g[i].wire);
    free(e->g);
    dut_free(e->d);
}

/* Store an n-byte frame in vNIC v's partition; returns its word offset. */
static uint32_t store_frame(struct env *e, unsigned v, const uint8_t *f, unsigned n)
{
    uint32_t off = e->wp[v];
    uint32_t words = (n + W - 1) / W, pw = PART / W;
    for (uint32_t k = 0; k < words; k++) {
        uint32_t o = (off + k) % pw;
        uint8_t *dst = &e->buf[v * PART + o * W];
        for (unsigned b = 0; b < W; b++)
            dst[b] = (k * W + b < n) ? f[k * W + b] : (uint8_t)rnd(e); /* garbage past n */
    }
    e->wp[v] = (off + words) % pw;
    return off;
}

static void add_frame(struct env *e, unsigned v, unsigned n)
{
    if (e->ng == e->cap) {
        e->cap = e->cap ? 2 * e->cap : 1024;
        e->g = realloc(e->g, e->cap * sizeof(*e->g));
        if (!e->g) {
            fprintf(stderr, "test_tx_out: out of memory\n");
            exit(2);
        }
    }
    uint8_t f[16384];
    for (unsigned i = 0; i < n; i++)
        f[i] = (uint8_t)rnd(e);
    struct gframe *g = &e->g[e->ng];
    unsigned P = n > 60 ? n : 60;
    g->vnic = v;
    g->n = n;
    g->L = P + 4;
    g->wire = calloc(1, g->L);
    if (!g->wire) {
        fprintf(stderr, "test_tx_out: out of memory\n");
        exit(2);
    }
    memcpy(g->wire, f, n);
    uint32_t c = (uint32_t)crc32(0L, g->wire, P);
    for (int i = 0; i < 4; i++)
        g->wire[P + i] = (uint8_t)(c >> (8 * i));
    e->ng++;
    (void)f;
}

/* One cycle; tready_mode 0 random, 1 always, 2 MAC-like. Grants frame `next`
 * when take is high. Returns the index of the next frame to grant. */
static unsigned cycle(struct env *e, unsigned next, unsigned limit, int tready_mode, unsigned *gap)
{
    struct dut_pins *p = &e->p;
    /* read port: data of last cycle's read */
    if (e->rd_pend) {
        for (unsigned b = 0; b < W; b++)
            txg_set(p->buf_rd_data, b * 8, 8, e->buf[(e->rd_addr * W + b) % BUFB]);
    }
    /* tready */
    if (tready_mode == 0)
        p->m_axis_tx_tready = (rnd(e) % 100) < 65;
    else if (tready_mode == 1)
        p->m_axis_tx_tready = 1;
    else
        p->m_axis_tx_tready = *gap == 0;
    /* grant */
    p->grant_valid = 0;
    dut_eval(e->d, p);
    if (p->take && next < limit) {
        /* grant in this cycle: inputs change, evaluate again */
        struct gframe *g = &e->g[next];
        p->grant_valid = 1;
        p->grant_vnic = g->vnic;
        p->grant_len = g->n;
        /* the frame goes into its partition just now */
        p->grant_off = store_frame(e, g->vnic, g->wire, g->n);
        dut_eval(e->d, p);
        next++;
    }
    /* outputs */
    e->sent_due = 0;
    if (p->m_axis_tx_tuser)
        err(e, "tuser set%llu%llu", 0, 0);
    if (p->m_axis_tx_tvalid && p->m_axis_tx_tready) {
        uint64_t keep = p->m_axis_tx_tkeep;
        unsigned nb = 0;
        while (nb < W && ((keep >> nb) & 1u))
            nb++;
        if (nb < W && (keep >> nb) != 0)
            err(e, "tkeep 0x%llx not a run of ones from lane 0%llu", (unsigned long long)keep, 0);
        if (!p->m_axis_tx_tlast && nb != W)
            err(e, "tkeep 0x%llx not all ones on a beat other than the last%llu", (unsigned long long)keep, 0);
        for (unsigned b = 0; b < nb && e->rxlen < sizeof(e->rx); b++)
            e->rx[e->rxlen++] = (uint8_t)txg_bits(p->m_axis_tx_tdata, b * 8, 8);
        if (!e->beats)
            e->first_beat = e->cyc;
        e->beats++;
        e->last_beat = e->cyc;
        if (p->m_axis_tx_tlast) {
            if (e->nrx >= e->ng) {
                err(e, "frame on the stream that was never granted%llu%llu", 0, 0);
            } else {
                struct gframe *g = &e->g[e->nrx];
                if (e->rxlen != g->L || memcmp(e->rx, g->wire, g->L))
                    err(e, "frame %llu (n %llu) wrong on the wire", (unsigned long long)e->nrx,
                        (unsigned long long)g->n);
                e->sent_due = 1;
                e->sent_due_idx = e->nrx;
                e->nrx++;
            }
            e->rxlen = 0;
            *gap = tready_mode == 2 ? (20 + W - 1) / W : 0;
        }
    } else {
        if (tready_mode == 1 && e->nrx < next && e->beats)
            e->idle_waiting++;
        if (*gap)
            (*gap)--;
    }
    /* sent_* in the cycle the last beat is accepted */
    if (p->sent_valid != (uint64_t)e->sent_due)
        err(e, "sent_valid %llu, expected %llu", (unsigned long long)p->sent_valid,
            (unsigned long long)e->sent_due);
    if (e->sent_due && p->sent_valid) {
        struct gframe *g = &e->g[e->sent_due_idx];
        if (p->sent_vnic != g->vnic || p->sent_len != g->n)
            err(e, "sent vnic/len %llu/%llu not the frame's", (unsigned long long)p->sent_vnic,
                (unsigned long long)p->sent_len);
        e->nsent++;
    }
    e->rd_pend = (int)p->buf_rd_en;
    e->rd_addr = (uint32_t)p->buf_rd_addr;
    dut_tick(e->d);
    e->cyc++;
    return next;
}

static void report(const char *name, int ok, const char *detail)
{
    printf("%s %s%s%s\n", ok ? "PASS" : "FAIL", name, detail[0] ? ": " : "", detail);
    if (ok)
        g_pass++;
    else
        g_fail++;
}

static void run(uint64_t seed, const char *name, int mode, int sizes)
{
    struct env e;
    env_init(&e, seed);
    if (sizes == 0) {
        for (unsigned n = 14; n <= 1518; n++)
            add_frame(&e, n % NV, n);
        add_frame(&e, 1, 9014);
        add_frame(&e, 2, 14);
        add_frame(&e, 3, 9014);
    } else {
        for (unsigned i = 0; i < 1500; i++) {
            unsigned r = (unsigned)(rnd(&e) % 10);
            unsigned n = r < 6 ? 14 + (unsigned)(rnd(&e) % 200) : r < 9 ? 14 + (unsigned)(rnd(&e) % 1505)
                                                                         : 14 + (unsigned)(rnd(&e) % 9005);
            add_frame(&e, (unsigned)(rnd(&e) % NV), n);
        }
    }
    unsigned next = 0, gap = 0;
    uint64_t limit_cyc = 4000000;
    while (e.nsent < e.ng && e.cyc < limit_cyc)
        next = cycle(&e, next, e.ng, mode, &gap);
    char b[300];
    if (e.errors) {
        snprintf(b, sizeof(b), "%u mismatches, first: %s", e.errors, e.first_err);
        report(name, 0, b);
    } else if (e.nsent != e.ng) {
        snprintf(b, sizeof(b), "only %u of %u frames sent in %" PRIu64 " cycles", e.nsent, e.ng, e.cyc);
        report(name, 0, b);
    } else if (mode == 1) {
        uint64_t span = e.last_beat - e.first_beat + 1;
        snprintf(b, sizeof(b), "%u frames, %" PRIu64 " beats in %" PRIu64 " cycles, %" PRIu64 " idle while frames waited",
                 e.ng, e.beats, span, e.idle_waiting);
        report(name, e.idle_waiting == 0 && span == e.beats, b);
    } else {
        snprintf(b, sizeof(b), "%u frames byte-exact, %" PRIu64 " cycles", e.ng, e.cyc);
        report(name, 1, b);
    }
    env_free(&e);
}

int main(int argc, char **argv)
{
    uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 1;
    printf("test_tx_out: seed %" PRIu64 ", DATA_W %u, NUM_VNIC %u, TX_BUF_BYTES %u\n", seed, TXO_DW, NV, BUFB);
    run(seed, "pad + FCS for n = 14..1518 and 9014, random tready", 0, 0);
    run(seed + 1, "line rate: no idle cycle at any size with tready high", 1, 0);
    run(seed + 2, "random sizes 14..9018 with a MAC-like tready", 2, 1);
    printf("%u passed, %u failed\n", g_pass, g_fail);
    return g_fail ? 1 : 0;
}
