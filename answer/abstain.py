"""When to say 「見つかりません」: a calibrated decision over several signals, not one cosine.

A single cosine threshold does not transfer: e5 cosines sit in a narrow band whose place moves
with the corpus (out-of-scope best cosines were 0.845–0.881 on one set, answerable ones 0.847 on
another). The signals here are read off the ranked hits and mostly relative or lexical, so they
mean the same on a new city's documents: does the best unit contain the question's content
words, do the question's words occur in any retrieved unit at all, how clear is the winner.
A logistic regression over them gives P(answerable); the weights and the cut are fitted by
`python -m eval.quality.calibrate abstain` with cross-validation across corpora (and checked
leave one corpus out) and committed as data (data/abstain_model.json).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.types import Hit
from index.tokenize_ja import JapaneseTokenizer
from retrieval.intent import law_titles, title_overlap
from retrieval.rank import question_similarity, unit_text

SIGNALS = ("best_cosine", "cosine_margin", "top_coverage", "best_coverage",
           "unmatched_terms", "agreement", "faq_question_similarity", "query_terms")
# words every question may use that say nothing about its topic (fugashi lemmas)
GENERIC_TERMS = frozenset({"どう", "良い", "幾ら", "出る", "使う", "後", "何", "為る", "有る",
                           "居る", "成る", "言う", "思う", "時", "場合", "方", "事", "人", "今",
                           "知る", "分かる", "教える", "出来る", "貰う", "取る", "行う", "欲しい",
                           "駄目", "必要", "可能", "いつ", "どこ", "誰", "どの", "どれ", "する",
                           "ある", "いる", "なる", "いい", "もらえる", "できる", "新しい"})
COVERAGE_DEPTH = 10  # hits whose words count as "somewhere in what was retrieved"


def signals(query: str, terms: Sequence[str], hits: Sequence[Hit],
            tokenizer: JapaneseTokenizer) -> dict[str, float]:
    """The decision's inputs, from the ranked (not yet cut) hits."""
    wanted = set(terms) - GENERIC_TERMS
    cosines = [float(h.extra.get("cosine") or 0.0) for h in hits]
    ordered = sorted(cosines, reverse=True)
    words = [set(tokenizer.terms(unit_text(h))) for h in hits[:COVERAGE_DEPTH]]
    seen = set().union(*words) if words else set()
    coverage = [len(wanted & w) / len(wanted) if wanted else 0.0 for w in words[:5]]
    return {
        "best_cosine": ordered[0] if ordered else 0.0,
        "cosine_margin": (cosines[0] - ordered[1]) if len(ordered) > 1 else 0.0,
        "top_coverage": coverage[0] if coverage else 0.0,
        "best_coverage": max(coverage, default=0.0),
        "unmatched_terms": len(wanted - seen) / len(wanted) if wanted else 1.0,
        "agreement": 1.0 if cosines and cosines[0] >= ordered[0] - 1e-9 else 0.0,
        "faq_question_similarity": max((question_similarity(query, h.question)
                                        for h in hits[:5] if h.question), default=0.0),
        "query_terms": math.log1p(len(wanted)),
    }


@dataclass(frozen=True)
class AbstainModel:
    """Logistic regression on standardised SIGNALS; abstain when P(answerable) < cut."""

    mean: dict[str, float]
    scale: dict[str, float]
    weights: dict[str, float]
    intercept: float
    cut: float
    info: dict[str, Any]

    @classmethod
    def load(cls, path: Path) -> AbstainModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["mean"], data["scale"], data["weights"], float(data["intercept"]),
                   float(data["cut"]), data.get("info", {}))

    @classmethod
    def threshold_only(cls, threshold: float) -> AbstainModel:
        """The old rule (best cosine under a threshold) in this form, for comparison."""
        return cls({"best_cosine": threshold}, {"best_cosine": 0.01}, {"best_cosine": 100.0},
                   0.0, 0.5, {"kind": "threshold", "threshold": threshold})

    def probability(self, values: dict[str, float]) -> float:
        z = self.intercept + sum(
            w * (values.get(k, 0.0) - self.mean.get(k, 0.0)) / (self.scale.get(k) or 1.0)
            for k, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def abstains(self, values: dict[str, float]) -> bool:
        return self.probability(values) < self.cut


def law_named_elsewhere(query: str, hits: Sequence[Hit], depth: int = COVERAGE_DEPTH) -> bool:
    """The question names a law (「サイバーセキュリティ基本法の目的は」) that no retrieved unit is
    from or mentions: whatever was found is about something else. A law the index holds, or
    that a FAQ or manual cites (「建設リサイクル法の届出」), is not; names are compared by
    their characters' pairs, so 個人情報の保護に関する法律 and 個人情報保護法 meet."""
    named = law_titles(query)
    if not named:
        return False
    seen = [(h.document_title or "", unit_text(h), h.kind) for h in hits[:depth]]
    return not any(_same_law(law, title) or (law in text and kind != "regulation")
                   for law in named for title, text, kind in seen)


def _same_law(named: str, title: str) -> bool:
    """The law a title is, by its name: not a longer law whose name ends in it (健康保険法 is not
    国民健康保険法). A law only cited in a statute's text is not held (地方公務員法 in an article
    of 個人情報保護法); a FAQ or manual page citing it answers for it."""
    plain = re.sub(r"[（(].*?[）)]", "", title)
    if plain.endswith(named) and len(plain) > len(named) and re.search(
            r"[一-龥]$", plain[: -len(named)]):
        return False
    return title_overlap(named, title) >= 0.6


def named_document_absent(reference: Any, hits: Sequence[Hit],
                          depth: int = COVERAGE_DEPTH) -> bool:
    """The question names a document the index holds, by name alone (マイナンバー法で定める年休
    の日数は), and none of the units retrieved is from it: whatever was found answers for
    another document, not the one asked about."""
    return (reference is not None and reference.document_id is not None
            and reference.unit is None
            and not any(h.document_id == reference.document_id for h in hits[:depth]))


@dataclass(frozen=True)
class Decision:
    abstain: bool
    p_answerable: float
    signals: dict[str, float]
    reason: str  # "weak-evidence" | "missing-reference" | "missing-document"
    #            | "not-in-document" | "reference"
    #            | "no-hits" | ""

    def to_dict(self) -> dict[str, Any]:
        return {"abstain": self.abstain, "p_answerable": round(self.p_answerable, 4),
                "reason": self.reason,
                "signals": {k: round(v, 4) for k, v in self.signals.items()}}


def decide(model: AbstainModel, query: str, terms: Sequence[str], hits: Sequence[Hit],
           tokenizer: JapaneseTokenizer, reference: Any = None) -> Decision:
    """Abstain or not. A named unit that exists is answered; one that does not is refused."""
    if reference is not None and reference.unit is not None and reference.document_id:
        if reference.missing:
            return Decision(True, 0.0, {}, "missing-reference")
        if any(h.extra.get("reference") for h in hits[:1]):
            return Decision(False, 1.0, {}, "reference")
    if not hits:
        return Decision(True, 0.0, {}, "no-hits")
    if (reference is None or not reference.document_id) and law_named_elsewhere(query, hits):
        return Decision(True, 0.0, {}, "missing-document")
    if named_document_absent(reference, hits):
        return Decision(True, 0.0, {}, "not-in-document")
    values = signals(query, terms, hits, tokenizer)
    p = model.probability(values)
    return Decision(p < model.cut, p, values, "weak-evidence" if p < model.cut else "")
