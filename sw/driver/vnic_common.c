/* vnic_common.c: codes, messages, counter names, MAC and rate helpers. */
#include "vnic_common.h"
#include "vnic_pf.h"

#include <stdio.h>

const char *vnic_rc_str(int rc)
{
    switch (rc) {
    case VNIC_OK: return "ok";
    case VNIC_E_ARG: return "invalid argument";
    case VNIC_E_DEVICE: return "not a supported vNIC device";
    case VNIC_E_EXISTS: return "vNIC existence";
    case VNIC_E_RATE: return "rate refused";
    case VNIC_E_PART: return "partition refused";
    case VNIC_E_WIN: return "DMA window refused";
    case VNIC_E_MAC: return "MAC address refused";
    case VNIC_E_REFUSED: return "refused by the device";
    case VNIC_E_TIMEOUT: return "device time-out";
    case VNIC_E_MEM: return "memory not accessible";
    case VNIC_E_NOMEM: return "out of memory";
    case VNIC_E_STATE: return "wrong state";
    default: return "unknown error";
    }
}

const char *vnic_cmd_op_str(unsigned op)
{
    switch (op) {
    case VNIC_CMD_OP_LOAD: return "LOAD";
    case VNIC_CMD_OP_COMMIT: return "COMMIT";
    case VNIC_CMD_OP_RESET: return "RESET";
    case VNIC_CMD_OP_CLEAR_STATS: return "CLEAR_STATS";
    default: return "unknown command";
    }
}

static const char *const cmd_err_name[] = {
    "OK", "BAD_VNIC", "RX_OVERLAP", "TX_OVERLAP", "RANGE", "RATE",
    "WIN_OVERLAP", "NOT_QUIESCED", "BAD_OP", "BUSY", "MAC_DUP",
};

static const char *const cmd_err_text[] = {
    "accepted",
    "the selected vNIC does not exist on this device (VSEL >= NUM_VNIC)",
    "the RX partition overlaps another enabled vNIC's RX partition; "
    "choose a free range of the RX buffer",
    "the TX partition overlaps another enabled vNIC's TX partition; "
    "choose a free range of the TX buffer",
    "a value is out of range: partitions must be multiples of 64 inside the buffer and hold "
    "one maximum frame, weights 1..255, windows 4 KiB aligned and not wrapping",
    "impossible rates: burst below 64 bytes, guarantee above the ceiling, or the sum of "
    "guarantees above the link",
    "two DMA windows of this vNIC overlap in guest address space",
    "the partition of an enabled vNIC cannot change while it holds frames; "
    "disable it and wait for RX_USED and TX_USED to reach 0, or reset it",
    "unknown command opcode",
    "a command was still running; retry when CMD_STATUS.busy is clear",
    "another enabled vNIC already has this MAC address",
};

const char *vnic_cmd_err_name(unsigned err)
{
    return err < sizeof(cmd_err_name) / sizeof(cmd_err_name[0]) ? cmd_err_name[err] : "UNKNOWN";
}

const char *vnic_cmd_err_str(unsigned err)
{
    return err < sizeof(cmd_err_text) / sizeof(cmd_err_text[0])
               ? cmd_err_text[err]
               : "unknown CMD_STATUS error code (device newer than this driver?)";
}

static const char *const fault_name[] = {
    "NONE", "RX_DESC_ADDR", "RX_BUF_ADDR", "TX_DESC_ADDR", "TX_BUF_ADDR",
    "RX_AXI_ERR", "TX_AXI_ERR", "BAD_TAIL",
};

static const char *const fault_text[] = {
    "no fault",
    "an RX descriptor read or write-back fell outside the vNIC's DMA windows",
    "an RX buffer lies outside the vNIC's DMA windows",
    "a TX descriptor read or write-back fell outside the vNIC's DMA windows",
    "a TX buffer lies outside the vNIC's DMA windows",
    "host memory answered an RX transfer with SLVERR/DECERR",
    "host memory answered a TX transfer with SLVERR/DECERR",
    "a ring TAIL beyond the ring size, or a ring base not 16-byte aligned",
};

const char *vnic_fault_name(unsigned reason)
{
    return reason < sizeof(fault_name) / sizeof(fault_name[0]) ? fault_name[reason] : "UNKNOWN";
}

const char *vnic_fault_str(unsigned reason)
{
    return reason < sizeof(fault_text) / sizeof(fault_text[0]) ? fault_text[reason]
                                                               : "unknown fault reason";
}

#define X_NAME(name, off) #name,
static const char *const vstat_names[] = {VNIC_VF_STAT_COUNTERS(X_NAME)};
static const char *const gstat_names[] = {VNIC_PF_GSTAT_COUNTERS(X_NAME)};
#undef X_NAME

const char *vnic_vstat_name(unsigned idx)
{
    return idx < VNIC_VSTAT_COUNT ? vstat_names[idx] : "?";
}

const char *vnic_gstat_name(unsigned idx)
{
    return idx < VNIC_GSTAT_COUNT ? gstat_names[idx] : "?";
}

/* ---------------------------------------------------------------- MAC */
void vnic_mac_to_regs(const uint8_t mac[6], uint32_t *hi, uint32_t *lo)
{
    *hi = (uint32_t)mac[0] << 8 | mac[1];
    *lo = (uint32_t)mac[2] << 24 | (uint32_t)mac[3] << 16 | (uint32_t)mac[4] << 8 | mac[5];
}

void vnic_mac_from_regs(uint32_t hi, uint32_t lo, uint8_t mac[6])
{
    mac[0] = (uint8_t)(hi >> 8);
    mac[1] = (uint8_t)hi;
    mac[2] = (uint8_t)(lo >> 24);
    mac[3] = (uint8_t)(lo >> 16);
    mac[4] = (uint8_t)(lo >> 8);
    mac[5] = (uint8_t)lo;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int vnic_mac_parse(const char *s, uint8_t mac[6])
{
    for (int i = 0; i < 6; i++) {
        int h = hexval(s[0]), l = h < 0 ? -1 : hexval(s[1]);
        if (h < 0 || l < 0)
            return -1;
        mac[i] = (uint8_t)(h << 4 | l);
        s += 2;
        if (i < 5) {
            if (*s != ':' && *s != '-')
                return -1;
            s++;
        }
    }
    return *s == '\0' ? 0 : -1;
}

char *vnic_mac_format(const uint8_t mac[6], char out[18])
{
    snprintf(out, 18, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3], mac[4],
             mac[5]);
    return out;
}

/* ---------------------------------------------------------------- rates
 * reg = round(bps / (8 * clk_hz) * 2^24), computed without overflow by
 * splitting bps into the integer and fractional bytes-per-cycle parts. */
uint32_t vnic_rate_bps_to_reg(uint64_t bps, uint64_t clk_hz)
{
    if (clk_hz == 0)
        return 0;
    uint64_t div = 8 * clk_hz;
    uint64_t q = bps / div, r = bps % div;
    if (q >= 256)
        return 0xffffffffu;
    /* exact integer path while r << 24 fits in 64 bits (clk_hz < 2^36) */
    uint64_t frac;
    if (div < (1ULL << 39)) {
        frac = ((r << 24) + div / 2) / div;
    } else {
        long double f = (long double)r * 16777216.0L / (long double)div;
        frac = (uint64_t)(f + 0.5L);
    }
    uint64_t reg = (q << 24) + frac;
    return reg > 0xffffffffu ? 0xffffffffu : (uint32_t)reg;
}

uint64_t vnic_rate_reg_to_bps(uint32_t reg, uint64_t clk_hz)
{
    uint64_t div = 8 * clk_hz;
    uint64_t ip = reg >> 24, fp = reg & 0xffffffu;
    if (div < (1ULL << 39))
        return ip * div + ((fp * div + (1u << 23)) >> 24);
    return ip * div + (uint64_t)((long double)fp * (long double)div / 16777216.0L + 0.5L);
}

uint32_t vnic_rate_mbps_to_reg(double mbps, uint64_t clk_hz)
{
    if (!(mbps > 0))
        return 0;
    if (mbps > 1.8e13)
        return 0xffffffffu;
    return vnic_rate_bps_to_reg((uint64_t)(mbps * 1e6 + 0.5), clk_hz);
}

double vnic_rate_reg_to_mbps(uint32_t reg, uint64_t clk_hz)
{
    return (double)reg / 16777216.0 * 8.0 * (double)clk_hz / 1e6;
}
