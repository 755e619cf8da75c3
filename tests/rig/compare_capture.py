"""Compares what the loopback captured with the offline render of the song it played.

Usage: compare_capture.py EXPECTED.wav CAPTURE.raw CHANNELS RATE PLAY_SECONDS XRUNS_REPORTED
                          CAPTURE2.raw SECOND_CAPTURE_STARTED_INTO_THIRD_PLAY

The rig's setlist plays the song twice back to back (the first ends with `next`), and the
guest freezes the player with SIGSTOP for a moment during the second play, forcing an
underrun. So the capture must hold: the render, sample for sample; then the render again,
sample for sample but for the stretches the device inserted while it ran dry (nothing lost,
nothing skipped), each of them counted by stagebox as an xrun. snd-aloop fills that stretch with a replay of its last buffer: it copies
by elapsed time before the kernel notices the underrun and silences the buffer. The song is found by its first non-zero frame, since the
loopback's start offset is not fixed; the last 50 ms are skipped (a drain can shift by a tick).
Prints PASS:/FAIL:/INFO: lines.
"""
import struct
import sys

from riffwav import wav_data

expected_path, capture_path, channels, rate, play_seconds, xruns_reported = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
second_capture_path, second_capture_offset = sys.argv[7], float(sys.argv[8])
frame_bytes = 4 * channels
silent_frame = bytes(frame_bytes)


def check(name, ok, detail=''):
    print(('PASS: ' if ok else 'FAIL: ') + name + (f' ({detail})' if detail else ''))


def frame(pcm, index):
    return pcm[index * frame_bytes:(index + 1) * frame_bytes]


def first_sound(pcm, start=0):
    for index in range(start, len(pcm) // frame_bytes):
        if frame(pcm, index) != silent_frame:
            return index
    return -1


def match(capture, start, reference, frames):
    """Walks the reference through the capture from `start`. Where they part, the reference
    must carry on intact further along (within 10 s): the stretch in between is a gap the
    device inserted while it ran dry. Returns (gaps as (reference frame, length, what filled
    it), first reference frame that was never found or None)."""
    gaps, at, index = [], start, 0
    while index < frames:
        if frame(capture, at) == frame(reference, index):
            at, index = at + 1, index + 1
            continue
        resumed = capture.find(reference[index * frame_bytes:(index + 64) * frame_bytes], at * frame_bytes, (at + 10 * rate) * frame_bytes)
        while resumed >= 0 and resumed % frame_bytes:
            resumed = capture.find(reference[index * frame_bytes:(index + 64) * frame_bytes], resumed + 1, (at + 10 * rate) * frame_bytes)
        if resumed < 0:
            return gaps, index
        length = resumed // frame_bytes - at
        inserted = capture[at * frame_bytes:resumed]
        filled = 'silence' if inserted == bytes(len(inserted)) else \
            'a replay of the last buffer' if inserted == reference[(index - length) * frame_bytes:index * frame_bytes] else 'other audio'
        gaps.append((index, length, filled))
        at = resumed // frame_bytes
    return gaps, None


def onsets(pcm, channel):
    samples = struct.unpack('<%df' % (len(pcm) // 4), pcm)[channel::channels]
    found, quiet = [], 16
    for index, sample in enumerate(samples):
        if sample != 0 and quiet >= 16:
            found.append(index)
        quiet = quiet + 1 if sample == 0 else 0
    return found


expected, capture = wav_data(expected_path), open(capture_path, 'rb').read()
frames = len(expected) // frame_bytes
compared = frames - rate // 20
start = first_sound(capture)
print(f'INFO: render {frames} frames; capture {len(capture) // frame_bytes} frames, first play found at frame {start}')
if start < 0:
    check('the capture holds the song', False, 'the capture is silent')
    sys.exit(0)

gaps, differing = match(capture, start, expected, compared)
check('first play: captured samples are identical to the offline render, sample for sample', differing is None and not gaps,
      f'first difference at frame {differing}, {len(gaps)} gaps')
first_play = capture[start * frame_bytes:(start + compared) * frame_bytes]
# Harbour Lights: 6/8 at 80 quarter notes a minute, an eighth every 0.375 s (18000 frames), 1 bar of count-in and 12 bars.
clicks = [beat * 18000 for beat in range(13 * 6)]
found = onsets(first_play, 0)
check('click onsets in the capture at the exact frames of the tempo map', found == clicks, f'{len(found)} onsets of {len(clicks)}')

second = start + frames  # `next` starts the second play right after the first: no gap
gaps, differing = match(capture, second, expected, compared)
check('second play, frozen by SIGSTOP: playback resumes where it stopped, nothing lost or skipped', differing is None and len(gaps) >= 1,
      f'device-inserted gaps (song frame, frames, filled with): {gaps}; first frame never found: {differing}')
check('every gap in the audio was counted and reported as an xrun (never a silent stall)', len(gaps) == xruns_reported,
      f'{len(gaps)} gaps, {xruns_reported} xruns reported')
# Third play: the device vanished for a second; a second capture starts once it is back.
# Playback must resume on it at the position the song has reached by then (it kept time while
# the device was away), not where it left off, and run sample for sample to the end.
second_capture = open(second_capture_path, 'rb').read()
resumed_at = first_sound(second_capture)
# A whole second to look for: the song repeats itself exactly in places (an 8-bar cycle in its
# quiet moments), a second of it with drum hits in does not.
block = second_capture[resumed_at * frame_bytes:(resumed_at + rate) * frame_bytes] if resumed_at >= 0 else b''
found = expected.find(block) if block else -1
song_frame = found // frame_bytes if found >= 0 and found % frame_bytes == 0 else -1
if song_frame >= 0:
    _, differing = match(second_capture, resumed_at, expected[song_frame * frame_bytes:], compared - song_frame)
    # Where the song should be: wall-clock time into the third play when that frame was heard.
    due = (second_capture_offset + resumed_at / rate) * rate
    print(f'INFO: after the device came back, playback resumed at song frame {song_frame}; the wall clock says {due:.0f}')
    # The device is away for 3 s: resuming where it left off would be 3 s behind the clock. The
    # clock's estimate runs early by arecord's start-up (which a busy host stretches to a second)
    # and by the output's latency (the rig's buffer is 0.68 s).
    check('third play, device unplugged and back: playback resumes in time with the band', -1.0 * rate < song_frame - due < 2.0 * rate,
          f'{(song_frame - due) / rate:+.3f} s off the wall clock')
    check('third play: after the device came back, every sample to the end as rendered', differing is None, f'first difference at {differing}')
else:
    check('third play: the device came back and played the song', False, 'the second capture holds none of the song')
song_seconds = 2 * frames / rate
check('playback was paced in real time', play_seconds >= song_seconds * 0.98, f'{play_seconds:.2f} s for {song_seconds:.2f} s of audio')
