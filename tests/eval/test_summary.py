"""The combined suite table and its exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.summary import main


def test_one_table_and_failure_when_any_suite_failed(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "files.json"
    bad = tmp_path / "probes.json"
    good.write_text(json.dumps({"summary": [["bad files tried", 32]], "ok": True}))
    bad.write_text(json.dumps({"summary": [["violations", 2]], "ok": False}))
    assert main([str(good)]) == 0
    assert "| files | bad files tried | 32 |" in capsys.readouterr().out
    assert main([str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert "| probes | violations | 2 |" in out
    assert "| probes | **passed** | **NO** |" in out
    assert main([str(tmp_path / "missing.json")]) == 1
    assert "missing.json" in capsys.readouterr().err
