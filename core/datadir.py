"""One writer per data dir: a process lock taken before the index or the database is opened.

The embedded Qdrant shard may be opened by one process only, and opening it at all (even to be
refused) rewrites files of the live index. So every process that may write — `chonai serve`,
`ingest`, `reindex`, … — takes an exclusive OS lock (filelock, `flock`) on `D/.chonai.lock`
first, and records who it is in `D/owner.json`: pid, command and, for `chonai serve`, the URL
and a per-start token that lets the CLI on the same machine use the running server instead of
the files. The OS drops the lock when its holder dies (kill -9 included), so there are no
stale locks to clean up. The lock is reentrant inside one process.

With both CHONAI_QDRANT_URL and CHONAI_DATABASE_URL set the data dir holds only caches and
uploads, so several processes (API replicas) may share it and no lock is taken.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import threading
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import filelock

from core.errors import DataDirError, DataDirInUseError
from core.settings import Settings

LOCK_FILE = ".chonai.lock"
OWNER_FILE = "owner.json"

_counts: dict[Path, int] = {}
_guard = threading.Lock()


@dataclass(frozen=True)
class Owner:
    """Who holds a data dir; `url` and `token` only while `chonai serve` runs."""

    pid: int
    command: str
    started_at: str
    url: str | None = None
    token: str | None = None

    def describe(self) -> str:
        where = f" at {self.url}" if self.url else ""
        return f"`chonai {self.command}` (pid {self.pid}{where})"


def needs_lock(settings: Settings) -> bool:
    """False only when store and database both live on servers (nothing to guard locally)."""
    return not (settings.qdrant_url and settings.database_url)


def check_data_dir(path: Path, *, create: bool) -> Path:
    """The data dir, created when `create`; a missing or unwritable one is one clear line."""
    path = Path(path)
    if not path.exists():
        if not create:
            raise DataDirError(
                f"データディレクトリ {path} がありません / the data dir {path} does not exist "
                "(check --data-dir or CHONAI_DATA_DIR; `chonai ingest` creates it)")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise DataDirError(
                f"データディレクトリ {path} を作成できません / cannot create the data dir {path}: "
                f"{err.strerror or err}") from err
    if not path.is_dir():
        raise DataDirError(f"データディレクトリ {path} はフォルダではありません / the data dir "
                           f"{path} is not a directory")
    if create and not os.access(path, os.W_OK | os.X_OK):
        raise DataDirError(
            f"データディレクトリ {path} に書き込めません / the data dir {path} is not writable "
            f"by this user (uid {os.getuid()})")
    return path


class DataDirLock:
    """The exclusive lock of one data dir, reentrant within the process."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir).resolve()
        self._lock = filelock.FileLock(self.data_dir / LOCK_FILE, is_singleton=True,
                                       thread_local=False)

    @property
    def owner_path(self) -> Path:
        return self.data_dir / OWNER_FILE

    def acquire(self, command: str) -> DataDirLock:
        """Take the lock or raise DataDirInUseError naming the holder; nothing else is touched."""
        try:
            self._lock.acquire(timeout=0)
        except filelock.Timeout:
            holder = read_owner(self.data_dir)
            who = holder.describe() if holder else "another chonai process"
            raise DataDirInUseError(
                f"データディレクトリ {self.data_dir} は {who} が使用中です / the data dir is in "
                f"use by {who}: stop it first, or use the web page / API",
                owner=holder) from None
        except OSError as err:
            raise DataDirError(
                f"データディレクトリ {self.data_dir} をロックできません / cannot lock the data dir "
                f"{self.data_dir}: {err.strerror or err}") from err
        with _guard:
            count = _counts.get(self.data_dir, 0)
            _counts[self.data_dir] = count + 1
        if count == 0:
            self._write_owner(Owner(os.getpid(), command, _now()))
        return self

    def publish(self, url: str) -> str:
        """Record the server's URL and a fresh token (file mode 0600); returns the token."""
        token = secrets.token_urlsafe(32)
        current = read_owner(self.data_dir)
        started = current.started_at if current else _now()
        self._write_owner(Owner(os.getpid(), "serve", started, url=url, token=token))
        return token

    def release(self) -> None:
        with _guard:
            count = _counts.get(self.data_dir, 0)
            if count <= 0:
                return
            _counts[self.data_dir] = count - 1
            last = count == 1
        if last:
            with contextlib.suppress(OSError):
                self.owner_path.unlink()
        self._lock.release()

    def _write_owner(self, owner: Owner) -> None:
        tmp = self.owner_path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(asdict(owner), out)
        os.replace(tmp, self.owner_path)

    def __enter__(self) -> DataDirLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def read_owner(data_dir: Path) -> Owner | None:
    """The holder as it recorded itself (None when unknown or unreadable)."""
    try:
        raw: dict[str, Any] = json.loads((Path(data_dir) / OWNER_FILE).read_text("utf-8"))
        return Owner(**{k: raw.get(k) for k in ("pid", "command", "started_at", "url", "token")})
    except (OSError, ValueError, TypeError):
        return None


def lock_data_dir(settings: Settings, command: str) -> DataDirLock | None:
    """Check (and create) the data dir and take its lock; None where no lock is needed."""
    check_data_dir(settings.data_dir, create=True)
    if not needs_lock(settings):
        return None
    return DataDirLock(settings.data_dir).acquire(command)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
