/* test_decide: vnic_rx_decide — classification (unicast, broadcast and
 * multicast replication, default vNIC, NOMATCH, disabled vNICs, a MAC
 * committed while the frame is in flight), the wire-verdict order, the
 * policer against a C reference of docs/architecture.md §4.3 (every cycle
 * P <= min(B*2^24, P - c + R), accept iff P >= L*2^24), partition admission
 * (RX_USED, NOBUF) and HALTED. */
#include <stdlib.h>
#include <string.h>

#include "tw_decide_pins.h"
#include "vtb.h"

enum { F_FLAGS, F_MAC, F_SIZE, F_RATE, F_BURST };
enum { FL_EN = 1, FL_BC = 2, FL_MC = 4, FL_POL = 16 };
enum { OUT_ACC, OUT_HALT, OUT_POL, OUT_NOBUF };

struct env {
    struct vtb *t;
    struct vtb_pins p;
    struct vtb_result r;
};

static void cycle(struct env *e)
{
    vtb_cycle(e->t, &e->p);
    e->p.cfg_we = 0;
    e->p.pre_valid = 0;
    e->p.dec_valid = 0;
    e->p.cmd_commit = 0;
    e->p.cmd_reset = 0;
    e->p.rel_valid = 0;
}

static void cfg(struct env *e, unsigned v, unsigned f, uint64_t val)
{
    e->p.cfg_we = 1;
    e->p.cfg_v = v;
    e->p.cfg_f = f;
    e->p.cfg_val = val;
    cycle(e);
}

struct verdict {
    unsigned wire, dest, outcome;
    int keep;
};

/* flags of the frame's wire checks */
enum { W_MACERR = 1, W_TKEEP = 2, W_RUNT = 4, W_FCS = 8, W_NOFIFO = 16 };

/* One frame: DA in the cycle after tlast, its decision three cycles later
 * (PIPE = 3); extra: cycles to idle before the decision (after the pre). */
static struct verdict frame(struct env *e, uint64_t da, uint32_t len, unsigned wf)
{
    static uint32_t seq;
    struct verdict v;
    e->p.pre_valid = 1;
    e->p.pre_da = da;
    cycle(e);
    cycle(e);
    cycle(e);
    e->p.dec_valid = 1;
    e->p.dec_seq = seq++;
    e->p.dec_fifo_ok = !(wf & W_NOFIFO);
    e->p.dec_macerr = !!(wf & W_MACERR);
    e->p.dec_tkeep = !!(wf & W_TKEEP);
    e->p.dec_runt = !!(wf & W_RUNT);
    e->p.dec_fcs_bad = !!(wf & W_FCS);
    e->p.dec_len = len;
    vtb_eval(e->t, &e->p);
    v.wire = (unsigned)e->p.trc_wire;
    v.dest = (unsigned)e->p.trc_dest;
    v.outcome = (unsigned)e->p.trc_outcome;
    v.keep = (int)e->p.dec_keep;
    VTB_CHECK(&e->r, e->p.trc_valid == !(wf & W_NOFIFO), "RX_DEC trace valid %u for fifo_ok %u",
              (unsigned)e->p.trc_valid, !(wf & W_NOFIFO));
    cycle(e);
    return v;
}

static unsigned outc(const struct verdict *v, unsigned n)
{
    return (v->outcome >> (2 * n)) & 3u;
}

static uint64_t mac(unsigned i)
{
    return 0x020000000010ull + i;
}

static void setup(struct env *e)
{
    memset(&e->p, 0, sizeof(e->p));
    e->p.rst = 1;
    cycle(e);
    cycle(e);
    e->p.rst = 0;
    e->p.g_rx_en = 1;
    e->p.g_max_frame = 1522;
    for (unsigned v = 0; v < 4; v++) {
        cfg(e, v, F_MAC, mac(v));
        cfg(e, v, F_SIZE, 16384);
    }
    cfg(e, 0, F_FLAGS, FL_EN | FL_BC);
    cfg(e, 1, F_FLAGS, FL_EN | FL_BC | FL_MC);
    cfg(e, 2, F_FLAGS, FL_EN | FL_MC);
    cfg(e, 3, F_FLAGS, 0);
}

static void test_classify(struct env *e)
{
    struct verdict v;
    setup(e);
    for (unsigned i = 0; i < 3; i++) {
        v = frame(e, mac(i), 100, 0);
        VTB_CHECK(&e->r, v.wire == 0 && v.dest == (1u << i) && v.keep, "unicast to %u: wire %u dest 0x%x",
                  i, v.wire, v.dest);
    }
    v = frame(e, mac(3), 100, 0); /* vNIC 3 disabled */
    VTB_CHECK(&e->r, v.wire == 8 && v.dest == 0 && !v.keep, "disabled vNIC: wire %u dest 0x%x", v.wire,
              v.dest);
    v = frame(e, 0xFFFFFFFFFFFFull, 100, 0);
    VTB_CHECK(&e->r, v.wire == 0 && v.dest == 0x3, "broadcast: dest 0x%x", v.dest);
    VTB_CHECK(&e->r, e->p.g_copies == 2, "broadcast: RX_COPIES += %u", (unsigned)e->p.g_copies);
    v = frame(e, 0x01005E000001ull, 100, 0);
    VTB_CHECK(&e->r, v.wire == 0 && v.dest == 0x6, "multicast: dest 0x%x", v.dest);
    v = frame(e, 0x020000009999ull, 100, 0);
    VTB_CHECK(&e->r, v.wire == 8 && v.dest == 0, "unknown unicast: wire %u", v.wire);
    /* default vNIC, and a default that is disabled */
    e->p.g_def_en = 1;
    e->p.g_def_vnic = 2;
    v = frame(e, 0x020000009999ull, 100, 0);
    VTB_CHECK(&e->r, v.wire == 0 && v.dest == 0x4, "default vNIC: wire %u dest 0x%x", v.wire, v.dest);
    e->p.g_def_vnic = 3;
    v = frame(e, 0x020000009999ull, 100, 0);
    VTB_CHECK(&e->r, v.wire == 8, "disabled default vNIC: wire %u", v.wire);
    e->p.g_def_vnic = 1;
    cfg(e, 0, F_FLAGS, FL_EN);
    cfg(e, 1, F_FLAGS, FL_EN);
    v = frame(e, 0xFFFFFFFFFFFFull, 100, 0);
    VTB_CHECK(&e->r, v.dest == 0x2, "broadcast nobody takes goes to the default: dest 0x%x", v.dest);
    e->p.g_def_en = 0;

    /* a COMMIT of vNIC 3's MAC while the frame is between pre and decision */
    cfg(e, 3, F_FLAGS, FL_EN);
    e->p.pre_valid = 1;
    e->p.pre_da = 0x0200000000AAull;
    cycle(e);
    e->p.cmd_commit = 1;
    e->p.cmd_vnic = 3;
    e->p.cmd_mac = 0x0200000000AAull;
    e->p.cmd_pol_burst = 0;
    cfg(e, 3, F_MAC, 0x0200000000AAull); /* the active copy changes with the commit */
    cycle(e);
    e->p.dec_valid = 1;
    e->p.dec_fifo_ok = 1;
    e->p.dec_macerr = e->p.dec_tkeep = e->p.dec_runt = e->p.dec_fcs_bad = 0;
    e->p.dec_len = 100;
    vtb_eval(e->t, &e->p);
    VTB_CHECK(&e->r, e->p.trc_dest == 0x8, "MAC committed in flight: dest 0x%x", (unsigned)e->p.trc_dest);
    cycle(e);

    /* wire verdict order: FIFO (no event), RXOFF, MACERR, TKEEP, RUNT, OVERSIZE, FCS */
    setup(e);
    v = frame(e, mac(0), 100, W_NOFIFO | W_MACERR);
    VTB_CHECK(&e->r, !v.keep, "FIFO-dropped frame kept");
    e->p.g_rx_en = 0;
    v = frame(e, mac(0), 100, W_MACERR | W_FCS);
    VTB_CHECK(&e->r, v.wire == 2, "RXOFF first: wire %u", v.wire);
    e->p.g_rx_en = 1;
    v = frame(e, mac(0), 30, W_MACERR | W_TKEEP | W_RUNT | W_FCS);
    VTB_CHECK(&e->r, v.wire == 3, "MACERR: wire %u", v.wire);
    v = frame(e, mac(0), 30, W_TKEEP | W_RUNT | W_FCS);
    VTB_CHECK(&e->r, v.wire == 4, "TKEEP: wire %u", v.wire);
    v = frame(e, mac(0), 30, W_RUNT | W_FCS);
    VTB_CHECK(&e->r, v.wire == 5, "RUNT: wire %u", v.wire);
    v = frame(e, mac(0), 1523, W_FCS);
    VTB_CHECK(&e->r, v.wire == 6, "OVERSIZE (G.MAX_FRAME at the decision): wire %u", v.wire);
    e->p.g_max_frame = 2000;
    v = frame(e, mac(0), 1523, W_FCS);
    VTB_CHECK(&e->r, v.wire == 7, "FCS: wire %u", v.wire);
    v = frame(e, mac(0), 1523, 0);
    VTB_CHECK(&e->r, v.wire == 0 && v.dest == 1, "good jumbo: wire %u", v.wire);
}

/* S(L) at W = 8 */
static uint32_t slen(uint32_t L)
{
    return 8u * ((L - 4 + 7) / 8);
}

static void test_admission(struct env *e)
{
    struct verdict v;
    setup(e);
    cfg(e, 0, F_SIZE, 1024);
    uint32_t used = 0;
    unsigned acc = 0;
    for (unsigned i = 0; i < 20; i++) {
        v = frame(e, mac(0), 200, 0);
        int fits = used + slen(200) <= 1024;
        VTB_CHECK(&e->r, outc(&v, 0) == (fits ? OUT_ACC : OUT_NOBUF), "frame %u: outcome %u, used %u", i,
                  outc(&v, 0), used);
        if (fits) {
            used += slen(200);
            acc++;
        }
        vtb_eval(e->t, &e->p);
        VTB_CHECK(&e->r, e->p.used0 == used, "RX_USED %u, expected %u", (unsigned)e->p.used0, used);
    }
    VTB_CHECK(&e->r, acc == 1024 / slen(200), "%u frames fit", acc);
    /* release one: exactly one more fits */
    e->p.rel_valid = 1;
    e->p.rel_vnic = 0;
    e->p.rel_bytes = slen(200);
    cycle(e);
    used -= slen(200);
    v = frame(e, mac(0), 200, 0);
    VTB_CHECK(&e->r, outc(&v, 0) == OUT_ACC, "after a release: outcome %u", outc(&v, 0));
    v = frame(e, mac(0), 200, 0);
    VTB_CHECK(&e->r, outc(&v, 0) == OUT_NOBUF, "full again: outcome %u", outc(&v, 0));
    /* halted wins over everything */
    e->p.halted = 1;
    v = frame(e, 0xFFFFFFFFFFFFull, 200, 0);
    VTB_CHECK(&e->r, outc(&v, 0) == OUT_HALT && outc(&v, 1) == OUT_ACC, "halted: outcomes %u %u",
              outc(&v, 0), outc(&v, 1));
    e->p.halted = 0;
}

static uint64_t rnd(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* The policer against the C reference, cycle by cycle, on vNICs 0 and 1
 * (broadcast frames reach both: independent buckets). */
static void test_policer(struct env *e, uint64_t seed, uint32_t rate, uint32_t burst)
{
    setup(e);
    uint32_t rt[2] = {rate, rate / 3 + 1};
    uint32_t bu[2] = {burst, burst * 2};
    for (unsigned n = 0; n < 2; n++) {
        cfg(e, n, F_SIZE, 1u << 20);
        cfg(e, n, F_RATE, rt[n]);
        cfg(e, n, F_BURST, bu[n]);
        cfg(e, n, F_FLAGS, FL_EN | FL_BC | FL_POL);
    }
    uint64_t P[2];
    /* COMMIT both: P = B*2^24 from the next cycle */
    for (unsigned n = 0; n < 2; n++) {
        e->p.cmd_commit = 1;
        e->p.cmd_vnic = n;
        e->p.cmd_mac = mac(n);
        e->p.cmd_pol_burst = bu[n];
        cycle(e);
    }
    P[0] = ((uint64_t)bu[0] << 24);
    P[1] = ((uint64_t)bu[1] << 24);
    /* vNIC 0 was committed one cycle earlier: one more refill (saturated) */
    P[0] = P[0] + rt[0] > ((uint64_t)bu[0] << 24) ? ((uint64_t)bu[0] << 24) : P[0] + rt[0];

    unsigned acc[2] = {0, 0}, pol[2] = {0, 0};
    for (unsigned f = 0; f < 400; f++) {
        unsigned gap = 3 + (unsigned)(rnd(&seed) % 300);
        uint32_t L = 64 + (uint32_t)(rnd(&seed) % 1459);
        /* idle cycles (the reference refills) */
        for (unsigned k = 0; k + 4 < gap; k++) {
            cycle(e);
            for (unsigned n = 0; n < 2; n++) {
                uint64_t B = (uint64_t)bu[n] << 24;
                P[n] = P[n] + rt[n] > B ? B : P[n] + rt[n];
            }
        }
        /* the frame: pre + 2 idle cycles, then the decision cycle */
        for (unsigned k = 0; k < 3; k++)
            for (unsigned n = 0; n < 2; n++) {
                uint64_t B = (uint64_t)bu[n] << 24;
                P[n] = P[n] + rt[n] > B ? B : P[n] + rt[n];
            }
        struct verdict v = frame(e, 0xFFFFFFFFFFFFull, L, 0);
        for (unsigned n = 0; n < 2; n++) {
            uint64_t B = (uint64_t)bu[n] << 24, c = (uint64_t)L << 24;
            int ok = P[n] >= c;
            VTB_CHECK(&e->r, outc(&v, n) == (ok ? OUT_ACC : OUT_POL),
                      "policer vNIC %u frame %u L=%u: outcome %u, reference P=%llu", n, f, L, outc(&v, n),
                      (unsigned long long)P[n]);
            if (ok) {
                P[n] -= c;
                acc[n]++;
            } else {
                pol[n]++;
            }
            P[n] = P[n] + rt[n] > B ? B : P[n] + rt[n];
        }
        /* keep the partitions from filling */
        e->p.rel_valid = 1;
        e->p.rel_vnic = 0;
        e->p.rel_bytes = outc(&v, 0) == OUT_ACC ? slen(L) : 0;
        cycle(e);
        e->p.rel_valid = 1;
        e->p.rel_vnic = 1;
        e->p.rel_bytes = outc(&v, 1) == OUT_ACC ? slen(L) : 0;
        for (unsigned n = 0; n < 2; n++) {
            uint64_t B = (uint64_t)bu[n] << 24;
            P[n] = P[n] + rt[n] > B ? B : P[n] + rt[n];
        }
        cycle(e);
        for (unsigned n = 0; n < 2; n++) {
            uint64_t B = (uint64_t)bu[n] << 24;
            P[n] = P[n] + rt[n] > B ? B : P[n] + rt[n];
        }
    }
    /* the run exercised both outcomes */
    VTB_CHECK(&e->r, acc[0] > 0 && pol[0] > 0, "policer vNIC 0: %u accepted, %u policed", acc[0], pol[0]);
    VTB_CHECK(&e->r, acc[1] > 0 && pol[1] > 0, "policer vNIC 1: %u accepted, %u policed", acc[1], pol[1]);
}

int main(void)
{
    struct env e;
    memset(&e, 0, sizeof(e));
    e.t = vtb_new();
    test_classify(&e);
    test_admission(&e);
    /* rates of 1.5, 0.3 and 4.9 bytes/cycle (8.24), bursts 1600..9100 bytes */
    test_policer(&e, 1, 0x01800000u, 1600);
    test_policer(&e, 2, 0x004CCCCDu, 3000);
    test_policer(&e, 3, 0x04E66666u, 9100);
    vtb_free(e.t);
    return vtb_summary("test_decide", &e.r);
}
