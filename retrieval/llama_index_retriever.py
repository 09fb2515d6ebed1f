"""chonai's hybrid search as a llama-index retriever, so the index plugs into query engines.

Each hit becomes a `NodeWithScore` whose node text is what an LLM should read (FAQ question and
answer, or the article text) and whose metadata carries the citation fields of `Hit.to_dict()`.
"""

from __future__ import annotations

from typing import Any

from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from core.types import Hit
from retrieval.search import Searcher, SearchRequest

CITATION_FIELDS = ("document_id", "document_title", "kind", "article", "paragraph", "item",
                   "page", "label", "citation", "question", "caption", "part", "version",
                   "owner_department")


def hit_to_node(hit: Hit) -> NodeWithScore:
    fields = hit.to_dict()
    fields["version"] = hit.version
    metadata: dict[str, Any] = {k: fields[k] for k in CITATION_FIELDS if fields.get(k) is not None}
    text = f"{hit.question}\n{hit.answer or hit.text}" if hit.question else hit.text
    node = TextNode(id_=hit.chunk_id, text=text, metadata=metadata,
                    excluded_embed_metadata_keys=list(metadata),
                    excluded_llm_metadata_keys=[k for k in metadata
                                                if k not in ("citation", "document_title")])
    return NodeWithScore(node=node, score=hit.score)


class ChonaiRetriever(BaseRetriever):
    """`retrieve(query)` runs `Searcher.search` with this retriever's filters and top_k."""

    def __init__(self, searcher: Searcher, *, top_k: int = 5, kinds: tuple[str, ...] = (),
                 departments: tuple[str, ...] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._searcher = searcher
        self._top_k = top_k
        self._kinds = kinds
        self._departments = departments

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        result = self._searcher.search(SearchRequest(
            query=query_bundle.query_str, top_k=self._top_k, kinds=self._kinds,
            departments=self._departments))
        return [hit_to_node(h) for h in result.hits]
