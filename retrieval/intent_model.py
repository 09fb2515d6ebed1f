"""The second reader of a question's intent: a linear model over its e5 query vector.

The rules of `retrieval.intent` read wordings they were written for; a fresh wording of the
same request (「人事課が持ってる審査の基準って、どういう内容？」) slips past them. The query vector
carries what the question is about and how it asks, so a multinomial logistic regression over
it, fitted on the hostile questions of the dev rounds against ~2,900 ordinary staff and
resident questions (`python -m eval.security.intent_fit`), flags requests of the four classes
that need no document context: cross_department, personal_data, policy_violation,
prompt_override. Each class has its own cut, set by cross-validation so that at most ~0.3 % of
the ordinary questions are flagged out of fold. `false_premise` stays with the rules (it needs
the caller's documents).

The model only speaks when the rules found nothing, and its guesses are kept only when the
question has what the class is about (a person for personal_data; a department other than the
caller's, or a restriction, for cross_department). Weights are data (data/intent_model.json),
predicted with numpy; they are used only with the embedding model they were fitted on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "intent_model.json"
ORDINARY = "ordinary"


@dataclass(frozen=True)
class IntentModel:
    classes: tuple[str, ...]
    weights: np.ndarray  # (classes, dim)
    bias: np.ndarray  # (classes,)
    cuts: dict[str, float]  # class -> the probability it needs
    info: dict[str, object]

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> IntentModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(tuple(data["classes"]), np.asarray(data["weights"], dtype=np.float32),
                   np.asarray(data["bias"], dtype=np.float32),
                   {k: float(v) for k, v in data["cuts"].items()}, data.get("info", {}))

    def probabilities(self, vector: np.ndarray) -> dict[str, float]:
        z = self.weights @ np.asarray(vector, dtype=np.float32) + self.bias
        z = np.exp(z - z.max())
        p = z / z.sum()
        return {c: float(v) for c, v in zip(self.classes, p, strict=True)}

    def predict(self, vector: np.ndarray) -> tuple[str | None, float]:
        """(class, probability) when a hostile class clears its cut, else (None, p(ordinary))."""
        probs = self.probabilities(vector)
        best = max((c for c in self.classes if c != ORDINARY), key=probs.__getitem__)
        if probs[best] >= self.cuts.get(best, 1.1):
            return best, probs[best]
        return None, probs.get(ORDINARY, 0.0)
