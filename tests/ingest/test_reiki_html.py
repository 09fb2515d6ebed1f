"""例規集 HTML: a tiny Shift_JIS page, the four real pages, and the sample corpus page."""

from __future__ import annotations

import pytest

from core.errors import SourceParseError
from core.types import Part
from ingest.regulation import parse_spans
from ingest.reiki_html import parse_reiki_html
from ingest.safety import decode_html
from tests.conftest import SAMPLE_DIR, TEST_DATA, shared_dataset

SMALL = TEST_DATA / "reiki_small_sjis.html"


def test_small_page_in_shift_jis() -> None:
    doc = parse_reiki_html(SMALL.read_bytes())
    assert doc.title == "みどり町試験規則"
    assert doc.number == "規則第12号"
    assert doc.promulgation_date == "2024-04-01"
    assert doc.effective_date == "2024-07-01"
    assert [c.label for c in doc.chunks] == ["第一条", "第二条", "附則", "別表第1"]
    first, deleted, suppl, table = doc.chunks
    assert first.caption == "趣旨"
    assert first.path == ("第1章　総則",)
    assert first.text.startswith("第1条　この規則は、試験に関し")
    assert first.source_ref == "#l000000004..#l000000008"
    items = parse_spans(first.metadata["items"])
    assert first.text[slice(*items["2.1_a"])] == "ア　択一式"
    assert first.text[slice(*items["2.2"])] == "(2)　口述試験"
    assert deleted.deleted
    assert suppl.part is Part.SUPPLEMENTARY
    assert table.part is Part.TABLE
    assert "筆記　2時間" in table.text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("附則".encode("cp932"), "附則"),
        ("附則".encode("euc_jp"), "附則"),
        ("\ufeff附則".encode(), "附則"),
        ('<meta charset="euc-jp">附則'.encode("euc_jp"), '<meta charset="euc-jp">附則'),
    ],
)
def test_decode_html(data: bytes, expected: str) -> None:
    assert decode_html(data) == expected


def test_page_without_lines_is_a_parse_error() -> None:
    with pytest.raises(SourceParseError):
        parse_reiki_html(b"<html><body><p>hello</p></body></html>")


# file → (title, number, promulgation, effective, main 条, 附則 chunks, table chunks)
REAL = {
    "katsuragi_town/k518RG00000012.html": (
        "かつらぎ町表彰規程",
        "規程第9号",
        "1968-09-10",
        "1968-10-10",
        9,
        1,
        1,
    ),
    "katsuragi_town/k518RG00000055.html": (
        "かつらぎ町例規集の改版に伴う条例の整備に関する条例",
        "条例第20号",
        "1997-09-24",
        "1997-09-24",
        5,
        1,
        0,
    ),
    "katsuragi_town/k518RG00000080.html": (
        "かつらぎ町駐車場等設置条例",
        "条例第25号",
        "1997-11-14",
        "1997-11-14",
        9,
        9,
        0,
    ),
    "tokyo_metro/g101RG00005236.html": (
        "個人情報の保護に関する法律施行条例",
        "条例第一三〇号",
        "2022-12-22",
        "2023-04-01",
        9,
        11,
        0,
    ),
}


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_pages(name: str) -> None:
    path = shared_dataset("municipal_reiki_html") / name
    doc = parse_reiki_html(path.read_bytes())
    title, number, promulgated, effective, articles, suppl, tables = REAL[name]
    assert (doc.title, doc.number) == (title, number)
    assert (doc.promulgation_date, doc.effective_date) == (promulgated, effective)
    main = [c for c in doc.chunks if c.part is Part.MAIN]
    assert [c.article for c in main] == [str(n) for n in range(1, articles + 1)]
    assert sum(c.part is Part.SUPPLEMENTARY for c in doc.chunks) == suppl
    assert sum(c.part is Part.TABLE for c in doc.chunks) == tables
    assert all(c.source_ref.startswith("#l") for c in doc.chunks)


def test_real_page_matches_reference_parse() -> None:
    """Article numbers and captions agree with the reference Markdown conversion."""
    folder = shared_dataset("municipal_reiki_html")
    doc = parse_reiki_html((folder / "katsuragi_town/k518RG00000080.html").read_bytes())
    reference = (folder / "katsuragi_town_reference_parse/k518RG00000080.html.txt").read_text()
    expected = [line[3:] for line in reference.splitlines() if line.startswith("## 第")]
    got = [f"{c.text.split('　')[0]}（({c.caption})）" for c in doc.chunks if c.part is Part.MAIN]
    assert got == expected
    second = doc.chunks[1]
    assert list(parse_spans(second.metadata["items"])) == ["1.1", "1.2", "1.3"]
    fourth = doc.chunks[3]
    assert "2.4" in parse_spans(fourth.metadata["items"])


def test_tokyo_supplementary_articles() -> None:
    path = shared_dataset("municipal_reiki_html") / "tokyo_metro/g101RG00005236.html"
    doc = parse_reiki_html(path.read_bytes(), long_article_chars=400)
    labels = [c.label for c in doc.chunks if c.part is Part.SUPPLEMENTARY]
    assert labels[:3] == ["附則第一条", "附則第二条", "附則第三条第一項"]
    assert labels[-1] == "附則（令和六年条例第一〇七号）"


def test_sample_corpus_pages() -> None:
    pages = sorted((SAMPLE_DIR / "corpus").glob("*.html"))
    if not pages:
        pytest.skip("no sample HTML regulation in data/sample/corpus")
    for page in pages:
        doc = parse_reiki_html(page.read_bytes())
        main = [c for c in doc.chunks if c.part is Part.MAIN]
        assert main, page.name
        assert doc.promulgation_date
        assert doc.number
        assert all(c.article for c in main)
        assert any(c.caption for c in main)
