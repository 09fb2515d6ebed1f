"""The pipelined batch ingest writes exactly what one-file-at-a-time ingest writes, reports bad
files without stopping, and embeds each text once."""

from __future__ import annotations

import shutil
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from core.settings import Settings
from index.embedders import CachedEmbedder
from index.ingest import BatchProgress, IngestEvents, ingest_files
from index.stores.digest import store_digest
from ingest.pipeline import discover, load_file
from services.build import build_services
from tests.conftest import SAMPLE_DIR, TEST_DATA
from tests.fakes import HashEmbedder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for path in sorted((SAMPLE_DIR / "corpus").iterdir()):
        if path.suffix in {".txt", ".csv", ".html"}:
            shutil.copy(path, src / path.name)
    shutil.copy(TEST_DATA / "egov_two_articles.xml", src / "a_law.xml")
    (src / "b_broken.xml").write_text("<Law><LawBody>", "utf-8")
    shutil.copy(TEST_DATA / "egov_two_articles.xml", src / "c_same_law_again.xml")
    return src


class Recorder(IngestEvents):
    def __init__(self) -> None:
        self.calls: list[tuple[str, str, int]] = []

    def indexing(self, path: Path, chunks_total: int) -> None:
        self.calls.append(("parsed", path.name, chunks_total))

    def advance(self, path: Path, chunks: int) -> None:
        self.calls.append(("advance", path.name, chunks))

    def failed(self, path: Path, message: str) -> None:
        self.calls.append(("failed", path.name, 0))


def test_pipeline_writes_what_sequential_ingest_writes(folder: Path, tmp_path: Path) -> None:
    files = discover([folder])
    piped = build_services(Settings(data_dir=tmp_path / "piped", _env_file=None),
                           embedder=HashEmbedder(64))
    events = Recorder()
    try:
        report = ingest_files(piped.indexer, files, max_bytes=2**24, events=events)
        piped_digest = store_digest(piped.store, piped.catalog)
    finally:
        piped.close()
    assert [e["path"] for e in report["errors"]] == [str(folder / "b_broken.xml")]
    statuses = {r["title"]: r["status"] for r in report["results"]}
    assert statuses["試験法"] == "unchanged"  # the second copy: same bytes, same document
    assert ("failed", "b_broken.xml", 0) in events.calls
    advanced = sum(n for kind, _name, n in events.calls if kind == "advance")
    assert advanced == sum(n for kind, _name, n in events.calls if kind == "parsed") > 0

    plain = build_services(Settings(data_dir=tmp_path / "plain", _env_file=None),
                           embedder=HashEmbedder(64))
    try:
        for path in files:
            if path.name == "b_broken.xml":
                continue
            loaded = load_file(path)
            plain.indexer.ingest(loaded.document, content_sha256=loaded.sha256,
                                 source_name=path.name)
        plain_digest = store_digest(plain.store, plain.catalog)
    finally:
        plain.close()
    assert piped_digest["points"] == plain_digest["points"] > 0
    assert piped_digest["points_sha256"] == plain_digest["points_sha256"]
    assert piped_digest["per_document"] == plain_digest["per_document"]


class Counting(HashEmbedder):
    def __init__(self) -> None:
        super().__init__(32)
        self.batches: list[list[str]] = []

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.batches.append(list(texts))
        return super().embed_passages(texts)


def test_cached_embedder_embeds_each_text_once(tmp_path: Path) -> None:
    inner = Counting()
    cached = CachedEmbedder(inner, tmp_path / "cache.sqlite")
    try:
        first = cached.embed_passages(["第一条", "第二条", "第一条", "第一条"])
        assert inner.batches == [["第一条", "第二条"]]
        assert np.array_equal(first[0], first[2])
        assert np.array_equal(first[0], first[3])
        again = cached.embed_passages(["第二条", "第三条"])
        assert inner.batches[-1] == ["第三条"]
        assert np.array_equal(again[0], first[1])
        assert (cached.hits, cached.misses) == (3, 3)
    finally:
        cached.close()


def test_batch_progress_eta_from_the_chunk_rate() -> None:
    progress = BatchProgress(files_total=4, started_at=time.monotonic() - 10.0)
    assert progress.eta_s() is None  # nothing done yet
    progress.parsed_files, progress.chunks_total = 2, 100
    progress.chunks_done = 50  # 5 chunks/s; 4 files expected at 50 each = 200 chunks
    eta = progress.eta_s()
    assert eta is not None
    assert 29.0 < eta < 31.0
    figures = progress.to_dict()
    assert figures["files_total"] == 4
    assert figures["chunks_done"] == 50
    assert 4.9 < figures["chunks_per_s"] < 5.1
