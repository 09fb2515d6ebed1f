"""The calibrated abstention decision: its data file, and the reference rules."""

from __future__ import annotations

from answer.abstain import SIGNALS, AbstainModel, decide
from core.types import Hit
from index.tokenize_ja import JapaneseTokenizer
from retrieval.references import Reference, UnitRef
from tests.conftest import REPO_ROOT


def ref(article: str, *, found: bool = True, certain: bool = True) -> Reference:
    return Reference("d", "労働基準法", "労基法", UnitRef(article), found, certain)


def hit(text: str, cosine: float, *, reference: bool = False) -> Hit:
    return Hit(chunk_id=text, score=1.0, kind="regulation", document_id="d",
               document_title="勤務時間条例", article="1", paragraph=None, item=None,
               page=None, question=None, text=text,
               extra={"cosine": cosine, "reference": reference})


def test_committed_model_covers_every_signal() -> None:
    model = AbstainModel.load(REPO_ROOT / "data" / "abstain_model.json")
    assert set(model.weights) <= set(SIGNALS)
    assert 0.0 < model.cut < 1.0


def test_words_found_answer_and_unknown_words_abstain() -> None:
    model = AbstainModel.load(REPO_ROOT / "data" / "abstain_model.json")
    tokenizer = JapaneseTokenizer()
    hits = [hit("年次有給休暇は、一の年ごとに二十日とする。", 0.9),
            hit("公印は総務課長が管理する。", 0.85)]
    query = "年次有給休暇は何日"
    good = decide(model, query, tokenizer.terms(query), hits, tokenizer)
    other = "道路交通法の酒気帯び運転の罰則"
    bad = decide(model, other, tokenizer.terms(other),
                 [hit(h.text, 0.82) for h in hits], tokenizer)
    assert good.p_answerable > bad.p_answerable
    assert bad.abstain


def test_a_missing_article_is_refused_and_a_named_one_answered() -> None:
    model = AbstainModel.load(REPO_ROOT / "data" / "abstain_model.json")
    tokenizer = JapaneseTokenizer()
    missing = decide(model, "労基法第999条", [], [hit("x", 0.9)], tokenizer,
                     ref("999", found=False))
    assert missing.abstain
    assert missing.reason == "missing-reference"
    # not in an excerpt of the law: not proof that it does not exist; decided on the evidence
    unknown = decide(model, "労基法第99条", [], [hit("x", 0.9)], tokenizer,
                     ref("99", found=False, certain=False))
    assert unknown.reason != "missing-reference"
    named = decide(model, "労基法39条", [], [hit("x", 0.5, reference=True)], tokenizer,
                   ref("39"))
    assert not named.abstain
    assert named.reason == "reference"


def test_a_law_nothing_retrieved_is_from_or_mentions_is_not_answered() -> None:
    from answer.abstain import law_named_elsewhere

    def unit(title: str, text: str, kind: str = "regulation") -> Hit:
        return Hit(chunk_id=title + text, score=1.0, kind=kind, document_id="d",
                   document_title=title, article=None, paragraph=None, item=None, page=None,
                   question=None, text=text)

    laws = [unit("個人情報の保護に関する法律", "地方公務員法第三十四条の規定により…"),
            unit("国民健康保険法", "傷病手当金の支給その他の保険給付を行うことができる。"),
            unit("みどり市FAQ", "建設リサイクル法の届出は建築指導課へ提出してください。", "faq")]
    assert law_named_elsewhere("サイバーセキュリティ基本法の目的は？", laws)
    assert not law_named_elsewhere("個人情報保護法の目的は？", laws)  # its 略称, by pairs
    assert not law_named_elsewhere("建設リサイクル法の届出について", laws)  # a FAQ cites it
    assert not law_named_elsewhere("年休は何日もらえる？", laws)  # names no law
    assert not law_named_elsewhere("国民健康保険法の傷病手当金は？", laws)
    # a longer law whose name ends in the one named is another law; a statute citing a law
    # does not hold it
    assert law_named_elsewhere("健康保険法の傷病手当金は何割支給？", laws)
    assert law_named_elsewhere("地方公務員法で職員の守秘義務は何条？", laws)


def test_a_document_named_that_nothing_retrieved_is_from_is_not_answered() -> None:
    """「マイナンバー法で定める年休の日数は」: the law is held, but every unit found is another
    document's; answering from 労働基準法 would answer what was not asked."""
    model = AbstainModel.load(REPO_ROOT / "data" / "abstain_model.json")
    tokenizer = JapaneseTokenizer()
    named = Reference("mynumber", "番号法", "マイナンバー法", None, True, True)
    hits = [hit("年次有給休暇は十労働日とする。", 0.9)]  # document "d"
    decision = decide(model, "マイナンバー法で定める年休の日数は？", ["年休", "日数"], hits,
                      tokenizer, named)
    assert (decision.abstain, decision.reason) == (True, "not-in-document")
    held = Reference("d", "勤務時間条例", "勤務時間条例", None, True, True)
    assert decide(model, "勤務時間条例で定める年休の日数は？", ["年休", "日数"], hits, tokenizer,
                  held).reason != "not-in-document"


def test_the_cut_is_held_to_the_refusals_it_decides_not_forced_ones() -> None:
    from eval.quality.calibrate import MAX_REFUSED, choose_cut

    signals = dict.fromkeys(SIGNALS, 0.0)
    model = AbstainModel(mean=dict.fromkeys(SIGNALS, 0.0), scale=dict.fromkeys(SIGNALS, 1.0),
                         weights={**dict.fromkeys(SIGNALS, 0.0), "best_cosine": 4.0},
                         intercept=0.0, cut=0.5, info={})

    def row(cosine: float, answerable: bool, forced: bool | None = None) -> dict:
        return {"signals": {**signals, "best_cosine": cosine}, "answerable": answerable,
                "forced": forced, "corpus": "c"}

    # 40 answerable questions the model is sure of, 4 out of scope it leans to answer (p 0.6),
    # and 4 answerable ones a missing 条 refuses whatever the cut (9 % of the answerable)
    rows = ([row(1.0, True) for _ in range(40)] + [row(0.1, False) for _ in range(4)]
            + [row(0.0, True, forced=True) for _ in range(4)])
    assert MAX_REFUSED < 4 / 44
    cut = choose_cut(model, rows)
    assert model.probability(rows[0]["signals"]) >= cut > model.probability(rows[40]["signals"])
