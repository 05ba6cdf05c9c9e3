/* test_scn.c: unit tests of the scenario parser (tb/sim/vnic_scn.c).
 * Usage: test_scn [SCENARIO_DIR] (default scenarios). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vnic_scn.h"

static const char *scn_dir = "scenarios";

static int build_str(const char *text, struct vnic_scn *s, char *err, size_t errlen)
{
    struct vnic_scn_text t;
    if (vnic_scn_load_string("test.scn", text, &t, err, errlen))
        return -1;
    int rc = vnic_scn_build(&t, s, err, errlen);
    vnic_scn_text_free(&t);
    return rc;
}

static const char *minimal = "[vnic a]\nmac = 02:00:00:00:00:0a\n[stream s]\ndst = a\n";

START_TEST(test_shipped)
{
    static const char *const files[] = {"default.scn", "fig10.scn", "isolation.scn", "pcap-replay.scn"};
    for (unsigned i = 0; i < 4; i++) {
        char path[512], err[1024];
        snprintf(path, sizeof(path), "%s/%s", scn_dir, files[i]);
        struct vnic_scn_text t;
        ck_assert_msg(vnic_scn_load(path, &t, err, sizeof(err)) == 0, "%s", err);
        struct vnic_scn *s = calloc(1, sizeof(*s));
        ck_assert_msg(vnic_scn_build(&t, s, err, sizeof(err)) == 0, "%s", err);
        ck_assert_uint_gt(s->nvnic, 0);
        ck_assert_uint_gt(s->nstream, 0);
        ck_assert_uint_gt(s->nexpect, 0);
        /* every sweep value builds */
        for (unsigned k = 0; k < s->nsweep; k++) {
            char ov[256];
            char val[64];
            snprintf(val, sizeof(val), "%s", s->sweep_value[k]);
            snprintf(ov, sizeof(ov), "%s=%s", s->sweep_param, val);
            ck_assert_msg(vnic_scn_override(&t, ov, err, sizeof(err)) == 0, "%s", err);
            struct vnic_scn *s2 = calloc(1, sizeof(*s2));
            ck_assert_msg(vnic_scn_build(&t, s2, err, sizeof(err)) == 0, "%s: %s", ov, err);
            free(s2);
        }
        free(s);
        vnic_scn_text_free(&t);
    }
}
END_TEST

START_TEST(test_fig10_values)
{
    char path[512], err[1024];
    snprintf(path, sizeof(path), "%s/fig10.scn", scn_dir);
    struct vnic_scn_text t;
    ck_assert(vnic_scn_load(path, &t, err, sizeof(err)) == 0);
    struct vnic_scn *s = calloc(1, sizeof(*s));
    ck_assert(vnic_scn_build(&t, s, err, sizeof(err)) == 0);
    ck_assert_uint_eq(s->nvnic, 2);
    ck_assert_str_eq(s->sweep_param, "vnic.vm2.ceiling");
    ck_assert_uint_ge(s->nsweep, 8);
    ck_assert(fabs(s->host.service_bpc - 4e9 / 8 / 156.25e6) < 1e-9); /* 4 Gb/s = 3.2 B/cycle */
    ck_assert(vnic_scn_override(&t, "vnic.vm2.ceiling=0.5 Gb/s", err, sizeof(err)) == 0);
    ck_assert(vnic_scn_build(&t, s, err, sizeof(err)) == 0);
    ck_assert_uint_eq(s->vnic[1].spec.ceil_bps, 500000000u);
    ck_assert(fabs(s->vnic[1].ceil_gbps - 0.5) < 1e-12);
    /* a fraction of the link: 10 Gb/s at W = 8 */
    ck_assert(vnic_scn_override(&t, "vnic.vm2.ceiling=25%", err, sizeof(err)) == 0);
    ck_assert(vnic_scn_build(&t, s, err, sizeof(err)) == 0);
    ck_assert_uint_eq(s->vnic[1].spec.ceil_bps, 2500000000u);
    free(s);
    vnic_scn_text_free(&t);
}
END_TEST

START_TEST(test_defaults_and_values)
{
    struct vnic_scn *s = calloc(1, sizeof(*s));
    char err[512];
    ck_assert_msg(build_str(minimal, s, err, sizeof(err)) == 0, "%s", err);
    ck_assert_uint_eq(s->dev.num_vnic, 8);
    ck_assert_uint_eq(s->dev.data_w, 64);
    ck_assert_uint_eq(s->dev.max_frame, 1522);
    ck_assert_int_eq(s->dev.def_vnic, -1);
    ck_assert_uint_eq(s->cycles, 1000000);
    ck_assert_uint_eq(s->warmup, 100000);
    ck_assert_uint_eq(s->seed, 1);
    ck_assert_uint_eq(s->vnic[0].ring_log2, 8);
    ck_assert_uint_eq(s->stream[0].g.ndest, 1);
    ck_assert_int_eq(s->stream[0].dest_vnic[0], 0);
    uint8_t top[1][6];
    ck_assert(vnic_scn_finish(s, (const uint8_t(*)[6])top, 0, err, sizeof(err)) == 0);
    ck_assert_uint_eq(s->stream[0].g.dest[0].mac[5], 0x0a);

    const char *full = "[device]\ndata_w = 128\nmax_frame = 9022\ndef_vnic = b\n"
                       "[host]\nservice = 40%\ncost = 5\npoll = 16\n"
                       "[run]\ncycles = 2e6\nwarmup = 1000\nseed = 42\n"
                       "[vnic a]\nmac = pcap:1\nbcast = yes\nring = 1024\nbuf = 9216\nmemory = 16M\n"
                       "ceiling = 2.5 Gb/s\nguarantee = 500Mbps\nburst = 16K\nweight = 7\npolicer = no\n"
                       "[vnic b]\nindex = 5\nmcast = on\nservice = 1 Gb/s\n"
                       "[stream s]\ndst = a*3, b, bcast*2, mcast@01:00:5e:00:00:07, unknown, 02:aa:00:00:00:01\n"
                       "rate = 3.5 Gb/s\nsize = 64-1518\nburst = 100/300\nburst_random = yes\n"
                       "errors = fcs:1%, runt:0.002, tkeep:0.5%\nvlan = 42/5\nstart = 10\nframes = 99\n"
                       "src = 02:bb:00:00:00:01\n"
                       "[stream t]\nrate = 0.25\nsize = imix\ndst = b\nenable = no\n";
    ck_assert_msg(build_str(full, s, err, sizeof(err)) == 0, "%s", err);
    ck_assert_uint_eq(s->dev.data_w, 128);
    ck_assert_int_eq(s->dev.def_vnic, 5);
    /* 40 % of a 20 Gb/s link = 8 Gb/s = 6.4 B/cycle */
    ck_assert(fabs(s->host.service_bpc - 6.4) < 1e-9);
    ck_assert_uint_eq(s->cycles, 2000000);
    ck_assert_uint_eq(s->seed, 42);
    ck_assert(s->seed_set);
    const struct vnic_scn_vnic *a = &s->vnic[0], *b = &s->vnic[1];
    ck_assert_int_eq(a->mac_src, VNIC_SCN_MAC_PCAP);
    ck_assert_uint_eq(a->mac_rank, 1);
    ck_assert_uint_eq(a->ring_log2, 10);
    ck_assert_uint_eq(a->spec.ceil_bps, 2500000000u);
    ck_assert_uint_eq(a->spec.guar_bps, 500000000u);
    ck_assert_uint_eq(a->spec.pol_burst, 16384);
    ck_assert_uint_eq(a->spec.weight, 7);
    ck_assert(a->spec.flags & VNIC_QOS_BCAST);
    ck_assert(a->spec.flags & VNIC_QOS_NO_POLICER);
    ck_assert_uint_eq(b->index, 5);
    ck_assert(b->spec.flags & VNIC_QOS_MCAST);
    ck_assert(fabs(b->service_bpc - 0.8) < 1e-12);
    const struct vnic_gen_stream_cfg *g = &s->stream[0].g;
    ck_assert_uint_eq(g->ndest, 6);
    ck_assert_uint_eq(g->dest[0].weight, 3);
    ck_assert_int_eq(g->dest[2].kind, VNIC_GEN_DEST_BCAST);
    ck_assert_int_eq(g->dest[3].kind, VNIC_GEN_DEST_MCAST);
    ck_assert(g->dest[3].mac_set && g->dest[3].mac[5] == 7);
    ck_assert_int_eq(g->dest[4].kind, VNIC_GEN_DEST_UNKNOWN);
    ck_assert_int_eq(g->dest[5].kind, VNIC_GEN_DEST_MAC);
    ck_assert_uint_eq(g->dest[5].mac[1], 0xaa);
    ck_assert_int_eq(g->rate_kind, VNIC_GEN_RATE_GBPS);
    ck_assert(fabs(g->rate - 3.5) < 1e-12);
    ck_assert_int_eq(g->size_kind, VNIC_GEN_SIZE_UNIFORM);
    ck_assert_uint_eq(g->on_cycles, 100);
    ck_assert_uint_eq(g->off_cycles, 300);
    ck_assert(g->burst_random);
    ck_assert(fabs(g->err_prob[VNIC_GEN_ERR_FCS] - 0.01) < 1e-12);
    ck_assert(fabs(g->err_prob[VNIC_GEN_ERR_RUNT] - 0.002) < 1e-12);
    ck_assert(fabs(g->err_prob[VNIC_GEN_ERR_TKEEP] - 0.005) < 1e-12);
    ck_assert_uint_eq(g->vlan_tci, (5u << 13) | 42u);
    ck_assert_uint_eq(g->max_frames, 99);
    ck_assert(g->src_set);
    ck_assert(!s->stream[1].enabled);
    ck_assert_int_eq(s->stream[1].g.rate_kind, VNIC_GEN_RATE_FRACTION);
    /* MACs from a capture's destinations */
    uint8_t tops[2][6] = {{0x00, 0x11, 0, 0, 0, 1}, {0x00, 0x11, 0, 0, 0, 2}};
    ck_assert(vnic_scn_finish(s, (const uint8_t(*)[6])tops, 2, err, sizeof(err)) == 0);
    ck_assert_uint_eq(s->vnic[0].spec.mac[5], 2);
    ck_assert_uint_eq(s->stream[0].g.dest[0].mac[5], 2);
    ck_assert(vnic_scn_finish(s, (const uint8_t(*)[6])tops, 1, err, sizeof(err)) == -1);
    ck_assert_ptr_nonnull(strstr(err, "pcap:1"));
    free(s);
}
END_TEST

START_TEST(test_tuple)
{
    struct vnic_scn *s = calloc(1, sizeof(*s));
    char err[512];
    const char *txt = "[vnic a]\nqos = </Network_Resource_Descriptor_tuple> "
                      "(Default_Speed=10Gbps:Min_speed=1Gbps:Max_speed=10Gbps) "
                      "(Default_Bandwidth=500Mbps:Min_Bandwidth=200Mbps:Max_Bandwidth=1500Mbps) </end_of_tuple>\n"
                      "[stream s]\ndst = a\n";
    ck_assert_msg(build_str(txt, s, err, sizeof(err)) == 0, "%s", err);
    ck_assert_uint_eq(s->vnic[0].spec.guar_bps, 200000000u);
    ck_assert_uint_eq(s->vnic[0].spec.ceil_bps, 1500000000u);
    ck_assert(fabs(s->vnic[0].ceil_gbps - 1.5) < 1e-12);
    ck_assert(s->vnic[0].tuple[0]);
    /* a broken tuple is reported with its line */
    const char *bad = "[vnic a]\n\nqos = </Network_Resource_Descriptor_tuple> (Min_Bandwidth=9Mbps:Max_Bandwidth=1Mbps) "
                      "</end_of_tuple>\n[stream s]\ndst = a\n";
    ck_assert_int_eq(build_str(bad, s, err, sizeof(err)), -1);
    ck_assert_ptr_nonnull(strstr(err, "test.scn:3:"));
    ck_assert_ptr_nonnull(strstr(err, "qos tuple"));
    free(s);
}
END_TEST

START_TEST(test_expect)
{
    struct vnic_scn *s = calloc(1, sizeof(*s));
    char err[512];
    char txt[1024];
    snprintf(txt, sizeof(txt),
             "%s[expect]\nconservation\na.delivered >= 0.99*host.capacity\na.offered ~ 2.5 +- 1%%\n"
             "a.delivered stable 0.5%%\nglobal.fcs == injected.fcs\na.lat_p99 < 10000\n",
             minimal);
    ck_assert_msg(build_str(txt, s, err, sizeof(err)) == 0, "%s", err);
    ck_assert_uint_eq(s->nexpect, 6);
    ck_assert_int_eq(s->expect[0].op, VNIC_OP_TRUE);
    ck_assert_int_eq(s->expect[1].op, VNIC_OP_GE);
    ck_assert(fabs(s->expect[1].value - 0.99) < 1e-12);
    ck_assert_str_eq(s->expect[1].rhs_metric, "host.capacity");
    ck_assert_int_eq(s->expect[2].op, VNIC_OP_WITHIN);
    ck_assert(fabs(s->expect[2].tol_pct - 1.0) < 1e-12);
    ck_assert_int_eq(s->expect[3].op, VNIC_OP_STABLE);
    ck_assert(fabs(s->expect[3].tol_pct - 0.5) < 1e-12);
    ck_assert_str_eq(s->expect[4].rhs_metric, "injected.fcs");
    ck_assert_int_eq(s->expect[5].op, VNIC_OP_LT);
    snprintf(txt, sizeof(txt), "%s[expect]\na.delivered => 3\n", minimal);
    ck_assert_int_eq(build_str(txt, s, err, sizeof(err)), -1);
    ck_assert_ptr_nonnull(strstr(err, "unknown operator"));
    free(s);
}
END_TEST

START_TEST(test_errors)
{
    struct vnic_scn *s = calloc(1, sizeof(*s));
    char err[512];
    static const struct {
        const char *text, *want;
    } cases[] = {
        {"[vnic a]\nmac = 01:00:00:00:00:01\n[stream s]\ndst=a\n", "unicast"},
        {"[vnic a]\nmacc = 02:00:00:00:00:01\n", "unknown key 'macc'"},
        {"[vnic a]\n[stream s]\ndst = b\n", "'b' is not a vNIC name"},
        {"[vnic a]\n[stream s]\ndst = a\nrate = 1.5\n", "fraction must be in (0, 1]"},
        {"[vnic a]\n[stream s]\ndst = a\nrate = 3 furlongs\n", "rate = 3 furlongs"},
        {"[vnic a]\n[stream s]\ndst = a\nsize = big\n", "expected L, MIN-MAX or imix"},
        {"[vnic a]\n[stream s]\ndst = a\nerrors = fcs:2%, bogus:1%\n", "unknown kind 'bogus'"},
        {"[vnic a]\n[stream s]\n", "needs dst"},
        {"[vnic a]\nring = 100\n[stream s]\ndst = a\n", "power of two"},
        {"[vnic a]\n[vnic a]\n", "already defined"},
        {"[vnic a]\nbcast = maybe\n", "expected yes or no"},
        {"[frobnicate]\n", "unknown section"},
        {"mac = 1\n", "before any [section]"},
        {"[device]\ndata_w = 100\n[vnic a]\n", "64, 128 or 256"},
        {"[device]\n[run]\ncycles = 10\nwarmup = 20\n[vnic a]\n", "warmup"},
        {"[vnic a]\nceiling = 2 Gb/s\nceiling = 3 Gb/s\n", "already set at line 2"},
        {"[device]\n", "no [vnic NAME]"},
        {"[vnic a]\n[sweep]\nparam = vnic.a.ceiling\n", "needs values"},
    };
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        err[0] = 0;
        ck_assert_msg(build_str(cases[i].text, s, err, sizeof(err)) == -1, "case %u accepted", i);
        ck_assert_msg(strstr(err, cases[i].want) != NULL, "case %u: '%s' does not say '%s'", i, err, cases[i].want);
        ck_assert_msg(strstr(err, "test.scn") != NULL, "case %u: '%s' does not name the file", i, err);
    }
    /* duplicate MACs are found when the addresses are final */
    ck_assert(build_str("[vnic a]\nmac=02:00:00:00:00:01\n[vnic b]\nmac=02:00:00:00:00:01\n", s, err,
                        sizeof(err)) == 0);
    ck_assert_int_eq(vnic_scn_finish(s, NULL, 0, err, sizeof(err)), -1);
    ck_assert_ptr_nonnull(strstr(err, "same MAC"));
    free(s);
}
END_TEST

START_TEST(test_overrides_env)
{
    struct vnic_scn_text t;
    char err[512];
    ck_assert(vnic_scn_load_string("o.scn", "[vnic a]\n[stream s]\ndst = a\npcap = ${VNIC_SCN_TEST_DIR:-../x/y}\n", &t,
                                   err, sizeof(err)) == 0);
    struct vnic_scn *s = calloc(1, sizeof(*s));
    unsetenv("VNIC_SCN_TEST_DIR");
    ck_assert(vnic_scn_build(&t, s, err, sizeof(err)) == 0);
    ck_assert_str_eq(s->stream[0].pcap, "../x/y");
    setenv("VNIC_SCN_TEST_DIR", "/captures", 1);
    ck_assert(vnic_scn_build(&t, s, err, sizeof(err)) == 0);
    ck_assert_str_eq(s->stream[0].pcap, "/captures");
    unsetenv("VNIC_SCN_TEST_DIR");
    /* overrides: existing key, new key, missing section, created section */
    ck_assert(vnic_scn_override(&t, "stream.s.rate=2 Gb/s", err, sizeof(err)) == 0);
    ck_assert(vnic_scn_override(&t, "run.cycles=5000", err, sizeof(err)) == 0);
    ck_assert(vnic_scn_override(&t, "vnic.a.ceiling=1Gbps", err, sizeof(err)) == 0);
    ck_assert(vnic_scn_build(&t, s, err, sizeof(err)) == 0);
    ck_assert(fabs(s->stream[0].g.rate - 2.0) < 1e-12);
    ck_assert_uint_eq(s->cycles, 5000);
    ck_assert_uint_eq(s->vnic[0].spec.ceil_bps, 1000000000u);
    ck_assert_int_eq(vnic_scn_override(&t, "vnic.zz.ceiling=1Gbps", err, sizeof(err)), -1);
    ck_assert_ptr_nonnull(strstr(err, "no [vnic zz]"));
    ck_assert_int_eq(vnic_scn_override(&t, "cycles=5", err, sizeof(err)), -1);
    free(s);
    vnic_scn_text_free(&t);
    /* rates and sizes */
    double bps;
    uint64_t v;
    ck_assert(vnic_scn_parse_rate("2.5 Gb/s", 1e10, &bps, err, sizeof(err)) == 0 && fabs(bps - 2.5e9) < 1);
    ck_assert(vnic_scn_parse_rate("5000KBps", 1e10, &bps, err, sizeof(err)) == 0 && fabs(bps - 4e7) < 1);
    ck_assert(vnic_scn_parse_rate("0.1", 1e10, &bps, err, sizeof(err)) == 0 && fabs(bps - 1e9) < 1);
    ck_assert(vnic_scn_parse_rate("12.5%", 2e10, &bps, err, sizeof(err)) == 0 && fabs(bps - 2.5e9) < 1);
    ck_assert(vnic_scn_parse_rate("-1 Gb/s", 1e10, &bps, err, sizeof(err)) == -1);
    ck_assert(vnic_scn_parse_size("64K", &v) == 0 && v == 65536);
    ck_assert(vnic_scn_parse_size("2MB", &v) == 0 && v == 2u << 20);
    ck_assert(vnic_scn_parse_size("1.5K", &v) == -1);
}
END_TEST

int main(int argc, char **argv)
{
    if (argc > 1)
        scn_dir = argv[1];
    Suite *s = suite_create("scenario parser");
    TCase *t = tcase_create("scn");
    tcase_add_test(t, test_shipped);
    tcase_add_test(t, test_fig10_values);
    tcase_add_test(t, test_defaults_and_values);
    tcase_add_test(t, test_tuple);
    tcase_add_test(t, test_expect);
    tcase_add_test(t, test_errors);
    tcase_add_test(t, test_overrides_env);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
