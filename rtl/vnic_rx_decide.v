// vnic_rx_decide: RX decision cycle: classification, per-vNIC policer and partition admission.
`resetall
`timescale 1ns / 1ps
`default_nettype none

/*
 * One decision per frame, in the cycle its context arrives on dec_*
 * (tlast + RX_DEC_LAT), docs/architecture.md §4.1-§4.4, §4.6.
 *
 * Classification (§4.2): the unicast compare of the destination address
 * against every vNIC's MAC is done one stage after tlast (pre_*) and
 * registered; a COMMIT while the frame is in flight re-compares that vNIC's
 * bit against the new MAC, so the result equals a compare against the MACs
 * active at the decision cycle. The enable/bcast/mcast flags, halted bits,
 * G.CTRL and all bucket and partition state are read at the decision cycle
 * (register values at the start of that cycle), and so is G.MAX_FRAME for
 * OVERSIZE (the ingress FIFO uses its value at the first beat).
 *
 * Admission (§4.3), per copy to vNIC v, all copies in parallel (copies of one
 * frame never share a vNIC): halted -> HALTED; pol_en and P_v < L*2^24 ->
 * POLICER; RX_SIZE_v - RX_USED_v < S(L) -> NOBUF; else accept.
 * Policer bucket, every cycle: P_v <= min(POL_BURST*2^24, P_v - c_v + POL_RATE)
 * (48 bits), c_v = L*2^24 for an accepted copy with pol_en; set to
 * POL_BURST*2^24 by COMMIT and RESET. The register holds this value in every
 * cycle a decision can read it; the charge itself is subtracted one cycle
 * later (see the state update).
 * RX_USED_v += S(L) on accept, -= the released size (rel_*), = 0 on RESET.
 *
 * Every admitted frame is pushed to the copy engine (cq_*, with the mask of
 * accepted copies, possibly empty), which releases the FIFO space in seq
 * order; a frame with an accepted copy is kept in the FIFO RAM (dec_keep).
 * A frame dropped as FIFO has no decision trace event; it counts RX_FRAMES
 * and DROP_FIFO at its first beat (sof_drop) and RX_BYTES here.
 * Counters: GSTAT RX_FRAMES/RX_BYTES/wire drops/NOMATCH/RX_COPIES and per vNIC
 * RX_IN/DROP_POLICER/DROP_NOBUF/DROP_HALTED (including the frames a RESET
 * discards: every accepted copy not yet released).
 *
 * Latency: decision combinational in its cycle; the state updates are
 * visible in the next cycle. Throughput: one frame per cycle.
 * Fairness: not an arbiter (all copies decided in parallel).
 */
module vnic_rx_decide #(
    parameter integer NUM_VNIC = 8,       // number of vNICs, 1..32
    parameter integer DATA_W   = 64,      // datapath width, bits
    parameter integer FAW      = 12,      // ingress FIFO word address width, bits
    parameter integer PIPE     = 3,       // cycles from pre_* to dec_* (RX_DEC_LAT - 1)
    parameter integer CW       = 32       // counter increment width, bits
) (
    input  wire                  clk,
    input  wire                  rst,

    // frame context from vnic_rx_mac_if
    input  wire                  pre_valid,
    input  wire [47:0]           pre_da,
    input  wire                  dec_valid,
    input  wire [31:0]           dec_seq,
    input  wire                  dec_fifo_ok,
    input  wire                  dec_macerr,
    input  wire                  dec_tkeep,
    input  wire                  dec_runt,
    input  wire                  dec_fcs_bad,
    input  wire [31:0]           dec_len,
    input  wire [FAW:0]          dec_fwords,
    output wire                  dec_keep,
    input  wire                  sof_drop,          // a frame dropped as FIFO at its first beat

    // configuration and state
    input  wire                  g_rx_en,
    input  wire [13:0]           g_max_frame,       // OVERSIZE limit at the decision cycle
    input  wire                  g_def_en,
    input  wire [4:0]            g_def_vnic,
    input  wire [NUM_VNIC*7-1:0] cfg_flags,
    input  wire [NUM_VNIC*48-1:0] cfg_mac,
    input  wire [NUM_VNIC*32-1:0] cfg_rx_size,
    input  wire [NUM_VNIC*32-1:0] cfg_pol_rate,
    input  wire [NUM_VNIC*24-1:0] cfg_pol_burst,
    input  wire [NUM_VNIC-1:0]   halted,
    input  wire                  cmd_commit,
    input  wire                  cmd_reset,
    input  wire [4:0]            cmd_vnic,
    input  wire [47:0]           cmd_mac,
    input  wire [23:0]           cmd_pol_burst,

    // partition space released (frame read out of the buffer, or ERR_BUFLEN)
    input  wire                  rel_valid,
    input  wire [4:0]            rel_vnic,
    input  wire [15:0]           rel_bytes,

    // stored frames a RESET of cmd_vnic discards (valid with cmd_reset)
    input  wire [15:0]           flush_cnt,
    input  wire [31:0]           flush_bytes,

    // every admitted frame to the copy engine (mask 0: nothing accepted)
    output wire                  cq_valid,
    output wire [FAW:0]          cq_fwords,
    output wire [13:0]           cq_len,
    output wire [NUM_VNIC-1:0]   cq_mask,
    output wire                  cq_bcast,
    output wire                  cq_mcast,
    output wire [31:0]           cq_seq,

    // status and counters
    output wire [NUM_VNIC*32-1:0] rx_used,
    output wire [13*CW-1:0]      gstat_add,
    output wire [NUM_VNIC*12*CW-1:0] vstat_add,

    // verification trace
    output wire                  trc_rx_dec_valid,
    output wire [31:0]           trc_rx_dec_seq,
    output wire [3:0]            trc_rx_dec_wire,
    output wire [NUM_VNIC-1:0]   trc_rx_dec_dest,
    output wire [2*NUM_VNIC-1:0] trc_rx_dec_outcome
);

`include "vnic_regs.vh"

localparam integer NV = NUM_VNIC;
localparam integer W  = DATA_W / 8;
localparam integer NCV = 12;

localparam [3:0] WV_OK = 4'd0, WV_FIFO = 4'd1, WV_RXOFF = 4'd2, WV_MACERR = 4'd3, WV_TKEEP = 4'd4,
                 WV_RUNT = 4'd5, WV_OVER = 4'd6, WV_FCS = 4'd7, WV_NOMATCH = 4'd8;

generate
    if (PIPE < 2) begin : gen_err_pipe
        vnic_error_rx_decide_PIPE_must_be_at_least_2 u_error ();
    end
endgenerate

// ---------------------------------------------------------------- destination-address pipeline
// stage k (1..PIPE) holds the frame k cycles after pre_*; stage PIPE is
// aligned with dec_*
reg  [(PIPE+1)*48-1:0] pda_q, pda_d;
reg  [(PIPE+1)*NV-1:0] pm_q, pm_d;       // unicast match vector

reg  [NV-1:0]      match_new;
integer v_0, v_1, v_2, v_4, k_0;
always @* begin
    // compare against the MACs as they are from the next cycle on
    for (v_0 = 0; v_0 < NV; v_0 = v_0 + 1)
        match_new[v_0] = ((cmd_commit && cmd_vnic == v_0[4:0]) ? cmd_mac : cfg_mac[v_0*48 +: 48]) == pre_da;
    pda_d = pda_q;
    pm_d = pm_q;
    if (pre_valid) begin
        pda_d[48 +: 48] = pre_da;
        pm_d[NV +: NV] = match_new;
    end
    for (k_0 = 2; k_0 <= PIPE; k_0 = k_0 + 1) begin
        pda_d[k_0*48 +: 48] = pda_q[(k_0-1)*48 +: 48];
        pm_d[k_0*NV +: NV] = pm_q[(k_0-1)*NV +: NV];
        for (v_0 = 0; v_0 < NV; v_0 = v_0 + 1)
            if (cmd_commit && cmd_vnic == v_0[4:0])
                pm_d[k_0*NV + v_0] = (cmd_mac == pda_q[(k_0-1)*48 +: 48]);
    end
end

wire [47:0]   da    = pda_q[PIPE*48 +: 48];
wire [NV-1:0] match = pm_q[PIPE*NV +: NV];
wire          da_bc = (da == 48'hFFFFFFFFFFFF);
wire          da_mc = da[40] && !da_bc;   // group bit: bit 0 of byte 0

// ---------------------------------------------------------------- per-vNIC state
reg [NV*49-1:0] pol_q, pol_d;             // policer buckets, bytes * 2^24 (bit 48: see below)
reg [NV*32-1:0] used_q, used_d;           // RX_USED, bytes

assign rx_used = used_q;

// ---------------------------------------------------------------- decision
wire [13:0] len14 = dec_len[13:0];
localparam [31:0] WM1_32 = W - 1;
localparam [14:0] WM1 = WM1_32[14:0];
localparam [14:0] WM5 = WM1 - 15'd4;
// S(L) = W * ceil((L-4)/W), one adder: L - 4 + W - 1 (only used for accepted
// copies, whose L passed the RUNT check)
wire [14:0] s_len = ({1'b0, len14} + WM5) & ~WM1;

// Partition room per vNIC, from registers only (in parallel with S(L)):
// used + S(L) > size  <=>  size - used < S(L), compared signed.
reg  [NV*34-1:0] room;
integer v_5;
always @* begin
    for (v_5 = 0; v_5 < NV; v_5 = v_5 + 1)
        room[v_5*34 +: 34] = {2'b00, cfg_rx_size[v_5*32 +: 32]} - {2'b00, used_q[v_5*32 +: 32]};
end

reg  [3:0]    wire_v;
reg           wire_ok;                    // wire_v == WV_OK before NOMATCH, as one AND
reg  [NV-1:0] cand, dest, dest_m, acc;
reg  [2*NV-1:0] outc;
reg           cls_none;
reg  [NV-1:0] def_hit;
always @* begin
    if (!dec_fifo_ok)        wire_v = WV_FIFO;
    else if (!g_rx_en)       wire_v = WV_RXOFF;
    else if (dec_macerr)     wire_v = WV_MACERR;
    else if (dec_tkeep)      wire_v = WV_TKEEP;
    else if (dec_runt)       wire_v = WV_RUNT;
    else if (dec_len > {18'd0, g_max_frame}) wire_v = WV_OVER;
    else if (dec_fcs_bad)    wire_v = WV_FCS;
    else                     wire_v = WV_OK;
    // the same verdict without its reason: the accept path does not wait on
    // the priority order of the reasons (only the report and the counters do)
    wire_ok = dec_fifo_ok && g_rx_en && !dec_macerr && !dec_tkeep && !dec_runt &&
              !(dec_len > {18'd0, g_max_frame}) && !dec_fcs_bad;

    for (v_1 = 0; v_1 < NV; v_1 = v_1 + 1) begin
        cand[v_1] = cfg_flags[v_1*7 + 0];
        if (da_bc)
            dest[v_1] = cand[v_1] && cfg_flags[v_1*7 + 1];
        else if (da_mc)
            dest[v_1] = cand[v_1] && cfg_flags[v_1*7 + 2];
        else
            dest[v_1] = cand[v_1] && match[v_1];
        def_hit[v_1] = g_def_en && g_def_vnic == v_1[4:0] && cand[v_1];
    end
    cls_none = (dest == {NV{1'b0}});
    if (cls_none) dest = def_hit;
    dest_m = dest;                          // the classification alone
    if (wire_v == WV_OK && dest == {NV{1'b0}}) wire_v = WV_NOMATCH;
    if (wire_v != WV_OK) dest = {NV{1'b0}};

    for (v_1 = 0; v_1 < NV; v_1 = v_1 + 1) begin
        outc[2*v_1 +: 2] = 2'd0;
        if (halted[v_1])
            outc[2*v_1 +: 2] = 2'd1;
        else if (cfg_flags[v_1*7 + 4] && pol_q[v_1*49 + 24 +: 25] < {11'd0, len14})
            outc[2*v_1 +: 2] = 2'd2;
        else if ($signed(room[v_1*34 +: 34]) < $signed({19'd0, s_len}))
            outc[2*v_1 +: 2] = 2'd3;
        // dest[v] = wire_ok && dest_m[v] (an empty dest_m is NOMATCH, no copy)
        acc[v_1] = dec_valid && wire_ok && dest_m[v_1] && outc[2*v_1 +: 2] == 2'd0;
        if (!dest[v_1]) outc[2*v_1 +: 2] = 2'd0;
    end
end

wire any_acc = (acc != {NV{1'b0}});
assign dec_keep = any_acc;

assign cq_valid  = dec_valid && dec_fifo_ok;
assign cq_fwords = dec_fwords;
assign cq_len    = len14;
assign cq_mask   = acc;
assign cq_bcast  = da_bc;
assign cq_mcast  = da_mc;
assign cq_seq    = dec_seq;

assign trc_rx_dec_valid   = dec_valid && dec_fifo_ok;
assign trc_rx_dec_seq     = dec_seq;
assign trc_rx_dec_wire    = wire_v;
assign trc_rx_dec_dest    = dest;
assign trc_rx_dec_outcome = outc;

// ---------------------------------------------------------------- state update
// Policer: an accepted copy's charge is subtracted in the cycle after its
// decision (pend_q, plen_q: every copy of one frame pays the same L). In the
// decision's cycle the bucket takes P + POL_RATE unclamped, so the next
// cycle's min(B, (P + R) - L*2^24 + R) equals the §4.3 bucket two cycles on,
// min(B, min(B, P - L*2^24 + R) + R) (R >= 0). The register differs from
// §4.3 only in the cycle after a charge, and no decision reads it then:
// frames that reach the policer are at least 64 bytes, two beats or more at
// DATA_W <= 256, so two of their decisions are two cycles apart or more
// (simulation stops if one would read it). Each bucket is then one add of
// {POL_RATE[31:24] - c, POL_RATE[23:0]} and one clamp; the decision (acc)
// only selects whether the clamp applies. P + POL_RATE may pass 2^48 (a
// burst near 2^24 bytes), hence the 49th bit.
reg [NV-1:0] pend_q, pend_d;          // v's policer is charged this cycle
reg [13:0]   plen_q;                  // by that length
reg [15:0]   pol_dh;                  // POL_RATE[31:24] - charge, signed
reg [48:0]   pol_x;                   // P - charge + POL_RATE
reg [47:0]   pol_cap;                 // POL_BURST * 2^24
reg [31:0]   used_base;               // RX_USED after releases and RESET
always @* begin
    pol_dh = 16'd0;
    pol_x = 49'd0;
    pol_cap = 48'd0;
    used_base = 32'd0;
    pol_d = pol_q;
    pend_d = {NV{1'b0}};
    used_d = used_q;
    for (v_2 = 0; v_2 < NV; v_2 = v_2 + 1) begin
        pol_dh = {8'd0, cfg_pol_rate[v_2*32 + 24 +: 8]} - (pend_q[v_2] ? {2'd0, plen_q} : 16'd0);
        pol_x = pol_q[v_2*49 +: 49] + {{9{pol_dh[15]}}, pol_dh, cfg_pol_rate[v_2*32 +: 24]};
        pol_cap = {cfg_pol_burst[v_2*24 +: 24], 24'd0};
        pend_d[v_2] = acc[v_2] && cfg_flags[v_2*7 + 4];
        if (!pend_d[v_2] && {pol_x[48:24], pol_x[23:0] != 24'd0} > {1'b0, pol_cap[47:24], 1'b0})
            pol_d[v_2*49 +: 49] = {1'b0, pol_cap};
        else
            pol_d[v_2*49 +: 49] = pol_x;
        if ((cmd_commit || cmd_reset) && cmd_vnic == v_2[4:0]) begin
            pol_d[v_2*49 +: 49] = {1'b0, cmd_pol_burst, 24'd0};
            pend_d[v_2] = 1'b0;
        end

        used_base = used_q[v_2*32 +: 32];
        if (rel_valid && rel_vnic == v_2[4:0])
            used_base = used_base - {16'd0, rel_bytes};
        if (cmd_reset && cmd_vnic == v_2[4:0])
            used_base = used_base - flush_bytes;
        used_d[v_2*32 +: 32] = acc[v_2] ? used_base + {17'd0, s_len} : used_base;
    end
end

`ifndef SYNTHESIS
// A decision that reads a policer bucket in the cycle after its charge
// would see P + POL_RATE, not the §4.3 value.
integer v_6;
always @(posedge clk) begin
    if (!rst && dec_valid)
        for (v_6 = 0; v_6 < NV; v_6 = v_6 + 1)
            if (pend_q[v_6] && dest[v_6] && cfg_flags[v_6*7 + 4]) begin
                $display("vnic_rx_decide: vNIC %0d's policer read in the cycle after its charge", v_6);
                $stop;
            end
    // the flat accept against the verdict with its reasons
    if (!rst && (wire_ok != (wire_v == WV_OK || wire_v == WV_NOMATCH) || acc != ({NV{dec_valid}} & dest & ~outc_nz))) begin
        $display("vnic_rx_decide: accept mask %b differs from the verdict's (wire %0d, dest %b)", acc, wire_v, dest);
        $stop;
    end
end
// copies that the halted, policer or room checks refuse (outc != 0)
reg [NV-1:0] outc_nz;
integer v_7;
always @*
    for (v_7 = 0; v_7 < NV; v_7 = v_7 + 1)
        outc_nz[v_7] = outc[2*v_7 +: 2] != 2'd0;
`endif

always @(posedge clk) begin
    if (rst) begin
        pol_q <= {NV*49{1'b0}};
        pend_q <= {NV{1'b0}};
        plen_q <= 14'd0;
        used_q <= {NV*32{1'b0}};
    end else begin
        pol_q <= pol_d;
        pend_q <= pend_d;
        plen_q <= len14;
        used_q <= used_d;
    end
    pda_q <= pda_d;
    pm_q <= pm_d;
end

// ---------------------------------------------------------------- counters
reg [13*CW-1:0]     g_add;
reg [NV*12*CW-1:0]  v_add;
reg [5:0]           ncopies;
always @* begin
    g_add = {13*CW{1'b0}};
    ncopies = 6'd0;
    for (v_4 = 0; v_4 < NV; v_4 = v_4 + 1)
        ncopies = ncopies + {5'd0, dest[v_4]};
    // a frame dropped as FIFO counts RX_FRAMES and DROP_FIFO at its first beat
    if (sof_drop) begin
        g_add[VNIC_PF_GSTAT_RX_FRAMES_IDX*CW +: CW] = {{(CW-1){1'b0}}, 1'b1};
        g_add[VNIC_PF_GSTAT_DROP_FIFO_IDX*CW +: CW] = {{(CW-1){1'b0}}, 1'b1};
    end
    if (dec_valid)
        g_add[VNIC_PF_GSTAT_RX_BYTES_IDX*CW +: CW] = dec_len[CW-1:0];
    if (dec_valid && dec_fifo_ok) begin
        // a FIFO drop's first beat may fall in this decision cycle: both count
        g_add[VNIC_PF_GSTAT_RX_FRAMES_IDX*CW +: CW] = {{(CW-2){1'b0}}, sof_drop, !sof_drop};
        case (wire_v)
            WV_RXOFF:   g_add[VNIC_PF_GSTAT_DROP_RXOFF_IDX*CW +: CW]    = {{(CW-1){1'b0}}, 1'b1};
            WV_MACERR:  g_add[VNIC_PF_GSTAT_DROP_MACERR_IDX*CW +: CW]   = {{(CW-1){1'b0}}, 1'b1};
            WV_TKEEP:   g_add[VNIC_PF_GSTAT_DROP_TKEEP_IDX*CW +: CW]    = {{(CW-1){1'b0}}, 1'b1};
            WV_RUNT:    g_add[VNIC_PF_GSTAT_DROP_RUNT_IDX*CW +: CW]     = {{(CW-1){1'b0}}, 1'b1};
            WV_OVER:    g_add[VNIC_PF_GSTAT_DROP_OVERSIZE_IDX*CW +: CW] = {{(CW-1){1'b0}}, 1'b1};
            WV_FCS:     g_add[VNIC_PF_GSTAT_DROP_FCS_IDX*CW +: CW]      = {{(CW-1){1'b0}}, 1'b1};
            WV_NOMATCH: g_add[VNIC_PF_GSTAT_DROP_NOMATCH_IDX*CW +: CW]  = {{(CW-1){1'b0}}, 1'b1};
            default:    g_add[VNIC_PF_GSTAT_RX_COPIES_IDX*CW +: CW]     = {{(CW-6){1'b0}}, ncopies};
        endcase
    end

    for (v_4 = 0; v_4 < NV; v_4 = v_4 + 1) begin
        v_add[v_4*NCV*CW +: NCV*CW] = {NCV*CW{1'b0}};
        if (dec_valid && dest[v_4]) begin
            v_add[(v_4*NCV + VNIC_VF_STAT_RX_IN_IDX)*CW +: CW] = {{(CW-1){1'b0}}, 1'b1};
            case (outc[2*v_4 +: 2])
                2'd1: v_add[(v_4*NCV + VNIC_VF_STAT_DROP_HALTED_IDX)*CW +: CW]  = {{(CW-1){1'b0}}, 1'b1};
                2'd2: v_add[(v_4*NCV + VNIC_VF_STAT_DROP_POLICER_IDX)*CW +: CW] = {{(CW-1){1'b0}}, 1'b1};
                2'd3: v_add[(v_4*NCV + VNIC_VF_STAT_DROP_NOBUF_IDX)*CW +: CW]   = {{(CW-1){1'b0}}, 1'b1};
                default: begin
                end
            endcase
        end
        // a RESET discards the frames stored in the partition
        if (cmd_reset && cmd_vnic == v_4[4:0])
            v_add[(v_4*NCV + VNIC_VF_STAT_DROP_HALTED_IDX)*CW +: CW] = {{(CW-16){1'b0}}, flush_cnt};
    end
end

assign gstat_add = g_add;
assign vstat_add = v_add;

endmodule

`resetall
