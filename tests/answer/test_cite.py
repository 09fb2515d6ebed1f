"""Citation choice, the 項 of a quote, and the answer's lead (the figure or yes/no asked)."""

from __future__ import annotations

import pytest

from answer.cite import (
    ANSWER_MAX_CHARS,
    LEAD_PREFIX,
    best_quote,
    choose,
    citation,
    fitting,
    lead,
    short_answer,
    with_cited_rule,
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


RULE = ("第四条　旅行は、旅行命令権者の発する旅行命令によって行わなければならない。\n"
        "２　旅行命令権者は、電話等の通信による連絡手段によっては公務の円滑な遂行を図ることが"
        "できない場合に限り、旅行命令を発することができる。\n"
        "３　旅行命令は、庶務事務システムへの登録により、旅行の前に発しなければならない。")


def test_the_rule_a_faq_names_is_cited_at_the_sentence_it_backs(
        tokenizer: JapaneseTokenizer) -> None:
    """The FAQ says 「…（旅費条例第四条）」: its rule is cited second although it shares no word
    with the question, at the 項 that states what the FAQ says; a better-worded 条 of the
    search is not, and the search's own copy of the rule gives way to the marked one."""
    faq = hit("出張の前に、庶務事務システムで出張伺を登録し、旅行命令を受けてください"
              "（旅費条例第四条）。", article=None, hid="faq", kind="faq",
              question="出張するときの手続を教えてください。")
    rule = hit(RULE, article="4", hid="rule", meta={"paragraphs": "1:0-37,2:38-98,3:99-140"})
    other = hit("出張から戻ったときは、報告書を提出しなければならない。", article="6", hid="o")
    terms = set(tokenizer.terms("出張の手続は？"))
    sources = with_cited_rule([faq, other, rule], rule)
    assert [h.chunk_id for h in sources] == ["faq", "rule", "o"]
    chosen = choose(sources, terms, tokenizer)
    assert [q.hit.chunk_id for q in chosen] == ["faq", "rule"]
    assert chosen[1].paragraph == "3"
    assert chosen[1].text.startswith("３　旅行命令は")
    assert [q.hit.chunk_id for q in choose([faq, other, rule], terms, tokenizer)] == ["faq"]
    assert with_cited_rule([faq, other], None) == [faq, other]


def test_a_named_rule_too_long_for_the_answer_is_quoted_by_its_opening(
        tokenizer: JapaneseTokenizer) -> None:
    faq = hit("直ちに課長に報告してください（規程第十九条）。" * 2, article=None, hid="faq",
              kind="faq")
    long_rule = hit("第十九条　" + "保有個人情報の漏えい等の事案を把握した場合には、" * 8,
                    article="19", hid="rule")
    terms = set(tokenizer.terms("誤送信したら"))
    quotes = fitting(choose(with_cited_rule([faq], long_rule), terms, tokenizer))
    assert [q.hit.chunk_id for q in quotes] == ["faq", "rule"]
    assert long_rule.text.startswith(quotes[1].text)
    assert sum(len(q.text) + 6 for q in quotes) <= ANSWER_MAX_CHARS - 20
    plain = hit(long_rule.text, article="19", hid="plain", kind="manual")
    assert [q.hit.chunk_id for q in fitting([*quotes[:1], best_quote(plain, terms, tokenizer)])
            ] == ["faq"]


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
