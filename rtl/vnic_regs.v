// vnic_regs: AXI4-Lite register block of vNIC (PF page, VF pages, staging window, commands, counters).
`resetall
`default_nettype none

/*
 * Register block (docs/architecture.md §3, §6, §7, §8, §9).
 *
 * Address space: bits [REG_AW-1:12] select the page (0 = PF, 1+i = VF page of
 * vNIC i), bits [11:2] the register; offsets come from the generated
 * rtl/vnic_regs.vh. Unmapped addresses read 0 and ignore writes; every
 * response is OKAY. WSTRB is honoured per byte.
 *
 * Configuration: one staging copy of a vNIC configuration (STAGE) and one
 * active copy per vNIC. Commands (G.CMD, on the vNIC in G.VSEL):
 *   LOAD         active -> stage, one cycle after the write.
 *   COMMIT       stage checks (RANGE, WIN_OVERLAP, RATE, MAC_DUP, RX_OVERLAP,
 *                TX_OVERLAP, NOT_QUIESCED, first failure wins), then stage ->
 *                active in one cycle. Takes 4 + NUM_VNIC cycles, longer when
 *                the apply cycle must wait for a cycle without an RX decision.
 *   RESET        waits until the datapath reports the vNIC quiescent
 *                (flr_ready) and for a cycle without an RX decision, then
 *                resets the vNIC's VF page state and fault state.
 *   CLEAR_STATS  zeroes the vNIC's 64-bit counters (a same-cycle increment is
 *                cleared too).
 * A command "takes effect" in the cycle trc_cmd_valid is high; its state
 * changes are visible from the next cycle. BAD_OP is checked before BAD_VNIC.
 * A CMD write while a command runs completes at once with err = BUSY.
 * Every completion (errors included) sets G.INT_STATUS.cmd_done.
 *
 * Counters: 64-bit, incremented by the amounts on vstat_add/gstat_add every
 * cycle. Reading a _LO word returns bits [31:0] and snapshots bits [63:32]
 * into the page's snapshot register, which a _HI read returns.
 *
 * Faults: a BAD_TAIL doorbell (TAIL >= 2^SIZE or ring base not 16-byte
 * aligned; the value is not stored, FAULT_ADDR = ring base) and the DMA
 * engines' fault requests (valid/ready) halt the vNIC; one fault is taken per
 * cycle (doorbell first, then RX, then TX). A fault on a halted vNIC is
 * accepted and ignored.
 *
 * Latency: AXI4-Lite write response 1 cycle after the AW/W handshake, read
 * data 2 cycles after the AR handshake. Throughput: one write per 2 cycles,
 * one read per 3 cycles. Writes to STAGE and VSEL stall while a command runs,
 * and every write stalls in the cycle a command takes effect.
 */
module vnic_regs #(
    parameter integer NUM_VNIC     = 8,     // number of vNICs, 1..32
    parameter integer DATA_W       = 64,    // datapath width, bits (64, 128, 256)
    parameter integer RX_BUF_BYTES = 65536, // RX packet buffer, bytes
    parameter integer TX_BUF_BYTES = 65536, // TX packet buffer, bytes
    parameter integer MAX_FRAME    = 9022,  // largest wire frame (FCS included), bytes
    parameter integer NUM_WIN      = 4,     // DMA translation windows per vNIC, 1..4
    parameter integer REG_AW       = 18,    // AXI4-Lite address width, bits
    parameter integer CW           = 32     // width of one counter increment, bits
) (
    input  wire                          clk,
    input  wire                          rst,

    // AXI4-Lite slave
    input  wire [REG_AW-1:0]             s_axil_awaddr,
    input  wire [2:0]                    s_axil_awprot,
    input  wire                          s_axil_awvalid,
    output wire                          s_axil_awready,
    input  wire [31:0]                   s_axil_wdata,
    input  wire [3:0]                    s_axil_wstrb,
    input  wire                          s_axil_wvalid,
    output wire                          s_axil_wready,
    output wire [1:0]                    s_axil_bresp,
    output wire                          s_axil_bvalid,
    input  wire                          s_axil_bready,
    input  wire [REG_AW-1:0]             s_axil_araddr,
    input  wire [2:0]                    s_axil_arprot,
    input  wire                          s_axil_arvalid,
    output wire                          s_axil_arready,
    output wire [31:0]                   s_axil_rdata,
    output wire [1:0]                    s_axil_rresp,
    output wire                          s_axil_rvalid,
    input  wire                          s_axil_rready,

    // global configuration
    output wire                          g_rx_en,
    output wire                          g_tx_en,
    output wire                          g_def_en,
    output wire [4:0]                    g_def_vnic,
    output wire [13:0]                   g_max_frame,

    // active configuration, vNIC v at [v*width +: width]
    output wire [NUM_VNIC*7-1:0]         cfg_flags,      // enable, bcast, mcast, antispoof, pol_en, ceil_en, shp_en
    output wire [NUM_VNIC*48-1:0]        cfg_mac,        // byte 0 (first on the wire) in [47:40]
    output wire [NUM_VNIC*32-1:0]        cfg_rx_base,    // bytes
    output wire [NUM_VNIC*32-1:0]        cfg_rx_size,    // bytes
    output wire [NUM_VNIC*32-1:0]        cfg_tx_base,    // bytes
    output wire [NUM_VNIC*32-1:0]        cfg_tx_size,    // bytes
    output wire [NUM_VNIC*32-1:0]        cfg_pol_rate,   // bytes/cycle, 8.24
    output wire [NUM_VNIC*24-1:0]        cfg_pol_burst,  // bytes
    output wire [NUM_VNIC*32-1:0]        cfg_sch_guar,   // bytes/cycle, 8.24
    output wire [NUM_VNIC*32-1:0]        cfg_sch_ceil,   // bytes/cycle, 8.24
    output wire [NUM_VNIC*24-1:0]        cfg_sch_burst,  // bytes
    output wire [NUM_VNIC*8-1:0]         cfg_sch_weight, // quantum = 64 * weight bytes
    output wire [NUM_VNIC*8-1:0]         cfg_tx_weight,  // quantum = 64 * weight bytes
    output wire [NUM_VNIC*32-1:0]        cfg_tx_rate,    // bytes/cycle, 8.24
    output wire [NUM_VNIC*24-1:0]        cfg_tx_burst,   // bytes
    output wire [NUM_VNIC*NUM_WIN*64-1:0] cfg_win_gbase, // window (v,w) at [(v*NUM_WIN+w)*64 +: 64]
    output wire [NUM_VNIC*NUM_WIN*64-1:0] cfg_win_hbase,
    output wire [NUM_VNIC*NUM_WIN*32-1:0] cfg_win_size,  // bytes, 0 = window off

    // VF ring registers
    output wire [NUM_VNIC*64-1:0]        rxr_base,       // guest address
    output wire [NUM_VNIC*4-1:0]         rxr_size,       // log2 of descriptors, 0 = no ring
    output wire [NUM_VNIC*16-1:0]        rxr_tail,
    output wire [NUM_VNIC*16-1:0]        rxr_itr_count,  // completions
    output wire [NUM_VNIC*24-1:0]        rxr_itr_timer,  // cycles
    input  wire [NUM_VNIC*16-1:0]        rxr_head,
    output wire [NUM_VNIC*64-1:0]        txr_base,
    output wire [NUM_VNIC*4-1:0]         txr_size,
    output wire [NUM_VNIC*16-1:0]        txr_tail,
    output wire [NUM_VNIC*16-1:0]        txr_itr_count,
    output wire [NUM_VNIC*24-1:0]        txr_itr_timer,
    input  wire [NUM_VNIC*16-1:0]        txr_head,

    // interrupt causes
    input  wire [2*NUM_VNIC-1:0]         ring_trig,      // bit 2v: RX ring of v triggered, 2v+1: TX ring
    output wire [2*NUM_VNIC-1:0]         vf_int_mask,    // bit 2v: INT_MASK.rx of v, 2v+1: INT_MASK.tx
    output wire                          pf_trig,        // a PF cause was set this cycle
    output wire                          pf_send,        // ... and its G.INT_MASK bit is set

    // commands, as they take effect
    output wire                          cmd_commit,     // successful COMMIT of cmd_vnic
    output wire                          cmd_reset,      // RESET of cmd_vnic
    output wire                          cmd_clear,      // CLEAR_STATS of cmd_vnic
    output wire [4:0]                    cmd_vnic,
    output wire [47:0]                   cmd_mac,        // MAC of cmd_vnic from the next cycle on
    output wire [23:0]                   cmd_pol_burst,  // bucket depths of cmd_vnic from the next cycle on
    output wire [23:0]                   cmd_sch_burst,
    output wire [23:0]                   cmd_tx_burst,
    output wire                          flr_req,        // RESET of cmd_vnic waits: stop its DMA
    input  wire                          flr_ready,      // cmd_vnic has no DMA work or AXI transaction left
    input  wire                          dec_now,        // an RX decision happens this cycle
    input  wire [NUM_VNIC*32-1:0]        rx_used,        // RX partition bytes in use
    input  wire [NUM_VNIC*32-1:0]        tx_used,        // TX partition bytes in use

    // faults
    output wire [NUM_VNIC-1:0]           halted,
    input  wire                          rx_fault_valid,
    output wire                          rx_fault_ready,
    input  wire [4:0]                    rx_fault_vnic,
    input  wire [7:0]                    rx_fault_reason,
    input  wire [63:0]                   rx_fault_addr,
    input  wire                          tx_fault_valid,
    output wire                          tx_fault_ready,
    input  wire [4:0]                    tx_fault_vnic,
    input  wire [7:0]                    tx_fault_reason,
    input  wire [63:0]                   tx_fault_addr,

    // counter increments (counter k of vNIC v at [(v*12+k)*CW +: CW], global k at [k*CW +: CW])
    input  wire [NUM_VNIC*12*CW-1:0]     vstat_add,
    input  wire [13*CW-1:0]              gstat_add,

    // verification trace
    output wire                          trc_cmd_valid,
    output wire [3:0]                    trc_cmd_op,
    output wire [4:0]                    trc_cmd_vnic,
    output wire [7:0]                    trc_cmd_err,
    output wire                          trc_fault_valid,
    output wire [4:0]                    trc_fault_vnic,
    output wire [7:0]                    trc_fault_reason,
    output wire [63:0]                   trc_fault_addr
);

`include "vnic_regs.vh"

// ---------------------------------------------------------------- parameters
localparam integer NV = NUM_VNIC;
localparam integer W  = DATA_W / 8;          // bytes per beat
localparam integer PGW = REG_AW - 12;        // page-number bits
localparam [31:0]  W32   = W;                // bytes per beat, as sized constants
localparam [7:0]   W8    = W32[7:0];
localparam [31:0]  NV32  = NUM_VNIC;
localparam [7:0]   NV8   = NV32[7:0];
localparam [5:0]   NV6   = NV32[5:0];
localparam [31:0]  NWIN32 = NUM_WIN;
localparam [3:0]   NWIN4 = NWIN32[3:0];
localparam [31:0]  RXKIB32 = RX_BUF_BYTES / 1024;
localparam [31:0]  TXKIB32 = TX_BUF_BYTES / 1024;
localparam [15:0]  RXKIB = RXKIB32[15:0];
localparam [15:0]  TXKIB = TXKIB32[15:0];
localparam [31:0]  RXBB32 = RX_BUF_BYTES;
localparam [31:0]  TXBB32 = TX_BUF_BYTES;
localparam [32:0]  RXBB33 = 33'd1 * RXBB32;
localparam [32:0]  TXBB33 = 33'd1 * TXBB32;
localparam [31:0]  MF32  = MAX_FRAME;
localparam [13:0]  MF14  = MF32[13:0];
localparam [37:0]  GUAR_LIMIT = {22'd0, W32[15:0]} << 24;  // W * 2^24

// configuration word layout (stage and active copies)
localparam integer F_FLAGS = 0;              // 7
localparam integer F_MAC   = 7;              // 48
localparam integer F_RXB   = 55;             // 32
localparam integer F_RXS   = 87;             // 32
localparam integer F_TXB   = 119;            // 32
localparam integer F_TXS   = 151;            // 32
localparam integer F_POLR  = 183;            // 32
localparam integer F_POLB  = 215;            // 24
localparam integer F_GUAR  = 239;            // 32
localparam integer F_CEIL  = 271;            // 32
localparam integer F_SBUR  = 303;            // 24
localparam integer F_SWGT  = 327;            // 8
localparam integer F_TWGT  = 335;            // 8
localparam integer F_TXR   = 343;            // 32
localparam integer F_TXBU  = 375;            // 24
localparam integer F_WIN   = 399;            // NUM_WIN * 160: gbase 64, hbase 64, size 32
localparam integer CFG_BITS = F_WIN + NUM_WIN * 160;
localparam [CFG_BITS-1:0] CFG_RESET = ({{(CFG_BITS-1){1'b0}}, 1'b1} << F_SWGT)
                                    | ({{(CFG_BITS-1){1'b0}}, 1'b1} << F_TWGT);

localparam integer NCV = 12;                 // per-vNIC counters
localparam integer NCG = 13;                 // global counters
localparam [11:0]  NCV12 = 12'd12;
localparam [11:0]  NCG12 = 12'd13;

// command opcodes and errors
localparam [3:0] OP_LOAD = 4'd1, OP_COMMIT = 4'd2, OP_RESET = 4'd3, OP_CLEAR = 4'd4;
localparam [7:0] E_OK = 8'd0, E_BAD_VNIC = 8'd1, E_RX_OVL = 8'd2, E_TX_OVL = 8'd3,
                 E_RANGE = 8'd4, E_RATE = 8'd5, E_WIN_OVL = 8'd6, E_NOT_Q = 8'd7,
                 E_BAD_OP = 8'd8, E_BUSY = 8'd9, E_MAC_DUP = 8'd10;
localparam [7:0] R_BAD_TAIL = 8'd7;

// command sequencer states
localparam [2:0] S_IDLE = 3'd0, S_DONE = 3'd1, S_CHK1 = 3'd2, S_CHK2 = 3'd3,
                 S_CHKJ = 3'd4, S_APPLY = 3'd5, S_FLR = 3'd6;

// ---------------------------------------------------------------- parameter checks
generate
    if (NUM_VNIC < 1 || NUM_VNIC > 32) begin : gen_err_num_vnic
        vnic_error_NUM_VNIC_must_be_1_to_32 u_error ();
    end
    if (NUM_WIN < 1 || NUM_WIN > 4) begin : gen_err_num_win
        vnic_error_NUM_WIN_must_be_1_to_4 u_error ();
    end
    if (REG_AW < 13 || REG_AW > 32 || (1 << (REG_AW - 12)) < NUM_VNIC + 1) begin : gen_err_reg_aw
        vnic_error_REG_AW_too_small_for_NUM_VNIC_pages u_error ();
    end
    if (CW < 16 || CW > 63) begin : gen_err_cw
        vnic_error_CW_must_be_16_to_63 u_error ();
    end
endgenerate

// ---------------------------------------------------------------- helpers
function [31:0] merge32;
    input [31:0] old;
    input [31:0] val;
    input [3:0]  strb;
    integer b;
    begin
        merge32 = old;
        for (b = 0; b < 4; b = b + 1)
            if (strb[b]) merge32[8*b +: 8] = val[8*b +: 8];
    end
endfunction

// number of descriptors of a ring of log2 size sz: 2^sz (a 16-entry table, no shifter)
function [16:0] ring_len;
    input [3:0] sz;
    begin
        ring_len = 17'd0;
        ring_len[{1'b0, sz}] = 1'b1;
    end
endfunction

// [a, a+sa) and [b, b+sb) overlap (ends given, 65 bits)
function overlap65;
    input [64:0] a;
    input [64:0] a_end;
    input [64:0] b;
    input [64:0] b_end;
    begin
        overlap65 = (a < b_end) && (b < a_end);
    end
endfunction

// ---------------------------------------------------------------- state
reg                  bvalid_q, bvalid_d;
reg                  rpend_q, rpend_d;
reg                  rvalid_q, rvalid_d;
reg [REG_AW-1:0]     raddr_q, raddr_d;
reg [31:0]           rdata_q, rdata_d;

reg                  rx_en_q, rx_en_d, tx_en_q, tx_en_d, def_en_q, def_en_d;
reg [4:0]            def_vnic_q, def_vnic_d;
reg [13:0]           max_frame_q, max_frame_d;
reg [1:0]            pf_int_status_q, pf_int_status_d;   // [0] fault, [1] cmd_done
reg [1:0]            pf_int_mask_q, pf_int_mask_d;
reg [4:0]            vsel_q, vsel_d;
reg                  cmd_busy_q, cmd_busy_d;
reg [3:0]            cmd_st_op_q, cmd_st_op_d;           // CMD_STATUS.op
reg [7:0]            cmd_st_err_q, cmd_st_err_d;         // CMD_STATUS.err

reg [CFG_BITS-1:0]   st_q, st_d;                         // staging copy
reg [NV*CFG_BITS-1:0] act_q, act_d;                      // active copies

reg [2:0]            seq_q, seq_d;                       // command sequencer
reg [3:0]            op_q, op_d;
reg [4:0]            cv_q, cv_d;                         // command vNIC
reg [7:0]            cerr_q, cerr_d;                     // error found so far (S_DONE) / before NOT_QUIESCED (S_APPLY)
reg [4:0]            j_q, j_d;
reg                  e_range_q, e_range_d, e_rate_q, e_rate_d, e_win_q, e_win_d;
reg                  e_mac_q, e_mac_d, e_rxo_q, e_rxo_d, e_txo_q, e_txo_d;
reg [37:0]           guar_sum_q, guar_sum_d;
reg [NUM_WIN*65-1:0] wg_end_q, wg_end_d;                 // window guest ends

reg [NV-1:0]         halted_q, halted_d;
reg [NV*8-1:0]       reason_q, reason_d;
reg [NV*64-1:0]      faddr_q, faddr_d;

reg [2*NV-1:0]       vf_int_status_q, vf_int_status_d;
reg [2*NV-1:0]       vf_int_mask_q, vf_int_mask_d;
reg [NV*64-1:0]      rxr_base_q, rxr_base_d, txr_base_q, txr_base_d;
reg [NV*4-1:0]       rxr_size_q, rxr_size_d, txr_size_q, txr_size_d;
reg [NV*16-1:0]      rxr_tail_q, rxr_tail_d, txr_tail_q, txr_tail_d;
reg [NV*16-1:0]      rxr_icnt_q, rxr_icnt_d, txr_icnt_q, txr_icnt_d;
reg [NV*24-1:0]      rxr_itmr_q, rxr_itmr_d, txr_itmr_q, txr_itmr_d;

reg [(NV+1)*32-1:0]  snap_q, snap_d;                     // counter HI snapshot per page

wire [63:0]          halted64 = {{(64-NV){1'b0}}, halted_q};
wire [NV*NCV*64-1:0] vcnt;                                // per-vNIC counters
wire [NCG*64-1:0]    gcnt;                                // global counters

// ---------------------------------------------------------------- write channel
wire [PGW-1:0] wpage = s_axil_awaddr[REG_AW-1:12];
wire [11:0]    woff  = {s_axil_awaddr[11:2], 2'b00};
wire           wpf   = (wpage == {PGW{1'b0}});
wire           wpf_stage = wpf && ((woff >= 12'h100 && woff < 12'h200) || woff == VNIC_PF_G_VSEL);

reg            cmd_fire;          // the running command takes effect this cycle
reg  [7:0]     fire_err;

wire wr_go = s_axil_awvalid && s_axil_wvalid && !bvalid_q && !cmd_fire
             && !(cmd_busy_q && wpf_stage);

assign s_axil_awready = wr_go;
assign s_axil_wready  = wr_go;
assign s_axil_bvalid  = bvalid_q;
assign s_axil_bresp   = 2'b00;

// ---------------------------------------------------------------- read channel
assign s_axil_arready = !rpend_q && !rvalid_q;
assign s_axil_rvalid  = rvalid_q;
assign s_axil_rdata   = rdata_q;
assign s_axil_rresp   = 2'b00;

wire [PGW-1:0] rpage = raddr_q[REG_AW-1:12];
wire [11:0]    roff  = {raddr_q[11:2], 2'b00};

// ---------------------------------------------------------------- outputs
assign g_rx_en     = rx_en_q;
assign g_tx_en     = tx_en_q;
assign g_def_en    = def_en_q;
assign g_def_vnic  = def_vnic_q;
assign g_max_frame = max_frame_q;
assign halted      = halted_q;
assign rxr_base    = rxr_base_q;
assign rxr_size    = rxr_size_q;
assign rxr_tail    = rxr_tail_q;
assign rxr_itr_count = rxr_icnt_q;
assign rxr_itr_timer = rxr_itmr_q;
assign txr_base    = txr_base_q;
assign txr_size    = txr_size_q;
assign txr_tail    = txr_tail_q;
assign txr_itr_count = txr_icnt_q;
assign txr_itr_timer = txr_itmr_q;
assign vf_int_mask = vf_int_mask_q;

genvar gv, gw;
generate
    for (gv = 0; gv < NV; gv = gv + 1) begin : gen_cfg_out
        localparam integer B = gv * CFG_BITS;
        assign cfg_flags[gv*7 +: 7]       = act_q[B+F_FLAGS +: 7];
        assign cfg_mac[gv*48 +: 48]       = act_q[B+F_MAC +: 48];
        assign cfg_rx_base[gv*32 +: 32]   = act_q[B+F_RXB +: 32];
        assign cfg_rx_size[gv*32 +: 32]   = act_q[B+F_RXS +: 32];
        assign cfg_tx_base[gv*32 +: 32]   = act_q[B+F_TXB +: 32];
        assign cfg_tx_size[gv*32 +: 32]   = act_q[B+F_TXS +: 32];
        assign cfg_pol_rate[gv*32 +: 32]  = act_q[B+F_POLR +: 32];
        assign cfg_pol_burst[gv*24 +: 24] = act_q[B+F_POLB +: 24];
        assign cfg_sch_guar[gv*32 +: 32]  = act_q[B+F_GUAR +: 32];
        assign cfg_sch_ceil[gv*32 +: 32]  = act_q[B+F_CEIL +: 32];
        assign cfg_sch_burst[gv*24 +: 24] = act_q[B+F_SBUR +: 24];
        assign cfg_sch_weight[gv*8 +: 8]  = act_q[B+F_SWGT +: 8];
        assign cfg_tx_weight[gv*8 +: 8]   = act_q[B+F_TWGT +: 8];
        assign cfg_tx_rate[gv*32 +: 32]   = act_q[B+F_TXR +: 32];
        assign cfg_tx_burst[gv*24 +: 24]  = act_q[B+F_TXBU +: 24];
        for (gw = 0; gw < NUM_WIN; gw = gw + 1) begin : gen_win_out
            assign cfg_win_gbase[(gv*NUM_WIN+gw)*64 +: 64] = act_q[B+F_WIN+gw*160 +: 64];
            assign cfg_win_hbase[(gv*NUM_WIN+gw)*64 +: 64] = act_q[B+F_WIN+gw*160+64 +: 64];
            assign cfg_win_size[(gv*NUM_WIN+gw)*32 +: 32]  = act_q[B+F_WIN+gw*160+128 +: 32];
        end
    end
endgenerate

// ---------------------------------------------------------------- command checks (combinational parts)
// Stage fields.
wire        st_en     = st_q[F_FLAGS + 0];
wire        st_pol_en = st_q[F_FLAGS + 4];
wire        st_ceil_en = st_q[F_FLAGS + 5];
wire        st_shp_en = st_q[F_FLAGS + 6];
wire [31:0] st_rxb = st_q[F_RXB +: 32];
wire [31:0] st_rxs = st_q[F_RXS +: 32];
wire [31:0] st_txb = st_q[F_TXB +: 32];
wire [31:0] st_txs = st_q[F_TXS +: 32];

// Largest frame rounded up to 64 bytes, the smallest legal partition of an enabled vNIC.
wire [32:0] mf64 = {19'd0, max_frame_q + 14'd63} & ~33'd63;

reg chk_range, chk_rate_local;
reg [NUM_WIN*65-1:0] wg_end_c;
integer w;
always @* begin
    chk_range = (st_rxb[5:0] != 6'd0) || (st_rxs[5:0] != 6'd0)
             || (st_txb[5:0] != 6'd0) || (st_txs[5:0] != 6'd0)
             || ({1'b0, st_rxb} + {1'b0, st_rxs} > RXBB33)
             || ({1'b0, st_txb} + {1'b0, st_txs} > TXBB33)
             || (st_en && ({1'b0, st_rxs} < mf64 || {1'b0, st_txs} < mf64))
             || (st_q[F_SWGT +: 8] == 8'd0) || (st_q[F_TWGT +: 8] == 8'd0);
    wg_end_c = {NUM_WIN*65{1'b0}};
    for (w = 0; w < NUM_WIN; w = w + 1) begin : win_range
        reg [63:0] gb, hb;
        reg [31:0] sz;
        reg [64:0] ge, he;
        gb = st_q[F_WIN + w*160 +: 64];
        hb = st_q[F_WIN + w*160 + 64 +: 64];
        sz = st_q[F_WIN + w*160 + 128 +: 32];
        ge = {1'b0, gb} + {33'd0, sz};
        he = {1'b0, hb} + {33'd0, sz};
        wg_end_c[w*65 +: 65] = ge;
        if (gb[11:0] != 12'd0 || hb[11:0] != 12'd0 || sz[11:0] != 12'd0
            || (ge[64] && ge[63:0] != 64'd0) || (he[64] && he[63:0] != 64'd0))
            chk_range = 1'b1;
    end
    chk_rate_local = (st_pol_en && st_q[F_POLB +: 24] < 24'd64)
                  || (st_ceil_en && st_q[F_GUAR +: 32] > st_q[F_CEIL +: 32])
                  || (st_shp_en && st_q[F_TXBU +: 24] < 24'd64);
end

reg chk_win;
integer wa, wb;
always @* begin
    chk_win = 1'b0;
    for (wa = 0; wa < NUM_WIN; wa = wa + 1)
        for (wb = wa + 1; wb < NUM_WIN; wb = wb + 1)
            if (st_q[F_WIN + wa*160 + 128 +: 32] != 32'd0 && st_q[F_WIN + wb*160 + 128 +: 32] != 32'd0
                && overlap65({1'b0, st_q[F_WIN + wa*160 +: 64]}, wg_end_q[wa*65 +: 65],
                             {1'b0, st_q[F_WIN + wb*160 +: 64]}, wg_end_q[wb*65 +: 65]))
                chk_win = 1'b1;
end

// The other vNIC j examined this cycle (S_CHKJ).
// one-hot selections (AND-OR, no variable part-selects on wide vectors)
reg [CFG_BITS-1:0] act_j, act_cv, act_sv;
reg [31:0]         cv_rx_used, cv_tx_used, sv_rx_used, sv_tx_used;
reg [7:0]          sv_reason;
reg [63:0]         sv_faddr;
reg                sv_halted;
integer            s;
always @* begin
    act_j = {CFG_BITS{1'b0}};
    act_cv = {CFG_BITS{1'b0}};
    act_sv = {CFG_BITS{1'b0}};
    cv_rx_used = 32'd0;
    cv_tx_used = 32'd0;
    sv_rx_used = 32'd0;
    sv_tx_used = 32'd0;
    sv_reason = 8'd0;
    sv_faddr = 64'd0;
    sv_halted = 1'b0;
    for (s = 0; s < NV; s = s + 1) begin
        act_j  = act_j  | (act_q[s*CFG_BITS +: CFG_BITS] & {CFG_BITS{j_q == s[4:0]}});
        act_cv = act_cv | (act_q[s*CFG_BITS +: CFG_BITS] & {CFG_BITS{cv_q == s[4:0]}});
        act_sv = act_sv | (act_q[s*CFG_BITS +: CFG_BITS] & {CFG_BITS{vsel_q == s[4:0]}});
        cv_rx_used = cv_rx_used | (rx_used[s*32 +: 32] & {32{cv_q == s[4:0]}});
        cv_tx_used = cv_tx_used | (tx_used[s*32 +: 32] & {32{cv_q == s[4:0]}});
        sv_rx_used = sv_rx_used | (rx_used[s*32 +: 32] & {32{vsel_q == s[4:0]}});
        sv_tx_used = sv_tx_used | (tx_used[s*32 +: 32] & {32{vsel_q == s[4:0]}});
        sv_reason = sv_reason | (reason_q[s*8 +: 8] & {8{vsel_q == s[4:0]}});
        sv_faddr = sv_faddr | (faddr_q[s*64 +: 64] & {64{vsel_q == s[4:0]}});
        sv_halted = sv_halted | (halted_q[s] & (vsel_q == s[4:0]));
    end
end
wire                j_other = (j_q != cv_q) && act_j[F_FLAGS];
wire                j_mac  = (act_j[F_MAC +: 48] == st_q[F_MAC +: 48]);
wire                j_rxo  = overlap65({33'd0, st_rxb}, {33'd0, st_rxb} + {33'd0, st_rxs},
                                       {33'd0, act_j[F_RXB +: 32]},
                                       {33'd0, act_j[F_RXB +: 32]} + {33'd0, act_j[F_RXS +: 32]});
wire                j_txo  = overlap65({33'd0, st_txb}, {33'd0, st_txb} + {33'd0, st_txs},
                                       {33'd0, act_j[F_TXB +: 32]},
                                       {33'd0, act_j[F_TXB +: 32]} + {33'd0, act_j[F_TXS +: 32]});

// The command vNIC's active configuration and usage.
wire                part_change = (act_cv[F_RXB +: 32] != st_rxb) || (act_cv[F_RXS +: 32] != st_rxs)
                               || (act_cv[F_TXB +: 32] != st_txb) || (act_cv[F_TXS +: 32] != st_txs);
wire                not_quiesced = part_change && (cv_rx_used != 32'd0 || cv_tx_used != 32'd0);


// ---------------------------------------------------------------- command sequencer
reg [2:0] seq_n;
reg [7:0] cerr_n;
always @* begin
    seq_n = seq_q;
    cerr_n = cerr_q;
    j_d = j_q;
    e_range_d = e_range_q; e_rate_d = e_rate_q; e_win_d = e_win_q;
    e_mac_d = e_mac_q; e_rxo_d = e_rxo_q; e_txo_d = e_txo_q;
    guar_sum_d = guar_sum_q;
    wg_end_d = wg_end_q;
    cmd_fire = 1'b0;
    fire_err = cerr_q;

    case (seq_q)
        S_DONE: begin
            cmd_fire = 1'b1;
            fire_err = cerr_q;
            seq_n = S_IDLE;
        end
        S_CHK1: begin
            e_range_d = chk_range;
            e_rate_d  = chk_rate_local;
            wg_end_d  = wg_end_c;
            e_mac_d = 1'b0; e_rxo_d = 1'b0; e_txo_d = 1'b0;
            guar_sum_d = st_en ? {6'd0, st_q[F_GUAR +: 32]} : 38'd0;
            j_d = 5'd0;
            seq_n = S_CHK2;
        end
        S_CHK2: begin
            e_win_d = chk_win;
            seq_n = S_CHKJ;
        end
        S_CHKJ: begin
            if (j_other) begin
                guar_sum_d = guar_sum_q + {6'd0, act_j[F_GUAR +: 32]};
                if (st_en && j_mac) e_mac_d = 1'b1;
                if (st_en && j_rxo) e_rxo_d = 1'b1;
                if (st_en && j_txo) e_txo_d = 1'b1;
            end
            j_d = j_q + 5'd1;
            if ({1'b0, j_q} == NV6 - 6'd1) begin
                seq_n = S_APPLY;
            end
        end
        S_APPLY: begin
            if (e_range_q)                    cerr_n = E_RANGE;
            else if (e_win_q)                 cerr_n = E_WIN_OVL;
            else if (e_rate_q || guar_sum_q > GUAR_LIMIT) cerr_n = E_RATE;
            else if (e_mac_q)                 cerr_n = E_MAC_DUP;
            else if (e_rxo_q)                 cerr_n = E_RX_OVL;
            else if (e_txo_q)                 cerr_n = E_TX_OVL;
            else                              cerr_n = E_OK;
            seq_n = S_DONE;
            // refused commits finish without waiting; a good one waits for a
            // cycle without an RX decision and checks NOT_QUIESCED in it
            if (cerr_n == E_OK) begin
                seq_n = S_APPLY;
                if (!dec_now) begin
                    cmd_fire = 1'b1;
                    fire_err = not_quiesced ? E_NOT_Q : E_OK;
                    seq_n = S_IDLE;
                end
            end
        end
        S_FLR: begin
            if (flr_ready && !dec_now) begin
                cmd_fire = 1'b1;
                fire_err = E_OK;
                seq_n = S_IDLE;
            end
        end
        default: begin
        end
    endcase

end

// a new command is taken only when the sequencer is idle
always @* begin
    seq_d = seq_n;
    cerr_d = cerr_n;
    op_d = op_q;
    cv_d = cv_q;
    if (wr_go && wpf && woff == VNIC_PF_G_CMD && s_axil_wstrb[0] && seq_q == S_IDLE) begin
        op_d = s_axil_wdata[3:0];
        cv_d = vsel_q;
        if (s_axil_wdata[3:0] < OP_LOAD || s_axil_wdata[3:0] > OP_CLEAR) begin
            cerr_d = E_BAD_OP;
            seq_d = S_DONE;
        end else if ({1'b0, vsel_q} >= NV6) begin
            cerr_d = E_BAD_VNIC;
            seq_d = S_DONE;
        end else if (s_axil_wdata[3:0] == OP_COMMIT) begin
            cerr_d = E_OK;
            seq_d = S_CHK1;
        end else if (s_axil_wdata[3:0] == OP_RESET) begin
            cerr_d = E_OK;
            seq_d = S_FLR;
        end else begin
            cerr_d = E_OK;
            seq_d = S_DONE;
        end
    end
end

wire busy_reject = wr_go && wpf && woff == VNIC_PF_G_CMD && s_axil_wstrb[0] && seq_q != S_IDLE;

wire fire_ok    = cmd_fire && fire_err == E_OK;
wire do_load    = fire_ok && op_q == OP_LOAD;
wire do_commit  = fire_ok && op_q == OP_COMMIT;
wire do_reset   = fire_ok && op_q == OP_RESET;
wire do_clear   = fire_ok && op_q == OP_CLEAR;

assign cmd_commit = do_commit;
assign cmd_reset  = do_reset;
assign cmd_clear  = do_clear;
assign cmd_vnic   = cv_q;
assign cmd_mac    = (op_q == OP_COMMIT) ? st_q[F_MAC +: 48] : act_cv[F_MAC +: 48];
assign cmd_pol_burst = (op_q == OP_COMMIT) ? st_q[F_POLB +: 24] : act_cv[F_POLB +: 24];
assign cmd_sch_burst = (op_q == OP_COMMIT) ? st_q[F_SBUR +: 24] : act_cv[F_SBUR +: 24];
assign cmd_tx_burst  = (op_q == OP_COMMIT) ? st_q[F_TXBU +: 24] : act_cv[F_TXBU +: 24];
assign flr_req    = (seq_q == S_FLR);

assign trc_cmd_valid = cmd_fire || busy_reject;
assign trc_cmd_op    = cmd_fire ? op_q : s_axil_wdata[3:0];
assign trc_cmd_vnic  = cmd_fire ? cv_q : vsel_q;
assign trc_cmd_err   = cmd_fire ? fire_err : E_BUSY;

// ---------------------------------------------------------------- faults
reg        flt_take;
reg [4:0]  flt_vnic;
reg [7:0]  flt_reason;
reg [63:0] flt_addr;
reg        tail_bad_take;          // this write is a bad doorbell
reg        rx_flt_rdy, tx_flt_rdy;
reg [31:0] tail_m;

integer v;
always @* begin
    tail_m = 32'd0;
    tail_bad_take = 1'b0;
    flt_take = 1'b0;
    flt_vnic = 5'd0;
    flt_reason = 8'd0;
    flt_addr = 64'd0;
    rx_flt_rdy = 1'b0;
    tx_flt_rdy = 1'b0;
    for (v = 0; v < NV; v = v + 1) begin
        if (wr_go && wpage == v[PGW-1:0] + 1'b1) begin
            if (woff == VNIC_VF_RXR_TAIL) begin
                tail_m = merge32({16'd0, rxr_tail_q[v*16 +: 16]}, s_axil_wdata, s_axil_wstrb);
                if (tail_m[16:0] >= ring_len(rxr_size_q[v*4 +: 4]) || rxr_base_q[v*64 +: 4] != 4'd0) begin
                    tail_bad_take = 1'b1;
                    flt_vnic = v[4:0];
                    flt_reason = R_BAD_TAIL;
                    flt_addr = rxr_base_q[v*64 +: 64];
                end
            end
            if (woff == VNIC_VF_TXR_TAIL) begin
                tail_m = merge32({16'd0, txr_tail_q[v*16 +: 16]}, s_axil_wdata, s_axil_wstrb);
                if (tail_m[16:0] >= ring_len(txr_size_q[v*4 +: 4]) || txr_base_q[v*64 +: 4] != 4'd0) begin
                    tail_bad_take = 1'b1;
                    flt_vnic = v[4:0];
                    flt_reason = R_BAD_TAIL;
                    flt_addr = txr_base_q[v*64 +: 64];
                end
            end
        end
    end
    if (tail_bad_take) begin
        flt_take = 1'b1;
    end else if (rx_fault_valid) begin
        rx_flt_rdy = 1'b1;
        flt_take = 1'b1;
        flt_vnic = rx_fault_vnic;
        flt_reason = rx_fault_reason;
        flt_addr = rx_fault_addr;
    end else if (tx_fault_valid) begin
        tx_flt_rdy = 1'b1;
        flt_take = 1'b1;
        flt_vnic = tx_fault_vnic;
        flt_reason = tx_fault_reason;
        flt_addr = tx_fault_addr;
    end
end

assign rx_fault_ready = rx_flt_rdy;
assign tx_fault_ready = tx_flt_rdy;

wire flt_new = flt_take && {1'b0, flt_vnic} < NV6 && !halted64[{1'b0, flt_vnic}];

assign trc_fault_valid  = flt_new;
assign trc_fault_vnic   = flt_vnic;
assign trc_fault_reason = flt_reason;
assign trc_fault_addr   = flt_addr;

// ---------------------------------------------------------------- PF interrupt causes
wire pf_set_fault = flt_new;
wire pf_set_cmd   = cmd_fire || busy_reject;
assign pf_trig = pf_set_fault || pf_set_cmd;
assign pf_send = (pf_set_fault && pf_int_mask_q[0]) || (pf_set_cmd && pf_int_mask_q[1]);

// ---------------------------------------------------------------- register writes
integer k;
reg [31:0] m;
always @* begin
    m = 32'd0;
    bvalid_d = bvalid_q;
    if (s_axil_bready) bvalid_d = 1'b0;
    if (wr_go) bvalid_d = 1'b1;

    rx_en_d = rx_en_q; tx_en_d = tx_en_q; def_en_d = def_en_q; def_vnic_d = def_vnic_q;
    max_frame_d = max_frame_q;
    pf_int_status_d = pf_int_status_q;
    pf_int_mask_d = pf_int_mask_q;
    vsel_d = vsel_q;
    cmd_busy_d = (seq_d != S_IDLE);
    cmd_st_op_d = cmd_st_op_q;
    cmd_st_err_d = cmd_st_err_q;
    st_d = st_q;
    act_d = act_q;
    halted_d = halted_q;
    reason_d = reason_q;
    faddr_d = faddr_q;
    vf_int_status_d = vf_int_status_q | ring_trig;
    vf_int_mask_d = vf_int_mask_q;
    rxr_base_d = rxr_base_q; rxr_size_d = rxr_size_q; rxr_tail_d = rxr_tail_q;
    rxr_icnt_d = rxr_icnt_q; rxr_itmr_d = rxr_itmr_q;
    txr_base_d = txr_base_q; txr_size_d = txr_size_q; txr_tail_d = txr_tail_q;
    txr_icnt_d = txr_icnt_q; txr_itmr_d = txr_itmr_q;

    // ---- PF page writes
    if (wr_go && wpf) begin
        case (woff)
            VNIC_PF_G_CTRL: begin
                m = merge32({11'd0, def_vnic_q, 7'd0, def_en_q, 6'd0, tx_en_q, rx_en_q},
                            s_axil_wdata, s_axil_wstrb);
                rx_en_d = m[0];
                tx_en_d = m[1];
                def_en_d = m[8];
                def_vnic_d = m[20:16];
            end
            VNIC_PF_G_MAX_FRAME: begin
                m = merge32({18'd0, max_frame_q}, s_axil_wdata, s_axil_wstrb);
                if (m[13:0] < 14'd64)
                    max_frame_d = 14'd64;
                else if (m[13:0] > MF14)
                    max_frame_d = MF14;
                else
                    max_frame_d = m[13:0];
            end
            VNIC_PF_G_INT_STATUS: begin
                m = merge32(32'd0, s_axil_wdata, s_axil_wstrb);
                pf_int_status_d = pf_int_status_q & ~m[1:0];
            end
            VNIC_PF_G_INT_MASK: begin
                m = merge32({30'd0, pf_int_mask_q}, s_axil_wdata, s_axil_wstrb);
                pf_int_mask_d = m[1:0];
            end
            VNIC_PF_G_VSEL: begin
                m = merge32({27'd0, vsel_q}, s_axil_wdata, s_axil_wstrb);
                vsel_d = m[4:0];
            end
            VNIC_PF_STAGE_FLAGS: begin
                m = merge32({25'd0, st_q[F_FLAGS +: 7]}, s_axil_wdata, s_axil_wstrb);
                st_d[F_FLAGS +: 7] = m[6:0];
            end
            VNIC_PF_STAGE_MAC_LO:   st_d[F_MAC +: 32] = merge32(st_q[F_MAC +: 32], s_axil_wdata, s_axil_wstrb);
            VNIC_PF_STAGE_MAC_HI: begin
                m = merge32({16'd0, st_q[F_MAC+32 +: 16]}, s_axil_wdata, s_axil_wstrb);
                st_d[F_MAC+32 +: 16] = m[15:0];
            end
            VNIC_PF_STAGE_RX_BASE:  st_d[F_RXB +: 32]  = merge32(st_q[F_RXB +: 32], s_axil_wdata, s_axil_wstrb);
            VNIC_PF_STAGE_RX_SIZE:  st_d[F_RXS +: 32]  = merge32(st_q[F_RXS +: 32], s_axil_wdata, s_axil_wstrb);
            VNIC_PF_STAGE_TX_BASE:  st_d[F_TXB +: 32]  = merge32(st_q[F_TXB +: 32], s_axil_wdata, s_axil_wstrb);
            VNIC_PF_STAGE_TX_SIZE:  st_d[F_TXS +: 32]  = merge32(st_q[F_TXS +: 32], s_axil_wdata, s_axil_wstrb);
            VNIC_PF_STAGE_POL_RATE: st_d[F_POLR +: 32] = merge32(st_q[F_POLR +: 32], s_axil_wdata, s_axil_wstrb);
            VNIC_PF_STAGE_POL_BURST: begin
                m = merge32({8'd0, st_q[F_POLB +: 24]}, s_axil_wdata, s_axil_wstrb);
                st_d[F_POLB +: 24] = m[23:0];
            end
            VNIC_PF_STAGE_SCH_GUAR: st_d[F_GUAR +: 32] = merge32(st_q[F_GUAR +: 32], s_axil_wdata, s_axil_wstrb);
            VNIC_PF_STAGE_SCH_CEIL: st_d[F_CEIL +: 32] = merge32(st_q[F_CEIL +: 32], s_axil_wdata, s_axil_wstrb);
            VNIC_PF_STAGE_SCH_BURST: begin
                m = merge32({8'd0, st_q[F_SBUR +: 24]}, s_axil_wdata, s_axil_wstrb);
                st_d[F_SBUR +: 24] = m[23:0];
            end
            VNIC_PF_STAGE_SCH_WEIGHT: begin
                m = merge32({24'd0, st_q[F_SWGT +: 8]}, s_axil_wdata, s_axil_wstrb);
                st_d[F_SWGT +: 8] = m[7:0];
            end
            VNIC_PF_STAGE_TX_WEIGHT: begin
                m = merge32({24'd0, st_q[F_TWGT +: 8]}, s_axil_wdata, s_axil_wstrb);
                st_d[F_TWGT +: 8] = m[7:0];
            end
            VNIC_PF_STAGE_TX_RATE:  st_d[F_TXR +: 32] = merge32(st_q[F_TXR +: 32], s_axil_wdata, s_axil_wstrb);
            VNIC_PF_STAGE_TX_BURST: begin
                m = merge32({8'd0, st_q[F_TXBU +: 24]}, s_axil_wdata, s_axil_wstrb);
                st_d[F_TXBU +: 24] = m[23:0];
            end
            default: begin
            end
        endcase
        for (k = 0; k < NUM_WIN; k = k + 1) begin
            if (woff == VNIC_PF_STAGE_WIN_BASE + k[11:0] * VNIC_PF_STAGE_WIN_STRIDE + VNIC_PF_STAGE_WIN_GBASE_LO_REL)
                st_d[F_WIN + k*160 +: 32] = merge32(st_q[F_WIN + k*160 +: 32], s_axil_wdata, s_axil_wstrb);
            if (woff == VNIC_PF_STAGE_WIN_BASE + k[11:0] * VNIC_PF_STAGE_WIN_STRIDE + VNIC_PF_STAGE_WIN_GBASE_HI_REL)
                st_d[F_WIN + k*160 + 32 +: 32] = merge32(st_q[F_WIN + k*160 + 32 +: 32], s_axil_wdata, s_axil_wstrb);
            if (woff == VNIC_PF_STAGE_WIN_BASE + k[11:0] * VNIC_PF_STAGE_WIN_STRIDE + VNIC_PF_STAGE_WIN_HBASE_LO_REL)
                st_d[F_WIN + k*160 + 64 +: 32] = merge32(st_q[F_WIN + k*160 + 64 +: 32], s_axil_wdata, s_axil_wstrb);
            if (woff == VNIC_PF_STAGE_WIN_BASE + k[11:0] * VNIC_PF_STAGE_WIN_STRIDE + VNIC_PF_STAGE_WIN_HBASE_HI_REL)
                st_d[F_WIN + k*160 + 96 +: 32] = merge32(st_q[F_WIN + k*160 + 96 +: 32], s_axil_wdata, s_axil_wstrb);
            if (woff == VNIC_PF_STAGE_WIN_BASE + k[11:0] * VNIC_PF_STAGE_WIN_STRIDE + VNIC_PF_STAGE_WIN_SIZE_REL)
                st_d[F_WIN + k*160 + 128 +: 32] = merge32(st_q[F_WIN + k*160 + 128 +: 32], s_axil_wdata, s_axil_wstrb);
        end
    end

    // ---- VF page writes
    for (v = 0; v < NV; v = v + 1) begin
        if (wr_go && wpage == v[PGW-1:0] + 1'b1) begin
            case (woff)
                VNIC_VF_INT_STATUS: begin
                    m = merge32(32'd0, s_axil_wdata, s_axil_wstrb);
                    vf_int_status_d[2*v +: 2] = vf_int_status_q[2*v +: 2] & ~m[1:0];
                end
                VNIC_VF_INT_MASK: begin
                    m = merge32({30'd0, vf_int_mask_q[2*v +: 2]}, s_axil_wdata, s_axil_wstrb);
                    vf_int_mask_d[2*v +: 2] = m[1:0];
                end
                VNIC_VF_RXR_BASE_LO: rxr_base_d[v*64 +: 32]      = merge32(rxr_base_q[v*64 +: 32], s_axil_wdata, s_axil_wstrb);
                VNIC_VF_RXR_BASE_HI: rxr_base_d[v*64 + 32 +: 32] = merge32(rxr_base_q[v*64 + 32 +: 32], s_axil_wdata, s_axil_wstrb);
                VNIC_VF_RXR_SIZE: begin
                    m = merge32({28'd0, rxr_size_q[v*4 +: 4]}, s_axil_wdata, s_axil_wstrb);
                    rxr_size_d[v*4 +: 4] = m[3:0];
                end
                VNIC_VF_RXR_TAIL: begin
                    m = merge32({16'd0, rxr_tail_q[v*16 +: 16]}, s_axil_wdata, s_axil_wstrb);
                    if (!tail_bad_take) rxr_tail_d[v*16 +: 16] = m[15:0];
                end
                VNIC_VF_RXR_ITR_COUNT: begin
                    m = merge32({16'd0, rxr_icnt_q[v*16 +: 16]}, s_axil_wdata, s_axil_wstrb);
                    rxr_icnt_d[v*16 +: 16] = m[15:0];
                end
                VNIC_VF_RXR_ITR_TIMER: begin
                    m = merge32({8'd0, rxr_itmr_q[v*24 +: 24]}, s_axil_wdata, s_axil_wstrb);
                    rxr_itmr_d[v*24 +: 24] = m[23:0];
                end
                VNIC_VF_TXR_BASE_LO: txr_base_d[v*64 +: 32]      = merge32(txr_base_q[v*64 +: 32], s_axil_wdata, s_axil_wstrb);
                VNIC_VF_TXR_BASE_HI: txr_base_d[v*64 + 32 +: 32] = merge32(txr_base_q[v*64 + 32 +: 32], s_axil_wdata, s_axil_wstrb);
                VNIC_VF_TXR_SIZE: begin
                    m = merge32({28'd0, txr_size_q[v*4 +: 4]}, s_axil_wdata, s_axil_wstrb);
                    txr_size_d[v*4 +: 4] = m[3:0];
                end
                VNIC_VF_TXR_TAIL: begin
                    m = merge32({16'd0, txr_tail_q[v*16 +: 16]}, s_axil_wdata, s_axil_wstrb);
                    if (!tail_bad_take) txr_tail_d[v*16 +: 16] = m[15:0];
                end
                VNIC_VF_TXR_ITR_COUNT: begin
                    m = merge32({16'd0, txr_icnt_q[v*16 +: 16]}, s_axil_wdata, s_axil_wstrb);
                    txr_icnt_d[v*16 +: 16] = m[15:0];
                end
                VNIC_VF_TXR_ITR_TIMER: begin
                    m = merge32({8'd0, txr_itmr_q[v*24 +: 24]}, s_axil_wdata, s_axil_wstrb);
                    txr_itmr_d[v*24 +: 24] = m[23:0];
                end
                default: begin
                end
            endcase
        end
    end

    // ---- faults
    for (v = 0; v < NV; v = v + 1) begin
        if (flt_new && flt_vnic == v[4:0]) begin
            halted_d[v] = 1'b1;
            reason_d[v*8 +: 8] = flt_reason;
            faddr_d[v*64 +: 64] = flt_addr;
        end
    end
    if (pf_set_fault) pf_int_status_d[0] = 1'b1;

    // ---- commands
    if (busy_reject) begin
        cmd_st_op_d = s_axil_wdata[3:0];
        cmd_st_err_d = E_BUSY;
    end
    if (cmd_fire) begin
        cmd_st_op_d = op_q;
        cmd_st_err_d = fire_err;
    end
    if (pf_set_cmd) pf_int_status_d[1] = 1'b1;
    if (do_load) st_d = act_cv;
    for (v = 0; v < NV; v = v + 1)
        if (do_commit && cv_q == v[4:0]) act_d[v*CFG_BITS +: CFG_BITS] = st_q;
    for (v = 0; v < NV; v = v + 1) begin
        if (do_reset && cv_q == v[4:0]) begin
            halted_d[v] = 1'b0;
            reason_d[v*8 +: 8] = 8'd0;
            faddr_d[v*64 +: 64] = 64'd0;
            vf_int_status_d[2*v +: 2] = 2'b00;
            vf_int_mask_d[2*v +: 2] = 2'b00;
            rxr_base_d[v*64 +: 64] = 64'd0;
            rxr_size_d[v*4 +: 4] = 4'd0;
            rxr_tail_d[v*16 +: 16] = 16'd0;
            rxr_icnt_d[v*16 +: 16] = 16'd0;
            rxr_itmr_d[v*24 +: 24] = 24'd0;
            txr_base_d[v*64 +: 64] = 64'd0;
            txr_size_d[v*4 +: 4] = 4'd0;
            txr_tail_d[v*16 +: 16] = 16'd0;
            txr_icnt_d[v*16 +: 16] = 16'd0;
            txr_itmr_d[v*24 +: 24] = 24'd0;
        end
    end
end

// ---------------------------------------------------------------- counters
generate
    for (gv = 0; gv < NV; gv = gv + 1) begin : gen_vstat
        for (gw = 0; gw < NCV; gw = gw + 1) begin : gen_cnt
            reg [63:0] cnt_q;
            always @(posedge clk) begin
                if (rst || (do_clear && cv_q == gv))
                    cnt_q <= 64'd0;
                else
                    cnt_q <= cnt_q + {{(64-CW){1'b0}}, vstat_add[(gv*NCV+gw)*CW +: CW]};
            end
            assign vcnt[(gv*NCV+gw)*64 +: 64] = cnt_q;
        end
    end
    for (gw = 0; gw < NCG; gw = gw + 1) begin : gen_gstat
        reg [63:0] cnt_q;
        always @(posedge clk) begin
            if (rst)
                cnt_q <= 64'd0;
            else
                cnt_q <= cnt_q + {{(64-CW){1'b0}}, gstat_add[gw*CW +: CW]};
        end
        assign gcnt[gw*64 +: 64] = cnt_q;
    end
endgenerate

// ---------------------------------------------------------------- read data
reg [31:0] rd_val;
reg        rd_snap;            // this read is a counter _LO: snapshot the HI word
reg [31:0] rd_snap_val;
reg [5:0]  rd_snap_page;
integer    rv, rs;
reg [11:0] ridx;
reg [63:0] rcnt;
always @* begin
    ridx = 12'd0;
    rcnt = 64'd0;
    rd_val = 32'd0;
    rd_snap = 1'b0;
    rd_snap_val = 32'd0;
    rd_snap_page = 6'd0;
    if (rpage == {PGW{1'b0}}) begin
        case (roff)
            VNIC_PF_G_ID:         rd_val = VNIC_PF_G_ID_RESET;
            VNIC_PF_G_VERSION:    rd_val = VNIC_PF_G_VERSION_RESET;
            VNIC_PF_G_CAPS:       rd_val = {12'd0, NWIN4, W8[7:0], NV8};
            VNIC_PF_G_BUFCAPS:    rd_val = {TXKIB, RXKIB};
            VNIC_PF_G_CTRL:       rd_val = {11'd0, def_vnic_q, 7'd0, def_en_q, 6'd0, tx_en_q, rx_en_q};
            VNIC_PF_G_MAX_FRAME:  rd_val = {18'd0, max_frame_q};
            VNIC_PF_G_INT_STATUS: rd_val = {30'd0, pf_int_status_q};
            VNIC_PF_G_INT_MASK:   rd_val = {30'd0, pf_int_mask_q};
            VNIC_PF_G_FAULT_VEC:  rd_val = halted64[31:0];
            VNIC_PF_G_VSEL:       rd_val = {27'd0, vsel_q};
            VNIC_PF_G_CMD_STATUS: rd_val = {8'd0, cmd_st_err_q, 4'd0, cmd_st_op_q, 7'd0, cmd_busy_q};
            VNIC_PF_STAGE_FLAGS:      rd_val = {25'd0, st_q[F_FLAGS +: 7]};
            VNIC_PF_STAGE_MAC_LO:     rd_val = st_q[F_MAC +: 32];
            VNIC_PF_STAGE_MAC_HI:     rd_val = {16'd0, st_q[F_MAC+32 +: 16]};
            VNIC_PF_STAGE_RX_BASE:    rd_val = st_q[F_RXB +: 32];
            VNIC_PF_STAGE_RX_SIZE:    rd_val = st_q[F_RXS +: 32];
            VNIC_PF_STAGE_TX_BASE:    rd_val = st_q[F_TXB +: 32];
            VNIC_PF_STAGE_TX_SIZE:    rd_val = st_q[F_TXS +: 32];
            VNIC_PF_STAGE_POL_RATE:   rd_val = st_q[F_POLR +: 32];
            VNIC_PF_STAGE_POL_BURST:  rd_val = {8'd0, st_q[F_POLB +: 24]};
            VNIC_PF_STAGE_SCH_GUAR:   rd_val = st_q[F_GUAR +: 32];
            VNIC_PF_STAGE_SCH_CEIL:   rd_val = st_q[F_CEIL +: 32];
            VNIC_PF_STAGE_SCH_BURST:  rd_val = {8'd0, st_q[F_SBUR +: 24]};
            VNIC_PF_STAGE_SCH_WEIGHT: rd_val = {24'd0, st_q[F_SWGT +: 8]};
            VNIC_PF_STAGE_TX_WEIGHT:  rd_val = {24'd0, st_q[F_TWGT +: 8]};
            VNIC_PF_STAGE_TX_RATE:    rd_val = st_q[F_TXR +: 32];
            VNIC_PF_STAGE_TX_BURST:   rd_val = {8'd0, st_q[F_TXBU +: 24]};
            VNIC_PF_VSTAT_STATUS:
                rd_val = {16'd0, sv_reason, 6'd0, sv_halted, act_sv[F_FLAGS]};
            VNIC_PF_VSTAT_FAULT_ADDR_LO: rd_val = sv_faddr[31:0];
            VNIC_PF_VSTAT_FAULT_ADDR_HI: rd_val = sv_faddr[63:32];
            VNIC_PF_VSTAT_RX_USED:       rd_val = sv_rx_used;
            VNIC_PF_VSTAT_TX_USED:       rd_val = sv_tx_used;
            default: begin
            end
        endcase
        for (rv = 0; rv < NUM_WIN; rv = rv + 1) begin
            if (roff == VNIC_PF_STAGE_WIN_BASE + rv[11:0] * VNIC_PF_STAGE_WIN_STRIDE + VNIC_PF_STAGE_WIN_GBASE_LO_REL)
                rd_val = st_q[F_WIN + rv*160 +: 32];
            if (roff == VNIC_PF_STAGE_WIN_BASE + rv[11:0] * VNIC_PF_STAGE_WIN_STRIDE + VNIC_PF_STAGE_WIN_GBASE_HI_REL)
                rd_val = st_q[F_WIN + rv*160 + 32 +: 32];
            if (roff == VNIC_PF_STAGE_WIN_BASE + rv[11:0] * VNIC_PF_STAGE_WIN_STRIDE + VNIC_PF_STAGE_WIN_HBASE_LO_REL)
                rd_val = st_q[F_WIN + rv*160 + 64 +: 32];
            if (roff == VNIC_PF_STAGE_WIN_BASE + rv[11:0] * VNIC_PF_STAGE_WIN_STRIDE + VNIC_PF_STAGE_WIN_HBASE_HI_REL)
                rd_val = st_q[F_WIN + rv*160 + 96 +: 32];
            if (roff == VNIC_PF_STAGE_WIN_BASE + rv[11:0] * VNIC_PF_STAGE_WIN_STRIDE + VNIC_PF_STAGE_WIN_SIZE_REL)
                rd_val = st_q[F_WIN + rv*160 + 128 +: 32];
        end
        if (roff >= VNIC_PF_GSTAT_CNT_BASE && roff < VNIC_PF_GSTAT_CNT_BASE + 12'd8 * NCG12) begin
            ridx = (roff - VNIC_PF_GSTAT_CNT_BASE) >> 3;
            for (rs = 0; rs < NCG; rs = rs + 1)
                rcnt = rcnt | (gcnt[rs*64 +: 64] & {64{ridx == rs[11:0]}});
            if (roff[2]) begin
                rd_val = snap_q[31:0];
            end else begin
                rd_val = rcnt[31:0];
                rd_snap = 1'b1;
                rd_snap_val = rcnt[63:32];
                rd_snap_page = 6'd0;
            end
        end
    end else begin
        for (rv = 0; rv < NV; rv = rv + 1) begin
            if (rpage == rv[PGW-1:0] + 1'b1) begin
                case (roff)
                    VNIC_VF_ID:         rd_val = VNIC_VF_ID_RESET | {27'd0, rv[4:0]};
                    VNIC_VF_STATUS:     rd_val = {16'd0, reason_q[rv*8 +: 8], 6'd0, halted_q[rv], act_q[rv*CFG_BITS + F_FLAGS]};
                    VNIC_VF_MAC_LO:     rd_val = act_q[rv*CFG_BITS + F_MAC +: 32];
                    VNIC_VF_MAC_HI:     rd_val = {16'd0, act_q[rv*CFG_BITS + F_MAC + 32 +: 16]};
                    VNIC_VF_INT_STATUS: rd_val = {30'd0, vf_int_status_q[2*rv +: 2]};
                    VNIC_VF_INT_MASK:   rd_val = {30'd0, vf_int_mask_q[2*rv +: 2]};
                    VNIC_VF_RXR_BASE_LO:   rd_val = rxr_base_q[rv*64 +: 32];
                    VNIC_VF_RXR_BASE_HI:   rd_val = rxr_base_q[rv*64 + 32 +: 32];
                    VNIC_VF_RXR_SIZE:      rd_val = {28'd0, rxr_size_q[rv*4 +: 4]};
                    VNIC_VF_RXR_HEAD:      rd_val = {16'd0, rxr_head[rv*16 +: 16]};
                    VNIC_VF_RXR_TAIL:      rd_val = {16'd0, rxr_tail_q[rv*16 +: 16]};
                    VNIC_VF_RXR_ITR_COUNT: rd_val = {16'd0, rxr_icnt_q[rv*16 +: 16]};
                    VNIC_VF_RXR_ITR_TIMER: rd_val = {8'd0, rxr_itmr_q[rv*24 +: 24]};
                    VNIC_VF_TXR_BASE_LO:   rd_val = txr_base_q[rv*64 +: 32];
                    VNIC_VF_TXR_BASE_HI:   rd_val = txr_base_q[rv*64 + 32 +: 32];
                    VNIC_VF_TXR_SIZE:      rd_val = {28'd0, txr_size_q[rv*4 +: 4]};
                    VNIC_VF_TXR_HEAD:      rd_val = {16'd0, txr_head[rv*16 +: 16]};
                    VNIC_VF_TXR_TAIL:      rd_val = {16'd0, txr_tail_q[rv*16 +: 16]};
                    VNIC_VF_TXR_ITR_COUNT: rd_val = {16'd0, txr_icnt_q[rv*16 +: 16]};
                    VNIC_VF_TXR_ITR_TIMER: rd_val = {8'd0, txr_itmr_q[rv*24 +: 24]};
                    default: begin
                    end
                endcase
                if (roff >= VNIC_VF_STAT_CNT_BASE && roff < VNIC_VF_STAT_CNT_BASE + 12'd8 * NCV12) begin
                    ridx = (roff - VNIC_VF_STAT_CNT_BASE) >> 3;
                    for (rs = 0; rs < NCV; rs = rs + 1)
                        rcnt = rcnt | (vcnt[(rv*NCV + rs)*64 +: 64] & {64{ridx == rs[11:0]}});
                    if (roff[2]) begin
                        rd_val = snap_q[(rv+1)*32 +: 32];
                    end else begin
                        rd_val = rcnt[31:0];
                        rd_snap = 1'b1;
                        rd_snap_val = rcnt[63:32];
                        rd_snap_page = rv[5:0] + 6'd1;
                    end
                end
            end
        end
    end
end

always @* begin
    rpend_d = rpend_q;
    rvalid_d = rvalid_q;
    raddr_d = raddr_q;
    rdata_d = rdata_q;
    snap_d = snap_q;
    if (s_axil_arvalid && s_axil_arready) begin
        rpend_d = 1'b1;
        raddr_d = s_axil_araddr;
    end
    if (rpend_q) begin
        rpend_d = 1'b0;
        rvalid_d = 1'b1;
        rdata_d = rd_val;
        if (rd_snap) snap_d[rd_snap_page*32 +: 32] = rd_snap_val;
    end
    if (rvalid_q && s_axil_rready) rvalid_d = 1'b0;
end

// ---------------------------------------------------------------- registers
always @(posedge clk) begin
    if (rst) begin
        bvalid_q <= 1'b0;
        rpend_q <= 1'b0;
        rvalid_q <= 1'b0;
        raddr_q <= {REG_AW{1'b0}};
        rdata_q <= 32'd0;
        rx_en_q <= 1'b0;
        tx_en_q <= 1'b0;
        def_en_q <= 1'b0;
        def_vnic_q <= 5'd0;
        max_frame_q <= VNIC_PF_G_MAX_FRAME_BYTES_RESET;
        pf_int_status_q <= 2'b00;
        pf_int_mask_q <= 2'b00;
        vsel_q <= 5'd0;
        cmd_busy_q <= 1'b0;
        cmd_st_op_q <= 4'd0;
        cmd_st_err_q <= 8'd0;
        st_q <= CFG_RESET;
        act_q <= {NV{CFG_RESET}};
        seq_q <= S_IDLE;
        op_q <= 4'd0;
        cv_q <= 5'd0;
        cerr_q <= 8'd0;
        j_q <= 5'd0;
        e_range_q <= 1'b0; e_rate_q <= 1'b0; e_win_q <= 1'b0;
        e_mac_q <= 1'b0; e_rxo_q <= 1'b0; e_txo_q <= 1'b0;
        guar_sum_q <= 38'd0;
        wg_end_q <= {NUM_WIN*65{1'b0}};
        halted_q <= {NV{1'b0}};
        reason_q <= {NV*8{1'b0}};
        faddr_q <= {NV*64{1'b0}};
        vf_int_status_q <= {2*NV{1'b0}};
        vf_int_mask_q <= {2*NV{1'b0}};
        rxr_base_q <= {NV*64{1'b0}}; txr_base_q <= {NV*64{1'b0}};
        rxr_size_q <= {NV*4{1'b0}};  txr_size_q <= {NV*4{1'b0}};
        rxr_tail_q <= {NV*16{1'b0}}; txr_tail_q <= {NV*16{1'b0}};
        rxr_icnt_q <= {NV*16{1'b0}}; txr_icnt_q <= {NV*16{1'b0}};
        rxr_itmr_q <= {NV*24{1'b0}}; txr_itmr_q <= {NV*24{1'b0}};
        snap_q <= {(NV+1)*32{1'b0}};
    end else begin
        bvalid_q <= bvalid_d;
        rpend_q <= rpend_d;
        rvalid_q <= rvalid_d;
        raddr_q <= raddr_d;
        rdata_q <= rdata_d;
        rx_en_q <= rx_en_d;
        tx_en_q <= tx_en_d;
        def_en_q <= def_en_d;
        def_vnic_q <= def_vnic_d;
        max_frame_q <= max_frame_d;
        pf_int_status_q <= pf_int_status_d;
        pf_int_mask_q <= pf_int_mask_d;
        vsel_q <= vsel_d;
        cmd_busy_q <= cmd_busy_d;
        cmd_st_op_q <= cmd_st_op_d;
        cmd_st_err_q <= cmd_st_err_d;
        st_q <= st_d;
        act_q <= act_d;
        seq_q <= seq_d;
        op_q <= op_d;
        cv_q <= cv_d;
        cerr_q <= cerr_d;
        j_q <= j_d;
        e_range_q <= e_range_d; e_rate_q <= e_rate_d; e_win_q <= e_win_d;
        e_mac_q <= e_mac_d; e_rxo_q <= e_rxo_d; e_txo_q <= e_txo_d;
        guar_sum_q <= guar_sum_d;
        wg_end_q <= wg_end_d;
        halted_q <= halted_d;
        reason_q <= reason_d;
        faddr_q <= faddr_d;
        vf_int_status_q <= vf_int_status_d;
        vf_int_mask_q <= vf_int_mask_d;
        rxr_base_q <= rxr_base_d; txr_base_q <= txr_base_d;
        rxr_size_q <= rxr_size_d; txr_size_q <= txr_size_d;
        rxr_tail_q <= rxr_tail_d; txr_tail_q <= txr_tail_d;
        rxr_icnt_q <= rxr_icnt_d; txr_icnt_q <= txr_icnt_d;
        rxr_itmr_q <= rxr_itmr_d; txr_itmr_q <= txr_itmr_d;
        snap_q <= snap_d;
    end
end

// prot bits carry no meaning here
wire unused_ok = &{1'b0, s_axil_awprot, s_axil_arprot, s_axil_awaddr[1:0], s_axil_araddr[1:0], m[31:24], tail_m[31:17], 1'b0};

endmodule

`resetall
