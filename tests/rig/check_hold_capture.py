"""Checks the capture of the floor unit's run: silent until the tap on the middle switch, then
sound until the hold stopped it, then silent.

Usage: check_hold_capture.py CAPTURE.raw CHANNELS RATE SECONDS_FROM_TAP_TO_HOLD

Both switch actions are heard one output latency after the engine applied them, so the sound
lasts from the tap's press to the hold's long press (the middle switch stops a playing song when
the hold reaches 600 ms), give or take how late each press was applied (a guest stall delays
either by up to a few hundred ms), plus the 10 ms stop fade. The alternatives are the hold's press
(0 s into the hold: a press stopping a playing song), its release (1.2 s) and the song's end (tens
of seconds): the stop must come nearer the long press than either, 0.3-0.9 s into the hold.
Prints PASS:/FAIL:/INFO: lines.
"""
import sys

from capturematch import Frames, check

capture_path, channels, rate, tap_to_hold = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
# Halfway from the long press (0.6 s into the hold) to the press (0) and to the release (1.2 s).
EARLIEST, LATEST = 0.3, 0.9
pcm = Frames(channels)
capture = open(capture_path, 'rb').read()
total = pcm.count(capture)
first, last = pcm.first_sound(capture), pcm.last_sound(capture)
check('the captured audio is silent until the switch, plays, and is silent after the stop', first > rate and last > first + 3 * rate and last < total - 1,
      f'sound from {first / rate:.2f} s to {last / rate:.2f} s of {total / rate:.2f} s')
heard = (last - first) / rate
print(f'INFO: the sound lasted {heard:.3f} s; the hold began {tap_to_hold:.3f} s after the tap, so it stopped {heard - tap_to_hold:.3f} s into the hold')
check('the sound stops as the hold reaches the long press: not at its press, its release or the song\'s end', EARLIEST <= heard - tap_to_hold <= LATEST,
      f'{heard - tap_to_hold:.3f} s into the hold')
