// vnic_rx_dma: RX DMA engine: descriptor prefetch, frame data writes, completion write-back, faults.
`resetall
`timescale 1ns / 1ps
`default_nettype none

/*
 * docs/architecture.md §4.8 and §6, for the receive direction.
 *
 * Descriptor prefetch: per vNIC an on-chip cache of up to 8 descriptors
 * (cached + being read). A prefetch sequencer picks, round robin, a vNIC
 * whose ring (SIZE != 0) has posted descriptors beyond those fetched and room
 * in its cache, translates the first descriptor's guest address and reads a
 * batch of up to 4 descriptors in one INCR burst (never wrapping the ring,
 * never crossing 4 KiB, never leaving the window); a descriptor outside the
 * windows faults the vNIC (RX_DESC_ADDR). Reads are issued while earlier
 * ones are outstanding (one AR every 4 cycles, up to RO_DEPTH in flight).
 *
 * Frames: eligible = head frame stored, a cached descriptor, not halted, not
 * being reset (the set E of §4.7; a disabled vNIC still drains). On a grant
 * the copy engine hands over the frame (tk_*) and the descriptor is popped;
 * two pipeline cycles later the frame either faults (buffer outside the
 * windows: RX_BUF_ADDR; the frame stays in the partition), is a buffer-length
 * error (ERR_BUFLEN: no data, its space released at once), or goes to the
 * data mover. The engine can take a new frame every cycle while its job
 * queue has room.
 *
 * Data mover: reads the frame's ceil((L-4)/W) words from the RX buffer,
 * realigns them to the host buffer's byte offset, and writes them as INCR
 * bursts (at most 256 beats, never crossing 4 KiB, byte strobes on the first
 * and last beat). The frame's partition space is released (RX_FREE, rel_*)
 * in the cycle its last word is read. Bursts and completions share the
 * write channel in the order their AW is issued; all writes use one AXI ID,
 * so B responses return in issue order.
 * Every AR (descriptor batch) and AW (data burst, completion) carries the
 * vNIC it is made for on m_axi_aruser / m_axi_awuser (VF_W bits), like a
 * PCIe requester ID, so the host side can attribute each access.
 *
 * Completions: in grant order. When a frame's last data burst has its B
 * response (or at once for ERR_BUFLEN) the engine translates the descriptor's
 * bytes 8..15 (ring base, kept per vNIC as the prefetch last read it, + 16 *
 * index; RX_DESC_ADDR fault if outside) and writes {buffer length, 0,
 * L-4, status} there; when that write's B response arrives HEAD advances
 * (RX_CPL), RX_FRAMES/RX_BYTES or DROP_BUFLEN count, and the ring's
 * moderation is told (cpl_*). SLVERR/DECERR on a data burst or completion
 * faults the vNIC (RX_AXI_ERR). Frames of a halted vNIC are not started; a
 * frame whose data was already read from the buffer but whose completion
 * cannot be written any more counts DROP_HALTED.
 *
 * Latency: grant to first AW about 5 cycles. Throughput: one data beat per
 * cycle on W; one extra cycle per frame when the realigned frame needs one
 * more beat than it has words; a completion every 3 cycles.
 * Fairness: prefetch round robin over vNICs; frames in grant order.
 */
module vnic_rx_dma #(
    parameter integer NUM_VNIC = 8,       // number of vNICs, 1..32
    parameter integer DATA_W   = 64,      // datapath width, bits
    parameter integer NUM_WIN  = 4,       // DMA windows per vNIC
    parameter integer HOST_AW  = 64,      // AXI address width, bits
    parameter integer ID_W     = 4,       // AXI ID width, bits
    parameter integer RXB      = 16,      // log2(RX_BUF_BYTES)
    parameter integer BAW      = 13,      // RX buffer word address width: RXB - log2(DATA_W/8)
    parameter integer CW       = 32       // counter increment width, bits
) (
    input  wire                        clk,
    input  wire                        rst,

    // configuration and state
    // windows as the register block's COMMIT writes them (vnic_win_ram)
    input  wire                        win_we,
    input  wire [4:0]                  win_wv,
    input  wire [NUM_WIN*64-1:0]       win_wgbase,
    input  wire [NUM_WIN*64-1:0]       win_whbase,
    input  wire [NUM_WIN*32-1:0]       win_wsize,
    input  wire [NUM_VNIC*64-1:0]      rxr_base,
    input  wire [NUM_VNIC*4-1:0]       rxr_size,
    input  wire [NUM_VNIC*16-1:0]      rxr_tail,
    output wire [NUM_VNIC*16-1:0]      rxr_head,
    input  wire [NUM_VNIC-1:0]         halted,
    input  wire                        flr_req,       // RESET of cmd_vnic waits
    input  wire                        cmd_reset,     // RESET of cmd_vnic takes effect
    input  wire [4:0]                  cmd_vnic,
    output wire                        flr_idle,      // cmd_vnic has nothing in the engine

    // scheduler
    input  wire [NUM_VNIC-1:0]         head_valid,
    output wire [NUM_VNIC-1:0]         elig,
    output wire                        ready,
    input  wire                        grant_valid,
    input  wire [4:0]                  grant_vnic,

    // taken frame (copy engine, one cycle after the grant)
    input  wire                        tk_valid,
    input  wire [4:0]                  tk_vnic,
    input  wire [BAW-1:0]              tk_addr,
    input  wire [BAW-1:0]              tk_wbase,
    input  wire [BAW:0]                tk_wend,
    input  wire [13:0]                 tk_len,
    input  wire                        tk_bcast,
    input  wire                        tk_mcast,

    // RX buffer read port
    output wire                        buf_rd_en,
    output wire [BAW-1:0]              buf_rd_addr,
    input  wire [DATA_W-1:0]           buf_rd_data,

    // partition space released
    output wire                        rel_valid,
    output wire [4:0]                  rel_vnic,
    output wire [15:0]                 rel_bytes,

    // completions (to interrupt moderation) and counters
    output wire                        cpl_valid,
    output wire [4:0]                  cpl_vnic,
    output wire [NUM_VNIC*12*CW-1:0]   vstat_add,

    // faults
    output wire                        fault_valid,
    input  wire                        fault_ready,
    output wire [4:0]                  fault_vnic,
    output wire [7:0]                  fault_reason,
    output wire [63:0]                 fault_addr,

    // AXI4 master
    output wire [ID_W-1:0]             m_axi_awid,
    output wire [((NUM_VNIC > 1) ? $clog2(NUM_VNIC) : 1)-1:0] m_axi_awuser,  // vNIC of the request
    output wire [HOST_AW-1:0]          m_axi_awaddr,
    output wire [7:0]                  m_axi_awlen,
    output wire [2:0]                  m_axi_awsize,
    output wire [1:0]                  m_axi_awburst,
    output wire                        m_axi_awvalid,
    input  wire                        m_axi_awready,
    output wire [DATA_W-1:0]           m_axi_wdata,
    output wire [DATA_W/8-1:0]         m_axi_wstrb,
    output wire                        m_axi_wlast,
    output wire                        m_axi_wvalid,
    input  wire                        m_axi_wready,
    input  wire [1:0]                  m_axi_bresp,
    input  wire                        m_axi_bvalid,
    output wire                        m_axi_bready,
    output wire [ID_W-1:0]             m_axi_arid,
    output wire [((NUM_VNIC > 1) ? $clog2(NUM_VNIC) : 1)-1:0] m_axi_aruser,  // vNIC of the request
    output wire [HOST_AW-1:0]          m_axi_araddr,
    output wire [7:0]                  m_axi_arlen,
    output wire [2:0]                  m_axi_arsize,
    output wire [1:0]                  m_axi_arburst,
    output wire                        m_axi_arvalid,
    input  wire                        m_axi_arready,
    input  wire [DATA_W-1:0]           m_axi_rdata,
    input  wire [1:0]                  m_axi_rresp,
    input  wire                        m_axi_rlast,
    input  wire                        m_axi_rvalid,
    output wire                        m_axi_rready,

    // verification trace
    output wire                        trc_rx_free_valid,
    output wire [4:0]                  trc_rx_free_vnic,
    output wire                        trc_rx_cpl_valid,
    output wire [4:0]                  trc_rx_cpl_vnic
);

`include "vnic_regs.vh"

// ---------------------------------------------------------------- parameters
localparam integer NV  = NUM_VNIC;
localparam integer W   = DATA_W / 8;
localparam integer LW  = (W == 8) ? 3 : (W == 16) ? 4 : 5;
localparam integer VW  = (NV <= 2) ? 1 : $clog2(NV);     // vNIC index bits of RAM addresses
localparam integer VF_W = (NV > 1) ? $clog2(NV) : 1;     // vNIC index bits of the AXI user signals
localparam integer NCV = 12;
localparam integer DCW = 96;                             // descriptor cache entry {idx, len, addr}
localparam integer JQ  = 4;                              // job queue entries
localparam integer BF  = 8;                              // beat FIFO entries
localparam integer BO_AW = 6;                            // B-order queue: 64 writes outstanding
localparam integer RO_AW = 4;                            // R-order queue: 16 reads outstanding
localparam integer FF_AW = 5;                            // frames waiting for completion
localparam integer CI_AW = 5;                            // completions in flight
localparam [7:0]  R_DESC = 8'd1, R_BUF = 8'd2, R_AXI = 8'd5;
localparam [31:0] W32 = W;
localparam [15:0] W16 = W32[15:0];
localparam [31:0] NVM1_32 = NUM_VNIC - 1;
localparam [4:0]  NVM1 = NVM1_32[4:0];
localparam [31:0] NV_32 = NUM_VNIC;
localparam [5:0]  NV6 = NV_32[5:0];
localparam [2:0]  SIZE_W = (W == 8) ? 3'd3 : (W == 16) ? 3'd4 : 3'd5;

generate
    if (DATA_W != 64 && DATA_W != 128 && DATA_W != 256) begin : gen_err_data_w
        vnic_error_rx_dma_DATA_W_must_be_64_128_or_256 u_error ();
    end
    if (BAW + LW != RXB) begin : gen_err_baw
        vnic_error_rx_dma_BAW_must_be_RXB_minus_log2_W u_error ();
    end
endgenerate

// ---------------------------------------------------------------- helpers
function [4:0] ffs_from;                   // first set bit at or after p, circular
    input [NV-1:0] m;
    input [4:0]    p;
    integer i;
    reg hit;
    begin
        ffs_from = 5'd0;
        hit = 1'b0;
        for (i = NV - 1; i >= 0; i = i - 1)
            if (m[i] && i[4:0] >= p) begin
                ffs_from = i[4:0];
                hit = 1'b1;
            end
        if (!hit)
            for (i = NV - 1; i >= 0; i = i - 1)
                if (m[i]) ffs_from = i[4:0];
    end
endfunction

function [W-1:0] strobe_range;             // bytes lo..hi set
    input [5:0] lo;
    input [5:0] hi;
    integer i;
    begin
        for (i = 0; i < W; i = i + 1)
            strobe_range[i] = (i[5:0] >= lo) && (i[5:0] <= hi);
    end
endfunction

function [DATA_W-1:0] place64;            // 8 bytes at byte lane `lane` (bytes beyond the beat dropped)
    input [63:0]   b;
    input [LW-1:0] lane;
    reg [DATA_W-1:0] t;
    begin
        t = {DATA_W{1'b0}};
        t[63:0] = b;
        place64 = t << {lane, 3'b000};
    end
endfunction

function [W-1:0] place_strb;
    input [LW-1:0] lane;
    reg [W-1:0] t;
    begin
        t = {W{1'b0}};
        t[7:0] = 8'hff;
        place_strb = t << lane;
    end
endfunction

function [15:0] ring_mask;                 // 2^sz - 1
    input [3:0] sz;
    begin
        ring_mask = ~(16'hffff << sz);
    end
endfunction

function in_nv;                            // v is a vNIC of this device
    input [4:0] v;
    begin
        in_nv = ({1'b0, v} < NV6);
    end
endfunction

// Guest-to-host translation through one vNIC's windows: function `xl`
// (architecture §6, page-based; shared with vnic_dma_xlate).
`include "vnic_xlate.vh"

// ---------------------------------------------------------------- per-vNIC state
reg [NV*16-1:0] fetch_q, fetch_d;       // next ring index to prefetch
reg [NV*16-1:0] head_q, head_d;         // HEAD
reg [NV*4-1:0]  dcc_q, dcc_d;           // cached descriptors
reg [NV*4-1:0]  dci_q, dci_d;           // descriptors being read
reg [NV*3-1:0]  dcw_q, dcw_d, dcr_q, dcr_d;
reg [NV*8-1:0]  infl_q, infl_d;         // frames granted and not finished

assign rxr_head = head_q;

wire [NV-1:0] flr_v;
wire [NV-1:0] dc_nz;
genvar gv;
generate
    for (gv = 0; gv < NV; gv = gv + 1) begin : gen_vn
        assign flr_v[gv] = flr_req && cmd_vnic == gv;
        assign dc_nz[gv] = (dcc_q[gv*4 +: 4] != 4'd0);
    end
endgenerate

assign elig = head_valid & dc_nz & ~halted & ~flr_v;
wire [63:0] halted64 = {{(64-NV){1'b0}}, halted};
wire [63:0] flr64    = {{(64-NV){1'b0}}, flr_v};

// ---------------------------------------------------------------- fault arbiter
// sources, in priority order: 0 prefetch, 1 read error, 2 stage A, 3 completion issuer, 4 B
// each request depends on state only (no path back from fq_grant)
wire        fq0_v, fq1_v, fq2_v, fq3_v, fq4_v;
wire [4:0]  fq0_n, fq1_n, fq2_n, fq3_n, fq4_n;
wire [7:0]  fq0_r, fq1_r, fq2_r, fq3_r, fq4_r;
wire [63:0] fq0_a, fq1_a, fq2_a, fq3_a, fq4_a;
wire [4:0]  fq_valid = {fq4_v, fq3_v, fq2_v, fq1_v, fq0_v};
wire [24:0] fq_vn = {fq4_n, fq3_n, fq2_n, fq1_n, fq0_n};
wire [39:0] fq_rs = {fq4_r, fq3_r, fq2_r, fq1_r, fq0_r};
wire [319:0] fq_ad = {fq4_a, fq3_a, fq2_a, fq1_a, fq0_a};
reg  [4:0]  fq_grant;
integer fi_0, fi_1;
always @* begin
    fq_grant = 5'd0;
    for (fi_0 = 4; fi_0 >= 0; fi_0 = fi_0 - 1)
        if (fq_valid[fi_0]) fq_grant = 5'd1 << fi_0;
    if (!fault_ready) fq_grant = 5'd0;
end
// the first valid source, as a one-hot pick, then an AND-OR of the sources
reg  [4:0]  f_pick;
reg  [4:0]  f_sel_vn;
reg  [7:0]  f_sel_rs;
reg  [63:0] f_sel_ad;
always @* begin
    f_pick = fq_valid & ~{fq_valid[3:0], 1'b0} & ~{fq_valid[2:0], 2'b0} & ~{fq_valid[1:0], 3'b0}
           & ~{fq_valid[0], 4'b0};
    f_sel_vn = 5'd0;
    f_sel_rs = 8'd0;
    f_sel_ad = 64'd0;
    for (fi_1 = 0; fi_1 < 5; fi_1 = fi_1 + 1) begin
        f_sel_vn = f_sel_vn | (fq_vn[fi_1*5 +: 5] & {5{f_pick[fi_1]}});
        f_sel_rs = f_sel_rs | (fq_rs[fi_1*8 +: 8] & {8{f_pick[fi_1]}});
        f_sel_ad = f_sel_ad | (fq_ad[fi_1*64 +: 64] & {64{f_pick[fi_1]}});
    end
end
assign fault_valid  = (fq_valid != 5'd0);
assign fault_vnic   = f_sel_vn;
assign fault_reason = f_sel_rs;
assign fault_addr   = f_sel_ad;

// ================================================================ descriptor prefetch
localparam [1:0] P_IDLE = 2'd0, P_XL = 2'd1, P_ISSUE = 2'd2, P_FAULT = 2'd3;
reg  [1:0]  p_st_q, p_st_d;
reg  [4:0]  p_v_q, p_v_d;
reg  [4:0]  p_ptr_q, p_ptr_d;
reg  [63:0] p_g_q, p_g_d;               // guest address of the first descriptor
reg  [15:0] p_idx_q, p_idx_d;
reg  [2:0]  p_n_q, p_n_d;               // descriptors in the batch (before the window limit)
reg         p_ok_q, p_ok_d;
reg  [63:0] p_h_q, p_h_d;

// AR channel register
reg                ar_v_q, ar_v_d;
reg  [HOST_AW-1:0] ar_a_q, ar_a_d;
reg  [7:0]         ar_l_q, ar_l_d;
reg  [VF_W-1:0]    ar_u_q, ar_u_d;      // vNIC of the request (aruser)

// R-order queue {v, n, first slot, idx, g}
localparam integer ROW = 5 + 3 + 1 + 16 + 64;
reg  [ROW-1:0]     ro_mem [0:(1<<RO_AW)-1];
reg                ro_we;
reg  [ROW-1:0]     ro_wd;
reg  [RO_AW:0]     ro_wp_q, ro_wp_d, ro_rp_q;
wire [RO_AW:0]     ro_cnt = ro_wp_q - ro_rp_q;     // RO_AW+1 bits: wraps with the pointers
wire               ro_full = ro_cnt[RO_AW];
wire               ro_empty = (ro_wp_q == ro_rp_q);
wire [ROW-1:0]     ro_head = ro_mem[ro_rp_q[RO_AW-1:0]];

// candidates
reg [NV-1:0] p_cand;
reg [15:0]   pv_fetch, pv_tail, pv_mask;
reg [3:0]    pv_size, pv_cnt, pv_infl;
reg [63:0]   pv_base;
integer v_2, v_19, v_20, v_21, v_22;
always @* begin
    for (v_2 = 0; v_2 < NV; v_2 = v_2 + 1)
        p_cand[v_2] = (rxr_size[v_2*4 +: 4] != 4'd0) && !halted[v_2] && !flr_v[v_2]
                 && (fetch_q[v_2*16 +: 16] != rxr_tail[v_2*16 +: 16])
                 && ({1'b0, dcc_q[v_2*4 +: 4]} + {1'b0, dci_q[v_2*4 +: 4]} < 5'd8);
    pv_fetch = 16'd0; pv_tail = 16'd0; pv_size = 4'd0; pv_cnt = 4'd0; pv_infl = 4'd0;
    pv_base = 64'd0;
    if (in_nv(p_v_q)) begin
        pv_fetch = fetch_q[p_v_q*16 +: 16];
        pv_tail = rxr_tail[p_v_q*16 +: 16];
        pv_size = rxr_size[p_v_q*4 +: 4];
        pv_cnt = dcc_q[p_v_q*4 +: 4];
        pv_infl = dci_q[p_v_q*4 +: 4];
        pv_base = rxr_base[p_v_q*64 +: 64];
    end
    pv_mask = ring_mask(pv_size);
end

// the windows of a vNIC, read by its low index bits from this block's copy
// (vnic_win_ram, one read port per translation: the descriptor prefetch
// here, the data write of stage A and the completion write-back below): a
// number >= NUM_VNIC has no windows, which clears `ok` below; the address is
// only used when ok is set
wire [VF_W-1:0]       p_vi = p_v_q[VF_W-1:0];
wire [VF_W-1:0]       a1_vi = tk_vnic[VF_W-1:0];
wire [VF_W-1:0]       c_vi = ff_v[VF_W-1:0];
wire [3*NUM_WIN*64-1:0] rw_gb, rw_hb;                 // port 0: p_vi, 1: a1_vi, 2: c_vi
wire [3*NUM_WIN*32-1:0] rw_sz;
vnic_win_ram #(.NUM_VNIC(NV), .NUM_WIN(NUM_WIN), .VW(VF_W), .NUM_RD(3)) u_win (
    .clk        (clk),
    .rst        (rst),
    .win_we     (win_we && in_nv(win_wv)),
    .win_wv     (win_wv[VF_W-1:0]),
    .win_wgbase (win_wgbase),
    .win_whbase (win_whbase),
    .win_wsize  (win_wsize),
    .rd_vnic    ({c_vi, a1_vi, p_vi}),
    .rd_gbase   (rw_gb),
    .rd_hbase   (rw_hb),
    .rd_size    (rw_sz)
);
wire [64:0] px = xl(rw_gb[0 +: NUM_WIN*64], rw_hb[0 +: NUM_WIN*64], rw_sz[0 +: NUM_WIN*32], p_g_q, 16'd16, 1'b0);
wire        px_ok = px[64] && in_nv(p_v_q);
wire [63:0] px_h  = px[63:0];

// batch size: min(4, cache room, posted, to ring end, to the next 64-byte
// guest boundary); a batch never leaves a 64-byte chunk, so it is legal or
// illegal as a whole (windows are 4 KiB aligned)
wire [15:0] pb_avail = (pv_tail - pv_fetch) & pv_mask;
wire [16:0] pb_toend = ({1'b0, pv_mask} + 17'd1) - {1'b0, pv_fetch};
wire [3:0]  pb_room  = 4'd8 - pv_cnt - pv_infl;
wire [2:0]  pb_to64  = 3'd4 - {1'b0, p_g_q[5:4]};
// each limit saturated at 4 in parallel, then the minimum of four 3-bit values
wire [2:0]  pb_room4  = (pb_room > 4'd4)   ? 3'd4 : pb_room[2:0];
wire [2:0]  pb_avail4 = (pb_avail > 16'd4) ? 3'd4 : pb_avail[2:0];
wire [2:0]  pb_toend4 = (pb_toend > 17'd4) ? 3'd4 : pb_toend[2:0];
wire [2:0]  pb_m1 = (pb_room4 < pb_to64) ? pb_room4 : pb_to64;
wire [2:0]  pb_m2 = (pb_toend4 < pb_avail4) ? pb_toend4 : pb_avail4;
wire [2:0]  pb_n  = (pb_m2 < pb_m1) ? pb_m2 : pb_m1;
// the batch is not empty iff the cache has room and a descriptor is posted:
// the ring-end and 64-byte limits are never 0 (the fetch index is inside
// the ring, the boundary is 1 to 4 slots away), so the issue decision does
// not wait for the minimum (a simulation check compares with pb_n != 0)
wire        pb_any = (pb_room != 4'd0) && (pb_avail != 16'd0);
// AR of the batch: aligned address, beats = ceil((off + 16 n) / W)
wire [LW-1:0] pb_off  = p_h_q[LW-1:0];
wire [7:0]    pb_bytes = {1'b0, pb_n, 4'd0} + {{(8-LW){1'b0}}, pb_off};
wire [7:0]    pb_beats = (pb_bytes + (W16[7:0] - 8'd1)) >> LW;

wire p_ok_now = !halted64[{1'b0, p_v_q}] && !flr64[{1'b0, p_v_q}];

always @* begin
    p_st_d = p_st_q; p_v_d = p_v_q; p_ptr_d = p_ptr_q; p_g_d = p_g_q; p_idx_d = p_idx_q;
    p_n_d = p_n_q; p_ok_d = p_ok_q; p_h_d = p_h_q;
    ar_v_d = ar_v_q; ar_a_d = ar_a_q; ar_l_d = ar_l_q; ar_u_d = ar_u_q;
    ro_we = 1'b0; ro_wp_d = ro_wp_q;
    // the record of the batch being issued (written only with ro_we)
    ro_wd = {p_v_q, pb_n, pb_off[LW-1] & (W == 32), p_idx_q, p_g_q};
    if (ar_v_q && m_axi_arready) ar_v_d = 1'b0;
    case (p_st_q)
        P_IDLE: begin
            if (p_cand != {NV{1'b0}}) begin
                p_v_d = ffs_from(p_cand, p_ptr_q);
                p_st_d = P_XL;
            end
        end
        P_XL: begin
            // guest address of the next descriptor to fetch
            p_idx_d = pv_fetch;
            p_g_d = pv_base + {44'd0, pv_fetch, 4'd0};
            p_st_d = P_ISSUE;
            p_n_d = 3'd0;
        end
        P_ISSUE: begin
            // p_g_q is valid; the translation result is used the cycle after
            if (p_n_q == 3'd0) begin
                p_ok_d = px_ok;
                p_h_d = px_h;
                p_n_d = 3'd1;
            end else if (!p_ok_now) begin
                p_st_d = P_IDLE;
            end else if (!p_ok_q) begin
                p_st_d = P_FAULT;
            end else if (!ar_v_q && !ro_full && pb_any) begin
                ar_v_d = 1'b1;
                ar_a_d = p_h_q[HOST_AW-1:0] & ~{{(HOST_AW-LW){1'b0}}, {LW{1'b1}}};
                ar_l_d = pb_beats - 8'd1;
                ar_u_d = p_v_q[VF_W-1:0];
                ro_we = 1'b1;
                ro_wp_d = ro_wp_q + {{RO_AW{1'b0}}, 1'b1};
                p_ptr_d = (p_v_q == NVM1) ? 5'd0 : p_v_q + 5'd1;
                p_st_d = P_IDLE;
            end else if (!pb_any) begin
                p_st_d = P_IDLE;
            end
        end
        default: begin  // P_FAULT
            if (fq_grant[0]) p_st_d = P_IDLE;
        end
    endcase
end
wire p_issue = (p_st_q == P_ISSUE) && p_n_q != 3'd0 && p_ok_now && p_ok_q && !ar_v_q && !ro_full && pb_any;
`ifndef SYNTHESIS
always @(posedge clk) begin
    if (!rst && p_st_q == P_ISSUE && pb_any != (pb_n != 3'd0)) begin
        $display("vnic_rx_dma: vNIC %0d: prefetch batch of %0d descriptors, but pb_any = %0d", p_v_q, pb_n, pb_any);
        $stop;
    end
end
`endif

assign m_axi_arid    = {ID_W{1'b0}};
assign m_axi_aruser  = ar_u_q;
assign m_axi_araddr  = ar_a_q;
assign m_axi_arlen   = ar_l_q;
assign m_axi_arsize  = SIZE_W;
assign m_axi_arburst = 2'b01;
assign m_axi_arvalid = ar_v_q;

// ---------------------------------------------------------------- read data: descriptors into the cache
wire [4:0]  ro_v    = ro_head[ROW-1 -: 5];
wire [2:0]  ro_n    = ro_head[ROW-6 -: 3];
wire        ro_s1   = ro_head[ROW-9];
wire [15:0] ro_idx  = ro_head[64 +: 16];
wire [63:0] ro_g    = ro_head[63:0];

reg  [2:0]  r_done_q, r_done_d;          // descriptors of the head batch delivered
reg         r_half_q, r_half_d;          // W = 8: second beat of a descriptor
reg         r_slot_q, r_slot_d;          // W = 32: second descriptor of the beat
reg         r_err_q, r_err_d;             // a beat of this batch failed
reg         r_herr_q, r_herr_d;           // W = 8: the first half of this descriptor failed
reg  [63:0] r_faddr_q, r_faddr_d;         // guest address of the first failed descriptor
reg  [63:0] r_addr_q, r_addr_d;          // W = 8: first half
reg         r_fault_q, r_fault_d;        // waiting to report a read error
reg         dc_we;
reg  [VW+2:0] dc_wa;
reg  [DCW-1:0] dc_wd;
reg         r_pop;                        // the head batch is finished
reg         rready;
reg         r_deliver;
reg  [127:0] r_desc;
reg  [VW+2:0] ro_wa;                      // cache write address for the head batch's vNIC
always @* begin
    ro_wa = {(VW+3){1'b0}};
    for (v_21 = 0; v_21 < NV; v_21 = v_21 + 1)
        if (ro_v == v_21[4:0]) ro_wa = {ro_v[VW-1:0], dcw_q[v_21*3 +: 3]};
end
wire [127:0] r_slot0, r_slot1;            // descriptor slots of a beat (W >= 16)
generate
    if (W == 8) begin : gen_rs8
        assign r_slot0 = {m_axi_rdata, r_addr_q};
        assign r_slot1 = r_slot0;
    end else if (W == 16) begin : gen_rs16
        assign r_slot0 = m_axi_rdata;
        assign r_slot1 = m_axi_rdata;
    end else begin : gen_rs32
        assign r_slot0 = m_axi_rdata[127:0];
        assign r_slot1 = m_axi_rdata[255:128];
    end
endgenerate

always @* begin
    r_done_d = r_done_q; r_half_d = r_half_q; r_slot_d = r_slot_q; r_err_d = r_err_q;
    r_addr_d = r_addr_q; r_fault_d = r_fault_q; r_herr_d = r_herr_q; r_faddr_d = r_faddr_q;
    r_pop = 1'b0; rready = 1'b0; r_deliver = 1'b0;
    // the descriptor this beat delivers and its cache entry (written only
    // with dc_we)
    r_desc = (W == 32 && r_slot_q) ? r_slot1 : r_slot0;
    dc_we = 1'b0; dc_wa = ro_wa;
    dc_wd = {ro_idx + {13'd0, r_done_q}, r_desc[79:64], r_desc[63:0]};
    if (r_fault_q) begin
        if (fq_grant[1]) begin
            r_fault_d = 1'b0;
            r_pop = 1'b1;
        end
    end else if (m_axi_rvalid && !ro_empty) begin
        if (W == 8) begin
            rready = 1'b1;
            if (!r_half_q) begin
                r_addr_d = r_slot0[127:64];
                r_half_d = 1'b1;
                r_herr_d = (m_axi_rresp != 2'b00);
            end else begin
                r_half_d = 1'b0;
                r_deliver = 1'b1;
            end
        end else if (W == 16) begin
            rready = 1'b1;
            r_deliver = 1'b1;
        end else begin
            // two descriptor slots per beat; the batch may start in slot 1
            if (r_done_q == 3'd0 && !r_slot_q && ro_s1) begin
                r_slot_d = 1'b1;          // skip slot 0 of the first beat
            end else begin
                r_deliver = 1'b1;
                if (r_slot_q || r_done_q + 3'd1 == ro_n) begin
                    rready = 1'b1;
                    r_slot_d = 1'b0;
                end else begin
                    r_slot_d = 1'b1;
                end
            end
        end
        if (r_deliver && !r_err_q && (m_axi_rresp != 2'b00 || (W == 8 && r_herr_q))) begin
            r_err_d = 1'b1;
            r_faddr_d = ro_g + {57'd0, r_done_q, 4'd0};
        end
        if (r_deliver) begin
            r_done_d = r_done_q + 3'd1;
            dc_we = !(r_err_q || m_axi_rresp != 2'b00 || (W == 8 && r_herr_q));
        end
        if (rready && m_axi_rlast) begin
            r_done_d = 3'd0;
            r_half_d = 1'b0;
            r_slot_d = 1'b0;
            if (r_err_d)
                r_fault_d = 1'b1;
            else
                r_pop = 1'b1;
            r_err_d = 1'b0;
        end
    end
end
assign m_axi_rready = rready;

// descriptor cache RAM: entry {ring index, buffer length, guest buffer address}
reg  [VW+2:0]  dc_ra;
wire [DCW-1:0] dc_rd;
vnic_ram_sdp #(
    .DW    (DCW),
    .DEPTH (8 << VW),
    .AW    (VW + 3)
) u_desc_cache (
    .clk     (clk),
    .wr_en   (dc_we),
    .wr_addr (dc_wa),
    .wr_data (dc_wd),
    .rd_en   (grant_valid),
    .rd_addr (dc_ra),
    .rd_data (dc_rd)
);

// ================================================================ grant and stage A
// A1: frame (tk_*) and descriptor (dc_rd); A2: translated
reg         a2_v_q;
reg  [4:0]  a2_vn_q;
reg  [13:0] a2_len_q;
reg         a2_bc_q, a2_mc_q;
reg  [BAW-1:0] a2_addr_q, a2_wbase_q;
reg  [BAW:0]   a2_wend_q;
reg  [15:0] a2_idx_q, a2_blen_q;
reg  [63:0] a2_g_q;
reg  [NUM_WIN-1:0]    a2_hit_q;          // the windows that hold the buffer
reg  [NUM_WIN*52-1:0] a2_pg_q;           // every window's host page of it
reg         a2_ok_q, a2_errbl_q;

// job queue {v, len, bc, mc, addr, wbase, wend, idx, buflen, g, h, flt, errbl}
// (flt: the buffer faulted; errbl: ERR_BUFLEN; either way no data moves)
localparam integer JW = 5 + 14 + 2 + BAW + BAW + (BAW + 1) + 16 + 16 + 64 + 64 + 2;
reg  [JW-1:0]    jq_mem [0:JQ-1];
reg              jq_we;
reg  [JW-1:0]    jq_wd;
reg  [2:0]  jq_wp_q, jq_wp_d, jq_rr_q, jq_rr_d, jq_rb_q, jq_rb_d;   // write, reader, burst generator
wire [2:0]  jq_used = jq_wp_q - ((jq_wp_q - jq_rr_q) > (jq_wp_q - jq_rb_q) ? jq_rr_q : jq_rb_q);
reg  a2_stall;
// one frame in stage A at a time: a grant every third cycle at most
assign ready = !tk_valid && !a2_v_q && (jq_used < 3'd4);

// dc read address: the granted vNIC's oldest cached descriptor
always @* begin
    dc_ra = {(VW+3){1'b0}};
    for (v_22 = 0; v_22 < NV; v_22 = v_22 + 1)
        if (grant_vnic == v_22[4:0]) dc_ra = {grant_vnic[VW-1:0], dcr_q[v_22*3 +: 3]};
end

// the buffer's translation, in two halves: A1 checks it against the windows
// (xl_hit, the part that reads the frame length) and adds every window's
// host page (xl_page); A2 selects the hit window's page (xl_pick). The
// length's long path so ends in NUM_WIN + 1 registers, not in the address.
wire [13:0] a1_n = tk_len - 14'd4;
wire [NUM_WIN-1:0]    ax_hit = xl_hit(rw_gb[NUM_WIN*64 +: NUM_WIN*64], rw_sz[NUM_WIN*32 +: NUM_WIN*32],
                                      dc_rd[63:0], {2'b00, a1_n});
wire [NUM_WIN*52-1:0] ax_pg  = xl_page(rw_gb[NUM_WIN*64 +: NUM_WIN*64], rw_hb[NUM_WIN*64 +: NUM_WIN*64],
                                       dc_rd[31:3], 1'b0);
wire        ax_ok = |ax_hit && in_nv(tk_vnic);
wire [64:0] a2_x  = xl_pick(a2_hit_q, a2_pg_q, a2_g_q[11:0], 1'b0);
wire [63:0] a2_h  = a2_x[63:0];

// A1 is the cycle after the grant (tk_valid); A2 holds the result. A buffer
// outside the windows (not for ERR_BUFLEN: no data moves) is reported first.
wire a2_flt = !a2_errbl_q && !a2_ok_q;
always @* begin
    a2_stall = a2_v_q && a2_flt && !fq_grant[2];
end
wire a2_tojob = a2_v_q && !a2_stall;                 // A2 leaves this cycle

always @* begin
    jq_we = 1'b0;
    // A2's job (written only with jq_we)
    jq_wd = {a2_vn_q, a2_len_q, a2_bc_q, a2_mc_q, a2_addr_q, a2_wbase_q,
             a2_wend_q, a2_idx_q, a2_blen_q, a2_g_q, a2_h, a2_flt, a2_errbl_q};
    jq_wp_d = jq_wp_q;
    if (a2_tojob) begin
        jq_we = 1'b1;
        jq_wp_d = jq_wp_q + 3'd1;
    end
end

// ================================================================ data mover: reader
wire [JW-1:0] jr = jq_mem[jq_rr_q[1:0]];
wire [4:0]     jr_v     = jr[JW-1 -: 5];
wire [13:0]    jr_len   = jr[JW-6 -: 14];
wire [BAW-1:0] jr_addr  = jr[JW-22 -: BAW];
wire [BAW-1:0] jr_wbase = jr[JW-22-BAW -: BAW];
wire [BAW:0]   jr_wend  = jr[JW-22-2*BAW -: BAW+1];
wire [63:0]    jr_h     = jr[2 +: 64];
wire           jr_errbl = jr[0];
wire           jr_flt   = jr[1];
wire           jr_avail = (jq_rr_q != jq_wp_q);
wire [13:0]    jr_n     = jr_len - 14'd4;
wire [13:0]    jr_nw    = (jr_n + (W16[13:0] - 14'd1)) >> LW;

reg            rd_act_q, rd_act_d;       // a data job is being read
reg  [4:0]     rd_v_q, rd_v_d;
reg  [BAW-1:0] rd_addr_q, rd_addr_d, rd_wbase_q, rd_wbase_d;
reg  [BAW:0]   rd_wend_q, rd_wend_d;
reg  [13:0]    rd_left_q, rd_left_d;     // words still to read
reg  [13:0]    rd_nw_q, rd_nw_d;
reg  [LW-1:0]  rd_off_q, rd_off_d;
reg  [13:0]    rd_n_q, rd_n_d;
reg            rd_extra_q, rd_extra_d;   // one beat more than words
reg            rd_xtra_now;
// realign stage (RAM data arrives)
reg            ra_v_q, ra_first_q, ra_last_q, ra_x_q;
reg  [LW-1:0]  ra_off_q;
reg  [13:0]    ra_n_q;
reg  [13:0]    ra_k_q;                   // beat index
reg  [DATA_W-1:0] prev_q, prev_d;
// beat FIFO
reg  [DATA_W+W-1:0] bf_mem [0:BF-1];
reg                 bf_we;
reg  [3:0]     bf_wp_q, bf_wp_d, bf_rp_q, bf_rp_d;
wire [3:0]     bf_cnt = bf_wp_q - bf_rp_q;
reg            bf_pop;

// release (RX_FREE) and frame FIFO push
reg            rel_now;
reg  [4:0]     rel_v;
reg  [15:0]    rel_b;
reg            ff_push;
wire           ff_in_ready;
reg            rd_issue;

// reads may be issued while the beat FIFO keeps room for what is in flight
wire bf_room = ({1'b0, bf_cnt} + {4'd0, ra_v_q} + {4'd0, rd_act_q} + 5'd1) < 5'd8;

always @* begin
    rd_act_d = rd_act_q; rd_v_d = rd_v_q; rd_addr_d = rd_addr_q; rd_wbase_d = rd_wbase_q;
    rd_wend_d = rd_wend_q; rd_left_d = rd_left_q; rd_nw_d = rd_nw_q; rd_off_d = rd_off_q;
    rd_n_d = rd_n_q; rd_extra_d = rd_extra_q;
    jq_rr_d = jq_rr_q;
    rel_now = 1'b0; rel_v = 5'd0; rel_b = 16'd0;
    ff_push = 1'b0;
    rd_issue = 1'b0;
    rd_xtra_now = 1'b0;
    if (rd_act_q) begin
        if (rd_left_q == 14'd0) begin
            // the extra last beat of an unaligned frame: one cycle without a read
            if (bf_room) begin
                rd_xtra_now = 1'b1;
                rd_act_d = 1'b0;
            end
        end else if (bf_room) begin
            rd_issue = 1'b1;
            rd_left_d = rd_left_q - 14'd1;
            if ({1'b0, rd_addr_q} + {{BAW{1'b0}}, 1'b1} == rd_wend_q)
                rd_addr_d = rd_wbase_q;
            else
                rd_addr_d = rd_addr_q + {{(BAW-1){1'b0}}, 1'b1};
            if (rd_left_q == 14'd1) begin
                rel_now = 1'b1;
                rel_v = rd_v_q;
                rel_b = {rd_nw_q[12:0], 3'd0} << (LW - 3);
                if (!rd_extra_q) rd_act_d = 1'b0;
            end
        end
    end else if (jr_avail && ff_in_ready) begin
        // start the next job
        jq_rr_d = jq_rr_q + 3'd1;
        ff_push = !jr_flt;
        if (jr_errbl || jr_flt) begin
            rel_now = 1'b1;
            rel_v = jr_v;
            rel_b = {jr_nw[12:0], 3'd0} << (LW - 3);
        end else begin
            rd_act_d = 1'b1;
            rd_v_d = jr_v;
            rd_addr_d = jr_addr;
            rd_wbase_d = jr_wbase;
            rd_wend_d = jr_wend;
            rd_left_d = jr_nw;
            rd_nw_d = jr_nw;
            rd_off_d = jr_h[LW-1:0];
            rd_n_d = jr_n;
            rd_extra_d = ({1'b0, jr_n} + {{(15-LW){1'b0}}, jr_h[LW-1:0]} + {1'b0, W16[13:0]} - 15'd1) >> LW
                         != {1'b0, jr_nw};
        end
    end
end

assign buf_rd_en   = rd_issue;
assign buf_rd_addr = rd_addr_q;
assign rel_valid   = rel_now;
assign rel_vnic    = rel_v;
assign rel_bytes   = rel_b;
assign trc_rx_free_valid = rel_now;
assign trc_rx_free_vnic  = rel_v;

// realign: beat k = word_k << 8*off | word_(k-1) >> 8*(W-off)
wire [2*DATA_W-1:0] ra_pair = {(ra_x_q ? {DATA_W{1'b0}} : buf_rd_data), (ra_first_q ? {DATA_W{1'b0}} : prev_q)};
// the pair shifted right by DATA_W - 8*off bytes' bits: one byte, then
// 8*(W-1-off) in LW stages (a shifter, not a W-way selection per bit)
reg  [2*DATA_W-9:0] ra_sh;
integer ra_j;
always @* begin
    ra_sh = ra_pair[2*DATA_W-1:8];
    for (ra_j = LW - 1; ra_j >= 0; ra_j = ra_j - 1)
        if (!ra_off_q[ra_j]) ra_sh = ra_sh >> (8 << ra_j);
end
wire [DATA_W-1:0]   ra_beat = ra_sh[DATA_W-1:0];
wire [14:0]         ra_end  = {1'b0, ra_n_q} + {{(15-LW){1'b0}}, ra_off_q} - 15'd1;   // last byte, beat-relative
wire                ra_klast = ra_last_q;
wire [5:0]          ra_lo   = (ra_k_q == 14'd0) ? {{(6-LW){1'b0}}, ra_off_q} : 6'd0;
wire [5:0]          ra_hi   = ra_klast ? {{(6-LW){1'b0}}, ra_end[LW-1:0]} : W16[5:0] - 6'd1;
wire [W-1:0]        ra_strb = strobe_range(ra_lo, ra_hi);

reg  [13:0] ra_kd;
always @* begin
    prev_d = prev_q;
    bf_we = 1'b0;
    bf_wp_d = bf_wp_q;
    bf_rp_d = bf_rp_q;
    if (ra_v_q) begin
        bf_we = 1'b1;
        bf_wp_d = bf_wp_q + 4'd1;
        if (!ra_x_q) prev_d = buf_rd_data;
    end
    if (bf_pop) bf_rp_d = bf_rp_q + 4'd1;
    ra_kd = rd_nw_q - rd_left_q;      // index of the word read this cycle
end

wire ra_last_d = rd_xtra_now || (rd_issue && rd_left_q == 14'd1 && !rd_extra_q);

// ================================================================ data mover: burst generator
wire [JW-1:0] jb = jq_mem[jq_rb_q[1:0]];
wire [4:0]     jb_v     = jb[JW-1 -: 5];
wire [13:0]    jb_len   = jb[JW-6 -: 14];
wire [63:0]    jb_h     = jb[2 +: 64];
wire           jb_errbl = jb[0] || jb[1];
wire           jb_avail = (jq_rb_q != jq_wp_q);
wire [14:0]    bg_beats = ({1'b0, jb_n} + {{(15-LW){1'b0}}, jb_h[LW-1:0]} + {1'b0, W16[13:0]} - 15'd1) >> LW;
wire [13:0]    jb_n     = jb_len - 14'd4;

reg            bg_act_q, bg_act_d;
reg  [4:0]     bg_v_q, bg_v_d;
reg  [HOST_AW-1:0] bg_a_q, bg_a_d;       // next burst address (aligned)
reg  [13:0]    bg_left_q, bg_left_d;     // beats still to request
wire [12:0]    bg_to4k = (13'd4096 - {1'b0, bg_a_q[11:0]}) >> LW;
wire [13:0]    bg_cap  = (bg_to4k > 13'd256) ? 14'd256 : {1'b0, bg_to4k};
wire [13:0]    bg_len  = (bg_left_q < bg_cap) ? bg_left_q : bg_cap;
reg            bg_push;
wire           wcq_room;
reg            ci_wcq;                    // the completion issuer pushes this cycle

always @* begin
    bg_act_d = bg_act_q; bg_v_d = bg_v_q; bg_a_d = bg_a_q; bg_left_d = bg_left_q;
    jq_rb_d = jq_rb_q;
    bg_push = 1'b0;
    if (bg_act_q) begin
        if (wcq_room && !ci_wcq) begin
            bg_push = 1'b1;
            bg_a_d = bg_a_q + {{(HOST_AW-14-LW){1'b0}}, bg_len, {LW{1'b0}}};
            bg_left_d = bg_left_q - bg_len;
            if (bg_left_q == bg_len) bg_act_d = 1'b0;
        end
    end else if (jb_avail) begin
        jq_rb_d = jq_rb_q + 3'd1;
        if (!jb_errbl) begin
            bg_act_d = 1'b1;
            bg_v_d = jb_v;
            bg_a_d = jb_h[HOST_AW-1:0] & ~{{(HOST_AW-LW){1'b0}}, {LW{1'b1}}};
            bg_left_d = bg_beats[13:0];
        end
    end
end

// ================================================================ write channel
// write command queue {cpl, addr, beats-1, last, cpl data, cpl strobes}
localparam integer WCW = 1 + HOST_AW + 8 + 1 + DATA_W + W;
reg  [WCW-1:0] wc_mem [0:3];
reg            wc_we;
reg  [WCW-1:0] wc_wd;
reg  [2:0]  wc_wp_q, wc_wp_d, wc_rp_q, wc_rp_d;
assign wcq_room = (wc_wp_q - wc_rp_q) < 3'd3;
wire        wc_empty = (wc_wp_q == wc_rp_q);
wire [WCW-1:0] wc_head = wc_mem[wc_rp_q[1:0]];

reg  [WCW-1:0] ci_entry;
reg  [VF_W-1:0] ci_user;                  // vNIC of the completion the issuer pushes
reg  [VF_W-1:0] wu_mem [0:3];             // vNIC of each write command (awuser)
reg  [VF_W-1:0] wu_wd;

// W-order queue {cpl, beats-1, cpl data, strobes}, B-order queue {cpl, last}
localparam integer WOW = 1 + 8 + DATA_W + W;
reg  [WOW-1:0] wo_mem [0:7];
reg            wo_we;
reg  [3:0]  wo_wp_q, wo_wp_d, wo_rp_q, wo_rp_d;
wire        wo_room = (wo_wp_q - wo_rp_q) < 4'd8;
wire        wo_empty = (wo_wp_q == wo_rp_q);
wire [WOW-1:0] wo_head = wo_mem[wo_rp_q[2:0]];
reg  [1:0]  bo_mem [0:(1<<BO_AW)-1];
reg  [BO_AW:0] bo_wp_q, bo_wp_d, bo_rp_q, bo_rp_d;
wire [BO_AW:0] bo_cnt = bo_wp_q - bo_rp_q;         // BO_AW+1 bits: wraps with the pointers
wire        bo_room = !bo_cnt[BO_AW];
wire [1:0]  bo_head = bo_mem[bo_rp_q[BO_AW-1:0]];

reg                aw_v_q, aw_v_d;
reg  [HOST_AW-1:0] aw_a_q, aw_a_d;
reg  [7:0]         aw_l_q, aw_l_d;
reg  [VF_W-1:0]    aw_u_q, aw_u_d;
reg  [7:0]         w_cnt_q, w_cnt_d;     // beats sent of the head W entry

wire aw_go = !wc_empty && (!aw_v_q || m_axi_awready) && wo_room && bo_room;

always @* begin
    wc_we = 1'b0; wc_wp_d = wc_wp_q; wc_rp_d = wc_rp_q;
    wo_we = 1'b0; wo_wp_d = wo_wp_q;
    bo_wp_d = bo_wp_q;
    aw_v_d = aw_v_q; aw_a_d = aw_a_q; aw_l_d = aw_l_q; aw_u_d = aw_u_q;
    // the entry written with wc_we: the completion's, else the burst's (whose
    // data and strobe fields nothing reads: a burst's beats come from the
    // beat FIFO)
    if (ci_wcq) begin
        wc_wd = ci_entry;
        wu_wd = ci_user;
    end else begin
        wc_wd = {1'b0, bg_a_q, bg_len[7:0] - 8'd1, bg_left_q == bg_len, ci_entry[W +: DATA_W], ci_entry[W-1:0]};
        wu_wd = bg_v_q[VF_W-1:0];
    end
    if (ci_wcq || bg_push) begin
        wc_we = 1'b1;
        wc_wp_d = wc_wp_q + 3'd1;
    end
    if (aw_v_q && m_axi_awready) aw_v_d = 1'b0;
    if (aw_go) begin
        wc_rp_d = wc_rp_q + 3'd1;
        aw_v_d = 1'b1;
        aw_a_d = wc_head[WCW-2 -: HOST_AW];
        aw_l_d = wc_head[WCW-2-HOST_AW -: 8];
        aw_u_d = wu_mem[wc_rp_q[1:0]];
        wo_we = 1'b1;   // the W-order and B-order entries are taken from wc_head
        wo_wp_d = wo_wp_q + 4'd1;
        bo_wp_d = bo_wp_q + {{BO_AW{1'b0}}, 1'b1};
    end
end

assign m_axi_awid    = {ID_W{1'b0}};
assign m_axi_awuser  = aw_u_q;
assign m_axi_awaddr  = aw_a_q;
assign m_axi_awlen   = aw_l_q;
assign m_axi_awsize  = SIZE_W;
assign m_axi_awburst = 2'b01;
assign m_axi_awvalid = aw_v_q;

// W channel: the head W-order entry; data beats from the beat FIFO
wire              wo_cpl  = wo_head[WOW-1];
wire [7:0]        wo_len  = wo_head[WOW-2 -: 8];
wire [DATA_W+W-1:0] bf_head = bf_mem[bf_rp_q[2:0]];
wire              w_valid = !wo_empty && (wo_cpl || bf_cnt != 4'd0);
assign m_axi_wvalid = w_valid;
assign m_axi_wdata  = wo_cpl ? wo_head[W +: DATA_W] : bf_head[DATA_W-1:0];
assign m_axi_wstrb  = wo_cpl ? wo_head[W-1:0] : bf_head[DATA_W +: W];
assign m_axi_wlast  = wo_cpl || (w_cnt_q == wo_len);

always @* begin
    wo_rp_d = wo_rp_q;
    w_cnt_d = w_cnt_q;
    bf_pop = 1'b0;
    if (w_valid && m_axi_wready) begin
        if (!wo_cpl) bf_pop = 1'b1;
        if (wo_cpl || w_cnt_q == wo_len) begin
            wo_rp_d = wo_rp_q + 4'd1;
            w_cnt_d = 8'd0;
        end else begin
            w_cnt_d = w_cnt_q + 8'd1;
        end
    end
end

// ================================================================ completions
// frame FIFO (grant order) {v, errbl, len, buflen, bc, mc, idx, g}
localparam integer FFW = 5 + 1 + 14 + 16 + 2 + 16 + 64;
wire           ff_valid;
wire [FFW-1:0] ff_data;
reg            ff_pop;
vnic_fifo #(
    .DW    (FFW),
    .DEPTH (1 << FF_AW),
    .AW    (FF_AW)
) u_frame_fifo (
    .clk       (clk),
    .rst       (rst),
    .in_valid  (ff_push),
    .in_ready  (ff_in_ready),
    .in_data   ({jr_v, jr_errbl, jr_len, jr[130 +: 16], jr[JW-20 -: 2], jr[146 +: 16], jr[66 +: 64]}),
    .out_valid (ff_valid),
    .out_data  (ff_data),
    .out_pop   (ff_pop)
);
wire [4:0]  ff_v     = ff_data[FFW-1 -: 5];
wire        ff_errbl = ff_data[FFW-6];
wire [13:0] ff_len   = ff_data[FFW-7 -: 14];
wire [15:0] ff_blen  = ff_data[FFW-21 -: 16];
wire        ff_bc    = ff_data[FFW-37];
wire        ff_mc    = ff_data[FFW-38];
wire [15:0] ff_idx   = ff_data[64 +: 16];
wire [63:0] ff_g     = ff_data[63:0];

// data results of frames in order {error}
reg  [31:0] dr_q, dr_d;
reg  [5:0]  dr_wp_q, dr_wp_d, dr_rp_q, dr_rp_d;
wire        dr_empty = (dr_wp_q == dr_rp_q);
reg         dr_push, dr_val, dr_pop;
reg         berr_q, berr_d;               // an error on an earlier burst of this frame

// completions in flight {v, errbl, n, ring index, descriptor guest address}
localparam integer CIW = 5 + 1 + 14 + 16 + 64;
reg            ci_push;
wire           ci_valid, ci_in_ready;
wire [CIW-1:0] ci_data;
reg            ci_pop;
reg  [CIW-1:0] ci_in;
vnic_fifo #(
    .DW    (CIW),
    .DEPTH (1 << CI_AW),
    .AW    (CI_AW)
) u_cpl_fifo (
    .clk       (clk),
    .rst       (rst),
    .in_valid  (ci_push),
    .in_ready  (ci_in_ready),
    .in_data   (ci_in),
    .out_valid (ci_valid),
    .out_data  (ci_data),
    .out_pop   (ci_pop)
);

// completion issuer: C_IDLE head ready -> C_XL translate the descriptor ->
// C_PUSH write command; C_FAULT reports a fault and drops the frame
localparam [1:0] C_IDLE = 2'd0, C_XL = 2'd1, C_PUSH = 2'd2, C_FAULT = 2'd3;
reg  [1:0]  c_st_q, c_st_d;
reg  [63:0] c_g_q, c_g_d;                 // guest address of the descriptor
reg  [7:0]  c_rs_q, c_rs_d;
reg  [63:0] c_fa_q, c_fa_d;
reg         c_ok_q, c_ok_d;
reg  [63:0] c_h_q, c_h_d;                 // host address of descriptor bytes 8..15
// the ring base of the head frame's vNIC, from a copy of the base that the
// prefetch read in its last P_XL for that vNIC (vnic_copy_ram, read by
// index), not from a NUM_VNIC-way multiplexer: the frame's descriptor was
// fetched after RESET and a TAIL write locked the ring (RXR_BASE cannot change
// until the next RESET, which waits until the vNIC has nothing in the engine),
// so that P_XL read today's base (checked in simulation). A frame's vNIC is
// always < NUM_VNIC (granted by the scheduler).
wire [63:0] cv_base;
vnic_copy_ram #(.DEPTH(NV), .AW(VF_W), .DW(64), .NUM_RD(1)) u_ring_base (
    .clk (clk),
    .rst (rst),
    .we  (p_st_q == P_XL),
    .wa  (p_v_q[VF_W-1:0]),
    .wd  (pv_base),
    .ra  (ff_v[VF_W-1:0]),
    .rd  (cv_base)
);
`ifndef SYNTHESIS
always @(posedge clk) begin
    if (!rst && ff_valid && (!in_nv(ff_v) || (c_st_q == C_IDLE && c_ready && cv_base != rxr_base[ff_v*64 +: 64]))) begin
        $display("vnic_rx_dma: vNIC %0d: head frame's vNIC out of range, or its ring base changed since the prefetch", ff_v);
        $stop;
    end
end
`endif
wire [64:0] cx = xl(rw_gb[2*NUM_WIN*64 +: NUM_WIN*64], rw_hb[2*NUM_WIN*64 +: NUM_WIN*64],
                    rw_sz[2*NUM_WIN*32 +: NUM_WIN*32], c_g_q, 16'd16, 1'b1);
wire        cx_ok = cx[64] && in_nv(ff_v);
wire [63:0] cx_h8 = cx[63:0];                 // host address of descriptor bytes 8..15

wire        c_ready = ff_valid && (ff_errbl || !dr_empty);
wire        c_derr  = !ff_errbl && dr_q[dr_rp_q[4:0]];     // a data burst of the head frame failed
wire [13:0] ff_n    = ff_len - 14'd4;
wire [15:0] c_status = {11'd0, ff_mc, ff_bc, ff_errbl, 1'b1, 1'b1};  // MCAST BCAST ERR_BUFLEN EOP DD
wire [63:0] c_bytes  = {c_status, 2'b00, ff_n, 16'd0, ff_blen};
wire [LW-1:0] c_lane = c_h_q[LW-1:0];
reg         c_drop;                       // frame dropped without completion (DROP_HALTED)

always @* begin
    c_st_d = c_st_q; c_g_d = c_g_q; c_rs_d = c_rs_q; c_fa_d = c_fa_q; c_ok_d = c_ok_q; c_h_d = c_h_q;
    ff_pop = 1'b0;
    dr_pop = 1'b0;
    ci_wcq = 1'b0;
    ci_push = 1'b0;
    // the completion's write command, its vNIC and its record in flight
    // (written only with ci_wcq / ci_push)
    ci_entry = {1'b1, c_h_q[HOST_AW-1:0] & ~{{(HOST_AW-LW){1'b0}}, {LW{1'b1}}}, 8'd0, 1'b1,
                place64(c_bytes, c_lane), place_strb(c_lane)};
    ci_user = ff_v[VF_W-1:0];
    ci_in = {ff_v, ff_errbl, ff_n, ff_idx, c_g_q};
    c_drop = 1'b0;
    case (c_st_q)
        C_IDLE: begin
            if (c_ready) begin
                c_g_d = cv_base + {44'd0, ff_idx, 4'd0};
                if (c_derr) begin
                    c_rs_d = R_AXI;
                    c_fa_d = ff_g;
                    c_st_d = C_FAULT;
                end else begin
                    c_st_d = C_XL;
                end
            end
        end
        C_XL: begin
            c_ok_d = cx_ok;
            c_h_d = cx_h8;
            c_st_d = C_PUSH;
        end
        C_PUSH: begin
            if (!c_ok_q) begin
                c_rs_d = R_DESC;
                c_fa_d = c_g_q;
                c_st_d = C_FAULT;
            end else if (wcq_room && ci_in_ready) begin
                ci_wcq = 1'b1;
                ci_push = 1'b1;
                ff_pop = 1'b1;
                dr_pop = !ff_errbl;
                c_st_d = C_IDLE;
            end
        end
        default: begin  // C_FAULT
            if (fq_grant[3]) begin
                ff_pop = 1'b1;
                dr_pop = !ff_errbl;
                c_drop = 1'b1;
                c_st_d = C_IDLE;
            end
        end
    endcase
end

// B channel
wire        b_cpl  = bo_head[1];
wire        b_last = bo_head[0];
wire        b_err  = (m_axi_bresp != 2'b00);
reg         bready;
reg         b_done;                       // completion write acknowledged: HEAD advances
reg         b_fault_q, b_fault_d;
wire [4:0]  ci_v     = ci_data[CIW-1 -: 5];
wire        ci_errbl = ci_data[CIW-6];
wire [13:0] ci_n     = ci_data[CIW-7 -: 14];
wire [15:0] ci_idx   = ci_data[64 +: 16];
wire [63:0] ci_g     = ci_data[63:0];

always @* begin
    bready = 1'b0;
    b_done = 1'b0;
    bo_rp_d = bo_rp_q;
    berr_d = berr_q;
    dr_push = 1'b0;
    dr_val = 1'b0;
    ci_pop = 1'b0;
    b_fault_d = b_fault_q;
    if (b_fault_q) begin
        if (fq_grant[4]) begin
            b_fault_d = 1'b0;
            ci_pop = 1'b1;
        end
    end else if (m_axi_bvalid && (bo_wp_q != bo_rp_q)) begin
        if (!b_cpl) begin
            bready = 1'b1;
            if (b_last) begin
                dr_push = 1'b1;
                dr_val = berr_q || b_err;
                berr_d = 1'b0;
            end else if (b_err) begin
                berr_d = 1'b1;
            end
        end else if (ci_valid) begin
            bready = 1'b1;
            if (b_err) begin
                b_fault_d = 1'b1;
            end else begin
                b_done = 1'b1;
                ci_pop = 1'b1;
            end
        end
        if (bready) bo_rp_d = bo_rp_q + {{BO_AW{1'b0}}, 1'b1};
    end
end
assign m_axi_bready = bready;

always @* begin
    dr_d = dr_q;
    dr_wp_d = dr_wp_q;
    dr_rp_d = dr_rp_q;
    if (dr_push) begin
        dr_d[dr_wp_q[4:0]] = dr_val;
        dr_wp_d = dr_wp_q + 6'd1;
    end
    if (dr_pop) dr_rp_d = dr_rp_q + 6'd1;
end

assign fq0_v = (p_st_q == P_FAULT);
assign fq0_n = p_v_q;
assign fq0_r = R_DESC;
assign fq0_a = p_g_q;
assign fq1_v = r_fault_q;
assign fq1_n = ro_v;
assign fq1_r = R_AXI;
assign fq1_a = r_faddr_q;
assign fq2_v = a2_v_q && a2_flt;
assign fq2_n = a2_vn_q;
assign fq2_r = R_BUF;
assign fq2_a = a2_g_q;
assign fq3_v = (c_st_q == C_FAULT);
assign fq3_n = ff_v;
assign fq3_r = c_rs_q;
assign fq3_a = c_fa_q;
assign fq4_v = b_fault_q;
assign fq4_n = ci_v;
assign fq4_r = R_AXI;
assign fq4_a = ci_g;

assign cpl_valid = b_done;
assign cpl_vnic  = ci_v;
assign trc_rx_cpl_valid = b_done;
assign trc_rx_cpl_vnic  = ci_v;

// counters
reg [NV*12*CW-1:0] v_add;
always @* begin
    for (v_19 = 0; v_19 < NV; v_19 = v_19 + 1) begin
        v_add[v_19*NCV*CW +: NCV*CW] = {NCV*CW{1'b0}};
        if (b_done && ci_v == v_19[4:0]) begin
            if (ci_errbl) begin
                v_add[(v_19*NCV + VNIC_VF_STAT_DROP_BUFLEN_IDX)*CW +: CW] = {{(CW-1){1'b0}}, 1'b1};
            end else begin
                v_add[(v_19*NCV + VNIC_VF_STAT_RX_FRAMES_IDX)*CW +: CW] = {{(CW-1){1'b0}}, 1'b1};
                v_add[(v_19*NCV + VNIC_VF_STAT_RX_BYTES_IDX)*CW +: CW] = {{(CW-14){1'b0}}, ci_n};
            end
        end
        v_add[(v_19*NCV + VNIC_VF_STAT_DROP_HALTED_IDX)*CW +: CW] =
            {{(CW-2){1'b0}}, 1'b0, c_drop && ff_v == v_19[4:0]} + {{(CW-2){1'b0}}, 1'b0, b_fault_done && ci_v == v_19[4:0]}
          + {{(CW-2){1'b0}}, 1'b0, r_flt_done && jr_v == v_19[4:0]};
    end
end
assign vstat_add = v_add;

// ================================================================ per-vNIC bookkeeping
// tk_valid is the cycle after grant_valid; A1 = tk
wire b_fault_done = b_fault_q && fq_grant[4];
// a faulted buffer leaves the reader without data: its frame counts DROP_HALTED
wire r_flt_done = !rd_act_q && jr_avail && ff_in_ready && jr_flt;
// Each vNIC's fields are updated in their own constant slice from the events
// that name it (an index >= NUM_VNIC names none); several events of one cycle
// add up. The new fetch index and HEAD are computed once, for the vNIC named.
wire [15:0] p_fetch_nx = (pv_fetch + {13'd0, pb_n}) & pv_mask;
// (TAIL < 2^SIZE: a TAIL write beyond the ring is refused, and SIZE cannot
// change while TAIL != 0, checked in simulation; so p_cand compares TAIL
// unmasked.) HEAD after a completion: masked with the size of its vNIC,
// selected once, not per vNIC.
reg  [3:0]  ci_size;
integer v_23;
always @* begin
    ci_size = 4'd0;
    for (v_23 = 0; v_23 < NV; v_23 = v_23 + 1)
        if (ci_v == v_23[4:0]) ci_size = rxr_size[v_23*4 +: 4];
end
wire [15:0] ci_idx_nx  = (ci_idx + 16'd1) & ring_mask(ci_size);
`ifndef SYNTHESIS
integer v_24;
always @(posedge clk) begin
    for (v_24 = 0; v_24 < NV; v_24 = v_24 + 1)
        if (!rst && (rxr_tail[v_24*16 +: 16] & ~ring_mask(rxr_size[v_24*4 +: 4])) != 16'd0) begin
            $display("vnic_rx_dma: vNIC %0d: TAIL beyond the ring", v_24);
            $stop;
        end
end
`endif
always @* begin
    for (v_20 = 0; v_20 < NV; v_20 = v_20 + 1) begin
        fetch_d[v_20*16 +: 16] = fetch_q[v_20*16 +: 16];
        head_d[v_20*16 +: 16] = head_q[v_20*16 +: 16];
        dcc_d[v_20*4 +: 4] = dcc_q[v_20*4 +: 4]
                           + {3'd0, r_deliver && dc_we && ro_v == v_20[4:0]}
                           - {3'd0, grant_valid && grant_vnic == v_20[4:0]};
        dci_d[v_20*4 +: 4] = dci_q[v_20*4 +: 4]
                           + ((p_issue && p_v_q == v_20[4:0]) ? {1'b0, pb_n} : 4'd0)
                           - {3'd0, r_deliver && ro_v == v_20[4:0]};
        dcw_d[v_20*3 +: 3] = dcw_q[v_20*3 +: 3] + {2'd0, r_deliver && dc_we && ro_v == v_20[4:0]};
        dcr_d[v_20*3 +: 3] = dcr_q[v_20*3 +: 3] + {2'd0, grant_valid && grant_vnic == v_20[4:0]};
        infl_d[v_20*8 +: 8] = infl_q[v_20*8 +: 8]
                            + {7'd0, grant_valid && grant_vnic == v_20[4:0]}
                            - {7'd0, r_flt_done && jr_v == v_20[4:0]}
                            - {7'd0, c_drop && ff_v == v_20[4:0]}
                            - {7'd0, (b_fault_done || b_done) && ci_v == v_20[4:0]};
        if (p_issue && p_v_q == v_20[4:0])
            fetch_d[v_20*16 +: 16] = p_fetch_nx;
        if (b_done && ci_v == v_20[4:0])
            head_d[v_20*16 +: 16] = ci_idx_nx;
        if (cmd_reset && cmd_vnic == v_20[4:0]) begin
            fetch_d[v_20*16 +: 16] = 16'd0;
            head_d[v_20*16 +: 16] = 16'd0;
            dcc_d[v_20*4 +: 4] = 4'd0;
            dcw_d[v_20*3 +: 3] = 3'd0;
            dcr_d[v_20*3 +: 3] = 3'd0;
        end
    end
end

// nothing of cmd_vnic left in the engine (RESET may take effect). Only the
// command sequencer's S_FLR reads it, where flr_req takes cmd_vnic out of
// elig: the RX scheduler cannot grant it then, and a grant of an earlier
// cycle is in infl_q. So this cycle's grant is not looked at, and the
// scheduler's decision does not run on into the RESET strobe (a simulation
// check below).
reg fi_busy;
always @* begin
    fi_busy = 1'b0;
    if (in_nv(cmd_vnic) && (infl_q[cmd_vnic*8 +: 8] != 8'd0 || dci_q[cmd_vnic*4 +: 4] != 4'd0))
        fi_busy = 1'b1;
    if (p_st_q != P_IDLE && p_v_q == cmd_vnic) fi_busy = 1'b1;
end
assign flr_idle = !fi_busy;
`ifndef SYNTHESIS
always @(posedge clk) begin
    if (!rst && flr_req && grant_valid && grant_vnic == cmd_vnic) begin
        $display("vnic_rx_dma: vNIC %0d granted while its RESET waits (flr_idle would miss it)", cmd_vnic);
        $stop;
    end
end
`endif

// ================================================================ registers
always @(posedge clk) begin
    if (rst) begin
        fetch_q <= {NV*16{1'b0}};
        head_q <= {NV*16{1'b0}};
        dcc_q <= {NV*4{1'b0}};
        dci_q <= {NV*4{1'b0}};
        dcw_q <= {NV*3{1'b0}};
        dcr_q <= {NV*3{1'b0}};
        infl_q <= {NV*8{1'b0}};
        p_st_q <= P_IDLE;
        p_ptr_q <= 5'd0;
        ar_v_q <= 1'b0;
        ro_wp_q <= {(RO_AW+1){1'b0}};
        ro_rp_q <= {(RO_AW+1){1'b0}};
        r_done_q <= 3'd0;
        r_half_q <= 1'b0;
        r_slot_q <= 1'b0;
        r_err_q <= 1'b0;
        r_herr_q <= 1'b0;
        r_fault_q <= 1'b0;
        a2_v_q <= 1'b0;
        jq_wp_q <= 3'd0;
        jq_rr_q <= 3'd0;
        jq_rb_q <= 3'd0;
        rd_act_q <= 1'b0;
        ra_v_q <= 1'b0;
        bf_wp_q <= 4'd0;
        bf_rp_q <= 4'd0;
        bg_act_q <= 1'b0;
        wc_wp_q <= 3'd0;
        wc_rp_q <= 3'd0;
        wo_wp_q <= 4'd0;
        wo_rp_q <= 4'd0;
        bo_wp_q <= {(BO_AW+1){1'b0}};
        bo_rp_q <= {(BO_AW+1){1'b0}};
        aw_v_q <= 1'b0;
        w_cnt_q <= 8'd0;
        dr_wp_q <= 6'd0;
        dr_rp_q <= 6'd0;
        berr_q <= 1'b0;
        c_st_q <= C_IDLE;
        b_fault_q <= 1'b0;
    end else begin
        fetch_q <= fetch_d;
        head_q <= head_d;
        dcc_q <= dcc_d;
        dci_q <= dci_d;
        dcw_q <= dcw_d;
        dcr_q <= dcr_d;
        infl_q <= infl_d;
        p_st_q <= p_st_d;
        p_ptr_q <= p_ptr_d;
        ar_v_q <= ar_v_d;
        ro_wp_q <= ro_wp_d;
        ro_rp_q <= r_pop ? ro_rp_q + {{RO_AW{1'b0}}, 1'b1} : ro_rp_q;
        r_done_q <= r_done_d;
        r_half_q <= r_half_d;
        r_slot_q <= r_slot_d;
        r_err_q <= r_err_d;
        r_herr_q <= r_herr_d;
        r_fault_q <= r_fault_d;
        a2_v_q <= (a2_v_q && a2_stall) || tk_valid;
        jq_wp_q <= jq_wp_d;
        jq_rr_q <= jq_rr_d;
        jq_rb_q <= jq_rb_d;
        rd_act_q <= rd_act_d;
        ra_v_q <= rd_issue || rd_xtra_now;
        bf_wp_q <= bf_wp_d;
        bf_rp_q <= bf_rp_d;
        bg_act_q <= bg_act_d;
        wc_wp_q <= wc_wp_d;
        wc_rp_q <= wc_rp_d;
        wo_wp_q <= wo_wp_d;
        wo_rp_q <= wo_rp_d;
        bo_wp_q <= bo_wp_d;
        bo_rp_q <= bo_rp_d;
        aw_v_q <= aw_v_d;
        w_cnt_q <= w_cnt_d;
        dr_wp_q <= dr_wp_d;
        dr_rp_q <= dr_rp_d;
        berr_q <= berr_d;
        c_st_q <= c_st_d;
        b_fault_q <= b_fault_d;
    end
    p_v_q <= p_v_d; p_g_q <= p_g_d; p_idx_q <= p_idx_d; p_n_q <= p_n_d;
    p_ok_q <= p_ok_d; p_h_q <= p_h_d;
    ar_a_q <= ar_a_d; ar_l_q <= ar_l_d; ar_u_q <= ar_u_d;
    if (ro_we) ro_mem[ro_wp_q[RO_AW-1:0]] <= ro_wd;
    r_addr_q <= r_addr_d;
    r_faddr_q <= r_faddr_d;
    // A2 loads while it is empty: a frame is granted only while A1 and A2
    // are (ready), so tk_valid never meets a full A2, and the fault
    // arbiter's answer (fault_ready, late) does not enable these registers
    if (!a2_v_q) begin
        a2_vn_q <= tk_vnic;
        a2_len_q <= tk_len;
        a2_bc_q <= tk_bcast;
        a2_mc_q <= tk_mcast;
        a2_addr_q <= tk_addr;
        a2_wbase_q <= tk_wbase;
        a2_wend_q <= tk_wend;
        a2_idx_q <= dc_rd[95:80];
        a2_blen_q <= dc_rd[79:64];
        a2_g_q <= dc_rd[63:0];
        a2_hit_q <= ax_hit;
        a2_pg_q <= ax_pg;
        a2_ok_q <= ax_ok;
        a2_errbl_q <= (dc_rd[79:64] < {2'b00, a1_n});
    end
    if (jq_we) jq_mem[jq_wp_q[1:0]] <= jq_wd;
    rd_v_q <= rd_v_d; rd_addr_q <= rd_addr_d; rd_wbase_q <= rd_wbase_d; rd_wend_q <= rd_wend_d;
    rd_left_q <= rd_left_d; rd_nw_q <= rd_nw_d; rd_off_q <= rd_off_d; rd_n_q <= rd_n_d;
    rd_extra_q <= rd_extra_d;
    ra_first_q <= rd_issue && (rd_left_q == rd_nw_q);
    ra_last_q <= ra_last_d;
    ra_x_q <= rd_xtra_now;
    ra_off_q <= rd_off_q;
    ra_n_q <= rd_n_q;
    ra_k_q <= rd_xtra_now ? rd_nw_q : ra_kd;
    prev_q <= prev_d;
    if (bf_we) bf_mem[bf_wp_q[2:0]] <= {ra_strb, ra_beat};
    bg_v_q <= bg_v_d; bg_a_q <= bg_a_d; bg_left_q <= bg_left_d;
    if (wc_we) begin
        wc_mem[wc_wp_q[1:0]] <= wc_wd;
        wu_mem[wc_wp_q[1:0]] <= wu_wd;
    end
    if (wo_we) begin
        wo_mem[wo_wp_q[2:0]] <= {wc_head[WCW-1], wc_head[WCW-2-HOST_AW -: 8], wc_head[W +: DATA_W], wc_head[W-1:0]};
        bo_mem[bo_wp_q[BO_AW-1:0]] <= {wc_head[WCW-1], wc_head[WCW-10-HOST_AW]};
    end
    aw_a_q <= aw_a_d; aw_l_q <= aw_l_d; aw_u_q <= aw_u_d;
    dr_q <= dr_d;
    c_g_q <= c_g_d; c_rs_q <= c_rs_d; c_fa_q <= c_fa_d; c_ok_q <= c_ok_d; c_h_q <= c_h_d;
end

// wide fields carry what other stages use; the realign never takes the
// pair's lowest byte
wire unused_ok = ^{1'b0, a2_x[64], r_desc[127:80], ra_pair[7:0], jr_h[63:LW], ra_end[14:LW], jb[JW-1:65],
                   bg_beats[14], 1'b0};

endmodule

`resetall
