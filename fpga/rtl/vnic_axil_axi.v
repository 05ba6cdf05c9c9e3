// vnic_axil_axi: a 32-bit AXI4-Lite master as a wider AXI4 master (one-beat bursts), for the UART bridge.
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// Each AXI4-Lite write becomes an AXI4 burst of one beat of 4 bytes (ID 0,
// INCR, AxSIZE 2): the 32-bit data is repeated on every 32-bit lane of the
// DATA_W-bit bus and the strobes select the lane the address falls in. A
// read returns that lane of the beat. AXI4-Lite addresses are zero-extended.
//
// One write and one read at a time (what vnic_uart_axil issues): a new
// address is taken only after the previous transaction's response, and W
// passes only after its AW (whose lane it needs).
//
// Latency: none added (the channels are wired through).
module vnic_axil_axi #(
    parameter integer DATA_W = 64, // AXI4 data width in bits (32..1024, power of two)
    parameter integer ADDR_W = 64, // AXI4 address width in bits
    parameter integer ID_W   = 4,  // AXI4 ID width in bits
    parameter integer S_AW   = 19  // AXI4-Lite address width in bits (3..ADDR_W)
) (
    input  wire                clk,
    input  wire                rst,

    // AXI4-Lite slave (32-bit)
    input  wire [S_AW-1:0]     s_axil_awaddr,
    input  wire                s_axil_awvalid,
    output wire                s_axil_awready,
    input  wire [31:0]         s_axil_wdata,
    input  wire [3:0]          s_axil_wstrb,
    input  wire                s_axil_wvalid,
    output wire                s_axil_wready,
    output wire [1:0]          s_axil_bresp,
    output wire                s_axil_bvalid,
    input  wire                s_axil_bready,
    input  wire [S_AW-1:0]     s_axil_araddr,
    input  wire                s_axil_arvalid,
    output wire                s_axil_arready,
    output wire [31:0]         s_axil_rdata,
    output wire [1:0]          s_axil_rresp,
    output wire                s_axil_rvalid,
    input  wire                s_axil_rready,

    // AXI4 master (DATA_W-bit)
    output wire [ID_W-1:0]     m_axi_awid,
    output wire [ADDR_W-1:0]   m_axi_awaddr,
    output wire [7:0]          m_axi_awlen,
    output wire [2:0]          m_axi_awsize,
    output wire [1:0]          m_axi_awburst,
    output wire                m_axi_awvalid,
    input  wire                m_axi_awready,
    output wire [DATA_W-1:0]   m_axi_wdata,
    output wire [DATA_W/8-1:0] m_axi_wstrb,
    output wire                m_axi_wlast,
    output wire                m_axi_wvalid,
    input  wire                m_axi_wready,
    input  wire [1:0]          m_axi_bresp,
    input  wire                m_axi_bvalid,
    output wire                m_axi_bready,
    output wire [ID_W-1:0]     m_axi_arid,
    output wire [ADDR_W-1:0]   m_axi_araddr,
    output wire [7:0]          m_axi_arlen,
    output wire [2:0]          m_axi_arsize,
    output wire [1:0]          m_axi_arburst,
    output wire                m_axi_arvalid,
    input  wire                m_axi_arready,
    input  wire [DATA_W-1:0]   m_axi_rdata,
    input  wire [1:0]          m_axi_rresp,
    input  wire                m_axi_rvalid,
    output wire                m_axi_rready
);

    localparam integer LANES  = DATA_W / 32;
    localparam integer LANE_W = (LANES > 1) ? $clog2(LANES) : 1;

    initial begin
        if (DATA_W < 32 || (DATA_W & (DATA_W - 1)) != 0 || S_AW < 3 || S_AW > ADDR_W) begin
            $display("vnic_axil_axi: DATA_W must be a power of two >= 32, 3 <= S_AW <= ADDR_W");
            $finish;
        end
    end

    // the 32-bit lane of an address
    function [LANE_W-1:0] lane_of(input [S_AW-1:0] a);
        begin
            lane_of = {LANE_W{1'b0}};
            if (LANES > 1) lane_of = a[2 +: LANE_W];
        end
    endfunction

    // ------------------------------------------------------------ write
    reg              w_busy_q;   // AW taken, response not yet
    reg              w_data_q;   // AW taken, W not yet
    reg [LANE_W-1:0] w_lane_q;

    wire aw_fire = s_axil_awvalid && s_axil_awready;
    wire w_fire  = s_axil_wvalid && s_axil_wready;
    wire b_fire  = s_axil_bvalid && s_axil_bready;

    always @(posedge clk) begin
        if (rst) begin
            w_busy_q <= 1'b0;
            w_data_q <= 1'b0;
            w_lane_q <= {LANE_W{1'b0}};
        end else begin
            if (aw_fire) begin
                w_busy_q <= 1'b1;
                w_data_q <= 1'b1;
                w_lane_q <= lane_of(s_axil_awaddr);
            end
            if (w_fire) w_data_q <= 1'b0;
            if (b_fire) w_busy_q <= 1'b0;
        end
    end

    assign m_axi_awid     = {ID_W{1'b0}};
    assign m_axi_awaddr   = {{(ADDR_W-S_AW){1'b0}}, s_axil_awaddr};
    assign m_axi_awlen    = 8'd0;
    assign m_axi_awsize   = 3'd2;
    assign m_axi_awburst  = 2'b01;
    assign m_axi_awvalid  = s_axil_awvalid && !w_busy_q;
    assign s_axil_awready = m_axi_awready && !w_busy_q;

    assign m_axi_wdata    = {LANES{s_axil_wdata}};
    assign m_axi_wstrb    = {{(DATA_W/8-4){1'b0}}, s_axil_wstrb} << (4 * w_lane_q);
    assign m_axi_wlast    = 1'b1;
    assign m_axi_wvalid   = s_axil_wvalid && w_data_q;
    assign s_axil_wready  = m_axi_wready && w_data_q;

    assign s_axil_bresp   = m_axi_bresp;
    assign s_axil_bvalid  = m_axi_bvalid;
    assign m_axi_bready   = s_axil_bready;

    // ------------------------------------------------------------- read
    reg              r_busy_q;   // AR taken, data not yet
    reg [LANE_W-1:0] r_lane_q;

    wire ar_fire = s_axil_arvalid && s_axil_arready;
    wire r_fire  = s_axil_rvalid && s_axil_rready;

    always @(posedge clk) begin
        if (rst) begin
            r_busy_q <= 1'b0;
            r_lane_q <= {LANE_W{1'b0}};
        end else begin
            if (ar_fire) begin
                r_busy_q <= 1'b1;
                r_lane_q <= lane_of(s_axil_araddr);
            end
            if (r_fire) r_busy_q <= 1'b0;
        end
    end

    assign m_axi_arid     = {ID_W{1'b0}};
    assign m_axi_araddr   = {{(ADDR_W-S_AW){1'b0}}, s_axil_araddr};
    assign m_axi_arlen    = 8'd0;
    assign m_axi_arsize   = 3'd2;
    assign m_axi_arburst  = 2'b01;
    assign m_axi_arvalid  = s_axil_arvalid && !r_busy_q;
    assign s_axil_arready = m_axi_arready && !r_busy_q;

    assign s_axil_rdata   = m_axi_rdata[32 * r_lane_q +: 32];
    assign s_axil_rresp   = m_axi_rresp;
    assign s_axil_rvalid  = m_axi_rvalid;
    assign m_axi_rready   = s_axil_rready;

endmodule

`default_nettype wire
