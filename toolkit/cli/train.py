"""``toolkit train``: rebuild the learned coder from a coded corpus (what produced the shipped model)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..codebook import load_codebook
from ..validation.pair_training import save_pair_model, train_pairs
from ..validation.training import save_model, train_model
from ._util import CodebookOption, app, err, user_errors


@app.command("train")
def train_cli(
    corpora: Annotated[Path, typer.Option("--corpora", help="Corpora root: its train-split cases and contrast/ sets.")] = Path("corpora"),
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", help="Directory for weights.npz, card.json and the pair model's pair_weights.npz, pair_card.json.")
    ] = Path("toolkit-out/model"),
    codebook: CodebookOption = None,
) -> None:
    """Fit the learned coder and the pair model on the train split (thresholds by leave-one-case-out) and write them
    with their model cards.

    The pair model learns from the training cases as the new coder analyses them. The same corpus gives
    byte-identical files. Use the result with
    `toolkit analyze --model DIR`; the frozen test split is never read.
    """
    with user_errors():
        book = load_codebook(codebook)
        model = train_model(corpora, book)
        written = save_model(model, out_dir)
        pair = train_pairs(corpora, book, str(out_dir.resolve()))
        written += save_pair_model(pair, out_dir)
    targets = model.card["targets"]
    learned = sum(1 for t in targets.values() if t["decided_by"] == "gate")
    err.print(
        f"trained {model.version} on {model.card['statements']} statements of {len(model.card['cases'])} cases and "
        f"{model.card['contrast_sentences']} contrast sentences; {learned} of {len(targets)} targets decided by the "
        f"learned gate; pair model links F1 (leave-one-case-out) {pair.card['cv']['rules']['all']['f1']:.2f} with the "
        f"rules alone, {pair.card['cv']['rules+model']['all']['f1']:.2f} with the model; wrote {', '.join(str(p) for p in written)}",
        markup=False,
    )
