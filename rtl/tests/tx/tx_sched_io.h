/* tx_sched_io.h: pins of vnic_tx_sched for its directed test. */
#ifndef TX_SCHED_IO_H
#define TX_SCHED_IO_H

#include "tx_glue.h"

#ifndef TXS_NV
#define TXS_NV 8
#endif
#ifndef TXS_DEPTH
#define TXS_DEPTH 32
#endif
#ifndef TXS_OFF_W
#define TXS_OFF_W 13
#endif

#define DUT_IN(S, W) \
    S(rst) S(tx_en) S(shp_en) W(tx_weight, TXS_NV * 8) W(tx_rate, TXS_NV * 32) \
    W(tx_burst, TXS_NV * 24) S(halted) S(halt_now_valid) \
    S(cmd_init) S(cmd_flush) S(cmd_vnic) S(cmd_tx_burst) \
    S(slot_take_valid) S(slot_take_vnic) S(slot_drop_valid) S(slot_drop_vnic) \
    S(push_valid) S(push_vnic) S(push_len) S(push_off) S(out_take)

#define DUT_OUT(S, W) \
    S(slot_free) S(grant_valid) S(grant_vnic) S(grant_len) S(grant_off) S(queued) \
    S(trc_tx_queued_valid) S(trc_tx_queued_vnic) S(trc_tx_grant_valid) S(trc_tx_grant_vnic) \
    S(trc_tx_grant_elig) S(trc_tx_grant_none)

struct dut_pins {
    DUT_IN(TXG_FIELD_S, TXG_FIELD_W)
    DUT_OUT(TXG_FIELD_S, TXG_FIELD_W)
};

#endif
