"""The write gate of a data dir: held by every index/catalog write (ingest, delete, recovery)
and by `chonai backup`, across processes, so a snapshot never sees half an ingest.

A file lock (filelock) on `<data dir>/write.lock`; reentrant in one thread, exclusive between
threads and processes. It is not the data dir's ownership lock: readers and the audit log never
take it, and the server keeps answering while a backup copies.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from core.errors import BackendUnavailableError

GATE_FILE = "write.lock"


class WriteGate:
    def __init__(self, data_dir: Path | None) -> None:
        """`data_dir=None` (an index on a Qdrant server): writes are not gated."""
        self._lock = FileLock(data_dir / GATE_FILE) if data_dir is not None else None

    @contextmanager
    def held(self, *, timeout_s: float = -1, what: str = "writing") -> Iterator[None]:
        """Hold the gate; `timeout_s` < 0 waits as long as it takes."""
        if self._lock is None:
            yield
            return
        try:
            self._lock.acquire(timeout=timeout_s)
        except Timeout as err:
            raise BackendUnavailableError(
                f"{what}: the data dir is being written for more than {timeout_s:.0f} s "
                "(an ingest is running); try again later") from err
        try:
            yield
        finally:
            self._lock.release()
