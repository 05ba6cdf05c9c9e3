/* test_e2e.c: the PF and VF drivers end to end on the golden model: two
 * vNICs, TX to the wire (padding, FCS), RX byte-exact into the right VM
 * only, statistics and the conservation law, reset of one vNIC while the
 * other carries traffic, DMA faults, host-memory errors, interrupts,
 * partition change with quiescing, the RX policer, a vNIC from a resource
 * tuple. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "vnic_modelbus.h"
#include "vnic_pf.h"
#include "vnic_tuple.h"
#include "vnic_vf.h"

#define CLK     156250000ULL
#define VMSIZE  0x100000ULL           /* 1 MiB of guest memory per VM */
#define HOST(v) (0x10000000ULL * ((v) + 1))

static const uint8_t MAC0[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x10};
static const uint8_t MAC1[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x11};
static const uint8_t PEER[6] = {0x02, 0x99, 0x00, 0x00, 0x00, 0x01};

struct wire {
    unsigned n;
    unsigned vnic[64];
    uint32_t len[64];
    uint8_t data[64][1600];
};

static struct vnic_modelbus *MB;
static const struct vnic_bus *BUS;
static struct vnic_dev *D;
static struct vnic_vm VM[2];
static struct vnic_vf *VF[2];
static struct wire TXW;

static void on_tx(void *ctx, unsigned vnic, const uint8_t *frame, uint32_t len, uint64_t cycle)
{
    struct wire *w = ctx;
    (void)cycle;
    if (w->n < 64 && len <= sizeof(w->data[0])) {
        w->vnic[w->n] = vnic;
        w->len[w->n] = len;
        memcpy(w->data[w->n], frame, len);
    }
    w->n++;
}

static void spec_for(struct vnic_qos_spec *s, unsigned v)
{
    char err[256];
    vnic_qos_spec_init(s);
    memcpy(s->mac, v ? MAC1 : MAC0, 6);
    s->flags = VNIC_QOS_BCAST | VNIC_QOS_ANTISPOOF;
    ck_assert_int_eq(vnic_qos_windows_from_vm(s, &VM[v], err, sizeof(err)), 0);
}

static const struct vnic_vf_cfg VFCFG = {
    .rx_log2 = 4, .tx_log2 = 4, .rx_buf_size = 2048, .tx_buf_size = 2048,
    .mem_base = 0, .mem_size = VMSIZE,
};

static void setup(void)
{
    char err[256];
    memset(&TXW, 0, sizeof(TXW));
    ck_assert_msg(vnic_modelbus_new(NULL, NULL, &MB, err, sizeof(err)) == 0, "%s", err);
    vnic_modelbus_on_tx(MB, on_tx, &TXW);
    BUS = vnic_modelbus_bus(MB);
    ck_assert_msg(vnic_dev_open(BUS, CLK, &D, err, sizeof(err)) == 0, "%s", err);
    struct vnic_global_cfg g = {.rx_en = 1, .tx_en = 1, .max_frame = 1522};
    ck_assert_msg(vnic_dev_set_global(D, &g) == 0, "%s", vnic_dev_error(D));
    for (unsigned v = 0; v < 2; v++) {
        vnic_vm_init(&VM[v]);
        ck_assert_int_eq(vnic_vm_map(&VM[v], 0, HOST(v), VMSIZE, err, sizeof(err)), 0);
        struct vnic_qos_spec s;
        spec_for(&s, v);
        ck_assert_msg(vnic_dev_create(D, v, &s) == 0, "create %u: %s", v, vnic_dev_error(D));
        ck_assert_msg(vnic_vf_open(BUS, v, &VM[v], &VF[v], err, sizeof(err)) == 0, "%s", err);
        ck_assert_msg(vnic_vf_setup(VF[v], &VFCFG) == 0, "%s", vnic_vf_error(VF[v]));
    }
}

static void teardown(void)
{
    for (unsigned v = 0; v < 2; v++)
        vnic_vf_close(VF[v]);
    vnic_dev_close(D);
    vnic_modelbus_free(MB);
}

/* A frame as it goes on the wire: DA, SA, type, payload, FCS appended. */
static uint32_t mkframe(uint8_t *f, const uint8_t *da, const uint8_t *sa, uint32_t len_no_fcs,
                        uint8_t seed)
{
    memcpy(f, da, 6);
    memcpy(f + 6, sa, 6);
    f[12] = 0x88;
    f[13] = 0xb5;
    for (uint32_t i = 14; i < len_no_fcs; i++)
        f[i] = (uint8_t)(seed + i * 7);
    uint32_t c = (uint32_t)crc32(0L, f, len_no_fcs);
    for (int i = 0; i < 4; i++)
        f[len_no_fcs + i] = (uint8_t)(c >> (8 * i));
    return len_no_fcs + 4;
}

/* Runs the device until vf has a completed frame (or max cycles). */
static int recv_wait(struct vnic_vf *vf, uint8_t *buf, size_t cap, struct vnic_rx_cpl *c,
                     uint64_t max)
{
    for (uint64_t t = 0; t <= max; t += 64) {
        int rc = vnic_vf_recv(vf, buf, cap, c);
        if (rc)
            return rc;
        BUS->ops->advance(BUS->ctx, 64);
    }
    return 0;
}

static void run(uint64_t cycles)
{
    BUS->ops->advance(BUS->ctx, cycles);
}

static void vstats(unsigned v, struct vnic_vstats *s)
{
    ck_assert_int_eq(vnic_dev_vnic_stats(D, v, s), 0);
}

/* ---------------------------------------------------------------- TX */
START_TEST(test_tx_to_wire)
{
    uint8_t f[3000];
    /* a short frame: padded to 60, FCS over the padded frame */
    uint32_t n = mkframe(f, PEER, MAC0, 42, 1) - 4;
    ck_assert_int_eq(vnic_vf_send(VF[0], f, n), 1);
    uint32_t n2 = mkframe(f + 1000, PEER, MAC0, 1000, 2) - 4;
    ck_assert_int_eq(vnic_vf_send(VF[0], f + 1000, n2), 1);
    for (int i = 0; i < 200 && TXW.n < 2; i++)
        run(100);
    ck_assert_uint_eq(TXW.n, 2);
    ck_assert_uint_eq(TXW.vnic[0], 0);
    ck_assert_uint_eq(TXW.len[0], 64);
    ck_assert_int_eq(memcmp(TXW.data[0], f, 42), 0);
    for (int i = 42; i < 60; i++)
        ck_assert_uint_eq(TXW.data[0][i], 0);
    uint32_t fcs = (uint32_t)crc32(0L, TXW.data[0], 60);
    for (int i = 0; i < 4; i++)
        ck_assert_uint_eq(TXW.data[0][60 + i], (uint8_t)(fcs >> (8 * i)));
    ck_assert_uint_eq(TXW.len[1], 1004);
    ck_assert_int_eq(memcmp(TXW.data[1], f + 1000, 1000), 0);
    fcs = (uint32_t)crc32(0L, TXW.data[1], 1000);
    for (int i = 0; i < 4; i++)
        ck_assert_uint_eq(TXW.data[1][1000 + i], (uint8_t)(fcs >> (8 * i)));
    /* completions without errors */
    struct vnic_tx_cpl c[4];
    run(1000);
    ck_assert_int_eq(vnic_vf_tx_reclaim(VF[0], c, 4), 2);
    ck_assert(!(c[0].status & VNIC_DESC_ST_ERRORS));
    ck_assert(!(c[1].status & VNIC_DESC_ST_ERRORS));
    struct vnic_vstats s;
    vstats(0, &s);
    ck_assert_uint_eq(s.c[VNIC_VSTAT_TX_FRAMES], 2);
    ck_assert_uint_eq(s.c[VNIC_VSTAT_TX_BYTES], 64 + 1004);
    struct vnic_gstats g;
    ck_assert_int_eq(vnic_dev_global_stats(D, &g), 0);
    ck_assert_uint_eq(g.c[VNIC_GSTAT_TX_FRAMES], 2);
    ck_assert_uint_eq(g.c[VNIC_GSTAT_TX_BYTES], 1068);
}
END_TEST

/* A ring that went all the way round is idle at index 0 but still locked:
 * setting it up at another address must fail, not be silently ignored;
 * after a function-level reset the same setup succeeds. */
START_TEST(test_setup_wrapped_ring)
{
    struct vnic_vf_cfg c = VFCFG;
    c.flags = VNIC_VF_NO_PREFILL;
    ck_assert_int_eq(vnic_dev_reset(D, 0), 0);
    ck_assert_msg(vnic_vf_setup(VF[0], &c) == 0, "%s", vnic_vf_error(VF[0]));
    uint8_t f[128];
    uint32_t n = mkframe(f, PEER, MAC0, 100, 3) - 4;
    struct vnic_tx_cpl cpl[16];
    unsigned sent = 0, done = 0;
    for (int i = 0; i < 400 && done < 16; i++) {
        while (sent < 16 && vnic_vf_send(VF[0], f, n) == 1)
            sent++;
        run(100);
        int k = vnic_vf_tx_reclaim(VF[0], cpl, 16);
        ck_assert_int_ge(k, 0);
        done += (unsigned)k;
    }
    ck_assert_uint_eq(done, 16);
    ck_assert_uint_eq(vnic_vf_tx_head(VF[0]), 0);         /* round the 16-entry ring */
    c.mem_base = 0x40000;                                 /* rings elsewhere */
    ck_assert_int_eq(vnic_vf_setup(VF[0], &c), VNIC_E_STATE);
    ck_assert_ptr_nonnull(strstr(vnic_vf_error(VF[0]), "kept its ring registers"));
    ck_assert_int_eq(vnic_dev_reset(D, 0), 0);
    ck_assert_msg(vnic_vf_setup(VF[0], &c) == 0, "%s", vnic_vf_error(VF[0]));
    ck_assert_uint_eq(vnic_vf_rx_ring_addr(VF[0]), 0x40000);
    ck_assert_int_eq(vnic_vf_send(VF[0], f, n), 1);
    for (int i = 0; i < 200 && TXW.n < 17; i++)
        run(100);
    ck_assert_uint_eq(TXW.n, 17);
}
END_TEST

START_TEST(test_tx_errors)
{
    uint8_t f[200];
    /* anti-spoofing: VM 0 sends with VM 1's source address */
    uint32_t n = mkframe(f, PEER, MAC1, 100, 3) - 4;
    ck_assert_int_eq(vnic_vf_send(VF[0], f, n), 1);
    /* too short to be a frame */
    ck_assert_int_eq(vnic_vf_send(VF[0], f, 10), 1);
    struct vnic_tx_cpl c[4];
    int got = 0;
    for (int i = 0; i < 200 && got < 2; i++) {
        run(100);
        int r = vnic_vf_tx_reclaim(VF[0], c + got, 4 - (unsigned)got);
        ck_assert_int_ge(r, 0);
        got += r;
    }
    ck_assert_int_eq(got, 2);
    ck_assert(c[0].status & VNIC_DESC_ST_DD);
    ck_assert(c[0].status & VNIC_DESC_ST_ERR_SPOOF);
    ck_assert(c[1].status & VNIC_DESC_ST_ERR_TXLEN);
    run(2000);
    ck_assert_uint_eq(TXW.n, 0); /* nothing reached the wire */
    struct vnic_vstats s;
    vstats(0, &s);
    ck_assert_uint_eq(s.c[VNIC_VSTAT_DROP_SPOOF], 1);
    ck_assert_uint_eq(s.c[VNIC_VSTAT_DROP_TXLEN], 1);
    ck_assert_uint_eq(s.c[VNIC_VSTAT_TX_FRAMES], 0);
}
END_TEST

/* ---------------------------------------------------------------- RX */
START_TEST(test_rx_isolation)
{
    uint8_t f0[2000], f1[2000], buf[4096];
    uint32_t l0 = mkframe(f0, MAC0, PEER, 100, 4);
    uint32_t l1 = mkframe(f1, MAC1, PEER, 1500, 5);
    vnic_modelbus_rx(MB, f0, l0, 0);
    vnic_modelbus_rx(MB, f1, l1, 0);
    struct vnic_rx_cpl c;
    memset(buf, 0, sizeof(buf));
    ck_assert_int_eq(recv_wait(VF[0], buf, sizeof(buf), &c, 20000), 1);
    ck_assert_uint_eq(c.len, 100);
    ck_assert_uint_eq(c.status, VNIC_DESC_ST_DD | VNIC_DESC_ST_EOP);
    ck_assert_uint_eq(c.buf_len, 2048);
    ck_assert_int_eq(memcmp(buf, f0, 100), 0);
    /* the FCS is not delivered, the rest of the buffer is untouched */
    uint8_t tail[8];
    uint64_t h;
    ck_assert_int_eq(vnic_vm_g2h(&VM[0], c.buf_addr + 100, 8, &h), 0);
    ck_assert_int_eq(vnic_hostmem_read(vnic_modelbus_mem(MB), h, tail, 8), 0);
    for (int i = 0; i < 8; i++)
        ck_assert_uint_eq(tail[i], 0);
    memset(buf, 0, sizeof(buf));
    ck_assert_int_eq(recv_wait(VF[1], buf, sizeof(buf), &c, 20000), 1);
    ck_assert_uint_eq(c.len, 1500);
    ck_assert_int_eq(memcmp(buf, f1, 1500), 0);
    /* neither got the other's frame */
    run(5000);
    ck_assert_int_eq(vnic_vf_recv(VF[0], buf, sizeof(buf), &c), 0);
    ck_assert_int_eq(vnic_vf_recv(VF[1], buf, sizeof(buf), &c), 0);
    /* VM 1's first buffer holds exactly its frame, VM 0's second buffer nothing */
    uint8_t b1[1500];
    ck_assert_int_eq(vnic_vm_g2h(&VM[1], vnic_vf_rx_buf_addr(VF[1], 0), 1500, &h), 0);
    ck_assert_int_eq(vnic_hostmem_read(vnic_modelbus_mem(MB), h, b1, 1500), 0);
    ck_assert_int_eq(memcmp(b1, f1, 1500), 0);
    ck_assert_int_eq(vnic_vm_g2h(&VM[0], vnic_vf_rx_buf_addr(VF[0], 1), 100, &h), 0);
    ck_assert_int_eq(vnic_hostmem_read(vnic_modelbus_mem(MB), h, b1, 100), 0);
    for (int i = 0; i < 100; i++)
        ck_assert_uint_eq(b1[i], 0);
    /* a broadcast reaches both (both accept broadcast), flagged BCAST */
    uint8_t bc[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    uint32_t lb = mkframe(f0, bc, PEER, 60, 6);
    vnic_modelbus_rx(MB, f0, lb, 0);
    for (unsigned v = 0; v < 2; v++) {
        ck_assert_int_eq(recv_wait(VF[v], buf, sizeof(buf), &c, 20000), 1);
        ck_assert(c.status & VNIC_DESC_ST_BCAST);
        ck_assert_uint_eq(c.len, 60);
        ck_assert_int_eq(memcmp(buf, f0, 60), 0);
    }
    /* an unknown unicast is nobody's */
    uint32_t lu = mkframe(f0, PEER, MAC0, 80, 7);
    vnic_modelbus_rx(MB, f0, lu, 0);
    run(5000);
    ck_assert_int_eq(vnic_vf_recv(VF[0], buf, sizeof(buf), &c), 0);
    ck_assert_int_eq(vnic_vf_recv(VF[1], buf, sizeof(buf), &c), 0);

    /* statistics, and the conservation law */
    struct vnic_vstats s0, s1;
    struct vnic_gstats g;
    vstats(0, &s0);
    vstats(1, &s1);
    ck_assert_int_eq(vnic_dev_global_stats(D, &g), 0);
    ck_assert_uint_eq(s0.c[VNIC_VSTAT_RX_IN], 2);
    ck_assert_uint_eq(s0.c[VNIC_VSTAT_RX_FRAMES], 2);
    ck_assert_uint_eq(s0.c[VNIC_VSTAT_RX_BYTES], 160);
    ck_assert_uint_eq(s1.c[VNIC_VSTAT_RX_IN], 2);
    ck_assert_uint_eq(s1.c[VNIC_VSTAT_RX_FRAMES], 2);
    ck_assert_uint_eq(s1.c[VNIC_VSTAT_RX_BYTES], 1560);
    ck_assert_uint_eq(g.c[VNIC_GSTAT_RX_FRAMES], 4);
    ck_assert_uint_eq(g.c[VNIC_GSTAT_RX_BYTES], 104 + 1504 + 64 + 84);
    ck_assert_uint_eq(g.c[VNIC_GSTAT_RX_COPIES], 4);
    ck_assert_uint_eq(g.c[VNIC_GSTAT_DROP_NOMATCH], 1);
    /* RX_FRAMES = wire drops + classified frames (3: two unicast, one broadcast) */
    ck_assert_uint_eq(g.c[VNIC_GSTAT_RX_FRAMES] - g.c[VNIC_GSTAT_DROP_NOMATCH], 3);
    ck_assert_msg(vnic_dev_check_conservation(D) == 0, "%s", vnic_dev_error(D));
}
END_TEST

START_TEST(test_rx_buflen)
{
    /* a 2000-byte frame into 2048-byte buffers fits; with 512-byte buffers
     * it completes with ERR_BUFLEN and counts DROP_BUFLEN */
    ck_assert_int_eq(vnic_dev_reset(D, 0), 0);
    struct vnic_vf_cfg c = VFCFG;
    c.rx_buf_size = 512;
    ck_assert_msg(vnic_vf_setup(VF[0], &c) == 0, "%s", vnic_vf_error(VF[0]));
    uint8_t f[1600], buf[2048];
    uint32_t l = mkframe(f, MAC0, PEER, 1000, 8);
    vnic_modelbus_rx(MB, f, l, 0);
    struct vnic_rx_cpl cpl;
    memset(buf, 0xee, sizeof(buf));
    ck_assert_int_eq(recv_wait(VF[0], buf, sizeof(buf), &cpl, 20000), 1);
    ck_assert(cpl.status & VNIC_DESC_ST_ERR_BUFLEN);
    ck_assert_uint_eq(cpl.len, 1000);
    ck_assert_uint_eq(buf[0], 0xee);
    struct vnic_vstats s;
    vstats(0, &s);
    ck_assert_uint_eq(s.c[VNIC_VSTAT_DROP_BUFLEN], 1);
    ck_assert_uint_eq(s.c[VNIC_VSTAT_RX_FRAMES], 0);
    ck_assert_msg(vnic_dev_check_conservation(D) == 0, "%s", vnic_dev_error(D));
}
END_TEST

/* ---------------------------------------------------------------- reset */
START_TEST(test_reset_under_traffic)
{
    /* VM 0 stops taking frames: they pile up in its partition */
    ck_assert_int_eq(vnic_dev_reset(D, 0), 0);
    struct vnic_vf_cfg c0 = VFCFG;
    c0.flags = VNIC_VF_NO_PREFILL;
    ck_assert_msg(vnic_vf_setup(VF[0], &c0) == 0, "%s", vnic_vf_error(VF[0]));
    static uint8_t f[40][1600];
    uint32_t len[40];
    for (unsigned i = 0; i < 40; i++)
        len[i] = mkframe(f[i], (i % 2) ? MAC1 : MAC0, PEER, 200 + 10 * i, (uint8_t)i);
    for (unsigned i = 0; i < 20; i++)
        vnic_modelbus_rx(MB, f[i], len[i], 0);
    uint8_t buf[2048];
    struct vnic_rx_cpl cpl;
    unsigned got1 = 0;
    for (int t = 0; t < 400 && got1 < 10; t++) {
        run(50);
        while (vnic_vf_recv(VF[1], buf, sizeof(buf), &cpl) == 1) {
            unsigned i = 2 * got1 + 1;
            ck_assert_uint_eq(cpl.len, len[i] - 4);
            ck_assert_int_eq(memcmp(buf, f[i], cpl.len), 0);
            got1++;
        }
    }
    ck_assert_uint_eq(got1, 10);
    struct vnic_status st;
    ck_assert_int_eq(vnic_dev_vnic_status(D, 0, &st), 0);
    ck_assert_uint_gt(st.rx_used, 0); /* vNIC 0 holds its 10 frames */
    /* reset vNIC 0 while vNIC 1's frames keep arriving; VM 0 then sets its
     * rings up again and takes what arrives after the reset */
    for (unsigned i = 20; i < 40; i++)
        vnic_modelbus_rx(MB, f[i], len[i], 0);
    run(300);
    ck_assert_int_eq(vnic_dev_reset(D, 0), 0);
    ck_assert_msg(vnic_vf_setup(VF[0], &VFCFG) == 0, "%s", vnic_vf_error(VF[0]));
    unsigned got0 = 0, first0 = 0;
    for (int t = 0; t < 400; t++) {
        run(50);
        while (vnic_vf_recv(VF[1], buf, sizeof(buf), &cpl) == 1) {
            unsigned i = 2 * got1 + 1;
            ck_assert_uint_eq(cpl.len, len[i] - 4);
            ck_assert_int_eq(memcmp(buf, f[i], cpl.len), 0);
            got1++;
        }
        while (vnic_vf_recv(VF[0], buf, sizeof(buf), &cpl) == 1) {
            if (got0 == 0) /* which frame comes first: lengths are unique */
                first0 = (cpl.len - 200) / 10;
            unsigned i = first0 + 2 * got0;
            ck_assert_uint_lt(i, 40);
            ck_assert_uint_eq(cpl.len, len[i] - 4);
            ck_assert_int_eq(memcmp(buf, f[i], cpl.len), 0);
            got0++;
        }
    }
    ck_assert_uint_eq(got1, 20); /* vNIC 1 lost nothing */
    ck_assert_uint_ge(first0, 20); /* all that was stored before the reset is gone */
    ck_assert_uint_eq(first0 + 2 * got0, 40); /* everything after it arrived */
    ck_assert_int_eq(vnic_dev_vnic_status(D, 0, &st), 0);
    ck_assert_uint_eq(st.rx_used, 0);
    ck_assert(!st.halted);
    struct vnic_vstats s0, s1;
    vstats(0, &s0);
    vstats(1, &s1);
    ck_assert_uint_eq(s1.c[VNIC_VSTAT_RX_FRAMES], 20);
    ck_assert_uint_eq(s1.c[VNIC_VSTAT_DROP_HALTED], 0);
    /* every frame of vNIC 0 is accounted for: delivered, or dropped as
     * HALTED by the reset */
    ck_assert_uint_eq(s0.c[VNIC_VSTAT_RX_IN], 20);
    ck_assert_uint_eq(s0.c[VNIC_VSTAT_RX_FRAMES], got0);
    ck_assert_uint_eq(s0.c[VNIC_VSTAT_DROP_HALTED], 20 - got0);
    ck_assert_uint_ge(s0.c[VNIC_VSTAT_DROP_HALTED], 10);
    ck_assert_msg(vnic_dev_check_conservation(D) == 0, "%s", vnic_dev_error(D));
}
END_TEST

/* ---------------------------------------------------------------- faults */
START_TEST(test_fault_buffer_outside_window)
{
    ck_assert_int_eq(vnic_dev_irq_enable(D, VNIC_PF_IRQ_FAULT), 0);
    ck_assert_int_eq(vnic_dev_reset(D, 0), 0);
    struct vnic_vf_cfg c0 = VFCFG;
    c0.flags = VNIC_VF_NO_PREFILL;
    ck_assert_msg(vnic_vf_setup(VF[0], &c0) == 0, "%s", vnic_vf_error(VF[0]));
    /* 2 MiB is outside VM 0's only window [0, 1 MiB) */
    ck_assert_int_eq(vnic_vf_rx_post_raw(VF[0], 0x200000, 2048), 0);
    uint8_t f[1600], g[1600], buf[2048];
    uint32_t l = mkframe(f, MAC0, PEER, 300, 9);
    uint32_t l1 = mkframe(g, MAC1, PEER, 300, 10);
    vnic_modelbus_rx(MB, f, l, 0);
    vnic_modelbus_rx(MB, g, l1, 0);
    struct vnic_rx_cpl cpl;
    ck_assert_int_eq(recv_wait(VF[1], buf, sizeof(buf), &cpl, 20000), 1);
    ck_assert_int_eq(memcmp(buf, g, 300), 0);
    run(2000);
    struct vnic_status st;
    ck_assert_int_eq(vnic_dev_vnic_status(D, 0, &st), 0);
    ck_assert(st.halted);
    ck_assert_uint_eq(st.reason, VNIC_FAULT_REASON_RX_BUF_ADDR);
    ck_assert_uint_eq(st.fault_addr, 0x200000);
    ck_assert_uint_eq(vnic_dev_fault_vec(D), 1u << 0);
    ck_assert(vnic_dev_irq_ack(D) & VNIC_PF_IRQ_FAULT);
    ck_assert_uint_ge(vnic_dev_irq_take(D), 1);
    struct vnic_status vst;
    ck_assert_int_eq(vnic_vf_status(VF[0], &vst), 0);
    ck_assert(vst.halted);
    ck_assert_uint_eq(vst.reason, VNIC_FAULT_REASON_RX_BUF_ADDR);
    /* nothing written outside the window: host 2 MiB above VM 0 is empty */
    uint8_t probe[64];
    ck_assert_int_eq(vnic_hostmem_read(vnic_modelbus_mem(MB), HOST(0) + 0x200000, probe, 64), 0);
    for (int i = 0; i < 64; i++)
        ck_assert_uint_eq(probe[i], 0);
    /* later frames to the halted vNIC drop as HALTED; vNIC 1 carries on */
    vnic_modelbus_rx(MB, f, l, 0);
    vnic_modelbus_rx(MB, g, l1, 0);
    ck_assert_int_eq(recv_wait(VF[1], buf, sizeof(buf), &cpl, 20000), 1);
    run(2000);
    struct vnic_vstats s0;
    vstats(0, &s0);
    ck_assert_uint_eq(s0.c[VNIC_VSTAT_DMA_FAULTS], 1);
    ck_assert_uint_ge(s0.c[VNIC_VSTAT_DROP_HALTED], 1);
    ck_assert_uint_eq(s0.c[VNIC_VSTAT_RX_FRAMES], 0);
    /* reset clears the fault and discards the frame that faulted; the
     * counters balance again; the VM starts over */
    ck_assert_int_eq(vnic_dev_reset(D, 0), 0);
    run(1000);
    ck_assert_msg(vnic_dev_check_conservation(D) == 0, "%s", vnic_dev_error(D));
    vstats(0, &s0);
    ck_assert_uint_eq(s0.c[VNIC_VSTAT_RX_IN], 2);
    ck_assert_uint_eq(s0.c[VNIC_VSTAT_DROP_HALTED], 2);
    ck_assert_uint_eq(vnic_dev_fault_vec(D), 0);
    ck_assert_int_eq(vnic_dev_vnic_status(D, 0, &st), 0);
    ck_assert(!st.halted);
    ck_assert_msg(vnic_vf_setup(VF[0], &VFCFG) == 0, "%s", vnic_vf_error(VF[0]));
    vnic_modelbus_rx(MB, f, l, 0);
    ck_assert_int_eq(recv_wait(VF[0], buf, sizeof(buf), &cpl, 20000), 1);
    ck_assert_int_eq(memcmp(buf, f, 300), 0);
}
END_TEST

START_TEST(test_fault_host_error)
{
    /* host memory answers writes to VM 0's buffers with SLVERR */
    ck_assert_int_eq(vnic_hostmem_add_fault(vnic_modelbus_mem(MB),
                                            HOST(0) + vnic_vf_rx_buf_addr(VF[0], 0), 0x10000,
                                            VNIC_HOSTMEM_FAULT_WRITE),
                     0);
    uint8_t f[1600], buf[2048];
    uint32_t l = mkframe(f, MAC0, PEER, 128, 11);
    vnic_modelbus_rx(MB, f, l, 0);
    run(5000);
    struct vnic_status st;
    ck_assert_int_eq(vnic_dev_vnic_status(D, 0, &st), 0);
    ck_assert(st.halted);
    ck_assert_uint_eq(st.reason, VNIC_FAULT_REASON_RX_AXI_ERR);
    struct vnic_rx_cpl cpl;
    ck_assert_int_eq(vnic_vf_recv(VF[0], buf, sizeof(buf), &cpl), 0);
    ck_assert_uint_gt(vnic_hostmem_fault_hits(vnic_modelbus_mem(MB)), 0);
    /* vNIC 1 is unaffected */
    l = mkframe(f, MAC1, PEER, 128, 12);
    vnic_modelbus_rx(MB, f, l, 0);
    ck_assert_int_eq(recv_wait(VF[1], buf, sizeof(buf), &cpl, 20000), 1);
    ck_assert_int_eq(memcmp(buf, f, 128), 0);
}
END_TEST

/* ---------------------------------------------------------------- interrupts */
START_TEST(test_interrupt_moderation)
{
    ck_assert_int_eq(vnic_vf_irq_enable(VF[0], VNIC_VF_IRQ_RX), 0);
    ck_assert_int_eq(vnic_vf_set_itr(VF[0], 0, 4, 0), 0);
    uint8_t f[8][200], buf[2048];
    uint32_t l[8];
    for (unsigned i = 0; i < 8; i++)
        l[i] = mkframe(f[i], MAC0, PEER, 100, (uint8_t)(20 + i));
    for (unsigned i = 0; i < 3; i++)
        vnic_modelbus_rx(MB, f[i], l[i], 0);
    run(20000);
    ck_assert_uint_eq(vnic_vf_irq_take(VF[0]), 0); /* 3 < ITR_COUNT */
    vnic_modelbus_rx(MB, f[3], l[3], 0);
    run(20000);
    ck_assert_uint_eq(vnic_vf_irq_take(VF[0]), VNIC_VF_IRQ_RX);
    ck_assert(vnic_vf_irq_ack(VF[0]) & VNIC_VF_IRQ_RX);
    struct vnic_rx_cpl cpl;
    unsigned n = 0;
    while (vnic_vf_recv(VF[0], buf, sizeof(buf), &cpl) == 1)
        n++;
    ck_assert_uint_eq(n, 4);
    /* timer moderation: one frame, raised ITR_TIMER cycles later */
    ck_assert_int_eq(vnic_vf_set_itr(VF[0], 0, 100, 500), 0);
    vnic_modelbus_rx(MB, f[4], l[4], 0);
    run(20000);
    ck_assert_uint_eq(vnic_vf_irq_take(VF[0]), VNIC_VF_IRQ_RX);
    /* masked: no message, the cause is still recorded */
    ck_assert_int_eq(vnic_vf_irq_enable(VF[0], 0), 0);
    vnic_vf_irq_ack(VF[0]);
    ck_assert_int_eq(vnic_vf_set_itr(VF[0], 0, 1, 0), 0);
    vnic_modelbus_rx(MB, f[5], l[5], 0);
    run(20000);
    ck_assert_uint_eq(vnic_vf_irq_take(VF[0]), 0);
    ck_assert(vnic_vf_irq_ack(VF[0]) & VNIC_VF_IRQ_RX);
}
END_TEST

/* ---------------------------------------------------------------- updates */
START_TEST(test_update_partition)
{
    /* vNIC 1 holds frames its VM does not take: the move times out and the
     * old configuration comes back */
    ck_assert_int_eq(vnic_dev_reset(D, 1), 0);
    struct vnic_vf_cfg c1 = VFCFG;
    c1.flags = VNIC_VF_NO_PREFILL;
    ck_assert_int_eq(vnic_vf_setup(VF[1], &c1), 0);
    uint8_t f[4][600];
    uint32_t l[4];
    for (unsigned i = 0; i < 4; i++) {
        l[i] = mkframe(f[i], MAC1, PEER, 500, (uint8_t)(40 + i));
        vnic_modelbus_rx(MB, f[i], l[i], 0);
    }
    run(5000);
    struct vnic_qos_spec s, old;
    ck_assert_int_eq(vnic_dev_get_spec(D, 1, &old), 0);
    s = old;
    s.rx_base = 0;
    s.rx_size = old.rx_size + 4096;
    vnic_dev_set_timeouts(D, 0, 20000);
    ck_assert_int_eq(vnic_dev_update(D, 1, &s), VNIC_E_TIMEOUT);
    ck_assert_ptr_nonnull(strstr(vnic_dev_error(D), "old configuration restored"));
    struct vnic_hw_cfg hw;
    ck_assert_int_eq(vnic_dev_load_raw(D, 1, &hw), 0);
    ck_assert_uint_eq(hw.rx_size, old.rx_size);
    ck_assert(hw.flags & VNIC_PF_STAGE_FLAGS_ENABLE_MASK);
    /* once the VM posts buffers the frames drain and the move succeeds */
    ck_assert_int_eq(vnic_vf_rx_post(VF[1], 15), 15);
    ck_assert_msg(vnic_dev_update(D, 1, &s) == 0, "%s", vnic_dev_error(D));
    ck_assert_int_eq(vnic_dev_load_raw(D, 1, &hw), 0);
    ck_assert_uint_eq(hw.rx_size, old.rx_size + 4096);
    uint8_t buf[2048];
    struct vnic_rx_cpl cpl;
    for (unsigned i = 0; i < 4; i++) {
        ck_assert_int_eq(recv_wait(VF[1], buf, sizeof(buf), &cpl, 20000), 1);
        ck_assert_int_eq(memcmp(buf, f[i], 500), 0);
    }
    /* the device's own check: an overlapping raw commit is refused */
    struct vnic_hw_cfg bad = hw;
    struct vnic_hw_cfg h0;
    ck_assert_int_eq(vnic_dev_load_raw(D, 0, &h0), 0);
    bad.rx_base = h0.rx_base;
    ck_assert_int_eq(vnic_dev_commit_raw(D, 1, &bad), VNIC_E_REFUSED);
    ck_assert_uint_eq(vnic_dev_last_cmd_err(D), VNIC_CMD_ERR_RX_OVERLAP);
    ck_assert_ptr_nonnull(strstr(vnic_dev_error(D), "RX_OVERLAP"));
}
END_TEST

START_TEST(test_policer)
{
    /* a 100 Mb/s ceiling with a 3072-byte bucket on vNIC 0, set by update
     * (same partition: no quiescing); 20 back-to-back 1004-byte frames:
     * the bucket passes 3, refills 0.08 B/cycle (~10 B per frame time) */
    struct vnic_qos_spec s;
    ck_assert_int_eq(vnic_dev_get_spec(D, 0, &s), 0);
    s.ceil_bps = 100000000ULL;
    s.pol_burst = 3072;
    ck_assert_msg(vnic_dev_update(D, 0, &s) == 0, "%s", vnic_dev_error(D));
    static uint8_t f[20][1100];
    uint32_t l[20];
    for (unsigned i = 0; i < 20; i++) {
        l[i] = mkframe(f[i], MAC0, PEER, 1000, (uint8_t)(60 + i));
        vnic_modelbus_rx(MB, f[i], l[i], 0);
    }
    uint8_t buf[2048];
    struct vnic_rx_cpl cpl;
    unsigned got = 0;
    for (int t = 0; t < 200; t++) {
        run(100);
        while (vnic_vf_recv(VF[0], buf, sizeof(buf), &cpl) == 1) {
            ck_assert_int_eq(memcmp(buf, f[got], 1000), 0); /* the first ones pass */
            got++;
        }
    }
    struct vnic_vstats s0;
    vstats(0, &s0);
    ck_assert_uint_eq(got, 3);
    ck_assert_uint_eq(s0.c[VNIC_VSTAT_RX_FRAMES], 3);
    ck_assert_uint_eq(s0.c[VNIC_VSTAT_DROP_POLICER], 17);
    ck_assert_uint_eq(s0.c[VNIC_VSTAT_RX_IN], 20);
    ck_assert_msg(vnic_dev_check_conservation(D) == 0, "%s", vnic_dev_error(D));
}
END_TEST

START_TEST(test_from_tuple)
{
    const char *txt = "</Network_Resource_Descriptor_tuple>\n"
                      "  (Default_Speed=1000Mbps:Min_speed=100Mbps:Max_speed=1000Mbps)\n"
                      "  (Default_Bandwidth=5000KBps:Min_Bandwidth=5000KBps:"
                      "Max_Bandwidth=8000KBps)\n"
                      "</end_of_tuple>\n";
    struct vnic_net_tuple t;
    char err[256];
    ck_assert_msg(vnic_tuple_parse(txt, &t, err, sizeof(err)) == 0, "%s", err);
    struct vnic_qos_spec s;
    vnic_qos_spec_init(&s);
    s.mac[0] = 0x02;
    s.mac[5] = 0x33;
    ck_assert_msg(vnic_tuple_to_qos(&t, vnic_dev_info(D)->link_bps, &s, err, sizeof(err)) == 0,
                  "%s", err);
    ck_assert_msg(vnic_dev_create(D, 3, &s) == 0, "%s", vnic_dev_error(D));
    struct vnic_hw_cfg hw;
    ck_assert_int_eq(vnic_dev_load_raw(D, 3, &hw), 0);
    /* 40 Mb/s = 0.032 B/cycle, 64 Mb/s = 0.0512 B/cycle at 156.25 MHz */
    ck_assert_uint_eq(hw.sch_guar, vnic_rate_bps_to_reg(40000000ULL, CLK));
    ck_assert_uint_eq(hw.sch_ceil, vnic_rate_bps_to_reg(64000000ULL, CLK));
    ck_assert_uint_eq(hw.pol_rate, vnic_rate_bps_to_reg(64000000ULL, CLK));
    ck_assert_uint_eq(hw.sch_weight, 1);
    ck_assert(hw.flags & VNIC_PF_STAGE_FLAGS_POL_EN_MASK);
    ck_assert(hw.flags & VNIC_PF_STAGE_FLAGS_CEIL_EN_MASK);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("e2e");
    TCase *tc = tcase_create("model");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_tx_to_wire);
    tcase_add_test(tc, test_tx_errors);
    tcase_add_test(tc, test_rx_isolation);
    tcase_add_test(tc, test_rx_buflen);
    tcase_add_test(tc, test_reset_under_traffic);
    tcase_add_test(tc, test_fault_buffer_outside_window);
    tcase_add_test(tc, test_fault_host_error);
    tcase_add_test(tc, test_interrupt_moderation);
    tcase_add_test(tc, test_update_partition);
    tcase_add_test(tc, test_policer);
    tcase_add_test(tc, test_from_tuple);
    tcase_add_test(tc, test_setup_wrapped_ring);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int nf = srunner_ntests_failed(sr);
    srunner_free(sr);
    return nf ? EXIT_FAILURE : EXIT_SUCCESS;
}
