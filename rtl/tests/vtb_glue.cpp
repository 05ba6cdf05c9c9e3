// vtb_glue.cpp: the C++ glue of a directed block test: owns the Verilated
// module VTOP (from -DVTOP, header -DVTOP_H) and copies the pins listed in
// VTB_PINS (from -DVTB_PINS_H) between it and the C struct vtb_pins.
#include VTOP_H
#include "verilated.h"

#include VTB_PINS_H
#include "vtb.h"

struct vtb {
    VerilatedContext *ctx;
    VTOP *top;
};

double sc_time_stamp() { return 0; }

extern "C" struct vtb *vtb_new(void)
{
    struct vtb *t = new vtb;
    t->ctx = new VerilatedContext;
    t->top = new VTOP(t->ctx, "top");
    t->top->clk = 0;
    t->top->eval();
    return t;
}

extern "C" void vtb_free(struct vtb *t)
{
    t->top->final();
    delete t->top;
    delete t->ctx;
    delete t;
}

#define VTB_SET(n) t->top->n = p->n;
#define VTB_GET(n) p->n = (uint64_t)t->top->n;
#define VTB_NONE(n)

extern "C" void vtb_eval(struct vtb *t, struct vtb_pins *p)
{
    VTB_PINS(VTB_SET, VTB_NONE)
    t->top->clk = 0;
    t->top->eval();
    VTB_PINS(VTB_NONE, VTB_GET)
}

extern "C" void vtb_cycle(struct vtb *t, struct vtb_pins *p)
{
    vtb_eval(t, p);
    t->top->clk = 1;
    t->top->eval();
    t->ctx->timeInc(1);
}
