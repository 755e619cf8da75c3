#!/bin/bash
# The arm64 image's initramfs, built on the build host with no emulation: busybox-static (arm64)
# as its shell and tools, the kernel modules that reach the root file system, and
# image/initramfs-init.sh as /init. Under qemu-user, Debian's update-initramfs (MODULES=most)
# ran for more than 45 minutes here; this takes seconds. The image's update-initramfs is diverted
# (image/essential-hook.sh), so the kernel's postinst in the emulated root never builds one.
#   image/initramfs.sh ROOT CACHE_DIR     (an mmdebstrap --customize-hook in build.sh)
# ROOT: the image's root; the initramfs (gzip'd newc cpio) goes to ROOT/boot/initrd.img-VERSION
# for its newest kernel, from that kernel's modules and modules.dep. CACHE_DIR keeps the
# busybox-static .deb between builds.
set -euo pipefail
R=$1 CACHE=$2
KV=$(basename "$(ls "$R"/boot/vmlinuz-* | sort -V | tail -n 1)" | sed 's/^vmlinuz-//')
OUT=$R/boot/initrd.img-$KV
REPO=$(cd "$(dirname "$0")/.." && pwd)
# What reaches the root (with their dependencies, from the image's own modules.dep):
#   everywhere       ext4 (the root file system)
#   Raspberry Pi     sdhci-iproc (the Pi 4's SD/eMMC, emmc2) and bcm2835 (the Pi 3's SD host),
#                    mmc_block; the Pi 4's SD needs the firmware's clock (clk-raspberrypi) and its
#                    1.8 V switch (gpio-regulator on the firmware's GPIO expander); USB boot:
#                    the Pi 4's PCIe xHCI (pcie-brcmstb, reset-raspberrypi, xhci-pci), usb-storage, uas
#   QEMU virt        virtio-pci, virtio-mmio, virtio-blk (the boot test, image/boot-test.sh)
# A name the kernel has built in is skipped; a name it has neither built in nor as a module
# fails the build (a renamed driver must not silently drop out of the initramfs).
MODULES="ext4 mmc_block sdhci_iproc bcm2835 clk_raspberrypi gpio_raspberrypi_exp gpio_regulator
  pcie_brcmstb reset_raspberrypi xhci_pci usb_storage uas sd_mod virtio_pci virtio_mmio virtio_blk"
"$REPO/tests/install-debian-packages.sh" cpio kmod xz-utils zstd
W=$(mktemp -d "${TMPDIR:-/tmp}/stagebox-initramfs.XXXX"); trap 'rm -rf "$W"' EXIT
I=$W/root; mkdir -p "$I"/bin "$I"/mod "$I"/proc "$I"/sys "$I"/dev "$I"/newroot
# The kernel opens /dev/console for /init before anything is mounted: without it /init is mute.
mknod -m 600 "$I/dev/console" c 5 1

# busybox-static for arm64, once: the host's apt (nothing emulated) reading the root's own package
# lists, so the same suite and mirror as the image.
deb=$(ls "$CACHE"/busybox-static_*_arm64.deb 2> /dev/null | sort -V | tail -n 1 || true)
if [ -z "$deb" ]; then
  (cd "$CACHE" && apt-get download -qq -o APT::Architecture=arm64 -o Dir::State="$R/var/lib/apt" \
    -o Dir::State::status="$R/var/lib/dpkg/status" -o Dir::Etc::SourceList="$R/etc/apt/sources.list" \
    -o Dir::Etc::SourceParts=/nonexistent -o Dir::Cache="$W/apt-cache" -o APT::Sandbox::User=root busybox-static)
  deb=$(ls "$CACHE"/busybox-static_*_arm64.deb | sort -V | tail -n 1)
fi
dpkg-deb -x "$deb" "$W/busybox"
cp "$(find "$W/busybox" -name busybox -type f -path '*bin/*' | head -n 1)" "$I/bin/busybox"

# The modules, dependencies first, each once, uncompressed (busybox's insmod reads plain .ko).
for m in $MODULES; do
  deps=$(modprobe -d "$R" -S "$KV" --show-depends "$m" 2>&1) || { echo "initramfs: no module $m in $KV: $deps" >&2; exit 1; }
  echo "$deps"
done | awk '$1 == "insmod" && !seen[$2]++ { print $2 }' | while read -r path; do
  name=$(basename "$path"); name=${name%.xz}; name=${name%.zst}
  case $path in
    *.xz) xz -dc "$path" > "$I/mod/$name" ;;
    *.zst) zstd -qdc "$path" > "$I/mod/$name" ;;
    *) cp "$path" "$I/mod/$name" ;;
  esac
  echo "$name"
done > "$I/mod/order"
cp "$REPO/image/initramfs-init.sh" "$I/init"; chmod 755 "$I/init"

# Reproducible: sorted names, every time stamp SOURCE_DATE_EPOCH, no owners but root.
find "$I" -exec touch -h -d "@${SOURCE_DATE_EPOCH:?}" {} +
(cd "$I" && find . | LC_ALL=C sort | cpio -o -H newc --quiet --reproducible -R 0:0 | gzip -9n) > "$OUT"
echo "initramfs: $(du -h "$OUT" | cut -f1), busybox $(basename "$deb" | cut -d_ -f2), $(wc -l < "$I/mod/order") modules: $(sed 's/\.ko$//' "$I/mod/order" | tr '\n' ' ')"
