"""Fakes behind the real protocols, for fast unit tests (the real parts are tested too)."""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Sequence

import numpy as np

from index.tokenize_ja import normalize


class HashEmbedder:
    """Character-bigram hashing into a small dense space: similar strings, similar vectors."""

    model_id = "test:hash-bigram"

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.calls = 0

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            norm = normalize(text)
            for a, b in itertools.pairwise(norm):
                out[row, zlib.crc32((a + b).encode()) % self.dim] += 1.0
            length = np.linalg.norm(out[row])
            out[row] = out[row] / length if length else out[row]
            if not length:
                out[row, 0] = 1.0
        return out

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(texts)
