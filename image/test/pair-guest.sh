#!/bin/bash
# The pair test's guest side (image/pair-test.sh), on each of the two boxes: started by
# systemd.run= with the test's folder over 9p at /run/t, as the boot test's guest.sh. The box
# itself runs from its own configuration (the pair's roles, addresses and key, written into each
# copy of the image by the host). The primary's box starts at boot and plays; the backup's joins
# once the host says the primary is live (a file in the shared folder), so the pair is the one the
# test means whichever guest boots faster (a backup alone goes live itself, and then the primary
# stands by). Prints PASS:/FAIL:/INFO: lines to the console and /run/t/out/guest-ROLE.txt, and
# the markers the host waits for.
OUT=/run/t/out
ROLE=$(sed -n 's/.*stagebox_pair_role=\([a-z]*\).*/\1/p' /proc/cmdline)
exec > >(tee -a $OUT/guest-$ROLE.txt > /dev/console) 2>&1
uptime_s(){ cut -d' ' -f1 /proc/uptime; }
check(){ if eval "$2"; then echo "PASS: $ROLE: $1"; else echo "FAIL: $ROLE: $1"; fi; }
redundancy(){ sed -n 's/^redundancy: //p' /run/stagebox/status 2>/dev/null; }
allocations(){ grep '^audio thread allocations after warm-up:' /run/stagebox/status 2>/dev/null; }
# The box's own journal lines on its roles and on any allocation of its audio thread (when and where).
journal_info(){ journalctl -b -u stagebox -o cat --no-pager | grep -E '^redundancy: |audio thread allocated' | tail -n 12 | sed "s/^/INFO: $ROLE: stagebox: /"; }
# Waits up to TIMEOUT_S for the status file's redundancy line to match an extended regex.
wait_redundancy(){ # REGEX TIMEOUT_S
  local i
  for ((i = 0; i < $2 * 5; i++)); do redundancy | grep -qE "$1" && return 0; sleep 0.2; done
  return 1
}
# The pair's addresses: in the data partition's stagebox.yaml on the backup, /etc's on the primary.
CONFIGS="/var/lib/stagebox/stagebox.yaml /etc/stagebox/stagebox.yaml"
ADDRESS=$(sed -n 's/^  listen: *\([0-9.]*\):.*/\1/p' $CONFIGS 2> /dev/null | head -n 1)
PORT=$(sed -n 's/^  listen: *[0-9.]*:\([0-9]*\).*/\1/p' $CONFIGS 2> /dev/null | head -n 1)
echo "INFO: $ROLE: test started at $(uptime_s) s after the kernel; this box listens on $ADDRESS:$PORT"

if [ "$ROLE" = backup ]; then
  for i in $(seq 9000); do [ -e /run/t/primary-live ] && break; sleep 0.2; done
  # The backup's sound card, muted while it stands by, the show once it has taken over: arecord
  # starts before the box, as snd-aloop's capture side takes the format its playback side runs at.
  # Its own tmpfs: 0.4 MB a second from before the box starts to after the takeover, more than /tmp holds.
  mkdir -p /run/t-capture && mount -t tmpfs -o size=600m tmpfs /run/t-capture
  arecord -q -D hw:Loopback,1,0 -f FLOAT_LE -c 2 -r 48000 -t raw --buffer-time=500000 /run/t-capture/takeover.raw 2> $OUT/arecord.txt &
  RECORDER=$!
  for i in $(seq 300); do grep -qx 'state: RUNNING' /proc/asound/Loopback/pcm1c/sub0/status 2> /dev/null && break; sleep 0.1; done
  CAPTURE_T0=$(uptime_s)
  echo "INFO: $ROLE: the primary is live; arecord $(grep -x 'state: RUNNING' /proc/asound/Loopback/pcm1c/sub0/status 2> /dev/null || echo 'not running') at $CAPTURE_T0 s; starting the box"
  systemctl start --no-block stagebox.service
fi

for i in $(seq 4500); do systemctl is-active -q stagebox.service && break; sleep 0.2; done
check "stagebox.service is READY (active) with the pair configured ($(grep -l '^redundancy:' $CONFIGS 2> /dev/null))" "systemctl is-active -q stagebox.service"
systemctl is-active -q stagebox.service || journalctl -b -u stagebox -o cat --no-pager | tail -n 15 | sed "s/^/INFO: $ROLE: stagebox: /"
echo "INFO: $ROLE: READY at $(uptime_s) s; $(journalctl -b -u stagebox-pair-network -o cat --no-pager | grep '^pair link')"
# systemd-networkd, from the file stagebox-pair-network wrote, gave the wired port this box's address.
for i in $(seq 300); do networkctl status --no-pager 2>/dev/null | grep -q "$ADDRESS" && break; sleep 0.2; done
networkctl --no-pager list 2>&1 | sed "s/^/INFO: $ROLE: /"
check "the pair link has this box's address ($ADDRESS) from systemd-networkd" "networkctl status --no-pager | grep -q '$ADDRESS'"
# /proc/net/udp: the local address and port in hex, the address's bytes in reverse order.
BOUND=$(echo "$ADDRESS" | awk -F. -v port="$PORT" '{ printf "%02X%02X%02X%02X:%04X", $4, $3, $2, $1, port }')
check "the box's link socket is bound to that address ($BOUND in /proc/net/udp), not 0.0.0.0" "awk '{ print \$2 }' /proc/net/udp | grep -qx '$BOUND'"

if [ "$ROLE" = primary ]; then
  wait_redundancy '^primary, live' 900
  echo "PRIMARY-LIVE at $(uptime_s) s: $(redundancy)"
  # Checked on the wait's own reading: under TCG a guest stall can show the link down a moment later.
  wait_redundancy '^primary, live, term [0-9]+; link up.*; armed' 900; REACHED=$?
  check "the primary plays live, the link up and armed (the backup has the same show)" "[ $REACHED -eq 0 ]"
  echo "INFO: $ROLE: restarts of stagebox.service: $(systemctl show -P NRestarts stagebox.service)"
  echo "INFO: $ROLE: $(redundancy)"
  check "the primary's audio thread allocated nothing in lockstep ($(allocations))" "allocations | grep -qx 'audio thread allocations after warm-up: 0 bytes'"
  journal_info
  echo "PAIR-UP primary at $(uptime_s) s"
  sleep 900   # until the host cuts this box's power
  exit 0
fi

wait_redundancy '^backup, standby, term [0-9]+; link up.*; armed' 900; REACHED=$?
check "the backup follows in standby, the link up and armed" "[ $REACHED -eq 0 ]"
echo "INFO: $ROLE: $(redundancy)"
echo "PAIR-UP backup at $(uptime_s) s"
echo "CAPTURING at $(uptime_s) s: the host may cut the primary's power"
# Until the host says it cut the primary's power (a file in the shared folder), the backup must stand by.
EARLY=
for i in $(seq 6000); do
  [ -e /run/t/power-cut ] && break
  [ -z "$EARLY" ] && redundancy | grep -qE '^backup, live' && EARLY="$(uptime_s) s: $(redundancy)"
  sleep 0.2
done
check "the backup stood by while the primary lived (no takeover before its power was cut${EARLY:+; it took over at $EARLY})" "[ -z '$EARLY' ] && grep -qx cut /run/t/power-cut"
wait_redundancy '^backup, live \(took over\)' 600
TOOK_OVER=$(uptime_s)
# When the status said so, in the capture's time: the host checks the first sound against it.
awk -v took="$TOOK_OVER" -v t0="$CAPTURE_T0" 'BEGIN { printf "%.2f\n", took - t0 }' > $OUT/takeover-in-capture
sleep 6   # the capture: 6 s of the show played by the backup
kill -INT $RECORDER; wait $RECORDER
cp /run/t-capture/takeover.raw $OUT/takeover.raw
echo "INFO: $ROLE: $(redundancy)"
journal_info
check "with the primary gone, the backup took over and plays (status: live, took over; at $TOOK_OVER s)" \
  "redundancy | grep -qE '^backup, live \(took over\)' && journalctl -b -u stagebox -o cat --no-pager | grep -qE '^redundancy: live \(term [0-9]+\)'"
check "the backup's audio thread allocated nothing, standing by and taking over ($(allocations))" "allocations | grep -qx 'audio thread allocations after warm-up: 0 bytes'"
echo "GUEST-DONE at $(uptime_s) s"
systemctl start poweroff.target --job-mode=replace-irreversibly --no-block
