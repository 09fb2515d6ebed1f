"""The hybrid query plan both store adapters translate (pure; the engines are in
test_store_contract.py)."""

from __future__ import annotations

import pytest

from index.stores.base import DENSE, QUESTION, SPARSE, HybridQuery, ScoredRecord, SparseVector
from index.stores.filters import TIE_MARGIN
from index.stores.plan import check_fusion, plan_query

SPARSE_Q = SparseVector((3, 7), (0.5, 1.0))


def test_all_three_legs_with_weights_by_role() -> None:
    query = HybridQuery(dense=[1.0, 0.0], sparse=SPARSE_Q, limit=5, prefetch_limit=40,
                        with_question=True, weights=(2.0, 1.0, 0.5), fusion="RRF")
    plan = plan_query(query, has_question=True)
    assert plan is not None
    assert [leg.using for leg in plan.legs] == [DENSE, SPARSE, QUESTION]
    assert plan.weights == [2.0, 1.0, 0.5]
    assert plan.fused
    assert plan.limit == 5 + TIE_MARGIN
    assert plan.prefetch_limit == 40
    assert plan.fusion == "rrf"


def test_question_leg_needs_an_index_with_question_vectors() -> None:
    query = HybridQuery(dense=[1.0, 0.0], sparse=SPARSE_Q, with_question=True,
                        weights=(2.0, 1.0, 0.5))
    plan = plan_query(query, has_question=False)
    assert plan is not None
    assert [leg.using for leg in plan.legs] == [DENSE, SPARSE]
    assert plan.weights == [2.0, 1.0]


def test_empty_sparse_vector_is_no_leg_and_one_leg_is_not_fused() -> None:
    query = HybridQuery(dense=[1.0, 0.0], sparse=SparseVector((), ()), limit=3,
                        weights=(2.0, 1.0, 0.5))
    plan = plan_query(query, has_question=True)
    assert plan is not None
    assert [leg.using for leg in plan.legs] == [DENSE]
    assert not plan.fused
    assert plan.weights is None
    assert plan.limit == 3
    records = [ScoredRecord("b", 0.5, {}), ScoredRecord("a", 0.9, {})]
    assert plan.finish(records, 3) == records  # the engine's order, untouched


def test_fused_results_are_cut_in_score_then_id_order() -> None:
    plan = plan_query(HybridQuery(dense=[1.0], sparse=SPARSE_Q, limit=2), has_question=False)
    assert plan is not None
    records = [ScoredRecord("c", 0.5, {}), ScoredRecord("b", 0.5, {}),
               ScoredRecord("a", 0.9, {})]
    assert [r.id for r in plan.finish(records, 2)] == ["a", "b"]


def test_nothing_to_ask() -> None:
    assert plan_query(HybridQuery(dense=None, sparse=None), has_question=True) is None


def test_unknown_fusion_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown fusion"):
        check_fusion("max")
