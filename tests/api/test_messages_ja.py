"""Japanese only, everywhere a person reads: every error raised in the code has a Japanese
wording (api/messages_ja.py), the HTTP error bodies carry it, and the page bundle holds no
English sentence."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.errors import _HTTP_JA, _STATUS
from api.messages_ja import file_error, translate, validation_ja
from tests.conftest import REPO_ROOT

USER_ERRORS = {"RagError", "InputError", "SourceParseError", "UnsafeInputError",
               "NotFoundError", "PersonalInfoError", "AuthenticationError",
               "PermissionDeniedError", "RateLimitedError", "IndexNotReadyError",
               "BackendUnavailableError", "StorageFullError"}
PACKAGES = ("api", "core", "ingest", "retrieval", "index", "answer", "db")
# words that may stay in Latin letters in Japanese text: formats, product and field names
ALLOWED = {"API", "ID", "PDF", "CSV", "XML", "HTML", "JSON", "JSONL", "DOCX", "XLSX",
           "BOM", "NUL", "DTD", "DOCTYPE", "LawBody", "LawTitle", "MainProvision", "Law",
           "FAQ", "zip", "xlsx", "docx", "txt", "csv", "pdf", "html", "xml", "true", "false",
           "Excel", "CSRF", "OCR", "UTF", "chonai", "QA", "LLM", "SSO", "ms", "OK", "CLI",
           "jsonl", "md", "AI", "LibreOffice", "xls"}
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
PLACEHOLDER = "①"


def english_words(text: str) -> list[str]:
    return [w for w in ENGLISH_WORD.findall(text) if w not in ALLOWED]


def _message(node: ast.expr) -> str | None:
    """The message of `raise X("...")` with each {placeholder} as ①; None if not literal."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else PLACEHOLDER
                       for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _message(node.left), _message(node.right)
        return None if left is None else left + (right if right is not None else PLACEHOLDER)
    return None


def raised_messages() -> list[tuple[str, str]]:
    found = []
    for package in PACKAGES:
        for path in sorted((REPO_ROOT / package).rglob("*.py")):
            if path.name.startswith("cli"):  # the command line is for operators
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                        and node.func.id in USER_ERRORS and node.args):
                    continue
                message = _message(node.args[0])
                # a message built only from names (f"{HINT} ({err})") has no text to check here
                if message is not None and re.search(r"[A-Za-z]", message):
                    found.append((f"{path.relative_to(REPO_ROOT)}:{node.lineno}", message))
    return found


def test_the_scan_finds_the_raise_sites() -> None:
    messages = dict(raised_messages())
    assert len(messages) > 60
    assert "no title line" in messages.values()


@pytest.mark.parametrize(("where", "message"), raised_messages())
def test_every_raised_error_has_a_japanese_wording(where: str, message: str) -> None:
    ja = translate(message)
    assert ja is not None, f"{where}: no Japanese wording for {message!r} (api/messages_ja.py)"
    assert JAPANESE.search(ja)
    assert not english_words(ja.replace(PLACEHOLDER, "")), f"{where}: {ja}"


def test_categories_and_http_reasons_are_japanese() -> None:
    for _cls, _status, ja in _STATUS:
        assert JAPANESE.search(ja)
        assert not english_words(ja)
    for ja in _HTTP_JA.values():
        assert not english_words(ja)


def test_an_unknown_message_never_leaks_english() -> None:
    assert translate("something nobody wrote a rule for") is None
    assert not english_words(file_error("something nobody wrote a rule for"))


def test_validation_errors_in_japanese() -> None:
    long = {"type": "string_too_long", "loc": ("body", "query"), "ctx": {"max_length": 1000}}
    assert validation_ja(long) == "質問は1000文字以内にしてください"
    assert validation_ja({"type": "missing", "loc": ("body", "name")}) == "名前を入力してください"
    assert "日付" in validation_ja({"type": "date_from_datetime_parsing",
                                    "loc": ("query", "since")})


@pytest.fixture(scope="module")
def sample_client(sample_services: Any) -> Iterator[TestClient]:
    from api.app import create_app

    with TestClient(create_app(services=sample_services)) as c:
        yield c


def test_api_error_bodies_are_japanese_only(sample_client: TestClient) -> None:
    cases = [
        sample_client.post("/api/ask", json={"query": "あ" * 1001}),
        sample_client.post("/api/ask", json={"query": "   "}),
        sample_client.post("/api/ask", json={"query": "年休", "mode": "x"}),
        sample_client.post("/api/auth/login", json={"name": "nobody", "password": "x"}),
        sample_client.get("/api/documents/0123"),
        sample_client.get("/api/no-such-path"),
        sample_client.post("/api/ask", content=b"{bad json", headers={
            "content-type": "application/json"}),
    ]
    for res in cases:
        assert res.status_code >= 400
        ja = res.json()["error"]["message_ja"]
        assert JAPANESE.search(ja), ja
        assert not english_words(ja), (res.request.url, ja)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("aria-label", "placeholder", "title", "alt") and value:
                self.texts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.texts.append(data.strip())


WEB = REPO_ROOT / "api" / "web"


def test_the_page_text_is_japanese() -> None:
    parser = _Text()
    parser.feed((WEB / "index.html").read_text(encoding="utf-8"))
    english = [t for t in parser.texts if english_words(t)]
    assert english == [], english


def _css_classes() -> set[str]:
    css = (WEB / "static" / "style.css").read_text(encoding="utf-8")
    return set(re.findall(r"\.([a-z][a-z0-9-]*)", css))


JS_LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`|\'((?:[^\'\\\n]|\\.)*)\'')


def js_sentences(source: str, code_words: set[str]) -> list[str]:
    """String literals that read like English prose: two or more words, not all of them code
    (CSS classes, HTML/JS names)."""
    out = []
    source = re.sub(r"^\s*//.*$", "", source, flags=re.M)  # comments are for developers
    for m in JS_LITERAL.finditer(source):
        text = next(g for g in m.groups() if g is not None)
        text = re.sub(r"\$\{[^}]*\}", " ", text)
        # identifiers (class names, ids: toggle-user, dept-chart-h) are code, not prose
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z'_-]+", text)
                 if w not in ALLOWED and "-" not in w and "_" not in w]
        prose = [w for w in words if w.lower() not in code_words]
        if len(prose) >= 2 and re.search(r"[A-Za-z]+ [A-Za-z]+", text):
            out.append(text)
    return out


CODE_WORDS = {"use", "strict", "same", "origin", "content", "type", "application", "json",
              "text", "event", "stream", "get", "post", "delete", "patch", "button", "submit",
              "checkbox", "radio", "true", "false", "none", "auto", "main", "page", "input",
              "name", "value", "checked", "click", "keydown", "print", "block", "center",
              "nearest", "smooth", "stroke", "fill", "width", "height", "viewbox", "rect",
              "svg", "http", "www", "org", "xmlns", "role", "img", "aria", "label", "hidden",
              "departments", "documents", "mode", "answer", "similar", "faq", "manual",
              "regulation", "law", "file", "files", "open", "polite", "status", "list", "row",
              "col", "scope", "tabindex", "data", "rating", "new", "current", "history",
              "search", "csv", "id", "en", "ja", "blank", "noopener", "href", "download",
              "textarea", "select", "option", "details", "summary", "span", "div", "table",
              "tbody", "thead", "tr", "td", "th", "li", "ol", "ul", "dl", "dt", "dd", "mark",
              "ins", "del", "small", "strong", "section", "form", "code", "pre", "em", "iframe",
              "src", "title", "class", "for", "not", "and", "toolbar", "frame", "zoom", "nav"}


def test_the_page_script_holds_no_english_sentence() -> None:
    code = CODE_WORDS | _css_classes()
    bad = {}
    for path in sorted((WEB / "static").glob("*.js")):
        found = js_sentences(path.read_text(encoding="utf-8"), code)
        if found:
            bad[path.name] = found
    assert bad == {}


def test_the_script_scan_would_catch_english() -> None:
    assert js_sentences('status.textContent = "Upload finished with errors";', CODE_WORDS)
    assert not js_sentences('el("p", { class: "meta" }, "登録しました")', CODE_WORDS)


def test_upload_errors_in_the_report_are_japanese(tmp_path: Path) -> None:
    assert file_error("no title line") == "1行目に文書名（タイトル）がありません"
    assert "上限" in file_error("file is 12,000 bytes, over the limit of 10,000")


def test_a_file_error_names_the_file_not_the_server_folder() -> None:
    from api.messages_ja import with_category

    ja = with_category("入力に誤りがあります", "no title line", "/srv/chonai/uploads/ab12/規程.txt")
    assert ja == "入力に誤りがあります: 規程.txt: 1行目に文書名（タイトル）がありません"
