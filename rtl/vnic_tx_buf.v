// vnic_tx_buf: partitioned TX packet buffer (inferred block RAM) with per-vNIC circular partitions and TX_USED accounting.
`resetall
`timescale 1ns / 1ps
`default_nettype none

/*
 * docs/architecture.md §4.6 and §5: vNIC v owns [TX_BASE_v, TX_BASE_v +
 * TX_SIZE_v) of the TX buffer, used as a circular queue of whole words; an
 * n-byte frame takes S_tx(n) = W * ceil(n / W) bytes.
 *
 * Accounting per vNIC (bytes; TX_USED = used):
 *   res    the DMA reserves S_tx(n) before it reads a frame   used += S
 *   end    the frame has landed: kept (queued) or aborted
 *            keep:  wp += S (words), queued += S
 *            abort: used -= S (anti-spoof, AXI error, halt)
 *   gnt    the scheduler granted a queued frame               queued -= S
 *   sent   the output engine sent a frame's last beat          used -= S
 *   flush  RESET: queued frames are discarded                 used -= queued,
 *                                                              wp -= queued, queued = 0
 * A frame's position is assigned when it lands (wp), not when it is
 * reserved, and frames land in the order they were reserved per vNIC, so
 * the partition never has holes: the free space is the contiguous run
 * from wp, and reserving against TX_SIZE - used is always safe.
 * A COMMIT or RESET that leaves used = 0 restarts the partition at 0.
 *
 * Landing writes give the vNIC and the word index inside the frame; the
 * word goes to TX_BASE + (wp + index) mod TX_SIZE. The output engine reads
 * with absolute word addresses. RAM: one write port, one read port with one
 * cycle latency (vnic_ram_sdp). Latency of every update: 1 cycle.
 */
module vnic_tx_buf #(
    parameter integer NUM_VNIC     = 8,       // number of vNICs, 1..32
    parameter integer DATA_W       = 64,      // datapath width, bits: 64, 128 or 256
    parameter integer TX_BUF_BYTES = 65536,   // TX buffer, bytes (power of two, >= 4096)
    parameter integer OFF_W        = 13       // word address bits: log2(TX_BUF_BYTES / (DATA_W / 8))
) (
    input  wire                   clk,
    input  wire                   rst,

    // partitions (bytes, multiples of 64)
    input  wire [NUM_VNIC*32-1:0] cfg_tx_base,
    input  wire [NUM_VNIC*32-1:0] cfg_tx_size,

    // TX DMA: reservation, landing, frame end
    input  wire                   res_valid,
    input  wire [4:0]             res_vnic,
    input  wire [13:0]            res_len,        // n, bytes
    input  wire                   wr_valid,
    input  wire [4:0]             wr_vnic,
    input  wire [OFF_W-1:0]       wr_idx,         // word index inside the frame
    input  wire [DATA_W-1:0]      wr_data,
    input  wire                   end_valid,
    input  wire [4:0]             end_vnic,
    input  wire [13:0]            end_len,
    input  wire                   end_keep,       // 1: queued, 0: aborted
    output wire [OFF_W-1:0]       end_off,        // start offset (words) of end_vnic's landing frame

    // scheduler grant and output engine
    input  wire                   gnt_valid,
    input  wire [4:0]             gnt_vnic,
    input  wire [13:0]            gnt_len,
    input  wire                   sent_valid,
    input  wire [4:0]             sent_vnic,
    input  wire [13:0]            sent_len,
    input  wire                   rd_en,
    input  wire [OFF_W-1:0]       rd_addr,        // absolute word address
    output wire [DATA_W-1:0]      rd_data,

    // commands, in the cycle they take effect
    input  wire                   cmd_init,       // successful COMMIT or RESET of cmd_vnic
    input  wire                   cmd_flush,      // RESET of cmd_vnic
    input  wire [4:0]             cmd_vnic,

    // status
    output wire [NUM_VNIC*32-1:0] tx_used         // TX_USED per vNIC, bytes
);

localparam integer NV = NUM_VNIC;
localparam integer W  = DATA_W / 8;
localparam integer WB = $clog2(W);
localparam integer BA = $clog2(TX_BUF_BYTES / W);
localparam integer UW = BA + WB + 1;        // byte levels: 0 .. TX_BUF_BYTES

generate
    if (DATA_W != 64 && DATA_W != 128 && DATA_W != 256) begin : gen_err_data_w
        vnic_error_DATA_W_must_be_64_128_or_256 u_error ();
    end
    if (TX_BUF_BYTES < 4096 || (TX_BUF_BYTES & (TX_BUF_BYTES - 1)) != 0) begin : gen_err_tx_buf
        vnic_error_TX_BUF_BYTES_must_be_a_power_of_two_at_least_4096 u_error ();
    end
    if (OFF_W != BA) begin : gen_err_off_w
        vnic_error_OFF_W_must_be_log2_of_TX_BUF_BYTES_over_W u_error ();
    end
    if (NUM_VNIC < 1 || NUM_VNIC > 32) begin : gen_err_num_vnic
        vnic_error_NUM_VNIC_must_be_1_to_32 u_error ();
    end
endgenerate

// S_tx(n) in bytes, at the width of a byte level (the frames a vNIC
// reserves fit its partition)
function [UW-1:0] stx;
    input [13:0] n;
    reg   [14:0] r;
    integer      k;
    begin
        r = ({1'b0, n} + W[14:0] - 15'd1) >> WB;
        stx = {UW{1'b0}};
        for (k = 0; k < 15 && k + WB < UW; k = k + 1)
            stx[k + WB] = r[k];
    end
endfunction

// Levels in bytes at UW bits: used never exceeds the vNIC's TX_SIZE (space
// is reserved only against TX_SIZE - used, every release follows its
// reservation), TX_SIZE never exceeds the buffer (COMMIT's RANGE rule), and
// queued <= used; TX_USED is the level zero-extended to 32 bits.
reg [NV*UW-1:0] used_q, used_d;
reg [NV*UW-1:0] qb_q, qb_d;                 // queued (not granted) bytes
reg [NV*BA-1:0] wp_q, wp_d;                 // landing position, words

genvar gv;
generate
    for (gv = 0; gv < NV; gv = gv + 1) begin : gen_used
        assign tx_used[gv*32 +: 32] = {{(32-UW){1'b0}}, used_q[gv*UW +: UW]};
    end
endgenerate

// ---------------------------------------------------------------- landing address
reg  [31:0] wb_base, wb_size;
reg  [BA:0] wr_t;
reg  [BA-1:0] wr_addr, e_off;
integer     v;
always @* begin
    wb_base = 32'd0;
    wb_size = 32'd0;
    e_off   = {BA{1'b0}};
    wr_t    = {(BA+1){1'b0}};
    for (v = 0; v < NV; v = v + 1) begin
        if (wr_vnic == v[4:0]) begin
            wb_base = cfg_tx_base[v*32 +: 32];
            wb_size = cfg_tx_size[v*32 +: 32];
            wr_t    = {1'b0, wp_q[v*BA +: BA]} + {1'b0, wr_idx};
        end
        if (end_vnic == v[4:0]) e_off = wp_q[v*BA +: BA];
    end
    if (wr_t >= wb_size[WB +: BA+1]) wr_t = wr_t - wb_size[WB +: BA+1];
    wr_addr = wb_base[WB +: BA] + wr_t[BA-1:0];
end
assign end_off = e_off;

wire unused_addr = ^{wb_base[31:WB+BA], wb_base[WB-1:0], wb_size[31:WB+BA+1], wb_size[WB-1:0]};

vnic_ram_sdp #(
    .DW    (DATA_W),
    .DEPTH (1 << BA),
    .AW    (BA)
) u_txbuf_ram (
    .clk     (clk),
    .wr_en   (wr_valid),
    .wr_addr (wr_addr),
    .wr_data (wr_data),
    .rd_en   (rd_en),
    .rd_addr (rd_addr),
    .rd_data (rd_data)
);

// ---------------------------------------------------------------- accounting
// Levels per vNIC; the landing position changes only for end_vnic (a kept
// frame) and cmd_vnic (flush, restart), so it is computed once for each.
// The frame-end event comes last in the TX DMA's landing cycle, so its term
// enters each level last (u0/q0 are the levels after the other events), and
// the command's results do not wait for it more than they must:
//   c_u - c_q = (u0 - q0) - e_c, e_c = S of end_vnic's frame if end_vnic =
//   cmd_vnic (kept or aborted, it leaves c_u - c_q alike), else 0;
//   "level becomes 0" is an equality against that term, not a test of a
//   difference; and a flush's position (wp + S of a kept frame) - (queued
//   + S) in words equals wp - q0 in words, whatever the frame end does.
reg [UW-1:0]    u, q, se;
reg [NV*UW-1:0] u0a, q0a;                   // levels after res/gnt/sent
reg [NV*UW-1:0] ua, qa;                     // ... and after end
reg [BA:0]      kp, k_szw, k_dw;            // end_vnic: position after a kept frame
reg [BA:0]      c_p, c_szw, c_q0w, fp;      // cmd_vnic: position, after a flush
reg [UW-1:0]    c_u0, c_q0, c_d0, c_e, c_ed, fu;
reg [NV*UW-1:0] un0a;                       // used after sent only (no reservation)
reg [UW-1:0]    c_un0, c_rs;                // cmd_vnic: that level; its reservation's S
reg             k_go, c_end, c_zero, c_res;
always @* begin
    // end_vnic's position after a kept frame
    k_szw = {(BA+1){1'b0}};
    c_szw = {(BA+1){1'b0}};
    c_p   = {(BA+1){1'b0}};
    for (v = 0; v < NV; v = v + 1) begin
        if (end_vnic == v[4:0]) k_szw = cfg_tx_size[v*32 + WB +: BA+1];
        if (cmd_vnic == v[4:0]) begin
            c_szw = cfg_tx_size[v*32 + WB +: BA+1];
            c_p   = {1'b0, wp_q[v*BA +: BA]};
        end
    end
    k_go = end_valid && end_keep;
    se   = stx(end_len);
    k_dw = se[WB +: BA+1];
    kp   = {1'b0, e_off} + k_dw;
    if (kp >= k_szw) kp = kp - k_szw;

    // every vNIC's levels after this cycle's events (commands aside)
    for (v = 0; v < NV; v = v + 1) begin
        u = used_q[v*UW +: UW];
        q = qb_q[v*UW +: UW];
        if (sent_valid && sent_vnic == v[4:0]) u = u - stx(sent_len);
        un0a[v*UW +: UW] = u;
        if (res_valid && res_vnic == v[4:0]) u = u + stx(res_len);
        if (gnt_valid && gnt_vnic == v[4:0]) q = q - stx(gnt_len);
        u0a[v*UW +: UW] = u;
        q0a[v*UW +: UW] = q;
        if (end_valid && end_vnic == v[4:0]) begin
            if (end_keep) q = q + se;
            else          u = u - se;
        end
        ua[v*UW +: UW] = u;
        qa[v*UW +: UW] = q;
    end

    // cmd_vnic: flush (queued frames discarded), restart when empty
    // The TX DMA's reservation of this cycle (the end of its issue logic)
    // enters the command's results last: as one add to the flushed level,
    // and as "not zero" (a reservation of cmd_vnic is S >= W bytes on top of
    // a level that does not go below 0, so the level cannot become 0; a
    // simulation check compares with the full form).
    c_u0  = {UW{1'b0}};
    c_un0 = {UW{1'b0}};
    c_q0  = {UW{1'b0}};
    for (v = 0; v < NV; v = v + 1)
        if (cmd_vnic == v[4:0]) begin
            c_u0  = u0a[v*UW +: UW];
            c_un0 = un0a[v*UW +: UW];
            c_q0  = q0a[v*UW +: UW];
        end
    c_res  = res_valid && res_vnic == cmd_vnic;
    c_rs   = c_res ? stx(res_len) : {UW{1'b0}};
    c_end  = end_valid && end_vnic == cmd_vnic;
    c_e    = c_end ? se : {UW{1'b0}};                  // leaves c_u - c_q
    c_ed   = (c_end && !end_keep) ? se : {UW{1'b0}};   // leaves c_u
    c_d0   = c_un0 - c_q0;                             // (without the reservation)
    // The landing's frame end of this cycle (c_end, end_keep: the end of the
    // TX DMA's landing logic) only selects between results computed with and
    // without it (c_e and c_ed are for the check below)
    fu     = (c_end ? c_d0 - se : c_d0) + c_rs;        // used after a flush
    c_zero = !c_res && (cmd_flush ? (c_end ? c_d0 == se : c_d0 == {UW{1'b0}})
                                  : ((c_end && !end_keep) ? c_un0 == se : c_un0 == {UW{1'b0}}));
    c_q0w  = c_q0[WB +: BA+1];
    fp     = (c_p >= c_q0w) ? c_p - c_q0w : c_p + c_szw - c_q0w;

    for (v = 0; v < NV; v = v + 1) begin
        used_d[v*UW +: UW] = ua[v*UW +: UW];
        qb_d[v*UW +: UW]   = qa[v*UW +: UW];
        wp_d[v*BA +: BA]   = wp_q[v*BA +: BA];
        if (k_go && end_vnic == v[4:0]) wp_d[v*BA +: BA] = kp[BA-1:0];
        if (cmd_vnic == v[4:0]) begin
            if (cmd_flush) begin
                used_d[v*UW +: UW] = fu;
                qb_d[v*UW +: UW]   = {UW{1'b0}};
                wp_d[v*BA +: BA]   = fp[BA-1:0];
            end
            if (cmd_init && c_zero) wp_d[v*BA +: BA] = {BA{1'b0}};
        end
    end
end

wire unused_fp = ^{fp[BA], se[WB-1:0]};   // (S_tx is whole words)

`ifndef SYNTHESIS
// the command's results against their form with the reservation inside the
// levels (c_u0); c_u0 is for this check only
always @(posedge clk) begin
    if (!rst && ((cmd_flush && fu != c_u0 - c_q0 - c_e) ||
                 (cmd_init && c_zero != (cmd_flush ? (c_u0 - c_q0 == c_e) : (c_u0 == c_ed))))) begin
        $display("vnic_tx_buf: command on vNIC %0d: flushed level or restart differs from the full form", cmd_vnic);
        $stop;
    end
end
`endif

always @(posedge clk) begin
    if (rst) begin
        used_q <= {NV*UW{1'b0}};
        qb_q   <= {NV*UW{1'b0}};
        wp_q   <= {NV*BA{1'b0}};
    end else begin
        used_q <= used_d;
        qb_q   <= qb_d;
        wp_q   <= wp_d;
    end
end

endmodule

`resetall
