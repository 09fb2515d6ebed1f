"""The issue-14 question sets: sizes, splits, and labels checked against the parsed corpus."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from eval.quality.datasets import Label
from eval.quality.sets import SET_NAMES, assign_splits, load_set, sets_dir, split_dataset, stratum
from eval.quality.units import corpus_paths, load_corpus
from eval.quality.verify import check_question, evidence_of, verify_set
from tests.conftest import REPO_ROOT, shared_dataset


def test_sets_are_large_enough_with_out_of_scope_questions() -> None:
    datasets = [load_set(REPO_ROOT, name) for name in SET_NAMES]
    questions = [q for d in datasets for q in d.questions]
    assert len(questions) >= 150
    assert sum(not q.answerable for q in questions) >= 40
    assert {q.fields.get("scope") for q in questions if not q.answerable} == {
        "other_law", "city_fact", "false_premise"}
    assert len({q.id for q in questions}) == len(questions)


@pytest.mark.parametrize("name", SET_NAMES)
def test_stored_split_is_the_seeded_stratified_one(name: str) -> None:
    dataset = load_set(REPO_ROOT, name)
    expected = assign_splits([(q.id, stratum(q)) for q in dataset.questions])
    assert {q.id: q.fields["split"] for q in dataset.questions} == expected
    dev, test = split_dataset(dataset, "dev"), split_dataset(dataset, "test")
    assert len(dev.questions) + len(test.questions) == len(dataset.questions)
    assert sum(not q.answerable for q in test.questions) >= 6


def test_reiki_labels_hold_their_evidence_in_the_parsed_html() -> None:
    shared = shared_dataset("municipal_reiki_html").parent
    count, problems = verify_set(REPO_ROOT, "reiki", shared)
    assert count == 46
    assert problems == []


def test_a_wrong_label_or_word_is_reported() -> None:
    shared = shared_dataset("municipal_reiki_html").parent
    corpus = load_corpus(corpus_paths(shared)["reiki"])
    dataset = load_set(REPO_ROOT, "reiki")
    evidence = evidence_of(sets_dir(REPO_ROOT) / "reiki.jsonl")
    question = next(q for q in dataset.questions if q.answerable)
    assert check_question(question, evidence[question.id], corpus) == []
    missing = replace(question, labels=(Label(question.labels[0].document, article="99"),))
    assert "no such unit" in check_question(missing, evidence[question.id], corpus)[0].reason
    moved = replace(question, labels=(replace(question.labels[0], article="9"),))
    assert check_question(moved, evidence[question.id], corpus)  # 第9条 lacks the words
    assert check_question(question, ["存在しない語"], corpus)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["statutes", "manuals"])
def test_every_label_holds_its_evidence(name: str) -> None:
    shared = shared_dataset("egov_law_xml").parent
    _count, problems = verify_set(REPO_ROOT, name, shared)
    assert problems == []


def test_rows_keep_evidence_for_answerable_questions() -> None:
    for name in SET_NAMES:
        for line in (sets_dir(REPO_ROOT) / f"{name}.jsonl").read_text("utf-8").splitlines():
            row = json.loads(line)
            assert bool(row.get("evidence")) == row["answerable"], row["id"]
