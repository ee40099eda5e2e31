"""``toolkit codebook show`` / ``toolkit codebook export``: the codebook in force, for readers and papers."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from ..codebook import load_codebook
from ..codebook import codebook_markdown, codebook_table
from ..io.tables import write_atomic, write_table
from ._util import CodebookOption, app, err, out, user_errors

codebook_app = typer.Typer(no_args_is_help=True, help="Show or export the codebook in force (bundled + --codebook).")
app.add_typer(codebook_app, name="codebook")


class ExportFormat(str, Enum):
    csv = "csv"
    md = "md"


@codebook_app.command("show")
def show_cli(codebook: CodebookOption = None) -> None:
    """Dimensions, labels, definitions and pattern counts per language."""
    with user_errors():
        book = load_codebook(codebook)
        frame = codebook_table(book)
    langs = [c for c in frame.columns if c.startswith("patterns_")]
    for name, group in frame.groupby("dimension", sort=False):
        first = group.iloc[0]
        where = f"column {first['column']}" if first["column"] else "claims only"
        table = Table(title=f"{name} ({first['cardinality']}-label, {where})", caption=first["description"], title_justify="left")
        table.add_column("label")
        table.add_column("definition")
        table.add_column("also set by")
        for lang in langs:
            table.add_column(lang.removeprefix("patterns_"), justify="right")
        for row in group.itertuples(index=False):
            table.add_row(row.label, row.definition, row.implied_by, *(str(getattr(row, lang)) for lang in langs))
        out.print(table)
    out.print(f"codebook digest {book.digest[:12]} · {len(frame)} labels in {frame['dimension'].nunique()} dimensions")


@codebook_app.command("export")
def export_cli(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv or md (Markdown).")] = ExportFormat.md,
    out_file: Annotated[Optional[Path], typer.Option("--out", "-o", help="File to write [default: standard output].")] = None,
    codebook: CodebookOption = None,
) -> None:
    """Write the codebook as a table (CSV or Markdown) a paper can append."""
    with user_errors():
        book = load_codebook(codebook)
        if fmt is ExportFormat.csv:
            frame = codebook_table(book)
            if out_file:
                write_table(frame, out_file)
            else:
                out.file.write(frame.to_csv(index=False, lineterminator="\n"))
        else:
            text = codebook_markdown(book)
            if out_file:
                write_atomic(out_file, text.encode("utf-8"))
            else:
                out.file.write(text)
    if out_file:
        err.print(f"wrote {out_file}", markup=False)
