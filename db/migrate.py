"""Bring the metadata database to the newest schema: every start-up calls `upgrade`.

A database made before migrations existed (chonai 0.1.0, tables from create_all, no
alembic_version) is upgraded from the baseline, whose steps skip the tables already there.
Concurrent starts are serialised: a file lock beside a SQLite file, an advisory lock on
PostgreSQL; a database already at the newest revision costs one query.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.pool import NullPool

from core.errors import RagError

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
PG_LOCK_ID = 0x63686F6E  # "chon": pg_advisory_xact_lock key


class MigrationError(RagError):
    """The database could not be upgraded; nothing was changed."""


def _config(connection: Connection | None = None, audit_key: bytes | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    config.attributes["audit_key"] = audit_key
    return config


def head() -> str:
    """The newest revision this code knows."""
    revision = ScriptDirectory.from_config(_config()).get_current_head()
    assert revision is not None
    return revision


def current(engine: Engine) -> str | None:
    """The database's revision; None for an empty or pre-migration database."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, *, audit_key: bytes | None = None,
            revision: str = "head") -> None:
    """Upgrade to `revision` (newest by default). `audit_key` is needed once, when existing
    audit entries are re-signed with it (revision 0002)."""
    target = head() if revision == "head" else revision
    if current(engine) == target:
        return
    if engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
        from filelock import FileLock

        with FileLock(f"{engine.url.database}.migrate.lock", timeout=120):
            migrating = _transactional_sqlite(engine)
            try:
                _run(migrating, audit_key, target)
            finally:
                migrating.dispose()
    else:
        _run(engine, audit_key, target)


def _transactional_sqlite(engine: Engine) -> Engine:
    """An engine on the same file whose transactions cover DDL (BEGIN IMMEDIATE), so a
    failed step leaves the database as it was (pysqlite alone would autocommit each DDL)."""
    migrating = create_engine(engine.url, poolclass=NullPool)

    @event.listens_for(migrating, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        dbapi_conn.execute("PRAGMA busy_timeout=30000")

    @event.listens_for(migrating, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return migrating


def _run(engine: Engine, audit_key: bytes | None, target: str) -> None:
    before = current(engine)
    if before == target:  # another process did it while this one waited for the lock
        return
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": PG_LOCK_ID})
            if MigrationContext.configure(conn).get_current_revision() == target:
                return
        try:
            command.upgrade(_config(conn, audit_key), target)
        except RagError:
            raise
        except Exception as err:
            raise MigrationError(f"could not upgrade the database from revision "
                                 f"{before or 'none'} to {target}: {err}") from err
    log.info("database upgraded", extra={"from": before, "to": target})
