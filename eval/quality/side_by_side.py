"""chonai beside the LlamaIndex-default peer on the same questions, corpus and embedding model.

Per set, both pipelines ingest the same parsed documents (indexes cached under
var/quality/<set>/ by corpus hash), then every question goes through chonai's search + answer
(what the API returns) and through the peer's fusion retriever (answer = top chunk). Scores are
kept per question and summarised per split (test reported, dev alongside).

Matching a result to a gold unit: chonai hits and citations by label (条/項, QA, page, section;
eval.quality.datasets.label_matches); peer chunks by text, a chunk counting for a gold unit when it
overlaps that unit's text (eval.quality.units.overlaps).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from core.types import Hit
from eval.quality import metrics
from eval.quality.corpora import Bench
from eval.quality.datasets import Label, Question, label_matches
from eval.quality.peer import PeerHit, PeerPipeline
from eval.quality.units import overlaps, unit_text
from index.tokenize_ja import normalize
from retrieval.search import SearchRequest

PIPELINES = ("chonai", "peer")
RANK_K = 10


@dataclass
class Row:
    """One question through one pipeline."""

    id: str
    split: str
    answerable: bool
    abstained: bool
    gains: list[float] = field(default_factory=list)  # per ranked result, a label credited once
    found_at_5: int = 0  # gold labels among the top 5
    labels: int = 0
    grades: list[float] = field(default_factory=list)  # each gold label's grade (the ideal)
    cited_units: list[tuple[int, int]] = field(default_factory=list)  # (gold units, units)
    answer_chars: int = 0
    top: str = ""
    faith: dict[str, int] | None = None  # LLM runs: sentences generated/verified/dropped, calls


def _credit(labels: Sequence[Label], results: Sequence[Any],
            matches: Callable[[Label, Any], bool]) -> tuple[list[float], int]:
    used: set[int] = set()
    gains = []
    for result in results:
        gain = 0.0
        for i, label in enumerate(labels):
            if i not in used and matches(label, result):
                used.add(i)
                gain = max(gain, label.grade)
        gains.append(gain)
    found5 = sum(1 for label in labels if any(matches(label, r) for r in results[:5]))
    return gains, found5


def faithfulness_counts(result: Any) -> dict[str, int] | None:
    """What the answerer reports for an LLM answer (sentences written, verified, dropped;
    replies regenerated) plus whether it fell back to excerpts; None without an LLM."""
    from answer.answerer import UNVERIFIED_NOTICE

    counts = getattr(result, "verification", None)
    if not counts:
        return None
    return {**counts, "fallback": int(result.notice == UNVERIFIED_NOTICE)}


class StoredQueryEmbedder:
    """Query embeddings kept in SQLite across runs and shared by both pipelines (each question
    is embedded once, not once per pipeline and run); passages pass through."""

    def __init__(self, inner: Any, path: Path) -> None:
        import sqlite3

        self._inner = inner
        self.model_id = inner.model_id
        self.dim = inner.dim
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS query (key TEXT PRIMARY KEY, v BLOB)")

    def _key(self, text: str) -> str:
        import hashlib

        return hashlib.sha256(f"{self.model_id}\0{self.dim}\0{text}".encode()).hexdigest()

    def embed_queries(self, texts: Sequence[str]) -> Any:
        import numpy as np

        rows = []
        for text in texts:
            key = self._key(text)
            found = self._db.execute("SELECT v FROM query WHERE key = ?", (key,)).fetchone()
            if found is None:
                vector = np.asarray(self._inner.embed_queries([text])[0], dtype=np.float32)
                self._db.execute("INSERT OR REPLACE INTO query VALUES (?, ?)",
                                 (key, vector.tobytes()))
                self._db.commit()
            else:
                vector = np.frombuffer(found[0], dtype=np.float32)
            rows.append(vector)
        return np.vstack(rows) if rows else np.zeros((0, self.dim), dtype=np.float32)

    def embed_passages(self, texts: Sequence[str]) -> Any:
        return self._inner.embed_passages(texts)

    def close(self) -> None:
        self._db.close()


def _hit_from_citation(entry: dict[str, Any]) -> Hit:
    names = ("chunk_id", "score", "kind", "document_id", "document_title", "article",
             "paragraph", "item", "page", "question", "text", "label", "answer", "caption",
             "part")
    return Hit(**{n: entry[n] for n in names if n in entry})


def run_chonai(services: Any, question: Question, split: str) -> Row:
    from eval.quality.runner import units_matched

    hits = services.searcher.search(SearchRequest(query=question.query, top_k=RANK_K)).hits
    result = services.answerer.ask(question.query, mode="answer")
    row = Row(question.id, split, question.answerable, bool(result.abstained),
              top=hits[0].citation_label() if hits else "")
    if not result.abstained:
        row.answer_chars = len(result.answer or "")
    row.faith = faithfulness_counts(result)
    if question.answerable:
        row.labels = len(question.labels)
        row.gains, row.found_at_5 = _credit(question.labels, hits, label_matches)
        row.grades = [label.grade for label in question.labels]
        by_id = {h.chunk_id: h for h in hits}
        if not result.abstained:
            cited = [by_id.get(c.get("chunk_id")) or _hit_from_citation(c)
                     for c in result.citations]
            row.cited_units = [units_matched(question.labels, h) for h in cited]
    return row


class GoldTexts:
    """Gold unit texts of a set, resolved once from its parsed sources (for the peer)."""

    def __init__(self, bench: Bench) -> None:
        self._docs = {normalize(s.document.title): s.document for s in bench.sources}
        self._cache: dict[Label, str] = {}

    def text(self, label: Label) -> str:
        if label not in self._cache:
            doc = self._docs.get(normalize(label.document))
            text = unit_text(doc, label) if doc is not None else ""
            if not text and doc is not None and label.paragraph:  # 項 without its own text
                text = unit_text(doc, replace(label, paragraph=None, item=None))
            self._cache[label] = text
        return self._cache[label]

    def matches(self, label: Label, hit: PeerHit) -> bool:
        if normalize(hit.title) != normalize(label.document):
            return False
        gold = self.text(label)
        return bool(gold) and overlaps(hit.text, gold)


def run_peer(pipeline: PeerPipeline, gold: GoldTexts, question: Question, split: str) -> Row:
    hits = pipeline.retrieve(question.query)
    row = Row(question.id, split, question.answerable, abstained=False,
              answer_chars=len(hits[0].text) if hits else 0,
              top=f"{hits[0].title} {hits[0].text[:30]}" if hits else "")
    if question.answerable:
        row.labels = len(question.labels)
        row.gains, row.found_at_5 = _credit(question.labels, hits, gold.matches)
        row.grades = [label.grade for label in question.labels]
        if hits:
            row.cited_units = [(int(row.gains[0] > 0 or any(
                gold.matches(lb, hits[0]) for lb in question.labels)), 1)]
    return row


def summarize(rows: Sequence[Row]) -> dict[str, Any]:
    """The side-by-side metrics of one pipeline on one split."""
    answerable = [r for r in rows if r.answerable]
    out: dict[str, Any] = {"questions": len(rows), "answerable": len(answerable)}
    if answerable:
        out["recall@5"] = _mean(r.found_at_5 / r.labels for r in answerable)
        out["p@1"] = _mean(metrics.precision_at_1(r.gains) for r in answerable)
        out["mrr@10"] = _mean(metrics.mrr_at_k(r.gains, RANK_K) for r in answerable)
        out["ndcg@10"] = _mean(metrics.ndcg_at_k(r.gains, r.grades or [1.0] * r.labels, RANK_K)
                               for r in answerable)
        units = [u for r in answerable for u in r.cited_units]
        out["citation_precision"] = round(metrics.unit_precision(units), 4) if units else None
        out["answer_hit_rate"] = _mean(float(any(g for g, _ in r.cited_units))
                                       for r in answerable)
        out["answerable_refused"] = _mean(float(r.abstained) for r in answerable)
    if len(answerable) < len(rows):
        abst = metrics.abstention_scores([r.abstained for r in rows],
                                         [not r.answerable for r in rows])
        out.update({f"abstention_{k}": round(abst[k], 4) for k in ("precision", "recall", "f1")})
    lengths = [r.answer_chars for r in rows if not r.abstained and r.answer_chars]
    out["answer_chars"] = round(statistics.mean(lengths), 1) if lengths else None
    faith = [r.faith for r in rows if r.faith]
    if faith:
        totals = {k: sum(f[k] for f in faith) for k in faith[0]}
        out["faithfulness"] = {
            **totals, "answers": len(faith),
            "verified_share": round(totals["verified"] / totals["written"], 4)
            if totals["written"] else None}
    return out


def _mean(values: Any) -> float:
    values = list(values)
    return round(sum(values) / len(values), 4) if values else 0.0


@dataclass
class BenchRun:
    name: str
    rows: dict[str, list[Row]]
    timing: dict[str, float]
    sizes: dict[str, int]

    def summary(self, split: str) -> dict[str, dict[str, Any]]:
        return {p: summarize([r for r in self.rows[p] if split == "all" or r.split == split])
                for p in self.rows}


def run_bench(bench: Bench, *, services: Any, peer: PeerPipeline, timing: dict[str, float],
              sizes: dict[str, int], progress: bool = False) -> BenchRun:
    gold = GoldTexts(bench)
    rows: dict[str, list[Row]] = {"chonai": [], "peer": []}
    started = time.perf_counter()
    for n, question in enumerate(bench.dataset.questions, start=1):
        split = question.fields.get("split", "test")
        rows["chonai"].append(run_chonai(services, question, split))
        if progress and n % 50 == 0:
            print(f"  {bench.name}: chonai {n}/{len(bench.dataset.questions)}", file=sys.stderr)
    timing["chonai_query_s"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    for question in bench.dataset.questions:
        rows["peer"].append(run_peer(peer, gold, question, question.fields.get("split", "test")))
    timing["peer_query_s"] = round(time.perf_counter() - started, 1)
    return BenchRun(bench.name, rows, timing, sizes)


INDEX_LAYOUT = "2"  # bump when chonai's ingestion changes: cached indexes are then rebuilt


def prepare_chonai(bench: Bench, settings: Any, embedder: Any, *, reindex: bool = False
                   ) -> tuple[Any, float, int]:
    """Services over var/quality/<set>/chonai with the set's sources ingested (reused when the
    corpus hash and INDEX_LAYOUT match; otherwise, or with `reindex`, rebuilt from the cached
    passage embeddings). Returns (services, seconds spent ingesting, chunks)."""
    import json
    import shutil

    from services.build import build_services

    stamp = settings.data_dir / "bench.json"
    wanted = {"key": bench.key, "layout": INDEX_LAYOUT}
    if settings.data_dir.is_dir() and (reindex or not stamp.is_file() or json.loads(
            stamp.read_text("utf-8")) != wanted):
        for path in settings.data_dir.iterdir():  # keep embeddings.sqlite: nothing to re-embed
            if path.name != "embeddings.sqlite":
                shutil.rmtree(path) if path.is_dir() else path.unlink()
    services = build_services(settings, embedder=embedder)
    started = time.perf_counter()
    chunks = 0
    for source in bench.sources:
        result = services.indexer.ingest(source.document, content_sha256=source.sha256,
                                         source_name=source.name)
        chunks += result.chunks
    stamp.write_text(json.dumps(wanted), "utf-8")
    chunks = sum(d.chunk_count for d in services.catalog.list_documents())
    return services, time.perf_counter() - started, chunks
