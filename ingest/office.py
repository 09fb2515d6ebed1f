"""Office formats besides docx/xlsx: old Excel FAQ sheets (.xls) and PowerPoint (.pptx).

Pure functions, bytes in, ParsedDocument out. A .xls sheet goes through the same header search
and one-chunk-per-QA-row code as CSV/xlsx; a .pptx is a manual whose pages are its slides, so
citations say "p.3" for the third slide. Old binary formats other than .xls (.doc, .ppt, .rtf,
一太郎 .jtd) are converted by LibreOffice first (ingest/convert.py).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import datetime

from core.errors import SourceParseError
from core.types import ParsedDocument
from ingest.safety import check_zip_container, require_content

__all__ = ["parse_faq_xls", "parse_pptx"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def parse_faq_xls(data: bytes, *, title: str,
                  column_map: Mapping[str, str] | None = None) -> ParsedDocument:
    """The first sheet of an Excel 97-2003 workbook whose top rows hold question/answer
    headers (xlrd); date cells become dates, not Excel serial numbers."""
    import xlrd

    from ingest.faq import _rows_to_document

    require_content(data)
    if not data.startswith(OLE_MAGIC):
        raise SourceParseError("not an Excel 97-2003 (.xls) file")
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except Exception as exc:  # xlrd raises XLRDError, CompDocError, struct.error, …
        raise SourceParseError(f"cannot open xls: {type(exc).__name__}: {exc}") from exc
    try:
        errors: list[str] = []
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            rows = [[_xls_cell(cell, book.datemode) for cell in sheet.row(r)]
                    for r in range(sheet.nrows)]
            try:
                return _rows_to_document(rows, title=title, column_map=column_map,
                                         source_format="xls", ref_prefix=f"{sheet.name}!row",
                                         metadata={"sheet": sheet.name})
            except SourceParseError as exc:
                errors.append(f"[{sheet.name}] {exc.message}")
        raise SourceParseError("; ".join(errors) or "workbook has no sheets")
    finally:
        book.release_resources()


def _xls_cell(cell: object, datemode: int) -> object:
    import xlrd

    ctype = cell.ctype  # type: ignore[attr-defined]
    value = cell.value  # type: ignore[attr-defined]
    if ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return value
    if ctype == xlrd.XL_CELL_NUMBER and float(value).is_integer():
        return int(value)  # an id typed as 12 is "12", not "12.0"
    if ctype in (xlrd.XL_CELL_ERROR, xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    return value


def parse_pptx(data: bytes, *, title: str | None = None, max_chars: int = 800,
               overlap_chars: int = 100) -> ParsedDocument:
    """A slide deck as a manual: one page per slide, the slide title as its section heading,
    text frames, tables and speaker notes as its body."""
    from pptx import Presentation

    from ingest.manual import _document, _Line

    check_zip_container(data)
    try:
        deck = Presentation(io.BytesIO(data))
    except Exception as exc:  # python-pptx raises several types for a broken package
        raise SourceParseError(f"cannot open pptx: {type(exc).__name__}: {exc}") from exc
    lines: list[_Line] = []
    first_title: str | None = None
    for number, slide in enumerate(deck.slides, start=1):
        heading = _slide_title(slide)
        ref = f"slide {number}"
        if heading:
            first_title = first_title or heading
            lines.append(_Line(heading, number, level=1, ref=ref))
        for shape in slide.shapes:
            if heading and shape == slide.shapes.title:
                continue
            for text in _shape_texts(shape):
                lines.append(_Line(text, number, ref=ref))
        if slide.has_notes_slide:
            notes = slide.notes_slide.notes_text_frame
            for text in (notes.text.splitlines() if notes is not None else []):
                if text.strip():
                    lines.append(_Line(text.strip(), number, ref=ref))
    core_title = (deck.core_properties.title or "").strip()
    doc_title = title or core_title or first_title or ""
    return _document(doc_title, lines, source_format="pptx", max_chars=max_chars,
                     overlap_chars=overlap_chars,
                     metadata={"slides": str(len(deck.slides)),
                               "modified": _iso(deck.core_properties.modified)})


def _slide_title(slide: object) -> str:
    try:
        shape = slide.shapes.title  # type: ignore[attr-defined]
    except (AttributeError, KeyError):
        return ""
    return " ".join(shape.text_frame.text.split()) if shape is not None and \
        shape.has_text_frame else ""


def _shape_texts(shape: object) -> list[str]:
    """Paragraphs of a text frame, rows of a table (cells joined by |), groups recursively."""
    out: list[str] = []
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:  # type: ignore[attr-defined]
        for paragraph in shape.text_frame.paragraphs:  # type: ignore[attr-defined]
            text = "".join(run.text for run in paragraph.runs).strip()
            if text:
                out.append(text)
    if getattr(shape, "has_table", False) and shape.has_table:  # type: ignore[attr-defined]
        for row in shape.table.rows:  # type: ignore[attr-defined]
            cells = [cell.text.strip() for cell in row.cells]
            if any(cells):
                out.append(" | ".join(dict.fromkeys(c for c in cells if c)))
    for child in getattr(shape, "shapes", ()) or ():  # group shapes
        out.extend(_shape_texts(child))
    return out


def _iso(value: datetime | None) -> str:
    return value.date().isoformat() if isinstance(value, datetime) else ""
