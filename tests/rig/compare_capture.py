"""Compares what the loopback captured with the offline render of the song it played.

Usage: compare_capture.py EXPECTED.wav CAPTURE.raw CHANNELS RATE PLAY_SECONDS XRUNS_REPORTED
                          CAPTURE2.raw TRIGGER1 TRIGGER2 BUFFER_FRAMES

The rig's setlist plays the song three times back to back (the first two end with `next`), and
the guest freezes the player with SIGSTOP for a moment during the second play, forcing an
underrun. So the capture must hold: the render, sample for sample; then the render again,
sample for sample but for the stretches the device inserted while it ran dry (nothing lost,
nothing skipped), each of them counted by stagebox as an xrun. snd-aloop fills that stretch with
a replay of its last buffer: it copies by elapsed time before the kernel notices the underrun
and silences the buffer. The song is found by its first non-zero frame, since the loopback's
start offset is not fixed; the last 50 ms are skipped (a drain can shift by a tick).
During the third play the device vanishes; CAPTURE2 is taken once it is back. TRIGGER1 and
TRIGGER2 are the two captures' ALSA trigger times (their first frames, on one clock), which
put both captures on one time line, each to within snd-aloop's 4 ms tick.
Prints PASS:/FAIL:/INFO: lines.
"""
import sys

from capturematch import Frames, check
from riffwav import wav_data

expected_path, capture_path, channels, rate, play_seconds, xruns_reported = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
second_capture_path, trigger1, trigger2, buffer_frames = sys.argv[7], float(sys.argv[8]), float(sys.argv[9]), int(sys.argv[10])
pcm = Frames(channels)
size = pcm.bytes

expected, capture = wav_data(expected_path), open(capture_path, 'rb').read()
frames = pcm.count(expected)
compared = frames - rate // 20
start = pcm.first_sound(capture)
print(f'INFO: render {frames} frames; capture {pcm.count(capture)} frames, first play found at frame {start}')
if start < 0:
    check('the capture holds the song', False, 'the capture is silent')
    sys.exit(0)

gaps, differing = pcm.match(capture, start, expected, compared, rate)
check('first play: captured samples are identical to the offline render, sample for sample', differing is None and not gaps,
      f'first difference at frame {differing}, {len(gaps)} gaps')
first_play = capture[start * size:(start + compared) * size]
# Harbour Lights: 6/8 at 80 quarter notes a minute, an eighth every 0.375 s (18000 frames), 1 bar of count-in and 12 bars.
clicks = [beat * 18000 for beat in range(13 * 6)]
found = pcm.onsets(first_play, 0)
check('click onsets in the capture at the exact frames of the tempo map', found == clicks, f'{len(found)} onsets of {len(clicks)}')

second = start + frames  # `next` starts the second play right after the first: no gap
gaps, differing = pcm.match(capture, second, expected, compared, rate)
check('second play, frozen by SIGSTOP: playback resumes where it stopped, nothing lost or skipped', differing is None and len(gaps) >= 1,
      f'device-inserted gaps (song frame, frames, filled with): {gaps}; first frame never found: {differing}')
check('every gap in the audio was counted and reported as an xrun (never a silent stall)', len(gaps) == xruns_reported,
      f'{len(gaps)} gaps, {xruns_reported} xruns reported')

# Third play: the device vanished for three seconds; a second capture starts once it is back.
# Playback must resume on it at the position the song has reached by then (it kept time while
# the device was away), not where it left off, and run sample for sample to the end. Its start
# is in the first capture, right after the second play and the gaps inserted into it.
third = second + frames + sum(length for _, length, _ in gaps)
third_found = capture[third * size:(third + rate) * size] == expected[:rate * size]
second_capture = open(second_capture_path, 'rb').read()
resumed_at = pcm.first_sound(second_capture)
# A whole second to look for: the song repeats itself exactly in places (an 8-bar cycle in its
# quiet moments), a second of it with drum hits in does not.
block = second_capture[resumed_at * size:(resumed_at + rate) * size] if resumed_at >= 0 else b''
found = expected.find(block) if block else -1
song_frame = found // size if found >= 0 and found % size == 0 else -1
if song_frame >= 0 and third_found:
    _, differing = pcm.match(second_capture, resumed_at, expected[song_frame * size:], compared - song_frame, rate)
    # Where the band is when that frame is heard: the time since the third play's first frame was heard.
    due = (trigger2 - trigger1) * rate + resumed_at - third
    ahead = song_frame - due
    print(f'INFO: after the device came back, playback resumed at song frame {song_frame}; the band was at {due:.0f}')
    # Keeping time, the box renders each period when the device would have taken it. What it had
    # written into the device's buffer but not yet played when the device vanished (at most the
    # whole buffer) was never heard, so it resumes that far ahead of the band, less the moment it
    # takes to fill the new buffer before the device starts (the start threshold is the buffer),
    # and never behind it. snd-aloop moves audio in 4 ms ticks (192 frames): each capture's first
    # frame and the device's restart are each known to a tick, so three ticks either side.
    slack = 3 * 192
    check('third play, device unplugged and back: playback resumes in time with the band (ahead by at most the lost buffer)',
          -slack <= ahead <= buffer_frames + slack, f'{ahead / rate:+.3f} s from the band, the buffer is {buffer_frames / rate:.3f} s')
    check('third play: after the device came back, every sample to the end as rendered', differing is None, f'first difference at {differing}')
else:
    check('third play, device unplugged and back: playback resumes in time with the band (ahead by at most the lost buffer)', False,
          f'the third play\'s start in the first capture: {"found" if third_found else "not found"}; the song in the second capture: {"found" if song_frame >= 0 else "none"}')
    check('third play: after the device came back, every sample to the end as rendered', False, 'nothing to compare')
song_seconds = 2 * frames / rate
check('playback was paced in real time', play_seconds >= song_seconds * 0.98, f'{play_seconds:.2f} s for {song_seconds:.2f} s of audio')
