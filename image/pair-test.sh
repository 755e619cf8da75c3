#!/bin/bash
# The pair test: two copies of build/image/stagebox-amd64.img booted under QEMU as a redundant
# pair, their wired ports joined by a QEMU datagram network on the host's loopback, each with
# snd-aloop for a sound card. Each guest has two vCPUs, each its own host thread: with one vCPU
# the box's real-time audio thread starved the guest's network (69 % of the heartbeats lost), and
# with two on one host thread (TCG's thread=single) a period took 7.9 ms to render (p50) against
# its 5.3 ms, so the box could not keep time (19 xruns in a 683 ms buffer).
# Each copy is configured as a technician would: /etc/stagebox/stagebox.yaml with the role, the
# pair's addresses and a shared key, the show in a folder (written into the copy's root with
# debugfs); the primary plays from the start.
# Checks: both READY; systemd-networkd gave each wired port its address (deploy/network) and the
# box's link socket is bound to it; the primary live and the backup following in standby, link
# up and armed; then the primary's QEMU is killed (a power cut) and the backup takes over: its
# status says so and its sound card, silent (muted) before, plays the show on.
# Prints PASS:/FAIL:/INFO: lines and the suite's summary (`pair: ...`, then `N passed, N failed`).
set -uo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
IMG=${1:-$REPO/build/image/stagebox-amd64.img}
W=${IMAGE_DIR:-/var/tmp/stagebox-image}/pair-test
EXPECTED=14   # the checks below: 5 on the primary, 7 on the backup, 2 on the host
T0=$EPOCHREALTIME
elapsed(){ echo "$EPOCHREALTIME - $T0" | bc | cut -c1-6; }
log(){ printf '[pair-test %6.1fs] %s\n' "$(elapsed)" "$*"; }
host_checks=$W/host-checks.txt
check(){ if eval "$2"; then echo "PASS: host: $1"; else echo "FAIL: host: $1"; fi >> $host_checks; }
summary(){ # PASSED FAILED
  local missing=$((EXPECTED - $1 - $2)); [ $missing -lt 0 ] && missing=0
  echo "pair: $EXPECTED expected, $1 passed, $2 failed, 0 retried"
  echo "$1 passed, $(($2 + missing + ($1 + $2 > EXPECTED ? 1 : 0))) failed"
}
"$REPO/tests/install-debian-packages.sh" qemu-system-x86 python3 bc mtools e2fsprogs
[ -f "$IMG" ] && [ -f "$IMG.layout" ] || { echo "no image at $IMG: run make image"; summary 0 1; exit 1; }
. "$IMG.layout"
rm -rf $W; mkdir -p $W; : > $host_checks
STAGEBOX=${IMAGE_DIR:-/var/tmp/stagebox-image}/amd64/publish/stagebox
[ -x "$STAGEBOX" ] || STAGEBOX=$REPO/build/stagebox
. "$REPO/image/test/image-kernel.sh"
image_kernel "$IMG" $W

# ------------------------------------------------------------ the show: the boot test's song, 40 times over in one setlist (7.5 min)
"$STAGEBOX" demo $W/demo > /dev/null
mkdir -p $W/show/songs $W/show/setlists
cp -r $W/demo/songs/harbour-lights $W/show/songs/
# In stereo (click and stems on outputs 1 and 2): the standby resamples to keep in step, and at 8
# channels that took 6 ms a period (p50) in a TCG guest against the period's 5.3 ms (xruns).
sed -i -e 's/^bars: .*/bars: 4/' -e '/name: Bridge/d' -e 's/outputs: \[[0-9, ]*\]/outputs: [1, 2]/' $W/show/songs/harbour-lights/song.yaml
{ echo 'title: Pair test'; echo 'songs:'; for i in $(seq 40); do echo '  - { song: harbour-lights, end: next }'; done; } > $W/show/setlists/main.yaml
"$STAGEBOX" render $W/show/songs/harbour-lights -o $W/expected.wav > /dev/null
# The song's own longest silence, its start and end joined (the setlist plays it again and again):
# the bound for the backup's capture.
read -r SONG_START _ SONG_LONGEST _ SONG_END <<< "$(python3 "$REPO/image/test/compare_play.py" silences $W/expected.wav 8)"   # the render: 8 channels
SONG_GAP=$(echo "g = $SONG_START + $SONG_END; if ($SONG_LONGEST > g) g = $SONG_LONGEST; g" | bc)

# ------------------------------------------------------------ the two boxes, configured as a technician would
KEY=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
# Each box's redundancy section goes where a technician puts it: in /etc/stagebox/stagebox.yaml on
# the primary (written into the root), in the box's own stagebox.yaml on the data partition on the
# backup (read over /etc's by the box and by stagebox-pair-network alike).
configure(){ # ROLE ADDRESS PEER: writes $W/ROLE.img with its configuration and the show
  local role=$1 disk=$W/$1.img redundancy=$W/$1/stagebox.yaml
  cp --sparse=always "$IMG" $disk
  mkdir -p $W/$role/share/out
  cp "$REPO/image/test/pair-guest.sh" $W/$role/share/
  cat > $W/$role/stagebox.yaml <<YAML
# The pair test's ${role}: the loopback and a buffer sized for TCG (as image/test/stagebox-test.yaml),
# the show from a folder.
audio:
  device: hw:Loopback,0,0
  rate: 48000
  channels: 2
  period_frames: 256
  buffer_frames: 32768
  format: Float32
show:
  folder: /opt/pair-test/show
YAML
  [ $role = backup ] && redundancy=$W/$role/box.yaml
  cat >> $redundancy <<YAML
# The pair. takeover_after_ms at its most: TCG stalls a guest for hundreds of milliseconds at
# times, which must not look like a dead primary.
redundancy:
  role: ${role^}
  listen: $2:7471
  peer: $3:7471
  key: $KEY
  takeover_after_ms: 2000
YAML
  {
    echo "rm /etc/stagebox/stagebox.yaml"
    echo "write $W/$role/stagebox.yaml /etc/stagebox/stagebox.yaml"
    (cd $W && find show -type d | sort | sed 's|^|mkdir /opt/pair-test/|' | sed '1i mkdir /opt/pair-test')
    (cd $W && find show -type f | sort | sed "s|.*|write $W/& /opt/pair-test/&|")
    # systemd's watchdog for TCG: a one-vCPU guest stalls for seconds at times, which WatchdogSec=2s
    # takes for a hung box (the boot test checks that watchdog); here it would restart the boxes,
    # and each restart is a takeover. The primary plays from the start (on stage: its footswitch).
    { printf '[Service]\nWatchdogSec=30s\n'; [ $role = primary ] && printf 'ExecStart=\nExecStart=/opt/stagebox/stagebox run --play\n'; } > $W/$role/test.conf
    # The backup's box joins once the primary is live (image/test/pair-guest.sh): not started at boot.
    [ $role = backup ] && echo "rm /etc/systemd/system/multi-user.target.wants/stagebox.service"
    echo "mkdir /etc/systemd/system/stagebox.service.d"
    echo "write $W/$role/test.conf /etc/systemd/system/stagebox.service.d/50-pair-test.conf"
  } > $W/$role/debugfs.txt
  debugfs -w -f $W/$role/debugfs.txt "$disk?offset=$((root_start * 512))" > $W/$role/debugfs.log 2>&1
  # The data partition's stagebox/ is /var/lib/stagebox on the box.
  [ $role = backup ] && debugfs -w -R "write $W/$role/box.yaml stagebox/stagebox.yaml" "$disk?offset=$((data_start * 512))" >> $W/$role/debugfs.log 2>&1
  return 0
}
configure primary 169.254.77.1 169.254.77.2
configure backup 169.254.77.2 169.254.77.1
log "two copies of $(basename "$IMG") configured as primary and backup; the song's longest silence ${SONG_GAP} s"

# ------------------------------------------------------------ booting both, joined by a datagram network on the loopback
PORT=$((20000 + $$ % 20000))
RUN="/bin/sh -c 'mkdir -p /run/t && mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 test /run/t && exec /bin/bash /run/t/pair-guest.sh'"
declare -A QEMU_PID QEMU_T0
boot(){ # ROLE INDEX
  local role=$1 n=$2
  timeout 2400 qemu-system-x86_64 -accel tcg -cpu max -m 1536 -smp 2 -nodefaults -nographic -no-reboot \
    -uuid 5b0c7a3e-57a6-4e1b-9c6d-00000000770$n -device i6300esb -action watchdog=debug \
    -serial file:$W/console-$role.log -monitor none -pidfile $W/qemu-$role.pid \
    -kernel $W/vmlinux -initrd $W/initrd.img \
    -append "$BOX_OPTIONS console=ttyS0,115200 panic=-1 no_timer_check modules-load=snd-aloop stagebox_pair_role=$role systemd.unit=multi-user.target systemd.wants=kernel-command-line.service systemd.run=\"$RUN\" systemd.run_success_action=none systemd.run_failure_action=none" \
    -drive file=$W/$role.img,format=raw,if=virtio \
    -virtfs local,path=$W/$role/share,mount_tag=test,security_model=none,multidevs=remap \
    -netdev dgram,id=pair,local.type=inet,local.host=127.0.0.1,local.port=$((PORT + n)),remote.type=inet,remote.host=127.0.0.1,remote.port=$((PORT + 1 - n)) \
    -device virtio-net-pci,netdev=pair,mac=52:54:00:77:00:0$n \
    < /dev/null > $W/qemu-$role.log 2>&1 &
  QEMU_PID[$role]=$!; QEMU_T0[$role]=$EPOCHREALTIME
}
wait_console(){ # ROLE PATTERN TIMEOUT_S: echoes the seconds since that QEMU started
  local i
  for ((i = 0; i < $3 * 5; i++)); do
    grep -qa "$2" $W/console-$1.log 2>/dev/null && { echo "$EPOCHREALTIME - ${QEMU_T0[$1]}" | bc | cut -c1-6; return 0; }
    kill -0 ${QEMU_PID[$1]} 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}
boot primary 0
boot backup 1
log "both booting (two vCPUs each)"
PRIMARY_LIVE=$(wait_console primary '^PRIMARY-LIVE' 1500) && touch $W/backup/share/primary-live
log "primary live and playing ${PRIMARY_LIVE:-never} s after its QEMU started: the backup's box may join"
PRIMARY_UP=$(wait_console primary '^PAIR-UP' 1500)
BACKUP_UP=$(wait_console backup '^CAPTURING' 1500)
log "primary live ${PRIMARY_UP:-never} s, backup following and capturing ${BACKUP_UP:-never} s after their QEMU started"
# The power cut: the primary's QEMU dies at once (also when the pair never came up: the test is over).
# The backup's cue (a file in its shared folder): a takeover from here on is the right one.
kill -9 "$(cat $W/qemu-primary.pid)"
if [ -n "$PRIMARY_UP" ] && [ -n "$BACKUP_UP" ]; then echo cut; else echo "not cut: the pair never came up"; fi > $W/backup/share/power-cut
wait ${QEMU_PID[primary]} 2>/dev/null
log "primary's QEMU killed"
DONE=$(wait_console backup '^GUEST-DONE' 900)
for i in $(seq 300); do kill -0 ${QEMU_PID[backup]} 2>/dev/null || break; sleep 0.2; done
kill -0 ${QEMU_PID[backup]} 2>/dev/null && { log "the backup did not power off; killing its QEMU"; kill -9 "$(cat $W/qemu-backup.pid)"; }
wait ${QEMU_PID[backup]} 2>/dev/null
log "backup done ${DONE:-never} s after its QEMU started"

# ------------------------------------------------------------ on the host: the backup's sound card across the takeover
CAPTURE=$W/backup/share/out/takeover.raw
if [ -s $CAPTURE ]; then
  # In seconds: the first sound, the capture's length, its longest silence after the first sound (the end's included) and where.
  read -r ONSET LENGTH GAP GAP_AT _ <<< "$(python3 "$REPO/image/test/compare_play.py" silences $CAPTURE 2) - - - - -"
  echo "INFO: host: the backup's capture: first sound at $ONSET s of $LENGTH s; longest silence after it $GAP s at $GAP_AT s, the end's included (the song's own: $SONG_GAP s)" >> $host_checks
  # The guest saw the takeover in the status file, written once a second and read every 0.2 s:
  # up to 1.2 s after the box went live (2 s allowed for TCG); and the first sound may wait up to
  # 1 s more, for a silence in the song or a guest stall.
  TAKEOVER_AT=$(cat $W/backup/share/out/takeover-in-capture 2>/dev/null || echo none)
  check "the standby backup was silent (muted) until it took over: its first sound $ONSET s into the capture, the takeover seen at $TAKEOVER_AT s (2 s before to 1 s after)" \
    "[ '$ONSET' != silent ] && [ '$TAKEOVER_AT' != none ] && awk 'BEGIN { exit !($ONSET >= $TAKEOVER_AT - 2.0 && $ONSET <= $TAKEOVER_AT + 1.0) }'"
  check "after the takeover the backup plays the show on: at least 4 s, no silence longer than the song's own, the end's included" \
    "[ '$ONSET' != silent ] && awk 'BEGIN { exit !($LENGTH - $ONSET >= 4.0 && $GAP <= $SONG_GAP + 0.05) }'"
else
  check "the backup's sound card was captured across the takeover" false
  check "after the takeover the backup plays the show on" false
fi

# ------------------------------------------------------------ results
for role in primary backup; do
  grep -haE '^(PASS|FAIL|INFO)' $W/$role/share/out/guest-$role.txt 2>/dev/null || { echo "INFO: $role: no guest output; its console:"; tail -n 20 $W/console-$role.log; }
done
cat $host_checks
passed=$(cat $W/*/share/out/guest-*.txt $host_checks 2>/dev/null | grep -c '^PASS')
failed=$(cat $W/*/share/out/guest-*.txt $host_checks 2>/dev/null | grep -c '^FAIL')
echo "pair test wall time: $(elapsed) s"
summary $passed $failed
[ $failed -eq 0 ] && [ $passed -eq $EXPECTED ]
