"""Uploads by editors: multipart POST, background job with per-file progress, the ingestion
report, replacing and deleting versions, and the department the document is published to."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.api.auth_fixtures import HR, TAX, TAX_REGULATION, open_city
from tests.conftest import SAMPLE_DIR

NEW_TITLE = "みどり市軽自動車税事務取扱要領"
NEW_REGULATION = TAX_REGULATION.replace("みどり市市税事務取扱要領", NEW_TITLE).replace(
    "納税証明書", "軽自動車の標識")


@pytest.fixture(scope="module")
def city(city_template: Any,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    services, app, actors = open_city(*city_template,
                                      tmp_path_factory.mktemp("city-upload"))
    with TestClient(app) as client:
        yield {"services": services, "client": client, "actors": actors}
    services.close()


def wait(client: TestClient, job_id: str, headers: dict[str, str]) -> dict[str, Any]:
    for _ in range(600):
        job = client.get(f"/api/jobs/{job_id}", headers=headers).json()
        if job["status"] in ("done", "error"):
            return job
        time.sleep(0.1)
    raise AssertionError("upload job did not finish")


def upload(client: TestClient, headers: dict[str, str], files: list[tuple[str, bytes]],
           **form: Any) -> dict[str, Any]:
    res = client.post("/api/documents", headers=headers, data=form,
                      files=[("files", f) for f in files])
    assert res.status_code == 202, res.text
    return wait(client, res.json()["job_id"], headers)


def titles(client: TestClient, headers: dict[str, str]) -> set[str]:
    return {d["title"] for d in client.get("/api/documents", headers=headers).json()["documents"]}


def test_upload_report_progress_and_department(city: dict[str, Any]) -> None:
    client, actors = city["client"], city["actors"]
    editor = actors["tax_editor"].headers
    faq = (SAMPLE_DIR / "corpus" / "みどり市職員FAQ.csv").read_bytes()
    job = upload(client, editor, [("軽自動車税.txt", NEW_REGULATION.encode()),
                                  ("faq.csv", faq), ("broken.xml", b"<Law><LawBody>")],
                 departments=[TAX])
    assert job["status"] == "done"
    by_name = {f["name"]: f for f in job["files"]}
    assert by_name["軽自動車税.txt"]["status"] == "done"
    assert by_name["軽自動車税.txt"]["chunks_done"] == by_name["軽自動車税.txt"]["chunks_total"] > 0
    assert by_name["broken.xml"]["status"] == "error"
    progress = job["progress"]  # the batch's figures, as the terminal bar shows them
    assert progress["files_total"] == 3
    assert (progress["files_done"], progress["files_failed"]) == (2, 1)
    assert progress["chunks_done"] == progress["chunks_total"] == sum(
        f["chunks_total"] for f in job["files"]) > 0
    assert progress["eta_s"] == 0.0
    assert progress["chunks_per_s"] > 0
    report = job["report"]
    assert report["documents"] == 2
    assert report["chunks"] > 0
    assert [e["path"] for e in report["errors"]] == ["broken.xml"]
    assert isinstance(report["duplicates"], list)
    assert NEW_TITLE in titles(client, actors["tax_staff"].headers)
    assert NEW_TITLE not in titles(client, actors["hr_staff"].headers)
    assert NEW_TITLE not in titles(client, {})
    # the job belongs to its uploader
    assert client.get(f"/api/jobs/{job['id']}",
                      headers=actors["admin"].headers).status_code == 200
    other = client.get(f"/api/jobs/{job['id']}", headers=actors["hr_staff"].headers)
    assert other.status_code == 403


def test_replace_then_delete_versions(city: dict[str, Any]) -> None:
    client, actors = city["client"], city["actors"]
    editor = actors["tax_editor"].headers
    first = upload(client, editor, [("v1.txt", NEW_REGULATION.encode())], departments=[TAX])
    doc_id = first["report"]["results"][0]["document_id"]
    changed = NEW_REGULATION.replace("三百円", "四百円")
    second = upload(client, editor, [("v2.txt", changed.encode())], departments=[TAX],
                    replace_document_id=doc_id)
    assert second["report"]["results"][0]["status"] == "replaced"
    versions = client.get(f"/api/documents/{doc_id}", headers=editor).json()["versions"]
    assert len(versions) == 2
    current = second["report"]["results"][0]["version"]
    old = next(v["version"] for v in versions if v["version"] != current)
    assert client.delete(f"/api/documents/{doc_id}/versions/{current}",
                         headers=editor).status_code == 422
    res = client.delete(f"/api/documents/{doc_id}/versions/{old}", headers=editor)
    assert res.status_code == 200
    assert res.json()["chunks"] > 0
    assert len(client.get(f"/api/documents/{doc_id}", headers=editor).json()["versions"]) == 1
    text = client.get(f"/api/documents/{doc_id}/text", headers=editor).json()
    assert any("四百円" in c["text"] for c in text["chunks"])
    assert client.delete(f"/api/documents/{doc_id}",
                         headers=actors["tax_staff"].headers).status_code == 403
    assert client.delete(f"/api/documents/{doc_id}", headers=editor).status_code == 200
    assert NEW_TITLE not in titles(client, editor)


def test_upload_refusals(city: dict[str, Any]) -> None:
    client, actors = city["client"], city["actors"]
    editor = actors["tax_editor"].headers
    bad = [("../../etc/passwd", b"x"), (".env", b"x")]
    for name, data in bad:
        res = client.post("/api/documents", headers=editor, files={"files": (name, data)})
        assert res.status_code in (202, 422), res.text
        if res.status_code == 202:  # the name was reduced to its base name inside the folder
            job = wait(client, res.json()["job_id"], editor)
            assert job["files"][0]["name"] == "passwd"
            assert job["files"][0]["status"] == "error"
    res = client.post("/api/documents", headers=editor, data={"departments": [HR]},
                      files={"files": ("a.txt", b"x")})
    assert res.status_code == 403
    assert client.post("/api/documents", headers=editor).status_code == 422


def test_upload_size_limit(city: dict[str, Any]) -> None:
    services = city["services"]
    small = dataclasses.replace(services, settings=services.settings.model_copy(
        update={"max_upload_bytes": 100}))
    headers = city["actors"]["tax_editor"].headers
    with TestClient(create_app(services=small)) as client:
        # (the ids: an earlier test's job may still be finishing, its progress changing)
        jobs_before = [job["id"] for job in client.get("/api/jobs", headers=headers).json()["jobs"]]
        res = client.post("/api/documents", headers=headers,
                          files={"files": ("big.txt", NEW_REGULATION.encode())})
        assert res.status_code == 422
        assert "over the limit" in res.json()["error"]["message"]
        jobs_after = [job["id"] for job in client.get("/api/jobs", headers=headers).json()["jobs"]]
        assert jobs_after == jobs_before  # no job recorded for the refused upload
