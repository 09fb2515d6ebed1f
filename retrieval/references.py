"""Explicit references in a question: 「労基法39条」, 「個人情報保護法の第27条」,
「番号法第十九条第1項」.

A question that names a document (full title, short name or 略称) and a 条 (項, 号) in kanji or
digits, full- or half-width, gets that unit first: staff who cite an article want that article,
not the nearest paraphrase. Names come from three places, rebuilt when the catalog changes:
- the titles themselves and the 略称 e-Gov gives in 題名 (LawTitle Abbrev), without a leading
  municipality name (「みどり市公印規程」→「公印規程」)
  and contracted the way laws are nicknamed (「個人情報の保護に関する法律」→「個人情報保護法」);
- definitions in the corpus: 「個人情報の保護に関する法律（平成十五年法律第五十七号。以下
  「個人情報保護法」という。）」 and 題名 括弧書き;
- a small curated table (data/law_aliases.tsv: 労基法, 番号法, マイナンバー法, …).
A reference to a 条 the document does not have is reported, so the answer can say so.
"""

from __future__ import annotations

import dataclasses
import json
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.types import Hit
from index.stores.base import PUBLIC, VectorStore
from index.tokenize_ja import normalize
from ingest.numbering import NUMERAL, article_label, item_label, kanji_to_int
from retrieval.intent import numbering_is_whole

GENERIC_NAMES = frozenset({"法", "法律", "条例", "規則", "規程", "規定", "政令", "省令", "令",
                           "本法", "同法", "この法律", "要綱", "要領", "細則", "施行令",
                           "施行規則"})
_NUM = NUMERAL.replace("0-9０-９", "0-9")  # the query is NFKC-normalised first
_UNIT_RE = re.compile(
    rf"(?:第)?({_NUM})条((?:の{_NUM})*)"
    rf"(?:\s*(?:第)?({_NUM})項)?(?:\s*(?:第)?({_NUM})号((?:の{_NUM})*))?")
_MUNICIPALITY = re.compile(r"^[^\s市町村区県都府道]{1,5}[市町村区県都府道](?=.{2,})")
_DEFINITION = re.compile(r"[(（][^()（）]{0,40}?以下「([^「」]{2,20})」という。?[)）]")
_TITLE_PAREN = re.compile(r"[（(][^（）()]*[）)]$")
_CONTRACTIONS = (("に関する法律", "法"), ("に関する条例", "条例"), ("に関する規則", "規則"),
                 ("に関する規程", "規程"))
_ADDRESSEE = re.compile(r"^職員(等)?の?(?=.{2,})")  # the staff a city's rule addresses
_LISTED = re.compile(r"、|及び|並びに")  # 勤務時間、休日及び休暇: listed subjects


@dataclass(frozen=True, slots=True)
class UnitRef:
    """A 条 (項, 号) as written in a question, numbered the e-Gov way ("17_2")."""

    article: str
    paragraph: str | None = None
    item: str | None = None
    start: int = 0  # offsets in the normalised question
    end: int = 0

    @property
    def label(self) -> str:
        text = article_label(self.article)
        if self.paragraph:
            text += f"第{_kanji(self.paragraph)}項"
        if self.item:
            text += item_label(self.item)
        return text


@dataclass(frozen=True, slots=True)
class Reference:
    """What a question names: a document (when resolved) and a unit (when given)."""

    document_id: str | None
    document_title: str | None
    alias: str | None
    unit: UnitRef | None
    found: bool = True  # False: the document has no such 条 (or 項)
    # False: the unit is not in the index, but the document's 条 numbering has gaps (an
    # excerpt, a partly loaded law), so its absence does not prove that it does not exist
    certain: bool = True

    @property
    def missing(self) -> bool:
        """The named unit surely does not exist: a false premise to say so."""
        return not self.found and self.certain

    def to_dict(self) -> dict[str, Any]:
        return {"document_id": self.document_id, "document_title": self.document_title,
                "alias": self.alias, "unit": self.unit.label if self.unit else None,
                "article": self.unit.article if self.unit else None,
                "paragraph": self.unit.paragraph if self.unit else None,
                "item": self.unit.item if self.unit else None, "found": self.found,
                "certain": self.certain}

    def missing_message(self) -> str:
        where = self.unit.label if self.unit else ""
        return f"{self.document_title}に{where}はありません。"


def _kanji(number: str) -> str:
    from ingest.numbering import int_to_kanji

    return int_to_kanji(int(number)) if number.isdigit() else number


def _branch(head: str, tail: str) -> str | None:
    parts = [head, *[p for p in tail.split("の") if p]]
    values = [kanji_to_int(p) for p in parts]
    if any(v is None or v <= 0 for v in values):
        return None
    return "_".join(str(v) for v in values)


def find_units(query: str) -> list[UnitRef]:
    """Every 「第N条(のM)(第N項)(第N号)」 in the question; 「39条1項」, 「第三十九条」 and the old
    form 「第39條」 alike."""
    text = normalize(query).replace("條", "条")
    out = []
    for match in _UNIT_RE.finditer(text):
        article = _branch(match[1], match[2] or "")
        if article is None:
            continue
        paragraph = str(kanji_to_int(match[3])) if match[3] else None
        item = _branch(match[4], match[5] or "") if match[4] else None
        out.append(UnitRef(article, paragraph, item, match.start(), match.end()))
    return out


def contracted_names(title: str) -> set[str]:
    """Short names a title is commonly cited by, derived from its wording alone. A city's own
    rules are cited without the staff they address and by the first of listed subjects:
    職員等の旅費に関する条例 → 旅費条例, 職員の勤務時間、休日及び休暇に関する条例 → 勤務時間条例,
    職員服務規程 → 服務規程."""
    base = _TITLE_PAREN.sub("", normalize(title)).strip()
    names = {base}
    local = _MUNICIPALITY.sub("", base)
    names.add(local)
    for name in list(names):
        for long, short in _CONTRACTIONS:
            if name.endswith(long):
                stem = name[: -len(long)]
                names.add(stem.replace("の", "") + short)
                names.add(stem.replace("の", "").replace("等", "") + short)
                subject = _LISTED.split(_ADDRESSEE.sub("", stem))[0]
                if subject != stem:
                    names.add(subject.replace("の", "") + short)
        if _ADDRESSEE.match(name) and name.endswith(("条例", "規則", "規程")):
            names.add(_ADDRESSEE.sub("", name))  # 職員服務規程 → 服務規程
    return {n for n in names if len(n) >= 2 and n not in GENERIC_NAMES}


def mine_definitions(texts: Iterable[str], titles: Sequence[str]) -> dict[str, str]:
    """alias → title from 「<title>（…以下「<alias>」という。）」 anywhere in the corpus."""
    by_norm = {normalize(t): t for t in titles}
    found: dict[str, str] = {}
    for text in texts:
        flat = normalize(text)
        for match in _DEFINITION.finditer(flat):
            alias = match[1].strip()
            if alias in GENERIC_NAMES or len(alias) < 2:
                continue
            before = flat[: match.start()]
            title = next((by_norm[t] for t in sorted(by_norm, key=len, reverse=True)
                          if before.endswith(t)), None)
            if title is not None and normalize(alias) != normalize(title):
                found.setdefault(normalize(alias), title)
    return found


def load_alias_table(path: Path | None) -> dict[str, str]:
    """data/law_aliases.tsv: `略称<TAB>正式な題名` per line; # comments."""
    table: dict[str, str] = {}
    if path is None or not path.is_file():
        return table
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if "\t" in line:
            alias, title = (p.strip() for p in line.split("\t", 1))
            if alias and title:
                table[normalize(alias)] = title
    return table


@dataclass
class _Document:
    id: str
    title: str
    version: str | None
    units: dict[str, list[dict[str, Any]]]  # article → its current main-provision chunks
    abbreviations: set[str] = dataclasses.field(default_factory=set)  # e-Gov 略称
    # the departments its current, not held units are shown to (PUBLIC: everyone)
    audience: set[str] = dataclasses.field(default_factory=set)

    def shown_to(self, departments: tuple[str, ...] | None) -> bool:
        return _shown(self.audience, departments)


class ReferenceResolver:
    """Resolves names and units against the catalog and the store; cached per catalog state."""

    def __init__(self, *, catalog: Any, store: VectorStore,
                 alias_table: dict[str, str] | None = None) -> None:
        self.catalog = catalog
        self.store = store
        self.alias_table = alias_table or {}
        self._lock = threading.Lock()
        self._state: tuple[tuple[str, str | None], ...] | None = None
        self._names: dict[str, str] = {}  # normalised name → document id
        self._docs: dict[str, _Document] = {}

    # -- names -----------------------------------------------------------------------------
    def _refresh(self) -> None:
        rows = [r for r in self.catalog.list_documents() if r.kind == "regulation"]
        state = tuple(sorted((r.id, r.current_version) for r in rows))
        with self._lock:
            if state == self._state:
                return
            docs = {r.id: _Document(r.id, r.title, r.current_version, {}) for r in rows}
            texts: list[str] = []
            for doc in docs.values():
                for record in self.store.scroll(document_id=doc.id):
                    p = record.payload
                    if p.get("version") != doc.version or p.get("deleted"):
                        continue
                    texts.append(p.get("text") or "")
                    if not p.get("quarantined"):
                        doc.audience.update(p.get("departments") or [])
                    doc.abbreviations.update(
                        normalize(a.strip()) for a in str(p.get("document_abbrev") or "").split(",")
                        if len(a.strip()) >= 2 and a.strip() not in GENERIC_NAMES)
                    if p.get("article") and p.get("part", "main") == "main":
                        doc.units.setdefault(str(p["article"]), []).append(
                            {**p, "_id": record.id})
            for doc in docs.values():
                for chunks in doc.units.values():
                    chunks.sort(key=lambda p: p.get("position") or 0)
            by_title = {normalize(d.title): d.id for d in docs.values()}
            names: dict[str, str] = {}
            shared: set[str] = set()  # a short name two documents contract to names neither
            for doc in docs.values():
                for name in contracted_names(doc.title) | doc.abbreviations:
                    if names.setdefault(name, doc.id) != doc.id:
                        shared.add(name)
            for name in shared:
                del names[name]
            for alias, title in mine_definitions(texts, [d.title for d in docs.values()]).items():
                names.setdefault(alias, by_title[normalize(title)])
            for alias, title in self.alias_table.items():
                if normalize(title) in by_title:
                    names[alias] = by_title[normalize(title)]
            for doc in docs.values():  # a full title always names its own document
                names[normalize(doc.title)] = doc.id
            self._docs, self._names, self._state = docs, names, state

    def names(self) -> dict[str, str]:
        """normalised name → title (for docs and tests)."""
        self._refresh()
        return {n: self._docs[i].title for n, i in self._names.items()}

    # -- resolution ------------------------------------------------------------------------
    def resolve(self, query: str, departments: tuple[str, ...] | None = None
                ) -> Reference | None:
        """The document and unit a question names, or None when it names neither. A document
        these departments are not shown is not known to them: its name resolves to nothing, so
        a reply never tells them it exists (nor its id, nor which 条 it lacks)."""
        units = find_units(query)
        self._refresh()
        text = normalize(query)
        best: tuple[int, int, str] | None = None  # (-length, position, name)
        for name, doc_id in self._names.items():
            if not self._docs[doc_id].shown_to(departments):
                continue
            pos = text.find(name)
            if pos >= 0 and (best is None or (-len(name), pos) < best[:2]):
                best = (-len(name), pos, name)
        if best is None:
            return None if not units else Reference(None, None, None, units[0], True)
        doc = self._docs[self._names[best[2]]]
        name_end = best[1] - best[0]
        # the unit that follows the name ("労基法39条"), else the first one in the question
        unit = next((u for u in units if u.start >= name_end), units[0] if units else None)
        found = certain = True
        if unit is not None:
            chunks = doc.units.get(unit.article)
            found = bool(chunks) and (unit.paragraph is None or any(
                _holds_paragraph(p, unit.paragraph) for p in chunks or []))
            certain = found or bool(chunks) or numbering_is_whole(doc.units)
        return Reference(doc.id, doc.title, best[2], unit, found, certain)

    def document_named(self, query: str) -> str | None:
        """The title of the document the question names (full title, short name or 略称)."""
        ref = self.resolve(query)
        return ref.document_title if ref is not None and ref.document_id else None

    def unit_hits(self, ref: Reference, departments: tuple[str, ...] | None) -> list[Hit]:
        """The named unit's chunks, best-matching first (項 named: that 項 first)."""
        if ref.document_id is None or ref.unit is None or not ref.found:
            return []
        doc = self._docs.get(ref.document_id)
        chunks = doc.units.get(ref.unit.article, []) if doc else []
        visible = [p for p in chunks if _visible(p, departments)]

        def rank(p: dict[str, Any]) -> tuple[int, int]:
            para_ok = ref.unit is not None and ref.unit.paragraph is not None and \
                _holds_paragraph(p, ref.unit.paragraph)
            item_ok = ref.unit is not None and ref.unit.item is not None and \
                str(p.get("item") or "") == ref.unit.item
            return (-(2 * item_ok + para_ok), int(p.get("position") or 0))

        return [_hit(p) for p in sorted(visible, key=rank)]


def _holds_paragraph(payload: dict[str, Any], paragraph: str) -> bool:
    if payload.get("paragraph"):
        return str(payload["paragraph"]) == paragraph
    meta = json.loads(payload["meta"]) if payload.get("meta") else {}
    spans = str(meta.get("paragraphs", ""))
    return any(part.split(":", 1)[0] == paragraph for part in spans.split(",") if part) or (
        paragraph == "1")


def _visible(payload: dict[str, Any], departments: tuple[str, ...] | None) -> bool:
    """Shown to these departments, and not held for review (core.content_guard): a unit named
    outright skips the search and its filters, so it is checked here the same way."""
    return not payload.get("quarantined") and _shown(set(payload.get("departments") or []),
                                                      departments)


def _shown(allowed: set[str], departments: tuple[str, ...] | None) -> bool:
    """Departments (None: any) among those a unit or document is shown to (PUBLIC: everyone)."""
    return departments is None or PUBLIC in allowed or bool(allowed & set(departments))


def _hit(p: dict[str, Any]) -> Hit:
    extra: dict[str, Any] = {"cosine": None, "covers": p.get("covers", ""),
                             "faq_id": p.get("faq_id"), "context": p.get("context"),
                             "number": p.get("number"), "path": p.get("path") or [],
                             "current": True, "reference": True,
                             "quarantine_approved": bool(p.get("quarantine_approved"))}
    if p.get("meta"):
        extra["meta"] = json.loads(p["meta"])
    return Hit(chunk_id=p["_id"], score=1.0, kind=p.get("kind", ""),
               document_id=p.get("document_id", ""), document_title=p.get("document_title", ""),
               article=p.get("article"), paragraph=p.get("paragraph"), item=p.get("item"),
               page=p.get("page"), question=p.get("question"), text=p.get("text", ""),
               label=p.get("label", ""), answer=p.get("answer"), caption=p.get("caption"),
               part=p.get("part", "main"), owner_department=p.get("owner_department"),
               version=p.get("version", ""), extra=extra)


def put_first(hits: Sequence[Hit], named: Sequence[Hit], *,
              search_order: bool = False) -> list[Hit]:
    """The named unit's chunks first (with the search's cosine when it found them too), then
    the other hits, without the named article twice. `search_order`: a 条 named without its
    項 — the 項 the search ranked best leads (「労基法39条の年休、育休期間は…」 → 第十項)."""
    if not named:
        return list(hits)
    by_id = {h.chunk_id: h for h in hits}
    if search_order:
        rank = {h.chunk_id: i for i, h in enumerate(hits)}
        named = sorted(named, key=lambda h: rank.get(h.chunk_id, len(hits)))
    top = max((h.score for h in hits), default=0.0)
    first = []
    for n, hit in enumerate(named):
        seen = by_id.get(hit.chunk_id)
        extra = {**(seen.extra if seen else hit.extra), "reference": True}
        first.append(dataclasses.replace(seen or hit, extra=extra, score=top + 1.0 - n * 1e-3))
    key = {(h.document_id, h.article) for h in first}
    rest = [h for h in hits if (h.document_id, h.article) not in key or h.part != "main"]
    return first[:1] + rest if len(first) > 1 else first + rest
