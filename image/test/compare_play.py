"""The boot test's captures from snd-aloop, on the host.

compare_play.py play EXPECTED.wav CAPTURE.raw NAME   the first play in the capture is the offline
                                                     render, sample for sample (PASS:/FAIL:)
compare_play.py gap CAPTURE.raw                      the longest silence in the capture, in seconds
The capture is 8 channels of 32-bit float at 48 kHz; the song is found by its first sound
(the loopback's start offset is not fixed). The last 50 ms are skipped (a drain may shift a tick).
"""
import sys
import os

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'tests', 'rig'))
from riffwav import wav_data  # noqa: E402

CHANNELS, RATE = 8, 48000
FRAME = 4 * CHANNELS
SILENT = bytes(FRAME)


def first_sound(pcm):
    for index in range(len(pcm) // FRAME):
        if pcm[index * FRAME:(index + 1) * FRAME] != SILENT:
            return index
    return -1


def play(expected_path, capture_path, name):
    expected, capture = wav_data(expected_path), open(capture_path, 'rb').read()
    frames = len(expected) // FRAME - RATE // 20
    start = first_sound(capture)
    if start < 0:
        print(f'FAIL: {name}: the capture holds the song (it is silent, {len(capture) // FRAME} frames)')
        return
    got = capture[start * FRAME:(start + frames) * FRAME]
    want = expected[:frames * FRAME]
    differing = next((i for i in range(0, len(want), FRAME) if got[i:i + FRAME] != want[i:i + FRAME]), None) if got != want else None
    detail = f'{frames} frames from capture frame {start}' + ('' if differing is None else f'; first difference at song frame {differing // FRAME}, captured {len(got) // FRAME} frames')
    print(('PASS: ' if got == want else 'FAIL: ') + f'{name}: the captured song is the offline render, sample for sample ({detail})')


def gap(capture_path):
    capture = open(capture_path, 'rb').read()
    longest, run, at, longest_at = 0, 0, 0, 0
    started = False
    for index in range(len(capture) // FRAME):
        if capture[index * FRAME:(index + 1) * FRAME] == SILENT:
            run += 1
        else:
            if started and run > longest:
                longest, longest_at = run, index - run
            started, run = True, 0
    print(f'{longest / RATE:.2f} {longest_at / RATE:.2f}')


if __name__ == '__main__':
    if sys.argv[1] == 'play':
        play(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        gap(sys.argv[2])
