/* vnic_scn.c: scenario files for vnic-sim (see vnic_scn.h, docs/scenarios.md). */
#include "vnic_scn.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vnic_tuple.h"
#include "vnic_vf.h"

static void errf(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    if (!err || !errlen)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = 0;
    return s;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* ---------------------------------------------------------------- text */
void vnic_scn_text_free(struct vnic_scn_text *t)
{
    for (size_t i = 0; i < t->nsec; i++) {
        for (size_t k = 0; k < t->sec[i].nkv; k++) {
            free(t->sec[i].kv[k].key);
            free(t->sec[i].kv[k].value);
        }
        free(t->sec[i].kv);
    }
    free(t->sec);
    memset(t, 0, sizeof(*t));
}

static int add_kv(struct vnic_scn_section *s, const char *k, const char *v, unsigned line)
{
    if (s->nkv == s->cap) {
        size_t nc = s->cap ? 2 * s->cap : 16;
        struct vnic_scn_kv *n = realloc(s->kv, nc * sizeof(*n));
        if (!n)
            return -1;
        s->kv = n;
        s->cap = nc;
    }
    struct vnic_scn_kv *e = &s->kv[s->nkv];
    e->key = xstrdup(k);
    e->value = xstrdup(v);
    e->line = line;
    if (!e->key || !e->value) {
        free(e->key);
        free(e->value);
        return -1;
    }
    s->nkv++;
    return 0;
}

static const char *const section_kinds[] = {"device", "host", "run", "vnic", "stream", "sweep", "expect"};

int vnic_scn_load_string(const char *name, const char *text, struct vnic_scn_text *t, char *err, size_t errlen)
{
    memset(t, 0, sizeof(*t));
    snprintf(t->path, sizeof(t->path), "%s", name);
    char *buf = xstrdup(text);
    if (!buf) {
        errf(err, errlen, "out of memory");
        return -1;
    }
    unsigned line = 0;
    char *save = NULL, *p = buf;
    struct vnic_scn_section *cur = NULL;
    int rc = 0;
    for (char *ln = p; ln; ln = save) {
        char *nl = strchr(ln, '\n');
        save = nl ? nl + 1 : NULL;
        if (nl)
            *nl = 0;
        line++;
        char *hash = strchr(ln, '#');
        if (hash)
            *hash = 0;
        char *s = trim(ln);
        if (!*s)
            continue;
        if (*s == '[') {
            char *end = strchr(s, ']');
            if (!end || trim(end + 1)[0]) {
                errf(err, errlen, "%s:%u: a section header is [kind] or [kind name]", name, line);
                rc = -1;
                break;
            }
            *end = 0;
            char *body = trim(s + 1), *sp = body;
            while (*sp && !isspace((unsigned char)*sp))
                sp++;
            char *secname = "";
            if (*sp) {
                *sp = 0;
                secname = trim(sp + 1);
            }
            unsigned k;
            for (k = 0; k < sizeof(section_kinds) / sizeof(section_kinds[0]); k++)
                if (!strcmp(body, section_kinds[k]))
                    break;
            if (k == sizeof(section_kinds) / sizeof(section_kinds[0])) {
                errf(err, errlen, "%s:%u: unknown section [%s] (device, host, run, vnic NAME, stream NAME, sweep, expect)",
                     name, line, body);
                rc = -1;
                break;
            }
            int named = !strcmp(body, "vnic") || !strcmp(body, "stream");
            if (named && !*secname) {
                errf(err, errlen, "%s:%u: [%s] needs a name: [%s NAME]", name, line, body, body);
                rc = -1;
                break;
            }
            if (!named && *secname) {
                errf(err, errlen, "%s:%u: [%s] takes no name", name, line, body);
                rc = -1;
                break;
            }
            if (strlen(secname) >= VNIC_SCN_NAME || strchr(secname, '.') || strchr(secname, ' ')) {
                errf(err, errlen, "%s:%u: name '%s' must be one word without '.', under %u characters", name, line,
                     secname, VNIC_SCN_NAME);
                rc = -1;
                break;
            }
            for (size_t i = 0; i < t->nsec; i++)
                if (!strcmp(t->sec[i].kind, body) && !strcmp(t->sec[i].name, secname)) {
                    errf(err, errlen, "%s:%u: section [%s%s%s] already defined at line %u", name, line, body,
                         *secname ? " " : "", secname, t->sec[i].line);
                    rc = -1;
                    break;
                }
            if (rc)
                break;
            struct vnic_scn_section *ns = realloc(t->sec, (t->nsec + 1) * sizeof(*ns));
            if (!ns) {
                errf(err, errlen, "out of memory");
                rc = -1;
                break;
            }
            t->sec = ns;
            cur = &t->sec[t->nsec++];
            memset(cur, 0, sizeof(*cur));
            snprintf(cur->kind, sizeof(cur->kind), "%s", body);
            snprintf(cur->name, sizeof(cur->name), "%s", secname);
            cur->line = line;
            continue;
        }
        if (!cur) {
            errf(err, errlen, "%s:%u: '%s' before any [section]", name, line, s);
            rc = -1;
            break;
        }
        if (!strcmp(cur->kind, "expect")) {
            if (add_kv(cur, s, "", line)) {
                errf(err, errlen, "out of memory");
                rc = -1;
                break;
            }
            continue;
        }
        char *eq = strchr(s, '=');
        if (!eq) {
            errf(err, errlen, "%s:%u: expected 'key = value' in [%s]", name, line, cur->kind);
            rc = -1;
            break;
        }
        *eq = 0;
        char *k = trim(s), *v = trim(eq + 1);
        for (size_t i = 0; i < cur->nkv; i++)
            if (!strcmp(cur->kv[i].key, k)) {
                errf(err, errlen, "%s:%u: '%s' already set at line %u", name, line, k, cur->kv[i].line);
                rc = -1;
                break;
            }
        if (rc)
            break;
        if (add_kv(cur, k, v, line)) {
            errf(err, errlen, "out of memory");
            rc = -1;
            break;
        }
    }
    free(buf);
    if (rc)
        vnic_scn_text_free(t);
    return rc;
}

int vnic_scn_load(const char *path, struct vnic_scn_text *t, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        errf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t r;
    while (buf && (r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (n + 1 == cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (!buf) {
        errf(err, errlen, "out of memory reading %s", path);
        return -1;
    }
    buf[n] = 0;
    int rc = vnic_scn_load_string(path, buf, t, err, errlen);
    free(buf);
    return rc;
}

static struct vnic_scn_section *find_sec(struct vnic_scn_text *t, const char *kind, const char *name)
{
    for (size_t i = 0; i < t->nsec; i++)
        if (!strcmp(t->sec[i].kind, kind) && !strcmp(t->sec[i].name, name))
            return &t->sec[i];
    return NULL;
}

int vnic_scn_override(struct vnic_scn_text *t, const char *assignment, char *err, size_t errlen)
{
    char buf[1024];
    snprintf(buf, sizeof(buf), "%s", assignment);
    char *eq = strchr(buf, '=');
    if (!eq) {
        errf(err, errlen, "override '%s': expected section[.name].key=value", assignment);
        return -1;
    }
    *eq = 0;
    char *path = trim(buf), *value = trim(eq + 1);
    char *d1 = strchr(path, '.');
    if (!d1) {
        errf(err, errlen, "override '%s': expected section[.name].key=value", assignment);
        return -1;
    }
    *d1 = 0;
    const char *kind = path, *name = "", *key = d1 + 1;
    if (!strcmp(kind, "vnic") || !strcmp(kind, "stream")) {
        char *d2 = strchr(d1 + 1, '.');
        if (!d2) {
            errf(err, errlen, "override '%s': %s needs a name: %s.NAME.key=value", assignment, kind, kind);
            return -1;
        }
        *d2 = 0;
        name = d1 + 1;
        key = d2 + 1;
    }
    struct vnic_scn_section *s = find_sec(t, kind, name);
    if (!s) {
        /* device/host/run have defaults: create the section on demand */
        if (!strcmp(kind, "device") || !strcmp(kind, "host") || !strcmp(kind, "run")) {
            struct vnic_scn_section *ns = realloc(t->sec, (t->nsec + 1) * sizeof(*ns));
            if (!ns) {
                errf(err, errlen, "out of memory");
                return -1;
            }
            t->sec = ns;
            s = &t->sec[t->nsec++];
            memset(s, 0, sizeof(*s));
            snprintf(s->kind, sizeof(s->kind), "%s", kind);
        } else {
            errf(err, errlen, "override '%s': the scenario has no [%s%s%s]", assignment, kind, *name ? " " : "", name);
            return -1;
        }
    }
    for (size_t i = 0; i < s->nkv; i++)
        if (!strcmp(s->kv[i].key, key)) {
            char *v = xstrdup(value);
            if (!v) {
                errf(err, errlen, "out of memory");
                return -1;
            }
            free(s->kv[i].value);
            s->kv[i].value = v;
            return 0;
        }
    if (add_kv(s, key, value, 0)) {
        errf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

/* ---------------------------------------------------------------- values */
/* ${VAR} and ${VAR:-default} from the environment */
static int expand(const char *in, char *out, size_t outlen)
{
    size_t o = 0;
    for (const char *p = in; *p;) {
        if (p[0] == '$' && p[1] == '{') {
            const char *end = strchr(p, '}');
            if (!end)
                return -1;
            char var[256];
            size_t n = (size_t)(end - p - 2);
            if (n >= sizeof(var))
                return -1;
            memcpy(var, p + 2, n);
            var[n] = 0;
            const char *def = "";
            char *dash = strstr(var, ":-");
            if (dash) {
                *dash = 0;
                def = dash + 2;
            }
            const char *val = getenv(var);
            if (!val || !*val)
                val = def;
            size_t vl = strlen(val);
            if (o + vl >= outlen)
                return -1;
            memcpy(out + o, val, vl);
            o += vl;
            p = end + 1;
            continue;
        }
        if (o + 1 >= outlen)
            return -1;
        out[o++] = *p++;
    }
    out[o] = 0;
    return 0;
}

static int parse_bool(const char *s, int *v)
{
    if (!strcasecmp(s, "1") || !strcasecmp(s, "yes") || !strcasecmp(s, "on") || !strcasecmp(s, "true")) {
        *v = 1;
        return 0;
    }
    if (!strcasecmp(s, "0") || !strcasecmp(s, "no") || !strcasecmp(s, "off") || !strcasecmp(s, "false")) {
        *v = 0;
        return 0;
    }
    return -1;
}

static int parse_u64(const char *s, uint64_t *v)
{
    char *end;
    if (!*s || *s == '-')
        return -1;
    errno = 0;
    double d = strtod(s, &end);
    /* allow 1e6 and 2000000 alike, integers only */
    if (errno || *trim(end) || d < 0 || d != floor(d) || d > 1.8e19)
        return -1;
    *v = (uint64_t)d;
    return 0;
}

int vnic_scn_parse_size(const char *s, uint64_t *v)
{
    char buf[64];
    snprintf(buf, sizeof(buf), "%s", s);
    char *t = trim(buf);
    size_t n = strlen(t);
    uint64_t mul = 1;
    if (n && strchr("kKmMgG", t[n - 1])) {
        char c = (char)toupper((unsigned char)t[n - 1]);
        mul = c == 'K' ? 1024ull : c == 'M' ? 1024ull * 1024 : 1024ull * 1024 * 1024;
        t[--n] = 0;
    } else if (n > 1 && (t[n - 1] == 'B' || t[n - 1] == 'b') && strchr("kKmMgG", t[n - 2])) {
        char c = (char)toupper((unsigned char)t[n - 2]);
        mul = c == 'K' ? 1024ull : c == 'M' ? 1024ull * 1024 : 1024ull * 1024 * 1024;
        t[n - 2] = 0;
    }
    uint64_t x;
    if (parse_u64(trim(t), &x))
        return -1;
    *v = x * mul;
    return 0;
}

/* number with an optional rate unit; *is_frac = 1 when there is no unit or
 * a '%' (value then a fraction, '%' divided by 100) */
static int parse_rate_raw(const char *s, double *val, int *is_frac)
{
    char buf[128];
    snprintf(buf, sizeof(buf), "%s", s);
    char *t = trim(buf), *end;
    errno = 0;
    double d = strtod(t, &end);
    if (end == t || errno || d < 0 || !isfinite(d))
        return -1;
    char *u = trim(end);
    if (!*u) {
        *val = d, *is_frac = 1;
        return 0;
    }
    if (!strcmp(u, "%")) {
        *val = d / 100.0, *is_frac = 1;
        return 0;
    }
    static const struct {
        const char *u;
        double mul;
    } units[] = {
        {"Gb/s", 1e9},  {"Mb/s", 1e6},  {"Kb/s", 1e3},  {"kb/s", 1e3}, {"b/s", 1},     {"GB/s", 8e9},
        {"MB/s", 8e6},  {"KB/s", 8e3},  {"kB/s", 8e3},  {"B/s", 8},    {"Gbps", 1e9},  {"Mbps", 1e6},
        {"Kbps", 1e3},  {"kbps", 1e3},  {"bps", 1},     {"GBps", 8e9}, {"MBps", 8e6},  {"KBps", 8e3},
        {"kBps", 8e3},  {"Bps", 8},     {"gbps", 1e9},  {"mbps", 1e6},
    };
    for (unsigned i = 0; i < sizeof(units) / sizeof(units[0]); i++)
        if (!strcmp(u, units[i].u)) {
            *val = d * units[i].mul, *is_frac = 0;
            return 0;
        }
    return -1;
}

int vnic_scn_parse_rate(const char *s, double ref_bps, double *bps, char *err, size_t errlen)
{
    double v;
    int frac;
    if (parse_rate_raw(s, &v, &frac)) {
        errf(err, errlen, "'%s' is not a rate: give a number with Gb/s, Mb/s, Kb/s, b/s (or Gbps, MBps, ...), "
                          "or a fraction of the link (0.25 or 25%%)", s);
        return -1;
    }
    *bps = frac ? v * ref_bps : v;
    return 0;
}

/* ---------------------------------------------------------------- build */
struct ctx {
    const struct vnic_scn_text *t;
    char *err;
    size_t errlen;
};

/* value of key in section, expanded; NULL when absent. Marks it used. */
static const char *get(struct ctx *c, const struct vnic_scn_section *s, const char *key, unsigned *line,
                       char *buf, size_t buflen, int *rc)
{
    if (!s)
        return NULL;
    for (size_t i = 0; i < s->nkv; i++)
        if (!strcmp(s->kv[i].key, key)) {
            if (line)
                *line = s->kv[i].line;
            if (expand(s->kv[i].value, buf, buflen)) {
                errf(c->err, c->errlen, "%s:%u: cannot expand '%s' (unterminated ${ or too long)", c->t->path,
                     s->kv[i].line, s->kv[i].value);
                *rc = -1;
                return NULL;
            }
            return buf;
        }
    return NULL;
}

static int known_keys(struct ctx *c, const struct vnic_scn_section *s, const char *const *keys)
{
    if (!s)
        return 0;
    for (size_t i = 0; i < s->nkv; i++) {
        int ok = 0;
        for (const char *const *k = keys; *k; k++)
            if (!strcmp(*k, s->kv[i].key))
                ok = 1;
        if (!ok) {
            char list[512] = "";
            for (const char *const *k = keys; *k; k++) {
                strncat(list, *k, sizeof(list) - strlen(list) - 1);
                if (k[1])
                    strncat(list, ", ", sizeof(list) - strlen(list) - 1);
            }
            errf(c->err, c->errlen, "%s:%u: unknown key '%s' in [%s%s%s]; known: %s", c->t->path, s->kv[i].line,
                 s->kv[i].key, s->kind, *s->name ? " " : "", s->name, list);
            return -1;
        }
    }
    return 0;
}

#define LINE_OF(l) (l)
#define BAD(l, ...)                                                                                                \
    do {                                                                                                           \
        char m_[384];                                                                                              \
        snprintf(m_, sizeof(m_), __VA_ARGS__);                                                                     \
        errf(c->err, c->errlen, "%s:%u: %s", c->t->path, (l), m_);                                                 \
        return -1;                                                                                                 \
    } while (0)

static int get_u64(struct ctx *c, const struct vnic_scn_section *s, const char *key, uint64_t *v, int size_units)
{
    char buf[256];
    unsigned line = 0;
    int rc = 0;
    const char *val = get(c, s, key, &line, buf, sizeof(buf), &rc);
    if (rc)
        return -1;
    if (!val)
        return 0;
    if (size_units ? vnic_scn_parse_size(val, v) : parse_u64(val, v))
        BAD(line, "%s = '%s': expected a non-negative integer%s", key, val, size_units ? " (K, M, G allowed)" : "");
    return 0;
}

static int get_uint(struct ctx *c, const struct vnic_scn_section *s, const char *key, unsigned *v, int size_units)
{
    uint64_t x = *v;
    if (get_u64(c, s, key, &x, size_units))
        return -1;
    if (x > 0xffffffffu) {
        errf(c->err, c->errlen, "%s: [%s] %s = %llu is too large", c->t->path, s->kind, key, (unsigned long long)x);
        return -1;
    }
    *v = (unsigned)x;
    return 0;
}

static int get_bool(struct ctx *c, const struct vnic_scn_section *s, const char *key, int *v)
{
    char buf[64];
    unsigned line = 0;
    int rc = 0;
    const char *val = get(c, s, key, &line, buf, sizeof(buf), &rc);
    if (rc)
        return -1;
    if (val && parse_bool(val, v))
        BAD(line, "%s = '%s': expected yes or no", key, val);
    return 0;
}

/* host/VM service rate in bytes of L per cycle: "unlimited"/"0" -> 0 */
static int get_service(struct ctx *c, const struct vnic_scn_section *s, double link_bps, double *bpc)
{
    char buf[128];
    unsigned line = 0;
    int rc = 0;
    const char *val = get(c, s, "service", &line, buf, sizeof(buf), &rc);
    if (rc)
        return -1;
    if (!val)
        return 0;
    if (!strcasecmp(val, "unlimited") || !strcmp(val, "0")) {
        *bpc = 0;
        return 0;
    }
    double bps;
    char e[256];
    if (vnic_scn_parse_rate(val, link_bps, &bps, e, sizeof(e)))
        BAD(line, "service: %s", e);
    if (bps <= 0)
        BAD(line, "service must be > 0 (or 'unlimited')");
    *bpc = bps / 8.0 / (double)VNIC_SCN_CLK_HZ;
    return 0;
}

static int build_device(struct ctx *c, struct vnic_scn_section *s, struct vnic_scn *o)
{
    static const char *const keys[] = {"num_vnic", "data_w", "num_win", "rx_buf", "tx_buf", "rx_fifo",
                                       "max_frame_param", "max_frame", "def_vnic", NULL};
    struct vnic_scn_device *d = &o->dev;
    d->num_vnic = 8, d->data_w = 64, d->num_win = 4;
    d->rx_buf = 65536, d->tx_buf = 65536, d->rx_fifo = 32768;
    d->max_frame_param = 9022, d->max_frame = 1522, d->def_vnic = -1;
    if (known_keys(c, s, keys) || get_uint(c, s, "num_vnic", &d->num_vnic, 0) ||
        get_uint(c, s, "data_w", &d->data_w, 0) || get_uint(c, s, "num_win", &d->num_win, 0) ||
        get_uint(c, s, "rx_buf", &d->rx_buf, 1) || get_uint(c, s, "tx_buf", &d->tx_buf, 1) ||
        get_uint(c, s, "rx_fifo", &d->rx_fifo, 1) || get_uint(c, s, "max_frame_param", &d->max_frame_param, 0) ||
        get_uint(c, s, "max_frame", &d->max_frame, 0))
        return -1;
    unsigned line = s ? s->line : 0;
    if (d->num_vnic < 1 || d->num_vnic > 32)
        BAD(line, "num_vnic = %u: must be 1..32", d->num_vnic);
    if (d->data_w != 64 && d->data_w != 128 && d->data_w != 256)
        BAD(line, "data_w = %u: must be 64, 128 or 256", d->data_w);
    if (d->max_frame < 64 || d->max_frame > d->max_frame_param)
        BAD(line, "max_frame = %u: must be 64..max_frame_param (%u)", d->max_frame, d->max_frame_param);
    return 0;
}

static int build_host(struct ctx *c, struct vnic_scn_section *s, struct vnic_scn *o)
{
    static const char *const keys[] = {"bpc", "latency", "outstanding", "service", "cost", "poll", NULL};
    struct vnic_scn_host *h = &o->host;
    h->bpc = 0, h->latency = 157, h->outstanding = 0, h->service_bpc = 0, h->cost = 0, h->poll = 64;
    if (known_keys(c, s, keys) || get_uint(c, s, "bpc", &h->bpc, 0) || get_uint(c, s, "latency", &h->latency, 0) ||
        get_uint(c, s, "outstanding", &h->outstanding, 0) || get_uint(c, s, "cost", &h->cost, 0) ||
        get_uint(c, s, "poll", &h->poll, 0) || get_service(c, s, vnic_scn_link_bps(o), &h->service_bpc))
        return -1;
    if (h->poll < 1)
        BAD(s ? s->line : 0, "poll must be >= 1 cycle");
    return 0;
}

static int build_run(struct ctx *c, struct vnic_scn_section *s, struct vnic_scn *o)
{
    static const char *const keys[] = {"cycles", "frames", "warmup", "drain", "seed", NULL};
    o->cycles = 1000000, o->frames = 0, o->drain = 20000000, o->seed = 1;
    uint64_t warm = UINT64_MAX;
    if (known_keys(c, s, keys) || get_u64(c, s, "cycles", &o->cycles, 0) || get_u64(c, s, "frames", &o->frames, 0) ||
        get_u64(c, s, "warmup", &warm, 0) || get_u64(c, s, "drain", &o->drain, 0))
        return -1;
    char buf[64];
    int rc = 0;
    if (get(c, s, "seed", NULL, buf, sizeof(buf), &rc)) {
        if (get_u64(c, s, "seed", &o->seed, 0))
            return -1;
        o->seed_set = 1;
    }
    if (rc)
        return -1;
    o->warmup = warm == UINT64_MAX ? o->cycles / 10 : warm;
    if (o->warmup >= o->cycles)
        BAD(s ? s->line : 0, "warmup (%llu) must be below cycles (%llu)", (unsigned long long)o->warmup,
            (unsigned long long)o->cycles);
    return 0;
}

static int build_vnic(struct ctx *c, struct vnic_scn_section *s, struct vnic_scn *o, unsigned ord)
{
    static const char *const keys[] = {"index", "enable", "mac", "bcast", "mcast", "antispoof", "rx_part",
                                       "tx_part", "rx_base", "tx_base", "guarantee", "ceiling", "burst",
                                       "sch_burst", "weight", "policer", "dma_ceiling", "qos", "memory", "ring",
                                       "buf", "service", "tx_weight", "tx_rate", NULL};
    struct vnic_scn_vnic *v = &o->vnic[o->nvnic];
    memset(v, 0, sizeof(*v));
    snprintf(v->name, sizeof(v->name), "%s", s->name);
    v->index = ord;
    v->enabled = 1;
    v->mem_size = 4ull << 20;
    v->ring_log2 = 8;
    v->buf_size = 2048;
    vnic_qos_spec_init(&v->spec);
    if (known_keys(c, s, keys) || get_uint(c, s, "index", &v->index, 0) || get_bool(c, s, "enable", &v->enabled))
        return -1;
    if (v->index >= o->dev.num_vnic)
        BAD(s->line, "[vnic %s]: index %u, the device has num_vnic = %u", v->name, v->index, o->dev.num_vnic);
    for (unsigned i = 0; i < o->nvnic; i++)
        if (o->vnic[i].index == v->index)
            BAD(s->line, "[vnic %s]: index %u is also [vnic %s]", v->name, v->index, o->vnic[i].name);
    char buf[1100];
    unsigned line = s->line;
    int rc = 0;
    const char *val;
    /* MAC */
    v->mac_src = VNIC_SCN_MAC_DEFAULT;
    v->spec.mac[0] = 0x02, v->spec.mac[5] = (uint8_t)(v->index + 1);
    if ((val = get(c, s, "mac", &line, buf, sizeof(buf), &rc))) {
        if (!strncmp(val, "pcap:", 5)) {
            uint64_t r;
            if (parse_u64(val + 5, &r) || r > 1000)
                BAD(line, "mac = %s: expected pcap:N (N-th most frequent unicast destination, from 0)", val);
            v->mac_src = VNIC_SCN_MAC_PCAP;
            v->mac_rank = (unsigned)r;
        } else if (!strcmp(val, "default")) {
            v->mac_src = VNIC_SCN_MAC_DEFAULT;
        } else {
            if (vnic_mac_parse(val, v->spec.mac))
                BAD(line, "mac = %s: expected aa:bb:cc:dd:ee:ff, pcap:N or default", val);
            if (v->spec.mac[0] & 1)
                BAD(line, "mac = %s: a vNIC's address must be unicast (bit 0 of the first byte clear)", val);
            v->mac_src = VNIC_SCN_MAC_GIVEN;
        }
    }
    if (rc)
        return -1;
    int b = 0;
    if (get_bool(c, s, "bcast", &b))
        return -1;
    if (b)
        v->spec.flags |= VNIC_QOS_BCAST;
    b = 0;
    if (get_bool(c, s, "mcast", &b))
        return -1;
    if (b)
        v->spec.flags |= VNIC_QOS_MCAST;
    b = 0;
    if (get_bool(c, s, "antispoof", &b))
        return -1;
    if (b)
        v->spec.flags |= VNIC_QOS_ANTISPOOF;
    if (!v->enabled)
        v->spec.flags |= VNIC_QOS_DISABLED;
    b = 1;
    if (get_bool(c, s, "policer", &b))
        return -1;
    if (!b)
        v->spec.flags |= VNIC_QOS_NO_POLICER;
    b = 1;
    if (get_bool(c, s, "dma_ceiling", &b))
        return -1;
    if (!b)
        v->spec.flags |= VNIC_QOS_NO_DMA_CEIL;
    if (get_uint(c, s, "rx_part", &v->spec.rx_size, 1) || get_uint(c, s, "tx_part", &v->spec.tx_size, 1) ||
        get_uint(c, s, "rx_base", &v->spec.rx_base, 1) || get_uint(c, s, "tx_base", &v->spec.tx_base, 1) ||
        get_uint(c, s, "burst", &v->spec.pol_burst, 1) || get_uint(c, s, "sch_burst", &v->spec.sch_burst, 1) ||
        get_uint(c, s, "weight", &v->spec.weight, 0) || get_uint(c, s, "tx_weight", &v->spec.tx_weight, 0) ||
        get_u64(c, s, "memory", &v->mem_size, 1) || get_uint(c, s, "buf", &v->buf_size, 1))
        return -1;
    if (v->spec.weight > 255 || v->spec.tx_weight > 255)
        BAD(s->line, "[vnic %s]: weights are 1..255", v->name);
    double link = vnic_scn_link_bps(o), bps;
    char e[256];
    static const char *const rate_keys[] = {"guarantee", "ceiling", "tx_rate"};
    for (unsigned k = 0; k < 3; k++) {
        if (!(val = get(c, s, rate_keys[k], &line, buf, sizeof(buf), &rc))) {
            if (rc)
                return -1;
            continue;
        }
        if (!strcasecmp(val, "none")) {
            bps = 0;
        } else if (vnic_scn_parse_rate(val, link, &bps, e, sizeof(e))) {
            BAD(line, "%s: %s", rate_keys[k], e);
        }
        if (k == 0)
            v->spec.guar_bps = (uint64_t)llround(bps), v->guar_gbps = bps / 1e9;
        else if (k == 1)
            v->spec.ceil_bps = (uint64_t)llround(bps), v->ceil_gbps = bps / 1e9;
        else
            v->spec.tx_rate_bps = (uint64_t)llround(bps);
    }
    if ((val = get(c, s, "qos", &line, buf, sizeof(buf), &rc))) {
        struct vnic_net_tuple tup;
        if (vnic_tuple_parse(val, &tup, e, sizeof(e)))
            BAD(line, "qos tuple: %s", e);
        if (vnic_tuple_to_qos(&tup, (uint64_t)link, &v->spec, e, sizeof(e)))
            BAD(line, "qos tuple: %s", e);
        snprintf(v->tuple, sizeof(v->tuple), "%s", val);
        v->guar_gbps = (double)v->spec.guar_bps / 1e9;
        v->ceil_gbps = (double)v->spec.ceil_bps / 1e9;
    }
    if (rc)
        return -1;
    uint64_t ring = 256;
    if (get_u64(c, s, "ring", &ring, 0))
        return -1;
    unsigned lg = 0;
    while ((1ull << lg) < ring)
        lg++;
    if ((1ull << lg) != ring || lg < VNIC_VF_RING_LOG2_MIN || lg > VNIC_VF_RING_LOG2_MAX)
        BAD(s->line, "[vnic %s]: ring = %llu: must be a power of two, 2..4096", v->name, (unsigned long long)ring);
    v->ring_log2 = lg;
    if (v->buf_size < 64 || v->buf_size > 65535)
        BAD(s->line, "[vnic %s]: buf = %u: must be 64..65535 bytes", v->name, v->buf_size);
    if (v->mem_size < (4ull << 10) || (v->mem_size & 0xfff))
        BAD(s->line, "[vnic %s]: memory must be a multiple of 4 KiB", v->name);
    uint64_t need = (ring + VNIC_SCN_TX_RING) * 16 + ring * ((v->buf_size + 63) & ~63u) +
                    VNIC_SCN_TX_RING * (uint64_t)VNIC_SCN_TX_BUF + 8192;
    if (v->mem_size < need)
        BAD(s->line, "[vnic %s]: memory = %llu bytes is too small for %llu buffers of %u bytes (need >= %llu)",
            v->name, (unsigned long long)v->mem_size, (unsigned long long)ring, v->buf_size,
            (unsigned long long)need);
    if (get_service(c, s, link, &v->service_bpc))
        return -1;
    o->nvnic++;
    return 0;
}

static const struct vnic_scn_vnic *vnic_by_name(const struct vnic_scn *o, const char *name)
{
    for (unsigned i = 0; i < o->nvnic; i++)
        if (!strcmp(o->vnic[i].name, name))
            return &o->vnic[i];
    return NULL;
}

static int build_stream(struct ctx *c, struct vnic_scn_section *s, struct vnic_scn *o)
{
    static const char *const keys[] = {"enable", "dst", "rate", "size", "burst", "burst_random", "errors", "vlan",
                                       "start", "frames", "src", "pcap", "pcap_raw", "loops", "from", NULL};
    struct vnic_scn_stream *st = &o->stream[o->nstream];
    memset(st, 0, sizeof(*st));
    snprintf(st->name, sizeof(st->name), "%s", s->name);
    st->enabled = 1;
    struct vnic_gen_stream_cfg *g = &st->g;
    vnic_gen_stream_init(g);
    snprintf(g->name, sizeof(g->name), "%s", s->name);
    for (unsigned d = 0; d < VNIC_GEN_MAX_DEST; d++)
        st->dest_vnic[d] = -1;
    st->from = -1;
    if (known_keys(c, s, keys) || get_bool(c, s, "enable", &st->enabled))
        return -1;
    char buf[1024];
    unsigned line = s->line;
    int rc = 0;
    const char *val;

    if ((val = get(c, s, "pcap", &line, buf, sizeof(buf), &rc))) {
        if (strlen(val) >= sizeof(st->pcap))
            BAD(line, "pcap path too long");
        snprintf(st->pcap, sizeof(st->pcap), "%s", val);
    }
    if (rc || get_bool(c, s, "pcap_raw", &st->pcap_raw) || get_uint(c, s, "loops", &st->pcap_loops, 0))
        return -1;

    /* destinations */
    if ((val = get(c, s, "dst", &line, buf, sizeof(buf), &rc))) {
        char tmp[1024];
        snprintf(tmp, sizeof(tmp), "%s", val);
        char *save = NULL;
        for (char *tok = strtok_r(tmp, ", \t", &save); tok; tok = strtok_r(NULL, ", \t", &save)) {
            if (g->ndest == VNIC_GEN_MAX_DEST)
                BAD(line, "dst: at most %u destinations", VNIC_GEN_MAX_DEST);
            struct vnic_gen_dest *d = &g->dest[g->ndest];
            memset(d, 0, sizeof(*d));
            st->dest_vnic[g->ndest] = -1;
            d->weight = 1;
            char *star = strchr(tok, '*');
            if (star) {
                *star = 0;
                uint64_t w;
                if (parse_u64(star + 1, &w) || w < 1 || w > 1000000)
                    BAD(line, "dst: weight '%s' must be an integer 1..1000000", star + 1);
                d->weight = (unsigned)w;
            }
            char *at = strchr(tok, '@');
            if (at)
                *at = 0;
            if (!strcmp(tok, "bcast")) {
                d->kind = VNIC_GEN_DEST_BCAST;
            } else if (!strcmp(tok, "mcast")) {
                d->kind = VNIC_GEN_DEST_MCAST;
                if (at) {
                    if (vnic_mac_parse(at + 1, d->mac) || !(d->mac[0] & 1))
                        BAD(line, "dst: mcast@%s: expected a group address (first byte odd)", at + 1);
                    d->mac_set = 1;
                }
            } else if (!strcmp(tok, "unknown")) {
                d->kind = VNIC_GEN_DEST_UNKNOWN;
            } else if (vnic_by_name(o, tok)) {
                /* the MAC is filled in by vnic_scn_finish (it may come from a capture) */
                d->kind = VNIC_GEN_DEST_MAC;
                st->dest_vnic[g->ndest] = (int)(vnic_by_name(o, tok) - o->vnic);
            } else if (!vnic_mac_parse(tok, d->mac)) {
                d->kind = VNIC_GEN_DEST_MAC;
                d->mac_set = 1;
            } else {
                BAD(line, "dst: '%s' is not a vNIC name, bcast, mcast[@MAC], unknown or a MAC address", tok);
            }
            if (at && d->kind != VNIC_GEN_DEST_MCAST)
                BAD(line, "dst: '@' is only for mcast@GROUP_MAC");
            g->ndest++;
        }
    }
    if (rc)
        return -1;
    if (!st->pcap[0] && g->ndest == 0)
        BAD(s->line, "[stream %s]: needs dst = ... (vNIC names, bcast, mcast, unknown) or pcap = PATH", st->name);

    /* rate */
    if ((val = get(c, s, "rate", &line, buf, sizeof(buf), &rc))) {
        double r;
        int frac;
        if (parse_rate_raw(val, &r, &frac))
            BAD(line, "rate = %s: a fraction of the physical limit (0.5, 50%%) or a rate with a unit (3 Gb/s)", val);
        if (frac) {
            g->rate_kind = VNIC_GEN_RATE_FRACTION;
            g->rate = r;
            if (r <= 0 || r > 1)
                BAD(line, "rate = %s: a fraction must be in (0, 1]; use Gb/s to ask for more than the wire", val);
        } else {
            g->rate_kind = VNIC_GEN_RATE_GBPS;
            g->rate = r / 1e9;
            if (r <= 0)
                BAD(line, "rate must be > 0");
        }
    }
    if (rc)
        return -1;
    /* size */
    if ((val = get(c, s, "size", &line, buf, sizeof(buf), &rc))) {
        uint64_t a, b;
        const char *dash = strchr(val, '-');
        if (!strcasecmp(val, "imix")) {
            g->size_kind = VNIC_GEN_SIZE_IMIX;
        } else if (dash) {
            char x[64];
            snprintf(x, sizeof(x), "%.*s", (int)(dash - val), val);
            if (parse_u64(trim(x), &a) || parse_u64(dash + 1, &b))
                BAD(line, "size = %s: expected L, MIN-MAX or imix", val);
            g->size_kind = VNIC_GEN_SIZE_UNIFORM;
            g->size_min = (uint32_t)a, g->size_max = (uint32_t)b;
        } else {
            if (parse_u64(val, &a))
                BAD(line, "size = %s: expected L, MIN-MAX or imix", val);
            g->size_kind = VNIC_GEN_SIZE_FIXED;
            g->size_min = g->size_max = (uint32_t)a;
        }
    }
    if (rc)
        return -1;
    /* on/off */
    if ((val = get(c, s, "burst", &line, buf, sizeof(buf), &rc))) {
        unsigned long long on, off;
        char extra;
        if (sscanf(val, "%llu/%llu%c", &on, &off, &extra) != 2 || on == 0)
            BAD(line, "burst = %s: expected ON/OFF in cycles (ON > 0)", val);
        g->on_cycles = on, g->off_cycles = off;
    }
    if (rc || get_bool(c, s, "burst_random", &g->burst_random))
        return -1;
    /* errors */
    if ((val = get(c, s, "errors", &line, buf, sizeof(buf), &rc))) {
        char tmp[1024];
        snprintf(tmp, sizeof(tmp), "%s", val);
        char *save = NULL;
        for (char *tok = strtok_r(tmp, ", \t", &save); tok; tok = strtok_r(NULL, ", \t", &save)) {
            char *colon = strchr(tok, ':');
            if (!colon)
                BAD(line, "errors: '%s': expected KIND:RATE (fcs, runt, oversize, macerr, tkeep)", tok);
            *colon = 0;
            unsigned k;
            for (k = 1; k < VNIC_GEN_ERR_KINDS; k++)
                if (!strcmp(tok, vnic_gen_err_name((enum vnic_gen_err)k)))
                    break;
            if (k == VNIC_GEN_ERR_KINDS)
                BAD(line, "errors: unknown kind '%s' (fcs, runt, oversize, macerr, tkeep)", tok);
            double p;
            int frac;
            if (parse_rate_raw(colon + 1, &p, &frac) || !frac || p > 1)
                BAD(line, "errors: %s:%s: the rate is a fraction of the frames (0.01 or 1%%)", tok, colon + 1);
            g->err_prob[k] = p;
        }
    }
    if (rc)
        return -1;
    if ((val = get(c, s, "vlan", &line, buf, sizeof(buf), &rc))) {
        unsigned vid = 0, pcp = 0;
        char extra;
        int n = sscanf(val, "%u/%u%c", &vid, &pcp, &extra);
        if ((n != 1 && n != 2) || vid > 4095 || pcp > 7)
            BAD(line, "vlan = %s: expected VID[/PCP] (VID 0..4095, PCP 0..7)", val);
        g->vlan = 1;
        g->vlan_tci = (uint16_t)(pcp << 13 | vid);
    }
    if ((val = get(c, s, "src", &line, buf, sizeof(buf), &rc))) {
        if (vnic_mac_parse(val, g->src_mac))
            BAD(line, "src = %s: expected a MAC address", val);
        g->src_set = 1;
    }
    if (rc || get_u64(c, s, "start", &g->start_cycle, 0) || get_u64(c, s, "frames", &g->max_frames, 0))
        return -1;
    if ((val = get(c, s, "from", &line, buf, sizeof(buf), &rc))) {
        const struct vnic_scn_vnic *vn = vnic_by_name(o, val);
        if (!vn)
            BAD(line, "from = %s: not a [vnic] name (a TX stream is sent by that VM)", val);
        st->from = (int)(vn - o->vnic);
        for (unsigned k = 1; k < VNIC_GEN_ERR_KINDS; k++)
            if (g->err_prob[k] > 0)
                BAD(line, "[stream %s]: errors apply to wire streams only, not to a VM's transmissions", st->name);
        if (st->pcap[0])
            BAD(line, "[stream %s]: a TX stream (from = VNIC) sends generated frames; pcap replay is for the wire",
                st->name);
    }
    if (rc)
        return -1;
    o->nstream++;
    return 0;
}

static int parse_expect(struct ctx *c, const struct vnic_scn_kv *kv, struct vnic_scn_expect *x)
{
    memset(x, 0, sizeof(*x));
    snprintf(x->text, sizeof(x->text), "%s", kv->key);
    x->line = kv->line;
    char tmp[256];
    snprintf(tmp, sizeof(tmp), "%s", kv->key);
    char *tok[8];
    int n = 0;
    char *save = NULL;
    for (char *t = strtok_r(tmp, " \t", &save); t && n < 8; t = strtok_r(NULL, " \t", &save))
        tok[n++] = t;
    if (n == 1) {
        if (strcmp(tok[0], "conservation") && strcmp(tok[0], "no_mismatch") && strcmp(tok[0], "wire_errors"))
            BAD(kv->line, "expect '%s': a lone word must be conservation, wire_errors or no_mismatch", tok[0]);
        snprintf(x->metric, sizeof(x->metric), "%s", tok[0]);
        x->op = VNIC_OP_TRUE;
        return 0;
    }
    if (n < 3)
        BAD(kv->line, "expect '%s': expected METRIC OP VALUE, METRIC ~ VALUE +-P%%, METRIC stable P%%", kv->key);
    snprintf(x->metric, sizeof(x->metric), "%s", tok[0]);
    static const struct {
        const char *s;
        enum vnic_scn_op op;
    } ops[] = {{"<", VNIC_OP_LT}, {"<=", VNIC_OP_LE}, {">", VNIC_OP_GT},          {">=", VNIC_OP_GE},
               {"==", VNIC_OP_EQ}, {"~", VNIC_OP_WITHIN}, {"stable", VNIC_OP_STABLE}};
    unsigned k;
    for (k = 0; k < sizeof(ops) / sizeof(ops[0]); k++)
        if (!strcmp(tok[1], ops[k].s))
            break;
    if (k == sizeof(ops) / sizeof(ops[0]))
        BAD(kv->line, "expect: unknown operator '%s' (<, <=, >, >=, ==, ~, stable)", tok[1]);
    x->op = ops[k].op;
    if (x->op == VNIC_OP_STABLE) {
        double p;
        int frac;
        if (n != 3 || parse_rate_raw(tok[2], &p, &frac) || !frac || !strchr(tok[2], '%'))
            BAD(kv->line, "expect: '%s stable P%%' needs a percentage", x->metric);
        x->tol_pct = p * 100.0;
        return 0;
    }
    /* VALUE: number, metric, or number*metric */
    char *star = strchr(tok[2], '*');
    char *num = tok[2], *met = NULL;
    if (star) {
        *star = 0;
        met = star + 1;
    } else if (isalpha((unsigned char)tok[2][0])) {
        num = NULL;
        met = tok[2];
    }
    x->value = 1.0;
    if (num) {
        char *end;
        x->value = strtod(num, &end);
        if (end == num || *end)
            BAD(kv->line, "expect: '%s' is not a number", num);
    }
    if (met)
        snprintf(x->rhs_metric, sizeof(x->rhs_metric), "%s", met);
    if (x->op == VNIC_OP_WITHIN) {
        if (n != 5 || (strcmp(tok[3], "+-") && strcmp(tok[3], "\xc2\xb1")))
            BAD(kv->line, "expect: '%s ~ VALUE +- P%%'", x->metric);
        double p;
        int frac;
        if (parse_rate_raw(tok[4], &p, &frac) || !frac || !strchr(tok[4], '%'))
            BAD(kv->line, "expect: tolerance '%s' must be a percentage", tok[4]);
        x->tol_pct = p * 100.0;
    } else if (n != 3) {
        BAD(kv->line, "expect: trailing words after '%s'", tok[2]);
    }
    return 0;
}

int vnic_scn_build(const struct vnic_scn_text *t, struct vnic_scn *o, char *err, size_t errlen)
{
    struct ctx cc = {t, err, errlen}, *c = &cc;
    memset(o, 0, sizeof(*o));
    snprintf(o->path, sizeof(o->path), "%s", t->path);
    struct vnic_scn_text *tm = (struct vnic_scn_text *)t; /* find_sec does not modify */
    if (build_device(c, find_sec(tm, "device", ""), o) || build_host(c, find_sec(tm, "host", ""), o) ||
        build_run(c, find_sec(tm, "run", ""), o))
        return -1;
    unsigned ord = 0;
    for (size_t i = 0; i < t->nsec; i++) {
        if (strcmp(t->sec[i].kind, "vnic"))
            continue;
        if (o->nvnic == o->dev.num_vnic || o->nvnic == VNIC_SCN_MAX_VNIC)
            BAD(t->sec[i].line, "more [vnic] sections than num_vnic = %u", o->dev.num_vnic);
        if (build_vnic(c, &t->sec[i], o, ord++))
            return -1;
    }
    if (o->nvnic == 0) {
        errf(err, errlen, "%s: no [vnic NAME] section: a scenario needs at least one vNIC", t->path);
        return -1;
    }
    for (size_t i = 0; i < t->nsec; i++) {
        if (strcmp(t->sec[i].kind, "stream"))
            continue;
        if (o->nstream == VNIC_GEN_MAX_STREAMS)
            BAD(t->sec[i].line, "at most %u streams", VNIC_GEN_MAX_STREAMS);
        if (build_stream(c, &t->sec[i], o))
            return -1;
    }
    /* default vNIC */
    struct vnic_scn_section *dev = find_sec(tm, "device", "");
    char buf[128];
    unsigned line = dev ? dev->line : 0;
    int rc = 0;
    const char *val = get(c, dev, "def_vnic", &line, buf, sizeof(buf), &rc);
    if (rc)
        return -1;
    if (val && strcmp(val, "none")) {
        const struct vnic_scn_vnic *v = vnic_by_name(o, val);
        if (!v)
            BAD(line, "def_vnic = %s: not a [vnic] name (or none)", val);
        o->dev.def_vnic = (int)v->index;
    }
    /* sweep */
    struct vnic_scn_section *sw = find_sec(tm, "sweep", "");
    if (sw) {
        static const char *const keys[] = {"param", "values", NULL};
        if (known_keys(c, sw, keys))
            return -1;
        const char *p = get(c, sw, "param", &line, buf, sizeof(buf), &rc);
        if (!p || rc)
            BAD(sw->line, "[sweep] needs param = section[.name].key");
        snprintf(o->sweep_param, sizeof(o->sweep_param), "%s", p);
        char vb[2048];
        const char *vals = get(c, sw, "values", &line, vb, sizeof(vb), &rc);
        if (!vals || rc)
            BAD(sw->line, "[sweep] needs values = V1, V2, ... (comma separated)");
        char tmp[2048];
        snprintf(tmp, sizeof(tmp), "%s", vals);
        char *save = NULL;
        for (char *tok = strtok_r(tmp, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
            if (o->nsweep == VNIC_SCN_MAX_SWEEP)
                BAD(line, "at most %u sweep values", VNIC_SCN_MAX_SWEEP);
            snprintf(o->sweep_value[o->nsweep++], sizeof(o->sweep_value[0]), "%s", trim(tok));
        }
        if (!o->nsweep)
            BAD(line, "[sweep] values is empty");
    }
    struct vnic_scn_section *ex = find_sec(tm, "expect", "");
    if (ex)
        for (size_t i = 0; i < ex->nkv; i++) {
            if (o->nexpect == VNIC_SCN_MAX_EXPECT)
                BAD(ex->kv[i].line, "at most %u expectations", VNIC_SCN_MAX_EXPECT);
            if (parse_expect(c, &ex->kv[i], &o->expect[o->nexpect]))
                return -1;
            o->nexpect++;
        }
    return 0;
}

/* ---------------------------------------------------------------- print */
static void fmt_rate(char *out, size_t n, double gbps)
{
    if (gbps <= 0)
        snprintf(out, n, "none");
    else
        snprintf(out, n, "%.3g Gb/s", gbps);
}

void vnic_scn_print(const struct vnic_scn *s, FILE *f)
{
    fprintf(f, "# scenario %s\n", s->path);
    fprintf(f, "# device: num_vnic=%u data_w=%u (W=%u, link %.2f Gb/s) rx_buf=%u tx_buf=%u rx_fifo=%u "
               "max_frame=%u (param %u) def_vnic=%d\n",
            s->dev.num_vnic, s->dev.data_w, vnic_scn_w(s), vnic_scn_link_bps(s) / 1e9, s->dev.rx_buf, s->dev.tx_buf,
            s->dev.rx_fifo, s->dev.max_frame, s->dev.max_frame_param, s->dev.def_vnic);
    char sv[32];
    fmt_rate(sv, sizeof(sv), s->host.service_bpc * 1.25);
    if (s->host.service_bpc <= 0)
        snprintf(sv, sizeof(sv), "unlimited");
    fprintf(f, "# host: device path %u B/cycle%s, latency %u cycles, outstanding %u%s; VM service (all VMs) %s, "
               "cost %u cycles/frame, poll every %u cycles\n",
            s->host.bpc ? s->host.bpc : vnic_scn_w(s), s->host.bpc ? "" : " (=W)", s->host.latency,
            s->host.outstanding, s->host.outstanding ? "" : " (model default)", sv, s->host.cost, s->host.poll);
    fprintf(f, "# run: %llu cycles (rates measured after %llu), %s frames, drain up to %llu cycles\n",
            (unsigned long long)s->cycles, (unsigned long long)s->warmup,
            s->frames ? "at most" : "no limit on", (unsigned long long)s->drain);
    if (s->frames)
        fprintf(f, "#      frame limit %llu\n", (unsigned long long)s->frames);
    for (unsigned i = 0; i < s->nvnic; i++) {
        const struct vnic_scn_vnic *v = &s->vnic[i];
        char g[32], ce[32], svc[32], mac[18];
        fmt_rate(g, sizeof(g), v->guar_gbps);
        fmt_rate(ce, sizeof(ce), v->ceil_gbps);
        if (v->service_bpc > 0)
            fmt_rate(svc, sizeof(svc), v->service_bpc * 1.25);
        else
            snprintf(svc, sizeof(svc), "unlimited");
        if (v->mac_src == VNIC_SCN_MAC_PCAP)
            snprintf(mac, sizeof(mac), "pcap:%u", v->mac_rank);
        else
            vnic_mac_format(v->spec.mac, mac);
        fprintf(f, "# vnic %-8s #%u %s mac=%s%s%s guarantee=%s ceiling=%s%s%s weight=%u ring=%u buf=%u "
                   "memory=%lluK service=%s\n",
                v->name, v->index, v->enabled ? "on " : "off", mac, (v->spec.flags & VNIC_QOS_BCAST) ? " bcast" : "",
                (v->spec.flags & VNIC_QOS_MCAST) ? " mcast" : "", g, ce,
                (v->spec.flags & VNIC_QOS_NO_POLICER) ? " (DMA only)" : "",
                (v->spec.flags & VNIC_QOS_NO_DMA_CEIL) ? " (policer only)" : "", v->spec.weight ? v->spec.weight : 1,
                1u << v->ring_log2, v->buf_size, (unsigned long long)(v->mem_size >> 10), svc);
        if (v->tuple[0])
            fprintf(f, "#      qos tuple: %s\n", v->tuple);
    }
    for (unsigned i = 0; i < s->nstream; i++) {
        const struct vnic_scn_stream *st = &s->stream[i];
        const struct vnic_gen_stream_cfg *g = &st->g;
        char rate[48], size[32];
        if (g->rate_kind == VNIC_GEN_RATE_GBPS)
            snprintf(rate, sizeof(rate), "%.4g Gb/s", g->rate);
        else
            snprintf(rate, sizeof(rate), "%.4g of the physical limit", g->rate);
        if (g->size_kind == VNIC_GEN_SIZE_IMIX)
            snprintf(size, sizeof(size), "imix 7:4:1 64/594/1518");
        else if (g->size_kind == VNIC_GEN_SIZE_UNIFORM)
            snprintf(size, sizeof(size), "uniform %u-%u", g->size_min, g->size_max);
        else
            snprintf(size, sizeof(size), "%u", g->size_min);
        fprintf(f, "# stream %-8s %s rate %s", st->name, st->enabled ? "on " : "off", rate);
        if (st->pcap[0]) {
            fprintf(f, " replay %s%s loops=%u\n", st->pcap, st->pcap_raw ? " (raw)" : " (padded, FCS added)",
                    st->pcap_loops ? st->pcap_loops : 1);
            continue;
        }
        fprintf(f, " size %s dst", size);
        for (unsigned d = 0; d < g->ndest; d++) {
            const struct vnic_gen_dest *ds = &g->dest[d];
            if (ds->kind == VNIC_GEN_DEST_MAC) {
                char m[18];
                fprintf(f, " %s*%u", vnic_mac_format(ds->mac, m), ds->weight);
            } else {
                fprintf(f, " %s*%u", vnic_gen_dest_name(ds->kind), ds->weight);
            }
        }
        if (g->off_cycles)
            fprintf(f, " burst %llu/%llu%s", (unsigned long long)g->on_cycles, (unsigned long long)g->off_cycles,
                    g->burst_random ? " random" : "");
        int anyerr = 0;
        for (unsigned k = 1; k < VNIC_GEN_ERR_KINDS; k++)
            if (g->err_prob[k] > 0) {
                fprintf(f, "%s%s:%g", anyerr ? " " : " errors ", vnic_gen_err_name((enum vnic_gen_err)k),
                        g->err_prob[k]);
                anyerr = 1;
            }
        if (g->vlan)
            fprintf(f, " vlan %u/%u", g->vlan_tci & 0xfff, g->vlan_tci >> 13);
        fprintf(f, "\n");
    }
    if (s->nsweep) {
        fprintf(f, "# sweep %s:", s->sweep_param);
        for (unsigned i = 0; i < s->nsweep; i++)
            fprintf(f, "%s %s", i ? "," : "", s->sweep_value[i]);
        fprintf(f, "\n");
    }
    for (unsigned i = 0; i < s->nexpect; i++)
        fprintf(f, "# expect %s\n", s->expect[i].text);
}

int vnic_scn_finish(struct vnic_scn *s, const uint8_t (*top)[6], unsigned ntop, char *err, size_t errlen)
{
    for (unsigned i = 0; i < s->nvnic; i++) {
        struct vnic_scn_vnic *v = &s->vnic[i];
        if (v->mac_src != VNIC_SCN_MAC_PCAP)
            continue;
        if (v->mac_rank >= ntop) {
            errf(err, errlen, "%s: [vnic %s] mac = pcap:%u, but the captures have only %u unicast destinations",
                 s->path, v->name, v->mac_rank, ntop);
            return -1;
        }
        memcpy(v->spec.mac, top[v->mac_rank], 6);
    }
    for (unsigned i = 0; i < s->nvnic; i++)
        for (unsigned j = 0; j < i; j++)
            if (!memcmp(s->vnic[i].spec.mac, s->vnic[j].spec.mac, 6) && s->vnic[i].enabled && s->vnic[j].enabled) {
                char m[18];
                errf(err, errlen, "%s: [vnic %s] and [vnic %s] have the same MAC %s", s->path, s->vnic[j].name,
                     s->vnic[i].name, vnic_mac_format(s->vnic[i].spec.mac, m));
                return -1;
            }
    for (unsigned k = 0; k < s->nstream; k++) {
        struct vnic_scn_stream *st = &s->stream[k];
        for (unsigned d = 0; d < st->g.ndest; d++)
            if (st->dest_vnic[d] >= 0)
                memcpy(st->g.dest[d].mac, s->vnic[st->dest_vnic[d]].spec.mac, 6);
        /* a VM sends from its own address unless told otherwise */
        if (st->from >= 0 && !st->g.src_set) {
            memcpy(st->g.src_mac, s->vnic[st->from].spec.mac, 6);
            st->g.src_set = 1;
        }
    }
    return 0;
}
