# StageBox: `make run` starts the simulated box, `make test` runs every test.
# Both do all set-up on a fresh Debian machine (Debian libraries, NuGet restore, build).
SHELL := /bin/bash
DOTNET ?= dotnet
BUILD := build
# Native libraries the firmware calls: ALSA, libsndfile (decoding), libsoxr (resampling),
# FreeType (the display's text), and the DejaVu fonts it renders.
DEB_PACKAGES := libasound2 libsndfile1 libsoxr0 libfreetype6 fonts-dejavu-core
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

.PHONY: all deps build run test bench clean
all: build

deps:
	@./tests/install-debian-packages.sh $(DEB_PACKAGES)

# A published, framework-dependent build with its launcher at build/stagebox.
build: deps
	$(DOTNET) publish firmware/App/StageBox.App.csproj -c Release -o $(BUILD) --nologo -v quiet
	@echo "built $(BUILD)/stagebox"

run: build
	$(BUILD)/stagebox run --sim $(ARGS)

test: build
	@./tests/run-tests.sh

bench: deps
	$(DOTNET) run -c Release --project tests/StageBox.Benchmarks -- $(ARGS)

clean:
	rm -rf $(BUILD) */*/bin */*/obj */bin */obj BenchmarkDotNet.Artifacts
