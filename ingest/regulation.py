"""The structure every regulation parser fills (条・項・号), and the one way it becomes chunks.

Parsers (e-Gov XML, 例規集 HTML, plain text) build `Article`s and call `articles_to_chunks`, so
all regulations are chunked and cited alike: one chunk per 条, or per 項 when the 条 is long.

Offsets of 項 and 号 inside a chunk's text are kept in `Chunk.metadata` so a citation can point
below the chunk: metadata["paragraphs"] = "1:0-120,2:121-300" and metadata["items"] =
"1.1:40-80,1.2:81-120,1.2_ro:95-110", i.e. comma-separated `KEY:START-END` with half-open
character offsets into `Chunk.text`; an item KEY is "<項>.<号>" (号 keys as in
`ingest.numbering`). `parse_spans` reads them back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from core.types import Chunk, Part
from ingest.numbering import (
    IROHA_CHARS,
    citation_label,
    find_wareki_date,
    int_to_kanji,
    iroha_key,
    item_number,
)

DEFAULT_LONG_ARTICLE_CHARS = 1000
"""Above this many characters an article is split per 項 (see `articles_to_chunks`)."""

LEAD_SENTENCE_CHARS = 160
"""At most this much of an article's first sentence is repeated in each 項 chunk's context."""


@dataclass(frozen=True, slots=True)
class Item:
    """A 号 (or イロハ sub-item): `text` is its own line(s) as written, its title included."""

    number: str  # full key: "2", "2_2", "2_ro" (a sub-item carries its 号: "2_ro")
    text: str
    subitems: tuple[Item, ...] = ()
    source_ref: str = ""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A 項: `text` is its sentence(s) as written, with its number ("２　…") or, for the first
    項, the article title ("第三条　…") in front; tables inside the 項 are flattened into it."""

    number: str  # "1" for the unnumbered first 項
    text: str
    items: tuple[Item, ...] = ()
    source_ref: str = ""


@dataclass(frozen=True, slots=True)
class Article:
    """A 条, or a numberless block (a 附則 without 条, a 別表) when `number` is None.

    `label_prefix` goes in front of every citation label: "" for main provisions, "附則" or
    "附則（平成十年法律第百十二号）" for supplementary provisions. `title` is used as the label
    of a numberless block ("別表第一"). `note` holds extra context (e.g. a 別表's related article).
    """

    number: str | None
    paragraphs: tuple[Paragraph, ...]
    caption: str | None = None
    title: str = ""
    path: tuple[str, ...] = ()
    part: Part = Part.MAIN
    deleted: bool = False
    label_prefix: str = ""
    note: str = ""
    source_ref: str = ""
    metadata: Mapping[str, str] = field(default_factory=dict)


def strip_caption(caption: str | None) -> str | None:
    """ "（年次有給休暇）" / "(目的)" → "年次有給休暇"; None stays None, "" becomes None."""
    if caption is None:
        return None
    text = caption.strip()
    if len(text) >= 2 and text[0] in "（(" and text[-1] in "）)":
        text = text[1:-1].strip()
    return text or None


def is_deleted_text(text: str) -> bool:
    """True for a 条 whose whole body is 削除 (e.g. "第八条　削除")."""
    body = text.strip().split(None, 1)[-1] if text.strip() else ""
    body = body.split("　")[-1].strip()
    return body == "削除"


def parse_spans(value: str) -> dict[str, tuple[int, int]]:
    """Read metadata["items"] / metadata["paragraphs"] back: "1.2:36-80" → {"1.2": (36, 80)}."""
    spans: dict[str, tuple[int, int]] = {}
    for entry in filter(None, value.split(",")):
        key, _, span = entry.rpartition(":")
        start, _, end = span.partition("-")
        spans[key] = (int(start), int(end))
    return spans


def _item_lines(items: Iterable[Item], paragraph: str) -> Iterator[tuple[str, str]]:
    """(key, text) for each item and sub-item, depth first; key is "<項>.<号>"."""
    for item in items:
        yield f"{paragraph}.{item.number}", item.text
        yield from _item_lines(item.subitems, paragraph)


def _paragraph_block(paragraph: Paragraph, offset: int) -> tuple[str, list[str]]:
    """The 項's text with its 号 lines, and the item spans relative to the chunk (by `offset`)."""
    lines = [paragraph.text] if paragraph.text else []
    spans = []
    position = offset + len(paragraph.text)
    for key, text in _item_lines(paragraph.items, paragraph.number):
        if lines:
            position += 1  # "\n"
        spans.append(f"{key}:{position}-{position + len(text)}")
        lines.append(text)
        position += len(text)
    return "\n".join(lines), spans


def _lead_sentence(article: Article) -> str:
    if not article.paragraphs:
        return ""
    text = article.paragraphs[0].text
    end = text.find("。")
    sentence = text[: end + 1] if end >= 0 else text
    if len(sentence) > LEAD_SENTENCE_CHARS:
        sentence = sentence[:LEAD_SENTENCE_CHARS] + "…"
    return sentence


def _block_label(article: Article, paragraph: str | None = None) -> str:
    if article.number:
        return article.label_prefix + citation_label(article.number, paragraph)
    label = article.label_prefix + article.title
    if paragraph:
        label += f"第{int_to_kanji(int(paragraph))}項"
    return label or article.title


def _context(article: Article, heading: str, lead: str = "") -> str:
    lines = list(article.path)
    caption = strip_caption(article.caption)
    lines.append(f"（{caption}）{heading}" if caption else heading)
    if article.note:
        lines.append(article.note)
    if lead:
        lines.append(lead)
    return "\n".join(line for line in lines if line)


def _row_spans(rows: list[Paragraph]) -> str:
    spans, position = [], 0
    for row in rows:
        spans.append(f"{row.number}:{position}-{position + len(row.text)}")
        position += len(row.text) + 1
    return ",".join(spans)


def _table_chunks(article: Article, max_chars: int) -> Iterator[Chunk]:
    """A long 別表 in row groups of about `max_chars`; its first row (the header) goes into
    every later group's context. metadata["rows"] holds "ROW:START-END" spans like 項."""
    heading = _block_label(article)
    header = article.paragraphs[0].text if article.paragraphs else ""
    groups: list[list[Paragraph]] = [[]]
    size = 0
    for row in article.paragraphs:
        if groups[-1] and size + len(row.text) > max_chars:
            groups.append([])
            size = 0
        groups[-1].append(row)
        size += len(row.text) + 1
    for index, rows in enumerate(groups):
        yield Chunk(
            text="\n".join(row.text for row in rows),
            label=heading,
            context=_context(article, heading, header if index else ""),
            caption=strip_caption(article.caption),
            path=article.path,
            part=article.part,
            source_ref=article.source_ref,
            metadata={**article.metadata, "rows": _row_spans(rows)},
        )


def articles_to_chunks(
    articles: Iterable[Article], *, long_article_chars: int = DEFAULT_LONG_ARTICLE_CHARS
) -> list[Chunk]:
    """One chunk per 条 (label "第十条"), or one per 項 ("第十条第二項") when the 条's text is
    longer than `long_article_chars`; 号 stay inside their 項 and are addressed by offsets in
    metadata["items"] (format in the module docstring). 附則 and 別表 blocks chunk the same way
    with their own `part` and label prefix; a 削除 article is one chunk with deleted=True.
    """
    chunks: list[Chunk] = []
    for article in articles:
        blocks: list[str] = []
        all_items: list[str] = []
        paragraph_spans: list[str] = []
        position = 0
        for paragraph in article.paragraphs:
            if blocks:
                position += 1
            text, spans = _paragraph_block(paragraph, position)
            blocks.append(text)
            all_items.extend(spans)
            paragraph_spans.append(f"{paragraph.number}:{position}-{position + len(text)}")
            position += len(text)
        whole = "\n".join(blocks)
        if not whole.strip():
            continue
        base_meta = dict(article.metadata)
        heading = _block_label(article)
        caption = strip_caption(article.caption)
        split = (
            len(whole) > long_article_chars and len(article.paragraphs) > 1 and not article.deleted
        )
        if not split:
            meta = dict(base_meta)
            if len(article.paragraphs) > 1:
                key = "rows" if article.part is Part.TABLE else "paragraphs"
                meta[key] = ",".join(paragraph_spans)
            if all_items:
                meta["items"] = ",".join(all_items)
            chunks.append(
                Chunk(
                    text=whole,
                    label=heading,
                    context=_context(article, heading),
                    article=article.number,
                    paragraph=None,
                    caption=caption,
                    path=article.path,
                    part=article.part,
                    deleted=article.deleted,
                    source_ref=article.source_ref,
                    metadata=meta,
                )
            )
            continue
        if article.part is Part.TABLE:
            chunks.extend(_table_chunks(article, long_article_chars))
            continue
        lead = _lead_sentence(article)
        for paragraph in article.paragraphs:
            text, spans = _paragraph_block(paragraph, 0)
            meta = dict(base_meta)
            if spans:
                meta["items"] = ",".join(spans)
            label = _block_label(article, paragraph.number)
            chunks.append(
                Chunk(
                    text=text,
                    label=label,
                    context=_context(article, heading, "" if paragraph.number == "1" else lead),
                    article=article.number,
                    paragraph=paragraph.number,
                    caption=caption,
                    path=article.path,
                    part=article.part,
                    deleted=article.deleted,
                    source_ref=paragraph.source_ref or article.source_ref,
                    metadata=meta,
                )
            )
    return chunks


_HEADING_LEVELS = {"編": 0, "章": 1, "節": 2, "款": 3, "目": 4}
HEADING_RE = re.compile(
    r"^第[〇一二三四五六七八九十百千0-9０-９]+(?:の[〇一二三四五六七八九十0-9０-９]+)*([編章節款目])"
)


@dataclass(slots=True)
class _OpenItem:
    number: str
    lines: list[str]
    refs: list[str]
    level: int
    subitems: list[_OpenItem] = field(default_factory=list)

    def freeze(self) -> Item:
        return Item(
            self.number,
            "\n".join(self.lines),
            tuple(s.freeze() for s in self.subitems),
            _ref_range(self.refs),
        )


@dataclass(slots=True)
class _OpenParagraph:
    number: str
    lines: list[str]
    refs: list[str]
    items: list[_OpenItem] = field(default_factory=list)


def _ref_range(refs: list[str]) -> str:
    """Element ids become "#l3..#l7"; char ranges merge into one "chars:START-END"."""
    refs = [ref for ref in refs if ref]
    if not refs:
        return ""
    if refs[0] == refs[-1]:
        return refs[0]
    if refs[0].startswith("chars:") and refs[-1].startswith("chars:"):
        return f"chars:{refs[0][6:].split('-')[0]}-{refs[-1].rsplit('-', 1)[1]}"
    return f"{refs[0]}..{refs[-1]}"


def item_level(number: str, state: dict[str, str]) -> tuple[str, int] | None:
    """Key and depth of an item number: (1)/一 → 号 (0); ア/イ → sub-item (1); (ア) → 2.

    The first numbered style met in an article ("(1)" or "一") is its 号 style; a numbered item
    in the other style sits below a sub-item ((1) under イ in a 一/イ/(1) hierarchy). `state`
    remembers the style; clear it at each new article.
    """
    bare = number.strip().strip("()（）")
    parenthesized = bare != number.strip()
    if len(bare) == 1 and bare in IROHA_CHARS:
        return iroha_key(bare) or bare, 2 if parenthesized else 1
    key = item_number(number)
    if key is None:
        return None
    style = "paren" if parenthesized else "plain"
    return key, 0 if state.setdefault("item_style", style) == style else 2


class ArticleBuilder:
    """Collects line-oriented regulation text (HTML lines, text lines) into `Article`s.

    Parsers call the methods in reading order; `finish()` returns the frozen articles. It keeps
    state only for one parse and is created inside the parsing function, never shared.
    """

    def __init__(self) -> None:
        self.articles: list[Article] = []
        self._path: list[tuple[int, str]] = []
        self._part = Part.MAIN
        self._prefix = ""
        self._meta: dict[str, str] = {}
        self._header: dict[str, object] | None = None
        self._paragraphs: list[_OpenParagraph] = []
        self._pending_caption: str | None = None

    # -- structure -------------------------------------------------------------------------
    def heading(self, text: str) -> None:
        """A 章/節/款/目 heading ("第二章　勤務時間"): closes the article, updates the path."""
        self._close()
        match = HEADING_RE.match(text.strip())
        level = _HEADING_LEVELS[match[1]] if match else 1
        self._path = [(lvl, title) for lvl, title in self._path if lvl < level]
        self._path.append((level, text.strip()))

    def caption(self, text: str) -> None:
        """A （見出し） line that precedes the next article (or the next 項 of a 附則)."""
        if not (
            self._part is Part.SUPPLEMENTARY
            and self._header is not None
            and self._header.get("number") is None
        ):
            self._close()
        self._pending_caption = text.strip()

    def supplementary(self, prefix: str, metadata: dict[str, str] | None = None) -> None:
        """Start a 附則 block; `prefix` is "附則" or "附則（令和五年条例第十号）"."""
        self._close()
        self._part, self._prefix, self._meta = Part.SUPPLEMENTARY, prefix, dict(metadata or {})
        self._path = []

    def table(self, title: str, note: str = "", ref: str = "") -> None:
        """Start a 別表/様式 block; each following `line` is one row."""
        self._close()
        self._part, self._prefix, self._meta = Part.TABLE, "", {}
        self._path = []
        self._header = {"number": None, "title": title, "note": note, "refs": [ref]}

    def article(
        self, number: str, title: str, text: str, ref: str = "", caption: str | None = None
    ) -> None:
        """A new 条 whose first 項 is `text` (as written, "第三条　…" included)."""
        self._close()
        if self._part is Part.TABLE:
            self._part = Part.MAIN
        self._header = {
            "number": number,
            "title": title,
            "refs": [ref],
            "caption": caption or self._pending_caption,
        }
        self._pending_caption = None
        self._paragraphs = [_OpenParagraph("1", [text], [ref])]

    def paragraph(self, number: str, text: str, ref: str = "") -> None:
        """A 項 (`text` as written, its number included); opens a numberless block if needed."""
        if self._header is None:
            self._open_block(ref, keep_caption=False)
        if self._is_table():
            self.line(text, ref)
            return
        lines = [text]
        numberless = self._header is not None and self._header.get("number") is None
        if numberless and self._pending_caption:
            lines.insert(0, self._pending_caption)  # a 附則 項 with its own caption
            self._pending_caption = None
        self._paragraphs.append(_OpenParagraph(number, lines, [ref]))
        self._refs().append(ref)

    def item(self, number: str, text: str, ref: str = "", level: int = 0) -> None:
        """A 号 (level 0) or sub-item (level 1, 2); `number` is the key of this level alone."""
        if self._header is None:
            self._open_block(ref)
        if self._is_table():
            self.line(text, ref)
            return
        if not self._paragraphs:
            self._paragraphs.append(_OpenParagraph("1", [], [ref]))
        siblings = self._paragraphs[-1].items
        parent_key = ""
        for _ in range(level):
            if not siblings:
                break
            parent_key = siblings[-1].number
            siblings = siblings[-1].subitems
        key = f"{parent_key}_{number}" if parent_key else number
        siblings.append(_OpenItem(key, [text], [ref], level))
        self._paragraphs[-1].refs.append(ref)
        self._refs().append(ref)

    def line(self, text: str, ref: str = "") -> None:
        """A continuation line (or a table row): appended to whatever is open."""
        if not text.strip():
            return
        if self._header is None:
            self._open_block(ref)
        if self._is_table():
            self._paragraphs.append(_OpenParagraph(str(len(self._paragraphs) + 1), [text], [ref]))
        elif self._paragraphs and self._paragraphs[-1].items:
            last = self._paragraphs[-1].items[-1]
            while last.subitems:
                last = last.subitems[-1]
            last.lines.append(text)
            last.refs.append(ref)
            self._paragraphs[-1].refs.append(ref)
        elif self._paragraphs:
            self._paragraphs[-1].lines.append(text)
            self._paragraphs[-1].refs.append(ref)
        else:
            self._paragraphs.append(_OpenParagraph("1", [text], [ref]))
        self._refs().append(ref)

    def finish(self) -> list[Article]:
        self._close()
        return self.articles

    # -- internals -------------------------------------------------------------------------
    def _is_table(self) -> bool:
        return self._part is Part.TABLE and self._header is not None

    def _refs(self) -> list[str]:
        assert self._header is not None
        refs = self._header["refs"]
        assert isinstance(refs, list)
        return refs

    def _open_block(self, ref: str, *, keep_caption: bool = True) -> None:
        """A numberless block: a 附則 made of 項, or loose text before the first 条."""
        self._header = {
            "number": None,
            "title": "",
            "refs": [ref],
            "caption": self._pending_caption if keep_caption else None,
        }
        if keep_caption:
            self._pending_caption = None
        self._paragraphs = []

    def _close(self) -> None:
        header = self._header
        if header is None:
            return
        paragraphs = tuple(
            Paragraph(
                p.number,
                "\n".join(p.lines),
                tuple(item.freeze() for item in p.items),
                _ref_range(p.refs),
            )
            for p in self._paragraphs
        )
        body = "".join(p.text for p in paragraphs)
        number = header.get("number")
        caption = header.get("caption")
        self.articles.append(
            Article(
                number=number if isinstance(number, str) else None,
                paragraphs=paragraphs,
                caption=caption if isinstance(caption, str) else None,
                title=str(header.get("title") or ""),
                path=tuple(title for _, title in self._path),
                part=self._part,
                deleted=len(paragraphs) == 1 and not paragraphs[0].items and is_deleted_text(body),
                label_prefix=self._prefix if self._part is Part.SUPPLEMENTARY else "",
                note=str(header.get("note") or ""),
                source_ref=_ref_range([r for r in self._refs() if r]),
                metadata=dict(self._meta),
            )
        )
        self._header = None
        self._paragraphs = []


def effective_date_from(articles: Iterable[Article], promulgation_date: str | None) -> str | None:
    """施行日 from the first 附則: "…令和六年四月一日から施行する" → that date, "公布の日から
    施行する" → the promulgation date; None when the 附則 names neither."""
    for article in articles:
        if article.part is not Part.SUPPLEMENTARY:
            continue
        for paragraph in article.paragraphs:
            for sentence in paragraph.text.split("。"):
                if "施行する" not in sentence:
                    continue
                if iso := find_wareki_date(sentence.split("施行する")[0]):
                    return iso
                if "公布の日から施行" in sentence:
                    return promulgation_date
        return None
    return None


__all__ = [
    "DEFAULT_LONG_ARTICLE_CHARS",
    "Article",
    "ArticleBuilder",
    "Item",
    "Paragraph",
    "articles_to_chunks",
    "effective_date_from",
    "is_deleted_text",
    "item_level",
    "parse_spans",
    "strip_caption",
]
