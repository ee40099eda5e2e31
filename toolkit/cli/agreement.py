"""``toolkit agreement``: agreement between two human codings of the same statements."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import Errors, InputError
from ..validation.evaluation import agreement, agreement_corpora
from ._util import CodebookOption, app, err, user_errors
from .evaluate import print_evaluation


@app.command("agreement")
def agreement_cli(
    coder_a: Annotated[Optional[Path], typer.Argument(help="Coder A's coding (the reference for precision and recall).")] = None,
    coder_b: Annotated[Optional[Path], typer.Argument(help="Coder B's coding of the same statements.")] = None,
    links_a: Annotated[Optional[Path], typer.Option("--links-a", help="Coder A's links.")] = None,
    links_b: Annotated[Optional[Path], typer.Option("--links-b", help="Coder B's links.")] = None,
    corpora: Annotated[
        Optional[Path], typer.Option("--corpora", help="A corpora root: coder_a.csv against coder_b.csv (and links) of every case.")
    ] = None,
    split: Annotated[Optional[str], typer.Option("--split", help="With --corpora: only the cases of train, dev or test.")] = None,
    out_dir: Annotated[Optional[Path], typer.Option("--out", "-o", help="Also write the figures (CSV/Markdown) here.")] = None,
    codebook: CodebookOption = None,
) -> None:
    """Krippendorff's alpha, Cohen's kappa and B-against-A precision/recall/F1 per dimension and label.

    Either CODER_A CODER_B (with --links-a/--links-b), or --corpora DIR [--split S].
    """
    with user_errors():
        if corpora is not None:
            if coder_a is not None or coder_b is not None or links_a is not None or links_b is not None:
                raise InputError(Errors.E088)
            evaluation = agreement_corpora(corpora, split=split, codebook=codebook)
        else:
            if coder_a is None or coder_b is None or split is not None:
                raise InputError(Errors.E088)
            evaluation = agreement(coder_a, coder_b, links_a=links_a, links_b=links_b, codebook=codebook)
        written = evaluation.write(out_dir) if out_dir else []
    print_evaluation(evaluation)
    if written:
        err.print(f"wrote {len(written)} files to {out_dir}", markup=False)
