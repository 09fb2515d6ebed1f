"""Ranking and abstention metrics as free functions over graded relevance lists.

`gains` is the relevance grade of each ranked hit (0 = not relevant), already de-duplicated so a
label counts once; `ideal` is the sorted list of all relevant grades for the query.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def precision_at_1(gains: Sequence[float]) -> float:
    return 1.0 if gains and gains[0] > 0 else 0.0


def recall_at_k(gains: Sequence[float], n_relevant: int, k: int) -> float:
    if n_relevant == 0:
        return 0.0
    return sum(1 for g in gains[:k] if g > 0) / n_relevant


def mrr_at_k(gains: Sequence[float], k: int) -> float:
    for rank, gain in enumerate(gains[:k], start=1):
        if gain > 0:
            return 1.0 / rank
    return 0.0


def dcg(gains: Sequence[float], k: int) -> float:
    return sum((2 ** g - 1) / math.log2(rank + 1) for rank, g in enumerate(gains[:k], start=1))


def ndcg_at_k(gains: Sequence[float], ideal: Sequence[float], k: int) -> float:
    best = dcg(sorted(ideal, reverse=True), k)
    return dcg(gains, k) / best if best > 0 else 0.0


def average_precision(gains: Sequence[float], n_relevant: int) -> float:
    """MAP's per-query term over the whole ranked list given."""
    if n_relevant == 0:
        return 0.0
    found = 0
    total = 0.0
    for rank, gain in enumerate(gains, start=1):
        if gain > 0:
            found += 1
            total += found / rank
    return total / n_relevant


def abstention_scores(predicted: Sequence[bool], gold_unanswerable: Sequence[bool]
                      ) -> dict[str, float]:
    """Precision/recall/F1 of abstaining, the positive class being 'unanswerable'."""
    tp = sum(1 for p, g in zip(predicted, gold_unanswerable, strict=True) if p and g)
    fp = sum(1 for p, g in zip(predicted, gold_unanswerable, strict=True) if p and not g)
    fn = sum(1 for p, g in zip(predicted, gold_unanswerable, strict=True) if not p and g)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1,
            "abstained": float(tp + fp), "unanswerable": float(tp + fn)}


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def citation_precision(cited_relevant: Sequence[Sequence[bool]]) -> float:
    """Micro-averaged: of all citations given (one flag per citation, True when the cited chunk
    matches a gold label), the share that are relevant. Abstentions give no citations."""
    total = sum(len(flags) for flags in cited_relevant)
    return sum(sum(1 for f in flags if f) for flags in cited_relevant) / total if total else 0.0


def answer_hit_rate(cited_relevant: Sequence[Sequence[bool]]) -> float:
    """Share of questions whose answer cites at least one gold label (abstaining is a miss)."""
    if not cited_relevant:
        return 0.0
    return sum(1 for flags in cited_relevant if any(flags)) / len(cited_relevant)


def unit_precision(cited_units: Sequence[tuple[int, int]]) -> float:
    """Citation precision at the level staff cite (one 条, QA or page): each citation is
    (units it covers that match a gold label, units it covers); a citation of a merged chunk
    covering 6 articles, one of them gold, scores 1/6. Micro-averaged over citations."""
    if not cited_units:
        return 0.0
    return sum(matched / units for matched, units in cited_units if units) / len(cited_units)
