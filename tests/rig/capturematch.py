"""Finding a rendered song in what the loopback captured: shared by the rig's capture checks.

The capture and the render are raw float frames of the same width. The loopback's start offset
is not fixed, so a song is found by its first non-zero frame; where the device ran dry it
inserted frames of its own (silence, or snd-aloop's replay of its last buffer), which match()
walks over and reports as gaps.
"""
import struct


class Frames:
    """Frame access into raw PCM of one width."""

    def __init__(self, channels):
        self.channels = channels
        self.bytes = 4 * channels
        self.silent = bytes(self.bytes)

    def frame(self, pcm, index):
        return pcm[index * self.bytes:(index + 1) * self.bytes]

    def count(self, pcm):
        return len(pcm) // self.bytes

    def first_sound(self, pcm, start=0):
        for index in range(start, self.count(pcm)):
            if self.frame(pcm, index) != self.silent:
                return index
        return -1

    def last_sound(self, pcm):
        for index in range(self.count(pcm) - 1, -1, -1):
            if self.frame(pcm, index) != self.silent:
                return index
        return -1

    def match(self, capture, start, reference, frames, rate):
        """Walks the reference through the capture from `start`. Where they part, the reference
        must carry on intact further along (within 10 s): the stretch in between is a gap the
        device inserted while it ran dry. Returns (gaps as (reference frame, length, what filled
        it), first reference frame that was never found or None)."""
        size = self.bytes
        gaps, at, index = [], start, 0
        while index < frames:
            if self.frame(capture, at) == self.frame(reference, index):
                at, index = at + 1, index + 1
                continue
            wanted = reference[index * size:(index + 64) * size]
            resumed = capture.find(wanted, at * size, (at + 10 * rate) * size)
            while resumed >= 0 and resumed % size:
                resumed = capture.find(wanted, resumed + 1, (at + 10 * rate) * size)
            if resumed < 0:
                return gaps, index
            length = resumed // size - at
            inserted = capture[at * size:resumed]
            filled = 'silence' if inserted == bytes(len(inserted)) else \
                'a replay of the last buffer' if inserted == reference[(index - length) * size:index * size] else 'other audio'
            gaps.append((index, length, filled))
            at = resumed // size
        return gaps, None

    def onsets(self, pcm, channel):
        """Frames where a channel turns non-zero after at least 16 zero samples: the click's hits."""
        samples = struct.unpack('<%df' % (len(pcm) // 4), pcm)[channel::self.channels]
        found, quiet = [], 16
        for index, sample in enumerate(samples):
            if sample != 0 and quiet >= 16:
                found.append(index)
            quiet = quiet + 1 if sample == 0 else 0
        return found


def check(name, ok, detail=''):
    print(('PASS: ' if ok else 'FAIL: ') + name + (f' ({detail})' if detail else ''))
