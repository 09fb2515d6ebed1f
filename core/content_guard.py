"""Content guard: find planted content in a unit of text before staff ever see it.

Four kinds of finding, each general (patterns plus a score), none a list of known attack strings:

- ``instruction``: text that gives orders to an AI/assistant/system (an addressee, or a
  meta-instruction such as 「これまでの指示を無視」「回答の末尾に…と書け」, scored together with
  imperative/output language). Rules and FAQs address staff and residents, never the model.
- ``hidden_text``: zero-width and bidi-control characters, HTML comments, and text a parser saw
  hidden in the file (white or vanished runs in docx, invisible render mode or white fill in PDF).
- ``contact_phishing``: an e-mail address, URL or phone number outside the city's own domains
  and numbers (`TrustedContacts`, a setting) next to a request for identifiers, passwords or PINs.
- ``template_tokens``: chat-template or delimiter tokens (<|im_start|>, [INST], <<SYS>>,
  ``### system``...), which only exist in text meant for a language model.

Pure functions over strings; ingest (quarantine) and answer time (re-check) both call `scan`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

REASONS_JA = {
    "instruction": "AI・システムへの指示文",
    "hidden_text": "隠し文字・不可視テキスト",
    "contact_phishing": "外部の連絡先への個人情報・認証情報の送付依頼",
    "template_tokens": "チャットテンプレート・区切りトークン",
}
REASONS = tuple(REASONS_JA)

# invisible characters: zero-width, joiners, word joiner, invisible operators, BOM, bidi
# controls, Unicode tag characters; the soft hyphen is left out (word processors insert it)
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
                        r"\U000e0000-\U000e007f]")
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)

_ADDRESSEE = (r"(?:生成)?AI|人工知能|アシスタント|チャット?ボット|ボット|言語モデル|LLM|GPT"
              r"|回答(?:システム|エンジン|係|AI)|自動(?:応答|回答)|QA(?:システム|ボット)|このシステム"
              r"|assistant|chat ?bot|language model|the model|the bot|the ai")
# the addressee followed by a particle/vocative, or introduced as a recipient (※AIへ、Note to AI)
_ADDRESSED = re.compile(
    rf"(?:{_ADDRESSEE})\s*(?:への|へ|に対して|に対する|には|に|は|として|向け|各位|殿|様|:|：|、)"
    rf"|(?:note|message|instruction)s? (?:to|for) (?:the )?(?:{_ADDRESSEE})"
    rf"|(?:dear|attention|hey) (?:{_ADDRESSEE})", re.I)
_META = re.compile(
    r"(?:指示|命令|ルール|制約|設定|規則)(?:は|を)?(?:すべて|全て|一切)?(?:無視|忘れ|解除|破棄|上書き)"
    r"|(?:これまで|今まで|以前|上記|先ほど|前|元)の(?:指示|命令|ルール|設定|制約)"
    r"|(?:システム)?プロンプト(?:を|の内容|を表示|を出力)|システムプロンプト|初期設定を(?:表示|出力)"
    r"|(?:資料|出典|根拠|ソース)(?:を|は)(?:無視|示さず|付けず|表示せず|引用せず|省略)"
    r"|出典(?:を|の)?(?:付け|示さ|表示せ|明記せ)ず"
    r"|(?:回答|返答|出力|応答)の(?:冒頭|末尾|最後|最初|先頭|始め|終わり)に"
    r"|(?:以下|次|下記)の(?:文言|文章|文|URL|リンク|連絡先|内容|メッセージ)を(?:必ず|そのまま)?"
    r"(?:回答|出力|表示|案内|付記|追記|返答|添え|含め)"
    r"|(?:開発者|管理者|監査|デバッグ|制限解除)モード|(?:役割|ロール|人格)を(?:変更|切り替え)"
    r"|ignore (?:all |any |the )?(?:previous|prior|above|earlier|preceding)"
    r"|disregard (?:all|any|the|previous)"
    r"|system prompt|you are now|developer mode|do anything now|from now on,? you"
    r"|(?:begin|start|end) (?:your|the|every) (?:answer|reply|response)", re.I)
_OUTPUT_ORDER = re.compile(
    r"(?:回答|出力|返答|表示|案内|答え|伝え|引用|記載|明記|復唱|従)"
    r"(?:しなさい|せよ|すること|してください|して下さい|しろ|するように|なさい|ること|てください|よ)"
    r"|(?:answer|reply|respond|output|print|say|tell|include|append|write)\b", re.I)
_IMPERATIVE = re.compile(r"(?:しなさい|せよ|しろ|すること|なさい|するように|べし)(?:[。！!」\s]|$)"
                         r"|\b(?:must|always|never|do not|don't)\b", re.I)

_TEMPLATE = re.compile(
    r"<\|[a-z_]{2,30}\|>|\[/?INST\]|<</?SYS>>|</?(?:start|end)_of_turn>|<\|?(?:s|/s)\|?>(?=\s|$)"
    r"|^\s*#{2,}\s*(?:system|instruction|assistant|user|human|システム|指示)\b"
    r"|^\s*(?:system|assistant)\s*[:：]"
    r"|<\s*/?\s*(?:system|assistant|資料|質問)\s*>", re.I | re.M)

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
_URL = re.compile(r"(?:https?://|www\.)([A-Za-z0-9.-]+\.[A-Za-z]{2,})[^\s「」（）()<>]*", re.I)
_BARE_DOMAIN = re.compile(r"(?<![@\w.])((?:[a-z0-9-]+\.)+(?:com|net|org|info|biz|xyz|top|io|co"
                          r"|jp|ru|cn|cc|tk|me|app|site|online))(?:/[^\s]*)?(?![\w.])", re.I)
_PHONE = re.compile(r"(?<![\d第-])(0\d{1,4}[-(]\d{1,4}[-)]\d{3,4}|0[5789]0\d{8}|0120\d{6}"
                    r"|\+81[- ]?\d{1,4}[- ]?\d{1,4}[- ]?\d{3,4})(?![\d号-])")
# secrets and identifiers no one legitimately collects by mail or through an outside site
_SECRET = re.compile(
    r"パスワード|暗証番号|PIN|ピン番号|マイナンバー|個人番号|口座番号|キャッシュカード|カード番号"
    r"|ログイン(?:ID|情報)|認証(?:コード|情報)|ワンタイム|職員番号|職員ID|セキュリティコード"
    r"|password|passcode|credential|login|one-time code", re.I)
# personal data a phishing text asks for together with urgency (住民票の写しと生年月日を至急…)
_PERSONAL = re.compile(r"生年月日|住民票|住民(?:情報|データ)|納税者番号|保険証|運転免許"
                       r"|本人確認書類"
                       r"|住所|氏名|電話番号|メールアドレス|アカウント|account", re.I)
_URGENT = re.compile(r"至急|緊急|本日中|直ちに|速やかに|確認のため|更新のため|停止|失効|ロック|凍結"
                     r"|期限|urgent|immediately|suspend", re.I)
_SEND = re.compile(r"送付|送信|送って|送る|送り|転送|返信|知らせ|伝え|教え|提供|提出|入力|記入|申告"
                   r"|メールで|メールにて|send|forward|submit|reply|enter|provide|e-?mail",
                   re.I)


@dataclass(frozen=True, slots=True)
class TrustedContacts:
    """The city's own domains (suffix match: 'city.midori.lg.jp') and phone number prefixes."""

    domains: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()

    @classmethod
    def parse(cls, domains: str | None, phones: str | None) -> TrustedContacts:
        return cls(tuple(d.strip().lower().lstrip("@.") for d in (domains or "").split(",")
                         if d.strip()),
                   tuple(_digits(p) for p in (phones or "").split(",") if _digits(p)))

    def domain_ok(self, domain: str) -> bool:
        host = domain.lower().rstrip(".")
        return any(host == d or host.endswith("." + d) for d in self.domains)

    def phone_ok(self, phone: str) -> bool:
        digits = _digits(phone)
        if digits.startswith("81"):
            digits = "0" + digits[2:]
        return any(digits.startswith(p) for p in self.phones)


@dataclass(frozen=True, slots=True)
class Finding:
    reason: str  # one of REASONS
    detail: str  # what matched, shortened

    def to_dict(self) -> dict[str, str]:
        return {"reason": self.reason, "reason_ja": REASONS_JA[self.reason], "detail": self.detail}


@dataclass(frozen=True, slots=True)
class ContentGuard:
    """`scan` with the city's settings bound; built once from Settings."""

    trusted: TrustedContacts = field(default_factory=TrustedContacts)

    def scan(self, text: str, *, hidden: Sequence[str] = ()) -> list[Finding]:
        return scan(text, trusted=self.trusted, hidden=hidden)

    def scan_fields(self, *texts: str | None, hidden: Sequence[str] = ()) -> list[Finding]:
        return scan("\n".join(t for t in texts if t), trusted=self.trusted, hidden=hidden)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", text))


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def normalize(text: str) -> str:
    """What a reader (or a model) sees: NFKC, invisible characters removed."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))


def instruction_score(text: str) -> tuple[int, str]:
    """(score, the strongest match): addressee 2, meta-instruction 2, output order 1, imperative
    1. A unit scoring 3 or more, with an addressee or a meta-instruction, gives orders to the
    model; ordinary 「…してください」 to residents scores at most 2."""
    addressed = _ADDRESSED.search(text)
    meta = _META.search(text)
    order = _OUTPUT_ORDER.search(text)
    imperative = _IMPERATIVE.search(text)
    score = 2 * bool(addressed) + 2 * bool(meta) + bool(order) + bool(imperative)
    if meta and addressed:
        score += 1
    best = meta or addressed or order or imperative
    return score, best.group() if best else ""


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。！？!?\n])", text) if s.strip()]


def scan(text: str, *, trusted: TrustedContacts = TrustedContacts(),
         hidden: Sequence[str] = ()) -> list[Finding]:
    """Every finding in `text` (one per reason, the first match as the detail)."""
    findings: list[Finding] = []
    raw = unicodedata.normalize("NFKC", text)
    invisible = _INVISIBLE.search(raw)
    comment = _HTML_COMMENT.search(raw)
    seen_hidden = [h for h in hidden if h and normalize(h) and normalize(h) in normalize(text)]
    if invisible:
        findings.append(Finding("hidden_text", f"U+{ord(invisible.group()):04X}"))
    elif comment:
        findings.append(Finding("hidden_text", _short(comment.group())))
    elif seen_hidden:
        findings.append(Finding("hidden_text", _short(seen_hidden[0])))
    norm = normalize(text)
    template = _TEMPLATE.search(norm)
    if template:
        findings.append(Finding("template_tokens", _short(template.group())))
    found = _instruction(norm)
    if found:
        findings.append(Finding("instruction", found))
    phishing = contact_phishing(norm, trusted)
    if phishing:
        findings.append(Finding("contact_phishing", phishing))
    return findings


def _instruction(norm: str) -> str | None:
    """Sentence by sentence, with the whole unit as context for the addressee (「AIへ：」 on one
    line, the order on the next)."""
    if not (_ADDRESSED.search(norm) or _META.search(norm)):
        return None  # neither anywhere: no sentence can score (the common case, one pass)
    parts = sentences(norm)
    for i, sentence in enumerate(parts):
        window = "".join(parts[max(0, i - 1):i + 2])
        score, best = instruction_score(sentence)
        if score < 3:
            wide, wide_best = instruction_score(window)
            if wide >= 4 and (_ADDRESSED.search(window) or _META.search(window)):
                score, best = wide, wide_best
        if score >= 3 and (_ADDRESSED.search(sentence) or _META.search(sentence)
                           or _META.search(window) or _ADDRESSED.search(window)):
            return _short(f"{best}: {sentence}")
    return None


def contacts(text: str) -> list[tuple[str, str]]:
    """(kind, value) for every e-mail address, URL/domain and phone number in `text`."""
    found: list[tuple[str, str]] = []
    for m in _EMAIL.finditer(text):
        found.append(("email", m.group()))
    masked = _EMAIL.sub(" ", text)
    for m in _URL.finditer(masked):
        found.append(("url", m.group()))
    masked = _URL.sub(" ", masked)
    for m in _BARE_DOMAIN.finditer(masked):
        found.append(("url", m.group()))
    for m in _PHONE.finditer(text):
        found.append(("phone", m.group()))
    return found


def _host(kind: str, value: str) -> str:
    if kind == "email":
        return value.rsplit("@", 1)[1]
    host = re.sub(r"^(?:https?://)", "", value, flags=re.I).split("/", 1)[0]
    return host.split(":", 1)[0]


def untrusted_contacts(text: str, trusted: TrustedContacts) -> list[str]:
    out = []
    for kind, value in contacts(text):
        ok = trusted.phone_ok(value) if kind == "phone" else trusted.domain_ok(_host(kind, value))
        if not ok:
            out.append(value)
    return out


def contacts_absent(reply: str, sources: str) -> list[str]:
    """Contact details and identifiers in a generated reply that the cited sources do not
    contain (compared without spaces and dashes): an LLM must not introduce any."""
    def squash(text: str) -> str:
        return re.sub(r"[\s\-‐‑‒–—―−ー().]", "", normalize(text)).casefold()

    known = squash(sources)
    found = [v for _, v in contacts(normalize(reply))]
    found += re.findall(r"(?<!\d)\d{4}[ -]?\d{4}[ -]?\d{4}(?!\d)", normalize(reply))  # 個人番号
    return [v for v in found if squash(v) not in known]


def contact_phishing(norm: str, trusted: TrustedContacts) -> str | None:
    """An outside contact in the same sentence window as a credential or identifier and a
    send/enter verb: 「パスワードを xx@example.com へ送ってください」."""
    if not (_SECRET.search(norm) or _PERSONAL.search(norm)) or not _SEND.search(norm):
        return None  # cheap tests first: most units ask for nothing
    if not untrusted_contacts(norm, trusted):
        return None
    parts = sentences(norm)
    for i, sentence in enumerate(parts):
        outside = untrusted_contacts(sentence, trusted)
        if not outside:
            continue
        window = "".join(parts[max(0, i - 1):i + 2])
        if _SEND.search(window) and (_SECRET.search(window) or (
                _PERSONAL.search(window) and _URGENT.search(window))):
            return _short(f"{outside[0]}: {sentence}")
    return None


# --- hidden formatting in files ----------------------------------------------------------------

WHITE = {"FFFFFF", "FEFEFE", "FDFDFD", "FCFCFC"}
TINY_PT = 2.0


def docx_hidden_runs(document: Any) -> list[str]:
    """Text of runs a reader cannot see: w:vanish, white font colour, under 2 pt, or coloured
    like its own highlight/shading (python-docx `Document`)."""
    hidden: list[str] = []
    body = document.element.body
    ns = body.nsmap.get("w") or "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    w = f"{{{ns}}}"
    for run in body.iter(f"{w}r"):
        props = run.find(f"{w}rPr")
        if props is None:
            continue
        text = "".join(t.text or "" for t in run.iter(f"{w}t"))
        if not text.strip():
            continue
        vanish = props.find(f"{w}vanish")
        color = props.find(f"{w}color")
        size = props.find(f"{w}sz")
        is_vanish = vanish is not None and vanish.get(f"{w}val", "true") not in ("0", "false")
        is_white = color is not None and (color.get(f"{w}val") or "").upper() in WHITE
        is_tiny = size is not None and (size.get(f"{w}val") or "").isdigit() and int(
            size.get(f"{w}val") or "0") / 2 < TINY_PT
        if is_vanish or is_white or is_tiny:
            hidden.append(text)
    return _merge(hidden)


class PdfHiddenText:
    """pypdf visitors that track text render mode (3 = invisible) and white fill colour, so the
    text drawn invisibly can be reported. Feed `operand` and `text` to extract_text."""

    def __init__(self) -> None:
        self.mode = 0
        self.white = False
        self.stack: list[tuple[int, bool]] = []
        self.hidden: list[str] = []

    def operand(self, op: bytes, args: Sequence[Any], _cm: Any, _tm: Any) -> None:
        if op == b"q":
            self.stack.append((self.mode, self.white))
        elif op == b"Q" and self.stack:
            self.mode, self.white = self.stack.pop()
        elif op == b"Tr" and args:
            self.mode = int(float(args[0]))
        elif op == b"rg" and len(args) == 3:
            self.white = all(float(a) >= 0.98 for a in args)
        elif op == b"g" and args:
            self.white = float(args[0]) >= 0.98
        elif op == b"k" and len(args) == 4:
            self.white = all(float(a) <= 0.02 for a in args)

    def text(self, text: str, *_args: Any) -> None:
        if text.strip() and (self.mode == 3 or self.white):
            self.hidden.append(text)

    def snippets(self) -> list[str]:
        return _merge(self.hidden)


def _merge(pieces: Iterable[str]) -> list[str]:
    """Hidden fragments as snippets of at least a few characters (single glyphs are noise)."""
    out = [p.strip() for p in pieces if len(p.strip()) >= 4]
    return list(dict.fromkeys(out))


HIDDEN_KEY = "hidden_text"  # ParsedDocument.metadata key: JSON list of hidden snippets


def hidden_metadata(snippets: Sequence[str]) -> dict[str, str]:
    import json

    return {HIDDEN_KEY: json.dumps(list(snippets), ensure_ascii=False)} if snippets else {}


def hidden_snippets(metadata: Any) -> list[str]:
    import json

    raw = (metadata or {}).get(HIDDEN_KEY)
    return list(json.loads(raw)) if raw else []
