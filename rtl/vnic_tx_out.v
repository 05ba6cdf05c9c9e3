// vnic_tx_out: TX output engine: reads granted frames from the TX buffer, pads to 60 bytes, appends the FCS, drives m_axis_tx.
`resetall
`timescale 1ns / 1ps
`default_nettype none

/*
 * The output side of docs/architecture.md §5.
 *
 * Frames arrive from vnic_tx_sched as grants {vNIC, n, start offset}; up to
 * FRAMES granted frames are held (take = room for one more, registered).
 * A reader streams each frame's ceil(n/W) words out of the vNIC's circular
 * TX partition (TX_BASE/TX_SIZE, wrapping at its end) through a 4-word
 * FIFO. The formatter then builds the wire frame of L = max(n, 60) + 4
 * bytes in ceil(L/W) beats:
 *   stage A  masks the bytes at and above n to zero (padding), runs the
 *            CRC-32 over the padded bytes 0..max(n,60)-1 (vnic_crc32 on
 *            whole words, vnic_tx_crc takes the zero lanes past the last
 *            byte back out);
 *   stage B  inserts the FCS (little-endian, possibly across two beats) and
 *            holds the registered m_axis_tx beat: tkeep all ones except on
 *            the last beat (a run of ones from lane 0), tuser = 0.
 * m_axis_tx: tvalid never waits for tready; data holds while stalled.
 * sent_* marks the cycle the last beat of a frame is accepted (tvalid,
 * tready and tlast; vNIC and n from the output register): TX_SENT, the TX
 * ring moderation and, one cycle later, the counters and the partition
 * release use it.
 *
 * Latency: first beat valid 4 cycles after the grant (read, FIFO, A, B);
 * sent_* combinational from tready in the last beat's cycle.
 * Throughput: one beat per cycle while tready is high, frames back to back
 * without a gap (W bytes per cycle for every frame size), so the MAC's
 * inter-frame gap is the only idle time on the stream.
 */
module vnic_tx_out #(
    parameter integer NUM_VNIC     = 8,       // number of vNICs, 1..32
    parameter integer DATA_W       = 64,      // datapath width, bits: 64, 128 or 256
    parameter integer TX_BUF_BYTES = 65536,   // TX buffer, bytes (power of two)
    parameter integer OFF_W        = 13,      // word address bits of the TX buffer: log2(TX_BUF_BYTES / (DATA_W / 8))
    parameter integer FRAMES       = 4        // granted frames held, 2, 4 or 8
) (
    input  wire                       clk,
    input  wire                       rst,

    // partitions (bytes, multiples of 64)
    input  wire [NUM_VNIC*32-1:0]     cfg_tx_base,
    input  wire [NUM_VNIC*32-1:0]     cfg_tx_size,

    // grants from vnic_tx_sched
    input  wire                       grant_valid,
    input  wire [4:0]                 grant_vnic,
    input  wire [13:0]                grant_len,     // n, bytes without FCS
    input  wire [OFF_W-1:0]           grant_off,     // start offset in the partition, words
    output wire                       take,          // room for one more granted frame

    // TX buffer read port (data one cycle after rd_en)
    output wire                       buf_rd_en,
    output wire [OFF_W-1:0]           buf_rd_addr,   // word address
    input  wire [DATA_W-1:0]          buf_rd_data,

    // AXI4-Stream TX (to the MAC)
    output wire [DATA_W-1:0]          m_axis_tx_tdata,
    output wire [DATA_W/8-1:0]        m_axis_tx_tkeep,
    output wire                       m_axis_tx_tvalid,
    input  wire                       m_axis_tx_tready,
    output wire                       m_axis_tx_tlast,
    output wire                       m_axis_tx_tuser,

    // a frame's last beat is accepted in this cycle
    output wire                       sent_valid,
    output wire [4:0]                 sent_vnic,
    output wire [13:0]                sent_len       // n
);

// ---------------------------------------------------------------- parameters
localparam integer W   = DATA_W / 8;
localparam integer WB  = $clog2(W);                      // byte-in-word bits
localparam integer BA  = $clog2(TX_BUF_BYTES / W);       // buffer word address bits
localparam integer FA  = $clog2(FRAMES);                 // frame slot index bits
localparam integer DF  = 4;                              // data FIFO depth, words
localparam [14:0]  W15 = W[14:0];
localparam [2:0]   DF3 = 3'd4;

generate
    if (DATA_W != 64 && DATA_W != 128 && DATA_W != 256) begin : gen_err_data_w
        vnic_error_DATA_W_must_be_64_128_or_256 u_error ();
    end
    if (NUM_VNIC < 1 || NUM_VNIC > 32) begin : gen_err_num_vnic
        vnic_error_NUM_VNIC_must_be_1_to_32 u_error ();
    end
    if (FRAMES < 2 || FRAMES > 8 || (FRAMES & (FRAMES - 1)) != 0) begin : gen_err_frames
        vnic_error_FRAMES_must_be_2_4_or_8 u_error ();
    end
    if (TX_BUF_BYTES < 4096 || (TX_BUF_BYTES & (TX_BUF_BYTES - 1)) != 0) begin : gen_err_tx_buf
        vnic_error_TX_BUF_BYTES_must_be_a_power_of_two_at_least_4096 u_error ();
    end
    if (OFF_W != BA) begin : gen_err_off_w
        vnic_error_OFF_W_must_be_log2_of_TX_BUF_BYTES_over_W u_error ();
    end
endgenerate

// ---------------------------------------------------------------- frame slots
// slot: vNIC, n, next word address, partition base and end (word addresses)
reg  [FRAMES*5-1:0]   s_vnic_q, s_vnic_d;
reg  [FRAMES*14-1:0]  s_len_q, s_len_d;
reg  [FRAMES*BA-1:0]  s_base_q, s_base_d;
reg  [FRAMES*(BA+1)-1:0] s_end_q, s_end_d;
reg  [FRAMES*BA-1:0]  s_start_q, s_start_d;
reg  [FA:0]           cnt_q, cnt_d;          // frames held
reg  [FA-1:0]         tl_q, tl_d;            // next free slot
reg  [FA-1:0]         hd_q, hd_d;            // frame in the formatter
reg  [FA-1:0]         rs_q, rs_d;            // frame in the reader
reg  [FA:0]           rn_q, rn_d;            // frames not yet read
reg                   take_q, take_d;

// reader
reg  [BA:0]           ra_q, ra_d;            // next word address (one extra bit for the end compare)
reg  [14:0]           rw_q, rw_d;            // words left in the frame being read
reg                   ract_q, ract_d;        // a frame is being read
reg                   rv_q, rv_d;            // a read was issued last cycle

// data FIFO
reg  [DATA_W-1:0]     df_mem [0:DF-1];
reg  [1:0]            dfw_q, dfw_d, dfr_q, dfr_d;
reg  [2:0]            dfn_q, dfn_d;

// formatter stage A
reg  [14:0]           ab_q, ab_d;            // beat index in the frame
reg                   a_vld_q, a_vld_d;
reg  [DATA_W-1:0]     a_data_q, a_data_d;
reg  [31:0]           crc_q, crc_d;          // CRC register after a_data
reg  [W-1:0]          a_keep_q, a_keep_d;
reg                   a_last_q, a_last_d;
reg                   a_flo_q, a_flo_d;      // beat holds the first FCS bytes
reg                   a_fhi_q, a_fhi_d;      // beat holds the FCS bytes that spill over
reg  [WB-1:0]         a_m_q, a_m_d;          // max(n,60) mod W
reg  [4:0]            a_vnic_q, a_vnic_d;
reg  [13:0]           a_len_q, a_len_d;

// stage B (output register)
reg                   b_vld_q, b_vld_d;
reg  [DATA_W-1:0]     b_data_q, b_data_d;
reg  [W-1:0]          b_keep_q, b_keep_d;
reg                   b_last_q, b_last_d;
reg  [31:0]           fcs_q, fcs_d;
reg  [4:0]            b_vnic_q, b_vnic_d;
reg  [13:0]           b_len_q, b_len_d;


assign take             = take_q;
assign m_axis_tx_tdata  = b_data_q;
assign m_axis_tx_tkeep  = b_keep_q;
assign m_axis_tx_tvalid = b_vld_q;
assign m_axis_tx_tlast  = b_last_q;
assign m_axis_tx_tuser  = 1'b0;
assign sent_valid       = b_vld_q && m_axis_tx_tready && b_last_q;
assign sent_vnic        = b_vnic_q;
assign sent_len         = b_len_q;

// ---------------------------------------------------------------- CRC
wire [31:0]     crc_step;
wire [31:0]     fcs_fin;

vnic_crc32 #(
    .NBYTES (W)
) u_crc (
    .crc_in  (crc_in),
    .data_in (a_word),
    .crc_out (crc_step)
);

vnic_tx_crc #(
    .DATA_W (DATA_W)
) u_crc_fin (
    .crc_in  (crc_q),
    .skip    ({WB{1'b0}} - a_m_q),
    .crc_out (fcs_fin)
);

// ---------------------------------------------------------------- formatter geometry of the head frame
reg  [13:0]  h_len;
reg  [4:0]   h_vnic;
reg  [14:0]  h_p, h_l;                      // max(n,60), L = max(n,60) + 4
reg  [14:0]  h_nb, h_nw, h_bf;              // beats, data words, beat of the first FCS byte
reg  [WB-1:0] h_m;
integer      i;
reg  [31:0]  crc_in;
reg  [DATA_W-1:0] a_word;

always @* begin
    h_len  = 14'd0;
    h_vnic = 5'd0;
    for (i = 0; i < FRAMES; i = i + 1)
        if (hd_q == i[FA-1:0]) begin
            h_len  = s_len_q[i*14 +: 14];
            h_vnic = s_vnic_q[i*5 +: 5];
        end
    h_p  = (h_len > 14'd60) ? {1'b0, h_len} : 15'd60;
    h_l  = h_p + 15'd4;
    h_nb = (h_l + W15 - 15'd1) >> WB;
    h_nw = ({1'b0, h_len} + W15 - 15'd1) >> WB;
    h_bf = h_p >> WB;
    h_m  = h_p[WB-1:0];
end

// ---------------------------------------------------------------- stage A input
wire [DATA_W-1:0] df_head = df_mem[dfr_q];

// The beat of the head frame stage A would take: data word with the bytes at
// and above n zeroed, or zeros (padding, FCS beats).
reg  [14:0]       a_boff;                   // byte offset of beat ab_q
reg  [14:0]       a_lim;
integer           k;
integer           kb;                        // loop index of the output process
always @* begin
    k = 0;  // loop index: assigned on every path (no latch)
    a_boff = ab_q << WB;
    a_lim  = {1'b0, h_len} - a_boff;
    a_word = {DATA_W{1'b0}};
    // lane k is zeroed when a_lim <= k: a_lim below W and its low bits <= k
    // (no 15-bit compare per lane)
    if (ab_q < h_nw) begin
        a_word = df_head;
        for (k = 0; k < W; k = k + 1)
            if (a_lim[14:WB] == {(15-WB){1'b0}} && a_lim[WB-1:0] <= k[WB-1:0]) a_word[k*8 +: 8] = 8'd0;
    end
    crc_in = (ab_q == 15'd0) ? 32'hFFFFFFFF : crc_q;
end

// ---------------------------------------------------------------- next state
reg          b_ready, a_ready, rd_go, r_fin, df_pop;
reg  [FA-1:0] r_nxt;
reg  [14:0]  lim;
reg  [DATA_W-1:0] ins;
reg  [13:0]  r_len;
reg  [BA-1:0] r_start, r_base;
reg  [BA:0]  r_end;
reg  [31:0]  gb, gs;
reg  [32:0]  ge;
reg  [5:0]   mq;                            // a_m_q, widened
reg  [31:0]  fcs_new;

always @* begin
    kb = 0;  // this process's own loop index (no latch, one driver)
    s_vnic_d = s_vnic_q; s_len_d = s_len_q; s_base_d = s_base_q; s_end_d = s_end_q; s_start_d = s_start_q;
    cnt_d = cnt_q; tl_d = tl_q; hd_d = hd_q; rs_d = rs_q; rn_d = rn_q; take_d = take_q;
    ra_d = ra_q; rw_d = rw_q; ract_d = ract_q; rv_d = 1'b0;
    dfw_d = dfw_q; dfr_d = dfr_q; dfn_d = dfn_q;
    ab_d = ab_q;
    a_vld_d = a_vld_q; a_data_d = a_data_q; crc_d = crc_q; a_keep_d = a_keep_q; a_last_d = a_last_q;
    a_flo_d = a_flo_q; a_fhi_d = a_fhi_q; a_m_d = a_m_q; a_vnic_d = a_vnic_q; a_len_d = a_len_q;
    b_vld_d = b_vld_q; b_data_d = b_data_q; b_keep_d = b_keep_q; b_last_d = b_last_q; fcs_d = fcs_q;
    b_vnic_d = b_vnic_q; b_len_d = b_len_q;
    df_pop = 1'b0;
    lim = 15'd0;
    ins = {DATA_W{1'b0}};
    mq = {{(6-WB){1'b0}}, a_m_q};
    fcs_new = ~fcs_fin;
    r_len = 14'd0; r_start = {BA{1'b0}}; r_base = {BA{1'b0}}; r_end = {(BA+1){1'b0}};
    for (i = 0; i < FRAMES; i = i + 1)
        if (rs_q == i[FA-1:0]) begin
            r_base  = s_base_q[i*BA +: BA];
            r_end   = s_end_q[i*(BA+1) +: BA+1];
        end

    // ---- grant: a new slot
    gb = 32'd0;
    gs = 32'd0;
    for (i = 0; i < NUM_VNIC; i = i + 1)
        if (grant_vnic == i[4:0]) begin
            gb = cfg_tx_base[i*32 +: 32];
            gs = cfg_tx_size[i*32 +: 32];
        end
    ge = {1'b0, gb} + {1'b0, gs};
    if (grant_valid) begin
        for (i = 0; i < FRAMES; i = i + 1)
            if (tl_q == i[FA-1:0]) begin
                s_vnic_d[i*5 +: 5] = grant_vnic;
                s_len_d[i*14 +: 14] = grant_len;
                s_base_d[i*BA +: BA] = gb[WB +: BA];
                s_end_d[i*(BA+1) +: BA+1] = ge[WB +: BA+1];
                s_start_d[i*BA +: BA] = gb[WB +: BA] + grant_off;
            end
        tl_d = tl_q + 1'b1;
    end

    // ---- reader: one word per cycle while the FIFO has room for it; the
    // next frame starts in the cycle the last word of a frame is read
    rd_go = ract_q && (dfn_q + {2'd0, rv_q}) < DF3;
    r_fin = rd_go && rw_q == 15'd1;
    if (rd_go) begin
        rv_d = 1'b1;
        rw_d = rw_q - 15'd1;
        ra_d = (ra_q + 1'b1 == r_end) ? {1'b0, r_base} : ra_q + 1'b1;
    end
    if (r_fin) begin
        ract_d = 1'b0;
        rs_d = rs_q + 1'b1;
        rn_d = rn_d - 1'b1;
    end
    r_nxt = r_fin ? rs_q + 1'b1 : rs_q;
    for (i = 0; i < FRAMES; i = i + 1)
        if (r_nxt == i[FA-1:0]) begin
            r_len   = s_len_q[i*14 +: 14];
            r_start = s_start_q[i*BA +: BA];
        end
    if ((!ract_q || r_fin) && (r_fin ? rn_q != {{FA{1'b0}}, 1'b1} : rn_q != {(FA+1){1'b0}})) begin
        ract_d = 1'b1;
        ra_d   = {1'b0, r_start};
        rw_d   = ({1'b0, r_len} + W15 - 15'd1) >> WB;
    end

    // ---- stage B: the output register
    b_ready = !b_vld_q || m_axis_tx_tready;
    if (b_vld_q && m_axis_tx_tready) begin
        b_vld_d = 1'b0;
    end

    // ---- stage A: one beat of the head frame
    a_ready = !a_vld_q || b_ready;
    if (a_ready && cnt_q != {(FA+1){1'b0}} && (ab_q >= h_nw || dfn_q != 3'd0)) begin
        if (ab_q < h_nw) df_pop = 1'b1;
        crc_d = (ab_q < h_bf || (ab_q == h_bf && h_m != {WB{1'b0}})) ? crc_step : crc_in;
        a_vld_d = 1'b1;
        a_data_d = a_word;
        a_last_d = (ab_q + 15'd1 == h_nb);
        a_flo_d = (ab_q == h_bf);
        a_fhi_d = (ab_q == h_bf + 15'd1) && ({{(15-WB){1'b0}}, h_m} + 15'd4 > W15);
        a_m_d = h_m;
        a_vnic_d = h_vnic;
        a_len_d = h_len;
        lim = h_l - a_boff;
        for (kb = 0; kb < W; kb = kb + 1)
            a_keep_d[kb] = lim[14:WB] != {(15-WB){1'b0}} || lim[WB-1:0] > kb[WB-1:0];
        if (ab_q + 15'd1 == h_nb) begin
            ab_d = 15'd0;
            hd_d = hd_q + 1'b1;
            cnt_d = cnt_d - 1'b1;
        end else begin
            ab_d = ab_q + 15'd1;
        end
    end else if (a_ready) begin
        a_vld_d = 1'b0;
    end

    // ---- B loads A's beat, with the FCS inserted
    if (a_vld_q && b_ready) begin
        b_vld_d = 1'b1;
        b_keep_d = a_keep_q;
        b_last_d = a_last_q;
        b_vnic_d = a_vnic_q;
        b_len_d = a_len_q;
        ins = a_data_q;
        if (a_flo_q) begin
            fcs_d = fcs_new;
            for (kb = 0; kb < W; kb = kb + 1)
                if (kb[5:0] >= mq && kb[5:0] < mq + 6'd4) ins[kb*8 +: 8] = fcs_new[(kb[5:0] - mq)*8 +: 8];
        end
        if (a_fhi_q) begin
            for (kb = 0; kb < W; kb = kb + 1)
                if (kb[5:0] + W[5:0] < mq + 6'd4) ins[kb*8 +: 8] = fcs_q[(kb[5:0] + W[5:0] - mq)*8 +: 8];
        end
        b_data_d = ins;
    end

    // ---- data FIFO
    if (rv_q) dfw_d = dfw_q + 2'd1;
    if (df_pop) dfr_d = dfr_q + 2'd1;
    dfn_d = dfn_q + {2'd0, rv_q} - {2'd0, df_pop};

    // ---- frame count
    if (grant_valid) begin
        cnt_d = cnt_d + 1'b1;
        rn_d = rn_d + 1'b1;
    end
    take_d = cnt_d < FRAMES[FA:0];
end

// configuration bits outside the TX buffer's word address
wire unused_cfg = ^{gb[31:WB+BA], gb[WB-1:0], gs, ge[32:WB+BA+1], ge[WB-1:0]};

always @(posedge clk) begin
    if (rv_q) df_mem[dfw_q] <= buf_rd_data;
end

assign buf_rd_en   = rd_go;
assign buf_rd_addr = ra_q[BA-1:0];

// ---------------------------------------------------------------- registers
always @(posedge clk) begin
    if (rst) begin
        s_vnic_q <= {FRAMES*5{1'b0}};
        s_len_q <= {FRAMES*14{1'b0}};
        s_base_q <= {FRAMES*BA{1'b0}};
        s_end_q <= {FRAMES*(BA+1){1'b0}};
        s_start_q <= {FRAMES*BA{1'b0}};
        cnt_q <= {(FA+1){1'b0}};
        tl_q <= {FA{1'b0}};
        hd_q <= {FA{1'b0}};
        rs_q <= {FA{1'b0}};
        rn_q <= {(FA+1){1'b0}};
        take_q <= 1'b1;
        ra_q <= {(BA+1){1'b0}};
        rw_q <= 15'd0;
        ract_q <= 1'b0;
        rv_q <= 1'b0;
        dfw_q <= 2'd0;
        dfr_q <= 2'd0;
        dfn_q <= 3'd0;
        ab_q <= 15'd0;
        a_vld_q <= 1'b0;
        a_data_q <= {DATA_W{1'b0}};
        crc_q <= 32'hFFFFFFFF;
        a_keep_q <= {W{1'b0}};
        a_last_q <= 1'b0;
        a_flo_q <= 1'b0;
        a_fhi_q <= 1'b0;
        a_m_q <= {WB{1'b0}};
        a_vnic_q <= 5'd0;
        a_len_q <= 14'd0;
        b_vld_q <= 1'b0;
        b_data_q <= {DATA_W{1'b0}};
        b_keep_q <= {W{1'b0}};
        b_last_q <= 1'b0;
        fcs_q <= 32'd0;
        b_vnic_q <= 5'd0;
        b_len_q <= 14'd0;
    end else begin
        s_vnic_q <= s_vnic_d;
        s_len_q <= s_len_d;
        s_base_q <= s_base_d;
        s_end_q <= s_end_d;
        s_start_q <= s_start_d;
        cnt_q <= cnt_d;
        tl_q <= tl_d;
        hd_q <= hd_d;
        rs_q <= rs_d;
        rn_q <= rn_d;
        take_q <= take_d;
        ra_q <= ra_d;
        rw_q <= rw_d;
        ract_q <= ract_d;
        rv_q <= rv_d;
        dfw_q <= dfw_d;
        dfr_q <= dfr_d;
        dfn_q <= dfn_d;
        ab_q <= ab_d;
        a_vld_q <= a_vld_d;
        a_data_q <= a_data_d;
        crc_q <= crc_d;
        a_keep_q <= a_keep_d;
        a_last_q <= a_last_d;
        a_flo_q <= a_flo_d;
        a_fhi_q <= a_fhi_d;
        a_m_q <= a_m_d;
        a_vnic_q <= a_vnic_d;
        a_len_q <= a_len_d;
        b_vld_q <= b_vld_d;
        b_data_q <= b_data_d;
        b_keep_q <= b_keep_d;
        b_last_q <= b_last_d;
        fcs_q <= fcs_d;
        b_vnic_q <= b_vnic_d;
        b_len_q <= b_len_d;
    end
end

endmodule

`resetall
