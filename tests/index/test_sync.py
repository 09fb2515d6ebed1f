"""`chonai sync` and incremental re-ingest through the real parts (bundled e5, Qdrant edge,
SQLite): the plan (add / replace / retire), dry-run, idempotence, and an amendment of one 条
that re-embeds that unit only."""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from api.cli import main
from tests.conftest import SAMPLE_DIR, TEST_DATA

LAW = TEST_DATA / "egov_two_articles.xml"
SEAL = SAMPLE_DIR / "corpus" / "みどり市公印規程.txt"
FAQ = SAMPLE_DIR / "corpus" / "財務会計システムFAQ.xlsx"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code = main([*argv, "--json"])
    out = capsys.readouterr().out
    return code, (json.loads(out) if out.strip() else {})


def cached_vectors(data_dir: Path) -> int:
    with sqlite3.connect(data_dir / "embeddings.sqlite") as db:
        return int(db.execute("SELECT count(*) FROM embedding").fetchone()[0])


def amend(path: Path) -> None:
    """Amend one 条: 第一条第二項 gets new wording and the 施行日 moves."""
    text = path.read_text("utf-8")
    assert "試験は、次に掲げる区分とする。" in text
    text = text.replace("試験は、次に掲げる区分とする。", "試験は、次に掲げる区分により行う。")
    text = text.replace("令和六年十月一日から施行する", "令和七年四月一日から施行する")
    path.write_text(text, "utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "reiki"
    src.mkdir()
    shutil.copy(LAW, src / "shiken.xml")
    shutil.copy(SEAL, src / SEAL.name)
    (src / "faq").mkdir()
    shutil.copy(FAQ, src / "faq" / FAQ.name)
    return src


def test_sync_plan_apply_idempotent_retire(folder: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "var"
    dd = ("--data-dir", str(data))

    code, plan = run(capsys, "sync", str(folder), "--dry-run", *dd)
    assert code == 0
    assert plan["counts"] == {"add": 3, "replace": 0, "retire": 0, "unchanged": 0}
    assert not (data / "chonai.db").exists()  # a dry run opens no catalog

    code, report = run(capsys, "sync", str(folder), *dd)
    assert code == 0, report
    assert report["counts"]["add"] == 3
    assert {r["action"] for r in report["results"]} == {"add"}
    by_path = {r["path"]: r for r in report["results"]}
    assert by_path["shiken.xml"]["effective_date"] == "2024-10-01"
    law_id = by_path["shiken.xml"]["document_id"]
    seal_id = by_path[SEAL.name]["document_id"]

    code, again = run(capsys, "sync", str(folder), *dd)  # idempotent: nothing to do
    assert code == 0
    assert again["counts"] == {"add": 0, "replace": 0, "retire": 0, "unchanged": 3}
    assert again["results"] == []
    assert again["retired"] == []

    amend(folder / "shiken.xml")
    (folder / SEAL.name).unlink()
    code, plan = run(capsys, "sync", str(folder), "--dry-run", *dd)
    assert plan["counts"] == {"add": 0, "replace": 1, "retire": 1, "unchanged": 1}
    assert {(s["action"], s["path"]) for s in plan["steps"]} == {
        ("replace", "shiken.xml"), ("retire", SEAL.name)}
    code, _ = run(capsys, "documents", "versions", law_id, *dd)
    assert len(_["versions"]) == 1  # the dry run changed nothing

    code, report = run(capsys, "sync", str(folder), *dd)
    assert code == 0, report
    (replaced,) = report["results"]
    assert replaced["action"] == "replace"
    assert replaced["document_id"] == law_id
    assert replaced["effective_date"] == "2025-04-01"  # 施行日 from the amended document
    assert replaced["units"]["changed"] >= 1
    assert replaced["units"]["added"] == 0
    assert report["retired"] == [{"path": SEAL.name, "document_id": seal_id}]

    code, versions = run(capsys, "documents", "versions", law_id, *dd)
    assert [v["current"] for v in versions["versions"]] == [False, True]
    # retired: every version kept in history, nothing searchable
    code, versions = run(capsys, "documents", "versions", seal_id, *dd)
    assert len(versions["versions"]) == 1
    assert not versions["versions"][0]["current"]
    code, hits = run(capsys, "search", "公印の管理者", "--top-k", "20", *dd)
    assert seal_id not in {h["document_id"] for h in hits["results"]}
    code, hits = run(capsys, "search", "公印の管理者", "--top-k", "20", "--history", *dd)
    assert seal_id in {h["document_id"] for h in hits["results"]}
    code, hits = run(capsys, "search", "区分により行う", "--top-k", "3", *dd)
    assert hits["results"][0]["document_id"] == law_id
    assert "区分により行う" in hits["results"][0]["text"]

    code, again = run(capsys, "sync", str(folder), *dd)
    assert again["counts"] == {"add": 0, "replace": 0, "retire": 0, "unchanged": 2}

    shutil.copy(SEAL, folder / SEAL.name)  # the file comes back: searchable again
    code, report = run(capsys, "sync", str(folder), *dd)
    assert report["counts"]["add"] == 1
    code, hits = run(capsys, "search", "公印の管理者", "--top-k", "20", *dd)
    assert seal_id in {h["document_id"] for h in hits["results"]}


def test_amending_one_article_embeds_that_unit_only(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Re-ingest of an amended law: the content-hash cache means only the changed 条 reaches
    the model; the result says which units changed."""
    folder = tmp_path / "laws"
    folder.mkdir()
    law = folder / "shiken.xml"
    shutil.copy(LAW, law)
    dd = ("--data-dir", str(tmp_path / "var"))
    code, _first = run(capsys, "ingest", str(folder), *dd)
    assert code == 0
    before = cached_vectors(tmp_path / "var")
    amend(law)
    started = time.perf_counter()
    code, second = run(capsys, "ingest", str(folder), *dd)
    elapsed = time.perf_counter() - started
    assert code == 0
    (result,) = second["results"]
    assert result["status"] == "replaced"
    # 第一条 (its 第二項 reworded) and 附則 (new 施行日) changed; 第一条の二 and 別表 did not
    assert result["units"] == {"same": 2, "changed": 2, "added": 0, "removed": 0}
    assert cached_vectors(tmp_path / "var") - before == 2  # only those two were embedded
    assert elapsed < 30
    code, again = run(capsys, "ingest", str(folder), *dd)
    assert again["results"][0]["status"] == "unchanged"
    assert cached_vectors(tmp_path / "var") - before == 2


def test_sync_refuses_while_the_data_dir_is_locked(folder: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import subprocess
    import sys

    data = tmp_path / "var"
    data.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import filelock,sys,time; l=filelock.FileLock(sys.argv[1]); "
         "l.acquire(); print('locked', flush=True); time.sleep(60)", str(data / ".chonai.lock")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        code = main(["sync", str(folder), "--data-dir", str(data)])
        assert code == 1
        assert "使用中" in capsys.readouterr().err
        assert not (data / "chonai.db").exists()  # refused before anything was opened
    finally:
        holder.kill()
        holder.wait()
