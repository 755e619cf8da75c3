#!/usr/bin/env python3
"""Rig check of stagebox-panel-sim through the kernel's real interfaces, the ones the firmware
uses: spidev ioctls on /dev/spidevB.0 and GPIO character device v2 ioctls on the chip labelled
'panel-sim'. What the module captured must come back record for record, byte for byte; then an
ILI9341 frame is sent the same way and its capture saved for decode_panel.py (run on the host,
where Python is ten times faster than under TCG).

usage: panel_sim_check.py SPIDEV DEBUGFS_DIR FRAME_CAPTURE   in the guest; prints PASS:/FAIL: lines
       panel_sim_check.py --expected-png PNG                 on the host: the frame as a PNG"""
import ctypes
import errno
import fcntl
import glob
import os
import struct
import sys

# linux/spi/spidev.h: _IOC(dir, 'k', nr, size) = dir << 30 | size << 16 | 0x6B << 8 | nr, dir 1 write, 2 read.
WR_MODE, RD_MODE, WR_BITS, RD_BITS = 0x40016B01, 0x80016B01, 0x40016B03, 0x80016B03
WR_SPEED, RD_SPEED, MESSAGE_1 = 0x40046B04, 0x80046B04, 0x40206B00  # MESSAGE_1: 32-byte spi_ioc_transfer
# linux/gpio.h
CHIPINFO, GET_LINE, SET_VALUES = 0x8044B401, 0xC250B407, 0xC010B40F
FLAG_OUTPUT, ATTR_OUTPUT_VALUES = 1 << 3, 2
DC, RESET = 0, 1


def frame():
    """The test frame, 320x240 RGB565: red rising to the right, green downwards, a pattern in blue."""
    return [(x * 31 // 319) << 11 | (y * 63 // 239) << 5 | (x ^ y) & 0x1F for y in range(240) for x in range(320)]


def check(name, ok, detail=''):
    print(f'{"PASS" if ok else "FAIL"}: {name}' + ('' if ok or not detail else f' ({detail})'))


def stats(debugfs):
    return dict(line.split() for line in open(f'{debugfs}/stats'))


def clear(debugfs):
    """Writing anything to the capture empties it and zeroes the counters."""
    with open(f'{debugfs}/capture', 'w') as f:
        f.write('clear')


def set_u(fd, request, fmt, value):
    fcntl.ioctl(fd, request, struct.pack(fmt, value))


def get_u(fd, request, fmt):
    return struct.unpack(fmt, fcntl.ioctl(fd, request, bytes(struct.calcsize(fmt))))[0]


def errno_of(call):
    try:
        call()
        return 0
    except OSError as error:
        return error.errno


def transfer(fd, data):
    """One SPI_IOC_MESSAGE(1) write of data; returns what the ioctl returned."""
    buffer = ctypes.create_string_buffer(bytes(data), len(data))
    message = bytearray(struct.pack('<QQIIHBBBBBB', ctypes.addressof(buffer), 0, len(data), 0, 0, 0, 0, 0, 0, 0, 0))
    return fcntl.ioctl(fd, MESSAGE_1, message)


def write(fd, data, limit=4096):
    for at in range(0, len(data), limit):
        transfer(fd, data[at:at + limit])


def request_outputs(label, values):
    """A GPIO v2 line request of lines 0.. len(values)-1 as outputs set to values; returns its fd."""
    for path in sorted(glob.glob('/dev/gpiochip*')):
        chip = os.open(path, os.O_RDWR)
        info = fcntl.ioctl(chip, CHIPINFO, bytes(68))
        if info[32:64].rstrip(b'\0').decode() == label:
            break
        os.close(chip)
    else:
        raise RuntimeError(f'no GPIO chip labelled {label}')
    bits = sum(1 << i for i, v in enumerate(values) if v)
    mask = (1 << len(values)) - 1
    # struct gpio_v2_line_request: offsets[64], consumer[32], config {flags, num_attrs, pad[5],
    # attrs[10] {id, pad, value, mask}}, num_lines, event_buffer_size, pad[5], fd: 592 bytes.
    request = bytearray(592)
    struct.pack_into(f'<{len(values)}I', request, 0, *range(len(values)))
    request[256:256 + 12] = b'panel-check\0'
    struct.pack_into('<QI', request, 288, FLAG_OUTPUT, 1)
    struct.pack_into('<IIQQ', request, 288 + 32, ATTR_OUTPUT_VALUES, 0, bits, mask)
    struct.pack_into('<I', request, 560, len(values))
    fcntl.ioctl(chip, GET_LINE, request)
    os.close(chip)
    return struct.unpack_from('<i', request, 588)[0]


def set_line(lines, index, value):
    fcntl.ioctl(lines, SET_VALUES, struct.pack('<QQ', value << index, 1 << index))


def record(kind, payload=b''):
    return struct.pack('<BI', kind, len(payload)) + bytes(payload)


def check_chip(spidev):
    """The module's two devices exist: the spidev node and the GPIO chip, by label, with 2 lines."""
    labels = {}
    for path in sorted(glob.glob('/dev/gpiochip*')):
        chip = os.open(path, os.O_RDWR)
        info = fcntl.ioctl(chip, CHIPINFO, bytes(68))
        os.close(chip)
        labels[info[32:64].rstrip(b'\0').decode()] = struct.unpack_from('<I', info, 64)[0]
    check(f"stagebox-panel-sim gives {spidev} and the GPIO chip 'panel-sim' with 2 lines",
          os.path.exists(spidev) and labels.get('panel-sim') == 2, f'chips: {labels}')


def run(spidev, debugfs, frame_capture):
    spi = os.open(spidev, os.O_RDWR)

    # --- What the controller grants: mode 0 and 8 bits only; speeds up to 62.5 MHz.
    set_u(spi, WR_MODE, 'B', 0)
    set_u(spi, WR_BITS, 'B', 8)
    refused = errno_of(lambda: set_u(spi, WR_MODE, 'B', 3)), errno_of(lambda: set_u(spi, WR_BITS, 'B', 16))
    check('spidev on panel-sim grants mode 0 and 8 bits per word, and refuses mode 3 and 16 bits (EINVAL)',
          get_u(spi, RD_MODE, 'B') == 0 and get_u(spi, RD_BITS, 'B') == 8 and refused == (errno.EINVAL, errno.EINVAL), f'refused: {refused}')
    clear(debugfs)
    set_u(spi, WR_SPEED, 'I', 100_000_000)
    asked = get_u(spi, RD_SPEED, 'I')
    transfer(spi, b'\0')
    fast = int(stats(debugfs)['last_speed_hz'])
    set_u(spi, WR_SPEED, 'I', 32_000_000)
    transfer(spi, b'\0')
    slow = int(stats(debugfs)['last_speed_hz'])
    too_long = errno_of(lambda: transfer(spi, bytes(5000)))
    check('asked for 100 MHz, spidev says 100 MHz but the transfer runs at 62.5 MHz; 32 MHz is kept; 5000 bytes in one transfer are refused (EMSGSIZE)',
          (asked, fast, slow, too_long) == (100_000_000, 62_500_000, 32_000_000, errno.EMSGSIZE), f'{asked} {fast} {slow} errno {too_long}')

    # --- Every transfer with its D/C level and every reset edge, exactly.
    clear(debugfs)
    lines = request_outputs('panel-sim', [0, 0])  # D/C low, RESET asserted (it idled released)
    set_line(lines, RESET, 1)
    payload = bytes((i * 7 + 3) & 0xFF for i in range(10000))
    written = [transfer(spi, b'\x01'), transfer(spi, b'\x11\x29')]
    set_line(lines, DC, 1)
    write(spi, payload)  # 4096 + 4096 + 1808
    set_line(lines, DC, 1)  # no edge, nothing recorded
    set_line(lines, DC, 0)
    written.append(transfer(spi, b'\x2c'))
    set_line(lines, RESET, 0)
    set_line(lines, RESET, 0)  # no edge
    expected = (record(2) + record(3) + record(0, b'\x01') + record(0, b'\x11\x29') + record(1, payload[:4096])
                + record(1, payload[4096:8192]) + record(1, payload[8192:]) + record(0, b'\x2c') + record(2))
    captured = open(f'{debugfs}/capture', 'rb').read()
    s = stats(debugfs)
    check('the capture holds each transfer with its D/C level and each reset edge, byte for byte (9 records, 10000 data bytes in 3 transfers)',
          captured == expected and written == [1, 2, 1] and s['dropped_records'] == '0' and s['reset_edges'] == '3',
          f'{len(captured)} bytes captured, {len(expected)} expected, ioctl results {written}, stats {s}')

    # --- A frame as the firmware's driver will send it, for decode_panel.py on the host.
    clear(debugfs)
    set_line(lines, RESET, 1)
    for command, parameters in [(0x01, b''), (0xC0, b'\x23'), (0x36, b'\x28'), (0x3A, b'\x55'), (0x11, b''), (0x29, b''),
                                (0x2A, b'\x00\x00\x01\x3f'), (0x2B, b'\x00\x00\x00\xef'),
                                (0x2C, b''.join(struct.pack('>H', c) for c in frame()))]:
        set_line(lines, DC, 0)
        transfer(spi, bytes([command]))
        set_line(lines, DC, 1)
        write(spi, parameters)
    os.close(lines)
    os.close(spi)
    frame_bytes = open(f'{debugfs}/capture', 'rb').read()
    open(frame_capture, 'wb').write(frame_bytes)
    check('a full frame (init, window, 153600 pixel bytes) goes through spidev and the panel-sim lines into the capture',
          stats(debugfs)['dropped_records'] == '0' and len(frame_bytes) > 153600)


if __name__ == '__main__':
    if sys.argv[1] == '--expected-png':
        sys.dont_write_bytecode = True  # the checkout stays clean
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import decode_panel
        decode_panel.write_png(sys.argv[2], 320, 240, bytes(v for c in frame() for v in decode_panel.rgb888(c)))
    else:
        check_chip(sys.argv[1])
        try:
            run(*sys.argv[1:4])
        except Exception as error:  # the checks not reached count as failed, not as missing
            check('panel_sim_check.py ran to its end', False, f'{type(error).__name__}: {error}')
