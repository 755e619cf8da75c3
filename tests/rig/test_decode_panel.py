#!/usr/bin/env python3
"""Checks decode_panel.py on the host with synthetic captures and PNGs written here, their
pixels placed by hand from the datasheet's address rules (not by the decoder's own functions).
Prints PASS:/FAIL: lines for the rig's summary; exits 1 if any check failed."""
import contextlib
import io
import os
import random
import struct
import sys
import tempfile
import zlib

sys.dont_write_bytecode = True  # the checkout stays clean (and is read-only in the guest)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import decode_panel  # noqa: E402

W, H = 320, 240
INIT = [(0xEF, b'\x03\x80\x02'), (0xCF, b'\x00\xC1\x30'), (0xC0, b'\x23'), (0xC5, b'\x3E\x28'),
        (0xE0, bytes(range(15))), (0xE1, bytes(range(15, 0, -1))), (0xB1, b'\x00\x18')]  # power, gamma, frame rate


class Capture:
    """Builds a capture the way the kernel module records one: a record per transfer."""

    def __init__(self):
        self.data = bytearray()

    def record(self, kind, payload=b''):
        self.data += struct.pack('<BI', kind, len(payload)) + payload
        return self

    def command(self, code, parameters=b'', chunk=4096):
        self.record(0, bytes([code]))
        for at in range(0, len(parameters), chunk):
            self.record(1, parameters[at:at + chunk])
        return self

    def hardware_reset(self):
        return self.record(2).record(3)

    def init(self, madctl=0x28, colmod=0x55):
        self.hardware_reset().command(0x01)
        for code, parameters in INIT:
            self.command(code, parameters)
        return self.command(0x36, bytes([madctl])).command(0x3A, bytes([colmod])).command(0x11).command(0x29)

    def window(self, x0, x1, y0, y1):
        return self.command(0x2A, struct.pack('>HH', x0, x1)).command(0x2B, struct.pack('>HH', y0, y1))


def pixels565(colours):
    return b''.join(struct.pack('>H', c) for c in colours)


def to888(c):
    r, g, b = c >> 11, c >> 5 & 0x3F, c & 0x1F
    return (r << 3 | r >> 2, g << 2 | g >> 4, b << 3 | b >> 2)


def write_png(path, image, alpha=False):
    """An 8-bit RGB(A) PNG of WxH 565 colours; rows cycle through filter types 0-4, so the
    decoder's unfiltering is exercised, encoded here independently of decode_panel."""
    bpp = 4 if alpha else 3
    raw, previous = bytearray(), bytes(W * bpp)
    for y in range(H):
        row = bytes(v for c in image[y * W:(y + 1) * W] for v in to888(c) + ((255,) if alpha else ()))
        kind = y % 5
        out = bytearray()
        for i, v in enumerate(row):
            a = row[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            if kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                predictor = a if pa <= pb and pa <= pc else b if pb <= pc else c
            else:
                predictor = [0, a, b, (a + b) // 2][kind]
            out.append((v - predictor) & 0xFF)
        raw += bytes([kind]) + out
        previous = row

    def chunk(kind, body):
        return struct.pack('>I', len(body)) + kind + body + struct.pack('>I', zlib.crc32(kind + body))
    header = struct.pack('>IIBBBBB', W, H, 8, 6 if alpha else 2, 0, 0, 0)
    compressed = zlib.compress(bytes(raw))
    with open(path, 'wb') as f:  # the image data split over two IDAT chunks, as encoders may
        f.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header) + chunk(b'IDAT', compressed[:100])
                + chunk(b'IDAT', compressed[100:]) + chunk(b'IEND', b''))


def swap(c):  # the panel's red and blue exchanged
    return (c & 0x1F) << 11 | (c & 0x07E0) | c >> 11


def run(capture, image=None, alpha=False, extra=()):
    """decode_panel's exit status and output for a capture against a WxH image."""
    with tempfile.TemporaryDirectory() as tmp:
        cap, png = os.path.join(tmp, 'capture.bin'), os.path.join(tmp, 'expected.png')
        open(cap, 'wb').write(bytes(capture.data))
        args = [cap]
        if image is not None:
            write_png(png, image, alpha)
            args.append(png)
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            status = decode_panel.main(args + list(extra))
        return status, out.getvalue()


def full_frame_in_landscape():
    rng = random.Random(7)
    image = [rng.randrange(0x10000) for _ in range(W * H)]
    capture = Capture().init().window(0, W - 1, 0, H - 1)
    # 4093-byte records: pixels split across records, as a driver's chunking may do.
    capture.command(0x2C, pixels565(image), chunk=4093)
    status, out = run(capture, image)
    return status == 0 and '0 differing pixels' in out, out


def changed_pixels_are_counted_in_rgba():
    image = [(x * 37 + y * 11) & 0xFFFF for y in range(H) for x in range(W)]
    capture = Capture().init().window(0, W - 1, 0, H - 1).command(0x2C, pixels565(image))
    expected = list(image)
    for i in (0, 1234, W * H - 1):
        expected[i] ^= 0x0800  # one step of red
    status, out = run(capture, expected, alpha=True)
    return status == 1 and '3 differing pixels' in out and '(0,0): panel' in out, out


def window_wraps_around():
    # A 10x5 window at (10,5) gets 75 pixels: the last 25 overwrite the first 25.
    colours = list(range(1, 76))
    capture = Capture().init().window(10, 19, 5, 9).command(0x2C, pixels565(colours))
    image = [0] * (W * H)
    for n, c in enumerate(colours):
        k = n % 50
        image[(5 + k // 10) * W + 10 + k % 10] = c
    status, out = run(capture, image)
    return status == 0, out


def write_continue_and_split_writes():
    # RAMWR of 3 pixels, an ignored command, RAMWR continue (0x3C) of 2: five pixels in a row.
    capture = Capture().init().window(0, 4, 0, 0).command(0x2C, pixels565([1, 2, 3])).command(0x3C, pixels565([4, 5]))
    image = [0] * (W * H)
    image[0:5] = [1, 2, 3, 4, 5]
    status, out = run(capture, image)
    return status == 0, out


def rotated_180_with_mx_my_mv():
    capture = Capture().init(madctl=0xE8).window(0, 1, 0, 0).command(0x2C, pixels565([0xF800, 0x07E0]))
    image = [0] * (W * H)
    image[(H - 1) * W + W - 1], image[(H - 1) * W + W - 2] = 0xF800, 0x07E0
    status, out = run(capture, image)
    return status == 0, out


def mv_with_mx_mirrors_the_physical_column():
    # Datasheet table, MV=1 MX=1 MY=0: CASET drives the physical row, PASET (COLUMNS-1 - column).
    # Through the landscape mount (MV) that is a vertical flip: host (3,2) is seen at (3, 237).
    capture = Capture().init(madctl=0x68).window(3, 3, 2, 2).command(0x2C, pixels565([0x1234]))
    image = [0] * (W * H)
    image[237 * W + 3] = 0x1234
    status, out = run(capture, image)
    return status == 0, out


def portrait_addressing_is_seen_turned():
    # MADCTL 0x48 (MX, portrait, as Adafruit's rotation 0): host (c, p) -> memory column 239-c,
    # row p; the landscape viewer sees memory row r as x and column k as y: (x, y) = (p, 239-c).
    capture = Capture().init(madctl=0x48).window(5, 5, 300, 300).command(0x2C, pixels565([0xABCD]))
    image = [0] * (W * H)
    image[(239 - 5) * W + 300] = 0xABCD
    status, out = run(capture, image)
    return status == 0, out


def rgb_order_against_a_bgr_panel_swaps_red_and_blue():
    capture = Capture().init(madctl=0x20).window(0, 0, 0, 0).command(0x2C, pixels565([0xF800]))
    image = [0] * (W * H)
    image[0] = swap(0xF800)
    status, out = run(capture, image)
    status_rgb_panel, _ = run(capture, [0xF800] + [0] * (W * H - 1), extra=['--panel-madctl', '0x20'])
    return status == 0 and status_rgb_panel == 0, out


def eighteen_bit_pixels():
    capture = Capture().init(colmod=0x66).window(0, 1, 0, 0).command(0x2C, bytes([0xFC, 0x00, 0x00, 0x08, 0xFC, 0x84]))
    image = [0] * (W * H)
    image[0], image[1] = 0xF800, (0x08 >> 3) << 11 | (0xFC >> 2) << 5 | 0x84 >> 3
    status, out = run(capture, image)
    return status == 0, out


def resets_restore_defaults():
    # After a full set-up, a hardware reset: bytes during it are lost, then MADCTL is 0 and the
    # panel sleeps with its display off until it is woken again. SWRESET does the same.
    capture = Capture().init(madctl=0xE8)
    capture.record(2).command(0x2C, b'\x12\x34').record(3)
    status, out = run(capture)
    sleeping = status == 1 and 'asleep' in out and 'MADCTL 0x00' in out and '3 bytes were sent while the panel was held in reset' in out
    capture = Capture().init(madctl=0xE8).command(0x01).command(0x3A, b'\x55').command(0x11).command(0x29)
    capture.window(0, 0, 0, 0).command(0x2C, pixels565([0x00FF]))
    image = [0] * (W * H)
    image[0] = swap(0x00FF)  # MADCTL 0 after SWRESET: memory (0,0), seen at viewer (0,0), RGB order on the BGR panel
    status, out2 = run(capture, image)
    return sleeping and status == 0, out + out2


def display_off_shows_nothing():
    capture = Capture().hardware_reset().command(0x11).command(0x36, b'\x28').command(0x3A, b'\x55')
    status, out = run(capture, [0] * (W * H))
    return status == 1 and 'display is off' in out, out


def malformed_inputs_are_errors():
    truncated = Capture().command(0x2C, b'\x00' * 10)
    truncated.data = truncated.data[:-3]
    status, out = run(truncated)
    bad_kind = Capture().record(7)
    status2, out2 = run(bad_kind)
    return status == 2 and 'inside a record' in out and status2 == 2 and 'unknown record kind 7' in out2, out + out2


def decoded_png_round_trips():
    image = [(x ^ y) * 97 & 0xFFFF for y in range(H) for x in range(W)]
    capture = Capture().init().window(0, W - 1, 0, H - 1).command(0x2C, pixels565(image))
    with tempfile.TemporaryDirectory() as tmp:
        cap, out_png = os.path.join(tmp, 'c.bin'), os.path.join(tmp, 'decoded.png')
        open(cap, 'wb').write(bytes(capture.data))
        with contextlib.redirect_stdout(io.StringIO()):
            decode_panel.main([cap, '--out', out_png])
            status = decode_panel.main([cap, out_png])
    return status == 0, ''


CHECKS = [
    ('a full landscape frame (MADCTL 0x28, RGB565, records split mid-pixel, power and gamma commands) equals its PNG', full_frame_in_landscape),
    ('three changed pixels in an RGBA PNG are three differing pixels, exit 1', changed_pixels_are_counted_in_rgba),
    ('RAMWR wraps around its window', window_wraps_around),
    ('RAMWR continue (0x3C) goes on where the last write stopped', write_continue_and_split_writes),
    ('MADCTL MX|MY|MV shows the picture turned 180 degrees', rotated_180_with_mx_my_mv),
    ('MADCTL MV|MX mirrors the physical column, as the datasheet table says', mv_with_mx_mirrors_the_physical_column),
    ('portrait addressing (MADCTL 0x48) is seen turned on the landscape panel', portrait_addressing_is_seen_turned),
    ('RGB order on the BGR panel swaps red and blue', rgb_order_against_a_bgr_panel_swaps_red_and_blue),
    ('18-bit pixels (COLMOD 0x66) are read three bytes a pixel', eighteen_bit_pixels),
    ('hardware reset and SWRESET restore the defaults; bytes sent in reset are lost', resets_restore_defaults),
    ('a panel never switched on shows nothing, exit 1', display_off_shows_nothing),
    ('a truncated capture or an unknown record kind is an error, exit 2', malformed_inputs_are_errors),
    ('--out writes a PNG that compares equal', decoded_png_round_trips),
]

if __name__ == '__main__':
    failed = 0
    for name, check in CHECKS:
        try:
            ok, output = check()
        except Exception as error:  # a crash is a failure of that check, not of the others
            ok, output = False, f'{type(error).__name__}: {error}'
        print(f'{"PASS" if ok else "FAIL"}: decode_panel.py: {name}')
        if not ok:
            failed += 1
            print(''.join(f'  {line}\n' for line in output.splitlines()), end='')
    sys.exit(1 if failed else 0)
