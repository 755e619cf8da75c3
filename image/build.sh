#!/bin/bash
# Builds StageBox's OS image for ARCH (amd64, or arm64 for the Raspberry Pi) with Debian's
# mmdebstrap: a root file system with the kernel, the self-contained published firmware (the
# .NET runtime inside it), the audio libraries and deploy/, laid out as
#   partition 1  boot (FAT: systemd-boot + kernel on amd64, the Pi's firmware and config.txt on arm64)
#   partition 2  root (ext4, mounted read-only)
#   partition 3  data (ext4: the show library and the journal)
# Output: build/image/stagebox-ARCH.img (raw disk image), its package manifest and checksums.
# Reproducible where it can be: SOURCE_DATE_EPOCH from the last commit, sorted package lists,
# fixed file system UUIDs, disk and partition GUIDs, hash seeds and time stamps (image/README.md).
# Needs root on Debian 12; installs what it needs. Cache: $IMAGE_DIR (/var/tmp/stagebox-image).
set -euo pipefail
ARCH=${1:-amd64}
REPO=$(cd "$(dirname "$0")/.." && pwd)
W=${IMAGE_DIR:-/var/tmp/stagebox-image}
OUT=$REPO/build/image
T0=$EPOCHREALTIME
log(){ printf '[image %6.1fs] %s\n' "$(echo "$EPOCHREALTIME - $T0" | bc)" "$*"; }
. "$REPO/image/layout.sh"
# The Debian suite: bookworm for the x86 box; trixie for the Pi, whose 6.12 kernel has the
# PCM5102A codec driver and the Pi 5's device tree that bookworm's 6.1 lacks (image/README.md, "arm64").
case $ARCH in
  amd64) RID=linux-x64; BOOT_MIB=64; SUITE=bookworm ;;
  # Raspberry Pi OS's archive (RASPI_APT_SOURCE, below) is built for bookworm.
  arm64) RID=linux-arm64; BOOT_MIB=256; SUITE=trixie; [ -n "${RASPI_APT_SOURCE:-}" ] && SUITE=bookworm ;;
  *) echo "usage: $0 amd64|arm64" >&2; exit 2 ;;
esac
HOST_PACKAGES=(mmdebstrap dosfstools mtools fdisk e2fsprogs zstd bc python3 xz-utils)
[ $ARCH = arm64 ] && HOST_PACKAGES+=(qemu-user-static binfmt-support arch-test)
"$REPO/tests/install-debian-packages.sh" "${HOST_PACKAGES[@]}"
if [ $ARCH = arm64 ] && ! arch-test arm64 > /dev/null 2>&1; then
  # binfmt_misc lets the arm64 chroot's maintainer scripts run under qemu-user.
  mountpoint -q /proc/sys/fs/binfmt_misc || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  update-binfmts --enable qemu-aarch64
  arch-test arm64 > /dev/null || { echo "arm64 binaries cannot run here (binfmt_misc with qemu-user-static); see image/README.md" >&2; exit 1; }
fi
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$REPO" log -1 --format=%ct)}
mkdir -p $W/debs-$ARCH $OUT
A=$W/$ARCH
# A build stopped mid-way can leave mmdebstrap's mounts (proc, sys, dev/pts) in its root: they
# go first, so that rm never walks into them.
findmnt -rn -o TARGET | { grep "^$A/" || true; } | sort -r | xargs -r -n 1 umount -l
rm -rf $A; mkdir -p $A

# ------------------------------------------------------------ the firmware, self-contained (.NET runtime included)
log "publishing the firmware for $RID (self-contained, ReadyToRun)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# ReadyToRun: the firmware's own code and its libraries precompiled, as the framework already is, so
# the box does not JIT them at every start (TieredCompilation is off: each method would be compiled
# fully optimised on first call). Halves the time from start to READY under QEMU.
# Its own artifacts folder: nothing shared with `make build`'s bin/ and obj/ (a build may run beside it).
dotnet publish "$REPO/firmware/App/StageBox.App.csproj" -c Release -r $RID --self-contained \
  -p:PublishReadyToRun=true --artifacts-path $W/artifacts-$ARCH -o $A/publish --nologo -v quiet
rm -f $A/publish/*.pdb

# ------------------------------------------------------------ root file system
# The common list names bookworm's packages; trixie renamed the libraries of the 64-bit time_t
# transition (libasound2 -> libasound2t64): image/packages-trixie.renames maps them.
PACKAGES=$(cat "$REPO/image/packages-common.txt" "$REPO/image/packages-$ARCH.txt" | sed 's/#.*//' | tr -s ' \n' '\n' | grep . | sort -u)
if [ -f "$REPO/image/packages-$SUITE.renames" ]; then
  PACKAGES=$(echo "$PACKAGES" | awk 'NR == FNR { if ($0 !~ /^(#|$)/) to[$1] = $2; next } { print ($1 in to) ? to[$1] : $1 }' "$REPO/image/packages-$SUITE.renames" - | sort -u)
fi
PACKAGES=$(echo "$PACKAGES" | paste -sd,)
COMPONENTS=main; [ $ARCH = arm64 ] && COMPONENTS=main,non-free-firmware
# trixie, named in full with its updates and security suites (bookworm's mmdebstrap adds those
# only for the suite it knows as stable, bookworm).
MIRRORS=()
[ $SUITE = trixie ] && MIRRORS=("deb http://deb.debian.org/debian trixie main non-free-firmware"
  "deb http://deb.debian.org/debian trixie-updates main non-free-firmware"
  "deb http://deb.debian.org/debian-security trixie-security main non-free-firmware")
# No emulated initramfs on arm64: update-initramfs is diverted before the kernel is installed, and
# image/initramfs.sh builds the initramfs on this host from the root's modules (image/README.md).
ARM64_HOOKS=()
[ $ARCH = arm64 ] && ARM64_HOOKS=(--essential-hook="\"$REPO/image/essential-hook.sh\" \"\$1\""
  --customize-hook="\"$REPO/image/initramfs.sh\" \"\$1\" $W/debs-$ARCH")
log "mmdebstrap $SUITE $ARCH: $(echo $PACKAGES | tr , ' ' | wc -w) packages named"
RASPI_HOOK=()
if [ $ARCH = arm64 ] && [ -n "${RASPI_APT_SOURCE:-}" ]; then
  # Raspberry Pi OS's kernel instead of Debian's: its device-tree overlays and the I2S DACs'
  # drivers (image/README.md, "arm64"). Needs that archive, which this machine cannot reach:
  # RASPI_APT_SOURCE is its apt line, RASPI_APT_KEY its signing key (an .asc or .gpg file).
  [ -s "${RASPI_APT_KEY:-}" ] || { echo "RASPI_APT_SOURCE needs RASPI_APT_KEY, the archive's signing key file" >&2; exit 1; }
  cp "$RASPI_APT_KEY" $W/raspi-archive.${RASPI_APT_KEY##*.}
  RASPI_HOOK=(--setup-hook="mkdir -p \"\$1\"/etc/apt/sources.list.d \"\$1\"/etc/apt/trusted.gpg.d && cp $W/raspi-archive.${RASPI_APT_KEY##*.} \"\$1\"/etc/apt/trusted.gpg.d/ && echo '$RASPI_APT_SOURCE' > \"\$1\"/etc/apt/sources.list.d/raspi.list")
  PACKAGES=${PACKAGES/linux-image-arm64/linux-image-rpi-v8}
fi
# Debian's mirror with the suite's -updates and -security.
# The .debs are kept in $W/debs-ARCH between builds (mmdebstrap's documented local-cache recipe).
mmdebstrap --variant=required --architectures=$ARCH --components=$COMPONENTS --include="$PACKAGES" \
  --aptopt='APT::Install-Recommends "false"' --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
  --skip=download/empty --skip=essential/unlink \
  --setup-hook="mkdir -p \"\$1\"/var/cache/apt/archives && cp $W/debs-$ARCH/*.deb \"\$1\"/var/cache/apt/archives/ 2>/dev/null || true" \
  --setup-hook="\"$REPO/image/setup-hook.sh\" $ARCH \"\$1\" \"$REPO\"" \
  --customize-hook="cp \"\$1\"/var/cache/apt/archives/*.deb $W/debs-$ARCH/ 2>/dev/null; rm -f \"\$1\"/var/cache/apt/archives/*.deb" \
  "${ARM64_HOOKS[@]}" \
  --customize-hook="\"$REPO/image/customize.sh\" $ARCH \"\$1\" \"$REPO\" $A/publish" \
  "${RASPI_HOOK[@]}" $SUITE $A/rootfs "${MIRRORS[@]}" \
  2>&1 | grep -vE '^I: (running|downloading|extracting|installing|configuring|cleaning)|^W: Download is performed unsandboxed' || true
[ -x $A/rootfs/opt/stagebox/stagebox ] || { echo "mmdebstrap failed (no /opt/stagebox/stagebox in the root)" >&2; exit 1; }
chroot $A/rootfs dpkg-query -W -f='${Package} ${Version} ${Architecture}\n' | sort > $OUT/stagebox-$ARCH.packages
log "root file system: $(du -sh $A/rootfs | cut -f1), $(wc -l < $OUT/stagebox-$ARCH.packages) packages"

# ------------------------------------------------------------ partitions and the disk
"$REPO/image/assemble.sh" $ARCH $A $OUT/stagebox-$ARCH.img
log "image: $OUT/stagebox-$ARCH.img ($(du -h --apparent-size $OUT/stagebox-$ARCH.img | cut -f1), $(du -h $OUT/stagebox-$ARCH.img | cut -f1) used); sha256 $(cut -c1-16 $OUT/stagebox-$ARCH.img.sha256)"
