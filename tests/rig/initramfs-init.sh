#!/bin/busybox sh
# PID 1 of the rig's initramfs: load virtio and 9p, mount the host root read-only and the
# rig's folder writable, then switch_root into the host root and run the guest test script.
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sysfs /sys; mount -t devtmpfs devtmpfs /dev
for m in $(cat /mod/order); do insmod /mod/$m || echo "insmod $m failed"; done
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose hostroot /newroot || { echo "9p root mount failed"; poweroff -f; }
R=/newroot
mount -t tmpfs -o mode=1777 tmpfs $R/tmp; mount -t tmpfs tmpfs $R/run; mount -t tmpfs -o mode=1777 tmpfs $R/var/tmp
RIGDIR=$(sed -n 's/.*rig_dir=\([^ ]*\).*/\1/p' /proc/cmdline); GINIT=$(sed -n 's/.*guest_init=\([^ ]*\).*/\1/p' /proc/cmdline)
REPO=$(sed -n 's/.*repo=\([^ ]*\).*/\1/p' /proc/cmdline)
# The checkout and the rig's folder get their own shares, mounted at their host paths: the
# tmpfs mounts above would otherwise hide them when they live under /tmp or /var/tmp.
mkdir -p $R$REPO $R$RIGDIR 2>/dev/null
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose repo $R$REPO || echo "9p repo mount failed"
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 rig $R$RIGDIR || echo "9p rig mount failed"
mount --move /dev $R/dev; mount --move /proc $R/proc; mount --move /sys $R/sys
exec switch_root /newroot $GINIT
