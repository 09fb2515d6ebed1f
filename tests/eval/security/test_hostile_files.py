"""Hostile and broken files through the CLI and the upload API, on real parts (bundled e5,
Qdrant edge engine, fugashi, SQLite): each is refused with its own reason, nothing is stored.

One run of `eval.security.files` (quick: no subprocess) serves every test in this module.
"""

from __future__ import annotations

from typing import Any

import pytest

from eval.security.files import format_table, run

SEED = ("みどり市公印規程.txt",)


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    return run(None, quick=True, seed_files=SEED)


def _failures(rows: list[dict[str, Any]]) -> str:
    return "\n".join(f"{r['route']} {r['label']}: {r['outcome']} {r['status']} "
                     f"(want {r['expected']!r}) {r['reason'][:160]}" for r in rows)


@pytest.mark.parametrize("route", ["cli", "api"])
def test_every_bad_file_is_refused_with_its_reason(report: dict[str, Any], route: str) -> None:
    bad = [r for r in report["files"] if r["route"] == route and not r["good"]]
    assert len(bad) >= 25
    unclear = [r for r in bad if not r["clear"]]
    assert not unclear, _failures(unclear)
    assert all(r["outcome"] == "refused" for r in bad)
    if route == "api":  # refused at the door (4xx) or by the job, never a server error
        assert all(r["status"] in (202, 413, 422) for r in bad), _failures(bad)


def test_the_store_is_unchanged_by_every_bad_file(report: dict[str, Any]) -> None:
    moved = [r for r in report["files"] if not r["good"] and not r["store_unchanged"]]
    assert not moved, _failures(moved)
    assert report["uploads_left"] == []  # a refused upload is not kept on disk either


def test_good_files_get_in_through_both_routes(report: dict[str, Any]) -> None:
    good = [r for r in report["files"] if r["good"]]
    assert {r["route"] for r in good} == {"cli", "api"}
    assert len(good) == 6
    missing = [r for r in good if r["outcome"] != "ingested" or r["store_unchanged"]]
    assert not missing, _failures(missing)


def test_names_and_size_are_refused_at_the_upload(report: dict[str, Any]) -> None:
    api = {r["label"]: r for r in report["files"] if r["route"] == "api"}
    for label in ("name-traversal", "name-traversal-windows", "name-nul", "name-newline",
                  "name-control-chars", "name-too-long", "empty", "ext-unknown"):
        assert api[label]["status"] == 422, api[label]
    assert api["big-200mb"]["status"] == 413
    assert "limit" in api["big-200mb"]["reason"]


def test_malformed_api_requests_get_a_4xx_with_a_reason(report: dict[str, Any]) -> None:
    bad = [i for i in report["api_inputs"] if not i["ok"]]
    assert not bad, "\n".join(f"{i['label']}: {i['status']} (want {i['expected']}) "
                              f"{i['reason']}" for i in bad)
    assert len(report["api_inputs"]) >= 30


def test_rate_limit_answers_429_with_retry_after(report: dict[str, Any]) -> None:
    rate = report["rate_limit"]
    assert rate["ok"], rate
    assert int(rate["retry_after"]) >= 1


def test_summary_table(report: dict[str, Any]) -> None:
    summary = dict(report["summary"])
    assert summary["store unchanged after every bad file"] == "yes"
    assert summary["crashes (traceback, 5xx, crashed job)"] == "0"
    assert report["ok"]
    table = format_table(report)
    assert "bad files tried" in table
    assert "failed:" not in table
