"""例規集 HTML (Reiki-Base style, as published by towns and prefectures) → chunks per 条.

The page is a flat sequence of `div.eline` lines: `div.head` (title, 公布日, 例規番号),
`div.article` (見出し `p.title` + first 項), `div.clause` (項), `div.item` (号), `p.s-head`
(附則), `div.table_frame`, `div.form_section` (様式). Each chunk's source_ref is the eline id,
or a range "#l000000003..#l000000007".
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from core.errors import SourceParseError
from core.types import Kind, ParsedDocument
from ingest.numbering import article_number, find_wareki_date, paragraph_number
from ingest.regulation import (
    DEFAULT_LONG_ARTICLE_CHARS,
    HEADING_RE,
    ArticleBuilder,
    articles_to_chunks,
    effective_date_from,
    item_level,
)
from ingest.safety import decode_html


def _classes(tag: Tag) -> list[str]:
    value = tag.get("class")
    if value is None:
        return []
    return value.split() if isinstance(value, str) else [str(v) for v in value]


def _text(tag: Tag | None) -> str:
    return tag.get_text("").strip() if tag is not None else ""


def _num_and_text(block: Tag) -> tuple[str, str]:
    """(the number as written, e.g. "第1条" / "2" / "(1)", the whole line as written)."""
    paragraph = block.find("p", class_="num") or block.find("p")
    if paragraph is None:
        return "", _text(block)
    num = paragraph.find("span", class_="num")
    return _text(num), _text(paragraph)


def _table_rows(block: Tag) -> list[str]:
    rows = []
    for row in block.find_all("tr"):
        if "fixed-colspec" in _classes(row):
            continue
        cells = [_text(cell) for cell in row.find_all(["td", "th"], recursive=False)]
        if any(cells):
            rows.append("　".join(cells))
    return rows


def _suppl_prefix(heading: str) -> tuple[str, dict[str, str]]:
    """ "附則(平成10年3月30日条例第5号)抄" → ("附則（平成10年3月30日条例第5号）", metadata)."""
    compact = re.sub(r"\s+", "", heading)
    match = re.search(r"[(（](.+?)[)）]", compact)
    meta: dict[str, str] = {}
    if compact.endswith("抄"):
        meta["extract"] = "true"
    if not match:
        return "附則", meta
    meta["amend_law_num"] = match[1]
    return f"附則（{match[1]}）", meta


def parse_reiki_html(
    data: bytes, *, long_article_chars: int = DEFAULT_LONG_ARTICLE_CHARS
) -> ParsedDocument:
    """Parse one 例規集 HTML page into per-条 chunks (附則, 別表 and 様式 as their own parts)."""
    soup = BeautifulSoup(decode_html(data), "lxml")
    lines = soup.select("div.eline")
    if not lines:
        raise SourceParseError("no 例規 lines (div.eline) in the HTML")
    title = number = promulgated = ""
    builder = ArticleBuilder()
    state: dict[str, str] = {}
    articles_seen = 0
    for line in lines:
        ref = f"#{line.get('id', '')}" if line.get("id") else ""
        block = line.find(["div", "p"])
        if not isinstance(block, Tag):
            continue
        classes = _classes(block)
        text = _text(line)
        compact = re.sub(r"\s+", "", text)
        if "head" in classes:
            if block.find("p", class_="title-irregular") or block.find("p", class_="title"):
                title = title or text.lstrip("○◯").strip()
            elif block.find("p", class_="date"):
                promulgated = promulgated or text
            elif block.find("p", class_="number"):
                number = number or text
        elif classes and classes[0] in ("announcement", "front", "xref_frame", "revise_record"):
            continue
        elif "s-head" in classes or (not classes and compact.startswith("附則")):
            if compact.startswith("附則"):
                builder.supplementary(*_suppl_prefix(text))
            elif HEADING_RE.match(compact):
                builder.heading(text)
        elif "article" in classes:
            caption = _text(block.find("p", class_="title")) or None
            num_text, body = _num_and_text(block)
            article = article_number(num_text) or str(articles_seen + 1)
            articles_seen += 1
            builder.article(article, num_text, body, ref, caption=caption)
            state.pop("item_style", None)
        elif "clause" in classes:
            num_text, body = _num_and_text(block)
            paragraph = paragraph_number(num_text) if num_text else None
            builder.paragraph(paragraph or "1", body, ref)
        elif "item" in classes:
            num_text, body = _num_and_text(block)
            level = item_level(num_text, state)
            if level is None:
                builder.line(body, ref)
                continue
            key, depth = level
            builder.item(key, body, ref, level=depth)
        elif "table_frame" in classes:
            for row in _table_rows(block):
                builder.line(row, ref)
        elif "form_section" in classes or compact.startswith(("別表", "別記", "様式")):
            heading = _text(block.find("span", class_="num")) or text
            note = _text(block.find("span", class_="form-title"))
            builder.table(heading, note, ref)
            builder.line(text, ref)
        elif HEADING_RE.match(compact):
            builder.heading(text)
        elif re.fullmatch(r"[(（][^)）]+[)）]", compact):
            builder.caption(text)
        elif text:
            builder.line(text, ref)
    articles = builder.finish()
    if not title:
        title = _text(soup.title).lstrip("○◯").strip()
    if not title:
        raise SourceParseError("no title in the 例規 HTML")
    promulgation_date = find_wareki_date(promulgated) if promulgated else None
    return ParsedDocument(
        title=title,
        kind=Kind.REGULATION,
        chunks=tuple(articles_to_chunks(articles, long_article_chars=long_article_chars)),
        number=number or None,
        promulgation_date=promulgation_date,
        effective_date=effective_date_from(articles, promulgation_date),
        source_format="reiki_html",
        metadata={"promulgation_text": promulgated} if promulgated else {},
    )
