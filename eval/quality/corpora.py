"""The benchmark sets of `make quality`: questions with a dev/test split, and the parsed
source documents both pipelines ingest.

| set | questions | corpus |
|---|---|---|
| sample | data/sample/eval.jsonl | data/sample/corpus |
| localgovfaq | ../shared/datasets/localgovfaq_amagasaki (749 queries) | its corpus.json |
| lawqa | ../shared/datasets/lawqa_jp (statute questions) | statute excerpts (gold passages) |
| statutes, reiki, manuals | data/eval/*.jsonl (issue 14) | the shared laws, 例規 HTML, guidelines |
| statutes-main | data/eval/statutes.jsonl | the six laws' 本則 only (no 附則/別表), 41 % |
|  |  | of the text: a shorter run for a busy machine |

Sets without a stored split get one from `eval.quality.sets.assign_splits` (same seed).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from core.errors import InputError
from core.types import ParsedDocument, Part
from eval.quality.datasets import Dataset, load_beir, load_dataset
from eval.quality.sets import assign_splits, sets_dir, stratum
from eval.quality.units import corpus_paths

BENCH_NAMES = ("sample", "localgovfaq", "lawqa", "statutes", "reiki", "manuals")
EXTRA_BENCHES = ("statutes-main",)


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    sha256: str
    document: ParsedDocument


@dataclass(frozen=True, slots=True)
class Bench:
    name: str
    dataset: Dataset  # every question carries fields["split"]
    sources: tuple[Source, ...]

    @property
    def key(self) -> str:
        """Content hash of the corpus: a cached index is reused only for the same sources."""
        joined = "\n".join(sorted(f"{s.name}:{s.sha256}" for s in self.sources))
        return hashlib.sha256(joined.encode()).hexdigest()[:16]


def with_splits(dataset: Dataset) -> Dataset:
    """The stored split where every question has one, else the seeded stratified split."""
    if all(q.fields.get("split") in ("dev", "test") for q in dataset.questions):
        return dataset
    splits = assign_splits([(q.id, stratum(q)) for q in dataset.questions])
    return replace(dataset, questions=tuple(
        replace(q, fields={**q.fields, "split": splits[q.id]}) for q in dataset.questions))


def _files(paths: Sequence[Path]) -> tuple[Source, ...]:
    from ingest.pipeline import load_file

    out = []
    for path in paths:
        loaded = load_file(path, max_bytes=200 * 2**20)
        out.append(Source(path.name, loaded.sha256, loaded.document))
    return tuple(out)


def load_bench(name: str, *, root: Path, shared: Path) -> Bench:
    """Questions and parsed sources of one set; InputError when its data is missing."""
    if name not in BENCH_NAMES + EXTRA_BENCHES:
        raise InputError(f"unknown set {name!r}; choose from "
                         f"{', '.join(BENCH_NAMES + EXTRA_BENCHES)}")
    if name == "statutes-main":
        full = load_bench("statutes", root=root, shared=shared)
        main_only = tuple(
            Source(s.name, hashlib.sha256(f"main:{s.sha256}".encode()).hexdigest(),
                   replace(s.document, chunks=tuple(c for c in s.document.chunks
                                                    if c.part is Part.MAIN)))
            for s in full.sources)
        return Bench(name, full.dataset, main_only)
    if name == "sample":
        from ingest.pipeline import discover

        dataset = load_dataset(root / "data" / "sample" / "eval.jsonl")
        sources = _files(discover([root / "data" / "sample" / "corpus"]))
    elif name == "localgovfaq":
        folder = shared / "localgovfaq_amagasaki"
        if not folder.is_dir():
            raise InputError(f"{folder}: localgovFAQ not found (--shared)")
        from ingest.faq import parse_faq_json

        dataset = load_beir(folder)
        content = (folder / "corpus.json").read_bytes()
        sources = (Source("corpus.json", hashlib.sha256(content).hexdigest(),
                          parse_faq_json(content, title="corpus")),)
    elif name == "lawqa":
        folder = shared / "lawqa_jp"
        if not folder.is_dir():
            raise InputError(f"{folder}: lawqa_jp not found (--shared)")
        from eval.quality.lawqa import excerpt_xml, load_lawqa
        from ingest.egov_xml import parse_egov_xml

        lawqa = load_lawqa(folder)
        dataset = lawqa.dataset
        excerpts = []
        for title, articles in sorted(lawqa.laws.items()):
            xml = excerpt_xml(title, list(articles.values()))
            excerpts.append(Source(f"{title}.xml", hashlib.sha256(xml).hexdigest(),
                                   parse_egov_xml(xml)))
        sources = tuple(excerpts)
    else:
        paths = corpus_paths(shared)[name]
        if not paths:
            raise InputError(f"{shared}: no source files for the {name} set (--shared)")
        dataset = load_dataset(sets_dir(root) / f"{name}.jsonl")
        sources = _files(paths)
    return Bench(name, with_splits(dataset), sources)
