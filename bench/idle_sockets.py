"""Hold N idle sockets open against a server for S seconds, as slowloris clients do: each connects, sends half a
request header and then nothing. A socket the server closes (its idle timeout) is opened again at once, so N stay
open for the whole run. Prints how many were held and how often the server closed one.

  python bench/idle_sockets.py HOST PORT [N=150] [SECONDS=130]
"""

import selectors
import socket
import sys
import time

HALF_HEADER = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: idle"


def opened(host, port, sel):
    s = socket.create_connection((host, port), timeout=5)
    s.sendall(HALF_HEADER)
    s.setblocking(False)
    sel.register(s, selectors.EVENT_READ)
    return s


def main(host, port, n=150, seconds=130.0):
    sel = selectors.DefaultSelector()
    failed = closed = 0
    live = set()
    end = time.monotonic() + seconds
    low = n
    while time.monotonic() < end:
        while len(live) < n and time.monotonic() < end:
            try:
                live.add(opened(host, port, sel))
            except OSError:
                failed += 1
                time.sleep(0.2)
                break
        low = min(low, len(live))
        for key, _ in sel.select(timeout=0.5):
            s = key.fileobj
            try:
                data = s.recv(4096)
            except OSError:
                data = b""
            if not data:  # the server closed it: open another
                sel.unregister(s)
                s.close()
                live.discard(s)
                closed += 1
    print(f"idle sockets: {n} held for {seconds:.0f} s (fewest open at once {low}), {closed} closed by the server "
          f"and reopened, {failed} connects failed", flush=True)
    for s in live:
        s.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[0], int(args[1]), int(args[2]) if len(args) > 2 else 150, float(args[3]) if len(args) > 3 else 130.0)
