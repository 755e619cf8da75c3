#!/bin/bash
# mmdebstrap --setup-hook: before any package is installed, so the kernel's own postinst builds
# the initramfs the box boots with (once, and small) on amd64. arm64 builds its own on the build
# host instead (image/initramfs.sh, image/essential-hook.sh).  Args: ARCH ROOT REPO
set -euo pipefail
ARCH=$1 R=$2
mkdir -p "$R/boot/firmware"
[ "$ARCH" = amd64 ] || exit 0
mkdir -p "$R/etc/initramfs-tools/conf.d" "$R/etc/initramfs-tools/hooks"
# Only the drivers that reach a root on a small x86 box or a VM: SATA/AHCI, NVMe, virtio,
# USB storage and SD/eMMC, ext4. A listed set boots ~2 s faster under QEMU than `most`.
echo "MODULES=list" > "$R/etc/initramfs-tools/conf.d/stagebox"
cat > "$R/etc/initramfs-tools/hooks/stagebox" <<'HOOK'
#!/bin/sh
[ "$1" = prereqs ] && exit 0
. /usr/share/initramfs-tools/hook-functions
for m in ext4 crc32c_generic crc32c-intel virtio_pci virtio_blk virtio_scsi ahci sd_mod nvme \
         mmc_block sdhci_pci sdhci_acpi usb_storage uas xhci_pci ehci_pci; do
  manual_add_modules $m
done
HOOK
chmod +x "$R/etc/initramfs-tools/hooks/stagebox"
echo "COMPRESS=zstd" >> "$R/etc/initramfs-tools/conf.d/stagebox"
