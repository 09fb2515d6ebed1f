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
    TIE_MARGIN,
    Condition,
    dense_of,
    document_conditions,
    order_fused,
    search_conditions,
)

log = logging.getLogger(__name__)

CONFIG_FILE = "edge_config.json"  # written by qdrant_edge when a shard is created
UPSERT_BATCH = 256
SCROLL_PAGE = 1024
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


def _vectors(point: PointRecord, *, with_question: bool = True) -> dict[str, Any]:
    """Named vectors of a point; an empty sparse vector is left out, as in the qdrant store,
    and so is `question` where the point has none (regulations, manuals)."""
    vectors: dict[str, Any] = {DENSE: [float(x) for x in point.dense]}
    if point.sparse.indices:
        vectors[SPARSE] = _sparse(point.sparse)
    if with_question and point.question is not None:
        vectors[QUESTION] = [float(x) for x in point.question]
    return vectors


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
                    qe.Point(p.id, _vectors(p, with_question=self.has_question), p.payload)
                    for p in points[start:start + UPSERT_BATCH]
                ]
                self.shard.update(qe.UpdateOperation.upsert_points(batch))

    def query(self, query: HybridQuery) -> list[ScoredRecord]:
        flt = to_edge_filter(search_conditions(query.filter))
        sparse = query.sparse if query.sparse is not None and query.sparse.indices else None
        dense = None if query.dense is None else [float(x) for x in query.dense]
        # (role index in HybridQuery.weights, prefetch); roles: dense, sparse, question
        legs: list[tuple[int, qe.Prefetch]] = []
        if dense is not None:
            legs.append((0, qe.Prefetch(query.prefetch_limit,
                                        query=qe.Query.Nearest(dense, using=DENSE), filter=flt)))
        if sparse is not None:
            legs.append((1, qe.Prefetch(query.prefetch_limit,
                                        query=qe.Query.Nearest(_sparse(sparse), using=SPARSE),
                                        filter=flt, params=_live_idf())))
        if dense is not None and query.with_question and self.has_question:
            legs.append((2, qe.Prefetch(query.prefetch_limit,
                                        query=qe.Query.Nearest(dense, using=QUESTION),
                                        filter=flt)))
        if not legs:
            return []
        fused = len(legs) > 1
        request_args: dict[str, Any] = {
            "limit": query.limit + TIE_MARGIN if fused else query.limit,
            "filter": flt, "with_payload": True,
            "with_vector": [DENSE] if query.with_dense else False,
        }
        if fused:
            weights = (None if query.weights is None
                       else [float(query.weights[role]) for role, _ in legs])
            request = qe.QueryRequest(prefetches=[leg for _, leg in legs],
                                      query=_fusion(query.fusion, weights), **request_args)
        elif dense is not None:
            request = qe.QueryRequest(query=qe.Query.Nearest(dense, using=DENSE), **request_args)
        else:
            assert sparse is not None
            request = qe.QueryRequest(
                query=qe.Query.Nearest(_sparse(sparse), using=SPARSE), params=_live_idf(),
                **request_args,
            )
        points = self.shard.query(request)
        records = [
            ScoredRecord(
                id=str(p.id), score=float(p.score), payload=dict(p.payload or {}),
                dense=dense_of(p.vector) if query.with_dense else None,
            )
            for p in points
        ]
        return order_fused(records, query.limit) if fused else records

    def set_payload(self, payload: dict[str, Any], *, document_id: str,
                    version: str | None = None) -> None:
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
        records: list[ScoredRecord] = []
        offset: Any = None
        while len(records) < limit:
            page, offset = self.shard.scroll(qe.ScrollRequest(
                offset=offset, limit=min(SCROLL_PAGE, limit - len(records)), filter=flt,
                with_payload=True, with_vector=False,
            ))
            records.extend(
                ScoredRecord(id=str(p.id), score=0.0, payload=dict(p.payload or {})) for p in page
            )
            if offset is None or not page:
                break
        return records

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


def _fusion(name: str, weights: list[float] | None = None) -> Any:
    """RRF (weighted when `weights` is given, one per prefetch) or DBSF (unweighted)."""
    key = name.lower()
    if key == "rrf":
        return qe.Fusion.Rrf(k=RRF_K, weights=weights)
    if key == "dbsf":
        return qe.Fusion.Dbsf()
    raise ValueError(f"unknown fusion {name!r}: use 'rrf' or 'dbsf'")
