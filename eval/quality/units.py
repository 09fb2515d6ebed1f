"""The citable units of the shared corpora (条/項 of laws and 例規, pages of PDFs, numbered
sections of HTML guidelines), read with the real parsers, and the text behind a gold label.

Label verification (`eval.quality.verify`) and the peer pipeline's unit-level scoring (a chunk
counts when it overlaps a gold unit's text) both go through `unit_text`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from core.types import Chunk, ParsedDocument, Part
from eval.quality.datasets import Label, section_number
from index.tokenize_ja import normalize

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared" / "datasets"  # ../shared/datasets beside the repo


@dataclass(frozen=True, slots=True)
class CorpusFile:
    path: Path
    document: ParsedDocument  # parsed at 項 level (every multi-項 条 split)


def corpus_paths(shared: Path) -> dict[str, list[Path]]:
    """The source files of each question set, by set name."""
    reiki = shared / "municipal_reiki_html"
    guides = shared / "jp_gov_guidelines_pdf_html"
    return {
        "statutes": sorted((shared / "egov_law_xml").glob("*.xml")),
        "reiki": sorted([*(reiki / "katsuragi_town").glob("*.html"),
                         *(reiki / "tokyo_metro").glob("*.html")]),
        "manuals": sorted([*(guides / "pdf").glob("*.pdf"), *(guides / "html").glob("*.html")]),
    }


def parse_unit_level(path: Path) -> ParsedDocument:
    """Parse as ingest does, but with every multi-項 条 split into 項 (long_article_chars=0),
    so a label's 項 has its own text."""
    content = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".xml":
        from ingest.egov_xml import parse_egov_xml

        return parse_egov_xml(content, long_article_chars=0)
    if suffix in (".html", ".htm"):
        from ingest.reiki_html import parse_reiki_html

        if b'class="eline' in content or b"class='eline" in content:
            return parse_reiki_html(content, long_article_chars=0)
    from ingest.pipeline import parse_bytes

    return parse_bytes(content, name=path.name)


def load_corpus(paths: Iterable[Path]) -> list[CorpusFile]:
    return [CorpusFile(p, parse_unit_level(p)) for p in paths]


def find_document(corpus: Sequence[CorpusFile], name: str) -> CorpusFile | None:
    wanted = normalize(name)
    for entry in corpus:
        if normalize(entry.document.title) == wanted:
            return entry
    return None


def section_of(chunk: Chunk) -> str | None:
    return section_number(chunk.label or chunk.caption or "")


def _paragraph_text(chunk: Chunk, paragraph: str) -> str | None:
    """One 項 of a whole-条 chunk, cut out by its metadata["paragraphs"] spans."""
    spans = chunk.metadata.get("paragraphs", "")
    if not spans:
        return chunk.text if paragraph == "1" else None
    for span in spans.split(","):
        number, _, where = span.partition(":")
        if number == paragraph:
            begin, _, end = where.partition("-")
            return chunk.text[int(begin):int(end)]
    return None


def unit_texts(document: ParsedDocument, label: Label) -> list[str]:
    """The texts (見出し + text) that make up the labelled unit; [] when it does not exist.

    Works on any parse: a 項 label takes the 項's own chunk or its span of the whole 条."""
    part = label.part or (Part.TABLE.value if label.table else Part.MAIN.value)
    out = []
    for chunk in document.chunks:
        text: str | None = None
        if label.article:
            if chunk.article != label.article or chunk.part.value != part:
                continue
            text = chunk.text
            if label.paragraph:
                if chunk.paragraph is not None:
                    text = chunk.text if chunk.paragraph == label.paragraph else None
                else:
                    text = _paragraph_text(chunk, label.paragraph)
        elif label.table:
            if chunk.part.value == Part.TABLE.value and chunk.label.startswith(label.table):
                text = chunk.text
        elif label.faq_id:
            if chunk.metadata.get("faq_id") == label.faq_id:
                text = f"{chunk.question or ''}\n{chunk.answer or chunk.text}"
        elif label.page is not None:
            first = chunk.page or 0
            if first and first <= label.page <= (chunk.page_end or first):
                text = chunk.text
        elif label.section:
            if section_of(chunk) == normalize(label.section):
                text = chunk.text
        elif label.part and chunk.part.value == label.part:  # e.g. the whole 附則
            text = chunk.text
        if text:
            out.append(f"{chunk.caption or ''}\n{text}" if chunk.caption else text)
    return out


def unit_text(document: ParsedDocument, label: Label) -> str:
    return "\n".join(unit_texts(document, label))


WINDOW_CHARS = 12


def _windows(text: str, step: int) -> list[str]:
    flat = "".join(normalize(text).split())
    if len(flat) <= WINDOW_CHARS:
        return [flat] if flat else []
    return [flat[i:i + WINDOW_CHARS] for i in range(0, len(flat) - WINDOW_CHARS + 1, step)]


def overlaps(chunk_text: str, unit: str, *, share: float = 0.5) -> bool:
    """Whether a peer chunk stands for a gold unit: it carries at least `share` of the unit's
    text, or at least `share` of the chunk is the unit's text (a long 条 split into chunks).
    Compared as 12-character windows of the normalised text, so a phrase common to many
    articles (「労働者の過半数で組織する労働組合」) is not enough."""
    unit_windows = _windows(unit, 3)
    chunk_windows = _windows(chunk_text, 3)
    if not unit_windows or not chunk_windows:
        return False
    chunk_set = set(_windows(chunk_text, 1))
    unit_set = set(_windows(unit, 1))
    covered = sum(1 for w in unit_windows if w in chunk_set) / len(unit_windows)
    inside = sum(1 for w in chunk_windows if w in unit_set) / len(chunk_windows)
    return covered >= share or inside >= share
