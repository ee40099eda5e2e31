"""What every command shares: the typer app, option aliases, error handling and consoles."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from ..errors import Errors, ToolkitError

# Plain click help: rich markup would eat every "[default: …]" in option help and print <bool> beside flags.
app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None)
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

CodebookOption = Annotated[
    Optional[list[Path]], typer.Option("--codebook", "-c", metavar="DIR", help="User codebook directory (repeatable).")
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")]


@app.callback()
def toolkit_cli() -> None:
    """Analyse corrective statements and confront their claims with later evidence."""


@contextmanager
def user_errors(interrupted: str = "interrupted") -> Iterator[None]:
    """One line per warning (once each) and per error; exit code 2 on bad input, 130 on Ctrl-C.

    A file-system failure (unreadable, unwritable, disk full) is one line too.
    """
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
    except OSError as exc:
        err.print(f"error: {Errors.E085.format(path=exc.filename or '', detail=exc.strerror or exc)}", markup=False)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        err.print(f"error: {interrupted}", markup=False)
        raise typer.Exit(130) from None
    finally:
        warnings.showwarning = previous
