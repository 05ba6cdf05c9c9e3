/* tb_setup.c: device bring-up through libvnic on the RTL (see tb_setup.h). */
#include "tb_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "vnic_hostmem.h"

void tb_sys_cfg_default(struct tb_sys_cfg *c)
{
    memset(c, 0, sizeof *c);
    c->flags = VNIC_QOS_BCAST | VNIC_QOS_MCAST;
    c->ring_log2 = 6;
    c->buf_size = 2048;
    c->def_vnic = -1;
}

void tb_sys_mac(unsigned v, uint8_t mac[6])
{
    const uint8_t m[6] = {0x02, 0x00, 0x00, 0x00, (uint8_t)v, 0x01};
    memcpy(mac, m, 6);
}

uint64_t tb_sys_host_base(unsigned v)
{
    return 0x100000000ull + (uint64_t)v * 0x10000000ull;
}

/* Random bytes from seed with the Ethernet header {da, sa, 0x88b5}. */
static void fill_frame(uint8_t *out, uint32_t len, const uint8_t da[6], const uint8_t sa[6],
                       uint64_t seed)
{
    struct vnic_prng r;
    vnic_prng_seed(&r, seed);
    for (uint32_t i = 0; i < len; i++)
        out[i] = (uint8_t)vnic_prng_next(&r);
    if (len >= 14) {
        memcpy(out, da, 6);
        memcpy(out + 6, sa, 6);
        out[12] = 0x88;
        out[13] = 0xb5;
    }
}

void tb_make_frame(uint8_t *out, uint32_t len, const uint8_t da[6], uint64_t seed)
{
    static const uint8_t sa[6] = {0x02, 0xaa, 0x00, 0x00, 0x00, 0x01};
    fill_frame(out, len, da, sa, seed);
    if (len >= 4) {
        uint32_t crc = (uint32_t)crc32(0L, out, len - 4);
        for (int i = 0; i < 4; i++)
            out[len - 4 + i] = (uint8_t)(crc >> (8 * i));
    }
}

void tb_make_tx_frame(uint8_t *out, uint32_t len, const uint8_t sa[6], uint32_t seq,
                      uint64_t seed)
{
    static const uint8_t da[6] = {0x02, 0xbb, 0x00, 0x00, 0x00, 0x07};
    fill_frame(out, len, da, sa, seed);
    for (unsigned i = 0; i < 4 && 14 + i < len; i++)
        out[14 + i] = (uint8_t)(seq >> (8 * i));
}

uint32_t tb_tx_wire_frame(uint8_t *out, const uint8_t *frame, uint32_t n)
{
    uint32_t m = n < 60 ? 60 : n;
    memcpy(out, frame, n);
    memset(out + n, 0, m - n);
    uint32_t crc = (uint32_t)crc32(0L, out, m);
    for (int i = 0; i < 4; i++)
        out[m + i] = (uint8_t)(crc >> (8 * i));
    return m + 4;
}

int tb_sys_write_tx_desc(struct tb_sys *s, unsigned v, unsigned slot, uint64_t gaddr,
                         uint16_t len)
{
    uint8_t d[VNIC_DESC_OFF_SIZE];
    memset(d, 0, sizeof d);
    for (int i = 0; i < 8; i++)
        d[VNIC_DESC_OFF_ADDR + i] = (uint8_t)(gaddr >> (8 * i));
    d[VNIC_DESC_OFF_BUFLEN] = (uint8_t)len;
    d[VNIC_DESC_OFF_BUFLEN + 1] = (uint8_t)(len >> 8);
    uint64_t g = vnic_vf_tx_ring_addr(s->vf[v]) + (uint64_t)VNIC_DESC_OFF_SIZE * slot, h = 0;
    if (vnic_vm_g2h(&s->vm[v], g, sizeof d, &h) != 0)
        return -1;
    s->env->bus.ops->mem_write(s->env->bus.ctx, h, d, sizeof d);
    return 0;
}

int tb_sys_up(struct tb_sys *s, struct tb_env *e, const struct tb_sys_cfg *c, char *err,
              size_t errlen)
{
    memset(s, 0, sizeof *s);
    s->env = e;
    s->n = c->nvnic ? c->nvnic : e->num_vnic;
    if (s->n > e->num_vnic) {
        snprintf(err, errlen, "%u vNICs asked for, the device has %u", s->n, e->num_vnic);
        return -1;
    }
    int rc = vnic_dev_open(&e->bus, TB_CLK_HZ, &s->dev, err, errlen);
    if (rc)
        return -1;
    struct vnic_global_cfg g;
    vnic_dev_get_global(s->dev, &g);
    g.rx_en = 1;
    g.tx_en = 1;
    if (c->max_frame)
        g.max_frame = c->max_frame;
    g.def_en = c->def_vnic >= 0;
    g.def_vnic = c->def_vnic >= 0 ? (unsigned)c->def_vnic : 0;
    if (vnic_dev_set_global(s->dev, &g)) {
        snprintf(err, errlen, "set_global: %s", vnic_dev_error(s->dev));
        return -1;
    }
    unsigned tx_log2 = c->tx_log2 ? c->tx_log2 : 2;
    uint32_t tx_buf = c->tx_buf_size ? c->tx_buf_size : 2048;
    uint64_t need = ((uint64_t)16 << c->ring_log2) + ((uint64_t)16 << tx_log2) +
                    ((uint64_t)((c->buf_size + 63) & ~63u) << c->ring_log2) +
                    ((uint64_t)((tx_buf + 63) & ~63u) << tx_log2) + 4096;
    uint64_t mem = c->mem_size ? c->mem_size : ((need + 0xfff) & ~0xfffull);
    for (unsigned v = 0; v < s->n; v++) {
        vnic_vm_init(&s->vm[v]);
        if (vnic_vm_map(&s->vm[v], TB_GUEST_BASE, tb_sys_host_base(v), mem, err, errlen))
            return -1;
        tb_env_declare_vm(e, v, &s->vm[v]);
        struct vnic_qos_spec *sp = &s->spec[v];
        vnic_qos_spec_init(sp);
        tb_sys_mac(v, s->mac[v]);
        memcpy(sp->mac, s->mac[v], 6);
        sp->flags = c->flags;
        if (vnic_qos_windows_from_vm(sp, &s->vm[v], err, errlen))
            return -1;
        if (vnic_dev_create(s->dev, v, sp)) {
            snprintf(err, errlen, "create vNIC %u: %s", v, vnic_dev_error(s->dev));
            return -1;
        }
        if (vnic_vf_open(&e->bus, v, &s->vm[v], &s->vf[v], err, errlen))
            return -1;
        struct vnic_vf_cfg vc;
        memset(&vc, 0, sizeof vc);
        vc.rx_log2 = c->ring_log2;
        vc.tx_log2 = tx_log2;
        vc.rx_buf_size = c->buf_size;
        vc.tx_buf_size = tx_buf;
        vc.mem_base = TB_GUEST_BASE;
        vc.mem_size = mem;
        vc.flags = c->vf_flags;
        if (vnic_vf_setup(s->vf[v], &vc)) {
            snprintf(err, errlen, "VF %u setup: %s", v, vnic_vf_error(s->vf[v]));
            return -1;
        }
    }
    if (tb_sim_stopped(&e->sim)) {
        snprintf(err, errlen, "bring-up stopped: %s", e->sim.fail_msg);
        return -1;
    }
    return 0;
}

void tb_sys_down(struct tb_sys *s)
{
    for (unsigned v = 0; v < 32; v++) {
        if (s->vf[v])
            vnic_vf_close(s->vf[v]);
        for (size_t i = 0; i < s->nrx[v]; i++)
            free(s->rx[v][i].data);
        free(s->rx[v]);
    }
    if (s->dev)
        vnic_dev_close(s->dev);
    memset(s, 0, sizeof *s);
}

unsigned tb_sys_poll(struct tb_sys *s)
{
    unsigned got = 0;
    uint8_t buf[16384];
    for (unsigned v = 0; v < s->n; v++) {
        for (;;) {
            struct vnic_rx_cpl cpl;
            int r = vnic_vf_recv(s->vf[v], buf, sizeof buf, &cpl);
            if (r <= 0)
                break;
            if (s->nrx[v] == s->caprx[v]) {
                size_t nc = s->caprx[v] ? s->caprx[v] * 2 : 64;
                struct tb_rx_frame *nf = realloc(s->rx[v], nc * sizeof *nf);
                if (!nf)
                    break;
                s->rx[v] = nf;
                s->caprx[v] = nc;
            }
            struct tb_rx_frame *f = &s->rx[v][s->nrx[v]++];
            uint32_t n = (cpl.status & VNIC_DESC_ST_ERR_BUFLEN) ? 0 : cpl.len;
            f->data = malloc(n ? n : 1);
            if (f->data)
                memcpy(f->data, buf, n);
            f->len = cpl.len;
            f->status = cpl.status;
            got++;
        }
    }
    return got;
}

int tb_sys_drain(struct tb_sys *s, uint64_t max_cycles)
{
    struct tb_env *e = s->env;
    uint64_t end = e->sim.cycle + max_cycles;
    while (!tb_sim_stopped(&e->sim) && e->sim.cycle < end) {
        tb_env_run(e, 200);
        tb_sys_poll(s);
        if (tb_env_run_idle(e, 400, 0) == 0 || (!tb_axis_src_pending(&e->src) && !e->src.active &&
                                                 !tb_axi_mem_busy(&e->mem) &&
                                                 e->sim.cycle >= e->last_activity + 400)) {
            tb_sys_poll(s);
            return 0;
        }
    }
    return -1;
}

int tb_sys_gen_new(const struct tb_sys *s, struct vnic_gen_cfg *g, struct vnic_gen **gen,
                   char *err, size_t errlen)
{
    g->navoid = s->n;
    for (unsigned v = 0; v < s->n; v++)
        memcpy(g->avoid[v], s->mac[v], 6);
    int rc = vnic_gen_new(g, gen, err, errlen);
    free(g);
    return rc ? -1 : 0;
}
