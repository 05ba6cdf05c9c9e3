// vnic_tx_crc: CRC-32 trailing-zero-byte correction: takes k zero bytes back out of a CRC-32 register.
`resetall
`timescale 1ns / 1ps
`default_nettype none

/*
 * Combinational helper of vnic_tx_out, beside the shared forward update
 * vnic_crc32 (reflected IEEE 802.3 register, byte lane 0 first).
 *
 *   crc_out = the register crc_in was before `skip` more zero bytes
 *             (skip = 0..W-1) were shifted in.
 *
 * The last data word of a frame, with m < W valid bytes, is run through
 * vnic_crc32 whole with zero lanes above m; this block then removes the
 * W - m zero bytes. A zero byte maps the register linearly and invertibly
 * (the polynomial has an x^0 term), so W - 1 constant 32x32 matrices,
 * computed at elaboration, replace W partial-word CRC updates. Each output
 * bit is the XOR of a constant-masked crc_in, then a W-way select.
 *
 * Latency: combinational. Throughput: one correction per evaluation.
 */
module vnic_tx_crc #(
    parameter integer DATA_W = 64                       // word width, bits: 64, 128 or 256
) (
    input  wire [31:0]                 crc_in,
    input  wire [$clog2(DATA_W/8)-1:0] skip,             // zero bytes to take back, 0..W-1
    output wire [31:0]                 crc_out
);

localparam integer W  = DATA_W / 8;
localparam integer KB = $clog2(W);
localparam [31:0]  POLY = 32'hEDB88320;                 // reflected 0x04C11DB7

generate
    if (DATA_W != 64 && DATA_W != 128 && DATA_W != 256) begin : gen_err_data_w
        vnic_error_DATA_W_must_be_64_128_or_256 u_error ();
    end
endgenerate

// Inverse of k zero bytes (8k inverse bit steps), tracked symbolically:
// row j (output bit j) is the mask of crc_in bits it is the XOR of, at [j*32 +: 32].
// One forward step is s = (s >> 1) ^ (s[0] ? POLY : 0); as POLY[31] = 1,
// s[0] is the new bit 31, so the inverse is s = ((s ^ (s[31] ? POLY : 0)) << 1) | s[31].
function [32*32-1:0] back_rows;
    input integer k;
    integer       b, p;
    reg [31:0]    t;
    begin
        for (p = 0; p < 32; p = p + 1)
            back_rows[p*32 +: 32] = 32'd1 << p;
        for (b = 0; b < 8 * k; b = b + 1) begin
            t = back_rows[31*32 +: 32];
            for (p = 31; p > 0; p = p - 1)
                back_rows[p*32 +: 32] = back_rows[(p-1)*32 +: 32] ^ (POLY[p-1] ? t : 32'd0);
            back_rows[0 +: 32] = t;
        end
    end
endfunction

wire [W*32-1:0] back_all;

genvar gk, gj;
generate
    for (gk = 0; gk < W; gk = gk + 1) begin : gen_back
        localparam [32*32-1:0] BACK = back_rows(gk);
        for (gj = 0; gj < 32; gj = gj + 1) begin : gen_bit
            assign back_all[gk*32 + gj] = ^(crc_in & BACK[gj*32 +: 32]);
        end
    end
endgenerate

reg [31:0] sel;
integer    s;
always @* begin
    sel = crc_in;
    for (s = 0; s < W; s = s + 1)
        if (skip == s[KB-1:0]) sel = back_all[s*32 +: 32];
end
assign crc_out = sel;

endmodule

`resetall
