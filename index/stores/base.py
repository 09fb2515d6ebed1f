"""The vector-store seam: point and query records, filters and the `VectorStore` Protocol.

Each backend (`edge.py`, `qdrant.py`) is a thin adapter behind this protocol;
`services.build.build_services` is the only place that creates one. Payloads are flat dicts
(see `docs/ARCHITECTURE.md`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

PUBLIC = "*"  # the department value that marks a document readable by everyone

DENSE = "dense"
SPARSE = "sparse"
QUESTION = "question"  # dense vector of a FAQ's question alone (FAQ points only)


@dataclass(frozen=True, slots=True)
class SparseVector:
    indices: tuple[int, ...]
    values: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class PointRecord:
    """One chunk as stored: uuid id, named vectors and the flat payload."""

    id: str
    dense: Sequence[float]
    sparse: SparseVector
    payload: dict[str, Any]
    question: Sequence[float] | None = None  # FAQ points: the question embedded on its own


@dataclass(frozen=True, slots=True)
class SearchFilter:
    """Restrictions applied inside the store query, never as post-filtering.

    `departments=None` means no access restriction (admin / CLI on the local data dir);
    otherwise only points whose `departments` contain PUBLIC or one of these are visible.
    """

    kinds: tuple[str, ...] = ()
    document_ids: tuple[str, ...] = ()
    departments: tuple[str, ...] | None = None
    include_history: bool = False  # also old versions (payload current=False)
    include_deleted: bool = False  # also 削除 articles
    include_quarantined: bool = False  # also units the content guard held for review
    versions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ScoredRecord:
    id: str
    score: float
    payload: dict[str, Any]
    dense: Sequence[float] | np.ndarray | None = None


@dataclass(frozen=True, slots=True)
class HybridQuery:
    """A dense + sparse query fused inside the store (RRF or DBSF)."""

    dense: Sequence[float] | None
    sparse: SparseVector | None
    filter: SearchFilter = field(default_factory=SearchFilter)
    limit: int = 10
    prefetch_limit: int = 50
    fusion: str = "rrf"  # "rrf" | "dbsf"
    with_dense: bool = False  # return each hit's dense vector (for calibrated scores)
    # QA-aware: a third prefetch, the same dense query against FAQ points' `question` vector
    with_question: bool = False
    # RRF weight per prefetch role (dense, sparse, question); None = equal; DBSF takes none
    weights: tuple[float, ...] | None = None



class VectorStore(Protocol):
    """A Qdrant collection with named vectors `dense` and `question` (cosine) and `sparse` (IDF
    modifier). `has_question` is False for an index made before QA-aware search (then FAQ
    question vectors are neither written nor queried); it is known after `ensure_collection`."""

    backend: str  # "qdrant-edge" | "qdrant-local" | "qdrant-server"
    has_question: bool

    def ensure_collection(self, dense_dim: int) -> None: ...

    def upsert(self, points: Sequence[PointRecord]) -> None: ...

    def query(self, query: HybridQuery) -> list[ScoredRecord]: ...

    def set_payload(self, payload: dict[str, Any], *, document_id: str,
                    version: str | None = None,
                    point_ids: Sequence[str] | None = None) -> None: ...

    def delete(self, *, document_id: str, version: str | None = None) -> None: ...

    def count(self, flt: SearchFilter | None = None) -> int: ...

    def scroll(self, *, document_id: str | None = None, limit: int = 10_000
               ) -> list[ScoredRecord]: ...

    def optimize(self) -> bool:
        """Merge segments and build indexes after a bulk write (blocking); False: nothing done."""
        ...

    def close(self) -> None: ...
