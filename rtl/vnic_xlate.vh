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
//
// The check is split in three, so that a caller can register between the
// parts: xl_hit (which windows hold the access; the only part that reads
// len), xl_page (every window's host page; does not read len) and xl_pick
// (the last hit window's page). xl is the three in one cycle.

// bit w: [g, g + len) lies inside window w
function [NUM_WIN-1:0] xl_hit;
    input [NUM_WIN*64-1:0] h_gb;             // GBASE of window w at [w*64 +: 64]
    input [NUM_WIN*32-1:0] h_sz;             // SIZE, bytes
    input [63:0]           h_g;              // guest address
    input [15:0]           h_len;            // access length, bytes
    integer h_w;
    reg [16:0] h_e;                          // h_g[11:0] + h_len
    reg [4:0]  h_c;                          // 4 KiB pages the access reaches from h_g's page
    reg [52:0] h_d;                          // h_g - GBASE_w in pages, borrow in bit 52
    reg [20:0] h_r;                          // SIZE_w - (h_g - GBASE_w) in pages, borrow in bit 20
    begin
        h_e = {5'd0, h_g[11:0]} + {1'b0, h_len};
        h_c = h_e[16:12] + {4'd0, h_e[11:0] != 12'd0};
        for (h_w = 0; h_w < NUM_WIN; h_w = h_w + 1) begin
            h_d = {1'b0, h_g[63:12]} - {1'b0, h_gb[h_w*64 + 12 +: 52]};
            h_r = {1'b0, h_sz[h_w*32 + 12 +: 20]} - {1'b0, h_d[19:0]};
            xl_hit[h_w] = h_sz[h_w*32 + 12 +: 20] != 20'd0 && !h_d[52] && h_d[51:20] == 32'd0 && !h_r[20]
                          && (h_r[19:5] != 15'd0 || h_r[4:0] >= h_c);
        end
    end
endfunction

// window w's host page of the access at [w*52 +: 52]: HBASE_w[63:12] + the
// low 20 bits of g - GBASE_w in pages, + 1 if add8 and g[11:0] + 8 carries
// (what a window that holds the access gives; meaningless for the others)
function [NUM_WIN*52-1:0] xl_page;
    input [NUM_WIN*64-1:0] p_gb;             // GBASE
    input [NUM_WIN*64-1:0] p_hb;             // HBASE
    input [31:3]           p_g;              // guest address, bits 31..3
    input                  p_add8;           // the host address + 8
    integer p_w;
    reg [19:0] p_d;
    reg        p_cy;                         // carry of p_g[11:0] + 8
    begin
        p_cy = p_add8 && p_g[11:3] == 9'h1ff;
        for (p_w = 0; p_w < NUM_WIN; p_w = p_w + 1) begin
            p_d = p_g[31:12] - p_gb[p_w*64 + 12 +: 20];
            xl_page[p_w*52 +: 52] = p_hb[p_w*64 + 12 +: 52] + {32'd0, p_d} + {51'd0, p_cy};
        end
    end
endfunction

// {ok, host address}: the page of the last hit window and g[11:0] (+ 8); no
// hit: ok = 0 and the address 0 (page 1 if g[11:0] + 8 carries with add8)
function [64:0] xl_pick;
    input [NUM_WIN-1:0]    k_hit;
    input [NUM_WIN*52-1:0] k_page;
    input [11:0]           k_g;              // guest address, bits 11..0
    input                  k_add8;
    integer k_w;
    reg        k_ok;
    reg [51:0] k_hs;
    reg [12:0] k_lo;                         // k_g[11:0] (+ 8)
    begin
        k_lo = {1'b0, k_g} + {9'd0, k_add8, 3'd0};
        k_ok = 1'b0;
        k_hs = {51'd0, k_lo[12]};
        for (k_w = 0; k_w < NUM_WIN; k_w = k_w + 1)
            if (k_hit[k_w]) begin
                k_ok = 1'b1;
                k_hs = k_page[k_w*52 +: 52];
            end
        xl_pick = {k_ok, k_hs, k_ok ? k_lo[11:0] : 12'd0};
    end
endfunction

function [64:0] xl;
    input [NUM_WIN*64-1:0] x_gb;             // GBASE of window w at [w*64 +: 64]
    input [NUM_WIN*64-1:0] x_hb;             // HBASE
    input [NUM_WIN*32-1:0] x_sz;             // SIZE, bytes
    input [63:0]           x_g;              // guest address
    input [15:0]           x_len;            // access length, bytes
    input                  x_add8;           // return the host address + 8
    begin
        xl = xl_pick(xl_hit(x_gb, x_sz, x_g, x_len), xl_page(x_gb, x_hb, x_g[31:3], x_add8),
                     x_g[11:0], x_add8);
    end
endfunction
