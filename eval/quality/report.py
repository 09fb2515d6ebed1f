"""HTML report with PNG plots for one eval run, so evaluators need no programming.

`write_html(report, folder)` writes index.html beside report.json: the summary, metric bars
against named published baselines, Recall@k curves, best-cosine distributions (answerable vs
unanswerable, for the abstention threshold), the per-kind/difficulty breakdown and the worst
queries with what was retrieved. Plots use matplotlib's Agg backend; labels stay ASCII unless a
Japanese font (IPAexGothic) is installed.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

# Published nDCG@10 / Recall@10 on the same 749-query split (see shared/datasets/INDEX.md).
BASELINES: dict[str, dict[str, dict[str, float]]] = {
    "localgovfaq_amagasaki": {
        "BM25 (Kuromoji)": {"ndcg@10": 0.494, "recall@10": 0.600},
        "mE5-large": {"ndcg@10": 0.571, "recall@10": 0.682},
        "bge-m3": {"ndcg@10": 0.620, "recall@10": 0.735},
    },
}
SHOWN = ("p@1", "recall@5", "recall@10", "mrr@10", "ndcg@10", "map", "citation_precision",
         "answer_hit_rate")
JP_FONTS = ("IPAexGothic", "IPAGothic", "Noto Sans CJK JP")
WORST = 20


def pyplot() -> Any:
    """matplotlib.pyplot on the Agg backend, with a Japanese font when one is installed."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    available = {f.name for f in font_manager.fontManager.ttflist}
    for name in JP_FONTS:
        if name in available:
            plt.rcParams["font.family"] = [name, "DejaVu Sans"]
            break
    return plt


def has_japanese_font() -> bool:
    from matplotlib import font_manager

    return any(f.name in JP_FONTS for f in font_manager.fontManager.ttflist)


def write_html(report: Mapping[str, Any], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    try:
        plots = write_plots(report, folder)
    except ImportError:  # matplotlib is a dev extra: the page still has every table
        plots = []
    page = render_html(report, plots)
    path = folder / "index.html"
    path.write_text(page, encoding="utf-8")
    return path


def write_plots(report: Mapping[str, Any], folder: Path) -> list[tuple[str, str]]:
    """(file name, caption) of each PNG written."""
    plt = pyplot()
    summary = report["summary"]
    rows = report["queries"]
    out: list[tuple[str, str]] = []

    baselines = BASELINES.get(str(summary.get("dataset")), {})
    fig, axes = plt.subplots(1, 2 if baselines else 1, figsize=(10 if baselines else 6, 3.4),
                             squeeze=False)
    names = [m for m in SHOWN if isinstance(summary.get(m), int | float)]
    bars = axes[0][0].bar(names, [summary[m] for m in names], color="#4c72b0")
    axes[0][0].bar_label(bars, fmt="%.3f", fontsize=7)
    axes[0][0].set_ylim(0, 1.05)
    axes[0][0].set_title(f"{summary.get('dataset')} ({summary.get('granularity')})", fontsize=9)
    axes[0][0].tick_params(axis="x", labelrotation=30, labelsize=7)
    if baselines:
        ax = axes[0][1]
        systems = {"chonai": {m: summary.get(m, 0.0) for m in ("ndcg@10", "recall@10")},
                   **baselines}
        width = 0.8 / len(systems)
        for i, (system, values) in enumerate(systems.items()):
            xs = [j + i * width for j in range(2)]
            b = ax.bar(xs, [values["ndcg@10"], values["recall@10"]], width, label=system)
            ax.bar_label(b, fmt="%.3f", fontsize=6)
        ax.set_xticks([j + width * (len(systems) - 1) / 2 for j in range(2)],
                      ["nDCG@10", "Recall@10"])
        ax.set_ylim(0, 1.05)
        ax.legend(fontsize=7)
        ax.set_title("against published baselines", fontsize=9)
    fig.tight_layout()
    fig.savefig(folder / "metrics.png", dpi=80)
    plt.close(fig)
    out.append(("metrics.png", "Metrics" + (" and published baselines" if baselines else "")))

    curves = [r["recall_at"] for r in rows if r.get("recall_at")]
    if curves:
        fig, ax = plt.subplots(figsize=(5, 3.2))
        ks = list(range(1, len(curves[0]) + 1))
        ax.plot(ks, _mean_curve(curves), marker="o", label="all")
        kinds = sorted({str(r["kind"]) for r in rows if r.get("recall_at") and "kind" in r})
        if 1 < len(kinds) <= 6:
            for kind in kinds:
                sub = [r["recall_at"] for r in rows if r.get("recall_at") and r.get("kind") == kind]
                ax.plot(ks, _mean_curve(sub), marker=".", linewidth=1,
                        label=kind if has_japanese_font() or kind.isascii() else f"kind {len(sub)}")
        ax.set_xlabel("k")
        ax.set_ylabel("Recall@k")
        ax.set_ylim(0, 1.02)
        ax.set_xticks(ks)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7)
        fig.tight_layout()
        fig.savefig(folder / "recall_at_k.png", dpi=80)
        plt.close(fig)
        out.append(("recall_at_k.png", "Recall@k (answerable questions)"))

    fig, ax = plt.subplots(figsize=(5, 3.2))
    answerable = [r["best_cosine"] or 0.0 for r in rows if r["answerable"]]
    unanswerable = [r["best_cosine"] or 0.0 for r in rows if not r["answerable"]]
    lo = min(answerable + unanswerable, default=0.0)
    hi = max(answerable + unanswerable, default=1.0)
    bins = [lo + (hi - lo) * i / 30 for i in range(31)] if hi > lo else 10
    ax.hist(answerable, bins=bins, alpha=0.6, label=f"answerable ({len(answerable)})")
    if unanswerable:
        ax.hist(unanswerable, bins=bins, alpha=0.6, label=f"unanswerable ({len(unanswerable)})")
    threshold = summary.get("abstain_threshold")
    if isinstance(threshold, int | float):
        ax.axvline(threshold, color="black", linestyle="--", linewidth=1,
                   label=f"threshold {threshold:.3f}")
    ax.set_xlabel("best dense cosine")
    ax.set_ylabel("questions")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(folder / "scores.png", dpi=80)
    plt.close(fig)
    out.append(("scores.png", "Best cosine: answerable vs unanswerable (abstention threshold)"))
    return out


def _mean_curve(curves: Sequence[Sequence[float]]) -> list[float]:
    return [sum(c[i] for c in curves) / len(curves) for i in range(len(curves[0]))]


def worst_queries(rows: Sequence[Mapping[str, Any]], n: int = WORST) -> list[Mapping[str, Any]]:
    """Answerable questions with the lowest nDCG@10 (then MRR), and unanswerable ones that were
    answered anyway (highest best cosine first)."""
    scored = [r for r in rows if r.get("scores")]
    scored.sort(key=lambda r: (r["scores"]["ndcg@10"], r["scores"]["mrr@10"], r["id"]))
    false_answers = sorted((r for r in rows if not r["answerable"] and not r["abstained"]),
                           key=lambda r: -(r["best_cosine"] or 0.0))
    return scored[:n] + false_answers[: max(0, n // 4)]


def render_html(report: Mapping[str, Any], plots: Sequence[tuple[str, str]]) -> str:
    summary = report["summary"]
    esc = html.escape
    parts = [
        "<!doctype html><html lang='ja'><head><meta charset='utf-8'>",
        f"<title>chonai eval: {esc(str(summary.get('dataset')))}</title>",
        "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}"
        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;"
        "padding:3px 6px;font-size:13px;vertical-align:top}th{background:#f3f3f3}"
        "td.n{text-align:right}.ok{color:#1a7f37}.ng{color:#b42318}</style></head><body>",
        f"<h1>chonai eval: {esc(str(summary.get('dataset')))}</h1>",
        "<h2>Summary</h2>", _table(["metric", "value"],
                                   [[k, _fmt(v)] for k, v in summary.items()]),
    ]
    for name, caption in plots:
        parts.append(f"<figure><img src='{esc(name)}' alt='{esc(caption)}'>"
                     f"<figcaption>{esc(caption)}</figcaption></figure>")
    for field, groups in report.get("breakdown", {}).items():
        if not groups:
            continue
        cols = list(next(iter(groups.values())))
        parts.append(f"<h2>By {esc(field)}</h2>")
        parts.append(_table([field, *cols], [[g, *(_fmt(v[c]) for c in cols)]
                                             for g, v in groups.items()]))
    parts.append("<h2>Worst queries</h2><p>Lowest nDCG@10 first; then unanswerable questions "
                 "that got an answer. ✓ marks a retrieved chunk matching a gold label.</p>")
    body = []
    for row in worst_queries(report["queries"]):
        scores = row.get("scores") or {}
        retrieved = "<br>".join(
            f"{'<span class=ok>✓</span>' if h.get('relevant') else '·'} {esc(h['citation'])} "
            f"({h.get('cosine', 0):.3f})" for h in row.get("hits", [])[:5]) or esc(
            " / ".join(row.get("top", [])))
        gold = "<br>".join(esc(g) for g in row.get("gold", [])) or (
            "(unanswerable)" if not row["answerable"] else "")
        body.append([esc(str(row["id"])), esc(row["query"][:200]), gold,
                     _fmt(scores.get("ndcg@10", "-")),
                     _fmt(row.get("best_cosine")), "yes" if row["abstained"] else "no",
                     retrieved])
    parts.append(_table(["id", "query", "gold", "nDCG@10", "best cos", "abstained",
                         "retrieved (top 5, cosine)"], body, escape=False))
    parts.append("</body></html>")
    return "\n".join(parts)


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value else "0"
    if value is None:
        return "-"
    return str(value)


def _table(head: Sequence[str], rows: Sequence[Sequence[Any]], *, escape: bool = True) -> str:
    cell = html.escape if escape else str
    out = ["<table><tr>", *(f"<th>{html.escape(str(h))}</th>" for h in head), "</tr>"]
    for row in rows:
        out.append("<tr>" + "".join(
            f"<td class='n'>{cell(str(v))}</td>" if _numeric(v) else f"<td>{cell(str(v))}</td>"
            for v in row) + "</tr>")
    out.append("</table>")
    return "".join(out)


def _numeric(value: Any) -> bool:
    try:
        float(str(value))
    except ValueError:
        return False
    return True


def load_report(path: Path) -> dict[str, Any]:
    """A report.json, or a folder holding one."""
    from core.errors import InputError

    file = path / "report.json" if path.is_dir() else path
    try:
        report = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"no report at {file}") from None
    except json.JSONDecodeError as err:
        raise InputError(f"{file}: invalid JSON ({err.msg} at line {err.lineno})") from None
    if not isinstance(report, dict) or "summary" not in report or "queries" not in report:
        raise InputError(f"{file}: not a chonai eval report (needs 'summary' and 'queries')")
    return report
