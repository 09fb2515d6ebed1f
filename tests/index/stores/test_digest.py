"""The store digest on the real Qdrant engine (edge) and SQLite, with a fake embedder: it must
stay put when nothing changes and move with every add, amendment, department change and delete."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.cli import main
from core.settings import Settings
from index.stores.digest import store_digest
from services.build import Services, build_services
from tests.fakes import HashEmbedder
from tests.index.test_indexer import ingest, regulation


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    built = build_services(Settings(data_dir=tmp_path, _env_file=None), embedder=HashEmbedder())
    yield built
    built.close()


def test_digest_is_stable_and_moves_with_every_change(services: Services) -> None:
    empty = store_digest(services.store, services.catalog)
    assert empty["points"] == 0
    assert store_digest(services.store, services.catalog) == empty

    first = ingest(services, regulation())
    added = store_digest(services.store, services.catalog)
    assert added["points"] == 3
    assert added["per_document"] == {first.document_id: 3}
    assert added["catalog_rows"]["documents"] == 1
    assert added["points_sha256"] != empty["points_sha256"]
    assert added["catalog_sha256"] != empty["catalog_sha256"]

    ingest(services, regulation())  # same content: unchanged, so the digest stays
    assert store_digest(services.store, services.catalog) == added

    ingest(services, regulation("年次有給休暇は、二十五日とする。"), sha="b" * 64)
    amended = store_digest(services.store, services.catalog)
    assert amended["points"] == 6  # the old version is kept as history
    assert amended["points_sha256"] != added["points_sha256"]

    ingest(services, regulation("年次有給休暇は、二十五日とする。"), sha="b" * 64,
           departments=["人事課"])
    moved = store_digest(services.store, services.catalog)
    assert moved["points"] == 6
    assert moved["points_sha256"] != amended["points_sha256"]  # payload-only change

    services.indexer.delete(first.document_id)
    assert store_digest(services.store, services.catalog) == empty


def test_documents_digest_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["documents", "digest", "--data-dir", str(tmp_path), "--json"]) == 0
    out = capsys.readouterr().out
    assert '"points": 0' in out
    assert '"catalog_sha256"' in out
