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
