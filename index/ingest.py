"""The one batch ingest: each file is loaded, parsed, chunked, embedded, indexed and catalogued.

`chonai ingest`, `chonai sync`, the upload jobs, the sample corpus at `serve --load-sample`, eval
and the tests all call `ingest_files`. Each file stands alone: a bad file is reported in
`errors` and leaves nothing behind (the indexer's crash order), the next file goes on. A full
disk stops the batch (every later file would fail the same way) unless `stop_on_full=False`.

It is a pipeline, so the embedding model never waits for the rest. Besides the caller's thread,
which runs the model (Indexer.embed; the model itself uses `embedding_threads` cores):
  parse   reads and parses the next files (LOOKAHEAD ahead, so memory stays bounded)
  sparse  tokenises each embedded batch for the term index (fugashi) while the model goes on
  write   writes the previous document (points, catalog, flags, in Indexer.write's crash-safe
          order) while the next one is embedded
Writes stay one at a time and in file order, so the store ends up exactly as the sequential
ingest leaves it. Texts are embedded once: the content-hash cache (index/embedders.py) skips
every passage and question seen before, so an amended regulation costs only its changed 条.

Progress goes to an `IngestEvents` object, always from the caller's thread: `ConsoleEvents`
draws one bar (files, chunks, ETA) on a terminal, the upload jobs fill in their table and the
same `BatchProgress` figures.
"""

from __future__ import annotations

import sys
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import RagError, StorageFullError
from core.originals import keep as keep_original
from core.types import ParsedDocument
from index.indexer import Indexer, IngestResult, PendingVersion, document_id_for
from ingest.convert import Converters
from ingest.pipeline import LoadedFile, load_file

# (document id, parsed document) -> None, or raise (e.g. PermissionDeniedError) to refuse it
Authorize = Callable[[str, ParsedDocument], None]

LOOKAHEAD = 2  # files parsed ahead of the model


class IngestEvents:
    """Progress hooks, one call per step of one file; the base class ignores them all.

    With the pipeline, the next file may be `parsing`/`indexing` before the previous one is
    `done`: hooks name their file."""

    def started(self, files_total: int) -> None:
        """The batch begins."""

    def parsing(self, path: Path) -> None:
        """The file's turn has come (it may have been parsed ahead)."""

    def indexing(self, path: Path, chunks_total: int) -> None:
        """Parsed into `chunks_total` chunks to embed (0: unchanged); embedding starts."""

    def advance(self, path: Path, chunks: int) -> None:
        """`chunks` more chunks are embedded."""

    def done(self, path: Path, result: IngestResult) -> None:
        """The file is in the index (or unchanged)."""

    def failed(self, path: Path, message: str) -> None:
        """The file was refused; nothing of it is stored."""

    def refused(self, path: Path, error: RagError) -> None:
        """The same, with the error itself (its type says how to word it); calls `failed`."""
        self.failed(path, error.message)

    def finished(self) -> None:
        """The batch ended (also when it was stopped by an error)."""


@dataclass
class BatchProgress:
    """A running batch's figures for people: files and chunks done of the totals known so far,
    chunks/s, and an ETA from the chunk rate (files not parsed yet count at the mean so far)."""

    files_total: int = 0
    files_done: int = 0
    files_failed: int = 0
    chunks_total: int = 0  # of the files parsed so far
    chunks_done: int = 0
    parsed_files: int = 0
    started_at: float = field(default_factory=time.monotonic)

    def eta_s(self) -> float | None:
        elapsed = time.monotonic() - self.started_at
        if self.files_done + self.files_failed >= self.files_total and self.files_total:
            return 0.0
        if self.chunks_done <= 0 or elapsed <= 0 or self.parsed_files == 0:
            return None
        per_file = self.chunks_total / self.parsed_files
        expected = self.chunks_total + per_file * (self.files_total - self.parsed_files)
        return max(0.0, (expected - self.chunks_done) / (self.chunks_done / elapsed))

    def to_dict(self) -> dict[str, Any]:
        elapsed = time.monotonic() - self.started_at
        eta = self.eta_s()
        return {"files_total": self.files_total, "files_done": self.files_done,
                "files_failed": self.files_failed, "chunks_total": self.chunks_total,
                "chunks_done": self.chunks_done,
                "chunks_per_s": round(self.chunks_done / elapsed, 2) if elapsed > 0 else None,
                "eta_s": None if eta is None else round(eta, 1)}


class ProgressEvents(IngestEvents):
    """Keeps a `BatchProgress` up to date; subclasses show it."""

    def __init__(self) -> None:
        self.progress = BatchProgress()

    def started(self, files_total: int) -> None:
        self.progress = BatchProgress(files_total=files_total)

    def indexing(self, path: Path, chunks_total: int) -> None:
        self.progress.parsed_files += 1
        self.progress.chunks_total += chunks_total

    def advance(self, path: Path, chunks: int) -> None:
        self.progress.chunks_done += chunks

    def done(self, path: Path, result: IngestResult) -> None:
        self.progress.files_done += 1

    def failed(self, path: Path, message: str) -> None:
        self.progress.files_failed += 1


class ConsoleEvents(ProgressEvents):
    """One bar on stderr when it is a terminal (files, chunks, rate, ETA), and one line per
    file always."""

    def __init__(self) -> None:
        super().__init__()
        self._tty = sys.stderr.isatty()
        self._bar: Any = None

    def started(self, files_total: int) -> None:
        from tqdm import tqdm

        super().started(files_total)
        self._bar = tqdm(total=0, unit="chunk", file=sys.stderr, dynamic_ncols=True,
                         disable=not files_total or not self._tty,
                         bar_format="{desc} {bar} {n_fmt}/{total_fmt} chunks "
                         "[{elapsed}, {rate_fmt}{postfix}]")
        self._show()

    def indexing(self, path: Path, chunks_total: int) -> None:
        super().indexing(path, chunks_total)
        self._bar.total = self.progress.chunks_total
        self._show()

    def advance(self, path: Path, chunks: int) -> None:
        super().advance(path, chunks)
        self._bar.update(chunks)
        self._show()

    def done(self, path: Path, result: IngestResult) -> None:
        super().done(path, result)
        self._bar.write(f"{result.status}: {path.name} ({result.chunks} chunks)",
                        file=sys.stderr)
        if result.flagged:
            self._bar.write(f"  held for review: {len(result.flagged)} unit(s) "
                            "(page: 保留中の内容)", file=sys.stderr)
        self._show()

    def failed(self, path: Path, message: str) -> None:
        super().failed(path, message)
        self._bar.write(f"error: {path}: {message}", file=sys.stderr)
        self._show()

    def finished(self) -> None:
        if self._bar is not None:
            self._bar.close()

    def _show(self) -> None:
        p = self.progress
        eta = p.eta_s()
        self._bar.set_description_str(
            f"files {p.files_done + p.files_failed}/{p.files_total}", refresh=False)
        self._bar.set_postfix_str(f"ETA {_clock(eta)}" if eta is not None else "ETA -")


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def ingest_files(indexer: Indexer, files: Sequence[Path], *, max_bytes: int,
                 kind: str = "auto", departments: Sequence[str] = (),
                 granularity: str = "article", title: str | None = None,
                 column_map: Mapping[str, str] | None = None, allowed_dir: Path | None = None,
                 document_id: str | None = None, authorize: Authorize | None = None,
                 events: IngestEvents | None = None, stop_on_full: bool = True,
                 names_only: bool = False, converters: Converters | None = None,
                 document_ids: Mapping[Path, str] | None = None,
                 originals_dir: Path | None = None) -> dict[str, Any]:
    """Ingest each file on its own and return the batch report (the JSON of `chonai ingest`).

    `document_id` replaces that document (uploads of a new version), `document_ids` does so
    per file (`chonai sync`); `allowed_dir` confines the paths (the upload folder);
    `names_only` reports errors by base name, never the server path; `converters` says where
    LibreOffice is and whether scanned pages are OCR'd; `originals_dir` (the data dir) keeps
    each registered file as its version's original.
    """
    events = events or IngestEvents()
    results: list[dict[str, Any]] = []
    errors: list[dict[str, str]] = []
    converters = converters or Converters()

    def load(path: Path) -> LoadedFile:
        return load_file(path, kind=kind, allowed_dir=allowed_dir, max_bytes=max_bytes,
                         title=title, column_map=column_map, converters=converters)

    def prepare(path: Path, loaded: LoadedFile) -> PendingVersion:
        doc = loaded.document
        target = (document_ids or {}).get(path, document_id)
        if authorize is not None:
            authorize(target or document_id_for(doc.kind.value, doc.title), doc)
        return indexer.prepare(doc, content_sha256=loaded.sha256, source_name=path.name,
                               departments=departments, granularity=granularity,
                               document_id=target)

    def refused(path: Path, err: RagError) -> None:
        if stop_on_full and isinstance(err, StorageFullError):
            raise err  # every later file would fail the same way
        errors.append({"path": path.name if names_only else str(path), "error": err.message})
        events.refused(path, err)

    def stored(path: Path, result: IngestResult) -> None:
        if originals_dir is not None:
            keep_original(originals_dir, result.document_id, result.version, path)
        results.append(result.to_dict())
        events.done(path, result)

    events.started(len(files))
    try:
        _pipeline(indexer, files, load=load, prepare=prepare, events=events,
                  stored=stored, refused=refused)
    finally:
        events.finished()
    return batch_report(results, errors)


def _pipeline(indexer: Indexer, files: Sequence[Path], *,
              load: Callable[[Path], LoadedFile],
              prepare: Callable[[Path, LoadedFile], PendingVersion], events: IngestEvents,
              stored: Callable[[Path, IngestResult], None],
              refused: Callable[[Path, RagError], None]) -> None:
    with indexer.storage_errors():
        indexer.recover()
    parse_pool = ThreadPoolExecutor(1, thread_name_prefix="chonai-parse")
    sparse_pool = ThreadPoolExecutor(1, thread_name_prefix="chonai-sparse")
    write_pool = ThreadPoolExecutor(1, thread_name_prefix="chonai-write")
    tokenizer = indexer.tokenizer
    parsing: deque[tuple[Path, Future[LoadedFile]]] = deque()
    writing: tuple[Path, Future[IngestResult], str] | None = None
    upcoming = iter(files)

    def fill() -> None:
        while len(parsing) < LOOKAHEAD:
            path = next(upcoming, None)
            if path is None:
                return
            parsing.append((path, parse_pool.submit(load, path)))

    def settle() -> None:
        nonlocal writing
        if writing is None:
            return
        path, future, _doc_id = writing
        writing = None
        try:
            result = future.result()
        except RagError as err:
            refused(path, err)
        else:
            stored(path, result)

    def sparse(texts: list[str]) -> Future[list[Any]]:
        return sparse_pool.submit(lambda: [tokenizer.document_vector(t) for t in texts])

    try:
        fill()
        while parsing:
            path, loading = parsing.popleft()
            fill()
            events.parsing(path)
            try:
                loaded = loading.result()
                pending = prepare(path, loaded)
                if writing is not None and writing[2] == pending.doc_id:
                    settle()  # the same document twice in a row: see the first one's write
                    pending = prepare(path, loaded)
                events.indexing(path, len(pending.texts))
                with indexer.storage_errors():
                    indexer.embed(pending, sparse=sparse,
                                  progress=lambda n, p=path: events.advance(p, n))
            except RagError as err:
                settle()
                refused(path, err)
                continue
            settle()  # the previous document's write ran while this one was embedded
            writing = (path, write_pool.submit(indexer.write, pending), pending.doc_id)
        settle()
    finally:
        for _path, future in parsing:
            future.cancel()
        if writing is not None:
            writing[1].exception()  # never leave a write half-way when the batch stops
        parse_pool.shutdown(wait=True, cancel_futures=True)
        sparse_pool.shutdown(wait=True)
        write_pool.shutdown(wait=True)


def batch_report(results: Sequence[dict[str, Any]], errors: Sequence[dict[str, str]]
                 ) -> dict[str, Any]:
    """Totals over the per-file results: chunks written (unchanged files count none), every
    duplicate QA with its document, every warning, every unit held for review."""
    return {
        "documents": len(results),
        "chunks": sum(r["chunks"] for r in results if r["status"] != "unchanged"),
        "errors": list(errors),
        "duplicates": [dict(d, document_id=r["document_id"]) for r in results
                       for d in r["duplicates"]],
        "warnings": [w for r in results for w in r["warnings"]],
        # units the content guard held for review (quarantined) and why
        "flagged": [dict(f, document_id=r["document_id"], title=r["title"]) for r in results
                    for f in r.get("flagged", [])],
        "results": list(results),
    }
