"""`chonai backup` / `chonai restore`: one file holding the embedded index, the metadata database,
the embedding cache, the uploaded originals and the audit key, taken while the server runs.

Consistency: every index and catalog write holds the data dir's write gate (core.writegate), so
the backup takes the gate, and then copies the index folder file by file, the SQLite databases
with SQLite's online backup API (a consistent snapshot even while questions are being logged),
and the uploads; the gate is released before compression. The server keeps answering throughout;
an upload finishing meanwhile waits for the copy (seconds), then continues. Nothing in the data
dir is opened for writing, so a backup works next to a running `chonai serve`.

The file is a gzip tar with `manifest.json` (format, versions, sha256 of every file). Restore
only goes into an empty data dir, checks every sha256 before anything is moved into place, then
opens the result (migrating an older database) and verifies the audit chain.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from core.audit_key import KEY_FILE
from core.errors import InputError, NotFoundError
from core.settings import Settings
from core.writegate import GATE_FILE, WriteGate

FORMAT = "chonai-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASES = ("chonai.db", "embeddings.sqlite")
UPLOADS = "uploads"
INDEX = "index"
# files of the data dir that are runtime state, not data
SKIP = frozenset({GATE_FILE, "chonai.db.migrate.lock"})


@dataclass(frozen=True, slots=True)
class BackupReport:
    path: Path
    files: int
    bytes: int
    documents: int
    audit_entries: int
    gate_held_s: float

    def to_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "files": self.files, "bytes": self.bytes,
                "documents": self.documents, "audit_entries": self.audit_entries,
                "gate_held_s": round(self.gate_held_s, 3)}


def _check_embedded(settings: Settings) -> None:
    if settings.qdrant_url:
        raise InputError("backup covers the embedded index; with a Qdrant server use its "
                         "snapshot API (docs/OPERATIONS-hardening.md)")
    if settings.database_url and not settings.database_url.startswith("sqlite"):
        raise InputError("backup covers the embedded SQLite database; back PostgreSQL up with "
                         "pg_dump (docs/OPERATIONS-hardening.md)")


def _sqlite_path(settings: Settings) -> Path:
    url = settings.db_url
    return Path(url.split("sqlite:///", 1)[1])


def backup(settings: Settings, out: Path, *, timeout_s: float = 600) -> BackupReport:
    """Write the backup of `settings.data_dir` to `out` (created; never overwritten)."""
    import time

    _check_embedded(settings)
    data_dir = settings.data_dir
    db_path = _sqlite_path(settings)
    if not db_path.exists():
        raise NotFoundError(f"no chonai database at {db_path}: nothing to back up")
    if out.exists():
        raise InputError(f"{out} exists; choose a new file name")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".chonai-backup-", dir=out.parent))
    try:
        with WriteGate(data_dir).held(timeout_s=timeout_s, what="backup"):
            gate_started = time.monotonic()
            _sqlite_copy(db_path, staging / "chonai.db")
            cache = data_dir / "embeddings.sqlite"
            if cache.exists():
                _sqlite_copy(cache, staging / "embeddings.sqlite")
            if settings.index_path.exists():
                shutil.copytree(settings.index_path, staging / INDEX,
                                ignore=shutil.ignore_patterns(*SKIP, "*.rebuild", "*.old"))
            if settings.upload_path.exists():
                shutil.copytree(settings.upload_path, staging / UPLOADS)
            key = data_dir / KEY_FILE
            if key.exists():
                shutil.copy2(key, staging / KEY_FILE)
            gate_held_s = time.monotonic() - gate_started
        counts = _counts(staging / "chonai.db")
        files = _hashes(staging)
        manifest = {
            "format": FORMAT, "format_version": FORMAT_VERSION,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "chonai_version": _version(), "db_revision": counts.pop("revision"),
            "store_backend": settings.store_backend, "embedding": settings.embedding,
            "audit_key": "file" if (staging / KEY_FILE).exists() else "settings",
            "counts": counts, "files": files,
        }
        (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1),
                                        encoding="utf-8")
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
            tar.add(staging / MANIFEST, arcname=MANIFEST)
            for rel in sorted(files):
                tar.add(staging / rel, arcname=rel, recursive=False)
        partial.chmod(0o600)  # holds the audit key and every question asked
        partial.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        out.with_name(out.name + ".partial").unlink(missing_ok=True)
    return BackupReport(out, len(files), out.stat().st_size, counts["documents"],
                        counts["audit_entries"], gate_held_s)


def _sqlite_copy(source: Path, target: Path) -> None:
    """SQLite's online backup: one consistent snapshot, the source opened read-only."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        src.close()
        dst.close()


def _counts(db: Path) -> dict[str, Any]:
    con = sqlite3.connect(db)
    try:
        def count(table: str) -> int:
            try:
                return int(con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
            except sqlite3.OperationalError:
                return 0
        try:
            revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.OperationalError:
            revision = None
        return {"documents": count("documents"), "versions": count("versions"),
                "audit_entries": count("audit_log"), "users": count("users"),
                "revision": revision[0] if revision else None}
    finally:
        con.close()


def _hashes(root: Path) -> dict[str, str]:
    out = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest = hashlib.sha256()
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        out[path.relative_to(root).as_posix()] = digest.hexdigest()
    return out


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("chonai")
    except Exception:
        return "unknown"


# restore ---------------------------------------------------------------------------------

def _is_empty(path: Path) -> bool:
    return not path.exists() or (path.is_dir() and not any(path.iterdir()))


def restore(settings: Settings, archive: Path) -> dict[str, Any]:
    """Unpack `archive` into the empty `settings.data_dir`, check it and open it once."""
    _check_embedded(settings)
    data_dir = settings.data_dir
    if not _is_empty(data_dir):
        entries = sum(1 for _ in data_dir.iterdir()) if data_dir.is_dir() else 1
        raise InputError(f"restore needs an empty data dir; {data_dir} has {entries} "
                         "entries (choose a new --data-dir)")
    uploads_outside = settings.upload_dir is not None and not _inside(settings.upload_path,
                                                                       data_dir)
    if uploads_outside and not _is_empty(settings.upload_path):
        raise InputError(f"restore needs an empty upload dir; {settings.upload_path} is not")
    if not archive.is_file():
        raise NotFoundError(f"no backup file at {archive}")
    existed = data_dir.exists()
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".chonai-restore-", dir=data_dir.parent))
    try:
        manifest = _unpack(archive, staging)
        if manifest["audit_key"] == "settings" and settings.audit_secret is None:
            raise InputError("this backup was signed with CHONAI_AUDIT_SECRET: set the same "
                             "secret to restore it")
        if (staging / UPLOADS).exists() and uploads_outside:
            settings.upload_path.mkdir(parents=True, exist_ok=True)
            for item in (staging / UPLOADS).iterdir():
                shutil.move(str(item), settings.upload_path / item.name)
            (staging / UPLOADS).rmdir()
        (staging / MANIFEST).unlink()
        if data_dir.exists():
            data_dir.rmdir()
        staging.rename(data_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    try:
        return _open_and_check(settings, manifest)
    except BaseException:
        shutil.rmtree(data_dir, ignore_errors=True)  # a failed restore leaves the dir empty
        if uploads_outside:
            shutil.rmtree(settings.upload_path, ignore_errors=True)
        if existed:
            data_dir.mkdir(parents=True, exist_ok=True)
        raise


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def _unpack(archive: Path, target: Path) -> dict[str, Any]:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            try:
                raw = tar.extractfile(MANIFEST)
            except KeyError:
                raw = None
            if raw is None:
                raise InputError(f"{archive} is not a chonai backup (no {MANIFEST})")
            manifest = json.loads(raw.read().decode("utf-8"))
            if manifest.get("format") != FORMAT:
                raise InputError(f"{archive} is not a chonai backup")
            if manifest.get("format_version", 0) > FORMAT_VERSION:
                raise InputError(f"{archive} was written by a newer chonai (backup format "
                                 f"{manifest['format_version']}); upgrade chonai first")
            tar.extractall(target, filter="data")  # no links out, no absolute paths, no devices
    except (tarfile.TarError, EOFError, OSError, ValueError) as err:
        raise InputError(f"{archive} is damaged or not a chonai backup: {err}") from err
    got = _hashes(target)
    got.pop(MANIFEST, None)
    expected = manifest["files"]
    if got != expected:
        bad = sorted(set(got) ^ set(expected)) or sorted(
            k for k in expected if got.get(k) != expected[k])
        raise InputError(f"{archive} is damaged: {len(bad)} files differ from the manifest "
                         f"(first: {bad[0]})")
    return dict(manifest)


def _open_and_check(settings: Settings, manifest: dict[str, Any]) -> dict[str, Any]:
    """Open the restored data dir like the server does; the audit chain must verify."""
    from core.audit_key import audit_key
    from db.audit import AuditLog
    from db.migrate import current
    from services.build import build_services

    services = build_services(settings)
    try:
        audit = AuditLog(services.catalog.engine, key=audit_key(settings)).verify()
        if not audit.ok:
            raise InputError(f"the restored audit chain does not verify at entry "
                             f"{audit.first_bad_seq}: {audit.reason}")
        documents = len(services.catalog.list_documents())
        if documents != manifest["counts"]["documents"]:
            raise InputError(f"restored {documents} documents, the backup lists "
                             f"{manifest['counts']['documents']}")
        return {"data_dir": str(settings.data_dir), "documents": documents,
                "points": services.store.count(None), "audit_entries": audit.entries,
                "audit_ok": audit.ok, "db_revision": current(services.catalog.engine),
                "backup_created_at": manifest["created_at"]}
    finally:
        services.close()
