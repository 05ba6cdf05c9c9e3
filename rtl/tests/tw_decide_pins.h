#define VTB_PINS(IN, OUT)                                                                         \
    IN(rst) IN(cfg_we) IN(cfg_v) IN(cfg_f) IN(cfg_val) IN(g_rx_en) IN(g_max_frame) IN(g_def_en)   \
    IN(g_def_vnic) IN(halted) IN(cmd_commit) IN(cmd_reset) IN(cmd_vnic) IN(cmd_mac)               \
    IN(cmd_pol_burst) IN(pre_valid) IN(pre_da) IN(dec_valid) IN(dec_seq) IN(dec_fifo_ok)          \
    IN(dec_macerr) IN(dec_tkeep) IN(dec_runt) IN(dec_fcs_bad) IN(dec_len) IN(sof_drop)            \
    IN(rel_valid) IN(rel_vnic) IN(rel_bytes)                                                      \
    OUT(dec_keep) OUT(cq_valid) OUT(cq_mask) OUT(trc_valid) OUT(trc_wire) OUT(trc_dest)           \
    OUT(trc_outcome) OUT(used0) OUT(used1) OUT(used2) OUT(used3) OUT(g_copies) OUT(g_frames)      \
    OUT(v_halted0)
