/* vnic_pcap.c: pcap input and output through libpcap (see vnic_pcap.h). */
#include "vnic_pcap.h"

#include <dirent.h>
#include <errno.h>
#include <pcap/pcap.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NS_PER_CYCLE_NUM 32u /* 6.4 ns = 32/5 ns per cycle at 156.25 MHz */
#define NS_PER_CYCLE_DEN 5u

static void errf(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    if (!err || !errlen)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

void vnic_pcap_trace_init(struct vnic_pcap_trace *t)
{
    memset(t, 0, sizeof(*t));
}

void vnic_pcap_trace_free(struct vnic_pcap_trace *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->pkt[i].data);
    for (unsigned i = 0; i < t->nfiles; i++)
        free(t->files[i]);
    free(t->pkt);
    free(t->files);
    free(t->file_first);
    vnic_pcap_trace_init(t);
}

static int add_file_name(struct vnic_pcap_trace *t, const char *path)
{
    char **f = realloc(t->files, (t->nfiles + 1) * sizeof(*f));
    if (!f)
        return -1;
    t->files = f;
    size_t *ff = realloc(t->file_first, (t->nfiles + 1) * sizeof(*ff));
    if (!ff)
        return -1;
    t->file_first = ff;
    t->files[t->nfiles] = strdup(path);
    if (!t->files[t->nfiles])
        return -1;
    t->file_first[t->nfiles] = t->n;
    t->nfiles++;
    return 0;
}

int vnic_pcap_load(struct vnic_pcap_trace *t, const char *path, char *err, size_t errlen)
{
    char perr[PCAP_ERRBUF_SIZE] = "";
    pcap_t *p = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_NANO, perr);
    if (!p) {
        errf(err, errlen, "%s: cannot open as a capture: %s", path, perr);
        return -1;
    }
    int dlt = pcap_datalink(p);
    if (dlt != DLT_EN10MB) {
        errf(err, errlen, "%s: link type %d (%s), only Ethernet (EN10MB) can be replayed", path, dlt,
             pcap_datalink_val_to_name(dlt) ? pcap_datalink_val_to_name(dlt) : "?");
        pcap_close(p);
        return -1;
    }
    if (add_file_name(t, path)) {
        pcap_close(p);
        errf(err, errlen, "out of memory");
        return -1;
    }
    unsigned file = t->nfiles - 1;
    struct pcap_pkthdr *h;
    const u_char *data;
    int rc;
    while ((rc = pcap_next_ex(p, &h, &data)) == 1) {
        if (t->n == t->cap) {
            size_t nc = t->cap ? 2 * t->cap : 256;
            struct vnic_pcap_pkt *np = realloc(t->pkt, nc * sizeof(*np));
            if (!np)
                goto oom;
            t->pkt = np;
            t->cap = nc;
        }
        struct vnic_pcap_pkt *k = &t->pkt[t->n];
        k->data = malloc(h->caplen ? h->caplen : 1);
        if (!k->data)
            goto oom;
        memcpy(k->data, data, h->caplen);
        k->caplen = h->caplen;
        k->origlen = h->len;
        k->ts_ns = (uint64_t)h->ts.tv_sec * 1000000000ull + (uint64_t)h->ts.tv_usec;
        k->file = file;
        if (h->len > h->caplen)
            t->truncated++;
        if (h->caplen < 60)
            t->short_frames++;
        t->n++;
    }
    if (rc == -1) {
        errf(err, errlen, "%s: read error after %zu frames: %s", path, t->n - t->file_first[file], pcap_geterr(p));
        pcap_close(p);
        return -1;
    }
    pcap_close(p);
    return 0;
oom:
    pcap_close(p);
    errf(err, errlen, "out of memory reading %s", path);
    return -1;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n > m && !strcmp(s + n - m, suf);
}

int vnic_pcap_load_path(struct vnic_pcap_trace *t, const char *path, char *err, size_t errlen)
{
    struct stat st;
    if (stat(path, &st)) {
        errf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode))
        return vnic_pcap_load(t, path, err, errlen) ? -1 : 1;
    DIR *d = opendir(path);
    if (!d) {
        errf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!has_suffix(e->d_name, ".pcap") && !has_suffix(e->d_name, ".pcapng"))
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            char **nn = realloc(names, cap * sizeof(*nn));
            if (!nn)
                break;
            names = nn;
        }
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        names[n] = malloc(len);
        if (!names[n])
            break;
        snprintf(names[n], len, "%s/%s", path, e->d_name);
        n++;
    }
    closedir(d);
    int rc = 0;
    if (n == 0) {
        errf(err, errlen, "%s: no *.pcap or *.pcapng files", path);
        rc = -1;
    } else {
        qsort(names, n, sizeof(*names), cmp_str);
        for (size_t i = 0; i < n && rc == 0; i++)
            if (vnic_pcap_load(t, names[i], err, errlen))
                rc = -1;
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc ? -1 : (int)n;
}

struct mac_count {
    uint8_t mac[6];
    uint64_t n;
};

static int cmp_mac(const void *a, const void *b)
{
    return memcmp(a, b, 6);
}

static int cmp_count(const void *a, const void *b)
{
    const struct mac_count *x = a, *y = b;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    return memcmp(x->mac, y->mac, 6);
}

unsigned vnic_pcap_top_unicast(const struct vnic_pcap_trace *t, unsigned k, uint8_t (*macs)[6])
{
    if (!t->n || !k)
        return 0;
    uint8_t(*all)[6] = malloc(t->n * 6);
    struct mac_count *c = malloc(t->n * sizeof(*c));
    if (!all || !c) {
        free(all);
        free(c);
        return 0;
    }
    size_t m = 0;
    for (size_t i = 0; i < t->n; i++)
        if (t->pkt[i].caplen >= 6 && !(t->pkt[i].data[0] & 1))
            memcpy(all[m++], t->pkt[i].data, 6);
    qsort(all, m, 6, cmp_mac);
    size_t nc = 0;
    for (size_t i = 0; i < m; i++) {
        if (nc && !memcmp(c[nc - 1].mac, all[i], 6)) {
            c[nc - 1].n++;
        } else {
            memcpy(c[nc].mac, all[i], 6);
            c[nc].n = 1;
            nc++;
        }
    }
    qsort(c, nc, sizeof(*c), cmp_count);
    unsigned got = 0;
    for (; got < k && got < nc; got++)
        memcpy(macs[got], c[got].mac, 6);
    free(all);
    free(c);
    return got;
}

struct vnic_pcap_writer {
    pcap_t *p;
    pcap_dumper_t *d;
    uint64_t count;
};

int vnic_pcap_writer_open(const char *path, struct vnic_pcap_writer **out, char *err, size_t errlen)
{
    *out = NULL;
    struct vnic_pcap_writer *w = calloc(1, sizeof(*w));
    if (!w) {
        errf(err, errlen, "out of memory");
        return -1;
    }
    w->p = pcap_open_dead_with_tstamp_precision(DLT_EN10MB, 262144, PCAP_TSTAMP_PRECISION_NANO);
    if (!w->p) {
        free(w);
        errf(err, errlen, "pcap_open_dead failed");
        return -1;
    }
    w->d = pcap_dump_open(w->p, path);
    if (!w->d) {
        errf(err, errlen, "%s: %s", path, pcap_geterr(w->p));
        pcap_close(w->p);
        free(w);
        return -1;
    }
    *out = w;
    return 0;
}

void vnic_pcap_writer_put(struct vnic_pcap_writer *w, const uint8_t *data, uint32_t len, uint64_t cycle)
{
    struct pcap_pkthdr h;
    uint64_t ns = cycle * NS_PER_CYCLE_NUM / NS_PER_CYCLE_DEN;
    memset(&h, 0, sizeof(h));
    h.ts.tv_sec = (time_t)(ns / 1000000000ull);
    h.ts.tv_usec = (suseconds_t)(ns % 1000000000ull); /* nanoseconds: the file is nano precision */
    h.caplen = len;
    h.len = len;
    pcap_dump((u_char *)w->d, &h, data);
    w->count++;
}

uint64_t vnic_pcap_writer_count(const struct vnic_pcap_writer *w)
{
    return w->count;
}

int vnic_pcap_writer_close(struct vnic_pcap_writer *w)
{
    if (!w)
        return 0;
    int rc = pcap_dump_flush(w->d);
    pcap_dump_close(w->d);
    pcap_close(w->p);
    free(w);
    return rc ? -1 : 0;
}
