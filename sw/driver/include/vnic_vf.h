/* vnic_vf.h: the virtual-function side of libvnic: what a VM's native
 * driver does with its vNIC.
 *
 * A VF handle reaches exactly one register page, fixed when it is opened
 * (VNIC_VF_BASE(v)); every register access is page-relative and checked to
 * stay inside the page. Its memory is the VM's guest memory (struct vnic_vm):
 * rings and buffers are guest addresses, written through the VM's mapping to
 * host memory. The VF never touches the PF page or another vNIC's page.
 *
 * Memory layout made by vnic_vf_setup inside [mem_base, mem_base+mem_size):
 *   RX ring (2^rx_log2 x 16 B), TX ring, then one RX buffer per RX slot and
 *   one TX buffer per TX slot, each 64-byte aligned.
 */
#ifndef VNIC_VF_H
#define VNIC_VF_H

#include "vnic_bus.h"
#include "vnic_common.h"
#include "vnic_hostmem.h"

struct vnic_vf;

#define VNIC_VF_RING_LOG2_MIN 1u  /* RXR/TXR.SIZE: log2 of the descriptor count */
#define VNIC_VF_RING_LOG2_MAX 12u

#define VNIC_VF_NO_PREFILL 0x1u /* setup does not post RX buffers */
#define VNIC_VF_NO_REPOST  0x2u /* recv does not give the buffer back */

struct vnic_vf_cfg {
    unsigned rx_log2;         /* RX ring: 2^rx_log2 descriptors, 1..12 */
    unsigned tx_log2;         /* TX ring, 1..12 */
    uint32_t rx_buf_size;     /* bytes per RX buffer, 64..65535 */
    uint32_t tx_buf_size;     /* bytes per TX buffer, 64..65535 */
    uint64_t mem_base;        /* guest memory the driver may use */
    uint64_t mem_size;
    unsigned flags;           /* VNIC_VF_* */
};

/* Opens the VF page of vNIC v: checks VF ID magic and index. 0, or an
 * enum vnic_rc with a message in err. */
int vnic_vf_open(const struct vnic_bus *bus, unsigned v, const struct vnic_vm *vm,
                 struct vnic_vf **out, char *err, size_t errlen);
void vnic_vf_close(struct vnic_vf *vf);
const char *vnic_vf_error(const struct vnic_vf *vf);
unsigned vnic_vf_index(const struct vnic_vf *vf);

/* Lays out and zeroes the rings, programs RXR/TXR (base, size, TAIL) and
 * posts 2^rx_log2 - 1 RX buffers. Also used after a function-level reset
 * (vnic_vf_restart does it again with the same cfg). */
int vnic_vf_setup(struct vnic_vf *vf, const struct vnic_vf_cfg *cfg);
int vnic_vf_restart(struct vnic_vf *vf);
/* Guest addresses of the layout (valid after setup). */
uint64_t vnic_vf_rx_ring_addr(const struct vnic_vf *vf);
uint64_t vnic_vf_tx_ring_addr(const struct vnic_vf *vf);
uint64_t vnic_vf_rx_buf_addr(const struct vnic_vf *vf, unsigned slot);

/* ---------------------------------------------------------------- RX */
struct vnic_rx_cpl {
    uint32_t len;             /* frame length written (FCS stripped) */
    uint16_t status;          /* VNIC_DESC_ST_* */
    uint16_t buf_len;         /* buffer length echoed by the device */
    uint64_t buf_addr;        /* guest address of the buffer */
    unsigned slot;            /* ring slot */
};
/* Posts up to n default RX buffers (as many as the ring has room for);
 * returns the number posted, or a negative enum vnic_rc. */
int vnic_vf_rx_post(struct vnic_vf *vf, unsigned n);
/* Posts one descriptor with a buffer of the caller's choosing (any guest
 * address: the device checks it against the vNIC's DMA windows). */
int vnic_vf_rx_post_raw(struct vnic_vf *vf, uint64_t gaddr, uint16_t len);
/* Takes the next completed RX descriptor, if any: 1 with *cpl filled and up
 * to cap bytes of the frame copied to buf (nothing is copied on ERR_BUFLEN);
 * 0 when none is complete; negative enum vnic_rc on error. The buffer is
 * posted again unless VNIC_VF_NO_REPOST. */
int vnic_vf_recv(struct vnic_vf *vf, void *buf, size_t cap, struct vnic_rx_cpl *cpl);
unsigned vnic_vf_rx_posted(const struct vnic_vf *vf);

/* ---------------------------------------------------------------- TX */
struct vnic_tx_cpl {
    uint16_t status;          /* VNIC_DESC_ST_*: DD, maybe ERR_SPOOF/ERR_TXLEN */
    uint32_t len;             /* frame length that was posted */
    unsigned slot;
};
/* Copies the frame (no FCS: the device appends it) into the next TX buffer,
 * posts its descriptor and rings the doorbell. 1 when queued, 0 when the
 * ring is full even after reclaiming, negative enum vnic_rc on error. */
int vnic_vf_send(struct vnic_vf *vf, const void *frame, size_t len);
/* Collects up to max completed TX descriptors into cpl (may be NULL);
 * returns how many were collected. */
int vnic_vf_tx_reclaim(struct vnic_vf *vf, struct vnic_tx_cpl *cpl, unsigned max);
unsigned vnic_vf_tx_pending(const struct vnic_vf *vf);

/* ---------------------------------------------------------------- interrupts */
#define VNIC_VF_IRQ_RX VNIC_VF_INT_MASK_RX_MASK
#define VNIC_VF_IRQ_TX VNIC_VF_INT_MASK_TX_MASK
int vnic_vf_irq_enable(struct vnic_vf *vf, uint32_t mask);
/* Moderation of one ring (tx = 0: RX ring): raise after count completions
 * (0 = every one) or timer cycles after the first unsignalled one (0 = off). */
int vnic_vf_set_itr(struct vnic_vf *vf, int tx, unsigned count, uint32_t timer);
/* Interrupt messages received on this vNIC's vectors since the last call,
 * as VNIC_VF_IRQ_RX | VNIC_VF_IRQ_TX bits. */
uint32_t vnic_vf_irq_take(struct vnic_vf *vf);
/* Reads INT_STATUS and clears the causes it returns. */
uint32_t vnic_vf_irq_ack(struct vnic_vf *vf);

/* ---------------------------------------------------------------- status */
int vnic_vf_status(struct vnic_vf *vf, struct vnic_status *st);
int vnic_vf_mac(struct vnic_vf *vf, uint8_t mac[6]);
int vnic_vf_stats(struct vnic_vf *vf, struct vnic_vstats *s);
/* Ring indices as the device sees them. */
uint32_t vnic_vf_rx_head(struct vnic_vf *vf);
uint32_t vnic_vf_tx_head(struct vnic_vf *vf);

/* Page-relative register access, checked: off must be < 0x1000 and 4-byte
 * aligned, else VNIC_E_ARG and nothing is accessed. For diagnostics. */
int vnic_vf_reg_read(struct vnic_vf *vf, uint32_t off, uint32_t *val);
int vnic_vf_reg_write(struct vnic_vf *vf, uint32_t off, uint32_t val);

#endif
