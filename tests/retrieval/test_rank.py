"""The second stage: the near-exact FAQ first, an amending act's 附則 after the rule in force."""

from __future__ import annotations

import pytest

from core.types import Hit
from index.tokenize_ja import JapaneseTokenizer
from retrieval.rank import (
    Ranker,
    amending_provision,
    defined_terms,
    definition_asked,
    table_of_contents,
)


@pytest.fixture(scope="module")
def ranker() -> Ranker:
    return Ranker({"fused": 1.0}, JapaneseTokenizer())


def _hit(chunk_id: str, score: float, **fields: object) -> Hit:
    base: dict[str, object] = {"kind": "regulation", "document_id": "rouki",
                               "document_title": "労働基準法", "article": None,
                               "paragraph": None, "item": None, "page": None, "question": None,
                               "text": ""}
    return Hit(chunk_id=chunk_id, score=score, **{**base, **fields})  # type: ignore[arg-type]


TRANSITION = _hit(
    "suppl", 0.9, article="5", part="supplementary",
    label="附則（平成一〇年九月三〇日法律第一一二号）第五条",
    text="この法律の施行の際四月一日以外の日が基準日（継続勤務した期間を新法第三十九条第二項に規定する"
         "六箇月経過日から一年ごとに区分した各期間の初日をいう。）である労働者に係る有給休暇については…",
    extra={"meta": {"amend_law_num": "平成一〇年九月三〇日法律第一一二号"}})
IN_FORCE = _hit("main", 0.8, article="39", paragraph="2", label="第三十九条第二項",
                text="使用者は、一年六箇月以上継続勤務した労働者に対しては、…労働日を加算した有給休暇を与えなければならない。")
ORIGINAL_SUPPL = _hit("orig", 0.7, article="1", part="supplementary", label="附則第一条",
                      text="この法律は、公布の日から起算して六箇月を超えない範囲内において政令で定める日から施行する。")


def test_an_amending_acts_supplementary_provision_follows_the_rule_in_force(
        ranker: Ranker) -> None:
    order = ranker.rank("勤続3年半だと年休は何日？", ["勤続", "年休"],
                        [TRANSITION, IN_FORCE, ORIGINAL_SUPPL])
    assert [h.chunk_id for h in order] == ["main", "orig", "suppl"]
    assert amending_provision(TRANSITION)
    assert not amending_provision(ORIGINAL_SUPPL)


@pytest.mark.parametrize("query", ["年休の経過措置は？", "平成10年改正のときの年休の扱い",
                                   "改正法の施行の際の基準日は"])
def test_a_question_on_the_transition_keeps_the_fused_order(ranker: Ranker, query: str) -> None:
    order = ranker.rank(query, [], [TRANSITION, IN_FORCE])
    assert order[0].chunk_id == "suppl"


def test_a_label_alone_marks_an_amending_provision() -> None:
    """例規 HTML and text regulations carry the amending 条例 in the label, not always in meta."""
    hit = _hit("x", 1.0, part="supplementary", label="附則（令和7年条例第5号）")
    assert amending_provision(hit)
    assert not amending_provision(_hit("y", 1.0, label="附則（令和7年条例第5号）"))


def test_the_near_exact_faq_question_comes_first(ranker: Ranker) -> None:
    faq = _hit("faq", 0.2, kind="faq", document_title="職員FAQ", question="伝票を取り消したい",
               text="会計課に取消伝票を提出してください。")
    order = ranker.rank("伝票を取り消したいのですが", [], [IN_FORCE, TRANSITION, faq])
    assert order[0].chunk_id == "faq"
    assert order[0].score > order[1].score


def test_a_table_of_contents_goes_after_the_pages_it_lists(ranker: Ranker) -> None:
    toc = _hit("toc", 0.9, kind="manual", document_title="ガイドライン", caption="【目次】",
               text="1 バックアップ 2 暗号化 3 入退室管理 4 記録媒体")
    leaders = _hit("lead", 0.85, kind="manual", document_title="手引き", page=2,
                   text="\n".join(f"{n}. 見出し{n}……………… {n * 3}" for n in range(1, 7)))
    page = _hit("page", 0.5, kind="manual", document_title="ガイドライン", page=15,
                text="データのバックアップは、定期的に取得し、別の場所に保管すること。")
    order = ranker.rank("バックアップはどこに書いてある？", [], [toc, leaders, page])
    assert [h.chunk_id for h in order] == ["page", "toc", "lead"]
    assert table_of_contents(toc)
    assert table_of_contents(leaders)
    assert not table_of_contents(page)


USES = _hit("uses", 0.9, document_title="個人情報の保護に関する法律", article="41", paragraph="5",
            text="５ 仮名加工情報取扱事業者は、仮名加工情報である個人データ及び削除情報等を利用する"
                 "必要がなくなったときは、当該個人データ及び削除情報等を遅滞なく消去するよう努めなければ"
                 "ならない。")
DEFINES_OPERATOR = _hit("operator", 0.8, document_title="個人情報の保護に関する法律", article="16",
                        paragraph="5", text="５ この章において「仮名加工情報取扱事業者」とは、"
                                            "仮名加工情報を含む情報の集合物であって…をいう。")
DEFINES = _hit("defines", 0.6, document_title="個人情報の保護に関する法律", article="2",
               paragraph="5", text="５ この法律において「仮名加工情報」とは、次の各号に掲げる"
                                   "個人情報の区分に応じて…加工して得られる個人に関する情報をいう。")
PARKING = _hit("list", 0.5, document_title="駐車場等設置条例", article="2",
               text="第2条　この条例において、次の各号に掲げる用語の意義は、"
                    "それぞれ当該各号に定めるところによる。\n"
                    "(1)　駐車場等　次号及び第3号に規定する駐車場及び駐輪場をいう。\n"
                    "(2)　駐車場　道路交通法(昭和35年法律第105号。以下「法」という。)"
                    "第2条第1項第8号に規定する車両を駐車する施設をいう。\n"
                    "(3)　駐輪場　自転車を駐車する施設をいう。")
PARKING_FEE = _hit("fee", 0.9, document_title="駐車場等設置条例", article="7",
                   text="第7条　駐輪場の使用料は、無料とする。")


@pytest.mark.parametrize("query", ["仮名加工情報って何のこと？",
                                   "個人情報保護法でいう仮名加工情報とは",
                                   "仮名加工情報の定義を教えて"])
def test_a_question_on_what_a_term_means_gets_its_definition_first(ranker: Ranker,
                                                                     query: str) -> None:
    """The longest term the question holds: 「仮名加工情報」, not the article that uses it more
    often, nor the definition of 「仮名加工情報取扱事業者」."""
    order = ranker.rank(query, [], [USES, DEFINES_OPERATOR, DEFINES])
    assert [h.chunk_id for h in order] == ["defines", "uses", "operator"]


def test_a_definition_in_the_list_form_of_a_reiki_comes_first(ranker: Ranker) -> None:
    assert defined_terms(PARKING) == ["駐車場等", "駐車場", "駐輪場"]
    assert ranker.rank("駐輪場とは？", [], [PARKING_FEE, PARKING])[0].chunk_id == "list"


@pytest.mark.parametrize("query", ["駐輪場の使用料はいくら？", "仮名加工情報はいつ消す？",
                                   "仮名加工情報を第三者に提供することはできる？"])
def test_a_question_not_on_a_meaning_keeps_the_fused_order(ranker: Ranker, query: str) -> None:
    assert definition_asked(query) is None
    order = ranker.rank(query, [], [PARKING_FEE, USES, PARKING, DEFINES])
    assert [h.chunk_id for h in order] == ["fee", "uses", "defines", "list"]
