"""The one batch ingest: each file is loaded, parsed, chunked, embedded, indexed and catalogued.

`chonai ingest`, the upload jobs, the sample corpus at `serve --load-sample`, eval and the tests
all call `ingest_files`. Each file stands alone: a bad file is reported in `errors` and leaves
nothing behind (the indexer's crash order), the next file goes on. A full disk stops the batch
(every later file would fail the same way) unless `stop_on_full=False`. Progress goes to an
`IngestEvents` object: `ConsoleEvents` draws tqdm bars on a terminal, the jobs fill in their
table.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from core.errors import RagError, StorageFullError
from core.types import ParsedDocument
from index.indexer import Indexer, IngestResult, document_id_for
from ingest.pipeline import load_file

# (document id, parsed document) -> None, or raise (e.g. PermissionDeniedError) to refuse it
Authorize = Callable[[str, ParsedDocument], None]


class IngestEvents:
    """Progress hooks, one call per step of one file; the base class ignores them all."""

    def started(self, files_total: int) -> None:
        """The batch begins."""

    def parsing(self, path: Path) -> None:
        """The file is about to be read and parsed."""

    def indexing(self, path: Path, chunks_total: int) -> None:
        """Parsed into `chunks_total` chunks; embedding and writing starts."""

    def advance(self, path: Path, chunks: int) -> None:
        """`chunks` more chunks are written."""

    def done(self, path: Path, result: IngestResult) -> None:
        """The file is in the index (or unchanged)."""

    def failed(self, path: Path, message: str) -> None:
        """The file was refused; nothing of it is stored."""

    def refused(self, path: Path, error: RagError) -> None:
        """The same, with the error itself (its type says how to word it); calls `failed`."""
        self.failed(path, error.message)

    def finished(self) -> None:
        """The batch ended (also when it was stopped by an error)."""


class ConsoleEvents(IngestEvents):
    """One line per file on stderr, and tqdm bars (files, chunks) when stderr is a terminal."""

    def __init__(self) -> None:
        self._tty = sys.stderr.isatty()
        self._files: Any = None
        self._chunks: Any = None

    def started(self, files_total: int) -> None:
        from tqdm import tqdm

        self._files = tqdm(total=files_total, desc="files", unit="file", file=sys.stderr,
                           disable=not files_total or not self._tty)

    def indexing(self, path: Path, chunks_total: int) -> None:
        from tqdm import tqdm

        self._chunks = tqdm(total=chunks_total, desc=path.name[:30], unit="chunk",
                             file=sys.stderr, leave=False, disable=not self._tty)

    def advance(self, path: Path, chunks: int) -> None:
        if self._chunks is not None:
            self._chunks.update(chunks)

    def done(self, path: Path, result: IngestResult) -> None:
        self._end_file()
        print(f"{result.status}: {path.name} ({result.chunks} chunks)", file=sys.stderr)
        if result.flagged:
            print(f"  held for review: {len(result.flagged)} unit(s) (page: 保留中の内容)",
                  file=sys.stderr)

    def failed(self, path: Path, message: str) -> None:
        self._end_file()
        print(f"error: {path}: {message}", file=sys.stderr)

    def finished(self) -> None:
        if self._chunks is not None:
            self._chunks.close()
            self._chunks = None
        if self._files is not None:
            self._files.close()

    def _end_file(self) -> None:
        if self._chunks is not None:
            self._chunks.close()
            self._chunks = None
        if self._files is not None:
            self._files.update(1)


def ingest_files(indexer: Indexer, files: Sequence[Path], *, max_bytes: int,
                 kind: str = "auto", departments: Sequence[str] = (),
                 granularity: str = "article", title: str | None = None,
                 column_map: Mapping[str, str] | None = None, allowed_dir: Path | None = None,
                 document_id: str | None = None, authorize: Authorize | None = None,
                 events: IngestEvents | None = None, stop_on_full: bool = True,
                 names_only: bool = False) -> dict[str, Any]:
    """Ingest each file on its own and return the batch report (the JSON of `chonai ingest`).

    `document_id` replaces that document (uploads of a new version); `allowed_dir` confines the
    paths (the upload folder); `names_only` reports errors by base name, never the server path.
    """
    events = events or IngestEvents()
    results: list[dict[str, Any]] = []
    errors: list[dict[str, str]] = []

    def one(path: Path) -> IngestResult:
        events.parsing(path)
        loaded = load_file(path, kind=kind, allowed_dir=allowed_dir, max_bytes=max_bytes,
                           title=title, column_map=column_map)
        doc = loaded.document
        if authorize is not None:
            authorize(document_id or document_id_for(doc.kind.value, doc.title), doc)
        events.indexing(path, len(doc.chunks))
        return indexer.ingest(doc, content_sha256=loaded.sha256, source_name=path.name,
                              departments=departments, granularity=granularity,
                              document_id=document_id,
                              progress=lambda n: events.advance(path, n))

    events.started(len(files))
    try:
        for path in files:
            try:
                result = one(path)
            except RagError as err:
                if stop_on_full and isinstance(err, StorageFullError):
                    raise  # every later file would fail the same way
                errors.append({"path": path.name if names_only else str(path),
                               "error": err.message})
                events.refused(path, err)
            else:
                results.append(result.to_dict())
                events.done(path, result)
    finally:
        events.finished()
    return batch_report(results, errors)


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
