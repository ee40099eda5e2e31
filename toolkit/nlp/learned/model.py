"""The fitted learned coder: its arrays and how they score a statement.

For every *target* — ``corrective`` and each learnable ``column:label`` of
the codebook (a label that holds exactly when another dimension has a label,
such as the ``blame_shift`` strategy, follows from it and is not learned) —
the model holds:

- a **text classifier**: a linear scorer ``z = w·x + b`` over a sentence
  vector ``x`` (:mod:`~toolkit.nlp.learned.encoder`); a statement is scored on
  the mean of its sentence vectors, and the sentence with the highest score
  is the one that carries a learned tag;
- a **gate**: a logistic model over the rule layer's signals
  (:mod:`~toolkit.nlp.learned.features`, standardised) and the text score,
  whose probability is compared with the target's **threshold**, chosen by
  leave-one-case-out cross-validation when the model was trained;
- a **text threshold**: above it, a sentence's text score sets the label on
  its own (a paraphrase no rule lists), chosen so that out of fold the text
  classifier alone was right at least 95% of the time.

It also keeps the vectors of the coded training statements, so each learned
tag can name its most similar coded example. Files (written by
:func:`toolkit.validation.training.save_model`): ``weights.npz`` (plain
arrays, loaded with ``allow_pickle=False``) and ``card.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

CORRECTIVE = "corrective"
ARRAYS = (
    "version", "targets", "features", "text_w", "text_b", "gate_mean", "gate_scale", "gate_w", "gate_b",
    "threshold", "text_threshold", "bank", "bank_keys", "bank_gold",
)


@dataclass
class LearnedModel:
    """Fitted arrays of the learned coder (one row per target unless stated).

    Attributes:
        version: model version written into every learned tag's rule id.
        targets: ``corrective`` and ``column:label`` names, in codebook order.
        features: names of the rule signals, in the order of the gate's columns.
        text_w, text_b: text classifier weights ``(T, 512)`` and biases ``(T,)``.
        gate_mean, gate_scale: standardisation of the gate inputs ``(T, F + 1)`` (signals, then text score).
        gate_w, gate_b: gate weights ``(T, F + 1)`` and biases ``(T,)``.
        threshold: gate decision threshold per target ``(T,)``.
        text_threshold: per target, the text score above which a sentence carries the label on its own
            (infinite: never).
        bank: training statement vectors ``(N, 512)``, float16; bank_keys their ``case/statement`` ids;
            bank_gold: ``(T, N)`` booleans, whether each target holds for each training statement.
        card: the model card (data hash, splits, cross-validated figures), ``card.json``.
    """

    version: str
    targets: list[str]
    features: list[str]
    text_w: np.ndarray
    text_b: np.ndarray
    gate_mean: np.ndarray
    gate_scale: np.ndarray
    gate_w: np.ndarray
    gate_b: np.ndarray
    threshold: np.ndarray
    text_threshold: np.ndarray
    bank: np.ndarray
    bank_keys: list[str]
    bank_gold: np.ndarray
    card: dict

    def index(self, target: str) -> int:
        return self.targets.index(target)

    def text_scores(self, vectors: np.ndarray) -> np.ndarray:
        """``(len(vectors), T)`` text scores of sentence or statement vectors."""
        return vectors @ self.text_w.T + self.text_b

    def gate(self, signals: np.ndarray, text: np.ndarray) -> np.ndarray:
        """``(n, T)`` probabilities from rule signals ``(n, F)`` and statement text scores ``(n, T)``."""
        targets = text.shape[1]
        inputs = np.concatenate([np.repeat(signals[:, None, :], targets, axis=1), text[:, :, None]], axis=2)
        standard = (inputs - self.gate_mean) / self.gate_scale
        logits = np.einsum("ntf,tf->nt", standard, self.gate_w) + self.gate_b
        return 1.0 / (1.0 + np.exp(-logits))

    def nearest(self, vector: np.ndarray, target: str) -> str:
        """The coded training statement most similar to ``vector`` among those where ``target`` holds."""
        mask = self.bank_gold[self.index(target)]
        if not mask.any():
            return ""
        similarity = self.bank[mask] @ vector
        return np.asarray(self.bank_keys)[mask][int(np.argmax(similarity))]

    def arrays(self) -> dict[str, np.ndarray]:
        """The arrays :func:`~toolkit.validation.training.save_model` writes, by name."""
        return {name: np.asarray(getattr(self, name)) for name in ARRAYS}

    @classmethod
    def load(cls, directory: str | Path) -> "LearnedModel":
        """A model directory (``weights.npz``, ``card.json``); arrays only, no pickled objects."""
        directory = Path(directory)
        with np.load(directory / "weights.npz", allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
        card = json.loads((directory / "card.json").read_text(encoding="utf-8"))
        lists = {"targets", "features", "bank_keys"}
        values = {name: arrays[name].tolist() if name in lists else arrays[name] for name in ARRAYS}
        values["version"] = str(arrays["version"])
        values["bank"] = values["bank"].astype(np.float32)  # stored as float16; compared in float32, converted once
        return cls(**values, card=card)


def bundled_model() -> str:
    """The directory of the model shipped with the package (``toolkit train`` rebuilds it)."""
    return str(resources.files("toolkit") / "nlp" / "learned" / "model")


@lru_cache(maxsize=4)
def load_model(directory: str) -> LearnedModel:
    """A model directory, loaded once per process."""
    return LearnedModel.load(directory)
