"""The question sets written for issue 14 (data/eval/*.jsonl) and their dev/test split.

The split is by question, stratified by (answerable, kind or scope) within each set, with a
fixed seed, and stored in each row's `split` field; `assign_splits` reproduces it.
"""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from eval.quality.datasets import Dataset, Question, load_dataset

SET_NAMES = ("statutes", "reiki", "manuals")
SPLIT_SEED = 14


def sets_dir(root: Path) -> Path:
    return root / "data" / "eval"


def stratum(question: Question) -> str:
    if question.answerable:
        return "answerable:" + question.fields.get("kind", "")
    return "unanswerable:" + question.fields.get("scope", "")


def assign_splits(ids_and_strata: Sequence[tuple[str, str]], *, seed: int = SPLIT_SEED
                  ) -> dict[str, str]:
    """id → "dev" | "test": each stratum shuffled with a seed derived from (seed, stratum)
    and halved, the odd one out going to test."""
    groups: dict[str, list[str]] = defaultdict(list)
    for qid, key in ids_and_strata:
        groups[key].append(qid)
    out: dict[str, str] = {}
    for key, ids in sorted(groups.items()):
        digest = hashlib.sha256(f"{seed}:{key}".encode()).hexdigest()
        order = sorted(ids)
        random.Random(int(digest[:16], 16)).shuffle(order)
        half = len(order) // 2
        out.update(dict.fromkeys(order[:half], "dev"))
        out.update(dict.fromkeys(order[half:], "test"))
    return out


def split_dataset(dataset: Dataset, split: str) -> Dataset:
    """The questions of one split ("dev", "test" or "all")."""
    if split == "all":
        return dataset
    kept = tuple(q for q in dataset.questions if q.fields.get("split") == split)
    return Dataset(f"{dataset.name}[{split}]", kept, dataset.corpus_path)


def load_set(root: Path, name: str) -> Dataset:
    return load_dataset(sets_dir(root) / f"{name}.jsonl")
