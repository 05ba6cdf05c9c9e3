/* tb_replay.c: replay every real capture of a folder (the tcpdump project's
 * captures beside the repository by default) through the RTL, with the
 * model in lockstep. The frames go on the wire as a sending MAC would put
 * them (padded to 60 bytes, FCS appended), paced at the physical limit
 * (case tcpdump) or at half of it (case tcpdump_half). vNIC v < n−1 owns the
 * v-th most frequent unicast destination of the captures; broadcast and
 * multicast go to the vNICs with those flags (a mix, below); the last vNIC
 * is the default vNIC (unknown unicast).
 *
 * Independently of the model, the test computes what a correct NIC does with
 * every frame (classification of docs/architecture.md §4.2, OVERSIZE above
 * G.MAX_FRAME) and checks every RX_DEC of the trace against it: the wire
 * verdict and the destination set. A copy may be dropped for lack of
 * partition space (NOBUF: broadcast replication at line rate overruns the
 * host path) and a frame may be dropped as FIFO; both are counted, never
 * silent. Every copy the device accepted must reach its VM in order and byte
 * for byte, and per vNIC: copies a correct NIC classifies to it (over the
 * frames the FIFO admitted) = delivered + NOBUF. What each vNIC received is
 * written as a pcap under build/tb/replay/.
 *
 * Usage: tb_replay [options] [CAPTURE_DIR]  (default $VNIC_TRAFFIC_DIR or
 * ../shared/traffic/tcpdump) */
#include "tb_test.h"

#include <sys/stat.h>

#include "vnic_gen.h"
#include "vnic_pcap.h"

#define REPLAY_MAX_FRAME 1522u

/* vNIC v's broadcast/multicast flags in this test: a mix, so that the
 * replication sets differ (every vNIC takes at least one kind) */
static unsigned replay_flags(unsigned v)
{
    static const unsigned f[4] = {VNIC_QOS_BCAST | VNIC_QOS_MCAST, VNIC_QOS_BCAST,
                                  VNIC_QOS_MCAST, VNIC_QOS_BCAST | VNIC_QOS_MCAST};
    return f[v % 4];
}

struct replay {
    struct tb_t *t;
    size_t n;                   /* frames replayed (seq = capture frame index) */
    uint32_t *want;             /* per frame: expected destination set (0: none) */
    uint8_t *wire;              /* per frame: expected wire verdict */
    uint8_t *admitted;          /* per frame: RX_SOF fifo_ok */
    uint32_t *acc[32];          /* per vNIC: seqs of the accepted copies, in order */
    size_t nacc[32], capacc[32];
    uint64_t nobuf[32], other[32], fifo_drops, bad_dec;
};

static void replay_obs(void *ctx, const struct vnic_ev *ev)
{
    struct replay *r = ctx;
    if (ev->type == VNIC_EV_RX_SOF) {
        if (ev->seq < r->n)
            r->admitted[ev->seq] = ev->fifo_ok;
        if (!ev->fifo_ok)
            r->fifo_drops++;
        return;
    }
    if (ev->type != VNIC_EV_RX_DEC)
        return;
    if (ev->seq >= r->n) {
        TB_CHECK(r->t, 0, "RX_DEC seq %u beyond the %zu frames replayed", ev->seq, r->n);
        return;
    }
    uint32_t want = r->want[ev->seq];
    if (ev->wire != r->wire[ev->seq] || ev->dest != want) {
        if (r->bad_dec++ < 10)
            TB_CHECK(r->t, 0, "frame %u: wire verdict %u destination set 0x%x, a correct NIC: "
                     "verdict %u set 0x%x", ev->seq, ev->wire, ev->dest, r->wire[ev->seq], want);
    }
    for (unsigned v = 0; v < 32; v++) {
        if (!(ev->dest >> v & 1))
            continue;
        if (ev->outcome[v] == VNIC_COPY_NOBUF) {
            r->nobuf[v]++;
        } else if (ev->outcome[v] != VNIC_COPY_ACCEPT) {
            r->other[v]++;
        } else {
            if (r->nacc[v] == r->capacc[v]) {
                size_t nc = r->capacc[v] ? 2 * r->capacc[v] : 256;
                uint32_t *na = realloc(r->acc[v], nc * sizeof *na);
                if (!na)
                    return;
                r->acc[v] = na;
                r->capacc[v] = nc;
            }
            r->acc[v][r->nacc[v]++] = ev->seq;
        }
    }
}

static void replay_free(struct replay *r)
{
    free(r->want);
    free(r->wire);
    free(r->admitted);
    for (unsigned v = 0; v < 32; v++)
        free(r->acc[v]);
}

static void replay_at(struct tb_t *t, unsigned pace_pct)
{
    struct tb_env *e = t->env;
    const char *dir = t->o->arg ? t->o->arg : getenv("VNIC_TRAFFIC_DIR");
    if (!dir || !*dir)
        dir = "../shared/traffic/tcpdump";
    struct vnic_pcap_trace tr;
    vnic_pcap_trace_init(&tr);
    char err[512];
    int nf = vnic_pcap_load_path(&tr, dir, err, sizeof err);
    TB_CHECK(t, nf > 0, "no capture loaded from %s: %s (set VNIC_TRAFFIC_DIR or TRAFFIC_DIR)", dir,
             nf < 0 ? err : "empty folder");
    if (nf <= 0) {
        vnic_pcap_trace_free(&tr);
        return;
    }
    printf("  captures: %d files, %zu frames from %s, paced at %u%% of the physical limit\n", nf,
           tr.n, dir, pace_pct);
    struct tb_sys s;
    struct tb_sys_cfg c;
    tb_sys_cfg_default(&c);
    c.ring_log2 = 8;
    c.max_frame = REPLAY_MAX_FRAME;
    c.def_vnic = (int)e->num_vnic - 1;
    if (tb_sys_up(&s, e, &c, err, sizeof err)) {
        TB_CHECK(t, 0, "bring-up: %s", err);
        vnic_pcap_trace_free(&tr);
        return;
    }
    /* vNIC v takes the v-th most frequent unicast destination (the last one
     * keeps its own MAC and is the default vNIC); flags as replay_flags() */
    uint8_t macs[32][6];
    unsigned nm = vnic_pcap_top_unicast(&tr, s.n > 1 ? s.n - 1 : 1, macs);
    for (unsigned v = 0; v < s.n; v++) {
        struct vnic_qos_spec sp = s.spec[v];
        if (v < nm && (v + 1 < s.n || s.n == 1))
            memcpy(sp.mac, macs[v], 6);
        sp.flags = (sp.flags & ~(unsigned)(VNIC_QOS_BCAST | VNIC_QOS_MCAST)) | replay_flags(v);
        TB_CHECK(t, vnic_dev_update(s.dev, v, &sp) == 0, "vNIC %u: %s", v, vnic_dev_error(s.dev));
        memcpy(s.mac[v], sp.mac, 6);
        s.spec[v] = sp;
    }
    struct replay r;
    memset(&r, 0, sizeof r);
    r.t = t;
    r.n = tr.n;
    r.want = calloc(tr.n, sizeof *r.want);
    r.wire = calloc(tr.n, 1);
    r.admitted = calloc(tr.n, 1);
    /* a captured record is up to its snap length (65535) long: size the frame
     * buffer after the longest one (+ padding to 60 and the FCS) */
    uint32_t maxcap = 0;
    for (size_t i = 0; i < tr.n; i++)
        if (tr.pkt[i].caplen > maxcap)
            maxcap = tr.pkt[i].caplen;
    uint8_t *frame = malloc((size_t)maxcap + 64);
    TB_CHECK(t, r.want && r.wire && r.admitted && frame, "out of memory for %zu frames", tr.n);
    if (!r.want || !r.wire || !r.admitted || !frame) {
        free(frame);
        replay_free(&r);
        tb_sys_down(&s);
        vnic_pcap_trace_free(&tr);
        return;
    }
    /* what a correct NIC does with each frame */
    uint64_t oversize = 0, nomatch = 0, copies_want = 0;
    for (size_t i = 0; i < tr.n; i++) {
        const struct vnic_pcap_pkt *pk = &tr.pkt[i];
        uint32_t len = vnic_gen_mac_frame(pk->data, pk->caplen, frame);
        if (len > REPLAY_MAX_FRAME) {
            r.wire[i] = VNIC_WIRE_OVERSIZE;
            oversize++;
            continue;
        }
        const uint8_t *da = frame;
        int bc = memcmp(da, "\xff\xff\xff\xff\xff\xff", 6) == 0;
        uint32_t d = 0;
        if (bc || (da[0] & 1)) {
            for (unsigned v = 0; v < s.n; v++)
                if (replay_flags(v) & (bc ? VNIC_QOS_BCAST : VNIC_QOS_MCAST))
                    d |= 1u << v;
        } else {
            unsigned dst = s.n - 1;
            for (unsigned v = 0; v < s.n; v++)
                if (memcmp(da, s.mac[v], 6) == 0)
                    dst = v;
            d = 1u << dst;
        }
        r.want[i] = d;
        r.wire[i] = d ? VNIC_WIRE_CLASSIFIED : VNIC_WIRE_NOMATCH;
        nomatch += d == 0;
    }
    e->mon.obs = replay_obs;
    e->mon.obs_ctx = &r;
    uint64_t at = e->sim.cycle + 16;
    for (size_t i = 0; i < tr.n; i++) {
        const struct vnic_pcap_pkt *pk = &tr.pkt[i];
        uint32_t len = vnic_gen_mac_frame(pk->data, pk->caplen, frame);
        tb_env_push_frame(e, frame, len, 0, at);
        at += ((uint64_t)(len + 20) * 100 / pace_pct + e->w - 1) / e->w;
        /* keep the VMs' rings serviced while queueing */
        if (tb_axis_src_pending(&e->src) > 64) {
            while (tb_axis_src_pending(&e->src) > 16 && !tb_sim_stopped(&e->sim)) {
                tb_env_run(e, 200);
                tb_sys_poll(&s);
            }
            at = at > e->sim.cycle ? at : e->sim.cycle;
        }
    }
    TB_CHECK(t, tb_sys_drain(&s, 20000000) == 0, "did not drain");
    e->mon.obs = NULL;
    mkdir("build", 0777);
    mkdir("build/tb", 0777);
    mkdir("build/tb/replay", 0777);
    uint64_t delivered = 0, nobuf = 0;
    for (unsigned v = 0; v < s.n; v++) {
        /* copies a correct NIC gives v, over the frames the FIFO admitted */
        uint64_t cw = 0;
        for (size_t i = 0; i < tr.n; i++)
            if (r.admitted[i] && (r.want[i] >> v & 1))
                cw++;
        copies_want += cw;
        TB_CHECK(t, cw == r.nacc[v] + r.nobuf[v] && r.other[v] == 0,
                 "vNIC %u: %llu copies classified to it, %zu accepted + %llu NOBUF + %llu "
                 "other drops", v, (unsigned long long)cw, r.nacc[v],
                 (unsigned long long)r.nobuf[v], (unsigned long long)r.other[v]);
        TB_CHECK(t, s.nrx[v] == r.nacc[v], "vNIC %u received %zu frames, the device accepted %zu",
                 v, s.nrx[v], r.nacc[v]);
        unsigned bad = 0;
        for (size_t k = 0; k < r.nacc[v] && k < s.nrx[v]; k++) {
            uint32_t seq = r.acc[v][k];
            const struct vnic_pcap_pkt *pk = &tr.pkt[seq];
            uint32_t len = vnic_gen_mac_frame(pk->data, pk->caplen, frame) - 4;
            const struct tb_rx_frame *f = &s.rx[v][k];
            if ((f->len != len || memcmp(f->data, frame, len) != 0) && bad++ < 5)
                TB_CHECK(t, 0, "vNIC %u frame %zu (capture frame %u): %u bytes received, %u "
                         "expected, or bytes differ", v, k, seq, f->len, len);
        }
        TB_CHECK(t, bad == 0, "vNIC %u: %u frames differ from the captures", v, bad);
        delivered += s.nrx[v];
        nobuf += r.nobuf[v];
        char path[64];
        snprintf(path, sizeof path, "build/tb/replay/vnic%u.pcap", v);
        struct vnic_pcap_writer *w;
        if (vnic_pcap_writer_open(path, &w, err, sizeof err) == 0) {
            for (size_t k = 0; k < s.nrx[v]; k++)
                vnic_pcap_writer_put(w, s.rx[v][k].data, s.rx[v][k].len, 0);
            vnic_pcap_writer_close(w);
        }
    }
    struct vnic_gstats g;
    vnic_dev_global_stats(s.dev, &g);
    /* wire drops a correct NIC counts, over the frames the FIFO admitted */
    uint64_t over_adm = 0, nomatch_adm = 0;
    for (size_t i = 0; i < tr.n; i++) {
        over_adm += r.admitted[i] && r.wire[i] == VNIC_WIRE_OVERSIZE;
        nomatch_adm += r.admitted[i] && r.wire[i] == VNIC_WIRE_NOMATCH;
    }
    TB_CHECK(t, g.c[VNIC_GSTAT_DROP_OVERSIZE] == over_adm && g.c[VNIC_GSTAT_DROP_NOMATCH] ==
             nomatch_adm, "OVERSIZE %" PRIu64 " NOMATCH %" PRIu64 ", a correct NIC %" PRIu64
             " and %" PRIu64, g.c[VNIC_GSTAT_DROP_OVERSIZE], g.c[VNIC_GSTAT_DROP_NOMATCH],
             over_adm, nomatch_adm);
    TB_CHECK(t, g.c[VNIC_GSTAT_DROP_FIFO] == r.fifo_drops, "GSTAT.DROP_FIFO %" PRIu64 ", trace %"
             PRIu64, g.c[VNIC_GSTAT_DROP_FIFO], r.fifo_drops);
    TB_CHECK(t, g.c[VNIC_GSTAT_RX_FRAMES] == tr.n, "RX_FRAMES %" PRIu64 ", %zu frames replayed",
             g.c[VNIC_GSTAT_RX_FRAMES], tr.n);
    TB_CHECK(t, delivered > 0, "nothing delivered");
    printf("  %zu frames: %" PRIu64 " copies classified (NOMATCH %" PRIu64 ", OVERSIZE %" PRIu64
           ", FIFO %" PRIu64 "), %" PRIu64 " delivered, %" PRIu64 " NOBUF\n  delivered per vNIC:",
           tr.n, copies_want, nomatch, oversize, r.fifo_drops, delivered, nobuf);
    for (unsigned v = 0; v < s.n; v++)
        printf(" %zu", s.nrx[v]);
    printf(" (pcaps in build/tb/replay/)\n");
    free(frame);
    replay_free(&r);
    tb_sys_down(&s);
    vnic_pcap_trace_free(&tr);
}

static void replay_full(struct tb_t *t) { replay_at(t, 100); }
static void replay_half(struct tb_t *t) { replay_at(t, 50); }

static const struct tb_case cases[] = {
    {"tcpdump", replay_full, 1, NULL},
    {"tcpdump_half", replay_half, 1, NULL},
};

int main(int argc, char **argv)
{
    return tb_run_cases("tb_replay", cases, sizeof cases / sizeof cases[0], argc, argv);
}
