"""The CLI's way into a data dir that a running `chonai serve` holds: its HTTP API.

`chonai serve` records its URL and a per-start token in the data dir (core/datadir.py, file
mode 0600). Whoever can read that file can already read the database, so the token makes the
caller the local administrator "cli" (or, with departments, a staff member of those), exactly
like the CLI working on the files. Nothing here opens the index or the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

import httpx

from core.datadir import Owner
from core.errors import BackendUnavailableError, RagError
from core.types import Hit

LOCAL_TOKEN_HEADER = "X-Chonai-Local-Token"
AS_DEPARTMENTS_HEADER = "X-Chonai-As-Departments"
TIMEOUT_S = 300.0


class ServerClient:
    """JSON calls to the server holding the data dir; errors become one-line RagErrors."""

    def __init__(self, owner: Owner, *, departments: Sequence[str] | None = None) -> None:
        assert owner.url
        assert owner.token
        self.owner = owner
        headers = {LOCAL_TOKEN_HEADER: owner.token}
        if departments:
            headers[AS_DEPARTMENTS_HEADER] = ",".join(departments)
        self._client = httpx.Client(base_url=owner.url, headers=headers, timeout=TIMEOUT_S,
                                    trust_env=False)

    def call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            res = self._client.request(method, path, **kwargs)
        except httpx.HTTPError as err:
            raise BackendUnavailableError(
                f"{self.owner.describe()} holds the data dir but does not answer "
                f"({type(err).__name__}: {err})") from err
        if res.status_code >= 400:
            try:
                error = res.json()["error"]
                reason = error.get("message") or error.get("message_ja")
            except (ValueError, KeyError, TypeError):
                reason = res.text[:200]
            raise RagError(f"the server answered {res.status_code}: {reason}")
        return res

    def json(self, method: str, path: str, **kwargs: Any) -> Any:
        return self.call(method, path, **kwargs).json()

    def close(self) -> None:
        self._client.close()


def hit_from_dict(entry: dict[str, Any]) -> Hit:
    """A Hit rebuilt from the API's JSON (cosine and covers go back into `extra`)."""
    names = ("chunk_id", "score", "kind", "document_id", "document_title", "article",
             "paragraph", "item", "page", "question", "text", "label", "answer", "caption",
             "part", "owner_department")
    fields: dict[str, Any] = {n: entry.get(n) for n in names}
    fields["label"] = fields["label"] or ""
    fields["text"] = fields["text"] or ""
    fields["part"] = fields["part"] or "main"
    extra = {k: entry[k] for k in ("cosine", "covers") if entry.get(k) is not None}
    return Hit(**fields, extra=extra)


class RemoteSearcher:
    def __init__(self, client: ServerClient) -> None:
        self.client = client

    def search(self, request: Any) -> Any:
        body = {"query": request.query, "top_k": request.top_k, "kind": list(request.kinds),
                "document_ids": list(request.document_ids),
                "include_history": request.include_history, "confirm_pii": True}
        out = self.client.json("POST", "/api/search", json=body)
        return SimpleNamespace(hits=[hit_from_dict(h) for h in out["results"]],
                               expansions=out.get("expansions", []), ms=out.get("ms", 0.0),
                               top_k=request.top_k)


class RemoteAnswerer:
    def __init__(self, client: ServerClient, abstain_threshold: float) -> None:
        self.client = client
        self.abstain_threshold = abstain_threshold
        self.llm = None
        # the eval runner reports which model decided; the server's own decision is used
        self.abstain_model = SimpleNamespace(info={"kind": "server"})
        # the last answer-mode reply: `chonai eval` asks decide() then ask() for one question,
        # and the server is asked (and logs the question) once
        self._last: tuple[tuple[str, int], dict[str, Any]] | None = None

    def _answer(self, query: str, top_k: int) -> dict[str, Any]:
        key = (query, top_k)
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        out: dict[str, Any] = self.client.json("POST", "/api/ask", json={
            "query": query, "mode": "answer", "top_k": top_k, "confirm_pii": True})
        self._last = (key, out)
        return out

    def decide(self, query: str, found: Any, terms: Sequence[str] | None = None) -> Any:
        """The running server's abstention decision for this question (its /api/ask reply,
        asked with the search's top_k so that `ask` reuses it)."""
        from answer.abstain import Decision

        out = self._answer(query, int(getattr(found, "top_k", 5) or 5))
        got = out.get("decision") or {}
        return Decision(abstain=bool(out.get("abstained")),
                        p_answerable=float(got.get("p_answerable", 0.0)),
                        signals=dict(got.get("signals") or {}), reason=str(got.get("reason", "")))

    def ask(self, query: str, *, mode: str = "answer", top_k: int = 5,
            departments: Sequence[str] | None = None) -> Any:
        if mode == "answer":
            out = self._answer(query, top_k)
        else:
            out = self.client.json("POST", "/api/ask", json={
                "query": query, "mode": mode, "top_k": top_k, "confirm_pii": True})
        return SimpleNamespace(**out, to_dict=lambda: out)


class RemoteServices:
    """Just enough of `Services` for search, ask and `eval` through the running server."""

    def __init__(self, client: ServerClient, settings: Any) -> None:
        self.client = client
        self.settings = settings
        self.searcher = RemoteSearcher(client)
        self.answerer = RemoteAnswerer(client, settings.abstain_threshold)
        self.embedder = SimpleNamespace(model_id="(server)", forget_queries=lambda: None)

    def close(self) -> None:
        self.client.close()
