"""Explicit references: 条/項/号 in every written form, and the names documents go by."""

from __future__ import annotations

import pytest

from core.types import Hit
from retrieval.references import (
    contracted_names,
    find_units,
    load_alias_table,
    mine_definitions,
    put_first,
)
from tests.conftest import REPO_ROOT


@pytest.mark.parametrize(("query", "article", "paragraph", "item"), [
    ("労基法39条", "39", None, None),
    ("労基法３９条", "39", None, None),
    ("労働基準法第三十九条第１項", "39", "1", None),
    ("個人情報保護法の第27条は何を定めていますか", "27", None, None),
    ("番号法第十九条第一項第三号", "19", "1", "3"),
    ("第十七条の二", "17_2", None, None),
    ("17条の2第2項", "17_2", "2", None),
    ("３９条２項", "39", "2", None),
    ("労基法第39條第2項", "39", "2", None),  # the old form of 条
])
def test_units_in_kanji_digits_full_and_half_width(query: str, article: str,
                                                   paragraph: str | None,
                                                   item: str | None) -> None:
    unit = find_units(query)[0]
    assert (unit.article, unit.paragraph, unit.item) == (article, paragraph, item)


def test_no_unit_without_jo() -> None:
    assert find_units("年休は何日もらえる？") == []
    assert find_units("第2項の意味") == []


def test_unit_label_is_written_the_statute_way() -> None:
    assert find_units("番号法19条1項3号")[0].label == "第十九条第一項第三号"


def test_contracted_names_from_titles() -> None:
    assert "個人情報保護法" in contracted_names("個人情報の保護に関する法律")
    assert "公印規程" in contracted_names("みどり市公印規程")
    assert "法" not in contracted_names("法")


@pytest.mark.parametrize(("title", "short"), [
    ("みどり市職員等の旅費に関する条例", "旅費条例"),
    ("みどり市職員の勤務時間、休日及び休暇に関する条例", "勤務時間条例"),
    ("職員の給与に関する条例", "給与条例"),
    ("みどり市職員服務規程", "服務規程"),
    ("職員定数条例", "定数条例"),
])
def test_a_citys_rules_go_by_their_subject(title: str, short: str) -> None:
    """The way a city's FAQ and staff cite its rules: without the staff they address, by the
    first of listed subjects."""
    assert short in contracted_names(title)
    assert "休日条例" not in contracted_names(title)


def test_definitions_in_the_corpus_name_documents() -> None:
    text = ("個人情報の保護に関する法律（平成十五年法律第五十七号。以下「個人情報保護法」という。）"
            "第二条に規定する個人情報")
    found = mine_definitions([text], ["個人情報の保護に関する法律", "行政手続法"])
    assert found == {"個人情報保護法": "個人情報の保護に関する法律"}
    assert mine_definitions(["この法律（以下「法」という。）"], ["行政手続法"]) == {}


def test_curated_table_names_the_laws_of_the_issue() -> None:
    table = load_alias_table(REPO_ROOT / "data" / "law_aliases.tsv")
    assert table["労基法"] == "労働基準法"
    assert table["マイナンバー法"] == table["番号法"]
    assert table["番号法"].startswith("行政手続における特定の個人を識別するための番号")


def _hit(cid: str, article: str, paragraph: str | None = None) -> Hit:
    return Hit(chunk_id=cid, score=0.5, kind="regulation", document_id="law",
               document_title="労働基準法", article=article, paragraph=paragraph, item=None,
               page=None, question=None, text=cid)


def test_named_article_leads_with_the_paragraph_the_search_ranked_best() -> None:
    named = [_hit("39-1", "39", "1"), _hit("39-10", "39", "10")]
    hits = [_hit("12", "12"), _hit("39-10", "39", "10")]
    assert [h.chunk_id for h in put_first(hits, named, search_order=True)] == ["39-10", "12"]
    assert [h.chunk_id for h in put_first(hits, named)] == ["39-1", "12"]
