"""Checks a capture of one play at the box's own buffer size against the offline render.

Usage: compare_latency_capture.py EXPECTED.wav CAPTURE.raw CHANNELS RATE XRUNS_REPORTED

At 1024 frames (21.3 ms) a TCG guest runs the device dry whenever the emulator is descheduled
for longer than that, which on a shared host is many times a song. So the capture is not
expected to equal the render in one piece: it must hold the whole song, in order, sample for
sample, but for stretches the device inserted while it ran dry, and there may be no more such
gaps than stagebox counted xruns (two xruns close together can make one gap; a gap no xrun
accounts for would be a silent stall). Prints PASS:/FAIL:/INFO: lines.
"""
import sys

from capturematch import Frames, check
from riffwav import wav_data

expected_path, capture_path, channels, rate, xruns_reported = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
pcm = Frames(channels)
expected, capture = wav_data(expected_path), open(capture_path, 'rb').read()
frames = pcm.count(expected)
start = pcm.first_sound(capture)
if start < 0:
    gaps, differing = [], 0
else:
    # The last 50 ms are left out: the drain at the end can shift by a tick.
    gaps, differing = pcm.match(capture, start, expected, frames - rate // 20, rate)
inserted = sum(length for _, length, _ in gaps)
print(f'INFO: at the box\'s buffer, the capture holds the song with {len(gaps)} device-inserted gaps, {inserted / rate:.3f} s in all; '
      f'{xruns_reported} xruns reported; gaps (song frame, frames, filled with): {gaps[:20]}{" ..." if len(gaps) > 20 else ""}')
check('at the box\'s buffer: the whole song is captured in order, sample for sample, but for gaps the device inserted, '
      'each accounted for by a counted xrun', start >= 0 and differing is None and len(gaps) <= xruns_reported,
      f'first song frame never found: {differing}; {len(gaps)} gaps, {xruns_reported} xruns' if start >= 0 else 'the capture is silent')
