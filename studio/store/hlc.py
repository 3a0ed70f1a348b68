"""Hybrid logical clock: stamps that sort in causal order across laptops whose clocks disagree.

A stamp is ``<13-digit wall ms>.<5-digit counter>.<device id>`` so plain string order is HLC order.
"""

from __future__ import annotations

import threading
import time


def _parse(stamp: str) -> tuple[int, int]:
    wall, counter, _device = stamp.split(".", 2)
    return int(wall), int(counter)


class HybridClock:
    def __init__(self, device_id: str, last: str | None = None, *, now_ms=None):
        self.device_id = device_id
        self._now_ms = now_ms or (lambda: int(time.time() * 1000))
        self._wall, self._counter = _parse(last) if last else (0, 0)
        self._lock = threading.Lock()

    def now(self) -> str:
        """A new stamp, greater than every stamp this clock gave or received."""
        with self._lock:
            wall = self._now_ms()
            if wall > self._wall:
                self._wall, self._counter = wall, 0
            else:
                self._counter += 1
            return self._format()

    def receive(self, remote: str) -> None:
        """Move past a stamp seen from another device, so later local stamps sort after it."""
        with self._lock:
            r_wall, r_counter = _parse(remote)
            if (r_wall, r_counter) > (self._wall, self._counter):
                self._wall, self._counter = r_wall, r_counter

    def _format(self) -> str:
        return f"{self._wall:013d}.{self._counter:05d}.{self.device_id}"
