"""Input checks shared by the file parsers: text-encoding detection and zip-bomb screening.

Japanese offices still produce Shift_JIS (cp932) and EUC-JP files, so encodings are detected,
never assumed; xlsx/docx are zip containers and are screened before any library inflates them.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile

from charset_normalizer import from_bytes

from core.errors import SourceParseError, UnsafeInputError

__all__ = ["check_zip_container", "decode_text", "require_content"]

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)
# Below this declared size a high compression ratio is harmless (tiny, repetitive XML).
_RATIO_MIN_BYTES = 1 * 2**20


def require_content(data: bytes) -> None:
    """Reject empty (or whitespace-only) input with the one-line reason people expect."""
    if not data or not data.strip():
        raise SourceParseError("empty file")


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
            return _normalise_newlines(text), name
    text = _strict(data, "utf-8")
    if text is not None:
        return _normalise_newlines(text), "utf-8"
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
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise SourceParseError(f"not a valid zip container (xlsx/docx): {exc}") from exc
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
