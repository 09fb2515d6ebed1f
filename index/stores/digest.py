"""A fingerprint of everything an ingest can change: the store's points and the catalog rows.

Two digests are equal exactly when no point and no document, version or duplicate row was
added, removed or changed; the hostile-input checks compare one taken before and one after.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from sqlalchemy import select

from db.catalog import Catalog
from db.schema import documents, duplicates, ingest_intents, versions
from index.stores.base import VectorStore

# what an ingest writes; the query log, users and the audit trail change with every request
CONTENT_TABLES = (documents, duplicates, ingest_intents, versions)
SCROLL_ALL = 10**9


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=str)


def store_digest(store: VectorStore, catalog: Catalog) -> dict[str, Any]:
    """Point count, points per document and sha256 over sorted (id, payload); catalog likewise.

    Vectors are not read back (the store's scroll returns payloads only); point ids derive from
    document, version and position, and the payload carries the version.
    """
    records = sorted(store.scroll(limit=SCROLL_ALL), key=lambda r: r.id)
    points = hashlib.sha256()
    for rec in records:
        points.update(f"{rec.id}\t{_canonical(rec.payload)}\n".encode())
    per_document = Counter(str(r.payload.get("document_id")) for r in records)
    rows_hash = hashlib.sha256()
    rows: dict[str, int] = {}
    with catalog.engine.connect() as conn:
        for table in CONTENT_TABLES:
            lines = sorted(_canonical([_plain(v) for v in row])
                           for row in conn.execute(select(*_stable_columns(table))))
            rows[table.name] = len(lines)
            rows_hash.update(f"[{table.name}]\n".encode())
            rows_hash.update("".join(f"{line}\n" for line in lines).encode())
    return {
        "points": len(records),
        "per_document": dict(sorted(per_document.items())),
        "points_sha256": points.hexdigest(),
        "catalog_rows": rows,
        "catalog_sha256": rows_hash.hexdigest(),
    }


def _stable_columns(table: Any) -> list[Any]:
    """Every column but surrogate keys, whose values depend on insertion history."""
    return [c for c in table.columns if not (c.primary_key and c.autoincrement is True)]


def _plain(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool, type(None), list, dict)) \
        else str(value)
