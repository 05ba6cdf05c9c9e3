// vnic_board_tb: smoke test of the 5A-75B board top through its UART register bridge.
`timescale 1ns / 1ps
`default_nettype none
//
// Simulates vnic_board_5a75b with the behavioural PLL and DDR models
// (fpga/rtl/sim/), the clock pin driven at 125 MHz and a fast UART
// (CLKS_PER_BIT = 16). Over the UART byte protocol it:
//   1. reads PF G.ID and expects 0x564E4943 ('VNIC') with status 0xA0;
//   2. reads PF G.VERSION and G.CAPS (NUM_VNIC and DATA_W/8 of the build);
//   3. writes PF STAGE.MAC_LO and reads the value back;
//   4. reads a VF page beyond NUM_VNIC (must read 0, status OKAY);
//   5. sends an unknown command byte and expects 0xE1.
// Register offsets come from rtl/vnic_regs.vh. Ends with
// `N passed, N failed`; exits non-zero on any failure ($fatal).
module vnic_board_tb;

    `include "vnic_regs.vh"

    localparam integer CPB      = 16; // UART clock cycles per bit
    localparam integer NUM_VNIC = 2;
    localparam integer DATA_W   = 64;

    reg clk = 1'b0;
    always #4 clk = ~clk; // the clock pin at 125 MHz (behavioural PLL passes it through)

    reg        uart_rx = 1'b1;
    wire       uart_tx;
    wire [3:0] status;
    wire       eth_rst_n, rgmii_txc, rgmii_tx_ctl;
    wire [3:0] rgmii_txd;
    reg        rxc = 1'b0;
    always #4 rxc = ~rxc; // idle receive link: RX_CTL low

    vnic_board_5a75b #(
        .NUM_VNIC     (NUM_VNIC),
        .DATA_W       (DATA_W),
        .CLKS_PER_BIT (CPB)
    ) dut (
        .clk25        (clk),
        .uart_rx      (uart_rx),
        .uart_tx      (uart_tx),
        .status       (status),
        .eth_rst_n    (eth_rst_n),
        .rgmii_rxc    (rxc),
        .rgmii_rxd    (4'h0),
        .rgmii_rx_ctl (1'b0),
        .rgmii_txc    (rgmii_txc),
        .rgmii_txd    (rgmii_txd),
        .rgmii_tx_ctl (rgmii_tx_ctl)
    );

    integer passed = 0, failed = 0;

    task send_byte(input [7:0] b);
        integer k;
        begin
            uart_rx = 1'b0;
            repeat (CPB) @(posedge clk);
            for (k = 0; k < 8; k = k + 1) begin
                uart_rx = b[k];
                repeat (CPB) @(posedge clk);
            end
            uart_rx = 1'b1;
            repeat (CPB) @(posedge clk);
        end
    endtask

    task recv_byte(output [7:0] b);
        integer k, waited;
        begin
            b = 8'hxx;
            waited = 0;
            while (uart_tx !== 1'b0 && waited < 200000) begin
                @(posedge clk);
                waited = waited + 1;
            end
            if (waited >= 200000) begin
                $display("ERROR: no response byte on uart_tx");
            end else begin
                repeat (CPB / 2) @(posedge clk);    // middle of the start bit
                for (k = 0; k < 8; k = k + 1) begin
                    repeat (CPB) @(posedge clk);
                    b[k] = uart_tx;
                end
                repeat (CPB) @(posedge clk);        // stop bit
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

    reg [7:0]  st;
    reg [31:0] data;

    initial begin
        wait (dut.rst === 1'b0);
        repeat (20) @(posedge clk);

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

        $display("vnic_board_tb: UART bridge smoke test on vnic_board_5a75b");
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
