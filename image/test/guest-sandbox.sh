# Sourced by guest.sh in phase 1, with the box READY from the shipped unit (PID its main process):
# the service's sandbox (issue 24), /tmp, and sticks plugged in after the service started. The
# host plugs those in when it reads PLUG-STICKS-NOW (image/test/late-sticks.sh): the show again on
# FAT (label LATEFAT), an empty exFAT stick (LATEEXFAT) and the show on ext4 (LATEEXT4).

EXPOSURE=$(systemd-analyze security --no-pager stagebox.service 2>&1 | sed -n 's/.*Overall exposure level for stagebox.service: \([0-9.]*\).*/\1/p')
echo "INFO: systemd-analyze security stagebox.service: overall exposure $EXPOSURE"
systemd-analyze security --no-pager stagebox.service 2>&1 | grep '✗' | sed 's/^/INFO:   /'
check "the service's sandbox rates 3.0 or lower (systemd-analyze security: ${EXPOSURE:-none})" "awk -v e='$EXPOSURE' 'BEGIN { exit !(e != \"\" && e <= 3.0) }'"
# /tmp and the service's own /tmp (PrivateTmp, a folder of it) are noexec; the box is READY on them.
service_tmp=$(awk '$5 == "/tmp" { print $6 }' /proc/$PID/mountinfo | tail -n 1)
echo "INFO: /tmp: $(findmnt -no OPTIONS /tmp); the service's /tmp: $service_tmp"
check "/tmp is tmpfs with noexec,nosuid,nodev, and so is the service's private /tmp" \
  "findmnt -no OPTIONS /tmp | grep -qE '(^|,)noexec(,|\$)' && findmnt -no OPTIONS /tmp | grep -q nosuid,nodev && echo '$service_tmp' | grep -q 'nosuid,nodev,noexec'"

echo "PLUG-STICKS-NOW at $(uptime_s) s"
by_label(){ readlink -f /dev/disk/by-label/$1 2>/dev/null; }
for i in $(seq 1500); do [ -n "$(by_label LATEFAT)" ] && [ -n "$(by_label LATEEXFAT)" ] && [ -n "$(by_label LATEEXT4)" ] && break; sleep 0.2; done
# Every event handled: the rule has run (and systemd-mount queued its mount) or not, for all three.
udevadm settle --timeout=120
mount_unit_of(){ systemctl list-units --all --no-legend --plain --type=mount | awk '{ print $1 }' | grep -F 'usb\x2d'"${1#/dev/}.mount"; }
mount_of(){ findmnt -rn -o TARGET,OPTIONS -S "$(by_label $1)" 2>/dev/null | grep '^/media/stagebox-usb-'; }
for i in $(seq 600); do [ -n "$(mount_of LATEFAT)" ] && [ -n "$(mount_of LATEEXFAT)" ] && break; sleep 0.2; done
echo "INFO: late sticks: FAT $(by_label LATEFAT) at '$(mount_of LATEFAT)', exFAT $(by_label LATEEXFAT) at '$(mount_of LATEEXFAT)', ext4 $(by_label LATEEXT4) at '$(mount_of LATEEXT4)'"
check "sticks plugged in after the start: FAT and exFAT mounted under /media, ro,nosuid,nodev,noexec" \
  "mount_of LATEFAT | grep -q ' ro,nosuid,nodev,noexec' && mount_of LATEEXFAT | grep -q ' ro,nosuid,nodev,noexec'"
EXT4_DEV=$(by_label LATEEXT4)
check "the ext4 stick is not mounted: the rule takes FAT and exFAT only (no mount, no mount unit)" \
  "[ -n '$EXT4_DEV' ] && [ -z \"\$(mount_of LATEEXT4)\" ] && [ -z \"\$(mount_unit_of $EXT4_DEV)\" ]"
LATE=$(mount_of LATEFAT | cut -d' ' -f1)
# The service's mount namespace (ProtectSystem=, PrivateTmp=...) is a slave of the host's: the
# mount systemd made after the service started is there too, with the show on it.
check "the late FAT stick is in the service's mount namespace (/proc/PID/mountinfo, /proc/PID/root)" \
  "[ -n '$LATE' ] && [ \"\$(readlink /proc/$PID/ns/mnt)\" != \"\$(readlink /proc/1/ns/mnt)\" ] && grep -q ' $LATE ' /proc/$PID/mountinfo && [ -d /proc/$PID/root$LATE/StageBox/songs ]"
# The import of that stick: its outcome is the first after "import: from LATE" (one import at a time).
late_import(){ journalctl -b -u stagebox -o cat --no-pager | awk -v m="import: from $LATE " 'index($0, m) == 1 { seen = 1; next } seen && /^import: (generation .* installed|FAILED)/ { print; exit }'; }
for i in $(seq 3000); do [ -n "$LATE" ] && [ -n "$(late_import)" ] && break; sleep 0.2; done
journalctl -b -u stagebox -o cat --no-pager | grep -E "^(stick|import): .*($LATE|generation|FAILED)" | tail -n 4 | sed 's/^/INFO: stagebox: /'
check "the running (sandboxed) box imported the late FAT stick's show: $(late_import)" "late_import | grep -q '^import: generation .* installed'"
