"""Input checks shared by the file parsers: text-encoding detection and zip-bomb screening.

Japanese offices still produce Shift_JIS (cp932) and EUC-JP files, so encodings are detected,
never assumed; xlsx/docx are zip containers and are screened before any library inflates them.
A file whose bytes say it is something else than its name (a PDF named .csv) is refused early.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
import zlib

from charset_normalizer import from_bytes

from core.errors import SourceParseError, UnsafeInputError

__all__ = [
    "check_content_type", "check_zip_container", "decode_html", "decode_text", "require_content",
]

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)
# Below this declared size a high compression ratio is harmless (tiny, repetitive XML).
_RATIO_MIN_BYTES = 1 * 2**20
_ZIP_SUFFIXES = (".xlsx", ".docx", ".pptx")
_OLE_SUFFIXES = (".xls", ".doc", ".ppt", ".jtd")  # OLE2 compound files (一太郎 too)
# (leading bytes, what they are, the suffix that would fit): checked against the file's name
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "a PDF", ".pdf"),
    (b"PK\x03\x04", "a zip archive (xlsx/docx)", ".xlsx or .docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office file (.xls/.doc/.ppt/.jtd)",
     ".xls, .doc, .ppt or .jtd"),
    (b"MZ", "a Windows executable", ""),
    (b"\x7fELF", "an executable", ""),
)
# A DTD in an OOXML part: Office never writes one, entity tricks (XXE, billion laughs) need one.
_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"),
                "<!DOCTYPE".encode("utf-16-be"))
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SCAN_CHUNK = 1 * 2**20
_MIXED_MIN_JAPANESE = 3  # a UTF-8 line needs this many kana/kanji to count as UTF-8 text


def require_content(data: bytes) -> None:
    """Reject empty (or whitespace-only) input with the one-line reason people expect."""
    if not data or not data.strip():
        raise SourceParseError("empty file")


def check_content_type(data: bytes, suffix: str) -> None:
    """Refuse bytes that are plainly another format than the name says (a PDF named .csv)."""
    for magic, what, fits in _MAGIC:
        if not data.startswith(magic):
            continue
        if (magic == b"%PDF-" and suffix == ".pdf") or (
                magic == b"PK\x03\x04" and suffix in _ZIP_SUFFIXES) or (
                magic == _OLE_MAGIC and suffix in _OLE_SUFFIXES):
            return
        if magic == b"MZ" and suffix not in (*_ZIP_SUFFIXES, ".pdf") and b"\0" not in data[:512]:
            return  # text that happens to start with "MZ"
        hint = f"; rename it to {fits}" if fits else ""
        raise SourceParseError(
            f"the content is {what}, but the name ends in {suffix or '(no extension)'}{hint}")


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _japanese_score(text: str) -> float:
    """How plausible `text` is as Japanese: kana/kanji count up, half-width kana and PUA down.

    EUC-JP bytes usually also decode as cp932 (as half-width katakana), so the two strict
    decodings are compared with this score instead of taking whichever succeeds first.
    """
    score = 0.0
    for ch in text:
        code = ord(ch)
        if 0x3040 <= code <= 0x30FF or 0x4E00 <= code <= 0x9FFF or 0x3000 <= code <= 0x303F:
            score += 1.0
        elif 0xFF61 <= code <= 0xFF9F:  # half-width katakana: rare in real text
            score -= 1.0
        elif 0xE000 <= code <= 0xF8FF or unicodedata.category(ch) == "Co":
            score -= 2.0
    return score


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes of unknown encoding; returns (text with LF newlines, encoding name).

    Order: BOM, strict UTF-8, the better of strict cp932 / EUC-JP, then charset-normalizer.
    """
    require_content(data)
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], codec)
            if text is None:
                raise SourceParseError(f"invalid {name} text after a byte-order mark")
            return _no_nul(_normalise_newlines(text)), name
    text = _strict(data, "utf-8")
    if text is not None:
        return _no_nul(_normalise_newlines(text)), "utf-8"
    _refuse_mixed_utf8(data)
    text, encoding = _decode_legacy(data)
    return _no_nul(text), encoding


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
# names pages declare for the Japanese encodings, mapped to the codec that reads what they mean
_CHARSET_ALIASES = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "ms932": "cp932",
    "euc-jp": "euc_jis_2004",
    "x-euc-jp": "euc_jis_2004",
}


def decode_html(data: bytes) -> str:
    """HTML bytes → text: the `<meta charset>` when the page decodes cleanly with it (after a
    BOM, which wins), else the same detection as `decode_text`."""
    require_content(data)
    if not any(data.startswith(bom) for bom, _, _ in _BOMS) and (
            match := _META_CHARSET.search(data[:4096])):
        declared = match[1].decode("ascii").lower()
        text = _strict(data, _CHARSET_ALIASES.get(declared, declared))
        if text is not None:
            return _normalise_newlines(text)
    return decode_text(data)[0]


def _no_nul(text: str) -> str:
    """Text files never hold NUL; one means binary data or a broken export."""
    index = text.find("\0")
    if index >= 0:
        line = text.count("\n", 0, index) + 1
        raise SourceParseError(f"NUL byte on line {line}: binary data, not a text file")
    return text


def _refuse_mixed_utf8(data: bytes) -> None:
    """Refuse files where some lines are UTF-8 Japanese and others are not (two exports pasted
    together); decoding them as one encoding would store mojibake for half of the lines."""
    utf8_line = other_line = None
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        decoded = _strict(line, "utf-8")
        if decoded is None:
            other_line = other_line or number
        elif _japanese_score(decoded) >= _MIXED_MIN_JAPANESE:
            utf8_line = utf8_line or number
        if utf8_line and other_line:
            raise SourceParseError(
                f"mixed text encodings: line {utf8_line} is UTF-8, line {other_line} is not "
                "(save the whole file in one encoding, e.g. UTF-8)")


def _decode_legacy(data: bytes) -> tuple[str, str]:
    candidates = [
        (enc, decoded)
        for enc in ("cp932", "euc_jp")
        if (decoded := _strict(data, enc)) is not None
    ]
    if candidates:
        enc, decoded = max(candidates, key=lambda c: _japanese_score(c[1]))
        return _normalise_newlines(decoded), enc
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise SourceParseError(
            "cannot detect the text encoding (tried UTF-8, UTF-16, cp932/Shift_JIS, EUC-JP)"
        )
    return _normalise_newlines(str(best)), best.encoding


def check_zip_container(
    data: bytes,
    *,
    max_total_bytes: int = 200 * 2**20,
    max_ratio: int = 100,
    max_members: int = 10_000,
) -> None:
    """Screen an xlsx/docx before openpyxl/python-docx inflate it, using the declared sizes.

    Declared sizes can lie; the libraries still stop at CRC/size mismatches when reading.
    """
    require_content(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            _check_sizes(members, max_total_bytes=max_total_bytes, max_ratio=max_ratio,
                         max_members=max_members)
            _scan_members(archive, members)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            zlib.error) as exc:
        raise SourceParseError(f"not a valid zip container (xlsx/docx): {exc}") from exc


def _check_sizes(members: list[zipfile.ZipInfo], *, max_total_bytes: int, max_ratio: int,
                 max_members: int) -> None:
    if len(members) > max_members:
        raise UnsafeInputError(f"zip bomb: {len(members)} members (limit {max_members})")
    total = sum(m.file_size for m in members)
    compressed = sum(m.compress_size for m in members)
    if total > max_total_bytes:
        raise UnsafeInputError(
            f"zip bomb: declared uncompressed size {total} bytes (limit {max_total_bytes})"
        )
    ratio = total / max(compressed, 1)
    if total >= _RATIO_MIN_BYTES and ratio > max_ratio:
        raise UnsafeInputError(f"zip bomb: compression ratio {ratio:.0f} (limit {max_ratio})")


def _scan_members(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    """Inflate each XML part once, in bounded chunks: zipfile stops at the declared size and
    checks the CRC (so a member that lies about its size fails here), and DTDs are refused."""
    for member in members:
        if member.is_dir():
            continue
        xml = member.filename.lower().endswith((".xml", ".rels", ".vml"))
        tail = b""
        with archive.open(member) as stream:
            while chunk := stream.read(_SCAN_CHUNK):
                if xml:
                    window = tail + chunk
                    if any(marker in window for marker in _DTD_MARKERS):
                        raise UnsafeInputError(
                            f"{member.filename}: XML with a DTD or entity declarations "
                            "(<!DOCTYPE>/<!ENTITY>) is not accepted in xlsx/docx")
                    tail = chunk[-32:]
