# cmodel/cmodel.mk: the golden model (a static library), its Check unit tests
# and its speed benchmark. Included by the top-level Makefile with the
# repository root as the current directory; everything is built under
# $(BUILD)/cmodel/. docs/model.md describes the model.
#
# For other code (exported):
#   CMODEL_LIB     $(BUILD)/cmodel/libvnicmodel.a
#   CMODEL_CFLAGS  -I flags for vnic_model.h / vnic_trace.h / vnic_defs.h
#   CMODEL_LIBS    zlib: not needed by the library itself (its FCS code is
#                  vnic_crc.c) but by its tests, the FCS oracle, and kept
#                  here for the programs that check frames with it
# e.g.  $(CC) $(CFLAGS) $(CMODEL_CFLAGS) prog.c $(CMODEL_LIB) $(CMODEL_LIBS) -o prog

CMODEL_B      := $(BUILD)/cmodel
CMODEL_SRCS   := $(filter-out %_main.c,$(wildcard cmodel/*.c))
CMODEL_OBJS   := $(patsubst cmodel/%.c,$(CMODEL_B)/%.o,$(CMODEL_SRCS))
CMODEL_LIB    := $(CMODEL_B)/libvnicmodel.a
CMODEL_CFLAGS := -Icmodel -Isw/include
CMODEL_LIBS    = $(ZLIB_LIBS)
CMODEL_CCF     = $(CFLAGS) $(CPPFLAGS) $(CMODEL_CFLAGS) $(ZLIB_CFLAGS)

$(CMODEL_B)/%.o: cmodel/%.c $(REGS_H) | $(BOOTSTRAP)
	@mkdir -p $(@D)
	$(CC) $(CMODEL_CCF) -MMD -MP -c $< -o $@

$(CMODEL_LIB): $(CMODEL_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

# ---------------------------------------------------------------- unit tests
CMODEL_TESTS     := $(patsubst cmodel/tests/%.c,%,$(wildcard cmodel/tests/test_*.c))
CMODEL_TEST_BINS := $(patsubst %,$(CMODEL_B)/tests/%,$(CMODEL_TESTS))
CMODEL_TUTIL     := $(CMODEL_B)/tests/tutil.o

$(CMODEL_TUTIL): cmodel/tests/tutil.c cmodel/tests/tutil.h $(REGS_H) | $(BOOTSTRAP)
	@mkdir -p $(@D)
	$(CC) $(CMODEL_CCF) $(CHECK_CFLAGS) -MMD -MP -c $< -o $@

$(CMODEL_B)/tests/%: cmodel/tests/%.c cmodel/tests/tutil.h $(CMODEL_TUTIL) $(CMODEL_LIB) | $(BOOTSTRAP)
	@mkdir -p $(@D)
	$(CC) $(CMODEL_CCF) $(CHECK_CFLAGS) -Icmodel/tests $< $(CMODEL_TUTIL) $(CMODEL_LIB) \
	    $(CMODEL_LIBS) $(CHECK_LIBS) -o $@

TEST_BINS += $(CMODEL_TEST_BINS)

# ---------------------------------------------------------------- benchmark
CMODEL_BENCH := $(CMODEL_B)/vnic_model_bench

$(CMODEL_BENCH): cmodel/bench/vnic_model_bench.c $(CMODEL_LIB) | $(BOOTSTRAP)
	@mkdir -p $(@D)
	$(CC) $(CMODEL_CCF) $< $(CMODEL_LIB) $(CMODEL_LIBS) -o $@

BENCH_CMDS += cmodel-bench
.PHONY: cmodel-bench
cmodel-bench: $(CMODEL_BENCH)
	@mkdir -p $(BUILD)/bench
	$(CMODEL_BENCH) --out $(BUILD)/bench/model.txt
	@{ echo "# Golden-model speed"; echo; \
	   echo "Written by \`make cmodel-bench\` (part of \`make bench\`); do not edit."; echo; \
	   echo "Command: \`$(CMODEL_BENCH) --out $(BUILD)/bench/model.txt\`"; echo; \
	   echo "Host: $$(uname -m), $$(nproc) cores, $$(date -u +%Y-%m-%d)"; echo; \
	   echo '```'; cat $(BUILD)/bench/model.txt; echo '```'; } > docs/bench-model.md
	@echo "cmodel-bench: wrote docs/bench-model.md"

-include $(CMODEL_OBJS:.o=.d) $(CMODEL_TUTIL:.o=.d)
