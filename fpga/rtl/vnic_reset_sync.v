// vnic_reset_sync: turns an asynchronous reset request into a synchronous active-high reset.
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// `rst_out` rises asynchronously with `rst_in` (so a clock that stops
// still sees reset) and falls synchronously STAGES cycles after `rst_in`
// falls, so every flop of the domain leaves reset on the same edge.
module vnic_reset_sync #(
    parameter integer STAGES = 4 // release delay in clock cycles (>= 2)
) (
    input  wire clk,
    input  wire rst_in,  // asynchronous, active high
    output wire rst_out  // synchronous to clk, active high
);

    reg [STAGES-1:0] sync_q = {STAGES{1'b1}};

    always @(posedge clk or posedge rst_in) begin
        if (rst_in) begin
            sync_q <= {STAGES{1'b1}};
        end else begin
            sync_q <= {sync_q[STAGES-2:0], 1'b0};
        end
    end

    assign rst_out = sync_q[STAGES-1];

endmodule

`default_nettype wire
