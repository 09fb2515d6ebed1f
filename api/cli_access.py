"""How each CLI command reaches its data dir, decided before anything in it is opened.

    write       ingest, documents delete, reindex, serve, audit purge, eval with a corpus:
                take the data dir's lock (core/datadir.py) or stop with one line
    read-index  search, ask, documents digest, eval on the existing index: the lock when it is
                free; else the running server's HTTP API; refused while a CLI writer holds it
    read-db     documents list/versions/duplicates, audit verify/export, users list, feedback
                export, quarantine list: the lock when free; else the database opened read-only
    admin       users add/set/key/revoke, quarantine approve/reject: the lock when free; else
                the server's API
    none        eval compare: no data dir

A refused command has touched nothing: the lock is tried before the index or the database is
opened.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from core.datadir import DataDirLock, Owner, check_data_dir, needs_lock, read_owner
from core.errors import DataDirInUseError
from core.settings import Settings

KINDS = ("write", "read-index", "read-db", "admin", "none")


@dataclass
class Access:
    kind: str
    lock: DataDirLock | None = None
    server: Owner | None = None  # a running `chonai serve` to go through
    read_only: bool = False  # open the database read-only (a CLI writer holds the lock)

    @property
    def local(self) -> bool:
        return self.server is None and not self.read_only

    def close(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def open_access(settings: Settings, kind: str, command: str) -> Access:
    if kind == "none":
        return Access(kind)
    check_data_dir(settings.data_dir, create=kind in ("write", "admin"))
    if not needs_lock(settings):
        return Access(kind)
    lock = DataDirLock(settings.data_dir)
    try:
        return Access(kind, lock=lock.acquire(command))
    except DataDirInUseError as err:
        if kind == "write":
            raise
        owner = read_owner(settings.data_dir)
        if owner is not None and owner.url and owner.token:
            return Access(kind, server=owner)
        if kind == "read-db":
            return Access(kind, read_only=True)
        raise DataDirInUseError(f"{err}; retry when it has finished", owner=owner) from None


def describe(access: Access) -> str:
    """For --help and the log: where the command's data came from."""
    if access.server is not None:
        return f"through {access.server.describe()}"
    return "read-only" if access.read_only else "local"


def command_name(args: Any) -> str:
    """`documents list` etc., from argv as parsed (for the lock's owner record)."""
    return str(getattr(args, "command_name", "") or "chonai")


def remote(args: Any) -> Any:
    """A client for the server holding the data dir, or None when the command runs locally."""
    access = getattr(args, "access", None)
    if access is None or access.server is None:
        return None
    from api.remote import ServerClient

    return ServerClient(access.server, departments=getattr(args, "department", None))


def read_only(args: Any) -> bool:
    """Whether the command must open the database read-only (someone else holds the lock)."""
    access = getattr(args, "access", None)
    return access is not None and not access.local


def emit(args: Any, obj: dict[str, Any], human: str) -> None:
    """`--json`: one JSON object on stdout; otherwise the human line(s)."""
    if args.json:
        print(json.dumps(obj, ensure_ascii=False))
    else:
        print(human)
