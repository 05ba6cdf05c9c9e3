// vnic_tx_sched: TX scheduler across vNICs: per-vNIC frame queues, deficit round robin, shaper buckets.
`resetall
`timescale 1ns / 1ps
`default_nettype none

/*
 * The TX scheduler of docs/architecture.md §5.
 *
 * Queues: every vNIC has a FIFO of queued frames {length n, start offset in
 * its TX partition}. The head of each FIFO lives in registers, the rest in
 * one inferred RAM of NUM_VNIC x TXQ_DEPTH entries. A frame enters with
 * push_* (the frame is in its partition: TX_QUEUED) and leaves with a grant.
 * Before the DMA reads a frame it reserves a slot (slot_take); a frame that
 * is dropped before it is queued (anti-spoof, AXI error, halt) returns it
 * (slot_drop). slot_free[v] says v may reserve one more: at most TXQ_DEPTH
 * frames per vNIC are reserved or queued (back-pressure, never a drop).
 *
 * Decision (one per cycle at most): in a cycle where the output engine can
 * take a frame (out_take), no grant, refill or command is in progress, no
 * fault is taken (halt_now_valid), and E is not empty, with
 *   E  = vNICs with a queued frame at the head, not halted, G.CTRL.tx_en;
 *   E2 = { v in E : !shp_en_v or T_v > 0 },
 * the tier-2 rule of §4.7 with quantum 64*TX_WEIGHT_v and this block's own
 * pointer p and deficits D_v (signed bytes):
 *   p in E2 and D_p > 0:  grant p, D_p -= Lw;
 *   else v = first member of E2 after p (circular, p last), p = v,
 *        D_v += 64*TX_WEIGHT_v; if D_v > 0 grant v, D_v -= Lw, else none;
 *   every v not in E with D_v > 0 gets D_v = 0.
 * Lw = max(n, 60) + 4, the wire length of the head frame. A decision that
 * grants nothing (E2 empty, or a DRR step that only moved p) is reported
 * with trc_tx_grant_none; trc_tx_grant_vnic then holds the candidate.
 *
 * Shaper: T_v (signed, bytes * 2^24), one update per cycle,
 *   T_v(t+1) = min(TX_BURST_v * 2^24, T_v(t) - c_v(t) + TX_RATE_v),
 * c_v(t) = Lw * 2^24 when shp_en_v and v's grant is reported at cycle t
 * (trc_tx_grant_valid, the cycle after the decision). The eligibility test
 * of a decision made in cycle t uses T_v(t+1) > 0, the bucket at the cycle
 * its trace event carries (no charge or command can fall in cycle t: such
 * cycles are never decision cycles). A COMMIT or RESET of v (cmd_init) sets
 * T_v = cmd_tx_burst * 2^24 and D_v = 0 from the next cycle on; a RESET
 * (cmd_flush) also discards v's queued frames.
 *
 * Inputs: push_* and slot_drop_* (the end of the TX DMA's landing logic)
 * are registered on entry and act one cycle later: a frame pushed in cycle
 * t is in its queue, and reported by trc_tx_queued_*, in cycle t+2 (a
 * decision from t+2 may grant it); a drop lowers the slot count from t+2.
 * slot_take acts in its own cycle (slot_free never lags a reservation).
 * A push or drop of cmd_vnic is discarded by a flush in the cycle it
 * arrives or the cycle it acts, as a flush discards everything of v.
 * Latency: grant_* and trc_tx_grant_* are registered, one cycle after the
 * decision.
 * Throughput: a decision at most every 3 cycles when the granted vNIC has
 * more queued frames (its next head is read from RAM in 2 cycles), every 2
 * cycles otherwise.
 * Fairness: DRR by weight among vNICs under their shaper rate; a vNIC that
 * stays eligible is granted at least once every NUM_VNIC non-empty
 * decisions; deficits of idle vNICs are cleared, debts kept.
 */
module vnic_tx_sched #(
    parameter integer NUM_VNIC  = 8,     // number of vNICs, 1..32
    parameter integer TXQ_DEPTH = 32,    // reserved or queued frames per vNIC, frames (power of two, 2..256)
    parameter integer OFF_W     = 13     // width of a frame's start offset carried with it, bits
) (
    input  wire                   clk,
    input  wire                   rst,

    // configuration
    input  wire                   tx_en,          // G.CTRL.tx_en
    input  wire [NUM_VNIC-1:0]    shp_en,         // FLAGS.shp_en per vNIC
    input  wire [NUM_VNIC*8-1:0]  tx_weight,      // quantum = 64 * weight, bytes
    input  wire [NUM_VNIC*32-1:0] tx_rate,        // shaper rate, bytes/cycle 8.24
    input  wire [NUM_VNIC*24-1:0] tx_burst,       // shaper depth, bytes
    input  wire [NUM_VNIC-1:0]    halted,         // halted vNICs
    input  wire                   halt_now_valid, // a fault is taken this cycle (halted from the next): no decision

    // commands, in the cycle they take effect
    input  wire                   cmd_init,       // successful COMMIT or RESET of cmd_vnic
    input  wire                   cmd_flush,      // RESET of cmd_vnic: discard its queued frames
    input  wire [4:0]             cmd_vnic,
    input  wire [23:0]            cmd_tx_burst,   // TX_BURST of cmd_vnic from the next cycle on, bytes

    // slot reservation (TX DMA)
    input  wire                   slot_take_valid,
    input  wire [4:0]             slot_take_vnic,
    input  wire                   slot_drop_valid,
    input  wire [4:0]             slot_drop_vnic,
    output wire [NUM_VNIC-1:0]    slot_free,      // the vNIC may reserve a slot (registered)

    // queued frames (TX DMA)
    input  wire                   push_valid,
    input  wire [4:0]             push_vnic,
    input  wire [13:0]            push_len,       // n, bytes without FCS
    input  wire [OFF_W-1:0]       push_off,       // start offset in the partition

    // grants (output engine)
    input  wire                   out_take,       // the output engine can take a frame
    output wire                   grant_valid,
    output wire [4:0]             grant_vnic,
    output wire [13:0]            grant_len,
    output wire [OFF_W-1:0]       grant_off,

    // status
    output wire [NUM_VNIC-1:0]    queued,         // vNICs with a queued, not granted frame

    // verification trace
    output wire                   trc_tx_queued_valid,
    output wire [4:0]             trc_tx_queued_vnic,
    output wire                   trc_tx_grant_valid,
    output wire [4:0]             trc_tx_grant_vnic,
    output wire [NUM_VNIC-1:0]    trc_tx_grant_elig,
    output wire                   trc_tx_grant_none
);

// ---------------------------------------------------------------- parameters
localparam integer NV  = NUM_VNIC;
localparam integer QA  = (TXQ_DEPTH > 1) ? $clog2(TXQ_DEPTH) : 1;   // RAM pointer bits per vNIC
localparam integer CNW = QA + 1;                                    // entry counter bits
localparam integer SLW = QA + 2;                                    // slot counter bits
localparam integer VB  = (NV > 1) ? $clog2(NV) : 1;                 // vNIC index bits
localparam integer MA  = VB + QA;                                   // RAM address bits
localparam integer EW  = 14 + OFF_W;                                // RAM entry bits
localparam integer TW  = 52;                                        // shaper bucket, signed bits
localparam integer DW  = 48;                                        // deficit, signed bits
localparam [SLW-1:0] DEPTH_S = TXQ_DEPTH[SLW-1:0];
localparam [CNW-1:0] ONE_C = {{(CNW-1){1'b0}}, 1'b1};
localparam [SLW-1:0] ONE_S = {{(SLW-1){1'b0}}, 1'b1};
localparam [QA-1:0]  ONE_Q = {{(QA-1){1'b0}}, 1'b1};

// ---------------------------------------------------------------- parameter checks
generate
    if (NUM_VNIC < 1 || NUM_VNIC > 32) begin : gen_err_num_vnic
        vnic_error_NUM_VNIC_must_be_1_to_32 u_error ();
    end
    if (TXQ_DEPTH < 2 || TXQ_DEPTH > 256 || (TXQ_DEPTH & (TXQ_DEPTH - 1)) != 0) begin : gen_err_depth
        vnic_error_TXQ_DEPTH_must_be_a_power_of_two_2_to_256 u_error ();
    end
    if (OFF_W < 1 || OFF_W > 32) begin : gen_err_off_w
        vnic_error_OFF_W_must_be_1_to_32 u_error ();
    end
endgenerate

// ---------------------------------------------------------------- helpers
// Wire length of an n-byte frame: max(n, 60) + 4.
function [13:0] wire_len;
    input [13:0] n;
    begin
        wire_len = ((n > 14'd60) ? n : 14'd60) + 14'd4;
    end
endfunction

// A deficit is positive: > 0 as a signed number.
function positive;
    input [DW-1:0] d;
    begin
        positive = !d[DW-1] && d != {DW{1'b0}};
    end
endfunction

// RAM address of entry ptr of vNIC v (v < NUM_VNIC): v * TXQ_DEPTH + ptr.
function [MA-1:0] maddr;
    input [VB-1:0] v;
    input [QA-1:0] ptr;
    begin
        maddr = {v, ptr};
    end
endfunction

// ---------------------------------------------------------------- state
reg  [NV-1:0]       hd_vld_q, hd_vld_d;      // head register holds a frame
reg  [NV*14-1:0]    hd_len_q, hd_len_d;
reg  [NV*OFF_W-1:0] hd_off_q, hd_off_d;
reg  [NV*CNW-1:0]   cnt_q, cnt_d;            // frames in RAM behind the head
reg  [NV*QA-1:0]    wr_q, wr_d, rd_q, rd_d;  // RAM pointers
reg  [NV*SLW-1:0]   slots_q, slots_d;        // reserved + queued frames
reg  [NV-1:0]       sfree_q, sfree_d;
reg  [NV*TW-1:0]    tb_q, tb_d;              // shaper buckets T_v
reg  [NV-1:0]       tpos_q, tpos_d;          // T_v + TX_RATE_v > 0 (T_v at the next cycle, no charge)
reg  [NV*DW-1:0]    def_q, def_d;            // deficits D_v
reg  [4:0]          p_q, p_d;                // DRR pointer
reg                 rf_q, rf_d;              // head refill read in flight
reg  [4:0]          rfv_q, rfv_d;
reg                 gnt_q, gnt_d;            // grant register
reg  [4:0]          gv_q, gv_d;
reg  [13:0]         gl_q, gl_d;
reg  [13:0]         wl_q, wl_d;              // wire_len(gl_q)
reg  [OFF_W-1:0]    go_q, go_d;
reg                 tg_q, tg_d;              // trace: decision
reg                 tn_q, tn_d;              // trace: decision without grant
reg  [4:0]          tv_q, tv_d;
reg  [NV-1:0]       te_q, te_d;
reg                 tq_q, tq_d;              // trace: queued
reg  [4:0]          tqv_q, tqv_d;

// ---------------------------------------------------------------- input register
// push and drop, one cycle after the TX DMA offered them (a flush of their
// vNIC in that cycle discards them)
reg                 pu_q, dr_q;
reg  [4:0]          puv_q, drv_q;
reg  [13:0]         pul_q;
reg  [OFF_W-1:0]    puo_q;
wire                pu_flushed = cmd_flush && cmd_vnic == puv_q;   // flushed as it acts

always @(posedge clk) begin
    pu_q  <= !rst && push_valid && !(cmd_flush && cmd_vnic == push_vnic);
    dr_q  <= !rst && slot_drop_valid && !(cmd_flush && cmd_vnic == slot_drop_vnic);
    puv_q <= push_vnic;
    pul_q <= push_len;
    puo_q <= push_off;
    drv_q <= slot_drop_vnic;
end

// queue RAM: entry ptr of vNIC v at {v, ptr}
wire [EW-1:0]       mem_rd_q;
reg                 mem_we, mem_re;
reg  [MA-1:0]       mem_wa, mem_ra;
reg  [EW-1:0]       mem_wd;

vnic_ram_sdp #(
    .DW    (EW),
    .DEPTH (1 << MA),
    .AW    (MA)
) u_txq_ram (
    .clk     (clk),
    .wr_en   (mem_we),
    .wr_addr (mem_wa),
    .wr_data (mem_wd),
    .rd_en   (mem_re),
    .rd_addr (mem_ra),
    .rd_data (mem_rd_q)
);

// ---------------------------------------------------------------- outputs
assign slot_free            = sfree_q;
assign grant_valid          = gnt_q;
assign grant_vnic           = gv_q;
assign grant_len            = gl_q;
assign grant_off            = go_q;
assign queued               = hd_vld_q;
assign trc_tx_queued_valid  = tq_q;
assign trc_tx_queued_vnic   = tqv_q;
assign trc_tx_grant_valid   = tg_q;
assign trc_tx_grant_vnic    = tv_q;
assign trc_tx_grant_elig    = te_q;
assign trc_tx_grant_none    = tn_q;

// ---------------------------------------------------------------- decision
// No decision is made in a cycle where a fault is taken (halt_now, any
// vNIC): its vNIC is halted from the next cycle, when the decision is made
// with it out of E. The signal comes early from the register block's fault
// arbiter (valid only, no vNIC decode) and only gates "decide".
// Every vNIC's deficit steps are computed from registers beside the search
// (D + quantum, its sign, minus Lw; D's sign, D - Lw), so the search only
// selects among finished numbers.
reg  [NV-1:0]     elig, elig2;
reg               decide, granted;
reg  [4:0]        cand, gsel;
reg               found, p_in_e2;
integer           i, k, pi;

reg  [NV*DW-1:0]  dqn_all, dpn_all;         // per vNIC: (D + 64 w) minus Lw when > 0; D - Lw
reg  [NV-1:0]     dq_pos, dp_pos;            // D + 64 w > 0; D > 0
reg  [DW-1:0]     dq_v;
reg  [13:0]       lw_v;
integer           j;
always @* begin
    for (j = 0; j < NV; j = j + 1) begin
        lw_v = wire_len(hd_len_q[j*14 +: 14]);
        dq_v = def_q[j*DW +: DW] + {{(DW-14){1'b0}}, tx_weight[j*8 +: 8], 6'd0};
        dq_pos[j] = positive(dq_v);
        dqn_all[j*DW +: DW] = dq_pos[j] ? dq_v - {{(DW-14){1'b0}}, lw_v} : dq_v;
        dp_pos[j] = positive(def_q[j*DW +: DW]);
        dpn_all[j*DW +: DW] = def_q[j*DW +: DW] - {{(DW-14){1'b0}}, lw_v};
    end
end

reg               d_p_pos, d_c_pos;
reg  [DW-1:0]     d_pn, d_cn;                // the pointer's step; the candidate's step

always @* begin
    elig  = hd_vld_q & ~halted & {NV{tx_en}};
    elig2 = elig & (~shp_en | tpos_q);
    decide = out_take && !gnt_q && !rf_q && !cmd_init && !cmd_flush && !halt_now_valid &&
             (elig != {NV{1'b0}});

    // the pointer's own state
    d_p_pos = 1'b0;
    d_pn = {DW{1'b0}};
    p_in_e2 = 1'b0;
    pi = 0;
    for (i = 0; i < NV; i = i + 1)
        if (p_q == i[4:0]) begin
            d_p_pos = dp_pos[i];
            d_pn = dpn_all[i*DW +: DW];
            p_in_e2 = elig2[i];
            pi = i;
        end

    // first member of E2 after p, circularly, p itself last
    cand  = p_q;
    found = 1'b0;
    for (k = NV; k >= 1; k = k - 1) begin
        i = (pi + k) % NV;
        if (elig2[i]) begin
            cand  = i[4:0];
            found = 1'b1;
        end
    end
    d_c_pos = 1'b0;
    d_cn = {DW{1'b0}};
    for (i = 0; i < NV; i = i + 1)
        if (cand == i[4:0]) begin
            d_c_pos = dq_pos[i];
            d_cn = dqn_all[i*DW +: DW];
        end
end

// ---------------------------------------------------------------- next state
reg  [SLW-1:0]   sl_v;
reg  [TW-1:0]    t_v, t_add;
reg  [TW-1:0]    t_next;
reg  [14:0]      t_dh;                      // TX_RATE[31:24] - charge, signed
reg              t_chg;                     // v pays for the frame granted last cycle
reg  [TW-1:0]    t_vr;                      // T + TX_RATE (from registers)
reg  [TW-1:0]    t_u;                       // the unclamped next state + TX_RATE
reg              push_head;
reg              d_upd;                     // the decision writes d_new to gsel's deficit
reg  [DW-1:0]    d_new;
integer          v;

always @* begin
    hd_vld_d = hd_vld_q;
    hd_len_d = hd_len_q;
    hd_off_d = hd_off_q;
    cnt_d    = cnt_q;
    wr_d     = wr_q;
    rd_d     = rd_q;
    slots_d  = slots_q;
    tb_d     = tb_q;
    tpos_d   = tpos_q;
    def_d    = def_q;
    p_d      = p_q;
    rf_d     = 1'b0;
    rfv_d    = rfv_q;
    gnt_d    = 1'b0;
    gv_d     = gv_q;
    gl_d     = gl_q;
    wl_d     = wl_q;
    go_d     = go_q;
    tg_d     = 1'b0;
    tn_d     = 1'b0;
    tv_d     = tv_q;
    te_d     = te_q;
    tq_d     = pu_q && !pu_flushed;
    tqv_d    = puv_q;
    mem_we   = 1'b0;
    mem_wa   = {MA{1'b0}};
    mem_wd   = {EW{1'b0}};
    mem_re   = 1'b0;
    mem_ra   = {MA{1'b0}};
    granted  = 1'b0;
    gsel     = cand;
    push_head = 1'b0;

    // ---- head refill completes (read issued last cycle)
    if (rf_q && !(cmd_flush && cmd_vnic == rfv_q)) begin
        for (v = 0; v < NV; v = v + 1)
            if (rfv_q == v[4:0]) begin
                hd_vld_d[v] = 1'b1;
                hd_len_d[v*14 +: 14] = mem_rd_q[OFF_W +: 14];
                hd_off_d[v*OFF_W +: OFF_W] = mem_rd_q[OFF_W-1:0];
            end
    end

    // ---- decision: the DRR step's new deficit is computed once (d_new)
    // and written to its vNIC (gsel, always in E2, so never an idle one);
    // idle vNICs' positive deficits are cleared; a command overrides below
    d_upd = 1'b0;
    d_new = d_cn;
    if (decide) begin
        tg_d = 1'b1;
        te_d = elig;
        if (!found) begin
            granted = 1'b0;                     // every eligible vNIC is held by its shaper
        end else if (p_in_e2 && d_p_pos) begin
            granted = 1'b1;
            gsel = p_q;
            d_upd = 1'b1;
            d_new = d_pn;
        end else begin
            gsel = cand;
            p_d = cand;
            granted = d_c_pos;
            d_upd = 1'b1;
        end
        tn_d = !granted;
        tv_d = gsel;
        if (granted) begin
            gnt_d = 1'b1;
            gv_d = gsel;
            for (v = 0; v < NV; v = v + 1)
                if (gsel == v[4:0]) begin
                    hd_vld_d[v] = 1'b0;
                    gl_d = hd_len_q[v*14 +: 14];
                    wl_d = wire_len(hd_len_q[v*14 +: 14]);   // per vNIC, beside the decision
                    go_d = hd_off_q[v*OFF_W +: OFF_W];
                end
        end
    end

    // ---- refill the head of the vNIC granted last cycle
    if (gnt_q && !(cmd_flush && cmd_vnic == gv_q)) begin
        for (v = 0; v < NV; v = v + 1)
            if (gv_q == v[4:0] && cnt_q[v*CNW +: CNW] != {CNW{1'b0}}) begin
                mem_re = 1'b1;
                mem_ra = maddr(v[VB-1:0], rd_q[v*QA +: QA]);
                rd_d[v*QA +: QA] = rd_q[v*QA +: QA] + ONE_Q;
                cnt_d[v*CNW +: CNW] = cnt_q[v*CNW +: CNW] - ONE_C;
                rf_d = 1'b1;
                rfv_d = v[4:0];
            end
    end

    // ---- push: into the head register when the queue is empty, else into RAM
    if (pu_q) begin
        for (v = 0; v < NV; v = v + 1)
            if (puv_q == v[4:0]) begin
                push_head = !hd_vld_q[v] && cnt_q[v*CNW +: CNW] == {CNW{1'b0}} && !(rf_q && rfv_q == v[4:0]);
                if (push_head) begin
                    hd_vld_d[v] = 1'b1;
                    hd_len_d[v*14 +: 14] = pul_q;
                    hd_off_d[v*OFF_W +: OFF_W] = puo_q;
                end else begin
                    mem_we = 1'b1;
                    mem_wa = maddr(v[VB-1:0], wr_q[v*QA +: QA]);
                    mem_wd = {pul_q, puo_q};
                    wr_d[v*QA +: QA] = wr_q[v*QA +: QA] + ONE_Q;
                    cnt_d[v*CNW +: CNW] = cnt_d[v*CNW +: CNW] + ONE_C;
                end
            end
    end

    // ---- slots: + take, - drop, - grant
    for (v = 0; v < NV; v = v + 1) begin
        sl_v = slots_q[v*SLW +: SLW];
        if (slot_take_valid && slot_take_vnic == v[4:0]) sl_v = sl_v + ONE_S;
        if (dr_q && drv_q == v[4:0]) sl_v = sl_v - ONE_S;
        if (granted && gsel == v[4:0]) sl_v = sl_v - ONE_S;
        slots_d[v*SLW +: SLW] = sl_v;
    end

    // ---- shaper buckets: T - c*2^24 + TX_RATE as one add of
    // {TX_RATE[31:24] - c, TX_RATE[23:0]} (the charge has no fraction bits);
    // T > TX_BURST*2^24 compares T's integer part with TX_BURST, the
    // fraction as one "nonzero" bit
    // (wl_q = wire_len(gl_q), registered with it). The flag tpos (the
    // bucket after next cycle's refill > 0) is computed beside the bucket,
    // not from it: at the cap it is BURST|RATE != 0, otherwise
    // (T + RATE) + t_add > 0, T + RATE added from registers.
    for (v = 0; v < NV; v = v + 1) begin
        t_v    = tb_q[v*TW +: TW];
        t_chg  = gnt_q && gv_q == v[4:0] && shp_en[v];
        t_dh   = {7'd0, tx_rate[v*32 + 24 +: 8]} - (t_chg ? {1'b0, wl_q} : 15'd0);
        t_add  = {{(TW-39){t_dh[14]}}, t_dh, tx_rate[v*32 +: 24]};
        t_vr   = t_v + {{(TW-32){1'b0}}, tx_rate[v*32 +: 32]};
        t_next = t_v + t_add;
        t_u    = t_vr + t_add;
        tpos_d[v] = !t_u[TW-1] && t_u != {TW{1'b0}};
        if (!t_next[TW-1] && {t_next[TW-1:24], |t_next[23:0]} > {{(TW-48){1'b0}}, tx_burst[v*24 +: 24], 1'b0}) begin
            t_next = {{(TW-48){1'b0}}, tx_burst[v*24 +: 24], 24'd0};
            tpos_d[v] = tx_burst[v*24 +: 24] != 24'd0 || tx_rate[v*32 +: 32] != 32'd0;
        end
        tb_d[v*TW +: TW] = t_next;
    end

    // ---- commands
    if (cmd_init) begin
        for (v = 0; v < NV; v = v + 1)
            if (cmd_vnic == v[4:0]) begin
                tb_d[v*TW +: TW] = {{(TW-48){1'b0}}, cmd_tx_burst, 24'd0};
                tpos_d[v] = cmd_tx_burst != 24'd0 || tx_rate[v*32 +: 32] != 32'd0;
            end
    end
    if (cmd_flush) begin
        for (v = 0; v < NV; v = v + 1)
            if (cmd_vnic == v[4:0]) begin
                hd_vld_d[v] = 1'b0;
                cnt_d[v*CNW +: CNW] = {CNW{1'b0}};
                rd_d[v*QA +: QA] = {QA{1'b0}};
                wr_d[v*QA +: QA] = {QA{1'b0}};
                slots_d[v*SLW +: SLW] = {SLW{1'b0}};
                if (mem_we && puv_q == v[4:0]) mem_we = 1'b0;
            end
    end

    // ---- deficits
    for (v = 0; v < NV; v = v + 1) begin
        if (cmd_init && cmd_vnic == v[4:0])
            def_d[v*DW +: DW] = {DW{1'b0}};
        else if (d_upd && gsel == v[4:0])
            def_d[v*DW +: DW] = d_new;
        else if (decide && !elig[v] && !def_q[v*DW + DW - 1])
            def_d[v*DW +: DW] = {DW{1'b0}};     // (a zero deficit stays zero)
    end

    // ---- registered flags derived from the next state: slot_free is
    // slots_d < TXQ_DEPTH; the counter moves by take - drop - grant (-2..+1),
    // which arrives late (the TX DMA's reservation, the DRR decision), so the
    // four outcomes are compared from slots_q and the move only selects one
    // (a flush sets the count to 0)
    for (v = 0; v < NV; v = v + 1) begin
        sl_v = slots_q[v*SLW +: SLW];
        case ({slot_take_valid && slot_take_vnic == v[4:0],
               dr_q && drv_q == v[4:0],
               granted && gsel == v[4:0]})
            3'b100:                 sfree_d[v] = sl_v + ONE_S < DEPTH_S;
            3'b000, 3'b110, 3'b101: sfree_d[v] = sl_v < DEPTH_S;
            3'b011:                 sfree_d[v] = sl_v - ONE_S - ONE_S < DEPTH_S;
            default:                sfree_d[v] = sl_v - ONE_S < DEPTH_S;   // 010, 001, 111
        endcase
        if (cmd_flush && cmd_vnic == v[4:0]) sfree_d[v] = 1'b1;             // slots_d = 0
    end
end

`ifndef SYNTHESIS
// the selected outcome is the next state's compare in every cycle
integer sv;
always @(posedge clk) begin
    for (sv = 0; sv < NV; sv = sv + 1)
        if (!rst && sfree_d[sv] != (slots_d[sv*SLW +: SLW] < DEPTH_S)) begin
            $display("vnic_tx_sched: slot_free of vNIC %0d differs from slots_d < TXQ_DEPTH", sv);
            $stop;
        end
end
`endif

// ---------------------------------------------------------------- registers
always @(posedge clk) begin
    if (rst) begin
        hd_vld_q <= {NV{1'b0}};
        hd_len_q <= {NV*14{1'b0}};
        hd_off_q <= {NV*OFF_W{1'b0}};
        cnt_q    <= {NV*CNW{1'b0}};
        wr_q     <= {NV*QA{1'b0}};
        rd_q     <= {NV*QA{1'b0}};
        slots_q  <= {NV*SLW{1'b0}};
        sfree_q  <= {NV{1'b1}};
        tb_q     <= {NV*TW{1'b0}};
        tpos_q   <= {NV{1'b0}};
        def_q    <= {NV*DW{1'b0}};
        p_q      <= 5'd0;
        rf_q     <= 1'b0;
        rfv_q    <= 5'd0;
        gnt_q    <= 1'b0;
        gv_q     <= 5'd0;
        gl_q     <= 14'd0;
        wl_q     <= wire_len(14'd0);
        go_q     <= {OFF_W{1'b0}};
        tg_q     <= 1'b0;
        tn_q     <= 1'b0;
        tv_q     <= 5'd0;
        te_q     <= {NV{1'b0}};
        tq_q     <= 1'b0;
        tqv_q    <= 5'd0;
    end else begin
        hd_vld_q <= hd_vld_d;
        hd_len_q <= hd_len_d;
        hd_off_q <= hd_off_d;
        cnt_q    <= cnt_d;
        wr_q     <= wr_d;
        rd_q     <= rd_d;
        slots_q  <= slots_d;
        sfree_q  <= sfree_d;
        tb_q     <= tb_d;
        tpos_q   <= tpos_d;
        def_q    <= def_d;
        p_q      <= p_d;
        rf_q     <= rf_d;
        rfv_q    <= rfv_d;
        gnt_q    <= gnt_d;
        gv_q     <= gv_d;
        gl_q     <= gl_d;
        wl_q     <= wl_d;
        go_q     <= go_d;
        tg_q     <= tg_d;
        tn_q     <= tn_d;
        tv_q     <= tv_d;
        te_q     <= te_d;
        tq_q     <= tq_d;
        tqv_q    <= tqv_d;
    end
end

endmodule

`resetall
