"""Optional second stage: a cross-encoder re-scores the fused top-N (CHONAI_RERANKER; off).

A cross-encoder reads query and passage together, so it can see what a bi-encoder misses, at
~N model calls per query. No Japanese cross-encoder ships offline here, so the default is off and
the ordering logic is what is tested; any sentence-transformers CrossEncoder directory plugs in.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from core.errors import BackendUnavailableError
from core.types import Hit
from index.embedders import sentence_transformers_module, torch_device


class Reranker(Protocol):
    """Scores (query, passage) pairs jointly, e.g. a cross-encoder; higher is more relevant."""

    model_id: str

    def score(self, query: str, passages: Sequence[str]) -> list[float]: ...

RERANK_TOP_N = 20  # only the fused top-N are re-scored: latency grows linearly with it


class CrossEncoderReranker:
    """A sentence-transformers CrossEncoder from a local directory, loaded offline (the
    sentence-transformers extra); on the GPU when there is one unless `device` says."""

    def __init__(self, path: Path, *, batch_size: int = 16, max_length: int = 512,
                 device: str = "auto") -> None:
        if not (path / "config.json").is_file():
            raise BackendUnavailableError(f"reranker directory {path} has no config.json")
        st = sentence_transformers_module()
        self.device = torch_device(device)
        self._model = st.CrossEncoder(str(path), device=self.device, local_files_only=True,
                                      max_length=max_length)
        self._batch_size = batch_size
        self.model_id = f"ce:{path.name}"
        self._lock = threading.Lock()

    def score(self, query: str, passages: Sequence[str]) -> list[float]:
        if not passages:
            return []
        with self._lock:
            out = self._model.predict([(query, p) for p in passages],
                                      batch_size=self._batch_size, show_progress_bar=False)
        scores = np.asarray(out, dtype=np.float32)
        if scores.ndim == 2:  # a multi-label head: the last column is "relevant"
            scores = scores[:, -1]
        return [float(s) for s in scores]


def build_reranker(spec: str | None, *, device: str = "auto") -> Reranker | None:
    """None/'' = off; otherwise a local CrossEncoder directory."""
    if not spec:
        return None
    path = Path(spec).expanduser()
    if not path.is_dir():
        raise BackendUnavailableError(f"CHONAI_RERANKER={spec!r} is not a local model directory")
    return CrossEncoderReranker(path, device=device)


def rerank_text(hit: Hit) -> str:
    """What the cross-encoder reads: the FAQ question and answer, or caption + article text."""
    if hit.question:
        return f"{hit.question}\n{hit.answer or hit.text}"
    head = " ".join(p for p in (hit.document_title, hit.label, hit.caption or "") if p)
    return f"{head}\n{hit.text}"


def rerank_hits(reranker: Reranker, query: str, hits: Sequence[Hit],
                top_n: int = RERANK_TOP_N) -> list[Hit]:
    """Re-order the first `top_n` hits by cross-encoder score (stable on ties); the rest follow.

    The fused score stays in `extra["fused_score"]`; `score` becomes the cross-encoder's.
    """
    head, tail = list(hits[:top_n]), list(hits[top_n:])
    if len(head) < 2:
        return list(hits)
    scores = reranker.score(query, [rerank_text(h) for h in head])
    order = sorted(range(len(head)), key=lambda i: -scores[i])
    reranked = [
        dataclasses.replace(head[i], score=scores[i],
                            extra={**head[i].extra, "fused_score": head[i].score})
        for i in order
    ]
    return reranked + tail
