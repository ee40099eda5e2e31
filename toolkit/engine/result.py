"""The result of an analysis: DataFrames researchers work with, and their summaries."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..codebook import Codebook, CodebookDirs, load_codebook
from ..errors import Errors
from ..io import ROW, TABLES, TIME, read_table


@dataclass
class LabelCounts:
    """Running counts of statements per label (and the languages seen), fed chunk by chunk or at once."""

    statements: int = 0
    tags: int = 0
    counts: Counter = field(default_factory=Counter)
    columns: list[str] = field(default_factory=list)
    languages: set[str] = field(default_factory=set)

    def add(self, statements: pd.DataFrame, tags: pd.DataFrame) -> None:
        self.statements += len(statements)
        self.languages.update(statements["language"])
        self.tags += len(tags)
        self.counts[("corrective", "1")] += int((statements["corrective"] == 1).sum())
        for column in self.columns:
            for cell in statements[column].tolist():
                for label in filter(None, cell.split(";")):
                    self.counts[(column, label)] += 1

    def summary(self) -> pd.DataFrame:
        """Statements per dimension and label, in codebook order."""
        rows = [("corrective", "1", self.counts[("corrective", "1")])]
        for column in self.columns:
            rows.extend((c, label, n) for (c, label), n in sorted(self.counts.items()) if c == column)
        return pd.DataFrame(rows, columns=["dimension", "label", "statements"])


@dataclass
class Result:
    """What ``toolkit.analyze`` returns.

    Attributes:
        statements: one row per input statement, input columns kept, plus
            ``corrective`` and one ``;``-joined label column per coded dimension.
        tags: one row per tag with its evidence (span offsets, text, rule, negation,
            attribution, status) and whether it set the statement's label (``counted``).
        claims: one row per claim (CODEBOOK §6) with its verdict against later evidence.
        links: one row per (claim, later statement, relation) with rule, spans, lag and strength.
        cases: one row per case: timeline metrics and verdict counts.
        codebook: the codebook in force.
    """

    statements: pd.DataFrame
    tags: pd.DataFrame
    claims: pd.DataFrame
    links: pd.DataFrame
    cases: pd.DataFrame
    codebook: Codebook

    def case(self, case_id: str) -> "CaseView":
        """One case's statements, tags, claims, links and timeline metrics together."""
        if case_id not in set(self.cases["case_id"]):
            raise KeyError(Errors.E030.format(value=case_id, allowed=", ".join(map(str, self.cases["case_id"]))))
        pick = lambda frame: frame[frame["case_id"] == case_id].reset_index(drop=True)  # noqa: E731
        metrics = self.cases.set_index("case_id").loc[case_id]
        return CaseView(
            case_id, pick(self.statements), pick(self.tags), pick(self.claims), pick(self.links), metrics,
            list(self.codebook.columns), self.codebook,
        )

    def statement(self, case_id: str, statement_id: str) -> "StatementView":
        """One statement with its tags, claims and links (renders highlighted in Jupyter)."""
        rows = self.statements[(self.statements["case_id"] == case_id) & (self.statements["statement_id"] == statement_id)]
        if rows.empty:
            raise KeyError(Errors.E031.format(value=statement_id, case=case_id))
        pick = lambda frame, column="statement_id": frame[  # noqa: E731
            (frame["case_id"] == case_id) & (frame[column] == statement_id)
        ].reset_index(drop=True)
        links = self.links[
            (self.links["case_id"] == case_id)
            & ((self.links["claim_statement_id"] == statement_id) | (self.links["evidence_statement_id"] == statement_id))
        ].reset_index(drop=True)
        return StatementView(
            case_id, statement_id, rows.iloc[0], pick(self.tags), pick(self.claims), links, list(self.codebook.columns)
        )

    def _repr_html_(self) -> str:
        from ..report.display import result_html

        return result_html(self)

    def summary(self) -> pd.DataFrame:
        """Statements per dimension and label (counted tags only), in codebook order."""
        counts = LabelCounts(columns=list(self.codebook.columns))
        counts.add(self.statements, self.tags)
        return counts.summary()


@dataclass
class CaseView:
    """Everything the toolkit knows about one case."""

    case_id: str
    statements: pd.DataFrame
    tags: pd.DataFrame
    claims: pd.DataFrame
    links: pd.DataFrame
    metrics: pd.Series
    columns: list[str] = field(default_factory=list)
    codebook: Codebook | None = None

    def _repr_html_(self) -> str:
        from ..report.display import case_html

        return case_html(self, self.columns)


@dataclass
class StatementView:
    """One statement: its row, tags (with evidence), claims and the links it takes part in."""

    case_id: str
    statement_id: str
    row: pd.Series
    tags: pd.DataFrame
    claims: pd.DataFrame
    links: pd.DataFrame
    columns: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return str(self.row["text"])

    def _repr_html_(self) -> str:
        from ..report.display import statement_html

        return statement_html(self)


TYPES: dict[str, dict[str, str]] = {
    "statements": {ROW: "int64", TIME: "datetime64[us, UTC]", "corrective": "int64"},
    "tags": {"negated": "int64", "start_char": "int64", "end_char": "int64", "counted": "int64", "score": "float64"},
    "claims": {"start_char": "int64", "end_char": "int64", "first_contradiction_lag_seconds": "Int64", "first_support_lag_seconds": "Int64"},
    "links": {"lag_seconds": "Int64", "score": "float64"},
    "cases": {
        **dict.fromkeys(("statements", "corrective_statements", "claims", "contradicted", "supported", "disputed", "uncontested"), "int64"),
        **dict.fromkeys(("lag_incident_to_corrective_seconds", "lag_corrective_to_contradiction_seconds"), "Int64"),
    },
}
"""Columns that are not text, per table: what :func:`read_result` restores."""


def read_result(directory: str | Path, *, codebook: CodebookDirs = None) -> Result:
    """The five tables ``toolkit analyze`` wrote to ``directory``, read back as a typed :class:`Result`.

    Text cells are exactly as analysed (formula escapes undone); counts, offsets
    and flags are integers, lags nullable integers (empty when unknown).
    """
    tables = {}
    for table in TABLES:
        frame = read_table(Path(directory) / f"{table}.csv")
        types = {c: t for c, t in TYPES[table].items() if c in frame.columns}
        tables[table] = frame.astype({c: "string" for c in types}).replace({c: {"": None} for c in types}).astype(types)
    return Result(**tables, codebook=load_codebook(codebook))
