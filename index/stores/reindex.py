"""Rebuild the embedded index from its own payloads: after changing CHONAI_EMBEDDING, or to give
an index made before QA-aware search its `question` vector.

Every point (all versions, history included) is re-embedded from the text kept in its payload
into a fresh index beside the old one, which is swapped in only when complete; ids and payloads
stay as they were, so the catalog needs no change. Passage embeddings come from the content-hash
cache, so a rebuild with the same model embeds only what is new (e.g. FAQ questions).
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.errors import InputError, NotFoundError
from core.settings import Settings
from core.writegate import WriteGate
from index.embedders import CachedEmbedder
from index.indexer import compose_passage, embed_points
from index.stores.base import PointRecord, ScoredRecord, VectorStore
from index.stores.chooser import OLD_SUFFIX, REBUILD_SUFFIX, open_store, recover_swap, store_dir
from index.tokenize_ja import JapaneseTokenizer

log = logging.getLogger(__name__)

BATCH = 64
SCROLL_ALL = 10**9


@dataclass
class ReindexReport:
    points: int
    embedded: int  # passages the model actually ran on (the rest came from the cache)
    model: str
    question_vector: bool

    def to_dict(self) -> dict[str, Any]:
        return {"points": self.points, "embedded": self.embedded, "model": self.model,
                "question_vector": self.question_vector}


def rebuild_points(records: Sequence[ScoredRecord], *, embedder: CachedEmbedder,
                   tokenizer: JapaneseTokenizer, with_question: bool) -> list[PointRecord]:
    """Points with fresh vectors for stored records, ids and payloads unchanged."""
    texts = [compose_passage(
        r.payload.get("document_title") or "", label=r.payload.get("label"),
        caption=r.payload.get("caption"), context=r.payload.get("context"),
        text=r.payload.get("text") or "", question=r.payload.get("question"),
        answer=r.payload.get("answer")) for r in records]
    return embed_points(ids=[r.id for r in records], texts=texts,
                        payloads=[r.payload for r in records],
                        questions=[r.payload.get("question") for r in records],
                        embedder=embedder, tokenizer=tokenizer, with_question=with_question)


def reindex(settings: Settings, embedder: CachedEmbedder, *,
            progress: Callable[[int], None] | None = None) -> ReindexReport:
    """Rebuild the embedded index in a folder beside it, then swap; the old one is kept until
    the new one is complete, so an interrupted run leaves the old index in place."""
    with WriteGate(settings.data_dir).held(what="reindex"):  # a backup waits for the swap
        return _reindex(settings, embedder, progress=progress)


def _reindex(settings: Settings, embedder: CachedEmbedder, *,
             progress: Callable[[int], None] | None) -> ReindexReport:
    path = store_dir(settings)
    recover_swap(path)
    if not path.exists():
        raise NotFoundError(f"no index at {path} (run ingest first)")
    fresh_path = path.with_name(path.name + REBUILD_SUFFIX)
    if fresh_path.exists():
        shutil.rmtree(fresh_path)
    with _opened(settings, path) as old:
        records = old.scroll(limit=SCROLL_ALL)
    misses_before = embedder.misses
    with _opened(settings, fresh_path) as fresh:
        fresh.ensure_collection(embedder.dim)
        tokenizer = JapaneseTokenizer()
        with_question = fresh.has_question
        for start in range(0, len(records), BATCH):
            batch = records[start:start + BATCH]
            fresh.upsert(rebuild_points(batch, embedder=embedder, tokenizer=tokenizer,
                                        with_question=with_question))
            if progress:
                progress(len(batch))
        fresh.optimize()
        if fresh.count(None) != len(records):
            raise InputError(f"reindex wrote {fresh.count(None)} of {len(records)} points; "
                             "the old index is unchanged")
    old_path = path.with_name(path.name + OLD_SUFFIX)
    path.rename(old_path)
    fresh_path.rename(path)
    shutil.rmtree(old_path)
    return ReindexReport(len(records), embedder.misses - misses_before,
                         embedder.model_id, with_question)


@contextmanager
def _opened(settings: Settings, path: Path) -> Iterator[VectorStore]:
    store = open_store(settings, path)
    try:
        yield store
    finally:
        store.close()
