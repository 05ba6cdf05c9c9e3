/* tb_bfm.h: bus-functional models of the RTL harness, all plain C.
 *
 * Each BFM is an agent of the simulation controller (tb_sim.h): drive() sets
 * its inputs for the cycle, sample() sees the handshakes of the cycle. Every
 * BFM checks the rules of its protocol on the device's side (valid held with
 * stable payload until ready, burst rules, ...) and reports a violation
 * through tb_sim_fail(), which stops the run and fails the test.
 *
 *  tb_axil      AXI4-Lite master: blocking read32/write32 that step the clock
 *  tb_axi_mem   AXI4 host-memory slave over a struct vnic_hostmem: latency,
 *               seeded random back-pressure on every channel, several
 *               outstanding transfers, SLVERR/DECERR injection per host range,
 *               and checkers that fail on any access outside the ranges the
 *               test declares legal and, per requester (m_axi_aruser /
 *               m_axi_awuser = vNIC), outside that vNIC's DMA windows
 *  tb_axis_src  AXI4-Stream source for the RX wire: frames at a given start
 *               cycle, tkeep mangling, tuser (MAC error)
 *  tb_axis_sink AXI4-Stream sink for the TX wire with MAC-like tready gaps
 *  tb_irq_sink  interrupt message sink
 */
#ifndef TB_BFM_H
#define TB_BFM_H

#include <stddef.h>
#include <stdint.h>

#include "tb_sim.h"
#include "vnic_prng.h"

struct vnic_hostmem;

/* ------------------------------------------------------------ AXI4-Lite */
struct tb_axil {
    struct tb_sim *sim;
    unsigned max_wait;           /* cycles before an access times out (1000) */
    /* observers: a write takes effect in the cycle both AW and W were
     * accepted; a read returns in the cycle R was accepted */
    void (*on_write)(void *ctx, uint32_t addr, uint32_t val, uint64_t cycle);
    void (*on_read)(void *ctx, uint32_t addr, uint32_t val, uint64_t cycle);
    void *hook_ctx;
    /* state of the access in flight */
    int busy, is_write, aw_done, w_done, addr_done, resp_done;
    uint32_t addr, data, rdata;
    uint8_t resp;
    uint64_t reads, writes;
};
void tb_axil_init(struct tb_axil *a, struct tb_sim *s);
struct tb_agent tb_axil_agent(struct tb_axil *a);
/* Blocking accesses: return the AXI response (0 OKAY), or -1 on time-out. */
int tb_axil_write32(struct tb_axil *a, uint32_t addr, uint32_t val);
int tb_axil_read32(struct tb_axil *a, uint32_t addr, uint32_t *val);

/* --------------------------------------------------- AXI4 host memory */
#define TB_MEM_MAX_RANGES 160
#define TB_MEM_QDEPTH     256

struct tb_mem_range {
    uint64_t base, size;
    int owner;        /* legal ranges: vNIC index; error ranges: AXI resp */
    unsigned kinds;   /* error ranges: 1 read, 2 write */
};

/* Per-vNIC window checker: the host side of a vNIC's DMA windows
 * (docs/architecture.md §6), one set per configuration, with the cycle from
 * which it is in force. */
#define TB_MEM_MAX_VNIC    32
#define TB_MEM_WIN_MAX     4     /* windows per vNIC (VNIC_NUM_WIN_MAX) */
#define TB_MEM_WIN_SETS    8     /* sets kept per vNIC, newest last */
#define TB_MEM_WIN_HORIZON 8192  /* default: cycles a replaced set stays acceptable */

struct tb_mem_winset {
    uint64_t from;                         /* first cycle in force */
    uint64_t base[TB_MEM_WIN_MAX], size[TB_MEM_WIN_MAX];   /* host side; size 0: none */
};

struct tb_axi_mem_cfg {
    unsigned rlat;            /* cycles from AR accepted to first R beat (157) */
    unsigned wlat;            /* cycles from last W beat to B (157) */
    unsigned max_rd;          /* outstanding read bursts (32) */
    unsigned max_wr;          /* outstanding write bursts (32) */
    double p_ar_stall, p_aw_stall, p_w_stall; /* P(ready low) per cycle */
    double p_r_gap, p_b_gap;  /* P(valid withheld) per cycle */
    uint64_t seed;
};

struct tb_axi_burst {
    uint64_t addr;
    uint8_t id, len, size;
    uint8_t user;             /* requester: the vNIC (m_axi_aruser / m_axi_awuser) */
    uint8_t resp;
    uint16_t beat;
    uint64_t ready;           /* cycle from which the response may start */
    uint64_t base;            /* writes: host address of stage[0] (bus-aligned) */
    uint8_t *stage;           /* writes: the burst's data, then its strobes */
    uint32_t span;            /* writes: bytes of data in stage */
};

struct tb_axi_mem {
    struct tb_sim *sim;
    struct tb_axi_mem_cfg cfg;
    struct vnic_hostmem *mem;
    struct vnic_prng rng;
    int check_legal;          /* fail on accesses outside the legal ranges (1) */
    unsigned nlegal, nerr;
    struct tb_mem_range legal[TB_MEM_MAX_RANGES];
    struct tb_mem_range err[16];
    /* per-vNIC window check (on once tb_axi_mem_set_windows was called) */
    int check_win;
    uint64_t win_horizon;     /* cycles a replaced window set stays acceptable */
    struct tb_mem_winset win[TB_MEM_MAX_VNIC][TB_MEM_WIN_SETS];
    unsigned nwin[TB_MEM_MAX_VNIC];
    uint64_t win_errors;      /* accesses outside their requester's windows */
    /* queues */
    struct tb_axi_burst rq[TB_MEM_QDEPTH]; unsigned rq_head, rq_n;
    struct tb_axi_burst wq[TB_MEM_QDEPTH]; unsigned wq_head, wq_n, wq_data; /* wq_data: bursts with all W beats */
    struct tb_axi_burst bq[TB_MEM_QDEPTH]; unsigned bq_head, bq_n;
    /* protocol checker: last cycle's pending (valid && !ready) payloads */
    int aw_pend, ar_pend, w_pend;
    uint64_t aw_addr, ar_addr; uint8_t aw_len, ar_len, aw_id, ar_id, aw_user, ar_user;
    uint64_t aw_since, ar_since;   /* first cycle of the pending request's valid */
    uint32_t w_data[VNIC_DUT_DATA_WORDS], w_strb; uint8_t w_last;
    /* statistics */
    uint64_t rd_bursts, wr_bursts, rd_bytes, wr_bytes, err_resp;
    uint64_t rd_by[TB_MEM_MAX_VNIC], wr_by[TB_MEM_MAX_VNIC];   /* bursts per requester */
    uint64_t r_beats, w_beats;  /* data beats taken on R and W: channel occupancy */
    unsigned max_rd_seen;
    /* optional observer of every write landing in memory */
    void (*on_write)(void *ctx, uint64_t addr, const uint8_t *data, size_t len);
    void *hook_ctx;
};
void tb_axi_mem_cfg_default(struct tb_axi_mem_cfg *c);
void tb_axi_mem_init(struct tb_axi_mem *m, struct tb_sim *s, const struct tb_axi_mem_cfg *c,
                     struct vnic_hostmem *mem);
struct tb_agent tb_axi_mem_agent(struct tb_axi_mem *m);
/* Free the data of write bursts still outstanding (end of a run). */
void tb_axi_mem_fini(struct tb_axi_mem *m);
/* Declare host [base, base+size) legal for vNIC v's DMA. 0, or -1 when full. */
int tb_axi_mem_add_legal(struct tb_axi_mem *m, int vnic, uint64_t base, uint64_t size);
void tb_axi_mem_clear_legal(struct tb_axi_mem *m);
/* The host side of vNIC v's DMA windows is, from cycle `from` on, [base[i],
 * base[i] + size[i]) for i < n (size 0: no window). From the first call on,
 * every read or write burst must lie wholly inside one window of its
 * requester (m_axi_aruser / m_axi_awuser) in force at the cycle its valid
 * was first presented, or of a set replaced at most win_horizon cycles
 * before (a transfer the device translated before the change); anything else,
 * or a requester >= the device's vNICs, counts in win_errors and fails the
 * run. A set equal to the newest is not added. 0, or -1 (v or n out of range). */
int tb_axi_mem_set_windows(struct tb_axi_mem *m, unsigned v, uint64_t from, const uint64_t *base,
                           const uint64_t *size, unsigned n);
/* Answer transfers touching [base, base+size) with resp (2 SLVERR, 3 DECERR);
 * kinds: 1 reads, 2 writes, 3 both. Writes answered with an error change nothing. */
int tb_axi_mem_add_error(struct tb_axi_mem *m, uint64_t base, uint64_t size, unsigned resp,
                         unsigned kinds);
/* Nonzero while a transfer is outstanding. */
int tb_axi_mem_busy(const struct tb_axi_mem *m);

/* ------------------------------------------------ AXI4-Stream source */
#define TB_SRC_MANGLE_TKEEP 0x2u   /* = VNIC_WF_BADTKEEP */
#define TB_SRC_MACERR       0x1u   /* = VNIC_WF_MACERR */

struct tb_src_frame {
    uint8_t *beats;           /* nbeats * W bytes, lane-placed */
    uint32_t *keep;           /* per beat */
    uint32_t nbeats;
    uint8_t *data;            /* the frame as the device sees it (kept bytes) */
    uint32_t len;
    uint32_t flags;
    uint64_t start;           /* earliest cycle of the first beat */
    uint32_t user_beat;       /* beat carrying tuser when MACERR */
};

struct tb_axis_src {
    struct tb_sim *sim;
    unsigned w;
    struct tb_src_frame *q;   /* ring of queued frames */
    unsigned q_cap, q_head, q_n;
    uint32_t beat;            /* next beat of the head frame */
    uint64_t seq;             /* seq of the head frame (frames sent so far) */
    int active;               /* the head frame has started */
    /* per-frame record, indexed by seq */
    uint64_t *sof, *eof;
    size_t rec_cap;
    /* hooks */
    void (*on_sof)(void *ctx, uint64_t seq, const struct tb_src_frame *f, uint64_t cycle);
    void (*on_eof)(void *ctx, uint64_t seq, const struct tb_src_frame *f, uint64_t cycle);
    void (*refill)(void *ctx, struct tb_axis_src *src);  /* called when the queue runs low */
    void *hook_ctx;
    void *hook_ctx_refill;      /* context of refill */
    uint64_t frames_sent, bytes_sent, stall_cycles;
};
int tb_axis_src_init(struct tb_axis_src *s, struct tb_sim *sim);
void tb_axis_src_fini(struct tb_axis_src *s);
struct tb_agent tb_axis_src_agent(struct tb_axis_src *s);
/* Queue a wire frame (bytes with FCS) to start no earlier than start.
 * flags: TB_SRC_MACERR sets tuser on its last beat; TB_SRC_MANGLE_TKEEP sends
 * it with a malformed tkeep that keeps the byte count (docs/verification.md).
 * Returns 0, or -1 when out of memory. */
int tb_axis_src_push(struct tb_axis_src *s, const uint8_t *data, uint32_t len, uint32_t flags,
                     uint64_t start);
/* Frames queued and not fully sent. */
static inline unsigned tb_axis_src_pending(const struct tb_axis_src *s) { return s->q_n; }

/* -------------------------------------------------- AXI4-Stream sink */
struct tb_axis_sink {
    struct tb_sim *sim;
    unsigned w;
    unsigned gap;             /* idle cycles after each frame (ceil(20/W)) */
    int pace;                 /* 1: pace like a MAC at W bytes/cycle + 20 bytes per
                                 frame, byte-exact (no rounding to cycles); gap unused */
    uint64_t bt_next;         /* pace: byte time (cycle * W) the wire is free again */
    uint64_t f_start;         /* pace: byte time the current frame started */
    double p_stall;           /* extra random tready-low probability */
    struct vnic_prng rng;
    unsigned gap_left;
    uint8_t *buf; uint32_t len, cap;
    int pend; uint32_t p_data[VNIC_DUT_DATA_WORDS], p_keep; uint8_t p_last;
    void (*on_frame)(void *ctx, const uint8_t *data, uint32_t len, uint64_t cycle);
    void *hook_ctx;
    uint64_t frames, bytes;
};
int tb_axis_sink_init(struct tb_axis_sink *k, struct tb_sim *sim, double p_stall, uint64_t seed);
void tb_axis_sink_fini(struct tb_axis_sink *k);
struct tb_agent tb_axis_sink_agent(struct tb_axis_sink *k);

/* ------------------------------------------------------ interrupt sink */
#define TB_IRQ_VECTORS 65
struct tb_irq_sink {
    struct tb_sim *sim;
    double p_stall;
    struct vnic_prng rng;
    unsigned nvec;            /* 2*NUM_VNIC+1 */
    uint64_t count[TB_IRQ_VECTORS];   /* messages per vector, ever */
    unsigned pending[TB_IRQ_VECTORS]; /* not yet taken by the driver */
    int pend; uint8_t p_vec;
    void (*on_irq)(void *ctx, unsigned vector, uint64_t cycle);
    void *hook_ctx;
};
void tb_irq_sink_init(struct tb_irq_sink *q, struct tb_sim *sim, double p_stall, uint64_t seed);
struct tb_agent tb_irq_sink_agent(struct tb_irq_sink *q);

#endif
