from __future__ import annotations

import pytest

from index.tokenize_ja import (
    JapaneseTokenizer,
    bm25_document_vector,
    normalize,
    query_vector,
    term_index,
)


@pytest.fixture(scope="module")
def tokenizer() -> JapaneseTokenizer:
    return JapaneseTokenizer()


def test_content_words_are_lemmas_without_particles(tokenizer: JapaneseTokenizer) -> None:
    terms = tokenizer.terms("住民票の写しを請求しました")
    assert terms == ["住民", "票", "写し", "請求"]


def test_verbs_are_lemmatised_so_inflections_match(tokenizer: JapaneseTokenizer) -> None:
    assert "繰り越す" in tokenizer.terms("繰り越せますか")
    assert "繰り越す" in tokenizer.terms("繰り越した日数")


def test_full_width_and_half_width_fold_together(tokenizer: JapaneseTokenizer) -> None:
    assert tokenizer.terms("ＵＳＢメモリ") == tokenizer.terms("USBメモリ")
    assert normalize("ＡＢＣ１２３") == "abc123"


def test_light_verbs_and_formal_nouns_are_dropped(tokenizer: JapaneseTokenizer) -> None:
    terms = tokenizer.terms("休暇を取得することができる")
    assert "為る" not in terms
    assert "事" not in terms
    assert "出来る" not in terms
    assert terms == ["休暇", "取得"]


def test_document_vector_saturates_term_frequency() -> None:
    once = bm25_document_vector(["休暇"])
    many = bm25_document_vector(["休暇"] * 10)
    assert once.indices == many.indices == (term_index("休暇"),)
    assert once.values[0] < many.values[0] < 2.2 * once.values[0]


def test_query_vector_weights_each_distinct_term_once() -> None:
    vec = query_vector(["休暇", "休暇", "旅費"])
    assert sorted(vec.values) == [1.0, 1.0]
    assert list(vec.indices) == sorted(vec.indices)
