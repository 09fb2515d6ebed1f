"""「見つかりません」 hands over to a person: the 担当課 most likely responsible, and how to
reach it.

The department is voted by the nearest documents: a FAQ entry's 担当課 (payload
`owner_department`), else the department the directory lists as owning the document. The
directory is a small TSV a city keeps (`CHONAI_DEPARTMENTS_PATH`; the sample city's is
data/sample/departments.tsv): 課名, 連絡先 (内線・メール), 所管文書 (titles, `|`-separated).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import InputError
from core.types import Hit
from index.tokenize_ja import normalize

NEAREST = 5  # documents that vote for the department


@dataclass(frozen=True)
class Department:
    name: str
    contact: str = ""
    documents: tuple[str, ...] = ()


@dataclass
class Directory:
    departments: dict[str, Department] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None) -> Directory:
        """A missing file is an empty directory (handover then names the 担当課 alone)."""
        if path is None or not path.is_file():
            return cls()
        return cls.parse(path.read_text(encoding="utf-8-sig"), source=str(path))

    @classmethod
    def parse(cls, text: str, *, source: str = "departments") -> Directory:
        rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
        out: dict[str, Department] = {}
        for lineno, row in enumerate(csv.reader(io.StringIO("\n".join(rows)), delimiter="\t"),
                                     start=1):
            if not row or row[0].strip() in ("課名", "department"):
                continue
            name = row[0].strip()
            if not name:
                raise InputError(f"{source}: row {lineno} has no 課名")
            docs = tuple(d.strip() for d in (row[2] if len(row) > 2 else "").split("|")
                         if d.strip())
            out[name] = Department(name, row[1].strip() if len(row) > 1 else "", docs)
        return cls(out)

    def owner_of(self, title: str) -> str | None:
        key = normalize(title)
        return next((d.name for d in self.departments.values()
                     if any(normalize(t) == key for t in d.documents)), None)

    def contact(self, name: str) -> str | None:
        dept = self.departments.get(name)
        return dept.contact or None if dept else None


def handover(hits: Sequence[Hit], directory: Directory) -> dict[str, Any]:
    """{"department", "contact", "documents"} from the nearest hits (rank order)."""
    votes: Counter[str] = Counter()
    documents: list[dict[str, Any]] = []
    seen: set[str] = set()
    for rank, hit in enumerate(hits[:NEAREST]):
        owner = hit.owner_department or directory.owner_of(hit.document_title)
        if owner:
            votes[owner] += NEAREST - rank  # nearer documents weigh more
        if hit.document_id not in seen:
            seen.add(hit.document_id)
            documents.append({"document_id": hit.document_id, "title": hit.document_title,
                              "kind": hit.kind, "department": owner,
                              "nearest": hit.citation_label()})
    department = votes.most_common(1)[0][0] if votes else None
    return {"department": department,
            "contact": directory.contact(department) if department else None,
            "documents": documents}
