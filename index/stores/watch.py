"""Remembers the last failed write to the vector store, so /api/health can say that the index
no longer accepts writes (a damaged shard, a read-only disk) while searches still work.

A thin VectorStore around the real one: reads pass through; a write that raises is recorded
with its time and reason, and the next successful write clears it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from index.stores.base import (
    HybridQuery,
    PointRecord,
    ScoredRecord,
    SearchFilter,
    VectorStore,
)

T = TypeVar("T")


class WatchedStore:
    def __init__(self, inner: VectorStore) -> None:
        self.inner = inner
        self.backend = inner.backend
        self.last_write_error: dict[str, str] | None = None
        self._lock = threading.Lock()

    def _write(self, op: str, call: Callable[[], T]) -> T:
        try:
            result = call()
        except Exception as err:
            first = (str(err).strip().splitlines() or [""])[0][:300]
            with self._lock:
                self.last_write_error = {"at": datetime.now(UTC).isoformat(timespec="seconds"),
                                         "operation": op,
                                         "reason": f"{type(err).__name__}: {first}"}
            raise
        with self._lock:
            self.last_write_error = None
        return result

    def ensure_collection(self, dense_dim: int) -> None:
        self.inner.ensure_collection(dense_dim)

    def upsert(self, points: Sequence[PointRecord]) -> None:
        self._write("upsert", lambda: self.inner.upsert(points))

    def set_payload(self, payload: dict[str, Any], *, document_id: str,
                    version: str | None = None,
                    point_ids: Sequence[str] | None = None) -> None:
        self._write("set_payload", lambda: self.inner.set_payload(
            payload, document_id=document_id, version=version, point_ids=point_ids))

    def delete(self, *, document_id: str, version: str | None = None) -> None:
        self._write("delete", lambda: self.inner.delete(document_id=document_id,
                                                        version=version))

    def query(self, query: HybridQuery) -> list[ScoredRecord]:
        return self.inner.query(query)

    def count(self, flt: SearchFilter | None = None) -> int:
        return self.inner.count(flt)

    def scroll(self, *, document_id: str | None = None, limit: int = 10_000
               ) -> list[ScoredRecord]:
        return self.inner.scroll(document_id=document_id, limit=limit)

    @property
    def has_question(self) -> bool:
        return self.inner.has_question

    def optimize(self) -> bool:
        return self._write("optimize", self.inner.optimize)

    def close(self) -> None:
        self.inner.close()
