"""Outages against a real `chonai serve`: Qdrant unreachable, LLM down or hanging, disk full.

Clear 503/507 replies or degraded answers, /api/health naming the part that is down, no 500s,
and recovery once the part is back (not for Qdrant: no server binary here to bring back).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eval.reliability.drills import AMENDED, SAMPLE, disk_full, llm_outage, qdrant_down, run_cli


def test_qdrant_unreachable_gives_503_and_health_names_the_store(tmp_path: Path) -> None:
    result = qdrant_down(tmp_path)
    assert result["ok"], result
    assert result["cli"]["ingest"]["stderr_lines"] == 1
    assert "cannot be reached" in result["http"]["search"]["message"]


def test_llm_down_hanging_and_back(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / AMENDED).write_bytes((SAMPLE / AMENDED).read_bytes())
    assert run_cli(["ingest", str(corpus)], tmp_path / "var", tmp_path)["rc"] == 0
    result = llm_outage(tmp_path, tmp_path / "var")
    assert result["ok"], result["phases"]


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small filesystem needs root")
def test_disk_full_refuses_writes_keeps_state_and_recovers(tmp_path: Path) -> None:
    result = disk_full(tmp_path)
    if result.get("skipped"):
        pytest.skip(result["skipped"])
    assert result["ok"], result
    assert result["phases"]["below_min_free"]["upload"]["status"] == 507
    assert not any(result["unchanged"].values())
