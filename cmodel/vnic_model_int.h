/* Internal state of the vNIC golden model, shared by its source files.
 * Nothing here is part of the API (vnic_model.h). */
#ifndef VNIC_MODEL_INT_H
#define VNIC_MODEL_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "vnic_crc.h"
#include "vnic_model.h"
#include "vnic_regs.h"

#define NVMAX VNIC_MAX_VNIC
#define NOCYC UINT64_MAX

/* First cycle after t at which a token bucket holding `level` (<= 0, bytes·2^24)
 * and refilled by `rate` per cycle is positive again: the wake-up of a
 * scheduler whose every eligible vNIC is held by its ceiling or shaper. */
static inline uint64_t bucket_positive_at(uint64_t t, int64_t level, uint32_t rate)
{
    return t + (uint64_t)(-level) / rate + 1;
}

/* Words of the STAGE block (also the layout of a vNIC's active config). */
#define STAGE_WORDS ((VNIC_PF_VSTAT_STATUS - VNIC_PF_STAGE_FLAGS) / 4u)
#define SIDX(reg) (((reg) - VNIC_PF_STAGE_FLAGS) / 4u)
/* Words of a VF page below its statistics block (plain registers). */
#define VF_WORDS (VNIC_VF_STAT_RX_IN_LO / 4u)
#define VIDX(reg) ((reg) / 4u)
#define PAGE_WORDS (VNIC_PAGE_SIZE / 4u)

/* Counter indices, from the generated X-macro tables. */
enum {
#define X(name, off) GS_##name,
    VNIC_PF_GSTAT_COUNTERS(X)
#undef X
    GS_NUM
};
enum {
#define X(name, off) ST_##name,
    VNIC_VF_STAT_COUNTERS(X)
#undef X
    ST_NUM
};

/* Timing-model events that never appear on the trace port (stand-alone
 * timing and the model's own interrupt timers). They travel in the same
 * struct vnic_ev; field use: vnic, seq = first ring index, op = count,
 * err = the vNIC's reset generation. */
#define EVI_RX_DESC ((enum vnic_ev_type)32) /* RX descriptors fetched: now on chip */
#define EVI_TX_DESC ((enum vnic_ev_type)33) /* TX descriptors fetched */
#define EVI_TX_DMA ((enum vnic_ev_type)34)  /* TX DMA engine may issue the next descriptor */
#define EVI_TX_DATA ((enum vnic_ev_type)35) /* TX frame data read from the host has arrived */
#define EVI_IRQ_CHK ((enum vnic_ev_type)36) /* moderation check; seq = ring, op = 1 recheck */

/* Order of events inside one cycle (docs/model.md). One queue per rank. */
enum {
    R_RX_SOF, R_RX_DEC, R_RX_GRANT, R_TX_GRANT, R_RX_FIFO_REL, R_RX_STORED,
    R_RX_FREE, R_RX_CPL, R_I_RX_DESC, R_I_TX_DESC, R_I_TX_DMA, R_I_TX_DATA,
    R_TX_QUEUED, R_TX_SENT, R_TX_CPL, R_I_IRQ, R_CMD, R_FAULT, R_IRQ, R_NUM
};

/* A queued event: the fields of struct vnic_ev that timing needs; it is
 * expanded into a struct vnic_ev when applied. The 32-bit fields travel in
 * pairs, one 64-bit word each, written and read whole (a wide load of
 * fields just stored one by one cannot be forwarded from the store buffer
 * and stalls). */
struct qi {
    uint64_t cycle;
    uint64_t addr;
    uint64_t type_vnic;  /* type | vnic << 32 */
    uint64_t seq_op;     /* seq | op << 32 */
    uint64_t err_reason; /* err | reason << 32 */
};
static inline uint64_t qi_pair(uint32_t lo, uint32_t hi) { return lo | ((uint64_t)hi << 32); }

struct evq {
    struct qi *buf;
    uint32_t cap, head, n;
};

/* Decoded configuration of one vNIC (active) or of the staging window. */
struct vcfg {
    bool enable, bcast, mcast, antispoof, pol_en, ceil_en, shp_en;
    uint64_t mac; /* byte 0 in bits 47:40 */
    uint32_t rx_base, rx_size, tx_base, tx_size;
    uint32_t pol_rate, pol_burst, sch_guar, sch_ceil, sch_burst, sch_weight;
    uint32_t tx_weight, tx_rate, tx_burst;
    struct { uint64_t gbase, hbase, size; } win[VNIC_NUM_WIN_MAX];
};

/* A frame held in a partition (RX: len = L with FCS; TX: len = n). */
struct pframe {
    uint32_t off;   /* byte offset inside the partition */
    uint16_t len;
    uint8_t flags;  /* RX: VNIC_DESC_STATUS_BCAST / VNIC_DESC_STATUS_MCAST */
    uint8_t pad;
};
/* A growable FIFO of fixed-size elements: the model's frame queues and
 * DMA records. Capacity 0 or a power of two; element i (0 = the oldest)
 * is at buf + ((head + i) & (cap - 1)) * esz, esz given by the typed
 * accessors (fr_at, rxr_at, txr_at, txc_at). */
struct fifo {
    void *buf;
    uint32_t cap, head, n;
};
/* Append a zeroed element (growing the ring first if full, to first_cap
 * elements if empty); NULL when out of memory. */
void *fifo_push(struct fifo *q, size_t esz, uint32_t first_cap);
static inline void *fifo_at(const struct fifo *q, size_t esz, uint32_t i)
{
    return (char *)q->buf + (size_t)((q->head + i) & (q->cap - 1)) * esz;
}
static inline void fifo_pop(struct fifo *q)
{
    q->head = (q->head + 1) & (q->cap - 1);
    q->n--;
}
/* Remove element i, keeping the order of the others. */
void fifo_remove(struct fifo *q, size_t esz, uint32_t i);

struct vdesc {
    uint64_t addr;
    uint16_t len;
};

/* Device side of one descriptor ring. Indices are mod 2^SIZE. */
struct ring {
    uint32_t head;    /* HEAD register: next descriptor the device completes */
    uint32_t head_pre; /* HEAD before the events of cycle head_cyc */
    uint64_t head_cyc; /* cycle of the last HEAD change (NOCYC: none) */
    uint32_t use;     /* next descriptor the engine takes */
    uint32_t fetch;   /* stand-alone: next descriptor to prefetch */
    uint32_t onchip;  /* stand-alone: descriptors fetched (>= use) */
    uint32_t inflight_fetch;
    struct vdesc cache[8];
    /* interrupt moderation */
    uint32_t itr_n;
    uint64_t itr_t0;
    uint64_t itr_timer_at;
};

/* Outcome of an RX frame in the DMA engine. */
enum { RXO_OK, RXO_BUFLEN, RXO_FAULT };
struct rxrec {
    uint64_t desc_g;  /* guest address of the descriptor */
    uint64_t buf_g;
    uint64_t faddr;
    uint32_t idx;     /* ring index */
    uint32_t L;
    uint16_t buflen;
    uint8_t flags;
    uint8_t out;      /* RXO_* */
    uint8_t reason;   /* fault reason when out == RXO_FAULT */
    uint8_t done;
};

/* A TX descriptor being processed (read in flight, or waiting for
 * TX_QUEUED in lockstep). */
enum { TXE_NONE, TXE_TXLEN, TXE_SPOOF, TXE_GOOD, TXE_FAULT, TXE_WAIT };
struct txrec {
    uint64_t desc_g, buf_g, faddr, h;
    uint32_t idx;
    uint16_t n;
    uint16_t buflen;
    uint8_t kind;     /* TXE_* */
    uint8_t reason;
    uint8_t reserved; /* S_tx(n) counted in TX_USED */
    uint8_t arrived;  /* stand-alone: data read from the host */
};

/* Lockstep: a TX completion decided, written back at its TX_CPL. */
struct txcpl {
    uint64_t desc_g;
    uint32_t idx;
    uint16_t buflen, status;
    int st;           /* counter it adds to (ST_*), -1: none */
};

static inline struct rxrec *rxr_at(const struct fifo *q, uint32_t i) { return fifo_at(q, sizeof(struct rxrec), i); }
static inline struct txrec *txr_at(const struct fifo *q, uint32_t i) { return fifo_at(q, sizeof(struct txrec), i); }
static inline struct txcpl *txc_at(const struct fifo *q, uint32_t i) { return fifo_at(q, sizeof(struct txcpl), i); }

/* A fault the model expects the RTL to report (lockstep). */
struct fcand {
    uint8_t valid, reason;
    uint64_t addr;
};

struct vnic_state {
    uint32_t act[STAGE_WORDS]; /* active configuration, STAGE layout */
    struct vcfg cfg;           /* decoded act */
    uint32_t vreg[VF_WORDS];   /* VF page plain registers */
    uint64_t stat[ST_NUM];
    uint32_t snap;             /* VF page 64-bit read snapshot */
    bool halted;
    bool reset_pending;
    uint8_t reason;
    uint64_t fault_addr;
    uint32_t gen;              /* bumped by RESET: stale timing events drop */

    /* RX partition and admission */
    uint32_t rx_used;
    uint32_t rx_wp;            /* partition write offset */
    struct fifo rxq;           /* frames from head: granted, stored, accepted */
    uint32_t rx_ngranted;      /* granted, space not yet released */
    uint32_t rx_nstored;       /* stored, not granted */
    /* token buckets (bytes * 2^24): value at the start of cycle *_cyc, no
     * charge since; later values follow the closed form of §4.3 */
    uint64_t pol_val, pol_cyc;
    int64_t g_val, c_val, t_val;
    uint64_t g_cyc, c_cyc, t_cyc;
    /* RX scheduler charges still to land (§4.7: a grant at cycle g charges
     * its buckets at cycle g + 1): amount (0: none) and that cycle */
    int64_t g_pend, c_pend;
    uint64_t g_pend_cyc, c_pend_cyc;
    int64_t d_rx, d_tx;        /* DRR deficits (bytes) */
    struct fifo rxr;           /* frames in the RX DMA engine, grant order */
    uint32_t rx_inflight;      /* records in rxr not done */
    struct ring ring[2];       /* 0 RX, 1 TX */

    /* TX */
    uint32_t tx_used;
    uint32_t tx_wp;
    struct fifo txq;           /* frames in the TX partition: granted, queued */
    uint32_t tx_ngranted;
    struct fifo txr;           /* descriptors in the TX DMA engine */
    struct fifo txc;           /* lockstep: completions decided, not yet TX_CPL */
    uint32_t tx_reads;         /* stand-alone: reads in flight */

    uint8_t *txpend;           /* data of the TX frame about to be queued */
    bool fetch_stop[2];        /* stand-alone: prefetch refused (fault pending) */
    uint64_t fetch_last_arr[2];

    struct fcand bad_tail;     /* lockstep: BAD_TAIL seen at a doorbell */
    bool ring_lock[2];         /* a doorbell posted: BASE and SIZE locked until RESET */
};

/* A wire frame between vnic_model_rx() and its decision. */
struct wframe {
    uint64_t sof_cyc, dec_cyc; /* stand-alone: when its RX_SOF / RX_DEC happen */
    uint64_t off;      /* absolute position of its bytes in wbuf */
    uint32_t len;
    uint32_t flags;
    uint32_t words;    /* ingress FIFO words, set when admitted */
    uint8_t admitted;
    uint8_t sofdone;
    uint8_t decided;
    uint8_t dropped;   /* FIFO drop at the first beat */
    uint8_t done;      /* sofdone and (decided or dropped): may leave the queue */
};

/* A decided frame waiting to leave the ingress FIFO (lockstep order check). */
struct relrec {
    uint32_t seq;
    uint32_t bytes;
};

struct vnic_model {
    struct vnic_model_params p;
    struct vnic_host_ops host;
    enum vnic_model_mode mode;
    unsigned W;          /* datapath bytes (a power of two) */
    unsigned W_log2;
    unsigned bw;         /* host path bytes per cycle */
    int bw_log2;         /* log2(bw) when bw is a power of two, else -1 */
    uint64_t now;

    /* register file */
    uint32_t pf[PAGE_WORDS];
    uint32_t pf_snap;
    uint64_t gstat[GS_NUM];
    uint64_t classified;       /* frames with a non-empty destination set */
    uint64_t rx_in_cleared;    /* RX_IN zeroed by CLEAR_STATS (conservation) */
    struct vnic_state v[NVMAX];
    uint32_t fault_vec;
    uint32_t stage[STAGE_WORDS];
    /* commands */
    bool cmd_busy;
    uint32_t cmd_op, cmd_vnic, cmd_err, cmd_last_op;

    struct vnic_crc crc;  /* FCS tables */

    /* RX buffers */
    uint8_t *rxbuf, *txbuf;
    uint8_t *scratch;    /* max_frame + 64 bytes */

    /* wire frames: seq = wbase + index */
    struct wframe *wf;
    uint32_t wf_cap, wf_head, wf_n;
    uint32_t wbase;      /* seq of wf[wf_head] */
    uint32_t next_seq;   /* next seq given by vnic_model_rx */
    uint32_t next_sof;
    uint32_t last_dec;   /* seq + 1 of the last decided frame */
    uint32_t vs_sof, vs_dec; /* stand-alone: next RX_SOF / RX_DEC to apply (by seq) */
    uint32_t stored_mask;    /* vNICs with a stored, not granted frame */
    uint64_t wire_last;  /* last beat cycle of the latest frame */
    uint8_t *wbuf;
    uint64_t wbuf_cap, wbuf_base, wbuf_tail;

    /* ingress FIFO */
    uint64_t fifo_occ;
    struct relrec *rel;
    uint32_t rel_cap, rel_head, rel_n;
    uint64_t ce_free;    /* stand-alone copy engine free at */

    /* RX DMA engine and scheduler */
    unsigned p1, p2, tp2;
    uint32_t drx_pos, dtx_pos; /* vNICs with a positive deficit */
    uint64_t rx_wake_at;
    uint64_t rx_eng_free;
    uint64_t wch;        /* write channel free at */
    uint32_t rx_inflight;
    uint64_t last_free_cyc, last_cpl_cyc;

    /* TX */
    uint64_t tx_wake_at;
    uint64_t tx_out_free;   /* next grant allowed at */
    uint64_t tx_bt;         /* wire byte-time of the next frame start */
    uint64_t last_sent_cyc;
    struct { uint32_t vnic; uint32_t len; } txg[64]; /* granted, not sent */
    uint32_t txg_head, txg_n;
    uint64_t txdma_wake_at;
    uint64_t rch;           /* read channel free at */
    uint32_t tx_reads;
    unsigned txdma_rr;

    /* interrupts of the current trigger cycle */
    uint64_t irq_cyc;
    uint64_t irq_own, irq_rtl;
    uint32_t irq_own_hi, irq_rtl_hi;
    bool irq_rtl_seen;

    /* events */
    struct evq q[R_NUM];
    uint64_t qhc[R_NUM];    /* cycle of each queue's head (NOCYC: empty) */
    uint32_t qmask;         /* non-empty queues */
    uint32_t wire_next;     /* stand-alone: bit 0 wire_sof_cyc, bit 1 wire_dec_cyc valid */
    uint64_t wire_sof_cyc, wire_dec_cyc;
    int last_rank;          /* lockstep: rank of the last fed event in now */
    void (*obs)(void *ctx, const struct vnic_ev *ev);
    void *obs_ctx;

    /* mismatches */
    char **mm;
    unsigned mm_n, mm_cap, mm_total;
    unsigned mm_new;
};

/* vnic_model.c: event core */
int rank_of(int type);
void qi_insert(struct vnic_model *m, int r, const struct qi *it);
void evq_push(struct vnic_model *m, const struct vnic_ev *ev);
void wire_next_update(struct vnic_model *m);
void mismatch(struct vnic_model *m, uint64_t cycle, long seq, long vnic, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void dispatch_own(struct vnic_model *m, struct vnic_ev *ev);
void irq_trigger(struct vnic_model *m, unsigned vector);
void irq_rtl(struct vnic_model *m, const struct vnic_ev *ev);
void irq_flush(struct vnic_model *m);

/* vnic_model_regs.c */
void regs_init(struct vnic_model *m);
void cfg_decode(const struct vnic_model *m, const uint32_t *img, struct vcfg *c);
void apply_cmd(struct vnic_model *m, struct vnic_ev *ev, bool ext);
void cmd_reset_check(struct vnic_model *m, unsigned v);
void vf_regs_reset(struct vnic_model *m, unsigned v);
void pf_cause(struct vnic_model *m, uint32_t mask);

/* vnic_model_rx.c */
void apply_rx_sof(struct vnic_model *m, struct vnic_ev *ev, bool ext);
void apply_rx_dec(struct vnic_model *m, struct vnic_ev *ev, bool ext);
void apply_rx_fifo_rel(struct vnic_model *m, struct vnic_ev *ev, bool ext);
void apply_rx_stored(struct vnic_model *m, struct vnic_ev *ev, bool ext);
void rx_discard_stored(struct vnic_model *m, unsigned v);
void part_read(const uint8_t *buf, uint32_t base, uint32_t size, uint32_t off, uint8_t *dst, uint32_t n);
void part_write(uint8_t *buf, uint32_t base, uint32_t size, uint32_t off, const uint8_t *src, uint32_t n);
static inline struct pframe *fr_push(struct fifo *q) { return fifo_push(q, sizeof(struct pframe), 64); }

/* vnic_model_dma.c */
void apply_rx_grant(struct vnic_model *m, struct vnic_ev *ev, bool ext);
void apply_rx_free(struct vnic_model *m, struct vnic_ev *ev, bool ext);
void apply_rx_cpl(struct vnic_model *m, struct vnic_ev *ev, bool ext);
void apply_fault(struct vnic_model *m, struct vnic_ev *ev, bool ext);
void apply_ring_desc(struct vnic_model *m, struct vnic_ev *ev, unsigned r);
void apply_irq_chk(struct vnic_model *m, struct vnic_ev *ev);
void rx_wake(struct vnic_model *m, uint64_t c);
void ring_prefetch(struct vnic_model *m, unsigned v, unsigned r, uint64_t c);
void ring_reset(struct vnic_model *m, unsigned v, unsigned r);
void ring_set_head(struct vnic_model *m, unsigned v, unsigned r, uint32_t head);
void doorbell(struct vnic_model *m, unsigned v, unsigned r, uint32_t old, uint32_t val);
void itr_written(struct vnic_model *m, unsigned v, unsigned r);
void mod_complete(struct vnic_model *m, unsigned v, unsigned r);
bool xlate(const struct vnic_model *m, unsigned v, uint64_t g, uint64_t n, uint64_t *h);
void sched_fault(struct vnic_model *m, unsigned v, unsigned reason, uint64_t addr, uint64_t c);
void fault_set(struct vnic_model *m, unsigned v, unsigned reason, uint64_t addr);
int desc_read(struct vnic_model *m, unsigned v, unsigned r, uint64_t g, struct vdesc *d,
              unsigned *reason);
unsigned desc_writeback(struct vnic_model *m, unsigned v, unsigned r, uint64_t g, uint16_t buflen,
                        uint16_t len, uint16_t status);
unsigned ring_first_bad(struct vnic_model *m, unsigned v, unsigned r, uint64_t *addr);
int64_t sched_g_at(const struct vnic_model *m, unsigned v, uint64_t t);
int64_t sched_c_at(const struct vnic_model *m, unsigned v, uint64_t t);
int64_t shaper_at(const struct vnic_model *m, unsigned v, uint64_t t);
/* The first cycle after t at which one of the eligible vNICs E held by a
 * bucket (tx: TX shaper; else: RX scheduler ceiling) is positive again:
 * the earliest bucket_positive_at over E, NOCYC if none has a rate. */
uint64_t first_refill_at(const struct vnic_model *m, uint32_t E, uint64_t t, bool tx);
void shaper_charge(struct vnic_model *m, unsigned v, uint64_t t, uint32_t len);
unsigned first_at(uint32_t mask, unsigned p);
unsigned first_after(uint32_t mask, unsigned p);
void rx_end_inflight(struct vnic_model *m, unsigned v);

/* vnic_model_tx.c */
void apply_tx_grant(struct vnic_model *m, struct vnic_ev *ev, bool ext);
void apply_tx_queued(struct vnic_model *m, struct vnic_ev *ev, bool ext);
void apply_tx_sent(struct vnic_model *m, struct vnic_ev *ev, bool ext);
void apply_tx_dma(struct vnic_model *m, struct vnic_ev *ev);
void apply_tx_data(struct vnic_model *m, struct vnic_ev *ev);
void tx_wake(struct vnic_model *m, uint64_t c);
void txdma_wake(struct vnic_model *m, uint64_t c);
void tx_lockstep_advance(struct vnic_model *m, unsigned v);
void tx_discard(struct vnic_model *m, unsigned v);
void apply_tx_cpl(struct vnic_model *m, struct vnic_ev *ev, bool ext);
void tx_halt_cleanup(struct vnic_model *m, unsigned v);
bool tx_fault_candidate(struct vnic_model *m, unsigned v, unsigned reason, uint64_t addr);

/* Rank of an event type (its queue, its place in the cycle), -1 for none.
 * Constant-folded where the type is a constant. */
static inline int ev_rank(unsigned type)
{
    switch (type) {
    case VNIC_EV_RX_SOF: return R_RX_SOF;
    case VNIC_EV_RX_DEC: return R_RX_DEC;
    case VNIC_EV_RX_GRANT: return R_RX_GRANT;
    case VNIC_EV_TX_GRANT: return R_TX_GRANT;
    case VNIC_EV_RX_FIFO_REL: return R_RX_FIFO_REL;
    case VNIC_EV_RX_STORED: return R_RX_STORED;
    case VNIC_EV_RX_FREE: return R_RX_FREE;
    case VNIC_EV_RX_CPL: return R_RX_CPL;
    case EVI_RX_DESC: return R_I_RX_DESC;
    case EVI_TX_DESC: return R_I_TX_DESC;
    case EVI_TX_DMA: return R_I_TX_DMA;
    case EVI_TX_DATA: return R_I_TX_DATA;
    case VNIC_EV_TX_QUEUED: return R_TX_QUEUED;
    case VNIC_EV_TX_SENT: return R_TX_SENT;
    case VNIC_EV_TX_CPL: return R_TX_CPL;
    case EVI_IRQ_CHK: return R_I_IRQ;
    case VNIC_EV_CMD: return R_CMD;
    case VNIC_EV_FAULT: return R_FAULT;
    case VNIC_EV_IRQ: return R_IRQ;
    default: return -1;
    }
}

/* Queue an event of the model's own timing. Events of one queue stay in
 * cycle order, those of one cycle in the order they were queued; the usual
 * case (an empty queue, or an event not before the queue's last) is an
 * append, the rest goes through qi_insert(). */
static inline void sched_qi(struct vnic_model *m, unsigned type, uint64_t cycle, uint32_t vnic,
                            uint32_t seq, uint32_t op, uint32_t err, uint32_t reason, uint64_t addr)
{
    const int r = ev_rank(type);
    struct evq *q = &m->q[r];
    struct qi *it;
    if (q->n == 0 && q->cap) {
        it = &q->buf[q->head];
        m->qhc[r] = cycle;
        m->qmask |= 1u << r;
    } else if (q->n < q->cap && q->buf[(q->head + q->n - 1) & (q->cap - 1)].cycle <= cycle) {
        it = &q->buf[(q->head + q->n) & (q->cap - 1)];
    } else {
        const struct qi x = {cycle, addr, qi_pair(type, vnic), qi_pair(seq, op), qi_pair(err, reason)};
        qi_insert(m, r, &x);
        return;
    }
    it->cycle = cycle;
    it->addr = addr;
    it->type_vnic = qi_pair(type, vnic);
    it->seq_op = qi_pair(seq, op);
    it->err_reason = qi_pair(err, reason);
    q->n++;
}

static inline void sched(struct vnic_model *m, enum vnic_ev_type type, uint64_t cycle, uint32_t vnic,
                         uint32_t seq, uint32_t op, uint32_t err)
{
    sched_qi(m, (unsigned)type, cycle, vnic, seq, op, err, 0, 0);
}

/* Clear an event field by field (a memset of the whole struct compiles to a
 * string instruction with a long start-up on x86; this runs once per event). */
static inline void ev_zero(struct vnic_ev *ev)
{
    ev->cycle = 0;
    ev->type = (enum vnic_ev_type)0;
    ev->seq = 0;
    ev->vnic = 0;
    ev->fifo_ok = 0;
    ev->wire = 0;
    ev->dest = 0;
    memset(ev->outcome, 0, sizeof(ev->outcome));
    ev->elig = 0;
    ev->op = 0;
    ev->err = 0;
    ev->reason = 0;
    ev->addr = 0;
    ev->irq_mask = 0;
    ev->irq_mask_hi = 0;
}

/* small helpers */
static inline uint32_t ceil_div(uint32_t a, uint32_t b) { return (a + b - 1) / b; }
static inline uint64_t umax64(uint64_t a, uint64_t b) { return a > b ? a : b; }
static inline uint64_t umin64(uint64_t a, uint64_t b) { return a < b ? a : b; }
static inline void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static inline uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static inline uint64_t get64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

/* hot accessors */
static inline void report(struct vnic_model *m, const struct vnic_ev *ev)
{
    if (m->obs)
        m->obs(m->obs_ctx, ev);
}
static inline struct wframe *wf_get(struct vnic_model *m, uint32_t seq)
{
    uint32_t i = seq - m->wbase;
    if (seq < m->wbase || i >= m->wf_n)
        return NULL;
    return &m->wf[(m->wf_head + i) & (m->wf_cap - 1)];
}

#define RREG(r, NAME) ((r) ? VNIC_VF_TXR_##NAME : VNIC_VF_RXR_##NAME)

static inline bool standalone(const struct vnic_model *m) { return m->mode == VNIC_MODEL_STANDALONE; }
static inline uint32_t gctrl(const struct vnic_model *m) { return m->pf[VNIC_PF_G_CTRL / 4u]; }
static inline uint32_t gmaxframe(const struct vnic_model *m)
{
    return (m->pf[VNIC_PF_G_MAX_FRAME / 4u] & VNIC_PF_G_MAX_FRAME_BYTES_MASK) >>
           VNIC_PF_G_MAX_FRAME_BYTES_LSB;
}
/* ceil(n / W): datapath words of n bytes (W is a power of two: a shift,
 * not a division, on the per-frame path). */
static inline uint32_t wwords(const struct vnic_model *m, uint32_t n)
{
    return (n + m->W - 1) >> m->W_log2;
}
/* ceil(n / bw): host-path cycles of n bytes. */
static inline uint32_t bw_cycles(const struct vnic_model *m, uint32_t n)
{
    return m->bw_log2 >= 0 ? (n + m->bw - 1) >> m->bw_log2 : ceil_div(n, m->bw);
}
/* (a + b) mod size, with the division only when a + b >= 2 * size. */
static inline uint32_t wrap_add(uint32_t a, uint32_t b, uint32_t size)
{
    uint64_t x = (uint64_t)a + b;
    if (x < size)
        return (uint32_t)x;
    if (x - size < size)
        return (uint32_t)(x - size);
    return (uint32_t)(x % size);
}
/* Set bits of x (without a library call where the target has no popcnt). */
static inline unsigned popc32(uint32_t x)
{
    x = x - ((x >> 1) & 0x55555555u);
    x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
    x = (x + (x >> 4)) & 0x0F0F0F0Fu;
    return (x * 0x01010101u) >> 24;
}
/* S(L): partition bytes of a received frame of wire length L (§4.3). */
static inline uint32_t rx_S(const struct vnic_model *m, uint32_t L)
{
    uint32_t n = L > 4 ? L - 4 : 0;
    return wwords(m, n) << m->W_log2;
}
static inline struct pframe *fr_at(const struct fifo *q, uint32_t i) { return fifo_at(q, sizeof(struct pframe), i); }
static inline uint32_t ring_size(const struct vnic_model *m, unsigned v, unsigned r)
{
    uint32_t l = (m->v[v].vreg[VIDX(RREG(r, SIZE))] & VNIC_VF_RXR_SIZE_LOG2_MASK) >>
                 VNIC_VF_RXR_SIZE_LOG2_LSB;
    return (l == 0 || l > VNIC_RING_LOG2_MAX) ? 0 : 1u << l;
}
static inline uint64_t ring_base(const struct vnic_model *m, unsigned v, unsigned r)
{
    const uint32_t *vr = m->v[v].vreg;
    return ((uint64_t)vr[VIDX(RREG(r, BASE_HI))] << 32) | vr[VIDX(RREG(r, BASE_LO))];
}
static inline uint32_t ring_tail(const struct vnic_model *m, unsigned v, unsigned r)
{
    return (m->v[v].vreg[VIDX(RREG(r, TAIL))] & VNIC_VF_RXR_TAIL_IDX_MASK) >>
           VNIC_VF_RXR_TAIL_IDX_LSB;
}

#endif
