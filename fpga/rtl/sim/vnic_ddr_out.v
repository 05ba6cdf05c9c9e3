// vnic_ddr_out: double-data-rate output register, behavioural model for simulation.
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// Same ports and timing as the ECP5 version (fpga/rtl/ecp5/vnic_ddr_out.v,
// ODDRX1F): d0 and d1 are sampled on the rising edge; q then carries d0
// while the clock is high and d1 while it is low. DELAY_TAPS is ignored here.
module vnic_ddr_out #(
    parameter integer WIDTH      = 1, // bits
    parameter integer DELAY_TAPS = 0  // output delay taps (ECP5 DELAYG, ~25 ps each); ignored
) (
    input  wire             clk,
    input  wire [WIDTH-1:0] d0,
    input  wire [WIDTH-1:0] d1,
    output wire [WIDTH-1:0] q
);

    reg [WIDTH-1:0] d0_q, d1_q;

    always @(posedge clk) begin
        d0_q <= d0;
        d1_q <= d1;
    end

    assign q = clk ? d0_q : d1_q;

endmodule

`default_nettype wire
