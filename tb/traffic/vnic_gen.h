/* vnic_gen.h: seeded, deterministic Ethernet traffic generator for the vNIC
 * testbench (model and RTL engines alike).
 *
 * A generator owns several streams and one wire. Each stream paces its own
 * frames (offered rate, sizes, destinations, on/off bursts, error injection,
 * optional VLAN tag, or frames replayed from a pcap trace); the wire merges
 * the streams in order of their desired start times and never starts a frame
 * earlier than the wire allows:
 *   - a frame of L bytes occupies ceil(L/W) beats (W = DATA_W/8 bytes);
 *   - consecutive frames are separated by at least 20 bytes of byte time
 *     (preamble 8 + IFG 12): if frame k starts at byte time B_k, frame k+1
 *     starts at byte time B_{k+1} >= B_k + L_k + 20, and its first beat is at
 *     cycle ceil(B_{k+1}/W), and never before frame k's beats are over.
 * Byte time is kept in integers, so the generator cannot drift.
 *
 * Rates. L is a frame's length on the wire including its 4-byte FCS.
 *   - fraction f of the physical limit: a stream's frame of L bytes is
 *     followed by (L+20)/(W*f) cycles before the stream's next one, i.e.
 *     f * W * L/(L+20) bytes per cycle for fixed sizes and f times the wire's
 *     capacity for any size mix;
 *   - Gb/s at the nominal 156.25 MHz clock: g Gb/s = 0.8*g bytes of L per
 *     cycle; the wire still caps it at the physical limit.
 * During the off part of an on/off burst the stream is silent; the rate
 * applies during the on part.
 *
 * Sizes: fixed L, uniform integer in [min, max], or IMIX: 64, 594 and 1518
 * bytes in the exact proportion 7:4:1 - every consecutive block of 12 frames
 * of a stream holds seven 64-byte, four 594-byte and one 1518-byte frame in a
 * random order.
 *
 * Every frame carries a correct FCS (zlib crc32 of bytes 0..L-5, stored
 * little-endian in bytes L-4..L-1) unless an error is injected. Injected
 * errors (at most one per frame, drawn with the configured probabilities):
 *   FCS      one bit of the FCS flipped
 *   RUNT     L uniform in [18, 63], correct FCS
 *   OVERSIZE L uniform in [max_frame+1, max_frame+64], correct FCS
 *   MACERR   a good frame with the MAC error flag (tuser) set
 *   TKEEP    a good frame marked to be sent with a malformed tkeep
 * so each erroneous frame trips exactly its own check (docs/architecture.md
 * §4.1). Generated frames are: DA, SA, optional 802.1Q tag (0x8100, TCI),
 * EtherType 0x88B5, stream number (2 bytes, big-endian), stream sequence
 * number (4 bytes, big-endian), pseudo-random payload, FCS.
 *
 * The same seed always gives the same frames at the same cycles; each
 * stream has its own PRNG derived from (seed, stream index), so adding a
 * stream does not change the others.
 */
#ifndef VNIC_GEN_H
#define VNIC_GEN_H

#include <stddef.h>
#include <stdint.h>

#define VNIC_GEN_MAX_DEST     16u
#define VNIC_GEN_MAX_STREAMS  64u
#define VNIC_GEN_MAX_AVOID    64u
#define VNIC_GEN_ETHERTYPE    0x88B5u
#define VNIC_GEN_MIN_FRAME    64u
#define VNIC_GEN_MAX_LEN      16383u /* largest L a stream may ask for */
#define VNIC_GEN_GBPS_TO_BPC  0.8    /* bytes per cycle per Gb/s at 156.25 MHz */

/* Frame flags, as a MAC hands them over (same values as the model's
 * VNIC_WF_* in cmodel/vnic_model.h). */
#define VNIC_GEN_WF_MACERR    0x1u
#define VNIC_GEN_WF_BADTKEEP  0x2u

enum vnic_gen_dest_kind {
    VNIC_GEN_DEST_MAC = 0,   /* a given unicast address (a vNIC's MAC) */
    VNIC_GEN_DEST_BCAST,     /* ff:ff:ff:ff:ff:ff */
    VNIC_GEN_DEST_MCAST,     /* the given group address, or 01:00:5e:xx:xx:xx at random */
    VNIC_GEN_DEST_UNKNOWN,   /* a random unicast address not in the avoid list */
    VNIC_GEN_DEST_KINDS
};

enum vnic_gen_size_kind {
    VNIC_GEN_SIZE_FIXED = 0,
    VNIC_GEN_SIZE_UNIFORM,
    VNIC_GEN_SIZE_IMIX,
};

enum vnic_gen_rate_kind {
    VNIC_GEN_RATE_FRACTION = 0, /* fraction of the physical limit */
    VNIC_GEN_RATE_GBPS,         /* Gb/s of frame bytes at 156.25 MHz */
};

enum vnic_gen_err {
    VNIC_GEN_ERR_NONE = 0,
    VNIC_GEN_ERR_FCS,
    VNIC_GEN_ERR_RUNT,
    VNIC_GEN_ERR_OVERSIZE,
    VNIC_GEN_ERR_MACERR,
    VNIC_GEN_ERR_TKEEP,
    VNIC_GEN_ERR_KINDS
};

struct vnic_gen_dest {
    enum vnic_gen_dest_kind kind;
    uint8_t mac[6];     /* MAC: the address; MCAST: used when mac_set */
    int mac_set;
    unsigned weight;    /* relative share of the stream's frames, >= 1 */
};

/* One frame of a replay trace (bytes as captured, no FCS). */
struct vnic_gen_trace_frame {
    const uint8_t *data;
    uint32_t len;
};

struct vnic_gen_stream_cfg {
    char name[32];
    unsigned ndest;
    struct vnic_gen_dest dest[VNIC_GEN_MAX_DEST];
    enum vnic_gen_rate_kind rate_kind;
    double rate;                /* fraction (0, 1] or Gb/s (> 0) */
    enum vnic_gen_size_kind size_kind;
    uint32_t size_min, size_max; /* FIXED uses size_min */
    uint64_t on_cycles, off_cycles; /* off_cycles = 0: always on */
    int burst_random;           /* on/off durations exponential with these means */
    double err_prob[VNIC_GEN_ERR_KINDS]; /* [0] unused; sum <= 1 */
    int vlan;                   /* insert an 802.1Q tag */
    uint16_t vlan_tci;
    uint8_t src_mac[6];
    int src_set;                /* else 02:5a:00:00:00:<stream index> */
    uint64_t start_cycle;
    uint64_t max_frames;        /* 0: unlimited (trace: one pass per loop) */
    /* replay: when ntrace > 0 the stream sends these frames in order instead
     * of generated ones (dest/size/err/vlan settings are not used) */
    const struct vnic_gen_trace_frame *trace;
    size_t ntrace;
    unsigned trace_loops;       /* passes over the trace (0 = 1) */
    int trace_raw;              /* send bytes as captured: no padding, no FCS
                                 * (an empty capture record is sent as one zero byte) */
};

struct vnic_gen_cfg {
    unsigned data_bytes;        /* W = DATA_W/8: 8, 16 or 32 */
    uint32_t max_frame;         /* the device's G.MAX_FRAME (oversize injection) */
    uint64_t seed;
    unsigned nstreams;
    struct vnic_gen_stream_cfg stream[VNIC_GEN_MAX_STREAMS];
    unsigned navoid;            /* unicast MACs that UNKNOWN must never produce */
    uint8_t avoid[VNIC_GEN_MAX_AVOID][6];
};

struct vnic_gen_frame {
    uint64_t seq;               /* wire order from 0 */
    uint64_t sof_cycle;         /* cycle of the first beat */
    uint64_t eof_cycle;         /* cycle of the last beat: sof + ceil(len/W) - 1 */
    uint64_t byte_time;         /* start in byte time (cycle*W granularity) */
    const uint8_t *data;        /* valid until the next vnic_gen_next() */
    uint32_t len;               /* bytes on the wire, FCS included */
    uint32_t flags;             /* VNIC_GEN_WF_* */
    unsigned stream;
    uint64_t stream_seq;
    enum vnic_gen_err err;
    enum vnic_gen_dest_kind dest_kind;
    size_t trace_index;         /* replay: index of the frame in the trace */
    uint32_t payload_len;       /* replay: captured bytes carried (before padding/FCS) */
};

struct vnic_gen_stream_stats {
    uint64_t frames, bytes;     /* bytes = sum of L */
    uint64_t err[VNIC_GEN_ERR_KINDS];
    uint64_t dest[VNIC_GEN_DEST_KINDS];
    uint64_t first_sof, last_sof;
};

struct vnic_gen;

void vnic_gen_cfg_init(struct vnic_gen_cfg *cfg);
void vnic_gen_stream_init(struct vnic_gen_stream_cfg *s);

/* Checks the configuration; 0, or -1 with a message in err. The
 * configuration is copied (trace frames are referenced, not copied). */
int vnic_gen_new(const struct vnic_gen_cfg *cfg, struct vnic_gen **out, char *err, size_t errlen);
void vnic_gen_free(struct vnic_gen *g);

/* The next frame on the wire: 1 and *f, or 0 when every stream is done.
 * f->data stays valid until the next call. */
int vnic_gen_next(struct vnic_gen *g, struct vnic_gen_frame *f);

/* The start cycle of the frame the next vnic_gen_next() returns, without
 * taking it; UINT64_MAX when done. */
uint64_t vnic_gen_peek_cycle(struct vnic_gen *g);

const struct vnic_gen_stream_stats *vnic_gen_stats(const struct vnic_gen *g, unsigned stream);

/* Bytes per cycle a stream offers with frames of length len (its rate,
 * before the wire's cap); helper for reports. */
double vnic_gen_offered_bpc(const struct vnic_gen_cfg *cfg, unsigned stream, double mean_len);

/* Physical limit W*L/(L+20) in bytes of L per cycle. */
double vnic_gen_phys_limit(unsigned data_bytes, double len);

/* Little-endian CRC-32 FCS of data[0..len) (zlib crc32). */
uint32_t vnic_gen_fcs(const uint8_t *data, size_t len);
/* 1 when bytes len-4..len-1 hold the FCS of bytes 0..len-5. */
int vnic_gen_fcs_ok(const uint8_t *frame, size_t len);

/* Build a frame as a sending MAC would from bytes without FCS: zero-pad to
 * 60 bytes, append the FCS. out must hold max(len, 60) + 4 bytes; returns
 * the wire length. */
uint32_t vnic_gen_mac_frame(const uint8_t *data, uint32_t len, uint8_t *out);

const char *vnic_gen_err_name(enum vnic_gen_err e);
const char *vnic_gen_dest_name(enum vnic_gen_dest_kind k);

#endif
