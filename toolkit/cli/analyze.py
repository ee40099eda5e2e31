"""``toolkit analyze``: tag statements, extract claims, link them to later evidence, write the tables."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ..codebook import load_codebook
from ..engine import CHUNK_SIZE, analyze_to_dir
from ..engine.result import LabelCounts
from ..errors import Errors
from ..io.provenance import analyze_command, write_run_provenance
from ..nlp.pipeline import resolve_model
from ._util import CodebookOption, QuietOption, app, err, out, user_errors

PROGRESS_THRESHOLD = 300


class Engine(str, enum.Enum):
    local = "local"
    dask = "dask"


class _Progress:
    """A progress bar with statements/s and ETA, drawn once the input is known to hold more than a few hundred."""

    def __init__(self, shown: bool):
        self.shown, self.bar, self.task = shown, None, None

    def start(self, total: int) -> None:
        """Called once the input is validated, with its number of statements."""
        if not self.shown or total <= PROGRESS_THRESHOLD:
            return
        columns = (TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"), TimeRemainingColumn())
        self.bar = Progress(*columns, console=err, transient=True)
        self.bar.start()
        self.task = self.bar.add_task("analyse", total=total, rate="")

    def advance(self, n: int) -> None:
        if self.bar is None:
            return
        self.bar.advance(self.task, n)
        speed = self.bar.tasks[0].speed
        self.bar.update(self.task, rate=f"{speed:,.0f} statements/s" if speed else "")

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@contextmanager
def progress_bar(quiet: bool) -> Iterator[_Progress]:
    """Progress of an analysis on stderr (not with ``--quiet``, nor when stderr is not a terminal)."""
    progress = _Progress(shown=not quiet and err.is_terminal)
    try:
        yield progress
    finally:
        progress.stop()


def print_summary(summary: LabelCounts, directory: Path) -> None:
    table = Table(title=f"{summary.statements} statements, {summary.tags} tags → {directory}")
    for column in ("dimension", "label", "statements"):
        table.add_column(column, justify="right" if column == "statements" else "left")
    for row in summary.summary().itertuples(index=False):
        table.add_row(row.dimension, row.label, str(row.statements))
    out.print(table)


@app.command("analyze")
def analyze_cli(
    path: Annotated[
        Path,
        # readable=False: the reader says what is wrong in one line, not click's usage box
        typer.Argument(help="Statements: .csv, .parquet or .jsonl (CODEBOOK §7 columns).", metavar="PATH", readable=False),
    ],
    out_dir: Annotated[
        Optional[Path],
        typer.Option("--out", "-o", metavar="DIR", help="Output directory, new or holding an earlier run [default: ./toolkit-out/<input stem>]."),
    ] = None,
    codebook: CodebookOption = None,
    n_process: Annotated[
        Optional[int], typer.Option("--n-process", "-n", min=1, help="Processes for the spaCy stage [default: all cores, at most one per 500 statements].")
    ] = None,
    engine: Annotated[Engine, typer.Option("--engine", help="Where to run: this machine or a Dask cluster.")] = Engine.local,
    scheduler: Annotated[
        Optional[str], typer.Option("--scheduler", help="Dask scheduler address [default: a local cluster].")
    ] = None,
    chunk_size: Annotated[int, typer.Option("--chunk-size", min=1, help="Statements read and tagged at a time.")] = CHUNK_SIZE,
    report: Annotated[bool, typer.Option("--report", help="Also write case-study reports (HTML, Markdown, figures).")] = False,
    pdf: Annotated[bool, typer.Option("--pdf", help="Also print the reports to PDF with headless Chromium.")] = False,
    rules_only: Annotated[
        bool, typer.Option("--rules-only", help="Let the rules decide every label (no learned layer: faster on the largest corpora).")
    ] = False,
    model: Annotated[
        Optional[Path], typer.Option("--model", metavar="DIR", help="A learned model from `toolkit train` [default: the bundled one].")
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Tag every statement, extract its claims and link them to later evidence; write five tables."""
    directory = out_dir or Path("toolkit-out") / path.stem
    command = analyze_command(path, directory, codebook, report, pdf, rules_only, model)
    learned: str | None = None  # the learned model directory, resolved once the codebook is known to load

    def finish(stage: Path, summary: LabelCounts) -> None:
        """Provenance and reports, written beside the tables before the run is moved into place."""
        write_run_provenance(path, stage, codebook, command, summary.languages, learned_model=learned)
        if report or pdf:
            from ..report import write_reports  # matplotlib only when reports are asked for

            write_reports(stage, codebook=codebook, pdf=pdf)

    with user_errors(interrupted=Errors.E086.format(path=directory)):
        if pdf:
            from ..report.pdf import require_chromium

            require_chromium()  # before hours of analysis, not after
        learned = resolve_model(load_codebook(codebook), rules_only, model)
        with progress_bar(quiet) as progress:
            summary = analyze_to_dir(
                path,
                directory,
                codebook=codebook,
                n_process=n_process,
                engine=engine.value,
                scheduler=scheduler,
                chunk_size=chunk_size,
                on_start=progress.start,
                on_progress=progress.advance,
                finish=finish,
                rules_only=learned is None,
                model=learned,
            )
    if not quiet:
        print_summary(summary, directory)
