#!/bin/bash
# The pair test's guest side (image/pair-test.sh), on each of the two boxes: started by
# systemd.run= with the test's folder over 9p at /run/t, as the boot test's guest.sh. The box
# itself runs from its own /etc/stagebox/stagebox.yaml (the pair's roles, addresses and key,
# written into each copy of the image by the host). Prints PASS:/FAIL:/INFO: lines to the
# console and /run/t/out/guest-ROLE.txt, and the markers the host waits for.
OUT=/run/t/out
ROLE=$(sed -n 's/.*stagebox_pair_role=\([a-z]*\).*/\1/p' /proc/cmdline)
exec > >(tee -a $OUT/guest-$ROLE.txt > /dev/console) 2>&1
uptime_s(){ cut -d' ' -f1 /proc/uptime; }
check(){ if eval "$2"; then echo "PASS: $ROLE: $1"; else echo "FAIL: $ROLE: $1"; fi; }
redundancy(){ sed -n 's/^redundancy: //p' /run/stagebox/status 2>/dev/null; }
# Waits up to TIMEOUT_S for the status file's redundancy line to match an extended regex.
wait_redundancy(){ # REGEX TIMEOUT_S
  local i
  for ((i = 0; i < $2 * 5; i++)); do redundancy | grep -qE "$1" && return 0; sleep 0.2; done
  return 1
}
ADDRESS=$(sed -n 's/^  listen: *\([0-9.]*\):.*/\1/p' /etc/stagebox/stagebox.yaml)
PORT=$(sed -n 's/^  listen: *[0-9.]*:\([0-9]*\).*/\1/p' /etc/stagebox/stagebox.yaml)
echo "INFO: $ROLE: test started at $(uptime_s) s after the kernel; this box listens on $ADDRESS:$PORT"

for i in $(seq 4500); do systemctl is-active -q stagebox.service && break; sleep 0.2; done
check "stagebox.service is READY (active) with the pair configured in /etc/stagebox/stagebox.yaml" "systemctl is-active -q stagebox.service"
systemctl is-active -q stagebox.service || journalctl -b -u stagebox -o cat --no-pager | tail -n 15 | sed "s/^/INFO: $ROLE: stagebox: /"
echo "INFO: $ROLE: READY at $(uptime_s) s; $(journalctl -b -u stagebox-pair-network -o cat --no-pager | grep '^stagebox-pair-network')"
# systemd-networkd, from the file stagebox-pair-network wrote, gave the wired port this box's address.
for i in $(seq 300); do networkctl status --no-pager 2>/dev/null | grep -q "$ADDRESS" && break; sleep 0.2; done
networkctl --no-pager list 2>&1 | sed "s/^/INFO: $ROLE: /"
check "the pair link has this box's address ($ADDRESS) from systemd-networkd" "networkctl status --no-pager | grep -q '$ADDRESS'"
# /proc/net/udp: the local address and port in hex, the address's bytes in reverse order.
BOUND=$(echo "$ADDRESS" | awk -F. -v port="$PORT" '{ printf "%02X%02X%02X%02X:%04X", $4, $3, $2, $1, port }')
check "the box's link socket is bound to that address ($BOUND in /proc/net/udp), not 0.0.0.0" "awk '{ print \$2 }' /proc/net/udp | grep -qx '$BOUND'"

if [ "$ROLE" = primary ]; then
  wait_redundancy '^primary, live, term [0-9]+; link up.*; armed' 900
  check "the primary plays live, the link up and armed (the backup has the same show)" "redundancy | grep -qE '^primary, live, term [0-9]+; link up.*; armed'"
echo "INFO: $ROLE: restarts of stagebox.service: $(systemctl show -P NRestarts stagebox.service)"
  echo "INFO: $ROLE: $(redundancy)"
  echo "PAIR-UP primary at $(uptime_s) s"
  sleep 900   # until the host cuts this box's power
  exit 0
fi

wait_redundancy '^backup, standby, term [0-9]+; link up.*; armed' 900
check "the backup follows in standby, the link up and armed" "redundancy | grep -qE '^backup, standby, term [0-9]+; link up.*; armed'"
echo "INFO: $ROLE: $(redundancy)"
echo "PAIR-UP backup at $(uptime_s) s"
# The backup's sound card: muted while it stands by, the show once it has taken over.
arecord -q -D hw:Loopback,1,0 -f FLOAT_LE -c 8 -r 48000 -t raw --buffer-time=500000 /tmp/takeover.raw 2> $OUT/arecord.txt &
RECORDER=$!
for i in $(seq 300); do [ -s /tmp/takeover.raw ] && break; sleep 0.1; done
echo "CAPTURING at $(uptime_s) s: the host may cut the primary's power"
wait_redundancy '^backup, live \(took over\)' 600
TOOK_OVER=$(uptime_s)
sleep 6   # the capture: 6 s of the show played by the backup
kill -INT $RECORDER; wait $RECORDER
cp /tmp/takeover.raw $OUT/takeover.raw
echo "INFO: $ROLE: $(redundancy)"
journalctl -b -u stagebox -o cat --no-pager | grep -E '^redundancy: (live|standby|following)' | tail -n 4 | sed "s/^/INFO: $ROLE: stagebox: /"
check "with the primary gone, the backup took over and plays (status: live, took over; at $TOOK_OVER s)" \
  "redundancy | grep -qE '^backup, live \(took over\)' && journalctl -b -u stagebox -o cat --no-pager | grep -qE '^redundancy: live \(term [0-9]+\)'"
echo "GUEST-DONE at $(uptime_s) s"
systemctl start poweroff.target --job-mode=replace-irreversibly --no-block
