"""Near-duplicate FAQ questions, reported (never dropped) so the owning departments can merge them.

Similarity is character-bigram Jaccard on a normalised question; candidates come from an
inverted index with prefix filtering, so 2,000 questions take well under a second.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "DEFAULT_THRESHOLD",
    "DuplicatePair",
    "find_duplicate_questions",
    "normalise_question",
    "question_similarity",
    "substitutes_term",
]

# Chosen on localgovFAQ (1,786 questions). Templated FAQs are full of siblings that differ in one
# key term (東部/北部浄化センター, 私立/市立幼稚園) at Jaccard 0.8-0.9, so pairs whose difference
# substitutes a term are not reported at all; of the rest, pairs at 0.7+ are one question asked
# in general and in a narrower form (worth a review), while below 0.7 they drift apart.
DEFAULT_THRESHOLD = 0.7
REASON_SAME = "same normalised question"
REASON_SIMILAR = "similar"

# Polite/question endings that do not change what is asked, longest first.
_ENDINGS = ("のでしょうか", "でしょうか", "ですか", "ますか", "のか", "か")
_ENDING_REPLACEMENTS = {"ますか": "ます"}
_TERM_CHAR = re.compile(r"[\u3400-\u9fff\u30a0-\u30ffa-z0-9]")  # kanji, katakana, latin, digits


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    key_a: str
    key_b: str
    similarity: float  # bigram Jaccard in [0, 1]; 1.0 for the same normalised question
    reason: str  # REASON_SAME or REASON_SIMILAR


def normalise_question(question: str) -> str:
    """NFKC, case-folded, whitespace/punctuation/symbols removed, question endings trimmed."""
    text = unicodedata.normalize("NFKC", question).casefold()
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PSZC")
    for ending in _ENDINGS:
        if text.endswith(ending) and len(text) > len(ending) + 1:
            text = text[: -len(ending)] + _ENDING_REPLACEMENTS.get(ending, "")
            break
    return re.sub(r"\s+", "", text)


def _bigrams(normalised: str) -> frozenset[str]:
    if len(normalised) < 2:
        return frozenset({normalised}) if normalised else frozenset()
    return frozenset(normalised[i : i + 2] for i in range(len(normalised) - 1))


def question_similarity(a: str, b: str) -> float:
    """Bigram Jaccard of two questions after `normalise_question`."""
    grams_a, grams_b = _bigrams(normalise_question(a)), _bigrams(normalise_question(b))
    if not grams_a or not grams_b:
        return 0.0
    shared = len(grams_a & grams_b)
    return shared / (len(grams_a) + len(grams_b) - shared)


def substitutes_term(normalised_a: str, normalised_b: str) -> bool:
    """True when the two questions differ by swapping a term (東部→北部), not by rewording.

    A replaced span counts as a term swap when both sides hold kanji/katakana/latin/digits, or
    one side holds two or more of them (母子家庭等 → こども); 知り → きき is a rewording.
    """
    matcher = difflib.SequenceMatcher(None, normalised_a, normalised_b, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op != "replace":
            continue
        terms_a = len(_TERM_CHAR.findall(normalised_a[a1:a2]))
        terms_b = len(_TERM_CHAR.findall(normalised_b[b1:b2]))
        if (terms_a and terms_b) or max(terms_a, terms_b) >= 2:
            return True
    return False


def find_duplicate_questions(
    entries: Sequence[tuple[str, str]], *, threshold: float = DEFAULT_THRESHOLD
) -> list[DuplicatePair]:
    """Pairs among (key, question) entries that are the same, or Jaccard >= `threshold` without
    a term swap (see `substitutes_term`). Sorted by similarity (highest first), then entry order.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError("threshold must be in (0, 1]")
    normalised = [normalise_question(q) for _, q in entries]
    grams = [_bigrams(n) for n in normalised]
    frequency = Counter(g for gs in grams for g in gs)
    # Global order: rare bigrams first, so prefixes (and postings) stay short.
    ordered = [sorted(gs, key=lambda g: (frequency[g], g)) for gs in grams]
    index: dict[str, list[int]] = {}
    found: list[tuple[float, int, int, str]] = []
    for j, tokens in enumerate(ordered):
        if not tokens:
            continue
        size_j = len(tokens)
        prefix = size_j - math.ceil(threshold * size_j) + 1
        candidates: set[int] = set()
        for gram in tokens[:prefix]:
            candidates.update(index.get(gram, ()))
            index.setdefault(gram, []).append(j)
        for i in candidates:
            size_i = len(grams[i])
            if size_i < threshold * size_j or size_j < threshold * size_i:
                continue
            if normalised[i] == normalised[j]:
                found.append((1.0, i, j, REASON_SAME))
                continue
            shared = len(grams[i] & grams[j])
            similarity = shared / (size_i + size_j - shared)
            if similarity >= threshold and not substitutes_term(normalised[i], normalised[j]):
                found.append((similarity, i, j, REASON_SIMILAR))
    found.sort(key=lambda f: (-f[0], f[1], f[2]))
    return [
        DuplicatePair(entries[i][0], entries[j][0], round(sim, 4), reason)
        for sim, i, j, reason in found
    ]
