/* vnic_gen.c: seeded, deterministic Ethernet traffic generator (see vnic_gen.h). */
#include "vnic_gen.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "vnic_prng.h"

#define IFG_BYTES 20u /* preamble 8 + inter-frame gap 12 */

struct gen_stream {
    struct vnic_prng rng;
    double t_next;          /* desired start of the next frame, cycles */
    double on_end;          /* end of the current on period (cycles) */
    int done;
    uint64_t sent;
    uint32_t imix[12];
    unsigned imix_pos;      /* 12 = block used up */
    size_t trace_pos;
    unsigned trace_loop;
    unsigned total_weight;
    struct vnic_gen_stream_stats st;
};

struct vnic_gen {
    struct vnic_gen_cfg cfg;
    struct gen_stream s[VNIC_GEN_MAX_STREAMS];
    uint64_t seq;
    uint64_t wire_next;     /* earliest byte time of the next frame's start */
    uint64_t beat_next;     /* earliest cycle of the next frame's first beat */
    uint8_t *buf;
    size_t buflen;
};

static void errf(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    if (!err || !errlen)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

const char *vnic_gen_err_name(enum vnic_gen_err e)
{
    static const char *const n[] = {"none", "fcs", "runt", "oversize", "macerr", "tkeep"};
    return (unsigned)e < VNIC_GEN_ERR_KINDS ? n[e] : "?";
}

const char *vnic_gen_dest_name(enum vnic_gen_dest_kind k)
{
    static const char *const n[] = {"mac", "bcast", "mcast", "unknown"};
    return (unsigned)k < VNIC_GEN_DEST_KINDS ? n[k] : "?";
}

uint32_t vnic_gen_fcs(const uint8_t *data, size_t len)
{
    uLong c = crc32(0L, Z_NULL, 0);
    while (len) {
        uInt n = len > 0x40000000u ? 0x40000000u : (uInt)len;
        c = crc32(c, data, n);
        data += n;
        len -= n;
    }
    return (uint32_t)c;
}

static void put_fcs(uint8_t *frame, uint32_t len)
{
    uint32_t c = vnic_gen_fcs(frame, len - 4);
    frame[len - 4] = (uint8_t)c;
    frame[len - 3] = (uint8_t)(c >> 8);
    frame[len - 2] = (uint8_t)(c >> 16);
    frame[len - 1] = (uint8_t)(c >> 24);
}

int vnic_gen_fcs_ok(const uint8_t *frame, size_t len)
{
    if (len < 4)
        return 0;
    uint32_t c = vnic_gen_fcs(frame, len - 4);
    uint32_t f = (uint32_t)frame[len - 4] | (uint32_t)frame[len - 3] << 8 |
                 (uint32_t)frame[len - 2] << 16 | (uint32_t)frame[len - 1] << 24;
    return c == f;
}

uint32_t vnic_gen_mac_frame(const uint8_t *data, uint32_t len, uint8_t *out)
{
    uint32_t n = len < 60 ? 60 : len;
    memcpy(out, data, len);
    memset(out + len, 0, n - len);
    put_fcs(out, n + 4);
    return n + 4;
}

double vnic_gen_phys_limit(unsigned data_bytes, double len)
{
    return (double)data_bytes * len / (len + IFG_BYTES);
}

void vnic_gen_stream_init(struct vnic_gen_stream_cfg *s)
{
    memset(s, 0, sizeof(*s));
    s->rate_kind = VNIC_GEN_RATE_FRACTION;
    s->rate = 1.0;
    s->size_kind = VNIC_GEN_SIZE_FIXED;
    s->size_min = s->size_max = 64;
}

void vnic_gen_cfg_init(struct vnic_gen_cfg *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->data_bytes = 8;
    cfg->max_frame = 1522;
    cfg->seed = 1;
}

/* cycles the stream waits after a frame of len bytes */
static double interval(const struct vnic_gen_cfg *cfg, const struct vnic_gen_stream_cfg *sc, uint32_t len)
{
    if (sc->rate_kind == VNIC_GEN_RATE_GBPS)
        return (double)len / (sc->rate * VNIC_GEN_GBPS_TO_BPC);
    return (double)(len + IFG_BYTES) / ((double)cfg->data_bytes * sc->rate);
}

double vnic_gen_offered_bpc(const struct vnic_gen_cfg *cfg, unsigned stream, double mean_len)
{
    const struct vnic_gen_stream_cfg *sc = &cfg->stream[stream];
    if (sc->rate_kind == VNIC_GEN_RATE_GBPS)
        return sc->rate * VNIC_GEN_GBPS_TO_BPC;
    return sc->rate * vnic_gen_phys_limit(cfg->data_bytes, mean_len);
}

static double draw_period(struct gen_stream *s, const struct vnic_gen_stream_cfg *sc, uint64_t mean)
{
    if (!sc->burst_random)
        return (double)mean;
    double u = vnic_prng_unit(&s->rng);
    return -(double)mean * log(1.0 - u);
}

/* Move s->t_next out of off periods. */
static void apply_burst(struct gen_stream *s, const struct vnic_gen_stream_cfg *sc)
{
    if (!sc->off_cycles)
        return;
    while (s->t_next >= s->on_end) {
        double on_start = s->on_end + draw_period(s, sc, sc->off_cycles);
        s->on_end = on_start + draw_period(s, sc, sc->on_cycles);
        if (s->t_next < on_start)
            s->t_next = on_start;
    }
}

static int stream_check(const struct vnic_gen_cfg *cfg, unsigned i, char *err, size_t errlen)
{
    const struct vnic_gen_stream_cfg *sc = &cfg->stream[i];
    const char *nm = sc->name[0] ? sc->name : "(unnamed)";
    if (!(sc->rate > 0.0) || !isfinite(sc->rate)) {
        errf(err, errlen, "stream %u '%s': rate must be > 0", i, nm);
        return -1;
    }
    if (sc->rate_kind == VNIC_GEN_RATE_FRACTION && sc->rate > 1.0) {
        errf(err, errlen, "stream %u '%s': rate %.4g is above the physical limit (fraction <= 1; use Gb/s to oversubscribe)",
             i, nm, sc->rate);
        return -1;
    }
    if (sc->off_cycles && !sc->on_cycles) {
        errf(err, errlen, "stream %u '%s': on/off burst needs on > 0 cycles", i, nm);
        return -1;
    }
    if (sc->ntrace) {
        if (!sc->trace) {
            errf(err, errlen, "stream %u '%s': trace without frames", i, nm);
            return -1;
        }
        for (size_t k = 0; k < sc->ntrace; k++)
            if (sc->trace[k].len > 262144) {
                errf(err, errlen, "stream %u '%s': trace frame %zu has length %u (0..262144)", i, nm, k,
                     sc->trace[k].len);
                return -1;
            }
        return 0;
    }
    if (sc->ndest == 0 || sc->ndest > VNIC_GEN_MAX_DEST) {
        errf(err, errlen, "stream %u '%s': needs 1..%u destinations", i, nm, VNIC_GEN_MAX_DEST);
        return -1;
    }
    for (unsigned d = 0; d < sc->ndest; d++) {
        if (sc->dest[d].weight == 0) {
            errf(err, errlen, "stream %u '%s': destination %u has weight 0", i, nm, d);
            return -1;
        }
        if ((unsigned)sc->dest[d].kind >= VNIC_GEN_DEST_KINDS) {
            errf(err, errlen, "stream %u '%s': destination %u has an unknown kind", i, nm, d);
            return -1;
        }
    }
    switch (sc->size_kind) {
    case VNIC_GEN_SIZE_FIXED:
        if (sc->size_min < VNIC_GEN_MIN_FRAME || sc->size_min > VNIC_GEN_MAX_LEN) {
            errf(err, errlen, "stream %u '%s': size %u outside %u..%u (runts come from err_runt)", i, nm,
                 sc->size_min, VNIC_GEN_MIN_FRAME, VNIC_GEN_MAX_LEN);
            return -1;
        }
        break;
    case VNIC_GEN_SIZE_UNIFORM:
        if (sc->size_min < VNIC_GEN_MIN_FRAME || sc->size_max > VNIC_GEN_MAX_LEN || sc->size_min > sc->size_max) {
            errf(err, errlen, "stream %u '%s': uniform sizes need %u <= min <= max <= %u (got %u..%u)", i, nm,
                 VNIC_GEN_MIN_FRAME, VNIC_GEN_MAX_LEN, sc->size_min, sc->size_max);
            return -1;
        }
        break;
    case VNIC_GEN_SIZE_IMIX:
        break;
    default:
        errf(err, errlen, "stream %u '%s': unknown size distribution", i, nm);
        return -1;
    }
    double sum = 0;
    for (unsigned e = 1; e < VNIC_GEN_ERR_KINDS; e++) {
        if (sc->err_prob[e] < 0 || sc->err_prob[e] > 1) {
            errf(err, errlen, "stream %u '%s': error rate %s = %g outside [0, 1]", i, nm,
                 vnic_gen_err_name((enum vnic_gen_err)e), sc->err_prob[e]);
            return -1;
        }
        sum += sc->err_prob[e];
    }
    if (sum > 1.0 + 1e-12) {
        errf(err, errlen, "stream %u '%s': error rates add up to %g > 1", i, nm, sum);
        return -1;
    }
    if (sc->err_prob[VNIC_GEN_ERR_OVERSIZE] > 0 && cfg->max_frame + 64u > VNIC_GEN_MAX_LEN + 64u) {
        errf(err, errlen, "stream %u '%s': max_frame %u too large for oversize injection", i, nm, cfg->max_frame);
        return -1;
    }
    return 0;
}

int vnic_gen_new(const struct vnic_gen_cfg *cfg, struct vnic_gen **out, char *err, size_t errlen)
{
    *out = NULL;
    if (cfg->data_bytes != 8 && cfg->data_bytes != 16 && cfg->data_bytes != 32) {
        errf(err, errlen, "data width %u bytes: must be 8, 16 or 32 (DATA_W 64, 128, 256)", cfg->data_bytes);
        return -1;
    }
    if (cfg->max_frame < 64 || cfg->max_frame > VNIC_GEN_MAX_LEN) {
        errf(err, errlen, "max_frame %u outside 64..%u", cfg->max_frame, VNIC_GEN_MAX_LEN);
        return -1;
    }
    if (cfg->nstreams > VNIC_GEN_MAX_STREAMS || cfg->navoid > VNIC_GEN_MAX_AVOID) {
        errf(err, errlen, "too many streams (%u, max %u) or avoided MACs", cfg->nstreams, VNIC_GEN_MAX_STREAMS);
        return -1;
    }
    size_t buflen = VNIC_GEN_MAX_LEN + 128;
    for (unsigned i = 0; i < cfg->nstreams; i++) {
        if (stream_check(cfg, i, err, errlen))
            return -1;
        for (size_t k = 0; k < cfg->stream[i].ntrace; k++)
            if (cfg->stream[i].trace[k].len + 128u > buflen)
                buflen = cfg->stream[i].trace[k].len + 128u;
    }
    struct vnic_gen *g = calloc(1, sizeof(*g));
    if (!g) {
        errf(err, errlen, "out of memory");
        return -1;
    }
    g->buf = calloc(1, buflen);
    if (!g->buf) {
        free(g);
        errf(err, errlen, "out of memory");
        return -1;
    }
    g->buflen = buflen;
    g->cfg = *cfg;
    for (unsigned i = 0; i < cfg->nstreams; i++) {
        struct gen_stream *s = &g->s[i];
        const struct vnic_gen_stream_cfg *sc = &g->cfg.stream[i];
        vnic_prng_seed_stream(&s->rng, cfg->seed, i);
        s->t_next = (double)sc->start_cycle;
        s->imix_pos = 12;
        for (unsigned d = 0; d < sc->ndest; d++)
            s->total_weight += sc->dest[d].weight;
        if (sc->off_cycles) {
            s->on_end = s->t_next + draw_period(s, sc, sc->on_cycles);
            apply_burst(s, sc);
        }
        s->st.first_sof = UINT64_MAX;
    }
    *out = g;
    return 0;
}

void vnic_gen_free(struct vnic_gen *g)
{
    if (!g)
        return;
    free(g->buf);
    free(g);
}

const struct vnic_gen_stream_stats *vnic_gen_stats(const struct vnic_gen *g, unsigned stream)
{
    return stream < g->cfg.nstreams ? &g->s[stream].st : NULL;
}

/* index of the stream whose next frame is due first, or -1 */
static int pick(const struct vnic_gen *g)
{
    int best = -1;
    for (unsigned i = 0; i < g->cfg.nstreams; i++) {
        if (g->s[i].done)
            continue;
        if (best < 0 || g->s[i].t_next < g->s[best].t_next)
            best = (int)i;
    }
    return best;
}

static uint64_t start_bytes(const struct vnic_gen *g, const struct gen_stream *s)
{
    /* the tolerance absorbs floating-point noise of the accumulated pacing */
    double want = ceil(s->t_next * (double)g->cfg.data_bytes - 1e-6);
    uint64_t b = want > 0 ? (uint64_t)want : 0;
    return b > g->wire_next ? b : g->wire_next;
}

static uint64_t start_cycle(const struct vnic_gen *g, uint64_t bytes)
{
    uint64_t w = g->cfg.data_bytes;
    uint64_t c = (bytes + w - 1) / w;
    return c > g->beat_next ? c : g->beat_next;
}

uint64_t vnic_gen_peek_cycle(struct vnic_gen *g)
{
    int i = pick(g);
    if (i < 0)
        return UINT64_MAX;
    return start_cycle(g, start_bytes(g, &g->s[i]));
}

static uint32_t draw_size(struct gen_stream *s, const struct vnic_gen_stream_cfg *sc)
{
    switch (sc->size_kind) {
    case VNIC_GEN_SIZE_UNIFORM:
        return sc->size_min + (uint32_t)vnic_prng_below(&s->rng, (uint64_t)sc->size_max - sc->size_min + 1);
    case VNIC_GEN_SIZE_IMIX:
        if (s->imix_pos >= 12) {
            for (unsigned k = 0; k < 12; k++)
                s->imix[k] = k < 7 ? 64u : k < 11 ? 594u : 1518u;
            for (unsigned k = 11; k > 0; k--) {
                unsigned j = (unsigned)vnic_prng_below(&s->rng, k + 1);
                uint32_t t = s->imix[k];
                s->imix[k] = s->imix[j];
                s->imix[j] = t;
            }
            s->imix_pos = 0;
        }
        return s->imix[s->imix_pos++];
    case VNIC_GEN_SIZE_FIXED:
    default:
        return sc->size_min;
    }
}

static int is_avoided(const struct vnic_gen_cfg *cfg, const uint8_t *mac)
{
    for (unsigned i = 0; i < cfg->navoid; i++)
        if (!memcmp(cfg->avoid[i], mac, 6))
            return 1;
    return 0;
}

static void fill_random(struct vnic_prng *r, uint8_t *p, size_t n)
{
    while (n >= 8) {
        uint64_t x = vnic_prng_next(r);
        memcpy(p, &x, 8);
        p += 8;
        n -= 8;
    }
    if (n) {
        uint64_t x = vnic_prng_next(r);
        memcpy(p, &x, n);
    }
}

/* Build a generated frame of the stream into g->buf; fills len/flags/err/dest. */
static void build_generated(struct vnic_gen *g, unsigned idx, struct vnic_gen_frame *f)
{
    struct gen_stream *s = &g->s[idx];
    const struct vnic_gen_stream_cfg *sc = &g->cfg.stream[idx];
    uint8_t *b = g->buf;

    /* destination */
    uint64_t w = vnic_prng_below(&s->rng, s->total_weight);
    unsigned d = 0;
    while (w >= sc->dest[d].weight) {
        w -= sc->dest[d].weight;
        d++;
    }
    const struct vnic_gen_dest *dst = &sc->dest[d];
    switch (dst->kind) {
    case VNIC_GEN_DEST_MAC:
        memcpy(b, dst->mac, 6);
        break;
    case VNIC_GEN_DEST_BCAST:
        memset(b, 0xff, 6);
        break;
    case VNIC_GEN_DEST_MCAST:
        if (dst->mac_set) {
            memcpy(b, dst->mac, 6);
        } else {
            uint64_t x = vnic_prng_next(&s->rng);
            b[0] = 0x01, b[1] = 0x00, b[2] = 0x5e;
            b[3] = (uint8_t)(x & 0x7f), b[4] = (uint8_t)(x >> 8), b[5] = (uint8_t)(x >> 16);
        }
        break;
    case VNIC_GEN_DEST_UNKNOWN:
    default:
        do {
            uint64_t x = vnic_prng_next(&s->rng);
            for (int k = 0; k < 6; k++)
                b[k] = (uint8_t)(x >> (8 * k));
            b[0] = (uint8_t)((b[0] & 0xfc) | 0x02); /* locally administered unicast */
        } while (is_avoided(&g->cfg, b));
        break;
    }
    f->dest_kind = dst->kind;

    /* error kind */
    enum vnic_gen_err e = VNIC_GEN_ERR_NONE;
    double u = vnic_prng_unit(&s->rng), acc = 0;
    for (unsigned k = 1; k < VNIC_GEN_ERR_KINDS; k++) {
        acc += sc->err_prob[k];
        if (sc->err_prob[k] > 0 && u < acc) {
            e = (enum vnic_gen_err)k;
            break;
        }
    }

    uint32_t len = draw_size(s, sc);
    if (e == VNIC_GEN_ERR_RUNT)
        len = 18u + (uint32_t)vnic_prng_below(&s->rng, 63u - 18u + 1u);
    else if (e == VNIC_GEN_ERR_OVERSIZE)
        len = g->cfg.max_frame + 1u + (uint32_t)vnic_prng_below(&s->rng, 64);

    /* SA, optional tag, EtherType, stream tag, payload */
    if (sc->src_set) {
        memcpy(b + 6, sc->src_mac, 6);
    } else {
        static const uint8_t sa[5] = {0x02, 0x5a, 0x00, 0x00, 0x00};
        memcpy(b + 6, sa, 5);
        b[11] = (uint8_t)idx;
    }
    uint32_t p = 12;
    uint8_t hdr[12];
    uint32_t h = 0;
    if (sc->vlan) {
        hdr[h++] = 0x81, hdr[h++] = 0x00;
        hdr[h++] = (uint8_t)(sc->vlan_tci >> 8), hdr[h++] = (uint8_t)sc->vlan_tci;
    }
    hdr[h++] = (uint8_t)(VNIC_GEN_ETHERTYPE >> 8), hdr[h++] = (uint8_t)VNIC_GEN_ETHERTYPE;
    hdr[h++] = (uint8_t)(idx >> 8), hdr[h++] = (uint8_t)idx;
    uint32_t sq = (uint32_t)s->sent;
    hdr[h++] = (uint8_t)(sq >> 24), hdr[h++] = (uint8_t)(sq >> 16);
    hdr[h++] = (uint8_t)(sq >> 8), hdr[h++] = (uint8_t)sq;
    uint32_t room = len - 4 > p ? len - 4 - p : 0;
    uint32_t nh = h < room ? h : room;
    memcpy(b + p, hdr, nh);
    p += nh;
    if (len - 4 > p)
        fill_random(&s->rng, b + p, len - 4 - p);
    put_fcs(b, len);
    f->flags = 0;
    if (e == VNIC_GEN_ERR_FCS) {
        unsigned bit = (unsigned)vnic_prng_below(&s->rng, 32);
        b[len - 4 + bit / 8] ^= (uint8_t)(1u << (bit % 8));
    } else if (e == VNIC_GEN_ERR_MACERR) {
        f->flags = VNIC_GEN_WF_MACERR;
    } else if (e == VNIC_GEN_ERR_TKEEP) {
        f->flags = VNIC_GEN_WF_BADTKEEP;
    }
    f->len = len;
    f->err = e;
    f->trace_index = 0;
    f->payload_len = len - 4;
    s->st.dest[dst->kind]++;
}

static void build_trace(struct vnic_gen *g, unsigned idx, struct vnic_gen_frame *f)
{
    struct gen_stream *s = &g->s[idx];
    const struct vnic_gen_stream_cfg *sc = &g->cfg.stream[idx];
    const struct vnic_gen_trace_frame *t = &sc->trace[s->trace_pos];
    if (sc->trace_raw) {
        /* a frame needs one beat: nothing captured is sent as one zero byte */
        if (t->len)
            memcpy(g->buf, t->data, t->len);
        else
            g->buf[0] = 0;
        f->len = t->len ? t->len : 1;
    } else {
        f->len = vnic_gen_mac_frame(t->data, t->len, g->buf);
    }
    f->flags = 0;
    f->err = VNIC_GEN_ERR_NONE;
    f->trace_index = s->trace_pos;
    f->payload_len = t->len;
    const uint8_t *da = g->buf;
    static const uint8_t bc[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    f->dest_kind = f->len < 6 ? VNIC_GEN_DEST_UNKNOWN
                   : !memcmp(da, bc, 6) ? VNIC_GEN_DEST_BCAST
                   : (da[0] & 1)       ? VNIC_GEN_DEST_MCAST
                                       : VNIC_GEN_DEST_MAC;
    s->st.dest[f->dest_kind]++;
    if (++s->trace_pos == sc->ntrace) {
        s->trace_pos = 0;
        s->trace_loop++;
    }
}

int vnic_gen_next(struct vnic_gen *g, struct vnic_gen_frame *f)
{
    int i = pick(g);
    if (i < 0)
        return 0;
    struct gen_stream *s = &g->s[i];
    const struct vnic_gen_stream_cfg *sc = &g->cfg.stream[i];
    uint64_t bytes = start_bytes(g, s);
    uint64_t sof = start_cycle(g, bytes);

    if (sc->ntrace)
        build_trace(g, (unsigned)i, f);
    else
        build_generated(g, (unsigned)i, f);

    uint64_t w = g->cfg.data_bytes;
    uint64_t beats = (f->len + w - 1) / w;
    f->seq = g->seq++;
    f->sof_cycle = sof;
    f->eof_cycle = sof + beats - 1;
    f->byte_time = bytes;
    f->data = g->buf;
    f->stream = (unsigned)i;
    f->stream_seq = s->sent;
    g->wire_next = bytes + f->len + IFG_BYTES;
    g->beat_next = sof + beats;

    s->sent++;
    s->st.frames++;
    s->st.bytes += f->len;
    s->st.err[f->err]++;
    if (s->st.first_sof == UINT64_MAX)
        s->st.first_sof = sof;
    s->st.last_sof = sof;

    s->t_next += interval(&g->cfg, sc, f->len);
    apply_burst(s, sc);
    if (sc->max_frames && s->sent >= sc->max_frames)
        s->done = 1;
    if (sc->ntrace && s->trace_loop >= (sc->trace_loops ? sc->trace_loops : 1u))
        s->done = 1;
    return 1;
}
