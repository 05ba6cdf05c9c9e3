/* test_vf.c: the VF driver against a register-level fake device: page
 * confinement, ring layout in guest memory (through the VM's mapping),
 * RX completions and re-posting, TX descriptors, doorbells, reclaim. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "fake_dev.h"
#include "vnic_vf.h"

#define V      5
#define GBASE  0x100000ULL
#define HBASE  0x70000000ULL
#define GSIZE  0x100000ULL

static struct fake_dev F;
static struct vnic_vm VM;
static struct vnic_vf *VF;

static void setup(void)
{
    char err[256];
    fake_dev_init(&F, 8, 8, 4, 64, 64);
    vnic_vm_init(&VM);
    ck_assert_int_eq(vnic_vm_map(&VM, GBASE, HBASE, GSIZE, err, sizeof(err)), 0);
    ck_assert_msg(vnic_vf_open(&F.bus, V, &VM, &VF, err, sizeof(err)) == 0, "%s", err);
}

static void teardown(void)
{
    vnic_vf_close(VF);
    fake_dev_fini(&F);
}

static uint32_t vfreg(uint32_t off)
{
    return F.reg[(VNIC_VF_BASE(V) + off) / 4];
}

static uint64_t le(const uint8_t *p, unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

/* Reads a descriptor as the device would, through the VM's mapping. */
static void desc(uint64_t ring_g, unsigned slot, uint8_t d[16])
{
    uint64_t h;
    ck_assert_int_eq(vnic_vm_g2h(&VM, ring_g + 16 * slot, 16, &h), 0);
    ck_assert_int_eq(vnic_hostmem_read(F.mem, h, d, 16), 0);
}

/* Completes a descriptor as the device would: bytes 8..15. */
static void complete(uint64_t ring_g, unsigned slot, uint16_t buflen, uint16_t len, uint16_t st)
{
    uint8_t wb[8] = {(uint8_t)buflen, (uint8_t)(buflen >> 8), 0, 0,
                     (uint8_t)len,    (uint8_t)(len >> 8),    (uint8_t)st, (uint8_t)(st >> 8)};
    uint64_t h;
    ck_assert_int_eq(vnic_vm_g2h(&VM, ring_g + 16 * slot + 8, 8, &h), 0);
    ck_assert_int_eq(vnic_hostmem_write(F.mem, h, wb, 8), 0);
}

static const struct vnic_vf_cfg CFG = {
    .rx_log2 = 3, .tx_log2 = 2, .rx_buf_size = 2048, .tx_buf_size = 1600,
    .mem_base = GBASE + 0x10, .mem_size = GSIZE - 0x10,
};

START_TEST(test_open)
{
    struct vnic_vf *vf = NULL;
    char err[256];
    ck_assert_int_eq(vnic_vf_open(&F.bus, 9, &VM, &vf, err, sizeof(err)), VNIC_E_DEVICE);
    ck_assert_ptr_nonnull(strstr(err, "no VF page of vNIC 9"));
    ck_assert_int_eq(vnic_vf_open(&F.bus, 40, &VM, &vf, err, sizeof(err)), VNIC_E_ARG);
    ck_assert_ptr_null(vf);
    ck_assert_uint_eq(vnic_vf_index(VF), V);
}
END_TEST

START_TEST(test_page_confinement)
{
    uint32_t val = 123;
    unsigned n0 = F.nlog;
    ck_assert_int_eq(vnic_vf_reg_read(VF, 0x1000, &val), VNIC_E_ARG);
    ck_assert_uint_eq(val, 0);
    ck_assert_int_eq(vnic_vf_reg_write(VF, 0xfffffff0u, 1), VNIC_E_ARG);
    ck_assert_int_eq(vnic_vf_reg_write(VF, 0x52, 1), VNIC_E_ARG);
    ck_assert_uint_eq(F.nlog, n0); /* refused accesses never reach the bus */
    ck_assert_ptr_nonnull(strstr(vnic_vf_error(VF), "outside this vNIC's page"));
    /* a full work-out touches only page V */
    ck_assert_msg(vnic_vf_setup(VF, &CFG) == 0, "%s", vnic_vf_error(VF));
    uint8_t fr[60] = {0};
    ck_assert_int_eq(vnic_vf_send(VF, fr, sizeof(fr)), 1);
    uint8_t buf[64];
    struct vnic_rx_cpl c;
    vnic_vf_recv(VF, buf, sizeof(buf), &c);
    vnic_vf_tx_reclaim(VF, NULL, 0);
    vnic_vf_irq_enable(VF, VNIC_VF_IRQ_RX | VNIC_VF_IRQ_TX);
    vnic_vf_set_itr(VF, 0, 8, 1000);
    vnic_vf_irq_ack(VF);
    struct vnic_status st;
    vnic_vf_status(VF, &st);
    struct vnic_vstats vs;
    vnic_vf_stats(VF, &vs);
    uint8_t mac[6];
    vnic_vf_mac(VF, mac);
    ck_assert_uint_gt(F.nlog, n0 + 20);
    for (unsigned i = 0; i < F.nlog; i++)
        ck_assert_msg(F.log[i].addr >= VNIC_VF_BASE(V) && F.log[i].addr < VNIC_VF_BASE(V + 1),
                      "access %u at 0x%x outside page %u", i, F.log[i].addr, V);
}
END_TEST

START_TEST(test_setup_layout)
{
    ck_assert_msg(vnic_vf_setup(VF, &CFG) == 0, "%s", vnic_vf_error(VF));
    uint64_t rxr = vnic_vf_rx_ring_addr(VF), txr = vnic_vf_tx_ring_addr(VF);
    ck_assert_uint_eq(rxr, GBASE + 0x40); /* 64-byte aligned after mem_base */
    ck_assert_uint_eq(txr, rxr + 8 * 16);
    ck_assert_uint_eq(vfreg(VNIC_VF_RXR_BASE_LO), (uint32_t)rxr);
    ck_assert_uint_eq(vfreg(VNIC_VF_RXR_BASE_HI), 0);
    ck_assert_uint_eq(vfreg(VNIC_VF_RXR_SIZE), 3);
    ck_assert_uint_eq(vfreg(VNIC_VF_TXR_BASE_LO), (uint32_t)txr);
    ck_assert_uint_eq(vfreg(VNIC_VF_TXR_SIZE), 2);
    /* 2^3 - 1 RX buffers posted, doorbell rung once */
    ck_assert_uint_eq(vfreg(VNIC_VF_RXR_TAIL), 7);
    ck_assert_uint_eq(vnic_vf_rx_posted(VF), 7);
    ck_assert_uint_eq(fake_dev_writes(&F, VNIC_VF_BASE(V) + VNIC_VF_RXR_TAIL,
                                      VNIC_VF_BASE(V) + VNIC_VF_RXR_TAIL + 4), 1);
    for (unsigned s = 0; s < 8; s++) {
        uint8_t d[16];
        desc(rxr, s, d);
        if (s < 7) {
            ck_assert_uint_eq(le(d, 8), vnic_vf_rx_buf_addr(VF, s));
            ck_assert_uint_eq(le(d + 8, 2), 2048);
        } else {
            ck_assert_uint_eq(le(d, 8), 0); /* not posted */
        }
        ck_assert_uint_eq(le(d + 12, 4), 0); /* no stale DD */
    }
    /* buffers lie after the TX ring, inside the VM, 64-byte aligned */
    ck_assert_uint_ge(vnic_vf_rx_buf_addr(VF, 0), txr + 4 * 16);
    ck_assert_uint_eq(vnic_vf_rx_buf_addr(VF, 1) - vnic_vf_rx_buf_addr(VF, 0), 2048);
    ck_assert_uint_eq(vnic_vf_rx_buf_addr(VF, 0) % 64, 0);
}
END_TEST

START_TEST(test_setup_refusals)
{
    struct vnic_vf_cfg c = CFG;
    c.rx_log2 = 13;
    ck_assert_int_eq(vnic_vf_setup(VF, &c), VNIC_E_ARG);
    c = CFG;
    c.rx_buf_size = 70000;
    ck_assert_int_eq(vnic_vf_setup(VF, &c), VNIC_E_ARG);
    c = CFG;
    c.mem_size = 4096;
    ck_assert_int_eq(vnic_vf_setup(VF, &c), VNIC_E_ARG);
    ck_assert_ptr_nonnull(strstr(vnic_vf_error(VF), "bytes of guest memory"));
    c = CFG;
    c.mem_base = GBASE + GSIZE - 0x1000; /* runs off the VM's memory */
    c.mem_size = 0x100000;
    ck_assert_int_eq(vnic_vf_setup(VF, &c), VNIC_E_MEM);
    ck_assert_ptr_nonnull(strstr(vnic_vf_error(VF), "not all mapped"));
    /* live rings: set up only after a reset */
    F.reg[(VNIC_VF_BASE(V) + VNIC_VF_RXR_HEAD) / 4] = 3;
    ck_assert_int_eq(vnic_vf_setup(VF, &CFG), VNIC_E_STATE);
    ck_assert_ptr_nonnull(strstr(vnic_vf_error(VF), "function-level reset"));
    /* nothing works before setup */
    ck_assert_int_eq(vnic_vf_send(VF, "x", 1), VNIC_E_STATE);
    ck_assert_int_eq(vnic_vf_recv(VF, NULL, 0, NULL), VNIC_E_STATE);
}
END_TEST

START_TEST(test_recv)
{
    ck_assert_int_eq(vnic_vf_setup(VF, &CFG), 0);
    uint64_t rxr = vnic_vf_rx_ring_addr(VF);
    uint8_t buf[4096];
    struct vnic_rx_cpl c;
    ck_assert_int_eq(vnic_vf_recv(VF, buf, sizeof(buf), &c), 0); /* nothing yet */
    /* the device lands a 100-byte frame in slot 0's buffer and completes it */
    uint8_t frame[100];
    for (int i = 0; i < 100; i++)
        frame[i] = (uint8_t)(i ^ 0x5a);
    uint64_t h;
    ck_assert_int_eq(vnic_vm_g2h(&VM, vnic_vf_rx_buf_addr(VF, 0), 100, &h), 0);
    ck_assert_int_eq(vnic_hostmem_write(F.mem, h, frame, 100), 0);
    complete(rxr, 0, 2048, 100, VNIC_DESC_ST_DD | VNIC_DESC_ST_EOP | VNIC_DESC_ST_BCAST);
    memset(buf, 0, sizeof(buf));
    ck_assert_int_eq(vnic_vf_recv(VF, buf, sizeof(buf), &c), 1);
    ck_assert_uint_eq(c.len, 100);
    ck_assert_uint_eq(c.slot, 0);
    ck_assert_uint_eq(c.buf_len, 2048);
    ck_assert_uint_eq(c.status, VNIC_DESC_ST_DD | VNIC_DESC_ST_EOP | VNIC_DESC_ST_BCAST);
    ck_assert_int_eq(memcmp(buf, frame, 100), 0);
    ck_assert_uint_eq(buf[100], 0); /* nothing beyond the frame */
    /* the buffer went back: slot 7 posted, TAIL wrapped to 0 */
    ck_assert_uint_eq(vfreg(VNIC_VF_RXR_TAIL), 0);
    ck_assert_uint_eq(vnic_vf_rx_posted(VF), 7);
    uint8_t d[16];
    desc(rxr, 7, d);
    ck_assert_uint_eq(le(d, 8), vnic_vf_rx_buf_addr(VF, 7));
    /* ERR_BUFLEN: length reported, nothing copied */
    complete(rxr, 1, 2048, 3000, VNIC_DESC_ST_DD | VNIC_DESC_ST_EOP | VNIC_DESC_ST_ERR_BUFLEN);
    memset(buf, 0xcc, sizeof(buf));
    ck_assert_int_eq(vnic_vf_recv(VF, buf, sizeof(buf), &c), 1);
    ck_assert_uint_eq(c.len, 3000);
    ck_assert(c.status & VNIC_DESC_ST_ERR_BUFLEN);
    ck_assert_uint_eq(buf[0], 0xcc);
    /* a short caller buffer gets a prefix */
    complete(rxr, 2, 2048, 100, VNIC_DESC_ST_DD | VNIC_DESC_ST_EOP);
    ck_assert_int_eq(vnic_vm_g2h(&VM, vnic_vf_rx_buf_addr(VF, 2), 100, &h), 0);
    ck_assert_int_eq(vnic_hostmem_write(F.mem, h, frame, 100), 0);
    memset(buf, 0, sizeof(buf));
    ck_assert_int_eq(vnic_vf_recv(VF, buf, 10, &c), 1);
    ck_assert_int_eq(memcmp(buf, frame, 10), 0);
    ck_assert_uint_eq(buf[10], 0);
    /* a raw post of an arbitrary guest address */
    struct vnic_vf_cfg nc = CFG;
    nc.flags = VNIC_VF_NO_PREFILL;
    teardown();
    setup();
    ck_assert_int_eq(vnic_vf_setup(VF, &nc), 0);
    ck_assert_uint_eq(vnic_vf_rx_posted(VF), 0);
    ck_assert_uint_eq(vfreg(VNIC_VF_RXR_TAIL), 0);
    ck_assert_int_eq(vnic_vf_rx_post_raw(VF, 0xdead0000ULL, 512), 0);
    ck_assert_uint_eq(vfreg(VNIC_VF_RXR_TAIL), 1);
    desc(vnic_vf_rx_ring_addr(VF), 0, d);
    ck_assert_uint_eq(le(d, 8), 0xdead0000ULL);
    ck_assert_uint_eq(le(d + 8, 2), 512);
    ck_assert_int_eq(vnic_vf_rx_post(VF, 100), 6); /* only room for 6 more */
    ck_assert_int_eq(vnic_vf_rx_post_raw(VF, 0, 64), VNIC_E_STATE);
}
END_TEST

START_TEST(test_send)
{
    ck_assert_int_eq(vnic_vf_setup(VF, &CFG), 0);
    uint64_t txr = vnic_vf_tx_ring_addr(VF);
    uint8_t frame[1514];
    for (size_t i = 0; i < sizeof(frame); i++)
        frame[i] = (uint8_t)(i * 13);
    ck_assert_int_eq(vnic_vf_send(VF, frame, sizeof(frame)), 1);
    ck_assert_uint_eq(vfreg(VNIC_VF_TXR_TAIL), 1);
    uint8_t d[16];
    desc(txr, 0, d);
    ck_assert_uint_eq(le(d + 8, 2), 1514);
    ck_assert_uint_eq(le(d + 12, 4), 0);
    uint8_t back[1514];
    uint64_t h;
    ck_assert_int_eq(vnic_vm_g2h(&VM, le(d, 8), sizeof(back), &h), 0);
    ck_assert_int_eq(vnic_hostmem_read(F.mem, h, back, sizeof(back)), 0);
    ck_assert_int_eq(memcmp(back, frame, sizeof(back)), 0);
    /* too big for a TX buffer */
    uint8_t big[1601] = {0};
    ck_assert_int_eq(vnic_vf_send(VF, big, sizeof(big)), VNIC_E_ARG);
    /* the ring of 4 holds 3; the 4th send finds it full */
    ck_assert_int_eq(vnic_vf_send(VF, frame, 60), 1);
    ck_assert_int_eq(vnic_vf_send(VF, frame, 10), 1);
    ck_assert_uint_eq(vnic_vf_tx_pending(VF), 3);
    ck_assert_int_eq(vnic_vf_send(VF, frame, 60), 0);
    ck_assert_uint_eq(vfreg(VNIC_VF_TXR_TAIL), 3);
    /* completions: slot 0 ok, slot 1 spoofed; slot 2 not yet */
    struct vnic_tx_cpl c[4];
    ck_assert_int_eq(vnic_vf_tx_reclaim(VF, c, 4), 0);
    complete(txr, 0, 1514, 0, VNIC_DESC_ST_DD | VNIC_DESC_ST_EOP);
    complete(txr, 1, 60, 0, VNIC_DESC_ST_DD | VNIC_DESC_ST_EOP | VNIC_DESC_ST_ERR_SPOOF);
    ck_assert_int_eq(vnic_vf_tx_reclaim(VF, c, 4), 2);
    ck_assert_uint_eq(c[0].len, 1514);
    ck_assert(!(c[0].status & VNIC_DESC_ST_ERRORS));
    ck_assert_uint_eq(c[1].slot, 1);
    ck_assert(c[1].status & VNIC_DESC_ST_ERR_SPOOF);
    ck_assert_uint_eq(vnic_vf_tx_pending(VF), 1);
    /* room again: the next send uses slot 3 and wraps TAIL to 0 */
    ck_assert_int_eq(vnic_vf_send(VF, frame, 60), 1);
    ck_assert_uint_eq(vfreg(VNIC_VF_TXR_TAIL), 0);
    /* a send on a full ring reclaims by itself */
    ck_assert_int_eq(vnic_vf_send(VF, frame, 60), 1);
    ck_assert_int_eq(vnic_vf_send(VF, frame, 60), 0);
    complete(txr, 2, 10, 0, VNIC_DESC_ST_DD | VNIC_DESC_ST_EOP | VNIC_DESC_ST_ERR_TXLEN);
    ck_assert_int_eq(vnic_vf_send(VF, frame, 60), 1);
}
END_TEST

START_TEST(test_split_regions)
{
    /* guest memory of two regions at unrelated host addresses; a TX buffer
     * straddles the boundary and its bytes land in both host ranges */
    struct vnic_vm vm2;
    char err[256];
    struct vnic_vf *vf;
    vnic_vm_init(&vm2);
    ck_assert_int_eq(vnic_vm_map(&vm2, 0x100000, 0x50000000, 0x80000, err, sizeof(err)), 0);
    ck_assert_int_eq(vnic_vm_map(&vm2, 0x180000, 0x90000000, 0x80000, err, sizeof(err)), 0);
    ck_assert_int_eq(vnic_vf_open(&F.bus, 2, &vm2, &vf, err, sizeof(err)), 0);
    struct vnic_vf_cfg c = {.rx_log2 = 1, .tx_log2 = 1, .rx_buf_size = 2048,
                            .tx_buf_size = 2048, .mem_base = 0x17eec0, .mem_size = 0x10000};
    ck_assert_msg(vnic_vf_setup(vf, &c) == 0, "%s", vnic_vf_error(vf));
    uint8_t frame[1500], back[1500];
    for (size_t i = 0; i < sizeof(frame); i++)
        frame[i] = (uint8_t)(i * 31 + 1);
    ck_assert_int_eq(vnic_vf_send(vf, frame, sizeof(frame)), 1);
    /* TX buffer 0 is at 0x17eec0 + 0x40 + 2 * 2048 = 0x17ff00 */
    ck_assert_int_eq(vnic_hostmem_read(F.mem, 0x50000000 + 0x7ff00, back, 0x100), 0);
    ck_assert_int_eq(vnic_hostmem_read(F.mem, 0x90000000, back + 0x100, 1500 - 0x100), 0);
    ck_assert_int_eq(memcmp(back, frame, sizeof(frame)), 0);
    vnic_vf_close(vf);
}
END_TEST

START_TEST(test_irq)
{
    ck_assert_int_eq(vnic_vf_irq_enable(VF, VNIC_VF_IRQ_RX), 0);
    ck_assert_uint_eq(vfreg(VNIC_VF_INT_MASK), VNIC_VF_INT_MASK_RX_MASK);
    ck_assert_int_eq(vnic_vf_irq_enable(VF, 0x10), VNIC_E_ARG);
    ck_assert_int_eq(vnic_vf_set_itr(VF, 1, 16, 5000), 0);
    ck_assert_uint_eq(vfreg(VNIC_VF_TXR_ITR_COUNT), 16);
    ck_assert_uint_eq(vfreg(VNIC_VF_TXR_ITR_TIMER), 5000);
    ck_assert_uint_eq(vfreg(VNIC_VF_RXR_ITR_COUNT), 0);
    ck_assert_int_eq(vnic_vf_set_itr(VF, 0, 70000, 0), VNIC_E_ARG);
    ck_assert_int_eq(vnic_vf_set_itr(VF, 0, 1, 1u << 24), VNIC_E_ARG);
    /* only this vNIC's vectors are looked at */
    F.irq_pending[VNIC_IRQ_VEC_RX(V)] = 2;
    F.irq_pending[VNIC_IRQ_VEC_TX(V + 1)] = 1;
    F.irq_pending[VNIC_IRQ_VEC_PF] = 1;
    ck_assert_uint_eq(vnic_vf_irq_take(VF), VNIC_VF_IRQ_RX);
    ck_assert_uint_eq(vnic_vf_irq_take(VF), 0);
    ck_assert_uint_eq(F.irq_pending[VNIC_IRQ_VEC_TX(V + 1)], 1);
    ck_assert_uint_eq(F.irq_pending[VNIC_IRQ_VEC_PF], 1);
    F.irq_pending[VNIC_IRQ_VEC_TX(V)] = 1;
    ck_assert_uint_eq(vnic_vf_irq_take(VF), VNIC_VF_IRQ_TX);
}
END_TEST

START_TEST(test_status_stats)
{
    F.reg[(VNIC_VF_BASE(V) + VNIC_VF_STATUS) / 4] = 0x0203; /* enabled, halted, RX_BUF_ADDR */
    F.reg[(VNIC_VF_BASE(V) + VNIC_VF_MAC_HI) / 4] = 0x0200;
    F.reg[(VNIC_VF_BASE(V) + VNIC_VF_MAC_LO) / 4] = 0x00000015;
    F.reg[(VNIC_VF_BASE(V) + VNIC_VF_STAT_RX_BYTES_LO) / 4] = 0x89abcdef;
    F.reg[(VNIC_VF_BASE(V) + VNIC_VF_STAT_RX_BYTES_HI) / 4] = 0x1;
    struct vnic_status st;
    ck_assert_int_eq(vnic_vf_status(VF, &st), 0);
    ck_assert(st.enabled && st.halted);
    ck_assert_uint_eq(st.reason, VNIC_FAULT_REASON_RX_BUF_ADDR);
    uint8_t mac[6];
    vnic_vf_mac(VF, mac);
    ck_assert_uint_eq(mac[0], 2);
    ck_assert_uint_eq(mac[5], 0x15);
    struct vnic_vstats s;
    ck_assert_int_eq(vnic_vf_stats(VF, &s), 0);
    ck_assert_uint_eq(s.c[VNIC_VSTAT_RX_BYTES], 0x189abcdefULL);
    ck_assert_uint_eq(s.c[VNIC_VSTAT_RX_FRAMES], 0);
    ck_assert_str_eq(vnic_vstat_name(VNIC_VSTAT_DROP_POLICER), "DROP_POLICER");
    ck_assert_str_eq(vnic_gstat_name(VNIC_GSTAT_DROP_FCS), "DROP_FCS");
    /* LO is read before HI (the snapshot rule) */
    unsigned lo_at = 0, hi_at = 0;
    for (unsigned i = 0; i < F.nlog; i++) {
        if (F.log[i].addr == VNIC_VF_BASE(V) + VNIC_VF_STAT_RX_BYTES_LO)
            lo_at = i + 1;
        if (F.log[i].addr == VNIC_VF_BASE(V) + VNIC_VF_STAT_RX_BYTES_HI)
            hi_at = i + 1;
    }
    ck_assert_uint_gt(lo_at, 0);
    ck_assert_uint_eq(hi_at, lo_at + 1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("vf");
    TCase *tc = tcase_create("vf");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_open);
    tcase_add_test(tc, test_page_confinement);
    tcase_add_test(tc, test_setup_layout);
    tcase_add_test(tc, test_setup_refusals);
    tcase_add_test(tc, test_recv);
    tcase_add_test(tc, test_send);
    tcase_add_test(tc, test_split_regions);
    tcase_add_test(tc, test_irq);
    tcase_add_test(tc, test_status_stats);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int nf = srunner_ntests_failed(sr);
    srunner_free(sr);
    return nf ? EXIT_FAILURE : EXIT_SUCCESS;
}
