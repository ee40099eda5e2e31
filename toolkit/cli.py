"""The ``toolkit`` command line: a thin layer over the functions notebooks call.

Every command turns a :class:`~toolkit.errors.ToolkitError` into one
``error:`` line on stderr and exit code 2, and announces each warning once.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from .analysis import analyze
from .errors import ToolkitError
from .outputs import write_table
from .result import Result

PROGRESS_THRESHOLD = 300

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__.splitlines()[0])
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

CodebookOption = Annotated[
    Optional[list[Path]], typer.Option("--codebook", "-c", help="User codebook directory (repeatable).")
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")]


@contextmanager
def user_errors() -> Iterator[None]:
    """One line per warning (once each) and per error; exit code 2 on bad input."""
    seen: set[str] = set()

    def show(message, category, filename, lineno, file=None, line=None):  # noqa: ANN001
        text = str(message)
        if text not in seen:
            seen.add(text)
            err.print(f"warning: {text}", markup=False)

    previous = warnings.showwarning
    warnings.showwarning = show
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", UserWarning)
            warnings.filterwarnings("ignore", module="spacy")
            yield
    except ToolkitError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    finally:
        warnings.showwarning = previous


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


@app.callback()
def toolkit_cli() -> None:
    """Analyse corrective statements and confront their claims with later evidence."""


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


def main() -> None:
    """Console-script entry point."""
    app(prog_name="toolkit")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
