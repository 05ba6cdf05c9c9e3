// vnic_rgmii_loop_tb: RGMII loopback test of vnic_rgmii_mac (DDR I/O, GMII shims, clock crossing, width conversion).
`timescale 1ns / 1ps
`default_nettype none
//
// Frames of random length (60..1518 bytes, random bytes) are sent into the
// transmit stream; RGMII TX is looped to RGMII RX with RXC delayed 2 ns
// (what the PHY's receive delay does), and every received frame must come
// back byte-exact, in order, with tuser = 0. The GMII transmit side is
// checked for 7x 0x55 + 0xD5 before every frame and at least 12 idle
// bytes between frames, and neither side may underrun or overflow. The
// transmit clock is 125 MHz; the device-side clock `clk` is 50 MHz (the
// board tops' system clock) or, with +sys_period_ps=N, any period: the
// tests run it at 50 and 125 MHz. Ends with `N passed, N failed`; exits
// non-zero on any failure (Icarus: $fatal).
module vnic_rgmii_loop_tb;

    localparam integer DATA_W  = 64;
    localparam integer W       = DATA_W / 8;
    localparam integer NFRAMES = 24;
    localparam integer MAXLEN  = 1518;

    reg     clk    = 1'b0;  // device side
    reg     tx_clk = 1'b0;  // RGMII transmit, 125 MHz
    reg     rst    = 1'b1;
    integer sys_period_ps;
    initial begin
        if (!$value$plusargs("sys_period_ps=%d", sys_period_ps)) sys_period_ps = 20000; // 50 MHz
        $display("vnic_rgmii_loop_tb: clk period %0d ps, tx_clk 8000 ps", sys_period_ps);
        forever #(sys_period_ps / 2000.0) clk = ~clk;
    end
    always #4 tx_clk = ~tx_clk;

    wire       txc, tx_ctl, rx_overflow, rx_frame, tx_frame, tx_underrun;
    wire [3:0] txd;
    wire       rxc;
    wire [15:0] rx_lost_bytes, tx_underruns;
    assign #2 rxc = txc; // PHY-style 2 ns clock delay on the receive side

    reg  [DATA_W-1:0] tx_tdata;
    reg  [W-1:0]      tx_tkeep;
    reg               tx_tvalid, tx_tlast;
    wire              tx_tready;
    wire [DATA_W-1:0] rx_tdata;
    wire [W-1:0]      rx_tkeep;
    wire              rx_tvalid, rx_tlast, rx_tuser;

    vnic_rgmii_mac #(
        .DATA_W        (DATA_W),
        .RX_DELAY_TAPS (0)
    ) dut (
        .clk              (clk),
        .rst              (rst),
        .tx_clk           (tx_clk),
        .rgmii_rxc        (rxc),
        .rgmii_rxd        (txd),
        .rgmii_rx_ctl     (tx_ctl),
        .rgmii_txc        (txc),
        .rgmii_txd        (txd),
        .rgmii_tx_ctl     (tx_ctl),
        .m_axis_rx_tdata  (rx_tdata),
        .m_axis_rx_tkeep  (rx_tkeep),
        .m_axis_rx_tvalid (rx_tvalid),
        .m_axis_rx_tready (1'b1),
        .m_axis_rx_tlast  (rx_tlast),
        .m_axis_rx_tuser  (rx_tuser),
        .s_axis_tx_tdata  (tx_tdata),
        .s_axis_tx_tkeep  (tx_tkeep),
        .s_axis_tx_tvalid (tx_tvalid),
        .s_axis_tx_tready (tx_tready),
        .s_axis_tx_tlast  (tx_tlast),
        .s_axis_tx_tuser  (1'b0),
        .rx_frame         (rx_frame),
        .rx_overflow      (rx_overflow),
        .tx_frame         (tx_frame),
        .tx_underrun      (tx_underrun),
        .rx_lost_bytes    (rx_lost_bytes),
        .tx_underruns     (tx_underruns)
    );

    // frames, stored back to back
    reg [7:0]  bytes [0:NFRAMES*MAXLEN-1];
    integer    flen  [0:NFRAMES-1];
    integer    fbase [0:NFRAMES-1];
    integer    i, f, seed, passed, failed, errors;

    // ------------------------------------------------ transmit stimulus
    integer tf, tpos;
    initial begin
        seed = 20250;
        tx_tvalid = 1'b0; tx_tlast = 1'b0; tx_tdata = 0; tx_tkeep = 0;
        tpos = 0;
        for (f = 0; f < NFRAMES; f = f + 1) begin
            flen[f]  = (f < 4) ? 60 + f : 60 + ({$random(seed)} % (MAXLEN - 59));
            fbase[f] = tpos;
            for (i = 0; i < flen[f]; i = i + 1) bytes[tpos + i] = $random(seed);
            tpos = tpos + flen[f];
        end
        repeat (20) @(posedge clk);
        rst <= 1'b0;
        repeat (10) @(posedge clk);
        for (tf = 0; tf < NFRAMES; tf = tf + 1) begin
            for (tpos = 0; tpos < flen[tf]; tpos = tpos + W) begin
                tx_tvalid <= 1'b1;
                for (i = 0; i < W; i = i + 1) begin
                    tx_tdata[8*i +: 8] <= (tpos + i < flen[tf]) ? bytes[fbase[tf] + tpos + i] : 8'h00;
                    tx_tkeep[i]        <= (tpos + i < flen[tf]);
                end
                tx_tlast <= (tpos + W >= flen[tf]);
                @(posedge clk);
                while (!tx_tready) @(posedge clk);
            end
            tx_tvalid <= 1'b0;
            tx_tlast  <= 1'b0;
            if (tf % 5 == 4) repeat (300) @(posedge clk); // some gaps, mostly back to back
        end
    end

    // ------------------------------------------- GMII transmit checker
    integer gap, pre, in_frame, wire_frames, n_urun, n_ovf;
    initial begin
        gap = 100; pre = 0; in_frame = 0; wire_frames = 0; errors = 0; n_urun = 0; n_ovf = 0;
    end
    always @(posedge rxc) if (!dut.rx_rst && rx_overflow) n_ovf = n_ovf + 1;
    always @(posedge tx_clk) begin
        if (!dut.tx_rst) begin
            if (dut.gmii_tx_en) begin
                if (!in_frame) begin
                    if (gap < 12) begin
                        $display("ERROR: inter-frame gap %0d < 12 before wire frame %0d", gap, wire_frames);
                        errors = errors + 1;
                    end
                    in_frame = 1; pre = 0;
                end
                if (pre < 7 && dut.gmii_txd != 8'h55 || pre == 7 && dut.gmii_txd != 8'hD5) begin
                    $display("ERROR: preamble byte %0d = %02x in wire frame %0d", pre, dut.gmii_txd, wire_frames);
                    errors = errors + 1;
                end
                if (pre < 8) pre = pre + 1;
                gap = 0;
            end else begin
                if (in_frame) wire_frames = wire_frames + 1;
                in_frame = 0;
                gap = gap + 1;
            end
            if (tx_underrun || rx_overflow) begin
                $display("ERROR: underrun %0b overflow %0b", tx_underrun, rx_overflow);
                errors = errors + 1;
            end
            if (tx_underrun) n_urun = n_urun + 1;
        end
    end

    // ------------------------------------------------- receive checker
    integer rf, rpos, lane, frame_ok;
    initial begin
        rf = 0; rpos = 0; passed = 0; failed = 0; frame_ok = 1;
    end
    always @(posedge clk) begin
        if (rx_tvalid && rf < NFRAMES) begin
            for (lane = 0; lane < W; lane = lane + 1) begin
                if (rx_tkeep[lane]) begin
                    if (rpos >= flen[rf] || rx_tdata[8*lane +: 8] !== bytes[fbase[rf] + rpos]) begin
                        if (frame_ok) $display("ERROR: frame %0d byte %0d", rf, rpos);
                        frame_ok = 0;
                    end
                    rpos = rpos + 1;
                end
            end
            if (rx_tlast) begin
                if (rpos != flen[rf] || rx_tuser) begin
                    $display("ERROR: frame %0d length %0d (sent %0d) tuser %0b", rf, rpos, flen[rf], rx_tuser);
                    frame_ok = 0;
                end
                if (frame_ok) passed = passed + 1; else failed = failed + 1;
                rf = rf + 1; rpos = 0; frame_ok = 1;
            end
        end
    end

    initial begin
        #4_000_000;
        $display("TIMEOUT: %0d of %0d frames received", rf, NFRAMES);
        $fatal(1, "vnic_rgmii_loop_tb: time-out");
    end

    initial begin
        wait (rf == NFRAMES);
        repeat (50) @(posedge clk);
        // the shim's own counts (clk domain) agree with the pulses seen
        if (tx_underruns != n_urun[15:0] || rx_lost_bytes != n_ovf[15:0]) begin
            $display("ERROR: counters: tx_underruns %0d (pulses %0d), rx_lost_bytes %0d (pulses %0d)",
                     tx_underruns, n_urun, rx_lost_bytes, n_ovf);
            errors = errors + 1;
        end
        if (errors != 0) failed = failed + 1;
        $display("vnic_rgmii_loop_tb: %0d frames looped back, %0d wire errors", rf, errors);
        $display("%0d passed, %0d failed", passed, failed);
        if (failed != 0) $fatal(1, "vnic_rgmii_loop_tb: FAIL");
        $finish;
    end

endmodule

`default_nettype wire
