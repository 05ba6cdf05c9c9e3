// vnic_fifo: synchronous FIFO in inferred block RAM with a first-word-fall-through output.
`resetall
`timescale 1ns / 1ps
`default_nettype none

/*
 * DEPTH entries of DW bits in a vnic_ram_sdp plus one output register.
 * in_valid writes an entry (the writer guarantees space; in_ready is
 * provided for checking). out_valid/out_data present the oldest entry;
 * out_pop removes it and the next entry (if any) is presented in the next
 * cycle. An entry written at cycle t is visible on the output at t+2 at the
 * earliest. Latency: 2 cycles. Throughput: one entry per cycle.
 */
module vnic_fifo #(
    parameter integer DW    = 32,    // entry width, bits
    parameter integer DEPTH = 512,   // entries in RAM (power of two)
    parameter integer AW    = 9      // log2(DEPTH)
) (
    input  wire          clk,
    input  wire          rst,
    input  wire          in_valid,
    output wire          in_ready,
    input  wire [DW-1:0] in_data,
    output wire          out_valid,
    output wire [DW-1:0] out_data,
    input  wire          out_pop
);

reg [AW:0]   wr_q, wr_d;      // write pointer (one extra bit)
reg [AW:0]   rd_q, rd_d;      // read pointer of the next RAM read
reg          ov_q, ov_d;      // output register valid
reg          rp_q, rp_d;      // a RAM read is in flight (data arrives this cycle)

wire         ram_empty = (wr_q == rd_q);
wire         ram_full  = (wr_q[AW] != rd_q[AW]) && (wr_q[AW-1:0] == rd_q[AW-1:0]);
wire         out_free  = !(ov_q || rp_q) || out_pop;
wire         rd_go     = out_free && !ram_empty;

assign in_ready  = !ram_full;
assign out_valid = ov_q || rp_q;

vnic_ram_sdp #(
    .DW    (DW),
    .DEPTH (DEPTH),
    .AW    (AW)
) u_ram (
    .clk     (clk),
    .wr_en   (in_valid && !ram_full),
    .wr_addr (wr_q[AW-1:0]),
    .wr_data (in_data),
    .rd_en   (rd_go),
    .rd_addr (rd_q[AW-1:0]),
    .rd_data (out_data)
);

always @* begin
    wr_d = wr_q;
    rd_d = rd_q;
    ov_d = ov_q;
    rp_d = 1'b0;
    if (in_valid && !ram_full) wr_d = wr_q + {{AW{1'b0}}, 1'b1};
    ov_d = (ov_q || rp_q) && !out_pop;
    if (rd_go) begin
        rd_d = rd_q + {{AW{1'b0}}, 1'b1};
        rp_d = 1'b1;
    end
end

always @(posedge clk) begin
    if (rst) begin
        wr_q <= {(AW+1){1'b0}};
        rd_q <= {(AW+1){1'b0}};
        ov_q <= 1'b0;
        rp_q <= 1'b0;
    end else begin
        wr_q <= wr_d;
        rd_q <= rd_d;
        ov_q <= ov_d;
        rp_q <= rp_d;
    end
end

endmodule

`resetall
