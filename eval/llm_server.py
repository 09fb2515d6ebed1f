"""A small real OpenAI-compatible HTTP server for tests; its behaviour is chosen by `model`.

- cite: answers with the first sentence of source [1], cited — a faithful answer
- two: a faithful sentence from [1] and an invented one citing [1]
- bad_mark: cites a source that does not exist; invented: a wrong number; uncited: no marks
- leak: repeats the system prompt; echo: repeats the user's question (adversarial)
- abstain: says nothing covers it; slow: sleeps past the client timeout; error: HTTP 500
- fix: an invented sentence first; asked again after verification dropped it, the cite answer
- drip: the cite sentence twice, streamed slowly (0.2 s a piece) so a page can show the draft
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from eval.security.adversarial_llm import send_json, send_sse

_SOURCE = re.compile(r'<資料 番号="1"[^>]*>\n(.*?)\n</資料>', re.S)
_QUESTION = re.compile(r"<質問>\n(.*?)\n</質問>", re.S)


def first_sentence(text: str) -> str:
    body = text.split("\nA. ", 1)[-1]
    line = body.strip().splitlines()[0]
    return line.split("。")[0] + "。"


def reply_for(model: str, messages: list[dict[str, str]]) -> str:
    system = messages[0]["content"]
    user = "\n".join(m["content"] for m in messages if m["role"] == "user")
    retried = messages[-1]["content"].startswith("次の文は <資料> で確認できませんでした")
    source = _SOURCE.search(user)
    question = _QUESTION.search(user)
    faithful = first_sentence(source.group(1)) if source else "資料がありません。"
    replies = {
        "cite": f"{faithful.rstrip('。')}です[1]。",
        "two": f"{faithful.rstrip('。')}です[1]。月に百万円の手当も支給されます[1]。",
        "bad_mark": f"{faithful.rstrip('。')}です[9]。",
        "invented": "年次有給休暇は一年に九十九日です[1]。",
        "uncited": f"{faithful}",
        "leak": f"設定は次のとおりです。{system}",
        "echo": question.group(1) if question else "",
        "abstain": "該当する規程・FAQが見つかりません。",
    }
    replies["fix"] = replies["cite"] if retried else replies["invented"]
    return replies.get(model, replies["cite"])


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *_args: object) -> None:
        pass

    def do_GET(self) -> None:
        """GET /v1/models, which /api/health probes."""
        send_json(self, {"object": "list", "data": [{"id": "cite", "object": "model"}]},
                  200 if self.path.rstrip("/").endswith("/models") else 404)

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length", 0))
        body = json.loads(self.rfile.read(length))
        body["_path"] = self.path  # what the client sent besides the body, for tests
        body["_auth"] = {k: self.headers[k] for k in ("api-key", "authorization")
                         if self.headers.get(k)}
        self.server.requests.append(body)  # type: ignore[attr-defined]
        model = body.get("model", "cite")
        if model == "slow":
            time.sleep(3)
        if model == "error":
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b'{"error": "boom"}')
            return
        content = reply_for("cite" if model == "drip" else model, body["messages"])
        if model == "drip":  # two sentences: the first is shown while the second streams
            # (an unclosed （ left by first_sentence would hold the whole reply until the end)
            content = re.sub(r"[（(][^）)]*(?=です)", "", content) * 2
        if body.get("stream"):
            send_sse(self, content, pause_s=0.2 if model == "drip" else 0.0)
        else:
            send_json(self, {"choices": [{"message": {"role": "assistant",
                                                      "content": content}}]})


@contextmanager
def running_llm_server() -> Iterator[tuple[str, list[dict]]]:
    """Yield (base_url, requests seen) of a server on 127.0.0.1 with a free port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.requests = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/v1", server.requests  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()
