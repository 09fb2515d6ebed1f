"""Write parsed documents into the vector store and the catalog, version by version.

Order of operations keeps the store consistent if a run dies half-way: an intent row is
committed, new points are written with current=False under deterministic ids, the catalog commits
the new version, and only then are the flags flipped (old versions current=False, the new one
current=True) and the intent removed. `recover()` (at start-up and before each ingest) finishes
or undoes whatever a killed run left: uncommitted points are deleted, committed flips redone.
Re-running the same ingest redoes exactly the same writes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from core.content_guard import ContentGuard, hidden_snippets
from core.errors import InputError, NotFoundError
from core.storage import DiskGuard
from core.types import Chunk, Kind, ParsedDocument
from core.writegate import WriteGate
from db.catalog import Catalog
from db.quarantine import APPROVED, Quarantine, unit_sha256
from index.duplicates import find_duplicates
from index.embedders import Embedder
from index.stores.base import PUBLIC, PointRecord, SearchFilter, SparseVector, VectorStore
from index.tokenize_ja import JapaneseTokenizer, normalize
from index.unit_diff import diff_units, unit_sha
from ingest.granularity import covers, regroup

log = logging.getLogger(__name__)

POINT_NAMESPACE = uuid.UUID("6f1c1d8e-8f3a-5c55-9d1e-2f0c6b8a7c11")
PARSER_VERSION = "1"  # bump when chunking changes, so unchanged files are re-chunked
UPSERT_BATCH = 64
EXCLUSIVE_BACKENDS = ("qdrant-edge", "qdrant-local")  # one process holds the store at a time
STALE_INTENT_S = 3600.0  # shared Qdrant server: younger intents may be another server's work
POINT_BYTES = 2048  # on-disk size of a point besides its vectors and text (estimate)


@dataclass
class IngestResult:
    document_id: str
    title: str
    kind: str
    version: str
    chunks: int
    status: str  # "added" | "replaced" | "unchanged" | "departments-updated"
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    flagged: list[dict[str, Any]] = field(default_factory=list)  # units held for review
    units: dict[str, int] | None = None  # replaced: same/changed/added/removed vs the last one

    def to_dict(self) -> dict[str, Any]:
        return {
            "document_id": self.document_id, "title": self.title, "kind": self.kind,
            "version": self.version, "chunks": self.chunks, "status": self.status,
            "duplicates": self.duplicates, "warnings": self.warnings, "flagged": self.flagged,
            "units": self.units,
        }


@dataclass
class PendingVersion:
    """A document between the ingest steps: what `prepare` decided and built, the vectors
    `embed` added; `write` turns it into points, catalog rows and flipped flags."""

    doc: ParsedDocument
    doc_id: str
    version: str
    departments: list[str]
    source_name: str
    content_sha256: str
    granularity: str
    existing: Any
    result: IngestResult
    mode: str = "new"  # new | unchanged | departments
    texts: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    payloads: list[dict[str, Any]] = field(default_factory=list)
    dense: list[list[float]] = field(default_factory=list)
    question: list[list[float]] = field(default_factory=list)
    sparse: list[Any] = field(default_factory=list)  # per batch: list or Future of a list
    held: dict[int, dict[str, Any]] = field(default_factory=dict)  # units the guard flagged


def document_id_for(kind: str, title: str) -> str:
    """Stable across amendments: the same title and kind always name the same document."""
    digest = hashlib.sha1(f"{kind}\0{normalize(title)}".encode()).hexdigest()[:12]
    return f"{kind[:3]}-{digest}"


def point_id(document_id: str, version: str, position: int) -> str:
    return str(uuid.uuid5(POINT_NAMESPACE, f"{document_id}/{version}/{position}"))


def passage_text(title: str, chunk: Chunk) -> str:
    """What gets embedded and term-indexed: title, caption/context and the text."""
    return compose_passage(title, label=chunk.label, caption=chunk.caption,
                           context=chunk.context, text=chunk.text, question=chunk.question,
                           answer=chunk.answer)


def compose_passage(title: str, *, label: str | None, caption: str | None,
                    context: str | None, text: str, question: str | None,
                    answer: str | None) -> str:
    """passage_text from loose fields, so a stored payload can be re-embedded (reindex)."""
    if question is not None:
        return f"{question}\n{answer or text}"
    head = " ".join(p for p in (title, label, f"（{caption}）" if caption else "") if p)
    extra = f"\n{context}" if context else ""
    return f"{head}{extra}\n{text}"


class Indexer:
    def __init__(self, *, catalog: Catalog, store: VectorStore, embedder: Embedder,
                 tokenizer: JapaneseTokenizer, disk_guard: DiskGuard | None = None,
                 write_gate: WriteGate | None = None,
                 content_guard: ContentGuard | None = None) -> None:
        self.catalog = catalog
        self.write_gate = write_gate or WriteGate(None)  # held by every write (backup waits)
        self.store = store
        self.embedder = embedder
        self.tokenizer = tokenizer
        self.disk_guard = disk_guard
        self.content_guard = content_guard  # None: units are not scanned (tests, reindex)
        self.quarantine = Quarantine(catalog.engine)
        self._active: set[tuple[str, str]] = set()  # versions this process is writing now
        self._active_lock = threading.Lock()

    def ingest(self, doc: ParsedDocument, *, content_sha256: str, source_name: str,
               departments: Sequence[str] = (), granularity: str = "article",
               document_id: str | None = None,
               progress: Callable[[int], None] | None = None) -> IngestResult:
        """One document, start to end; the batch ingest runs the same three steps
        (prepare, embed, write) overlapped across documents (index/ingest.py)."""
        with self.storage_errors(), self.write_gate.held():
            self.recover()
            pending = self.prepare(doc, content_sha256=content_sha256, source_name=source_name,
                                   departments=departments, granularity=granularity,
                                   document_id=document_id)
            self.embed(pending, progress=progress)
            return self.write(pending)

    def prepare(self, doc: ParsedDocument, *, content_sha256: str, source_name: str,
                departments: Sequence[str] = (), granularity: str = "article",
                document_id: str | None = None) -> PendingVersion:
        """Decide what a document needs (nothing, a departments update, a new version) and
        build its passages and payloads; reads the catalog, writes nothing."""
        doc = regroup(doc, granularity)
        doc_id = document_id or document_id_for(doc.kind.value, doc.title)
        depts = sorted(set(departments)) or [PUBLIC]
        version = hashlib.sha256(
            f"{content_sha256}/{granularity}/{PARSER_VERSION}".encode()).hexdigest()[:16]
        existing = self.catalog.get_document(doc_id)
        result = IngestResult(doc_id, doc.title, doc.kind.value, version, len(doc.chunks),
                              "added", warnings=list(doc.warnings))
        pending = PendingVersion(doc=doc, doc_id=doc_id, version=version, departments=depts,
                                 source_name=source_name, content_sha256=content_sha256,
                                 granularity=granularity, existing=existing, result=result)
        if existing is not None and existing.current_version == version:
            pending.mode = "unchanged" if existing.departments == depts else "departments"
            return pending
        base = {
            "document_id": doc_id, "document_title": doc.title, "kind": doc.kind.value,
            "number": doc.number, "effective_date": doc.effective_date, "version": version,
            "departments": depts, "current": False,
        }
        if doc.metadata.get("abbrev"):  # e-Gov 略称 (「マイナンバー法,個人番号法,番号法」)
            base["document_abbrev"] = doc.metadata["abbrev"]
        pending.texts = [passage_text(doc.title, c) for c in doc.chunks]
        pending.ids = [point_id(doc_id, version, n) for n in range(len(doc.chunks))]
        pending.held = self._scan(doc, doc_id, version, depts)
        pending.payloads = [{**base, **chunk_payload(c, n), "unit_sha": unit_sha(t),
                             **quarantine_payload(pending.held.get(n))}
                            for n, (c, t) in enumerate(zip(doc.chunks, pending.texts,
                                                           strict=True))]
        return pending

    def embed(self, pending: PendingVersion, *, progress: Callable[[int], None] | None = None,
              sparse: Callable[[list[str]], Any] | None = None) -> None:
        """Dense (and question) vectors in batches of UPSERT_BATCH; `sparse(texts)` is handed
        each batch as it is embedded (the batch ingest tokenises on another thread)."""
        if pending.mode != "new":
            return
        with_question = self.store.has_question
        questions = [c.question for c in pending.doc.chunks]
        for start in range(0, len(pending.texts), UPSERT_BATCH):
            texts = pending.texts[start:start + UPSERT_BATCH]
            dense = self.embedder.embed_passages(texts)
            pending.dense.extend(row.tolist() for row in dense)
            if with_question:
                pending.question.extend(question_vectors(
                    self.embedder, questions[start:start + UPSERT_BATCH], dense))
            if sparse is not None:
                pending.sparse.append(sparse(texts))
            if progress:
                progress(len(texts))

    def write(self, pending: PendingVersion) -> IngestResult:
        """Store and catalog writes in the crash-safe order (module docstring), holding the
        write gate (a backup waits for them)."""
        with self.storage_errors(), self.write_gate.held():
            return self._write(pending)

    def _write(self, pending: PendingVersion) -> IngestResult:
        doc, doc_id, version = pending.doc, pending.doc_id, pending.version
        depts, result, existing = pending.departments, pending.result, pending.existing
        source_name, content_sha256 = pending.source_name, pending.content_sha256
        granularity = pending.granularity
        if pending.mode == "unchanged":
            result.status = "unchanged"
            return result
        if pending.mode == "departments":
            self.store.set_payload({"departments": depts}, document_id=doc_id)
            with self.catalog.transaction() as conn:
                self.catalog.record_version(conn, document=self._doc_row(doc, doc_id, source_name,
                                                                         depts, version),
                                            version=self._version_row(doc, version,
                                                                      content_sha256,
                                                                      granularity))
            result.status = "departments-updated"
            return result
        if self.disk_guard is not None:
            self.disk_guard.check(self._bytes_needed(doc), what=f"ingesting {source_name}")
        key = (doc_id, version)
        with self._active_lock:
            self._active.add(key)
        held = pending.held
        try:
            self.catalog.begin_intent(doc_id, version)
            points = self._points(pending)
            if existing is not None and existing.current_version:
                result.units = self._unit_diff(doc_id, existing.current_version, points)
            self.store.upsert(points)
            duplicates = self._duplicates(doc, doc_id) if doc.kind == Kind.FAQ else []
            old_versions = [v["version"] for v in self.catalog.versions_of(doc_id)
                            if v["version"] != version]
            with self.catalog.transaction() as conn:
                self.catalog.record_version(
                    conn, document=self._doc_row(doc, doc_id, source_name, depts, version),
                    version=self._version_row(doc, version, content_sha256, granularity))
                self.catalog.replace_duplicates(conn, doc_id, duplicates)
                self.quarantine.record(conn, doc_id, version,
                                       [r for r in held.values() if r["status"] != APPROVED])
            self._flip(doc_id, version, depts, old_versions)
            self.catalog.end_intent(doc_id, version)
        except Exception:
            self._undo_quietly(doc_id, version)
            raise
        finally:
            with self._active_lock:
                self._active.discard(key)
        result.status = "replaced" if existing is not None else "added"
        result.duplicates = duplicates
        result.flagged = [{"position": r["position"], "label": r["label"],
                           "excerpt": r["excerpt"], "reasons": r["reasons"]}
                          for r in held.values() if r["status"] != APPROVED]
        log.info("ingested", extra={"document_id": doc_id, "chunks": len(points),
                                    "status": result.status})
        return result

    def recover(self, *, older_than_s: float | None = None) -> list[dict[str, str]]:
        """Finish or undo what an interrupted ingest left (kill -9, full disk, crash).

        An intent whose version never reached the catalog: its points are deleted. One that
        did: the `current` flags are set from the catalog again. On a store shared by several
        servers only intents older than STALE_INTENT_S are touched, unless `older_than_s` says.
        """
        if older_than_s is None and self.store.backend not in EXCLUSIVE_BACKENDS:
            older_than_s = STALE_INTENT_S
        done: list[dict[str, str]] = []
        for intent in self.catalog.intents():
            key = (intent["document_id"], intent["version"])
            with self._active_lock:
                if key in self._active:
                    continue
            if older_than_s is not None and _age_s(intent["started_at"]) < older_than_s:
                continue
            with self.write_gate.held():
                action = self._recover_intent(*key)
            done.append({"document_id": key[0], "version": key[1], "action": action})
        if done:
            log.warning("recovered interrupted ingests", extra={"intents": done})
        return done

    def _recover_intent(self, doc_id: str, version: str) -> str:
        doc = self.catalog.get_document(doc_id)
        known = [v["version"] for v in self.catalog.versions_of(doc_id)]
        if version not in known:
            self.store.delete(document_id=doc_id, version=version)
            action = "removed uncommitted points"
        elif doc is not None and doc.current_version:
            self._flip(doc_id, doc.current_version, doc.departments,
                       [v for v in known if v != doc.current_version])
            action = "set current flags"
        else:
            action = "nothing to do"
        self.catalog.end_intent(doc_id, version)
        return action

    def _undo_quietly(self, doc_id: str, version: str) -> None:
        """After a failed ingest (not a kill): leave the store as it was, if the store lets us;
        otherwise the intent stays for the next recover()."""
        try:
            self._recover_intent(doc_id, version)
        except Exception:
            log.warning("could not undo a failed ingest now; recovered later",
                        extra={"document_id": doc_id, "version": version})

    def _flip(self, doc_id: str, version: str, departments: Sequence[str],
              old_versions: Sequence[str]) -> None:
        for old in old_versions:
            self.store.set_payload({"current": False}, document_id=doc_id, version=old)
        self.store.set_payload({"current": True, "departments": list(departments)},
                               document_id=doc_id, version=version)

    def _bytes_needed(self, doc: ParsedDocument) -> int:
        """A generous estimate of what one version adds on disk: vectors (dense, question,
        cache), text in payload and term index, WAL copies of both."""
        text = sum(len(c.text.encode()) + len((c.answer or "").encode()) for c in doc.chunks)
        return 2 * (len(doc.chunks) * (POINT_BYTES + 12 * self.embedder.dim) + 3 * text)

    def storage_errors(self) -> AbstractContextManager[None]:
        return self.disk_guard.errors() if self.disk_guard is not None else _no_guard()

    def delete(self, document_id: str) -> int:
        if self.catalog.get_document(document_id) is None:
            raise NotFoundError(f"no document with id {document_id}")
        removed = self.store.count(SearchFilter(document_ids=(document_id,),
                                                include_history=True, include_deleted=True,
                                                include_quarantined=True))
        with self.write_gate.held():
            self.store.delete(document_id=document_id)
            with self.catalog.transaction() as conn:
                self.catalog.delete_document(conn, document_id)
                self.quarantine.forget_document(conn, document_id)
        return removed

    def delete_version(self, document_id: str, version: str) -> int:
        """Remove one superseded version (points and catalog row); the current one stays."""
        doc = self.catalog.get_document(document_id)
        if doc is None:
            raise NotFoundError(f"no document with id {document_id}")
        if version == doc.current_version:
            raise InputError("the current version cannot be deleted; delete the document or "
                             "upload a new version first")
        if version not in {v["version"] for v in self.catalog.versions_of(document_id)}:
            raise NotFoundError(f"document {document_id} has no version {version}")
        removed = self.store.count(SearchFilter(document_ids=(document_id,), versions=(version,),
                                                include_history=True, include_deleted=True,
                                                include_quarantined=True))
        with self.write_gate.held():
            self.store.delete(document_id=document_id, version=version)
            with self.catalog.transaction() as conn:
                self.catalog.delete_version(conn, document_id, version)
        return removed

    def _scan(self, doc: ParsedDocument, doc_id: str, version: str,
              departments: Sequence[str]) -> dict[int, dict[str, Any]]:
        """Position -> quarantine row for every unit the content guard flags; units an owner
        approved before (same text) are marked approved and stay visible."""
        if self.content_guard is None:
            return {}
        hidden = hidden_snippets(doc.metadata)
        decided: dict[str, str] | None = None
        held: dict[int, dict[str, Any]] = {}
        for n, chunk in enumerate(doc.chunks):
            findings = self.content_guard.scan_fields(
                chunk.question, chunk.answer, chunk.text, chunk.caption, chunk.context,
                hidden=hidden)
            if not findings:
                continue
            if decided is None:
                decided = self.quarantine.decisions(doc_id)
            sha = unit_sha256(chunk.question, chunk.answer, chunk.text)
            held[n] = {
                "document_id": doc_id, "document_title": doc.title, "version": version,
                "position": n, "point_id": point_id(doc_id, version, n), "unit_sha256": sha,
                "label": chunk.label or (chunk.question or "")[:80],
                "excerpt": _excerpt(chunk.question, chunk.answer or chunk.text),
                "reasons": [f.to_dict() for f in findings], "departments": list(departments),
                "status": decided.get(sha, "pending"),
            }
        if held:
            log.warning("units quarantined", extra={"document_id": doc_id, "units": len(held)})
        return held

    def _points(self, pending: PendingVersion) -> list[PointRecord]:
        """Points from the embedded vectors; sparse vectors as handed over by `embed`
        (futures or lists, one per batch) or computed here."""
        sparse: list[SparseVector] = []
        for part in pending.sparse:
            sparse.extend(part.result() if isinstance(part, Future) else part)
        if len(sparse) != len(pending.texts):
            sparse = [self.tokenizer.document_vector(t) for t in pending.texts]
        question = pending.question or [None] * len(pending.texts)
        return [PointRecord(id=pending.ids[i], dense=pending.dense[i], sparse=sparse[i],
                            payload=pending.payloads[i], question=question[i])
                for i in range(len(pending.texts))]

    def _unit_diff(self, doc_id: str, old_version: str, points: Sequence[PointRecord]
                   ) -> dict[str, int]:
        old = [r.payload for r in self.store.scroll(document_id=doc_id, limit=1_000_000)
               if r.payload.get("version") == old_version]
        return diff_units(old, [p.payload for p in points]).to_dict()

    def _duplicates(self, doc: ParsedDocument, doc_id: str) -> list[dict[str, Any]]:
        mine = [(c.metadata.get("faq_id", str(i)), c.question or "")
                for i, c in enumerate(doc.chunks)]
        others = [
            (f"{r.payload['document_id']}#{r.payload.get('faq_id')}", r.payload["question"])
            for r in self.store.scroll(limit=100_000)
            if r.payload.get("kind") == Kind.FAQ.value and r.payload.get("current")
            and r.payload.get("document_id") != doc_id and r.payload.get("question")
        ]
        tagged = [(f"{doc_id}#{k}", q) for k, q in mine] + others
        rows = []
        for pair in find_duplicates(tagged, embedder=self.embedder, tokenizer=self.tokenizer):
            a_doc, a_key = pair.key_a.split("#", 1)
            b_doc, b_key = pair.key_b.split("#", 1)
            if a_doc != doc_id:
                a_doc, a_key, b_doc, b_key = b_doc, b_key, a_doc, a_key
            if a_doc != doc_id:
                continue
            rows.append({"key": a_key, "other_document_id": b_doc, "other_key": b_key,
                         "similarity": round(float(pair.similarity), 4),
                         "reason": pair.reason})
        return rows

    @staticmethod
    def _doc_row(doc: ParsedDocument, doc_id: str, source_name: str, depts: list[str],
                 version: str) -> dict[str, Any]:
        return {"id": doc_id, "title": doc.title, "kind": doc.kind.value, "number": doc.number,
                "source_name": source_name, "departments": depts, "current_version": version}

    @staticmethod
    def _version_row(doc: ParsedDocument, version: str, sha: str,
                     granularity: str) -> dict[str, Any]:
        return {"version": version, "content_sha256": sha, "source_format": doc.source_format,
                "effective_date": doc.effective_date,
                "promulgation_date": doc.promulgation_date, "chunk_count": len(doc.chunks),
                "granularity": granularity}


def embed_points(*, ids: Sequence[str], texts: Sequence[str], payloads: Sequence[dict[str, Any]],
                 questions: Sequence[str | None], embedder: Embedder,
                 tokenizer: JapaneseTokenizer, with_question: bool) -> list[PointRecord]:
    """Points for passage texts: dense and sparse vectors, and the question vector when the
    store has one (ingest and `chonai reindex` both build points here)."""
    for text, payload in zip(texts, payloads, strict=True):
        payload.setdefault("unit_sha", unit_sha(text))
    dense = embedder.embed_passages(texts)
    by_question = question_vectors(embedder, questions, dense) if with_question else None
    return [PointRecord(id=ids[i], dense=dense[i].tolist(),
                        sparse=tokenizer.document_vector(texts[i]), payload=payloads[i],
                        question=None if by_question is None else by_question[i])
            for i in range(len(texts))]


def question_vectors(embedder: Embedder, questions: Sequence[str | None], dense: np.ndarray
                     ) -> list[list[float]]:
    """QA-aware indexing: each FAQ's question embedded on its own (the `question` vector),
    so a staff question can match a FAQ question directly.

    Other chunks repeat their passage vector there, so articles and manual pages take part in
    the question prefetch too instead of losing every fusion to FAQs (measured:
    docs/BENCHMARKS.md). Stores without a `question` vector (an old index) get none.
    """
    out = [row.tolist() for row in dense]
    offsets = [i for i, q in enumerate(questions) if q]
    if offsets:
        vectors = embedder.embed_passages([questions[i] or "" for i in offsets])
        for n, i in enumerate(offsets):
            out[i] = vectors[n].tolist()
    return out


def _age_s(stamp: str) -> float:
    from datetime import datetime

    try:
        return time.time() - datetime.fromisoformat(stamp).timestamp()
    except ValueError:
        return float("inf")


@contextmanager
def _no_guard() -> Iterator[None]:
    yield


def quarantine_payload(row: dict[str, Any] | None) -> dict[str, Any]:
    """Payload fields of a flagged unit: held (quarantined) unless an owner approved it."""
    if row is None:
        return {}
    approved = row["status"] == APPROVED
    return {"quarantined": not approved, "quarantine_approved": approved,
            "quarantine_reasons": [r["reason"] for r in row["reasons"]]}


def _excerpt(question: str | None, text: str, limit: int = 300) -> str:
    body = f"{question}\n{text}" if question else text
    return body if len(body) <= limit else body[:limit - 1] + "…"


def chunk_payload(chunk: Chunk, position: int) -> dict[str, Any]:
    meta = dict(chunk.metadata)
    return {
        "position": position,
        "text": chunk.text,
        "label": chunk.label,
        "context": chunk.context,
        "article": chunk.article,
        "paragraph": chunk.paragraph,
        "item": chunk.item,
        "page": chunk.page,
        "page_end": chunk.page_end,
        "question": chunk.question,
        "answer": chunk.answer,
        "caption": chunk.caption,
        "path": list(chunk.path),
        "part": chunk.part.value,
        "deleted": chunk.deleted,
        "source_ref": chunk.source_ref,
        "faq_id": meta.pop("faq_id", None),
        "category": meta.pop("category", None),
        "owner_department": meta.pop("owner_department", None),
        "covers": covers(chunk),
        "meta": json.dumps(meta, ensure_ascii=False) if meta else None,
    }
