"""The second reader of a question's intent: a linear model over its e5 query vector and its
character n-grams.

The rules of `retrieval.intent` read wordings they were written for; a fresh wording of the
same request (「人事課が持ってる審査の基準って、どういう内容？」) slips past them. The query vector
carries what the question is about and how it asks; the character 2- and 3-grams (tf-idf)
carry the words that mark a request whatever the sentence around them (改ざん, こっそり,
ばれません, 横流し, 談合). On the rows of a writer left out of the fit, policy violations were read
at 0.86–0.94 with the n-grams and 0.56–0.68 without (cut from the training rows); with the
shipped cuts, `python -m eval.security.intent_fit --by-writer` printed 0.82–0.98 across seven
writers (before the blind-g/blind-h rows; how the fit before them read those two writers is in
data/eval/PROVENANCE.md).

A multinomial logistic regression, fitted on the hostile questions of the dev rounds against
~3,500 ordinary staff and resident questions, flags requests of the four classes that need no
document context: cross_department, personal_data, policy_violation, prompt_override. Each
class has its own cut, set by cross-validation so that at most ~0.3 % of the ordinary questions
are flagged out of fold. `false_premise` stays with the rules (it needs the caller's
documents).

The model only speaks when the rules found nothing, and its guesses are kept only when the
question has what the class is about (a person for personal_data — named, or picked out by a
role, a description or a list; a department other than the caller's, or a restriction, for
cross_department). Weights are data (data/intent_model.json),
predicted with numpy; they are used only with the embedding model they were fitted on.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "intent_model.json"
ORDINARY = "ordinary"
GRAM_SIZES = (2, 3)


def char_grams(text: str) -> list[str]:
    """The question's character 2- and 3-grams (NFKC, lower case, a run of spaces as one)."""
    flat = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).lower()).strip()
    return [flat[i:i + n] for n in GRAM_SIZES for i in range(len(flat) - n + 1)]


@dataclass(frozen=True)
class IntentModel:
    classes: tuple[str, ...]
    weights: np.ndarray  # (classes, vector dim + grams)
    bias: np.ndarray  # (classes,)
    cuts: dict[str, float]  # class -> the probability it needs
    info: dict[str, object]
    grams: dict[str, int] = field(default_factory=dict)  # n-gram -> column after the vector
    idf: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> IntentModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        vocabulary = data.get("grams", [])
        return cls(tuple(data["classes"]), np.asarray(data["weights"], dtype=np.float32),
                   np.asarray(data["bias"], dtype=np.float32),
                   {k: float(v) for k, v in data["cuts"].items()}, data.get("info", {}),
                   {g: i for i, g in enumerate(vocabulary)},
                   np.asarray(data.get("idf", []), dtype=np.float32))

    def gram_features(self, text: str) -> np.ndarray:
        """tf-idf of the known n-grams as scikit-learn's TfidfVectorizer(sublinear_tf=True)
        computes it: (1 + ln count) × idf, then unit length."""
        counts = np.zeros(len(self.grams), dtype=np.float32)
        for gram in char_grams(text):
            column = self.grams.get(gram)
            if column is not None:
                counts[column] += 1
        tf = np.where(counts > 0, 1.0 + np.log(np.maximum(counts, 1.0)), 0.0) * self.idf
        norm = float(np.linalg.norm(tf))
        return (tf / norm if norm else tf).astype(np.float32)

    def probabilities(self, vector: np.ndarray, text: str = "") -> dict[str, float]:
        x = np.asarray(vector, dtype=np.float32)
        if self.grams:
            x = np.concatenate([x, self.gram_features(text)])
        z = self.weights @ x + self.bias
        z = np.exp(z - z.max())
        p = z / z.sum()
        return {c: float(v) for c, v in zip(self.classes, p, strict=True)}

    def predict(self, vector: np.ndarray, text: str = "") -> tuple[str | None, float]:
        """(class, probability) when a hostile class clears its cut, else (None, p(ordinary)).
        `text` is the question the vector was made from (its n-grams are the other half)."""
        probs = self.probabilities(vector, text)
        best = max((c for c in self.classes if c != ORDINARY), key=probs.__getitem__)
        if probs[best] >= self.cuts.get(best, 1.1):
            return best, probs[best]
        return None, probs.get(ORDINARY, 0.0)
