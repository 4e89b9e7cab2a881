"""Listening traps: TCP listeners that record every connection made to them.

A browser capture must make no connection to any of them; a trap that counts one proves a leak.
"""

import contextlib
import socket
import threading


class Trap:
    def __init__(self, host: str, family: int = socket.AF_INET):
        self.sock = socket.socket(family, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, 0))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.host, self.port = host, self.sock.getsockname()[1]
        self.connections: list[tuple] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while not self._stop.is_set():
            try:
                conn, peer = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections.append(peer)
            conn.close()

    def authority(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    def url(self, path: str = "/", scheme: str = "http") -> str:
        return f"{scheme}://{self.authority()}{path}"

    def close(self):
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


def open_traps(allowed_port: int) -> list[Trap]:
    """Traps on another port of the allowed host, on other loopback addresses, and on [::1]."""
    traps = [Trap("127.0.0.1"), Trap("127.0.0.2"), Trap("127.3.4.5")]
    with contextlib.suppress(OSError):  # no IPv6 loopback here
        traps.append(Trap("::1", socket.AF_INET6))
    assert all(trap.port != allowed_port for trap in traps)
    return traps
