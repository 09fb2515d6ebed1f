"""Japanese legal numbering: kanji numerals, 条・項・号 numbers and labels, 和暦 dates.

Numbers are normalised the e-Gov way: 第十七条の二 → "17_2", 第二号の二 → "2_2". Sub-items
written イ, ロ, ハ … are romanized (Hepburn, iroha order) and appended to their 号 with "_":
第二号ロ → item "2_ro"; a further level (１)(２) under it appends digits: "2_ro_1". Ranges of
deleted articles (第二十九条から第三十一条まで) become "29:31", as in e-Gov's Num attribute.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_FULLWIDTH = str.maketrans("０１２３４５６７８９．／－", "0123456789./-")
_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "壱": 1,
    "弐": 2,
    "参": 3,
}
_UNITS = {"十": 10, "拾": 10, "百": 100, "千": 1000}
_KANJI_OF = "〇一二三四五六七八九"

NUMERAL = r"[〇零一二三四五六七八九十百千万壱弐参拾0-9０-９]+"
"""A regex fragment matching one numeral, kanji or arabic (full- or half-width)."""

IROHA = (
    ("イ", "i"),
    ("ロ", "ro"),
    ("ハ", "ha"),
    ("ニ", "ni"),
    ("ホ", "ho"),
    ("ヘ", "he"),
    ("ト", "to"),
    ("チ", "chi"),
    ("リ", "ri"),
    ("ヌ", "nu"),
    ("ル", "ru"),
    ("ヲ", "wo"),
    ("ワ", "wa"),
    ("カ", "ka"),
    ("ヨ", "yo"),
    ("タ", "ta"),
    ("レ", "re"),
    ("ソ", "so"),
    ("ツ", "tsu"),
    ("ネ", "ne"),
    ("ナ", "na"),
    ("ラ", "ra"),
    ("ム", "mu"),
    ("ウ", "u"),
    ("ヰ", "wi"),
    ("ノ", "no"),
    ("オ", "o"),
    ("ク", "ku"),
    ("ヤ", "ya"),
    ("マ", "ma"),
    ("ケ", "ke"),
    ("フ", "fu"),
    ("コ", "ko"),
    ("エ", "e"),
    ("テ", "te"),
    ("ア", "a"),
    ("サ", "sa"),
    ("キ", "ki"),
    ("ユ", "yu"),
    ("メ", "me"),
    ("ミ", "mi"),
    ("シ", "shi"),
    ("ヱ", "we"),
    ("ヒ", "hi"),
    ("モ", "mo"),
    ("セ", "se"),
    ("ス", "su"),
)
_IROHA_ROMAJI = dict(IROHA)
_IROHA_KANA = {romaji: kana for kana, romaji in IROHA}
IROHA_CHARS = "".join(kana for kana, _ in IROHA)


def to_halfwidth_digits(text: str) -> str:
    """Full-width digits and the separators ．／－ to ASCII; everything else unchanged."""
    return text.translate(_FULLWIDTH)


def kanji_to_int(text: str) -> int | None:
    """Parse 二十三, 百五, 千, 一〇 / 一三〇 (positional), 23 or ２３; None if not a numeral."""
    s = to_halfwidth_digits(text.strip())
    if not s:
        return None
    if s.isascii():
        return int(s) if s.isdigit() else None
    if "万" in s:
        high, _, low = s.partition("万")
        high_value = kanji_to_int(high) if high else 1
        low_value = kanji_to_int(low) if low else 0
        if high_value is None or low_value is None:
            return None
        return high_value * 10000 + low_value
    if not any(ch in _UNITS for ch in s):  # positional: 一〇 = 10, 一三〇 = 130, 二〇二四
        if not all(ch in _DIGITS or ch.isdigit() for ch in s):
            return None
        return int("".join(str(_DIGITS[ch]) if ch in _DIGITS else ch for ch in s))
    total, digit, last_unit = 0, None, 10**9
    for ch in s:
        if ch in _DIGITS or ch.isdigit():
            if digit is not None:
                return None  # two digits in a row inside a unit form: 二三十
            digit = _DIGITS[ch] if ch in _DIGITS else int(ch)
        elif ch in _UNITS:
            unit = _UNITS[ch]
            if unit >= last_unit:
                return None  # 十百, 百百
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        else:
            return None
    return total + (digit or 0)


def int_to_kanji(number: int) -> str:
    """Write a number the way statutes do: 17 → 十七, 105 → 百五, 2024 → 二千二十四."""
    if number < 0:
        raise ValueError(f"negative number {number}")
    if number == 0:
        return "〇"
    parts = []
    if number >= 10000:
        parts.append(int_to_kanji(number // 10000) + "万")
        number %= 10000
    for unit, mark in ((1000, "千"), (100, "百"), (10, "十")):
        digit, number = divmod(number, unit)
        if digit:
            parts.append(("" if digit == 1 else _KANJI_OF[digit]) + mark)
    if number:
        parts.append(_KANJI_OF[number])
    return "".join(parts)


def _branch_number(text: str) -> str | None:
    """ "十七" / "十七の二の三" / "17の2" → "17" / "17_2_3"."""
    parts = [kanji_to_int(part) for part in text.split("の")]
    if not parts or any(part is None for part in parts):
        return None
    return "_".join(str(part) for part in parts)


_ARTICLE_RE = re.compile(rf"第({NUMERAL}(?:の{NUMERAL})*)条")
_ARTICLE_RANGE_RE = re.compile(
    rf"^第({NUMERAL}(?:の{NUMERAL})*)条(?:から|及び)第({NUMERAL}(?:の{NUMERAL})*)条(?:まで)?$"
)


def article_number(text: str) -> str | None:
    """ "第十七条の二" → "17_2"; a range "第二十九条から第三十一条まで" → "29:31"; else None."""
    s = re.sub(r"\s+", "", text)
    if match := _ARTICLE_RANGE_RE.match(s):
        first, last = _branch_number(match[1]), _branch_number(match[2])
        return f"{first}:{last}" if first and last else None
    match = re.fullmatch(rf"第({NUMERAL})条((?:の{NUMERAL})*)", s)
    if not match:
        return None
    return _branch_number(match[1] + match[2])


def paragraph_number(text: str) -> str | None:
    """ "第三項", "３", "3" or "三" → "3"; None if not a paragraph number."""
    s = re.sub(r"\s+", "", text)
    match = re.fullmatch(rf"(?:第({NUMERAL})項|({NUMERAL}))", s)
    if not match:
        return None
    value = kanji_to_int(match[1] or match[2])
    return str(value) if value else None


def iroha_key(kana: str) -> str | None:
    """ "ロ" → "ro" (the romanized iroha sub-item key); None for anything else."""
    return _IROHA_ROMAJI.get(kana.strip())


def item_number(text: str) -> str | None:
    """ "第二号", "二", "(2)", "（２）" → "2"; "第二号の二" → "2_2"; "第二号ロ" → "2_ro"."""
    s = re.sub(r"\s+", "", text)
    if key := iroha_key(s):
        return key
    match = re.fullmatch(
        rf"(?:第({NUMERAL})号((?:の{NUMERAL})*)|[(（]?({NUMERAL}(?:の{NUMERAL})*)[)）]?)"
        rf"([{IROHA_CHARS}]?)",
        s,
    )
    if not match:
        return None
    number = _branch_number((match[1] + match[2]) if match[1] else match[3])
    if number is None or number.startswith("0"):
        return None
    return f"{number}_{_IROHA_ROMAJI[match[4]]}" if match[4] else number


def _branch_label(number: str, unit: str) -> str:
    head, *branches = number.split("_")
    return f"第{int_to_kanji(int(head))}{unit}" + "".join(
        f"の{int_to_kanji(int(b))}" for b in branches
    )


def article_label(number: str) -> str:
    """ "17_2" → "第十七条の二"; "29:31" → "第二十九条から第三十一条まで"."""
    if ":" in number:
        first, last = number.split(":", 1)
        return f"{article_label(first)}から{article_label(last)}まで"
    return _branch_label(number, "条")


def item_label(number: str) -> str:
    """ "2" → "第二号", "2_2" → "第二号の二", "2_ro" → "第二号ロ", "2_ro_1" → "第二号ロ(1)"."""
    parts = number.split("_")
    digits = []
    while parts and parts[0].isdigit():
        digits.append(parts.pop(0))
    label = _branch_label("_".join(digits), "号") if digits else ""
    for part in parts:
        label += _IROHA_KANA.get(part, part) if not part.isdigit() else f"({part})"
        # digits after an iroha key are the (1)(2) level below it
    return label


def citation_label(
    article: str | None, paragraph: str | None = None, item: str | None = None
) -> str:
    """ "17_2", "3", "2" → "第十七条の二第三項第二号"; parts that are None are left out."""
    label = article_label(article) if article else ""
    if paragraph:
        label += f"第{int_to_kanji(int(paragraph))}項"
    if item:
        label += item_label(item)
    return label


# --- 和暦 -------------------------------------------------------------------------------

ERAS: dict[str, dt.date] = {
    "令和": dt.date(2019, 5, 1),
    "平成": dt.date(1989, 1, 8),
    "昭和": dt.date(1926, 12, 25),
    "大正": dt.date(1912, 7, 30),
    "明治": dt.date(1868, 1, 25),
}
_ERA_ALIASES = {
    "R": "令和",
    "H": "平成",
    "S": "昭和",
    "T": "大正",
    "M": "明治",
    "令": "令和",
    "平": "平成",
    "昭": "昭和",
    "大": "大正",
    "明": "明治",
}
_ERA_ROMAN = {"Reiwa": "令和", "Heisei": "平成", "Showa": "昭和", "Taisho": "大正", "Meiji": "明治"}

_WAREKI_RE = re.compile(
    rf"(令和|平成|昭和|大正|明治)\s*(元|{NUMERAL})\s*年\s*({NUMERAL})\s*月\s*({NUMERAL})\s*日"
)
_WAREKI_SHORT_RE = re.compile(
    r"(?<![A-Za-z])([RHSTMrhstm]|令|平|昭|大|明)\s*(元|\d{1,2})[.．/／-](\d{1,2})[.．/／-](\d{1,2})"
    r"(?!\d)"
)


def era_year_to_date(era: str, year: int, month: int, day: int) -> dt.date | None:
    """A date from an era (令和, R or e-Gov's "Reiwa"); None if impossible or before the era."""
    era_name = _ERA_ROMAN.get(era) or _ERA_ALIASES.get(era.upper() if era.isascii() else era, era)
    start = ERAS.get(era_name)
    if start is None or year < 1:
        return None
    try:
        date = dt.date(start.year + year - 1, month, day)
    except ValueError:
        return None
    # Era ends are not checked: documents written before a change say 平成32年 for 2020.
    return date if date >= start else None


def _date_from_match(match: re.Match[str]) -> str | None:
    era, year_text, month_text, day_text = match.groups()
    year = 1 if year_text == "元" else kanji_to_int(year_text)
    month, day = kanji_to_int(month_text), kanji_to_int(day_text)
    if year is None or month is None or day is None:
        return None
    date = era_year_to_date(era, year, month, day)
    return date.isoformat() if date else None


def wareki_to_iso(text: str) -> str | None:
    """ "令和六年四月一日", "令和６年４月１日", "平成元年1月8日", "R6.4.1" → ISO date; else None.

    The whole string (surrounding blanks aside) must be the date; see `find_wareki_date`.
    """
    s = text.strip()
    for pattern in (_WAREKI_RE, _WAREKI_SHORT_RE):
        if match := pattern.fullmatch(s):
            return _date_from_match(match)
    return None


def find_wareki_date(text: str) -> str | None:
    """The first valid 和暦 date written anywhere in `text` (kanji or R6.4.1 form), as ISO."""
    for pattern in (_WAREKI_RE, _WAREKI_SHORT_RE):
        for match in pattern.finditer(text):
            if iso := _date_from_match(match):
                return iso
    return None


_DATE_WESTERN = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_DATE_ERA = re.compile(
    rf"^(明治|大正|昭和|平成|令和|[mtshr])\s*(元|{NUMERAL})\s*[年.\-/]\s*({NUMERAL})\s*[月.\-/]"
    rf"\s*({NUMERAL})"
)


def to_iso_date(value: object) -> str | None:
    """ISO date for a spreadsheet cell: 2024/04/01, 2024-4-1, 2024年4月1日, 令和6年4月1日, R6.4.1,
    datetimes. The date must start the cell; None when it is no valid date."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = unicodedata.normalize("NFKC", str(value or "")).strip().lower()
    if match := _DATE_WESTERN.match(text):
        year, month, day = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    if match := _DATE_ERA.match(text):
        return _date_from_match(match)
    return None
