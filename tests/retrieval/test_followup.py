"""Follow-up questions are rewritten from the previous question of the conversation."""

from __future__ import annotations

import pytest

from retrieval.followup import rewrite_followup, topic_of


@pytest.mark.parametrize(("previous", "question", "expected"), [
    ("年休の申請はどうする？", "それは何日前まで？", "年休の申請は何日前まで？"),
    ("年休は何日もらえる？", "それは繰り越せる？", "年休は繰り越せる？"),
    ("公印の押印はどこに頼む？", "その申請書は？", "公印の押印の申請書は？"),
    ("旅費の精算はいつまで？", "何日以内？", "旅費の精算は何日以内？"),
    ("会計年度任用職員の年休は何日？", "では、手続きは？", "会計年度任用職員の年休の手続きは？"),
])
def test_follow_ups_are_rewritten(previous: str, question: str, expected: str) -> None:
    result = rewrite_followup(question, previous)
    assert result.rewritten
    assert result.query == expected


@pytest.mark.parametrize(("previous", "question"), [
    (None, "それは何日前まで？"),
    ("年休は何日もらえる？", "公印を押してもらうには？"),  # a new question of its own
    ("年休は何日もらえる？", "年休は繰り越せる？"),  # already names the topic
    ("年休は何日もらえる？", "   "),
])
def test_standalone_questions_are_kept(previous: str | None, question: str) -> None:
    result = rewrite_followup(question, previous)
    assert not result.rewritten
    assert result.query == question.strip()


def test_topic_of() -> None:
    assert topic_of("年休の申請はどうする？") == "年休の申請"
    assert topic_of("公印規程について教えて") == "公印規程"
    assert topic_of("出張旅費の計算方法") == "出張旅費の計算方法"
