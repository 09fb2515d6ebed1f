"""Follow-up questions: 「それは何日前まで？」 after 「年休の申請はどうする？」 becomes
「年休の申請は何日前まで？」, so retrieval sees what the person means.

A pure function over the two questions (no model): the previous question's topic (what comes
before its first topic particle は/って, else the whole question without its question ending)
replaces a leading demonstrative (それ・これ・あれ・その・この・そこ), or is put in front of a
short question that names no subject of its own (「何日前まで？」「申請先は？」).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# a demonstrative standing for the previous topic, with what follows it
_DEMONSTRATIVE = re.compile(r"^(?:では|じゃあ|なら|それで|で)?[、,]?\s*"
                            r"(?P<word>それ|これ|あれ|そちら|こちら|その|この|あの|そこ|同じ)")
# question words and endings that carry no topic of their own
_ONLY_ASKING = re.compile(
    r"^(?:では|じゃあ|なら|それで|また|あと)?[、,]?\s*"
    r"(?:何|なに|なん|いつ|どこ|どう|どの|どれ|誰|だれ|いくら|いくつ|何日|何時|何回|何円|"
    r"何か月|何ヶ月|何年|どれくらい|どのくらい|期限|締切|締め切り|手続き?|方法|条件|対象|"
    r"例外|場合|必要|可能|申請先|提出先|窓口|担当|根拠)")
_TOPIC_PARTICLE = re.compile(r"(?<=[\u3041-\u30ff\u4e00-\u9fffー々A-Za-z0-9０-９])"
                             r"(?:は|って|について)")
_QUESTION_END = re.compile(r"(?:をどうする|はどうする|はどうなる|はどこ|は何|とは)?"
                           r"(?:ですか|でしょうか|ますか|か|の)?[？?。\s]*$")
MAX_FOLLOWUP_CHARS = 20


@dataclass(frozen=True, slots=True)
class Rewrite:
    query: str  # what to search for
    rewritten: bool
    topic: str | None = None


def topic_of(question: str) -> str | None:
    """The subject of a question: the words before its first は/って/について."""
    text = question.strip()
    m = _TOPIC_PARTICLE.search(text)
    if m and m.start() >= 2:
        return text[:m.start()].strip("、, ")
    stripped = _QUESTION_END.sub("", text)
    return stripped or None


def rewrite_followup(question: str, previous: str | None) -> Rewrite:
    """The question to search for, given the previous question of the same conversation."""
    text = question.strip()
    if not previous or not previous.strip() or not text:
        return Rewrite(text, False)
    topic = topic_of(previous)
    if not topic or topic in text:
        return Rewrite(text, False)
    m = _DEMONSTRATIVE.match(text)
    if m:
        rest = text[m.end():]
        word = m.group("word")
        if word in ("その", "この", "あの", "同じ"):
            return Rewrite(f"{topic}の{rest.lstrip('の')}", True, topic)
        if word == "そこ":
            return Rewrite(f"{topic}{rest}", True, topic)
        return Rewrite(f"{topic}{rest}", True, topic)
    if len(text) <= MAX_FOLLOWUP_CHARS and _ONLY_ASKING.match(text):
        rest = re.sub(r"^(?:では|じゃあ|なら|それで|また|あと)[、,]?\s*", "", text)
        # 「手続きは？」 → 「年休の手続きは？」
        joint = "の" if _TOPIC_PARTICLE.search(rest) else "は"
        return Rewrite(f"{topic}{joint}{rest}", True, topic)
    return Rewrite(text, False)
