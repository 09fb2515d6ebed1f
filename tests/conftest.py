"""Shared fixtures: paths to the repo's sample corpus and the shared real datasets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DIR = REPO_ROOT / "data" / "sample"
TEST_DATA = Path(__file__).resolve().parent / "data"


def shared_dataset(name: str) -> Path:
    """A folder of ../shared/datasets (or $CHONAI_TEST_SHARED, for a worktree elsewhere) by
    path; the test is skipped when it is absent."""
    root = os.environ.get("CHONAI_TEST_SHARED")
    path = (Path(root) if root else REPO_ROOT.parent / "shared" / "datasets") / name
    if not path.is_dir():
        pytest.skip(f"shared dataset {name} not found at {path} (needs ../shared beside the repo)")
    return path


@pytest.fixture(scope="session")
def sample_services(tmp_path_factory: pytest.TempPathFactory):
    """Real services (bundled e5, Qdrant edge engine, fugashi, SQLite) over the sample corpus."""
    from core.settings import Settings
    from index.ingest import ingest_files
    from ingest.pipeline import discover
    from services.build import build_services

    data_dir = tmp_path_factory.mktemp("sample-var")
    services = build_services(Settings(data_dir=data_dir, _env_file=None))
    report = ingest_files(services.indexer, discover([SAMPLE_DIR / "corpus"]),
                          max_bytes=services.settings.max_upload_bytes)
    assert not report["errors"], report["errors"]
    services.ingest_report = report
    yield services
    services.close()
