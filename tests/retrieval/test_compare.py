"""新旧対照 between two versions, article by article."""

from __future__ import annotations

from retrieval.compare import compare, inline_ops


def chunk(position: int, article: str, text: str, caption: str = "") -> dict:
    return {"position": position, "article": article, "label": f"第{article}条",
            "caption": caption or None, "text": text, "part": "main"}


def test_changed_added_and_removed_articles() -> None:
    old = [chunk(0, "1", "この要領は窓口事務を定める。", "趣旨"),
           chunk(1, "2", "受付時間は午前八時三十分から午後五時までとする。", "受付時間"),
           chunk(2, "3", "この要領は公布の日から施行する。")]
    new = [chunk(0, "1", "この要領は窓口事務を定める。", "趣旨"),
           chunk(1, "2", "受付時間は午前九時から午後五時までとする。", "受付時間"),
           chunk(2, "4", "手数料は無料とする。")]
    diff = compare(old, new)
    assert diff["counts"] == {"added": 1, "changed": 1, "removed": 1}
    changed = next(u for u in diff["units"] if u["status"] == "changed")
    assert changed["label"] == "第2条（受付時間）"
    removed = "".join(t for op, t in changed["ops"] if op == "-")
    added = "".join(t for op, t in changed["ops"] if op == "+")
    assert "八" in removed
    assert "三十分" in removed
    assert added == "九"
    assert [u["status"] for u in diff["units"]] == ["changed", "added", "removed"]


def test_same_versions_have_no_changes() -> None:
    old = [chunk(0, "1", "同じ本文。")]
    assert compare(old, old)["units"] == []
    assert compare(old, old, include_unchanged=True)["units"][0]["status"] == "same"


def test_inline_ops_rebuild_both_texts() -> None:
    ops = inline_ops("午前八時三十分から", "午前九時から")
    assert "".join(t for op, t in ops if op != "+") == "午前八時三十分から"
    assert "".join(t for op, t in ops if op != "-") == "午前九時から"
