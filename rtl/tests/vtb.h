/* vtb.h: the C side of a directed block test. A test defines its pin list
 * as an X-macro before including this header:
 *
 *     #define VTB_PINS(IN, OUT) IN(rst) IN(a) OUT(y)
 *     #include "vtb.h"
 *
 * Every pin is a uint64_t (wrappers in rtl/tests/ keep each port <= 64 bits).
 * vtb_glue.cpp, compiled with the same pin list, is the only C++: it owns the
 * Verilated module. Test logic stays in C. */
#ifndef VTB_H
#define VTB_H

#include <stdint.h>
#include <stdio.h>

#define VTB_FIELD(n) uint64_t n;
struct vtb_pins {
    VTB_PINS(VTB_FIELD, VTB_FIELD)
};
#undef VTB_FIELD

#ifdef __cplusplus
extern "C" {
#endif

struct vtb;
struct vtb *vtb_new(void);
void vtb_free(struct vtb *t);
/* Settle the inputs in p with clk low and copy the outputs into p (the
 * values the next rising edge will act on). */
void vtb_eval(struct vtb *t, struct vtb_pins *p);
/* One clock cycle: vtb_eval, then the rising edge. */
void vtb_cycle(struct vtb *t, struct vtb_pins *p);

#ifdef __cplusplus
}
#endif

/* ---------------------------------------------------------------- checks */
struct vtb_result {
    unsigned passed, failed, shown;
};

#define VTB_CHECK(r, cond, ...)                                                 \
    do {                                                                       \
        if (cond) {                                                            \
            (r)->passed++;                                                     \
        } else {                                                               \
            (r)->failed++;                                                     \
            if ((r)->shown++ < 20) {                                           \
                fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);           \
                fprintf(stderr, __VA_ARGS__);                                  \
                fputc('\n', stderr);                                           \
            }                                                                  \
        }                                                                      \
    } while (0)

/* The summary line every test ends with; the exit status. */
static inline int vtb_summary(const char *name, const struct vtb_result *r)
{
    printf("%s: %u checks\n", name, r->passed + r->failed);
    printf("%u passed, %u failed\n", r->failed ? 0u : 1u, r->failed ? 1u : 0u);
    return r->failed ? 1 : 0;
}

#endif
