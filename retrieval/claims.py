"""What a question says a named document contains, checked against that document's text.

「文書取扱規程で定められている『７年保存』の文書は」 presumes a rule: if the named document has no
seven-year period anywhere, the honest reply is that it does not, not an excerpt about other
periods. Two kinds of claim are read, both only when the question attributes them to the
document (定められた, とされている, 規程にある, 「…」 quoted, 何条): a quantity with a unit (48時間,
７年, 三本線, 六か月) and an authority that approves or permits (市長の承認, 副市長の許可,
情報政策課長の許可). A claim counts as absent when the document's text has no such quantity
(kanji and digits folded: 六箇月 = 6か月) or never names that office. Topics (テレワーク, 永年保存)
are not judged here: an everyday word missing from a law's text (有休) says nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ingest.numbering import kanji_to_int

_NUMERAL = r"[0-9０-９〇一二三四五六七八九十百千]+"
_UNIT = r"(年|か月|ヶ月|ケ月|カ月|箇月|ヵ月|日|時間|本線|割|万円|円)"
_QUANTITY = re.compile(rf"(?<![第令和平成昭和])({_NUMERAL})\s*{_UNIT}")
_MONTHS = {"か月", "ヶ月", "ケ月", "カ月", "箇月", "ヵ月"}
# the question says the document holds it
_ATTRIBUTED = re.compile(r"定め|とされ|決ま(?:って|り)|規定|書いて|書かれ|載って|ルール"
                         r"|ことになって|(?:に|では|で)ある|上[はで、]|条文|何条|って(?:規程|規則|あ)|「")
_AUTHORITY = re.compile(r"((?:副?市長|教育長|[一-龥ァ-ヶー]{2,8}(?:課長|部長|局長|室長|担当))"
                        r")(?:の|が|に)?(?:事前)?(?:承認|許可|決裁|審査|確認|同意)")


def _unit(raw: str) -> str:
    return "月" if raw in _MONTHS else raw


def _read(text: str) -> Iterator[tuple[str, tuple[int, str]]]:
    """Each quantity of an NFKC text as (its words, (number, unit)); calendar years left out."""
    for m in _QUANTITY.finditer(text):
        number = kanji_to_int(m.group(1))
        if number is not None and not (m.group(2) == "年" and number >= 1900):
            yield m.group(0), (number, _unit(m.group(2)))


def quantities(text: str) -> set[tuple[int, str]]:
    """(number, unit) pairs of a text; kanji and full-width numerals folded."""
    return {value for _, value in _read(unicodedata.normalize("NFKC", text))}


def absent_claim(question: str, document_text: str) -> str | None:
    """The first thing the question attributes to the document that its text does not hold
    (the question's own words for it), or None."""
    if not document_text or not _ATTRIBUTED.search(question):
        return None
    norm = unicodedata.normalize("NFKC", question)
    held = quantities(document_text)
    for words, value in _read(norm):
        if value not in held:
            return words
    for m in _AUTHORITY.finditer(norm):
        office = re.sub(r"^(?:みどり市|市の|本市の?)", "", m.group(1))
        if office not in document_text:
            return m.group(0)
    return None
