"""``toolkit report``: case-study reports (HTML, Markdown, figures) from an earlier ``toolkit analyze`` output."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._util import CodebookOption, QuietOption, app, out, user_errors


@app.command("report")
def report_cli(
    directory: Annotated[Path, typer.Argument(help="Output directory of `toolkit analyze` (holds statements.csv …).")],
    pdf: Annotated[bool, typer.Option("--pdf", help="Also print each report to PDF with headless Chromium.")] = False,
    codebook: CodebookOption = None,
    quiet: QuietOption = False,
) -> None:
    """Write DIR/index.html and DIR/cases/<case>/report.html (+ .md, figures) from the tables in DIR."""
    with user_errors():
        from ..report import write_reports  # matplotlib only when this command runs

        written = write_reports(directory, codebook=codebook, pdf=pdf)
    if not quiet:
        out.print(f"{len(written) - 1} case report(s) → {directory / 'cases'}; overview → {written[0]}")
