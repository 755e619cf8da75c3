#!/bin/bash
# The image's boot test: boots build/image/stagebox-amd64.img (from `make image`) under QEMU
# (TCG) as the box would boot, twice:
#   1. a fresh image with a show stick in a USB port and snd-aloop for a sound card: systemd
#      starts stagebox.service, the stick is mounted and imported, the box reports READY; a test
#      song plays to the loopback and the capture is compared with the offline render; kill -9
#      and SIGSTOP of the service and how long until it plays again; then QEMU is killed mid-play.
#   2. the boot after that power cut: the root is bit-for-bit what was flashed, the box is READY
#      with its installed show and plays the song again, sample for sample.
# The test's own parts (image/test/) reach the guest over 9p through the kernel command line
# (systemd.run=); nothing of them is in the image. The kernel and initrd come from the image's
# boot partition and boot directly (PVH), as the rig does: UEFI firmware under TCG would add
# tens of seconds and prove nothing about StageBox (image/README.md tells how to boot it whole).
# Prints PASS:/FAIL:/INFO: lines and "N passed, N failed".
set -uo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
IMG=${1:-$REPO/build/image/stagebox-amd64.img}
W=${IMAGE_DIR:-/var/tmp/stagebox-image}/boot-test
T0=$EPOCHREALTIME
elapsed(){ echo "$EPOCHREALTIME - $T0" | bc | cut -c1-6; }
log(){ printf '[boot-test %6.1fs] %s\n' "$(elapsed)" "$*"; }
host_checks=$W/host-checks.txt
check(){ if eval "$2"; then echo "PASS: $1"; else echo "FAIL: $1"; fi >> $host_checks; }
"$REPO/tests/install-debian-packages.sh" qemu-system-x86 python3 bc mtools dosfstools xz-utils e2fsprogs
[ -f "$IMG" ] && [ -f "$IMG.layout" ] || { echo "no image at $IMG: run make image"; echo "0 passed, 1 failed"; exit 1; }
. "$IMG.layout"
rm -rf $W; mkdir -p $W/share/out; : > $host_checks
STAGEBOX=${IMAGE_DIR:-/var/tmp/stagebox-image}/amd64/publish/stagebox
[ -x "$STAGEBOX" ] || STAGEBOX=$REPO/build/stagebox

# ------------------------------------------------------------ the kernel, initrd and command line the image boots with
B="$W/disk.img@@$((boot_start * 512))"
cp --sparse=always "$IMG" $W/disk.img
export MTOOLS_SKIP_CHECK=1
mcopy -n -i "$B" ::/stagebox/vmlinuz $W/vmlinuz && mcopy -n -i "$B" ::/stagebox/initrd.img $W/initrd.img
BOX_OPTIONS=$(mtype -i "$B" ::/loader/entries/stagebox.conf | sed -n 's/^options //p' | sed 's/console=[^ ]*//g')
# The uncompressed kernel boots directly (PVH): seconds of XZ decompression under TCG saved.
python3 - $W/vmlinuz $W/vmlinux <<'PY'
import lzma, sys
data = open(sys.argv[1], 'rb').read(); start = data.find(b'\xfd7zXZ\x00')
open(sys.argv[2], 'wb').write(lzma.LZMADecompressor(format=lzma.FORMAT_XZ).decompress(data[start:]))
PY
root_sha(){ dd if=$W/disk.img bs=512 skip=$root_start count=$root_sectors status=none | sha256sum | cut -c1-64; }
ROOT_SHA=$(root_sha)
log "image $(basename "$IMG"): kernel $kernel, root partition sha256 ${ROOT_SHA:0:16}"

# ------------------------------------------------------------ the test show on a USB stick (FAT, as technicians bring it) and its render
"$STAGEBOX" demo $W/demo > /dev/null
mkdir -p $W/stick/StageBox/songs $W/stick/StageBox/setlists
cp -r $W/demo/songs/harbour-lights $W/stick/StageBox/songs/
# Four bars after the count-in bar: 11.25 s, played three times over so a fault always lands mid-song.
sed -i -e 's/^bars: .*/bars: 4/' -e '/name: Bridge/d' $W/stick/StageBox/songs/harbour-lights/song.yaml
printf 'title: Boot test\nsongs:\n  - { song: harbour-lights, end: next }\n  - { song: harbour-lights, end: next }\n  - harbour-lights\n' > $W/stick/StageBox/setlists/main.yaml
"$STAGEBOX" render $W/stick/StageBox/songs/harbour-lights -o $W/expected.wav > /dev/null
mkfs.vfat -C -n SHOWSTICK $W/stick.img 65536 > /dev/null && mcopy -s -i $W/stick.img $W/stick/StageBox ::/
cp "$REPO/image/test/guest.sh" "$REPO/image/test/stagebox-test.yaml" $W/share/
log "test show on the stick; offline render $(du -h $W/expected.wav | cut -f1)"
# Issue 24: sticks plugged in after the service started, FAT, exFAT and ext4 (image/test/late-sticks.sh).
. "$REPO/image/test/late-sticks.sh"; late_sticks_make; cp "$REPO/image/test/guest-sandbox.sh" $W/share/

# ------------------------------------------------------------ booting
RUN="/bin/sh -c 'mkdir -p /run/t && mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 test /run/t && exec /bin/bash /run/t/guest.sh'"
boot(){ # PHASE [QEMU ARGS...]: starts QEMU in the background, sets QEMU_PID
  local phase=$1; shift
  timeout 1500 qemu-system-x86_64 -accel tcg -cpu max -m 2048 -smp 2 -nodefaults -nographic -no-reboot \
    -uuid 5b0c7a3e-57a6-4e1b-9c6d-0000000000f0 -device i6300esb -action watchdog=debug \
    -serial file:$W/console-$phase.log -monitor none -pidfile $W/qemu-$phase.pid \
    -kernel $W/vmlinux -initrd $W/initrd.img \
    -append "$BOX_OPTIONS console=ttyS0,115200 panic=-1 modules-load=snd-aloop stagebox_test_phase=$phase systemd.unit=multi-user.target systemd.wants=kernel-command-line.service systemd.run=\"$RUN\" systemd.run_success_action=none systemd.run_failure_action=none" \
    -drive file=$W/disk.img,format=raw,if=virtio \
    -virtfs local,path=$W/share,mount_tag=test,security_model=none,multidevs=remap \
    "$@" < /dev/null > $W/qemu-$phase.log 2>&1 &
  QEMU_PID=$!; QEMU_T0=$EPOCHREALTIME
}
# QEMU itself, not the timeout that runs it: SIGKILL is not passed on.
qemu_pid(){ cat $W/qemu-$1.pid 2>/dev/null; }
# Waits for a line in the guest's console; echoes the seconds since QEMU started.
wait_console(){ # PHASE PATTERN TIMEOUT_S
  local i
  for ((i = 0; i < $3 * 5; i++)); do
    grep -qa "$2" $W/console-$1.log 2>/dev/null && { echo "$EPOCHREALTIME - $QEMU_T0" | bc | cut -c1-6; return 0; }
    kill -0 $QEMU_PID 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}

log "boot 1: fresh image, show stick in the USB port"
boot 1 -device qemu-xhci,id=xhci -drive if=none,id=stick,format=raw,file=$W/stick.img,readonly=on -device usb-storage,bus=xhci.0,drive=stick,removable=on $(late_sticks_qemu_args)
HOST_READY_1=$(wait_console 1 '^BOOT-TO-READY' 900)
log "boot 1: READY $HOST_READY_1 s after QEMU started"
late_sticks_plug
POWER_OFF=$(wait_console 1 '^POWER-OFF-NOW' 900)
# The power cut: QEMU dies at once, whatever the guest had not written is lost.
kill -9 "$(qemu_pid 1)"; wait $QEMU_PID 2>/dev/null
check "boot 1 ran its checks and reached the power cut mid-play" "[ -n '$POWER_OFF' ]"
log "boot 1: QEMU killed mid-play ($POWER_OFF s after it started)"

log "boot 2: after the power cut, no stick"
boot 2
HOST_READY_2=$(wait_console 2 '^BOOT-TO-READY' 900)
log "boot 2: READY $HOST_READY_2 s after QEMU started"
wait_console 2 '^GUEST-DONE' 900 > /dev/null
for i in $(seq 300); do kill -0 $QEMU_PID 2>/dev/null || break; sleep 0.2; done
kill -0 $QEMU_PID 2>/dev/null && { log "boot 2: the guest did not power off; killing QEMU"; kill -9 "$(qemu_pid 2)"; }
wait $QEMU_PID 2>/dev/null
check "boot 2 ran its checks and powered off cleanly" "grep -qa '^GUEST-DONE' $W/console-2.log && [ \$i -lt 300 ]"
grep -qa watchdog $W/qemu-*.log && echo "INFO: the hardware watchdog expired (QEMU logs it instead of resetting): $(grep -ha watchdog $W/qemu-*.log | head -n 3 | tr '\n' ' ')" >> $host_checks

# ------------------------------------------------------------ on the host: the disk after both boots, and the captures
check "the root partition is bit-for-bit the image's after a power cut and two boots (read-only)" "[ \"\$(root_sha)\" = $ROOT_SHA ]"
dd if=$W/disk.img of=$W/data.part bs=512 skip=$data_start count=$data_sectors status=none
check "the data partition is clean after the clean shutdown (e2fsck -fn)" "e2fsck -fn $W/data.part > $W/fsck-data.txt 2>&1"
rm -f $W/data.part
for phase in 1 2; do
  [ -f $W/share/out/play-$phase.raw ] && python3 "$REPO/image/test/compare_play.py" play $W/expected.wav $W/share/out/play-$phase.raw "boot $phase" >> $host_checks \
    || check "boot $phase: the song was captured" false
done
for fault in kill9 sigstop; do
  [ -f $W/share/out/$fault-1.raw ] && read GAP GAP_AT <<< "$(python3 "$REPO/image/test/compare_play.py" gap $W/share/out/$fault-1.raw)" && echo "SILENCE $fault $GAP" >> $host_checks
done

# ------------------------------------------------------------ results
for phase in 1 2; do grep -haE '^(PASS|FAIL|INFO)' $W/share/out/guest-$phase.txt 2>/dev/null | sed "s/^\(PASS\|FAIL\|INFO\): /\1: boot $phase: /"; done
grep -E '^(PASS|FAIL|INFO)' $host_checks || true
figure(){ grep -ha "^$1" $W/share/out/guest-$2.txt 2>/dev/null | head -n 1 | awk '{print $NF}'; }
echo "INFO: image $(du -h --apparent-size "$IMG" | cut -f1) ($(du -h "$IMG" | cut -f1) allocated, $(xz -T1 -0 -c "$IMG" 2>/dev/null | wc -c | awk '{printf "%.0f MiB", $1 / 1048576}') xz -0)"
echo "INFO: boot to READY: first boot (importing the stick) $(figure BOOT-TO-READY 1) s after the kernel, $HOST_READY_1 s after QEMU started; after the power cut $(figure BOOT-TO-READY 2) s after the kernel, $HOST_READY_2 s after QEMU started"
echo "INFO: kill -9 -> READY and playing again: $(figure 'RESTART kill9' 1) s (longest silence in the capture $(awk '/^SILENCE kill9/ {print $3}' $host_checks) s)"
echo "INFO: SIGSTOP -> watchdog -> READY and playing again: $(figure 'RESTART sigstop' 1) s (longest silence in the capture $(awk '/^SILENCE sigstop/ {print $3}' $host_checks) s)"
passed=$(cat $W/share/out/guest-*.txt $host_checks 2>/dev/null | grep -c '^PASS')
failed=$(cat $W/share/out/guest-*.txt $host_checks 2>/dev/null | grep -c '^FAIL')
[ -f $W/share/out/guest-1.txt ] || { echo "FAIL: boot 1: the guest test never started (see $W/console-1.log)"; tail -n 30 $W/console-1.log; failed=$((failed + 1)); }
[ -f $W/share/out/guest-2.txt ] || { echo "FAIL: boot 2: the guest test never started (see $W/console-2.log)"; tail -n 30 $W/console-2.log; failed=$((failed + 1)); }
echo "boot test wall time: $(elapsed) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
