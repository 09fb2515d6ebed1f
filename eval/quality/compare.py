"""Compare two eval reports (A = before, B = after): metric deltas and the queries that changed.

A query changed when its nDCG@10, P@1 or Recall@5 moved, or when it flipped between answered
and abstained. Queries present in one report only are listed apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from eval.quality.report import load_report

QUERY_METRICS = ("ndcg@10", "p@1", "recall@5")
EPSILON = 1e-9


def compare_reports(a: Mapping[str, Any], b: Mapping[str, Any]) -> dict[str, Any]:
    metrics: dict[str, dict[str, float | None]] = {}
    for name, va in a["summary"].items():
        vb = b["summary"].get(name)
        if _number(va) or _number(vb):
            metrics[name] = {"a": va if _number(va) else None, "b": vb if _number(vb) else None,
                             "delta": round(vb - va, 4) if _number(va) and _number(vb) else None}
    rows_a = {r["id"]: r for r in a["queries"]}
    rows_b = {r["id"]: r for r in b["queries"]}
    changed = []
    for qid, ra in rows_a.items():
        rb = rows_b.get(qid)
        if rb is None:
            continue
        sa, sb = ra.get("scores") or {}, rb.get("scores") or {}
        deltas = {m: round(sb[m] - sa[m], 4) for m in QUERY_METRICS
                  if m in sa and m in sb and abs(sb[m] - sa[m]) > EPSILON}
        flipped = ra["abstained"] != rb["abstained"]
        if deltas or flipped:
            changed.append({
                "id": qid, "query": ra["query"], "answerable": ra["answerable"],
                "delta": deltas, "ndcg@10": {"a": sa.get("ndcg@10"), "b": sb.get("ndcg@10")},
                "abstained": {"a": ra["abstained"], "b": rb["abstained"]},
                "top": {"a": ra.get("top", [])[:1], "b": rb.get("top", [])[:1]},
            })
    changed.sort(key=lambda c: (c["delta"].get("ndcg@10", 0.0), c["id"]))
    return {
        "a": {k: a["summary"].get(k) for k in ("dataset", "granularity")},
        "b": {k: b["summary"].get(k) for k in ("dataset", "granularity")},
        "metrics": metrics,
        "improved": sum(1 for c in changed if c["delta"].get("ndcg@10", 0) > 0),
        "worsened": sum(1 for c in changed if c["delta"].get("ndcg@10", 0) < 0),
        "changed": changed,
        "only_in_a": sorted(set(rows_a) - set(rows_b)),
        "only_in_b": sorted(set(rows_b) - set(rows_a)),
    }


def compare_paths(a: Path, b: Path) -> dict[str, Any]:
    return compare_reports(load_report(a), load_report(b))


def format_comparison(result: Mapping[str, Any], *, limit: int = 30) -> str:
    lines = [f"{'metric':>24}  {'A':>9}  {'B':>9}  {'B-A':>9}"]
    for name, v in result["metrics"].items():
        lines.append(f"{name:>24}  {_cell(v['a'])}  {_cell(v['b'])}  "
                     f"{_cell(v['delta'], signed=True)}")
    lines.append(f"\n{len(result['changed'])} queries changed: {result['improved']} better, "
                 f"{result['worsened']} worse (nDCG@10)")
    for c in result["changed"][:limit]:
        what = ", ".join(f"{m} {d:+.3f}" for m, d in c["delta"].items())
        if c["abstained"]["a"] != c["abstained"]["b"]:
            what = ", ".join(filter(None, [what, "now abstains" if c["abstained"]["b"]
                                           else "now answers"]))
        lines.append(f"  {c['id']}: {what}  {' '.join(c['query'].split())[:50]}")
    if len(result["changed"]) > limit:
        lines.append(f"  … {len(result['changed']) - limit} more (--json for all)")
    for side in ("only_in_a", "only_in_b"):
        if result[side]:
            lines.append(f"{side.replace('_', ' ')}: {', '.join(result[side][:10])}")
    return "\n".join(lines)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _cell(value: float | None, *, signed: bool = False) -> str:
    if value is None:
        return f"{'-':>9}"
    return f"{value:>+9.4f}" if signed else f"{value:>9.4f}"
