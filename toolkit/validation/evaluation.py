"""Validation against human coding: precision, recall, F1, Krippendorff's alpha, Cohen's kappa.

The unit is the statement. For every coded dimension (``corrective`` and the
codebook's label columns) and every label, the toolkit's coding (or a second
coder's) is compared with a reference coding:

- **precision, recall, F1, support** per label, the label taken one-vs-rest;
  **micro** figures sum true/false positives and false negatives over the
  labels, **macro-F1** averages the F1 of the labels that occur in either
  coding. For ``corrective`` the label is ``1``.
- **confusion matrix** for single-label dimensions (``corrective``,
  ``blame_shift``), with ``(none)`` as a category.
- **Krippendorff's alpha** (nominal; Krippendorff 2004, *Content Analysis*
  ch. 11; computed by the maintained ``krippendorff`` package) and **Cohen's
  kappa** (Cohen 1960; scikit-learn's ``cohen_kappa_score``). Per label they
  are computed on the binary present/absent coding. Per dimension, for a
  single-label dimension, on the label itself (``(none)`` included); for a
  multi-label dimension, on the exact label set taken as one nominal value
  (so a statement coded ``apology;denial`` against ``apology`` disagrees).
  Both are undefined (NaN) when a coding has no variation.
- **links** are scored as (case, claim statement, evidence statement,
  relation) triples, per relation and overall.
- **claim verdicts**: per corrective statement of the reference coding, its
  verdict derived from the reference links (``contradicted`` when some later
  statement contradicts it, ``supported``, ``disputed`` for both,
  ``uncontested`` for neither) against the verdict derived the same way from
  the candidate's links; the figure is the share that agree (accuracy).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd

from ..codebook import Codebook, load_codebook
from .coding import (
    CORRECTIVE,
    RELATIONS,
    attach_cases,
    coded_columns,
    coding_from_statements,
    column_labels,
    is_single,
    read_coding,
    read_links,
    split_labels,
)
from ..errors import Errors, InputError, Warnings, warn, where
from ..io.tables import write_atomic, write_table
from .._markdown import markdown_table
from ..nlp.pipeline import resolve_model
from ..engine import MemorySink, Result, stream
from ..evidence import verdict_of

NONE = "(none)"
LABEL_COLUMNS = (
    "dimension", "label", "support", "predicted", "tp", "fp", "fn", "precision", "recall", "f1", "alpha", "kappa",
)
DIMENSION_COLUMNS = (
    "dimension", "units", "support", "predicted", "tp", "fp", "fn",
    "precision", "recall", "f1", "macro_f1", "exact_match", "alpha", "kappa",
)
DISAGREEMENT_COLUMNS = ("case_id", "statement_id", "dimension", "reference", "candidate", "missed", "extra")
LINK_SCORE_COLUMNS = ("relation", "support", "predicted", "tp", "fp", "fn", "precision", "recall", "f1")
VERDICTS = ("contradicted", "supported", "disputed", "uncontested")


def _ratio(num: float, den: float) -> float:
    return float(num) / den if den else float("nan")


def _alpha_nominal(reference: list, candidate: list) -> float:
    """Krippendorff's alpha (nominal) for two codings of the same units; NaN when undefined.

    Values may be any hashables; ``None`` marks a missing value.
    """
    return alpha_reliability([reference, candidate])


def alpha_reliability(coders: list[list]) -> float:
    """Nominal Krippendorff's alpha for a coders × units table (``None`` = missing value)."""
    domain = sorted({v for row in coders for v in row if v is not None}, key=str)
    if len(domain) < 2:
        return float("nan")
    index = {value: i for i, value in enumerate(domain)}
    data = np.array([[np.nan if v is None else index[v] for v in row] for row in coders], dtype=float)
    try:
        return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    except (ValueError, ZeroDivisionError):
        return float("nan")


def kappa(reference: list, candidate: list) -> float:
    """Cohen's kappa of two codings (scikit-learn); NaN when chance agreement is 1."""
    from sklearn.metrics import cohen_kappa_score

    if not reference:
        return float("nan")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = cohen_kappa_score([str(v) for v in reference], [str(v) for v in candidate])
    return float(value)


def _counts(reference: list[int], candidate: list[int]) -> tuple[int, int, int]:
    """True positives, false positives and false negatives of one label (present = 1), by scikit-learn."""
    from sklearn.metrics import confusion_matrix  # here: scikit-learn takes ~0.7 s to import

    with warnings.catch_warnings():  # a case where neither coding has the label is a valid (all-zero) fold
        warnings.simplefilter("ignore")
        _, fp, fn, tp = confusion_matrix(reference, candidate, labels=[0, 1]).ravel()
    return int(tp), int(fp), int(fn)


def _scores(reference: list[int], candidate: list[int]) -> tuple[float, float, float]:
    """Precision, recall and F1 of one label by scikit-learn (NaN when a denominator is zero)."""
    from sklearn.metrics import precision_recall_fscore_support

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        p, r, f, _ = precision_recall_fscore_support(reference, candidate, average="binary", pos_label=1, zero_division=np.nan)
    return float(p), float(r), float(f)


def _confusion(reference: list[str], candidate: list[str], categories: list[str]) -> pd.DataFrame:
    """Reference categories (rows) × candidate categories (columns), by scikit-learn."""
    from sklearn.metrics import confusion_matrix

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        matrix = confusion_matrix(reference, candidate, labels=categories)
    return pd.DataFrame(matrix, index=categories, columns=categories).astype(int)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (NaN when their denominator is zero)."""
    return _ratio(tp, tp + fp), _ratio(tp, tp + fn), _ratio(2 * tp, 2 * tp + fp + fn)


@dataclass
class Evaluation:
    """Agreement of a candidate coding (the toolkit, or coder B) with a reference (gold, or coder A).

    Attributes:
        dimensions: one row per coded dimension: units, micro precision/recall/F1,
            macro-F1, exact-match rate, alpha and kappa.
        labels: one row per (dimension, label) occurring in either coding.
        confusion: per single-label dimension, reference labels (rows) × candidate labels (columns).
        links: per relation and ``all``: triples scored, or ``None`` when no links were given.
        folds: for a cross-validation, one row per (held-out case, dimension); ``None`` otherwise.
        disagreements: one row per (statement, dimension) the two codings code differently: both
            codings, the labels the candidate missed and those it added (what to read to see why).
        verdicts: per corrective statement of the reference, its claim verdict by the reference's links and by the
            candidate's (``None`` when no links were given); :attr:`verdict_accuracy` the share that agree.
        reference: name of the reference coding; candidate: name of the compared coding.
    """

    dimensions: pd.DataFrame
    labels: pd.DataFrame
    confusion: dict[str, pd.DataFrame]
    links: pd.DataFrame | None = None
    reference: str = "gold"
    candidate: str = "toolkit"
    pairs: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    folds: pd.DataFrame | None = None
    disagreements: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    verdicts: pd.DataFrame | None = None

    @property
    def verdict_accuracy(self) -> float:
        """Share of the reference's corrective statements whose claim verdict the candidate's links reproduce."""
        if self.verdicts is None or self.verdicts.empty:
            return float("nan")
        return float((self.verdicts["reference"] == self.verdicts["candidate"]).mean())

    def verdict_confusion(self) -> pd.DataFrame:
        """Reference verdicts (rows) × candidate verdicts (columns)."""
        frame = self.verdicts if self.verdicts is not None else pd.DataFrame(columns=["reference", "candidate"])
        table = pd.crosstab(pd.Categorical(frame["reference"], VERDICTS), pd.Categorical(frame["candidate"], VERDICTS),
                            dropna=False)
        table.index.name, table.columns.name = None, None
        return table.astype(int)

    def dimension(self, name: str) -> pd.Series:
        """One dimension's row (``corrective``, ``audience``, … or a user codebook's column)."""
        return self.dimensions.set_index("dimension").loc[name]

    def to_markdown(self, digits: int = 2) -> str:
        """The figures as Markdown tables a paper or a README can include."""
        parts = [
            f"# Agreement: {self.candidate} against {self.reference}",
            "",
            f"{int(self.dimensions['units'].max()) if len(self.dimensions) else 0} statements.",
            "",
            "## Per dimension (micro-averaged over labels)",
            "",
            _markdown(self.dimensions, digits),
            "",
            "## Per label",
            "",
            _markdown(self.labels, digits),
        ]
        for name, matrix in self.confusion.items():
            frame = matrix.reset_index().rename(columns={"index": f"{self.reference} \\ {self.candidate}"})
            parts += ["", f"## Confusion: {name} (rows: {self.reference}, columns: {self.candidate})", "", _markdown(frame, digits)]
        if self.links is not None:
            parts += ["", "## Links (claim statement, evidence statement, relation)", "", _markdown(self.links, digits)]
        if self.verdicts is not None:
            confusion = self.verdict_confusion().reset_index().rename(columns={"index": f"{self.reference} \\ {self.candidate}"})
            parts += ["", "## Claim verdicts (per corrective statement, from the links)", "",
                      f"Accuracy {self.verdict_accuracy:.{digits}f} over {len(self.verdicts)} corrective statements.", "",
                      _markdown(confusion, digits)]
        if self.folds is not None:
            parts += ["", "## Per held-out case (leave-one-case-out folds)", "", _markdown(self.folds, digits)]
        return "\n".join(parts) + "\n"

    def write(self, directory: str | Path) -> list[Path]:
        """CSV tables and ``evaluation.md`` into ``directory``; returns the paths written."""
        directory = Path(directory)
        written = []
        for name, frame in (("dimensions", self.dimensions), ("labels", self.labels)):
            path = directory / f"evaluation-{name}.csv"
            write_table(frame.round(4), path)
            written.append(path)
        for name, matrix in self.confusion.items():
            path = directory / f"confusion-{name}.csv"
            write_table(matrix.reset_index().rename(columns={"index": self.reference}), path)
            written.append(path)
        for name, frame in (("links", self.links), ("folds", self.folds), ("verdicts", self.verdicts),
                            ("disagreements", self.disagreements)):
            if frame is not None:
                path = directory / f"evaluation-{name}.csv"
                write_table(frame.round(4), path)
                written.append(path)
        path = directory / "evaluation.md"
        write_atomic(path, self.to_markdown().encode("utf-8"))
        written.append(path)
        return written

    def plot_confusion(self, dimension: str, ax=None):
        """A confusion matrix as a heatmap on ``ax`` (a new figure when ``None``); returns the axes."""
        return plot_confusion(self.confusion[dimension], ax=ax, xlabel=self.candidate, ylabel=self.reference)

    def plot_scores(self, ax=None):
        """Micro-F1, alpha and kappa per dimension as grouped bars (``ax=None`` makes a figure); returns the axes."""
        return plot_scores(self.dimensions, ax=ax)

    def _repr_html_(self) -> str:
        styled = self.dimensions.style.format(precision=2, na_rep="–").hide(axis="index")
        return f"<h4>{self.candidate} against {self.reference}</h4>" + styled.to_html()


def _markdown(frame: pd.DataFrame, digits: int) -> str:
    return markdown_table(list(frame.columns), frame.itertuples(index=False), digits)


def compare(
    reference: pd.DataFrame,
    candidate: pd.DataFrame,
    book: Codebook,
    *,
    reference_links: pd.DataFrame | None = None,
    candidate_links: pd.DataFrame | None = None,
    reference_name: str = "gold",
    candidate_name: str = "toolkit",
) -> Evaluation:
    """Score two aligned codings (same ``case_id, statement_id`` rows, in the same order).

    Args:
        reference: the reference coding (gold, or coder A), coding-file shape.
        candidate: the compared coding, same rows.
        book: the codebook in force (labels, cardinality).
        reference_links, candidate_links: link triples to score, or ``None``.
        reference_name, candidate_name: how tables name the two codings.
    """
    columns = [c for c in coded_columns(book) if c in reference.columns and c in candidate.columns]
    dim_rows, label_rows, confusion, differing = [], [], {}, []
    for column in columns:
        gold = [set(split_labels(v)) - {"0"} for v in reference[column]]
        pred = [set(split_labels(v)) - {"0"} for v in candidate[column]]
        differing.extend(_disagreements(reference, column, gold, pred))
        order = column_labels(book, column)
        present = [lab for lab in order if any(lab in g or lab in p for g, p in zip(gold, pred))]
        totals = np.zeros(3, dtype=int)
        f1s = []
        for lab in present:
            g_ind = [int(lab in g) for g in gold]
            p_ind = [int(lab in p) for p in pred]
            tp, fp, fn = _counts(g_ind, p_ind)
            totals += (tp, fp, fn)
            precision, recall, f1 = _scores(g_ind, p_ind)
            f1s.append(0.0 if np.isnan(f1) else f1)
            label_rows.append(
                (column, lab, sum(g_ind), sum(p_ind), tp, fp, fn, precision, recall, f1,
                 _alpha_nominal(g_ind, p_ind), kappa(g_ind, p_ind))
            )
        if is_single(book, column):
            none = "0" if column == CORRECTIVE else NONE
            g_val = [next(iter(g)) if g else none for g in gold]
            p_val = [next(iter(p)) if p else none for p in pred]
            cats = [none] + present if column != CORRECTIVE else ["0", "1"]
            confusion[column] = _confusion(g_val, p_val, cats)
        else:
            g_val = [";".join(sorted(g)) or NONE for g in gold]
            p_val = [";".join(sorted(p)) or NONE for p in pred]
        tp, fp, fn = (int(x) for x in totals)
        precision, recall, f1 = _prf(tp, fp, fn)  # micro: over the labels' summed counts
        dim_rows.append(
            (column, len(gold), tp + fn, tp + fp, tp, fp, fn, precision, recall, f1,
             float(np.mean(f1s)) if f1s else float("nan"),
             _ratio(sum(a == b for a, b in zip(g_val, p_val)), len(g_val)),
             _alpha_nominal(g_val, p_val), kappa(g_val, p_val))
        )
    links = verdicts = None
    if reference_links is not None and candidate_links is not None:
        links = score_links(reference_links, candidate_links, cases=set(reference["case_id"]))
        verdicts = claim_verdicts(reference, reference_links, candidate_links)
    return Evaluation(
        dimensions=pd.DataFrame(dim_rows, columns=list(DIMENSION_COLUMNS)),
        labels=pd.DataFrame(label_rows, columns=list(LABEL_COLUMNS)),
        confusion=confusion,
        links=links,
        reference=reference_name,
        candidate=candidate_name,
        pairs=reference.merge(candidate, on=["case_id", "statement_id"], suffixes=("_reference", "_candidate")),
        disagreements=pd.DataFrame(differing, columns=list(DISAGREEMENT_COLUMNS)),
        verdicts=verdicts,
    )


def claim_verdicts(reference: pd.DataFrame, reference_links: pd.DataFrame, candidate_links: pd.DataFrame) -> pd.DataFrame:
    """Per corrective statement of the ``reference`` coding: ``case_id, statement_id, reference, candidate`` verdicts,
    each derived from one set of links (a statement's relations as a claim: CODEBOOK §6)."""

    def relations(links: pd.DataFrame) -> dict[tuple[str, str], set[str]]:
        cases = links["case_id"].astype(str).tolist() if "case_id" in links.columns else [""] * len(links)
        found: dict[tuple[str, str], set[str]] = {}
        for case, claim, relation in zip(cases, links["claim_statement_id"].astype(str).tolist(),
                                         links["relation"].astype(str).tolist()):
            found.setdefault((case, claim), set()).add(relation)
        return found

    def verdict(found: set[str]) -> str:
        return verdict_of("contradicts" in found, "supports" in found)

    units = reference[reference["corrective"].astype(str) == "1"]
    keys = list(zip(units["case_id"].astype(str).tolist(), units["statement_id"].astype(str).tolist()))
    gold, found = relations(reference_links), relations(candidate_links)
    return pd.DataFrame(
        [(case, sid, verdict(gold.get((case, sid), set())), verdict(found.get((case, sid), set()))) for case, sid in keys],
        columns=["case_id", "statement_id", "reference", "candidate"],
    )


def _disagreements(reference: pd.DataFrame, column: str, gold: list[set], pred: list[set]) -> list[tuple]:
    """Rows of :attr:`Evaluation.disagreements` for one dimension (``corrective`` reads 1 as the label)."""
    def shown(labels: set) -> str:
        return ";".join(sorted(labels))

    return [
        (case_id, statement_id, column, shown(g), shown(p), shown(g - p), shown(p - g))
        for case_id, statement_id, g, p in zip(reference["case_id"].tolist(), reference["statement_id"].tolist(), gold, pred)
        if g != p
    ]


def score_links(reference: pd.DataFrame, candidate: pd.DataFrame, cases: set[str] | None = None) -> pd.DataFrame:
    """Precision, recall and F1 of (case, claim statement, evidence statement, relation) triples."""
    key = ["case_id", "claim_statement_id", "evidence_statement_id", "relation"]

    def triples(frame: pd.DataFrame) -> set[tuple]:
        frame = frame[key].astype(str)
        if cases is not None:
            frame = frame[frame["case_id"].isin(cases)]
        return set(frame.itertuples(index=False, name=None))

    gold, pred = triples(reference), triples(candidate)
    rows = []
    for relation in (*RELATIONS, "all"):
        g = {t for t in gold if relation in ("all", t[3])}
        p = {t for t in pred if relation in ("all", t[3])}
        tp, fp, fn = len(g & p), len(p - g), len(g - p)
        rows.append((relation, len(g), len(p), tp, fp, fn, *_prf(tp, fp, fn)))
    return pd.DataFrame(rows, columns=list(LINK_SCORE_COLUMNS))


def _align_to_gold(gold: pd.DataFrame, predicted: pd.DataFrame, gold_name: str, source: str) -> pd.DataFrame:
    """The predicted rows in gold order; a gold statement missing from the statements is an error."""
    indexed = predicted.set_index(["case_id", "statement_id"])
    missing = ~gold.set_index(["case_id", "statement_id"]).index.isin(indexed.index)
    if missing.any():
        i = int(missing.nonzero()[0][0])
        raise InputError(
            Errors.E065.format(
                where=where(gold_name, i + 1, "statement_id"),
                value=gold.at[i, "statement_id"],
                case=gold.at[i, "case_id"],
            )
        )
    extra = ~indexed.index.isin(gold.set_index(["case_id", "statement_id"]).index)
    if extra.any():
        ids = ", ".join(f"{c}/{s}" for c, s in indexed.index[extra][:5])
        warn(Warnings.W061.format(source=source, count=int(extra.sum()), ids=ids))
    return indexed.loc[list(zip(gold["case_id"], gold["statement_id"]))].reset_index()


def evaluate(
    statements: str | Path | pd.DataFrame | Result,
    gold: str | Path | pd.DataFrame,
    links: str | Path | pd.DataFrame | None = None,
    *,
    codebook: str | Path | list | None = None,
    rules_only: bool = False,
    model: str | Path | None = None,
) -> Evaluation:
    """The toolkit's coding of ``statements`` against the human coding in ``gold``.

    Args:
        statements: statements to analyse (path or DataFrame), or an existing
            :class:`~toolkit.engine.Result`.
        gold: the reference coding (``corpora/CODING.md`` format; ``case_id`` optional
            when the statements hold one case).
        links: gold links (``claim_statement_id, evidence_statement_id, relation``).
        codebook: user codebook directories (as for :func:`toolkit.analyze`).
        rules_only, model: the coder to score (as for :func:`toolkit.analyze`): the bundled learned
            model by default.

    Raises:
        InputError: bad coding or links file, or gold statements absent from the statements.
    """
    learned = None if isinstance(statements, Result) else resolve_model(load_codebook(codebook), rules_only, model)
    paired = _paired(statements, gold, links, codebook, learned)
    return compare(paired.reference, paired.predicted, paired.book,
                   reference_links=paired.reference_links, candidate_links=paired.candidate_links)


@dataclass
class _Paired:
    """A reference coding and the toolkit's coding of the same statements, row for row, with their links."""

    book: Codebook
    reference: pd.DataFrame
    predicted: pd.DataFrame
    reference_links: pd.DataFrame | None
    candidate_links: pd.DataFrame | None
    result: Result | None = None


def _paired(statements, gold, links, codebook, model: str | None = None) -> _Paired:
    if isinstance(statements, Result):
        result = statements
    else:  # streamed through the engine in chunks; tags are not kept
        book = load_codebook(codebook)
        result = stream(statements, MemorySink(book, tags=False), codebook=book, model=model)
    book = result.codebook
    gold_name = _name(gold)
    reference = attach_cases(read_coding(gold, book), result.statements, gold_name)
    predicted = _align_to_gold(reference, coding_from_statements(result.statements, book), gold_name, _name(statements))
    reference_links = candidate_links = None
    if links is not None:
        reference_links = attach_cases(read_links(links), result.statements, _name(links))
        candidate_links = result.links
    return _Paired(book, reference, predicted, reference_links, candidate_links, result)


def evaluate_corpora(
    root: str | Path, *, split: str | list[str] | None = None, codebook: str | Path | list | None = None,
    rules_only: bool = False, model: str | Path | None = None,
) -> Evaluation:
    """The toolkit against the adjudicated gold coding of the corpora of ``split`` (every case when ``None``)."""
    from .corpora import read_corpora  # not at import: `python -m toolkit.validation.corpora` runs that module

    corpus = read_corpora(root, split=split)
    return evaluate(corpus.statements, corpus.gold, corpus.links, codebook=codebook, rules_only=rules_only, model=model)


def cross_validate(
    root: str | Path, *, splits: tuple[str, ...] = ("train", "dev"), codebook: str | Path | list | None = None,
    rules_only: bool = False,
) -> Evaluation:
    """Leave-one-case-out over the cases of ``splits``: each case is coded by a coder fitted without it.

    For each case (one fold) the learned coder is trained on the other cases
    of ``splits`` and the contrast sets (thresholds by grouped 5-fold
    cross-validation inside the fold), saved to a temporary directory and run
    on the held-out case through the normal pipeline; with ``rules_only`` the
    rule coder, which fits nothing, codes every case. Unless ``rules_only``,
    each held-out case is then linked again with a pair model fitted without
    it, on the other cases as their fold coders analysed them (thresholds by
    leave-one-case-out over those cases). The folds' codings and
    links are pooled and scored against the gold coding (``dimensions``,
    ``labels``, ``links``), and each fold is also scored alone (``folds``: one
    row per case and dimension) so the spread across cases can be read.
    """
    import tempfile

    from .corpora import read_corpora  # not at import: `python -m toolkit.validation.corpora` runs that module
    from .training import fold_model, save_model, training_table

    book = load_codebook(codebook)
    corpus = read_corpora(root, split=list(splits))
    table = None if rules_only else training_table(Path(root), book, tuple(splits))[0]
    pieces = []
    for case in corpus.cases:
        part = {name: frame[frame["case_id"] == case] for name, frame in
                (("statements", corpus.statements), ("gold", corpus.gold), ("links", corpus.links))}
        with tempfile.TemporaryDirectory(prefix="toolkit-fold-") as directory:
            if table is not None:
                save_model(fold_model(table, book, held_out=case), directory)
            pieces.append(_paired(part["statements"].reset_index(drop=True), part["gold"].reset_index(drop=True),
                                  part["links"].reset_index(drop=True), book, None if table is None else directory))
    if table is not None:
        _relink_with_fold_pair_models(pieces, corpus.cases, book)
    folds = []
    for case, paired in zip(corpus.cases, pieces):
        fold = compare(paired.reference, paired.predicted, paired.book,
                       reference_links=paired.reference_links, candidate_links=paired.candidate_links)
        folds.append(fold.dimensions.assign(case_id=case))
    pooled = compare(
        pd.concat([p.reference for p in pieces], ignore_index=True),
        pd.concat([p.predicted for p in pieces], ignore_index=True),
        pieces[0].book,
        reference_links=pd.concat([p.reference_links for p in pieces], ignore_index=True),
        candidate_links=pd.concat([p.candidate_links for p in pieces], ignore_index=True),
    )
    pooled.folds = pd.concat(folds, ignore_index=True)[["case_id", *DIMENSION_COLUMNS]]
    return pooled


def _relink_with_fold_pair_models(pieces: list[_Paired], cases: list[str], book: Codebook) -> None:
    """Link each held-out case again with a pair model fitted without it (thresholds by leave-one-case-out over the
    other cases), on the other cases as their own fold coders analysed them (out of fold too)."""
    from threadpoolctl import threadpool_limits

    from ..evidence import CLAIM_COLUMNS, link_claims
    from .pair_training import PairTable, build_pair_table, calibrate_pairs, fit_pairs

    tables = [build_pair_table(p.result.statements, p.result.claims[CLAIM_COLUMNS], p.reference_links, book) for p in pieces]
    with threadpool_limits(1):
        for n, (case, paired) in enumerate(zip(cases, pieces)):
            others = [t for m, t in enumerate(tables) if m != n]
            training = others[0]
            if len(others) > 1:
                training = PairTable(pd.concat([t.frame for t in others], ignore_index=True),
                                     np.concatenate([t.x for t in others]), np.concatenate([t.y for t in others]),
                                     set().union(*(t.gold for t in others)), others[0].features)
            threshold, _, _ = calibrate_pairs(training)
            model = fit_pairs(training, f"fold-{case}", threshold)
            result = paired.result
            paired.candidate_links = link_claims(result.statements, result.claims[CLAIM_COLUMNS], book, model)[0]


def agreement(
    coder_a: str | Path | pd.DataFrame,
    coder_b: str | Path | pd.DataFrame,
    *,
    links_a: str | Path | pd.DataFrame | None = None,
    links_b: str | Path | pd.DataFrame | None = None,
    codebook: str | Path | list | None = None,
    names: tuple[str, str] | None = None,
) -> Evaluation:
    """Agreement between two human codings of the same statements (coder A as the reference).

    Alpha and kappa are symmetric; precision and recall read B against A.
    Statements coded in only one file are left out, with a warning.

    Raises:
        InputError: a malformed coding file, or no statement coded in both.
    """
    book = load_codebook(codebook)
    name_a, name_b = names or (_name(coder_a), _name(coder_b))
    a, b = read_coding(coder_a, book), read_coding(coder_b, book)
    merged = a[["case_id", "statement_id"]].merge(b[["case_id", "statement_id"]], how="outer", indicator=True)
    only = merged[merged["_merge"] != "both"]
    both = merged[merged["_merge"] == "both"][["case_id", "statement_id"]]
    if both.empty:
        raise InputError(Errors.E069.format(first=name_a, second=name_b))
    if len(only):
        ids = ", ".join(f"{c}/{s}" if c else s for c, s in zip(only["case_id"][:5], only["statement_id"][:5]))
        warn(Warnings.W060.format(first=name_a, second=name_b, count=len(only), ids=ids))
    a = both.merge(a, on=["case_id", "statement_id"], how="left")
    b = both.merge(b, on=["case_id", "statement_id"], how="left")
    la = read_links(links_a) if links_a is not None else None
    lb = read_links(links_b) if links_b is not None else None
    return compare(a, b, book, reference_links=la, candidate_links=lb, reference_name=_label(name_a), candidate_name=_label(name_b))


def agreement_corpora(
    root: str | Path, *, split: str | list[str] | None = None, codebook: str | Path | list | None = None
) -> Evaluation:
    """Agreement of the two independent codings (``coder_a``, ``coder_b``) of the corpora of ``split``."""
    from .corpora import read_corpora  # not at import: `python -m toolkit.validation.corpora` runs that module

    a = read_corpora(root, split=split, coding="coder_a")
    b = read_corpora(root, split=split, coding="coder_b")
    return agreement(a.gold, b.gold, links_a=a.links, links_b=b.links, codebook=codebook, names=("coder_a", "coder_b"))


def _name(source) -> str:
    if isinstance(source, (str, Path)):
        return str(source)
    if isinstance(source, Result):
        return "<Result>"
    return "<DataFrame>"


def _label(name: str) -> str:
    return Path(name).stem if not name.startswith("<") else name


def _axes(ax, size: tuple[float, float]):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.figure(figsize=size, layout="constrained").add_subplot()


def plot_confusion(matrix: pd.DataFrame, ax=None, *, xlabel: str = "toolkit", ylabel: str = "gold"):
    """A confusion matrix as a grey heatmap with counts in the cells (scikit-learn's ConfusionMatrixDisplay habit).

    Args:
        matrix: reference labels (rows) × candidate labels (columns), as in ``Evaluation.confusion``.
        ax: axes to draw on; a new figure when ``None``.
        xlabel, ylabel: names of the candidate and reference codings.

    Returns:
        The axes drawn on.
    """
    ax = _axes(ax, (1.2 + 0.6 * len(matrix.columns), 1.0 + 0.45 * len(matrix.index)))
    values = matrix.to_numpy(dtype=float)
    ax.imshow(values, cmap="Greys", vmin=0, vmax=max(values.max(), 1), aspect="auto")
    for (i, j), value in np.ndenumerate(values):
        ax.text(j, i, f"{int(value)}", ha="center", va="center", color="white" if value > values.max() / 2 else "black")
    ax.set_xticks(range(len(matrix.columns)), list(matrix.columns), rotation=30, ha="right")
    ax.set_yticks(range(len(matrix.index)), list(matrix.index))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax


def plot_scores(dimensions: pd.DataFrame, ax=None):
    """Grouped bars of micro-F1, Krippendorff's alpha and Cohen's kappa per dimension; returns the axes."""
    ax = _axes(ax, (6.0, 2.4))
    measures = [("f1", "micro-F1", ""), ("alpha", "alpha", "////"), ("kappa", "kappa", "....")]
    x = np.arange(len(dimensions))
    width = 0.8 / len(measures)
    for k, (column, label, hatch) in enumerate(measures):
        values = dimensions[column].astype(float).fillna(0).to_numpy()
        ax.bar(x + (k - 1) * width, values, width * 0.95, label=label, hatch=hatch, color=f"{0.3 + 0.25 * k:.2f}",
               edgecolor="black", linewidth=0.4)
    ax.set_xticks(x, list(dimensions["dimension"]))
    ax.set_ylim(min(0.0, float(dimensions[["alpha", "kappa"]].min().min() or 0)), 1.0)
    ax.axhline(0.8, color="black", linewidth=0.6, linestyle="--")
    ax.legend(frameon=False, ncols=3, loc="lower right")
    ax.set_ylabel("agreement with gold")
    return ax


def learning_curve(corpora: str | Path, book: Codebook, sizes: tuple[int, ...] = (6, 12, 19, 26),
                   held_out: str = "dev") -> pd.DataFrame:
    """Micro-F1 per dimension on the ``held_out`` split for models trained on the first ``n`` train cases.

    The train cases are taken in ``splits.csv`` order (its order is fixed, so
    the curve is reproducible); each model also sees the contrast sets, its
    thresholds come from grouped 5-fold cross-validation inside its training
    cases. Statements are coded as the learned component codes them
    (:func:`~toolkit.nlp.learned.decide.decide`); models by :mod:`toolkit.validation.training`. One row per (cases, dimension).
    """
    from threadpoolctl import threadpool_limits

    from ..nlp.learned.decide import decide
    from ..nlp.learned.features import FeatureSpace
    from .corpora import read_corpora, read_splits
    from .training import INNER_FOLDS, calibrate, fit, training_table

    table, _, cases = training_table(Path(corpora), book, ("train", held_out))
    splits = read_splits(corpora)
    train_cases = [c for c, s in zip(splits["case_id"].tolist(), splits["split"].tolist()) if s == "train"]
    test_rows = np.asarray([i for i, g in enumerate(table.groups) if g in set(cases) - set(train_cases)])
    space = FeatureSpace.of(book)
    columns = [c for c in coded_columns(book) if c != CORRECTIVE]
    reference = read_coding(read_corpora(corpora, split=held_out).gold, book)
    order = {key: i for i, key in enumerate(f"{c}/{s}" for c, s in zip(reference["case_id"], reference["statement_id"]))}
    reference = reference.iloc[[order[table.keys[i]] for i in test_rows]].reset_index(drop=True)
    rows = []
    with threadpool_limits(1):
        for n in sizes:
            chosen = set(train_cases[:n])
            keep = np.asarray([i for i, g in enumerate(table.groups) if g in chosen or g.startswith("contrast:")])
            training = table.subset(keep)
            model = fit(training, book, f"curve-{n}", calibrate(training, book, folds=INNER_FOLDS))
            predicted = []
            for i in test_rows:
                decision = decide(table.docs[i], model, book, space, table.vectors[i])
                predicted.append({"corrective": str(decision.corrective),
                                  **{c: ";".join(decision.codes.get(c, [])) for c in columns}})
            candidate = reference[["case_id", "statement_id"]].join(pd.DataFrame(predicted))
            scores = compare(reference, candidate, book).dimensions.set_index("dimension")["f1"]
            rows += [(min(n, len(train_cases)), dimension, float(f1)) for dimension, f1 in scores.items()]
    return pd.DataFrame(rows, columns=["training_cases", "dimension", "f1"])
