"""`chonai sync DIR`: make the index mirror a folder such as a 例規集 export.

A plan compares the folder with what the last sync of the same folder recorded (table
`synced_files`: relative path, document id, file sha256):
  add      a file not seen before: ingested as a new document (or a new version of a document
           with the same title)
  replace  a file whose bytes changed: ingested as a new version of its document; the 施行日
           the document states is recorded with the version
  retire   a file that is gone: its document stays in the catalog with every version (history,
           `documents versions`, `search --history`) but is no longer searchable
  unchanged  same bytes: not even parsed
Applying a plan twice is a no-op the second time. Each step is safe to re-run after a crash: a
retire first clears the store's `current` flags, then the catalog, and forgets the file last.

`chonai sync` is a writer: the CLI takes the data dir's single-writer lock first (core/datadir.py),
the lock `chonai serve` holds while it serves, so a cron job never writes under a running
server's feet; it stops with one line naming the holder instead.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select, update

from db.catalog import Catalog, documents
from db.schema import synced_files
from index.indexer import IngestResult
from index.ingest import IngestEvents


@dataclass(frozen=True, slots=True)
class SyncStep:
    action: str  # add | replace | retire | unchanged
    rel_path: str
    document_id: str | None = None
    sha256: str | None = None


@dataclass
class SyncPlan:
    root: str
    steps: list[SyncStep] = field(default_factory=list)

    def of(self, action: str) -> list[SyncStep]:
        return [s for s in self.steps if s.action == action]

    def counts(self) -> dict[str, int]:
        return {a: len(self.of(a)) for a in ("add", "replace", "retire", "unchanged")}

    def to_dict(self) -> dict[str, Any]:
        return {"root": self.root, "counts": self.counts(),
                "steps": [{"action": s.action, "path": s.rel_path, "document_id": s.document_id}
                          for s in self.steps if s.action != "unchanged"]}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def plan_sync(catalog: Catalog | None, root: Path, files: Sequence[Path]) -> SyncPlan:
    """What `apply_sync` would do; reads files (hashes) and the catalog (None: an empty data
    dir), writes nothing."""
    root = root.resolve()
    key = str(root)
    known: dict[str, tuple[str, str]] = {}
    if catalog is not None:
        with catalog.engine.connect() as conn:
            for row in conn.execute(select(synced_files).where(synced_files.c.root == key)):
                known[row.rel_path] = (row.document_id, row.content_sha256)
    plan = SyncPlan(root=key)
    present: set[str] = set()
    for path in files:
        rel = path.resolve().relative_to(root).as_posix()
        present.add(rel)
        sha = _sha256(path)
        if rel not in known:
            plan.steps.append(SyncStep("add", rel, sha256=sha))
            continue
        doc_id, old_sha = known[rel]
        doc = catalog.get_document(doc_id) if catalog is not None else None
        if old_sha == sha and doc is not None and doc.current_version:
            plan.steps.append(SyncStep("unchanged", rel, doc_id, sha))
        else:
            plan.steps.append(SyncStep("replace", rel, doc_id, sha))
    for rel in sorted(set(known) - present):
        plan.steps.append(SyncStep("retire", rel, known[rel][0]))
    return plan


# (files, document id per file to replace, events) -> batch report; index.ingest.ingest_files
IngestBatch = Callable[[list[Path], dict[Path, str], IngestEvents], dict[str, Any]]


class _Collect(IngestEvents):
    """Which file became which result (the batch report lists results without paths)."""

    def __init__(self, inner: IngestEvents) -> None:
        self.inner = inner
        self.results: dict[Path, IngestResult] = {}
        self.errors: dict[Path, str] = {}

    def started(self, files_total: int) -> None:
        self.inner.started(files_total)

    def parsing(self, path: Path) -> None:
        self.inner.parsing(path)

    def indexing(self, path: Path, chunks_total: int) -> None:
        self.inner.indexing(path, chunks_total)

    def advance(self, path: Path, chunks: int) -> None:
        self.inner.advance(path, chunks)

    def done(self, path: Path, result: IngestResult) -> None:
        self.results[path] = result
        self.inner.done(path, result)

    def failed(self, path: Path, message: str) -> None:
        self.errors[path] = message
        self.inner.failed(path, message)

    def finished(self) -> None:
        self.inner.finished()


def apply_sync(plan: SyncPlan, *, catalog: Catalog, store: Any, ingest: IngestBatch,
               events: IngestEvents | None = None) -> dict[str, Any]:
    """Carry out a plan: the files to add or replace go through the batch ingest in one run
    (pipelined), then removed files are retired. A file that fails is reported and not
    recorded, so the next sync tries it again."""
    root = Path(plan.root)
    steps = {root / s.rel_path: s for s in plan.steps if s.action in ("add", "replace")}
    collect = _Collect(events or IngestEvents())
    if steps:
        ingest(list(steps), {p: s.document_id for p, s in steps.items() if s.document_id},
               collect)
    results: list[dict[str, Any]] = []
    for path, step in steps.items():
        result = collect.results.get(path)
        if result is None:
            continue
        row = dict(result.to_dict(), action=step.action, path=step.rel_path)
        version = next((v for v in catalog.versions_of(result.document_id)
                        if v["version"] == result.version), None)
        row["effective_date"] = version["effective_date"] if version else None
        results.append(row)
        _remember(catalog, plan.root, step.rel_path, result.document_id, step.sha256 or "")
    errors = [{"path": steps[p].rel_path, "error": m} for p, m in collect.errors.items()]
    retired: list[dict[str, str]] = []
    for step in plan.of("retire"):
        if not step.document_id:
            continue
        retire_document(catalog, store, step.document_id)
        with catalog.transaction() as conn:
            conn.execute(delete(synced_files).where(
                (synced_files.c.root == plan.root)
                & (synced_files.c.rel_path == step.rel_path)))
        retired.append({"path": step.rel_path, "document_id": step.document_id})
    return {"root": plan.root, "counts": plan.counts(), "results": results,
            "retired": retired, "errors": errors}


def retire_document(catalog: Catalog, store: Any, document_id: str) -> None:
    """Not searchable any more, every version kept: store flags first, then the catalog."""
    store.set_payload({"current": False}, document_id=document_id)
    with catalog.transaction() as conn:
        conn.execute(update(documents).where(documents.c.id == document_id)
                     .values(current_version=None, updated_at=_now()))


def _remember(catalog: Catalog, root: str, rel: str, document_id: str, sha: str) -> None:
    with catalog.transaction() as conn:
        conn.execute(delete(synced_files).where(
            (synced_files.c.root == root) & (synced_files.c.rel_path == rel)))
        conn.execute(insert(synced_files).values(root=root, rel_path=rel,
                                                 document_id=document_id,
                                                 content_sha256=sha, synced_at=_now()))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def describe(plan: SyncPlan) -> str:
    """The plan as a person reads it (dry-run output)."""
    lines = [f"{s.action:>8}  {s.rel_path}" + (f"  ({s.document_id})" if s.document_id else "")
             for s in plan.steps if s.action != "unchanged"]
    counts = plan.counts()
    lines.append(f"plan for {plan.root}: {counts['add']} to add, {counts['replace']} to replace, "
                 f"{counts['retire']} to retire, {counts['unchanged']} unchanged")
    return os.linesep.join(lines)
