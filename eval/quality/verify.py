"""Check every label of the issue-14 question sets against the parsed corpus.

A label passes when its document parses from the shared datasets, the labelled unit (条/項,
page or section) exists there, and the question's answer-bearing words (`evidence`) occur in
the labelled units (each word in at least one unit, each unit holding at least one word).
Out-of-scope questions carry no labels. Run: `python -m eval.quality.verify`.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from eval.quality.datasets import Question, load_dataset
from eval.quality.sets import SET_NAMES, sets_dir
from eval.quality.units import (
    SHARED,
    CorpusFile,
    corpus_paths,
    find_document,
    load_corpus,
    unit_texts,
)
from index.tokenize_ja import normalize


@dataclass(frozen=True, slots=True)
class Problem:
    question_id: str
    reason: str


def evidence_of(path: Path) -> dict[str, list[str]]:
    """The `evidence` words of each question id (a field the dataset loader ignores)."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out[str(row["id"])] = [str(w) for w in row.get("evidence", [])]
    return out


def check_question(question: Question, evidence: list[str], corpus: list[CorpusFile]
                   ) -> list[Problem]:
    if not question.answerable:
        if question.labels:
            return [Problem(question.id, "an out-of-scope question must have no labels")]
        if "scope" not in question.fields:
            return [Problem(question.id, "an out-of-scope question needs a 'scope'")]
        return []
    if not evidence:
        return [Problem(question.id, "no evidence words")]
    problems = []
    texts = []
    for label in question.labels:
        entry = find_document(corpus, label.document)
        if entry is None:
            problems.append(Problem(question.id, f"document not in corpus: {label.document}"))
            continue
        text = normalize("\n".join(unit_texts(entry.document, label)))
        if not text.strip():
            problems.append(Problem(question.id, f"no such unit: {label}"))
            continue
        if not any(normalize(w) in text for w in evidence):
            problems.append(Problem(question.id, f"unit holds none of {evidence}: {label}"))
        texts.append(text)
    for word in evidence:
        if texts and not any(normalize(word) in t for t in texts):
            problems.append(Problem(question.id, f"evidence {word!r} not in the labelled units"))
    if question.fields.get("split") not in ("dev", "test"):
        problems.append(Problem(question.id, "split must be dev or test"))
    return problems


def verify_set(root: Path, name: str, shared: Path) -> tuple[int, list[Problem]]:
    path = sets_dir(root) / f"{name}.jsonl"
    dataset = load_dataset(path)
    evidence = evidence_of(path)
    corpus = load_corpus(corpus_paths(shared)[name])
    problems = []
    for question in dataset.questions:
        problems.extend(check_question(question, evidence.get(question.id, []), corpus))
    return len(dataset.questions), problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."), help="repository root")
    parser.add_argument("--shared", type=Path, default=SHARED,
                        help="the shared datasets folder (default ../shared/datasets)")
    parser.add_argument("--set", choices=SET_NAMES, action="append")
    args = parser.parse_args(argv)
    failed = 0
    for name in args.set or SET_NAMES:
        count, problems = verify_set(args.root, name, args.shared)
        for problem in problems:
            print(f"{name} {problem.question_id}: {problem.reason}")
        print(f"{name}: {count} questions, {len(problems)} problems")
        failed += len(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
