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

.PHONY: all deps build run test bench bench-startup clean screenshots image image-arm64 test-image test-image-arm64 overlays test-pair
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

bench: build
	$(DOTNET) run -c Release --project tests/StageBox.Benchmarks -- $(ARGS)

# Start to READY=1 of `run --sim` by publish mode (JIT, ReadyToRun, Native AOT), linux-x64 natively and
# linux-arm64 under qemu-user (tests/startup/startup-bench.sh; ARGS="--runs 9", image/README.md has the figures).
bench-startup: deps
	@./tests/startup/startup-bench.sh $(ARGS)

clean:
	rm -rf $(BUILD) */*/bin */*/obj */bin */obj BenchmarkDotNet.Artifacts

# The box's OS image (image/README.md): Debian 12 by mmdebstrap, the firmware published
# self-contained, a read-only root and a data partition. build/image/stagebox-amd64.img.
image:
	@./image/build.sh amd64

# The Raspberry Pi image (Debian trixie, arm64): build/image/stagebox-arm64.img. Its initramfs is
# built on this host (image/initramfs.sh); image/README.md says what only a Pi can prove.
image-arm64:
	@./image/build.sh arm64

# The Raspberry Pi image's device-tree overlays (deploy/raspi/overlays) compiled, applied to the
# kernel's Pi 4/400/CM4 trees (fetched alone, no image build) and checked; seconds once cached.
overlays:
	@./image/overlays.sh

# Boots the amd64 image under QEMU (TCG): READY, a song captured from snd-aloop, kill -9,
# SIGSTOP, a power cut mid-import. Ends with "image: E expected, ..." and "N passed, N failed".
test-image: image
	@./image/boot-test.sh

# Boots the arm64 image's kernel, initramfs and root under qemu-system-aarch64 (TCG, virt, Cortex-A72)
# with the same checks as test-image. Ends with "image-arm64: E expected, ..." and "N passed, N failed".
test-image-arm64: image-arm64
	@./image/boot-test.sh arm64

# Boots two copies of the amd64 image as a redundant pair joined by a QEMU network: the link's
# addresses, the lockstep, and a takeover when the primary's power is cut (image/pair-test.sh).
test-pair: image
	@./image/pair-test.sh

# The stage screen in the states the README shows, drawn by `stagebox screenshot` from the demo show.
SCREENS := docs/screens
screenshots: build
	@rm -rf $(SCREENS) && mkdir -p $(SCREENS) && $(BUILD)/stagebox demo $(SCREENS)/show > /dev/null
	@S=$(SCREENS)/show/songs; shot(){ $(BUILD)/stagebox screenshot "$$@" | sed 's|^$(SCREENS)/||'; }; \
	shot $$S/harbour-lights --state Stopped -o $(SCREENS)/stopped-next-song-cued.png; \
	shot $$S/midnight-drive --bar 11 --beat 3 -o $(SCREENS)/playing-mid-song.png; \
	shot $$S/midnight-drive --state CountIn --beat 2 -o $(SCREENS)/count-in.png; \
	shot $$S/seven-bridges --bar 10 --beat 5 -o $(SCREENS)/seven-eight-section.png; \
	shot $$S/harbour-lights --bar 4 --beat 4 -o $(SCREENS)/segue-armed.png; \
	shot $$S/midnight-drive --state Stopped --import 45 -o $(SCREENS)/import-in-progress.png; \
	shot $$S/midnight-drive --bar 7 --beat 1 --device-lost -o $(SCREENS)/device-lost.png; \
	shot $$S/seven-bridges --bar 18 --beat 2 --backup-live -o $(SCREENS)/backup-live.png; \
	shot $$S/midnight-drive --bar 6 --beat 1 --role Primary --xruns 2 -o $(SCREENS)/primary-with-xruns.png; \
	shot $$S/midnight-drive --bar 3 --beat 2 --browse -o $(SCREENS)/setlist-browsing.png
	@rm -rf $(SCREENS)/show
