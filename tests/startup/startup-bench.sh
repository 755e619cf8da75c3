#!/bin/bash
# Start-up by publish mode: the time from exec to READY=1 (sd_notify, as systemd sees the box
# start) of `stagebox run --sim`, for the firmware published self-contained for linux-x64 (run
# natively) and linux-arm64 (run under qemu-aarch64-static, user-mode TCG) in each publish mode:
#   jit  no ReadyToRun: every method JIT-compiled (fully optimised: TieredCompilation is off)
#   r2r  ReadyToRun, as image/build.sh publishes the box's firmware
#   aot  Native AOT (-p:PublishAot=true): one native executable, no JIT
# Prints per mode the median and min of RUNS steady starts (the demo show already written, as the
# box finds its installed show), the ratio of the median to r2r's, the publish's size, whether its
# render of a demo song is the same WAV as the first mode's, and in how many runs the exit lines
# said the audio thread allocated nothing; with --first-start also each mode's first start, which
# writes the demo show (a minute and more under qemu-user).
# Usage: tests/startup/startup-bench.sh [--runs N] [--modes "jit r2r aot"] [--arches "x64 arm64"] [--first-start]
# (or RUNS, MODES, ARCHES, FIRST_START=1 in the environment). Runs at nice 10. Needs root on Debian 12
# for the packages it installs. Work files: $STARTUP_DIR (/var/tmp/stagebox-startup).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
W=${STARTUP_DIR:-/var/tmp/stagebox-startup}
RUNS=${RUNS:-5}
MODES=${MODES:-jit r2r aot}
ARCHES=${ARCHES:-x64 arm64}
FIRST_START=${FIRST_START:-0}
# Longest wait for READY=1, and for the exit after SIGTERM.
READY_LIMIT=${READY_LIMIT:-300}
while [ $# -gt 0 ]; do
  case $1 in
    --runs) RUNS=$2; shift 2 ;;
    --modes) MODES=$2; shift 2 ;;
    --arches) ARCHES=$2; shift 2 ;;
    --first-start) FIRST_START=1; shift ;;
    *) echo "usage: $0 [--runs N] [--modes \"jit r2r aot\"] [--arches \"x64 arm64\"] [--first-start]" >&2; exit 2 ;;
  esac
done
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "--runs wants a whole number of at least 1, not '$RUNS'" >&2; exit 2; }
for mode in $MODES; do [[ $mode =~ ^(jit|r2r|aot)$ ]] || { echo "unknown mode '$mode' (jit, r2r, aot)" >&2; exit 2; }; done
for arch in $ARCHES; do [[ $arch =~ ^(x64|arm64)$ ]] || { echo "unknown arch '$arch' (x64, arm64)" >&2; exit 2; }; done
# The machine is shared (another job may be booting QEMU): everything from here on, the publishes
# and the timed starts, runs at nice 10. Every mode gets the same treatment, so the ratios hold.
renice -n 10 -p $$ > /dev/null
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

PACKAGES=(python3 libasound2 libsndfile1 libsoxr0 libfreetype6 fonts-dejavu-core)
[[ " $ARCHES " == *" arm64 "* ]] && PACKAGES+=(qemu-user-static mmdebstrap)
# Native AOT links with clang; lld links the arm64 cross build.
[[ " $MODES " == *" aot "* ]] && PACKAGES+=(clang lld)
"$REPO/tests/install-debian-packages.sh" "${PACKAGES[@]}"
mkdir -p "$W"

# The arm64 libraries: the box's own (trixie's, as image/build.sh installs them; libssl for .NET's SHA-256) for qemu-user to
# load the firmware with, and the C and C++ development files Native AOT's cross link needs.
# Unpacked only (mmdebstrap's extract variant: no maintainer scripts, nothing emulated).
SYSROOT=$W/sysroot-arm64
if [[ " $ARCHES " == *" arm64 "* ]] && [ ! -e $SYSROOT/.complete ]; then
  echo "unpacking the arm64 libraries (Debian trixie) into $SYSROOT"
  rm -rf $SYSROOT $SYSROOT.new
  mmdebstrap --quiet --variant=extract --architectures=arm64 \
    --include=libasound2t64,libsndfile1,libsoxr0,libfreetype6,libssl3t64,libc6-dev,libstdc++-14-dev,libgcc-14-dev,zlib1g-dev \
    trixie $SYSROOT.new "deb http://deb.debian.org/debian trixie main"
  # trixie's packages keep their files under /usr; /lib is the merged-/usr link a real root has
  # (the dynamic loader's path and the libc.so linker script name /lib).
  ln -s usr/lib $SYSROOT.new/lib
  touch $SYSROOT.new/.complete
  mv $SYSROOT.new $SYSROOT
fi

# Publishes ARCH MODE into $W/publish-RID-MODE, its own artifacts folder beside it (nothing shared
# with `make build` or the image build). Returns 1, its log kept, when the publish fails.
publish() {
  local arch=$1 mode=$2 rid=linux-$1
  local out=$W/publish-$rid-$mode properties=()
  case $mode in
    jit) properties=(-p:PublishReadyToRun=false) ;;
    r2r) properties=(-p:PublishReadyToRun=true) ;;
    aot) properties=(-p:PublishAot=true)
         # The cross link: clang for aarch64 against the unpacked arm64 libraries, linked by lld; and
         # no preinitialized statics, which ILCompiler 10.0.12 miscompiles for arm64 (the .targets file says how).
         [ $arch = arm64 ] && properties+=(-p:SysRoot=$SYSROOT -p:LinkerFlavor=lld
           -p:CustomAfterMicrosoftCommonTargets=$REPO/tests/startup/aot-arm64-workaround.targets) ;;
  esac
  rm -rf $out
  if ! dotnet publish "$REPO/firmware/App/StageBox.App.csproj" -c Release -r $rid --self-contained "${properties[@]}" \
      --artifacts-path $W/artifacts-$rid-$mode -o $out --nologo > $W/publish-$rid-$mode.log 2>&1; then
    rm -rf $out
    return 1
  fi
  # As image/build.sh does: no .pdb on the box (nor AOT's separate debug symbols).
  rm -f $out/*.pdb $out/*.dbg
}

# The command that starts ARCH's build of MODE: arm64's under qemu-user, loading its libraries from the sysroot.
launcher() {
  local arch=$1 mode=$2
  local exe=$W/publish-linux-$arch-$mode/stagebox
  if [ $arch = arm64 ]; then echo "qemu-aarch64-static -L $SYSROOT $exe"; else echo "$exe"; fi
}

# One start of ARCH MODE to READY=1 and a clean stop; prints the milliseconds. Its home (the demo
# show, the recording, the status file) is its own folder, kept between runs.
start_once() {
  local arch=$1 mode=$2 run=$3 home=$W/home-$1-$2
  mkdir -p $home
  HOME=$home XDG_DATA_HOME=$home/share XDG_RUNTIME_DIR=$home \
    python3 "$REPO/tests/startup/time-to-ready.py" $READY_LIMIT $home/run-$run.log \
    $(launcher $arch $mode) run --sim --config "$REPO/deploy/etc/stagebox.yaml" --library $home/library \
      --record $home/sim.wav --status-file $home/status
}

BUILT=()
for arch in $ARCHES; do
  for mode in $MODES; do
    echo "publishing linux-$arch $mode"
    if publish $arch $mode; then
      BUILT+=("$arch $mode")
    else
      echo "  linux-$arch $mode did not publish; the first error in $W/publish-linux-$arch-$mode.log:"
      grep -m1 -E 'error|Error' $W/publish-linux-$arch-$mode.log | sed 's/^ */    /' | cut -c1-400 || tail -3 $W/publish-linux-$arch-$mode.log
    fi
  done
done
[ ${#BUILT[@]} -gt 0 ] || { echo "nothing published" >&2; exit 1; }

declare -A FIRST TIMES RENDER
# The demo show written once, by the first build published (x64's when there is one: native, seconds).
set -- ${BUILT[0]}
rm -rf $W/demo-show
$(launcher $1 $2) demo $W/demo-show > /dev/null
for built in "${BUILT[@]}"; do
  set -- $built
  rm -rf $W/home-$1-$2 && mkdir -p $W/home-$1-$2/share/stagebox
  FIRST[$built]=-
  if [ $FIRST_START = 1 ]; then
    FIRST[$built]=$(start_once $1 $2 first)
    echo "  first start (writes the demo show) linux-$1 $2: ${FIRST[$built]} ms"
  else
    # Every mode's home gets the same demo show: the timed starts all find it there.
    cp -a $W/demo-show $W/home-$1-$2/share/stagebox/demo-show
  fi
done
# Each build renders the same song; every WAV must equal the first build's byte for byte.
FIRST_WAV=$W/render-${BUILT[0]/ /-}.wav
for built in "${BUILT[@]}"; do
  set -- $built
  wav=$W/render-$1-$2.wav
  $(launcher $1 $2) render $W/demo-show/songs/midnight-drive -o $wav --config "$REPO/deploy/etc/stagebox.yaml" > /dev/null
  if cmp -s $FIRST_WAV $wav; then RENDER[$built]="same WAV"; else RENDER[$built]="WAV DIFFERS from ${BUILT[0]}'s"; fi
done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# Round by round, every mode once per round: load from elsewhere on the machine falls on all alike.
for ((run = 1; run <= RUNS; run++)); do
  for built in "${BUILT[@]}"; do
    set -- $built
    ms=$(start_once $1 $2 $run)
    TIMES[$built]+="$ms "
    echo "  run $run linux-$1 $2: $ms ms"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo
echo "start to READY=1 of 'stagebox run --sim', $RUNS steady runs per mode (ms; x64 native, arm64 under qemu-aarch64-static)"
printf '%-6s %-5s %8s %8s %8s %11s %6s  %s\n' arch mode median min vs-r2r first-start size "render; exit lines"
for built in "${BUILT[@]}"; do
  set -- $built
  med=$(echo ${TIMES[$built]} | median)
  min=$(echo ${TIMES[$built]} | tr ' ' '\n' | grep . | sort -n | head -1)
  ratio=-
  if [ -n "${TIMES[$1 r2r]:-}" ]; then ratio=$(echo "$med $(echo ${TIMES[$1 r2r]} | median)" | awk '{ printf "%.2f", $1 / $2 }'); fi
  # Each run's exit lines: the audio thread allocated nothing after its warm-up.
  clean=$(grep -l 'audio thread allocations after warm-up: 0 bytes' $W/home-$1-$2/run-[0-9]*.log | wc -l)
  printf '%-6s %-5s %8s %8s %8s %11s %6s  %s\n' $1 $2 $med $min $ratio "${FIRST[$built]}" \
    "$(du -sh $W/publish-linux-$1-$2 | cut -f1)" "${RENDER[$built]}; 0 bytes allocated in $clean of $RUNS"
done
