// vnic_cdc_count: counts event pulses in one clock domain and shows the count in another.
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// Each cycle `s_pulse` is high in the `s_clk` domain adds one to a W-bit
// counter (wrapping). The counter crosses to `m_clk` in Gray code through a
// two-flop synchroniser, so every value seen on the other side is one the
// counter really held (it moves by one bit per event), and is converted
// back to binary in a register: `m_count` lags the events by 3-4 `m_clk`
// cycles and never skips an event, however fast they come.
//
// Reset: both resets must be asserted together for at least three cycles
// of the slower clock (as for vnic_async_fifo).
module vnic_cdc_count #(
    parameter integer W = 16 // counter width in bits (>= 2)
) (
    input  wire         s_clk,
    input  wire         s_rst,
    input  wire         s_pulse,

    input  wire         m_clk,
    input  wire         m_rst,
    output wire [W-1:0] m_count
);

    function [W-1:0] gray2bin(input [W-1:0] g);
        integer k;
        begin
            gray2bin[W-1] = g[W-1];
            for (k = W - 2; k >= 0; k = k - 1) gray2bin[k] = gray2bin[k+1] ^ g[k];
        end
    endfunction

    // source side
    reg  [W-1:0] bin_q, gray_q;
    wire [W-1:0] bin_inc = bin_q + 1'b1;

    always @(posedge s_clk) begin
        if (s_rst) begin
            bin_q  <= {W{1'b0}};
            gray_q <= {W{1'b0}};
        end else if (s_pulse) begin
            bin_q  <= bin_inc;
            gray_q <= bin_inc ^ (bin_inc >> 1);
        end
    end

    // destination side
    reg [W-1:0] s1_q, s2_q, cnt_q;

    always @(posedge m_clk) begin
        if (m_rst) begin
            s1_q  <= {W{1'b0}};
            s2_q  <= {W{1'b0}};
            cnt_q <= {W{1'b0}};
        end else begin
            s1_q  <= gray_q;
            s2_q  <= s1_q;
            cnt_q <= gray2bin(s2_q);
        end
    end

    assign m_count = cnt_q;

endmodule

`default_nettype wire
