"""``toolkit train``: rebuild the learned coder from a coded corpus (what produced the shipped model)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..codebook import load_codebook
from ..validation.training import save_model, train_model
from ._util import CodebookOption, app, err, user_errors


@app.command("train")
def train_cli(
    corpora: Annotated[Path, typer.Option("--corpora", help="Corpora root: its train-split cases and contrast/ sets.")] = Path("corpora"),
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Directory for weights.npz and card.json.")] = Path("toolkit-out/model"),
    codebook: CodebookOption = None,
) -> None:
    """Fit the learned coder on the train split (thresholds by leave-one-case-out) and write it with its model card.

    The same corpus gives byte-identical files. Use the result with
    `toolkit analyze --model DIR`; the frozen test split is never read.
    """
    with user_errors():
        book = load_codebook(codebook)
        model = train_model(corpora, book)
        written = save_model(model, out_dir)
    targets = model.card["targets"]
    learned = sum(1 for t in targets.values() if t["decided_by"] == "gate")
    err.print(
        f"trained {model.version} on {model.card['statements']} statements of {len(model.card['cases'])} cases and "
        f"{model.card['contrast_sentences']} contrast sentences; {learned} of {len(targets)} targets decided by the "
        f"learned gate; wrote {', '.join(str(p) for p in written)}",
        markup=False,
    )
