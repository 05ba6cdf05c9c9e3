/* test_hostmem.c: sparse host memory, fault injection, VM regions. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "vnic_hostmem.h"

START_TEST(test_sparse)
{
    struct vnic_hostmem *m = vnic_hostmem_new(0);
    ck_assert_ptr_nonnull(m);
    uint8_t buf[8192], back[8192];
    /* unwritten memory reads zero and allocates nothing */
    memset(back, 0xee, sizeof(back));
    ck_assert_int_eq(vnic_hostmem_read(m, 0xfedcba9876540000ULL, back, 100), 0);
    for (int i = 0; i < 100; i++)
        ck_assert_uint_eq(back[i], 0);
    ck_assert_uint_eq(vnic_hostmem_pages(m), 0);
    /* a write straddling two pages, far up in the address space */
    for (size_t i = 0; i < sizeof(buf); i++)
        buf[i] = (uint8_t)(i * 7 + 3);
    uint64_t a = 0x123456789000ULL + 4000;
    ck_assert_int_eq(vnic_hostmem_write(m, a, buf, 5000), 0);
    ck_assert_uint_eq(vnic_hostmem_pages(m), 3); /* 4000..9000 of three pages */
    ck_assert_int_eq(vnic_hostmem_read(m, a, back, 5000), 0);
    ck_assert_int_eq(memcmp(buf, back, 5000), 0);
    /* bytes next to the write stay zero */
    ck_assert_int_eq(vnic_hostmem_read(m, a - 1, back, 1), 0);
    ck_assert_uint_eq(back[0], 0);
    /* many pages force the table to grow; everything survives */
    for (uint64_t p = 0; p < 2000; p++) {
        uint64_t v = p * 0x9e3779b97f4a7c15ULL;
        ck_assert_int_eq(vnic_hostmem_write(m, p * 0x10000, &v, sizeof(v)), 0);
    }
    for (uint64_t p = 0; p < 2000; p++) {
        uint64_t v;
        ck_assert_int_eq(vnic_hostmem_read(m, p * 0x10000, &v, sizeof(v)), 0);
        ck_assert_uint_eq(v, p * 0x9e3779b97f4a7c15ULL);
    }
    ck_assert_int_eq(vnic_hostmem_read(m, a, back, 5000), 0);
    ck_assert_int_eq(memcmp(buf, back, 5000), 0);
    /* fill */
    ck_assert_int_eq(vnic_hostmem_fill(m, 0x5000, 0xab, 3), 0);
    ck_assert_int_eq(vnic_hostmem_read(m, 0x4fff, back, 5), 0);
    ck_assert_uint_eq(back[0], 0);
    ck_assert_uint_eq(back[1], 0xab);
    ck_assert_uint_eq(back[3], 0xab);
    ck_assert_uint_eq(back[4], 0);
    /* wrapping ranges are refused */
    ck_assert_int_eq(vnic_hostmem_read(m, UINT64_MAX - 3, back, 8), -1);
    ck_assert_int_eq(vnic_hostmem_write(m, UINT64_MAX - 3, buf, 8), -1);
    vnic_hostmem_free(m);
}
END_TEST

START_TEST(test_limit)
{
    struct vnic_hostmem *m = vnic_hostmem_new(2 * VNIC_HOSTMEM_PAGE);
    uint8_t b[3 * VNIC_HOSTMEM_PAGE];
    memset(b, 1, sizeof(b));
    ck_assert_int_eq(vnic_hostmem_write(m, 0, b, 3 * VNIC_HOSTMEM_PAGE), -1);
    ck_assert_uint_eq(vnic_hostmem_pages(m), 0); /* a failed write changes nothing */
    ck_assert_int_eq(vnic_hostmem_write(m, 0, b, 2 * VNIC_HOSTMEM_PAGE), 0);
    ck_assert_int_eq(vnic_hostmem_write(m, 0x100000, b, 1), -1);
    vnic_hostmem_free(m);
}
END_TEST

START_TEST(test_faults)
{
    struct vnic_hostmem *m = vnic_hostmem_new(0);
    uint8_t b[64];
    memset(b, 0x5a, sizeof(b));
    ck_assert_int_eq(vnic_hostmem_write(m, 0x2000, b, 64), 0);
    ck_assert_int_eq(vnic_hostmem_add_fault(m, 0x2010, 0x10, VNIC_HOSTMEM_FAULT_WRITE), 0);
    ck_assert_int_eq(vnic_hostmem_add_fault(m, 0x3000, 0x1000, VNIC_HOSTMEM_FAULT_READ), 0);
    ck_assert_int_eq(vnic_hostmem_add_fault(m, 0x3000, 0, VNIC_HOSTMEM_FAULT_READ), -1);
    /* write fault: touching one byte of the range fails, nothing written */
    uint8_t z[32] = {0};
    ck_assert_int_eq(vnic_hostmem_write(m, 0x2000, z, 0x11), -1);
    ck_assert_int_eq(vnic_hostmem_read(m, 0x2000, b, 1), 0);
    ck_assert_uint_eq(b[0], 0x5a);
    ck_assert_int_eq(vnic_hostmem_write(m, 0x2000, z, 0x10), 0);  /* just below: fine */
    ck_assert_int_eq(vnic_hostmem_write(m, 0x2020, z, 0x10), 0);  /* just above: fine */
    ck_assert_int_eq(vnic_hostmem_read(m, 0x2010, b, 4), 0);      /* reads allowed there */
    /* read fault */
    ck_assert_int_eq(vnic_hostmem_read(m, 0x2ff8, b, 9), -1);
    ck_assert_int_eq(vnic_hostmem_read(m, 0x2ff8, b, 8), 0);
    ck_assert_int_eq(vnic_hostmem_write(m, 0x3000, b, 8), 0);
    ck_assert_uint_eq(vnic_hostmem_fault_hits(m), 2);
    vnic_hostmem_clear_faults(m);
    ck_assert_int_eq(vnic_hostmem_read(m, 0x3000, b, 8), 0);
    vnic_hostmem_free(m);
}
END_TEST

static int walk_cb(void *ctx, uint64_t addr, const uint8_t *page)
{
    uint64_t *st = ctx; /* st[0] = last address + 1, st[1] = count, st[2] = sum of first bytes */
    ck_assert_uint_ge(addr, st[0]);
    st[0] = addr + 1;
    st[1]++;
    st[2] += page[0];
    return 0;
}

START_TEST(test_walk)
{
    struct vnic_hostmem *m = vnic_hostmem_new(0);
    static const uint64_t addrs[] = {0x90000, 0x1000, 0xffff000, 0x5000, 0x3000};
    for (unsigned i = 0; i < 5; i++) {
        uint8_t v = (uint8_t)(i + 1);
        ck_assert_int_eq(vnic_hostmem_write(m, addrs[i], &v, 1), 0);
    }
    uint64_t st[3] = {0, 0, 0};
    ck_assert_int_eq(vnic_hostmem_foreach_page(m, walk_cb, st), 0);
    ck_assert_uint_eq(st[1], 5);
    ck_assert_uint_eq(st[2], 15);
    vnic_hostmem_free(m);
}
END_TEST

START_TEST(test_vm)
{
    struct vnic_vm vm;
    char err[200];
    uint64_t h;
    vnic_vm_init(&vm);
    ck_assert_int_eq(vnic_vm_map(&vm, 0x0, 0x40000000, 0x100000, err, sizeof(err)), 0);
    ck_assert_int_eq(vnic_vm_map(&vm, 0x200000, 0x80000000, 0x1000, err, sizeof(err)), 0);
    ck_assert_int_eq(vnic_vm_map(&vm, 0xff000, 0x1000, 0x2000, err, sizeof(err)), -1);
    ck_assert_ptr_nonnull(strstr(err, "overlaps region 0"));
    ck_assert_int_eq(vnic_vm_map(&vm, 0x300000, 0x0, 0, err, sizeof(err)), -1);
    ck_assert_int_eq(vnic_vm_g2h(&vm, 0x1234, 16, &h), 0);
    ck_assert_uint_eq(h, 0x40001234);
    ck_assert_int_eq(vnic_vm_g2h(&vm, 0xffff0, 16, &h), 0);
    ck_assert_int_eq(vnic_vm_g2h(&vm, 0xffff0, 17, &h), -1); /* crosses the region's end */
    ck_assert_int_eq(vnic_vm_g2h(&vm, 0x200fff, 1, &h), 0);
    ck_assert_uint_eq(h, 0x80000fff);
    ck_assert_int_eq(vnic_vm_g2h(&vm, 0x201000, 1, &h), -1);
    ck_assert_int_eq(vnic_vm_g2h(&vm, 0x150000, 1, &h), -1);
    for (unsigned i = 2; i < VNIC_VM_MAX_REGIONS; i++)
        ck_assert_int_eq(vnic_vm_map(&vm, 0x1000000 * i, 0, 0x1000, err, sizeof(err)), 0);
    ck_assert_int_eq(vnic_vm_map(&vm, 0x7000000000ULL, 0, 0x1000, err, sizeof(err)), -1);
    ck_assert_ptr_nonnull(strstr(err, "maximum"));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("hostmem");
    TCase *tc = tcase_create("hostmem");
    tcase_add_test(tc, test_sparse);
    tcase_add_test(tc, test_limit);
    tcase_add_test(tc, test_faults);
    tcase_add_test(tc, test_walk);
    tcase_add_test(tc, test_vm);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int nf = srunner_ntests_failed(sr);
    srunner_free(sr);
    return nf ? EXIT_FAILURE : EXIT_SUCCESS;
}
