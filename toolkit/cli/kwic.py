"""``toolkit kwic``: each tagged span of a label in its context window (quanteda's kwic)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table
from rich.text import Text

from ..codebook import load_codebook
from ..report.concordance import DEFAULT_WINDOW, kwic, parse_label
from ..io.tables import write_table
from ._util import CodebookOption, app, user_errors
from .evaluate import wide


@app.command("kwic")
def kwic_cli(
    path: Annotated[Path, typer.Argument(help="Statements to analyse (.csv, .parquet or .jsonl).")],
    label: Annotated[str, typer.Option("--label", "-l", help="DIMENSION:LABEL, e.g. blame_shift:external_attacker (or DIMENSION).")],
    window: Annotated[int, typer.Option("--window", "-w", help="Words of context on each side.")] = DEFAULT_WINDOW,
    counted: Annotated[bool, typer.Option("--counted", help="Only tags that set the statement's label.")] = False,
    out_file: Annotated[Optional[Path], typer.Option("--out", "-o", help="Also write the rows as CSV.")] = None,
    codebook: CodebookOption = None,
) -> None:
    """Print every span tagged with a label: pre | keyword | post, with its rule."""
    with user_errors():
        parse_label(label, load_codebook(codebook))  # a bad label is refused before the input is read
        frame = kwic(path, label, window=window, counted_only=counted, codebook=codebook)
        if out_file:
            write_table(frame, out_file)
    table = Table(title=f"{label}: {len(frame)} span(s)")
    table.add_column("statement")
    table.add_column("pre", justify="right")
    table.add_column("keyword", justify="center")
    table.add_column("post", justify="left")
    table.add_column("rule / flags")
    for row in frame.itertuples(index=False):
        flags = [row.rule.rsplit(":", 1)[-1]] + ["negated"] * row.negated + ([f"reported by {row.reported_by}"] if row.reported_by else [])
        flags += [] if row.counted else ["not counted"]
        table.add_row(
            f"{row.case_id}/{row.statement_id}", Text(row.pre), Text(row.keyword, style="bold"), Text(row.post),
            Text(", ".join(flags)),
        )
    wide(140).print(table)
