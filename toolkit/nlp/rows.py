"""Turn analysed ``Doc`` objects into plain rows: one per tag, and the statement codes.

Rows are plain tuples so they travel cheaply between processes (issue: send
tags back, not Docs).
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..codebook import Codebook
from .extensions import IMPLIED_PREFIX, LEARNED_PREFIX, evidence_key

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
    "score",
    "nearest",
    "found_by",
)


def doc_tags(doc: Doc, book: Codebook, case_id: str, statement_id: str) -> list[tuple]:
    """Every tag of a statement with its evidence and whether it set the statement's label.

    With the learned layer (``doc._.learned``), a rule tag also carries the
    gate's probability for its label (``score``), a learned tag sits on the
    sentence that carries it with ``rule`` = the model id and the most
    similar coded training statement (``nearest``), and ``found_by`` says
    whether the rules, the model or both found the label.
    """
    evidence = doc._.evidence
    learned = doc._.learned
    scores = learned.scores if learned is not None else {}
    by_model = {(t.dimension, t.label) for t in learned.tags} if learned is not None else set()
    by_rules = set()
    rows = []
    for name, dim in book.dimensions.items():
        for span in doc.spans.get(name, []):
            found = evidence[evidence_key(span)]
            if found["counted"]:
                by_rules.add((name, span.label_))
            score = scores.get(f"{dim.column}:{span.label_}") if dim.column else None
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
                    float("nan") if score is None else round(score, 4),
                    "",
                    _found_by(found["counted"], (name, span.label_) in by_model, True),
                )
            )
    if learned is not None:
        learned_rule = f"{LEARNED_PREFIX}toolkit_learned@{learned.version}"
        for tag in learned.tags:
            rule = f"{IMPLIED_PREFIX}{tag.implied_by}:{learned_rule}" if tag.implied_by else learned_rule
            rows.append(
                (case_id, statement_id, tag.dimension, tag.label, "", 0, tag.start_char, tag.end_char, tag.text, rule,
                 "", 1, round(tag.score, 4), tag.nearest,
                 _found_by(True, True, (tag.dimension, tag.label) in by_rules))
            )
    return rows


def _found_by(counted: bool, model: bool, rules: bool) -> str:
    """``rules``, ``model`` or ``rules+model`` for a counted tag; empty for a tag that set no label."""
    if not counted:
        return ""
    return "rules+model" if model and rules else ("model" if model else "rules")


def doc_codes(doc: Doc) -> tuple[int, dict[str, str]]:
    """``corrective`` and the ``;``-joined labels per statements.csv column."""
    return doc._.corrective, {column: ";".join(labels) for column, labels in doc._.codes.items()}
