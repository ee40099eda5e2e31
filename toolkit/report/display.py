"""HTML for Jupyter: a result, a case and a statement, spans highlighted as in the reports.

``Result``, ``CaseView`` and ``StatementView`` call these from their
``_repr_html_``. Spans are drawn by :func:`toolkit.report.highlight.highlight_html`
(the same function the reports use); the page around them is the Jinja2
template ``templates/notebook.html``, rendered with autoescape.
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from .highlight import highlight_html
from .render import render

MAX_STATEMENTS = 20
CASE_COLUMNS = (
    "case_id", "statements", "corrective_statements", "claims", "contradicted", "supported", "disputed", "uncontested",
    "lag_corrective_to_contradiction_seconds",
)


def _render(kind: str, item: SimpleNamespace) -> str:
    """The notebook template, through the reports' one Jinja environment and stylesheet."""
    return render("notebook.html", kind=kind, item=item)


def _statement_context(row: pd.Series, tags: pd.DataFrame, columns: list[str]) -> SimpleNamespace:
    key = f"{row['case_id']}-{row['statement_id']}"
    return SimpleNamespace(
        case_id=row["case_id"],
        statement_id=row["statement_id"],
        speaker=row.get("speaker", ""),
        speaker_role=row.get("speaker_role", ""),
        timestamp=row.get("timestamp", ""),
        language=row.get("language", ""),
        corrective=str(row.get("corrective", "0")) == "1",
        codes=[(column, row.get(column, "")) for column in columns],
        highlighted=highlight_html(str(row["text"]), tags, footnote_prefix=key),
    )


def _tags_of(tags: pd.DataFrame, case_id: str, statement_id: str) -> pd.DataFrame:
    return tags[(tags["case_id"] == case_id) & (tags["statement_id"] == statement_id)].reset_index(drop=True)


def _link_rows(links: pd.DataFrame) -> list[SimpleNamespace]:
    unique = links.drop_duplicates(["claim_statement_id", "evidence_statement_id", "relation", "rule"])
    return [
        SimpleNamespace(
            claim=f"{row.claim_statement_id}: {row.claim_text}",
            relation=row.relation,
            evidence=f"{row.evidence_statement_id}: {row.evidence_text}",
            rule=row.rule,
            lag=row.lag_seconds,
            strength=row.strength,
        )
        for row in unique.itertuples(index=False)
    ]


def statement_html(view) -> str:
    """HTML of a :class:`~toolkit.engine.StatementView`."""
    item = _statement_context(view.row, view.tags, view.columns)
    item.links = [
        f"{r.claim_statement_id} {r.relation} by {r.evidence_statement_id} ({r.rule})"
        for r in view.links.drop_duplicates(["claim_statement_id", "evidence_statement_id", "relation"]).itertuples()
    ]
    return _render("statement", item)


def case_html(view, columns: list[str]) -> str:
    """HTML of a :class:`~toolkit.engine.CaseView`: metrics, every statement highlighted, links."""
    statements = [
        _statement_context(row, _tags_of(view.tags, row["case_id"], row["statement_id"]), columns)
        for _, row in view.statements.iterrows()
    ]
    metrics = [(key, value) for key, value in view.metrics.items() if str(value) != ""]
    item = SimpleNamespace(case_id=view.case_id, metrics=metrics, statements=statements, links=_link_rows(view.links))
    return _render("case", item)


def result_html(result, limit: int = MAX_STATEMENTS) -> str:
    """HTML of a :class:`~toolkit.engine.Result`: per-case figures and the first corrective statements."""
    columns = list(result.codebook.columns)
    corrective = result.statements[result.statements["corrective"].astype(str) == "1"]
    shown = [
        _statement_context(row, _tags_of(result.tags, row["case_id"], row["statement_id"]), columns)
        for _, row in corrective.head(limit).iterrows()
    ]
    case_columns = [c for c in CASE_COLUMNS if c in result.cases.columns]
    item = SimpleNamespace(
        n_statements=len(result.statements),
        n_cases=len(result.cases),
        n_tags=len(result.tags),
        n_claims=len(result.claims),
        n_links=len(result.links),
        n_corrective=len(corrective),
        case_columns=case_columns,
        case_rows=result.cases[case_columns].astype(str).values.tolist(),
        shown=shown,
        truncated=len(corrective) > limit,
    )
    return _render("result", item)
