"""QA-aware indexing: FAQ points carry a `question` vector (the question embedded alone) and a
third prefetch matches the user's question against it, fused inside Qdrant (weighted RRF).
Runs on the real engines: qdrant-edge and qdrant-client local mode."""

from __future__ import annotations

import uuid
from pathlib import Path

import numpy as np
import pytest
import qdrant_edge as qe

from core.settings import Settings
from core.types import Chunk, Kind, ParsedDocument
from index.indexer import passage_text
from index.stores.base import HybridQuery, PointRecord, SparseVector, VectorStore
from index.stores.edge import EdgeStore
from index.stores.qdrant import QdrantClientStore
from services.build import build_services
from tests.fakes import HashEmbedder

DIM = 16
N_FAQ = 20
N_ARTICLES = 20


def unit(rng: np.random.Generator) -> np.ndarray:
    v = rng.standard_normal(DIM).astype(np.float32)
    return v / np.linalg.norm(v)


def corpus() -> list[PointRecord]:
    rng = np.random.default_rng(3)
    points = []
    for i in range(N_FAQ + N_ARTICLES):
        faq = i < N_FAQ
        points.append(PointRecord(
            id=str(uuid.UUID(int=i + 1)), dense=unit(rng).tolist(),
            sparse=SparseVector((i % 7 + 1, i % 5 + 10),
                                (float(rng.uniform(0.5, 2)), float(rng.uniform(0.5, 2)))),
            payload={"document_id": "faq" if faq else "reg", "kind": "faq" if faq else "article",
                     "current": True, "deleted": False, "departments": ["*"], "n": i},
            question=unit(rng).tolist() if faq else None))
    return points


@pytest.fixture(params=["edge", "qdrant-memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> VectorStore:
    built: VectorStore = (EdgeStore(tmp_path / "edge") if request.param == "edge"
                          else QdrantClientStore.local(":memory:"))
    built.ensure_collection(DIM)
    built.upsert(corpus())
    yield built
    built.close()


def top_ids(store: VectorStore, query: HybridQuery) -> list[int]:
    return [r.payload["n"] for r in store.query(query)]


def test_a_faq_is_found_by_its_question(store: VectorStore) -> None:
    points = corpus()
    target = points[3]
    assert target.question is not None
    plain = HybridQuery(dense=target.question, sparse=None, limit=5)
    assert 3 not in top_ids(store, plain)
    aware = HybridQuery(dense=target.question, sparse=SparseVector((99,), (1.0,)), limit=5,
                        with_question=True)
    assert 3 in top_ids(store, aware)[:2]


def test_articles_still_rank_when_the_question_leg_is_on(store: VectorStore) -> None:
    article = corpus()[N_FAQ + 5]
    query = HybridQuery(dense=article.dense, sparse=article.sparse, limit=3, with_question=True)
    assert top_ids(store, query)[0] == N_FAQ + 5


def test_weights_pick_the_leg(store: VectorStore) -> None:
    points = corpus()
    faq, article = points[4], points[N_FAQ + 2]
    assert faq.question is not None
    mixed = (np.asarray(faq.question) + np.asarray(article.dense)).tolist()
    sparse = SparseVector((99,), (1.0,))  # matches nothing
    by_question = HybridQuery(dense=mixed, sparse=sparse, with_question=True, limit=3,
                              weights=(0.05, 1.0, 5.0))
    by_dense = HybridQuery(dense=mixed, sparse=sparse, with_question=True, limit=3,
                           weights=(5.0, 1.0, 0.05))
    assert top_ids(store, by_question)[0] == 4
    assert top_ids(store, by_dense)[0] == N_FAQ + 2


def test_backends_agree(tmp_path: Path) -> None:
    stores = [EdgeStore(tmp_path / "edge"), QdrantClientStore.local(":memory:")]
    rng = np.random.default_rng(11)
    try:
        for s in stores:
            s.ensure_collection(DIM)
            s.upsert(corpus())
        for _ in range(5):
            query = HybridQuery(dense=unit(rng).tolist(), sparse=SparseVector((1, 2), (1.0, 1.0)),
                                limit=8, with_question=True, weights=(1.0, 0.7, 1.5))
            a, b = (top_ids(s, query) for s in stores)
            assert a == b
    finally:
        for s in stores:
            s.close()


def test_an_index_without_the_question_vector_still_answers(tmp_path: Path) -> None:
    """Indexes built before QA-aware indexing: the question leg is skipped until a rebuild."""
    config = qe.EdgeConfig(
        vectors={"dense": qe.EdgeVectorParams(size=DIM, distance=qe.Distance.Cosine)},
        sparse_vectors={"sparse": qe.EdgeSparseVectorParams(modifier=qe.Modifier.Idf)},
    )
    (tmp_path / "old").mkdir()
    qe.EdgeShard.create(str(tmp_path / "old"), config).close()
    store = EdgeStore(tmp_path / "old")
    try:
        store.ensure_collection(DIM)
        assert store.has_question is False
        store.upsert(corpus())
        found = store.query(HybridQuery(dense=corpus()[0].dense, sparse=None, limit=3,
                                        with_question=True))
        assert found[0].payload["n"] == 0
    finally:
        store.close()


def test_the_indexer_writes_faq_questions_and_passage_vectors_for_the_rest(
        tmp_path: Path) -> None:
    services = build_services(Settings(data_dir=tmp_path, _env_file=None),
                              embedder=HashEmbedder())
    try:
        faq = ParsedDocument(title="FAQ", kind=Kind.FAQ, chunks=(
            Chunk(text="q", question="公用車の予約方法は？", answer="庁内ポータルから予約します。"),
            Chunk(text="q", question="名刺の作り方は？", answer="総務課に申請します。"),
        ))
        reg = ParsedDocument(title="公用車管理規程", kind=Kind.REGULATION, chunks=(
            Chunk(text="公用車の予約は、管理課長に申請する。", label="第二条", article="2"),))
        for n, doc in enumerate((faq, reg)):
            services.indexer.ingest(doc, content_sha256=str(n) * 64, source_name=f"{n}.txt")
        embed = services.embedder.embed_passages

        def question_leg(text: str) -> list[dict]:
            query = HybridQuery(dense=embed([text])[0].tolist(), sparse=None, limit=3,
                                with_question=True, weights=(0.001, 1.0, 1.0))
            return [r.payload for r in services.store.query(query)]

        # the FAQ's question alone is its question vector (not question + answer)
        assert question_leg("公用車の予約方法は？")[0]["question"] == "公用車の予約方法は？"
        # the article's question vector is its passage vector, so it takes part in that leg
        reg_passage = passage_text(reg.title, reg.chunks[0])
        assert question_leg(reg_passage)[0]["kind"] == "regulation"
    finally:
        services.close()
