"""`build_services(settings)`: the only place that creates clients and models.

Both the FastAPI dependencies and the CLI call it. Models load here, never at import time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from answer.abstain import AbstainModel
from answer.answerer import Answerer
from answer.handover import Directory
from answer.llm import Llm
from core.audit_key import audit_key
from core.content_guard import ContentGuard, TrustedContacts
from core.datadir import DataDirLock, lock_data_dir
from core.errors import BackendUnavailableError, RagError
from core.settings import Settings
from core.storage import MIB, DiskGuard
from core.writegate import WriteGate
from db.catalog import Catalog
from index.embedders import CachedEmbedder, Embedder, build_embedder
from index.indexer import Indexer
from index.stores.base import VectorStore
from index.stores.chooser import build_store
from index.stores.watch import WatchedStore
from index.tokenize_ja import JapaneseTokenizer
from retrieval.rank import Ranker
from retrieval.references import ReferenceResolver, load_alias_table
from retrieval.refusals import IntentContextBuilder
from retrieval.rerank import build_reranker
from retrieval.search import Searcher, Synonyms
from services.health import ProbeCache

log = logging.getLogger(__name__)

REPO_DATA = Path(__file__).resolve().parents[1] / "data"


@dataclass
class Services:
    settings: Settings
    catalog: Catalog
    store: VectorStore
    embedder: CachedEmbedder
    tokenizer: JapaneseTokenizer
    synonyms: Synonyms
    searcher: Searcher
    answerer: Answerer
    indexer: Indexer
    store_ready: bool = True  # False: started while the Qdrant server was unreachable
    probes: ProbeCache = field(default_factory=ProbeCache)
    lock: DataDirLock | None = None  # the data dir's writer lock, released by close()

    def health(self) -> dict[str, Any]:
        """Each part ok or down with a reason; see services/health.py."""
        from services.health import check

        return check(self)

    def close(self) -> None:
        """Close every part; the data dir's lock is released even when one of them fails."""
        try:
            self.store.close()
            self.embedder.close()
            if self.answerer.llm is not None:
                self.answerer.llm.close()
            self.catalog.close()
        finally:
            if self.lock is not None:
                self.lock.release()
                self.lock = None


def build_llm(settings: Settings) -> Llm | None:
    """Unset CHONAI_LLM_BASE_URL: no LLM, answers are extractive."""
    if not settings.llm_base_url:
        return None
    from answer.llm import OpenAICompatibleLlm

    return OpenAICompatibleLlm(settings.llm_base_url, settings.llm_model or "default",
                               api_key=settings.llm_api_key, timeout_s=settings.llm_timeout_s)


def build_content_guard(settings: Settings) -> ContentGuard | None:
    """The ingest/answer-time scanner with the city's own domains and numbers; None when off."""
    if not settings.content_guard:
        return None
    return ContentGuard(TrustedContacts.parse(settings.trusted_domains, settings.trusted_phones))


def build_cached_embedder(settings: Settings, inner: Embedder | None = None) -> CachedEmbedder:
    """The configured model behind the content-hash cache in the data dir."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    model = inner or build_embedder(
        settings.embedding, batch_size=settings.embedding_batch_size,
        query_prefix=settings.embedding_query_prefix,
        passage_prefix=settings.embedding_passage_prefix, device=settings.model_device,
        threads=settings.embedding_threads)
    return CachedEmbedder(model, settings.data_dir / "embeddings.sqlite")


def build_ranker(settings: Settings, tokenizer: JapaneseTokenizer) -> Ranker | None:
    """The second-stage ranker (data/rank_weights.json); CHONAI_RANK_WEIGHTS=off: fused order."""
    if settings.rank_weights == "off":
        return None
    path = Path(settings.rank_weights) if settings.rank_weights else REPO_DATA / "rank_weights.json"
    if not path.is_file():
        raise BackendUnavailableError(f"CHONAI_RANK_WEIGHTS: no file {path}")
    return Ranker.load(path, tokenizer)


def build_abstain_model(settings: Settings) -> AbstainModel:
    """The calibrated abstention model; the old single cosine rule when asked for
    (CHONAI_ABSTAIN_MODEL=threshold) or when CHONAI_ABSTAIN_THRESHOLD is set explicitly."""
    if settings.abstain_model == "threshold" or (
            "abstain_threshold" in settings.model_fields_set and not settings.abstain_model):
        return AbstainModel.threshold_only(settings.abstain_threshold)
    path = (Path(settings.abstain_model) if settings.abstain_model
            else REPO_DATA / "abstain_model.json")
    if not path.is_file():
        raise BackendUnavailableError(f"CHONAI_ABSTAIN_MODEL: no file {path}")
    return AbstainModel.load(path)


def build_intent_reader(settings: Settings, embedder: Embedder
                        ) -> Callable[[str], tuple[str | None, float]] | None:
    """The intent model over query vectors (retrieval/intent_model.py), or None: switched off,
    or fitted on another embedding model than the one configured (its vectors would mean
    nothing to it; the rules still run)."""
    from retrieval.intent_model import IntentModel

    if settings.intent_model == "off":
        return None
    path = Path(settings.intent_model) if settings.intent_model else REPO_DATA / "intent_model.json"
    if not path.is_file():
        raise BackendUnavailableError(f"CHONAI_INTENT_MODEL: no file {path}")
    model = IntentModel.load(path)
    if model.info.get("embedder") != embedder.model_id:
        log.warning("intent model not used: fitted on another embedding model",
                    extra={"fitted_on": model.info.get("embedder"), "model": embedder.model_id})
        return None
    return lambda query: model.predict(embedder.embed_queries([query])[0], query)


def build_services(settings: Settings, *, embedder: Embedder | None = None,
                   store: VectorStore | None = None, degraded_start: bool = False,
                   command: str = "python") -> Services:
    """Create everything from settings; tests may pass a fake embedder or a store.

    The data dir's lock (core/datadir.py) is taken first, before the database or the index is
    opened, and held until `close()`; `command` names the holder for whoever is refused.
    `degraded_start` (the server): an unreachable Qdrant server is reported by /api/health and
    answered with 503 instead of stopping start-up; the collection is checked once it is back.
    """
    lock = lock_data_dir(settings, command)
    try:
        services = _build_services(settings, embedder=embedder, store=store,
                                   degraded_start=degraded_start)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    services.lock = lock
    return services


def _build_services(settings: Settings, *, embedder: Embedder | None,
                    store: VectorStore | None, degraded_start: bool) -> Services:
    guard = DiskGuard(settings.data_dir, settings.min_free_mb * MIB)
    with guard.errors():
        catalog = Catalog(settings.db_url, audit_key=audit_key(settings))
        cached = build_cached_embedder(settings, embedder)
        if store is None and not settings.qdrant_url and not settings.index_path.exists():
            guard.check(what="creating the index")  # the engine's memory maps crash when full
        vector_store = WatchedStore(store or build_store(settings))
    store_ready = True
    try:
        with guard.errors():
            vector_store.ensure_collection(cached.dim)
    except BackendUnavailableError as err:
        if not degraded_start:
            raise
        store_ready = False
        log.warning("store unreachable at start-up; serving degraded", extra={"error": str(err)})
    tokenizer = JapaneseTokenizer()
    synonyms = Synonyms.load(settings.synonyms_path or REPO_DATA / "synonyms.tsv")
    references = ReferenceResolver(
        catalog=catalog, store=vector_store,
        alias_table=load_alias_table(settings.law_aliases_path or REPO_DATA / "law_aliases.tsv"))
    searcher = Searcher(embedder=cached, store=vector_store, tokenizer=tokenizer,
                        synonyms=synonyms, prefetch_limit=settings.prefetch_limit,
                        fusion=settings.fusion, qa_aware=settings.qa_aware,
                        weights=settings.fusion_weight_tuple,
                        reranker=build_reranker(settings.reranker,
                                                device=settings.model_device),
                        rerank_top_n=settings.rerank_top_n,
                        content_guard=build_content_guard(settings),
                        references=references,
                        ranker=build_ranker(settings, tokenizer))
    answerer = Answerer(searcher=searcher, tokenizer=tokenizer,
                        abstain_threshold=settings.abstain_threshold, llm=build_llm(settings),
                        llm_timeout_s=settings.llm_timeout_s,
                        intents=IntentContextBuilder(catalog, vector_store,
                                                     references.document_named,
                                                     build_intent_reader(settings, cached))
                        if settings.refusals else None,
                        abstain_model=build_abstain_model(settings),
                        directory=Directory.load(settings.departments_path
                                                 or REPO_DATA / "sample" / "departments.tsv"))
    indexer = Indexer(catalog=catalog, store=vector_store, embedder=cached, tokenizer=tokenizer,
                      disk_guard=guard,
                      write_gate=WriteGate(None if settings.qdrant_url else settings.data_dir),
                      content_guard=build_content_guard(settings))
    if store_ready and catalog.intents():
        try:  # finish or undo what a killed ingest left, before anyone searches
            with guard.errors():
                guard.check(what="recovering an interrupted ingest")
                indexer.recover()
        except RagError as err:
            log.warning("interrupted ingests not recovered yet", extra={"error": str(err)})
    return Services(settings, catalog, vector_store, cached, tokenizer, synonyms, searcher,
                    answerer, indexer, store_ready=store_ready)
