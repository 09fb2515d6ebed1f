"""kill -9 during `chonai ingest`, then the same ingest again: the index equals a clean one.

Each run is a real `chonai` subprocess on a fresh data dir (eval/reliability/drills.py); kills
land at a seeded random moment and at exact write boundaries (the harness SIGKILLs the process
just before its k-th store or catalog write).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.reliability.drills import (
    AMENDED,
    crash_runs,
    crash_scenario,
    invariants,
    run_cli,
    run_steps,
    snapshot,
)

FILES = (AMENDED, "みどり市職員FAQ.csv")
FAQ_ROWS = 6
# step 0 writes per document: intent, upsert, catalog commit, flag flip, intent removed;
# 公印規程 comes first, so write 9 is the FAQ's flip, right after its catalog commit
FAQ_FLIP = (0, 9)


def test_kill_at_random_and_between_commit_and_flip_recovers(tmp_path: Path) -> None:
    result = crash_runs(tmp_path, runs=1, seed=3, boundaries=[FAQ_FLIP], files=FILES,
                        faq_rows=FAQ_ROWS)
    assert result["killed"] == 2, result["runs"]
    assert result["ok"], result["runs"]
    assert result["mismatches"] == result["duplicates"] == result["orphans"] == 0
    assert result["store_open_errors"] == 0
    flip = result["runs"][-1]
    assert flip["after_kill"]["intents"] == 1  # the kill left a committed but unflipped version
    # step 0 was fully embedded before the kill: the re-run embeds only the amended article
    assert flip["after_kill"]["cache_rows"] == result["clean"]["cache_rows"] - 1


def test_start_up_removes_points_of_a_version_never_committed(tmp_path: Path) -> None:
    steps = crash_scenario(tmp_path / "corpus", files=(AMENDED,))
    data_dir = tmp_path / "var"
    killed = run_steps(steps, data_dir, tmp_path, kill_at=(1, 3))  # v2 written, not committed
    assert killed.killed_in_step == 1
    broken = invariants(snapshot(data_dir))
    assert broken["orphan_points"]
    assert broken["pending_intents"]
    search = run_cli(["search", "公印の保管"], data_dir, tmp_path)  # any start-up recovers
    assert search["rc"] == 0, search["last"]
    state = snapshot(data_dir)
    assert not any(invariants(state).values()), invariants(state)
    assert {p["version"] for p in state["payloads"].values()} == {state["documents"][0][6]}


@pytest.mark.slow
def test_every_write_boundary_and_random_kills(tmp_path: Path) -> None:
    result = crash_runs(tmp_path, runs=4, seed=11, boundaries="all", files=FILES,
                        faq_rows=FAQ_ROWS)
    assert result["killed"] >= len(result["runs"]) - 1, result["runs"]
    assert result["ok"], [r for r in result["runs"] if not r["ok"]]
