"""Personal-information guard: find likely 個人情報 in a question before it is processed.

Rules favour precision on the text staff actually type about regulations: a 12-digit number is a
個人番号 only with a valid check digit, a phone number must look like a dialable Japanese number
and not a 告示第03-…号 reference, a date is a birth date only next to 生年月日/生まれ/誕生日,
and a name needs fugashi/unidic's 固有名詞・人名 tag followed by an honorific (さん/様/氏/君/殿),
so 田中町 (地名) and 第十二条 pass. `mask` replaces each finding with its 【kind】 label
for the audit log.
"""

from __future__ import annotations

import itertools
import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import Any

SPACED_MIN_CHARS = 8
SPACED_SHARE = 0.6  # of the gaps between characters that are one space

LABELS_JA = {
    "my_number": "個人番号",
    "phone": "電話番号",
    "email": "メールアドレス",
    "address": "住所",
    "birth_date": "生年月日",
    "person_name": "氏名",
}
KINDS = tuple(LABELS_JA)
HONORIFICS = ("さん", "様", "さま", "氏", "君", "くん", "殿", "ちゃん")

_DIGITS12 = re.compile(r"(?<![\d-])\d(?:[ -]?\d){11}(?![\d-])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_PHONE = re.compile(
    r"(?<![\d第-])(?:"
    r"0\d{1,4}-\d{1,4}-\d{3,4}"          # 03-1234-5678, 0120-123-456, 090-1234-5678
    r"|0[5789]0 \d{4} \d{4}"             # 090 1234 5678
    r"|0\d{1,4}\(\d{1,4}\)\d{3,4}"       # 03(1234)5678
    r"|0[5789]0\d{8}"                    # 09012345678
    r"|0\d{9}"                           # 0312345678 (only next to a phone word, see below)
    r")(?![\d号-])")
_PHONE_WORD = re.compile(r"(電話|TEL|Tel|tel|携帯|FAX|ファクス|連絡先)")
_POSTAL = re.compile(r"〒\s?\d{3}-?\d{4}|郵便番号\s?\d{3}-\d{4}")
_ADDRESS = re.compile(
    r"(?:[一-龥ぁ-んァ-ヶ]{1,12}(?:都|道|府|県|市|区|町|村))?"
    r"[一-龥ァ-ヶ]{0,8}"
    r"(?:\d{1,3}丁目\s?\d{1,4}(?:番地?|-)\s?(?:\d{1,4}号?)?"
    r"|\d{1,5}番地(?:の?\d{1,4})?"
    r"|(?<=[町丁目村])\d{1,4}-\d{1,4}(?:-\d{1,4})?(?!\d|号|条|項))")
_DATE = re.compile(
    r"(?:(?:明治|大正|昭和|平成|令和)(?:元|\d{1,2})年|(?:19|20)\d{2}年)\s?\d{1,2}月\s?\d{1,2}日"
    r"|(?:19|20)\d{2}[/.-]\d{1,2}[/.-]\d{1,2}"
    r"|[MTSHR]\d{1,2}\.\d{1,2}\.\d{1,2}")
_BIRTH_BEFORE = re.compile(r"(生年月日|誕生日|生まれ)[はがの:：\s]*$")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")
_BIRTH_AFTER = re.compile(r"^\s?(生まれ|生|に?生まれた|誕生)")


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str
    start: int  # offsets into the NFKC-normalised text
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        """What an API reply shows: the kind and a masked hint, never the value itself."""
        return {"kind": self.kind, "label_ja": LABELS_JA[self.kind], "start": self.start,
                "end": self.end}


def my_number_check_digit(first11: str) -> int:
    """個人番号 check digit (番号法施行令 8条): weights 2..7 then 2..6 from the right."""
    total = 0
    for n in range(1, 12):
        p = int(first11[11 - n])
        q = n + 1 if n <= 6 else n - 5
        total += p * q
    rem = total % 11
    return 0 if rem <= 1 else 11 - rem


def is_my_number(digits: str) -> bool:
    return (len(digits) == 12 and digits.isdigit()
            and my_number_check_digit(digits[:11]) == int(digits[11]))


def normalize(text: str) -> str:
    """NFKC (全角数字・ハイフン folded), zero-width characters dropped (they hide a number from
    the rules), and the many dash forms mapped to '-'."""
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text))
    return re.sub(r"[‐‑‒–—―−ーｰ](?=\d)", "-", text)


def despaced(norm: str) -> tuple[str, list[int]] | None:
    """Letter-spaced text (a space after most characters, as typed to slip past filters): the
    text without its spaces and each kept character's index in `norm`; None otherwise."""
    kept = [i for i, ch in enumerate(norm) if not ch.isspace()]
    if len(kept) < SPACED_MIN_CHARS:
        return None
    single_gaps = sum(1 for a, b in itertools.pairwise(kept) if b - a == 2)
    if single_gaps < SPACED_SHARE * (len(kept) - 1):
        return None
    return "".join(norm[i] for i in kept), kept


class PiiDetector:
    """Regex rules plus fugashi for names. One tagger per instance; calls are serialised."""

    def __init__(self) -> None:
        import fugashi

        self._tagger = fugashi.Tagger()
        self._lock = threading.Lock()

    def detect(self, text: str) -> list[Finding]:
        norm = normalize(text)
        found = self._rules(norm)
        spaced = despaced(norm)
        if spaced is not None:  # 「0 9 0 - 1 2 3 4 …」: the same rules on the joined letters
            joined, where = spaced
            for f in self._rules(joined):
                start, end = where[f.start], where[f.end - 1] + 1
                if not _overlaps(found, start, end):
                    found.append(Finding(f.kind, start, end, norm[start:end]))
        return sorted(found, key=lambda f: (f.start, f.end))

    def _rules(self, norm: str) -> list[Finding]:
        found = _pattern_findings(norm)
        found.extend(f for f in self._names(norm) if not _overlaps(found, f.start, f.end))
        return found

    def _names(self, norm: str) -> list[Finding]:
        with self._lock:
            words = [(w.surface, w.feature.pos1, w.feature.pos2, w.feature.pos3,
                      w.feature.pos4) for w in self._tagger(norm)]
        out: list[Finding] = []
        pos = 0
        spans: list[tuple[int, int, bool]] = []  # (start, end, is_person_name)
        for k, (surface, pos1, pos2, pos3, pos4) in enumerate(words):
            start = norm.find(surface, pos)
            if start < 0:
                start = pos
            end = start + len(surface)
            pos = end
            nxt = words[k + 1][0] if k + 1 < len(words) else ""
            # unidic tags some surnames (松本, 清水) as place names; with 様/さん/氏 they are people
            surname_like = pos3 == "地名" and pos4 == "一般" and nxt in ("さん", "様", "氏")
            spans.append((start, end, pos1 == "名詞" and pos2 == "固有名詞"
                          and (pos3 == "人名" or surname_like)))
        words_surface = [w[0] for w in words]
        i = 0
        while i < len(spans):
            if not spans[i][2]:
                i += 1
                continue
            j = i
            while j + 1 < len(spans) and spans[j + 1][2]:
                j += 1
            nxt = words_surface[j + 1] if j + 1 < len(spans) else ""
            if nxt in HONORIFICS or any(norm.startswith(h, spans[j][1]) for h in HONORIFICS):
                out.append(Finding("person_name", spans[i][0], spans[j][1],
                                   norm[spans[i][0]:spans[j][1]]))
            i = j + 1
        return out


    def person_names(self, text: str) -> list[str]:
        """Runs of unidic 固有名詞・人名 words, with or without an honorific, and a place-tagged
        surname before one (the intent classifier pairs them with personal-data words; alone they
        prove nothing)."""
        with self._lock:
            words = [(w.surface, w.feature.pos2, w.feature.pos3, w.feature.pos4)
                     for w in self._tagger(normalize(text))]
        names: list[str] = []
        run: list[str] = []
        for k, (surface, pos2, pos3, pos4) in enumerate([*words, ("", "", "", "")]):
            # a surname unidic tags as a place (山口くん, 松本さん), or one before a title and an
            # honorific (西田町内会長さん): a person
            if pos2 == "固有名詞" and (pos3 == "人名" or (pos3 == "地名" and pos4 == "一般"
                                                         and _honoured(words[k + 1:]))):
                run.append(surface)
                continue
            if run:
                names.append("".join(run))
                run = []
        return names


# the titles a surname is called by (西田会長さん, 松本先生): a person's, with an honorific after
_TITLE = re.compile(r".*(?:長|先生|委員|議員|主任|主事|主査|さん)$")


def _honoured(after: list[tuple[str, str, str, str]]) -> bool:
    """The words after a surname are an honorific (さん), or up to three common nouns ending in a
    title and then one (町内 会長 さん)."""
    for k, (surface, pos2, _, _) in enumerate(after[:4]):
        if surface in HONORIFICS:
            return k == 0 or bool(_TITLE.match(after[k - 1][0]))
        if pos2 != "普通名詞":
            return False
    return False


def pattern_findings(text: str) -> list[Finding]:
    """The regex rules alone (no names, no tagger): cheap enough for every answer sentence."""
    return _pattern_findings(normalize(text))


def _pattern_findings(norm: str) -> list[Finding]:
    found: list[Finding] = []
    for m in _DIGITS12.finditer(norm):
        if is_my_number(re.sub(r"\D", "", m.group())):
            found.append(Finding("my_number", m.start(), m.end(), m.group()))
    for m in _EMAIL.finditer(norm):
        found.append(Finding("email", m.start(), m.end(), m.group()))
    for m in _PHONE.finditer(norm):
        digits = re.sub(r"\D", "", m.group())
        if not 10 <= len(digits) <= 11 or _overlaps(found, m.start(), m.end()):
            continue
        plain = m.group().isdigit() and not m.group().startswith(("050", "070", "080", "090"))
        if plain and not _PHONE_WORD.search(norm[max(0, m.start() - 12):m.start()]):
            continue
        found.append(Finding("phone", m.start(), m.end(), m.group()))
    for pattern in (_POSTAL, _ADDRESS):
        for m in pattern.finditer(norm):
            if not _overlaps(found, m.start(), m.end()):
                found.append(Finding("address", m.start(), m.end(), m.group()))
    for m in _DATE.finditer(norm):
        before = norm[max(0, m.start() - 10):m.start()]
        after = norm[m.end():m.end() + 6]
        if (_BIRTH_BEFORE.search(before) or _BIRTH_AFTER.search(after)) and not _overlaps(
                found, m.start(), m.end()):
            found.append(Finding("birth_date", m.start(), m.end(), m.group()))
    return found


def mask(text: str, findings: list[Finding]) -> str:
    """The normalised text with each finding replaced by 【label】 (what the audit log keeps)."""
    if not findings:
        return text
    norm = normalize(text)
    out: list[str] = []
    last = 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.start < last:
            continue
        out.append(norm[last:f.start])
        out.append(f"【{LABELS_JA[f.kind]}】")
        last = f.end
    out.append(norm[last:])
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Screened:
    """A text checked once for personal information: what was found, and the masked form that
    every log (query log, audit log) stores instead of the text."""

    text: str
    findings: tuple[Finding, ...]
    masked: str

    @property
    def kinds(self) -> list[str]:
        return sorted({f.kind for f in self.findings})


def screen(detector: PiiDetector, text: str) -> Screened:
    """Detect once, mask once: callers pass the result on instead of detecting again."""
    findings = detector.detect(text) if text else []
    return Screened(text, tuple(findings), mask(text, findings))


def _overlaps(found: list[Finding], start: int, end: int) -> bool:
    return any(f.start < end and start < f.end for f in found)
