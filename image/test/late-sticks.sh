# Sourced by boot-test.sh: the sticks plugged in during boot 1 after stagebox.service started
# (image/test/guest-sandbox.sh checks them): the show again on FAT, an empty exFAT stick, and
# the show on ext4, which the udev rule must leave alone. Uses W, the stick folder $W/stick.
late_sticks_make(){
  "$REPO/tests/install-debian-packages.sh" exfatprogs
  mkfs.vfat -C -n LATEFAT $W/late-fat.img 65536 > /dev/null && mcopy -s -i $W/late-fat.img $W/stick/StageBox ::/
  truncate -s 64M $W/late-exfat.img && mkfs.exfat -L LATEEXFAT $W/late-exfat.img > /dev/null
  mkfs.ext4 -q -L LATEEXT4 -d $W/stick $W/late-ext4.img 64M
}
# QEMU arguments for boot 1: the sticks' drives (not plugged in yet) and a QMP socket to plug them.
late_sticks_qemu_args(){
  local s
  for s in fat exfat ext4; do echo "-drive if=none,id=late-$s,format=raw,file=$W/late-$s.img,readonly=on"; done
  echo "-qmp unix:$W/qmp-1.sock,server=on,wait=off"
}
# Plugs the three into the USB bus once the guest asks (PLUG-STICKS-NOW on its console).
late_sticks_plug(){
  wait_console 1 '^PLUG-STICKS-NOW' 900 > /dev/null || { log "boot 1: the guest never asked for the late sticks"; return; }
  python3 - $W/qmp-1.sock late-ext4 late-fat late-exfat <<'PY' && log "boot 1: late sticks plugged in"
import json, socket, sys
sock = socket.socket(socket.AF_UNIX); sock.connect(sys.argv[1]); f = sock.makefile('rw')
def call(command, **arguments):
    f.write(json.dumps({'execute': command, 'arguments': arguments}) + '\n'); f.flush()
    while True:
        reply = json.loads(f.readline())
        if 'return' in reply or 'error' in reply: return reply
json.loads(f.readline())  # the greeting
call('qmp_capabilities')
for drive in sys.argv[2:]:
    reply = call('device_add', driver='usb-storage', bus='xhci.0', drive=drive, id=drive + '-usb', removable=True)
    if 'error' in reply: sys.exit(f'device_add {drive}: {reply["error"]}')
PY
}
