"""``toolkit import-qda``: a REFI-QDA project coded by people as gold.csv (and links.csv)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..codebook import load_codebook
from ._util import CodebookOption, QuietOption, app, out, user_errors


@app.command("import-qda")
def import_qda_cli(
    path: Annotated[Path, typer.Argument(help="A REFI-QDA project: FILE.qdpx, or a project.qde.")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Directory for gold.csv (and links.csv).")],
    codebook: CodebookOption = None,
    quiet: QuietOption = False,
) -> None:
    """Read the people's coding (codes matched by GUID or name) in the format `toolkit evaluate` and `agreement` read."""
    with user_errors():
        from ..qda import import_qda

        coding = import_qda(path, load_codebook(codebook))
        written = coding.write(out_dir)
    if not quiet:
        corrective = int((coding.gold["corrective"] == "1").sum())
        out.print(
            f"{len(coding.gold)} statement(s), {corrective} corrective, {len(coding.links)} link(s) → "
            + ", ".join(map(str, written)),
            markup=False,
        )
