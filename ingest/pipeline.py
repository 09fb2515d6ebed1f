"""From a file on disk to a ParsedDocument: safety checks, format detection, parser dispatch.

The parsers themselves are pure functions in the sibling modules; this module is the only one
in `ingest/` that touches the file system.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from core.errors import SourceParseError, UnsafeInputError
from core.types import Kind, ParsedDocument
from ingest.convert import LIBREOFFICE_TARGETS, Converters

KINDS = ("auto", "regulation", "faq", "manual")
SUPPORTED_SUFFIXES = (".xml", ".html", ".htm", ".txt", ".md", ".csv", ".tsv", ".xlsx", ".xls",
                      ".json", ".pdf", ".docx", ".pptx", ".doc", ".rtf", ".jtd", ".ppt")


@dataclass(frozen=True, slots=True)
class LoadedFile:
    path: Path
    content: bytes
    sha256: str
    document: ParsedDocument


def discover(paths: list[Path]) -> list[Path]:
    """Expand folders into the supported files below them, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*")
                                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                                and not p.name.startswith(".")))
        else:
            found.append(path)
    return found


def check_path(path: Path, *, allowed_dir: Path | None, max_bytes: int) -> None:
    if any(ord(ch) < 32 for ch in str(path)):
        raise UnsafeInputError("file name contains control characters", path=repr(str(path)))
    if allowed_dir is not None:
        resolved = path.resolve()
        if not resolved.is_relative_to(allowed_dir.resolve()):
            raise UnsafeInputError(f"outside the allowed upload directory {allowed_dir}",
                                   path=str(path))
    if not path.is_file():
        raise SourceParseError("no such file", path=str(path))
    size = path.stat().st_size
    if size > max_bytes:
        raise UnsafeInputError(f"file is {size:,} bytes, over the limit of {max_bytes:,}",
                               path=str(path))
    if size == 0:
        raise SourceParseError("empty file", path=str(path))


def load_file(path: Path, *, kind: str = "auto", allowed_dir: Path | None = None,
              max_bytes: int = 50 * 2**20, title: str | None = None,
              column_map: Mapping[str, str] | None = None,
              converters: Converters | None = None) -> LoadedFile:
    """Read, check and parse one file; raises InputError subclasses with a one-line reason."""
    check_path(path, allowed_dir=allowed_dir, max_bytes=max_bytes)
    content = path.read_bytes()
    try:
        document = parse_bytes(content, name=path.name, kind=kind, title=title,
                               column_map=column_map, converters=converters)
    except (SourceParseError, UnsafeInputError) as err:
        if err.path is None:
            err.path = str(path)
        raise
    return LoadedFile(path, content, hashlib.sha256(content).hexdigest(), document)


def parse_bytes(content: bytes, *, name: str, kind: str = "auto", title: str | None = None,
                column_map: Mapping[str, str] | None = None,
                converters: Converters | None = None) -> ParsedDocument:
    """Dispatch on extension (and, for kind=auto, on what the content looks like).

    .doc/.rtf/.jtd/.ppt go through LibreOffice (`converters.soffice`) to docx/pptx first;
    scanned PDF pages through OCR when `converters.ocr`.
    """
    converters = converters or Converters()
    if kind not in KINDS:
        raise SourceParseError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    if not content:
        raise SourceParseError("empty file")
    suffix = Path(name).suffix.lower()
    stem = title or Path(name).stem
    if suffix not in SUPPORTED_SUFFIXES:
        raise SourceParseError(
            f"unknown format {suffix or '(no extension)'}; supported: "
            + " ".join(SUPPORTED_SUFFIXES))
    from ingest.safety import check_content_type

    check_content_type(content, suffix)
    if suffix in LIBREOFFICE_TARGETS:
        from ingest.convert import convert_with_libreoffice

        converted = convert_with_libreoffice(content, suffix, soffice=converters.soffice)
        target = "." + LIBREOFFICE_TARGETS[suffix][0]
        document = parse_bytes(converted, name=f"{Path(name).stem}{target}", kind=kind,
                               title=title or stem, column_map=column_map, converters=converters)
        return replace(document, source_format=suffix.lstrip("."))
    if suffix == ".xml":
        from ingest.egov_xml import parse_egov_xml

        return parse_egov_xml(content)
    if suffix == ".pdf":
        _expect(kind, Kind.MANUAL, suffix)
        from ingest.manual import parse_manual_pdf

        ocr = None
        if converters.ocr:
            from ingest.convert import page_ocr

            def ocr(data: bytes, pages: list[int]) -> dict[int, list[str]]:
                return page_ocr(converters.ocr_model).pdf_pages(data, pages)

        return parse_manual_pdf(content, title=title, ocr=ocr)
    if suffix == ".pptx":
        _expect(kind, Kind.MANUAL, suffix)
        from ingest.office import parse_pptx

        return parse_pptx(content, title=title)
    if suffix in {".csv", ".tsv", ".xlsx", ".xls", ".json"}:
        _expect(kind, Kind.FAQ, suffix)
        from ingest import faq

        if suffix == ".xls":
            from ingest.office import parse_faq_xls

            return parse_faq_xls(content, title=stem, column_map=column_map)
        if suffix == ".xlsx":
            return faq.parse_faq_xlsx(content, title=stem, column_map=column_map)
        if suffix == ".json":
            return faq.parse_faq_json(content, title=stem)
        return faq.parse_faq_csv(content, title=stem, column_map=column_map)
    if suffix in {".html", ".htm"}:
        return _parse_html(content, kind=kind, title=title)
    if suffix == ".docx":
        return _parse_docx(content, kind=kind, title=title)
    from ingest.safety import decode_text

    text, _encoding = decode_text(content)
    if suffix == ".md" or kind == Kind.MANUAL:
        from ingest.manual import parse_manual_markdown

        return parse_manual_markdown(text, title=title or stem)
    if kind == Kind.FAQ or (kind == "auto" and _looks_like_qa_text(text)):
        from ingest.faq import parse_faq_qa_text

        return parse_faq_qa_text(text, title=stem)
    from ingest.text_regulation import parse_regulation_text

    try:
        return parse_regulation_text(text, title=title)
    except SourceParseError:
        if kind == Kind.REGULATION:
            raise
    from ingest.manual import parse_manual_markdown

    return parse_manual_markdown(text, title=title or stem)


def _parse_html(content: bytes, *, kind: str, title: str | None) -> ParsedDocument:
    from ingest.manual import parse_manual_html
    from ingest.reiki_html import parse_reiki_html

    if kind == Kind.MANUAL:
        return parse_manual_html(content, title=title)
    try:
        return parse_reiki_html(content)
    except SourceParseError:
        if kind == Kind.REGULATION:
            raise
    return parse_manual_html(content, title=title)


def _parse_docx(content: bytes, *, kind: str, title: str | None) -> ParsedDocument:
    from ingest.docx_regulation import docx_to_text
    from ingest.manual import parse_manual_docx
    from ingest.text_regulation import parse_regulation_text

    if kind != Kind.MANUAL:
        try:
            return parse_regulation_text(docx_to_text(content), title=title)
        except SourceParseError:
            if kind == Kind.REGULATION:
                raise
    return parse_manual_docx(content, title=title)


def _expect(kind: str, expected: Kind, suffix: str) -> None:
    if kind not in ("auto", expected):
        raise SourceParseError(f"a {suffix} file is read as {expected.value}, not {kind}")


def _looks_like_qa_text(text: str) -> bool:
    head = text.lstrip()[:2000]
    return head.startswith(("Question:", "Q:", "質問:", "質問：", "Q：")) and (
        "Answer:" in head or "A:" in head or "回答" in head or "A：" in head)
