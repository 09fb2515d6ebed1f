"""e-Gov law XML: a tiny hand-written law, hostile input, and the six real laws by path."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import SourceParseError, UnsafeInputError
from core.types import Kind, Part
from ingest.egov_xml import law_body, parse_egov_xml, resolve_source_ref
from ingest.regulation import parse_spans
from tests.conftest import TEST_DATA, shared_dataset

TINY = TEST_DATA / "egov_two_articles.xml"

# Article / Paragraph / Item elements under MainProvision, per law (datasets/INDEX.md).
EXPECTED = {
    "322AC0000000049": ("労働基準法", "1947-04-07", 124, 260, 93),
    "333AC0000000192": ("国民健康保険法", "1958-12-27", 190, 433, 124),
    "334AC0000000141": ("国民年金法", "1959-04-16", 266, 667, 293),
    "405AC0000000088": ("行政手続法", "1993-11-12", 48, 105, 92),
    "415AC0000000057": ("個人情報の保護に関する法律", "2003-05-30", 185, 417, 249),
    "425AC0000000027": (
        "行政手続における特定の個人を識別するための番号の利用等に関する法律",
        "2013-05-31",
        86,
        215,
        78,
    ),
}


def test_tiny_law_document_fields() -> None:
    doc = parse_egov_xml(TINY.read_bytes())
    assert doc.title == "試験法"
    assert doc.kind is Kind.REGULATION
    assert doc.number == "令和六年法律第一号"
    assert doc.promulgation_date == "2024-04-01"
    assert doc.effective_date == "2024-10-01"
    assert doc.source_format == "egov_xml"
    assert doc.metadata["wrapper"] == "law"
    assert [c.label for c in doc.chunks] == ["第一条", "第一条の二", "附則", "別表第一"]


def test_tiny_law_source_refs_resolve() -> None:
    data = TINY.read_bytes()
    body = law_body(data)
    for chunk in parse_egov_xml(data).chunks:
        assert resolve_source_ref(body, chunk.source_ref) is not None
    assert resolve_source_ref(body, "MainProvision/Chapter[Num=9]") is None


def test_tiny_law_article_chunk() -> None:
    first = parse_egov_xml(TINY.read_bytes()).chunks[0]
    assert first.article == "1"
    assert first.paragraph is None
    assert first.caption == "目的"
    assert first.path == ("第一章　総則",)
    # the ruby reading (<Rt>) is dropped
    assert first.text.splitlines()[0] == "第一条　この法律は、試験の手続を定める。"
    assert "一　筆記　書面による試験" in first.text
    assert first.source_ref == "MainProvision/Chapter[Num=1]/Article[Num=1]"
    items = parse_spans(first.metadata["items"])
    assert set(items) == {"2.1", "2.1_i", "2.1_ro", "2.2"}
    start, end = items["2.1_ro"]
    assert first.text[start:end] == "ロ　記述式"
    paragraphs = parse_spans(first.metadata["paragraphs"])
    assert first.text[slice(*paragraphs["2"])].startswith("２　試験は")


def test_tiny_law_deleted_suppl_and_table() -> None:
    _, deleted, suppl, table = parse_egov_xml(TINY.read_bytes()).chunks
    assert deleted.deleted
    assert deleted.article == "1_2"
    assert deleted.text == "第一条の二　削除"
    assert suppl.part is Part.SUPPLEMENTARY
    assert suppl.article is None
    assert suppl.text == "この法律は、令和六年十月一日から施行する。"
    assert table.part is Part.TABLE
    assert table.text == "区分　時間\n筆記　二時間"
    assert "（第一条関係）" in table.context


def test_long_article_is_split_per_paragraph() -> None:
    chunks = parse_egov_xml(TINY.read_bytes(), long_article_chars=30).chunks
    labels = [c.label for c in chunks if c.article == "1"]
    assert labels == ["第一条第一項", "第一条第二項"]
    second = next(c for c in chunks if c.label == "第一条第二項")
    assert second.paragraph == "2"
    assert second.text.startswith("２　試験は")
    assert "（目的）第一条" in second.context
    assert "この法律は、試験の手続を定める。" in second.context  # the lead sentence
    assert second.source_ref.endswith("Article[Num=1]/Paragraph[Num=2]")
    assert "2.1" in parse_spans(second.metadata["items"])


@pytest.mark.parametrize(
    "payload",
    [
        b'<?xml version="1.0"?><!DOCTYPE Law [<!ENTITY a "aaaa">]><Law>&a;</Law>',
        b'<?xml version="1.0"?><!DOCTYPE Law SYSTEM "http://example.invalid/x.dtd"><Law/>',
    ],
)
def test_hostile_xml_is_refused(payload: bytes) -> None:
    with pytest.raises(UnsafeInputError):
        parse_egov_xml(payload)


@pytest.mark.parametrize("payload", [b"<Law><LawBody>", b"not xml", b"<Other/>"])
def test_malformed_xml_is_a_parse_error(payload: bytes) -> None:
    with pytest.raises(SourceParseError):
        parse_egov_xml(payload)


def _real_laws() -> list[Path]:
    return sorted(shared_dataset("egov_law_xml").glob("*.xml"))


def test_real_laws_counts_and_source_refs() -> None:
    totals = [0, 0, 0]
    for path in _real_laws():
        data = path.read_bytes()
        doc = parse_egov_xml(data)
        body = law_body(data)
        title, promulgated, articles, paragraphs, items = EXPECTED[path.name[:15]]
        assert doc.title == title
        assert doc.promulgation_date == promulgated
        assert not doc.warnings
        main = [c for c in doc.chunks if c.part is Part.MAIN]
        assert len({c.article for c in main}) == articles, path.name
        # every main 項 is either a chunk of its own or a span inside its article chunk
        paragraph_count = sum(
            1 if c.paragraph else len(parse_spans(c.metadata.get("paragraphs", "1:0-0")))
            for c in main
        )
        assert paragraph_count == paragraphs, path.name
        # 号 keys are digits ("2", branch "2_2"); sub-items carry letters ("2_ro")
        item_count = sum(
            sum(
                1
                for key in parse_spans(c.metadata.get("items", ""))
                if key.split(".", 1)[1].replace("_", "").isdigit()
            )
            for c in main
        )
        assert item_count == items, path.name
        totals = [totals[0] + articles, totals[1] + paragraph_count, totals[2] + item_count]
        for chunk in doc.chunks:
            element = resolve_source_ref(body, chunk.source_ref)
            assert element is not None, chunk.source_ref
            expected_tag = {Part.MAIN: ("Article", "Paragraph")}.get(chunk.part)
            if expected_tag:
                assert element.tag in expected_tag
            if chunk.article and chunk.part is Part.MAIN:
                assert element.get("Num") in (chunk.article, chunk.paragraph)
    if len(_real_laws()) == 6:
        assert totals == [899, 2097, 929]


def test_real_law_wrappers() -> None:
    wrappers = {
        p.name[:15]: parse_egov_xml(p.read_bytes()).metadata["wrapper"] for p in _real_laws()
    }
    assert wrappers["405AC0000000088"] == "law"
    assert wrappers["322AC0000000049"] == "api_v1"
    assert wrappers["333AC0000000192"] == "api_v2"
