"""Plain-text regulations: a small written-out 条例, line endings and BOM, the sample corpus."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx
import pytest

from core.errors import SourceParseError, UnsafeInputError
from core.types import ParsedDocument, Part
from ingest.docx_regulation import docx_to_text
from ingest.regulation import parse_spans
from ingest.text_regulation import parse_regulation_text
from tests.conftest import SAMPLE_DIR

TEXT = """みどり市試験条例
令和六年三月二十二日
みどり市条例第十二号

目次
第一章　総則（第一条・第二条）
第二章　試験（第三条―第八条）
附則

第一章　総則

（趣旨）
第一条　この条例は、試験に関し必要な事項を定めるものとする。

（定義）
第二条　この条例において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。
一　受験者　試験を受ける者をいう。
二　試験官　次に掲げる者をいう。
イ　職員
ロ　委嘱された者
２　前項第二号ロの委嘱は、市長が行う。

第二章　試験

（実施）
第三条　試験は、毎年一回以上行う。
第三条の二　試験の日時は、別表第一に定める。
第四条から第七条まで　削除
第八条　削除

附　則
（施行期日）
１　この条例は、令和六年四月一日から施行する。
（経過措置）
２　この条例の施行前にした行為については、なお従前の例による。
附　則（令和七年三月二十日条例第五号）
この条例は、公布の日から施行する。
別表第一（第三条の二関係）
区分　日時
筆記　四月
"""


def _doc(text: str = TEXT, **kwargs: Any) -> ParsedDocument:
    return parse_regulation_text(text, **kwargs)


def test_document_fields() -> None:
    doc = _doc()
    assert doc.title == "みどり市試験条例"
    assert doc.number == "みどり市条例第十二号"
    assert doc.promulgation_date == "2024-03-22"
    assert doc.effective_date == "2024-04-01"
    assert doc.source_format == "text"
    assert [c.label for c in doc.chunks] == [
        "第一条",
        "第二条",
        "第三条",
        "第三条の二",
        "第四条から第七条まで",
        "第八条",
        "附則",
        "附則（令和七年三月二十日条例第五号）",
        "別表第一",
    ]


def test_articles_paragraphs_items() -> None:
    chunks = _doc().chunks
    first, second = chunks[0], chunks[1]
    assert first.caption == "趣旨"
    assert first.path == ("第一章　総則",)
    assert first.text == "第一条　この条例は、試験に関し必要な事項を定めるものとする。"
    assert second.caption == "定義"
    items = parse_spans(second.metadata["items"])
    assert list(items) == ["1.1", "1.2", "1.2_i", "1.2_ro"]
    assert second.text[slice(*items["1.2_ro"])] == "ロ　委嘱された者"
    paragraphs = parse_spans(second.metadata["paragraphs"])
    assert second.text[slice(*paragraphs["2"])] == "２　前項第二号ロの委嘱は、市長が行う。"
    assert chunks[2].path == ("第二章　試験",)
    assert chunks[2].caption == "実施"
    assert chunks[3].article == "3_2"
    assert chunks[3].caption is None


def test_deleted_articles() -> None:
    chunks = _doc().chunks
    assert chunks[4].article == "4:7"
    assert chunks[4].deleted
    assert chunks[5].article == "8"
    assert chunks[5].deleted
    assert not any(c.deleted for c in chunks[:4])


def test_supplementary_and_table() -> None:
    chunks = _doc().chunks
    suppl, amendment, table = chunks[6], chunks[7], chunks[8]
    assert suppl.part is Part.SUPPLEMENTARY
    assert suppl.text.splitlines() == [
        "（施行期日）",
        "１　この条例は、令和六年四月一日から施行する。",
        "（経過措置）",
        "２　この条例の施行前にした行為については、なお従前の例による。",
    ]
    assert set(parse_spans(suppl.metadata["paragraphs"])) == {"1", "2"}
    assert amendment.metadata["amend_law_num"] == "令和七年三月二十日条例第五号"
    assert table.part is Part.TABLE
    assert table.text == "区分　日時\n筆記　四月"
    assert "（第三条の二関係）" in table.context


def test_source_refs_are_char_ranges() -> None:
    for chunk in _doc().chunks:
        start, end = (int(x) for x in chunk.source_ref.removeprefix("chars:").split("-"))
        assert TEXT[start:end].splitlines()[-1] == chunk.text.splitlines()[-1]


def test_crlf_and_bom_give_the_same_chunks() -> None:
    plain = _doc().chunks
    crlf = _doc("\ufeff" + TEXT.replace("\n", "\r\n")).chunks
    assert [(c.label, c.text, c.metadata) for c in crlf] == [
        (c.label, c.text, c.metadata) for c in plain
    ]


def test_long_article_split_and_title_override() -> None:
    doc = _doc(title="別名", long_article_chars=40)
    assert doc.title == "別名"
    labels = [c.label for c in doc.chunks if c.article == "2"]
    assert labels == ["第二条第一項", "第二条第二項"]
    second = next(c for c in doc.chunks if c.label == "第二条第二項")
    assert second.paragraph == "2"
    assert "（定義）第二条" in second.context
    assert "第二条　この条例において" in second.context


def test_text_without_articles_is_refused() -> None:
    with pytest.raises(SourceParseError, match="no articles"):
        _doc("事務処理マニュアル\n１　はじめに\n本書は手順を示す。\n")


def test_sample_corpus_texts() -> None:
    texts = sorted((SAMPLE_DIR / "corpus").glob("*.txt"))
    if not texts:
        pytest.skip("no sample text regulations in data/sample/corpus")
    seen = {"caption": 0, "items": 0, "paragraphs": 0, "deleted": 0, "suppl": 0, "table": 0}
    for path in texts:
        doc = parse_regulation_text(path.read_text(encoding="utf-8-sig"))
        assert doc.title == path.stem
        assert doc.number, path.name
        assert doc.promulgation_date, path.name
        assert doc.effective_date, path.name
        main = [c for c in doc.chunks if c.part is Part.MAIN]
        assert main
        assert all(c.article for c in main)
        labels = [c.label for c in main]
        assert len(labels) == len(set(labels)), path.name
        seen["caption"] += sum(bool(c.caption) for c in main)
        seen["items"] += sum("items" in c.metadata for c in main)
        seen["paragraphs"] += sum("paragraphs" in c.metadata or bool(c.paragraph) for c in main)
        seen["deleted"] += sum(c.deleted for c in main)
        seen["suppl"] += sum(c.part is Part.SUPPLEMENTARY for c in doc.chunks)
        seen["table"] += sum(c.part is Part.TABLE for c in doc.chunks)
    assert all(seen.values()), seen


def _docx_bytes(lines: list[str], table: list[list[str]]) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    grid = document.add_table(rows=len(table), cols=len(table[0]))
    for r, row in enumerate(table):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_reuses_the_text_parser() -> None:
    lines = TEXT.split("区分　日時")[0].splitlines()
    data = _docx_bytes(lines, [["区分", "日時"], ["筆記", "四月"]])
    doc = parse_regulation_text(docx_to_text(data))
    assert [c.label for c in doc.chunks] == [c.label for c in _doc().chunks]
    assert doc.chunks[-1].text == "区分　日時\n筆記　四月"


def test_docx_zip_bomb_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * 5_000_000)
    with pytest.raises(UnsafeInputError, match="ratio"):
        docx_to_text(buffer.getvalue())


def test_docx_that_is_not_a_zip() -> None:
    with pytest.raises(SourceParseError):
        docx_to_text(b"plain text")
