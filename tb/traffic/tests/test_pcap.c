/* test_pcap.c: unit tests of pcap input/output (tb/traffic/vnic_pcap.c).
 * Usage: test_pcap [CAPTURE_DIR]  (the tcpdump captures; tests that need them
 * say so and pass trivially when the folder is absent). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vnic_gen.h"
#include "vnic_pcap.h"

#ifndef TEST_OUT_DIR
#define TEST_OUT_DIR "build/tb/traffic/test-out"
#endif

static const char *capture_dir = "../shared/traffic/tcpdump";

static void mkdirs(const char *path)
{
    char buf[512];
    snprintf(buf, sizeof(buf), "%s", path);
    for (char *p = buf + 1; *p; p++)
        if (*p == '/') {
            *p = 0;
            mkdir(buf, 0777);
            *p = '/';
        }
    mkdir(buf, 0777);
}

static int have_tcpdump(void)
{
    return system("command -v tcpdump >/dev/null 2>&1") == 0;
}

START_TEST(test_round_trip)
{
    mkdirs(TEST_OUT_DIR);
    const char *path = TEST_OUT_DIR "/roundtrip.pcap";
    struct vnic_gen_cfg cfg;
    vnic_gen_cfg_init(&cfg);
    cfg.seed = 99;
    cfg.nstreams = 1;
    vnic_gen_stream_init(&cfg.stream[0]);
    cfg.stream[0].ndest = 2;
    cfg.stream[0].dest[0].kind = VNIC_GEN_DEST_BCAST, cfg.stream[0].dest[0].weight = 1;
    cfg.stream[0].dest[1].kind = VNIC_GEN_DEST_UNKNOWN, cfg.stream[0].dest[1].weight = 1;
    cfg.stream[0].size_kind = VNIC_GEN_SIZE_UNIFORM;
    cfg.stream[0].size_min = 64;
    cfg.stream[0].size_max = 9018;
    cfg.stream[0].max_frames = 300;
    cfg.max_frame = 9022;
    struct vnic_gen *g = NULL;
    char err[256];
    ck_assert_msg(vnic_gen_new(&cfg, &g, err, sizeof(err)) == 0, "%s", err);
    struct vnic_pcap_writer *w = NULL;
    ck_assert_msg(vnic_pcap_writer_open(path, &w, err, sizeof(err)) == 0, "%s", err);
    uint8_t *keep[300];
    uint32_t lens[300];
    uint64_t cyc[300];
    struct vnic_gen_frame f;
    unsigned n = 0;
    while (vnic_gen_next(g, &f)) {
        /* written without FCS, as capture tools show frames */
        vnic_pcap_writer_put(w, f.data, f.len - 4, f.sof_cycle);
        keep[n] = malloc(f.len);
        memcpy(keep[n], f.data, f.len);
        lens[n] = f.len - 4;
        cyc[n] = f.sof_cycle;
        n++;
    }
    ck_assert_uint_eq(n, 300);
    ck_assert_uint_eq(vnic_pcap_writer_count(w), 300);
    ck_assert_int_eq(vnic_pcap_writer_close(w), 0);
    vnic_gen_free(g);

    struct vnic_pcap_trace t;
    vnic_pcap_trace_init(&t);
    ck_assert_msg(vnic_pcap_load(&t, path, err, sizeof(err)) == 0, "%s", err);
    ck_assert_uint_eq(t.n, 300);
    ck_assert_uint_eq(t.nfiles, 1);
    ck_assert_uint_eq(t.truncated, 0);
    for (unsigned i = 0; i < n; i++) {
        ck_assert_uint_eq(t.pkt[i].caplen, lens[i]);
        ck_assert_uint_eq(t.pkt[i].origlen, lens[i]);
        ck_assert_int_eq(memcmp(t.pkt[i].data, keep[i], lens[i]), 0);
        ck_assert_uint_eq(t.pkt[i].ts_ns, cyc[i] * 32 / 5); /* 6.4 ns per cycle */
        /* replaying it as a MAC would gives back the generated wire frame */
        uint8_t wire[9100];
        ck_assert_uint_eq(vnic_gen_mac_frame(t.pkt[i].data, t.pkt[i].caplen, wire), lens[i] + 4);
        ck_assert_int_eq(memcmp(wire, keep[i], lens[i] + 4), 0);
        free(keep[i]);
    }
    vnic_pcap_trace_free(&t);

    if (!have_tcpdump()) {
        printf("SKIP tcpdump check: tcpdump is not installed (apt-get install tcpdump)\n");
        return;
    }
    char cmd[512];
    snprintf(cmd, sizeof(cmd), "tcpdump -nn -r %s 2>/dev/null | grep -c '^[0-9][0-9]:'", path);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    unsigned lines = 0;
    ck_assert_int_eq(fscanf(p, "%u", &lines), 1);
    ck_assert_int_eq(pclose(p), 0);
    ck_assert_uint_eq(lines, 300);
    snprintf(cmd, sizeof(cmd), "tcpdump -nn -r %s >/dev/null 2>&1", path);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(test_load_errors)
{
    struct vnic_pcap_trace t;
    char err[256] = "";
    vnic_pcap_trace_init(&t);
    ck_assert_int_eq(vnic_pcap_load(&t, TEST_OUT_DIR "/does-not-exist.pcap", err, sizeof(err)), -1);
    ck_assert_ptr_nonnull(strstr(err, "does-not-exist.pcap"));
    mkdirs(TEST_OUT_DIR);
    FILE *f = fopen(TEST_OUT_DIR "/not-a-capture.pcap", "w");
    ck_assert_ptr_nonnull(f);
    fputs("this is not a capture file at all\n", f);
    fclose(f);
    ck_assert_int_eq(vnic_pcap_load(&t, TEST_OUT_DIR "/not-a-capture.pcap", err, sizeof(err)), -1);
    ck_assert_ptr_nonnull(strstr(err, "cannot open as a capture"));
    ck_assert_int_eq(vnic_pcap_load_path(&t, "/nonexistent-dir-xyz", err, sizeof(err)), -1);
    ck_assert_uint_eq(t.n, 0);
    vnic_pcap_trace_free(&t);
}
END_TEST

START_TEST(test_top_unicast)
{
    mkdirs(TEST_OUT_DIR);
    const char *path = TEST_OUT_DIR "/macs.pcap";
    struct vnic_pcap_writer *w = NULL;
    char err[256];
    ck_assert_int_eq(vnic_pcap_writer_open(path, &w, err, sizeof(err)), 0);
    /* 5x ..:03, 3x ..:01, 3x ..:02 (tie: lower first), 9x broadcast, 7x multicast */
    static const struct { uint8_t da[6]; int n; } d[] = {
        {{0x02, 0, 0, 0, 0, 0x01}, 3}, {{0x02, 0, 0, 0, 0, 0x03}, 5}, {{0x02, 0, 0, 0, 0, 0x02}, 3},
        {{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, 9}, {{0x01, 0x00, 0x5e, 0, 0, 1}, 7}};
    uint8_t fr[60] = {0};
    for (unsigned i = 0; i < 5; i++)
        for (int k = 0; k < d[i].n; k++) {
            memcpy(fr, d[i].da, 6);
            vnic_pcap_writer_put(w, fr, 60, (uint64_t)k);
        }
    ck_assert_int_eq(vnic_pcap_writer_close(w), 0);
    struct vnic_pcap_trace t;
    vnic_pcap_trace_init(&t);
    ck_assert_int_eq(vnic_pcap_load(&t, path, err, sizeof(err)), 0);
    uint8_t macs[4][6];
    ck_assert_uint_eq(vnic_pcap_top_unicast(&t, 4, macs), 3);
    ck_assert_uint_eq(macs[0][5], 0x03);
    ck_assert_uint_eq(macs[1][5], 0x01);
    ck_assert_uint_eq(macs[2][5], 0x02);
    ck_assert_uint_eq(vnic_pcap_top_unicast(&t, 1, macs), 1);
    vnic_pcap_trace_free(&t);
}
END_TEST

START_TEST(test_shared_captures)
{
    struct stat st;
    if (stat(capture_dir, &st) || !S_ISDIR(st.st_mode)) {
        printf("SKIP shared captures: %s not found (pass the folder as the first argument)\n", capture_dir);
        return;
    }
    struct vnic_pcap_trace t;
    char err[512];
    vnic_pcap_trace_init(&t);
    int nf = vnic_pcap_load_path(&t, capture_dir, err, sizeof(err));
    ck_assert_msg(nf > 0, "%s", err);
    ck_assert_uint_eq((unsigned)nf, t.nfiles);
    /* the folder's README: 250 files, 5241 frames */
    printf("%s: %d files, %zu frames, %zu shorter than 60 bytes, %zu truncated by the snap length\n", capture_dir,
           nf, t.n, t.short_frames, t.truncated);
    ck_assert_int_eq(nf, 250);
    ck_assert_uint_eq(t.n, 5241);
    ck_assert_uint_gt(t.short_frames, 0);
    ck_assert_uint_gt(t.truncated, 0);
    for (unsigned i = 1; i < t.nfiles; i++)
        ck_assert_int_lt(strcmp(t.files[i - 1], t.files[i]), 0);
    uint8_t macs[8][6];
    ck_assert_uint_eq(vnic_pcap_top_unicast(&t, 8, macs), 8);
    vnic_pcap_trace_free(&t);
}
END_TEST

int main(int argc, char **argv)
{
    if (argc > 1)
        capture_dir = argv[1];
    Suite *s = suite_create("pcap");
    TCase *t = tcase_create("pcap");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, test_round_trip);
    tcase_add_test(t, test_load_errors);
    tcase_add_test(t, test_top_unicast);
    tcase_add_test(t, test_shared_captures);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
