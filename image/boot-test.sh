#!/bin/bash
# The image's boot test: boots build/image/stagebox-ARCH.img (from `make image` or `make image-arm64`)
# under QEMU (TCG) as the box would boot, twice:
#   image/boot-test.sh [amd64|arm64] [IMAGE]
#   1. a fresh image with a show stick (show A) in a USB port and snd-aloop for a sound card:
#      systemd starts stagebox.service, the stick is mounted and imported, the box reports READY;
#      a test song plays to the loopback and the capture is compared with the offline render;
#      kill -9 and SIGSTOP of the service, and the box must be heard again within its measured
#      restart; then a second stick (show B, a long stem) is plugged in and QEMU is killed when
#      its import is 40 % done, as the box plays: a power cut in the middle of an import.
#   2. the boot after that power cut: the root is bit-for-bit what was flashed, the library is
#      show A or show B whole, and the box is READY with it and plays it, sample for sample.
# The test's own parts (image/test/) reach the guest over 9p through the kernel command line
# (systemd.run=); nothing of them is in the image. The kernel and initrd come from the image's
# boot partition and boot directly, as the rig does: on amd64 PVH (with no_timer_check: on a loaded
# host the guest kernel's IO-APIC timer check can fail under TCG and panic the boot), as UEFI firmware
# under TCG would add tens of seconds and prove nothing about StageBox (image/README.md tells how to
# boot it whole); on arm64 the image's kernel, its host-built initramfs and its root on QEMU's virt
# machine (a Cortex-A72, as a Pi 4's), since the Pi's boot firmware cannot run under QEMU.
# Prints PASS:/FAIL:/INFO: lines and, last, the summary every suite of the project ends with:
#   image: E expected, P passed, F failed, R retried        (image-arm64: for arm64)
#   P passed, F' failed
# where a check that did not run (a boot cut short, a script that died) counts as failed.
set -uo pipefail
ARCH=${1:-amd64}
# The checks this test runs: boot 1's guest 19, boot 2's guest 13, the host's 12, and on arm64 the
# host's 2 on the arm64 build itself. A check added or taken away changes this number with it.
case $ARCH in
  amd64) EXPECTED_CHECKS=49 SUITE=image QEMU_PACKAGE=qemu-system-x86 CONSOLE=ttyS0,115200
         QEMU_MACHINE=(qemu-system-x86_64 -accel tcg -cpu max) ARCH_OPTIONS=no_timer_check ;;
  # The Pi 4's core (Cortex-A72), two of its four: the box's threads still contend as on amd64.
  # An emulated ARM guest starts .NET and imports the first stick in more than systemd's default
  # 90 s start timeout (the unit sets none; a Pi takes seconds), and a timed-out start is killed
  # and begun again for ever: the test's boots allow 10 minutes.
  arm64) EXPECTED_CHECKS=51 SUITE=image-arm64 QEMU_PACKAGE="qemu-system-arm qemu-user-static" CONSOLE=ttyAMA0
         QEMU_MACHINE=(qemu-system-aarch64 -accel tcg -M virt -cpu cortex-a72) ARCH_OPTIONS=systemd.default_timeout_start_sec=600 ;;
  *) echo "usage: $0 [amd64|arm64] [IMAGE]" >&2; exit 2 ;;
esac
# The longest silence allowed in a fault's capture beyond the measured restart (signal to READY):
# after READY the new process has first filled its 32768-frame buffer (0.68 s) with the stopped
# transport's zeros before --play's first click is heard, and a TCG guest stalls 100-400 ms at
# times on this shared host (image/test/stagebox-test.yaml); twice a stall on top, rounded up.
# Before the signal there is none: the song's longest rest is 0.35 s, its count-in's 0.35 s too.
RESTART_MARGIN_S=2
# The end of a fault's capture must be music: silence at the end no longer than the song's rests.
TRAILING_SILENCE_S=1
REPO=$(cd "$(dirname "$0")/.." && pwd)
IMG=${2:-$REPO/build/image/stagebox-$ARCH.img}
W=${IMAGE_DIR:-/var/tmp/stagebox-image}/boot-test-$ARCH
T0=$EPOCHREALTIME
elapsed(){ echo "$EPOCHREALTIME - $T0" | bc | cut -c1-6; }
log(){ printf '[boot-test %6.1fs] %s\n' "$(elapsed)" "$*"; }
host_checks=$W/host-checks.txt
check(){ if eval "$2"; then echo "PASS: $1"; else echo "FAIL: $1"; fi >> $host_checks; }
"$REPO/tests/install-debian-packages.sh" $QEMU_PACKAGE python3 bc mtools dosfstools xz-utils e2fsprogs device-tree-compiler
[ -f "$IMG" ] && [ -f "$IMG.layout" ] || { echo "no image at $IMG: run make image (make image-arm64)"; echo "0 passed, 1 failed"; exit 1; }
. "$IMG.layout"
rm -rf $W; mkdir -p $W/share/out; : > $host_checks
STAGEBOX=${IMAGE_DIR:-/var/tmp/stagebox-image}/amd64/publish/stagebox
[ -x "$STAGEBOX" ] || STAGEBOX=$REPO/build/stagebox

# ------------------------------------------------------------ the kernel, initrd and command line the image boots with
cp --sparse=always "$IMG" $W/disk.img
if [ $ARCH = arm64 ]; then
  # QEMU's virt machine has neither the Pi's SPI panel (/dev/spidev0.0: the image's configuration
  # names it, and the box exits without it) nor the floor unit's lines (its one GPIO chip, a PL061,
  # has 8). The box's own settings on the data partition say so, as a technician's would for a Pi
  # without them (README, "Device configuration"); the root stays as flashed.
  printf 'controls:\n  chip: ""\ndisplay:\n  chip: ""\n' > $W/box-settings.yaml
  dd if=$W/disk.img of=$W/data.part bs=512 skip=$data_start count=$data_sectors status=none
  debugfs -w -R "write $W/box-settings.yaml /stagebox/stagebox.yaml" $W/data.part > /dev/null 2>&1
  dd if=$W/data.part of=$W/disk.img bs=512 seek=$data_start conv=notrunc,sparse status=none; rm $W/data.part
fi
. "$REPO/image/test/image-kernel.sh"
image_kernel "$IMG" $W $ARCH
root_sha(){ dd if=$W/disk.img bs=512 skip=$root_start count=$root_sectors status=none | sha256sum | cut -c1-64; }
ROOT_SHA=$(root_sha)
log "image $(basename "$IMG"): kernel $kernel, root partition sha256 ${ROOT_SHA:0:16}"

# ------------------------------------------------------------ the test show on a USB stick (FAT, as technicians bring it) and its render
"$STAGEBOX" demo $W/demo > /dev/null
mkdir -p $W/stick/StageBox/songs $W/stick/StageBox/setlists
cp -r $W/demo/songs/harbour-lights $W/stick/StageBox/songs/
# Four bars after the count-in bar: 11.25 s, played five times over so that the faults and the
# power cut land mid-song.
sed -i -e 's/^bars: .*/bars: 4/' -e '/name: Bridge/d' $W/stick/StageBox/songs/harbour-lights/song.yaml
{ printf 'title: Boot test\nsongs:\n'; for play in 1 2 3 4; do echo '  - { song: harbour-lights, end: next }'; done; echo '  - harbour-lights'; } > $W/stick/StageBox/setlists/main.yaml
"$STAGEBOX" render $W/stick/StageBox/songs/harbour-lights -o $W/expected.wav > /dev/null
if [ $ARCH = arm64 ]; then
  # The image's firmware is the arm64 build, and that build renders the song as the x64 build does:
  # the capture compared below with the x64 render is then also compared with the arm64 one.
  dd if=$W/disk.img of=$W/root.part bs=512 skip=$root_start count=$root_sectors conv=sparse status=none
  elf_machine(){ debugfs -R "cat $1" $W/root.part 2> /dev/null | od -An -tx1 -j18 -N2 | tr -d ' '; }
  check "the image's /opt/stagebox is the linux-arm64 self-contained build (stagebox and the runtime's libcoreclr.so: AArch64 ELF)" \
    "[ \"\$(elf_machine /opt/stagebox/stagebox)\" = b700 ] && [ \"\$(elf_machine /opt/stagebox/libcoreclr.so)\" = b700 ]"
  rm -f $W/root.part
  # Rendered by the same build in its root file system (under qemu-user), on a copy of the song.
  ROOTFS=${IMAGE_DIR:-/var/tmp/stagebox-image}/arm64/rootfs
  rm -rf $ROOTFS/tmp/boot-test && mkdir -p $ROOTFS/tmp/boot-test && cp -r $W/stick/StageBox/songs/harbour-lights $ROOTFS/tmp/boot-test/
  # The .NET runtime reads /proc as it starts (without it: "Failed to create CoreCLR, HRESULT: 0x8007000E").
  mount -t proc proc $ROOTFS/proc
  chroot $ROOTFS /opt/stagebox/stagebox render /tmp/boot-test/harbour-lights -o /tmp/boot-test/expected.wav > $W/render-arm64.txt 2>&1
  umount $ROOTFS/proc
  mv $ROOTFS/tmp/boot-test/expected.wav $W/expected-arm64.wav 2> /dev/null; rm -rf $ROOTFS/tmp/boot-test
  check "the arm64 build's offline render of the song equals the x64 build's, sample for sample" \
    "python3 -c \"import sys; sys.path.insert(0, '$REPO/tests/rig'); from riffwav import wav_data; sys.exit(wav_data('$W/expected.wav') != wav_data('$W/expected-arm64.wav'))\" 2>> $W/render-arm64.txt"
fi
mkfs.vfat -C -n SHOWSTICK $W/stick.img 65536 > /dev/null && mcopy -s -i $W/stick.img $W/stick/StageBox ::/
# Show B, for the power cut mid-import: the same song retitled, with a 16-bit mono stem long
# enough (120 s, 11.5 MB) that its import under TCG spans tens of seconds, and a render of its own.
cp -r $W/stick $W/stick-b && sed -i 's/^title: .*/title: Harbour Lights B/' $W/stick-b/StageBox/songs/harbour-lights/song.yaml
echo '  - { file: pad.wav, outputs: [8], gain_db: -12 }' >> $W/stick-b/StageBox/songs/harbour-lights/song.yaml
python3 - $W/stick-b/StageBox/songs/harbour-lights/pad.wav <<'PY'
import math, struct, sys, wave
second = b''.join(struct.pack('<h', int(3000 * math.sin(2 * math.pi * 220 * i / 48000))) for i in range(48000))
with wave.open(sys.argv[1], 'wb') as pad:
    pad.setnchannels(1); pad.setsampwidth(2); pad.setframerate(48000); pad.writeframes(second * 120)
PY
"$STAGEBOX" render $W/stick-b/StageBox/songs/harbour-lights -o $W/expected-b.wav > /dev/null
mkfs.vfat -C -n SHOWSTICKB $W/stick-b.img 98304 > /dev/null && mcopy -s -i $W/stick-b.img $W/stick-b/StageBox ::/
# Each show's content hash as the box's import makes it (the image's configuration: 48 kHz).
content_hash(){ "$STAGEBOX" library status --library "$1" | sed -n 's/^current: .*, content \([0-9a-f]*\)$/\1/p'; }
for show in a b; do
  folder=$W/stick/StageBox; [ $show = b ] && folder=$W/stick-b/StageBox
  "$STAGEBOX" import $folder --library $W/library-$show --config "$REPO/deploy/etc/stagebox.yaml" > /dev/null
done
HASH_A=$(content_hash $W/library-a); HASH_B=$(content_hash $W/library-b)
cp "$REPO/image/test/guest.sh" "$REPO/image/test/stagebox-test.yaml" $W/share/
python3 -c "import sys; sys.path.insert(0, '$REPO/tests/rig'); from riffwav import wav_data; print(len(wav_data('$W/expected.wav')) // 32)" > $W/share/song-frames
log "test shows on the sticks (A $HASH_A, B $HASH_B); offline renders $(du -h $W/expected.wav | cut -f1), $(du -h $W/expected-b.wav | cut -f1)"
# Issue 24: sticks plugged in after the service started, FAT, exFAT and ext4 (image/test/late-sticks.sh).
. "$REPO/image/test/late-sticks.sh"; late_sticks_make; cp "$REPO/image/test/guest-sandbox.sh" $W/share/

# ------------------------------------------------------------ booting
RUN="/bin/sh -c 'mkdir -p /run/t && mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 test /run/t && exec /bin/bash /run/t/guest.sh'"
GUEST=(-m 2048 -smp 2)
BOARD=()
if [ $ARCH = arm64 ]; then
  # A Pi's firmware gives the kernel the board's serial number in the device tree, and the
  # image's initramfs makes the box's machine id from it (the same at every boot, so the journal
  # on /data is one machine's). The virt machine's own tree, as QEMU makes it for this guest, with
  # a serial number added as a Pi's firmware adds it.
  "${QEMU_MACHINE[@]}" "${GUEST[@]}" -nodefaults -machine dumpdtb=$W/virt.dtb > /dev/null 2>&1
  fdtput -t s $W/virt.dtb / serial-number 10000000b0c7a3e0 && BOARD=(-dtb $W/virt.dtb) || log "no device tree with a serial number: the box keeps a transient machine id"
fi
# QEMU's own bound is 45 min: on a host loaded to 30 (2 cores), boot 1 alone took more than 25.
boot(){ # PHASE [QEMU ARGS...]: starts QEMU in the background, sets QEMU_PID
  local phase=$1; shift
  timeout 2700 "${QEMU_MACHINE[@]}" "${GUEST[@]}" "${BOARD[@]}" -nodefaults -nographic -no-reboot \
    -uuid 5b0c7a3e-57a6-4e1b-9c6d-0000000000f0 -device i6300esb -action watchdog=debug \
    -serial file:$W/console-$phase.log -monitor unix:$W/monitor-$phase.sock,server=on,wait=off -pidfile $W/qemu-$phase.pid \
    -kernel $KERNEL -initrd $W/initrd.img \
    -append "$BOX_OPTIONS console=$CONSOLE panic=-1 $ARCH_OPTIONS modules-load=snd-aloop stagebox_test_phase=$phase systemd.unit=multi-user.target systemd.wants=kernel-command-line.service systemd.run=\"$RUN\" systemd.run_success_action=none systemd.run_failure_action=none" \
    -drive file=$W/disk.img,format=raw,if=virtio \
    -virtfs local,path=$W/share,mount_tag=test,security_model=none,multidevs=remap \
    "$@" < /dev/null > $W/qemu-$phase.log 2>&1 &
  QEMU_PID=$!; QEMU_T0=$EPOCHREALTIME
}
# QEMU itself, not the timeout that runs it: SIGKILL is not passed on.
qemu_pid(){ cat $W/qemu-$1.pid 2>/dev/null; }
# Waits for a line in the guest's console (grep -E); echoes the seconds since QEMU started.
wait_console(){ # PHASE PATTERN TIMEOUT_S
  local i
  for ((i = 0; i < $3 * 20; i++)); do
    grep -qaE "$2" $W/console-$1.log 2>/dev/null && { echo "$EPOCHREALTIME - $QEMU_T0" | bc | cut -c1-6; return 0; }
    kill -0 $QEMU_PID 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}
# Commands to QEMU's monitor (HMP) on its socket: here, plugging a USB stick in.
monitor(){ # PHASE COMMAND...
  python3 - $W/monitor-$1.sock "${@:2}" <<'PY'
import socket, sys
def prompt(qemu):
    """HMP's reply, up to its next prompt: the command before it is done."""
    said = b''
    while not said.endswith(b'(qemu) '):
        said += qemu.recv(4096) or sys.exit('QEMU closed its monitor')
    return said
with socket.socket(socket.AF_UNIX) as qemu:
    qemu.connect(sys.argv[1])
    prompt(qemu)
    for command in sys.argv[2:]:
        qemu.sendall(command.encode() + b'\n')
        print(f'INFO: QEMU monitor: {command}: {prompt(qemu).decode(errors="replace").splitlines()[1:-1]}')
PY
}

log "boot 1: fresh image, show stick in the USB port"
boot 1 -device qemu-xhci,id=xhci -drive if=none,id=stick,format=raw,file=$W/stick.img,readonly=on -device usb-storage,bus=xhci.0,drive=stick,removable=on $(late_sticks_qemu_args)
HOST_READY_1=$(wait_console 1 '^BOOT-TO-READY' 900)
log "boot 1: READY $HOST_READY_1 s after QEMU started"
late_sticks_plug
PLUG=$(wait_console 1 '^PLUG-STICK-B' 900)
monitor 1 "drive_add 0 if=none,id=stick-b,format=raw,readonly=on,file=$W/stick-b.img" "device_add usb-storage,bus=xhci.0,drive=stick-b,removable=on" >> $host_checks
log "boot 1: stick B plugged in ($PLUG s after QEMU started)"
CUT=$(wait_console 1 '^IMPORT-PROGRESS ([4-9][0-9]|100) ' 600)
# The power cut: QEMU dies at once, whatever the guest had not written is lost.
kill -9 "$(qemu_pid 1)"; wait $QEMU_PID 2>/dev/null
CUT_AT=$(grep -a '^IMPORT-PROGRESS' $W/console-1.log | tail -n 1 | awk '{ print $2 }')
check "boot 1 ran its checks and the power cut came in the middle of stick B's import (40-60 %: ${CUT_AT:-none} %)" "[ -n '$CUT' ] && [ '${CUT_AT:-0}' -ge 40 ] && [ '${CUT_AT:-100}' -le 60 ]"
log "boot 1: QEMU killed $CUT s after it started, stick B's import at ${CUT_AT:-?} % ($(grep -a '^IMPORT-PROGRESS' $W/console-1.log | tr '\n' ' '))"

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
# The library as the power cut mid-import left it (and boot 2 played it): copied out of the data
# partition without mounting it, and read by the same firmware.
rm -rf $W/library-after && mkdir $W/library-after
debugfs -R "rdump /stagebox/library $W/library-after" $W/data.part > $W/library-after.txt 2>&1
check "after the power cut mid-import the library is whole (stagebox library check)" "'$STAGEBOX' library check --library $W/library-after/library >> $W/library-after.txt 2>&1"
HASH_AFTER=$(content_hash $W/library-after/library 2> /dev/null)
SHOW_AFTER=none; EXPECTED_AFTER=
[ -n "$HASH_AFTER" ] && [ "$HASH_AFTER" = "$HASH_A" ] && SHOW_AFTER=A EXPECTED_AFTER=$W/expected.wav
[ -n "$HASH_AFTER" ] && [ "$HASH_AFTER" = "$HASH_B" ] && SHOW_AFTER=B EXPECTED_AFTER=$W/expected-b.wav
check "after the power cut mid-import the library is exactly show A or show B (its content hash: ${HASH_AFTER:-none}, show $SHOW_AFTER)" "[ -n '$EXPECTED_AFTER' ]"
echo "INFO: the library after the power cut: $(grep -h 'every file\|damaged' $W/library-after.txt | head -n 1); $("$STAGEBOX" library status --library $W/library-after/library 2>&1 | head -n 2 | tr '\n' ' ')" >> $host_checks
rm -rf $W/data.part $W/library-after
[ -f $W/share/out/play-1.raw ] && python3 "$REPO/image/test/compare_play.py" play $W/expected.wav $W/share/out/play-1.raw "boot 1" >> $host_checks \
  || check "boot 1: the song was captured" false
[ -f $W/share/out/play-2.raw ] && [ -n "$EXPECTED_AFTER" ] && python3 "$REPO/image/test/compare_play.py" play $EXPECTED_AFTER $W/share/out/play-2.raw "boot 2 (show $SHOW_AFTER)" >> $host_checks \
  || check "boot 2: the song of the show the library holds was captured" false
figure(){ grep -ha "^$1" $W/share/out/guest-$2.txt 2>/dev/null | head -n 1 | awk '{print $NF}'; }
for fault in kill9 sigstop; do
  RESTART=$(figure "RESTART $fault" 1)
  if [ -f $W/share/out/$fault-1.raw ] && [ -n "$RESTART" ]; then
    python3 "$REPO/image/test/compare_play.py" restart $W/share/out/$fault-1.raw $fault $RESTART $RESTART_MARGIN_S $TRAILING_SILENCE_S >> $host_checks
  else
    check "$fault: the box was heard playing again at the end of the capture" false
    check "$fault: the longest silence is within the measured restart and ${RESTART_MARGIN_S} s" false
  fi
done

# ------------------------------------------------------------ results
for phase in 1 2; do grep -haE '^(PASS|FAIL|INFO)' $W/share/out/guest-$phase.txt 2>/dev/null | sed "s/^\(PASS\|FAIL\|INFO\): /\1: boot $phase: /"; done
grep -E '^(PASS|FAIL|INFO)' $host_checks || true
echo "INFO: image $(du -h --apparent-size "$IMG" | cut -f1) ($(du -h "$IMG" | cut -f1) allocated, $(xz -T1 -0 -c "$IMG" 2>/dev/null | wc -c | awk '{printf "%.0f MiB", $1 / 1048576}') xz -0)"
echo "INFO: boot to READY: first boot (importing the stick) $(figure BOOT-TO-READY 1) s after the kernel, $HOST_READY_1 s after QEMU started; after the power cut $(figure BOOT-TO-READY 2) s after the kernel, $HOST_READY_2 s after QEMU started"
echo "INFO: kill -9 -> READY: $(figure 'RESTART kill9' 1) s; SIGSTOP -> watchdog -> READY: $(figure 'RESTART sigstop' 1) s (their silences: the kill9: and sigstop: lines above)"
for phase in 1 2; do
  [ -f $W/share/out/guest-$phase.txt ] || { echo "INFO: boot $phase: the guest test never started (see $W/console-$phase.log)"; tail -n 30 $W/console-$phase.log; }
done
passed=$(cat $W/share/out/guest-*.txt $host_checks 2>/dev/null | grep -c '^PASS')
failed=$(cat $W/share/out/guest-*.txt $host_checks 2>/dev/null | grep -c '^FAIL')
# A check that never ran counts as failed, and so does a run of more checks than declared.
missing=$(( EXPECTED_CHECKS - passed - failed )); [ $missing -lt 0 ] && missing=0
extra=0; [ $((passed + failed)) -gt $EXPECTED_CHECKS ] && extra=1
echo "boot test wall time: $(elapsed) s"
echo "$SUITE: $EXPECTED_CHECKS expected, $passed passed, $failed failed, 0 retried"
echo "$passed passed, $((failed + missing + extra)) failed"
[ $((failed + missing + extra)) -eq 0 ]
