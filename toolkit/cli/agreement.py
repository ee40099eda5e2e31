"""``toolkit agreement``: agreement between two human codings of the same statements."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..evaluation import agreement
from ._util import CodebookOption, app, err, user_errors
from .evaluate import print_evaluation


@app.command("agreement")
def agreement_cli(
    coder_a: Annotated[Path, typer.Argument(help="Coder A's coding (the reference for precision and recall).")],
    coder_b: Annotated[Path, typer.Argument(help="Coder B's coding of the same statements.")],
    links_a: Annotated[Optional[Path], typer.Option("--links-a", help="Coder A's links.")] = None,
    links_b: Annotated[Optional[Path], typer.Option("--links-b", help="Coder B's links.")] = None,
    out_dir: Annotated[Optional[Path], typer.Option("--out", "-o", help="Also write the figures (CSV/Markdown) here.")] = None,
    codebook: CodebookOption = None,
) -> None:
    """Krippendorff's alpha, Cohen's kappa and B-against-A precision/recall/F1 per dimension and label."""
    with user_errors():
        evaluation = agreement(coder_a, coder_b, links_a=links_a, links_b=links_b, codebook=codebook)
        written = evaluation.write(out_dir) if out_dir else []
    print_evaluation(evaluation)
    if written:
        err.print(f"wrote {len(written)} files to {out_dir}", markup=False)
