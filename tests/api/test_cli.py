"""The `chonai` CLI through main(argv): real model, Qdrant engine, fugashi and SQLite."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from api.cli import main
from tests.conftest import SAMPLE_DIR

REGULATION = "みどり市公印規程.txt"
FAQ = "みどり市職員FAQ.csv"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else {}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for name in (REGULATION, FAQ):
        shutil.copy(SAMPLE_DIR / "corpus" / name, folder / name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.xml").write_text("<Law><LawBody>", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("var")


def test_ingest_reports_good_and_bad_files(corpus: Path, data_dir: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "ingest", str(corpus), "--data-dir", str(data_dir), "--json")
    assert code == 1  # two bad files
    assert out["documents"] == 2
    assert out["chunks"] > 40
    assert {Path(e["path"]).name for e in out["errors"]} == {"empty.txt", "broken.xml"}
    assert all(e["error"] for e in out["errors"])
    code, again = run(capsys, "ingest", str(corpus / REGULATION), "--data-dir", str(data_dir),
                      "--json")
    assert code == 0
    assert again["chunks"] == 0
    assert again["results"][0]["status"] == "unchanged"


def test_search_json_hit_fields(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "search", "公印を押すときの手続", "--top-k", "3", "--kind",
                    "regulation", "--data-dir", str(data_dir), "--json")
    assert code == 0
    hits = out["results"]
    assert len(hits) == 3
    for hit in hits:
        assert hit["kind"] == "regulation"
        assert hit["document_title"] == "みどり市公印規程"
        assert hit["article"]
        assert hit["page"] is None
        assert hit["question"] is None


def test_ask_and_log(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "ask", "公印を押してもらうには？", "--data-dir", str(data_dir),
                    "--json")
    assert code == 0
    assert set(out) >= {"answer", "abstained", "citations", "similar_qas"}
    assert not out["abstained"]
    assert out["citations"]
    from db.catalog import Catalog

    logged = Catalog(f"sqlite:///{data_dir / 'chonai.db'}").recent_queries(1)[0]
    assert logged["query"] == "公印を押してもらうには？"
    assert logged["mode"] == "answer"


def test_ask_logs_the_question_masked_in_both_logs(data_dir: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Personal information in a question never reaches a log: the query log keeps the same
    masked text as the audit log (the CLI has no PII guard to refuse the question)."""
    from core.audit_key import key_file
    from db.audit import AuditLog
    from db.catalog import Catalog

    question = "090-1234-5678 の山田太郎さんに公印を押してもらうには？"
    code, _ = run(capsys, "ask", question, "--data-dir", str(data_dir), "--json")
    assert code == 0
    catalog = Catalog(f"sqlite:///{data_dir / 'chonai.db'}")
    logged = catalog.recent_queries(1)[0]["query"]
    audited = AuditLog(catalog.engine, key=key_file(data_dir / "audit.key")).entries()[-1]
    assert "090-1234-5678" not in logged
    assert "山田" not in logged
    assert "【電話番号】" in logged
    assert "【氏名】" in logged
    assert audited["query"] == logged
    assert set(audited["pii"]) == {"phone", "person_name"}


def test_documents_list_duplicates_delete(data_dir: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "documents", "list", "--data-dir", str(data_dir), "--json")
    assert code == 0
    by_title = {d["title"]: d for d in out["documents"]}
    assert set(by_title) == {"みどり市公印規程", "みどり市職員FAQ"}
    code, dup = run(capsys, "documents", "duplicates", "--data-dir", str(data_dir), "--json")
    assert code == 0
    assert isinstance(dup["duplicates"], list)
    doc_id = by_title["みどり市公印規程"]["document_id"]
    code, gone = run(capsys, "documents", "delete", doc_id, "--data-dir", str(data_dir), "--json")
    assert code == 0
    assert gone["chunks"] == by_title["みどり市公印規程"]["chunks"]
    assert main(["documents", "delete", doc_id, "--data-dir", str(data_dir)]) == 1
    assert "no document" in capsys.readouterr().err


def test_errors_are_one_line(data_dir: Path, tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["ingest", str(tmp_path / "missing.txt"), "--data-dir", str(data_dir)])
    assert code == 1
    code = main(["search", "  ", "--data-dir", str(data_dir)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert err[-1] == "chonai: error: query is empty"
    with pytest.raises(SystemExit) as exc:
        main(["ingest", "x", "--kind", "poem"])
    assert exc.value.code == 2
