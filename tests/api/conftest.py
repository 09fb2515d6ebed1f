"""The restricted city corpus, ingested once per session (tests/api/auth_fixtures.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.api.auth_fixtures import Actor, build_template


@pytest.fixture(scope="session")
def city_template(request: pytest.FixtureRequest,
                  tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Actor]]:
    folder = tmp_path_factory.mktemp("city-template")
    # when the session builds the sample corpus anyway (make test), start from its embedding
    # cache: the public documents here are sample files, so they need no embedding again
    if any("sample_services" in item.fixturenames for item in request.session.items):
        sample = request.getfixturevalue("sample_services")
        source = sqlite3.connect(sample.settings.data_dir / "embeddings.sqlite")
        target = sqlite3.connect(folder / "embeddings.sqlite")
        with target:
            source.backup(target)
        source.close()
        target.close()
    return folder, build_template(folder)
