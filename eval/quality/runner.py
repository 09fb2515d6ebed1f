"""Run a labeled question set through the normal search + answer path and score it."""

from __future__ import annotations

import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from answer.answerer import best_cosine
from core.errors import RagError
from core.settings import Settings
from core.types import Hit
from eval.quality import metrics
from eval.quality.datasets import (
    Dataset,
    Label,
    Question,
    graded_gains,
    label_matches,
    load_dataset,
)
from retrieval.search import SearchRequest
from services.build import Services

RANK_METRICS = ("p@1", "recall@5", "recall@10", "mrr@10", "ndcg@10", "map")


def labels_found(labels: Sequence[Label], hits: Sequence[Hit]) -> int:
    return sum(1 for label in labels if any(label_matches(label, h) for h in hits))


def score_question(question: Question, hits: Sequence[Hit]) -> dict[str, float]:
    gains = graded_gains(question.labels, hits)
    n = len(question.labels)
    return {
        "p@1": metrics.precision_at_1(gains),
        "recall@5": labels_found(question.labels, hits[:5]) / n,
        "recall@10": labels_found(question.labels, hits[:10]) / n,
        "mrr@10": metrics.mrr_at_k(gains, 10),
        "ndcg@10": metrics.ndcg_at_k(gains, [lb.grade for lb in question.labels], 10),
        "map": metrics.average_precision(gains, n),
    }


def label_text(label: Label) -> str:
    """A gold label as evaluators read it: "労働基準法 article=39 paragraph=1"."""
    parts = [label.document]
    for name in ("article", "paragraph", "item", "faq_id", "page", "part", "table"):
        value = getattr(label, name)
        if value not in (None, ""):
            parts.append(f"{name}={value}")
    return " ".join(parts)


def answer_question(services: Services, question: Question, hits: Sequence[Hit],
                    top_k: int) -> dict[str, Any]:
    """Ask the real Answerer; each citation is checked against the gold labels. The answerer
    runs the same search request, so its cited chunk ids resolve to `hits` (with `covers`)."""
    result = services.answerer.ask(question.query, mode="answer", top_k=top_k)
    by_id = {h.chunk_id: h for h in hits}
    cited = [_at_unit(by_id.get(c["chunk_id"]) or _hit_from_dict(c), c)
             for c in result.citations]
    return {
        "abstained": result.abstained,
        "citations": [h.citation_label() for h in cited],
        "cited_relevant": [any(label_matches(lb, h) for lb in question.labels) for h in cited],
        "cited_span": [max(1, len([p for p in str(h.extra.get("covers", "")).split(",") if p]))
                       for h in cited],
        "cited_units": [list(units_matched(question.labels, h)) for h in cited],
    }


def _at_unit(hit: Hit, citation: dict[str, Any]) -> Hit:
    """The hit narrowed to the 項 the citation names (a whole-article chunk cited at one 項)."""
    paragraph = citation.get("unit_paragraph")
    if paragraph and not hit.paragraph:
        return replace(hit, paragraph=str(paragraph))
    return hit


def units_matched(labels: Sequence[Label], hit: Hit) -> tuple[int, int]:
    """(covered units matching a label, covered units) of one hit: a unit is one 条, QA or page
    of a merged chunk; a structure-aware chunk is one unit."""
    units = [u for u in str(hit.extra.get("covers", "")).split(",") if u]
    if len(units) <= 1:
        return int(any(label_matches(lb, hit) for lb in labels)), 1
    matched = 0
    for unit in units:
        article = unit[2:] if unit.startswith("a:") else None
        single = replace(hit, article=article, paragraph=None, item=None,
                         extra={**hit.extra, "covers": unit})
        matched += any(label_matches(lb, single) for lb in labels)
    return matched, len(units)


def _hit_from_dict(entry: dict[str, Any]) -> Hit:
    names = ("chunk_id", "score", "kind", "document_id", "document_title", "article",
             "paragraph", "item", "page", "question", "text", "label", "answer", "caption",
             "part")
    fields: dict[str, Any] = {n: entry[n] for n in names if n in entry}
    return Hit(**fields)


def mean_scores(rows: Sequence[dict[str, float]]) -> dict[str, float]:
    if not rows:
        return {}
    return {m: round(sum(r[m] for r in rows) / len(rows), 4) for m in RANK_METRICS}


def run_eval(dataset_path: Path | Dataset, *, settings: Settings, top_k: int = 10,
             granularity: str = "article", report_dir: Path | None = None,
             services: Services | None = None, answer_mode: bool = True) -> dict[str, Any]:
    """Search (and, with answer_mode, ask the Answerer) for every question; `dataset_path` may
    be a Dataset built in memory (eval.quality.lawqa)."""
    from services.build import build_services

    dataset = (dataset_path if isinstance(dataset_path, Dataset)
               else load_dataset(dataset_path))
    own = services is None
    services = services or build_services(settings)
    try:
        if dataset.corpus_path is not None:
            _ingest_corpus(services, dataset, granularity)
        return _run(dataset, services, top_k=max(top_k, 10), report_dir=report_dir,
                    granularity=granularity, answer_mode=answer_mode)
    finally:
        if own:
            services.close()


def _ingest_corpus(services: Services, dataset: Dataset, granularity: str) -> None:
    """The dataset's own FAQ corpus (BEIR-style JSON), whatever its size."""
    from index.ingest import ConsoleEvents, ingest_files

    path = dataset.corpus_path
    assert path is not None
    print(f"ingesting {path} …", file=sys.stderr)
    report = ingest_files(services.indexer, [path], kind="faq", events=ConsoleEvents(),
                          max_bytes=max(services.settings.max_upload_bytes, path.stat().st_size),
                          granularity="qa" if granularity == "article" else granularity)
    if report["errors"]:
        raise RagError(f"{path}: {report['errors'][0]['error']}")


def _run(dataset: Dataset, services: Services, *, top_k: int, report_dir: Path | None,
         granularity: str, answer_mode: bool = True) -> dict[str, Any]:
    from tqdm import tqdm

    model = services.answerer.abstain_model
    per_query: list[dict[str, Any]] = []
    latencies: list[float] = []
    answer_ms: list[float] = []
    for question in tqdm(dataset.questions, desc="queries", file=sys.stderr,
                         disable=not sys.stderr.isatty()):
        started = time.perf_counter()
        found = services.searcher.search(SearchRequest(query=question.query, top_k=top_k))
        hits = found.hits
        latencies.append((time.perf_counter() - started) * 1000)
        decision = services.answerer.decide(question.query, found)
        abstained = decision.abstain
        row: dict[str, Any] = {
            "id": question.id, "query": question.query, "answerable": question.answerable,
            "abstained": abstained, **question.fields,
            "best_cosine": best_cosine(hits), "p_answerable": decision.p_answerable,
            "signals": decision.signals, "abstain_reason": decision.reason,
            "top": [h.citation_label() for h in hits[:3]],
            "hits": [{"citation": h.citation_label(), "score": round(h.score, 4),
                      "cosine": round(float(h.extra.get("cosine") or 0.0), 4),
                      "relevant": any(label_matches(lb, h) for lb in question.labels)}
                     for h in hits[:10]],
        }
        if question.answerable:
            row["gold"] = [label_text(lb) for lb in question.labels]
            row["scores"] = score_question(question, hits)
            row["recall_at"] = [round(labels_found(question.labels, hits[:k])
                                      / len(question.labels), 4) for k in range(1, 11)]
            if answer_mode:
                # time the answer as asked cold, not after its own search
                services.embedder.forget_queries()
                started = time.perf_counter()
                row["answer"] = answer_question(services, question, hits, top_k)
                answer_ms.append((time.perf_counter() - started) * 1000)
        per_query.append(row)
    answerable = [r for r in per_query if r["answerable"]]
    summary: dict[str, Any] = {
        "dataset": dataset.name, "questions": len(per_query), "answerable": len(answerable),
        "granularity": granularity, **mean_scores([r["scores"] for r in answerable]),
        "latency_p50_ms": round(metrics.percentile(latencies, 50), 1),
        "latency_p95_ms": round(metrics.percentile(latencies, 95), 1),
        "abstain_model": model.info.get("kind", "logistic"),
    }
    if answer_mode and answerable:
        flags = [r["answer"]["cited_relevant"] for r in answerable]
        spans = [n for r in answerable for n in r["answer"]["cited_span"]]
        summary.update({
            "citation_precision": round(metrics.citation_precision(flags), 4),
            "answer_hit_rate": round(metrics.answer_hit_rate(flags), 4),
            "citation_unit_precision": round(metrics.unit_precision(
                [tuple(u) for r in answerable for u in r["answer"]["cited_units"]]), 4),
            "citations_per_answer": round(sum(map(len, flags)) / len(flags), 2),
            "units_per_citation": round(sum(spans) / len(spans), 2) if spans else 0.0,
            "answer_latency_p50_ms": round(metrics.percentile(answer_ms, 50), 1),
            "answer_latency_p95_ms": round(metrics.percentile(answer_ms, 95), 1),
        })
    if len(answerable) < len(per_query):
        abst = metrics.abstention_scores([r["abstained"] for r in per_query],
                                         [not r["answerable"] for r in per_query])
        summary.update({f"abstention_{k}": round(v, 4) for k, v in abst.items()})
    breakdown = _breakdown(answerable)
    breakdown.update(parity_split(answerable))
    report = {"summary": summary, "breakdown": breakdown, "queries": per_query}
    if report_dir is not None:
        report_dir.mkdir(parents=True, exist_ok=True)
        (report_dir / "report.json").write_text(
            json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        from eval.quality.report import write_html

        write_html(report, report_dir)
    return report


def parity_split(rows: Sequence[dict[str, Any]]) -> dict[str, dict[str, dict[str, float]]]:
    """Scores on even- and odd-numbered question ids (the trailing digits of the id): tune on
    even, report odd as held out. Empty when ids carry no number."""
    groups: dict[str, list[dict[str, float]]] = defaultdict(list)
    for row in rows:
        digits = re.search(r"(\d+)$", str(row["id"]))
        if digits is None:
            return {}
        groups["odd" if int(digits.group(1)) % 2 else "even"].append(row["scores"])
    return {"parity": {k: {"n": len(v), **mean_scores(v)} for k, v in sorted(groups.items())}}


def _breakdown(rows: Sequence[dict[str, Any]]) -> dict[str, dict[str, dict[str, float]]]:
    out: dict[str, dict[str, dict[str, float]]] = {}
    for field in ("kind", "difficulty"):
        groups: dict[str, list[dict[str, float]]] = defaultdict(list)
        for row in rows:
            if field in row:
                groups[row[field]].append(row["scores"])
        if groups:
            out[field] = {k: {"n": len(v), **mean_scores(v)} for k, v in sorted(groups.items())}
    return out
