#!/bin/bash
# Lays the root made by build.sh out as a disk image: boot (FAT), root (ext4, read-only on the
# box), data (ext4). No loop devices or mounts: mkfs.ext4 -d and mtools fill the file systems
# from folders, sfdisk writes the table, dd places them.  Args: ARCH WORK_DIR IMAGE
set -euo pipefail
ARCH=$1 A=$2 IMG=$3
REPO=$(cd "$(dirname "$0")/.." && pwd)
. "$REPO/image/layout.sh"
R=$A/rootfs B=$A/bootpart DATA=$A/datapart
SDE=${SOURCE_DATE_EPOCH:?}
export E2FSPROGS_FAKE_TIME=$SDE
rm -rf "$B" "$DATA"; mkdir -p "$B" "$DATA"
KV=$(basename "$(ls "$R"/boot/vmlinuz-* | sort -V | tail -n 1)" | sed 's/^vmlinuz-//')

# ------------------------------------------------------------ boot partition
if [ "$ARCH" = amd64 ]; then
  BOOT_MIB=64
  # UEFI: the firmware starts systemd-boot from the removable-media path; it loads the entry below.
  mkdir -p "$B/EFI/BOOT" "$B/loader/entries" "$B/stagebox"
  cp "$R/usr/lib/systemd/boot/efi/systemd-bootx64.efi" "$B/EFI/BOOT/BOOTX64.EFI"
  cp "$R/boot/vmlinuz-$KV" "$B/stagebox/vmlinuz"; cp "$R/boot/initrd.img-$KV" "$B/stagebox/initrd.img"
  printf 'default stagebox.conf\ntimeout 0\neditor no\n' > "$B/loader/loader.conf"
  printf 'title StageBox (%s)\nlinux /stagebox/vmlinuz\ninitrd /stagebox/initrd.img\noptions %s console=tty0 console=ttyS0,115200\n' \
    "$KV" "$BOX_CMDLINE" > "$B/loader/entries/stagebox.conf"
else
  BOOT_MIB=256
  "$REPO/image/raspi-boot.sh" "$R" "$B" "$KV" "$REPO"
fi

# ------------------------------------------------------------ data partition: the library, the journal, the mixer state
mkdir -p "$DATA/stagebox" "$DATA/journal" "$DATA/alsa"
chmod 755 "$DATA/stagebox" "$DATA/alsa"
# As systemd-tmpfiles would make it: root:systemd-journal, setgid.
chown 0:"$(awk -F: '$1 == "systemd-journal" {print $3}' "$R/etc/group")" "$DATA/journal"; chmod 2755 "$DATA/journal"

# ------------------------------------------------------------ reproducible time stamps, then the file systems
for d in "$R" "$B" "$DATA"; do find "$d" -newermt "@$SDE" -print0 | xargs -0r touch -h -d "@$SDE"; done
ROOT_MIB=$(( $(du -sm --apparent-size "$R" | cut -f1) * 115 / 100 + 96 ))
rm -f "$A"/*.part
mkfs.ext4 -q -F -L "$ROOT_LABEL" -U "$ROOT_UUID" -E hash_seed="$ROOT_HASH_SEED" -m 0 -d "$R" "$A/root.part" "${ROOT_MIB}M"
mkfs.ext4 -q -F -L "$DATA_LABEL" -U "$DATA_UUID" -E hash_seed="$DATA_HASH_SEED" -m 1 -d "$DATA" "$A/data.part" "${DATA_MIB}M"
mkfs.vfat --invariant -C -F 32 -S 512 -n "$BOOT_LABEL" -i "$BOOT_VOLID" "$A/boot.part" $((BOOT_MIB * 1024)) > /dev/null
MTOOLS_SKIP_CHECK=1 mcopy -s -p -m -i "$A/boot.part" "$B"/* ::/

# ------------------------------------------------------------ the disk: 1 MiB for the table, the three partitions, 1 MiB for GPT's backup
MiB=2048   # sectors
P1=$MiB; P2=$((P1 + BOOT_MIB * MiB)); P3=$((P2 + ROOT_MIB * MiB)); END=$((P3 + DATA_MIB * MiB))
rm -f "$IMG"; truncate -s $(( (END + MiB) * 512 )) "$IMG"
if [ "$ARCH" = amd64 ]; then
  sfdisk -q "$IMG" <<TABLE
label: gpt
label-id: $DISK_GUID
start=$P1, size=$((BOOT_MIB * MiB)), type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, uuid=${DISK_GUID%??}b1, name="boot"
start=$P2, size=$((ROOT_MIB * MiB)), type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, uuid=${DISK_GUID%??}b2, name="$ROOT_LABEL"
start=$P3, size=$((DATA_MIB * MiB)), type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, uuid=${DISK_GUID%??}b3, name="$DATA_LABEL"
TABLE
else
  sfdisk -q "$IMG" <<TABLE
label: dos
label-id: $DOS_DISK_ID
start=$P1, size=$((BOOT_MIB * MiB)), type=c, bootable
start=$P2, size=$((ROOT_MIB * MiB)), type=83
start=$P3, size=$((DATA_MIB * MiB)), type=83
TABLE
fi
for p in boot:$P1 root:$P2 data:$P3; do
  dd if="$A/${p%%:*}.part" of="$IMG" bs=512 seek=${p#*:} conv=notrunc,sparse status=none
done
rm -f "$A"/*.part
sha256sum "$IMG" | sed "s|  .*|  $(basename "$IMG")|" > "$IMG.sha256"
# Where each partition starts, for the boot test and for anyone mounting the image with an offset.
printf 'kernel=%s\nboot_start=%s\nroot_start=%s\nroot_sectors=%s\ndata_start=%s\ndata_sectors=%s\n' \
  "$KV" $P1 $P2 $((ROOT_MIB * MiB)) $P3 $((DATA_MIB * MiB)) > "$IMG.layout"
