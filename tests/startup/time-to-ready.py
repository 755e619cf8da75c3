#!/usr/bin/env python3
"""Usage: time-to-ready.py LIMIT_SECONDS LOG COMMAND...

Runs COMMAND as systemd runs the box's Type=notify service: NOTIFY_SOCKET names a datagram socket
this helper listens on. Prints the milliseconds from just before exec to the READY=1 notification,
then ends the command with SIGTERM (as `systemctl stop` does) and waits for it. The command's
output goes to LOG. Exits 1, saying why, when READY=1 does not come within LIMIT_SECONDS, the
command ends before it, or the command does not end cleanly (exit code 0) after SIGTERM.
"""
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time


def main():
    limit, log, command = float(sys.argv[1]), sys.argv[2], sys.argv[3:]
    with tempfile.TemporaryDirectory(prefix="stagebox-notify.") as folder, open(log, "wb") as out:
        path = os.path.join(folder, "notify")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        listener.bind(path)
        started = time.monotonic_ns()
        process = subprocess.Popen(command, env=dict(os.environ, NOTIFY_SOCKET=path),
                                   stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
        ready = wait_for_ready(listener, process, started + int(limit * 1e9))
        if ready is None:
            process.kill()
            process.wait()
            why = f"ended with exit code {process.returncode}" if process.returncode != -signal.SIGKILL else f"sent no READY=1 within {limit:.0f} s"
            sys.exit(f"time-to-ready: {command[0]} {why} (its output: {log})")
        process.send_signal(signal.SIGTERM)
        try:
            code = process.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            process.kill()
            sys.exit(f"time-to-ready: {command[0]} did not end within {limit:.0f} s of SIGTERM (its output: {log})")
        if code != 0:
            sys.exit(f"time-to-ready: {command[0]} ended with exit code {code} after SIGTERM (its output: {log})")
        print(f"{(ready - started) / 1e6:.0f}")


def wait_for_ready(listener, process, deadline):
    """The monotonic time READY=1 arrived, or None when the process ended or the deadline passed first."""
    while True:
        remaining = deadline - time.monotonic_ns()
        if remaining <= 0 or process.poll() is not None:
            return None
        # The timeout only bounds how late a dead process is noticed; a datagram wakes recv at once.
        listener.settimeout(min(remaining / 1e9, 0.5))
        try:
            message = listener.recv(4096)
        except socket.timeout:
            continue
        if b"READY=1" in message.split(b"\n"):
            return time.monotonic_ns()


if __name__ == "__main__":
    main()
