"""Chunk, document and hit types shared by ingestion, retrieval and the API.

Glossary of romanized or Japanese terms used in names and payloads:
- reiki (例規): a municipality's body of regulations (jorei 条例, kisoku 規則,
  kunrei/kitei 訓令・規程,
  yoko 要綱). In code: `Regulation`.
- 条 article, 項 paragraph, 号 item: numbered the e-Gov way, "17_2" for 第十七条の二.
- 附則 supplementary provisions: `part="supplementary"`; 別表/様式 appended tables and forms:
  `part="table"`; main provisions: `part="main"`.
- 見出し the caption of an article, e.g. (年次有給休暇): `caption`.
- 施行日 date of entry into force (`effective_date`),
  公布日 promulgation date (`promulgation_date`).
- 担当課 the department that owns a FAQ entry: `owner_department`.
- 和暦 Japanese era dates (令和六年四月一日) are converted to ISO dates at parse time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    """What a document is; decides the parser and how hits are shown."""

    REGULATION = "regulation"
    FAQ = "faq"
    MANUAL = "manual"


class Part(StrEnum):
    MAIN = "main"
    SUPPLEMENTARY = "supplementary"  # 附則
    TABLE = "table"  # 別表・様式


@dataclass(frozen=True, slots=True)
class Chunk:
    """One retrievable, citable piece of a document, as a parser produces it.

    `text` is the text exactly as written (full-width digits and kanji numerals kept); the
    context lines a chunk carries (article caption, lead sentence) are in `context`, not `text`.
    `source_ref` points back to the source element (an XPath-like locator or a char range).
    """

    text: str
    label: str = ""  # human citation label, e.g. "第三十九条第一項" or "p.3 2-1 伝票の起票"
    context: str = ""  # caption / lead sentence / section path that helps retrieval
    article: str | None = None  # "17_2"
    paragraph: str | None = None  # "3"
    item: str | None = None  # "2"
    page: int | None = None  # 1-based PDF page where the chunk starts
    page_end: int | None = None
    question: str | None = None
    answer: str | None = None
    caption: str | None = None  # 見出し or section heading
    path: tuple[str, ...] = ()  # 章/節 headings above the chunk
    part: Part = Part.MAIN
    deleted: bool = False  # 削除 articles: kept, never returned as answers
    source_ref: str = ""
    # e.g. category, owner_department, faq_id
    metadata: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """A parser's output: document-level facts plus its chunks in reading order."""

    title: str
    kind: Kind
    chunks: tuple[Chunk, ...]
    number: str | None = None  # 法令番号 / 例規番号, e.g. "平成五年法律第八十八号"
    promulgation_date: str | None = None  # ISO date
    effective_date: str | None = None  # ISO date
    source_format: str = ""  # "egov_xml", "reiki_html", "text", "csv", "xlsx", "pdf", ...
    warnings: tuple[str, ...] = ()
    metadata: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Hit:
    """A search result as the CLI and API return it (null where a field does not apply)."""

    chunk_id: str
    score: float
    kind: str
    document_id: str
    document_title: str
    article: str | None
    paragraph: str | None
    item: str | None
    page: int | None
    question: str | None
    text: str
    label: str = ""
    answer: str | None = None
    caption: str | None = None
    part: str = "main"
    owner_department: str | None = None
    version: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)

    def citation_label(self) -> str:
        """文書名 + 条項号 or page, the way staff cite a source."""
        where = self.label or (f"p.{self.page}" if self.page else "")
        return f"{self.document_title} {where}".strip()

    def to_dict(self) -> dict[str, Any]:
        return {
            "chunk_id": self.chunk_id,
            "score": round(self.score, 6),
            "kind": self.kind,
            "document_id": self.document_id,
            "document_title": self.document_title,
            "article": self.article,
            "paragraph": self.paragraph,
            "item": self.item,
            "page": self.page,
            "question": self.question,
            "text": self.text,
            "label": self.label,
            "citation": self.citation_label(),
            "answer": self.answer,
            "caption": self.caption,
            "part": self.part,
            "owner_department": self.owner_department,
            "faq_id": self.extra.get("faq_id"),  # the FAQ sheet's own id (FAQ-002), if any
        }
