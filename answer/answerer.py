"""Answers staff can check: extractive excerpts with citations, similar QAs, or abstention.

Without an LLM (the offline default) `answer` mode quotes the most relevant sentences of the top
articles/QAs, each followed by a citation mark [n] that resolves to 文書・条・項 or page. When the
evidence is weak (a calibrated decision over several signals, answer/abstain.py) the reply
abstains, shows the nearest QAs and hands over to the 担当課 (answer/handover.py) instead of
guessing. Citation choice and the short answer are in answer/cite.py.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from answer import cite as citing
from answer.abstain import AbstainModel, Decision, decide
from answer.generate import ABSTAIN_PHRASE, Evidence
from answer.handover import Directory, handover
from answer.llm import Llm
from answer.sentences import complete_sentences, split_sentences
from core.content_guard import contacts_absent
from core.errors import BackendUnavailableError, InputError
from core.types import Hit
from index.tokenize_ja import JapaneseTokenizer
from retrieval.intent import PARTIAL_NOTICE, Intent, IntentContext, classify
from retrieval.search import Searcher, SearchRequest, SearchResult, validate_query

NO_ANSWER = ABSTAIN_PHRASE + "。"
EXCERPT_NOTICE = "規程・FAQの該当箇所を抜粋しました（自動生成の文章ではありません）。"
UNVERIFIED_NOTICE = "生成された回答の根拠を確認できなかったため、該当箇所の抜粋を表示します。"
LLM_DOWN_NOTICE = "回答生成（LLM）に接続できないため、似た質問と根拠の条文を表示します。"
MODES = ("answer", "similar")


@dataclass
class AnswerResult:
    answer: str | None
    abstained: bool
    citations: list[dict[str, Any]] = field(default_factory=list)
    similar_qas: list[dict[str, Any]] = field(default_factory=list)
    mode: str = "answer"
    notice: str | None = None
    expansions: list[str] = field(default_factory=list)
    best_cosine: float | None = None
    ms: float = 0.0
    generated: bool = False
    degraded: bool = False
    # LLM answers: sentences written / verified / dropped in the reply shown, replies regenerated
    verification: dict[str, int] | None = None
    refused: bool = False  # the question itself was refused (retrieval.intent); `refusal` says why
    refusal: dict[str, Any] | None = None  # code, message, detail, partial
    handover: dict[str, Any] | None = None  # abstained: 担当課, contact, nearest documents
    reference: dict[str, Any] | None = None  # the document/条 the question names
    decision: dict[str, Any] | None = None  # abstention: P(answerable) and its signals
    query: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "answer": self.answer, "abstained": self.abstained, "citations": self.citations,
            "similar_qas": self.similar_qas, "mode": self.mode, "notice": self.notice,
            "expansions": self.expansions, "best_cosine": self.best_cosine,
            "generated": self.generated, "degraded": self.degraded,
            "verification": self.verification,
            "refused": self.refused, "refusal": self.refusal,
            "handover": self.handover, "reference": self.reference, "decision": self.decision,
        }


class Answerer:
    """Search, then abstain, list similar QAs, quote excerpts, or generate with an LLM."""

    def __init__(self, *, searcher: Searcher, tokenizer: JapaneseTokenizer,
                 abstain_threshold: float, max_citations: int = 3,
                 llm: Llm | None = None, llm_timeout_s: float = 30.0,
                 intents: Callable[[tuple[str, ...] | None], IntentContext] | None = None,
                 abstain_model: AbstainModel | None = None,
                 directory: Directory | None = None) -> None:
        self.searcher = searcher
        self.intents = intents  # None: questions are not classified (no refusals)
        self.abstain_model = abstain_model or AbstainModel.threshold_only(abstain_threshold)
        self.directory = directory or Directory()
        self.tokenizer = tokenizer
        self.abstain_threshold = abstain_threshold
        self.max_citations = max_citations
        self.llm = llm
        self.llm_timeout_s = llm_timeout_s

    def classify(self, query: str, departments: tuple[str, ...] | None) -> Intent:
        """Refuse before searching: policy violations, overrides, a named person's data,
        other departments' documents, false premises (retrieval.intent)."""
        validate_query(query)
        if self.intents is None:
            return Intent(None)
        return classify(query, self.intents(departments))

    def ask(self, query: str, *, mode: str = "answer", top_k: int = 5,
            departments: tuple[str, ...] | None = None,
            document_ids: tuple[str, ...] = ()) -> AnswerResult:
        if mode not in MODES:
            raise InputError(f"mode must be one of {', '.join(MODES)}")
        intent = self.classify(query, departments)
        if intent.refused:
            return self._refusal(intent, mode, query, departments)
        return with_intent(intent, self._ask(intent.remainder or query, mode=mode,
                                             top_k=top_k, departments=departments,
                                             document_ids=document_ids))

    def _ask(self, query: str, *, mode: str, top_k: int,
             departments: tuple[str, ...] | None,
             document_ids: tuple[str, ...] = ()) -> AnswerResult:
        result, sources, terms = self._retrieve(query, mode, top_k, departments, document_ids)
        if sources is None:
            return result
        if self.llm is None:
            return self._extractive(result, sources, terms)
        sources = sources[:self.max_citations]
        from answer.generate import build_messages

        messages = build_messages(query, sources)
        try:
            text = self.llm.complete(messages, timeout_s=self.llm_timeout_s)
        except BackendUnavailableError as err:
            return self._degraded(result, err)
        text, regenerated = self._regenerate_if_dropped(self.llm, messages, text, sources)
        checked = self._checked(result, sources, terms, text)
        if checked.verification is not None:
            checked.verification["regenerated"] = regenerated
        return checked

    def _regenerate_if_dropped(self, llm: Llm, messages: list[dict[str, str]], text: str,
                               sources: Sequence[Hit]) -> tuple[str, int]:
        """Ask once more when verification drops a sentence; keep the reply with more verified
        and fewer dropped sentences. (reply, replies regenerated)"""
        from answer.generate import retry_messages, verify

        first = verify(text, sources, self.tokenizer)
        if not first.removed or first.leaked:
            return text, 0
        try:
            again = llm.complete(retry_messages(messages, text, first.removed),
                                 timeout_s=self.llm_timeout_s)
        except BackendUnavailableError:
            return text, 0
        second = verify(again, sources, self.tokenizer)
        better = not second.leaked and (second.kept, -len(second.removed)) > (
            first.kept, -len(first.removed))
        return (again if better else text), 1

    def ask_stream(self, query: str, *, top_k: int = 5,
                   departments: tuple[str, ...] | None = None,
                   document_ids: tuple[str, ...] = ()) -> Iterator[dict[str, Any]]:
        """Server-sent events: each verified sentence as a 'token' while the LLM writes, then one
        'final' (the whole reply checked again)."""
        intent = self.classify(query, departments)
        if intent.refused:
            yield {"event": "final",
                   "data": self._refusal(intent, "answer", query, departments).to_dict()}
            return
        for event in self._ask_stream(intent.remainder or query, top_k, departments,
                                      document_ids):
            if event["event"] == "final":
                event["data"] = with_intent(intent, AnswerResult(**event["data"])).to_dict()
            yield event

    def _ask_stream(self, query: str, top_k: int, departments: tuple[str, ...] | None,
                    document_ids: tuple[str, ...] = ()) -> Iterator[dict[str, Any]]:
        result, sources, terms = self._retrieve(query, "answer", top_k, departments,
                                                document_ids)
        if sources is None or self.llm is None:
            final = result if sources is None else self._extractive(result, sources, terms)
            yield {"event": "final", "data": final.to_dict()}
            return
        sources = sources[:self.max_citations]
        from answer.generate import build_messages, gather_evidence

        evidence = gather_evidence(sources, self.tokenizer)
        parts: list[str] = []
        pending = ""
        try:
            for delta in self.llm.stream(build_messages(query, sources),
                                         timeout_s=self.llm_timeout_s):
                parts.append(delta)
                done, pending = complete_sentences(pending + delta)
                yield from self._verified_tokens(done, sources, evidence)
        except BackendUnavailableError as err:
            if not parts:
                yield {"event": "final", "data": self._degraded(result, err).to_dict()}
                return
        yield from self._verified_tokens(pending, sources, evidence)
        yield {"event": "final", "data": self._checked(result, sources, terms, "".join(parts),
                                                       evidence).to_dict()}

    def _verified_tokens(self, text: str, sources: Sequence[Hit],
                         evidence: Evidence) -> Iterator[dict[str, Any]]:
        """Only checked sentences are streamed: raw model text may carry an injected payload,
        the system prompt or invented claims, and a client may show tokens before 'final'."""
        from answer.generate import verify

        if text.strip():
            checked = verify(text, sources, self.tokenizer, evidence)
            if checked.kept:
                yield {"event": "token", "data": checked.text}

    def _retrieve(self, query: str, mode: str, top_k: int,
                  departments: tuple[str, ...] | None, document_ids: tuple[str, ...] = ()
                  ) -> tuple[AnswerResult, list[Hit] | None, set[str]]:
        """The shared first half: search, abstain or list; sources None means 'done'.
        `document_ids` narrows the search (the page's 種類/所管課 filters)."""
        if mode not in MODES:
            raise InputError(f"mode must be one of {', '.join(MODES)}")
        found = self.searcher.search(SearchRequest(query=query, top_k=max(top_k, 8),
                                                   departments=departments,
                                                   document_ids=document_ids))
        hits = [h for h in found.hits if h.extra.get("current", True)]
        terms = self.query_terms(query, found.expansions)
        decision = self.decide(query, found, terms)
        similar = [similar_entry(h) for h in hits if h.kind == "faq"][:top_k]
        result = AnswerResult(None, False, similar_qas=similar, mode=mode,
                              expansions=found.expansions, best_cosine=best_cosine(hits),
                              ms=found.ms, decision=decision.to_dict(),
                              reference=found.reference.to_dict() if found.reference else None,
                              query=query)
        if decision.abstain:
            result.abstained = True
            message = NO_ANSWER
            if decision.reason == "missing-reference" and found.reference is not None:
                message = found.reference.missing_message()
                result.reference = {**(result.reference or {}), "message": message}
            result.answer = message if mode == "answer" else None
            result.notice = message + "近い質問と担当課を表示します。"
            result.handover = handover(hits, self.directory)
            return result, None, set()
        if mode == "similar":
            result.citations = primary_references(hits)
            return result, None, set()
        sources = hits[:citing.CANDIDATES]
        rule = self._rule_cited_by(sources[0], set(terms), departments, document_ids)
        return result, citing.with_cited_rule(sources, rule), set(terms)

    def _rule_cited_by(self, first: Hit, terms: set[str], departments: tuple[str, ...] | None,
                       document_ids: tuple[str, ...]) -> Hit | None:
        """The rule a FAQ answer or manual page gives for the sentence quoted from it
        (「…概算払を受けられます（旅費条例第九条）」), when the index holds it and the asker may
        see it: the clerk checks the statement at its source."""
        resolver = self.searcher.references
        if resolver is None or first.kind == "regulation":
            return None
        ref = resolver.resolve(citing.best_quote(first, terms, self.tokenizer).text)
        if ref is None or ref.document_id is None or ref.unit is None or not ref.found or (
                document_ids and ref.document_id not in document_ids):
            return None
        named = self.searcher.unit_hits(ref, departments)
        return named[0] if named else None

    def query_terms(self, query: str, expansions: Sequence[str]) -> list[str]:
        terms = list(self.tokenizer.terms(query))
        for extra in expansions:
            terms.extend(self.tokenizer.terms(extra))
        return terms

    def decide(self, query: str, found: SearchResult, terms: Sequence[str] | None = None
               ) -> Decision:
        """Abstain or answer (also used by the eval runner on the same search result)."""
        hits = [h for h in found.hits if h.extra.get("current", True)]
        if terms is None:
            terms = self.query_terms(query, found.expansions)
        return decide(self.abstain_model, query, terms, hits, self.tokenizer, found.reference)

    def _extractive(self, result: AnswerResult, sources: Sequence[Hit],
                    terms: set[str], notice: str = "excerpts") -> AnswerResult:
        quotes = citing.fitting(citing.choose(sources, terms, self.tokenizer,
                                              self.max_citations))
        result.citations = [citing.citation(q, n) for n, q in enumerate(quotes, start=1)]
        cited = {c["chunk_id"] for c in result.citations}
        result.similar_qas = [q for q in result.similar_qas if q["chunk_id"] not in cited]
        result.answer = EXCERPT_NOTICE + "\n" + citing.short_answer(result.query, quotes)
        result.notice = notice
        return result

    def _checked(self, result: AnswerResult, sources: Sequence[Hit], terms: set[str],
                 text: str, evidence: Evidence | None = None) -> AnswerResult:
        from answer.generate import verify

        checked = verify(text, sources, self.tokenizer, evidence)
        result.verification = {"written": checked.kept + len(checked.removed),
                               "verified": checked.kept, "dropped": len(checked.removed),
                               "regenerated": 0}
        if checked.kept and contacts_absent(checked.text, "\n".join(
                f"{h.question or ''}\n{h.answer or ''}\n{h.text}" for h in sources)):
            checked = dataclasses.replace(checked, kept=0)  # an invented address, URL or number
        if checked.kept == 0:
            if NO_ANSWER.rstrip("。") in text and not checked.leaked:
                result.abstained = True
                result.answer = NO_ANSWER
                result.notice = NO_ANSWER + "近い質問を表示します。"
                return result
            return self._extractive(result, sources, terms, notice=UNVERIFIED_NOTICE)
        answer_terms = set(self.tokenizer.terms(checked.text)) | terms
        result.citations = [
            cite(sources[n - 1], n, best_sentences(sources[n - 1].answer or sources[n - 1].text,
                                                   answer_terms, self.tokenizer))
            for n in checked.markers]
        cited = {c["chunk_id"] for c in result.citations}
        result.similar_qas = [q for q in result.similar_qas if q["chunk_id"] not in cited]
        result.answer = checked.text
        result.notice = "generated" if not checked.removed else (
            f"generated; {len(checked.removed)} unsupported sentence(s) removed")
        result.generated = True
        return result

    def _refusal(self, intent: Intent, mode: str, query: str,
                 departments: tuple[str, ...] | None) -> AnswerResult:
        """A false premise names the missing unit the way the reference resolver reads it."""
        result = refusal(intent, mode)
        resolver = self.searcher.references
        if intent.code != "false_premise" or resolver is None:
            return result
        ref = resolver.resolve(query, departments)
        if ref is not None and ref.document_id and ref.missing:
            message = ref.missing_message()
            result.reference = {**ref.to_dict(), "message": message}
            if mode == "answer":
                result.answer = message
        return result

    @staticmethod
    def _degraded(result: AnswerResult, err: Exception) -> AnswerResult:
        result.mode = "similar"
        result.degraded = True
        result.notice = f"{LLM_DOWN_NOTICE} ({err})"
        return result


def refusal(intent: Intent, mode: str) -> AnswerResult:
    """A refused question: the reason in Japanese, nothing searched, nothing cited."""
    return AnswerResult(answer=intent.message if mode == "answer" else None, abstained=True,
                        mode=mode, notice=intent.message, refused=True,
                        refusal=intent.to_dict())


def with_intent(intent: Intent, result: AnswerResult) -> AnswerResult:
    """The legitimate part of a question was answered; say what was not followed."""
    if intent.code is not None:
        result.refusal = {**intent.to_dict(), "message": PARTIAL_NOTICE}
    return result


def primary_references(hits: Sequence[Hit], limit: int = 3) -> list[dict[str, Any]]:
    """The best regulation articles / manual pages shown beside a similar-QA list."""
    return [cite(h, 0, h.text) for h in hits if h.kind != "faq"][:limit]


def best_cosine(hits: Sequence[Hit]) -> float | None:
    return max((h.extra.get("cosine") or 0.0 for h in hits), default=None)


def cite(hit: Hit, marker: int, quote: str) -> dict[str, Any]:
    entry = hit.to_dict()
    entry["marker"] = marker
    entry["quote"] = quote
    return entry


def similar_entry(hit: Hit) -> dict[str, Any]:
    entry = hit.to_dict()
    entry["answer_excerpt"] = excerpt(hit.answer or hit.text, 120)
    return entry


def excerpt(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def best_sentences(text: str, terms: set[str], tokenizer: JapaneseTokenizer,
                   max_chars: int = 220) -> str:
    """The sentence(s) sharing most query terms, as an exact span of `text` (for the quote)."""
    sentences = split_sentences(text)
    if not sentences:
        return text[:max_chars]
    scored = [(len(terms & set(tokenizer.terms(s))), -i, s) for i, s in enumerate(sentences)]
    scored.sort(reverse=True)
    chosen = scored[0][2]
    if len(chosen) > max_chars:
        chosen = chosen[:max_chars]
    return chosen


def quotes_are_exact(citations: Sequence[dict[str, Any]]) -> bool:
    """Every quote appears verbatim in its cited chunk (used by tests and the eval)."""
    return all(c["quote"] in (c.get("answer") or c["text"]) or c["quote"] in c["text"]
               for c in citations)
