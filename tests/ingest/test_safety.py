"""Encoding detection and zip-container screening on bytes generated here."""

from __future__ import annotations

import io
import zipfile

import pytest

from core.errors import SourceParseError, UnsafeInputError
from ingest.safety import check_zip_container, decode_text

SAMPLE = "質問,回答\r\n住民票の写しはどこで取れますか,市民課窓口（本庁舎１階）です。\r\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (SAMPLE.encode("utf-8-sig"), "utf-8-sig"),
        (SAMPLE.encode("utf-16"), "utf-16"),
        (SAMPLE.encode("cp932"), "cp932"),
        (SAMPLE.encode("euc_jp"), "euc_jp"),
    ],
)
def test_decode_text_detects_encoding_and_normalises_newlines(data: bytes, encoding: str) -> None:
    text, detected = decode_text(data)
    assert detected == encoding
    assert text == SAMPLE.replace("\r\n", "\n")


def test_decode_text_cp932_only_characters() -> None:
    text = "①～③は髙橋さんの担当です。"  # NEC/IBM extensions: cp932, not plain Shift_JIS
    assert decode_text(text.encode("cp932")) == (text, "cp932")


@pytest.mark.parametrize("data", [b"", b"  \n"])
def test_decode_text_rejects_empty_input(data: bytes) -> None:
    with pytest.raises(SourceParseError, match="empty file"):
        decode_text(data)


def test_decode_text_rejects_binary() -> None:
    with pytest.raises(SourceParseError, match="encoding"):
        decode_text(bytes(range(256)) * 3)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_check_zip_container_accepts_a_small_package() -> None:
    check_zip_container(_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>"}))


def test_check_zip_container_flags_a_high_ratio() -> None:
    bomb = _zip({"xl/sharedStrings.xml": b"\0" * (20 * 2**20)})
    with pytest.raises(UnsafeInputError, match="zip bomb: compression ratio"):
        check_zip_container(bomb)


def test_check_zip_container_flags_total_size_and_member_count() -> None:
    data = _zip({f"m{i}.xml": b"x" * 2000 for i in range(30)})
    with pytest.raises(UnsafeInputError, match="zip bomb: declared uncompressed size"):
        check_zip_container(data, max_total_bytes=10_000)
    with pytest.raises(UnsafeInputError, match="zip bomb: 30 members"):
        check_zip_container(data, max_members=10)


def test_check_zip_container_rejects_non_zip_and_empty() -> None:
    with pytest.raises(SourceParseError, match="not a valid zip"):
        check_zip_container(b"PK\x03\x04 truncated")
    with pytest.raises(SourceParseError, match="empty file"):
        check_zip_container(b"")
