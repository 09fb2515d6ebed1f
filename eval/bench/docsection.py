"""Write a benchmark's figures into its own marked section of a Markdown file."""

from __future__ import annotations

from pathlib import Path


def replace_section(path: Path, section: str, start: str, end: str) -> None:
    """Replace the text between `start` and `end` (the section includes both), or append it."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if start in text and end in text:
        head, _, rest = text.partition(start)
        _, _, tail = rest.partition(end)
        text = head + section + tail
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")
