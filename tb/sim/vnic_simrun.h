/* vnic_simrun.h: one run of a scenario on an engine (one row of a sweep).
 *
 * The run plays the hypervisor and the VMs with libvnic: the PF API creates
 * every vNIC from its QoS specification (DMA windows from the VM's memory),
 * each VM's VF driver sets up its rings, posts RX buffers and consumes
 * completions at its host service rate (shared by all VMs, and per VM), and
 * gives each buffer back. The traffic generator feeds the wire. Afterwards
 * the run drains, reads every counter through the PF, and checks:
 *   - the conservation law of docs/architecture.md §8, with the frames
 *     injected and the frames the VMs received;
 *   - that every classification agrees with an independent classifier
 *     (destination MAC against the configured vNICs);
 *   - that every delivered frame is byte-exact: its bytes are those injected
 *     (CRC-32 of the frame) and, for replayed captures, the captured bytes
 *     followed by the sending MAC's zero padding;
 *   - that each injected wire error is counted under its own reason.
 * Rates (offered, accepted, delivered) count frame bytes L (FCS included) per
 * cycle in the measurement window [warmup, cycles), in Gb/s at 156.25 MHz.
 */
#ifndef VNIC_SIMRUN_H
#define VNIC_SIMRUN_H

#include <stdint.h>
#include <stdio.h>

#include "vnic_common.h"
#include "vnic_gen.h"
#include "vnic_pcap.h"
#include "vnic_scn.h"

struct vnic_simrun_opts {
    const char *engine;        /* "model", "rtl", "both" */
    const char *pcap_out;      /* folder for per-vNIC and TX pcaps, or NULL */
    int progress;              /* progress line on stderr */
    int quiet;
    FILE *log;                 /* messages (stdout) */
};

struct vnic_simrun_vnic {
    char name[VNIC_SCN_NAME];
    unsigned index;
    uint8_t mac[6];
    double offered, accepted, delivered;  /* Gb/s in the window */
    double guar, ceil;                    /* configured, Gb/s (0 = none) */
    uint64_t off_frames, acc_frames, del_frames; /* in the window */
    uint64_t got_frames, got_bytes;       /* everything the VM received (whole run) */
    uint64_t got_buflen;                  /* completions with ERR_BUFLEN */
    uint64_t expected_copies;             /* copies the independent classifier predicts */
    struct vnic_vstats st;                /* device counters at the end */
    double lat_p50, lat_p99, lat_max;     /* cycles, wire last byte -> completion */
    uint64_t lat_n;
    double tx;                            /* Gb/s this VM put on the TX wire in the window */
    uint64_t tx_posted, tx_wire;          /* frames the VM's driver queued / seen on the TX wire */
};

struct vnic_simrun_res {
    unsigned nvnic;
    struct vnic_simrun_vnic v[VNIC_SCN_MAX_VNIC];
    struct vnic_gstats g;
    double offered, accepted, delivered;  /* totals, Gb/s */
    double wire;                          /* everything injected in the window, Gb/s */
    double host_capacity;                 /* host service rate, Gb/s (0 = unlimited) */
    uint64_t injected, injected_bytes;
    uint64_t injected_err[VNIC_GEN_ERR_KINDS];
    uint64_t classified;                  /* RX_DEC with a destination */
    uint64_t expected_copies;
    uint64_t cycles, drain_cycles;
    int drained;
    uint64_t class_errors;                /* destination set differs from the independent classifier */
    uint64_t data_errors;                 /* delivered bytes differ from what was injected */
    uint64_t order_errors;                /* events out of order / unexpected */
    uint64_t mismatches;                  /* engine (RTL vs model) */
    unsigned nmismatch_msg;
    char mismatch_msg[8][240];            /* the first ones, as the engine describes them */
    int conservation_ok;
    char conservation_msg[512];
    int wire_errors_ok;
    char wire_errors_msg[256];
    int has_tx;                           /* the scenario has TX streams */
    uint64_t tx_errors;                   /* TX wire frames that differ from what the VM sent */
    double wall_s;
    uint64_t replay_frames, replay_truncated;
};

/* Runs the scenario; 0 when the run happened (results in *r, whatever the
 * checks say), -1 with a message when it could not run, -2 when the engine
 * is not built. traces: the pcap traces of the scenario's replay streams,
 * indexed like s->stream (NULL entries for generated streams). */
int vnic_simrun(const struct vnic_scn *s, const struct vnic_pcap_trace *const *traces,
                const struct vnic_simrun_opts *o, struct vnic_simrun_res *r, char *err, size_t errlen);

#endif
