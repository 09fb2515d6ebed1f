"""Near-duplicate question detection: unit cases and the real localgovFAQ corpus."""

from __future__ import annotations

import time

import pytest

from ingest.duplicates import (
    DEFAULT_THRESHOLD,
    REASON_SAME,
    REASON_SIMILAR,
    find_duplicate_questions,
    normalise_question,
    substitutes_term,
)
from ingest.faq import parse_faq_json
from tests.conftest import shared_dataset


def test_normalise_question_folds_width_punctuation_and_endings() -> None:
    assert normalise_question("住民票は、どこで取れますか？") == normalise_question(
        "住民票はどこで取れます"
    )
    assert normalise_question("ＩＤカードの再発行は？ ") == "idカードの再発行は"
    assert normalise_question("窓口はどこですか。") == normalise_question("窓口はどこ")


def test_same_normalised_question_is_reported() -> None:
    pairs = find_duplicate_questions(
        [
            ("a", "住民票は、どこで取れますか？"),
            ("b", "住民票はどこで取れます。"),
            ("c", "犬の登録"),
        ]
    )
    assert [(p.key_a, p.key_b, p.reason, p.similarity) for p in pairs] == [
        ("a", "b", REASON_SAME, 1.0)
    ]


def test_similar_question_is_reported_and_term_swaps_are_not() -> None:
    entries = [
        ("1", "児童扶養手当の申請に必要な書類について知りたい"),
        ("2", "児童扶養手当の申請に必要な書類を知りたい"),
        ("3", "東部浄化センターは何をしていますか"),
        ("4", "北部浄化センターは何をしていますか"),
    ]
    pairs = find_duplicate_questions(entries)
    assert [(p.key_a, p.key_b, p.reason) for p in pairs] == [("1", "2", REASON_SIMILAR)]
    assert pairs[0].similarity >= DEFAULT_THRESHOLD
    assert substitutes_term("東部浄化センター", "北部浄化センター")
    assert not substitutes_term("口座振替について知りたい", "口座振替についてききたい")


def test_threshold_is_validated() -> None:
    with pytest.raises(ValueError, match="threshold"):
        find_duplicate_questions([("a", "x")], threshold=0)


def test_localgovfaq_duplicates_are_few_and_fast() -> None:
    corpus = shared_dataset("localgovfaq_amagasaki") / "corpus.json"
    document = parse_faq_json(corpus.read_bytes(), title="尼崎市FAQ")
    entries = [(c.metadata["faq_id"], c.question or "") for c in document.chunks]
    started = time.perf_counter()
    pairs = find_duplicate_questions(entries)
    assert time.perf_counter() - started < 5
    questions = dict(entries)
    same = [p for p in pairs if p.reason == REASON_SAME]
    assert len(same) == 1
    assert questions[same[0].key_a] == "開発許可した土地について知りたい。"
    assert 10 <= len(pairs) <= 40  # 22 at the default threshold when this was written
    assert all(p.similarity >= DEFAULT_THRESHOLD for p in pairs)
