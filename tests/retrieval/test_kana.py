"""Kana-typed questions spelled back with a vocabulary's words (real fugashi + unidic-lite)."""

from __future__ import annotations

import pytest

from retrieval.kana import Respeller, kana_share

VOCABULARY = ["(?:保存期間|資料)を(?:見せ|捨て)(?:て|る)", "使用しない|市内", "秘密の指示",
              "予定表", "マイナンバー"]


@pytest.fixture(scope="module")
def respeller() -> Respeller:
    return Respeller(VOCABULARY)


@pytest.mark.parametrize(("typed", "spelled"), [
    ("ほぞんきかんのすぎたしりょうをみせて", "保存期間のすぎた資料を見せて"),
    ("まいなんばーをおしえて", "マイナンバーをおしえて"),  # a loanword, to katakana
    # ひょう is one sound: 予定表, never 予定日ょう
    ("しちょうのよていひょう", "しちょうの予定表"),
    ("だいじゅうにじょうのだいさんこう", "第十二条の第三項"),  # a 条 and its 項 read out
])
def test_kana_spelled_back_with_the_vocabularys_words(respeller: Respeller, typed: str,
                                                      spelled: str) -> None:
    assert respeller.respell(typed) == spelled


@pytest.mark.parametrize("typed", [
    "しないでください",  # 市内 is しない, but so is the kana ending of 使用しない
    "みせのばしょ",  # a two-kana stem only before an ending (見せて), not the noun 店
    "ひみつのしじ",  # しじ: two kana, too short to be sure of
])
def test_ordinary_kana_left_alone(respeller: Respeller, typed: str) -> None:
    assert respeller.respell(typed).replace("秘密", "ひみつ") == typed


def test_a_section_read_out_by_a_deployments_department_names(respeller: Respeller) -> None:
    assert respeller.respell("けいやくかのしりょう") == "けいやくかの資料"
    sections = respeller.readings(["契約課"])
    assert respeller.respell("けいやくかのしりょう", sections) == "契約課の資料"


def test_kana_share_tells_kana_typing_from_ordinary_writing() -> None:
    assert kana_share("ほぞんきかんをすぎたしりょう") == 1.0
    assert kana_share("保存期間を過ぎた資料をどう処分しますか") < 0.6
    assert kana_share("USB") == 0.0
