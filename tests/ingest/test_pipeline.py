"""File-level dispatch and checks in ingest/pipeline.py, on real files."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import SourceParseError, UnsafeInputError
from core.types import Kind
from ingest.pipeline import discover, load_file, parse_bytes
from tests.conftest import SAMPLE_DIR, shared_dataset

CORPUS = SAMPLE_DIR / "corpus"


@pytest.mark.parametrize(("name", "kind", "source_format"), [
    ("みどり市公印規程.txt", Kind.REGULATION, "text"),
    ("みどり市職員服務規程.html", Kind.REGULATION, "reiki_html"),
    ("みどり市職員FAQ.csv", Kind.FAQ, "csv"),
    ("財務会計システムFAQ.xlsx", Kind.FAQ, "xlsx"),
    ("財務会計システム操作手順書.pdf", Kind.MANUAL, "pdf"),
])
def test_auto_detects_every_sample_format(name: str, kind: Kind, source_format: str) -> None:
    doc = load_file(CORPUS / name).document
    assert doc.kind == kind
    assert doc.source_format.startswith(source_format)
    assert doc.chunks


def test_egov_xml_and_manual_html_by_path() -> None:
    law = shared_dataset("egov_law_xml") / "405AC0000000088_gyosei_tetsuzuki_ho.xml"
    assert load_file(law).document.title == "行政手続法"
    html = shared_dataset("jp_gov_guidelines_pdf_html") / "html" / "ppc-mynumber-gov.html"
    assert load_file(html).document.kind == Kind.MANUAL


def test_column_mapping_for_unusual_headers(tmp_path: Path) -> None:
    path = tmp_path / "faq.csv"
    path.write_text("照会事項,応答\n年休は何日？,二十日です。\n", encoding="utf-8")
    with pytest.raises(SourceParseError):
        load_file(path)
    doc = load_file(path, column_map={"question": "照会事項", "answer": "応答"}).document
    assert doc.chunks[0].question == "年休は何日？"


@pytest.mark.parametrize(("name", "content", "error", "message"), [
    ("a.exe", b"MZ", SourceParseError, "unknown format .exe"),
    ("a.txt", b"", SourceParseError, "empty file"),
    ("a.txt", b"\xff\xfe\xfa\x00\x81", SourceParseError, None),
    ("a.pdf", b"%PDF-1.7 truncated", SourceParseError, None),
    ("a.xml", b'<!DOCTYPE x [<!ENTITY a "b">]><Law>&a;</Law>', UnsafeInputError, None),
    ("a.csv", b"x,y\n1,2\n", SourceParseError, None),
])
def test_bad_input_gets_one_line_reason(name: str, content: bytes, error: type,
                                        message: str | None) -> None:
    with pytest.raises(error, match=message) as info:
        parse_bytes(content, name=name)
    assert "\n" not in str(info.value)


def test_size_limit_and_allowed_directory(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2048)
    with pytest.raises(UnsafeInputError, match="over the limit"):
        load_file(path, max_bytes=1024)
    with pytest.raises(UnsafeInputError, match="outside the allowed upload directory"):
        load_file(path, allowed_dir=tmp_path / "uploads")


def test_kind_conflicting_with_format_is_refused() -> None:
    with pytest.raises(SourceParseError, match="read as faq"):
        parse_bytes(b"a,b\n", name="x.csv", kind="regulation")


def test_discover_walks_folders_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for rel in ("b/2.txt", "1.csv", ".hidden.txt", "notes.bin"):
        (tmp_path / rel).write_text("x", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path])] == [
        "1.csv", "b/2.txt"]
