"""Fit the second-stage ranker and the abstention model on dev splits; commit them as data.

    python -m eval.quality.calibrate dump --data-dir DIR --dataset SET --corpus NAME --out X.json
    python -m eval.quality.calibrate dump-bench --set reiki --out X.json   # a `make quality` set
    python -m eval.quality.calibrate rank --dumps A.json B.json … --out data/rank_weights.json
    python -m eval.quality.calibrate abstain --dumps A.json B.json … --out data/abstain_model.json

`dump` runs the real search (fused order, explicit references on, ranker off) for every
question and stores the top 30 hits with their gold flags; the fits then need no model. Splits:
a set's own `split` field (data/eval/*.jsonl), else dev when the number in the id is even and
test when odd (as `eval.runner`'s parity split); only dev rows are fitted, and every figure is
printed for dev and test side by side with
the baseline (fused order / the old cosine threshold).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import re
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from answer.abstain import SIGNALS, AbstainModel, signals
from core.types import Hit
from eval.quality.datasets import label_matches, load_dataset
from index.tokenize_ja import JapaneseTokenizer, normalize
from retrieval.rank import FEATURES, RANK_TOP_N, Ranker, features

REPO = Path(__file__).resolve().parents[2]
MAX_REFUSED = 0.03  # answerable questions the abstention may refuse, at most
DECISION_DEPTH = 10  # hits the abstention sees (as the eval runner and the answerer)


def split_of(qid: str) -> str:
    digits = re.search(r"(\d+)$", qid)
    return "test" if digits and int(digits.group(1)) % 2 else "dev"


# -- dump -----------------------------------------------------------------------------------
def dump(data_dir: Path, dataset_path: Path, corpus: str, out: Path) -> None:
    from core.settings import Settings
    from services.build import build_services

    dataset = load_dataset(dataset_path)
    splits = _split_field(dataset_path)
    settings = Settings(data_dir=data_dir, _env_file=None, rank_weights="off")
    services = build_services(settings)
    try:
        if dataset.corpus_path is not None:
            from eval.quality.runner import _ingest_corpus

            _ingest_corpus(services, dataset, "article")
        rows = dump_rows(services, dataset.questions, corpus, splits)
    finally:
        services.close()
    _write(rows, out)


def dump_bench(name: str, shared: Path, out: Path) -> None:
    """`dump` over a `make quality` set (eval/quality/corpora.py): its cached chonai index in
    var/quality/<set>/chonai (built if missing), its own dev/test split."""
    from core.settings import Settings
    from eval.quality.corpora import load_bench
    from eval.quality.side_by_side import prepare_chonai

    repo = Path(__file__).resolve().parents[2]
    bench = load_bench(name, root=repo, shared=shared)
    settings = Settings(data_dir=repo / "var" / "quality" / name / "chonai", _env_file=None,
                        rank_weights="off")
    services, _, _ = prepare_chonai(bench, settings, None)
    try:
        splits = {q.id: q.fields["split"] for q in bench.dataset.questions}
        rows = dump_rows(services, bench.dataset.questions, name, splits)
    finally:
        services.close()
    _write(rows, out)


def dump_rows(services: Any, questions: Sequence[Any], corpus: str,
              splits: dict[str, str]) -> list[dict[str, Any]]:
    from retrieval.search import SearchRequest

    titles = {normalize(d.title) for d in services.catalog.list_documents()}
    kept = [q for q in questions if all(normalize(lb.document) in titles for lb in q.labels)]
    if len(kept) < len(questions):
        print(f"{corpus}: {len(questions) - len(kept)} questions skipped "
              "(their documents are not in this index)", file=sys.stderr)
    rows = []
    for n, q in enumerate(kept, 1):
        found = services.searcher.search(SearchRequest(query=q.query, top_k=RANK_TOP_N))
        hits = [h for h in found.hits if h.extra.get("current", True)]
        rows.append({
            "id": q.id, "query": q.query, "answerable": q.answerable, "corpus": corpus,
            "split": splits.get(q.id) or split_of(q.id), "expansions": found.expansions,
            "reference": found.reference.to_dict() if found.reference else None,
            "n_labels": len(q.labels),
            "hits": [_hit_json(h) for h in hits],
            "relevant": [any(label_matches(lb, h) for lb in q.labels) for h in hits],
        })
        if n % 50 == 0:
            print(f"{corpus}: {n}/{len(kept)}", file=sys.stderr)
    return rows


def _write(rows: list[dict[str, Any]], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    print(f"{out}: {len(rows)} questions", file=sys.stderr)


def _split_field(path: Path) -> dict[str, str]:
    """id → "dev"/"test" from a JSONL set's own `split` field (data/eval/*.jsonl)."""
    if path.suffix != ".jsonl":
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if line.strip():
            obj = json.loads(line)
            if obj.get("split") in ("dev", "test"):
                out[str(obj.get("id"))] = obj["split"]
    return out


def _hit_json(hit: Hit) -> dict[str, Any]:
    return {**dataclasses.asdict(hit), "extra": {k: v for k, v in hit.extra.items()
                                                 if k != "path"}}


def _hit(d: dict[str, Any]) -> Hit:
    return Hit(**d)


def load_dumps(paths: Sequence[Path]) -> list[dict[str, Any]]:
    rows = []
    for path in paths:
        for row in json.loads(path.read_text(encoding="utf-8")):
            row["hits"] = [_hit(h) for h in row["hits"]]
            rows.append(row)
    return rows


# -- ranking --------------------------------------------------------------------------------
def reorder(row: dict[str, Any], ranker: Ranker | None, tokenizer: JapaneseTokenizer,
            terms: list[str]) -> list[int]:
    """Hit positions in the order the ranker puts them (named units stay first)."""
    hits = row["hits"]
    fixed = [i for i, h in enumerate(hits) if h.extra.get("reference")]
    rest = [i for i in range(len(hits)) if i not in fixed]
    if ranker is None:
        return fixed + rest
    ranked = ranker.rank(row["query"], terms, [hits[i] for i in rest])
    pos = {h.chunk_id: i for i, h in zip(rest, [hits[i] for i in rest], strict=True)}
    return fixed + [pos[h.chunk_id] for h in ranked]


def rank_metrics(rows: list[dict[str, Any]], orders: list[list[int]]) -> dict[str, float]:
    p1 = mrr = r5 = ndcg = 0.0
    n = 0
    for row, order in zip(rows, orders, strict=True):
        if not row["answerable"]:
            continue
        n += 1
        rel = [row["relevant"][i] for i in order]
        p1 += 1.0 if rel and rel[0] else 0.0
        first = next((k for k, r in enumerate(rel[:10]) if r), None)
        mrr += 1.0 / (first + 1) if first is not None else 0.0
        r5 += min(1.0, sum(rel[:5]) / max(1, row["n_labels"]))
        dcg = sum(1.0 / math.log2(k + 2) for k, r in enumerate(rel[:10]) if r)
        ideal = sum(1.0 / math.log2(k + 2) for k in range(min(10, row["n_labels"])))
        ndcg += dcg / ideal if ideal else 0.0
    return {"n": n, "p@1": round(p1 / n, 4) if n else 0.0, "mrr@10": round(mrr / n, 4) if n else 0,
            "hits@5": round(r5 / n, 4) if n else 0.0, "ndcg@10~": round(ndcg / n, 4) if n else 0}


def fit_rank(rows: list[dict[str, Any]], tokenizer: JapaneseTokenizer) -> dict[str, float]:
    from sklearn.linear_model import LogisticRegression

    x, y, w = [], [], []
    for row in rows:
        if row["split"] != "dev" or not row["answerable"] or not any(row["relevant"]):
            continue
        keep = [i for i, h in enumerate(row["hits"]) if not h.extra.get("reference")]
        hits = [row["hits"][i] for i in keep]
        feats = features(row["query"], row["terms"], hits, tokenizer)
        weight = 1.0 / max(1, len(hits))  # each question counts once, whatever its depth
        for i, f in zip(keep, feats, strict=True):
            x.append(f)
            y.append(1 if row["relevant"][i] else 0)
            w.append(weight)
    model = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced")
    model.fit(x, y, sample_weight=w)
    return {name: round(float(c), 4) for name, c in zip(FEATURES, model.coef_[0], strict=True)}


def cmd_rank(args: argparse.Namespace) -> None:
    tokenizer = JapaneseTokenizer()
    rows = load_dumps(args.dumps)
    for row in rows:
        row["terms"] = _terms(row, tokenizer)
    weights = fit_rank(rows, tokenizer)
    ranker = Ranker(weights, tokenizer)
    table = []
    for corpus in sorted({r["corpus"] for r in rows}):
        for split in ("dev", "test"):
            sel = [r for r in rows if r["corpus"] == corpus and r["split"] == split]
            base = rank_metrics(sel, [reorder(r, None, tokenizer, r["terms"]) for r in sel])
            new = rank_metrics(sel, [reorder(r, ranker, tokenizer, r["terms"]) for r in sel])
            table.append((corpus, split, base, new))
    print("corpus split n | fused: P@1 MRR hits@5 nDCG~ | ranked: P@1 MRR hits@5 nDCG~")
    for corpus, split, b, a in table:
        print(f"{corpus} {split} {b['n']} | {b['p@1']} {b['mrr@10']} {b['hits@5']} "
              f"{b['ndcg@10~']} | {a['p@1']} {a['mrr@10']} {a['hits@5']} {a['ndcg@10~']}")
    if args.out:
        args.out.write_text(json.dumps({
            "weights": weights, "features": list(FEATURES),
            "info": {"kind": "logistic", "fitted_on": "dev splits (even ids) of "
                     + ", ".join(sorted({r["corpus"] for r in rows})),
                     "script": "python -m eval.quality.calibrate rank"}},
            ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}: {weights}")


def _terms(row: dict[str, Any], tokenizer: JapaneseTokenizer) -> list[str]:
    terms = list(tokenizer.terms(row["query"]))
    for extra in row.get("expansions") or []:
        terms.extend(tokenizer.terms(extra))
    return terms


# -- abstention -----------------------------------------------------------------------------
def decision_rows(rows: list[dict[str, Any]], ranker: Ranker | None,
                  tokenizer: JapaneseTokenizer) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        ref = row.get("reference") or {}
        order = reorder(row, ranker, tokenizer, row["terms"])
        hits = [row["hits"][i] for i in order][:DECISION_DEPTH]
        forced = None
        if ref.get("document_id") and ref.get("unit"):
            forced = not ref.get("found", True) or None
            if forced is None and hits and hits[0].extra.get("reference"):
                forced = False
        out.append({"corpus": row["corpus"], "split": row["split"], "id": row["id"],
                    "answerable": row["answerable"], "forced": forced,
                    "signals": signals(row["query"], row["terms"], hits, tokenizer)})
    return out


def _matrix(rows: list[dict[str, Any]]) -> list[list[float]]:
    return [[r["signals"][k] for k in SIGNALS] for r in rows]


def fit_abstain(rows: list[dict[str, Any]]) -> AbstainModel:
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    free = [r for r in rows if r["forced"] is None]
    x = _matrix(free)
    y = [1 if r["answerable"] else 0 for r in free]
    # each corpus weighs the same, and within it both classes (few out-of-scope questions)
    counts: dict[tuple[str, int], int] = defaultdict(int)
    for r, label in zip(free, y, strict=True):
        counts[(r["corpus"], label)] += 1
    w = [len(free) / (len(counts) * counts[(r["corpus"], label)])
         for r, label in zip(free, y, strict=True)]  # mean weight 1
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=0.5, max_iter=5000)
    model.fit(scaler.transform(x), y, sample_weight=w)
    return AbstainModel(
        mean={k: float(m) for k, m in zip(SIGNALS, scaler.mean_, strict=True)},
        scale={k: float(s) for k, s in zip(SIGNALS, scaler.scale_, strict=True)},
        weights={k: round(float(c), 4) for k, c in zip(SIGNALS, model.coef_[0], strict=True)},
        intercept=float(model.intercept_[0]), cut=0.5, info={})


def predict(model: AbstainModel, rows: list[dict[str, Any]], cut: float) -> list[bool]:
    return [r["forced"] if r["forced"] is not None else
            model.probability(r["signals"]) < cut for r in rows]


def scores(rows: list[dict[str, Any]], abstained: list[bool]) -> dict[str, float]:
    from eval.quality.metrics import abstention_scores

    s = abstention_scores(abstained, [not r["answerable"] for r in rows])
    answerable = [a for r, a in zip(rows, abstained, strict=True) if r["answerable"]]
    refused = sum(answerable) / len(answerable) if answerable else 0.0
    return {"f1": round(s["f1"], 3), "precision": round(s["precision"], 3),
            "recall": round(s["recall"], 3), "refused": round(refused, 3),
            "n": len(rows), "oos": int(s["unanswerable"])}


def choose_cut(model: AbstainModel, rows: list[dict[str, Any]]) -> float:
    """The cut with the best F1 among those refusing ≤ MAX_REFUSED of the answerable questions
    it decides (a refusal forced by a missing 条 is not the cut's), over per-corpus-balanced F1
    (mean over corpora that have out-of-scope questions)."""
    best = (-1.0, 0.5)
    corpora = sorted({r["corpus"] for r in rows if not r["answerable"]})
    free = [r for r in rows if r["forced"] is None]
    for step in range(5, 96):
        cut = step / 100
        pred = predict(model, rows, cut)
        decided = [p for r, p in zip(rows, pred, strict=True) if r["forced"] is None]
        if scores(free, decided)["refused"] > MAX_REFUSED:
            continue
        f1 = sum(scores([r for r in rows if r["corpus"] == c],
                        [p for r, p in zip(rows, pred, strict=True) if r["corpus"] == c])["f1"]
                 for c in corpora) / max(1, len(corpora))
        if f1 > best[0]:
            best = (f1, cut)
    return best[1]


def cmd_abstain(args: argparse.Namespace) -> None:
    tokenizer = JapaneseTokenizer()
    rows = load_dumps(args.dumps)
    for row in rows:
        row["terms"] = _terms(row, tokenizer)
    ranker = Ranker.load(args.rank_weights, tokenizer) if args.rank_weights else None
    drows = decision_rows(rows, ranker, tokenizer)
    dev = [r for r in drows if r["split"] == "dev"]
    model = fit_abstain(dev)
    cut = choose_cut(model, dev)
    model = dataclasses.replace(model, cut=cut)
    corpora = sorted({r["corpus"] for r in drows})
    old = AbstainModel.threshold_only(args.baseline_threshold)
    shipped = AbstainModel.load(args.shipped) if args.shipped.is_file() else None
    print(f"cut {cut}; weights {model.weights}")
    print("corpus split | old threshold F1 P R refused | shipped F1 refused | calibrated F1 P R "
          "refused | leave-this-corpus-out F1 refused")
    for corpus in corpora:
        loco_fit = [r for r in dev if r["corpus"] != corpus]
        loco = None
        if any(not r["answerable"] for r in loco_fit):
            loco = fit_abstain(loco_fit)
            loco = dataclasses.replace(loco, cut=choose_cut(loco, loco_fit))
        for split in ("dev", "test"):
            sel = [r for r in drows if r["corpus"] == corpus and r["split"] == split]
            if not sel:
                continue
            b = scores(sel, predict(old, sel, 0.5))
            a = scores(sel, predict(model, sel, cut))
            lo = scores(sel, predict(loco, sel, loco.cut)) if loco else None
            sh = scores(sel, predict(shipped, sel, shipped.cut)) if shipped else None
            print(f"{corpus} {split} n={a['n']} oos={a['oos']} | {b['f1']} {b['precision']} "
                  f"{b['recall']} {b['refused']} | "
                  + (f"{sh['f1']} {sh['refused']}" if sh else "-")
                  + f" | {a['f1']} {a['precision']} {a['recall']} "
                  f"{a['refused']} | " + (f"{lo['f1']} {lo['refused']}" if lo else "-"))
    if args.out:
        args.out.write_text(json.dumps({
            "mean": model.mean, "scale": model.scale, "weights": model.weights,
            "intercept": round(model.intercept, 4), "cut": cut, "signals": list(SIGNALS),
            "info": {"kind": "logistic", "fitted_on": "dev splits (even ids) of "
                     + ", ".join(corpora), "max_refused": MAX_REFUSED,
                     "script": "python -m eval.quality.calibrate abstain"}},
            ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.quality.calibrate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("dump", help="search every question, store the top 30 with gold flags")
    p.add_argument("--data-dir", type=Path, required=True)
    p.add_argument("--dataset", type=Path, required=True)
    p.add_argument("--corpus", required=True, help="name of the corpus (for per-corpus fits)")
    p.add_argument("--out", type=Path, required=True)
    p = sub.add_parser("dump-bench", help="`dump` over a `make quality` set and its index")
    p.add_argument("--set", required=True, dest="bench")
    p.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[3] / "shared"
                   / "datasets")
    p.add_argument("--out", type=Path, required=True)
    p = sub.add_parser("rank", help="fit data/rank_weights.json on dev rows")
    p.add_argument("--dumps", type=Path, nargs="+", required=True)
    p.add_argument("--out", type=Path)
    p = sub.add_parser("abstain", help="fit data/abstain_model.json on dev rows")
    p.add_argument("--dumps", type=Path, nargs="+", required=True)
    p.add_argument("--rank-weights", type=Path, help="rank with these weights first")
    p.add_argument("--baseline-threshold", type=float, default=0.855)
    p.add_argument("--shipped", type=Path, default=REPO / "data" / "abstain_model.json",
                   help="the model in use, printed beside the new fit")
    p.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    if args.cmd == "dump":
        dump(args.data_dir, args.dataset, args.corpus, args.out)
    elif args.cmd == "dump-bench":
        dump_bench(args.bench, args.shared, args.out)
    elif args.cmd == "rank":
        cmd_rank(args)
    else:
        cmd_abstain(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
