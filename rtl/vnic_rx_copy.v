// vnic_rx_copy: RX copy engine: admitted frames from the ingress FIFO into the partitioned RX buffer.
`resetall
`timescale 1ns / 1ps
`default_nettype none

/*
 * Copy engine and RX buffer (docs/architecture.md §4.5, §4.6, §9).
 *
 * Every frame admitted to the ingress FIFO arrives here in decision order
 * (cq_*, with the mask of its accepted copies, possibly empty) into a queue
 * in block RAM of FIFO-words entries (every admitted frame occupies at least
 * one FIFO word until released, so the queue cannot overflow). Accepted
 * frames lie back to back in the FIFO RAM (dropped ones are erased at their
 * decision), so the engine tracks where each starts. Copies are made in
 * frame order, within a frame in ascending vNIC order: a copy of L bytes
 * reads ceil((L-4)/W) words from the FIFO and writes them at the vNIC's
 * write offset, circular within [RX_BASE, RX_BASE + RX_SIZE). The next copy
 * (vNIC, addresses) is prepared while the current one runs, so copies follow
 * each other without idle cycles: a copy takes ceil((L-4)/W) cycles.
 *
 * FIFO releases (copy_rel_*, trace RX_FIFO_REL) are in seq order, one per
 * cycle: a frame without accepted copies when the engine takes it from the
 * queue, a frame with copies in the cycle its last copy is stored.
 *
 * The RX buffer is a data RAM of RX_BUF_BYTES/W words and a metadata RAM of
 * RX_BUF_BYTES/64 slots ({L, bcast, mcast} at the slot of the frame's first
 * byte). A copy is stored (trace RX_STORED) in the cycle its last word is
 * written. Read side: each partition's head frame (oldest stored, not yet
 * taken) has its metadata in head_len/head_valid for the scheduler; take_*
 * (the grant) removes it: one cycle later tk_* describe it to the DMA engine,
 * the read offset advances by S(L), and the next head's metadata is read
 * from the metadata RAM (head_valid is low for two cycles after a take, or
 * one when the next head is the copy completing in that cycle).
 *
 * RESET of vNIC v (cmd_reset, only while v has nothing in the DMA engine):
 * its stored frames are discarded (flush_* tell how many and how many bytes,
 * for RX_USED and DROP_HALTED) by moving the read offset past them; copies
 * not yet finished are stored afterwards as usual. A COMMIT with RX_USED_v = 0
 * resets both offsets (the partition may have moved).
 *
 * Latency: a copy is stored ceil((L-4)/W)+1 cycles after it starts; an entry
 * reaches the engine 2 cycles after its decision at the earliest.
 * Throughput: one word per cycle; one frame without copies per cycle.
 * Fairness: strict decision order.
 */
module vnic_rx_copy #(
    parameter integer NUM_VNIC      = 8,      // number of vNICs, 1..32
    parameter integer DATA_W        = 64,     // datapath width, bits
    parameter integer RX_BUF_BYTES  = 65536,  // RX buffer, bytes (power of two)
    parameter integer RX_FIFO_BYTES = 32768,  // ingress FIFO, bytes (power of two)
    parameter integer FAW           = 12,     // ingress FIFO word address width: log2(RX_FIFO_BYTES/W)
    parameter integer RXB           = 16,     // log2(RX_BUF_BYTES)
    parameter integer BAW           = 13      // RX buffer word address width: log2(RX_BUF_BYTES/W)
) (
    input  wire                   clk,
    input  wire                   rst,

    // admitted frames (decision order)
    input  wire                   cq_valid,
    input  wire [FAW:0]           cq_fwords,
    input  wire [13:0]            cq_len,
    input  wire [NUM_VNIC-1:0]    cq_mask,
    input  wire                   cq_bcast,
    input  wire                   cq_mcast,
    input  wire [31:0]            cq_seq,

    // ingress FIFO read port and releases
    output wire                   fifo_rd_en,
    output wire [FAW-1:0]         fifo_rd_addr,
    input  wire [DATA_W-1:0]      fifo_rd_data,
    output wire                   copy_rel_valid,
    output wire [FAW:0]           copy_rel_words,
    output wire [31:0]            copy_rel_seq,

    // configuration and commands
    input  wire [NUM_VNIC*32-1:0] cfg_rx_base,
    input  wire [NUM_VNIC*32-1:0] cfg_rx_size,
    input  wire [NUM_VNIC*32-1:0] rx_used,
    input  wire                   cmd_commit,
    input  wire                   cmd_reset,
    input  wire [4:0]             cmd_vnic,
    output wire [15:0]            flush_cnt,       // frames stored in cmd_vnic's partition
    output wire [31:0]            flush_bytes,     // their bytes (sum of S(L))

    // stored frames: head of each partition, to the scheduler and DMA engine
    output wire [NUM_VNIC-1:0]    head_valid,      // a stored frame whose metadata is known
    output wire [NUM_VNIC*14-1:0] head_len,        // its wire length L, bytes
    input  wire                   take_valid,      // the scheduler grants v's head frame
    input  wire [4:0]             take_vnic,
    output wire                   tk_valid,        // the taken frame, one cycle after take_valid
    output wire [4:0]             tk_vnic,
    output wire [BAW-1:0]         tk_addr,         // first word in the RX buffer
    output wire [BAW-1:0]         tk_wbase,        // partition, words [tk_wbase, tk_wend)
    output wire [BAW:0]           tk_wend,
    output wire [13:0]            tk_len,
    output wire                   tk_bcast,
    output wire                   tk_mcast,
    output wire                   done_valid,      // a copy completes this cycle
    output wire [4:0]             done_vnic,

    // RX buffer read port (DMA engine), one cycle latency
    input  wire                   buf_rd_en,
    input  wire [BAW-1:0]         buf_rd_addr,
    output wire [DATA_W-1:0]      buf_rd_data,

    // verification trace
    output wire                   trc_rx_stored_valid,
    output wire [4:0]             trc_rx_stored_vnic
);

localparam integer NV  = NUM_VNIC;
localparam integer W   = DATA_W / 8;
localparam integer LW  = (DATA_W == 64) ? 3 : (DATA_W == 128) ? 4 : 5;
localparam integer MAW = RXB - 6;            // metadata slot bits
localparam integer SW  = RXB - 5;            // frames stored in a partition: <= 2^RXB / 64
localparam integer QW  = (FAW + 1) + 14 + NV + 2 + 32;
localparam [31:0]  WM1_32 = W - 1;
localparam [13:0]  WM1 = WM1_32[13:0];

generate
    if ((1 << RXB) != RX_BUF_BYTES) begin : gen_err_rxb
        vnic_error_rx_copy_RXB_must_be_log2_RX_BUF_BYTES u_error ();
    end
    if (BAW != RXB - LW) begin : gen_err_baw
        vnic_error_rx_copy_BAW_must_be_log2_RX_BUF_BYTES_over_W u_error ();
    end
    if ((1 << FAW) * W != RX_FIFO_BYTES) begin : gen_err_faw
        vnic_error_rx_copy_FAW_must_be_log2_RX_FIFO_BYTES_over_W u_error ();
    end
endgenerate

function [4:0] ffs;
    input [NV-1:0] m;
    integer i;
    begin
        ffs = 5'd0;
        for (i = NV - 1; i >= 0; i = i - 1)
            if (m[i]) ffs = i[4:0];
    end
endfunction

// ---------------------------------------------------------------- queue of admitted frames
wire          q_valid;
wire [QW-1:0] q_data;
wire          q_pop;
wire          q_in_ready;

vnic_fifo #(
    .DW    (QW),
    .DEPTH (1 << FAW),
    .AW    (FAW)
) u_queue (
    .clk       (clk),
    .rst       (rst),
    .in_valid  (cq_valid),
    .in_ready  (q_in_ready),
    .in_data   ({cq_fwords, cq_len, cq_mask, cq_bcast, cq_mcast, cq_seq}),
    .out_valid (q_valid),
    .out_data  (q_data),
    .out_pop   (q_pop)
);

wire [FAW:0]   q_fwords = q_data[QW-1 -: FAW+1];
wire [13:0]    q_len    = q_data[QW-FAW-2 -: 14];
wire [NV-1:0]  q_mask   = q_data[34 +: NV];
wire           q_bcast  = q_data[33];
wire           q_mcast  = q_data[32];
wire [31:0]    q_seq    = q_data[31:0];

// ---------------------------------------------------------------- state
// frame being expanded into copies
reg  [NV-1:0]  fr_rem_q, fr_rem_d;
reg  [4:0]     fr_v_q, fr_v_d;
reg            fr_vok_q, fr_vok_d;
reg  [FAW-1:0] fr_start_q, fr_start_d;
reg  [13:0]    fr_len_q, fr_len_d;
reg            fr_bc_q, fr_bc_d, fr_mc_q, fr_mc_d;
reg  [FAW-1:0] fptr_q, fptr_d;           // FIFO word where the next accepted frame starts
// next copy, addresses computed
reg            nx_valid_q, nx_valid_d;
reg  [4:0]     nx_v_q, nx_v_d;
reg  [FAW-1:0] nx_src_q, nx_src_d;
reg  [FAW:0]   nx_nw_q, nx_nw_d;
reg  [BAW-1:0] nx_waddr_q, nx_waddr_d, nx_wbase_q, nx_wbase_d;
reg  [BAW:0]   nx_wend_q, nx_wend_d;
reg  [BAW-1:0] nx_newoff_q, nx_newoff_d;   // words
reg  [MAW-1:0] nx_slot_q, nx_slot_d;
reg  [13:0]    nx_len_q, nx_len_d;
reg            nx_bc_q, nx_bc_d, nx_mc_q, nx_mc_d, nx_last_q, nx_last_d;
// copy issuing FIFO reads
reg            cp_act_q, cp_act_d;
reg  [4:0]     cp_v_q, cp_v_d;
reg  [FAW-1:0] cp_src_q, cp_src_d;
reg  [FAW:0]   cp_left_q, cp_left_d;
reg  [BAW-1:0] cp_waddr_q, cp_waddr_d, cp_wbase_q, cp_wbase_d;
reg  [BAW:0]   cp_wend_q, cp_wend_d;
reg  [MAW-1:0] cp_slot_q, cp_slot_d;
reg  [13:0]    cp_len_q, cp_len_d;
reg            cp_bc_q, cp_bc_d, cp_mc_q, cp_mc_d, cp_last_q, cp_last_d;
// write stage (FIFO read data available)
reg            w_valid_q, w_valid_d, w_done_q, w_done_d, w_last_q, w_last_d;
reg  [4:0]     w_v_q, w_v_d;
reg  [BAW-1:0] w_addr_q, w_addr_d;
reg  [MAW-1:0] w_slot_q, w_slot_d;
reg  [15:0]    w_meta_q, w_meta_d;
// per vNIC. RX_BASE and RX_SIZE are multiples of 64 (COMMIT's RANGE rule),
// so only their bits 6 and up are read; the offsets are multiples of W (they
// advance by S(L) modulo RX_SIZE) and are kept in words. A partition holds at
// most 2^RXB bytes (RX_USED <= RX_SIZE <= RX_BUF_BYTES, and the stored frames
// are part of RX_USED), S(L) >= 64 (L >= 64: runts are dropped), so the
// stored frames' words fit BAW+1 bits and their number RXB-5 bits (checked
// in simulation below).
reg  [NV*BAW-1:0]  wr_off_q, wr_off_d;   // words
reg  [NV*BAW-1:0]  rd_off_q, rd_off_d;   // words
reg  [NV*SW-1:0]   stored_q, stored_d;
reg  [NV*(BAW+1)-1:0] sbytes_q, sbytes_d; // the stored frames' size, words
reg  [NV-1:0]     hv_q, hv_d;             // head metadata valid
reg  [NV*16-1:0]  hm_q, hm_d;             // head metadata {L, bcast, mcast}
reg               tk_q, rf_q;             // take registered, head refresh read in flight
reg  [4:0]        tk_v_q, rf_v_q;
wire [15:0]       meta_rd_data;
// releases in seq order {seq, words, waits for its last copy}
reg  [32+FAW+1:0] rl_mem [0:7];
reg               rl_we;
reg  [3:0]        rl_wp_q, rl_wp_d, rl_rp_q, rl_rp_d;
reg  [3:0]        rl_cpl_q, rl_cpl_d;     // last copies stored, releases not yet made

// ---------------------------------------------------------------- selections
// RX_BASE bits RXB-1..6 and RX_SIZE bits RXB..6, as words
reg  [BAW-1:0] sel_base, tk_base;
reg  [BAW:0]   sel_size, tk_size, fl_size;
reg  [BAW-1:0] sel_off, tk_off, fl_off;
reg  [15:0]    tk_meta;
reg  [SW-1:0]  tk_stored, fl_cnt;
reg  [BAW:0]   fl_words;
// the selected vNIC's fields (zero for an index >= NUM_VNIC), copied from
// constant slices, not read at a computed offset
integer si;
always @* begin
    sel_base = {BAW{1'b0}}; sel_size = {(BAW+1){1'b0}}; sel_off = {BAW{1'b0}};
    tk_base = {BAW{1'b0}}; tk_size = {(BAW+1){1'b0}}; tk_off = {BAW{1'b0}}; tk_meta = 16'd0;
    tk_stored = {SW{1'b0}};
    fl_cnt = {SW{1'b0}}; fl_words = {(BAW+1){1'b0}}; fl_size = {(BAW+1){1'b0}}; fl_off = {BAW{1'b0}};
    for (si = 0; si < NV; si = si + 1) begin
        if (fr_v_q == si[4:0]) begin
            sel_base  = {cfg_rx_base[si*32 + 6 +: RXB-6], {(6-LW){1'b0}}};
            sel_size  = {cfg_rx_size[si*32 + 6 +: RXB-5], {(6-LW){1'b0}}};
            sel_off   = wr_off_q[si*BAW +: BAW];
        end
        if (tk_v_q == si[4:0]) begin
            tk_base   = {cfg_rx_base[si*32 + 6 +: RXB-6], {(6-LW){1'b0}}};
            tk_size   = {cfg_rx_size[si*32 + 6 +: RXB-5], {(6-LW){1'b0}}};
            tk_off    = rd_off_q[si*BAW +: BAW];
            tk_meta   = hm_q[si*16 +: 16];
            tk_stored = stored_q[si*SW +: SW];
        end
        if (cmd_vnic == si[4:0]) begin
            fl_cnt    = stored_q[si*SW +: SW];
            fl_words  = sbytes_q[si*(BAW+1) +: BAW+1];
            fl_size   = {cfg_rx_size[si*32 + 6 +: RXB-5], {(6-LW){1'b0}}};
            fl_off    = rd_off_q[si*BAW +: BAW];
        end
    end
end

assign flush_cnt = {{(16-SW){1'b0}}, fl_cnt};
assign flush_bytes = {{(31-RXB){1'b0}}, fl_words, {LW{1'b0}}};

// read offset after a RESET: past the stored frames (words)
wire [BAW+1:0] f_off2   = {2'b00, fl_off} + {1'b0, fl_words};
wire [BAW-1:0] f_newoff = (f_off2 >= {1'b0, fl_size}) ? (f_off2[BAW-1:0] - fl_size[BAW-1:0])
                                                      : f_off2[BAW-1:0];

// the copy fr_v_q would make now (addresses and offsets in words)
wire [BAW:0]    a_start  = {1'b0, sel_base} + {1'b0, sel_off};
wire [BAW:0]    a_end    = {1'b0, sel_base} + sel_size;
wire [13:0]     a_nw     = (fr_len_q - 14'd4 + WM1) >> LW;
wire [BAW+14:0] a_nw_x   = {{(BAW+1){1'b0}}, a_nw};   // a copy is smaller than the buffer
wire [BAW:0]    a_s      = a_nw_x[BAW:0];
wire [FAW+14:0] a_nw_f   = {{(FAW+1){1'b0}}, a_nw};
wire [BAW+1:0]  a_off2   = {2'b00, sel_off} + {1'b0, a_s};
wire [BAW-1:0]  a_newoff = (a_off2 >= {1'b0, sel_size}) ? (a_off2[BAW-1:0] - sel_size[BAW-1:0])
                                                        : a_off2[BAW-1:0];
wire [NV-1:0]   fr_rem_after = fr_rem_q & ~({{(NV-1){1'b0}}, 1'b1} << fr_v_q);

// the taken frame (registered take) and the read offset after it (words)
wire [BAW:0]    t_start  = {1'b0, tk_base} + {1'b0, tk_off};
wire [BAW:0]    t_end    = {1'b0, tk_base} + tk_size;
wire [13:0]     t_nw     = (tk_meta[15:2] - 14'd4 + WM1) >> LW;
wire [BAW+14:0] t_nw_x   = {{(BAW+1){1'b0}}, t_nw};
wire [BAW:0]    t_s      = t_nw_x[BAW:0];
wire [BAW+1:0]  t_off2   = {2'b00, tk_off} + {1'b0, t_s};
wire [BAW-1:0]  t_newoff = (t_off2 >= {1'b0, tk_size}) ? (t_off2[BAW-1:0] - tk_size[BAW-1:0])
                                                       : t_off2[BAW-1:0];
wire [BAW:0]    t_nstart = {1'b0, tk_base} + {1'b0, t_newoff};

// ---------------------------------------------------------------- control
wire w_cpl = w_valid_q && w_done_q;            // a copy completes this cycle
wire cpl_tk   = w_cpl && w_v_q == tk_v_q;
wire t_more   = (tk_stored > {{(SW-1){1'b0}}, 1'b1}) || cpl_tk;  // another frame stored after the taken one
wire t_bypass = (tk_stored == {{(SW-1){1'b0}}, 1'b1}) && cpl_tk; // ... and it is completing now
wire rf_issue = tk_q && t_more && !t_bypass;

assign tk_valid = tk_q;
assign tk_vnic  = tk_v_q;
assign tk_addr  = t_start[BAW-1:0];
assign tk_wbase = tk_base;
assign tk_wend  = t_end;
assign tk_len   = tk_meta[15:2];
assign tk_bcast = tk_meta[1];
assign tk_mcast = tk_meta[0];

wire [3:0] rl_used = rl_wp_q - rl_rp_q;
assign q_pop = (fr_rem_q == {NV{1'b0}}) && q_valid && rl_used < 4'd8;

wire cp_lastread = cp_act_q && (cp_left_q == {{FAW{1'b0}}, 1'b1});
wire start = nx_valid_q && (!cp_act_q || cp_lastread);
wire nx_fill = !nx_valid_q && fr_vok_q && (fr_rem_q != {NV{1'b0}});

assign fifo_rd_en   = cp_act_q;
assign fifo_rd_addr = cp_src_q;
assign done_valid   = w_cpl;
assign done_vnic    = w_v_q;
assign trc_rx_stored_valid = w_cpl;
assign trc_rx_stored_vnic  = w_v_q;

// releases: the head entry goes when it needs no copy or its last copy is stored
localparam integer RLW = 32 + FAW + 2;
wire [RLW-1:0] rl_head  = rl_mem[rl_rp_q[2:0]];
wire           rl_wait  = rl_head[0];
wire           rl_cplin = w_cpl && w_last_q;
wire           rl_go    = (rl_used != 4'd0) && (!rl_wait || rl_cpl_q != 4'd0 || rl_cplin);
assign copy_rel_valid = rl_go;
assign copy_rel_seq   = rl_head[RLW-1 -: 32];
assign copy_rel_words = rl_head[1 +: FAW+1];

always @* begin
    rl_we = 1'b0;
    rl_wp_d = rl_wp_q;
    rl_rp_d = rl_rp_q;
    rl_cpl_d = rl_cpl_q + {3'd0, rl_cplin};
    if (q_pop) begin
        rl_we = 1'b1;
        rl_wp_d = rl_wp_q + 4'd1;
    end
    if (rl_go) begin
        rl_rp_d = rl_rp_q + 4'd1;
        if (rl_wait) rl_cpl_d = rl_cpl_d - 4'd1;
    end
end

always @* begin
    fr_rem_d = fr_rem_q; fr_v_d = fr_v_q; fr_vok_d = fr_vok_q;
    fr_start_d = fr_start_q; fr_len_d = fr_len_q;
    fr_bc_d = fr_bc_q; fr_mc_d = fr_mc_q; fptr_d = fptr_q;
    nx_valid_d = nx_valid_q; nx_v_d = nx_v_q; nx_src_d = nx_src_q; nx_nw_d = nx_nw_q;
    nx_waddr_d = nx_waddr_q; nx_wbase_d = nx_wbase_q; nx_wend_d = nx_wend_q;
    nx_newoff_d = nx_newoff_q; nx_slot_d = nx_slot_q; nx_len_d = nx_len_q;
    nx_bc_d = nx_bc_q; nx_mc_d = nx_mc_q; nx_last_d = nx_last_q;
    cp_act_d = cp_act_q; cp_v_d = cp_v_q; cp_src_d = cp_src_q; cp_left_d = cp_left_q;
    cp_waddr_d = cp_waddr_q; cp_wbase_d = cp_wbase_q; cp_wend_d = cp_wend_q;
    cp_slot_d = cp_slot_q; cp_len_d = cp_len_q; cp_bc_d = cp_bc_q; cp_mc_d = cp_mc_q;
    cp_last_d = cp_last_q;
    w_valid_d = 1'b0; w_done_d = 1'b0; w_last_d = w_last_q; w_v_d = w_v_q; w_addr_d = w_addr_q;
    w_slot_d = w_slot_q; w_meta_d = w_meta_q;

    // take the next frame when the current one has no copy left to prepare
    if (q_pop) begin
        fr_rem_d = q_mask;
        fr_vok_d = 1'b0;
        fr_start_d = fptr_q;
        fr_len_d = q_len;
        fr_bc_d = q_bcast;
        fr_mc_d = q_mcast;
        if (q_mask != {NV{1'b0}})
            fptr_d = fptr_q + q_fwords[FAW-1:0];
    end else if (fr_rem_q != {NV{1'b0}} && !fr_vok_q) begin
        fr_v_d = ffs(fr_rem_q);
        fr_vok_d = 1'b1;
    end

    // prepare the next copy
    if (nx_fill) begin
        nx_valid_d = 1'b1;
        nx_v_d = fr_v_q;
        nx_src_d = fr_start_q;
        nx_nw_d = a_nw_f[FAW:0];
        nx_waddr_d = a_start[BAW-1:0];
        nx_wbase_d = sel_base;
        nx_wend_d = a_end;
        nx_newoff_d = a_newoff;
        nx_slot_d = a_start[BAW-1:6-LW];
        nx_len_d = fr_len_q;
        nx_bc_d = fr_bc_q;
        nx_mc_d = fr_mc_q;
        nx_last_d = (fr_rem_after == {NV{1'b0}});
        fr_rem_d = fr_rem_after;
        fr_vok_d = 1'b0;
    end

    // issue FIFO reads of the running copy
    if (cp_act_q) begin
        w_valid_d = 1'b1;
        w_done_d = cp_lastread;
        w_last_d = cp_last_q;
        w_v_d = cp_v_q;
        w_addr_d = cp_waddr_q;
        w_slot_d = cp_slot_q;
        w_meta_d = {cp_len_q, cp_bc_q, cp_mc_q};
        cp_src_d = cp_src_q + {{(FAW-1){1'b0}}, 1'b1};
        cp_left_d = cp_left_q - {{FAW{1'b0}}, 1'b1};
        if ({1'b0, cp_waddr_q} + {{BAW{1'b0}}, 1'b1} == cp_wend_q)
            cp_waddr_d = cp_wbase_q;
        else
            cp_waddr_d = cp_waddr_q + {{(BAW-1){1'b0}}, 1'b1};
        if (cp_lastread) cp_act_d = 1'b0;
    end

    // start the prepared copy
    if (start) begin
        nx_valid_d = 1'b0;
        cp_act_d = 1'b1;
        cp_v_d = nx_v_q;
        cp_src_d = nx_src_q;
        cp_left_d = nx_nw_q;
        cp_waddr_d = nx_waddr_q;
        cp_wbase_d = nx_wbase_q;
        cp_wend_d = nx_wend_q;
        cp_slot_d = nx_slot_q;
        cp_len_d = nx_len_q;
        cp_bc_d = nx_bc_q;
        cp_mc_d = nx_mc_q;
        cp_last_d = nx_last_q;
    end
end

// per-vNIC state
wire [13:0] w_nw     = (w_meta_q[15:2] - 14'd4 + WM1) >> LW;
wire [BAW+14:0] w_nw_x = {{(BAW+1){1'b0}}, w_nw};
// each event updates only its own vNIC's fields (in the order of the events
// as one vNIC's fields see them; an index >= NUM_VNIC changes nothing); each
// vNIC's fields are computed apart, at constant slices
integer pv;
always @* begin
    pv = 0;  // loop index: assigned on every path (no latch)
    wr_off_d = wr_off_q;
    rd_off_d = rd_off_q;
    stored_d = stored_q;
    sbytes_d = sbytes_q;
    hv_d = hv_q;
    hm_d = hm_q;
    // (no event: nothing to update; spares the loop in simulation)
    if (start || w_cpl || take_valid || tk_q || rf_q || cmd_commit || cmd_reset) begin
        for (pv = 0; pv < NV; pv = pv + 1) begin
            if (start && nx_v_q == pv[4:0])
                wr_off_d[pv*BAW +: BAW] = nx_newoff_q;
            if (w_cpl && w_v_q == pv[4:0]) begin
                stored_d[pv*SW +: SW] = stored_d[pv*SW +: SW] + {{(SW-1){1'b0}}, 1'b1};
                sbytes_d[pv*(BAW+1) +: BAW+1] = sbytes_d[pv*(BAW+1) +: BAW+1] + w_nw_x[BAW:0];
                // a completion into an empty partition is the head
                if (stored_q[pv*SW +: SW] == {SW{1'b0}}) begin
                    hv_d[pv] = 1'b1;
                    hm_d[pv*16 +: 16] = w_meta_q;
                end
            end
            if (take_valid && take_vnic == pv[4:0])
                hv_d[pv] = 1'b0;
            if (tk_q && tk_v_q == pv[4:0]) begin
                stored_d[pv*SW +: SW] = stored_d[pv*SW +: SW] - {{(SW-1){1'b0}}, 1'b1};
                sbytes_d[pv*(BAW+1) +: BAW+1] = sbytes_d[pv*(BAW+1) +: BAW+1] - t_s;
                rd_off_d[pv*BAW +: BAW] = t_newoff;
                if (t_bypass) begin
                    hv_d[pv] = 1'b1;
                    hm_d[pv*16 +: 16] = w_meta_q;
                end
            end
            if (rf_q && rf_v_q == pv[4:0]) begin
                hv_d[pv] = 1'b1;
                hm_d[pv*16 +: 16] = meta_rd_data;
            end
            if (cmd_commit && cmd_vnic == pv[4:0] && rx_used[pv*32 +: 32] == 32'd0) begin
                wr_off_d[pv*BAW +: BAW] = {BAW{1'b0}};
                rd_off_d[pv*BAW +: BAW] = {BAW{1'b0}};
            end
            if (cmd_reset && cmd_vnic == pv[4:0]) begin
                rd_off_d[pv*BAW +: BAW] = f_newoff;
                stored_d[pv*SW +: SW] = {SW{1'b0}};
                sbytes_d[pv*(BAW+1) +: BAW+1] = {(BAW+1){1'b0}};
                hv_d[pv] = 1'b0;
            end
        end
    end
end

assign head_valid = hv_q;
genvar gv;
generate
    for (gv = 0; gv < NV; gv = gv + 1) begin : gen_head
        assign head_len[gv*14 +: 14] = hm_q[gv*16 + 2 +: 14];
    end
endgenerate

`ifndef SYNTHESIS
// the bounds the narrow per-vNIC fields rest on (see "per vNIC" above)
integer ck;
always @(posedge clk) begin
    for (ck = 0; ck < NV; ck = ck + 1)
        if (!rst && (cfg_rx_base[ck*32 +: 6] != 6'd0 || cfg_rx_size[ck*32 +: 6] != 6'd0
                     || {{(31-BAW){1'b0}}, sbytes_q[ck*(BAW+1) +: BAW+1]} > (32'd1 << BAW)
                     || {{(32-SW){1'b0}}, stored_q[ck*SW +: SW]} > (32'd1 << (RXB - 6)))) begin
            $display("vnic_rx_copy: vNIC %0d: RX_BASE/RX_SIZE not multiples of 64, or %0d stored words / %0d stored frames beyond the partition's bound",
                     ck, sbytes_q[ck*(BAW+1) +: BAW+1], stored_q[ck*SW +: SW]);
            $stop;
        end
end
`endif

// ---------------------------------------------------------------- RAMs
vnic_ram_sdp #(
    .DW    (DATA_W),
    .DEPTH (RX_BUF_BYTES / W),
    .AW    (BAW)
) u_rx_buf (
    .clk     (clk),
    .wr_en   (w_valid_q),
    .wr_addr (w_addr_q),
    .wr_data (fifo_rd_data),
    .rd_en   (buf_rd_en),
    .rd_addr (buf_rd_addr),
    .rd_data (buf_rd_data)
);

vnic_ram_sdp #(
    .DW    (16),
    .DEPTH (RX_BUF_BYTES / 64),
    .AW    (MAW)
) u_rx_meta (
    .clk     (clk),
    .wr_en   (w_cpl),
    .wr_addr (w_slot_q),
    .wr_data (w_meta_q),
    .rd_en   (rf_issue),
    .rd_addr (t_nstart[BAW-1:6-LW]),
    .rd_data (meta_rd_data)
);

// ---------------------------------------------------------------- registers
always @(posedge clk) begin
    if (rst) begin
        fr_rem_q <= {NV{1'b0}};
        fr_vok_q <= 1'b0;
        fptr_q <= {FAW{1'b0}};
        nx_valid_q <= 1'b0;
        cp_act_q <= 1'b0;
        w_valid_q <= 1'b0;
        w_done_q <= 1'b0;
        wr_off_q <= {NV*BAW{1'b0}};
        rd_off_q <= {NV*BAW{1'b0}};
        stored_q <= {NV*SW{1'b0}};
        sbytes_q <= {NV*(BAW+1){1'b0}};
        hv_q <= {NV{1'b0}};
        tk_q <= 1'b0;
        rf_q <= 1'b0;
        rl_wp_q <= 4'd0;
        rl_rp_q <= 4'd0;
        rl_cpl_q <= 4'd0;
    end else begin
        fr_rem_q <= fr_rem_d;
        fr_vok_q <= fr_vok_d;
        fptr_q <= fptr_d;
        nx_valid_q <= nx_valid_d;
        cp_act_q <= cp_act_d;
        w_valid_q <= w_valid_d;
        w_done_q <= w_done_d;
        wr_off_q <= wr_off_d;
        rd_off_q <= rd_off_d;
        stored_q <= stored_d;
        sbytes_q <= sbytes_d;
        hv_q <= hv_d;
        tk_q <= take_valid;
        rf_q <= rf_issue && !(cmd_reset && cmd_vnic == tk_v_q);
        rl_wp_q <= rl_wp_d;
        rl_rp_q <= rl_rp_d;
        rl_cpl_q <= rl_cpl_d;
    end
    fr_v_q <= fr_v_d;
    fr_start_q <= fr_start_d; fr_len_q <= fr_len_d;
    fr_bc_q <= fr_bc_d; fr_mc_q <= fr_mc_d;
    nx_v_q <= nx_v_d; nx_src_q <= nx_src_d; nx_nw_q <= nx_nw_d;
    nx_waddr_q <= nx_waddr_d; nx_wbase_q <= nx_wbase_d; nx_wend_q <= nx_wend_d;
    nx_newoff_q <= nx_newoff_d; nx_slot_q <= nx_slot_d; nx_len_q <= nx_len_d;
    nx_bc_q <= nx_bc_d; nx_mc_q <= nx_mc_d; nx_last_q <= nx_last_d;
    cp_v_q <= cp_v_d; cp_src_q <= cp_src_d; cp_left_q <= cp_left_d;
    cp_waddr_q <= cp_waddr_d; cp_wbase_q <= cp_wbase_d; cp_wend_q <= cp_wend_d;
    cp_slot_q <= cp_slot_d; cp_len_q <= cp_len_d; cp_bc_q <= cp_bc_d; cp_mc_q <= cp_mc_d;
    cp_last_q <= cp_last_d;
    w_last_q <= w_last_d; w_v_q <= w_v_d; w_addr_q <= w_addr_d;
    w_slot_q <= w_slot_d; w_meta_q <= w_meta_d;
    hm_q <= hm_d;
    tk_v_q <= take_vnic;
    rf_v_q <= tk_v_q;
    if (rl_we) rl_mem[rl_wp_q[2:0]] <= {q_seq, q_fwords, q_mask != {NV{1'b0}}};
end

// the queue cannot overflow (see the header); high bits of sizes and
// addresses are beyond the buffer by the COMMIT range checks
wire unused_ok = ^{1'b0, q_in_ready, cfg_rx_base, cfg_rx_size, a_off2[BAW+1],
                   a_nw_x[BAW+14:BAW+1], a_nw_f[FAW+14:FAW+1], a_start[BAW], t_start[BAW],
                   t_nw_x[BAW+14:BAW+1], t_off2[BAW+1], t_nstart[BAW], t_nstart[5-LW:0],
                   w_nw_x[BAW+14:BAW+1], f_off2[BAW+1], q_fwords[FAW], 1'b0};

endmodule

`resetall
