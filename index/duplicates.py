"""Near-duplicate FAQ questions: lexical pairs (ingest.duplicates) plus paraphrases.

A paraphrase pair needs both a very high dense cosine between the two questions and the same
content words once okurigana are dropped (繰越 = 繰り越す). Dense similarity alone cannot tell a
rewording from a template sibling (東部/北部浄化センター score 0.975 like a true duplicate).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from index.embedders import Embedder
from index.tokenize_ja import JapaneseTokenizer
from ingest.duplicates import DuplicatePair, find_duplicate_questions

REASON_PARAPHRASE = "paraphrase"
MIN_COSINE = 0.96
MIN_TERM_JACCARD = 1.0  # same content words and the same question words
# Words that frame a question rather than say what it is about.
FRAMING = frozenset(
    ["場合", "際", "時", "方法", "良い", "知る", "教える", "可能", "欲しい", "分かる", "宜しい"]
)
QUESTION_WORDS = (
    "いつ",
    "どこ",
    "誰",
    "だれ",
    "何",
    "なに",
    "なん",
    "いくら",
    "どの",
    "どんな",
    "どのよう",
    "どう",
    "なぜ",
    "何日",
    "何時",
    "何歳",
    "何回",
)
_KANA = re.compile(r"[\u3041-\u309f]")


def term_skeleton(tokenizer: JapaneseTokenizer, text: str) -> frozenset[str]:
    """Content-word lemmas (okurigana dropped when the word has kanji) plus question words."""
    out = {f"?{w}" for w in QUESTION_WORDS if w in text}
    for term in tokenizer.terms(text):
        if term in FRAMING:
            continue
        stripped = _KANA.sub("", term)
        out.add(stripped if stripped and stripped != term and re.search(r"[一-龯]", term) else term)
    return frozenset(out)


def find_duplicates(
    entries: Sequence[tuple[str, str]], *, embedder: Embedder, tokenizer: JapaneseTokenizer
) -> list[DuplicatePair]:
    """entries are (key, question); pairs come back once each, lexical ones first."""
    pairs = {tuple(sorted((p.key_a, p.key_b))): p for p in find_duplicate_questions(entries)}
    if len(entries) < 2:
        return list(pairs.values())
    vectors = embedder.embed_passages([q for _, q in entries])
    sims = vectors @ vectors.T
    rows, cols = np.nonzero(np.triu(sims, k=1) >= MIN_COSINE)
    skeletons: dict[int, frozenset[str]] = {}
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        key = tuple(sorted((entries[i][0], entries[j][0])))
        if key in pairs:
            continue
        a = skeletons.setdefault(i, term_skeleton(tokenizer, entries[i][1]))
        b = skeletons.setdefault(j, term_skeleton(tokenizer, entries[j][1]))
        union = a | b
        if union and len(a & b) / len(union) >= MIN_TERM_JACCARD:
            pairs[key] = DuplicatePair(
                entries[i][0], entries[j][0], float(sims[i, j]), REASON_PARAPHRASE
            )
    return list(pairs.values())
