"""An advisory inter-process file lock (fcntl.flock), shared or exclusive, with a time limit."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# How often a waiting process tries the lock again.
_POLL_S = 0.05


class Busy(Exception):
    """Another process holds the lock for longer than the caller wanted to wait."""


@contextmanager
def file_lock(path: Path, *, shared: bool = False, timeout: float | None = None) -> Iterator[bool]:
    """Hold the lock on `path` (created when missing) for the block; yields True when held.

    Readers take it shared, a writer exclusive. `timeout` None waits as long as it takes; past a
    timeout Busy is raised. Where the lock file cannot be created (a read-only home) nothing can
    be written either, so the block runs unlocked and False is yielded.
    """
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield False
        return
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    try:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if deadline is not None and time.monotonic() >= deadline:
                    raise Busy(f"{path}: in use by another process") from None
                time.sleep(_POLL_S)
        yield True
    finally:
        os.close(fd)  # closing the descriptor releases the lock
