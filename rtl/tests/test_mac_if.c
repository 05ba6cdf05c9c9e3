/* test_mac_if: vnic_rx_mac_if (built at DATA_W = 64 and 256) — the FCS check
 * for every last-beat tkeep (every frame length mod W), good and corrupted;
 * the wire checks (MAC error, malformed tkeep on a middle or last beat,
 * runts); seq numbering and the RX_SOF trace; the decision exactly
 * RX_DEC_LAT = log2(W) + 1 cycles after tlast; the ingress FIFO admission
 * rule of docs/architecture.md §4.5 against a C reference while the FIFO
 * fills and drains; stored data of kept frames and the reuse of a dropped
 * frame's space; back-to-back frames and idle cycles inside frames. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "tw_mac_if_pins.h"
#include "vtb.h"

#define FB 4096u          /* the wrapper's ingress FIFO, bytes */
#define MAXF 4096
#define MAXBEATS 400000

enum { M_USER = 1, M_MIDKEEP = 2, M_LASTHOLE = 4, M_LASTZERO = 8, M_BADFCS = 16 };

struct frame {
    uint8_t d[2048];
    uint32_t len;          /* bytes given to the wire (L counts only kept bytes) */
    uint32_t L;            /* popcount sum */
    unsigned mods;
    int keep;              /* the test keeps it in the FIFO when it is admitted */
    /* observed */
    uint64_t sof_cyc, tlast_cyc, dec_cyc;
    int admitted, decided, released;
    uint32_t fstart;       /* FIFO word where a kept frame starts */
};

struct beat {
    uint8_t d[32];
    uint32_t keep;
    int valid, last, user, first;
    int f;
};

struct env {
    struct vtb *t;
    struct vtb_pins p;
    struct vtb_result r;
    unsigned W, LW, FW, mf;
    struct frame *fr;
    unsigned nfr;
    struct beat *bt;
    unsigned nbt;
    uint64_t cyc;
    uint64_t occ;           /* reference occupancy, words */
    uint32_t wptr;          /* reference FIFO write position of the next kept frame */
    unsigned next_rel;      /* next frame (seq order) to release */
    int hold_release;
    unsigned next_seq;
};

static uint64_t rnd(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static uint32_t words(const struct env *e, uint32_t L)
{
    uint32_t m = L < e->mf ? L : e->mf;
    return (m + e->W - 1) / e->W;
}

static struct frame *new_frame(struct env *e, uint32_t len, unsigned mods, uint64_t *seed)
{
    struct frame *f = &e->fr[e->nfr++];
    memset(f, 0, sizeof(*f));
    f->len = len;
    f->mods = mods;
    for (uint32_t i = 0; i < len; i++)
        f->d[i] = (uint8_t)rnd(seed);
    f->d[0] = 0x02;
    if (len >= 8) {
        uint32_t fcs = (uint32_t)crc32(0L, f->d, len - 4);
        if (mods & M_BADFCS)
            fcs ^= 0x00100000u;
        f->d[len - 4] = (uint8_t)fcs;
        f->d[len - 3] = (uint8_t)(fcs >> 8);
        f->d[len - 2] = (uint8_t)(fcs >> 16);
        f->d[len - 1] = (uint8_t)(fcs >> 24);
    }
    f->keep = !(mods & (M_USER | M_MIDKEEP | M_LASTHOLE | M_LASTZERO | M_BADFCS)) && len >= 64;
    return f;
}

/* Beats of frame fi, with idle cycles after beat `gapat` (0: none). */
static void queue_frame(struct env *e, unsigned fi, unsigned gapat, unsigned gap)
{
    struct frame *f = &e->fr[fi];
    unsigned nb = (f->len + e->W - 1) / e->W;
    f->L = 0;
    for (unsigned b = 0; b < nb; b++) {
        struct beat *x = &e->bt[e->nbt++];
        memset(x, 0, sizeof(*x));
        x->valid = 1;
        x->f = (int)fi;
        x->first = b == 0;
        x->last = b + 1 == nb;
        for (unsigned i = 0; i < e->W; i++) {
            uint32_t o = b * e->W + i;
            if (o < f->len) {
                x->d[i] = f->d[o];
                x->keep |= 1u << i;
            }
        }
        if ((f->mods & M_USER) && b == nb / 2)
            x->user = 1;
        if ((f->mods & M_MIDKEEP) && b == 0 && nb > 1)
            x->keep &= ~2u;
        if ((f->mods & M_LASTHOLE) && x->last) {
            if (__builtin_popcount(x->keep) >= 3)
                x->keep &= ~2u;
            else
                f->mods &= ~(unsigned)M_LASTHOLE;   /* too short for a hole: a good frame */
        }
        if ((f->mods & M_LASTZERO) && x->last)
            x->keep = 0;
        f->L += (uint32_t)__builtin_popcount(x->keep);
        if (gapat && b + 1 == gapat)
            for (unsigned g = 0; g < gap; g++)
                memset(&e->bt[e->nbt++], 0, sizeof(struct beat));
    }
}

static void idle(struct env *e, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        memset(&e->bt[e->nbt++], 0, sizeof(struct beat));
}

/* Read the FIFO word at addr (one cycle latency) and compare it with the
 * bytes of frame f it should hold. */
static void check_word(struct env *e, const struct frame *f, unsigned wi, const uint64_t *rw)
{
    for (unsigned i = 0; i < e->W; i++) {
        uint32_t o = wi * e->W + i;
        if (o >= f->len || o >= e->mf)
            break;
        uint8_t got = (uint8_t)(rw[i / 8] >> (8 * (i % 8)));
        if (got != f->d[o]) {
            VTB_CHECK(&e->r, 0, "frame L=%u word %u byte %u: 0x%02x, expected 0x%02x", f->len, wi, i, got,
                      f->d[o]);
            return;
        }
    }
    e->r.passed++;
}

/* Run the queued beats and keep running until everything is decided and
 * released (unless releases are held). */
static void run(struct env *e, unsigned extra)
{
    unsigned bi = 0, cur = 0, tail = extra;
    int in_frame = 0;
    const struct frame *rdf = NULL;
    unsigned rd_pending = 0, rdw = 0;
    while (bi < e->nbt || tail) {
        struct beat *x = bi < e->nbt ? &e->bt[bi] : NULL;
        if (!x)
            tail--;
        struct vtb_pins *p = &e->p;
        p->tvalid = x && x->valid;
        if (p->tvalid) {
            uint64_t w[4] = {0, 0, 0, 0};
            for (unsigned i = 0; i < e->W; i++)
                w[i / 8] |= (uint64_t)x->d[i] << (8 * (i % 8));
            p->t0 = w[0];
            p->t1 = w[1];
            p->t2 = w[2];
            p->t3 = w[3];
            p->tkeep = x->keep;
            p->tlast = (uint64_t)x->last;
            p->tuser = (uint64_t)x->user;
        } else {
            p->tlast = 0;
            p->tuser = 0;
        }
        /* reads of kept frames: one word per cycle */
        p->rd_en = 0;
        if (!rdf) {
            for (unsigned i = 0; i < e->nfr; i++) {
                struct frame *f = &e->fr[i];
                if (f->decided && f->admitted && f->keep && !f->released && f->fstart != 0xFFFFFFFFu &&
                    !(f->mods & 0x100)) {
                    rdf = f;
                    rdw = 0;
                    break;
                }
            }
        }
        if (rdf && rdw < words(e, rdf->L)) {
            p->rd_en = 1;
            p->rd_addr = (rdf->fstart + rdw) % e->FW;
        }
        /* in-order release of decided, admitted frames (kept ones once read) */
        p->rel_valid = 0;
        while (e->next_rel < e->nfr && (!e->fr[e->next_rel].admitted && e->fr[e->next_rel].decided))
            e->next_rel++;
        if (!e->hold_release && e->next_rel < e->nfr) {
            struct frame *f = &e->fr[e->next_rel];
            if (f->decided && f->admitted && f->dec_cyc + 2 <= e->cyc && (!f->keep || (f->mods & 0x100))) {
                p->rel_valid = 1;
                p->rel_words = words(e, f->L);
                p->rel_seq = (uint64_t)e->next_rel;
            }
        }
        vtb_eval(e->t, p);
        VTB_CHECK(&e->r, p->tready == 1, "tready low");
        if (rd_pending) {
            uint64_t rw[4] = {p->r0, p->r1, p->r2, p->r3};
            check_word(e, rdf, rdw - 1, rw);
            rd_pending = 0;
            if (rdw == words(e, rdf->L)) {
                ((struct frame *)rdf)->mods |= 0x100; /* verified: may be released */
                rdf = NULL;
            }
        }
        if (p->rd_en) {
            rdw++;
            rd_pending = 1;
        }
        /* first beat: the SOF trace and the reference admission */
        if (p->tvalid && x->first) {
            struct frame *f = &e->fr[x->f];
            int ok = e->occ + words(e, e->mf) <= e->FW;
            VTB_CHECK(&e->r, p->sof_valid && p->sof_seq == e->next_seq, "SOF: valid %u seq %u, expected %u",
                      (unsigned)p->sof_valid, (unsigned)p->sof_seq, e->next_seq);
            VTB_CHECK(&e->r, p->sof_fifo_ok == (uint64_t)ok, "seq %u: fifo_ok %u, reference %d (occ %llu)",
                      e->next_seq, (unsigned)p->sof_fifo_ok, ok, (unsigned long long)e->occ);
            VTB_CHECK(&e->r, p->sof_drop == (uint64_t)!ok, "sof_drop");
            f->admitted = ok;
            f->sof_cyc = e->cyc;
            e->next_seq++;
            in_frame = 1;
            cur = (unsigned)x->f;
        } else {
            VTB_CHECK(&e->r, !p->sof_valid, "cycle %llu: spurious SOF", (unsigned long long)e->cyc);
        }
        if (p->tvalid && x->last) {
            struct frame *f = &e->fr[cur];
            f->tlast_cyc = e->cyc;
            in_frame = 0;
            if (f->admitted) {
                e->occ += words(e, f->L);
                f->fstart = 0xFFFFFFFFu;
            }
        }
        /* the decision */
        if (p->dec_valid) {
            unsigned s = (unsigned)p->dec_seq;
            VTB_CHECK(&e->r, s < e->nfr && !e->fr[s].decided, "decision for seq %u", s);
            if (s < e->nfr) {
                struct frame *f = &e->fr[s];
                f->decided = 1;
                f->dec_cyc = e->cyc;
                VTB_CHECK(&e->r, e->cyc == f->tlast_cyc + e->LW + 1, "seq %u: decision %llu cycles after tlast",
                          s, (unsigned long long)(e->cyc - f->tlast_cyc));
                int tk = !!(f->mods & (M_MIDKEEP | M_LASTHOLE | M_LASTZERO));
                VTB_CHECK(&e->r, p->dec_fifo_ok == (uint64_t)f->admitted && p->dec_len == f->L &&
                                     p->dec_macerr == (uint64_t)!!(f->mods & M_USER) &&
                                     p->dec_tkeep == (uint64_t)tk && p->dec_runt == (uint64_t)(f->L < 64),
                          "seq %u: fifo_ok %u len %u macerr %u tkeep %u runt %u (L %u mods 0x%x)", s,
                          (unsigned)p->dec_fifo_ok, (unsigned)p->dec_len, (unsigned)p->dec_macerr,
                          (unsigned)p->dec_tkeep, (unsigned)p->dec_runt, f->L, f->mods);
                if (!tk && f->L >= 8)
                    VTB_CHECK(&e->r, p->dec_fcs_bad == (uint64_t)!!(f->mods & M_BADFCS),
                              "seq %u L=%u: fcs_bad %u", s, f->L, (unsigned)p->dec_fcs_bad);
                VTB_CHECK(&e->r, p->dec_fwords == words(e, f->L), "seq %u: words %u", s,
                          (unsigned)p->dec_fwords);
                p->dec_keep = f->admitted && f->keep;
                if (f->admitted && f->keep) {
                    f->fstart = e->wptr;
                    e->wptr = (e->wptr + words(e, f->L)) % e->FW;
                }
                if (!f->admitted)
                    f->released = 1;
            }
        } else {
            p->dec_keep = 0;
        }
        if (p->rel_trc_valid) {
            VTB_CHECK(&e->r, p->rel_valid && p->rel_trc_seq == p->rel_seq, "RX_FIFO_REL seq %u",
                      (unsigned)p->rel_trc_seq);
        }
        vtb_cycle(e->t, p);
        if (p->rel_valid) {
            struct frame *f = &e->fr[e->next_rel];
            e->occ -= words(e, f->L);
            f->released = 1;
            e->next_rel++;
        }
        e->cyc++;
        if (x)
            bi++;
        (void)in_frame;
    }
    e->nbt = 0;
}

static void setup(struct env *e)
{
    memset(&e->p, 0, sizeof(e->p));
    e->p.rst = 1;
    vtb_cycle(e->t, &e->p);
    vtb_cycle(e->t, &e->p);
    e->p.rst = 0;
    e->p.g_max_frame = 1522;
    vtb_eval(e->t, &e->p);
    e->W = (unsigned)e->p.wbytes;
    e->LW = e->W == 8 ? 3 : e->W == 16 ? 4 : 5;
    e->FW = FB / e->W;
    e->mf = 1522;
    vtb_cycle(e->t, &e->p);
    e->cyc = 0;
    e->occ = 0;
    e->wptr = 0;
    e->next_rel = 0;
    e->nfr = 0;
    e->nbt = 0;
    e->next_seq = 0;
    e->hold_release = 0;
}

int main(void)
{
    struct env e;
    memset(&e, 0, sizeof(e));
    e.t = vtb_new();
    e.fr = calloc(MAXF, sizeof(struct frame));
    e.bt = calloc(MAXBEATS, sizeof(struct beat));
    uint64_t seed = 12345;

    /* A: every length 60 .. 60+4W (every last-beat tkeep), good and bad FCS,
     * back to back, with an idle gap inside some frames */
    setup(&e);
    for (uint32_t L = 60; L <= 60 + 4 * e.W; L++)
        for (unsigned bad = 0; bad < 2; bad++) {
            new_frame(&e, L, bad ? M_BADFCS : 0, &seed);
            queue_frame(&e, e.nfr - 1, (L % 5 == 0) ? 2 : 0, L % 3);
        }
    run(&e, 40);

    /* B: malformed frames mixed with good ones; 1-beat runts back to back */
    unsigned mods[] = {M_USER, M_MIDKEEP, M_LASTHOLE, M_LASTZERO, 0};
    for (unsigned k = 0; k < 40; k++) {
        uint32_t L = 64 + (uint32_t)(rnd(&seed) % 300);
        new_frame(&e, L, mods[k % 5], &seed);
        queue_frame(&e, e.nfr - 1, 0, 0);
        new_frame(&e, 1 + (uint32_t)(rnd(&seed) % e.W), 0, &seed);
        queue_frame(&e, e.nfr - 1, 0, 0);
    }
    new_frame(&e, 1600, 0, &seed); /* beyond MAX_FRAME: words limited, L counted */
    e.fr[e.nfr - 1].keep = 0;
    queue_frame(&e, e.nfr - 1, 0, 0);
    run(&e, 60);

    /* C: fill the FIFO (no releases), then drain: admission by the formula */
    e.hold_release = 1;
    for (unsigned k = 0; k < 12; k++) {
        new_frame(&e, 700 + (uint32_t)(rnd(&seed) % 400), 0, &seed);
        queue_frame(&e, e.nfr - 1, 0, 0);
        idle(&e, 2);
    }
    run(&e, 40);
    unsigned dropped = 0;
    for (unsigned i = 0; i < e.nfr; i++)
        dropped += !e.fr[i].admitted;
    VTB_CHECK(&e.r, dropped > 0, "the full FIFO dropped frames");
    e.hold_release = 0;
    for (unsigned k = 0; k < 6; k++) {
        new_frame(&e, 900, 0, &seed);
        queue_frame(&e, e.nfr - 1, 0, 0);
    }
    run(&e, 400);
    VTB_CHECK(&e.r, e.fr[e.nfr - 1].admitted && e.fr[e.nfr - 1].released, "admitted again after the drain");
    for (unsigned i = 0; i < e.nfr; i++)
        VTB_CHECK(&e.r, e.fr[i].decided, "frame %u never decided", i);

    vtb_free(e.t);
    free(e.fr);
    free(e.bt);
    return vtb_summary(e.W == 8 ? "test_mac_if (DATA_W=64)" : "test_mac_if (DATA_W=256)", &e.r);
}
