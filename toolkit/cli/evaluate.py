"""``toolkit evaluate``: the toolkit's coding against human (gold) coding, per dimension and label."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from ..errors import Errors, InputError
from ..validation.evaluation import Evaluation, cross_validate, evaluate, evaluate_corpora
from ._util import CodebookOption, QuietOption, app, err, out, user_errors

WIDTH = 120
"""Tables are printed at least this wide (logs and pipes default to 80 columns)."""


def wide(width: int = WIDTH) -> Console:
    """A console on ``out``'s stream at least ``width`` columns wide (pipes and logs default to 80)."""
    return Console(file=out.file, width=max(out.width, width), highlight=False, soft_wrap=True)


def _fmt(value) -> str:
    if isinstance(value, float):
        return "–" if math.isnan(value) else f"{value:.2f}"
    return str(value)


def print_evaluation(evaluation: Evaluation) -> None:
    """Per-dimension and per-label figures as rich tables; confusion matrices and links below."""
    title = f"{evaluation.candidate} against {evaluation.reference}"
    caption = (
        "n: statements with the label in the reference; pred: in the candidate; mF1: macro-F1; "
        "α: Krippendorff's alpha (nominal); κ: Cohen's kappa; per label on present/absent"
    )
    table = Table(title=title, caption=caption)
    labels = evaluation.labels
    table.add_column("dimension", no_wrap=True, min_width=max(map(len, evaluation.dimensions["dimension"]), default=9))
    table.add_column("label", no_wrap=True, min_width=max(map(len, labels["label"]), default=7))
    for column in ("n", "pred", "P", "R", "F1", "mF1", "α", "κ"):
        table.add_column(column, justify="right", no_wrap=True, min_width=5)
    labels = evaluation.labels
    for dim in evaluation.dimensions.itertuples(index=False):
        table.add_row(
            f"[bold]{dim.dimension}[/bold]", "[bold](micro)[/bold]", str(dim.support), str(dim.predicted),
            *(f"[bold]{_fmt(v)}[/bold]" for v in (dim.precision, dim.recall, dim.f1, dim.macro_f1, dim.alpha, dim.kappa)),
        )
        for row in labels[labels["dimension"] == dim.dimension].itertuples(index=False):
            table.add_row(
                "", row.label, str(row.support), str(row.predicted),
                *(_fmt(v) for v in (row.precision, row.recall, row.f1)), "", _fmt(row.alpha), _fmt(row.kappa),
            )
        table.add_section()
    console = wide()
    console.print(table)
    for name, matrix in evaluation.confusion.items():
        confusion = Table(title=f"confusion: {name} (rows {evaluation.reference}, columns {evaluation.candidate})")
        confusion.add_column("")
        for column in matrix.columns:
            confusion.add_column(str(column), justify="right")
        for label, row in matrix.iterrows():
            confusion.add_row(str(label), *(str(v) for v in row))
        console.print(confusion)
    if evaluation.links is not None:
        links = Table(title="links: (claim statement, evidence statement, relation) triples")
        for column in ("relation", "support", "predicted", "tp", "fp", "fn", "P", "R", "F1"):
            links.add_column(column, justify="left" if column == "relation" else "right")
        for row in evaluation.links.itertuples(index=False):
            links.add_row(row.relation, *(str(v) for v in (row.support, row.predicted, row.tp, row.fp, row.fn)),
                          *(_fmt(v) for v in (row.precision, row.recall, row.f1)))
        console.print(links)
    if evaluation.verdicts is not None:
        console.print(
            f"claim verdicts: {_fmt(evaluation.verdict_accuracy)} accuracy over {len(evaluation.verdicts)} corrective "
            f"statements ({evaluation.reference}'s verdicts from its links against {evaluation.candidate}'s)"
        )
    if evaluation.folds is not None:
        summary = evaluation.folds.groupby("dimension", sort=False)["f1"].agg(["count", "mean", "std", "min", "max"])
        folds = Table(title=f"per held-out case: F1 over {evaluation.folds['case_id'].nunique()} folds (cases with the dimension coded)")
        for column in ("dimension", "cases", "mean", "sd", "min", "max"):
            folds.add_column(column, justify="left" if column == "dimension" else "right")
        for dimension, row in summary.iterrows():
            folds.add_row(dimension, str(int(row["count"])), *(_fmt(float(row[c])) for c in ("mean", "std", "min", "max")))
        console.print(folds)


@app.command("evaluate")
def evaluate_cli(
    path: Annotated[Optional[Path], typer.Argument(help="Statements to analyse (.csv, .parquet or .jsonl).")] = None,
    gold: Annotated[
        Optional[Path], typer.Option("--gold", "-g", help="Human coding: statement_id, corrective, audience, …")
    ] = None,
    links: Annotated[
        Optional[Path], typer.Option("--links", "-l", help="Gold links: claim_statement_id, evidence_statement_id, relation.")
    ] = None,
    corpora: Annotated[
        Optional[Path], typer.Option("--corpora", help="A corpora root (corpora/): its cases and adjudicated gold instead of PATH/--gold.")
    ] = None,
    split: Annotated[
        Optional[str], typer.Option("--split", help="With --corpora: only the cases splits.csv assigns to train, dev or test.")
    ] = None,
    cv: Annotated[
        Optional[str], typer.Option("--cv", help="With --corpora: 'case' = leave-one-case-out over train+dev.")
    ] = None,
    out_dir: Annotated[
        Optional[Path], typer.Option("--out", "-o", help="Directory for the CSV/Markdown figures [default: ./toolkit-out/<stem>-evaluation].")
    ] = None,
    codebook: CodebookOption = None,
    rules_only: Annotated[bool, typer.Option("--rules-only", help="Score the rule coder alone (no learned layer).")] = False,
    model: Annotated[
        Optional[Path], typer.Option("--model", metavar="DIR", help="Score this learned model [default: the bundled one].")
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Analyse the statements and score the toolkit against gold coding: P/R/F1, alpha, kappa, links.

    Either PATH with --gold (and --links), or --corpora DIR with --split or --cv case.
    """
    with user_errors():
        if corpora is not None:
            if path is not None or gold is not None or links is not None:
                raise InputError(Errors.E078)
            if cv not in (None, "case"):
                raise InputError(Errors.E079.format(value=cv))
            name = f"{corpora.name}-cv-case" if cv else f"{corpora.name}-{split or 'all'}"
            directory = out_dir or Path("toolkit-out") / f"{name}-evaluation"
            evaluation = (
                cross_validate(corpora, codebook=codebook, rules_only=rules_only) if cv
                else evaluate_corpora(corpora, split=split, codebook=codebook, rules_only=rules_only, model=model)
            )
        else:
            if path is None or gold is None or split is not None or cv is not None:
                raise InputError(Errors.E078)
            directory = out_dir or Path("toolkit-out") / f"{path.stem}-evaluation"
            evaluation = evaluate(path, gold, links, codebook=codebook, rules_only=rules_only, model=model)
        written = evaluation.write(directory)
    if not quiet:
        print_evaluation(evaluation)
        err.print(f"wrote {len(written)} files to {directory}", markup=False)
