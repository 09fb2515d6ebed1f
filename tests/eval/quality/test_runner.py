"""The eval runner end to end on the real parts (bundled e5, Qdrant engine, fugashi, SQLite)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.quality.runner import run_eval
from tests.conftest import SAMPLE_DIR


def test_run_eval_answer_mode_and_html_report(sample_services, tmp_path: Path) -> None:
    lines = [line for line in (SAMPLE_DIR / "eval.jsonl").read_text("utf-8").splitlines()
             if line.strip()]
    rows = [json.loads(line) for line in lines]
    picked = [r for r in rows if r["answerable"]][:4] + [r for r in rows
                                                          if not r["answerable"]][:2]
    dataset = tmp_path / "small.jsonl"
    dataset.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in picked),
                       encoding="utf-8")
    report = run_eval(dataset, settings=sample_services.settings, services=sample_services,
                      report_dir=tmp_path / "report")
    summary = report["summary"]
    for key in ("citation_precision", "answer_hit_rate", "answer_latency_p50_ms",
                "abstention_f1", "recall@5", "ndcg@10"):
        assert key in summary
    assert 0.0 <= summary["citation_precision"] <= 1.0
    answered = [q for q in report["queries"] if q["answerable"]]
    for row in answered:
        ans = row["answer"]
        assert len(ans["cited_relevant"]) == len(ans["citations"]) == len(ans["cited_span"])
        assert len(row["recall_at"]) == 10
        assert row["recall_at"][4] == row["scores"]["recall@5"]
    flags = [q["answer"]["cited_relevant"] for q in answered]
    hit_rate = sum(1 for f in flags if any(f)) / len(flags)
    assert summary["answer_hit_rate"] == pytest.approx(round(hit_rate, 4))
    assert summary["answer_hit_rate"] > 0  # the easy sample questions are answered with sources
    folder = tmp_path / "report"
    assert json.loads((folder / "report.json").read_text("utf-8"))["summary"] == summary
    page = (folder / "index.html").read_text("utf-8")
    assert "Worst queries" in page
    assert (folder / "scores.png").exists()


@pytest.mark.slow
def test_lawqa_granularity_article(tmp_path: Path) -> None:
    shared = Path(__file__).resolve().parents[3].parent / "shared" / "datasets" / "lawqa_jp"
    if not shared.is_dir():
        pytest.skip("lawqa_jp not found")
    from eval.quality.granularity import run_experiment

    result = run_experiment("lawqa", tmp_path, ["article"])
    row = result["granularities"]["article"]
    assert result["questions"] == 129
    assert row["recall@5"] > 0.3
    assert row["units_per_citation"] == 1.0
