#!/bin/bash
# mmdebstrap --customize-hook: makes the installed Debian root into the box. Runs on the build
# host with the root at ROOT.  Args: ARCH ROOT REPO PUBLISH_DIR
set -euo pipefail
ARCH=$1 R=$2 REPO=$3 PUBLISH=$4
. "$REPO/image/layout.sh"
D=$REPO/deploy
inroot(){ chroot "$R" "$@"; }

# The firmware, self-contained: /opt/stagebox/stagebox with the .NET runtime beside it.
rm -rf "$R/opt/stagebox"; mkdir -p "$R/opt"
cp -a "$PUBLISH" "$R/opt/stagebox"
chown -R 0:0 "$R/opt/stagebox"; chmod -R u=rwX,go=rX "$R/opt/stagebox"; chmod 755 "$R/opt/stagebox/stagebox"
ln -sf /opt/stagebox/stagebox "$R/usr/local/bin/stagebox"

# deploy/: the service, its user, udev rules, configuration, mounts, watchdog, journal.
install -D -m 644 "$D/systemd/stagebox.service" "$R/etc/systemd/system/stagebox.service"
install -D -m 644 "$D/sysusers.d/stagebox.conf" "$R/usr/lib/sysusers.d/stagebox.conf"
install -D -m 644 -t "$R/etc/udev/rules.d" "$D"/udev/*.rules
install -D -m 644 "$D/etc/stagebox.yaml" "$R/etc/stagebox/stagebox.yaml"
install -D -m 644 -t "$R/etc/systemd/system.conf.d" "$D"/etc/systemd/system.conf.d/*.conf
install -D -m 644 -t "$R/etc/systemd/journald.conf.d" "$D"/etc/systemd/journald.conf.d/*.conf
install -D -m 644 -t "$R/etc/modules-load.d" "$D"/etc/modules-load.d/*.conf
install -D -m 644 -t "$R/etc/sysctl.d" "$D"/etc/sysctl.d/*.conf
# The pair link's address from stagebox.yaml, set by systemd-networkd (deploy/README.md, "The pair link").
install -D -m 644 "$D/network/stagebox-pair-network.service" "$R/etc/systemd/system/stagebox-pair-network.service"
sed -e "s/@ROOT_UUID@/$ROOT_UUID/" -e "s/@DATA_UUID@/$DATA_UUID/" "$D/etc/fstab" > "$R/etc/fstab"
if [ "$ARCH" = arm64 ]; then
  # The Pi's floor unit and panel on the SoC's GPIO chip (gpiochip0 on Pi 3 and 4 with Debian's kernel).
  sed -i -e '/^controls:/,/^[a-z]/ s|^  chip: ""|  chip: /dev/gpiochip0|' \
         -e '/^display:/,/^[a-z]/ s|^  chip: ""|  chip: /dev/gpiochip0|' "$R/etc/stagebox/stagebox.yaml"
fi
# The user and groups now: /etc is read-only on the box, so systemd-sysusers cannot add them at boot.
inroot systemd-sysusers
inroot systemctl enable stagebox.service systemd-networkd.service stagebox-pair-network.service
# Root stays locked (no login at all) unless the build was given a password hash for a service
# login at the console (image/README.md, "Service login"): a crypt(5) hash, never the password.
if [ -n "${STAGEBOX_ROOT_PASSWORD_HASH:-}" ]; then
  case $STAGEBOX_ROOT_PASSWORD_HASH in
    '$y$'*|'$6$'*) inroot usermod -p "$STAGEBOX_ROOT_PASSWORD_HASH" root ;;
    *) echo "STAGEBOX_ROOT_PASSWORD_HASH must be a yescrypt or SHA-512 crypt hash (\$y\$... or \$6\$...: mkpasswd -m yescrypt, or openssl passwd -6), not a password" >&2; exit 1 ;;
  esac
fi
# Mount points on the read-only root, and the data partition's first contents (assemble.sh).
mkdir -p "$R/data" "$R/var/lib/stagebox" "$R/var/lib/alsa" "$R/media"
# systemd's own units' StateDirectory= (logind's linger list and the like): made now, since systemd
# cannot create them on a read-only /var at boot (logind fails to start without its own).
mkdir -p "$R"/var/lib/systemd/{linger,backlight,rfkill,pstore}
# Nothing on the box updates packages or writes where the root is read-only.
# systemd-networkd-persistent-storage (trixie's systemd 257) would move networkd's state to /var/lib:
# the box keeps none, and the unit fails on the read-only root.
inroot systemctl mask apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer e2scrub_all.timer \
  e2scrub_reap.service fstrim.timer systemd-firstboot.service systemd-networkd-persistent-storage.service 2>/dev/null || true
# No machine id in the image: each box makes its own (transient on a read-only root, see deploy/README.md).
: > "$R/etc/machine-id"; rm -f "$R/var/lib/dbus/machine-id"
echo stagebox > "$R/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\tstagebox\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' > "$R/etc/hosts"
# The build's proof that the firmware runs on this root (under qemu-user on arm64).
inroot /opt/stagebox/stagebox --version > /dev/null
