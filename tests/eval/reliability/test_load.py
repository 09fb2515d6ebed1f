"""Concurrent clients against `chonai serve` (uvicorn) on 127.0.0.1: no errors, memory flat."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.reliability.drills import AMENDED, load


def test_short_load_has_no_errors(tmp_path: Path) -> None:
    result = load(tmp_path, files=(AMENDED,), clients=10, seconds=5)
    assert result["ok"], result
    assert result["load"]["errors"] == 0
    assert set(result["load"]["by_kind"]) == {"search", "ask similar", "ask answer"}
    assert all(k["requests"] > 0 for k in result["load"]["by_kind"].values())


@pytest.mark.slow
def test_fifty_clients_for_a_minute(tmp_path: Path) -> None:
    result = load(tmp_path, files=None, clients=50, seconds=60)
    assert result["ok"], result["load"]


@pytest.mark.slow
def test_ten_minute_soak_keeps_memory_flat(tmp_path: Path) -> None:
    result = load(tmp_path, files=None, clients=20, seconds=5, soak_minutes=10)
    assert result["ok"], result.get("soak")
    assert result["soak"]["flat"], result["soak"]
