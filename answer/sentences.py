"""Sentence splitting for Japanese answers and legal text: 。！？ end a sentence outside
（）「」, and so does a line break. Used by the answerer (quotes, streaming) and by verification.
"""

from __future__ import annotations

from collections.abc import Iterator

_OPEN = "（(「『【"
_CLOSE = "）)」』】"
_ENDS = "。．！？"


def _sentence_ends(text: str) -> Iterator[int]:
    """Positions just after each sentence end: after 。！？ outside （）「」, and at line breaks
    (legal text nests sentences in parentheses: 「…をいう。以下同じ。」)."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch == "\n" or (ch in _ENDS and depth == 0):
            depth = 0 if ch == "\n" else depth
            yield i + 1


def split_sentences(text: str) -> list[str]:
    """Sentences of `text`, stripped; line breaks end a sentence too."""
    sentences: list[str] = []
    start = 0
    for end in _sentence_ends(text):
        sentences.append(text[start:end])
        start = end
    sentences.append(text[start:])
    return [s.strip() for s in sentences if s.strip()]


def complete_sentences(text: str) -> tuple[str, str]:
    """(the finished sentences, the unfinished rest), cut where `split_sentences` would cut."""
    cut = 0
    for cut in _sentence_ends(text):  # noqa: B007  (the last end is the cut)
        pass
    return text[:cut], text[cut:]
