#!/bin/bash
# Compiles the box's device-tree overlays (deploy/raspi/overlays/*.dts) with dtc, applies each
# to every Raspberry Pi device tree the arm64 image boots (fdtoverlay) and checks the result
# (fdtget): a broken overlay fails here, at build time, not at a gig. image/README.md, "arm64".
#   image/overlays.sh [DTB_DIR [OUT_DIR]]
# DTB_DIR: a folder with the boards' .dtb files (raspi-boot.sh passes the boot partition's, the
# very files the Pi boots); without it, the
# kernel .deb the image installs (trixie's linux-image-arm64) is fetched on its own with a
# separate APT_CONFIG (nothing of the host's apt set-up changes) and its device trees used.
# OUT_DIR gets the .dtbo files (default $IMAGE_DIR/overlays/dtbo). Needs device-tree-compiler.
# Ends with the suites' two summary lines ("overlays: E expected, P passed, F failed, R retried"
# and "P passed, F failed"); exit status 0 only if none failed.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
W=${IMAGE_DIR:-/var/tmp/stagebox-image}/overlays
DTB_DIR=${1:-}
OUT=${2:-$W/dtbo}
SUITE=${SUITE:-trixie}   # the arm64 image's suite (build.sh)
# The boards the overlays are written for: the BCM2711's (upstream names, as Debian ships them).
BOARDS=(bcm2711-rpi-4-b bcm2711-rpi-400 bcm2711-rpi-cm4-io)
# Checks per board: stagebox-pi 19, stagebox-pcm5102a 8, stagebox-pcm512x 9.
EXPECTED=$(( ${#BOARDS[@]} * (19 + 8 + 9) ))
"$REPO/tests/install-debian-packages.sh" device-tree-compiler

fetch_device_trees() {
  # The arm64 kernel package, alone: an apt of its own (state, cache, sources) for arm64.
  local A=$W/apt-arm64
  mkdir -p $A/state/lists/partial $A/cache/archives/partial $A/debs
  cat > $A/sources.list <<SOURCES
deb http://deb.debian.org/debian $SUITE main
deb http://deb.debian.org/debian $SUITE-updates main
deb http://deb.debian.org/debian-security $SUITE-security main
SOURCES
  cat > $A/apt.conf <<CONF
APT::Architecture "arm64";
APT::Architectures { "arm64"; };
Dir::State "$A/state";
Dir::State::status "$A/state/status";
Dir::Cache "$A/cache";
Dir::Etc::SourceList "$A/sources.list";
Dir::Etc::SourceParts "/nonexistent";
APT::Sandbox::User "root";
CONF
  touch $A/state/status
  export APT_CONFIG=$A/apt.conf
  apt-get update -qq
  # linux-image-arm64 is a metapackage: the kernel is the package it depends on.
  local kernel
  kernel=$(apt-cache depends linux-image-arm64 | sed -n 's/^ *Depends: \(linux-image-[0-9].*-arm64\)$/\1/p' | head -n 1)
  [ -n "$kernel" ] || { echo "overlays: no kernel package behind linux-image-arm64 in $SUITE" >&2; exit 1; }
  local version
  version=$(apt-cache policy "$kernel" | sed -n 's/^ *Candidate: //p')
  local deb=$A/debs/${kernel}_${version}_arm64.deb
  if [ ! -s "$deb" ]; then
    (cd $A/debs && apt-get download -qq "$kernel")
    mv $A/debs/${kernel}_*_arm64.deb "$deb" 2>/dev/null || true
  fi
  unset APT_CONFIG
  DTB_DIR=$W/dtbs-$kernel-$version
  if [ ! -d "$DTB_DIR" ]; then
    rm -rf $DTB_DIR.tmp && mkdir -p $DTB_DIR.tmp
    dpkg-deb --fsys-tarfile "$deb" | tar -x -C $DTB_DIR.tmp --wildcards --no-anchored 'broadcom/bcm27*-rpi-*.dtb'
    mkdir -p $DTB_DIR && mv $DTB_DIR.tmp/usr/lib/linux-image-*/broadcom/*.dtb $DTB_DIR/ && rm -rf $DTB_DIR.tmp
  fi
  echo "overlays: device trees of $kernel $version ($SUITE)"
}
[ -n "$DTB_DIR" ] || fetch_device_trees

# ------------------------------------------------------------ compile
mkdir -p "$OUT"
for source in "$REPO"/deploy/raspi/overlays/*.dts; do
  name=$(basename "$source" .dts)
  dtc -q -@ -I dts -O dtb -o "$OUT/$name.dtbo" "$source" || { echo "overlays: $source does not compile" >&2; exit 1; }
done

# ------------------------------------------------------------ apply to each board's tree and check
passed=0; failed=0
check() { # what expected actual
  if [ "$2" = "$3" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $board $overlay: $1: expected '$2', got '$3'"; fi
}
get() { fdtget "$@" 2>/dev/null || echo "(absent)"; }
GPIO=/soc/gpio@7e200000 SPI=/soc/spi@7e204000 I2S=/soc/i2s@7e203000
for board in "${BOARDS[@]}"; do
  base=$DTB_DIR/$board.dtb
  [ -f "$base" ] || { echo "overlays: $base is missing" >&2; exit 1; }
  # The box's own overlays only: OUT may also hold raspi-firmware's (trixie's ships two).
  for overlay in $(cd "$REPO/deploy/raspi/overlays" && ls *.dts | sed 's/\.dts$//'); do
    tree=$W/applied/$board+$overlay.dtb; mkdir -p $W/applied
    if ! fdtoverlay -i "$base" -o "$tree" "$OUT/$overlay.dtbo"; then check "fdtoverlay applies it" applied "refused"; continue; fi
    check "the GPIO controller keeps its phandle" "$(get $base $GPIO phandle)" "$(get $tree $GPIO phandle)"
    case $overlay in
      stagebox-pi)
        check "SPI0 enabled" okay "$(get $tree $SPI status)"
        check "spidev on chip select 0: compatible" lwn,bk4 "$(get -t s $tree $SPI/spidev@0 compatible)"
        check "spidev on chip select 0: reg" 0 "$(get $tree $SPI/spidev@0 reg)"
        check "SPI0's pins are MISO, MOSI, SCLK in ALT0" "9 10 11 / 4" "$(get $tree $GPIO/stagebox-spi0 brcm,pins) / $(get $tree $GPIO/stagebox-spi0 brcm,function)"
        check "SPI0 uses those pins" "$(get $tree $GPIO/stagebox-spi0 phandle)" "$(get $tree $SPI pinctrl-0)"
        read -ra names <<< "$(get -t s $tree $GPIO gpio-line-names)"
        check "gpio-line-names: one per line" 58 "${#names[@]}"
        for line in WDOG_IN:4 FOOT_LEFT:5 FOOT_MIDDLE:6 FOOT_RIGHT:13 ENC_A:16 WDOG_OUT:17 PANEL_DC:24 PANEL_RESET:25 ENC_B:26 ENC_PUSH:27; do
          check "line ${line#*:} named" "${line%:*}" "${names[${line#*:}]:-}"
        done
        check "the controller applies the lines' pulls at boot" "$(get $tree $GPIO/stagebox-lines phandle)" "$(get $tree $GPIO pinctrl-0)"
        read -ra pins <<< "$(get $tree $GPIO/stagebox-lines brcm,pins)"; read -ra pulls <<< "$(get $tree $GPIO/stagebox-lines brcm,pull)"
        declare -A pull=(); for i in "${!pins[@]}"; do pull[${pins[$i]}]=${pulls[$i]:-}; done
        check "pulls: footswitches and encoder up, watchdog lines and panel down" "2 2 2 2 2 2 1 1 1 1" \
          "${pull[5]:-} ${pull[6]:-} ${pull[13]:-} ${pull[16]:-} ${pull[26]:-} ${pull[27]:-} ${pull[4]:-} ${pull[17]:-} ${pull[24]:-} ${pull[25]:-}"
        ;;
      stagebox-pcm5102a|stagebox-pcm512x)
        if [ $overlay = stagebox-pcm5102a ]; then codec=/pcm5102a-codec compatible=ti,pcm5102a
        else codec=/soc/i2c@7e804000/pcm5122@4d compatible=ti,pcm5122; check "the codec at I2C address 0x4d" 4d "$(get -t x $tree $codec reg)"; fi
        check "I2S enabled" okay "$(get $tree $I2S status)"
        check "the codec" "$compatible" "$(get -t s $tree $codec compatible)"
        check "the card" simple-audio-card "$(get -t s $tree /sound compatible)"
        check "the card's CPU side is the I2S" "$(get $tree $I2S phandle)" "$(get $tree /sound/simple-audio-card,cpu sound-dai)"
        check "the card's codec side is the codec" "$(get $tree $codec phandle)" "$(get $tree /sound/simple-audio-card,codec sound-dai)"
        check "the I2S is clock master" "$(get $tree /sound/simple-audio-card,cpu phandle)" "$(get $tree /sound simple-audio-card,bitclock-master)"
        check "the I2S's pins" "$(get $tree $GPIO/stagebox-i2s phandle)" "$(get $tree $I2S pinctrl-0)"
        ;;
      *) check "a check for this overlay in image/overlays.sh" known unknown ;;
    esac
  done
done
echo "overlays: $(ls "$REPO"/deploy/raspi/overlays/*.dts | wc -l) overlays on ${#BOARDS[@]} boards -> $OUT"
missing=$(( EXPECTED - passed - failed )); [ $missing -lt 0 ] && missing=1
echo "overlays: $EXPECTED expected, $passed passed, $failed failed, 0 retried"
echo "$passed passed, $((failed + missing)) failed"
[ $((failed + missing)) -eq 0 ]
