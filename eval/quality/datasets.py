"""Labeled question sets: JSONL / CSV labelled by citation, or a BEIR-style folder.

Citation labels survive re-chunking: {"document": "労働基準法", "article": "39", "paragraph": "1"}
matches any hit of that document whose chunk covers article 39 (a whole-article chunk counts for
a paragraph label). A FAQ is {"document": …, "faq_id": …}; a manual page {"document": …,
"page": 4}; a 別表 {"document": …, "table": "別表第一"}.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import InputError
from core.types import Hit
from index.tokenize_ja import normalize

LABEL_FIELDS = ("document", "article", "paragraph", "item", "faq_id", "page", "part", "table",
                "section")
QUESTION_FIELDS = ("kind", "difficulty", "split", "scope")
_SECTION = re.compile(r"^第?(\d+(?:-\d+)*)(?=\s|$|\D)")


@dataclass(frozen=True, slots=True)
class Label:
    document: str
    article: str | None = None
    paragraph: str | None = None
    item: str | None = None
    faq_id: str | None = None
    page: int | None = None
    part: str | None = None
    table: str | None = None  # 別表 name, e.g. "別表第一"
    section: str | None = None  # numbered guideline section, e.g. "3-5-3"
    grade: float = 1.0


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    query: str
    answerable: bool
    labels: tuple[Label, ...] = ()
    fields: Mapping[str, str] = field(default_factory=dict)  # QUESTION_FIELDS


@dataclass(frozen=True, slots=True)
class Dataset:
    name: str
    questions: tuple[Question, ...]
    corpus_path: Path | None = None  # BEIR: the corpus to ingest first


def load_dataset(path: Path) -> Dataset:
    if path.is_dir():
        return load_beir(path)
    if not path.is_file():
        raise InputError(f"no such dataset: {path}")
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return Dataset(path.stem, tuple(parse_jsonl(path.read_text(encoding="utf-8-sig"),
                                                    source=str(path))))
    if suffix == ".csv":
        return Dataset(path.stem, tuple(parse_csv(_decode(path), source=str(path))))
    raise InputError(f"{path}: dataset must be .jsonl, .csv or a BEIR folder")


def parse_jsonl(text: str, *, source: str = "dataset") -> list[Question]:
    questions = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(f"{source}:{lineno}: invalid JSON ({err.msg})") from None
        questions.append(_question(obj, f"{source}:{lineno}"))
    if not questions:
        raise InputError(f"{source}: no questions")
    return questions


def parse_csv(text: str, *, source: str = "dataset") -> list[Question]:
    """Columns id, query, answerable, document, article, paragraph, item, faq_id, page, part;
    several labels for one question go on several rows with the same id."""
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "query" not in reader.fieldnames:
        raise InputError(f"{source}: CSV needs a header with at least 'query'")
    by_id: dict[str, dict[str, Any]] = {}
    for lineno, row in enumerate(reader, start=2):
        qid = (row.get("id") or f"row{lineno}").strip()
        entry = by_id.setdefault(qid, {"id": qid, "query": row.get("query", ""),
                                       "answerable": row.get("answerable", "true"),
                                       "relevant": [], "_line": lineno})
        label = {k: row[k].strip() for k in LABEL_FIELDS if row.get(k) and row[k].strip()}
        if label:
            entry["relevant"].append(label)
        for extra in ("kind", "difficulty"):
            if row.get(extra):
                entry[extra] = row[extra]
    out = []
    for entry in by_id.values():
        flag = str(entry["answerable"]).strip().lower()
        if flag not in ("true", "false", "1", "0", "yes", "no", ""):
            raise InputError(f"{source}:{entry['_line']}: answerable must be true or false")
        entry["answerable"] = flag in ("true", "1", "yes", "")
        out.append(_question(entry, f"{source}:{entry['_line']}"))
    if not out:
        raise InputError(f"{source}: no questions")
    return out


def _decode(path: Path) -> str:
    """UTF-8 (with or without BOM), cp932 or EUC-JP, as Excel users save CSV."""
    from core.errors import RagError
    from ingest.safety import decode_text

    try:
        return decode_text(path.read_bytes())[0]
    except RagError as err:
        raise InputError(f"{path}: {err}") from None


def load_beir(folder: Path) -> Dataset:
    """queries.json {id: text}, qrels.json {query id: {corpus id: grade}}, corpus.json."""
    queries = _beir_json(folder, "queries.json")
    qrels = _beir_json(folder, "qrels.json")
    corpus = folder / "corpus.json"
    if not corpus.is_file():
        raise InputError(f"{folder}: corpus.json missing")
    for qid, text in queries.items():
        if not isinstance(text, str) or not text.strip():
            raise InputError(f"{folder / 'queries.json'}: query {qid!r} must be a non-empty "
                             "string")
    for qid, grades in qrels.items():
        where = f"{folder / 'qrels.json'}: query {qid!r}"
        if qid not in queries:
            raise InputError(f"{where} is not in queries.json")
        if not isinstance(grades, dict):
            raise InputError(f"{where}: expected {{corpus id: grade}}")
        for doc, grade in grades.items():
            if isinstance(grade, bool) or not isinstance(grade, int | float):
                raise InputError(f"{where}, document {doc!r}: grade must be a number")
    questions = []
    for qid, text in queries.items():
        grades = qrels.get(qid, {})
        labels = tuple(Label(document=corpus.stem, faq_id=str(doc), grade=float(g))
                       for doc, g in grades.items() if float(g) > 0)
        questions.append(Question(str(qid), text, bool(labels), labels))
    if not questions:
        raise InputError(f"{folder / 'queries.json'}: no questions")
    return Dataset(folder.name, tuple(questions), corpus_path=corpus)


def _beir_json(folder: Path, name: str) -> dict[str, Any]:
    path = folder / name
    try:
        obj = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InputError(f"{folder}: BEIR folder needs queries.json and qrels.json "
                         f"({name} missing)") from None
    except json.JSONDecodeError as err:
        raise InputError(f"{path}:{err.lineno}: invalid JSON ({err.msg}, column {err.colno})"
                         ) from None
    if not isinstance(obj, dict):
        raise InputError(f"{path}: expected a JSON object keyed by query id")
    return obj


def _question(obj: Any, where: str) -> Question:
    if not isinstance(obj, dict):
        raise InputError(f"{where}: each line must be a JSON object")
    query = obj.get("query")
    if not isinstance(query, str) or not query.strip():
        raise InputError(f"{where}: 'query' must be a non-empty string")
    answerable = obj.get("answerable", True)
    if not isinstance(answerable, bool):
        raise InputError(f"{where}: 'answerable' must be true or false")
    relevant = obj.get("relevant", [])
    if not isinstance(relevant, list):
        raise InputError(f"{where}: 'relevant' must be a list")
    labels = []
    for item in relevant:
        if not isinstance(item, dict) or not item.get("document"):
            raise InputError(f"{where}: every relevant entry needs a 'document'")
        unknown = set(item) - set(LABEL_FIELDS) - {"grade"}
        if unknown:
            raise InputError(f"{where}: unknown label field(s) {', '.join(sorted(unknown))}")
        page = item.get("page")
        labels.append(Label(
            document=str(item["document"]),
            article=_opt(item.get("article")), paragraph=_opt(item.get("paragraph")),
            item=_opt(item.get("item")), faq_id=_opt(item.get("faq_id")),
            page=int(page) if page not in (None, "") else None, part=_opt(item.get("part")),
            table=_opt(item.get("table")), section=_opt(item.get("section")),
            grade=float(item.get("grade", 1.0))))
    if answerable and not labels:
        raise InputError(f"{where}: an answerable question needs at least one relevant entry")
    fields = {k: str(obj[k]) for k in QUESTION_FIELDS if k in obj}
    return Question(str(obj.get("id") or where), query.strip(), answerable, tuple(labels),
                    fields)


def _opt(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def label_matches(label: Label, hit: Hit) -> bool:
    """Every field the label gives must match the hit (see module docstring)."""
    names = {normalize(hit.document_title), hit.document_id,
             normalize(str(hit.extra.get("number") or ""))}
    if normalize(label.document) not in names and label.document not in names:
        return False
    covers = set(str(hit.extra.get("covers", "")).split(","))
    if label.part and hit.part != label.part:
        return False
    if label.article and not label.part and hit.part not in ("main", ""):
        return False  # 第20条 is the 本則's, not a 附則's own 第二十条
    if label.section and _section(hit) != normalize(label.section):
        return False
    if label.table and not (hit.part == "table" and hit.label.startswith(label.table)):
        return False
    if label.article:
        if f"a:{label.article}" not in covers and hit.article != label.article:
            return False
        merged = len([c for c in covers if c.startswith("a:")]) > 1
        if label.paragraph and not merged and hit.paragraph not in (None, label.paragraph):
            return False
        if label.item and not merged and hit.item not in (None, label.item):
            return False
    if label.faq_id and f"q:{label.faq_id}" not in covers:
        return False
    return not (label.page and f"p:{label.page}" not in covers)


def section_number(heading: str) -> str | None:
    """"3-5-3" of a guideline heading "3-5-3 個人情報保護委員会への報告…" (any width)."""
    match = _SECTION.match(normalize(heading))
    return match[1] if match else None


def _section(hit: Hit) -> str | None:
    return section_number(hit.label or hit.caption or "")


def graded_gains(labels: Sequence[Label], hits: Sequence[Hit]) -> list[float]:
    """Per-hit grade; a label is credited once, at the first hit that matches it."""
    used: set[int] = set()
    gains = []
    for hit in hits:
        gain = 0.0
        for i, label in enumerate(labels):
            if i not in used and label_matches(label, hit):
                used.add(i)
                gain = max(gain, label.grade)
        gains.append(gain)
    return gains
