"""The codebook in force as a table: dimensions, labels, definitions and pattern counts per language.

What ``toolkit codebook show`` prints and ``toolkit codebook export`` writes
(CSV, or Markdown a paper can append). Pattern counts are the rules of each
``<lang>/<dimension>.jsonl`` after user codebooks are merged; labels that
follow from another dimension (``implied_by``) say so.
"""

from __future__ import annotations

import pandas as pd

from .._markdown import markdown_table
from ._load import Codebook


def _implied_text(label) -> str:
    """``"cause.external_attack; event.act_committed (negated)"`` for a label's ``implied_by``."""
    parts = []
    for imp in label.implied_by:
        text = f"{imp.dimension}.{imp.label}" if imp.label else f"any {imp.dimension}"
        if imp.negated is not None:
            text += " (negated)" if imp.negated else " (asserted)"
        parts.append(text)
    return "; ".join(parts)


def codebook_table(book: Codebook) -> pd.DataFrame:
    """One row per (dimension, label), in codebook order, with a ``patterns_<lang>`` column per language.

    Columns: ``dimension, column, cardinality, description, label, definition, implied_by, patterns_<lang>…``.
    ``column`` is empty for dimensions that only feed claims (cause, event, responsibility).
    """
    langs = sorted(book.languages)
    counts = {
        lang: pd.Series([(r.dimension, r.label) for r in book.language(lang).rules.values()]).value_counts().to_dict()
        for lang in langs
    }
    rows = []
    for name, dim in book.dimensions.items():
        for label in dim.labels.values():
            rows.append(
                {
                    "dimension": name,
                    "column": dim.column or "",
                    "cardinality": dim.cardinality,
                    "description": dim.description,
                    "label": label.name,
                    "definition": label.definition,
                    "implied_by": _implied_text(label),
                    **{f"patterns_{lang}": int(counts[lang].get((name, label.name), 0)) for lang in langs},
                }
            )
    return pd.DataFrame(rows)


def codebook_markdown(book: Codebook) -> str:
    """The codebook as Markdown: one section per dimension with a label table."""
    table = codebook_table(book)
    langs = [c for c in table.columns if c.startswith("patterns_")]
    lines = [f"# Codebook (digest {book.digest[:12]})", ""]
    for name, group in table.groupby("dimension", sort=False):
        first = group.iloc[0]
        column = f"column `{first['column']}`" if first["column"] else "claims only"
        lines += [f"## {name}", "", f"{first['description']} ({first['cardinality']}-label; {column})", ""]
        header = ["label", "definition", "also set by", *(f"patterns ({c.removeprefix('patterns_')})" for c in langs)]
        rows = (
            [f"`{row.label}`", row.definition, row.implied_by, *(str(getattr(row, c)) for c in langs)]
            for row in group.itertuples(index=False)
        )
        lines += [markdown_table(header, rows), ""]
    return "\n".join(lines)
