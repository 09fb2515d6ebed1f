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


def unit_chunks(document: ParsedDocument, label: Label) -> list[Chunk]:
    """The chunks (of a unit-level parse) that make up the labelled unit; [] if none."""
    part = label.part or Part.MAIN.value
    out = []
    for chunk in document.chunks:
        if label.article:
            if chunk.article != label.article or chunk.part.value != part:
                continue
            if label.paragraph and (chunk.paragraph or "1") != label.paragraph:
                continue
            out.append(chunk)
        elif label.page is not None:
            first = chunk.page or 0
            if first <= label.page <= (chunk.page_end or first) and first:
                out.append(chunk)
        elif label.section and section_of(chunk) == normalize(label.section):
            out.append(chunk)
    return out


def unit_text(document: ParsedDocument, label: Label) -> str:
    """The labelled unit's text (見出し and text of its chunks); "" when it does not exist."""
    return "\n".join(f"{c.caption or ''}\n{c.text}" for c in unit_chunks(document, label))
