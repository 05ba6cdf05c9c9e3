// tw_decide: test wrapper of vnic_rx_decide (4 vNICs, W = 8) with a small configuration port (directed test only).
`resetall
`timescale 1ns / 1ps
`default_nettype none

module tw_decide (
    input  wire        clk,
    input  wire        rst,
    // configuration: field f of vNIC v <= val when we
    input  wire        cfg_we,
    input  wire [1:0]  cfg_v,
    input  wire [2:0]  cfg_f,        // 0 flags, 1 mac, 2 rx_size, 3 pol_rate, 4 pol_burst
    input  wire [63:0] cfg_val,
    input  wire        g_rx_en,
    input  wire [13:0] g_max_frame,
    input  wire        g_def_en,
    input  wire [4:0]  g_def_vnic,
    input  wire [3:0]  halted,
    input  wire        cmd_commit,
    input  wire        cmd_reset,
    input  wire [4:0]  cmd_vnic,
    input  wire [47:0] cmd_mac,
    input  wire [23:0] cmd_pol_burst,
    // frame
    input  wire        pre_valid,
    input  wire [47:0] pre_da,
    input  wire        dec_valid,
    input  wire [31:0] dec_seq,
    input  wire        dec_fifo_ok,
    input  wire        dec_macerr,
    input  wire        dec_tkeep,
    input  wire        dec_runt,
    input  wire        dec_fcs_bad,
    input  wire [31:0] dec_len,
    input  wire        sof_drop,
    input  wire        rel_valid,
    input  wire [4:0]  rel_vnic,
    input  wire [15:0] rel_bytes,
    // results
    output wire        dec_keep,
    output wire        cq_valid,
    output wire [3:0]  cq_mask,
    output wire        trc_valid,
    output wire [3:0]  trc_wire,
    output wire [3:0]  trc_dest,
    output wire [7:0]  trc_outcome,
    output wire [31:0] used0,
    output wire [31:0] used1,
    output wire [31:0] used2,
    output wire [31:0] used3,
    output wire [31:0] g_copies,      // this cycle's RX_COPIES increment
    output wire [31:0] g_frames,      // this cycle's RX_FRAMES increment
    output wire [31:0] v_halted0      // this cycle's DROP_HALTED increment of vNIC 0
);

localparam integer NV = 4;
localparam integer CW = 32;

reg [NV*7-1:0]  flags_q;
reg [NV*48-1:0] mac_q;
reg [NV*32-1:0] size_q, rate_q;
reg [NV*24-1:0] burst_q;
always @(posedge clk) begin
    if (rst) begin
        flags_q <= {NV*7{1'b0}};
        mac_q <= {NV*48{1'b0}};
        size_q <= {NV*32{1'b0}};
        rate_q <= {NV*32{1'b0}};
        burst_q <= {NV*24{1'b0}};
    end else if (cfg_we) begin
        case (cfg_f)
            3'd0: flags_q[cfg_v*7 +: 7] <= cfg_val[6:0];
            3'd1: mac_q[cfg_v*48 +: 48] <= cfg_val[47:0];
            3'd2: size_q[cfg_v*32 +: 32] <= cfg_val[31:0];
            3'd3: rate_q[cfg_v*32 +: 32] <= cfg_val[31:0];
            default: burst_q[cfg_v*24 +: 24] <= cfg_val[23:0];
        endcase
    end
end

wire [NV*32-1:0]    used;
wire [13*CW-1:0]    gadd;
wire [NV*12*CW-1:0] vadd;
wire [12:0]         cq_fwords;
wire [13:0]         cq_len;
wire                cq_bcast, cq_mcast;
wire [31:0]         cq_seq, trc_seq;

vnic_rx_decide #(
    .NUM_VNIC (NV),
    .DATA_W   (64),
    .FAW      (12),
    .PIPE     (3),
    .CW       (CW)
) u_dut (
    .clk                (clk),
    .rst                (rst),
    .pre_valid          (pre_valid),
    .pre_da             (pre_da),
    .dec_valid          (dec_valid),
    .dec_seq            (dec_seq),
    .dec_fifo_ok        (dec_fifo_ok),
    .dec_macerr         (dec_macerr),
    .dec_tkeep          (dec_tkeep),
    .dec_runt           (dec_runt),
    .dec_fcs_bad        (dec_fcs_bad),
    .dec_len            (dec_len),
    .dec_fwords         (13'd8),
    .dec_keep           (dec_keep),
    .sof_drop           (sof_drop),
    .g_rx_en            (g_rx_en),
    .g_max_frame        (g_max_frame),
    .g_def_en           (g_def_en),
    .g_def_vnic         (g_def_vnic),
    .cfg_flags          (flags_q),
    .cfg_mac            (mac_q),
    .cfg_rx_size        (size_q),
    .cfg_pol_rate       (rate_q),
    .cfg_pol_burst      (burst_q),
    .halted             (halted),
    .cmd_commit         (cmd_commit),
    .cmd_reset          (cmd_reset),
    .cmd_vnic           (cmd_vnic),
    .cmd_mac            (cmd_mac),
    .cmd_pol_burst      (cmd_pol_burst),
    .rel_valid          (rel_valid),
    .rel_vnic           (rel_vnic),
    .rel_bytes          (rel_bytes),
    .flush_cnt          (16'd0),
    .flush_bytes        (32'd0),
    .cq_valid           (cq_valid),
    .cq_fwords          (cq_fwords),
    .cq_len             (cq_len),
    .cq_mask            (cq_mask),
    .cq_bcast           (cq_bcast),
    .cq_mcast           (cq_mcast),
    .cq_seq             (cq_seq),
    .rx_used            (used),
    .gstat_add          (gadd),
    .vstat_add          (vadd),
    .trc_rx_dec_valid   (trc_valid),
    .trc_rx_dec_seq     (trc_seq),
    .trc_rx_dec_wire    (trc_wire),
    .trc_rx_dec_dest    (trc_dest),
    .trc_rx_dec_outcome (trc_outcome)
);

assign used0 = used[31:0];
assign used1 = used[63:32];
assign used2 = used[95:64];
assign used3 = used[127:96];
assign g_copies = gadd[10*CW +: CW];
assign g_frames = gadd[0 +: CW];
assign v_halted0 = vadd[5*CW +: CW];

wire unused_ok = ^{1'b0, cfg_val[63:48], cq_fwords, cq_len, cq_bcast, cq_mcast, cq_seq, trc_seq, gadd, vadd, 1'b0};

endmodule

`resetall
