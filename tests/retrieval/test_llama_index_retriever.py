"""The llama-index retriever over the real services (bundled e5, Qdrant edge, fugashi, SQLite)."""

from __future__ import annotations

from llama_index.core.llms import MockLLM
from llama_index.core.query_engine import RetrieverQueryEngine
from llama_index.core.schema import NodeWithScore

from retrieval.llama_index_retriever import ChonaiRetriever

EMPLOYMENT_ACT = "みどり市職員の勤務時間、休日及び休暇に関する条例"


def test_retrieve_returns_nodes_with_citation_metadata(sample_services) -> None:
    retriever = ChonaiRetriever(sample_services.searcher, top_k=5)
    nodes = retriever.retrieve("年休は何日もらえる？")
    assert 1 <= len(nodes) <= 5
    assert all(isinstance(n, NodeWithScore) for n in nodes)
    titles = [n.node.metadata["document_title"] for n in nodes]
    assert EMPLOYMENT_ACT in titles
    article = next(n for n in nodes if n.node.metadata["document_title"] == EMPLOYMENT_ACT)
    assert article.node.metadata["article"] == "10"
    assert article.node.metadata["citation"].startswith(EMPLOYMENT_ACT + " 第十条")
    faq = next(n for n in nodes if n.node.metadata["kind"] == "faq")
    assert faq.node.get_content().startswith(faq.node.metadata["question"])
    scores = [n.score for n in nodes]
    assert scores == sorted(scores, reverse=True)


def test_kind_filter_is_passed_into_the_query(sample_services) -> None:
    nodes = ChonaiRetriever(sample_services.searcher, top_k=3, kinds=("faq",)).retrieve("有休")
    assert nodes
    assert {n.node.metadata["kind"] for n in nodes} == {"faq"}


def test_plugs_into_a_query_engine(sample_services) -> None:
    engine = RetrieverQueryEngine.from_args(ChonaiRetriever(sample_services.searcher, top_k=3),
                                            llm=MockLLM())
    response = engine.query("出張の日当はいくら？")
    assert response.source_nodes
    assert all("citation" in n.node.metadata for n in response.source_nodes)
