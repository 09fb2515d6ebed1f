"""The service benchmark's report section: appended once, then replaced in place."""

from __future__ import annotations

from pathlib import Path

from eval.bench.service import END, START, markdown, update_doc

RESULT = {
    "machine": {"cpus": 2, "python": "3.11.9", "platform": "Linux", "load_avg_1m_at_start": 1.0},
    "date_utc": "2026-11-23 12:00",
    "ingest": {"files": 8, "chunks": 261, "seconds": 26.1, "chunks_per_s": 10.0,
               "model_load_s": 1.0, "errors": 0},
    "rss_mib_idle": 500.0, "rss_mib_after_load": 600.0, "rss_mib_peak": 650.0,
    "latency": {"search": {"n": 20, "p50_ms": 30.0, "p95_ms": 50.0}},
    "load": {"clients": 10, "seconds": 20.0, "requests": 100, "errors": 0, "req_per_s": 5.0,
             "p50_ms": 1000.0, "p95_ms": 2000.0, "p99_ms": 2500.0},
}


def test_update_doc_keeps_other_sections(tmp_path: Path) -> None:
    doc = tmp_path / "BENCHMARKS.md"
    doc.write_text("# Benchmarks\n\n## Search latency (issue 5)\n\nkeep me\n", encoding="utf-8")
    section = markdown(RESULT, "make bench-service")
    assert "**10.0 chunks/s**" in section
    assert "**5.0 req/s**" in section
    update_doc(doc, section)
    update_doc(doc, section.replace("10.0 chunks/s", "11.0 chunks/s"))
    text = doc.read_text(encoding="utf-8")
    assert "keep me" in text
    assert text.count(START) == text.count(END) == 1
    assert "11.0 chunks/s" in text
    assert "10.0 chunks/s" not in text
