"""The 'not found' handover: the department the nearest documents belong to, and its contact."""

from __future__ import annotations

import pytest

from answer.handover import Directory, handover
from core.errors import InputError
from core.types import Hit
from tests.conftest import SAMPLE_DIR


def hit(title: str, owner: str | None = None, kind: str = "regulation") -> Hit:
    return Hit(chunk_id=title, score=1.0, kind=kind, document_id=title, document_title=title,
               article=None, paragraph=None, item=None, page=None, question=None, text="",
               owner_department=owner)


def test_sample_directory_names_every_faq_department() -> None:
    directory = Directory.load(SAMPLE_DIR / "departments.tsv")
    assert {"人事課", "会計課", "情報政策課", "総務課", "財政課"} <= set(directory.departments)
    assert directory.owner_of("みどり市公印規程") == "総務課"
    assert "内線" in (directory.contact("会計課") or "")


def test_nearest_documents_vote_for_the_department() -> None:
    directory = Directory.load(SAMPLE_DIR / "departments.tsv")
    out = handover([hit("みどり市公印規程"), hit("職員FAQ", "会計課", "faq"),
                    hit("みどり市文書管理規程")], directory)
    assert out["department"] == "総務課"
    assert out["contact"] == directory.contact("総務課")
    assert [d["title"] for d in out["documents"]] == [
        "みどり市公印規程", "職員FAQ", "みどり市文書管理規程"]


def test_no_directory_still_names_the_faq_owner() -> None:
    out = handover([hit("FAQ", "会計課", "faq")], Directory())
    assert out == {"department": "会計課", "contact": None, "documents": out["documents"]}


def test_a_row_without_a_name_is_refused() -> None:
    with pytest.raises(InputError, match="課名"):
        Directory.parse("\t内線 1\tx\n")
