#!/bin/bash
# mmdebstrap --essential-hook (arm64): after Debian's essential packages, before the kernel. Diverts
# update-initramfs to a stub so that no maintainer script builds an initramfs in the emulated
# root (under qemu-user that took more than 45 minutes here): image/initramfs.sh builds the
# image's own on the build host. The stub stays in the image; nothing on the box runs it (the
# root is read-only), and a technician who does is told where the initramfs comes from.  Args: ROOT
set -euo pipefail
R=$1
chroot "$R" dpkg-divert --quiet --local --rename --divert /usr/sbin/update-initramfs.debian --add /usr/sbin/update-initramfs
cat > "$R/usr/sbin/update-initramfs" <<'STUB'
#!/bin/sh
echo "update-initramfs: StageBox's initramfs is built with the image (image/initramfs.sh), not on the box" >&2
exit 0
STUB
chmod 755 "$R/usr/sbin/update-initramfs"
