# rtl/rtl.mk: checks of the synthesizable RTL (rtl/): Verilator lint at the
# default and corner configurations, Yosys synthesis with a memory-inference
# check, an Icarus Verilog smoke simulation, and the per-block directed tests
# (rtl/tests/, Verilator + C). Included by the top-level Makefile with the
# repository root as the current directory; outputs under $(BUILD)/rtl/.
#
# rtl/vnic_top.f is the one file list (paths relative to rtl/, as
# `verilator -F` reads them); this fragment derives the Yosys and Icarus
# source lists from it.

RTL_B     := $(BUILD)/rtl
RTL_F     := rtl/vnic_top.f
RTL_VLT   := rtl/vnic.vlt
RTL_SRCS  := $(addprefix rtl/,$(filter %.v,$(shell cat $(RTL_F) 2>/dev/null)))
RTL_DEPS   = $(RTL_SRCS) $(RTL_F) $(RTL_VLT) rtl/vnic_regs.vh rtl/vnic_xlate.vh rtl/rtl.mk

# ---------------------------------------------------------------- Verilator lint
# name:overrides; every configuration must be -Wall clean.
RTL_LINT_CFGS := default v1:-GNUM_VNIC=1 v32:-GNUM_VNIC=32 w128:-GDATA_W=128 w256:-GDATA_W=256 \
                 v32w256:-GNUM_VNIC=32,-GDATA_W=256,-GRX_FIFO_BYTES=65536 win1:-GNUM_WIN=1
rtl_cfg_name = $(word 1,$(subst :, ,$(1)))
rtl_cfg_args = $(subst $(comma), ,$(word 2,$(subst :, ,$(1))))
comma := ,

define rtl_lint_rule
$(RTL_B)/lint/$(call rtl_cfg_name,$(1)).ok: $$(RTL_DEPS) | $$(BOOTSTRAP)
	@mkdir -p $$(@D)
	$$(VERILATOR) --lint-only -Wall -Irtl $$(RTL_VLT) -F $$(RTL_F) --top-module vnic_top \
	    $(call rtl_cfg_args,$(1)) > $$(@D)/$(call rtl_cfg_name,$(1)).log 2>&1 \
	    || { cat $$(@D)/$(call rtl_cfg_name,$(1)).log; exit 1; }
	@echo "rtl lint $(call rtl_cfg_name,$(1)): verilator -Wall clean" && touch $$@
endef
$(foreach c,$(RTL_LINT_CFGS),$(eval $(call rtl_lint_rule,$(c))))
RTL_LINT_OK := $(foreach c,$(RTL_LINT_CFGS),$(RTL_B)/lint/$(call rtl_cfg_name,$(c)).ok)

# ---------------------------------------------------------------- Yosys synthesis
# Coarse synthesis of vnic_top at the default configuration (everything but
# the gate-level mapping of memories, which the FPGA flows do with their own
# block-RAM libraries), `check -assert` (no multiple drivers, no loops), and
# a check that the packet buffers are inferred memories, not flip-flops.
RTL_YS_MEMS := u_rx_mac_if.u_fifo_ram.mem u_rx_copy.u_rx_buf.mem u_rx_copy.u_rx_meta.mem u_rx_copy.u_queue.u_ram.mem
$(RTL_B)/synth/vnic_top.stat: $(RTL_DEPS) | $(BOOTSTRAP)
	@mkdir -p $(@D)
	$(YOSYS) -q -l $(@D)/yosys.log -p "read_verilog -Irtl $(RTL_SRCS); \
	    synth -top vnic_top -flatten -run begin:fine; check -assert; \
	    tee -q -o $(@D)/memories.txt select -list t:\$$mem_v2; tee -q -o $@.tmp stat" \
	    > /dev/null 2>&1 || { tail -30 $(@D)/yosys.log; exit 1; }
	@for m in $(RTL_YS_MEMS); do grep -q "$$m" $(@D)/memories.txt || \
	    { echo "rtl synth: $$m is not an inferred memory (see $(@D)/memories.txt)"; exit 1; }; done
	@mv $@.tmp $@
	@echo "rtl synth: yosys clean; inferred memories: $$(tr '\n' ' ' < $(@D)/memories.txt)"

# ---------------------------------------------------------------- Icarus smoke
RTL_IV_TB := rtl/tests/tb_smoke.v
$(RTL_B)/iverilog/smoke.vvp: $(RTL_DEPS) $(RTL_IV_TB) | $(BOOTSTRAP)
	@mkdir -p $(@D)
	$(IVERILOG) -g2005 -Wall -Irtl -o $@ -s tb_smoke $(RTL_IV_TB) $(RTL_SRCS) 2> $(@D)/iverilog.log \
	    || { cat $(@D)/iverilog.log; exit 1; }

.PHONY: rtl-lint rtl-lint-verilator rtl-synth rtl-iverilog
rtl-lint-verilator: $(RTL_LINT_OK)
rtl-synth: $(RTL_B)/synth/vnic_top.stat
rtl-iverilog: $(RTL_B)/iverilog/smoke.vvp
	$(VVP) -n $< | tee $(RTL_B)/iverilog/smoke.log
	@grep -q "^1 passed, 0 failed" $(RTL_B)/iverilog/smoke.log
rtl-lint: rtl-lint-verilator rtl-synth rtl-iverilog

LINT_CMDS += rtl-lint

# ---------------------------------------------------------------- directed block tests
# Each test: a Verilated wrapper (rtl/tests/tw_*.v, flat ports of <= 64 bits,
# listed in rtl/tests/tw_*_pins.h), the C++ glue rtl/tests/vtb_glue.cpp and
# the test logic in C (rtl/tests/test_*.c). Each prints "N passed, N failed"
# and exits non-zero on failure.
RTL_T_VLT_ROOT = $(shell $(VERILATOR) --getenv VERILATOR_ROOT 2>/dev/null)
RTL_T_CFLAGS   = $(CFLAGS) $(CPPFLAGS) -Irtl/tests $(ZLIB_CFLAGS)

# name -> wrapper top, Verilator parameters
RTL_TESTS := test_crc32 test_mac_if_w64 test_mac_if_w256 test_decide test_regs
RTL_T_test_crc32_TOP        := tw_crc32
RTL_T_test_mac_if_w64_TOP   := tw_mac_if
RTL_T_test_mac_if_w64_SRC   := test_mac_if
RTL_T_test_mac_if_w64_PAR   := -GDATA_W=64
RTL_T_test_mac_if_w256_TOP  := tw_mac_if
RTL_T_test_mac_if_w256_SRC  := test_mac_if
RTL_T_test_mac_if_w256_PAR  := -GDATA_W=256
RTL_T_test_decide_TOP       := tw_decide
RTL_T_test_regs_TOP         := tw_regs

rtl_t_top = $(RTL_T_$(1)_TOP)
rtl_t_src = $(or $(RTL_T_$(1)_SRC),$(1))

define rtl_test
$(RTL_B)/tests/$(1)/V$(call rtl_t_top,$(1))__ALL.a: $$(RTL_DEPS) rtl/tests/$(call rtl_t_top,$(1)).v | $$(BOOTSTRAP)
	@mkdir -p $$(@D)
	$$(VERILATOR) --cc --build -j 1 -Wall -Irtl $$(RTL_VLT) --top-module $(call rtl_t_top,$(1)) \
	    $(RTL_T_$(1)_PAR) -Mdir $$(@D) $$(RTL_SRCS) rtl/tests/$(call rtl_t_top,$(1)).v \
	    > $$(@D)/verilator.log 2>&1 || { cat $$(@D)/verilator.log; exit 1; }
	$$(MAKE) -s -C $$(@D) -f V$(call rtl_t_top,$(1)).mk verilated.o verilated_threads.o >> $$(@D)/verilator.log 2>&1 \
	    || { cat $$(@D)/verilator.log; exit 1; }
$(RTL_B)/tests/$(1)/glue.o: rtl/tests/vtb_glue.cpp rtl/tests/vtb.h rtl/tests/$(call rtl_t_top,$(1))_pins.h \
        $(RTL_B)/tests/$(1)/V$(call rtl_t_top,$(1))__ALL.a
	$$(CXX) $$(CXXFLAGS) -Irtl/tests -I$$(@D) -I$$(RTL_T_VLT_ROOT)/include \
	    -I$$(RTL_T_VLT_ROOT)/include/vltstd -DVTOP=V$(call rtl_t_top,$(1)) \
	    -DVTOP_H='"V$(call rtl_t_top,$(1)).h"' -DVTB_PINS_H='"$(call rtl_t_top,$(1))_pins.h"' -c $$< -o $$@
$(RTL_B)/tests/$(1)/test.o: rtl/tests/$(call rtl_t_src,$(1)).c rtl/tests/vtb.h \
        rtl/tests/$(call rtl_t_top,$(1))_pins.h | $$(BOOTSTRAP)
	@mkdir -p $$(@D)
	$$(CC) $$(RTL_T_CFLAGS) -c $$< -o $$@
$(RTL_B)/$(1): $(RTL_B)/tests/$(1)/test.o $(RTL_B)/tests/$(1)/glue.o $(RTL_B)/tests/$(1)/V$(call rtl_t_top,$(1))__ALL.a
	$$(CXX) -o $$@ $$^ $(RTL_B)/tests/$(1)/verilated.o $(RTL_B)/tests/$(1)/verilated_threads.o $$(LDFLAGS) $$(ZLIB_LIBS) -pthread
endef
$(foreach t,$(RTL_TESTS),$(eval $(call rtl_test,$(t))))

TEST_BINS += $(addprefix $(RTL_B)/,$(RTL_TESTS))
TEST_DEPS += $(RTL_B)/iverilog/smoke.vvp
TEST_CMDS += rtl-iverilog-smoke
TEST_CMD_rtl-iverilog-smoke = $(VVP) -n $(RTL_B)/iverilog/smoke.vvp

.PHONY: rtl-test
rtl-test: $(addprefix $(RTL_B)/,$(RTL_TESTS))
	@for t in $(RTL_TESTS); do $(RTL_B)/$$t || exit 1; done

# the transmit path's blocks: lint and directed tests
-include rtl/tx.mk
