"""The intent classifier's view of the index (retrieval/refusals.py) over real services."""

from __future__ import annotations

from typing import Any

import pytest

from retrieval import refusals
from retrieval.refusals import IntentContextBuilder


def test_document_texts_are_kept_within_a_character_budget(
        sample_services: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    builder = IntentContextBuilder(sample_services.catalog, sample_services.store)
    readable = [d for d in builder(None).documents if d.text is not None]
    assert len(readable) >= 3
    whole = [d.text() for d in readable]
    assert all(whole)
    assert len(builder._texts) == len(readable)  # within the default budget: all kept

    budget = len(whole[-1]) + len(whole[-2])
    monkeypatch.setattr(refusals, "TEXT_CACHE_CHARS", budget)
    small = IntentContextBuilder(sample_services.catalog, sample_services.store)
    docs = [d for d in small(None).documents if d.text is not None]
    assert [d.text() for d in docs] == whole  # read again when dropped, the same text
    assert sum(map(len, small._texts.values())) <= budget
    assert set(small._texts.values()) == {whole[-2], whole[-1]}  # the newest are kept
    # the labels of 別表 and 様式 stay when the text that gave them is dropped
    labels = [d.annexes() for d in docs if d.annexes is not None]
    assert len(small._annexes) == len(labels)


def test_a_paragraph_count_never_falls_short_of_the_paragraphs_there(sample_services: Any) -> None:
    """公印規程: 第九条 has three 項, 第十条 one; the count may run over (a 号 or a wrapped line
    adds to it), never under, so a 項 that is there is never said to be missing."""
    builder = IntentContextBuilder(sample_services.catalog, sample_services.store)
    seal = next(d for d in builder(None).documents if d.title == "みどり市公印規程")
    assert seal.paragraphs is not None
    assert seal.paragraphs("9") >= 3
    assert seal.paragraphs("10") >= 1
    assert seal.paragraphs("99") == 0
    assert [seal.paragraphs(a) >= 2 for a in ("2", "3", "4", "6", "7", "8", "11")] == [True] * 7
