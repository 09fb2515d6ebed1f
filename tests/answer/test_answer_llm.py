"""Answer mode with an OpenAI-compatible LLM: a real HTTP test server answering from fixtures."""

from __future__ import annotations

import pytest

from answer.answerer import LLM_DOWN_NOTICE, UNVERIFIED_NOTICE, Answerer
from answer.llm import OpenAICompatibleLlm
from eval.llm_server import running_llm_server

QUESTION = "年休は何日もらえる？"


@pytest.fixture(scope="module")
def llm_url():
    with running_llm_server() as (url, requests):
        yield url, requests


def answerer(services, url: str, model: str, timeout_s: float = 1.0) -> Answerer:
    llm = OpenAICompatibleLlm(url, model, timeout_s=timeout_s, retries=0)
    return Answerer(searcher=services.searcher, tokenizer=services.tokenizer,
                    abstain_threshold=services.answerer.abstain_threshold, llm=llm,
                    llm_timeout_s=timeout_s)


def test_faithful_generated_answer_keeps_verified_citations(sample_services, llm_url) -> None:
    url, requests = llm_url
    result = answerer(sample_services, url, "cite").ask(QUESTION)
    assert result.generated
    assert not result.abstained
    assert result.notice == "generated"
    assert result.answer.endswith("[1]。")
    (citation,) = result.citations
    assert citation["marker"] == 1
    assert citation["quote"] in (citation["answer"] or citation["text"])
    sent = requests[-1]["messages"]
    assert sent[0]["role"] == "system"
    assert "<質問>\n年休は何日もらえる？\n</質問>" in sent[1]["content"]


def test_invented_sentence_is_removed(sample_services, llm_url) -> None:
    result = answerer(sample_services, llm_url[0], "two").ask(QUESTION)
    assert result.generated
    assert "百万円" not in result.answer
    assert "1 unsupported sentence(s) removed" in result.notice


@pytest.mark.parametrize("model", ["bad_mark", "invented", "uncited", "leak", "echo"])
def test_unverifiable_answers_fall_back_to_excerpts(sample_services, llm_url, model) -> None:
    result = answerer(sample_services, llm_url[0], model).ask(QUESTION)
    assert not result.generated
    assert result.notice == UNVERIFIED_NOTICE
    assert result.answer.startswith("規程・FAQの該当箇所を抜粋しました")
    assert "回答は <資料> の内容だけ" not in result.answer
    assert all(f"[{c['marker']}]" in result.answer for c in result.citations)


def test_model_abstention_is_honoured(sample_services, llm_url) -> None:
    result = answerer(sample_services, llm_url[0], "abstain").ask(QUESTION)
    assert result.abstained
    assert result.answer == "該当する規程・FAQが見つかりません。"
    assert result.similar_qas


@pytest.mark.parametrize("model", ["slow", "error"])
def test_llm_down_or_slow_degrades_to_similar(sample_services, llm_url, model) -> None:
    result = answerer(sample_services, llm_url[0], model, timeout_s=0.5).ask(QUESTION)
    assert result.degraded
    assert result.mode == "similar"
    assert result.answer is None
    assert result.notice.startswith(LLM_DOWN_NOTICE)
    assert result.similar_qas


def test_unreachable_llm_degrades(sample_services) -> None:
    result = answerer(sample_services, "http://127.0.0.1:9/v1", "cite").ask(QUESTION)
    assert result.degraded
    assert result.similar_qas


def test_stream_sends_verified_sentences_then_a_verified_final(sample_services,
                                                               llm_url) -> None:
    events = list(answerer(sample_services, llm_url[0], "two").ask_stream(QUESTION))
    tokens = [e["data"] for e in events if e["event"] == "token"]
    assert tokens
    assert "百万円" not in "".join(tokens)  # the invented sentence is never streamed
    final = events[-1]
    assert final["event"] == "final"
    assert "百万円" not in final["data"]["answer"]
    assert "".join(tokens) == final["data"]["answer"]
    assert final["data"]["citations"]


@pytest.mark.parametrize("model", ["leak", "echo"])
def test_stream_never_sends_unverified_text(sample_services, llm_url, model) -> None:
    events = list(answerer(sample_services, llm_url[0], model).ask_stream(QUESTION))
    assert [e["event"] for e in events] == ["final"]


def test_stream_without_llm_is_one_final_event(sample_services) -> None:
    events = list(sample_services.answerer.ask_stream(QUESTION))
    assert [e["event"] for e in events] == ["final"]
    assert events[0]["data"]["notice"] == "excerpts"


def test_dropped_sentence_triggers_one_regeneration(sample_services, llm_url) -> None:
    url, requests = llm_url
    before = len(requests)
    result = answerer(sample_services, url, "fix").ask(QUESTION)
    assert len(requests) == before + 2
    retry = requests[-1]["messages"]
    assert retry[-2] == {"role": "assistant", "content": "年次有給休暇は一年に九十九日です[1]。"}
    assert retry[-1]["content"].startswith("次の文は <資料> で確認できませんでした")
    assert result.generated
    assert "九十九日" not in result.answer
    assert result.verification == {"written": 1, "verified": 1, "dropped": 0, "regenerated": 1}


def test_regeneration_that_does_not_help_keeps_the_first_reply(sample_services, llm_url) -> None:
    result = answerer(sample_services, llm_url[0], "two").ask(QUESTION)
    assert result.verification == {"written": 2, "verified": 1, "dropped": 1, "regenerated": 1}
    faithful = answerer(sample_services, llm_url[0], "cite").ask(QUESTION)
    assert faithful.verification == {"written": 1, "verified": 1, "dropped": 0, "regenerated": 0}
