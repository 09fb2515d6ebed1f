"""Second stage: re-order the fused top 30 by a linear model over cheap, explainable features.

Fusion only sees two scores. The features here add what staff notice at a glance: does the unit
contain the question's content words and numbers, does its 見出し or FAQ question say the same,
is it 本則 rather than 附則, does it carry the 条 the question names. The weights are fitted by
`python -m eval.quality.calibrate rank` on dev splits (logistic regression, relevant vs not
among the
candidates) and committed as data (data/rank_weights.json). A FAQ whose question is the
question (near-exact wording) always comes first: that is what the asker looked for. An
amending act's 附則 (transitional measures) goes after the other candidates unless the question
asks about a transition (附則, 経過措置, 施行, 改正, a year): it repeats the words of the article
it amends and so outscores it on questions about the rule in force. A table of contents goes
after them too. A question asking what a term means (「仮名加工情報とは」「特定個人情報って何」)
puts first the unit that defines it the way legislation does (「この法律において「仮名加工情報」と
は、…」, or a 号 of a 定義 article: 「(1) 文書 …をいう。」), the longest defined term the question
holds: the article that uses the term repeats it more often and so outscores its definition.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import re
from collections.abc import Sequence
from pathlib import Path

from core.types import Hit
from index.tokenize_ja import JapaneseTokenizer, normalize
from ingest.numbering import NUMERAL, kanji_to_int

RANK_TOP_N = 30  # candidates the model re-orders; the rest keep their fused order
NEAR_EXACT = 0.9  # FAQ question similarity (characters, punctuation ignored) that wins outright
FEATURES = ("fused", "reciprocal_rank", "cosine_gap", "coverage", "number_coverage",
            "caption", "supplementary", "question_similarity", "article_named")
_PUNCT = re.compile(r"[\s、。,.，．？?！!「」『』（）()・…ー～〜]+")
_NUMBER = re.compile(NUMERAL)
_ARTICLE = re.compile(rf"第?({NUMERAL})条")
# an amending act's 附則 (「附則（平成一〇年九月三〇日法律第一一二号）」) holds transitional
# measures for the day that act took effect: the answer to a question on the transition, never to
# one on the rule in force, whose words it repeats (「…新法第三十九条第二項に規定する…」)
_TRANSITION = re.compile(r"附則|経過|施行|改正|旧法|新法|旧制度|特例|いつから|までの間|当分の間"
                         r"|(?:昭和|平成|令和)\s*[0-9０-９元一二三四五六七八九十]+年")
# 「Xとは」「Xって何」「Xの意味」: the question asks what X means
# (a とは that ends the question or leads to 何/どういう: not the とは of 「…することはできる」)
_DEFINITION_ASKED = re.compile(r"(.{2,40}?)(?:(?<!こ)とは(?=$|[？?。、!！\s]|何|なに|なん|どう)|"
                               r"って(?:何|なに|なん)|の意味|の定義|ってどういう)")
_DEFINED = re.compile(r"「([^「」]{2,30})」とは")
# a numbered entry of a 定義 article's list: 「(1) 駐車場 …をいう。」「一 個人情報 …をいう。」
_ASIDE = re.compile(r"[(（][^()（）]{3,}[)）]")  # (昭和35年法律第105号。以下「法」という。)
_ITEM_TERM = re.compile(r"(?:^|\s)[(（]?[0-9０-９一二三四五六七八九十]+[)）]?\s+"
                        r"([^\s、，。（(「」]{2,20})\s[^。]*?をいう")
_TAIL = re.compile(r"(のですが|んですが|ですか|ますか|でしょうか|について|教えて(ください)?|"
                   r"どうすればよい|どうしたらよい|方法|には|か|は|を|が|の)+$")


def _flat(text: str) -> str:
    return _PUNCT.sub("", normalize(text))


def question_similarity(query: str, question: str | None) -> float:
    """Character-level similarity of two questions, 0..1, ignoring punctuation and polite
    endings (「伝票を取り消したいのですが」 ≈ 「伝票を取り消したい」)."""
    if not question:
        return 0.0
    a, b = _TAIL.sub("", _flat(query)), _TAIL.sub("", _flat(question))
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def defined_terms(hit: Hit) -> list[str]:
    """The terms a unit defines: 「X」とは in its text, or the leading word of a numbered entry
    that ends in をいう (the 定義 article's list form)."""
    text = normalize(hit.text)
    return _DEFINED.findall(text) + _ITEM_TERM.findall(_ASIDE.sub("", text))


def definition_asked(query: str) -> str | None:
    """What the question asks the meaning of (「番号法でいう特定個人情報とは？」 → 番号法でいう
    特定個人情報), or None."""
    m = _DEFINITION_ASKED.search(normalize(query))
    return m.group(1) if m else None


def defining(query: str, hits: Sequence[Hit]) -> list[bool]:
    """Which hits define the longest term the question asks the meaning of."""
    asked = definition_asked(query)
    if asked is None:
        return [False] * len(hits)
    lengths = [max((len(t) for t in defined_terms(h) if t in asked), default=0) for h in hits]
    longest = max(lengths, default=0)
    return [longest > 0 and n == longest for n in lengths]


def amending_provision(hit: Hit) -> bool:
    """Part of the 附則 of an amending act (the e-Gov AmendLawNum, or a 「附則（…号）」 label)."""
    if hit.part != "supplementary":
        return False
    meta = hit.extra.get("meta") or {}
    return bool(meta.get("amend_law_num")) or hit.label.startswith("附則（")


_LEADER = re.compile(r"(?:…{2,}|‥{2,}|・{3,}|\.{4,}|･{3,}|－{3,})\s*[0-9０-９]+")


def table_of_contents(hit: Hit) -> bool:
    """A 目次 (by its heading, or by its dot leaders to page numbers): every heading of the
    document in one unit, so it shares words with any question and answers none."""
    if "目次" in (hit.caption or "") or "目次" in hit.label:
        return True
    return len(_LEADER.findall(hit.text)) >= 5


def numbers_in(text: str) -> set[int]:
    out = set()
    for match in _NUMBER.finditer(normalize(text)):
        value = kanji_to_int(match.group(0))
        if value is not None:
            out.add(value)
    return out


def unit_text(hit: Hit) -> str:
    return " ".join(p for p in (hit.document_title, hit.label, hit.caption or "",
                                hit.question or "", hit.text, hit.answer or "") if p)


def features(query: str, terms: Sequence[str], hits: Sequence[Hit],
             tokenizer: JapaneseTokenizer) -> list[list[float]]:
    """One row of FEATURES per hit (see the module docstring)."""
    wanted = set(terms)
    q_numbers = numbers_in(query)
    named = {str(kanji_to_int(m.group(1))) for m in _ARTICLE.finditer(normalize(query))}
    top_score = max((h.score for h in hits), default=0.0) or 1.0
    cosines = [float(h.extra.get("cosine") or 0.0) for h in hits]
    top_cos = max(cosines, default=0.0)
    rows = []
    for i, hit in enumerate(hits):
        words = set(tokenizer.terms(unit_text(hit)))
        head = set(tokenizer.terms(" ".join(p for p in (hit.caption or "", hit.question or "")
                                            if p)))
        numbers = numbers_in(unit_text(hit)) if q_numbers else set()
        rows.append([
            hit.score / top_score,
            1.0 / (i + 1),
            cosines[i] - top_cos,
            len(wanted & words) / len(wanted) if wanted else 0.0,
            len(q_numbers & numbers) / len(q_numbers) if q_numbers else 0.0,
            len(wanted & head) / len(wanted) if wanted else 0.0,
            0.0 if hit.part == "main" else 1.0,
            question_similarity(query, hit.question),
            1.0 if named and (hit.article or "").split("_")[0] in named else 0.0,
        ])
    return rows


class Ranker:
    """Linear scores over FEATURES; weights from data/rank_weights.json."""

    def __init__(self, weights: dict[str, float], tokenizer: JapaneseTokenizer,
                 top_n: int = RANK_TOP_N) -> None:
        self.weights = [float(weights.get(name, 0.0)) for name in FEATURES]
        self.tokenizer = tokenizer
        self.top_n = top_n

    @classmethod
    def load(cls, path: Path, tokenizer: JapaneseTokenizer) -> Ranker:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["weights"], tokenizer)

    def scores(self, query: str, terms: Sequence[str], hits: Sequence[Hit]) -> list[float]:
        rows = features(query, terms, hits, self.tokenizer)
        return [sum(w * x for w, x in zip(self.weights, row, strict=True)) for row in rows]

    def rank(self, query: str, terms: Sequence[str], hits: Sequence[Hit]) -> list[Hit]:
        head, tail = list(hits[:self.top_n]), list(hits[self.top_n:])
        if not head:
            return list(hits)
        scores = self.scores(query, terms, head)
        exact = [question_similarity(query, h.question) >= NEAR_EXACT for h in head]
        transition = _TRANSITION.search(normalize(query)) is not None
        later = [(not transition and amending_provision(h)) or table_of_contents(h) for h in head]
        defines = defining(query, head)
        order = sorted(range(len(head)),
                       key=lambda i: (not exact[i], later[i], not defines[i], -scores[i], i))
        top = max(scores)
        # `score` becomes the ranker's (a near-exact FAQ above all), so it falls with the rank;
        # the fused score stays in extra["fused_score"]
        return [dataclasses.replace(head[i], score=scores[i] + (top - scores[i] + 1.0
                                                                 if exact[i] else 0.0),
                                    extra={**head[i].extra, "fused_score": head[i].score,
                                           "fused_rank": i + 1})
                for i in order] + tail
