"""Compares what the loopback captured with the offline render of the same song.

Usage: compare_capture.py EXPECTED.wav CAPTURE.raw CHANNELS RATE PLAY_SECONDS
Prints PASS:/FAIL:/INFO: lines. The capture starts before playback and ends after it; the
song is found in it by its first non-zero frame (the first click), as the loopback's start
offset is not fixed. The last 50 ms are skipped: a drain at the end can shift by a tick.
"""
import struct
import sys

expected_path, capture_path, channels, rate, play_seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
frame_bytes = 4 * channels


def wav_data(path):
    data = open(path, 'rb').read()
    position = 12
    while position < len(data):
        chunk, size = data[position:position + 4], struct.unpack('<I', data[position + 4:position + 8])[0]
        if chunk == b'data':
            return data[position + 8:position + 8 + size]
        position += 8 + size + (size & 1)
    raise SystemExit('FAIL: no data chunk in ' + path)


def first_sound(pcm):
    silent = bytes(frame_bytes)
    for frame in range(len(pcm) // frame_bytes):
        if pcm[frame * frame_bytes:(frame + 1) * frame_bytes] != silent:
            return frame
    return -1


def onsets(pcm, channel):
    samples = struct.unpack('<%df' % (len(pcm) // 4), pcm)[channel::channels]
    found, quiet = [], 16
    for frame, sample in enumerate(samples):
        if sample != 0 and quiet >= 16:
            found.append(frame)
        quiet = quiet + 1 if sample == 0 else 0
    return found


def check(name, ok, detail=''):
    print(('PASS: ' if ok else 'FAIL: ') + name + (f' ({detail})' if detail else ''))


expected, capture = wav_data(expected_path), open(capture_path, 'rb').read()
frames = len(expected) // frame_bytes
start = first_sound(capture)
print(f'INFO: render {frames} frames; capture {len(capture) // frame_bytes} frames, song found at frame {start}')
compared = frames - rate // 20
played = capture[start * frame_bytes:(start + compared) * frame_bytes] if start >= 0 else b''
reference = expected[:compared * frame_bytes]
differing = sum(1 for i in range(0, len(reference), frame_bytes) if played[i:i + frame_bytes] != reference[i:i + frame_bytes]) if len(played) == len(reference) else -1
check('the capture holds the whole song', len(played) == len(reference), f'{len(played) // frame_bytes} of {compared} frames')
check('captured samples are identical to the offline render, sample for sample', differing == 0, f'{differing} frames differ')

# Harbour Lights: 6/8 at 80 quarter notes a minute, an eighth every 0.375 s (18000 frames), 1 bar of count-in and 12 bars.
clicks = [beat * 18000 for beat in range(13 * 6)]
found = onsets(played, 0) if played else []
check('click onsets in the capture at the exact frames of the tempo map', found == clicks, f'{len(found)} onsets, first difference at {next((i for i, (a, b) in enumerate(zip(found, clicks)) if a != b), None)}')
song_seconds = frames / rate
check('playback was paced in real time', play_seconds >= song_seconds * 0.98, f'{play_seconds:.2f} s for {song_seconds:.2f} s of audio')
