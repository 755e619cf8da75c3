"""The boot test's captures from snd-aloop, on the host.

compare_play.py play EXPECTED.wav CAPTURE.raw NAME   the first play in the capture is the offline
                                                     render, sample for sample (PASS:/FAIL:)
compare_play.py restart CAPTURE.raw NAME RESTART_S MARGIN_S TAIL_S
                                                     a fault's capture: the box is heard again at its end
                                                     (silence at the end no longer than TAIL_S), and its
                                                     longest silence, the end's included, no longer than
                                                     RESTART_S (signal to READY, measured) + MARGIN_S
compare_play.py silences FILE.raw|FILE.wav [CHANNELS] one line, in seconds: the first sound, the length, the
                                                     longest silence after the first sound (the end's
                                                     included) and where it starts, the silence at the end
The capture is 8 channels of 32-bit float at 48 kHz; the song is found by its first sound
(the loopback's start offset is not fixed). The last 50 ms are skipped (a drain may shift a tick).
"""
import array
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'tests', 'rig'))
from riffwav import wav_data  # noqa: E402

CHANNELS, RATE = 8, 48000
FRAME = 4 * CHANNELS
SIGN = 0x80000000


def silent_frames(pcm, channels=CHANNELS):
    """Whether each frame is silent: every sample 0.0 or -0.0 (a muted output multiplies by zero,
    and a negative sample times zero is -0.0: silent to the ear and to any DAC, not zero bytes)."""
    words = array.array('I', pcm[:len(pcm) // (4 * channels) * 4 * channels])
    silent = [(word | SIGN) == SIGN for word in words]
    return [all(silent[index:index + channels]) for index in range(0, len(silent), channels)]


def first_sound(pcm, channels=CHANNELS):
    return next((index for index, silent in enumerate(silent_frames(pcm, channels)) if not silent), -1)


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


def silences(pcm, channels=CHANNELS):
    """The longest silence after the first sound (the one at the end included) and where it starts, and the silence at the end; in frames."""
    longest, longest_at, run, started = 0, 0, 0, False
    frames = len(pcm) // (4 * channels)
    for index, silent in enumerate(silent_frames(pcm, channels)):
        if silent:
            run += 1
            continue
        if started and run > longest:
            longest, longest_at = run, index - run
        started, run = True, 0
    if not started:
        return frames, 0, frames
    if run > longest:
        longest, longest_at = run, frames - run
    return longest, longest_at, run


def restart(capture_path, name, restart_s, margin_s, tail_s):
    capture = open(capture_path, 'rb').read()
    longest, longest_at, trailing = silences(capture)
    seconds = len(capture) // FRAME / RATE
    print(f'INFO: {name}: capture {seconds:.2f} s, longest silence {longest / RATE:.2f} s from {longest_at / RATE:.2f} s, '
          f'silence at the end {trailing / RATE:.2f} s; restart (signal to READY) {restart_s:.2f} s')
    print(('PASS: ' if trailing <= tail_s * RATE else 'FAIL: ')
          + f'{name}: the box was heard playing again at the end of the capture (silence at the end {trailing / RATE:.2f} s, at most {tail_s} s)')
    print(('PASS: ' if longest <= (restart_s + margin_s) * RATE else 'FAIL: ')
          + f'{name}: the longest silence, the end\'s included, {longest / RATE:.2f} s, is within the measured restart {restart_s:.2f} s + {margin_s} s')


def describe_silences(path, channels):
    pcm = wav_data(path) if path.endswith('.wav') else open(path, 'rb').read()
    longest, longest_at, trailing = silences(pcm, channels)
    start = first_sound(pcm, channels)
    print(' '.join(f'{frames / RATE:.3f}' for frames in (start, len(pcm) // (4 * channels), longest, longest_at, trailing)) if start >= 0 else 'silent')


if __name__ == '__main__':
    if sys.argv[1] == 'play':
        play(sys.argv[2], sys.argv[3], sys.argv[4])
    elif sys.argv[1] == 'silences':
        describe_silences(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else CHANNELS)
    else:
        restart(sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]))
