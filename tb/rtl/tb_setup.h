/* tb_setup.h: bring a device up through libvnic on an RTL environment, the
 * way a hypervisor and its VMs would: PF open, global control, one VM per
 * vNIC (guest memory mapped to its own host range), vNIC created from a QoS
 * spec with DMA windows = the VM's memory, VF driver with its rings. The
 * VM's host range is declared legal for that vNIC's DMA in the host-memory
 * checker; every other host address is illegal. */
#ifndef TB_SETUP_H
#define TB_SETUP_H

#include <stdint.h>

#include "tb_env.h"
#include "vnic_gen.h"
#include "vnic_pf.h"
#include "vnic_vf.h"

#define TB_CLK_HZ 156250000ull
#define TB_GUEST_BASE 0x40000000ull

struct tb_sys_cfg {
    unsigned nvnic;               /* vNICs to create (0 = NUM_VNIC) */
    unsigned flags;               /* VNIC_QOS_* for every vNIC */
    unsigned ring_log2;           /* RX ring (default 6) */
    uint32_t buf_size;            /* RX buffer bytes (default 2048) */
    uint64_t mem_size;            /* per VM (default: fits the rings and buffers) */
    unsigned max_frame;           /* G.MAX_FRAME (0 = keep the reset value) */
    int def_vnic;                 /* -1: none */
    unsigned vf_flags;            /* VNIC_VF_* */
    unsigned tx_log2;             /* TX ring (0 = 2) */
    uint32_t tx_buf_size;         /* TX buffer bytes (0 = 2048) */
};

struct tb_rx_frame {
    uint8_t *data;
    uint32_t len;
    uint16_t status;
};

struct tb_sys {
    struct tb_env *env;
    struct vnic_dev *dev;
    unsigned n;
    struct vnic_vm vm[32];
    struct vnic_vf *vf[32];
    uint8_t mac[32][6];
    struct vnic_qos_spec spec[32];
    /* frames received by each VF driver, in order */
    struct tb_rx_frame *rx[32];
    size_t nrx[32], caprx[32];
};

void tb_sys_cfg_default(struct tb_sys_cfg *c);
/* MAC of vNIC v in the tests: 02:00:00:00:<v>:01 (locally administered). */
void tb_sys_mac(unsigned v, uint8_t mac[6]);
uint64_t tb_sys_host_base(unsigned v);
/* 0, or -1 with a message. */
int tb_sys_up(struct tb_sys *s, struct tb_env *e, const struct tb_sys_cfg *c, char *err,
              size_t errlen);
void tb_sys_down(struct tb_sys *s);
/* Let every VF driver take its completions (reposting buffers). Returns the
 * number of frames taken. */
unsigned tb_sys_poll(struct tb_sys *s);
/* Run until idle, polling the VF drivers every `every` cycles; 0 when idle. */
int tb_sys_drain(struct tb_sys *s, uint64_t max_cycles);

/* Build a wire frame: DA, SA 02:aa:00:00:00:01, EtherType 0x88B5, payload
 * from seed, FCS appended. out holds len bytes (len >= 18). */
void tb_make_frame(uint8_t *out, uint32_t len, const uint8_t da[6], uint64_t seed);
/* Build a TX frame as a VF driver hands it over (no FCS): DA 02:bb:00:00:00:07,
 * SA sa, EtherType 0x88B5, seq in bytes 14..17 (as far as len allows), the
 * rest from seed; len < 14 gives seeded bytes only. */
void tb_make_tx_frame(uint8_t *out, uint32_t len, const uint8_t sa[6], uint32_t seq,
                      uint64_t seed);
/* What a correct NIC puts on the wire for a TX frame of n bytes: zero
 * padding to 60 bytes and the FCS. out holds max(n, 60) + 4 bytes; returns
 * that length. */
uint32_t tb_tx_wire_frame(uint8_t *out, const uint8_t *frame, uint32_t n);

/* Write a TX descriptor of the test's choosing (guest buffer address gaddr,
 * length len, the other bytes zero) into slot `slot` of vNIC v's TX ring in
 * its VM's memory, as a misbehaving or hand-written driver would; the tail
 * is not moved. 0, or -1 if the slot is outside the VM's memory. */
int tb_sys_write_tx_desc(struct tb_sys *s, unsigned v, unsigned slot, uint64_t gaddr,
                         uint16_t len);

/* Open the traffic generator of g with every VM MAC of s on its avoid list
 * (random destinations never hit a vNIC); frees g. 0, or -1 with err. */
int tb_sys_gen_new(const struct tb_sys *s, struct vnic_gen_cfg *g, struct vnic_gen **gen,
                   char *err, size_t errlen);

#endif
