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
//      then the device's G.ID again (the split steers back);
//   8. writes and reads host memory at 0x80000 (host address 0 up), also
//      checked in the RAM itself; one word past the top's HOST_MEM_BYTES
//      answers DECERR;
//   9. end to end through the device's DMA into the same host memory, on
//      both tops: creates vNIC 0 as the PF driver does (LOAD, the whole
//      STAGE window: MAC 02:11:22:33:44:55, enable, bcast, antispoof, the
//      default partitions from G.BUFCAPS and G.MAX_FRAME, DMA window 0 =
//      guest 0..0x1FFF -> host 0x1000..0x2FFF, then COMMIT, each command
//      waited for with INT_STATUS.cmd_done; CMD_STATUS.err = 0), sets
//      G.CTRL rx_en and tx_en, then sets the rings up as the VF driver
//      does (VF ID and MAC, both rings zeroed in host memory, RXR/TXR BASE
//      and SIZE read back, 3 RX buffers posted, RXR.TAIL). Receive: a
//      67-byte unicast frame to that MAC on the RGMII pins; polls the RX
//      completion (DD) over the UART, checks its length (L - 4 = 63),
//      status, echoed buffer length, RXR.HEAD, and all 63 bytes in the host
//      buffer (byte 63, pre-set, must stay unwritten). Transmit: a 57-byte
//      frame (SA = the vNIC's MAC, junk after it in the buffer) and its
//      descriptor in host memory, TXR.TAIL; decodes the RGMII transmit pins
//      and checks preamble and SFD, every byte, the zero padding to 60, the
//      FCS (crc32_next) and no TX_ER, then the TX completion in host
//      memory, TXR.HEAD, the vNIC's counters (RX_IN, RX_FRAMES, RX_BYTES,
//      TX_FRAMES, TX_BYTES), its status (enabled, not halted), GSTAT
//      TX_FRAMES and RX_COPIES, VSTAT RX_USED and TX_USED (0), that exactly
//      one frame was sent and that every bridge access answered OKAY.
// Register offsets come from rtl/vnic_regs.vh. Ends with
// `N passed, N failed`; exits non-zero on any failure ($fatal).
module vnic_board_tb;

    `include "vnic_regs.vh"

    localparam integer CPB      = 16; // UART clock cycles per bit
    localparam integer NUM_VNIC = 2;
    localparam integer DATA_W   = 64;

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

    // ------------------------------------------------ RGMII frame sink
    // Decodes the RGMII transmit pins. The behavioural DDR model
    // (fpga/rtl/sim/vnic_ddr_out.v) changes TXD/TX_CTL on the TXC edges
    // (edge-aligned: it ignores DELAY_TAPS, so the ECPIX-5 top's 2 ns TXC
    // delay is not modelled), so the pins are sampled 2 ns after each edge,
    // where a PHY with the 2 ns clock delay samples them: low nibble and
    // TX_EN after the rising edge, high nibble and TX_EN ^ TX_ER after the
    // falling edge. Bytes are collected while TX_EN is high (preamble and
    // SFD included); a frame ends when TX_EN falls.
    reg [7:0] txcap [0:2047];
    integer   txcap_n      = 0; // bytes collected
    integer   txcap_frames = 0; // frames ended
    integer   txcap_er     = 0; // bytes with TX_ER (or TX_CTL unknown) while TX_EN
    reg [3:0] txcap_lo     = 4'h0;
    reg       txcap_en     = 1'b0;
    reg       txcap_en_q   = 1'b0;

    always @(posedge rgmii_txc) begin
        #2;
        txcap_lo = rgmii_txd;
        txcap_en = (rgmii_tx_ctl === 1'b1);
    end

    always @(negedge rgmii_txc) begin
        #2;
        if (txcap_en) begin
            if (txcap_n < 2048) txcap[txcap_n] = {rgmii_txd, txcap_lo};
            txcap_n = txcap_n + 1;
            if (rgmii_tx_ctl !== 1'b1) txcap_er = txcap_er + 1;
        end else if (txcap_en_q) begin
            txcap_frames = txcap_frames + 1;
        end
        txcap_en_q = txcap_en;
    end

    // ------------------------------------------------ end-to-end helpers
    // vNIC 0 of the end-to-end section: its MAC, its VM's memory (DMA
    // window 0: guest [0, WIN_SIZE) -> host [WIN_HBASE, WIN_HBASE +
    // WIN_SIZE), inside HOST_MEM_BYTES on both tops) and the layout the VF
    // driver's vnic_vf_setup makes there (mem_base G_RXR, RX ring of
    // 2^RX_LOG2 and TX ring of 2^TX_LOG2 descriptors, then the RX buffers,
    // then the TX buffers, BUF_LEN bytes each, all 64-byte aligned).
    localparam [47:0] VMAC      = 48'h02_11_22_33_44_55;
    localparam [47:0] PEER_MAC  = 48'h02_AA_BB_CC_DD_EE;
    // The board's address map, as the board core and its register block
    // define it (bridge addresses).
    wire [31:0] HOST_BASE = dut.u_core.MEM_BASE;   // host address 0
    wire [31:0] B_ID      = dut.u_core.BRD_BASE + dut.u_core.u_board_regs.OFF_ID;
    wire [31:0] B_RX_LOST = dut.u_core.BRD_BASE + dut.u_core.u_board_regs.OFF_RX_LOST;
    wire [31:0] B_TX_URUN = dut.u_core.BRD_BASE + dut.u_core.u_board_regs.OFF_TX_UNDERRUN;
    localparam [31:0] WIN_HBASE = 32'h0000_1000;
    localparam [31:0] WIN_SIZE  = 32'h0000_2000;
    localparam integer RX_LOG2  = 2;               // 4 RX descriptors, 3 posted
    localparam integer TX_LOG2  = 1;               // 2 TX descriptors
    localparam integer BUF_LEN  = 1024;
    localparam [31:0] G_RXR     = 32'h0000_0100;   // mem_base
    localparam [31:0] G_TXR     = 32'h0000_0140;   // G_RXR + 16 << RX_LOG2
    localparam [31:0] G_RXB     = 32'h0000_0180;   // 64-aligned after the TX ring
    localparam [31:0] G_TXB     = 32'h0000_1180;   // G_RXB + BUF_LEN << RX_LOG2
    localparam [31:0] VF0       = VNIC_VF_BASE0;   // vNIC 0's page
    localparam integer RX_L     = 67;  // received frame, FCS included: 63 bytes land, last beat partial
    localparam integer TX_N     = 57;  // sent frame without FCS: padded to 60, FCS appended
    localparam [31:0] MARK      = 32'hA5A5A5A5;    // host memory the device must not write
    localparam [31:0] JUNK      = 32'hEEEEEEEE;    // TX buffer bytes past the frame

    integer bad_st = 0; // bridge answers other than OKAY in the end-to-end section

    task wr32(input [31:0] addr, input [31:0] val);
        reg [7:0] s;
        begin
            reg_write(addr, val, s);
            if (s !== 8'hA0) begin
                bad_st = bad_st + 1;
                $display("ERROR: write of 0x%05x answered 0x%02x", addr, s);
            end
        end
    endtask

    task rd32(input [31:0] addr, output [31:0] val);
        reg [7:0] s;
        begin
            reg_read(addr, s, val);
            if (s !== 8'hA0) begin
                bad_st = bad_st + 1;
                $display("ERROR: read of 0x%05x answered 0x%02x", addr, s);
            end
        end
    endtask

    // The VM's memory through the bridge (guest address -> host, as the VF
    // driver reaches it through the VM's region).
    task gwr(input [31:0] g, input [31:0] val);
        wr32(HOST_BASE + WIN_HBASE + g, val);
    endtask

    task grd(input [31:0] g, output [31:0] val);
        rd32(HOST_BASE + WIN_HBASE + g, val);
    endtask

    // One PF command as the driver runs it (sw/driver/vnic_pf.c, pf_cmd):
    // wait while CMD_STATUS.busy, clear INT_STATUS.cmd_done, VSEL, CMD, then
    // poll until cmd_done is set and busy is clear; cs = CMD_STATUS then
    // (all ones if the command never completed).
    task pf_cmd(input [4:0] v, input [3:0] op, output [31:0] cs);
        reg [31:0] d;
        integer    k;
        reg        done;
        begin
            cs = 32'hFFFFFFFF;
            rd32({20'd0, VNIC_PF_G_CMD_STATUS}, d);
            for (k = 0; k < 20 && (d & VNIC_PF_G_CMD_STATUS_BUSY_MASK) != 0; k = k + 1)
                rd32({20'd0, VNIC_PF_G_CMD_STATUS}, d);
            wr32({20'd0, VNIC_PF_G_INT_STATUS}, VNIC_PF_G_INT_STATUS_CMD_DONE_MASK);
            wr32({20'd0, VNIC_PF_G_VSEL}, {27'd0, v} << VNIC_PF_G_VSEL_VNIC_LSB);
            wr32({20'd0, VNIC_PF_G_CMD}, {28'd0, op} << VNIC_PF_G_CMD_OP_LSB);
            done = 1'b0;
            for (k = 0; k < 20 && !done; k = k + 1) begin
                rd32({20'd0, VNIC_PF_G_INT_STATUS}, d);
                if ((d & VNIC_PF_G_INT_STATUS_CMD_DONE_MASK) != 0) begin
                    rd32({20'd0, VNIC_PF_G_CMD_STATUS}, d);
                    if ((d & VNIC_PF_G_CMD_STATUS_BUSY_MASK) == 0) begin
                        done = 1'b1;
                        cs   = d;
                    end
                end
            end
            if (!done) $display("ERROR: command %0d on vNIC %0d: cmd_done never set", op, v);
        end
    endtask

    // A unicast frame of len bytes (FCS included) into frame[]: DA = VMAC,
    // SA = PEER_MAC, EtherType 0x88B5, payload (7 + 29 j) mod 256.
    task make_ucast_frame(input integer len);
        integer j;
        reg [31:0] crc;
        begin
            for (j = 0; j < 6; j = j + 1) frame[j]     = VMAC[47 - 8*j -: 8];
            for (j = 0; j < 6; j = j + 1) frame[6 + j] = PEER_MAC[47 - 8*j -: 8];
            frame[12] = 8'h88; frame[13] = 8'hB5;
            for (j = 14; j < len - 4; j = j + 1) frame[j] = 7 + 29 * j;
            crc = 32'hFFFFFFFF;
            for (j = 0; j < len - 4; j = j + 1) crc = crc32_next(crc, frame[j]);
            crc = ~crc;
            for (j = 0; j < 4; j = j + 1) frame[len - 4 + j] = crc[8*j +: 8];
        end
    endtask

    // The frame the VM sends (no FCS): DA = PEER_MAC, SA = VMAC (anti-spoof),
    // EtherType 0x88B5, payload (5 + 13 j) mod 256; bytes from n on are the
    // JUNK the TX buffer holds past the frame.
    reg [7:0] txf [0:127];

    task make_tx_frame(input integer n);
        integer j;
        begin
            for (j = 0; j < 6; j = j + 1) txf[j]     = PEER_MAC[47 - 8*j -: 8];
            for (j = 0; j < 6; j = j + 1) txf[6 + j] = VMAC[47 - 8*j -: 8];
            txf[12] = 8'h88; txf[13] = 8'hB5;
            for (j = 14; j < n; j = j + 1) txf[j] = 5 + 13 * j;
            for (j = n; j < 128; j = j + 1) txf[j] = JUNK[7:0];
        end
    endtask

    reg [7:0]  st;
    reg [31:0] data;
    integer    e_nwin, e_rx_kib, e_tx_kib, e_mf64, e_rx_size, e_tx_size, e_k, e_j, e_bad;
    reg [31:0] e_a, e_d, e_want, e_crc;
    reg [7:0]  e_b;

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
        reg_read(B_ID, st, data);
        check("B.ID status", {24'd0, st}, 32'hA0);
        check("B.ID", data, 32'h564E4942);
        reg_read(B_RX_LOST, st, data);
        check("B.RX_LOST, none lost", data, 32'd0);
        reg_read(B_TX_URUN, st, data);
        check("B.TX_UNDERRUN, none", data, 32'd0);
        reg_write(B_ID, 32'hFFFFFFFF, st);
        check("B.ID write refused (SLVERR)", {24'd0, st}, 32'hA2);
        reg_read(B_ID, st, data);
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
        reg_read(B_RX_LOST, st, data);
        check("B.RX_LOST counts 3 bytes", data, 32'd3);
        reg_read(B_TX_URUN, st, data);
        check("B.TX_UNDERRUN counts 2 frames", data, 32'd2);
        reg_read({20'd0, VNIC_PF_G_ID}, st, data);
        check("G.ID after the board block", data, 32'h564E4943);

        // ---- host memory through the bridge (0x80000 = host address 0)
        reg_write(HOST_BASE + 32'h0100, 32'h11223344, st);
        check("host memory write status", {24'd0, st}, 32'hA0);
        reg_write(HOST_BASE + 32'h0104, 32'h55667788, st);   // the other half of the 64-bit word
        reg_write(HOST_BASE + 32'h0108, 32'h99AABBCC, st);
        reg_read(HOST_BASE + 32'h0100, st, data);
        check("host memory read status", {24'd0, st}, 32'hA0);
        check("host memory 0x100", data, 32'h11223344);
        reg_read(HOST_BASE + 32'h0104, st, data);
        check("host memory 0x104", data, 32'h55667788);
        reg_read(HOST_BASE + 32'h0108, st, data);
        check("host memory 0x108", data, 32'h99AABBCC);
        check("RAM word 0x100, low half", dut.u_core.u_mem.mem[32][31:0], 32'h11223344);
        check("RAM word 0x100, high half", dut.u_core.u_mem.mem[32][63:32], 32'h55667788);
        reg_read(HOST_BASE + dut.HOST_MEM_BYTES, st, data);   // one word past the memory
        check("host read past end: DECERR", {24'd0, st}, 32'hA3);
        reg_write(HOST_BASE + dut.HOST_MEM_BYTES, 32'h0, st);
        check("host write past end: DECERR", {24'd0, st}, 32'hA3);

        // ---- end to end: vNIC 0 set up over the UART as the driver does it,
        // one frame received into host memory by the device's DMA, one sent
        // from host memory to the RGMII pins
        // the PF driver: read the build (vnic_dev_open), then create vNIC 0
        // (vnic_dev_create: LOAD, the whole STAGE window, COMMIT)
        rd32({20'd0, VNIC_PF_G_CAPS}, data);
        e_nwin = (data & VNIC_PF_G_CAPS_NUM_WIN_MASK) >> VNIC_PF_G_CAPS_NUM_WIN_LSB;
        rd32({20'd0, VNIC_PF_G_BUFCAPS}, data);
        e_rx_kib = (data & VNIC_PF_G_BUFCAPS_RX_KIB_MASK) >> VNIC_PF_G_BUFCAPS_RX_KIB_LSB;
        e_tx_kib = (data & VNIC_PF_G_BUFCAPS_TX_KIB_MASK) >> VNIC_PF_G_BUFCAPS_TX_KIB_LSB;
        rd32({20'd0, VNIC_PF_G_MAX_FRAME}, data);
        e_mf64 = (((data & VNIC_PF_G_MAX_FRAME_BYTES_MASK) >> VNIC_PF_G_MAX_FRAME_BYTES_LSB) + 63) / 64 * 64;
        // default partitions (the driver's): buffer / NUM_VNIC, at least one
        // maximum frame, first fit (vNIC 0: base 0); default bursts 2 x that
        e_rx_size = (e_rx_kib * 1024 / NUM_VNIC) / 64 * 64;
        if (e_rx_size < e_mf64) e_rx_size = e_mf64;
        e_tx_size = (e_tx_kib * 1024 / NUM_VNIC) / 64 * 64;
        if (e_tx_size < e_mf64) e_tx_size = e_mf64;
        pf_cmd(5'd0, VNIC_CMD_OP_LOAD, data);
        check("LOAD CMD_STATUS.err", (data & VNIC_PF_G_CMD_STATUS_ERR_MASK) >> VNIC_PF_G_CMD_STATUS_ERR_LSB, VNIC_CMD_ERR_OK);
        wr32({20'd0, VNIC_PF_STAGE_FLAGS}, VNIC_PF_STAGE_FLAGS_ENABLE_MASK | VNIC_PF_STAGE_FLAGS_BCAST_MASK |
                                           VNIC_PF_STAGE_FLAGS_ANTISPOOF_MASK);
        wr32({20'd0, VNIC_PF_STAGE_MAC_LO}, VMAC[31:0]);
        wr32({20'd0, VNIC_PF_STAGE_MAC_HI}, {16'd0, VMAC[47:32]});
        wr32({20'd0, VNIC_PF_STAGE_RX_BASE}, 32'd0);
        wr32({20'd0, VNIC_PF_STAGE_RX_SIZE}, e_rx_size);
        wr32({20'd0, VNIC_PF_STAGE_TX_BASE}, 32'd0);
        wr32({20'd0, VNIC_PF_STAGE_TX_SIZE}, e_tx_size);
        wr32({20'd0, VNIC_PF_STAGE_POL_RATE}, 32'd0);
        wr32({20'd0, VNIC_PF_STAGE_POL_BURST}, 2 * e_mf64);
        wr32({20'd0, VNIC_PF_STAGE_SCH_GUAR}, 32'd0);
        wr32({20'd0, VNIC_PF_STAGE_SCH_CEIL}, 32'd0);
        wr32({20'd0, VNIC_PF_STAGE_SCH_BURST}, 2 * e_mf64);
        wr32({20'd0, VNIC_PF_STAGE_SCH_WEIGHT}, 32'd1);
        wr32({20'd0, VNIC_PF_STAGE_TX_WEIGHT}, 32'd1);
        wr32({20'd0, VNIC_PF_STAGE_TX_RATE}, 32'd0);
        wr32({20'd0, VNIC_PF_STAGE_TX_BURST}, 2 * e_mf64);
        for (e_k = 0; e_k < e_nwin; e_k = e_k + 1) begin
            e_a = VNIC_PF_STAGE_WIN_BASE + e_k * VNIC_PF_STAGE_WIN_STRIDE;
            wr32(e_a + VNIC_PF_STAGE_WIN_GBASE_LO_REL, 32'd0);
            wr32(e_a + VNIC_PF_STAGE_WIN_GBASE_HI_REL, 32'd0);
            wr32(e_a + VNIC_PF_STAGE_WIN_HBASE_LO_REL, (e_k == 0) ? WIN_HBASE : 32'd0);
            wr32(e_a + VNIC_PF_STAGE_WIN_HBASE_HI_REL, 32'd0);
            wr32(e_a + VNIC_PF_STAGE_WIN_SIZE_REL, (e_k == 0) ? WIN_SIZE : 32'd0);
        end
        pf_cmd(5'd0, VNIC_CMD_OP_COMMIT, data);
        check("COMMIT CMD_STATUS.err", (data & VNIC_PF_G_CMD_STATUS_ERR_MASK) >> VNIC_PF_G_CMD_STATUS_ERR_LSB, VNIC_CMD_ERR_OK);
        check("COMMIT CMD_STATUS.op", (data & VNIC_PF_G_CMD_STATUS_OP_MASK) >> VNIC_PF_G_CMD_STATUS_OP_LSB, VNIC_CMD_OP_COMMIT);
        wr32({20'd0, VNIC_PF_G_CTRL}, VNIC_PF_G_CTRL_RX_EN_MASK | VNIC_PF_G_CTRL_TX_EN_MASK);

        // the VF driver: open the page (vnic_vf_open), set the rings up
        // (vnic_vf_setup: zero both rings, BASE/SIZE, read them back, post
        // 2^RX_LOG2 - 1 RX buffers, one RXR.TAIL write)
        rd32(VF0 + VNIC_VF_ID, data);
        check("VF 0 ID", data, VNIC_VF_ID_RESET);
        rd32(VF0 + VNIC_VF_MAC_HI, data);
        check("VF 0 MAC_HI", data, {16'd0, VMAC[47:32]});
        rd32(VF0 + VNIC_VF_MAC_LO, data);
        check("VF 0 MAC_LO", data, VMAC[31:0]);
        for (e_k = 0; e_k < (4 << RX_LOG2); e_k = e_k + 1) gwr(G_RXR + 4 * e_k, 32'd0);
        for (e_k = 0; e_k < (4 << TX_LOG2); e_k = e_k + 1) gwr(G_TXR + 4 * e_k, 32'd0);
        wr32(VF0 + VNIC_VF_RXR_BASE_LO, G_RXR);
        wr32(VF0 + VNIC_VF_RXR_BASE_HI, 32'd0);
        wr32(VF0 + VNIC_VF_RXR_SIZE, RX_LOG2);
        wr32(VF0 + VNIC_VF_TXR_BASE_LO, G_TXR);
        wr32(VF0 + VNIC_VF_TXR_BASE_HI, 32'd0);
        wr32(VF0 + VNIC_VF_TXR_SIZE, TX_LOG2);
        rd32(VF0 + VNIC_VF_RXR_BASE_LO, data);
        check("RXR.BASE_LO read back", data, G_RXR);
        rd32(VF0 + VNIC_VF_RXR_SIZE, data);
        check("RXR.SIZE read back", data, RX_LOG2);
        rd32(VF0 + VNIC_VF_TXR_BASE_LO, data);
        check("TXR.BASE_LO read back", data, G_TXR);
        rd32(VF0 + VNIC_VF_TXR_SIZE, data);
        check("TXR.SIZE read back", data, TX_LOG2);
        // descriptors 0..2: buffer address (bytes 0..7), buffer length
        // (bytes 8..9); the rest of each descriptor is still zero
        for (e_k = 0; e_k < (1 << RX_LOG2) - 1; e_k = e_k + 1) begin
            gwr(G_RXR + 16 * e_k + VNIC_DESC_OFF_ADDR, G_RXB + BUF_LEN * e_k);
            gwr(G_RXR + 16 * e_k + VNIC_DESC_OFF_BUFLEN, BUF_LEN);
        end
        // the end of the first RX buffer's last word: byte RX_L - 4 = 63
        // stays MARK (the device writes L - 4 bytes)
        gwr(G_RXB + 60, MARK);
        wr32(VF0 + VNIC_VF_RXR_TAIL, (1 << RX_LOG2) - 1);

        // RX: a unicast frame to the vNIC's MAC on the RGMII pins
        make_ucast_frame(RX_L);
        rgmii_send(RX_L, -1);
        e_d = 32'd0;
        for (e_k = 0; e_k < 20 && (e_d & (VNIC_DESC_STATUS_DD << 16)) == 0; e_k = e_k + 1)
            grd(G_RXR + VNIC_DESC_OFF_LEN, e_d);     // bytes 12..15: length, status
        if ((e_d & (VNIC_DESC_STATUS_DD << 16)) == 0)
            $display("ERROR: RX descriptor 0 never completed (no DD after %0d polls)", e_k);
        check("RX cpl length (L - 4)", {16'd0, e_d[15:0]}, RX_L - 4);
        check("RX cpl status (DD, EOP)", {16'd0, e_d[31:16]}, VNIC_DESC_STATUS_DD | VNIC_DESC_STATUS_EOP);
        grd(G_RXR + VNIC_DESC_OFF_BUFLEN, data);
        check("RX cpl buffer length echoed", data, BUF_LEN);
        grd(G_RXR + 16 + VNIC_DESC_OFF_LEN, data);
        check("RX descriptor 1 not completed", data, 32'd0);
        rd32(VF0 + VNIC_VF_RXR_HEAD, data);
        check("RXR.HEAD after the frame", data, 32'd1);
        // the frame's bytes (FCS stripped) from the host buffer
        e_bad = 0;
        for (e_k = 0; e_k < 16; e_k = e_k + 1) begin
            grd(G_RXB + 4 * e_k, data);
            for (e_j = 0; e_j < 4; e_j = e_j + 1)
                e_want[8*e_j +: 8] = (4 * e_k + e_j < RX_L - 4) ? frame[4 * e_k + e_j] : MARK[7:0];
            if (data !== e_want) begin
                e_bad = e_bad + 1;
                if (e_bad <= 4)
                    $display("     RX buffer word %0d (host 0x%04x) = 0x%08x, expected 0x%08x",
                             e_k, WIN_HBASE + G_RXB + 4 * e_k, data, e_want);
            end
        end
        check("RX buffer words wrong (of 16)", e_bad, 0);
        check("RX buffer last word + MARK", data, e_want);

        // TX: the frame into TX buffer 0 (TX_N bytes, then JUNK up to the
        // next 8-byte word), descriptor 0, TXR.TAIL (vnic_vf_send)
        make_tx_frame(TX_N);
        for (e_k = 0; e_k < (TX_N + 7) / 8 * 2; e_k = e_k + 1)
            gwr(G_TXB + 4 * e_k, {txf[4*e_k+3], txf[4*e_k+2], txf[4*e_k+1], txf[4*e_k]});
        gwr(G_TXR + VNIC_DESC_OFF_ADDR, G_TXB);
        gwr(G_TXR + VNIC_DESC_OFF_BUFLEN, TX_N);
        check("TX pins idle before the doorbell", txcap_n, 0);
        wr32(VF0 + VNIC_VF_TXR_TAIL, 32'd1);
        for (e_k = 0; e_k < 20000 && txcap_frames == 0; e_k = e_k + 1) @(posedge sclk);
        if (txcap_frames == 0) $display("ERROR: no frame on the RGMII transmit pins");
        check("TX bytes on the pins", txcap_n, 8 + 64); // preamble, SFD, 60, FCS
        check("TX_ER during the frame", txcap_er, 0);
        check("TX preamble", {txcap[0], txcap[1], txcap[2], txcap[3]}, 32'h55555555);
        check("TX preamble, SFD", {txcap[4], txcap[5], txcap[6], txcap[7]}, 32'h555555D5);
        e_bad = 0;
        e_crc = 32'hFFFFFFFF;
        for (e_j = 0; e_j < 60; e_j = e_j + 1) begin
            e_b = (e_j < TX_N) ? txf[e_j] : 8'h00;     // zero padding to 60
            e_crc = crc32_next(e_crc, e_b);
            if (txcap[8 + e_j] !== e_b) begin
                e_bad = e_bad + 1;
                if (e_bad <= 4)
                    $display("     TX byte %0d = 0x%02x, expected 0x%02x", e_j, txcap[8 + e_j], e_b);
            end
        end
        e_crc = ~e_crc;
        check("TX frame + pad bytes wrong", e_bad, 0);
        check("TX FCS", {txcap[71], txcap[70], txcap[69], txcap[68]}, e_crc);
        // the completion in host memory
        e_d = 32'd0;
        for (e_k = 0; e_k < 20 && (e_d & (VNIC_DESC_STATUS_DD << 16)) == 0; e_k = e_k + 1)
            grd(G_TXR + VNIC_DESC_OFF_LEN, e_d);
        if ((e_d & (VNIC_DESC_STATUS_DD << 16)) == 0)
            $display("ERROR: TX descriptor 0 never completed (no DD after %0d polls)", e_k);
        check("TX cpl status, length", e_d, (VNIC_DESC_STATUS_DD | VNIC_DESC_STATUS_EOP) << 16);
        grd(G_TXR + VNIC_DESC_OFF_BUFLEN, data);
        check("TX cpl buffer length echoed", data, TX_N);
        rd32(VF0 + VNIC_VF_TXR_HEAD, data);
        check("TXR.HEAD after the frame", data, 32'd1);

        // the counters and state: one frame each way, nothing held, no fault
        rd32(VF0 + VNIC_VF_STAT_RX_IN_LO, data);
        check("STAT.RX_IN", data, 32'd1);
        rd32(VF0 + VNIC_VF_STAT_RX_FRAMES_LO, data);
        check("STAT.RX_FRAMES", data, 32'd1);
        rd32(VF0 + VNIC_VF_STAT_RX_BYTES_LO, data);
        check("STAT.RX_BYTES", data, RX_L - 4);
        rd32(VF0 + VNIC_VF_STAT_TX_FRAMES_LO, data);
        check("STAT.TX_FRAMES", data, 32'd1);
        rd32(VF0 + VNIC_VF_STAT_TX_BYTES_LO, data);
        check("STAT.TX_BYTES", data, 60 + 4);
        rd32(VF0 + VNIC_VF_STATUS, data);
        check("VF STATUS (enabled, not halted)", data, VNIC_VF_STATUS_ENABLED_MASK);
        rd32({20'd0, VNIC_PF_GSTAT_TX_FRAMES_LO}, data);
        check("GSTAT.TX_FRAMES", data, 32'd1);
        rd32({20'd0, VNIC_PF_GSTAT_RX_COPIES_LO}, data);
        check("GSTAT.RX_COPIES", data, 32'd1);
        rd32({20'd0, VNIC_PF_VSTAT_RX_USED}, data);
        rd32({20'd0, VNIC_PF_VSTAT_TX_USED}, e_d);
        check("VSTAT.RX_USED, TX_USED", data | e_d, 32'd0);
        check("TX frames on the pins", txcap_frames, 1);   // and nothing after it
        check("bridge answers not OKAY", bad_st, 0);

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
