"""Re-chunk a parsed document at a coarser granularity, for the granularity experiment.

`article` / `qa` keep the structure-aware chunks; `section` merges consecutive chunks under the
same 章/節 (regulations), heading (manuals) or category (FAQs); `file` concatenates the whole
document and cuts it only to fit the embedding model. Merged chunks list the articles, pages and
FAQ ids they cover in metadata["covers"], so evaluation can still match labels.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from core.types import Chunk, Kind, ParsedDocument

GRANULARITIES = ("article", "qa", "section", "file")
FILE_CHUNK_CHARS = 450  # ~512 e5 tokens of Japanese text


def regroup(doc: ParsedDocument, granularity: str, *,
            max_chars: int = FILE_CHUNK_CHARS) -> ParsedDocument:
    if granularity not in GRANULARITIES:
        raise ValueError(f"granularity must be one of {', '.join(GRANULARITIES)}")
    if granularity in ("article", "qa"):
        return doc
    if granularity == "file":
        return replace(doc, chunks=tuple(_windows(doc.title, doc.chunks, max_chars)))
    groups: list[list[Chunk]] = []
    for chunk in doc.chunks:
        if groups and _section_key(doc.kind, groups[-1][-1]) == _section_key(doc.kind, chunk):
            groups[-1].append(chunk)
        else:
            groups.append([chunk])
    merged = [_merge(group, _section_label(doc.kind, group[0])) for group in groups]
    return replace(doc, chunks=tuple(merged))


def covers(chunk: Chunk) -> str:
    """What a chunk stands for in label matching: 'a:17_2', 'p:3', 'q:FAQ-001', comma-joined."""
    if "covers" in chunk.metadata:
        return chunk.metadata["covers"]
    parts = []
    if chunk.article:
        parts.append(f"a:{chunk.article}")
    if chunk.page:
        last = chunk.page_end or chunk.page
        parts.extend(f"p:{p}" for p in range(chunk.page, last + 1))
    if "faq_id" in chunk.metadata:
        parts.append(f"q:{chunk.metadata['faq_id']}")
    return ",".join(parts)


def _section_key(kind: Kind, chunk: Chunk) -> tuple[str, ...]:
    if kind == Kind.FAQ:
        return (chunk.metadata.get("category", ""),)
    if kind == Kind.MANUAL:
        return chunk.path[:1] or (chunk.caption or "",)
    return (chunk.part.value, *chunk.path)


def _section_label(kind: Kind, chunk: Chunk) -> str:
    if kind == Kind.FAQ:
        return chunk.metadata.get("category", "") or "FAQ"
    return " ".join(chunk.path) or chunk.caption or chunk.label


def _merge(group: Sequence[Chunk], label: str) -> Chunk:
    first = group[0]
    pages = [c.page for c in group if c.page] + [c.page_end for c in group if c.page_end]
    return Chunk(
        text="\n".join(_full_text(c) for c in group),
        label=label,
        page=min(pages) if pages else None,
        page_end=max(pages) if pages else None,
        caption=label,
        path=first.path,
        part=first.part,
        source_ref=first.source_ref,
        metadata={"covers": _join_covers(group), "granularity": "section"},
    )


def _windows(title: str, chunks: Sequence[Chunk], max_chars: int) -> Iterable[Chunk]:
    """Whole-document text cut into consecutive windows; covers what each window touches."""
    window: list[Chunk] = []
    size = 0
    for chunk in chunks:
        text = _full_text(chunk)
        if window and size + len(text) > max_chars:
            yield _window(title, window)
            window, size = [], 0
        window.append(chunk)
        size += len(text)
    if window:
        yield _window(title, window)


def _window(title: str, group: Sequence[Chunk]) -> Chunk:
    merged = _merge(group, title)
    return replace(merged, metadata={**merged.metadata, "granularity": "file"})


def _full_text(chunk: Chunk) -> str:
    if chunk.question:
        return f"{chunk.question}\n{chunk.text}"
    head = f"（{chunk.caption}）{chunk.label}" if chunk.caption and chunk.article else chunk.label
    return f"{head}　{chunk.text}" if head else chunk.text


def _join_covers(group: Sequence[Chunk]) -> str:
    seen: dict[str, None] = {}
    for chunk in group:
        for part in covers(chunk).split(","):
            if part:
                seen[part] = None
    return ",".join(seen)
