// vnic_xlate.vh: guest-to-host address translation through one vNIC's DMA
// windows, the function both DMA engines use (vnic_rx_dma directly, the TX
// DMA through vnic_tx_xlate / vnic_dma_xlate). Included inside a module that
// has the parameter NUM_WIN (windows per vNIC, 1..4).
//
// Latency: combinational. Per window one page subtract (g - GBASE), one
// 20-bit room subtract and one host-page add, all in parallel; the checks
// only select the hit window's host page (the last window that holds the
// access; windows of one vNIC never overlap, COMMIT refuses it).
//
// xl returns {ok, host address}; [g, g + len) lies inside window w iff
// SIZE_w != 0, 0 <= g - GBASE_w < 2^32 and g - GBASE_w + len <= SIZE_w. The
// windows come from committed configurations, so GBASE, HBASE and SIZE are
// multiples of 4 KiB (COMMIT refuses others: RANGE, §3) and only their bits
// 12 and up take part: with dH = g[63:12] - GBASE_w[63:12] (its borrow is the
// g >= GBASE test) and e = g[11:0] + len, the access fits iff
// SIZE_w[31:12] - dH >= ceil(e / 4096). The last window that holds the access
// gives the host address {HBASE[63:12] + dH, g[11:0]}, plus 8 if add8 (the
// carry of g[11:0] + 8 goes into the page add). No hit: ok = 0 and the
// address 0 (page 1 if g[11:0] + 8 carries with add8).
function [64:0] xl;
    input [NUM_WIN*64-1:0] x_gb;             // GBASE of window x_w at [x_w*64 +: 64]
    input [NUM_WIN*64-1:0] x_hb;             // HBASE
    input [NUM_WIN*32-1:0] x_sz;             // SIZE, bytes
    input [63:0]           x_g;              // guest address
    input [15:0]           x_len;            // access length, bytes
    input                  x_add8;           // return the host address + 8
    integer x_w;
    reg [16:0] x_e;                          // x_g[11:0] + x_len
    reg [4:0]  x_c;                          // 4 KiB pages the access reaches from x_g's page
    reg [52:0] x_d;                          // x_g - GBASE_w in pages, borrow in bit 52
    reg [20:0] x_r;                          // SIZE_w - (x_g - GBASE_w) in pages, borrow in bit 20
    reg        x_ok;
    reg [51:0] x_hw;                         // host page of the access through window x_w
    reg [51:0] x_hs;                         // ... of the selected window
    reg [12:0] x_lo;                         // x_g[11:0] (+ 8)
    begin
        x_e = {5'd0, x_g[11:0]} + {1'b0, x_len};
        x_c = x_e[16:12] + {4'd0, x_e[11:0] != 12'd0};
        x_lo = {1'b0, x_g[11:0]} + {9'd0, x_add8, 3'd0};
        x_ok = 1'b0;
        x_hs = {51'd0, x_lo[12]};              // no hit (as 0 + 0 + carry)
        // every window's host page is added in parallel with its checks:
        // the checks only select
        for (x_w = 0; x_w < NUM_WIN; x_w = x_w + 1) begin
            x_d = {1'b0, x_g[63:12]} - {1'b0, x_gb[x_w*64 + 12 +: 52]};
            x_r = {1'b0, x_sz[x_w*32 + 12 +: 20]} - {1'b0, x_d[19:0]};
            x_hw = x_hb[x_w*64 + 12 +: 52] + {32'd0, x_d[19:0]} + {51'd0, x_lo[12]};
            if (x_sz[x_w*32 + 12 +: 20] != 20'd0 && !x_d[52] && x_d[51:20] == 32'd0 && !x_r[20]
                && (x_r[19:5] != 15'd0 || x_r[4:0] >= x_c)) begin
                x_ok = 1'b1;
                x_hs = x_hw;
            end
        end
        xl = {x_ok, x_hs, x_ok ? x_lo[11:0] : 12'd0};
    end
endfunction
