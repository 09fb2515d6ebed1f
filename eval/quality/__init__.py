"""Answer-quality evaluation: labelled sets over the shared corpora, chonai beside a
LlamaIndex-default peer pipeline (`python -m eval.quality`)."""
