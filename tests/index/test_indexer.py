"""Versioned ingestion into the real Qdrant engine (edge) and SQLite, with a fake embedder."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import NotFoundError
from core.settings import Settings
from core.types import Chunk, Kind, ParsedDocument
from index.stores.base import SearchFilter
from retrieval.search import SearchRequest
from services.build import Services, build_services
from tests.fakes import HashEmbedder


def regulation(text2: str = "年次有給休暇は、一の年ごとに二十日とする。") -> ParsedDocument:
    return ParsedDocument(
        title="テスト市職員の休暇に関する条例", kind=Kind.REGULATION, number="テスト市条例第一号",
        effective_date="2024-04-01",
        chunks=(
            Chunk(text="この条例は、職員の休暇に関し必要な事項を定める。", label="第一条",
                  article="1", caption="趣旨"),
            Chunk(text=text2, label="第二条", article="2", caption="年次有給休暇"),
            Chunk(text="削除", label="第三条", article="3", deleted=True),
        ))


@pytest.fixture
def services(tmp_path: Path) -> Services:
    built = build_services(Settings(data_dir=tmp_path, _env_file=None), embedder=HashEmbedder())
    yield built
    built.close()


def ingest(services: Services, doc: ParsedDocument, sha: str = "a" * 64, **kw: object):
    return services.indexer.ingest(doc, content_sha256=sha, source_name="t.txt", **kw)


def test_ingest_then_reingest_is_a_no_op(services: Services) -> None:
    first = ingest(services, regulation())
    assert (first.status, first.chunks) == ("added", 3)
    calls = services.embedder._inner.calls  # type: ignore[attr-defined]
    again = ingest(services, regulation())
    assert again.status == "unchanged"
    assert services.embedder._inner.calls == calls  # type: ignore[attr-defined]
    assert services.store.count() == 3


def test_deleted_articles_are_stored_but_not_returned(services: Services) -> None:
    ingest(services, regulation())
    assert services.store.count(SearchFilter()) == 2
    assert services.store.count(SearchFilter(include_deleted=True)) == 3
    hits = services.searcher.search(SearchRequest(query="削除", top_k=5)).hits
    assert all(h.article != "3" for h in hits)


def test_changed_file_replaces_and_keeps_history(services: Services) -> None:
    old = ingest(services, regulation())
    new = ingest(services, regulation("年次有給休暇は、一の年ごとに二十五日とする。"), sha="b" * 64)
    assert new.status == "replaced"
    assert new.version != old.version
    assert services.store.count(SearchFilter()) == 2  # current, not deleted
    assert services.store.count(SearchFilter(include_history=True)) == 4
    hits = services.searcher.search(SearchRequest(query="年次有給休暇 日数", top_k=3)).hits
    assert any("二十五日" in h.text for h in hits)
    assert not any("二十日" in h.text for h in hits)
    history = services.searcher.search(SearchRequest(query="年次有給休暇 日数", top_k=6,
                                                     include_history=True)).hits
    assert {h.version for h in history} == {old.version, new.version}
    versions = services.catalog.versions_of(new.document_id)
    assert [v["version"] for v in versions] == [old.version, new.version]
    assert versions[0]["effective_date"] == "2024-04-01"


def test_point_ids_are_deterministic(tmp_path: Path) -> None:
    ids = []
    for name in ("a", "b"):
        s = build_services(Settings(data_dir=tmp_path / name, _env_file=None),
                           embedder=HashEmbedder())
        ingest(s, regulation())
        ids.append(sorted(r.id for r in s.store.scroll()))
        s.close()
    assert ids[0] == ids[1]


def test_delete_removes_every_chunk_and_the_catalog_row(services: Services) -> None:
    result = ingest(services, regulation())
    ingest(services, regulation("改正後"), sha="c" * 64)
    assert services.indexer.delete(result.document_id) == 6
    assert services.store.count(SearchFilter(include_history=True, include_deleted=True)) == 0
    assert services.catalog.get_document(result.document_id) is None
    with pytest.raises(NotFoundError):
        services.indexer.delete(result.document_id)


def test_departments_restrict_and_can_change_without_reembedding(services: Services) -> None:
    ingest(services, regulation(), departments=["人事課"])
    assert services.store.count(SearchFilter(departments=("税務課",))) == 0
    assert services.store.count(SearchFilter(departments=("人事課",))) == 2
    result = ingest(services, regulation())
    assert result.status == "departments-updated"
    assert services.store.count(SearchFilter(departments=("税務課",))) == 2


def test_faq_duplicates_are_reported_not_dropped(services: Services) -> None:
    faq = ParsedDocument(title="FAQ", kind=Kind.FAQ, chunks=tuple(
        Chunk(text=a, question=q, answer=a, metadata={"faq_id": i})
        for i, q, a in [("1", "年休の繰越はできますか", "二十日まで繰り越せます。"),
                        ("2", "年休の繰越はできますか？", "できます。"),
                        ("3", "公印の押し方", "総務課へ申請します。")]))
    result = ingest(services, faq)
    assert result.chunks == 3
    assert services.store.count(SearchFilter()) == 3
    assert [(d["key"], d["other_key"]) for d in result.duplicates] == [("1", "2")]
    assert services.catalog.list_duplicates()[0]["document_id"] == result.document_id
