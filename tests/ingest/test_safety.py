"""Encoding detection and zip-container screening on bytes generated here."""

from __future__ import annotations

import io
import zipfile

import pytest

from core.errors import SourceParseError, UnsafeInputError
from ingest.safety import check_content_type, check_zip_container, decode_text

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


def test_decode_text_refuses_mixed_encodings_and_nul() -> None:
    mixed = "質問,回答\n".encode() + "年休は何日ですか,二十日です\n".encode("cp932")
    with pytest.raises(SourceParseError, match="mixed text encodings: line 1 is UTF-8, line 2"):
        decode_text(mixed)
    with pytest.raises(SourceParseError, match="NUL byte on line 2"):
        decode_text("質問,回答\n年休\0,二十日\n".encode("cp932"))


@pytest.mark.parametrize(("data", "suffix", "message"), [
    (b"%PDF-1.7\n...", ".csv", "the content is a PDF, but the name ends in .csv"),
    (b"PK\x03\x04rest", ".txt", "zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".csv", "legacy Office"),
    (b"MZ\x90\x00\x03\x00\x00\x00", ".docx", "Windows executable"),
])
def test_check_content_type_refuses_a_misnamed_file(data: bytes, suffix: str,
                                                    message: str) -> None:
    with pytest.raises(SourceParseError, match=message):
        check_content_type(data, suffix)


def test_check_content_type_accepts_matching_and_plain_text() -> None:
    check_content_type(b"%PDF-1.7", ".pdf")
    check_content_type(b"PK\x03\x04", ".xlsx")
    check_content_type("MZ形式の説明".encode(), ".txt")  # text that starts with "MZ"


def test_check_zip_container_refuses_a_dtd_in_a_part() -> None:
    xxe = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]><w>&x;</w>'
    with pytest.raises(UnsafeInputError, match=r"word/document\.xml: XML with a DTD"):
        check_zip_container(_zip({"word/document.xml": xxe}))


def test_check_zip_container_catches_a_member_that_lies_about_its_size() -> None:
    data = bytearray(_zip({"xl/sharedStrings.xml": b"<x>" + b" " * 100_000 + b"</x>"}))
    for signature, at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # claim 64 bytes
        index = data.find(signature)
        data[index + at:index + at + 4] = (64).to_bytes(4, "little")
    with pytest.raises(SourceParseError, match="Bad CRC-32"):
        check_zip_container(bytes(data))
