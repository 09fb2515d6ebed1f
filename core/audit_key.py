"""The server secret that keys the audit chain (HMAC-SHA256).

With a key, someone who can write to the database cannot rewrite an entry and recompute the
chain: every hash needs the key, which lives outside the database. The key comes from
`CHONAI_AUDIT_SECRET` or, unset, from `<data dir>/audit.key`, generated once (32 random bytes,
mode 0600). Back the key up with the database: without it the chain cannot be verified.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from core.errors import InputError
from core.settings import Settings

KEY_FILE = "audit.key"
MIN_SECRET_CHARS = 32


def audit_key(settings: Settings) -> bytes:
    """The key bytes; creates the key file on first use."""
    if settings.audit_secret is not None:
        secret = settings.audit_secret.get_secret_value()
        if len(secret) < MIN_SECRET_CHARS:
            raise InputError(f"CHONAI_AUDIT_SECRET must be at least {MIN_SECRET_CHARS} "
                             "characters (e.g. `python -c 'import secrets; "
                             "print(secrets.token_hex(32))'`)")
        return secret.encode()
    return key_file(settings.data_dir / KEY_FILE)


def key_file(path: Path) -> bytes:
    """Read the key at `path`, or create it atomically (0600) when it does not exist yet."""
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(secrets.token_hex(32) + "\n")
            f.flush()
            os.fsync(f.fileno())
        with contextlib.suppress(FileExistsError):  # another process made it first: use theirs
            os.link(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return _read(path)


def _read(path: Path) -> bytes:
    text = path.read_text(encoding="ascii").strip()
    if len(text) < MIN_SECRET_CHARS:
        raise InputError(f"the audit key file {path} is damaged (too short); restore it from "
                         "the backup")
    return text.encode()
