"""Free space on the data dir, and disk-full failures from any layer turned into one error.

The embedded index (qdrant-edge) writes through memory maps: on a full disk a write into a new
page kills the process with SIGBUS instead of raising. So writes are refused up front while free
space is under `min_free_mb`, and the failures that still get through (SQLite, file writes,
the engine's own files) become StorageFullError, which the API maps to HTTP 507.
"""

from __future__ import annotations

import errno
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from core.errors import StorageFullError

MIB = 2**20
_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
_FULL_TEXTS = ("no space left on device", "database or disk is full", "disk quota exceeded",
               "file too large")


def free_bytes(path: Path) -> int:
    """Bytes free on the filesystem holding `path` (or its nearest existing parent)."""
    folder = Path(path).absolute()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return shutil.disk_usage(folder).free


def is_disk_full(err: BaseException) -> bool:
    """ENOSPC and friends, in the error or anything it was raised from (SQLAlchemy, SQLite,
    the Qdrant engine's 'No space left on device (os error 28)')."""
    seen: set[int] = set()
    current: BaseException | None = err
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in _FULL_ERRNOS:
            return True
        if any(text in str(current).lower() for text in _FULL_TEXTS):
            return True
        current = current.__cause__ or current.__context__
    return False


def storage_full_from(err: BaseException, path: Path) -> StorageFullError | None:
    """The StorageFullError that `err` amounts to, or None when it is something else.

    SQLite reports a WAL it cannot extend as a plain 'disk I/O error'; that counts as full only
    when the data dir has (almost) no space left.
    """
    if isinstance(err, StorageFullError):
        return err
    io_error = "disk i/o error" in str(err).lower()
    if not is_disk_full(err) and not (io_error and free_bytes(path) < MIB):
        return None
    return StorageFullError(f"the data dir {path} is full ({free_bytes(path) / MIB:.0f} MiB "
                            "free): nothing can be written (index, uploads, the audit log every "
                            "question goes to); free space and retry")


@dataclass(frozen=True)
class DiskGuard:
    """Refuses writes into `path` that would leave less than `min_free_bytes` free."""

    path: Path
    min_free_bytes: int

    def free(self) -> int:
        return free_bytes(self.path)

    def check(self, needed_bytes: int = 0, *, what: str = "this write") -> None:
        free = self.free()
        if free < self.min_free_bytes + needed_bytes:
            raise StorageFullError(
                f"the data dir {self.path} has {free / MIB:.0f} MiB free; {what} needs "
                f"{(self.min_free_bytes + needed_bytes) / MIB:.0f} MiB (CHONAI_MIN_FREE_MB="
                f"{self.min_free_bytes // MIB} kept free): free space and retry")

    @contextmanager
    def errors(self) -> Iterator[None]:
        """Re-raise disk-full failures from inside as StorageFullError."""
        try:
            yield
        except StorageFullError:
            raise
        except Exception as err:
            full = storage_full_from(err, self.path)
            if full is None:
                raise
            raise full from err
