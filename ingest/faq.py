"""FAQ parsers: CSV/TSV, xlsx, JSON and "Question: / Answer:" text, one Chunk per QA pair.

A QA pair is the unit staff register and cite, so it is never split; the answer is the chunk
text (as written) and the question travels in `question`/`context`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from core.errors import SourceParseError
from core.types import Chunk, Kind, ParsedDocument
from ingest.numbering import to_iso_date
from ingest.safety import check_zip_container, decode_text

__all__ = [
    "FIELD_NAMES",
    "parse_faq_csv",
    "parse_faq_json",
    "parse_faq_qa_text",
    "parse_faq_xlsx",
    "to_iso_date",
]

FIELD_NAMES = ("question", "answer", "category", "department", "updated", "id")
_HEADER_ALIASES: Mapping[str, tuple[str, ...]] = {
    "question": ("質問", "問", "問い", "q", "question", "質問内容", "質問文", "問合せ内容"),
    "answer": ("回答", "答", "答え", "a", "answer", "回答内容", "回答文"),
    "category": ("分類", "カテゴリ", "カテゴリー", "category", "区分"),
    "department": ("担当課", "担当", "所管課", "department", "担当部署", "所管"),
    "updated": ("更新日", "更新日時", "updated", "最終更新日", "updated_at"),
    "id": ("id", "no", "番号", "faq番号", "faqid", "faq_id", "no."),
}
_HEADER_SCAN_ROWS = 10  # title rows allowed above the header row
_LABEL_QUESTION_CHARS = 40
_QA_TEXT_Q = re.compile(r"^\s*(?:question|q|質問|問)\s*[:：.．]\s?", re.IGNORECASE)
_QA_TEXT_A = re.compile(r"^\s*(?:answer|a|回答|答)\s*[:：.．]\s?", re.IGNORECASE)

def _normalise_header(name: object) -> str:
    text = unicodedata.normalize("NFKC", str(name or "")).casefold()
    return re.sub(r"[\s:：()（）\[\]【】]", "", text)


def _map_columns(
    header: Sequence[object], column_map: Mapping[str, str] | None
) -> dict[str, int]:
    """Field name → column index; `column_map` (field → file header) wins over the aliases."""
    normalised = [_normalise_header(h) for h in header]
    found: dict[str, int] = {}
    for field_name, aliases in _HEADER_ALIASES.items():
        wanted = {_normalise_header(a) for a in aliases}
        for index, name in enumerate(normalised):
            if name and name in wanted:
                found[field_name] = index
                break
    for field_name, file_header in (column_map or {}).items():
        if field_name not in FIELD_NAMES:
            raise SourceParseError(
                f"column_map: unknown field {field_name!r} (known: {', '.join(FIELD_NAMES)})"
            )
        target = _normalise_header(file_header)
        for index, name in enumerate(normalised):
            if name == target:
                found[field_name] = index
                break
    return found


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).replace("_x000D_", "")
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _label(question: str) -> str:
    flat = " ".join(question.split())
    if len(flat) > _LABEL_QUESTION_CHARS:
        flat = flat[:_LABEL_QUESTION_CHARS] + "…"
    return f"Q. {flat}"


def _qa_chunk(
    question: str,
    answer: str,
    *,
    faq_id: str,
    row: int,
    source_ref: str,
    category: str = "",
    department: str = "",
    updated: object = None,
) -> Chunk:
    metadata = {"faq_id": faq_id, "row": str(row)}
    if category:
        metadata["category"] = category
    if department:
        metadata["owner_department"] = department
    updated_text = _cell_text(updated)
    if updated_text:
        metadata["updated"] = to_iso_date(updated) or updated_text
    return Chunk(
        text=answer,
        label=_label(question),
        context=question,
        question=question,
        answer=answer,
        path=(category,) if category else (),
        source_ref=source_ref,
        metadata=metadata,
    )


def _rows_to_document(
    rows: Iterable[Sequence[object]],
    *,
    title: str,
    column_map: Mapping[str, str] | None,
    source_format: str,
    ref_prefix: str = "row",
    metadata: Mapping[str, str] | None = None,
) -> ParsedDocument:
    """Shared by CSV and xlsx: find the header row, then one chunk per QA row."""
    iterator = iter(rows)
    seen_headers: list[str] = []
    columns: dict[str, int] | None = None
    header_row = 0
    for header_row, row in enumerate(iterator, start=1):
        cells = [_cell_text(c) for c in row]
        if not any(cells):
            continue
        mapped = _map_columns(cells, column_map)
        if "question" in mapped and "answer" in mapped:
            columns = mapped
            break
        if not seen_headers:
            seen_headers = [c for c in cells if c]
        if header_row >= _HEADER_SCAN_ROWS:
            break
    if columns is None:
        shown = ", ".join(seen_headers[:12]) or "(none)"
        raise SourceParseError(
            f"no question/answer columns found; headers seen: {shown} "
            "(expected e.g. 質問/回答 or question/answer, or pass column_map)"
        )
    chunks: list[Chunk] = []
    warnings: list[str] = []
    ids_seen: set[str] = set()

    def cell(values: Sequence[object], name: str) -> str:
        index = columns.get(name)
        return _cell_text(values[index]) if index is not None and index < len(values) else ""

    for data_row, values in enumerate(iterator, start=1):
        question, answer = cell(values, "question"), cell(values, "answer")
        if not question and not answer:
            continue
        line = header_row + data_row
        if not question or not answer:
            missing = "answer" if question else "question"
            warnings.append(f"{ref_prefix} {line}: {missing} is empty; row skipped")
            continue
        faq_id = cell(values, "id") or f"row-{data_row}"
        if faq_id in ids_seen:
            warnings.append(f"{ref_prefix} {line}: duplicate FAQ id {faq_id!r}")
        ids_seen.add(faq_id)
        updated_index = columns.get("updated")
        updated = values[updated_index] if updated_index is not None and updated_index < len(
            values
        ) else None
        chunks.append(
            _qa_chunk(
                question,
                answer,
                faq_id=faq_id,
                row=data_row,
                source_ref=f"{ref_prefix} {line}",
                category=cell(values, "category"),
                department=cell(values, "department"),
                updated=updated,
            )
        )
    return _faq_document(title, chunks, source_format, warnings, metadata,
                         "no QA pairs found (every row lacks a question or an answer)")


def _sniff_delimiter(text: str) -> str:
    """Tab, comma or semicolon: whichever the first lines use most (Sniffer trips on JA text)."""
    for line in text.split("\n", _HEADER_SCAN_ROWS)[:_HEADER_SCAN_ROWS]:
        counts = {d: line.count(d) for d in ("\t", ",", ";")}
        best = max(counts, key=lambda d: counts[d])
        if counts[best]:
            return best
    return ","


def _unclosed_quote_line(text: str, delimiter: str) -> int | None:
    """The line of a quoted field that runs to the end of the file (the lenient reader folds
    every later row into that cell); sloppy quoting elsewhere (`"a"b`) stays accepted."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    last = 0
    try:
        for _row in reader:
            last = reader.line_num
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            return last + 1
    return None


def parse_faq_csv(
    data: bytes, *, title: str, column_map: Mapping[str, str] | None = None
) -> ParsedDocument:
    """CSV or TSV (delimiter sniffed), any common Japanese encoding; multi-line cells kept."""
    text, encoding = decode_text(data)
    delimiter = _sniff_delimiter(text)
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise SourceParseError(f"malformed CSV: {exc}") from exc
    if (line := _unclosed_quote_line(text, delimiter)) is not None:
        raise SourceParseError(
            f"malformed CSV: the quoted field starting on line {line} is never closed "
            "(a stray \" swallows every row after it)")
    return _rows_to_document(
        rows,
        title=title,
        column_map=column_map,
        source_format="tsv" if delimiter == "\t" else "csv",
        metadata={"encoding": encoding},
    )


def parse_faq_xlsx(
    data: bytes, *, title: str, column_map: Mapping[str, str] | None = None
) -> ParsedDocument:
    """The first sheet whose top rows hold recognisable question/answer headers."""
    from openpyxl import load_workbook

    check_zip_container(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken package
        raise SourceParseError(f"cannot open xlsx: {type(exc).__name__}: {exc}") from exc
    try:
        errors: list[str] = []
        for sheet in workbook.worksheets:
            rows = list(sheet.iter_rows(values_only=True))
            try:
                return _rows_to_document(
                    rows,
                    title=title,
                    column_map=column_map,
                    source_format="xlsx",
                    ref_prefix=f"{sheet.title}!row",
                    metadata={"sheet": sheet.title},
                )
            except SourceParseError as exc:
                errors.append(f"[{sheet.title}] {exc.message}")
        raise SourceParseError("; ".join(errors) or "workbook has no sheets")
    finally:
        workbook.close()


def _split_qa_text(text: str) -> list[tuple[str, str]]:
    """Pairs from "Question: …\\nAnswer: …" blocks; an answer runs until the next question."""
    pairs: list[tuple[str, str]] = []
    question: list[str] | None = None
    answer: list[str] | None = None

    def flush() -> None:
        if question is not None:
            pairs.append(("\n".join(question).strip(), "\n".join(answer or []).strip()))

    for line in text.replace("\r\n", "\n").split("\n"):
        if match := _QA_TEXT_Q.match(line):
            flush()
            question, answer = [line[match.end() :]], None
        elif question is not None and answer is None and (match := _QA_TEXT_A.match(line)):
            answer = [line[match.end() :]]
        elif answer is not None:
            answer.append(line)
        elif question is not None:
            question.append(line)
    flush()
    return pairs


def _pairs_to_document(
    pairs: Iterable[tuple[str, str, str, Mapping[str, Any]]],
    *,
    title: str,
    source_format: str,
) -> ParsedDocument:
    """(faq_id, question, answer, extra fields) → document; shared by the JSON and text forms."""
    chunks: list[Chunk] = []
    warnings: list[str] = []
    for row, (faq_id, question, answer, extra) in enumerate(pairs, start=1):
        if not question and not answer:
            continue
        if not question or not answer:
            missing = "answer" if question else "question"
            warnings.append(f"entry {faq_id}: {missing} is empty; skipped")
            continue
        chunks.append(
            _qa_chunk(
                question,
                answer,
                faq_id=faq_id,
                row=row,
                source_ref=f"entry {faq_id}",
                category=_cell_text(extra.get("category")),
                department=_cell_text(extra.get("department")),
                updated=extra.get("updated"),
            )
        )
    return _faq_document(title, chunks, source_format, warnings, None, "no QA pairs found")


def parse_faq_qa_text(text: str, *, title: str) -> ParsedDocument:
    """Plain text of "Question: … / Answer: …" blocks (質問：/回答： and Q./A. also accepted)."""
    pairs = _split_qa_text(text)
    return _pairs_to_document(
        ((f"row-{n}", q, a, {}) for n, (q, a) in enumerate(pairs, start=1)),
        title=title,
        source_format="qa_text",
    )


def _json_objects(items: Sequence[object]) -> Iterable[tuple[str, str, str, Mapping[str, Any]]]:
    for n, item in enumerate(items, start=1):
        if not isinstance(item, Mapping):
            raise SourceParseError(f"JSON entry {n} is not an object")
        fields: dict[str, Any] = {}
        for key, value in item.items():
            for field_name, aliases in _HEADER_ALIASES.items():
                if _normalise_header(key) in {_normalise_header(a) for a in aliases}:
                    fields.setdefault(field_name, value)
        if "question" not in fields and "answer" not in fields:
            raise SourceParseError(
                f"JSON entry {n} has no question/answer keys; "
                f"keys seen: {', '.join(map(str, item))}"
            )
        faq_id = _cell_text(fields.get("id")) or f"row-{n}"
        yield faq_id, _cell_text(fields.get("question")), _cell_text(fields.get("answer")), fields


_Pair = tuple[str, str, str, Mapping[str, Any]]


def _json_qa_strings(corpus: Mapping[str, object]) -> Iterable[_Pair]:
    for key, value in corpus.items():
        if isinstance(value, Mapping):
            yield from (
                (str(key), q, a, extra) for _, q, a, extra in _json_objects([value])
            )
            continue
        if not isinstance(value, str):
            raise SourceParseError(f"JSON entry {key}: expected a string or an object")
        pairs = _split_qa_text(value)
        question, answer = pairs[0] if pairs else ("", value.strip())
        yield str(key), question, answer, {}


def parse_faq_json(data: bytes, *, title: str) -> ParsedDocument:
    """A list of {question, answer, …} objects (JA/EN keys), or BEIR corpus.json {id: QA text}."""
    text, _ = decode_text(data)
    try:
        loaded = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceParseError(f"invalid JSON: {exc}") from exc
    if isinstance(loaded, Mapping) and len(loaded) == 1:
        (only,) = loaded.values()
        if isinstance(only, list):  # {"faqs": [...]}
            loaded = only
    if isinstance(loaded, list):
        pairs = _json_objects(loaded)
    elif isinstance(loaded, Mapping):
        pairs = _json_qa_strings(loaded)
    else:
        raise SourceParseError("JSON FAQ must be a list of objects or an object of id → QA text")
    return _pairs_to_document(pairs, title=title, source_format="json")


def _faq_document(title: str, chunks: list[Chunk], source_format: str, warnings: list[str],
                  metadata: Mapping[str, str] | None, empty_reason: str) -> ParsedDocument:
    """The document of QA chunks; zero chunks is an error, not an empty document."""
    if not chunks:
        raise SourceParseError(empty_reason)
    return ParsedDocument(title=title, kind=Kind.FAQ, chunks=tuple(chunks),
                          source_format=source_format, warnings=tuple(warnings),
                          metadata=dict(metadata or {}))
