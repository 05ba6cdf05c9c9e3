// vnic_crc32: combinational CRC-32 (IEEE 802.3, reflected) update over NBYTES bytes.
`resetall
`timescale 1ns / 1ps
`default_nettype none

/*
 * crc_out = the CRC-32 register after shifting in data_in[7:0] first (LSB
 * first within each byte), then data_in[15:8], ... up to NBYTES bytes, from
 * the register value crc_in. No initial value and no final inversion are
 * applied here: with crc_in = 32'hFFFFFFFF and the final inversion done by
 * the caller this is zlib's crc32(); over a whole frame including a correct
 * FCS the register ends at the residue 32'hDEBB20E3.
 *
 * The update is a GF(2) matrix computed at elaboration by a constant
 * function (each output bit is the XOR of a fixed subset of the 32 + 8*NBYTES
 * input bits), so it costs one XOR tree per output bit and no registers; the
 * parities are formed 64 data bits at a time, which keeps simulators on
 * native words.
 * Latency: combinational. Throughput: NBYTES bytes per evaluation.
 */
module vnic_crc32 #(
    parameter integer NBYTES = 8          // bytes per update, 1..32
) (
    input  wire [31:0]           crc_in,
    input  wire [8*NBYTES-1:0]   data_in,
    output wire [31:0]           crc_out
);

localparam integer NI = 32 + 8 * NBYTES;   // matrix inputs: {data, crc}
localparam [31:0]  POLY = 32'hEDB88320;    // reflected IEEE 802.3 polynomial

generate
    if (NBYTES < 1 || NBYTES > 32) begin : gen_err_nbytes
        vnic_error_crc32_NBYTES_must_be_1_to_32 u_error ();
    end
endgenerate

// Row i of the update matrix: input bits that feed crc_out[i]. The state is
// tracked symbolically: bit j of the register is a set of input bits.
function [32*NI-1:0] crc_matrix;
    input integer nbits;                    // data bits shifted in
    reg [32*NI-1:0] st;
    reg [NI-1:0]    fb;
    integer b, j;
    begin
        for (j = 0; j < 32; j = j + 1) begin
            st[j*NI +: NI] = {NI{1'b0}};
            st[j*NI + j] = 1'b1;            // register bit j starts as crc_in[j]
        end
        for (b = 0; b < nbits; b = b + 1) begin
            fb = st[0 +: NI];
            fb[32 + b] = fb[32 + b] ^ 1'b1; // feedback = crc[0] ^ data bit b
            for (j = 0; j < 31; j = j + 1)
                st[j*NI +: NI] = st[(j+1)*NI +: NI] ^ (POLY[j] ? fb : {NI{1'b0}});
            st[31*NI +: NI] = POLY[31] ? fb : {NI{1'b0}};
        end
        crc_matrix = st;
    end
endfunction

localparam [32*NI-1:0] MAT = crc_matrix(8 * NBYTES);

// bits lo .. lo+cnt-1 of a matrix row, zero-extended to 64
function [63:0] chunk;
    input [NI-1:0] row;
    input integer  lo;
    input integer  cnt;
    integer b;
    begin
        chunk = 64'd0;
        for (b = 0; b < cnt; b = b + 1)
            chunk[b] = row[lo + b];
    end
endfunction

localparam integer     NC  = (NBYTES + 7) / 8;          // 64-bit data chunks
localparam integer     DB  = 8 * NBYTES;

// each output bit: parity of (row & crc) and of (row & data), 64 bits at a
// time (keeps simulators on native words)
wire [NC*64-1:0] dpad;
generate
    if (NC * 64 == DB) begin : gen_dfull
        assign dpad = data_in;
    end else begin : gen_dpad
        wire [NC*64+DB-1:0] dext = {{(NC*64){1'b0}}, data_in};
        assign dpad = dext[NC*64-1:0];
        wire unused_dext = ^dext[NC*64+DB-1:NC*64];
    end
endgenerate

genvar gi, gc;
generate
    for (gi = 0; gi < 32; gi = gi + 1) begin : gen_bit
        localparam [NI-1:0] ROW = MAT[gi*NI +: NI];
        wire [NC-1:0] par;
        for (gc = 0; gc < NC; gc = gc + 1) begin : gen_chunk
            localparam integer LO = 32 + 64 * gc;
            localparam integer NB = (DB - 64 * gc) < 64 ? (DB - 64 * gc) : 64;
            localparam [63:0]  M  = chunk(ROW, LO, NB);
            assign par[gc] = ^(M & dpad[64*gc +: 64]);
        end
        assign crc_out[gi] = ^(ROW[31:0] & crc_in) ^ (^par);
    end
endgenerate

endmodule

`resetall
