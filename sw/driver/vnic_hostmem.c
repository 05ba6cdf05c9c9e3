/* vnic_hostmem.c: sparse simulated host memory, fault injection, VM maps. */
#include "vnic_hostmem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FAULTS 16u

struct hm_slot {
    uint64_t pfn;  /* page number + 1; 0 = empty */
    uint8_t *data;
};

struct hm_fault {
    uint64_t base, size;
    unsigned kinds;
};

struct vnic_hostmem {
    struct hm_slot *slot;
    uint64_t cap;       /* slots, power of two */
    uint64_t used;      /* pages allocated */
    uint64_t max_pages;
    struct hm_fault fault[MAX_FAULTS];
    unsigned nfault;
    uint64_t fault_hits;
};

static uint64_t hm_hash(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

struct vnic_hostmem *vnic_hostmem_new(uint64_t max_bytes)
{
    struct vnic_hostmem *m = calloc(1, sizeof(*m));
    if (!m)
        return NULL;
    m->cap = 256;
    m->slot = calloc(m->cap, sizeof(*m->slot));
    if (!m->slot) {
        free(m);
        return NULL;
    }
    if (max_bytes == 0)
        max_bytes = 1ULL << 30;
    m->max_pages = (max_bytes + VNIC_HOSTMEM_PAGE - 1) / VNIC_HOSTMEM_PAGE;
    return m;
}

void vnic_hostmem_free(struct vnic_hostmem *m)
{
    if (!m)
        return;
    for (uint64_t i = 0; i < m->cap; i++)
        free(m->slot[i].data);
    free(m->slot);
    free(m);
}

static struct hm_slot *hm_find(const struct vnic_hostmem *m, uint64_t pfn)
{
    uint64_t key = pfn + 1, mask = m->cap - 1;
    for (uint64_t i = hm_hash(key) & mask;; i = (i + 1) & mask) {
        if (m->slot[i].pfn == key || m->slot[i].pfn == 0)
            return &m->slot[i];
    }
}

static int hm_grow(struct vnic_hostmem *m)
{
    struct hm_slot *old = m->slot;
    uint64_t oldcap = m->cap;
    m->cap *= 2;
    m->slot = calloc(m->cap, sizeof(*m->slot));
    if (!m->slot) {
        m->slot = old;
        m->cap = oldcap;
        return -1;
    }
    for (uint64_t i = 0; i < oldcap; i++) {
        if (old[i].pfn) {
            struct hm_slot *s = hm_find(m, old[i].pfn - 1);
            *s = old[i];
        }
    }
    free(old);
    return 0;
}

/* Page for pfn, allocated if `create`; NULL if absent (or out of memory). */
static uint8_t *hm_page(struct vnic_hostmem *m, uint64_t pfn, int create)
{
    struct hm_slot *s = hm_find(m, pfn);
    if (s->pfn)
        return s->data;
    if (!create)
        return NULL;
    if (m->used >= m->max_pages)
        return NULL;
    if ((m->used + 1) * 2 > m->cap) {
        if (hm_grow(m))
            return NULL;
        s = hm_find(m, pfn);
    }
    s->data = calloc(1, VNIC_HOSTMEM_PAGE);
    if (!s->data)
        return NULL;
    s->pfn = pfn + 1;
    m->used++;
    return s->data;
}

static int hm_range_ok(uint64_t addr, size_t len)
{
    return len == 0 || addr + (uint64_t)len - 1 >= addr;
}

static int hm_faulted(struct vnic_hostmem *m, uint64_t addr, size_t len, unsigned kind)
{
    if (len == 0)
        return 0;
    uint64_t last = addr + (uint64_t)len - 1;
    for (unsigned i = 0; i < m->nfault; i++) {
        const struct hm_fault *f = &m->fault[i];
        if (!(f->kinds & kind))
            continue;
        uint64_t flast = f->base + f->size - 1;
        if (addr <= flast && f->base <= last) {
            m->fault_hits++;
            return 1;
        }
    }
    return 0;
}

int vnic_hostmem_read(struct vnic_hostmem *m, uint64_t addr, void *buf, size_t len)
{
    if (!hm_range_ok(addr, len) || hm_faulted(m, addr, len, VNIC_HOSTMEM_FAULT_READ))
        return -1;
    uint8_t *out = buf;
    while (len) {
        uint64_t off = addr % VNIC_HOSTMEM_PAGE;
        size_t n = VNIC_HOSTMEM_PAGE - off;
        if (n > len)
            n = len;
        const uint8_t *p = hm_page(m, addr / VNIC_HOSTMEM_PAGE, 0);
        if (p)
            memcpy(out, p + off, n);
        else
            memset(out, 0, n);
        out += n;
        addr += n;
        len -= n;
    }
    return 0;
}

/* Count pages a write would newly allocate, so a failed write changes nothing. */
static uint64_t hm_new_pages(struct vnic_hostmem *m, uint64_t addr, size_t len)
{
    if (len == 0)
        return 0;
    uint64_t first = addr / VNIC_HOSTMEM_PAGE, last = (addr + len - 1) / VNIC_HOSTMEM_PAGE;
    uint64_t n = 0;
    for (uint64_t p = first;; p++) {
        if (!hm_find(m, p)->pfn)
            n++;
        if (p == last)
            break;
    }
    return n;
}

static int hm_store(struct vnic_hostmem *m, uint64_t addr, const void *buf, uint8_t fill, size_t len)
{
    if (!hm_range_ok(addr, len) || hm_faulted(m, addr, len, VNIC_HOSTMEM_FAULT_WRITE))
        return -1;
    if (m->used + hm_new_pages(m, addr, len) > m->max_pages)
        return -1;
    const uint8_t *in = buf;
    while (len) {
        uint64_t off = addr % VNIC_HOSTMEM_PAGE;
        size_t n = VNIC_HOSTMEM_PAGE - off;
        if (n > len)
            n = len;
        uint8_t *p = hm_page(m, addr / VNIC_HOSTMEM_PAGE, 1);
        if (!p)
            return -1; /* host out of memory: cannot be undone, reported */
        if (in) {
            memcpy(p + off, in, n);
            in += n;
        } else {
            memset(p + off, fill, n);
        }
        addr += n;
        len -= n;
    }
    return 0;
}

int vnic_hostmem_write(struct vnic_hostmem *m, uint64_t addr, const void *buf, size_t len)
{
    return hm_store(m, addr, buf, 0, len);
}

int vnic_hostmem_fill(struct vnic_hostmem *m, uint64_t addr, uint8_t val, size_t len)
{
    return hm_store(m, addr, NULL, val, len);
}

int vnic_hostmem_add_fault(struct vnic_hostmem *m, uint64_t base, uint64_t size, unsigned kinds)
{
    if (m->nfault >= MAX_FAULTS || size == 0 || base + size - 1 < base)
        return -1;
    m->fault[m->nfault].base = base;
    m->fault[m->nfault].size = size;
    m->fault[m->nfault].kinds = kinds;
    m->nfault++;
    return 0;
}

void vnic_hostmem_clear_faults(struct vnic_hostmem *m)
{
    m->nfault = 0;
}

uint64_t vnic_hostmem_fault_hits(const struct vnic_hostmem *m)
{
    return m->fault_hits;
}

uint64_t vnic_hostmem_pages(const struct vnic_hostmem *m)
{
    return m->used;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

int vnic_hostmem_foreach_page(const struct vnic_hostmem *m,
                              int (*cb)(void *ctx, uint64_t addr, const uint8_t *page), void *ctx)
{
    if (m->used == 0)
        return 0;
    uint64_t *pfn = malloc(m->used * sizeof(*pfn));
    if (!pfn)
        return -1;
    uint64_t n = 0;
    for (uint64_t i = 0; i < m->cap; i++)
        if (m->slot[i].pfn)
            pfn[n++] = m->slot[i].pfn - 1;
    qsort(pfn, n, sizeof(*pfn), cmp_u64);
    int rc = 0;
    for (uint64_t i = 0; i < n && rc == 0; i++)
        rc = cb(ctx, pfn[i] * VNIC_HOSTMEM_PAGE, hm_find(m, pfn[i])->data);
    free(pfn);
    return rc;
}

/* ---------------------------------------------------------------- VMs */
void vnic_vm_init(struct vnic_vm *vm)
{
    memset(vm, 0, sizeof(*vm));
}

int vnic_vm_map(struct vnic_vm *vm, uint64_t gbase, uint64_t hbase, uint64_t size,
                char *err, size_t errlen)
{
    if (size == 0 || gbase + size - 1 < gbase || hbase + size - 1 < hbase) {
        snprintf(err, errlen, "VM region guest 0x%llx host 0x%llx size 0x%llx is empty or wraps",
                 (unsigned long long)gbase, (unsigned long long)hbase, (unsigned long long)size);
        return -1;
    }
    if (vm->nregions >= VNIC_VM_MAX_REGIONS) {
        snprintf(err, errlen, "VM already has %u regions (the maximum)", VNIC_VM_MAX_REGIONS);
        return -1;
    }
    for (unsigned i = 0; i < vm->nregions; i++) {
        const struct vnic_vm_region *r = &vm->region[i];
        if (gbase <= r->gbase + r->size - 1 && r->gbase <= gbase + size - 1) {
            snprintf(err, errlen,
                     "VM region at guest 0x%llx overlaps region %u (guest 0x%llx..0x%llx)",
                     (unsigned long long)gbase, i, (unsigned long long)r->gbase,
                     (unsigned long long)(r->gbase + r->size - 1));
            return -1;
        }
    }
    vm->region[vm->nregions].gbase = gbase;
    vm->region[vm->nregions].hbase = hbase;
    vm->region[vm->nregions].size = size;
    vm->nregions++;
    return 0;
}

int vnic_vm_g2h(const struct vnic_vm *vm, uint64_t gaddr, uint64_t len, uint64_t *host)
{
    if (len == 0)
        len = 1;
    if (gaddr + len - 1 < gaddr)
        return -1;
    for (unsigned i = 0; i < vm->nregions; i++) {
        const struct vnic_vm_region *r = &vm->region[i];
        if (gaddr >= r->gbase && gaddr - r->gbase <= r->size - 1 &&
            len <= r->size - (gaddr - r->gbase)) {
            *host = r->hbase + (gaddr - r->gbase);
            return 0;
        }
    }
    return -1;
}
