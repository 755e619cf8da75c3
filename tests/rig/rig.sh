#!/bin/bash
# The hardware-in-the-loop rig: boots Debian's own x86_64 kernel under QEMU (TCG) with the
# host root shared read-only over 9p, loads snd-aloop (and gpio-sim, built out of tree since
# Debian does not ship it, and stagebox-panel-sim, our simulated panel wiring), runs the real stagebox firmware in the guest playing a test show to
# hw:Loopback,0,0 while arecord captures hw:Loopback,1,0, and checks the capture against an
# offline render of the same song. Prints its wall time, then the suite's two summary lines:
# "rig: E expected, P passed, F failed, R retried" and "P passed, F' failed", where a check that
# did not run counts as failed (F' = F + missing, + 1 if more ran than declared).
# Needs root (apt-get) on Debian 12 x86_64, and `make build` done (build/stagebox).
set -euo pipefail
# The checks the rig runs: 15 on the host (test_decode_panel.py's 13 and the two decoded panel
# captures) and 46 in the guest (tests/rig/guest-tests.sh). A check script that dies takes its
# checks with it: they count as failed.
RIG_CHECKS=61
REPO=$(cd "$(dirname "$0")/../.." && pwd)
W=${RIG_DIR:-/var/tmp/stagebox-rig}
T0=$EPOCHREALTIME
elapsed(){ echo "$EPOCHREALTIME - $T0" | bc; }
log(){ printf '[rig %6.1fs] %s\n' "$(elapsed)" "$*"; }
mkdir -p $W/debs $W/out $W/guest
cd $W

# ------------------------------------------------------------ host packages
"$REPO/tests/install-debian-packages.sh" qemu-system-x86 busybox-static cpio kmod xz-utils python3 bc gcc-12 make libelf1 libssl3 alsa-utils

# ------------------------------------------------------------ kernel, headers and source (unpacked, not installed)
KPKG=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-/{print $2; exit}')
KV=${KPKG#linux-image-}
KVER=$(apt-cache show $KPKG | awk '/^Version:/{print $2; exit}')
KSER=$(echo $KV | cut -d. -f1,2)
KABI=${KV%-amd64}
cd $W/debs
for p in $KPKG linux-headers-$KV linux-headers-$KABI-common linux-kbuild-$KSER linux-source-$KSER=$KVER; do
  ls ${p%%=*}_*.deb >/dev/null 2>&1 || apt-get download -q $p 2>&1 | grep -v '^W: Download is performed unsandboxed' || true
done
cd $W
KR=$W/kroot; HDR=$W/hdr; MODS=$KR/lib/modules/$KV
[ -f $KR/boot/vmlinuz-$KV ] || dpkg -x debs/${KPKG}_*.deb $KR
if [ ! -d $HDR/usr/src/linux-headers-$KV ]; then
  for f in debs/linux-headers-${KV}_*.deb debs/linux-headers-$KABI-common_*.deb debs/linux-kbuild-${KSER}_*.deb; do dpkg -x "$f" $HDR; done
  sed -i "s|include /usr/src/|include $HDR/usr/src/|" $HDR/usr/src/linux-headers-$KV/Makefile
fi
# The uncompressed kernel boots directly (PVH), skipping seconds of XZ decompression under TCG.
[ -f $W/vmlinux-$KV ] || python3 - $KR/boot/vmlinuz-$KV $W/vmlinux-$KV <<'EOF'
import lzma, sys
data = open(sys.argv[1], 'rb').read(); start = data.find(b'\xfd7zXZ\x00')
open(sys.argv[2], 'wb').write(lzma.LZMADecompressor(format=lzma.FORMAT_XZ).decompress(data[start:]))
EOF
log "kernel $KV ($KVER)"

# ------------------------------------------------------------ gpio-sim out of tree (CONFIG_GPIO_SIM and CONFIG_IRQ_SIM are off in Debian)
if [ ! -f $MODS/extra/gpio-sim.ko ]; then
  rm -rf $W/gpiosim $W/src; mkdir -p $W/gpiosim $W/src
  dpkg-deb --fsys-tarfile debs/linux-source-${KSER}_*.deb | tar -xO ./usr/src/linux-source-$KSER.tar.xz \
    | tar -xJ -C $W/src linux-source-$KSER/drivers/gpio/gpio-sim.c linux-source-$KSER/drivers/gpio/gpiolib.h linux-source-$KSER/kernel/irq/irq_sim.c
  S=$W/src/linux-source-$KSER
  cp $S/drivers/gpio/gpio-sim.c $W/gpiosim/gpio-sim-main.c
  cp $S/drivers/gpio/gpiolib.h $W/gpiosim/
  # irq_to_desc() is not exported to modules: dispatch through generic_handle_irq() instead.
  sed 's/handle_simple_irq(irq_to_desc(irqnum));/generic_handle_irq(irqnum);/' $S/kernel/irq/irq_sim.c > $W/gpiosim/irq_sim_mod.c
  printf 'obj-m := gpio-sim.o\ngpio-sim-y := gpio-sim-main.o irq_sim_mod.o\n' > $W/gpiosim/Kbuild
  make -s -C $HDR/usr/src/linux-headers-$KV M=$W/gpiosim CC=gcc-12 modules 2>&1 | grep -v 'Skipping BTF' || true
  mkdir -p $MODS/extra && cp $W/gpiosim/gpio-sim.ko $MODS/extra/
  depmod -b $KR $KV
fi
log "gpio-sim: $(modinfo -F vermagic $MODS/extra/gpio-sim.ko)"

# ------------------------------------------------------------ stagebox-panel-sim (tests/rig/panel-sim): rebuilt when its source changes
PANEL_SRC=$REPO/tests/rig/panel-sim
PANEL_HASH=$(cat $PANEL_SRC/* | sha256sum | cut -c1-16)
if [ ! -f $MODS/extra/stagebox-panel-sim.ko ] || [ "$(cat $W/panelsim/source-hash 2>/dev/null)" != $PANEL_HASH ]; then
  # Built in a copy: kbuild writes its objects next to the source, and the checkout stays clean.
  rm -rf $W/panelsim; cp -r $PANEL_SRC $W/panelsim
  make -s -C $HDR/usr/src/linux-headers-$KV M=$W/panelsim CC=gcc-12 modules 2>&1 | grep -v 'Skipping BTF' || true
  mkdir -p $MODS/extra && cp $W/panelsim/stagebox-panel-sim.ko $MODS/extra/
  depmod -b $KR $KV
  echo $PANEL_HASH > $W/panelsim/source-hash
fi
log "stagebox-panel-sim: $(modinfo -F vermagic $MODS/extra/stagebox-panel-sim.ko)"

# ------------------------------------------------------------ initramfs: busybox, virtio and 9p, then switch_root into the host root
printf '#!/bin/sh\nexec /sbin/modprobe -d %s "$@"\n' "$KR" > $W/guest/modprobe-wrap; chmod +x $W/guest/modprobe-wrap
IR=$(mktemp -d $W/initramfs.XXXX)
mkdir -p $IR/bin $IR/mod $IR/proc $IR/sys $IR/dev $IR/newroot
cp /bin/busybox $IR/bin/
for m in virtio_pci 9pnet_virtio 9p; do modprobe -d $KR -S $KV --show-depends $m; done \
  | awk '$1=="insmod" && !seen[$2]++ {print $2}' | while read -r p; do cp $p $IR/mod/; basename $p; done > $IR/mod/order
cp "$REPO/tests/rig/initramfs-init.sh" $IR/init; chmod +x $IR/init
(cd $IR && find . | cpio -o -H newc --quiet | gzip -1) > $W/initramfs.cpio.gz; rm -rf $IR
log "initramfs built"
gcc-12 -O2 -pthread -o $W/guest/stall-probe "$REPO/tests/rig/stall-probe.c"

# ------------------------------------------------------------ the test show and its offline render (on the host)
SHOW=$W/show
rm -rf $SHOW $W/out/*
"$REPO/build/stagebox" demo $SHOW > /dev/null
# Only Harbour Lights, three times over: the guest imports this show into a library and plays it streamed.
find $SHOW/songs -mindepth 1 -maxdepth 1 ! -name harbour-lights -exec rm -r {} +
rm $SHOW/setlists/*
printf 'title: Rig\nsongs:\n  - { song: harbour-lights, end: next }\n  - { song: harbour-lights, end: next }\n  - harbour-lights\n' > $SHOW/setlists/rig.yaml
# And once, for the run at the box's own buffer size.
printf 'title: Once\nsongs:\n  - harbour-lights\n' > $SHOW/setlists/once.yaml
"$REPO/build/stagebox" render $SHOW/songs/harbour-lights -o $W/expected.wav > $W/out/render.txt
log "offline render: $(cat $W/out/render.txt)"
# The panel decoder against synthetic captures; the rig's own checks on the host go to host.txt.
python3 "$REPO/tests/rig/test_decode_panel.py" > $W/out/host.txt 2>&1 || true
log "decode_panel.py tested on the host"

# ------------------------------------------------------------ boot; the guest runs tests/rig/guest-tests.sh as its init
# no_timer_check: under TCG on a loaded host the kernel's check that the timer interrupt ticks can
# fail ("IO-APIC + timer doesn't work") and panic the boot; virtual machines skip it.
log "booting QEMU (TCG)"
QT0=$EPOCHREALTIME
timeout 1200 qemu-system-x86_64 -accel tcg -cpu max -m 2048 -smp 2 \
  -nographic -no-reboot -nodefaults -serial stdio -monitor none \
  -kernel $W/vmlinux-$KV -initrd $W/initramfs.cpio.gz \
  -append "console=ttyS0 panic=-1 no_timer_check quiet rig_dir=$W repo=$REPO guest_init=$REPO/tests/rig/guest-tests.sh" \
  -virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
  -virtfs local,path=$REPO,mount_tag=repo,security_model=none,readonly=on,multidevs=remap \
  -virtfs local,path=$W,mount_tag=rig,security_model=none,multidevs=remap \
  < /dev/null > $W/console.log 2>&1 || true
log "QEMU exited after $(echo "$EPOCHREALTIME - $QT0" | bc | cut -c1-5) s"
# What the guest sent through spidev, decoded here (TCG would make it ten times slower) and compared
# with the picture the sender meant: panel_sim_check.py's test frame, and stagebox's last screen.
decode_check(){ # CAPTURE EXPECTED_PNG DESCRIPTION
  local result="PASS"
  if [ ! -f "$1" ]; then result="FAIL"; set -- "$1" "$2" "$3 (the guest saved no capture)"
  elif ! python3 "$REPO/tests/rig/decode_panel.py" "$1" "$2" > "$1.decode.txt" 2>&1; then result="FAIL"; cat "$1.decode.txt"; fi
  echo "$result: $3" >> $W/out/host.txt
}
[ -f $W/out/panel-frame.bin ] && python3 "$REPO/tests/rig/panel_sim_check.py" --expected-png $W/out/panel-frame.png
decode_check $W/out/panel-frame.bin $W/out/panel-frame.png "decode_panel.py rebuilds the frame the guest sent, equal to its PNG"
decode_check $W/out/stagebox-panel.bin $W/out/screen/latest.png "the stage screen decoded from stagebox's spidev traffic equals its last snapshot"
grep -hE '^(PASS|FAIL|INFO)' $W/out/host.txt $W/console.log | tr -d '\r' || true

passed=$(cat $W/out/host.txt $W/console.log | grep -c '^PASS' || true)
failed=$(cat $W/out/host.txt $W/console.log | grep -c '^FAIL' || true)
retried=$(grep -c '^RETRIED' $W/console.log || true)
grep -h '^RETRIED' $W/console.log | tr -d '\r' || true
# A guest that died before its last check has not proven anything.
grep -q 'GUEST-DONE' $W/console.log || { echo "FAIL: the guest did not finish (see $W/console.log)"; failed=$((failed + 1)); tail -30 $W/console.log; }
missing=$((RIG_CHECKS - passed - failed)); [ $missing -gt 0 ] || missing=0
extra=0; [ $((passed + failed)) -le $RIG_CHECKS ] || extra=1
[ $missing -eq 0 ] || echo "FAIL: $missing of the rig's $RIG_CHECKS checks did not run"
[ $extra -eq 0 ] || echo "FAIL: the rig ran $((passed + failed)) checks, more than the $RIG_CHECKS it declares"
echo "rig wall time: $(elapsed | cut -c1-5) s"
echo "rig: $RIG_CHECKS expected, $passed passed, $failed failed, $retried retried"
echo "$passed passed, $((failed + missing + extra)) failed"
[ $((failed + missing + extra)) -eq 0 ]
