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
KDIR=$R/usr/lib/linux-image-$KV
# The device trees the kernel package ships: Raspberry Pi OS's kernel (RASPI_KERNEL=rpi) under the
# Raspberry Pi names the firmware looks for (bcm2710-rpi-3-b.dtb...) with its overlays/; Debian's
# under mainline names, and no overlays (Debian ships none).
cp "$KDIR"/broadcom/bcm27*-rpi-*.dtb "$B/" 2>/dev/null || cp "$R"/boot/dtbs/*/broadcom/bcm27*-rpi-*.dtb "$B/" 2>/dev/null || echo "raspi-boot: no device trees found for $KV" >&2
if [ -d "$KDIR/overlays" ]; then cp -r "$KDIR/overlays" "$B/"
elif [ -d "$FW/overlays" ]; then cp -r "$FW/overlays" "$B/"
else mkdir -p "$B/overlays"; fi
# The box's own overlays (deploy/raspi/overlays), compiled, applied to the very device trees copied
# above and checked: a broken overlay fails the image build here.
"$REPO/image/overlays.sh" "$B" "$B/overlays"
{
  cat "$REPO/deploy/raspi/config.txt"
  if [ ! -f "$B/bcm2710-rpi-3-b.dtb" ]; then
    # Mainline names: the firmware is told each board's file.
    printf '\n# Debian ships mainline device trees, under mainline names.\n'
    printf '[pi3]\ndevice_tree=bcm2837-rpi-3-b.dtb\n[pi3+]\ndevice_tree=bcm2837-rpi-3-b-plus.dtb\n[pi02]\ndevice_tree=bcm2837-rpi-zero-2-w.dtb\n'
    printf '[pi4]\ndevice_tree=bcm2711-rpi-4-b.dtb\n[pi400]\ndevice_tree=bcm2711-rpi-400.dtb\n[cm4]\ndevice_tree=bcm2711-rpi-cm4-io.dtb\n[all]\n'
  fi
} > "$B/config.txt"
cp "$REPO/deploy/raspi/stagebox-spi.txt" "$B/"
cp "$REPO/deploy/raspi/dac/${RASPI_DAC:-usb}.txt" "$B/stagebox-dac.txt"
# The others beside it, to switch interface by copying one over stagebox-dac.txt.
mkdir -p "$B/stagebox-dac"; cp "$REPO"/deploy/raspi/dac/*.txt "$B/stagebox-dac/"
echo "console=serial0,115200 console=tty1 $BOX_CMDLINE" > "$B/cmdline.txt"
