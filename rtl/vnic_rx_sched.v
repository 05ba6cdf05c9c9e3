// vnic_rx_sched: RX DMA scheduler across vNICs: guarantee first, weighted share (DRR), ceiling.
`resetall
`timescale 1ns / 1ps
`default_nettype none

/*
 * docs/architecture.md §4.7, literally.
 *
 * Buckets (signed, bytes * 2^24, depth SCH_BURST * 2^24), every cycle:
 *   G_v <= min(B_v, G_v - g_v + SCH_GUAR_v),  C_v <= min(B_v, C_v - c_v + SCH_CEIL_v)
 * with g_v = L * 2^24 when v was granted a frame of wire length L by tier 1
 * in the previous cycle, c_v = L * 2^24 when v was granted (either tier)
 * while ceil_en_v in the previous cycle: a grant's charge lands one cycle
 * after it, so a decision in the cycle after a grant sees the buckets
 * without that grant's charge.
 * COMMIT and RESET of v: G_v = 0, C_v = B_v, D_v = 0 (a charge of v still
 * to land, from a grant in the command's cycle or the one before, is
 * dropped).
 *
 * A decision happens in every cycle in which the DMA engine can take a
 * frame (ready) and the eligible set E is not empty:
 *   E2 = {v in E : !ceil_en_v or C_v > 0},  E1 = {v in E2 : G_v > 0}
 *   tier 1: first v in E1 at or after p1 (circular) is granted, p1 <- v + 1;
 *   tier 2: if p2 in E2 and D_p2 > 0, grant p2, D_p2 -= L; else v = first
 *           in E2 after p2 (p2 itself last), p2 <- v, D_v += 64 * weight_v,
 *           and if then D_v > 0 grant v, D_v -= L (else no grant);
 *   every v not in E with D_v > 0 gets D_v = 0.
 * Each decision is reported on the trace (trc_rx_grant_valid); one without a
 * grant (a DRR step, or E2 empty) has trc_rx_grant_none = 1 and vnic 0.
 * grant_valid tells the DMA engine that a frame was granted.
 *
 * Latency: the grant is combinational in the decision cycle (the engine takes
 * the frame in that cycle). Throughput: one decision per cycle.
 * Fairness: tier 1 round robin; tier 2 deficit round robin with quantum
 * 64 * SCH_WEIGHT bytes; no vNIC above its ceiling; no starvation of an
 * eligible vNIC below its ceiling.
 */
module vnic_rx_sched #(
    parameter integer NUM_VNIC = 8             // number of vNICs, 1..32
) (
    input  wire                   clk,
    input  wire                   rst,

    input  wire                   ready,       // the DMA engine can take a frame this cycle
    input  wire [NUM_VNIC-1:0]    elig,        // E
    input  wire [NUM_VNIC*14-1:0] head_len,    // wire length L of each vNIC's head frame, bytes

    input  wire [NUM_VNIC*7-1:0]  cfg_flags,
    input  wire [NUM_VNIC*32-1:0] cfg_sch_guar,   // bytes/cycle, 8.24
    input  wire [NUM_VNIC*32-1:0] cfg_sch_ceil,   // bytes/cycle, 8.24
    input  wire [NUM_VNIC*24-1:0] cfg_sch_burst,  // bytes
    input  wire [NUM_VNIC*8-1:0]  cfg_sch_weight,
    input  wire                   cmd_commit,
    input  wire                   cmd_reset,
    input  wire [4:0]             cmd_vnic,
    input  wire [23:0]            cmd_sch_burst,

    output wire                   grant_valid,
    output wire [4:0]             grant_vnic,
    output wire [13:0]            grant_len,

    output wire                   trc_rx_grant_valid,
    output wire                   trc_rx_grant_none,
    output wire [4:0]             trc_rx_grant_vnic,
    output wire [NUM_VNIC-1:0]    trc_rx_grant_elig
);

localparam integer NV = NUM_VNIC;
localparam integer BW = 50;                    // bucket width, signed
localparam integer DW = 18;                    // deficit width, signed
localparam [31:0]  NVM1_32 = NUM_VNIC - 1;
localparam [4:0]   NVM1 = NVM1_32[4:0];       // last vNIC index

// first set bit at or after index p (circular); found = mask != 0
function [4:0] ffs_from;
    input [NV-1:0] m;
    input [4:0]    p;
    integer i;
    reg     hit;
    begin
        ffs_from = 5'd0;
        hit = 1'b0;
        for (i = NV - 1; i >= 0; i = i - 1)
            if (m[i] && i[4:0] >= p) begin
                ffs_from = i[4:0];
                hit = 1'b1;
            end
        if (!hit) begin
            for (i = NV - 1; i >= 0; i = i - 1)
                if (m[i]) ffs_from = i[4:0];
        end
    end
endfunction

reg  [NV*DW-1:0] d_q, d_d;
reg  [4:0]       p1_q, p1_d, p2_q, p2_d;

wire [NV-1:0]    e1, e2;
reg              dec, gnt, tier1, p2_ok, tier2_topup;
reg  [4:0]       gv, tv;              // granted / reported vNIC
reg  [13:0]      glen;
integer v_0, v_1;

// ---------------------------------------------------------------- per-vNIC precomputation
// Everything a decision may select is computed for every vNIC in parallel
// from registers and head_len (the granted frame of v is v's head frame):
// the decision only selects. d_pos: D_v > 0; dq_pos: D_v + quantum > 0.
reg  [NV*DW-1:0] dq, d_minus, dq_minus;   // D+Q, D-L, D+Q-L
reg  [NV-1:0]    d_pos, dq_pos;
always @* begin
    for (v_0 = 0; v_0 < NV; v_0 = v_0 + 1) begin
        dq[v_0*DW +: DW] = d_q[v_0*DW +: DW] + {{(DW-14){1'b0}}, cfg_sch_weight[v_0*8 +: 8], 6'd0};
        d_minus[v_0*DW +: DW] = d_q[v_0*DW +: DW] - {{(DW-14){1'b0}}, head_len[v_0*14 +: 14]};
        dq_minus[v_0*DW +: DW] = dq[v_0*DW +: DW] - {{(DW-14){1'b0}}, head_len[v_0*14 +: 14]};
        d_pos[v_0] = !d_q[v_0*DW + DW - 1] && d_q[v_0*DW +: DW] != {DW{1'b0}};
        dq_pos[v_0] = !dq[v_0*DW + DW - 1] && dq[v_0*DW +: DW] != {DW{1'b0}};
    end
end

// ---------------------------------------------------------------- decision
always @* begin
    dec = ready && (elig != {NV{1'b0}});
    gnt = 1'b0;
    tier1 = (e1 != {NV{1'b0}});
    gv = 5'd0;
    tv = 5'd0;
    p2_ok = 1'b0;                         // p2 in E2 and D_p2 > 0
    for (v_0 = 0; v_0 < NV; v_0 = v_0 + 1)
        if (p2_q == v_0[4:0]) p2_ok = e2[v_0] && d_pos[v_0];
    tier2_topup = 1'b0;
    if (tier1) begin
        gv = ffs_from(e1, p1_q);
        tv = gv;
        gnt = 1'b1;
    end else if (e2 != {NV{1'b0}}) begin
        if (p2_ok) begin
            gv = p2_q;
            tv = p2_q;
            gnt = 1'b1;
        end else begin
            tv = ffs_from(e2, (p2_q == NVM1) ? 5'd0 : p2_q + 5'd1);
            gv = tv;
            for (v_0 = 0; v_0 < NV; v_0 = v_0 + 1)
                if (tv == v_0[4:0]) gnt = dq_pos[v_0];
            tier2_topup = dec;
        end
    end
    // with E2 empty (every eligible vNIC above its ceiling) nothing is
    // granted or topped up and the report names vNIC 0
    if (!dec) gnt = 1'b0;
    glen = 14'd0;
    for (v_0 = 0; v_0 < NV; v_0 = v_0 + 1)
        if (gv == v_0[4:0]) glen = head_len[v_0*14 +: 14];
end

assign grant_valid = gnt;
assign grant_vnic  = gv;
assign grant_len   = glen;

assign trc_rx_grant_valid = dec;
assign trc_rx_grant_none  = !gnt;
assign trc_rx_grant_vnic  = gnt ? gv : 5'd0;
assign trc_rx_grant_elig  = elig;

// ---------------------------------------------------------------- state update
// The charge of a grant lands in the next cycle: the grant registers which
// buckets pay (gpay_q: G, tier-1 grants; cpay_q: C, every grant while
// ceil_en) and the frame's wire length, unless a command of the granted
// vNIC in the grant cycle resets its buckets (then nothing is charged).
reg  [NV-1:0] gpay_q, cpay_q;
reg  [13:0]   plen_q;
integer v_2;
always @(posedge clk) begin
    if (rst) begin
        gpay_q <= {NV{1'b0}};
        cpay_q <= {NV{1'b0}};
        plen_q <= 14'd0;
    end else begin
        for (v_2 = 0; v_2 < NV; v_2 = v_2 + 1) begin
            gpay_q[v_2] <= gnt && gv == v_2[4:0] && tier1 &&
                           !((cmd_commit || cmd_reset) && cmd_vnic == v_2[4:0]);
            cpay_q[v_2] <= gnt && gv == v_2[4:0] && cfg_flags[v_2*7 + 5] &&
                           !((cmd_commit || cmd_reset) && cmd_vnic == v_2[4:0]);
        end
        plen_q <= glen;
    end
end

// G and C: one pair of registers per vNIC (each bucket its own word in
// simulation, not a field of a wide vector), updated from registers only:
// bucket - c + rate as one add of {rate[31:24] - c, rate[23:0]} (the charge
// has no fraction bits), then the clamp at the burst, which compares the
// sum's integer part with the burst and its fraction as one "nonzero" bit.
genvar gb;
generate
    for (gb = 0; gb < NV; gb = gb + 1) begin : gen_bucket
        localparam [31:0] VI = gb;
        reg  [BW-1:0] g_q, c_q;
        wire [15:0]   g_dh = {8'd0, cfg_sch_guar[gb*32 + 24 +: 8]} - (gpay_q[gb] ? {2'd0, plen_q} : 16'd0);
        wire [15:0]   c_dh = {8'd0, cfg_sch_ceil[gb*32 + 24 +: 8]} - (cpay_q[gb] ? {2'd0, plen_q} : 16'd0);
        wire [BW:0]   bg = {g_q[BW-1], g_q} + {{(BW-39){g_dh[15]}}, g_dh, cfg_sch_guar[gb*32 +: 24]};
        wire [BW:0]   bc = {c_q[BW-1], c_q} + {{(BW-39){c_dh[15]}}, c_dh, cfg_sch_ceil[gb*32 +: 24]};
        wire [BW-23:0] bb = {{(BW-47){1'b0}}, cfg_sch_burst[gb*24 +: 24], 1'b0};
        wire [BW-1:0] bmax = {bb[BW-24:1], 24'd0};
        wire [BW-1:0] g_n = ($signed({bg[BW:24], bg[23:0] != 24'd0}) > $signed(bb)) ? bmax : bg[BW-1:0];
        wire [BW-1:0] c_n = ($signed({bc[BW:24], bc[23:0] != 24'd0}) > $signed(bb)) ? bmax : bc[BW-1:0];
        wire          cmd  = (cmd_commit || cmd_reset) && cmd_vnic == VI[4:0];
        wire [BW-1:0] g_d = cmd ? {BW{1'b0}} : g_n;
        wire [BW-1:0] c_d = cmd ? {{(BW-48){1'b0}}, cmd_sch_burst, 24'd0} : c_n;
        always @(posedge clk) begin
            if (rst) begin
                g_q <= {BW{1'b0}};
                c_q <= {BW{1'b0}};
            end else begin
                g_q <= g_d;
                c_q <= c_d;
            end
        end
        assign e2[gb] = elig[gb] && (!cfg_flags[gb*7 + 5] || (!c_q[BW-1] && c_q != {BW{1'b0}}));
        assign e1[gb] = e2[gb] && !g_q[BW-1] && g_q != {BW{1'b0}};
    end
endgenerate

// Deficits: a tier-2 grant pays L (after the top-up when there was one); a
// top-up adds the quantum; a vNIC not in E with D > 0 is reset to 0.
always @* begin
    d_d = d_q;
    p1_d = p1_q;
    p2_d = p2_q;
    if (gnt && tier1) p1_d = (gv == NVM1) ? 5'd0 : gv + 5'd1;
    if (tier2_topup) p2_d = tv;
    for (v_1 = 0; v_1 < NV; v_1 = v_1 + 1) begin
        if ((cmd_commit || cmd_reset) && cmd_vnic == v_1[4:0])
            d_d[v_1*DW +: DW] = {DW{1'b0}};
        else if (gnt && !tier1 && gv == v_1[4:0])
            d_d[v_1*DW +: DW] = (tier2_topup && tv == v_1[4:0]) ? dq_minus[v_1*DW +: DW] : d_minus[v_1*DW +: DW];
        else if (tier2_topup && tv == v_1[4:0])
            d_d[v_1*DW +: DW] = dq[v_1*DW +: DW];
        else if (dec && !elig[v_1] && d_pos[v_1])
            d_d[v_1*DW +: DW] = {DW{1'b0}};
    end
end

always @(posedge clk) begin
    if (rst) begin
        d_q <= {NV*DW{1'b0}};
        p1_q <= 5'd0;
        p2_q <= 5'd0;
    end else begin
        d_q <= d_d;
        p1_q <= p1_d;
        p2_q <= p2_d;
    end
end

// only CEIL_EN (bit 5) of each vNIC's flags matters here
wire unused_flags = ^{1'b0, cfg_flags, 1'b0};

endmodule

`resetall
