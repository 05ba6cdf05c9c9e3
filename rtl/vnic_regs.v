// vnic_regs: AXI4-Lite register block of vNIC (PF page, VF pages, staging window, commands, counters).
`resetall
`timescale 1ns / 1ps
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
 * No register write is accepted in the NUM_VNIC cycles after reset (the
 * distributed-RAM copies of the configuration and windows are written with
 * the reset values then).
 * A command "takes effect" in the cycle trc_cmd_valid is high; its state
 * changes are visible from the next cycle. BAD_OP is checked before BAD_VNIC.
 * A CMD write while a command runs is dropped: err = BUSY at once, no CMD
 * trace event, no cmd_done (the running command's completion later
 * overwrites err). Every other completion (errors included) sets
 * G.INT_STATUS.cmd_done.
 *
 * Rings: the first doorbell that posts (an accepted TAIL write of a value
 * other than 0) locks the ring's BASE and SIZE until RESET; writes to them
 * are then ignored. TX_CPL trace: TXR.HEAD changed since the previous cycle.
 *
 * Counters: 64-bit, incremented by the amounts on vstat_add/gstat_add every
 * cycle (STAT.DMA_FAULTS here, by each fault taken). Counts add at most 3 a
 * cycle, byte counts (RX_BYTES, TX_BYTES, DROP_HALTED, GSTAT.RX_COPIES and
 * TX_BYTES) less than 2^17, GSTAT.RX_BYTES any 32-bit amount (two
 * vnic_cnt_bank banks by those bounds, and a 64-bit counter). Reading a _LO
 * word returns bits [31:0] and snapshots bits [63:32] into the page's
 * snapshot register, which a _HI read returns.
 *
 * Faults: a bad doorbell (TAIL write with ring SIZE > 12 or a ring base not
 * 16-byte aligned: FAULT_ADDR = ring base; else the 32-bit value written
 * (merged with TAIL by the strobes) >= 2^SIZE, or a TAIL that moves back
 * over descriptors the device owns ((new - HEAD) mod 2^SIZE < (TAIL - HEAD)
 * mod 2^SIZE, HEAD as it reads in the write's cycle): FAULT_ADDR = that
 * value; TAIL keeps its old value) and the DMA engines' fault
 * requests (valid/ready); one fault is taken per cycle (doorbell first, then
 * RX, then TX). Every fault is reported on the trace; only the first after a
 * RESET halts the vNIC, sets reason, FAULT_ADDR, FAULT_VEC, DMA_FAULTS and
 * G.INT_STATUS.fault.
 *
 * Copies in distributed RAM (no behaviour of their own): the read and the
 * doorbell check take a vNIC's ring registers, INT_MASK, MAC and enable from
 * per-vNIC copies written in the cycles the flip-flops are (and with the
 * reset values in the NUM_VNIC cycles after reset), the fault reason and
 * FAULT_ADDR from a copy written when a fault halts the vNIC (read as 0
 * while it is not halted), the counter HI snapshots from a copy with a flag
 * per page; instead of NUM_VNIC-way multiplexers of flip-flops. The COMMIT
 * checks run on the bits that decide them (simulation compares each with
 * its full-width form).
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
    // the same windows as writes, for the DMA engines' copies (vnic_win_ram):
    // in the cycle vNIC win_wv's active copy takes new windows, win_we with
    // them (window w at [w*64 +: 64] / [w*32 +: 32]); and in the NUM_VNIC
    // cycles after reset, every vNIC's reset windows (all off)
    output wire                          win_we,
    output wire [4:0]                    win_wv,
    output wire [NUM_WIN*64-1:0]         win_wgbase,
    output wire [NUM_WIN*64-1:0]         win_whbase,
    output wire [NUM_WIN*32-1:0]         win_wsize,

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
    output wire                          fault_take,     // a fault is taken this cycle (any source; early: no vNIC decode)
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
    output wire [63:0]                   trc_fault_addr,
    output wire                          trc_tx_cpl_valid, // TXR.HEAD of trc_tx_cpl_vnic advanced (visible this cycle)
    output wire [4:0]                    trc_tx_cpl_vnic
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
// bits of an RX / TX partition's base, size and end (base + size) in a
// configuration that passes RANGE: they are multiples of 64 and the end is at
// most the buffer size, so bits [RPW-1:6] / [TPW-1:6] hold them
localparam integer RPW = ($clog2(RX_BUF_BYTES + 1) > 7) ? $clog2(RX_BUF_BYTES + 1) : 7;
localparam integer TPW = ($clog2(TX_BUF_BYTES + 1) > 7) ? $clog2(TX_BUF_BYTES + 1) : 7;
localparam [RPW-6:0] RXBB_64 = RXBB33[RPW:6];               // the buffer sizes in units of 64 bytes
localparam [TPW-6:0] TXBB_64 = TXBB33[TPW:6];
localparam integer WEW = 53;                                 // window end (GBASE + SIZE) bits [64:12]

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
localparam [11:0]  NWIN12 = NWIN32[11:0];
localparam integer VIW = (NV > 1) ? $clog2(NV) : 1;              // vNIC index bits
localparam integer WSTR_L2 = $clog2(VNIC_PF_STAGE_WIN_STRIDE);  // log2 of the stage window stride

// command opcodes and errors
localparam [3:0] OP_LOAD = 4'd1, OP_COMMIT = 4'd2, OP_RESET = 4'd3, OP_CLEAR = 4'd4;
localparam [7:0] E_OK = 8'd0, E_BAD_VNIC = 8'd1, E_RX_OVL = 8'd2, E_TX_OVL = 8'd3,
                 E_RANGE = 8'd4, E_RATE = 8'd5, E_WIN_OVL = 8'd6, E_NOT_Q = 8'd7,
                 E_BAD_OP = 8'd8, E_BUSY = 8'd9, E_MAC_DUP = 8'd10;
localparam [7:0] R_BAD_TAIL = 8'd7;
localparam [3:0] RING_LOG2_MAX = 4'd12;       // largest ring: 2^12 descriptors

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
    if (RPW > 30 || TPW > 30) begin : gen_err_buf
        vnic_error_buffers_must_be_below_1_GiB u_error ();
    end
    if (CW < 16 || CW > 63) begin : gen_err_cw
        vnic_error_CW_must_be_16_to_63 u_error ();
    end
    if ((32'd1 << WSTR_L2) != {20'd0, VNIC_PF_STAGE_WIN_STRIDE}) begin : gen_err_win_stride
        vnic_error_STAGE_WIN_STRIDE_must_be_a_power_of_two u_error ();
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

function [15:0] merge16;
    input [15:0] old;
    input [15:0] val;
    input [1:0]  strb;
    begin
        merge16 = {strb[1] ? val[15:8] : old[15:8], strb[0] ? val[7:0] : old[7:0]};
    end
endfunction

function [23:0] merge24;
    input [23:0] old;
    input [23:0] val;
    input [2:0]  strb;
    begin
        merge24 = {strb[2] ? val[23:16] : old[23:16], merge16(old[15:0], val[15:0], strb[1:0])};
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

// ---------------------------------------------------------------- selections and checks (functions:
// simulators evaluate them only where they are called, under enables)

// RANGE checks of the staged configuration (stage only). Each sum and
// comparison runs on the bits that decide it where the RANGE result is the
// same: a partition base or size with a bit at or above bit RPW / TPW is
// above the buffer size; with a bit below 6 set, or a window field with a
// bit below 12 set, RANGE fails whatever the sums give.
function chk_range;
    input [13:0]         mf;
    reg [13:0] mf64;
    integer w;
    begin
        mf64 = (mf + 14'd63) & ~14'd63;
        chk_range = (st_q[F_RXB +: 6] != 6'd0) || (st_q[F_RXS +: 6] != 6'd0)
                 || (st_q[F_TXB +: 6] != 6'd0) || (st_q[F_TXS +: 6] != 6'd0)
                 || (st_q[F_RXB+RPW +: 32-RPW] != {(32-RPW){1'b0}}) || (st_q[F_RXS+RPW +: 32-RPW] != {(32-RPW){1'b0}})
                 || (st_q[F_TXB+TPW +: 32-TPW] != {(32-TPW){1'b0}}) || (st_q[F_TXS+TPW +: 32-TPW] != {(32-TPW){1'b0}})
                 || (st_rxe > RXBB_64) || (st_txe > TXBB_64)
                 || (st_q[F_FLAGS] && (lt_mf(st_q[F_RXS+6 +: 26], mf64) || lt_mf(st_q[F_TXS+6 +: 26], mf64)))
                 || (st_q[F_SWGT +: 8] == 8'd0) || (st_q[F_TWGT +: 8] == 8'd0);
        for (w = 0; w < NUM_WIN; w = w + 1)
            if (st_q[F_WIN + w*160 +: 12] != 12'd0 || st_q[F_WIN + w*160 + 64 +: 12] != 12'd0
                || st_q[F_WIN + w*160 + 128 +: 12] != 12'd0
                || (win_ge[w*WEW + WEW-1] && win_ge[w*WEW +: WEW-1] != {(WEW-1){1'b0}})
                || win_hov[w])
                chk_range = 1'b1;
    end
endfunction

// size < m for m a multiple of 64 below 2^14: size / 64 < m / 64
function lt_mf;
    input [25:0] size;                    // size / 64
    input [13:0] m;
    begin
        lt_mf = size[25:8] == 18'd0 && size[7:0] < m[13:6];
    end
endfunction

// RATE checks that need only the stage
function chk_rate_local;
    input dummy;
    begin
        chk_rate_local = dummy
                      || (st_q[F_FLAGS + 4] && st_q[F_POLB +: 24] < 24'd64)
                      || (st_q[F_FLAGS + 5] && st_q[F_GUAR +: 32] > st_q[F_CEIL +: 32])
                      || ((st_q[F_FLAGS + 5] || st_q[F_GUAR +: 32] != 32'd0) && st_q[F_SBUR +: 24] < 24'd64)
                      || (st_q[F_FLAGS + 6] && st_q[F_TXBU +: 24] < 24'd64);
    end
endfunction

// two windows with SIZE != 0 overlap in guest address. Only read where RANGE
// passed (WIN_OVERLAP comes after RANGE): GBASE, SIZE and so the ends are
// multiples of 4 KiB then, and bits [64:12] decide.
function chk_win;
    input dummy;
    reg [WEW-1:0] ga, gb, ea, eb;
    integer a, b;
    begin
        chk_win = dummy;
        for (a = 0; a < NUM_WIN; a = a + 1)
            for (b = a + 1; b < NUM_WIN; b = b + 1) begin
                ga = {1'b0, st_q[F_WIN + a*160 + 12 +: 52]};
                gb = {1'b0, st_q[F_WIN + b*160 + 12 +: 52]};
                ea = wend_q[a*WEW +: WEW];   // (GBASE + SIZE) >> 12, from S_CHK1
                eb = wend_q[b*WEW +: WEW];
                if (st_q[F_WIN + a*160 + 140 +: 20] != 20'd0 && st_q[F_WIN + b*160 + 140 +: 20] != 20'd0
                    && ga < eb && gb < ea)
                    chk_win = 1'b1;
            end
    end
endfunction

`ifndef SYNTHESIS
// the same checks at full width (simulation: compared where they decide)
function chk_win_full;
    input dummy;
    reg [64:0] ga, gb, ea, eb;
    integer a, b;
    begin
        chk_win_full = dummy;
        for (a = 0; a < NUM_WIN; a = a + 1)
            for (b = a + 1; b < NUM_WIN; b = b + 1) begin
                ga = {1'b0, st_q[F_WIN + a*160 +: 64]};
                gb = {1'b0, st_q[F_WIN + b*160 +: 64]};
                ea = ga + {33'd0, st_q[F_WIN + a*160 + 128 +: 32]};
                eb = gb + {33'd0, st_q[F_WIN + b*160 + 128 +: 32]};
                if (st_q[F_WIN + a*160 + 128 +: 32] != 32'd0 && st_q[F_WIN + b*160 + 128 +: 32] != 32'd0
                    && overlap65(ga, ea, gb, eb))
                    chk_win_full = 1'b1;
            end
    end
endfunction
`endif

// vNIC k's fields for S_CHKJ, taken into jx_q the cycle before its check
// cycle (read by index from the configuration copy): another enabled vNIC?,
// SCH_GUAR, TX and RX partition ends (base + size), TX_BASE, RX_BASE, MAC.
// An active configuration passed RANGE when it was committed (or is the
// reset one), so the partition fields are their bits [RPW-1:6] / [TPW-1:6].
localparam integer JX_MAC = 0, JX_RXB = 48, JX_TXB = JX_RXB + RPW - 6, JX_RXE = JX_TXB + TPW - 6,
                   JX_TXE = JX_RXE + RPW - 6, JX_GUAR = JX_TXE + TPW - 6, JX_EN = JX_GUAR + 32,
                   JX_BITS = JX_EN + 1;
function [JX_BITS-1:0] chkj_fields;
    input [4:0]          k;
    input [CFG_BITS-1:0] c;              // its active configuration
    begin
        chkj_fields = {k != cv_q && c[F_FLAGS], c[F_GUAR +: 32],
                       c[F_TXB+6 +: TPW-6] + c[F_TXS+6 +: TPW-6],
                       c[F_RXB+6 +: RPW-6] + c[F_RXS+6 +: RPW-6],
                       c[F_TXB+6 +: TPW-6], c[F_RXB+6 +: RPW-6], c[F_MAC +: 48]};
    end
endfunction

// the vNIC in jx_q against the staged configuration (S_CHKJ): {guarantee sum
// above W * 2^24, MAC_DUP, RX_OVERLAP, TX_OVERLAP}; the last three when it is
// another enabled vNIC and the stage is enabled
function [3:0] chkj_flags;
    input dummy;
    reg both;
    begin
        both = jx_q[JX_EN] && st_q[F_FLAGS];
        chkj_flags = {dummy || (jx_q[JX_EN] && {6'd0, jx_q[JX_GUAR +: 32]} > guar_room_q),
                      both && jx_q[JX_MAC +: 48] == st_q[F_MAC +: 48],
                      both && st_q[F_RXB+6 +: RPW-6] < jx_q[JX_RXE +: RPW-6] && jx_q[JX_RXB +: RPW-6] < st_rxe_q,
                      both && st_q[F_TXB+6 +: TPW-6] < jx_q[JX_TXE +: TPW-6] && jx_q[JX_TXB +: TPW-6] < st_txe_q};
    end
endfunction

// ---------------------------------------------------------------- state
reg                  bvalid_q;
integer              kk;
reg                  rpend_q;
reg                  rvalid_q;
reg [REG_AW-1:0]     raddr_q;
reg [31:0]           rdata_q;

reg                  rx_en_q, tx_en_q, def_en_q;
reg [4:0]            def_vnic_q;
reg [13:0]           max_frame_q;
reg [1:0]            pf_int_status_q;                    // [0] fault, [1] cmd_done
reg [1:0]            pf_int_mask_q;
reg [4:0]            vsel_q;
reg                  cmd_busy_q;
reg [3:0]            cmd_st_op_q;                        // CMD_STATUS.op
reg [7:0]            cmd_st_err_q;                       // CMD_STATUS.err

reg [CFG_BITS-1:0]   st_q;                               // staging copy
reg [NV*CFG_BITS-1:0] act_q;                             // active copies

reg [2:0]            seq_q, seq_d;                       // command sequencer
reg [3:0]            op_q, op_d;
reg [4:0]            cv_q, cv_d;                         // command vNIC
reg [7:0]            cerr_q, cerr_d;                     // error found so far (S_DONE)
reg [4:0]            j_q, j_d;
reg                  e_range_q, e_rate_q, e_win_q, e_mac_q, e_rxo_q, e_txo_q;
reg                  e_guar_q;                           // guarantee sum > W * 2^24 so far
reg                  e_any_q;                            // any check failed so far (S_CHKJ on)
reg [37:0]           guar_room_q;                        // W * 2^24 minus the guarantee sum so far (while !e_guar_q)
reg [RPW-7:0]        st_rxe_q;                           // stage RX and TX partition ends (base + size) / 64
reg [TPW-7:0]        st_txe_q;
reg [NUM_WIN*WEW-1:0] wend_q;                            // stage window ends (GBASE + SIZE) >> 12, window w at [w*WEW +: WEW]
reg [JX_BITS-1:0]    jx_q;                               // chkj_fields of this S_CHKJ cycle's vNIC
reg [3:0]            jf;                                 // chkj_flags of this cycle
reg [CFG_BITS-1:0]   acv_q;                              // active configuration of cv, taken at the command

reg [NV-1:0]         halted_q;
// {reason, FAULT_ADDR} of the fault that halted a vNIC, written when it is
// taken; read as 0 while the vNIC is not halted (RESET clears the flag only)
reg [71:0]           fltv_mem [0:(1 << VIW)-1];           // read by VSEL (VSTAT)
reg [7:0]            fltr_mem [0:(1 << VIW)-1];           // read by the VF page's vNIC (STATUS)

reg [2*NV-1:0]       vf_int_status_q;
reg [2*NV-1:0]       vf_int_mask_q;
reg [NV*64-1:0]      rxr_base_q, txr_base_q;
reg [NV*4-1:0]       rxr_size_q, txr_size_q;
reg [NV*16-1:0]      rxr_tail_q, txr_tail_q;
reg [NV*16-1:0]      rxr_icnt_q, txr_icnt_q;
reg [NV*24-1:0]      rxr_itmr_q, txr_itmr_q;
reg [NV-1:0]         rxr_lock_q, txr_lock_q;             // ring posted to: BASE/SIZE locked until RESET
reg [NV*16-1:0]      txh_q;                              // TXR.HEAD of the previous cycle (TX_CPL trace)
reg                  rstd_q;                             // a RESET took effect in the previous cycle
reg [4:0]            rstd_v_q;


wire [63:0]          halted64 = {{(64-NV){1'b0}}, halted_q};

// the stage's sums for RANGE and the checks after it: partition ends / 64,
// window ends (GBASE + SIZE) >> 12, and whether HBASE + SIZE passes 2^64
wire [RPW-6:0]        st_rxe = {1'b0, st_q[F_RXB+6 +: RPW-6]} + {1'b0, st_q[F_RXS+6 +: RPW-6]};
wire [TPW-6:0]        st_txe = {1'b0, st_q[F_TXB+6 +: TPW-6]} + {1'b0, st_q[F_TXS+6 +: TPW-6]};
wire [NUM_WIN*WEW-1:0] win_ge;
wire [NUM_WIN-1:0]     win_hov;
genvar gw0;
generate
    for (gw0 = 0; gw0 < NUM_WIN; gw0 = gw0 + 1) begin : gen_win_end
        assign win_ge[gw0*WEW +: WEW] = {1'b0, st_q[F_WIN + gw0*160 + 12 +: 52]} + {33'd0, st_q[F_WIN + gw0*160 + 140 +: 20]};
        // HBASE + SIZE > 2^64 (with bits [11:0] 0): a carry out of bit 31 needs
        // HBASE[63:32] all ones, then (HBASE[31:12] + SIZE[31:12]) > 2^20
        wire [20:0] hs = {1'b0, st_q[F_WIN + gw0*160 + 76 +: 20]} + {1'b0, st_q[F_WIN + gw0*160 + 140 +: 20]};
        assign win_hov[gw0] = (&st_q[F_WIN + gw0*160 + 96 +: 32]) && hs[20] && hs[19:0] != 20'd0;
    end
endgenerate

// ---------------------------------------------------------------- write channel
wire [PGW-1:0] wpage = s_axil_awaddr[REG_AW-1:12];
wire [11:0]    woff  = {s_axil_awaddr[11:2], 2'b00};
wire           wpf   = (wpage == {PGW{1'b0}});
wire [31:0]    wpage32 = {{(32-PGW){1'b0}}, wpage};
wire           wpf_stage = wpf && ((woff >= 12'h100 && woff < 12'h200) || woff == VNIC_PF_G_VSEL);

reg            cmd_fire;          // the running command takes effect this cycle
reg  [7:0]     fire_err;

reg            init_q;            // the copies' initialisation after reset (no write accepted)
reg  [4:0]     init_v_q;          // ... writes vNIC init_v_q's entries this cycle

wire wr_go = s_axil_awvalid && s_axil_wvalid && !bvalid_q && !cmd_fire && !init_q
             && !(cmd_busy_q && wpf_stage);
// A stage write needs cmd_busy_q = 0, i.e. no command running (seq_q is
// S_IDLE exactly when cmd_busy_q is 0), and cmd_fire is 0 outside a command:
// for the stage's offsets wr_go is this term without cmd_fire, whose inputs
// (dec_now, flr_ready) come late from the datapath. The 1 000-odd stage
// flip-flops' enable so does not wait for them.
wire st_wr = s_axil_awvalid && s_axil_wvalid && !bvalid_q && !init_q && !cmd_busy_q && wpf;
`ifndef SYNTHESIS
always @(posedge clk) begin
    if (!rst && (cmd_busy_q != (seq_q != S_IDLE) || (st_wr && wpf_stage && !wr_go))) begin
        $display("vnic_regs: stage write enable differs from wr_go (cmd_busy_q %0d, seq_q %0d)", cmd_busy_q, seq_q);
        $stop;
    end
end
`endif
wire [31:0] wm = merge32(32'd0, s_axil_wdata, s_axil_wstrb);   // written bits (strobed)

assign s_axil_awready = wr_go;
assign s_axil_wready  = wr_go;
assign s_axil_bvalid  = bvalid_q;
assign s_axil_bresp   = 2'b00;

// ---------------------------------------------------------------- read channel
assign s_axil_arready = !rpend_q && !rvalid_q;
assign s_axil_rvalid  = rvalid_q;
assign s_axil_rdata   = rdata_q;
assign s_axil_rresp   = 2'b00;

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

// ---------------------------------------------------------------- command sequencer
// NOT_QUIESCED is checked in the apply cycle: whether the command vNIC's
// partitions change (registered in S_CHK1: stage and acv_q hold still while
// a command runs), and whether it has RX or TX bytes in use (each vNIC's
// "in use" bit first, then one bit selected by index)
reg         part_change_q;
reg [NV-1:0] used_nz;
integer s_0;
always @*
    for (s_0 = 0; s_0 < NV; s_0 = s_0 + 1)
        used_nz[s_0] = rx_used[s_0*32 +: 32] != 32'd0 || tx_used[s_0*32 +: 32] != 32'd0;
wire [32:0] used_nz33 = {{(33-NV){1'b0}}, used_nz};
wire not_quiesced = part_change_q && used_nz33[{1'b0, cv_q}];

reg [7:0] pre_err;                 // the first failing check before NOT_QUIESCED
always @* begin
    if (e_range_q)                                  pre_err = E_RANGE;
    else if (e_win_q)                               pre_err = E_WIN_OVL;
    else if (e_rate_q || e_guar_q)                  pre_err = E_RATE;
    else if (e_mac_q)                               pre_err = E_MAC_DUP;
    else if (e_rxo_q)                               pre_err = E_RX_OVL;
    else if (e_txo_q)                               pre_err = E_TX_OVL;
    else                                            pre_err = E_OK;
end

reg [2:0] seq_n;
reg [7:0] cerr_n;
always @* begin
    seq_n = seq_q;
    cerr_n = cerr_q;
    j_d = j_q;
    cmd_fire = 1'b0;
    fire_err = cerr_q;
    case (seq_q)
        S_DONE: begin
            cmd_fire = 1'b1;
            seq_n = S_IDLE;
        end
        S_CHK1: begin
            j_d = 5'd0;
            seq_n = S_CHK2;
        end
        S_CHK2: seq_n = S_CHKJ;
        S_CHKJ: begin
            j_d = j_q + 5'd1;
            if ({1'b0, j_q} == NV6 - 6'd1) seq_n = S_APPLY;
        end
        S_APPLY: begin
            // a refused commit finishes at once; a good one waits for a cycle
            // without an RX decision and checks NOT_QUIESCED in it
            if (e_any_q) begin
                cerr_n = pre_err;
                seq_n = S_DONE;
            end else if (!dec_now) begin
                cmd_fire = 1'b1;
                fire_err = not_quiesced ? E_NOT_Q : E_OK;
                seq_n = S_IDLE;
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

wire cmd_wr      = wr_go && wpf && woff == VNIC_PF_G_CMD && s_axil_wstrb[0];
// cmd_wr in an idle cycle, without wr_go's cmd_fire and stage terms (both 0
// then for a CMD write): the wide acv_q copy does not wait on the verdict
wire cmd_new     = s_axil_awvalid && s_axil_wvalid && !bvalid_q && !init_q && seq_q == S_IDLE
                   && wpf && woff == VNIC_PF_G_CMD && s_axil_wstrb[0];
wire busy_reject = cmd_wr && seq_q != S_IDLE;

always @* begin
    seq_d = seq_n;
    cerr_d = cerr_n;
    op_d = op_q;
    cv_d = cv_q;
    if (cmd_new) begin
        op_d = s_axil_wdata[3:0];
        cv_d = vsel_q;
        cerr_d = E_OK;
        if (s_axil_wdata[3:0] < OP_LOAD || s_axil_wdata[3:0] > OP_CLEAR) begin
            cerr_d = E_BAD_OP;
            seq_d = S_DONE;
        end else if ({1'b0, vsel_q} >= NV6) begin
            cerr_d = E_BAD_VNIC;
            seq_d = S_DONE;
        end else if (s_axil_wdata[3:0] == OP_COMMIT) begin
            seq_d = S_CHK1;
        end else if (s_axil_wdata[3:0] == OP_RESET) begin
            seq_d = S_FLR;
        end else begin
            seq_d = S_DONE;
        end
    end
end

// A command's effect, decoded from its state (the same cycles as cmd_fire
// with fire_err = OK): LOAD and CLEAR_STATS in S_DONE from registers only,
// so the wide stage copy and the counter clears do not wait on the inputs
// dec_now and flr_ready; COMMIT in S_APPLY; RESET in S_FLR.
wire done_ok    = seq_q == S_DONE && cerr_q == E_OK;
wire do_load    = done_ok && op_q == OP_LOAD;
wire do_clear   = done_ok && op_q == OP_CLEAR;
wire do_commit  = seq_q == S_APPLY && !e_any_q && !dec_now && !not_quiesced;
wire do_reset   = seq_q == S_FLR && flr_ready && !dec_now;

// The copies in distributed RAM (the windows' in the DMA engines, the
// configuration's below) have no reset. In the NV cycles after reset the
// stage, which holds the reset configuration until the first register write
// (none is accepted meanwhile, so no command runs either), is written to
// every vNIC's entry, one a cycle; after that COMMIT is their only write, in
// the cycle the active copy takes the stage.
always @(posedge clk) begin
    if (rst) begin
        init_q   <= 1'b1;
        init_v_q <= 5'd0;
    end else if (init_q) begin
        init_v_q <= init_v_q + 5'd1;
        if ({1'b0, init_v_q} == NV6 - 6'd1)
            init_q <= 1'b0;
    end
end
wire       copy_we = do_commit || init_q;
wire [4:0] copy_wv = init_q ? init_v_q : cv_q;
assign win_we = copy_we;
assign win_wv = copy_wv;
// The active configuration of one vNIC by index, at the two places that read
// a whole one: LOAD / the COMMIT checks (acv_q, vNIC vsel_q) and the S_CHKJ
// fields (jx_q, vNIC j_d); an index >= NV is never used (BAD_VNIC).
// Above 2 vNICs from a copy in distributed RAM (vnic_copy_ram), written at
// COMMIT where act_q is, instead of an NV-way multiplexer of CFG_BITS bits
// at each place; at 1 or 2 vNICs from act_q itself (a 2-deep copy would be
// kept in flip-flops, a duplicate of act_q).
wire [CFG_BITS-1:0] cfg_vsel, cfg_jd;
// the vNIC of the VF page a read addresses (raddr_q), and its configuration
wire [PGW-1:0]    rd_pg  = raddr_q[REG_AW-1:12];
wire [31:0]       rd_pg32 = {{(32-PGW){1'b0}}, rd_pg};
wire [4:0]        rd_k   = rd_pg32[4:0] - 5'd1;
wire [VIW-1:0]    rd_vi  = rd_k[VIW-1:0];
wire [CFG_BITS-1:0] cfg_ki_raw;
function [CFG_BITS-1:0] act_rd;          // act_q of vNIC k (reset configuration for k >= NV)
    input [4:0] k;
    begin
        act_rd = ({1'b0, k} < NV6) ? act_q[k[VIW-1:0]*CFG_BITS +: CFG_BITS] : CFG_RESET;
    end
endfunction
generate
    if (NV > 2) begin : gen_cfg_copy
        vnic_copy_ram #(
            .DEPTH(NV), .AW(5), .DW(CFG_BITS), .NUM_RD(3)
        ) u_cfg_copy (
            .clk(clk), .rst(rst),
            .we(copy_we), .wa(copy_wv), .wd(st_q),
            .ra({rd_k, j_d, vsel_q}), .rd({cfg_ki_raw, cfg_jd, cfg_vsel})
        );
    end else begin : gen_cfg_regs
        assign cfg_vsel = act_rd(vsel_q);
        assign cfg_jd   = act_rd(j_d);
        assign cfg_ki_raw = act_rd(rd_k);
    end
endgenerate
generate
    for (gw = 0; gw < NUM_WIN; gw = gw + 1) begin : gen_win_wr
        assign win_wgbase[gw*64 +: 64] = st_q[F_WIN+gw*160 +: 64];
        assign win_whbase[gw*64 +: 64] = st_q[F_WIN+gw*160+64 +: 64];
        assign win_wsize[gw*32 +: 32]  = st_q[F_WIN+gw*160+128 +: 32];
    end
endgenerate

assign cmd_commit = do_commit;
assign cmd_reset  = do_reset;
assign cmd_clear  = do_clear;
assign cmd_vnic   = cv_q;
assign cmd_mac    = (op_q == OP_COMMIT) ? st_q[F_MAC +: 48] : acv_q[F_MAC +: 48];
assign cmd_pol_burst = (op_q == OP_COMMIT) ? st_q[F_POLB +: 24] : acv_q[F_POLB +: 24];
assign cmd_sch_burst = (op_q == OP_COMMIT) ? st_q[F_SBUR +: 24] : acv_q[F_SBUR +: 24];
assign cmd_tx_burst  = (op_q == OP_COMMIT) ? st_q[F_TXBU +: 24] : acv_q[F_TXBU +: 24];
assign flr_req    = (seq_q == S_FLR);

assign trc_cmd_valid = cmd_fire;
assign trc_cmd_op    = op_q;
assign trc_cmd_vnic  = cv_q;
assign trc_cmd_err   = fire_err;

// the checks, evaluated in their sequencer states only
always @* jf = (seq_q == S_CHKJ) ? chkj_flags(1'b0) : 4'd0;

always @(posedge clk) begin
    // the active configuration, by index
    if (cmd_new && {1'b0, vsel_q} < NV6)
        acv_q <= cfg_vsel;
    if (seq_q == S_CHK1) begin
        e_range_q <= chk_range(max_frame_q);
        e_rate_q <= chk_rate_local(1'b0);
        e_mac_q <= 1'b0;
        e_rxo_q <= 1'b0;
        e_txo_q <= 1'b0;
        // (read only where RANGE passed: both configurations' partition
        // fields are their bits [RPW-1:6] / [TPW-1:6] then)
        part_change_q <= (acv_q[F_RXB+6 +: RPW-6] != st_q[F_RXB+6 +: RPW-6]) || (acv_q[F_RXS+6 +: RPW-6] != st_q[F_RXS+6 +: RPW-6])
                      || (acv_q[F_TXB+6 +: TPW-6] != st_q[F_TXB+6 +: TPW-6]) || (acv_q[F_TXS+6 +: TPW-6] != st_q[F_TXS+6 +: TPW-6]);
        // the guarantee sum starts with the stage's own: kept as the room left below W * 2^24
        e_guar_q <= st_q[F_FLAGS] && {6'd0, st_q[F_GUAR +: 32]} > GUAR_LIMIT;
        guar_room_q <= GUAR_LIMIT - (st_q[F_FLAGS] ? {6'd0, st_q[F_GUAR +: 32]} : 38'd0);
        st_rxe_q <= st_rxe[RPW-7:0];
        st_txe_q <= st_txe[TPW-7:0];
        wend_q <= win_ge;
    end
    if (seq_q == S_CHK2) begin
        e_win_q <= chk_win(1'b0);
        e_any_q <= e_range_q || e_rate_q || e_guar_q;
    end
    // the next S_CHKJ cycle's vNIC (j_d: 0 after S_CHK2, then j + 1)
    if (seq_q == S_CHK2 || seq_q == S_CHKJ)
        jx_q <= chkj_fields(j_d, cfg_jd);
    if (seq_q == S_CHKJ) begin
        // the sum only grows: once above the limit it stays (room no longer used)
        guar_room_q <= guar_room_q - (jx_q[JX_EN] ? {6'd0, jx_q[JX_GUAR +: 32]} : 38'd0);
        if (jf[3]) e_guar_q <= 1'b1;
        if (jf[2]) e_mac_q <= 1'b1;
        if (jf[1]) e_rxo_q <= 1'b1;
        if (jf[0]) e_txo_q <= 1'b1;
        e_any_q <= e_any_q || e_win_q || jf != 4'd0;
    end
end

`ifndef SYNTHESIS
// The checks above against the same checks at full width: RANGE in every
// S_CHK1 cycle; WIN_OVERLAP and the S_CHKJ checks where RANGE passed (only
// there do they decide: RANGE is the first failure, and e_any_q is set).
function chk_range_full;
    input [13:0]         mf;
    reg [32:0] mf64;
    reg [63:0] gb, hb;
    reg [31:0] sz;
    reg [64:0] ge, he;
    integer w;
    begin
        mf64 = {19'd0, mf + 14'd63} & ~33'd63;
        chk_range_full = (st_q[F_RXB +: 6] != 6'd0) || (st_q[F_RXS +: 6] != 6'd0)
                 || (st_q[F_TXB +: 6] != 6'd0) || (st_q[F_TXS +: 6] != 6'd0)
                 || ({1'b0, st_q[F_RXB +: 32]} + {1'b0, st_q[F_RXS +: 32]} > RXBB33)
                 || ({1'b0, st_q[F_TXB +: 32]} + {1'b0, st_q[F_TXS +: 32]} > TXBB33)
                 || (st_q[F_FLAGS] && ({1'b0, st_q[F_RXS +: 32]} < mf64 || {1'b0, st_q[F_TXS +: 32]} < mf64))
                 || (st_q[F_SWGT +: 8] == 8'd0) || (st_q[F_TWGT +: 8] == 8'd0);
        for (w = 0; w < NUM_WIN; w = w + 1) begin
            gb = st_q[F_WIN + w*160 +: 64];
            hb = st_q[F_WIN + w*160 + 64 +: 64];
            sz = st_q[F_WIN + w*160 + 128 +: 32];
            ge = {1'b0, gb} + {33'd0, sz};
            he = {1'b0, hb} + {33'd0, sz};
            if (gb[11:0] != 12'd0 || hb[11:0] != 12'd0 || sz[11:0] != 12'd0
                || (ge[64] && ge[63:0] != 64'd0) || (he[64] && he[63:0] != 64'd0))
                chk_range_full = 1'b1;
        end
    end
endfunction
// vNIC k's S_CHKJ fields and flags at full width
function [210:0] chkj_fields_full;
    input [4:0]          k;
    input [CFG_BITS-1:0] c;
    begin
        chkj_fields_full = {k != cv_q && c[F_FLAGS], c[F_GUAR +: 32],
                            {1'b0, c[F_TXB +: 32]} + {1'b0, c[F_TXS +: 32]},
                            {1'b0, c[F_RXB +: 32]} + {1'b0, c[F_RXS +: 32]},
                            c[F_TXB +: 32], c[F_RXB +: 32], c[F_MAC +: 48]};
    end
endfunction
reg [210:0] jxf_q;
reg         part_change_full_q;
wire [32:0] st_rxe_full = {1'b0, st_q[F_RXB +: 32]} + {1'b0, st_q[F_RXS +: 32]};
wire [32:0] st_txe_full = {1'b0, st_q[F_TXB +: 32]} + {1'b0, st_q[F_TXS +: 32]};
wire        jf_both = jxf_q[210] && st_q[F_FLAGS];
wire [2:0]  jf_full = {jf_both && jxf_q[0 +: 48] == st_q[F_MAC +: 48],
                       jf_both && {1'b0, st_q[F_RXB +: 32]} < jxf_q[112 +: 33] && {1'b0, jxf_q[48 +: 32]} < st_rxe_full,
                       jf_both && {1'b0, st_q[F_TXB +: 32]} < jxf_q[145 +: 33] && {1'b0, jxf_q[80 +: 32]} < st_txe_full};
always @(posedge clk) begin
    if (seq_q == S_CHK2 || seq_q == S_CHKJ)
        jxf_q <= chkj_fields_full(j_d, cfg_jd);
    if (seq_q == S_CHK1)
        part_change_full_q <= (acv_q[F_RXB +: 32] != st_q[F_RXB +: 32]) || (acv_q[F_RXS +: 32] != st_q[F_RXS +: 32])
                           || (acv_q[F_TXB +: 32] != st_q[F_TXB +: 32]) || (acv_q[F_TXS +: 32] != st_q[F_TXS +: 32]);
    if (!rst && seq_q == S_APPLY && !e_any_q && part_change_q != part_change_full_q) begin
        $display("vnic_regs: partition change differs from its full-width form");
        $stop;
    end
    if (!rst && seq_q == S_CHK1 && chk_range(max_frame_q) != chk_range_full(max_frame_q)) begin
        $display("vnic_regs: RANGE check differs from its full-width form");
        $stop;
    end
    if (!rst && seq_q == S_CHK2 && !e_range_q && chk_win(1'b0) != chk_win_full(1'b0)) begin
        $display("vnic_regs: WIN_OVERLAP check differs from its full-width form");
        $stop;
    end
    if (!rst && seq_q == S_CHKJ && !e_range_q
        && (jf[2:0] != jf_full || jx_q[JX_EN] != jxf_q[210] || jx_q[JX_GUAR +: 32] != jxf_q[178 +: 32])) begin
        $display("vnic_regs: S_CHKJ check of vNIC %0d differs from its full-width form", j_q);
        $stop;
    end
end
`endif

// ---------------------------------------------------------------- faults
reg        flt_take;
reg [4:0]  flt_vnic;
reg [7:0]  flt_reason;
reg [63:0] flt_addr;
reg        tail_bad;               // the TAIL write offered is a bad doorbell (if it is taken)
reg        tail_bad_take;          // this write is a bad doorbell
reg [63:0] tail_bad_addr;          // its FAULT_ADDR (read only with bt_q)
// A bad doorbell's FAULT is taken in the cycle after the write: a register
// write of cycle w is applied after the events of w (architecture §10).
reg        bt_q;
reg [4:0]  bt_vnic_q;
reg [63:0] bt_addr_q;
reg        rx_flt_rdy, tx_flt_rdy;
reg [31:0] tail_m;
reg [3:0]  tail_sz;
reg [63:0] tail_base;
reg [15:0] tail_old;
reg [15:0] tail_head;
reg [16:0] tail_mask;
reg [15:0] tail_nm, tail_hm, tail_om;  // new TAIL, HEAD, old TAIL, each mod 2^SIZE
reg        tail_back;                  // the new TAIL lies in [HEAD, TAIL) (circular)

// the ring a TAIL write addresses: {vNIC, TX} by index (one multiplexer per field)
wire [4:0]     tw_v    = wpage32[4:0] - 5'd1;
wire [VIW-1:0] tw_vi   = tw_v[VIW-1:0];
wire           tw_tx   = (woff == VNIC_VF_TXR_TAIL);
wire           tail_wr = !wpf && wpage32 <= NV32 && (woff == VNIC_VF_RXR_TAIL || tw_tx);

// ---------------------------------------------------------------- VF page copies
// The VF page registers that only register writes and RESET change (ring
// BASE, SIZE, TAIL, ITR_COUNT, ITR_TIMER, INT_MASK) are also kept in
// distributed RAM, one entry per vNIC, written in the cycles their flip-flops
// are (a register write, bytes by their strobes; RESET of cmd_vnic; and the
// reset values into every entry in the NV cycles after reset, like the
// configuration copy). The register read and the doorbell check read them
// by index instead of through NV-way multiplexers of the flip-flops: vfa_mem
// holds every field (the read of the VF page's vNIC), vfb_mem the doorbell's
// (the written ring's BASE, SIZE and TAIL). A read in the initialisation of
// an entry not yet written returns the reset values (0).
localparam integer V_RB = 0, V_TB = 64, V_RT = 128, V_TT = 144, V_RS = 160, V_TS = 164,
                   V_DB = 168,                                 // the doorbell fields
                   V_RIC = 168, V_TIC = 184, V_RIT = 200, V_TIT = 224, V_IM = 248, V_BITS = 250;
localparam integer VD = 1 << VIW;                              // entries
localparam integer V_NCH = (V_BITS + 3) / 4;                   // 4-bit memories (one write enable each)
reg  [V_BITS-1:0] vf_we;                                       // this cycle's write: bit enables ...
reg  [V_BITS-1:0] vf_wd;                                       // ... data
reg  [VIW-1:0]    vf_wa;                                       // ... and entry
wire [V_NCH*4-1:0] vfa_raw;                                    // the read of the VF page's vNIC
wire [V_DB-1:0]   vfb;                                         // the doorbell's read

always @* begin
    // the ring written by a TAIL write (doorbell)
    tail_sz   = tw_tx ? vfb[V_TS +: 4]  : vfb[V_RS +: 4];
    tail_base = tw_tx ? vfb[V_TB +: 64] : vfb[V_RB +: 64];
    tail_old  = tw_tx ? vfb[V_TT +: 16] : vfb[V_RT +: 16];
    tail_head = tw_tx ? txr_head[tw_vi*16 +: 16]   : rxr_head[tw_vi*16 +: 16];
    tail_m = merge32({16'd0, tail_old}, s_axil_wdata, s_axil_wstrb);
    // The checks run on every cycle's offered write, whether or not it is a
    // TAIL write or taken; only their verdict is gated by wr_go (which waits
    // on the command sequencer) and the address decode, at the end.
    // 2^SIZE - 1 (each bit a function of SIZE alone: no subtraction)
    tail_mask = ~(17'h1ffff << tail_sz);
    // ((new - HEAD) mod 2^SIZE) < ((TAIL - HEAD) mod 2^SIZE), as three
    // comparisons side by side instead of subtractions then a comparison
    tail_nm = tail_m[15:0] & tail_mask[15:0];
    tail_hm = tail_head & tail_mask[15:0];
    tail_om = tail_old & tail_mask[15:0];
    tail_back = (tail_hm <= tail_om) ? (tail_hm <= tail_nm && tail_nm < tail_om)
                                     : (tail_hm <= tail_nm || tail_nm < tail_om);
    if (tail_sz > RING_LOG2_MAX || tail_base[3:0] != 4'd0) begin
        tail_bad = 1'b1;
        tail_bad_addr = tail_base;
    end else begin
        // beyond the ring (a bit at or above bit SIZE), or TAIL moved back
        // over descriptors the device owns ([HEAD, TAIL), HEAD as it reads
        // in this cycle)
        tail_bad = (tail_m & ~{15'd0, tail_mask}) != 32'd0 || tail_back;
        tail_bad_addr = {32'd0, tail_m};
    end
    tail_bad_take = wr_go && tail_wr && tail_bad;
    flt_take = 1'b0;
    flt_vnic = 5'd0;
    flt_reason = 8'd0;
    flt_addr = 64'd0;
    rx_flt_rdy = 1'b0;
    tx_flt_rdy = 1'b0;
    if (bt_q) begin
        flt_take = 1'b1;
        flt_reason = R_BAD_TAIL;
        flt_vnic = bt_vnic_q;
        flt_addr = bt_addr_q;
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

always @(posedge clk) begin
    bt_q <= !rst && tail_bad_take;
    bt_vnic_q <= wpage32[4:0] - 5'd1;
    bt_addr_q <= tail_bad_addr;
end

// the VF page copies' write: the same conditions as the flip-flops' below
wire vf_rlock = rxr_lock_q[tw_vi];
wire vf_tlock = txr_lock_q[tw_vi];
integer vb;
always @* begin
    vb = 0;
    vf_we = {V_BITS{1'b0}};
    vf_wa = tw_vi;
    // data: each field's bits from the write data (reset values: 0)
    vf_wd = {V_BITS{1'b0}};
    if (!(init_q || do_reset)) begin
        vf_wd[V_RB +: 64]  = {s_axil_wdata, s_axil_wdata};
        vf_wd[V_TB +: 64]  = {s_axil_wdata, s_axil_wdata};
        vf_wd[V_RT +: 16]  = s_axil_wdata[15:0];
        vf_wd[V_TT +: 16]  = s_axil_wdata[15:0];
        vf_wd[V_RS +: 4]   = s_axil_wdata[3:0];
        vf_wd[V_TS +: 4]   = s_axil_wdata[3:0];
        vf_wd[V_RIC +: 16] = s_axil_wdata[15:0];
        vf_wd[V_TIC +: 16] = s_axil_wdata[15:0];
        vf_wd[V_RIT +: 24] = s_axil_wdata[23:0];
        vf_wd[V_TIT +: 24] = s_axil_wdata[23:0];
        vf_wd[V_IM +: 2]   = s_axil_wdata[1:0];
    end
    if (init_q || do_reset) begin
        vf_we = {V_BITS{1'b1}};
        vf_wa = init_q ? init_v_q[VIW-1:0] : cv_q[VIW-1:0];
    end else if (wr_go && !wpf && wpage32 <= NV32) begin
        for (vb = 0; vb < 4; vb = vb + 1) begin
            case (woff)
                VNIC_VF_RXR_BASE_LO:   if (!vf_rlock) vf_we[V_RB + 8*vb +: 8] = {8{s_axil_wstrb[vb]}};
                VNIC_VF_RXR_BASE_HI:   if (!vf_rlock) vf_we[V_RB + 32 + 8*vb +: 8] = {8{s_axil_wstrb[vb]}};
                VNIC_VF_TXR_BASE_LO:   if (!vf_tlock) vf_we[V_TB + 8*vb +: 8] = {8{s_axil_wstrb[vb]}};
                VNIC_VF_TXR_BASE_HI:   if (!vf_tlock) vf_we[V_TB + 32 + 8*vb +: 8] = {8{s_axil_wstrb[vb]}};
                default: begin
                end
            endcase
            if (vb < 2)
                case (woff)
                    VNIC_VF_RXR_TAIL:      if (!tail_bad) vf_we[V_RT + 8*vb +: 8] = {8{s_axil_wstrb[vb]}};
                    VNIC_VF_TXR_TAIL:      if (!tail_bad) vf_we[V_TT + 8*vb +: 8] = {8{s_axil_wstrb[vb]}};
                    VNIC_VF_RXR_ITR_COUNT: vf_we[V_RIC + 8*vb +: 8] = {8{s_axil_wstrb[vb]}};
                    VNIC_VF_TXR_ITR_COUNT: vf_we[V_TIC + 8*vb +: 8] = {8{s_axil_wstrb[vb]}};
                    default: begin
                    end
                endcase
            if (vb < 3)
                case (woff)
                    VNIC_VF_RXR_ITR_TIMER: vf_we[V_RIT + 8*vb +: 8] = {8{s_axil_wstrb[vb]}};
                    VNIC_VF_TXR_ITR_TIMER: vf_we[V_TIT + 8*vb +: 8] = {8{s_axil_wstrb[vb]}};
                    default: begin
                    end
                endcase
        end
        case (woff)
            VNIC_VF_RXR_SIZE: if (s_axil_wstrb[0] && !vf_rlock) vf_we[V_RS +: 4] = 4'hf;
            VNIC_VF_TXR_SIZE: if (s_axil_wstrb[0] && !vf_tlock) vf_we[V_TS +: 4] = 4'hf;
            VNIC_VF_INT_MASK: if (s_axil_wstrb[0]) vf_we[V_IM +: 2] = 2'b11;
            default: begin
            end
        endcase
    end
end
wire [V_NCH*4-1:0] vf_wd4 = {{(V_NCH*4-V_BITS){1'b0}}, vf_wd};
genvar gch;
generate
    for (gch = 0; gch < V_NCH; gch = gch + 1) begin : gen_vf_copy
        reg [3:0] mem [0:VD-1];
        always @(posedge clk)
            if (vf_we[gch*4])
                mem[vf_wa] <= vf_wd4[gch*4 +: 4];
        assign vfa_raw[gch*4 +: 4] = mem[rd_vi];
        if (gch < V_DB / 4) begin : gen_db
            assign vfb[gch*4 +: 4] = mem[tw_vi];
        end
    end
endgenerate

// TX_CPL: TXR.HEAD of a vNIC differs from the previous cycle's, not by a
// RESET (one write-back response per cycle: at most one vNIC at a time)
reg       txc_valid;
reg [4:0] txc_vnic;
integer   v_6;
always @* begin
    txc_valid = 1'b0;
    txc_vnic = 5'd0;
    for (v_6 = 0; v_6 < NV; v_6 = v_6 + 1)
        if (txr_head[v_6*16 +: 16] != txh_q[v_6*16 +: 16] && !(rstd_q && rstd_v_q == v_6[4:0])) begin
            txc_valid = 1'b1;
            txc_vnic = v_6[4:0];
        end
end
assign trc_tx_cpl_valid = txc_valid;
assign trc_tx_cpl_vnic  = txc_vnic;

always @(posedge clk) begin
    txh_q <= rst ? {NV*16{1'b0}} : txr_head;
    rstd_q <= !rst && do_reset;
    rstd_v_q <= cv_q;
end

assign rx_fault_ready = rx_flt_rdy;
assign tx_fault_ready = tx_flt_rdy;
assign fault_take     = flt_take;

wire flt_new = flt_take && {1'b0, flt_vnic} < NV6 && !halted64[{1'b0, flt_vnic}];

assign trc_fault_valid  = flt_take && {1'b0, flt_vnic} < NV6;
assign trc_fault_vnic   = flt_vnic;
assign trc_fault_reason = flt_reason;
assign trc_fault_addr   = flt_addr;

// ---------------------------------------------------------------- PF interrupt causes
wire pf_set_fault = flt_new;
wire pf_set_cmd   = cmd_fire;
assign pf_trig = pf_set_fault || pf_set_cmd;
assign pf_send = (pf_set_fault && pf_int_mask_q[0]) || (pf_set_cmd && pf_int_mask_q[1]);

// ---------------------------------------------------------------- PF and staging registers
always @(posedge clk) begin
    if (rst) begin
        bvalid_q <= 1'b0;
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
        seq_q <= S_IDLE;
        op_q <= 4'd0;
        cv_q <= 5'd0;
        cerr_q <= 8'd0;
        j_q <= 5'd0;
    end else begin
        seq_q <= seq_d;
        op_q <= op_d;
        cv_q <= cv_d;
        cerr_q <= cerr_d;
        j_q <= j_d;
        cmd_busy_q <= (seq_d != S_IDLE);
        if (s_axil_bready) bvalid_q <= 1'b0;
        if (wr_go) bvalid_q <= 1'b1;
        if (wr_go && wpf) begin
            case (woff)
                VNIC_PF_G_CTRL: begin
                    if (s_axil_wstrb[0]) begin
                        rx_en_q <= s_axil_wdata[0];
                        tx_en_q <= s_axil_wdata[1];
                    end
                    if (s_axil_wstrb[1]) def_en_q <= s_axil_wdata[8];
                    if (s_axil_wstrb[2]) def_vnic_q <= s_axil_wdata[20:16];
                end
                VNIC_PF_G_MAX_FRAME: begin
                    if (mf_w < 14'd64)
                        max_frame_q <= 14'd64;
                    else if (mf_w > MF14)
                        max_frame_q <= MF14;
                    else
                        max_frame_q <= mf_w;
                end
                VNIC_PF_G_INT_MASK:   if (s_axil_wstrb[0]) pf_int_mask_q <= s_axil_wdata[1:0];
                VNIC_PF_G_VSEL:       if (s_axil_wstrb[0]) vsel_q <= s_axil_wdata[4:0];
                default: begin
                end
            endcase
        end
        // the stage: st_wr is wr_go && wpf for these offsets (below)
        if (st_wr) begin
            case (woff)
                VNIC_PF_STAGE_FLAGS:      if (s_axil_wstrb[0]) st_q[F_FLAGS +: 7] <= s_axil_wdata[6:0];
                VNIC_PF_STAGE_MAC_LO:     st_q[F_MAC +: 32] <= merge32(st_q[F_MAC +: 32], s_axil_wdata, s_axil_wstrb);
                VNIC_PF_STAGE_MAC_HI:     st_q[F_MAC+32 +: 16] <= merge16(st_q[F_MAC+32 +: 16], s_axil_wdata[15:0], s_axil_wstrb[1:0]);
                VNIC_PF_STAGE_RX_BASE:    st_q[F_RXB +: 32] <= merge32(st_q[F_RXB +: 32], s_axil_wdata, s_axil_wstrb);
                VNIC_PF_STAGE_RX_SIZE:    st_q[F_RXS +: 32] <= merge32(st_q[F_RXS +: 32], s_axil_wdata, s_axil_wstrb);
                VNIC_PF_STAGE_TX_BASE:    st_q[F_TXB +: 32] <= merge32(st_q[F_TXB +: 32], s_axil_wdata, s_axil_wstrb);
                VNIC_PF_STAGE_TX_SIZE:    st_q[F_TXS +: 32] <= merge32(st_q[F_TXS +: 32], s_axil_wdata, s_axil_wstrb);
                VNIC_PF_STAGE_POL_RATE:   st_q[F_POLR +: 32] <= merge32(st_q[F_POLR +: 32], s_axil_wdata, s_axil_wstrb);
                VNIC_PF_STAGE_POL_BURST:  st_q[F_POLB +: 24] <= merge24(st_q[F_POLB +: 24], s_axil_wdata[23:0], s_axil_wstrb[2:0]);
                VNIC_PF_STAGE_SCH_GUAR:   st_q[F_GUAR +: 32] <= merge32(st_q[F_GUAR +: 32], s_axil_wdata, s_axil_wstrb);
                VNIC_PF_STAGE_SCH_CEIL:   st_q[F_CEIL +: 32] <= merge32(st_q[F_CEIL +: 32], s_axil_wdata, s_axil_wstrb);
                VNIC_PF_STAGE_SCH_BURST:  st_q[F_SBUR +: 24] <= merge24(st_q[F_SBUR +: 24], s_axil_wdata[23:0], s_axil_wstrb[2:0]);
                VNIC_PF_STAGE_SCH_WEIGHT: if (s_axil_wstrb[0]) st_q[F_SWGT +: 8] <= s_axil_wdata[7:0];
                VNIC_PF_STAGE_TX_WEIGHT:  if (s_axil_wstrb[0]) st_q[F_TWGT +: 8] <= s_axil_wdata[7:0];
                VNIC_PF_STAGE_TX_RATE:    st_q[F_TXR +: 32] <= merge32(st_q[F_TXR +: 32], s_axil_wdata, s_axil_wstrb);
                VNIC_PF_STAGE_TX_BURST:   st_q[F_TXBU +: 24] <= merge24(st_q[F_TXBU +: 24], s_axil_wdata[23:0], s_axil_wstrb[2:0]);
                default: begin
                end
            endcase
            for (kk = 0; kk < NUM_WIN; kk = kk + 1) begin
                if (woff == VNIC_PF_STAGE_WIN_BASE + kk[11:0] * VNIC_PF_STAGE_WIN_STRIDE + VNIC_PF_STAGE_WIN_GBASE_LO_REL)
                    st_q[F_WIN + kk*160 +: 32] <= merge32(st_q[F_WIN + kk*160 +: 32], s_axil_wdata, s_axil_wstrb);
                if (woff == VNIC_PF_STAGE_WIN_BASE + kk[11:0] * VNIC_PF_STAGE_WIN_STRIDE + VNIC_PF_STAGE_WIN_GBASE_HI_REL)
                    st_q[F_WIN + kk*160 + 32 +: 32] <= merge32(st_q[F_WIN + kk*160 + 32 +: 32], s_axil_wdata, s_axil_wstrb);
                if (woff == VNIC_PF_STAGE_WIN_BASE + kk[11:0] * VNIC_PF_STAGE_WIN_STRIDE + VNIC_PF_STAGE_WIN_HBASE_LO_REL)
                    st_q[F_WIN + kk*160 + 64 +: 32] <= merge32(st_q[F_WIN + kk*160 + 64 +: 32], s_axil_wdata, s_axil_wstrb);
                if (woff == VNIC_PF_STAGE_WIN_BASE + kk[11:0] * VNIC_PF_STAGE_WIN_STRIDE + VNIC_PF_STAGE_WIN_HBASE_HI_REL)
                    st_q[F_WIN + kk*160 + 96 +: 32] <= merge32(st_q[F_WIN + kk*160 + 96 +: 32], s_axil_wdata, s_axil_wstrb);
                if (woff == VNIC_PF_STAGE_WIN_BASE + kk[11:0] * VNIC_PF_STAGE_WIN_STRIDE + VNIC_PF_STAGE_WIN_SIZE_REL)
                    st_q[F_WIN + kk*160 + 128 +: 32] <= merge32(st_q[F_WIN + kk*160 + 128 +: 32], s_axil_wdata, s_axil_wstrb);
            end
        end
        // PF causes: write-1-to-clear, then new causes of this cycle
        pf_int_status_q <= (pf_int_status_q & ~((wr_go && wpf && woff == VNIC_PF_G_INT_STATUS) ? wm[1:0] : 2'b00))
                         | {pf_set_cmd, pf_set_fault};
        if (busy_reject)
            cmd_st_err_q <= E_BUSY;
        if (cmd_fire) begin
            cmd_st_op_q <= op_q;
            cmd_st_err_q <= fire_err;
        end
        if (do_load)
            st_q <= acv_q;
    end
end
wire [31:0] mf_m = merge32({18'd0, max_frame_q}, s_axil_wdata, s_axil_wstrb);
wire [13:0] mf_w = mf_m[13:0];

// ---------------------------------------------------------------- per-vNIC registers
generate
    for (gv = 0; gv < NV; gv = gv + 1) begin : gen_vf
        wire wr_vf = wr_go && wpage == gv + 1;
        wire rst_v = do_reset && cv_q == gv;
        always @(posedge clk) begin
            if (rst) begin
                act_q[gv*CFG_BITS +: CFG_BITS] <= CFG_RESET;
            end else begin
                if (do_commit && cv_q == gv)
                    act_q[gv*CFG_BITS +: CFG_BITS] <= st_q;
                // interrupt causes: W1C, then this cycle's triggers
                vf_int_status_q[2*gv +: 2] <= (vf_int_status_q[2*gv +: 2]
                                               & ~((wr_vf && woff == VNIC_VF_INT_STATUS) ? wm[1:0] : 2'b00))
                                            | ring_trig[2*gv +: 2];
                if (wr_vf) begin
                    case (woff)
                        VNIC_VF_INT_MASK:      if (s_axil_wstrb[0]) vf_int_mask_q[2*gv +: 2] <= s_axil_wdata[1:0];
                        VNIC_VF_RXR_BASE_LO:   if (!rxr_lock_q[gv]) rxr_base_q[gv*64 +: 32] <= merge32(rxr_base_q[gv*64 +: 32], s_axil_wdata, s_axil_wstrb);
                        VNIC_VF_RXR_BASE_HI:   if (!rxr_lock_q[gv]) rxr_base_q[gv*64 + 32 +: 32] <= merge32(rxr_base_q[gv*64 + 32 +: 32], s_axil_wdata, s_axil_wstrb);
                        VNIC_VF_RXR_SIZE:      if (s_axil_wstrb[0] && !rxr_lock_q[gv]) rxr_size_q[gv*4 +: 4] <= s_axil_wdata[3:0];
                        // (a TAIL write of this page is taken: tail_bad_take = tail_bad)
                        VNIC_VF_RXR_TAIL:      if (!tail_bad) begin
                                                   rxr_tail_q[gv*16 +: 16] <= tail_m[15:0];
                                                   if (tail_m[15:0] != 16'd0) rxr_lock_q[gv] <= 1'b1;
                                               end
                        VNIC_VF_RXR_ITR_COUNT: rxr_icnt_q[gv*16 +: 16] <= merge16(rxr_icnt_q[gv*16 +: 16], s_axil_wdata[15:0], s_axil_wstrb[1:0]);
                        VNIC_VF_RXR_ITR_TIMER: rxr_itmr_q[gv*24 +: 24] <= merge24(rxr_itmr_q[gv*24 +: 24], s_axil_wdata[23:0], s_axil_wstrb[2:0]);
                        VNIC_VF_TXR_BASE_LO:   if (!txr_lock_q[gv]) txr_base_q[gv*64 +: 32] <= merge32(txr_base_q[gv*64 +: 32], s_axil_wdata, s_axil_wstrb);
                        VNIC_VF_TXR_BASE_HI:   if (!txr_lock_q[gv]) txr_base_q[gv*64 + 32 +: 32] <= merge32(txr_base_q[gv*64 + 32 +: 32], s_axil_wdata, s_axil_wstrb);
                        VNIC_VF_TXR_SIZE:      if (s_axil_wstrb[0] && !txr_lock_q[gv]) txr_size_q[gv*4 +: 4] <= s_axil_wdata[3:0];
                        VNIC_VF_TXR_TAIL:      if (!tail_bad) begin
                                                   txr_tail_q[gv*16 +: 16] <= tail_m[15:0];
                                                   if (tail_m[15:0] != 16'd0) txr_lock_q[gv] <= 1'b1;
                                               end
                        VNIC_VF_TXR_ITR_COUNT: txr_icnt_q[gv*16 +: 16] <= merge16(txr_icnt_q[gv*16 +: 16], s_axil_wdata[15:0], s_axil_wstrb[1:0]);
                        VNIC_VF_TXR_ITR_TIMER: txr_itmr_q[gv*24 +: 24] <= merge24(txr_itmr_q[gv*24 +: 24], s_axil_wdata[23:0], s_axil_wstrb[2:0]);
                        default: begin
                        end
                    endcase
                end
                if (flt_new && flt_vnic == gv)
                    halted_q[gv] <= 1'b1;
            end
            // power-on reset and the vNIC's RESET clear the same VF state
            if (rst || rst_v) begin
                halted_q[gv] <= 1'b0;
                vf_int_status_q[2*gv +: 2] <= 2'b00;
                vf_int_mask_q[2*gv +: 2] <= 2'b00;
                rxr_lock_q[gv] <= 1'b0;
                txr_lock_q[gv] <= 1'b0;
                rxr_base_q[gv*64 +: 64] <= 64'd0;
                rxr_size_q[gv*4 +: 4] <= 4'd0;
                rxr_tail_q[gv*16 +: 16] <= 16'd0;
                rxr_icnt_q[gv*16 +: 16] <= 16'd0;
                rxr_itmr_q[gv*24 +: 24] <= 24'd0;
                txr_base_q[gv*64 +: 64] <= 64'd0;
                txr_size_q[gv*4 +: 4] <= 4'd0;
                txr_tail_q[gv*16 +: 16] <= 16'd0;
                txr_icnt_q[gv*16 +: 16] <= 16'd0;
                txr_itmr_q[gv*24 +: 24] <= 24'd0;
            end
        end
    end
endgenerate

always @(posedge clk)
    if (flt_new) begin
        fltv_mem[flt_vnic[VIW-1:0]] <= {flt_reason, flt_addr};
        fltr_mem[flt_vnic[VIW-1:0]] <= flt_reason;
    end

// ---------------------------------------------------------------- counters
// The counters are sorted by the size of their increments (the sources:
// vnic_rx_decide, vnic_rx_dma, vnic_top's TX counters, flt_new here), so
// that each bank's low halves are as narrow as its bound allows
// (vnic_cnt_bank: LW = ADD_W + clog2(N + 1)):
//   counts  at most 3 a cycle (frames, drops, faults): bank u_cnt_s;
//   bytes   below 2^17 (frame lengths, RX_COPIES, and DROP_HALTED, which
//           takes the frames a RESET discards): bank u_cnt_b;
//   GSTAT.RX_BYTES, which adds every frame's length as the MAC delivered it
//           (a FIFO drop of any length): a 64-bit counter of its own.
// In each bank, vNIC v's counters come first (v * per-vNIC count + position
// of the kind), then the global ones. Each adds its increment every cycle
// (an increment of 0 keeps it): no "increment != 0" enable, which would
// cost a CW-bit compare per counter in LUTs.

// the kind of per-vNIC (g = 0) or global (g = 1) counter k: 0 counts,
// 1 bytes, 2 GSTAT.RX_BYTES
function integer kind;
    input integer g;
    input integer k;
    begin
        if (g == 0)
            kind = (k == VNIC_VF_STAT_RX_BYTES_IDX || k == VNIC_VF_STAT_TX_BYTES_IDX
                    || k == VNIC_VF_STAT_DROP_HALTED_IDX) ? 1 : 0;
        else
            kind = (k == VNIC_PF_GSTAT_RX_BYTES_IDX) ? 2
                 : (k == VNIC_PF_GSTAT_TX_BYTES_IDX || k == VNIC_PF_GSTAT_RX_COPIES_IDX) ? 1 : 0;
    end
endfunction

// position of counter k among the per-vNIC (g = 0) or global (g = 1)
// counters of its kind
function integer pos;
    input integer g;
    input integer k;
    integer       j;
    begin
        pos = 0;
        for (j = 0; j < k; j = j + 1)
            if (kind(g, j) == kind(g, k)) pos = pos + 1;
    end
endfunction

function integer n_of;                     // counters of kind b per vNIC (g = 0) or global (g = 1)
    input integer g;
    input integer b;
    integer       j;
    begin
        n_of = 0;
        for (j = 0; j < ((g != 0) ? NCG : NCV); j = j + 1)
            if (kind(g, j) == b) n_of = n_of + 1;
    end
endfunction

localparam integer NBV = n_of(0, 1);                        // byte counters per vNIC
localparam integer NSV = NCV - NBV;                         // count counters per vNIC
localparam integer NBG = n_of(1, 1);
localparam integer NSG = n_of(1, 0);
localparam integer NS  = NV * NSV + NSG;                    // bank u_cnt_s
localparam integer NB  = NV * NBV + NBG;                    // bank u_cnt_b
localparam integer SI_W = $clog2(NS);
localparam integer BI_W = $clog2(NB);
localparam integer ADD_S = 2;                               // counts: at most 3 + inc <= 2^2
localparam integer ADD_B = 17;                              // bytes: below 2^17
localparam integer LW_S = ADD_S + $clog2(NS + 1);
localparam integer LW_B = ADD_B + $clog2(NB + 1);

// vNIC v's counter k, or global counter k, to its kind's bank
reg [NS*CW-1:0] add_s;
reg [NB*CW-1:0] add_b;
reg [NS-1:0]    inc_s, clr_s;
reg [NB-1:0]    clr_b;
integer         cv, ck;
always @* begin
    for (ck = 0; ck < NS; ck = ck + 1)
        add_s[ck*CW +: CW] = {CW{1'b0}};
    for (ck = 0; ck < NB; ck = ck + 1)
        add_b[ck*CW +: CW] = {CW{1'b0}};
    inc_s = {NS{1'b0}};
    clr_s = {NS{1'b0}};
    clr_b = {NB{1'b0}};
    for (cv = 0; cv < NV; cv = cv + 1)
        for (ck = 0; ck < NCV; ck = ck + 1)
            if (kind(0, ck) != 0) begin
                add_b[(cv * NBV + pos(0, ck))*CW +: CW] = vstat_add[(cv * NCV + ck)*CW +: CW];
                clr_b[cv * NBV + pos(0, ck)] = do_clear && {27'd0, cv_q} == cv;
            end else begin
                add_s[(cv * NSV + pos(0, ck))*CW +: CW] = vstat_add[(cv * NCV + ck)*CW +: CW];
                inc_s[cv * NSV + pos(0, ck)] = ck == VNIC_VF_STAT_DMA_FAULTS_IDX && flt_new
                                              && {27'd0, flt_vnic} == cv;
                clr_s[cv * NSV + pos(0, ck)] = do_clear && {27'd0, cv_q} == cv;
            end
    for (ck = 0; ck < NCG; ck = ck + 1)
        if (kind(1, ck) == 1)
            add_b[(NV * NBV + pos(1, ck))*CW +: CW] = gstat_add[ck*CW +: CW];
        else if (kind(1, ck) == 0)
            add_s[(NV * NSV + pos(1, ck))*CW +: CW] = gstat_add[ck*CW +: CW];
end

// x * c for a small constant c, as shifts and adds (no multiplier block)
function [31:0] mul_c;
    input [4:0]   x;
    input integer c;
    integer       j;
    begin
        mul_c = 32'd0;
        for (j = 0; j < 6; j = j + 1)
            if (((c >> j) & 1) != 0)
                mul_c = mul_c + ({27'd0, x} << j);
    end
endfunction

// the counter a read addresses, selected once for its _LO word and the _HI
// snapshot: its kind and its index in each bank, registered with the read
// address at the AR handshake
wire [PGW-1:0] ar_pg  = s_axil_araddr[REG_AW-1:12];
wire [31:0]    ar_pg32 = {{(32-PGW){1'b0}}, ar_pg};
wire [11:0]    ar_o   = {s_axil_araddr[11:2], 2'b00};
wire [11:0]    ar_vri = (ar_o - VNIC_VF_STAT_CNT_BASE) >> 3;
wire [11:0]    ar_gri = (ar_o - VNIC_PF_GSTAT_CNT_BASE) >> 3;
wire [4:0]     ar_v   = ar_pg32[4:0] - 5'd1;
reg  [31:0]    ar_kind, ar_si, ar_bi;
integer        ak;
always @* begin
    ar_kind = 32'd0;
    ar_si = 32'd0;
    ar_bi = 32'd0;
    for (ak = 0; ak < 16; ak = ak + 1) begin
        if (ar_pg32 == 32'd0 && ak < NCG && {28'd0, ar_gri[3:0]} == ak) begin
            ar_kind = kind(1, ak);
            ar_si = NV * NSV + pos(1, ak);
            ar_bi = NV * NBV + pos(1, ak);
        end
        if (ar_pg32 != 32'd0 && ak < NCV && {28'd0, ar_vri[3:0]} == ak) begin
            ar_kind = kind(0, ak);
            ar_si = mul_c(ar_v, NSV) + pos(0, ak);
            ar_bi = mul_c(ar_v, NBV) + pos(0, ak);
        end
    end
end
reg  [1:0]      rd_kind_q;
reg  [SI_W-1:0] rd_si_q;
reg  [BI_W-1:0] rd_bi_q;
always @(posedge clk)
    if (s_axil_arvalid && s_axil_arready) begin
        rd_kind_q <= ar_kind[1:0];
        rd_si_q   <= ar_si[SI_W-1:0];
        rd_bi_q   <= ar_bi[BI_W-1:0];
    end

wire [63:0] rd_cnt_s, rd_cnt_b;
reg  [63:0] rxb_q;                          // GSTAT.RX_BYTES

vnic_cnt_bank #(.N(NS), .IW(SI_W), .CW(CW), .ADD_W(ADD_S), .LW(LW_S)) u_cnt_s (
    .clk    (clk),
    .rst    (rst),
    .add    (add_s),
    .inc    (inc_s),
    .clr    (clr_s),
    .rd_idx (rd_si_q),
    .rd_val (rd_cnt_s)
);

vnic_cnt_bank #(.N(NB), .IW(BI_W), .CW(CW), .ADD_W(ADD_B), .LW(LW_B)) u_cnt_b (
    .clk    (clk),
    .rst    (rst),
    .add    (add_b),
    .inc    ({NB{1'b0}}),
    .clr    (clr_b),
    .rd_idx (rd_bi_q),
    .rd_val (rd_cnt_b)
);

always @(posedge clk)
    if (rst)
        rxb_q <= 64'd0;
    else
        rxb_q <= rxb_q + {{(64-CW){1'b0}}, gstat_add[VNIC_PF_GSTAT_RX_BYTES_IDX*CW +: CW]};

wire [63:0] rd_cnt = (rd_kind_q == 2'd2) ? rxb_q : (rd_kind_q == 2'd1) ? rd_cnt_b : rd_cnt_s;

// ---------------------------------------------------------------- read data
// the current value of the stage register at page offset o (0 if none)
// Variable selections below are all of the form x[i*W +: W] (Yosys maps
// them to one multiplexer tree; an offset added to i*W would make a shifter).
wire [NUM_WIN*160-1:0] st_win = st_q[F_WIN +: NUM_WIN*160];

function [31:0] rd_stage;
    input [11:0] o;
    reg [11:0]  wo;                       // offset from the window array
    reg [1:0]   wi;                       // window
    reg [159:0] win;                      // its fields
    begin
        case (o)
            VNIC_PF_STAGE_FLAGS:      rd_stage = {25'd0, st_q[F_FLAGS +: 7]};
            VNIC_PF_STAGE_MAC_LO:     rd_stage = st_q[F_MAC +: 32];
            VNIC_PF_STAGE_MAC_HI:     rd_stage = {16'd0, st_q[F_MAC+32 +: 16]};
            VNIC_PF_STAGE_RX_BASE:    rd_stage = st_q[F_RXB +: 32];
            VNIC_PF_STAGE_RX_SIZE:    rd_stage = st_q[F_RXS +: 32];
            VNIC_PF_STAGE_TX_BASE:    rd_stage = st_q[F_TXB +: 32];
            VNIC_PF_STAGE_TX_SIZE:    rd_stage = st_q[F_TXS +: 32];
            VNIC_PF_STAGE_POL_RATE:   rd_stage = st_q[F_POLR +: 32];
            VNIC_PF_STAGE_POL_BURST:  rd_stage = {8'd0, st_q[F_POLB +: 24]};
            VNIC_PF_STAGE_SCH_GUAR:   rd_stage = st_q[F_GUAR +: 32];
            VNIC_PF_STAGE_SCH_CEIL:   rd_stage = st_q[F_CEIL +: 32];
            VNIC_PF_STAGE_SCH_BURST:  rd_stage = {8'd0, st_q[F_SBUR +: 24]};
            VNIC_PF_STAGE_SCH_WEIGHT: rd_stage = {24'd0, st_q[F_SWGT +: 8]};
            VNIC_PF_STAGE_TX_WEIGHT:  rd_stage = {24'd0, st_q[F_TWGT +: 8]};
            VNIC_PF_STAGE_TX_RATE:    rd_stage = st_q[F_TXR +: 32];
            VNIC_PF_STAGE_TX_BURST:   rd_stage = {8'd0, st_q[F_TXBU +: 24]};
            default:                  rd_stage = 32'd0;
        endcase
        // windows: the window by index, then the field by its offset
        wo = o - VNIC_PF_STAGE_WIN_BASE;
        wi = wo[WSTR_L2 +: 2];
        win = st_win[wi*160 +: 160];
        if (o >= VNIC_PF_STAGE_WIN_BASE && o < VNIC_PF_STAGE_WIN_BASE + NWIN12 * VNIC_PF_STAGE_WIN_STRIDE)
            case (wo & (VNIC_PF_STAGE_WIN_STRIDE - 12'd1))
                VNIC_PF_STAGE_WIN_GBASE_LO_REL: rd_stage = win[0 +: 32];
                VNIC_PF_STAGE_WIN_GBASE_HI_REL: rd_stage = win[32 +: 32];
                VNIC_PF_STAGE_WIN_HBASE_LO_REL: rd_stage = win[64 +: 32];
                VNIC_PF_STAGE_WIN_HBASE_HI_REL: rd_stage = win[96 +: 32];
                VNIC_PF_STAGE_WIN_SIZE_REL:     rd_stage = win[128 +: 32];
                default: begin
                end
            endcase
    end
endfunction

// The copies the read takes its vNIC's registers from (by index; a VF
// page's vNIC is rd_vi): the VF page copy and the configuration copy (MAC,
// FLAGS.enable), 0 for an entry not yet written after reset; the fault
// copies (reason, FAULT_ADDR), 0 while the vNIC is not halted; and the
// counter HI snapshots, 0 until a page's first _LO read.
wire              rd_vz  = init_q && {{(32-VIW){1'b0}}, rd_vi} >= {27'd0, init_v_q};
wire [V_BITS-1:0] vfa    = vfa_raw[V_BITS-1:0] & {V_BITS{!rd_vz}};
wire              vf_en  = cfg_ki_raw[F_FLAGS] && !rd_vz;
wire [47:0]       vf_mac = cfg_ki_raw[F_MAC +: 48] & {48{!rd_vz}};
wire [7:0]        vf_reason = halted_q[rd_vi] ? fltr_mem[rd_vi] : 8'd0;
wire [71:0]       vsel_flt  = halted_q[vsel_q[VIW-1:0]] ? fltv_mem[vsel_q[VIW-1:0]] : 72'd0;
localparam integer SNW = (NV > 1) ? $clog2(NV + 1) : 1;       // snapshot index bits
reg  [31:0]       snap_mem [0:(1 << SNW)-1];
reg  [(1 << SNW)-1:0] snap_ok_q;
wire [SNW-1:0]    snap_ri = rd_pg[SNW-1:0];
wire [31:0]       snap_rd = snap_ok_q[snap_ri] ? snap_mem[snap_ri] : 32'd0;

// the 32-bit word at address a (raddr_q's); {snapshot?, page, HI word} for a counter _LO
function [31:0] rd_word;
    input [REG_AW-3:0] a;                 // word address
    reg [PGW-1:0]  pg;
    reg [31:0]     pg32;
    reg [11:0]     o;
    reg [4:0]      k;                     // the vNIC of a VSTAT read (VSEL) or of a VF page
    reg [VIW-1:0]  ki;                    // k in as many bits as vNICs need
    reg            en;                    // its FLAGS.enable
    begin
        pg = a[REG_AW-3:10];
        pg32 = {{(32-PGW){1'b0}}, pg};
        o = {a[9:0], 2'b00};
        rd_word = 32'd0;
        // the vNIC's registers are selected by an index (one NV-way
        // multiplexer per register), then the register by its offset
        if (pg == {PGW{1'b0}}) begin
            case (o)
                VNIC_PF_G_ID:         rd_word = VNIC_PF_G_ID_RESET;
                VNIC_PF_G_VERSION:    rd_word = VNIC_PF_G_VERSION_RESET;
                VNIC_PF_G_CAPS:       rd_word = {12'd0, NWIN4, W8[7:0], NV8};
                VNIC_PF_G_BUFCAPS:    rd_word = {TXKIB, RXKIB};
                VNIC_PF_G_CTRL:       rd_word = {11'd0, def_vnic_q, 7'd0, def_en_q, 6'd0, tx_en_q, rx_en_q};
                VNIC_PF_G_MAX_FRAME:  rd_word = {18'd0, max_frame_q};
                VNIC_PF_G_INT_STATUS: rd_word = {30'd0, pf_int_status_q};
                VNIC_PF_G_INT_MASK:   rd_word = {30'd0, pf_int_mask_q};
                VNIC_PF_G_FAULT_VEC:  rd_word = halted64[31:0];
                VNIC_PF_G_VSEL:       rd_word = {27'd0, vsel_q};
                VNIC_PF_G_CMD_STATUS: rd_word = {8'd0, cmd_st_err_q, 4'd0, cmd_st_op_q, 7'd0, cmd_busy_q};
                default: begin
                end
            endcase
            k = vsel_q;
            ki = k[VIW-1:0];
            en = cfg_flags[ki*7 +: 1];
            if ({1'b0, vsel_q} < NV6)
                case (o)
                    VNIC_PF_VSTAT_STATUS:        rd_word = {16'd0, vsel_flt[64 +: 8], 6'd0, halted_q[ki], en};
                    VNIC_PF_VSTAT_FAULT_ADDR_LO: rd_word = vsel_flt[31:0];
                    VNIC_PF_VSTAT_FAULT_ADDR_HI: rd_word = vsel_flt[63:32];
                    VNIC_PF_VSTAT_RX_USED:       rd_word = rx_used[ki*32 +: 32];
                    VNIC_PF_VSTAT_TX_USED:       rd_word = tx_used[ki*32 +: 32];
                    default: begin
                    end
                endcase
            if (o >= 12'h100 && o < 12'h200)
                rd_word = rd_stage(o);
            if (o >= VNIC_PF_GSTAT_CNT_BASE && o < VNIC_PF_GSTAT_CNT_BASE + 12'd8 * NCG12)
                rd_word = o[2] ? snap_rd : rd_cnt[31:0];
        end else begin
            k = rd_k;
            ki = rd_vi;
            if (pg32 <= NV32) begin
                case (o)
                    VNIC_VF_ID:         rd_word = VNIC_VF_ID_RESET | {27'd0, k};
                    VNIC_VF_STATUS:     rd_word = {16'd0, vf_reason, 6'd0, halted_q[ki], vf_en};
                    VNIC_VF_MAC_LO:     rd_word = vf_mac[31:0];
                    VNIC_VF_MAC_HI:     rd_word = {16'd0, vf_mac[47:32]};
                    VNIC_VF_INT_STATUS: rd_word = {30'd0, vf_int_status_q[ki*2 +: 2]};
                    VNIC_VF_INT_MASK:   rd_word = {30'd0, vfa[V_IM +: 2]};
                    VNIC_VF_RXR_BASE_LO:   rd_word = vfa[V_RB +: 32];
                    VNIC_VF_RXR_BASE_HI:   rd_word = vfa[V_RB + 32 +: 32];
                    VNIC_VF_RXR_SIZE:      rd_word = {28'd0, vfa[V_RS +: 4]};
                    VNIC_VF_RXR_HEAD:      rd_word = {16'd0, rxr_head[ki*16 +: 16]};
                    VNIC_VF_RXR_TAIL:      rd_word = {16'd0, vfa[V_RT +: 16]};
                    VNIC_VF_RXR_ITR_COUNT: rd_word = {16'd0, vfa[V_RIC +: 16]};
                    VNIC_VF_RXR_ITR_TIMER: rd_word = {8'd0, vfa[V_RIT +: 24]};
                    VNIC_VF_TXR_BASE_LO:   rd_word = vfa[V_TB +: 32];
                    VNIC_VF_TXR_BASE_HI:   rd_word = vfa[V_TB + 32 +: 32];
                    VNIC_VF_TXR_SIZE:      rd_word = {28'd0, vfa[V_TS +: 4]};
                    VNIC_VF_TXR_HEAD:      rd_word = {16'd0, txr_head[ki*16 +: 16]};
                    VNIC_VF_TXR_TAIL:      rd_word = {16'd0, vfa[V_TT +: 16]};
                    VNIC_VF_TXR_ITR_COUNT: rd_word = {16'd0, vfa[V_TIC +: 16]};
                    VNIC_VF_TXR_ITR_TIMER: rd_word = {8'd0, vfa[V_TIT +: 24]};
                    default: begin
                    end
                endcase
                if (o >= VNIC_VF_STAT_CNT_BASE && o < VNIC_VF_STAT_CNT_BASE + 12'd8 * NCV12)
                    rd_word = o[2] ? snap_rd : rd_cnt[31:0];
            end
        end
    end
endfunction

// {1, page} when word address a is a counter's _LO word, else 0
function [6:0] snap_hit;
    input [REG_AW-3:0] a;
    reg [PGW-1:0] pg;
    reg [11:0]    o;
    integer       k;
    begin
        pg = a[REG_AW-3:10];
        o = {a[9:0], 2'b00};
        snap_hit = 7'd0;
        if (pg == {PGW{1'b0}}) begin
            if (o >= VNIC_PF_GSTAT_CNT_BASE && o < VNIC_PF_GSTAT_CNT_BASE + 12'd8 * NCG12 && !o[2])
                snap_hit = {1'b1, 6'd0};
        end else begin
            for (k = 0; k < NV; k = k + 1)
                if (pg == k[PGW-1:0] + 1'b1 && o >= VNIC_VF_STAT_CNT_BASE
                    && o < VNIC_VF_STAT_CNT_BASE + 12'd8 * NCV12 && !o[2])
                    snap_hit = {1'b1, k[5:0] + 6'd1};
        end
    end
endfunction

// the HI word that a counter _LO read snapshots: the counter of the read
wire [31:0] snap_val = rd_cnt[63:32];

wire [6:0] snap_w = snap_hit(raddr_q[REG_AW-1:2]);
always @(posedge clk)
    if (!rst && rpend_q && snap_w[6])
        snap_mem[snap_w[SNW-1:0]] <= snap_val;

always @(posedge clk) begin
    if (rst) begin
        rpend_q <= 1'b0;
        rvalid_q <= 1'b0;
        raddr_q <= {REG_AW{1'b0}};
        rdata_q <= 32'd0;
        snap_ok_q <= {(1 << SNW){1'b0}};
    end else begin
        if (s_axil_arvalid && s_axil_arready) begin
            rpend_q <= 1'b1;
            raddr_q <= s_axil_araddr;
        end
        if (rvalid_q && s_axil_rready)
            rvalid_q <= 1'b0;
        if (rpend_q) begin
            rpend_q <= 1'b0;
            rvalid_q <= 1'b1;
            rdata_q <= rd_word(raddr_q[REG_AW-1:2]);
            if (snap_w[6])
                snap_ok_q[snap_w[SNW-1:0]] <= 1'b1;
        end
    end
end

`ifndef SYNTHESIS
// the copies against the registers they stand for, where they are read
reg [(NV+1)*32-1:0] snap_q;               // the counter HI snapshots as registers
reg [NV*72-1:0]     flt_q;                // {reason, FAULT_ADDR} per vNIC as registers
integer sp, fv;
always @(posedge clk) begin
    if (rst) begin
        snap_q <= {(NV+1)*32{1'b0}};
    end else if (rpend_q) begin
        for (sp = 0; sp <= NV; sp = sp + 1)
            if (snap_w == {1'b1, sp[5:0]})
                snap_q[sp*32 +: 32] <= snap_val;
    end
    for (fv = 0; fv < NV; fv = fv + 1) begin
        if (!rst && flt_new && flt_vnic == fv[4:0])
            flt_q[fv*72 +: 72] <= {flt_reason, flt_addr};
        if (rst || (do_reset && cv_q == fv[4:0]))
            flt_q[fv*72 +: 72] <= 72'd0;
    end
end
always @(posedge clk) begin
    if (!rst && rd_pg32 <= NV32 && snap_rd != snap_q[rd_pg*32 +: 32]) begin
        $display("vnic_regs: counter snapshot copy of page %0d differs", rd_pg);
        $stop;
    end
    if (!rst && rd_pg32 != 32'd0 && rd_pg32 <= NV32
        && (vfa != {vf_int_mask_q[rd_vi*2 +: 2], txr_itmr_q[rd_vi*24 +: 24], rxr_itmr_q[rd_vi*24 +: 24],
                    txr_icnt_q[rd_vi*16 +: 16], rxr_icnt_q[rd_vi*16 +: 16], txr_size_q[rd_vi*4 +: 4],
                    rxr_size_q[rd_vi*4 +: 4], txr_tail_q[rd_vi*16 +: 16], rxr_tail_q[rd_vi*16 +: 16],
                    txr_base_q[rd_vi*64 +: 64], rxr_base_q[rd_vi*64 +: 64]}
            || vf_mac != cfg_mac[rd_vi*48 +: 48] || vf_en != cfg_flags[rd_vi*7]
            || vf_reason != flt_q[rd_vi*72 + 64 +: 8])) begin
        $display("vnic_regs: VF page copy of vNIC %0d differs", rd_vi);
        $stop;
    end
    if (!rst && !init_q && wpage32 != 32'd0 && wpage32 <= NV32
        && vfb != {txr_size_q[tw_vi*4 +: 4], rxr_size_q[tw_vi*4 +: 4], txr_tail_q[tw_vi*16 +: 16],
                   rxr_tail_q[tw_vi*16 +: 16], txr_base_q[tw_vi*64 +: 64], rxr_base_q[tw_vi*64 +: 64]}) begin
        $display("vnic_regs: doorbell copy of vNIC %0d differs", tw_vi);
        $stop;
    end
    if (!rst && {1'b0, vsel_q} < NV6 && vsel_flt != flt_q[vsel_q[VIW-1:0]*72 +: 72]) begin
        $display("vnic_regs: fault copy of vNIC %0d differs", vsel_q);
        $stop;
    end
end
`endif

// prot bits carry no meaning here; wide words are only partly used
wire unused_ok = &{1'b0, s_axil_awprot, s_axil_arprot, s_axil_awaddr[1:0], s_axil_araddr[1:0], raddr_q[1:0], wpage32[31:5], wm[31:2], mf_m[31:14], ar_vri[11:4], ar_gri[11:4], ar_pg32[31:5], ar_kind[31:2], ar_si[31:SI_W], ar_bi[31:BI_W], tail_mask[16], tw_v,
                   vf_we, vfa_raw, 1'b0};  // (the write enables are used per 4 bits)

endmodule

`resetall
