// vnic_board_regs: the board's own read-only registers (identity, MAC shim event counts), AXI4-Lite.
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// Offsets (32-bit words; the board core maps them at 0x40000 of the UART
// bridge's space, above the device's 256 KiB of registers):
//   0x00 B.ID           0x564E4942 ('VNIB')
//   0x04 B.RX_LOST      bytes lost at the MAC shim's receive side (wraps at 2^16)
//   0x08 B.TX_UNDERRUN  frames the MAC shim spoiled by a transmit underrun (wraps at 2^16)
// Any other offset reads 0. Every write answers SLVERR and changes nothing.
//
// Latency: read data and write response one cycle after the request. One
// transaction of each kind at a time.
module vnic_board_regs #(
    parameter integer ADDR_W = 16 // AXI4-Lite read address bits (>= 4)
) (
    input  wire              clk,
    input  wire              rst,

    input  wire              s_axil_awvalid,   // (every write is refused: no address needed)
    output wire              s_axil_awready,
    input  wire              s_axil_wvalid,
    output wire              s_axil_wready,
    output wire [1:0]        s_axil_bresp,
    output wire              s_axil_bvalid,
    input  wire              s_axil_bready,
    input  wire [ADDR_W-1:2] s_axil_araddr,     // word address (the byte offset is not needed)
    input  wire              s_axil_arvalid,
    output wire              s_axil_arready,
    output wire [31:0]       s_axil_rdata,
    output wire [1:0]        s_axil_rresp,
    output wire              s_axil_rvalid,
    input  wire              s_axil_rready,

    input  wire [15:0]       rx_lost_bytes,
    input  wire [15:0]       tx_underruns
);

    localparam [31:0] BOARD_ID        = 32'h564E4942;
    localparam [3:0]  OFF_ID          = 4'h0;  // register offsets (the test bench reads them here)
    localparam [3:0]  OFF_RX_LOST     = 4'h4;
    localparam [3:0]  OFF_TX_UNDERRUN = 4'h8;

    // write: AW and W taken together, answered SLVERR
    reg  bvalid_q;
    wire w_take = s_axil_awvalid && s_axil_wvalid && !bvalid_q;

    // read
    reg        rvalid_q;
    reg [31:0] rdata_q;
    wire       r_take = s_axil_arvalid && !rvalid_q;

    always @(posedge clk) begin
        if (rst) begin
            bvalid_q <= 1'b0;
            rvalid_q <= 1'b0;
            rdata_q  <= 32'd0;
        end else begin
            if (w_take)                      bvalid_q <= 1'b1;
            else if (s_axil_bready)          bvalid_q <= 1'b0;
            if (r_take) begin
                rvalid_q <= 1'b1;
                if (s_axil_araddr == OFF_ID[ADDR_W-1:2])               rdata_q <= BOARD_ID;
                else if (s_axil_araddr == OFF_RX_LOST[ADDR_W-1:2])     rdata_q <= {16'd0, rx_lost_bytes};
                else if (s_axil_araddr == OFF_TX_UNDERRUN[ADDR_W-1:2]) rdata_q <= {16'd0, tx_underruns};
                else                                                   rdata_q <= 32'd0;
            end else if (s_axil_rready) begin
                rvalid_q <= 1'b0;
            end
        end
    end

    assign s_axil_awready = w_take;
    assign s_axil_wready  = w_take;
    assign s_axil_bresp   = 2'b10;
    assign s_axil_bvalid  = bvalid_q;
    assign s_axil_arready = r_take;
    assign s_axil_rdata   = rdata_q;
    assign s_axil_rresp   = 2'b00;
    assign s_axil_rvalid  = rvalid_q;

endmodule

`default_nettype wire
