"""``toolkit analyze``: tag statements, extract claims, link them to later evidence, write the tables."""

from __future__ import annotations

import enum
import math
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ..errors import Errors
from ..io.statements import count_statements
from ..io.provenance import analyze_command, write_run_provenance
from ..engine.result import LabelCounts
from ..engine import CHUNK_SIZE, analyze_to_dir
from ._util import CodebookOption, QuietOption, app, err, out, user_errors

PROGRESS_THRESHOLD = 300
MIN_PER_PROCESS = 500


class Engine(str, enum.Enum):
    local = "local"
    dask = "dask"


@contextmanager
def progress_bar(total: int, quiet: bool) -> Iterator[Callable[[int], None] | None]:
    """A progress bar with statements/s and ETA on a terminal, for inputs above a few hundred statements."""
    if quiet or total <= PROGRESS_THRESHOLD or not err.is_terminal:
        yield None
        return
    columns = (
        TextColumn("analysing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("analyse", total=total, rate="")

        def advance(n: int) -> None:
            bar.advance(task, n)
            speed = bar.tasks[0].speed
            bar.update(task, rate=f"{speed:,.0f} statements/s" if speed else "")

        yield advance


def print_summary(summary: LabelCounts, directory: Path) -> None:
    table = Table(title=f"{summary.statements} statements, {summary.tags} tags → {directory}")
    for column in ("dimension", "label", "statements"):
        table.add_column(column, justify="right" if column == "statements" else "left")
    for row in summary.summary().itertuples(index=False):
        table.add_row(row.dimension, row.label, str(row.statements))
    out.print(table)


def workers(requested: int | None, total: int) -> int:
    """``--n-process``, defaulting to every core; no more than one per ``MIN_PER_PROCESS`` statements."""
    cores = requested or os.cpu_count() or 1
    return max(1, min(cores, math.ceil(total / MIN_PER_PROCESS)))


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
        Optional[int], typer.Option("--n-process", "-n", min=1, help="Processes for the spaCy stage [default: all cores].")
    ] = None,
    engine: Annotated[Engine, typer.Option("--engine", help="Where to run: this machine or a Dask cluster.")] = Engine.local,
    scheduler: Annotated[
        Optional[str], typer.Option("--scheduler", help="Dask scheduler address [default: a local cluster].")
    ] = None,
    chunk_size: Annotated[int, typer.Option("--chunk-size", min=1, help="Statements read and tagged at a time.")] = CHUNK_SIZE,
    report: Annotated[bool, typer.Option("--report", help="Also write case-study reports (HTML, Markdown, figures).")] = False,
    pdf: Annotated[bool, typer.Option("--pdf", help="Also print the reports to PDF with headless Chromium.")] = False,
    quiet: QuietOption = False,
) -> None:
    """Tag every statement, extract its claims and link them to later evidence; write five tables."""
    directory = out_dir or Path("toolkit-out") / path.stem
    command = analyze_command(path, directory, codebook, report, pdf)

    def finish(stage: Path, summary: LabelCounts) -> None:
        """Provenance and reports, written beside the tables before the run is moved into place."""
        write_run_provenance(path, stage, codebook, command, summary.languages)
        if report or pdf:
            from ..report import write_reports  # matplotlib only when reports are asked for

            write_reports(stage, codebook=codebook, pdf=pdf)

    with user_errors(interrupted=Errors.E086.format(path=directory)):
        if pdf:
            from ..report.pdf import require_chromium

            require_chromium()  # before hours of analysis, not after
        total = count_statements(path)
        with progress_bar(total, quiet) as advance:
            summary = analyze_to_dir(
                path,
                directory,
                codebook=codebook,
                n_process=workers(n_process, total) if engine is Engine.local else (n_process or os.cpu_count() or 1),
                engine=engine.value,
                scheduler=scheduler,
                chunk_size=chunk_size,
                on_progress=advance,
                finish=finish,
            )
    if not quiet:
        print_summary(summary, directory)
