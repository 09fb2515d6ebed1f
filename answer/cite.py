"""Citations a clerk can check in seconds: few, exact, at the smallest unit, answer first.

- Only units whose quoted sentence answers the question are cited: the best-ranked source, and a
  further one only when it is another kind of source (a FAQ beside the 条, a manual page beside
  the rule) and its best sentence covers the question's content words about as well
  (`SUPPORT_RATIO`). A second unit of the same kind was right 35 times in 157 on the dev splits
  of `make quality` (the first is the ranker's best guess; the runner-up of the same kind is
  mostly a neighbour of it), one of another kind 8 in 19.
- The rule a FAQ answer or manual page names for the quoted sentence (「…（旅費条例第九条）」) is
  cited beside it, whatever its wording's overlap with the question: the clerk checks the
  statement at its source.
- A quote from a whole-article chunk is cited at its 項 (the parser's paragraph offsets).
- The extractive answer is 1–3 sentences, at most `ANSWER_MAX_CHARS`, led by the figure or the
  yes/no the question asks for (日数, 期限, 金額, 可否) when the quote states it; the rest of the
  unit is one click away (`full_text_url`, 「全文を見る」).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from answer.sentences import split_sentences
from core.types import Hit
from index.tokenize_ja import JapaneseTokenizer, normalize
from ingest.numbering import NUMERAL, int_to_kanji

ANSWER_MAX_CHARS = 200  # the excerpt lines, without the fixed notice line above them
LEAD_PREFIX = "要点: "
QUOTE_MAX_CHARS = 160
SUPPORT_RATIO = 0.8  # a 2nd/3rd source's quote must cover ≥ this share of the 1st's coverage
CANDIDATES = 4  # ranked hits considered for citation (and the rule the first names)
RULE_MIN_CHARS = 40  # the shortest opening of a named rule worth quoting
CITED_BY = "cited_by"  # Hit.extra key: the chunk id of the FAQ/page that names this rule
_FIGURE_ASKED = re.compile(r"何(日|時間|分|週|か月|ヶ月|カ月|箇月|年|回|割|パーセント|%|円|"
                           r"人|件|歳|"
                           r"営業日)|"
                           r"いくら|いつまで|いつから|期限|期間|金額|日数|上限|以内|何割")
_FIGURE = re.compile(
    rf"(?<![月年0-9０-９〇一二三四五六七八九十百千.．])(?:{NUMERAL}|[0-9０-９.．]+)"
    rf"(?:労働日|営業日|日間|日|時間|分|週間|週|箇月|か月|ヶ月|カ月|月|"
    rf"年|回|割|分の{NUMERAL}|パーセント|%|％|円|人|件|歳|万円)(?:以内|以上|以下|未満|前|後|まで)?")
_CAN_ASKED = re.compile(r"(でき|出来|可能|よい|良い|いい|かまわ|構わ|認められ)"
                        r"(ます|る|ない|です|でしょう)*"
                        r"(か|の|\?|？|$)")
_NEED_ASKED = re.compile(r"(必要|義務|要る|いる|なければ|ないといけない|ないとだめ|べき)"
                         r"(です|があります|でしょう)?(か|の|\?|？|$)")
_NO_CAN = re.compile(r"できない|できません|てはならない|ではならない|禁止|認めない|認められない|"
                     r"してはいけない")
_YES_CAN = re.compile(r"できる|できます|差し支えない|認める|認められる|可能")
_NO_NEED = re.compile(r"要しない|必要はない|必要ありません|不要|要さない|この限りでない")
_YES_NEED = re.compile(r"なければならない|必要|要する|義務|ものとする")


@dataclass(frozen=True)
class Quote:
    hit: Hit
    text: str  # exact span of the hit's text/answer
    support: float  # share of the question's content words in the quote
    paragraph: str | None  # the 項 the quote lies in (None: the chunk's own unit)


def best_quote(hit: Hit, terms: set[str], tokenizer: JapaneseTokenizer) -> Quote:
    """The sentence sharing most question words (a FAQ: from its answer), exact span."""
    body = hit.answer or hit.text
    sentences = split_sentences(body) or [body[:QUOTE_MAX_CHARS]]
    scored = []
    for i, sentence in enumerate(sentences):
        shared = len(terms & set(tokenizer.terms(sentence)))
        scored.append((shared, -i, sentence))
    scored.sort(reverse=True)
    shared, _, chosen = scored[0]
    head = set(tokenizer.terms(" ".join(p for p in (hit.caption or "", hit.question or "")
                                        if p)))
    support = len(terms & (set(tokenizer.terms(chosen)) | head)) / len(terms) if terms else 0.0
    quote = chosen[:QUOTE_MAX_CHARS]
    return Quote(hit, quote, support, paragraph_of(hit, quote))


def paragraph_of(hit: Hit, quote: str) -> str | None:
    """The 項 holding `quote` in a whole-article chunk (offsets from the parser), else None."""
    if hit.paragraph or not hit.article:
        return hit.paragraph
    spans = str((hit.extra.get("meta") or {}).get("paragraphs", ""))
    at = hit.text.find(quote)
    if not spans or at < 0:
        return None
    for part in spans.split(","):
        number, _, rng = part.partition(":")
        lo, _, hi = rng.partition("-")
        if lo.isdigit() and hi.isdigit() and int(lo) <= at <= int(hi):
            return number
    return None


def with_cited_rule(hits: Sequence[Hit], rule: Hit | None) -> list[Hit]:
    """`hits` with the rule the first one names (`rule`) second, marked as cited by it; the
    search's own copy of that chunk, if any, gives way to it."""
    if rule is None or not hits:
        return list(hits)
    seen = next((h for h in hits if h.chunk_id == rule.chunk_id), rule)
    marked = dataclasses.replace(seen, extra={**seen.extra, CITED_BY: hits[0].chunk_id})
    return [hits[0], marked, *[h for h in hits[1:] if h.chunk_id != rule.chunk_id]]


def choose(hits: Sequence[Hit], terms: set[str], tokenizer: JapaneseTokenizer,
           limit: int = 3) -> list[Quote]:
    """The first source always, and the rule it names; others only when they are another kind
    of source and their quote supports the question as well."""
    if not hits:
        return []
    first = best_quote(hits[0], terms, tokenizer)
    chosen = [first]
    floor = max(first.support * SUPPORT_RATIO, 0.34)
    for hit in hits[1:CANDIDATES + 1]:
        if len(chosen) >= limit:
            break
        if hit.extra.get(CITED_BY) == first.hit.chunk_id:  # the sentence it backs
            chosen.append(best_quote(hit, terms | set(tokenizer.terms(first.text)), tokenizer))
            continue
        quote = best_quote(hit, terms, tokenizer)
        # a kind is a document's, so another kind is never the same 条 cited again
        if quote.hit.kind not in {q.hit.kind for q in chosen} and quote.support >= floor \
                and quote.text not in {q.text for q in chosen}:
            chosen.append(quote)
    return chosen


def unit_label(quote: Quote) -> str:
    hit = quote.hit
    if quote.paragraph and not hit.paragraph and hit.label and "項" not in hit.label:
        return f"{hit.label}第{int_to_kanji(int(quote.paragraph))}項" if \
            quote.paragraph.isdigit() else hit.label
    return hit.label or (f"p.{hit.page}" if hit.page else "")


def full_text_url(hit: Hit) -> str:
    """「全文を見る」: the whole article (or document) through the documents API."""
    url = f"/api/documents/{hit.document_id}/text"
    return f"{url}?article={hit.article}" if hit.article else url


def citation(quote: Quote, marker: int) -> dict[str, Any]:
    entry = quote.hit.to_dict()
    label = unit_label(quote)
    entry.update({
        "marker": marker, "quote": quote.text, "support": round(quote.support, 3),
        "unit_paragraph": quote.paragraph or quote.hit.paragraph, "unit_label": label,
        "citation": f"{quote.hit.document_title} {label}".strip(),
        "full_text_url": full_text_url(quote.hit), "full_text_label": "全文を見る",
    })
    return entry


def lead(query: str, quote: str) -> str | None:
    """The figure or the yes/no wording the question asks for, as an exact span of the quote
    (「二十日」, 「してはならない」, 「要しない」); None when the quote does not state it."""
    q = normalize(query)
    found = None
    asked = _FIGURE_ASKED.search(q)
    if asked:
        figures = list(_FIGURE.finditer(quote))
        unit = asked.group(1) or {"いくら": "円", "金額": "円", "日数": "日"}.get(asked.group(0))
        same = [f for f in figures if unit and unit[0] in f.group(0)]
        found = (same or figures or [None])[0]
    if found is None and _CAN_ASKED.search(q):
        found = _NO_CAN.search(quote) or _YES_CAN.search(quote)
    if found is None and _NEED_ASKED.search(q):
        found = _NO_NEED.search(quote) or _YES_NEED.search(quote)
    return found.group(0) if found else None


def fitting(quotes: Sequence[Quote], budget: int = ANSWER_MAX_CHARS - 20) -> list[Quote]:
    """The quotes that fit the answer's length budget (the first always; room for the lead).
    The rule a FAQ names is shortened to fit rather than left out (its opening words, still
    an exact span; the whole 条 is one click away)."""
    out: list[Quote] = []
    used = 0
    for quote in quotes:
        piece = len(quote.text) + 6
        if out and used + piece > budget:
            room = budget - used - 6
            if quote.hit.extra.get(CITED_BY) and room >= RULE_MIN_CHARS:
                out.append(dataclasses.replace(quote, text=quote.text[:room]))
            break
        out.append(quote)
        used += piece
    return out


def short_answer(query: str, quotes: Sequence[Quote]) -> str:
    """1–3 quoted sentences with their marks, ≤ ANSWER_MAX_CHARS, the asked figure first
    (「要点: 二十日 [1]」, an exact span of quote 1)."""
    point = lead(query, quotes[0].text) if quotes else None
    parts = [f"・{quote.text} [{n}]" for n, quote in enumerate(fitting(quotes), start=1)]
    return "\n".join(([f"{LEAD_PREFIX}{point} [1]"] if point else []) + parts)
