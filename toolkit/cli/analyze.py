"""``toolkit analyze``: tag statements, extract claims, link them to later evidence, write the tables."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ..analysis import analyze
from ..outputs import write_table
from ..result import Result
from ._util import CodebookOption, QuietOption, app, err, out, user_errors

PROGRESS_THRESHOLD = 300


@contextmanager
def progress_bar(total: int, quiet: bool) -> Iterator[Callable[[int], None] | None]:
    """A statements/s progress bar on the terminal for inputs above a few hundred statements."""
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


def count_rows(path: Path) -> int:
    """Cheap upper bound of the number of statements, to decide on a progress bar."""
    try:
        with open(path, "rb") as handle:
            return sum(1 for _ in handle)
    except OSError:
        return 0


def print_summary(result: Result, directory: Path) -> None:
    table = Table(title=f"{len(result.statements)} statements, {len(result.tags)} tags → {directory}")
    for column in ("dimension", "label", "statements"):
        table.add_column(column, justify="right" if column == "statements" else "left")
    for row in result.summary().itertuples(index=False):
        table.add_row(row.dimension, row.label, str(row.statements))
    out.print(table)


def write_result(result: Result, directory: Path) -> None:
    """The analysis tables of ``toolkit analyze`` into ``directory``."""
    write_table(result.statements, directory / "statements.csv")
    write_table(result.tags, directory / "tags.csv")
    write_table(result.claims, directory / "claims.csv")
    write_table(result.links, directory / "links.csv")
    write_table(result.cases, directory / "cases.csv")


@app.command("analyze")
def analyze_cli(
    path: Annotated[Path, typer.Argument(help="Statements: .csv, .parquet or .jsonl (CODEBOOK §7 columns).")],
    out_dir: Annotated[
        Optional[Path], typer.Option("--out", "-o", help="Output directory [default: ./toolkit-out/<input stem>].")
    ] = None,
    codebook: CodebookOption = None,
    quiet: QuietOption = False,
) -> None:
    """Tag every statement (corrective, audience, blame shift, remediation, strategies) with its evidence."""
    directory = out_dir or Path("toolkit-out") / path.stem
    with user_errors():
        with progress_bar(count_rows(path), quiet) as advance:
            result = analyze(path, codebook=codebook, on_progress=advance)
        write_result(result, directory)
    if not quiet:
        print_summary(result, directory)

