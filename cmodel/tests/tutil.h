/* Helpers shared by the model's unit tests: a host memory with error
 * injection, register and counter access, vNIC configuration through the
 * PF staging window, RX/TX rings in guest memory, frame construction and
 * the conservation check. Everything goes through the model's API. */
#ifndef TUTIL_H
#define TUTIL_H

#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include "vnic_model.h"
#include "vnic_regs.h"

#define HOSTMEM_BYTES (64u << 20)
#define T_WIN_SIZE (1u << 20)                  /* guest window of each vNIC */
#define T_GBASE(v) (0x40000000ull + (uint64_t)(v) * 0x10000000ull)
#define T_HBASE(v) ((uint64_t)(v) * (2u << 20)) /* host address of the window */
#define T_RING_OFF 0x0u                        /* RX ring inside the window */
#define T_TXRING_OFF 0x8000u                   /* TX ring */
#define T_BUF_OFF 0x10000u                     /* RX buffers */
#define T_TXBUF_OFF 0xA0000u                   /* TX buffers: 16 KiB slots, TX rings <= 16 */

struct txcap {
    unsigned vnic;
    uint32_t len;
    uint64_t cycle;
    uint8_t *data;
};

struct hostmem {
    uint8_t *mem;
    struct { uint64_t a, n; } err[8];
    unsigned nerr;
    unsigned nirq;
    struct { unsigned vec; uint64_t cyc; } irq[8192];
    unsigned ntx, captx;
    struct txcap *tx;
};

/* Everything a stand-alone run did, in order, to replay it into a lockstep
 * model: register writes, wire frames, host-memory writes by the test,
 * SLVERR ranges and the events the model reported. */
enum { OP_EV, OP_WR, OP_RX, OP_MEM, OP_HERR };
struct op {
    int kind;
    uint64_t cycle;     /* model cycle when the test did it */
    uint32_t addr, val, flags, len;
    uint64_t h;         /* OP_MEM / OP_HERR host address; OP_RX sof */
    uint8_t *data;
    struct vnic_ev ev;
};
struct oplog {
    struct op *v;
    size_t n, cap;
};

struct tenv {
    struct vnic_model *m;
    struct oplog *log;  /* when set, the run is recorded */
    struct vnic_model_params p;
    struct hostmem hm;
    unsigned W;
    uint32_t rx_log2[32], tx_log2[32];
    uint32_t rx_buflen[32];
    uint32_t rx_next[32];   /* next RX descriptor the test expects to complete */
    uint32_t tx_next[32];   /* next TX descriptor to post */
};

/* vNIC configuration as the test writes it into STAGE. */
struct tcfg {
    uint64_t mac;
    uint32_t flags;
    uint32_t rx_base, rx_size, tx_base, tx_size;
    uint32_t pol_rate, pol_burst;
    uint32_t guar, ceil, sch_burst, weight;
    uint32_t tx_weight, tx_rate, tx_burst;
    unsigned nwin;
    struct { uint64_t g, h; uint32_t size; } win[4];
};

void tenv_init(struct tenv *e, const struct vnic_model_params *p);
void tenv_free(struct tenv *e);

uint32_t pfr(struct tenv *e, uint32_t off);
void pfw(struct tenv *e, uint32_t off, uint32_t val);
uint32_t vfr(struct tenv *e, unsigned v, uint32_t off);
void vfw(struct tenv *e, unsigned v, uint32_t off, uint32_t val);
uint64_t gstat(struct tenv *e, uint32_t off_lo);
uint64_t vstat(struct tenv *e, unsigned v, uint32_t off_lo);

/* Issue a command to vNIC v; waits (advancing time) while busy; returns err. */
unsigned tcmd(struct tenv *e, unsigned v, unsigned op);
/* A sensible enabled configuration for vNIC v of n (partitions split evenly,
 * MAC 02:00:00:00:00:v, bcast+mcast, window 0 = T_GBASE(v) -> T_HBASE(v)). */
void tcfg_default(struct tenv *e, struct tcfg *c, unsigned v, unsigned n);
void tcfg_write(struct tenv *e, const struct tcfg *c);
unsigned tcommit(struct tenv *e, unsigned v, const struct tcfg *c);
/* Global enable (rx_en, tx_en) and n vNICs with tcfg_default; asserts OK. */
void tsetup(struct tenv *e, unsigned n);

/* Host memory access by guest address of vNIC v (its window 0 mapping). */
uint64_t g2h(unsigned v, uint64_t g);
/* Write host memory as the test (recorded in the log). */
void tmem(struct tenv *e, uint64_t h, const void *src, size_t n);
uint8_t *hptr(struct tenv *e, uint64_t h);
void herr_add(struct tenv *e, uint64_t a, uint64_t n);

/* RX ring of 2^log2 descriptors with buffers of buflen bytes; posts count
 * descriptors (TAIL = count). */
void rx_ring(struct tenv *e, unsigned v, unsigned log2, uint32_t buflen, uint32_t count);
uint64_t rx_desc_g(unsigned v, uint32_t idx);
uint64_t rx_buf_g(unsigned v, uint32_t idx);
/* Give back every completed descriptor (TAIL = HEAD - 1). */
void rx_repost(struct tenv *e, unsigned v);
uint16_t rx_status(struct tenv *e, unsigned v, uint32_t idx);
uint16_t rx_len(struct tenv *e, unsigned v, uint32_t idx);
void tx_ring(struct tenv *e, unsigned v, unsigned log2);
/* Post one TX frame of n bytes (copied into buffer slot idx); returns idx. */
uint32_t tx_post(struct tenv *e, unsigned v, const uint8_t *frame, uint32_t n);
uint64_t tx_desc_g(unsigned v, uint32_t idx);

/* A frame of wire length L (FCS included and valid). */
uint32_t mkframe(uint8_t *buf, uint64_t da, uint64_t sa, uint32_t L, uint32_t seed);
uint64_t tmac(unsigned v);
void fix_fcs(uint8_t *buf, uint32_t L);
void trx(struct tenv *e, uint64_t sof, const uint8_t *buf, uint32_t L, uint32_t flags);
/* Unicast frame of length L to vNIC v at cycle sof. */
void trx_to(struct tenv *e, uint64_t sof, unsigned v, uint32_t L, uint32_t seed);

/* Record every event the model reports. */
struct evlog {
    struct vnic_ev *ev;
    size_t n, cap;
};
void evlog_attach(struct tenv *e, struct evlog *l);
void evlog_free(struct evlog *l);
/* Count of logged events of a type (and vNIC, or any when vnic < 0). */
size_t evlog_count(const struct evlog *l, enum vnic_ev_type t, long vnic);

/* Start recording e into l (observer included). */
void oplog_attach(struct tenv *e, struct oplog *l);
void oplog_free(struct oplog *l);
/* Replay l into b (a fresh lockstep model); corrupt, when set, may change a
 * copy of each fed event (return true when it did). Ends with
 * vnic_model_finish at end_cycle. Returns the mismatch count. */
unsigned oplog_replay(const struct oplog *l, struct tenv *b, uint64_t end_cycle,
                      bool (*corrupt)(struct vnic_ev *ev, size_t i, void *ctx), void *ctx);

/* The conservation law of §8 read through the registers (and the model's
 * own check); fails the test when it does not hold. */
void check_conservation(struct tenv *e);

#endif
