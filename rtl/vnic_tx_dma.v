// vnic_tx_dma: TX DMA engine: per-vNIC TX rings, descriptor prefetch, frame reads into the TX partitions, completions.
`resetall
`timescale 1ns / 1ps
`default_nettype none

/*
 * docs/architecture.md §5 (transmit), §6 (windows and faults), §4.8 (ring
 * layout), with one AXI4 master port whose IDs (arid = awid = 0) an
 * arbiter can tag. Every AR (descriptor fetch, buffer read) and AW
 * (write-back) carries the vNIC it is made for on m_axi_aruser /
 * m_axi_awuser (max(1, log2 NUM_VNIC) bits), like a PCIe requester ID.
 *
 * Rings: 2^TXR.SIZE descriptors of 16 bytes at guest TXR.BASE (SIZE 1..12;
 * other values: no ring); descriptors HEAD .. TAIL-1 belong to the device.
 * Per vNIC: fetch (next descriptor to read), use (next to process),
 * onchip (first not yet arrived), head (next to complete, TXR.HEAD).
 *
 * Issue engine (one operation at a time, round robin over vNICs):
 *   fetch   up to 4 descriptors per read burst, never across a 64-byte
 *           guest boundary or the ring end, at most 8 fetched and not yet
 *           processed per vNIC; the range is translated first;
 *   frame   the descriptor at `use`: n < 14 or n > G.MAX_FRAME - 4 gives an
 *           ERR_TXLEN completion with no data read; otherwise it waits for
 *           S_tx(n) free bytes in the vNIC's TX partition and a scheduler
 *           slot (back-pressure, never a drop), translates [addr, addr+n),
 *           reserves, and reads the buffer in INCR bursts of at most
 *           MAX_BURST beats that never cross 4 KiB.
 * Every read is recorded, in issue order, in a FIFO of RD_OUT records;
 * the responses (one ID, so in order) are matched against it.
 *
 * Landing (R channel, one beat per cycle): descriptors go to an on-chip
 * cache (8 per vNIC); frame data is realigned to the partition's words and
 * written at the vNIC's landing position in the TX buffer; bytes 6..11 are
 * kept for the anti-spoof check. At the frame's end: AXI error -> fault
 * TX_AXI_ERR (guest buffer address), space released; anti-spoof on and
 * source MAC != the vNIC's MAC -> ERR_SPOOF completion, DROP_SPOOF, space
 * released; else the frame is queued (push to vnic_tx_sched, TX_QUEUED)
 * and completes with DD. A frame of a vNIC that has faulted or is halted is
 * dropped (space released, no completion).
 *
 * Completions (in ring order per vNIC): bytes 8..15 of the descriptor
 * {buffer length n, 0, 0, status} written with one AXI write beat at the
 * translated address of guest descriptor + 8; TXR.HEAD advances when its
 * OKAY response arrives. The W beat is queued (8 deep) once its AW is
 * accepted, so the next write-back does not wait for the shared W channel
 * to reach this one (behind the RX DMA's bursts). Status encodings:
 * VNIC_DESC_STATUS_* (vnic_regs.vh).
 * A completion decided before its vNIC halted (frame queued, ERR_SPOOF,
 * ERR_TXLEN) is still written; after a failed write-back nothing later of
 * that vNIC is written and HEAD stays at the failed descriptor.
 *
 * Faults (§6), each raised once per vNIC until RESET, never with an AXI
 * transaction for the illegal access:
 *   TX_DESC_ADDR  descriptor fetch or write-back outside the windows
 *                 (address: the guest descriptor);
 *   TX_BUF_ADDR   buffer outside the windows (address: the guest buffer);
 *   TX_AXI_ERR    SLVERR/DECERR on a descriptor read (the descriptor), a
 *                 buffer read (the buffer) or a write-back (the descriptor).
 * Fetch and buffer faults are reported in ring order: after every earlier
 * descriptor of the vNIC has been queued or completed. After a fault the
 * vNIC issues nothing more; its outstanding reads finish and are dropped.
 * RESET (flr_req): the vNIC's engine stops; reads still in flight finish
 * and are dropped as for a halt (no TX_QUEUED, no completion, space
 * released); flr_ready once it has no read, completion or write-back left;
 * cmd_reset then clears its ring state.
 *
 * Latency: descriptor at `use` to its first read request 3 cycles.
 * Throughput: one frame issued per 4 cycles (one more per extra burst), one
 * descriptor fetch per 3 cycles; landing one
 * beat per cycle (one extra cycle for the tail word of a frame whose
 * buffer is not word-aligned, one per second descriptor of a 32-byte beat).
 * Fairness: round robin over vNICs for fetches and for frames; a vNIC
 * waiting for partition space or a slot does not block the others.
 */
module vnic_tx_dma #(
    parameter integer NUM_VNIC  = 8,       // number of vNICs, 1..32
    parameter integer DATA_W    = 64,      // datapath width, bits: 64, 128 or 256
    parameter integer NUM_WIN   = 4,       // DMA windows per vNIC, 1..4
    parameter integer HOST_AW   = 64,      // AXI4 address width, bits (32..64)
    parameter integer ID_W      = 4,       // AXI4 ID width, bits
    parameter integer OFF_W     = 13,      // TX buffer word address bits: log2(TX_BUF_BYTES / (DATA_W / 8))
    parameter integer RD_OUT    = 32,      // read bursts outstanding, bursts (power of two, 4..64)
    parameter integer WB_OUT    = 16,      // write-backs outstanding, writes (power of two, 2..64)
    parameter integer MAX_BURST = 64       // longest data read burst, beats (2..256)
) (
    input  wire                           clk,
    input  wire                           rst,

    // configuration
    input  wire [NUM_VNIC-1:0]            cfg_enable,
    input  wire [NUM_VNIC-1:0]            cfg_antispoof,
    input  wire [NUM_VNIC*48-1:0]         cfg_mac,        // byte 0 (first on the wire) in [47:40]
    input  wire [NUM_VNIC*32-1:0]         cfg_tx_size,    // TX partition, bytes
    input  wire                           win_we,         // windows as COMMIT writes them (vnic_win_ram)
    input  wire [4:0]                     win_wv,
    input  wire [NUM_WIN*64-1:0]          win_wgbase,
    input  wire [NUM_WIN*64-1:0]          win_whbase,
    input  wire [NUM_WIN*32-1:0]          win_wsize,
    input  wire [13:0]                    g_max_frame,    // G.MAX_FRAME, bytes with FCS

    // TX ring registers
    input  wire [NUM_VNIC*64-1:0]         txr_base,
    input  wire [NUM_VNIC*4-1:0]          txr_size,
    input  wire [NUM_VNIC*16-1:0]         txr_tail,
    output wire [NUM_VNIC*16-1:0]         txr_head,

    // vNIC state and commands
    input  wire [NUM_VNIC-1:0]            halted,
    input  wire                           cmd_reset,      // RESET of cmd_vnic takes effect
    input  wire [4:0]                     cmd_vnic,
    input  wire                           flr_req,        // RESET of cmd_vnic waits: stop its DMA
    output wire                           flr_ready,      // cmd_vnic has nothing left in flight

    // faults
    output wire                           tx_fault_valid,
    input  wire                           tx_fault_ready,
    output wire [4:0]                     tx_fault_vnic,
    output wire [7:0]                     tx_fault_reason,
    output wire [63:0]                    tx_fault_addr,

    // TX buffer (vnic_tx_buf)
    input  wire [NUM_VNIC*32-1:0]         tx_used,
    output wire                           res_valid,
    output wire [4:0]                     res_vnic,
    output wire [13:0]                    res_len,
    output wire                           wr_valid,
    output wire [4:0]                     wr_vnic,
    output wire [OFF_W-1:0]               wr_idx,
    output wire [DATA_W-1:0]              wr_data,
    output wire                           end_valid,
    output wire [4:0]                     end_vnic,
    output wire [13:0]                    end_len,
    output wire                           end_keep,
    input  wire [OFF_W-1:0]               end_off,

    // scheduler (vnic_tx_sched)
    input  wire [NUM_VNIC-1:0]            slot_free,
    output wire                           slot_take_valid,
    output wire [4:0]                     slot_take_vnic,
    output wire                           slot_drop_valid,
    output wire [4:0]                     slot_drop_vnic,
    output wire                           push_valid,
    output wire [4:0]                     push_vnic,
    output wire [13:0]                    push_len,
    output wire [OFF_W-1:0]               push_off,

    // counter increments (one cycle pulses)
    output wire                           cnt_spoof_valid,
    output wire                           cnt_txlen_valid,
    output wire [4:0]                     cnt_vnic,

    // AXI4 master
    output wire [ID_W-1:0]                m_axi_awid,
    output wire [((NUM_VNIC > 1) ? $clog2(NUM_VNIC) : 1)-1:0] m_axi_awuser,  // vNIC of the request
    output wire [HOST_AW-1:0]             m_axi_awaddr,
    output wire [7:0]                     m_axi_awlen,
    output wire [2:0]                     m_axi_awsize,
    output wire [1:0]                     m_axi_awburst,
    output wire                           m_axi_awlock,
    output wire [3:0]                     m_axi_awcache,
    output wire [2:0]                     m_axi_awprot,
    output wire                           m_axi_awvalid,
    input  wire                           m_axi_awready,
    output wire [DATA_W-1:0]              m_axi_wdata,
    output wire [DATA_W/8-1:0]            m_axi_wstrb,
    output wire                           m_axi_wlast,
    output wire                           m_axi_wvalid,
    input  wire                           m_axi_wready,
    input  wire [ID_W-1:0]                m_axi_bid,
    input  wire [1:0]                     m_axi_bresp,
    input  wire                           m_axi_bvalid,
    output wire                           m_axi_bready,
    output wire [ID_W-1:0]                m_axi_arid,
    output wire [((NUM_VNIC > 1) ? $clog2(NUM_VNIC) : 1)-1:0] m_axi_aruser,  // vNIC of the request
    output wire [HOST_AW-1:0]             m_axi_araddr,
    output wire [7:0]                     m_axi_arlen,
    output wire [2:0]                     m_axi_arsize,
    output wire [1:0]                     m_axi_arburst,
    output wire                           m_axi_arlock,
    output wire [3:0]                     m_axi_arcache,
    output wire [2:0]                     m_axi_arprot,
    output wire                           m_axi_arvalid,
    input  wire                           m_axi_arready,
    input  wire [ID_W-1:0]                m_axi_rid,
    input  wire [DATA_W-1:0]              m_axi_rdata,
    input  wire [1:0]                     m_axi_rresp,
    input  wire                           m_axi_rlast,
    input  wire                           m_axi_rvalid,
    output wire                           m_axi_rready
);

`include "vnic_regs.vh"

// ---------------------------------------------------------------- parameters
localparam integer NV  = NUM_VNIC;
localparam integer W   = DATA_W / 8;
localparam integer WB  = $clog2(W);
localparam integer RI  = 12;                         // ring index bits (rings up to 4096)
localparam integer VB  = (NV > 1) ? $clog2(NV) : 1;  // vNIC index bits of the cache
localparam integer RA  = $clog2(RD_OUT);
localparam integer BA  = $clog2(WB_OUT);
localparam integer CD  = 8;                          // completion FIFO depth
localparam integer WQ  = 8;                          // write-back W beats queued (4-bit pointers)
localparam integer SPB = (W >= 16) ? W / 16 : 1;     // descriptor slots per beat (W >= 16)
localparam [2:0]   SZ  = WB[2:0];                    // AXI size: log2(W)

localparam [1:0] T_DESC = 2'd0, T_DATA = 2'd1, T_TXLEN = 2'd2, T_FAULT = 2'd3;
localparam [2:0] I_IDLE = 3'd0, I_CHK = 3'd2, I_XL = 3'd3, I_AR = 3'd4, I_REC = 3'd5;
localparam [1:0] W_IDLE = 2'd0, W_XL = 2'd1, W_AW = 2'd2, W_FLT = 2'd3;
localparam [7:0] R_DESC = VNIC_FAULT_REASON_TX_DESC_ADDR[7:0];
localparam [7:0] R_BUF  = VNIC_FAULT_REASON_TX_BUF_ADDR[7:0];
localparam [7:0] R_AXI  = VNIC_FAULT_REASON_TX_AXI_ERR[7:0];
localparam [15:0] ST_OK    = VNIC_DESC_STATUS_DD[15:0] | VNIC_DESC_STATUS_EOP[15:0];
localparam [15:0] ST_SPOOF = ST_OK | VNIC_DESC_STATUS_ERR_SPOOF[15:0];
localparam [15:0] ST_TXLEN = ST_OK | VNIC_DESC_STATUS_ERR_TXLEN[15:0];

// record: {last word 12, typ 2, vnic 5, last beat 8, first 1, last 1, off 5, n 16, idx 12, addr 64}
// (n: frame length; the descriptor count of a fetch; the reason of a fault;
// last word: ceil(n / W) - 1 = floor((n - 1) / W), the index of the frame's
// last word in the partition; last beat: the read's beats - 1 (its ARLEN).
// Both are kept minus one, computed when the record is pushed, so that the
// landing logic compares its beat and word counts without adding)
localparam integer R_ADDR = 0, R_IDX = 64, R_N = 76, R_OFF = 92, R_LAST = 97, R_FIRST = 98,
                   R_LB = 99, R_VNIC = 107, R_TYP = 112, R_LW = 114, RW = 126;
// completion: {vnic 5, idx 12, buffer length 16, status 8}
localparam integer C_ST = 0, C_N = 8, C_IDX = 24, C_VNIC = 36, CW = 41;
// write-back in flight: {vnic 5, idx 12, guest descriptor 64}
localparam integer B_G = 0, B_IDX = 64, B_VNIC = 76, BW = 81;

generate
    if (DATA_W != 64 && DATA_W != 128 && DATA_W != 256) begin : gen_err_data_w
        vnic_error_DATA_W_must_be_64_128_or_256 u_error ();
    end
    if (NUM_VNIC < 1 || NUM_VNIC > 32) begin : gen_err_num_vnic
        vnic_error_NUM_VNIC_must_be_1_to_32 u_error ();
    end
    if (RD_OUT < 4 || RD_OUT > 64 || (RD_OUT & (RD_OUT - 1)) != 0) begin : gen_err_rd_out
        vnic_error_RD_OUT_must_be_a_power_of_two_4_to_64 u_error ();
    end
    if (WB_OUT < 2 || WB_OUT > 64 || (WB_OUT & (WB_OUT - 1)) != 0) begin : gen_err_wb_out
        vnic_error_WB_OUT_must_be_a_power_of_two_2_to_64 u_error ();
    end
    if (MAX_BURST < 2 || MAX_BURST > 256) begin : gen_err_max_burst
        vnic_error_MAX_BURST_must_be_2_to_256 u_error ();
    end
    if (HOST_AW < 32 || HOST_AW > 64) begin : gen_err_host_aw
        vnic_error_HOST_AW_must_be_32_to_64 u_error ();
    end
    if (ID_W < 1 || ID_W > 8) begin : gen_err_id_w
        vnic_error_ID_W_must_be_1_to_8 u_error ();
    end
endgenerate

// ---------------------------------------------------------------- helpers
function [RI-1:0] rmask;                 // ring index mask, 0 when there is no ring
    input [3:0] sz;                      // (2^sz - 1 for sz 1..12: bits below sz)
    begin
        case (sz)
            4'd1:    rmask = 12'h001;
            4'd2:    rmask = 12'h003;
            4'd3:    rmask = 12'h007;
            4'd4:    rmask = 12'h00F;
            4'd5:    rmask = 12'h01F;
            4'd6:    rmask = 12'h03F;
            4'd7:    rmask = 12'h07F;
            4'd8:    rmask = 12'h0FF;
            4'd9:    rmask = 12'h1FF;
            4'd10:   rmask = 12'h3FF;
            4'd11:   rmask = 12'h7FF;
            4'd12:   rmask = 12'hFFF;
            default: rmask = 12'h000;
        endcase
    end
endfunction

function [31:0] stx;                     // S_tx(n), bytes
    input [13:0] n;
    reg   [14:0] r;
    begin
        r = ({1'b0, n} + W[14:0] - 15'd1) >> WB;
        stx = {17'd0, r} << WB;
    end
endfunction

function [63:0] desc_g;                  // guest address of descriptor idx
    input [63:0]   base;
    input [RI-1:0] idx;
    begin
        desc_g = base + {48'd0, idx, 4'd0};
    end
endfunction

// ---------------------------------------------------------------- per-vNIC ring state
reg  [NV*RI-1:0] fet_q, fet_d;           // next descriptor to fetch
reg  [NV*RI-1:0] use_q, use_d;           // next descriptor to process
reg  [NV*RI-1:0] onc_q, onc_d;           // first descriptor not on chip
reg  [NV*RI-1:0] hd_q, hd_d;             // next descriptor to complete (HEAD)
reg  [NV-1:0]    fbad_q, fbad_d;         // a descriptor at fbi cannot be fetched
reg  [NV-1:0]    fbl_q, fbl_d;           // ... found by an AXI error (later fetches are dropped)
reg  [NV*RI-1:0] fbi_q, fbi_d;
reg  [NV*8-1:0]  fbr_q, fbr_d;           // ... and its reason
reg  [NV-1:0]    stop_q, stop_d;         // issue nothing more (a fault is on its way)
reg  [NV-1:0]    flt_q, flt_d;           // a fault was raised
reg  [NV-1:0]    wbd_q, wbd_d;           // a write-back failed: no later completion of the vNIC
reg  [NV*8-1:0]  pend_q, pend_d;         // records, completions and write-backs in flight

genvar gv;
generate
    for (gv = 0; gv < NV; gv = gv + 1) begin : gen_head
        assign txr_head[gv*16 +: 16] = {{(16-RI){1'b0}}, hd_q[gv*RI +: RI]};
    end
endgenerate

// Ring index masks, registered from SIZE: a SIZE write is taken only while
// the ring is unlocked (no TAIL other than 0 since RESET), when TAIL and all
// of the ring's indices are 0 and the engine does nothing with the ring, and
// the TAIL write that locks it comes a cycle later at the earliest; so a mask
// one cycle old never changes what the engine does (checked in simulation).
reg  [NV*RI-1:0] mask_q;
integer          mv;
always @(posedge clk)
    for (mv = 0; mv < NV; mv = mv + 1)
        mask_q[mv*RI +: RI] <= rmask(txr_size[mv*4 +: 4]);

// per-vNIC conditions. Every ring index is inside its mask (each one is
// written masked, and the mask changes only while they are all 0), and at
// most 8 descriptors are fetched and not yet processed (a fetch takes at
// most 8 - held); both are checked in simulation. So "on chip != use" is an
// inequality, the distance to the ring end m - fet has no borrow (m & ~fet),
// and the held count is the low 4 bits of fet - use.
reg  [NV-1:0]    act, want_f, want_x, want_e;
reg  [NV*RI-1:0] mask_v;
reg  [RI-1:0]    m_, t_, unf_, end_;
reg  [3:0]       held_;
reg  [1:0]       blk_;
reg  [3:0]       ku_, kh_, kb_, ke_, kt_;  // "limit > i", i = 0..3 (thermometer codes)
reg  [NV*3-1:0]  kf;                      // next fetch batch size per vNIC
integer          v;
always @* begin
    for (v = 0; v < NV; v = v + 1) begin
        m_    = mask_q[v*RI +: RI];
        t_    = txr_tail[v*16 +: RI] & m_;
        unf_  = (t_ - fet_q[v*RI +: RI]) & m_;
        held_ = (fet_q[v*RI +: 4] - use_q[v*RI +: 4]) & m_[3:0];
        end_  = m_ & ~fet_q[v*RI +: RI];
        blk_  = txr_base[v*64 + 4 +: 2] + fet_q[v*RI +: 2];
        mask_v[v*RI +: RI] = m_;
        act[v] = cfg_enable[v] && !halted[v] && !stop_q[v] && !flt_q[v] && m_ != {RI{1'b0}}
                 && !(flr_req && cmd_vnic == v[4:0]);
        want_f[v] = act[v] && !fbad_q[v] && unf_ != {RI{1'b0}} && !held_[3];
        want_x[v] = act[v] && onc_q[v*RI +: RI] != use_q[v*RI +: RI];
        want_e[v] = act[v] && fbad_q[v] && use_q[v*RI +: RI] == fbi_q[v*RI +: RI];
        // size of v's next fetch batch, k = min(4, unfetched, 8 - held, to
        // the 64-byte boundary, to the ring end), from registers only: each
        // limit as the thermometer code of min(limit, 4), their AND the
        // minimum's (the descriptor at index fet is at base + 16 fet: base
        // is 16-byte aligned, so its bits [5:4] are base[5:4] + fet[1:0])
        ku_ = {|unf_[RI-1:2], |unf_[RI-1:2] || &unf_[1:0], |unf_[RI-1:1], |unf_};     // unfetched
        kh_ = {!held_[3] && (!held_[2] || held_[1:0] == 2'd0),                          // 8 - held
               !held_[3] && !(held_[2] && held_[1]),
               !held_[3] && held_[2:0] != 3'd7,
               !held_[3]};
        kb_ = {blk_ == 2'd0, !blk_[1], blk_ != 2'd3, 1'b1};                             // 4 - blk
        ke_ = {|end_[RI-1:2] || &end_[1:0], |end_[RI-1:1], |end_, 1'b1};               // m - fet + 1
        kt_ = ku_ & kh_ & kb_ & ke_;
        kf[v*3 +: 3] = {kt_[3], kt_[1] && !kt_[3], (kt_[0] && !kt_[1]) || (kt_[2] && !kt_[3])};
    end
end
wire unused_tail;
generate
    if (RI < 16) begin : gen_tail_hi
        reg [NV*(16-RI)-1:0] th;
        integer tv;
        always @* for (tv = 0; tv < NV; tv = tv + 1) th[tv*(16-RI) +: 16-RI] = txr_tail[tv*16 + RI +: 16-RI];
        assign unused_tail = ^th;
    end else begin : gen_tail_none
        assign unused_tail = 1'b0;
    end
endgenerate

// a word index at the TX buffer's address width (a frame always fits in the buffer)
function [OFF_W-1:0] to_off;
    input [11:0] x;
    integer      k;
    begin
        to_off = {OFF_W{1'b0}};
        for (k = 0; k < OFF_W && k < 12; k = k + 1)
            to_off[k] = x[k];
    end
endfunction

// bit i of a per-vNIC vector, and the one-hot vector of vNIC i
function bit_of;
    input [NV-1:0] m;
    input [4:0]    i;
    integer        k;
    begin
        bit_of = 1'b0;
        for (k = 0; k < NV; k = k + 1)
            if (i == k[4:0]) bit_of = m[k];
    end
endfunction

function [NV-1:0] onehot;
    input [4:0] i;
    integer     k;
    begin
        onehot = {NV{1'b0}};
        for (k = 0; k < NV; k = k + 1)
            if (i == k[4:0]) onehot[k] = 1'b1;
    end
endfunction

// first set bit of m at or after p (circular); none: p
function [4:0] rr_pick;
    input [NV-1:0] m;
    input [4:0]    p;
    integer        k, j, pi;
    reg            f;
    begin
        rr_pick = p;
        f = 1'b0;
        pi = 0;
        for (j = 0; j < NV; j = j + 1)
            if (p == j[4:0]) pi = j;
        for (k = 0; k < NV; k = k + 1) begin
            j = (pi + k) % NV;
            if (!f && m[j]) begin
                rr_pick = j[4:0];
                f = 1'b1;
            end
        end
    end
endfunction

// ---------------------------------------------------------------- descriptor cache (8 per vNIC)
reg              dc_we;
reg  [VB+2:0]    dc_wa;
reg  [79:0]      dc_wd;
reg  [VB+2:0]    dc_ra;
reg              dc_re;
wire [79:0]      dc_rd;

vnic_ram_sdp #(
    .DW    (80),
    .DEPTH (1 << (VB + 3)),
    .AW    (VB + 3)
) u_desc_cache (
    .clk     (clk),
    .wr_en   (dc_we),
    .wr_addr (dc_wa),
    .wr_data (dc_wd),
    .rd_en   (dc_re),
    .rd_addr (dc_ra),
    .rd_data (dc_rd)
);

// ---------------------------------------------------------------- read records
// The oldest record sits in a register (rqh_q), the others in a LUT-RAM
// behind it (rq_mem, rq_wp_q/rq_rp_q), so the landing logic starts from a
// flop and not from a LUT-RAM read. A push into an empty queue, or into a
// queue whose head is popped while the RAM is empty, goes straight to the
// head; the RAM is written at rq_wp_q on every push all the same (the entry
// is past rq_wp_q then, so unused), which keeps its write enable off the
// landing logic. Seen from outside it is the plain FIFO: a record pushed in
// a cycle is the head the next cycle if the queue was empty, and the queue
// holds RD_OUT records (the head and RD_OUT - 1 in the RAM).
reg  [RW-1:0]    rq_mem [0:RD_OUT-1];
reg  [RA:0]      rq_wp_q, rq_wp_d, rq_rp_q, rq_rp_d;
reg  [RW-1:0]    rqh_q, rqh_d;
reg              rqh_v_q, rqh_v_d;
reg              rq_push;
reg  [RW-1:0]    rq_in;
reg              rq_pop;
wire [RW-1:0]    rh = rqh_q;
wire [RW-1:0]    rq_next = rq_mem[rq_rp_q[RA-1:0]];
wire             rq_mem_empty = (rq_wp_q == rq_rp_q);
wire             rq_empty = !rqh_v_q;
wire [RA:0]      rq_mem_n = rq_wp_q - rq_rp_q;
wire             rq_full  = rqh_v_q && (rq_mem_n == RD_OUT[RA:0] - 1'b1);

always @(posedge clk) begin
    if (rq_push) rq_mem[rq_wp_q[RA-1:0]] <= rq_in;
end

function [RW-1:0] mkrec;
    input [1:0]    typ;
    input [4:0]    vn;
    input [7:0]    lb;
    input          first;
    input          last;
    input [4:0]    off;
    input [15:0]   n;
    input [RI-1:0] idx;
    input [63:0]   addr;
    begin
        // floor((n - 1) / W) = floor(n / W) - (W divides n), n >= 1
        mkrec = {{{(WB-2){1'b0}}, n[13:WB]} - {11'd0, ~|n[WB-1:0]},
                 typ, vn, lb, first, last, off, n, idx, addr};
    end
endfunction

// ---------------------------------------------------------------- completions
reg  [CW-1:0]    cq_mem [0:CD-1];
reg  [3:0]       cq_wp_q, cq_wp_d, cq_rp_q, cq_rp_d;
reg              cq_push, cq_pop;
reg  [CW-1:0]    cq_in;
wire [CW-1:0]    ch = cq_mem[cq_rp_q[2:0]];
wire             cq_empty = (cq_wp_q == cq_rp_q);
wire             cq_full  = (cq_wp_q[3] != cq_rp_q[3]) && (cq_wp_q[2:0] == cq_rp_q[2:0]);

always @(posedge clk) begin
    if (cq_push) cq_mem[cq_wp_q[2:0]] <= cq_in;
end

// ---------------------------------------------------------------- write-backs in flight
reg  [BW-1:0]    bq_mem [0:WB_OUT-1];
reg  [BA:0]      bq_wp_q, bq_wp_d, bq_rp_q, bq_rp_d;
reg              bq_push, bq_pop;
reg  [BW-1:0]    bq_in;
wire [BW-1:0]    bh = bq_mem[bq_rp_q[BA-1:0]];
wire             bq_full = (bq_wp_q[BA] != bq_rp_q[BA]) && (bq_wp_q[BA-1:0] == bq_rp_q[BA-1:0]);

always @(posedge clk) begin
    if (bq_push) bq_mem[bq_wp_q[BA-1:0]] <= bq_in;
end

// ---------------------------------------------------------------- translation (shared)
reg              xl_req;
reg  [4:0]       xl_va;                  // the issue engine's vNIC (its translations; every cycle)
reg  [63:0]      xl_addr;
reg  [15:0]      xl_len;
reg              xl_who;                 // requester: 0 issue, 1 write-back (the answer's tag)
wire             xl_rsp;
wire             xl_tag;                 // owner of the answer: 0 issue, 1 write-back
wire             xl_ok;
wire [63:0]      xl_h;

vnic_tx_xlate #(
    .NUM_VNIC (NUM_VNIC),
    .NUM_WIN  (NUM_WIN)
) u_xlate (
    .clk           (clk),
    .rst           (rst),
    .win_we        (win_we),
    .win_wv        (win_wv),
    .win_wgbase    (win_wgbase),
    .win_whbase    (win_whbase),
    .win_wsize     (win_wsize),
    .req_valid     (xl_req),
    .req_tag       (xl_who),
    .req_vnic0     (xl_va),
    .req_vnic1     (ch[C_VNIC +: 5]),        // the write-back's vNIC: the head completion's
    .req_addr      (xl_addr),
    .req_len       (xl_len),
    .rsp_valid     (xl_rsp),
    .rsp_tag       (xl_tag),
    .rsp_ok        (xl_ok),
    .rsp_haddr     (xl_h)
);

// ---------------------------------------------------------------- faults: one pending per source
// l: landing (buffer AXI error, fetch/buffer fault records), w: write-back
// translation, b: write-back response
reg              pfl_q, pfl_d, pfw_q, pfw_d, pfb_q, pfb_d;
reg  [4:0]       pflv_q, pflv_d, pfwv_q, pfwv_d, pfbv_q, pfbv_d;
reg  [7:0]       pflr_q, pflr_d, pfwr_q, pfwr_d, pfbr_q, pfbr_d;
reg  [63:0]      pfla_q, pfla_d, pfwa_q, pfwa_d, pfba_q, pfba_d;

assign tx_fault_valid  = pfl_q || pfw_q || pfb_q;
assign tx_fault_vnic   = pfl_q ? pflv_q : pfw_q ? pfwv_q : pfbv_q;
assign tx_fault_reason = pfl_q ? pflr_q : pfw_q ? pfwr_q : pfbr_q;
assign tx_fault_addr   = pfl_q ? pfla_q : pfw_q ? pfwa_q : pfba_q;

// ---------------------------------------------------------------- issue engine state
reg  [2:0]       ist_q, ist_d;
reg              iop_q, iop_d;           // 0 fetch, 1 frame
reg  [4:0]       iv_q, iv_d;
reg  [4:0]       frr_q, frr_d, xrr_q, xrr_d;
reg  [RI-1:0]    iidx_q, iidx_d;         // the descriptor index (fetch: fet, frame: use; fault: fbi)
reg  [2:0]       ik_q, ik_d;             // descriptors in the fetch
reg  [63:0]      ig_q, ig_d;             // guest address (descriptor block or buffer)
reg  [13:0]      in_q, in_d;             // frame length
reg  [63:0]      ih_q, ih_d;             // host address of the next burst (word aligned)
reg  [4:0]       ioff_q, ioff_d;         // lane offset of the first byte
reg  [14:0]      ibt_q, ibt_d;           // beats left
reg              ifirst_q, ifirst_d;
reg              ityp_q, ityp_d;         // record waiting for FIFO space (I_REC): 1 TXLEN, 0 fault;
reg  [15:0]      irn_q, irn_d;           // ... its n (vNIC, index, address: iv_q, iidx_q, ig_q)
reg              arv_q, arv_d;
reg  [7:0]       arl_q, arl_d;

// ---------------------------------------------------------------- landing state
reg  [11:0]      rb_q, rb_d;             // beat of the head record
reg  [11:0]      fb_q, fb_d;             // beat of the frame
reg  [DATA_W-1:0] prev_q, prev_d;
reg              ferr_q, ferr_d;
reg  [47:0]      sa_q, sa_d;
reg              tail_q, tail_d;         // the frame's last word is written in this cycle
reg  [RW-1:0]    tr_q, tr_d;             // the frame's record, for the tail cycle
wire             unused_tr_q = ^tr_q;    // the tail cycle reads some of its fields
reg  [2:0]       dtk_q, dtk_d;           // descriptors taken from the head record
reg  [1:0]       dsl_q, dsl_d;           // next descriptor slot in the beat (W >= 16)
reg              dhalf_q, dhalf_d;       // W = 8: low half of a descriptor held
reg  [63:0]      dlo_q, dlo_d;
reg              derr_q, derr_d;

// ---------------------------------------------------------------- write-back engine state
reg  [1:0]       wst_q, wst_d;
reg  [63:0]      wg_q, wg_d;             // guest descriptor
reg  [63:0]      wh_q, wh_d;             // host address of bytes 8..15
reg              awv_q, awv_d;

// ---------------------------------------------------------------- outputs to the TX buffer and the scheduler
reg              res_v, wr_v, end_v, end_k, take_v, drop_v, push_v, sp_v, tl_v;
reg  [4:0]       res_n, wr_n, end_n, take_n, drop_n, push_n, cnt_n;
reg  [13:0]      res_l, end_l, push_l;
reg  [OFF_W-1:0] wr_i;
reg  [DATA_W-1:0] wr_dat;
reg              sp_q, tl_q;
reg  [4:0]       cn_q;

assign res_valid       = res_v;
assign res_vnic        = res_n;
assign res_len         = res_l;
assign wr_valid        = wr_v;
assign wr_vnic         = wr_n;
assign wr_idx          = wr_i;
assign wr_data         = wr_dat;
assign end_valid       = end_v;
assign end_vnic        = end_n;
assign end_len         = end_l;
assign end_keep        = end_k;
assign slot_take_valid = take_v;
assign slot_take_vnic  = take_n;
assign slot_drop_valid = drop_v;
assign slot_drop_vnic  = drop_n;
assign push_valid      = push_v;
assign push_vnic       = push_n;
assign push_len        = push_l;
assign push_off        = end_off;
assign cnt_spoof_valid = sp_q;
assign cnt_txlen_valid = tl_q;
assign cnt_vnic        = cn_q;

// ---------------------------------------------------------------- AXI read address
assign m_axi_arid    = {ID_W{1'b0}};
assign m_axi_aruser  = iv_q[VB-1:0];             // the issue engine's vNIC, held while arvalid
assign m_axi_araddr  = ih_q[HOST_AW-1:0];
assign m_axi_arlen   = arl_q;
assign m_axi_arsize  = SZ;
assign m_axi_arburst = 2'b01;
assign m_axi_arlock  = 1'b0;
assign m_axi_arcache = 4'b0011;
assign m_axi_arprot  = 3'b000;
assign m_axi_arvalid = arv_q;

// ---------------------------------------------------------------- AXI write (write-back)
// The W beat of a write-back is queued when its AW is accepted, so the
// engine goes on with the next completion while the beat waits for its turn
// on the shared W channel (behind other masters' bursts taken before it).
reg  [WB+63:0]    wq_mem [0:WQ-1];        // {byte offset in the word, bytes 8..15}
reg  [3:0]        wq_wp_q, wq_wp_d, wq_rp_q, wq_rp_d;
reg               wq_push;
reg  [WB+63:0]    wq_in;
wire [WB+63:0]    wq_h     = wq_mem[wq_rp_q[2:0]];
wire              wq_empty = (wq_wp_q == wq_rp_q);
wire              wq_full  = (wq_wp_q[3] != wq_rp_q[3]) && (wq_wp_q[2:0] == wq_rp_q[2:0]);
always @(posedge clk) begin
    if (wq_push) wq_mem[wq_wp_q[2:0]] <= wq_in;
end
// the 8 bytes at their offset in the word: a shift by the offset's WB+3 bits
// (a part-select write at a computed offset costs a shifter by a 33-bit amount)
reg  [DATA_W-1:0]  w_data;
reg  [W-1:0]       w_strb;
reg  [DATA_W+63:0] w_ext;
reg  [W+7:0]       s_ext;
always @* begin
    w_ext  = {{DATA_W{1'b0}}, wq_h[63:0]} << {wq_h[64 +: WB], 3'd0};
    s_ext  = {{W{1'b0}}, 8'hFF} << wq_h[64 +: WB];
    w_data = w_ext[DATA_W-1:0];
    w_strb = s_ext[W-1:0];
end
wire unused_w_ext = ^{w_ext[DATA_W+63:DATA_W], s_ext[W+7:W]};
assign m_axi_awid    = {ID_W{1'b0}};
assign m_axi_awuser  = ch[C_VNIC +: VB];         // the head completion's vNIC, held while awvalid
assign m_axi_awaddr  = wh_q[HOST_AW-1:0];
assign m_axi_awlen   = 8'd0;
assign m_axi_awsize  = SZ;
assign m_axi_awburst = 2'b01;
assign m_axi_awlock  = 1'b0;
assign m_axi_awcache = 4'b0011;
assign m_axi_awprot  = 3'b000;
assign m_axi_awvalid = awv_q;
assign m_axi_wdata   = w_data;
assign m_axi_wstrb   = w_strb;
assign m_axi_wlast   = 1'b1;
assign m_axi_wvalid  = !wq_empty;
assign m_axi_bready  = !pfb_q;

wire unused_axi = ^{m_axi_rid, m_axi_bid, m_axi_rlast, m_axi_rresp[0], m_axi_bresp[0], bq_pop, dslot[127:80]};

// ---------------------------------------------------------------- landing: the beat as 256 bits, realignment
wire [255:0] rd256;
generate
    if (DATA_W < 256) begin : gen_rd_pad
        assign rd256 = {{(256-DATA_W){1'b0}}, m_axi_rdata};
    end else begin : gen_rd_full
        assign rd256 = m_axi_rdata;
    end
endgenerate

// In the tail cycle the previous beat is the frame's last beat and its
// record is tr_q: the tail word is that beat shifted down by its offset.
reg  [4:0]        r_off, r_sof;
reg  [DATA_W-1:0] r_shl, r_shr;
always @* begin
    r_off = rh[R_OFF +: 5];
    r_sof = tail_q ? tr_q[R_OFF +: 5] : r_off;
    r_shl = m_axi_rdata << {(W[5:0] - {1'b0, r_off}), 3'd0};   // lanes 0..off-1 to the top
    r_shr = prev_q >> {r_sof, 3'd0};                            // previous beat, lanes off.. to the bottom
end

// ---------------------------------------------------------------- main next-state logic
reg  [4:0]   pick;
reg  [63:0]  gq;
reg  [RI-1:0] ix;
reg  [RI-1:0] s_use, s_fet;          // the picked vNIC's fields
reg          e_go, f_go;
reg  [1:0]   rq_t;
reg  [15:0]  rq_n;
reg  [7:0]   s_fbr;
reg  [47:0]  s_mac;
reg  [63:0]  s_wbase;
reg  [2:0]   kk;                         // descriptors in the fetch batch
reg  [14:0]  tot, bl, b4k;
reg  [31:0]  sz_v, us_v, need;
reg  [15:0]  nlen, mxn;
reg          txlen_bad;
reg  [1:0]   rtyp;
reg  [4:0]   rv;
reg  [7:0]   rlb;                         // the head record's last beat (beats - 1)
reg          rlastb, fin, fin_tail, rerr, dead, ferr_now;
reg  [13:0]  rn;
reg  [11:0]  lword;                       // index of the frame's last word (words - 1)
reg  [DATA_W-1:0] word;
reg  [11:0]  widx;
reg  [11:0]  fbase;                       // the frame's beats before this one (0 on its first)
reg          wgo;
reg  [47:0]  sa_n;
reg  [5:0]   sa_ne;                       // source MAC byte 6 + i differs from the vNIC's MAC
reg  [1:0]   slot;
reg          more;
reg  [127:0] dslot;
reg  [RI-1:0] didx;
reg  [NV*8-1:0] pinc, pdec, pbase;
reg  [NV-1:0]   rqinc;                    // the request queue's push is this vNIC's
reg  [4:0]   cv;
integer      j, b;

always @* begin
    b = 0;  // loop index: assigned on every path (no latch)
    // defaults
    fet_d = fet_q; use_d = use_q; onc_d = onc_q; hd_d = hd_q;
    fbad_d = fbad_q; fbl_d = fbl_q; fbi_d = fbi_q; fbr_d = fbr_q;
    stop_d = stop_q; flt_d = flt_q; wbd_d = wbd_q;
    rq_wp_d = rq_wp_q; rq_rp_d = rq_rp_q; rqh_d = rqh_q; rqh_v_d = rqh_v_q; rq_push = 1'b0; rq_t = T_DESC; rq_n = 16'd0; rq_pop = 1'b0;
    cq_wp_d = cq_wp_q; cq_rp_d = cq_rp_q; cq_push = 1'b0; cq_in = {CW{1'b0}}; cq_pop = 1'b0;
    bq_wp_d = bq_wp_q; bq_rp_d = bq_rp_q; bq_push = 1'b0; bq_in = {BW{1'b0}}; bq_pop = 1'b0;
    pfl_d = pfl_q; pflv_d = pflv_q; pflr_d = pflr_q; pfla_d = pfla_q;
    pfw_d = pfw_q; pfwv_d = pfwv_q; pfwr_d = pfwr_q; pfwa_d = pfwa_q;
    pfb_d = pfb_q; pfbv_d = pfbv_q; pfbr_d = pfbr_q; pfba_d = pfba_q;
    ist_d = ist_q; iop_d = iop_q; iv_d = iv_q; frr_d = frr_q; xrr_d = xrr_q; iidx_d = iidx_q;
    ik_d = ik_q; ig_d = ig_q; in_d = in_q; ih_d = ih_q; ioff_d = ioff_q; ibt_d = ibt_q;
    ifirst_d = ifirst_q; ityp_d = ityp_q; irn_d = irn_q; arv_d = arv_q; arl_d = arl_q; xl_who = 1'b0;
    rb_d = rb_q; fb_d = fb_q; prev_d = prev_q; ferr_d = ferr_q; sa_d = sa_q; tail_d = 1'b0;
    dtk_d = dtk_q; dsl_d = dsl_q; dhalf_d = dhalf_q; derr_d = derr_q;
    // loaded every cycle, read only where they were loaded for: the tail
    // record in the tail cycle (always the cycle after tail_d was set), the
    // low descriptor half while dhalf_q (set in the cycle that loads it); this
    // spares a full-width multiplexer per branch level of the next-state logic
    tr_d = rh;
    dlo_d = dhalf_q ? dlo_q : rd256[63:0];
    wst_d = wst_q; wg_d = wg_q; wh_d = wh_q; awv_d = awv_q;
    wq_push = 1'b0; wq_in = {(WB+64){1'b0}};
    wq_wp_d = wq_wp_q; wq_rp_d = wq_rp_q;
    if (!wq_empty && m_axi_wready) wq_rp_d = wq_rp_q + 4'd1;
    dc_we = 1'b0; dc_wa = {(VB+3){1'b0}}; dc_wd = 80'd0; dc_re = 1'b0; dc_ra = {(VB+3){1'b0}};
    xl_req = 1'b0; xl_va = iv_q; xl_addr = 64'd0; xl_len = 16'd0;
    res_v = 1'b0; res_n = 5'd0; res_l = 14'd0;
    wr_v = 1'b0; wr_n = 5'd0; wr_i = {OFF_W{1'b0}}; wr_dat = {DATA_W{1'b0}};
    end_v = 1'b0; end_n = 5'd0; end_l = 14'd0; end_k = 1'b0;
    take_v = 1'b0; take_n = 5'd0; drop_v = 1'b0; drop_n = 5'd0;
    push_v = 1'b0; push_n = 5'd0; push_l = 14'd0;
    sp_v = 1'b0; tl_v = 1'b0; cnt_n = cn_q;
    pinc = {NV*8{1'b0}}; pdec = {NV*8{1'b0}}; pbase = {NV*8{1'b0}}; rqinc = {NV{1'b0}};
    s_fet = {RI{1'b0}}; e_go = 1'b0; f_go = 1'b0; s_use = {RI{1'b0}}; s_fbr = 8'd0; s_mac = 48'd0; s_wbase = 64'd0;
    pick = 5'd0; gq = 64'd0; ix = {RI{1'b0}}; kk = 3'd0;
    tot = 15'd0; bl = 15'd0; b4k = 15'd0;
    sz_v = 32'd0; us_v = 32'd0; need = 32'd0; nlen = 16'd0; mxn = {2'd0, g_max_frame} - 16'd4; txlen_bad = 1'b0;
    rtyp = rh[R_TYP +: 2]; rv = rh[R_VNIC +: 5]; rlb = rh[R_LB +: 8]; rn = rh[R_N +: 14];
    ferr_now = 1'b0;
    rlastb = 1'b0; fin = 1'b0; fin_tail = 1'b0; rerr = m_axi_rresp[1]; dead = 1'b0;
    lword = 12'd0; word = {DATA_W{1'b0}}; widx = 12'd0; fbase = 12'd0; wgo = 1'b0; sa_n = sa_q;
    slot = 2'd0; more = 1'b0; dslot = 128'd0; didx = {RI{1'b0}}; cv = 5'd0;

    // ======================================================== issue engine
    case (ist_q)
        I_IDLE: begin
            // one round-robin pick among the operation's candidates, the
            // picked vNIC's fields once (AND-OR), one descriptor address
            e_go = |want_e && !rq_full;
            f_go = !e_go && |want_f;
            pick = rr_pick(e_go ? want_e : f_go ? want_f : want_x, f_go ? frr_q : xrr_q);
            xl_va = pick;
            // (every vNIC's descriptor address for this operation is added
            // in parallel with the pick, which only selects it). A fault
            // report's descriptor fbi is the vNIC's use (want_e), so the
            // index is fet for a fetch and use otherwise; the address is
            // read only for a fault report or a fetch
            for (v = 0; v < NV; v = v + 1) begin
                s_fbr  = s_fbr  | (fbr_q[v*8 +: 8] & {8{pick == v[4:0]}});
                s_fet  = s_fet  | (fet_q[v*RI +: RI] & {RI{pick == v[4:0]}});
                s_use  = s_use  | (use_q[v*RI +: RI] & {RI{pick == v[4:0]}});
                gq     = gq     | (desc_g(txr_base[v*64 +: 64], e_go ? use_q[v*RI +: RI] : fet_q[v*RI +: RI])
                                   & {64{pick == v[4:0]}});
            end
            ix = f_go ? s_fet : s_use;
            if (e_go) begin
                // report a descriptor that cannot be fetched, in ring order
                rq_push = 1'b1;
                rq_t = T_FAULT;
                rq_n = {8'd0, s_fbr};
                stop_d = stop_d | onehot(pick);
            end else if (f_go) begin
                frr_d = ({1'b0, pick} + 6'd1 >= NV[5:0]) ? 5'd0 : pick + 5'd1;
                // k = min(4, unfetched, 8 - held, to the 64-byte boundary, to the ring end)
                // (computed for every vNIC in parallel: kf)
                for (v = 0; v < NV; v = v + 1)
                    kk = kk | (kf[v*3 +: 3] & {3{pick == v[4:0]}});
                iop_d = 1'b0;
                iv_d = pick;
                iidx_d = ix;
                ik_d = kk[2:0];
                ig_d = gq;
                ist_d = I_XL;
                xl_req = 1'b1;
                xl_addr = gq;
                xl_len = {9'd0, kk[2:0], 4'd0};
            end else if (|want_x) begin
                iop_d = 1'b1;
                iv_d = pick;
                iidx_d = ix;
                dc_re = 1'b1;
                dc_ra = {pick[VB-1:0], ix[2:0]};
                ist_d = I_CHK;                                  // cache data next cycle
            end
        end
        I_CHK: begin
            // the descriptor: dc_rd = {len, addr}
            nlen = dc_rd[79:64];
            txlen_bad = nlen < 16'd14 || nlen > mxn;
            for (v = 0; v < NV; v = v + 1)
                if (iv_q == v[4:0]) begin
                    sz_v = cfg_tx_size[v*32 +: 32];
                    us_v = tx_used[v*32 +: 32];
                end
            need = stx(nlen[13:0]);
            xrr_d = ({1'b0, iv_q} + 6'd1 >= NV[5:0]) ? 5'd0 : iv_q + 5'd1;
            in_d = nlen[13:0];
            ig_d = dc_rd[63:0];
            if (bit_of(halted | stop_q | flt_q, iv_q) || (flr_req && cmd_vnic == iv_q)) begin
                ist_d = I_IDLE;
            end else if (txlen_bad) begin
                ityp_d = 1'b1;                                  // address: ig_d = the buffer
                irn_d = nlen;
                ist_d = I_REC;
            end else if (us_v <= sz_v && sz_v - us_v >= need && bit_of(slot_free, iv_q)) begin
                xl_req = 1'b1;
                xl_addr = dc_rd[63:0];
                xl_len = nlen;
                ist_d = I_XL;
            end else begin
                ist_d = I_IDLE;                                 // no room yet: the others go first
            end
        end
        I_XL: begin
            if (xl_rsp && !xl_tag) begin
                ih_d = {xl_h[63:WB], {WB{1'b0}}};
                ioff_d = {{(5-WB){1'b0}}, xl_h[WB-1:0]};
                if (!iop_q) begin
                    // descriptor fetch: one burst inside a 64-byte block
                    if (xl_ok) begin
                        tot = {{(15-WB){1'b0}}, xl_h[WB-1:0]} + {8'd0, ik_q, 4'd0} + W[14:0] - 15'd1;
                        tot = tot >> WB;
                        arl_d = tot[7:0] - 8'd1;
                        arv_d = !rq_full;
                        ist_d = I_AR;
                    end else begin
                        for (v = 0; v < NV; v = v + 1)
                            if (iv_q == v[4:0]) begin
                                fbad_d[v] = 1'b1;
                                fbl_d[v] = 1'b0;
                                fbi_d[v*RI +: RI] = iidx_q;
                                fbr_d[v*8 +: 8] = R_DESC;
                            end
                        ist_d = I_IDLE;
                    end
                end else begin
                    // frame: reserve, then bursts of up to MAX_BURST beats, never across 4 KiB
                    if (xl_ok) begin
                        res_v = 1'b1;
                        res_n = iv_q;
                        res_l = in_q;
                        take_v = 1'b1;
                        take_n = iv_q;
                        tot = {{(15-WB){1'b0}}, xl_h[WB-1:0]} + {1'b0, in_q} + W[14:0] - 15'd1;
                        ibt_d = tot >> WB;
                        ifirst_d = 1'b1;
                        b4k = {2'd0, 13'd4096 - {1'b0, xl_h[11:WB], {WB{1'b0}}}} >> WB;
                        bl = ibt_d;
                        if (bl > MAX_BURST[14:0]) bl = MAX_BURST[14:0];
                        if (bl > b4k) bl = b4k;
                        arl_d = bl[7:0] - 8'd1;
                        arv_d = !rq_full;
                        ist_d = I_AR;
                    end else begin
                        ityp_d = 1'b0;
                        irn_d = {8'd0, R_BUF};
                        stop_d = stop_d | onehot(iv_q);
                        ist_d = I_REC;
                    end
                end
            end
        end
        I_AR: begin
            // arvalid only with room for the record; it then stays until accepted
            if (!arv_q && !rq_full) arv_d = 1'b1;
            if (arv_q && m_axi_arready) begin
                rq_push = 1'b1;
                arv_d = 1'b0;
                bl = {7'd0, arl_q} + 15'd1;
                if (!iop_q) begin
                    rq_t = T_DESC;
                    rq_n = {13'd0, ik_q};
                    for (v = 0; v < NV; v = v + 1)
                        if (iv_q == v[4:0])
                            fet_d[v*RI +: RI] = (iidx_q + {{(RI-3){1'b0}}, ik_q}) & mask_v[v*RI +: RI];
                    ist_d = I_IDLE;
                end else begin
                    rq_t = T_DATA;
                    rq_n = {2'd0, in_q};
                    ifirst_d = 1'b0;
                    ibt_d = ibt_q - bl;
                    ih_d = ih_q + ({49'd0, bl} << WB);
                    if (ibt_q == bl) begin
                        for (v = 0; v < NV; v = v + 1)
                            if (iv_q == v[4:0])
                                use_d[v*RI +: RI] = (iidx_q + 1'b1) & mask_v[v*RI +: RI];
                        ist_d = I_IDLE;
                    end else begin
                        b4k = {2'd0, 13'd4096 - {1'b0, ih_d[11:WB], {WB{1'b0}}}} >> WB;
                        bl = ibt_d;
                        if (bl > MAX_BURST[14:0]) bl = MAX_BURST[14:0];
                        if (bl > b4k) bl = b4k;
                        arl_d = bl[7:0] - 8'd1;
                    end
                end
            end
        end
        I_REC: begin
            // a record without a read (TXLEN, buffer fault)
            if (!rq_full) begin
                rq_push = 1'b1;
                rq_t = ityp_q ? T_TXLEN : T_FAULT;
                rq_n = irn_q;
                for (v = 0; v < NV; v = v + 1)
                    if (iv_q == v[4:0])
                        use_d[v*RI +: RI] = (iidx_q + 1'b1) & mask_v[v*RI +: RI];
                ist_d = I_IDLE;
            end
        end
        default: ist_d = I_IDLE;
    endcase
    // the record pushed this cycle: I_IDLE's fault record (picked vNIC and
    // descriptor), I_AR's read record, I_REC's waiting record
    rq_in = mkrec(rq_t, (ist_q == I_IDLE) ? pick : iv_q,
                  (ist_q == I_AR) ? arl_q : 8'd0,
                  (ist_q == I_AR && iop_q) ? ifirst_q : 1'b1,
                  (ist_q == I_AR && iop_q) ? (ibt_q == {7'd0, arl_q} + 15'd1) : 1'b1,
                  (ist_q == I_AR) ? ioff_q : 5'd0, rq_n,
                  (ist_q == I_IDLE) ? ix : iidx_q, (ist_q == I_IDLE) ? gq : ig_q);
    // the request queue's push counts apart: it comes late (the issue
    // engine's pick), so it only selects between two counts made without it
    if (rq_push) begin
        for (v = 0; v < NV; v = v + 1)
            if (rq_in[R_VNIC +: 5] == v[4:0]) rqinc[v] = 1'b1;
    end

    // ======================================================== landing
    for (v = 0; v < NV; v = v + 1)
        if (rv == v[4:0]) dead = flt_q[v] || halted[v] || (flr_req && cmd_vnic == v[4:0]);
    lword = rh[R_LW +: 12];
    if (tail_q) begin
        // last word of an unaligned frame, then its end
        for (v = 0; v < NV; v = v + 1)
            if (tr_q[R_VNIC +: 5] == v[4:0]) dead = flt_q[v] || halted[v] || (flr_req && cmd_vnic == v[4:0]);
        rn = tr_q[R_N +: 14];
        rv = tr_q[R_VNIC +: 5];
        lword = tr_q[R_LW +: 12];
        word = r_shr;
        widx = lword;
        wgo = 1'b1;
        fin = 1'b1;
        fin_tail = 1'b1;
    end else if (!rq_empty) begin
        case (rtyp)
            T_TXLEN: begin
                if (!cq_full) begin
                    rq_pop = 1'b1;
                    if (!dead) begin
                        cq_push = 1'b1;
                        cq_in = {rv, rh[R_IDX +: RI], rh[R_N +: 16], ST_TXLEN[7:0]};
                        tl_v = 1'b1;
                        cnt_n = rv;
                    end
                end
            end
            T_FAULT: begin
                if (!pfl_q) begin
                    rq_pop = 1'b1;
                    if (!dead) begin
                        pfl_d = 1'b1;
                        pflv_d = rv;
                        pflr_d = rh[R_N +: 8];
                        pfla_d = rh[R_ADDR +: 64];
                        flt_d = flt_d | onehot(rv);
                    end
                end
            end
            T_DESC: begin
                if (m_axi_rvalid) begin
                    didx = (rh[R_IDX +: RI] + {{(RI-3){1'b0}}, dtk_q});
                    for (v = 0; v < NV; v = v + 1)
                        if (rv == v[4:0]) didx = didx & mask_v[v*RI +: RI];
                    if (W == 8) begin
                        // two beats per descriptor
                        if (!dhalf_q) begin
                            dhalf_d = 1'b1;
                            derr_d = rerr;
                        end else begin
                            dhalf_d = 1'b0;
                            dslot = {rd256[63:0], dlo_q};
                            rerr = rerr || derr_q;
                            dtk_d = dtk_q + 3'd1;
                            wgo = 1'b1;
                        end
                        rlastb = (rb_q == {4'd0, rlb});
                    end else begin
                        slot = dsl_q;
                        if (rb_q == 12'd0 && dsl_q == 2'd0) slot = {1'b0, r_off[4]};
                        for (j = 0; j < SPB; j = j + 1)
                            if (slot == j[1:0]) dslot = rd256[j*128 +: 128];
                        dtk_d = dtk_q + 3'd1;
                        wgo = 1'b1;
                        more = ({1'b0, slot} + 3'd1 < SPB[2:0]) && (dtk_q + 3'd1 < rn[2:0]);
                        rlastb = !more && (rb_q == {4'd0, rlb});
                        dsl_d = more ? slot + 2'd1 : 2'd0;
                    end
                    if (wgo) begin
                        for (v = 0; v < NV; v = v + 1)
                            if (rv == v[4:0]) begin
                                if (rerr && !fbl_q[v] && !dead) begin
                                    fbad_d[v] = 1'b1;
                                    fbl_d[v] = 1'b1;
                                    fbi_d[v*RI +: RI] = didx;
                                    fbr_d[v*8 +: 8] = R_AXI;
                                end
                                if (!rerr && !fbl_q[v] && !dead) begin
                                    dc_we = 1'b1;
                                    dc_wa = {rv[VB-1:0], didx[2:0]};
                                    dc_wd = {dslot[79:64], dslot[63:0]};
                                    onc_d[v*RI +: RI] = (didx + 1'b1) & mask_v[v*RI +: RI];
                                end
                            end
                    end
                    if (W == 8 || !more) rb_d = rb_q + 12'd1;
                    if (rlastb) begin
                        rq_pop = 1'b1;
                        rb_d = 12'd0;
                        dtk_d = 3'd0;
                        dsl_d = 2'd0;
                        dhalf_d = 1'b0;
                    end
                end
            end
            default: begin // T_DATA
                if (m_axi_rvalid && !cq_full && !pfl_q) begin
                    fbase = (rh[R_FIRST] && rb_q == 12'd0) ? 12'd0 : fb_q;
                    if (rh[R_FIRST] && rb_q == 12'd0) begin
                        ferr_d = 1'b0;
                        sa_n = 48'd0;
                    end else begin
                        ferr_d = ferr_q;
                    end
                    if (rerr) ferr_d = 1'b1;
                    prev_d = m_axi_rdata;
                    if (r_off == 5'd0) begin
                        word = m_axi_rdata;
                        widx = fbase;
                        wgo = widx <= lword;
                    end else begin
                        word = r_shl | r_shr;
                        widx = fb_q - 12'd1;
                        wgo = !(rh[R_FIRST] && rb_q == 12'd0) && fb_q != 12'd0 && widx <= lword;
                    end
                    fb_d = fbase + 12'd1;
                    rb_d = rb_q + 12'd1;
                    if (rb_q == {4'd0, rlb}) begin
                        rq_pop = 1'b1;
                        rb_d = 12'd0;
                        if (rh[R_LAST]) begin
                            // frame end: now, or after the tail word of an unaligned buffer
                            if (r_off != 5'd0 && fbase == lword) begin   // fb_d = words
                                tail_d = 1'b1;
                            end else begin
                                fin = 1'b1;
                            end
                        end
                    end
                end
            end
        endcase
    end

    // data words into the partition, bytes 6..11 kept. The source MAC
    // against the vNIC's (AND-OR by rv): each byte is compared both as kept
    // and as this word's byte, and whether the word lands there (the deep
    // part, widx and wgo) only selects (|sa_ne = sa_n != s_mac; a
    // simulation check compares them)
    for (v = 0; v < NV; v = v + 1)
        s_mac = s_mac | (cfg_mac[v*48 +: 48] & {48{rv == v[4:0]}});
    for (b = 6; b < 12; b = b + 1)
        sa_ne[b - 6] = sa_n[(11 - b)*8 +: 8] != s_mac[(11 - b)*8 +: 8];
    if (wgo && (tail_q || rtyp == T_DATA)) begin
        wr_v = 1'b1;
        wr_n = rv;
        wr_i = to_off(widx);
        wr_dat = word;
        for (b = 6; b < 12; b = b + 1)
            if ((b < W) ? (widx == 12'd0) : (widx == 12'd1)) begin
                sa_n[(11 - b)*8 +: 8] = word[(b % W)*8 +: 8];
                sa_ne[b - 6] = word[(b % W)*8 +: 8] != s_mac[(11 - b)*8 +: 8];
            end
        sa_d = sa_n;
    end
    if (fin) begin
        ferr_now = fin_tail ? ferr_q : ferr_d;
        ferr_d = 1'b0;
        end_v = 1'b1;
        end_n = rv;
        end_l = rn;
        // one outcome (the vNIC's MAC compared above)
        if ({1'b0, rv} < NV[5:0]) begin
            if (dead) begin
                drop_v = 1'b1;
                drop_n = rv;
            end else if (ferr_now) begin
                drop_v = 1'b1;
                drop_n = rv;
                pfl_d = 1'b1;
                pflv_d = rv;
                pflr_d = R_AXI;
                pfla_d = fin_tail ? tr_q[R_ADDR +: 64] : rh[R_ADDR +: 64];
                flt_d = flt_d | onehot(rv);
                stop_d = stop_d | onehot(rv);
            end else if (bit_of(cfg_antispoof, rv) && |sa_ne) begin
                drop_v = 1'b1;
                drop_n = rv;
                cq_push = 1'b1;
                cq_in = {rv, fin_tail ? tr_q[R_IDX +: RI] : rh[R_IDX +: RI], 2'd0, rn, ST_SPOOF[7:0]};
                sp_v = 1'b1;
                cnt_n = rv;
            end else begin
                end_k = 1'b1;
                push_v = 1'b1;
                push_n = rv;
                push_l = rn;
                cq_push = 1'b1;
                cq_in = {rv, fin_tail ? tr_q[R_IDX +: RI] : rh[R_IDX +: RI], 2'd0, rn, ST_OK[7:0]};
            end
        end
    end
    // the head refills from the RAM, else from this cycle's push
    if (rq_pop || !rqh_v_q) begin
        if (!rq_mem_empty) begin
            rqh_d = rq_next;
            rqh_v_d = 1'b1;
            rq_rp_d = rq_rp_q + 1'b1;
            if (rq_push) rq_wp_d = rq_wp_q + 1'b1;
        end else begin
            rqh_d = rq_in;
            rqh_v_d = rq_push;
        end
    end else if (rq_push) begin
        rq_wp_d = rq_wp_q + 1'b1;
    end
    if (rq_pop) begin
        for (v = 0; v < NV; v = v + 1)
            if (rv == v[4:0] && !tail_q) pdec[v*8 +: 8] = pdec[v*8 +: 8] + 8'd1;
    end
    if (cq_push) begin
        cq_wp_d = cq_wp_q + 4'd1;
        for (v = 0; v < NV; v = v + 1)
            if (cq_in[C_VNIC +: 5] == v[4:0]) pinc[v*8 +: 8] = pinc[v*8 +: 8] + 8'd1;
    end

    // ======================================================== write-back engine
    cv = ch[C_VNIC +: 5];
    case (wst_q)
        W_IDLE: begin
            if (!cq_empty && bit_of(wbd_q, cv)) begin
                // a write-back of this vNIC failed: nothing later completes
                cq_pop = 1'b1;
                for (v = 0; v < NV; v = v + 1)
                    if (cv == v[4:0]) pdec[v*8 +: 8] = pdec[v*8 +: 8] + 8'd1;
            end else if (!cq_empty && !xl_req && !bq_full && !wq_full) begin
                for (v = 0; v < NV; v = v + 1)
                    s_wbase = s_wbase | (txr_base[v*64 +: 64] & {64{cv == v[4:0]}});
                // the write-back address (bytes 8..15 of the descriptor):
                // base + 16 idx + 8, the same add as base + 16 idx with bit 3
                // set (a ring with descriptors has a 16-byte aligned base:
                // TAIL is refused otherwise, and BASE is locked from then on
                // until RESET, which waits for the vNIC's completions; every
                // completion's vNIC is below NV; both checked in simulation)
                wg_d = desc_g(s_wbase, ch[C_IDX +: RI]);
                xl_addr = {wg_d[63:4], 1'b1, wg_d[2:0]};
                xl_req = 1'b1;
                xl_who = 1'b1;
                xl_len = 16'd8;
                wst_d = W_XL;
            end
        end
        W_XL: begin
            if (xl_rsp && xl_tag) begin
                if (xl_ok) begin
                    // (a W queue entry is free: only this engine fills it)
                    wh_d = xl_h;
                    awv_d = 1'b1;
                    wst_d = W_AW;
                end else begin
                    wst_d = W_FLT;
                end
            end
        end
        W_AW: begin
            if (awv_q && m_axi_awready) begin
                // bytes 8..15: buffer length, 0, 0 (TX length field), status
                awv_d = 1'b0;
                wq_push = 1'b1;
                wq_in = {wh_q[WB-1:0], 8'd0, ch[C_ST +: 8], 32'd0, ch[C_N +: 16]};
                wq_wp_d = wq_wp_q + 4'd1;
                bq_push = 1'b1;
                bq_in = {cv, ch[C_IDX +: RI], wg_q};
                cq_pop = 1'b1;
                wst_d = W_IDLE;
            end
        end
        default: begin // W_FLT: the write-back is outside the windows
            if (!pfw_q) begin
                wbd_d = wbd_d | onehot(cv);
                for (v = 0; v < NV; v = v + 1)
                    if (cv == v[4:0] && !flt_q[v] && !halted[v]) begin
                        pfw_d = 1'b1;
                        pfwv_d = cv;
                        pfwr_d = R_DESC;
                        pfwa_d = wg_q;
                        flt_d[v] = 1'b1;
                        stop_d[v] = 1'b1;
                    end
                cq_pop = 1'b1;
                for (v = 0; v < NV; v = v + 1)
                    if (cv == v[4:0]) pdec[v*8 +: 8] = pdec[v*8 +: 8] + 8'd1;
                wst_d = W_IDLE;
            end
        end
    endcase
    if (cq_pop) cq_rp_d = cq_rp_q + 4'd1;
    if (bq_push) bq_wp_d = bq_wp_q + 1'b1;

    // write responses
    if (m_axi_bvalid && !pfb_q && bq_wp_q != bq_rp_q) begin
        bq_pop = 1'b1;
        bq_rp_d = bq_rp_q + 1'b1;
        for (v = 0; v < NV; v = v + 1)
            if (bh[B_VNIC +: 5] == v[4:0]) begin
                pdec[v*8 +: 8] = pdec[v*8 +: 8] + 8'd1;
                if (m_axi_bresp[1]) begin
                    wbd_d[v] = 1'b1;
                    if (!flt_q[v] && !halted[v]) begin
                        pfb_d = 1'b1;
                        pfbv_d = bh[B_VNIC +: 5];
                        pfbr_d = R_AXI;
                        pfba_d = bh[B_G +: 64];
                        flt_d[v] = 1'b1;
                        stop_d[v] = 1'b1;
                    end
                end else if (!wbd_q[v]) begin
                    hd_d[v*RI +: RI] = (bh[B_IDX +: RI] + 1'b1) & mask_v[v*RI +: RI];
                end
            end
    end

    // ======================================================== fault hand-over
    if (tx_fault_ready) begin
        if (pfl_q) pfl_d = 1'b0;
        else if (pfw_q) pfw_d = 1'b0;
        else if (pfb_q) pfb_d = 1'b0;
    end

    // ======================================================== in-flight count, RESET
    for (v = 0; v < NV; v = v + 1) begin
        pbase[v*8 +: 8]  = pend_q[v*8 +: 8] + pinc[v*8 +: 8] - pdec[v*8 +: 8];
        pend_d[v*8 +: 8] = rqinc[v] ? pbase[v*8 +: 8] + 8'd1 : pbase[v*8 +: 8];
    end
    if (cmd_reset) begin
        for (v = 0; v < NV; v = v + 1)
            if (cmd_vnic == v[4:0]) begin
                fet_d[v*RI +: RI] = {RI{1'b0}};
                use_d[v*RI +: RI] = {RI{1'b0}};
                onc_d[v*RI +: RI] = {RI{1'b0}};
                hd_d[v*RI +: RI] = {RI{1'b0}};
                fbad_d[v] = 1'b0;
                fbl_d[v] = 1'b0;
                stop_d[v] = 1'b0;
                flt_d[v] = 1'b0;
                wbd_d[v] = 1'b0;
            end
    end
end

// flr_ready: nothing of cmd_vnic in flight, no operation of the issue engine on it
reg flr_r;
always @* begin
    flr_r = 1'b1;
    for (v = 0; v < NV; v = v + 1)
        if (cmd_vnic == v[4:0] && pend_q[v*8 +: 8] != 8'd0) flr_r = 1'b0;
    if (ist_q != I_IDLE && iv_q == cmd_vnic) flr_r = 1'b0;
    if ((pfl_q && pflv_q == cmd_vnic) || (pfw_q && pfwv_q == cmd_vnic) || (pfb_q && pfbv_q == cmd_vnic))
        flr_r = 1'b0;
end
assign flr_ready = flr_r;

assign m_axi_rready = tail_q ? 1'b0 :
                      rq_empty ? 1'b0 :
                      (rtyp == T_DESC) ? (W == 8 || !more) :
                      (rtyp == T_DATA) ? (!cq_full && !pfl_q) : 1'b0;

// ---------------------------------------------------------------- registers
always @(posedge clk) begin
    if (rst) begin
        fet_q <= {NV*RI{1'b0}}; use_q <= {NV*RI{1'b0}}; onc_q <= {NV*RI{1'b0}}; hd_q <= {NV*RI{1'b0}};
        fbad_q <= {NV{1'b0}}; fbl_q <= {NV{1'b0}}; fbi_q <= {NV*RI{1'b0}}; fbr_q <= {NV*8{1'b0}};
        stop_q <= {NV{1'b0}}; flt_q <= {NV{1'b0}}; wbd_q <= {NV{1'b0}}; pend_q <= {NV*8{1'b0}};
        rq_wp_q <= {(RA+1){1'b0}}; rq_rp_q <= {(RA+1){1'b0}};
        rqh_q <= {RW{1'b0}}; rqh_v_q <= 1'b0;
        cq_wp_q <= 4'd0; cq_rp_q <= 4'd0;
        bq_wp_q <= {(BA+1){1'b0}}; bq_rp_q <= {(BA+1){1'b0}};
        pfl_q <= 1'b0; pflv_q <= 5'd0; pflr_q <= 8'd0; pfla_q <= 64'd0;
        pfw_q <= 1'b0; pfwv_q <= 5'd0; pfwr_q <= 8'd0; pfwa_q <= 64'd0;
        pfb_q <= 1'b0; pfbv_q <= 5'd0; pfbr_q <= 8'd0; pfba_q <= 64'd0;
        ist_q <= I_IDLE; iop_q <= 1'b0; iv_q <= 5'd0; frr_q <= 5'd0; xrr_q <= 5'd0; iidx_q <= {RI{1'b0}};
        ik_q <= 3'd0; ig_q <= 64'd0; in_q <= 14'd0; ih_q <= 64'd0; ioff_q <= 5'd0; ibt_q <= 15'd0;
        ifirst_q <= 1'b0; ityp_q <= 1'b0; irn_q <= 16'd0; arv_q <= 1'b0; arl_q <= 8'd0;
        rb_q <= 12'd0; fb_q <= 12'd0; prev_q <= {DATA_W{1'b0}}; ferr_q <= 1'b0; sa_q <= 48'd0;
        tail_q <= 1'b0; tr_q <= {RW{1'b0}};
        dtk_q <= 3'd0; dsl_q <= 2'd0; dhalf_q <= 1'b0; dlo_q <= 64'd0; derr_q <= 1'b0;
        wst_q <= W_IDLE; wg_q <= 64'd0; wh_q <= 64'd0; awv_q <= 1'b0;
        wq_wp_q <= 4'd0; wq_rp_q <= 4'd0;
        sp_q <= 1'b0; tl_q <= 1'b0; cn_q <= 5'd0;
    end else begin
        fet_q <= fet_d; use_q <= use_d; onc_q <= onc_d; hd_q <= hd_d;
        fbad_q <= fbad_d; fbl_q <= fbl_d; fbi_q <= fbi_d; fbr_q <= fbr_d;
        stop_q <= stop_d; flt_q <= flt_d; wbd_q <= wbd_d; pend_q <= pend_d;
        rq_wp_q <= rq_wp_d; rq_rp_q <= rq_rp_d;
        rqh_q <= rqh_d; rqh_v_q <= rqh_v_d;
        cq_wp_q <= cq_wp_d; cq_rp_q <= cq_rp_d;
        bq_wp_q <= bq_wp_d; bq_rp_q <= bq_rp_d;
        pfl_q <= pfl_d; pflv_q <= pflv_d; pflr_q <= pflr_d; pfla_q <= pfla_d;
        pfw_q <= pfw_d; pfwv_q <= pfwv_d; pfwr_q <= pfwr_d; pfwa_q <= pfwa_d;
        pfb_q <= pfb_d; pfbv_q <= pfbv_d; pfbr_q <= pfbr_d; pfba_q <= pfba_d;
        ist_q <= ist_d; iop_q <= iop_d; iv_q <= iv_d; frr_q <= frr_d; xrr_q <= xrr_d; iidx_q <= iidx_d;
        ik_q <= ik_d; ig_q <= ig_d; in_q <= in_d; ih_q <= ih_d; ioff_q <= ioff_d; ibt_q <= ibt_d;
        ifirst_q <= ifirst_d; ityp_q <= ityp_d; irn_q <= irn_d; arv_q <= arv_d; arl_q <= arl_d;
        rb_q <= rb_d; fb_q <= fb_d; prev_q <= prev_d; ferr_q <= ferr_d; sa_q <= sa_d;
        tail_q <= tail_d; tr_q <= tr_d;
        dtk_q <= dtk_d; dsl_q <= dsl_d; dhalf_q <= dhalf_d; dlo_q <= dlo_d; derr_q <= derr_d;
        wst_q <= wst_d; wg_q <= wg_d; wh_q <= wh_d; awv_q <= awv_d;
        wq_wp_q <= wq_wp_d; wq_rp_q <= wq_rp_d;
        sp_q <= sp_v; tl_q <= tl_v; cn_q <= cnt_n;
    end
end

`ifndef SYNTHESIS
// the per-byte source MAC test against the whole-address form
always @(posedge clk) begin
    if (!rst && fin && (|sa_ne) != (sa_n != s_mac)) begin
        $display("vnic_tx_dma: vNIC %0d: source MAC test %0d, but %h vs %h", rv, |sa_ne, sa_n, s_mac);
        $stop;
    end
end

// a ring whose mask is one cycle old (SIZE written last cycle) has TAIL 0
// and all its indices 0 (see mask_q)
integer sv;
always @(posedge clk) begin
    for (sv = 0; sv < NV; sv = sv + 1)
        if (!rst && mask_q[sv*RI +: RI] != rmask(txr_size[sv*4 +: 4]) &&
            (txr_tail[sv*16 +: 16] != 16'd0 || fet_q[sv*RI +: RI] != {RI{1'b0}} || use_q[sv*RI +: RI] != {RI{1'b0}} ||
             onc_q[sv*RI +: RI] != {RI{1'b0}} || hd_q[sv*RI +: RI] != {RI{1'b0}})) begin
            $display("vnic_tx_dma: vNIC %0d's ring SIZE changed while the ring is in use", sv);
            $stop;
        end
end
// the issue engine's index is its vNIC's fet during a fetch and its use
// during a frame (fet and use advance from iidx_q: a vNIC's indices change
// only by its own operation, and RESET waits for flr_ready, which waits for
// the operation)
always @(posedge clk) begin
    if (!rst && ist_q != I_IDLE && iidx_q != (iop_q ? use_q[iv_q[VB-1:0]*RI +: RI] : fet_q[iv_q[VB-1:0]*RI +: RI])) begin
        $display("vnic_tx_dma: the issue engine's index %0d is not its vNIC %0d's", iidx_q, iv_q);
        $stop;
    end
end
// a write-back's ring base is 16-byte aligned, and its vNIC is below NV
always @(posedge clk) begin
    if (!rst && wst_q == W_IDLE && !cq_empty && ({1'b0, ch[C_VNIC +: 5]} >= NV[5:0] ||
                                                 txr_base[ch[C_VNIC +: VB]*64 + 3] != 1'b0)) begin
        $display("vnic_tx_dma: write-back of vNIC %0d with ring base %h", ch[C_VNIC +: 5], txr_base[ch[C_VNIC +: VB]*64 +: 64]);
        $stop;
    end
end
// every ring index inside its mask, and at most 8 descriptors fetched and
// not yet processed (the per-vNIC conditions rest on both)
always @(posedge clk) begin
    for (sv = 0; sv < NV; sv = sv + 1)
        if (!rst && (((fet_q[sv*RI +: RI] | use_q[sv*RI +: RI] | onc_q[sv*RI +: RI] | hd_q[sv*RI +: RI])
                      & ~mask_q[sv*RI +: RI]) != {RI{1'b0}} ||
                     ((fet_q[sv*RI +: RI] - use_q[sv*RI +: RI]) & mask_q[sv*RI +: RI]) > 12'd8)) begin
            $display("vnic_tx_dma: vNIC %0d: a ring index outside its mask or more than 8 descriptors held", sv);
            $stop;
        end
end
`endif

endmodule

`resetall
