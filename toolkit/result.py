"""The result of an analysis: DataFrames researchers work with, and their summaries."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .codebook import Codebook


@dataclass
class Result:
    """What ``toolkit.analyze`` returns.

    Attributes:
        statements: one row per input statement, input columns kept, plus
            ``corrective`` and one ``;``-joined label column per coded dimension.
        tags: one row per tag with its evidence (span offsets, text, rule, negation,
            attribution, status) and whether it set the statement's label (``counted``).
        codebook: the codebook in force.
    """

    statements: pd.DataFrame
    tags: pd.DataFrame
    codebook: Codebook

    def summary(self) -> pd.DataFrame:
        """Statements per dimension and label (counted tags only), in codebook order."""
        rows = [("corrective", "1", int((self.statements["corrective"] == 1).sum()))]
        for column in self.codebook.columns:
            exploded = self.statements[column].str.split(";").explode()
            counts = exploded[exploded != ""].value_counts()
            rows.extend((column, label, int(count)) for label, count in sorted(counts.items()))
        return pd.DataFrame(rows, columns=["dimension", "label", "statements"])
