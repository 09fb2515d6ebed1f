"""HTML report, plots and `chonai eval compare` on small hand-made reports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from api.cli import main
from core.errors import InputError
from eval.quality.compare import compare_reports
from eval.quality.report import load_report, worst_queries, write_html


def row(qid: str, ndcg: float, *, answerable: bool = True, abstained: bool = False,
        cosine: float = 0.9, kind: str = "faq") -> dict[str, Any]:
    out: dict[str, Any] = {"id": qid, "query": f"質問{qid} <b>", "answerable": answerable,
                           "abstained": abstained, "best_cosine": cosine, "kind": kind,
                           "top": ["FAQ Q1"],
                           "hits": [{"citation": "FAQ <Q1>", "score": 0.5, "cosine": cosine,
                                     "relevant": ndcg > 0}]}
    if answerable:
        out["scores"] = {"p@1": float(ndcg == 1.0), "recall@5": float(ndcg > 0),
                         "recall@10": float(ndcg > 0), "mrr@10": ndcg, "ndcg@10": ndcg,
                         "map": ndcg}
        out["recall_at"] = [float(ndcg > 0)] * 10
        out["gold"] = ["FAQ faq_id=Q1"]
    return out


def report(rows: list[dict[str, Any]], dataset: str = "tiny", **summary: Any
           ) -> dict[str, Any]:
    scored = [r["scores"] for r in rows if "scores" in r]
    means = {m: sum(s[m] for s in scored) / len(scored) for m in scored[0]}
    return {"summary": {"dataset": dataset, "granularity": "article", "questions": len(rows),
                        **means, "abstain_threshold": 0.85, **summary},
            "breakdown": {"kind": {"faq": {"n": len(scored), **means}}}, "queries": rows}


def test_write_html_makes_page_and_plots(tmp_path: Path) -> None:
    rep = report([row("1", 1.0), row("2", 0.0, cosine=0.8),
                  row("u", 0.0, answerable=False, cosine=0.7, abstained=True)],
                 dataset="localgovfaq_amagasaki", citation_precision=0.5)
    page = write_html(rep, tmp_path).read_text(encoding="utf-8")
    for name in ("metrics.png", "recall_at_k.png", "scores.png"):
        assert (tmp_path / name).read_bytes()[:4] == b"\x89PNG"
        assert name in page
    assert "質問2 &lt;b&gt;" in page  # escaped
    assert "質問2 <b>" not in page
    assert "FAQ &lt;Q1&gt;" in page
    assert "bge-m3" not in page  # baselines are drawn in the PNG, not listed
    assert page.index("質問2") < page.index("質問1")  # worst first


def test_worst_queries_order() -> None:
    rows = [row("a", 0.5), row("b", 0.0), row("c", 1.0),
            row("u1", 0, answerable=False, cosine=0.95), row("u2", 0, answerable=False,
                                                           abstained=True)]
    assert [r["id"] for r in worst_queries(rows, n=4)] == ["b", "a", "c", "u1"]


def test_compare_reports_metric_deltas_and_changed_queries() -> None:
    a = report([row("1", 1.0), row("2", 0.0), row("3", 0.5), row("u", 0, answerable=False)])
    b = report([row("1", 1.0), row("2", 0.5), row("3", 0.0),
                row("u", 0, answerable=False, abstained=True)])
    result = compare_reports(a, b)
    # ndcg mean: A (1 + 0 + .5) / 3 = .5; B (1 + .5 + 0) / 3 = .5
    assert result["metrics"]["ndcg@10"]["delta"] == 0.0
    assert result["metrics"]["p@1"] == {"a": pytest.approx(1 / 3), "b": pytest.approx(1 / 3),
                                        "delta": 0.0}
    changed = {c["id"]: c for c in result["changed"]}
    assert set(changed) == {"2", "3", "u"}
    assert changed["2"]["delta"]["ndcg@10"] == 0.5
    assert changed["3"]["delta"]["ndcg@10"] == -0.5
    assert changed["u"]["abstained"] == {"a": False, "b": True}
    assert (result["improved"], result["worsened"]) == (1, 1)
    assert result["changed"][0]["id"] == "3"  # worst first


def test_cli_eval_compare(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = report([row("1", 1.0), row("2", 0.0)])
    b = report([row("1", 0.0), row("3", 1.0)])
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "report.json").write_text(json.dumps(a), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(b), encoding="utf-8")
    assert main(["eval", "compare", str(tmp_path / "a"), str(tmp_path / "b.json")]) == 0
    out = capsys.readouterr().out
    assert "1 queries changed: 0 better, 1 worse" in out
    assert "only in a: 2" in out
    assert main(["eval", "compare", str(tmp_path / "a"), str(tmp_path / "b.json"),
                 "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["only_in_b"] == ["3"]
    assert result["metrics"]["ndcg@10"]["delta"] == 0.0


def test_bad_report_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                     ) -> None:
    (tmp_path / "r.json").write_text('{"summary": {}}', encoding="utf-8")
    with pytest.raises(InputError, match="not a chonai eval report"):
        load_report(tmp_path / "r.json")
    assert main(["eval", "compare", str(tmp_path / "r.json"), str(tmp_path / "nope")]) == 1
    assert "not a chonai eval report" in capsys.readouterr().err
    assert main(["eval"]) == 2
