"""Azure OpenAI deployment URLs: the api-version query is kept, the key goes in `api-key`."""

from __future__ import annotations

import httpx

from answer.llm import OpenAICompatibleLlm, is_azure
from eval.llm_server import running_llm_server

MESSAGES = [{"role": "system", "content": "s"},
            {"role": "user", "content": '<資料 番号="1" 出典="x">\n年休は十日。\n</資料>\n'
                                        "<質問>\n年休は？\n</質問>"}]


def test_azure_deployment_url_keeps_api_version_and_uses_api_key_header() -> None:
    with running_llm_server() as (url, requests):
        root = url.removesuffix("/v1")
        llm = OpenAICompatibleLlm(f"{root}/openai/deployments/cite?api-version=2024-10-21",
                                  "cite", api_key="k-123", retries=0)
        try:
            assert llm.complete(MESSAGES).endswith("[1]。")
            assert "".join(llm.stream(MESSAGES)).endswith("[1]。")
            assert llm.probe()[0]
        finally:
            llm.close()
    for sent in requests:
        assert sent["_path"] == ("/openai/deployments/cite/chat/completions"
                                 "?api-version=2024-10-21")
        assert sent["_auth"] == {"api-key": "k-123"}


def test_plain_openai_compatible_url_uses_a_bearer_token() -> None:
    with running_llm_server() as (url, requests):
        llm = OpenAICompatibleLlm(url, "cite", api_key="k-123", retries=0)
        try:
            llm.complete(MESSAGES)
        finally:
            llm.close()
    assert requests[-1]["_path"] == "/v1/chat/completions"
    assert requests[-1]["_auth"] == {"authorization": "Bearer k-123"}


def test_azure_is_recognised_by_host_or_api_version() -> None:
    assert is_azure(httpx.URL("https://x.openai.azure.com/openai/deployments/d"))
    assert is_azure(httpx.URL("https://proxy.example/openai/deployments/d?api-version=1"))
    assert not is_azure(httpx.URL("http://127.0.0.1:8081/v1"))
