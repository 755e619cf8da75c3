#!/bin/busybox sh
# PID 1 of the arm64 image's initramfs (image/initramfs.sh builds it on the build host): loads the
# drivers that reach the root on a Pi (SD, eMMC, USB) or under QEMU's virt machine (virtio), waits
# for the root named by root= on the kernel command line (UUID=, LABEL= or a device),
# mounts it read-only and hands over to systemd. On any failure it says why on the console and
# drops to a shell there, as Debian's initramfs does.
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sysfs /sys; mount -t devtmpfs devtmpfs /dev
rescue(){ echo "initramfs: $*; a shell on the console (exit to retry the boot)"; sh; }
# Each module once, in the order modules.dep gives (dependencies first). A driver with no device
# here (the Pi's SD host under QEMU, virtio on a Pi) loads and binds nothing.
for m in $(cat /mod/order); do insmod /mod/$m 2> /dev/null || echo "initramfs: insmod $m failed"; done
ROOT=; FSTYPE=ext4; INIT=/sbin/init
for arg in $(cat /proc/cmdline); do
  case $arg in
    root=*) ROOT=${arg#root=} ;;
    rootfstype=*) FSTYPE=${arg#rootfstype=} ;;
    init=*) INIT=${arg#init=} ;;
  esac
done
find_root(){ case $ROOT in UUID=*|LABEL=*) findfs "$ROOT" 2> /dev/null ;; *) [ -b "$ROOT" ] && echo "$ROOT" ;; esac; }
# rootwait: an SD card or a USB disk appears when its driver has probed, a few seconds on a Pi.
i=0; DEV=$(find_root)
while [ -z "$DEV" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); DEV=$(find_root); done
while [ -z "$DEV" ]; do rescue "no root file system $ROOT after 30 s"; DEV=$(find_root); done
until mount -t "$FSTYPE" -o ro "$DEV" /newroot; do rescue "mounting $DEV ($ROOT) read-only failed"; done
# The box's machine id from its board's serial number (the Pi's firmware puts it in the device tree),
# the same at every boot: the root is read-only and its /etc/machine-id empty, so systemd would
# otherwise make a new one at each boot, and the journal on /data would keep each boot under a
# machine of its own that journald never vacuums (deploy/README.md, "Logs"). /run is the tmpfs
# systemd takes over as its own; a board with no serial keeps systemd's transient id.
SERIAL=$(tr -d '\0' < /proc/device-tree/serial-number 2> /dev/null)
if [ -n "$SERIAL" ] && [ ! -s /newroot/etc/machine-id ]; then
  mount -t tmpfs -o mode=0755,nosuid,nodev,size=20% tmpfs /newroot/run
  echo "stagebox board $SERIAL" | sha256sum | cut -c1-32 > /newroot/run/machine-id
  mount --bind /newroot/run/machine-id /newroot/etc/machine-id
fi
mount --move /dev /newroot/dev; mount --move /proc /newroot/proc; mount --move /sys /newroot/sys
exec switch_root /newroot "$INIT"
