/* vnic_tuple.h: the resource-tuple notation of the paper (Table 1) as an
 * input format for a vNIC's QoS specification.
 *
 *   </Network_Resource_Descriptor_tuple>
 *     (Default_Speed=1000Mbps:Min_speed=100Mbps:Max_speed=1000Mbps)
 *     (Default_Bandwidth=5000KBps:Min_Bandwidth=5000KBps:Max_Bandwidth=8000KBps)
 *   </end_of_tuple>
 *
 * Keys are case-insensitive. Values are a decimal number (a fraction is
 * allowed: 1.5Gbps) and a unit: bps, Kbps, Mbps, Gbps (bits per second) or
 * Bps, KBps, MBps, GBps (bytes per second); the prefix letter is
 * case-insensitive and decimal (K = 1000), the b/B is not. Other resource
 * tuples (CPU, memory, disk) in the same text are skipped. Mapping onto a
 * struct vnic_qos_spec: see vnic_tuple_to_qos and docs/driver.md.
 */
#ifndef VNIC_TUPLE_H
#define VNIC_TUPLE_H

#include <stddef.h>
#include <stdint.h>

#include "vnic_pf.h"

/* attribute presence bits */
#define VNIC_TUP_DEF_SPEED 0x01u
#define VNIC_TUP_MIN_SPEED 0x02u
#define VNIC_TUP_MAX_SPEED 0x04u
#define VNIC_TUP_DEF_BW    0x08u
#define VNIC_TUP_MIN_BW    0x10u
#define VNIC_TUP_MAX_BW    0x20u

/* The network resource tuple, every rate in bits per second. */
struct vnic_net_tuple {
    unsigned present;         /* VNIC_TUP_* */
    uint64_t def_speed, min_speed, max_speed;
    uint64_t def_bw, min_bw, max_bw;
    unsigned line;            /* line of the tuple's opening tag (1-based) */
};

/* Parses text (NUL-terminated). 0 on success; -1 with "line L, column C:
 * what is wrong" in err. Exactly one Network_Resource_Descriptor_tuple must
 * be present; it must contain at least one attribute; in each triple
 * Min <= Default <= Max when given. */
int vnic_tuple_parse(const char *text, struct vnic_net_tuple *t, char *err, size_t errlen);

/* Applies a parsed tuple to spec (other fields of spec untouched) for a link
 * of link_bps (vnic_dev_info()->link_bps):
 *   Min_Bandwidth      -> guar_bps (guaranteed RX DMA rate)
 *   Max_Bandwidth      -> ceil_bps (RX policer rate and RX DMA ceiling),
 *                         capped by Max_speed; Max_speed alone also sets it
 *   Default_Bandwidth  -> weight = clamp(round(255 * default / link), 1, 255)
 *   Min_speed          -> must not exceed the link (else -1)
 *   Default_Speed      -> not used (recorded only)
 * Returns 0, or -1 with a message. */
int vnic_tuple_to_qos(const struct vnic_net_tuple *t, uint64_t link_bps,
                      struct vnic_qos_spec *spec, char *err, size_t errlen);

/* Rate value with unit, e.g. "5000KBps" -> 40000000 (bits/s). 0 or -1. */
int vnic_rate_parse(const char *s, uint64_t *bps);

#endif
