"""Citation choice, the 項 of a quote, and the answer's lead (the figure or yes/no asked)."""

from __future__ import annotations

import pytest

from answer.cite import (
    ANSWER_MAX_CHARS,
    LEAD_PREFIX,
    best_quote,
    choose,
    citation,
    lead,
    short_answer,
)
from core.types import Hit
from index.tokenize_ja import JapaneseTokenizer

ARTICLE = ("第十条　年次有給休暇は、一の年ごとに二十日とする。\n"
           "２　前項の規定にかかわらず、年の中途に採用された職員の年次有給休暇は、"
           "別表第一に定める日数とする。")


def hit(text: str, *, article: str | None = "10", hid: str = "a", kind: str = "regulation",
        question: str | None = None, meta: dict | None = None) -> Hit:
    return Hit(chunk_id=hid, score=1.0, kind=kind, document_id="d1",
               document_title="勤務時間条例", article=article, paragraph=None, item=None,
               page=None, question=question, text=text, label="第十条",
               extra={"meta": meta or {}})


@pytest.fixture(scope="module")
def tokenizer() -> JapaneseTokenizer:
    return JapaneseTokenizer()


def test_quote_is_cited_at_its_paragraph(tokenizer: JapaneseTokenizer) -> None:
    h = hit(ARTICLE, meta={"paragraphs": "1:0-25,2:26-80"})
    quote = best_quote(h, set(tokenizer.terms("中途採用の職員の年休の日数")), tokenizer)
    assert quote.paragraph == "2"
    entry = citation(quote, 1)
    assert entry["unit_label"] == "第十条第二項"
    assert entry["quote"] in h.text
    assert entry["full_text_url"] == "/api/documents/d1/text?article=10"


def test_weak_second_sources_are_not_cited(tokenizer: JapaneseTokenizer) -> None:
    terms = set(tokenizer.terms("年次有給休暇は何日"))
    strong = hit(ARTICLE, hid="a")
    weak = hit("公印は総務課長が管理する。", article="3", hid="b")
    chosen = choose([strong, weak], terms, tokenizer)
    assert [q.hit.chunk_id for q in chosen] == ["a"]


@pytest.mark.parametrize(("query", "quote", "expected"), [
    ("年休は何日もらえる？", "年次有給休暇は、一の年ごとに二十日とする。", "二十日"),
    ("年休は何日？", "1月1日から12月31日までの1年ごとに20日付与されます。", "20日"),
    ("日当はいくら", "日当は、一日につき二千二百円とする。", "二千二百円"),
    ("USBメモリを使ってもよいですか", "私物のUSBメモリを使用してはならない。", "てはならない"),
    ("届出は必要ですか", "前項の届出は、要しない。", "要しない"),
    ("公印とは", "公印は総務課長が管理する。", None),
])
def test_lead_is_an_exact_span_of_the_quote(query: str, quote: str,
                                            expected: str | None) -> None:
    assert lead(query, quote) == expected
    if expected:
        assert expected in quote


def test_short_answer_leads_with_the_figure_and_stays_short(
        tokenizer: JapaneseTokenizer) -> None:
    long = "年次有給休暇は、一の年ごとに二十日とする。" + "ただし書の説明が続く。" * 30
    quotes = choose([hit(long)], set(tokenizer.terms("年休は何日")), tokenizer)
    text = short_answer("年休は何日もらえる？", quotes)
    first, *rest = text.split("\n")
    assert first == f"{LEAD_PREFIX}二十日 [1]"
    assert len(text) <= ANSWER_MAX_CHARS + 10
    assert all(line.endswith("]") for line in rest)
