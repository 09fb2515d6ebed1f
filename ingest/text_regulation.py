"""Plain-text regulations (条例・規則・規程 typed the usual way) → chunks per 条.

Line shapes: title, 公布日, 例規番号 at the top; "第一章　総則" headings; "（趣旨）" captions;
"第一条　…" articles; "２　…" 項; "一　…" 号; "イ　…" sub-items; "附　則（…）"; "別表第一（…関係）".
A 目次 block is skipped. Each chunk's source_ref is "chars:START-END" into the given string.
"""

from __future__ import annotations

import re

from core.errors import SourceParseError
from core.types import Kind, ParsedDocument
from ingest.numbering import (
    IROHA_CHARS,
    NUMERAL,
    article_number,
    find_wareki_date,
    paragraph_number,
    wareki_to_iso,
)
from ingest.regulation import (
    DEFAULT_LONG_ARTICLE_CHARS,
    HEADING_RE,
    ArticleBuilder,
    articles_to_chunks,
    effective_date_from,
    item_level,
)

_SPACE = "[ 　\t]"
_ARTICLE_RE = re.compile(
    rf"^(第{NUMERAL}条(?:の{NUMERAL})*(?:(?:から|及び)第{NUMERAL}条(?:の{NUMERAL})*(?:まで)?)?)"
    rf"(?:{_SPACE}+(.*)|$)"
)
_PARAGRAPH_RE = re.compile(rf"^([0-9０-９]+){_SPACE}+(.+)")
_ITEM_RE = re.compile(
    rf"^([〇一二三四五六七八九十百]+(?:の[一二三四五六七八九十]+)?|[(（][0-9０-９]+[)）]"
    rf"|[(（][{IROHA_CHARS}][)）]|[{IROHA_CHARS}]){_SPACE}+(.+)"
)
_SUPPL_RE = re.compile(r"^附[ 　]*則(?:[ 　]*([（(].*[）)]))?(?:[ 　]*抄)?$")
_TABLE_RE = re.compile(
    rf"^((?:別表|別記様式|様式)(?:第{NUMERAL}(?:の{NUMERAL})?)?)[ 　]*(（.*）|\(.*\))?$"
)
_CAPTION_RE = re.compile(r"^[（(][^（()）]+[）)]$")
_NUMBER_RE = re.compile(
    rf"(?:条例|規則|訓令|規程|要綱|告示|法律|政令|省令|訓|達|要領)(?:甲|乙)?第{NUMERAL}号$"
)
_TOC_RANGE_RE = re.compile(r"[（(]第.+条.*[）)]$|^附[ 　]*則$")


def _lines_with_offsets(text: str) -> list[tuple[str, int, int]]:
    """(line without its line break, start, end) with offsets into `text`."""
    result = []
    position = 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        result.append((line, position, position + len(line)))
        position += len(raw)
    return result


def parse_regulation_text(
    text: str, *, title: str | None = None, long_article_chars: int = DEFAULT_LONG_ARTICLE_CHARS
) -> ParsedDocument:
    """Parse a decoded plain-text regulation; raise SourceParseError when it has no 第…条.

    The first non-blank line is the title unless `title` is given; 公布日 and 例規番号 are the
    header lines that look like a date / "…条例第三号"; 施行日 comes from the first 附則.
    """
    lines = _lines_with_offsets(text)
    if lines and lines[0][0].startswith("\ufeff"):
        first, start, end = lines[0]
        lines[0] = (first[1:], start + 1, end)
    builder = ArticleBuilder()
    state: dict[str, str] = {}
    header: list[str] = []
    found_title = title
    number = promulgated = None
    in_header, in_toc, in_table = True, False, False
    articles_seen = 0
    for raw, start, end in lines:
        line = raw.strip()
        ref = f"chars:{start}-{end}"
        if not line:
            continue
        article = _ARTICLE_RE.match(line)
        if in_toc:
            if (
                article
                or _CAPTION_RE.match(line)
                or (not _TOC_RANGE_RE.search(line) and HEADING_RE.match(line))
            ):
                in_toc = False
            else:
                continue
        if re.fullmatch(r"目[ 　]*次", line):
            in_toc, in_header = True, False
            continue
        if in_header and not (article or HEADING_RE.match(line) or _CAPTION_RE.match(line)):
            if found_title is None:
                found_title = line
            elif promulgated is None and wareki_to_iso(line):
                promulgated = line
            elif number is None and _NUMBER_RE.search(line) and len(line) < 40:
                number = line
            else:
                header.append(line)
            continue
        in_header = False
        if suppl := _SUPPL_RE.match(line):
            in_table = False
            inner = suppl[1][1:-1] if suppl[1] else ""
            meta = {"amend_law_num": inner} if inner else {}
            if line.rstrip().endswith("抄"):
                meta["extract"] = "true"
            builder.supplementary(f"附則（{inner}）" if inner else "附則", meta)
        elif (table := _TABLE_RE.match(line)) and "。" not in line:
            in_table = True
            builder.table(table[1], table[2] or "", ref)
        elif in_table:
            builder.line(line, ref)
        elif article:
            label = article[1]
            number_key = article_number(label) or str(articles_seen + 1)
            articles_seen += 1
            builder.article(number_key, label, line, ref)
            state.pop("item_style", None)
        elif HEADING_RE.match(line):
            builder.heading(line)
        elif _CAPTION_RE.match(line):
            builder.caption(line)
        elif paragraph := _PARAGRAPH_RE.match(line):
            builder.paragraph(paragraph_number(paragraph[1]) or "1", line, ref)
        elif (item := _ITEM_RE.match(line)) and (level := item_level(item[1], state)):
            builder.item(level[0], line, ref, level=level[1])
        else:
            builder.line(line, ref)
    if articles_seen == 0:
        raise SourceParseError("no articles (第…条) found")
    articles = builder.finish()
    if not found_title:
        raise SourceParseError("no title line")
    promulgation_date = wareki_to_iso(promulgated) if promulgated else None
    if promulgation_date is None and number:
        promulgation_date = find_wareki_date(number)
    metadata = {"header": "\n".join(header)} if header else {}
    return ParsedDocument(
        title=found_title,
        kind=Kind.REGULATION,
        chunks=tuple(articles_to_chunks(articles, long_article_chars=long_article_chars)),
        number=number,
        promulgation_date=promulgation_date,
        effective_date=effective_date_from(articles, promulgation_date),
        source_format="text",
        metadata=metadata,
    )
