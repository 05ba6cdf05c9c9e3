// vnic_ddr_in: double-data-rate input register, behavioural model for simulation.
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// Same ports and timing as the ECP5 version (fpga/rtl/ecp5/vnic_ddr_in.v,
// IDDRX1F): `d` is sampled on the rising edge (first in time) and on the
// following falling edge; both samples appear together on q0 (rising) and
// q1 (falling) after the next rising edge. DELAY_TAPS is ignored here.
module vnic_ddr_in #(
    parameter integer WIDTH      = 1, // bits
    parameter integer DELAY_TAPS = 0  // input delay taps (ECP5 DELAYG, ~25 ps each); ignored
) (
    input  wire             clk,
    input  wire [WIDTH-1:0] d,
    output wire [WIDTH-1:0] q0,
    output wire [WIDTH-1:0] q1
);

    reg [WIDTH-1:0] rise_q, fall_q, q0_q, q1_q;

    always @(posedge clk) begin
        rise_q <= d;
        q0_q   <= rise_q;
        q1_q   <= fall_q;
    end

    always @(negedge clk) begin
        fall_q <= d;
    end

    assign q0 = q0_q;
    assign q1 = q1_q;

endmodule

`default_nettype wire
