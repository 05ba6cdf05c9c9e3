/* vnic_hostmem.h: a simulated host platform for vNIC backends.
 *
 * struct vnic_hostmem is a sparse host physical memory: 4 KiB pages are
 * allocated on first write and read back as zero before that, so a test can
 * use addresses anywhere in the 64-bit space. Everything is deterministic
 * (no randomness, page walks in address order). Fault injection makes host
 * ranges answer reads and/or writes with an error, which a backend turns into
 * an AXI SLVERR for the device.
 *
 * struct vnic_vm describes a virtual machine's memory: guest physical ranges
 * mapped onto host physical ranges. The VF driver reaches its guest memory
 * through it; the PF derives DMA windows from it (vnic_qos_windows_from_vm).
 */
#ifndef VNIC_HOSTMEM_H
#define VNIC_HOSTMEM_H

#include <stddef.h>
#include <stdint.h>

#define VNIC_HOSTMEM_PAGE 4096u

struct vnic_hostmem;

/* fault kinds for vnic_hostmem_add_fault */
#define VNIC_HOSTMEM_FAULT_READ  0x1u
#define VNIC_HOSTMEM_FAULT_WRITE 0x2u

/* max_bytes bounds the memory actually allocated (0 = 1 GiB); a write that
 * would exceed it fails. Returns NULL when out of memory. */
struct vnic_hostmem *vnic_hostmem_new(uint64_t max_bytes);
void vnic_hostmem_free(struct vnic_hostmem *mem);

/* 0 on success; -1 if the range wraps, hits an injected fault, or (write)
 * needs more pages than max_bytes allows. A failed access changes nothing. */
int vnic_hostmem_read(struct vnic_hostmem *mem, uint64_t addr, void *buf, size_t len);
int vnic_hostmem_write(struct vnic_hostmem *mem, uint64_t addr, const void *buf, size_t len);
int vnic_hostmem_fill(struct vnic_hostmem *mem, uint64_t addr, uint8_t val, size_t len);

/* Make [base, base+size) fail for the given kinds (FAULT_READ|FAULT_WRITE).
 * Up to 16 ranges; returns -1 when full or size is 0. */
int vnic_hostmem_add_fault(struct vnic_hostmem *mem, uint64_t base, uint64_t size, unsigned kinds);
void vnic_hostmem_clear_faults(struct vnic_hostmem *mem);
/* Number of accesses refused by fault injection so far. */
uint64_t vnic_hostmem_fault_hits(const struct vnic_hostmem *mem);

/* Pages allocated so far, and a walk over them in ascending address order
 * (cb gets the page's host address and its 4096 bytes; a nonzero return
 * stops the walk and is returned). */
uint64_t vnic_hostmem_pages(const struct vnic_hostmem *mem);
int vnic_hostmem_foreach_page(const struct vnic_hostmem *mem,
                              int (*cb)(void *ctx, uint64_t addr, const uint8_t *page),
                              void *ctx);

/* ---------------------------------------------------------------- VMs */
#define VNIC_VM_MAX_REGIONS 8u

struct vnic_vm_region {
    uint64_t gbase; /* guest physical base */
    uint64_t hbase; /* host physical base */
    uint64_t size;  /* bytes */
};

struct vnic_vm {
    unsigned nregions;
    struct vnic_vm_region region[VNIC_VM_MAX_REGIONS];
};

void vnic_vm_init(struct vnic_vm *vm);
/* Map guest [gbase, gbase+size) to host [hbase, hbase+size). Refused (-1,
 * message in err) when size is 0, a range wraps, the guest range overlaps an
 * existing region, or the table is full. */
int vnic_vm_map(struct vnic_vm *vm, uint64_t gbase, uint64_t hbase, uint64_t size,
                char *err, size_t errlen);
/* Translate a guest range that lies inside ONE region: 0 and *host, or -1. */
int vnic_vm_g2h(const struct vnic_vm *vm, uint64_t gaddr, uint64_t len, uint64_t *host);

#endif
