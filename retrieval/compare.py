"""新旧対照: what changed between two versions of a document, article by article.

Pure functions over the chunk payloads of each version (as the store returns them); units are
条 (article) for regulations, the page/section label for manuals and the question for FAQs.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any


def units(chunks: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Chunks joined per unit, in reading order: key -> {label, text}."""
    out: dict[str, dict[str, Any]] = {}
    for c in sorted(chunks, key=lambda c: c.get("position") or 0):
        if c.get("question"):
            key, label = f"q:{c['question']}", f"Q. {c['question']}"
            text = c.get("answer") or c.get("text") or ""
        elif c.get("article"):
            key = f"{c.get('part') or 'main'}:{c['article']}"
            label = _article_label(c)
            text = c.get("text") or ""
        else:
            label = c.get("label") or f"p.{c.get('page')}"
            key, text = f"l:{label}", c.get("text") or ""
        unit = out.setdefault(key, {"label": label, "parts": []})
        unit["parts"].append(text)
    return {k: {"label": u["label"], "text": "\n".join(u["parts"])} for k, u in out.items()}


def _article_label(c: Mapping[str, Any]) -> str:
    label = c.get("label") or ""
    cut = label.find("条")
    base = label[:cut + 1] if cut >= 0 else label or f"第{c['article']}条"
    prefix = "附則 " if c.get("part") == "supplementary" and "附則" not in base else ""
    return f"{prefix}{base}{'（' + c['caption'] + '）' if c.get('caption') else ''}"


def inline_ops(old: str, new: str) -> list[list[str]]:
    """[[op, text], …] with op "=", "-" (only in the old) or "+" (only in the new)."""
    ops: list[list[str]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(["=", old[i1:i2]])
            continue
        if i2 > i1:
            ops.append(["-", old[i1:i2]])
        if j2 > j1:
            ops.append(["+", new[j1:j2]])
    return ops


def compare(old_chunks: Iterable[Mapping[str, Any]], new_chunks: Iterable[Mapping[str, Any]],
            *, include_unchanged: bool = False) -> dict[str, Any]:
    """Units added, removed and changed (with inline ops), in the new version's order."""
    old, new = units(old_chunks), units(new_chunks)
    rows: list[dict[str, Any]] = []
    for key, unit in new.items():
        before = old.get(key)
        if before is None:
            rows.append({"label": unit["label"], "status": "added", "old": None,
                         "new": unit["text"], "ops": [["+", unit["text"]]]})
        elif before["text"] != unit["text"]:
            rows.append({"label": unit["label"], "status": "changed", "old": before["text"],
                         "new": unit["text"], "ops": inline_ops(before["text"], unit["text"])})
        elif include_unchanged:
            rows.append({"label": unit["label"], "status": "same", "old": before["text"],
                         "new": unit["text"], "ops": [["=", unit["text"]]]})
    for key, unit in old.items():
        if key not in new:
            rows.append({"label": unit["label"], "status": "removed", "old": unit["text"],
                         "new": None, "ops": [["-", unit["text"]]]})
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in ("added", "changed", "removed")}
    return {"units": rows, "counts": counts}
