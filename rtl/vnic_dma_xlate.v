// vnic_dma_xlate: guest-to-host address translation through one vNIC's DMA windows.
`resetall
`timescale 1ns / 1ps
`default_nettype none

/*
 * docs/architecture.md §6: window w maps guest [GBASE_w, GBASE_w + SIZE_w)
 * to host HBASE_w + (g - GBASE_w). An access of len bytes at guest address g
 * is legal iff [g, g + len) lies inside one window (SIZE_w != 0); windows of
 * one vNIC never overlap (COMMIT refuses it), so at most one window hits.
 * Outputs: ok, the host address, and room = GBASE_w + SIZE_w - g (bytes
 * from g to the end of the hit window) so a caller can size a batch that
 * stays inside the window.
 * Latency: combinational (a 64-bit subtract, compare and add per window);
 * callers register the inputs and the outputs.
 */
module vnic_dma_xlate #(
    parameter integer NUM_WIN = 4              // windows, 1..4
) (
    input  wire [NUM_WIN*64-1:0] win_gbase,    // guest base of window w at [w*64 +: 64]
    input  wire [NUM_WIN*64-1:0] win_hbase,    // host base
    input  wire [NUM_WIN*32-1:0] win_size,     // bytes, 0 = window off
    input  wire [63:0]           g,            // guest address
    input  wire [15:0]           len,          // access length, bytes (>= 1)
    output reg                   ok,
    output reg  [63:0]           h,            // host address (valid when ok)
    output reg  [31:0]           room          // bytes from g to the window end (valid when ok)
);

integer w;
reg [63:0] d;          // g - GBASE_w
reg [32:0] e;          // offset of the access end in the window
always @* begin
    ok = 1'b0;
    h = 64'd0;
    room = 32'd0;
    d = 64'd0;
    e = 33'd0;
    for (w = 0; w < NUM_WIN; w = w + 1) begin
        // inside iff g >= GBASE and (g - GBASE) + len <= SIZE (SIZE < 2^32)
        d = g - win_gbase[w*64 +: 64];
        e = {1'b0, d[31:0]} + {17'd0, len};
        if (win_size[w*32 +: 32] != 32'd0 && g >= win_gbase[w*64 +: 64] && d[63:32] == 32'd0
            && e <= {1'b0, win_size[w*32 +: 32]}) begin
            ok = 1'b1;
            h = win_hbase[w*64 +: 64] + d;
            room = win_size[w*32 +: 32] - d[31:0];
        end
    end
end

endmodule

`resetall
