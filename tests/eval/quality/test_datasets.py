from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.errors import InputError
from core.types import Hit
from eval.quality.datasets import (
    Label,
    graded_gains,
    label_matches,
    load_dataset,
    parse_csv,
    parse_jsonl,
)
from tests.conftest import SAMPLE_DIR, shared_dataset


def hit(**kw: object) -> Hit:
    base = {"chunk_id": "c", "score": 1.0, "kind": "regulation", "document_id": "reg-1",
            "document_title": "労働基準法", "article": None, "paragraph": None, "item": None,
            "page": None, "question": None, "text": ""}
    extra = kw.pop("extra", {})
    base.update(kw)
    return Hit(**base, extra=extra)  # type: ignore[arg-type]


def test_jsonl_parses_labels_and_fields() -> None:
    line = {"id": "q1", "query": "有休は？", "answerable": True, "kind": "regulation",
            "relevant": [{"document": "労働基準法", "article": "39", "paragraph": "1"}]}
    (q,) = parse_jsonl(json.dumps(line, ensure_ascii=False))
    assert q.labels == (Label("労働基準法", article="39", paragraph="1"),)
    assert q.fields == {"kind": "regulation"}


@pytest.mark.parametrize(("text", "message"), [
    ('{"query": "a", "relevant": [{"document": "x"}]}\n{broken', "dataset:2: invalid JSON"),
    ('{"query": ""}', "dataset:1: 'query' must be a non-empty string"),
    ('{"query": "a", "answerable": "yes"}', "dataset:1: 'answerable' must be true or false"),
    ('{"query": "a"}', "dataset:1: an answerable question needs at least one relevant entry"),
    ('{"query": "a", "relevant": [{"article": "1"}]}', "needs a 'document'"),
    ('{"query": "a", "relevant": [{"document": "x", "chapter": "1"}]}', "unknown label field"),
    ("[1, 2]", "dataset:1: each line must be a JSON object"),
    ("", "no questions"),
])
def test_jsonl_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_jsonl(text)


def test_csv_groups_rows_by_id() -> None:
    text = ("id,query,answerable,document,article,paragraph\n"
            "q1,年休は？,true,条例,10,1\nq1,年休は？,true,FAQ,,\nu1,議会の傍聴,false,,,\n")
    q1, u1 = parse_csv(text)
    assert [lb.document for lb in q1.labels] == ["条例", "FAQ"]
    assert not u1.answerable
    assert u1.labels == ()


def test_csv_bad_answerable_names_line() -> None:
    with pytest.raises(InputError, match=r"dataset:2: answerable must be true or false"):
        parse_csv("id,query,answerable,document\nq1,a,maybe,x\n")


def test_label_matching_rules() -> None:
    whole_article = hit(article="39", extra={"covers": "a:39"})
    para2 = hit(article="39", paragraph="2", extra={"covers": "a:39"})
    assert label_matches(Label("労働基準法", article="39", paragraph="1"), whole_article)
    assert not label_matches(Label("労働基準法", article="39", paragraph="1"), para2)
    assert not label_matches(Label("民法", article="39"), whole_article)
    merged = hit(extra={"covers": "a:38,a:39,a:40"})
    assert label_matches(Label("労働基準法", article="39", paragraph="1"), merged)
    faq = hit(kind="faq", document_title="みどり市職員FAQ", extra={"covers": "q:FAQ-001"})
    assert label_matches(Label("みどり市職員FAQ", faq_id="FAQ-001"), faq)
    assert not label_matches(Label("みどり市職員FAQ", faq_id="FAQ-002"), faq)
    page = hit(document_title="手順書", extra={"covers": "p:3,p:4"})
    assert label_matches(Label("手順書", page=4), page)
    assert not label_matches(Label("手順書", page=5), page)


def test_gains_credit_each_label_once() -> None:
    label = Label("労働基準法", article="39")
    hits = [hit(article="39", extra={"covers": "a:39"})] * 2
    assert graded_gains([label], hits) == [1.0, 0.0]


def test_sample_eval_set_loads() -> None:
    path = SAMPLE_DIR / "eval.jsonl"
    if not path.exists():
        pytest.skip("sample eval set not written yet")
    dataset = load_dataset(path)
    answerable = [q for q in dataset.questions if q.answerable]
    assert len(answerable) >= 40
    assert len(dataset.questions) - len(answerable) >= 8


def test_beir_folder_loads_graded_qrels() -> None:
    folder = shared_dataset("localgovfaq_amagasaki")
    dataset = load_dataset(folder)
    assert len(dataset.questions) == 749
    assert dataset.corpus_path == folder / "corpus.json"
    grades = {lb.grade for q in dataset.questions for lb in q.labels}
    assert grades == {1.0, 2.0}


def test_missing_dataset_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such dataset"):
        load_dataset(tmp_path / "nope.jsonl")
    (tmp_path / "beir").mkdir()
    with pytest.raises(InputError, match=r"queries\.json"):
        load_dataset(tmp_path / "beir")


CSV_TEXT = ("id,query,answerable,document,article\n"
            "q1,年休は何日？,true,みどり市職員の勤務時間、休日及び休暇に関する条例,10\n"
            "u1,議会の傍聴,false,,\n")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp932", "utf-8"])
def test_csv_loads_excel_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "set.csv"
    path.write_bytes(CSV_TEXT.replace("\n", "\r\n").encode(encoding))
    q1, u1 = load_dataset(path).questions
    assert q1.query == "年休は何日？"
    assert q1.labels[0].document.startswith("みどり市")
    assert not u1.answerable


def _beir(tmp_path: Path, queries: str, qrels: str) -> Path:
    folder = tmp_path / "beir"
    folder.mkdir()
    (folder / "queries.json").write_text(queries, encoding="utf-8")
    (folder / "qrels.json").write_text(qrels, encoding="utf-8")
    (folder / "corpus.json").write_text('{"0": "Question: a\\nAnswer: b"}', encoding="utf-8")
    return folder


@pytest.mark.parametrize(("queries", "qrels", "message"), [
    ('{"0": "a",\n "1": }', "{}", r"queries\.json:2: invalid JSON"),
    ('["a"]', "{}", r"queries\.json: expected a JSON object"),
    ('{"0": ""}', "{}", r"query '0' must be a non-empty string"),
    ('{"0": "a"}', '{"9": {"0": 1}}', r"qrels\.json: query '9' is not in queries\.json"),
    ('{"0": "a"}', '{"0": {"0": "high"}}', r"query '0', document '0': grade must be a number"),
    ('{"0": "a"}', '{"0": [0]}', r"expected \{corpus id: grade\}"),
])
def test_beir_malformed_is_a_clear_error(tmp_path: Path, queries: str, qrels: str,
                                         message: str) -> None:
    with pytest.raises(InputError, match=message):
        load_dataset(_beir(tmp_path, queries, qrels))


def test_beir_small_folder_loads(tmp_path: Path) -> None:
    dataset = load_dataset(_beir(tmp_path, '{"0": "a", "1": "b"}', '{"0": {"0": 2}}'))
    q0, q1 = dataset.questions
    assert q0.labels == (Label("corpus", faq_id="0", grade=2.0),)
    assert not q1.answerable


def test_units_matched_splits_merged_chunks() -> None:
    from eval.quality.runner import units_matched

    labels = [Label("労働基準法", article="39", paragraph="1")]
    assert units_matched(labels, hit(article="39", paragraph="1", extra={"covers": "a:39"})) == (
        1, 1)
    assert units_matched(labels, hit(extra={"covers": "a:38,a:39,a:40"})) == (1, 3)
    assert units_matched(labels, hit(extra={"covers": "a:1,a:2"})) == (0, 2)
