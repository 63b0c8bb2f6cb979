"""Time limits: a block that runs too long is stopped with :class:`TooSlow`.

The timer is the process's real-time interval timer (SIGALRM), so it works
only in a process's main thread: the CLI and every pool worker. Elsewhere
(the TUI's thread workers) the block runs unlimited; their inputs are still
bounded in size.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class TooSlow(BaseException):
    """The time limit passed. A BaseException, so that a library's own
    ``except Exception`` cannot swallow it and carry on unlimited."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`TooSlow` inside the block after ``seconds`` (None: no limit)."""
    if (
        not seconds
        or threading.current_thread() is not threading.main_thread()
        or not hasattr(signal, "setitimer")
    ):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TooSlow()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
