"""DOCX regulations → plain text, so they go through `parse_regulation_text` like .txt files.

The zip is checked before python-docx opens it: a DOCX is small XML, so a huge uncompressed size
or compression ratio means a zip bomb.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.oxml.ns import qn

from core.errors import SourceParseError, UnsafeInputError
from ingest.safety import check_zip_container

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100


def check_zip(
    data: bytes,
    *,
    max_uncompressed_bytes: int = MAX_UNCOMPRESSED_BYTES,
    max_ratio: int = MAX_COMPRESSION_RATIO,
) -> None:
    """Raise UnsafeInputError for a zip bomb, SourceParseError for a file that is not a zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as err:
        raise SourceParseError(f"not a DOCX (zip) file: {err}") from err
    total = sum(info.file_size for info in infos)
    if total > max_uncompressed_bytes:
        raise UnsafeInputError(
            f"zip bomb: DOCX expands to {total} bytes (limit {max_uncompressed_bytes})")
    if total / max(len(data), 1) > max_ratio:
        raise UnsafeInputError(f"DOCX compression ratio above {max_ratio}: likely a zip bomb")


def docx_to_text(data: bytes) -> str:
    """Body paragraphs one per line, in document order; table rows as cells joined by "　"."""
    check_zip(data)
    check_zip_container(data)  # also inflates each part once: CRC and DTD checks
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx raises several unrelated types for broken files
        raise SourceParseError(f"cannot read DOCX: {type(err).__name__}") from err
    lines: list[str] = []
    paragraphs = {p._p: p for p in document.paragraphs}
    tables = {t._tbl: t for t in document.tables}
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p") and element in paragraphs:
            lines.append(paragraphs[element].text)
        elif element.tag == qn("w:tbl") and element in tables:
            for row in tables[element].rows:
                lines.append("　".join(cell.text.strip() for cell in row.cells))
    return "\n".join(lines)
