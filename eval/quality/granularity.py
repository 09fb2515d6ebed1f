"""The granularity experiment: same documents, same questions, chunked per file / section /
article (structure-aware). One data dir per experiment and granularity, so a rerun reuses the
content-hash embedding cache and the index.

    python -m eval.quality.granularity [--experiment lawqa|sample]... [--out DIR] [--plot PNG]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from core.settings import Settings
from core.types import ParsedDocument
from eval.quality.datasets import Dataset, load_dataset

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "datasets"  # ../shared/datasets beside the repository
GRANULARITIES = ("file", "section", "article")
EXPERIMENTS = ("lawqa", "sample")
COLUMNS = ("recall@5", "ndcg@10", "citation_precision", "citation_unit_precision",
           "answer_hit_rate", "units_per_citation")


def lawqa_inputs(shared: Path = SHARED, *, egov_distractors: bool = False
                 ) -> tuple[Dataset, list[tuple[str, ParsedDocument]], dict[str, Any]]:
    """lawqa_jp questions; corpus = the statute excerpts rebuilt from all gold passages (each
    question's passage is a distractor for the others), optionally plus the six e-Gov laws of
    egov_law_xml (they cover no lawqa_jp question; ~1M characters to embed per granularity)."""
    from eval.quality.lawqa import coverage, excerpt_xml, load_lawqa
    from ingest.egov_xml import parse_egov_xml

    lawqa = load_lawqa(shared / "lawqa_jp")
    docs = []
    for title, articles in sorted(lawqa.laws.items()):
        xml = excerpt_xml(title, list(articles.values()))
        docs.append((hashlib.sha256(xml).hexdigest(), parse_egov_xml(xml)))
    for path in sorted((shared / "egov_law_xml").glob("*.xml")) if egov_distractors else []:
        data = path.read_bytes()
        docs.append((hashlib.sha256(data).hexdigest(), parse_egov_xml(data)))
    cov = coverage(shared / "lawqa_jp", shared / "egov_law_xml")
    notes = {"questions_total": cov["questions"], "questions_used": len(lawqa.dataset.questions),
             "skipped_no_statute_article": lawqa.skipped,
             "covered_by_egov_law_xml": len(cov["covered"]),
             "excerpt_laws": {t: len(a) for t, a in sorted(lawqa.laws.items())}}
    return lawqa.dataset, docs, notes


def sample_inputs() -> tuple[Dataset, list[tuple[str, ParsedDocument]], dict[str, Any]]:
    from ingest.pipeline import discover, load_file

    docs = []
    for path in discover([REPO / "data" / "sample" / "corpus"]):
        loaded = load_file(path, max_bytes=50_000_000)
        docs.append((loaded.sha256, loaded.document))
    return load_dataset(REPO / "data" / "sample" / "eval.jsonl"), docs, {}


def run_experiment(name: str, out: Path, granularities: Sequence[str] = GRANULARITIES, *,
                   egov_distractors: bool = False, shared: Path = SHARED,
                   reuse: bool | str = False) -> dict[str, Any]:
    """Ingest and score each granularity; `reuse` keeps a run whose report.json exists, and
    `reuse="only"` skips the runs that have none."""
    from db.catalog import Catalog
    from eval.quality.report import load_report
    from eval.quality.runner import run_eval
    from services.build import build_services

    dataset, docs, notes = (lawqa_inputs(shared, egov_distractors=egov_distractors)
                            if name == "lawqa" else sample_inputs())
    if egov_distractors and name == "lawqa":
        name = "lawqa+egov"
    results: dict[str, Any] = {"experiment": name, "dataset": dataset.name,
                               "questions": len(dataset.questions), "notes": notes,
                               "granularities": {}}
    for granularity in granularities:
        settings = Settings(data_dir=out / f"{name}-{granularity}", _env_file=None)
        run_dir = out / "reports" / f"{name}-{granularity}"
        if reuse and (run_dir / "report.json").exists():
            report = load_report(run_dir)
            chunks = sum(d.chunk_count for d in Catalog(settings.db_url).list_documents())
            results["granularities"][granularity] = _row(report, chunks)
            continue
        if reuse == "only":
            continue
        services = build_services(settings)
        try:
            started = time.perf_counter()
            chunks = 0
            for sha, doc in docs:
                res = services.indexer.ingest(doc, content_sha256=sha, source_name=doc.title,
                                              granularity=granularity)
                chunks += res.chunks
            ingest_s = time.perf_counter() - started
            print(f"{name}/{granularity}: {chunks} chunks ({ingest_s:.0f} s), querying …",
                  file=sys.stderr)
            report = run_eval(dataset, settings=settings, services=services,
                              granularity=granularity)
        finally:
            services.close()
        run_dir.mkdir(parents=True, exist_ok=True)
        (run_dir / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1),
                                             encoding="utf-8")
        results["granularities"][granularity] = _row(report, chunks)
    return results


def _row(report: dict[str, Any], chunks: int) -> dict[str, Any]:
    summary = report["summary"]
    return {"chunks": chunks, **{c: summary.get(c) for c in COLUMNS},
            "p@1": summary.get("p@1"), "mrr@10": summary.get("mrr@10"),
            "breakdown": report["breakdown"].get("kind", {})}


def markdown_table(results: Sequence[dict[str, Any]]) -> str:
    lines = ["| set | granularity | chunks | Recall@5 | nDCG@10 | citation precision | "
             "citation unit precision | answer hit rate | units per citation |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for res in results:
        for g, row in res["granularities"].items():
            lines.append(f"| {res['experiment']} | {g} | {row['chunks']} | {row['recall@5']:.3f} "
                         f"| {row['ndcg@10']:.3f} | {row['citation_precision']:.3f} | "
                         f"{row['citation_unit_precision']:.3f} | "
                         f"{row['answer_hit_rate']:.3f} | {row['units_per_citation']:.2f} |")
    return "\n".join(lines)


def plot(results: Sequence[dict[str, Any]], path: Path) -> None:
    """Recall@5, citation precision and unit precision per granularity, one panel per set
    (ASCII labels, so no Japanese font is needed)."""
    from eval.quality.report import pyplot

    plt = pyplot()
    fig, axes = plt.subplots(1, len(results), figsize=(4.2 * len(results), 3.2), squeeze=False)
    for ax, res in zip(axes[0], results, strict=True):
        names = list(res["granularities"])
        width = 0.27
        for offset, metric, color in ((-width, "recall@5", "#4c72b0"),
                                      (0.0, "citation_precision", "#dd8452"),
                                      (width, "citation_unit_precision", "#55a868")):
            values = [res["granularities"][g][metric] or 0.0 for g in names]
            bars = ax.bar([i + offset for i in range(len(names))], values, width,
                          label=metric, color=color)
            ax.bar_label(bars, fmt="%.2f", fontsize=7)
        ax.set_xticks(range(len(names)), names)
        ax.set_ylim(0, 1.25)
        ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
        ax.set_title(f"{res['experiment']} ({res['questions']} questions)", fontsize=9)
        ax.legend(fontsize=6, loc="upper center", ncol=3, frameon=False)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=80)
    plt.close(fig)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.quality.granularity", description=__doc__)
    parser.add_argument("--experiment", action="append", choices=EXPERIMENTS,
                        help="default: both")
    parser.add_argument("--granularity", action="append", choices=GRANULARITIES,
                        help="default: file, section, article")
    parser.add_argument("--out", type=Path, default=REPO / "var" / "eval-granularity",
                        help="data dirs and per-run report.json files")
    parser.add_argument("--plot", type=Path, help="write the PNG here (e.g. docs/img/…)")
    parser.add_argument("--shared", type=Path, default=SHARED,
                        help="the shared datasets folder (default: ../shared/datasets)")
    parser.add_argument("--reuse", action="store_true",
                        help="keep runs whose OUT/reports/*/report.json exists")
    parser.add_argument("--collect", action="store_true",
                        help="only collect existing runs (table, JSON, plot); run nothing")
    parser.add_argument("--egov-distractors", action="store_true",
                        help="lawqa: also ingest the six e-Gov laws as distractors (slow)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    results = [run_experiment(name, args.out, args.granularity or list(GRANULARITIES),
                              egov_distractors=args.egov_distractors, shared=args.shared,
                              reuse="only" if args.collect else args.reuse)
               for name in args.experiment or list(EXPERIMENTS)]
    (args.out / "granularity.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.plot:
        plot(results, args.plot)
    print(json.dumps(results, ensure_ascii=False, indent=1) if args.json
          else markdown_table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
