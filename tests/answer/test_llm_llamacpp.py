"""The real thing: a llama.cpp OpenAI-compatible server with a small GGUF model (make llm).

Marked `llm`; skipped with a reason when .venv-llm (created by `make llm-install`) is absent.
Prints tokens/s and answer latency.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx
import pytest

from answer.answerer import Answerer
from answer.llm import OpenAICompatibleLlm
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.llm
LLM_PY = REPO_ROOT / ".venv-llm" / "bin" / "python"
MODEL = REPO_ROOT / "var" / "models" / "gemma-3-270m-q4_k_m.gguf"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def llama_server():
    if not LLM_PY.exists() or not MODEL.exists():
        pytest.skip("llama.cpp server not installed: run `make llm-install` first")
    port = free_port()
    proc = subprocess.Popen(
        [str(LLM_PY), "-m", "llama_cpp.server", "--model", str(MODEL), "--host", "127.0.0.1",
         "--port", str(port), "--n_ctx", "4096", "--n_threads", "2",
         "--chat_format", "gemma"],  # without it llama-cpp-python uses a Llama-2 template
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        for _ in range(120):
            try:
                if httpx.get(f"{url}/models", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.5)
        else:
            pytest.fail("llama.cpp server did not start within 60 s")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_real_llm_answer_is_cited_or_falls_back(sample_services, llama_server: str) -> None:
    llm = OpenAICompatibleLlm(llama_server, "local", timeout_s=120, max_tokens=200)
    llm.complete([{"role": "user", "content": "こんにちは"}])  # warm-up: load the model
    started = time.perf_counter()
    res = httpx.post(f"{llama_server}/chat/completions", timeout=120, json={
        "model": "local", "max_tokens": 64, "temperature": 0,
        "messages": [{"role": "user", "content": "日本の首都について一文で説明してください。"}]})
    seconds = time.perf_counter() - started
    tokens = res.json().get("usage", {}).get("completion_tokens", 0)
    said = res.json()["choices"][0]["message"]["content"]
    # a wrong chat template shows as a few tokens of template markup (" <<SYS>>") and no text
    assert tokens >= 8, said
    assert "<<SYS>>" not in said
    print(f"\nllama.cpp: {tokens} tokens in {seconds:.1f} s = {tokens / seconds:.1f} tokens/s",
          file=sys.stderr)
    answerer = Answerer(searcher=sample_services.searcher, tokenizer=sample_services.tokenizer,
                        abstain_threshold=sample_services.answerer.abstain_threshold, llm=llm,
                        llm_timeout_s=120)
    started = time.perf_counter()
    result = answerer.ask("年休は何日もらえる？")
    print(f"answer latency {time.perf_counter() - started:.1f} s, notice={result.notice}",
          file=sys.stderr)
    assert not result.degraded
    assert result.answer
    assert result.citations
    for c in result.citations:
        assert f"[{c['marker']}]" in result.answer
        assert c["quote"] in (c["answer"] or c["text"])
