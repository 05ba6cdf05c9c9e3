// tx_glue.cpp: the C++ glue of one TX block test: copies the pins listed in
// the test's I/O header (DUT_IO) to and from the Verilated class (DUT_TOP).
#include "tx_glue.h"

#include <cstdint>
#include <memory>
#include <new>

#include "verilated.h"
#include DUT_HDR
#include DUT_IO
#if VM_TRACE_FST
#include "verilated_fst_c.h"
#endif

namespace {

template <typename T>
inline void put(T &sig, uint64_t v) { sig = (T)v; }
template <typename T>
inline void get(const T &sig, uint64_t &v) { v = (uint64_t)sig; }
template <typename T>
inline void putw(T &sig, const uint32_t *w, unsigned bits) {
    uint64_t v = w[0];
    if (bits > 32) v |= (uint64_t)w[1] << 32;
    sig = (T)v;
}
template <std::size_t N>
inline void putw(VlWide<N> &sig, const uint32_t *w, unsigned) {
    for (std::size_t i = 0; i < N; i++) sig[i] = w[i];
}
template <typename T>
inline void getw(const T &sig, uint32_t *w, unsigned bits) {
    uint64_t v = (uint64_t)sig;
    w[0] = (uint32_t)v;
    if (bits > 32) w[1] = (uint32_t)(v >> 32);
}
template <std::size_t N>
inline void getw(const VlWide<N> &sig, uint32_t *w, unsigned) {
    for (std::size_t i = 0; i < N; i++) w[i] = sig[i];
}

}  // namespace

struct dut {
    std::unique_ptr<VerilatedContext> ctx;
    std::unique_ptr<DUT_TOP> top;
#if VM_TRACE_FST
    std::unique_ptr<VerilatedFstC> fst;
#endif
    uint64_t half;
};

extern "C" struct dut *dut_new(void) {
    dut *d = new (std::nothrow) dut();
    if (!d) return nullptr;
    d->ctx.reset(new VerilatedContext);
    d->ctx->traceEverOn(VM_TRACE_FST ? true : false);
    d->top.reset(new DUT_TOP(d->ctx.get(), "dut"));
    d->half = 0;
    d->top->clk = 0;
    d->top->rst = 1;
    d->top->eval();
    return d;
}

extern "C" void dut_free(struct dut *d) {
    if (!d) return;
#if VM_TRACE_FST
    if (d->fst) d->fst->close();
#endif
    d->top->final();
    delete d;
}

extern "C" int dut_trace_open(struct dut *d, const char *path) {
#if VM_TRACE_FST
    d->fst.reset(new VerilatedFstC);
    d->top->trace(d->fst.get(), 99);
    d->fst->open(path);
    return d->fst->isOpen() ? 0 : -1;
#else
    (void)d;
    (void)path;
    return -1;
#endif
}

extern "C" void dut_eval(struct dut *d, struct dut_pins *p) {
#define PUT_S(n) put(d->top->n, p->n);
#define PUT_W(n, bits) putw(d->top->n, p->n, bits);
#define GET_S(n) get(d->top->n, p->n);
#define GET_W(n, bits) getw(d->top->n, p->n, bits);
    DUT_IN(PUT_S, PUT_W)
    d->top->clk = 0;
    d->top->eval();
#if VM_TRACE_FST
    if (d->fst) d->fst->dump(d->half * 3200);
#endif
    d->half++;
    DUT_OUT(GET_S, GET_W)
}

extern "C" void dut_tick(struct dut *d) {
    d->top->clk = 1;
    d->top->eval();
#if VM_TRACE_FST
    if (d->fst) d->fst->dump(d->half * 3200);
#endif
    d->half++;
}
