"""Japanese terms for the sparse vector: fugashi + unidic-lite lemmas of content words.

Text is NFKC-normalised (full/half width folded, ＵＳＢ → usb) before tagging; terms are the
unidic lemmas of nouns, verbs, adjectives and adjectival nouns, not particles or auxiliaries.
Terms are hashed into a 31-bit space, so the sparse index needs no vocabulary file.
"""

from __future__ import annotations

import threading
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable

from index.stores.base import SparseVector

CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞", "副詞", "接頭辞", "接尾辞"})
# Function-like content words that carry no topic: light verbs and formal nouns.
STOP_LEMMAS = frozenset(
    [
        "為る",
        "有る",
        "居る",
        "成る",
        "出来る",
        "言う",
        "思う",
        "見る",
        "行く",
        "来る",
        "貰う",
        "呉れる",
        "遣る",
        "置く",
        "仕舞う",
        "頂く",
        "事",
        "物",
        "為",
        "様",
        "時",
        "所",
        "方",
        "中",
        "等",
        "的",
        "さん",
        "何",
        "それ",
        "これ",
        "此れ",
        "其れ",
        "訳",
        "筈",
        "の",
        "ん",
    ]
)
BM25_K1 = 1.2
BM25_B = 0.75
AVG_DOC_TERMS = 60.0  # typical article/QA length in terms; b-normalisation reference


def normalize(text: str) -> str:
    """NFKC + lower case: the copy used for matching (the stored text stays as written)."""
    return unicodedata.normalize("NFKC", text).lower()


def term_index(term: str) -> int:
    return zlib.crc32(term.encode("utf-8")) & 0x7FFFFFFF


class JapaneseTokenizer:
    """Content-word lemmas via fugashi. One tagger per instance; calls are serialised."""

    def __init__(self) -> None:
        import fugashi  # loaded when built, not at import time

        self._tagger = fugashi.Tagger()
        self._lock = threading.Lock()

    def terms(self, text: str) -> list[str]:
        normalized = normalize(text)
        with self._lock:
            words = [
                (w.surface, w.feature.pos1, w.feature.pos2, w.feature.lemma)
                for w in self._tagger(normalized)
            ]
        out: list[str] = []
        for surface, pos1, pos2, lemma in words:
            if pos1 not in CONTENT_POS or (pos1 == "名詞" and pos2 == "非自立可能"):
                continue
            term = normalize(lemma.split("-", 1)[0] if lemma else surface)
            if not term.strip() or term in STOP_LEMMAS:
                continue
            if pos1 in {"接頭辞", "接尾辞"} and len(term) < 2:
                continue
            out.append(term)
        return out

    def document_vector(self, text: str) -> SparseVector:
        """BM25 term-frequency part for a stored chunk; Qdrant's IDF modifier adds the rest."""
        return bm25_document_vector(self.terms(text))

    def query_vector(self, text: str) -> SparseVector:
        return query_vector(self.terms(text))


def bm25_document_vector(terms: Iterable[str]) -> SparseVector:
    counts = Counter(terms)
    length = sum(counts.values()) or 1
    norm = BM25_K1 * (1 - BM25_B + BM25_B * length / AVG_DOC_TERMS)
    return _to_sparse({t: tf * (BM25_K1 + 1) / (tf + norm) for t, tf in counts.items()})


def query_vector(terms: Iterable[str]) -> SparseVector:
    return _to_sparse(dict.fromkeys(terms, 1.0))


def _to_sparse(weights: dict[str, float]) -> SparseVector:
    merged: dict[int, float] = {}
    for term, weight in weights.items():
        idx = term_index(term)
        merged[idx] = merged.get(idx, 0.0) + weight
    ordered = sorted(merged.items())
    return SparseVector(tuple(i for i, _ in ordered), tuple(v for _, v in ordered))
