/* tx_glue.h: C view of one Verilated TX block for the directed tests.
 *
 * Each test links exactly one Verilated module. Its pins are listed in the
 * test's I/O header as two X-macro lists, DUT_IN(S, W) and DUT_OUT(S, W):
 * S(name) is a port of at most 64 bits, W(name, bits) a wider one (an array
 * of 32-bit words, bit 0 of word 0 is bit 0 of the port). tx_glue.cpp, the
 * only C++ of a test, copies the pins to and from the Verilated class.
 *
 * One clock cycle is dut_eval() then dut_tick(): dut_eval() applies the
 * inputs with the clock low and samples the outputs (the values this cycle's
 * handshakes are decided on), dut_tick() is the rising edge.
 */
#ifndef TX_GLUE_H
#define TX_GLUE_H

#include <stdint.h>

#define TXG_WORDS(bits) (((bits) + 31) / 32)
#define TXG_FIELD_S(name) uint64_t name;
#define TXG_FIELD_W(name, bits) uint32_t name[TXG_WORDS(bits)];

#ifdef __cplusplus
extern "C" {
#endif

struct dut;
struct dut_pins;

/* A new device with rst = 1 and the clock low; NULL when out of memory. */
struct dut *dut_new(void);
void dut_free(struct dut *d);
/* Apply the inputs of p with the clock low and sample the outputs into p. */
void dut_eval(struct dut *d, struct dut_pins *p);
/* Rising edge. */
void dut_tick(struct dut *d);
/* Start an FST trace (0), or -1 when the build has no tracing. */
int dut_trace_open(struct dut *d, const char *path);

#ifdef __cplusplus
}
#endif

/* Bit helpers for the wide ports. */
static inline uint64_t txg_bits(const uint32_t *w, unsigned lsb, unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v |= (uint64_t)((w[(lsb + i) / 32] >> ((lsb + i) % 32)) & 1u) << i;
    return v;
}

static inline void txg_set(uint32_t *w, unsigned lsb, unsigned n, uint64_t v)
{
    for (unsigned i = 0; i < n; i++) {
        unsigned b = lsb + i;
        w[b / 32] = (w[b / 32] & ~(1u << (b % 32))) | ((uint32_t)((v >> i) & 1u) << (b % 32));
    }
}

#endif
