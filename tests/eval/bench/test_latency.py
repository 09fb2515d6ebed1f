"""The latency benchmark runs end to end on a tiny size (figures are not asserted: a timed test
on a shared 2-core machine would be flaky; `make bench` prints them)."""

from __future__ import annotations

import json
from pathlib import Path

from eval.bench import latency as bench_latency
from index.tokenize_ja import JapaneseTokenizer


def test_synthetic_points_use_real_terms_and_unit_vectors() -> None:
    texts = ["年次有給休暇は二十日とする。", "旅費は概算で支給する。"]
    tokenizer = JapaneseTokenizer()
    points = bench_latency.synth_points(6, texts, [tokenizer.terms(t) for t in texts])
    assert len({p.id for p in points}) == 6
    assert abs(sum(x * x for x in points[0].dense) - 1.0) < 1e-4
    assert points[0].payload["kind"] == "faq"
    assert points[0].question is not None
    assert points[1].payload["kind"] == "article"
    assert points[1].question is None
    assert points[0].sparse == points[2].sparse  # texts are recycled
    assert points[0].sparse.indices


def test_bench_prints_a_table_and_writes_json(tmp_path: Path, capsys) -> None:
    assert bench_latency.main(["--sizes", "300", "--local-max", "300", "--queries", "3",
                               "--local-queries", "3", "--max-texts", "50",
                               "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "qdrant-edge" in out
    assert "qdrant-local" in out
    rows = json.loads((tmp_path / "latency.json").read_text())["rows"]
    assert [r["backend"] for r in rows] == ["qdrant-edge", "qdrant-local"]
    assert all(r["p50_ms"] > 0 and r["queries"] == 3 for r in rows)
