"""lawqa_jp gold passages → labels and excerpt e-Gov XML (parsed by the real parser)."""

from __future__ import annotations

from core.types import Hit
from eval.quality.datasets import Label, label_matches
from eval.quality.lawqa import coverage, excerpt_xml, load_lawqa, parse_context
from ingest.egov_xml import parse_egov_xml
from tests.conftest import shared_dataset

CONTEXT = """## 金融商品取引法
### 第5条
#### 第6項
第一項の規定により届出書を提出しなければならない外国会社は、次に掲げる書類を提出することができる。
##### 第2号
外国において開示が行われている参照書類
## 金融商品取引法施行令
### 第3条の4
法第二十四条第一項に規定する政令で定める期間は、六月とする。
## 企業内容等の開示に関する留意事項について
### B 基本ガイドライン
#### 4-2
留意する。
"""
TITLES = ("金融商品取引法", "金融商品取引法施行令")


def test_parse_context_keeps_statute_articles_only() -> None:
    (law1, art5), (law2, art3_4) = parse_context(CONTEXT, TITLES)
    assert (law1, art5.number, art5.explicit) == ("金融商品取引法", "5", True)
    assert art5.paragraphs["6"].startswith("第一項の規定により")
    assert art5.items == {"6": {"2": "外国において開示が行われている参照書類"}}
    assert (law2, art3_4.number, art3_4.explicit) == ("金融商品取引法施行令", "3_4", False)
    assert art3_4.paragraphs["1"].endswith("六月とする。")


def test_excerpt_xml_parses_and_matches_labels() -> None:
    (_, art5), _ = parse_context(CONTEXT, TITLES)
    doc = parse_egov_xml(excerpt_xml("金融商品取引法", [art5]))
    (chunk,) = doc.chunks
    assert doc.title == "金融商品取引法"
    assert chunk.article == "5"
    assert "参照書類" in chunk.text
    hit = Hit("c", 1.0, "regulation", "d", doc.title, chunk.article, chunk.paragraph, None, None,
              None, chunk.text, extra={"covers": "a:5"})
    assert label_matches(Label("金融商品取引法", article="5", paragraph="6"), hit)


def test_lawqa_questions_and_coverage() -> None:
    folder = shared_dataset("lawqa_jp")
    lawqa = load_lawqa(folder)
    assert len(lawqa.dataset.questions) + len(lawqa.skipped) == 140
    assert len(lawqa.dataset.questions) == 129  # 11 cite guidelines only, no 条
    assert all(q.labels and q.answerable for q in lawqa.dataset.questions)
    cov = coverage(folder, shared_dataset("egov_law_xml"))
    # egov_law_xml holds 労基法, 国保法, 年金法, 行手法, 個情法, 番号法: none is cited by lawqa_jp
    assert (cov["questions"], len(cov["covered"]), len(cov["partly_covered"])) == (140, 0, 0)
