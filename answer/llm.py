"""OpenAI-compatible chat client (vLLM, Ollama, llama.cpp server, Azure OpenAI, OpenAI).

Azure OpenAI: give the deployment URL with its api-version as the base URL, e.g.
`https://NAME.openai.azure.com/openai/deployments/DEPLOYMENT?api-version=2024-10-21`; the query
is kept on every call and the key goes in the `api-key` header instead of a Bearer token.

One small class over httpx: timeouts, a bounded number of retries on connection errors and 5xx,
and streaming of server-sent events. Every failure becomes BackendUnavailableError so the caller
can degrade to similar-QA mode instead of failing the request. After a failure the endpoint is
left alone for `cooldown_s` (calls fail at once), so a hanging LLM does not hold every request
for the full timeout; `probe()` is the cheap check /api/health uses.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Protocol

import httpx

from core.errors import BackendUnavailableError


class Llm(Protocol):
    """A chat model; failures raise BackendUnavailableError so callers can degrade."""

    model_id: str

    def complete(self, messages: Sequence[dict[str, str]], *,
                 timeout_s: float | None = None) -> str: ...

    def stream(self, messages: Sequence[dict[str, str]], *,
               timeout_s: float | None = None) -> Iterator[str]: ...

    def probe(self) -> tuple[bool, str | None]:
        """(reachable, reason if not): the cheap check /api/health shows."""
        ...

    def close(self) -> None: ...


log = logging.getLogger(__name__)

COOLDOWN_S = 10.0  # after a failure, calls fail fast for this long, then one is let through
PROBE_TTL_S = 5.0  # /api/health reuses a probe result this long
PROBE_TIMEOUT_S = 2.0


AZURE_HOSTS = (".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com")


def is_azure(url: httpx.URL) -> bool:
    """An Azure OpenAI endpoint: an Azure host, or any URL that carries an api-version."""
    return "api-version" in url.params or (url.host or "").endswith(AZURE_HOSTS)


class OpenAICompatibleLlm:
    def __init__(self, base_url: str, model: str, *, api_key: str | None = None,
                 timeout_s: float = 30.0, retries: int = 1, max_tokens: int = 600,
                 temperature: float = 0.0, cooldown_s: float = COOLDOWN_S) -> None:
        url = httpx.URL(base_url)
        self._params = dict(url.params)  # Azure: {"api-version": "…"}
        self.base_url = str(url.copy_with(query=None)).rstrip("/")
        self.model_id = model
        self._headers = {"content-type": "application/json"}
        if api_key and is_azure(url):
            self._headers["api-key"] = api_key
        elif api_key:
            self._headers["authorization"] = f"Bearer {api_key}"
        self.timeout_s = timeout_s
        self.retries = retries
        self.max_tokens = max_tokens
        self.temperature = temperature
        self.cooldown_s = cooldown_s
        self._failed_at: float | None = None  # monotonic time of the last failure
        self._failure = ""
        self._probe: tuple[float, bool, str | None] | None = None
        self._probe_lock = threading.Lock()
        # one pooled client: a new one per call costs ~25 ms (SSL context, connection)
        self._client = httpx.Client()

    def close(self) -> None:
        self._client.close()

    def probe(self, timeout_s: float = PROBE_TIMEOUT_S) -> tuple[bool, str | None]:
        """(reachable, reason): GET /models answered below HTTP 500; cached PROBE_TTL_S."""
        with self._probe_lock:
            now = time.monotonic()
            if self._probe is not None and now - self._probe[0] < PROBE_TTL_S:
                return self._probe[1], self._probe[2]
            try:
                res = self._client.get(f"{self.base_url}/models", headers=self._headers,
                                       params=self._params, timeout=timeout_s)
                ok, reason = res.status_code < 500, (
                    None if res.status_code < 500 else f"HTTP {res.status_code}")
            except httpx.TimeoutException:
                ok, reason = False, f"no answer within {timeout_s:.0f} s"
            except httpx.TransportError as err:
                ok, reason = False, f"unreachable at {self.base_url}: {err}"
            if ok:
                self._failed_at = None  # back: let the next call through
            self._probe = (time.monotonic(), ok, reason)
            return ok, reason

    def _check_cooldown(self) -> None:
        if self._failed_at is None:
            return
        since = time.monotonic() - self._failed_at
        if since < self.cooldown_s:
            raise BackendUnavailableError(
                f"LLM unavailable ({self._failure}; next try in {self.cooldown_s - since:.0f} s)")

    def _failed(self, err: BaseException) -> None:
        self._failed_at = time.monotonic()
        self._failure = str(err)

    def _body(self, messages: Sequence[dict[str, str]], stream: bool) -> dict[str, object]:
        return {"model": self.model_id, "messages": list(messages), "stream": stream,
                "max_tokens": self.max_tokens, "temperature": self.temperature}

    def complete(self, messages: Sequence[dict[str, str]], *,
                 timeout_s: float | None = None) -> str:
        self._check_cooldown()
        try:
            text = self._complete(messages, timeout_s)
        except BackendUnavailableError as err:
            if "refused the request" not in str(err):  # a 4xx is our fault, not an outage
                self._failed(err)
            raise
        self._failed_at = None
        return text

    def _complete(self, messages: Sequence[dict[str, str]], timeout_s: float | None) -> str:
        timeout = timeout_s or self.timeout_s
        last: Exception | None = None
        for attempt in range(self.retries + 1):
            try:
                res = self._client.post(f"{self.base_url}/chat/completions",
                                        headers=self._headers, params=self._params,
                                        json=self._body(messages, False), timeout=timeout)
                if res.status_code >= 500:
                    raise BackendUnavailableError(f"LLM answered HTTP {res.status_code}")
                if res.status_code >= 400:
                    raise BackendUnavailableError(
                        f"LLM refused the request: HTTP {res.status_code} {res.text[:200]}")
                return str(res.json()["choices"][0]["message"]["content"] or "")
            except httpx.TimeoutException:
                raise BackendUnavailableError(f"LLM timed out after {timeout:.0f} s") from None
            except (httpx.TransportError, BackendUnavailableError) as err:
                last = err
                if isinstance(err, BackendUnavailableError) and "refused" in str(err):
                    raise
                if attempt < self.retries:
                    time.sleep(0.2 * (attempt + 1))
            except (KeyError, IndexError, ValueError) as err:
                raise BackendUnavailableError(f"LLM reply is not an OpenAI chat completion: "
                                              f"{err}") from None
        raise BackendUnavailableError(f"LLM unreachable at {self.base_url}: {last}")

    def stream(self, messages: Sequence[dict[str, str]], *,
               timeout_s: float | None = None) -> Iterator[str]:
        """Yield content deltas; raises BackendUnavailableError before the first one on failure."""
        self._check_cooldown()
        try:
            yield from self._stream(messages, timeout_s)
        except BackendUnavailableError as err:
            self._failed(err)
            raise
        self._failed_at = None

    def _stream(self, messages: Sequence[dict[str, str]],
                timeout_s: float | None) -> Iterator[str]:
        timeout = timeout_s or self.timeout_s
        try:
            with self._client.stream("POST", f"{self.base_url}/chat/completions",
                                     headers=self._headers, params=self._params,
                                     json=self._body(messages, True), timeout=timeout) as res:
                if res.status_code >= 400:
                    raise BackendUnavailableError(f"LLM answered HTTP {res.status_code}")
                for line in res.iter_lines():
                    if not line.startswith("data:"):
                        continue
                    data = line[5:].strip()
                    if data == "[DONE]":
                        return
                    try:
                        delta = json.loads(data)["choices"][0].get("delta", {})
                    except (ValueError, KeyError, IndexError):
                        continue
                    if delta.get("content"):
                        yield str(delta["content"])
        except httpx.TimeoutException:
            raise BackendUnavailableError(f"LLM timed out after {timeout:.0f} s") from None
        except httpx.TransportError as err:
            raise BackendUnavailableError(f"LLM unreachable at {self.base_url}: {err}") from None
