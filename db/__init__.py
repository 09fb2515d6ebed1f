"""The metadata database: one schema for SQLite and PostgreSQL, versioned with Alembic."""
