"""The one backend chooser: which `VectorStore` the settings ask for, and where it lives.

`CHONAI_QDRANT_URL` set: a Qdrant server through qdrant-client. Otherwise an embedded engine in
the data dir: the Qdrant Edge shard (default) or qdrant-client's local mode
(`CHONAI_STORE_BACKEND=local`). Embedded indexes are rebuilt beside themselves by `reindex`;
`recover_swap` finishes a swap a crash interrupted before the index is opened.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from core.errors import InputError
from core.settings import Settings
from index.stores.base import VectorStore

log = logging.getLogger(__name__)

REBUILD_SUFFIX = ".rebuild"
OLD_SUFFIX = ".old"
EMBEDDED = ("edge", "local")


def build_store(settings: Settings) -> VectorStore:
    """The configured store; nothing is contacted or created before `ensure_collection`."""
    if settings.qdrant_url:
        from index.stores.qdrant import QdrantClientStore

        return QdrantClientStore.remote(settings.qdrant_url, api_key=settings.qdrant_api_key,
                                        collection=settings.qdrant_collection,
                                        shards=settings.qdrant_shards,
                                        replicas=settings.qdrant_replicas)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    path = store_dir(settings)
    recover_swap(path)
    return open_store(settings, path)


def store_dir(settings: Settings) -> Path:
    """The folder of the embedded index; a Qdrant server has none (use a new collection)."""
    if settings.qdrant_url:
        raise InputError(
            "reindex rebuilds the embedded index; on a Qdrant server set "
            "CHONAI_QDRANT_COLLECTION to a new name and ingest the sources again")
    name = "qdrant-local" if settings.store_backend == "local" else "edge"
    return settings.index_path / name


def open_store(settings: Settings, path: Path) -> VectorStore:
    """The configured embedded engine on `path`: the live index, or a rebuild beside it."""
    return open_embedded("local" if settings.store_backend == "local" else "edge", path,
                         collection=settings.qdrant_collection)


def open_embedded(backend: str, path: Path | str, *, collection: str | None = None
                  ) -> VectorStore:
    """`edge` (a Qdrant Edge shard in `path`) or `local` (qdrant-client's local mode in `path`,
    or in memory for ":memory:")."""
    if backend == "local":
        from index.stores.qdrant import DEFAULT_COLLECTION, QdrantClientStore

        return QdrantClientStore.local(path, collection=collection or DEFAULT_COLLECTION)
    if backend == "edge":
        from index.stores.edge import EdgeStore

        return EdgeStore(path)
    raise ValueError(f"unknown embedded store {backend!r}: use one of {', '.join(EMBEDDED)}")


def recover_swap(path: Path) -> None:
    """Finish or undo a swap that a crash interrupted: the old index wins if the new is gone."""
    old = path.with_name(path.name + OLD_SUFFIX)
    if not path.exists() and old.exists():
        old.rename(path)
        log.warning("restored the index from an interrupted reindex", extra={"path": str(path)})
    elif path.exists() and old.exists():
        shutil.rmtree(old)
