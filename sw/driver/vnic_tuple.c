/* vnic_tuple.c: parser for the paper's resource-tuple notation (Table 1) and
 * its mapping onto a vNIC QoS specification. */
#include "vnic_tuple.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define NET_TUPLE "network_resource_descriptor_tuple"

static int ci_cmp(const char *a, const char *b)
{
    while (*a && tolower((unsigned char)*a) == tolower((unsigned char)*b)) {
        a++;
        b++;
    }
    return tolower((unsigned char)*a) - tolower((unsigned char)*b);
}

struct lex {
    const char *s;
    size_t i;
    unsigned line, col;
    char *err;
    size_t errlen;
};

static int lerr(struct lex *lx, unsigned line, unsigned col, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    snprintf(lx->err, lx->errlen, "line %u, column %u: %s", line, col, msg);
    return -1;
}

static char peek(const struct lex *lx)
{
    return lx->s[lx->i];
}

static char next(struct lex *lx)
{
    char c = lx->s[lx->i];
    if (c == '\0')
        return c;
    lx->i++;
    if (c == '\n') {
        lx->line++;
        lx->col = 1;
    } else {
        lx->col++;
    }
    return c;
}

static void skip_ws(struct lex *lx)
{
    while (peek(lx) && isspace((unsigned char)peek(lx)))
        next(lx);
}

/* ---------------------------------------------------------------- values */
/* Parses "<number><unit>" at s; returns characters used, 0 when invalid.
 * *what tells what was wrong. */
static size_t parse_rate(const char *s, uint64_t *bps, const char **what)
{
    size_t i = 0;
    uint64_t ip = 0, frac = 0, fscale = 1;
    int digits = 0;
    *what = "a number is expected (e.g. 1000Mbps)";
    while (isdigit((unsigned char)s[i])) {
        unsigned dgt = (unsigned)(s[i] - '0');
        if (ip > (UINT64_MAX - dgt) / 10) {
            *what = "number too large";
            return 0;
        }
        ip = ip * 10 + dgt;
        i++;
        digits++;
    }
    if (s[i] == '.') {
        i++;
        while (isdigit((unsigned char)s[i])) {
            if (fscale < 1000000000ULL) {
                frac = frac * 10 + (uint64_t)(s[i] - '0');
                fscale *= 10;
            }
            i++;
            digits++;
        }
    }
    if (!digits)
        return 0;
    /* unit: [kmgt]? (b|B) ps */
    uint64_t mult = 1;
    size_t u = i;
    switch (tolower((unsigned char)s[u])) {
    case 'k': mult = 1000ULL; u++; break;
    case 'm': mult = 1000000ULL; u++; break;
    case 'g': mult = 1000000000ULL; u++; break;
    case 't': mult = 1000000000000ULL; u++; break;
    default: break;
    }
    int bytes;
    if (s[u] == 'b')
        bytes = 0;
    else if (s[u] == 'B')
        bytes = 1;
    else {
        *what = "a unit is expected after the number: bps, Kbps, Mbps, Gbps (bits/s) or Bps, "
                "KBps, MBps, GBps (bytes/s)";
        return 0;
    }
    u++;
    if (tolower((unsigned char)s[u]) != 'p' || tolower((unsigned char)s[u + 1]) != 's' ||
        isalnum((unsigned char)s[u + 2])) {
        *what = "unknown unit: use bps, Kbps, Mbps, Gbps (bits/s) or Bps, KBps, MBps, GBps "
                "(bytes/s)";
        return 0;
    }
    u += 2;
    uint64_t scale = mult * (bytes ? 8u : 1u);
    if (ip > UINT64_MAX / scale) {
        *what = "rate too large";
        return 0;
    }
    uint64_t v = ip * scale;
    /* fraction: frac / fscale * scale, rounded; scale <= 8e12, frac < 1e9 */
    uint64_t fpart;
    if (frac && scale > UINT64_MAX / frac)
        fpart = (uint64_t)((long double)frac * (long double)scale / (long double)fscale + 0.5L);
    else
        fpart = (frac * scale + fscale / 2) / fscale;
    if (v > UINT64_MAX - fpart) {
        *what = "rate too large";
        return 0;
    }
    *bps = v + fpart;
    return u;
}

int vnic_rate_parse(const char *s, uint64_t *bps)
{
    const char *what;
    size_t n = parse_rate(s, bps, &what);
    return n && s[n] == '\0' ? 0 : -1;
}

/* ---------------------------------------------------------------- parser */
static const struct {
    const char *key;
    unsigned bit;
} keys[] = {
    {"default_speed", VNIC_TUP_DEF_SPEED}, {"min_speed", VNIC_TUP_MIN_SPEED},
    {"max_speed", VNIC_TUP_MAX_SPEED},    {"default_bandwidth", VNIC_TUP_DEF_BW},
    {"min_bandwidth", VNIC_TUP_MIN_BW},   {"max_bandwidth", VNIC_TUP_MAX_BW},
};

static uint64_t *slot_of(struct vnic_net_tuple *t, unsigned bit)
{
    switch (bit) {
    case VNIC_TUP_DEF_SPEED: return &t->def_speed;
    case VNIC_TUP_MIN_SPEED: return &t->min_speed;
    case VNIC_TUP_MAX_SPEED: return &t->max_speed;
    case VNIC_TUP_DEF_BW: return &t->def_bw;
    case VNIC_TUP_MIN_BW: return &t->min_bw;
    default: return &t->max_bw;
    }
}

/* One "( key=value : key=value ... )" group of the network tuple; the '('
 * has been consumed. */
static int parse_group(struct lex *lx, struct vnic_net_tuple *t, unsigned gline, unsigned gcol)
{
    for (;;) {
        skip_ws(lx);
        if (peek(lx) == '\0')
            return lerr(lx, gline, gcol, "'(' is never closed by ')'");
        unsigned kl = lx->line, kc = lx->col;
        char key[64];
        size_t n = 0;
        while (isalnum((unsigned char)peek(lx)) || peek(lx) == '_') {
            char c = next(lx);
            if (n < sizeof(key) - 1)
                key[n++] = (char)tolower((unsigned char)c);
        }
        key[n] = '\0';
        if (n == 0)
            return lerr(lx, kl, kc, "an attribute name is expected, found '%c'", peek(lx));
        unsigned bit = 0;
        for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
            if (strcmp(key, keys[k].key) == 0)
                bit = keys[k].bit;
        if (!bit)
            return lerr(lx, kl, kc,
                        "unknown network attribute '%s' (known: Default_Speed, Min_Speed, "
                        "Max_Speed, Default_Bandwidth, Min_Bandwidth, Max_Bandwidth)",
                        key);
        if (t->present & bit)
            return lerr(lx, kl, kc, "attribute '%s' is given twice", key);
        skip_ws(lx);
        if (peek(lx) != '=')
            return lerr(lx, lx->line, lx->col, "'=' expected after '%s'", key);
        next(lx);
        skip_ws(lx);
        unsigned vl = lx->line, vc = lx->col;
        const char *what;
        uint64_t bps;
        size_t used = parse_rate(lx->s + lx->i, &bps, &what);
        if (!used)
            return lerr(lx, vl, vc, "value of '%s': %s", key, what);
        for (size_t k = 0; k < used; k++)
            next(lx);
        *slot_of(t, bit) = bps;
        t->present |= bit;
        skip_ws(lx);
        char c = peek(lx);
        if (c == ':') {
            next(lx);
            continue;
        }
        if (c == ')') {
            next(lx);
            return 0;
        }
        if (c == '\0')
            return lerr(lx, gline, gcol, "'(' is never closed by ')'");
        return lerr(lx, lx->line, lx->col, "':' or ')' expected after the value of '%s', found '%c'",
                    key, c);
    }
}

static int check_triple(struct lex *lx, const struct vnic_net_tuple *t, const char *name,
                        unsigned dbit, unsigned mbit, unsigned xbit, uint64_t def, uint64_t min,
                        uint64_t max)
{
    unsigned p = t->present;
    if ((p & mbit) && (p & xbit) && min > max)
        return lerr(lx, t->line, 1, "Min_%s (%llu b/s) is above Max_%s (%llu b/s)", name,
                    (unsigned long long)min, name, (unsigned long long)max);
    if ((p & dbit) && (p & mbit) && def < min)
        return lerr(lx, t->line, 1, "Default_%s (%llu b/s) is below Min_%s (%llu b/s)", name,
                    (unsigned long long)def, name, (unsigned long long)min);
    if ((p & dbit) && (p & xbit) && def > max)
        return lerr(lx, t->line, 1, "Default_%s (%llu b/s) is above Max_%s (%llu b/s)", name,
                    (unsigned long long)def, name, (unsigned long long)max);
    if ((p & xbit) && max == 0)
        return lerr(lx, t->line, 1, "Max_%s is 0: the VM could never send or receive", name);
    return 0;
}

int vnic_tuple_parse(const char *text, struct vnic_net_tuple *t, char *err, size_t errlen)
{
    struct lex lx = {text, 0, 1, 1, err, errlen};
    memset(t, 0, sizeof(*t));
    int found = 0;
    int in_tuple = 0, is_net = 0;
    unsigned tline = 0, tcol = 0;
    char tname[96] = "";
    if (!text)
        return lerr(&lx, 1, 1, "no text");
    for (;;) {
        skip_ws(&lx);
        char c = peek(&lx);
        if (c == '\0')
            break;
        unsigned l = lx.line, col = lx.col;
        if (c == '<') {
            next(&lx);
            if (peek(&lx) == '/')
                next(&lx);
            char name[96];
            size_t n = 0;
            while (peek(&lx) && peek(&lx) != '>' && peek(&lx) != '\n') {
                char ch = next(&lx);
                if (n < sizeof(name) - 1)
                    name[n++] = ch;
            }
            name[n] = '\0';
            if (peek(&lx) != '>')
                return lerr(&lx, l, col, "tag '<%s' is not closed by '>'", name);
            next(&lx);
            if (ci_cmp(name, "end_of_tuple") == 0) {
                if (!in_tuple)
                    return lerr(&lx, l, col, "</end_of_tuple> without an open tuple");
                if (is_net && t->present == 0)
                    return lerr(&lx, tline, tcol,
                                "the network tuple has no attributes (expected e.g. "
                                "(Default_Bandwidth=..:Min_Bandwidth=..:Max_Bandwidth=..))");
                in_tuple = 0;
                continue;
            }
            if (n < 6 || ci_cmp(name + n - 6, "_tuple") != 0)
                return lerr(&lx, l, col,
                            "unknown tag '<%s>': expected a <..._Resource_Descriptor_tuple> or "
                            "</end_of_tuple>",
                            name);
            if (in_tuple)
                return lerr(&lx, l, col, "tuple '%s' opens inside '%s' (line %u): missing "
                                         "</end_of_tuple>",
                            name, tname, tline);
            in_tuple = 1;
            tline = l;
            tcol = col;
            snprintf(tname, sizeof(tname), "%s", name);
            is_net = ci_cmp(name, NET_TUPLE) == 0;
            if (is_net) {
                if (found)
                    return lerr(&lx, l, col, "a second network tuple (the first is at line %u)",
                                t->line);
                found = 1;
                t->line = l;
            }
            continue;
        }
        if (c == '(' && in_tuple) {
            next(&lx);
            if (is_net) {
                if (parse_group(&lx, t, l, col))
                    return -1;
            } else {
                while (peek(&lx) && peek(&lx) != ')')
                    next(&lx);
                if (!peek(&lx))
                    return lerr(&lx, l, col, "'(' is never closed by ')'");
                next(&lx);
            }
            continue;
        }
        if (in_tuple)
            return lerr(&lx, l, col, "unexpected '%c' inside tuple '%s' (attributes go in "
                                     "parentheses)",
                        c, tname);
        /* text outside any tuple (titles, prose) is skipped */
        while (peek(&lx) && peek(&lx) != '<' && peek(&lx) != '\n')
            next(&lx);
    }
    if (in_tuple)
        return lerr(&lx, tline, tcol, "tuple '%s' is never closed by </end_of_tuple>", tname);
    if (!found)
        return lerr(&lx, lx.line, lx.col,
                    "no </Network_Resource_Descriptor_tuple> in the text");
    if (check_triple(&lx, t, "Bandwidth", VNIC_TUP_DEF_BW, VNIC_TUP_MIN_BW, VNIC_TUP_MAX_BW,
                     t->def_bw, t->min_bw, t->max_bw) ||
        check_triple(&lx, t, "Speed", VNIC_TUP_DEF_SPEED, VNIC_TUP_MIN_SPEED, VNIC_TUP_MAX_SPEED,
                     t->def_speed, t->min_speed, t->max_speed))
        return -1;
    return 0;
}

/* ---------------------------------------------------------------- mapping */
int vnic_tuple_to_qos(const struct vnic_net_tuple *t, uint64_t link_bps,
                      struct vnic_qos_spec *spec, char *err, size_t errlen)
{
    if (link_bps == 0) {
        snprintf(err, errlen, "link rate is 0");
        return -1;
    }
    unsigned p = t->present;
    if ((p & VNIC_TUP_MIN_SPEED) && t->min_speed > link_bps) {
        snprintf(err, errlen,
                 "Min_speed %.3f Mb/s exceeds the link (%.3f Mb/s): this device cannot serve the "
                 "VM",
                 (double)t->min_speed / 1e6, (double)link_bps / 1e6);
        return -1;
    }
    uint64_t guar = (p & VNIC_TUP_MIN_BW) ? t->min_bw : 0;
    uint64_t ceil = (p & VNIC_TUP_MAX_BW) ? t->max_bw : 0;
    if (p & VNIC_TUP_MAX_SPEED)
        ceil = ceil && ceil < t->max_speed ? ceil : t->max_speed;
    if (guar > link_bps) {
        snprintf(err, errlen, "Min_Bandwidth %.3f Mb/s exceeds the link (%.3f Mb/s)",
                 (double)guar / 1e6, (double)link_bps / 1e6);
        return -1;
    }
    if (ceil && guar > ceil) {
        snprintf(err, errlen,
                 "Min_Bandwidth %.3f Mb/s is above the ceiling %.3f Mb/s (Max_Bandwidth capped "
                 "by Max_speed)",
                 (double)guar / 1e6, (double)ceil / 1e6);
        return -1;
    }
    if (ceil >= link_bps)
        ceil = 0; /* a ceiling at or above the link is no ceiling */
    spec->guar_bps = guar;
    spec->ceil_bps = ceil;
    if (p & VNIC_TUP_DEF_BW) {
        uint64_t w;
        if (t->def_bw >= link_bps)
            w = 255;
        else if (t->def_bw <= UINT64_MAX / 255)
            w = (t->def_bw * 255 + link_bps / 2) / link_bps;
        else
            w = (uint64_t)((long double)t->def_bw * 255.0L / (long double)link_bps + 0.5L);
        spec->weight = (unsigned)(w < 1 ? 1 : w > 255 ? 255 : w);
    }
    return 0;
}
