"""`chonai backup`, `chonai restore` and `chonai db`: day-2 operations on a data dir."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from api.cli_access import emit
from core.settings import Settings


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("backup", parents=[common], help="consistent snapshot of the data dir",
                       description="Write one file with the index, the metadata database, the "
                       "embedding cache, the uploaded originals and the audit key. Safe while "
                       "`chonai serve` runs: an ingest in progress finishes first, questions "
                       "are answered throughout. The file holds secrets: keep it like the "
                       "database (mode 0600).")
    p.add_argument("--out", type=Path, required=True, metavar="FILE",
                   help="the backup file to create, e.g. backups/chonai-2026-12-02.tar.gz")
    p.add_argument("--timeout-s", type=float, default=600,
                   help="longest wait for a running ingest to finish (default 600)")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", parents=[common], help="unpack a backup into an empty data "
                       "dir", description="Restore a `chonai backup` file into an empty (or "
                       "new) --data-dir, check every file's sha256, upgrade the database if "
                       "it is older, and verify the audit chain.")
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("db", parents=[common], help="schema revision and upgrade")
    dsub = p.add_subparsers(title="actions")
    d = dsub.add_parser("current", parents=[common], help="the database's schema revision")
    d.set_defaults(func=cmd_db_current)
    d = dsub.add_parser("upgrade", parents=[common], help="upgrade the schema (start-up does "
                        "this too)")
    d.set_defaults(func=cmd_db_upgrade)
    p.set_defaults(func=cmd_db_current)


def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    from services.backup import backup

    print(f"backing up {settings.data_dir} …", file=sys.stderr)
    report = backup(settings, args.out, timeout_s=args.timeout_s)
    emit(args, report.to_dict(),
          f"wrote {report.path} ({report.bytes / 2**20:.1f} MiB, {report.files} files, "
          f"{report.documents} documents, {report.audit_entries} audit entries; writes "
          f"paused {report.gate_held_s:.2f} s)")
    return 0


def cmd_restore(args: argparse.Namespace, settings: Settings) -> int:
    from services.backup import restore

    report = restore(settings, args.file)
    emit(args, report, f"restored {report['documents']} documents ({report['points']} "
          f"points) into {report['data_dir']}; audit chain verified ({report['audit_entries']} "
          f"entries); backup of {report['backup_created_at']}")
    return 0


def cmd_db_current(args: argparse.Namespace, settings: Settings) -> int:
    from sqlalchemy import create_engine

    from db.migrate import current, head

    engine = create_engine(settings.db_url)
    try:
        revision = current(engine)
    finally:
        engine.dispose()
    emit(args, {"revision": revision, "head": head()},
          f"database revision {revision or '(none: 0.1.0 or empty)'}; newest {head()}")
    return 0


def cmd_db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    from core.audit_key import audit_key
    from db.catalog import Catalog
    from db.migrate import current

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    catalog = Catalog(settings.db_url, audit_key=audit_key(settings))  # upgrades
    try:
        revision = current(catalog.engine)
    finally:
        catalog.close()
    emit(args, {"revision": revision}, f"database at revision {revision}")
    return 0
