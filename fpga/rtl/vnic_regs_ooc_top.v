// vnic_regs_ooc_top: out-of-context FPGA wrapper of the register block vnic_regs alone.
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// Measures vnic_regs as vnic_top instantiates it (same parameters, CW = 32,
// VADD_W default), the way vnic_ooc_top measures the whole device:
//   - every input bit comes from its own flip-flop of a shift chain fed from
//     the pin `din` (per-vNIC counter increments: their low VADD_W bits, the
//     only ones the block uses; the rest are 0 as in vnic_top);
//   - every output bit is observed: groups of four are XORed into a
//     register, those registers XORed in two more registered levels onto
//     the 8 pins `dout`;
//   - the verification trace outputs (trc_*) stay open.
// Every path of the block is therefore register to register in `clk` (an
// output that is a combinational function of the block's registers or
// inputs gets one XOR LUT more); the fmax reported for `clk` is the block's.
// The wrapper adds one flip-flop per input bit and about 0.3 per output
// bit; the utilisation report lists it with the block.
module vnic_regs_ooc_top #(
    parameter integer NUM_VNIC     = 8,      // vNICs (see vnic_regs)
    parameter integer DATA_W       = 64,     // datapath width, bits
    parameter integer RX_BUF_BYTES = 65536,  // RX buffer, bytes
    parameter integer TX_BUF_BYTES = 65536,  // TX buffer, bytes
    parameter integer MAX_FRAME    = 9022,   // largest frame, bytes
    parameter integer NUM_WIN      = 4,      // DMA windows per vNIC
    parameter integer REG_AW       = 18      // AXI4-Lite address width, bits
) (
    input  wire       clk,
    input  wire       rst_pin,  // asynchronous, active high
    input  wire       din,      // feeds the input shift chain
    output wire [7:0] dout      // XOR-reduced block outputs
);

    localparam integer NV     = NUM_VNIC;
    localparam integer CW     = 32;          // as in vnic_top
    localparam integer VADD_W = 17;          // vnic_regs default
    localparam integer NWV    = NUM_VNIC * NUM_WIN;

    // ------------------------------------------------------ input bits
    localparam integer N_AXIL_IN = 2 * REG_AW + 3 + 3 + 32 + 4 + 5;
    localparam integer N_RING_IN = NV * 16 * 2 + 2 * NV;
    localparam integer N_CMD_IN  = 2 + NV * 32 * 2;
    localparam integer N_FLT_IN  = 2 * (1 + 5 + 8 + 64);
    localparam integer N_CNT_IN  = NV * 12 * VADD_W + 13 * CW;
    localparam integer N_IN      = N_AXIL_IN + N_RING_IN + N_CMD_IN + N_FLT_IN + N_CNT_IN;

    wire rst;

    vnic_reset_sync u_rst (
        .clk     (clk),
        .rst_in  (rst_pin),
        .rst_out (rst)
    );

    reg [N_IN-1:0] in_q;

    always @(posedge clk) begin
        in_q <= {in_q[N_IN-2:0], din};
    end

    wire [REG_AW-1:0]      s_axil_awaddr, s_axil_araddr;
    wire [2:0]             s_axil_awprot, s_axil_arprot;
    wire                   s_axil_awvalid, s_axil_wvalid, s_axil_bready, s_axil_arvalid, s_axil_rready;
    wire [31:0]            s_axil_wdata;
    wire [3:0]             s_axil_wstrb;
    wire [NV*16-1:0]       rxr_head, txr_head;
    wire [2*NV-1:0]        ring_trig;
    wire                   flr_ready, dec_now;
    wire [NV*32-1:0]       rx_used, tx_used;
    wire                   rx_fault_valid, tx_fault_valid;
    wire [4:0]             rx_fault_vnic, tx_fault_vnic;
    wire [7:0]             rx_fault_reason, tx_fault_reason;
    wire [63:0]            rx_fault_addr, tx_fault_addr;
    wire [NV*12*VADD_W-1:0] vstat_low;
    wire [13*CW-1:0]       gstat_add;

    assign {s_axil_awaddr, s_axil_awprot, s_axil_awvalid, s_axil_wdata, s_axil_wstrb,
            s_axil_wvalid, s_axil_bready, s_axil_araddr, s_axil_arprot, s_axil_arvalid,
            s_axil_rready,
            rxr_head, txr_head, ring_trig,
            flr_ready, dec_now, rx_used, tx_used,
            rx_fault_valid, rx_fault_vnic, rx_fault_reason, rx_fault_addr,
            tx_fault_valid, tx_fault_vnic, tx_fault_reason, tx_fault_addr,
            vstat_low, gstat_add} = in_q;

    reg [NV*12*CW-1:0] vstat_add;
    integer k;
    always @* begin
        vstat_add = {NV*12*CW{1'b0}};
        for (k = 0; k < NV * 12; k = k + 1)
            vstat_add[k*CW +: VADD_W] = vstat_low[k*VADD_W +: VADD_W];
    end

    // ------------------------------------------------------ the block
    wire                   s_axil_awready, s_axil_wready, s_axil_bvalid, s_axil_arready, s_axil_rvalid;
    wire [1:0]             s_axil_bresp, s_axil_rresp;
    wire [31:0]            s_axil_rdata;
    wire                   g_rx_en, g_tx_en, g_def_en;
    wire [4:0]             g_def_vnic;
    wire [13:0]            g_max_frame;
    wire [NV*7-1:0]        cfg_flags;
    wire [NV*48-1:0]       cfg_mac;
    wire [NV*32-1:0]       cfg_rx_base, cfg_rx_size, cfg_tx_base, cfg_tx_size;
    wire [NV*32-1:0]       cfg_pol_rate, cfg_sch_guar, cfg_sch_ceil, cfg_tx_rate;
    wire [NV*24-1:0]       cfg_pol_burst, cfg_sch_burst, cfg_tx_burst;
    wire [NV*8-1:0]        cfg_sch_weight, cfg_tx_weight;
    wire [NWV*64-1:0]      cfg_win_gbase, cfg_win_hbase;
    wire [NWV*32-1:0]      cfg_win_size;
    wire                   win_we;
    wire [4:0]             win_wv;
    wire [NUM_WIN*64-1:0]  win_wgbase, win_whbase;
    wire [NUM_WIN*32-1:0]  win_wsize;
    wire [NV*64-1:0]       rxr_base, txr_base;
    wire [NV*4-1:0]        rxr_size, txr_size;
    wire [NV*16-1:0]       rxr_tail, txr_tail, rxr_itr_count, txr_itr_count;
    wire [NV*24-1:0]       rxr_itr_timer, txr_itr_timer;
    wire [2*NV-1:0]        vf_int_mask;
    wire                   pf_trig, pf_send, cmd_commit, cmd_reset, cmd_clear, flr_req;
    wire [4:0]             cmd_vnic;
    wire [47:0]            cmd_mac;
    wire [23:0]            cmd_pol_burst, cmd_sch_burst, cmd_tx_burst;
    wire [NV-1:0]          halted;
    wire                   fault_take, rx_fault_ready, tx_fault_ready;

    vnic_regs #(
        .NUM_VNIC     (NUM_VNIC),
        .DATA_W       (DATA_W),
        .RX_BUF_BYTES (RX_BUF_BYTES),
        .TX_BUF_BYTES (TX_BUF_BYTES),
        .MAX_FRAME    (MAX_FRAME),
        .NUM_WIN      (NUM_WIN),
        .REG_AW       (REG_AW),
        .CW           (CW)
    ) u_regs (
        .clk             (clk),
        .rst             (rst),
        .s_axil_awaddr   (s_axil_awaddr),
        .s_axil_awprot   (s_axil_awprot),
        .s_axil_awvalid  (s_axil_awvalid),
        .s_axil_awready  (s_axil_awready),
        .s_axil_wdata    (s_axil_wdata),
        .s_axil_wstrb    (s_axil_wstrb),
        .s_axil_wvalid   (s_axil_wvalid),
        .s_axil_wready   (s_axil_wready),
        .s_axil_bresp    (s_axil_bresp),
        .s_axil_bvalid   (s_axil_bvalid),
        .s_axil_bready   (s_axil_bready),
        .s_axil_araddr   (s_axil_araddr),
        .s_axil_arprot   (s_axil_arprot),
        .s_axil_arvalid  (s_axil_arvalid),
        .s_axil_arready  (s_axil_arready),
        .s_axil_rdata    (s_axil_rdata),
        .s_axil_rresp    (s_axil_rresp),
        .s_axil_rvalid   (s_axil_rvalid),
        .s_axil_rready   (s_axil_rready),
        .g_rx_en         (g_rx_en),
        .g_tx_en         (g_tx_en),
        .g_def_en        (g_def_en),
        .g_def_vnic      (g_def_vnic),
        .g_max_frame     (g_max_frame),
        .cfg_flags       (cfg_flags),
        .cfg_mac         (cfg_mac),
        .cfg_rx_base     (cfg_rx_base),
        .cfg_rx_size     (cfg_rx_size),
        .cfg_tx_base     (cfg_tx_base),
        .cfg_tx_size     (cfg_tx_size),
        .cfg_pol_rate    (cfg_pol_rate),
        .cfg_pol_burst   (cfg_pol_burst),
        .cfg_sch_guar    (cfg_sch_guar),
        .cfg_sch_ceil    (cfg_sch_ceil),
        .cfg_sch_burst   (cfg_sch_burst),
        .cfg_sch_weight  (cfg_sch_weight),
        .cfg_tx_weight   (cfg_tx_weight),
        .cfg_tx_rate     (cfg_tx_rate),
        .cfg_tx_burst    (cfg_tx_burst),
        .cfg_win_gbase   (cfg_win_gbase),
        .cfg_win_hbase   (cfg_win_hbase),
        .cfg_win_size    (cfg_win_size),
        .win_we          (win_we),
        .win_wv          (win_wv),
        .win_wgbase      (win_wgbase),
        .win_whbase      (win_whbase),
        .win_wsize       (win_wsize),
        .rxr_base        (rxr_base),
        .rxr_size        (rxr_size),
        .rxr_tail        (rxr_tail),
        .rxr_itr_count   (rxr_itr_count),
        .rxr_itr_timer   (rxr_itr_timer),
        .rxr_head        (rxr_head),
        .txr_base        (txr_base),
        .txr_size        (txr_size),
        .txr_tail        (txr_tail),
        .txr_itr_count   (txr_itr_count),
        .txr_itr_timer   (txr_itr_timer),
        .txr_head        (txr_head),
        .ring_trig       (ring_trig),
        .vf_int_mask     (vf_int_mask),
        .pf_trig         (pf_trig),
        .pf_send         (pf_send),
        .cmd_commit      (cmd_commit),
        .cmd_reset       (cmd_reset),
        .cmd_clear       (cmd_clear),
        .cmd_vnic        (cmd_vnic),
        .cmd_mac         (cmd_mac),
        .cmd_pol_burst   (cmd_pol_burst),
        .cmd_sch_burst   (cmd_sch_burst),
        .cmd_tx_burst    (cmd_tx_burst),
        .flr_req         (flr_req),
        .flr_ready       (flr_ready),
        .dec_now         (dec_now),
        .rx_used         (rx_used),
        .tx_used         (tx_used),
        .halted          (halted),
        .fault_take      (fault_take),
        .rx_fault_valid  (rx_fault_valid),
        .rx_fault_ready  (rx_fault_ready),
        .rx_fault_vnic   (rx_fault_vnic),
        .rx_fault_reason (rx_fault_reason),
        .rx_fault_addr   (rx_fault_addr),
        .tx_fault_valid  (tx_fault_valid),
        .tx_fault_ready  (tx_fault_ready),
        .tx_fault_vnic   (tx_fault_vnic),
        .tx_fault_reason (tx_fault_reason),
        .tx_fault_addr   (tx_fault_addr),
        .vstat_add       (vstat_add),
        .gstat_add       (gstat_add)
    );

    // ---------------------------------------------- output observation
    // AXI4-Lite 41, global 22, active configuration 399 per vNIC + 160 per
    // window, the windows' write port 6 + 160 per window of a vNIC, rings 248
    // per vNIC, interrupts/commands/faults 134 + 3 per vNIC
    localparam integer N_OUT = 41 + 22 + NV * 399 + NWV * 160 + 6 + NUM_WIN * 160 + NV * 248 + 3 * NV + 134;
    wire [N_OUT-1:0] out_w = {
        s_axil_awready, s_axil_wready, s_axil_bresp, s_axil_bvalid, s_axil_arready,
        s_axil_rdata, s_axil_rresp, s_axil_rvalid,
        g_rx_en, g_tx_en, g_def_en, g_def_vnic, g_max_frame,
        cfg_flags, cfg_mac, cfg_rx_base, cfg_rx_size, cfg_tx_base, cfg_tx_size,
        cfg_pol_rate, cfg_pol_burst, cfg_sch_guar, cfg_sch_ceil, cfg_sch_burst,
        cfg_sch_weight, cfg_tx_weight, cfg_tx_rate, cfg_tx_burst,
        cfg_win_gbase, cfg_win_hbase, cfg_win_size,
        win_we, win_wv, win_wgbase, win_whbase, win_wsize,
        rxr_base, rxr_size, rxr_tail, rxr_itr_count, rxr_itr_timer,
        txr_base, txr_size, txr_tail, txr_itr_count, txr_itr_timer,
        vf_int_mask, pf_trig, pf_send, cmd_commit, cmd_reset, cmd_clear, cmd_vnic,
        cmd_mac, cmd_pol_burst, cmd_sch_burst, cmd_tx_burst, flr_req,
        halted, fault_take, rx_fault_ready, tx_fault_ready};

    localparam integer N_X1  = (N_OUT + 3) / 4;
    localparam integer N_MID = 64;

    reg [N_X1-1:0]  x1_q;
    reg [N_X1-1:0]  x1_d;
    reg [N_MID-1:0] mid_q;
    reg [N_MID-1:0] mid_d;
    reg [7:0]       dout_q;
    reg [7:0]       dout_d;
    integer         i;

    always @* begin
        x1_d = {N_X1{1'b0}};
        for (i = 0; i < N_OUT; i = i + 1)
            x1_d[i / 4] = x1_d[i / 4] ^ out_w[i];
        mid_d = {N_MID{1'b0}};
        for (i = 0; i < N_X1; i = i + 1)
            mid_d[i % N_MID] = mid_d[i % N_MID] ^ x1_q[i];
        dout_d = 8'd0;
        for (i = 0; i < N_MID; i = i + 1)
            dout_d[i % 8] = dout_d[i % 8] ^ mid_q[i];
    end

    always @(posedge clk) begin
        x1_q   <= x1_d;
        mid_q  <= mid_d;
        dout_q <= dout_d;
    end

    assign dout = dout_q;

endmodule

`default_nettype wire
