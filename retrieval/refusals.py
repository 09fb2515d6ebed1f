"""The intent classifier's view of the index: which documents a caller can see, their article
numbers, and the person-name tagger. Built once in `build_services`; `retrieval.intent` stays
pure."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from functools import partial
from typing import TypeVar

from db.catalog import Catalog
from index.stores.base import PUBLIC, VectorStore
from retrieval.intent import DocumentInfo, IntentContext

T = TypeVar("T")
TEXTS_CACHED = 64  # documents whose text is kept (a question names one; most name none)


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
        self._texts: dict[tuple[str, str], str] = {}
        self._article_texts: dict[tuple[str, str], dict[str, str]] = {}
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
                              if d.kind == "regulation" else None)
                 for d in visible]
        return IntentContext(departments=None if departments is None else tuple(departments),
                             known_departments=known, documents=infos,
                             person_names=self._person_names,
                             document_named=self.document_named, semantic=self.semantic)

    def _articles_of(self, document_id: str, version: str) -> frozenset[str]:
        return self._read_once(self._articles, (document_id, version), lambda: frozenset(
            str(r.payload["article"]) for r in self.store.scroll(document_id=document_id)
            if r.payload.get("version") == version and r.payload.get("article")))

    def _text_of(self, document_id: str, version: str) -> str:
        """The document's current text (its units joined, each with its label and caption:
        a 別表's name may be only in its label)."""
        return self._read_once(self._texts, (document_id, version), lambda: "\n".join(
            " ".join(str(r.payload.get(k) or "") for k in ("label", "caption", "text"))
            for r in self.store.scroll(document_id=document_id)
            if r.payload.get("version") == version), bound=TEXTS_CACHED)

    def _article_text_of(self, document_id: str, version: str, article: str) -> str:
        """One 条's text in the document's current version (its 項 and 号 joined)."""
        texts = self._read_once(self._article_texts, (document_id, version),
                                lambda: self._articles_joined(document_id, version),
                                bound=TEXTS_CACHED)
        return texts.get(article, "")

    def _articles_joined(self, document_id: str, version: str) -> dict[str, str]:
        out: dict[str, list[str]] = {}
        for r in self.store.scroll(document_id=document_id):
            if r.payload.get("version") == version and r.payload.get("article"):
                out.setdefault(str(r.payload["article"]), []).append(
                    " ".join(str(r.payload.get(k) or "") for k in ("caption", "text")))
        return {k: "\n".join(v) for k, v in out.items()}

    def _read_once(self, cache: dict[tuple[str, str], T], key: tuple[str, str],
                      read: Callable[[], T], bound: int | None = None) -> T:
        """A document version's value from the store, read once (the oldest dropped past
        `bound`)."""
        with self._lock:
            cached = cache.get(key)
        if cached is not None:
            return cached
        value = read()
        with self._lock:
            if bound is not None and len(cache) >= bound:
                cache.pop(next(iter(cache)))
            cache[key] = value
        return value

    def _person_names(self, text: str) -> list[str]:
        from core.pii import PiiDetector

        with self._lock:
            if self._pii is None:
                self._pii = PiiDetector()
            detector = self._pii
        assert isinstance(detector, PiiDetector)
        return detector.person_names(text)
