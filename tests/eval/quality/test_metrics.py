"""Each metric on small cases computed by hand."""

from __future__ import annotations

import math

import pytest

from eval.quality import metrics


def test_precision_at_1() -> None:
    assert metrics.precision_at_1([1, 0]) == 1.0
    assert metrics.precision_at_1([0, 1]) == 0.0
    assert metrics.precision_at_1([]) == 0.0


def test_recall_at_k() -> None:
    assert metrics.recall_at_k([0, 1, 0, 1], n_relevant=3, k=2) == pytest.approx(1 / 3)
    assert metrics.recall_at_k([0, 1, 0, 1], n_relevant=3, k=4) == pytest.approx(2 / 3)


def test_mrr() -> None:
    assert metrics.mrr_at_k([0, 0, 1], k=10) == pytest.approx(1 / 3)
    assert metrics.mrr_at_k([0, 0, 1], k=2) == 0.0


def test_ndcg_graded() -> None:
    # gains 1 at rank 1 and 2 at rank 3; ideal [2, 1]
    dcg = (2**1 - 1) / math.log2(2) + (2**2 - 1) / math.log2(4)
    ideal = (2**2 - 1) / math.log2(2) + (2**1 - 1) / math.log2(3)
    assert metrics.ndcg_at_k([1, 0, 2], [2, 1], 10) == pytest.approx(dcg / ideal)
    assert metrics.ndcg_at_k([2, 1], [2, 1], 10) == pytest.approx(1.0)


def test_average_precision() -> None:
    # relevant at ranks 1 and 3 of 2 relevant: (1/1 + 2/3) / 2
    assert metrics.average_precision([1, 0, 1], 2) == pytest.approx((1 + 2 / 3) / 2)
    assert metrics.average_precision([0, 1], 4) == pytest.approx(0.5 / 4)


def test_abstention_scores() -> None:
    scores = metrics.abstention_scores([True, True, False, False], [True, False, True, False])
    assert scores["precision"] == 0.5
    assert scores["recall"] == 0.5
    assert scores["f1"] == 0.5


def test_percentile_nearest_rank() -> None:
    assert metrics.percentile([5, 1, 3, 2, 4], 50) == 3
    assert metrics.percentile(list(range(1, 101)), 95) == 95
    assert metrics.percentile([], 95) == 0.0


def test_citation_precision_is_micro_averaged() -> None:
    # 3 answers: 2 of 3 citations gold, 0 of 1, and an abstention (no citations): 2 / 4
    flags = [[True, False, True], [False], []]
    assert metrics.citation_precision(flags) == pytest.approx(0.5)
    assert metrics.citation_precision([[], []]) == 0.0


def test_answer_hit_rate_counts_abstention_as_miss() -> None:
    flags = [[False, True], [False], []]
    assert metrics.answer_hit_rate(flags) == pytest.approx(1 / 3)
    assert metrics.answer_hit_rate([]) == 0.0


def test_unit_precision_penalises_merged_chunks() -> None:
    # an exact article (1/1), a section of 6 articles with one gold (1/6), a miss (0/1)
    assert metrics.unit_precision([(1, 1), (1, 6), (0, 1)]) == pytest.approx((1 + 1 / 6) / 3)
    assert metrics.unit_precision([]) == 0.0
