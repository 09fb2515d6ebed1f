"""`chonai reindex`: a new embedding model or the question vector for an old index, same ids and
payloads, the old index kept until the new one is complete."""

from __future__ import annotations

from pathlib import Path

import pytest
import qdrant_edge as qe

from api.cli import main
from core.errors import InputError
from core.settings import Settings
from core.types import Chunk, Kind, ParsedDocument
from index.stores.chooser import OLD_SUFFIX, store_dir
from index.stores.reindex import reindex
from retrieval.search import SearchRequest
from services.build import build_cached_embedder, build_services
from tests.fakes import HashEmbedder

FAQ = ParsedDocument(title="庁内FAQ", kind=Kind.FAQ, chunks=(
    Chunk(text="q", question="公用車の予約方法は？", answer="庁内ポータルから予約します。"),
    Chunk(text="q", question="名刺の作り方は？", answer="総務課に申請します。"),
))
REG = ParsedDocument(title="公用車管理規程", kind=Kind.REGULATION, chunks=(
    Chunk(text="公用車の予約は、管理課長に申請する。", label="第二条", article="2"),))


def _settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, _env_file=None)


def _ingest(settings: Settings, dim: int = 64) -> None:
    services = build_services(settings, embedder=HashEmbedder(dim))
    try:
        for n, doc in enumerate((FAQ, REG)):
            services.indexer.ingest(doc, content_sha256=f"{n:064d}", source_name=doc.title)
    finally:
        services.close()


def _points(settings: Settings, dim: int) -> dict[str, dict]:
    services = build_services(settings, embedder=HashEmbedder(dim))
    try:
        return {r.id: r.payload for r in services.store.scroll()}
    finally:
        services.close()


def test_a_new_model_gets_a_new_index_with_the_same_ids_and_payloads(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    _ingest(settings, dim=64)
    before = _points(settings, 64)
    with pytest.raises(Exception, match="size 64"):  # the old index refuses the new model
        build_services(settings, embedder=HashEmbedder(96))
    embedder = build_cached_embedder(settings, HashEmbedder(96))
    report = reindex(settings, embedder)
    embedder.close()
    assert report.points == len(before) == 3
    assert report.embedded == 3 + 2  # three passages and the two FAQ questions
    assert _points(settings, 96) == before
    assert not store_dir(settings).with_name("edge" + OLD_SUFFIX).exists()
    services = build_services(settings, embedder=HashEmbedder(96))
    try:
        hits = services.searcher.search(SearchRequest(query="公用車の予約方法は？")).hits
        assert hits[0].question == "公用車の予約方法は？"
    finally:
        services.close()


def test_a_second_reindex_with_the_same_model_embeds_nothing(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    _ingest(settings)
    embedder = build_cached_embedder(settings, HashEmbedder())
    try:
        assert reindex(settings, embedder).embedded == 0  # ingest filled the cache
    finally:
        embedder.close()


def test_an_index_from_before_qa_aware_search_gets_its_question_vector(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    path = store_dir(settings)
    path.mkdir(parents=True)
    qe.EdgeShard.create(str(path), qe.EdgeConfig(
        vectors={"dense": qe.EdgeVectorParams(size=64, distance=qe.Distance.Cosine)},
        sparse_vectors={"sparse": qe.EdgeSparseVectorParams(modifier=qe.Modifier.Idf)},
    )).close()
    _ingest(settings)
    services = build_services(settings, embedder=HashEmbedder())
    assert services.store.has_question is False
    services.close()
    embedder = build_cached_embedder(settings, HashEmbedder())
    assert reindex(settings, embedder).question_vector is True
    embedder.close()
    services = build_services(settings, embedder=HashEmbedder())
    try:
        assert services.store.has_question is True
        assert services.store.count() == 3
    finally:
        services.close()


def test_a_swap_cut_short_by_a_crash_restores_the_old_index(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    _ingest(settings)
    path = store_dir(settings)
    path.rename(path.with_name("edge" + OLD_SUFFIX))  # killed between the two renames
    assert len(_points(settings, 64)) == 3


def test_the_cli_reindexes_and_refuses_a_qdrant_server(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InputError, match="CHONAI_QDRANT_COLLECTION"):
        store_dir(Settings(data_dir=tmp_path, qdrant_url="http://127.0.0.1:1", _env_file=None))
    monkeypatch.setenv("CHONAI_QDRANT_URL", "http://127.0.0.1:1")
    assert main(["reindex", "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "CHONAI_QDRANT_COLLECTION" in err[0]
    monkeypatch.delenv("CHONAI_QDRANT_URL")
    assert main(["reindex", "--data-dir", str(tmp_path / "empty")]) == 1
    assert "run ingest first" in capsys.readouterr().err
