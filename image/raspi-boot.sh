#!/bin/bash
# The Raspberry Pi's boot partition (FAT, partition 1), for assemble.sh: the Pi's boot firmware
# from Debian's raspi-firmware, Debian's kernel, initramfs and device trees, and deploy/raspi's
# config.txt with its fragments.  Args: ROOT BOOT_DIR KERNEL_VERSION REPO
# RASPI_DAC names the audio interface's fragment (deploy/raspi/dac/NAME.txt; default usb).
set -euo pipefail
R=$1 B=$2 KV=$3 REPO=$4
. "$REPO/image/layout.sh"
FW=$R/usr/lib/raspi-firmware
cp "$FW"/bootcode.bin "$FW"/start*.elf "$FW"/fixup*.dat "$B"/
cp "$FW"/LICENCE* "$B"/ 2>/dev/null || true
cp "$R/boot/vmlinuz-$KV" "$B/vmlinuz"; cp "$R/boot/initrd.img-$KV" "$B/initrd.img"
# Debian's (mainline) device trees for the boards the image supports.
for dtb in bcm2837-rpi-3-b bcm2837-rpi-3-b-plus bcm2837-rpi-zero-2-w bcm2711-rpi-4-b bcm2711-rpi-400 bcm2711-rpi-cm4-io; do
  cp "$R/usr/lib/linux-image-$KV/broadcom/$dtb.dtb" "$B/" 2>/dev/null || echo "raspi-boot: no $dtb.dtb in linux-image-$KV" >&2
done
# The firmware's device-tree overlays (dtoverlay=...), where the firmware package has them.
if [ -d "$FW/overlays" ]; then cp -r "$FW/overlays" "$B/"; else mkdir -p "$B/overlays"; fi
# config.txt: the firmware looks for the Raspberry Pi Foundation's file names (bcm2710-rpi-3-b.dtb);
# Debian's are mainline names, so each board is given its own.
{
  cat "$REPO/deploy/raspi/config.txt"
  printf '\n# Debian ships mainline device trees, under mainline names.\n'
  printf '[pi3]\ndevice_tree=bcm2837-rpi-3-b.dtb\n[pi3+]\ndevice_tree=bcm2837-rpi-3-b-plus.dtb\n[pi02]\ndevice_tree=bcm2837-rpi-zero-2-w.dtb\n'
  printf '[pi4]\ndevice_tree=bcm2711-rpi-4-b.dtb\n[pi400]\ndevice_tree=bcm2711-rpi-400.dtb\n[cm4]\ndevice_tree=bcm2711-rpi-cm4-io.dtb\n[all]\n'
} > "$B/config.txt"
cp "$REPO/deploy/raspi/stagebox-spi.txt" "$B/"
cp "$REPO/deploy/raspi/dac/${RASPI_DAC:-usb}.txt" "$B/stagebox-dac.txt"
# The others beside it, to switch interface by copying one over stagebox-dac.txt.
mkdir -p "$B/stagebox-dac"; cp "$REPO"/deploy/raspi/dac/*.txt "$B/stagebox-dac/"
echo "console=serial0,115200 console=tty1 $BOX_CMDLINE" > "$B/cmdline.txt"
