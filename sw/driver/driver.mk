# sw/driver/driver.mk: libvnic (the C driver library), its model backend,
# unit and end-to-end tests, and the programmer's-guide examples.
# Included by the top-level Makefile with the repository root as the current
# directory; everything is built under $(BUILD)/sw/driver/.
#
# For other code (exported):
#   LIBVNIC               $(BUILD)/sw/driver/libvnic.a: PF and VF driver, QoS
#                         spec, tuple parser, simulated host memory and VMs
#                         (vnic_hostmem.h). No dependency but libc.
#   LIBVNIC_CFLAGS        -I flags for its headers (vnic_pf.h, vnic_vf.h,
#                         vnic_bus.h, vnic_hostmem.h, vnic_tuple.h) and the
#                         generated register map (vnic_regs.h)
#   LIBVNIC_MODELBUS      $(BUILD)/sw/driver/libvnic_modelbus.a: the bus table
#                         over the golden model (vnic_modelbus.h); link it
#                         before LIBVNIC and the model's library
#   LIBVNIC_MODELBUS_CFLAGS  LIBVNIC_CFLAGS plus -Icmodel (vnic_model.h)
#   DRV_MODEL_LIBS        what links after those two: the model library and
#                         what it needs (CMODEL_LIB, CMODEL_LIBS of cmodel.mk)
# e.g.  $(CC) $(CFLAGS) $(LIBVNIC_CFLAGS) prog.c $(LIBVNIC) -o prog
#       $(CC) $(CFLAGS) $(LIBVNIC_MODELBUS_CFLAGS) sim.c $(LIBVNIC_MODELBUS) \
#             $(LIBVNIC) $(DRV_MODEL_LIBS) -o sim

DRV_D   := sw/driver
DRV_B   := $(BUILD)/sw/driver

LIBVNIC                 := $(DRV_B)/libvnic.a
LIBVNIC_MODELBUS        := $(DRV_B)/libvnic_modelbus.a
LIBVNIC_CFLAGS          := -Isw/include -I$(DRV_D)/include
LIBVNIC_MODELBUS_CFLAGS := $(LIBVNIC_CFLAGS) -Icmodel

DRV_CORE_SRCS := vnic_common.c vnic_hostmem.c vnic_pf.c vnic_vf.c vnic_tuple.c
DRV_CORE_OBJS := $(patsubst %.c,$(DRV_B)/%.o,$(DRV_CORE_SRCS))
DRV_MB_OBJS   := $(DRV_B)/vnic_modelbus.o
DRV_CFLAGS     = $(CFLAGS) $(CPPFLAGS) $(LIBVNIC_CFLAGS)
DRV_MCFLAGS    = $(CFLAGS) $(CPPFLAGS) $(LIBVNIC_MODELBUS_CFLAGS)
DRV_TCFLAGS    = $(DRV_MCFLAGS) $(CHECK_CFLAGS) $(ZLIB_CFLAGS) -I$(DRV_D)/tests
DRV_MODEL_LIBS = $(CMODEL_LIB) $(CMODEL_LIBS) -lm

# The core never sees cmodel/: it talks to hardware only through vnic_bus.h.
$(DRV_B)/%.o: $(DRV_D)/%.c $(REGS_H) | $(BOOTSTRAP)
	@mkdir -p $(@D)
	$(CC) $(DRV_CFLAGS) -MMD -MP -c $< -o $@

$(DRV_B)/vnic_modelbus.o: $(DRV_D)/vnic_modelbus.c $(REGS_H) | $(BOOTSTRAP)
	@mkdir -p $(@D)
	$(CC) $(DRV_MCFLAGS) -MMD -MP -c $< -o $@

$(LIBVNIC): $(DRV_CORE_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(LIBVNIC_MODELBUS): $(DRV_MB_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

# ---------------------------------------------------------------- unit tests
# Tests that need no model: host memory, tuple parser, PF admission and VF
# rings against a register-level fake device (tests/fake_dev.c).
DRV_UNIT_TESTS := test_hostmem test_tuple test_pf test_vf

$(DRV_B)/tests/%.o: $(DRV_D)/tests/%.c $(REGS_H) | $(BOOTSTRAP)
	@mkdir -p $(@D)
	$(CC) $(DRV_TCFLAGS) -MMD -MP -c $< -o $@

$(foreach t,$(DRV_UNIT_TESTS),$(eval \
$(DRV_B)/tests/$(t): $(DRV_B)/tests/$(t).o $(DRV_B)/tests/fake_dev.o $(LIBVNIC) | $(BOOTSTRAP) ; \
	$$(CC) $$(CFLAGS) $$^ $$(LDFLAGS) $$(CHECK_LIBS) -o $$@))

TEST_BINS += $(patsubst %,$(DRV_B)/tests/%,$(DRV_UNIT_TESTS))

# The guide's C blocks are excerpts of the examples and headers.
TEST_CMDS += driver-doc-snippets
TEST_CMD_driver-doc-snippets = $(PYTHON) $(DRV_D)/tests/check_doc_snippets.py docs/driver.md

# ---------------------------------------------------------------- on the model
# End-to-end test (PF + VF on the golden model) and the programmer's-guide
# examples (docs/driver.md), which `make test` also runs. They need the model
# library of cmodel/cmodel.mk.
ifneq ($(strip $(CMODEL_LIB)),)
DRV_E2E_TESTS := test_e2e
DRV_EXAMPLES  := ex_quickstart ex_tuple ex_faults
DRV_EX_BINS   := $(patsubst %,$(DRV_B)/examples/%,$(DRV_EXAMPLES))

$(foreach t,$(DRV_E2E_TESTS),$(eval \
$(DRV_B)/tests/$(t): $(DRV_B)/tests/$(t).o $(LIBVNIC_MODELBUS) $(LIBVNIC) $(CMODEL_LIB) | $(BOOTSTRAP) ; \
	$$(CC) $$(CFLAGS) $$< $$(LIBVNIC_MODELBUS) $$(LIBVNIC) $$(DRV_MODEL_LIBS) $$(LDFLAGS) $$(CHECK_LIBS) -o $$@))

.PRECIOUS: $(DRV_B)/examples/%.o
$(DRV_B)/examples/%.o: $(DRV_D)/examples/%.c $(REGS_H) | $(BOOTSTRAP)
	@mkdir -p $(@D)
	$(CC) $(DRV_MCFLAGS) $(ZLIB_CFLAGS) -MMD -MP -c $< -o $@

$(DRV_EX_BINS): $(DRV_B)/examples/%: $(DRV_B)/examples/%.o $(LIBVNIC_MODELBUS) $(LIBVNIC) \
                $(CMODEL_LIB) | $(BOOTSTRAP)
	$(CC) $(CFLAGS) $< $(LIBVNIC_MODELBUS) $(LIBVNIC) $(DRV_MODEL_LIBS) $(LDFLAGS) -o $@

TEST_BINS += $(patsubst %,$(DRV_B)/tests/%,$(DRV_E2E_TESTS))
TEST_DEPS += $(DRV_EX_BINS)
TEST_CMDS += driver-ex-quickstart driver-ex-tuple driver-ex-faults
TEST_CMD_driver-ex-quickstart = $(DRV_B)/examples/ex_quickstart
TEST_CMD_driver-ex-tuple      = $(DRV_B)/examples/ex_tuple
TEST_CMD_driver-ex-faults     = $(DRV_B)/examples/ex_faults
endif

-include $(DRV_CORE_OBJS:.o=.d) $(DRV_MB_OBJS:.o=.d) $(wildcard $(DRV_B)/tests/*.d) \
         $(wildcard $(DRV_B)/examples/*.d)

.PHONY: driver
driver: $(LIBVNIC) $(LIBVNIC_MODELBUS) $(DRV_EX_BINS)
