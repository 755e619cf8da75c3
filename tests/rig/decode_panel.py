#!/usr/bin/env python3
"""Rebuilds what the box's ILI9341 panel shows from a stagebox-panel-sim capture, and compares it
with a PNG. Written from the datasheet, independently of the firmware's driver and emulator, so
the two cannot share a mistake.

usage: decode_panel.py CAPTURE [EXPECTED.png] [--out DECODED.png] [--panel-madctl 0x28]

CAPTURE is the byte stream of /sys/kernel/debug/stagebox-panel-sim/capture: records of
u8 kind (0 command bytes, D/C low; 1 data bytes, D/C high; 2 reset asserted; 3 reset released),
u32 little-endian length, then that many bytes.

The model, per the ILI9341 datasheet:
- Frame memory is 240 columns x 320 rows of RGB565. Its content at power-on is undefined; here it
  starts black (and the summary says how many pixels were never written).
- Hardware reset (RESET low, then high) and SWRESET (0x01) restore MADCTL 0x00, COLMOD 0x66,
  columns 0-239, pages 0-319, sleep in, display off. Bytes sent while RESET is low are lost.
- SLPOUT 0x11 / SLPIN 0x10, DISPON 0x29 / DISPOFF 0x28, INVON 0x21 / INVOFF 0x20.
- MADCTL 0x36: MV exchanges the host's column and page addresses, then MX mirrors the physical
  column and MY the physical row (the datasheet's "memory data write direction" table). BGR
  swaps red and blue between the host's data and the memory as pixels are written.
- COLMOD 0x3A: 16 bits (xx5) two bytes a pixel, or 18 bits (xx6) three bytes with 6 significant
  bits each, stored as RGB565.
- CASET 0x2A, PASET 0x2B: start and end, big-endian. RAMWR 0x2C starts at the window's first
  pixel and advances column first, then page, wrapping from the window's last pixel to its
  first; RAMWR continue (0x3C) goes on from where the last write stopped. Pixels whose address
  lies outside the frame are dropped.
- Any other command (power, gamma, frame rate...) is ignored with its parameters; ones that would
  change the picture in ways not modelled here (scrolling, partial and idle modes) are reported.

The viewer: the box mounts the panel so that an image written with MADCTL = --panel-madctl
(default 0x28, MV|BGR: a landscape BGR panel, as Adafruit's rotation 1 and Linux's ili9341 at
90 degrees drive it) is upright, 320 wide, 240 tall, with true colours. The decoded image is
frame memory read back through that MADCTL. Pixels are compared in RGB565: the PNG's 8-bit
channels are truncated to 5-6-5 bits, so any 565-to-888 expansion the box used compares equal.

Exit status: 0 when the decoded image equals the PNG (or, without a PNG, when the capture decoded
and the panel is on), 1 when pixels differ or the panel shows nothing, 2 for a malformed input.
"""
import argparse
import struct
import sys
import zlib

WIDTH, HEIGHT = 320, 240  # what the viewer sees
COLUMNS, ROWS = 240, 320  # frame memory, physical
MY, MX, MV, BGR = 0x80, 0x40, 0x20, 0x08
RECORD_HEADER = 5
COMMAND, DATA, RESET_ASSERTED, RESET_RELEASED = 0, 1, 2, 3
UNMODELLED = {0x12: 'PTLON', 0x30: 'PTLAR', 0x33: 'VSCRDEF', 0x37: 'VSCRSADD', 0x39: 'IDMON'}


class InputError(Exception):
    """A capture or PNG that cannot be read as one."""


def records(capture):
    """Yields (kind, bytes) for each record of a capture."""
    at = 0
    while at < len(capture):
        if len(capture) - at < RECORD_HEADER:
            raise InputError(f'capture ends inside a record header at byte {at}')
        kind, length = struct.unpack_from('<BI', capture, at)
        if kind > RESET_RELEASED:
            raise InputError(f'unknown record kind {kind} at byte {at}')
        at += RECORD_HEADER
        if len(capture) - at < length:
            raise InputError(f'capture ends inside a record of {length} bytes at byte {at - RECORD_HEADER}')
        yield kind, capture[at:at + length]
        at += length


def physical(madctl, column, page):
    """Frame memory index of host address (column, page) under madctl, or None outside the frame."""
    if madctl & MV:
        if column >= ROWS or page >= COLUMNS:
            return None
        x, y = page, column
    else:
        if column >= COLUMNS or page >= ROWS:
            return None
        x, y = column, page
    if madctl & MX:
        x = COLUMNS - 1 - x
    if madctl & MY:
        y = ROWS - 1 - y
    return y * COLUMNS + x


def swap_red_blue(pixel):
    return (pixel & 0x1F) << 11 | (pixel & 0x07E0) | pixel >> 11


class Ili9341:
    def __init__(self):
        self.memory = [0] * (COLUMNS * ROWS)
        self.written = bytearray(COLUMNS * ROWS)
        self.in_reset = False
        self.lost_bytes = 0
        self.commands = 0
        self.pixels = 0
        self.notes = []
        self.reset()

    def reset(self):
        self.madctl, self.colmod = 0x00, 0x66
        self.window = [0, COLUMNS - 1, 0, ROWS - 1]  # start column, end column, start page, end page
        self.asleep, self.display_on, self.inverted = True, False, False
        self.command = None
        self.parameters = bytearray()
        self.column, self.page = 0, 0

    def feed(self, kind, data):
        if kind == RESET_ASSERTED:
            self.in_reset = True
        elif kind == RESET_RELEASED:
            self.in_reset = False
            self.reset()
        elif self.in_reset:
            self.lost_bytes += len(data)
        elif kind == COMMAND:
            for byte in data:
                self.begin(byte)
        else:
            self.parameters += data
            if self.command in (0x2C, 0x3C):
                self.write_pixels()
            elif self.command in (0x2A, 0x2B, 0x36, 0x3A):
                self.apply_parameters()

    def begin(self, command):
        self.commands += 1
        self.command, self.parameters = command, bytearray()
        if command == 0x01:
            self.reset()
        elif command in (0x10, 0x11):
            self.asleep = command == 0x10
        elif command in (0x28, 0x29):
            self.display_on = command == 0x29
        elif command in (0x20, 0x21):
            self.inverted = command == 0x21
        elif command == 0x2C:
            self.column, self.page = self.window[0], self.window[2]
        elif command in UNMODELLED:
            self.note(f'{UNMODELLED[command]} (0x{command:02X}) is not modelled: the picture may differ')

    def apply_parameters(self):
        p = self.parameters
        if self.command in (0x2A, 0x2B) and len(p) == 4:
            start, end = struct.unpack('>HH', p)
            if start > end:
                self.note(f'{"CASET" if self.command == 0x2A else "PASET"} {start}-{end} ignored: start after end')
            elif self.command == 0x2A:
                self.window[0:2] = [start, end]
            else:
                self.window[2:4] = [start, end]
        elif self.command == 0x36 and len(p) == 1:
            self.madctl = p[0]
        elif self.command == 0x3A and len(p) == 1:
            if p[0] & 0x07 not in (5, 6):
                raise InputError(f'COLMOD 0x{p[0]:02X}: only 16 (xx5) and 18 (xx6) bits a pixel are modelled')
            self.colmod = p[0]

    def write_pixels(self):
        size = 2 if self.colmod & 0x07 == 5 else 3
        p, whole = self.parameters, len(self.parameters) - len(self.parameters) % size
        start_column, end_column, start_page, end_page = self.window
        column, page, madctl = self.column, self.page, self.madctl
        for at in range(0, whole, size):
            if size == 2:
                pixel = p[at] << 8 | p[at + 1]
            else:
                pixel = (p[at] >> 3) << 11 | (p[at + 1] >> 2) << 5 | p[at + 2] >> 3
            if madctl & BGR:
                pixel = swap_red_blue(pixel)
            index = physical(madctl, column, page)
            if index is not None:
                self.memory[index] = pixel
                self.written[index] = 1
            self.pixels += 1
            column += 1
            if column > end_column:
                column, page = start_column, page + 1
                if page > end_page:
                    page = start_page
        self.column, self.page = column, page
        del self.parameters[:whole]

    def note(self, text):
        if text not in self.notes:
            self.notes.append(text)

    def view(self, panel_madctl):
        """The picture as the viewer sees it: WIDTH x HEIGHT RGB565 values, row by row."""
        flip = swap_red_blue if panel_madctl & BGR else (lambda pixel: pixel)
        invert = 0xFFFF if self.inverted else 0
        return [flip(self.memory[physical(panel_madctl, x, y)]) ^ invert for y in range(HEIGHT) for x in range(WIDTH)]

    def blank_reason(self):
        """Why the panel shows no picture, or None when it shows frame memory."""
        if self.in_reset:
            return 'the panel is held in reset'
        if self.asleep:
            return 'the panel is asleep (no SLPOUT since its last reset)'
        if not self.display_on:
            return 'the display is off (no DISPON since its last reset)'
        return None


def decode(capture):
    panel = Ili9341()
    counts = [0, 0, 0, 0]
    for kind, data in records(capture):
        counts[kind] += 1
        panel.feed(kind, data)
    return panel, counts


# ------------------------------------------------------------------ PNG, in pure Python

def read_png(path):
    """(width, height, [(r, g, b), ...]) of an 8-bit RGB or RGBA, non-interlaced PNG."""
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise InputError(f'{path}: not a PNG')
    at, header, idat = 8, None, bytearray()
    while at < len(data):
        length, kind = struct.unpack_from('>I4s', data, at)
        body = data[at + 8:at + 8 + length]
        if len(body) != length or zlib.crc32(kind + body) != struct.unpack_from('>I', data, at + 8 + length)[0]:
            raise InputError(f'{path}: chunk {kind!r} at byte {at} is truncated or fails its CRC')
        if kind == b'IHDR':
            header = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat += body
        elif kind == b'IEND':
            break
        at += 12 + length
    if header is None:
        raise InputError(f'{path}: no IHDR')
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise InputError(f'{path}: only 8-bit RGB or RGBA without interlacing is read (bit depth {depth}, colour type {colour}, interlace {interlace})')
    channels = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(bytes(idat)), width * channels
    if len(raw) != height * (stride + 1):
        raise InputError(f'{path}: image data is {len(raw)} bytes, expected {height * (stride + 1)}')
    pixels, previous = [], bytearray(stride)
    for y in range(height):
        line = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        row = unfilter(line[0], bytearray(line[1:]), previous, channels, path, y)
        pixels.extend((row[i], row[i + 1], row[i + 2]) for i in range(0, stride, channels))
        previous = row
    return width, height, pixels


def unfilter(kind, row, previous, bpp, path, y):
    for i in range(len(row)):
        left = row[i - bpp] if i >= bpp else 0
        up = previous[i]
        if kind == 0:
            break
        elif kind == 1:
            row[i] = (row[i] + left) & 0xFF
        elif kind == 2:
            row[i] = (row[i] + up) & 0xFF
        elif kind == 3:
            row[i] = (row[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            up_left = previous[i - bpp] if i >= bpp else 0
            estimate = left + up - up_left
            pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - up_left)
            row[i] = (row[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else up_left)) & 0xFF
        else:
            raise InputError(f'{path}: row {y} has filter type {kind}')
    return row


def write_png(path, width, height, rgb):
    """Writes 8-bit RGB pixels (bytes, row by row) as a PNG, every row unfiltered."""
    stride = width * 3
    raw = b''.join(b'\x00' + bytes(rgb[y * stride:(y + 1) * stride]) for y in range(height))

    def chunk(kind, body):
        return struct.pack('>I', len(body)) + kind + body + struct.pack('>I', zlib.crc32(kind + body))
    with open(path, 'wb') as out:
        out.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0))
                  + chunk(b'IDAT', zlib.compress(raw, 6)) + chunk(b'IEND', b''))


def rgb888(pixel):
    r, g, b = pixel >> 11, pixel >> 5 & 0x3F, pixel & 0x1F
    return r << 3 | r >> 2, g << 2 | g >> 4, b << 3 | b >> 2


def rgb565(r, g, b):
    return (r >> 3) << 11 | (g >> 2) << 5 | b >> 3


# ------------------------------------------------------------------ command line

def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('capture')
    parser.add_argument('expected', nargs='?', help='PNG of what the panel should show (320x240)')
    parser.add_argument('--out', help='write the decoded picture to this PNG')
    parser.add_argument('--panel-madctl', type=lambda text: int(text, 0), default=MV | BGR,
                        help='the MADCTL under which the mounted panel shows an image upright in true colours (default 0x28)')
    args = parser.parse_args(argv)
    if not args.panel_madctl & MV:
        parser.error('--panel-madctl must have MV (0x20): the box shows a 320x240 landscape picture')
    try:
        panel, counts = decode(open(args.capture, 'rb').read())
        expected = read_png(args.expected) if args.expected else None
    except (InputError, OSError, zlib.error) as error:
        print(f'decode_panel: {error}', file=sys.stderr)
        return 2
    never = len(panel.written) - sum(panel.written)
    print(f'capture: {sum(counts)} records ({counts[0]} command, {counts[1]} data, {counts[2]} reset asserted, '
          f'{counts[3]} released), {panel.commands} commands, {panel.pixels} pixels written; '
          f'MADCTL 0x{panel.madctl:02X}, COLMOD 0x{panel.colmod:02X}; {never} pixels never written')
    if panel.lost_bytes:
        print(f'note: {panel.lost_bytes} bytes were sent while the panel was held in reset, and lost')
    for note in panel.notes:
        print(f'note: {note}')
    image = panel.view(args.panel_madctl)
    if args.out:
        write_png(args.out, WIDTH, HEIGHT, bytes(channel for pixel in image for channel in rgb888(pixel)))
    blank = panel.blank_reason()
    if blank:
        print(f'the panel shows nothing: {blank}')
        return 1
    if expected is None:
        return 0
    width, height, pixels = expected
    if (width, height) != (WIDTH, HEIGHT):
        print(f'{args.expected} is {width}x{height}, the panel {WIDTH}x{HEIGHT}')
        return 1
    differing = [i for i, (seen, png) in enumerate(zip(image, pixels)) if seen != rgb565(*png)]
    print(f'{len(differing)} differing pixels')
    for i in differing[:5]:
        print(f'  ({i % WIDTH},{i // WIDTH}): panel #{"%02X%02X%02X" % rgb888(image[i])}, PNG #{"%02X%02X%02X" % pixels[i]}')
    return 0 if not differing else 1


if __name__ == '__main__':
    sys.exit(main())
