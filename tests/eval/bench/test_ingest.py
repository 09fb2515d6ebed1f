"""The ingest benchmark's own parts: the amendment it makes and the table it writes."""

from __future__ import annotations

import shutil
from pathlib import Path

from eval.bench.ingest import END, START, amend_one_article, render, update_doc
from tests.conftest import TEST_DATA


def test_amend_one_article_rewords_article_two_only(tmp_path: Path) -> None:
    law = tmp_path / "law.xml"
    shutil.copy(TEST_DATA / "egov_two_articles.xml", law)
    text = law.read_text("utf-8").replace('<Article Num="1_2">', '<Article Num="2">')
    law.write_text(text, "utf-8")
    before = law.read_text("utf-8")
    amend_one_article(law)
    after = law.read_text("utf-8")
    assert after != before
    assert after.count("（令和八年改正）") == 1
    assert after.split('<Article Num="2">')[0] == before.split('<Article Num="2">')[0]


def test_render_and_update_doc(tmp_path: Path) -> None:
    pair = {"threads": 1, "ratio": 0.9,
            "model": {"per_s": 10.0, "chunks": 100, "chars": 300.0, "load": (1.0, 1.1)},
            "ingest": {"per_s": 9.0, "s": 11.1, "rss_mb": 700.0, "load": (1.1, 1.2)}}
    result = {"pair_files": ["a.xml"], "pairs": [pair, dict(pair, threads=2)],
              "whole": {"files": 10, "chunks": 2875, "s": 300.0, "per_s": 9.6, "rss_mb": 800.0,
                        "load": (1.0, 1.0), "threads": 2},
              "incremental": {"s": 4.2, "units": {"changed": 1}, "unchanged_files": 9,
                              "load": (1.0, 1.0)}}
    section = render(result)
    assert "| (b)/(a) | 1 | **0.90** | |" in section
    assert "2875 chunks" in section
    doc = tmp_path / "B.md"
    doc.write_text(f"# Benchmarks\n\n{START}\nstale figures\n{END}\n\n## other\n", "utf-8")
    update_doc(doc, section)
    text = doc.read_text("utf-8")
    assert "stale figures" not in text
    assert "## other" in text
    assert text.count(START) == 1
