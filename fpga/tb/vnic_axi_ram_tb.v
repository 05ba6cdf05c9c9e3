// vnic_axi_ram_tb: burst, strobe, back-pressure and range test of the block-RAM host memory.
`timescale 1ns / 1ps
`default_nettype none
//
// A reference byte array mirrors the 4 KiB memory. 200 random operations:
// INCR write bursts (1..16 beats, random WSTRB, random WVALID gaps) and read
// bursts (1..16 beats, random RREADY back-pressure) at random word
// addresses; each read beat must match the reference, RLAST must mark the
// last beat, IDs must be echoed. Bursts that start or run beyond the
// memory must answer DECERR (reads return 0 there) and must not write.
// Inputs are driven with non-blocking assignments (no race with the DUT's
// clock edge). Ends with `N passed, N failed`; $fatal on failure.
module vnic_axi_ram_tb;

    localparam integer DATA_W = 64;
    localparam integer W      = DATA_W / 8;
    localparam integer SIZE   = 4096;
    localparam integer NOPS   = 200;

    reg clk = 1'b0;
    reg rst = 1'b1;
    always #4 clk = ~clk;

    reg  [3:0]        awid, arid;
    reg  [63:0]       awaddr, araddr;
    reg  [7:0]        awlen, arlen;
    reg               awvalid, wvalid, wlast, bready, arvalid, rready;
    reg  [DATA_W-1:0] wdata;
    reg  [W-1:0]      wstrb;
    wire              awready, wready, bvalid, arready, rvalid, rlast;
    wire [3:0]        bid, rid;
    wire [1:0]        bresp, rresp;
    wire [DATA_W-1:0] rdata;

    vnic_axi_ram #(
        .DATA_W     (DATA_W),
        .ADDR_W     (64),
        .ID_W       (4),
        .SIZE_BYTES (SIZE)
    ) dut (
        .clk           (clk),
        .rst           (rst),
        .s_axi_awid    (awid),
        .s_axi_awaddr  (awaddr),
        .s_axi_awlen   (awlen),
        .s_axi_awsize  (3'd3),
        .s_axi_awburst (2'b01),
        .s_axi_awlock  (1'b0),
        .s_axi_awcache (4'd0),
        .s_axi_awprot  (3'd0),
        .s_axi_awvalid (awvalid),
        .s_axi_awready (awready),
        .s_axi_wdata   (wdata),
        .s_axi_wstrb   (wstrb),
        .s_axi_wlast   (wlast),
        .s_axi_wvalid  (wvalid),
        .s_axi_wready  (wready),
        .s_axi_bid     (bid),
        .s_axi_bresp   (bresp),
        .s_axi_bvalid  (bvalid),
        .s_axi_bready  (bready),
        .s_axi_arid    (arid),
        .s_axi_araddr  (araddr),
        .s_axi_arlen   (arlen),
        .s_axi_arsize  (3'd3),
        .s_axi_arburst (2'b01),
        .s_axi_arlock  (1'b0),
        .s_axi_arcache (4'd0),
        .s_axi_arprot  (3'd0),
        .s_axi_arvalid (arvalid),
        .s_axi_arready (arready),
        .s_axi_rid     (rid),
        .s_axi_rdata   (rdata),
        .s_axi_rresp   (rresp),
        .s_axi_rlast   (rlast),
        .s_axi_rvalid  (rvalid),
        .s_axi_rready  (rready)
    );

    reg [7:0] ref [0:SIZE-1];
    integer   seed, op, beat, lane, nbeats, errors, passed, failed, ok, base, cycles;
    reg [1:0] want_resp;
    reg       full_strb;

    task do_write(input integer addr, input integer n, input [3:0] id);
        begin
            awaddr <= addr; awlen <= n - 1; awid <= id; awvalid <= 1'b1;
            @(posedge clk); while (!awready) @(posedge clk);
            awvalid <= 1'b0;
            want_resp = 2'b00;
            for (beat = 0; beat < n; beat = beat + 1) begin
                while ({$random(seed)} % 4 == 0) begin wvalid <= 1'b0; @(posedge clk); end
                for (lane = 0; lane < W; lane = lane + 1) begin
                    wdata[8*lane +: 8] <= $random(seed);
                    wstrb[lane] <= full_strb || ({$random(seed)} % 3 != 0);
                end
                wlast <= (beat == n - 1); wvalid <= 1'b1;
                @(posedge clk); while (!wready) @(posedge clk);
                if (addr + beat * W + W <= SIZE) begin
                    for (lane = 0; lane < W; lane = lane + 1)
                        if (wstrb[lane]) ref[addr + beat * W + lane] = wdata[8*lane +: 8];
                end else begin
                    want_resp = 2'b11;
                end
            end
            wvalid <= 1'b0; wlast <= 1'b0; bready <= 1'b1;
            @(posedge clk); while (!bvalid) @(posedge clk);
            bready <= 1'b0;
            if (bresp !== want_resp || bid !== id) begin
                $display("ERROR: write @%0d x%0d: bresp %0d (want %0d) bid %0d (want %0d)", addr, n, bresp, want_resp, bid, id);
                ok = 0;
            end
        end
    endtask

    task do_read(input integer addr, input integer n, input [3:0] id);
        begin
            araddr <= addr; arlen <= n - 1; arid <= id; arvalid <= 1'b1;
            @(posedge clk); while (!arready) @(posedge clk);
            arvalid <= 1'b0;
            beat = 0;
            cycles = 0;
            while (beat < n && cycles < 1000) begin
                rready <= ({$random(seed)} % 3 != 0);
                @(posedge clk);
                cycles = cycles + 1;
                if (rvalid && rready) begin
                    base = addr + beat * W;
                    if (rid !== id || rlast !== (beat == n - 1)) begin
                        $display("ERROR: read @%0d beat %0d: rid %0d rlast %0b", addr, beat, rid, rlast);
                        ok = 0;
                    end
                    if (base + W <= SIZE) begin
                        if (rresp !== 2'b00) begin $display("ERROR: read @%0d beat %0d: rresp %0d", addr, beat, rresp); ok = 0; end
                        for (lane = 0; lane < W; lane = lane + 1)
                            if (rdata[8*lane +: 8] !== ref[base + lane]) begin
                                if (ok) $display("ERROR: read @%0d byte %0d: %02x, expected %02x", addr, base + lane, rdata[8*lane +: 8], ref[base + lane]);
                                ok = 0;
                            end
                    end else if (rresp !== 2'b11 || rdata !== {DATA_W{1'b0}}) begin
                        $display("ERROR: read beyond memory @%0d: rresp %0d data %x", base, rresp, rdata);
                        ok = 0;
                    end
                    beat = beat + 1;
                end
            end
            rready <= 1'b0;
            if (beat < n) begin $display("ERROR: read @%0d: %0d of %0d beats", addr, beat, n); ok = 0; end
        end
    endtask

    initial begin
        seed = 7; passed = 0; failed = 0;
        awvalid = 0; wvalid = 0; wlast = 0; bready = 0; arvalid = 0; rready = 0;
        awid = 0; arid = 0; awaddr = 0; araddr = 0; awlen = 0; arlen = 0; wdata = 0; wstrb = 0;
        repeat (5) @(posedge clk);
        rst = 1'b0;
        // initialise the whole memory and the reference (all strobes on)
        ok = 1;
        full_strb = 1'b1;
        for (op = 0; op < SIZE / (16 * W); op = op + 1) begin
            do_write(op * 16 * W, 16, 4'd1);
        end
        do_read(0, 16, 4'd2);
        full_strb = 1'b0;
        if (ok) passed = passed + 1; else failed = failed + 1;
        for (op = 0; op < NOPS; op = op + 1) begin
            ok = 1;
            nbeats = 1 + {$random(seed)} % 16;
            base = ({$random(seed)} % (SIZE / W + 8)) * W; // sometimes runs past the end
            if ({$random(seed)} % 2) do_write(base, nbeats, $random(seed));
            else                     do_read(base, nbeats, $random(seed));
            if (ok) passed = passed + 1; else failed = failed + 1;
        end
        $display("vnic_axi_ram_tb: %0d bursts", NOPS + 1);
        $display("%0d passed, %0d failed", passed, failed);
        if (failed != 0) $fatal(1, "vnic_axi_ram_tb: FAIL");
        $finish;
    end

    initial begin
        #5_000_000;
        $fatal(1, "vnic_axi_ram_tb: time-out");
    end

endmodule

`default_nettype wire
