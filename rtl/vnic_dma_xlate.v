// vnic_dma_xlate: guest-to-host address translation through one vNIC's DMA windows.
`resetall
`timescale 1ns / 1ps
`default_nettype none

/*
 * docs/architecture.md §6: window w maps guest [GBASE_w, GBASE_w + SIZE_w)
 * to host HBASE_w + (g - GBASE_w). An access of len bytes at guest address g
 * is legal iff [g, g + len) lies inside one window (SIZE_w != 0); windows of
 * one vNIC never overlap (COMMIT refuses it), so at most one window hits.
 * The check is the function `xl` of vnic_xlate.vh (the one vnic_rx_dma
 * uses): page-based, since COMMIT only accepts 4 KiB aligned windows.
 * Outputs: ok and the host address (0 when !ok).
 * Latency: combinational (per window a page subtract, a 20-bit subtract and
 * a host-page add, in parallel; the checks select); callers register the
 * inputs and the outputs.
 */
module vnic_dma_xlate #(
    parameter integer NUM_WIN = 4              // windows, 1..4
) (
    input  wire [NUM_WIN*64-1:0] win_gbase,    // guest base of window w at [w*64 +: 64], 4 KiB aligned
    input  wire [NUM_WIN*64-1:0] win_hbase,    // host base, 4 KiB aligned
    input  wire [NUM_WIN*32-1:0] win_size,     // bytes, 0 = window off, 4 KiB multiple
    input  wire [63:0]           g,            // guest address
    input  wire [15:0]           len,          // access length, bytes (>= 1)
    output wire                  ok,
    output wire [63:0]           h             // host address (0 when !ok)
);

`include "vnic_xlate.vh"

wire [64:0] x = xl(win_gbase, win_hbase, win_size, g, len, 1'b0);

assign ok = x[64];
assign h  = x[63:0];

endmodule

`resetall
