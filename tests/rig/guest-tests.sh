#!/bin/bash
# Runs as PID 1 in the rig's guest (a real kernel under QEMU, the host root read-only over
# 9p): loads snd-aloop, gpio-sim and stagebox-panel-sim, watches simulated footswitches with stagebox gpio-watch,
# drives the simulated panel wiring through spidev and GPIO ioctls, plays the rig show with the real stagebox to
# hw:Loopback,0,0 while arecord captures hw:Loopback,1,0, and checks the capture.
# Prints PASS:/FAIL:/INFO: lines (and RETRIED: for a playback attempt a measured stall excused),
# then GUEST-DONE, and powers the guest off. rig.sh knows how many checks this prints (RIG_CHECKS).
export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp/home
W=$(sed -n 's/.*rig_dir=\([^ ]*\).*/\1/p' /proc/cmdline)
REPO=$(sed -n 's/.*repo=\([^ ]*\).*/\1/p' /proc/cmdline)
OUT=$W/out
mkdir -p $OUT $HOME /dev/pts /dev/shm
mount -t devpts devpts /dev/pts; mount -t tmpfs tmpfs /dev/shm
uptime_s(){ cut -d' ' -f1 /proc/uptime; }
check(){ if eval "$2"; then echo "PASS: $1"; else echo "FAIL: $1"; fi; }
# Waits until FILE has at least N lines matching the basic regex REGEX, for at most SECONDS; fails if they never came.
await_lines(){ # FILE REGEX N SECONDS
  local deadline=$((EPOCHSECONDS + $4))
  until [ "$(grep -c -- "$2" "$1" 2>/dev/null)" -ge "$3" ] 2>/dev/null; do
    [ $EPOCHSECONDS -lt $deadline ] || return 1
    sleep 0.05
  done
}
await_line(){ await_lines "$1" "$2" 1 "$3"; } # FILE REGEX SECONDS
echo "INFO: guest up at $(uptime_s) s, kernel $(uname -r)"

echo $W/guest/modprobe-wrap > /proc/sys/kernel/modprobe
for m in configfs gpio-sim snd-aloop stagebox-panel-sim; do modprobe -d $W/kroot $m || echo "INFO: modprobe $m failed"; done
mount -t configfs configfs /sys/kernel/config
check "snd-aloop gives the Loopback card" "grep -q Loopback /proc/asound/cards"
check "gpio-sim is loaded and configurable" "grep -q '^gpio_sim' /proc/modules && [ -d /sys/kernel/config/gpio-sim ]"

export DOTNET_CLI_HOME=/tmp/home DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

# --- GPIO: a bank of 8 simulated footswitch lines, watched by the real stagebox through the chardev v2 layer.
G=/sys/kernel/config/gpio-sim/rig
mkdir $G $G/bank0
echo 8 > $G/bank0/num_lines; echo footswitches > $G/bank0/label
echo 1 > $G/live
SIM=/sys/devices/platform/$(cat $G/dev_name)/$(cat $G/bank0/chip_name)
timeout 60 $REPO/build/stagebox gpio-watch --chip footswitches --lines 0,1 --events 4 --debounce-us 2000 > $OUT/gpio-watch.txt 2>&1 & WATCHER=$!
await_line $OUT/gpio-watch.txt READY 30
# The request's pull-up holds the line high: released, so 0 through active-low. Pulling it down is a
# press (rising, logically), pulling it up again a release; twice over, each edge once the last has been reported.
edges_seen=0
for pull in pull-down pull-up pull-down pull-up; do
  echo $pull > $SIM/sim_gpio0/pull; edges_seen=$((edges_seen + 1))
  await_lines $OUT/gpio-watch.txt '^EDGE' $edges_seen 10
done
wait $WATCHER; WATCH_RC=$?
sed 's/^/INFO: gpio-watch: /' $OUT/gpio-watch.txt
# Each edge as line, direction and sequence number, e.g. "0rising1 0falling2 ".
edges(){ sed -n 's/^EDGE line=\([0-9]*\) \([a-z]*\) .* seq=\([0-9]*\) .*/\1\2\3/p' $OUT/gpio-watch.txt | tr '\n' ' '; }
timestamps_increase(){ awk -F'ts=' '/^EDGE/ { split($2, f, " "); if (f[1] + 0 <= last) bad = 1; last = f[1] + 0; n++ } END { exit !(n == 4 && !bad) }' $OUT/gpio-watch.txt; }
check "gpio-watch finds the chip by label; its pull-up, active-low lines idle at 0" "grep -q '^READY chip=gpiochip[0-9]* label=footswitches lines=8 values=0,0\$' $OUT/gpio-watch.txt"
check "two presses on line 0 give rising, falling, rising, falling (sequence 1-4), and gpio-watch exits" "[ $WATCH_RC = 0 ] && [ \"\$(edges)\" = '0rising1 0falling2 0rising3 0falling4 ' ]"
check "the edges carry increasing kernel timestamps" "timestamps_increase"

# --- The panel's wiring (tests/rig/panel-sim): /dev/spidev0.0 and the GPIO chip 'panel-sim' (line 0 D/C,
# line 1 RESET), every transfer and reset edge captured in debugfs. The frame it sends is decoded on the host.
P=/sys/kernel/debug/stagebox-panel-sim; t_panel=$(uptime_s)
mount -t debugfs debugfs /sys/kernel/debug
timeout 60 python3 $REPO/tests/rig/panel_sim_check.py /dev/spidev0.0 $P $OUT/panel-frame.bin
# A capture of 1 KiB takes 605 (one 600-byte write and its header); the next write does not fit, and
# neither does the small one after it: the capture stays an exact prefix. Then back to the default size.
rmmod stagebox_panel_sim && modprobe -d $W/kroot stagebox-panel-sim capture_kib=1
for n in 600 600 10; do head -c $n /dev/zero > /dev/spidev0.0; done
check "a full capture drops the transfer that does not fit and every one after it, and counts them" \
  "[ \$(wc -c < $P/capture) = 605 ] && grep -qx 'dropped_records 2' $P/stats && grep -qx 'dropped_bytes 610' $P/stats"
rmmod stagebox_panel_sim && modprobe -d $W/kroot stagebox-panel-sim
echo "INFO: the panel checks took $(echo "$(uptime_s) - $t_panel" | bc) s"


RATE=48000; CHANNELS=8
CAPTURE_STATUS=/proc/asound/Loopback/pcm1c/sub0/status
# arecord on the loopback's capture side, into the guest's RAM (writing through 9p under emulation
# stalls). It is the rig's instrument, not the box: at SCHED_FIFO 70, below the audio thread's 80,
# so nothing in the guest but a stall of the guest itself can overrun it, and with a 1 s buffer,
# longer than any device buffer here, so a stall that overruns it has run the playback dry first.
# Returns once the capture runs; CAPTURE_TRIGGER is then the time of its first frame on ALSA's clock.
start_capture(){ # RAW ERRORS
  chrt -f 70 arecord -D hw:Loopback,1,0 -f FLOAT_LE -c $CHANNELS -r $RATE -t raw --buffer-time=1000000 $1 2> $2 & RECORDER=$!
  until grep -q '^state: RUNNING' $CAPTURE_STATUS 2>/dev/null || ! kill -0 $RECORDER 2>/dev/null; do sleep 0.02; done
  CAPTURE_TRIGGER=$(sed -n 's/^trigger_time: *//p' $CAPTURE_STATUS)
}
# Ends the capture once it has read all the loopback has taken in so far (its read pointer past
# where the hardware pointer is now): whatever was played before this call is in the file.
stop_capture(){
  local taken=$(sed -n 's/^hw_ptr *: *//p' $CAPTURE_STATUS)
  while kill -0 $RECORDER 2>/dev/null && [ "$(sed -n 's/^appl_ptr *: *//p' $CAPTURE_STATUS)" -lt "${taken:-0}" ] 2>/dev/null; do sleep 0.02; done
  kill -INT $RECORDER; wait $RECORDER
}
# Every half second while WATCHED lives: each thread of each stagebox process (the player, and an
# import it started) as "SECONDS PID POLICY NAME". The policy is field 41 of /proc/PID/task/TID/stat,
# counted after the thread's name, which may hold spaces: 0 other, 1 FIFO, 2 RR, 3 batch, 5 idle.
sample_threads(){ # OUTPUT WATCHED
  local pid task stat name now fields
  while kill -0 $2 2>/dev/null; do
    read -r now _ < /proc/uptime
    for pid in $(pgrep -x stagebox); do
      for task in /proc/$pid/task/*; do
        { read -r stat < $task/stat && read -r name < $task/comm; } 2>/dev/null || continue
        fields=(${stat##*) })
        echo "$now $pid ${fields[38]} $name"
      done
    done >> $1
    sleep 0.5
  done
}
# The samples' verdict: stagebox-audio at SCHED_FIFO wherever it appears, and no other thread of
# any stagebox process at a real-time policy (FIFO or RR) in any sample; at least MIN samples, and
# at least MIN_OTHER of them with a second stagebox process (the import) running.
only_audio_realtime(){ # SAMPLES PLAYER_PID MIN MIN_OTHER
  awk -v player=$2 -v min=$3 -v min_other=$4 '
    { name = $0; sub(/^[^ ]+ [^ ]+ [^ ]+ /, "", name); samples[$1] = 1; if ($2 != player) other[$1] = 1 }
    name == "stagebox-audio" && $2 == player { audio++; if ($3 != 1) { bad = 1; print "INFO: the audio thread not at SCHED_FIFO: " $0 } }
    name != "stagebox-audio" && ($3 == 1 || $3 == 2) && !(($2 " " name) in told) { bad = 1; told[$2 " " name]; print "INFO: at a real-time policy: " $0 }
    END { print "INFO: " length(samples) " samples of the threads, " length(other) " of them while an import ran"
          exit !(length(samples) >= min && length(other) >= min_other && audio > 0 && !bad) }' $1
}
# `stagebox run` says at exit what its audio thread allocated after warm-up (GC.GetAllocatedBytesForCurrentThread on that thread).
allocated_nothing(){ # RUN_LOG
  sed -n 's/^\(audio thread allocations after warm-up: .*\)/INFO: \1/p' $1
  grep -q '^audio thread allocations after warm-up: 0 bytes in [0-9]* periods' $1
}

# The show goes through the library as on the box: imported (converted to float at the device
# rate) into the guest's RAM, then played streamed from disk by the read-ahead thread. The offline
# render it is compared with decodes the show folder into memory.
# It is imported from a copy in the guest's RAM, as from a stick: the importer's sandbox names the
# folders it may read by their inodes (Landlock), and 9p without a cache, as the rig's folder is
# mounted, makes a new inode at each lookup, so no rule could ever match a folder there.
rm -rf /tmp/library /tmp/show; cp -r $W/show /tmp/show
timeout 300 $REPO/build/stagebox import /tmp/show --library /tmp/library > $OUT/import.txt 2>&1
check "the rig show imports into a library" "grep -q 'installed as generation g000001' $OUT/import.txt"
sed -n 's/^result: /INFO: import in the guest: /p' $OUT/import.txt
# The show played with faults: its PASS/FAIL lines go to stdout.
playback_checks(){
  start_capture /tmp/capture.raw $OUT/arecord.txt; local trigger1=$CAPTURE_TRIGGER
  t0=$(uptime_s)
  timeout 300 $REPO/build/stagebox run --config $REPO/tests/rig/stagebox.yaml --library /tmp/library --setlist rig --device hw:Loopback,0,0 --play --exit-at-end > $OUT/run.txt 2>&1 & PLAYER=$!
  await_line $OUT/run.txt '| PLAYING' 120
  PLAYER_PID=$(pgrep -o -x stagebox)
  rm -f $OUT/threads.txt; sample_threads $OUT/threads.txt $PLAYER & SAMPLER=$!
  # The fault: in the second play, freeze the whole process for 1.5 s, well past the 0.68 s buffer; the device runs dry.
  await_line $OUT/run.txt '\[2/3\] Harbour Lights | PLAYING | bar 6' 120
  kill -STOP $PLAYER_PID; sleep 1.5; kill -CONT $PLAYER_PID
  # The second fault, in the third play: the interface vanishes (its driver unbound, as when a
  # USB interface is unplugged) for three seconds, then comes back. The first capture ends before.
  await_line $OUT/run.txt '\[3/3\] Harbour Lights | PLAYING | bar 4' 120
  stop_capture
  echo snd_aloop.0 > /sys/bus/platform/drivers/snd_aloop/unbind
  sleep 3
  echo snd_aloop.0 > /sys/bus/platform/drivers/snd_aloop/bind
  for i in $(seq 100); do [ -e $CAPTURE_STATUS ] && break; sleep 0.05; done
  start_capture /tmp/capture2.raw $OUT/arecord2.txt; local trigger2=$CAPTURE_TRIGGER
  wait $PLAYER; rc=$?
  t1=$(uptime_s)
  wait $SAMPLER
  stop_capture
  cp /tmp/capture.raw /tmp/capture2.raw $OUT/
  check "the capture itself ran without overruns" "! grep -qi overrun $OUT/arecord.txt $OUT/arecord2.txt"
  echo "INFO: stagebox ran $(echo "$t1 - $t0" | bc) s: $(grep -E 'playing to|audio went|audio thread' $OUT/run.txt | tr '\n' ' ')"
  check "stagebox played the setlist to its end and exited cleanly" "[ $rc = 0 ] && grep -q '\[3/3\] Harbour Lights | PLAYING | bar 12 beat 6/6' $OUT/run.txt"
  check "stagebox reports the device lost once and reopened" "grep -q 'audio went to .*device lost 1 time(s) (last: .*), reopened' $OUT/run.txt"
  check "sampled every 0.5 s while it played: the audio thread, and only it, runs SCHED_FIFO" "only_audio_realtime $OUT/threads.txt $PLAYER_PID 20 0"
  XRUNS=$(sed -n 's/^audio went to .*xruns: \([0-9]*\).*/\1/p' $OUT/run.txt)
  check "stagebox counted the forced xrun and says when and where" "[ \"\${XRUNS:-0}\" -ge 1 ] && grep -q 'audio went to .*xruns: [0-9]* (the last at frame' $OUT/run.txt"
  check "the stems streamed from the library, every frame read ahead in time" "grep -q '^streamed stems: 3 files, .*stem frames not ready in time: 0\$' $OUT/run.txt"
  check "the device took 8 channels of 32-bit float at 48 kHz" "grep -q \"ALSA 'hw:Loopback,0,0' (8 ch, 48000 Hz, Float32\" $OUT/run.txt"
  check "the audio thread allocated nothing after warm-up, through the xrun, the device's loss and reopening, and streaming" "allocated_nothing $OUT/run.txt"
  python3 $REPO/tests/rig/compare_capture.py $W/expected.wav $OUT/capture.raw $CHANNELS $RATE $(echo "$t1 - $t0" | bc) ${XRUNS:-0} \
    $OUT/capture2.raw $trigger1 $trigger2 $(sed -n 's/^ *buffer_frames: *//p' $REPO/tests/rig/stagebox.yaml)
}
# Under TCG on a shared host the emulator itself can be descheduled, and when for longer than the
# device's buffer holds, the device runs dry whatever the firmware does. stall-probe (SCHED_FIFO 99
# on each guest CPU) measures such stalls. An attempt is played again only when a stall it measured
# was longer than the buffer holds when full (the buffer less one period, from the rig's
# configuration) and every failure is of a check such a stall can break: the capture's equality to
# the render and its xrun count (STALL_BREAKABLE). Any other failure stands, and so does one with
# no such stall. Each replay prints RETRIED:, which the rig counts.
BUFFER_FRAMES=$(sed -n 's/^ *buffer_frames: *//p' $REPO/tests/rig/stagebox.yaml)
PERIOD_FRAMES=$(sed -n 's/^ *period_frames: *//p' $REPO/tests/rig/stagebox.yaml)
BUFFER_HOLDS_MS=$(( (BUFFER_FRAMES - PERIOD_FRAMES) * 1000 / RATE ))
STALL_BREAKABLE='capture itself ran without overruns|captured samples are identical|click onsets|nothing lost or skipped|counted and reported as an xrun|every sample to the end'
attempt_checks(){ # ATTEMPT
  $W/guest/stall-probe $OUT/stalls-$1.txt & PROBE=$!
  playback_checks > $OUT/playback-$1.txt 2>&1
  kill -INT $PROBE; wait $PROBE
  STALL_MS=$(sed -n 's/^max_stall_ms //p' $OUT/stalls-$1.txt)
}
for attempt in 1 2 3; do
  attempt_checks $attempt
  failures=$(grep '^FAIL' $OUT/playback-$attempt.txt)
  if [ $attempt -lt 3 ] && [ -n "$failures" ] && ! grep -qvE "$STALL_BREAKABLE" <<< "$failures" && [ "${STALL_MS:-0}" -gt $BUFFER_HOLDS_MS ]; then
    sed "s/^\(PASS\|FAIL\):/INFO: attempt $attempt, \1:/" $OUT/playback-$attempt.txt
    echo "RETRIED: attempt $attempt: the guest stopped running for $STALL_MS ms, longer than the device's buffer holds ($BUFFER_HOLDS_MS ms), and only checks such a stall breaks failed; playing the show again"
    continue
  fi
  cat $OUT/playback-$attempt.txt
  break
done
echo "INFO: longest stall of the guest itself while the show played: ${STALL_MS:-?} ms ($BUFFER_HOLDS_MS ms excuses a replay)"

# --- At the box's own latency: its shipped configuration (deploy/etc/stagebox.yaml: 256-frame
# periods in a 1024-frame buffer, 21.3 ms), one play of the song from the library, while a show
# stick arrives and the running box imports it. The stick is a tmpfs filled with the show
# elsewhere, remounted as the udev rule mounts sticks (ro,nosuid,nodev,noexec), then shown under
# the box's media root in one step. No replay here: the checks hold whatever the guest's stalls do.
latency_checks(){
  mkdir -p /tmp/stick /tmp/media/stagebox-usb-sdr1
  mount -t tmpfs -o size=64m tmpfs /tmp/stick && cp -r $W/show /tmp/stick/StageBox && mount -o remount,ro,nosuid,nodev,noexec /tmp/stick
  $W/guest/stall-probe $OUT/stalls-latency.txt & PROBE=$!
  start_capture /tmp/capture-latency.raw $OUT/arecord-latency.txt
  timeout 300 $REPO/build/stagebox run --config $REPO/deploy/etc/stagebox.yaml --library /tmp/library --media-root /tmp/media --setlist once \
    --device hw:Loopback,0,0 --status-file /tmp/latency-status --play > $OUT/latency.txt 2>&1 & PLAYER=$!
  await_line $OUT/latency.txt '| PLAYING' 120
  PLAYER_PID=$(pgrep -o -x stagebox)
  rm -f $OUT/threads-latency.txt; sample_threads $OUT/threads-latency.txt $PLAYER & SAMPLER=$!
  mount --bind /tmp/stick /tmp/media/stagebox-usb-sdr1
  # The new show is taken over where the song ends (or at once, should the import outlast the song); then the box is stopped.
  await_line $OUT/latency.txt '^show: now playing generation g000002\|^import: FAILED' 240
  kill -TERM $PLAYER_PID; wait $PLAYER; rc=$?
  wait $SAMPLER
  stop_capture
  kill -INT $PROBE; wait $PROBE
  umount /tmp/media/stagebox-usb-sdr1 /tmp/stick
  cp /tmp/capture-latency.raw $OUT/
  local xruns=$(sed -n 's/^audio went to .*xruns: \([0-9]*\).*/\1/p' $OUT/latency.txt)
  echo "INFO: at the box's buffer: $(grep -E '^audio thread:' $OUT/latency.txt)"
  echo "INFO: at the box's buffer: ${xruns:-?} xruns in one play of $(sed -n 's/.*, \([0-9.]*\) s (.*/\1/p' $W/out/render.txt) s; the guest stalled $(grep -c '^stall' $OUT/stalls-latency.txt) times for 20 ms or more, at most $(sed -n 's/^max_stall_ms //p' $OUT/stalls-latency.txt) ms"
  check "the box's own buffer: the device took 256-frame periods in a 1024-frame buffer" "grep -q \"playing to ALSA 'hw:Loopback,0,0' (8 ch, 48000 Hz, Float32, period 256, buffer 1024)\" $OUT/latency.txt"
  check "at the box's buffer the song plays through to its end, and the box stops cleanly" "[ $rc = 0 ] && grep -q '\[1/1\] Harbour Lights | PLAYING | bar 12 beat 6/6' $OUT/latency.txt"
  python3 $REPO/tests/rig/compare_latency_capture.py $W/expected.wav $OUT/capture-latency.raw $CHANNELS $RATE ${xruns:-0}
  check "a show stick plugged in while the song plays is imported by the running box and taken over once the song has ended" \
    "grep -q '^import: generation g000002 installed' $OUT/latency.txt && grep -q '^show: now playing generation g000002' $OUT/latency.txt"
  check "sampled every 0.5 s while it played and imported: the audio thread, and only it, runs SCHED_FIFO (the import's threads too)" \
    "only_audio_realtime $OUT/threads-latency.txt $PLAYER_PID 10 1"
  check "at the box's buffer, the stems streamed from the library, every frame read ahead in time" "grep -q '^streamed stems: [0-9]* files, .*stem frames not ready in time: 0\$' $OUT/latency.txt"
  check "the audio thread allocated nothing after warm-up, through xruns, streaming and the stick's import and take-over" "allocated_nothing $OUT/latency.txt"
}
latency_checks

# --- The floor unit: stagebox runs with its GPIO controls on the gpio-sim bank; pulling the
# simulated lines low presses the switches (pull-down = pressed through active-low). The press
# and hold lengths are the stimulus (a tap, a hold past the 600 ms long press), not waits.
press(){ echo pull-down > $SIM/sim_gpio$1/pull; }
release(){ echo pull-up > $SIM/sim_gpio$1/pull; }
tap(){ press $1; sleep 0.1; release $1; sleep 0.3; }
hold(){ press $1; sleep 1.2; release $1; sleep 0.3; }
turn(){ for step in "$1 press" "$2 press" "$1 release" "$2 release"; do set -- $step; $2 $1; sleep 0.02; done; sleep 0.2; }
wait_for(){ for i in $(seq 300); do tail -n 3 $OUT/controls.txt | grep -q "$1" && return 0; sleep 0.1; done; return 1; }
# The stage screen runs too: every byte it sends over spidev goes to the panel-sim capture, cleared here,
# and its PNG snapshots to the guest's RAM (9p under emulation is slow); the host decodes the capture.
echo clear > $P/capture
start_capture /tmp/capture3.raw $OUT/arecord3.txt
timeout 120 $REPO/build/stagebox run --config $REPO/tests/rig/stagebox-controls.yaml --show $W/show --setlist rig --device hw:Loopback,0,0 --exit-at-end \
  --display-png /tmp/screen > $OUT/controls.txt 2>&1 & PLAYER=$!
wait_for '\[1/3\] Harbour Lights | STOPPED'
turn 3 4; turn 3 4
check "two clockwise detents of the encoder move the cued song from 1 to 3" "wait_for '\\[3/3\\] Harbour Lights | STOPPED'"
turn 4 3
check "one counter-clockwise detent moves it back to 2" "wait_for '\\[2/3\\] Harbour Lights | STOPPED'"
read -r t_start _ < /proc/uptime
tap 1
check "a tap on the middle switch starts the song" "wait_for '\\[2/3\\] Harbour Lights | COUNT-IN\\|\\[2/3\\] Harbour Lights | PLAYING'"
await_line $OUT/controls.txt '\[2/3\] Harbour Lights | PLAYING | bar 2 ' 60
lines_before=$(wc -l < $OUT/controls.txt)
tap 1
# Two beats rendered after the tap: a stop it caused would be in the log by then.
await_lines $OUT/controls.txt '| PLAYING | bar' $(( $(grep -c '| PLAYING | bar' $OUT/controls.txt) + 2 )) 30
check "while it plays, a tap cannot stop it (stage safety)" "! tail -n +$((lines_before + 1)) $OUT/controls.txt | grep -q 'STOPPING\\|STOPPED' && tail -n 1 $OUT/controls.txt | grep -q PLAYING"
tap 2
check "a tap on the right switch moves the next song without cutting this one" "wait_for 'PLAYING .*next: (end of set)\\|PLAYING .*next: Harbour Lights' && tail -n 1 $OUT/controls.txt | grep -q '\\[2/3\\]'"
lines_before=$(wc -l < $OUT/controls.txt)
read -r t_hold _ < /proc/uptime
hold 1
wait $PLAYER; rc=$?
stop_capture
# The first stop after the hold began: the line before it must be the second song still playing,
# short of its last bar (12): the song did not simply end.
stopped_by_hold(){
  awk -v from=$lines_before '/\| PLAYING \| bar / { playing = $0 } NR > from && /\| (STOPPING|STOPPED) \|/ { stop = $0; exit }
    END { print "INFO: the hold: last playing \"" playing "\", then \"" stop "\""
          exit !(stop ~ /\[2\/3\] Harbour Lights/ && match(playing, /\[2\/3\] Harbour Lights \| PLAYING \| bar [0-9]+ /) && substr(playing, RSTART + 37, RLENGTH - 38) + 0 < 12) }' $OUT/controls.txt
}
check "a hold on the middle switch stops the song before its end, and stagebox ends" "[ $rc = 0 ] && stopped_by_hold"
grep -E '^controls:|control to audio|^display:' $OUT/controls.txt | sed 's/^/INFO: /'
cp $P/capture $OUT/stagebox-panel.bin; cp $P/stats $OUT/stagebox-panel-stats.txt; cp -r /tmp/screen $OUT/
check "stagebox drove the panel on spidev0.0 and the panel-sim GPIO chip" "grep -q '^screen: ILI9341 on /dev/spidev0.0 at 32 MHz, D/C 0 and reset 1 on panel-sim' $OUT/controls.txt"
check "the panel's capture holds the whole run" "grep -qx 'dropped_records 0' $OUT/stagebox-panel-stats.txt && [ -s $OUT/stagebox-panel.bin ]"
check "the screen took a snapshot at each change (cued songs, count-in, bars, stop) and the last frame" "[ \$(ls $OUT/screen | grep -c '^[0-9].*\\.png\$') -ge 6 ] && [ -f $OUT/screen/latest.png ]"
check "the audio thread allocated nothing after warm-up, with the footswitches and the stage screen" "allocated_nothing $OUT/controls.txt"
# The capture: silent until the tap, sound until the hold stopped it, then silent.
python3 $REPO/tests/rig/check_hold_capture.py /tmp/capture3.raw $CHANNELS $RATE $(echo "$t_hold - $t_start" | bc)

echo "GUEST-DONE at $(uptime_s) s"
sync
/bin/busybox poweroff -f
