"""Turn analysed ``Doc`` objects into plain rows: one per tag, and the statement codes.

Rows are plain tuples so they travel cheaply between processes (issue: send
tags back, not Docs).
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..codebook import Codebook
from .extensions import evidence_key

TAG_COLUMNS = (
    "case_id",
    "statement_id",
    "dimension",
    "label",
    "status",
    "negated",
    "start_char",
    "end_char",
    "text",
    "rule",
    "reported_by",
    "counted",
)


def doc_tags(doc: Doc, book: Codebook, case_id: str, statement_id: str) -> list[tuple]:
    """Every tag of a statement with its evidence and whether it set the statement's label (the coder's decision)."""
    evidence = doc._.evidence
    rows = []
    for name in book.dimensions:
        for span in doc.spans.get(name, []):
            found = evidence[evidence_key(span)]
            rows.append(
                (
                    case_id,
                    statement_id,
                    name,
                    span.label_,
                    found["status"] or "",
                    int(found["negated"]),
                    span.start_char,
                    span.end_char,
                    span.text,
                    span.id_,
                    found["reported_by"] or "",
                    int(found["counted"]),
                )
            )
    return rows


def doc_codes(doc: Doc) -> tuple[int, dict[str, str]]:
    """``corrective`` and the ``;``-joined labels per statements.csv column."""
    return doc._.corrective, {column: ";".join(labels) for column, labels in doc._.codes.items()}
