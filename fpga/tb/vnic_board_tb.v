// vnic_board_tb: smoke test of a board top through its UART register bridge.
`timescale 1ns / 1ps
`default_nettype none
//
// Simulates vnic_board_5a75b (or, with BOARD_ECPIX5 defined,
// vnic_board_ecpix5, whose reset button and LEDs are checked at the end)
// with the behavioural PLL and DDR models
// (fpga/rtl/sim/), the clock pin driven at the board oscillator's
// frequency (25 or 100 MHz), the PLL's outputs at the board's 50 MHz system
// clock and 125 MHz transmit clock, and a fast UART (CLKS_PER_BIT = 16
// system clock cycles). Over the UART byte protocol it:
//   1. reads PF G.ID and expects 0x564E4943 ('VNIC') with status 0xA0;
//   2. reads PF G.VERSION and G.CAPS (NUM_VNIC and DATA_W/8 of the build);
//   3. writes PF STAGE.MAC_LO and reads the value back;
//   4. reads a VF page beyond NUM_VNIC (must read 0, status OKAY);
//   5. sends an unknown command byte and expects 0xE1;
//   6. receives frames on the RGMII pins (DDR, 125 MHz) through the MAC shim
//      and the clock crossing into the device, and reads the global
//      counters back over the UART: a good broadcast frame while G.CTRL
//      rx_en = 0 (RXOFF), then with rx_en = 1 a frame with a bad FCS (FCS),
//      one with RX_ER during the frame (MACERR) and a good one that no vNIC
//      takes (NOMATCH: it passed every wire check, so the bytes arrived
//      intact); RX_FRAMES and RX_BYTES (L with FCS) must count all four;
//   7. reads the board's registers at 0x40000 (B.ID, the MAC shim's
//      lost-byte and underrun counts, both 0), has a write refused
//      (SLVERR), makes 3 lost-byte and 2 underrun pulses by hand in their
//      clock domains and reads the counts 3 and 2 across the crossings,
//      then the device's G.ID again (the split steers back).
// Register offsets come from rtl/vnic_regs.vh. Ends with
// `N passed, N failed`; exits non-zero on any failure ($fatal).
module vnic_board_tb;

    `include "vnic_regs.vh"

    localparam integer CPB      = 16; // UART clock cycles per bit
    localparam integer NUM_VNIC = 2;
    localparam integer DATA_W   = 64;
`ifdef BOARD_ECPIX5
    localparam integer HOST_MEM = 65536; // the board top's HOST_MEM_BYTES
`else
    localparam integer HOST_MEM = 16384;
`endif

    reg clk = 1'b0;       // the board oscillator pin
`ifdef BOARD_ECPIX5
    always #5 clk = ~clk; // 100 MHz
`else
    always #20 clk = ~clk; // 25 MHz
`endif
    wire sclk = dut.u_core.clk; // the system clock (PLL output): UART bit times

    reg        uart_rx = 1'b1;
    wire       uart_tx;
    wire [3:0] status;
    wire       eth_rst_n, rgmii_txc, rgmii_tx_ctl;
    wire [3:0] rgmii_txd;
    reg        rxc = 1'b0;
    always #4 rxc = ~rxc; // receive clock from the "PHY"
    reg [3:0]  rxd = 4'h0;
    reg        rx_ctl = 1'b0;

    // Ports both board tops share: UART, PHY reset, RGMII.
`define BOARD_TB_COMMON_PORTS \
        .uart_rx      (uart_rx), \
        .uart_tx      (uart_tx), \
        .eth_rst_n    (eth_rst_n), \
        .rgmii_rxc    (rxc), \
        .rgmii_rxd    (rxd), \
        .rgmii_rx_ctl (rx_ctl), \
        .rgmii_txc    (rgmii_txc), \
        .rgmii_txd    (rgmii_txd), \
        .rgmii_tx_ctl (rgmii_tx_ctl)

`ifdef BOARD_ECPIX5
    // ECPIX-5: reset button (low while pressed), LEDs active low: red[0] lit
    // while the device is in reset, green[3:0] the status bits.
    reg        rst_n = 1'b1;
    wire [3:0] led_r_n, led_g_n, led_b_n;
    assign status = ~led_g_n;
    localparam BOARD = "vnic_board_ecpix5";

    vnic_board_ecpix5 #(
        .NUM_VNIC     (NUM_VNIC),
        .DATA_W       (DATA_W),
        .CLKS_PER_BIT (CPB)
    ) dut (
        .clk100       (clk),
        .rst_n        (rst_n),
        .led_r_n      (led_r_n),
        .led_g_n      (led_g_n),
        .led_b_n      (led_b_n),
        `BOARD_TB_COMMON_PORTS
    );
`else
    localparam BOARD = "vnic_board_5a75b";

    vnic_board_5a75b #(
        .NUM_VNIC     (NUM_VNIC),
        .DATA_W       (DATA_W),
        .CLKS_PER_BIT (CPB)
    ) dut (
        .clk25        (clk),
        .status       (status),
        `BOARD_TB_COMMON_PORTS
    );
`endif
`undef BOARD_TB_COMMON_PORTS

    integer passed = 0, failed = 0;

    task send_byte(input [7:0] b);
        integer k;
        begin
            uart_rx = 1'b0;
            repeat (CPB) @(posedge sclk);
            for (k = 0; k < 8; k = k + 1) begin
                uart_rx = b[k];
                repeat (CPB) @(posedge sclk);
            end
            uart_rx = 1'b1;
            repeat (CPB) @(posedge sclk);
        end
    endtask

    task recv_byte(output [7:0] b);
        integer k, waited;
        begin
            b = 8'hxx;
            waited = 0;
            while (uart_tx !== 1'b0 && waited < 200000) begin
                @(posedge sclk);
                waited = waited + 1;
            end
            if (waited >= 200000) begin
                $display("ERROR: no response byte on uart_tx");
            end else begin
                repeat (CPB / 2) @(posedge sclk);    // middle of the start bit
                for (k = 0; k < 8; k = k + 1) begin
                    repeat (CPB) @(posedge sclk);
                    b[k] = uart_tx;
                end
                repeat (CPB) @(posedge sclk);        // stop bit
                if (uart_tx !== 1'b1) $display("ERROR: bad stop bit");
            end
        end
    endtask

    task reg_read(input [31:0] addr, output [7:0] st, output [31:0] data);
        reg [7:0] b;
        integer k;
        begin
            send_byte(8'h52);
            for (k = 3; k >= 0; k = k - 1) send_byte(addr[8*k +: 8]);
            recv_byte(st);
            data = 32'd0;
            for (k = 3; k >= 0; k = k - 1) begin
                recv_byte(b);
                data[8*k +: 8] = b;
            end
        end
    endtask

    task reg_write(input [31:0] addr, input [31:0] data, output [7:0] st);
        integer k;
        begin
            send_byte(8'h57);
            for (k = 3; k >= 0; k = k - 1) send_byte(addr[8*k +: 8]);
            for (k = 3; k >= 0; k = k - 1) send_byte(data[8*k +: 8]);
            recv_byte(st);
        end
    endtask

    task check(input [255:0] what, input [31:0] got, input [31:0] want);
        begin
            if (got === want) begin
                passed = passed + 1;
                $display("ok   %0s = 0x%08x", what, got);
            end else begin
                failed = failed + 1;
                $display("FAIL %0s = 0x%08x, expected 0x%08x", what, got, want);
            end
        end
    endtask

    // ------------------------------------------------ RGMII frame source
    reg [7:0] frame [0:1599];

    function [31:0] crc32_next(input [31:0] crc, input [7:0] b);
        integer j;
        reg [31:0] c;
        begin
            c = crc ^ {24'd0, b};
            for (j = 0; j < 8; j = j + 1) c = c[0] ? (c >> 1) ^ 32'hEDB88320 : (c >> 1);
            crc32_next = c;
        end
    endfunction

    // Builds a frame of len bytes (FCS included): broadcast DA, a source
    // MAC, EtherType 0x88B5, counting payload, then the FCS (corrupted when
    // bad_fcs).
    task make_frame(input integer len, input bad_fcs);
        integer j;
        reg [31:0] crc;
        begin
            for (j = 0; j < 6; j = j + 1) frame[j] = 8'hFF;
            for (j = 6; j < 12; j = j + 1) frame[j] = 8'h02 + j;
            frame[12] = 8'h88; frame[13] = 8'hB5;
            for (j = 14; j < len - 4; j = j + 1) frame[j] = j[7:0];
            crc = 32'hFFFFFFFF;
            for (j = 0; j < len - 4; j = j + 1) crc = crc32_next(crc, frame[j]);
            crc = ~crc ^ (bad_fcs ? 32'h00000001 : 32'h0);
            for (j = 0; j < 4; j = j + 1) frame[len - 4 + j] = crc[8*j +: 8];
        end
    endtask

    // Sends preamble, SFD and the frame on the RGMII receive pins, data
    // centred between RXC edges (low nibble and RX_DV for the rising edge,
    // high nibble and RX_DV^RX_ER for the falling edge). RX_ER is raised on
    // byte er_at (none if er_at < 0).
    task rgmii_send(input integer len, input integer er_at);
        integer j;
        reg [7:0] b;
        reg       er;
        begin
            for (j = -8; j < len; j = j + 1) begin
                b  = (j < -1) ? 8'h55 : (j == -1) ? 8'hD5 : frame[j];
                er = (j == er_at);
                @(negedge rxc); rx_ctl <= 1'b1;       rxd <= b[3:0];
                @(posedge rxc); rx_ctl <= 1'b1 ^ er;  rxd <= b[7:4];
            end
            @(negedge rxc); rx_ctl <= 1'b0; rxd <= 4'h0;
            repeat (12) @(posedge rxc);                // inter-frame gap
        end
    endtask

    reg [7:0]  st;
    reg [31:0] data;

    initial begin
        wait (dut.u_core.rst === 1'b0);
        repeat (20) @(posedge sclk);

        reg_read({20'd0, VNIC_PF_G_ID}, st, data);
        check("G.ID status", {24'd0, st}, 32'hA0);
        check("G.ID", data, 32'h564E4943);

        reg_read({20'd0, VNIC_PF_G_VERSION}, st, data);
        check("G.VERSION", data, VNIC_PF_G_VERSION_RESET);

        reg_read({20'd0, VNIC_PF_G_CAPS}, st, data);
        check("G.CAPS.num_vnic", (data & VNIC_PF_G_CAPS_NUM_VNIC_MASK) >> VNIC_PF_G_CAPS_NUM_VNIC_LSB, NUM_VNIC);
        check("G.CAPS.data_bytes", (data & VNIC_PF_G_CAPS_DATA_BYTES_MASK) >> VNIC_PF_G_CAPS_DATA_BYTES_LSB, DATA_W / 8);

        reg_write({20'd0, VNIC_PF_STAGE_MAC_LO}, 32'hCAFEF00D, st);
        check("STAGE.MAC_LO write status", {24'd0, st}, 32'hA0);
        reg_read({20'd0, VNIC_PF_STAGE_MAC_LO}, st, data);
        check("STAGE.MAC_LO read back", data, 32'hCAFEF00D);
        reg_write({20'd0, VNIC_PF_STAGE_MAC_LO}, 32'h12345678, st);
        reg_read({20'd0, VNIC_PF_STAGE_MAC_LO}, st, data);
        check("STAGE.MAC_LO read back 2", data, 32'h12345678);

        reg_read(VNIC_VF_BASE0 + (NUM_VNIC + 3) * VNIC_PAGE_SIZE, st, data);
        check("VF page beyond NUM_VNIC status", {24'd0, st}, 32'hA0);
        check("VF page beyond NUM_VNIC", data, 32'd0);

        send_byte(8'h3F);
        recv_byte(st);
        check("unknown command", {24'd0, st}, 32'hE1);

        // ---- receive path: RGMII -> MAC shim -> clock crossing -> device
        make_frame(64, 1'b0);
        rgmii_send(64, -1);                            // rx_en = 0: RXOFF
        reg_write({20'd0, VNIC_PF_G_CTRL}, 32'h00000001, st); // rx_en
        make_frame(100, 1'b1);
        rgmii_send(100, -1);                           // bad FCS
        make_frame(80, 1'b0);
        rgmii_send(80, 30);                            // RX_ER on byte 30
        make_frame(1518, 1'b0);
        rgmii_send(1518, -1);                          // good: no vNIC enabled
        repeat (200) @(posedge sclk);
        reg_read({20'd0, VNIC_PF_GSTAT_RX_FRAMES_LO}, st, data);
        check("GSTAT.RX_FRAMES", data, 32'd4);
        reg_read({20'd0, VNIC_PF_GSTAT_RX_BYTES_LO}, st, data);
        check("GSTAT.RX_BYTES", data, 32'd1762);
        reg_read({20'd0, VNIC_PF_GSTAT_DROP_NOMATCH_LO}, st, data);
        check("GSTAT.DROP_NOMATCH", data, 32'd1);
        reg_read({20'd0, VNIC_PF_GSTAT_DROP_RXOFF_LO}, st, data);
        check("GSTAT.DROP_RXOFF", data, 32'd1);
        reg_read({20'd0, VNIC_PF_GSTAT_DROP_FCS_LO}, st, data);
        check("GSTAT.DROP_FCS", data, 32'd1);
        reg_read({20'd0, VNIC_PF_GSTAT_DROP_MACERR_LO}, st, data);
        check("GSTAT.DROP_MACERR", data, 32'd1);

        // ---- the board's registers (0x40000): identity, MAC shim events
        reg_read(32'h0004_0000, st, data);
        check("B.ID status", {24'd0, st}, 32'hA0);
        check("B.ID", data, 32'h564E4942);
        reg_read(32'h0004_0004, st, data);
        check("B.RX_LOST, none lost", data, 32'd0);
        reg_read(32'h0004_0008, st, data);
        check("B.TX_UNDERRUN, none", data, 32'd0);
        reg_write(32'h0004_0000, 32'hFFFFFFFF, st);
        check("B.ID write refused (SLVERR)", {24'd0, st}, 32'hA2);
        reg_read(32'h0004_0000, st, data);
        check("B.ID unchanged", data, 32'h564E4942);
        // the shim's event pulses (its status nets), made by hand in their
        // own clock domains:
        // 3 lost receive bytes back to back (RXC), 2 underruns (transmit clock)
        @(posedge rxc); #1 force dut.u_core.u_mac.rx_overflow = 1'b1;
        repeat (3) @(posedge rxc);
        #1 release dut.u_core.u_mac.rx_overflow;
        @(posedge dut.u_core.clk_eth); #1 force dut.u_core.u_mac.tx_underrun = 1'b1;
        @(posedge dut.u_core.clk_eth); #1 release dut.u_core.u_mac.tx_underrun;
        repeat (5) @(posedge dut.u_core.clk_eth);
        @(posedge dut.u_core.clk_eth); #1 force dut.u_core.u_mac.tx_underrun = 1'b1;
        @(posedge dut.u_core.clk_eth); #1 release dut.u_core.u_mac.tx_underrun;
        reg_read(32'h0004_0004, st, data);
        check("B.RX_LOST counts 3 bytes", data, 32'd3);
        reg_read(32'h0004_0008, st, data);
        check("B.TX_UNDERRUN counts 2 frames", data, 32'd2);
        reg_read({20'd0, VNIC_PF_G_ID}, st, data);
        check("G.ID after the board block", data, 32'h564E4943);

        // ---- host memory through the bridge (0x80000 = host address 0)
        reg_write(32'h0008_0100, 32'h11223344, st);
        check("host memory write status", {24'd0, st}, 32'hA0);
        reg_write(32'h0008_0104, 32'h55667788, st);   // the other half of the 64-bit word
        reg_write(32'h0008_0108, 32'h99AABBCC, st);
        reg_read(32'h0008_0100, st, data);
        check("host memory read status", {24'd0, st}, 32'hA0);
        check("host memory 0x100", data, 32'h11223344);
        reg_read(32'h0008_0104, st, data);
        check("host memory 0x104", data, 32'h55667788);
        reg_read(32'h0008_0108, st, data);
        check("host memory 0x108", data, 32'h99AABBCC);
        check("RAM word 0x100, low half", dut.u_core.u_mem.mem[32][31:0], 32'h11223344);
        check("RAM word 0x100, high half", dut.u_core.u_mem.mem[32][63:32], 32'h55667788);
        reg_read(32'h0008_0000 + HOST_MEM, st, data);   // one word past the memory
        check("host read past end: DECERR", {24'd0, st}, 32'hA3);
        reg_write(32'h0008_0000 + HOST_MEM, 32'h0, st);
        check("host write past end: DECERR", {24'd0, st}, 32'hA3);

`ifdef BOARD_ECPIX5
        // ---- the reset button: the device returns to its reset state
        check("eth_rst_n", {31'd0, eth_rst_n}, 32'd1);
        check("red LED off out of reset", {31'd0, led_r_n[0]}, 32'd1);
        check("blue LEDs off", {28'd0, led_b_n}, 32'hF);
        rst_n = 1'b0;
        repeat (20) @(posedge sclk);
        check("reset while button pressed", {31'd0, dut.u_core.rst}, 32'd1);
        check("red LED lit in reset", {31'd0, led_r_n[0]}, 32'd0);
        rst_n = 1'b1;
        wait (dut.u_core.rst === 1'b0);
        repeat (20) @(posedge sclk);
        reg_read({20'd0, VNIC_PF_STAGE_MAC_LO}, st, data);
        check("STAGE.MAC_LO after the button", data, VNIC_PF_STAGE_MAC_LO_RESET);
        reg_read({20'd0, VNIC_PF_GSTAT_RX_FRAMES_LO}, st, data);
        check("GSTAT.RX_FRAMES after the button", data, 32'd0);
        reg_read({20'd0, VNIC_PF_G_CTRL}, st, data);
        check("G.CTRL after the button", data, VNIC_PF_G_CTRL_RESET);
`endif
        $display("vnic_board_tb: UART bridge smoke test on %0s", BOARD);
        $display("%0d passed, %0d failed", passed, failed);
        if (failed != 0) $fatal(1, "vnic_board_tb: FAIL");
        $finish;
    end

    initial begin
        #20_000_000;
        $display("%0d passed, %0d failed", passed, failed + 1);
        $fatal(1, "vnic_board_tb: time-out");
    end

endmodule

`default_nettype wire
