"""Alembic environment: run on the connection db.migrate hands over (never a URL of its own)."""

from __future__ import annotations

from alembic import context

from db.schema import metadata


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run migrations through db.migrate.upgrade (chonai db upgrade)")
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=connection.dialect.name == "sqlite",
                      compare_type=False)
    with context.begin_transaction():
        context.run_migrations()


if hasattr(context, "config"):  # run by Alembic; a plain import (tests/test_layout.py) is inert
    run()
