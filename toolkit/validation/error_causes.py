"""Why the toolkit disagrees with a gold coding: every missed or added label of an evaluation, with a cause.

Causes are read off the rule layer's tags of the same statements. Rules fit
nothing, so this holds for a cross-validated evaluation too (its fold models
are not needed):

- ``statement_missed``: gold codes the statement corrective, the toolkit does
  not, so each of its labels is missed;
- ``words_not_counted``: rule words for the missed label are there, but
  negated, in someone else's voice, or overruled by the learned gate;
- ``other_label``: a single-label dimension for which the toolkit chose another label;
- ``no_words``: no rule words for the missed label, and the learned layer did
  not set it either: wording neither the patterns nor the model know;
- ``added_by_rules``: an added label whose rule words fired (a pattern too
  broad, or a reading the coders did not share);
- ``added_by_model``: an added label the learned layer set without rule words.

Run ``python -m toolkit.validation.error_causes EVALUATION_DIR --corpora corpora --split train dev``
on the directory ``toolkit evaluate`` wrote: it prints the counts per dimension and
cause and writes ``error-causes.csv`` beside ``evaluation-disagreements.csv``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from ..codebook import Codebook, load_codebook
from ..io.tables import read_table, write_table

CAUSE_COLUMNS = ["case_id", "statement_id", "dimension", "label", "kind", "cause"]


def error_causes(disagreements: pd.DataFrame, tags: pd.DataFrame, book: Codebook) -> pd.DataFrame:
    """One row per missed or added label of ``disagreements`` (``Evaluation.disagreements``), with its cause.

    ``tags``: the rule layer's ``tags.csv`` rows for the same statements (``toolkit analyze --rules-only``).
    """
    key = ["case_id", "statement_id"]
    column_of = {dim.column: name for name, dim in book.dimensions.items() if dim.column}
    fired = set(zip(tags["case_id"], tags["statement_id"], tags["dimension"], tags["label"]))
    missed_statements = set(
        map(tuple, disagreements.loc[(disagreements["dimension"] == "corrective") & (disagreements["missed"] == "1"), key].values)
    )
    rows = []
    for row in disagreements[disagreements["dimension"] != "corrective"].itertuples(index=False):
        dimension = column_of.get(row.dimension, row.dimension)
        single = book.dimensions[dimension].cardinality == "single" if dimension in book.dimensions else False
        for label in filter(None, str(row.missed).split(";")):
            here = (row.case_id, row.statement_id, dimension, label)
            if (row.case_id, row.statement_id) in missed_statements:
                cause = "statement_missed"
            elif single and row.extra:
                cause = "other_label"
            elif here in fired:
                cause = "words_not_counted"
            else:
                cause = "no_words"
            rows.append((row.case_id, row.statement_id, row.dimension, label, "missed", cause))
        for label in filter(None, str(row.extra).split(";")):
            here = (row.case_id, row.statement_id, dimension, label)
            rows.append((row.case_id, row.statement_id, row.dimension, label, "added",
                         "added_by_rules" if here in fired else "added_by_model"))
    return pd.DataFrame(rows, columns=CAUSE_COLUMNS)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m toolkit.validation.error_causes", description=__doc__.splitlines()[0])
    parser.add_argument("evaluation", type=Path, help="a directory `toolkit evaluate` wrote")
    parser.add_argument("--corpora", type=Path, required=True)
    parser.add_argument("--split", nargs="+", default=None)
    args = parser.parse_args(argv)
    from ..engine import analyze
    from .corpora import read_corpora

    book = load_codebook()
    corpus = read_corpora(args.corpora, split=args.split)
    tags = analyze(corpus.statements, rules_only=True).tags
    causes = error_causes(read_table(args.evaluation / "evaluation-disagreements.csv"), tags, book)
    write_table(causes, args.evaluation / "error-causes.csv")
    table = causes.groupby(["dimension", "kind", "cause"], sort=False).size().rename("labels").reset_index()
    print(table.to_string(index=False))


if __name__ == "__main__":
    main()
