"""Manual parsers (PDF, HTML, Markdown, docx): one section per heading, pages kept for citations.

Every format is reduced to `_Line`s (text, page, font size), split into sections on headings,
then long sections are cut at sentence ends with overlap by one shared function.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from core.content_guard import PdfHiddenText, docx_hidden_runs, hidden_metadata
from core.errors import SourceParseError, UnsafeInputError
from core.types import Chunk, Kind, ParsedDocument
from ingest.safety import check_zip_container, decode_html, require_content

__all__ = [
    "parse_manual_docx",
    "parse_manual_html",
    "parse_manual_markdown",
    "parse_manual_pdf",
    "split_with_overlap",
]

_HEADING_MAX_CHARS = 50
_FONT_HEADING_RATIO = 1.15  # a line this much larger than the body text is a heading
_REPEATED_LINE_SHARE = 0.5  # header/footer: the same line on at least this share of pages
_EDGE_LINES = 3  # header/footer candidates: this many lines at the top and bottom of a page
_SENTENCE_END = "。．！？!?"
_KANJI_NUM = "一二三四五六七八九十"
_DIGITS = "0-9０-９"

# (pattern, level); level 0 = part, 1 = chapter (章), 2 = "1." under it, ... Levels only order
# headings against each other (a heading closes every open one of the same or deeper level).
_NUMBERED_HEADINGS: tuple[tuple[re.Pattern[str], int | None], ...] = (
    (re.compile(rf"^第[{_DIGITS}{_KANJI_NUM}百]+[部編](?:\s|$|[^\w]|\w)"), 0),
    (re.compile(rf"^第[{_DIGITS}{_KANJI_NUM}百]+章"), 1),
    (re.compile(rf"^第[{_DIGITS}{_KANJI_NUM}百]+節"), 2),
    (re.compile(rf"^第[{_DIGITS}{_KANJI_NUM}百]+款"), 3),
    # 1.1.1 / 1-1-1 / 1．1 (dotted levels), needs a following space or non-digit title
    (re.compile(rf"^[{_DIGITS}]{{1,2}}(?:[.．\-－][{_DIGITS}]{{1,2}})+\.?(?=[\s　]|[^\d.．\-－])"),
     None),
    (re.compile(r"^(?:[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]{1,3}|[IVX]{1,4})[.．\s　]"), 0),
    (re.compile(rf"^[{_DIGITS}]{{1,2}}[.．](?=[\s　]|[^\d.．])"), 2),
    (re.compile(rf"^[{_KANJI_NUM}]{{1,3}}[\s　、．.](?=\S)"), 2),
    (re.compile(rf"^[（(][{_DIGITS}{_KANJI_NUM}]{{1,3}}[)）]"), 5),
    (re.compile(r"^[■◆□◇●]"), 6),
    (re.compile(r"^【[^】]{1,30}】\s*$"), 6),
)
_TOC_LEADER = re.compile(r"[.．・…‥_]{4,}\s*[\d０-９ivx]+\s*$", re.IGNORECASE)
_PAGE_NUMBER_LINE = re.compile(
    r"^[\s\-－–—―]*(?:page|p\.?|ページ)?[\s\-－–—―.]*[\d０-９ivxlc]{1,4}"
    r"(?:\s*[/／]\s*[\d０-９]{1,4})?[\s\-－–—―]*(?:ページ|頁)?$",
    re.IGNORECASE,
)
_BULLET_START = re.compile(rf"^[・●○■□◆◇※＊*\-－①-⑳（(「『【{_DIGITS}]")


@dataclass(slots=True)
class _Line:
    text: str
    page: int | None = None
    font_size: float | None = None
    level: int | None = None  # set when the source marks it as a heading (HTML/Markdown/docx)
    ref: str = ""


@dataclass(slots=True)
class _Section:
    heading: str
    path: tuple[str, ...]
    lines: list[_Line] = field(default_factory=list)
    ref: str = ""


# --- shared splitting -------------------------------------------------------------------------


def split_with_overlap(text: str, *, max_chars: int, overlap_chars: int) -> list[tuple[int, int]]:
    """(start, end) spans of `text`, each <= max_chars, cut after 。 where possible.

    Each span after the first starts up to `overlap_chars` before the previous end, at a
    sentence start when one lies in that window.
    """
    if max_chars <= 0 or overlap_chars < 0 or overlap_chars >= max_chars:
        raise ValueError("need max_chars > overlap_chars >= 0")
    spans: list[tuple[int, int]] = []
    start, length = 0, len(text)
    while start < length:
        while start < length and text[start].isspace():
            start += 1
        if start >= length:
            break
        if length - start <= max_chars:
            spans.append((start, length))
            break
        window_end = start + max_chars
        cut = max(
            (text.rfind(ch, start + max_chars // 2, window_end) for ch in _SENTENCE_END + "\n"),
            default=-1,
        )
        end = cut + 1 if cut >= 0 else window_end
        spans.append((start, end))
        if overlap_chars == 0:
            start = end
            continue
        back = max(end - overlap_chars, start + 1)
        sentence_starts = [
            i + 1 for i in range(back, end - 1) if text[i] in _SENTENCE_END or text[i] == "\n"
        ]
        start = sentence_starts[0] if sentence_starts else back
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _sections_to_chunks(
    sections: Sequence[_Section], *, max_chars: int, overlap_chars: int
) -> list[Chunk]:
    chunks: list[Chunk] = []
    for section in sections:
        offsets: list[tuple[int, int | None]] = []
        parts: list[str] = []
        position = 0
        for line in section.lines:
            offsets.append((position, line.page))
            parts.append(line.text)
            position += len(line.text) + 1
        body = "\n".join(parts)
        if not body.strip():
            continue
        starts = [o for o, _ in offsets]

        def page_at(offset: int, starts: list[int] = starts, offsets: list = offsets) -> int | None:
            index = max(0, _bisect_right(starts, offset) - 1)
            return offsets[index][1]

        spans = split_with_overlap(body, max_chars=max_chars, overlap_chars=overlap_chars)
        for start, end in spans:
            text = body[start:end].strip()
            page, page_end = page_at(start), page_at(max(start, end - 1))
            where = f"p.{page}" if page is not None else ""
            label = " ".join(p for p in (where, section.heading) if p)
            context = " > ".join((*section.path, section.heading)) if section.heading else ""
            chunks.append(
                Chunk(
                    text=text,
                    label=label,
                    context=context,
                    page=page,
                    page_end=page_end,
                    caption=section.heading or None,
                    path=section.path,
                    source_ref=section.ref or (f"page {page}" if page is not None else ""),
                )
            )
    return chunks


def _bisect_right(values: list[int], target: int) -> int:
    low, high = 0, len(values)
    while low < high:
        mid = (low + high) // 2
        if values[mid] <= target:
            low = mid + 1
        else:
            high = mid
    return low


def _build_sections(lines: Iterable[_Line]) -> list[_Section]:
    """Group lines under headings; `line.level` marks a heading, the stack gives the path."""
    sections = [_Section(heading="", path=())]
    stack: list[tuple[int, str]] = []
    for line in lines:
        if line.level is None:
            sections[-1].lines.append(line)
            continue
        while stack and stack[-1][0] >= line.level:
            stack.pop()
        path = tuple(text for _, text in stack)
        sections.append(_Section(heading=line.text, path=path, ref=line.ref))
        stack.append((line.level, line.text))
    return sections


def _document(
    title: str,
    lines: list[_Line],
    *,
    source_format: str,
    max_chars: int,
    overlap_chars: int,
    warnings: Sequence[str] = (),
    metadata: dict[str, str] | None = None,
) -> ParsedDocument:
    chunks = _sections_to_chunks(
        _build_sections(lines), max_chars=max_chars, overlap_chars=overlap_chars
    )
    if not chunks:
        raise SourceParseError("no text found in the document")
    return ParsedDocument(
        title=title,
        kind=Kind.MANUAL,
        chunks=tuple(chunks),
        source_format=source_format,
        warnings=tuple(warnings),
        metadata=metadata or {},
    )


# --- PDF --------------------------------------------------------------------------------------


def _numbered_level(text: str) -> int | None:
    """Heading level from a numbering pattern at the start of a short line, else None."""
    stripped = text.strip()
    if not stripped or len(stripped) > _HEADING_MAX_CHARS or _TOC_LEADER.search(stripped):
        return None
    if stripped.endswith(("。", "、", "，", ",")):
        return None
    for pattern, level in _NUMBERED_HEADINGS:
        match = pattern.match(stripped)
        if not match:
            continue
        rest = stripped[match.end() :].strip()
        if not rest and not stripped.startswith("【"):
            return None  # a bare number: list item or page number, not a heading
        if level is None:  # dotted: 1.1 → 3, 1.1.1 → 4
            return len(re.findall(r"[.．\-－]", match.group(0).rstrip(".．"))) + 2
        return level
    return None


def _pdf_page_lines(page: object, hidden: PdfHiddenText | None = None
                    ) -> list[tuple[str, float]]:
    """(line text, font size in points) from pypdf's text visitor, grouped by baseline;
    `hidden` collects text drawn invisibly (render mode 3, white fill)."""
    fragments: list[tuple[str, float, float]] = []

    def visit(
        text: str, cm: Sequence[float], tm: Sequence[float], _font: object, size: float
    ) -> None:
        if not text:
            return
        if hidden is not None:
            hidden.text(text)
        scale_y = math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        fragments.append((text, y, (size or 0) * (scale_y or 1)))

    page.extract_text(visitor_text=visit,  # type: ignore[attr-defined]
                      visitor_operand_before=hidden.operand if hidden is not None else None)
    lines: list[tuple[str, float]] = []
    current: list[str] = []
    sizes: Counter[float] = Counter()
    last_y: float | None = None

    def flush() -> None:
        text = "".join(current).strip()
        if text:
            lines.append((text, sizes.most_common(1)[0][0] if sizes else 0.0))
        current.clear()
        sizes.clear()

    for text, y, size in fragments:
        if last_y is not None and abs(y - last_y) > max(size, 1.0) * 0.5:
            flush()
        last_y = y
        pieces = text.split("\n")
        for index, piece in enumerate(pieces):
            if index:
                flush()
            if piece.strip():
                current.append(piece)
                sizes[round(size, 1)] += len(piece.strip())
    flush()
    return lines


def _repeated_edge_lines(pages: Sequence[Sequence[tuple[str, float]]]) -> set[str]:
    """Normalised header/footer lines: near the page edges on at least half of the pages."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = {_edge_key(t) for t, _ in (*lines[:_EDGE_LINES], *lines[-_EDGE_LINES:])}
        counts.update(edge)
    minimum = max(2, math.ceil(len(pages) * _REPEATED_LINE_SHARE))
    return {key for key, count in counts.items() if count >= minimum and key}


def _edge_key(text: str) -> str:
    return re.sub(r"[\d０-９]+", "#", re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)))


def _is_toc_line(text: str) -> bool:
    """Table-of-contents lines (dot leaders to a page number) carry no answerable text."""
    leaders = len(re.findall(r"[.．・…‥]", text))
    return bool(_TOC_LEADER.search(text)) or (leaders >= 8 and leaders > len(text) / 2)


def _is_toc_entry(text: str) -> bool:
    """A contents entry without leaders: a numbered heading followed by a page number."""
    match = re.search(r"[\s　]+[\d０-９]{1,3}$", text.strip())
    return match is not None and _numbered_level(text.strip()[: match.start()]) is not None


def _full_line_chars(texts: Sequence[str]) -> int:
    """The length of a typical full-width line (90th percentile of lines of 10+ chars)."""
    lengths = sorted(len(t) for t in texts if len(t) >= 10)
    return lengths[int(len(lengths) * 0.9)] if lengths else 10**6


def _join_wrapped(lines: list[_Line]) -> list[_Line]:
    """Undo PDF line wrapping inside paragraphs so sentences are not cut by layout breaks."""
    if not lines:
        return lines
    full = _full_line_chars([line.text for line in lines])
    joined: list[_Line] = [lines[0]]
    for line in lines[1:]:
        previous = joined[-1]
        if (
            previous.level is None
            and line.level is None
            and previous.page == line.page
            and len(previous.text) >= 0.8 * full
            and not previous.text.endswith(tuple(_SENTENCE_END + ":：」』"))
            and not _BULLET_START.match(line.text)
        ):
            sep = " " if previous.text[-1:].isascii() and line.text[:1].isascii() else ""
            joined[-1] = _Line(previous.text + sep + line.text, previous.page, previous.font_size)
        else:
            joined.append(line)
    return joined


def _pdf_title(metadata_title: str | None) -> str | None:
    if not metadata_title:
        return None
    title = re.sub(r"^Microsoft (?:Word|PowerPoint) - ", "", metadata_title.strip())
    junk = re.search(r"\.(?:pdf|docx?|jtd|xlsx?|pptx?)$", title, re.IGNORECASE)
    if not title or junk or re.fullmatch(r"<[0-9A-Fa-f]+>", title):  # undecoded hex string
        return None
    return title


def parse_manual_pdf(
    data: bytes, *, title: str | None = None, max_chars: int = 800, overlap_chars: int = 100,
    ocr: Callable[[bytes, list[int]], dict[int, list[str]]] | None = None,
) -> ParsedDocument:
    """Text per page (pypdf); sections from numbered or larger-font headings; pages kept.

    Pages without a text layer (scanned) are read by `ocr(data, page numbers)` when given;
    without it a PDF with no text at all is refused and empty pages are reported.
    """
    from pypdf import PdfReader
    from pypdf.errors import (
        DependencyError,
        FileNotDecryptedError,
        LimitReachedError,
        PdfReadError,
    )

    require_content(data)
    if b"%PDF-" not in data[:1024]:
        raise SourceParseError("not a PDF file (no %PDF- header)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except DependencyError as exc:
                raise SourceParseError(
                    f"encrypted PDF needs the cryptography package: {exc}"
                ) from exc
            if not opened:
                raise SourceParseError("encrypted PDF: a password is required")
        page_count = len(reader.pages)
    except SourceParseError:
        raise
    except (PdfReadError, FileNotDecryptedError, ValueError, KeyError, TypeError, OSError) as exc:
        raise SourceParseError(f"corrupt or truncated PDF: {type(exc).__name__}: {exc}") from exc
    if page_count == 0:
        raise SourceParseError("PDF has no pages (corrupt or truncated)")

    warnings: list[str] = []
    pages: list[list[tuple[str, float]]] = []
    failed = 0
    hidden = PdfHiddenText()
    for number, page in enumerate(reader.pages, start=1):
        try:
            pages.append(_pdf_page_lines(page, hidden))
        except LimitReachedError as exc:
            raise UnsafeInputError(
                f"PDF page {number}: a compressed stream inflates past the limit "
                "(decompression bomb?)") from exc
        except Exception as exc:  # pypdf raises assorted errors on damaged content streams
            warnings.append(f"page {number}: text extraction failed ({type(exc).__name__})")
            pages.append([])
            failed += 1
    if failed == page_count:
        raise SourceParseError(f"corrupt PDF: text extraction failed on every page ({warnings[0]})")
    empty = [n for n, lines in enumerate(pages, start=1) if not lines]
    ocr_pages: list[int] = []
    if empty and ocr is not None:
        for number, texts in ocr(data, empty).items():
            pages[number - 1] = [(text, 0.0) for text in texts]  # size 0: never a heading
            if texts:
                ocr_pages.append(number)
        empty = [n for n in empty if n not in ocr_pages]
    if not any(pages):
        raise SourceParseError(
            "PDF has no text layer (scanned?) and OCR is off or found no text / "
            "テキスト層がありません（スキャンPDF）。CHONAI_OCR=true で文字認識を有効にするか、"
            "OCRで文字認識してから登録してください"
        )
    if empty:
        shown = ", ".join(str(n) for n in empty[:20])
        warnings.append(f"no text layer on page(s) {shown}: "
                        + ("OCR found no text there" if ocr is not None else "OCR needed there"))
    if ocr_pages:
        warnings.append(f"page(s) {', '.join(str(n) for n in ocr_pages[:20])} read by OCR")

    repeated = _repeated_edge_lines(pages)
    sizes: Counter[float] = Counter()
    for lines in pages:
        for text, size in lines:
            if size:
                sizes[size] += len(text)
    body_size = sizes.most_common(1)[0][0] if sizes else 0.0
    heading_sizes = sorted(
        {s for s in sizes if body_size and s >= body_size * _FONT_HEADING_RATIO}, reverse=True
    )

    kept: list[tuple[str, float, int]] = []
    for number, lines in enumerate(pages, start=1):
        toc_entries = {t for t, _ in lines if _is_toc_entry(t)}
        if len(toc_entries) < 3:  # one heading that ends in a number is not a contents page
            toc_entries = set()
        for index, (text, size) in enumerate(lines):
            at_edge = index < _EDGE_LINES or index >= len(lines) - _EDGE_LINES
            if at_edge and (_edge_key(text) in repeated or _PAGE_NUMBER_LINE.match(text)):
                continue
            if _is_toc_line(text) or text in toc_entries:
                continue
            kept.append((text.strip(), size, number))
    full = _full_line_chars([text for text, _, _ in kept])
    numbered = sum(_numbered_level(t) is not None for t, _, _ in kept) >= 3
    all_lines: list[_Line] = []
    first_large: str | None = None
    for text, size, number in kept:
        wrapped = len(text) >= 0.8 * full  # a full-width line runs on: body text, not a heading
        level = None if wrapped else _numbered_level(text)
        is_large = size in heading_sizes and len(text) <= _HEADING_MAX_CHARS
        if level is None and is_large:
            # With numbered headings present, unnumbered large lines (cover text, figure
            # titles) are leaves, so they do not become the parent of every later section.
            level = 6 if numbered else 1 + min(heading_sizes.index(size), 2)
        if first_large is None and is_large:
            first_large = text
        all_lines.append(_Line(text, number, size, level, ref=f"page {number}"))

    doc_title = title or _pdf_title(_metadata_title(reader)) or first_large
    doc_title = doc_title or next((line.text for line in all_lines), "")
    return _document(
        doc_title,
        _join_wrapped(all_lines),
        source_format="pdf",
        max_chars=max_chars,
        overlap_chars=overlap_chars,
        warnings=warnings,
        metadata={"pages": str(page_count), "body_font_size": f"{body_size:g}",
                  **hidden_metadata(hidden.snippets()),
                  **({"ocr_pages": ",".join(map(str, ocr_pages))} if ocr_pages else {})},
    )


def _metadata_title(reader: object) -> str | None:
    try:
        metadata = reader.metadata  # type: ignore[attr-defined]
        return str(metadata.title) if metadata and metadata.title else None
    except Exception:  # broken info dictionaries are common and never fatal
        return None


# --- HTML -------------------------------------------------------------------------------------

_HTML_DROP = ("script", "style", "nav", "noscript", "header", "footer", "aside", "form",
              "template", "svg", "iframe", "button")
_HTML_BLOCK = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "section",
               "article", "main", "blockquote", "pre", "br", "h5", "h6", "caption", "figure",
               "figcaption", "address", "hr"}
_HTML_CELL = {"td", "th"}
def parse_manual_html(
    data: bytes, *, title: str | None = None, max_chars: int = 800, overlap_chars: int = 100
) -> ParsedDocument:
    """Sections from h1-h4 inside <main> (or <body>); navigation chrome removed."""
    from bs4 import BeautifulSoup, Comment, NavigableString, Tag

    require_content(data)
    soup = BeautifulSoup(decode_html(data), "lxml")
    for tag in soup.find_all(_HTML_DROP):
        tag.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    root = soup.find("main") or soup.find(None, {"role": "main"}) or soup.body or soup
    lines: list[_Line] = []
    buffer: list[str] = []

    def flush() -> None:
        for raw in "".join(buffer).split("\n"):
            text = " ".join(raw.split())
            if text:
                lines.append(_Line(text))
        buffer.clear()

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Tag):
                name = child.name or ""
                if re.fullmatch(r"h[1-4]", name):
                    flush()
                    heading = " ".join(child.get_text(" ", strip=True).split())
                    if heading:
                        anchor = child.get("id")
                        ref = f"#{anchor}" if isinstance(anchor, str) else f"<{name}>"
                        lines.append(_Line(heading, level=int(name[1]), ref=ref))
                    continue
                if name in _HTML_BLOCK:
                    buffer.append("\n")
                walk(child)
                if name in _HTML_BLOCK:
                    buffer.append("\n")
                elif name in _HTML_CELL:
                    buffer.append(" | ")
            elif isinstance(child, NavigableString):
                buffer.append(str(child).replace("\n", " "))

    walk(root)
    flush()
    head_title = soup.title.get_text(strip=True) if soup.title else ""
    head_title = re.split(r"\s*[｜|]\s*", head_title)[0]  # drop the " ｜ site name" suffix
    doc_title = title or next((line.text for line in lines if line.level == 1), "") or head_title
    return _document(
        doc_title, lines, source_format="html", max_chars=max_chars, overlap_chars=overlap_chars
    )


# --- Markdown ---------------------------------------------------------------------------------

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_MD_FENCE = re.compile(r"^\s*(```|~~~)")


def parse_manual_markdown(
    text: str, *, title: str | None = None, max_chars: int = 800, overlap_chars: int = 100
) -> ParsedDocument:
    """Sections from ATX `#` headings (ignored inside fenced code blocks)."""
    if not text.strip():
        raise SourceParseError("empty file")
    lines: list[_Line] = []
    in_fence = False
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if _MD_FENCE.match(raw):
            in_fence = not in_fence
        match = None if in_fence else _MD_HEADING.match(raw)
        if match:
            lines.append(_Line(match.group(2), level=len(match.group(1)), ref=f"line {number}"))
        elif raw.strip() or lines:
            lines.append(_Line(raw.rstrip()))
    doc_title = title or next((line.text for line in lines if line.level == 1), "")
    return _document(
        doc_title, lines, source_format="markdown", max_chars=max_chars,
        overlap_chars=overlap_chars,
    )


# --- docx -------------------------------------------------------------------------------------

_DOCX_HEADING_STYLE = re.compile(r"^(?:heading|見出し)\s*([1-9])", re.IGNORECASE)


def parse_manual_docx(
    data: bytes, *, title: str | None = None, max_chars: int = 800, overlap_chars: int = 100
) -> ParsedDocument:
    """Sections from Heading 1-9 / 見出し styles; pages from Word's rendered page breaks."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    check_zip_container(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for a broken package
        raise SourceParseError(f"cannot open docx: {type(exc).__name__}: {exc}") from exc
    body = document.element.body
    has_breaks = bool(body.xpath(".//w:lastRenderedPageBreak"))
    page: int | None = 1 if has_breaks else None
    lines: list[_Line] = []
    doc_title = title
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            if has_breaks and page is not None:
                page += len(block._p.xpath(".//w:lastRenderedPageBreak"))
            text = block.text.strip()
            if not text:
                continue
            style = block.style.name if block.style is not None else ""
            if style == "Title":
                doc_title = doc_title or text
                continue
            match = _DOCX_HEADING_STYLE.match(style or "")
            level = int(match.group(1)) if match else None
            lines.append(_Line(text, page, level=level))
        elif isinstance(block, Table):
            for row in block.rows:
                cells = [c.text.strip() for c in row.cells]
                if any(cells):
                    lines.append(_Line(" | ".join(dict.fromkeys(cells)), page))
    doc_title = doc_title or next((line.text for line in lines if line.level == 1), "")
    return _document(
        doc_title, lines, source_format="docx", max_chars=max_chars, overlap_chars=overlap_chars,
        metadata=hidden_metadata(docx_hidden_runs(document)),
    )
