"""The one batch ingest (`index.ingest.ingest_files`) over real files, the real Qdrant engine
(edge) and SQLite, with a fake embedder: the CLI, the upload jobs, eval and the tests all use it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core.errors import PermissionDeniedError
from core.settings import Settings
from core.types import ParsedDocument
from index.indexer import IngestResult
from index.ingest import IngestEvents, ingest_files
from services.build import Services, build_services
from tests.conftest import SAMPLE_DIR
from tests.fakes import HashEmbedder

REGULATION = "みどり市公印規程.txt"
FAQ = "みどり市職員FAQ.csv"


@pytest.fixture
def services(tmp_path: Path) -> Services:
    built = build_services(Settings(data_dir=tmp_path / "var", _env_file=None),
                           embedder=HashEmbedder())
    yield built
    built.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "in"
    out.mkdir()
    for name in (REGULATION, FAQ):
        shutil.copy(SAMPLE_DIR / "corpus" / name, out / name)
    (out / "broken.xml").write_text("<Law><LawBody>", encoding="utf-8")
    return out


class Recorder(IngestEvents):
    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []
        self.chunks = 0

    def started(self, files_total: int) -> None:
        self.calls.append(("started", str(files_total)))

    def parsing(self, path: Path) -> None:
        self.calls.append(("parsing", path.name))

    def indexing(self, path: Path, chunks_total: int) -> None:
        self.calls.append(("indexing", path.name))

    def advance(self, path: Path, chunks: int) -> None:
        self.chunks += chunks

    def done(self, path: Path, result: IngestResult) -> None:
        self.calls.append(("done", path.name))

    def failed(self, path: Path, message: str) -> None:
        self.calls.append(("failed", path.name))

    def finished(self) -> None:
        self.calls.append(("finished", ""))


def test_bad_file_is_reported_and_the_rest_goes_in(services: Services, folder: Path) -> None:
    files = [folder / REGULATION, folder / "broken.xml", folder / FAQ]
    events = Recorder()
    report = ingest_files(services.indexer, files, max_bytes=services.settings.max_upload_bytes,
                          events=events)
    assert report["documents"] == 2
    assert [e["path"] for e in report["errors"]] == [str(folder / "broken.xml")]
    assert report["chunks"] == sum(r["chunks"] for r in report["results"]) > 0
    assert report["chunks"] == events.chunks
    # pipelined: a document is written (done) while the next file is already on its way
    assert events.calls == [
        ("started", "3"), ("parsing", REGULATION), ("indexing", REGULATION),
        ("parsing", "broken.xml"), ("done", REGULATION), ("failed", "broken.xml"),
        ("parsing", FAQ), ("indexing", FAQ), ("done", FAQ), ("finished", "")]
    assert len(services.catalog.list_documents()) == 2
    again = ingest_files(services.indexer, files[:1], max_bytes=services.settings.max_upload_bytes)
    assert again["results"][0]["status"] == "unchanged"
    assert again["chunks"] == 0


def test_refused_file_leaves_nothing_and_is_named_without_its_folder(
        services: Services, folder: Path) -> None:
    seen: list[str] = []

    def authorize(document_id: str, doc: ParsedDocument) -> None:
        seen.append(document_id)
        raise PermissionDeniedError(f"{doc.title} belongs to another department")

    before = services.store.count(None)
    report = ingest_files(services.indexer, [folder / REGULATION],
                          max_bytes=services.settings.max_upload_bytes, authorize=authorize,
                          names_only=True)
    assert report["documents"] == 0
    assert report["errors"] == [{"path": REGULATION,
                                 "error": "みどり市公印規程 belongs to another department"}]
    assert seen
    assert seen[0].startswith("reg-")
    assert services.store.count(None) == before
    assert services.catalog.list_documents() == []


def test_size_limit_and_allowed_folder_apply(services: Services, folder: Path,
                                            tmp_path: Path) -> None:
    report = ingest_files(services.indexer, [folder / REGULATION], max_bytes=10)
    assert report["documents"] == 0
    assert "limit" in report["errors"][0]["error"] or "10" in report["errors"][0]["error"]
    elsewhere = tmp_path / "uploads"
    elsewhere.mkdir()
    report = ingest_files(services.indexer, [folder / FAQ],
                          max_bytes=services.settings.max_upload_bytes, allowed_dir=elsewhere)
    assert report["documents"] == 0
    assert report["errors"]
