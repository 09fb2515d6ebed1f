"""All six e-Gov laws through the whole pipeline into the real store (slow: ~3k chunks).

The embedder is the hash fake: this test is about parsing, chunk counts and the store; the
bundled model is exercised on the sample corpus elsewhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core.settings import Settings
from index.ingest import ingest_files
from index.stores.base import SearchFilter
from ingest.pipeline import load_file
from services.build import build_services
from tests.conftest import shared_dataset
from tests.fakes import HashEmbedder

pytestmark = pytest.mark.slow


def test_six_laws_ingest_with_every_article_addressable(tmp_path: Path) -> None:
    folder = shared_dataset("egov_law_xml")
    files = sorted(folder.glob("*.xml"))
    assert len(files) == 6
    services = build_services(Settings(data_dir=tmp_path, _env_file=None),
                              embedder=HashEmbedder())
    try:
        report = ingest_files(services.indexer, files,
                              max_bytes=services.settings.max_upload_bytes)
        assert report["errors"] == []
        assert report["documents"] == 6
        parsed = {load_file(f).document.title: load_file(f).document for f in files}
        total_main_articles = 0
        for result in report["results"]:
            doc = parsed[result["title"]]
            stored = services.store.scroll(document_id=result["document_id"])
            assert len(stored) == len(doc.chunks) == result["chunks"]
            main = {r.payload["article"] for r in stored
                    if r.payload["part"] == "main" and r.payload["article"]}
            expected = {c.article for c in doc.chunks if c.part == "main" and c.article}
            assert main == expected
            total_main_articles += len(expected)
        assert total_main_articles == 899
        assert services.store.count(SearchFilter(include_deleted=True)) == sum(
            r["chunks"] for r in report["results"])
    finally:
        services.close()
