"""VectorStore over qdrant-client: a Qdrant server, or qdrant-client's embedded local mode.

Filters run inside Qdrant (every prefetch and the outer query). Hybrid queries fuse a dense and
a sparse prefetch with RRF or DBSF in the engine; the sparse vector uses the IDF modifier.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from qdrant_client import QdrantClient, models
from qdrant_client.http.exceptions import ResponseHandlingException, UnexpectedResponse

from core.errors import BackendUnavailableError, IndexNotReadyError
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

DEFAULT_COLLECTION = "chonai"
UPSERT_BATCH = 256
LOCK_MESSAGE = "already accessed by another instance"

_SCHEMAS = {"keyword": models.PayloadSchemaType.KEYWORD, "bool": models.PayloadSchemaType.BOOL}


def in_use_error(path: Path | str) -> IndexNotReadyError:
    return IndexNotReadyError(
        f"the index at {path} is in use by another chonai process (stop `chonai serve` first)"
    )


def _connection_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [
        ResponseHandlingException, httpx.TransportError, ConnectionError,
    ]
    try:  # grpc is optional (prefer_grpc); without it there is nothing to catch
        import grpc

        errors.append(grpc.RpcError)
    except ImportError:  # pragma: no cover
        pass
    return tuple(errors)


_CONNECTION_ERRORS = _connection_errors()


def to_qdrant_filter(conditions: Sequence[Condition]) -> models.Filter | None:
    must: list[models.Condition] = []
    must_not: list[models.Condition] = []
    for cond in conditions:
        match: models.MatchValue | models.MatchAny
        if len(cond.values) == 1:
            match = models.MatchValue(value=cond.values[0])
        else:
            match = models.MatchAny(any=list(cond.values))  # type: ignore[arg-type]
        (must_not if cond.negate else must).append(models.FieldCondition(key=cond.key, match=match))
    if not must and not must_not:
        return None
    return models.Filter(must=must or None, must_not=must_not or None)


def _sparse(vector: SparseVector) -> models.SparseVector:
    return models.SparseVector(indices=list(vector.indices), values=list(vector.values))


class QdrantClientStore:
    """Collection `collection` with named vectors `dense` (cosine) and `sparse` (IDF)."""

    def __init__(self, client: QdrantClient, collection: str = DEFAULT_COLLECTION, *,
                 backend: str | None = None, location: str | None = None) -> None:
        self.client = client
        self.collection = collection
        self.backend = backend or ("qdrant-local" if _is_local(client) else "qdrant-server")
        self.location = location or self.backend
        self.has_question = True  # checked against the collection in ensure_collection
        self.shards = 1  # a new collection's shard_number / replication_factor (server only)
        self.replicas = 1

    @classmethod
    def local(cls, path: Path | str, *, collection: str = DEFAULT_COLLECTION
              ) -> QdrantClientStore:
        """qdrant-client's embedded mode on a folder (or ":memory:"); one process at a time."""
        try:
            if str(path) == ":memory:":
                client = QdrantClient(location=":memory:")
            else:
                client = QdrantClient(path=str(path))
        except RuntimeError as err:
            if LOCK_MESSAGE in str(err):
                raise in_use_error(path) from err
            raise
        return cls(client, collection, backend="qdrant-local", location=str(path))

    @classmethod
    def remote(cls, url: str, api_key: str | None = None, timeout_s: float = 10, *,
               collection: str = DEFAULT_COLLECTION, shards: int = 1,
               replicas: int = 1) -> QdrantClientStore:
        """A Qdrant server (or cluster) over REST; nothing is contacted until the first call."""
        client = QdrantClient(url=url, api_key=api_key, timeout=int(max(1, round(timeout_s))),
                              check_compatibility=False)
        store = cls(client, collection, backend="qdrant-server", location=url)
        store.shards, store.replicas = shards, replicas
        return store

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except _CONNECTION_ERRORS as err:
            detail = str(err).splitlines()[0] if str(err) else type(err).__name__
            raise BackendUnavailableError(
                f"Qdrant at {self.location} cannot be reached: {detail}"
            ) from err
        except UnexpectedResponse as err:
            if err.status_code == 404:
                raise self._not_ready() from err
            raise
        except ValueError as err:  # local mode: "Collection chonai not found"
            if "not found" in str(err) and self.collection in str(err):
                raise self._not_ready() from err
            raise

    def _not_ready(self) -> IndexNotReadyError:
        return IndexNotReadyError(
            f"collection {self.collection!r} does not exist in {self.location} (run ingest first)"
        )

    def ensure_collection(self, dense_dim: int) -> None:
        with self._errors():
            if self.client.collection_exists(self.collection):
                self._check_dim(dense_dim)
            else:
                self.client.create_collection(
                    self.collection,
                    vectors_config={
                        DENSE: models.VectorParams(size=dense_dim, distance=models.Distance.COSINE),
                        QUESTION: models.VectorParams(size=dense_dim,
                                                      distance=models.Distance.COSINE),
                    },
                    sparse_vectors_config={
                        SPARSE: models.SparseVectorParams(modifier=models.Modifier.IDF)
                    },
                    shard_number=None if self.backend == "qdrant-local" else self.shards,
                    replication_factor=None if self.backend == "qdrant-local" else self.replicas,
                )
            if self.backend != "qdrant-local":  # local mode ignores payload indexes (and warns)
                for field, schema in PAYLOAD_INDEXES.items():
                    self.client.create_payload_index(
                        self.collection, field, field_schema=_SCHEMAS[schema], wait=True
                    )

    def _check_dim(self, dense_dim: int) -> None:
        info = self.client.get_collection(self.collection)
        vectors = info.config.params.vectors
        params = vectors.get(DENSE) if isinstance(vectors, dict) else None
        self.has_question = isinstance(vectors, dict) and QUESTION in vectors
        if not self.has_question:
            log.warning("collection has no question vector; QA-aware search is off until a "
                        "rebuild (`chonai reindex`, or a new collection)",
                        extra={"collection": self.collection})
        if params is None or params.size != dense_dim:
            size = None if params is None else params.size
            raise IndexNotReadyError(
                f"collection {self.collection!r} holds dense vectors of size {size}, the embedder "
                f"gives {dense_dim}: use a new CHONAI_QDRANT_COLLECTION and ingest again "
                "(embedded index: `chonai reindex`)"
            )

    def upsert(self, points: Sequence[PointRecord]) -> None:
        with self._errors():
            for start in range(0, len(points), UPSERT_BATCH):
                batch = [
                    models.PointStruct(
                        id=p.id,
                        vector=point_vectors(p, with_question=self.has_question, sparse=_sparse),
                        payload=p.payload,
                    )
                    for p in points[start:start + UPSERT_BATCH]
                ]
                self.client.upsert(self.collection, points=batch, wait=True)

    def query(self, query: HybridQuery) -> list[ScoredRecord]:
        plan = plan_query(query, has_question=self.has_question)
        if plan is None:
            return []
        flt = to_qdrant_filter(plan.conditions)
        kwargs: dict[str, Any]
        if plan.fused:
            kwargs = {"prefetch": [models.Prefetch(query=_vector(leg), using=leg.using,
                                                   limit=plan.prefetch_limit, filter=flt)
                                   for leg in plan.legs],
                      "query": _fusion_query(plan.fusion, plan.weights)}
        else:
            kwargs = {"query": _vector(plan.legs[0]), "using": plan.legs[0].using}
        with self._errors():
            response = self.client.query_points(
                self.collection, query_filter=flt, with_payload=True, limit=plan.limit,
                with_vectors=[DENSE] if plan.with_dense else False, **kwargs,
            )
        return plan.finish([to_record(p, with_dense=plan.with_dense) for p in response.points],
                           query.limit)

    def set_payload(self, payload: dict[str, Any], *, document_id: str,
                    version: str | None = None,
                    point_ids: Sequence[str] | None = None) -> None:
        selector = to_qdrant_filter(document_conditions(document_id, version))
        assert selector is not None
        if point_ids is not None:  # these points only (they must belong to the document)
            mine = {r.id for r in self.scroll(document_id=document_id, limit=1_000_000)}
            ids = [i for i in point_ids if i in mine]
            if ids:
                with self._errors():
                    self.client.set_payload(self.collection, payload=payload, points=ids,
                                            wait=True)
            return
        with self._errors():
            self.client.set_payload(self.collection, payload=payload, points=selector, wait=True)

    def delete(self, *, document_id: str, version: str | None = None) -> None:
        selector = to_qdrant_filter(document_conditions(document_id, version))
        assert selector is not None
        with self._errors():
            self.client.delete(
                self.collection, points_selector=models.FilterSelector(filter=selector), wait=True
            )

    def count(self, flt: SearchFilter | None = None) -> int:
        with self._errors():
            result = self.client.count(
                self.collection, count_filter=to_qdrant_filter(search_conditions(flt)), exact=True
            )
        return int(result.count)

    def scroll(self, *, document_id: str | None = None, limit: int = 10_000
               ) -> list[ScoredRecord]:
        flt = None if document_id is None else to_qdrant_filter(document_conditions(document_id))

        def fetch(offset: Any, size: int) -> tuple[Any, Any]:
            return self.client.scroll(self.collection, scroll_filter=flt, offset=offset,
                                      with_payload=True, limit=size, with_vectors=False)

        with self._errors():
            return scroll_all(fetch, limit)

    def optimize(self) -> bool:
        """Nothing to do: a Qdrant server optimizes segments itself, local mode has none."""
        return False

    def close(self) -> None:
        self.client.close()


def _vector(leg: Leg) -> Any:
    return _sparse(leg.vector) if isinstance(leg.vector, SparseVector) else leg.vector


def _fusion_query(name: str, weights: list[float] | None) -> models.Query:
    """RRF (weighted when `weights` is given, one per prefetch) or DBSF (unweighted)."""
    fusion = check_fusion(name)
    if fusion == "rrf" and weights is not None:
        return models.RrfQuery(rrf=models.Rrf(weights=weights))
    return models.FusionQuery(fusion=models.Fusion.RRF if fusion == "rrf" else models.Fusion.DBSF)


def _is_local(client: QdrantClient) -> bool:
    from qdrant_client.local.qdrant_local import QdrantLocal

    return isinstance(getattr(client, "_client", None), QdrantLocal)
