"""`python -m eval.quality`: chonai and the LlamaIndex-default peer side by side, one process.

    python -m eval.quality [--set NAME]... [--shared DIR] [--out var/quality] [--json]

Test-split figures first, dev alongside. With an LLM configured (CHONAI_LLM_BASE_URL, or
--llm-base-url; Azure OpenAI deployment URLs with ?api-version= work too) chonai's answers are
generated and verified, and the report adds faithfulness: sentences written, verified, dropped,
regenerated.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from core.errors import RagError
from eval.quality.corpora import BENCH_NAMES, EXTRA_BENCHES, Bench, load_bench
from eval.quality.units import REPO_ROOT, SHARED

METRICS = (("recall@5", "Recall@5"), ("p@1", "P@1"), ("mrr@10", "MRR@10"),
           ("ndcg@10", "nDCG@10"), ("citation_precision", "citation precision (unit)"),
           ("answer_hit_rate", "answer hit rate"), ("answerable_refused", "answerable refused"),
           ("abstention_precision", "abstention precision"),
           ("abstention_recall", "abstention recall"), ("abstention_f1", "abstention F1"),
           ("answer_chars", "answer length (chars)"))


def _fmt(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.1f}" if value > 1.5 else f"{value:.3f}"
    return str(value)


def side_by_side(name: str, test: dict[str, dict[str, Any]], dev: dict[str, dict[str, Any]],
                 timing: dict[str, float], sizes: dict[str, int]) -> str:
    t, d = test["chonai"], dev["chonai"]
    lines = [f"== {name}: test {t['questions']} questions ({t['answerable']} answerable), "
             f"dev {d['questions']} ({d['answerable']}); chonai {sizes.get('chonai_chunks', 0)}"
             f" chunks, peer {sizes.get('peer_chunks', 0)} chunks",
             f"{'metric':<28}{'chonai':>9}{'peer':>9}   {'dev chonai':>10}{'dev peer':>10}"]
    for key, title in METRICS:
        if key not in t and key not in test["peer"]:
            continue
        lines.append(f"{title:<28}{_fmt(t.get(key)):>9}{_fmt(test['peer'].get(key)):>9}   "
                     f"{_fmt(d.get(key)):>10}{_fmt(dev['peer'].get(key)):>10}")
    faith = t.get("faithfulness")
    if faith:
        lines.append(f"faithfulness (test, LLM): {faith['answers']} generated answers, "
                     f"{faith['written']} sentences written, {faith['verified']} verified, "
                     f"{faith['dropped']} dropped, {faith['regenerated']} regenerated, "
                     f"{faith['fallback']} fell back to excerpts")
    lines.append("timing: " + ", ".join(f"{k} {v:.1f}" for k, v in timing.items()))
    return "\n".join(lines)


def markdown(results: Sequence[dict[str, Any]], split: str = "test") -> str:
    head = ["set", "pipeline", "n", *[title for _, title in METRICS]]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * 3 + "---:|" * len(METRICS)]
    for res in results:
        for pipeline in ("chonai", "peer"):
            s = res[split][pipeline]
            lines.append("| " + " | ".join([res["set"], pipeline, str(s["questions"]),
                                            *[_fmt(s.get(k)) for k, _ in METRICS]]) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.quality",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", choices=BENCH_NAMES + EXTRA_BENCHES,
                        help="default: all of " + ", ".join(BENCH_NAMES) + " (statutes-main: "
                        "the statute questions over the laws' 本則 only, a shorter run)")
    parser.add_argument("--shared", type=Path, default=SHARED,
                        help="the shared datasets folder (default ../shared/datasets)")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "var" / "quality",
                        help="cached indexes per set and report.json / report.md")
    parser.add_argument("--llm-base-url", help="OpenAI-compatible endpoint (default: "
                        "CHONAI_LLM_BASE_URL); adds faithfulness to the report")
    parser.add_argument("--llm-model", help="model or Azure deployment (CHONAI_LLM_MODEL)")
    parser.add_argument("--reindex", action="store_true",
                        help="rebuild chonai's cached indexes (from the cached embeddings)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    try:
        results = run(args.set or list(BENCH_NAMES), shared=args.shared, root=args.root,
                      out=args.out, llm_base_url=args.llm_base_url, llm_model=args.llm_model,
                      reindex=args.reindex)
    except RagError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    report = {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
              "command": "python -m eval.quality " + " ".join(argv or sys.argv[1:]),
              "sets": results}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1),
                                          "utf-8")
    (args.out / "report.md").write_text(
        f"Test split ({report['date']}):\n\n{markdown(results)}\n\nDev split:\n\n"
        f"{markdown(results, 'dev')}\n", "utf-8")
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print("\nTest split, all sets:\n" + markdown(results))
    return 0


def run(names: Sequence[str], *, shared: Path, root: Path, out: Path,
        llm_base_url: str | None = None, llm_model: str | None = None,
        reindex: bool = False) -> list[dict[str, Any]]:
    from core.settings import Settings
    from eval.quality.peer import PeerPipeline
    from eval.quality.side_by_side import (
        StoredQueryEmbedder,
        prepare_chonai,
        run_bench,
    )
    from index.embedders import CachedEmbedder, build_embedder
    from index.tokenize_ja import JapaneseTokenizer

    base = Settings()
    overrides = {k: v for k, v in (("llm_base_url", llm_base_url), ("llm_model", llm_model))
                 if v}
    out.mkdir(parents=True, exist_ok=True)
    model = StoredQueryEmbedder(build_embedder(
        base.embedding, batch_size=base.embedding_batch_size,
        query_prefix=base.embedding_query_prefix,
        passage_prefix=base.embedding_passage_prefix), out / "queries.sqlite")
    tokenizer = JapaneseTokenizer()
    peer_embedder = CachedEmbedder(model, out / "peer-embeddings.sqlite")
    results = []
    try:
        for name in names:
            started = time.perf_counter()
            bench: Bench = load_bench(name, root=root, shared=shared)
            timing = {"load_s": round(time.perf_counter() - started, 1)}
            settings = base.model_copy(update={"data_dir": out / name / "chonai", **overrides})
            print(f"{name}: {len(bench.dataset.questions)} questions, "
                  f"{len(bench.sources)} documents; indexing …", file=sys.stderr)
            services, ingest_s, chonai_chunks = prepare_chonai(bench, settings, model,
                                                               reindex=reindex)
            try:
                timing["chonai_ingest_s"] = round(ingest_s, 1)
                peer, peer_s = PeerPipeline.build(
                    [(s.sha256, s.document) for s in bench.sources], peer_embedder, tokenizer,
                    out / name / "peer")
                timing["peer_ingest_s"] = round(peer_s, 1)
                sizes = {"chonai_chunks": chonai_chunks, "peer_chunks": peer.chunks}
                bench_run = run_bench(bench, services=services, peer=peer, timing=timing,
                                      sizes=sizes, progress=True)
            finally:
                services.close()
            test, dev = bench_run.summary("test"), bench_run.summary("dev")
            print(side_by_side(name, test, dev, timing, sizes), flush=True)
            results.append({"set": name, "test": test, "dev": dev, "timing": timing,
                            "sizes": sizes,
                            "questions": [{"pipeline": p, **vars(r)}
                                          for p, rows in bench_run.rows.items() for r in rows]})
    finally:
        peer_embedder.close()
        model.close()
    return results


if __name__ == "__main__":
    sys.exit(main())
