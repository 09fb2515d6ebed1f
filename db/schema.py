"""The metadata database schema: every table under one SQLAlchemy MetaData.

SQLAlchemy Core, so SQLite (embedded default, in the data dir) and PostgreSQL (multi-server)
share it. `metadata` is Alembic's `target_metadata` (db/migrations/env.py); a new table or
column goes here *and* into a migration in db/migrations/versions/ (tests/db/test_migrations.py
checks that the two agree). `create_schema` upgrades the database to the newest revision, as
every store does when it opens an engine. Tables by owner: the catalog (documents, versions,
duplicates, ingest_intents, query_log), users (users, api_keys, sessions), the audit log
(audit_log, audit_anchor, feedback), the shared rate-limit buckets, the review queue
(quarantine), the page (document_details, handover_requests, authored_faqs: db/pagedata.py)
and `chonai sync`'s record of mirrored folders (synced_files: index/sync.py).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Engine,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()


# --- catalog: which documents and versions exist, and what was asked

documents = Table(
    "documents", metadata,
    Column("id", String(64), primary_key=True),
    Column("title", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("number", Text),
    Column("source_name", Text),
    Column("departments", JSON, nullable=False),
    Column("current_version", String(64)),
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
)

versions = Table(
    "versions", metadata,
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"),
           primary_key=True),
    Column("version", String(64), primary_key=True),
    Column("content_sha256", String(64), nullable=False),
    Column("source_format", String(32)),
    Column("effective_date", String(10)),
    Column("promulgation_date", String(10)),
    Column("chunk_count", Integer, nullable=False),
    Column("ingested_at", String(32), nullable=False),
    Column("granularity", String(16), nullable=False, default="article"),
)

duplicates = Table(
    "duplicates", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(64), nullable=False, index=True),
    Column("key", Text, nullable=False),
    Column("other_document_id", String(64), nullable=False),
    Column("other_key", Text, nullable=False),
    Column("similarity", Float, nullable=False),
    Column("reason", Text, nullable=False),
)

# a version being written: inserted before its points go to the store, removed once the catalog
# row is committed and the store's `current` flags are flipped; what a crash leaves here is
# finished or undone by Indexer.recover()
ingest_intents = Table(
    "ingest_intents", metadata,
    Column("document_id", String(64), primary_key=True),
    Column("version", String(64), primary_key=True),
    Column("started_at", String(32), nullable=False),
)

query_log = Table(
    "query_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ts", String(32), nullable=False),
    Column("user", Text),
    Column("department", Text),
    Column("mode", String(16), nullable=False),
    Column("query", Text, nullable=False),
    Column("answer", Text),
    Column("abstained", Boolean, nullable=False),
    Column("citations", JSON, nullable=False),
    Column("latency_ms", Float, nullable=False),
    Column("model", Text),
)


# --- users, API keys and login sessions

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(128), nullable=False, unique=True),
    Column("display_name", Text),
    Column("role", String(16), nullable=False),
    Column("departments", JSON, nullable=False),
    Column("password_hash", Text),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", String(32), nullable=False),
)

api_keys = Table(
    "api_keys", metadata,
    Column("id", String(16), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("key_sha256", String(64), nullable=False),
    Column("label", Text),
    Column("created_at", String(32), nullable=False),
    Column("last_used_at", String(32)),
    Column("revoked", Boolean, nullable=False, default=False),
)

sessions = Table(
    "sessions", metadata,
    Column("token_sha256", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("expires_at", String(32), nullable=False),
)


# --- the audit log (hash chain) and feedback

audit_log = Table(
    "audit_log", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("ts", String(32), nullable=False, index=True),
    Column("user", Text, nullable=False),
    Column("role", String(16)),
    Column("department", Text),
    Column("action", String(32), nullable=False),
    Column("mode", String(16)),
    Column("query", Text),
    Column("answer", Text),
    Column("abstained", Boolean),
    Column("citations", JSON, nullable=False),
    Column("latency_ms", Float),
    Column("model", Text),
    Column("pii", JSON, nullable=False),
    Column("request_id", String(64)),  # the X-Request-ID of the HTTP request, in the access log
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

audit_anchor = Table(
    "audit_anchor", metadata,
    Column("id", Integer, primary_key=True),
    Column("first_seq", Integer, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("purged_at", String(32), nullable=False),
    Column("mac", String(64)),  # HMAC of the anchor: a forged one would hide removed entries
)

feedback = Table(
    "feedback", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("audit_seq", Integer, nullable=False, index=True),
    Column("ts", String(32), nullable=False),
    Column("user", Text, nullable=False),
    Column("rating", Integer, nullable=False),  # +1 👍, -1 👎
    Column("comment", Text),
)


# upload jobs (db/jobs.py): every step saved, so a restart neither forgets nor strands one
jobs = Table(
    "jobs", metadata,
    Column("id", String(32), primary_key=True),
    Column("user", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("departments", JSON, nullable=False),
    Column("granularity", String(16), nullable=False),
    Column("replace_document_id", String(64)),
    Column("status", String(16), nullable=False, index=True),
    Column("files", JSON, nullable=False),
    Column("report", JSON),
    Column("error", Text),
    Column("error_ja", Text),
    Column("owner", String(64), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("heartbeat_at", String(32), nullable=False),
    Column("finished_at", String(32)),
)


# --- rate limits shared by every worker process (db/ratelimit.py)

rate_limit_buckets = Table(
    "rate_limit_buckets", metadata,
    Column("caller", String(200), primary_key=True),
    Column("tokens", Float, nullable=False),
    Column("updated_s", Float, nullable=False),
)


# --- quarantine: units the content guard held at ingest and the owners' decisions (db/quarantine)

quarantine = Table(
    "quarantine", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(64), nullable=False, index=True),
    Column("document_title", Text, nullable=False),
    Column("version", String(64), nullable=False),
    Column("position", Integer, nullable=False),
    Column("point_id", String(64), nullable=False),
    Column("unit_sha256", String(64), nullable=False),
    Column("label", Text),
    Column("excerpt", Text, nullable=False),
    Column("reasons", JSON, nullable=False),
    Column("departments", JSON, nullable=False),
    Column("status", String(16), nullable=False),
    Column("flagged_at", String(32), nullable=False),
    Column("decided_by", Text),
    Column("decided_at", String(32)),
    UniqueConstraint("document_id", "version", "position"),
)


# --- the page: 所管課 and contact per document, questions sent to a 担当課, FAQ written in the page

document_details = Table(
    "document_details", metadata,
    Column("document_id", String(64), primary_key=True),
    Column("owner_department", Text),  # 所管課
    Column("contact", Text),  # 内線・メールなど
    Column("updated_by", Text),
    Column("updated_at", String(32), nullable=False),
)

handover_requests = Table(
    "handover_requests", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ts", String(32), nullable=False),
    Column("user", Text, nullable=False),
    Column("asker_departments", JSON, nullable=False),
    Column("query", Text, nullable=False),  # masked as the audit log stores it
    Column("department", Text),  # the 担当課 it was sent to; None = not known
    Column("log_id", Integer),
    Column("status", String(16), nullable=False, default="open"),  # open | answered
    Column("faq_id", Text),
)

authored_faqs = Table(
    "authored_faqs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ts", String(32), nullable=False),
    Column("author", Text, nullable=False),
    Column("question", Text, nullable=False),
    Column("answer", Text, nullable=False),
    Column("owner_department", Text),
    Column("departments", JSON, nullable=False),  # who may read it; [] = everyone
    Column("handover_id", Integer),
)


# --- `chonai sync DIR`: which file of which mirrored folder became which document (index/sync.py)

synced_files = Table(
    "synced_files", metadata,
    Column("root", String(1024), primary_key=True),
    Column("rel_path", String(1024), primary_key=True),
    Column("document_id", String(64), nullable=False),
    Column("content_sha256", String(64), nullable=False),
    Column("synced_at", String(32), nullable=False),
)


def create_schema(engine: Engine, *, audit_key: bytes | None = None) -> None:
    """Upgrade the database to the newest revision (db/migrate.py; a 0.1.0 database from
    before migrations included). `audit_key` is needed once, to re-sign 0.1 audit entries."""
    from db.migrate import upgrade

    upgrade(engine, audit_key=audit_key)
