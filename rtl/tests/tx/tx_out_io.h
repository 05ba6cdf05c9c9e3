/* tx_out_io.h: pins of vnic_tx_out for its directed test. */
#ifndef TX_OUT_IO_H
#define TX_OUT_IO_H

#include "tx_glue.h"

#ifndef TXO_NV
#define TXO_NV 4
#endif
#ifndef TXO_DW
#define TXO_DW 64
#endif
#ifndef TXO_BUF
#define TXO_BUF 131072
#endif

#define DUT_IN(S, W) \
    S(rst) W(cfg_tx_base, TXO_NV * 32) W(cfg_tx_size, TXO_NV * 32) \
    S(grant_valid) S(grant_vnic) S(grant_len) S(grant_off) \
    W(buf_rd_data, TXO_DW) S(m_axis_tx_tready)

#define DUT_OUT(S, W) \
    S(take) S(buf_rd_en) S(buf_rd_addr) \
    W(m_axis_tx_tdata, TXO_DW) S(m_axis_tx_tkeep) S(m_axis_tx_tvalid) S(m_axis_tx_tlast) \
    S(m_axis_tx_tuser) S(sent_valid) S(sent_vnic) S(sent_len)

struct dut_pins {
    DUT_IN(TXG_FIELD_S, TXG_FIELD_W)
    DUT_OUT(TXG_FIELD_S, TXG_FIELD_W)
};

#endif
