"""``toolkit export``: an analyze output directory as a REFI-QDA project (.qdpx) and/or codebook (.qdc)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..codebook import load_codebook
from ..errors import Errors, InputError
from ._util import CodebookOption, QuietOption, app, out, user_errors


@app.command("export")
def export_cli(
    directory: Annotated[Path, typer.Argument(help="Output directory of `toolkit analyze` (holds statements.csv …).")],
    qdpx: Annotated[Optional[Path], typer.Option("--qdpx", help="Write the REFI-QDA project here (.qdpx).")] = None,
    qdc: Annotated[Optional[Path], typer.Option("--qdc", help="Write the REFI-QDA codebook here (.qdc).")] = None,
    uncounted: Annotated[
        bool, typer.Option("--uncounted/--no-uncounted", help="Also export negated and reported tags, under their own code branch.")
    ] = True,
    codebook: CodebookOption = None,
    quiet: QuietOption = False,
) -> None:
    """Codebook, cases, statements, tagged spans and evidence links for MAXQDA, ATLAS.ti, NVivo or QualCoder."""
    with user_errors():
        from ..qda import export_qdc, export_qdpx

        if qdpx is None and qdc is None:
            raise InputError(Errors.E093)
        book = load_codebook(codebook)
        written = [export_qdpx(directory, qdpx, book, uncounted=uncounted)] if qdpx else []
        if qdc:
            written.append(export_qdc(qdc, book, uncounted=uncounted))
    if not quiet:
        out.print("wrote " + ", ".join(map(str, written)), markup=False)
