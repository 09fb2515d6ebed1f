"""The intent classifier's view of the index: which documents a caller can see, their article
numbers, and the person-name tagger. Built once in `build_services`; `retrieval.intent` stays
pure."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any, TypeVar

from db.catalog import Catalog
from index.stores.base import PUBLIC, VectorStore
from retrieval.intent import DocumentInfo, IntentContext, annex_labels

T = TypeVar("T")
# characters of document text kept in memory (whole texts and 条 texts together, the oldest
# dropped first; Japanese text takes about 2 bytes a character, so at most ~128 MB): the checks of
# a rule reported with no document named read every visible regulation, so a whole 例規集 (tens
# of millions of characters, each regulation's text held twice) stays read after the first such
# question
TEXT_CACHE_CHARS = 64_000_000


class IntentContextBuilder:
    """`builder(departments)` -> IntentContext for a caller (None: sees everything)."""

    def __init__(self, catalog: Catalog, store: VectorStore,
                 document_named: Callable[[str], str | None] | None = None,
                 semantic: Callable[[str], tuple[str | None, float]] | None = None) -> None:
        self.catalog = catalog
        self.store = store
        self.document_named = document_named
        self.semantic = semantic  # the intent model over query vectors, if any
        self._articles: dict[tuple[str, str], frozenset[str]] = {}
        self._annexes: dict[tuple[str, str], frozenset[tuple[str, int | None]]] = {}
        self._paragraphs: dict[tuple[str, str], dict[str, int]] = {}
        self._texts: dict[tuple[str, str], str] = {}
        self._article_texts: dict[tuple[str, str], dict[str, str]] = {}
        # the text values kept, oldest first, with their characters (see TEXT_CACHE_CHARS)
        self._kept: deque[tuple[dict[tuple[str, str], Any], tuple[str, str], int]] = deque()
        self._kept_chars = 0
        self._lock = threading.Lock()
        self._pii: object | None = None

    def __call__(self, departments: Sequence[str] | None) -> IntentContext:
        docs = self.catalog.list_documents()
        allowed = None if departments is None else {PUBLIC, *departments}
        visible = [d for d in docs if allowed is None or set(d.departments) & allowed]
        known = tuple(sorted({x for d in docs for x in d.departments if x != PUBLIC}))
        infos = [DocumentInfo(d.title, d.kind, self._articles_of(d.id, d.current_version)
                              if d.kind == "regulation" and d.current_version else None,
                              text=partial(self._text_of, d.id, d.current_version or ""),
                              article_text=partial(self._article_text_of, d.id,
                                                   d.current_version or "")
                              if d.kind == "regulation" else None,
                              annexes=partial(self._annexes_of, d.id, d.current_version or ""),
                              paragraphs=partial(self._paragraphs_of, d.id,
                                                 d.current_version or "")
                              if d.kind == "regulation" else None)
                 for d in visible]
        return IntentContext(departments=None if departments is None else tuple(departments),
                             known_departments=known, documents=infos,
                             person_names=self._person_names,
                             document_named=self.document_named, semantic=self.semantic)

    def _payloads(self, document_id: str, version: str) -> Iterator[dict[str, Any]]:
        """The payloads of the document's units in one version, in store order."""
        return (r.payload for r in self.store.scroll(document_id=document_id)
                if r.payload.get("version") == version)

    def _articles_of(self, document_id: str, version: str) -> frozenset[str]:
        return self._read_once(self._articles, (document_id, version), lambda: frozenset(
            str(p["article"]) for p in self._payloads(document_id, version) if p.get("article")))

    def _paragraphs_of(self, document_id: str, version: str, article: str) -> int:
        """At least how many 項 one 条 of the document's current version may have (0: no such
        条)."""
        return self._read_once(self._paragraphs, (document_id, version),
                               lambda: self._paragraph_counts(document_id, version)).get(article, 0)

    def _paragraph_counts(self, document_id: str, version: str) -> dict[str, int]:
        """Per 条 of the 本則 (附則 have their own 第一条 …), at least how many 項 it may have:
        the highest 項 number its units carry, or its lines — every converter starts a 項 on a
        line of its own (e-Gov's without its number), and a 号 or a wrapped line only adds to
        the count, so a 項 is never said to be missing that is there."""
        counts: dict[str, int] = {}
        for p in self._payloads(document_id, version):
            if not p.get("article") or p.get("part", "main") != "main":
                continue
            article = str(p["article"])
            paragraph = str(p.get("paragraph") or "")
            lines = sum(1 for line in str(p.get("text") or "").splitlines() if line.strip())
            counts[article] = max(counts.get(article, 0) + lines,
                                  int(paragraph) if paragraph.isdigit() else 0)
        return counts

    def _annexes_of(self, document_id: str, version: str) -> frozenset[tuple[str, int | None]]:
        """The 別表 and 様式 the document's current version names (kept: a few labels)."""
        return self._read_once(self._annexes, (document_id, version),
                               lambda: annex_labels(self._text_of(document_id, version)))

    def _text_of(self, document_id: str, version: str) -> str:
        """The document's current text (its units joined, each with its label and caption:
        a 別表's name may be only in its label)."""
        return self._read_once(self._texts, (document_id, version), lambda: "\n".join(
            " ".join(str(p.get(k) or "") for k in ("label", "caption", "text"))
            for p in self._payloads(document_id, version)), size=len)

    def _article_text_of(self, document_id: str, version: str, article: str) -> str:
        """One 条's text in the document's current version (its 項 and 号 joined)."""
        texts = self._read_once(self._article_texts, (document_id, version),
                                lambda: self._articles_joined(document_id, version),
                                size=lambda joined: sum(map(len, joined.values())))
        return texts.get(article, "")

    def _articles_joined(self, document_id: str, version: str) -> dict[str, str]:
        out: dict[str, list[str]] = {}
        for p in self._payloads(document_id, version):
            if p.get("article"):
                out.setdefault(str(p["article"]), []).append(
                    " ".join(str(p.get(k) or "") for k in ("caption", "text")))
        return {k: "\n".join(v) for k, v in out.items()}

    def _read_once(self, cache: dict[tuple[str, str], T], key: tuple[str, str],
                   read: Callable[[], T], size: Callable[[T], int] | None = None) -> T:
        """A document version's value from the store, read once; a value with a `size` counts
        towards TEXT_CACHE_CHARS, and the oldest such values are dropped past it."""
        with self._lock:
            cached = cache.get(key)
        if cached is not None:
            return cached
        value = read()
        with self._lock:
            if key in cache:  # read meanwhile by another request
                return cache[key]
            cache[key] = value
            if size is not None:
                chars = size(value)
                self._kept.append((cache, key, chars))
                self._kept_chars += chars
                while self._kept_chars > TEXT_CACHE_CHARS and len(self._kept) > 1:
                    old_cache, old_key, old_chars = self._kept.popleft()
                    old_cache.pop(old_key, None)
                    self._kept_chars -= old_chars
        return value

    def _person_names(self, text: str) -> list[str]:
        from core.pii import PiiDetector

        with self._lock:
            if self._pii is None:
                self._pii = PiiDetector()
            detector = self._pii
        assert isinstance(detector, PiiDetector)
        return detector.person_names(text)
