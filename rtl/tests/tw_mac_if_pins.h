#define VTB_PINS(IN, OUT)                                                                         \
    IN(rst) IN(t0) IN(t1) IN(t2) IN(t3) IN(tkeep) IN(tvalid) IN(tlast) IN(tuser) IN(g_max_frame)  \
    IN(dec_keep) IN(rel_valid) IN(rel_words) IN(rel_seq) IN(rd_en) IN(rd_addr)                   \
    OUT(tready) OUT(r0) OUT(r1) OUT(r2) OUT(r3) OUT(pre_valid) OUT(pre_da) OUT(dec_valid)         \
    OUT(dec_seq) OUT(dec_fifo_ok) OUT(dec_macerr) OUT(dec_tkeep) OUT(dec_runt) OUT(dec_fcs_bad)   \
    OUT(dec_len) OUT(dec_fwords) OUT(sof_drop) OUT(sof_valid) OUT(sof_seq) OUT(sof_fifo_ok)       \
    OUT(rel_trc_valid) OUT(rel_trc_seq) OUT(wbytes)
