"""e-Gov 法令 XML (bare <Law>, API v1 <DataRoot>, API v2 <law_data_response>) → chunks per 条.

Parsing goes through defusedxml with DTDs forbidden: law XML never needs one, and entity
tricks are the usual attack. `source_ref`s are paths from <LawBody>, e.g.
"MainProvision/Chapter[Num=2]/Article[Num=39]/Paragraph[Num=1]" or "SupplProvision[3]"
(Num= where the element has a unique Num, else a 1-based position); `resolve_source_ref`
follows one back to its element.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.etree.ElementTree import Element, ParseError

import defusedxml
from defusedxml.ElementTree import fromstring

from core.errors import SourceParseError, UnsafeInputError
from core.types import Kind, ParsedDocument, Part
from ingest.numbering import (
    IROHA_CHARS,
    article_number,
    era_year_to_date,
    find_wareki_date,
    iroha_key,
)
from ingest.regulation import (
    DEFAULT_LONG_ARTICLE_CHARS,
    Article,
    Item,
    Paragraph,
    articles_to_chunks,
    is_deleted_text,
)

_HEADINGS = {
    "Part": "PartTitle",
    "Chapter": "ChapterTitle",
    "Section": "SectionTitle",
    "Subsection": "SubsectionTitle",
    "Division": "DivisionTitle",
}
_SUBITEMS = [f"Subitem{level}" for level in range(1, 11)]
_SKIP_IN_BODY = {
    "ParagraphNum",
    "ParagraphCaption",
    "ParagraphSentence",
    "Item",
    "ArticleTitle",
    "ArticleCaption",
    "AppdxTableTitle",
    "RelatedArticleNum",
    "SupplProvisionAppdxTableTitle",
}


def _parse_xml(data: bytes) -> Element:
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except defusedxml.DTDForbidden as err:
        raise UnsafeInputError("XML with a DTD (<!DOCTYPE>) is not accepted") from err
    except defusedxml.EntitiesForbidden as err:
        raise UnsafeInputError("XML entity declarations are not accepted") from err
    except defusedxml.DefusedXmlException as err:
        raise UnsafeInputError(f"unsafe XML: {type(err).__name__}") from err
    except ParseError as err:
        raise SourceParseError(f"malformed XML: {err}") from err


def _text(element: Element | None) -> str:
    """All text below `element` except ruby readings (<Rt>); layout whitespace dropped."""
    if element is None:
        return ""
    parts: list[str] = []

    def add(value: str | None) -> None:
        if value and not (value.isspace() and "\n" in value):
            parts.append(value)

    add(element.text)
    for child in element:
        if child.tag != "Rt":
            parts.append(_text(child))
        add(child.tail)
    return "".join(parts).strip()


def _sentence_text(element: Element | None) -> str:
    """A *Sentence element: its <Sentence>s joined, <Column>s separated by a full-width space."""
    if element is None:
        return ""
    columns = element.findall("Column")
    if columns:
        return "　".join(_sentence_text(column) for column in columns)
    sentences = element.findall("Sentence")
    if sentences:
        return "".join(_text(sentence) for sentence in sentences)
    return _text(element)


def _table_rows(table_struct: Element) -> list[str]:
    """A <TableStruct> as lines: cells joined by a full-width space, one line per row."""
    rows = []
    title = _text(table_struct.find("TableStructTitle"))
    if title:
        rows.append(title)
    for row in table_struct.iter():
        if row.tag not in ("TableRow", "TableHeaderRow"):
            continue
        cells = []
        for cell in row:
            sentences = [_text(s) for s in cell.iter("Sentence")]
            cells.append("".join(sentences) if sentences else _text(cell))
        rows.append("　".join(cells))
    for remarks in table_struct.iter("Remarks"):
        rows.append(_text(remarks))
    return rows


def _extra_lines(element: Element) -> list[str]:
    """Text of children that are not the usual title/sentence/item parts (tables, lists, …)."""
    lines = []
    for child in element:
        if child.tag in _SKIP_IN_BODY or child.tag in _SUBITEMS:
            continue
        if child.tag.endswith("Sentence") or child.tag.endswith("Title"):
            continue
        if child.tag == "TableStruct":
            lines.extend(_table_rows(child))
        elif text := _text(child):
            lines.append(text)
    return lines


def _step(child: Element, parent: Element) -> str:
    num = child.get("Num")
    same = [c for c in parent if c.tag == child.tag]
    if num is not None and sum(1 for c in same if c.get("Num") == num) == 1:
        return f"{child.tag}[Num={num}]"
    if len(same) == 1:
        return child.tag
    return f"{child.tag}[{same.index(child) + 1}]"


def _subitem_key(parent: str, element: Element, title: str) -> str:
    if key := iroha_key(title):
        return f"{parent}_{key}"
    kana = [iroha_key(ch) for ch in title if ch in IROHA_CHARS]
    if kana:  # "イからハまで" (deleted range) → "i:ha"
        return f"{parent}_{kana[0]}:{kana[-1]}" if len(kana) > 1 else f"{parent}_{kana[0]}"
    digits = re.sub(r"\D", "", title.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    return f"{parent}_{digits or element.get('Num', '')}"


def _items(parent: Element, parent_key: str | None, level: int, ref: str) -> tuple[Item, ...]:
    tag = "Item" if level == 0 else f"Subitem{level}"
    items: list[Item] = []
    for element in parent.findall(tag):
        title = _text(element.find(f"{tag}Title"))
        sentence = _sentence_text(element.find(f"{tag}Sentence"))
        if parent_key is None:
            key = element.get("Num") or str(len(items) + 1)
        else:
            key = _subitem_key(parent_key, element, title)
        text = "　".join(part for part in (title, sentence) if part)
        extra = _extra_lines(element)
        if extra:
            text = "\n".join([text, *extra])
        item_ref = f"{ref}/{_step(element, parent)}"
        items.append(
            Item(key, text, _items(element, key, level + 1, item_ref), source_ref=item_ref)
        )
    return tuple(items)


def _paragraph(element: Element, parent: Element, ref: str, article_title: str) -> Paragraph:
    number = element.get("Num") or "1"
    label = _text(element.find("ParagraphNum"))
    if number == "1" and not label and article_title:
        label = article_title
    sentence = _sentence_text(element.find("ParagraphSentence"))
    lines = []
    caption = _text(element.find("ParagraphCaption"))
    if caption:
        lines.append(caption)
    lines.append("　".join(part for part in (label, sentence) if part))
    lines.extend(_extra_lines(element))
    paragraph_ref = f"{ref}/{_step(element, parent)}"
    return Paragraph(
        number, "\n".join(lines), _items(element, None, 0, paragraph_ref), paragraph_ref
    )


def _article(
    element: Element,
    ref: str,
    path: tuple[str, ...],
    part: Part,
    prefix: str,
    warnings: list[str],
    metadata: dict[str, str],
) -> Article:
    title = _text(element.find("ArticleTitle"))
    number = element.get("Num") or article_number(title) or ""
    parsed = article_number(title)
    if parsed is not None and parsed != number:
        warnings.append(f"{ref}: Num={number} but title {title} reads {parsed}")
    paragraphs = tuple(_paragraph(p, element, ref, title) for p in element.findall("Paragraph"))
    body = "".join(_sentence_text(p.find("ParagraphSentence")) for p in element.iter("Paragraph"))
    return Article(
        number=number or None,
        paragraphs=paragraphs,
        caption=_text(element.find("ArticleCaption")) or None,
        title=title,
        path=path,
        part=part,
        deleted=is_deleted_text(body) and len(paragraphs) <= 1,
        label_prefix=prefix,
        source_ref=ref,
        metadata=metadata,
    )


def _walk(
    container: Element,
    ref: str,
    path: tuple[str, ...],
    part: Part,
    prefix: str,
    warnings: list[str],
    metadata: dict[str, str],
) -> Iterator[Article]:
    """Articles below a MainProvision / SupplProvision, through Part/Chapter/Section/…."""
    loose: list[Paragraph] = []
    for child in container:
        child_ref = f"{ref}/{_step(child, container)}"
        if child.tag in _HEADINGS:
            heading = _text(child.find(_HEADINGS[child.tag]))
            yield from _walk(child, child_ref, (*path, heading), part, prefix, warnings, metadata)
        elif child.tag == "Article":
            yield _article(child, child_ref, path, part, prefix, warnings, metadata)
        elif child.tag == "Paragraph":
            loose.append(_paragraph(child, container, ref, ""))
    if loose:  # a provision made of 項 only (typical for 附則)
        yield Article(
            number=None,
            paragraphs=tuple(loose),
            path=path,
            part=part,
            label_prefix=prefix,
            source_ref=ref,
            metadata=metadata,
        )


def _table(element: Element, ref: str, prefix: str, metadata: dict[str, str]) -> Article:
    """An 別表 as a TABLE block, one Paragraph per row so long tables split by rows."""
    title_tag = f"{element.tag}Title"
    title = _text(element.find(title_tag))
    lines: list[str] = []
    items = iter(_items(element, None, 0, ref))
    for child in element:
        if child.tag in (title_tag, "RelatedArticleNum"):
            continue
        if child.tag == "TableStruct":
            lines.extend(_table_rows(child))
        elif child.tag == "Item":
            item = next(items)
            lines.append("\n".join([item.text, *(sub.text for sub in item.subitems)]))
        elif text := _text(child):
            lines.append(text)
    rows = tuple(
        Paragraph(str(index), line, source_ref=ref) for index, line in enumerate(lines, 1) if line
    )
    return Article(
        number=None,
        paragraphs=rows,
        title=title,
        part=Part.TABLE,
        label_prefix=prefix,
        note=_text(element.find("RelatedArticleNum")),
        source_ref=ref,
        metadata=metadata,
    )


def _find_law(root: Element) -> tuple[Element, str]:
    if root.tag == "Law":
        return root, "law"
    law = root.find(".//Law")
    if law is None:
        raise SourceParseError(f"no <Law> element under <{root.tag}>")
    return law, "api_v2" if root.tag == "law_data_response" else "api_v1"


def _effective_date(root: Element, articles: list[Article]) -> str | None:
    revision_date = (root.findtext("revision_info/amendment_enforcement_date") or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", revision_date):
        return revision_date
    for article in articles:  # the original 附則 (no amending law): "…から施行する"
        if article.part is Part.SUPPLEMENTARY and not article.metadata.get("amend_law_num"):
            for paragraph in article.paragraphs:
                for sentence in paragraph.text.split("。"):
                    if "施行する" in sentence and (iso := find_wareki_date(sentence)):
                        return iso
    return None


def parse_egov_xml(
    data: bytes, *, long_article_chars: int = DEFAULT_LONG_ARTICLE_CHARS
) -> ParsedDocument:
    """Parse one e-Gov law XML into per-条 chunks (附則 and 別表 as their own parts)."""
    root = _parse_xml(data)
    law, wrapper = _find_law(root)
    body = law.find("LawBody")
    if body is None:
        raise SourceParseError("<Law> has no <LawBody>")
    title = _text(body.find("LawTitle")) or (root.findtext("revision_info/law_title") or "")
    if not title:
        raise SourceParseError("no <LawTitle>")
    warnings: list[str] = []
    articles: list[Article] = []
    main = body.find("MainProvision")
    if main is None:
        raise SourceParseError("no <MainProvision>")
    articles.extend(_walk(main, "MainProvision", (), Part.MAIN, "", warnings, {}))
    for child in body:
        ref = _step(child, body)
        if child.tag == "SupplProvision":
            amend = (child.get("AmendLawNum") or "").strip()
            prefix = f"附則（{amend}）" if amend else "附則"
            meta = {"amend_law_num": amend} if amend else {}
            if child.get("Extract") == "true":
                meta = {**meta, "extract": "true"}  # 抄: only excerpts are in the XML
            articles.extend(_walk(child, ref, (), Part.SUPPLEMENTARY, prefix, warnings, meta))
            for table in child.findall("SupplProvisionAppdxTable"):
                table_ref = f"{ref}/{_step(table, child)}"
                articles.append(_table(table, table_ref, prefix, meta))
        elif child.tag == "AppdxTable":
            articles.append(_table(child, ref, "", {}))
    chunks = articles_to_chunks(articles, long_article_chars=long_article_chars)
    promulgation = None
    era, year = law.get("Era", ""), law.get("Year", "")
    month, day = law.get("PromulgateMonth", ""), law.get("PromulgateDay", "")
    if year.isdigit() and month.isdigit() and day.isdigit():
        date = era_year_to_date(era, int(year), int(month), int(day))
        promulgation = date.isoformat() if date else None
    metadata = {"wrapper": wrapper}
    law_id = root.findtext(".//LawId") or root.findtext("law_info/law_id")
    if law_id and law_id.strip():
        metadata["law_id"] = law_id.strip()
    revision = root.findtext("revision_info/law_revision_id")
    if revision:
        metadata["revision_id"] = revision.strip()
    if law.get("LawType"):
        metadata["law_type"] = law.get("LawType", "")
    abbrev = body.find("LawTitle")
    if abbrev is not None and abbrev.get("Abbrev"):
        metadata["abbrev"] = abbrev.get("Abbrev", "")
    return ParsedDocument(
        title=title,
        kind=Kind.REGULATION,
        chunks=tuple(chunks),
        number=_text(law.find("LawNum")) or None,
        promulgation_date=promulgation,
        effective_date=_effective_date(root, articles),
        source_format="egov_xml",
        warnings=tuple(warnings),
        metadata=metadata,
    )


def law_body(data: bytes) -> Element:
    """The <LawBody> of a law XML (any wrapper): the root that `source_ref`s start from."""
    law, _ = _find_law(_parse_xml(data))
    body = law.find("LawBody")
    if body is None:
        raise SourceParseError("<Law> has no <LawBody>")
    return body


def resolve_source_ref(body: Element, source_ref: str) -> Element | None:
    """The element a chunk's `source_ref` points at below `law_body(...)`, or None."""
    element: Element | None = body
    for step in source_ref.split("/"):
        if element is None:
            return None
        match = re.fullmatch(r"(\w+)(?:\[(?:Num=([^\]]+)|(\d+))\])?", step)
        if not match:
            return None
        tag, num, position = match.groups()
        same = [c for c in element if c.tag == tag]
        if num is not None:
            found = [c for c in same if c.get("Num") == num]
            element = found[0] if len(found) == 1 else None
        elif position is not None:
            index = int(position) - 1
            element = same[index] if 0 <= index < len(same) else None
        else:
            element = same[0] if len(same) == 1 else None
    return element
