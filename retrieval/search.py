"""Hybrid search: synonym expansion, dense + sparse fusion inside Qdrant, per-article dedupe."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from core.content_guard import ContentGuard
from core.errors import InputError
from core.types import Hit
from index.embedders import Embedder
from index.stores.base import HybridQuery, ScoredRecord, SearchFilter, VectorStore
from index.tokenize_ja import JapaneseTokenizer, normalize, query_vector
from retrieval.rank import RANK_TOP_N, Ranker
from retrieval.references import Reference, ReferenceResolver, put_first
from retrieval.rerank import Reranker, rerank_hits

log = logging.getLogger(__name__)

MAX_QUERY_CHARS = 1000
MAX_TOP_K = 50
HELD_CACHE_MAX = 200_000  # answer-time guard results kept (a bool per chunk id)


class Synonyms:
    """Everyday word → formal terms, longest key first (有休 → 年次有給休暇)."""

    def __init__(self, entries: dict[str, tuple[str, ...]]) -> None:
        self._entries = dict(sorted(entries.items(), key=lambda kv: -len(kv[0])))

    @classmethod
    def load(cls, path: Path | None) -> Synonyms:
        entries: dict[str, tuple[str, ...]] = {}
        if path is None or not path.is_file():
            return cls(entries)
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if not line or line.startswith("#") or "\t" not in line:
                continue
            key, values = line.split("\t", 1)
            entries[normalize(key.strip())] = tuple(
                v.strip() for v in values.split("|") if v.strip())
        return cls(entries)

    def expand(self, query: str) -> list[str]:
        text = normalize(query)
        found: list[str] = []
        for key, values in self._entries.items():
            if key in text:
                text = text.replace(key, " ")
                found.extend(v for v in values if normalize(v) not in normalize(query))
        return list(dict.fromkeys(found))

    def __len__(self) -> int:
        return len(self._entries)


@dataclass(frozen=True, slots=True)
class SearchRequest:
    query: str
    top_k: int = 5
    kinds: tuple[str, ...] = ()
    document_ids: tuple[str, ...] = ()
    departments: tuple[str, ...] | None = None
    include_history: bool = False
    dedupe_articles: bool = True


@dataclass
class SearchResult:
    hits: list[Hit]
    expansions: list[str] = field(default_factory=list)
    ms: float = 0.0
    reference: Reference | None = None  # the document/条 the question names, if any


SEARCH_MODES = ("hybrid", "dense", "sparse")


class Searcher:
    """`mode` and `qa_aware` exist for the ablation in docs/BENCHMARKS.md; serving uses the
    defaults (hybrid, QA-aware). `weights` are the fusion weights (dense, sparse, question)."""

    def __init__(self, *, embedder: Embedder, store: VectorStore, tokenizer: JapaneseTokenizer,
                 synonyms: Synonyms, prefetch_limit: int = 50, fusion: str = "dbsf",
                 qa_aware: bool = True, weights: tuple[float, ...] | None = None,
                 mode: str = "hybrid", reranker: Reranker | None = None,
                 rerank_top_n: int = 20, content_guard: ContentGuard | None = None,
                 references: ReferenceResolver | None = None,
                 ranker: Ranker | None = None) -> None:
        if mode not in SEARCH_MODES:
            raise ValueError(f"unknown search mode {mode!r}: use one of {SEARCH_MODES}")
        self.embedder = embedder
        self.store = store
        self.tokenizer = tokenizer
        self.synonyms = synonyms
        self.prefetch_limit = prefetch_limit
        self.fusion = fusion
        self.qa_aware = qa_aware
        self.weights = weights
        self.mode = mode
        self.reranker = reranker
        self.rerank_top_n = rerank_top_n
        self.content_guard = content_guard  # answer-time re-check (protects an old index too)
        self._held: dict[str, bool] = {}  # chunk id -> flagged (a point's text never changes)
        self.references = references
        self.ranker = ranker

    @property
    def question_leg(self) -> bool:
        """Query FAQ `question` vectors too (indexes built before QA-aware indexing lack them)."""
        return self.qa_aware and self.mode != "sparse" and self.store.has_question

    def _flagged(self, hit: Hit) -> bool:
        """`flagged`, remembered per chunk id (ids are per document version and position, so
        the text behind one never changes; an approval is read from the payload each time)."""
        if hit.extra.get("quarantine_approved") or self.content_guard is None:
            return False
        known = self._held.get(hit.chunk_id)
        if known is None:
            if len(self._held) > HELD_CACHE_MAX:
                self._held.clear()
            known = self._held[hit.chunk_id] = flagged(self.content_guard, hit)
        return known

    def unheld(self, hits: Sequence[Hit]) -> list[Hit]:
        """Without the units the content guard flags (an index older than the guard)."""
        if self.content_guard is None:
            return list(hits)
        return [h for h in hits if not self._flagged(h)]

    def unit_hits(self, reference: Reference, departments: tuple[str, ...] | None
                  ) -> list[Hit]:
        """The chunks of a unit named outright that these departments may see: the named
        path skips the search, so its filters and the guard are applied here."""
        if self.references is None:
            return []
        return self.unheld(self.references.unit_hits(reference, departments))

    def search(self, request: SearchRequest) -> SearchResult:
        started = time.perf_counter()
        query = validate_query(request.query)
        if not 1 <= request.top_k <= MAX_TOP_K:
            raise InputError(f"top_k must be between 1 and {MAX_TOP_K}")
        expansions = self.synonyms.expand(query)
        dense_text = query + ("（" + "、".join(expansions) + "）" if expansions else "")
        dense = self.embedder.embed_queries([dense_text])[0]
        terms = self.tokenizer.terms(query)
        for extra in expansions:
            terms.extend(self.tokenizer.terms(extra))
        flt = SearchFilter(kinds=request.kinds, document_ids=request.document_ids,
                           departments=request.departments,
                           include_history=request.include_history)
        limit = min(request.top_k * 3, MAX_TOP_K * 3)
        if self.reranker is not None:
            limit = max(limit, self.rerank_top_n)
        if self.ranker is not None:
            limit = max(limit, RANK_TOP_N)
        records = self.store.query(HybridQuery(
            dense=None if self.mode == "sparse" else dense.tolist(),
            sparse=query_vector(terms) if terms and self.mode != "dense" else None, filter=flt,
            limit=limit, prefetch_limit=self.prefetch_limit, fusion=self.fusion,
            with_dense=True, with_question=self.question_leg, weights=self.weights))
        hits = [to_hit(r, dense) for r in records]
        hits = self.unheld(hits)
        if request.dedupe_articles:
            hits = dedupe_by_article(hits)
        if self.reranker is not None:
            hits = rerank_hits(self.reranker, query, hits, self.rerank_top_n)
        if self.ranker is not None:
            hits = self.ranker.rank(query, terms, hits)
        reference = self.references.resolve(query, request.departments) \
            if self.references is not None else None
        if reference is not None and _allows(request, reference):
            assert self.references is not None
            hits = put_first(hits, self.unit_hits(reference, request.departments),
                             search_order=reference.unit is not None
                             and reference.unit.paragraph is None)
        ms = (time.perf_counter() - started) * 1000
        log.info("retrieved", extra={"k": request.top_k, "hits": len(hits), "ms": round(ms, 1)})
        return SearchResult(hits[:request.top_k], expansions, ms, reference)


def _allows(request: SearchRequest, reference: Reference) -> bool:
    """A named unit is shown only where the request's own filters would show it."""
    if request.kinds and "regulation" not in request.kinds:
        return False
    return not request.document_ids or reference.document_id in request.document_ids


def validate_query(query: str) -> str:
    text = query.strip()
    if not text:
        raise InputError("query is empty")
    if len(text) > MAX_QUERY_CHARS:
        raise InputError(f"query is {len(text)} characters; the limit is {MAX_QUERY_CHARS}")
    control = next((ch for ch in text if ord(ch) < 32 and ch not in "\t\n\r"), None)
    if control is not None:  # NUL ends the string in the C tokenizer; none belongs in a question
        raise InputError(f"query contains the control character U+{ord(control):04X}")
    return text


def to_hit(record: ScoredRecord, query_dense: np.ndarray) -> Hit:
    p = record.payload
    cosine = (float(np.dot(np.asarray(record.dense, dtype=np.float32), query_dense))
              if record.dense is not None else None)
    extra: dict[str, Any] = {"cosine": cosine, "covers": p.get("covers", ""),
                             "faq_id": p.get("faq_id"), "context": p.get("context"),
                             "number": p.get("number"), "path": p.get("path") or [],
                             "current": p.get("current", True),
                             "quarantine_approved": bool(p.get("quarantine_approved"))}
    if p.get("meta"):
        extra["meta"] = json.loads(p["meta"])
    return Hit(
        chunk_id=record.id, score=record.score, kind=p.get("kind", ""),
        document_id=p.get("document_id", ""), document_title=p.get("document_title", ""),
        article=p.get("article"), paragraph=p.get("paragraph"), item=p.get("item"),
        page=p.get("page"), question=p.get("question"), text=p.get("text", ""),
        label=p.get("label", ""), answer=p.get("answer"), caption=p.get("caption"),
        part=p.get("part", "main"), owner_department=p.get("owner_department"),
        version=p.get("version", ""), extra=extra,
    )


def flagged(guard: ContentGuard, hit: Hit) -> bool:
    """The ingest checks again, before any text is listed or quoted: units indexed before the
    guard existed (or before its rules changed) never reach staff either. An owner's approval
    (payload quarantine_approved) stands."""
    if hit.extra.get("quarantine_approved"):
        return False
    found = guard.scan_fields(hit.question, hit.answer, hit.text, hit.caption,
                              hit.extra.get("context"))
    if found:
        log.warning("hit held at answer time", extra={
            "chunk_id": hit.chunk_id, "reasons": [f.reason for f in found]})
    return bool(found)


def dedupe_by_article(hits: Sequence[Hit]) -> list[Hit]:
    """Keep the best chunk per (document, version, article).

    FAQ and manual chunks are their own unit.
    """
    seen: set[tuple[str, str, str]] = set()
    out = []
    for hit in hits:
        if hit.article and hit.part == "main":
            key = (hit.document_id, hit.version, hit.article)
            if key in seen:
                continue
            seen.add(key)
        out.append(hit)
    return out
