"""What /api/health reports: each part (store, database, embedding, llm, disk, store_writes,
jobs) ok or down, and why; /api/ready condenses it for load balancers.

Overall `status`: "ok"; "degraded" while answers are still served but something optional is out
(the LLM: answers fall back to similar QAs; the data dir under `min_free_mb`: ingest and uploads
are refused; the last write to the index failed; the last upload job failed); "down" when a
required part fails (store, database, embedding model, or a data dir so full that questions
cannot be written to the audit log): search and ask answer 503/507 until it is back, and
/api/health itself answers HTTP 503. The embedding probe (one query) and the LLM probe
(GET /models) are cached a few seconds so health stays cheap.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from core.storage import MIB, free_bytes

if TYPE_CHECKING:
    from services.build import Services

REQUIRED = ("store", "database", "embedding")
OPTIONAL = ("llm", "disk", "store_writes", "jobs")
EMBEDDING_TTL_S = 10.0


class ProbeCache:
    """One cached result per probe name, refreshed after `ttl_s`; one probe at a time each."""

    def __init__(self) -> None:
        self._values: dict[str, tuple[float, dict[str, Any]]] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, name: str, ttl_s: float, probe: Callable[[], dict[str, Any]]
            ) -> dict[str, Any]:
        with self._guard:
            lock = self._locks.setdefault(name, threading.Lock())
        with lock:
            cached = self._values.get(name)
            if cached is not None and time.monotonic() - cached[0] < ttl_s:
                return cached[1]
            value = probe()
            self._values[name] = (time.monotonic(), value)
            return value


def _reason(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return f"{type(err).__name__}: {text[0] if text else ''}"[:300]


def store_part(services: Services) -> dict[str, Any]:
    part: dict[str, Any] = {"backend": services.store.backend}
    try:
        if not services.store_ready:  # started while the store was unreachable
            services.store.ensure_collection(services.embedder.dim)
            services.store_ready = True
        part.update(ok=True, points=services.store.count())
    except Exception as err:
        part.update(ok=False, reason=_reason(err))
    return part


def database_part(services: Services) -> dict[str, Any]:
    try:
        return {"ok": True, "documents": len(services.catalog.list_documents())}
    except Exception as err:
        return {"ok": False, "reason": _reason(err)}


def embedding_part(services: Services) -> dict[str, Any]:
    def probe() -> dict[str, Any]:
        part: dict[str, Any] = {"model": services.embedder.model_id, "dim": services.embedder.dim}
        try:
            services.embedder.embed_queries(["health"])
            part["ok"] = True
        except Exception as err:
            part.update(ok=False, reason=_reason(err))
        return part

    return services.probes.get("embedding", EMBEDDING_TTL_S, probe)


def llm_part(services: Services) -> dict[str, Any]:
    llm = services.answerer.llm
    if llm is None:
        return {"ok": None, "configured": False}
    ok, reason = llm.probe()
    part = {"ok": ok, "configured": True, "model": llm.model_id}
    if not ok:
        part["reason"] = f"{reason}; answers fall back to similar QAs"
    return part


def disk_part(services: Services) -> dict[str, Any]:
    settings = services.settings
    try:
        free = free_bytes(settings.data_dir)
    except OSError as err:
        return {"ok": False, "reason": _reason(err)}
    part: dict[str, Any] = {"ok": free >= settings.min_free_mb * MIB,
                            "free_mib": round(free / MIB, 1), "min_free_mib": settings.min_free_mb}
    if free < MIB:  # every question is logged: nothing is answered (507) until space is freed
        part.update(blocking=True, reason="the data dir is full: questions cannot be written to "
                    "the audit log, so search and ask answer 507")
    elif not part["ok"]:
        part["reason"] = (f"{free / MIB:.0f} MiB free in the data dir, under "
                          f"{settings.min_free_mb} MiB: ingest and uploads are refused")
    return part


def store_writes_part(services: Services) -> dict[str, Any]:
    """Whether the index still takes writes: the last write failed (a damaged shard, a
    read-only disk) → uploads and deletions fail until it is fixed; searches still work."""
    failed = getattr(services.store, "last_write_error", None)
    if failed:
        return {"ok": False, "since": failed["at"], "operation": failed["operation"],
                "reason": f"the last write to the index failed ({failed['reason']}): uploads "
                          "and deletions fail until the server is restarted or the index "
                          "repaired",
                "reason_ja": "検索インデックスへの書き込みに失敗しました。アップロードと削除は"
                             "サーバーを再起動するまで失敗します"}
    return {"ok": True}


def jobs_part(services: Services) -> dict[str, Any]:
    """The upload job that finished last: a failure is reported until a later job succeeds."""
    from db.jobs import last_finished_job

    try:
        job = last_finished_job(services.catalog.engine)
    except Exception as err:
        return {"ok": False, "reason": _reason(err)}
    if job is None:
        return {"ok": True, "last_job": None}
    brief = {"id": job["id"], "status": job["status"], "finished_at": job["finished_at"]}
    if job["status"] != "error":
        return {"ok": True, "last_job": brief}
    return {"ok": False, "last_job": brief,
            "reason": f"the last upload job failed: {job['error']}",
            "reason_ja": f"最後の登録ジョブが失敗しました: {job['error_ja']}"}


def check(services: Services) -> dict[str, Any]:
    """The health body; the keys before `parts` are the ones /api/health always had."""
    parts = {"store": store_part(services), "database": database_part(services),
             "embedding": embedding_part(services), "llm": llm_part(services),
             "disk": disk_part(services), "store_writes": store_writes_part(services),
             "jobs": jobs_part(services)}
    down = [name for name, part in parts.items() if part["ok"] is False]
    blocking = [n for n in down if n in REQUIRED or parts[n].get("blocking")]
    status = "down" if blocking else "degraded" if down else "ok"
    store = dict(parts["store"])
    if not store["ok"]:
        store["error"] = store["reason"]
    llm = parts["llm"]
    return {
        "status": status,
        "store": store,
        "embedding": {"model": services.embedder.model_id, "dim": services.embedder.dim},
        "llm": ({"configured": True, "model": llm["model"]} if llm["configured"]
                else {"configured": False}),
        "documents": parts["database"].get("documents"),
        "synonyms": len(services.synonyms),
        "parts": parts,
        "down": down,
    }


def readiness(services: Any) -> dict[str, Any]:
    """Whether to send traffic here: searches and answers work (required parts up, disk not
    blocking); `uploads` says whether uploads would be accepted too."""
    body = check(services)
    parts = body["parts"]
    reasons = {name: parts[name].get("reason") for name in body["down"]}
    uploads = all(parts[n]["ok"] is not False for n in ("store", "database", "store_writes",
                                                         "disk"))
    return {"ready": body["status"] != "down", "status": body["status"], "uploads": uploads,
            "reasons": reasons}
