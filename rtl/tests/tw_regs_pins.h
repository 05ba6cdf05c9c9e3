#define VTB_PINS(IN, OUT)                                                                         \
    IN(rst) IN(awaddr) IN(awvalid) IN(wdata) IN(wstrb) IN(wvalid) IN(bready) IN(araddr)           \
    IN(arvalid) IN(rready) IN(dec_now) IN(flr_ready) IN(used_sel) IN(used_we) IN(used_val)        \
    IN(rxr_head) IN(ring_trig) IN(rx_fault_valid) IN(rx_fault_vnic) IN(rx_fault_reason)           \
    IN(rx_fault_addr) IN(add_we) IN(add_g) IN(add_v) IN(add_k) IN(add_amt)                        \
    OUT(awready) OUT(wready) OUT(bvalid) OUT(arready) OUT(rdata) OUT(rvalid) OUT(rx_fault_ready)  \
    OUT(cfg_flags) OUT(halted) OUT(fault_take) OUT(g_max_frame) OUT(cmd_commit) OUT(cmd_reset) OUT(cmd_clear)     \
    OUT(cmd_vnic) OUT(flr_req) OUT(pf_trig) OUT(pf_send) OUT(rxr_tail) OUT(vf_int_mask)           \
    OUT(trc_cmd_valid) OUT(trc_cmd_op) OUT(trc_cmd_vnic) OUT(trc_cmd_err) OUT(trc_fault_valid)    \
    OUT(trc_fault_vnic) OUT(trc_fault_reason) OUT(trc_fault_addr) OUT(trc_tx_cpl_valid)            \
    OUT(trc_tx_cpl_vnic) OUT(win_copy_bad)
