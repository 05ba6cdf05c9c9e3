/* tb_replay.c: replay every real capture of a folder (the tcpdump project's
 * captures beside the repository by default) through the RTL, with the
 * model in lockstep. The frames go on the wire as a sending MAC would put
 * them (padded to 60 bytes, FCS appended), paced at the physical limit.
 * vNIC v owns the v-th most frequent unicast destination of the captures,
 * every vNIC takes broadcast and multicast, the last one is the default
 * vNIC. Independently of the model, the test computes what a correct NIC
 * delivers to each vNIC (classification of docs/architecture.md §4.2,
 * oversize drops) and compares every VM's received bytes with it. What each
 * vNIC received is also written as a pcap under build/tb/replay/.
 *
 * Usage: tb_replay [options] [CAPTURE_DIR]  (default $VNIC_TRAFFIC_DIR or
 * ../shared/traffic/tcpdump) */
#include "tb_test.h"

#include <sys/stat.h>

#include "vnic_gen.h"
#include "vnic_pcap.h"

static void replay(struct tb_t *t)
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
    printf("  captures: %d files, %zu frames from %s\n", nf, tr.n, dir);
    struct tb_sys s;
    struct tb_sys_cfg c;
    tb_sys_cfg_default(&c);
    c.ring_log2 = 8;
    c.def_vnic = (int)e->num_vnic - 1;
    if (tb_sys_up(&s, e, &c, err, sizeof err)) {
        TB_CHECK(t, 0, "bring-up: %s", err);
        vnic_pcap_trace_free(&tr);
        return;
    }
    /* vNIC v takes the v-th most frequent unicast destination */
    uint8_t macs[32][6];
    unsigned nm = vnic_pcap_top_unicast(&tr, s.n - 1, macs);
    for (unsigned v = 0; v < nm; v++) {
        struct vnic_qos_spec sp = s.spec[v];
        memcpy(sp.mac, macs[v], 6);
        TB_CHECK(t, vnic_dev_update(s.dev, v, &sp) == 0, "MAC of vNIC %u: %s", v,
                 vnic_dev_error(s.dev));
        memcpy(s.mac[v], macs[v], 6);
    }
    /* expected deliveries, counted per vNIC */
    size_t *want = calloc(tr.n * s.n, sizeof *want);
    size_t nwant[32] = {0};
    /* a captured record is up to its snap length (65535) long: size the frame
     * buffer after the longest one (+ padding to 60 and the FCS) */
    uint32_t maxcap = 0;
    for (size_t i = 0; i < tr.n; i++)
        if (tr.pkt[i].caplen > maxcap)
            maxcap = tr.pkt[i].caplen;
    uint8_t *frame = malloc((size_t)maxcap + 64);
    TB_CHECK(t, want && frame, "out of memory for %zu capture frames", tr.n);
    if (!want || !frame) {
        free(want);
        free(frame);
        tb_sys_down(&s);
        vnic_pcap_trace_free(&tr);
        return;
    }
    uint64_t at = e->sim.cycle + 16;
    uint64_t oversize = 0;
    for (size_t i = 0; i < tr.n; i++) {
        const struct vnic_pcap_pkt *pk = &tr.pkt[i];
        uint32_t len = vnic_gen_mac_frame(pk->data, pk->caplen, frame);
        tb_env_push_frame(e, frame, len, 0, at);
        at += (len + 20 + e->w - 1) / e->w;
        if (len > 1522) {
            oversize++;
            continue;
        }
        const uint8_t *da = frame;
        int bc = memcmp(da, "\xff\xff\xff\xff\xff\xff", 6) == 0;
        if (bc || (da[0] & 1)) {
            for (unsigned v = 0; v < s.n; v++)
                want[v * tr.n + nwant[v]++] = i;
        } else {
            unsigned dst = s.n - 1;
            for (unsigned v = 0; v < nm; v++)
                if (memcmp(da, s.mac[v], 6) == 0)
                    dst = v;
            want[dst * tr.n + nwant[dst]++] = i;
        }
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
    mkdir("build", 0777);
    mkdir("build/tb", 0777);
    mkdir("build/tb/replay", 0777);
    for (unsigned v = 0; v < s.n; v++) {
        TB_CHECK(t, s.nrx[v] == nwant[v], "vNIC %u received %zu frames, a correct NIC delivers %zu",
                 v, s.nrx[v], nwant[v]);
        for (size_t k = 0; k < nwant[v] && k < s.nrx[v]; k++) {
            const struct vnic_pcap_pkt *pk = &tr.pkt[want[v * tr.n + k]];
            uint32_t len = vnic_gen_mac_frame(pk->data, pk->caplen, frame) - 4;
            const struct tb_rx_frame *r = &s.rx[v][k];
            TB_CHECK(t, r->len == len && memcmp(r->data, frame, len) == 0,
                     "vNIC %u frame %zu (capture frame %zu): %u bytes received, %u expected, or "
                     "bytes differ", v, k, want[v * tr.n + k], r->len, len);
        }
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
    TB_CHECK(t, g.c[VNIC_GSTAT_DROP_OVERSIZE] == oversize, "OVERSIZE %" PRIu64 ", expected %" PRIu64,
             g.c[VNIC_GSTAT_DROP_OVERSIZE], oversize);
    TB_CHECK(t, g.c[VNIC_GSTAT_RX_FRAMES] == tr.n, "RX_FRAMES %" PRIu64 ", %zu frames replayed",
             g.c[VNIC_GSTAT_RX_FRAMES], tr.n);
    printf("  delivered:");
    for (unsigned v = 0; v < s.n; v++)
        printf(" %zu", s.nrx[v]);
    printf(" (per vNIC; pcaps in build/tb/replay/)\n");
    free(want);
    free(frame);
    tb_sys_down(&s);
    vnic_pcap_trace_free(&tr);
}

static const struct tb_case cases[] = {
    {"tcpdump", replay, 1, NULL},
};

int main(int argc, char **argv)
{
    return tb_run_cases("tb_replay", cases, sizeof cases / sizeof cases[0], argc, argv);
}
