# rtl/tx.mk: the transmit path's blocks (rtl/vnic_tx_*.v, rtl/vnic_axi_arb.v):
# their lint at several configurations and their directed Verilator tests
# (rtl/tests/tx/). Read with the repository root as the current directory,
# after the top-level Makefile's tools and flags; everything is built under
# $(BUILD)/rtl/tx/. docs/rtl-tx.md describes the blocks and the tests.
#
#   make tx-test   build and run the TX block tests
#   make tx-lint   verilator --lint-only -Wall at DATA_W 64/128/256, NUM_VNIC 1/8/32

TX_B      := $(BUILD)/rtl/tx
TX_T      := rtl/tests/tx
# shared blocks of the device the TX blocks instantiate
TX_SHARED := rtl/vnic_crc32.v rtl/vnic_ram_sdp.v rtl/vnic_dma_xlate.v rtl/vnic_copy_ram.v rtl/vnic_win_ram.v
TX_RTL     = $(wildcard rtl/vnic_tx_*.v) $(wildcard rtl/vnic_axi_arb.v) $(TX_SHARED) rtl/vnic_regs.vh rtl/vnic_xlate.vh
TX_VROOT   = $(shell $(VERILATOR) --getenv VERILATOR_ROOT 2>/dev/null)
TX_VFLAGS := --cc --build -j 1 -Wno-fatal -Irtl --x-assign fast --x-initial fast -O3
TX_CFLAGS  = $(CFLAGS) -I$(TX_T) $(ZLIB_CFLAGS)
TX_CXXFLAGS = $(CXXFLAGS) -O1 -I$(TX_T) -Wno-unused-parameter

# tx_test NAME, TOP MODULE, I/O HEADER, -G PARAMETERS, -D DEFINES, C SOURCES
# builds $(TX_B)/NAME/NAME from the Verilated TOP, tx_glue.cpp and the sources.
define tx_test
$(TX_B)/$(1)/obj/V$(2)__ALL.a: $$(TX_RTL) rtl/tx.mk | $$(BOOTSTRAP)
	@mkdir -p $$(@D)
	$$(VERILATOR) $$(TX_VFLAGS) --top-module $(2) $(4) -Mdir $$(@D) $$(filter %.v,$$(TX_RTL)) \
	    > $$(@D)/verilator.log 2>&1 || { cat $$(@D)/verilator.log; exit 1; }
	$$(MAKE) -s -C $$(@D) -f V$(2).mk verilated.o verilated_threads.o >> $$(@D)/verilator.log 2>&1 \
	    || { cat $$(@D)/verilator.log; exit 1; }
	rm -f $$(@D)/libverilated.a && ar rcs $$(@D)/libverilated.a $$(@D)/verilated*.o

$(TX_B)/$(1)/glue.o: $(TX_T)/tx_glue.cpp $(TX_T)/tx_glue.h $(TX_T)/$(3) $(TX_B)/$(1)/obj/V$(2)__ALL.a
	$$(CXX) $$(TX_CXXFLAGS) $(5) -I$$(@D)/obj -I$$(TX_VROOT)/include -I$$(TX_VROOT)/include/vltstd \
	    -DVM_TRACE_FST=0 -DDUT_TOP=V$(2) -DDUT_HDR='"V$(2).h"' -DDUT_IO='"$(3)"' -c $$< -o $$@

$(TX_B)/$(1)/%.o: $(TX_T)/%.c $(TX_T)/tx_glue.h $(TX_T)/$(3) | $$(BOOTSTRAP)
	@mkdir -p $$(@D)
	$$(CC) $$(TX_CFLAGS) $(5) -c $$< -o $$@

$(TX_B)/$(1)/$(1): $(patsubst %.c,$(TX_B)/$(1)/%.o,$(6)) $(TX_B)/$(1)/glue.o $(TX_B)/$(1)/obj/V$(2)__ALL.a
	$$(CXX) -o $$@ $$(filter %.o,$$^) $(TX_B)/$(1)/obj/V$(2)__ALL.a $(TX_B)/$(1)/obj/libverilated.a \
	    $$(LDFLAGS) $$(ZLIB_LIBS) -pthread

TX_TEST_BINS += $(TX_B)/$(1)/$(1)
endef

TX_TEST_BINS :=
$(eval $(call tx_test,test_tx_sched,vnic_tx_sched,tx_sched_io.h,-GNUM_VNIC=8 -GTXQ_DEPTH=32,\
    -DTXS_NV=8 -DTXS_DEPTH=32,test_tx_sched.c))

$(eval $(call tx_test,test_tx_out_w64,vnic_tx_out,tx_out_io.h,\
    -GNUM_VNIC=4 -GDATA_W=64 -GTX_BUF_BYTES=131072 -GOFF_W=14,-DTXO_NV=4 -DTXO_DW=64,test_tx_out.c))
$(eval $(call tx_test,test_tx_out_w128,vnic_tx_out,tx_out_io.h,\
    -GNUM_VNIC=4 -GDATA_W=128 -GTX_BUF_BYTES=131072 -GOFF_W=13,-DTXO_NV=4 -DTXO_DW=128,test_tx_out.c))
$(eval $(call tx_test,test_tx_out_w256,vnic_tx_out,tx_out_io.h,\
    -GNUM_VNIC=4 -GDATA_W=256 -GTX_BUF_BYTES=131072 -GOFF_W=12,-DTXO_NV=4 -DTXO_DW=256,test_tx_out.c))

$(eval $(call tx_test,test_tx_path_w64,vnic_tx_path,tx_path_io.h,\
    -GNUM_VNIC=4 -GDATA_W=64 -GTX_BUF_BYTES=65536 -GNUM_WIN=4,-DTXP_NV=4 -DTXP_DW=64 -DTXP_NW=4,test_tx_path.c))
$(eval $(call tx_test,test_tx_path_w128,vnic_tx_path,tx_path_io.h,\
    -GNUM_VNIC=4 -GDATA_W=128 -GTX_BUF_BYTES=65536 -GNUM_WIN=4,-DTXP_NV=4 -DTXP_DW=128 -DTXP_NW=4,test_tx_path.c))
$(eval $(call tx_test,test_tx_path_w256,vnic_tx_path,tx_path_io.h,\
    -GNUM_VNIC=4 -GDATA_W=256 -GTX_BUF_BYTES=65536 -GNUM_WIN=4,-DTXP_NV=4 -DTXP_DW=256 -DTXP_NW=4,test_tx_path.c))

TEST_BINS += $(TX_TEST_BINS)

# ---------------------------------------------------------------- lint
# vnic_tx_path elaborates every TX block; it is linted at the corners of
# NUM_VNIC x DATA_W (and small/large TX buffers, one window), the arbiter at
# every data width, and each block alone at its defaults.
TX_LINT_PATH := 1:64 8:64 32:64 1:128 8:128 32:128 1:256 8:256 32:256 \
                8:64:4096 32:256:262144 8:64:65536:1
TX_LINT_ARB  := 64 128 256
TX_LINT_ONE  := vnic_tx_sched vnic_tx_out vnic_tx_crc vnic_tx_buf vnic_tx_xlate vnic_tx_dma

.PHONY: tx-lint tx-test
LINT_CMDS += tx-lint
tx-lint: | $(BOOTSTRAP)
	@set -e; src="$(filter %.v,$(TX_RTL))"; n=0; \
	for c in $(TX_LINT_PATH); do \
	    IFS=: read nv dw tb nw <<< "$$c"; \
	    $(VERILATOR) --lint-only -Wall -Irtl --top-module vnic_tx_path -GNUM_VNIC=$$nv -GDATA_W=$$dw \
	        $${tb:+-GTX_BUF_BYTES=$$tb} $${nw:+-GNUM_WIN=$$nw} $$src \
	        || { echo "tx-lint: vnic_tx_path failed at NUM_VNIC=$$nv DATA_W=$$dw $$tb $$nw"; exit 1; }; \
	    n=$$((n+1)); \
	done; \
	for dw in $(TX_LINT_ARB); do \
	    $(VERILATOR) --lint-only -Wall -Irtl --top-module vnic_axi_arb -GDATA_W=$$dw $$src \
	        || { echo "tx-lint: vnic_axi_arb failed at DATA_W=$$dw"; exit 1; }; \
	    n=$$((n+1)); \
	done; \
	for m in $(TX_LINT_ONE); do \
	    $(VERILATOR) --lint-only -Wall -Irtl --top-module $$m $$src \
	        || { echo "tx-lint: $$m failed at its defaults"; exit 1; }; \
	    n=$$((n+1)); \
	done; \
	echo "tx-lint: verilator -Wall clean ($$n elaborations)"

tx-test: $(TX_TEST_BINS) | $(BOOTSTRAP)
	@set -e; for t in $(TX_TEST_BINS); do $$t; done
