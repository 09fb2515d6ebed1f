"""VectorStore on Qdrant Edge: the Qdrant engine in process, one shard in a folder.

Everything runs natively in the engine (IDF sparse scoring, RRF/DBSF fusion over filtered
prefetches, payload indexes, update/delete by filter, count, scroll). Settings: WAL on and a
flush after every write, so a crash loses nothing acknowledged and the next process sees it;
dense vectors Cached (RAM, page-cache backed), sparse index Pinned (RAM), payload Cold (mmap)
with keyword/bool payload indexes for the filter fields. One process holds a shard at a time.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import qdrant_edge as qe

from core.errors import IndexNotReadyError
from index.stores.base import (
    DENSE,
    QUESTION,
    SPARSE,
    HybridQuery,
    PointRecord,
    ScoredRecord,
    SearchFilter,
    SparseVector,
)
from index.stores.filters import (
    PAYLOAD_INDEXES,
    Condition,
    document_conditions,
    search_conditions,
)
from index.stores.plan import Leg, check_fusion, plan_query, point_vectors, scroll_all, to_record

log = logging.getLogger(__name__)

CONFIG_FILE = "edge_config.json"  # written by qdrant_edge when a shard is created
UPSERT_BATCH = 256
RRF_K = 2  # Qdrant server's and qdrant-client's default, so rankings agree across backends
LOCK_MARKERS = ("WouldBlock", "Resource temporarily unavailable", "lock")

_SCHEMAS = {"keyword": qe.PayloadSchemaType.Keyword, "bool": qe.PayloadSchemaType.Bool}


def to_edge_filter(conditions: Sequence[Condition]) -> qe.Filter | None:
    must: list[Any] = []
    must_not: list[Any] = []
    for cond in conditions:
        match: qe.MatchValue | qe.MatchAny
        if len(cond.values) == 1:
            match = qe.MatchValue(_edge_scalar(cond.values[0]))
        else:
            match = qe.MatchAny([str(v) for v in cond.values])
        (must_not if cond.negate else must).append(qe.FieldCondition(cond.key, match=match))
    if not must and not must_not:
        return None
    return qe.Filter(must=must or None, must_not=must_not or None)


def _edge_scalar(value: str | bool) -> Any:
    """qdrant-edge-py 0.9 reads a Python bool in MatchValue as the integer 1/0, which never
    matches a bool payload; numpy.bool_ is not an int subclass and reaches the engine as a bool.
    """
    return np.bool_(value) if isinstance(value, bool) else value


def _sparse(vector: SparseVector) -> qe.SparseVector:
    return qe.SparseVector([int(i) for i in vector.indices], [float(v) for v in vector.values])


class EdgeStore:
    """A Qdrant Edge shard at `path` with named vectors `dense` (cosine) and `sparse` (IDF)."""

    backend = "qdrant-edge"

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._write_lock = threading.Lock()
        self._shard: qe.EdgeShard | None = None
        self.has_question = False  # shards created before QA-aware indexing lack `question`
        if (self.path / CONFIG_FILE).exists():
            self._shard = self._open(lambda: qe.EdgeShard.load(str(self.path)))

    def _open(self, opener: Any) -> qe.EdgeShard:
        try:
            return opener()  # type: ignore[no-any-return]
        except Exception as err:
            if any(marker in str(err) for marker in LOCK_MARKERS):
                raise IndexNotReadyError(
                    f"the index at {self.path} is in use by another chonai process "
                    "(stop `chonai serve` first)"
                ) from err
            raise

    @property
    def shard(self) -> qe.EdgeShard:
        if self._shard is None:
            raise IndexNotReadyError(f"no index at {self.path} (run ingest first)")
        return self._shard

    def ensure_collection(self, dense_dim: int) -> None:
        if self._shard is not None:
            self._check_dim(dense_dim)
        else:
            config = qe.EdgeConfig(
                vectors={
                    DENSE: qe.EdgeVectorParams(
                        size=dense_dim, distance=qe.Distance.Cosine, memory=qe.Memory.Cached),
                    QUESTION: qe.EdgeVectorParams(
                        size=dense_dim, distance=qe.Distance.Cosine, memory=qe.Memory.Cached),
                },
                sparse_vectors={SPARSE: qe.EdgeSparseVectorParams(
                    modifier=qe.Modifier.Idf, memory=qe.Memory.Pinned)},
                payload_memory=qe.Memory.Cold,
                wal_enabled=True,
            )
            self.path.mkdir(parents=True, exist_ok=True)
            self._shard = self._open(lambda: qe.EdgeShard.create(str(self.path), config))
            self.has_question = True
        indexed = set(self.shard.info().payload_schema)
        with self._writing():
            for field, schema in PAYLOAD_INDEXES.items():
                if field not in indexed:
                    operation = qe.UpdateOperation.create_field_index(field, _SCHEMAS[schema])
                    self.shard.update(operation)

    def _check_dim(self, dense_dim: int) -> None:
        config = json.loads((self.path / CONFIG_FILE).read_text(encoding="utf-8"))
        size = config.get("vectors", {}).get(DENSE, {}).get("size")
        self.has_question = QUESTION in config.get("vectors", {})
        if not self.has_question:
            log.warning("index has no question vector; QA-aware search is off until "
                        "`chonai reindex`", extra={"path": str(self.path)})
        if size != dense_dim:
            raise IndexNotReadyError(
                f"the index at {self.path} holds dense vectors of size {size}, the embedder "
                f"gives {dense_dim}: run `chonai reindex` (stop the server first)"
            )

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Serialise writes and flush after them, so a new process sees what was written."""
        with self._write_lock:
            yield
            self.shard.flush()

    def upsert(self, points: Sequence[PointRecord]) -> None:
        with self._writing():
            for start in range(0, len(points), UPSERT_BATCH):
                batch = [
                    qe.Point(p.id, point_vectors(p, with_question=self.has_question,
                                                 sparse=_sparse), p.payload)
                    for p in points[start:start + UPSERT_BATCH]
                ]
                self.shard.update(qe.UpdateOperation.upsert_points(batch))

    def query(self, query: HybridQuery) -> list[ScoredRecord]:
        plan = plan_query(query, has_question=self.has_question)
        if plan is None:
            return []
        flt = to_edge_filter(plan.conditions)
        request_args: dict[str, Any] = {
            "limit": plan.limit, "filter": flt, "with_payload": True,
            "with_vector": [DENSE] if plan.with_dense else False,
        }
        if plan.fused:
            prefetches = [qe.Prefetch(plan.prefetch_limit, query=_nearest(leg), filter=flt,
                                      params=_live_idf() if leg.sparse else None)
                          for leg in plan.legs]
            request = qe.QueryRequest(prefetches=prefetches,
                                      query=_fusion(plan.fusion, plan.weights), **request_args)
        else:
            leg = plan.legs[0]
            request = qe.QueryRequest(query=_nearest(leg),
                                      params=_live_idf() if leg.sparse else None, **request_args)
        points = self.shard.query(request)
        return plan.finish([to_record(p, with_dense=plan.with_dense) for p in points],
                           query.limit)

    def set_payload(self, payload: dict[str, Any], *, document_id: str,
                    version: str | None = None,
                    point_ids: Sequence[str] | None = None) -> None:
        if point_ids is not None:  # these points only (they must belong to the document)
            mine = {r.id for r in self.scroll(document_id=document_id, limit=1_000_000)}
            ids = [i for i in point_ids if i in mine]
            if ids:
                with self._writing():
                    self.shard.update(qe.UpdateOperation.set_payload(ids, payload))
            return
        selector = to_edge_filter(document_conditions(document_id, version))
        assert selector is not None
        with self._writing():
            self.shard.update(qe.UpdateOperation.set_payload_by_filter(selector, payload))

    def delete(self, *, document_id: str, version: str | None = None) -> None:
        selector = to_edge_filter(document_conditions(document_id, version))
        assert selector is not None
        with self._writing():
            self.shard.update(qe.UpdateOperation.delete_points_by_filter(selector))

    def count(self, flt: SearchFilter | None = None) -> int:
        return int(self.shard.count(
            qe.CountRequest(exact=True, filter=to_edge_filter(search_conditions(flt)))
        ))

    def scroll(self, *, document_id: str | None = None, limit: int = 10_000
               ) -> list[ScoredRecord]:
        flt = None if document_id is None else to_edge_filter(document_conditions(document_id))

        def fetch(offset: Any, size: int) -> tuple[Any, Any]:
            return self.shard.scroll(qe.ScrollRequest(  # type: ignore[no-any-return]
                offset=offset, limit=size, filter=flt, with_payload=True, with_vector=False))

        return scroll_all(fetch, limit)

    def optimize(self) -> bool:
        """Merge segments, vacuum deletions and build HNSW; blocking, call after a bulk ingest."""
        with self._writing():
            return bool(self.shard.optimize())

    def close(self) -> None:
        if self._shard is not None:
            with self._write_lock:
                self._shard.flush()
                self._shard.close()
            self._shard = None


def _live_idf() -> qe.SearchParams:
    """IDF over the live points (an empty corpus filter), as qdrant-client's local mode does.

    The default (global) statistics read the sparse index, which keeps deleted points until
    their segment is vacuumed, so scores would drift after `delete` until the next reload.
    """
    return qe.SearchParams(idf=qe.IdfParams(corpus=qe.Filter()))


def _nearest(leg: Leg) -> Any:
    vector = _sparse(leg.vector) if isinstance(leg.vector, SparseVector) else leg.vector
    return qe.Query.Nearest(vector, using=leg.using)


def _fusion(name: str, weights: list[float] | None = None) -> Any:
    """RRF (weighted when `weights` is given, one per prefetch) or DBSF (unweighted)."""
    if check_fusion(name) == "rrf":
        return qe.Fusion.Rrf(k=RRF_K, weights=weights)
    return qe.Fusion.Dbsf()
