/* test_pf.c: the PF driver against a register-level fake device: open,
 * register encoding of a spec, partition allocator, every admission-check
 * refusal (and that a refusal never touches the device), CMD_STATUS error
 * mapping, global control, rate conversions. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "fake_dev.h"
#include "vnic_pf.h"

#define CLK 156250000ULL /* W = 8: link = 10 Gb/s */

static struct fake_dev F;
static struct vnic_dev *D;

static void setup(void)
{
    fake_dev_init(&F, 8, 8, 4, 64, 64);
    char err[256];
    int rc = vnic_dev_open(&F.bus, CLK, &D, err, sizeof(err));
    ck_assert_msg(rc == 0, "open: %s", err);
}

static void teardown(void)
{
    vnic_dev_close(D);
    fake_dev_fini(&F);
}

static uint32_t active(unsigned v, uint32_t stage_off)
{
    return F.active[v][(stage_off - VNIC_PF_STAGE_FLAGS) / 4];
}

static void base_spec(struct vnic_qos_spec *s, unsigned v)
{
    vnic_qos_spec_init(s);
    uint8_t mac[6] = {0x02, 0x00, 0x00, 0x00, 0x00, (uint8_t)(0x10 + v)};
    memcpy(s->mac, mac, 6);
    s->nwin = 1;
    s->win[0].gbase = 0;
    s->win[0].hbase = 0x10000000ULL * (v + 1);
    s->win[0].size = 0x100000;
}

/* ---------------------------------------------------------------- open */
START_TEST(test_open_info)
{
    const struct vnic_dev_info *in = vnic_dev_info(D);
    ck_assert_uint_eq(in->num_vnic, 8);
    ck_assert_uint_eq(in->data_bytes, 8);
    ck_assert_uint_eq(in->num_win, 4);
    ck_assert_uint_eq(in->rx_buf_bytes, 65536);
    ck_assert_uint_eq(in->tx_buf_bytes, 65536);
    ck_assert_uint_eq(in->link_bps, 10000000000ULL);
    /* open read every vNIC's configuration with LOAD */
    ck_assert_uint_eq(F.cmds, 8);
    ck_assert_uint_eq(F.commits, 0);
    for (unsigned v = 0; v < 8; v++)
        ck_assert(!vnic_dev_exists(D, v));
}
END_TEST

START_TEST(test_open_refusals)
{
    struct fake_dev f;
    struct vnic_dev *d = NULL;
    char err[256];
    fake_dev_init(&f, 8, 8, 4, 64, 64);
    f.reg[VNIC_PF_G_ID / 4] = 0xdeadbeef;
    ck_assert_int_eq(vnic_dev_open(&f.bus, CLK, &d, err, sizeof(err)), VNIC_E_DEVICE);
    ck_assert_ptr_null(d);
    ck_assert_ptr_nonnull(strstr(err, "0xdeadbeef"));
    f.reg[VNIC_PF_G_ID / 4] = VNIC_PF_G_ID_RESET;
    f.reg[VNIC_PF_G_VERSION / 4] = 0x00020000;
    ck_assert_int_eq(vnic_dev_open(&f.bus, CLK, &d, err, sizeof(err)), VNIC_E_DEVICE);
    ck_assert_ptr_nonnull(strstr(err, "version 2.0"));
    f.reg[VNIC_PF_G_VERSION / 4] = VNIC_PF_G_VERSION_RESET;
    f.reg[VNIC_PF_G_CAPS / 4] = 0;
    ck_assert_int_eq(vnic_dev_open(&f.bus, CLK, &d, err, sizeof(err)), VNIC_E_DEVICE);
    ck_assert_ptr_nonnull(strstr(err, "implausible"));
    fake_dev_fini(&f);
    fake_dev_init(&f, 8, 8, 4, 64, 64);
    ck_assert_int_eq(vnic_dev_open(&f.bus, 0, &d, err, sizeof(err)), VNIC_E_ARG);
    struct vnic_bus_ops half = *f.bus.ops;
    half.advance = NULL;
    struct vnic_bus b = {&half, &f};
    ck_assert_int_eq(vnic_dev_open(&b, CLK, &d, err, sizeof(err)), VNIC_E_ARG);
    ck_assert_ptr_nonnull(strstr(err, "incomplete"));
    fake_dev_fini(&f);
}
END_TEST

/* ---------------------------------------------------------------- encoding */
START_TEST(test_create_encoding)
{
    struct vnic_qos_spec s;
    base_spec(&s, 3);
    uint8_t mac[6] = {0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xf0};
    memcpy(s.mac, mac, 6);
    s.flags = VNIC_QOS_BCAST | VNIC_QOS_ANTISPOOF;
    s.guar_bps = 1000000000ULL;  /* 0.8 B/cycle */
    s.ceil_bps = 5000000000ULL;  /* 4 B/cycle */
    s.weight = 17;
    s.tx_weight = 3;
    s.tx_rate_bps = 2500000000ULL; /* 2 B/cycle */
    s.rx_size = 8192;
    s.tx_size = 4096;
    ck_assert_msg(vnic_dev_create(D, 3, &s) == 0, "%s", vnic_dev_error(D));
    ck_assert_uint_eq(active(3, VNIC_PF_STAGE_FLAGS),
                      VNIC_PF_STAGE_FLAGS_ENABLE_MASK | VNIC_PF_STAGE_FLAGS_BCAST_MASK |
                          VNIC_PF_STAGE_FLAGS_ANTISPOOF_MASK | VNIC_PF_STAGE_FLAGS_POL_EN_MASK |
                          VNIC_PF_STAGE_FLAGS_CEIL_EN_MASK | VNIC_PF_STAGE_FLAGS_SHP_EN_MASK);
    ck_assert_uint_eq(active(3, VNIC_PF_STAGE_MAC_HI), 0xaabb);
    ck_assert_uint_eq(active(3, VNIC_PF_STAGE_MAC_LO), 0xccddeef0);
    ck_assert_uint_eq(active(3, VNIC_PF_STAGE_SCH_GUAR), 13421773); /* round(0.8 * 2^24) */
    ck_assert_uint_eq(active(3, VNIC_PF_STAGE_SCH_CEIL), 4u << 24);
    ck_assert_uint_eq(active(3, VNIC_PF_STAGE_POL_RATE), 4u << 24);
    ck_assert_uint_eq(active(3, VNIC_PF_STAGE_TX_RATE), 2u << 24);
    ck_assert_uint_eq(active(3, VNIC_PF_STAGE_POL_BURST), 2 * 1536); /* default 2 x MAX_FRAME */
    ck_assert_uint_eq(active(3, VNIC_PF_STAGE_SCH_WEIGHT), 17);
    ck_assert_uint_eq(active(3, VNIC_PF_STAGE_TX_WEIGHT), 3);
    ck_assert_uint_eq(active(3, VNIC_PF_STAGE_RX_BASE), 0);
    ck_assert_uint_eq(active(3, VNIC_PF_STAGE_RX_SIZE), 8192);
    ck_assert_uint_eq(active(3, VNIC_PF_STAGE_TX_SIZE), 4096);
    ck_assert_uint_eq(active(3, VNIC_PF_STAGE_WIN_HBASE_LO(0)), 0x40000000);
    ck_assert_uint_eq(active(3, VNIC_PF_STAGE_WIN_SIZE(0)), 0x100000);
    ck_assert_uint_eq(active(3, VNIC_PF_STAGE_WIN_SIZE(1)), 0);
    ck_assert(vnic_dev_exists(D, 3));
    /* staged through LOAD then COMMIT of vNIC 3 */
    ck_assert_uint_eq(F.reg[VNIC_PF_G_VSEL / 4], 3);
    ck_assert_uint_eq(F.commits, 1);
    /* the spec reads back with its placement */
    struct vnic_qos_spec back;
    ck_assert_int_eq(vnic_dev_get_spec(D, 3, &back), 0);
    ck_assert_uint_eq(back.rx_size, 8192);
    ck_assert_uint_eq(back.pol_burst, 3072);
    /* no-policer and no-ceiling variants */
    base_spec(&s, 4);
    s.ceil_bps = 1000000000ULL;
    s.flags = VNIC_QOS_NO_POLICER;
    ck_assert_msg(vnic_dev_create(D, 4, &s) == 0, "%s", vnic_dev_error(D));
    ck_assert_uint_eq(active(4, VNIC_PF_STAGE_FLAGS),
                      VNIC_PF_STAGE_FLAGS_ENABLE_MASK | VNIC_PF_STAGE_FLAGS_CEIL_EN_MASK);
    ck_assert_uint_eq(active(4, VNIC_PF_STAGE_POL_RATE), 0);
}
END_TEST

START_TEST(test_allocator)
{
    struct vnic_qos_spec s;
    /* default share: 64 KiB / 8 = 8 KiB, placed first-fit */
    for (unsigned v = 0; v < 3; v++) {
        base_spec(&s, v);
        ck_assert_msg(vnic_dev_create(D, v, &s) == 0, "%s", vnic_dev_error(D));
        ck_assert_uint_eq(active(v, VNIC_PF_STAGE_RX_BASE), 8192 * v);
        ck_assert_uint_eq(active(v, VNIC_PF_STAGE_RX_SIZE), 8192);
        ck_assert_uint_eq(active(v, VNIC_PF_STAGE_TX_BASE), 8192 * v);
    }
    /* destroy the middle one: its range is free again and reused */
    ck_assert_int_eq(vnic_dev_destroy(D, 1), 0);
    ck_assert_uint_eq(active(1, VNIC_PF_STAGE_RX_SIZE), 0);
    ck_assert_uint_eq(active(1, VNIC_PF_STAGE_FLAGS), 0);
    ck_assert(!vnic_dev_exists(D, 1));
    base_spec(&s, 5);
    s.rx_size = 4096;
    ck_assert_msg(vnic_dev_create(D, 5, &s) == 0, "%s", vnic_dev_error(D));
    ck_assert_uint_eq(active(5, VNIC_PF_STAGE_RX_BASE), 8192);
    ck_assert_uint_eq(active(5, VNIC_PF_STAGE_TX_BASE), 8192);
    /* a bigger one does not fit the 4 KiB hole and goes after vNIC 2 */
    base_spec(&s, 6);
    s.rx_size = 6144;
    ck_assert_msg(vnic_dev_create(D, 6, &s) == 0, "%s", vnic_dev_error(D));
    ck_assert_uint_eq(active(6, VNIC_PF_STAGE_RX_BASE), 24576);
    /* explicit base 0 needs VNIC_QOS_FIXED_PART; there it overlaps vNIC 0 */
    base_spec(&s, 7);
    s.flags = VNIC_QOS_FIXED_PART;
    s.rx_size = 2048;
    ck_assert_int_eq(vnic_dev_create(D, 7, &s), VNIC_E_PART);
    ck_assert_ptr_nonnull(strstr(vnic_dev_error(D), "overlaps vNIC 0"));
    /* update keeps the placement when the size still fits */
    base_spec(&s, 5);
    s.rx_size = 4096;
    s.weight = 9;
    ck_assert_msg(vnic_dev_update(D, 5, &s) == 0, "%s", vnic_dev_error(D));
    ck_assert_uint_eq(active(5, VNIC_PF_STAGE_RX_BASE), 8192);
    ck_assert_uint_eq(active(5, VNIC_PF_STAGE_SCH_WEIGHT), 9);
}
END_TEST

/* ---------------------------------------------------------------- refusals */
/* Expects spec on vNIC v to be refused with rc and a message containing
 * phrase, without a single write to the staging window or the command
 * register. */
static void refuse(unsigned v, const struct vnic_qos_spec *s, int rc, const char *phrase)
{
    unsigned stage0 = fake_dev_writes(&F, VNIC_PF_STAGE_FLAGS, VNIC_PF_VSTAT_STATUS);
    unsigned cmd0 = fake_dev_writes(&F, VNIC_PF_G_CMD, VNIC_PF_G_CMD + 4);
    int got = vnic_dev_create(D, v, s);
    ck_assert_msg(got == rc, "rc %d (%s), expected %d [%s]", got, vnic_dev_error(D), rc, phrase);
    ck_assert_msg(strstr(vnic_dev_error(D), phrase) != NULL, "message '%s' lacks '%s'",
                  vnic_dev_error(D), phrase);
    ck_assert_uint_eq(fake_dev_writes(&F, VNIC_PF_STAGE_FLAGS, VNIC_PF_VSTAT_STATUS), stage0);
    ck_assert_uint_eq(fake_dev_writes(&F, VNIC_PF_G_CMD, VNIC_PF_G_CMD + 4), cmd0);
    /* the dry run agrees (it checks a spec, not whether v exists) */
    if (rc != VNIC_E_EXISTS)
        ck_assert_int_eq(vnic_dev_check(D, v, s, NULL), rc);
}

START_TEST(test_refusals)
{
    struct vnic_qos_spec s, ok;
    base_spec(&ok, 0);
    ok.guar_bps = 6000000000ULL;
    ck_assert_msg(vnic_dev_create(D, 0, &ok) == 0, "%s", vnic_dev_error(D));

    /* arguments */
    base_spec(&s, 1);
    refuse(8, &s, VNIC_E_ARG, "this device has 8 vNICs");
    s.flags = 0x1000;
    refuse(1, &s, VNIC_E_ARG, "unknown QoS flags");
    refuse(0, &ok, VNIC_E_EXISTS, "already exists");
    ck_assert_int_eq(vnic_dev_update(D, 2, &s), VNIC_E_EXISTS);
    ck_assert_int_eq(vnic_dev_destroy(D, 2), VNIC_E_EXISTS);

    /* MAC */
    base_spec(&s, 1);
    s.mac[0] = 0x01;
    refuse(1, &s, VNIC_E_MAC, "group (multicast)");
    base_spec(&s, 1);
    memcpy(s.mac, ok.mac, 6);
    refuse(1, &s, VNIC_E_MAC, "already used by vNIC 0");

    /* partitions */
    base_spec(&s, 1);
    s.rx_base = 65536 - 2048 + 32;
    s.rx_size = 2048;
    refuse(1, &s, VNIC_E_PART, "multiples of 64");
    s.rx_base = 65536 - 1024;
    refuse(1, &s, VNIC_E_PART, "does not fit the RX buffer");
    base_spec(&s, 1);
    s.tx_size = 1024;
    refuse(1, &s, VNIC_E_PART, "cannot hold one maximum frame");
    base_spec(&s, 1);
    s.rx_base = 4096; /* vNIC 0 holds [0, 8192) */
    s.rx_size = 4096;
    refuse(1, &s, VNIC_E_PART, "overlaps vNIC 0's [0, 8192)");
    base_spec(&s, 1);
    s.tx_size = 65536;
    refuse(1, &s, VNIC_E_PART, "no free range of 65536 bytes left in the TX buffer");

    /* rates */
    base_spec(&s, 1);
    s.weight = 256;
    refuse(1, &s, VNIC_E_RATE, "RX DMA weight 256");
    s.weight = 0;
    s.tx_weight = 300;
    refuse(1, &s, VNIC_E_RATE, "TX weight 300");
    base_spec(&s, 1);
    s.guar_bps = 10000000001ULL;
    refuse(1, &s, VNIC_E_RATE, "guaranteed rate 10000.000 Mb/s exceeds the link");
    base_spec(&s, 1);
    s.ceil_bps = 20000000000ULL;
    refuse(1, &s, VNIC_E_RATE, "ceiling 20000.000 Mb/s exceeds the link");
    base_spec(&s, 1);
    s.tx_rate_bps = 20000000000ULL;
    refuse(1, &s, VNIC_E_RATE, "TX shaper rate");
    base_spec(&s, 1);
    s.guar_bps = 200000000ULL;
    s.ceil_bps = 100000000ULL;
    refuse(1, &s, VNIC_E_RATE, "guaranteed rate 200.000 Mb/s is above the ceiling 100.000 Mb/s");
    base_spec(&s, 1);
    s.ceil_bps = 10; /* 10 b/s is below one 2^-24 byte per cycle */
    refuse(1, &s, VNIC_E_RATE, "cannot be represented");
    base_spec(&s, 1);
    s.ceil_bps = 100000000ULL;
    s.pol_burst = 1000;
    refuse(1, &s, VNIC_E_RATE, "policer burst 1000 bytes");
    base_spec(&s, 1);
    s.guar_bps = 100000000ULL;
    s.sch_burst = 1u << 24;
    refuse(1, &s, VNIC_E_RATE, "RX DMA burst");
    base_spec(&s, 1);
    s.tx_rate_bps = 100000000ULL;
    s.tx_burst = 32;
    refuse(1, &s, VNIC_E_RATE, "TX shaper burst 32");
    base_spec(&s, 1);
    s.guar_bps = 4000000001ULL; /* 6 G already guaranteed to vNIC 0 */
    refuse(1, &s, VNIC_E_RATE, "guarantees would total");
    ck_assert_ptr_nonnull(strstr(vnic_dev_error(D), "vNIC 0 6000.0"));
    s.guar_bps = 4000000000ULL; /* exactly the link: accepted by the dry run */
    ck_assert_int_eq(vnic_dev_check(D, 1, &s, NULL), 0);
    s.flags = VNIC_QOS_DISABLED; /* a disabled vNIC reserves nothing */
    s.guar_bps = 5000000000ULL;
    ck_assert_int_eq(vnic_dev_check(D, 1, &s, NULL), 0);

    /* windows */
    base_spec(&s, 1);
    s.nwin = 5;
    refuse(1, &s, VNIC_E_WIN, "5 DMA windows asked");
    base_spec(&s, 1);
    s.win[0].hbase += 0x800;
    refuse(1, &s, VNIC_E_WIN, "not 4 KiB aligned");
    base_spec(&s, 1);
    s.win[0].size = 0x100000000ULL;
    refuse(1, &s, VNIC_E_WIN, "exceeds 0xfffff000");
    base_spec(&s, 1);
    s.win[0].gbase = 0xfffffffffff00000ULL;
    s.win[0].size = 0x200000;
    refuse(1, &s, VNIC_E_WIN, "wraps");
    base_spec(&s, 1);
    s.nwin = 2;
    s.win[1].gbase = 0x80000;
    s.win[1].hbase = 0x70000000;
    s.win[1].size = 0x100000;
    refuse(1, &s, VNIC_E_WIN, "windows 0 and 1 overlap in guest space");
    base_spec(&s, 1);
    s.win[0].hbase = ok.win[0].hbase + 0x80000; /* inside vNIC 0's host range */
    refuse(1, &s, VNIC_E_WIN, "overlaps vNIC 0's window 0");
    s.flags = VNIC_QOS_SHARED_HOST;
    ck_assert_int_eq(vnic_dev_check(D, 1, &s, NULL), 0);

    /* after all that, a good spec still goes through */
    base_spec(&s, 1);
    ck_assert_msg(vnic_dev_create(D, 1, &s) == 0, "%s", vnic_dev_error(D));
}
END_TEST

START_TEST(test_device_refusal)
{
    struct vnic_qos_spec s;
    base_spec(&s, 2);
    F.inject_err = VNIC_CMD_ERR_RX_OVERLAP;
    ck_assert_int_eq(vnic_dev_create(D, 2, &s), VNIC_E_REFUSED);
    ck_assert_uint_eq(vnic_dev_last_cmd_err(D), VNIC_CMD_ERR_RX_OVERLAP);
    ck_assert_ptr_nonnull(strstr(vnic_dev_error(D), "COMMIT of vNIC 2 refused by the device: "
                                                    "RX_OVERLAP"));
    ck_assert(!vnic_dev_exists(D, 2));
    ck_assert_uint_eq(active(2, VNIC_PF_STAGE_FLAGS), 0);
    /* every error code has a name and an explanation */
    for (unsigned e = 1; e <= 10; e++) {
        ck_assert_str_ne(vnic_cmd_err_name(e), "UNKNOWN");
        ck_assert_uint_gt(strlen(vnic_cmd_err_str(e)), 20);
    }
    ck_assert_str_eq(vnic_cmd_err_name(7), "NOT_QUIESCED");
    ck_assert_str_eq(vnic_cmd_err_name(10), "MAC_DUP");
    ck_assert_str_eq(vnic_cmd_err_name(99), "UNKNOWN");
    ck_assert_str_eq(vnic_fault_name(VNIC_FAULT_REASON_RX_BUF_ADDR), "RX_BUF_ADDR");
    ck_assert_str_eq(vnic_fault_name(VNIC_FAULT_REASON_BAD_TAIL), "BAD_TAIL");
    /* raw commit reaches the device without software checks */
    struct vnic_hw_cfg c;
    memset(&c, 0, sizeof(c));
    c.flags = VNIC_PF_STAGE_FLAGS_ENABLE_MASK;
    c.rx_size = 32; /* the software check would refuse this */
    c.sch_weight = c.tx_weight = 1;
    F.inject_err = VNIC_CMD_ERR_RANGE;
    ck_assert_int_eq(vnic_dev_commit_raw(D, 2, &c), VNIC_E_REFUSED);
    ck_assert_ptr_nonnull(strstr(vnic_dev_error(D), "RANGE"));
    /* the same create succeeds once the device accepts */
    ck_assert_msg(vnic_dev_create(D, 2, &s) == 0, "%s", vnic_dev_error(D));
    struct vnic_hw_cfg back;
    ck_assert_int_eq(vnic_dev_load_raw(D, 2, &back), 0);
    ck_assert_uint_eq(back.mac_lo, 0x00000012);
    ck_assert_uint_eq(back.win[0].hbase, 0x30000000);
}
END_TEST

START_TEST(test_global)
{
    struct vnic_global_cfg g = {.rx_en = 1, .tx_en = 1, .max_frame = 9022, .def_en = 1,
                                .def_vnic = 5};
    ck_assert_msg(vnic_dev_set_global(D, &g) == 0, "%s", vnic_dev_error(D));
    ck_assert_uint_eq(F.reg[VNIC_PF_G_MAX_FRAME / 4], 9022);
    ck_assert_uint_eq(F.reg[VNIC_PF_G_CTRL / 4], VNIC_PF_G_CTRL_RX_EN_MASK |
                                                     VNIC_PF_G_CTRL_TX_EN_MASK |
                                                     VNIC_PF_G_CTRL_DEF_EN_MASK | (5u << 16));
    struct vnic_global_cfg r;
    ck_assert_int_eq(vnic_dev_get_global(D, &r), 0);
    ck_assert_int_eq(r.def_vnic, 5);
    ck_assert_uint_eq(r.max_frame, 9022);
    /* jumbo frames: the default partition grows to hold one */
    struct vnic_qos_spec s;
    base_spec(&s, 0);
    s.rx_size = 8192;
    ck_assert_int_eq(vnic_dev_create(D, 0, &s), VNIC_E_PART);
    s.rx_size = 0;
    ck_assert_msg(vnic_dev_create(D, 0, &s) == 0, "%s", vnic_dev_error(D));
    ck_assert_uint_eq(active(0, VNIC_PF_STAGE_RX_SIZE), 9024); /* 9022 rounded up to 64 */
    /* shrinking is fine, growing past a partition is refused */
    g.max_frame = 1522;
    ck_assert_int_eq(vnic_dev_set_global(D, &g), 0);
    g.max_frame = 9500;
    ck_assert_int_eq(vnic_dev_set_global(D, &g), VNIC_E_PART);
    ck_assert_uint_eq(F.reg[VNIC_PF_G_MAX_FRAME / 4], 1522);
    g.max_frame = 0;
    g.def_vnic = 8;
    ck_assert_int_eq(vnic_dev_set_global(D, &g), VNIC_E_ARG);
    g.max_frame = 20000;
    ck_assert_int_eq(vnic_dev_set_global(D, &g), VNIC_E_ARG);
}
END_TEST

START_TEST(test_rates)
{
    /* 156.25 MHz, W = 8: 10 Gb/s is 8 bytes per cycle */
    ck_assert_uint_eq(vnic_rate_bps_to_reg(10000000000ULL, CLK), 8u << 24);
    ck_assert_uint_eq(vnic_rate_reg_to_bps(8u << 24, CLK), 10000000000ULL);
    ck_assert_uint_eq(vnic_rate_bps_to_reg(1000000000ULL, CLK), 13421773);
    ck_assert_uint_eq(vnic_rate_mbps_to_reg(1000.0, CLK), 13421773);
    ck_assert_uint_eq(vnic_rate_bps_to_reg(0, CLK), 0);
    ck_assert_uint_eq(vnic_rate_bps_to_reg(1000ULL * 1000000000ULL, CLK), 0xffffffffu);
    double m = vnic_rate_reg_to_mbps(13421773, CLK);
    ck_assert_double_eq_tol(m, 1000.0, 0.001);
    /* round trip within half a unit of 2^-24 bytes/cycle */
    for (uint64_t bps = 1000; bps < 40000000000ULL; bps = bps * 3 + 7) {
        uint32_t reg = vnic_rate_bps_to_reg(bps, CLK);
        uint64_t back = vnic_rate_reg_to_bps(reg, CLK);
        uint64_t tol = 8 * CLK / (1u << 24) + 1; /* one unit = 74.5 b/s */
        ck_assert_msg(back + tol >= bps && back <= bps + tol, "%llu -> %u -> %llu",
                      (unsigned long long)bps, reg, (unsigned long long)back);
    }
    /* other clocks */
    ck_assert_uint_eq(vnic_rate_bps_to_reg(8000000ULL, 1000000ULL), 1u << 24);
    ck_assert_uint_eq(vnic_rate_bps_to_reg(4000000ULL, 1000000ULL), 1u << 23);
}
END_TEST

START_TEST(test_mac_helpers)
{
    uint8_t m[6];
    char s[18];
    ck_assert_int_eq(vnic_mac_parse("aa:bb:cc:dd:ee:ff", m), 0);
    uint32_t hi, lo;
    vnic_mac_to_regs(m, &hi, &lo);
    ck_assert_uint_eq(hi, 0xaabb);
    ck_assert_uint_eq(lo, 0xccddeeff);
    uint8_t b[6];
    vnic_mac_from_regs(hi, lo, b);
    ck_assert_int_eq(memcmp(m, b, 6), 0);
    ck_assert_str_eq(vnic_mac_format(m, s), "aa:bb:cc:dd:ee:ff");
    ck_assert_int_eq(vnic_mac_parse("02-00-5E-10-00-01", m), 0);
    ck_assert_uint_eq(m[3], 0x10);
    ck_assert_int_eq(vnic_mac_parse("02:00:5e:10:00", m), -1);
    ck_assert_int_eq(vnic_mac_parse("02:00:5e:10:00:01:", m), -1);
    ck_assert_int_eq(vnic_mac_parse("02:00:5g:10:00:01", m), -1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pf");
    TCase *tc = tcase_create("pf");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_open_info);
    tcase_add_test(tc, test_open_refusals);
    tcase_add_test(tc, test_create_encoding);
    tcase_add_test(tc, test_allocator);
    tcase_add_test(tc, test_refusals);
    tcase_add_test(tc, test_device_refusal);
    tcase_add_test(tc, test_global);
    tcase_add_test(tc, test_rates);
    tcase_add_test(tc, test_mac_helpers);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int nf = srunner_ntests_failed(sr);
    srunner_free(sr);
    return nf ? EXIT_FAILURE : EXIT_SUCCESS;
}
