"""The fitted pair model: does a later statement contradict or support a claim?

One logistic scorer per relation (``contradicts``, ``supports``) over the
standardised features of a (claim, later statement) pair
(:mod:`toolkit.evidence.pairs` builds them), with a decision threshold per
relation chosen by leave-one-case-out cross-validation when the model was
trained (:mod:`toolkit.validation.pair_training`). Files, beside the learned
coder's in the same model directory: ``pair_weights.npz`` (plain arrays,
loaded with ``allow_pickle=False``) and ``pair_card.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

COMPONENT = "toolkit_pairs"
WEIGHTS, CARD = "pair_weights.npz", "pair_card.json"
RELATIONS = ("contradicts", "supports")
PAIR_ARRAYS = ("version", "relations", "features", "mean", "scale", "weights", "bias", "threshold")


@dataclass
class PairModel:
    """Fitted arrays of the pair model.

    Attributes:
        version: written into each model-found link's rule, ``model:toolkit_pairs@<version>``.
        relations: the relations scored, one row each below.
        features: feature names, in column order (:data:`toolkit.evidence.pairs.FEATURES` when it was fitted).
        mean, scale: standardisation of the features ``(F,)``.
        weights, bias: logistic weights ``(R, F)`` and biases ``(R,)``.
        threshold: per relation, the probability from which a pair is linked ``(R,)``.
        card: the model card (data hash, split, cross-validated figures), ``pair_card.json``.
    """

    version: str
    relations: list[str]
    features: list[str]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: np.ndarray
    threshold: np.ndarray
    card: dict

    @property
    def rule(self) -> str:
        """The ``rule`` of a link this model found."""
        return f"model:{COMPONENT}@{self.version}"

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """``(n, R)`` probabilities of each relation for feature rows ``x`` ``(n, F)``."""
        logits = ((x - self.mean) / self.scale) @ self.weights.T + self.bias
        return 1.0 / (1.0 + np.exp(-logits))

    def arrays(self) -> dict[str, np.ndarray]:
        return {name: np.asarray(getattr(self, name)) for name in PAIR_ARRAYS}

    @classmethod
    def load(cls, directory: str | Path) -> "PairModel":
        directory = Path(directory)
        with np.load(directory / WEIGHTS, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
        values = {name: arrays[name] for name in PAIR_ARRAYS}
        values["version"] = str(arrays["version"])
        values["relations"] = arrays["relations"].tolist()
        values["features"] = arrays["features"].tolist()
        card = json.loads((directory / CARD).read_text(encoding="utf-8"))
        return cls(**values, card=card)


def has_pair_model(directory: str | Path | None) -> bool:
    """Whether a model directory also holds a pair model."""
    return directory is not None and (Path(directory) / WEIGHTS).is_file() and (Path(directory) / CARD).is_file()


@lru_cache(maxsize=4)
def load_pair_model(directory: str) -> PairModel | None:
    """The pair model of a model directory, loaded once per process; ``None`` when it has none."""
    return PairModel.load(directory) if has_pair_model(directory) else None
