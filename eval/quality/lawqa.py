"""lawqa_jp (デジタル庁 4-choice statute QA) as a retrieval set labelled by 条/項, in memory.

Each question's gold passage (`コンテキスト`) is Markdown: `## 法令名`, `### 第N条`, `#### 第N項`
(or `#### 第N号`), `##### 第N号`. The statute sections become the labels {document, article,
paragraph}; guideline sections (FSA/MHLW PDFs, no 条) are ignored. The referenced laws are not
in ../shared/datasets/egov_law_xml, so `excerpt_laws` rebuilds each cited law from the gold
passages of all questions as e-Gov XML (parsed by the real ingest.egov_xml); the six e-Gov laws
are ingested beside them as distractors. Nothing is copied into the repository.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from core.errors import InputError
from eval.quality.datasets import Dataset, Label, Question
from ingest.numbering import article_number, int_to_kanji, item_number, paragraph_number

EGOV_URL = "laws.e-gov.go.jp/law/"
# The question sets are named after the main law; their chapter (第2章…) groups its articles.
MAIN_LAW = {
    "金商法": "金融商品取引法",
    "薬機法": "医薬品、医療機器等の品質、有効性及び安全性の確保等に関する法律",
    "借地借家法": "借地借家法",
}
_HEAD = re.compile(r"^(#{2,6}) (.+)$")


@dataclass
class ExcerptArticle:
    number: str  # e-Gov form, "2_12"
    chapter: str = ""
    paragraphs: dict[str, str] = field(default_factory=dict)  # "1" → text
    items: dict[str, dict[str, str]] = field(default_factory=dict)  # paragraph → item → text
    explicit: bool = False  # the passage names its 項 (#### 第N項)


@dataclass
class LawqaSet:
    dataset: Dataset
    laws: dict[str, dict[str, ExcerptArticle]]  # law title → article number → article
    statute_titles: dict[str, str]  # e-Gov law id → title (from law_list.json)
    skipped: list[str]  # question ids without any statute 条 in their gold passage


def load_lawqa(folder: Path, *, with_choices: bool = True) -> LawqaSet:
    """Questions of selection.json with at least one statute 条 in their gold passage.

    The query is 問題文 plus the four choices (without letters): many 問題文 are only
    「次のうち、正しいものを教えてください。」 and say nothing without them."""
    try:
        samples = json.loads((folder / "data" / "selection.json").read_text("utf-8"))["samples"]
        law_list = json.loads((folder / "data" / "law_list.json").read_text("utf-8"))
    except (OSError, KeyError, json.JSONDecodeError) as err:
        raise InputError(f"{folder}: not a lawqa_jp folder ({err})") from None
    statutes = {entry["url"].rsplit("/", 1)[-1]: entry["title"] for entry in law_list
                if EGOV_URL in entry["url"]}
    titles = set(statutes.values())
    laws: dict[str, dict[str, ExcerptArticle]] = defaultdict(dict)
    questions: list[Question] = []
    skipped: list[str] = []
    for sample in samples:
        qid = sample["ファイル名"]
        prefix, _, rest = qid.partition("_")
        chapter = rest.split("_", 1)[0] if rest.startswith("第") else ""
        labels: list[Label] = []
        for law, article in parse_context(sample["コンテキスト"], titles):
            if law == MAIN_LAW.get(prefix) and chapter:
                article.chapter = article.chapter or chapter
            merged = laws[law].setdefault(article.number, ExcerptArticle(article.number,
                                                                         article.chapter))
            merged.chapter = merged.chapter or article.chapter
            for number, text in article.paragraphs.items():
                if len(text) > len(merged.paragraphs.get(number, "")):
                    merged.paragraphs[number] = text
            for number, items in article.items.items():
                merged.items.setdefault(number, {}).update(items)
            if article.explicit:
                labels.extend(Label(law, article=article.number, paragraph=p)
                              for p in sorted(article.paragraphs, key=_num_key))
            else:
                labels.append(Label(law, article=article.number))
        if not labels:
            skipped.append(qid)
            continue
        query = sample["問題文"].strip()
        if with_choices:
            choices = [re.sub(r"^[a-d]\s+", "", c.strip()) for c in
                       sample["選択肢"].splitlines() if c.strip()]
            query = query + "\n" + "\n".join(choices)
        questions.append(Question(qid, query, True, tuple(dict.fromkeys(labels)),
                                  {"kind": prefix}))
    return LawqaSet(Dataset("lawqa_jp", tuple(questions)), dict(laws), statutes, skipped)


def parse_context(markdown: str, statute_titles: Iterable[str]
                  ) -> list[tuple[str, ExcerptArticle]]:
    """(law title, article) for every `### 第N条` section under a statute `## 法令名`."""
    titles = set(statute_titles)
    out: list[tuple[str, ExcerptArticle]] = []
    law: str | None = None
    article: ExcerptArticle | None = None
    paragraph = "1"
    item: str | None = None
    for line in markdown.splitlines():
        head = _HEAD.match(line)
        if head:
            level, text = len(head[1]), head[2].strip()
            if level == 2:
                law, article = (text if text in titles else None), None
            elif level == 3:
                number = article_number(text) if law else None
                article = ExcerptArticle(number) if number else None
                if article is not None and law is not None:
                    out.append((law, article))
                paragraph, item = "1", None
            elif article is not None and (p := _paragraph(text)):
                paragraph, item = p, None
                article.paragraphs.setdefault(paragraph, "")
                article.explicit = True
            elif article is not None and (i := _item(text)):
                item = i
                article.paragraphs.setdefault(paragraph, "")
                article.items.setdefault(paragraph, {})[item] = ""
            continue
        if article is None or not line.strip():
            continue
        if item is not None:
            items = article.items.setdefault(paragraph, {})
            items[item] = (items.get(item, "") + line.strip())
        else:
            article.paragraphs[paragraph] = article.paragraphs.get(paragraph, "") + line.strip()
    return out


def _paragraph(text: str) -> str | None:
    return paragraph_number(text) if text.endswith("項") else None


def _item(text: str) -> str | None:
    return item_number(text) if text.endswith("号") else None


def _num_key(number: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in number.split("_"))


def excerpt_xml(title: str, articles: Sequence[ExcerptArticle]) -> bytes:
    """An e-Gov standard XML holding only the given articles, grouped by chapter when known."""
    by_chapter: dict[str, list[ExcerptArticle]] = defaultdict(list)
    for article in sorted(articles, key=lambda a: _num_key(a.number)):
        by_chapter[article.chapter or "（抜粋）"].append(article)
    body = []
    for n, (chapter, group) in enumerate(by_chapter.items(), start=1):
        inner = "".join(_article_xml(a) for a in group)
        body.append(f'<Chapter Num="{n}"><ChapterTitle>{escape(chapter)}</ChapterTitle>'
                    f"{inner}</Chapter>")
    return (f'<?xml version="1.0" encoding="UTF-8"?><Law Era="Heisei" Lang="ja" '
            f'LawType="Act"><LawNum></LawNum><LawBody><LawTitle>{escape(title)}</LawTitle>'
            f"<MainProvision>{''.join(body)}</MainProvision></LawBody></Law>").encode()


def _article_xml(article: ExcerptArticle) -> str:
    head, *branches = article.number.split("_")
    title = "第" + int_to_kanji(int(head)) + "条" + "".join(
        "の" + int_to_kanji(int(b)) for b in branches)
    paragraphs = []
    for number in sorted(set(article.paragraphs) | set(article.items), key=_num_key):
        items = "".join(
            f'<Item Num="{i}"><ItemTitle>{int_to_kanji(int(i.split("_")[0]))}</ItemTitle>'
            f"<ItemSentence><Sentence>{escape(text)}</Sentence></ItemSentence></Item>"
            for i, text in sorted(article.items.get(number, {}).items(),
                                  key=lambda kv: _num_key(kv[0])))
        text = article.paragraphs.get(number, "")
        paragraphs.append(
            f'<Paragraph Num="{number}"><ParagraphNum>{"" if number == "1" else number}'
            f"</ParagraphNum><ParagraphSentence><Sentence>{escape(text)}</Sentence>"
            f"</ParagraphSentence>{items}</Paragraph>")
    return (f'<Article Num="{article.number}"><ArticleTitle>{title}</ArticleTitle>'
            f"{''.join(paragraphs)}</Article>")


def coverage(lawqa_folder: Path, egov_folder: Path) -> dict[str, Any]:
    """Which lawqa_jp questions cite only laws present as e-Gov XML in `egov_folder`."""
    samples = json.loads((lawqa_folder / "data" / "selection.json").read_text("utf-8"))
    available = {p.name.split("_", 1)[0] for p in egov_folder.glob("*.xml")}
    covered, partly = [], []
    for sample in samples["samples"]:
        ids = {url.rsplit("/", 1)[-1] for url in sample["references"] if EGOV_URL in url}
        if ids and ids <= available:
            covered.append(sample["ファイル名"])
        elif ids & available:
            partly.append(sample["ファイル名"])
    return {"questions": len(samples["samples"]), "egov_laws": sorted(available),
            "covered": covered, "partly_covered": partly}
