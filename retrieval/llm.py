"""OpenAI-compatible chat client (vLLM, Ollama, llama.cpp server, Azure OpenAI, OpenAI).

One small class over httpx: timeouts, a bounded number of retries on connection errors and 5xx,
and streaming of server-sent events. Every failure becomes BackendUnavailableError so the caller
can degrade to similar-QA mode instead of failing the request.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator, Sequence

import httpx

from core.errors import BackendUnavailableError

log = logging.getLogger(__name__)


class OpenAICompatibleLlm:
    def __init__(self, base_url: str, model: str, *, api_key: str | None = None,
                 timeout_s: float = 30.0, retries: int = 1, max_tokens: int = 600,
                 temperature: float = 0.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.model_id = model
        self._headers = {"content-type": "application/json"}
        if api_key:
            self._headers["authorization"] = f"Bearer {api_key}"
        self.timeout_s = timeout_s
        self.retries = retries
        self.max_tokens = max_tokens
        self.temperature = temperature

    def _body(self, messages: Sequence[dict[str, str]], stream: bool) -> dict[str, object]:
        return {"model": self.model_id, "messages": list(messages), "stream": stream,
                "max_tokens": self.max_tokens, "temperature": self.temperature}

    def complete(self, messages: Sequence[dict[str, str]], *,
                 timeout_s: float | None = None) -> str:
        timeout = timeout_s or self.timeout_s
        last: Exception | None = None
        for attempt in range(self.retries + 1):
            try:
                res = httpx.post(f"{self.base_url}/chat/completions", headers=self._headers,
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
        timeout = timeout_s or self.timeout_s
        try:
            with httpx.stream("POST", f"{self.base_url}/chat/completions",
                              headers=self._headers, json=self._body(messages, True),
                              timeout=timeout) as res:
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
