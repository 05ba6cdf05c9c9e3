// vnic_pll: board clock generator, behavioural model for simulation.
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// Same ports and parameters as the ECP5 version (fpga/rtl/ecp5/vnic_pll.v,
// EHXPLLL 25 or 100 -> 125 MHz; the parameters are ignored). In simulation the test bench drives `clk_in` at the
// system frequency itself: `clk_out` is `clk_in`, and `locked` rises
// after 16 input cycles.
module vnic_pll #(
    parameter CLKI_MHZ         = "25", // ignored
    parameter integer CLKI_DIV = 1     // ignored
) (
    input  wire clk_in,
    output wire clk_out,
    output wire locked
);

    reg [4:0] cnt_q = 5'd0;

    always @(posedge clk_in) begin
        if (!cnt_q[4]) begin
            cnt_q <= cnt_q + 5'd1;
        end
    end

    assign clk_out = clk_in;
    assign locked  = cnt_q[4];

endmodule

`default_nettype wire
