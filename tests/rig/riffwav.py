"""The sample data of a RIFF/WAVE file, read by its chunks: shared by the rig's and the image test's capture checks."""
import struct


def wav_data(path):
    data = open(path, 'rb').read()
    position = 12
    while position < len(data):
        chunk, size = data[position:position + 4], struct.unpack('<I', data[position + 4:position + 8])[0]
        if chunk == b'data':
            return data[position + 8:position + 8 + size]
        position += 8 + size + (size & 1)
    raise SystemExit('FAIL: no data chunk in ' + path)
