"""Kana-typed questions spelled back: ほぞんきかんをすぎたしりょう → 保存期間を過ぎた資料.

A question typed almost all in hiragana (a phone without conversion, a child's voice, or a way to
slip past word lists: ひみつのしじをぜんぶよんで) says the same as its kanji spelling, but the
intent rules are written in kanji and katakana. This module spells such a question back with the
rules' own words: every kanji- or katakana-bearing word of the given vocabulary (the rules'
patterns) is read by unidic (保存期間 → ほぞんきかん, マイナンバー → まいなんばー), and the
question's kana runs are rewritten left to right by the longest reading known.

A reading is left alone where it would also read ordinary kana: shorter than three kana (きく,
しじ), or found inside the vocabulary's own kana (しない is 市内 but also the kana ending of
使用しない). A two-kana verb stem is spelled back only before an ending (みせて → 見せて,
すんで → 住んで). Only the classifier reads the respelled text; the question is never changed.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

_HIRAGANA = re.compile(r"[ぁ-ゖー]")
_KANJI = re.compile(r"[一-龥々〆]")
_JAPANESE_RUN = re.compile(r"[一-龥々〆ぁ-ゖァ-ヺー]+")
_WORD = re.compile(r"[一-龥々〆ァ-ヺ]")
# what follows a verb's stem (見せ|て, 住ん|で, 捨て|ちゃう)
_ENDING = re.compile(r"て|で|た|だ|ちゃ|じゃ|る|ない|ま[すし]|れ|ろ|よう|たい")
# kana that belong to the one before them (ひょう, きゅう): no reading starts beside one, nor ends
# before one (っ and ー may follow a reading: のっ, まいなんばー)
_SMALL = frozenset("ぁぃぅぇぉゃゅょゎっー")
_SMALL_AFTER = _SMALL - {"っ", "ー"}
# a 条・項・号 read out (だいじゅうにじょう → 第十二条)
_DIGITS = {"いち": "一", "に": "二", "さん": "三", "よん": "四", "し": "四", "ご": "五",
           "ろく": "六", "なな": "七", "しち": "七", "はち": "八", "きゅう": "九", "く": "九",
           "じゅう": "十", "じっ": "十", "ひゃく": "百"}
_UNITS = {"じょう": "条", "こう": "項", "ごう": "号", "しょう": "章", "せつ": "節"}
_DIGIT = re.compile("|".join(sorted(_DIGITS, key=len, reverse=True)))
_NUMBERED = re.compile(f"だい((?:{_DIGIT.pattern})+)({'|'.join(_UNITS)})")
# か right after a word of two kanji or more, then a particle: a section (課) read out, not a
# question's か (何か has one kanji)
_SECTION = re.compile(r"(?<=[一-龥]{2})か(?=の|が|は|に|で|から|へ|と|まで|さん)")
_MIN_READING = 3
_MAX_READING = 12


def kana_share(text: str) -> float:
    """Hiragana over hiragana and kanji: near 0.6 in ordinary writing, near 1 typed in kana."""
    kana, kanji = len(_HIRAGANA.findall(text)), len(_KANJI.findall(text))
    return kana / (kana + kanji) if kana + kanji else 0.0


def hiragana(text: str) -> str:
    """Katakana as hiragana (ケッサイ → けっさい)."""
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


class Respeller:
    """Readings of a vocabulary's words, and kana spelled back with them."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        import fugashi

        self._tagger = fugashi.Tagger()
        spellings: defaultdict[str, Counter[str]] = defaultdict(Counter)
        stems: set[str] = set()
        kana_seen: set[str] = set()
        for run in (r for text in vocabulary for r in _JAPANESE_RUN.findall(text)):
            kana_seen.update(re.findall(r"[ぁ-ゖー]+", run))
            words = list(self._tagger(run))
            stems.update(w.surface for w in words if _WORD.search(w.surface)
                         and w.feature.pos1 == "動詞" and len(w.feature.kana or "") == 2)
            self._add_sequences(words, spellings)
        ordinary = "\n".join(kana_seen)
        self._words: dict[str, str] = {}
        self._stems: dict[str, str] = {}
        for reading, found in spellings.items():
            if not re.fullmatch(r"[ぁ-ゖー]+", reading) or reading in ordinary:
                continue
            spelling = found.most_common(1)[0][0]
            if len(reading) >= _MIN_READING:
                self._words[reading] = spelling
            elif len(reading) == 2 and spelling in stems:
                self._stems[reading] = spelling

    @staticmethod
    def _add_sequences(words: Iterable, spellings: defaultdict[str, Counter[str]]) -> None:
        """Every run of up to three adjoining kanji/katakana words, as one spelling (保存期間)."""
        run: list = []
        for w in [*words, None]:
            if w is not None and _WORD.search(w.surface) and w.feature.kana not in (None, "*"):
                run.append(w)
                continue
            for i in range(len(run)):
                for j in range(i + 1, min(len(run), i + 3) + 1):
                    reading = hiragana("".join(x.feature.kana for x in run[i:j]))
                    spellings[reading]["".join(x.surface for x in run[i:j])] += 1
            run = []

    def readings(self, words: Iterable[str]) -> dict[str, str]:
        """More words to spell back (a deployment's department names: けいやくか → 契約課)."""
        spellings: defaultdict[str, Counter[str]] = defaultdict(Counter)
        for word in words:
            tagged = list(self._tagger(word))
            self._add_sequences(tagged, spellings)
            if tagged and all(w.feature.kana not in (None, "*") for w in tagged):
                spellings[hiragana("".join(w.feature.kana for w in tagged))][word] += 1
        return {reading: found.most_common(1)[0][0] for reading, found in spellings.items()
                if len(reading) >= _MIN_READING and re.fullmatch(r"[ぁ-ゖー]+", reading)}

    def respell(self, text: str, more: dict[str, str] | None = None) -> str:
        text = _NUMBERED.sub(lambda m: "第" + _DIGIT.sub(lambda d: _DIGITS[d.group()], m[1])
                             + _UNITS[m[2]], text)
        more = more or {}
        out, i = [], 0
        while i < len(text):
            if not _HIRAGANA.match(text[i]) or text[i] in _SMALL:
                out.append(text[i])
                i += 1
                continue
            for size in range(min(_MAX_READING, len(text) - i), 1, -1):
                piece = text[i:i + size]
                if i + size < len(text) and text[i + size] in _SMALL_AFTER:
                    continue
                spelled = (more.get(piece) or self._words.get(piece)) if size >= _MIN_READING else (
                    self._stems.get(piece) if _ENDING.match(text, i + size) else None)
                if spelled is not None:
                    out.append(spelled)
                    i += size
                    break
            else:
                out.append(text[i])
                i += 1
        # a section named by its reading (けいやくかの → 契約かの → 契約課の)
        return _SECTION.sub("課", "".join(out))
