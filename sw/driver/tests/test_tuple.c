/* test_tuple.c: the resource-tuple parser, units, error positions, and the
 * mapping of a tuple onto a QoS spec. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "vnic_tuple.h"

static const char table1[] =
    "\n"
    "</CPU_Resource_Descriptor_tuple>\n"
    "  (Default_Speed=1800MHz:Min_speed=1500MHz:Max_speed=2000MHz)\n"
    "  (Default_Count=4:Min_count=1:Max_count=4)\n"
    "  (Default_L1Cache=64KB:Min_L1cache=64KB:Max_L1cache=64KB)\n"
    "  (Default_L2Cache=512KB:Min_L2cache=64KB:Max_L2cache=512KB)\n"
    "</end_of_tuple>\n"
    "</Memory_Resource_Descriptor_tuple>\n"
    "  (Default_Space=2000MB:Min_space=1000MB:Max_space=4000MB)\n"
    "  (Default_Bandwidth=6400MBps:Min_bandwidth=6400MBps:Max_bandwidth=6400MBps)\n"
    "</end_of_tuple>\n"
    "</Network_Resource_Descriptor_tuple>\n"
    "  (Default_Speed=1000Mbps:Min_speed=100Mbps:Max_speed=1000Mbps)\n"
    "  (Default_Bandwidth=5000KBps:Min_Bandwidth=5000KBps:Max_Bandwidth=8000KBps)\n"
    "</end_of_tuple>\n"
    "</Disk_Resource_Descriptor_tuple>\n"
    "  (Default_space=1000MB:Min_space=1000MB:Max_space=1000MB)\n"
    "  (Default_bandwidth=100MBps:Min_bandwidth=100MBps:Max_bandwidth=400MBps)\n"
    "</end_of_tuple>\n";

START_TEST(test_table1)
{
    struct vnic_net_tuple t;
    char err[256] = "";
    ck_assert_msg(vnic_tuple_parse(table1, &t, err, sizeof(err)) == 0, "%s", err);
    ck_assert_uint_eq(t.present, 0x3f);
    ck_assert_uint_eq(t.line, 12);
    ck_assert_uint_eq(t.def_speed, 1000000000ULL);
    ck_assert_uint_eq(t.min_speed, 100000000ULL);
    ck_assert_uint_eq(t.max_speed, 1000000000ULL);
    /* 5000 KBps = 5e6 bytes/s = 40e6 bits/s: the memory and disk tuples
     * (6400MBps, 100MBps) must not leak in */
    ck_assert_uint_eq(t.def_bw, 40000000ULL);
    ck_assert_uint_eq(t.min_bw, 40000000ULL);
    ck_assert_uint_eq(t.max_bw, 64000000ULL);
}
END_TEST

START_TEST(test_table1_mapping)
{
    struct vnic_net_tuple t;
    struct vnic_qos_spec s;
    char err[256] = "";
    ck_assert_int_eq(vnic_tuple_parse(table1, &t, err, sizeof(err)), 0);
    vnic_qos_spec_init(&s);
    s.tx_weight = 7; /* untouched by the mapping */
    /* 10 Gb/s link: weight = round(255 * 40e6 / 10e9) = round(1.02) = 1 */
    ck_assert_msg(vnic_tuple_to_qos(&t, 10000000000ULL, &s, err, sizeof(err)) == 0, "%s", err);
    ck_assert_uint_eq(s.guar_bps, 40000000ULL);
    ck_assert_uint_eq(s.ceil_bps, 64000000ULL);
    ck_assert_uint_eq(s.weight, 1);
    ck_assert_uint_eq(s.tx_weight, 7);
    /* 100 Mb/s link: weight = round(255 * 0.4) = 102; Min_speed 100M fits */
    ck_assert_msg(vnic_tuple_to_qos(&t, 100000000ULL, &s, err, sizeof(err)) == 0, "%s", err);
    ck_assert_uint_eq(s.weight, 102);
    ck_assert_uint_eq(s.ceil_bps, 64000000ULL);
    /* 50 Mb/s link: Min_speed 100 Mb/s cannot be served */
    ck_assert_int_eq(vnic_tuple_to_qos(&t, 50000000ULL, &s, err, sizeof(err)), -1);
    ck_assert_ptr_nonnull(strstr(err, "Min_speed"));
}
END_TEST

START_TEST(test_mapping_caps_and_clamps)
{
    struct vnic_net_tuple t;
    struct vnic_qos_spec s;
    char err[256] = "";
    /* Max_speed below Max_Bandwidth caps the ceiling */
    const char *txt = "<network_resource_descriptor_TUPLE>\n"
                      " (MAX_SPEED=50Mbps)\n"
                      " (default_bandwidth=5MBps : min_bandwidth=1Mbps : max_bandwidth=10MBps)\n"
                      "</END_OF_TUPLE>\n";
    ck_assert_msg(vnic_tuple_parse(txt, &t, err, sizeof(err)) == 0, "%s", err);
    vnic_qos_spec_init(&s);
    ck_assert_msg(vnic_tuple_to_qos(&t, 1000000000ULL, &s, err, sizeof(err)) == 0, "%s", err);
    ck_assert_uint_eq(s.ceil_bps, 50000000ULL); /* min(80 Mb/s, 50 Mb/s) */
    ck_assert_uint_eq(s.guar_bps, 1000000ULL);
    ck_assert_uint_eq(s.weight, 10);             /* round(255 * 40e6 / 1e9) = round(10.2) */
    /* default above the link -> 255 */
    txt = "</Network_Resource_Descriptor_tuple> (Default_Bandwidth=2GBps) </end_of_tuple>";
    ck_assert_msg(vnic_tuple_parse(txt, &t, err, sizeof(err)) == 0, "%s", err);
    ck_assert_int_eq(vnic_tuple_to_qos(&t, 1000000000ULL, &s, err, sizeof(err)), 0);
    ck_assert_uint_eq(s.weight, 255);
    /* tiny default -> clamped to 1 */
    txt = "</Network_Resource_Descriptor_tuple> (Default_Bandwidth=1bps) </end_of_tuple>";
    ck_assert_msg(vnic_tuple_parse(txt, &t, err, sizeof(err)) == 0, "%s", err);
    s.weight = 9;
    ck_assert_int_eq(vnic_tuple_to_qos(&t, 1000000000ULL, &s, err, sizeof(err)), 0);
    ck_assert_uint_eq(s.weight, 1);
    ck_assert_uint_eq(s.ceil_bps, 0);
    ck_assert_uint_eq(s.guar_bps, 0);
    /* a ceiling at the link rate is no ceiling */
    txt = "</Network_Resource_Descriptor_tuple>(Max_Bandwidth=125MBps)</end_of_tuple>";
    ck_assert_int_eq(vnic_tuple_parse(txt, &t, err, sizeof(err)), 0);
    ck_assert_int_eq(vnic_tuple_to_qos(&t, 1000000000ULL, &s, err, sizeof(err)), 0);
    ck_assert_uint_eq(s.ceil_bps, 0);
    /* guarantee above Max_speed-capped ceiling refused */
    txt = "</Network_Resource_Descriptor_tuple>(Max_speed=10Mbps)(Min_Bandwidth=2MBps)"
          "</end_of_tuple>";
    ck_assert_int_eq(vnic_tuple_parse(txt, &t, err, sizeof(err)), 0);
    ck_assert_int_eq(vnic_tuple_to_qos(&t, 1000000000ULL, &s, err, sizeof(err)), -1);
    ck_assert_ptr_nonnull(strstr(err, "above the ceiling"));
}
END_TEST

START_TEST(test_units)
{
    static const struct {
        const char *s;
        uint64_t bps;
    } ok[] = {
        {"10bps", 10},           {"3Bps", 24},
        {"7kbps", 7000},         {"7Kbps", 7000},
        {"7KBps", 56000},        {"1000Mbps", 1000000000ULL},
        {"1000mbps", 1000000000ULL}, {"8MBps", 64000000ULL},
        {"1.5Gbps", 1500000000ULL},  {"2GBps", 16000000000ULL},
        {"0.001Kbps", 1},        {"1000MBPS", 8000000000ULL},
        {"2Tbps", 2000000000000ULL}, {"0bps", 0},
    };
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        uint64_t v = 12345;
        ck_assert_msg(vnic_rate_parse(ok[i].s, &v) == 0, "%s refused", ok[i].s);
        ck_assert_msg(v == ok[i].bps, "%s -> %llu, expected %llu", ok[i].s,
                      (unsigned long long)v, (unsigned long long)ok[i].bps);
    }
    static const char *const bad[] = {"", "Mbps", "10", "10Mb", "10Mbs", "10MHz", "10 Mbps",
                                      "10Mbpsx", "10Xbps", "99999999999999999999999bps",
                                      "3000000000GBps"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        uint64_t v;
        ck_assert_msg(vnic_rate_parse(bad[i], &v) == -1, "'%s' accepted", bad[i]);
    }
}
END_TEST

/* Parse txt, expect failure whose message starts with the position and
 * contains a phrase. */
static void expect_error(const char *txt, const char *pos, const char *phrase)
{
    struct vnic_net_tuple t;
    char err[512] = "";
    ck_assert_msg(vnic_tuple_parse(txt, &t, err, sizeof(err)) == -1, "accepted: %s", txt);
    ck_assert_msg(strncmp(err, pos, strlen(pos)) == 0, "error '%s' should start with '%s'", err,
                  pos);
    ck_assert_msg(strstr(err, phrase) != NULL, "error '%s' should mention '%s'", err, phrase);
}

START_TEST(test_errors)
{
    expect_error("</Network_Resource_Descriptor_tuple>\n  (Default_Speed=1000Mbs)\n"
                 "</end_of_tuple>\n",
                 "line 2, column 18:", "unknown unit");
    expect_error("</Network_Resource_Descriptor_tuple>\n  (Default_Speed=1000)\n</end_of_tuple>",
                 "line 2, column 18:", "unit is expected");
    expect_error("</Network_Resource_Descriptor_tuple>\n  (Default_Speed=Mbps)\n</end_of_tuple>",
                 "line 2, column 18:", "number is expected");
    expect_error("\n\n</Network_Resource_Descriptor_tuple>\n (Min_Bandwidth=1Mbps)\n",
                 "line 3, column 1:", "never closed");
    expect_error("</Network_Resource_Descriptor_tuple>\n (Max_Latency=1Mbps)\n</end_of_tuple>",
                 "line 2, column 3:", "unknown network attribute 'max_latency'");
    expect_error("</Network_Resource_Descriptor_tuple>\n (Min_Bandwidth=1Mbps:min_bandwidth=2Mbps)"
                 "\n</end_of_tuple>",
                 "line 2, column 23:", "given twice");
    expect_error("</CPU_Resource_Descriptor_tuple>\n (Default_Count=4)\n</end_of_tuple>\n",
                 "line 4, column 1:", "no </Network_Resource_Descriptor_tuple>");
    expect_error("</Network_Resource_Descriptor_tuple>\n (Min_Bandwidth=9Mbps:Max_Bandwidth=8Mbps)\n"
                 "</end_of_tuple>",
                 "line 1, column 1:", "Min_Bandwidth");
    expect_error("</Network_Resource_Descriptor_tuple>\n (Default_Bandwidth=1Mbps:"
                 "Min_Bandwidth=2Mbps)\n</end_of_tuple>",
                 "line 1, column 1:", "below Min_Bandwidth");
    expect_error("</Network_Resource_Descriptor_tuple>\n (Min_Bandwidth=1Mbps\n</end_of_tuple>",
                 "line 3, column 1:", "':' or ')' expected");
    expect_error("</Network_Resource_Descriptor_tuple>\n (Min_Bandwidth=1Mbps",
                 "line 2, column 2:", "never closed by ')'");
    expect_error("</Network_Resource_Descriptor_tuple>\n (Min_Bandwidth=1Mbps)\n</end_of_tuple>\n"
                 "</Network_Resource_Descriptor_tuple>\n (Min_Bandwidth=1Mbps)\n</end_of_tuple>\n",
                 "line 4, column 1:", "second network tuple");
    expect_error("</Network_Resource_Descriptor_tuple>\n</end_of_tuple>\n", "line 1, column 1:",
                 "no attributes");
    expect_error("</end_of_tuple>\n", "line 1, column 1:", "without an open tuple");
    expect_error("</Network_Resource_Descriptor_tuple>\n (Min_Bandwidth=1Mbps)\n"
                 "</Disk_Resource_Descriptor_tuple>\n",
                 "line 3, column 1:", "missing </end_of_tuple>");
    expect_error("</Network_Resource_Descriptor_tuple>\n Min_Bandwidth=1Mbps\n</end_of_tuple>",
                 "line 2, column 2:", "unexpected 'M'");
    expect_error("</Network_Resource_Descriptor_tupel>\n", "line 1, column 1:", "unknown tag");
    expect_error("</Network_Resource_Descriptor_tuple>\n (Max_Bandwidth=0Mbps)\n</end_of_tuple>",
                 "line 1, column 1:", "Max_Bandwidth is 0");
}
END_TEST

START_TEST(test_whitespace_and_prose)
{
    struct vnic_net_tuple t;
    char err[256] = "";
    const char *txt = "Table 1: an example (for VM 3)\r\n"
                      "</Network_Resource_Descriptor_tuple>\r\n"
                      "  (  Min_Bandwidth = 1.25 MBps :\r\n     Max_Bandwidth=2Mbps )\r\n"
                      "</end_of_tuple>\r\n";
    /* "1.25 MBps": space between number and unit is refused */
    ck_assert_int_eq(vnic_tuple_parse(txt, &t, err, sizeof(err)), -1);
    ck_assert_ptr_nonnull(strstr(err, "line 3, column 22:"));
    txt = "Table 1: an example (for VM 3)\r\n"
          "</Network_Resource_Descriptor_tuple>\r\n"
          "  (  Min_Bandwidth = 1.25MBps :\r\n     Max_Bandwidth=20Mbps )\r\n"
          "</end_of_tuple>\r\n";
    ck_assert_msg(vnic_tuple_parse(txt, &t, err, sizeof(err)) == 0, "%s", err);
    ck_assert_uint_eq(t.min_bw, 10000000ULL);
    ck_assert_uint_eq(t.max_bw, 20000000ULL);
    ck_assert_uint_eq(t.present, VNIC_TUP_MIN_BW | VNIC_TUP_MAX_BW);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("tuple");
    TCase *tc = tcase_create("parse");
    tcase_add_test(tc, test_table1);
    tcase_add_test(tc, test_table1_mapping);
    tcase_add_test(tc, test_mapping_caps_and_clamps);
    tcase_add_test(tc, test_units);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_whitespace_and_prose);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int nf = srunner_ntests_failed(sr);
    srunner_free(sr);
    return nf ? EXIT_FAILURE : EXIT_SUCCESS;
}
