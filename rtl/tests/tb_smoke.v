// tb_smoke: Icarus Verilog smoke test of vnic_top (second simulator): reset, register reads, one frame.
`timescale 1ns / 1ps
`default_nettype none

/*
 * Not synthesizable; run with `make rtl-iverilog` (iverilog -g2005, vvp).
 * Checks: G.ID reads 'VNIC', CAPS reports the build, a CTRL write reads back,
 * one good 64-byte frame with no vNIC enabled is dropped as NOMATCH and
 * counted once in GSTAT.RX_FRAMES. Ends with "N passed, N failed"; a failure
 * makes vvp exit 1.
 */
module tb_smoke;

localparam integer DATA_W = 64;
localparam integer W = DATA_W / 8;

reg clk = 1'b0;
reg rst = 1'b1;
always #4 clk = ~clk;

reg  [17:0] awaddr = 18'd0;
reg         awvalid = 1'b0;
wire        awready;
reg  [31:0] wdata = 32'd0;
reg         wvalid = 1'b0;
wire        wready;
wire [1:0]  bresp;
wire        bvalid;
reg  [17:0] araddr = 18'd0;
reg         arvalid = 1'b0;
wire        arready;
wire [31:0] rdata;
wire [1:0]  rresp;
wire        rvalid;

reg  [DATA_W-1:0] rx_tdata = {DATA_W{1'b0}};
reg  [W-1:0]      rx_tkeep = {W{1'b0}};
reg               rx_tvalid = 1'b0;
reg               rx_tlast = 1'b0;
wire              rx_tready;

vnic_top #(.DATA_W(DATA_W)) dut (
    .clk(clk), .rst(rst),
    .s_axil_awaddr(awaddr), .s_axil_awprot(3'd0), .s_axil_awvalid(awvalid), .s_axil_awready(awready),
    .s_axil_wdata(wdata), .s_axil_wstrb(4'hF), .s_axil_wvalid(wvalid), .s_axil_wready(wready),
    .s_axil_bresp(bresp), .s_axil_bvalid(bvalid), .s_axil_bready(1'b1),
    .s_axil_araddr(araddr), .s_axil_arprot(3'd0), .s_axil_arvalid(arvalid), .s_axil_arready(arready),
    .s_axil_rdata(rdata), .s_axil_rresp(rresp), .s_axil_rvalid(rvalid), .s_axil_rready(1'b1),
    .m_axi_awid(), .m_axi_awuser(), .m_axi_awaddr(), .m_axi_awlen(), .m_axi_awsize(), .m_axi_awburst(), .m_axi_awlock(),
    .m_axi_awcache(), .m_axi_awprot(), .m_axi_awvalid(), .m_axi_awready(1'b1),
    .m_axi_wdata(), .m_axi_wstrb(), .m_axi_wlast(), .m_axi_wvalid(), .m_axi_wready(1'b1),
    .m_axi_bid(4'd0), .m_axi_bresp(2'd0), .m_axi_bvalid(1'b0), .m_axi_bready(),
    .m_axi_arid(), .m_axi_aruser(), .m_axi_araddr(), .m_axi_arlen(), .m_axi_arsize(), .m_axi_arburst(), .m_axi_arlock(),
    .m_axi_arcache(), .m_axi_arprot(), .m_axi_arvalid(), .m_axi_arready(1'b1),
    .m_axi_rid(4'd0), .m_axi_rdata({DATA_W{1'b0}}), .m_axi_rresp(2'd0), .m_axi_rlast(1'b0),
    .m_axi_rvalid(1'b0), .m_axi_rready(),
    .s_axis_rx_tdata(rx_tdata), .s_axis_rx_tkeep(rx_tkeep), .s_axis_rx_tvalid(rx_tvalid),
    .s_axis_rx_tready(rx_tready), .s_axis_rx_tlast(rx_tlast), .s_axis_rx_tuser(1'b0),
    .m_axis_tx_tdata(), .m_axis_tx_tkeep(), .m_axis_tx_tvalid(), .m_axis_tx_tready(1'b1),
    .m_axis_tx_tlast(), .m_axis_tx_tuser(),
    .m_irq_valid(), .m_irq_ready(1'b1), .m_irq_vector(),
    .trc_rx_sof_valid(), .trc_rx_sof_seq(), .trc_rx_sof_fifo_ok(),
    .trc_rx_dec_valid(), .trc_rx_dec_seq(), .trc_rx_dec_wire(), .trc_rx_dec_dest(), .trc_rx_dec_outcome(),
    .trc_rx_fifo_rel_valid(), .trc_rx_fifo_rel_seq(), .trc_rx_stored_valid(), .trc_rx_stored_vnic(),
    .trc_rx_grant_valid(), .trc_rx_grant_none(), .trc_rx_grant_vnic(), .trc_rx_grant_elig(), .trc_rx_free_valid(),
    .trc_rx_free_vnic(), .trc_rx_cpl_valid(), .trc_rx_cpl_vnic(), .trc_cmd_valid(), .trc_cmd_op(),
    .trc_cmd_vnic(), .trc_cmd_err(), .trc_fault_valid(), .trc_fault_vnic(), .trc_fault_reason(),
    .trc_fault_addr(), .trc_tx_cpl_valid(), .trc_tx_cpl_vnic(), .trc_irq_valid(), .trc_irq_mask(), .trc_tx_queued_valid(), .trc_tx_queued_vnic(),
    .trc_tx_grant_valid(), .trc_tx_grant_none(), .trc_tx_grant_vnic(), .trc_tx_grant_elig(), .trc_tx_sent_valid(),
    .trc_tx_sent_vnic()
);

integer passed = 0;
integer failed = 0;

task check;
    input [255:0] what;
    input [31:0]  got;
    input [31:0]  exp;
    begin
        if (got === exp) begin
            passed = passed + 1;
        end else begin
            failed = failed + 1;
            $display("FAIL %0s: got 0x%08x, expected 0x%08x", what, got, exp);
        end
    end
endtask

task reg_write;
    input [17:0] a;
    input [31:0] d;
    begin
        @(negedge clk);
        awaddr = a; awvalid = 1'b1; wdata = d; wvalid = 1'b1;
        @(posedge clk);
        while (!(awready && wready)) @(posedge clk);
        @(negedge clk);
        awvalid = 1'b0; wvalid = 1'b0;
        while (!bvalid) @(posedge clk);
    end
endtask

task reg_read;
    input  [17:0] a;
    output [31:0] d;
    begin
        @(negedge clk);
        araddr = a; arvalid = 1'b1;
        @(posedge clk);
        while (!arready) @(posedge clk);
        @(negedge clk);
        arvalid = 1'b0;
        while (!rvalid) @(posedge clk);
        d = rdata;
    end
endtask

// one frame of len bytes (FCS included, computed here), destination dst
reg [7:0] frame [0:2047];
task send_frame;
    input integer len;
    integer i, b;
    reg [31:0] crc;
    begin
        for (i = 0; i < len - 4; i = i + 1)
            frame[i] = (i < 6) ? 8'h02 : i[7:0];
        crc = 32'hFFFFFFFF;
        for (i = 0; i < len - 4; i = i + 1)
            for (b = 0; b < 8; b = b + 1)
                crc = (crc >> 1) ^ (((crc[0] ^ frame[i][b]) != 1'b0) ? 32'hEDB88320 : 32'd0);
        crc = ~crc;
        frame[len-4] = crc[7:0]; frame[len-3] = crc[15:8];
        frame[len-2] = crc[23:16]; frame[len-1] = crc[31:24];
        for (i = 0; i < len; i = i + W) begin
            @(negedge clk);
            rx_tvalid = 1'b1;
            rx_tlast = (i + W >= len);
            for (b = 0; b < W; b = b + 1) begin
                rx_tdata[8*b +: 8] = (i + b < len) ? frame[i+b] : 8'h00;
                rx_tkeep[b] = (i + b < len);
            end
            @(posedge clk);
            while (!rx_tready) @(posedge clk);
        end
        @(negedge clk);
        rx_tvalid = 1'b0;
        rx_tlast = 1'b0;
    end
endtask

reg [31:0] v;
initial begin
    repeat (4) @(posedge clk);
    @(negedge clk) rst = 1'b0;
    repeat (2) @(posedge clk);
    reg_read(18'h00000, v);  check("G.ID", v, 32'h564E4943);
    reg_read(18'h00008, v);  check("G.CAPS", v, {12'd0, 4'd4, 8'd8, 8'd8});
    reg_write(18'h00010, 32'h00000001);
    reg_read(18'h00010, v);  check("G.CTRL", v, 32'h00000001);
    send_frame(64);
    repeat (40) @(posedge clk);
    reg_read(18'h00300, v);  check("GSTAT.RX_FRAMES", v, 32'd1);
    reg_read(18'h00338, v);  check("GSTAT.DROP_NOMATCH", v, 32'd1);
    reg_read(18'h00330, v);  check("GSTAT.DROP_FCS", v, 32'd0);
    if (failed == 0)
        $display("1 passed, 0 failed (%0d checks)", passed);
    else
        $display("0 passed, 1 failed (%0d of %0d checks failed)", failed, passed + failed);
    if (failed != 0) $finish_and_return(1);
    $finish;
end

endmodule

`default_nettype wire
