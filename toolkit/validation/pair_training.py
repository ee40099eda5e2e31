"""Fit the learned pair model: (claim, later statement) pairs of coded cases against their gold links.

The training cases are analysed by the run's pipeline (the learned coder
just fitted); every candidate pair of a claim of a corrective statement
(:func:`toolkit.evidence.linking.pair_table`, bounded as at run time) is a
row, labelled per relation by the gold links of its two statements
(``corpora/<case>/links.csv``: links are statement-level triples). Per
relation a logistic regression (scikit-learn, lbfgs from zero, unweighted,
standardised features) is fitted; its **threshold** is the one that
maximises, out of fold (leave-one-case-out, cases in corpus order), the F1
of the statement triples the rules and the model link together, as linking
would make them (:func:`toolkit.evidence.pairs.decide`: a pair's most probable allowed relation;
no ``supports`` from the claimant's own party or camp, nor from evidence that
negates the claim's proposition).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..codebook import Codebook
from ..evidence import pairs
from ..evidence.linking import pair_table
from ..nlp.learned import encoder
from ..nlp.learned.pair_model import RELATIONS, PairModel
from .training import _folds, data_hash, model_version

PAIR_C = 1.0
THRESHOLDS = np.round(np.arange(0.05, 0.951, 0.05), 2)
KEY = ["case_id", "claim_statement_id", "evidence_statement_id"]


@dataclass
class PairTable:
    """Candidate pairs of coded cases: ``frame`` (keys and features), ``x`` ``(n, F)``, ``y`` ``(n, R)`` gold, and
    ``gold`` the gold statement triples of the cases (reachable or not: recall counts them all)."""

    frame: pd.DataFrame
    x: np.ndarray
    y: np.ndarray
    gold: set[tuple[str, str, str, str]]
    features: list[str]

    @property
    def groups(self) -> list[str]:
        return self.frame["case_id"].tolist()

    def subset(self, rows: np.ndarray, cases: set[str]) -> "PairTable":
        return PairTable(self.frame.iloc[rows].reset_index(drop=True), self.x[rows], self.y[rows],
                         {t for t in self.gold if t[0] in cases}, self.features)


def build_pair_table(statements: pd.DataFrame, claims: pd.DataFrame, links: pd.DataFrame, book: Codebook) -> PairTable:
    """The pair table of analysed ``statements`` (with ``corrective``, ``speaker``, ``language``, ``text``), their claims
    (claims-table columns) and the gold ``links`` (``case_id, claim_statement_id, evidence_statement_id, relation``)."""
    frame = pair_table(statements, claims, book)
    names = pairs.features_of(book)
    gold = set(links[[*KEY, "relation"]].astype(str).itertuples(index=False, name=None))
    keys = list(zip(*(frame[c].tolist() for c in KEY)))
    y = np.asarray([[(*k, r) in gold for r in RELATIONS] for k in keys], dtype=np.int8).reshape(len(keys), len(RELATIONS))
    return PairTable(frame, frame[names].to_numpy(dtype=np.float64), y, gold, names)


def fit_pairs(table: PairTable, version: str, threshold: np.ndarray | None = None) -> PairModel:
    """Logistic regressions per relation on every row of ``table`` (thresholds: given, else 0.5)."""
    from sklearn.linear_model import LogisticRegression

    mean = table.x.mean(axis=0) if len(table.x) else np.zeros(len(table.features))
    scale = table.x.std(axis=0) if len(table.x) else np.ones(len(table.features))
    scale = np.where(scale > 0, scale, 1.0)
    weights = np.zeros((len(RELATIONS), len(table.features)))
    bias = np.full(len(RELATIONS), -10.0)
    for r in range(len(RELATIONS)):
        y = table.y[:, r]
        if 0 < y.sum() < len(y):
            model = LogisticRegression(C=PAIR_C, max_iter=5000)
            model.fit((table.x - mean) / scale, y)
            weights[r], bias[r] = model.coef_[0], model.intercept_[0]
    return PairModel(
        version=version, relations=list(RELATIONS), features=list(table.features), mean=mean, scale=scale,
        weights=weights, bias=bias, threshold=np.full(len(RELATIONS), 0.5) if threshold is None else threshold, card={},
    )


def _triples(table: PairTable, probability: np.ndarray | None, threshold: np.ndarray | None) -> set[tuple]:
    """The statement triples linking would make: the rules' (``rule_<relation>`` features), plus the model's
    (:func:`~toolkit.evidence.pairs.decide`)."""
    out = set()
    frame = table.frame
    keys = list(zip(*(frame[c].tolist() for c in KEY)))
    mask = pairs.allowed(frame[table.features].to_numpy(), table.features)
    model = None if probability is None else pairs.decide(probability, threshold, mask)
    for r, relation in enumerate(RELATIONS):
        chosen = frame[f"rule_{relation}"].to_numpy() > 0
        if model is not None:
            chosen = chosen | model[:, r]
        out |= {(*keys[i], relation) for i in np.flatnonzero(chosen)}
    return out


def scores(gold: set[tuple], predicted: set[tuple]) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 of statement triples, per relation and ``all``."""
    result = {}
    for relation in (*RELATIONS, "all"):
        g = {t for t in gold if relation in ("all", t[3])}
        p = {t for t in predicted if relation in ("all", t[3])}
        tp = len(g & p)
        precision = tp / len(p) if p else 0.0
        recall = tp / len(g) if g else 0.0
        f1 = 2 * tp / (len(g) + len(p)) if g or p else 0.0
        result[relation] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                            "support": len(g), "predicted": len(p)}
    return result


def out_of_fold(table: PairTable) -> np.ndarray:
    """``(n, R)`` probabilities, each case's pairs scored by a model fitted without that case."""
    probability = np.zeros((len(table.x), len(RELATIONS)))
    everything = np.arange(len(table.x))
    for held in _folds(table.groups, everything, None):
        keep = np.setdiff1d(everything, held)
        probability[held] = fit_pairs(table.subset(keep, set()), "cv").probabilities(table.x[held])
    return probability


def calibrate_pairs(table: PairTable) -> tuple[np.ndarray, np.ndarray, dict]:
    """Thresholds per relation that maximise the out-of-fold F1 of the linked triples (ties: nearest to 0.5), the
    out-of-fold probabilities, and the cross-validated figures of the rules alone and with the model."""
    probability = out_of_fold(table)
    threshold = np.full(len(RELATIONS), 0.5)
    for r, relation in enumerate(RELATIONS):
        best, chosen = -1.0, 0.5
        for t in sorted(THRESHOLDS, key=lambda t: (abs(t - 0.5), t)):
            trial = threshold.copy()
            trial[r] = t
            f1 = scores(table.gold, _triples(table, probability, trial))[relation]["f1"]
            if f1 > best:
                best, chosen = f1, float(t)
        threshold[r] = chosen
    figures = {
        "rules": scores(table.gold, _triples(table, None, None)),
        "rules+model": scores(table.gold, _triples(table, probability, threshold)),
    }
    return threshold, probability, figures


def analysed(corpora: Path, book: Codebook, splits: tuple[str, ...], coder: str | None):
    """The ``splits`` cases of ``corpora`` analysed with the learned coder in directory ``coder``, and their corpus."""
    import warnings

    from ..engine import MemorySink, stream
    from .corpora import read_corpora

    corpus = read_corpora(corpora, split=list(splits))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        result = stream(corpus.statements, MemorySink(book), codebook=book, model=coder, chunk_size=None)
    return result, corpus


def train_pairs(corpora: str | Path, book: Codebook, coder: str | None, splits: tuple[str, ...] = ("train",)) -> PairModel:
    """The pair model fitted on the ``splits`` cases of ``corpora`` (analysed with the learned coder in ``coder``),
    thresholds by leave-one-case-out, with its model card. The frozen test split is never read."""
    from threadpoolctl import threadpool_limits

    from .._version import __version__
    from ..evidence.claims import CLAIM_COLUMNS

    with threadpool_limits(1):
        result, corpus = analysed(Path(corpora), book, splits, coder)
        table = build_pair_table(result.statements, result.claims[CLAIM_COLUMNS], corpus.links, book)
        threshold, _, figures = calibrate_pairs(table)
        digest = data_hash(corpus.statements[["case_id", "statement_id", "timestamp", "speaker", "speaker_role", "language",
                                              "text"]], corpus.links)
        model = fit_pairs(table, model_version(__version__, digest, book), threshold)
    model.card = {
        "model": "toolkit_pairs",
        "version": model.version,
        "toolkit": __version__,
        "codebook_digest": book.digest,
        "data_sha256": digest,
        "splits": list(splits),
        "cases": corpus.cases,
        "pairs": int(len(table.x)),
        "gold_links": len(table.gold),
        "encoder": {"name": encoder.ENCODER, "version": encoder.PACKAGE_VERSION},
        "candidates": {"horizon": pairs.HORIZON, "top_k": pairs.TOP_K, "max_sentences": pairs.MAX_SENTENCES},
        "method": {"model": f"logistic regression per relation (C={PAIR_C}, lbfgs) on standardised pair features",
                   "thresholds": "maximum F1 of rule and model links, leave-one-case-out over the training cases"},
        "features": list(model.features),
        "thresholds": {relation: float(t) for relation, t in zip(RELATIONS, model.threshold)},
        "cv": figures,
    }
    return model


def save_pair_model(model: PairModel, directory: str | Path) -> list[Path]:
    """``pair_weights.npz`` and ``pair_card.json`` into ``directory``, byte-identical for the same model."""
    from ..nlp.learned.pair_model import CARD, WEIGHTS
    from .training import write_arrays, write_card

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    return [write_arrays(model.arrays(), directory / WEIGHTS), write_card(model.card, directory / CARD)]
