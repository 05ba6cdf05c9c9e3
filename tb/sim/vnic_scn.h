/* vnic_scn.h: scenario files for vnic-sim (format: docs/scenarios.md).
 *
 * A scenario is a line-oriented text file of [sections] holding key = value
 * lines; `#` starts a comment. Sections: [device], [host], [run], one
 * [vnic NAME] per vNIC, one [stream NAME] per traffic stream, [sweep] and
 * [expect]. Reading is two steps: vnic_scn_load() keeps the text (sections,
 * keys, values, line numbers); vnic_scn_build() turns it into a typed
 * configuration, after applying overrides ("vnic.vm2.ceiling=3Gb/s", the
 * sweep's current value, --set on the command line) and expanding
 * ${VAR} / ${VAR:-default} from the environment. Every error names the file
 * and line and says what is expected.
 */
#ifndef VNIC_SCN_H
#define VNIC_SCN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "vnic_gen.h"
#include "vnic_pf.h"

#define VNIC_SCN_NAME        32u
#define VNIC_SCN_MAX_VNIC    32u
#define VNIC_SCN_MAX_EXPECT  64u
#define VNIC_SCN_MAX_SWEEP   64u
#define VNIC_SCN_PATH        512u
#define VNIC_SCN_CLK_HZ      156250000ull /* nominal clock for Gb/s */
#define VNIC_SCN_TX_RING     64u          /* TX descriptors per VM */
#define VNIC_SCN_TX_BUF      9216u        /* TX buffer per descriptor, bytes */

/* ---------------------------------------------------------------- text */
struct vnic_scn_kv {
    char *key;
    char *value;
    unsigned line;
};

struct vnic_scn_section {
    char kind[16];            /* device, host, run, vnic, stream, sweep, expect */
    char name[VNIC_SCN_NAME]; /* vnic / stream name */
    unsigned line;
    struct vnic_scn_kv *kv;   /* [expect]: key is the whole line, value "" */
    size_t nkv, cap;
};

struct vnic_scn_text {
    char path[VNIC_SCN_PATH];
    struct vnic_scn_section *sec;
    size_t nsec;
};

int vnic_scn_load(const char *path, struct vnic_scn_text *t, char *err, size_t errlen);
/* Same, from a string (name is used in messages). */
int vnic_scn_load_string(const char *name, const char *text, struct vnic_scn_text *t, char *err,
                         size_t errlen);
void vnic_scn_text_free(struct vnic_scn_text *t);

/* "section[.name].key=value": replaces (or adds) that key. The section must
 * exist. 0, or -1 with a message. */
int vnic_scn_override(struct vnic_scn_text *t, const char *assignment, char *err, size_t errlen);

/* ---------------------------------------------------------------- typed */
struct vnic_scn_device {
    unsigned num_vnic, data_w, num_win;
    uint32_t rx_buf, tx_buf, rx_fifo;
    uint32_t max_frame_param;     /* build parameter MAX_FRAME */
    uint32_t max_frame;           /* G.MAX_FRAME */
    int def_vnic;                 /* -1: unknown unicast is dropped (NOMATCH) */
};

struct vnic_scn_host {
    unsigned bpc, latency, outstanding; /* device host path (model §10.1) */
    double service_bpc;           /* all VMs together, bytes of L per cycle; 0 = unlimited */
    unsigned cost;                /* extra cycles of host time per frame */
    unsigned poll;                /* cycles between driver polls */
};

enum vnic_scn_mac_src { VNIC_SCN_MAC_GIVEN, VNIC_SCN_MAC_DEFAULT, VNIC_SCN_MAC_PCAP };

struct vnic_scn_vnic {
    char name[VNIC_SCN_NAME];
    unsigned index;               /* device vNIC index */
    int enabled;
    enum vnic_scn_mac_src mac_src;
    unsigned mac_rank;            /* MAC_PCAP: 0 = most frequent destination */
    struct vnic_qos_spec spec;    /* mac (unless from pcap), flags, rates, partitions */
    char tuple[1024];             /* qos = tuple text, applied when the link is known */
    uint64_t mem_size;            /* VM memory; windows derived from it */
    unsigned ring_log2;
    uint32_t buf_size;
    double service_bpc;           /* this VM alone; 0 = unlimited */
    double ceil_gbps;             /* for reports (0: none) */
    double guar_gbps;
};

struct vnic_scn_stream {
    char name[VNIC_SCN_NAME];
    int enabled;
    struct vnic_gen_stream_cfg g; /* MAC destinations filled by vnic_scn_finish */
    int dest_vnic[VNIC_GEN_MAX_DEST]; /* g.dest[i] is vnic[dest_vnic[i]] (-1: not a vNIC name) */
    char pcap[VNIC_SCN_PATH];     /* replay source (file or folder), "" if none */
    int pcap_raw;
    unsigned pcap_loops;
    int from;                     /* TX stream: index into vnic[] of the sending VM; -1: the wire */
};

enum vnic_scn_op { VNIC_OP_LT, VNIC_OP_LE, VNIC_OP_GT, VNIC_OP_GE, VNIC_OP_EQ, VNIC_OP_WITHIN, VNIC_OP_STABLE, VNIC_OP_TRUE };

struct vnic_scn_expect {
    char text[256];
    unsigned line;
    char metric[64];
    enum vnic_scn_op op;
    double value;                 /* number, or factor of rhs_metric */
    char rhs_metric[64];          /* "" when value is a plain number */
    double tol_pct;               /* WITHIN (value ± tol%), STABLE (spread %) */
};

struct vnic_scn {
    char path[VNIC_SCN_PATH];
    struct vnic_scn_device dev;
    struct vnic_scn_host host;
    uint64_t cycles, frames, warmup, drain;
    uint64_t seed;
    int seed_set;
    unsigned nvnic;
    struct vnic_scn_vnic vnic[VNIC_SCN_MAX_VNIC];
    unsigned nstream;
    struct vnic_scn_stream stream[VNIC_GEN_MAX_STREAMS];
    char sweep_param[128];        /* "" when no sweep */
    unsigned nsweep;
    char sweep_value[VNIC_SCN_MAX_SWEEP][64];
    unsigned nexpect;
    struct vnic_scn_expect expect[VNIC_SCN_MAX_EXPECT];
};

/* Typed configuration from text (with its overrides applied). */
int vnic_scn_build(const struct vnic_scn_text *t, struct vnic_scn *s, char *err, size_t errlen);

/* Final step once the captures are loaded: vNIC MACs given as pcap:N take
 * the N-th entry of top (most frequent unicast destinations), then stream
 * destinations naming a vNIC get its MAC; duplicate MACs are refused. */
int vnic_scn_finish(struct vnic_scn *s, const uint8_t (*top)[6], unsigned ntop, char *err, size_t errlen);

/* W bytes, link in b/s (W*8*156.25 MHz) */
static inline unsigned vnic_scn_w(const struct vnic_scn *s) { return s->dev.data_w / 8; }
static inline double vnic_scn_link_bps(const struct vnic_scn *s)
{
    return (double)vnic_scn_w(s) * 8.0 * (double)VNIC_SCN_CLK_HZ;
}

/* Rate text: "2.5 Gb/s", "300Mbps", "5000KBps" (bits or bytes per second),
 * "0.25" or "25%" (fraction of ref_bps). Result in bits per second. */
int vnic_scn_parse_rate(const char *s, double ref_bps, double *bps, char *err, size_t errlen);
/* "64K", "1M", "4096" -> bytes (binary K/M/G). */
int vnic_scn_parse_size(const char *s, uint64_t *v);

/* Print the configuration (human-readable, '#'-prefixed lines). */
void vnic_scn_print(const struct vnic_scn *s, FILE *f);

#endif
