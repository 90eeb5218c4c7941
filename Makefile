# launch - plain Makefile (STYLE.md item 11).
#   make                 build build/launch
#   make check           the whole suite, as CI runs it: make test, make SANITIZE=1 test,
#                        make test-vm
#   make test            unit tests, the profile schema, then integration tests (as root)
#   make test-vm         the same on a pure cgroup v2 kernel under qemu
#   make SANITIZE=1 ...  the same with AddressSanitizer + UBSan, in build-san/
#   make STATIC=0        link build/launch dynamically
#   make bench           interleaved start-up, relay, cgroup-limits and live-statistics
#                        benchmarks
#   make fuzz            libFuzzer on the profile loader for FUZZ_TIME seconds (clang)
#   make fuzz-build      only build it, in build/fuzz/
#   make install         PREFIX=/usr/local DESTDIR=
#   make format / clean

VERSION := 0.1.0
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
CC ?= cc
PKG_CONFIG ?= pkg-config

# launch itself is linked statically (static PIE, so ASLR stays) unless
# STATIC=0: the dynamic loader was most of its start-up cost over the floor
# (make bench). The sanitizers need dynamic linking.
STATIC ?= 1

ifeq ($(SANITIZE),1)
STATIC := 0
BUILD ?= build-san
OPT := -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
SAN_LDFLAGS := -fsanitize=address,undefined
export LSAN_OPTIONS := suppressions=$(abspath tests/lsan.supp):print_suppressions=0
export UBSAN_OPTIONS := print_stacktrace=1:halt_on_error=1
else
BUILD ?= build
OPT := -O2
SAN_LDFLAGS :=
endif

WARNINGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wformat=2 -Wno-format-nonliteral
HARDENING := -D_FORTIFY_SOURCE=2 -fstack-protector-strong
CPPFLAGS += -D_GNU_SOURCE -DLAUNCH_VERSION='"$(VERSION)"' -I. \
	-DPROFILES_DIR='"$(PREFIX)/share/launch/profiles"'
CFLAGS += -std=gnu11 -g $(OPT) $(WARNINGS) $(HARDENING) -MMD -MP
LDFLAGS += -Wl,-z,relro,-z,now $(SAN_LDFLAGS)
ifeq ($(STATIC),1)
BIN_LDFLAGS := -static-pie
endif

# what launch links: JSON profiles, seccomp, capabilities
DEPS := libfyaml libseccomp libcap
ifneq ($(MAKECMDGOALS),clean)
ifneq ($(shell $(PKG_CONFIG) --exists $(DEPS) && echo ok),ok)
$(error missing development packages for $(DEPS): run scripts/install-deps)
endif
endif
CPPFLAGS += $(shell $(PKG_CONFIG) --cflags $(DEPS))
LDLIBS += $(shell $(PKG_CONFIG) $(if $(filter 1,$(STATIC)),--static) --libs $(DEPS))

CRITERION_CFLAGS := $(shell $(PKG_CONFIG) --cflags criterion 2>/dev/null)
CRITERION_LIBS := $(shell $(PKG_CONFIG) --libs criterion 2>/dev/null)
# the unit tests hold the seccomp group table to libseccomp's syscall names
SECCOMP_CFLAGS := $(shell $(PKG_CONFIG) --cflags libseccomp 2>/dev/null)
SECCOMP_LIBS := $(shell $(PKG_CONFIG) --libs libseccomp 2>/dev/null)
# the integration tests read launch's JSON reports with libfyaml
FYAML_CFLAGS := $(shell $(PKG_CONFIG) --cflags libfyaml 2>/dev/null)
FYAML_LIBS := $(shell $(PKG_CONFIG) --libs libfyaml 2>/dev/null)

LIB_SRCS := $(wildcard base/*.c ns/*.c cgroup/*.c profiles/*.c security/*.c) \
	$(filter-out launcher/main.c,$(wildcard launcher/*.c))
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/default_profile.o
# the profile loader and what it needs: for the build-time reading of the
# default profile and for the fuzz target
LOADER_SRCS := base/arena.c base/error.c base/json.c base/rlimits.c base/signame.c \
	base/strbuf.c base/suggest.c base/units.c cgroup/plan.c profiles/load.c \
	profiles/names.c profiles/profile.c profiles/syntax.c security/seccomp_groups.c
LIB := $(BUILD)/liblaunch.a
BIN := $(BUILD)/launch

UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_BIN := $(BUILD)/tests/unit
INTEG_SRCS := $(wildcard tests/integration/*.c)
INTEG_BIN := $(BUILD)/tests/integration
PROBE_BIN := $(BUILD)/tests/probe
ESCAPE_BIN := $(BUILD)/tests/escape
BENCH_SRCS := $(filter-out tests/bench/floor.c tests/bench/cgfloor.c,$(wildcard tests/bench/*.c))
BENCH_BINS := $(BUILD)/bench/bench $(BUILD)/bench/floor $(BUILD)/bench/cgfloor

ALL_OBJS := $(LIB_OBJS) $(BUILD)/obj/launcher/main.o \
	$(UNIT_SRCS:%.c=$(BUILD)/obj/%.o) $(INTEG_SRCS:%.c=$(BUILD)/obj/%.o)

# quiet by default; make V=1 shows every command
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-6s %s\n' $(1) $(2)
endif

.PHONY: all demo check test test-unit test-schema test-integration test-vm bench fuzz fuzz-build \
	install uninstall format clean

all: $(BIN)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# the default profile, read by the loader at build time and written as C
# (profiles/gen/embed_default.c), so that a run does not parse it
$(BUILD)/gen/embed_default: profiles/gen/embed_default.c $(LOADER_SRCS:%.c=$(BUILD)/obj/%.o)
	@mkdir -p $(dir $@)
	$(call say,CCLD,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(shell $(PKG_CONFIG) --libs $(DEPS))

$(BUILD)/gen/default_profile.c: $(BUILD)/gen/embed_default profiles/default.json
	$(call say,GEN,$@)
	$(Q)$(BUILD)/gen/embed_default profiles/default.json > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/gen/default_profile.o: $(BUILD)/gen/default_profile.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/obj/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(CRITERION_CFLAGS) $(FYAML_CFLAGS) $(SECCOMP_CFLAGS) \
		-c -o $@ $<

$(LIB): $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(call say,AR,$@)
	$(Q)rm -f $@
	$(Q)$(AR) rcs $@ $^

$(BIN): $(BUILD)/obj/launcher/main.o $(LIB)
	$(call say,LD,$@)
	$(Q)$(CC) $(LDFLAGS) $(BIN_LDFLAGS) -o $@ $^ $(LDLIBS)

# the compiled-in default against its file (tests/unit/test_embedded_default.c)
$(BUILD)/obj/tests/unit/test_embedded_default.o: CPPFLAGS += \
	-DDEFAULT_PROFILE='"$(abspath profiles/default.json)"'

$(UNIT_BIN): $(UNIT_SRCS:%.c=$(BUILD)/obj/%.o) $(LIB)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(CRITERION_LIBS) $(SECCOMP_LIBS)

$(INTEG_BIN): $(INTEG_SRCS:%.c=$(BUILD)/obj/%.o) $(LIB)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(CRITERION_LIBS) $(FYAML_LIBS)

# the probe runs inside sandboxes: plain, no sanitizer runtime to confuse
# what it measures
$(PROBE_BIN): tests/probe/probe.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) -std=gnu11 -O2 -g $(WARNINGS) -pthread -o $@ $<

# the attacks of the privilege tests (tests/probe/escape.c): static, so it
# starts with the few system calls an allow list without @default leaves
$(ESCAPE_BIN): tests/probe/escape.c base/rlimits.c base/rlimits.h
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) -std=gnu11 -O2 -g $(WARNINGS) -static -o $@ $(filter %.c,$^)

$(BUILD)/bench/bench: $(BENCH_SRCS) tests/bench/common.h
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) -std=gnu11 -O2 -g $(WARNINGS) -o $@ $(BENCH_SRCS)

# the floors: plain programs, one file each, linked as launch is (a floor
# that pays the dynamic loader while launch does not would flatter launch)
$(BUILD)/bench/floor $(BUILD)/bench/cgfloor: $(BUILD)/bench/%: tests/bench/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) -std=gnu11 -O2 -g $(WARNINGS) $(BIN_LDFLAGS) -o $@ $<

# The README's first command: a sandboxed shell script on the embedded default.
demo: $(BIN)
	$(BIN) --summary -- /bin/sh scripts/demo

# --verbose: without it Criterion hides why a test was skipped
CRITERION_FLAGS ?= --verbose

test: test-unit test-schema test-integration

# the sanitizer build is another build directory: a make of its own
check: test
	$(MAKE) SANITIZE=1 test
	$(MAKE) test-vm

test-unit: $(UNIT_BIN)
	$(UNIT_BIN) $(CRITERION_FLAGS)

# profiles/launch-profile.schema.json against the shipped profiles, the test
# fixtures and launch --check. Debian's python3, whose modules apt installs;
# without python3-jsonschema the script says SKIP and exits 77, and make goes on.
PYTHON3 ?= /usr/bin/python3

test-schema: $(BIN)
	$(call say,SCHEMA,tests/schema/validate)
	$(Q)$(PYTHON3) tests/schema/validate --launch $(BIN) || [ $$? -eq 77 ]

test-integration: $(BIN) $(INTEG_BIN) $(PROBE_BIN) $(ESCAPE_BIN)
	LAUNCH_BIN=$(abspath $(BIN)) LAUNCH_PROBE=$(abspath $(PROBE_BIN)) \
		LAUNCH_ESCAPE=$(abspath $(ESCAPE_BIN)) $(INTEG_BIN) $(CRITERION_FLAGS)

# The same binaries in a guest booted from Debian's stock kernel on a pure
# cgroup v2 system (tests/vm/run), at the same paths; util-linux's setpriv
# too, for the rootless tests (busybox's cannot change the uid); the shipped
# profiles beside the binaries (--profile strict, --profile web), the
# profile fixtures (tests/profiles/), and the host's nginx if it has one
# (tests/integration/test_nginx.c; skipped without).
VM_TESTS := $(abspath $(UNIT_BIN) $(INTEG_BIN))
VM_EXTRA := $(wildcard /usr/bin/setpriv /usr/sbin/nginx) \
	$(abspath $(wildcard profiles/*.json) $(shell find tests/profiles -type f))
test-vm: $(BIN) $(UNIT_BIN) $(INTEG_BIN) $(PROBE_BIN) $(ESCAPE_BIN)
	tests/vm/run -b $(foreach f,$(abspath $^ tests/vm/suite) $(VM_EXTRA),-f $(f)) \
		-e LAUNCH_BIN=$(abspath $(BIN)) -e LAUNCH_PROBE=$(abspath $(PROBE_BIN)) \
		-e LAUNCH_ESCAPE=$(abspath $(ESCAPE_BIN)) \
		-- $(abspath tests/vm/suite) $(VM_TESTS) $(CRITERION_FLAGS)

# timings are printed (medians, ratios, a Markdown table), never asserted;
# e.g. make bench BENCH_FLAGS="--rounds 2000 --markdown"
BENCH_FLAGS ?= --markdown

bench: $(BIN) $(BENCH_BINS) $(PROBE_BIN)
	$(BUILD)/bench/bench --launch $(BIN) --floor $(BUILD)/bench/floor \
		--cgfloor $(BUILD)/bench/cgfloor --probe $(PROBE_BIN) $(BENCH_FLAGS)

# The profile loader under libFuzzer, AddressSanitizer and UBSan: clang
# builds its own objects of what the loader needs (gcc's cannot carry
# libFuzzer's coverage). Each run starts from the seeds and the shipped
# profiles, copied into a corpus under build/ that later runs go on from;
# findings land in build/fuzz/ too, never in the source tree.
FUZZ_CC ?= clang
FUZZ_TIME ?= 60
FUZZ_FLAGS ?=
FUZZ_DIR := build/fuzz
FUZZ_BIN := $(FUZZ_DIR)/fuzz_profile
FUZZ_CORPUS := $(FUZZ_DIR)/corpus
FUZZ_SRCS := $(LOADER_SRCS) profiles/show.c
FUZZ_OBJS := $(FUZZ_SRCS:%.c=$(FUZZ_DIR)/obj/%.o) $(FUZZ_DIR)/obj/tests/fuzz/fuzz_profile.o
FUZZ_CFLAGS := -std=gnu11 -g -O1 -fno-omit-frame-pointer $(WARNINGS) -MMD -MP \
	-fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_LIBS := $(shell $(PKG_CONFIG) --libs $(DEPS))

$(FUZZ_DIR)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,FUZZCC,$@)
	$(Q)$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BIN): $(FUZZ_OBJS)
	$(call say,FUZZLD,$@)
	$(Q)$(FUZZ_CC) -fsanitize=fuzzer,address,undefined -o $@ $^ $(FUZZ_LIBS)

fuzz-build: $(FUZZ_BIN)

# A profile loads in milliseconds: one that takes a second is reported
# (-report_slow_units), two seconds is a finding (-timeout).
fuzz: $(FUZZ_BIN)
	@mkdir -p $(FUZZ_CORPUS)
	$(Q)cp tests/fuzz/corpus/* $(FUZZ_CORPUS)/
	$(Q)for f in profiles/*.json; do cp $$f $(FUZZ_CORPUS)/shipped-$${f##*/}; done
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 $(FUZZ_BIN) \
		-max_total_time=$(FUZZ_TIME) -max_len=8192 -timeout=2 -report_slow_units=1 \
		-dict=tests/fuzz/profile.dict -artifact_prefix=$(FUZZ_DIR)/ \
		-print_final_stats=1 $(FUZZ_FLAGS) $(FUZZ_CORPUS)

install: $(BIN)
	install -D -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/launch
	install -d $(DESTDIR)$(PREFIX)/share/launch/profiles
	install -m 0644 profiles/*.json $(DESTDIR)$(PREFIX)/share/launch/profiles/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/launch
	rm -rf $(DESTDIR)$(PREFIX)/share/launch

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build build-san

-include $(ALL_OBJS:.o=.d) $(FUZZ_OBJS:.o=.d)
