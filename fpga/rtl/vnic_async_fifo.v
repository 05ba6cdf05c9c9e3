// vnic_async_fifo: small dual-clock FIFO with Gray-coded pointers.
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// 2^ADDR_W entries of WIDTH bits. Each side's pointer crosses to the other
// clock through a two-flop synchroniser in Gray code, so `s_ready` (not
// full) and `m_valid` (not empty) are conservative: a write becomes
// visible to the reader 2-3 read cycles later, and freed space to the
// writer 2-3 write cycles later. The storage is a register array read
// asynchronously (LUT RAM or flip-flops).
//
// Reset: both resets must be asserted together for at least three cycles
// of the slower clock.
//
// Throughput: one entry per cycle on each side.
module vnic_async_fifo #(
    parameter integer WIDTH  = 10, // entry width in bits
    parameter integer ADDR_W = 4   // log2 of the depth in entries (>= 2)
) (
    // write side
    input  wire             s_clk,
    input  wire             s_rst,
    input  wire [WIDTH-1:0] s_data,
    input  wire             s_valid,
    output wire             s_ready,

    // read side
    input  wire             m_clk,
    input  wire             m_rst,
    output wire [WIDTH-1:0] m_data,
    output wire             m_valid,
    input  wire             m_ready
);

    localparam integer DEPTH = 1 << ADDR_W;

    initial begin
        if (ADDR_W < 2) begin
            $display("vnic_async_fifo: ADDR_W must be >= 2");
            $finish;
        end
    end

    reg [WIDTH-1:0] mem [0:DEPTH-1];

    function [ADDR_W:0] bin2gray(input [ADDR_W:0] b);
        bin2gray = b ^ (b >> 1);
    endfunction

    // --------------------------------------------------------- write side
    reg [ADDR_W:0] wbin_q, wgray_q;
    reg [ADDR_W:0] rgray_s1_q, rgray_s2_q; // read pointer, synchronised

    wire [ADDR_W:0] wbin_inc  = wbin_q + 1'b1;
    wire            full      = (wgray_q == {~rgray_s2_q[ADDR_W:ADDR_W-1], rgray_s2_q[ADDR_W-2:0]});
    wire            w_fire    = s_valid && !full;

    always @(posedge s_clk) begin
        if (w_fire) begin
            mem[wbin_q[ADDR_W-1:0]] <= s_data;
        end
    end

    always @(posedge s_clk) begin
        if (s_rst) begin
            wbin_q     <= {(ADDR_W+1){1'b0}};
            wgray_q    <= {(ADDR_W+1){1'b0}};
            rgray_s1_q <= {(ADDR_W+1){1'b0}};
            rgray_s2_q <= {(ADDR_W+1){1'b0}};
        end else begin
            rgray_s1_q <= rgray_q;
            rgray_s2_q <= rgray_s1_q;
            if (w_fire) begin
                wbin_q  <= wbin_inc;
                wgray_q <= bin2gray(wbin_inc);
            end
        end
    end

    assign s_ready = !full;

    // ---------------------------------------------------------- read side
    reg [ADDR_W:0] rbin_q, rgray_q;
    reg [ADDR_W:0] wgray_s1_q, wgray_s2_q; // write pointer, synchronised

    wire [ADDR_W:0] rbin_inc = rbin_q + 1'b1;
    wire            empty    = (rgray_q == wgray_s2_q);
    wire            r_fire   = m_ready && !empty;

    always @(posedge m_clk) begin
        if (m_rst) begin
            rbin_q     <= {(ADDR_W+1){1'b0}};
            rgray_q    <= {(ADDR_W+1){1'b0}};
            wgray_s1_q <= {(ADDR_W+1){1'b0}};
            wgray_s2_q <= {(ADDR_W+1){1'b0}};
        end else begin
            wgray_s1_q <= wgray_q;
            wgray_s2_q <= wgray_s1_q;
            if (r_fire) begin
                rbin_q  <= rbin_inc;
                rgray_q <= bin2gray(rbin_inc);
            end
        end
    end

    assign m_data  = mem[rbin_q[ADDR_W-1:0]];
    assign m_valid = !empty;

endmodule

`default_nettype wire
