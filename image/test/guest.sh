#!/bin/bash
# The boot test's guest side: started inside the booted image by systemd.run= from the kernel
# command line (kernel-command-line.service, next to the box's own units), with the test's
# folder mounted over 9p at /run/t. Nothing of it is in the image. Prints PASS:/FAIL:/INFO:
# lines to the console and to /run/t/out/guest-PHASE.txt; the host compares the captures.
#   phase 1: first boot of a fresh image with a show stick in the USB port; ends with a second
#            stick (show B) plugged in by the host, which cuts the power halfway through its import
#   phase 2: the boot after that power cut (no stick): the installed show, played again
# Every wait is on what the box says (systemd's state, its status file, its journal) or on what
# the loopback captured; none is a sleep standing in for either.
T=/run/t OUT=/run/t/out
PHASE=$(sed -n 's/.*stagebox_test_phase=\([0-9]*\).*/\1/p' /proc/cmdline)
LOG=$OUT/guest-$PHASE.txt
exec > >(tee -a $LOG > /dev/console) 2>&1
uptime_s(){ cut -d' ' -f1 /proc/uptime; }
check(){ if eval "$2"; then echo "PASS: $1"; else echo "FAIL: $1"; fi; }
prop(){ systemctl show -P "$1" stagebox.service; }
seconds(){ echo "scale=2; $1 / 1" | bc 2>/dev/null || awk "BEGIN { printf \"%.2f\", $1 }"; }
# Waits for stagebox.service to be active (Type=notify: active means it sent READY=1) with a main
# process other than OLD_PID, since SINCE (seconds on the monotonic clock); prints the monotonic
# time it became active, in seconds. The properties come from one systemctl call, so they agree.
wait_ready(){ # OLD_PID TIMEOUT_S [SINCE_S]
  local deadline=$(( ${2%.*} * 10 )) i state
  for ((i = 0; i < deadline; i++)); do
    state=$(systemctl show -p ActiveState -p MainPID -p ActiveEnterTimestampMonotonic stagebox.service 2>/dev/null)
    if awk -F= -v old="$1" -v since="${3:-0}" '{ v[$1] = $2 } END { exit !(v["ActiveState"] == "active" && v["MainPID"] != old && v["MainPID"] != 0 && v["ActiveEnterTimestampMonotonic"] / 1e6 > since) }' <<< "$state"; then
      awk -F= '$1 == "ActiveEnterTimestampMonotonic" { printf "%.2f", $2 / 1e6 }' <<< "$state"; return 0
    fi
    sleep 0.1
  done
  return 1
}
# name=policy for each thread of process PID. The policy is field 41 of /proc/PID/task/TID/stat,
# counted after the thread's name: that is in parentheses and may hold spaces (".NET TP Worker"),
# and cutting the whole line at spaces would read the CPU the thread last ran on instead.
thread_policies(){ # PID
  local task stat
  for task in /proc/$1/task/*; do
    stat=$(cat $task/stat 2> /dev/null) || continue
    set -- ${stat##*') '}
    echo "$(cat $task/comm 2> /dev/null)=${39}"
  done
}
fifo_info(){ echo "$1" | grep '=1$' | grep -vx 'stagebox-audio=1' | sed 's/^/INFO: at SCHED_FIFO besides the audio thread: /'; }
only_audio_fifo(){ # WHEN: the audio thread at SCHED_FIFO, and no other thread of the box
  local threads; threads=$(thread_policies $(prop MainPID))
  check "its audio thread and only it runs SCHED_FIFO $1" "echo \"\$threads\" | grep -qx 'stagebox-audio=1' && [ \$(echo \"\$threads\" | grep -c '=1\$') = 1 ]"
  fifo_info "$threads"
}
# The audio thread counts what it allocates after its warm-up; the status file says it.
allocations_none(){ # WHEN
  local said; said=$(grep '^audio thread allocations after warm-up:' /run/stagebox/status 2> /dev/null)
  echo "INFO: status $1: ${said:-no allocation line in /run/stagebox/status}"
  check "its audio thread allocated nothing after its warm-up $1 (status file)" "echo '$said' | grep -qE '^audio thread allocations after warm-up: 0 bytes( |\$)'"
}
# The waits below end at a time on the monotonic clock (under TCG a look can take longer than its pause).
until_s(){ awk -v after="$1" '{ printf "%d", $1 + after }' /proc/uptime; }
before(){ [ "$(cut -d. -f1 /proc/uptime)" -lt "$1" ]; }
# Waits until the box's status file (rewritten every second) says it plays a song at its bar
# MIN_BAR or later (bar 1 comes after the count-in).
wait_playing(){ # MIN_BAR TIMEOUT_S
  local deadline; deadline=$(until_s $2)
  while before $deadline; do
    awk -v bar="$1" '/^transport: / { transport = $2 } /^position: bar / { at = $3 }
      END { exit !(transport ~ /^PLAYING/ && at + 0 >= bar) }' /run/stagebox/status 2> /dev/null && return 0
    sleep 0.1
  done
  return 1
}
# Waits until the box has written a line holding TEXT to the journal in this boot.
wait_journal(){ # TEXT TIMEOUT_S
  local deadline; deadline=$(until_s $2)
  while before $deadline; do
    journalctl -b -u stagebox -o cat --no-pager | grep -qF -- "$1" && return 0
    sleep 0.2
  done
  return 1
}
echo "INFO: phase $PHASE: test started at $(uptime_s) s after the kernel, kernel $(uname -r)"

# ------------------------------------------------------------ the box as it boots: READY from the shipped unit and configuration
READY_AT=$(wait_ready 0 600)
check "systemd starts stagebox.service from the image and it reports READY (Type=notify: active)" "[ -n '$READY_AT' ]"
echo "BOOT-TO-READY $READY_AT"
echo "INFO: boot to READY: $READY_AT s after the kernel started (userspace from $(awk -v us="$(systemctl show -P UserspaceTimestampMonotonic)" 'BEGIN { printf "%.2f", us / 1e6 }') s); status: $(prop StatusText)"
PID=$(prop MainPID)
check "it runs as user stagebox with the groups audio, gpio and spi only" \
  "[ \"\$(ps -o user= -p $PID)\" = stagebox ] && [ \"\$(id -Gn stagebox | tr ' ' '\n' | sort | tr '\n' ' ')\" = 'audio gpio spi stagebox ' ]"
# Where the boot's time went (systemd-analyze waits for the boot to finish, and this test is part of it).
at(){ awk -v us="$(systemctl show -P $2 $1)" 'BEGIN { printf "%.1f", us / 1e6 }'; }
echo "INFO: timeline (s after the kernel): userspace $(at "" UserspaceTimestampMonotonic)$(for u in systemd-udevd.service data.mount local-fs.target systemd-journal-flush.service sysinit.target basic.target; do echo -n ", $u $(at $u ActiveEnterTimestampMonotonic)"; done), stagebox.service started $(at stagebox.service InactiveExitTimestampMonotonic), READY $(at stagebox.service ActiveEnterTimestampMonotonic)"
systemd-analyze blame --no-pager > $OUT/blame-$PHASE.txt 2>&1
journalctl -b -u stagebox -o short-monotonic --no-pager | grep -E 'Starting stagebox|show:|playing to|Started stagebox' | head -n 6 | sed 's/^/INFO: /'
# The audio thread takes SCHED_FIFO as it starts, which can be just after READY: a few seconds' grace.
for i in $(seq 50); do
  THREADS=$(thread_policies $PID)
  echo "$THREADS" | grep -qx 'stagebox-audio=1' && break; sleep 0.1
done
check "its audio thread runs SCHED_FIFO (LimitRTPRIO=95)" "echo \"\$THREADS\" | grep -qx 'stagebox-audio=1'"
check "no other thread of it runs SCHED_FIFO" "[ \"\$(echo \"\$THREADS\" | grep -c '=1\$')\" = 1 ]"
fifo_info "$THREADS"
check "the systemd watchdog is armed for it (WatchdogSec=2s) and it pings" "[ \"\$(prop WatchdogUSec)\" = 2s ] && [ \"\$(prop WatchdogTimestampMonotonic)\" != 0 ]"
check "the root file system is mounted read-only" "findmnt -no OPTIONS / | grep -q '^ro,'"
check "the data partition is mounted read-write with the library and the journal bound from it" \
  "findmnt -no OPTIONS /data | grep -q '^rw,' && findmnt -no SOURCE /var/lib/stagebox | grep -q '\[/stagebox\]' && findmnt -no SOURCE /var/log/journal | grep -q '\[/journal\]'"
check "systemd feeds the hardware watchdog (RuntimeWatchdogSec=10s)" \
  "[ \"\$(cat /sys/class/watchdog/watchdog0/state 2>/dev/null)\" = active ] && [ \"\$(cat /sys/class/watchdog/watchdog0/timeout)\" = 10 ]"
echo "INFO: watchdog: $(cat /sys/class/watchdog/watchdog0/identity 2>/dev/null), timeout $(cat /sys/class/watchdog/watchdog0/timeout 2>/dev/null) s"
FAILED=$(systemctl list-units --failed --no-legend --plain | grep -v kernel-command-line | awk '{print $1}' | tr '\n' ' ')
check "no unit failed on the read-only root" "[ -z '$FAILED' ]"
[ -n "$FAILED" ] && echo "INFO: failed units: $FAILED" && for u in $FAILED; do journalctl -b -u $u --no-pager | tail -n 5 | sed 's/^/INFO:   /'; done

if [ "$PHASE" = 1 ]; then
  STICK=$(findmnt -rn -o TARGET,OPTIONS | awk '$1 ~ /^\/media\/stagebox-usb-/')
  check "the show stick was mounted by udev + systemd-mount under /media, ro,nosuid,nodev,noexec" \
    "echo '$STICK' | grep -q '^/media/stagebox-usb-sd[a-z]1* ro,nosuid,nodev,noexec'"
  check "the box imported the stick's show into the library on the data partition" "ls /var/lib/stagebox/library/ | grep -q ."
  # The running box finds the stick still in and imports it again, as a show brought while it runs.
  wait_journal "show: now playing generation" 300 || echo "INFO: the running box took over no imported show within 300 s"
  only_audio_fifo "after a stick import into the running box"
  # This box's first process plays to ALSA's default device (period 1024, buffer 2048), where TCG's
  # stalls make xruns: issue 23's 56 bytes were the first xrun's snd_pcm_recover binding itself on
  # the audio thread (the image's ReadyToRun build; see hal/Devices/Native/NativeBindings.cs).
  allocations_none "after a stick import into the running box"
  echo "INFO: status after a stick import into the running box: $(grep -E '^(output|xruns):' /run/stagebox/status 2> /dev/null | tr '\n' ' ')"
  journalctl -b -u stagebox --no-pager -o cat | grep -iE 'stick|import: (from|generation|result)|show:|playing to' | head -n 10 | sed 's/^/INFO: stagebox: /'
  # Issue 24: the service's sandbox and rating, /tmp noexec, sticks plugged in later (FAT, exFAT, not ext4).
  . $T/guest-sandbox.sh
else
  check "the root file system is clean after the power cut (e2fsck -fn)" "e2fsck -fn \$(findmnt -no SOURCE /) > $OUT/fsck-root.txt 2>&1"
  check "the journal kept the boot that was cut off (persistent on /data)" "[ \$(journalctl --list-boots --no-pager | grep -cE '^ *-?[0-9]+ ') -ge 2 ]"
  journalctl --list-boots --no-pager | sed 's/^/INFO: /'
  echo "INFO: machine id $(cat /etc/machine-id)$(findmnt -n /etc/machine-id > /dev/null && echo ', bound over the read-only root')"
  check "the show installed before the power cut is still there and plays (READY without a stick)" "[ -n '$READY_AT' ] && ! findmnt -rn -o TARGET | grep -q '^/media/stagebox-usb-'"
  journalctl -b -u stagebox --no-pager -o cat | grep -E '^show: ' | head -n 3 | sed 's/^/INFO: stagebox: /'
fi

# ------------------------------------------------------------ playing a song: the test's configuration (the loopback, a TCG-sized buffer) and --play
mkdir -p /run/systemd/system/stagebox.service.d
cat > /run/systemd/system/stagebox.service.d/50-boot-test.conf <<UNIT
[Service]
ExecStart=
ExecStart=/opt/stagebox/stagebox run --config $T/stagebox-test.yaml --play
UNIT
systemctl daemon-reload
CAPTURED_FRAME=32   # bytes: 8 channels of 32-bit float, 1.5 MB a second
# The captures' own tmpfs (the box's /tmp holds 42 s of them, less than a slow restart takes under TCG).
CAPTURES=/run/t-captures
mkdir -p $CAPTURES && mountpoint -q $CAPTURES || mount -t tmpfs -o size=600m tmpfs $CAPTURES
record(){ # NAME: arecord from the loopback, returning once it runs
  arecord -q -D hw:Loopback,1,0 -f FLOAT_LE -c 8 -r 48000 -t raw --buffer-time=500000 $CAPTURES/$1.raw 2> $OUT/arecord-$1-$PHASE.txt & RECORDER=$!
  local i
  for ((i = 0; i < 300; i++)); do grep -qx 'state: RUNNING' /proc/asound/Loopback/pcm1c/sub0/status 2> /dev/null && return; sleep 0.1; done
  echo "INFO: arecord is not capturing after 30 s"
}
stop_recording(){ kill -INT $RECORDER; wait $RECORDER; cp $CAPTURES/$1.raw $OUT/$1-$PHASE.raw; rm $CAPTURES/$1.raw; }
# Waits until the capture holds FRAMES frames from its first sound on: a song heard whole. The
# first sound is where the capture stops being zeros (cmp against /dev/zero stops at it); each
# look skips what an earlier one found silent.
wait_heard(){ # NAME FRAMES TIMEOUT_S
  local deadline silent=0 first=-1 at
  deadline=$(until_s $3)
  while before $deadline; do
    if [ $first -lt 0 ]; then
      at=$(cmp -i $silent $CAPTURES/$1.raw /dev/zero 2> /dev/null | awk '{ print $5 }' | tr -d ,)
      if [ -n "$at" ]; then first=$(( silent + at - 1 )); else silent=$(stat -c %s $CAPTURES/$1.raw); fi
    fi
    [ $first -ge 0 ] && [ $(stat -c %s $CAPTURES/$1.raw) -ge $(( first + $2 * CAPTURED_FRAME )) ] && return 0
    sleep 0.2
  done
  return 1
}
SONG_FRAMES=$(cat $T/song-frames)   # the test song's offline render, written by the host
play_and_capture(){ # NAME: restart into --play, capture the first play of the song whole
  # snd-aloop's capture side takes the format its playback side runs at: the box stops first.
  OLD=$(prop MainPID); systemctl stop stagebox.service
  record $1
  systemctl start stagebox.service
  wait_ready "$OLD" 300 > /dev/null
  # The song whole and a tenth of a second more (the host compares it all but its last 50 ms).
  wait_heard $1 $(( SONG_FRAMES + 4800 )) 300 || echo "INFO: $1: the song was not heard whole within 300 s"
  allocations_none "while it plays"
  stop_recording $1
}
play_and_capture play
echo "CAPTURE play-$PHASE.raw"

if [ "$PHASE" = 1 ]; then
  # ---------------------------------------------------------- self-healing: kill -9, then SIGSTOP, mid-song
  fault(){ # NAME SIGNAL
    record $1
    wait_playing 1 300 || echo "INFO: $1: the box was not playing a song's first bar within 300 s"
    PID=$(prop MainPID); RESTARTS=$(prop NRestarts)
    t0=$(uptime_s); kill -$2 $PID
    READY_AGAIN=$(wait_ready $PID 300 $t0)
    # Playing again: the new process says it is a bar into its song after the count-in
    # (2.25 s each; what is heard trails by the 0.68 s buffer), so the capture ends in music.
    rm -f /run/stagebox/status
    wait_playing 2 300 || echo "INFO: $1: the restarted box did not say it plays within 300 s"
    stop_recording $1
    echo "INFO: $1: SIGNAL at $t0 s, READY again at $READY_AGAIN s, restarts $RESTARTS -> $(prop NRestarts); result of the old process: $(journalctl -b -u stagebox --no-pager -o cat | grep -E 'Main process exited|Watchdog timeout|Failed with result' | tail -n 2 | tr '\n' ' ')"
    check "after kill -$2 systemd restarts stagebox and it is READY again" "[ -n '$READY_AGAIN' ] && [ \$(prop NRestarts) -gt $RESTARTS ]"
    echo "RESTART $1 $(awk -v a="$READY_AGAIN" -v b="$t0" 'BEGIN { printf "%.2f", a - b }')"
    echo "CAPTURE $1-$PHASE.raw"
  }
  fault kill9 KILL
  fault sigstop STOP
  check "the SIGSTOPped box was ended by systemd's watchdog" "journalctl -b -u stagebox --no-pager -o cat | grep -q 'Watchdog timeout'"
  # ---------------------------------------------------------- the power cut in the middle of an import, as the box plays
  # The host plugs in stick B (a show with a long stem) and kills QEMU once the import says it is
  # 40 % done: the library must come back as show A or show B, whole (checked on boot 2 and the host).
  echo "PLUG-STICK-B at $(uptime_s) s"
  # Stick B is known by its label: the sticks plugged in before it (guest-sandbox.sh) took the first device names.
  deadline=$(until_s 120); while before $deadline && [ ! -e /dev/disk/by-label/SHOWSTICKB ]; do sleep 0.2; done
  STICK_B=/media/stagebox-usb-$(basename "$(readlink -f /dev/disk/by-label/SHOWSTICKB)")
  wait_journal "import: from $STICK_B " 300 || echo "INFO: the box did not start importing stick B ($STICK_B) within 300 s"
  only_audio_fifo "while it imports a stick as it plays"
  echo "INFO: status: $(grep -E '^(song|transport):' /run/stagebox/status 2> /dev/null | tr '\n' ' ')"
  SAID=""
  while true; do
    # Stick B's progress only: the lines after its import began (a stick left in is imported again at each restart).
    NOW=$(journalctl -b -u stagebox -o cat --no-pager | sed -n "\\|^import: from $STICK_B |,\$p" | sed -n 's/^import: progress \([0-9]*\)% .*/\1/p' | tail -n 1)
    [ -n "$NOW" ] && [ "$NOW" != "$SAID" ] && echo "IMPORT-PROGRESS $NOW at $(uptime_s) s" && SAID=$NOW
    sleep 0.1
  done
else
  echo "GUEST-DONE at $(uptime_s) s"
  # Straight to poweroff.target: `systemctl poweroff` asks logind first.
  systemctl start poweroff.target --job-mode=replace-irreversibly --no-block
fi
