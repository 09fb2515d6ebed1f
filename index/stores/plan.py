"""The hybrid query, built once for every backend: which prefetch legs run, with what limits and
fusion weights, and how the fused result is cut. Also the other shapes both Qdrant adapters
share: a point's named vectors, a returned point as a `ScoredRecord`, scrolling page by page.

Each adapter (`edge.py`, `qdrant.py`) only translates a `QueryPlan` into its client's classes,
so the two backends cannot drift apart in what they ask the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from index.stores.base import (
    DENSE,
    QUESTION,
    SPARSE,
    HybridQuery,
    PointRecord,
    ScoredRecord,
    SparseVector,
)
from index.stores.filters import TIE_MARGIN, Condition, dense_of, order_fused, search_conditions

SCROLL_PAGE = 1024
WEIGHT_ROLE = {DENSE: 0, SPARSE: 1, QUESTION: 2}  # index into HybridQuery.weights


@dataclass(frozen=True, slots=True)
class Leg:
    """One prefetch: `vector` against the named vector `using` (DENSE, SPARSE or QUESTION)."""

    using: str
    vector: list[float] | SparseVector

    @property
    def sparse(self) -> bool:
        return self.using == SPARSE


@dataclass(frozen=True, slots=True)
class QueryPlan:
    legs: tuple[Leg, ...]
    conditions: list[Condition]  # applied in every prefetch and in the outer query
    limit: int  # what the engine returns (fused: a tie margin beyond the caller's limit)
    prefetch_limit: int
    fusion: str  # "rrf" | "dbsf"
    weights: list[float] | None  # one per leg, RRF only
    with_dense: bool

    @property
    def fused(self) -> bool:
        return len(self.legs) > 1

    def finish(self, records: list[ScoredRecord], limit: int) -> list[ScoredRecord]:
        """Fused results in a repeatable order (score, then id), cut to the caller's limit."""
        return order_fused(records, limit) if self.fused else records


def plan_query(query: HybridQuery, *, has_question: bool) -> QueryPlan | None:
    """The legs of `query` (dense, sparse, FAQ question), or None when there is nothing to ask.

    An empty sparse vector is no leg (no term matches), and the question leg needs both a dense
    query and an index that has the question vector.
    """
    sparse = query.sparse if query.sparse is not None and query.sparse.indices else None
    dense = None if query.dense is None else [float(x) for x in query.dense]
    legs: list[Leg] = []
    if dense is not None:
        legs.append(Leg(DENSE, dense))
    if sparse is not None:
        legs.append(Leg(SPARSE, sparse))
    if dense is not None and query.with_question and has_question:
        legs.append(Leg(QUESTION, dense))
    if not legs:
        return None
    fused = len(legs) > 1
    weights = (None if query.weights is None or not fused
               else [float(query.weights[WEIGHT_ROLE[leg.using]]) for leg in legs])
    return QueryPlan(
        legs=tuple(legs), conditions=search_conditions(query.filter),
        limit=query.limit + TIE_MARGIN if fused else query.limit,
        prefetch_limit=query.prefetch_limit, fusion=query.fusion.lower(), weights=weights,
        with_dense=query.with_dense)


def check_fusion(name: str) -> str:
    key = name.lower()
    if key not in {"rrf", "dbsf"}:
        raise ValueError(f"unknown fusion {name!r}: use 'rrf' or 'dbsf'")
    return key


def point_vectors(point: PointRecord, *, with_question: bool,
                  sparse: Callable[[SparseVector], Any]) -> dict[str, Any]:
    """Named vectors of a point, the sparse one made by the client's `sparse` constructor: an
    empty sparse vector is left out (no term, no IDF count), and so is `question` where the
    point has none (regulations, manuals) or the index lacks it."""
    vectors: dict[str, Any] = {DENSE: [float(x) for x in point.dense]}
    if point.sparse.indices:
        vectors[SPARSE] = sparse(point.sparse)
    if with_question and point.question is not None:
        vectors[QUESTION] = [float(x) for x in point.question]
    return vectors


def to_record(point: Any, *, with_dense: bool = False) -> ScoredRecord:
    """A scored point as either client returns it (id, score, payload, vector attributes)."""
    return ScoredRecord(id=str(point.id), score=float(point.score),
                        payload=dict(point.payload or {}),
                        dense=dense_of(point.vector) if with_dense else None)


def scroll_all(fetch: Callable[[Any, int], tuple[Sequence[Any], Any]], limit: int
               ) -> list[ScoredRecord]:
    """Page through `fetch(offset, page_size) -> (points, next_offset)` up to `limit` records."""
    records: list[ScoredRecord] = []
    offset: Any = None
    while len(records) < limit:
        page, offset = fetch(offset, min(SCROLL_PAGE, limit - len(records)))
        records.extend(ScoredRecord(id=str(p.id), score=0.0, payload=dict(p.payload or {}))
                       for p in page)
        if offset is None or not page:
            break
    return records
