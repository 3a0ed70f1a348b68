"""Hybrid logical clock: stamps that sort in causal order across laptops whose clocks disagree.

A stamp is ``<13-digit wall ms>.<5-digit counter>.<device id>`` so plain string order is HLC order.
The journal stores it as the device and one integer, ``wall ms × 100000 + counter``
(:func:`split_stamp`, :func:`join_stamp`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

_COUNTER = 100_000


def _parse(stamp: str) -> tuple[int, int]:
    wall, counter, _device = stamp.split(".", 2)
    return int(wall), int(counter)


def split_stamp(stamp: str) -> tuple[str, int]:
    """``(device id, wall ms × 100000 + counter)`` of a stamp."""
    wall, counter, device = stamp.split(".", 2)
    return device, int(wall) * _COUNTER + int(counter)


def join_stamp(device: str, ticks: int) -> str:
    """The stamp text of :func:`split_stamp`'s parts."""
    wall, counter = divmod(ticks, _COUNTER)
    return f"{wall:013d}.{counter:05d}.{device}"


def wall_ms(stamp: str) -> int:
    """The wall-clock part of a stamp, in ms since the epoch."""
    return int(stamp.split(".", 1)[0])


class HybridClock:
    def __init__(
        self, device_id: str, last: str | None = None, *, now_ms: Callable[[], int] | None = None
    ):
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

    def now_ms(self) -> int:
        """This laptop's wall clock, in ms."""
        return self._now_ms()

    def _format(self) -> str:
        return f"{self._wall:013d}.{self._counter:05d}.{self.device_id}"
