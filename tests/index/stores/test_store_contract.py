"""The VectorStore contract, run against every backend on the same synthetic corpus.

Results are checked against a brute-force numpy reference (cosine, IDF-weighted sparse dot,
RRF with k=2), which also pins the backends to each other. Scores are continuous random values,
so there are no exact ties except the structural ones of RRF, which are compared by score.
"""

from __future__ import annotations

import math
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from core.errors import BackendUnavailableError, IndexNotReadyError
from index.stores.base import (
    PUBLIC,
    HybridQuery,
    PointRecord,
    ScoredRecord,
    SearchFilter,
    SparseVector,
    VectorStore,
)
from index.stores.edge import EdgeStore
from index.stores.qdrant import QdrantClientStore

DIM = 32
N_POINTS = 300
VOCAB = 40
N_DOCS = 30
RRF_K = 2
BACKENDS = ("qdrant-memory", "qdrant-path", "edge")
PATH_BACKENDS = ("qdrant-path", "edge")
REPO_ROOT = Path(__file__).resolve().parents[3]

DEPARTMENT_SETS = (
    [PUBLIC], [PUBLIC], ["人事課"], ["税務課"], ["人事課", "税務課"], ["企画課"],
    ["税務課", PUBLIC],
)
KINDS = ("article", "faq", "manual")


@dataclass(frozen=True)
class Corpus:
    points: list[PointRecord]
    dense: np.ndarray  # (N, DIM), L2-normalised

    def payload(self, i: int) -> dict[str, Any]:
        return self.points[i].payload


def point_id(i: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"chonai-test/{i}"))


def make_corpus(seed: int = 7, n_points: int = N_POINTS) -> Corpus:
    rng = np.random.default_rng(seed)
    dense = rng.normal(size=(n_points, DIM))
    dense /= np.linalg.norm(dense, axis=1, keepdims=True)
    term_p = 1.0 / np.arange(1, VOCAB + 1)  # Zipf-like: low term ids are common
    term_p /= term_p.sum()
    points = []
    for i in range(n_points):
        n_terms = 0 if i % 50 == 49 else int(rng.integers(1, 7))  # a few without any term
        terms = sorted(rng.choice(VOCAB, size=n_terms, replace=False, p=term_p).tolist())
        sparse = SparseVector(tuple(terms), tuple(rng.uniform(0.5, 3.0, size=n_terms).tolist()))
        doc = i % N_DOCS
        payload = {
            "document_id": f"doc-{doc}",
            "document_title": f"規程{doc}",
            "kind": KINDS[doc % 3],
            "version": "v2" if i % 4 == 0 else "v1",
            "current": i % 5 != 0,
            "deleted": i % 7 == 0,
            "departments": DEPARTMENT_SETS[int(rng.integers(len(DEPARTMENT_SETS)))],
            "article": str(i % 12 + 1),
            "text": f"第{i % 12 + 1}条 テキスト {i}",
            "position": i,
        }
        if i % 13 in (6, 7):  # held by the content guard / released; the rest lack the key
            payload["quarantined"] = i % 13 == 6
        points.append(PointRecord(point_id(i), dense[i].astype(np.float32), sparse, payload))
    return Corpus(points, dense)


# ---------- brute-force reference ----------

def visible(payload: dict[str, Any], flt: SearchFilter) -> bool:
    if flt.kinds and payload["kind"] not in flt.kinds:
        return False
    if flt.document_ids and payload["document_id"] not in flt.document_ids:
        return False
    if flt.versions and payload["version"] not in flt.versions:
        return False
    if flt.departments is not None and not (
        set(payload["departments"]) & {PUBLIC, *flt.departments}
    ):
        return False
    if not flt.include_history and payload["current"] is False:
        return False
    if not flt.include_quarantined and payload.get("quarantined") is True:
        return False
    return flt.include_deleted or payload["deleted"] is not True


def idf(df: int, n: int) -> float:
    return math.log((n - df + 0.5) / (df + 0.5) + 1)


def ref_dense(corpus: Corpus, q: np.ndarray, flt: SearchFilter, k: int) -> list[tuple[str, float]]:
    scores = corpus.dense @ (q / np.linalg.norm(q))
    order = np.argsort(-scores)
    return [(corpus.points[i].id, float(scores[i]))
            for i in order if visible(corpus.payload(i), flt)][:k]


def ref_sparse(corpus: Corpus, q: SparseVector, flt: SearchFilter, k: int
               ) -> list[tuple[str, float]]:
    with_terms = [p for p in corpus.points if p.sparse.indices]
    df = {t: sum(t in p.sparse.indices for p in with_terms) for t in q.indices}
    weights = {t: v * idf(df[t], len(with_terms)) for t, v in zip(q.indices, q.values, strict=True)}
    hits = []
    for i, p in enumerate(corpus.points):
        common = set(p.sparse.indices) & set(weights)
        if common and visible(corpus.payload(i), flt):
            terms = dict(zip(p.sparse.indices, p.sparse.values, strict=True))
            hits.append((p.id, sum(weights[t] * terms[t] for t in common)))
    hits.sort(key=lambda hit: -hit[1])
    return hits[:k]


def ref_rrf(*rankings: list[tuple[str, float]]) -> dict[str, float]:
    fused: dict[str, float] = {}
    for ranking in rankings:
        for pos, (pid, _) in enumerate(ranking):
            fused[pid] = fused.get(pid, 0.0) + 1.0 / (pos + RRF_K)
    return fused


# ---------- stores ----------

def open_store(kind: str, path: Path) -> VectorStore:
    if kind == "qdrant-memory":
        return QdrantClientStore.local(":memory:")
    if kind == "qdrant-path":
        return QdrantClientStore.local(path / "qdrant")
    if kind == "edge":
        return EdgeStore(path / "edge")
    raise ValueError(kind)


def filled_store(kind: str, path: Path, corpus: Corpus) -> VectorStore:
    store = open_store(kind, path)
    store.ensure_collection(DIM)
    store.upsert(corpus.points)
    return store


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return make_corpus()


@pytest.fixture(scope="module", params=BACKENDS)
def ro_store(request: pytest.FixtureRequest, corpus: Corpus,
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[VectorStore]:
    """A filled store shared by the read-only tests of one backend."""
    store = filled_store(request.param, tmp_path_factory.mktemp(request.param), corpus)
    yield store
    store.close()


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, corpus: Corpus, tmp_path: Path
          ) -> Iterator[VectorStore]:
    """A filled store of its own, for tests that write."""
    s = filled_store(request.param, tmp_path, corpus)
    yield s
    s.close()


@pytest.fixture(scope="module")
def all_stores(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory
               ) -> Iterator[dict[str, VectorStore]]:
    stores = {k: filled_store(k, tmp_path_factory.mktemp(f"all-{k}"), corpus) for k in BACKENDS}
    yield stores
    for s in stores.values():
        s.close()


def queries(seed: int, n: int = 3) -> list[tuple[np.ndarray, SparseVector]]:
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        terms = sorted(rng.choice(VOCAB, size=3, replace=False).tolist())
        out.append((rng.normal(size=DIM),
                    SparseVector(tuple(terms), tuple(rng.uniform(0.5, 2.0, size=3).tolist()))))
    return out


def ids(records: list[ScoredRecord]) -> list[str]:
    return [r.id for r in records]


FILTERS = {
    "default": SearchFilter(),
    "kind": SearchFilter(kinds=("faq",)),
    "kinds": SearchFilter(kinds=("faq", "manual")),
    "documents": SearchFilter(document_ids=("doc-1", "doc-2", "doc-7")),
    "version": SearchFilter(versions=("v2",)),
    "dept-tax": SearchFilter(departments=("税務課",)),
    "dept-public-only": SearchFilter(departments=()),
    "dept-two": SearchFilter(departments=("人事課", "企画課")),
    "history": SearchFilter(include_history=True),
    "deleted": SearchFilter(include_deleted=True),
    "quarantined": SearchFilter(include_quarantined=True),
    "everything": SearchFilter(include_history=True, include_deleted=True,
                               include_quarantined=True),
    "combined": SearchFilter(kinds=("article", "faq"), departments=("税務課",), versions=("v1",),
                             include_history=True),
}


# ---------- queries against the reference ----------

@pytest.mark.parametrize("name", FILTERS)
def test_dense_query_matches_reference(ro_store: VectorStore, corpus: Corpus, name: str) -> None:
    flt = FILTERS[name]
    for q, _ in queries(1):
        hits = ro_store.query(HybridQuery(dense=q.tolist(), sparse=None, filter=flt, limit=10))
        expected = ref_dense(corpus, q, flt, 10)
        assert ids(hits) == [pid for pid, _ in expected]
        assert [h.score for h in hits] == pytest.approx([s for _, s in expected], abs=1e-5)
        assert all(visible(h.payload, flt) for h in hits)


@pytest.mark.parametrize("name", FILTERS)
def test_sparse_query_matches_reference(ro_store: VectorStore, corpus: Corpus, name: str) -> None:
    flt = FILTERS[name]
    for _, sq in queries(2):
        hits = ro_store.query(HybridQuery(dense=None, sparse=sq, filter=flt, limit=10))
        expected = ref_sparse(corpus, sq, flt, 10)
        assert ids(hits) == [pid for pid, _ in expected]
        assert [h.score for h in hits] == pytest.approx([s for _, s in expected], rel=1e-4)


@pytest.mark.parametrize("name", FILTERS)
def test_hybrid_rrf_matches_reference(ro_store: VectorStore, corpus: Corpus, name: str) -> None:
    flt = FILTERS[name]
    for q, sq in queries(3):
        fused = ref_rrf(ref_dense(corpus, q, flt, 20), ref_sparse(corpus, sq, flt, 20))
        everything = ro_store.query(HybridQuery(dense=q.tolist(), sparse=sq, filter=flt,
                                                limit=100, prefetch_limit=20))
        assert {h.id: h.score for h in everything} == pytest.approx(fused, abs=1e-6)
        top = ro_store.query(HybridQuery(dense=q.tolist(), sparse=sq, filter=flt, limit=5,
                                         prefetch_limit=20))
        assert [h.score for h in top] == pytest.approx(sorted(fused.values())[::-1][:5], abs=1e-6)
        assert all(fused[h.id] == pytest.approx(h.score, abs=1e-6) for h in top)


@pytest.mark.parametrize("name", ["default", "dept-tax", "everything", "combined"])
def test_hybrid_dbsf_is_filtered(ro_store: VectorStore, corpus: Corpus, name: str) -> None:
    flt = FILTERS[name]
    for q, sq in queries(4):
        hits = ro_store.query(HybridQuery(dense=q.tolist(), sparse=sq, filter=flt, limit=20,
                                          prefetch_limit=20, fusion="dbsf"))
        candidates = {pid for pid, _ in ref_dense(corpus, q, flt, 20)}
        candidates |= {pid for pid, _ in ref_sparse(corpus, sq, flt, 20)}
        assert hits
        assert {h.id for h in hits} <= candidates
        assert all(visible(h.payload, flt) for h in hits)
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_backends_return_identical_top_k(all_stores: dict[str, VectorStore]) -> None:
    for flt in (SearchFilter(), FILTERS["dept-tax"], FILTERS["everything"]):
        for q, sq in queries(5, n=5):
            for dense, sparse, fusion in ((q.tolist(), None, "rrf"), (None, sq, "rrf"),
                                          (q.tolist(), sq, "rrf"), (q.tolist(), sq, "dbsf")):
                query = HybridQuery(dense=dense, sparse=sparse, filter=flt, limit=10,
                                    prefetch_limit=30, fusion=fusion)
                results = {k: s.query(query) for k, s in all_stores.items()}
                first = results[BACKENDS[0]]
                for other in BACKENDS[1:]:
                    got = results[other]
                    assert ids(got) == ids(first), (other, fusion)
                    assert [h.score for h in got] == pytest.approx(
                        [h.score for h in first], abs=1e-4), (other, fusion)


def test_fused_ties_come_in_id_order(ro_store: VectorStore) -> None:
    for q, sq in queries(10, n=5):
        query = HybridQuery(dense=q.tolist(), sparse=sq, limit=15, prefetch_limit=30)
        hits = ro_store.query(query)
        assert [(round(-h.score, 6), h.id) for h in hits] == sorted(
            (round(-h.score, 6), h.id) for h in hits)
        assert all(ids(ro_store.query(query)) == ids(hits) for _ in range(5))


def test_acl_never_leaks_restricted_points(ro_store: VectorStore, corpus: Corpus) -> None:
    restricted = [i for i, p in enumerate(corpus.points) if p.payload["departments"] == ["人事課"]]
    assert restricted
    tax = SearchFilter(departments=("税務課",), include_history=True, include_deleted=True)
    rng = np.random.default_rng(11)
    probes = [(corpus.dense[i], corpus.points[i].sparse) for i in restricted[:5]]
    probes += [(rng.normal(size=DIM), sq) for _, sq in queries(12, n=5)]
    for q, sq in probes:
        sq_or_none = sq if sq.indices else None
        for dense, sparse, fusion in ((q, None, "rrf"), (None, sq_or_none, "rrf"),
                                      (q, sq_or_none, "rrf"), (q, sq_or_none, "dbsf")):
            if dense is None and sparse is None:
                continue
            hits = ro_store.query(HybridQuery(
                dense=None if dense is None else dense.tolist(), sparse=sparse, filter=tax,
                limit=N_POINTS, prefetch_limit=N_POINTS, fusion=fusion))
            assert hits
            for h in hits:
                assert {PUBLIC, "税務課"} & set(h.payload["departments"]), h.payload
    own = restricted[0]
    hr = SearchFilter(departments=("人事課",), include_history=True, include_deleted=True)
    probe = HybridQuery(dense=corpus.dense[own].tolist(), sparse=None, filter=hr, limit=1)
    assert ids(ro_store.query(probe)) == [corpus.points[own].id]
    public = ro_store.query(HybridQuery(dense=corpus.dense[own].tolist(), sparse=None,
                                        filter=SearchFilter(departments=()), limit=N_POINTS))
    assert all(PUBLIC in h.payload["departments"] for h in public)


def test_with_dense_returns_the_stored_vector(ro_store: VectorStore, corpus: Corpus) -> None:
    q, sq = queries(6, n=1)[0]
    for dense, sparse in ((q.tolist(), None), (None, sq), (q.tolist(), sq)):
        hits = ro_store.query(HybridQuery(dense=dense, sparse=sparse, limit=5, with_dense=True))
        by_id = {p.id: i for i, p in enumerate(corpus.points)}
        for h in hits:
            assert h.dense is not None
            assert len(h.dense) == DIM
            assert np.allclose(h.dense, corpus.dense[by_id[h.id]], atol=1e-5)
    plain = ro_store.query(HybridQuery(dense=q.tolist(), sparse=None, limit=3))
    assert all(h.dense is None for h in plain)


def test_empty_queries(ro_store: VectorStore) -> None:
    assert ro_store.query(HybridQuery(dense=None, sparse=None)) == []
    assert ro_store.query(HybridQuery(dense=None, sparse=SparseVector((), ()))) == []
    unmatched = SearchFilter(document_ids=("no-such-document",))
    assert ro_store.query(HybridQuery(dense=[1.0] * DIM, sparse=None, filter=unmatched)) == []


def test_count(ro_store: VectorStore, corpus: Corpus) -> None:
    assert ro_store.count() == N_POINTS
    for flt in FILTERS.values():
        assert ro_store.count(flt) == sum(visible(p.payload, flt) for p in corpus.points)


def test_scroll(ro_store: VectorStore, corpus: Corpus) -> None:
    everything = ro_store.scroll()
    assert len(everything) == N_POINTS
    assert {r.id: r.payload for r in everything} == {p.id: p.payload for p in corpus.points}
    assert all(r.score == 0 and r.dense is None for r in everything)
    assert len(ro_store.scroll(limit=50)) == 50
    doc = ro_store.scroll(document_id="doc-3")
    assert sorted(ids(doc)) == sorted(
        p.id for p in corpus.points if p.payload["document_id"] == "doc-3")
    assert ro_store.scroll(document_id="no-such-document") == []


# ---------- writes ----------

def test_upsert_is_idempotent(store: VectorStore, corpus: Corpus) -> None:
    store.upsert(corpus.points)
    assert store.count() == N_POINTS
    changed = [PointRecord(p.id, p.dense, p.sparse, {**p.payload, "kind": "changed"})
               for p in corpus.points[:10]]
    store.upsert(changed)
    assert store.count() == N_POINTS
    assert store.count(SearchFilter(kinds=("changed",), include_history=True,
                                    include_deleted=True, include_quarantined=True)) == 10


def test_set_payload_then_filter(store: VectorStore, corpus: Corpus) -> None:
    doc = SearchFilter(document_ids=("doc-3",), include_history=True, include_deleted=True,
                       include_quarantined=True)
    n_doc = store.count(doc)
    assert n_doc == N_POINTS // N_DOCS
    store.set_payload({"current": False}, document_id="doc-3")
    assert store.count(SearchFilter(document_ids=("doc-3",), include_deleted=True)) == 0
    assert store.count(doc) == n_doc
    hits = store.query(HybridQuery(dense=corpus.dense[3].tolist(), sparse=None, limit=5))
    assert corpus.points[3].id not in ids(hits)
    store.set_payload({"current": True, "deleted": False, "label": "改正"},
                      document_id="doc-3", version="v1")
    v1 = [p for p in corpus.points if p.payload["document_id"] == "doc-3"
          and p.payload["version"] == "v1"]
    assert store.count(SearchFilter(document_ids=("doc-3",))) == sum(
        p.payload.get("quarantined") is not True for p in v1)
    labelled = [r for r in store.scroll(document_id="doc-3") if r.payload.get("label") == "改正"]
    assert len(labelled) == len(v1)
    assert all(r.payload["text"] for r in labelled)  # set_payload merges, it does not replace


def test_set_payload_on_chosen_points(store: VectorStore, corpus: Corpus) -> None:
    """Releasing one quarantined unit touches that point only, and only within its document."""
    held = [p for p in corpus.points if p.payload.get("quarantined") is True]
    target, other = held[0], next(p for p in held if p.payload["document_id"]
                                  != held[0].payload["document_id"])
    every = SearchFilter(include_history=True, include_deleted=True)
    before = store.count(every)
    store.set_payload({"quarantined": False}, document_id=target.payload["document_id"],
                      point_ids=[target.id, other.id])  # `other` is not in this document
    assert store.count(every) == before + 1
    released = {r.id: r.payload for r in store.scroll(document_id=target.payload["document_id"])}
    assert released[target.id]["quarantined"] is False
    assert released[target.id]["text"] == target.payload["text"]
    still = {r.id: r.payload for r in store.scroll(document_id=other.payload["document_id"])}
    assert still[other.id]["quarantined"] is True


def test_delete_by_document_and_version(store: VectorStore, corpus: Corpus) -> None:
    doc4 = [p for p in corpus.points if p.payload["document_id"] == "doc-4"]
    v2 = [p for p in doc4 if p.payload["version"] == "v2"]
    assert v2
    assert len(v2) < len(doc4)
    store.delete(document_id="doc-4", version="v2")
    assert sorted(ids(store.scroll(document_id="doc-4"))) == sorted(
        p.id for p in doc4 if p.payload["version"] == "v1")
    assert store.count() == N_POINTS - len(v2)
    store.delete(document_id="doc-4")
    assert store.scroll(document_id="doc-4") == []
    assert store.count() == N_POINTS - len(doc4)
    assert store.count(SearchFilter(document_ids=("doc-4",), include_history=True,
                                    include_deleted=True)) == 0
    store.delete(document_id="no-such-document")
    assert store.count() == N_POINTS - len(doc4)
    # IDF statistics follow the live points right away (no stale counts of deleted ones)
    live = Corpus([p for p in corpus.points if p.payload["document_id"] != "doc-4"],
                  np.stack([corpus.dense[i] for i, p in enumerate(corpus.points)
                            if p.payload["document_id"] != "doc-4"]))
    everything = SearchFilter(include_history=True, include_deleted=True,
                              include_quarantined=True)
    for _, sq in queries(9):
        hits = store.query(HybridQuery(dense=None, sparse=sq, filter=everything, limit=10))
        expected = ref_sparse(live, sq, everything, 10)
        assert ids(hits) == [pid for pid, _ in expected]
        assert [h.score for h in hits] == pytest.approx([s for _, s in expected], rel=1e-4)


def test_idf_is_applied(tmp_path: Path) -> None:
    """A rare term outweighs a common one with the same term frequency."""
    common, rare = 1, 2
    points = [PointRecord(point_id(i), np.eye(DIM)[i % DIM].tolist(),
                          SparseVector((common,), (1.0,)),
                          {"document_id": "filler", "current": True, "deleted": False,
                           "departments": [PUBLIC], "kind": "faq", "version": "v1"})
              for i in range(20)]
    only_common = PointRecord(point_id(100), [1.0] * DIM, SparseVector((common, 9), (1.0, 1.0)),
                              {**points[0].payload, "document_id": "a"})
    only_rare = PointRecord(point_id(101), [1.0] * DIM, SparseVector((rare, 9), (1.0, 1.0)),
                            {**points[0].payload, "document_id": "b"})
    for kind in BACKENDS:
        store = open_store(kind, tmp_path / kind)
        store.ensure_collection(DIM)
        store.upsert([*points, only_common, only_rare])
        hits = store.query(HybridQuery(dense=None, sparse=SparseVector((common, rare), (1.0, 1.0)),
                                       limit=2))
        store.close()
        assert hits[0].id == only_rare.id, kind  # second: only_common or a tied filler
        n = len(points) + 2
        assert hits[0].score == pytest.approx(idf(1, n), rel=1e-4), kind
        assert hits[1].score == pytest.approx(idf(len(points) + 1, n), rel=1e-4), kind


# ---------- persistence, locking, errors ----------

@pytest.mark.parametrize("kind", PATH_BACKENDS)
def test_persists_across_close_and_reopen(kind: str, corpus: Corpus, tmp_path: Path) -> None:
    store = filled_store(kind, tmp_path, corpus)
    store.set_payload({"current": False}, document_id="doc-5")
    store.delete(document_id="doc-6")
    q, sq = queries(8, n=1)[0]
    dense, sparse = HybridQuery(dense=q.tolist(), sparse=None), HybridQuery(dense=None, sparse=sq)

    def state(s: VectorStore) -> tuple[Any, ...]:
        return (s.count(), s.count(SearchFilter()), ids(s.query(dense)), ids(s.query(sparse)),
                sorted(ids(s.scroll())))

    before = state(store)
    store.close()
    reopened = open_store(kind, tmp_path)
    reopened.ensure_collection(DIM)
    assert state(reopened) == before
    reopened.close()


WRITER = """
import os, sys
sys.path.insert(0, {root!r})
from tests.index.stores.test_store_contract import DIM, make_corpus, open_store
from pathlib import Path
store = open_store({kind!r}, Path({path!r}))
store.ensure_collection(DIM)
store.upsert(make_corpus(n_points=40).points)
store.set_payload({{"deleted": True}}, document_id="doc-1")
os._exit(0)  # no close(): what was acknowledged must already be on disk
"""


@pytest.mark.parametrize("kind", PATH_BACKENDS)
def test_writes_are_durable_without_close(kind: str, tmp_path: Path) -> None:
    code = WRITER.format(root=str(REPO_ROOT), kind=kind, path=str(tmp_path))
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120, cwd=REPO_ROOT)
    store = open_store(kind, tmp_path)
    assert store.count() == 40
    assert store.count(SearchFilter(document_ids=("doc-1",), include_history=True)) == 0
    assert store.count(SearchFilter(document_ids=("doc-1",), include_history=True,
                                    include_deleted=True)) == 2
    store.close()


@pytest.mark.parametrize("kind", PATH_BACKENDS)
def test_second_opener_gets_index_not_ready(kind: str, corpus: Corpus, tmp_path: Path) -> None:
    store = filled_store(kind, tmp_path, corpus)
    with pytest.raises(IndexNotReadyError, match="in use by another chonai process"):
        open_store(kind, tmp_path)
    store.close()


@pytest.mark.parametrize("kind", BACKENDS)
def test_missing_index_and_dim_mismatch(kind: str, tmp_path: Path, corpus: Corpus) -> None:
    store = open_store(kind, tmp_path)
    with pytest.raises(IndexNotReadyError):
        store.count()
    with pytest.raises(IndexNotReadyError):
        store.query(HybridQuery(dense=[1.0] * DIM, sparse=None))
    store.ensure_collection(DIM)
    store.ensure_collection(DIM)  # idempotent
    assert store.count() == 0
    with pytest.raises(IndexNotReadyError, match="size"):
        store.ensure_collection(DIM + 1)
    store.close()


def test_unreachable_server_is_backend_unavailable() -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    store = QdrantClientStore.remote(f"http://127.0.0.1:{port}", timeout_s=2)
    assert store.backend == "qdrant-server"
    with pytest.raises(BackendUnavailableError, match="cannot be reached"):
        store.count()
    with pytest.raises(BackendUnavailableError):
        store.ensure_collection(DIM)
    store.close()


def test_backend_names(tmp_path: Path) -> None:
    names: dict[str, Callable[[], VectorStore]] = {
        "qdrant-local": lambda: QdrantClientStore.local(":memory:"),
        "qdrant-edge": lambda: EdgeStore(tmp_path / "edge"),
    }
    for name, make in names.items():
        s = make()
        assert s.backend == name
        s.close()
