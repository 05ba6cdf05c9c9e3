// vnic_rx_mac_if: RX MAC interface: wire checks, CRC-32, ingress FIFO admission and storage.
`resetall
`timescale 1ns / 1ps
`default_nettype none

/*
 * Receives frames on s_axis_rx (docs/architecture.md §4.1, §4.5).
 *
 * tready is 1 from the cycle after reset: a frame is never back-pressured.
 * At the first beat of a frame (cycle s) the frame is admitted to the
 * ingress FIFO iff occupancy(s) + ceil(G.MAX_FRAME/W) <= FIFO words; the
 * verdict goes out on the RX_SOF trace channel in cycle s. G.MAX_FRAME is
 * sampled at the first beat for the frame's storage limit (OVERSIZE is
 * decided against G.MAX_FRAME at the decision cycle). Per beat: L += popcount(tkeep), tuser ORed into MACERR, the
 * TKEEP rule checked, CRC-32 updated over W bytes.
 *
 * The last beat's k bytes (any k in 1..W) finish the CRC in a registered
 * tail pipeline of log2(W) stages (W/2, W/4, ..., 1 bytes, each applied when
 * the matching bit of k is set); the FCS is good iff the register ends at
 * the CRC-32 residue. The frame's decision context is presented on dec_* in
 * cycle tlast + DEC_LAT, DEC_LAT = log2(W) + 1 (RX_DEC_LAT: 4 at W=8, 5 at
 * W=16, 6 at W=32); pre_* carries its destination address in cycle
 * tlast + 1 so the classifier can pipeline the MAC compare.
 *
 * Storage: admitted frames are written to the FIFO RAM one word per beat,
 * delayed by DEC_LAT cycles so that the frame's last word is written in its
 * decision cycle and the next frame's first word after it. A frame that the
 * decision drops (dec_keep = 0) is erased by moving the write pointer back
 * to its start, so the FIFO RAM only ever holds undecided and accepted
 * frames and its occupancy equals the accounting of §4.5. Words are not
 * written past ceil(MAX_FRAME/W) or after a malformed tkeep.
 *
 * FIFO accounting (words): a frame adds words(f) = ceil(min(L,MF)/W) when
 * its last beat has been received (visible to the next first beat), and
 * subtracts it when the copy engine releases it (copy_rel_*, every admitted
 * frame in seq order, dropped ones included: RX_FIFO_REL). The RAM space of a
 * dropped frame is reused at once, so the RAM never holds more than the
 * accounting says.
 *
 * Latency: DEC_LAT cycles from tlast to the decision. Throughput: one beat
 * per cycle.
 */
module vnic_rx_mac_if #(
    parameter integer DATA_W        = 64,     // datapath width, bits (64, 128, 256)
    parameter integer RX_FIFO_BYTES = 32768,  // ingress FIFO, bytes (power of two)
    parameter integer FAW           = 12      // FIFO word address width, bits: log2(RX_FIFO_BYTES / (DATA_W/8))
) (
    input  wire                clk,
    input  wire                rst,

    // AXI4-Stream RX from the MAC (tuser = MAC error)
    input  wire [DATA_W-1:0]   s_axis_rx_tdata,
    input  wire [DATA_W/8-1:0] s_axis_rx_tkeep,
    input  wire                s_axis_rx_tvalid,
    output wire                s_axis_rx_tready,
    input  wire                s_axis_rx_tlast,
    input  wire                s_axis_rx_tuser,

    // configuration
    input  wire [13:0]         g_max_frame,      // bytes, 64..MAX_FRAME

    // destination address, cycle tlast + 1
    output wire                pre_valid,
    output wire [47:0]         pre_da,           // byte 0 in [47:40]

    // decision context, cycle tlast + DEC_LAT
    output wire                dec_valid,
    output wire [31:0]         dec_seq,
    output wire                dec_fifo_ok,
    output wire                dec_macerr,
    output wire                dec_tkeep,
    output wire                dec_runt,
    output wire                dec_fcs_bad,
    output wire [31:0]         dec_len,          // L, bytes
    output wire [FAW:0]        dec_fwords,       // words(f)
    input  wire                dec_keep,         // the frame has an accepted copy: keep it in the FIFO

    // first beat of a frame dropped as FIFO (counters)
    output wire                sof_drop,

    // release of a frame by the copy engine (every admitted frame, in seq order)
    input  wire                copy_rel_valid,
    input  wire [FAW:0]        copy_rel_words,
    input  wire [31:0]         copy_rel_seq,

    // FIFO read port (copy engine), one cycle latency
    input  wire                fifo_rd_en,
    input  wire [FAW-1:0]      fifo_rd_addr,
    output wire [DATA_W-1:0]   fifo_rd_data,

    // verification trace
    output wire                trc_rx_sof_valid,
    output wire [31:0]         trc_rx_sof_seq,
    output wire                trc_rx_sof_fifo_ok,
    output wire                trc_rx_fifo_rel_valid,
    output wire [31:0]         trc_rx_fifo_rel_seq
);

// ---------------------------------------------------------------- parameters
localparam integer W  = DATA_W / 8;                    // bytes per beat
localparam integer LW = (W == 8) ? 3 : (W == 16) ? 4 : 5;
localparam integer DEC_LAT = LW + 1;                   // tlast -> decision, cycles
localparam integer FWORDS = RX_FIFO_BYTES / W;          // FIFO words
localparam integer NS = LW + 2;                        // tail register sets 0..LW+1 (0 unused)
localparam [31:0]  RESIDUE = 32'hDEBB20E3;             // CRC register after a good FCS
localparam [FAW:0] FWORDS_V = FWORDS[FAW:0];

generate
    if (DATA_W != 64 && DATA_W != 128 && DATA_W != 256) begin : gen_err_data_w
        vnic_error_rx_mac_if_DATA_W_must_be_64_128_or_256 u_error ();
    end
    if ((1 << FAW) != FWORDS) begin : gen_err_faw
        vnic_error_rx_mac_if_FAW_must_be_log2_of_FIFO_words u_error ();
    end
endgenerate

// ---------------------------------------------------------------- helpers
function [5:0] popcount;
    input [W-1:0] k;
    integer i;
    begin
        popcount = 6'd0;
        for (i = 0; i < W; i = i + 1)
            popcount = popcount + {5'd0, k[i]};
    end
endfunction

// tkeep of a last beat: a non-empty run of ones from bit 0
function keep_last_ok;
    input [W-1:0] k;
    reg [W:0] p;
    begin
        p = {1'b0, k} + {{W{1'b0}}, 1'b1};       // k + 1 is a power of two iff k = 0..01..1
        keep_last_ok = k[0] && ((p & (p - {{W{1'b0}}, 1'b1})) == {(W+1){1'b0}});
    end
endfunction

// words(f) = ceil(min(L, mf) / W)
function [FAW:0] frame_words;
    input [31:0] len;
    input [13:0] mf;
    reg [31:0] m;
    reg [31:0] c;
    begin
        m = (len > {18'd0, mf}) ? {18'd0, mf} : len;
        c = (m + (W - 1)) >> LW;
        frame_words = c[FAW:0];
    end
endfunction

// ---------------------------------------------------------------- input beat
reg         ready_q;
assign s_axis_rx_tready = ready_q;
wire        beat = s_axis_rx_tvalid && ready_q;

reg         in_frame_q, in_frame_d;       // a frame has started and not ended
reg [31:0]  seq_q, seq_d;                 // seq of the next frame
reg [31:0]  cur_seq_q, cur_seq_d;
reg         cur_ok_q, cur_ok_d;           // FIFO admission of the current frame
reg         cur_merr_q, cur_merr_d;
reg         cur_tkb_q, cur_tkb_d;
reg [31:0]  cur_len_q, cur_len_d;
reg [47:0]  cur_da_q, cur_da_d;
reg [13:0]  cur_mf_q, cur_mf_d;
reg [FAW:0] cur_widx_q, cur_widx_d;       // words offered for writing so far
reg [31:0]  cur_crc_q, cur_crc_d;
reg [FAW:0] occ_q, occ_d;                 // FIFO occupancy, words

wire        sof = !in_frame_q;
wire [13:0] mf_s = sof ? g_max_frame : cur_mf_q;
wire [FAW:0] mfw_now = frame_words(32'd16383, g_max_frame);   // ceil(G.MAX_FRAME / W)
wire [FAW:0] mfw_s = frame_words(32'd16383, mf_s);

// tail stage 1 holds the frame that ended in the previous cycle; its words
// are not yet in occ_q
reg  [NS-1:0]   tl_v_q;
reg  [NS*32-1:0] tl_len_q;
reg  [NS*14-1:0] tl_mf_q;
reg  [NS-1:0]   tl_ok_q;
wire [FAW:0]    tl1_words = frame_words(tl_len_q[32 +: 32], tl_mf_q[14 +: 14]);
wire            tl1_add = tl_v_q[1] && tl_ok_q[1];
wire [FAW+1:0]  occ_eff = {1'b0, occ_q} + {1'b0, (tl1_add ? tl1_words : {(FAW+1){1'b0}})};
wire            fifo_ok_now = (occ_eff + {1'b0, mfw_now}) <= {1'b0, FWORDS_V};

wire            fr_ok   = sof ? fifo_ok_now : cur_ok_q;
wire [31:0]     fr_seq  = sof ? seq_q : cur_seq_q;
wire            keep_ok = s_axis_rx_tlast ? keep_last_ok(s_axis_rx_tkeep) : (&s_axis_rx_tkeep);
wire            tkb_prev = sof ? 1'b0 : cur_tkb_q;
wire [5:0]      keep_cnt = popcount(s_axis_rx_tkeep);
wire [31:0]     len_new = (sof ? 32'd0 : cur_len_q) + {26'd0, keep_cnt};
wire [FAW:0]    widx    = sof ? {(FAW+1){1'b0}} : cur_widx_q;
wire            beat_we = fr_ok && !tkb_prev && keep_ok && (widx < mfw_s);
wire [31:0]     crc_cur = sof ? 32'hFFFFFFFF : cur_crc_q;
wire [47:0]     da_new  = sof ? {s_axis_rx_tdata[7:0], s_axis_rx_tdata[15:8], s_axis_rx_tdata[23:16],
                                 s_axis_rx_tdata[31:24], s_axis_rx_tdata[39:32], s_axis_rx_tdata[47:40]}
                              : cur_da_q;
wire [31:0]     crc_full;

vnic_crc32 #(.NBYTES(W)) u_crc_full (
    .crc_in  (crc_cur),
    .data_in (s_axis_rx_tdata),
    .crc_out (crc_full)
);

assign trc_rx_sof_valid   = beat && sof;
assign trc_rx_sof_seq     = seq_q;
assign trc_rx_sof_fifo_ok = fifo_ok_now;

always @* begin
    in_frame_d = in_frame_q;
    seq_d = seq_q;
    cur_seq_d = cur_seq_q;
    cur_ok_d = cur_ok_q;
    cur_merr_d = cur_merr_q;
    cur_tkb_d = cur_tkb_q;
    cur_len_d = cur_len_q;
    cur_da_d = cur_da_q;
    cur_mf_d = cur_mf_q;
    cur_widx_d = cur_widx_q;
    cur_crc_d = cur_crc_q;
    if (beat) begin
        in_frame_d = !s_axis_rx_tlast;
        if (sof) seq_d = seq_q + 32'd1;
        cur_seq_d = fr_seq;
        cur_ok_d = fr_ok;
        cur_merr_d = (sof ? 1'b0 : cur_merr_q) | s_axis_rx_tuser;
        cur_tkb_d = tkb_prev | !keep_ok;
        cur_len_d = len_new;
        cur_da_d = da_new;
        cur_mf_d = mf_s;
        cur_widx_d = widx + {{FAW{1'b0}}, 1'b1};
        cur_crc_d = crc_full;
    end
end

// ---------------------------------------------------------------- tail pipeline
// Register set i (1..LW+1) is valid in cycle tlast + i. Set i (i <= LW) feeds
// a CRC update of W >> i bytes; set LW+1 is the decision context.
reg  [NS-1:0]    tl_v_d, tl_ok_d;
reg  [NS*32-1:0] tl_len_d;
reg  [NS*14-1:0] tl_mf_d;
reg  [NS*32-1:0] tl_seq_q, tl_seq_d;
reg  [NS-1:0]    tl_merr_q, tl_merr_d, tl_tkb_q, tl_tkb_d;
reg  [NS*48-1:0] tl_da_q, tl_da_d;
reg  [NS*32-1:0] tl_crc_q, tl_crc_d;
reg  [NS*DATA_W-1:0] tl_data_q, tl_data_d;
reg  [NS*LW-1:0] tl_rem_q, tl_rem_d;       // bytes of the last beat still to be CRCed
reg              dec_fcsb_q, dec_fcsb_d;
reg              s2_runt_q, s2_runt_d;
wire [NS*32-1:0] tl_crc_step;               // CRC after stage i's chunk

genvar gi;
generate
    for (gi = 1; gi <= LW; gi = gi + 1) begin : gen_tail
        localparam integer CB = W >> gi;    // chunk bytes of this stage
        wire [31:0] crc_c;
        vnic_crc32 #(.NBYTES(CB)) u_crc (
            .crc_in  (tl_crc_q[gi*32 +: 32]),
            .data_in (tl_data_q[gi*DATA_W +: 8*CB]),
            .crc_out (crc_c)
        );
        assign tl_crc_step[gi*32 +: 32] = tl_rem_q[gi*LW + (LW - gi)] ? crc_c : tl_crc_q[gi*32 +: 32];
    end
endgenerate
assign tl_crc_step[31:0] = 32'd0;
assign tl_crc_step[(LW+1)*32 +: 32] = 32'd0;

integer i_1;
always @* begin
    tl_v_d = {NS{1'b0}};
    tl_ok_d = tl_ok_q;
    tl_len_d = tl_len_q;
    tl_mf_d = tl_mf_q;
    tl_seq_d = tl_seq_q;
    tl_merr_d = tl_merr_q;
    tl_tkb_d = tl_tkb_q;
    tl_da_d = tl_da_q;
    tl_crc_d = tl_crc_q;
    tl_data_d = tl_data_q;
    tl_rem_d = tl_rem_q;
    // stage 1 from the last beat
    tl_v_d[1] = beat && s_axis_rx_tlast;
    if (beat && s_axis_rx_tlast) begin
        tl_ok_d[1] = fr_ok;
        tl_len_d[32 +: 32] = len_new;
        tl_mf_d[14 +: 14] = mf_s;
        tl_seq_d[32 +: 32] = fr_seq;
        tl_merr_d[1] = (sof ? 1'b0 : cur_merr_q) | s_axis_rx_tuser;
        tl_tkb_d[1] = tkb_prev | !keep_ok;
        tl_da_d[48 +: 48] = da_new;
        if (&s_axis_rx_tkeep) begin
            tl_crc_d[32 +: 32] = crc_full;
            tl_rem_d[LW +: LW] = {LW{1'b0}};
        end else begin
            tl_crc_d[32 +: 32] = crc_cur;
            tl_rem_d[LW +: LW] = keep_cnt[LW-1:0];
        end
        tl_data_d[DATA_W +: DATA_W] = s_axis_rx_tdata;
    end
    // stages 2..LW+1 shift, consuming the chunk of the previous stage
    for (i_1 = 2; i_1 <= LW + 1; i_1 = i_1 + 1) begin
        tl_v_d[i_1] = tl_v_q[i_1-1];
        if (tl_v_q[i_1-1]) begin
            tl_ok_d[i_1] = tl_ok_q[i_1-1];
            tl_len_d[i_1*32 +: 32] = tl_len_q[(i_1-1)*32 +: 32];
            tl_mf_d[i_1*14 +: 14] = tl_mf_q[(i_1-1)*14 +: 14];
            tl_seq_d[i_1*32 +: 32] = tl_seq_q[(i_1-1)*32 +: 32];
            tl_merr_d[i_1] = tl_merr_q[i_1-1];
            tl_tkb_d[i_1] = tl_tkb_q[i_1-1];
            tl_da_d[i_1*48 +: 48] = tl_da_q[(i_1-1)*48 +: 48];
            tl_crc_d[i_1*32 +: 32] = tl_crc_step[(i_1-1)*32 +: 32];
            tl_rem_d[i_1*LW +: LW] = tl_rem_q[(i_1-1)*LW +: LW];
            if (tl_rem_q[(i_1-1)*LW + (LW - (i_1-1))])
                tl_data_d[i_1*DATA_W +: DATA_W] = tl_data_q[(i_1-1)*DATA_W +: DATA_W] >> (8 * (W >> (i_1-1)));
            else
                tl_data_d[i_1*DATA_W +: DATA_W] = tl_data_q[(i_1-1)*DATA_W +: DATA_W];
        end
    end
    // stage 2 learns runt, the decision stage the FCS verdict
    s2_runt_d = tl_len_q[32 +: 32] < 32'd64;
    dec_fcsb_d = tl_crc_step[LW*32 +: 32] != RESIDUE;
end

// runt travels from stage 2 to the decision stage
localparam integer RO_D = LW - 1;           // stages between 2 and LW+1
reg [RO_D-1:0] ro_runt_q;
always @(posedge clk) begin
    ro_runt_q <= {ro_runt_q[RO_D-2:0], s2_runt_q};
end

assign pre_valid = tl_v_q[1];
assign pre_da    = tl_da_q[48 +: 48];

wire [FAW:0] dec_words = frame_words(tl_len_q[(LW+1)*32 +: 32], tl_mf_q[(LW+1)*14 +: 14]);

assign dec_valid    = tl_v_q[LW+1];
assign dec_seq      = tl_seq_q[(LW+1)*32 +: 32];
assign dec_fifo_ok  = tl_ok_q[LW+1];
assign dec_macerr   = tl_merr_q[LW+1];
assign dec_tkeep    = tl_tkb_q[LW+1];
assign dec_runt     = ro_runt_q[RO_D-1];
assign dec_fcs_bad  = dec_fcsb_q;
assign dec_len      = tl_len_q[(LW+1)*32 +: 32];
assign dec_fwords   = dec_words;

// ---------------------------------------------------------------- FIFO write delay line
// Beat c is written to the RAM in cycle c + DEC_LAT.
reg [DEC_LAT-1:0]        dl_we_q, dl_first_q;
reg [DEC_LAT*DATA_W-1:0] dl_data_q;
always @(posedge clk) begin
    if (rst) begin
        dl_we_q <= {DEC_LAT{1'b0}};
        dl_first_q <= {DEC_LAT{1'b0}};
    end else begin
        dl_we_q <= {dl_we_q[DEC_LAT-2:0], beat && beat_we};
        dl_first_q <= {dl_first_q[DEC_LAT-2:0], beat && sof && fifo_ok_now};
    end
    dl_data_q <= {dl_data_q[(DEC_LAT-1)*DATA_W-1:0], s_axis_rx_tdata};
end

wire              ram_we    = dl_we_q[DEC_LAT-1];
wire              ram_first = dl_first_q[DEC_LAT-1];
wire [DATA_W-1:0] ram_wdata = dl_data_q[(DEC_LAT-1)*DATA_W +: DATA_W];

reg [FAW-1:0] wr_ptr_q, wr_ptr_d;
reg [FAW-1:0] fstart_q, fstart_d;
wire [FAW-1:0] fstart_now = ram_first ? wr_ptr_q : fstart_q;

wire drop_rewind = dec_valid && dec_fifo_ok && !dec_keep;   // erase the dropped frame

always @* begin
    wr_ptr_d = wr_ptr_q;
    fstart_d = fstart_q;
    if (ram_first) fstart_d = wr_ptr_q;
    if (ram_we) wr_ptr_d = wr_ptr_q + {{(FAW-1){1'b0}}, 1'b1};
    if (drop_rewind) wr_ptr_d = fstart_now;
end

vnic_ram_sdp #(
    .DW    (DATA_W),
    .DEPTH (FWORDS),
    .AW    (FAW)
) u_fifo_ram (
    .clk     (clk),
    .wr_en   (ram_we),
    .wr_addr (wr_ptr_q),
    .wr_data (ram_wdata),
    .rd_en   (fifo_rd_en),
    .rd_addr (fifo_rd_addr),
    .rd_data (fifo_rd_data)
);

// ---------------------------------------------------------------- FIFO accounting and releases
always @* begin
    occ_d = occ_q;
    if (tl1_add) occ_d = occ_d + tl1_words;
    if (copy_rel_valid) occ_d = occ_d - copy_rel_words;
end

assign sof_drop = beat && sof && !fifo_ok_now;
assign trc_rx_fifo_rel_valid = copy_rel_valid;
assign trc_rx_fifo_rel_seq   = copy_rel_seq;

// ---------------------------------------------------------------- registers
always @(posedge clk) begin
    if (rst) begin
        ready_q <= 1'b0;
        in_frame_q <= 1'b0;
        seq_q <= 32'd0;
        cur_seq_q <= 32'd0;
        cur_ok_q <= 1'b0;
        cur_merr_q <= 1'b0;
        cur_tkb_q <= 1'b0;
        cur_len_q <= 32'd0;
        cur_da_q <= 48'd0;
        cur_mf_q <= 14'd0;
        cur_widx_q <= {(FAW+1){1'b0}};
        cur_crc_q <= 32'hFFFFFFFF;
        occ_q <= {(FAW+1){1'b0}};
        tl_v_q <= {NS{1'b0}};
        wr_ptr_q <= {FAW{1'b0}};
        fstart_q <= {FAW{1'b0}};
    end else begin
        ready_q <= 1'b1;
        in_frame_q <= in_frame_d;
        seq_q <= seq_d;
        cur_seq_q <= cur_seq_d;
        cur_ok_q <= cur_ok_d;
        cur_merr_q <= cur_merr_d;
        cur_tkb_q <= cur_tkb_d;
        cur_len_q <= cur_len_d;
        cur_da_q <= cur_da_d;
        cur_mf_q <= cur_mf_d;
        cur_widx_q <= cur_widx_d;
        cur_crc_q <= cur_crc_d;
        occ_q <= occ_d;
        tl_v_q <= tl_v_d;
        wr_ptr_q <= wr_ptr_d;
        fstart_q <= fstart_d;
    end
    tl_ok_q <= tl_ok_d;
    tl_len_q <= tl_len_d;
    tl_mf_q <= tl_mf_d;
    tl_seq_q <= tl_seq_d;
    tl_merr_q <= tl_merr_d;
    tl_tkb_q <= tl_tkb_d;
    tl_da_q <= tl_da_d;
    tl_crc_q <= tl_crc_d;
    tl_data_q <= tl_data_d;
    tl_rem_q <= tl_rem_d;
    s2_runt_q <= s2_runt_d;
    dec_fcsb_q <= dec_fcsb_d;
end

endmodule

`resetall
